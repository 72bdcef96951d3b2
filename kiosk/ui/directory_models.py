"""The directory screen's in-memory index (bitsets per filter) and its results list model.

Everything a tap needs is computed once when the screen loads the directory: each filter
and each state is a Python int used as a bitset over all facilities, so a filter change or
a live count is a few big-integer ANDs and popcounts, never SQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kiosk.domain import DIRECTORY_LEVELS, FacilitySummary
from kiosk.store.directory import haversine_miles
from kiosk.ui import theme

Index = QModelIndex | QPersistentModelIndex
FacilityIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2

#: The level-of-care group: a facility matches when it offers ANY chosen level.
LEVEL_GROUP = "level"

#: With a ZIP: every program within this many miles, or at least the nearest few.
ZIP_RADIUS_MILES = 60.0
ZIP_MIN_RESULTS = 20


@dataclass(frozen=True)
class FilterDef:
    """One chip: `key`, the group it belongs to, and the service codes (any of) it means."""

    key: str
    group: str
    codes: frozenset[str]
    label: str = ""


def _popcount(mask: int) -> int:
    return mask.bit_count()


def _mask(rows: list[int], size: int) -> int:
    """A bitset (Python int) with the bits of `rows` set, built in one pass."""
    bits = bytearray((size + 7) // 8)
    for i in rows:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


class DirectoryIndexBuilder:
    """Builds a DirectoryIndex a batch at a time, so loading never blocks a frame for long."""

    def __init__(self, filters: Iterable[FilterDef]) -> None:
        self.filters: dict[str, FilterDef] = {f.key: f for f in filters}
        self.facilities: list[FacilitySummary] = []
        self.state_rows: dict[str, list[int]] = {}
        self._for_code: dict[str, list[str]] = {}
        for f in self.filters.values():
            for code in f.codes:
                self._for_code.setdefault(code, []).append(f.key)
        self._wanted = frozenset(self._for_code)
        self._members: dict[str, list[int]] = {key: [] for key in self.filters}

    def add(self, batch: Iterable[FacilitySummary]) -> None:
        members, for_code, wanted = self._members, self._for_code, self._wanted
        for facility in batch:
            i = len(self.facilities)
            self.facilities.append(facility)
            self.state_rows.setdefault(facility.state, []).append(i)
            keys: set[str] = set()
            for code in facility.codes & wanted:
                keys.update(for_code[code])
            keys.update(level for level in facility.levels if level in members)
            for key in keys:
                members[key].append(i)

    def finish(self) -> DirectoryIndex:
        return DirectoryIndex(self.facilities, self.filters, self.state_rows, self._members)


class DirectoryIndex:
    """All facilities in memory with a bitset per state and per filter."""

    def __init__(self, facilities: list[FacilitySummary], filters: dict[str, FilterDef],
                 state_rows: dict[str, list[int]], members: dict[str, list[int]]) -> None:
        self.facilities = facilities
        self.filters = filters
        self.state_rows = state_rows
        size = len(facilities)
        self.all_mask = (1 << size) - 1
        self.filter_mask = {key: _mask(rows, size) for key, rows in members.items()}
        self.state_mask = {state: _mask(rows, size) for state, rows in state_rows.items()}

    @classmethod
    def build(cls, facilities: Iterable[FacilitySummary],
              filters: Iterable[FilterDef]) -> DirectoryIndex:
        builder = DirectoryIndexBuilder(filters)
        builder.add(facilities)
        return builder.finish()

    def __len__(self) -> int:
        return len(self.facilities)

    # ---------------------------------------------------------------- places --
    def state_place(self, state: str) -> Place:
        rows = self.state_rows.get(state, [])
        return Place(rows=rows, mask=self.state_mask.get(state, 0), distances=None)

    def zip_place(self, origin: tuple[float, float], radius: float = ZIP_RADIUS_MILES,
                  minimum: int = ZIP_MIN_RESULTS) -> Place:
        lat, lon = origin
        found: list[tuple[float, int]] = []
        for i, f in enumerate(self.facilities):
            if f.latitude is None or f.longitude is None:
                continue
            found.append((haversine_miles(lat, lon, f.latitude, f.longitude), i))
        found.sort()
        keep = [pair for pair in found if pair[0] <= radius]
        if len(keep) < minimum:
            keep = found[:minimum]
        mask = 0
        for _, i in keep:
            mask |= 1 << i
        return Place(rows=[i for _, i in keep], mask=mask,
                     distances={i: miles for miles, i in keep})

    # --------------------------------------------------------------- filters --
    def match_mask(self, place: Place, chosen: Iterable[str], skip: str = "") -> int:
        """Facilities in `place` matching every chosen filter (levels: any chosen level)."""
        mask = place.mask
        levels = 0
        for key in chosen:
            if key == skip:
                continue
            definition = self.filters.get(key)
            if definition is None:
                continue
            if definition.group == LEVEL_GROUP:
                levels |= self.filter_mask[key]
            else:
                mask &= self.filter_mask[key]
        if levels:
            mask &= levels
        return mask

    def rows(self, place: Place, chosen: Iterable[str]) -> list[int]:
        mask = self.match_mask(place, chosen)
        if mask == place.mask:
            return list(place.rows)
        return [i for i in place.rows if (mask >> i) & 1]

    def live_counts(self, place: Place, chosen: set[str]) -> dict[str, int]:
        """For each filter: how many facilities would show with it turned on."""
        counts: dict[str, int] = {}
        level_keys = [k for k in chosen if self.filters[k].group == LEVEL_GROUP]
        others = self.match_mask(place, [k for k in chosen if k not in level_keys])
        for key, definition in self.filters.items():
            if definition.group == LEVEL_GROUP:
                counts[key] = _popcount(others & self.filter_mask[key])
            else:
                counts[key] = _popcount(
                    self.match_mask(place, chosen, skip=key) & self.filter_mask[key]
                )
        return counts

    def best_filter_to_drop(self, place: Place, chosen: set[str]) -> tuple[str, int] | None:
        """The chosen filter whose removal shows the most programs (None if nothing helps)."""
        best: tuple[str, int] | None = None
        for key in sorted(chosen):
            n = _popcount(self.match_mask(place, chosen, skip=key))
            if n and (best is None or n > best[1]):
                best = (key, n)
        return best


@dataclass(frozen=True)
class Place:
    """Where the visitor is looking: rows in display order, their mask, miles (ZIP only)."""

    rows: list[int]
    mask: int
    distances: dict[int, float] | None


def distance_text(miles: float, approximate: bool) -> str:
    if miles < 0.1:
        miles = 0.1
    number = f"{miles:.1f}" if miles < 10 else f"{miles:.0f}"
    return f"about {number} mi" if approximate else f"{number} mi"


class FacilityListModel(QAbstractListModel):
    """Results: two lines per facility (name; city, phone, miles). Thin over the index."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._index: DirectoryIndex | None = None
        self._rows: list[int] = []
        self._distances: dict[int, float] | None = None

    def set_rows(self, index: DirectoryIndex | None, rows: list[int],
                 distances: dict[int, float] | None = None) -> None:
        self.beginResetModel()
        self._index = index
        self._rows = rows
        self._distances = distances
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(None, [])

    def summary(self, row: int) -> FacilitySummary:
        assert self._index is not None
        return self._index.facilities[self._rows[row]]

    def distance(self, row: int) -> float | None:
        if self._distances is None:
            return None
        return self._distances.get(self._rows[row])

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or self._index is None:
            return None
        facility = self._index.facilities[self._rows[index.row()]]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            second = f"{facility.phone} · {facility.city}, {facility.state}"
            miles = self.distance(index.row())
            if miles is not None:
                second = distance_text(miles, facility.position_approximate) + " · " + second
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{facility.name}, {second}"
            return f"{facility.name}\n{second}"
        if role == FacilityIdRole:
            return facility.id
        if role == SummaryRole:
            return facility
        return None


LEVEL_FILTERS: tuple[FilterDef, ...] = tuple(
    FilterDef(level, LEVEL_GROUP, frozenset()) for level in DIRECTORY_LEVELS
)


class FacilityDelegate(QStyledItemDelegate):
    """Paints a result row directly (two lines, bold name): far cheaper than the style sheet
    path, so a filter change repaints the list inside one frame."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ink = QColor(theme.INK)
        self._muted = QColor(theme.MUTED)
        self._selected = QColor(theme.CALM)
        self._rule = QColor("#ece8df")

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold, plain = self._fonts(option)
        height = QFontMetrics(bold).lineSpacing() + QFontMetrics(plain).lineSpacing() + 22
        return QSize(200, max(height, theme.MIN_TOUCH_PX))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return
        first, _, second = text.partition("\n")
        rect = option.rect
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, self._selected)
        painter.setPen(self._rule)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        bold, plain = self._fonts(option)
        inner = rect.adjusted(14, 10, -10, -10)
        bold_metrics, plain_metrics = QFontMetrics(bold), QFontMetrics(plain)
        painter.setFont(bold)
        painter.setPen(self._ink)
        line = inner.adjusted(0, 0, 0, -(inner.height() - bold_metrics.lineSpacing()))
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         bold_metrics.elidedText(first, Qt.TextElideMode.ElideRight,
                                                 inner.width()))
        painter.setFont(plain)
        painter.setPen(self._ink if selected else self._muted)
        line = inner.adjusted(0, bold_metrics.lineSpacing(), 0, 0)
        painter.drawText(line, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         plain_metrics.elidedText(second, Qt.TextElideMode.ElideRight,
                                                  inner.width()))
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QColor("#e0a400"))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

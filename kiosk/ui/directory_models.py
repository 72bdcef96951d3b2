"""The directory screen's results list: a thin Qt model over the index, and its painter.

The index itself (bitsets per filter and per state) is Qt-free in
kiosk.present.directory_index; this module only adapts its rows to a QListView.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kiosk.domain import FacilitySummary
from kiosk.present.directory_index import DirectoryIndex
from kiosk.present.facility import distance_text, street_line
from kiosk.ui import theme

Index = QModelIndex | QPersistentModelIndex
FacilityIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
#: Lists narrower than this (px) give names and details two lines each instead of cutting
#: them off after one.
WRAP_BELOW_PX = 640


def _tr(text: str) -> str:
    # The directory screen's context: a distance reads the same in the list and the detail.
    return QCoreApplication.translate("DirectoryScreen", text)


class FacilityListModel(QAbstractListModel):
    """Results: two lines per facility (name; miles, street, city, phone). Thin adapter."""

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
            # The street tells same-name programs (one agency's several sites) apart.
            place = ", ".join(x for x in (street_line(facility.street1, facility.street2),
                                          facility.city) if x)
            second = f"{place}, {facility.state} · {facility.phone}".strip(" ·")
            miles = self.distance(index.row())
            if miles is not None:
                second = (distance_text(miles, facility.position_approximate, _tr) + " · "
                          + second)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{facility.name}, {second}"
            return f"{facility.name}\n{second}"
        if role == FacilityIdRole:
            return facility.id
        if role == SummaryRole:
            return facility
        return None


def wrapped(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """`text` broken at spaces into at most `most` lines of `width` pixels; only the last
    line, if the text still does not fit, ends in an ellipsis."""
    lines: list[str] = []
    rest = text
    while rest and len(lines) < most - 1:
        if metrics.horizontalAdvance(rest) <= width:
            break
        words = rest.split(" ")
        cut = 1
        while cut < len(words) and metrics.horizontalAdvance(" ".join(words[:cut + 1])) <= width:
            cut += 1
        lines.append(_fit(" ".join(words[:cut]), metrics, width))
        rest = " ".join(words[cut:])
    if rest:
        lines.append(_fit(rest, metrics, width))
    return lines


def _fit(line: str, metrics: QFontMetrics, width: int) -> str:
    # elidedText measures a little differently from horizontalAdvance; only cut what the
    # wrapping could not make fit.
    if metrics.horizontalAdvance(line) <= width:
        return line
    return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)


class FacilityDelegate(QStyledItemDelegate):
    """Paints a result row directly (two lines, bold name): far cheaper than the style sheet
    path, so a filter change repaints the list inside one frame."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.wrap = False

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        bold, plain = self._fonts(option)
        lines = 2 if self.wrap else 1
        height = lines * (QFontMetrics(bold).lineSpacing() + QFontMetrics(plain).lineSpacing())
        return QSize(200, max(height + 22, theme.MIN_TOUCH_PX))

    def set_wrap(self, wrap: bool) -> bool:
        """Two lines each for the name and the details (a narrow list), or one; True if
        that changed, so the view lays its rows out again."""
        changed = wrap != self.wrap
        self.wrap = wrap
        return changed

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return
        first, _, second = text.partition("\n")
        rect = option.rect
        painter.save()
        colours = theme.colours()  # read now: the visitor may have switched themes
        ink, muted = QColor(colours.ink), QColor(colours.muted)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, QColor(colours.selected))
            painter.fillRect(rect.adjusted(0, 0, -(rect.width() - 6), 0),
                             QColor(colours.accent))
        painter.setPen(QColor(colours.rule))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        bold, plain = self._fonts(option)
        inner = rect.adjusted(14, 10, -10, -10)
        lines = 2 if self.wrap else 1
        top = inner.top()
        for font, pen, part in ((bold, ink, first), (plain, ink if selected else muted, second)):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(pen)
            for line in wrapped(part, metrics, inner.width(), lines):
                painter.drawText(inner.left(), top + metrics.ascent(), line)
                top += metrics.lineSpacing()
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QColor(colours.focus_on_light))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


class ResultsView(QListView):
    """The results list: rows grow to two lines a part when the list is narrow."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        delegate = self.itemDelegate()
        if (isinstance(delegate, FacilityDelegate)
                and delegate.set_wrap(self.viewport().width() < WRAP_BELOW_PX)):
            # Every row has the same height; lay them out again for the new one.
            self.doItemsLayout()

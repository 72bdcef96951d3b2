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
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from kiosk.domain import FacilitySummary
from kiosk.present.directory_index import DirectoryIndex
from kiosk.present.facility import distance_text, street_line
from kiosk.present.hours import status
from kiosk.present.local_program import now_here
from kiosk.store.local_sources import ID_PREFIX as LOCAL_ID_PREFIX
from kiosk.ui import theme

Index = QModelIndex | QPersistentModelIndex
FacilityIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2


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
        #: The kiosk's clock, for a local program's "Open now" in its row.
        self.clock = now_here

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
            if facility.id.startswith(LOCAL_ID_PREFIX):  # a library's own list: say so
                hours = status(facility.hours, self.clock(), _tr)
                second = " · ".join([_tr("Local service"), *([hours.text] if hours.known
                                                              else []), second])
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


class FacilityDelegate(QStyledItemDelegate):
    """Paints a result row directly (two lines, bold name): far cheaper than the style sheet
    path, so a filter change repaints the list inside one frame."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ink = QColor(theme.INK)
        self._muted = QColor(theme.MUTED)
        self._selected = QColor(theme.SELECTED)
        self._accent = QColor(theme.ACCENT)
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
            painter.fillRect(rect.adjusted(0, 0, -(rect.width() - 6), 0), self._accent)
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

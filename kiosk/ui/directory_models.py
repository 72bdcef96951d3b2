"""The directory screen's results list: a thin Qt model over the index, and its painter.

The index itself (bit arrays per filter) is Qt-free in kiosk.present.directory_index; this
module only adapts its rows to the view that lists them (ProgramList).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QResizeEvent,
    QShowEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from kiosk.domain import FacilitySummary
from kiosk.present.directory_index import DirectoryIndex
from kiosk.present.facility import distance_text, street_line
from kiosk.present.hours import status
from kiosk.present.local_program import now_here
from kiosk.store.local_sources import ID_PREFIX as LOCAL_ID_PREFIX
from kiosk.ui import theme
from kiosk.ui.widgets.recent_cache import RecentCache
from kiosk.ui.widgets.touch import break_lines

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
                hours = status(self._index.hours.get(self._rows[index.row()]), self.clock(),
                               _tr)
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


class ProgramList(QTableView):
    """The results list: one column of equal rows, painted by FacilityDelegate.

    A table view, not a list view: for a list view, laying out the rows asks the model
    about every row in Python (twice per row: 22,000 calls for a state of 11,000
    programs) after each filter tap, while a table of fixed-height rows just counts them.
    """

    def __init__(self, model: FacilityListModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProgramList")
        self.setModel(model)
        self.setItemDelegate(FacilityDelegate(self))
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        columns, rows = self.horizontalHeader(), self.verticalHeader()
        columns.hide()
        rows.hide()
        columns.setStretchLastSection(True)
        rows.setMinimumSectionSize(1)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._fit_rows()
        # New rows: the scroll bar's range at once, in the same frame as the rows. Left to
        # the view's deferred layout it would come after the rows were painted and repaint
        # the whole list a second time.
        model.modelReset.connect(self.executeDelayedItemsLayout)

    def _fit_rows(self) -> None:
        delegate = self.itemDelegate()
        wrap = isinstance(delegate, FacilityDelegate) and delegate.wrap
        self.verticalHeader().setDefaultSectionSize(
            FacilityDelegate.row_height(self.font(), 2 if wrap else 1,
                                        FacilityDelegate.detail_lines(wrap)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        delegate = self.itemDelegate()
        if (isinstance(delegate, FacilityDelegate)
                and delegate.set_wrap(self.viewport().width() < WRAP_BELOW_PX)):
            self._fit_rows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit_rows()

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_rows()  # the style sheet's font is known once the view is polished
        super().showEvent(event)


#: Lists narrower than this (px) give names and details two lines each instead of cutting
#: them off after one.
WRAP_BELOW_PX = 640
#: Rows' parts (name, details) kept broken into shaped lines at most: a few screens of
#: rows; a shaped line holds about 3.5 KiB.
LINES_KEPT = 400


def wrapped(text: str, metrics: QFontMetrics, width: int, most: int) -> list[str]:
    """`text` broken at spaces into at most `most` lines of `width` pixels; only the last
    line, if the text still does not fit, ends in an ellipsis."""
    lines = break_lines(text, metrics, width)
    if len(lines) > most:
        lines = [*lines[:most - 1], " ".join(lines[most - 1:])]
    return [_fit(line, metrics, width) for line in lines]


def _fit(line: str, metrics: QFontMetrics, width: int) -> str:
    # elidedText measures a little differently from horizontalAdvance; only cut what the
    # wrapping could not make fit.
    if metrics.horizontalAdvance(line) <= width:
        return line
    # The phone number comes last ("street, city, ST · phone") and is what a visitor copies
    # down: it stays whole, and the cut falls inside what comes before it, in the middle,
    # so the street's start and the town before the phone both show.
    head, sep, phone = line.rpartition(" · ")
    if sep and any(ch.isdigit() for ch in phone):
        room = width - metrics.horizontalAdvance(sep + phone)
        if room > 4 * metrics.horizontalAdvance("…"):
            return metrics.elidedText(head, Qt.TextElideMode.ElideMiddle, room) + sep + phone
    return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)


@dataclass(frozen=True)
class _RowLook:
    """Fonts, their metrics and colours for painting rows, in one font and theme."""

    font_key: str
    palette: object
    bold: QFont
    plain: QFont
    bold_metrics: QFontMetrics
    plain_metrics: QFontMetrics
    ink: QColor
    muted: QColor
    rule: QColor
    selected: QColor
    accent: QColor
    focus: QColor


class FacilityDelegate(QStyledItemDelegate):
    """Paints a result row directly (two lines, bold name): far cheaper than the style sheet
    path, so a filter change repaints the list inside one frame."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        #: Two lines each for the name and the details (a narrow list), or one.
        self.wrap = False
        #: A row's text as broken into lines, per font and width, each line shaped once
        #: (a QStaticText keeps its glyphs): measuring each word and shaping each line
        #: were most of a row's painting, and a filter tap repaints mostly the same rows.
        self._lines: RecentCache[tuple[str, str, int, int], list[QStaticText]] = (
            RecentCache(LINES_KEPT))
        self._row_look: _RowLook | None = None

    def set_wrap(self, wrap: bool) -> bool:
        """True if that changed, so the view sizes its rows again."""
        changed = wrap != self.wrap
        self.wrap = wrap
        return changed

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    @staticmethod
    def detail_lines(wrap: bool) -> int:
        """Lines for "street, city · phone": one, two when the list is narrow, three with
        the visitor's larger text (so the phone number is never cut)."""
        if not wrap:
            return 1
        return 3 if theme.look().text_percent > 100 else 2

    @staticmethod
    def row_height(font: QFont, lines: int = 1, detail_lines: int | None = None) -> int:
        """Every row's height in `font`: `lines` bold lines, `detail_lines` plain ones
        (as many as `lines` unless given), and the margins."""
        bold = QFont(font)
        bold.setBold(True)
        plain = lines if detail_lines is None else detail_lines
        height = (lines * QFontMetrics(bold).lineSpacing()
                  + plain * QFontMetrics(font).lineSpacing())
        return max(height + 22, theme.MIN_TOUCH_PX)

    def _wrapped(self, text: str, font: QFont, metrics: QFontMetrics, width: int,
                 most: int) -> list[QStaticText]:
        def shape() -> list[QStaticText]:
            lines = []
            for line in wrapped(text, metrics, width, most):
                shaped = QStaticText(line)
                shaped.setTextFormat(Qt.TextFormat.PlainText)
                shaped.prepare(QTransform(), font)
                lines.append(shaped)
            return lines

        return self._lines.get((text, font.key(), width, most), shape)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(200, self.row_height(option.font, 2 if self.wrap else 1,
                                          self.detail_lines(self.wrap)))

    def _look(self, option: QStyleOptionViewItem) -> _RowLook:
        # The same for every row of a paint (and for as long as the font and the theme stay
        # as they are); made afresh for each row it was a tenth of the list's painting.
        palette = theme.colours()  # the visitor may have switched themes
        key = option.font.key()
        look = self._row_look
        if look is None or look.font_key != key or look.palette is not palette:
            bold, plain = self._fonts(option)
            look = self._row_look = _RowLook(
                key, palette, bold, plain, QFontMetrics(bold), QFontMetrics(plain),
                QColor(palette.ink), QColor(palette.muted), QColor(palette.rule),
                QColor(palette.selected), QColor(palette.accent),
                QColor(palette.focus_on_light))
        return look

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str):
            return
        first, _, second = text.partition("\n")
        rect = option.rect
        painter.save()
        look = self._look(option)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, look.selected)
            painter.fillRect(rect.adjusted(0, 0, -(rect.width() - 6), 0), look.accent)
        painter.setPen(look.rule)
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        inner = rect.adjusted(14, 10, -10, -10)
        left, top, width = inner.left(), inner.top(), inner.width()
        name_most = 2 if self.wrap else 1
        name = self._wrapped(first, look.bold, look.bold_metrics, width, name_most)
        # A name shorter than its room leaves that line to the details (the row's height
        # is the same for every row; a bold line is taller than a plain one).
        spare = (name_most - len(name)) * look.bold_metrics.lineSpacing()
        detail_most = (self.detail_lines(self.wrap)
                       + spare // max(1, look.plain_metrics.lineSpacing()))
        details = self._wrapped(second, look.plain, look.plain_metrics, width, detail_most)
        for font, metrics, pen, lines in (
                (look.bold, look.bold_metrics, look.ink, name),
                (look.plain, look.plain_metrics, look.ink if selected else look.muted,
                 details)):
            painter.setFont(font)
            painter.setPen(pen)
            spacing = metrics.lineSpacing()
            for line in lines:
                painter.drawStaticText(QPointF(left, top), line)
                top += spacing
        if state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(look.focus)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

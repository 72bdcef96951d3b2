"""Paints rows of a read-only touch list with their whole text, wrapped.

Qt's style-sheet item path measures a wrapped row with a width a few pixels wider than the
one it paints into, so now and then a title measured as one line is painted as two and the
second is cut ("How do I know if IOP is right for …"). Measuring and painting here with one
width and one set of margins keeps every word on screen.

A list lays out every row again whenever rows are inserted or removed (on each keystroke in
search), and wrapping a row's text to measure it is the slow part, so each row's height is
kept for its text, font and width: the rows the next letter still finds cost nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kiosk.ui import theme

Index = QModelIndex | QPersistentModelIndex
#: Room around the text of a row, in pixels: left (past the selection bar), top, right.
PAD_LEFT, PAD_Y, PAD_RIGHT = 16, 10, 12
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Row heights kept at most (a few screens of results, in every text size); past it the
#: cache starts again rather than grow for as long as the kiosk runs.
HEIGHTS_KEPT = 2000


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._heights: dict[tuple[str, int, str, str], int] = {}

    def text_width(self) -> int:
        """The width every row's text is wrapped to: the list's, less the margins."""
        return max(40, self._view.viewport().width() - PAD_LEFT - PAD_RIGHT)

    def _option(self, option: QStyleOptionViewItem, index: Index) -> QStyleOptionViewItem:
        # The row's own font and text (a heading row in search results is bold).
        own = QStyleOptionViewItem(option)
        self.initStyleOption(own, index)
        return own

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self.text_width()
        text = index.data(Qt.ItemDataRole.DisplayRole)
        own_font = index.data(Qt.ItemDataRole.FontRole)
        key = (text if isinstance(text, str) else "", width, option.font.key(),
               own_font.key() if isinstance(own_font, QFont) else "")
        height = self._heights.get(key)
        if height is None:
            option = self._option(option, index)
            bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 1_000_000),
                                                     int(WRAP), option.text)
            height = max(bounds.height() + 2 * PAD_Y, theme.MIN_TOUCH_PX)
            if len(self._heights) >= HEIGHTS_KEPT:
                self._heights.clear()
            self._heights[key] = height
        return QSize(self._view.viewport().width(), height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        option = self._option(option, index)
        text = option.text
        rect = option.rect
        painter.save()
        colours = theme.colours()  # read now: the visitor may have switched themes
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QBrush):
            painter.fillRect(rect, background)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(colours.selected))
            painter.fillRect(QRect(rect.left(), rect.top(), 6, rect.height()),
                             QColor(colours.accent))
        painter.setPen(QColor(colours.rule))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setFont(option.font)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.setPen(foreground.color() if isinstance(foreground, QBrush)
                       else QColor(colours.ink))
        painter.drawText(QRect(rect.left() + PAD_LEFT, rect.top(), self.text_width(),
                               rect.height()), int(WRAP), text)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QColor(colours.focus_on_light))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


def paint_whole_rows(view: QAbstractItemView) -> WrappingDelegate:
    """Give `view` the wrapping painter (and return it)."""
    delegate = WrappingDelegate(view)
    view.setItemDelegate(delegate)
    return delegate

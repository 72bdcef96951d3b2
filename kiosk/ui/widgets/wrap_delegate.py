"""Paints rows of a read-only touch list with their whole text, wrapped.

Qt's style-sheet item path measures a wrapped row with a width a few pixels wider than the
one it paints into, so now and then a title measured as one line is painted as two and the
second is cut ("How do I know if IOP is right for …"). Measuring and painting here with one
width and one set of margins keeps every word on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
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


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view

    def text_width(self) -> int:
        """The width every row's text is wrapped to: the list's, less the margins."""
        return max(40, self._view.viewport().width() - PAD_LEFT - PAD_RIGHT)

    def _option(self, option: QStyleOptionViewItem, index: Index) -> QStyleOptionViewItem:
        # The row's own font and text (a heading row in search results is bold).
        own = QStyleOptionViewItem(option)
        self.initStyleOption(own, index)
        return own

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        option = self._option(option, index)
        text = option.text
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, self.text_width(), 1_000_000),
                                                 int(WRAP), text)
        return QSize(self._view.viewport().width(),
                     max(bounds.height() + 2 * PAD_Y, theme.MIN_TOUCH_PX))

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

"""Paints rows of a read-only touch list with their whole text, wrapped.

Qt's style-sheet item path measures a wrapped row with a width a few pixels wider than the
one it paints into, so now and then a title measured as one line is painted as two and the
second is cut ("How do I know if IOP is right for …"). Measuring and painting here with one
width and one set of margins keeps every word on screen.

A list lays out every row again whenever rows are inserted or removed (on each keystroke in
search) and repaints the rows it shows; wrapping a row's text is the slow part of both. So
each row's text is wrapped once for its font and width (a QStaticText, which also keeps its
glyphs' positions), and the rows the next letter still finds cost nothing to measure and
little to paint.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QStaticText, QTransform
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from kiosk.ui import theme
from kiosk.ui.widgets.recent_cache import RecentCache

Index = QModelIndex | QPersistentModelIndex
#: Room around the text of a row, in pixels: left (past the selection bar), top, right.
PAD_LEFT, PAD_Y, PAD_RIGHT = 16, 10, 12
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Wrapped rows kept at most (several searches' results; a shaped line holds about
#: 3.5 KiB).
ROWS_KEPT = 200


class _Wrapped:
    """One row's text wrapped to a width in a font: its height, and (once the row is first
    painted) the text to paint, laid out."""

    __slots__ = ("font", "height", "source", "static", "width")

    def __init__(self, text: str, font: QFont, width: int) -> None:
        self.source, self.font, self.width = text, font, width
        # drawText's measure: the static text's layout is never taller (at most a pixel
        # shorter, and the row's margins have room for that), so it never cuts a line off.
        self.height = QFontMetrics(font).boundingRect(QRect(0, 0, width, 1_000_000),
                                                      int(WRAP), text).height()
        self.static: QStaticText | None = None

    def shaped(self) -> QStaticText:
        """The text laid out for painting (made when first painted: most measured rows of
        a long list never are)."""
        if self.static is None:
            # A line break in the text is a line of its own, as drawText takes it.
            self.static = QStaticText(self.source.replace("\n", "\u2028"))
            self.static.setTextFormat(Qt.TextFormat.PlainText)
            self.static.setTextWidth(self.width)
            self.static.prepare(QTransform(), self.font)
        return self.static


class _RowLook:
    """How every row of one kind looks (font and colours) under one theme."""

    __slots__ = ("background", "font", "foreground", "key", "theme")

    def __init__(self, index: Index, option: QStyleOptionViewItem) -> None:
        self.theme = theme.look()
        own = index.data(Qt.ItemDataRole.FontRole)
        # The row's own font over the list's (a heading row in search results is bold), as
        # initStyleOption works it out, without the rest of what that fills in.
        self.font = own.resolve(option.font) if isinstance(own, QFont) else QFont(option.font)
        self.key = self.font.key()
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        self.background = background if isinstance(background, QBrush) else None
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        self.foreground = foreground.color() if isinstance(foreground, QBrush) else None


class WrappingDelegate(QStyledItemDelegate):
    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        self._rows: RecentCache[tuple[str, int, str], _Wrapped] = RecentCache(ROWS_KEPT)
        self._looks: dict[str, _RowLook] = {}

    def text_width(self) -> int:
        """The width every row's text is wrapped to: the list's, less the margins."""
        return max(40, self._view.viewport().width() - PAD_LEFT - PAD_RIGHT)

    def _text_and_look(self, option: QStyleOptionViewItem, index: Index) -> tuple[str, _RowLook]:
        # A model that says what kind each row is (its rows of one kind all look alike)
        # is asked for the text alone: the list measures every row on each change of a
        # search's results and measures again while painting, and four look-ups a row
        # through Qt were most of that. Any other model: its data, row by row.
        kind_of = getattr(index.model(), "row_kind_and_text", None)
        if kind_of is None:
            text = index.data(Qt.ItemDataRole.DisplayRole)
            return (text if isinstance(text, str) else ""), _RowLook(index, option)
        kind, text = kind_of(index.row())
        known = self._looks.get(kind)
        if known is None or known.theme is not theme.look():
            known = self._looks[kind] = _RowLook(index, option)
        return text, known

    def _wrapped(self, text: str, look: _RowLook) -> _Wrapped:
        width = self.text_width()
        return self._rows.get((text, width, look.key),
                              lambda: _Wrapped(text, look.font, width))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = self._wrapped(*self._text_and_look(option, index))
        return QSize(self._view.viewport().width(),
                     max(row.height + 2 * PAD_Y, theme.MIN_TOUCH_PX))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        text, look = self._text_and_look(option, index)
        row = self._wrapped(text, look)
        rect = option.rect
        painter.save()
        colours = theme.colours()  # read now: the visitor may have switched themes
        if look.background is not None:
            painter.fillRect(rect, look.background)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(colours.selected))
            painter.fillRect(QRect(rect.left(), rect.top(), 6, rect.height()),
                             QColor(colours.accent))
        painter.setPen(QColor(colours.rule))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setFont(look.font)
        painter.setPen(look.foreground if look.foreground is not None else QColor(colours.ink))
        # Centred in the row, as drawText's AlignVCenter places it.
        shaped = row.shaped()
        top = rect.top() + (rect.height() - shaped.size().height()) / 2
        painter.drawStaticText(QPointF(rect.left() + PAD_LEFT, top), shaped)
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QColor(colours.focus_on_light))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()


def paint_whole_rows(view: QAbstractItemView) -> WrappingDelegate:
    """Give `view` the wrapping painter (and return it)."""
    delegate = WrappingDelegate(view)
    view.setItemDelegate(delegate)
    return delegate

"""A list of tick boxes where the whole row is the touch target."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kiosk.ui import theme
from kiosk.ui.models import CheckListModel, HeadingRole
from kiosk.ui.widgets.touch import set_up_wrapping_list


def _heading_font(font: QFont) -> QFont:
    heading = QFont(font)
    heading.setBold(True)
    heading.setPointSize(theme.point_size(theme.BASE_POINT_SIZE + 2))
    return heading


class _WrappingRowDelegate(QStyledItemDelegate):
    """Rows tall enough for their whole wrapped text beside a large tick box; group headings
    in bold across the row, without a box."""

    #: Width kept for the tick box and padding, in multiples of the font's pixel size.
    RESERVED_EMS = 4.5
    #: Padding either side of a heading, in multiples of the font's pixel size.
    HEADING_PAD_EMS = 0.5

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        assert isinstance(view, QListView)
        if index.data(HeadingRole):
            font = _heading_font(option.font)
            em = QFontInfo(font).pixelSize()
            pad = round(self.HEADING_PAD_EMS * em)
            width = max(100, view.viewport().width() - 2 * pad)
            bounds = QFontMetrics(font).boundingRect(
                QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap,
                str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
            return QSize(view.viewport().width(), bounds.height() + 2 * pad + em // 2)
        em = QFontInfo(option.font).pixelSize()
        width = max(100, view.viewport().width() - round(self.RESERVED_EMS * em))
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(view.viewport().width(), max(bounds.height() + em, round(2.2 * em),
                                                  theme.touch_target_px(view)))

    def editorEvent(self, event: QEvent, model: QAbstractItemModel,
                    option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> bool:
        # The view toggles a row wherever it is tapped; the box toggling it too would undo it.
        return False

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        # The style draws the row and its tick box; the text is drawn here, wrapped, because
        # the style sheet's item painting elides a second line instead of wrapping it.
        if index.data(HeadingRole):
            self._paint_heading(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            return
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        em = QFontInfo(opt.font).pixelSize()
        tick = style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, widget)
        area = opt.rect.adjusted(tick.right() - opt.rect.left() + em // 2, 0, -em // 2, 0)
        painter.save()
        painter.setFont(opt.font)
        painter.setPen(opt.palette.color(QPalette.ColorRole.Text))
        painter.drawText(area, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
                         | Qt.TextFlag.TextWordWrap, text)
        painter.restore()

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem,
                       index: QModelIndex | QPersistentModelIndex) -> None:
        font = _heading_font(option.font)
        em = QFontInfo(font).pixelSize()
        pad = round(self.HEADING_PAD_EMS * em)
        painter.save()
        painter.setFont(font)
        painter.setPen(QColor(theme.colours().heading))
        area = option.rect.adjusted(pad, em // 2 + pad, -pad, -pad)
        painter.drawText(area, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft
                         | Qt.TextFlag.TextWordWrap,
                         str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        painter.restore()


class TickListView(QListView):
    def __init__(self, model: CheckListModel, accessible_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        set_up_wrapping_list(self, accessible_name)
        self.setItemDelegate(_WrappingRowDelegate(self))
        self.clicked.connect(self._on_self_clicked)

    def _on_self_clicked(self, index: QModelIndex) -> None:
        self._model.toggle(index.row())  # a heading is not ticked

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.currentIndex().isValid():
                self._model.toggle(self.currentIndex().row())
            event.accept()
            return
        super().keyPressEvent(event)

"""Filter chips: large toggle buttons that show how many results they would give."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QStyle, QStyleOptionButton, QWidget

from kiosk.ui.widgets.touch import TouchButton, break_lines, content_width


class FilterChip(TouchButton):
    """A checkable touch button labelled "Label (count)"; `toggled_key` names the filter."""

    toggled_key = Signal(str, bool)
    _full_text = ""
    #: The width inside the borders and padding, and the (size, state) it was measured at.
    _room: tuple[tuple[int, int, bool, bool], int] | None = None
    #: Chips' outlines and fills as the style sheet draws them, by size, state and pixel
    #: ratio: shared by every chip, as they are all as wide and most as high.
    _bevels: ClassVar[dict[tuple[int, int, int, float], QPixmap]] = {}

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent, checkable=True)
        self.key = key
        self.label = label
        self.count: int | None = None
        self._full_text = label
        self.setProperty("chip", True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(label)
        self.toggled.connect(self._on_self_toggled)

    def set_count(self, count: int) -> None:
        if count == self.count:
            return
        self.count = count
        text = self.tr("{label} ({count})").format(label=self.label, count=f"{count:,}")
        self._full_text = text
        self._fit_text()
        self.setAccessibleName(text)
        # A chip that would give nothing stays tappable when on (so it can be turned off).
        self.setEnabled(count > 0 or self.isChecked())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._room = None
            if event.type() == QEvent.Type.StyleChange:  # a theme or text size switched
                FilterChip._bevels.clear()
            self._fit_text()

    def paintEvent(self, event: QPaintEvent) -> None:
        # As QPushButton paints itself (the style's bevel, then its label in the contents
        # rect), but with the bevel drawn once per size and state: the style sheet's
        # rounded outline and fill were most of a chip's painting, and a filter tap
        # repaints every chip whose count changed. A focused chip paints as ever (its
        # focus frame comes with the bevel).
        option = QStyleOptionButton()
        self.initStyleOption(option)
        if option.state & QStyle.StateFlag.State_HasFocus or option.rect.isEmpty():
            super().paintEvent(event)
            return
        style = self.style()
        ratio = self.devicePixelRatioF()
        key = (option.rect.width(), option.rect.height(), int(option.state.value), ratio)
        bevel = self._bevels.get(key)
        if bevel is None:
            if len(self._bevels) > 16:  # sizes gone by (a resized window, a text size)
                self._bevels.clear()
            bevel = QPixmap(round(option.rect.width() * ratio),
                            round(option.rect.height() * ratio))
            bevel.setDevicePixelRatio(ratio)
            bevel.fill(Qt.GlobalColor.transparent)
            bevel_painter = QPainter(bevel)
            style.drawControl(QStyle.ControlElement.CE_PushButtonBevel, option, bevel_painter,
                              self)
            bevel_painter.end()
            self._bevels[key] = bevel
        painter = QPainter(self)
        painter.drawPixmap(0, 0, bevel)
        option.rect = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option,
                                           self)
        style.drawControl(QStyle.ControlElement.CE_PushButtonLabel, option, painter, self)
        painter.end()

    def _fit_text(self) -> None:
        # On two lines (or more) rather than cut, when the whole label does not fit: a
        # narrow filter column, or the visitor's largest text.
        text = self._full_text
        if not text:
            return
        room = self._content_width()
        metrics = self.fontMetrics()
        if metrics.horizontalAdvance(text) > room:
            text = "\n".join(break_lines(text, metrics, room))
        if text != self.text():
            self.setText(text)

    def _content_width(self) -> int:
        # Asked of the style only when the chip's size or state has changed: counts change
        # on nearly every tap, the room for them seldom.
        key = (self.width(), self.height(), self.isChecked(), self.isEnabled())
        if self._room is None or self._room[0] != key:
            self._room = (key, content_width(self))
        return self._room[1]

    def _on_self_toggled(self, checked: bool) -> None:
        self.toggled_key.emit(self.key, checked)

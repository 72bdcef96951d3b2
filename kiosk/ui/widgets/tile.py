"""A large touch tile: a button whose title and hint wrap instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui import icons, theme
from kiosk.ui.widgets.touch import TouchButton

#: Tile pictures are this many text lines tall: big enough to read as a picture from a step
#: back, small enough to leave the words the room they need.
ICON_LINES = 2.6


class Tile(TouchButton):
    def __init__(self, title: str, hint: str, parent: QWidget | None = None, *,
                 primary: bool = False, icon: str = "") -> None:
        super().__init__("", parent, primary=primary)
        self.setProperty("tile", True)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(theme.touch_target_px(self) * 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 16, 20, 16)
        column.addStretch(1)
        self.icon_label = QLabel()
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        # A picture, not text: the tile's name already says what it shows.
        self.icon_label.setAccessibleName("")
        self._icon = icon
        self._draw_icon()
        self.icon_label.setVisible(self.has_icon())
        # Bigger text or high contrast: the picture follows, in size and colour.
        theme.changes().changed.connect(self._draw_icon)
        column.addWidget(self.icon_label)
        self.title_label = self._label(title, tile_title=True)
        self.hint_label = self._label(hint)
        column.addWidget(self.title_label)
        column.addWidget(self.hint_label)
        column.addStretch(1)

    def _draw_icon(self) -> None:
        if not self._icon:
            return
        font = QFont(self.font())
        font.setPointSize(theme.point_size(theme.BASE_POINT_SIZE))
        side = round(QFontMetrics(font).height() * ICON_LINES)
        colours = theme.colours()
        primary = bool(self.property("primary"))
        self.icon_label.setPixmap(icons.pixmap(
            self._icon, colours.on_accent if primary else colours.accent, side,
            self.devicePixelRatioF()))

    def has_icon(self) -> bool:
        return not self.icon_label.pixmap().isNull()

    def set_icon_shown(self, shown: bool) -> None:
        self.icon_label.setVisible(shown and self.has_icon())

    def _label(self, text: str, *, tile_title: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if tile_title:
            label.setProperty("tileTitle", True)
        return label

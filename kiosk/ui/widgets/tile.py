"""A large touch tile: a button whose title and hint wrap instead of being cut off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.ui.widgets.touch import TouchButton


class Tile(TouchButton):
    def __init__(self, title: str, hint: str, parent: QWidget | None = None, *,
                 primary: bool = False) -> None:
        super().__init__("", parent, primary=primary)
        self.setProperty("tile", True)
        self.setAccessibleName(title)
        self.setAccessibleDescription(hint)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(self.minimumHeight() * 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(20, 16, 20, 16)
        column.addStretch(1)
        self.title_label = self._label(title, tile_title=True)
        self.hint_label = self._label(hint)
        column.addWidget(self.title_label)
        column.addWidget(self.hint_label)
        column.addStretch(1)

    def _label(self, text: str, *, tile_title: bool = False) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if tile_title:
            label.setProperty("tileTitle", True)
        if self.property("primary"):
            label.setStyleSheet("color: white;")
        return label

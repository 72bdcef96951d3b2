"""Find a program (placeholder until the directory issue lands: never made-up data)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.screens.base import Screen, heading, page_layout


class DirectoryScreen(Screen):
    screen_id = "directory"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Find a program")))
        text = QLabel(self.tr(
            "The program directory is not on this kiosk yet.\n\n"
            "To find a program now, call one of the helplines on this screen. "
            "They can tell you about programs near you."
        ))
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch(1)

    def nav_title(self) -> str:
        return self.tr("Find a program")

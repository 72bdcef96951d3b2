"""Shown instead of the kiosk when its content cannot be used. The reason goes to the log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.screens.base import Screen, heading, page_layout


class MaintenanceScreen(Screen):
    screen_id = "maintenance"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = page_layout(self)
        layout.addStretch(1)
        title = heading(self.tr("This kiosk needs attention — please tell a staff member"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        help_now = QLabel(self.tr(
            "If you need help right now: call or text 988 (Suicide & Crisis Lifeline). "
            "In an emergency, call 911."
        ))
        help_now.setWordWrap(True)
        help_now.setAlignment(Qt.AlignmentFlag.AlignCenter)
        help_now.setProperty("role", "subtitle")
        layout.addWidget(help_now)
        layout.addStretch(2)

"""What the directory screen says on a kiosk that has no directory loaded."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.ui.screens.base import heading

LOAD_COMMAND = "kiosk-admin import samhsa-directory PATH"


class EmptyPage(QWidget):
    """Helplines for the visitor, the import command for the librarian."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Find a program")))
        self.label = QLabel(self.tr(
            "No program directory is loaded on this kiosk yet.\n\n"
            "To find a program now, call one of the helplines on this screen. "
            "They can tell you about programs near you.\n\n"
            "For the librarian: load SAMHSA's National Directory with the command\n"
            "{command}\n(see docs/directory.md)."
        ).format(command=LOAD_COMMAND))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        layout.addStretch(1)

"""Text labels as the kiosk shows them: plain text (never HTML), wrapped, with a style role."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def wrapped_label(text: str = "", role: str = "", *, name: str = "",
                  align: Qt.AlignmentFlag | None = None) -> QLabel:
    """A word-wrapped plain-text label; `role` picks a style (title, subtitle, small, muted)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        label.setProperty("role", role)
    if name:
        label.setObjectName(name)
    if align is not None:
        label.setAlignment(align)
    return label

"""The translation hook the directory pages hand to kiosk.present."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def tr(text: str) -> str:
    """kiosk.present's English (labels, headings, distances) in the visitor's language.

    One context for the whole directory screen, so a chip label and the same words on the
    facility page are translated once.
    """
    return QCoreApplication.translate("DirectoryScreen", text)

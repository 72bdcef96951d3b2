"""Read-only Markdown text for content (HTML in the source is never interpreted)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from kiosk.ui.widgets.touch import enable_kinetic_scroll

MARKDOWN_FEATURES = QTextDocument.MarkdownFeature.MarkdownNoHTML


def set_markdown(document: QTextDocument, text: str) -> None:
    document.setMarkdown(text, MARKDOWN_FEATURES)


class MarkdownView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setUndoRedoEnabled(False)
        self.document().setDocumentMargin(16)
        enable_kinetic_scroll(self)

    def show_markdown(self, text: str) -> None:
        set_markdown(self.document(), text)
        self.verticalScrollBar().setValue(0)

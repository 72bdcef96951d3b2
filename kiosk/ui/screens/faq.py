"""FAQs: the questions visitors ask, each with a short answer."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.domain import Faq
from kiosk.store.content import ContentRepository
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.list_detail import ListDetail


class FaqScreen(Screen):
    screen_id = "faq"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Common questions")))
        self.detail: ListDetail[Faq] = ListDetail(
            lambda f: (f.question, f.answer_md), self.tr("Questions")
        )
        layout.addWidget(self.detail, 1)
        self._loaded = False

    def nav_title(self) -> str:
        return self.tr("FAQs")

    def on_shown(self) -> None:
        if not self._loaded:
            self.detail.set_items([(f.question, f) for f in self._content.faqs()])
            self._loaded = True

    def show_faq(self, faq_id: str) -> None:
        self.on_shown()
        for row in range(self.detail.model.rowCount()):
            if self.detail.model.item(row).id == faq_id:
                self.detail.select(row)
                return

    def reset(self) -> None:
        if self._loaded:
            self.detail.select(0)

"""FAQs: the questions visitors ask, each with a short answer."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.domain import Faq
from kiosk.store.content import ContentRepository
from kiosk.ui.screens.list_detail_screen import ListDetailScreen


class FaqScreen(ListDetailScreen[Faq]):
    screen_id = "faq"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Common questions"), self.tr("Questions"), content.faqs,
                         lambda f: (f.question, f.answer_md), lambda f: f.id, parent)


    def show_faq(self, faq_id: str) -> None:
        self.show_item(faq_id)

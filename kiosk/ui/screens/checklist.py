"""Checklist: questions to ask a program, ticked on screen (ticks are never stored)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.store.content import ContentRepository
from kiosk.ui.models import CheckListModel
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.tick_list import TickListView


class ChecklistScreen(Screen):
    screen_id = "checklist"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._checklist = content.checklist()
        layout = page_layout(self)
        layout.addWidget(heading(self._checklist.title or self.tr("Questions to ask a program")))
        intro = QLabel(self._checklist.intro)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = CheckListModel(self)
        self.model.set_items([(item.text, item.id) for item in self._checklist.items])
        self.list = TickListView(self.model)
        self.list.setAccessibleName(self.tr("Checklist"))
        layout.addWidget(self.list, 1)

    def nav_title(self) -> str:
        return self.tr("Checklist")

    def reset(self) -> None:
        self.model.clear_ticks()
        self.list.scrollToTop()

"""Guide: short plain-language sections, one idea per screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.domain import GuideSection
from kiosk.store.content import ContentRepository
from kiosk.ui.screens.base import ScreenshotState
from kiosk.ui.screens.list_detail_screen import ListDetailScreen


class GuideScreen(ListDetailScreen[GuideSection]):
    screen_id = "guide"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("A guide to intensive outpatient care"),
                         self.tr("Guide sections"), content.guide_sections,
                         lambda s: (s.title, s.body_md), lambda s: s.id, parent)


    def show_section(self, section_id: str) -> None:
        self.show_item(section_id)

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", lambda: None), ("section", lambda: self.detail.select(5))]

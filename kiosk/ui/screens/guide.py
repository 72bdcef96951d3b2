"""Guide: short plain-language sections, one idea per screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.domain import GuideSection
from kiosk.store.content import ContentRepository
from kiosk.ui.screens.base import Screen, ScreenshotState, heading, page_layout
from kiosk.ui.widgets.list_detail import ListDetail


class GuideScreen(Screen):
    screen_id = "guide"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._content = content
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("A guide to intensive outpatient care")))
        self.detail: ListDetail[GuideSection] = ListDetail(
            lambda s: (s.title, s.body_md), self.tr("Guide sections")
        )
        layout.addWidget(self.detail, 1)
        self._loaded = False

    def nav_title(self) -> str:
        return self.tr("Guide")

    def on_shown(self) -> None:
        if not self._loaded:
            self.detail.set_items([(s.title, s) for s in self._content.guide_sections()])
            self._loaded = True

    def show_section(self, section_id: str) -> None:
        self.on_shown()
        for row in range(self.detail.model.rowCount()):
            if self.detail.model.item(row).id == section_id:
                self.detail.select(row)
                return

    def reset(self) -> None:
        if self._loaded:
            self.detail.select(0)

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", lambda: None), ("section", lambda: self.detail.select(5))]

"""Compare care levels: a table on wide screens, one card per level on narrow ones."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.domain import CareLevel
from kiosk.store.content import ContentRepository
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.labels import wrapped_label
from kiosk.ui.widgets.touch import enable_kinetic_scroll

#: Below this content width the table becomes cards.
CARD_BREAKPOINT = 1000


def _cell(text: str, role: str = "") -> QLabel:
    return wrapped_label(text, role, align=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)


class CompareScreen(Screen):
    screen_id = "compare"

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._levels: list[CareLevel] = content.care_levels()
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Levels of care, side by side")))
        intro = _cell(self.tr("From most support (left) to least (right). "
                              "Intensive outpatient (IOP) is in the middle. "
                              "Which level is right for you is decided by an assessment "
                              "of your whole situation, not by how bad things seem."))
        layout.addWidget(intro)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        enable_kinetic_scroll(self.scroll_area)
        layout.addWidget(self.scroll_area, 1)
        self.mode = ""
        self._build("table")


    def rows(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Where you live"), "where_you_live"),
            (self.tr("Hours each week"), "weekly_hours"),
            (self.tr("Best for"), "best_for"),
            (self.tr("Cost"), "cost"),
            (self.tr("Supervision"), "supervision"),
        ]

    def _build(self, mode: str) -> None:
        if mode == self.mode:
            return
        self.mode = mode
        container = QWidget()
        if mode == "table":
            grid = QGridLayout(container)
            grid.setHorizontalSpacing(18)
            grid.setVerticalSpacing(14)
            for col, level in enumerate(self._levels, start=1):
                title = _cell(level.name, "subtitle")
                grid.addWidget(title, 0, col)
                grid.setColumnStretch(col, 1)
            for r, (label, attr) in enumerate(self.rows(), start=1):
                grid.addWidget(_cell(label, "subtitle"), r, 0)
                for col, level in enumerate(self._levels, start=1):
                    grid.addWidget(_cell(getattr(level, attr)), r, col)
            grid.setRowStretch(len(self.rows()) + 1, 1)
        else:
            column = QVBoxLayout(container)
            column.setSpacing(16)
            for level in self._levels:
                card = QFrame()
                card.setFrameShape(QFrame.Shape.StyledPanel)
                card.setObjectName("CareCard")
                inner = QGridLayout(card)
                inner.addWidget(_cell(level.name, "subtitle"), 0, 0, 1, 2)
                inner.addWidget(_cell(level.summary), 1, 0, 1, 2)
                for r, (label, attr) in enumerate(self.rows(), start=2):
                    inner.addWidget(_cell(label, "muted"), r, 0)
                    inner.addWidget(_cell(getattr(level, attr)), r, 1)
                inner.setColumnStretch(1, 1)
                column.addWidget(card)
            column.addStretch(1)
        self.scroll_area.setWidget(container)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._build("cards" if event.size().width() < CARD_BREAKPOINT else "table")

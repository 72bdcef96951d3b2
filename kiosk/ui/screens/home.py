"""Home: a calm welcome with large tiles for the main paths."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kiosk.store.content import ContentRepository
from kiosk.ui import icons
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.tile import Tile

#: Page heights (px) below which the tiles show words only.
ROOM_FOR_PICTURES = 560


class HomeScreen(Screen):
    screen_id = "home"
    #: The visitor chose a path; the value is a screen id (or "help" for get help now).
    path_chosen = Signal(str)

    def __init__(self, content: ContentRepository, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        info = content.info()
        layout = page_layout(self)
        layout.addWidget(heading(info.welcome_title or self.tr("Welcome")))
        intro = QLabel(info.welcome_text)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._grid = QGridLayout()
        self._grid.setSpacing(16)
        self.tiles: dict[str, Tile] = {}
        tiles = [
            ("guide", self.tr("Learn about IOPs"), self.tr("What intensive outpatient care is")),
            ("directory", self.tr("Find a program"), self.tr("Treatment programs near you")),
            ("checklist", self.tr("Questions to ask a program"), self.tr("A checklist to take")),
            ("help", self.tr("Get help now"), self.tr("Helplines, free and confidential")),
        ]
        for i, (target, title, hint) in enumerate(tiles):
            tile = Tile(title, hint, primary=target == "help",
                        icon=icons.SCREEN_ICONS.get(target, ""))
            tile.clicked.connect(lambda _=False, t=target: self.path_chosen.emit(t))
            self.tiles[target] = tile
            self._grid.addWidget(tile, i // 2, i % 2)
        layout.addLayout(self._grid, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # On a short screen (1024x600) the pictures would push the tiles below the fold;
        # the words matter more, so the pictures give way.
        view = self.parentWidget()
        room = view.height() if view is not None else event.size().height()
        for tile in self.tiles.values():
            tile.set_icon_shown(room >= ROOM_FOR_PICTURES)

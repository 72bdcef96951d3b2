"""Home: a calm welcome with large tiles for the main paths."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QWidget

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
        room = event.size().height()
        needed = (self.heightForWidth(event.size().width()) if self.hasHeightForWidth()
                  else self.minimumSizeHint().height())
        if room <= needed:
            # No taller than the page needs: the view around it may be shorter (the page
            # scrolls). Taller, the page fills its view exactly.
            room = self._view_height(room)
        for tile in self.tiles.values():
            tile.set_icon_shown(room >= ROOM_FOR_PICTURES)

    def _view_height(self, default: int) -> int:
        """The height of the scroll area the page is shown in. Found from the window, not
        through parentWidget(): the first look at a scroll area's viewport from Python has
        PySide make a class for every kind of widget Qt has, which the first frame (this
        page's first resize) does without."""
        for area in self.window().findChildren(QScrollArea):
            if area.widget() is self:
                return area.maximumViewportSize().height()
        parent = self.parentWidget()
        return parent.height() if parent is not None else default

"""The shell: navigation rail, content area, helpline panel on every screen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFontInfo, QIcon, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import Helpline
from kiosk.ui import icons
from kiosk.ui.screens.base import Screen, ScreenshotState
from kiosk.ui.widgets.crisis_strip import CrisisStrip
from kiosk.ui.widgets.helpline_panel import NARROW_PANEL_WIDTH, PANEL_WIDTH, HelplinePanel
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

log = logging.getLogger(__name__)

#: Menu pictures are about this many text lines tall.
NAV_ICON_LINES = 1.3
#: Screens listed in the navigation rail, in order. Others (help) are reached from Home.
NAV_ORDER = ("home", "guide", "faq", "compare", "directory", "checklist")
#: Landscape windows shorter than this get the compact helpline panel.
COMPACT_HEIGHT = 900
#: Windows narrower than this (portrait tablets) get the shorter top bar.
NARROW_WIDTH = 900
#: Menu buttons to a row when the menu runs across the top (portrait).
NAV_COLUMNS_ACROSS = 3
#: Qt's "no maximum" for a widget's size.
QWIDGETSIZE_MAX = 16_777_215
#: Landscape windows narrower than this get the narrower helpline column.
ROOMY_WIDTH = 1200
#: Portrait windows at least this tall keep the helpline strip while the keyboard is open.
ROOM_FOR_KEYBOARD_AND_HELPLINES = 1400


class MainWindow(QMainWindow):
    screen_changed = Signal(str)
    #: The window became narrower (True) or wider than NARROW_WIDTH.
    narrow_changed = Signal(bool)

    def __init__(self, screens: Sequence[Screen], helplines: Sequence[Helpline],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery Guide"))
        self.screens: dict[str, Screen] = {s.screen_id: s for s in screens}
        root = QWidget()
        outer = self._outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        #: The top bar and the crisis strip under it: overlays start below this.
        self.header = QWidget()
        header_layout = QVBoxLayout(self.header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        header_layout.setSpacing(0)
        top = QFrame()
        top.setObjectName("TopBar")
        self.top_bar = QHBoxLayout(top)
        self.top_bar.setContentsMargins(16, 8, 16, 8)
        self.title_label = QLabel(self.tr("Recovery Guide"))
        self.title_label.setProperty("role", "subtitle")
        self.title_label.setWordWrap(True)  # two lines in a narrow portrait window
        self.top_bar.addWidget(self.title_label)
        self.top_bar.addStretch(1)
        header_layout.addWidget(top)
        self.crisis_strip = CrisisStrip()
        header_layout.addWidget(self.crisis_strip)
        outer.addWidget(self.header)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(0)
        outer.addLayout(self.body, 1)
        #: Full-width dock under the content (the on-screen keyboard goes here).
        self.bottom_dock = QVBoxLayout()
        self.bottom_dock.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.bottom_dock)
        self._reset_hooks: list[Callable[[], None]] = []
        #: Window-level screenshot states (overlays such as the idle warning), see below.
        self._extra_screenshot_states: list[tuple[str, Callable[[], None]]] = []

        nav = QFrame()
        nav.setObjectName("NavRail")
        nav.setAccessibleName(self.tr("Main menu"))
        nav_layout = self._nav_grid = QGridLayout(nav)
        nav_layout.setContentsMargins(12, 12, 12, 12)
        nav_layout.setSpacing(10)
        self.nav_buttons: dict[str, TouchButton] = {}
        self._nav_icons: dict[str, QIcon] = {}
        for screen_id in NAV_ORDER:
            screen = self.screens.get(screen_id)
            if screen is None:
                continue
            button = TouchButton(screen.nav_title(), checkable=True)
            button.setProperty("nav", True)
            if icons.set_button_icon(button, icons.SCREEN_ICONS.get(screen_id, ""),
                                     round(button.fontMetrics().height() * NAV_ICON_LINES)):
                self._nav_icons[screen_id] = button.icon()
            button.setAccessibleName(screen.nav_title())
            button.clicked.connect(lambda _=False, s=screen_id: self.navigate(s))
            self.nav_buttons[screen_id] = button
        self.nav_rail = nav
        self._place_nav_buttons(across=False)
        # The menu scrolls on a short screen (1024x600 with the keyboard open) rather than
        # setting the window's minimum height: a taller window would push the bottom of
        # the kiosk off the screen.
        nav_area = QScrollArea()
        nav_area.setObjectName("NavArea")
        nav_area.setWidget(nav)
        nav_area.setWidgetResizable(True)
        nav_area.setFrameShape(QFrame.Shape.NoFrame)
        nav_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav_area = nav_area
        self._fit_nav_area(across=False)
        enable_kinetic_scroll(nav_area)
        self.body.addWidget(nav_area)

        self.stack = QStackedWidget()
        #: Each screen in a page area that scrolls only when the window is shorter than the
        #: screen needs (1024x600, keyboard open): the window itself never grows past the
        #: screen it is on, so nothing at its bottom is pushed out of sight.
        self._areas: dict[str, QScrollArea] = {}
        for screen in screens:
            area = QScrollArea()
            area.setObjectName("PageArea")
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidgetResizable(True)
            area.setWidget(screen)
            self._areas[screen.screen_id] = area
            self.stack.addWidget(area)
        self.body.addWidget(self.stack, 1)

        self.helpline_panel = HelplinePanel(list(helplines))
        self.body.addWidget(self.helpline_panel)
        self._portrait = False
        self._narrow = False
        self._keyboard_open = False
        self.setCentralWidget(root)

        self.navigate("home" if "home" in self.screens else screens[0].screen_id)

    # ------------------------------------------------------------ navigation --
    def navigate(self, screen_id: str) -> None:
        screen = self.screens.get(screen_id)
        if screen is None:
            log.warning("no screen %r", screen_id)
            return
        self.stack.setCurrentWidget(self._areas[screen_id])
        self._show_helpline_panel()
        for sid, button in self.nav_buttons.items():
            button.setChecked(sid == screen_id)
        screen.on_shown()
        focus = QApplication.focusWidget()
        if focus is None or focus in self.nav_buttons.values():
            # Keyboard and screen-reader users land in the new page; a stale focus ring on
            # a menu button would read as "selected" to everyone else.
            screen.setFocus()
        self.screen_changed.emit(screen_id)

    def current_screen_id(self) -> str:
        current = self.current_screen()
        return current.screen_id if current is not None else ""

    def current_screen(self) -> Screen | None:
        area = self.stack.currentWidget()
        screen = area.widget() if isinstance(area, QScrollArea) else None
        return screen if isinstance(screen, Screen) else None

    # ------------------------------------------------------------ extensions --
    def add_top_bar_widget(self, widget: QWidget, stretch: int = 0) -> None:
        """Add a control to the right end of the top bar (search, Start over ...)."""
        self.top_bar.addWidget(widget, stretch)

    def add_bottom_dock_widget(self, widget: QWidget) -> None:
        self.bottom_dock.addWidget(widget)

    def add_reset_hook(self, hook: Callable[[], None]) -> None:
        """`hook` runs on every reset_session(), before returning Home."""
        self._reset_hooks.append(hook)

    # --------------------------------------------------------------- session --
    def reset_session(self) -> None:
        """Forget the visitor: every screen and extension resets, then Home."""
        for screen in self.screens.values():
            screen.reset()
        for hook in self._reset_hooks:
            hook()
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.navigate("home")

    # ---------------------------------------------------------------- layout --
    def set_keyboard_open(self, shown: bool) -> None:
        """On a short portrait screen the helpline strip makes way for the on-screen
        keyboard (the crisis strip at the top keeps 988 and 911 in view); it comes back
        when the keyboard goes."""
        self._keyboard_open = shown
        self._show_helpline_panel()

    def _show_helpline_panel(self) -> None:
        screen = self.current_screen()
        self.helpline_panel.setVisible(
            not (screen is not None and (screen.lists_every_helpline or screen.staff_only))
            and not (self._portrait and self._keyboard_open
                     and self.height() < ROOM_FOR_KEYBOARD_AND_HELPLINES))

    def is_portrait(self) -> bool:
        return self.height() > self.width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        narrow = event.size().width() < NARROW_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            # Three menu buttons to a row on a narrow screen leave room for words only.
            for screen_id, icon in self._nav_icons.items():
                self.nav_buttons[screen_id].setIcon(QIcon() if narrow else icon)
            self.narrow_changed.emit(narrow)
        self.helpline_panel.set_compact(not portrait and event.size().height() < COMPACT_HEIGHT)
        # Only a side column is narrowed; the portrait strip keeps its large number.
        self.helpline_panel.set_column_width(
            NARROW_PANEL_WIDTH if not portrait and event.size().width() < ROOMY_WIDTH
            else PANEL_WIDTH)
        self._show_helpline_panel()
        if portrait == self._portrait:
            return
        self._portrait = portrait
        # Portrait: the helpline panel becomes a strip along the bottom, under the content.
        outer = self._outer
        # Portrait: the menu goes above the page, three to a row, so the page keeps the
        # whole width of a 600-pixel tablet instead of sharing it with a menu column.
        self._place_nav_buttons(across=portrait)
        if portrait:
            self.body.removeWidget(self.nav_area)
            outer.insertWidget(outer.indexOf(self.header) + 1, self.nav_area)
            self.body.removeWidget(self.helpline_panel)
            outer.addWidget(self.helpline_panel)
        else:
            outer.removeWidget(self.nav_area)
            self.body.insertWidget(0, self.nav_area)
            outer.removeWidget(self.helpline_panel)
            self.body.addWidget(self.helpline_panel)
        self._fit_nav_area(across=portrait)
        self.helpline_panel.set_wide(portrait)
        self._show_helpline_panel()

    def _place_nav_buttons(self, across: bool) -> None:
        """A column beside the page (landscape), or three to a row above it (portrait)."""
        grid = self._nav_grid
        for button in self.nav_buttons.values():
            grid.removeWidget(button)
        for row in range(grid.rowCount()):
            grid.setRowStretch(row, 0)
        columns = NAV_COLUMNS_ACROSS if across else 1
        for button in self.nav_buttons.values():
            button.setProperty("across", across)
            button.style().unpolish(button)
            button.style().polish(button)
        for i, button in enumerate(self.nav_buttons.values()):
            grid.addWidget(button, i // columns, i % columns)
        rows = (len(self.nav_buttons) + columns - 1) // columns
        if not across:
            grid.setRowStretch(rows, 1)
        for column in range(NAV_COLUMNS_ACROSS):
            grid.setColumnStretch(column, 1 if column < columns else 0)

    def _fit_nav_area(self, across: bool) -> None:
        area = self.nav_area
        if across:
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setMinimumWidth(0)
            area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            area.setFixedHeight(self.nav_rail.sizeHint().height())
        else:
            area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            area.setMinimumHeight(0)
            area.setMaximumHeight(QWIDGETSIZE_MAX)
            # The style sheet's bar (0.9 em) may be wider than the style's own.
            bar_width = max(area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent),
                            round(0.9 * QFontInfo(area.font()).pixelSize()) + 6)
            area.setMinimumWidth(self.nav_rail.sizeHint().width() + bar_width)
            area.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)

    # ----------------------------------------------------------- screenshots --
    def screenshot_states(self) -> list[ScreenshotState]:
        states: list[ScreenshotState] = []
        for screen_id, screen in self.screens.items():
            for suffix, prepare in screen.screenshot_states():
                name = f"{screen_id}-{suffix}" if suffix else screen_id
                states.append((name, self._state_on(screen_id, prepare)))
        states.extend(self._extra_screenshot_states)
        return states

    def _state_on(self, screen_id: str, prepare: Callable[[], None]) -> Callable[[], None]:
        def go_and_prepare() -> None:
            self.navigate(screen_id)
            prepare()
        return go_and_prepare

    def add_screenshot_state(self, name: str, prepare: Callable[[], None]) -> None:
        """A state that is not one screen's (an overlay over the window): name, prepare."""
        self._extra_screenshot_states.append((name, prepare))

    def fit_to(self, width: int, height: int) -> None:
        """Resize to a screen's size now, as a screen of that size would (screenshots, tests).

        Three times: each resize may switch orientation or the narrow top bar, which changes
        the minimum size the next one is measured against.
        """
        for _ in range(3):
            self.resize(width, height)
            QCoreApplication.processEvents()
            layout = self.layout()
            if layout is not None:
                layout.activate()

    def save_screenshots(self, out_dir: Path, sizes: list[tuple[int, int]]) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for width, height in sizes:
            self.fit_to(width, height)
            for name, prepare in self.screenshot_states():
                prepare()
                for _ in range(5):  # the layouts a page switch asks for, level by level
                    QCoreApplication.processEvents()
                path = out_dir / f"{name}-{width}x{height}.png"
                if not self.grab().save(str(path)):
                    raise OSError(f"cannot write {path}")
                written.append(path)
            self.reset_session()
        return written

"""The shell: navigation rail, content area, helpline panel on every screen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import Helpline
from kiosk.ui.screens.base import Screen, ScreenshotState
from kiosk.ui.widgets.helpline_panel import HelplinePanel
from kiosk.ui.widgets.touch import TouchButton

log = logging.getLogger(__name__)

#: Screens listed in the navigation rail, in order. Others (help) are reached from Home.
NAV_ORDER = ("home", "guide", "faq", "compare", "directory", "checklist")
#: Landscape windows shorter than this get the compact helpline panel.
COMPACT_HEIGHT = 900


class MainWindow(QMainWindow):
    screen_changed = Signal(str)

    def __init__(self, screens: Sequence[Screen], helplines: Sequence[Helpline],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery Guide"))
        self.screens: dict[str, Screen] = {s.screen_id: s for s in screens}
        root = QWidget()
        outer = self._outer = QVBoxLayout(root)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        top = QFrame()
        top.setObjectName("TopBar")
        self.top_bar = QHBoxLayout(top)
        self.top_bar.setContentsMargins(16, 8, 16, 8)
        self.title_label = QLabel(self.tr("Recovery Guide"))
        self.title_label.setProperty("role", "subtitle")
        self.top_bar.addWidget(self.title_label)
        self.top_bar.addStretch(1)
        outer.addWidget(top)

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
        nav_layout = QVBoxLayout(nav)
        nav_layout.setContentsMargins(12, 12, 12, 12)
        nav_layout.setSpacing(10)
        self.nav_buttons: dict[str, TouchButton] = {}
        for screen_id in NAV_ORDER:
            screen = self.screens.get(screen_id)
            if screen is None:
                continue
            button = TouchButton(screen.nav_title(), checkable=True)
            button.setProperty("nav", True)
            button.setAccessibleName(screen.nav_title())
            button.clicked.connect(lambda _=False, s=screen_id: self.navigate(s))
            self.nav_buttons[screen_id] = button
            nav_layout.addWidget(button)
        nav_layout.addStretch(1)
        self.nav_rail = nav
        self.body.addWidget(nav)

        self.stack = QStackedWidget()
        for screen in screens:
            self.stack.addWidget(screen)
        self.body.addWidget(self.stack, 1)

        self.helpline_panel = HelplinePanel(list(helplines))
        self.body.addWidget(self.helpline_panel)
        self._portrait = False
        self.setCentralWidget(root)

        self.navigate("home" if "home" in self.screens else screens[0].screen_id)

    # ------------------------------------------------------------ navigation --
    def navigate(self, screen_id: str) -> None:
        screen = self.screens.get(screen_id)
        if screen is None:
            log.warning("no screen %r", screen_id)
            return
        self.stack.setCurrentWidget(screen)
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
        current = self.stack.currentWidget()
        return current.screen_id if isinstance(current, Screen) else ""

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
    def is_portrait(self) -> bool:
        return self.height() > self.width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        portrait = event.size().height() > event.size().width()
        self.helpline_panel.set_compact(not portrait and event.size().height() < COMPACT_HEIGHT)
        if portrait == self._portrait:
            return
        self._portrait = portrait
        # Portrait: the helpline panel becomes a strip along the bottom, under the content.
        outer = self._outer
        if portrait:
            self.body.removeWidget(self.helpline_panel)
            outer.addWidget(self.helpline_panel)
        else:
            outer.removeWidget(self.helpline_panel)
            self.body.addWidget(self.helpline_panel)
        self.helpline_panel.set_wide(portrait)

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

    def save_screenshots(self, out_dir: Path, sizes: list[tuple[int, int]]) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for width, height in sizes:
            # Twice: the first resize may switch orientation, which changes the minimum size
            # the second one needs (a portrait layout is taller than a landscape one).
            for _ in range(2):
                self.resize(width, height)
                QCoreApplication.processEvents()
                layout = self.layout()
                if layout is not None:
                    layout.activate()
            for name, prepare in self.screenshot_states():
                prepare()
                QCoreApplication.processEvents()
                path = out_dir / f"{name}-{width}x{height}.png"
                if not self.grab().save(str(path)):
                    raise OSError(f"cannot write {path}")
                written.append(path)
            self.reset_session()
        return written

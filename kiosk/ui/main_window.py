"""The shell: navigation rail, content area, helpline panel on every screen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFontInfo, QIcon, QKeySequence, QPixmapCache, QResizeEvent, QShortcut
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
    QSpacerItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import Helpline
from kiosk.ui import accessibility, icons, theme
from kiosk.ui.memory import forget_module_sources
from kiosk.ui.screens.base import Screen, ScreenshotState
from kiosk.ui.widgets.crisis_strip import CrisisStrip
from kiosk.ui.widgets.helpline_panel import NARROW_PANEL_WIDTH, PANEL_WIDTH, HelplinePanel
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

log = logging.getLogger(__name__)

#: The key that skips to the page's own controls.
SKIP_TO_CONTENT_KEY = "F6"
#: Menu pictures are about this many text lines tall.
NAV_ICON_LINES = 1.3
#: Screens listed in the navigation rail, in order. Others (help) are reached from Home.
NAV_ORDER = ("home", "guide", "faq", "compare", "directory", "checklist")
#: Landscape windows shorter than this get the compact helpline panel.
COMPACT_HEIGHT = 900
#: Windows narrower than this in normal-text pixels (portrait tablets; 1024 wide with
#: larger text) get the shorter top bar.
NARROW_WIDTH = 900
#: Menu buttons to a row when the menu runs across the top (portrait).
NAV_COLUMNS_ACROSS = 3
#: Qt's "no maximum" for a widget's size.
QWIDGETSIZE_MAX = 16_777_215
#: Below this width in "normal-text pixels" (the width divided by the visitor's text size)
#: the menu runs across the top, as in portrait, leaving the page the whole width.
MENU_ACROSS_BELOW = 1100
#: Landscape windows narrower than this get the narrower helpline column.
ROOMY_WIDTH = 1200
#: Portrait windows at least this tall keep the helpline strip while the keyboard is open.
ROOM_FOR_KEYBOARD_AND_HELPLINES = 1400
#: Qt's shared cache of drawn pictures (KiB). One visitor's screens use well under 1 MiB
#: of it, but each visit leaves pictures no later visit asks for again (about 0.7 MiB),
#: so at Qt's default of 10 MiB an all-day kiosk ends up 10 MiB larger than it needs.
PIXMAP_CACHE_KIB = 2048


@dataclass(frozen=True)
class ScreenSlot:
    """A screen the window can show, built the first time it is wanted.

    The menu needs only the id and the title, so the start-up frame holds Home's widgets
    and not every page's (building all ten took about a third of the start-up time).
    """

    screen_id: str
    nav_title: str
    build: Callable[[], Screen]


class ScreenTable(Mapping[str, Screen]):
    """The window's screens by id; looking one up builds it if it has not been yet.

    Iterating gives the ids without building anything; `built()` the screens that exist.
    """

    def __init__(self, slots: Sequence[ScreenSlot], on_built: Callable[[Screen], None]) -> None:
        self._slots = {slot.screen_id: slot for slot in slots}
        self._built: dict[str, Screen] = {}
        self._on_built = on_built

    def __getitem__(self, screen_id: str) -> Screen:
        screen = self._built.get(screen_id)
        if screen is None:
            screen = self._slots[screen_id].build()  # KeyError for an unknown id
            self._built[screen_id] = screen
            self._on_built(screen)
            forget_module_sources()  # those the screen's modules left on their import
        return screen

    def __iter__(self) -> Iterator[str]:
        return iter(self._slots)

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, screen_id: object) -> bool:
        return screen_id in self._slots

    def is_built(self, screen_id: str) -> bool:
        return screen_id in self._built

    def built(self) -> list[Screen]:
        return list(self._built.values())

    def build_all(self) -> list[Screen]:
        """Every screen, built now (tests and screenshots that walk them all)."""
        return [self[screen_id] for screen_id in self._slots]


class MainWindow(QMainWindow):
    screen_changed = Signal(str)
    #: The window became narrower (True) or wider than NARROW_WIDTH (in normal-text pixels).
    narrow_changed = Signal(bool)

    def __init__(self, slots: Sequence[ScreenSlot], helplines: Sequence[Helpline],
                 parent: QWidget | None = None) -> None:
        """Nothing is built until navigate() or a lookup in `screens` asks for it: the
        caller wires its signals first, then navigates Home."""
        super().__init__(parent)
        QPixmapCache.setCacheLimit(PIXMAP_CACHE_KIB)
        self.setWindowTitle(self.tr("Recovery Guide"))
        accessibility.install()
        self.screens = ScreenTable(slots, self._add_page)
        titles = {slot.screen_id: slot.nav_title for slot in slots}
        root = QWidget()
        # In the window from the start: each part below is then re-parented (its style
        # resolved again under the application's style sheet) once, into the window's own
        # tree, rather than again when the whole tree is finally put in the window.
        self.setCentralWidget(root)
        # Out of the accessibility tree while an overlay covers it (see accessibility.py).
        accessibility.mark(root, accessibility.BEHIND_OVERLAYS)
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
        self._title_gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding)
        self.top_bar.addItem(self._title_gap)
        self.top_bar.setStretch(self.top_bar.indexOf(self._title_gap), 1)
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
        accessibility.mark(nav, accessibility.TAB_LIST)
        nav_layout = self._nav_grid = QGridLayout(nav)
        nav_layout.setContentsMargins(12, 12, 12, 12)
        nav_layout.setSpacing(10)
        self.nav_buttons: dict[str, TouchButton] = {}
        self._nav_icons: dict[str, QIcon] = {}
        for screen_id in NAV_ORDER:
            title = titles.get(screen_id)
            if title is None:
                continue
            button = TouchButton(title, checkable=True)
            button.setProperty("nav", True)
            # A tab, "selected" on the page shown, rather than a "checked" check box.
            accessibility.mark(button, accessibility.TAB)
            if icons.set_button_icon(button, icons.SCREEN_ICONS.get(screen_id, ""),
                                     round(button.fontMetrics().height() * NAV_ICON_LINES)):
                self._nav_icons[screen_id] = button.icon()
            button.setAccessibleName(title)
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
        # Not a Tab stop of its own: Tab goes through the menu buttons, scrolling to each.
        nav_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        nav_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav_area = nav_area
        self._fit_nav_area(across=False)
        enable_kinetic_scroll(nav_area)
        self.body.addWidget(nav_area)

        self.stack = QStackedWidget()
        self._areas: dict[str, QScrollArea] = {}
        self.body.addWidget(self.stack, 1)

        self.helpline_panel = HelplinePanel(list(helplines))
        self.body.addWidget(self.helpline_panel)
        self._portrait = False
        self._menu_across = False
        self._narrow = False
        self._keyboard_open = False

        theme.changes().changed.connect(self._on_theme_changed)
        # F6 skips the top bar and the menu: straight to the first control on the page.
        self.skip_shortcut = QShortcut(QKeySequence(SKIP_TO_CONTENT_KEY), self)
        self.skip_shortcut.activated.connect(self.skip_to_content)

    def _add_page(self, screen: Screen) -> None:
        """A newly built screen goes into a page area that scrolls only when the window is
        shorter than the screen needs (1024x600, keyboard open): the window itself never
        grows past the screen it is on, so nothing at its bottom is pushed out of sight."""
        area = QScrollArea()
        area.setObjectName("PageArea")
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidgetResizable(True)
        area.setWidget(screen)
        self._areas[screen.screen_id] = area
        self.stack.addWidget(area)

    # ------------------------------------------------------------ navigation --
    def navigate(self, screen_id: str) -> None:
        if screen_id not in self.screens:
            log.warning("no screen %r", screen_id)
            return
        screen = self.screens[screen_id]
        self.stack.setCurrentWidget(self._areas[screen_id])
        self._show_helpline_panel()
        for sid, button in self.nav_buttons.items():
            button.setChecked(sid == screen_id)
        screen.on_shown()
        focus = QApplication.focusWidget()
        if focus is not None and focus in self.nav_buttons.values():
            # Keyboard and screen-reader users land in the new page; a stale focus ring on
            # a menu button would read as "selected" to everyone else. With no focus (a
            # new visitor) the first Tab goes to Quick exit instead.
            screen.setFocus()
        self.screen_changed.emit(screen_id)

    def skip_to_content(self) -> None:
        """Keyboard focus to the page's first control (or the page itself)."""
        screen = self.current_screen()
        if screen is None:
            return
        widget = screen.nextInFocusChain()
        while widget is not None and widget is not screen and screen.isAncestorOf(widget):
            if (widget.isVisible() and widget.isEnabled()
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return
            widget = widget.nextInFocusChain()
        screen.setFocus(Qt.FocusReason.TabFocusReason)

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

    def insert_top_bar_widget(self, widget: QWidget, before: QWidget) -> None:
        """Put a control in the top bar just left of `before` (Aa beside Quick exit)."""
        index = self.top_bar.indexOf(before)
        self.top_bar.insertWidget(index if index >= 0 else self.top_bar.count(), widget)

    def add_bottom_dock_widget(self, widget: QWidget) -> None:
        self.bottom_dock.addWidget(widget)

    def add_reset_hook(self, hook: Callable[[], None]) -> None:
        """`hook` runs on every reset_session(), before returning Home."""
        self._reset_hooks.append(hook)

    # --------------------------------------------------------------- session --
    def reset_session(self) -> None:
        """Forget the visitor: every screen and extension resets, then Home.

        A screen not built yet has nothing to forget."""
        for screen in self.screens.built():
            screen.reset()
        for hook in self._reset_hooks:
            hook()
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.clear()
        self.navigate("home")

    def _on_theme_changed(self) -> None:
        """A new text size or contrast: menu pictures in the new ink and size, and the menu
        column measured again for the new type."""
        for screen_id, button in self.nav_buttons.items():
            if screen_id in self._nav_icons and icons.set_button_icon(
                    button, icons.SCREEN_ICONS.get(screen_id, ""),
                    round(button.fontMetrics().height() * NAV_ICON_LINES)):
                self._nav_icons[screen_id] = button.icon()
                if self._narrow:
                    button.setIcon(QIcon())
        self._fit_nav_area(across=self._menu_across)
        self._set_narrow(self._wants_narrow(self.width()))
        self._set_menu_across(self._wants_menu_across(self.width(), self.height()))

    # ---------------------------------------------------------------- layout --
    def set_keyboard_open(self, shown: bool) -> None:
        """On a short portrait screen the helpline strip makes way for the on-screen
        keyboard (the crisis strip at the top keeps 988 and 911 in view), and on any short
        screen the menu running across the top does; they come back when the keyboard
        goes."""
        self._keyboard_open = shown
        self._show_helpline_panel()
        self._show_menu()

    def _show_menu(self) -> None:
        # With the largest text on a 1024x600 or 1366x768 screen, the menu's rows above
        # the page and the keys below it would leave the page no room (the window would
        # outgrow the screen): while the visitor types, the results get those rows.
        self.nav_area.setVisible(not (
            self._menu_across and self._keyboard_open
            and self.height() < ROOM_FOR_KEYBOARD_AND_HELPLINES))

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
        self._set_narrow(self._wants_narrow(event.size().width()))
        self.helpline_panel.set_compact(not portrait and event.size().height() < COMPACT_HEIGHT)
        # Only a side column is narrowed; the portrait strip keeps its large number.
        self.helpline_panel.set_column_width(
            NARROW_PANEL_WIDTH if not portrait and event.size().width() < ROOMY_WIDTH
            else PANEL_WIDTH)
        self._show_helpline_panel()
        self._set_menu_across(self._wants_menu_across(event.size().width(),
                                                      event.size().height()))
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
        self._show_helpline_panel()

    @staticmethod
    def _wants_narrow(width: int) -> bool:
        # In normal-text pixels (the width divided by the visitor's text size): a 1024-wide
        # kiosk at 125 or 150 % text fits every top-bar control's words only in the
        # shorter top bar, as a 600-wide portrait one does at normal text.
        return width * 100 / theme.look().text_percent < NARROW_WIDTH

    def _set_narrow(self, narrow: bool) -> None:
        if narrow == self._narrow:
            return
        self._narrow = narrow
        # A 600-pixel-wide portrait kiosk fits title, search, language, Aa and Quick
        # exit in one row only with slimmer margins.
        side = 8 if narrow else 16
        self.top_bar.setContentsMargins(side, 8, side, 8)
        self.top_bar.setSpacing(4 if narrow else 6)
        # What room is left goes to the search field (its word shows whole), not to the
        # gap after the title.
        self.top_bar.setStretch(self.top_bar.indexOf(self._title_gap), 0 if narrow else 1)
        # Three menu buttons to a row on a narrow screen leave room for words only.
        for screen_id, icon in self._nav_icons.items():
            self.nav_buttons[screen_id].setIcon(QIcon() if narrow else icon)
        self.narrow_changed.emit(narrow)

    @staticmethod
    def _wants_menu_across(width: int, height: int) -> bool:
        percent = theme.look().text_percent
        # At normal text a 1024-wide kiosk keeps its side menu: across the top it would
        # take the rows the on-screen keyboard needs on a 600-pixel-high screen.
        return height > width or (percent > 100 and width * 100 / percent < MENU_ACROSS_BELOW)

    def _set_menu_across(self, across: bool) -> None:
        """Portrait, or large text on a narrow landscape screen: the menu goes above the
        page, three to a row, so the page keeps the whole width instead of sharing it with
        a menu column."""
        if across == self._menu_across:
            return
        self._menu_across = across
        outer = self._outer
        self._place_nav_buttons(across=across)
        if across:
            self.body.removeWidget(self.nav_area)
            outer.insertWidget(outer.indexOf(self.header) + 1, self.nav_area)
        else:
            outer.removeWidget(self.nav_area)
            self.body.insertWidget(0, self.nav_area)
        self._fit_nav_area(across=across)
        self._show_menu()

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
            # Styled again for the new property; one not yet styled (the window being
            # built) is styled with it when first shown. (Asking for the style has PySide
            # build QStyle's Python class, some 560 enum values, before the first frame.)
            if button.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                style = button.style()
                style.unpolish(button)
                style.polish(button)
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
            # The style sheet's bar (0.9 em) may be wider than the bar as styled. (The bar's
            # own width from its size hint: asking the style would have PySide build its
            # Python class, some 560 enum values, before the first frame.)
            bar_width = max(area.verticalScrollBar().sizeHint().width(),
                            round(0.9 * QFontInfo(area.font()).pixelSize()) + 6)
            area.setMinimumWidth(self.nav_rail.sizeHint().width() + bar_width)
            area.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)

    # ----------------------------------------------------------- screenshots --
    def screenshot_states(self) -> list[ScreenshotState]:
        states: list[ScreenshotState] = []
        for screen_id, screen in zip(self.screens, self.screens.build_all(), strict=True):
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

        Until the size settles (at most six times): each resize may switch orientation or
        the narrow top bar, which changes the minimum size the next one is measured against
        (from a wide window with the largest text, the narrow bar comes on the third).
        """
        settled = None
        for _ in range(6):
            self.resize(width, height)
            QCoreApplication.processEvents()
            layout = self.layout()
            if layout is not None:
                layout.activate()
            now = (self.size(), self.minimumSize())
            if now == settled:
                break
            settled = now

    def save_screenshots(self, out_dir: Path, sizes: list[tuple[int, int]]) -> list[Path]:
        out_dir.mkdir(parents=True, exist_ok=True)
        written: list[Path] = []
        for width, height in sizes:
            self.fit_to(width, height)
            for name, prepare in self.screenshot_states():
                prepare()
                # Layout requests cascade (a grid in a scroll area in a page): settle them
                # all, so the picture shows what a visitor sees a moment later.
                for _ in range(3):
                    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
                    QCoreApplication.processEvents()
                path = out_dir / f"{name}-{width}x{height}.png"
                if not self.grab().save(str(path)):
                    raise OSError(f"cannot write {path}")
                written.append(path)
            self.reset_session()
        return written

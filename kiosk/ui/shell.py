"""The shell: every screen, the session, the counters and all cross-screen wiring in one place.

`build_shell()` gets the repositories app.py opened, builds each screen with what it needs,
and connects the screens' intent signals to a typed `Navigator`. Nothing else in the UI
knows about another screen; screens only emit what the visitor wants.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.config import Settings
from kiosk.domain import Helpline
from kiosk.packs.installed import PackStatus
from kiosk.present.helplines import help_screen_order, ordered_helplines
from kiosk.present.settings import Key, LiveSettings
from kiosk.store.admin import SettingsRepository
from kiosk.store.content import ContentRepository
from kiosk.store.counters import CounterRepository, ViewCounter
from kiosk.store.pins import PinRepository
from kiosk.ui.display import DisplayButton, DisplayChoice, DisplayOptions, DisplayPanel
from kiosk.ui.focus_ring import FocusRing
from kiosk.ui.main_window import NAV_ORDER, MainWindow, ScreenSlot
from kiosk.ui.ops import AfterFirstPaint, BatchJob
from kiosk.ui.screens.base import Screen, nav_title
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.session import SessionGuard, SessionTimeouts
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.language_button import LanguageButton
from kiosk.ui.widgets.search_bar import SearchBar
from kiosk.ui.widgets.touch import hold_kinetic_scroll

if TYPE_CHECKING:
    from kiosk.domain import Facility
    from kiosk.store.directory import DirectoryRepository
    from kiosk.store.search import SearchRepository

    # The other screens (and printing, and the QR encoder under them) are imported when
    # each is first built, not before the first frame.
    from kiosk.ui.screens.admin import AdminScreen, IntegrityCheck
    from kiosk.ui.screens.checklist import ChecklistScreen
    from kiosk.ui.screens.compare import CompareScreen
    from kiosk.ui.screens.directory import DirectoryScreen
    from kiosk.ui.screens.faq import FaqScreen
    from kiosk.ui.screens.guide import GuideScreen
    from kiosk.ui.screens.help import HelpScreen
    from kiosk.ui.screens.print_preview import PrintPreviewScreen
    from kiosk.ui.screens.search import SearchScreen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShellParts:
    """What app.py opened for the shell: settings and repositories, nothing Qt."""

    settings: Settings
    live: LiveSettings
    content: ContentRepository
    #: The directory and the search, each made when the first screen that needs it is
    #: built (their modules are not needed before the first frame); the directory once.
    directory: Callable[[], DirectoryRepository]
    search: Callable[[], SearchRepository]
    admin_settings: SettingsRepository
    pins: PinRepository
    counters: CounterRepository
    integrity: IntegrityCheck
    #: The signed content pack the kiosk opened (None: the bundled content) ...
    pack_version: int | None = None
    #: ... and how to read what is installed now (None: the admin screen shows no packs).
    pack_status: Callable[[], PackStatus] | None = None
    #: Which content database is in use and why any other was passed over (one line).
    content_note: str = ""


#: Screen ids, in the order the window lists them (home first: it is built first).
HOME, GUIDE, FAQ, COMPARE, DIRECTORY, CHECKLIST = NAV_ORDER
HELP, PRINT, ADMIN, SEARCH = "help", "print", "admin", "search"
SCREEN_IDS = (*NAV_ORDER, HELP, PRINT, ADMIN, SEARCH)


class Screens:
    """Each screen by name, built (and wired) the first time it is asked for.

    `in_order()` builds them all, for a caller that walks every screen.
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window

    def _get(self, screen_id: str) -> Screen:
        return self._window.screens[screen_id]

    @property
    def home(self) -> HomeScreen:
        return cast("HomeScreen", self._get(HOME))

    @property
    def guide(self) -> GuideScreen:
        return cast("GuideScreen", self._get(GUIDE))

    @property
    def faq(self) -> FaqScreen:
        return cast("FaqScreen", self._get(FAQ))

    @property
    def compare(self) -> CompareScreen:
        return cast("CompareScreen", self._get(COMPARE))

    @property
    def directory(self) -> DirectoryScreen:
        return cast("DirectoryScreen", self._get(DIRECTORY))

    @property
    def checklist(self) -> ChecklistScreen:
        return cast("ChecklistScreen", self._get(CHECKLIST))

    @property
    def help(self) -> HelpScreen:
        return cast("HelpScreen", self._get(HELP))

    @property
    def print_preview(self) -> PrintPreviewScreen:
        return cast("PrintPreviewScreen", self._get(PRINT))

    @property
    def admin(self) -> AdminScreen:
        return cast("AdminScreen", self._get(ADMIN))

    @property
    def search(self) -> SearchScreen:
        return cast("SearchScreen", self._get(SEARCH))

    def is_built(self, screen_id: str) -> bool:
        return self._window.screens.is_built(screen_id)

    def in_order(self) -> list[Screen]:
        return self._window.screens.build_all()


class Navigator:
    """Every move from one screen to another, with typed arguments."""

    def __init__(self, window: MainWindow, screens: Screens, keyboard: OnScreenKeyboard) -> None:
        self._window = window
        self._screens = screens
        self._keyboard = keyboard

    def go(self, screen_id: str) -> None:
        self._window.navigate(screen_id)

    def open_guide(self, section_id: str) -> None:
        self._keyboard.hide()
        self.go(GUIDE)
        self._screens.guide.show_section(section_id)

    def open_faq(self, faq_id: str) -> None:
        self._keyboard.hide()
        self.go(FAQ)
        self._screens.faq.show_faq(faq_id)

    def open_facility(self, facility_id: str) -> None:
        self._keyboard.hide()
        self.go(DIRECTORY)
        # After navigating: the directory screen has started loading in on_shown.
        self._screens.directory.show_facility(facility_id)

    def open_help(self) -> None:
        self._keyboard.hide()
        self.go(HELP)

    def print_checklist(self) -> None:
        preview = self._screens.print_preview
        preview.open(self._screens.checklist.printout(), CHECKLIST)
        self.go(PRINT)

    def print_facility(self, facility_id: str) -> None:
        # Slips printed at the kiosk carry the distance from the ZIP the visitor entered.
        facility = self._screens.directory.facility_as_shown(facility_id)
        if facility is None:
            log.warning("a program chosen for printing is not in the directory")
            return
        self._screens.print_preview.open_facility(facility, DIRECTORY)
        self.go(PRINT)

    def add_to_checklist(self, facility_id: str) -> None:
        if self._screens.checklist.set_program_id(facility_id):
            self.go(CHECKLIST)

    def search_typed(self, text: str) -> None:
        if not text.strip() and not self._screens.is_built(SEARCH):
            return  # an emptied field (a reset) has nothing to clear on a screen not built
        search = self._screens.search
        if text.strip() and self._window.current_screen_id() != SEARCH:
            self.go(SEARCH)
        search.set_query(text)

    def show_search_results(self) -> None:
        if self._window.current_screen_id() != SEARCH:
            self.go(SEARCH)


@dataclass(frozen=True)
class Shell:
    window: MainWindow
    screens: Screens
    session: SessionGuard
    counter: ViewCounter
    navigator: Navigator
    search_bar: SearchBar
    keyboard: OnScreenKeyboard
    helplines: tuple[Helpline, ...]
    #: "Español" / "English": app.py rebuilds the shell in the language it emits.
    language_button: LanguageButton
    display: DisplayOptions | None = None

    def warm_up(self) -> None:
        """Ready, between frames, what a visitor's first taps need that start-up left out:
        the directory's index (loaded in batches), so a first tap on a state is quick."""
        self.screens.directory.prepare()

    def warm_up_after_first_frame(self) -> None:
        AfterFirstPaint(self.window, self.warm_up)

    def close(self) -> None:
        """Tear the whole shell down at once (tests, and the end of a run)."""
        self.session.uninstall()
        for job in self.window.findChildren(BatchJob):
            job.cancel()  # its cursor goes before the connection under it
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


#: If the window is never painted (no screen to paint on), what the first frame held back
#: starts this long after the build all the same.
FIRST_FRAME_FALLBACK_MS = 3000


class FirstFrameHold(QObject):
    """What the kiosk's own start holds back until the window's first frame is painted.

    An application-wide event filter written in Python is handed every Qt object that gets
    an event, the internal ones too (a scroll area's viewport and scroll bars), and PySide
    then creates a Python class, enums and all, for every kind of object in Qt's modules:
    some 30 ms before anything is on the screen. The session's and the focus ring's
    filters (and kinetic scrolling, see touch.hold_kinetic_scroll) therefore start just
    after the first frame, which nobody can touch before it is painted.
    """

    def __init__(self) -> None:
        super().__init__()
        self._filters: list[QObject] = []
        self._release_scroll = hold_kinetic_scroll()
        self._released = False
        # A window closed before its first frame takes the hold with it: scroll areas made
        # after it (the next window's) must not wait for a frame that never comes.
        release_scroll = self._release_scroll
        self.destroyed.connect(lambda: release_scroll(False))

    def hold_filter(self, watcher: QObject) -> None:
        """Take `watcher`'s application-wide filter off until release()."""
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(watcher)
            self._filters.append(watcher)

    def release_after_first_frame(self, window: QWidget) -> None:
        self.setParent(window)
        AfterFirstPaint(window, self.release)
        QTimer.singleShot(FIRST_FRAME_FALLBACK_MS, self, self.release)

    def release(self) -> None:
        if self._released:
            return
        self._released = True
        self._release_scroll(True)
        app = QCoreApplication.instance()
        if app is None:
            return
        # In the order they were first installed: the later one still sees events first.
        for watcher in self._filters:
            if shiboken6.isValid(watcher):
                app.installEventFilter(watcher)
        self._filters.clear()


def build_shell(parts: ShellParts, *, first_frame_first: bool = False) -> Shell:
    """Repositories -> window -> session, then Home; every other screen is built (by
    ScreenBuilder) the first time it is shown or asked for.

    `first_frame_first` (the kiosk's own start, not tests that drive an unshown window):
    input watching and kinetic scrolling start once the window has painted (FirstFrameHold).
    """
    settings = parts.settings
    hold = FirstFrameHold() if first_frame_first else None
    helplines = ordered_helplines(
        parts.content.helplines(settings.featured_helpline),
        [i for i in settings.helpline_order.split(",") if i], settings.featured_helpline)
    search_bar = SearchBar()
    keyboard = OnScreenKeyboard(auto_show=(not settings.windowed)
                                if settings.show_keyboard is None else settings.show_keyboard)
    builder = ScreenBuilder(parts, helplines, search_bar, keyboard)
    window = MainWindow(builder.slots(), helplines)
    screens = Screens(window)
    navigator = Navigator(window, screens, keyboard)
    _wire_search(window, screens, search_bar, keyboard, navigator)
    window.add_top_bar_widget(language := LanguageButton(parts.content.lang,
                                                         parts.content.languages()))
    window.narrow_changed.connect(language.set_narrow)
    session = SessionGuard(
        window, kiosk_mode=not settings.windowed, pins=parts.pins,
        timeouts=SessionTimeouts.from_seconds(settings.idle_seconds,
                                              settings.idle_warning_seconds),
    )
    if hold is not None:
        hold.hold_filter(session)
    builder.connect(screens, navigator, session)
    display_button = _wire_display(window, session, parts.live)
    _set_tab_order(window, [session.quick_exit_button, search_bar.field,
                            search_bar.keyboard_button, language, display_button,
                            *window.nav_buttons.values()])
    ring = FocusRing(window)
    if hold is not None:
        hold.hold_filter(ring)
    window.navigate(HOME)  # before the counter listens: the start is not a visitor's view
    counter = ViewCounter(parts.counters, lambda: parts.live.flag(Key.COUNTERS_ENABLED),
                          allowed=(*NAV_ORDER, HELP, SEARCH))
    window.add_reset_hook(counter.skip_next_home)
    window.screen_changed.connect(counter)
    if hold is not None:
        hold.release_after_first_frame(window)
    return Shell(window, screens, session, counter, navigator, search_bar, keyboard,
                 tuple(helplines), language, window.findChild(DisplayOptions))


class ScreenBuilder:
    """Builds each screen with what it needs and connects its intent signals, when the
    window first asks for it. Signals go to the navigator and the session, which exist by
    then: the window builds nothing until build_shell has connected this builder."""

    def __init__(self, parts: ShellParts, helplines: list[Helpline], search_bar: SearchBar,
                 keyboard: OnScreenKeyboard) -> None:
        self._parts = parts
        self._helplines = helplines
        self._bar = search_bar
        self._keyboard = keyboard
        self._wired: tuple[Screens, Navigator, SessionGuard] | None = None
        self._directory_repo: DirectoryRepository | None = None

    def connect(self, screens: Screens, navigator: Navigator, session: SessionGuard) -> None:
        self._wired = (screens, navigator, session)

    def _directory_repository(self) -> DirectoryRepository:
        """The one directory repository every screen shares, made when first wanted."""
        if self._directory_repo is None:
            self._directory_repo = self._parts.directory()
        return self._directory_repo

    def _wiring(self) -> tuple[Screens, Navigator, SessionGuard]:
        if self._wired is None:
            raise RuntimeError("a screen was asked for before the shell was wired")
        return self._wired

    def slots(self) -> list[ScreenSlot]:
        builds: dict[str, Callable[[], Screen]] = {
            HOME: self._home, GUIDE: self._guide, FAQ: self._faq, COMPARE: self._compare,
            DIRECTORY: self._directory, CHECKLIST: self._checklist, HELP: self._help,
            PRINT: self._print_preview, ADMIN: self._admin, SEARCH: self._search,
        }
        return [ScreenSlot(sid, nav_title(sid), builds[sid]) for sid in SCREEN_IDS]

    def _home(self) -> Screen:
        home = HomeScreen(self._parts.content)
        home.path_chosen.connect(self._wiring()[1].go)
        return home

    def _guide(self) -> Screen:
        from kiosk.ui.screens.guide import GuideScreen

        return GuideScreen(self._parts.content)

    def _faq(self) -> Screen:
        from kiosk.ui.screens.faq import FaqScreen

        return FaqScreen(self._parts.content)

    def _compare(self) -> Screen:
        from kiosk.ui.screens.compare import CompareScreen

        return CompareScreen(self._parts.content)

    def _directory(self) -> Screen:
        from kiosk.present.localise import ServiceWords
        from kiosk.ui.screens.directory import DirectoryScreen

        nav = self._wiring()[1]
        content = self._parts.content
        screen = DirectoryScreen(self._directory_repository(), self._parts.settings.kiosk_zip,
                                 words=ServiceWords(content.service_labels(),
                                                    content.service_category_titles()))
        screen.facility_for_checklist.connect(nav.add_to_checklist)
        screen.print_requested.connect(nav.print_facility)
        return screen

    def _sample_facility(self) -> Facility | None:
        found = self._directory_repository().search_facilities(
            state="VT", levels={"intensive_outpatient"}, limit=1)
        return found[0] if found else None

    def _checklist(self) -> Screen:
        from kiosk.ui.screens.checklist import ChecklistScreen

        screen = ChecklistScreen(self._parts.content,
                                 facility_lookup=self._directory_repository().facility,
                                 helplines=self._helplines,
                                 windowed=self._parts.settings.windowed,
                                 sample_facility=self._sample_facility)
        screen.print_requested.connect(self._wiring()[1].print_checklist)
        return screen

    def _help(self) -> Screen:
        from kiosk.ui.screens.help import HelpScreen

        return HelpScreen(help_screen_order(self._helplines))

    def _print_preview(self) -> Screen:
        from kiosk.ui.printing import PrintService
        from kiosk.ui.screens.print_preview import PrintPreviewScreen

        screens, nav, _session = self._wiring()
        parts = self._parts
        screen = PrintPreviewScreen(
            PrintService(parts.live, windowed=parts.settings.windowed), self._helplines,
            parts.content.info(), sample_printout=lambda: screens.checklist.printout())
        screen.finished.connect(nav.go)
        return screen

    def _admin(self) -> Screen:
        from kiosk.ui.screens.admin import AdminScreen, PackFacts

        parts = self._parts
        status = parts.pack_status
        screen = AdminScreen(
            parts.admin_settings, parts.content, self._helplines,
            directory=self._directory_repository(),
            integrity=parts.integrity, effective=parts.settings, live=parts.live,
            counters=parts.counters,
            packs=PackFacts(parts.pack_version, status) if status is not None else None,
            content_note=parts.content_note)
        session = self._wiring()[2]
        screen.done.connect(session.leave_admin)
        screen.exit_requested.connect(session.exit_kiosk)
        screen.restart_requested.connect(session.restart_kiosk)
        screen.idle_changed.connect(session.set_idle_seconds)
        return screen

    def _search(self) -> Screen:
        from kiosk.ui.screens.search import SearchScreen

        nav = self._wiring()[1]
        screen = SearchScreen(self._parts.search(), self._bar, self._keyboard,
                              self._parts.settings.kiosk_zip)
        screen.guide_section_chosen.connect(nav.open_guide)
        screen.faq_chosen.connect(nav.open_faq)
        screen.facility_chosen.connect(nav.open_facility)
        screen.help_chosen.connect(nav.open_help)
        return screen


def _wire_search(window: MainWindow, screens: Screens, bar: SearchBar,
                 keyboard: OnScreenKeyboard, nav: Navigator) -> None:
    """The search field in the top bar, the on-screen keyboard in the bottom dock.

    Kiosk mode: the keyboard opens when a field is tapped. Windowed (laptops): it stays
    closed until the Keyboard button is pressed. The `show_keyboard` setting overrides.
    """
    keyboard.attach(bar.field)
    window.add_top_bar_widget(bar, 1)
    window.add_bottom_dock_widget(keyboard)
    keyboard.follow_height_of(window)

    def on_screen_changed(screen_id: str) -> None:
        if screen_id != SEARCH:
            keyboard.hide()

    def on_reset() -> None:
        bar.clear()
        keyboard.reset()

    def on_focused() -> None:
        # Load the vocabulary when the field is first touched, so the first keystroke is
        # fast too (this builds the search screen, off the start-up path).
        screens.search.prepare()

    window.narrow_changed.connect(bar.set_narrow)
    keyboard.showing.connect(window.set_keyboard_open)
    bar.text_changed.connect(nav.search_typed)
    bar.results_requested.connect(nav.show_search_results)
    bar.keyboard_requested.connect(keyboard.toggle)
    keyboard.shown_changed.connect(bar.set_keyboard_shown)
    window.screen_changed.connect(on_screen_changed)
    window.add_reset_hook(on_reset)
    bar.focused.connect(on_focused)


def kiosk_display_default(live: LiveSettings) -> DisplayChoice:
    """The text size and contrast every visitor starts with (the admin screen sets them)."""
    try:
        percent = int(live.text(Key.TEXT_SIZE))
    except ValueError:
        percent = 100
    return DisplayChoice(percent, live.flag(Key.HIGH_CONTRAST))


def _set_tab_order(window: MainWindow, first: list[QWidget]) -> None:
    """Tab starts with Quick exit (one key from anywhere to leave), then the rest of the
    top bar, then the menu, then the page and the helplines."""
    # The window's widgets in the order they were made, which is the focus chain's order
    # (walking nextInFocusChain() from Python can meet a stale wrapper of another type).
    rest = [w for w in window.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w not in first]
    # Each one after the one before: the first of the list then leads the whole ring.
    order = [*first, *rest]
    for previous, following in itertools.pairwise(order):
        QWidget.setTabOrder(previous, following)


def _wire_display(window: MainWindow, session: SessionGuard, live: LiveSettings,
                  ) -> DisplayButton:
    """The "Aa" button beside Quick exit, its panel, and the reset to the kiosk's default."""
    display = DisplayOptions(lambda: kiosk_display_default(live), window)
    button = DisplayButton()
    window.insert_top_bar_widget(button, before=session.quick_exit_button)
    panel = DisplayPanel(window, window.header, display)
    button.clicked.connect(panel.open_panel)

    def on_reset() -> None:
        panel.hide()
        display.reset()

    window.add_reset_hook(on_reset)
    window.add_screenshot_state("display-options", panel.open_panel)
    return button

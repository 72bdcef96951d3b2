"""The shell: every screen, the session, the counters and all cross-screen wiring in one place.

`build_shell()` gets the repositories app.py opened, builds each screen with what it needs,
and connects the screens' intent signals to a typed `Navigator`. Nothing else in the UI
knows about another screen; screens only emit what the visitor wants.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent

from kiosk.config import Settings
from kiosk.domain import Facility, Helpline
from kiosk.present.helplines import help_screen_order, ordered_helplines
from kiosk.present.localise import ServiceWords
from kiosk.present.settings import Key, LiveSettings
from kiosk.store.admin import SettingsRepository
from kiosk.store.content import ContentRepository
from kiosk.store.counters import CounterRepository, ViewCounter
from kiosk.store.directory import DirectoryRepository
from kiosk.store.pins import PinRepository
from kiosk.store.search import SearchRepository
from kiosk.ui.main_window import NAV_ORDER, MainWindow
from kiosk.ui.ops import BatchJob
from kiosk.ui.printing import PrintService
from kiosk.ui.screens.admin import AdminScreen, IntegrityCheck, PackFacts
from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.compare import CompareScreen
from kiosk.ui.screens.directory import DirectoryScreen
from kiosk.ui.screens.faq import FaqScreen
from kiosk.ui.screens.guide import GuideScreen
from kiosk.ui.screens.help import HelpScreen
from kiosk.ui.screens.home import HomeScreen
from kiosk.ui.screens.print_preview import PrintPreviewScreen
from kiosk.ui.screens.search import SearchScreen
from kiosk.ui.session import SessionGuard, SessionTimeouts
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.language_button import LanguageButton
from kiosk.ui.widgets.search_bar import SearchBar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ShellParts:
    """What app.py opened for the shell: settings and repositories, nothing Qt."""

    settings: Settings
    live: LiveSettings
    content: ContentRepository
    directory: DirectoryRepository
    search: SearchRepository
    admin_settings: SettingsRepository
    pins: PinRepository
    counters: CounterRepository
    integrity: IntegrityCheck
    packs: PackFacts | None = None
    #: Which content database is in use and why any other was passed over (one line).
    content_note: str = ""


@dataclass(frozen=True)
class Screens:
    home: HomeScreen
    guide: GuideScreen
    faq: FaqScreen
    compare: CompareScreen
    directory: DirectoryScreen
    checklist: ChecklistScreen
    help: HelpScreen
    print_preview: PrintPreviewScreen
    admin: AdminScreen
    search: SearchScreen

    def in_order(self) -> list[
            HomeScreen | GuideScreen | FaqScreen | CompareScreen | DirectoryScreen
            | ChecklistScreen | HelpScreen | PrintPreviewScreen | AdminScreen | SearchScreen]:
        return [self.home, self.guide, self.faq, self.compare, self.directory, self.checklist,
                self.help, self.print_preview, self.admin, self.search]


class Navigator:
    """Every move from one screen to another, with typed arguments."""

    def __init__(self, window: MainWindow, screens: Screens, keyboard: OnScreenKeyboard,
                 facility_as_shown: Callable[[str], Facility | None]) -> None:
        self._window = window
        self._screens = screens
        self._keyboard = keyboard
        self._facility_as_shown = facility_as_shown

    def go(self, screen_id: str) -> None:
        self._window.navigate(screen_id)

    def open_guide(self, section_id: str) -> None:
        self._keyboard.hide()
        self.go(self._screens.guide.screen_id)
        self._screens.guide.show_section(section_id)

    def open_faq(self, faq_id: str) -> None:
        self._keyboard.hide()
        self.go(self._screens.faq.screen_id)
        self._screens.faq.show_faq(faq_id)

    def open_facility(self, facility_id: str) -> None:
        self._keyboard.hide()
        self.go(self._screens.directory.screen_id)
        # After navigating: the directory screen has started loading in on_shown.
        self._screens.directory.show_facility(facility_id)

    def open_help(self) -> None:
        self._keyboard.hide()
        self.go(self._screens.help.screen_id)

    def print_checklist(self) -> None:
        preview = self._screens.print_preview
        preview.open(self._screens.checklist.printout(), self._screens.checklist.screen_id)
        self.go(preview.screen_id)

    def print_facility(self, facility_id: str) -> None:
        # Slips printed at the kiosk carry the distance from the ZIP the visitor entered.
        facility = self._facility_as_shown(facility_id)
        if facility is None:
            log.warning("a program chosen for printing is not in the directory")
            return
        self._screens.print_preview.open_facility(facility, self._screens.directory.screen_id)
        self.go(self._screens.print_preview.screen_id)

    def add_to_checklist(self, facility_id: str) -> None:
        if self._screens.checklist.set_program_id(facility_id):
            self.go(self._screens.checklist.screen_id)

    def search_typed(self, text: str) -> None:
        search = self._screens.search
        if text.strip() and self._window.current_screen_id() != search.screen_id:
            self.go(search.screen_id)
        search.set_query(text)

    def show_search_results(self) -> None:
        if self._window.current_screen_id() != self._screens.search.screen_id:
            self.go(self._screens.search.screen_id)


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

    def close(self) -> None:
        """Tear the whole shell down at once (tests, and the end of a run)."""
        self.session.uninstall()
        for job in self.window.findChildren(BatchJob):
            job.cancel()  # its cursor goes before the connection under it
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def build_shell(parts: ShellParts) -> Shell:
    """Repositories -> screens -> window -> session; tests build screens the same way."""
    settings = parts.settings
    helplines = ordered_helplines(
        parts.content.helplines(settings.featured_helpline),
        [i for i in settings.helpline_order.split(",") if i], settings.featured_helpline)
    windowed = settings.windowed
    directory = parts.directory

    def sample_facility() -> Facility | None:
        found = directory.search_facilities(state="VT", levels={"intensive_outpatient"},
                                            limit=1)
        return found[0] if found else None

    search_bar = SearchBar()
    keyboard = OnScreenKeyboard(auto_show=(not windowed) if settings.show_keyboard is None
                                else settings.show_keyboard)
    checklist = ChecklistScreen(parts.content, facility_lookup=directory.facility,
                                helplines=helplines, windowed=windowed,
                                sample_facility=sample_facility)
    directory_screen = DirectoryScreen(directory, settings.kiosk_zip, words=ServiceWords(
        parts.content.service_labels(), parts.content.service_category_titles()))
    screens = Screens(
        home=HomeScreen(parts.content),
        guide=GuideScreen(parts.content),
        faq=FaqScreen(parts.content),
        compare=CompareScreen(parts.content),
        directory=directory_screen,
        checklist=checklist,
        help=HelpScreen(help_screen_order(helplines)),
        print_preview=PrintPreviewScreen(PrintService(parts.live, windowed=windowed),
                                         helplines, parts.content.info(),
                                         sample_printout=checklist.printout),
        admin=AdminScreen(parts.admin_settings, parts.content, helplines,
                          directory=directory, integrity=parts.integrity,
                          effective=settings, live=parts.live, counters=parts.counters,
                          packs=parts.packs, content_note=parts.content_note),
        search=SearchScreen(parts.search, search_bar, keyboard, settings.kiosk_zip),
    )
    window = MainWindow(screens.in_order(), helplines)
    navigator = Navigator(window, screens, keyboard, directory_screen.facility_as_shown)
    _wire_screens(screens, navigator)
    _wire_search(window, screens.search, search_bar, keyboard, navigator)
    window.add_top_bar_widget(language := LanguageButton(parts.content.lang,
                                                         parts.content.languages()))
    window.narrow_changed.connect(language.set_narrow)
    session = SessionGuard(
        window, kiosk_mode=not windowed, pins=parts.pins,
        timeouts=SessionTimeouts.from_seconds(settings.idle_seconds,
                                              settings.idle_warning_seconds),
    )
    _wire_admin(screens.admin, session)
    # Never squeezed below its words when the language button shares the narrow top bar.
    session.quick_exit_button.ensurePolished()
    session.quick_exit_button.setMinimumWidth(session.quick_exit_button.sizeHint().width())
    counter = ViewCounter(parts.counters, lambda: parts.live.flag(Key.COUNTERS_ENABLED),
                          allowed=(*NAV_ORDER, screens.help.screen_id,
                                   screens.search.screen_id))
    window.add_reset_hook(counter.skip_next_home)
    window.screen_changed.connect(counter)
    return Shell(window, screens, session, counter, navigator, search_bar, keyboard,
                 tuple(helplines), language)


def _wire_screens(screens: Screens, nav: Navigator) -> None:
    screens.home.path_chosen.connect(nav.go)
    screens.checklist.print_requested.connect(nav.print_checklist)
    screens.print_preview.finished.connect(nav.go)
    screens.directory.facility_for_checklist.connect(nav.add_to_checklist)
    screens.directory.print_requested.connect(nav.print_facility)
    screens.search.guide_section_chosen.connect(nav.open_guide)
    screens.search.faq_chosen.connect(nav.open_faq)
    screens.search.facility_chosen.connect(nav.open_facility)
    screens.search.help_chosen.connect(nav.open_help)


def _wire_search(window: MainWindow, screen: SearchScreen, bar: SearchBar,
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
        if screen_id != screen.screen_id:
            keyboard.hide()

    def on_reset() -> None:
        bar.clear()
        keyboard.reset()

    window.narrow_changed.connect(bar.set_narrow)
    keyboard.showing.connect(window.set_keyboard_open)
    bar.text_changed.connect(nav.search_typed)
    bar.results_requested.connect(nav.show_search_results)
    bar.keyboard_requested.connect(keyboard.toggle)
    keyboard.shown_changed.connect(bar.set_keyboard_shown)
    window.screen_changed.connect(on_screen_changed)
    window.add_reset_hook(on_reset)
    # Load the vocabulary when the field is first touched, so the first keystroke is fast too.
    bar.focused.connect(screen.prepare)


def _wire_admin(admin: AdminScreen, session: SessionGuard) -> None:
    admin.done.connect(session.leave_admin)
    admin.exit_requested.connect(session.exit_kiosk)
    admin.restart_requested.connect(session.restart_kiosk)
    admin.idle_changed.connect(session.set_idle_seconds)


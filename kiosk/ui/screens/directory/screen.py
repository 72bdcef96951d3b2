"""DirectoryScreen: loads the directory's index, knows where the visitor is looking, and
switches between its pages."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QSizePolicy, QStackedWidget, QWidget

from kiosk.domain import Facility
from kiosk.present.codes import LOCAL_SERVICES
from kiosk.present.directory_index import (
    DirectoryIndex,
    DirectoryIndexBuilder,
    filter_defs,
    index_steps,
)
from kiosk.present.local_program import now_here
from kiosk.present.localise import ServiceWords
from kiosk.store.directory import DirectoryRepository
from kiosk.ui.directory_models import FacilityListModel, ProgramList
from kiosk.ui.ops import BatchJob
from kiosk.ui.screens.base import Screen, ScreenshotState, page_layout
from kiosk.ui.screens.directory.choose_page import ChoosePage, state_name
from kiosk.ui.screens.directory.detail_page import DetailPage
from kiosk.ui.screens.directory.empty_page import EmptyPage
from kiosk.ui.screens.directory.results_page import ResultsPage
from kiosk.ui.widgets.keypad import NumericKeypad


def _focus_into(page: QWidget, left: QWidget) -> None:
    """The focus into `page` as the stack gives it when the focus was on the page it hid
    (`left` had it): the page's last focused widget, else the next one in the Tab order."""
    last = page.focusWidget()
    if last is not None:
        last.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    widget = left.nextInFocusChain()
    while widget is not left:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus \
                and widget.focusProxy() is None and widget.isVisibleTo(widget) \
                and widget.isEnabled() and page.isAncestorOf(widget):
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()
    page.setFocus(Qt.FocusReason.OtherFocusReason)


@dataclass(frozen=True)
class DirectoryPlace:
    """A visitor's place in the directory: the state or ZIP chosen, the filters on, the
    program open and which page shows."""

    chosen: tuple[str, str] | None
    filters: frozenset[str]
    facility_id: str
    page: str
    typed_zip: str


class DirectoryScreen(Screen):
    screen_id = "directory"

    facility_chosen = Signal(str)
    facility_for_checklist = Signal(str)
    print_requested = Signal(str)

    def __init__(self, directory: DirectoryRepository | None = None, default_zip: str = "",
                 parent: QWidget | None = None,
                 clock: Callable[[], datetime] = now_here,
                 words: ServiceWords | None = None) -> None:
        super().__init__(parent)
        self._repo = directory
        #: The service labels in the visitor's language; names and addresses stay SAMHSA's.
        self._words = words or ServiceWords()
        #: The kiosk's clock (aware): local programs' "Open now" and hours read it.
        self._clock = clock
        self._default_zip = default_zip if len(default_zip) == 5 and default_zip.isdigit() else ""
        self._index: DirectoryIndex | None = None
        self._job: BatchJob[DirectoryIndex] | None = None
        self._zip_origin: tuple[float, float] | None = None
        #: The place the results are for: ("state", "VT"), ("zip", "05401") or None.
        self._chosen: tuple[str, str] | None = None

        layout = page_layout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.empty_page = EmptyPage()
        self.choose_page = ChoosePage()
        self.results_page = ResultsPage()
        self.results_page.clock = self.results_page.model.clock = clock
        self.detail_page = DetailPage(words=self._words)
        for page in (self.empty_page, self.choose_page, self.results_page, self.detail_page):
            self.pages.addWidget(page)
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self._on_pages_current_changed(self.pages.currentIndex())
        self.choose_page.state_chosen.connect(self._on_choose_page_state_chosen)
        self.choose_page.zip_entered.connect(self._on_choose_page_zip_entered)
        self.choose_page.local_chosen.connect(self._on_choose_page_local_chosen)
        self.results_page.change_place_requested.connect(
            self._on_results_page_change_place_requested)
        self.results_page.facility_activated.connect(self._on_results_page_facility_activated)
        self.detail_page.back_requested.connect(self._on_detail_page_back_requested)
        self.detail_page.checklist_requested.connect(self.facility_for_checklist)
        self.detail_page.print_requested.connect(self.print_requested)

        self.source_label = QLabel()
        self.source_label.setProperty("role", "small")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)
        repo = self._loaded_repo()
        if repo is not None:
            self.source_label.setText(self.tr(
                "Source: {source} (data from {date}). Listing is not an endorsement. "
                "Call to confirm hours and services."
            ).format(source=repo.source(), date=repo.data_date()))
            lists = repo.local_sources()
            for local in lists:
                self.source_label.setText(self.source_label.text() + " " + self.tr(
                    "Local services from {source}, updated {date}."
                ).format(source=local.name, date=local.data_date))
            count = sum(local.programs for local in lists)
            if count:
                self.choose_page.set_local_text(self.tr(
                    "Local services from {sources} ({count})").format(
                    sources=", ".join(local.name for local in lists if local.programs),
                    count=f"{count:,}"))
        self._show_start_page()
        self.choose_page.zip_edit.setText(self._default_zip)


    # The shell's session and privacy checks and the e2e tests drive these parts directly.
    @property
    def zip_edit(self) -> QLineEdit:
        return self.choose_page.zip_edit

    @property
    def keypad(self) -> NumericKeypad:
        return self.choose_page.keypad

    @property
    def model(self) -> FacilityListModel:
        return self.results_page.model

    @property
    def list(self) -> ProgramList:
        return self.results_page.list

    @property
    def detail_title(self) -> QLabel:
        return self.detail_page.detail_title

    def _loaded_repo(self) -> DirectoryRepository | None:
        """The repository when it holds a directory, else None (the empty page shows)."""
        repo = self._repo
        return repo if repo is not None and repo.has_directory() else None

    def _show_start_page(self) -> None:
        has = self._loaded_repo() is not None
        self._show_page(self.choose_page if has else self.empty_page)

    # ----------------------------------------------------------------- load --
    def on_shown(self) -> None:
        """Build the state grid now; index the facilities in batches between frames."""
        repo = self._loaded_repo()
        if repo is None:
            return
        if not self.choose_page.has_states():
            self.choose_page.set_state_counts(repo.state_counts())
        self.prepare()

    def prepare(self) -> None:
        """Start indexing the facilities in batches between frames (once), so the first
        tap on a state finds the index ready."""
        repo = self._loaded_repo()
        if repo is None or self._index is not None:
            return
        if not self.is_loading():
            # A job that has ended stays a child of this screen and goes with it: deleting
            # one (deleteLater) from inside its own on_done crashed PySide6 6.11 now and then.
            builder = DirectoryIndexBuilder(filter_defs(repo.filter_codes()))
            self._job = BatchJob(self, index_steps(builder, repo.index_batches()),
                                 builder.finish, self._on_index_done, self._on_index_error)
            self._job.start()

    def is_loading(self) -> bool:
        """True while the index is being built between frames."""
        return self._job is not None and self._job.is_running()

    def _on_index_done(self, index: DirectoryIndex) -> None:
        self._index = index
        self.results_page.set_filters(index)

    def _on_index_error(self, _error: Exception) -> None:
        """BatchJob has logged it (the database went away, say): load again when shown."""

    def _ensure_loaded(self) -> None:
        """Finish loading now (the visitor chose a place before it was done)."""
        if self._index is not None:
            return
        self.on_shown()
        if self._job is not None:
            self._job.finish_now()

    def _cancel_loading(self) -> None:
        """Stop a load under way: its batches (and their cursor) are closed at once."""
        if self._job is not None:
            self._job.cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._cancel_loading()
        super().closeEvent(event)

    # ---------------------------------------------------------------- place --
    def show_state(self, state: str) -> None:
        self._ensure_loaded()
        if self._index is None:
            return
        self._zip_origin = None
        self._chosen = ("state", state)
        self.choose_page.set_zip_error("")
        title = self.tr("Programs in {place}").format(place=state_name(state))
        self.results_page.show_place(self._index, self._index.state_place(state), title)
        self._show_page(self.results_page)

    def show_zip(self, zip_code: str) -> bool:
        """Results near `zip_code`; False (and a message) when it is not a known ZIP."""
        self._ensure_loaded()
        repo = self._repo
        if self._index is None or repo is None:
            return False
        if len(zip_code) != 5 or not zip_code.isdigit():
            self.choose_page.set_zip_error(self.tr(
                "A ZIP code has 5 digits. Check it, or choose your state."))
            return False
        origin = repo.zip_position(zip_code)
        if origin is None:
            self.choose_page.set_zip_error(self.tr(
                "We could not find ZIP code {zip}. Check the 5 digits, or choose your state."
            ).format(zip=zip_code))
            return False
        self.choose_page.set_zip_error("")
        self._zip_origin = origin
        self._chosen = ("zip", zip_code)
        title = self.tr("Nearest to ZIP {zip}").format(zip=zip_code)
        self.results_page.show_place(self._index, self._index.zip_place(origin), title)
        self._show_page(self.results_page)
        return True

    def _show_page(self, page: QWidget) -> None:
        """Switch to `page`, painted once.

        The stack turns its updates off and on around a switch, which asks every widget on
        the page coming in to repaint itself: Qt then paints each opaque part of the page
        (the page, its filter column, its list) and again everything on top of them, about
        twice the pixels. Hiding the page going out first marks the whole area as needing a
        repaint, which those requests fall inside, so the new page is painted once.
        """
        old = self.pages.currentWidget()
        if page is old:
            return
        if old is None:
            self.pages.setCurrentWidget(page)
            return
        focus = QApplication.focusWidget()
        on_old = focus is not None and old.isAncestorOf(focus)
        if on_old:
            # Held by the stack meanwhile: hidden with the focus, the old page would pass
            # it on to whatever comes next in the window.
            self.pages.setFocus(Qt.FocusReason.OtherFocusReason)
        old.hide()
        self.pages.setCurrentWidget(page)
        if on_old and focus is not None:
            _focus_into(page, focus)

    def _on_pages_current_changed(self, current: int) -> None:
        # The stack is as wide as its widest page, hidden ones included (a program page
        # laid out side by side before it was ever shown): only the page on screen counts,
        # so a narrow window never scrolls sideways for a page it is not showing.
        for i in range(self.pages.count()):
            page = self.pages.widget(i)
            policy = (QSizePolicy.Policy.Preferred if i == current
                      else QSizePolicy.Policy.Ignored)
            if page is not None:
                page.setSizePolicy(policy, policy)

    def show_local(self) -> None:
        """Every local program, wherever it is (the library's own lists)."""
        self._ensure_loaded()
        index = self._index
        if index is None:
            return
        self._zip_origin = None
        self.results_page.show_place(index, index.filter_place(LOCAL_SERVICES),
                                     self.tr("Local services"))
        self._show_page(self.results_page)

    def _on_choose_page_local_chosen(self) -> None:
        self.show_local()

    def set_filter(self, key: str, on: bool) -> None:
        self.results_page.set_filter(key, on)

    def _on_choose_page_state_chosen(self, state: str) -> None:
        self.show_state(state)

    def _on_choose_page_zip_entered(self, zip_code: str) -> None:
        self.show_zip(zip_code)

    def _on_results_page_change_place_requested(self) -> None:
        self._show_page(self.choose_page)

    def place(self) -> DirectoryPlace:
        """Where the visitor is in the directory, to take over into a rebuilt screen."""
        page = ("detail" if self.pages.currentWidget() is self.detail_page and
                self.current_facility_id() else
                "results" if self.pages.currentWidget() is self.results_page else "choose")
        return DirectoryPlace(chosen=self._chosen, filters=self.results_page.chosen,
                              facility_id=self.current_facility_id(), page=page,
                              typed_zip=self.zip_edit.text())

    def restore_place(self, place: DirectoryPlace) -> None:
        """Show `place` (from another DirectoryScreen's place()) here."""
        if place.chosen is not None:
            kind, value = place.chosen
            if kind == "zip":
                shown = self.show_zip(value)
            else:
                self.show_state(value)
                shown = self._chosen is not None
            if shown:
                for key in sorted(place.filters):
                    self.set_filter(key, True)
        self.zip_edit.setText(place.typed_zip)
        if place.page == "detail" and place.facility_id:
            self.show_facility(place.facility_id)
        elif place.page == "choose" and self._loaded_repo() is not None:
            self._show_page(self.choose_page)

    # --------------------------------------------------------------- detail --
    def _on_results_page_facility_activated(self, facility_id: str) -> None:
        self.show_facility(facility_id)

    def facility_as_shown(self, facility_id: str) -> Facility | None:
        """A facility with its distance from the ZIP the visitor entered, if any (for slips)."""
        if self._repo is None:
            return None
        facility = self._repo.facility(facility_id, near=self._zip_origin)
        return self._words.facility(facility) if facility is not None else None

    def show_facility(self, facility_id: str) -> bool:
        """Open one facility's details (also used by search). False if it is unknown."""
        repo = self._repo
        if repo is None:
            return False
        facility = self.facility_as_shown(facility_id)
        if facility is None:
            return False
        self._ensure_loaded()
        self.detail_page.show_facility(facility, repo.source(), repo.data_date(),
                                       now=self._clock())
        self._show_page(self.detail_page)
        self.facility_chosen.emit(facility.id)
        return True

    def current_facility_id(self) -> str:
        return self.detail_page.facility_id()

    def _on_detail_page_back_requested(self) -> None:
        self._show_page(
            self.results_page if self.results_page.has_place() else self.choose_page)

    # -------------------------------------------------------------- session --
    def reset(self) -> None:
        # A load under way stops here (on_shown starts it again), so no batch is left
        # reading a connection that may be closed before this screen is.
        self._cancel_loading()
        self.choose_page.reset(self._default_zip)
        self.results_page.reset()
        self.detail_page.clear()
        self._zip_origin = None
        self._chosen = None
        self._show_start_page()

    # `list` is the results list view here (see the property above).
    def screenshot_states(self) -> builtins.list[ScreenshotState]:
        if self._loaded_repo() is None:
            return [("", lambda: None)]

        def states() -> None:
            self.reset()
            self._ensure_loaded()

        def filtered() -> None:
            self.reset()
            self.show_state("CA")
            self.set_filter("intensive_outpatient", True)

        def near_zip() -> None:
            self.reset()
            self.show_zip(self._default_zip or "94103")

        def detail() -> None:
            filtered()
            facility_id = self.results_page.first_facility_id()
            if facility_id:
                self.show_facility(facility_id)

        def local_list() -> None:
            # The state with most local programs, narrowed to them.
            self.reset()
            repo = self._loaded_repo()
            states = repo.local_states() if repo is not None else []
            if states:
                self.show_state(states[0])
                self.set_filter(LOCAL_SERVICES, True)

        def local() -> None:
            # A local program with its hours.
            local_list()
            facility_id = self.results_page.first_facility_id()
            if facility_id:
                self.show_facility(facility_id)

        shots: builtins.list[ScreenshotState] = [
            ("states", states), ("filtered", filtered), ("zip", near_zip), ("detail", detail)]
        repo = self._loaded_repo()
        if repo is not None and repo.local_states():
            shots.extend((("local-list", local_list), ("local", local)))
        return shots

"""Search: results for what the visitor types in the top bar, grouped Guide / FAQs / Programs.

The search field (top bar) and the on-screen keyboard (bottom dock) belong to the shell,
which places them; this screen is handed both so its screenshots can type on them. A chosen
result is an intent signal; the shell opens it on its own screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QListView, QStackedWidget, QWidget

from kiosk.domain import SearchResults
from kiosk.store.search import SearchRepository, read_intent
from kiosk.ui.ops import BatchJob
from kiosk.ui.screens.base import Screen, ScreenshotState, heading, page_layout
from kiosk.ui.search_models import SearchResultsModel
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.labels import StatusLine
from kiosk.ui.widgets.search_bar import SearchBar
from kiosk.ui.widgets.touch import fill_own_background, set_up_wrapping_list
from kiosk.ui.widgets.wrap_delegate import paint_whole_rows

#: What the screenshots type: a typo (it shows the correction note), and a word that finds
#: guide sections, answers and programs.
SCREENSHOT_QUERIES = {"keyboard": "medicad", "results": "methadon"}


class SearchScreen(Screen):
    screen_id = "search"
    guide_section_chosen = Signal(str)
    faq_chosen = Signal(str)
    facility_chosen = Signal(str)
    #: The visitor chose the crisis lines (Get help now).
    help_chosen = Signal()

    def __init__(self, search: SearchRepository, bar: SearchBar | None = None,
                 keyboard: OnScreenKeyboard | None = None, kiosk_zip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        # "near me" means near this kiosk: the ZIP its administrator set.
        self._kiosk_zip = kiosk_zip
        self._near_me_unknown = False
        self.bar = bar
        self.keyboard = keyboard
        self._warm_up: BatchJob[None] | None = None
        layout = page_layout(self)
        layout.addWidget(heading(self.tr("Search")))
        self.status = StatusLine(role="muted")
        layout.addWidget(self.status)
        self.model = SearchResultsModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        set_up_wrapping_list(self.list, self.tr("Search results"))
        paint_whole_rows(self.list)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.activated.connect(self._on_list_clicked)
        # While there is nothing to list, an empty page takes the list's place. Both share
        # one stack, so the first results of a word swap them without laying out the page.
        self._filler = QWidget()
        self._list_place = QStackedWidget()
        # Under the list's rounded frame: the swap repaints this place alone.
        fill_own_background(self._list_place)
        self._list_place.addWidget(self._filler)
        self._list_place.addWidget(self.list)
        layout.addWidget(self._list_place, 1)
        self.results = SearchResults(query="")
        self._show_status()


    def on_shown(self) -> None:
        self.prepare()

    def prepare(self) -> None:
        """Load what searching needs (once), between frames, before the first keystroke."""
        if self._warm_up is None:
            self._warm_up = BatchJob(self, self._search.warm_steps(), lambda: None,
                                     lambda _: None)
            self._warm_up.start()

    def is_warming_up(self) -> bool:
        return self._warm_up is not None and self._warm_up.is_running()

    # ------------------------------------------------------------------- query --
    def set_query(self, text: str) -> None:
        """Search for `text` now and show the results (called on every keystroke)."""
        self._search_now(text)

    def _search_now(self, text: str) -> None:
        intent = read_intent(text)
        self.results = self._search.search(text, home_zip=self._kiosk_zip, intent=intent)
        self._near_me_unknown = (intent.near_me and not intent.zip_code
                                 and not self._kiosk_zip)
        self.model.set_results(self.results, crisis_first=intent.crisis)
        self.list.scrollToTop()
        self._show_status()

    def _show_status(self) -> None:
        results = self.results
        has_rows = self.model.rowCount() > 0
        shown = self.list if has_rows else self._filler
        if self._list_place.currentWidget() is not shown:
            self._list_place.setCurrentWidget(shown)
        if not self._search.available():
            text = self.tr("Search is not ready on this kiosk (its content needs updating). "
                           "Use the menu, or call a helpline on this screen.")
        elif not results.query.strip():
            text = self.tr("Type a word, a city or a ZIP code in the search box at the top. "
                           "For example: detox, Medicaid, español, near me or 60625.")
        elif self._near_me_unknown:
            text = self.tr("This kiosk does not know where it is, so it cannot find what is "
                           "near. Type a ZIP code instead, for example 60625.")
        elif not has_rows:
            text = self.tr("Nothing found for that yet. Try another word, or call a helpline "
                           "on this screen: they can help you search.")
        else:
            text = self.tr("Tap a result to open it.")
        if results.corrections and has_rows:
            text = self.tr("Also showing results for: {words}.").format(
                words=", ".join(results.corrections)) + " " + text
        self.status.setText(text)
        self.status.setAccessibleName(text)

    def _on_list_clicked(self, index: QModelIndex) -> None:
        hit = self.model.hit(index.row())
        if hit is None:
            return
        if hit.kind == "help":
            self.help_chosen.emit()
            return
        signal = {"guide": self.guide_section_chosen, "faq": self.faq_chosen,
                  "facility": self.facility_chosen}.get(hit.kind)
        if signal is not None:
            signal.emit(hit.id)

    def reset(self) -> None:
        self.results = SearchResults(query="")
        self._near_me_unknown = False
        self.model.clear()
        self._show_status()

    # -------------------------------------------------------------- screenshots --
    def screenshot_states(self) -> list[ScreenshotState]:
        # The last state leaves the field empty and the keyboard closed for the screens after.
        return [("keyboard", lambda: self._type_for_screenshot("keyboard", keyboard=True)),
                ("results", lambda: self._type_for_screenshot("results", keyboard=False)),
                ("", self._clear_for_screenshot)]

    def _type_for_screenshot(self, state: str, keyboard: bool) -> None:
        query = SCREENSHOT_QUERIES[state]
        if self.bar is None or self.keyboard is None:
            self.set_query(query)
            return
        self.keyboard.attach(self.bar.field)
        self.keyboard.press("clear")
        for letter in query:
            self.keyboard.press(letter)
        self.keyboard.toggle(keyboard)

    def _clear_for_screenshot(self) -> None:
        if self.bar is not None and self.keyboard is not None:
            self.bar.clear()
            self.keyboard.reset()


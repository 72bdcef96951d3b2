"""Search field, on-screen keyboard and results screen inside the real shell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.domain import SearchHit, SearchResults
from kiosk.ui.search_models import HitRole, RowKindRole, SearchResultsModel
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from tests.helpers import (
    SEARCH_TABLES,
    copy_without_tables,
    dispose,
    needs_directory,
    recording_paints,
)


def parts(window):  # type: ignore[no-untyped-def]
    screen = window.screens["search"]
    return screen, screen.bar, screen.keyboard


def type_on(keyboard: OnScreenKeyboard, qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    for ch in text:
        qtbot.mouseClick(keyboard.keys[ch], Qt.MouseButton.LeftButton)


@pytest.fixture
def kiosk_window(make_window):  # type: ignore[no-untyped-def]
    """The shell in kiosk mode (not windowed), at the landscape kiosk size."""
    return make_window(windowed=False, size=(1920, 1080))


def test_typing_on_the_keyboard_searches_and_leaves_no_undo(qtbot, window) -> None:
    screen, bar, keyboard = parts(window)
    qtbot.mouseClick(bar.keyboard_button, Qt.MouseButton.LeftButton)
    assert keyboard.isVisible()
    type_on(keyboard, qtbot, "medicad")
    assert bar.text() == "medicad"
    assert window.current_screen_id() == "search"
    assert [h.id for h in screen.model.hits()][:1] == ["cost-and-insurance"]
    assert "medicaid" in screen.status.text()
    assert not bar.field.isUndoAvailable()
    # The keys never take focus from the field being typed.
    assert bar.field.hasFocus()


def test_delete_clear_and_space(qtbot, window) -> None:
    _, bar, keyboard = parts(window)
    keyboard.toggle(True)
    qtbot.mouseClick(keyboard.keys[" "], Qt.MouseButton.LeftButton)
    assert bar.text() == ""  # no leading space
    type_on(keyboard, qtbot, "aa")
    qtbot.mouseClick(keyboard.keys[" "], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keyboard.keys[" "], Qt.MouseButton.LeftButton)
    type_on(keyboard, qtbot, "na")
    assert bar.text() == "aa na"
    qtbot.mouseClick(keyboard.keys["back"], Qt.MouseButton.LeftButton)
    assert bar.text() == "aa n"
    qtbot.mouseClick(keyboard.keys["clear"], Qt.MouseButton.LeftButton)
    assert bar.text() == ""
    assert not bar.field.isUndoAvailable()
    qtbot.mouseClick(keyboard.keys["done"], Qt.MouseButton.LeftButton)
    assert not keyboard.isVisible() and not bar.keyboard_button.isChecked()


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1366, 768)])
def test_the_keyboard_lives_inside_the_window_below_the_field(qtbot, window, size) -> None:
    _, bar, keyboard = parts(window)
    window.resize(*size)
    keyboard.toggle(True)
    qtbot.waitUntil(lambda: keyboard.isVisible())
    qtbot.waitUntil(lambda: window.size().toTuple() == size)  # the window did not grow
    assert not keyboard.isWindow() and keyboard.window() is window
    field_bottom = bar.field.mapTo(window, QPoint(0, bar.field.height())).y()
    keys_top = keyboard.mapTo(window, QPoint(0, 0)).y()
    assert bar.field.isVisible() and field_bottom <= keys_top
    assert keyboard.mapTo(window, QPoint(0, keyboard.height())).y() <= window.height()
    # The helpline panel stays on screen with the keyboard open.
    panel = window.helpline_panel
    assert panel.isVisible()
    assert panel.mapTo(window, QPoint(0, panel.height())).y() <= window.height()
    for key in keyboard.keys.values():
        assert key.isVisible() and min(key.width(), key.height()) >= 48, key.text()
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert key.accessibleName()


def test_windowed_mode_keeps_the_keyboard_hidden_until_asked(qtbot, window) -> None:
    _, bar, keyboard = parts(window)
    assert not keyboard.isVisible()
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    assert bar.field.hasFocus() and not keyboard.isVisible()
    qtbot.mouseClick(bar.keyboard_button, Qt.MouseButton.LeftButton)
    assert keyboard.isVisible() and bar.keyboard_button.isChecked()
    qtbot.mouseClick(bar.keyboard_button, Qt.MouseButton.LeftButton)
    assert not keyboard.isVisible()


def test_kiosk_mode_opens_the_keyboard_when_the_field_is_tapped(qtbot, kiosk_window) -> None:
    _, bar, keyboard = parts(kiosk_window)
    assert not keyboard.isVisible()  # not at startup, before anyone touches anything
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(keyboard.isVisible)
    assert bar.keyboard_button.isChecked()


def test_a_physical_keyboard_works_too(qtbot, window) -> None:
    screen, bar, _ = parts(window)
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.field, "suboxon")
    assert window.current_screen_id() == "search"
    assert screen.model.hits()[0].id == "medication"


def test_reset_forgets_the_search(qtbot, window) -> None:
    screen, bar, keyboard = parts(window)
    keyboard.toggle(True)
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.field, "detox")  # a physical keyboard does leave undo history
    assert bar.field.isUndoAvailable()
    window.reset_session()
    assert bar.text() == "" and not bar.field.isUndoAvailable()
    assert not keyboard.isVisible()
    assert screen.model.rowCount() == 0
    assert window.current_screen_id() == "home"
    assert bar.field.completer() is None


def _click_hit(qtbot, screen, kind: str, ref_id: str) -> None:  # type: ignore[no-untyped-def]
    for row in range(screen.model.rowCount()):
        hit = screen.model.hit(row)
        if hit is not None and (hit.kind, hit.id) == (kind, ref_id):
            rect = screen.list.visualRect(screen.model.index(row))
            qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton,
                             pos=rect.center())
            return
    raise AssertionError(f"{kind} {ref_id} not in the results")


def test_tapping_a_guide_result_opens_that_section(qtbot, window) -> None:
    screen, bar, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "suboxon")
    _click_hit(qtbot, screen, "guide", "medication")
    guide = window.screens["guide"]
    assert window.current_screen_id() == "guide"
    assert guide.detail.model.item(guide.detail.current_row()).id == "medication"
    assert not keyboard.isVisible()
    # Tapping the search field again brings the results back.
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "search"


def test_tapping_an_faq_result_opens_that_answer(qtbot, window) -> None:
    screen, _, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "methadon")
    _click_hit(qtbot, screen, "faq", "methadone")
    faq = window.screens["faq"]
    assert window.current_screen_id() == "faq"
    assert faq.detail.model.item(faq.detail.current_row()).id == "methadone"


@needs_directory
def test_tapping_a_program_opens_it_on_the_directory_screen(qtbot, window) -> None:
    screen, _, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "60625")
    first = screen.model.hits()[0]
    assert first.kind == "facility" and first.snippet.startswith("Chicago, IL 606")
    _click_hit(qtbot, screen, "facility", first.id)
    directory = window.screens["directory"]
    assert window.current_screen_id() == "directory"
    assert directory.current_facility_id() == first.id


def test_crisis_words_put_the_crisis_lines_first(qtbot, window) -> None:
    # One window for every word: each visitor's search starts from a cleared field.
    screen, bar, keyboard = parts(window)
    for words in ("988", "crisis", "suicide", "overdose", "emergency"):
        window.navigate("home")
        bar.clear()
        keyboard.toggle(True)
        type_on(keyboard, qtbot, words)
        first = screen.model.hits()[0]
        assert first.kind == "help" and "988" in first.title, words
        assert screen.model.data(screen.model.index(1), RowKindRole) == "hit"
        assert screen.list.visualRect(screen.model.index(1)).top() >= 0  # on screen, at the top
        _click_hit(qtbot, screen, "help", first.id)
        assert window.current_screen_id() == "help", words
        assert not keyboard.isVisible()


def test_988_lists_no_programs(qtbot, window) -> None:
    screen, _, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "988")
    assert [h.kind for h in screen.model.hits()] == ["help"]
    assert "Tap a result" in screen.status.text()


@needs_directory
def test_near_me_lists_programs_near_the_kiosk_zip(qtbot, make_shell) -> None:
    shell = make_shell(kiosk_zip="95814")  # kept: its navigator carries the typing
    window = shell.window
    screen, _, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "near me")
    programs = [h for h in screen.model.hits() if h.kind == "facility"]
    assert len(programs) == 8
    assert programs[0].snippet.startswith("Sacramento, CA 958")
    assert programs[0].snippet.endswith(" mi")


def test_near_me_without_a_kiosk_zip_asks_for_one(qtbot, window) -> None:
    screen, _, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "near me")
    assert not [h for h in screen.model.hits() if h.kind == "facility"]
    assert "Type a ZIP code" in screen.status.text()
    assert "does not know where it is" in screen.status.text()


@needs_directory
def test_a_bare_zip_lists_the_nearest_programs(qtbot, window) -> None:
    screen, _, keyboard = parts(window)
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "95814")
    programs = [h for h in screen.model.hits() if h.kind == "facility"]
    assert len(programs) == 8 and all(h.snippet.endswith(" mi") for h in programs)


def test_any_screen_can_attach_a_numeric_field(qtbot, window) -> None:
    _, bar, keyboard = parts(window)
    zip_field = QLineEdit()
    zip_field.setMaxLength(5)
    qtbot.addWidget(zip_field)
    keyboard.attach(zip_field, numeric=True)
    keyboard.toggle(True)
    assert keyboard.is_numeric() and keyboard.keypad.isVisible()
    assert not keyboard.letters_page.isVisible()
    for digit in "606251":
        qtbot.mouseClick(keyboard.keypad.keys[digit], Qt.MouseButton.LeftButton)
    assert zip_field.text() == "60625" and not zip_field.isUndoAvailable()
    assert bar.text() == ""
    qtbot.mouseClick(keyboard.keypad.done_button, Qt.MouseButton.LeftButton)
    assert not keyboard.isVisible()
    # Back in the search field, the letters come back.
    keyboard.attach(bar.field)
    assert not keyboard.is_numeric()


def test_empty_and_unknown_searches_say_what_to_do(qtbot, window) -> None:
    screen, _, keyboard = parts(window)
    assert "Type a word" in screen.status.text()
    keyboard.toggle(True)
    type_on(keyboard, qtbot, "qzxjvw")
    assert screen.model.rowCount() == 0
    assert "helpline" in screen.status.text()


def test_results_model_is_sound(qtmodeltester) -> None:
    model = SearchResultsModel()
    hits = (SearchHit("guide", "g", "Guide title", "snippet"),)
    facility = (SearchHit("facility", "f", "Program", "Chicago, IL 60625"),)
    model.set_results(SearchResults("q", guide=hits, programs=facility, more_programs=True))
    qtmodeltester.check(model)
    kinds = [model.data(model.index(r), RowKindRole) for r in range(model.rowCount())]
    assert kinds == ["heading", "hit", "heading", "hit", "note"]
    assert model.data(model.index(1), HitRole) == hits[0]
    assert not model.flags(model.index(0)) & Qt.ItemFlag.ItemIsSelectable
    assert model.data(model.index(3), Qt.ItemDataRole.AccessibleTextRole).startswith("Programs")


def test_a_database_without_a_search_index_says_so(qtbot, themed_app, template_db,
                                                   tmp_path) -> None:
    from kiosk.store.connect import open_content_db
    from kiosk.store.search import SearchRepository
    from kiosk.ui.screens.search import SearchScreen

    conn = open_content_db(copy_without_tables(template_db, tmp_path / "old.sqlite",
                                               SEARCH_TABLES))
    screen = None
    try:
        screen = SearchScreen(SearchRepository(conn))
        screen.set_query("detox")
        assert screen.model.rowCount() == 0
        assert "not ready" in screen.status.text()
    finally:
        if screen is not None:
            dispose(screen)  # before its connection goes away
        conn.close()


@needs_directory
def test_kiosk_mode_keeps_the_keyboard_closed_until_a_field_is_tapped(
        qtbot, make_shell) -> None:  # type: ignore[no-untyped-def]
    """Taps on buttons move focus from page to page; none of them may open the keyboard
    (it covers half the screen, and a stray tap on it would type into search)."""
    shell = make_shell(windowed=False, size=(1920, 1080))
    window, keyboard, bar = shell.window, shell.keyboard, shell.search_bar
    directory = shell.screens.directory
    window.activateWindow()  # focus moves (and focus events arrive) only in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.mouseClick(window.nav_buttons["directory"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(directory.choose_page.state_buttons["CA"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: directory.pages.currentWidget() is directory.results_page)
    assert not keyboard.isVisible()
    qtbot.mouseClick(directory.results_page.change_place_button, Qt.MouseButton.LeftButton)
    directory.zip_edit.setText("95814")
    qtbot.mouseClick(directory.keypad.done_button, Qt.MouseButton.LeftButton)  # Show programs
    qtbot.waitUntil(lambda: directory.pages.currentWidget() is directory.results_page)
    assert not keyboard.isVisible()
    rect = directory.list.visualRect(directory.model.index(0, 0))
    qtbot.mouseClick(directory.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: directory.pages.currentWidget() is directory.detail_page)
    assert not keyboard.isVisible()
    qtbot.mouseClick(directory.detail_page.print_button, Qt.MouseButton.LeftButton)
    preview = shell.screens.print_preview
    assert window.current_screen_id() == preview.screen_id
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert not keyboard.isVisible()
    # No printer here (offscreen) or a printed page: either way, back to the program.
    back = preview.message_back if preview.message_back.isVisible() else preview.done_button
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == directory.screen_id
    assert not keyboard.isVisible() and not bar.keyboard_button.isChecked()
    assert bar.text() == ""
    # Asking for it still works.
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(keyboard.isVisible)


@pytest.mark.parametrize("reason", [Qt.FocusReason.OtherFocusReason,
                                    Qt.FocusReason.TabFocusReason,
                                    Qt.FocusReason.ActiveWindowFocusReason])
def test_focus_that_moves_by_itself_never_opens_the_keyboard(qtbot, kiosk_window,
                                                              reason) -> None:
    """Qt hands focus on when a focused button hides (a page changes); the field may get
    it, but only a tap on the field opens the keyboard."""
    kiosk_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is kiosk_window)
    _, bar, keyboard = parts(kiosk_window)
    bar.field.setFocus(reason)
    qtbot.waitUntil(bar.field.hasFocus)
    assert not keyboard.isVisible()
    assert keyboard.target() is bar.field



def test_results_model_changes_only_the_rows_that_differ(qtmodeltester) -> None:
    """Typing the next letter of a word mostly finds the same results: the list is then
    left alone (no reset, nothing re-measured); otherwise it ends up with exactly the new
    rows, through inserts and removals a view can follow."""
    model = SearchResultsModel()
    qtmodeltester.check(model)
    a, b, c = (SearchHit("guide", f"g{i}", f"Section {i}", "") for i in range(3))
    program = SearchHit("facility", "f1", "Program", "Town")
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    model.set_results(SearchResults(query="de", guide=(a, b)))
    model.set_results(SearchResults(query="det", guide=(a, b)))
    assert inserted == [(0, 2)]  # heading + two sections, once
    model.set_results(SearchResults(query="deto", guide=(a, c), programs=(program,)))
    assert [model.hit(r) for r in range(model.rowCount())] == [None, a, c, None, program]
    model.set_results(SearchResults(query=""))
    assert model.rowCount() == 0 and not resets



def test_a_letter_repaints_the_field_and_the_results_not_the_window(qtbot, window) -> None:
    """Each letter repaints what it changed (the field; the list when the results change),
    never the window, the top bar or the page under them."""
    screen, bar, _ = parts(window)
    model = screen.model

    def settle() -> None:  # what the letter posted: layout, the list's own layout, paints
        for _ in range(8):
            QCoreApplication.processEvents()

    def shown() -> list[str]:
        return [model.index(row).data() for row in range(model.rowCount())]

    bar.field.setFocus()
    qtbot.keyClicks(bar.field, "metha")
    settle()
    assert model.rowCount() > 0 and screen.list.isVisible()
    with recording_paints() as painted:
        for letter in "done":  # "methadone"
            rows = shown()
            painted.clear()
            qtbot.keyClicks(bar.field, letter)
            settle()
            assert window not in painted and bar.parentWidget() not in painted
            assert screen not in painted  # the page under the status line and the list
            assert bar.field in painted
            if shown() == rows:
                assert screen.list.viewport() not in painted
            else:
                assert screen.list.viewport() in painted
    assert bar.text() == "methadone"

"""The visitor's language button: the whole kiosk changes language at once, the visitor's
place kept; the next visitor (any session reset) starts in the kiosk's own language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskRun, build_shell
from kiosk.present.facility import describe
from tests.helpers import dispose, needs_directory
from tests.ui.spanish_check import english_left, english_sources, in_spanish
from tests.ui.test_spanish_screens import exempt_strings


@pytest.fixture
def running(qtbot: Any, themed_app: Any, stores: Any) -> Iterator[KioskRun]:
    with in_spanish():  # only for its clean-up: the kiosk starts in English
        from kiosk.ui.language import use_language

        use_language("en")
        run = KioskRun(stores.settings, stores, build_shell(stores))
        run.shell.window.resize(1366, 768)
        run.shell.window.show()
        qtbot.waitExposed(run.shell.window)
        yield run
        run.stop()
        dispose(run.shell.window)


def press_language(qtbot: Any, run: KioskRun) -> Any:
    """Tap the language button; the new shell once it is up."""
    before = run.shell
    with qtbot.waitSignal(before.language_button.language_chosen, timeout=2000):
        qtbot.mouseClick(before.language_button, Qt.MouseButton.LeftButton)
    # A whole new shell: about a second on an idle kiosk, much more on a busy test machine.
    qtbot.waitUntil(lambda: run.shell is not before, timeout=30_000)
    QApplication.processEvents()
    return run.shell


def visit(shell: Any) -> str:
    """A visitor's place: a guide section read, Vermont's intensive outpatient programs,
    one of them open, two questions ticked and the program on the checklist."""
    screens = shell.screens
    sections = shell.screens.guide._items()
    screens.guide.show_section(sections[3].id)
    directory = screens.directory
    shell.navigator.go("directory")
    directory.show_state("VT")
    directory.set_filter("intensive_outpatient", True)
    facility_id = directory.results_page.first_facility_id()
    assert facility_id
    rows = screens.checklist.model.item_rows()
    screens.checklist.model.toggle(rows[0])
    screens.checklist.model.toggle(rows[2])
    assert screens.checklist.set_program_id(facility_id)
    assert directory.show_facility(facility_id)
    return facility_id


def assert_place_kept(shell: Any, facility_id: str, section_id: str,
                      ticked: list[str]) -> None:
    screens = shell.screens
    assert shell.window.current_screen_id() == "directory"
    assert screens.directory.current_facility_id() == facility_id
    assert screens.directory.detail_page.isVisible()
    assert screens.directory.results_page.chosen == {"intensive_outpatient"}
    assert screens.directory.place().chosen == ("state", "VT")
    assert screens.guide.current_item_id() == section_id
    assert screens.checklist.model.ticked_keys() == ticked
    assert screens.checklist.program is not None
    assert screens.checklist.program.id == facility_id


@needs_directory
def test_the_button_switches_everything_and_keeps_the_place(
        qtbot: Any, running: KioskRun, stores: Any) -> None:
    first = running.shell
    assert first.language_button.text() == "Español"
    assert first.language_button.isVisible()
    facility_id = visit(first)
    section_id = first.screens.guide.current_item_id()
    ticked = first.screens.checklist.model.ticked_keys()
    assert len(ticked) == 2

    spanish = press_language(qtbot, running)
    assert running.stores.content.lang == "es"
    assert spanish.window.isVisible()
    assert not any(w is first.window for w in QApplication.topLevelWidgets())
    assert not first.session.installed
    assert spanish.language_button.text() == "English"
    assert spanish.window.nav_buttons["directory"].text() == "Buscar un programa"
    assert_place_kept(spanish, facility_id, section_id, ticked)
    # Every string on screen is Spanish at once: the open program's page included.
    left = english_left(spanish.window, exempt_strings(spanish, running.stores),
                        english_sources())
    assert not left, left
    # The guide section open is the Spanish one, the same section.
    assert spanish.screens.guide.current_item_id() == section_id

    english = press_language(qtbot, running)
    assert running.stores.content.lang == "en"
    assert english.language_button.text() == "Español"
    assert english.window.nav_buttons["directory"].text() == "Find a program"
    assert_place_kept(english, facility_id, section_id, ticked)


def test_any_reset_returns_to_the_kiosks_own_language(qtbot: Any, running: KioskRun) -> None:
    running.shell.navigator.go("compare")
    spanish = press_language(qtbot, running)
    assert spanish.window.current_screen_id() == "compare"
    spanish.session.reset_session("idle")
    qtbot.waitUntil(lambda: running.stores.content.lang == "en", timeout=30_000)
    english = running.shell
    assert english is not spanish
    assert english.window.current_screen_id() == "home"
    assert english.language_button.text() == "Español"
    assert english.window.nav_buttons["home"].text() == "Home"
    # Already in the kiosk's language: a reset builds nothing new.
    english.session.reset_session("idle")
    QApplication.processEvents()
    assert running.shell is english


def test_quick_exit_in_spanish_leaves_the_neutral_screen_in_english(
        qtbot: Any, running: KioskRun) -> None:
    spanish = press_language(qtbot, running)
    qtbot.mouseClick(spanish.session.quick_exit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running.stores.content.lang == "en", timeout=30_000)
    english = running.shell
    assert english.session.neutral.isVisible()  # nothing of the visit shows through
    assert english.window.current_screen_id() == "home"


@needs_directory
def test_a_spanish_program_page_and_slip_carry_spanish_service_labels(
        qtbot: Any, running: KioskRun) -> None:
    facility_id = visit(running.shell)
    spanish = press_language(qtbot, running)
    labels = running.stores.content.service_labels()
    assert labels  # the Spanish content has its service labels
    facility = spanish.screens.directory.facility_as_shown(facility_id)
    assert facility is not None
    payment = describe(facility).payment
    assert payment and set(payment) <= set(labels.values())
    page = spanish.screens.directory.detail_page.detail_label.text()
    assert all(label in page for label in payment)
    qtbot.mouseClick(spanish.screens.directory.detail_page.print_button,
                     Qt.MouseButton.LeftButton)
    assert spanish.window.current_screen_id() == spanish.screens.print_preview.screen_id
    slip = spanish.screens.print_preview.printout.html
    assert "Formas de pago que acepta" in slip
    assert all(label in slip for label in payment)


@needs_directory
def test_the_directory_place_is_kept_from_another_screen(
        qtbot: Any, running: KioskRun) -> None:
    facility_id = visit(running.shell)
    running.shell.navigator.go("checklist")
    spanish = press_language(qtbot, running)
    assert spanish.window.current_screen_id() == "checklist"
    assert spanish.screens.checklist.program is not None
    spanish.navigator.go("directory")  # the visitor goes back to the program
    assert spanish.screens.directory.current_facility_id() == facility_id
    assert spanish.screens.directory.place().chosen == ("state", "VT")
    assert spanish.screens.directory.results_page.chosen == {"intensive_outpatient"}

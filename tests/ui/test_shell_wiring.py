"""The typed shell: settings reach the parts that read them, screens are wired through the
navigator, and tearing the shell down leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Stores, open_stores
from kiosk.config import Settings
from kiosk.present.settings import Key
from tests.helpers import needs_directory


@pytest.fixture
def toml_stores(settings: Settings, data_dir: Path) -> Iterator[Stores]:
    """Stores opened over a settings.toml that turns printing off and names a printer."""
    (data_dir / "settings.toml").write_text(
        'printing_enabled = false\nprinter_name = "Front-Desk"\npaper_size = "a4"\n',
        encoding="utf-8")
    opened = open_stores(settings)
    yield opened
    opened.close()


def test_settings_toml_reaches_the_kiosks_printing(toml_stores: Stores, make_shell: Any) -> None:
    shell = make_shell(stores=toml_stores, size=None)
    service = shell.screens.print_preview.service
    assert not service.enabled()
    assert service.printer_name() == "Front-Desk"
    assert service.paper() == "a4"
    assert service.print(shell.screens.checklist.printout()).status == "disabled"
    # A choice on the admin screen wins over the file, at once (no restart).
    toml_stores.admin_settings.set(Key.PRINTING_ENABLED, "1")
    toml_stores.admin_settings.set(Key.PAPER_SIZE, "letter")
    assert service.enabled()
    assert service.paper() == "letter"


@needs_directory
def test_the_slip_and_the_program_page_offer_the_same_qr_code(shell: Any) -> None:
    directory = shell.screens.directory
    shell.window.navigate("directory")
    directory.show_state("VT")
    facility_id = directory.results_page.first_facility_id()
    assert directory.show_facility(facility_id)
    on_screen = directory.detail_page.qr_label.property("payload")
    directory.detail_page.print_button.click()
    assert shell.window.current_screen_id() == "print"
    printout = shell.screens.print_preview.printout
    assert printout is not None
    assert on_screen and printout.qr_payload == on_screen
    assert "- - -" not in on_screen


@needs_directory
def test_search_results_open_on_their_own_screens(shell: Any, content_repo: Any) -> None:
    nav = shell.navigator
    faq = content_repo.faqs()[3]
    nav.open_faq(faq.id)
    assert shell.window.current_screen_id() == "faq"
    assert shell.screens.faq.detail.title.text() == faq.question
    directory = shell.screens.directory
    directory.show_state("VT")
    facility_id = directory.results_page.first_facility_id()
    shell.window.navigate("home")
    nav.open_facility(facility_id)
    assert shell.window.current_screen_id() == "directory"
    assert directory.current_facility_id() == facility_id


def test_closing_the_shell_removes_its_window_and_event_filter(qtbot: Any, themed_app: Any,
                                                                stores: Stores) -> None:
    from kiosk.app import build_shell

    shell = build_shell(stores)
    shell.window.show()
    assert shell.session.installed
    shell.close()
    assert not shell.session.installed
    assert not any(w is shell.window for w in QApplication.topLevelWidgets())


LEAKY_TEST = """
from PySide6.QtWidgets import QWidget

kept = []

def test_leaves_a_window_open(qapp):
    window = QWidget()
    window.setObjectName("forgotten")
    window.show()
    kept.append(window)
"""


def test_a_test_that_leaks_a_window_fails(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("from tests.conftest import _nothing_outlives_the_test  # noqa: F401\n")
    pytester.makepyfile(test_leaky=LEAKY_TEST)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:randomly")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*left behind by this test: window QWidget 'forgotten'*"])


def test_search_warms_up_between_frames_and_answers_meanwhile(qtbot: Any, shell: Any) -> None:
    search = shell.screens.search
    shell.search_bar.field.setFocus()  # the first touch of the field starts the warm-up
    assert search.is_warming_up()
    search.set_query("methadone")  # a keystroke during the warm-up is answered at once
    assert search.model.rowCount() > 0
    qtbot.waitUntil(lambda: not search.is_warming_up(), timeout=5000)

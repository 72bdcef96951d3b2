"""Local programs from an HSDS package in the directory screen, its filters, search and
printouts, read at fixed instants (the kiosk's clock is injected)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.present.codes import LOCAL_SERVICES, OPEN_NOW
from kiosk.store import local_sources
from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from kiosk.store.search import SearchRepository
from kiosk.ui import printing
from kiosk.ui.screens.directory import DirectoryScreen
from tests.helpers import BOTH_SAMPLES, V1_SAMPLE, with_hsds

pytestmark = pytest.mark.skipif(not V1_SAMPLE.is_dir(), reason="no HSDS samples")

NEW_YORK = ZoneInfo("America/New_York")
HELPLINE_ID = local_sources.program_id("example-city-211",
                                       "c89eb05c-62dd-4b64-b494-0cc347b6ea7f")
MONDAY_10AM = datetime(2026, 12, 7, 10, 0, tzinfo=NEW_YORK)
MONDAY_6PM = datetime(2026, 12, 7, 18, 0, tzinfo=NEW_YORK)


@pytest.fixture(scope="module")
def local_db(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The content database with both lists imported, once for the module: every test
    here only reads it (open_content_db opens it read-only)."""
    content_db = tmp_path_factory.mktemp("hsds-directory") / "content.sqlite"
    shutil.copyfile(template_db, content_db)
    return with_hsds(content_db, *BOTH_SAMPLES)


@pytest.fixture
def conn(local_db: Path) -> Iterator[sqlite3.Connection]:
    connection = open_content_db(local_db)
    yield connection
    connection.close()


def _screen(qtbot, conn: sqlite3.Connection, now: datetime) -> DirectoryScreen:
    widget = DirectoryScreen(DirectoryRepository(conn), clock=lambda: now)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.on_shown()
    return widget


def _shown_ids(widget: DirectoryScreen) -> list[str]:
    return [widget.model.summary(i).id for i in range(widget.model.rowCount())]


def test_local_programs_are_listed_beside_samhsa_with_their_own_filters(
        qtbot, themed_app, conn) -> None:
    widget = _screen(qtbot, conn, MONDAY_10AM)
    widget.show_state("NY")
    everything = _shown_ids(widget)
    assert HELPLINE_ID in everything
    assert any(not local_sources.is_local(i) for i in everything)  # SAMHSA's stay
    row = widget.model.index(everything.index(HELPLINE_ID))
    assert widget.model.data(row).split("\n")[1].startswith(
        "Local service · Open now · closes at 5 pm · Address 1")
    widget.set_filter(LOCAL_SERVICES, True)
    assert _shown_ids(widget) == [HELPLINE_ID]  # the only NY program in the sample
    assert widget.results_page.chips[LOCAL_SERVICES].label == "Local services"
    widget.set_filter(LOCAL_SERVICES, False)
    widget.set_filter(OPEN_NOW, True)
    assert _shown_ids(widget) == [HELPLINE_ID]


def test_every_local_program_has_a_way_in(qtbot, themed_app, conn) -> None:
    """Programs outside the US state list (the 3.0 example's "MyState") are reached from the
    choose page's own button."""
    widget = _screen(qtbot, conn, MONDAY_10AM)
    button = widget.choose_page.local_button
    assert button.isVisibleTo(widget)
    assert button.text() == "Local services from Example City 211, MyCity list (11)"
    button.click()
    shown = _shown_ids(widget)
    assert len(shown) == 11 and all(local_sources.is_local(i) for i in shown)
    assert widget.results_page.results_title.text() == "Local services"
    widget.set_filter(OPEN_NOW, True)
    assert _shown_ids(widget) == [HELPLINE_ID]


def test_open_now_follows_the_clock(qtbot, themed_app, conn) -> None:
    widget = _screen(qtbot, conn, MONDAY_6PM)
    widget.show_state("NY")
    widget.set_filter(OPEN_NOW, True)
    assert _shown_ids(widget) == []
    assert widget.results_page.chips[OPEN_NOW].isChecked()


def test_the_program_page_shows_hours_and_source(qtbot, themed_app, conn) -> None:
    widget = _screen(qtbot, conn, MONDAY_10AM)
    assert widget.show_facility(HELPLINE_ID)
    text = widget.detail_page.detail_label.text()
    assert "Open now · closes at 5 pm" in text
    assert "Tuesday, Dec 8" in text and "9 am – 5 pm" in text
    assert "Thursday, Dec 10</td><td>Closed" in text
    assert "Hours are not listed" not in text
    note = widget.detail_page.source_note.text()
    assert "From Example City 211, updated 2026-10-01" in note
    assert "Listed in the program directory named below" not in note
    titles = [button.label_text() for button, _ in widget.detail_page.sections]
    assert any("Languages" in t for t in titles)
    assert any("About this program" in t for t in titles)
    assert "Local services from Example City 211, updated 2026-10-01" in \
        widget.source_label.text()


def test_a_program_whose_schedule_ended_says_call_to_confirm(
        qtbot, themed_app, conn) -> None:
    [program] = [f for f in local_sources.facilities(conn) if f.name == "Community Counselling"]
    widget = _screen(qtbot, conn, MONDAY_10AM)
    assert widget.show_facility(program.id)
    text = widget.detail_page.detail_label.text()
    assert "Hours: call to confirm" in text
    assert "The list says: The service is available from 10 am to 6pm weekdays" in text


def test_a_samhsa_program_page_is_unchanged(qtbot, themed_app, conn) -> None:
    widget = _screen(qtbot, conn, MONDAY_10AM)
    widget.show_state("VT")
    samhsa = next(i for i in _shown_ids(widget) if not local_sources.is_local(i))
    widget.show_facility(samhsa)
    assert "Hours are not listed: call before you go." in widget.detail_page.detail_label.text()
    note = widget.detail_page.source_note.text()
    assert "Listed in the program directory named below" in note and "SAMHSA" in note


def test_search_finds_a_local_program_and_opens_it(qtbot, themed_app, conn) -> None:
    hits = SearchRepository(conn).search("homeless helpline").programs
    assert hits and hits[0].id == HELPLINE_ID
    widget = _screen(qtbot, conn, MONDAY_10AM)
    assert widget.show_facility(hits[0].id)
    assert widget.detail_title.text() == "Never Homeless Helpline"


def test_the_slip_and_the_booklet_carry_hours_and_source(qapp, conn, content_repo) -> None:
    repo = DirectoryRepository(conn)
    facility = repo.facility(HELPLINE_ID)
    assert facility is not None
    slip = printing.facility_printout(facility, content_repo.helplines())
    assert "9 am – 5 pm" in slip.html
    assert "From Example City 211, updated 2026-10-01" in slip.html
    assert "call to confirm" in slip.html
    in_ny = repo.search_facilities(state="NY")
    assert HELPLINE_ID in [f.id for f in in_ny]
    booklet = printing.booklet_printout(in_ny, content_repo.helplines(), None, "New York")
    cells = "".join(c for section in booklet.sections for c in section.cells)
    assert "From Example City 211, updated 2026-10-01" in cells

"""DirectoryRepository over the real directory (and over a database without one)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kiosk.domain import DIRECTORY_LEVELS
from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository, haversine_miles

SAMHSA = Path(__file__).resolve().parents[3] / "shared" / "data" / "samhsa"
pytestmark = pytest.mark.skipif(not SAMHSA.is_dir(), reason="no SAMHSA data beside the repo")


@pytest.fixture
def directory(content_db: Path) -> DirectoryRepository:
    conn = open_content_db(content_db)
    yield DirectoryRepository(conn)
    conn.close()


def test_facility_has_plain_language_services_and_levels(directory) -> None:
    facility = directory.facility("substance_1")
    assert facility is not None
    assert facility.name == "Shelby County Treatment Center"
    assert facility.phone == "205-216-0200"
    assert facility.levels[0] == "intensive_outpatient"
    assert set(facility.levels) <= set(DIRECTORY_LEVELS)
    labels = {s.label for s in facility.services}
    assert {"Buprenorphine", "Medicaid", "Methadone"} <= labels
    assert "Buprenorphine used in Treatment" not in labels
    assert [s.label for s in facility.services_in("Payment")]
    assert directory.facility("substance_12205") is None
    assert directory.facility("no such id") is None


def test_search_by_state_and_level(directory) -> None:
    found = directory.search_facilities(state="VT", levels={"intensive_outpatient"})
    assert found and all(f.state == "VT" for f in found)
    assert all("intensive_outpatient" in f.levels for f in found)
    assert [f.name for f in found] == sorted(f.name for f in found)
    every_vt = directory.search_facilities(state="vt")
    assert len(every_vt) == directory.state_counts()["VT"] > len(found)


def test_search_near_a_zip_sorts_by_distance_within_the_radius(directory) -> None:
    found = directory.search_facilities(near_zip="05401", radius_miles=25)
    assert found
    miles = [f.distance_miles for f in found]
    assert miles == sorted(miles) and max(miles) <= 25
    assert found[0].state == "VT"
    assert directory.search_facilities(near_zip="00000") == []
    assert len(directory.search_facilities(near_zip="05401", limit=3)) == 3


def test_zip_position_and_distance(directory) -> None:
    burlington = directory.zip_position("05401")
    new_haven = directory.zip_position("06516")
    assert burlington is not None and new_haven is not None
    assert 180 < haversine_miles(*burlington, *new_haven) < 230
    assert directory.zip_position("abcde") is None
    assert directory.zip_position("123") is None


def test_summaries_carry_what_the_screen_filters_on(directory) -> None:
    summaries = directory.summaries()
    assert len(summaries) == 12_200
    ca = [s for s in summaries if s.state == "CA"]
    assert len(ca) == 1_141
    assert all(s.codes for s in summaries)
    assert sum(not s.position_approximate for s in summaries) >= 7_900


def test_without_a_directory_everything_is_empty(template_db_no_directory: Path) -> None:
    conn = sqlite3.connect(template_db_no_directory)
    repo = DirectoryRepository(conn)
    assert not repo.has_directory()
    assert repo.stats().facilities == 0
    assert repo.search_facilities(state="CA") == []
    assert repo.facility("substance_1") is None
    assert repo.summaries() == [] and repo.state_counts() == {}


def test_summary_batches_hold_no_cursor_between_batches(content_db: Path) -> None:
    conn = sqlite3.connect(content_db)  # not immutable: an open read would lock the file
    batches = DirectoryRepository(conn).summary_batches(size=1_000)
    first = next(batches)
    assert len(first) == 1_000
    other = sqlite3.connect(content_db, timeout=0)
    other.execute("BEGIN EXCLUSIVE")  # "database is locked" if a statement were still open
    other.rollback()
    other.close()
    rest = [s for batch in batches for s in batch]
    assert len(first) + len(rest) == 12_200
    ids = [s.id for s in first + rest]
    assert len(set(ids)) == len(ids)
    order = [(s.state, s.name, s.id) for s in first + rest]
    assert order == sorted(order)
    conn.close()


def test_a_batch_reader_left_open_survives_its_connection_closing(content_db: Path) -> None:
    conn = sqlite3.connect(content_db)
    batches = DirectoryRepository(conn).summary_batches()
    next(batches)
    conn.close()
    batches.close()  # nothing was left open on the closed connection: no error

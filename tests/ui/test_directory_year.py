"""After next year's directory is imported, the kiosk itself says so: the admin screen and
the directory screen's footer name the 2025 edition, the imported directory in use and
what the import changed, with no restart of anything but the kiosk."""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli.main import main as admin_main
from kiosk.config import Settings
from kiosk.store.directory import DirectoryRepository
from kiosk.store.search import SearchRepository
from tests.unit.test_samhsa_import import GOOD, write_source

GONE = ("substance_4,substance,Old Mill Recovery,,5 Mill Road,,Barre,VT,05641,802-555-0123,"
        ",,,,SA * OIT * MD")
NEW = ("substance_3,substance,Quillmoor Recovery House,,900 Quillmoor Way,,Montpelier,VT,"
       "05602,802-555-0177,,,,,SA * OIT ORT * MD")


@pytest.fixture
def settings(template_db_no_directory: Path, tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> Settings:
    """An installed app whose bundled database holds the 2024 directory, and the 2025
    edition (one program dropped, one phone changed, one program added) imported by
    kiosk-admin into the kiosk's data folder, as a librarian does."""
    bundled = tmp_path / "app" / "content.sqlite"
    bundled.parent.mkdir()
    shutil.copyfile(template_db_no_directory, bundled)
    assert admin_main(["import", "samhsa-directory",
                       str(write_source(tmp_path / "2024", [*GOOD, GONE]).parent),
                       "--content-db", str(bundled)]) == 0
    rephoned = GOOD[0].replace("203-555-0101", "203-555-0999")
    edition = write_source(tmp_path / "download" / "N-SUMHSS directory (2025 edition)",
                           [rephoned, *GOOD[1:], NEW], name="Directory_2025")
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    monkeypatch.setattr(paths, "bundled_content_db", lambda: bundled)
    data = tmp_path / "data"
    assert admin_main(["import", "samhsa-directory", str(edition.parent.parent),
                       "--data-dir", str(data)]) == 0
    return Settings(windowed=True, data_dir=data)


def test_the_admin_screen_names_the_2025_directory_in_use_and_its_changes(window) -> None:
    window.navigate("admin")
    text = window.screens["admin"].data_label.text()
    assert "Programs: 3 (SAMHSA National Directory of Drug and Alcohol Use Treatment " \
           "Facilities, 2025, data from 2025)" in text
    assert "In use: the imported directory" in text
    assert "Last directory import: 1 added, 1 removed, 1 changed" in text
    assert "2024" not in text


def test_the_directory_footer_and_program_page_cite_2025(window, stores) -> None:
    window.navigate("directory")
    screen = window.screens["directory"]
    footer = screen.source_label.text()
    assert "Treatment Facilities, 2025 (data from 2025)" in footer and "2024" not in footer
    repo = DirectoryRepository(stores.content_conn)
    found = [s for s in repo.summaries() if s.name.startswith("Quillmoor")]
    assert len(found) == 1
    assert not [s for s in repo.summaries() if s.name.startswith("Old Mill")]
    search = SearchRepository(stores.content_conn)
    assert [h.id for h in search.search("Quillmoor", limit=5).all()] == [found[0].id]
    assert not [h for h in search.search("Old Mill Recovery", limit=5).all()
                if h.title.startswith("Old Mill")]
    assert screen.show_facility(found[0].id)
    note = html.unescape(screen.detail_page.source_note.text())
    assert "Facilities, 2025." in note and "Data date: 2025." in note and "2024" not in note

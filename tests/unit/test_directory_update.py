"""Next year's directory: a generated 2025 edition (rows dropped, phones changed, rows added,
ids renumbered, a new folder and file name) imported over the real 2024 directory."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import random
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.cli.main import main as admin_main
from kiosk.importers import samhsa
from tests.helpers import SAMHSA_DIR, needs_directory

pytestmark = needs_directory

DIRECTORY_2024 = SAMHSA_DIR / samhsa.DIRECTORY_SUBDIR
NEW_NAME = "Quillmoor Recovery House"


@dataclass(frozen=True)
class NextYear:
    folder: Path
    dropped: frozenset[str]  # names, each unique in the 2024 directory
    rephoned: frozenset[str]
    added: frozenset[str]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_next_year(root: Path) -> NextYear:
    text = gzip.decompress((DIRECTORY_2024 / "facilities.csv.gz").read_bytes()).decode()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = list(reader.fieldnames or [])
    everything = list(reader)
    rows = [r for r in everything if r["directory_type"] == "substance" and r["name1"]
            and r["phone"][:1].isdigit()]
    # the two legend rows that close SAMHSA's file (labels, then codes) stay at the end
    legend = [r for r in everything if r["facility_id"] in ("substance_12204",
                                                            "substance_12205")]
    assert len(legend) == 2
    names = Counter(r["name1"].lower() for r in rows)
    places = Counter((r["street1"].lower(), r["zip"]) for r in rows)
    unique = [r for r in rows if names[r["name1"].lower()] == 1
              and places[(r["street1"].lower(), r["zip"])] == 1]
    chosen = random.Random(2025).sample(unique, 70)
    dropped, rephoned = chosen[:50], chosen[50:]
    for number, row in enumerate(rephoned):
        row["phone"] = f"555-{100 + number}-{number:04d}"
    added = []
    for number, model in enumerate(random.Random(7).sample(unique, 10)):
        if model in chosen:
            continue
        added.append({**model, "name1": f"{NEW_NAME} {number}",
                      "street1": f"{900 + number} Quillmoor Way", "name2": ""})
    gone = {id(r) for r in dropped}
    edition = [r for r in rows if id(r) not in gone] + added + legend
    for number, row in enumerate(edition, start=1):  # SAMHSA renumbers every edition
        row["facility_id"] = f"substance_{number}"
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(edition)
    folder = root / "SAMHSA download"
    edition_dir = folder / "N-SUMHSS directory (2025 edition)"
    edition_dir.mkdir(parents=True)
    (edition_dir / "Directory_2025.csv.gz").write_bytes(
        gzip.compress(out.getvalue().encode(), mtime=0))
    shutil.copy(DIRECTORY_2024 / samhsa.CATEGORIES_NAME, edition_dir)
    locator = folder / "positions"
    locator.mkdir()
    shutil.copy(next((SAMHSA_DIR / samhsa.LOCATOR_SUBDIR).glob("*.csv")), locator)
    return NextYear(folder, frozenset(r["name1"] for r in dropped),
                    frozenset(r["name1"] for r in rephoned),
                    frozenset(r["name1"] for r in added))


@pytest.fixture(scope="module")
def next_year(tmp_path_factory: pytest.TempPathFactory) -> NextYear:
    made = _make_next_year(tmp_path_factory.mktemp("next-year"))
    assert len(made.added) >= 8
    return made


@pytest.fixture(scope="module")
def updated(template_db: Path, next_year: NextYear,
            tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, str]:
    """The 2024 database after a dry run and then the real import of the 2025 edition:
    (database, dry-run JSON, import JSON, digest after the dry run equals before)."""
    db = tmp_path_factory.mktemp("updated") / "content.sqlite"
    shutil.copyfile(template_db, db)
    before = _digest(db)
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("sys.stdout", out)
        assert admin_main(["import", "samhsa-directory", str(next_year.folder), "--dry-run",
                           "--json", "--content-db", str(db)]) == 0
        dry = json.loads(out.getvalue())
        unchanged = "same" if _digest(db) == before else "changed"
        out.seek(0)
        out.truncate()
        assert admin_main(["import", "samhsa-directory", str(next_year.folder), "--json",
                           "--content-db", str(db)]) == 0
        real = json.loads(out.getvalue())
    return db, dry, real, unchanged


def _cli(*args: str, capsys: pytest.CaptureFixture[str]) -> str:
    capsys.readouterr()
    admin_main(list(args))
    return capsys.readouterr().out


def test_change_report_lists_exactly_the_changes(updated, next_year: NextYear) -> None:
    _db, _dry, real, _ = updated
    changes = real["changes"]
    assert {p["name"] for p in changes["removed"]} == next_year.dropped
    assert {p["name"] for p in changes["added"]} == next_year.added
    assert {p["name"] for p in changes["changed"]} == next_year.rephoned
    assert all(p["fields"] == ["phone"] for p in changes["changed"])
    by_state = changes["by_state"]
    assert sum(n["removed"] for n in by_state.values()) == 50
    assert real["source"].endswith("2025") and real["data_date"] == "2025"


def test_dry_run_shows_the_same_report_and_changes_nothing(updated) -> None:
    _db, dry, real, unchanged = updated
    assert unchanged == "same"
    assert dry["dry_run"] is True and dry["changed"] is False
    assert dry["changes"] == real["changes"]


def test_search_finds_added_programs_and_not_removed_ones(
        updated, next_year: NextYear, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(updated[0])
    found = _cli("search", "Quillmoor", "--json", "--limit", "20", "--content-db", db,
                 capsys=capsys)
    titles = {hit["title"] for hit in json.loads(found)}
    assert next_year.added <= titles
    for name in sorted(next_year.dropped)[:5]:
        hits = json.loads(_cli("search", name, "--json", "--limit", "50", "--content-db", db,
                               capsys=capsys))
        assert name not in {h["title"] for h in hits}


def test_stats_show_the_2025_source_and_date(updated, capsys) -> None:
    stats = json.loads(_cli("stats", "--json", "--content-db", str(updated[0]),
                            capsys=capsys))
    assert stats["data_date"] == "2025"
    assert stats["source"] == samhsa.source_text("2025")
    assert stats["facilities"] == 12_200 - 50 + len(updated[2]["changes"]["added"])



def test_an_app_update_keeps_the_imported_directory(
        template_db: Path, next_year: NextYear, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    from kiosk import paths
    from kiosk.app import open_stores
    from kiosk.config import Settings
    from kiosk.store.directory import DirectoryRepository
    from kiosk.store.search import SearchRepository

    bundled = tmp_path / "app" / "db" / "content.sqlite"
    bundled.parent.mkdir(parents=True)
    shutil.copyfile(template_db, bundled)
    data = tmp_path / "data"
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    monkeypatch.setattr(paths, "bundled_content_db", lambda: bundled)
    assert admin_main(["import", "samhsa-directory", str(next_year.folder),
                       "--data-dir", str(data)]) == 0
    assert "kept in its data folder across app updates" in capsys.readouterr().out
    assert _digest(bundled) == _digest(template_db)  # the installed app is left alone

    # The app update: the installer puts a new release's database in place of the old one.
    bundled.unlink()
    shutil.copyfile(template_db, bundled)
    added = sorted(next_year.added)[0]

    def shown() -> tuple[str, str, set[str]]:
        stores = open_stores(Settings(windowed=True, data_dir=data))
        try:
            stats = DirectoryRepository(stores.content_conn).stats()
            hits = SearchRepository(stores.content_conn).search(added, limit=5)
            return stats.data_date, stores.content_note, {h.title for h in hits.all()}
        finally:
            stores.close()

    date, note, titles = shown()
    assert date == "2025" and added in titles
    assert "imported directory" in note
    stats = json.loads(_cli("stats", "--json", "--data-dir", str(data), capsys=capsys))
    assert (stats["in_use"], stats["data_date"]) == ("imported", "2025")
    assert stats["source"] == samhsa.source_text("2025")

    # An app update whose database layout differs: said plainly, and the bundled one shown.
    imported = paths.imported_content_db(data)
    with sqlite3.connect(imported) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    date, note, titles = shown()
    assert date == "2024" and added not in titles
    assert "import the directory again" in note
    assert any("import the directory again" in r.getMessage() for r in caplog.records)
    text = _cli("stats", "--data-dir", str(data), capsys=capsys)
    assert "import the directory again" in text and "came with the app" in text


def test_an_app_update_that_changes_the_layout_carries_the_imported_directory_over(
        template_db: Path, next_year: NextYear, updated, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import os

    from kiosk import paths
    from kiosk.app import open_stores
    from kiosk.config import Settings
    from kiosk.store.connect import SCHEMA_VERSION
    from kiosk.store.directory import DirectoryRepository
    from kiosk.store.search import SearchRepository

    bundled = tmp_path / "app" / "content.sqlite"
    bundled.parent.mkdir()
    shutil.copyfile(template_db, bundled)
    data = tmp_path / "data"
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    monkeypatch.setattr(paths, "bundled_content_db", lambda: bundled)
    # What the previous app version saved in its data folder (the import into it is the test
    # above): the 2025 directory, in layout 1 (no website).
    imported = paths.imported_content_db(data)
    imported.parent.mkdir(parents=True)
    shutil.copyfile(updated[0], imported)
    with sqlite3.connect(imported) as conn:
        conn.execute("ALTER TABLE facility DROP COLUMN website")
        conn.execute("PRAGMA user_version = 1")
    conn.close()
    os.utime(imported, (1_700_000_000, 1_700_000_000))
    added = sorted(next_year.added)[0]

    stores = open_stores(Settings(windowed=True, data_dir=data))
    try:
        stats = DirectoryRepository(stores.content_conn).stats()
        hits = SearchRepository(stores.content_conn).search(added, limit=5)
        assert (stats.data_date, stats.source) == ("2025", samhsa.source_text("2025"))
        assert added in {h.title for h in hits.all()}
        assert "older app version" in stores.content_note
        assert "imported directory" in stores.content_note.split("In use:")[1]
    finally:
        stores.close()
    with sqlite3.connect(imported) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT count(*) FROM facility WHERE website = ''"
                            ).fetchone()[0] == stats.facilities
    conn.close()
    assert imported.stat().st_mtime == 1_700_000_000  # still "put in place back then"
    assert sorted(p.name for p in imported.parent.iterdir()) == [imported.name]
    stats_json = json.loads(_cli("stats", "--json", "--data-dir", str(data), capsys=capsys))
    assert (stats_json["in_use"], stats_json["data_date"]) == ("imported", "2025")

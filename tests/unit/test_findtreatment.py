"""FindTreatment.gov's locator export on the real sample (168 rows in the export's layout,
one column per service code): replace or merge, its own positions, one-line failures."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from kiosk.cli.main import main as admin_main
from kiosk.present.facility import describe
from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from kiosk.store.search import SearchRepository
from tests.helpers import SAMHSA_DIR, needs_directory

pytestmark = needs_directory

SAMPLE = SAMHSA_DIR / "locator_format_sample" / "samhsa-treatment-data.csv"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows() -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(SAMPLE.read_text(encoding="utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], list[dict[str, str]]]:
    """The sample as substance use programs (its rows are all mental health ones), with two
    services this kiosk lists, split over two files as a 30,000-row area would be."""
    fields, rows = _rows()
    fields = [*fields, "ort", "bu"]
    for row in rows:
        row["type_facility"] = "SA"
        row["ort"], row["bu"] = "1", ""
    rows[0]["bu"] = "1.0"
    folder = tmp_path_factory.mktemp("exports")
    files = []
    for number, part in enumerate((rows[:100], rows[100:]), start=1):
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(part)
        path = folder / f"samhsa-treatment-data ({number}).csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        files.append(path)
    return files, rows


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = admin_main(["import", "findtreatment-export", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_real_sample_is_read_and_refused_in_one_line_as_mental_health_only(
        content_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(content_db)
    code, _out, err = _run(capsys, str(SAMPLE), "--replace", "--content-db", str(content_db))
    assert code == 1
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "168 rows read, 168 mental health or other rows skipped" in err
    assert _digest(content_db) == before


def test_replace_makes_the_directory_the_exports_programs_at_their_own_positions(
        content_db: Path, exports, capsys: pytest.CaptureFixture[str]) -> None:
    files, rows = exports
    dry_before = _digest(content_db)
    code, out, _ = _run(capsys, *map(str, files), "--replace", "--dry-run", "--json",
                        "--content-db", str(content_db))
    assert code == 0 and _digest(content_db) == dry_before
    dry = json.loads(out)
    code, out, _ = _run(capsys, *map(str, files), "--replace", "--json", "--date",
                        "2026-05-01", "--content-db", str(content_db))
    assert code == 0
    real = json.loads(out)
    assert real["mode"] == "replace" and real["imported"] == len(rows) == 168
    assert len(real["changes"]["removed"]) == len(dry["changes"]["removed"]) > 10_000
    assert real["positions"]["exact"] >= 160

    conn = open_content_db(content_db)
    try:
        repo = DirectoryRepository(conn)
        stats = repo.stats()
        assert stats.facilities == 168 and stats.data_date == "2026-05-01"
        assert stats.source.startswith("FindTreatment.gov locator export")
        first = rows[0]
        hits = SearchRepository(conn).search(first["name1"], limit=5).all()
        found = repo.facility(next(h.id for h in hits if h.title.startswith(first["name1"])))
        assert found is not None
        assert (found.latitude, found.longitude) == (float(first["latitude"]),
                                                     float(first["longitude"]))
        assert "outpatient" in found.levels and "BU" in {s.code for s in found.services}
        # the export's own website, kept and shown as a visitor would copy it down
        assert found.website == first["website"]
        text = describe(found)
        assert text.website == first["website"].removeprefix("http://").rstrip("/")
        assert first["website"] in text.qr_payload
        with_site = conn.execute("SELECT count(*) FROM facility WHERE website LIKE 'http%'"
                                 ).fetchone()[0]
        assert with_site == 168
    finally:
        conn.close()
    assert any("websites read (shown" in w for w in real["warnings"])


def test_merge_keeps_the_directory_and_says_so(
        content_db: Path, exports, capsys: pytest.CaptureFixture[str]) -> None:
    files, rows = exports
    conn = open_content_db(content_db)
    had = DirectoryRepository(conn).stats().facilities
    conn.close()
    code, out, _ = _run(capsys, *map(str, files), "--merge", "--content-db", str(content_db))
    assert code == 0
    assert "Mode: merge" in out and "Changes: " in out and ", 0 removed," in out
    conn = open_content_db(content_db)
    try:
        stats = DirectoryRepository(conn).stats()
    finally:
        conn.close()
    added = int(out.split("Changes: ")[1].split(" added")[0].replace(",", ""))
    assert 0 < added <= len(rows)
    assert stats.facilities == had + added
    assert "National Directory" in stats.source and "FindTreatment.gov" in stats.source


def test_an_export_with_a_missing_column_changes_nothing(content_db: Path, exports, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    files = exports[0]
    broken = tmp_path / "export.csv"
    shutil.copyfile(files[0], broken)
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("name1,", "nome1,", 1), encoding="utf-8")
    before = _digest(content_db)
    code, _out, err = _run(capsys, str(files[1]), str(broken), "--merge",
                           "--content-db", str(content_db))
    assert code == 1 and err.count("\n") == 1
    assert "missing column(s) name1" in err and err.rstrip().endswith("Nothing was changed.")
    assert _digest(content_db) == before


def test_an_export_cut_in_the_middle_of_a_row_is_refused_unless_allowed(
        content_db: Path, exports, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = exports[0]
    cut = tmp_path / "export.csv"
    data = files[1].read_bytes()
    cut.write_bytes(data[: data.rindex(b"\n", 0, len(data) - 1) + 40])  # 40 bytes into a row
    before = _digest(content_db)
    code, _out, err = _run(capsys, str(files[0]), str(cut), "--merge",
                           "--content-db", str(content_db))
    assert code == 1 and err.count("\n") == 1 and "cut short" in err
    assert _digest(content_db) == before
    code, out, _ = _run(capsys, str(files[0]), str(cut), "--merge", "--allow-partial",
                        "--content-db", str(content_db))
    assert code == 0 and "--allow-partial" in out

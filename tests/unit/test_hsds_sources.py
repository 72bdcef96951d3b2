"""`kiosk-admin sources` and `remove-source`, and local sources kept through a new
directory import into the kiosk's own data folder."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from kiosk import paths
from kiosk.cli.main import main as admin_main
from kiosk.store import local_sources
from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from kiosk.store.search import SearchRepository
from tests.helpers import (
    BOTH_SAMPLES,
    SAMHSA_DIR,
    V1_SAMPLE,
    import_hsds,
    needs_directory,
    with_hsds,
)

pytestmark = pytest.mark.skipif(not V1_SAMPLE.is_dir(), reason="no HSDS samples")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def both_once(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    content_db = tmp_path_factory.mktemp("both") / "content.sqlite"
    shutil.copyfile(template_db, content_db)
    return with_hsds(content_db, *BOTH_SAMPLES)


@pytest.fixture
def both(both_once: Path, tmp_path: Path) -> Path:
    """The content database with both samples imported; each test changes its own copy."""
    return Path(shutil.copyfile(both_once, tmp_path / "content.sqlite"))


def test_sources_lists_each_with_its_date_and_count(both: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    where = ("--content-db", str(both))
    capsys.readouterr()
    assert admin_main(["sources", *where]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["example-city-211", "Example City 211", "data 2026-10-01"],
        ["mycity-list", "MyCity list", "data 2026-10-01"]]
    assert admin_main(["sources", "--json", *where]) == 0
    found = json.loads(capsys.readouterr().out)["sources"]
    assert [(s["id"], s["programs"], s["hsds_version"]) for s in found] == [
        ("example-city-211", 10, "1.1/2.0"), ("mycity-list", 1, "3.0")]


def test_remove_source_takes_one_out_and_keeps_the_rest(both: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    where = ("--content-db", str(both))
    conn = open_content_db(both)
    samhsa_before = DirectoryRepository(conn).stats().facilities
    conn.close()
    capsys.readouterr()
    assert admin_main(["remove-source", "example-city-211", *where]) == 0
    assert "Removed example-city-211 (10 programs)" in capsys.readouterr().out
    conn = open_content_db(both)
    try:
        assert [s.id for s in local_sources.sources(conn)] == ["mycity-list"]
        assert DirectoryRepository(conn).stats().facilities == samhsa_before
        assert not [h for h in SearchRepository(conn).search("never homeless").programs
                    if local_sources.is_local(h.id)]
        assert SearchRepository(conn).search("example organization").programs
    finally:
        conn.close()


def test_removing_an_unknown_source_changes_nothing(both: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    where = ("--content-db", str(both))
    before = _digest(both)
    capsys.readouterr()
    assert admin_main(["remove-source", "no-such-list", *where]) == 1
    err = capsys.readouterr().err
    assert "no local source 'no-such-list' (known: example-city-211, mycity-list)" in err
    assert "Nothing was changed" in err
    assert _digest(both) == before


def test_the_kiosks_own_imported_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """Without --content-db: the import goes into the kiosk's data folder, beside the
    directory it came with, and the kiosk's own choice of database shows it."""
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    data = tmp_path / "data"
    import_hsds(V1_SAMPLE, "Example City 211", "--data-dir", str(data))
    target = paths.imported_content_db(data)
    assert target.is_file()
    capsys.readouterr()
    assert admin_main(["sources", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.startswith("example-city-211\t")
    assert admin_main(["remove-source", "example-city-211", "--data-dir", str(data)]) == 0
    assert admin_main(["sources", "--data-dir", str(data)]) == 0
    assert "No local sources" in capsys.readouterr().out


@needs_directory
def test_a_new_directory_import_keeps_the_local_sources(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    data = tmp_path / "data"
    import_hsds(V1_SAMPLE, "Example City 211", "--data-dir", str(data))
    sample = SAMHSA_DIR / "locator_format_sample" / "samhsa-treatment-data.csv"
    reader = csv.DictReader(io.StringIO(sample.read_text(encoding="utf-8"), newline=""))
    rows = list(reader)
    for row in rows:
        row["type_facility"], row["ort"] = "SA", "1"
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*(reader.fieldnames or []), "ort"])
        writer.writeheader()
        writer.writerows(rows)
    assert admin_main(["import", "findtreatment-export", str(export), "--replace",
                       "--data-dir", str(data)]) == 0
    conn = open_content_db(paths.imported_content_db(data))
    try:
        repo = DirectoryRepository(conn)
        assert [s.id for s in repo.local_sources()] == ["example-city-211"]
        assert repo.stats().facilities == len(rows)
        assert SearchRepository(conn).search("never homeless").programs[0].id.startswith(
            local_sources.ID_PREFIX)
    finally:
        conn.close()

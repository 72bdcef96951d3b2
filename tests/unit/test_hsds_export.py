"""`kiosk-admin export hsds`: the whole directory as HSDS 3.0 that passes the official 3.0
schema, and that imports into an empty kiosk as the same programs, phones, addresses and
hours."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from kiosk.cli.main import main as admin_main
from kiosk.domain import Facility
from kiosk.importers.hsds_validate import validate_export
from kiosk.store import local_sources
from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from tests.helpers import BOTH_SAMPLES, HSDS_DIR, V1_SAMPLE, needs_directory, with_hsds

OFFICIAL_3_0 = HSDS_DIR / "openreferral_specification_v3.0" / "datapackage.json"

pytestmark = [needs_directory,
              pytest.mark.skipif(not V1_SAMPLE.is_dir(), reason="no HSDS samples")]


@pytest.fixture(scope="module")
def vermont_and_local_once(template_db: Path, tmp_path_factory: pytest.TempPathFactory
                           ) -> Path:
    """SAMHSA's Vermont programs (a small state keeps the test quick) and both samples."""
    content_db = tmp_path_factory.mktemp("vermont") / "content.sqlite"
    shutil.copyfile(template_db, content_db)
    conn = sqlite3.connect(content_db)
    conn.execute("DELETE FROM facility WHERE state != 'VT'")
    conn.commit()
    conn.close()
    return with_hsds(content_db, *BOTH_SAMPLES)


@pytest.fixture
def vermont_and_local(vermont_and_local_once: Path, tmp_path: Path) -> Path:
    return Path(shutil.copyfile(vermont_and_local_once, tmp_path / "content.sqlite"))


def _programs(db: Path) -> list[Facility]:
    conn = open_content_db(db)
    try:
        return DirectoryRepository(conn).search_facilities()
    finally:
        conn.close()


def _key(f: Facility) -> tuple[str, ...]:
    return (f.name, f.street1 if any(c.isalnum() for c in f.street1) else "", f.city,
            f.state, f.zip)


def _phones(f: Facility) -> tuple[str, ...]:
    if f.local is not None:
        return tuple(sorted({n for n, _ in f.local.phones}))
    return tuple(sorted({p for p in (f.phone, *f.intake_phones) if p}))


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_the_export_passes_the_official_3_0_schema(vermont_and_local: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "export"
    assert admin_main(["export", "hsds", str(out), "--content-db", str(vermont_and_local)]) == 0
    assert "11 local" in capsys.readouterr().out
    assert validate_export(out, OFFICIAL_3_0) == []
    # The same directory exports to the same bytes (ids are made from the kiosk's own).
    again = tmp_path / "again"
    assert admin_main(["export", "hsds", str(again), "--content-db",
                       str(vermont_and_local)]) == 0
    assert _digests(again) == _digests(out)


def test_a_broken_export_would_fail_that_check(vermont_and_local: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert admin_main(["export", "hsds", str(out), "--content-db", str(vermont_and_local)]) == 0
    schedules = out / "schedules.csv"
    schedules.write_text(schedules.read_text(encoding="utf-8").replace(
        "09:00:00", "25:00:00"), encoding="utf-8")
    problems = validate_export(out, OFFICIAL_3_0)
    assert problems and all(p.file == "schedules.csv" for p in problems)
    assert {p.field for p in problems} == {"opens_at"}


@pytest.mark.parametrize("name", ["export", "export.zip"])
def test_round_trip_into_an_empty_kiosk(vermont_and_local: Path, template_db_no_directory: Path,
                                        tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    assert admin_main(["export", "hsds", str(out), "--content-db", str(vermont_and_local)]) == 0
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(template_db_no_directory.read_bytes())
    assert admin_main(["import", "hsds", str(out), "--content-db", str(empty),
                       "--all-services", "--name", "Other kiosk", "--timezone", "UTC"]) == 0
    before, after = _programs(vermont_and_local), _programs(empty)
    assert len(before) == len(after) > 40
    assert Counter(map(_key, before)) == Counter(map(_key, after))
    by_key = {_key(f): f for f in after}
    for old in before:
        new = by_key[_key(old)]
        assert _phones(new) == _phones(old), old.name
        old_hours = old.local.hours if old.local is not None else None
        assert new.local is not None
        assert new.local.hours == old_hours, old.name
    # SAMHSA's service codes came back as the taxonomy terms of each program.
    samhsa = next(f for f in before if f.local is None)
    copied = by_key[_key(samhsa)]
    assert copied.local is not None
    assert {s.code for s in samhsa.services} == {
        t.rsplit("(", 1)[1].rstrip(")") for t in copied.local.taxonomy_terms}
    # Hours with a holiday closure and a named zone survive; the examples' UTC+3 too.
    helpline = next(f for f in after if f.name == "Never Homeless Helpline")
    assert helpline.local is not None and helpline.local.hours is not None
    assert helpline.local.hours.timezone == "America/New_York"
    assert helpline.local.hours.exceptions[0].start == "2019-12-24"
    counselling = next(f for f in after if f.name == "Community Counselling")
    assert counselling.local is not None and counselling.local.hours is not None
    assert counselling.local.hours.timezone == "+03:00"
    conn = open_content_db(empty)
    try:
        assert [s.programs for s in local_sources.sources(conn)] == [len(before)]
    finally:
        conn.close()

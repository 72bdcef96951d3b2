"""Importing Open Referral HSDS packages: the real 1.1 sample and 3.0 examples, a librarian's
taxonomy choice, and malformed packages that must leave the database as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli.main import main as admin_main
from kiosk.store import local_sources
from kiosk.store.connect import open_content_db
from kiosk.store.search import SearchRepository
from tests.helpers import ROOT, V1_SAMPLE, V3_EXAMPLES, with_hsds

pytestmark = pytest.mark.skipif(not V1_SAMPLE.is_dir(),
                                reason="the HSDS samples are not beside the checkout")

HOMELESS = "c89eb05c-62dd-4b64-b494-0cc347b6ea7f"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _import(db: Path, package: Path, *extra: str) -> int:
    return admin_main(["import", "hsds", str(package), "--content-db", str(db),
                       "--timezone", "America/New_York", *extra])


@pytest.fixture(scope="module")
def sample_once(template_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    content_db = tmp_path_factory.mktemp("sample") / "content.sqlite"
    shutil.copyfile(template_db, content_db)
    return with_hsds(content_db, (V1_SAMPLE, "Before"))


@pytest.fixture
def with_sample(sample_once: Path, tmp_path: Path) -> Path:
    """The content database with the 1.1 sample already imported (as "Before")."""
    return Path(shutil.copyfile(sample_once, tmp_path / "content.sqlite"))


def _sources(db: Path) -> list[local_sources.LocalSource]:
    conn = open_content_db(db)
    try:
        return local_sources.sources(conn)
    finally:
        conn.close()


def test_the_1_1_sample_imports_with_its_hours_and_holiday(content_db: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    assert _import(content_db, V1_SAMPLE, "--all-services", "--name", "Example City 211",
                   "--date", "2026-10-01") == 0
    out = capsys.readouterr().out
    # 13 services, 3 of them marked inactive in the sample: those are not shown.
    assert "10 local programs from 13 services" in out
    assert 'format "url" read as "uri"' in out  # the sample's own schema misspells it
    conn = open_content_db(content_db)
    try:
        [source] = local_sources.sources(conn)
        assert (source.id, source.name, source.data_date) == (
            "example-city-211", "Example City 211", "2026-10-01")
        program = local_sources.facility(conn, local_sources.program_id(source.id, HOMELESS))
        assert program is not None and program.local is not None
        assert program.name == "Never Homeless Helpline"
        assert program.name2 == "Sanctuary Example City"
        assert (program.city, program.state, program.zip) == ("New York City", "NY", "10001")
        assert program.position_kind == "approximate"  # the ZIP's centre: no coordinates
        hours = program.local.hours
        assert hours is not None and hours.timezone == "America/New_York"
        assert [(o.weekday, o.opens, o.closes) for o in hours.openings] == [
            (0, "09:00", "17:00"), (1, "09:00", "17:00"), (2, "09:00", "17:00")]
        assert [(e.start, e.end, e.closed) for e in hours.exceptions] == [
            ("2019-12-24", "2019-12-26", True)]
        assert program.local.languages == ("English", "Spanish")
        assert program.local.fees == ("cash", "credit card")
        assert program.local.source_name == "Example City 211"
        hits = SearchRepository(conn).search("never homeless").programs
        assert [h.id for h in hits][:1] == [program.id]
    finally:
        conn.close()


def test_the_3_0_examples_import(content_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(content_db, V3_EXAMPLES, "--all-services", "--name", "MyCity") == 0
    out = capsys.readouterr().out
    # The examples' location names an organization the package lacks: a note, not an error.
    assert "locations.csv line 2, field organization_id" in out
    assert "position 100, 101 is not on the map" in out
    conn = open_content_db(content_db)
    try:
        [program] = local_sources.facilities(conn)
        assert program.local is not None
        assert program.name == "Community Counselling"
        assert program.phone == "+44 1234 234567 ext. 100"  # the quote marks taken off
        assert program.position_kind == "none"
        # Not a US address: kept as the list spells it, and out of the state list.
        assert (program.street1, program.street2, program.city, program.state, program.zip
                ) == ("1-30 Main Street", "MyVillage", "MyCity", "MyState", "ABC 1234")
        assert "MyState" not in local_sources.state_counts(conn)
        assert program.local.languages == ("Urdu",)
        assert program.local.ages == "12 to 100"
        hours = program.local.hours
        assert hours is not None and hours.timezone == "+03:00"  # the file's UTC offset
        assert sorted(o.weekday for o in hours.openings) == [3, 4]  # TH, FR
        assert {(o.opens, o.closes, o.valid_to) for o in hours.openings} == {
            ("10:00", "18:00", "2005-01-01")}
        assert hours.notes[0].startswith("The service is available from 10 am")
        hits = SearchRepository(conn).search("example organization").programs
        assert [h.id for h in hits][:1] == [program.id]
    finally:
        conn.close()


def test_a_zip_of_the_package_imports_the_same(content_db: Path, tmp_path: Path) -> None:
    archive = tmp_path / "list.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in V1_SAMPLE.iterdir():
            zipped.write(file, f"package/{file.name}")
    assert _import(content_db, archive, "--all-services", "--name", "Zipped") == 0
    [source] = _sources(content_db)
    assert (source.id, source.programs) == ("zipped", 10)


def test_importing_the_same_source_again_replaces_it(with_sample: Path) -> None:
    assert _import(with_sample, V1_SAMPLE, "--all-services", "--name", "Before") == 0
    assert [(s.id, s.programs) for s in _sources(with_sample)] == [("before", 10)]


# ------------------------------------------------------------- taxonomy --
def _with_term(tmp_path: Path, term: str, service: str) -> Path:
    package = tmp_path / "termed"
    shutil.copytree(V1_SAMPLE, package)
    with (package / "taxonomy.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["t-1", term, "", "", "AIRS"])
    with (package / "services_taxonomy.csv").open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(["st-1", service, "t-1", ""])
    return package




def _al_anon_id() -> str:
    rows = csv.DictReader(io.StringIO((V1_SAMPLE / "services.csv").read_text("utf-8")))
    return next(r["id"] for r in rows if r["name"] == "Al-Anon Family Group")


def test_by_default_only_treatment_and_recovery_terms_count(content_db: Path, tmp_path: Path
                                                            ) -> None:
    package = _with_term(tmp_path, "Alcoholism Support Groups", _al_anon_id())
    assert _import(content_db, package, "--name", "Termed") == 0
    conn = open_content_db(content_db)
    try:
        [program] = local_sources.facilities(conn)
        assert program.name == "Al-Anon Family Group"
        assert program.local is not None and program.local.kind == "treatment"
        assert program.local.taxonomy_terms == ("Alcoholism Support Groups",)
    finally:
        conn.close()


def test_a_librarian_can_name_the_terms(content_db: Path, tmp_path: Path) -> None:
    package = _with_term(tmp_path, "Mutual Aid Groups", _al_anon_id())
    assert _import(content_db, package, "--name", "Termed") == 0
    assert [s.programs for s in _sources(content_db)] == [0]  # the defaults miss this term
    assert _import(content_db, package, "--name", "Termed", "--recovery-terms",
                   "mutual aid") == 0
    conn = open_content_db(content_db)
    try:
        [program] = local_sources.facilities(conn)
        assert program.local is not None and program.local.kind == "recovery"
    finally:
        conn.close()


# ------------------------------------------------------------ malformed --
def _edit(file: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(package: Path) -> None:
        path = package / file
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return apply


def _replace_line(number: int, old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        lines = text.split("\n")
        assert old in lines[number - 1]
        lines[number - 1] = lines[number - 1].replace(old, new, 1)
        return "\n".join(lines)
    return change


def _latin1(package: Path) -> None:
    path = package / "organizations.csv"
    text = path.read_text(encoding="utf-8").replace("Sanctuary Example City", "Caf\u00e9 City")
    path.write_bytes(text.encode("latin-1"))


def _duplicate_service(package: Path) -> None:
    path = package / "services.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.insert(3, lines[1].replace("Never Homeless Helpline", "Copy"))
    path.write_text("\n".join(lines), encoding="utf-8")


MALFORMED = [
    pytest.param(lambda p: (p / "datapackage.json").unlink(), ["no datapackage.json"],
                 id="missing-datapackage"),
    # Line 14 is data row 10: a description above it runs over five lines.
    pytest.param(_edit("services.csv", _replace_line(14, "Parks Disability Services", "")),
                 ["services.csv line 14 (row 10), field name"], id="required-field-empty"),
    pytest.param(_edit("regular_schedules.csv", _replace_line(2, ",09:00:00,", ",25:00:00,")),
                 ["regular_schedules.csv line 2, field opens_at"], id="bad-time"),
    pytest.param(_edit("regular_schedules.csv", _replace_line(
        3, "c89eb05c-62dd-4b64-b494-0cc347b6ea7f", "no-such-service")),
                 ["regular_schedules.csv line 3, field service_id", "no-such-service"],
                 id="unknown-service"),
    pytest.param(_duplicate_service, ["services.csv line 4, field id"], id="duplicate-id"),
    pytest.param(_latin1, ["organizations.csv line 2", "not utf-8 text"], id="wrong-encoding"),
]


@pytest.mark.parametrize(("damage", "expected"), MALFORMED)
def test_a_malformed_package_changes_nothing_and_says_where(
        with_sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        damage: Callable[[Path], None], expected: list[str]) -> None:
    content_db = with_sample
    before = _digest(content_db)
    package = tmp_path / "bad"
    shutil.copytree(V1_SAMPLE, package)
    damage(package)
    capsys.readouterr()
    assert _import(content_db, package, "--all-services", "--name", "Before") == 1
    err = capsys.readouterr().err
    assert "Nothing was changed" in err
    assert "Traceback" not in err
    for words in expected:
        assert words.lower() in err.lower(), err
    assert _digest(content_db) == before


def test_a_dry_run_checks_and_changes_nothing(content_db: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = _digest(content_db)
    assert _import(content_db, V1_SAMPLE, "--all-services", "--dry-run") == 0
    assert "Dry run" in capsys.readouterr().out
    assert _digest(content_db) == before


def test_the_json_report(content_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(content_db, V1_SAMPLE, "--all-services", "--json", "--name", "J") == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["ok"], report["programs"], report["hsds_version"]) == (True, 10, "1.1/2.0")


def test_the_kiosk_starts_without_the_validator() -> None:
    """frictionless (and pydantic under it) is for the admin command only."""
    code = ("import sys, kiosk.app, kiosk.ui.shell, kiosk.cli.main;"
            "kiosk.cli.main.build_parser();"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " ('frictionless', 'pydantic')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_an_empty_line_is_skipped_and_later_lines_keep_their_numbers(
        content_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "gappy"
    shutil.copytree(V1_SAMPLE, package)
    services = package / "services.csv"
    lines = services.read_text(encoding="utf-8").split("\n")
    lines.insert(3, "")
    services.write_text("\n".join(lines), encoding="utf-8")
    assert _import(content_db, package, "--all-services", "--name", "Gappy") == 0
    assert "services.csv line 4: empty line skipped" in capsys.readouterr().out
    _edit("services.csv", _replace_line(15, "Parks Disability Services", ""))(package)
    assert _import(content_db, package, "--all-services", "--name", "Gappy") == 1
    assert "services.csv line 15 (row 11), field name" in capsys.readouterr().err

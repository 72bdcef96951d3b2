"""SAMHSA directory import: the real data's figures and every kind of broken input."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli.main import main as admin_main
from kiosk.importers import samhsa
from kiosk.store.directory import ZIP_TABLE_META, DirectoryRepository
from tests.helpers import SAMHSA_DIR, needs_directory

HEADER = ("facility_id,directory_type,name1,name2,street1,street2,city,state,zip,phone,"
          "intake1,intake2,intake1a,intake2a,service_code_info")
CATEGORIES = """code,label,category_code,category_name,category_method,group_key
OIT,Intensive outpatient treatment,SET,Service Settings,locator_label_match,RD
OP,Outpatient,SET,Service Settings,locator_label_match,RD
RES,Residential/24-hour residential,SET,Service Settings,star_group_propagation,RD
ACM,Acamprosate (Campral\ufffd),PHR,Pharmacotherapies,locator_label_match,MPEP
MD,Medicaid,PAY,Payment,locator_label_match,NP
SP,Spanish,OL,Other Languages,locator_label_match,NX
BU,Buprenorphine used in Treatment,OM,Opioid Medications,manual,NU
"""
GOOD = [
    "substance_1,substance,Harbor House,,12 Main Street,,New Haven,CT,6516,203-555-0101,"
    "203-555-0102,,,,SA * OIT OP * ACM * MD * SP",
    "substance_2,substance,Green Valley Recovery,Unit B,400 Oak Avenue,,Burlington,VT,05401,"
    "802-555-0199,,,,,OP RES * BU * MD",
    "mental_1,mental,Mind Clinic,,1 Elm Road,,Boston,MA,02108,617-555-0100,,,,,MH * OP",
]


#: SAMHSA's file ends with two legend rows (the service codes' labels, then the codes):
#: what tells the whole file from one cut short.
LEGEND = [
    "substance_90,substance,,Intensive outpatient treatment,Outpatient,"
    "Residential/24-hour residential,Medicaid,Spanish,Buprenorphine used in Treatment,,,,,,",
    "substance_91,substance,,OIT,OP,RES,ACM,MD,SP,BU,,,,,",
]


def write_source(folder: Path, rows: list[str], *, header: str = HEADER,
                 gz: bool = False, name: str = "national_directory_2024",
                 complete: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "service_code_categories.csv").write_text(CATEGORIES, encoding="utf-8")
    text = "\n".join([header, *rows, *(LEGEND if complete and rows else [])]) + "\n"
    if gz:
        path = folder / f"{name}.csv.gz"
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    else:
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(template_db_no_directory: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "content.sqlite"
    shutil.copyfile(template_db_no_directory, copy)
    return copy


def run_import(db: Path, source: Path, *, allow_partial: bool = False) -> samhsa.ImportReport:
    return samhsa.import_into(db, samhsa.find_sources(source), allow_partial=allow_partial)[0]


def rejected(report: samhsa.ImportReport) -> list[tuple[int, str, str]]:
    """The rejected rows that are not the file's closing legend."""
    return [r for r in report.rejected if not r[2].startswith(samhsa.LEGEND)]


def repo(db: Path) -> DirectoryRepository:
    return DirectoryRepository(sqlite3.connect(db))


# --------------------------------------------------------------- real data --
@needs_directory
def test_real_directory_figures(template_db: Path) -> None:
    stats = repo(template_db).stats()
    assert stats.facilities == 12_200
    assert stats.by_state["HI"] == 90
    assert stats.by_state["CA"] == 1_141
    assert stats.positions["exact"] >= 7_900
    assert sum(stats.positions.values()) == 12_200
    assert stats.by_level["intensive_outpatient"] >= 5_000
    assert stats.source == samhsa.source_text("2024") and stats.data_date == "2024"
    conn = sqlite3.connect(template_db)
    assert conn.execute("SELECT count(*) FROM facility WHERE length(zip) != 5"
                        " OR zip GLOB '*[^0-9]*'").fetchone()[0] == 0
    assert conn.execute("SELECT zip FROM facility WHERE state = 'CT' AND zip LIKE '6%'"
                        ).fetchall() == []
    labels = [r[0] for r in conn.execute("SELECT label FROM directory_service")]
    assert labels and not any("\ufffd" in label for label in labels)
    assert conn.execute("SELECT count(*) FROM directory_service").fetchone()[0] == 224


@needs_directory
def test_real_import_rejects_blank_and_legend_rows_with_line_numbers(db: Path) -> None:
    report = run_import(db, SAMHSA_DIR)
    assert report.imported == 12_200
    assert [(line, fid) for line, fid, _ in report.rejected] == [
        (20521, "substance_12201"), (20522, "substance_12202"), (20523, "substance_12203"),
        (20524, "substance_12204"), (20525, "substance_12205"),
    ]
    assert all("legend" in why for _, _, why in report.rejected[3:])
    summary = report.summary()
    assert "line 20525: substance_12205" in summary
    assert "Imported: 12,200" in summary and "2024" in summary
    assert report.positions["exact"] + report.positions["approximate"] \
        + report.positions["none"] == 12_200
    assert len(report.no_position) == report.positions["none"]
    # Programs whose street the locator writes otherwise ("Memorial Parkway SW" / "South",
    # "Avenue" / "Street") are found by name, house number and ZIP instead of being left
    # at their ZIP's centre: 152 of them in the 2024 directory.
    assert report.house_number_matches == 152
    assert report.positions["exact"] == 7_973 + 152
    assert "152 of them found by name, house number and ZIP" in summary


# ------------------------------------------------------------ small inputs --
def test_small_import_repairs_zips_and_keeps_substance_rows_only(db: Path,
                                                                 tmp_path: Path) -> None:
    report = run_import(db, write_source(tmp_path / "src", GOOD, gz=True))
    assert report.imported == 2 and report.other_rows == 1 and not rejected(report)
    facility = repo(db).facility("substance_1")
    assert facility is not None
    assert facility.zip == "06516"
    assert facility.levels == ("intensive_outpatient",)  # OP alone is the umbrella code
    assert facility.intake_phones == ("203-555-0102",)
    assert "Acamprosate (Campral)" in [s.label for s in facility.services]
    assert facility.position_kind == "approximate"  # no locator file: the ZIP centre
    assert repo(db).facility("mental_1") is None


def test_locator_positions_are_exact(db: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_source(src / "national_directory_2024", GOOD)
    (src / "locator_2020_coordinates").mkdir()
    (src / "locator_2020_coordinates" / "loc.csv").write_text(
        "name1,name2,street1,street2,city,state,zip,zip4,county,latitude,longitude\n"
        "HARBOR HOUSE,,12 Main St.,,New Haven,CT,6516,,New Haven,41.27,-72.95\n",
        encoding="utf-8")
    report = run_import(db, src)
    assert report.positions == {"exact": 1, "approximate": 1}
    facility = repo(db).facility("substance_1")
    assert facility is not None and facility.position_kind == "exact"
    assert (facility.latitude, facility.longitude) == (41.27, -72.95)


@pytest.mark.parametrize(("rows", "reason"), [
    (['substance_9,substance,"=HYPERLINK(""http://x"",""Click"")",,1 A St,,Town,VT,05401,'
      '802-555-0100,,,,,OP'], "formula"),
    ([f"substance_9,substance,{'x' * 10_000},,1 A St,,Town,VT,05401,802-555-0100,,,,,OP"],
     "10,000 characters"),
    (["substance_1,substance,Copy,,1 A St,,Town,VT,05401,802-555-0100,,,,,OP"],
     "duplicate facility_id (first on line 2)"),
    (["substance_9,substance,Too few,,1 A St", "substance_8,substance,Ok,,1 B St,,Town,VT,"
      "05401,802-555-0100,,,,,OP"], "fields, expected 15"),
    (["substance_9,substance,Bad phone,,1 A St,,Town,VT,05401,call us,,,,,OP"], "phone"),
    (["substance_9,substance,Nowhere,,1 A St,,Town,ZZ,05401,802-555-0100,,,,,OP"], "state"),
])
def test_bad_rows_are_rejected_with_their_line(db: Path, tmp_path: Path, rows: list[str],
                                               reason: str) -> None:
    report = run_import(db, write_source(tmp_path / "src", GOOD + rows))
    assert report.imported == 1 + len(rows)
    assert len(rejected(report)) == 1
    line, _fid, why = rejected(report)[0]
    assert line == 5 and reason in why
    names = [f.name for f in repo(db).search_facilities()]
    assert names[:2] == ["Green Valley Recovery", "Harbor House"]
    assert not any(n.startswith("=") for n in names)


def _fatal(db: Path, source: Path, message: str) -> None:
    before = digest(db)
    with pytest.raises(samhsa.DirectoryImportError, match=message):
        run_import(db, source)
    assert digest(db) == before


@pytest.fixture
def loaded(db: Path, tmp_path: Path) -> Path:
    run_import(db, write_source(tmp_path / "first", GOOD))
    return db


def test_missing_columns_are_fatal_and_change_nothing(loaded: Path, tmp_path: Path) -> None:
    header = HEADER.replace(",phone", "")
    _fatal(loaded, write_source(tmp_path / "src", [], header=header),
           r"line 1: missing column\(s\) phone")
    assert repo(loaded).stats().facilities == 2


def test_wrong_encoding_names_the_line(loaded: Path, tmp_path: Path) -> None:
    path = write_source(tmp_path / "src", GOOD)
    path.write_bytes(path.read_bytes().replace(b"Green", "Gr\u00fcn".encode("latin-1")))
    _fatal(loaded, path.parent, "line 3 is not UTF-8")


def test_truncated_gzip_is_fatal(loaded: Path, tmp_path: Path) -> None:
    path = write_source(tmp_path / "src", GOOD, gz=True)
    path.write_bytes(path.read_bytes()[:-20])
    _fatal(loaded, path.parent, "damaged or cut short")


def test_file_cut_inside_a_quote_is_fatal(loaded: Path, tmp_path: Path) -> None:
    path = write_source(tmp_path / "src", [*GOOD, 'substance_9,substance,"Unfinished'],
                        complete=False)
    _fatal(loaded, path.parent, "line 5: broken CSV")


def test_empty_file_is_fatal(loaded: Path, tmp_path: Path) -> None:
    path = write_source(tmp_path / "src", [])
    path.write_bytes(b"")
    _fatal(loaded, path.parent, "empty")


def test_only_bad_rows_is_fatal(loaded: Path, tmp_path: Path) -> None:
    _fatal(loaded, write_source(tmp_path / "src", ["substance_1,substance,,,,,,,,,,,,,"]),
           "no usable substance use facilities")


def test_build_is_deterministic(tmp_path: Path) -> None:
    import build as db_build  # db/ is on sys.path (tests/conftest.py)

    src = tmp_path / "samhsa"
    write_source(src / "national_directory_2024", GOOD)
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    db_build.build(a, src)
    db_build.build(b, src)
    assert a.read_bytes() == b.read_bytes()
    assert repo(a).stats().facilities == 2


# --------------------------------------------------------------------- CLI --
def test_cli_import_and_stats(db: Path, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    src = write_source(tmp_path / "src", GOOD)
    assert admin_main(["import", "samhsa-directory", str(src.parent),
                       "--content-db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Imported: 2 substance use facilities" in out and "Rejected: 2" in out
    assert out.count("spreadsheet legend row") == 2
    assert admin_main(["stats", "--json", "--content-db", str(db)]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert list(stats) == ["facilities", "by_state", "by_level", "positions", "source",
                           "data_date", "in_use", "database", "passed_over", "checks"]
    assert stats["in_use"] == "named" and stats["database"] == str(db)
    assert stats["facilities"] == 2 and stats["by_state"] == {"CT": 1, "VT": 1}
    assert list(stats["by_level"]) == ["intensive_outpatient", "partial_hospitalization",
                                       "outpatient", "residential", "detox",
                                       "hospital_inpatient"]
    assert stats["positions"] == {"exact": 0, "approximate": 2, "none": 0}
    assert stats["data_date"] == "2024"


def test_cli_fatal_error_says_nothing_changed(loaded: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    before = digest(loaded)
    path = write_source(tmp_path / "src", [])
    path.write_bytes(b"")
    assert admin_main(["import", "samhsa-directory", str(path),
                       "--content-db", str(loaded)]) == 1
    err = capsys.readouterr().err
    assert "empty" in err and "Nothing was changed" in err
    assert digest(loaded) == before


# ------------------------------------------------------------- data truth --
def _raw_substance_rows() -> dict[str, dict[str, str]]:
    """SAMHSA's own rows, read straight from the file (not through the importer)."""
    text = gzip.decompress((SAMHSA_DIR / samhsa.DIRECTORY_SUBDIR / "facilities.csv.gz")
                           .read_bytes()).decode("utf-8")
    return {r["facility_id"]: r for r in csv.DictReader(text.splitlines())
            if r["directory_type"] == "substance"}


def _codes(row: dict[str, str]) -> set[str]:
    return set(row["service_code_info"].replace("*", " ").split())


@needs_directory
def test_stats_json_on_the_real_data_tells_the_truth(template_db: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert admin_main(["stats", "--json", "--content-db", str(template_db)]) == 0
    stats = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    checks = stats["checks"]
    raw = _raw_substance_rows()
    conn = sqlite3.connect(template_db)
    stored = {fid: (levels.split(), kind) for fid, levels, kind in conn.execute(
        "SELECT id, levels, position_kind FROM facility")}
    conn.close()
    assert len(stored) == 12_200 and set(stored) <= set(raw)
    # Levels: "outpatient" only with the regular outpatient code (OP alone is the umbrella).
    regular = {fid for fid in stored if "ORT" in _codes(raw[fid])}
    assert stats["by_level"]["outpatient"] == len(regular)
    assert {fid for fid, (levels, _) in stored.items() if "outpatient" in levels} == regular
    assert checks["outpatient_without_regular_code"] == 0
    umbrella_only = [fid for fid in stored if "OP" in _codes(raw[fid])
                     and "ORT" not in _codes(raw[fid])]
    assert len(umbrella_only) == 726  # the programs the umbrella code used to mislabel
    assert not any("outpatient" in stored[fid][0] for fid in umbrella_only)
    # Lofexidine stated only by the detox code: every such program shows it on its slip.
    detox_only = [fid for fid in stored if "DLC" in _codes(raw[fid])
                  and "LFXD" not in _codes(raw[fid])]
    assert checks["lofexidine_from_detox_only"] == {"in_data": len(detox_only),
                                                    "on_slips": len(detox_only)}
    assert len(detox_only) == 653
    # Positions: nothing shown as exact lies over 25 miles from its ZIP; the locator's
    # slips (one of them 142 miles from its town) are listed and shown as approximate.
    assert checks["exact_positions_far_from_zip"] == 0
    far = {f["id"]: f["miles"] for f in checks["approximate_far_from_zip"]}
    assert len(far) >= 6 and all(m > 25 for m in far.values())
    assert far["substance_6963"] > 140 and stored["substance_6963"][1] == "approximate"
    assert all(stored[fid][1] == "approximate" for fid in far)
    assert checks["house_number_matches"] == 152


_LONG = {"dr": "drive", "st": "street", "ste": "suite", "ave": "avenue", "rd": "road",
         "blvd": "boulevard", "hwy": "highway", "ln": "lane", "pkwy": "parkway"}


def _alike(text: str) -> str:
    """Name or street with abbreviations spelled out and punctuation and "Inc" dropped
    (written apart from the importer's own rules)."""
    words = "".join(c if c.isalnum() else " " for c in text.lower()).split()
    return " ".join(_LONG.get(w, w) for w in words if w not in ("inc", "llc"))


@needs_directory
def test_programs_the_locator_writes_with_dr_drive_style_variants_are_exact(
        template_db: Path) -> None:
    raw = _raw_substance_rows()
    locator = next((SAMHSA_DIR / samhsa.LOCATOR_SUBDIR).glob("*.csv"))
    exact_keys: dict[tuple[str, str, str], tuple[str, str]] = {}
    with locator.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.DictReader(handle):
            zip5 = row["zip"].strip().zfill(5)[:5]
            exact_keys[(_alike(row["name1"]), _alike(row["street1"]), zip5)] = (
                row["name1"].lower(), row["street1"].lower())
    conn = sqlite3.connect(template_db)
    kinds = dict(conn.execute("SELECT id, position_kind FROM facility").fetchall())
    conn.close()
    variants = []
    for fid, row in raw.items():
        if fid not in kinds:
            continue
        key = (_alike(row["name1"]), _alike(row["street1"]), row["zip"].strip().zfill(5))
        found = exact_keys.get(key)
        if found is not None and found != (row["name1"].lower(), row["street1"].lower()):
            variants.append(fid)  # the same program, written otherwise in the locator
    assert len(variants) > 100
    left = [fid for fid in variants if kinds[fid] != "exact"]
    assert left == []


def test_an_excel_workbook_with_a_title_row_gives_its_year(db: Path, tmp_path: Path) -> None:
    import openpyxl

    src = tmp_path / "download"
    write_source(src, [], name="unused")
    (src / "unused.csv").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Directory"
    sheet.append(["National Directory of Drug and Alcohol Use Treatment Facilities 2026: "
                  "2 substance use facilities"])
    for line in [HEADER, *GOOD]:
        sheet.append([int(v) if v.isdigit() and len(v) == 4 else v
                      for v in next(csv.reader([line]))])
    book.save(src / "directory.xlsx")
    report = run_import(db, src)
    assert report.imported == 2 and report.data_date == "2026"
    facility = repo(db).facility("substance_1")
    assert facility is not None and facility.zip == "06516"  # a number cell, zero restored


def test_the_build_refuses_a_schema_of_another_version_than_the_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import build as db_build
    from kiosk.importers.content import ContentError

    monkeypatch.setattr(db_build, "SCHEMA_VERSION", db_build.SCHEMA_VERSION + 1)
    with pytest.raises(ContentError, match="change both together"):
        db_build.build(tmp_path / "out.sqlite", None)
    assert not (tmp_path / "out.sqlite").exists()


def test_an_excel_workbook_gives_its_year_from_the_sheet_and_streams_read_only(
        db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl

    src = tmp_path / "download"
    write_source(src, [], name="unused")
    (src / "unused.csv").unlink()
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["About this file"])
    sheet = book.create_sheet("Facilities 2027")
    for line in [HEADER, *GOOD, *LEGEND]:
        sheet.append(next(csv.reader([line])))
    book.save(src / "national directory.xlsx")
    opened: list[bool] = []
    real_load = openpyxl.load_workbook

    def load(*args: Any, **kwargs: Any) -> Any:
        opened.append(bool(kwargs.get("read_only")))
        return real_load(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", load)
    report = run_import(db, src)
    assert report.imported == 2 and report.data_date == "2027"
    assert opened and all(opened)  # every open in read-only (streaming) mode


# ---------------------------------------------------------------- ZIP table --
def _vermont_centre(db: Path) -> tuple[float, float]:
    conn = sqlite3.connect(db)
    try:
        found = conn.execute("SELECT latitude, longitude FROM facility"
                             " WHERE id = 'substance_2'").fetchone()
    finally:
        conn.close()
    return float(found[0]), float(found[1])


@pytest.mark.parametrize("same_list", [True, False])
def test_the_next_import_reads_the_zip_table_only_when_it_came_from_the_same_list(
        db: Path, tmp_path: Path, same_list: bool) -> None:
    source = tmp_path / "samhsa"
    write_source(source, GOOD)
    run_import(db, source)
    centre = _vermont_centre(db)  # no locator: the program sits at its ZIP's centre
    assert centre == samhsa.zip_centroids()["05401"][1:]
    conn = sqlite3.connect(db)
    conn.execute("UPDATE zip_centroid SET latitude = latitude + 1 WHERE zip = '05401'")
    if not same_list:  # the table came from another version of the ZIP code list
        conn.execute("UPDATE meta SET value = 'zipcodes 0.0.1' WHERE key = ?",
                     (ZIP_TABLE_META,))
    conn.commit()
    conn.close()
    run_import(db, source)
    moved = (centre[0] + 1, centre[1])
    assert _vermont_centre(db) == (moved if same_list else centre)
    # The table a near-ZIP search reads: kept from the same list, else the new list's.
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT latitude, longitude FROM zip_centroid WHERE zip = '05401'"
                          ).fetchone()
    rows = conn.execute("SELECT count(*) FROM zip_centroid").fetchone()[0]
    conn.close()
    assert tuple(stored) == (moved if same_list else centre)
    assert rows == len(samhsa.zip_centroids())

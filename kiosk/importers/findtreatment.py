"""Import the CSV a librarian downloads from FindTreatment.gov (the locator's export for a
state or an area) into the directory, replacing it or merged into it.

The export has no facility ids and no service code string: one lower-case column per
service code, valued 1 (or 1.0) when the program offers it, and its own latitude, longitude
and website. Several files (the site exports at most 30,000 rows at a time) are read as one.
The same checks as the National Directory's apply, row by row, with file and line.

No Qt here. All SQL lives in kiosk.store.directory.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Sequence
from pathlib import Path

from kiosk.domain import DIRECTORY_LEVELS
from kiosk.importers import samhsa
from kiosk.importers.changes import ChangeReport, compare, match
from kiosk.importers.samhsa import Directory, DirectoryImportError, ImportReport, ServiceCode
from kiosk.store import directory as store
from kiosk.store.directory import haversine_miles
from kiosk.store.search import build_index

SOURCE_NAME = "FindTreatment.gov locator export"
REPLACE = "replace"
MERGE = "merge"

REQUIRED_COLUMNS = ("name1", "name2", "street1", "street2", "city", "state", "zip", "phone",
                    "latitude", "longitude", "type_facility")
#: Columns that are not service codes.
NOT_CODES = frozenset({*REQUIRED_COLUMNS, "zip4", "county", "intake_prompt", "intake1",
                       "intake2", "intake1a", "intake2a", "website", "facility_id"})
#: The locator's facility types this kiosk lists (SA: substance use; MH rows are skipped).
SUBSTANCE_TYPES = frozenset({"SA"})
YES = frozenset({"1", "1.0", "1.00", "y", "yes", "true"})
MAX_WEBSITE = 300


def _codes_from(rows: Sequence[store.ServiceRow]) -> dict[str, ServiceCode]:
    return {r.code: ServiceCode(r.code, r.label, r.category, r.position, r.source_label,
                                r.source_category) for r in rows}


def _zip_text(value: str) -> str:
    """'30306.0' (a spreadsheet's number) is 30306."""
    value = value.strip()
    return value[:-2] if value.endswith(".0") else value


def _website(value: str) -> str:
    """An http(s) address, or '' (anything else is not offered as a link)."""
    value = samhsa._clean(value)
    if not value or len(value) > MAX_WEBSITE or any(c.isspace() for c in value):
        return ""
    lower = value.lower()
    if lower.startswith(("http://", "https://")):
        return value
    return "" if ":" in lower.split("/", 1)[0] else f"http://{value}"


def _coordinates(row: dict[str, str]) -> tuple[float, float] | None:
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except ValueError:
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0, 0):
        return None
    return lat, lon


def _position(own: tuple[float, float] | None, zip5: str,
              centroids: dict[str, tuple[str, float, float]]) -> tuple[samhsa.Position, float]:
    centre = centroids.get(zip5)
    if own is not None:
        if centre is None:
            return ("exact", own[0], own[1]), 0.0
        miles = haversine_miles(own[0], own[1], centre[1], centre[2])
        if miles <= samhsa.FAR_FROM_ZIP_MILES:
            return ("exact", own[0], own[1]), 0.0
        return ("approximate", centre[1], centre[2]), miles
    if centre is not None:
        return ("approximate", centre[1], centre[2]), 0.0
    return ("none", None, None), 0.0


def _program_id(row: dict[str, str]) -> str:
    """The export has no ids: one made from the name, street and ZIP stays the same from
    one download to the next."""
    key = "|".join((samhsa._norm(row["name1"]), samhsa._norm_street(row["street1"]),
                    _zip_text(row["zip"])))
    return "ft-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:12]


def _data_date(files: Sequence[Path]) -> str:
    """When the newest file was saved: the export says nothing of its own date."""
    newest = max(f.stat().st_mtime for f in files)
    return datetime.datetime.fromtimestamp(newest, tz=datetime.UTC).date().isoformat()


def _cut_short(path: Path, shape: samhsa.FileShape, last_line: int, last_short: bool) -> str:
    """Why an export file looks cut in the middle of a row, or ''. (The export does not
    say how many rows it holds, so a cut exactly between two rows cannot be told: the
    summary asks the librarian to compare the count with the one the site showed.)"""
    if last_short or not shape.ends_with_newline:
        return (f"{path}: the file ends in the middle of line {last_line}: it was cut short "
                "(an interrupted download or copy)")
    return ""


def read_exports(files: Sequence[Path], codes: dict[str, ServiceCode],
                 services: list[store.ServiceRow], data_date: str = "", *,
                 allow_partial: bool = False) -> Directory:
    """Read and check every export file; raise DirectoryImportError on fatal problems (a
    file cut short among them, unless `allow_partial`)."""
    if not files:
        raise DirectoryImportError("give at least one FindTreatment.gov export file")
    for path in files:
        if not path.exists():
            raise DirectoryImportError(f"{path}: no such file")
    date = data_date or _data_date(files)
    report = ImportReport(facilities_file=", ".join(p.name for p in files),
                          source=f"{SOURCE_NAME}, {date}", data_date=date)
    report.positions.update({"exact": 0, "approximate": 0, "none": 0})
    centroids = samhsa.zip_centroids()
    facilities: dict[str, store.FacilityRow] = {}
    first_line: dict[str, int] = {}
    websites = 0
    for path in files:
        shape = samhsa.FileShape()
        last_line, last_short = 0, False
        for line, row in samhsa._data_rows(path, REQUIRED_COLUMNS, shape):
            report.rows_read += 1
            last_line, last_short = line, "__fields__" in row and \
                int(row["__fields__"]) < int(row["__expected__"])
            if "__fields__" in row:
                report.rejected.append((line, path.name,
                                        f"row has {row['__fields__']} fields, expected "
                                        f"{row['__expected__']} (file cut short?)"))
                continue
            if samhsa._clean(row["type_facility"]).upper() not in SUBSTANCE_TYPES:
                report.other_rows += 1
                continue
            row = {**row, "facility_id": _program_id(row), "zip": _zip_text(row["zip"])}
            cells = samhsa._cleaned(row)
            checked = samhsa._check_row(row, cells, codes, first_line)
            if isinstance(checked, str):
                report.rejected.append((line, f"{path.name} {row['facility_id']}", checked))
                continue
            first_line[checked.fid] = line
            if checked.raw_zip != checked.zip5 and len(checked.raw_zip) < 5:
                report.repaired_zips += 1
            websites += bool(_website(row.get("website", "")))
            facilities[checked.fid] = _facility(row, cells, checked, codes, centroids, report)
        partial = _cut_short(path, shape, last_line, last_short)
        if partial and not allow_partial:
            raise DirectoryImportError(f"{partial}; {samhsa.PARTIAL_HINT}")
        if partial:
            report.warnings.append(f"{partial}; imported as it is (--allow-partial)")
    if not facilities:
        raise DirectoryImportError(
            f"{report.facilities_file}: no usable substance use programs "
            f"({report.rows_read:,} rows read, {report.other_rows:,} mental health or other "
            f"rows skipped, {len(report.rejected):,} rejected)")
    report.imported = len(facilities)
    report.warnings.append(f"{websites:,} websites read (shown on each program's page)")
    # The export does not say how many rows it holds: the librarian can compare.
    report.warnings.append(f"{report.rows_read:,} rows read in all: compare with the count "
                           "FindTreatment.gov showed for the search, to be sure no file was "
                           "cut short")
    return Directory(report=report, services=list(services),
                     facilities=[facilities[k] for k in sorted(facilities)],
                     zips=sorted((z, s, lat, lon) for z, (s, lat, lon) in centroids.items()))


def _facility(row: dict[str, str], cells: dict[str, str], checked: samhsa._Checked,
              codes: dict[str, ServiceCode],
              centroids: dict[str, tuple[str, float, float]],
              report: ImportReport) -> store.FacilityRow:
    found: list[str] = []
    for column, value in row.items():
        if column in NOT_CODES or value.strip().lower() not in YES:
            continue
        code = samhsa._clean(column).upper()[:20]
        if code in codes:
            found.append(code)
        else:
            report.unknown_codes[code] += 1
    found.sort(key=lambda c: (codes[c].position, c))
    levels = [lv for lv in DIRECTORY_LEVELS if samhsa.LEVEL_CODES[lv] & set(found)]
    (kind, lat, lon), far = _position(_coordinates(row), checked.zip5, centroids)
    if kind == "none":
        report.no_position.append((checked.fid, f"no coordinates and ZIP {checked.zip5} is "
                                                 "not in the ZIP code list"))
    if far:
        report.far_positions.append((checked.fid, round(far, 1)))
    report.positions[kind] += 1
    return store.FacilityRow(
        id=checked.fid, name=checked.name, name2=cells["name2"], street1=cells["street1"],
        street2=cells["street2"], city=cells["city"], state=checked.state, zip=checked.zip5,
        phone=checked.phone,
        intake_phones="\n".join(samhsa._intake_phones(cells, checked.phone)),
        levels=" ".join(levels), services=" ".join(found), latitude=lat, longitude=lon,
        position_kind=kind, website=_website(row.get("website", "")))


def merged(before: dict[str, store.FacilityRow],
           new: list[store.FacilityRow]) -> list[store.FacilityRow]:
    """The directory with the export's programs in place of the same programs (keeping
    their ids) and added when new; programs the export does not list are kept."""
    pairs, added, kept = match(before, new)
    out = {fid: row for fid, row in kept.items()}
    for old, row in pairs:
        out[old.id] = row._replace(id=old.id)
    for row in added:
        out[row.id] = row
    return [out[k] for k in sorted(out)]


def import_into(db_path: Path, files: Sequence[Path], *, mode: str, dry_run: bool = False,
                busy_seconds: float = store.BUSY_SECONDS, compare_with: Path | None = None,
                data_date: str = "", max_pages: int | None = None,
                allow_partial: bool = False) -> tuple[ImportReport, ChangeReport]:
    """Replace the directory with the export (`mode` REPLACE) or merge the export into it
    (MERGE); facilities, positions and the search index in one transaction, as the
    National Directory's import. `compare_with`: the database the kiosk shows now, when
    `db_path` is a fresh copy."""
    if mode not in (REPLACE, MERGE):
        raise ValueError(f"mode must be {REPLACE!r} or {MERGE!r}")
    if not dry_run:
        store.check_writable(db_path)
    shown = compare_with or db_path
    # The caller's wait for a lock holds for the reads before the import as for its writes.
    services, old_source = store.read_current_services(shown, busy_seconds)
    if not services:
        services, _ = store.read_current_services(db_path, busy_seconds)
    if not services:
        raise DirectoryImportError(
            f"{shown} has no service code table; import SAMHSA's National Directory first "
            "(kiosk-admin import samhsa-directory), then the export")
    directory = read_exports(files, _codes_from(services), services, data_date,
                             allow_partial=allow_partial)
    before = store.read_current_facilities(shown, busy_seconds)
    if mode == MERGE:
        directory.facilities = merged(before, directory.facilities)
        directory.report.source = "; ".join(
            s for s in (old_source, directory.report.source) if s)
    changes = compare(before, directory.facilities)
    if dry_run:
        return directory.report, changes
    with store.import_transaction(db_path, max_pages=max_pages,
                                  busy_seconds=busy_seconds) as conn:
        samhsa.write(conn, directory, changes)
        build_index(conn)
    return directory.report, changes

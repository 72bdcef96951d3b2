"""Import SAMHSA's National Directory (substance use facilities) into the content database.

Reads the directory CSV (.csv or .csv.gz), the service code table and, when given, the
2020 locator export for positions. Every problem is reported with its line number: rows
that cannot be used are rejected (and listed), anything that makes the whole file unusable
raises DirectoryImportError and the caller rolls back, leaving the database as it was.

No Qt here. All SQL lives in kiosk.store.directory.
"""

from __future__ import annotations

import csv
import datetime
import functools
import gzip
import io
import json
import os
import re
import sqlite3
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import filterfalse
from pathlib import Path
from typing import BinaryIO

from kiosk.domain import DIRECTORY_LEVELS
from kiosk.importers.changes import ChangeReport, compare
from kiosk.store import directory as store
from kiosk.store.directory import haversine_miles
from kiosk.store.search import build_index

SOURCE_NAME = "SAMHSA National Directory of Drug and Alcohol Use Treatment Facilities"

FACILITIES_NAMES = ("facilities.csv.gz", "facilities.csv")
CATEGORIES_NAME = "service_code_categories.csv"
#: The folder name of the 2024 edition as this project's data holds it (later editions may
#: come in any folder or under any file name: find_sources looks at what each file holds).
DIRECTORY_SUBDIR = "national_directory_2024"
LOCATOR_SUBDIR = "locator_2020_coordinates"
#: File kinds the directory may come as: SAMHSA publishes CSV and Excel workbooks.
TABLE_SUFFIXES = (".csv", ".csv.gz", ".xlsx")
#: How many rows above the header may hold a title ("National Directory ... 2025").
TITLE_ROWS = 5
#: A year the data can be from (the directory has been published since the 1990s).
YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")


def source_text(year: str) -> str:
    return f"{SOURCE_NAME}, {year}"


REQUIRED_COLUMNS = ("facility_id", "name1", "name2", "street1", "street2", "city", "state",
                    "zip", "phone", "service_code_info")
OPTIONAL_COLUMNS = ("directory_type", "intake1", "intake2", "intake1a", "intake2a")
CATEGORY_COLUMNS = ("code", "label", "category_code", "category_name")
LOCATOR_COLUMNS = ("name1", "street1", "zip", "latitude", "longitude")

#: Longest value accepted per field; anything longer is not a directory entry.
MAX_FIELD = 200
MAX_SERVICES_FIELD = 4000

PHONE = re.compile(r"^\d{3}-\d{3}-\d{4}( x\d{1,6})?$")
#: A cell a spreadsheet would run as a formula once exported (=HYPERLINK(...), +cmd, @SUM,
#: -2+3+cmd|...): OWASP's list of leading characters, =, +, -, @, tab and CR, checked on the
#: value as it would be stored (whitespace, tabs and CRs already folded into spaces).
FORMULA = re.compile(r"^\s*[=+\-@\t\r]")
#: ... except a plain number, phone or placeholder: "+1 (800) 555-0100", "- - -", "---"
#: (SAMHSA writes "- - -" for a missing street; a spreadsheet reads none of them as a call).
NOT_A_FORMULA = re.compile(r"^[+\-][0-9\s().\-]*$")
#: What a stripped cell FORMULA matches starts with.
_FORMULA_STARTS = frozenset("=+-@\t\r")

#: Directory states: the 50 states, DC and the territories (codes as in the data).
_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR VI FM MH PW"
)
STATES = frozenset(_STATE_CODES.split())

#: Levels of care from service codes (kiosk.domain.DIRECTORY_LEVELS order).
LEVEL_CODES: dict[str, frozenset[str]] = {
    "intensive_outpatient": frozenset({"OIT"}),
    "partial_hospitalization": frozenset({"ODT"}),
    # OP is SAMHSA's umbrella for every outpatient setting (IOP and day treatment included):
    # only ORT says the program offers regular outpatient care.
    "outpatient": frozenset({"ORT"}),
    "residential": frozenset({"RES", "RS", "RL"}),
    "detox": frozenset({"DT", "OD", "RD", "HID"}),
    "hospital_inpatient": frozenset({"HI", "HIT"}),
}

#: Visitor-facing service groups, in display order, from SAMHSA's category codes.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Type of care", ("TC", "SET", "HOSP")),
    ("Medications", ("OM", "OT", "PHR")),
    ("Detox for", ("DETOX",)),
    ("Payment", ("PAY", "PYAS")),
    ("Languages", ("OL",)),
    ("Ages", ("AGE",)),
    ("Gender", ("GN",)),
    ("Groups served", ("SG", "EXCL")),
    ("Counseling and therapy", ("TAP", "EDU", "OTHR")),
    ("Support services", ("AS", "TRSRV")),
    ("Screening and testing", ("ASSES", "SCR", "VAX")),
    ("How medication is arranged", ("AUT", "OUPR", "AUPR")),
    ("About the facility", ("FOP", "LCA")),
    ("Smoking and vaping", ("SMP", "VAP")),
)
OTHER_GROUP = "Other services"

#: Plain-language labels where SAMHSA's wording reads badly for visitors (reviewed by hand:
#: every `manual` row of service_code_categories.csv, plus jargon in the others).
PLAIN_LABELS: dict[str, str] = {
    # manual rows
    "ACMA": "Accepts people who get alcohol use disorder medication elsewhere",
    "ADTX": "Alcohol",
    "AUDO": "Only serves people with alcohol use disorder",
    "AUINPE": "Works with an in-network prescriber (alcohol use disorder medication)",
    "AUPC": "No formal link with a prescriber (alcohol use disorder medication)",
    "AURPE": "Works with another contracted prescriber (alcohol use disorder medication)",
    "BDTX": "Benzodiazepines (such as Xanax or Valium)",
    "BU": "Buprenorphine",
    "CDTX": "Cocaine",
    "DU": "Program for people with a DUI/DWI",
    "DUO": "Only serves people with a DUI/DWI",
    "HAV": "Hepatitis A vaccine",
    "HBV": "Hepatitis B vaccine",
    "INPE": "Works with an in-network prescriber (opioid use disorder medication)",
    "MDET": "Uses medication during detox",
    "MDTX": "Methamphetamine",
    "MU": "Methadone",
    "NAUT": "Does not treat alcohol use disorder",
    "NMAUT": "Does not use medication for alcohol use disorder",
    "NU": "Naltrexone",
    "ODTX": "Opioids",
    "OUDO": "Only serves people with opioid use disorder",
    "PC": "No formal link with a prescriber (opioid use disorder medication)",
    "PMAT": "Prescribes or gives medication for alcohol use disorder",
    "PSYH": "Psychiatric hospital",
    "RPE": "Works with another contracted prescriber (opioid use disorder medication)",
    "SMOP": "Smoking allowed",
    "STG": "Run by a state government",
    "TGD": "Gambling problems",
    "TOD": "Other addictions",
    "VAPN": "No vaping",
    "VAPP": "Vaping allowed",
    "VPPD": "Vaping allowed in set areas",
    # jargon in the matched rows
    "SA": "Substance use treatment",
    "SUMH": "Treats substance use and serious mental illness together",
    "HH": "Transitional housing, halfway house or sober home",
    "DT": "Detox (withdrawal care)",
    "DLC": "Lofexidine or clonidine (during detox)",
    "HI": "Hospital inpatient (24-hour)",
    "RES": "Residential (24-hour)",
    "OIT": "Intensive outpatient (IOP)",
    "ODT": "Day treatment or partial hospitalization (PHP)",
    "OMB": "Outpatient methadone, buprenorphine or naltrexone",
    "MOA": "Accepts people who get opioid use disorder medication elsewhere",
    "NMOA": "Does not use medication for opioid use disorder",
    "NOOP": "Does not treat opioid use disorder",
    "OTP": "Federally certified opioid treatment program",
    "SOTP": "SAMHSA-certified opioid treatment program",
    "PAIN": "Methadone or buprenorphine for pain or emergency doses",
    "MWS": "Maintenance, then supervised withdrawal once stable",
    "MPEP": "PrEP (medicine to prevent HIV)",
    "MMD": "Medication for mental health conditions",
    "CJ": "People involved with the justice system (not DUI/DWI)",
    "CO": "People with both mental health and substance use conditions",
    "COPSU": "People with chronic pain and substance use conditions",
    "DV": "People who have experienced domestic or partner violence",
    "XA": "People who have experienced sexual abuse",
    "TRMA": "People who have experienced trauma",
    "PW": "Pregnant or postpartum women",
    "GL": "LGBTQ people",
    "AH": "Sign language for Deaf and hard of hearing people",
    "FX": "Other languages besides Spanish",
    "NX": "American Indian or Alaska Native languages",
    "F17": "Chinese",
    "CHLD": "Children and teens",
    "YAD": "Young adults",
    "SNR": "Seniors",
    "SF": "Cash or self-pay",
    "SS": "Sliding fee (based on income)",
    "PA": "Payment assistance (ask the facility)",
    "PI": "Private health insurance",
    "MI": "Military insurance (such as TRICARE)",
    "SI": "State health insurance other than Medicaid",
    "FSA": "Government funding for treatment",
    "SAMF": "SAMHSA funding or block grants",
    "ITU": "Indian Health Service, Tribal or Urban (ITU) funds",
    "NP": "Free (no payment accepted)",
    "ISC": "Interim services while waiting for treatment",
    "PIEC": "Professional interventionist or educational consultant",
    "SACA": "Substance use counseling",
    "SAE": "Substance use education",
    "TELE": "Telehealth (therapy by phone or video)",
    "TWFA": "12-step facilitation",
    "CMI": "Contingency management (rewards for progress)",
    "CRV": "Community reinforcement plus vouchers",
    "BIA": "Brief intervention",
    "CBT": "Cognitive behavioral therapy (CBT)",
    "MXM": "Matrix Model",
    "VOC": "Job training or school support (such as GED preparation)",
    "HEOH": "Health education (not HIV or hepatitis)",
    "HAEC": "HIV or AIDS education, counseling or support",
    "TAEC": "Hepatitis education, counseling or support",
    "TCC": "Help to quit smoking, vaping or tobacco",
    "NSC": "Quit-smoking medicine without nicotine",
    "NRT": "Nicotine replacement (patches, gum)",
    "BERI": "Buprenorphine (monthly injection)",
    "VTRL": "Naltrexone (monthly injection)",
    "BSDM": "Buprenorphine (implant under the skin)",
    "ACM": "Acamprosate (Campral)",
    "MHPA": "Medical history and physical exam",
    "OFD": "Follow-up after you finish",
    "NOE": "Naloxone (Narcan) and overdose education",
    "SMPD": "Smoking allowed in set areas",
    "SMON": "No smoking",
    "LCCG": "Run by a local, county or community government",
    "PVTN": "Private non-profit",
    "PVTP": "Private for-profit",
    "FED": "Run by the federal government",
    "VAMC": "U.S. Department of Veterans Affairs",
    "DDF": "Department of Defense",
    "IH": "Indian Health Service",
    "TBG": "Run by a tribal government",
}


class DirectoryImportError(Exception):
    """The directory cannot be imported at all; the message says what to fix."""


@dataclass(frozen=True)
class Sources:
    facilities: Path
    service_codes: Path
    coordinates: Path | None
    #: The edition's year, read from the data (title row, sheet or file name) or given.
    year: str = ""


@dataclass
class ImportReport:
    facilities_file: str = ""
    rows_read: int = 0
    other_rows: int = 0  # mental health rows (not this directory)
    imported: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # line, id, reason
    warnings: list[str] = field(default_factory=list)
    positions: Counter[str] = field(default_factory=Counter)
    no_position: list[tuple[str, str]] = field(default_factory=list)  # id, reason
    #: Locator positions too far from their ZIP to trust: id, miles from the ZIP's centre.
    far_positions: list[tuple[str, float]] = field(default_factory=list)
    unknown_codes: Counter[str] = field(default_factory=Counter)
    repaired_zips: int = 0
    #: Locator positions found by name, house number and ZIP (the street written otherwise).
    house_number_matches: int = 0
    source: str = ""
    data_date: str = ""

    def summary(self) -> str:
        lines = [
            f"Source: {self.source} (data date {self.data_date})",
            f"File: {self.facilities_file}",
            f"Rows read: {self.rows_read:,} ({self.other_rows:,} mental health rows skipped)",
            f"Imported: {self.imported:,} substance use facilities",
            f"ZIP codes repaired (leading zeros restored): {self.repaired_zips:,}",
            f"Rejected: {len(self.rejected):,}",
        ]
        lines += [f"  line {line}: {fid or '(no id)'}: {why}" for line, fid, why in self.rejected]
        lines.append(
            "Positions: {exact:,} exact (SAMHSA locator), {approximate:,} approximate "
            "(ZIP centre), {none:,} none".format(
                exact=self.positions["exact"], approximate=self.positions["approximate"],
                none=self.positions["none"],
            )
        )
        if self.house_number_matches:
            lines.append(f"  {self.house_number_matches:,} of them found by name, house number "
                         "and ZIP (the locator writes the street differently)")
        lines += [f"  no position: {fid}: {why}" for fid, why in self.no_position]
        lines += [f"  approximate: {fid}: the locator puts it {miles:,.0f} miles from its ZIP"
                  for fid, miles in self.far_positions]
        if self.unknown_codes:
            codes = ", ".join(f"{c} ({n})" for c, n in sorted(self.unknown_codes.items()))
            lines.append(f"Unknown service codes ignored: {codes}")
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# ------------------------------------------------------------------ locating --
def _is_table(path: Path) -> bool:
    name = path.name.lower()
    return path.is_file() and name.endswith(TABLE_SUFFIXES) and not name.startswith((".", "~$"))


def _tables_in(folder: Path, depth: int = 2) -> list[Path]:
    """Every CSV or workbook in `folder` and its sub-folders (two levels), in name order."""
    found = sorted(p for p in folder.iterdir() if _is_table(p))
    if depth > 0:
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()
                          and not p.name.startswith(".")):
            found += _tables_in(sub, depth - 1)
    return found


def _header(path: Path) -> tuple[list[str], str, str] | None:
    """(header, title text, sheet name) of a table, or None when it cannot be read."""
    title: list[str] = []
    sheet: list[str] = []
    try:
        rows = _rows(path, (), title=title, sheet=sheet)
        header = next(rows, None)
    except DirectoryImportError:
        return None
    if header is None:
        return None
    return list(header[1]), " ".join(title), sheet[0] if sheet else ""


def _kind(header: list[str]) -> str:
    if all(c in header for c in REQUIRED_COLUMNS):
        return "facilities"
    if all(c in header for c in CATEGORY_COLUMNS):
        return "codes"
    if all(c in header for c in LOCATOR_COLUMNS):
        return "locator"
    return ""


def _year_of(path: Path, title: str, sheet: str, given: Path) -> str:
    """The edition's year as the data states it: title row, sheet name, file name, then the
    folders between the file and the path the librarian gave."""
    places = [title, sheet, path.name]
    folder = path.parent
    while folder != given.parent and folder != folder.parent:
        places.append(folder.name)
        if folder == given:
            break
        folder = folder.parent
    for place in places:
        years = YEAR.findall(place)
        if years:
            return str(max(years))
    return ""


def find_sources(path: Path, service_codes: Path | None = None,
                 coordinates: Path | None = None, year: str | None = None) -> Sources:
    """Resolve a SAMHSA folder (any name, any layout) or the directory file itself into the
    files to read, by what each file holds rather than by its name."""
    path = Path(path)
    if not path.exists():
        raise DirectoryImportError(f"{path} does not exist")
    if not path.is_dir():
        _open_regular(path).close()  # a pipe or a device: refused before anything waits on it
    tables = _tables_in(path) if path.is_dir() else [path]
    kinds: dict[Path, tuple[str, str, str]] = {}
    for table in tables:
        header = _header(table)
        if header is not None:
            kinds[table] = (_kind(header[0]), header[1], header[2])
    directories = [t for t in tables if kinds.get(t, ("",))[0] == "facilities"]
    if not directories:
        if not path.is_dir():
            return _checked_sources(path, service_codes, coordinates, year or "", path)
        unknown = [t for t in tables if kinds.get(t, ("",))[0] == ""]
        if not unknown:
            raise DirectoryImportError(
                f"no directory file in {path}: expected a .csv, .csv.gz or .xlsx file with "
                f"the columns {', '.join(REQUIRED_COLUMNS)}"
            )
        # Read the likeliest one as the directory so its own problem is what gets reported.
        likely = sorted(unknown, key=lambda t: (t.name not in FACILITIES_NAMES,
                                                -t.stat().st_size))[0]
        _ = list(_rows(likely, REQUIRED_COLUMNS))
        raise DirectoryImportError(f"{likely}: not a directory file")
    dated = [(_year_of(t, kinds[t][1], kinds[t][2], path), t) for t in directories]
    newest = max(y for y, _ in dated)
    facilities = next(t for y, t in dated if y == newest)
    if service_codes is None:
        beside = facilities.parent / CATEGORIES_NAME
        others = [t for t in tables if kinds.get(t, ("",))[0] == "codes"]
        service_codes = beside if beside.is_file() else (others[0] if others else beside)
    if coordinates is None:
        located = [t for t in tables if kinds.get(t, ("",))[0] == "locator"]
        if not located and not path.is_dir():
            here = facilities.parent
            for folder in (here.parent / LOCATOR_SUBDIR, here / LOCATOR_SUBDIR):
                located += sorted(folder.glob("*.csv")) if folder.is_dir() else []
        coordinates = located[0] if located else None
    return _checked_sources(facilities, service_codes, coordinates,
                            year or newest, path)


def _checked_sources(facilities: Path, service_codes: Path | None, coordinates: Path | None,
                     year: str, given: Path) -> Sources:
    if service_codes is None:
        service_codes = facilities.parent / CATEGORIES_NAME
    if not Path(service_codes).is_file():
        raise DirectoryImportError(
            f"service code table not found: {service_codes} (give --service-codes PATH)"
        )
    if coordinates is not None and not Path(coordinates).is_file():
        raise DirectoryImportError(f"coordinates file not found: {coordinates}")
    if not year:
        header = _header(facilities)
        if header is None:  # unreadable: say why before asking for a year
            next(_rows(facilities, REQUIRED_COLUMNS), None)
        title, sheet = (header[1], header[2]) if header is not None else ("", "")
        year = _year_of(facilities, title, sheet, given)
    if year and not re.fullmatch(r"(19|20)[0-9]{2}", year):
        raise DirectoryImportError(f"{year!r} is not a year (give --year YYYY, e.g. 2025)")
    if not year:
        raise DirectoryImportError(
            f"{facilities}: cannot tell which year's directory this is from its title, sheet "
            "or file name; give --year YYYY"
        )
    return Sources(facilities, Path(service_codes),
                   Path(coordinates) if coordinates else None, year)


# ------------------------------------------------------------------- reading --
def is_formula(value: str) -> bool:
    """Whether a spreadsheet would run `value` (as it is stored) as a formula."""
    value = value.strip()
    if value[:1] not in _FORMULA_STARTS:  # nearly every cell: no regular expression run
        return False
    return bool(FORMULA.match(value)) and not NOT_A_FORMULA.match(value)


def spreadsheet_safe(value: str) -> str:
    """`value` as an exported cell: OWASP's neutralising quote before a leading =, +, -,
    @, tab or CR, so no spreadsheet runs it (for anything that writes CSV or a workbook)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading when it is a regular file; a pipe, device or socket is
    refused at once (opened without blocking, so a FIFO with no writer cannot hang)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DirectoryImportError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise DirectoryImportError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise DirectoryImportError(
            f"{path}: not a regular file (a pipe, device or folder); give the downloaded "
            "file itself")
    if hasattr(os, "set_blocking"):
        os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def _read_text(path: Path) -> str:
    try:
        with _open_regular(path) as handle:
            raw = handle.read()
    except OSError as exc:
        raise DirectoryImportError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if path.name.endswith(".gz") or raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error):
            raise DirectoryImportError(
                f"{path}: the compressed file is damaged or cut short; download it again"
            ) from None
    if not raw.strip():
        raise DirectoryImportError(f"{path}: the file is empty")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DirectoryImportError(
            f"{path}: line {line} is not UTF-8 text; save the file as 'CSV UTF-8' and try again"
        ) from None
    if "\r" in text and "\n" not in text:
        return text.replace("\r", "\n")  # an old Mac file: CR alone ends each line
    # A CR on its own elsewhere is a stray (inside a quoted field, or a cell pasted from
    # another program): read as a space, so it can neither split a row nor shift the line
    # numbers, which count line feeds as an editor does.
    return _LONE_CR.sub(" ", text)


_LONE_CR = re.compile(r"\r(?!\n)")


@dataclass
class FileShape:
    """What reading a table learnt about the file as a whole: the title rows above its
    header, its sheet, and whether its last line ends with a line break (a file cut short
    in the middle of a line does not)."""

    title: list[str] = field(default_factory=list)
    sheet: list[str] = field(default_factory=list)
    ends_with_newline: bool = True


def _csv_lines(path: Path, shape: FileShape) -> Iterator[tuple[int, list[str]]]:
    text = _read_text(path)
    shape.ends_with_newline = text.endswith("\n")
    reader = csv.reader(io.StringIO(text, newline="\n"), strict=True)
    line = 0
    try:
        for values in reader:
            start = line + 1
            line = reader.line_num
            yield start, values
    except csv.Error as exc:
        raise DirectoryImportError(
            f"{path}: line {reader.line_num}: broken CSV ({exc}); the file may be cut short"
        ) from None


def _cell(value: object) -> str:
    """A workbook cell as the CSV export would have written it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value)


def _xlsx_lines(path: Path, sheet_name: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Rows of the first sheet that looks like a table with a header (read-only mode, so a
    30 MB workbook is streamed rather than loaded whole)."""
    import openpyxl

    handle = _open_regular(path)
    try:
        book = openpyxl.load_workbook(handle, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, EOFError) as exc:
        handle.close()
        raise DirectoryImportError(
            f"{path}: not a readable Excel workbook ({exc}); open it in Excel and save it "
            "again as .xlsx or as CSV UTF-8"
        ) from None
    try:
        chosen = book.worksheets[0] if book.worksheets else None
        for sheet in book.worksheets:
            top = [_cell(v).strip().lower() for row in sheet.iter_rows(
                max_row=TITLE_ROWS + 1, values_only=True) for v in row]
            if "facility_id" in top or "name1" in top or "code" in top:
                chosen = sheet
                break
        if chosen is None:
            return
        sheet_name.append(str(chosen.title))
        for number, row in enumerate(chosen.iter_rows(values_only=True), start=1):
            values = [_cell(v) for v in row]
            while values and not values[-1]:
                values.pop()
            yield number, values
    finally:
        book.close()
        handle.close()


def _rows(path: Path, required: tuple[str, ...], *, title: list[str] | None = None,
          sheet: list[str] | None = None, shape: FileShape | None = None
          ) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; header and structure problems are fatal.

    The header is the first of the top rows holding every required column; rows above it
    are the title (kept in `title`, where the year usually is). With `required` empty the
    first row is the header.
    """
    shape = shape or FileShape()
    title = shape.title if title is None else title
    is_xlsx = path.name.lower().endswith(".xlsx")
    lines = _xlsx_lines(path, sheet if sheet is not None else shape.sheet) if is_xlsx \
        else _csv_lines(path, shape)
    header: list[str] | None = None
    first: tuple[int, list[str]] | None = None
    seen: list[tuple[int, list[str]]] = []
    for line, values in lines:
        cells = [_clean(h).lower() for h in values]  # named in messages: never raw bytes
        if not any(cells):
            continue
        seen.append((line, cells))
        if first is None:
            first = (line, cells)
        named = sum(1 for c in cells if c)
        if all(c in cells for c in required) and (required or named > 1):
            header = cells
            break
        if len(seen) > TITLE_ROWS:
            break
    if first is None:
        raise DirectoryImportError(f"{path}: the file is empty")
    if header is None:
        line, cells = first
        missing = [c for c in required if c not in cells]
        raise DirectoryImportError(
            f"{path}: line {line}: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(h for h in cells if h) or 'nothing'})"
        )
    title += [" ".join(v for v in cells if v) for _, cells in seen[:-1]]
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        raise DirectoryImportError(f"{path}: line {seen[-1][0]}: column(s) named twice: "
                                   f"{', '.join(dupes)}")
    yield seen[-1][0], dict.fromkeys(header, "")  # the header itself: callers skip line 1
    for line, values in lines:
        if len(values) != len(header):
            if not any(v.strip() for v in values):
                continue
            if is_xlsx and len(values) < len(header):
                values = values + [""] * (len(header) - len(values))
            else:
                yield line, {"__fields__": str(len(values)),
                             "__expected__": str(len(header))}
                continue
        yield line, dict(zip(header, values, strict=True))


def _data_rows(path: Path, required: tuple[str, ...], shape: FileShape | None = None
               ) -> Iterator[tuple[int, dict[str, str]]]:
    rows = _rows(path, required, shape=shape)
    next(rows, None)  # the header
    return rows


#: Control and format characters (NUL, ESC, bidi overrides, zero-width ...): never stored.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                      r"\u2060-\u2064\u2066-\u2069\ufeff\ufffd]")


def _clean(value: str) -> str:
    """A cell as stored: control characters dropped, runs of whitespace (tabs, CR, LF
    included) one space, no space at either end."""
    if value.isprintable() and "\ufffd" not in value and "  " not in value \
            and value.strip() == value:
        return value  # nearly every cell: already clean (isprintable is False for any
        # control or format character and any space but the plain one)
    return " ".join(_CONTROL.sub("", value).split())


def _cleaned(row: dict[str, str]) -> dict[str, str]:
    """Every cell of `row` as stored (_clean); the row itself when every cell already is,
    told from its cells joined by "|" in a handful of C calls rather than one per cell: the
    joined text is printable with no double space exactly when every cell is, and a cell
    that starts or ends with a space shows as "| " or " |" (or at either end)."""
    joined = "|".join(row.values())
    if joined.isprintable() and "\ufffd" not in joined and "  " not in joined \
            and "| " not in joined and " |" not in joined \
            and joined[:1] != " " and joined[-1:] != " ":
        return row
    return {key: _clean(value) for key, value in row.items()}


# ------------------------------------------------------------- service codes --
@dataclass(frozen=True)
class ServiceCode:
    code: str
    label: str
    group: str
    position: int
    source_label: str
    source_category: str


def read_service_codes(path: Path) -> dict[str, ServiceCode]:
    group_of = {cat: name for name, cats in GROUPS for cat in cats}
    group_rank = {name: i for i, (name, _) in enumerate(GROUPS)}
    group_rank[OTHER_GROUP] = len(GROUPS)
    found: dict[str, tuple[str, str, str]] = {}
    for line, row in _data_rows(path, CATEGORY_COLUMNS):
        if "__fields__" in row:
            raise DirectoryImportError(f"{path}: line {line}: wrong number of fields")
        code = _clean(row["code"]).upper()
        if not code:
            continue
        if not re.fullmatch(r"[A-Z0-9]{1,8}", code):
            raise DirectoryImportError(f"{path}: line {line}: {code[:40]!r} is not a service code")
        label = _clean(row["label"])
        if not label or len(label) > MAX_FIELD or is_formula(label):
            raise DirectoryImportError(f"{path}: line {line}: code {code} needs a plain label")
        if code in found:
            raise DirectoryImportError(f"{path}: line {line}: code {code} is listed twice")
        found[code] = (label, _clean(row["category_code"]).upper(),
                       _clean(row.get("category_name", "")))
    if not found:
        raise DirectoryImportError(f"{path}: no service codes")
    codes: dict[str, ServiceCode] = {}
    for code, (label, category, category_name) in found.items():
        group = group_of.get(category, OTHER_GROUP)
        codes[code] = ServiceCode(code, PLAIN_LABELS.get(code, label), group,
                                  group_rank[group], label, category_name or category)
    return codes


# ----------------------------------------------------------------- positions --
_STREET_WORDS = {
    "street": "st", "avenue": "ave", "av": "ave", "road": "rd", "drive": "dr",
    "boulevard": "blvd", "lane": "ln", "place": "pl", "court": "ct", "highway": "hwy",
    "parkway": "pkwy", "suite": "ste", "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "circle": "cir", "terrace": "ter", "square": "sq", "building": "bldg", "floor": "fl",
    "route": "rte", "mount": "mt", "saint": "st", "center": "ctr", "centre": "ctr",
    "first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th",
}


_STREET_WORDS.update({
    "doctor": "dr", "doctors": "drs", "fort": "ft", "expressway": "expy", "freeway": "fwy",
    "incorporated": "inc", "corporation": "corp", "company": "co", "hospital": "hosp",
    "department": "dept", "services": "svcs", "service": "svc", "association": "assn",
    "ste": "ste", "apartment": "apt", "room": "rm", "number": "no",
})
#: Words that say nothing about which program it is ("Harbor House, Inc." is Harbor House).
_FILLER = frozenset({"inc", "llc", "pllc", "pc", "pa", "ltd", "corp", "the", "of"})
#: Suite, unit or floor parts: one file puts them on street1, the other on street2.
_UNIT = re.compile(r"\b(ste|apt|unit|rm|fl|bldg|no|#)\s*[a-z0-9-]*$")


_NOT_NORM = re.compile(r"[^a-z0-9# ]+")


#: Every byte _NOT_NORM would turn into a space, as a bytes.translate table.
_NORM_BYTES = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789# " else 32
                    for c in range(256))


def _norm(text: str) -> str:
    if text.isascii() and "&" not in text and "'" not in text and "#" not in text:
        # nearly every name and street: the same words, by a table lookup per byte in C
        words = text.lower().encode().translate(_NORM_BYTES).decode().split()
    else:
        text = text.lower().replace("&", " and ").replace("'", "").replace("#", " # ")
        words = _NOT_NORM.sub(" ", text).split()
    # map and filterfalse run in C: each word abbreviated, then filler words dropped
    return " ".join(filterfalse(_FILLER.__contains__, map(_STREET_WORDS.get, words, words)))


def _norm_street(text: str) -> str:
    street = _norm(text)
    while True:
        trimmed = _UNIT.sub("", street).strip()
        if trimmed == street or not trimmed:
            return street
        street = trimmed


_ZIP = re.compile(r"(\d{1,5})(?:-?\d{4})?")


def fix_zip(value: str) -> str | None:
    """'6516' -> '06516', '12345-6789' -> '12345'; None when it is not a ZIP code."""
    value = value.strip()
    match = _ZIP.fullmatch(value)
    if not match:
        return None
    digits = match.group(1)
    return digits.zfill(5) if digits.strip("0") else None


#: Positions from SAMHSA's locator: by (name, street, ZIP), by (street, ZIP) and by (name,
#: house number, ZIP), the last None where the locator gives that key two positions.
ByName = dict[tuple[str, str, str], tuple[float, float]]
ByStreet = dict[tuple[str, str], tuple[float, float]]
ByNumber = dict[tuple[str, str, str], tuple[float, float] | None]
Locator = tuple[ByName, ByStreet, ByNumber]


def house_number(street: str) -> str:
    """The normalised street's first word when it holds a digit ('1005', '908a'), else ''."""
    first = street.split(" ", 1)[0]
    return first if any(c.isdigit() for c in first) else ""


def read_locator(path: Path) -> Locator:
    by_name: ByName = {}
    by_street: ByStreet = {}
    by_number: ByNumber = {}
    for _line, row in _data_rows(path, LOCATOR_COLUMNS):
        if "__fields__" in row:
            continue
        zip5 = fix_zip(row["zip"])
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except ValueError:
            continue
        if zip5 is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0, 0):
            continue
        street = _norm_street(row["street1"])
        name = _norm(row["name1"])
        by_name.setdefault((name, street, zip5), (lat, lon))
        by_street.setdefault((street, zip5), (lat, lon))
        number = house_number(street)
        if number:
            key = (name, number, zip5)
            by_number[key] = (lat, lon) if by_number.get(key, (lat, lon)) == (lat, lon) \
                else None
    return by_name, by_street, by_number


def zip_table_source() -> str:
    """Names the ZIP code list zip_centroids reads: the offline `zipcodes` package and its
    version ('' when it does not say, so no table filled from it is taken for it)."""
    import zipcodes

    version = getattr(zipcodes, "__version__", "")
    return f"zipcodes {version}" if isinstance(version, str) and version else ""


@functools.cache
def zip_centroids() -> dict[str, tuple[str, float, float]]:
    """Every ZIP in the offline `zipcodes` package: zip -> (state, latitude, longitude).
    Read once per process (it is the same table every time); callers only read it."""
    import zipcodes

    # zipcodes has no type hints: say here what list_all() returns.
    list_all: Callable[[], list[dict[str, str]]] = zipcodes.list_all
    out: dict[str, tuple[str, float, float]] = {}
    for entry in list_all():
        try:
            lat, lon = float(entry["lat"]), float(entry["long"])
        except (KeyError, TypeError, ValueError):
            continue
        out[str(entry["zip_code"])] = (str(entry.get("state", "")), lat, lon)
    return out


# ---------------------------------------------------------------- facilities --
_labels_seen: list[tuple[dict[str, ServiceCode], frozenset[str]]] = []


def _labels_of(codes: dict[str, ServiceCode]) -> frozenset[str]:
    """The code table's labels, lower case (worked out once per table, not once per row)."""
    for table, labels in _labels_seen:
        if table is codes:
            return labels
    labels = frozenset(c.source_label.lower() for c in codes.values())
    _labels_seen[:] = [(codes, labels)]
    return labels


def _is_legend(cells: dict[str, str], codes: dict[str, ServiceCode]) -> bool:
    """A spreadsheet legend row holds service codes or their labels instead of an address."""
    labels = _labels_of(codes)
    values = [cells.get(k, "") for k in ("name2", "street1", "street2", "city", "state", "zip",
                                         "phone")]
    hits = sum(1 for c in values if c and (c.upper() in codes or c.lower() in labels))
    return hits >= 3


def _may_reject(row: dict[str, str], cells: dict[str, str]) -> bool:
    """False when no cell can be too long or a formula (nearly every row), found without a
    loop over the cells: the longest cell but the service codes against MAX_FIELD, and
    the cells (clean, so a formula's first character starts one) joined by "|"."""
    lengths = list(map(len, row.values()))
    services = len(row.get("service_code_info", ""))
    if services > MAX_SERVICES_FIELD:
        return True
    if "service_code_info" in row:
        lengths.remove(services)  # (a cell of the same length stands in for it: as long)
    if lengths and max(lengths) > MAX_FIELD:
        return True
    joined = "|".join(cells.values())
    return joined[:1] in _FORMULA_STARTS or "|=" in joined or "|+" in joined \
        or "|-" in joined or "|@" in joined


def _reject_reason(row: dict[str, str], cells: dict[str, str]) -> str:
    """Why the row (as read, and its `cells` as stored) is rejected as a whole, or ''."""
    if not _may_reject(row, cells):
        return ""
    for key, value in row.items():
        limit = MAX_SERVICES_FIELD if key == "service_code_info" else MAX_FIELD
        if len(value) > limit:
            return f"field {key} is {len(value):,} characters long (limit {limit:,})"
        if is_formula(cells[key]):
            return (f"field {key} looks like a spreadsheet formula ({cells[key][:30]!r}); "
                    "row skipped")
    return ""


@dataclass(frozen=True)
class _Checked:
    """A facility row's fields after the checks that can reject it."""

    fid: str
    name: str
    state: str
    raw_zip: str
    zip5: str
    phone: str


def _check_row(row: dict[str, str], cells: dict[str, str], codes: dict[str, ServiceCode],
               first_line: dict[str, int]) -> _Checked | str:
    """The row's checked fields (from `cells`, the row as stored), or the reason it is
    rejected."""
    fid = cells["facility_id"][:60]
    reason = _reject_reason(row, cells)
    if not reason and not fid:
        reason = "no facility_id"
    if not reason and fid in first_line:
        reason = f"duplicate facility_id (first on line {first_line[fid]})"
    if not reason and _is_legend(cells, codes):
        reason = f"{LEGEND} (service codes or their labels), not a facility"
    name = cells["name1"]
    if not reason and not name:
        reason = f"{BLANK} (no facility name)" if not any(
            v for k, v in cells.items() if k not in ("facility_id", "directory_type")
        ) else "no facility name"
    state = cells["state"].upper()
    if not reason and state not in STATES:
        reason = f"unknown state {state[:30]!r}"
    raw_zip = cells["zip"]
    zip5 = fix_zip(raw_zip)
    if not reason and zip5 is None:
        reason = f"ZIP code {raw_zip[:30]!r} is not a ZIP code"
    phone = cells["phone"]
    if not reason and not PHONE.match(phone):
        reason = f"phone {phone[:30]!r} is not NNN-NNN-NNNN"
    if reason or zip5 is None:
        return reason
    return _Checked(fid, name, state, raw_zip, zip5, phone)


def _service_codes(cells: dict[str, str], codes: dict[str, ServiceCode],
                   report: ImportReport) -> list[str]:
    """The row's known service codes, each once, in the file's order (unknown ones counted)."""
    # cleaned first: an unknown code is printed in the summary, never as raw bytes (no
    # letter's capital is a space or a star, so the whole field is upper-cased at once)
    words = cells["service_code_info"].replace("*", " ").upper().split()
    # ordered, and each code once without a list scan
    found = dict.fromkeys(filter(codes.__contains__, words))
    if len(found) < len(words):  # a code twice, or codes the table does not know
        for word in words:
            if word not in codes:
                report.unknown_codes[word[:20]] += 1
    return list(found)


def _intake_phones(cells: dict[str, str], phone: str) -> list[str]:
    intakes: list[str] = []
    for key in ("intake1", "intake2", "intake1a", "intake2a"):
        value = cells.get(key, "")
        if value and value != phone and value not in intakes and len(value) <= 40:
            intakes.append(value)
    return intakes


Position = tuple[str, float | None, float | None]

FAR_FROM_ZIP_MILES = store.FAR_FROM_ZIP_MILES


def _position(name: str, street1: str, zip5: str, locator: Locator,
              centroids: dict[str, tuple[str, float, float]],
              report: ImportReport) -> tuple[Position, float]:
    """(("exact", lat, lon) from the locator, ("approximate", ...) at the ZIP's centre, or
    ("none", None, None)) and how far the locator's position was from the ZIP's centre
    when it was not trusted (else 0)."""
    by_name, by_street, by_number = locator
    key_street = _norm_street(street1)
    key_name = _norm(name)
    position = by_name.get((key_name, key_street, zip5)) or by_street.get((key_street, zip5))
    number = house_number(key_street)
    if position is None and number:
        # The directory and the locator often write one street differently ("4040 Memorial
        # Parkway SW" / "South", "Avenue" / "Street", "Rooms 2010," / nothing), so the
        # whole street rarely matches; the same program at the same house number in the
        # same ZIP is the same door.
        position = by_number.get((key_name, number, zip5))
        if position is not None:
            report.house_number_matches += 1
    centre = centroids.get(zip5)
    if position is not None:
        if centre is None:
            return ("exact", position[0], position[1]), 0.0
        miles = haversine_miles(position[0], position[1], centre[1], centre[2])
        if miles <= FAR_FROM_ZIP_MILES:
            return ("exact", position[0], position[1]), 0.0
        return ("approximate", centre[1], centre[2]), miles
    if centre is not None:
        return ("approximate", centre[1], centre[2]), 0.0
    return ("none", None, None), 0.0


def _facility(cells: dict[str, str], checked: _Checked, codes: dict[str, ServiceCode],
              locator: Locator,
              centroids: dict[str, tuple[str, float, float]],
              report: ImportReport) -> store.FacilityRow:
    found = _service_codes(cells, codes, report)
    found_set = set(found)
    levels = [lv for lv in DIRECTORY_LEVELS if LEVEL_CODES[lv] & found_set]
    street1 = cells["street1"]
    (kind_pos, lat, lon), far = _position(checked.name, street1, checked.zip5, locator,
                                          centroids, report)
    if kind_pos == "none":
        report.no_position.append(
            (checked.fid, f"not in the locator and ZIP {checked.zip5} is not in the ZIP code list")
        )
    if far:
        report.far_positions.append((checked.fid, round(far, 1)))
    report.positions[kind_pos] += 1
    return store.FacilityRow(
        id=checked.fid, name=checked.name, name2=cells["name2"], street1=street1,
        street2=cells["street2"], city=cells["city"], state=checked.state,
        zip=checked.zip5, phone=checked.phone,
        intake_phones="\n".join(_intake_phones(cells, checked.phone)), levels=" ".join(levels),
        services=" ".join(found), latitude=lat, longitude=lon, position_kind=kind_pos,
    )


@dataclass
class Directory:
    """A directory read and checked, ready to be written in one transaction."""

    report: ImportReport
    services: list[store.ServiceRow]
    facilities: list[store.FacilityRow]
    zips: list[tuple[str, str, float, float]]

    def meta(self) -> dict[str, str]:
        positions = {"far_from_zip": [[f, m] for f, m in self.report.far_positions],
                     "house_number_matches": self.report.house_number_matches}
        return {"directory.source": self.report.source,
                "directory.data_date": self.report.data_date,
                "directory.file": Path(self.report.facilities_file).name,
                store.POSITIONS_META: json.dumps(positions, sort_keys=True),
                store.ZIP_TABLE_META: zip_table_source()}


#: A count of facilities stated in a title row ("... 12,200 substance use facilities").
STATED_COUNT = re.compile(r"(?<![0-9,])([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)\s+(?:substance use\s+)?"
                          r"(?:treatment\s+)?(?:facilities|programs|providers)\b", re.IGNORECASE)
LEGEND = "spreadsheet legend row"
BLANK = "blank row"
PARTIAL_HINT = ("download the file again; if it really is the whole file, add --allow-partial "
                "to import it as it is")


@dataclass
class Completeness:
    """What tells a whole directory file from one cut short: SAMHSA's file ends with its
    two legend rows, a title may state the count, and a cut in the middle of a row leaves
    a short last row or no final line break."""

    last_line: int = 0
    last_short: bool = False
    legend_last: bool = False
    rows: int = 0  # substance use facility rows, imported or rejected (not blank, not legend)

    def see(self, line: int, short: bool, reason: str = "", substance: bool = True) -> None:
        self.last_line, self.last_short = line, short
        if reason.startswith(LEGEND):
            self.legend_last = True
        elif not reason.startswith(BLANK):
            self.legend_last = False
            self.rows += substance and not short

    def problem(self, path: Path, shape: FileShape, imported: int) -> str:
        """Why the file looks cut short, or ''."""
        if self.last_short or (not shape.ends_with_newline and not self.legend_last):
            return (f"{path}: the file ends in the middle of line {self.last_line}: it was cut "
                    "short (an interrupted download or copy)")
        stated = _stated_count(shape.title)
        if stated is not None:
            if stated in (imported, self.rows):
                return ""
            return (f"{path}: the file says it lists {stated:,} facilities but holds "
                    f"{self.rows:,}: it may be cut short")
        if self.legend_last:
            return ""
        return (f"{path}: the file stops after line {self.last_line} ({imported:,} facilities) "
                "without SAMHSA's legend rows that end the whole file and does not say how "
                "many facilities it lists, so it may be cut short")


def _stated_count(title: list[str]) -> int | None:
    for text in title:
        for number in STATED_COUNT.findall(text):
            if YEAR.fullmatch(number):
                continue  # "2025 facilities list": a year, not a count
            return int(number.replace(",", ""))
    return None


def read_directory(sources: Sources, *, allow_partial: bool = False,
                   centroids: dict[str, tuple[str, float, float]] | None = None) -> Directory:
    """Read and check every file; raise DirectoryImportError on fatal problems (a file
    that looks cut short among them, unless `allow_partial`). `centroids` is the ZIP
    table when the caller has it already (zip_centroids() otherwise)."""
    report = ImportReport(facilities_file=str(sources.facilities),
                          source=source_text(sources.year), data_date=sources.year)
    codes = read_service_codes(sources.service_codes)
    locator: Locator = ({}, {}, {})
    if sources.coordinates is not None:
        locator = read_locator(sources.coordinates)
    else:
        report.warnings.append("no locator file: every position is a ZIP centre (approximate)")
    if centroids is None:
        centroids = zip_centroids()

    facilities: dict[str, store.FacilityRow] = {}
    first_line: dict[str, int] = {}
    has_type = True
    shape = FileShape()
    whole = Completeness()
    for line, row in _data_rows(sources.facilities, REQUIRED_COLUMNS, shape):
        report.rows_read += 1
        if "__fields__" in row:
            report.rejected.append((line, "", f"row has {row['__fields__']} fields, expected "
                                               f"{row['__expected__']} (file cut short?)"))
            whole.see(line, short=int(row["__fields__"]) < int(row["__expected__"]))
            continue
        has_type = has_type and "directory_type" in row
        kind = _clean(row.get("directory_type", "substance")).lower()
        if kind != "substance":
            report.other_rows += 1
            whole.see(line, short=False, substance=False)
            continue
        cells = _cleaned(row)  # each cell cleaned once
        checked = _check_row(row, cells, codes, first_line)
        if isinstance(checked, str):
            report.rejected.append((line, cells["facility_id"][:60], checked))
            whole.see(line, short=False, reason=checked)
            continue
        whole.see(line, short=False)
        first_line[checked.fid] = line
        if checked.raw_zip != checked.zip5 and len(checked.raw_zip) < 5:
            report.repaired_zips += 1
        facilities[checked.fid] = _facility(cells, checked, codes, locator, centroids, report)
    if not has_type:
        report.warnings.append("no directory_type column: every row read as substance use")
    if not facilities:
        raise DirectoryImportError(
            f"{sources.facilities}: no usable substance use facilities "
            f"({report.rows_read:,} rows read, {len(report.rejected):,} rejected)"
        )
    report.imported = len(facilities)
    partial = whole.problem(sources.facilities, shape, report.imported)
    if partial and not allow_partial:
        raise DirectoryImportError(f"{partial}; {PARTIAL_HINT}")
    if partial:
        report.warnings.append(f"{partial}; imported as it is (--allow-partial)")
    return Directory(
        report=report,
        services=[store.ServiceRow(c.code, c.label, c.group, c.position, c.source_label,
                                   c.source_category)
                  for c in sorted(codes.values(), key=lambda c: (c.position, c.code))],
        facilities=[facilities[k] for k in sorted(facilities)],
        zips=sorted((z, s, lat, lon) for z, (s, lat, lon) in centroids.items()),
    )


def write(conn: sqlite3.Connection, directory: Directory,
          changes: ChangeReport | None = None) -> None:
    """Replace the directory inside the caller's transaction (the search index is the
    caller's to rebuild in the same transaction)."""
    meta = directory.meta()
    if changes is not None:
        meta["directory.change_report"] = json.dumps(changes.as_dict(), sort_keys=True)
    store.replace_directory(conn, services=directory.services,
                            facilities=directory.facilities, zips=directory.zips, meta=meta)


def load(conn: sqlite3.Connection, sources: Sources, *,
         allow_partial: bool = False) -> ImportReport:
    """Read `sources` and replace the directory inside the caller's transaction."""
    directory = read_directory(sources, allow_partial=allow_partial)
    write(conn, directory)
    return directory.report


def import_into(db_path: Path, sources: Sources, *, dry_run: bool = False,
                max_pages: int | None = None,
                busy_seconds: float = store.BUSY_SECONDS,
                compare_with: Path | None = None,
                allow_partial: bool = False) -> tuple[ImportReport, ChangeReport]:
    """Import into an existing content database: facilities, positions and the search
    index in one transaction (all or nothing), with what changed against what was there.

    `dry_run` reads and compares only. `compare_with` is the database the kiosk shows now,
    when the import goes into a fresh copy rather than into that database itself.
    `max_pages` caps the file's size in pages, as a nearly full disk would.
    `allow_partial` imports a file that looks cut short (with a warning). Raises
    DirectoryImportError (the files) or DirectoryDbError (the database, with what to do).
    """
    if not dry_run:
        store.check_writable(db_path)
    # The ZIP table the last import wrote holds the same list as the package, when it came
    # from the same version: read back in a few milliseconds instead of rebuilt (~0.7 s).
    # The caller's wait for a lock holds for these reads too: a database another program
    # keeps locked is said to be in use after that wait, not after the default one.
    centroids = store.read_zip_centroids(compare_with or db_path, zip_table_source(),
                                         busy_seconds)
    directory = read_directory(sources, allow_partial=allow_partial, centroids=centroids)
    if dry_run:
        before = store.read_current_facilities(compare_with or db_path, busy_seconds)
        return directory.report, compare(before, directory.facilities)
    shown = (store.read_current_facilities(compare_with, busy_seconds)
             if compare_with is not None else None)
    with store.import_transaction(db_path, max_pages=max_pages,
                                  busy_seconds=busy_seconds) as conn:
        changes = compare(shown if shown is not None else store.current_facilities(conn),
                          directory.facilities)
        write(conn, directory, changes)
        build_index(conn)
    return directory.report, changes

"""Import SAMHSA's National Directory (substance use facilities) into the content database.

Reads the directory CSV (.csv or .csv.gz), the service code table and, when given, the
2020 locator export for positions. Every problem is reported with its line number: rows
that cannot be used are rejected (and listed), anything that makes the whole file unusable
raises DirectoryImportError and the caller rolls back, leaving the database as it was.

No Qt here. All SQL lives in kiosk.store.directory.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.domain import DIRECTORY_LEVELS
from kiosk.store import directory as store

SOURCE_TEXT = "SAMHSA National Directory of Drug and Alcohol Use Treatment Facilities, 2024"
#: The 2024 edition, compiled from the 2023 N-SUMHSS survey. No more precise date is known.
DATA_DATE = "2024"

FACILITIES_NAMES = ("facilities.csv.gz", "facilities.csv")
CATEGORIES_NAME = "service_code_categories.csv"
DIRECTORY_SUBDIR = "national_directory_2024"
LOCATOR_SUBDIR = "locator_2020_coordinates"

REQUIRED_COLUMNS = ("facility_id", "name1", "name2", "street1", "street2", "city", "state",
                    "zip", "phone", "service_code_info")
OPTIONAL_COLUMNS = ("directory_type", "intake1", "intake2", "intake1a", "intake2a")
CATEGORY_COLUMNS = ("code", "label", "category_code", "category_name")
LOCATOR_COLUMNS = ("name1", "street1", "zip", "latitude", "longitude")

#: Longest value accepted per field; anything longer is not a directory entry.
MAX_FIELD = 200
MAX_SERVICES_FIELD = 4000

PHONE = re.compile(r"^\d{3}-\d{3}-\d{4}( x\d{1,6})?$")
#: A cell a spreadsheet would run as a formula (=HYPERLINK(...), +cmd, @SUM, -2+3 ...).
FORMULA = re.compile(r"^\s*(=|\+(?![\d ])|@|-(?=[A-Za-z(=@+])|[\t\r])")

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
    "outpatient": frozenset({"OP", "ORT"}),
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
    unknown_codes: Counter[str] = field(default_factory=Counter)
    repaired_zips: int = 0
    source: str = SOURCE_TEXT
    data_date: str = DATA_DATE

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
        lines += [f"  no position: {fid}: {why}" for fid, why in self.no_position]
        if self.unknown_codes:
            codes = ", ".join(f"{c} ({n})" for c, n in sorted(self.unknown_codes.items()))
            lines.append(f"Unknown service codes ignored: {codes}")
        lines += [f"Warning: {w}" for w in self.warnings]
        return "\n".join(lines)


# ------------------------------------------------------------------ locating --
def find_sources(path: Path, service_codes: Path | None = None,
                 coordinates: Path | None = None) -> Sources:
    """Resolve a SAMHSA folder (or the directory CSV itself) into the files to read."""
    path = Path(path)
    if not path.exists():
        raise DirectoryImportError(f"{path} does not exist")
    if path.is_dir():
        folders = [path / DIRECTORY_SUBDIR, path]
        found = [f / n for f in folders for n in FACILITIES_NAMES if (f / n).is_file()]
        if not found:
            raise DirectoryImportError(
                f"no facilities.csv or facilities.csv.gz in {path} or {path / DIRECTORY_SUBDIR}"
            )
        facilities = found[0]
    else:
        facilities = path
    if service_codes is None:
        service_codes = facilities.parent / CATEGORIES_NAME
    if not Path(service_codes).is_file():
        raise DirectoryImportError(
            f"service code table not found: {service_codes} (give --service-codes PATH)"
        )
    if coordinates is None:
        here = facilities.parent
        for folder in (here.parent / LOCATOR_SUBDIR, here / LOCATOR_SUBDIR):
            candidates = sorted(folder.glob("*.csv")) if folder.is_dir() else []
            if candidates:
                coordinates = candidates[0]
                break
    elif not Path(coordinates).is_file():
        raise DirectoryImportError(f"coordinates file not found: {coordinates}")
    return Sources(facilities, Path(service_codes), Path(coordinates) if coordinates else None)


# ------------------------------------------------------------------- reading --
def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
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
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DirectoryImportError(
            f"{path}: line {line} is not UTF-8 text; save the file as 'CSV UTF-8' and try again"
        ) from None


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row; header and structure problems are fatal."""
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise DirectoryImportError(f"{path}: the file is empty") from None
    except csv.Error as exc:
        raise DirectoryImportError(f"{path}: line 1: not a CSV header ({exc})") from None
    missing = [c for c in required if c not in header]
    if missing:
        raise DirectoryImportError(
            f"{path}: line 1: missing column(s) {', '.join(missing)} "
            f"(found: {', '.join(h for h in header if h) or 'nothing'})"
        )
    dupes = sorted({h for h in header if h and header.count(h) > 1})
    if dupes:
        raise DirectoryImportError(f"{path}: line 1: column(s) named twice: {', '.join(dupes)}")
    line = reader.line_num
    try:
        for values in reader:
            start = line + 1
            line = reader.line_num
            if len(values) != len(header):
                if not any(v.strip() for v in values):
                    continue
                yield start, {"__fields__": str(len(values)), "__expected__": str(len(header))}
                continue
            yield start, dict(zip(header, values, strict=True))
    except csv.Error as exc:
        raise DirectoryImportError(
            f"{path}: line {reader.line_num}: broken CSV ({exc}); the file may be cut short"
        ) from None


def _clean(value: str) -> str:
    return " ".join(value.replace("\ufffd", "").split())


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
    for line, row in _rows(path, CATEGORY_COLUMNS):
        if "__fields__" in row:
            raise DirectoryImportError(f"{path}: line {line}: wrong number of fields")
        code = _clean(row["code"]).upper()
        if not code:
            continue
        if not re.fullmatch(r"[A-Z0-9]{1,8}", code):
            raise DirectoryImportError(f"{path}: line {line}: {code[:40]!r} is not a service code")
        label = _clean(row["label"])
        if not label or len(label) > MAX_FIELD or FORMULA.match(label):
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


def _norm(text: str) -> str:
    words = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("&", " and ")).split()
    return " ".join(_STREET_WORDS.get(w, w) for w in words)


def fix_zip(value: str) -> str | None:
    """'6516' -> '06516', '12345-6789' -> '12345'; None when it is not a ZIP code."""
    value = value.strip()
    match = re.fullmatch(r"(\d{1,5})(?:-?\d{4})?", value)
    if not match:
        return None
    digits = match.group(1)
    return digits.zfill(5) if digits.strip("0") else None


#: Positions from SAMHSA's locator: by (name, street, ZIP) and by (street, ZIP).
ByName = dict[tuple[str, str, str], tuple[float, float]]
ByStreet = dict[tuple[str, str], tuple[float, float]]
Locator = tuple[ByName, ByStreet]


def read_locator(path: Path) -> Locator:
    by_name: ByName = {}
    by_street: ByStreet = {}
    for _line, row in _rows(path, LOCATOR_COLUMNS):
        if "__fields__" in row:
            continue
        zip5 = fix_zip(row["zip"])
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except ValueError:
            continue
        if zip5 is None or not (-90 <= lat <= 90 and -180 <= lon <= 180) or (lat, lon) == (0, 0):
            continue
        street = _norm(row["street1"])
        by_name.setdefault((_norm(row["name1"]), street, zip5), (lat, lon))
        by_street.setdefault((street, zip5), (lat, lon))
    return by_name, by_street


def zip_centroids() -> dict[str, tuple[str, float, float]]:
    """Every ZIP in the offline `zipcodes` package: zip -> (state, latitude, longitude)."""
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
def _is_legend(row: dict[str, str], codes: dict[str, ServiceCode]) -> bool:
    """A spreadsheet legend row holds service codes or their labels instead of an address."""
    labels = {c.source_label.lower() for c in codes.values()}
    cells = [_clean(row.get(k, "")) for k in ("name2", "street1", "street2", "city", "state",
                                              "zip", "phone")]
    hits = sum(1 for c in cells if c and (c.upper() in codes or c.lower() in labels))
    return hits >= 3


def _reject_reason(row: dict[str, str]) -> str:
    for key, value in row.items():
        limit = MAX_SERVICES_FIELD if key == "service_code_info" else MAX_FIELD
        if len(value) > limit:
            return f"field {key} is {len(value):,} characters long (limit {limit:,})"
        if FORMULA.match(value):
            return (f"field {key} looks like a spreadsheet formula ({_clean(value)[:30]!r}); "
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


def _check_row(row: dict[str, str], codes: dict[str, ServiceCode],
               first_line: dict[str, int]) -> _Checked | str:
    """The row's checked fields, or the reason it is rejected."""
    fid = _clean(row["facility_id"])[:60]
    reason = _reject_reason(row)
    if not reason and not fid:
        reason = "no facility_id"
    if not reason and fid in first_line:
        reason = f"duplicate facility_id (first on line {first_line[fid]})"
    if not reason and _is_legend(row, codes):
        reason = "spreadsheet legend row (service codes or their labels), not a facility"
    name = _clean(row["name1"])
    if not reason and not name:
        reason = "blank row (no facility name)" if not any(
            _clean(v) for k, v in row.items() if k not in ("facility_id", "directory_type")
        ) else "no facility name"
    state = _clean(row["state"]).upper()
    if not reason and state not in STATES:
        reason = f"unknown state {state[:30]!r}"
    raw_zip = _clean(row["zip"])
    zip5 = fix_zip(raw_zip)
    if not reason and zip5 is None:
        reason = f"ZIP code {raw_zip[:30]!r} is not a ZIP code"
    phone = _clean(row["phone"])
    if not reason and not PHONE.match(phone):
        reason = f"phone {phone[:30]!r} is not NNN-NNN-NNNN"
    if reason or zip5 is None:
        return reason
    return _Checked(fid, name, state, raw_zip, zip5, phone)


def _service_codes(row: dict[str, str], codes: dict[str, ServiceCode],
                   report: ImportReport) -> list[str]:
    """The row's known service codes, each once, in the file's order (unknown ones counted)."""
    found: list[str] = []
    for token in row["service_code_info"].replace("*", " ").split():
        token = token.upper()
        if token in codes:
            if token not in found:
                found.append(token)
        else:
            report.unknown_codes[token] += 1
    return found


def _intake_phones(row: dict[str, str], phone: str) -> list[str]:
    intakes: list[str] = []
    for key in ("intake1", "intake2", "intake1a", "intake2a"):
        value = _clean(row.get(key, ""))
        if value and value != phone and value not in intakes and len(value) <= 40:
            intakes.append(value)
    return intakes


Position = tuple[str, float | None, float | None]


def _position(name: str, street1: str, zip5: str, locator: Locator,
              centroids: dict[str, tuple[str, float, float]]) -> Position:
    """("exact", lat, lon) from the locator, ("approximate", ...) at the ZIP's centre, or
    ("none", None, None)."""
    by_name, by_street = locator
    key_street = _norm(street1)
    position = by_name.get((_norm(name), key_street, zip5)) or by_street.get((key_street, zip5))
    if position is not None:
        return "exact", position[0], position[1]
    if zip5 in centroids:
        return "approximate", centroids[zip5][1], centroids[zip5][2]
    return "none", None, None


def _facility(row: dict[str, str], checked: _Checked, codes: dict[str, ServiceCode],
              locator: Locator,
              centroids: dict[str, tuple[str, float, float]],
              report: ImportReport) -> store.FacilityRow:
    found = _service_codes(row, codes, report)
    found_set = set(found)
    levels = [lv for lv in DIRECTORY_LEVELS if LEVEL_CODES[lv] & found_set]
    street1 = _clean(row["street1"])
    kind_pos, lat, lon = _position(checked.name, street1, checked.zip5, locator, centroids)
    if kind_pos == "none":
        report.no_position.append(
            (checked.fid, f"not in the locator and ZIP {checked.zip5} is not in the ZIP code list")
        )
    report.positions[kind_pos] += 1
    return store.FacilityRow(
        id=checked.fid, name=checked.name, name2=_clean(row["name2"]), street1=street1,
        street2=_clean(row["street2"]), city=_clean(row["city"]), state=checked.state,
        zip=checked.zip5, phone=checked.phone,
        intake_phones="\n".join(_intake_phones(row, checked.phone)), levels=" ".join(levels),
        services=" ".join(found), latitude=lat, longitude=lon, position_kind=kind_pos,
    )


def load(conn: sqlite3.Connection, sources: Sources) -> ImportReport:
    """Replace the directory inside the caller's transaction; raise on fatal problems."""
    report = ImportReport(facilities_file=str(sources.facilities))
    codes = read_service_codes(sources.service_codes)
    locator: Locator = ({}, {})
    if sources.coordinates is not None:
        locator = read_locator(sources.coordinates)
    else:
        report.warnings.append("no locator file: every position is a ZIP centre (approximate)")
    centroids = zip_centroids()

    facilities: dict[str, store.FacilityRow] = {}
    first_line: dict[str, int] = {}
    has_type = True
    for line, row in _rows(sources.facilities, REQUIRED_COLUMNS):
        report.rows_read += 1
        if "__fields__" in row:
            report.rejected.append((line, "", f"row has {row['__fields__']} fields, expected "
                                               f"{row['__expected__']} (file cut short?)"))
            continue
        has_type = has_type and "directory_type" in row
        kind = _clean(row.get("directory_type", "substance")).lower()
        if kind != "substance":
            report.other_rows += 1
            continue
        checked = _check_row(row, codes, first_line)
        if isinstance(checked, str):
            report.rejected.append((line, _clean(row["facility_id"])[:60], checked))
            continue
        first_line[checked.fid] = line
        if checked.raw_zip != checked.zip5 and len(checked.raw_zip) < 5:
            report.repaired_zips += 1
        facilities[checked.fid] = _facility(row, checked, codes, locator, centroids, report)
    if not has_type:
        report.warnings.append("no directory_type column: every row read as substance use")
    if not facilities:
        raise DirectoryImportError(
            f"{sources.facilities}: no usable substance use facilities "
            f"({report.rows_read:,} rows read, {len(report.rejected):,} rejected)"
        )
    report.imported = len(facilities)
    store.replace_directory(
        conn,
        services=[store.ServiceRow(c.code, c.label, c.group, c.position, c.source_label,
                                   c.source_category)
                  for c in sorted(codes.values(), key=lambda c: (c.position, c.code))],
        facilities=[facilities[k] for k in sorted(facilities)],
        zips=sorted((z, s, lat, lon) for z, (s, lat, lon) in centroids.items()),
        meta={"directory.source": SOURCE_TEXT, "directory.data_date": DATA_DATE},
    )
    return report


def import_into(db_path: Path, sources: Sources) -> ImportReport:
    """Import into an existing content database in one transaction (all or nothing)."""
    conn = store.open_for_import(db_path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            report = load(conn, sources)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return report
    finally:
        conn.close()

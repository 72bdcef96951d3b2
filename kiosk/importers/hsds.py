"""Import an Open Referral HSDS data package (3.0, or 1.1/2.0) as one local source.

Read, validate against the package's own schema (hsds_validate), map each chosen service at
each of its locations to one local program with its phones, address, hours and details,
then write the source in one transaction (kiosk.store.local_sources) and rebuild the
search index. Any error leaves the content database as it was; the report names file,
line and field.

Which services count: the librarian's taxonomy choice (TaxonomyChoice). By default a
service counts when one of its taxonomy terms is about substance use treatment or recovery
support (DEFAULT_TREATMENT / DEFAULT_RECOVERY); `every_service` keeps them all.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from kiosk.domain import HoursException, LocalListing, LocalSource, OpeningHours, WeeklyOpening
from kiosk.importers import hsds_package as pkg
from kiosk.importers.hsds_export import CLOSED_NOTE, SPECIAL_NOTE
from kiosk.importers.hsds_package import V3, HsdsImportError, Problem, Table
from kiosk.store import local_sources
from kiosk.store.directory import BUSY_SECONDS, import_transaction

#: Term names (or codes) that mean addiction treatment, as common taxonomies word them
#: (AIRS/211 "Substance Use Disorder Treatment Programs" RX-8450, Open Eligibility
#: "Addiction & Recovery"): matched case-insensitively as parts of a term's name or code.
DEFAULT_TREATMENT: tuple[str, ...] = (
    "rx-8450", "substance use", "substance abuse", "addiction", "alcohol", "drug",
    "detox", "opioid", "methadone", "buprenorphine", "medication assisted",
    "chemical dependency",
)
#: ... and recovery support (AIRS "Substance Use Disorders Support Groups" and the like).
DEFAULT_RECOVERY: tuple[str, ...] = (
    "recovery", "12-step", "twelve step", "alcoholics anonymous", "narcotics anonymous",
    "peer support", "sober", "support group",
)

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_ZIP = re.compile(r"^(\d{5})(?:-?\d{4})?$")


@dataclass(frozen=True)
class TaxonomyChoice:
    """Which services the librarian counts as treatment or recovery support."""

    treatment: tuple[str, ...] = DEFAULT_TREATMENT
    recovery: tuple[str, ...] = DEFAULT_RECOVERY
    every_service: bool = False

    def describe(self) -> str:
        if self.every_service:
            return "every service"
        if (self.treatment, self.recovery) == (DEFAULT_TREATMENT, DEFAULT_RECOVERY):
            return "default terms"
        return ("treatment: " + ", ".join(self.treatment) + "; recovery: "
                + ", ".join(self.recovery))

    def kind(self, terms: Iterable[str]) -> str | None:
        """"treatment", "recovery", "other" (counted only with every_service) or None."""
        text = [t.lower() for t in terms]
        if any(w.lower() in t for t in text for w in self.treatment):
            return "treatment"
        if any(w.lower() in t for t in text for w in self.recovery):
            return "recovery"
        return "other" if self.every_service else None


@dataclass
class HsdsReport:
    source: LocalSource
    hsds_version: str
    services: int = 0
    programs: int = 0
    with_hours: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    not_chosen: int = 0
    inactive: int = 0
    terms: Counter[str] = field(default_factory=Counter)
    notes: list[Problem] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{self.source.name} (HSDS {self.hsds_version}), data date "
            f"{self.source.data_date}: {self.programs} local programs from "
            f"{self.services} services ({self.with_hours} with opening hours).",
            "  counted as: " + (", ".join(f"{k} {n}" for k, n in sorted(self.by_kind.items()))
                                or "none"),
            f"  taxonomy choice: {self.source.taxonomy}; {self.not_chosen} services not "
            f"chosen, {self.inactive} not active.",
        ]
        if self.terms:
            lines.append("  taxonomy terms in the package: " + ", ".join(
                f"{t} ({n})" for t, n in self.terms.most_common(12)))
        lines.extend(f"  note: {n.text()}" for n in self.notes)
        return "\n".join(lines)


# ------------------------------------------------------------------ helpers --
def slug(name: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:40] or "local"


def _by(table: Table | None, key: str) -> dict[str, list[tuple[dict[str, str], int]]]:
    found: dict[str, list[tuple[dict[str, str], int]]] = {}
    if table is None:
        return found
    for row, line in zip(table.rows, table.lines, strict=True):
        value = row.get(key, "").strip()
        if value:
            found.setdefault(value, []).append((row, line))
    return found


def _state(text: str) -> tuple[str, bool]:
    """A US state's two-letter code and True, or the text as given and False."""
    import us

    value = text.strip()
    found = us.states.lookup(value) if value else None
    return (found.abbr, True) if found is not None else (value, False)


def _clean_phone(number: str) -> str:
    return number.strip().strip("\"'").strip()


def _offset(hours: str) -> str:
    """An HSDS 3.0 timezone (a UTC offset in hours, maybe fractional) as "+03:00"."""
    value = float(hours)
    sign = "-" if value < 0 else "+"
    minutes = round(abs(value) * 60)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _clock(text: str) -> tuple[str, str]:
    """("HH:MM", zone suffix) from "09:00", "09:00:00", "09:00Z" or "09:00-05:00"."""
    match = re.fullmatch(r"(\d{1,2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:?\d{2})?", text.strip())
    if not match:
        raise ValueError(text)
    suffix = match[2] or ""
    return match[1].zfill(5), ("+00:00" if suffix == "Z" else suffix)


# ------------------------------------------------------------------ reading --
@dataclass
class _Package:
    version: str
    tables: dict[str, Table]
    notes: list[Problem]
    timezone: str

    def table(self, name: str) -> Table | None:
        return self.tables.get(name)

    def rows(self, name: str) -> list[dict[str, str]]:
        table = self.tables.get(name)
        return table.rows if table is not None else []


def _schedule_rows(p: _Package, service: str, location: str, sal: str
                   ) -> list[tuple[str, dict[str, str], int]]:
    """The most specific schedule rows for one service at one location, table by table
    (weekly hours and holidays may be given at different levels): those of the service at
    that location, else the service's, else the location's."""
    names = ("schedule",) if p.version == V3 else ("regular_schedule", "holiday_schedule")
    found: list[tuple[str, dict[str, str], int]] = []
    for name in names:
        table = p.table(name)
        for key, value in (("service_at_location_id", sal), ("service_id", service),
                           ("location_id", location)):
            level = [] if not value else [
                (name, row, line) for row, line in _by(table, key).get(value, [])
                if not (key == "service_id" and row.get("location_id", "") not in ("", location))
                and not (key == "location_id" and row.get("service_id", ""))]
            if level:
                found.extend(level)
                break
    return found


def _v3_marks(row: dict[str, str]) -> tuple[str, HoursException | None]:
    """What an exported kiosk package says in a row's notes (see hsds_export): its zone,
    and dates closed or with special hours."""
    notes = row.get("notes", "")
    match = re.search(r"Times are local time in (\S+)\.", notes)
    start, end = row.get("valid_from", "").strip(), row.get("valid_to", "").strip()
    exception = None
    if CLOSED_NOTE in notes and start and end:
        exception = HoursException(start, end)
    elif SPECIAL_NOTE in notes and start and end:
        exception = HoursException(start, end, closed=False,
                                   opens=_clock(row.get("opens_at", ""))[0],
                                   closes=_clock(row.get("closes_at", ""))[0])
    return (match[1] if match else ""), exception


def _v3_openings(p: _Package, row: dict[str, str], line: int, file: str
                 ) -> tuple[list[WeeklyOpening], str, str]:
    """(openings, timezone or "", note) for one 3.0 schedule row."""
    description = row.get("description", "").strip()
    freq, byday = row.get("freq", "").strip().upper(), row.get("byday", "").strip().upper()
    interval = row.get("interval", "").strip()
    opens, closes = row.get("opens_at", "").strip(), row.get("closes_at", "").strip()
    tz = _offset(row["timezone"]) if row.get("timezone", "").strip() else ""
    if freq not in ("", "WEEKLY") or interval not in ("", "1", "1.0") or not byday \
            or not opens or not closes:
        if opens or closes or byday:
            p.notes.append(Problem(file, "hours that are not one weekly pattern with opening "
                                   "and closing times are shown only as the source's words",
                                   line=line))
        return [], tz, description
    (start, suffix1), (end, suffix2) = _clock(opens), _clock(closes)
    tz = tz or suffix1 or suffix2
    valid_to = min(filter(None, (row.get("valid_to", "").strip(),
                                 row.get("until", "").strip())), default="")
    openings = []
    for day in byday.split(","):
        code = day.strip()[-2:]
        if code not in _DAYS:
            raise HsdsImportError("bad schedule", (Problem(
                file, f"{day!r} is not a day of the week (MO..SU)", line=line,
                field="byday"),))
        openings.append(WeeklyOpening(_DAYS.index(code), start, end,
                                      row.get("valid_from", "").strip(), valid_to))
    return openings, tz, description


def _hours(p: _Package, service: str, location: str, sal: str) -> OpeningHours | None:
    openings: list[WeeklyOpening] = []
    exceptions: list[HoursException] = []
    notes: list[str] = []
    timezone = ""
    for name, row, line in _schedule_rows(p, service, location, sal):
        file = p.tables[name].file
        try:
            if name == "schedule":
                named, exception = _v3_marks(row)
                if exception is not None:
                    exceptions.append(exception)
                    timezone = timezone or named
                    continue
                found, tz, note = _v3_openings(p, row, line, file)
                openings.extend(found)
                timezone = timezone or named or tz
                if note:
                    notes.append(note)
            elif name == "regular_schedule":
                weekday = int(row["weekday"])
                if not 1 <= weekday <= 7:
                    raise HsdsImportError("bad weekday", (Problem(
                        file, f"weekday {weekday} is not 1 (Monday) to 7 (Sunday)",
                        line=line, field="weekday"),))
                if row.get("opens_at", "").strip() and row.get("closes_at", "").strip():
                    openings.append(WeeklyOpening(weekday - 1, _clock(row["opens_at"])[0],
                                                  _clock(row["closes_at"])[0]))
            else:
                closed = row.get("closed", "").strip().lower() in ("true", "1", "yes")
                special = not closed and row.get("opens_at", "").strip() \
                    and row.get("closes_at", "").strip()
                exceptions.append(HoursException(
                    row["start_date"].strip(), row["end_date"].strip(), closed=not special,
                    opens=_clock(row["opens_at"])[0] if special else "",
                    closes=_clock(row["closes_at"])[0] if special else ""))
        except ValueError as exc:
            raise HsdsImportError("bad schedule", (Problem(
                file, f"not a time, day or offset: {exc}", line=line),)) from None
    if not (openings or exceptions or notes):
        return None
    if timezone:
        from kiosk.importers.timezones import zone

        try:
            zone(timezone)
        except ValueError:
            p.notes.append(Problem(p.tables[names_for(p)].file, f"time zone {timezone!r} is "
                                   f"not known; the hours are read as {p.timezone}"))
            timezone = ""
    return OpeningHours(timezone or p.timezone, tuple(openings), tuple(exceptions),
                        tuple(dict.fromkeys(notes)))


def names_for(p: _Package) -> str:
    """The table holding weekly hours in this package's version."""
    return "schedule" if p.version == V3 else "regular_schedule"


def _phones(p: _Package, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(number, label) from the most specific owner down; voice lines first."""
    found: list[tuple[str, str, str]] = []
    table = p.table("phone")
    for key, value in keys:
        for row, line in _by(table, key).get(value, []) if value else []:
            number = _clean_phone(row.get("number", ""))
            if number != row.get("number", "").strip():
                p.notes.append(Problem(table.file if table else "phones.csv",
                                       f"quote marks removed from the number {number}",
                                       line=line, field="number"))
            extension = row.get("extension", "").strip().removesuffix(".0")
            if extension:
                number += f" ext. {extension}"
            label = row.get("description", "").strip() or row.get("type", "").strip()
            found.append((number, label, row.get("type", "").strip().lower()))
    unique = list(dict.fromkeys((n, lbl, t) for n, lbl, t in found if n))
    unique.sort(key=lambda x: x[2] not in ("", "voice"))
    return [(n, lbl) for n, lbl, _ in unique]


def _address(p: _Package, location: str) -> dict[str, str]:
    tables = ("address",) if p.version == V3 else ("physical_address", "postal_address")
    candidates: list[dict[str, str]] = []
    for name in tables:
        candidates.extend(row for row, _ in _by(p.table(name), "location_id").get(location, []))
    candidates.sort(key=lambda r: r.get("address_type", "physical") != "physical")
    return candidates[0] if candidates else {}


def _position(p: _Package, conn: sqlite3.Connection, location: dict[str, str], line: int,
              zip5: str) -> tuple[float | None, float | None, str]:
    lat, lon = location.get("latitude", "").strip(), location.get("longitude", "").strip()
    if lat and lon:
        try:
            y, x = float(lat), float(lon)
        except ValueError:
            y = x = 999.0
        if -90 <= y <= 90 and -180 <= x <= 180 and (y, x) != (0.0, 0.0):
            return y, x, "exact"
        p.notes.append(Problem(p.tables["location"].file, f"position {lat}, {lon} is not on "
                               "the map; the ZIP code's centre is used if known", line=line))
    centre = local_sources.zip_position(conn, zip5) if zip5 else None
    return (centre[0], centre[1], "approximate") if centre else (None, None, "none")


def _terms(p: _Package, service: str) -> list[str]:
    if p.version == V3:
        terms = {r["id"]: r for r in p.rows("taxonomy_term")}
        links = [r.get("taxonomy_term_id", "") for r in p.rows("attribute")
                 if r.get("link_id") == service
                 and r.get("link_entity", "service").strip() in ("service", "link_entity")]
    else:
        terms = {r["id"]: r for r in p.rows("taxonomy")}
        links = [r.get("taxonomy_id", "") for r in p.rows("service_taxonomy")
                 if r.get("service_id") == service]
    found = []
    for link in links:
        term = terms.get(link)
        if term is not None:
            code = term.get("code", "").strip()
            name = term.get("name", "").strip()
            found.append(f"{name} ({code})" if code and code != name else name)
    return [t for t in found if t]


def _texts(rows: Iterable[dict[str, str]], *keys: str) -> list[str]:
    found = []
    for row in rows:
        parts = [row.get(k, "").strip() for k in keys]
        text = ": ".join(x for x in parts if x)
        if text:
            found.append(text)
    return list(dict.fromkeys(found))


def _details(p: _Package, service: dict[str, str], location: str) -> dict[str, tuple[str, ...]]:
    sid = service["id"]
    for_service = [r for r in p.rows("language") if r.get("service_id") == sid]
    at_location = [r for r in p.rows("language")
                   if r.get("location_id") == location and not r.get("service_id")]
    languages = _texts([*for_service, *at_location], "name" if p.version == V3 else "language")
    access_table = "accessibility" if p.version == V3 else "accessibility_for_disabilities"
    access = _texts([r for r in p.rows(access_table) if r.get("location_id") == location],
                    "description" if p.version == V3 else "accessibility", "details")
    if p.version == V3:
        eligibility = _texts([service], "eligibility_description")
        fees = _texts([service], "fees_description") + _texts([service], "fees") + [
            " ".join(x for x in (r.get("option", "").strip(), r.get("amount", "").strip(),
                                 r.get("currency", "").strip().upper(),
                                 r.get("amount_description", "").strip()) if x)
            for r in p.rows("cost_option") if r.get("service_id") == sid]
        areas = _texts([r for r in p.rows("service_area") if r.get("service_id") == sid],
                       "name")
    else:
        eligibility = _texts([r for r in p.rows("eligibility") if r.get("service_id") == sid],
                             "eligibility")
        fees = _texts([service], "fees") + _texts(
            [r for r in p.rows("payment_accepted") if r.get("service_id") == sid], "payment")
        areas = _texts([r for r in p.rows("service_area") if r.get("service_id") == sid],
                       "service_area")
    return {"languages": tuple(languages), "accessibility": tuple(access),
            "eligibility": tuple(eligibility), "fees": tuple(f for f in fees if f),
            "service_areas": tuple(areas)}


def _ages(service: dict[str, str]) -> str:
    low = service.get("minimum_age", "").strip().removesuffix(".0")
    high = service.get("maximum_age", "").strip().removesuffix(".0")
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"{low} and older"
    return f"up to {high}" if high else ""


@dataclass(frozen=True)
class Options:
    name: str = ""
    source_id: str = ""
    data_date: str = ""
    timezone: str = ""
    taxonomy: TaxonomyChoice = TaxonomyChoice()


def _source_facts(path: Path, descriptor: dict[str, object], options: Options,
                  notes: list[Problem]) -> tuple[str, str, str]:
    name = options.name or str(descriptor.get("title") or descriptor.get("name") or path.stem)
    data_date = options.data_date
    if not data_date:
        for key in ("updated", "last_modified", "lastModified", "created"):
            value = str(descriptor.get(key) or "")[:10]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                data_date = value
                break
    if not data_date:
        data_date = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
        notes.append(Problem(pkg.DESCRIPTOR, f"the package gives no date; {data_date} (when "
                             f"{path.name} was saved) is shown; give --date to set it"))
    try:
        date.fromisoformat(data_date)
    except ValueError:
        raise HsdsImportError(f"--date {data_date!r} is not a date (YYYY-MM-DD)") from None
    return name, options.source_id or slug(name), data_date


def machine_timezone() -> str:
    """The machine's zoneinfo name (TZ, /etc/timezone, /etc/localtime), or ""."""
    import os

    value = os.environ.get("TZ", "").lstrip(":")
    if value:
        return value
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip()
    except OSError:
        pass
    target = Path("/etc/localtime")
    if target.is_symlink():
        parts = target.resolve().parts
        if "zoneinfo" in parts:
            return "/".join(parts[parts.index("zoneinfo") + 1:])
    return ""


def _checked_timezone(options: Options) -> str:
    from kiosk.importers.timezones import zone  # the same reading the kiosk uses

    name = options.timezone or machine_timezone()
    if not name:
        raise HsdsImportError("the machine's time zone is not known; give the programs' "
                              "time zone with --timezone (for example America/New_York)")
    try:
        zone(name)
    except ValueError as exc:
        raise HsdsImportError(f"--timezone: {exc}") from None
    return name


def read(path: Path, options: Options, conn: sqlite3.Connection
         ) -> tuple[HsdsReport, list[local_sources.ProgramRow]]:
    """Read, validate and map the package at `path`; nothing is written. `conn` is the
    content database (for ZIP centres). Raises HsdsImportError with the problems."""
    from kiosk.importers import hsds_validate

    timezone = _checked_timezone(options)
    with pkg.opened(path) as folder:
        descriptor = pkg.read_descriptor(folder)
        version = pkg.version(descriptor)
        tables = pkg.read_tables(folder, descriptor)
        errors, notes = hsds_validate.validate(folder, descriptor, version, tables)
    if errors:
        raise HsdsImportError(
            f"{path.name}: {len(errors)} problem{'s' if len(errors) != 1 else ''} in the "
            "package; nothing was imported", tuple(errors))
    name, source_id, data_date = _source_facts(Path(path), descriptor, options, notes)
    source = LocalSource(id=source_id, name=name, data_date=data_date,
                         imported_at=datetime.now(UTC).date().isoformat(),
                         hsds_version=version, origin=Path(path).name, programs=0,
                         timezone=timezone, taxonomy=options.taxonomy.describe())
    p = _Package(version, tables, notes, timezone)
    report = HsdsReport(source=source, hsds_version=version, notes=notes)
    programs = _programs(p, conn, source, options.taxonomy, report)
    report.notes = list(dict.fromkeys(notes))
    report.programs = len(programs)
    report.with_hours = sum(1 for x in programs if x.listing.hours is not None
                            and x.listing.hours.openings)
    return report, programs


def _programs(p: _Package, conn: sqlite3.Connection, source: LocalSource,
              choice: TaxonomyChoice, report: HsdsReport) -> list[local_sources.ProgramRow]:
    organizations = {r["id"]: r for r in p.rows("organization")}
    locations = {r["id"]: (r, line) for r, line in zip(
        p.rows("location"), p.tables["location"].lines if "location" in p.tables else [],
        strict=True)}
    at = _by(p.table("service_at_location"), "service_id")
    programs: list[local_sources.ProgramRow] = []
    for service in p.rows("service"):
        report.services += 1
        if service.get("status", "active").strip().lower() != "active":
            report.inactive += 1
            continue
        terms = _terms(p, service["id"])
        report.terms.update(terms)
        kind = choice.kind(terms)
        if kind is None:
            report.not_chosen += 1
            continue
        report.by_kind[kind] += 1
        places = [(r.get("location_id", ""), r["id"]) for r, _ in at.get(service["id"], [])]
        for location_id, sal in places or [("", "")]:
            programs.append(_program(p, conn, source, service, organizations,
                                     locations.get(location_id), location_id, sal, terms,
                                     kind, len(programs) + 1, multi=len(places) > 1))
    return programs


def _program(p: _Package, conn: sqlite3.Connection, source: LocalSource,
             service: dict[str, str], organizations: dict[str, dict[str, str]],
             location: tuple[dict[str, str], int] | None, location_id: str, sal: str,
             terms: list[str], kind: str, position: int, *, multi: bool
             ) -> local_sources.ProgramRow:
    organization = organizations.get(service.get("organization_id", ""), {})
    address = _address(p, location_id) if location_id else {}
    street2 = ", ".join(x for x in (address.get(f"address_{n}", "").strip()
                                    for n in (2, 3, 4)) if x)
    # A US state is kept as its two-letter code (the state list counts those); any other
    # region as the list spells it, so the address reads as the source gives it.
    state, _ = _state(address.get("state_province", ""))
    city = address.get("city", "").strip()
    postal = address.get("postal_code", "").strip()
    match = _ZIP.match(postal)
    zip5 = match[1] if match else ""
    lat, lon, kind_of_position = (_position(p, conn, location[0], location[1], zip5)
                                  if location is not None else (None, None, "none"))
    phones = _phones(p, [("service_at_location_id", sal), ("service_id", service["id"]),
                         ("location_id", location_id),
                         ("organization_id", service.get("organization_id", ""))])
    listing = LocalListing(
        source_id=source.id, source_name=source.name, source_date=source.data_date,
        organization=organization.get("name", "").strip(),
        description=service.get("description", "").strip(),
        website=(service.get("url", "") or organization.get("website", "")
                 or organization.get("url", "")).strip(),
        email=service.get("email", "").strip(), kind=kind, phones=tuple(phones),
        ages=_ages(service), taxonomy_terms=tuple(terms),
        how_to_apply=service.get("application_process", "").strip(),
        hours=_hours(p, service["id"], location_id, sal),
        country=address.get("country", "").strip(),
        **_details(p, service, location_id),
    )
    name = service.get("name", "").strip()
    if multi and location is not None and location[0].get("name", "").strip():
        name = f"{name} ({location[0]['name'].strip()})"
    return local_sources.ProgramRow(
        id=local_sources.program_id(source.id, service["id"], location_id if multi else ""),
        source_id=source.id, position=position, service_id=service["id"],
        location_id=location_id, name=name,
        street1=address.get("address_1", "").strip(), street2=street2, city=city,
        state=state, zip=zip5 or postal, country=address.get("country", "").strip(),
        phone=phones[0][0] if phones else "", latitude=lat, longitude=lon,
        position_kind=kind_of_position, listing=listing)


def import_into(db: Path, path: Path, options: Options, *, dry_run: bool = False,
                busy_seconds: float = BUSY_SECONDS) -> HsdsReport:
    """Import the package at `path` into the content database `db` in one transaction
    (with the search index); with `dry_run` read and check only, writing nothing."""
    from kiosk.store import search

    if dry_run:
        check = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
        try:
            return read(Path(path), options, check)[0]
        finally:
            check.close()
    with import_transaction(db, busy_seconds=busy_seconds) as conn:
        report, programs = read(Path(path), options, conn)
        local_sources.replace_source(conn, report.source, programs)
        search.build_index(conn, facilities_unchanged=True)
    return report


def carry_local_sources(previous: Path, fresh: Path, *,
                        busy_seconds: float = BUSY_SECONDS) -> int:
    """Copy every local source from the database the kiosk showed (`previous`) into a
    freshly imported directory (`fresh`), and rebuild its search index: a new SAMHSA
    directory must not drop the library's own list. Returns the programs copied."""
    from kiosk.store import search

    old = sqlite3.connect(f"{Path(previous).resolve().as_uri()}?mode=ro", uri=True)
    try:
        if not local_sources.has_programs(old):
            return 0
        with import_transaction(fresh, busy_seconds=busy_seconds) as conn:
            copied = local_sources.copy_sources(old, conn)
            search.build_index(conn, facilities_unchanged=True)
        return copied
    finally:
        old.close()

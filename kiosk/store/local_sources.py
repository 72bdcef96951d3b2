"""Local programs (from a library's 211 or county list) kept beside SAMHSA's directory.

They live in their own tables, never in `facility`: a SAMHSA record and a local one are
never merged, and a local source can be taken out again in one transaction. Every program
row names its source; the source row says when its data was dated and imported.

A content database built before these tables existed has none of them: every read here
answers "no local programs" then, and the first import creates them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from kiosk.domain import (
    Facility,
    FacilitySummary,
    HoursException,
    LocalListing,
    LocalSource,
    OpeningHours,
    WeeklyOpening,
)

#: Every local program's id starts with this, so the directory knows where to look.
ID_PREFIX = "local:"
#: The code every local program carries, for the directory's "Local services" filter.
LOCAL_CODE = "LOCAL"
#: The code of a local program with a schedule (the "Open now" filter tests only those).
HOURS_CODE = "LOCAL_HOURS"

SCHEMA = """
CREATE TABLE IF NOT EXISTS local_source (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    data_date    TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    hsds_version TEXT NOT NULL,
    origin       TEXT NOT NULL,
    timezone     TEXT NOT NULL,
    taxonomy     TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS local_program (
    id            TEXT PRIMARY KEY,
    source_id     TEXT NOT NULL REFERENCES local_source (id),
    position      INTEGER NOT NULL,
    service_id    TEXT NOT NULL,
    location_id   TEXT NOT NULL,
    name          TEXT NOT NULL,
    street1       TEXT NOT NULL,
    street2       TEXT NOT NULL,
    city          TEXT NOT NULL,
    state         TEXT NOT NULL,
    zip           TEXT NOT NULL,
    country       TEXT NOT NULL,
    phone         TEXT NOT NULL,
    latitude      REAL,
    longitude     REAL,
    position_kind TEXT NOT NULL CHECK (position_kind IN ('exact', 'approximate', 'none')),
    listing       TEXT NOT NULL,
    hours         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS local_program_source ON local_program (source_id, position);
"""


@dataclass(frozen=True)
class ProgramRow:
    """One local program as the importer hands it over (one service at one location)."""

    id: str
    source_id: str
    position: int
    service_id: str
    location_id: str
    name: str
    street1: str
    street2: str
    city: str
    state: str
    zip: str
    country: str
    phone: str
    latitude: float | None
    longitude: float | None
    position_kind: str
    listing: LocalListing


def program_id(source_id: str, service_id: str, location_id: str = "") -> str:
    return ID_PREFIX + ":".join(p for p in (source_id, service_id, location_id) if p)


def is_local(facility_id: str) -> bool:
    return facility_id.startswith(ID_PREFIX)


def ensure_tables(conn: sqlite3.Connection) -> None:
    """Create the local tables if this content database predates them."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


def has_tables(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
        " AND name IN ('local_source', 'local_program')").fetchone()[0] == 2)


# --------------------------------------------------------------- encoding --
def _hours_json(hours: OpeningHours | None) -> str:
    return "" if hours is None else json.dumps(asdict(hours), sort_keys=True)


def _hours_from(text: str) -> OpeningHours | None:
    if not text:
        return None
    data = json.loads(text)
    return OpeningHours(
        timezone=str(data["timezone"]),
        openings=tuple(WeeklyOpening(**o) for o in data.get("openings", [])),
        exceptions=tuple(HoursException(**e) for e in data.get("exceptions", [])),
        notes=tuple(data.get("notes", [])),
    )


_LISTING_FIELDS = [f.name for f in fields(LocalListing)
                   if f.name not in ("source_id", "source_name", "source_date", "hours",
                                     "country")]


def _listing_json(listing: LocalListing) -> str:
    data = asdict(listing)
    return json.dumps({k: data[k] for k in _LISTING_FIELDS}, sort_keys=True)


def _tupled(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_tupled(v) for v in value)
    return value


def _listing_from(text: str, source: tuple[str, str, str], hours: OpeningHours | None,
                  country: str) -> LocalListing:
    data = {k: _tupled(v) for k, v in json.loads(text).items() if k in _LISTING_FIELDS}
    return LocalListing(source_id=source[0], source_name=source[1], source_date=source[2],
                        hours=hours, country=country, **data)


# ------------------------------------------------------------------ writes --
def replace_source(conn: sqlite3.Connection, source: LocalSource,
                   programs: Iterable[ProgramRow]) -> int:
    """Put `source` and its programs in place of what that source had; inside the caller's
    transaction. Returns the number of programs stored."""
    ensure_tables(conn)
    conn.execute("DELETE FROM local_program WHERE source_id = ?", (source.id,))
    conn.execute("DELETE FROM local_source WHERE id = ?", (source.id,))
    conn.execute(
        "INSERT INTO local_source (id, name, data_date, imported_at, hsds_version, origin,"
        " timezone, taxonomy) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (source.id, source.name, source.data_date, source.imported_at, source.hsds_version,
         source.origin, source.timezone, source.taxonomy))
    rows = [(p.id, source.id, p.position, p.service_id, p.location_id, p.name, p.street1,
             p.street2, p.city, p.state, p.zip, p.country, p.phone, p.latitude, p.longitude,
             p.position_kind, _listing_json(p.listing), _hours_json(p.listing.hours))
            for p in programs]
    conn.executemany(
        "INSERT INTO local_program (id, source_id, position, service_id, location_id, name,"
        " street1, street2, city, state, zip, country, phone, latitude, longitude,"
        " position_kind, listing, hours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
        " ?, ?, ?, ?)", rows)
    return len(rows)


def remove_source(conn: sqlite3.Connection, source_id: str) -> int:
    """Take one source and all its programs out; the number of programs removed, or -1
    when no such source is stored. Inside the caller's transaction."""
    if not has_tables(conn):
        return -1
    if conn.execute("SELECT 1 FROM local_source WHERE id = ?", (source_id,)).fetchone() is None:
        return -1
    removed = conn.execute("DELETE FROM local_program WHERE source_id = ?", (source_id,))
    conn.execute("DELETE FROM local_source WHERE id = ?", (source_id,))
    return int(removed.rowcount)


def copy_sources(source_db: sqlite3.Connection, conn: sqlite3.Connection) -> int:
    """Copy every local source from `source_db` into `conn` (a fresh content database
    about to replace it), inside the caller's transaction. Returns the program count."""
    if not has_tables(source_db):
        return 0
    ensure_tables(conn)
    conn.execute("DELETE FROM local_program")
    conn.execute("DELETE FROM local_source")
    conn.executemany("INSERT INTO local_source VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     source_db.execute(
                         "SELECT id, name, data_date, imported_at, hsds_version, origin,"
                         " timezone, taxonomy FROM local_source").fetchall())
    rows = source_db.execute(f"SELECT {_PROGRAM_COLUMNS} FROM local_program").fetchall()
    conn.executemany(f"INSERT INTO local_program ({_PROGRAM_COLUMNS}) VALUES"
                     f" ({', '.join('?' * len(_PROGRAM_COLUMNS.split(',')))})", rows)
    return len(rows)


# ------------------------------------------------------------------- reads --
_PROGRAM_COLUMNS = ("id, source_id, position, service_id, location_id, name, street1,"
                    " street2, city, state, zip, country, phone, latitude, longitude,"
                    " position_kind, listing, hours")


def sources(conn: sqlite3.Connection) -> list[LocalSource]:
    if not has_tables(conn):
        return []
    return [LocalSource(id=str(r[0]), name=str(r[1]), data_date=str(r[2]),
                        imported_at=str(r[3]), hsds_version=str(r[4]), origin=str(r[5]),
                        programs=int(r[8]), timezone=str(r[6]), taxonomy=str(r[7]))
            for r in conn.execute(
                "SELECT s.id, s.name, s.data_date, s.imported_at, s.hsds_version, s.origin,"
                " s.timezone, s.taxonomy, (SELECT count(*) FROM local_program AS p"
                " WHERE p.source_id = s.id) FROM local_source AS s ORDER BY s.name, s.id")]


def has_programs(conn: sqlite3.Connection) -> bool:
    return has_tables(conn) and conn.execute(
        "SELECT EXISTS (SELECT 1 FROM local_program)").fetchone()[0] == 1


def state_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Local programs per US state (two-letter code); programs elsewhere or without a
    state are left out of the state list (search and "Local services" still find them)."""
    if not has_tables(conn):
        return {}
    return {str(s): int(n) for s, n in conn.execute(
        "SELECT state, count(*) FROM local_program WHERE length(state) = 2"
        " AND state = upper(state) GROUP BY state")}


def _source_facts(conn: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    return {str(r[0]): (str(r[0]), str(r[1]), str(r[2])) for r in conn.execute(
        "SELECT id, name, data_date FROM local_source")}


def _codes(listing: LocalListing) -> frozenset[str]:
    codes = {LOCAL_CODE, f"{LOCAL_CODE}_{listing.kind.upper()}"}
    if listing.hours is not None:
        codes.add(HOURS_CODE)
    return frozenset(codes)


def summaries(conn: sqlite3.Connection) -> list[FacilitySummary]:
    """Every local program as a directory row, by state then name."""
    if not has_tables(conn):
        return []
    facts = _source_facts(conn)
    found = []
    for facility in _facilities(conn, "", (), facts):
        assert facility.local is not None
        found.append(FacilitySummary(
            id=facility.id, name=facility.name, city=facility.city, state=facility.state,
            zip=facility.zip, phone=facility.phone, levels=(),
            codes=_codes(facility.local), latitude=facility.latitude,
            longitude=facility.longitude, position_approximate=facility.position_kind != "exact",
            street1=facility.street1, street2=facility.street2,
            hours=facility.local.hours))
    return found


def _facilities(conn: sqlite3.Connection, where: str, params: tuple[str, ...],
                facts: dict[str, tuple[str, str, str]]) -> list[Facility]:
    rows = conn.execute(
        f"SELECT {_PROGRAM_COLUMNS} FROM local_program {where}"
        " ORDER BY state, name, id", params).fetchall()
    found = []
    for r in rows:
        hours = _hours_from(str(r[17]))
        listing = _listing_from(str(r[16]), facts.get(str(r[1]), (str(r[1]), "", "")), hours,
                                str(r[11]))
        found.append(Facility(
            id=str(r[0]), name=str(r[5]),
            name2=listing.organization if listing.organization != r[5] else "",
            street1=str(r[6]), street2=str(r[7]), city=str(r[8]), state=str(r[9]),
            zip=str(r[10]), phone=str(r[12]),
            intake_phones=tuple(n for n, _ in listing.phones if n != r[12]),
            levels=(), services=(),
            latitude=r[13] if isinstance(r[13], float) else None,
            longitude=r[14] if isinstance(r[14], float) else None,
            position_kind=str(r[15]), local=listing))
    return found


def facility(conn: sqlite3.Connection, facility_id: str) -> Facility | None:
    if not has_tables(conn):
        return None
    found = _facilities(conn, "WHERE id = ?", (facility_id,), _source_facts(conn))
    return found[0] if found else None


def facilities(conn: sqlite3.Connection, state: str | None = None) -> list[Facility]:
    """Every local program (in one state when given), by state then name."""
    if not has_tables(conn):
        return []
    where, params = ("WHERE state = ?", (state.upper(),)) if state else ("", ())
    return _facilities(conn, where, params, _source_facts(conn))


def search_docs(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """(ref_id, title, place, keywords, levels) per local program, for the search index.
    The keywords carry the organization, the source's name and its taxonomy terms."""
    if not has_tables(conn):
        return []
    docs = []
    for f in facilities(conn):
        assert f.local is not None
        title = " ".join(p for p in (f.name, f.name2) if p)
        place = f"{f.city}, {f.state} {f.zip}".strip(" ,")
        keywords = " ".join((f.local.source_name, *f.local.taxonomy_terms, "local"))
        docs.append((f.id, title, place, keywords, ""))
    return docs


def zip_position(conn: sqlite3.Connection, zip_code: str) -> tuple[float, float] | None:
    """The centre of a US ZIP code from the content database's table, if it has one."""
    try:
        row = conn.execute("SELECT latitude, longitude FROM zip_centroid WHERE zip = ?",
                           (zip_code,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else (float(row[0]), float(row[1]))

"""The treatment facility directory: all its SQL (import writes and kiosk reads)."""

from __future__ import annotations

import json
import math
import sqlite3
import sys
from array import array
from collections import defaultdict
from collections.abc import Generator, Iterable, Sequence
from contextlib import closing, contextmanager
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

from kiosk.domain import (
    DIRECTORY_LEVELS,
    DirectoryChecks,
    DirectoryStats,
    Facility,
    FacilityService,
    FacilitySummary,
    LocalSource,
)
from kiosk.store import local_sources
from kiosk.store.connect import APPLICATION_ID, SCHEMA_VERSION

EARTH_RADIUS_MILES = 3958.8
#: A locator position farther than this from the centre of the program's own ZIP is more
#: likely a geocoding slip in the locator file than the program's door (ZIP areas are rarely
#: this wide outside the mountain West and Alaska, where the centre is no worse a guess).
FAR_FROM_ZIP_MILES = 25.0
#: The import's figures on positions, kept in meta as JSON for `kiosk-admin stats`.
POSITIONS_META = "directory.positions"


def row_mask(rows: Iterable[int], size: int) -> int:
    """A bit array over `size` rows (a Python int: AND and popcount run in C) with the bits
    of `rows` set, built in one pass (the directory screen's filters and search's)."""
    if isinstance(rows, Sequence) and not rows:
        return 0
    bits = bytearray((size + 7) // 8)
    for i in rows:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


# -------------------------------------------------------------------- import --
class FacilityRow(NamedTuple):
    id: str
    name: str
    name2: str
    street1: str
    street2: str
    city: str
    state: str
    zip: str
    phone: str
    intake_phones: str
    levels: str
    services: str
    latitude: float | None
    longitude: float | None
    position_kind: str
    website: str = ""


class ServiceRow(NamedTuple):
    code: str
    label: str
    category: str
    position: int
    source_label: str
    source_category: str


class DirectoryDbError(Exception):
    """The content database cannot take a directory import (one-line reason)."""


#: How long an import waits for another program's write to finish before giving up.
BUSY_SECONDS = 2.0


def _account(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def _write_problem(path: Path) -> str:
    """Why this account cannot write `path` (and the journal beside it), or ''."""
    import os

    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent  # a data folder not made yet: the first one that exists
    # The effective account is the one that writes (it differs from the real one under
    # setuid tools); where the OS cannot check it, the real one is the best guess.
    effective = os.access in os.supports_effective_ids
    if (not path.exists() or os.access(path, os.W_OK, effective_ids=effective)) \
            and os.access(folder, os.W_OK | os.X_OK, effective_ids=effective):
        return ""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owner to name
        return (f"the content database {path} is read-only for this account; run "
                "kiosk-admin as the account that installed the kiosk, or ask IT to make the "
                "file and its folder writable")
    me = _account(os.geteuid() if effective else getuid())
    what = path if path.exists() and not os.access(path, os.W_OK, effective_ids=effective) \
        else folder
    owner = _account(what.stat().st_uid)
    return (f"{what} is read-only for the account {me!r} (it belongs to {owner!r}); run "
            f"the import as {owner!r} (for example: sudo -u {owner} kiosk-admin ...), or ask "
            "IT to make the content database and its folder writable for this account")


def explain(exc: sqlite3.Error | OSError, path: Path) -> str:
    """One line saying what went wrong writing the content database and what to do."""
    text = str(exc).lower()
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return _write_problem(path) or (
            f"the content database {path} is read-only; make it writable and try again")
    if "locked" in text or "busy" in text:
        return (f"the content database {path} is in use by another program (another import "
                "or a build); wait for it to finish, or close it, and try again")
    if "full" in text or getattr(exc, "errno", None) == 28:
        return (f"the disk holding {path} is full; free some space on it (the import needs "
                "about twice the database's size) and try again")
    if "unable to open" in text or "disk i/o" in text:
        return (_write_problem(path) or
                f"the content database {path} could not be written ({exc}); check the disk "
                "and that its folder is writable, then try again")
    return f"the content database {path} could not be written ({exc})"


def check_writable(path: Path) -> None:
    """Raise DirectoryDbError at once when this account cannot write `path`, before any
    slow reading of the new directory."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise DirectoryDbError(f"content database not found: {path} (build it with db/build.py)")
    problem = _write_problem(path)
    if problem:
        raise DirectoryDbError(problem)


def open_for_import(path: Path, busy_seconds: float = BUSY_SECONDS) -> sqlite3.Connection:
    """Open an existing content database for writing; the caller runs the transaction."""
    path = Path(path)
    check_writable(path)
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_seconds)
    except sqlite3.Error as exc:
        raise DirectoryDbError(explain(exc, path)) from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_table = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'facility'"
        ).fetchone()[0]
    except sqlite3.OperationalError as exc:
        conn.close()
        raise DirectoryDbError(explain(exc, path)) from None
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise DirectoryDbError(f"content database is corrupt: {path}: {exc}") from None
    if app_id != APPLICATION_ID or version != SCHEMA_VERSION or not has_table:
        conn.close()
        raise DirectoryDbError(
            f"{path} is not a version {SCHEMA_VERSION} kiosk content database; "
            "rebuild it with db/build.py"
        )
    return conn


@contextmanager
def import_transaction(path: Path, *, max_pages: int | None = None,
                       busy_seconds: float = BUSY_SECONDS
                       ) -> Generator[sqlite3.Connection, None, None]:
    """One write transaction over the content database: committed when the block ends,
    rolled back (the file left byte for byte as it was) on any error. Database problems
    come out as DirectoryDbError with one line saying what to do."""
    path = Path(path)
    conn = open_for_import(path, busy_seconds)
    try:
        try:
            if max_pages is not None:
                conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise DirectoryDbError(explain(exc, path)) from None
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error | OSError):
                raise DirectoryDbError(explain(exc, path)) from None
            raise
    finally:
        conn.close()


def _rows_by_id(conn: sqlite3.Connection) -> dict[str, FacilityRow]:
    exists = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'facility'"
    ).fetchone()[0]
    if not exists:
        return {}
    return {str(r[0]): FacilityRow(*r) for r in conn.execute(
        f"SELECT {_FACILITY_COLUMNS} FROM facility ORDER BY id")}


def current_facilities(conn: sqlite3.Connection) -> dict[str, FacilityRow]:
    """The directory as stored now (inside the caller's transaction)."""
    return _rows_by_id(conn)


@contextmanager
def _reading(path: Path, busy_seconds: float = BUSY_SECONDS
             ) -> Generator[sqlite3.Connection, None, None]:
    """The content database at `path`, open read-only, waiting up to `busy_seconds` for a
    writer's lock; any SQLite error as one line."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        raise DirectoryDbError(f"content database not found: {path} (build it with db/build.py)")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=busy_seconds)
    except sqlite3.Error as exc:
        raise DirectoryDbError(explain(exc, path)) from None
    try:
        yield conn
    except sqlite3.Error as exc:
        raise DirectoryDbError(explain(exc, path)) from None
    finally:
        conn.close()


def read_current_facilities(path: Path, busy_seconds: float = BUSY_SECONDS
                            ) -> dict[str, FacilityRow]:
    """The directory in the content database at `path`, read without writing anything."""
    with _reading(path, busy_seconds) as conn:
        return _rows_by_id(conn)


def _services(conn: sqlite3.Connection) -> list[ServiceRow]:
    exists = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'directory_service'"
    ).fetchone()[0]
    if not exists:
        return []
    return [ServiceRow(*r) for r in conn.execute(
        "SELECT code, label, category, position, source_label, source_category"
        " FROM directory_service ORDER BY position, code")]


#: Which ZIP code list the zip_centroid table was filled from (a meta key), so that the
#: next import reads the table rather than the list when it is the same one.
ZIP_TABLE_META = "directory.zip_table"


def read_zip_centroids(path: Path, source: str, busy_seconds: float = BUSY_SECONDS
                       ) -> dict[str, tuple[str, float, float]] | None:
    """The zip_centroid table of the content database at `path` (zip -> (state, latitude,
    longitude)) when it was filled from `source`, else None (read without writing; also
    None when the database stays locked for `busy_seconds`)."""
    if not source:
        return None
    try:
        with _reading(path, busy_seconds) as conn:
            found = conn.execute("SELECT value FROM meta WHERE key = ?",
                                 (ZIP_TABLE_META,)).fetchone()
            if found is None or str(found[0]) != source:
                return None
            rows = conn.execute("SELECT zip, state, latitude, longitude FROM zip_centroid"
                                " ORDER BY zip").fetchall()
    except DirectoryDbError:
        return None
    if not rows:
        return None
    return {str(z): (str(s), float(lat), float(lon)) for z, s, lat, lon in rows}


def read_current_services(path: Path, busy_seconds: float = BUSY_SECONDS
                          ) -> tuple[list[ServiceRow], str]:
    """The service codes the content database at `path` knows and its directory's source,
    read without writing."""
    with _reading(path, busy_seconds) as conn:
        found = conn.execute("SELECT value FROM meta WHERE key = 'directory.source'").fetchone()
        return _services(conn), str(found[0]) if found else ""


def replace_directory(conn: sqlite3.Connection, *, services: Iterable[ServiceRow],
                      facilities: Iterable[FacilityRow],
                      zips: Iterable[tuple[str, str, float, float]],
                      meta: dict[str, str]) -> None:
    """Swap the whole directory; runs inside the caller's transaction."""
    zips = list(zips)
    conn.execute("DELETE FROM facility")
    conn.execute("DELETE FROM directory_service")
    conn.executemany("INSERT INTO directory_service VALUES (?, ?, ?, ?, ?, ?)", services)
    conn.executemany(
        f"INSERT INTO facility ({_FACILITY_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", facilities
    )
    # The ZIP code list comes from one source (a package version) for every directory: the
    # ~41,000 rows already there from that source stay, instead of being written again.
    if not _holds_zip_table(conn, meta.get(ZIP_TABLE_META, ""), len(zips)):
        conn.execute("DELETE FROM zip_centroid")
        conn.executemany("INSERT INTO zip_centroid VALUES (?, ?, ?, ?)", zips)
    conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     sorted(meta.items()))


def _holds_zip_table(conn: sqlite3.Connection, source: str, rows: int) -> bool:
    """Whether zip_centroid already holds the `rows` ZIP codes of `source`."""
    if not source:
        return False
    found = conn.execute("SELECT value FROM meta WHERE key = ?", (ZIP_TABLE_META,)).fetchone()
    if found is None or str(found[0]) != source:
        return False
    return int(conn.execute("SELECT count(*) FROM zip_centroid").fetchone()[0]) == rows


def schema_version_of(path: Path) -> int | None:
    """The content database's layout version (its user_version), None when it cannot be
    read as a kiosk content database."""
    try:
        with _reading(path) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
    except DirectoryDbError:
        return None
    return int(version) if app_id == APPLICATION_ID else None


#: The directory's tables, copied whole from an older layout into the current one.
_DIRECTORY_TABLES = ("directory_service", "facility", "zip_centroid")


def carry_directory(target: Path, old: Path) -> int:
    """Copy the directory (its tables and its meta rows) from the content database `old`,
    saved by an app version with an older layout, into the content database `target` (this
    version's layout), the columns both layouts have (newer ones at their default), and
    rebuild `target`'s search index: one transaction. Returns the number of facilities.
    Raises DirectoryDbError when it cannot be done (nothing changed then)."""
    from kiosk.store.search import build_index

    conn = sqlite3.connect(target, isolation_level=None, timeout=BUSY_SECONDS)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (f"{Path(old).resolve().as_uri()}?mode=ro",))
        conn.execute("BEGIN IMMEDIATE")
        for table in _DIRECTORY_TABLES:
            ours = [str(r[1]) for r in conn.execute(f"PRAGMA main.table_info({table})")]
            theirs = {str(r[1]) for r in conn.execute(f"PRAGMA old.table_info({table})")}
            shared = ", ".join(c for c in ours if c in theirs)
            if not shared:
                raise DirectoryDbError(f"the old imported directory {old} has no {table}")
            conn.execute(f"DELETE FROM main.{table}")
            conn.execute(f"INSERT INTO main.{table} ({shared}) SELECT {shared} FROM old.{table}")
        conn.execute("DELETE FROM main.meta WHERE key LIKE 'directory.%'")
        conn.execute("INSERT INTO main.meta (key, value) SELECT key, value FROM old.meta"
                     " WHERE key LIKE 'directory.%'")
        count = int(conn.execute("SELECT count(*) FROM main.facility").fetchone()[0])
        build_index(conn)
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise DirectoryDbError(f"the old imported directory {old} cannot be carried into "
                               f"this version's layout: {exc}") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return count


# ---------------------------------------------------------------------- read --
_SUMMARY_SQL = ("SELECT id, name, city, state, zip, phone, levels, services, latitude, longitude,"
                " position_kind, street1, street2 FROM facility {where}"
                " ORDER BY state, name, id LIMIT ?")
#: One program as the directory screen's index reads it: id, name, city, state, zip, phone,
#: street1, street2, levels and services (space-separated), latitude, longitude (None when
#: unknown), position_kind. Plain tuples: the index keeps no object per program.
IndexRow = tuple[str, str, str, str, str, str, str, str, str, str, float | None, float | None,
                 str]
_INDEX_SQL = ("SELECT id, name, city, state, zip, phone, street1, street2, levels, services,"
              " latitude, longitude, position_kind FROM facility {where}"
              " ORDER BY state, name, id LIMIT ?")
_FACILITY_COLUMNS = ("id, name, name2, street1, street2, city, state, zip, phone, intake_phones,"
                     " levels, services, latitude, longitude, position_kind, website")


# ------------------------------------------------------------- packed index --
#: The directory screen's index rows, packed once when the directory is written
#: (`pack_index`, run by kiosk.store.search.build_index after every directory change), so
#: the kiosk reads a few blobs per 16,384 programs rather than 13 columns per program and
#: never splits every program's ~80 service codes while a visitor waits: loading stays a
#: small, linear step at any directory size. A pack that does not match the facility table
#: (an older build, a table changed by hand) is ignored and the rows are read as they are.
PACK_FORMAT = 3
#: Programs per chunk: a multiple of 8, so each chunk's bit arrays are whole bytes, and
#: small enough that a chunk's blobs stay in the CPU's cache while they are copied (a
#: quarter of the rows made a 122,000-program load ~10% faster; each step ~1 ms).
PACK_CHUNK = 4096
#: Separates a program's fields in its record (never in directory text: the importers
#: drop control characters).
RECORD_SEP = "\x1f"
_PACK_SCHEMA = ("CREATE TABLE IF NOT EXISTS directory_pack ("
                " chunk INTEGER NOT NULL, part TEXT NOT NULL, data BLOB NOT NULL,"
                " PRIMARY KEY (chunk, part)) WITHOUT ROWID")
_HEADER_CHUNK = -1
_BIG_ENDIAN = sys.byteorder == "big"


class PackedRows(NamedTuple):
    """Up to PACK_CHUNK programs of the index, in index order (state, name, id).

    text and offsets: the programs' records in UTF-8, one after another, program i's
    record being text[offsets[i]:offsets[i + 1]] (one bytes object and one array, not a
    string per program; a record is decoded when it is shown):
    its id, name, city, state, zip, phone, street1, street2, levels (space-separated) and
    position_kind, joined by RECORD_SEP; states: runs of (state, programs); positions:
    latitude and longitude per program (NaN when unknown); codes and levels: for each
    service code and level of care, a bit array over these programs, little-endian bytes
    (bit i: program i; int.from_bytes(..., "little") for the codes a reader uses)."""

    text: bytes
    offsets: array[int]
    states: list[tuple[str, int]]
    positions: array[float]
    codes: dict[str, bytes]
    levels: dict[str, bytes]


def _order_keys(conn: sqlite3.Connection) -> tuple[int, list[str], list[str]]:
    """(programs, first and last (state, name, id) in index order): what a pack must match."""
    count = int(conn.execute("SELECT count(*) FROM facility").fetchone()[0])
    first = conn.execute("SELECT state, name, id FROM facility"
                         " ORDER BY state, name, id LIMIT 1").fetchone()
    last = conn.execute("SELECT state, name, id FROM facility"
                        " ORDER BY state DESC, name DESC, id DESC LIMIT 1").fetchone()
    return count, [str(v) for v in first or ()], [str(v) for v in last or ()]


def pack_index(conn: sqlite3.Connection) -> int:
    """Pack the facility table for the directory screen's index (inside the caller's
    transaction); returns the chunks written (0: nothing to pack, the rows are read as
    they are)."""
    conn.execute(_PACK_SCHEMA)
    conn.execute("DELETE FROM directory_pack")
    parts: list[tuple[int, str, bytes]] = []
    rows = conn.execute(_INDEX_SQL.format(where=""), (-1,))
    chunk = 0
    while True:
        batch = rows.fetchmany(PACK_CHUNK)
        if not batch:
            break
        packed = _pack_chunk(chunk, batch)
        if packed is None:  # a field that would break the records: no pack at all
            conn.execute("DELETE FROM directory_pack")
            return 0
        parts += packed
        chunk += 1
    if not chunk:
        return 0
    count, first, last = _order_keys(conn)
    header = {"format": PACK_FORMAT, "rows": count, "chunks": chunk, "first": first,
              "last": last}
    parts.append((_HEADER_CHUNK, "header", json.dumps(header, sort_keys=True).encode()))
    conn.executemany("INSERT INTO directory_pack (chunk, part, data) VALUES (?, ?, ?)", parts)
    return chunk


def _pack_chunk(chunk: int, rows: list[IndexRow]) -> list[tuple[int, str, bytes]] | None:
    size = (len(rows) + 7) // 8
    records: list[str] = []
    states: list[list[str | int]] = []
    positions = array("d")
    nan = float("nan")

    def blank() -> bytearray:
        return bytearray(size)

    code_bits: defaultdict[str, bytearray] = defaultdict(blank)
    level_bits: defaultdict[str, bytearray] = defaultdict(blank)
    for j, (fid, name, city, state, zip_code, phone, street1, street2, levels, services,
            lat, lon, kind) in enumerate(rows):
        record = RECORD_SEP.join((fid, name, city, state, zip_code, phone, street1, street2,
                                  levels, kind))
        if record.count(RECORD_SEP) != 9:
            return None
        records.append(record)
        if states and states[-1][0] == state:
            states[-1][1] = int(states[-1][1]) + 1
        else:
            states.append([state, 1])
        positions.append(nan if lat is None else lat)
        positions.append(nan if lon is None else lon)
        byte, bit = j >> 3, 1 << (j & 7)
        for code in services.split():  # ~80 codes a program: the pack's one inner loop
            code_bits[code][byte] |= bit
        for level in levels.split():
            level_bits[level][byte] |= bit
    encoded = [record.encode() for record in records]
    offsets = array("I", [0])
    offsets.extend(accumulate(map(len, encoded)))
    if _BIG_ENDIAN:
        positions.byteswap()
        offsets.byteswap()
    parts = [(chunk, "records", b"".join(encoded)),
             (chunk, "offsets", offsets.tobytes()),
             (chunk, "states", json.dumps(states).encode()),
             (chunk, "positions", positions.tobytes())]
    for kind, bits in (("code", code_bits), ("level", level_bits)):
        parts += [(chunk, f"{kind}:{key}", bytes(b)) for key, b in sorted(bits.items())]
    return parts


def has_current_pack(conn: sqlite3.Connection) -> bool:
    """Whether the facility table has a pack that matches it."""
    return _pack_header(conn) > 0


def _pack_header(conn: sqlite3.Connection) -> int:
    """The number of chunks of a pack that matches the facility table, else 0."""
    exists = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                          " AND name = 'directory_pack'").fetchone()[0]
    if not exists:
        return 0
    found = conn.execute("SELECT data FROM directory_pack WHERE chunk = ? AND part = 'header'",
                         (_HEADER_CHUNK,)).fetchone()
    if found is None:
        return 0
    try:
        header = json.loads(bytes(found[0]).decode())
    except (TypeError, ValueError, UnicodeDecodeError):
        return 0
    if not isinstance(header, dict) or header.get("format") != PACK_FORMAT:
        return 0
    count, first, last = _order_keys(conn)
    if [header.get("rows"), header.get("first"), header.get("last")] != [count, first, last]:
        return 0
    chunks = header.get("chunks")
    return chunks if isinstance(chunks, int) and chunks > 0 else 0


def _read_chunk(conn: sqlite3.Connection, chunk: int) -> PackedRows:
    with closing(conn.execute("SELECT part, data FROM directory_pack WHERE chunk = ?",
                              (chunk,))) as cursor:
        parts: dict[str, object] = {str(part): data for part, data in cursor}
    damaged = sqlite3.DatabaseError(f"directory_pack chunk {chunk} is damaged")
    if not all(isinstance(data, bytes) for data in parts.values()):
        raise damaged  # pack parts are only ever written as blobs
    blobs: dict[str, bytes] = {part: data for part, data in parts.items()
                               if isinstance(data, bytes)}
    try:
        text = blobs["records"]
        offsets = array("I")
        offsets.frombytes(blobs["offsets"])
        states = [(str(s), int(n)) for s, n in json.loads(blobs["states"].decode())]
        positions = array("d")
        positions.frombytes(blobs["positions"])
    except (KeyError, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise damaged from exc
    if _BIG_ENDIAN:
        positions.byteswap()
        offsets.byteswap()
    size = len(offsets) - 1
    if size < 1 or offsets[0] != 0 or offsets[-1] != len(text) \
            or len(positions) != 2 * size or sum(n for _, n in states) != size:
        raise damaged
    codes: dict[str, bytes] = {}
    levels: dict[str, bytes] = {}
    for part, data in blobs.items():
        kind, _, key = part.partition(":")
        if kind == "code":
            codes[key] = data
        elif kind == "level":
            levels[key] = data
    return PackedRows(text, offsets, states, positions, codes, levels)


class DirectoryRepository:
    """Intent-named queries over the directory. Every method works on a database without
    a directory (empty results, `has_directory()` False)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._services: dict[str, FacilityService] | None = None
        self._rank: dict[str, int] = {}
        self._has: bool | None = None

    # ------------------------------------------------------------- overview --
    def has_directory(self) -> bool:
        if self._has is None:
            exists = self._conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'facility'"
            ).fetchone()[0]
            self._has = bool(exists) and self._conn.execute(
                "SELECT EXISTS (SELECT 1 FROM facility)"
            ).fetchone()[0] == 1
            # Local programs (kiosk.store.local_sources) are a directory of their own.
            self._has = self._has or local_sources.has_programs(self._conn)
        return self._has

    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else ""

    def source(self) -> str:
        return self._meta("directory.source")

    def data_date(self) -> str:
        return self._meta("directory.data_date")

    def state_counts(self) -> dict[str, int]:
        if not self.has_directory():
            return {}
        rows = self._conn.execute(
            "SELECT state, count(*) FROM facility GROUP BY state ORDER BY state"
        )
        counts = {str(s): int(n) for s, n in rows}
        for state, n in local_sources.state_counts(self._conn).items():
            counts[state] = counts.get(state, 0) + n
        return dict(sorted(counts.items()))

    def stats(self) -> DirectoryStats:
        by_level = dict.fromkeys(DIRECTORY_LEVELS, 0)
        positions = {"exact": 0, "approximate": 0, "none": 0}
        total = 0
        if self.has_directory():
            for levels, in self._conn.execute("SELECT levels FROM facility"):
                total += 1
                for level in str(levels).split():
                    if level in by_level:
                        by_level[level] += 1
            for kind, n in self._conn.execute(
                "SELECT position_kind, count(*) FROM facility GROUP BY position_kind"
            ):
                positions[str(kind)] = int(n)
        return DirectoryStats(
            facilities=total, by_state=self.state_counts(), by_level=by_level,
            positions=positions, source=self.source(), data_date=self.data_date(),
        )

    def checks(self) -> DirectoryChecks:
        """The data-truth figures of the stored directory (see DirectoryChecks)."""
        outpatient = 0
        detox_only: list[str] = []
        exact_far = 0
        centres: dict[str, tuple[float, float]] = {}
        if self.has_directory():
            centres = {str(z): (float(a), float(b)) for z, a, b in self._conn.execute(
                "SELECT zip, latitude, longitude FROM zip_centroid")}
            for fid, levels, services, zip5, lat, lon, kind in self._conn.execute(
                    "SELECT id, levels, services, zip, latitude, longitude, position_kind"
                    " FROM facility ORDER BY id"):
                codes = set(str(services).split())
                outpatient += "outpatient" in str(levels).split() and "ORT" not in codes
                if "DLC" in codes and "LFXD" not in codes:
                    detox_only.append(str(fid))
                centre = centres.get(str(zip5))
                if kind == "exact" and centre is not None and isinstance(lat, float) \
                        and isinstance(lon, float):
                    exact_far += haversine_miles(lat, lon, *centre) > FAR_FROM_ZIP_MILES
        recorded = self._positions_meta()
        far = recorded.get("far_from_zip", [])
        return DirectoryChecks(
            outpatient_without_regular_code=outpatient,
            lofexidine_from_detox_only=tuple(detox_only), exact_far_from_zip=exact_far,
            far_from_zip=tuple((str(f), float(m)) for f, m in far if isinstance(f, str)
                               and isinstance(m, int | float)) if isinstance(far, list) else (),
            house_number_matches=int(recorded.get("house_number_matches", 0) or 0),
        )

    def last_changes(self) -> dict[str, int]:
        """How many programs the last import added, removed and changed ({} when no import
        recorded its change report)."""
        try:
            found = json.loads(self._meta("directory.change_report") or "{}")
        except ValueError:
            return {}
        if not isinstance(found, dict) or not found:
            return {}
        return {kind: len(found.get(kind) or []) for kind in ("added", "removed", "changed")}

    def _positions_meta(self) -> dict[str, Any]:
        try:
            found = json.loads(self._meta(POSITIONS_META) or "{}")
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def services(self) -> dict[str, FacilityService]:
        """Every service code in display order (group, then label)."""
        if self._services is None:
            self._services = {}
            if self.has_directory():
                for code, label, category in self._conn.execute(
                    "SELECT code, label, category FROM directory_service"
                    " ORDER BY position, label, code"
                ):
                    self._services[str(code)] = FacilityService(str(code), str(label),
                                                                str(category))
            self._rank = {code: i for i, code in enumerate(self._services)}
        return self._services

    def local_sources(self) -> list[LocalSource]:
        """The local resource lists shown beside the directory (kiosk-admin import hsds)."""
        return local_sources.sources(self._conn)

    def local_states(self) -> list[str]:
        """The states with local programs, most programs first."""
        counts = local_sources.state_counts(self._conn)
        return sorted(counts, key=lambda s: (-counts[s], s))

    def filter_codes(self) -> set[str]:
        """Every code a filter can match: the service codes and the local programs' own."""
        codes = set(self.services())
        if local_sources.has_programs(self._conn):
            codes.update((local_sources.LOCAL_CODE, local_sources.HOURS_CODE))
        return codes

    # ---------------------------------------------------------------- lists --
    def summaries(self) -> list[FacilitySummary]:
        """Every facility, by state then name: the screen filters these in memory."""
        return [s for batch in self.summary_batches() for s in batch]

    def summary_batches(self, size: int = 400) -> Generator[list[FacilitySummary], None, None]:
        """`summaries()` a batch at a time (the screen loads between frames).

        Each batch is its own query, read to the end and closed before it is yielded, so no
        cursor stays open between batches: a caller that stops early, or never closes this
        generator, cannot leave a cursor behind its connection. The facility_state index
        (state, name, then the primary key id) keeps each batch a short range seek.
        """
        if not self.has_directory():
            return
        # Local programs first: a library's own list, each row marked with its source.
        local = local_sources.summaries(self._conn)
        for start in range(0, len(local), size):
            yield local[start:start + size]
        for rows in self._keyset_batches(_SUMMARY_SQL, size):
            yield [
                FacilitySummary(
                    id=r[0], name=r[1], city=r[2], state=r[3], zip=r[4], phone=r[5],
                    levels=tuple(str(r[6]).split()), codes=frozenset(str(r[7]).split()),
                    latitude=r[8], longitude=r[9], position_approximate=r[10] != "exact",
                    street1=r[11] or "", street2=r[12] or "",
                )
                for r in rows
            ]

    def _keyset_batches(self, sql: str, size: int) -> Generator[list[Any], None, None]:
        """The facility rows of `sql` (id, name, city, state first) by state, name and id,
        `size` at a time, each batch read by its own query and closed before it is yielded."""
        after: tuple[str, str, str] | None = None
        while True:
            params: tuple[str | int, ...] = (size,) if after is None else (*after, size)
            where = "" if after is None else "WHERE (state, name, id) > (?, ?, ?)"
            with closing(self._conn.execute(sql.format(where=where), params)) as cursor:
                rows = cursor.fetchall()
            if not rows:
                return
            after = (str(rows[-1][3]), str(rows[-1][1]), str(rows[-1][0]))
            yield rows
            if len(rows) < size:
                return

    def index_batches(self, size: int = 1000,
                      ) -> Generator[list[IndexRow] | list[FacilitySummary] | PackedRows,
                                     None, None]:
        """Every program by state then name, a batch at a time: local programs first, as
        FacilitySummary (they carry their opening hours), then the directory as PackedRows
        when the database holds a pack that matches it, else as IndexRows.

        As summary_batches: each batch is its own short query, closed before it is yielded.
        """
        if not self.has_directory():
            return
        local = local_sources.summaries(self._conn)
        for start in range(0, len(local), size):
            yield local[start:start + size]
        chunks = _pack_header(self._conn)
        if chunks:
            for chunk in range(chunks):
                yield _read_chunk(self._conn, chunk)
            return
        yield from self._keyset_batches(_INDEX_SQL, size)

    def zip_position(self, zip_code: str) -> tuple[float, float] | None:
        """The centre of a 5-digit US ZIP code, or None when it is unknown."""
        if len(zip_code) != 5 or not zip_code.isdigit() or not self.has_directory():
            return None
        row = self._conn.execute(
            "SELECT latitude, longitude FROM zip_centroid WHERE zip = ?", (zip_code,)
        ).fetchone()
        return (float(row[0]), float(row[1])) if row else None

    # --------------------------------------------------------------- detail --
    def _facility(self, row: tuple[object, ...]) -> Facility:
        services = self.services()
        codes = str(row[11]).split()
        return Facility(
            id=str(row[0]), name=str(row[1]), name2=str(row[2]), street1=str(row[3]),
            street2=str(row[4]), city=str(row[5]), state=str(row[6]), zip=str(row[7]),
            phone=str(row[8]),
            intake_phones=tuple(p for p in str(row[9]).split("\n") if p),
            levels=tuple(str(row[10]).split()),
            services=tuple(services[c] for c in sorted(
                (c for c in codes if c in services), key=self._rank.__getitem__)),
            latitude=row[12] if isinstance(row[12], float) else None,
            longitude=row[13] if isinstance(row[13], float) else None,
            position_kind=str(row[14]), website=str(row[15] or ""),
        )

    def facility(self, facility_id: str,
                 near: tuple[float, float] | None = None) -> Facility | None:
        """One facility with its services in display order; distance from `near` if given."""
        if not self.has_directory():
            return None
        if local_sources.is_local(facility_id):
            found = local_sources.facility(self._conn, facility_id)
            if found is None:
                return None
            facility = found
        else:
            row = self._conn.execute(
                f"SELECT {_FACILITY_COLUMNS} FROM facility WHERE id = ?", (facility_id,)
            ).fetchone()
            if row is None:
                return None
            facility = self._facility(row)
        if near is not None and facility.latitude is not None and facility.longitude is not None:
            miles = haversine_miles(near[0], near[1], facility.latitude, facility.longitude)
            facility = _with_distance(facility, miles)
        return facility

    def search_facilities(self, state: str | None = None, levels: set[str] | None = None,
                          near_zip: str | None = None,
                          radius_miles: float | None = None,
                          limit: int | None = None) -> list[Facility]:
        """Facilities for a printed list or booklet.

        `state`: two-letter code (None: every state). `levels`: keep facilities offering
        any of these DIRECTORY_LEVELS. `near_zip`: sort by distance from that ZIP's centre
        (unknown ZIP: empty list) and fill `distance_miles`; `radius_miles` then keeps only
        those that close. Without a ZIP the order is by name. `limit` caps the count.
        """
        if not self.has_directory():
            return []
        sql = f"SELECT {_FACILITY_COLUMNS} FROM facility"
        params: tuple[str, ...] = ()
        if state:
            sql += " WHERE state = ?"
            params = (state.upper(),)
        sql += " ORDER BY name, id"
        wanted = set(levels or ())
        found = [self._facility(r) for r in self._conn.execute(sql, params)]
        local = local_sources.facilities(self._conn, state)
        if local:
            found = sorted([*found, *local], key=lambda f: (f.name, f.id))
        if wanted:
            found = [f for f in found if wanted.intersection(f.levels)]
        if near_zip is not None:
            origin = self.zip_position(near_zip)
            if origin is None:
                return []
            near: list[Facility] = []
            for f in found:
                if f.latitude is None or f.longitude is None:
                    continue
                miles = haversine_miles(origin[0], origin[1], f.latitude, f.longitude)
                if radius_miles is None or miles <= radius_miles:
                    near.append(_with_distance(f, miles))
            near.sort(key=lambda f: (f.distance_miles, f.name, f.id))
            found = near
        return found[:limit] if limit is not None else found


def _with_distance(facility: Facility, miles: float) -> Facility:
    from dataclasses import replace

    return replace(facility, distance_miles=round(miles, 1))

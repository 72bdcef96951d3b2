"""The writable admin database: settings, never visitor activity.

The only usage data is the optional per-day screen-view count (off by default,
kiosk/store/counters.py): a screen name, a calendar day and a number.

Ordered migrations, each in one transaction that bumps `user_version`; the file is
copied aside before any migration runs.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

ADMIN_DB_NAME = "admin.sqlite"


def _m001_settings(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"
    )


def _m002_admin_pin(conn: sqlite3.Connection) -> None:
    # One row: the admin PIN's scrypt hash and the wrong-PIN lockout (kiosk/store/pins.py).
    conn.execute(
        "CREATE TABLE admin_pin (id INTEGER PRIMARY KEY CHECK (id = 1),"
        " pin_hash TEXT NOT NULL DEFAULT '', failures INTEGER NOT NULL DEFAULT 0,"
        " locked_until REAL NOT NULL DEFAULT 0)"
    )


def _m003_screen_views(conn: sqlite3.Connection) -> None:
    # Optional aggregate counters (kiosk/store/counters.py): views per screen per calendar day.
    conn.execute(
        "CREATE TABLE screen_views (day TEXT NOT NULL, screen TEXT NOT NULL,"
        " views INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, screen)) WITHOUT ROWID"
    )


# Append only; never edit a released migration. Index + 1 is the resulting user_version.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m001_settings,
    _m002_admin_pin,
    _m003_screen_views,
]


class AdminDbError(Exception):
    """The admin database cannot be opened or migrated (one-line reason)."""


def open_admin_db(data_dir: Path) -> sqlite3.Connection:
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ADMIN_DB_NAME
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode = DELETE")
        migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        hint = (" (check the kiosk's data folder and its permissions)"
                if "unable to open" in str(exc) else "")
        raise AdminDbError(f"admin database {path}: {exc}{hint}") from None
    _owner_only(path)
    return conn


def _owner_only(path: Path) -> None:
    """The PIN hash and settings are the kiosk account's alone (0600 where modes exist)."""
    with contextlib.suppress(OSError, NotImplementedError):
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: Path | None = None) -> int:
    current = schema_version(conn)
    target = len(MIGRATIONS)
    if current > target:
        raise AdminDbError(f"admin database version {current} is newer than this kiosk ({target})")
    if current == target:
        return current
    if path is not None and current > 0 and path.exists():
        backup = path.with_name(f"{path.name}.v{current}.bak")
        conn.execute("PRAGMA wal_checkpoint")
        shutil.copy2(path, backup)
        _owner_only(backup)  # it holds the PIN hash too, whatever mode an old build left
        log.info("admin database backed up to %s before migrating", backup)
    for version in range(current, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("admin database migrated to version %d", version + 1)
    return target


class SettingsRepository:
    """Key/value settings an administrator changes. Values are stored as text."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, key: str, default: str = "") -> str:
        row = self._conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set(self, key: str, value: str) -> None:
        self._conn.execute(
            "INSERT INTO setting (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def delete(self, key: str) -> None:
        self._conn.execute("DELETE FROM setting WHERE key = ?", (key,))

    def all(self) -> dict[str, str]:
        return {str(k): str(v) for k, v in self._conn.execute("SELECT key, value FROM setting")}


def integrity_check(conn: sqlite3.Connection) -> str:
    """SQLite's quick_check on an open database: "ok", or the first problems it reports."""
    try:
        rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        return f"cannot check: {exc}"
    return "; ".join(rows) or "no answer"

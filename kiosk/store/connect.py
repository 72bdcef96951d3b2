"""Open the read-only content database and check that it is one we understand."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: db/schema.sql's user_version (db/build.py refuses to build when they differ).
SCHEMA_VERSION = 2
APPLICATION_ID = 1380401995  # 'RGKK'


class ContentDbError(Exception):
    """The content database is missing, corrupt or of the wrong version (one-line reason)."""


def open_content_db(path: Path) -> sqlite3.Connection:
    """Open `path` read-only and immutable; raise ContentDbError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise ContentDbError(f"content database not found: {path}")
    if not path.is_file():
        raise ContentDbError(f"content database is not a file: {path}")
    if path.stat().st_size == 0:
        raise ContentDbError(f"content database is empty: {path}")
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise ContentDbError(f"content database cannot be opened: {path}: {exc}") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM meta").fetchone()
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ContentDbError(f"content database is corrupt: {path}: {exc}") from None
    if app_id != APPLICATION_ID:
        conn.close()
        raise ContentDbError(
            f"not a kiosk content database (application_id {app_id}): {path}"
        )
    if version != SCHEMA_VERSION:
        conn.close()
        raise ContentDbError(
            f"content database version {version}, this kiosk needs {SCHEMA_VERSION}: {path}"
        )
    return conn

"""Open the read-only content database and check that it is one we understand."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: db/schema.sql's user_version (db/build.py refuses to build when they differ).
SCHEMA_VERSION = 2
APPLICATION_ID = 1380401995  # 'RGKK'


#: Every table and column the kiosk reads, as db/schema.sql makes them (a test keeps the two
#: the same). A database missing any of them is refused when it is opened, so a visitor
#: never meets a screen that fails on its first query.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "meta": ("key", "value"),
    "guide_section": ("id", "lang", "position", "topic", "title", "body_md"),
    "faq": ("id", "lang", "position", "question", "answer_md"),
    "care_level": ("id", "lang", "position", "name", "short_name", "summary",
                   "where_you_live", "weekly_hours", "best_for", "cost", "supervision"),
    "checklist_item": ("id", "lang", "position", "text", "item_group"),
    "helpline": ("id", "lang", "position", "name", "number", "tel", "promise", "hours",
                 "languages", "disclosure", "featured"),
    "directory_service": ("code", "label", "category", "position", "source_label",
                          "source_category"),
    "facility": ("id", "name", "name2", "street1", "street2", "city", "state", "zip",
                 "phone", "intake_phones", "levels", "services", "latitude", "longitude",
                 "position_kind", "website"),
    "zip_centroid": ("zip", "state", "latitude", "longitude"),
    "search_doc": ("id", "kind", "ref_id", "lang", "title", "place", "keywords", "body",
                   "levels"),
    "search_term": ("term", "docs"),
    "search_term_lang": ("lang", "term", "docs"),
    "service_text": ("lang", "code", "label"),
    "service_category_text": ("lang", "category", "title"),
}
#: Tables a database may lack as a whole (an older build without the search index: search
#: then finds nothing, see kiosk.store.search); when present they need every column.
OPTIONAL_TABLES = frozenset({"search_doc", "search_term", "search_term_lang",
                             # Other languages' service labels: English shows without them.
                             "service_text", "service_category_text"})


#: SQLite's page cache per content connection (KiB).
CACHE_KIB = 256


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
    # A small page cache: the database is read-only and immutable, so a page not cached
    # here is one read from the system's file cache away, and SQLite's default (2 MiB a
    # connection) stayed resident all day for the few pages a search or a list touches.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    try:
        missing = missing_parts(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ContentDbError(f"content database is corrupt: {path}: {exc}") from None
    if missing:
        conn.close()
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        raise ContentDbError(f"content database is incomplete (missing "
                             f"{', '.join(missing[:3])}{more}): {path}")
    return conn


def missing_parts(conn: sqlite3.Connection) -> list[str]:
    """Tables ("faq") and columns ("faq.answer_md") the kiosk needs that `conn` lacks."""
    tables = {str(row[0]) for row in
              conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    # The full-text indexes are not required: without FTS5 the search reads search_doc.
    missing: list[str] = []
    for table, columns in REQUIRED_COLUMNS.items():
        if table not in tables:
            if table not in OPTIONAL_TABLES:
                missing.append(table)
            continue
        have = {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}
        missing += [f"{table}.{column}" for column in columns if column not in have]
    return missing

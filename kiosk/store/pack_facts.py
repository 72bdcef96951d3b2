"""What a content pack's manifest says about its database, and whether that file is whole."""

from __future__ import annotations

import sqlite3

_LANGUAGE_TABLES = ("guide_section", "faq", "care_level", "checklist_item", "helpline")


def content_languages(conn: sqlite3.Connection) -> list[str]:
    """Every language any visitor-facing table has rows in, sorted."""
    union = " UNION ".join(f"SELECT DISTINCT lang FROM {table}" for table in _LANGUAGE_TABLES)
    return sorted(str(row[0]) for row in conn.execute(union))


def is_intact(conn: sqlite3.Connection) -> bool:
    """SQLite's own page-level check; a truncated or scribbled file fails it."""
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == "ok"

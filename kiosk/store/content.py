"""Repository for the guide, FAQs, care levels, checklist and helplines, in one language.

A repository reads one language only. When the database has no content in the language
asked for, `for_language` gives the fallback language as a whole rather than mixing the
two item by item (a Spanish guide with one English section reads as broken; a whole
English guide reads as "not translated yet").
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from kiosk.domain import ContentInfo, Helpline
from kiosk.store.connect import SCHEMA_VERSION
from kiosk.store.pack_facts import content_languages

if TYPE_CHECKING:
    # Made where they are read: the first frame needs none of them (see kiosk.domain).
    from kiosk.domain_content import CareLevel, Checklist, Faq, GuideSection

__all__ = ["FALLBACK_LANG", "ContentRepository", "content_languages"]

#: The language every content database has in full.
FALLBACK_LANG = "en"


class ContentRepository:
    def __init__(self, conn: sqlite3.Connection, lang: str = "en") -> None:
        self._conn = conn
        self._lang = lang

    @classmethod
    def for_language(cls, conn: sqlite3.Connection, lang: str,
                     fallback: str = FALLBACK_LANG) -> ContentRepository:
        """The content in `lang`, or all of it in `fallback` when `lang` has none;
        `.lang` says which one it is."""
        available = content_languages(conn)
        chosen = lang if lang in available or fallback not in available else fallback
        return cls(conn, chosen)

    @property
    def lang(self) -> str:
        return self._lang

    def languages(self) -> list[str]:
        """Every language this database has content in (for a language button)."""
        return content_languages(self._conn)

    def in_language(self, lang: str) -> ContentRepository:
        """The same database in another language (whole-language fallback as above)."""
        return ContentRepository.for_language(self._conn, lang)

    def _meta(self, key: str, default: str = "") -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def info(self) -> ContentInfo:
        return ContentInfo(
            schema_version=SCHEMA_VERSION,
            welcome_title=self._meta(f"{self._lang}.welcome_title"),
            welcome_text=self._meta(f"{self._lang}.welcome_text"),
            sources=self._meta(f"{self._lang}.sources"),
            directory_source=self._meta("directory.source"),
            directory_date=self._meta("directory.data_date"),
        )

    def has_guide(self) -> bool:
        """Whether this language has any guide text (without reading it)."""
        row = self._conn.execute("SELECT 1 FROM guide_section WHERE lang = ? LIMIT 1",
                                 (self._lang,)).fetchone()
        return row is not None

    def guide_sections(self) -> list[GuideSection]:
        from kiosk.domain_content import GuideSection

        rows = self._conn.execute(
            "SELECT id, position, topic, title, body_md FROM guide_section"
            " WHERE lang = ? ORDER BY position",
            (self._lang,),
        )
        return [GuideSection(*row) for row in rows]

    def faqs(self) -> list[Faq]:
        from kiosk.domain_content import Faq

        rows = self._conn.execute(
            "SELECT id, position, question, answer_md FROM faq WHERE lang = ? ORDER BY position",
            (self._lang,),
        )
        return [Faq(*row) for row in rows]

    def care_levels(self) -> list[CareLevel]:
        from kiosk.domain_content import CareLevel

        rows = self._conn.execute(
            "SELECT id, position, name, short_name, summary, where_you_live, weekly_hours,"
            " best_for, cost, supervision FROM care_level WHERE lang = ? ORDER BY position",
            (self._lang,),
        )
        return [CareLevel(*row) for row in rows]

    def checklist(self) -> Checklist:
        from kiosk.domain_content import Checklist, ChecklistItem

        rows = self._conn.execute(
            "SELECT id, position, text, item_group FROM checklist_item"
            " WHERE lang = ? ORDER BY position",
            (self._lang,),
        )
        return Checklist(
            title=self._meta(f"{self._lang}.checklist_title"),
            intro=self._meta(f"{self._lang}.checklist_intro"),
            items=tuple(ChecklistItem(*row) for row in rows),
        )

    def helplines(self, featured_id: str = "") -> list[Helpline]:
        """All helplines in display order; `featured_id` (an admin setting) goes first."""
        rows = self._conn.execute(
            "SELECT id, position, name, number, tel, promise, hours, languages, disclosure,"
            " featured FROM helpline WHERE lang = ? ORDER BY position",
            (self._lang,),
        )
        lines = [
            Helpline(id=r[0], position=r[1], name=r[2], number=r[3], tel=r[4], promise=r[5],
                     hours=r[6], languages=r[7], disclosure=r[8], featured=bool(r[9]))
            for r in rows
        ]
        chosen = featured_id or next((h.id for h in lines if h.featured), "")
        lines.sort(key=lambda h: h.id != chosen)
        return lines

    def featured_helpline(self, featured_id: str = "") -> Helpline | None:
        lines = self.helplines(featured_id)
        return lines[0] if lines else None

    def service_labels(self) -> dict[str, str]:
        """SAMHSA service code -> label in this language; empty for the directory's own
        English (and for a database built before these labels existed)."""
        return self._pairs("SELECT code, label FROM service_text WHERE lang = ?")

    def service_category_titles(self) -> dict[str, str]:
        """The directory's English group title -> the title in this language."""
        return self._pairs("SELECT category, title FROM service_category_text WHERE lang = ?")

    def _pairs(self, sql: str) -> dict[str, str]:
        try:
            rows = self._conn.execute(sql, (self._lang,)).fetchall()
        except sqlite3.OperationalError:  # no such table: an older content database
            return {}
        return {str(key): str(value) for key, value in rows}

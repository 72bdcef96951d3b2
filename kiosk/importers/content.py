"""Load the editable content sources (resources/content/<lang>/) into the content database."""

from __future__ import annotations

import re
import sqlite3
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GUIDE_FILE = re.compile(r"^(\d+)-([a-z0-9-]+)\.md$")


@dataclass(frozen=True)
class ContentError(Exception):
    """A content source file is wrong; says which file and what to fix."""

    file: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.file}: {self.problem}"


def _toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ContentError(path, "file is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(path, f"not valid TOML ({exc})") from None


def _field(path: Path, entry: dict[str, Any], key: str, index: int) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, f"entry {index + 1} needs a non-empty '{key}'")
    return value.strip()


def source_files(content_root: Path) -> list[Path]:
    """Every file the content build reads (for staleness checks)."""
    return sorted(p for p in content_root.rglob("*") if p.is_file())


def languages(content_root: Path) -> list[str]:
    return sorted(p.name for p in content_root.iterdir() if p.is_dir())


def load_language(conn: sqlite3.Connection, lang_dir: Path) -> None:
    lang = lang_dir.name
    _load_guide(conn, lang, lang_dir / "guide")
    _load_faqs(conn, lang, lang_dir / "faqs.toml")
    _load_care_levels(conn, lang, lang_dir / "care_levels.toml")
    _load_checklist(conn, lang, lang_dir / "checklist.toml")
    _load_helplines(conn, lang, lang_dir / "helplines.toml")
    _load_about(conn, lang, lang_dir / "about.toml")
    services = lang_dir / "services.toml"
    if services.exists():  # English labels come with the directory itself
        _load_services(conn, lang, services)


#: (table, the file a missing item belongs in) for the parity check between languages.
_PARITY = (
    ("guide_section", "guide/NN-<id>.md"),
    ("faq", "faqs.toml"),
    ("care_level", "care_levels.toml"),
    ("checklist_item", "checklist.toml"),
    ("helpline", "helplines.toml"),
)


def check_parity(conn: sqlite3.Connection, content_root: Path, reference: str = "en") -> None:
    """Every language has every item the reference language has, and no other.

    A visitor reading Spanish must never meet an English section in the middle of the
    guide, so a language is complete or the build fails (saying what is missing where).
    """
    for table, where in _PARITY:
        by_lang: dict[str, set[str]] = {}
        for lang, item in conn.execute(f"SELECT lang, id FROM {table}"):
            by_lang.setdefault(str(lang), set()).add(str(item))
        expected = by_lang.get(reference, set())
        for lang in languages(content_root):
            have = by_lang.get(lang, set())
            if have == expected:
                continue
            missing = ", ".join(sorted(expected - have)) or "none"
            extra = ", ".join(sorted(have - expected)) or "none"
            raise ContentError(content_root / lang / where,
                               f"must have the same items as {reference}: missing {missing};"
                               f" not in {reference}: {extra}")


def _load_guide(conn: sqlite3.Connection, lang: str, guide_dir: Path) -> None:
    topics_path = guide_dir / "topics.toml"
    topic_of: dict[str, str] = {}
    for i, topic in enumerate(_toml(topics_path).get("topic", [])):
        title = _field(topics_path, topic, "title", i)
        for slug in topic.get("sections", []):
            topic_of[str(slug)] = title
    files = sorted(p for p in guide_dir.glob("*.md"))
    if not files:
        raise ContentError(guide_dir, "no guide sections (*.md) found")
    for position, path in enumerate(files):
        match = GUIDE_FILE.match(path.name)
        if not match:
            raise ContentError(path, "name guide files NN-slug.md (e.g. 03-group-therapy.md)")
        slug = match.group(2)
        text = path.read_text(encoding="utf-8").strip()
        first, _, body = text.partition("\n")
        if not first.startswith("# "):
            raise ContentError(path, "the first line must be the heading, starting with '# '")
        if slug not in topic_of:
            raise ContentError(topics_path, f"section '{slug}' is not listed under any topic")
        conn.execute(
            "INSERT INTO guide_section (id, lang, position, topic, title, body_md)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (slug, lang, position, topic_of[slug], first[2:].strip(), body.strip()),
        )


def _load_faqs(conn: sqlite3.Connection, lang: str, path: Path) -> None:
    for i, faq in enumerate(_toml(path).get("faq", [])):
        conn.execute(
            "INSERT INTO faq (id, lang, position, question, answer_md) VALUES (?, ?, ?, ?, ?)",
            (
                _field(path, faq, "id", i),
                lang,
                i,
                _field(path, faq, "question", i),
                _field(path, faq, "answer", i),
            ),
        )


CARE_FIELDS = (
    "name", "short_name", "summary", "where_you_live", "weekly_hours", "best_for", "cost",
    "supervision",
)


def _load_care_levels(conn: sqlite3.Connection, lang: str, path: Path) -> None:
    for i, level in enumerate(_toml(path).get("level", [])):
        values = [_field(path, level, key, i) for key in CARE_FIELDS]
        conn.execute(
            "INSERT INTO care_level (id, lang, position, " + ", ".join(CARE_FIELDS) + ")"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_field(path, level, "id", i), lang, i, *values),
        )


def _load_checklist(conn: sqlite3.Connection, lang: str, path: Path) -> None:
    data = _toml(path)
    _set_meta(conn, f"{lang}.checklist_title", _field(path, data, "title", 0))
    _set_meta(conn, f"{lang}.checklist_intro", str(data.get("intro", "")).strip())
    for i, item in enumerate(data.get("item", [])):
        conn.execute(
            "INSERT INTO checklist_item (id, lang, position, text, item_group)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                _field(path, item, "id", i),
                lang,
                i,
                _field(path, item, "text", i),
                str(item.get("group", "")).strip(),
            ),
        )


def _load_helplines(conn: sqlite3.Connection, lang: str, path: Path) -> None:
    entries = _toml(path).get("helpline", [])
    if sum(1 for h in entries if h.get("featured") is True) != 1:
        raise ContentError(path, "exactly one helpline must have featured = true")
    for i, line in enumerate(sorted(entries, key=lambda h: int(h.get("order", 0)))):
        tel = _field(path, line, "tel", i)
        if not tel.isdigit():
            raise ContentError(path, f"entry {i + 1}: 'tel' must be digits only, got {tel!r}")
        conn.execute(
            "INSERT INTO helpline (id, lang, position, name, number, tel, promise, hours,"
            " languages, disclosure, featured) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _field(path, line, "id", i),
                lang,
                i,
                _field(path, line, "name", i),
                _field(path, line, "number", i),
                tel,
                _field(path, line, "promise", i),
                str(line.get("hours", "")).strip(),
                str(line.get("languages", "")).strip(),
                str(line.get("disclosure", "")).strip(),
                1 if line.get("featured") is True else 0,
            ),
        )


def _load_about(conn: sqlite3.Connection, lang: str, path: Path) -> None:
    data = _toml(path)
    for key in ("welcome_title", "welcome_text", "sources"):
        _set_meta(conn, f"{lang}.{key}", _field(path, data, key, 0))


def _load_services(conn: sqlite3.Connection, lang: str, path: Path) -> None:
    data = _toml(path)
    for table, sql in (
        ("label", "INSERT INTO service_text (lang, code, label) VALUES (?, ?, ?)"),
        ("category", "INSERT INTO service_category_text (lang, category, title)"
                     " VALUES (?, ?, ?)"),
    ):
        entries = data.get(table)
        if not isinstance(entries, dict) or not entries:
            raise ContentError(path, f"needs a [{table}] table")
        for key, value in sorted(entries.items()):
            if not isinstance(value, str) or not value.strip():
                raise ContentError(path, f"[{table}] {key} needs a non-empty text")
            conn.execute(sql, (lang, str(key).strip(), value.strip()))


def missing_service_labels(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Per language with service labels: the directory's codes it has no label for."""
    rows = conn.execute(
        "SELECT l.lang, d.code FROM (SELECT DISTINCT lang FROM service_text) AS l"
        " JOIN directory_service AS d"
        " LEFT JOIN service_text AS s ON s.lang = l.lang AND s.code = d.code"
        " WHERE s.code IS NULL ORDER BY l.lang, d.code"
    )
    missing: dict[str, list[str]] = {}
    for lang, code in rows:
        missing.setdefault(str(lang), []).append(str(code))
    return missing


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

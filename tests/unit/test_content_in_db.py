"""Every fact the content sources carry reaches the built content database."""

from __future__ import annotations

import re

import pytest

from kiosk.store.content import ContentRepository
from tests.unit.test_content_sources import EXPECTED_HELPLINES, FACTS, normalise


def _database_text(repo: ContentRepository) -> str:
    parts: list[str] = []
    info = repo.info()
    parts += [info.welcome_title, info.welcome_text, info.sources]
    parts += [f"{s.title}\n{s.body_md}" for s in repo.guide_sections()]
    parts += [f"{f.question}\n{f.answer_md}" for f in repo.faqs()]
    for c in repo.care_levels():
        parts += [c.name, c.summary, c.where_you_live, c.weekly_hours, c.best_for, c.cost,
                  c.supervision]
    checklist = repo.checklist()
    parts += [checklist.title, checklist.intro, *(i.text for i in checklist.items)]
    for h in repo.helplines():
        parts += [h.name, h.number, h.promise, h.hours, h.languages, h.disclosure]
    return normalise("\n".join(parts))


@pytest.fixture(scope="module")
def database_text(template_db_no_directory) -> str:  # type: ignore[no-untyped-def]
    from kiosk.store.connect import open_content_db

    conn = open_content_db(template_db_no_directory)
    try:
        return _database_text(ContentRepository(conn))
    finally:
        conn.close()


@pytest.mark.parametrize(("fact", "pattern"), FACTS, ids=[f for f, _ in FACTS])
def test_fact_is_in_the_built_database(database_text: str, fact: str, pattern: str) -> None:
    assert re.search(pattern, database_text), f"missing from the content database: {fact}"


def test_all_four_helplines_with_numbers_and_the_disclosure(content_repo) -> None:
    lines = {h.tel: h for h in content_repo.helplines()}
    assert set(lines) == set(EXPECTED_HELPLINES)
    for tel, (name, number) in EXPECTED_HELPLINES.items():
        assert lines[tel].number == number
        assert name in lines[tel].name
    featured = content_repo.featured_helpline()
    assert re.search(r"\bpays? to advertise|\bpaid advertis", featured.disclosure.lower())
    assert "not linked to any insurance" in featured.disclosure.lower()


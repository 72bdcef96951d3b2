"""Search: visitors' words, typos, synonyms, places; odd input never raises."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli.main import main as admin_main
from kiosk.domain import SearchHit, SearchResults
from kiosk.store.connect import open_content_db
from kiosk.store.search import (
    SearchRepository,
    Vocabulary,
    edit_distance,
    load_synonyms,
    read_intent,
    snippet,
)
from tests.helpers import FTS_TABLES, SEARCH_TABLES, copy_without_tables, needs_directory


@pytest.fixture(scope="module")
def search_conn(template_db: Path) -> Iterator[sqlite3.Connection]:
    conn = open_content_db(template_db)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def repo(search_conn: sqlite3.Connection) -> SearchRepository:
    """The FTS5 search the bundle uses."""
    repo = SearchRepository(search_conn)
    assert repo.uses_fts()
    return repo


@pytest.fixture(scope="module")
def scan_repo(template_db: Path,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchRepository]:
    """The plain scan a content database built where SQLite had no FTS5 falls back to."""
    path = copy_without_tables(template_db, tmp_path_factory.mktemp("no-fts5") / "c.sqlite",
                               FTS_TABLES)
    conn = open_content_db(path)
    yield SearchRepository(conn)
    conn.close()


def ids(hits) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(h.kind, h.id) for h in hits]


def top3(results: SearchResults, kind: str) -> list[str]:
    group = {"guide": results.guide, "faq": results.faqs, "facility": results.programs}[kind]
    return [h.id for h in group[:3]]


# Each visitor's word (typo or synonym) and the item the screen must show near the top of
# its group (the screen shows Guide, FAQs and Programs as separate groups).
CONTENT_CASES = [
    ("suboxon", "guide", "medication"),
    ("methadon", "faq", "methadone"),
    ("methadon", "guide", "medication"),
    ("medicad", "faq", "insurance"),
    ("medicad", "guide", "cost-and-insurance"),
    ("intensiv outpatient", "guide", "what-is-an-iop"),
    ("IOP", "guide", "what-is-an-iop"),
    ("MAT", "guide", "medication"),
    ("rehab", "guide", "when-iop-is-used"),
    ("detox", "faq", "detox-first"),
    ("AA", "guide", "after-iop"),
    ("NA", "guide", "after-iop"),
    ("AA", "faq", "after-iop"),
    ("cost", "guide", "cost-and-insurance"),
    ("price", "guide", "cost-and-insurance"),
    ("pay", "guide", "cost-and-insurance"),
    ("pay", "faq", "insurance"),
    ("how much does it cost", "guide", "cost-and-insurance"),
]


@pytest.mark.parametrize(("query", "kind", "expected"), CONTENT_CASES)
def test_visitors_words_find_the_right_content(repo: SearchRepository, query: str, kind: str,
                                               expected: str) -> None:
    assert expected in top3(repo.search(query), kind)


@pytest.mark.parametrize("query", ["suboxon", "medicad", "intensiv outpatient", "IOP", "MAT",
                                   "cost", "price"])
def test_the_best_content_leads_the_whole_list(repo: SearchRepository, query: str) -> None:
    expected = {(kind, item) for q, kind, item in CONTENT_CASES if q == query}
    assert set(ids(repo.search(query).all()[:3])) & expected


def test_a_typo_is_corrected_to_the_word_in_the_content(repo: SearchRepository) -> None:
    results = repo.search("medicad")
    assert results.corrections == ("medicaid",)
    assert "Medicaid" in results.faqs[0].snippet + results.guide[0].snippet


def test_nonsense_finds_nothing(repo: SearchRepository) -> None:
    results = repo.search("qzxjvw")
    assert len(results) == 0 and results.corrections == ()


def test_a_single_letter_searches_nothing_yet(repo: SearchRepository) -> None:
    assert len(repo.search("c")) == 0
    assert len(repo.search("co")) > 0


@needs_directory
@pytest.mark.parametrize("query",
                         ["chicago", "Chicago", "chicgo", "CHICAGO IL", "chicago illinois"])
def test_a_city_finds_programs_there(repo: SearchRepository, query: str) -> None:
    programs = repo.search(query).programs
    assert all("chicago" in f"{p.title} {p.snippet}".lower() for p in programs)
    assert sum(p.snippet.startswith("Chicago, IL ") for p in programs) >= 3


def miles(hit: SearchHit) -> float:
    """The distance a ZIP or "near me" result shows after its place ("… · 1.2 mi")."""
    found = re.search(r" · (\d+\.\d) mi$", hit.snippet)
    assert found, hit.snippet
    return float(found.group(1))


def services_of(conn: sqlite3.Connection, hits: tuple[SearchHit, ...]) -> list[set[str]]:
    return [set(conn.execute("SELECT services FROM facility WHERE id = ?",
                             (h.id,)).fetchone()[0].split()) for h in hits]


def levels_of(conn: sqlite3.Connection, hits: tuple[SearchHit, ...]) -> list[set[str]]:
    return [set(conn.execute("SELECT levels FROM facility WHERE id = ?",
                             (h.id,)).fetchone()[0].split()) for h in hits]


@needs_directory
def test_a_zip_code_lists_the_nearest_programs_with_miles(repo: SearchRepository) -> None:
    # Sacramento's downtown ZIP has no program of its own: the nearest ones, nearest first.
    results = repo.search("95814")
    distances = [miles(p) for p in results.programs]
    assert len(distances) == 8 and results.more_programs
    assert distances == sorted(distances) and distances[0] < 2
    assert all(", CA 95" in p.snippet for p in results.programs)
    # Programs in the ZIP itself are among the nearest.
    assert sum(" 60625 · " in p.snippet for p in repo.search("60625").programs) >= 3
    # Typing the first digits already narrows to that area.
    assert all(p.snippet.split()[-1].startswith("606") for p in repo.search("606").programs)


@needs_directory
def test_a_zip_with_a_leading_zero_is_found(repo: SearchRepository) -> None:
    programs = repo.search("06516").programs
    assert programs and ", CT 06" in programs[0].snippet and miles(programs[0]) < 5


@needs_directory
def test_a_zip_with_words_keeps_what_the_words_ask_for(repo: SearchRepository,
                                                       search_conn: sqlite3.Connection) -> None:
    programs = repo.search("medicaid detox 95814").programs
    assert programs and [miles(p) for p in programs] == sorted(miles(p) for p in programs)
    assert all("MD" in s for s in services_of(search_conn, programs))
    assert all("detox" in lv for lv in levels_of(search_conn, programs))


@needs_directory
@pytest.mark.parametrize("words", ["near me", "programs near me", "cerca de mí", "nearby"])
def test_near_me_means_near_the_kiosk(repo: SearchRepository, words: str) -> None:
    near = repo.search(words, home_zip="95814").programs
    assert near and near == repo.search("95814").programs
    # Without a kiosk ZIP nothing is "near"; the screen asks for a ZIP instead.
    assert read_intent(words).near_me and repo.search(words).programs == ()


@pytest.mark.parametrize("words", ["988", "crisis", "suicide", "I took an overdose",
                                   "emergency", "call 911"])
def test_crisis_words_are_read_as_a_crisis(words: str) -> None:
    assert read_intent(words).crisis
    assert not read_intent("detox chicago").crisis


@needs_directory
def test_988_is_the_crisis_line_not_a_washington_zip(repo: SearchRepository) -> None:
    assert repo.search("988").programs == ()
    assert not any(" 988" in p.snippet for p in repo.search("call 988").programs)


@needs_directory
@pytest.mark.parametrize("words", ["espanol", "español", "Spanish", "espanol chicago"])
def test_spanish_finds_programs_in_spanish_not_espanola(repo: SearchRepository,
                                                        search_conn: sqlite3.Connection,
                                                        words: str) -> None:
    programs = repo.search(words).programs
    assert len(programs) == 8
    assert all("SP" in s for s in services_of(search_conn, programs))
    if "chicago" in words:
        assert all(p.snippet.startswith("Chicago, IL ") for p in programs)


@needs_directory
def test_spanish_near_the_kiosk_lists_the_nearest_first(repo: SearchRepository) -> None:
    programs = repo.search("espanol", home_zip="60625").programs
    assert [miles(p) for p in programs] == sorted(miles(p) for p in programs)
    assert miles(programs[0]) < 3


@needs_directory
@pytest.mark.parametrize(("words", "code"), [("medicaid", "MD"), ("medicare", "MC"),
                                             ("sliding fee", "SS")])
def test_payment_words_find_programs_that_take_it(repo: SearchRepository,
                                                  search_conn: sqlite3.Connection,
                                                  words: str, code: str) -> None:
    results = repo.search(words)
    assert len(results.programs) == 8 and results.more_programs
    assert all(code in s for s in services_of(search_conn, results.programs))
    assert "cost-and-insurance" in top3(results, "guide")


@needs_directory
@pytest.mark.parametrize("query", ["chicago pride center", "pride center uptown",
                                   "Chicago Pride Centre"])
def test_a_facility_is_found_by_its_name(repo: SearchRepository, query: str) -> None:
    titles = [p.title for p in repo.search(query).programs[:3]]
    assert "Chicago Pride Center Uptown" in titles


@needs_directory
def test_iop_and_a_city_find_programs_offering_iop_there(repo: SearchRepository) -> None:
    programs = repo.search("iop chicago").programs
    assert programs and all("Chicago" in p.snippet for p in programs)


@needs_directory
def test_more_programs_is_flagged_when_the_list_is_cut(repo: SearchRepository) -> None:
    results = repo.search("chicago", limit=5)
    assert len(results.programs) == 5 and results.more_programs


@needs_directory
def test_a_zip_a_service_and_name_words_narrow_together(repo: SearchRepository,
                                                        search_conn: sqlite3.Connection) -> None:
    results = repo.search("espanol medicaid chicago 60632")
    programs = results.programs
    assert len(programs) == 8 and results.more_programs
    assert all({"SP", "MD"} <= s for s in services_of(search_conn, programs))
    assert all(p.snippet.startswith("Chicago, IL ") for p in programs)
    assert [miles(p) for p in programs] == sorted(miles(p) for p in programs)
    assert miles(programs[0]) < 1
    # Few enough to show them all: the list says there are no more.
    few = repo.search("medicaid esperanza chicago")
    assert 0 < len(few.programs) < 8 and not few.more_programs
    assert all("Esperanza" in p.title for p in few.programs)


@needs_directory
def test_a_program_without_a_position_is_listed_but_not_by_distance(content_db: Path) -> None:
    nearest = SearchRepository(open_content_db(content_db)).search("espanol 60632").programs
    with sqlite3.connect(content_db) as conn:
        conn.execute("UPDATE facility SET latitude = NULL, longitude = NULL WHERE id = ?",
                     (nearest[0].id,))
    conn.close()
    repo = SearchRepository(open_content_db(content_db))
    # Without miles it cannot be among the nearest: the next ones move up.
    assert repo.search("espanol 60632").programs[:7] == nearest[1:8]
    # By its name and a service it is still found (places without a ZIP have no miles).
    named = repo.search(f"espanol {nearest[0].title}").programs
    assert named[0].id == nearest[0].id and " mi" not in named[0].snippet


# ------------------------------------------------------------------- never raises --
FTS_SYNTAX = st.sampled_from(
    ['"', "'", "AND", "OR", "NOT", "NEAR(", "NEAR", ")", "(", "*", ":", "-", "^", "+", "{",
     "}", "title:", "body :", "\\", "%", "_", ";", "--", "/*", "\x00", "😀", "🙂‍↔️", "é",
     "Ⅻ", "²", "ﬁ", "İ", "ß", "中文", "العربية", "\u200b", "\n", "\t", "NEAR(a b, 2)"])
QUERIES = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(FTS_SYNTAX, st.text(max_size=8)), max_size=12).map(" ".join),
    st.lists(st.one_of(FTS_SYNTAX, st.text(max_size=4)), max_size=12).map("".join),
)


class _Failures(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=QUERIES)
def test_any_input_returns_results_or_none_and_never_raises(repo: SearchRepository,
                                                            text: str) -> None:
    failures = _Failures()
    logger = logging.getLogger("kiosk.store.search")
    logger.addHandler(failures)
    try:
        results = repo.search(text)
    finally:
        logger.removeHandler(failures)
    assert isinstance(results, SearchResults)
    # A MATCH syntax error would be swallowed and logged: there must be none.
    assert failures.count == 0


LONG_INPUTS = ["a" * 10_000, "medicaid " * 1200, '"' * 10_000, "NEAR(" * 2000, "😀" * 10_000,
               "x" + " OR x" * 2500]


@pytest.mark.parametrize("text", LONG_INPUTS)
def test_ten_thousand_characters_are_fine(repo: SearchRepository, text: str) -> None:
    assert isinstance(repo.search(text), SearchResults)


def test_visitor_text_only_reaches_match_as_quoted_strings(repo: SearchRepository) -> None:
    query = repo.parse('medicad OR "x" NEAR(chicago) col:umn NOT -^* aa')
    for all_words in (True, False):
        expression = query.match_expression(all_words)
        outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", expression)
        assert set(outside_quotes.replace("AND", "").replace("OR", "")) <= set("()* ")
    assert ('"medicaid"' in query.match_expression(True))


# ----------------------------------------------------------------- the fallbacks --
def test_a_database_built_without_fts5_finds_the_same_content(
        scan_repo: SearchRepository) -> None:
    assert not scan_repo.uses_fts()
    missed = [(query, kind, expected) for query, kind, expected in CONTENT_CASES
              if expected not in top3(scan_repo.search(query), kind)]
    assert missed == []
    assert scan_repo.search("medicad").corrections == ("medicaid",)
    assert len(scan_repo.search("qzxjvw")) == 0
    assert len(scan_repo.search("c")) == 0


@needs_directory
def test_a_database_built_without_fts5_finds_programs(scan_repo: SearchRepository) -> None:
    programs = scan_repo.search("60625").programs
    assert len(programs) == 8 and miles(programs[0]) < 3
    assert programs == scan_repo.search("near me", home_zip="60625").programs
    titles = [p.title for p in scan_repo.search("chicago pride center").programs[:3]]
    assert "Chicago Pride Center Uptown" in titles
    results = scan_repo.search("chicago", limit=5)
    assert len(results.programs) == 5 and results.more_programs


def test_a_database_built_without_fts5_takes_odd_input(scan_repo: SearchRepository) -> None:
    for text in [*LONG_INPUTS, 'NEAR(a b, 2) "x OR', "title: body : -- /*", "\x00 \u200b"]:
        assert isinstance(scan_repo.search(text), SearchResults), text[:20]


def test_a_database_without_a_search_index_searches_nothing(template_db: Path,
                                                            tmp_path: Path) -> None:
    conn = open_content_db(copy_without_tables(template_db, tmp_path / "content.sqlite",
                                               SEARCH_TABLES))
    try:
        repo = SearchRepository(conn)
        assert not repo.available()
        assert len(repo.search("medicaid")) == 0
    finally:
        conn.close()


def test_without_the_directory_content_is_still_found(template_db_no_directory: Path) -> None:
    conn = open_content_db(template_db_no_directory)
    try:
        results = SearchRepository(conn).search("suboxon")
        assert results.programs == ()
        assert "medication" in top3(results, "guide")
    finally:
        conn.close()


# ------------------------------------------------------------------------ helpers --
def test_missing_letters_cost_less_than_wrong_ones() -> None:
    assert edit_distance("medicad", "medicaid", 2) < edit_distance("medicad", "medical", 2)
    assert edit_distance("teh", "the", 1) < 1
    assert edit_distance("abc", "xyz", 1) > 1


def test_closest_words_prefer_the_nearest() -> None:
    vocab = Vocabulary({"medicaid": 3, "medical": 9, "medicare": 3, "chicago": 150})
    assert vocab.closest("medicad") == ["medicaid"]
    assert vocab.closest("chicgo") == ["chicago"]
    assert vocab.closest("zzzzzz") == []


def test_synonyms_file_loads_and_a_broken_one_gives_none(tmp_path: Path) -> None:
    synonyms = load_synonyms()
    assert "intensive outpatient" in synonyms["iop"]
    assert "medication" in synonyms["mat"]
    broken = tmp_path / "synonyms.toml"
    broken.write_text("[en\niop = ", encoding="utf-8")
    assert load_synonyms(broken) == {}


def test_snippet_shows_the_matched_word() -> None:
    body = "word " * 60 + "Medicaid pays for this. " + "more " * 60
    text = snippet(body, ["medicaid"])
    assert "Medicaid" in text and text.startswith("…") and text.endswith("…")
    assert len(text) <= 160


# ---------------------------------------------------------------------------- CLI --
def test_cli_prints_one_json_array_best_first(template_db: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert admin_main(["search", "medicad", "--json", "--content-db", str(template_db)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert isinstance(hits, list) and hits
    assert all(set(h) == {"kind", "id", "title", "snippet"} for h in hits)
    assert (hits[0]["kind"], hits[0]["id"]) == ("guide", "cost-and-insurance")
    assert {"faq"} <= {h["kind"] for h in hits}


def test_cli_prints_readable_results(template_db: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert admin_main(["search", "NEAR( \"x", "--content-db", str(template_db)]) == 0
    assert admin_main(["search", "qzxjvw", "--content-db", str(template_db)]) == 0
    assert "no results" in capsys.readouterr().out


def test_cli_explains_a_missing_database(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert admin_main(["search", "iop", "--content-db", str(tmp_path / "nope.sqlite")]) == 2
    assert "not found" in capsys.readouterr().err

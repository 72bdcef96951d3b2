"""Search in Spanish: accents and case do not matter, visitors' words and typos find the
Spanish guide and FAQs, and payment and language words find the programs offering them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.domain import SearchResults
from kiosk.store.connect import open_content_db
from kiosk.store.search import SearchRepository, load_synonyms, read_intent
from tests.helpers import FTS_TABLES, copy_without_tables, needs_directory
from tests.unit.test_search import services_of


@pytest.fixture(scope="module")
def search_conn(template_db: Path) -> Iterator[sqlite3.Connection]:
    conn = open_content_db(template_db)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def repo(search_conn: sqlite3.Connection) -> SearchRepository:
    repo = SearchRepository(search_conn, "es")
    assert repo.uses_fts()
    return repo


@pytest.fixture(scope="module")
def scan_repo(template_db: Path,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchRepository]:
    path = copy_without_tables(template_db, tmp_path_factory.mktemp("no-fts5") / "c.sqlite",
                               FTS_TABLES)
    conn = open_content_db(path)
    yield SearchRepository(conn, "es")
    conn.close()


def top3(results: SearchResults, kind: str) -> list[str]:
    group = {"guide": results.guide, "faq": results.faqs, "facility": results.programs}[kind]
    return [h.id for h in group[:3]]


# What a Spanish-speaking visitor types, and the item that must be near the top of its group.
CASES = [
    ("metadona", "faq", "methadone"),
    ("metadona", "guide", "medication"),
    ("Metadona", "faq", "methadone"),
    ("desintoxicacion", "faq", "detox-first"),
    ("desintoxicación", "faq", "detox-first"),
    ("DESINTOXICACIÓN", "faq", "detox-first"),
    ("adiccion", "guide", "dual-diagnosis"),
    ("adicción", "guide", "dual-diagnosis"),
    ("sin seguro", "faq", "no-insurance"),
    ("sin seguro", "guide", "cost-and-insurance"),
    ("no tengo seguro", "faq", "no-insurance"),
    ("seguro médico", "faq", "insurance"),
    ("seguro medico", "guide", "cost-and-insurance"),
    ("Medicaid", "guide", "cost-and-insurance"),
    ("Medi-Cal", "faq", "insurance"),
    ("medi cal", "guide", "cost-and-insurance"),
    ("rehabilitación", "guide", "when-iop-is-used"),
    ("rehab", "guide", "when-iop-is-used"),
    ("AA", "guide", "after-iop"),
    ("AA", "faq", "after-iop"),
    ("suboxone", "guide", "medication"),
    ("narcan", "faq", "emergency"),
    ("recaída", "faq", "relapse"),
    ("cuánto dura", "faq", "how-long"),
    ("cuanto cuesta", "guide", "cost-and-insurance"),
    ("trabajo", "faq", "work-or-school"),
    ("familia", "faq", "family"),
    ("telesalud", "faq", "telehealth"),
    ("por video", "faq", "telehealth"),
    # typos
    ("metadnoa", "faq", "methadone"),
    ("desintoxicasion", "faq", "detox-first"),
    ("buprenorfna", "guide", "medication"),
    ("naloxna", "faq", "emergency"),
    ("recaida", "faq", "relapse"),
]


@pytest.mark.parametrize(("query", "kind", "expected"), CASES)
def test_spanish_words_find_the_spanish_item(repo: SearchRepository, query: str, kind: str,
                                             expected: str) -> None:
    assert expected in top3(repo.search(query), kind)


@pytest.mark.parametrize(("query", "kind", "expected"), CASES)
def test_the_same_without_fts5(scan_repo: SearchRepository, query: str, kind: str,
                               expected: str) -> None:
    assert expected in top3(scan_repo.search(query), kind)


def test_results_are_in_spanish_only(repo: SearchRepository,
                                     search_conn: sqlite3.Connection) -> None:
    results = repo.search("metadona")
    spanish = {str(r[0]) for r in search_conn.execute(
        "SELECT question FROM faq WHERE lang = 'es'")}
    assert results.faqs and all(h.title in spanish for h in results.faqs)
    english = SearchRepository(search_conn, "en").search("methadone")
    assert english.faqs[0].title == "Can I get methadone in an IOP?"
    assert not SearchRepository(search_conn, "en").search("metadona").faqs


def test_a_search_switches_language_on_the_same_database(
        search_conn: sqlite3.Connection) -> None:
    english = SearchRepository(search_conn, "en")
    spanish = english.in_language("es")
    assert spanish.lang == "es" and english.in_language("en") is english
    assert spanish.search("metadona").faqs[0].id == "methadone"
    assert spanish.search("metadona").faqs[0].title == "¿Me pueden dar metadona en un IOP?"


def test_a_spanish_typo_is_corrected_to_a_spanish_word(repo: SearchRepository) -> None:
    assert repo.search("metadnoa").corrections == ("metadona",)
    assert repo.search("desintoxicasion").corrections == ("desintoxicacion",)
    # "addiction" is an English content word: not offered to a Spanish reader
    assert "addiction" not in repo.search("adicion").corrections


@needs_directory
@pytest.mark.parametrize("words", ["español", "espanol", "Spanish", "en español",
                                   "centros que hablan español"])
def test_spanish_finds_programs_serving_spanish_speakers(repo: SearchRepository,
                                                         search_conn: sqlite3.Connection,
                                                         words: str) -> None:
    programs = repo.search(words).programs
    assert len(programs) >= 3
    assert all("SP" in s for s in services_of(search_conn, programs[:3]))
    assert not any("Espanola" in p.snippet or "Española" in p.snippet for p in programs)


@needs_directory
def test_without_insurance_finds_low_cost_programs(repo: SearchRepository,
                                                   search_conn: sqlite3.Connection) -> None:
    results = repo.search("sin seguro")
    assert len(results.programs) >= 3
    assert all(s & {"SS", "NP", "PA"} for s in services_of(search_conn, results.programs))


@needs_directory
@pytest.mark.parametrize(("words", "code"), [("medicaid", "MD"), ("Medi-Cal", "MD"),
                                             ("gratis", "NP")])
def test_payment_words_find_programs_that_take_it(repo: SearchRepository,
                                                  search_conn: sqlite3.Connection,
                                                  words: str, code: str) -> None:
    programs = repo.search(words).programs
    assert len(programs) >= 3
    assert all(code in s for s in services_of(search_conn, programs))


def test_intent_reads_spanish_payment_and_place_words() -> None:
    assert read_intent("sin seguro").services == (("SS", "NP", "PA"),)
    assert read_intent("seguro").services == (("PI", "MD", "MC"),)
    assert read_intent("Medi-Cal").services == (("MD",),)
    assert read_intent("medical detox").services == ()  # the English word stays English
    assert read_intent("programas en español cerca de mí").near_me
    assert read_intent("programas en español cerca de mí").services == (("SP",),)
    assert read_intent("sobredosis").crisis and read_intent("me siento suicida").crisis


def test_spanish_synonyms_load_and_point_at_words_in_the_content(
        search_conn: sqlite3.Connection) -> None:
    synonyms = load_synonyms(lang="es")
    assert "rehabilitacion" in synonyms and "aa" in synonyms and "seguro" in synonyms
    terms = {str(r[0]) for r in search_conn.execute(
        "SELECT term FROM search_term_lang WHERE lang = 'es'")}
    unknown = sorted({w for phrases in synonyms.values() for p in phrases for w in p.split()
                      if w not in terms and not w.isdigit()})
    assert not unknown, f"Spanish synonyms that find nothing: {unknown}"


def test_cli_searches_in_spanish(template_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli.main import main as admin_main

    assert admin_main(["search", "metadona", "--lang", "es", "--json",
                       "--content-db", str(template_db)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert ("faq", "methadone", "¿Me pueden dar metadona en un IOP?") in {
        (h["kind"], h["id"], h["title"]) for h in hits}
    assert admin_main(["search", "x", "--lang", "fr", "--content-db", str(template_db)]) == 2
    assert "no 'fr' content" in capsys.readouterr().err

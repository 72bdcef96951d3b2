"""The content database holds every language in resources/content/, each one whole."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import build as db_build
from kiosk.domain import Facility, FacilityService
from kiosk.present.localise import category_title, localise_facility
from kiosk.store.connect import open_content_db
from kiosk.store.content import ContentRepository, content_languages


@pytest.fixture(scope="module")
def conn(template_db_no_directory: Path) -> Iterator[sqlite3.Connection]:
    conn = open_content_db(template_db_no_directory)
    yield conn
    conn.close()


def build_from(root: Path, out: Path) -> sqlite3.Connection:
    db_build.build(out, None, content_root=root)
    return open_content_db(out)


def copy_content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(db_build.ROOT / "resources" / "content", root)
    return root


def test_the_database_holds_english_and_spanish(conn: sqlite3.Connection) -> None:
    assert content_languages(conn) == ["en", "es"]
    english, spanish = ContentRepository(conn, "en"), ContentRepository(conn, "es")
    assert english.languages() == ["en", "es"]
    assert [s.id for s in spanish.guide_sections()] == [s.id for s in english.guide_sections()]
    assert spanish.guide_sections()[0].title == "Qué es un IOP"
    assert spanish.checklist().title == "Su lista de preguntas sobre el IOP"
    assert spanish.info().welcome_title == "Tómese su tiempo"
    assert english.info().welcome_title == "Take your time"


def test_a_repository_switches_language_on_the_same_database(conn: sqlite3.Connection) -> None:
    english = ContentRepository(conn, "en")
    spanish = english.in_language("es")
    assert spanish.lang == "es"
    assert spanish.faqs()[0].question == "¿Mi seguro médico paga el IOP?"
    assert spanish.in_language("en").faqs()[0].question == english.faqs()[0].question


def test_a_language_without_content_falls_back_to_english_as_a_whole(
        conn: sqlite3.Connection) -> None:
    french = ContentRepository.for_language(conn, "fr")
    assert french.lang == "en"
    english = ContentRepository(conn, "en")
    assert french.guide_sections() == english.guide_sections()
    assert french.checklist() == english.checklist()
    assert french.helplines() == english.helplines()


def test_spanish_helplines_keep_the_numbers_and_the_featured_line(
        conn: sqlite3.Connection) -> None:
    spanish, english = ContentRepository(conn, "es"), ContentRepository(conn, "en")
    assert [(h.id, h.number, h.tel) for h in spanish.helplines()] == [
        (h.id, h.number, h.tel) for h in english.helplines()]
    featured = spanish.featured_helpline()
    assert featured is not None and featured.id == "addiction-helpline-america"
    assert "pagan por anunciarse" in featured.disclosure
    assert spanish.helplines("samhsa-national-helpline")[0].name == (
        "Línea Nacional de Ayuda de SAMHSA")


def test_a_spanish_guide_missing_a_section_fails_the_build(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "es" / "guide" / "08-drug-testing.md").unlink()
    topics = root / "es" / "guide" / "topics.toml"
    topics.write_text(topics.read_text(encoding="utf-8").replace('"drug-testing",', ""),
                      encoding="utf-8")
    with pytest.raises(db_build.content.ContentError, match=r"es.*missing drug-testing"):
        db_build.build(tmp_path / "out.sqlite", None, content_root=root)
    assert not (tmp_path / "out.sqlite").exists()


def test_a_spanish_faq_the_english_lacks_fails_the_build(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    faqs = root / "es" / "faqs.toml"
    faqs.write_text(faqs.read_text(encoding="utf-8")
                    + '\n[[faq]]\nid = "extra"\nquestion = "¿Otra?"\nanswer = "Sí."\n',
                    encoding="utf-8")
    with pytest.raises(db_build.content.ContentError, match=r"faqs\.toml.*not in en: extra"):
        db_build.build(tmp_path / "out.sqlite", None, content_root=root)


def test_english_alone_still_builds(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    shutil.rmtree(root / "es")
    conn = build_from(root, tmp_path / "out.sqlite")
    try:
        assert content_languages(conn) == ["en"]
        assert ContentRepository.for_language(conn, "es").lang == "en"
        assert ContentRepository(conn, "es").service_labels() == {}
    finally:
        conn.close()


def test_broken_spanish_service_labels_name_the_file(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "es" / "services.toml").write_text('[label]\nSP = ""\n', encoding="utf-8")
    with pytest.raises(db_build.content.ContentError, match=r"services\.toml.*SP"):
        db_build.build(tmp_path / "out.sqlite", None, content_root=root)


def test_service_labels_and_titles_come_in_spanish(conn: sqlite3.Connection) -> None:
    spanish = ContentRepository(conn, "es")
    labels, titles = spanish.service_labels(), spanish.service_category_titles()
    assert labels["OIT"] == "Programa ambulatorio intensivo (IOP)"
    assert labels["MU"] == "Metadona"
    assert category_title("Payment", titles) == "Formas de pago"
    assert category_title("Something new", titles) == "Something new"
    assert ContentRepository(conn, "en").service_labels() == {}


def test_a_facility_keeps_its_own_data_and_gets_spanish_labels(
        conn: sqlite3.Connection) -> None:
    facility = Facility(
        id="x", name="Casa Esperanza", name2="", street1="1 Main St", street2="",
        city="Chicago", state="IL", zip="60601", phone="312-555-0100", intake_phones=(),
        levels=("intensive_outpatient",),
        services=(FacilityService("OIT", "Intensive outpatient (IOP)", "Type of care"),
                  FacilityService("SS", "Sliding fee (based on income)", "Payment"),
                  FacilityService("NEW", "A code added next year", "Payment")),
        latitude=None, longitude=None, position_kind="none")
    spanish = localise_facility(facility, ContentRepository(conn, "es").service_labels())
    assert [s.label for s in spanish.services] == [
        "Programa ambulatorio intensivo (IOP)", "Tarifa según sus ingresos (escala móvil)",
        "A code added next year"]
    assert [s.category for s in spanish.services] == [s.category for s in facility.services]
    assert (spanish.name, spanish.street1, spanish.phone) == (
        facility.name, facility.street1, facility.phone)
    assert localise_facility(facility, {}) is facility

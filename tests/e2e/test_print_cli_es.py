"""`kiosk-admin print ... --lang es`: Spanish PDFs, read back with pdftotext."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.store.content import ContentRepository
from kiosk.store.directory import DirectoryRepository
from tests.e2e.test_print_cli import kiosk_admin

ENGLISH_HEADINGS = ("Questions to ask a program", "Free help, any time", "Levels of care",
                    "Payment accepted", "Hours:", "Phone:", "Directory data of")


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_text(path: Path) -> list[str]:
    """Each page's text as pdftotext (poppler) reads it, without spaces or line breaks."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: ./dev setup installs poppler-utils")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    return [squash(page) for page in out.split("\f") if page.strip()]


@pytest.fixture(scope="module")
def spanish(template_db: Path) -> ContentRepository:
    conn = sqlite3.connect(f"file:{template_db}?mode=ro", uri=True)
    return ContentRepository(conn, "es")


def test_spanish_checklist_pdf_has_every_spanish_item_and_the_helplines(
        tmp_path: Path, template_db: Path, spanish: ContentRepository) -> None:
    out = tmp_path / "lista.pdf"
    result = kiosk_admin("print", "checklist", "--lang", "es", "--pdf", str(out),
                         content_db=template_db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    pages = pdf_text(out)
    assert len(pages) == 1
    page = pages[0]
    checklist = spanish.checklist()
    assert squash(checklist.title) in page
    for item in checklist.items:
        assert squash(item.text) in page, item.text
    for group in dict.fromkeys(i.group for i in checklist.items):
        assert squash(group) in page
    for number in ("(844) 561-0606", "1-800-662-4357", "988", "911"):
        assert squash(number) in page
    assert squash("Ayuda gratis, a cualquier hora") in page
    assert squash("pagan por anunciarse con Addiction Helpline America") in page
    assert squash("Línea Nacional de Ayuda de SAMHSA") in page
    assert not [h for h in ENGLISH_HEADINGS if squash(h) in page]


def test_spanish_program_slip_keeps_the_directory_data_and_says_the_rest_in_spanish(
        tmp_path: Path, template_db: Path) -> None:
    conn = sqlite3.connect(f"file:{template_db}?mode=ro", uri=True)
    directory = DirectoryRepository(conn)
    if not directory.has_directory():
        conn.close()
        pytest.skip("no directory data beside the checkout")
    facility = next(f for f in directory.search_facilities(
        state="VT", levels={"intensive_outpatient"}, near_zip="05602")
        if {"SS", "MD"} <= {s.code for s in f.services})
    conn.close()
    out = tmp_path / "programa.pdf"
    result = kiosk_admin("print", "facility", facility.id, "--zip", "05602", "--lang", "es",
                         "--pdf", str(out), content_db=template_db)
    assert result.returncode == 0, result.stderr
    pages = pdf_text(out)
    assert len(pages) == 1
    page = pages[0]
    assert squash(facility.name) in page and squash(facility.phone) in page
    assert squash(facility.street1) in page
    for said in ("Horario: llame para confirmar", "Niveles de atención",
                 "Programa ambulatorio intensivo (IOP)", "Formas de pago que acepta",
                 "Tarifa según sus ingresos (escala móvil)", "Medicaid",
                 "millas del código postal 05602", "(844) 561-0606", "1-800-662-4357"):
        assert squash(said) in page, said
    assert not [h for h in ENGLISH_HEADINGS if squash(h) in page]
    assert squash("Sliding fee") not in page
    assert PdfReader(str(out)).metadata.title == "Información del programa"


def test_a_language_the_database_lacks_is_one_clear_line(tmp_path: Path,
                                                         template_db: Path) -> None:
    out = tmp_path / "x.pdf"
    result = kiosk_admin("print", "checklist", "--lang", "fr", "--pdf", str(out),
                         content_db=template_db)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: this content database has no 'fr' content "
                                     "(it has: en, es)")
    assert not out.exists()

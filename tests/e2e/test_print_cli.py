"""`kiosk-admin print ...` as a subprocess: real PDFs, read back with pypdf."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.store.content import ContentRepository
from kiosk.store.directory import DirectoryRepository

ROOT = Path(__file__).resolve().parents[2]


def kiosk_admin(*args: str, content_db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", *args, "--content-db", str(content_db)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def pages_text(path: Path) -> list[str]:
    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.fixture(scope="module")
def db(template_db: Path) -> Path:
    conn = sqlite3.connect(f"file:{template_db}?mode=ro", uri=True)
    has = DirectoryRepository(conn).has_directory()
    conn.close()
    if not has:
        pytest.skip("no directory data beside the checkout")
    return template_db


def _repos(db: Path) -> tuple[sqlite3.Connection, ContentRepository, DirectoryRepository]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    return conn, ContentRepository(conn), DirectoryRepository(conn)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_checklist_pdf(tmp_path: Path, db: Path, paper: str) -> None:
    out = tmp_path / "checklist.pdf"
    result = kiosk_admin("print", "checklist", "--pdf", str(out), "--paper", paper,
                         content_db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "1 page" in result.stdout
    pages = pages_text(out)
    assert len(pages) == 1
    conn, content, _ = _repos(db)
    for item in content.checklist().items:
        assert squash(item.text) in pages[0]
    for number in ("(844) 561-0606", "1-800-662-4357", "988"):
        assert squash(number) in pages[0]
    assert squash(content.info().directory_date) in pages[0]
    conn.close()


def test_facility_slip_pdf_has_the_phone_and_the_distance(tmp_path: Path, db: Path) -> None:
    conn, _, directory = _repos(db)
    facility = directory.search_facilities(state="VT", levels={"intensive_outpatient"},
                                           near_zip="05602", limit=1)[0]
    conn.close()
    out = tmp_path / "slip.pdf"
    result = kiosk_admin("print", "facility", facility.id, "--zip", "05602", "--pdf", str(out),
                         content_db=db)
    assert result.returncode == 0, result.stderr
    pages = pages_text(out)
    assert len(pages) == 1
    assert squash(facility.phone) in pages[0]
    assert squash(facility.name) in pages[0]
    assert squash("Hours: call to confirm") in pages[0]
    assert squash("miles from ZIP 05602") in pages[0]
    assert PdfReader(str(out)).metadata.title == "Program information"


def test_unknown_facility_is_one_clear_line(tmp_path: Path, db: Path) -> None:
    out = tmp_path / "x.pdf"
    result = kiosk_admin("print", "facility", "no-such-id", "--pdf", str(out), content_db=db)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: no program with id 'no-such-id'"
    assert not out.exists()


def test_radius_needs_a_zip(tmp_path: Path, db: Path) -> None:
    result = kiosk_admin("print", "directory", "--state", "CA", "--radius", "10", "--pdf",
                         str(tmp_path / "x.pdf"), content_db=db)
    assert result.returncode == 2 and "--radius needs --zip" in result.stderr
    assert "Traceback" not in result.stderr


def test_vermont_booklet_lists_every_program_on_the_page_its_contents_line_gives(
        tmp_path: Path, db: Path) -> None:
    conn, _, directory = _repos(db)
    programs = directory.search_facilities(state="VT")
    conn.close()
    out = tmp_path / "vt.pdf"
    result = kiosk_admin("print", "directory", "--state", "VT", "--pdf", str(out),
                         content_db=db)
    assert result.returncode == 0, result.stderr
    pages = pages_text(out)
    whole = "".join(pages)
    assert f"{len(programs)}programs" in whole
    for facility in programs:
        assert squash(facility.phone) in whole, facility.name
    toc = (pages[0] + pages[1]).split("Contents", 1)[1]
    contents = re.findall(r"([A-Za-z.]+?),VT(\d+)programs?page(\d+)", toc)
    cities = {f.city for f in programs}
    assert {squash(c) for c in cities} == {c for c, _, _ in contents}
    for city, _, page in contents:
        assert f"{city},VT" in pages[int(page) - 1], (city, page)
    assert all(f"Page{i + 1}of{len(pages)}" in text for i, text in enumerate(pages))


def test_iop_booklet_near_a_zip(tmp_path: Path, db: Path) -> None:
    out = tmp_path / "near.pdf"
    result = kiosk_admin("print", "directory", "--state", "VT", "--level",
                         "intensive_outpatient", "--zip", "05602", "--radius", "30", "--pdf",
                         str(out), "--paper", "a4", content_db=db)
    assert result.returncode == 0, result.stderr
    conn, _, directory = _repos(db)
    near = directory.search_facilities(state="VT", levels={"intensive_outpatient"},
                                       near_zip="05602", radius_miles=30)
    conn.close()
    whole = "".join(pages_text(out))
    assert near and ("1program," if len(near) == 1 else f"{len(near)}programs") in whole
    assert squash("within 30 miles of ZIP 05602") in whole
    for facility in near:
        assert squash(facility.phone) in whole


def test_california_booklet(tmp_path: Path, db: Path) -> None:
    out = tmp_path / "ca.pdf"
    result = kiosk_admin("print", "directory", "--state", "CA", "--pdf", str(out),
                         content_db=db)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    conn, _, directory = _repos(db)
    count = len(directory.search_facilities(state="CA"))
    conn.close()
    reader = PdfReader(str(out))
    assert f"{count} programs" in result.stdout
    assert len(reader.pages) > 20
    last = squash(reader.pages[-1].extract_text() or "")
    assert f"Page{len(reader.pages)}of{len(reader.pages)}" in last


def test_the_command_line_does_not_load_qt_until_it_draws() -> None:
    code = ("import sys, kiosk.cli.main as m; m.build_parser(); "
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_longest_program_in_the_directory_still_fits_one_page(tmp_path: Path, db: Path,
                                                                 paper: str) -> None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    facility_id = conn.execute(
        "SELECT id FROM facility ORDER BY length(services) + length(name) + length(name2)"
        " + length(street1) + length(street2) DESC LIMIT 1").fetchone()[0]
    conn.close()
    out = tmp_path / "long.pdf"
    result = kiosk_admin("print", "facility", facility_id, "--zip", "94110", "--paper", paper,
                         "--pdf", str(out), content_db=db)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(str(out)).pages) == 1
    assert squash("Free help, any time") in pages_text(out)[0]

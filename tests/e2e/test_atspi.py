"""The kiosk through the real screen-reader stack (AT-SPI, as Orca reads it): on Xvfb, with
a session bus and the AT-SPI bus, the kiosk is found by name and toured once: Home (its
headings, menu and named controls), Compare levels (opened through its menu tab's action:
tables whose cells have level and question headers) and a program's page (opened from the
list: its name, address and phone are there as text)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from kiosk import paths
from kiosk.store.connect import open_content_db
from kiosk.store.content import ContentRepository
from kiosk.store.directory import DirectoryRepository
from tests.helpers import ROOT

WALKER = Path(__file__).with_name("atspi_walk.py")
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")
#: The database the kiosk reads in the session, and the test checks against.
CONTENT_DB = paths.bundled_content_db()


def _has_pyatspi() -> bool:
    done = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True,
                          timeout=30, check=False)
    return done.returncode == 0


needs_atspi = pytest.mark.skipif(
    not (sys.platform.startswith("linux") and shutil.which("Xvfb") and BUS_LAUNCHER.exists()
         and shutil.which("dbus-run-session") and Path("/usr/bin/python3").exists()
         and _has_pyatspi()),
    reason="needs Xvfb, dbus, at-spi2-core and python3-pyatspi (installed by ./dev setup)")

SESSION = """
set -e
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
"$KIOSK_PYTHON" -m kiosk --windowed --data-dir "$KIOSK_DATA" --content-db "$KIOSK_DB" \
    >"$KIOSK_LOG" 2>&1 &
kiosk=$!
/usr/bin/python3 "$WALKER" RecoveryGuideKiosk 60
kill $kiosk 2>/dev/null || true
wait $kiosk 2>/dev/null || true
"""


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One session, one tour (Home, Compare levels, a program's page); what was read."""
    tmp_path = tmp_path_factory.mktemp("atspi")
    display = ":" + str(90 + os.getpid() % 9)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", KIOSK_PYTHON=sys.executable,
                   KIOSK_DATA=str(tmp_path / "data"), KIOSK_LOG=str(tmp_path / "kiosk.log"),
                   KIOSK_DB=str(CONTENT_DB), WALKER=str(WALKER), HOME=str(tmp_path))
        done = subprocess.run(["dbus-run-session", "--", "bash", "-c", SESSION], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=180)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)
    log = (tmp_path / "kiosk.log").read_text()
    lines = done.stdout.strip().splitlines()
    assert lines, done.stderr + log
    found: dict[str, Any] = json.loads(lines[-1])
    assert found["found"], done.stderr + log
    assert "Segmentation fault" not in done.stderr, done.stderr + log
    found["log"] = done.stderr + log
    return found


@needs_atspi
def test_a_screen_reader_finds_home_its_headings_menu_and_named_controls(
        tour: dict[str, Any]) -> None:
    nodes = tour["screens"]["home"]
    headings = [n["name"] for n in nodes if n["role"] == "heading"]
    assert "Take your time" in headings
    tabs = [n["name"] for n in nodes if n["role"] == "page tab"]
    assert tabs == ["Home", "Guide", "FAQs", "Compare levels", "Find a program", "Checklist"]
    texts = " ".join(n["name"] for n in nodes)
    assert "988" in texts and "911" in texts  # the crisis strip is read too
    unnamed = [n for n in nodes if n["role"] in ("push button", "check box", "page tab")
               and not n["name"].strip()]
    assert not unnamed


@needs_atspi
def test_the_comparison_reaches_a_screen_reader_as_tables_with_headers(
        tour: dict[str, Any]) -> None:
    # The screen opened through its menu tab's action, as a reader's user would; its
    # title is a heading though the screen was built while the reader was running.
    assert "compare" in tour["screens"], tour["log"]
    nodes = tour["screens"]["compare"]
    assert "Levels of care, side by side" in [n["name"] for n in nodes
                                             if n["role"] == "heading"]
    with closing(open_content_db(CONTENT_DB)) as conn:
        levels = [level.name for level in ContentRepository(conn).care_levels()]
    tables = tour["tables"]
    assert tables and all(t["rows"] >= 5 for t in tables)
    # What the reader says with each cell: the level (column header) and the question
    # (row header), from the AT-SPI Table interface itself.
    assert sorted(h for t in tables for h in t["column_headers"]) == sorted(levels)
    for table in tables:
        assert {"Where you live", "Hours each week", "Cost"} <= set(table["row_headers"])


@needs_atspi
def test_a_programs_page_reads_out_its_name_address_and_phone(tour: dict[str, Any]) -> None:
    with closing(open_content_db(CONTENT_DB)) as conn:
        repo = DirectoryRepository(conn)
        if not repo.has_directory():
            pytest.skip("the content database has no program directory")
        opened = tour["opened"]
        digits = "".join(c for c in opened if c.isdigit())
        chosen = [s for s in repo.summaries() if opened.startswith(f"{s.name}, ")
                  and "".join(c for c in s.phone if c.isdigit()) in digits]
        assert chosen, opened
        facility = repo.facility(chosen[0].id)
    assert facility is not None
    assert "program" in tour["screens"], tour["log"]
    nodes = tour["screens"]["program"]
    assert facility.name in [n["name"] for n in nodes if n["role"] == "heading"]
    text = "\n".join(f"{n['name']}\n{n.get('text', '')}" for n in nodes)
    assert facility.street1 in text and facility.city in text
    phone = "".join(c for c in facility.phone if c.isdigit())
    assert phone[-4:] in text and phone[-7:-4] in text

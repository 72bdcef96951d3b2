"""`kiosk-admin search` answers what a visitor means, as the kiosk's search screen does:
crisis words first to crisis help, "near me" near the kiosk's own ZIP, a bare ZIP by miles,
payment words to programs that take that payment."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kiosk.store.admin import SettingsRepository, open_admin_db
from tests.helpers import ROOT, needs_directory, offscreen_env


def search(query: str, content_db: Path, data_dir: Path, *extra: str,
           as_json: bool = True) -> Any:
    done = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "search", query, "--content-db",
         str(content_db), "--data-dir", str(data_dir), *(["--json"] if as_json else []),
         *extra],
        cwd=ROOT, env=offscreen_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout) if as_json else done.stdout


def miles(hit: dict[str, str]) -> float:
    found = re.search(r"([\d.]+) mi", hit["snippet"])
    assert found, hit
    return float(found[1])


@pytest.fixture
def kiosk_in_sacramento(tmp_path: Path) -> Path:
    """A kiosk data folder whose admin screen set the kiosk's ZIP to 95814."""
    data = tmp_path / "data"
    conn = open_admin_db(data)
    SettingsRepository(conn).set("kiosk_zip", "95814")
    conn.close()
    return data


@needs_directory
def test_near_me_means_near_the_kiosk_and_nearest_comes_first(
        content_db: Path, kiosk_in_sacramento: Path, tmp_path: Path) -> None:
    near = search("near me", content_db, kiosk_in_sacramento)
    programs = [h for h in near if h["kind"] == "facility"]
    assert programs and programs == near[:len(programs)]
    assert all("Sacramento, CA" in h["snippet"] for h in programs[:3])
    assert [miles(h) for h in programs] == sorted(miles(h) for h in programs)
    assert miles(programs[0]) < 2
    # The same as typing the ZIP itself.
    assert search("95814", content_db, kiosk_in_sacramento) == near
    # A kiosk with no ZIP says how to give it one instead of listing nothing.
    text = search("near me", content_db, tmp_path / "fresh", as_json=False)
    assert "no ZIP code set" in text and "--zip" in text
    assert not (tmp_path / "fresh").exists(), "a search must not create the kiosk's files"


@pytest.mark.parametrize("query", ["988", "crisis", "I took an overdose", "suicide"])
def test_crisis_words_put_crisis_help_first(content_db: Path, tmp_path: Path,
                                            query: str) -> None:
    hits = search(query, content_db, tmp_path / "data")
    assert hits[0]["kind"] == "help" and "988" in hits[0]["title"]
    assert "911" in hits[0]["snippet"]
    # 988 is the crisis line, never Washington State's 988xx ZIP codes.
    assert not any(h["kind"] == "facility" and ", WA 988" in h["snippet"] for h in hits)
    text = search(query, content_db, tmp_path / "data", as_json=False)
    assert text.splitlines()[0].startswith("Help ")


@needs_directory
def test_medicaid_finds_insurance_help_and_programs_that_take_medicaid(
        content_db: Path, tmp_path: Path) -> None:
    hits = search("medicaid", content_db, tmp_path / "data")
    assert hits[0]["kind"] in ("guide", "faq")
    assert "cost-and-insurance" in [h["id"] for h in hits[:3]]
    programs = [h["id"] for h in hits if h["kind"] == "facility"]
    assert len(programs) >= 5
    conn = sqlite3.connect(content_db)
    try:
        for facility_id in programs:
            services = conn.execute("SELECT services FROM facility WHERE id = ?",
                                    (facility_id,)).fetchone()[0].split()
            assert "MD" in services, facility_id
    finally:
        conn.close()

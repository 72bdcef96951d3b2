"""`python -m kiosk` as a subprocess: self-test, failure lines, screenshots."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import BROKEN_CONTENT_DBS, ROOT, offscreen_env, write_broken_content_db


def run_kiosk(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data"), *args],
        cwd=ROOT, env=offscreen_env(), capture_output=True, text=True, timeout=120,
    )


def test_self_test_passes_with_nothing_on_stderr(tmp_path: Path, content_db: Path) -> None:
    result = run_kiosk("--self-test", "--content-db", str(content_db), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("self-test ok:")
    assert len(result.stdout.strip().splitlines()) == 1
    assert result.stderr == ""


@pytest.mark.parametrize(("kind", "reason"), BROKEN_CONTENT_DBS)
def test_self_test_fails_in_one_line(tmp_path: Path, kind: str, reason: str) -> None:
    path = write_broken_content_db(tmp_path / "bad.sqlite", kind)
    result = run_kiosk("--self-test", "--content-db", str(path), tmp_path=tmp_path)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("self-test failed:"), result.stderr
    assert reason in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_screenshot_writes_every_screen_at_each_size(tmp_path: Path, content_db: Path) -> None:
    out = tmp_path / "shots"
    result = run_kiosk("--screenshot", str(out), "--size", "1080x1920", "--size", "1366x768",
                       "--content-db", str(content_db), tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    names = {p.name for p in out.glob("*.png")}
    for screen in ("home", "guide", "faq", "compare", "directory", "checklist", "help"):
        for size in ("1080x1920", "1366x768"):
            assert any(n.startswith(screen) and n.endswith(f"-{size}.png") for n in names)
    assert all(p.stat().st_size > 5000 for p in out.glob("*.png"))
    from PySide6.QtGui import QImage

    for png in out.glob("*.png"):
        size = QImage(str(png)).size()
        assert f"{size.width()}x{size.height()}" == png.stem.rsplit("-", 1)[1], png.name


def test_admin_info_reports_the_content(content_db: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "info", "--content-db", str(content_db)],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "guide sections:" in result.stdout


def test_unknown_language_falls_back_to_english(tmp_path: Path, content_db: Path) -> None:
    result = run_kiosk("--self-test", "--lang", "xx", "--content-db", str(content_db),
                       tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "guide sections" in result.stdout


def test_admin_import_of_a_mental_health_only_export_fails_in_one_line(
        tmp_path: Path, content_db: Path) -> None:
    from tests.helpers import SAMHSA_DIR

    sample = SAMHSA_DIR / "locator_format_sample" / "samhsa-treatment-data.csv"
    if not sample.is_file():
        pytest.skip("the real SAMHSA folder is not beside the checkout")
    before = content_db.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "import", "findtreatment-export", str(sample),
         "--merge", "--content-db", str(content_db)],
        cwd=ROOT, env=offscreen_env(), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("Nothing was changed."), result.stderr
    assert "mental health" in lines[0] and "Traceback" not in result.stderr
    assert content_db.read_bytes() == before

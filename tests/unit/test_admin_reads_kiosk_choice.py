"""kiosk-admin search and info read the database the kiosk shows: after an import into a data
folder, the imported directory, not the one bundled with the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.cli.main import main as admin_main
from tests.helpers import needs_directory
from tests.unit.test_directory_update import _make_next_year

pytestmark = needs_directory


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    made = _make_next_year(tmp_path / "download")
    data = tmp_path / "data"
    assert admin_main(["import", "samhsa-directory", str(made.folder),
                       "--data-dir", str(data)]) == 0
    return data, sorted(made.added)[0]


def test_search_and_info_use_the_imported_directory(
        imported: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    data, added = imported
    capsys.readouterr()
    assert admin_main(["search", added, "--data-dir", str(data)]) == 0
    assert added in capsys.readouterr().out
    assert admin_main(["info", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "In use: the imported directory" in out
    assert "2025" in out


def test_a_damaged_imported_directory_is_one_line(
        imported: tuple[Path, str], capsys: pytest.CaptureFixture[str]) -> None:
    data, added = imported
    (data / "directory" / "content.sqlite").write_bytes(b"not a database" * 100)
    capsys.readouterr()
    assert admin_main(["search", added, "--data-dir", str(data)]) != 0
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1
    assert "imported directory" in captured.err and "Traceback" not in captured.err

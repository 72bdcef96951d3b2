"""kiosk-admin search and info read the database the kiosk shows: after an import into a data
folder, the imported directory, not the one bundled with the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli.main import main as admin_main
from tests.helpers import needs_directory
from tests.unit.test_directory_update import _make_next_year

pytestmark = needs_directory


@pytest.fixture(scope="module")
def imported_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("imported")
    made = _make_next_year(root / "download")
    data = root / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("KIOSK_CONTENT_DB", raising=False)
        assert admin_main(["import", "samhsa-directory", str(made.folder),
                           "--data-dir", str(data)]) == 0
    return data, sorted(made.added)[0]


@pytest.fixture
def imported(imported_once: tuple[Path, str], tmp_path: Path,
             monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A kiosk data folder with next year's directory imported into it; each test gets its
    own copy of the folder."""
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    data, added = imported_once
    return Path(shutil.copytree(data, tmp_path / "data")), added


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

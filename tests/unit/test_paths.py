"""Portable mode: a marker file beside the frozen executable keeps everything beside it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk import paths


@pytest.fixture
def frozen_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the PyInstaller build at tmp_path/app/kiosk."""
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    exe = app / "kiosk"
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "_MEIPASS", str(app / "_internal"), raising=False)
    monkeypatch.delenv("KIOSK_DATA_DIR", raising=False)
    return exe


def test_source_tree_is_never_portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.portable_root() is None
    assert paths.runtime_environment({"LANG": "C"}) == {}


def test_frozen_without_marker_uses_the_user_directories(frozen_exe: Path) -> None:
    assert paths.portable_root() is None
    assert frozen_exe.parent not in paths.data_dir().parents
    assert frozen_exe.parent not in paths.log_dir().parents
    assert paths.bundle_root() == frozen_exe.parent / "_internal"


def test_marker_keeps_settings_and_logs_beside_the_executable(frozen_exe: Path) -> None:
    (frozen_exe.parent / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert paths.portable_root() == frozen_exe.parent
    assert paths.data_dir() == frozen_exe.parent / "data"
    assert paths.log_dir() == frozen_exe.parent / "logs"


def test_explicit_data_dir_still_wins_in_portable_mode(frozen_exe: Path, tmp_path: Path) -> None:
    (frozen_exe.parent / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    chosen = tmp_path / "elsewhere"
    assert paths.data_dir(chosen) == chosen
    assert paths.log_dir(chosen) == chosen / "logs"


def test_portable_points_every_xdg_directory_into_the_folder(frozen_exe: Path) -> None:
    (frozen_exe.parent / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    env = paths.runtime_environment({"LANG": "en_US.UTF-8", "HOME": "/home/someone"})
    assert set(paths.PORTABLE_XDG) <= set(env)
    for name in paths.PORTABLE_XDG:
        assert Path(env[name]).parent == frozen_exe.parent
    assert "LC_CTYPE" not in env


def test_installed_copy_leaves_xdg_alone(frozen_exe: Path) -> None:
    env = paths.runtime_environment({"LANG": "en_US.UTF-8"})
    assert not set(paths.PORTABLE_XDG) & set(env)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux locale coercion")
@pytest.mark.parametrize(
    ("environ", "coerced"),
    [
        ({}, True),
        ({"LANG": "C"}, True),
        ({"LANG": "POSIX"}, True),
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LANG": "C", "LC_CTYPE": "de_DE.UTF-8"}, False),
        ({"LC_ALL": "C"}, False),  # an explicit LC_ALL is the user's choice, as in CPython
    ],
)
def test_c_locale_is_coerced_to_utf8_like_python_does(
    frozen_exe: Path, environ: dict[str, str], coerced: bool
) -> None:
    env = paths.runtime_environment(environ)
    assert (env.get("LC_CTYPE") == "C.UTF-8") is coerced


def test_settings_file_beside_the_executable(frozen_exe: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert paths.settings_file(data) is None
    beside = frozen_exe.parent / "settings.toml"
    beside.write_text("", encoding="utf-8")
    assert paths.settings_file(data) == beside
    data.mkdir()
    (data / "settings.toml").write_text("", encoding="utf-8")
    assert paths.settings_file(data) == data / "settings.toml"

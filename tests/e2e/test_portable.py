"""Portable mode writes nothing under HOME, even with no D-Bus session bus running.

With no session bus, libdbus starts one itself (dbus-launch, on an X display) and records
it in ~/.dbus/session-bus/. The kiosk runs for real on an X server (Xvfb, Qt's xcb
platform) with the environment portable mode gives it, an empty HOME and no bus.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import paths
from tests.helpers import ROOT

TIMEOUT = 120

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="D-Bus autolaunch is a Linux desktop matter")


@pytest.fixture
def x_display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (./dev setup installs it)")
    if shutil.which("dbus-launch") is None:
        pytest.skip("dbus-launch is not installed, so nothing could launch a bus anyway")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp",
                               "-screen", "0", "1366x768x24"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as fh:
        number = fh.readline().strip()  # Xvfb writes it once it accepts clients
    try:
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def portable_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """What main() sets for a portable copy in tmp_path/app (as the frozen app computes it)."""
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "kiosk"))
    environ = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    env = paths.runtime_environment(environ)
    monkeypatch.undo()
    return env


def test_portable_mode_with_no_session_bus_leaves_home_empty(
        tmp_path: Path, content_db: Path, x_display: str, portable_env: dict[str, str]) -> None:
    app = tmp_path / "app"
    assert portable_env["DBUS_SESSION_BUS_ADDRESS"].startswith("unix:path=")
    assert str(app) in portable_env["DBUS_SESSION_BUS_ADDRESS"]
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "WAYLAND_DISPLAY")}
    env.update(portable_env, HOME=str(home), DISPLAY=x_display, QT_QPA_PLATFORM="xcb",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "kiosk", "--self-test", "--content-db",
                           str(content_db), "--data-dir", str(app / "data")], env=env,
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=ROOT,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "platform xcb" in done.stdout  # a real X connection, where autolaunch happens
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
    assert not (app / paths.NO_SESSION_BUS).exists()


def test_a_running_session_bus_is_left_alone(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(app / "kiosk"))
    env = paths.runtime_environment({"DBUS_SESSION_BUS_ADDRESS": "unix:path=/run/user/1/bus"})
    assert "DBUS_SESSION_BUS_ADDRESS" not in env
    assert env["XDG_CACHE_HOME"] == str(app / "cache")

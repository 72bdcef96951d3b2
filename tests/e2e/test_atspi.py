"""The kiosk through the real screen-reader stack (AT-SPI, as Orca reads it): on Xvfb, with
a session bus and the AT-SPI bus, the kiosk's Home screen is found by name, its headings
and menu are there with their roles, and every control a visitor can reach has a name."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

WALKER = Path(__file__).with_name("atspi_walk.py")
BUS_LAUNCHER = Path("/usr/libexec/at-spi-bus-launcher")


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
"$KIOSK_PYTHON" -m kiosk --windowed --data-dir "$KIOSK_DATA" >"$KIOSK_LOG" 2>&1 &
kiosk=$!
/usr/bin/python3 "$WALKER" RecoveryGuideKiosk 60
kill $kiosk 2>/dev/null || true
wait $kiosk 2>/dev/null || true
"""


@needs_atspi
def test_a_screen_reader_finds_home_its_headings_menu_and_named_controls(
        tmp_path: Path) -> None:
    display = ":" + str(90 + os.getpid() % 9)
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                             "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        env = {k: v for k, v in os.environ.items()
               if k not in ("QT_QPA_PLATFORM", "DBUS_SESSION_BUS_ADDRESS")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_ACCESSIBILITY="1",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", KIOSK_PYTHON=sys.executable,
                   KIOSK_DATA=str(tmp_path / "data"), KIOSK_LOG=str(tmp_path / "kiosk.log"),
                   WALKER=str(WALKER), HOME=str(tmp_path))
        done = subprocess.run(["dbus-run-session", "--", "bash", "-c", SESSION], cwd=ROOT,
                              env=env, capture_output=True, text=True, timeout=180)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)
    tree = json.loads(done.stdout.strip().splitlines()[-1])
    assert tree["found"], done.stderr + (tmp_path / "kiosk.log").read_text()
    nodes = tree["nodes"]
    headings = [n["name"] for n in nodes if n["role"] == "heading"]
    assert "Take your time" in headings
    tabs = [n["name"] for n in nodes if n["role"] == "page tab"]
    assert tabs == ["Home", "Guide", "FAQs", "Compare levels", "Find a program", "Checklist"]
    texts = " ".join(n["name"] for n in nodes)
    assert "988" in texts and "911" in texts  # the crisis strip is read too
    unnamed = [n for n in nodes if n["role"] in ("push button", "check box", "page tab")
               and not n["name"].strip()]
    assert not unnamed

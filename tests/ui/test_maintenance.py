"""A broken content database shows the maintenance screen, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from kiosk.app import load_settings, make_shell, open_stores, parse_args
from kiosk.store.connect import ContentDbError
from tests.helpers import BROKEN_CONTENT_DBS, write_broken_content_db


@pytest.mark.parametrize(("kind", "reason"), BROKEN_CONTENT_DBS)
def test_window_path_shows_maintenance(qtbot, themed_app, tmp_path: Path, kind: str,
                                       reason: str) -> None:
    path = write_broken_content_db(tmp_path / "content.sqlite", kind)
    settings = load_settings(parse_args(["--content-db", str(path), "--data-dir",
                                         str(tmp_path / "data")]))
    with pytest.raises(ContentDbError, match=reason):
        open_stores(settings)
    window = make_shell(None)
    qtbot.addWidget(window)
    window.show()
    texts = " ".join(label.text() for label in window.findChildren(QLabel))
    assert "This kiosk needs attention — please tell a staff member" in texts
    assert "Traceback" not in texts


#: Run in a process of its own: the kiosk's event loop ending (app.exec() returning) leaves
#: the test session's application unable to run later tests' deferred work.
_CLOSE_THE_MAINTENANCE_SCREEN = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from kiosk.app import load_settings, parse_args, run_qt

args = parse_args(sys.argv[1:])
seen = []

def close_it():
    windows = [w for w in QApplication.topLevelWidgets()
               if isinstance(w, QMainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(50, close_it)
        return
    seen.extend(windows)
    for window in windows:
        window.close()
    QApplication.exit(0)  # as the last window closing would

QTimer.singleShot(0, close_it)
code = run_qt(None, load_settings(args), args, "broken")
print("shown" if seen else "not shown")
sys.exit(code)
"""


def test_closing_the_maintenance_screen_is_never_a_staff_exit(tmp_path: Path) -> None:
    """Exit 0 tells the supervisor that staff stopped the kiosk on purpose; the maintenance
    screen closing (or the compositor going away) must restart it instead."""
    import subprocess
    import sys

    from kiosk.ui.crash import EXIT_MAINTENANCE
    from tests.helpers import ROOT, offscreen_env

    path = write_broken_content_db(tmp_path / "content.sqlite", "random-bytes")
    done = subprocess.run(
        [sys.executable, "-c", _CLOSE_THE_MAINTENANCE_SCREEN, "--windowed", "--content-db",
         str(path), "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, env=offscreen_env(), capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "shown", done.stderr
    assert done.returncode == EXIT_MAINTENANCE != 0
    assert "Traceback" not in done.stderr

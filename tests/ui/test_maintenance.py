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


def test_closing_the_maintenance_screen_is_never_a_staff_exit(qtbot, themed_app,
                                                              tmp_path: Path) -> None:
    """Exit 0 tells the supervisor that staff stopped the kiosk on purpose; the maintenance
    screen closing (or the compositor going away) must restart it instead."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from kiosk.app import run_qt
    from kiosk.ui.crash import EXIT_MAINTENANCE

    path = write_broken_content_db(tmp_path / "content.sqlite", "random-bytes")
    args = parse_args(["--windowed", "--content-db", str(path), "--data-dir",
                       str(tmp_path / "data")])
    seen: list[QMainWindow] = []

    def close_it() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                seen.append(widget)
                widget.close()
        QApplication.exit(0)  # as the last window closing would

    QTimer.singleShot(0, close_it)
    code = run_qt(None, load_settings(args), args, "broken")
    for window in seen:
        qtbot.addWidget(window)
    assert seen, "the maintenance window was not shown"
    assert code == EXIT_MAINTENANCE != 0

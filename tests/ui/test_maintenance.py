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

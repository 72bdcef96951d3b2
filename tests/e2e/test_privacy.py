"""A scripted visitor session, then a reset: nothing the visitor typed or viewed is on disk.

The visitor searches, enters a ZIP code, filters programs, opens a facility, ticks the
checklist, reads the guide and an FAQ and types into every text field on screen. Then the
session resets (Quick exit, as a worried visitor would). Every file under the data folder
(admin database, its journal, the rotating logs at DEBUG level) is searched for each string,
in UTF-8 and UTF-16; the screen and the clipboard are checked too.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from kiosk.logs import setup_logging
from tests.helpers import click

SEARCH = "suboxon counselor Quimbyx"
ZIP = "97214"
FREE_TEXT = "my name is Zorbina Q"


@pytest.fixture
def logged(data_dir: Path):  # type: ignore[no-untyped-def]
    """The kiosk's own rotating log, at DEBUG, in the test's data folder."""
    root = logging.getLogger()
    level = root.level
    path = setup_logging(data_dir / "logs", logging.DEBUG)
    assert path is not None
    yield path
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def files_containing(folder: Path, needles: list[str]) -> list[tuple[str, str]]:
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for needle in needles:
            for encoded in (needle.encode("utf-8"), needle.encode("utf-16-le"),
                            needle.lower().encode("utf-8")):
                if encoded in data:
                    found.append((str(path.relative_to(folder)), needle))
    return found


def test_a_visitor_session_leaves_no_trace(qtbot, shell, window, stores, data_dir, logged) -> None:
    viewed: list[str] = []
    guard = shell.session

    # Search from the top bar.
    bar = shell.search_bar
    bar.field.setFocus()
    qtbot.keyClicks(bar.field, SEARCH)
    assert bar.field.text() == SEARCH
    assert window.current_screen_id() == "search"

    # Find a program: ZIP on the keypad, a filter, a facility's details.
    directory = shell.screens.directory
    window.navigate("directory")
    if stores.content.info().directory_source:  # the real directory is in this build
        click(qtbot, directory.keypad.keys["clear"])
        for digit in ZIP:
            click(qtbot, directory.keypad.keys[digit])
        click(qtbot, directory.keypad.done_button)
        directory.set_filter("intensive_outpatient", True)
        assert directory.model.rowCount() > 0
        index = directory.model.index(0)
        directory.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        directory.results_page.open_row(index)
        assert directory.current_facility_id()
        viewed.append(directory.detail_title.text())

    # Checklist ticks.
    window.navigate("checklist")
    checklist = window.screens["checklist"]
    rect = checklist.list.visualRect(checklist.model.index(3))
    qtbot.mouseClick(checklist.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(checklist.model.ticked_keys()) == 1

    # Guide and FAQ views.
    window.navigate("guide")
    window.screens["guide"].detail.select(7)
    window.navigate("faq")
    window.screens["faq"].detail.select(4)

    # Anything typed into any other field, and the clipboard.
    for edit in window.findChildren(QLineEdit):
        if edit.isEnabled() and not edit.isReadOnly() and not edit.text():
            edit.setFocus()
            qtbot.keyClicks(edit, "7" if edit.validator() is not None else FREE_TEXT)
    QGuiApplication.clipboard().setText(FREE_TEXT)

    click(qtbot, guard.quick_exit_button)

    # On screen: nothing left, not even in undo.
    assert window.current_screen_id() == "home"
    for edit in window.findChildren(QLineEdit):
        assert SEARCH not in edit.text() and FREE_TEXT not in edit.text()
        assert ZIP not in edit.text() or edit.text() == stores.settings.kiosk_zip
        assert not edit.isUndoAvailable(), edit.accessibleName()
    assert checklist.model.ticked_keys() == []
    assert QGuiApplication.clipboard().text() == ""

    # On disk: nothing under the data folder (admin DB, journal, logs).
    logging.getLogger("kiosk").debug("flush marker")
    for handler in logging.getLogger().handlers:
        handler.flush()
    stores.admin_conn.commit()
    assert logged.exists() and "flush marker" in logged.read_text()
    needles = [SEARCH, *SEARCH.split(), ZIP, FREE_TEXT, *[v for v in viewed if v]]
    assert files_containing(data_dir, needles) == []


def test_the_check_would_notice_a_leak(data_dir: Path) -> None:
    """The scan itself works: a string written to a log file or a database is found."""
    (data_dir / "logs").mkdir()
    (data_dir / "logs" / "kiosk.log").write_text(f"search for {SEARCH}\n")
    (data_dir / "x.sqlite").write_bytes(b"\0\0" + ZIP.encode("utf-16-le") + b"\0")
    assert sorted(files_containing(data_dir, [SEARCH, ZIP])) == [
        ("logs/kiosk.log", SEARCH), ("x.sqlite", ZIP)]

"""A filter tap on the directory repaints what it changed, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from kiosk.ui.screens.directory import DirectoryScreen

SAMHSA = Path(__file__).resolve().parents[3] / "shared" / "data" / "samhsa"
needs_data = pytest.mark.skipif(not SAMHSA.is_dir(), reason="no SAMHSA data beside the repo")


class Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.widgets: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.widgets.append(watched)
        return False


@pytest.fixture
def screen(qtbot, themed_app, content_db: Path) -> Iterator[DirectoryScreen]:  # type: ignore[no-untyped-def]
    conn = open_content_db(content_db)
    widget = DirectoryScreen(DirectoryRepository(conn))
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.on_shown()
    yield widget
    widget.close()
    conn.close()


def settle() -> None:
    for _ in range(8):
        QCoreApplication.processEvents()


@needs_data
def test_a_chip_tap_paints_the_list_once_with_its_scroll_bar_already_right(
        qtbot, screen: DirectoryScreen) -> None:  # type: ignore[no-untyped-def]
    screen.show_state("CA")
    page = screen.results_page
    settle()
    paints = Paints()
    app = QCoreApplication.instance()
    assert app is not None
    app.installEventFilter(paints)
    try:
        # Chosen as the keyboard or a switch does (a finger's press also wakes the filter
        # column's kinetic scrolling, which repaints its scroll bar).
        page.chips["residential"].click()
        # The scroll bar already spans the new rows, before anything is painted.
        bar = screen.list.verticalScrollBar()
        rows = screen.model.rowCount()
        assert 0 < rows < 1_141
        assert bar.maximum() == max(0, rows * screen.list.rowHeight(0)
                                    - screen.list.viewport().height())
        settle()
    finally:
        app.removeEventFilter(paints)
    assert paints.widgets.count(screen.list.viewport()) == 1
    assert page not in paints.widgets and screen not in paints.widgets


@needs_data
def test_coming_back_to_a_state_paints_its_page_once(
        qtbot, screen: DirectoryScreen) -> None:  # type: ignore[no-untyped-def]
    screen.show_state("CA")
    page = screen.results_page
    settle()
    page.change_place_button.click()
    settle()
    paints = Paints()
    app = QCoreApplication.instance()
    assert app is not None
    app.installEventFilter(paints)
    try:
        screen.choose_page.state_buttons["CA"].click()
        settle()
    finally:
        app.removeEventFilter(paints)
    assert screen.pages.currentWidget() is page
    chips = [chip for chip in page.chips.values() if chip in paints.widgets]
    assert chips, "no chip was painted"
    assert paints.widgets.count(page) == 1
    assert all(paints.widgets.count(chip) == 1 for chip in chips)
    assert paints.widgets.count(page.count_label) == 1

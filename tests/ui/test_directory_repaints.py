"""A filter tap on the directory repaints what it changed, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QColor, QImage, QPainter, QRegion
from PySide6.QtWidgets import QStyle, QStyleOptionButton, QVBoxLayout, QWidget

from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from kiosk.ui import theme
from kiosk.ui.screens.directory import DirectoryScreen
from kiosk.ui.widgets.chips import FilterChip
from tests.helpers import recording_paints

SAMHSA = Path(__file__).resolve().parents[3] / "shared" / "data" / "samhsa"
needs_data = pytest.mark.skipif(not SAMHSA.is_dir(), reason="no SAMHSA data beside the repo")



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
    with recording_paints() as painted:
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
    assert painted.count(screen.list.viewport()) == 1
    assert page not in painted and screen not in painted


@needs_data
def test_coming_back_to_a_state_paints_its_page_once(
        qtbot, screen: DirectoryScreen) -> None:  # type: ignore[no-untyped-def]
    screen.show_state("CA")
    page = screen.results_page
    settle()
    page.change_place_button.click()
    settle()
    with recording_paints() as painted:
        screen.choose_page.state_buttons["CA"].click()
        settle()
    assert screen.pages.currentWidget() is page
    chips = [chip for chip in page.chips.values() if chip in painted]
    assert chips, "no chip was painted"
    assert painted.count(page) == 1
    assert all(painted.count(chip) == 1 for chip in chips)
    assert painted.count(page.count_label) == 1


def _largest_difference(a: QImage, b: QImage) -> int:
    worst = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            worst = max(worst, abs(p.red() - q.red()), abs(p.green() - q.green()),
                        abs(p.blue() - q.blue()))
    return worst


def _assert_looks_as_the_style_draws(chip: FilterChip) -> None:
    page = QColor(theme.colours().paper)
    size = chip.size()
    painted = QImage(size, QImage.Format.Format_RGB32)
    painted.fill(page)
    chip.render(painted, QPoint(), QRegion(), QWidget.RenderFlag(0))
    drawn = QImage(size, QImage.Format.Format_RGB32)
    drawn.fill(page)
    option = QStyleOptionButton()
    chip.initStyleOption(option)
    painter = QPainter(drawn)
    chip.style().drawControl(QStyle.ControlElement.CE_PushButton, option, painter, chip)
    painter.end()
    assert _largest_difference(painted, drawn) <= 2, chip.text()


def test_a_chip_looks_as_the_style_draws_a_button_in_every_state(qtbot, themed_app) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    chips = [FilterChip(f"k{i}", "Intensive outpatient (IOP)") for i in range(4)]
    for chip in chips:
        column.addWidget(chip)
    host.resize(320, 400)
    host.show()
    chips[0].set_count(475)
    chips[1].set_count(214)
    chips[1].setChecked(True)
    chips[2].set_count(0)  # nothing to give: greyed out
    chips[3].set_count(12)
    chips[3].setDown(True)  # under a finger
    for chip in chips:
        _assert_looks_as_the_style_draws(chip)
    # In high contrast and the largest text, and back: nothing of the last look stays.
    try:
        theme.apply(themed_app, high_contrast=True, text_percent=150)
        for chip in chips:
            _assert_looks_as_the_style_draws(chip)
    finally:
        theme.apply(themed_app)
    for chip in chips:
        _assert_looks_as_the_style_draws(chip)

"""988 and 911 are on screen at every size, large, whole and uncovered; "Get help now"
starts with them and fits a laptop screen."""

from __future__ import annotations

from typing import Any

import pytest
import zxingcpp
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtWidgets import QLabel

from tests.helpers import image_to_numpy

SIZES = [(1920, 1080), (1080, 1920), (1366, 768), (1024, 600), (600, 1024)]


def assert_whole_and_uncovered(window: Any, label: QLabel, least_pt: float) -> None:
    assert label.isVisible(), label.text()
    assert label.font().pointSizeF() >= least_pt
    box = QRect(label.mapTo(window, QPoint(0, 0)), label.size())
    assert window.rect().contains(box), f"{label.text()!r} at {box} outside {window.rect()}"
    flags = int(Qt.TextFlag.TextWordWrap) if label.wordWrap() else 0
    needed = label.fontMetrics().boundingRect(label.contentsRect(), flags, label.text())
    assert needed.width() <= label.contentsRect().width(), f"{label.text()!r} cut off"
    assert needed.height() <= label.contentsRect().height(), f"{label.text()!r} cut off"
    for point in (box.center(), box.topLeft() + QPoint(4, 4), box.bottomRight() - QPoint(4, 4)):
        assert window.childAt(point) is label, f"{label.text()!r} covered at {point}"


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_988_and_911_are_whole_and_uncovered_at_every_size(qtbot: Any, make_shell: Any,
                                                          size: tuple[int, int]) -> None:
    shell = make_shell(size=size)
    window = shell.window
    window.fit_to(*size)
    assert (window.width(), window.height()) == size  # the window fits the screen
    strip = window.crisis_strip
    assert "988" in strip.crisis_label.text() and "911" in strip.emergency_label.text()
    promise_pt = window.helpline_panel.promise_label.font().pointSizeF()

    def check(state: str) -> None:
        QCoreApplication.processEvents()
        for label in (strip.crisis_label, strip.emergency_label):
            try:
                assert_whole_and_uncovered(window, label, promise_pt)
            except AssertionError as exc:
                raise AssertionError(f"{state}: {exc}") from None

    for screen_id in ("home", "directory", "help", "print"):
        window.navigate(screen_id)
        check(screen_id)
    # Typing: the on-screen keyboard is open.
    shell.search_bar.field.setFocus()
    shell.keyboard.toggle(True)
    qtbot.waitUntil(shell.keyboard.isVisible)
    check("keyboard open")
    shell.keyboard.toggle(False)
    # The idle warning and the staff PIN pad sit over the page, never over the strip.
    session = shell.session
    session.note_activity()
    session._on_idle_timer_timeout()
    assert session.warning.isVisible()
    check("idle warning")
    session.note_activity()
    session.open_pin_pad()
    check("PIN pad")


def test_the_strip_qr_code_calls_988(qtbot: Any, window: Any) -> None:
    qr = window.crisis_strip.qr_label
    qtbot.waitUntil(lambda: not qr.pixmap().isNull())
    found = zxingcpp.read_barcodes(image_to_numpy(qr.pixmap().toImage()))
    assert [r.text for r in found] == ["tel:988"]


def test_get_help_now_starts_with_988_911_and_samhsa_and_fits_a_laptop(window: Any) -> None:
    window.fit_to(1366, 768)
    window.navigate("help")
    QCoreApplication.processEvents()
    help_screen = window.screens["help"]
    names = [card.accessibleName() for card in help_screen.cards]
    assert names[0].endswith(", 988")
    assert names[1].endswith(", 911")
    assert names[2] == "SAMHSA's National Helpline, 1-800-662-4357"
    featured = window.helpline_panel.featured
    assert names[3] == f"{featured.name}, {featured.number}"
    viewport = help_screen.scroll_area.viewport()
    assert help_screen.scroll_area.verticalScrollBar().maximum() == 0
    for card in help_screen.cards:
        box = QRect(card.mapTo(viewport, QPoint(0, 0)), card.size())
        assert viewport.rect().contains(box), card.accessibleName()


def test_a_short_laptop_screen_still_lists_samhsas_free_line(window: Any) -> None:
    window.fit_to(1366, 700)
    window.navigate("home")
    panel = window.helpline_panel
    others = [label.text() for label in panel.others if label.isVisible()]
    assert others == ["SAMHSA's National Helpline: 1-800-662-4357"]
    assert panel.number_label.isVisible() and panel.disclosure_label.isVisible()


def test_a_screen_reader_reads_988_and_911_from_the_accessibility_tree(window: Any) -> None:
    from PySide6.QtGui import QAccessible

    names = []
    for label in (window.crisis_strip.crisis_label, window.crisis_strip.emergency_label):
        node = QAccessible.queryAccessibleInterface(label)
        assert node is not None and node.isValid()
        names.append(node.text(QAccessible.Text.Name))
    assert "988" in names[0] and "Lifeline" in names[0]
    assert "911" in names[1] and "overdose" in names[1]

"""A status line shows all of its text, and new text of the same length needs no re-layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.widgets.labels import StatusLine
from tests.helpers import recording_paints


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


@pytest.fixture
def page_line(qtbot, themed_app) -> tuple[QWidget, StatusLine]:  # type: ignore[no-untyped-def]
    """A status line showing one line of text at the top of a narrow, shown page."""
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    line = StatusLine(role="muted")
    layout.addWidget(line)
    layout.addStretch(1)
    page.resize(300, 400)
    page.show()
    qtbot.waitExposed(page)
    line.setText("12 of 1,141 programs match.")
    QCoreApplication.processEvents()
    return page, line


def test_status_line_fits_its_text_and_repaints_without_a_relayout(page_line) -> None:
    page, line = page_line
    one_line = line.height()
    assert line.label.geometry() == line.rect()
    line.setText("A longer hint that needs several lines at this narrow width, every word "
                 "of it still in view.")
    QCoreApplication.processEvents()
    assert line.height() > one_line
    assert line.label.heightForWidth(line.width()) <= line.height()
    assert line.label.geometry() == line.rect()
    requests = LayoutRequests()
    page.installEventFilter(requests)
    line.setText("A longer hint that needs several lines at this narrow width, every word "
                 "of it still in sight.")
    QCoreApplication.processEvents()
    page.removeEventFilter(requests)
    assert requests.count == 0
    assert line.text().endswith("in sight.")


def test_new_text_repaints_the_line_and_not_the_page_under_it(page_line) -> None:
    page, line = page_line
    with recording_paints(page, line, line.label) as painted:
        line.setText("13 of 1,141 programs match.")
        QCoreApplication.processEvents()
    assert line.label in painted
    assert page not in painted

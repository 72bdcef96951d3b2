"""Printing against a real cupsd: "collect your page" only once CUPS says the job completed.

A stopped, rejecting or deleted queue, a job that never finishes and one whose visitor
walks away all end in the no-printer message with the QR code, and no page contents are
left in the spool. The cupsd runs with deploy/linux/cupsd-kiosk.conf's settings.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.present.settings import LiveSettings
from kiosk.ui import printing
from kiosk.ui.screens.print_preview import PrintPreviewScreen
from tests import cups_server
from tests.cups_server import CupsServer

COLLECT = "Please collect it from the printer"
NO_PRINTER = "There is no printer here"


@pytest.fixture(scope="module")
def cupsd() -> Iterator[CupsServer]:
    why = cups_server.available()
    if why:
        pytest.skip(why)
    cups = pytest.importorskip("cups")
    with cups_server.running_cupsd() as server:
        before = os.environ.get("CUPS_SERVER")
        # libcups (pycups and Qt's print plugin alike) asks this server, not the system's.
        os.environ["CUPS_SERVER"] = str(server.socket)
        cups.setServer(str(server.socket))
        try:
            yield server
        finally:
            if before is None:
                os.environ.pop("CUPS_SERVER", None)
            else:
                os.environ["CUPS_SERVER"] = before
            cups.setServer(before or "")


@pytest.fixture
def conn(cupsd: CupsServer) -> Iterator[Any]:
    import cups

    connection = cups.Connection()
    yield connection
    for name in connection.getPrinters():
        connection.deletePrinter(name)


def add_queue(conn: Any, name: str, device: str = "file:///dev/null") -> str:
    conn.addPrinter(name, device=device, info="test queue")
    conn.enablePrinter(name)
    conn.acceptJobs(name)
    return name


def preview(qtbot: Any, content_repo: Any, queue: str,
            follow_seconds: float = 30.0) -> PrintPreviewScreen:
    service = printing.PrintService(LiveSettings(None, {"printer_name": queue}),
                                    follow_seconds=follow_seconds)
    assert service.jobs is not None, "pycups is installed, so jobs are followed"
    screen = PrintPreviewScreen(service, content_repo.helplines(), content_repo.info())
    qtbot.addWidget(screen)
    screen.resize(1000, 800)
    screen.show()
    screen.open(printing.checklist_printout(content_repo.checklist(), set(),
                                            content_repo.helplines()), "checklist")
    return screen


def shown(screen: PrintPreviewScreen) -> str:
    return " ".join((screen.title.text(), screen.done_text.text(),
                     screen.message_title.text(), screen.message_text.text()))


def no_jobs_left(conn: Any, server: CupsServer) -> None:
    assert conn.getJobs(which_jobs="not-completed") == {}
    assert server.spool_documents() == []


def test_a_completed_job_says_collect_your_page(qtbot, themed_app, content_repo, conn,
                                                cupsd) -> None:
    queue = add_queue(conn, "front-desk")
    screen = preview(qtbot, content_repo, queue)
    assert screen.stack.currentIndex() == screen.PREVIEW
    screen.print_button.click()
    qtbot.waitUntil(lambda: COLLECT in shown(screen), timeout=20_000)
    assert screen.done_button.isVisible()
    completed = conn.getJobs(which_jobs="completed")
    assert len(completed) == 1  # one job, and CUPS says it printed
    no_jobs_left(conn, cupsd)
    assert not cupsd.page_log.exists() or cupsd.page_log.read_text(encoding="utf-8") == ""


def test_a_stopped_queue_is_no_printer_and_offers_the_qr(qtbot, themed_app, content_repo,
                                                         conn, cupsd) -> None:
    queue = add_queue(conn, "stopped")
    screen = preview(qtbot, content_repo, queue)
    conn.disablePrinter(queue)  # stopped after the preview opened
    screen.print_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentIndex() == screen.MESSAGE, timeout=20_000)
    assert NO_PRINTER in shown(screen) and COLLECT not in shown(screen)
    assert screen.message_qr.isVisible() and not screen.message_qr.pixmap().isNull()
    no_jobs_left(conn, cupsd)

    # Opened again while stopped: the message at once, no Print button to press.
    screen.reset()
    screen.open(printing.checklist_printout(content_repo.checklist(), set(),
                                            content_repo.helplines()), "checklist")
    assert screen.stack.currentIndex() == screen.MESSAGE


def test_a_queue_stopped_while_the_job_waits_cancels_it(qtbot, themed_app, content_repo,
                                                        conn, cupsd) -> None:
    queue = add_queue(conn, "hold-stop", f"hold:{cupsd.release_file('hold-stop')}")
    screen = preview(qtbot, content_repo, queue)
    screen.print_button.click()
    qtbot.waitUntil(lambda: bool(conn.getJobs(which_jobs="not-completed")), timeout=10_000)
    assert COLLECT not in shown(screen)  # processing is not printed
    conn.disablePrinter(queue)
    qtbot.waitUntil(lambda: screen.stack.currentIndex() == screen.MESSAGE, timeout=20_000)
    assert NO_PRINTER in shown(screen)
    qtbot.waitUntil(lambda: conn.getJobs(which_jobs="not-completed") == {}, timeout=10_000)
    no_jobs_left(conn, cupsd)


def test_a_rejecting_queue_is_no_printer(qtbot, themed_app, content_repo, conn,
                                         cupsd) -> None:
    queue = add_queue(conn, "rejecting")
    screen = preview(qtbot, content_repo, queue)
    conn.rejectJobs(queue)
    screen.print_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentIndex() == screen.MESSAGE, timeout=20_000)
    assert NO_PRINTER in shown(screen) and COLLECT not in shown(screen)
    no_jobs_left(conn, cupsd)


def test_a_queue_deleted_mid_job_is_no_printer(qtbot, themed_app, content_repo, conn,
                                               cupsd) -> None:
    queue = add_queue(conn, "deleted", f"hold:{cupsd.release_file('deleted')}")
    screen = preview(qtbot, content_repo, queue)
    screen.print_button.click()
    qtbot.waitUntil(lambda: bool(conn.getJobs(which_jobs="not-completed")), timeout=10_000)
    conn.deletePrinter(queue)
    qtbot.waitUntil(lambda: screen.stack.currentIndex() == screen.MESSAGE, timeout=20_000)
    assert NO_PRINTER in shown(screen) and COLLECT not in shown(screen)
    no_jobs_left(conn, cupsd)


def test_a_job_that_does_not_print_in_time_is_cancelled(qtbot, themed_app, content_repo,
                                                        conn, cupsd) -> None:
    queue = add_queue(conn, "slow", f"hold:{cupsd.release_file('slow')}")
    screen = preview(qtbot, content_repo, queue, follow_seconds=1.0)
    screen.print_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentIndex() == screen.MESSAGE, timeout=20_000)
    assert NO_PRINTER in shown(screen)
    qtbot.waitUntil(lambda: conn.getJobs(which_jobs="not-completed") == {}, timeout=10_000)
    no_jobs_left(conn, cupsd)


def test_a_visitor_who_leaves_while_it_prints_leaves_no_job(qtbot, themed_app, content_repo,
                                                             conn, cupsd) -> None:
    queue = add_queue(conn, "left", f"hold:{cupsd.release_file('left')}")
    screen = preview(qtbot, content_repo, queue)
    screen.print_button.click()
    qtbot.waitUntil(lambda: bool(conn.getJobs(which_jobs="not-completed")), timeout=10_000)
    assert "Sending your page" in shown(screen)
    screen.reset()  # what the idle reset does
    qtbot.waitUntil(lambda: conn.getJobs(which_jobs="not-completed") == {}, timeout=10_000)
    no_jobs_left(conn, cupsd)


def test_a_missing_queue_is_no_printer(qtbot, themed_app, content_repo, conn, cupsd) -> None:
    service = printing.PrintService(LiveSettings(None, {"printer_name": "not-there"}))
    assert not service.can_print()
    printout = printing.checklist_printout(content_repo.checklist(), set(),
                                           content_repo.helplines())
    assert service.print(printout).status == "no_printer"


def test_no_default_printer_is_no_printer_without_asking_qt(qtbot, themed_app, content_repo,
                                                            conn, cupsd, monkeypatch) -> None:
    # Qt's lookup loads CUPS's libraries into the kiosk for good: not for a kiosk that
    # has no printer to find.
    asked: list[str] = []

    def system_printer(name: str) -> None:
        asked.append(name)

    monkeypatch.setattr("kiosk.ui.printing.service.system_printer", system_printer)
    add_queue(conn, "not-the-default")
    screen = preview(qtbot, content_repo, "")
    assert NO_PRINTER in shown(screen)
    assert asked == []
    named = preview(qtbot, content_repo, "not-the-default")
    assert asked == ["not-the-default"]  # there is one: Qt is asked for it
    assert NO_PRINTER in shown(named)  # (this stand-in for Qt finds none)

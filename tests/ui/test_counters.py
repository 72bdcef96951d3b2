"""Screen-view counters in the running kiosk and on the admin screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tests.helpers import screen_view_rows

DAY = dt.date(2026, 11, 28)


def rows(stores) -> list[tuple]:  # type: ignore[no-untyped-def]
    return screen_view_rows(stores.admin_conn)


def visit(window) -> None:  # type: ignore[no-untyped-def]
    for screen_id in ("guide", "directory", "guide", "faq", "help", "admin", "guide"):
        window.navigate(screen_id)


def test_off_by_default_nothing_is_written(window, stores) -> None:
    visit(window)
    window.reset_session()
    assert rows(stores) == []


def test_on_counts_visitor_screens_per_day_but_never_admin(make_shell, stores) -> None:
    stores.admin_settings.set("counters_enabled", "1")
    shell = make_shell(size=None)
    window = shell.window
    shell.counter.today = lambda: DAY
    visit(window)
    window.reset_session()  # returning Home by itself is not a view
    assert rows(stores) == [("2026-11-28", "directory", 1), ("2026-11-28", "faq", 1),
                            ("2026-11-28", "guide", 3), ("2026-11-28", "help", 1)]


def test_admin_toggle_summary_suppression_and_clear(qtbot, shell, window, stores) -> None:
    screen = window.screens["admin"]
    screen._today = lambda: DAY
    shell.counter.today = lambda: DAY
    window.navigate("admin")
    assert screen.counters_button.text() == "Off"
    assert not screen.counts_label.isVisible()
    qtbot.mouseClick(screen.counters_button, Qt.MouseButton.LeftButton)
    assert stores.admin_settings.get("counters_enabled") == "1"
    assert "No screen views" in screen.counts_label.text()
    for _ in range(6):
        window.navigate("guide")
    for _ in range(3):
        window.navigate("faq")
    old = (DAY - dt.timedelta(days=8)).isoformat()
    for _ in range(9):
        screen._counters.record_view("directory", old)
    window.navigate("admin")
    text = screen.counts_label.text()
    assert screen.counts_label.isVisible()
    assert "2026-11-28: faq fewer than 5, guide 6" in text
    assert " 3" not in text and old not in text  # suppressed, and only the last 7 days
    assert ("2026-11-28", "admin", 1) not in rows(stores)
    qtbot.mouseClick(screen.clear_counts_button, Qt.MouseButton.LeftButton)
    assert rows(stores) == []
    assert "No screen views" in screen.counts_label.text()
    qtbot.mouseClick(screen.counters_button, Qt.MouseButton.LeftButton)
    assert stores.admin_settings.get("counters_enabled") == "0"
    window.navigate("guide")
    assert rows(stores) == []

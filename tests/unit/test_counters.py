"""Optional aggregate counters: off by default, per screen per day, counts below 5 hidden."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kiosk.domain import ScreenViews
from kiosk.present.settings import Key, LiveSettings
from kiosk.store import admin
from kiosk.store.counters import CounterRepository, ViewCounter
from tests.helpers import TEST_DATA, screen_view_rows

DAY = dt.date(2026, 11, 28)


@pytest.fixture
def conn(tmp_path: Path):  # type: ignore[no-untyped-def]
    c = admin.open_admin_db(tmp_path)
    yield c
    c.close()


def test_counts_are_per_screen_per_day_and_small_ones_suppressed(conn) -> None:
    repo = CounterRepository(conn)
    for _ in range(7):
        repo.record_view("guide", "2026-11-28")
    for _ in range(4):
        repo.record_view("directory", "2026-11-28")
    for _ in range(5):
        repo.record_view("guide", "2026-11-27")
    assert repo.daily_views() == [
        ScreenViews("2026-11-28", "directory", None),
        ScreenViews("2026-11-28", "guide", 7),
        ScreenViews("2026-11-27", "guide", 5),
    ]
    assert repo.daily_views(since="2026-11-28") == repo.daily_views()[:2]
    assert screen_view_rows(conn) == [("2026-11-27", "guide", 5), ("2026-11-28", "directory", 4),
                                 ("2026-11-28", "guide", 7)]
    repo.clear()
    assert repo.daily_views() == []


def test_only_a_screen_name_and_a_day_can_be_stored(conn) -> None:
    repo = CounterRepository(conn)
    for screen, day in [("05401", "2026-11-28"), ("guide", "2026-11-28T10:00"),
                        ("search opioids", "2026-11-28")]:
        with pytest.raises(ValueError):
            repo.record_view(screen, day)
    assert screen_view_rows(conn) == []


def test_view_counter_is_off_by_default_and_never_counts_admin(conn) -> None:
    settings = admin.SettingsRepository(conn)
    live = LiveSettings(settings)
    counter = ViewCounter(CounterRepository(conn), lambda: live.flag(Key.COUNTERS_ENABLED),
                          allowed=("home", "guide"), today=lambda: DAY)
    assert not live.flag(Key.COUNTERS_ENABLED)
    counter("guide")
    assert screen_view_rows(conn) == []
    settings.set("counters_enabled", "1")
    counter("guide")
    counter("admin")
    counter("guide")
    counter.skip_next_home()  # a session reset returns Home by itself
    counter("home")
    counter("home")
    assert screen_view_rows(conn) == [("2026-11-28", "guide", 2), ("2026-11-28", "home", 1)]
    counter.paused = True  # screenshots and the self-test drive screens: not visitors
    counter("guide")
    counter.paused = False
    settings.set("counters_enabled", "0")
    counter("guide")
    assert screen_view_rows(conn) == [("2026-11-28", "guide", 2), ("2026-11-28", "home", 1)]


def test_migration_to_counters_keeps_existing_settings(tmp_path: Path) -> None:
    shutil.copyfile(TEST_DATA / "admin_v2.sqlite", tmp_path / admin.ADMIN_DB_NAME)
    conn = admin.open_admin_db(tmp_path)
    assert admin.SettingsRepository(conn).get("kiosk_zip") == "05401"
    assert screen_view_rows(conn) == []
    CounterRepository(conn).record_view("faq", "2026-11-28")
    assert screen_view_rows(conn) == [("2026-11-28", "faq", 1)]
    conn.close()

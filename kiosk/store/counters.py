"""Optional aggregate counters: how often each screen was shown per calendar day.

Off by default (the `counters_enabled` setting turns them on). Only a fixed screen name,
the day ("YYYY-MM-DD") and a number are stored: no time of day, no order of screens, nothing
typed, no facility. Counts below `MIN_REPORTED` are never shown, only "fewer than 5".
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Collection

from kiosk.domain import ScreenViews

MIN_REPORTED = 5
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCREEN = re.compile(r"[a-z_]{1,32}")


class CounterRepository:
    """The `screen_views` table of the admin database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def record_view(self, screen_id: str, day: str) -> None:
        if not _SCREEN.fullmatch(screen_id) or not _DAY.fullmatch(day):
            raise ValueError(f"not a screen name and day: {screen_id!r}, {day!r}")
        self._conn.execute(
            "INSERT INTO screen_views (day, screen, views) VALUES (?, ?, 1)"
            " ON CONFLICT(day, screen) DO UPDATE SET views = views + 1",
            (day, screen_id),
        )

    def daily_views(self, min_count: int = MIN_REPORTED, since: str = "") -> list[ScreenViews]:
        """Counts from `since` (a day, inclusive) on, newest day first; a count below
        `min_count` comes back as views=None ("fewer than 5")."""
        rows = self._conn.execute(
            "SELECT day, screen, views FROM screen_views WHERE day >= ?"
            " ORDER BY day DESC, screen", (since,),
        )
        return [ScreenViews(str(day), str(screen), int(views) if views >= min_count else None)
                for day, screen, views in rows]

    def clear(self) -> None:
        self._conn.execute("DELETE FROM screen_views")


class ViewCounter:
    """Counts a screen change when the setting is on (read at each change, so the admin
    toggle applies at once). Only `allowed` screens are counted; the day comes from
    `today` (injectable for tests)."""

    def __init__(self, counters: CounterRepository, enabled: Callable[[], bool],
                 allowed: Collection[str],
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._counters = counters
        self._enabled = enabled
        self._allowed = frozenset(allowed)
        self.today = today
        self._skip_home = False
        #: True while a script (screenshots, self-test) drives the screens.
        self.paused = False

    def skip_next_home(self) -> None:
        """A session reset returns Home by itself: that is not a visitor's view."""
        self._skip_home = True

    def __call__(self, screen_id: str) -> None:
        if self._skip_home and screen_id == "home":
            self._skip_home = False
            return
        self._skip_home = False
        if self.paused or screen_id not in self._allowed or not self._enabled():
            return
        self._counters.record_view(screen_id, self.today().isoformat())

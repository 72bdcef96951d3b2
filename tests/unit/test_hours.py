"""Opening hours at fixed instants: open now, closes at, opens next, the week table, holiday
closures, overnight hours, a kiosk in another time zone, and schedules that say nothing."""

from __future__ import annotations

import os
import time as time_module
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kiosk.domain import HoursException, OpeningHours, WeeklyOpening
from kiosk.importers.timezones import zone
from kiosk.present import hours

NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")

#: Monday to Wednesday, 9 to 5, New York time (as the HSDS 1.1 sample has it).
WEEKDAYS = OpeningHours("America/New_York", tuple(
    WeeklyOpening(day, "09:00", "17:00") for day in (0, 1, 2)))
#: ... closed on Monday 28 and Tuesday 29 December 2026.
WITH_HOLIDAY = OpeningHours(WEEKDAYS.timezone, WEEKDAYS.openings,
                            (HoursException("2026-12-28", "2026-12-29"),))


@pytest.fixture(autouse=True)
def _machine_in_tokyo() -> Iterator[None]:
    """The machine's own zone must never matter: put it far from every zone tested."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time_module.tzset()
    yield
    if before is None:
        os.environ.pop("TZ")
    else:
        os.environ["TZ"] = before
    time_module.tzset()


def at(text: str, tz: ZoneInfo = NEW_YORK) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def test_open_on_a_weekday_morning() -> None:
    now = at("2026-12-07T10:00")  # a Monday
    assert hours.is_open(WEEKDAYS, now) is True
    assert hours.status(WEEKDAYS, now).text == "Open now · closes at 5 pm"


def test_closed_in_the_evening_opens_tomorrow() -> None:
    state = hours.status(WEEKDAYS, at("2026-12-07T17:00"))  # closing time itself: closed
    assert (state.known, state.open_now) == (True, False)
    assert state.text == "Closed now · Opens tomorrow at 9 am"


def test_after_the_last_day_of_the_week_it_names_monday() -> None:
    assert hours.status(WEEKDAYS, at("2026-12-09T18:30")).text == (
        "Closed now · Opens Monday at 9 am")
    assert hours.status(WEEKDAYS, at("2026-12-07T08:15")).text == (
        "Closed now · Opens today at 9 am")


def test_the_week_table_starts_today() -> None:
    assert hours.week_table(WEEKDAYS, at("2026-12-08T12:00")) == [
        ("Today", "9 am – 5 pm"),
        ("Wednesday, Dec 9", "9 am – 5 pm"),
        ("Thursday, Dec 10", "Closed"),
        ("Friday, Dec 11", "Closed"),
        ("Saturday, Dec 12", "Closed"),
        ("Sunday, Dec 13", "Closed"),
        ("Monday, Dec 14", "9 am – 5 pm"),
    ]


def test_a_holiday_closure_is_respected() -> None:
    now = at("2026-12-28T10:00")  # a Monday, inside the closure
    assert hours.is_open(WITH_HOLIDAY, now) is False
    assert hours.status(WITH_HOLIDAY, now).text == (
        "Closed today (holiday or closure) · Opens Wednesday at 9 am")
    table = dict(hours.week_table(WITH_HOLIDAY, now))
    assert table["Today"] == "Closed (holiday or closure)"
    assert table["Tuesday, Dec 29"] == "Closed (holiday or closure)"
    assert table["Wednesday, Dec 30"] == "9 am – 5 pm"
    # The week before, the same hours hold as usual.
    assert hours.is_open(WITH_HOLIDAY, at("2026-12-21T10:00")) is True


def test_special_hours_on_a_date() -> None:
    short = OpeningHours(WEEKDAYS.timezone, WEEKDAYS.openings, (
        HoursException("2026-12-24", "2026-12-24", closed=False, opens="10:00",
                       closes="12:30"),))
    now = at("2026-12-24T11:00")  # a Thursday, normally closed
    assert hours.status(short, now).text == "Open now · closes at 12:30 pm"
    assert hours.week_table(short, now)[0] == ("Today", "10 am – 12:30 pm (special hours)")


def test_a_kiosk_in_another_time_zone_reads_the_programs_own() -> None:
    # 6:30 in Los Angeles is 9:30 in New York: the program is open.
    now = at("2026-12-07T06:30", LOS_ANGELES)
    state = hours.status(WEEKDAYS, now)
    assert state.open_now
    assert state.text == "Open now · closes at 5 pm"
    assert hours.zone_note(WEEKDAYS, now) == "Times are the program's local time (EST)."
    assert hours.zone_note(WEEKDAYS, at("2026-12-07T09:30")) == ""  # the kiosk's own zone
    # 14:30 in Los Angeles is 17:30 in New York: closed, although 2:30 pm looks open.
    assert hours.is_open(WEEKDAYS, at("2026-12-07T14:30", LOS_ANGELES)) is False
    # The same instant given in UTC says the same.
    assert hours.is_open(WEEKDAYS, now.astimezone(UTC)) is True


def test_daylight_saving_time_moves_with_the_program() -> None:
    # 9:30 New York time is 14:30 UTC in winter and 13:30 UTC in summer.
    assert hours.is_open(WEEKDAYS, datetime(2026, 12, 7, 14, 30, tzinfo=UTC))
    assert hours.is_open(WEEKDAYS, datetime(2026, 7, 6, 13, 30, tzinfo=UTC))
    assert not hours.is_open(WEEKDAYS, datetime(2026, 12, 7, 13, 30, tzinfo=UTC))


def test_overnight_hours_run_past_midnight() -> None:
    night = OpeningHours("America/New_York", (WeeklyOpening(4, "22:00", "06:00"),))
    saturday_early = at("2026-12-12T02:00")
    assert hours.status(night, saturday_early).text == "Open now · closes at 6 am"
    assert hours.status(night, at("2026-12-11T23:00")).text == (
        "Open now · closes at 6 am tomorrow")
    assert hours.is_open(night, at("2026-12-12T07:00")) is False


def test_a_fixed_offset_zone() -> None:
    plus3 = OpeningHours("+03:00", (WeeklyOpening(3, "10:00", "18:00"),))
    # Thursday 10 Dec 2026, 08:00 UTC is 11:00 at UTC+3.
    now = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)
    assert hours.is_open(plus3, now) is True
    assert zone("+03:00").utcoffset(None) == timedelta(hours=3)


def test_no_schedule_means_call_to_confirm() -> None:
    now = at("2026-12-07T10:00")
    for unknown in (None, OpeningHours("America/New_York"),
                    OpeningHours("America/New_York", notes=("Call for hours",))):
        state = hours.status(unknown, now)
        assert (state.known, state.text) == (False, "Hours: call to confirm")
        assert hours.week_table(unknown, now) == []
        assert hours.is_open(unknown, now) is None


def test_a_schedule_that_ended_says_nothing_about_today() -> None:
    # The HSDS 3.0 example's schedule was valid on 1 January 2005 only.
    old = OpeningHours("+03:00", tuple(
        WeeklyOpening(day, "10:00", "18:00", "2005-01-01", "2005-01-01") for day in (3, 4)))
    assert hours.status(old, at("2026-12-10T12:00")).text == "Hours: call to confirm"
    assert hours.is_open(old, at("2026-12-10T12:00")) is None


def test_a_schedule_starting_later_is_not_open_yet() -> None:
    later = OpeningHours("America/New_York", (WeeklyOpening(0, "09:00", "17:00",
                                                            valid_from="2026-12-14"),))
    assert hours.is_open(later, at("2026-12-07T10:00")) is False
    assert hours.status(later, at("2026-12-07T10:00")).text == (
        "Closed now · Opens Monday, Dec 14 at 9 am")


@pytest.mark.parametrize("text", ["25:00", "9am", "12:60", ""])
def test_bad_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a time"):
        hours.parse_clock(text)


def test_unknown_zones_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        zone("Mars/Olympus")


def test_an_unaware_clock_is_a_mistake() -> None:
    with pytest.raises(ValueError, match="aware"):
        hours.is_open(WEEKDAYS, datetime(2026, 12, 7, 10, 0))


def test_the_slip_lines() -> None:
    lines = hours.hours_lines(WITH_HOLIDAY, at("2026-12-28T10:00"))
    assert lines[0].startswith("Closed today (holiday or closure)")
    assert lines[1] == "Today: Closed (holiday or closure)"
    assert len(lines) == 8

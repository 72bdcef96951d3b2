"""A local program's opening hours as a visitor reads them: open now or not, when it closes
or opens next, and the coming week day by day.

Everything is computed from the source's schedule and one instant (the kiosk's clock, passed
in, so tests fix it). The schedule is read in the program's own time zone, so a kiosk set to
another zone still says the right thing. Nothing is guessed: without a schedule that covers
the coming days the answer is "Hours: call to confirm".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from kiosk.domain import HoursException, OpeningHours, WeeklyOpening
from kiosk.importers.timezones import zone
from kiosk.present.text import Translate, untranslated

#: How far ahead "Opens Monday 9 am" looks before saying "call to confirm".
LOOK_AHEAD_DAYS = 14

CALL_TO_CONFIRM = "Hours: call to confirm"

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_clock(text: str) -> time:
    """"HH:MM" or "HH:MM:SS" (24-hour) as a time; ValueError for anything else (25:00)."""
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", text.strip())
    if not match:
        raise ValueError(f"not a time of day: {text!r}")
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    if hour == 24 and minute == 0 and second == 0:
        return time(23, 59, 59)  # "24:00" closes at the end of the day
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"not a time of day: {text!r}")
    return time(hour, minute, second)


def clock_text(value: time, tr: Translate = untranslated) -> str:
    """"9 am", "5:30 pm", "12 pm" (noon), "12 am" (midnight)."""
    if value in (time(23, 59, 59), time(0, 0)):
        return tr("midnight")
    hour = value.hour % 12 or 12
    number = f"{hour}" if value.minute == 0 else f"{hour}:{value.minute:02d}"
    return (tr("%1 am") if value.hour < 12 else tr("%1 pm")).replace("%1", number)


def day_name(day: date, tr: Translate = untranslated) -> str:
    return tr(_DAY_NAMES[day.weekday()])


def date_text(day: date, tr: Translate = untranslated) -> str:
    """"Wednesday, Dec 25"."""
    return f"{day_name(day, tr)}, {tr(_MONTHS[day.month - 1])} {day.day}"


# ------------------------------------------------------------------ intervals --
@dataclass(frozen=True)
class Interval:
    """One opening on one date, as aware datetimes in the program's time zone."""

    start: datetime
    end: datetime
    special: bool = False


def _iso(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _valid_on(opening: WeeklyOpening, day: date) -> bool:
    start, end = _iso(opening.valid_from), _iso(opening.valid_to)
    return (start is None or start <= day) and (end is None or day <= end)


def _exception_on(hours: OpeningHours, day: date) -> HoursException | None:
    for exception in hours.exceptions:
        start, end = _iso(exception.start), _iso(exception.end)
        if start is not None and end is not None and start <= day <= end:
            return exception
    return None


def _span(day: date, opens: str, closes: str, tz: tzinfo, special: bool) -> Interval | None:
    try:
        start_time, end_time = parse_clock(opens), parse_clock(closes)
    except ValueError:
        return None
    start = datetime.combine(day, start_time, tzinfo=tz)
    end_day = day if end_time > start_time else day + timedelta(days=1)
    return Interval(start, datetime.combine(end_day, end_time, tzinfo=tz), special)


def intervals_on(hours: OpeningHours, day: date) -> tuple[list[Interval], HoursException | None]:
    """The openings that start on `day` (program-local), earliest first, and the exception
    that replaced the weekly hours that day, if any."""
    tz = zone(hours.timezone)
    exception = _exception_on(hours, day)
    if exception is not None:
        if exception.closed:
            return [], exception
        special = _span(day, exception.opens, exception.closes, tz, True)
        return ([special] if special else []), exception
    found = [_span(day, o.opens, o.closes, tz, False) for o in hours.openings
             if o.weekday == day.weekday() and _valid_on(o, day)]
    return sorted((i for i in found if i is not None), key=lambda i: i.start), None


def _usable(hours: OpeningHours | None) -> OpeningHours | None:
    if hours is None or not (hours.openings or hours.exceptions):
        return None
    try:
        zone(hours.timezone)
    except ValueError:
        return None
    return hours


def _local(hours: OpeningHours, now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("the clock must give an aware datetime")
    return now.astimezone(zone(hours.timezone))


def current_interval(hours: OpeningHours | None, now: datetime) -> Interval | None:
    """The opening `now` falls in, or None (closed, or no usable schedule)."""
    usable = _usable(hours)
    if usable is None:
        return None
    local = _local(usable, now)
    for day in (local.date() - timedelta(days=1), local.date()):
        for interval in intervals_on(usable, day)[0]:
            if interval.start <= local < interval.end:
                return interval
    return None


def next_interval(hours: OpeningHours | None, now: datetime) -> Interval | None:
    """The next opening that starts after `now`, within LOOK_AHEAD_DAYS."""
    usable = _usable(hours)
    if usable is None:
        return None
    local = _local(usable, now)
    for offset in range(LOOK_AHEAD_DAYS + 1):
        for interval in intervals_on(usable, local.date() + timedelta(days=offset))[0]:
            if interval.start > local:
                return interval
    return None


def is_open(hours: OpeningHours | None, now: datetime) -> bool | None:
    """True or False from the schedule; None when the hours are not known."""
    if _usable(hours) is None:
        return None
    if current_interval(hours, now) is not None:
        return True
    return False if _covers(hours, now) else None


def _covers(hours: OpeningHours | None, now: datetime) -> bool:
    """True when the schedule says anything about the coming fortnight (an opening or a
    dated closure): a schedule that ended long ago tells a visitor nothing about today."""
    usable = _usable(hours)
    if usable is None:
        return False
    today = _local(usable, now).date()
    for offset in range(-1, LOOK_AHEAD_DAYS + 1):
        found, exception = intervals_on(usable, today + timedelta(days=offset))
        if found or (exception is not None and offset >= 0):
            return True
    return False


# ------------------------------------------------------------------- wording --
@dataclass(frozen=True)
class HoursStatus:
    """One line for the list, the page and the slip; `known` False means call to confirm."""

    known: bool
    open_now: bool
    text: str


def _when(interval: Interval, local: datetime, tr: Translate) -> str:
    day = interval.start.date()
    at = clock_text(interval.start.time(), tr)
    if day == local.date():
        return tr("Opens today at %1").replace("%1", at)
    if day == local.date() + timedelta(days=1):
        return tr("Opens tomorrow at %1").replace("%1", at)
    if day - local.date() < timedelta(days=7):
        return tr("Opens %1 at %2").replace("%1", day_name(day, tr)).replace("%2", at)
    return tr("Opens %1 at %2").replace("%1", date_text(day, tr)).replace("%2", at)


def zone_note(hours: OpeningHours, now: datetime, tr: Translate = untranslated) -> str:
    """"Times are Eastern time (EST)." when the program keeps another zone than the
    kiosk's clock, else ""."""
    usable = _usable(hours)
    if usable is None or now.tzinfo is None:
        return ""
    local = _local(usable, now)
    if local.utcoffset() == now.utcoffset():
        return ""
    return tr("Times are the program's local time (%1).").replace("%1", local.tzname() or "")


def status(hours: OpeningHours | None, now: datetime,
           tr: Translate = untranslated) -> HoursStatus:
    """"Open now · closes at 5 pm", "Closed now · opens Monday at 9 am", or
    "Hours: call to confirm" when the schedule does not say. Times are the program's own:
    `zone_note` says so when the kiosk's clock keeps another zone."""
    known = is_open(hours, now)
    if known is None or hours is None:
        return HoursStatus(False, False, tr(CALL_TO_CONFIRM))
    local = _local(hours, now)
    current = current_interval(hours, now)
    if current is not None:
        closes = clock_text(current.end.time(), tr)
        if current.end.date() != local.date() and current.end.time() > time(0, 0):
            closes = tr("%1 tomorrow").replace("%1", closes)
        return HoursStatus(True, True, tr("Open now · closes at %1").replace("%1", closes))
    upcoming = next_interval(hours, now)
    _, exception = intervals_on(hours, local.date())
    closed = tr("Closed today (holiday or closure)") if exception is not None \
        and exception.closed else tr("Closed now")
    if upcoming is None:
        return HoursStatus(True, False, f"{closed} · {tr(CALL_TO_CONFIRM)}")
    return HoursStatus(True, False, f"{closed} · {_when(upcoming, local, tr)}")


def week_table(hours: OpeningHours | None, now: datetime,
               tr: Translate = untranslated, *, say_today: bool = True
               ) -> list[tuple[str, str]]:
    """(day, hours) for today and the six days after it, holidays and closures applied;
    [] when the hours are not known (the page then says "Hours: call to confirm")."""
    if is_open(hours, now) is None or hours is None:
        return []
    today = _local(hours, now).date()
    rows: list[tuple[str, str]] = []
    for offset in range(7):
        day = today + timedelta(days=offset)
        label = tr("Today") if offset == 0 and say_today else date_text(day, tr)
        found, exception = intervals_on(hours, day)
        if found:
            text = ", ".join(
                f"{clock_text(i.start.time(), tr)} – {clock_text(i.end.time(), tr)}"
                for i in found)
            if exception is not None:
                text += " " + tr("(special hours)")
        elif exception is not None:
            text = tr("Closed (holiday or closure)")
        else:
            text = tr("Closed")
        rows.append((label, text))
    return rows


def hours_lines(hours: OpeningHours | None, now: datetime,
                tr: Translate = untranslated) -> list[str]:
    """The status, the week and the source's own words, one line each (for slips)."""
    state = status(hours, now, tr)
    lines = [state.text]
    lines.extend(f"{day}: {text}" for day, text in week_table(hours, now, tr))
    if hours is not None:
        lines.extend(hours.notes)
    return lines


def printed_lines(hours: OpeningHours | None, now: datetime,
                  tr: Translate = untranslated) -> list[str]:
    """For paper, which is read later: the coming week by date (no "open now"), the
    source's own words, or "Hours: call to confirm"."""
    week = week_table(hours, now, tr, say_today=False)
    if not week:
        return [tr(CALL_TO_CONFIRM), *(hours.notes if hours is not None else ())]
    return [*(f"{day}: {text}" for day, text in week), *(hours.notes if hours else ()),
            tr("Hours can change: call to confirm before you go.")]

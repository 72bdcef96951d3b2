"""Time zones as local resource lists name them: a zoneinfo key or a UTC offset."""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo

__all__ = ["zone"]

_OFFSET = re.compile(r"^(?:UTC)?([+-])(\d{1,2})(?::?(\d{2}))?$")


def zone(name: str) -> tzinfo:
    """The time zone named by a zoneinfo key ("America/Chicago") or an offset ("+03:00",
    "-5", "UTC-05:00"). ValueError when it is neither."""
    text = name.strip()
    match = _OFFSET.match(text)
    if match:
        sign, hours, minutes = match.groups()
        delta = timedelta(hours=int(hours), minutes=int(minutes or 0))
        if delta > timedelta(hours=14):
            raise ValueError(f"not a time zone offset: {name!r}")
        return timezone(-delta if sign == "-" else delta)
    if text in ("UTC", "Z"):
        return UTC
    # Here, not at import: zoneinfo reads sysconfig's build data to find the zone files
    # (about 1.4 MiB resident), and only a local list's opening hours need a zone.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone: {name!r}") from None

"""What the page, the slip and the booklet say about a program from a local resource list:
its source and date, its hours at this moment, and the details the list gives."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from kiosk.domain import Facility
from kiosk.present import hours as present_hours
from kiosk.present.codes import OPEN_NOW
from kiosk.present.directory_index import DirectoryIndex
from kiosk.present.text import Translate, untranslated


@dataclass(frozen=True)
class LocalText:
    #: "From Vermont 211, updated 2026-10-01".
    source: str
    #: "Open now · closes at 5 pm", or "Hours: call to confirm".
    status: str
    open_now: bool
    hours_known: bool
    #: "Times are the program's local time (EST)." when the kiosk keeps another zone.
    zone_note: str = ""
    #: (day, hours) for today and the six days after it; [] when not known.
    week: list[tuple[str, str]] = field(default_factory=list)
    #: The source's own words about its hours.
    hours_notes: list[str] = field(default_factory=list)
    #: (heading, lines) for each detail the list gives, in display order.
    details: list[tuple[str, list[str]]] = field(default_factory=list)


def source_line(facility: Facility, tr: Translate = untranslated) -> str:
    if facility.local is None:
        return ""
    return (tr("From %1, updated %2").replace("%1", facility.local.source_name)
            .replace("%2", facility.local.source_date))


def now_here() -> datetime:
    """The kiosk's clock in its own time zone (aware)."""
    return datetime.now().astimezone()


def describe_local(facility: Facility, now: datetime | None = None,
                   tr: Translate = untranslated) -> LocalText | None:
    """None for SAMHSA's programs."""
    listing = facility.local
    if listing is None:
        return None
    moment = now or now_here()
    state = present_hours.status(listing.hours, moment, tr)
    other_phones = [f"{number} ({label})" if label else number
                    for number, label in listing.phones if number != facility.phone]
    contact = [*other_phones, *(x for x in (listing.website, listing.email) if x)]
    ages = [tr("Ages %1").replace("%1", listing.ages)] if listing.ages else []
    details = [
        (tr("About this program"), [listing.description] if listing.description else []),
        (tr("Who can come"), [*ages, *listing.eligibility]),
        (tr("Cost and payment"), list(listing.fees)),
        (tr("Languages"), list(listing.languages)),
        (tr("Accessibility"), list(listing.accessibility)),
        (tr("Areas served"), list(listing.service_areas)),
        (tr("How to apply"), [listing.how_to_apply] if listing.how_to_apply else []),
        (tr("Other ways to reach them"), contact),
        (tr("Listed as"), list(listing.taxonomy_terms)),
    ]
    return LocalText(
        source=source_line(facility, tr), status=state.text, open_now=state.open_now,
        hours_known=state.known,
        zone_note=(present_hours.zone_note(listing.hours, moment, tr)
                   if state.known and listing.hours is not None else ""),
        week=present_hours.week_table(listing.hours, moment, tr),
        hours_notes=list(listing.hours.notes) if listing.hours is not None else [],
        details=[(title, lines) for title, lines in details if lines],
    )


def refresh_open_now(index: DirectoryIndex, now: datetime) -> None:
    """Narrow the "Open now" filter to the local programs open at `now`."""
    if OPEN_NOW not in index.filters:
        return
    rows = [i for i, hours in index.hours.items() if present_hours.is_open(hours, now)]
    index.set_filter_rows(OPEN_NOW, rows)

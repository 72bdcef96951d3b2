"""The directory's records: programs, their services and hours, local sources, stats.

Plain frozen dataclasses like the rest of kiosk.domain, which hands them out by name
(`from kiosk.domain import Facility`); they live here so that the kiosk's start, which
shows no program, does not spend its time making these classes. No Qt, no SQL.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FacilityService:
    """One SAMHSA service code, in plain language, with its category."""

    code: str
    label: str
    category: str


# ---------------------------------------------------------------- local hours --
@dataclass(frozen=True)
class WeeklyOpening:
    """One weekly opening as the source gives it, in the program's own time zone.

    `weekday` is Python's (0 Monday .. 6 Sunday). `opens`/`closes` are "HH:MM"; a closing
    time at or before the opening time means the opening runs past midnight. `valid_from`
    and `valid_to` are ISO dates ("" when the source gives none).
    """

    weekday: int
    opens: str
    closes: str
    valid_from: str = ""
    valid_to: str = ""


@dataclass(frozen=True)
class HoursException:
    """Dates (ISO, inclusive) when the weekly hours do not hold: closed, or other hours."""

    start: str
    end: str
    closed: bool = True
    opens: str = ""
    closes: str = ""


@dataclass(frozen=True)
class OpeningHours:
    """A local program's opening hours as its source gives them; nothing is inferred.

    `timezone` is a zoneinfo name ("America/New_York") or a fixed offset ("+03:00").
    `notes` are the source's own words about its hours (schedule descriptions).
    """

    timezone: str
    openings: tuple[WeeklyOpening, ...] = ()
    exceptions: tuple[HoursException, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class LocalListing:
    """What a local resource list (an HSDS package) says about one program, beyond the
    fields it shares with SAMHSA's directory."""

    source_id: str
    source_name: str
    source_date: str
    organization: str = ""
    description: str = ""
    website: str = ""
    email: str = ""
    #: "treatment", "recovery" or "other", as the librarian's taxonomy choice decided.
    kind: str = "other"
    #: (number, what it is for) for every phone the source gives this program.
    phones: tuple[tuple[str, str], ...] = ()
    languages: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    eligibility: tuple[str, ...] = ()
    ages: str = ""
    fees: tuple[str, ...] = ()
    service_areas: tuple[str, ...] = ()
    taxonomy_terms: tuple[str, ...] = ()
    how_to_apply: str = ""
    #: The address's country as the list gives it ("" when it gives none).
    country: str = ""
    hours: OpeningHours | None = None


@dataclass(frozen=True)
class LocalSource:
    """One imported local resource list, as `kiosk-admin sources` lists it."""

    id: str
    name: str
    data_date: str
    imported_at: str
    hsds_version: str
    origin: str
    programs: int
    timezone: str
    taxonomy: str


@dataclass(frozen=True)
class FacilitySummary:
    """One row of a results list."""

    id: str
    name: str
    city: str
    state: str
    zip: str
    phone: str
    levels: tuple[str, ...]
    distance_miles: float | None = None
    position_approximate: bool = False
    #: Service codes (for in-memory filtering on the directory screen).
    codes: frozenset[str] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    #: As the directory has them (placeholders included): kiosk.present formats them.
    street1: str = ""
    street2: str = ""
    #: A local program's hours (None: SAMHSA's, or a local program without a schedule).
    hours: OpeningHours | None = None


@dataclass(frozen=True)
class Facility:
    """Everything the directory says about one facility. SAMHSA's data has no hours; a local
    program's come with its `local` listing."""

    id: str
    name: str
    name2: str
    street1: str
    street2: str
    city: str
    state: str
    zip: str
    phone: str
    intake_phones: tuple[str, ...]
    levels: tuple[str, ...]
    services: tuple[FacilityService, ...]
    latitude: float | None = None
    longitude: float | None = None
    #: "exact" (from SAMHSA's locator), "approximate" (ZIP centroid) or "none".
    position_kind: str = "none"
    distance_miles: float | None = None
    #: The program's own web address ("" when the source has none).
    website: str = ""
    #: Set for a program from a local resource list (never for SAMHSA's).
    local: LocalListing | None = None

    def services_in(self, category: str) -> tuple[FacilityService, ...]:
        return tuple(s for s in self.services if s.category == category)


@dataclass(frozen=True)
class DirectoryChecks:
    """Facts that say whether the stored directory tells the truth about its source data
    (`kiosk-admin stats --json`, "checks")."""

    #: Programs listed as outpatient without SAMHSA's regular outpatient code (should be 0:
    #: the umbrella "Outpatient" code alone says nothing about the regular level).
    outpatient_without_regular_code: int
    #: Programs whose only lofexidine code is the detox one (DLC): ids.
    lofexidine_from_detox_only: tuple[str, ...]
    #: Positions shown as exact that lie farther than FAR_FROM_ZIP_MILES from their ZIP's
    #: centre (should be 0: those are treated as approximate).
    exact_far_from_zip: int
    #: Locator positions the import found too far from their ZIP and replaced by the ZIP's
    #: centre: (id, miles), as the import recorded them.
    far_from_zip: tuple[tuple[str, float], ...]
    #: Positions found by name, house number and ZIP when the two files write the street
    #: differently, as the import recorded them.
    house_number_matches: int


@dataclass(frozen=True)
class DirectoryStats:
    """What `kiosk-admin stats --json` prints and the directory screen cites."""

    facilities: int
    by_state: dict[str, int]
    by_level: dict[str, int]
    positions: dict[str, int]
    source: str
    data_date: str

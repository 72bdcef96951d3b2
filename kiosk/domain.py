"""Plain frozen dataclasses shared by every layer. No Qt, no SQL.

The directory's records (kiosk.domain_directory), the search's (kiosk.domain_search) and
the guide's, FAQs', levels' and checklist's (kiosk.domain_content) are handed out here by
name too, but made only when first asked for: each frozen dataclass costs about half a
millisecond to make, and the kiosk's first frame needs none of those.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.domain_content import CareLevel as CareLevel
    from kiosk.domain_content import Checklist as Checklist
    from kiosk.domain_content import ChecklistItem as ChecklistItem
    from kiosk.domain_content import Faq as Faq
    from kiosk.domain_content import GuideSection as GuideSection
    from kiosk.domain_directory import DirectoryChecks as DirectoryChecks
    from kiosk.domain_directory import DirectoryStats as DirectoryStats
    from kiosk.domain_directory import Facility as Facility
    from kiosk.domain_directory import FacilityService as FacilityService
    from kiosk.domain_directory import FacilitySummary as FacilitySummary
    from kiosk.domain_directory import HoursException as HoursException
    from kiosk.domain_directory import LocalListing as LocalListing
    from kiosk.domain_directory import LocalSource as LocalSource
    from kiosk.domain_directory import OpeningHours as OpeningHours
    from kiosk.domain_directory import WeeklyOpening as WeeklyOpening
    from kiosk.domain_search import SearchHit as SearchHit
    from kiosk.domain_search import SearchResults as SearchResults

#: Names made on first use, and the module each lives in.
_ELSEWHERE = {
    **dict.fromkeys(("DirectoryChecks", "DirectoryStats", "Facility", "FacilityService",
                     "FacilitySummary", "HoursException", "LocalListing", "LocalSource",
                     "OpeningHours", "WeeklyOpening"), "kiosk.domain_directory"),
    **dict.fromkeys(("SearchHit", "SearchResults"), "kiosk.domain_search"),
    **dict.fromkeys(("CareLevel", "Checklist", "ChecklistItem", "Faq", "GuideSection"),
                    "kiosk.domain_content"),
}


def __getattr__(name: str) -> object:
    module = _ELSEWHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next lookup is an ordinary one
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ELSEWHERE})


@dataclass(frozen=True)
class Helpline:
    id: str
    position: int
    name: str
    number: str
    tel: str
    promise: str
    hours: str
    languages: str
    disclosure: str
    featured: bool

    @property
    def tel_uri(self) -> str:
        return f"tel:{self.tel}"


@dataclass(frozen=True)
class ContentInfo:
    """What the content database says about itself (shown to visitors and admins)."""

    schema_version: int
    welcome_title: str
    welcome_text: str
    sources: str
    directory_source: str
    directory_date: str


# ------------------------------------------------------------------ directory --
#: Directory levels of care, in the order visitors see them (IOP first).
DIRECTORY_LEVELS: tuple[str, ...] = (
    "intensive_outpatient",
    "partial_hospitalization",
    "outpatient",
    "residential",
    "detox",
    "hospital_inpatient",
)


# --------------------------------------------------------------------- search --
#: Result kinds, in the order the search screen groups them.
SEARCH_KINDS: tuple[str, ...] = ("guide", "faq", "facility")


@dataclass(frozen=True)
class ScreenViews:
    """How often one screen was shown on one calendar day (optional aggregate counters).

    `views` is None when the count is below the suppression threshold ("fewer than 5")."""

    day: str
    screen: str
    views: int | None

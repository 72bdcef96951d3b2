"""Plain frozen dataclasses shared by every layer. No Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GuideTopic:
    title: str
    section_ids: tuple[str, ...]


@dataclass(frozen=True)
class GuideSection:
    id: str
    position: int
    topic: str
    title: str
    body_md: str


@dataclass(frozen=True)
class Faq:
    id: str
    position: int
    question: str
    answer_md: str


@dataclass(frozen=True)
class CareLevel:
    id: str
    position: int
    name: str
    short_name: str
    summary: str
    where_you_live: str
    weekly_hours: str
    best_for: str
    cost: str
    supervision: str


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    position: int
    text: str
    group: str = ""


@dataclass(frozen=True)
class Checklist:
    title: str
    intro: str
    items: tuple[ChecklistItem, ...] = field(default_factory=tuple)


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


@dataclass(frozen=True)
class FacilityService:
    """One SAMHSA service code, in plain language, with its category."""

    code: str
    label: str
    category: str


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


@dataclass(frozen=True)
class Facility:
    """Everything the directory says about one facility. No hours: the data has none."""

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

    @property
    def address_lines(self) -> tuple[str, ...]:
        street = ", ".join(part for part in (self.street1, self.street2) if part)
        return tuple(x for x in (street, f"{self.city}, {self.state} {self.zip}".strip()) if x)

    def services_in(self, category: str) -> tuple[FacilityService, ...]:
        return tuple(s for s in self.services if s.category == category)

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

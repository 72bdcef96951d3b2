"""The guide's, the FAQs', the levels of care's and the checklist's records (handed out by
kiosk.domain, which makes them when first asked for). No Qt, no SQL."""

from __future__ import annotations

from dataclasses import dataclass, field


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

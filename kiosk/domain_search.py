"""What a search finds: plain frozen dataclasses, handed out by kiosk.domain by name
(`from kiosk.domain import SearchHit`) and made only when the search is first used."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchHit:
    """One search result: a guide section, an FAQ or a facility (`id` opens it)."""

    kind: str
    id: str
    title: str
    snippet: str


@dataclass(frozen=True)
class SearchResults:
    """Results grouped as the screen shows them, each group best first."""

    query: str
    guide: tuple[SearchHit, ...] = ()
    faqs: tuple[SearchHit, ...] = ()
    programs: tuple[SearchHit, ...] = ()
    #: Index words searched for instead of words that matched nothing (typo corrections).
    corrections: tuple[str, ...] = ()
    #: True when more programs matched than `programs` holds.
    more_programs: bool = False

    def all(self) -> tuple[SearchHit, ...]:
        """Every hit, best first: Guide, then FAQs, then Programs (the screen's order)."""
        return self.guide + self.faqs + self.programs

    def __len__(self) -> int:
        return len(self.guide) + len(self.faqs) + len(self.programs)

"""A program's service labels in the visitor's language.

The directory's own text (names, addresses, phones) stays as SAMHSA lists it; only the
plain-language service labels and their group titles change with the language. The
English group title stays the key every other part of `kiosk.present` groups by, so a
translated facility sorts and groups exactly as the English one does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from kiosk.domain import Facility, FacilityService


def localise_services(services: tuple[FacilityService, ...],
                      labels: Mapping[str, str]) -> tuple[FacilityService, ...]:
    """`services` with each label in the language of `labels` (code -> label).

    A code without a translated label keeps its English label: the content build warns
    about such codes, and a program's service is better shown in English than hidden.
    """
    if not labels:
        return services
    return tuple(replace(s, label=labels.get(s.code, s.label)) for s in services)


def localise_facility(facility: Facility, labels: Mapping[str, str]) -> Facility:
    """The same program with its service labels in the language of `labels`."""
    if not labels:
        return facility
    return replace(facility, services=localise_services(facility.services, labels))


def category_title(category: str, titles: Mapping[str, str]) -> str:
    """A service group's heading (the directory's English title) in the visitor's language."""
    return titles.get(category, category)


@dataclass(frozen=True)
class ServiceWords:
    """One language's service labels (code -> label) and group titles (English title ->
    title); both empty for the directory's own English."""

    labels: Mapping[str, str] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)

    def facility(self, facility: Facility) -> Facility:
        return localise_facility(facility, self.labels)

    def title(self, category: str) -> str:
        return category_title(category, self.titles)

"""A facility as a visitor reads it: on screen, on a slip, in a booklet and in a QR code."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.domain import Facility, FacilityService
from kiosk.present.codes import (
    BUPRENORPHINE,
    MEDICATION_CODES,
    METHADONE,
    NALTREXONE,
    PAYMENT_CATEGORY,
    level_labels,
)
from kiosk.present.text import Translate, untranslated


def readable(part: str) -> bool:
    """False for placeholder parts such as the directory's "- - -" streets."""
    return any(ch.isalnum() for ch in part)


def street_line(street1: str, street2: str = "") -> str:
    """The street as one line, placeholder parts dropped ("" when nothing is left)."""
    return ", ".join(p.strip() for p in (street1, street2) if readable(p))


def address_lines(facility: Facility) -> list[str]:
    """Street (placeholders dropped) and "City, ST ZIP"; only the lines that have text."""
    street = street_line(facility.street1, facility.street2)
    place = f"{facility.city}, {facility.state} {facility.zip}".strip(" ,")
    return [x for x in (street, place) if x]


def main_phone(facility: Facility) -> str:
    """The number to call: the main line, else the first intake line ("" when none)."""
    return facility.phone or next(iter(facility.intake_phones), "")


def intake_phones(facility: Facility) -> list[str]:
    """Intake lines that are not already the main number."""
    phone = main_phone(facility)
    return [p for p in facility.intake_phones if p and p != phone]


def second_name(facility: Facility) -> str:
    return facility.name2 if readable(facility.name2) else ""


def website_text(facility: Facility) -> str:
    """The program's web address as a visitor copies it down: no "http://", no trailing
    slash ("" when the directory has none)."""
    site = facility.website.strip()
    for scheme in ("https://", "http://"):
        if site.lower().startswith(scheme):
            site = site[len(scheme):]
    return site.rstrip("/")


def qr_payload(facility: Facility, tr: Translate = untranslated) -> str:
    """Plain text a phone shows after scanning: name, phone and address."""
    lines = [facility.name]
    if second_name(facility):
        lines.append(facility.name2)
    phone = main_phone(facility)
    if phone:
        lines.append(tr("Phone: %1").replace("%1", phone))
    lines.extend(address_lines(facility))
    if facility.website:
        lines.append(facility.website)
    return "\n".join(lines)


def distance_text(miles: float, approximate: bool, tr: Translate = untranslated) -> str:
    """"12 mi", "3.4 mi" or "about 3.4 mi" (a position from the ZIP code is approximate)."""
    miles = max(miles, 0.1)
    number = f"{miles:.1f}" if miles < 10 else f"{miles:.0f}"
    return (tr("about %1 mi") if approximate else tr("%1 mi")).replace("%1", number)


def _unique(services: list[FacilityService]) -> list[str]:
    # Two codes can share a label (both meaning "Methadone", say): list it once.
    return list(dict.fromkeys(s.label for s in services))


def medications(facility: Facility) -> list[str]:
    """Addiction medicines offered (or "does not use" statements), in display order."""
    return _unique([s for s in facility.services if s.code in MEDICATION_CODES])


#: Each medicine once, however many codes name a form of it (monthly injection, with
#: naloxone, maintenance, prescribes ...): the page's summary names the medicine, the
#: details list every form.
MEDICINE_FAMILIES: tuple[tuple[str, ...], ...] = (
    BUPRENORPHINE, METHADONE, NALTREXONE, ("ACM",), ("DSF",), ("LFXD", "DLC"), ("CLND",))
#: Statements a visitor decides on, kept in the summary as SAMHSA words them.
_SUMMARY_STATEMENTS = ("OTP", "NMOA", "NMAUT")
#: "Gives medicine for alcohol use" says nothing more once an alcohol medicine is named.
_ALCOHOL_MEDICINES = frozenset(("ACM", "DSF", *NALTREXONE))


def medicine_summary(facility: Facility) -> list[str]:
    """The medicines a program offers, each named once (the shortest of its labels), then
    the statements that matter (a federally certified opioid program; does not use
    medication), in display order."""
    by_code = {s.code: s.label for s in facility.services}
    names = []
    for family in MEDICINE_FAMILIES:
        labels = [by_code[c] for c in family if c in by_code]
        if labels:
            names.append(min(labels, key=len))
    names += [by_code[c] for c in _SUMMARY_STATEMENTS if c in by_code]
    if "PMAT" in by_code and not _ALCOHOL_MEDICINES & by_code.keys():
        names.append(by_code["PMAT"])
    return list(dict.fromkeys(names))


def payment(facility: Facility) -> list[str]:
    return _unique([s for s in facility.services if PAYMENT_CATEGORY in s.category.lower()])


def services_in(facility: Facility, category: str) -> list[str]:
    return _unique(list(facility.services_in(category)))


#: Categories the facility page lists under their own heading, beside medicines and payment.
LISTED_CATEGORIES = ("Languages", "Ages")

#: How a program arranges medicine through prescribers outside it. Read beside the medicines
#: a program gives itself, these look like contradictions, so they are listed apart.
ARRANGEMENT_CODES: frozenset[str] = frozenset((
    "INPE", "RPE", "PC", "MOA", "AUINPE", "AURPE", "AUPC", "ACMA"))
#: "No formal link with a prescriber" for opioid (PC) or alcohol (AUPC) medicine says nothing
#: a visitor needs when the program gives that medicine itself: it is left out then.
_NO_LINK_UNLESS = {
    "PC": frozenset((*BUPRENORPHINE, *METHADONE, *NALTREXONE, "OTP")),
    "AUPC": frozenset(("ACM", "DSF", "PMAT", *NALTREXONE)),
}


def arrangements(facility: Facility) -> list[str]:
    """How medicine is arranged with outside prescribers, contradictions left out."""
    codes = {s.code for s in facility.services}
    return _unique([s for s in facility.services if s.code in ARRANGEMENT_CODES
                    and not (codes & _NO_LINK_UNLESS.get(s.code, frozenset()))])


@dataclass(frozen=True)
class FacilityText:
    """Everything the facility page, the slip and the booklet say about one program."""

    name: str
    name2: str
    address: list[str]
    phone: str
    intake: list[str]
    levels: list[str]
    medications: list[str]
    payment: list[str]
    #: Outside prescribers (kiosk.present.facility.ARRANGEMENT_CODES), apart from medicines.
    arrangements: list[str]
    #: LISTED_CATEGORIES then every other category, in display order: (category, labels).
    groups: list[tuple[str, list[str]]]
    qr_payload: str
    #: The web address to show ("" when none), see website_text.
    website: str = ""
    #: Each medicine once and the statements that matter (see medicine_summary).
    medicine_summary: list[str] = field(default_factory=list)


def describe(facility: Facility, tr: Translate = untranslated) -> FacilityText:
    """One pass over the services: each label appears under exactly one heading."""
    shown = {s.code for s in facility.services
             if s.code in MEDICATION_CODES or s.code in ARRANGEMENT_CODES
             or PAYMENT_CATEGORY in s.category.lower()}
    by_category: dict[str, list[FacilityService]] = {c: [] for c in LISTED_CATEGORIES}
    for s in facility.services:
        if s.code not in shown:
            by_category.setdefault(s.category, []).append(s)
    return FacilityText(
        name=facility.name, name2=second_name(facility), address=address_lines(facility),
        phone=main_phone(facility), intake=intake_phones(facility),
        levels=level_labels(facility.levels, tr), medications=medications(facility),
        medicine_summary=medicine_summary(facility),
        payment=payment(facility), arrangements=arrangements(facility),
        groups=[(c, _unique(items)) for c, items in by_category.items() if items],
        qr_payload=qr_payload(facility, tr), website=website_text(facility),
    )

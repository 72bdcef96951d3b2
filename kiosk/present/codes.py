"""SAMHSA service codes grouped into what a visitor can choose or act on.

The directory's filter chips, the facility page and the printed slip all read these groups,
so "Buprenorphine" means the same codes on screen and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.domain import DIRECTORY_LEVELS
from kiosk.present.text import Translate, untranslated
from kiosk.store.local_sources import HOURS_CODE, LOCAL_CODE

#: The level-of-care group: a facility matches when it offers ANY chosen level.
LEVEL_GROUP = "level"

BUPRENORPHINE = ("BU", "BUM", "BWN", "BWON", "BERI", "BSDM", "UB", "DB")
METHADONE = ("MU", "MM", "METH", "DM")
NALTREXONE = ("NU", "NXN", "VTRL", "UN", "RPN")
#: Codes for medicines that treat addiction and the "does not use" statements. The
#: directory's medication category also holds prescriber arrangements, which a visitor
#: cannot act on, so slips list only these.
MEDICATION_CODES: frozenset[str] = frozenset((
    *BUPRENORPHINE, *METHADONE, *NALTREXONE,
    "OTP", "ACM", "DSF", "LFXD", "CLND", "PMAT", "NMOA", "NMAUT",
    # Detox codes that name a medicine: many programs state lofexidine only this way.
    "DLC",
))
#: Service categories (as the importer stores them) printed as "Payment accepted".
PAYMENT_CATEGORY = "payment"


LOCAL_GROUP = "local"
LOCAL_SERVICES = "local_services"
OPEN_NOW = "open_now"


@dataclass(frozen=True)
class CodeFilter:
    """A filter beyond the levels of care: its group, key and the codes (any of) meaning it."""

    group: str
    key: str
    codes: tuple[str, ...]


EXTRA_FILTERS: tuple[CodeFilter, ...] = tuple(CodeFilter(g, k, c) for g, k, c in (
    # Programs from a library's local list (kiosk.store.local_sources); "Open now" starts
    # as every local program with hours and is narrowed by the clock when it is used.
    (LOCAL_GROUP, LOCAL_SERVICES, (LOCAL_CODE,)),
    (LOCAL_GROUP, OPEN_NOW, (HOURS_CODE,)),
    ("telehealth", "telehealth", ("TELE",)),
    ("medication", "buprenorphine", BUPRENORPHINE),
    ("medication", "methadone", METHADONE),
    ("medication", "naltrexone", NALTREXONE),
    ("payment", "medicaid", ("MD",)),
    ("payment", "medicare", ("MC",)),
    ("payment", "private_insurance", ("PI",)),
    ("payment", "self_pay", ("SF",)),
    ("payment", "sliding_fee", ("SS",)),
    ("payment", "payment_assistance", ("PA",)),
    ("language", "spanish", ("SP",)),
    ("language", "other_languages", ("FX", "F4", "F17", "F19", "F25", "F28", "F30", "F31",
                                     "F35", "F36", "F37", "F42", "F43", "F47", "F66", "F67",
                                     "F70", "F81", "F92", "NX", "N24", "N40")),
    ("language", "sign_language", ("AH",)),
    ("age", "children", ("CHLD",)),
    ("age", "young_adults", ("YAD",)),
    ("age", "adults", ("ADLT",)),
    ("age", "seniors", ("SNR",)),
    ("group", "veterans", ("VET",)),
    ("group", "adolescents", ("AD",)),
    ("group", "pregnant", ("PW",)),
    ("group", "women", ("WN",)),
    ("group", "men", ("MN",)),
    ("group", "older_adults", ("SE",)),
    ("group", "young_adult_programs", ("TAY",)),
    ("group", "lgbtq", ("GL",)),
    ("group", "co_occurring", ("CO",)),
    ("group", "trauma", ("TRMA",)),
    ("group", "domestic_violence", ("DV",)),
    ("group", "sexual_abuse", ("XA",)),
    ("group", "justice", ("CJ",)),
    ("group", "dui", ("DU",)),
    ("group", "active_duty", ("ADM",)),
    ("group", "military_families", ("MF",)),
    ("group", "hiv", ("HV",)),
    ("group", "chronic_pain", ("COPSU",)),
))

_LEVEL_LABELS = {
    "intensive_outpatient": "Intensive outpatient (IOP)",
    "partial_hospitalization": "Day program (PHP)",
    "outpatient": "Outpatient",
    "residential": "Residential (live-in)",
    "detox": "Detox",
    "hospital_inpatient": "Hospital inpatient",
}
assert tuple(_LEVEL_LABELS) == DIRECTORY_LEVELS

_FILTER_LABELS = {
    LOCAL_SERVICES: "Local services",
    OPEN_NOW: "Open now",
    "telehealth": "Telehealth",
    "buprenorphine": "Buprenorphine",
    "methadone": "Methadone",
    "naltrexone": "Naltrexone",
    "medicaid": "Medicaid",
    "medicare": "Medicare",
    "private_insurance": "Private insurance",
    "self_pay": "Cash or self-pay",
    "sliding_fee": "Sliding fee",
    "payment_assistance": "Payment help",
    "spanish": "Spanish",
    "other_languages": "Other languages",
    "sign_language": "Sign language (ASL)",
    "children": "Children and teens",
    "young_adults": "Young adults",
    "adults": "Adults",
    "seniors": "Seniors",
    "veterans": "Veterans",
    "adolescents": "Adolescents",
    "pregnant": "Pregnant women",
    "women": "Women",
    "men": "Men",
    "older_adults": "Older adults",
    "young_adult_programs": "Young adult programs",
    "lgbtq": "LGBTQ people",
    "co_occurring": "Co-occurring conditions",
    "trauma": "Trauma survivors",
    "domestic_violence": "Domestic violence",
    "sexual_abuse": "Sexual abuse survivors",
    "justice": "Justice-involved",
    "dui": "DUI/DWI",
    "active_duty": "Active duty military",
    "military_families": "Military families",
    "hiv": "People with HIV",
    "chronic_pain": "Chronic pain",
}
assert set(_FILTER_LABELS) == {f.key for f in EXTRA_FILTERS}

_GROUP_TITLES = {
    LEVEL_GROUP: "Type of care",
    LOCAL_GROUP: "From the local list",
    "telehealth": "Telehealth",
    "medication": "Medications for opioid or alcohol use",
    "payment": "Payment",
    "language": "Language",
    "age": "Ages",
    "group": "Programs for",
}


def level_label(level: str, tr: Translate = untranslated) -> str:
    """A level of care (kiosk.domain.DIRECTORY_LEVELS) as a visitor reads it."""
    text = _LEVEL_LABELS.get(level)
    return tr(text) if text is not None else level


def level_labels(levels: tuple[str, ...], tr: Translate = untranslated) -> list[str]:
    return [level_label(level, tr) for level in levels]


def filter_label(key: str, tr: Translate = untranslated) -> str:
    """A filter chip's label: a level of care or one of EXTRA_FILTERS."""
    if key in _LEVEL_LABELS:
        return level_label(key, tr)
    text = _FILTER_LABELS.get(key)
    return tr(text) if text is not None else key


def filter_group_title(group: str, tr: Translate = untranslated) -> str:
    text = _GROUP_TITLES.get(group)
    return tr(text) if text is not None else group

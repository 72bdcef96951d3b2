"""The safety points a visitor in crisis must be told, in the sources and in the kiosk.

Each check runs twice: on the content sources under resources/content/en and on what the
built content database gives the screens, so a point that the build drops fails as well.
A point must sit in one paragraph (or list item) of the answer or section where a visitor
looks for it, together with the agency it comes from, so moving a warning away from its
subject, or losing its source, fails too.
"""

from __future__ import annotations

import re

import pytest

from kiosk.store.content import ContentRepository
from tests.unit.test_content_sources import (
    CONTENT,
    content_pieces,
    guide_files,
    load_toml,
    normalise,
    rng,
    section_body,
    section_id,
)

SOURCE = r"\b(?:samhsa|nida|asam|fda|cdc|cms)\b"
LEVEL_TEXT_FIELDS = ("name", "summary", "where_you_live", "weekly_hours", "best_for", "cost",
                     "supervision")


# --------------------------------------------------------------------------- loading


def source_items() -> dict[str, str]:
    """Visible text by where it is shown: 'guide/<id>', 'faq/<id>', 'level/<id>', 'sources'."""
    items = {f"guide/{section_id(p)}": section_body(p) for p in guide_files()}
    items |= {f"faq/{f['id']}": f["answer"] for f in load_toml("faqs.toml")["faq"]}
    items |= {f"level/{lvl['id']}": "\n".join(lvl[k] for k in LEVEL_TEXT_FIELDS)
              for lvl in load_toml("care_levels.toml")["level"]}
    items["sources"] = load_toml("about.toml")["sources"]
    return items


def database_items(repo: ContentRepository) -> dict[str, str]:
    """The same keys, read back through the repository the screens use."""
    items = {f"guide/{s.id}": s.body_md for s in repo.guide_sections()}
    items |= {f"faq/{f.id}": f.answer_md for f in repo.faqs()}
    items |= {f"level/{c.id}": "\n".join(getattr(c, k) for k in LEVEL_TEXT_FIELDS)
              for c in repo.care_levels()}
    items["sources"] = repo.info().sources
    return items


@pytest.fixture(params=["sources", "database"])
def content(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "sources":
        return source_items()
    return database_items(request.getfixturevalue("content_repo"))


def paragraphs(markdown: str) -> list[str]:
    """Each line (a paragraph or a list item), normalised, with the bold markers gone."""
    return [normalise(line.replace("**", "")) for line in markdown.splitlines() if line.strip()]


def has_paragraph(markdown: str, *patterns: str) -> bool:
    return any(all(re.search(p, para) for p in patterns) for para in paragraphs(markdown))


def assert_said(content: dict[str, str], where: tuple[str, ...], *patterns: str) -> None:
    for key in where:
        assert key in content, f"{key} is gone"
        assert has_paragraph(content[key], *patterns), f"{key} no longer says: {patterns}"


# --------------------------------------------------------------------------- withdrawal


WITHDRAWAL_DANGER = (
    r"\balcohol\b",
    r"\bbenzodiazepines\b",
    r"\bseizures\b",
    r"\b(?:kill|deadly|life-threatening)\b",
    r"xanax|valium",
    r"do not stop on your own",
    r"\b988\b",
    r"\b911\b",
    SOURCE,
)


def test_sudden_stop_of_alcohol_or_benzodiazepines_is_named_as_deadly(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/detox-first", "guide/when-iop-is-not-enough"), *WITHDRAWAL_DANGER)


def test_detox_is_not_presented_as_always_first(content: dict[str, str]) -> None:
    detox = content["faq/detox-first"]
    assert not re.match(r"\s*(?:if [^.]*,\s*)?yes\b", detox.lower()), "the answer starts 'yes'"
    start_without_detox = r"\bstart buprenorphine or methadone without detox\b"
    assert_said(content, ("faq/detox-first", "guide/who-iop-suits", "guide/medication"),
                r"\bopioids?\b", start_without_detox, SOURCE)
    assert_said(content, ("faq/detox-first", "guide/when-iop-is-used"),
                r"detox alone[^.]*overdose", SOURCE)


# --------------------------------------------------------------------------- overdose


def test_tolerance_drops_after_a_break_so_a_usual_dose_can_kill(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/relapse",), r"tolerance drops", r"\bjail\b", r"\bhospital\b",
                r"\bdetox\b", r"\btreatment\b", r"\boverdose\b", SOURCE)
    assert_said(content, ("faq/relapse",), r"fentanyl[^.]*drug supply", r"\bcdc\b")
    assert_said(content, ("guide/after-iop",), r"tolerance drops", r"\bkill\b", SOURCE)


def test_naloxone_is_sold_without_a_prescription_and_reverses_an_overdose(
        content: dict[str, str]) -> None:
    for key in ("faq/relapse", "faq/emergency"):
        assert_said(content, (key,), r"naloxone \(narcan\)")
        assert_said(content, (key,),
                    r"naloxone[^.]*without a prescription|without a prescription[^.]*naloxone")
        assert_said(content, (key,), r"\bfda\b[^.]*over the counter[^.]*\b2023\b")
        assert_said(content, (key,), r"\b911\b")
    assert_said(content, ("faq/relapse",), r"revers[^.]*opioid overdose")


# --------------------------------------------------------------------------- medicines


def test_methadone_only_from_certified_opioid_treatment_programs(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/methadone", "guide/medication"),
                r"methadone[^.]*\bonly\b[^.]*opioid treatment programs \(otps\)",
                r"\bcertif")


def test_vivitrol_needs_7_to_10_opioid_free_days_and_raises_overdose_risk_after(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/methadone", "guide/medication"),
                r"\bvivitrol\b", r"\bopioids?\b[^.]*" + rng("7", "10") + r" days",
                r"after you stop[^.]*overdose", r"\bfda\b")


def test_disulfiram_is_not_said_to_ease_cravings(content: dict[str, str]) -> None:
    assert_said(content, ("guide/medication", "faq/medication-worries"),
                r"\bantabuse\b", r"does not ease cravings", r"sick if you drink")


# --------------------------------------------------------------------------- coverage


def test_medicare_covers_iop_since_2024_and_medicaid_varies_by_state(
        content: dict[str, str]) -> None:
    where = ("faq/insurance", "guide/cost-and-insurance")
    assert_said(content, where, r"medicare has covered iop since 2024", r"\bcms\b")
    assert_said(content, where, r"medicaid[^.]*differs by state")


def test_low_cost_care_comes_before_any_price_and_prices_are_the_seed_estimates(
        content: dict[str, str]) -> None:
    for key in ("faq/no-insurance", "guide/cost-and-insurance"):
        text = normalise(content[key].replace("**", ""))
        first_price = text.index("$")
        for option in ("state-funded", "sliding fee", "free programs", "find a program"):
            assert -1 < text.find(option) < first_price, f"{key}: {option!r} after the price"
        for chip in ("sliding fee", "payment help", "medicaid"):
            assert chip in text[:first_price], f"{key}: filter {chip!r} not named"
        assert re.search(r"the page this guide is based on estimated[^.]*\$3,000-\$10,000",
                         text), key


# --------------------------------------------------------------------------- hours


def wrong_weekly_sum(text: str) -> bool:
    """True when 3-5 days of 2-4 hours is given next to 9-15 hours a week.

    3 days of 2 hours is 6 and 5 days of 4 hours is 20, so 9-15 is not their sum; the
    typical weekly figure belongs where the per-session figures are not.
    """
    text = normalise(text)
    return all(re.search(p, text) for p in (rng("3", "5") + " days", rng("2", "4") + " hours",
                                            rng("9", "15") + " hours"))


def test_the_wrong_weekly_sum_is_caught() -> None:
    old = ("Most IOPs ask for about 3 to 5 days a week and 2 to 4 hours each session. "
           "That comes to about 9 to 15 hours a week.")
    assert wrong_weekly_sum(old)
    assert not wrong_weekly_sum("3 to 5 days a week, 2 to 4 hours each: 6 to 20 hours.")


def test_no_text_adds_days_and_session_hours_up_to_9_to_15(content: dict[str, str]) -> None:
    wrong = [key for key, text in content.items() if wrong_weekly_sum(text)]
    wrong += [label for label, text in content_pieces() if wrong_weekly_sum(text)]
    assert not wrong, f"'3-5 days' x '2-4 hours' given as 9-15 hours in: {wrong}"


def test_php_and_iop_hours_are_asam_minimums_with_the_seed_range_as_typical(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/iop-or-php",), r"\bphp\b[^.]*20 or more hours", r"\basam\b")
    assert_said(content, ("faq/iop-or-php",), r"\biop\b[^.]*9 or more hours", r"\basam\b")
    assert_said(content, ("faq/iop-or-php",), r"typical php[^.]*" + rng("30", "40"))
    assert_said(content, ("level/partial_hospitalization",),
                r"typically " + rng("30", "40"), r"\basam\b[^.]*20 or more")
    assert_said(content, ("level/intensive_outpatient",),
                r"typically " + rng("9", "15"), r"\basam\b[^.]*9 or more for adults")


# --------------------------------------------------------------------------- level of care


ASSESSMENT_DIMENSIONS = (
    r"\bassessment\b",
    r"\basam\b",
    r"whole person",
    r"\bwithdrawal\b",
    r"your health",
    r"mental health",
    r"\bready\b",
    r"\brelapse\b",
    r"\bhome\b",
    r"\bsupport\b",
)


def test_level_of_care_is_decided_by_an_assessment_not_by_severity_alone(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/iop-or-php", "faq/right-for-me", "guide/levels-of-care"),
                *ASSESSMENT_DIMENSIONS)
    levels = [key for key in content if key.startswith("level/")]
    assert len(levels) == 4
    for key in levels:
        assert_said(content, (key,), r"an assessment decides")


# --------------------------------------------------------------------------- sources


def test_the_sources_page_says_what_each_source_was_used_for(content: dict[str, str]) -> None:
    sources = content["sources"]
    for name, use in (
        ("samhsa", r"helpline"),
        ("nida", r"3 months"),
        ("asam", r"levels of care"),
        ("fda", r"naloxone"),
        ("cdc", r"fentanyl"),
        ("cms", r"medicare[^.]*2024"),
        ("the page this guide grew from", r"cost estimates"),
    ):
        assert has_paragraph(sources, rf"^- {name}\b", use), f"sources: what {name} was used for"


def test_content_folder_is_the_one_the_source_checks_read() -> None:
    # English is checked here, Spanish by the same points in test_content_es; a third
    # language needs every check above run on it too.
    assert sorted(p.name for p in CONTENT.parent.iterdir() if p.is_dir()) == ["en", "es"]

"""The Spanish content (resources/content/es) against the English it is written from.

A Spanish reader must get the same guide: every item the English has, with the same
figures, phone numbers and named sources in the same item, the same safety points in the
same paragraph as their source, in plain Spanish (Fernández-Huerta 70 or more), and no
text lifted from the seed page. Each check runs on the source files and on what the built
database gives the screens in Spanish, so a point the build drops fails as well.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.importers.samhsa import GROUPS, OTHER_GROUP, PLAIN_LABELS
from kiosk.store.connect import open_content_db
from kiosk.store.content import ContentRepository
from tests.helpers import ROOT, SAMHSA_DIR
from tests.unit.test_content_sources import SEED_DIR, copied_runs, plain_text

CONTENT_ROOT = ROOT / "resources" / "content"
EN = CONTENT_ROOT / "en"
ES = CONTENT_ROOT / "es"
#: Fernández-Huerta: 70-80 is "fairly easy", what plain health material in Spanish aims for.
MIN_FERNANDEZ_HUERTA = 70.0
#: Spanish runs longer than English; a section still fits one screen.
SECTION_WORDS = (80, 240)
SOURCE = r"\b(?:samhsa|nida|asam|fda|cdc|cms)\b"
LEVEL_TEXT_FIELDS = ("name", "summary", "where_you_live", "weekly_hours", "best_for", "cost",
                     "supervision")


# --------------------------------------------------------------------------- loading


def load(lang_dir: Path, name: str) -> dict[str, Any]:
    return tomllib.loads((lang_dir / name).read_text(encoding="utf-8"))


def guide_files(lang_dir: Path) -> list[Path]:
    return sorted(p for p in (lang_dir / "guide").iterdir() if p.suffix == ".md")


def section_body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n", 2)[2]


def slug(path: Path) -> str:
    return path.stem.split("-", 1)[1]


def normalise(text: str) -> str:
    """Lower case, one kind of dash, ranges ('3 a 5', '3 to 5', '3–5') written '3-5'."""
    text = text.lower().replace("**", "")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\$?\d[\d,]*) ?(?:-|to|a) ?(?=\$?\d)", r"\1-", text)


def rng(low: str, high: str) -> str:
    return rf"(?<![\d$,]){re.escape(low)}-{re.escape(high)}(?![\d,])"


def source_items(lang_dir: Path) -> dict[str, str]:
    """Visible text by where it is shown: 'guide/<id>', 'faq/<id>', 'level/<id>', ..."""
    items = {f"guide/{slug(p)}": section_body(p) for p in guide_files(lang_dir)}
    items |= {f"title/{slug(p)}": p.read_text(encoding="utf-8").split("\n", 1)[0]
              for p in guide_files(lang_dir)}
    items |= {f"faq/{f['id']}": f["answer"] for f in load(lang_dir, "faqs.toml")["faq"]}
    items |= {f"question/{f['id']}": f["question"]
              for f in load(lang_dir, "faqs.toml")["faq"]}
    items |= {f"level/{lvl['id']}": "\n".join(lvl[k] for k in LEVEL_TEXT_FIELDS)
              for lvl in load(lang_dir, "care_levels.toml")["level"]}
    items |= {f"check/{i['id']}": i["text"] for i in load(lang_dir, "checklist.toml")["item"]}
    items |= {f"helpline/{h['id']}": "\n".join(
        str(h.get(k, "")) for k in ("name", "number", "promise", "hours", "languages",
                                    "disclosure"))
        for h in load(lang_dir, "helplines.toml")["helpline"]}
    items["sources"] = load(lang_dir, "about.toml")["sources"]
    items["welcome"] = load(lang_dir, "about.toml")["welcome_text"]
    return items


def database_items(repo: ContentRepository) -> dict[str, str]:
    """The same keys, read back through the repository the screens use."""
    items = {f"guide/{s.id}": s.body_md for s in repo.guide_sections()}
    items |= {f"title/{s.id}": f"# {s.title}" for s in repo.guide_sections()}
    items |= {f"faq/{f.id}": f.answer_md for f in repo.faqs()}
    items |= {f"question/{f.id}": f.question for f in repo.faqs()}
    items |= {f"level/{c.id}": "\n".join(getattr(c, k) for k in LEVEL_TEXT_FIELDS)
              for c in repo.care_levels()}
    items |= {f"check/{i.id}": i.text for i in repo.checklist().items}
    items |= {f"helpline/{h.id}": "\n".join(
        (h.name, h.number, h.promise, h.hours, h.languages, h.disclosure))
        for h in repo.helplines()}
    items["sources"] = repo.info().sources
    items["welcome"] = repo.info().welcome_text
    return items


@pytest.fixture(scope="module")
def spanish_repo(template_db_no_directory: Path) -> Iterator[ContentRepository]:
    conn = open_content_db(template_db_no_directory)
    yield ContentRepository(conn, "es")
    conn.close()


@pytest.fixture(params=["sources", "database"])
def content(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "sources":
        return source_items(ES)
    return database_items(request.getfixturevalue("spanish_repo"))


def paragraphs(markdown: str) -> list[str]:
    return [normalise(line) for line in markdown.splitlines() if line.strip()]


def has_paragraph(markdown: str, *patterns: str) -> bool:
    return any(all(re.search(p, para) for p in patterns) for para in paragraphs(markdown))


def assert_said(content: dict[str, str], where: tuple[str, ...], *patterns: str) -> None:
    for key in where:
        assert key in content, f"{key} is gone"
        assert has_paragraph(content[key], *patterns), f"{key} no longer says: {patterns}"


# --------------------------------------------------------------------------- parity


def test_every_english_item_has_a_spanish_counterpart() -> None:
    en, es = source_items(EN), source_items(ES)
    assert set(es) == set(en)
    assert all(es[key].strip() for key in es), [k for k in es if not es[k].strip()]
    assert [p.name for p in guide_files(ES)] == [p.name for p in guide_files(EN)]
    for name, table, key in (("faqs.toml", "faq", "id"), ("care_levels.toml", "level", "id"),
                             ("checklist.toml", "item", "id"),
                             ("helplines.toml", "helpline", "id")):
        assert [x[key] for x in load(ES, name)[table]] == [x[key] for x in load(EN, name)[table]]


def test_topics_group_the_same_sections_in_the_same_order() -> None:
    en = load(EN / "guide", "topics.toml")["topic"]
    es = load(ES / "guide", "topics.toml")["topic"]
    assert [t["sections"] for t in es] == [t["sections"] for t in en]
    assert all(t["title"].strip() for t in es)
    assert {t["title"] for t in es}.isdisjoint({t["title"] for t in en})


def test_checklist_groups_split_the_items_as_the_english_does() -> None:
    def runs(items: list[dict[str, str]]) -> list[list[str]]:
        out: list[list[str]] = []
        for i, item in enumerate(items):
            if i == 0 or item["group"] != items[i - 1]["group"]:
                out.append([])
            out[-1].append(item["id"])
        return out

    en, es = load(EN, "checklist.toml"), load(ES, "checklist.toml")
    assert runs(es["item"]) == runs(en["item"])
    assert es["title"].strip() and es["intro"].strip()


def test_helplines_keep_their_numbers_order_and_featured_line() -> None:
    fixed = ("id", "number", "tel", "featured", "order")
    en = [{k: h[k] for k in fixed} for h in load(EN, "helplines.toml")["helpline"]]
    es = [{k: h[k] for k in fixed} for h in load(ES, "helplines.toml")["helpline"]]
    assert es == en


NUMBER = re.compile(r"\d+(?:[,.]\d{3})*")
#: Names that stay the same in every language: agencies, programs, medicines, therapies.
NAMES = ("SAMHSA", "NIDA", "ASAM", "FDA", "CDC", "CMS", "CARF", "The Joint Commission",
         "Medicare", "Medicaid", "Suboxone", "Vivitrol", "Antabuse", "Narcan", "Xanax",
         "Valium", "SMART Recovery", "AA", "NA", "CBT", "DBT", "MI", "MAT", "OTP", "PHP",
         "PTSD", "Addiction Helpline America", "Journal of Substance Abuse Treatment")


def figures(text: str) -> set[str]:
    return {re.sub(r"[,.]", "", n) for n in NUMBER.findall(text)}


def names(text: str) -> set[str]:
    return {n for n in NAMES if re.search(rf"\b{re.escape(n)}s?\b", text)}  # OTPs is OTP


@pytest.mark.parametrize("key", sorted(source_items(EN)))
def test_each_item_has_the_english_figures_and_named_sources(key: str) -> None:
    en, es = source_items(EN)[key], source_items(ES)[key]
    assert figures(es) == figures(en), f"{key}: numbers differ from the English"
    assert names(es) == names(en), f"{key}: named sources or medicines differ"


def test_the_figure_check_sees_a_changed_number() -> None:
    assert figures("de 3 a 5 días, $3,000") != figures("de 3 a 6 días, $3,000")
    assert figures("$3.000 al mes") == figures("$3,000 a month")
    assert names("Llame a SAMHSA") != names("Llame a la NIDA")


PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}-\d{4}\b|\b1-\d{3}-\d{3}-\d{4}\b")


def test_no_phone_number_other_than_the_four_helplines() -> None:
    allowed = {re.sub(r"\D", "", h["number"])[-10:]
               for h in load(ES, "helplines.toml")["helpline"]}
    found = {re.sub(r"\D", "", m)[-10:]
             for text in source_items(ES).values() for m in PHONE.findall(text)}
    assert found <= allowed, f"unknown phone numbers: {found - allowed}"


# --------------------------------------------------------------------------- facts


FACTS: list[tuple[str, str]] = [
    # Levels of care, in the words US Spanish health material uses
    ("residential treatment", r"tratamiento residencial"),
    ("partial hospitalization", r"hospitalización parcial \(php\)"),
    ("intensive outpatient", r"programa ambulatorio intensivo \(iop\)"),
    ("standard outpatient", r"tratamiento ambulatorio"),
    ("PHP 5-7 days a week", rng("5", "7") + " días"),
    ("outpatient 1-2 sessions a week", r"\b1 o 2 sesiones"),
    ("step-down after inpatient or detox", r"bajar de nivel|bajar al iop"),
    ("detox", r"desintoxicación"),
    ("mild to moderate", r"leve a moderad[oa]"),
    ("co-occurring disorders", r"trastornos concurrentes"),
    ("24/7", r"24 horas"),
    # Schedule
    ("3-5 days a week", rng("3", "5") + " días"),
    ("2-4 hours a session", rng("2", "4") + " horas"),
    ("6-12 weeks", rng("6", "12") + " semanas"),
    ("3-5 group sessions a week", rng("3", "5") + " sesiones de grupo"),
    ("morning, afternoon, evening", r"en la mañana, en la tarde o en la noche"),
    ("weekend sessions", r"fin de semana"),
    ("virtual programs", r"\bvirtual"),
    ("hybrid programs", r"híbridos|mixtos"),
    ("telehealth", r"telesalud"),
    # Weekly hours (comparison table)
    ("40+ hours", r"(?<!\d)40\+"),
    ("30-40 hours", rng("30", "40")),
    ("9-15 hours", rng("9", "15")),
    ("1-5 hours", rng("1", "5")),
    # Cost and coverage
    ("IOP $3,000-$10,000 a month", re.escape("$3,000-$10,000")),
    ("inpatient $20,000-$60,000 a month", re.escape("$20,000-$60,000")),
    ("cost hedged as an estimate", r"\bunos \$"),
    ("private insurance", r"seguros privados"),
    ("insurance", r"seguro médico"),
    ("no insurance", r"no tiene seguro médico|no tengo seguro médico"),
    ("sliding fee", r"tarifa según sus ingresos \(escala móvil\)"),
    ("Medicaid", r"\bmedicaid\b"),
    ("Medicare", r"\bmedicare\b"),
    # Therapies and services
    ("CBT", r"terapia cognitivo-conductual \(cbt\)"),
    ("DBT", r"terapia dialéctica conductual \(dbt\)"),
    ("motivational interviewing", r"entrevista motivacional"),
    ("relapse prevention", r"prevenir una recaída"),
    ("mindfulness", r"atención plena"),
    ("anger and stress", r"el enojo y el estrés"),
    ("enabling", r"facilitación|facilitar"),
    ("codependency", r"codependencia"),
    ("family days", r"días para la familia"),
    ("budgeting", r"presupuesto"),
    ("resume", r"currículum"),
    ("drug testing", r"pruebas? de drogas"),
    ("baseline drug test", r"prueba de base"),
    # Medication-assisted treatment
    ("MAT", r"tratamiento asistido con medicamentos \(mat\)"),
    ("FDA-approved", r"aprobados por la fda"),
    ("buprenorphine", r"\bbuprenorfina\b"),
    ("naloxone", r"\bnaloxona\b"),
    ("naltrexone", r"\bnaltrexona\b"),
    ("disulfiram", r"\bdisulfiram\b"),
    ("OTP", r"programas de tratamiento de opioides \(otp\)"),
    # Choosing a program and aftercare
    ("accredited", r"\bacreditado\b"),
    ("therapist-to-patient ratio", r"cuántos pacientes trabaja cada terapeuta"),
    ("sober living", r"vivienda(?:s)? de apoyo para la recuperación \(sober living\)"),
    ("alumni", r"exalumnos"),
    ("aftercare", r"atención posterior"),
    # First week
    ("assessment", r"\bevaluación\b"),
    ("orientation", r"\borientación\b"),
    ("goal setting", r"fijar metas|fijan metas"),
    # Outcomes, attributed
    ("SAMHSA and NIDA", r"samhsa y el nida"),
    ("as effective as inpatient for many", r"el mismo resultado que la atención con internación"),
    ("90 or more days of care", r"(?<!\d)90 días o más"),
    ("IOP with MAT and aftercare", r"mat y atención posterior"),
    # Dual diagnosis
    ("dual diagnosis", r"diagnóstico dual"),
    ("depression", r"\bdepresión\b"),
    ("anxiety", r"\bansiedad\b"),
    ("bipolar disorder", r"trastorno bipolar"),
    ("psychiatrists", r"psiquiatra"),
    # After IOP and seeking help
    ("faith-based groups", r"grupos de fe"),
    ("hopeless", r"sin esperanza"),
    ("overdose", r"sobredosis"),
    ("988 call or text", r"llame o envíe un mensaje de texto al 988"),
]


@pytest.mark.parametrize(("fact", "pattern"), FACTS, ids=[f for f, _ in FACTS])
def test_fact_is_in_the_spanish_content(content: dict[str, str], fact: str,
                                        pattern: str) -> None:
    assert re.search(pattern, normalise("\n".join(content.values()))), f"missing: {fact}"


# --------------------------------------------------------------------------- safety


def test_sudden_stop_of_alcohol_or_benzodiazepines_is_named_as_deadly(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/detox-first", "guide/when-iop-is-not-enough"),
                r"\balcohol\b", r"benzodiacepinas", r"convulsiones", r"\bmatar\b|mortal",
                r"xanax|valium", r"no lo deje por su cuenta", r"\b988\b", r"\b911\b", SOURCE)
    assert_said(content, ("guide/when-to-seek-help",), r"benzodiacepinas", r"de golpe",
                r"convulsiones", r"\bmatar\b", SOURCE)


def test_detox_is_not_presented_as_always_first(content: dict[str, str]) -> None:
    detox = normalise(content["faq/detox-first"])
    assert not re.match(r"\s*sí\b", detox), "the answer starts 'sí'"
    assert_said(content, ("faq/detox-first", "guide/who-iop-suits", "guide/medication"),
                r"\bopioides\b", r"empezar la buprenorfina o la metadona sin", SOURCE)
    assert_said(content, ("faq/detox-first", "guide/when-iop-is-used"),
                r"desintoxicación sola[^.]*sobredosis", SOURCE)


def test_tolerance_drops_after_a_break_so_a_usual_dose_can_kill(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/relapse",), r"tolerancia baja", r"cárcel", r"hospital",
                r"desintoxicación", r"tratamiento", r"sobredosis", SOURCE)
    assert_said(content, ("faq/relapse",), r"fentanilo[^.]*drogas que se venden", r"\bcdc\b")
    assert_said(content, ("guide/after-iop",), r"tolerancia baja", r"\bmatar\b", SOURCE)


def test_naloxone_is_sold_without_a_prescription_and_reverses_an_overdose(
        content: dict[str, str]) -> None:
    for key in ("faq/relapse", "faq/emergency"):
        assert_said(content, (key,), r"naloxona \(narcan\)")
        assert_said(content, (key,), r"\bfda\b[^.]*2023[^.]*naloxona sin receta")
        assert_said(content, (key,), r"\b911\b")
    assert_said(content, ("faq/relapse",), r"revertir una sobredosis de opioides")


def test_methadone_only_from_certified_opioid_treatment_programs(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/methadone", "guide/medication"),
                r"metadona[^.]*\bsolo\b[^.]*programas de tratamiento de opioides \(otp\)")
    assert_said(content, ("faq/methadone", "guide/medication"), r"certificar cada otp")


def test_vivitrol_needs_7_to_10_opioid_free_days_and_raises_overdose_risk_after(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/methadone", "guide/medication"), r"\bvivitrol\b",
                r"opioide[^.]*" + rng("7", "10") + r" días", r"después de dejarlo[^.]*sobredosis",
                r"\bfda\b")


def test_disulfiram_is_not_said_to_ease_cravings(content: dict[str, str]) -> None:
    assert_said(content, ("guide/medication", "faq/medication-worries"),
                r"\bantabuse\b", r"no calma los deseos", r"mal si bebe")


def test_medicare_covers_iop_since_2024_and_medicaid_varies_by_state(
        content: dict[str, str]) -> None:
    where = ("faq/insurance", "guide/cost-and-insurance")
    assert_said(content, where, r"medicare cubre el iop desde 2024", r"\bcms\b")
    assert_said(content, where, r"medicaid[^.]*cambia según el estado")


def test_low_cost_care_comes_before_any_price_and_prices_are_the_seed_estimates(
        content: dict[str, str]) -> None:
    for key in ("faq/no-insurance", "guide/cost-and-insurance"):
        text = normalise(content[key])
        first_price = text.index("$")
        for option in ("pagados por el estado", "tarifa según sus ingresos", "programas gratis",
                       "buscar un programa", "tarifa según ingresos", "ayuda para pagar",
                       "medicaid"):
            assert -1 < text.find(option) < first_price, f"{key}: {option!r} after the price"
        assert re.search(r"la página en la que se basa esta guía calculó[^.]*\$3,000-\$10,000",
                         text), key


def test_no_text_adds_days_and_session_hours_up_to_9_to_15(content: dict[str, str]) -> None:
    def wrong(text: str) -> bool:
        text = normalise(text)
        return all(re.search(p, text) for p in (rng("3", "5") + " días",
                                                rng("2", "4") + " horas",
                                                rng("9", "15") + " horas"))

    assert wrong("De 3 a 5 días, de 2 a 4 horas: unas 9 a 15 horas por semana.")
    assert not [key for key, text in content.items() if wrong(text)]


def test_php_and_iop_hours_are_asam_minimums_with_the_seed_range_as_typical(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/iop-or-php",), r"\bphp\b[^.]*20 horas o más", r"\basam\b")
    assert_said(content, ("faq/iop-or-php",), r"\biop\b[^.]*9 horas o más")
    assert_said(content, ("faq/iop-or-php",), r"php común[^.]*" + rng("30", "40"))
    assert_said(content, ("level/partial_hospitalization",),
                r"por lo general " + rng("30", "40"), r"\basam\b[^.]*20 o más")
    assert_said(content, ("level/intensive_outpatient",),
                r"por lo general " + rng("9", "15"), r"\basam\b[^.]*9 o más para adultos")


def test_level_of_care_is_decided_by_an_assessment_not_by_severity_alone(
        content: dict[str, str]) -> None:
    assert_said(content, ("faq/iop-or-php", "faq/right-for-me", "guide/levels-of-care"),
                r"\bevaluación\b", r"\basam\b", r"toda la persona", r"abstinencia",
                r"su salud", r"salud mental", r"\blisto\b", r"recaída", r"\bhogar\b",
                r"\bapoyo\b")
    for key in [k for k in content if k.startswith("level/")]:
        assert_said(content, (key,), r"lo decide una evaluación")


def test_the_sources_page_says_what_each_source_was_used_for(content: dict[str, str]) -> None:
    sources = content["sources"]
    for name, use in (
        ("samhsa", r"línea nacional de ayuda"),
        ("nida", r"3 meses"),
        ("asam", r"niveles de atención"),
        ("fda", r"naloxona"),
        ("cdc", r"fentanilo"),
        ("cms", r"medicare[^.]*2024"),
        ("la página de la que nació esta guía", r"costos estimados"),
    ):
        assert has_paragraph(sources, rf"^- {name}\b", use), f"sources: what {name} was used for"
    assert "journal of substance abuse treatment" in normalise(sources)
    assert "no es consejo médico" in normalise(sources)


def test_the_featured_line_discloses_who_answers_in_spanish(content: dict[str, str]) -> None:
    featured = normalise(content["helpline/addiction-helpline-america"])
    for said in (r"contestan", r"proveedores de tratamiento", r"pagan por anunciarse",
                 r"cobrar", r"gratis para usted", r"no tiene que aceptar ningún tratamiento",
                 r"no tiene relación con ninguna compañía de seguros"):
        assert re.search(said, featured), said
    samhsa = normalise(content["helpline/samhsa-national-helpline"])
    assert all(w in samhsa for w in ("gratis", "confidencial", "365", "24", "inglés y español"))
    assert "llame o envíe un mensaje de texto al 988" in normalise(content["helpline/988-lifeline"])
    assert "emergencia" in normalise(content["helpline/911"])


# --------------------------------------------------------------------------- readability


def fernandez_huerta(text: str) -> float:
    from textstat.backend import metrics  # Spanish syllables through pyphen's es dictionary

    return float(metrics.fernandez_huerta(text, "es"))


def readable_texts() -> list[Any]:
    texts = [pytest.param(section_body(p), id=p.name) for p in guide_files(ES)]
    texts += [pytest.param(f["answer"], id=f"faq-{f['id']}")
              for f in load(ES, "faqs.toml")["faq"]]
    return texts


@pytest.mark.parametrize("markdown", readable_texts())
def test_text_reads_as_plain_spanish(markdown: str) -> None:
    score = fernandez_huerta(plain_text(markdown))
    assert score >= MIN_FERNANDEZ_HUERTA, f"Fernández-Huerta {score:.1f}; use shorter sentences"


def test_the_readability_check_can_tell_hard_spanish_from_easy() -> None:
    easy = "Usted vive en su casa. Va a terapia tres días por semana. Su equipo le ayuda."
    hard = ("La coordinación interdisciplinaria de intervenciones farmacológicas "
            "individualizadas requiere evaluaciones psiquiátricas pormenorizadas y una "
            "monitorización multidimensional ininterrumpida del continuo terapéutico.")
    assert fernandez_huerta(hard) < MIN_FERNANDEZ_HUERTA <= fernandez_huerta(easy)


@pytest.mark.parametrize("path", guide_files(ES), ids=lambda p: p.name)
def test_guide_section_fits_one_screen(path: Path) -> None:
    count = len(plain_text(section_body(path)).split())
    assert SECTION_WORDS[0] <= count <= SECTION_WORDS[1], f"{path.name} has {count} words"


# --------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    if not SEED_DIR.is_dir():
        pytest.skip(f"seed folder not found at {SEED_DIR}")
    from tests.unit.test_content_sources import SEED_RUN

    runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEED_DIR.glob("*.txt")):
        words = re.findall(r"[a-z0-9$]+", seed.read_text(encoding="utf-8").lower())
        runs.update(tuple(words[i:i + SEED_RUN]) for i in range(len(words) - SEED_RUN + 1))
    assert runs
    return runs


def test_no_ten_word_run_copied_from_the_seed(seed_runs: set[tuple[str, ...]]) -> None:
    copied = [(key, run) for key, text in source_items(ES).items()
              for run in copied_runs(text, seed_runs)]
    assert not copied, f"text copied from the seed: {copied}"


# --------------------------------------------------------------------------- form


def test_spanish_is_plain_markdown_without_html_links_or_exclamations() -> None:
    for key, text in source_items(ES).items():
        assert "<" not in text and ">" not in text, f"{key}: no raw HTML"
        assert "](" not in text and not re.search(r"https?:|www\.", text), f"{key}: no links"
        assert "!" not in text and "¡" not in text, f"{key}: no exclamation marks"


def test_questions_open_and_close_as_spanish_does() -> None:
    for key, text in source_items(ES).items():
        assert text.count("¿") == text.count("?"), f"{key}: every ? needs its ¿"
    for faq in load(ES, "faqs.toml")["faq"]:
        assert faq["question"].strip().endswith("?"), faq["id"]


def test_checklist_and_levels_fit_where_they_are_shown() -> None:
    checklist = load(ES, "checklist.toml")
    assert all(0 < len(item["text"]) <= 70 for item in checklist["item"])
    assert re.fullmatch(r"[^.?]+[.?]", checklist["intro"].strip())
    for level in load(ES, "care_levels.toml")["level"]:
        assert len(level["short_name"]) <= 12, level["short_name"]
        assert level["summary"].count(".") == 1 and level["summary"].endswith(".")


def test_readers_are_addressed_as_usted() -> None:
    text = normalise("\n".join(source_items(ES).values()))
    assert re.search(r"\busted\b", text)
    assert not re.search(r"\b(?:tú|tu|tienes|puedes|quieres|necesitas|estás|eres|te)\b", text)


# --------------------------------------------------------------------------- directory labels


def test_every_service_code_has_a_spanish_label() -> None:
    services = load(ES, "services.toml")
    labels, titles = services["label"], services["category"]
    assert set(PLAIN_LABELS) <= set(labels)
    assert {g for g, _ in GROUPS} | {OTHER_GROUP} <= set(titles)
    assert all(v.strip() for v in (*labels.values(), *titles.values()))
    assert labels["SS"].startswith("Tarifa según sus ingresos")
    assert labels["SP"] == "Español"


@pytest.mark.skipif(not SAMHSA_DIR.is_dir(), reason="the real directory is not beside us")
def test_every_code_in_the_real_directory_has_a_spanish_label(template_db: Path) -> None:
    conn = open_content_db(template_db)
    try:
        codes = {str(r[0]) for r in conn.execute("SELECT code FROM directory_service")}
        spanish = ContentRepository(conn, "es").service_labels()
    finally:
        conn.close()
    assert codes and codes <= set(spanish), sorted(codes - set(spanish))

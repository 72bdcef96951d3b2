"""Search over the guide, the FAQs and the directory: the index builder and SearchRepository.

Build time (`build_index`, called by db/build.py): one `search_doc` row per guide section,
FAQ and facility; `search_term` lists every index word (the typo vocabulary); when SQLite
has FTS5, two external-content FTS5 indexes rank the rows with bm25.

Query time (`SearchRepository.search`): the visitor's text is normalised and split into
words; nothing of it reaches MATCH except as double-quoted strings inside an expression
that is bound as a parameter. Each word becomes a group of alternatives, OR-ed: the word as
a prefix, its synonyms (resources/search/synonyms.toml) and, when no index word starts with
it, the closest index words by edit distance (found through a trigram index kept in memory).
Groups are AND-ed; when that finds nothing, they are OR-ed. Without FTS5 the same groups are
matched by a plain scan over the rows held in memory.

Before that, `read_intent` picks out what a visitor means rather than what they spelled: a
ZIP code or "near me" (programs nearest to a place, with miles), crisis words (the screen
shows the crisis lines first; "988" is a phone number, not a ZIP prefix), and payment and
language words ("medicaid", "espanol"), which filter programs by the services they offer
instead of matching their names (Española is not Spanish).

Nothing a visitor types is kept: no query cache, no history, nothing logged.
"""

from __future__ import annotations

import bisect
import logging
import math
import re
import sqlite3
import tomllib
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress, pairwise
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.domain import SearchHit, SearchResults
from kiosk.store import local_sources
from kiosk.store.directory import has_current_pack, haversine_miles, pack_index, row_mask

log = logging.getLogger(__name__)

#: Only this much of what a visitor typed is looked at (a 10,000-character paste is cut).
MAX_QUERY_CHARS = 120
#: At most this many words are searched for.
MAX_WORDS = 6
#: Fewer letters than this (in all words together) search nothing yet.
MIN_QUERY_CHARS = 2
#: Words shorter than this are never typo-corrected (AA, NA, OP, state codes).
MIN_CORRECT_LEN = 4
#: Synonym keys this short (AA, NA, OP) match only whole words: "na" is not "national".
WHOLE_WORD_KEY_LEN = 2
DEFAULT_LIMIT = 8
#: Finished words that say nothing about what to find ("how much does it cost" is "cost").
#: Dropped when the query has other words; the word still being typed is never dropped.
STOP_WORDS = frozenset({
    "a", "an", "and", "are", "can", "do", "does", "for", "how", "i", "is", "it", "much",
    "my", "near", "of", "the", "to", "what", "where", "with", "you", "your",
})
#: The same for Spanish ("cuánto cuesta el tratamiento" is "cuesta tratamiento"), written
#: as search sees words: lower case, no accents. "sin" and "no" stay: "sin seguro" matters.
SPANISH_STOP_WORDS = frozenset({
    "a", "al", "como", "con", "cual", "cuando", "cuanto", "cuanta", "de", "del", "donde",
    "el", "en", "es", "esta", "hay", "la", "las", "lo", "los", "me", "mi", "mis", "para",
    "por", "puedo", "que", "se", "si", "su", "sus", "te", "tu", "un", "una", "unos", "y",
    "o", "yo", "habla", "hablan", "hablen",
})
_STOP_WORDS_BY_LANG = {"es": SPANISH_STOP_WORDS}
#: Facilities: words this short match whole words only (state codes: "il", not "inc").
FACILITY_WHOLE_WORD_LEN = 2
SNIPPET_CHARS = 150

TOKENIZE = "unicode61 remove_diacritics 2"
_WORD = re.compile(r"[^\W_]+")
_INLINE_MARKUP = re.compile(r"[*_`]+")
_BLOCK_MARKUP = re.compile(r"[#>|]+|^\s*[-+]\s+|^\s*\d+\.\s+", re.MULTILINE)

#: bm25 column weights: a word in a title counts far more than one in the body.
CONTENT_WEIGHTS = (10.0, 4.0, 1.0)  # title, keywords, body
FACILITY_WEIGHTS = (4.0, 6.0, 2.0)  # title, place, keywords (state name)

# ------------------------------------------------------------------ text helpers --


def normalize(text: str) -> str:
    """Lower case without accents, as FTS5's unicode61 tokenizer sees it."""
    if text.isascii():  # nearly every name and place: nothing to decompose
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def plain_text(markdown: str) -> str:
    """Markdown without its markup, on one line (for indexing and snippets)."""
    return " ".join(_BLOCK_MARKUP.sub(" ", _INLINE_MARKUP.sub("", markdown)).split())


def load_synonyms(path: Path | None = None, lang: str = "en") -> dict[str, tuple[str, ...]]:
    """word -> phrases also searched for; a missing or broken file gives no synonyms."""
    path = path or paths.resources_dir() / "search" / "synonyms.toml"
    try:
        with path.open("rb") as fh:
            table = tomllib.load(fh).get(lang, {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("search synonyms not loaded from %s: %s", path, exc)
        return {}
    synonyms: dict[str, tuple[str, ...]] = {}
    for key, values in table.items() if isinstance(table, dict) else ():
        key_words = words(str(key))
        if len(key_words) != 1 or not isinstance(values, list):
            log.warning("search synonyms: ignoring entry %r in %s", key, path)
            continue
        phrases = tuple(" ".join(words(str(v))) for v in values if words(str(v)))
        synonyms[key_words[0]] = phrases
    return synonyms


# ---------------------------------------------------------------------- building --


def fts5_available(conn: sqlite3.Connection) -> bool:
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp.fts5_probe")
    except sqlite3.OperationalError:
        return False
    return True


def _table_columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {str(row[1]) for row in conn.execute(f"PRAGMA table_info({table})")}


def _facility_docs(conn: sqlite3.Connection) -> list[tuple[str, str, str, str, str]]:
    """(ref_id, title, place, state name, levels) per facility in state, city, name order;
    none when no directory is loaded."""
    needed = {"id", "name", "name2", "city", "state", "zip", "levels"}
    if not needed <= _table_columns(conn, "facility"):
        return []
    import us  # state names, so "illinois" finds what "IL" finds (only needed at build time)

    docs = []
    rows = conn.execute(
        "SELECT id, name, name2, city, state, zip, levels FROM facility"
        " ORDER BY state, city, name, name2, id"
    )
    state_names: dict[str, str] = {}  # looked up once per state, not once per program
    for ref_id, name, name2, city, state, zip_code, levels in rows:
        title = " ".join(part for part in (name, name2) if part)
        place = f"{city}, {state} {zip_code}".strip(" ,")
        state_name = state_names.get(state)
        if state_name is None:
            state_info = us.states.lookup(state) if state else None
            state_name = state_names[state] = state_info.name if state_info is not None else ""
        docs.append((str(ref_id), title, place, state_name, " ".join(str(levels).split())))
    return docs


def build_index(conn: sqlite3.Connection, *, use_fts: bool | None = None,
                facilities_unchanged: bool = False) -> dict[str, int]:
    """Fill the search tables from the content (and facility) tables already in `conn`.

    Runs inside the build's transaction. Returns row counts per kind. `use_fts=False`
    builds without FTS5 (as a machine without it would; tests use this).
    `facilities_unchanged`: the caller changed only the local lists, so a directory pack
    that matches the facility table is kept (packing takes a third of the build).
    """
    # The directory screen's packed index is derived from the same rows, and every writer
    # of the directory runs this build: rebuilt here, it can never lag behind them.
    if "id" in _table_columns(conn, "facility") and not (
            facilities_unchanged and has_current_pack(conn)):
        pack_index(conn)
    conn.execute("DELETE FROM search_doc")
    conn.execute("DELETE FROM search_term")
    conn.execute("DELETE FROM search_term_lang")
    rows: list[tuple[str, str, str, str, str, str, str, str]] = []
    for ref_id, lang, title, topic, body in conn.execute(
        "SELECT id, lang, title, topic, body_md FROM guide_section ORDER BY lang, position"
    ):
        rows.append(("guide", ref_id, lang, title, "", topic, plain_text(body), ""))
    for ref_id, lang, question, answer in conn.execute(
        "SELECT id, lang, question, answer_md FROM faq ORDER BY lang, position"
    ):
        rows.append(("faq", ref_id, lang, question, "", "", plain_text(answer), ""))
    for ref_id, title, place, state_name, levels in _facility_docs(conn):
        rows.append(("facility", ref_id, "", title, place, state_name, "", levels))
    for ref_id, title, place, keywords, levels in local_sources.search_docs(conn):
        rows.append(("facility", ref_id, "", title, place, keywords, "", levels))
    conn.executemany(
        "INSERT INTO search_doc (kind, ref_id, lang, title, place, keywords, body, levels)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    counts: Counter[str] = Counter()
    by_lang: dict[str, Counter[str]] = {row[2]: Counter() for row in rows if row[2]}
    for row in rows:
        row_words = set(words(" ".join(row[3:7])))
        counts.update(row_words)
        for lang, lang_counts in by_lang.items():  # facilities ('') count in every language
            if row[2] in ("", lang):
                lang_counts.update(row_words)
    conn.executemany(
        "INSERT INTO search_term (term, docs) VALUES (?, ?)", sorted(counts.items())
    )
    conn.executemany(
        "INSERT INTO search_term_lang (lang, term, docs) VALUES (?, ?, ?)",
        sorted((lang, term, n) for lang, c in by_lang.items() for term, n in c.items()),
    )
    if use_fts is None:
        use_fts = fts5_available(conn)
    if use_fts:
        conn.execute("DROP TABLE IF EXISTS search_content_fts")
        conn.execute("DROP TABLE IF EXISTS search_facility_fts")
        conn.execute(
            "CREATE VIRTUAL TABLE search_content_fts USING fts5(title, keywords, body,"
            f" content='search_doc', content_rowid='id', tokenize='{TOKENIZE}', prefix='2 3')"
        )
        conn.execute(
            "CREATE VIRTUAL TABLE search_facility_fts USING fts5(title, place, keywords,"
            f" content='search_doc', content_rowid='id', tokenize='{TOKENIZE}', prefix='2 3')"
        )
        conn.execute(
            "INSERT INTO search_content_fts (rowid, title, keywords, body)"
            " SELECT id, title, keywords, body FROM search_doc"
            " WHERE kind IN ('guide', 'faq') ORDER BY id"
        )
        conn.execute(
            "INSERT INTO search_facility_fts (rowid, title, place, keywords)"
            " SELECT id, title, place, keywords FROM search_doc"
            " WHERE kind = 'facility' ORDER BY id"
        )
        for table in ("search_content_fts", "search_facility_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
    return dict(Counter(row[0] for row in rows))


# -------------------------------------------------------------- typo correction --


def edit_distance(a: str, b: str, limit: float) -> float:
    """Damerau-Levenshtein distance where a letter missing from `a` (what the visitor typed)
    or two swapped letters cost 0.75 and other edits 1; stops early above `limit`."""
    if abs(len(a) - len(b)) * 0.75 > limit:
        return limit + 1
    previous2: list[float] = []
    previous = [j * 0.75 for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0.0 if a[i - 1] == b[j - 1] else 1.0
            value = min(previous[j] + 1.0,          # a letter too many in `a`
                        current[j - 1] + 0.75,      # a letter missing from `a`
                        previous[j - 1] + cost)
            if (i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                value = min(value, previous2[j - 2] + 0.75)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _trigrams(term: str) -> set[str]:
    padded = f"  {term} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Vocabulary:
    """The index words, with a trigram index for finding the closest ones to a typo."""

    def __init__(self, terms: dict[str, int]) -> None:
        self._docs = terms
        self._sorted = sorted(terms)
        self._grams: dict[str, list[str]] = {}
        for term in self._sorted:
            if len(term) >= MIN_CORRECT_LEN - 1 and not term.isdigit():
                for gram in _trigrams(term):
                    self._grams.setdefault(gram, []).append(term)

    def __len__(self) -> int:
        return len(self._sorted)

    def __contains__(self, term: str) -> bool:
        return term in self._docs

    def has_prefix(self, prefix: str) -> bool:
        i = bisect.bisect_left(self._sorted, prefix)
        return i < len(self._sorted) and self._sorted[i].startswith(prefix)

    def closest(self, word: str, extra: Iterable[str] = ()) -> list[str]:
        """Index words (or `extra` words) nearest to `word`: within 1 edit for short words,
        2 for long ones; only the nearest, commonest first, at most 3."""
        limit = 1.0 if len(word) <= 5 else 2.0
        grams = _trigrams(word)
        shared: Counter[str] = Counter()
        for gram in grams:
            shared.update(self._grams.get(gram, ()))
        needed = max(1, len(grams) - 3 * int(limit))
        candidates = [t for t, n in shared.most_common(80) if n >= needed]
        candidates += [t for t in extra if abs(len(t) - len(word)) <= limit]
        scored = []
        for term in set(candidates):
            distance = edit_distance(word, term, limit)
            if distance <= limit:
                scored.append((distance, -self._docs.get(term, 0), term))
        if not scored:
            return []
        scored.sort()
        best = scored[0][0]
        return [term for distance, _, term in scored if distance <= best + 0.01][:3]


# ------------------------------------------------------------------------ queries --


@dataclass(frozen=True)
class Alternative:
    phrase: str
    prefix: bool


@dataclass(frozen=True)
class Query:
    """What will be searched for: one group of alternatives per visitor word."""

    groups: tuple[tuple[Alternative, ...], ...]
    corrections: tuple[str, ...]

    def match_expression(self, all_words: bool) -> str:
        """An FTS5 expression built only from double-quoted strings (bound as a parameter)."""
        def quoted(alt: Alternative) -> str:
            return '"' + alt.phrase.replace('"', '""') + '"' + (" *" if alt.prefix else "")

        parts = ["(" + " OR ".join(quoted(a) for a in group) + ")" for group in self.groups]
        return (" AND " if all_words else " OR ").join(parts)

    def facility_query(self, all_words: bool) -> tuple[str, tuple[tuple[str, ...], ...]]:
        """(FTS5 expression, level filters) for facilities.

        Words naming a level of care ("iop", "detox", "rehab") filter by the program's levels
        instead of matching its name, when other words (a city, a name) say where to look.
        One-letter words are left out; two-letter words match whole words only (state codes:
        "il", not every "Inc")."""
        name_groups: list[tuple[Alternative, ...]] = []
        level_filters: list[tuple[str, ...]] = []
        for group in self.groups:
            if len(group[0].phrase) < FACILITY_WHOLE_WORD_LEN:
                continue
            levels = tuple(dict.fromkeys(
                level for a in group for level in LEVEL_WORDS.get(a.phrase, ())))
            if levels:
                level_filters.append(levels)
            else:
                name_groups.append(tuple(
                    Alternative(a.phrase, a.prefix and len(a.phrase) > FACILITY_WHOLE_WORD_LEN)
                    for a in group))
        if not name_groups:  # only levels: programs with those words in their names
            return self._facility_only_levels(all_words), ()
        return Query(tuple(name_groups), ()).match_expression(all_words), tuple(level_filters)

    def _facility_only_levels(self, all_words: bool) -> str:
        groups = tuple(g for g in self.groups if len(g[0].phrase) >= FACILITY_WHOLE_WORD_LEN)
        return Query(groups, ()).match_expression(all_words) if groups else ""


#: Words for levels of care -> kiosk.domain.DIRECTORY_LEVELS they mean.
LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "iop": ("intensive_outpatient",),
    "iops": ("intensive_outpatient",),
    "intensive outpatient": ("intensive_outpatient",),
    "php": ("partial_hospitalization",),
    "partial hospitalization": ("partial_hospitalization",),
    "outpatient": ("outpatient",),
    "detox": ("detox",),
    "detoxification": ("detox",),
    "withdrawal": ("detox",),
    "rehab": ("residential", "hospital_inpatient"),
    "rehabs": ("residential", "hospital_inpatient"),
    "residential": ("residential",),
    "inpatient": ("residential", "hospital_inpatient"),
    # Spanish, as search sees it (no accents)
    "ambulatorio intensivo": ("intensive_outpatient",),
    "hospitalizacion parcial": ("partial_hospitalization",),
    "ambulatorio": ("outpatient",),
    "desintoxicacion": ("detox",),
    "rehabilitacion": ("residential", "hospital_inpatient"),
    "residencial": ("residential",),
    "internacion": ("residential", "hospital_inpatient"),
}

# ------------------------------------------------------------------------ intents --

#: Words after which a visitor needs the crisis lines before anything else.
CRISIS_WORDS = frozenset({
    "988", "911", "crisis", "suicide", "suicidal", "overdose", "overdosing", "overdosed",
    "emergency", "emergencia", "suicidio", "suicida", "sobredosis",
})
#: Crisis words that are phone numbers: searched for nothing else.
CRISIS_NUMBERS = frozenset({"988", "911"})
#: Word sequences meaning "near the kiosk" (Spanish "cerca", "cerca de mi").
NEAR_PHRASES = (("near", "me"), ("close", "to", "me"), ("cerca", "de", "mi"),
                ("cerca", "de", "aqui"), ("nearby",),
                ("near", "by"), ("near", "here"), ("cerca",), ("close", "by"))
#: Payment and language words -> the directory service codes a program must offer (any).
SERVICE_WORDS: dict[str, tuple[str, ...]] = {
    "medicaid": ("MD",),
    "medicare": ("MC",),
    "insurance": ("PI", "MD", "MC"),
    "sliding": ("SS",),
    "free": ("NP",),
    "espanol": ("SP",),
    "spanish": ("SP",),
    "hispano": ("SP",),
    "latino": ("SP",),
    "castellano": ("SP",),
    "asl": ("AH",),
    "deaf": ("AH",),
    # Spanish payment and language words
    "seguro": ("PI", "MD", "MC"),
    "aseguranza": ("PI", "MD", "MC"),
    "gratis": ("NP",),
    "gratuito": ("NP",),
    "senas": ("AH",),
    "sordo": ("AH",),
    "sordos": ("AH",),
}
#: Care with little or no money: what a visitor without insurance can ask for.
NO_INSURANCE_CODES = ("SS", "NP", "PA")
#: Word sequences that mean a payment need as a whole ("sin seguro" is not "seguro").
SERVICE_PHRASES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("sin", "seguro"): NO_INSURANCE_CODES,
    ("sin", "aseguranza"): NO_INSURANCE_CODES,
    ("no", "tengo", "seguro"): NO_INSURANCE_CODES,
    ("no", "tiene", "seguro"): NO_INSURANCE_CODES,
}
#: California's Medicaid, typed as two words; "medical" alone stays the English word.
_MEDI_CAL = re.compile(r"\bmedi[\s-]+cal\b", re.IGNORECASE)
#: Words that only say "somewhere to go" ("programs near me", "find spanish clinics"): with
#: a place or a service they would narrow programs to those with the word in their names.
GENERIC_WORDS = frozenset({
    "program", "programs", "place", "places", "clinic", "clinics", "center", "centers",
    "centre", "centres", "service", "services", "treatment", "find", "show", "me", "any",
    "some", "options", "help", "speaking", "language", "accepted", "takes", "take",
    "accept", "accepts", "que", "aceptan", "habla", "hablan", "en",
    "programa", "programas", "lugar", "lugares", "clinica", "clinicas", "centro", "centros",
    "servicio", "servicios", "tratamiento", "tratamientos", "buscar", "busco", "encontrar",
    "mostrar", "ayuda", "idioma", "acepta", "toman", "toma", "de", "con", "para",
    "los", "las", "el", "la", "un", "una", "donde", "hay", "medico",
})
_ZIP = re.compile(r"^\d{5}$")
#: A ZIP search looks this far first (degrees of latitude, about 70 miles each) and only
#: reads every program when too few are that close.
NEAR_BOX_DEGREES = 3.0


@dataclass(frozen=True)
class Intent:
    """What a visitor's words mean beyond the words themselves."""

    #: Show the crisis lines first.
    crisis: bool = False
    #: A ZIP code typed as a word of its own.
    zip_code: str = ""
    #: "near me": programs nearest to the kiosk.
    near_me: bool = False
    #: One tuple of service codes per payment or language word (a program needs one of each).
    services: tuple[tuple[str, ...], ...] = ()
    #: The words left for the guide and FAQs (ZIP, "near me" and phone numbers taken out).
    content_text: str = ""
    #: The words left for programs' names and places (service words also taken out).
    facility_text: str = ""


def read_intent(text: str) -> Intent:
    """What `text` means: crisis words, a ZIP code, "near me", payment and language words."""
    typed = words(_MEDI_CAL.sub("medicaid", text[:MAX_QUERY_CHARS]))
    kept: list[str] = []
    near_me = False
    i = 0
    while i < len(typed):
        phrase = next((p for p in NEAR_PHRASES if tuple(typed[i:i + len(p)]) == p), None)
        if phrase is not None:
            near_me = True
            i += len(phrase)
            continue
        kept.append(typed[i])
        i += 1
    zip_code = next((w for w in kept if _ZIP.match(w)), "")
    crisis = any(w in CRISIS_WORDS for w in kept)
    content = [w for w in kept if w != zip_code and w not in CRISIS_NUMBERS]
    services, phrase_words = _service_phrases(content)
    services += tuple(SERVICE_WORDS[w] for w in dict.fromkeys(content)
                      if w in SERVICE_WORDS and w not in phrase_words)
    services = tuple(dict.fromkeys(services))
    facility = [w for w in content if w not in SERVICE_WORDS and w not in phrase_words]
    if near_me or zip_code or services:
        facility = [w for w in facility if w not in GENERIC_WORDS]
    # "sliding fee", "sliding scale": the second word is part of the payment word.
    if "sliding" in content:
        facility = [w for w in facility if w not in ("fee", "fees", "scale")]
    trailing = " " if text[:MAX_QUERY_CHARS] != text[:MAX_QUERY_CHARS].rstrip() else ""
    return Intent(crisis=crisis, zip_code=zip_code, near_me=near_me, services=services,
                  content_text=" ".join(content) + trailing,
                  facility_text=" ".join(facility) + trailing)


def _service_phrases(content: Sequence[str]) -> tuple[tuple[tuple[str, ...], ...], set[str]]:
    """The SERVICE_PHRASES in `content`: their service codes and the words they used."""
    services: list[tuple[str, ...]] = []
    used: set[str] = set()
    for phrase, codes in SERVICE_PHRASES.items():
        n = len(phrase)
        if any(tuple(content[i:i + n]) == phrase for i in range(len(content) - n + 1)):
            services.append(codes)
            used.update(phrase)
    return tuple(services), used


#: '0'/'1' digits to 0/1 bytes, for itertools.compress.
_BIT_FLAGS = bytes.maketrans(b"01", b"\x00\x01")


def _rows_of(mask: int) -> list[int]:
    """The rows whose bit is set in `mask`, in order. All in C and linear: binary digits,
    lowest first, as 0/1 bytes picked by compress (shifting the mask once per row would be
    quadratic)."""
    return list(compress(range(mask.bit_length()),
                         f"{mask:b}"[::-1].encode().translate(_BIT_FLAGS)))


def _degree(latitude: float) -> int:
    """The whole degree of latitude holding `latitude`, from 0 (90 S) to 180 (90 N)."""
    return math.floor(min(max(latitude, -90.0), 90.0)) + 90


class _Programs:
    """What filtering and sorting programs by place and service needs, held by column in
    directory order (names and places are read for the few shown).

    An object per program, even with shared frozensets, took ~2.5 MiB for 12,200; these
    columns take a fifth of that. Each service code a search word can ask for and each
    level is a bit array over the rows (a Python int: AND and popcount run in C);
    positions are two float arrays (NaN for none); the ids are one UTF-8 blob of what
    follows their common prefix ("substance_"), with offsets.
    """

    __slots__ = ("_by_degree", "_degree_starts", "_id_ends", "_id_table", "_ids",
                 "_prefix", "every", "latitudes", "levels", "longitudes", "placed", "services",
                 "size")

    def __init__(self, rows: Iterable[tuple[Any, ...]], searched: frozenset[str]) -> None:
        # One pass into arrays: each row's objects are freed before the next row is read
        # and reuse its memory (small objects kept to the end, then freed, would stay
        # resident in Python's arenas).
        ids, ends, hashes = bytearray(), array("I", [0]), array("I")
        lats, lons, placed = array("d"), array("d"), array("I")
        with_service: dict[str, array[int]] = {}
        with_level: dict[str, array[int]] = {}
        prefix: str | None = None
        # A program has ~80 codes and a search word asks for one of 7: each of those is
        # looked for in the codes' text (" IOP " in " ... IOP ... ") rather than splitting
        # every program's codes (a tenth of the time).
        tokens = [(code, f" {code} ") for code in sorted(searched)]
        for i, (ref, levels, services, lat, lon) in enumerate(rows):
            ref_id = str(ref)
            prefix = ref_id if prefix is None else prefix
            while not ref_id.startswith(prefix):
                prefix = prefix[:-1]
            ids += ref_id.encode()
            ends.append(len(ids))
            hashes.append(hash(ref_id) & 0xFFFFFFFF)
            for code in set(str(levels).split()):
                with_level.setdefault(code, array("I")).append(i)
            text = str(services)
            if "\t" in text or "\n" in text:  # the importers join codes with single spaces
                text = " ".join(text.split())
            text = f" {text} "
            for code, token in tokens:
                if token in text:
                    with_service.setdefault(code, array("I")).append(i)
            lats.append(math.nan if lat is None else float(lat))
            lons.append(math.nan if lon is None else float(lon))
            if lat is not None and lon is not None:
                placed.append(i)
        size = self.size = len(lats)
        self.every = (1 << size) - 1
        self.placed = row_mask(placed, size)
        self.services = {code: row_mask(r, size) for code, r in with_service.items()}
        self.levels = {code: row_mask(r, size) for code, r in with_level.items()}
        self.latitudes, self.longitudes = lats[:], lons[:]  # copies without the spare room
        self._prefix = prefix or ""
        cut = len(self._prefix.encode())
        short = bytearray()
        for start, end in pairwise(ends):
            short += ids[start + cut:end]
        self._ids = bytes(short)
        self._id_ends = array("I", (end - cut * i for i, end in enumerate(ends)))
        # An open-addressing table of row + 1 by id hash (0: empty; under half full): a
        # name filter finds its few ids' rows there instead of reading every row's id.
        # (A sorted list of hash-and-row ints took 0.5 MiB more, most of it left behind
        # in the arenas after the sort.)
        slots = 1 << (2 * size).bit_length()
        table = self._id_table = array("H" if size < 0xFFFF else "I", [0]) * slots
        slot_mask = len(table) - 1
        for row, h in enumerate(hashes):
            k = h & slot_mask
            while table[k]:
                k = (k + 1) & slot_mask
            table[k] = row + 1
        # The placed rows by whole degree of latitude (a counting sort, in arrays): a bare
        # ZIP reads the few degrees around it, not every program.
        degrees = array("B", (_degree(lats[i]) for i in placed))
        starts = self._degree_starts = array("I", [0]) * 182
        for degree in degrees:
            starts[degree + 1] += 1
        for degree in range(1, len(starts)):
            starts[degree] += starts[degree - 1]
        by_degree = self._by_degree = array("I", [0]) * len(placed)
        fill = starts[:]
        for row, degree in zip(placed, degrees, strict=True):
            by_degree[fill[degree]] = row
            fill[degree] += 1

    def placed_near(self, latitude: float, degrees: float) -> array[int]:
        """The placed rows in every whole degree of latitude that is partly within `degrees`
        of `latitude`, by degree and then in directory order."""
        starts = self._degree_starts
        return self._by_degree[starts[_degree(latitude - degrees)]:
                               starts[_degree(latitude + degrees) + 1]]

    def ref_id(self, row: int) -> str:
        return self._prefix + self._ids[self._id_ends[row]:self._id_ends[row + 1]].decode()

    def any_of(self, masks: dict[str, int], codes: Iterable[str]) -> int:
        """The rows with at least one of `codes`."""
        found = 0
        for code in codes:
            found |= masks.get(code, 0)
        return found

    def named(self, ref_ids: Iterable[str]) -> int:
        """The rows of these ids (ids of no row are left out)."""
        table, found = self._id_table, []
        slot_mask = len(table) - 1
        for ref_id in ref_ids:
            k = hash(ref_id) & slot_mask
            while row := table[k]:
                if self.ref_id(row - 1) == ref_id:  # ids are unique
                    found.append(row - 1)
                    break
                k = (k + 1) & slot_mask
        return row_mask(found, self.size)


class SearchRepository:
    """Search the guide, FAQs and facilities. SQL only here; results are domain objects."""

    def __init__(self, conn: sqlite3.Connection, lang: str = "en", *,
                 synonyms: dict[str, tuple[str, ...]] | None = None,
                 use_fts: bool | None = None) -> None:
        self._conn = conn
        self._lang = lang
        self._synonyms = synonyms
        self._use_fts = use_fts
        self._vocabulary: Vocabulary | None = None
        self._docs: list[tuple[int, str, str, str, str, str, str]] | None = None
        self._word_docs: dict[str, set[int]] = {}
        self._words_sorted: list[str] = []
        self._available: bool | None = None
        self._programs: _Programs | None = None

    @property
    def lang(self) -> str:
        return self._lang

    def in_language(self, lang: str) -> SearchRepository:
        """A search over the same database in another language (its guide, FAQs, synonyms
        and typo words); the facilities are the same in every language."""
        if lang == self._lang:
            return self
        return SearchRepository(self._conn, lang, use_fts=self._use_fts)

    # ------------------------------------------------------------------ state --
    def available(self) -> bool:
        """False when the content database has no search index (an older build)."""
        if self._available is None:
            try:
                self._conn.execute("SELECT 1 FROM search_doc LIMIT 1").fetchall()
                self._available = True
            except sqlite3.DatabaseError:
                self._available = False
        return self._available

    def uses_fts(self) -> bool:
        if self._use_fts is None:
            try:
                self._conn.execute("SELECT 1 FROM search_content_fts LIMIT 0").fetchall()
                self._conn.execute("SELECT 1 FROM search_facility_fts LIMIT 0").fetchall()
                self._use_fts = True
            except sqlite3.DatabaseError:  # no FTS5 in this SQLite, or an index-less build
                self._use_fts = False
        return self._use_fts

    def warm(self) -> None:
        """Load the vocabulary (and, without FTS5, the rows) so the first keystroke is fast."""
        for _ in self.warm_steps():
            pass

    def warm_steps(self) -> Iterator[None]:
        """`warm()` a part at a time (each a few milliseconds), for loading between frames.

        Every part is loaded once; a search that comes first loads what it needs itself.
        """
        if not self.available():
            return
        self._vocab()
        yield
        self._synonym_map()
        yield
        self._program_rows()
        if not self.uses_fts():
            yield
            self._rows()

    def _vocab(self) -> Vocabulary:
        if self._vocabulary is None:
            try:  # the words of this language's rows and of the facilities
                terms = dict(self._conn.execute(
                    "SELECT term, docs FROM search_term_lang WHERE lang = ?", (self._lang,)))
            except sqlite3.OperationalError:  # built before words were kept by language
                terms = dict(self._conn.execute("SELECT term, docs FROM search_term"))
            self._vocabulary = Vocabulary(terms)
        return self._vocabulary

    def _synonym_map(self) -> dict[str, tuple[str, ...]]:
        if self._synonyms is None:
            self._synonyms = load_synonyms(lang=self._lang)
        return self._synonyms

    # ------------------------------------------------------------------ query --
    def parse(self, text: str) -> Query:
        """The visitor's text as groups of alternatives (typos corrected, synonyms added)."""
        vocab = self._vocab()
        synonyms = self._synonym_map()
        groups: list[tuple[Alternative, ...]] = []
        corrections: list[str] = []
        typed = words(text[:MAX_QUERY_CHARS])
        still_typing = typed[-1] if typed and not text.rstrip("\n").endswith(
            tuple(" \t.,;:!?")) and text.rstrip() == text else None
        stop_words = _STOP_WORDS_BY_LANG.get(self._lang, STOP_WORDS)
        meaningful = [w for i, w in enumerate(typed)
                      if w not in stop_words or (i == len(typed) - 1 and w == still_typing)]
        if meaningful:
            typed = meaningful
        for word in typed[:MAX_WORDS]:
            whole = word in synonyms and len(word) <= WHOLE_WORD_KEY_LEN
            alternatives = [Alternative(word, not whole)]
            spelled = [word]
            if (len(word) >= MIN_CORRECT_LEN and not any(c.isdigit() for c in word)
                    and word not in synonyms and not vocab.has_prefix(word)):
                fixed = vocab.closest(word, extra=synonyms)
                corrections += fixed
                spelled += fixed
                alternatives += [Alternative(term, False) for term in fixed]
            for spelling in spelled:
                alternatives += [Alternative(p, False) for p in synonyms.get(spelling, ())]
            unique = tuple(dict.fromkeys(alternatives))
            groups.append(unique)
        return Query(tuple(groups), tuple(dict.fromkeys(corrections)))

    def search(self, text: str, limit: int = DEFAULT_LIMIT, *,
               home_zip: str = "", intent: Intent | None = None) -> SearchResults:
        """Guide sections, FAQs and programs matching `text`; never raises on odd input.

        A ZIP code in `text`, or "near me" with the kiosk's `home_zip`, lists the programs
        nearest to it (with miles); payment and language words keep the programs offering
        that service (nearest to `home_zip` first when there is one). `intent`: what
        read_intent(text) gave, for a caller that has already asked (each keystroke)."""
        text = text[:MAX_QUERY_CHARS]
        if not self.available():
            return SearchResults(query=text)
        if intent is None:
            intent = read_intent(text)
        origin_zip = intent.zip_code or (home_zip if intent.near_me else "")
        content = self._search_words(text, intent.content_text, limit)
        if intent.near_me and not origin_zip:
            # Near an unknown place: no programs rather than ones named like the other words.
            return SearchResults(query=text, guide=content.guide, faqs=content.faqs,
                                 corrections=content.corrections)
        if not (origin_zip or intent.services):
            return content
        programs, more = self._programs_for(intent, origin_zip or home_zip, limit)
        return SearchResults(query=text, guide=content.guide, faqs=content.faqs,
                             programs=programs, corrections=content.corrections,
                             more_programs=more)

    def _search_words(self, text: str, searched: str, limit: int) -> SearchResults:
        if sum(len(w) for w in words(searched)) < MIN_QUERY_CHARS:
            return SearchResults(query=text)
        query = self.parse(searched)
        if not query.groups:
            return SearchResults(query=text)
        if self.uses_fts():
            content, facilities, more = self._search_fts(query, limit)
        else:
            content, facilities, more = self._search_scan(query, limit)
        return SearchResults(
            query=text,
            guide=tuple(h for h in content if h.kind == "guide")[:limit],
            faqs=tuple(h for h in content if h.kind == "faq")[:limit],
            programs=tuple(facilities[:limit]),
            corrections=query.corrections,
            more_programs=more,
        )

    # ------------------------------------------------------- places, services --
    def _program_rows(self) -> _Programs:
        if self._programs is None:
            try:
                # Row by row, not fetchall(): the whole table's rows at once (their code
                # strings above all) took ~12 MiB more at the peak than the kept programs.
                rows: Iterable[tuple[Any, ...]] = self._conn.execute(
                    "SELECT id, levels, services, latitude, longitude FROM facility"
                    " ORDER BY state, city, name, name2, id"
                )
            except sqlite3.DatabaseError:  # a content database without a directory
                rows = []
            # Only the codes a search word can ask for are kept (a program has ~80).
            searched = frozenset(c for codes in SERVICE_WORDS.values() for c in codes)
            self._programs = _Programs(rows, searched)
        return self._programs

    def _program_labels(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """Each program's name and place ("City, ST 05401") by id."""
        labels = dict.fromkeys(ids, ("", ""))
        if not ids:
            return labels
        marks = ",".join("?" * len(ids))
        try:
            rows = self._conn.execute(
                f"SELECT id, name, name2, city, state, zip FROM facility WHERE id IN ({marks})",
                ids).fetchall()
        except sqlite3.DatabaseError:
            return labels
        for ref, name, name2, city, state, zip_code in rows:
            labels[str(ref)] = (" ".join(str(p) for p in (name, name2) if p),
                                f"{city}, {state} {zip_code}".strip(" ,"))
        return labels

    def _zip_position(self, zip_code: str) -> tuple[float, float] | None:
        try:
            row = self._conn.execute(
                "SELECT latitude, longitude FROM zip_centroid WHERE zip = ?", (zip_code,)
            ).fetchone()
        except sqlite3.DatabaseError:
            return None
        return None if row is None else (float(row[0]), float(row[1]))

    def _programs_for(self, intent: Intent, origin_zip: str, limit: int
                      ) -> tuple[tuple[SearchHit, ...], bool]:
        """Programs offering the intent's services, matching its other words, nearest to
        `origin_zip` first (directory order without one)."""
        wanted_levels: list[set[str]] = []
        named: set[str] | None = None
        if sum(len(w) for w in words(intent.facility_text)) >= MIN_QUERY_CHARS:
            query = self.parse(intent.facility_text)
            name_groups = []
            for group in query.groups:
                levels = {lv for a in group for lv in LEVEL_WORDS.get(a.phrase, ())}
                if levels:
                    wanted_levels.append(levels)
                elif len(group[0].phrase) >= FACILITY_WHOLE_WORD_LEN:
                    name_groups.append(group)
            if name_groups:
                name_query = Query(tuple(name_groups), ())
                many = 20 * limit + 1000
                hits = (self._search_fts(name_query, many) if self.uses_fts()
                        else self._search_scan(name_query, many))[1]
                named = {h.id for h in hits}
        programs = self._program_rows()
        found = programs.every  # a bare ZIP: all of them
        for codes in intent.services:
            found &= programs.any_of(programs.services, codes)
        for levels in wanted_levels:
            found &= programs.any_of(programs.levels, levels)
        if named is not None:
            found &= programs.named(named)
        origin = self._zip_position(origin_zip) if origin_zip else None
        if origin is None:
            if intent.zip_code or intent.near_me:  # a ZIP the directory does not know
                return (), False
            ids = [programs.ref_id(i) for i in _rows_of(found)[:limit]]
            labels = self._program_labels(ids)
            hits = [SearchHit("facility", ref, *labels[ref]) for ref in ids]
            return tuple(hits), found.bit_count() > limit
        lat0, lon0 = origin
        lats, lons = programs.latitudes, programs.longitudes
        # The box around the origin (each ZIP keystroke looks for it): a bare ZIP reads
        # only the degrees of latitude the box spans (a degree more each way: all of it,
        # whatever the rounding), a filtered search its rows. All placed programs only
        # when the box holds too few.
        placed = None if found == programs.every else _rows_of(found & programs.placed)
        near = programs.placed_near(lat0, NEAR_BOX_DEGREES + 1) if placed is None else placed
        close = [i for i in near if abs(lats[i] - lat0) <= NEAR_BOX_DEGREES
                 and abs(lons[i] - lon0) <= NEAR_BOX_DEGREES * 1.5]
        if len(close) < limit:
            close = _rows_of(found & programs.placed) if placed is None else placed
        # Equally near programs stay in directory order (by city, then name): rows are in
        # that order.
        by_distance = sorted((haversine_miles(lat0, lon0, lats[i], lons[i]), i) for i in close)
        shown = [(miles, programs.ref_id(i)) for miles, i in by_distance[:limit]]
        labels = self._program_labels([ref for _, ref in shown])
        hits = [SearchHit("facility", ref, labels[ref][0], f"{labels[ref][1]} · {miles:.1f} mi")
                for miles, ref in shown]
        return tuple(hits), len(by_distance) > limit

    # -------------------------------------------------------------------- FTS5 --
    def _run(self, sql: str, params: Sequence[object]) -> list[tuple[object, ...]]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            # Never the visitor's text in the log: only that a search failed.
            log.warning("search query failed: %s", type(exc).__name__)
            return []

    def _search_fts(self, query: Query, limit: int
                    ) -> tuple[list[SearchHit], list[SearchHit], bool]:
        content_sql = (
            "SELECT d.kind, d.ref_id, d.title, d.body FROM search_content_fts"
            " JOIN search_doc AS d ON d.id = search_content_fts.rowid"
            " WHERE search_content_fts MATCH ? AND d.lang = ?"
            " ORDER BY bm25(search_content_fts, ?, ?, ?) LIMIT ?"
        )
        content_rows: list[tuple[object, ...]] = []
        facility_rows: list[tuple[object, ...]] = []
        modes = (True, False) if len(query.groups) > 1 else (True,)
        for all_words in modes:  # every word; any word only when that found nothing at all
            content_rows = self._run(content_sql, (query.match_expression(all_words),
                                                   self._lang, *CONTENT_WEIGHTS, 8 * limit))
            facility_rows = self._facility_rows(query, all_words, limit + 1)
            if content_rows or facility_rows:
                break
        needles = _needles(query)
        content = [SearchHit(str(kind), str(ref), str(title), snippet(str(body), needles))
                   for kind, ref, title, body in content_rows]
        facilities = [SearchHit("facility", str(ref), str(title), str(place))
                      for ref, title, place in facility_rows]
        return content, facilities[:limit], len(facilities) > limit

    def _facility_rows(self, query: Query, all_words: bool, limit: int
                       ) -> list[tuple[object, ...]]:
        expression, level_filters = query.facility_query(all_words)
        if not expression:
            return []
        where = ""
        params: list[object] = [expression]
        for levels in level_filters:
            where += " AND (" + " OR ".join(
                ["instr(' ' || d.levels || ' ', ?) > 0"] * len(levels)) + ")"
            params += [f" {level} " for level in levels]
        # Every word: the directory's own order (state, city, name), fast at any size.
        # Any word: the programs matching the most words first (bm25).
        order = ("search_facility_fts.rowid" if all_words
                 else "bm25(search_facility_fts, ?, ?, ?)")
        if not all_words:
            params += FACILITY_WEIGHTS
        sql = (
            "SELECT d.ref_id, d.title, d.place FROM search_facility_fts"
            " JOIN search_doc AS d ON d.id = search_facility_fts.rowid"
            f" WHERE search_facility_fts MATCH ?{where} ORDER BY {order} LIMIT ?"
        )
        return self._run(sql, (*params, limit))

    # ---------------------------------------------------------- no-FTS5 scan --
    def _rows(self) -> list[tuple[int, str, str, str, str, str, str]]:
        """(id, kind, ref_id, title, place, " words of title ", " words of the rest "),
        plus an in-memory word index over them (the no-FTS5 fallback)."""
        if self._docs is None:
            rows = self._conn.execute(
                "SELECT id, kind, ref_id, title, place, keywords, body, levels FROM search_doc"
                " WHERE lang IN (?, '') ORDER BY id",
                (self._lang,),
            )
            self._docs = [
                (int(i), str(kind), str(ref), str(title), str(place),
                 " " + " ".join(words(str(title))) + " ",
                 " " + " ".join(words(f"{place} {keywords} {body} {levels}".replace("_", " ")))
                 + " ")
                for i, kind, ref, title, place, keywords, body, levels in rows
            ]
            index: dict[str, set[int]] = {}
            for n, doc in enumerate(self._docs):
                for word in set((doc[5] + doc[6]).split()):
                    index.setdefault(word, set()).add(n)
            self._word_docs = index
            self._words_sorted = sorted(index)
        return self._docs

    def _docs_with(self, alt: Alternative) -> set[int]:
        """Rows containing `alt` (a word, a prefix or a phrase), found through the index."""
        parts = alt.phrase.split()
        if not parts:
            return set()
        found: set[int] | None = None
        for i, part in enumerate(parts):
            if alt.prefix and i == len(parts) - 1:
                start = bisect.bisect_left(self._words_sorted, part)
                docs: set[int] = set()
                for word in self._words_sorted[start:]:
                    if not word.startswith(part):
                        break
                    docs |= self._word_docs[word]
            else:
                docs = self._word_docs.get(part, set())
            found = docs if found is None else found & docs
            if not found:
                return set()
        if len(parts) > 1 and found:
            needle = " " + alt.phrase + ("" if alt.prefix else " ")
            docs_all = self._rows()
            found = {n for n in found if needle in docs_all[n][5] or needle in docs_all[n][6]}
        return found or set()

    def _search_scan(self, query: Query, limit: int
                     ) -> tuple[list[SearchHit], list[SearchHit], bool]:
        docs = self._rows()
        group_docs = [set().union(*(self._docs_with(a) for a in group))
                      for group in query.groups]
        counts: Counter[int] = Counter()
        for matched in group_docs:
            counts.update(matched)
        # Every word, if anything has every word; otherwise any word (most words first).
        everything = [n for n, c in counts.items() if c == len(group_docs)]
        candidates = everything or list(counts)
        title_patterns = [" " + a.phrase + ("" if a.prefix else " ")
                          for group in query.groups for a in group]

        def rank(n: int) -> tuple[int, int, int]:
            in_title = sum(1 for p in title_patterns if p in docs[n][5])
            return (-counts[n], -in_title, n)

        content_ids = sorted((n for n in candidates if docs[n][1] != "facility"), key=rank)
        facility_ids = [n for n in candidates if docs[n][1] == "facility"]
        facility_ids = (sorted(facility_ids)[:limit + 1] if everything
                        else sorted(facility_ids, key=rank)[:limit + 1])
        needles = _needles(query)
        content_ids = content_ids[:8 * limit]
        bodies = self._bodies([docs[n][0] for n in content_ids])
        content = [SearchHit(docs[n][1], docs[n][2], docs[n][3],
                             snippet(bodies.get(docs[n][0], ""), needles)) for n in content_ids]
        facilities = [SearchHit("facility", docs[n][2], docs[n][3], docs[n][4])
                      for n in facility_ids]
        return content, facilities[:limit], len(facilities) > limit

    def _bodies(self, ids: list[int]) -> dict[int, str]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._conn.execute(f"SELECT id, body FROM search_doc WHERE id IN ({marks})", ids)
        return {int(i): str(body) for i, body in rows}


# ----------------------------------------------------------------------- snippets --


def _needles(query: Query) -> list[str]:
    return [a.phrase for group in query.groups for a in group]


def snippet(body: str, needles: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """About `width` characters of `body` around the first word that matched."""
    if len(body) <= width:
        return body
    folded = body.casefold() if len(body.casefold()) == len(body) else body.lower()
    start = -1
    for needle in needles:
        found = re.search(r"\b" + re.escape(needle), folded)
        if found and (start < 0 or found.start() < start):
            start = found.start()
    if start < 0:
        start = 0
    begin = max(0, start - width // 3)
    if begin > 0:
        space = body.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(body), begin + width)
    if end < len(body):
        space = body.rfind(" ", begin, end)
        end = space if space > start else end
    return ("…" if begin > 0 else "") + body[begin:end].strip() + ("…" if end < len(body) else "")

"""What a Spanish-speaking visitor would see left in English on the kiosk's screen.

Two checks over every visible label and button (and field hints): the text is one of the
catalog's English sources, or it still holds English words no Spanish sentence uses. The
visitor's content (guide, answers, helplines), a program's own data (its name, address,
phones) and state names are exempt: they are shown as written or as SAMHSA lists them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.ui.language import TRANSLATOR_NAME, use_language
from kiosk.ui.widgets.language_button import LanguageButton
from tests.helpers import ROOT

CATALOG = ROOT / "resources" / "i18n" / "kiosk_es.ts"
#: Words of English sentences that Spanish never uses (so "no", "a", "me" are not here).
_ENGLISH = """
the and of to your you is are for with this that these call find help back next print
search program programs clear done home guide questions question page phone hours show
not here there what how will can keyboard quick exit save open closed now near from by
on in or it its at be about more less choose enter type tap touch start over still try
again filters filter change place results result who where which when they them their
ask staff only need someone talk free any day night sections section levels level care
checklist add remove list cost best week each treatment payment accepted medicines
directory loaded yet menu welcome learn scan code take with
"""
ENGLISH_WORDS = frozenset(_ENGLISH.split())


@contextmanager
def in_spanish() -> Iterator[None]:
    """The real Spanish catalog and US Spanish numbers, as `kiosk --lang es` has them."""
    use_language("es")
    try:
        yield
    finally:
        app = QCoreApplication.instance()
        if app is not None:
            for translator in app.findChildren(QTranslator, TRANSLATOR_NAME):
                app.removeTranslator(translator)
                translator.deleteLater()
        QLocale.setDefault(QLocale("en_US"))


def _pattern(source: str) -> re.Pattern[str]:
    """An English source as a pattern: its %1 / {name} places match anything."""
    parts = re.split(r"%\d|%s|\{\w+\}", source)
    return re.compile(".*?".join(re.escape(p) for p in parts), re.DOTALL)


def english_sources() -> list[re.Pattern[str]]:
    """The catalog's English sources that read differently in Spanish."""
    found: dict[str, re.Pattern[str]] = {}
    for message in ET.parse(CATALOG).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.findtext("translation") or ""
        if translation != source and re.search(r"[A-Za-z]{3,}", source):
            found.setdefault(source, _pattern(source))
    return list(found.values())


def content_strings(repo: Any) -> list[str]:
    """The guide, FAQs, care levels, checklist and helplines as the content gives them."""
    strings: list[str] = []
    info = repo.info()
    strings += [info.welcome_title, info.welcome_text, info.sources]
    strings += [x for s in repo.guide_sections() for x in (s.title, s.topic)]
    strings += [f.question for f in repo.faqs()]
    for c in repo.care_levels():
        strings += [c.name, c.short_name, c.summary, c.where_you_live, c.weekly_hours,
                    c.best_for, c.cost, c.supervision]
    checklist = repo.checklist()
    strings += [checklist.title, checklist.intro, *(i.text for i in checklist.items)]
    for h in repo.helplines():
        strings += [h.name, h.number, h.promise, h.hours, h.languages, h.disclosure]
    return [s for s in strings if s]


def facility_strings(facility: Any) -> list[str]:
    """A program's own data, shown as its directory lists it."""
    from kiosk.present.facility import describe

    text = describe(facility)
    return [s for s in (text.name, text.name2, *text.address, text.phone, *text.intake,
                        text.website, facility.city, facility.name) if s]


def visible_texts(window: QWidget) -> Iterator[tuple[QWidget, str]]:
    """Each visible label's and button's text (rich text as plain), and field hints."""
    for widget in [*window.findChildren(QLabel), *window.findChildren(QAbstractButton),
                   *window.findChildren(QLineEdit)]:
        if not widget.isVisibleTo(window) or isinstance(widget, LanguageButton):
            continue
        text = (widget.placeholderText() if isinstance(widget, QLineEdit)
                else widget.text())
        if "<" in text:
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
        if text.strip():
            yield widget, text


def english_left(window: QWidget, exempt: Iterable[str],
                 sources: list[re.Pattern[str]]) -> set[str]:
    """Visible UI text still in English (`exempt`: content and program data)."""
    pieces = sorted({p for p in exempt if p}, key=len, reverse=True)
    left: set[str] = set()
    for _widget, text in visible_texts(window):
        rest = text
        for piece in pieces:
            rest = rest.replace(piece, " ")
        flat = " ".join(rest.split())
        words = {w.lower() for w in re.findall(r"[A-Za-z']+", flat)}
        if (words & ENGLISH_WORDS) or any(p.fullmatch(flat) for p in sources):
            left.add(text)
    return left

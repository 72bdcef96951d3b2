"""Every UI string goes through Qt's translation, so a second language needs no code change."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.ui.widgets.language_button import LanguageButton

MARK = "⟦"


class MarkingTranslator(QTranslator):
    """Translates every string to a marked copy, as a real catalog would replace it."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return f"{MARK}{source_text}"

    def isEmpty(self) -> bool:
        return False


def _content_strings(repo) -> list[str]:
    strings: list[str] = []
    info = repo.info()
    strings += [info.welcome_title, info.welcome_text, info.sources]
    for s in repo.guide_sections():
        strings += [s.title, s.topic]
    for f in repo.faqs():
        strings.append(f.question)
    for c in repo.care_levels():
        strings += [c.name, c.short_name, c.summary, c.where_you_live, c.weekly_hours,
                    c.best_for, c.cost, c.supervision]
    checklist = repo.checklist()
    strings += [checklist.title, checklist.intro, *(i.text for i in checklist.items)]
    for h in repo.helplines():
        strings += [h.name, h.number, h.promise, h.hours, h.languages, h.disclosure]
    return sorted((s for s in strings if s), key=len, reverse=True)


def test_every_visible_string_is_translated_or_content(qtbot, make_window, stores) -> None:
    translator = MarkingTranslator()
    QCoreApplication.installTranslator(translator)
    try:
        window = make_window()
        content = _content_strings(stores.content)
        untranslated: set[str] = set()
        for screen_id in window.screens:
            window.navigate(screen_id)
            widgets = [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]
            for widget in widgets:
                if not widget.isVisibleTo(window) or not widget.text().strip():
                    continue
                if isinstance(widget, LanguageButton):
                    continue  # names the other language in that language, by design
                rest = widget.text()
                for piece in content:
                    rest = rest.replace(piece, " ")
                rest = rest.split(MARK, 1)[0] if MARK not in rest[:1] else ""
                if re.search(r"[A-Za-z]{2,}", rest):
                    untranslated.add(widget.text()[:60])
        assert not untranslated, f"strings not passed through tr(): {sorted(untranslated)}"
    finally:
        QCoreApplication.removeTranslator(translator)

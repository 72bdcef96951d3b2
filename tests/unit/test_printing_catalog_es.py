"""Every word a printout draws has a Spanish translation in resources/i18n/kiosk_es.ts.

A Spanish printout with one English heading on it reads as broken, so a new printing
string without its Spanish fails here, before anyone prints it.
"""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET

from kiosk.domain import DIRECTORY_LEVELS
from kiosk.present.codes import level_label
from tests.helpers import ROOT

CATALOG = ROOT / "resources" / "i18n" / "kiosk_es.ts"
PRINTING = ROOT / "kiosk" / "ui" / "printing"
#: Words kiosk.present and the command line build with the printouts' translate function.
PRESENT_WORDS = ("Phone: %1", "%1 mi", "about %1 mi", "Treatment programs in %1",
                 "offering %1", " or ", "within %1 miles of ZIP %2", "nearest ZIP %1 first")


def printing_context() -> dict[str, str]:
    root = ET.parse(CATALOG).getroot()
    found: dict[str, str] = {}
    for context in root.iter("context"):
        if context.findtext("name") != "Printing":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                continue
            found[message.findtext("source") or ""] = translation.text or ""
    return found


def printed_words() -> set[str]:
    words: set[str] = set()
    for path in sorted(PRINTING.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                words.add(str(node.args[0].value))
    return words | {level_label(level) for level in DIRECTORY_LEVELS} | set(PRESENT_WORDS)


def test_every_printed_word_has_a_spanish_translation() -> None:
    spanish = printing_context()
    words = printed_words()
    assert len(words) > 40  # the scan found the printing modules' words
    missing = sorted(w for w in words if not spanish.get(w, "").strip())
    assert not missing, f"no Spanish in kiosk_es.ts (context Printing) for: {missing}"


def test_translations_keep_their_placeholders() -> None:
    for source, translation in printing_context().items():
        for mark in ("%1", "%2"):
            assert (mark in source) == (mark in translation), (source, translation)
        assert translation != source or source in ("%1 mi", "%1 (continued)", "Medicaid",
                                                               "Medicare"), source

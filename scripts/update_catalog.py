"""Bring resources/i18n/kiosk_<lang>.ts up to date with the kiosk's source code.

    .venv/bin/python scripts/update_catalog.py            # every catalog
    .venv/bin/python scripts/update_catalog.py es         # one language

pyside6-lupdate finds every `self.tr("...")` in kiosk/, but three kinds of words it cannot
place, and this script puts them where the running kiosk looks them up:

- words kiosk.present builds (headings, distances, hours) through the translate function
  the UI hands it: lupdate sees them without a context; the kiosk asks for them in the
  directory screen's context ("DirectoryScreen") and the printouts' ("Printing");
- labels kept as data in kiosk.present.codes (levels of care, filters, their groups),
  which no `tr("...")` names at all;
- `window.tr()` / `parent.tr()` on a plain Qt object: lupdate names the context after the
  variable, Qt after the object's class.

Translations already in the catalog are kept (matched by context and English text, or by
the English text alone when a word moved between contexts); new words are added with an
empty, unfinished translation for a translator to fill in. Printing words lupdate cannot
see are kept as they are.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kiosk.present import codes  # noqa: E402

I18N = ROOT / "resources" / "i18n"
LUPDATE = ROOT / ".venv" / "bin" / "pyside6-lupdate"
#: Where the kiosk looks up the words kiosk.present builds.
PRESENT_CONTEXTS = ("DirectoryScreen", "Printing")
#: lupdate's context for `variable.tr()` -> the Qt class the running kiosk asks for.
RENAMED = {"window": "QMainWindow", "parent": "QWidget"}

Catalog = dict[str, dict[str, str | None]]  # context -> English -> translation (None: none)


def code_labels() -> list[str]:
    """The labels kiosk.present.codes keeps as data and translates when it shows them."""
    labels = [codes.level_label(level) for level in codes.DIRECTORY_LEVELS]
    labels += [codes.filter_label(f.key) for f in codes.EXTRA_FILTERS]
    labels += [codes.filter_group_title(g) for g in codes._GROUP_TITLES]
    return labels


def printed_words() -> list[str]:
    """Every `tr("...")` in the printing modules, those inside f-strings included (which
    lupdate passes over)."""
    words: list[str] = []
    for path in sorted((ROOT / "kiosk" / "ui" / "printing").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                words.append(str(node.args[0].value))
    return words


def class_words() -> dict[str, list[str]]:
    """Class name -> every `something.tr("...")` in its methods, those inside f-strings
    included (which lupdate passes over)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "kiosk" / "ui").rglob("*.py")):
        for cls in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(cls, ast.ClassDef):
                continue
            for node in ast.walk(cls):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "tr" and isinstance(node.func.value, ast.Name)
                        and node.func.value.id == "self" and node.args
                        and isinstance(node.args[0], ast.Constant)):
                    found.setdefault(cls.name, []).append(str(node.args[0].value))
    return found


def scanned() -> dict[str, list[str]]:
    """Context -> English words, as the running kiosk asks for them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "scan.ts"
        subprocess.run([str(LUPDATE), "-silent", "-extensions", "py", "-locations", "none",
                        str(ROOT / "kiosk"), "-ts", str(out)], check=True)
        root = ET.parse(out).getroot()
    found: dict[str, list[str]] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        words = [m.findtext("source") or "" for m in context.iter("message")]
        targets = PRESENT_CONTEXTS if name == "" else (RENAMED.get(name, name),)
        for target in targets:
            found.setdefault(target, []).extend(words)
    for target in PRESENT_CONTEXTS:
        found[target].extend(code_labels())
    found["Printing"].extend(printed_words())
    for context, words in class_words().items():
        found.setdefault(context, []).extend(words)
    return found


def read(path: Path) -> Catalog:
    catalog: Catalog = {}
    if not path.exists():
        return catalog
    for context in ET.parse(path).getroot().iter("context"):
        messages = catalog.setdefault(context.findtext("name") or "", {})
        for message in context.iter("message"):
            translation = message.find("translation")
            done = translation is not None and translation.get("type") is None
            messages[message.findtext("source") or ""] = (
                translation.text if done and translation is not None else None)
    return catalog


def merged(old: Catalog, words: dict[str, list[str]]) -> Catalog:
    anywhere = {source: text for messages in old.values()
                for source, text in messages.items() if text}
    new: Catalog = {}
    for context, sources in words.items():
        messages = new.setdefault(context, {})
        for source in sources:
            messages[source] = old.get(context, {}).get(source) or anywhere.get(source)
    for source, text in old.get("Printing", {}).items():
        new["Printing"].setdefault(source, text)  # lupdate cannot see every printed word
    return new


def write(path: Path, lang: str, catalog: Catalog) -> None:
    root = ET.Element("TS", version="2.1", language=lang, sourcelanguage="en_US")
    for context in sorted(catalog):
        element = ET.SubElement(root, "context")
        ET.SubElement(element, "name").text = context
        for source in sorted(catalog[context]):
            message = ET.SubElement(element, "message")
            ET.SubElement(message, "source").text = source
            translation = ET.SubElement(message, "translation")
            text = catalog[context][source]
            if text:
                translation.text = text
            else:
                translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                    encoding="utf-8")


def main(argv: list[str]) -> int:
    words = scanned()
    paths = [I18N / f"kiosk_{lang}.ts" for lang in argv] or sorted(I18N.glob("kiosk_*.ts"))
    for path in paths:
        old = read(path)
        lang = ET.parse(path).getroot().get("language", "") if path.exists() else ""
        catalog = merged(old, words)
        write(path, lang or path.stem.removeprefix("kiosk_"), catalog)
        missing = sum(1 for messages in catalog.values() for t in messages.values() if not t)
        print(f"{path.relative_to(ROOT)}: {sum(map(len, catalog.values()))} words, "
              f"{missing} without a translation")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

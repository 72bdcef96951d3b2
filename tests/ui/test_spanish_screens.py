"""Every screen in Spanish, with the real catalog, shows no UI text left in English."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.store.directory import DirectoryRepository
from kiosk.ui.screens.directory.choose_page import state_name
from tests.helpers import needs_directory
from tests.ui.spanish_check import (
    content_strings,
    english_left,
    english_sources,
    facility_strings,
    in_spanish,
)


def spanish(stores: Any) -> Any:
    """The same databases with the content in Spanish, as `kiosk --lang es` opens them."""
    content = stores.content.in_language("es")
    return replace(stores, content=content, settings=stores.settings.with_overrides(lang="es"))


@pytest.fixture
def spanish_shell(make_shell: Any, stores: Any) -> Iterator[Any]:
    with in_spanish():
        yield make_shell(stores=spanish(stores))


def exempt_strings(shell: Any, stores: Any) -> list[str]:
    """Content, the programs on screen, the directory's and places' names: shown as
    written. Also the admin screen's one line naming the database file in use, which comes
    from the log's words (staff only)."""
    directory = DirectoryRepository(stores.content_conn)
    strings = [*content_strings(stores.content.in_language("es")), stores.content_note]
    if directory.has_directory():
        strings += [directory.source(), directory.stats().source,
                    *(s.name for s in directory.local_sources())]
        strings += [state_name(code) for code in directory.state_counts()]
    shown = shell.screens.directory.current_facility_id()
    for facility in (shell.screens.directory.facility_as_shown(shown) if shown else None,
                     shell.screens.checklist.program):
        if facility is not None:
            strings += facility_strings(facility)
    return strings


@needs_directory
def test_every_screen_in_spanish_shows_no_english(spanish_shell: Any, stores: Any) -> None:
    window = spanish_shell.window
    sources = english_sources()
    assert len(sources) > 300  # the catalog was read
    left: dict[str, set[str]] = {}
    states = window.screenshot_states()
    assert len(states) >= 15  # every screen, and the states inside them
    for name, prepare in states:
        prepare()
        QApplication.processEvents()
        found = english_left(window, exempt_strings(spanish_shell, stores), sources)
        if found:
            left[name] = found
        spanish_shell.session.sweep()
    assert not left, f"English left on Spanish screens: {left}"


def test_the_check_finds_english_on_the_english_kiosk(shell: Any, stores: Any) -> None:
    shell.window.navigate("checklist")
    QApplication.processEvents()
    found = english_left(shell.window, exempt_strings(shell, stores), english_sources())
    assert "Print" in found and len(found) > 5, found


@needs_directory
def test_counts_read_as_us_spanish_writes_them(spanish_shell: Any) -> None:
    """"1,141 programas" (as US Spanish-language materials write it), the same grouping
    wherever a number shows, and no "1 programas"."""
    assert QLocale().toString(12200) == "12,200"
    directory = spanish_shell.screens.directory
    spanish_shell.navigator.go(directory.screen_id)
    directory.on_shown()
    states = {b.text().split("\n")[0]: b.text() for b in
              directory.choose_page.findChildren(QAbstractButton) if "\n" in b.text()}
    assert states["California"].endswith(" programas")
    count = states["California"].split("\n")[1].split()[0]
    assert "," in count and "." not in count
    directory.show_state("VT")
    assert directory.results_page.count_label.text().startswith("Programas que coinciden: ")
    assert not [t for t in states.values() if t.endswith("\n1 programas")]

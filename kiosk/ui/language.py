"""Changing the kiosk's language while a visitor uses it.

The simplest switch that cannot leave one English word behind: the whole shell is built
again from the same databases in the other language (with the other catalog installed),
the visitor's place is carried over (screen, guide section or question, state or ZIP,
filters, open program, checklist ticks, search words), and the new window replaces the
old one. No screen needs code of its own to change language.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QWidget

from kiosk import paths

if TYPE_CHECKING:
    from kiosk.ui.screens.directory.screen import DirectoryPlace
    from kiosk.ui.shell import Shell

log = logging.getLogger(__name__)

#: The locale each language's numbers and dates follow: the kiosk serves the US, so
#: Spanish is US Spanish ("12,200 programas", as US Spanish-language materials write it).
LOCALES = {"en": "en_US", "es": "es_US"}
#: Object name of the translators installed here, so a switch removes exactly those.
TRANSLATOR_NAME = "kiosk-language"
#: Screens a place is never restored to: the admin screen only opens behind its PIN.
NOT_RESTORED = ("admin",)


def locale_for(lang: str) -> QLocale:
    return QLocale(LOCALES.get(lang, lang))


def use_language(lang: str) -> list[QTranslator]:
    """Make `lang` the language of every string translated from now on: the kiosk's own
    catalog (resources/i18n/kiosk_<lang>.qm) and Qt's, replacing the previous language's."""
    app = QCoreApplication.instance()
    if app is None:
        return []
    for old in app.findChildren(QTranslator, TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.deleteLater()
    installed: list[QTranslator] = []
    for name, folder in (
        (f"kiosk_{lang}", paths.resources_dir() / "i18n"),
        (f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR_NAME)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            translator.deleteLater()
    QLocale.setDefault(locale_for(lang))
    return installed


@dataclass(frozen=True)
class Place:
    """Where a visitor is in the kiosk, in words that mean the same in every language."""

    screen_id: str
    guide_id: str
    faq_id: str
    directory: DirectoryPlace
    ticked: tuple[str, ...]
    program_id: str
    search_text: str
    #: The screen the print preview goes back to, when the preview is open.
    preview_of: str


def place_of(shell: Shell) -> Place:
    screens = shell.screens
    checklist = screens.checklist
    preview_of = ""
    if shell.window.current_screen_id() == screens.print_preview.screen_id:
        preview_of = screens.print_preview.returns_to()
    return Place(
        screen_id=shell.window.current_screen_id(),
        guide_id=screens.guide.current_item_id(), faq_id=screens.faq.current_item_id(),
        directory=screens.directory.place(), ticked=tuple(checklist.model.ticked_keys()),
        program_id=checklist.program.id if checklist.program is not None else "",
        search_text=shell.search_bar.text(), preview_of=preview_of)


def restore(shell: Shell, place: Place) -> None:
    """Show `place` in `shell` (a freshly built one)."""
    screens, nav = shell.screens, shell.navigator
    if place.guide_id:
        screens.guide.show_section(place.guide_id)
    if place.faq_id:
        screens.faq.show_faq(place.faq_id)
    screens.checklist.model.set_ticked(place.ticked)
    if place.program_id:
        screens.checklist.set_program_id(place.program_id)
    if place.search_text:
        # Quietly: typing navigates to the results, and the visitor may be elsewhere.
        shell.search_bar.blockSignals(True)
        shell.search_bar.field.setText(place.search_text)
        shell.search_bar.blockSignals(False)
        screens.search.set_query(place.search_text)
    directory = place.directory
    if directory.chosen is not None or directory.facility_id or directory.typed_zip:
        # Even from another screen: Back to the directory finds the visitor's results.
        screens.directory.restore_place(directory)
    screen_id = place.screen_id if place.screen_id not in NOT_RESTORED else "home"
    if screen_id == screens.print_preview.screen_id:
        if place.preview_of == screens.checklist.screen_id:
            nav.print_checklist()
            return
        if directory.facility_id:
            nav.print_facility(directory.facility_id)
            return
        screen_id = place.preview_of or "home"
    nav.go(screen_id)


def show_like(old: QWidget, new: QWidget) -> None:
    """Show `new` where and as `old` is shown (full screen and frameless, or a window)."""
    if old.isFullScreen():
        new.setWindowFlags(new.windowFlags() | Qt.WindowType.FramelessWindowHint
                           | Qt.WindowType.WindowStaysOnTopHint)
        new.showFullScreen()
    else:
        new.setGeometry(old.geometry())
        new.show()


def rebuilt_in(lang: str, old: Shell, build: Callable[[], Shell], *,
               keep_place: bool = True,
               prepare: Callable[[Shell], None] | None = None) -> Shell:
    """A new shell in `lang` (built by `build` once the language is in use) in the place
    `old` shows, shown in `old`'s stead; `old` is closed. `prepare` runs on the new shell
    before it is shown. On any error the old shell and its language stay, and the error is
    raised for the caller to log."""
    place = place_of(old) if keep_place else None
    previous = QLocale().name().split("_")[0]
    use_language(lang)
    new: Shell | None = None
    try:
        new = build()
        if place is not None:
            restore(new, place)
            new.session.note_activity()  # the visitor is still here: the idle clock runs on
        if prepare is not None:
            prepare(new)
    except Exception:
        if new is not None:
            new.close()
        use_language(previous)
        raise
    show_like(old.window, new.window)
    old.close()
    log.info("language switched to %s", lang)
    return new

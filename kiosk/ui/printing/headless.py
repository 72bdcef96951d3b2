"""A Qt application for the command line, which draws PDFs without a window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

from kiosk import paths
from kiosk.ui.language import locale_for

#: The language the printouts' own words are written in (no catalog needed).
SOURCE_LANG = "en"


def ensure_gui_app() -> QGuiApplication:
    """A QGuiApplication for the command line (fonts need one); offscreen without a display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])


def install_language(lang: str) -> bool:
    """Print in `lang`: load the kiosk's catalog for it (resources/i18n/kiosk_<lang>.qm).

    False when that catalog is missing, so the caller can say so instead of printing a
    page whose headings are English and whose content is not."""
    QLocale.setDefault(locale_for(lang))
    if lang == SOURCE_LANG:
        return True
    app = QCoreApplication.instance()
    translator = QTranslator(app)
    if app is None or not translator.load(f"kiosk_{lang}", str(paths.resources_dir() / "i18n")):
        return False
    return app.installTranslator(translator)

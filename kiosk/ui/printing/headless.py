"""A Qt application for the command line, which draws PDFs without a window."""

from __future__ import annotations

import os
import sys

from PySide6.QtGui import QGuiApplication


def ensure_gui_app() -> QGuiApplication:
    """A QGuiApplication for the command line (fonts need one); offscreen without a display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])

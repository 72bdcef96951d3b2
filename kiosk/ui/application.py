"""QApplication setup: theme, translations, Qt messages into logging, window modes."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from kiosk import paths
from kiosk.ui import language, theme

log = logging.getLogger("kiosk.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(msg_type: QtMsgType, _context: object, message: str) -> None:
    log.log(_LEVELS.get(msg_type, logging.WARNING), "%s", message)


def install_translators(app: QApplication, lang: str) -> list[QTranslator]:
    """Load the kiosk's own catalog (resources/i18n/kiosk_<lang>.qm) and Qt's, if present."""
    return language.use_language(lang) if app is not None else []


def create_app(lang: str = "en") -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qInstallMessageHandler(_qt_message)
    app.setApplicationName(paths.APP_NAME)
    theme.apply(app)
    install_translators(app, lang)
    return app


def maintenance_window() -> QMainWindow:
    from kiosk.ui.screens.maintenance import MaintenanceScreen  # only when it is shown

    window = QMainWindow()
    window.setWindowTitle(window.tr("Recovery Guide"))
    window.setCentralWidget(MaintenanceScreen())
    return window


def show(window: QWidget, windowed: bool) -> None:
    if windowed:
        window.resize(1366, 768)
        window.show()
    else:
        from PySide6.QtCore import Qt

        flags = (window.windowFlags() | Qt.WindowType.FramelessWindowHint
                 | Qt.WindowType.WindowStaysOnTopHint)
        if window.testAttribute(Qt.WidgetAttribute.WA_WState_Created):
            window.setWindowFlags(flags)
        else:
            # Not on the screen yet: the flags are simply what its window will be made with.
            # setWindowFlags() would re-parent the whole built tree to itself (fonts,
            # palette and style sheet resolved again for every widget), some 5 ms.
            window.overrideWindowFlags(flags)
        # Laid out at the screen's size from the start: a window never resized is first
        # given its own preferred size (about 1080 px wide), laid out and styled for that
        # (the menu across the top, the narrower helpline column), and only then full screen.
        # (Full screen first: a resize the window's minimum size overrides, on a screen
        # smaller than that, would otherwise leave it a normal window until events run.)
        window.setWindowState(window.windowState() | Qt.WindowState.WindowFullScreen)
        window.resize(window.screen().size())
        window.showFullScreen()

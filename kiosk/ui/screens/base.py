"""What every screen offers the shell."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ScreenshotState = tuple[str, Callable[[], None]]


def nav_title(screen_id: str) -> str:
    """A screen's name in the menu, known before the screen is built (the menu is drawn
    in the first frame; most screens are built only when first opened)."""
    # QCoreApplication.translate spelled out each time: pyside6-lupdate finds only that.
    titles = {
        "home": QCoreApplication.translate("Screen", "Home"),
        "guide": QCoreApplication.translate("Screen", "Guide"),
        "faq": QCoreApplication.translate("Screen", "FAQs"),
        # Short enough for the menu of a 1024-pixel-wide screen; the page says it in full.
        "compare": QCoreApplication.translate("Screen", "Compare levels"),
        "directory": QCoreApplication.translate("Screen", "Find a program"),
        "checklist": QCoreApplication.translate("Screen", "Checklist"),
        "help": QCoreApplication.translate("Screen", "Get help now"),
        "print": QCoreApplication.translate("Screen", "Print"),
        "admin": QCoreApplication.translate("Screen", "Admin"),
        "search": QCoreApplication.translate("Screen", "Search"),
    }
    return titles.get(screen_id, screen_id)


class Screen(QWidget):
    """A page in the shell's content area.

    Screens query their repositories when shown (`on_shown`), forget everything a visitor
    did in `reset()`, and list the states worth a screenshot in `screenshot_states()`.
    """

    screen_id = "screen"
    #: True for a screen that itself lists every helpline, featured one and disclosure
    #: included: the shell then gives it the helpline panel's room.
    lists_every_helpline = False
    #: True for a staff-only screen: the helpline panel (for visitors) makes room for it;
    #: the crisis strip keeps 988 and 911 on screen.
    staff_only = False

    def nav_title(self) -> str:
        return nav_title(self.screen_id)

    def on_shown(self) -> None:
        """Called by the shell each time the screen becomes visible."""

    def reset(self) -> None:
        """Forget everything the visitor did here (text, ticks, filters, scroll positions)."""

    def screenshot_states(self) -> list[ScreenshotState]:
        """(suffix, prepare) pairs; the default is the screen as first shown."""
        return [("", lambda: None)]


def heading(text: str, role: str = "title") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(text)
    return label


def page_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(14)
    return layout

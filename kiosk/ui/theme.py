"""Fonts, colours, touch-target sizes and the application stylesheet (sizes in pt, never px)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

MIN_TOUCH_PX = 48
MIN_TOUCH_MM = 9.0
BASE_POINT_SIZE = 15

INK = "#1d2b36"
MUTED = "#4a5a66"
PAPER = "#f7f5f0"
ACCENT = "#1f5f8b"
ACCENT_DARK = "#174a6c"
CALM = "#e6eef3"
#: A chosen list row: a clear tint and a bar in the accent colour, never a dotted frame.
SELECTED = "#cfe1ee"
#: Text-field outlines: 3.3:1 against the page, so a field can be found without its hint.
FIELD_BORDER = "#7b8e9c"
#: Scroll bars wide enough to drag with a finger; the thumb never shorter than a touch target.
SCROLL_PX = 20
THUMB_PX = 48
HELP_BG = "#0f3d3a"
HELP_INK = "#ffffff"
#: The crisis strip: white on a deep red (9.3:1), set apart from the calm helpline green.
CRISIS_BG = "#8a1c1c"
CRISIS_INK = "#ffffff"


def touch_target_px(widget: QWidget | None = None) -> int:
    """The smallest side of a touch target: 48 px and 9 mm, whichever is larger here."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    dpi = dpi if 50.0 < dpi < 600.0 else 96.0
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    mm_px = MIN_TOUCH_MM / 25.4 * dpi / max(ratio, 1.0)
    return max(MIN_TOUCH_PX, round(mm_px))


def stylesheet() -> str:
    return f"""
QWidget {{ color: {INK}; background: {PAPER}; }}
QLabel {{ background: transparent; }}
QPushButton, QToolButton {{
    background: {CALM}; color: {INK}; border: 2px solid #b9c9d4; border-radius: 10px;
    padding: 0.35em 0.8em;
}}
QPushButton[key="true"] {{ padding: 0.2em 0.1em; }}
QPushButton:pressed, QToolButton:pressed {{ background: #cddbe4; }}
QPushButton:focus, QToolButton:focus, QListView:focus, QTableView:focus, QTextBrowser:focus {{
    border: 3px solid #e0a400;
}}
QPushButton[primary="true"] {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QPushButton[nav="true"] {{ text-align: left; padding-left: 0.8em; background: #f4f1ea; }}
QPushButton[nav="true"][across="true"] {{
    text-align: center; padding-left: 0.2em; padding-right: 0.2em;
}}
QPushButton[tile="true"] {{ background: white; border-radius: 16px; }}
QPushButton[tile="true"][primary="true"] {{ background: {ACCENT}; }}
QLabel[tileTitle="true"] {{ font-size: 20pt; font-weight: bold; }}
QPushButton[nav="true"]:checked {{
    background: {ACCENT}; color: white; border-color: {ACCENT_DARK};
}}
QPushButton:checked {{ background: {ACCENT}; color: white; border-color: {ACCENT_DARK}; }}
QPushButton:disabled {{ color: #7b8790; background: #eceae4; }}
QFrame#HelplinePanel, QFrame#HelplinePanel QWidget {{ background: {HELP_BG}; color: {HELP_INK}; }}
QFrame#HelplinePanel QLabel#HelplineQr {{ background: white; }}
QFrame#HelplinePanel QLabel#HelplineNumber {{ font-size: 24pt; font-weight: bold; }}
QFrame#HelplinePanel[narrow="true"] QLabel#HelplineNumber {{ font-size: 18pt; }}
QFrame#HelplinePanel QLabel#HelplineName {{ font-size: 15pt; font-weight: bold; }}
QFrame#NavRail, QScrollArea#NavArea {{ background: #e9e5dc; }}
QFrame#CrisisStrip, QFrame#CrisisStrip QWidget {{ background: {CRISIS_BG}; color: {CRISIS_INK}; }}
QFrame#CrisisStrip QLabel#CrisisLine {{ font-size: 18pt; font-weight: bold; }}
QFrame#CrisisStrip QLabel#CrisisQr {{ background: white; }}
QLabel[role="title"] {{ font-size: 22pt; font-weight: bold; }}
QLabel[role="display"] {{ font-size: 40pt; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: 16pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="small"] {{ font-size: 14pt; }}
QTextBrowser {{ background: white; border: 1px solid #d5d0c4; border-radius: 8px; padding: 0.4em; }}
QListView, QTableView {{
    background: white; border: 1px solid #d5d0c4; border-radius: 8px; outline: 0;
}}
QListView::item {{ padding: 0.5em; border-bottom: 1px solid #ece8df; }}
QListView::indicator {{ width: 1.4em; height: 1.4em; }}
QListView::item:selected {{
    background: {SELECTED}; color: {INK}; border-left: 6px solid {ACCENT};
}}
QLineEdit {{
    background: white; border: 2px solid {FIELD_BORDER}; border-radius: 10px;
    padding: 0.15em 0.5em;
}}
QLineEdit:focus {{ border: 3px solid {ACCENT}; }}
/* Finger-sized scroll bars: a wide track and a long, rounded thumb, no arrow buttons. */
QScrollBar:vertical {{
    width: {SCROLL_PX}px; background: #ebe7df; border: none; margin: 0; border-radius: 8px;
}}
QScrollBar::handle:vertical {{
    background: #8795a0; min-height: {THUMB_PX}px; border-radius: 8px; margin: 3px;
}}
QScrollBar::handle:vertical:pressed {{ background: {ACCENT}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QScrollBar:horizontal {{
    height: {SCROLL_PX}px; background: #ebe7df; border: none; margin: 0; border-radius: 8px;
}}
QScrollBar::handle:horizontal {{
    background: #8795a0; min-width: {THUMB_PX}px; border-radius: 8px; margin: 3px;
}}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0; border: none; }}
QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal {{ background: none; }}
"""


def apply(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(BASE_POINT_SIZE)
    app.setFont(font)
    app.setStyleSheet(stylesheet())

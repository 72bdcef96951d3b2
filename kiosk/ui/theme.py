"""Fonts, colours, touch-target sizes and the application stylesheet (sizes in pt, never px).

Colours come from kiosk.ui.palette (normal or high contrast); type sizes are multiplied by
the visitor's text size (100, 125 or 150 %). `apply()` switches both at once, on every
screen, without rebuilding anything: the stylesheet is set again and every widget is
polished anew; `changes().changed` tells painters that cache pictures (icons) to redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.paths import resources_dir
from kiosk.ui.palette import HIGH_CONTRAST, NORMAL, Palette

MIN_TOUCH_PX = 48
MIN_TOUCH_MM = 9.0
BASE_POINT_SIZE = 15
#: The text sizes a visitor can choose, in percent of the normal size.
TEXT_SIZES = (100, 125, 150)
#: Scroll bars wide enough to drag with a finger; the thumb never shorter than a touch target.
SCROLL_PX = 20
THUMB_PX = 48
#: A ticked box shows a tick, not only a fill: its state never rests on colour alone.
_TICK_MARK = (resources_dir() / "icons" / "tick-mark.svg").as_posix()


@dataclass(frozen=True)
class Look:
    """What the screen looks like now: the palette and the text size in percent."""

    palette: Palette = NORMAL
    text_percent: int = 100

    @property
    def high_contrast(self) -> bool:
        return self.palette is HIGH_CONTRAST


class ThemeChanges(QObject):
    """Emits `changed` after a new look is applied."""

    changed = Signal()


_look = Look()
_changes: ThemeChanges | None = None


def look() -> Look:
    return _look


def colours() -> Palette:
    """The palette in use now."""
    return _look.palette


def changes() -> ThemeChanges:
    global _changes
    if _changes is None:
        _changes = ThemeChanges()
    return _changes


def point_size(points: float, text_percent: int | None = None) -> int:
    """`points` at the visitor's text size."""
    percent = _look.text_percent if text_percent is None else text_percent
    return max(1, round(points * percent / 100))


def text_scaled(px: float) -> float:
    """A width in pixels chosen for normal text, at the visitor's text size: a layout that
    switches below a width needs that much more room when every word is larger."""
    return px * _look.text_percent / 100


def touch_target_px(widget: QWidget | None = None) -> int:
    """The smallest side of a touch target: 48 px and 9 mm, whichever is larger here."""
    screen = widget.screen() if widget is not None else QGuiApplication.primaryScreen()
    dpi = screen.physicalDotsPerInch() if screen is not None else 96.0
    dpi = dpi if 50.0 < dpi < 600.0 else 96.0
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    mm_px = MIN_TOUCH_MM / 25.4 * dpi / max(ratio, 1.0)
    return max(MIN_TOUCH_PX, round(mm_px))


#: The on-screen keyboard's letter and word-key text at 100 %; the keyboard sizes its keys
#: from the same figure.
KEY_POINTS = 18
KEY_WORD_POINTS = 14


def stylesheet(palette: Palette | None = None, text_percent: int | None = None) -> str:
    p = palette or _look.palette
    percent = _look.text_percent if text_percent is None else text_percent

    def pt(points: float) -> str:
        return f"{point_size(points, percent)}pt"

    return _controls(p, pt) + _panels(p, pt) + _lists_and_fields(p) + _scroll_bars(p)


def _controls(p: Palette, pt: Callable[[float], str]) -> str:
    return f"""
QWidget {{ color: {p.ink}; background: {p.paper}; }}
QLabel {{ background: transparent; }}
QPushButton, QToolButton {{
    background: {p.button}; color: {p.ink}; border: 2px solid {p.button_border};
    border-radius: 10px; padding: 0.35em 0.8em;
}}
QPushButton[key="true"] {{ padding: 0.2em 0.1em; }}
QPushButton:pressed, QToolButton:pressed {{ background: {p.pressed}; }}
QPushButton[primary="true"] {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent_dark};
}}
QPushButton[nav="true"] {{ text-align: left; padding-left: 0.8em; background: {p.nav_button}; }}
QPushButton[nav="true"][across="true"] {{
    text-align: center; padding-left: 0.2em; padding-right: 0.2em;
}}
QPushButton[tile="true"] {{ background: {p.surface}; border-radius: 16px; }}
QPushButton[tile="true"][primary="true"] {{ background: {p.accent}; }}
QPushButton[tile="true"][primary="true"] QLabel {{ color: {p.on_accent}; }}
QLabel[tileTitle="true"] {{ font-size: {pt(20)}; font-weight: bold; }}
QPushButton[nav="true"]:checked {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent_dark};
}}
QPushButton:checked {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent_dark};
}}
QPushButton:disabled {{ color: {p.disabled_ink}; background: {p.disabled_bg}; }}
QPushButton[chip="true"] {{ font-size: {pt(14)}; padding: 0.2em 0.5em; }}
QPushButton[stateButton="true"] {{ font-size: {pt(14)}; padding: 0.3em 0.2em; }}
QPushButton[displayChoice="true"] {{ font-size: {pt(18)}; padding: 0.4em 0.8em; }}
QPushButton#DisplayButton {{ font-weight: bold; padding: 0.2em 0.5em; }}
QPushButton#KeyboardButton {{ padding-left: 0.4em; padding-right: 0.4em; }}
QLabel[role="title"] {{ font-size: {pt(22)}; font-weight: bold; }}
QLabel[role="display"] {{ font-size: {pt(40)}; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {pt(16)}; font-weight: bold; }}
QLabel[role="muted"] {{ color: {p.muted}; }}
QLabel[role="small"] {{ font-size: {pt(14)}; }}
QLabel[role="error"] {{ color: {p.error_ink}; font-weight: bold; }}
"""


def _panels(p: Palette, pt: Callable[[float], str]) -> str:
    return f"""
QFrame#HelplinePanel, QFrame#HelplinePanel QWidget {{
    background: {p.help_bg}; color: {p.help_ink};
}}
QFrame#HelplinePanel QLabel#HelplineQr {{ background: {p.qr_bg}; }}
QFrame#HelplinePanel QLabel#HelplineNumber {{ font-size: {pt(24)}; font-weight: bold; }}
QFrame#HelplinePanel[narrow="true"] QLabel#HelplineNumber {{ font-size: {pt(18)}; }}
QFrame#HelplinePanel QLabel#HelplineName {{ font-size: {pt(15)}; font-weight: bold; }}
QFrame#NavRail, QScrollArea#NavArea {{ background: {p.nav_bg}; }}
QFrame#CrisisStrip, QFrame#CrisisStrip QWidget {{
    background: {p.crisis_bg}; color: {p.crisis_ink};
}}
QFrame#CrisisStrip QLabel#CrisisLine {{ font-size: {pt(18)}; font-weight: bold; }}
QFrame#CrisisStrip QLabel#CrisisQr {{ background: {p.qr_bg}; }}
QLabel[qr="true"] {{ background: {p.qr_bg}; padding: 6px; }}
QFrame#OverlayCard {{
    background: {p.surface}; border: 3px solid {p.accent}; border-radius: 16px;
}}
QFrame#OverlayCard QLabel, QFrame#OverlayCard QLineEdit {{ background: {p.surface}; }}
QScrollArea#OverlayScroll, QScrollArea#OverlayScroll > QWidget,
QScrollArea#OverlayScroll > QWidget > QWidget {{ background: transparent; }}
QWidget#PreviewPages {{ background: {p.preview_bg}; }}
QLabel[printedPage="true"] {{ background: {p.qr_bg}; }}
QFrame#OnScreenKeyboard, QFrame#OnScreenKeyboard QWidget {{ background: {p.keyboard_bg}; }}
QFrame#OnScreenKeyboard {{ border-top: 2px solid {p.button_border}; }}
QFrame#OnScreenKeyboard QPushButton[key="true"] {{
    font-size: {pt(KEY_POINTS)}; background: {p.surface}; padding: 0.1em 0.2em;
}}
QFrame#OnScreenKeyboard QPushButton[key="true"][word="true"] {{ font-size: {pt(KEY_WORD_POINTS)}; }}
QFrame#OnScreenKeyboard QPushButton[key="true"]:pressed {{ background: {p.button}; }}
QFrame#OnScreenKeyboard QPushButton[key="true"][primary="true"] {{
    background: {p.accent}; color: {p.on_accent}; border-color: {p.accent_dark};
}}
QLineEdit#SearchField {{ font-size: {pt(16)}; }}
QLineEdit[bigDigits="true"] {{ font-size: {pt(22)}; padding: 0.2em; }}
"""


def _lists_and_fields(p: Palette) -> str:
    return f"""
QTextBrowser {{
    background: {p.surface}; border: 1px solid {p.panel_border}; border-radius: 8px;
    padding: 0.4em;
}}
QListView, QTableView {{
    background: {p.surface}; border: 1px solid {p.panel_border}; border-radius: 8px; outline: 0;
}}
QTableWidget {{ gridline-color: {p.rule}; }}
QTableView#ProgramList {{ gridline-color: transparent; }}
QTableCornerButton::section {{ background: {p.button}; border: none; }}
QHeaderView::section {{
    background: {p.button}; color: {p.ink}; font-weight: bold; padding: 0.3em;
    border: none; border-right: 1px solid {p.panel_border};
    border-bottom: 1px solid {p.panel_border};
}}
QListView::item {{ padding: 0.5em; border-bottom: 1px solid {p.rule}; }}
QListView::indicator {{
    width: 1.4em; height: 1.4em; border: 2px solid {p.field_border}; border-radius: 4px;
    background: {p.surface};
}}
QListView::indicator:checked {{
    background: {p.accent}; border-color: {p.accent_dark}; image: url({_TICK_MARK});
}}
QListView::item:selected {{
    background: {p.selected}; color: {p.ink}; border-left: 6px solid {p.accent};
}}
QLineEdit {{
    background: {p.surface}; border: 2px solid {p.field_border}; border-radius: 10px;
    padding: 0.15em 0.5em; placeholder-text-color: {p.placeholder};
}}
QLineEdit:focus {{ border: 3px solid {p.accent}; }}
"""


def _scroll_bars(p: Palette) -> str:
    return f"""
/* Finger-sized scroll bars: a wide track and a long, rounded thumb, no arrow buttons. */
QScrollBar:vertical {{
    width: {SCROLL_PX}px; background: {p.scroll_track}; border: none; margin: 0;
    border-radius: 8px;
}}
QScrollBar::handle:vertical {{
    background: {p.scroll_thumb}; min-height: {THUMB_PX}px; border-radius: 8px; margin: 3px;
}}
QScrollBar::handle:vertical:pressed {{ background: {p.accent}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; border: none; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QScrollBar:horizontal {{
    height: {SCROLL_PX}px; background: {p.scroll_track}; border: none; margin: 0;
    border-radius: 8px;
}}
QScrollBar::handle:horizontal {{
    background: {p.scroll_thumb}; min-width: {THUMB_PX}px; border-radius: 8px; margin: 3px;
}}
QScrollBar::add-line:horizontal, QScrollBar::sub-line:horizontal {{ width: 0; border: none; }}
QScrollBar::add-page:horizontal, QScrollBar::sub-page:horizontal {{ background: none; }}
"""


def qt_palette(p: Palette) -> QPalette:
    """The same colours for what Qt paints without the stylesheet (placeholders, text in
    item views, tick boxes drawn by the style)."""
    qp = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, p.paper), (QPalette.ColorRole.WindowText, p.ink),
        (QPalette.ColorRole.Base, p.surface), (QPalette.ColorRole.Text, p.ink),
        (QPalette.ColorRole.Button, p.button), (QPalette.ColorRole.ButtonText, p.ink),
        (QPalette.ColorRole.Highlight, p.selected), (QPalette.ColorRole.HighlightedText, p.ink),
        (QPalette.ColorRole.PlaceholderText, p.placeholder),
        (QPalette.ColorRole.ToolTipBase, p.surface), (QPalette.ColorRole.ToolTipText, p.ink),
    ):
        qp.setColor(role, QColor(colour))
    return qp


def apply(app: QApplication, *, high_contrast: bool = False, text_percent: int = 100) -> None:
    """Switch every screen to this look at once (and at start-up)."""
    global _look
    percent = min(TEXT_SIZES, key=lambda size: abs(size - text_percent))
    new = Look(HIGH_CONTRAST if high_contrast else NORMAL, percent)
    first = not app.styleSheet()
    if not first and new == _look:
        return
    _look = new
    font = QFont(app.font())
    font.setPointSize(point_size(BASE_POINT_SIZE))
    app.setPalette(qt_palette(new.palette))
    app.setFont(font)
    app.setStyleSheet(stylesheet())
    changes().changed.emit()


"""Every colour the kiosk paints, in two themes: the normal one and a high-contrast one.

Stylesheets, delegates and icons take their colours from the active `Palette` (see
kiosk.ui.theme), never from literals, so both themes stay complete and consistent.
`PAIRS` lists every text/background and outline/background pair the interface uses, with
the contrast it needs; tests/unit/test_palette.py checks both themes against it.

No Qt here: colours are "#rrggbb" strings, so the contrast arithmetic is testable alone.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

#: WCAG 2 contrast minimums.
TEXT_MIN = 4.5
LARGE_MIN = 3.0
NON_TEXT_MIN = 3.0
#: The high-contrast theme's text meets WCAG AAA.
TEXT_AAA = 7.0


@dataclass(frozen=True)
class Palette:
    name: str
    #: Body text and the page behind most screens.
    ink: str
    muted: str
    paper: str
    #: Cards, lists, text fields, tiles, the on-screen keyboard's keys.
    surface: str
    #: Primary buttons, the current menu entry, switched-on toggles; text on them.
    accent: str
    accent_dark: str
    on_accent: str
    #: Headings drawn in colour (checklist groups, search result groups).
    heading: str
    #: Ordinary buttons: fill, pressed fill, outline.
    button: str
    pressed: str
    button_border: str
    nav_bg: str
    nav_button: str
    #: A chosen list row: a clear tint and a bar in the accent colour.
    selected: str
    #: Text-field and tick-box outlines: findable without their hints.
    field_border: str
    placeholder: str
    #: Thin separators and panel frames (decoration only).
    rule: str
    panel_border: str
    disabled_ink: str
    disabled_bg: str
    scroll_track: str
    scroll_thumb: str
    keyboard_bg: str
    #: The print preview's backdrop around the white pages.
    preview_bg: str
    error_ink: str
    help_bg: str
    help_ink: str
    crisis_bg: str
    crisis_ink: str
    #: QR codes are always dark modules on white, whatever the theme.
    qr_bg: str
    #: The keyboard focus ring: on light fills, and on dark ones.
    focus_on_light: str
    focus_on_dark: str
    #: The veil behind overlays (the idle warning, the PIN pad), with its opacity 0-255.
    dim: str
    dim_alpha: int


NORMAL = Palette(
    name="normal",
    ink="#1d2b36",
    muted="#4a5a66",
    paper="#f7f5f0",
    surface="#ffffff",
    accent="#1f5f8b",
    accent_dark="#174a6c",
    on_accent="#ffffff",
    heading="#174a6c",
    button="#e6eef3",
    pressed="#cddbe4",
    button_border="#687a88",
    nav_bg="#e9e5dc",
    nav_button="#f4f1ea",
    selected="#cfe1ee",
    field_border="#6f8190",
    placeholder="#56646e",
    rule="#ece8df",
    panel_border="#d5d0c4",
    disabled_ink="#6b7680",
    disabled_bg="#eceae4",
    scroll_track="#ebe7df",
    scroll_thumb="#6f7d88",
    keyboard_bg="#dfe6ea",
    preview_bg="#8a949b",
    error_ink="#9b1c1c",
    help_bg="#0f3d3a",
    help_ink="#ffffff",
    crisis_bg="#8a1c1c",
    crisis_ink="#ffffff",
    qr_bg="#ffffff",
    focus_on_light="#b3390b",
    focus_on_dark="#ffd23f",
    dim="#0f1e28",
    dim_alpha=150,
)

HIGH_CONTRAST = Palette(
    name="high-contrast",
    ink="#000000",
    muted="#222222",
    paper="#ffffff",
    surface="#ffffff",
    accent="#00336b",
    accent_dark="#001a38",
    on_accent="#ffffff",
    heading="#00234a",
    button="#ffffff",
    pressed="#d9d9d9",
    button_border="#000000",
    nav_bg="#ffffff",
    nav_button="#ffffff",
    selected="#ffe47a",
    field_border="#000000",
    placeholder="#333333",
    rule="#595959",
    panel_border="#000000",
    disabled_ink="#4d4d4d",
    disabled_bg="#e6e6e6",
    scroll_track="#e6e6e6",
    scroll_thumb="#000000",
    keyboard_bg="#ffffff",
    preview_bg="#3d3d3d",
    error_ink="#8b0000",
    help_bg="#000000",
    help_ink="#ffffff",
    crisis_bg="#6b0000",
    crisis_ink="#ffffff",
    qr_bg="#ffffff",
    focus_on_light="#b0005a",
    focus_on_dark="#ffd400",
    dim="#000000",
    dim_alpha=190,
)

THEMES = {p.name: p for p in (NORMAL, HIGH_CONTRAST)}


class Need(Enum):
    """What a pair of colours must reach: body text, or large text / outlines / icons."""

    TEXT = "text"
    NON_TEXT = "non-text"


#: (foreground role, background role, need): every pair the stylesheet and painters use.
PAIRS: tuple[tuple[str, str, Need], ...] = (
    # Text on every surface it is drawn on.
    ("ink", "paper", Need.TEXT),
    ("ink", "surface", Need.TEXT),
    ("ink", "button", Need.TEXT),
    ("ink", "pressed", Need.TEXT),
    ("ink", "nav_bg", Need.TEXT),
    ("ink", "nav_button", Need.TEXT),
    ("ink", "selected", Need.TEXT),
    ("ink", "keyboard_bg", Need.TEXT),
    ("muted", "paper", Need.TEXT),
    ("muted", "surface", Need.TEXT),
    ("placeholder", "surface", Need.TEXT),
    ("heading", "surface", Need.TEXT),
    ("heading", "button", Need.TEXT),
    ("on_accent", "accent", Need.TEXT),
    ("on_accent", "accent_dark", Need.TEXT),
    ("error_ink", "paper", Need.TEXT),
    ("error_ink", "surface", Need.TEXT),
    ("help_ink", "help_bg", Need.TEXT),
    ("crisis_ink", "crisis_bg", Need.TEXT),
    # Outlines, bars and icons that say where a control is or what state it is in.
    ("field_border", "surface", Need.NON_TEXT),
    ("field_border", "paper", Need.NON_TEXT),
    ("button_border", "paper", Need.NON_TEXT),
    ("button_border", "nav_bg", Need.NON_TEXT),
    ("accent", "paper", Need.NON_TEXT),
    ("accent", "surface", Need.NON_TEXT),
    ("accent", "nav_bg", Need.NON_TEXT),
    ("accent", "selected", Need.NON_TEXT),
    ("scroll_thumb", "scroll_track", Need.NON_TEXT),
    ("scroll_thumb", "surface", Need.NON_TEXT),
    # The focus ring, on every fill a focusable control can have.
    ("focus_on_light", "paper", Need.NON_TEXT),
    ("focus_on_light", "surface", Need.NON_TEXT),
    ("focus_on_light", "button", Need.NON_TEXT),
    ("focus_on_light", "nav_button", Need.NON_TEXT),
    ("focus_on_light", "nav_bg", Need.NON_TEXT),
    ("focus_on_light", "selected", Need.NON_TEXT),
    ("focus_on_light", "keyboard_bg", Need.NON_TEXT),
    ("focus_on_dark", "accent", Need.NON_TEXT),
    ("focus_on_dark", "accent_dark", Need.NON_TEXT),
    ("focus_on_dark", "help_bg", Need.NON_TEXT),
    ("focus_on_dark", "crisis_bg", Need.NON_TEXT),
)


def colour_roles() -> list[str]:
    return [f.name for f in fields(Palette) if f.type in ("str", str) and f.name != "name"]


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of "#rrggbb"."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    r, g, b = (int(text[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    a, b = sorted((luminance(first), luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def minimum(palette: Palette, need: Need) -> float:
    if need is Need.NON_TEXT:
        return NON_TEXT_MIN
    return TEXT_AAA if palette is HIGH_CONTRAST else TEXT_MIN


def focus_ring_for(palette: Palette, fill: str) -> str:
    """The ring colour that stands out most against `fill`."""
    return max((palette.focus_on_light, palette.focus_on_dark),
               key=lambda ring: contrast(ring, fill))

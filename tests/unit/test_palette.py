"""Both themes reach the contrast every text and outline needs, for every pair in use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.ui import palette
from kiosk.ui.palette import HIGH_CONTRAST, NORMAL, PAIRS, Need, Palette, contrast

THEMES = [NORMAL, HIGH_CONTRAST]
UI = Path(__file__).resolve().parents[2] / "kiosk" / "ui"


def test_contrast_arithmetic_matches_wcag() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    # WCAG's own example: #767676 on white is just over 4.5:1.
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
@pytest.mark.parametrize(("fg", "bg", "need"), PAIRS, ids=lambda v: getattr(v, "value", v))
def test_every_pair_in_use_is_readable(theme: Palette, fg: str, bg: str, need: Need) -> None:
    ratio = contrast(getattr(theme, fg), getattr(theme, bg))
    assert ratio >= palette.minimum(theme, need), f"{theme.name}: {fg} on {bg} is {ratio:.2f}:1"


def test_high_contrast_text_reaches_aaa() -> None:
    assert palette.minimum(HIGH_CONTRAST, Need.TEXT) == 7.0
    text_pairs = [(f, b) for f, b, need in PAIRS if need is Need.TEXT]
    assert min(contrast(getattr(HIGH_CONTRAST, f), getattr(HIGH_CONTRAST, b))
               for f, b in text_pairs) >= 7.0


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_the_stylesheet_uses_only_palette_colours(theme: Palette) -> None:
    from kiosk.ui.theme import stylesheet

    sheet = stylesheet(theme, 100)
    used = set(re.findall(r"#[0-9a-fA-F]{6}\b", sheet))
    own = {getattr(theme, role).lower() for role in palette.colour_roles()}
    assert used, "the stylesheet names no colours at all"
    assert {c.lower() for c in used} <= own
    # Every colour word is spelt through the palette (no "white" or "black" literals).
    assert not re.search(r":\s*(white|black|red|gray|grey)\b", sheet)


def test_every_role_a_pair_uses_exists_in_both_themes() -> None:
    roles = set(palette.colour_roles())
    for fg, bg, _need in PAIRS:
        assert fg in roles and bg in roles


def test_no_colour_literals_in_the_interface_code() -> None:
    # Printed pages are paper, always dark on white, so the printing package may name colours.
    # Transparent (a cleared image) is no colour a theme chooses.
    offenders = []
    for path in UI.rglob("*.py"):
        if path.name == "palette.py" or "printing" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (r"[\"']#[0-9a-fA-F]{3,8}\b", r"QColor\(\s*[\"'\d]",
                        r":\s*(white|black)\b", r"GlobalColor\.(?!transparent\b)"):
            offenders += [f"{path.name}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert offenders == []


@pytest.mark.parametrize("theme", THEMES, ids=lambda t: t.name)
def test_the_focus_ring_stands_out_on_every_fill(theme: Palette) -> None:
    for fill in ("paper", "surface", "button", "nav_button", "nav_bg", "selected", "accent",
                 "accent_dark", "help_bg", "crisis_bg", "keyboard_bg"):
        ring = palette.focus_ring_for(theme, getattr(theme, fill))
        assert contrast(ring, getattr(theme, fill)) >= 3.0, fill

"""Pictures on the home tiles and the menu: drawn from the bundled SVGs in the theme's
colours, and giving way to the words on a short screen."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon, QImage

from kiosk.ui import icons, theme


def _inked(pixmap: Any, colour: str) -> int:
    """How many pixels of `pixmap` are (nearly) `colour` and opaque."""
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    raw = np.frombuffer(image.constBits(), dtype=np.uint8,
                        count=image.bytesPerLine() * image.height())
    pixels = raw.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width()]
    want = QColor(colour)
    rgb = np.array([want.red(), want.green(), want.blue()])
    opaque = pixels[..., 3] > 200
    close = np.abs(pixels[..., :3].astype(int) - rgb).max(axis=2) < 40
    return int((opaque & close).sum())


@pytest.mark.parametrize("name", sorted(set(icons.SCREEN_ICONS.values())))
def test_every_icon_draws_sharp_in_the_colour_asked(themed_app: Any, name: str) -> None:
    small = icons.pixmap(name, theme.colours().accent, 24)
    big = icons.pixmap(name, theme.colours().accent, 96, 2.0)
    assert not small.isNull() and not big.isNull()
    assert (big.width(), big.height()) == (192, 192)
    assert big.devicePixelRatio() == 2.0
    # A line drawing: some ink, mostly see-through, none of it in another colour.
    drawn = _inked(big, theme.colours().accent)
    assert 0.02 * 192 * 192 < drawn < 0.5 * 192 * 192
    assert _inked(icons.pixmap(name, "#ffffff", 96, 2.0), "#ffffff") == pytest.approx(drawn,
                                                                                      rel=0.1)


def test_an_unknown_icon_leaves_the_words_only(themed_app: Any) -> None:
    assert icons.pixmap("no-such-icon", theme.colours().ink, 24).isNull()
    assert icons.pixmap("", theme.colours().ink, 24).isNull()


def test_menu_and_home_tiles_have_pictures_and_the_chosen_one_turns_white(window: Any) -> None:
    for screen_id, button in window.nav_buttons.items():
        assert not button.icon().isNull(), screen_id
        side = button.iconSize().width()
        assert side >= 20
        off = button.icon().pixmap(side, side, QIcon.Mode.Normal, QIcon.State.Off)
        on = button.icon().pixmap(side, side, QIcon.Mode.Normal, QIcon.State.On)
        assert _inked(off, theme.colours().ink) > 0 and _inked(off, "#ffffff") == 0, screen_id
        assert _inked(on, "#ffffff") > 0, screen_id
    home = window.screens["home"]
    for target, tile in home.tiles.items():
        assert tile.has_icon(), target
        assert tile.icon_label.isVisible(), target
        # The picture is decoration: the tile's accessible name already says it all.
        assert tile.accessibleName() == tile.title_label.text()


def test_on_a_short_screen_the_tiles_keep_their_words_and_drop_their_pictures(
        make_window: Any) -> None:
    window = make_window(size=(1024, 600))
    window.fit_to(1024, 600)
    window.navigate("home")
    QCoreApplication.processEvents()
    tiles = window.screens["home"].tiles.values()
    assert all(not t.icon_label.isVisible() for t in tiles)
    assert all(t.title_label.isVisible() for t in tiles)
    window.fit_to(1366, 768)
    QCoreApplication.processEvents()
    assert all(t.icon_label.isVisible() for t in tiles)


def test_tile_pictures_grow_with_the_visitors_text_size(window: Any) -> None:
    from kiosk.ui.display import DisplayOptions

    tile = window.screens["home"].tiles["guide"]
    before = tile.icon_label.pixmap().deviceIndependentSize().width()
    display = window.findChild(DisplayOptions)
    display.set_text_percent(150)
    QCoreApplication.processEvents()
    after = tile.icon_label.pixmap().deviceIndependentSize().width()
    assert after > 1.3 * before
    display.reset()

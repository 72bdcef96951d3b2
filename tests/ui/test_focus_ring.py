"""Keyboard focus is shown by a 3 px ring that stands out (3:1) wherever it is drawn; a tap
or click shows none."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.focus_ring import RING_PX, FocusRing
from kiosk.ui.palette import contrast


def _ring(window) -> FocusRing:  # type: ignore[no-untyped-def]
    ring = window.findChild(FocusRing)
    assert ring is not None
    return ring


def _check_ring(window, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    ring = _ring(window)
    assert ring.target() is widget
    painted = ring.painted()
    assert painted is not None
    rect = ring.ring_rect()
    image = painted.grab(rect).toImage()
    ratio = image.devicePixelRatio()
    x = round(image.width() / 2)
    outer, inner = ring.colours()
    # The ring's own pixels: RING_PX rows along the top edge in the outer colour.
    for y in range(round(RING_PX * ratio)):
        assert image.pixelColor(x, y) == outer, (widget, y)
    # Against the surface around the control, as the window shows it.
    shot = window.grab().toImage()
    top = painted.mapTo(window, QPoint(rect.center().x(), rect.top()))
    outside = next((shot.pixelColor(round(top.x() * ratio), round((top.y() - d) * ratio))
                    for d in (2, 3, 4) if top.y() - d >= 0), None)
    if outside is not None and outside != outer:
        assert contrast(outer.name(), outside.name()) >= 3.0, (widget, outer.name(),
                                                               outside.name())
    # And against the control's own fill, just inside the ring (or its inner line).
    innermost = inner if inner is not None else outer
    fill = image.pixelColor(x, round(9 * ratio))
    if fill not in (outer, innermost):
        assert contrast(innermost.name(), fill.name()) >= 3.0, (widget, fill.name())


@pytest.mark.parametrize("high_contrast", [False, True])
def test_tab_shows_a_ring_that_stands_out_on_every_surface(qtbot, shell,
                                                           high_contrast: bool) -> None:
    window = shell.window
    shell.display.set_high_contrast(high_contrast)
    window.navigate("home")
    window.activateWindow()
    shell.session.quick_exit_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert _ring(window).target() is None  # no key pressed yet: no ring
    qtbot.keyClick(shell.session.quick_exit_button, Qt.Key.Key_Shift)  # a keyboard user
    seen: list[QWidget] = []
    for _ in range(30):
        focused = QApplication.focusWidget()
        assert focused is not None
        if focused in seen:
            break
        seen.append(focused)
        _check_ring(window, focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    # The menu (its current entry in the accent colour), the tiles and the top bar at least.
    assert window.nav_buttons["home"] in seen and window.nav_buttons["guide"] in seen
    assert window.screens["home"].tiles["help"] in seen  # the dark "Get help now" tile


def test_a_tap_shows_no_ring(qtbot, shell) -> None:
    window = shell.window
    button = window.nav_buttons["guide"]
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Shift)
    assert _ring(window).target() is button
    qtbot.mouseClick(window.nav_buttons["faq"], Qt.MouseButton.LeftButton)
    assert _ring(window).target() is None
    image = window.nav_buttons["faq"].grab().toImage()
    outer, _inner = _ring(window).colours()
    assert image.pixelColor(image.width() // 2, 1) != outer


def test_the_ring_follows_focus_onto_overlays(qtbot, shell) -> None:
    window = shell.window
    language_button = shell.language_button  # Aa comes after it in the Tab order
    language_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(language_button, Qt.Key.Key_Tab)
    aa = QApplication.focusWidget()
    assert aa is not None and aa.accessibleName() == "Text size and contrast"
    qtbot.keyClick(aa, Qt.Key.Key_Return)
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not aa
    _check_ring(window, focused)  # a white card over the dimmed page

"""The visitor's "Aa" options: bigger text and high contrast, at once, on every screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.present.settings import Key
from kiosk.ui import theme
from kiosk.ui.display import DisplayButton, DisplayPanel
from kiosk.ui.main_window import NAV_ORDER
from kiosk.ui.palette import HIGH_CONTRAST, NORMAL


def _parts(shell):  # type: ignore[no-untyped-def]
    button = shell.window.findChild(DisplayButton)
    panel = shell.window.findChild(DisplayPanel)
    assert button is not None and panel is not None
    return button, panel


def _page_colour(window) -> QColor:  # type: ignore[no-untyped-def]
    """The page's own background, just inside the content area's top-left corner."""
    area = window.stack.currentWidget()
    corner = area.mapTo(window, QPoint(4, 4))
    return window.grab().toImage().pixelColor(corner)


def test_aa_sits_beside_quick_exit_and_opens_a_large_panel(qtbot, shell) -> None:
    button, panel = _parts(shell)
    bar = shell.window.top_bar
    assert bar.indexOf(button) == bar.indexOf(shell.session.quick_exit_button) - 1
    assert button.accessibleName() == "Text size and contrast"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert panel.isVisible()
    for choice in (*panel.size_buttons.values(), panel.contrast_button, panel.done_button):
        assert choice.height() >= theme.MIN_TOUCH_PX and choice.isVisible()
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_a_bigger_text_size_applies_at_once_and_keeps_the_visitors_place(qtbot, shell) -> None:
    window = shell.window
    window.navigate("guide")
    guide = window.screens["guide"]
    before = guide.font().pointSize()
    button, panel = _parts(shell)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.size_buttons[150], Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "guide"
    assert guide.font().pointSize() == round(theme.BASE_POINT_SIZE * 1.5) > before
    assert window.helpline_panel.number_label.font().pointSize() == round(24 * 1.5)
    assert panel.size_buttons[150].isChecked() and not panel.size_buttons[100].isChecked()


def test_high_contrast_repaints_every_screen(qtbot, shell) -> None:
    window = shell.window
    assert _page_colour(window) == QColor(NORMAL.paper)
    button, panel = _parts(shell)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.contrast_button, Qt.MouseButton.LeftButton)
    assert panel.contrast_button.text() == "High contrast: on"  # said in words, not colour
    qtbot.mouseClick(panel.done_button, Qt.MouseButton.LeftButton)
    for screen_id in ("home", "guide", "checklist"):
        window.navigate(screen_id)
        assert _page_colour(window) == QColor(HIGH_CONTRAST.paper), screen_id
    strip = window.crisis_strip
    assert strip.grab().toImage().pixelColor(2, 2) == QColor(HIGH_CONTRAST.crisis_bg)


def test_a_new_visitor_gets_the_kiosks_default_again(qtbot, shell, stores) -> None:
    display = shell.display
    display.set_text_percent(150)
    display.set_high_contrast(True)
    shell.session.reset_session("idle")
    assert theme.look().text_percent == 100 and not theme.look().high_contrast
    # The administrator's default is what every new visitor starts with.
    stores.admin_settings.set(Key.TEXT_SIZE, "125")
    stores.admin_settings.set(Key.HIGH_CONTRAST, "1")
    shell.session.reset_session("admin")
    assert theme.look().text_percent == 125 and theme.look().high_contrast
    assert QApplication.font().pointSize() == round(theme.BASE_POINT_SIZE * 1.25)


def test_escape_closes_the_panel_and_focus_returns_to_aa(qtbot, shell) -> None:
    button, panel = _parts(shell)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert panel.isVisible()
    focused = QApplication.focusWidget()
    assert focused is not None and panel.isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert not panel.isVisible()
    assert QApplication.focusWidget() is button


@pytest.mark.parametrize("percent", [125, 150])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_no_button_label_is_cut_with_large_text(shell, percent: int,
                                                size: tuple[int, int]) -> None:
    window = shell.window
    shell.display.set_text_percent(percent)
    shell.display.set_high_contrast(True)
    window.fit_to(*size)
    cut = []
    for screen_id in (*NAV_ORDER, "help"):
        window.navigate(screen_id)
        window.fit_to(*size)
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window) or not button.text():
                continue
            lines = button.text().count("\n") + 1
            need = lines * button.fontMetrics().lineSpacing()
            if button.height() < need:
                cut.append(f"{screen_id}: {button.text()!r} {button.height()} < {need}")
    assert cut == []


def test_the_admin_screen_sets_what_each_visitor_starts_with(qtbot, shell, stores) -> None:
    window = shell.window
    window.navigate("admin")
    admin = window.screens["admin"]
    qtbot.mouseClick(admin.text_size_buttons[150], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(admin.contrast_button, Qt.MouseButton.LeftButton)
    assert stores.admin_settings.get(Key.TEXT_SIZE) == "150"
    assert stores.admin_settings.get(Key.HIGH_CONTRAST) == "1"
    assert admin.contrast_button.text() == "On"
    shell.session.leave_admin()  # the next visitor gets it
    assert theme.look().text_percent == 150 and theme.look().high_contrast
    assert window.current_screen_id() == "home"

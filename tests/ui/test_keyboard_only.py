"""Every screen works from a keyboard alone: Tab reaches each control, Enter activates,
F6 skips to the page, Escape backs out of overlays, Quick exit is reachable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.main_window import NAV_ORDER


def _reachable(root: QWidget) -> set[QWidget]:
    """The controls a keyboard user should be able to reach inside `root` now."""
    return {w for w in root.findChildren(QWidget)
            if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.isVisibleTo(root.window()) and w.visibleRegion().boundingRect().isValid()}


def _tab_through(window, limit: int = 400) -> list[QWidget]:  # type: ignore[no-untyped-def]
    seen: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        assert focused is not None
        if seen and focused is seen[0]:
            break
        seen.append(focused)
        QTest.keyClick(focused, Qt.Key.Key_Tab)
    return seen


@pytest.mark.parametrize("screen_id", [*NAV_ORDER, "help"])
def test_tab_reaches_every_control_on_each_screen(shell, screen_id: str) -> None:
    window = shell.window
    window.fit_to(1920, 1080)
    window.navigate(screen_id)
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F6)  # skip to the page's first control
    screen = window.screens[screen_id]
    focused = QApplication.focusWidget()
    assert focused is not None and (focused is screen or screen.isAncestorOf(focused))
    seen = set(_tab_through(window))
    missed = [f"{type(w).__name__} {w.accessibleName() or getattr(w, 'text', str)()}"
              for w in _reachable(screen) - seen]
    assert missed == []
    # The top bar, the menu and Quick exit are on the same round.
    assert shell.session.quick_exit_button in seen
    assert set(window.nav_buttons.values()) <= seen


def test_enter_activates_a_menu_entry_and_space_does_too(shell) -> None:
    window = shell.window
    guide = window.nav_buttons["guide"]
    guide.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(guide, Qt.Key.Key_Return)
    assert window.current_screen_id() == "guide"
    faq = window.nav_buttons["faq"]
    faq.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(faq, Qt.Key.Key_Space)
    assert window.current_screen_id() == "faq"


def test_quick_exit_by_keyboard_and_back_by_any_key(shell) -> None:
    window = shell.window
    window.navigate("checklist")
    button = shell.session.quick_exit_button
    button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(button, Qt.Key.Key_Return)
    assert shell.session.neutral.isVisible()
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert not shell.session.neutral.isVisible()
    assert window.current_screen_id() == "home"


@pytest.mark.parametrize("kiosk_mode", [False, True])
def test_escape_closes_the_display_panel_and_pin_pad(shell, kiosk_mode: bool) -> None:
    shell.session.kiosk_mode = kiosk_mode  # Escape is otherwise swallowed in kiosk mode
    window = shell.window
    shell.session.open_pin_pad()
    assert shell.session.pin_overlay.isVisible()
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Escape)
    assert not shell.session.pin_overlay.isVisible()
    panel_button = next(w for w in window.findChildren(QWidget)
                        if w.objectName() == "DisplayButton")
    panel_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(panel_button, Qt.Key.Key_Space)
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not panel_button
    QTest.keyClick(focused, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is panel_button


def test_the_first_tab_goes_to_quick_exit_then_the_top_bar_then_the_menu(qtbot, shell) -> None:
    window = shell.window
    shell.session.reset_session("idle")  # a new visitor: nothing has focus
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    focused = QApplication.focusWidget()
    if focused is not None:  # activating the window may focus the first control itself
        assert focused is shell.session.quick_exit_button
    else:
        QTest.keyClick(window, Qt.Key.Key_Tab)
    order = [QApplication.focusWidget()]
    for _ in range(10):
        QTest.keyClick(order[-1], Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    expected = [shell.session.quick_exit_button, shell.search_bar.field,
                shell.search_bar.keyboard_button, shell.language_button]
    assert order[:4] == expected
    assert order[4] is not None and order[4].objectName() == "DisplayButton"
    assert order[5:11] == list(window.nav_buttons.values())

"""The visitor session: idle reset, Quick exit, kiosk lockdown, admin PIN, crash recovery."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMenu, QWidget

from kiosk.store.pins import PinRepository
from kiosk.ui.crash import EXIT_CRASH_LOOP, CrashGuard
from kiosk.ui.session import ADMIN_SCREEN_ID, SessionTimeouts
from tests.helpers import FakeClock

PIN = "482913"
FAST = SessionTimeouts(idle_ms=400, warning_ms=200, admin_idle_ms=300, shift_window_ms=1500,
                       long_press_ms=60)


@pytest.fixture
def guard(shell):  # type: ignore[no-untyped-def]
    """The shell's session guard; slow timers while a test prepares (see go_fast)."""
    guard = shell.session
    guard.timeouts = SessionTimeouts(long_press_ms=FAST.long_press_ms)
    guard.exits = []
    guard.exit_app = guard.exits.append
    return guard


@pytest.fixture
def kiosk(guard):  # type: ignore[no-untyped-def]
    """The same window in kiosk (locked-down) mode."""
    guard.kiosk_mode = True
    yield guard
    guard.kiosk_mode = False


MODIFIER_KEYS = {Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Shift, Qt.Key.Key_Meta}


class KeyRecorder(QLineEdit):
    """A text field that remembers which keys and context menus reached it."""

    def __init__(self) -> None:
        super().__init__()
        self.keys: list[tuple[int, Qt.KeyboardModifier]] = []
        self.menus = 0

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() not in MODIFIER_KEYS:
            self.keys.append((event.key(), event.modifiers()))
        super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.menus += 1
        event.accept()


def visitor_field(window) -> QLineEdit:  # type: ignore[no-untyped-def]
    """A text field on Home standing in for any field a visitor types into."""
    field = KeyRecorder()
    field.setAccessibleName("test field")
    window.screens["home"].layout().addWidget(field)
    return field


def go_fast(guard, timeouts: SessionTimeouts = FAST) -> None:  # type: ignore[no-untyped-def]
    """Short timers from now on, counted from one last touch (a busy machine cannot make
    the reset happen while the test is still preparing)."""
    guard.timeouts = timeouts
    guard.note_activity()


def tick_first(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.navigate("checklist")
    screen = window.screens["checklist"]
    rect = screen.list.visualRect(screen.model.index(screen.model.item_rows()[0]))
    qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(screen.model.ticked_keys()) == 1


def fill_in(qtbot, window, text: str = "my secret 05401") -> QLineEdit:  # type: ignore[no-untyped-def]
    field = visitor_field(window)
    window.navigate("home")
    field.setFocus()
    qtbot.keyClicks(field, text)
    assert field.text() == text and field.isUndoAvailable()
    return field


# ------------------------------------------------------------------- idle --
@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen popups
def test_idle_timeout_resets_to_a_clean_home(qtbot, window, guard) -> None:
    field = fill_in(qtbot, window)
    QGuiApplication.clipboard().setText("copied by a visitor")
    tick_first(qtbot, window)
    dialog = QDialog(window)
    dialog.setWindowTitle("a dialog")
    dialog.open()
    menu = QMenu(window)
    menu.addAction("an action")
    menu.popup(window.mapToGlobal(QPoint(100, 100)))
    qtbot.waitUntil(menu.isVisible)
    faq = window.screens["faq"]
    window.navigate("faq")

    with qtbot.waitSignal(guard.session_reset, timeout=5000) as reset:
        go_fast(guard)
    assert reset.args == ["idle"]
    assert window.current_screen_id() == "home"
    assert field.text() == ""
    assert not field.isUndoAvailable()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == ""
    assert window.screens["checklist"].model.ticked_keys() == []
    assert not dialog.isVisible() and not menu.isVisible()
    assert QGuiApplication.clipboard().text() == ""
    assert faq.isVisible() is False
    for edit in window.findChildren(QLineEdit):
        assert edit.text() == "", edit.accessibleName()


def test_an_untouched_kiosk_stays_quietly_at_home(qtbot, window, guard) -> None:
    resets = []
    guard.session_reset.connect(resets.append)
    guard.warning_shown.connect(lambda: resets.append("warning"))
    tiny = SessionTimeouts(idle_ms=60, warning_ms=30, admin_idle_ms=60)
    guard.timeouts = tiny
    qtbot.wait(tiny.idle_ms * 3)  # nothing may happen: a short wait past the idle timeout
    assert resets == []
    assert not guard.warning.isVisible()


def test_activity_before_the_timeout_postpones_it(qtbot, window, guard) -> None:
    tick_first(qtbot, window)
    resets: list[str] = []
    guard.session_reset.connect(resets.append)
    nav = window.nav_buttons["checklist"]
    go_fast(guard, SessionTimeouts(idle_ms=600, warning_ms=200))
    for _ in range(10):  # 10 x 100 ms: longer than the 0.6 s timeout, never idle for long
        qtbot.wait(100)
        qtbot.mouseClick(nav, Qt.MouseButton.LeftButton)
    assert resets == []
    assert window.screens["checklist"].model.ticked_keys() != []
    qtbot.waitUntil(lambda: resets == ["idle"], timeout=5000)


def test_the_warning_appears_and_a_touch_cancels_it(qtbot, window, guard) -> None:
    tick_first(qtbot, window)
    resets: list[str] = []
    guard.session_reset.connect(resets.append)
    timeouts = SessionTimeouts(idle_ms=800, warning_ms=400)
    with qtbot.waitSignal(guard.warning_shown, timeout=5000):
        go_fast(guard, timeouts)
    assert guard.warning.isVisible()
    assert guard.warning.title.text() == "Still there?"
    assert "start over" in guard.warning.text.text()
    # The whole window is dimmed, the top bar with Quick exit too, but for the crisis lines.
    button = guard.quick_exit_button
    exit_centre = button.mapTo(window, button.rect().center())
    assert window.childAt(exit_centre) is guard.warning
    strip = window.crisis_strip
    assert window.childAt(strip.mapTo(window, strip.rect().center())) is not guard.warning
    # A touch on the dimmed top bar continues the visit.
    qtbot.mouseClick(guard.warning, Qt.MouseButton.LeftButton, pos=exit_centre)
    assert not guard.warning.isVisible()
    with qtbot.assertNotEmitted(guard.session_reset, wait=timeouts.warning_ms + 100):
        pass  # past the moment the reset was due
    assert resets == []
    assert window.current_screen_id() == "checklist"
    assert window.screens["checklist"].model.ticked_keys() != []


def test_admin_sessions_time_out_sooner(qtbot, window, guard) -> None:
    guard.timeouts = SessionTimeouts(idle_ms=60_000, warning_ms=100, admin_idle_ms=250)
    window.navigate(ADMIN_SCREEN_ID)
    with qtbot.waitSignal(guard.session_reset, timeout=5000):
        qtbot.mouseClick(window.screens[ADMIN_SCREEN_ID].check_button,
                         Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "home"


# -------------------------------------------------------------- quick exit --
def test_quick_exit_button_is_on_every_screen(window, guard) -> None:
    for screen_id in window.screens:
        window.navigate(screen_id)
        assert guard.quick_exit_button.isVisible()
        assert guard.quick_exit_button.height() >= 48


def test_quick_exit_button_resets_and_hides_at_once(qtbot, window, guard) -> None:
    field = fill_in(qtbot, window)
    tick_first(qtbot, window)
    qtbot.mouseClick(guard.quick_exit_button, Qt.MouseButton.LeftButton)
    # No event-loop turn, no timer, no question: done when the click returns.
    assert guard.neutral.isVisible()
    assert guard.neutral.geometry() == window.rect()  # covers the helplines and the title too
    assert window.current_screen_id() == "home"
    assert field.text() == "" and not field.isUndoAvailable()
    assert window.screens["checklist"].model.ticked_keys() == []
    qtbot.mouseClick(guard.neutral, Qt.MouseButton.LeftButton)
    assert not guard.neutral.isVisible()
    assert window.current_screen_id() == "home"


def test_shift_three_times_is_a_quick_exit(qtbot, window, guard) -> None:
    field = fill_in(qtbot, window)
    for _ in range(3):
        qtbot.keyClick(field, Qt.Key.Key_Shift)
    assert guard.neutral.isVisible()
    assert field.text() == ""
    assert window.current_screen_id() == "home"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Space, Qt.Key.Key_Tab])
def test_a_keyboard_user_reaches_quick_exit_and_leaves_the_welcome_screen(
        qtbot, window, guard, key) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = visitor_field(window)
    field.setFocus()
    seen = []
    for _ in range(30):  # Tab goes round the whole window, Quick exit included
        if QApplication.focusWidget() is guard.quick_exit_button:
            break
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is guard.quick_exit_button, seen
    qtbot.keyClick(guard.quick_exit_button, Qt.Key.Key_Space)
    assert guard.neutral.isVisible()
    assert QApplication.focusWidget() is guard.neutral  # not a control hidden behind it
    qtbot.keyClick(guard.neutral, key)
    assert not guard.neutral.isVisible()


def test_shift_typed_as_part_of_text_does_not_exit(qtbot, window, guard) -> None:
    field = visitor_field(window)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Shift)
    qtbot.keyClick(field, Qt.Key.Key_Shift)
    qtbot.keyClicks(field, "A")
    qtbot.keyClick(field, Qt.Key.Key_Shift)
    assert not guard.neutral.isVisible()
    assert field.text() == "A"


# ---------------------------------------------------------------- lockdown --
LOCKED_KEYS = [
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
]


@pytest.mark.parametrize(("key", "modifier"), LOCKED_KEYS,
                         ids=["F11", "Esc", "Ctrl+W", "Ctrl+Q", "Ctrl+P", "Ctrl+Z", "Ctrl+Y",
                              "Alt+F4"])
def test_kiosk_mode_swallows_the_escape_shortcuts(qtbot, window, kiosk, key, modifier) -> None:
    field = visitor_field(window)
    field.setFocus()
    fired = []
    shortcut = QShortcut(QKeySequence(key.value | modifier.value), window)
    shortcut.activated.connect(lambda: fired.append(True))
    qtbot.keyClick(field, key, modifier)
    assert field.keys == []
    assert fired == []
    kiosk.kiosk_mode = False  # windowed (laptop) mode: the same key goes through
    qtbot.keyClick(field, key, modifier)
    assert fired or field.keys


def test_kiosk_mode_swallows_context_menus(qtbot, window, kiosk) -> None:
    field = visitor_field(window)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                              field.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(field, event)
    assert field.menus == 0


def test_kiosk_mode_refuses_to_close(qtbot, window, kiosk) -> None:
    assert window.close() is False
    assert window.isVisible()


# ------------------------------------------------------------------- admin --
def long_press_title(qtbot, window, done) -> None:  # type: ignore[no-untyped-def]
    """Hold the title until `done()` says the press was long enough to count."""
    qtbot.mousePress(window.title_label, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(done, timeout=5000)
    qtbot.mouseRelease(window.title_label, Qt.MouseButton.LeftButton)


def long_press_opens_the_pad(qtbot, window, guard) -> None:  # type: ignore[no-untyped-def]
    long_press_title(qtbot, window, guard.pin_overlay.isVisible)


def type_pin(qtbot, guard, pin: str) -> None:  # type: ignore[no-untyped-def]
    keypad = guard.pin_pad.keypad
    for digit in pin:
        qtbot.mouseClick(keypad.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(keypad.done_button, Qt.MouseButton.LeftButton)


def set_pin(stores) -> None:  # type: ignore[no-untyped-def]
    PinRepository(stores.admin_conn, cost=2**10).set_pin(PIN)


def test_without_a_pin_the_gesture_does_nothing(qtbot, window, guard, caplog) -> None:
    with caplog.at_level(logging.INFO, logger="kiosk.ui.session"):
        long_press_title(qtbot, window, lambda: "admin gesture ignored" in caplog.text)
    assert not guard.pin_overlay.isVisible()
    assert window.current_screen_id() == "home"


def test_a_short_press_on_the_title_does_nothing(qtbot, window, guard, stores) -> None:
    set_pin(stores)
    qtbot.mouseClick(window.title_label, Qt.MouseButton.LeftButton)
    qtbot.wait(FAST.long_press_ms * 2)  # nothing may happen: past the long-press time
    assert not guard.pin_overlay.isVisible()


def test_right_pin_opens_admin_and_admin_exit_exits_0(qtbot, window, kiosk, stores) -> None:
    set_pin(stores)
    long_press_opens_the_pad(qtbot, window, kiosk)
    assert kiosk.pin_overlay.isVisible()
    type_pin(qtbot, kiosk, PIN)
    assert not kiosk.pin_overlay.isVisible()
    assert window.current_screen_id() == ADMIN_SCREEN_ID
    qtbot.mouseClick(window.screens[ADMIN_SCREEN_ID].exit_button, Qt.MouseButton.LeftButton)
    assert kiosk.exits == [0]
    assert not window.isVisible()


def test_back_to_the_kiosk_resets_the_session(qtbot, window, guard, stores) -> None:
    set_pin(stores)
    long_press_opens_the_pad(qtbot, window, guard)
    type_pin(qtbot, guard, PIN)
    with qtbot.waitSignal(guard.session_reset) as reset:
        qtbot.mouseClick(window.screens[ADMIN_SCREEN_ID].done_button,
                         Qt.MouseButton.LeftButton)
    assert reset.args == ["admin"]
    assert window.current_screen_id() == "home"
    assert guard.exits == []


def test_wrong_pins_lock_the_pad(qtbot, window, guard, stores) -> None:
    set_pin(stores)
    long_press_opens_the_pad(qtbot, window, guard)
    for left in (4, 3, 2, 1):
        type_pin(qtbot, guard, "0000")
        assert str(left) in guard.pin_pad.message.text()
    type_pin(qtbot, guard, "0000")
    assert "Try again in 5 minutes" in guard.pin_pad.message.text()
    assert not guard.pin_pad.keypad.isEnabled()
    guard.pin_pad.keypad.setEnabled(True)  # even if the keypad could be pressed ...
    type_pin(qtbot, guard, PIN)
    assert window.current_screen_id() != ADMIN_SCREEN_ID  # ... the right PIN is refused
    qtbot.mouseClick(guard.pin_pad.cancel_button, Qt.MouseButton.LeftButton)
    long_press_opens_the_pad(qtbot, window, guard)
    assert not guard.pin_pad.keypad.isEnabled()  # still locked when the pad opens again
    assert guard.pin_pad.field.text() == ""


def test_an_unwritable_admin_database_keeps_the_pad_locked(qtbot, window, guard,
                                                           stores) -> None:
    set_pin(stores)
    stores.admin_conn.execute("PRAGMA query_only = ON")  # wrong tries could not be counted
    resets: list[str] = []
    guard.session_reset.connect(resets.append)
    long_press_opens_the_pad(qtbot, window, guard)
    assert guard.pin_pad.message.text() == (
        "The admin PIN pad is locked. Try again in 5 minutes, or ask IT to check the kiosk's"
        " data folder.")
    assert not guard.pin_pad.keypad.isEnabled()
    guard.pin_pad.keypad.setEnabled(True)  # even if the keypad could be pressed ...
    type_pin(qtbot, guard, PIN)
    assert window.current_screen_id() != ADMIN_SCREEN_ID  # ... the right PIN is refused
    assert guard.pin_overlay.isVisible() and "locked" in guard.pin_pad.message.text()
    assert resets == []  # no error reset the visitor's session
    stores.admin_conn.execute("PRAGMA query_only = OFF")


def test_quick_exit_closes_the_pin_pad(qtbot, window, guard, stores) -> None:
    set_pin(stores)
    long_press_opens_the_pad(qtbot, window, guard)
    qtbot.mouseClick(guard.pin_pad.keypad.keys["4"], Qt.MouseButton.LeftButton)
    button = guard.quick_exit_button
    assert guard.pin_overlay.geometry().top() > button.mapTo(window,
                                                             button.rect().bottomLeft()).y()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not guard.pin_overlay.isVisible()
    assert guard.pin_pad.field.text() == ""


# ------------------------------------------------------------------- crash --
@pytest.fixture
def crash(window, guard):  # type: ignore[no-untyped-def]
    clock = FakeClock(100.0)
    crash = CrashGuard(lambda: guard.reset_session("error"), guard.exits.append, clock=clock)
    crash.clock = clock
    crash.install()
    yield crash
    crash.uninstall()


def broken_button(window) -> QWidget:  # type: ignore[no-untyped-def]
    from kiosk.ui.widgets.touch import TouchButton

    button = TouchButton("broken")
    field = visitor_field(window)
    field.setText("my secret 05401")

    def explode() -> None:
        raise ValueError(f"visitor typed: {field.text()}")

    button.clicked.connect(explode)
    window.screens["checklist"].layout().addWidget(button)
    return button


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_the_app_returns_home(qtbot, window, guard, crash,
                                                               caplog) -> None:
    tick_first(qtbot, window)
    button = broken_button(window)
    with caplog.at_level(logging.INFO):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert sys.excepthook == crash.handle
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "ValueError" in errors[0].getMessage() and "explode" in errors[0].getMessage()
    assert "secret" not in caplog.text  # the message may quote a visitor: never logged
    assert window.current_screen_id() == "home"
    assert window.screens["checklist"].model.ticked_keys() == []
    assert guard.exits == []


@pytest.mark.qt_no_exception_capture
def test_three_errors_within_a_minute_exit_non_zero(qtbot, window, guard, crash) -> None:
    window.navigate("checklist")
    button = broken_button(window)
    for _ in range(2):
        window.navigate("checklist")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        crash.clock.now += 29
    assert guard.exits == []
    window.navigate("checklist")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert guard.exits == [EXIT_CRASH_LOOP]
    assert EXIT_CRASH_LOOP != 0


@pytest.mark.qt_no_exception_capture
def test_errors_spread_out_do_not_exit(qtbot, window, guard, crash) -> None:
    button = broken_button(window)
    for _ in range(5):
        window.navigate("checklist")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        crash.clock.now += 31
    assert guard.exits == []


def test_the_keyboard_never_covers_quick_exit(qtbot, window, guard) -> None:
    keyboard = getattr(window.screens.get("search"), "keyboard", None)
    if keyboard is None:
        pytest.skip("no on-screen keyboard in this build")
    keyboard.show()
    qtbot.waitUntil(keyboard.isVisible)
    button = guard.quick_exit_button
    assert button.isVisible()
    top_left = button.mapTo(window, button.rect().topLeft())
    button_rect = button.rect().translated(top_left)
    keys_rect = keyboard.rect().translated(keyboard.mapTo(window, keyboard.rect().topLeft()))
    assert not button_rect.intersects(keys_rect)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert guard.neutral.isVisible()
    assert not keyboard.isVisible()


def test_reset_restores_the_kiosks_own_zip(qtbot, make_shell) -> None:
    shell = make_shell(kiosk_zip="05401", size=None)
    directory = shell.screens.directory
    assert directory.zip_edit.text() == "05401"
    directory.zip_edit.setText("")
    qtbot.keyClicks(directory.zip_edit, "97214")
    shell.session.quick_exit()
    assert directory.zip_edit.text() == "05401"
    assert not directory.zip_edit.isUndoAvailable()


def test_quick_exit_leaves_no_checklist_row_highlighted(qtbot, window) -> None:
    tick_first(qtbot, window)
    screen = window.screens["checklist"]
    assert screen.list.currentIndex().isValid()  # the tapped row is painted as chosen
    window.reset_session()
    window.navigate("checklist")
    assert not screen.list.currentIndex().isValid()
    assert not screen.list.selectionModel().hasSelection()


def test_enter_presses_a_button_as_space_does(qtbot, window) -> None:
    button = window.nav_buttons["guide"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert window.current_screen_id() == "guide"
    window.nav_buttons["faq"].setFocus()
    qtbot.keyClick(window.nav_buttons["faq"], Qt.Key.Key_Enter)
    assert window.current_screen_id() == "faq"

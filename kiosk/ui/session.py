"""The visitor session: idle reset, Quick exit, the hidden admin gesture, kiosk lockdown.

One application-wide event filter sees every touch, click, key and wheel event:
- activity restarts the idle timer; 20 s before the reset "Still there?" appears and any
  touch cancels it; a kiosk nobody has touched since the last reset stays quietly at Home;
- Shift pressed three times, or the always-visible Quick exit button, resets at once and
  shows a neutral screen, without asking;
- a 5-second press on the title opens the staff PIN pad (only when a PIN is set);
- in kiosk mode F11, Esc, Ctrl+W/Q/P/Z/Y, Alt+F4 and context menus are swallowed and the
  window refuses to close unless an administrator exits.

Every reset goes through MainWindow.reset_session(); this module adds the safety net (every
editable field emptied with setText(""), undo history cleared, dialogs and popups closed,
scroll positions back to the top, focus dropped) as a reset hook.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QChildEvent, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QHideEvent,
    QKeyEvent,
    QMoveEvent,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QWidget,
)

from kiosk.config import DEFAULT_IDLE_SECONDS, IDLE_WARNING_SECONDS
from kiosk.present.settings import REGISTRY, Key
from kiosk.store.pins import PinRepository, PinStatus
from kiosk.ui.crash import EXIT_ADMIN, EXIT_RESTART
from kiosk.ui.main_window import MainWindow
from kiosk.ui.memory import release_freed_memory
from kiosk.ui.widgets.overlays import IdleWarning, NeutralScreen, Overlay, topmost
from kiosk.ui.widgets.touch import TouchButton

if TYPE_CHECKING:
    from kiosk.ui.widgets.pin_pad import PinPad

log = logging.getLogger(__name__)

ADMIN_SCREEN_ID = "admin"
ADMIN_IDLE_SECONDS = 60

_T = QEvent.Type
_ACTIVITY = frozenset({
    _T.MouseButtonPress, _T.MouseButtonDblClick, _T.TouchBegin, _T.KeyPress, _T.Wheel,
    _T.TabletPress,
})
_WATCHED = _ACTIVITY | {_T.KeyRelease, _T.ShortcutOverride, _T.ContextMenu, _T.Close,
                        _T.MouseButtonRelease, _T.Leave}
#: The commonest events (a page shown paints, shows and moves a hundred widgets), none of
#: them watched: told apart by class, which is cheaper than reading event.type() in Python.
_NEVER_WATCHED = (QPaintEvent, QShowEvent, QHideEvent, QMoveEvent, QResizeEvent, QChildEvent)
_CTRL_BLOCKED = frozenset({Qt.Key.Key_W, Qt.Key.Key_Q, Qt.Key.Key_P, Qt.Key.Key_Z, Qt.Key.Key_Y})


@dataclass(frozen=True)
class SessionTimeouts:
    """Every delay the session uses, in milliseconds (tests pass tiny ones)."""

    idle_ms: int = DEFAULT_IDLE_SECONDS * 1000
    warning_ms: int = IDLE_WARNING_SECONDS * 1000
    admin_idle_ms: int = ADMIN_IDLE_SECONDS * 1000
    shift_window_ms: int = 1500
    long_press_ms: int = 5000

    @classmethod
    def from_seconds(cls, idle_seconds: int, warning_seconds: int = IDLE_WARNING_SECONDS,
                     ) -> SessionTimeouts:
        return cls(idle_ms=_idle_range(idle_seconds) * 1000, warning_ms=warning_seconds * 1000)


def _idle_range(seconds: int) -> int:
    """The idle time within its documented range, whoever passed it (a Qt timer overflows
    past about 24 days and the kiosk would crash on the first touch)."""
    return REGISTRY[Key.IDLE_SECONDS].clamp(int(seconds))


def is_locked_key(event: QKeyEvent) -> bool:
    """The shortcuts a visitor could use to leave, print, close or undo in kiosk mode."""
    key = event.key()
    mods = event.modifiers()
    if key in (Qt.Key.Key_F11, Qt.Key.Key_Escape):
        return True
    if mods & Qt.KeyboardModifier.ControlModifier and key in _CTRL_BLOCKED:
        return True
    return bool(mods & Qt.KeyboardModifier.AltModifier and key == Qt.Key.Key_F4)


class SessionGuard(QObject):
    #: A reset happened; the value says why: "idle", "quick_exit", "admin", "error".
    session_reset = Signal(str)
    warning_shown = Signal()
    admin_opened = Signal()

    def __init__(self, window: MainWindow, *, kiosk_mode: bool,
                 timeouts: SessionTimeouts | None = None, pins: PinRepository | None = None,
                 exit_app: Callable[[int], None] = QCoreApplication.exit,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self._title = window.title_label
        self.kiosk_mode = kiosk_mode
        self.timeouts = timeouts or SessionTimeouts()
        self._pins = pins
        self.exit_app = exit_app
        self._clock = clock
        self._exit_authorised = False
        self._visited = False  # any visitor activity since the last reset?
        self._shift_down = False
        self._shift_presses: list[float] = []
        self._keep_neutral = False
        self._in_reset = False
        self.exit_code: int | None = None

        top_bar = window.header
        self.quick_exit_button = TouchButton(self.tr("Quick exit"), whole=True)
        self.quick_exit_button.setObjectName("QuickExit")
        self.quick_exit_button.setAccessibleName(self.tr("Quick exit: start over"))
        self.quick_exit_button.setAccessibleDescription(self.tr(
            "Clears everything on the screen at once and shows a plain welcome screen"))
        self.quick_exit_button.clicked.connect(self._on_quick_exit_button_clicked)
        window.add_top_bar_widget(self.quick_exit_button)

        self.warning = IdleWarning(window, top_bar, keep_clear=window.crisis_strip)
        self.warning.continue_requested.connect(self._on_warning_continue_requested)
        self.neutral = NeutralScreen(window, top_bar)
        self.neutral.dismissed.connect(self._on_neutral_dismissed)
        # The staff PIN pad is made when staff first ask for it: few visitors' sessions
        # ever need it, and it was 21 of the 112 widgets made before the first frame.
        self._pin_pad: PinPad | None = None
        self._pin_overlay: Overlay | None = None

        self._idle_timer = self._timer(self._on_idle_timer_timeout)
        self._reset_timer = self._timer(self._on_reset_timer_timeout)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._on_countdown_timeout)
        self._long_press = self._timer(self._on_long_press_timeout)
        self._neutral_timer = self._timer(self._on_neutral_dismissed)
        self._warning_deadline = 0.0

        window.add_reset_hook(self._on_window_reset)
        window.add_screenshot_state("session-idle-warning", self._screenshot_warning)
        window.add_screenshot_state("session-pin-pad", self._screenshot_pin_pad)
        window.add_screenshot_state("session-quick-exit", self.quick_exit)
        window.screen_changed.connect(self._on_window_screen_changed)
        # The filter is application-wide, so it must not outlive this window: a second
        # window (a restart, the next test) would otherwise pay for every old guard on
        # every event, and an old guard could still swallow keys or refuse a close.
        self._app = QCoreApplication.instance()
        if self._app is not None:
            self._app.installEventFilter(self)
        window.destroyed.connect(self._on_window_destroyed)

    @property
    def pin_pad(self) -> PinPad:
        return self._pin_parts()[0]

    @property
    def pin_overlay(self) -> Overlay:
        return self._pin_parts()[1]

    def _pin_parts(self) -> tuple[PinPad, Overlay]:
        if self._pin_pad is None or self._pin_overlay is None:
            from kiosk.ui.widgets.pin_pad import STACKED_MIN_HEIGHT, PinPad

            pad = PinPad()
            overlay = Overlay(self.window, self.window.header, on_place=lambda size: (
                pad.set_side_by_side(size.height() < STACKED_MIN_HEIGHT)))
            overlay.setAccessibleName(self.tr("Staff PIN"))
            _card, card_layout = overlay.card(540)
            card_layout.addWidget(pad)
            pad.submitted.connect(self._on_pin_pad_submitted)
            pad.cancelled.connect(self._on_pin_pad_cancelled)
            overlay.escape_pressed.connect(self._on_pin_pad_cancelled)
            self._pin_pad, self._pin_overlay = pad, overlay
        return self._pin_pad, self._pin_overlay

    def pin_pad_open(self) -> bool:
        return self._pin_overlay is not None and self._pin_overlay.isVisible()

    # ------------------------------------------------------------- lifecycle --
    @property
    def installed(self) -> bool:
        """Whether this guard still watches the application's events."""
        return self._app is not None

    def uninstall(self) -> None:
        """Stop watching the application and stop every pending timer; safe to repeat."""
        app, self._app = self._app, None
        if app is None or not shiboken6.isValid(self):
            return  # a deleted QObject is already out of every filter list
        app.removeEventFilter(self)
        for timer in (self._idle_timer, self._reset_timer, self._countdown, self._long_press,
                      self._neutral_timer):
            timer.stop()

    def _on_window_destroyed(self) -> None:
        self.uninstall()

    def _timer(self, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        return timer

    # -------------------------------------------------------------- settings --
    def set_idle_seconds(self, seconds: int) -> None:
        self.timeouts = SessionTimeouts(
            idle_ms=_idle_range(seconds) * 1000, warning_ms=self.timeouts.warning_ms,
            admin_idle_ms=self.timeouts.admin_idle_ms,
            shift_window_ms=self.timeouts.shift_window_ms,
            long_press_ms=self.timeouts.long_press_ms,
        )

    def current_idle_ms(self) -> int:
        in_admin = (self.window.current_screen_id() == ADMIN_SCREEN_ID
                    or self.pin_pad_open())
        return min(self.timeouts.idle_ms, self.timeouts.admin_idle_ms) if in_admin \
            else self.timeouts.idle_ms

    def _warning_ms(self) -> int:
        return min(self.timeouts.warning_ms, self.current_idle_ms() // 2)

    # -------------------------------------------------------------- activity --
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, _NEVER_WATCHED):
            return False
        kind = event.type()
        if kind not in _WATCHED:
            return False
        if isinstance(event, QKeyEvent):  # key press, release and shortcut override
            return self._key_event(event, kind)
        if kind == _T.ContextMenu:
            return self.kiosk_mode
        if kind == _T.Close:
            if watched is self.window and self.kiosk_mode and not self._exit_authorised:
                event.ignore()
                return True
            return False
        if watched is self._title:
            if kind == _T.MouseButtonPress:
                self._long_press.start(self.timeouts.long_press_ms)
            elif kind in (_T.MouseButtonRelease, _T.Leave):
                self._long_press.stop()
        if kind in _ACTIVITY:
            self.note_activity()
        return False

    def _key_event(self, event: QKeyEvent, kind: QEvent.Type) -> bool:
        locked = self.kiosk_mode and is_locked_key(event)
        if kind == _T.ShortcutOverride:
            if locked:
                event.accept()  # no shortcut fires; the key press that follows is swallowed
            return locked
        if event.key() == Qt.Key.Key_Shift:
            if kind == _T.KeyRelease:
                self._shift_down = False
            elif not self._shift_down and not event.isAutoRepeat():
                self._shift_down = True
                if self._count_shift():
                    return True
        elif kind == _T.KeyPress:
            self._shift_presses.clear()
        if kind == _T.KeyPress:
            self.note_activity()
            if event.key() == Qt.Key.Key_Escape and self._escape_overlay():
                return True
        return locked

    def _escape_overlay(self) -> bool:
        """Escape backs out of the overlay on top (a panel, the PIN pad, the warning)."""
        overlay = topmost(self.window)
        if overlay is None:
            return False
        overlay.escape_pressed.emit()
        return True

    def _count_shift(self) -> bool:
        now = self._clock()
        window_s = self.timeouts.shift_window_ms / 1000
        self._shift_presses = [t for t in self._shift_presses if now - t <= window_s]
        self._shift_presses.append(now)
        if len(self._shift_presses) >= 3:
            self._shift_presses.clear()
            self.quick_exit()
            return True
        return False

    def note_activity(self) -> None:
        """A visitor did something: postpone the reset, take the warning away."""
        if self.neutral.isVisible():
            return
        self._visited = True
        if self.warning.isVisible():
            self._hide_warning()
        self._idle_timer.start(max(0, self.current_idle_ms() - self._warning_ms()))

    def _on_window_screen_changed(self, _screen_id: str) -> None:
        if self._visited and self._idle_timer.isActive():
            self._idle_timer.start(max(0, self.current_idle_ms() - self._warning_ms()))

    def _on_idle_timer_timeout(self) -> None:
        if not self._visited or self.neutral.isVisible():
            return
        warning_ms = self._warning_ms()
        self._warning_deadline = self._clock() + warning_ms / 1000
        self.warning.set_seconds_left(round(warning_ms / 1000))
        self.warning.open()
        self._countdown.start()
        self._reset_timer.start(warning_ms)
        self.warning_shown.emit()

    def _on_countdown_timeout(self) -> None:
        self.warning.set_seconds_left(round(self._warning_deadline - self._clock()))

    def _on_reset_timer_timeout(self) -> None:
        self.reset_session("idle")

    def _on_warning_continue_requested(self) -> None:
        self.note_activity()

    def _hide_warning(self) -> None:
        self._reset_timer.stop()
        self._countdown.stop()
        self.warning.hide()

    # ----------------------------------------------------------------- reset --
    def reset_session(self, reason: str = "idle") -> None:
        """The one reset: every screen, every hook (this sweep included), then Home."""
        self._idle_timer.stop()
        self._long_press.stop()
        self._hide_warning()
        self._visited = False
        self._shift_presses.clear()
        # The safety net first, so each screen's own reset() then sets its clean defaults
        # (the directory's ZIP field shows the kiosk's own ZIP again, for example).
        self.sweep()
        self._in_reset = True
        try:
            self.window.reset_session()
        finally:
            self._in_reset = False
        log.info("session reset (%s)", reason)
        self.session_reset.emit(reason)
        if reason == "idle":
            # Nobody is at the kiosk: once the event loop has deleted what the reset let
            # go of, hand it back. Not after Quick exit, where someone is: the pages given
            # back fault in again on their next taps (a Quick exit right after one took
            # 8.9 instead of 6.9 ms).
            QTimer.singleShot(0, release_freed_memory)

    def quick_exit(self) -> None:
        """Cover everything with a neutral screen, then reset under it; never asks."""
        self.neutral.open()
        self.neutral.repaint()  # the visitor's screen is gone before anything else happens
        self._keep_neutral = True
        try:
            self.reset_session("quick_exit")
        finally:
            self._keep_neutral = False
        # The reset put focus on Home, under the screen: a keyboard user must be able to
        # leave the welcome screen as a touch does.
        self.neutral.setFocus(Qt.FocusReason.OtherFocusReason)
        self._neutral_timer.start(self.timeouts.idle_ms)

    def _on_quick_exit_button_clicked(self) -> None:
        self.quick_exit()

    def _on_neutral_dismissed(self) -> None:
        self._neutral_timer.stop()
        self.neutral.hide()

    def _on_window_reset(self) -> None:
        if not self._in_reset:  # MainWindow.reset_session() called directly: sweep anyway
            self.sweep()

    def sweep(self) -> None:
        """The safety net under every screen's own reset()."""
        self._close_popups_and_dialogs()
        if self._pin_pad is not None and self._pin_overlay is not None:
            self._pin_pad.clear()
            self._pin_overlay.hide()
        if not self._keep_neutral:
            self.neutral.hide()
        self.warning.hide()
        window = self.window
        for edit in window.findChildren(QLineEdit):
            if not edit.isReadOnly() or edit.text():
                edit.setText("")  # setText clears the undo/redo history too
        for text in window.findChildren(QTextEdit):
            if not text.isReadOnly():
                text.clear()
                text.document().clearUndoRedoStacks()
        for plain in window.findChildren(QPlainTextEdit):
            if not plain.isReadOnly():
                plain.clear()
                plain.document().clearUndoRedoStacks()
        for area in window.findChildren(QAbstractScrollArea):
            for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
                bar.setValue(bar.minimum())
        focus = QApplication.focusWidget()
        if focus is not None:
            focus.clearFocus()

    def _close_popups_and_dialogs(self) -> None:
        QToolTip.hideText()
        for _ in range(20):  # nested popups and modal dialogs close innermost first
            popup = QApplication.activePopupWidget()
            modal = QApplication.activeModalWidget()
            target = popup or modal
            if target is None:
                break
            self._close(target)
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window and widget.isVisible() and (
                    isinstance(widget, (QDialog, QMenu))
                    or widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)):
                self._close(widget)

    @staticmethod
    def _close(widget: QWidget) -> None:
        if isinstance(widget, QDialog):
            widget.reject()
        widget.close()
        widget.hide()

    def _screenshot_warning(self) -> None:
        self.sweep()
        self.window.navigate("checklist" if "checklist" in self.window.screens else "home")
        self._visited = True
        self._on_idle_timer_timeout()
        self._reset_timer.stop()
        self._countdown.stop()

    def _screenshot_pin_pad(self) -> None:
        self.sweep()
        self.window.navigate("home")
        self.open_pin_pad()
        self._idle_timer.stop()
        self.pin_pad.set_message(self.wrong_pin_text(4))

    # ----------------------------------------------------------------- admin --
    def _on_long_press_timeout(self) -> None:
        if self._pins is None or not self._pins.has_pin():
            log.info("admin gesture ignored: no admin PIN set (use kiosk-admin set-pin)")
            return
        self.open_pin_pad()

    def open_pin_pad(self) -> None:
        self.pin_pad.clear()
        self._show_lock_message()
        self.pin_overlay.open()
        self.pin_pad.field.setFocus()
        self.note_activity()

    def _show_lock_message(self) -> bool:
        seconds = self._pins.locked_seconds() if self._pins is not None else 0.0
        if seconds <= 0:
            return False
        minutes = max(1, round(seconds / 60))
        if self._pins is not None and self._pins.unwritable:
            text = (self.tr("The admin PIN pad is locked. Try again in 1 minute, or ask IT to"
                            " check the kiosk's data folder.") if minutes == 1 else
                    self.tr("The admin PIN pad is locked. Try again in %1 minutes, or ask IT"
                            " to check the kiosk's data folder."))
        else:
            text = (self.tr("Too many wrong PINs. Try again in 1 minute.") if minutes == 1 else
                    self.tr("Too many wrong PINs. Try again in %1 minutes."))
        self.pin_pad.set_message(text.replace("%1", str(minutes)))
        self.pin_pad.set_locked(True)
        return True

    def _on_pin_pad_submitted(self, pin: str) -> None:
        if self._pins is None:
            return
        result = self._pins.check(pin)
        if result.status is PinStatus.OK:
            log.info("admin screen opened")
            self.pin_pad.clear()
            self.pin_overlay.hide()
            self.window.navigate(ADMIN_SCREEN_ID)
            self.note_activity()
            self.admin_opened.emit()
        elif result.status is PinStatus.WRONG:
            log.warning("wrong admin PIN (%d tries left)", result.attempts_left)
            self.pin_pad.set_message(self.wrong_pin_text(result.attempts_left))
        elif result.status is PinStatus.LOCKED:
            log.warning("admin PIN pad locked for %d s", round(result.locked_seconds))
            self._show_lock_message()
        else:
            self.pin_overlay.hide()

    def wrong_pin_text(self, left: int) -> str:
        if left == 1:
            return self.tr("That PIN is not right. 1 more try before the pad locks.")
        return self.tr("That PIN is not right. %1 more tries before the pad locks.").replace(
            "%1", str(left))

    def _on_pin_pad_cancelled(self) -> None:
        self.pin_overlay.hide()

    def leave_admin(self) -> None:
        self.reset_session("admin")

    def exit_kiosk(self, code: int = EXIT_ADMIN) -> None:
        """An administrator leaves the kiosk: forget everything, close, exit with `code`."""
        log.info("kiosk exited from the admin screen (code %d)", code)
        self.reset_session("admin")
        self._exit_authorised = True
        self.exit_code = code
        self.window.close()
        self.uninstall()  # the window is closed for good
        self.exit_app(code)

    def restart_kiosk(self) -> None:
        self.exit_kiosk(EXIT_RESTART)

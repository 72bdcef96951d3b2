"""An on-screen keyboard that lives inside the main window (docked at the bottom).

Not Qt Virtual Keyboard: that needs QtQuick, opens its own top-level window and can learn
words. This one is a plain widget of large buttons. It keeps nothing: no word memory, no
suggestions. It types with setText (never insert), so a field's undo history stays empty.

Anyone can target it: `keyboard.attach(line_edit, numeric=False)`. Once attached, a field
becomes the target whenever it gets focus or is tapped. With `auto_show` (kiosk mode) a tap
on the field opens the keyboard; focus arriving any other way never does: Qt moves focus by
itself when a focused button hides or a page changes, and a keyboard that opened then would
cover half the screen and catch the visitor's next tap. In windowed (laptop) mode it opens
only when asked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QFontMetrics, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui import theme
from kiosk.ui.widgets.keypad import NumericKeypad, type_key
from kiosk.ui.widgets.touch import FittingButton, TouchButton

#: Digits, Spanish accents and marks, then the letters; ñ sits after l, as on a Spanish
#: keyboard. Accents have their own keys (no dead keys, no long press): a visitor sees
#: every letter they can type, in either language.
LETTER_ROWS = ("1234567890", "áéíóúü¿¡", "qwertyuiop", "asdfghjklñ", "zxcvbnm")
ACCENT_KEYS = "áéíóúüñ¿¡"
_ACCENT_ROW = 1
_DELETE_ROW = 3
_LAST_ROW = len(LETTER_ROWS) - 1
#: Keys are this much taller than the minimum touch target (in windows at least this high).
KEY_EXTRA_PX = 12
COMPACT_BELOW_HEIGHT = 900
KEY_SPACING = 5
#: Room above and below a key's letter: the stylesheet's padding and the button's border.
KEY_TEXT_PADDING_PX = 14
#: The keys never spread wider than this (a 1920-pixel-wide Q key helps nobody).
MAX_KEYBOARD_WIDTH = 1280
NUMERIC_WIDTH = 520
#: Focus reasons that make a field the keyboard's target (not: the window was activated).
_CHOSEN = (Qt.FocusReason.MouseFocusReason, Qt.FocusReason.TabFocusReason,
           Qt.FocusReason.BacktabFocusReason, Qt.FocusReason.ShortcutFocusReason,
           Qt.FocusReason.OtherFocusReason)
#: Events that are a person touching the field itself: the only ones that open the keyboard.
_TAPS = (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin)


class OnScreenKeyboard(QFrame):
    """Letters, digits, space, backspace, clear and done; a numeric layout for ZIP and PIN."""

    done = Signal()
    #: True when the keyboard opens, False when it closes.
    shown_changed = Signal(bool)
    #: Emitted just before the keyboard opens (True) or closes (False).
    showing = Signal(bool)

    def __init__(self, parent: QWidget | None = None, *, auto_show: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("OnScreenKeyboard")
        self.setAccessibleName(self.tr("On-screen keyboard"))
        self.auto_show = auto_show
        self._target: QLineEdit | None = None
        self._window: QWidget | None = None
        self._fields: dict[QLineEdit, bool] = {}  # attached field -> numeric?
        self._keys: dict[str, TouchButton] = {}
        self._key_height = theme.touch_target_px(self) + KEY_EXTRA_PX
        self._compact = False
        self._numeric = False
        #: The keys are built the first time they are needed (shown, or looked up), not
        #: with the window: most visitors never open the keyboard, and its ~50 buttons
        #: were a third of the widgets before the first frame.
        self._built = False
        #: Where the accent keys go once built (place_accents may come first).
        self._accents_wanted_beside_digits = False
        # The key text follows the visitor's text size (the stylesheet's point size); the
        # keys grow taller with it so a larger letter is never cut.
        theme.changes().changed.connect(self._follow_text_size)
        self.hide()

    def _follow_text_size(self) -> None:
        self.set_compact(self._compact)

    def _key_height_for(self, compact: bool) -> int:
        """A touch target's height, or the height the key's letter needs at this text size."""
        font = QFont(self.font())
        font.setPointSize(theme.point_size(theme.KEY_POINTS))
        needed = QFontMetrics(font).height() + KEY_TEXT_PADDING_PX
        return max(theme.touch_target_px(self) + (0 if compact else KEY_EXTRA_PX), needed)

    def _ensure_built(self) -> None:
        if self._built:
            return
        self._built = True
        outer = QHBoxLayout(self)
        # Narrow side margins: on a 600-pixel-wide tablet every pixel goes to the keys.
        outer.setContentsMargins(6, 6, 6, 6)
        holder = QWidget()
        holder.setMaximumWidth(MAX_KEYBOARD_WIDTH)
        # Not a QStackedLayout: a hidden page must not make the keyboard taller.
        self._pages = QVBoxLayout(holder)
        self._pages.setContentsMargins(0, 0, 0, 0)
        outer.addStretch(1)
        outer.addWidget(holder, 100)
        outer.addStretch(1)

        self._letters_page = self._build_letters()
        self._pages.addWidget(self._letters_page)
        numeric_page = QWidget()
        numeric_layout = QHBoxLayout(numeric_page)
        numeric_layout.setContentsMargins(0, 0, 0, 0)
        keypad = self._keypad = NumericKeypad(done_text=self.tr("Done"))
        keypad.setMaximumWidth(NUMERIC_WIDTH)
        keypad.grid.setSpacing(KEY_SPACING)
        for key, button in [*keypad.keys.items(), ("done", keypad.done_button)]:
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setProperty("key", True)
            button.setProperty("word", not key.isdigit())
        keypad.done.connect(self._on_done_clicked)
        numeric_layout.addStretch(1)
        numeric_layout.addWidget(keypad, 3)
        numeric_layout.addStretch(1)
        self._numeric_page = numeric_page
        self._pages.addWidget(numeric_page)
        numeric_page.hide()
        self.set_compact(self._compact)
        self.place_accents(self._accents_wanted_beside_digits)
        self._apply_target()

    @property
    def keys(self) -> dict[str, TouchButton]:
        self._ensure_built()
        return self._keys

    @property
    def keypad(self) -> NumericKeypad:
        self._ensure_built()
        return self._keypad

    @property
    def letters_page(self) -> QWidget:
        self._ensure_built()
        return self._letters_page

    @property
    def numeric_page(self) -> QWidget:
        self._ensure_built()
        return self._numeric_page

    def _key(self, key: str, label: str, name: str, *, primary: bool = False) -> TouchButton:
        # A narrow keyboard shows "⌫" alone rather than a cut-off "⌫ Delete".
        button = (FittingButton(label, "⌫", primary=primary) if key == "back"
                  else TouchButton(label, primary=primary))
        button.setProperty("key", True)
        button.setProperty("word", len(key) > 1 or key == " ")
        button.setAccessibleName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps focus and its cursor
        button.setAutoRepeat(key == "back")
        button.setMinimumHeight(self._key_height)
        button.setMaximumHeight(self._key_height)
        button.setMinimumWidth(theme.touch_target_px(self))
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        button.clicked.connect(lambda _=False, k=key: self.press(k))
        self._keys[key] = button
        return button

    def _build_letters(self) -> QWidget:
        """Digits; the accents; q-p; a-ñ and Delete; Clear, z-m, Space and Done."""
        page = QWidget()
        rows = QVBoxLayout(page)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(KEY_SPACING)
        self._row_layouts: list[QHBoxLayout] = []
        for i, letters in enumerate(LETTER_ROWS):
            row = QHBoxLayout()
            row.setSpacing(KEY_SPACING)
            self._row_layouts.append(row)
            if i == _LAST_ROW:
                row.addWidget(self._key("clear", self.tr("Clear"),
                                        self.tr("Clear all the text")), 6)
            for ch in letters:
                row.addWidget(self._key(ch, ch, ch), 4)
            if i == _DELETE_ROW:
                row.addWidget(self._key("back", self.tr("⌫ Delete"),
                                        self.tr("Delete the last letter")), 6)
            elif i == _LAST_ROW:
                row.addWidget(self._key(" ", self.tr("Space"), self.tr("Space")), 7)
                row.addWidget(self._key("done", self.tr("Done"),
                                        self.tr("Done, hide the keyboard"), primary=True), 6)
            if i == _ACCENT_ROW:
                # A row of its own that can give its keys to the digits row (see below).
                self.accent_row = QWidget()
                row.setContentsMargins(0, 0, 0, 0)
                self.accent_row.setLayout(row)
                rows.addWidget(self.accent_row)
            else:
                rows.addLayout(row)
        self._accents_beside_digits = False
        return page

    def _accents_fit_beside_digits(self, width: int) -> bool:
        """True when digits and accents fit in one row of full-size keys `width` wide."""
        keys = len(LETTER_ROWS[0]) + len(LETTER_ROWS[_ACCENT_ROW])
        margins = self.contentsMargins()
        needed = (keys * theme.touch_target_px(self) + (keys - 1) * KEY_SPACING
                  + margins.left() + margins.right() + 12)
        return width >= needed

    def place_accents(self, beside_digits: bool) -> None:
        """Accents share the digits' row where the window is wide enough (a landscape
        1024x600 screen keeps four rows and half its height for the page), and have a row
        of their own where it is not (a portrait tablet has the height to spare)."""
        self._accents_wanted_beside_digits = beside_digits
        if not self._built or beside_digits == self._accents_beside_digits:
            return
        self._accents_beside_digits = beside_digits
        into = self._row_layouts[0 if beside_digits else _ACCENT_ROW]
        for ch in LETTER_ROWS[_ACCENT_ROW]:
            into.addWidget(self.keys[ch], 4)
        self.accent_row.setHidden(beside_digits)

    def accents_beside_digits(self) -> bool:
        return self._accents_beside_digits if self._built else self._accents_wanted_beside_digits

    def set_compact(self, compact: bool) -> None:
        """Short windows get keys of the minimum touch size; tall ones a little more."""
        self._compact = compact
        height = self._key_height_for(compact)
        for button in self._keys.values():
            button.setMinimumHeight(height)
            button.setMaximumHeight(height)

    # ------------------------------------------------------------------- targets --
    def attach(self, line_edit: QLineEdit, numeric: bool = False) -> None:
        """Type into `line_edit` from now on and whenever it gets focus again."""
        if line_edit not in self._fields:
            line_edit.installEventFilter(self)
            line_edit.destroyed.connect(lambda _=None, f=line_edit: self._forget(f))
        self._fields[line_edit] = numeric
        self._set_target(line_edit)

    def detach(self, line_edit: QLineEdit) -> None:
        if line_edit in self._fields:
            line_edit.removeEventFilter(self)
            self._forget(line_edit)

    def _forget(self, line_edit: QLineEdit) -> None:
        self._fields.pop(line_edit, None)
        if self._target is line_edit:
            self._target = None
            if self._built:
                self._keypad.set_target(None)

    def target(self) -> QLineEdit | None:
        return self._target

    def is_numeric(self) -> bool:
        return self._numeric

    def _show_page(self, numeric: bool) -> None:
        self._numeric = numeric
        if self._built:
            self._letters_page.setHidden(numeric)
            self._numeric_page.setHidden(not numeric)

    def _set_target(self, line_edit: QLineEdit) -> None:
        self._target = line_edit
        self._numeric = self._fields.get(line_edit, False)
        self._apply_target()

    def _apply_target(self) -> None:
        """Point the keypad at the target (when it is a numeric field), and show its page."""
        if not self._built:
            return
        target = self._target
        self._keypad.set_target(target if target is not None and self._numeric else None)
        self._show_page(self._numeric)

    def follow_height_of(self, window: QWidget) -> None:
        """Use compact keys while `window` is shorter than COMPACT_BELOW_HEIGHT, and put
        the accents beside the digits while it is wide enough."""
        self._window = window
        window.installEventFilter(self)
        self._follow(window)

    def _follow(self, window: QWidget) -> None:
        self.set_compact(window.height() < COMPACT_BELOW_HEIGHT)
        self.place_accents(self._accents_fit_beside_digits(window.width()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize:
            self._follow(self._window)
        elif isinstance(watched, QLineEdit) and watched in self._fields:
            tapped = event.type() in _TAPS
            if tapped or (event.type() == QEvent.Type.FocusIn and isinstance(event, QFocusEvent)
                          and event.reason() in _CHOSEN):
                self._set_target(watched)
            if tapped and self.auto_show:
                self.show()
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------------- keys --
    def press(self, key: str) -> None:
        """What a key does: type a letter or digit, space, "back", "clear" or "done"."""
        self._press(key)

    def _press(self, key: str) -> None:
        if key == "done":
            self._on_done_clicked()
            return
        target = self._target
        if target is None or not target.isEnabled() or target.isReadOnly():
            return
        type_key(target, key)

    def _on_done_clicked(self) -> None:
        self.hide()
        self.done.emit()

    # ---------------------------------------------------------------- visibility --
    def toggle(self, shown: bool | None = None) -> None:
        self.setVisible(not self.isVisible() if shown is None else shown)

    def reset(self) -> None:
        """A new visitor: the keyboard closes and forgets its target's page."""
        self.hide()
        self._show_page(False)

    def setVisible(self, visible: bool) -> None:
        # Room is made before the keys appear and given back only after they are gone: with
        # both the keys and the helpline strip shown for a moment, a portrait window would
        # need more than its screen's height and grow past it.
        changed = visible != self.isVisible()
        if visible:
            self._ensure_built()
        if changed and visible:
            self.showing.emit(True)
        super().setVisible(visible)
        if changed and not visible:
            self.showing.emit(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not event.spontaneous():
            self.shown_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():
            self.shown_changed.emit(False)

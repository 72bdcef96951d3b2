"""The search field in the top bar, with a button that opens the on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.touch import FittingButton, fill_own_background

#: Longest search a visitor can type (the search looks at fewer characters still).
MAX_SEARCH_CHARS = 80


class SearchBar(QWidget):
    """A large search field. Emits what the visitor typed; keeps no history of it."""

    #: The text changed (typing, the on-screen keyboard, or a reset to "").
    text_changed = Signal(str)
    #: The visitor wants the results: Enter, or a tap on a field that already has text.
    results_requested = Signal()
    #: The Keyboard button was pressed: True to open the keyboard, False to close it.
    keyboard_requested = Signal(bool)
    #: The field got focus (a good moment to get ready for typing).
    focused = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each keystroke repaints the field: painted on this bar's own background, it does
        # not repaint the top bar and the window under it too.
        fill_own_background(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.field = QLineEdit()
        self.field.setObjectName("SearchField")
        self.field.setPlaceholderText(self.tr("Search"))
        self.field.setAccessibleName(self.tr("Search the guide, questions and programs"))
        self.field.setMaxLength(MAX_SEARCH_CHARS)
        self.field.setMinimumHeight(theme.touch_target_px(self))
        self.field.setMinimumWidth(220)
        self.field.setMaximumWidth(620)
        # No autocompletion (a QLineEdit has no completer unless given one), no spell-check
        # memory, nothing offered from earlier visitors.
        self.field.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText
                                       | Qt.InputMethodHint.ImhSensitiveData
                                       | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.field.textChanged.connect(self.text_changed.emit)
        self.field.returnPressed.connect(self.results_requested.emit)
        self.field.installEventFilter(self)
        layout.addWidget(self.field, 1)

        # The symbol alone when the whole word would be cut (largest text on a laptop).
        self.keyboard_button = FittingButton(self.tr("⌨ Keyboard"), self.tr("⌨"))
        self.keyboard_button.setCheckable(True)
        # Slimmer sides than other buttons: a portrait 768-pixel kiosk with the largest text
        # has Quick exit whole beside it only so.
        self.keyboard_button.setObjectName("KeyboardButton")
        self.keyboard_button.setAccessibleName(self.tr("Show or hide the on-screen keyboard"))
        self.keyboard_button.toggled.connect(self._on_keyboard_button_toggled)
        # Its words' width at the visitor's new text size.
        theme.changes().changed.connect(self._fit_keyboard_button)
        self._narrow = True
        self.set_narrow(False)
        layout.addWidget(self.keyboard_button)

    def set_narrow(self, narrow: bool) -> None:
        """A narrow window (portrait 600 px): a shorter field and the keyboard button as its
        symbol only, so Quick exit beside them always fits."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        # Room for the language button too, in either language: a wide bar that cannot
        # shrink below 900 px would never become the narrow one.
        self.field.setMinimumWidth(100 if narrow else 220)
        self._fit_keyboard_button()

    def _fit_keyboard_button(self) -> None:
        self.keyboard_button.setText(self.tr("⌨") if self._narrow else self.tr("⌨ Keyboard"))
        self.keyboard_button.ensurePolished()
        self.keyboard_button.setMinimumWidth(self.keyboard_button.sizeHint().width())

    def text(self) -> str:
        return self.field.text()

    def clear(self) -> None:
        """Forget the visitor's search: setText("") also empties the undo history."""
        self.field.setText("")
        self.field.clearFocus()

    def set_keyboard_shown(self, shown: bool) -> None:
        """Reflect the keyboard's state on the button without asking again."""
        self.keyboard_button.blockSignals(True)
        self.keyboard_button.setChecked(shown)
        self.keyboard_button.blockSignals(False)

    def _on_keyboard_button_toggled(self, checked: bool) -> None:
        if checked:
            self.field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.keyboard_requested.emit(checked)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        if (watched is self.field and event.type() == QEvent.Type.MouseButtonPress
                and self.field.text()):
            self.results_requested.emit()
        return super().eventFilter(watched, event)

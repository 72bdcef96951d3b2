"""The staff PIN pad: a masked field, a large numeric keypad, Unlock and Cancel."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kiosk.store.pins import MAX_PIN_LENGTH
from kiosk.ui.widgets.keypad import NumericKeypad
from kiosk.ui.widgets.touch import TouchButton

#: Narrowest a key may get (px): a finger-sized target with room for "⌫ Delete".
KEY_MIN_WIDTH = 120
#: Overlays shorter than this (px) put the keypad beside the field.
STACKED_MIN_HEIGHT = 640


class PinPad(QWidget):
    """Emits `submitted(pin)` on Unlock (or Enter) and `cancelled` on Cancel.

    The field is emptied with setText("") as soon as a PIN is submitted, so nothing typed
    stays on screen or in the field's undo history.
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Staff PIN"))
        layout = self._layout = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        side = QVBoxLayout()
        side.setSpacing(12)
        self.title = QLabel(self.tr("Staff only: enter the admin PIN"))
        self.title.setProperty("role", "subtitle")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        side.addWidget(self.title)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(MAX_PIN_LENGTH)
        self.field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setAccessibleName(self.tr("PIN"))
        self.field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.field.setProperty("bigDigits", True)
        self.field.returnPressed.connect(self.submit)
        side.addWidget(self.field)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.tr("PIN message"))
        side.addWidget(self.message)
        self.keypad = NumericKeypad(self.field, done_text=self.tr("Unlock"))
        self.keypad.done.connect(self.submit)
        self.keypad.stretch_columns()
        for column in range(3):
            self.keypad.grid.setColumnMinimumWidth(column, KEY_MIN_WIDTH)
        self.cancel_button = TouchButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self._cancel_row = QHBoxLayout()
        self._cancel_row.addStretch(1)
        self._cancel_row.addWidget(self.cancel_button)
        self._side = side
        layout.addLayout(side)
        layout.addWidget(self.keypad, 1)
        layout.addLayout(self._cancel_row)
        self._side_by_side = False

    def set_side_by_side(self, side_by_side: bool) -> None:
        """Keypad beside the field (a short screen such as 1024x600, where four rows of
        keys under the field would not fit and the keys overlap), or under it."""
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        self._layout.removeItem(self._cancel_row)
        self._side.removeItem(self._cancel_row)
        if side_by_side:
            self._side.addStretch(1)
            self._side.addLayout(self._cancel_row)
            self._layout.setDirection(QBoxLayout.Direction.LeftToRight)
        else:
            stretch = self._side.takeAt(self._side.count() - 1)
            del stretch
            self._layout.addLayout(self._cancel_row)
            self._layout.setDirection(QBoxLayout.Direction.TopToBottom)

    def is_side_by_side(self) -> bool:
        return self._side_by_side

    def submit(self) -> None:
        pin = self.field.text()
        self.field.setText("")
        if pin:
            self.submitted.emit(pin)

    def set_message(self, text: str) -> None:
        self.message.setText(text)

    def set_locked(self, locked: bool) -> None:
        self.keypad.setEnabled(not locked)
        self.field.setEnabled(not locked)

    def clear(self) -> None:
        self.field.setText("")
        self.message.setText("")
        self.set_locked(False)

    def _on_cancel_button_clicked(self) -> None:
        self.clear()
        self.cancelled.emit()

"""A large numeric keypad (ZIP codes, PINs) that types into a QLineEdit it is given."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QSizePolicy, QWidget

from kiosk.ui.widgets.touch import FittingButton, TouchButton


class NumericKeypad(QWidget):
    """Digits 0-9, Delete (backspace), Clear and Done, as a 4x3 grid plus a Done row.

    Text is edited with setText (never insert/undo), so the field's undo history stays empty.
    """

    done = Signal()

    def __init__(self, target: QLineEdit | None = None, parent: QWidget | None = None,
                 *, done_text: str = "") -> None:
        super().__init__(parent)
        self._target = target
        grid = self.grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.keys: dict[str, TouchButton] = {}
        layout = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "back"]
        labels = {"clear": self.tr("Clear"), "back": self.tr("⌫ Delete")}
        for i, key in enumerate(layout):
            # A narrow keypad shows the symbol alone rather than "⌫ Delet".
            button = (FittingButton(labels[key], "⌫") if key == "back"
                      else TouchButton(labels.get(key, key)))
            button.setProperty("key", True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setAccessibleName({"clear": self.tr("Clear"),
                                      "back": self.tr("Delete last digit")}.get(key, key))
            button.clicked.connect(lambda _=False, k=key: self.press(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        self.done_button = TouchButton(done_text or self.tr("Done"), primary=True)
        self.done_button.clicked.connect(self.done.emit)
        grid.addWidget(self.done_button, 4, 0, 1, 3)

    def stretch_columns(self) -> None:
        """Share the width evenly between the three key columns (wide keypads)."""
        for column in range(3):
            self.grid.setColumnStretch(column, 1)

    def set_target(self, target: QLineEdit | None) -> None:
        self._target = target

    def press(self, key: str) -> None:
        if self._target is not None and (key.isdigit() or key in ("back", "clear")):
            type_key(self._target, key)


def type_key(target: QLineEdit, key: str) -> None:
    """What an on-screen key does to a field: add its character (within the field's
    length, one space at a time), "back" or "clear".

    Always setText, never insert: the field's undo history stays empty, so nothing a
    visitor typed can be brought back after a reset.
    """
    text = target.text()
    if key == "back":
        text = text[:-1]
    elif key == "clear":
        text = ""
    elif target.maxLength() <= 0 or len(text) < target.maxLength():
        if key == " " and (not text or text.endswith(" ")):
            return
        text += key
    target.setText(text)

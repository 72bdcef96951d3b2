"""Filter chips: large toggle buttons that show how many results they would give."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.ui.widgets.touch import TouchButton


class FilterChip(TouchButton):
    """A checkable touch button labelled "Label (count)"; `toggled_key` names the filter."""

    toggled_key = Signal(str, bool)

    def __init__(self, key: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, parent, checkable=True)
        self.key = key
        self.label = label
        self.count: int | None = None
        self.setProperty("chip", True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(label)
        self.toggled.connect(self._on_self_toggled)

    def set_count(self, count: int) -> None:
        if count == self.count:
            return
        self.count = count
        text = self.tr("{label} ({count})").format(label=self.label, count=f"{count:,}")
        self.setText(text)
        self.setAccessibleName(text)
        # A chip that would give nothing stays tappable when on (so it can be turned off).
        self.setEnabled(count > 0 or self.isChecked())

    def _on_self_toggled(self, checked: bool) -> None:
        self.toggled_key.emit(self.key, checked)

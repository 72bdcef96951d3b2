"""The visitor's display options: bigger text and high contrast, from the "Aa" button.

A choice applies at once to every screen (the stylesheet and fonts are switched, nothing is
rebuilt, so the visitor stays where they were); a session reset returns to the kiosk's own
default, which an administrator sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QButtonGroup, QVBoxLayout, QWidget

from kiosk.ui import theme
from kiosk.ui.widgets.labels import wrapped_label
from kiosk.ui.widgets.overlays import Overlay
from kiosk.ui.widgets.touch import TouchButton


@dataclass(frozen=True)
class DisplayChoice:
    text_percent: int = 100
    high_contrast: bool = False


class DisplayOptions(QObject):
    """What the screen looks like for this visitor; `defaults` gives the kiosk's own."""

    changed = Signal()

    def __init__(self, defaults: Callable[[], DisplayChoice], parent: QObject | None = None,
                 ) -> None:
        super().__init__(parent)
        self._defaults = defaults
        self.choice = DisplayChoice()
        self.reset()

    def set_text_percent(self, percent: int) -> None:
        self._set(DisplayChoice(percent, self.choice.high_contrast))

    def set_high_contrast(self, on: bool) -> None:
        self._set(DisplayChoice(self.choice.text_percent, on))

    def set_defaults(self, defaults: Callable[[], DisplayChoice]) -> None:
        """Where the kiosk's default comes from (screenshots fix one), applied now."""
        self._defaults = defaults
        self.reset()

    def reset(self) -> None:
        """Back to the kiosk's default (a new visitor)."""
        self._set(self._defaults())

    def _set(self, choice: DisplayChoice) -> None:
        self.choice = choice
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, high_contrast=choice.high_contrast,
                        text_percent=choice.text_percent)
        self.changed.emit()


class DisplayPanel(Overlay):
    """A large card over the page: three text sizes, high contrast on or off, Done."""

    def __init__(self, host: QWidget, top_bar: QWidget, options: DisplayOptions) -> None:
        super().__init__(host, top_bar)
        self.setObjectName("DisplayPanel")
        self.setAccessibleName(self.tr("Text size and contrast"))
        self._options = options
        _card, layout = self.card(560, scrolls=True)
        self.title = wrapped_label(self.tr("Text size and contrast"), "title")
        layout.addWidget(self.title)
        layout.addWidget(wrapped_label(self.tr("Text size"), "subtitle"))
        # One above the other, full width: "Largest" in the largest type still fits.
        sizes = QVBoxLayout()
        self.size_group = QButtonGroup(self)
        self.size_buttons: dict[int, TouchButton] = {}
        names = {100: self.tr("Normal"), 125: self.tr("Large"), 150: self.tr("Largest")}
        for percent in theme.TEXT_SIZES:
            button = TouchButton(names[percent], checkable=True)
            button.setProperty("displayChoice", True)
            button.setAccessibleName(self.tr("Text size: %1").replace("%1", names[percent]))
            button.clicked.connect(lambda _=False, p=percent: options.set_text_percent(p))
            self.size_group.addButton(button)
            self.size_buttons[percent] = button
            sizes.addWidget(button)
        layout.addLayout(sizes)
        layout.addWidget(wrapped_label(self.tr("Contrast"), "subtitle"))
        self.contrast_button = TouchButton("", checkable=True)
        self.contrast_button.setProperty("displayChoice", True)
        self.contrast_button.clicked.connect(self._on_contrast_button_clicked)
        layout.addWidget(self.contrast_button)
        self.done_button = TouchButton(self.tr("Done"), primary=True)
        self.done_button.setProperty("displayChoice", True)
        self.done_button.clicked.connect(self.close_panel)
        layout.addWidget(self.done_button)
        options.changed.connect(self._show_choice)
        self.escape_pressed.connect(self.close_panel)
        self._show_choice()

    def _show_choice(self) -> None:
        choice = self._options.choice
        for percent, button in self.size_buttons.items():
            button.setChecked(percent == choice.text_percent)
        on = choice.high_contrast
        self.contrast_button.setChecked(on)
        # The words say the state too, so it is never shown by colour alone.
        self.contrast_button.setText(self.tr("High contrast: on") if on
                                     else self.tr("High contrast: off"))
        self.contrast_button.setAccessibleName(self.contrast_button.text())

    def _on_contrast_button_clicked(self, checked: bool) -> None:
        self._options.set_high_contrast(checked)

    def open_panel(self) -> None:
        """Open with focus on the size in use; focus goes back where it was after."""
        self.open()
        chosen = self.size_buttons.get(self._options.choice.text_percent)
        (chosen or self.done_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def close_panel(self) -> None:
        self.hide()


class DisplayButton(TouchButton):
    """"Aa" in the top bar: opens the display options."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        # Two letters, large and small: the usual sign for text size (a catalog may differ).
        self.setText(self.tr("Aa"))
        self.setObjectName("DisplayButton")
        self.setAccessibleName(self.tr("Text size and contrast"))
        self.setAccessibleDescription(self.tr("Make the text bigger or switch to high contrast"))

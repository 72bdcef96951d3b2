"""The visitor's language button in the top bar: it names the other language, in that
language ("Español" on the English screens, "English" on the Spanish ones)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.widgets.touch import TouchButton

#: Each language's name for itself: a visitor looks for their own language's name.
NATIVE_NAMES = {"en": "English", "es": "Español"}
#: The short names a narrow top bar (a portrait tablet) has room for.
SHORT_NAMES = {"en": "EN", "es": "ES"}
#: What the button does, said in the language it switches to (for screen readers).
SWITCH_TO = {"en": "Show the kiosk in English", "es": "Ver el kiosco en español"}


def other_language(current: str, languages: Sequence[str]) -> str:
    """The language the button offers: the first one the kiosk has besides `current`."""
    return next((lang for lang in languages if lang != current), "")


class LanguageButton(TouchButton):
    """Offers the kiosk's other language; hidden when the content has only one."""

    #: The visitor asked for this language (a code such as "es").
    language_chosen = Signal(str)

    def __init__(self, current: str, languages: Sequence[str],
                 parent: QWidget | None = None) -> None:
        self.offered = other_language(current, languages)
        super().__init__(NATIVE_NAMES.get(self.offered, self.offered), parent, whole=True)
        self.setObjectName("LanguageButton")
        # The other language's words: the catalog of the language on screen never
        # translates them (the visitor who needs the button cannot read this one).
        self.setAccessibleName(NATIVE_NAMES.get(self.offered, self.offered))
        self.setAccessibleDescription(SWITCH_TO.get(self.offered, ""))
        self.setVisible(bool(self.offered))
        self.clicked.connect(self._on_clicked)
        self.set_narrow(False)

    def set_narrow(self, narrow: bool) -> None:
        """The short name ("ES") in a narrow top bar, the whole name otherwise; never
        squeezed below its words."""
        names = SHORT_NAMES if narrow else NATIVE_NAMES
        self.setText(names.get(self.offered, self.offered))

    def _on_clicked(self) -> None:
        if self.offered:
            self.language_chosen.emit(self.offered)

"""The on-screen keyboard types Spanish: ñ, the accented vowels, ü, ¿ and ¡, by touch."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit

from kiosk.ui.widgets.keyboard import ACCENT_KEYS, OnScreenKeyboard


def tap(qtbot: Any, keyboard: OnScreenKeyboard, text: str) -> None:
    for ch in text:
        qtbot.mouseClick(keyboard.keys[ch], Qt.MouseButton.LeftButton)


def test_every_spanish_letter_and_mark_has_a_key(qtbot: Any) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    field = QLineEdit()
    qtbot.addWidget(field)
    keyboard.attach(field)
    keyboard.show()
    assert set("ñáéíóúü¿¡") == set(ACCENT_KEYS)
    for ch in ACCENT_KEYS:
        button = keyboard.keys[ch]
        assert button.text() == ch and button.isVisible()
        assert button.height() >= 48 and button.width() >= 48  # a finger's size
    tap(qtbot, keyboard, "¿dónde ¡pequeño pingüino")
    assert field.text() == "¿dónde ¡pequeño pingüino"
    assert not field.isUndoAvailable()


@pytest.mark.parametrize(("size", "beside"), [((1024, 600), True), ((1366, 768), True),
                                              ((600, 1024), False)])
def test_accents_share_the_digit_row_only_where_they_fit(
        qtbot: Any, make_shell: Any, size: tuple[int, int], beside: bool) -> None:
    shell = make_shell(size=size)
    shell.window.fit_to(*size)
    keyboard = shell.keyboard
    shell.search_bar.field.setFocus()
    keyboard.toggle(True)
    qtbot.waitUntil(keyboard.isVisible)
    QCoreApplication.processEvents()
    assert keyboard.accents_beside_digits() is beside
    one, acute, q = keyboard.keys["1"], keyboard.keys["á"], keyboard.keys["q"]
    same_row = acute.mapTo(keyboard, acute.rect().topLeft()).y() == one.mapTo(
        keyboard, one.rect().topLeft()).y()
    assert same_row is beside
    # A landscape 1024x600 screen keeps four rows of letters and digits, not five.
    rows = {keyboard.keys[k].mapTo(keyboard, keyboard.keys[k].rect().topLeft()).y()
            for k in ("1", "á", "q", "a", "z")}
    assert len(rows) == (4 if beside else 5)
    for ch in ACCENT_KEYS:
        assert keyboard.keys[ch].isVisible()
        assert keyboard.keys[ch].width() >= 48
    assert q.isVisible()
    assert shell.window.size().toTuple() == size


def test_spanish_typed_with_accents_searches_the_spanish_guide(
        qtbot: Any, make_shell: Any, stores: Any) -> None:
    stores.settings = dataclasses.replace(stores.settings, lang="es")
    stores.content = stores.content.in_language("es")
    shell = make_shell(stores=stores)
    keyboard = shell.keyboard
    qtbot.mouseClick(shell.search_bar.keyboard_button, Qt.MouseButton.LeftButton)
    tap(qtbot, keyboard, "desintoxicación")
    assert shell.search_bar.text() == "desintoxicación"
    screen = shell.screens.search
    qtbot.waitUntil(lambda: bool(screen.model.hits()))
    titles = [h.title for h in screen.model.hits()]
    assert "¿Necesito la desintoxicación antes del IOP?" in titles

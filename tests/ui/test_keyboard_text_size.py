"""The on-screen keyboard's letters grow with the visitor's text size (the Aa panel)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.ui import theme
from kiosk.ui.widgets.keyboard import OnScreenKeyboard


@pytest.fixture
def text_size(qapp: QApplication) -> Iterator[Any]:
    before = theme.look()

    def set_size(percent: int) -> None:
        theme.apply(qapp, high_contrast=False, text_percent=percent)
        QCoreApplication.processEvents()

    yield set_size
    theme.apply(qapp, high_contrast=before.high_contrast, text_percent=before.text_percent)


def test_key_letters_grow_with_the_text_size_and_are_never_cut(
        qtbot: Any, text_size: Any) -> None:
    text_size(100)
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    field = QLineEdit()
    qtbot.addWidget(field)
    keyboard.attach(field)
    keyboard.set_compact(True)
    keyboard.resize(1024, 300)
    keyboard.show()
    q, space = keyboard.keys["q"], keyboard.keys[" "]
    small_letter, small_word = q.fontInfo().pointSize(), space.fontInfo().pointSize()
    text_size(150)
    assert q.fontInfo().pointSize() > small_letter
    assert space.fontInfo().pointSize() > small_word
    # The bigger letter fits inside its key, and the key is still a finger's size.
    assert q.height() >= q.fontMetrics().height()
    assert q.height() >= 48 and q.width() >= 48
    text_size(100)
    assert q.fontInfo().pointSize() == small_letter

"""The one hook through which this package's visitor-facing words are translated."""

from __future__ import annotations

from collections.abc import Callable

#: English text in, the visitor's language out (Qt's translator in the UI).
Translate = Callable[[str], str]


def untranslated(text: str) -> str:
    return text

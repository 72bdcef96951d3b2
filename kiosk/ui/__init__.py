"""PySide6 user interface. The only package (with kiosk.app) that imports Qt.

Importing this package first works around a PySide6 6.12.0 bug on Python 3.11: every call
to a Qt method that returns None (or a bool) drops one reference to None (or True/False)
without taking it. None's reference count starts in the low thousands, so after a few
thousand calls CPython aborts with "Fatal Python error: none_dealloc" — within minutes on a
kiosk. From Python 3.12 these singletons are immortal and nothing needs doing.
"""

from __future__ import annotations

import ctypes
import sys

#: Far more references than a kiosk could drop in years of Qt calls.
_SINGLETON_RESERVE = 1 << 48


def _make_singletons_effectively_immortal() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (Py_ssize_t).
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < _SINGLETON_RESERVE:
            refcount.value += _SINGLETON_RESERVE


_make_singletons_effectively_immortal()

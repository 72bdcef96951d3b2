"""Handing memory the kiosk no longer needs back to the system.

The kiosk runs all day: what one visitor's pages, searches and printouts took should not
stay resident for the next one.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import linecache
import sys
import types
from pathlib import Path
from typing import Any


def release_freed_memory() -> None:
    """Hand memory freed after a big job back to the system (glibc only).

    A long booklet lays out thousands of small text documents, and a visitor's screens
    free theirs at the reset; glibc keeps such pages in its arenas, so the kiosk's resident
    size would stay at its peak for the rest of the day. Elsewhere this does nothing. It
    takes well under a millisecond.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes  # here: not worth its import time before the first frame

    # The soname directly: find_library would run ldconfig in a subprocess each time.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def scan_sources_without_keeping() -> None:
    """Let PySide6 check each newly imported module's source without keeping it.

    PySide6 reads the whole source of every module imported after it, to see whether it
    names PySide6 (for its optional `__feature__` switches), through inspect and linecache,
    which split it into lines and keep every line for good: over 70,000 lines, about 6 MiB,
    and some 27 ms before the first frame. The same question is answered here from the
    file's bytes, which are dropped at once (a .pyc's from the .py beside it; the bundle's
    have none, so none of them uses PySide6's switches, as PySide6 would find too);
    built-in and extension modules still go to PySide6's own check. Where PySide6 no
    longer has that check, nothing changes (and `forget_module_sources` still drops what
    it kept).
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_from_bytes", False):
        return

    def uses_pyside(module: types.ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not (isinstance(path, str) and path.endswith((".py", ".pyc"))):
            return bool(original(module))  # built-in and extension modules
        try:
            # A .pyc's source is the .py beside it, as inspect looks for it. (The bundle's
            # modules have none: PySide6's own look costs ~40 us a module to say so.)
            return b"PySide6" in Path(path.removesuffix("c")).read_bytes()
        except OSError:
            return False  # as PySide6 answers for a module whose source cannot be read

    uses_pyside._from_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def forget_module_sources() -> None:
    """Drop the source text linecache keeps (see `scan_sources_without_keeping`); a
    traceback reads the lines it needs again."""
    linecache.clearcache()


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is asked for, then imports it
    and answers from it. (importlib's LazyLoader will not do: an import statement that
    finds it in sys.modules reads its __spec__, which loads it.)"""

    def __getattr__(self, attribute: str) -> Any:
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        module = importlib.import_module(name)
        return getattr(module, attribute)


def defer_module(name: str) -> None:
    """Stand a placeholder in for `name` until something uses one of its attributes.

    For a module that some import only names, never uses, here: xml.sax.saxutils (which
    segno's writers import to escape SVG) imports urllib.request, and with it http.client,
    email and ssl, about 10 MiB resident with OpenSSL's libraries. The kiosk is offline and
    draws its QR codes as pictures, so it needs none of them; whatever really uses the
    module later imports all of it on that first use.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    placeholder = _Deferred(name)
    placeholder.__spec__ = spec
    sys.modules[name] = placeholder
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, placeholder)

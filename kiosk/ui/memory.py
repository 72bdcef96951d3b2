"""Handing memory the kiosk no longer needs back to the system.

The kiosk runs all day: what one visitor's pages, searches and printouts took should not
stay resident for the next one.
"""

from __future__ import annotations

import contextlib
import linecache
import sys


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


def forget_module_sources() -> None:
    """Drop the source text Python keeps after a module's import.

    PySide6 reads the whole source of every module imported after it (to see whether it
    uses PySide6) through linecache, which keeps every line for good: over 70,000 lines,
    about 6 MiB, by the first frame. A traceback reads the lines it needs again.
    """
    linecache.clearcache()

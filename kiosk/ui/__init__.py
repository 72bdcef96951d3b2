"""PySide6 user interface. The only package (with kiosk.app) that imports Qt.

PySide6 is pinned to 6.11.3: 6.12.0 on Python 3.11 drops a reference to None/True/False on
every Qt call that returns one, and CPython aborts ("none_dealloc") after a few thousand
calls. tests/unit/test_pyside_refcount.py makes 400,000 calls to keep the pin honest.
"""

# PySide6's import hook first, so that the scan below replaces its check of every module
# imported after it.
import PySide6  # noqa: F401

from kiosk.ui.memory import scan_sources_without_keeping

scan_sources_without_keeping()

"""PySide6 user interface. The only package (with kiosk.app) that imports Qt.

PySide6 is pinned to 6.11.3: 6.12.0 on Python 3.11 drops a reference to None/True/False on
every Qt call that returns one, and CPython aborts ("none_dealloc") after a few thousand
calls. tests/unit/test_pyside_refcount.py makes 400,000 calls to keep the pin honest.
"""

import PySide6 as _pyside  # its import hook first, so the scan below replaces PySide6's

from kiosk.ui.memory import scan_sources_without_keeping as _scan

_scan()
del _pyside, _scan

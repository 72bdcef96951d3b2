"""PySide6 user interface. The only package (with kiosk.app) that imports Qt."""

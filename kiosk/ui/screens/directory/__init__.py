"""Find a program: SAMHSA's directory by state or nearest to a ZIP, with filter chips.

`DirectoryScreen` (screen.py) owns the loading, the place being looked at and which page is
showing; each page is a widget of its own that reports what the visitor asked for through
typed signals: choose a state or ZIP (choose_page.py), narrow the list with filter chips
(results_page.py), read one program (detail_page.py).
"""

from kiosk.ui.screens.directory.screen import DirectoryScreen

__all__ = ["DirectoryScreen"]

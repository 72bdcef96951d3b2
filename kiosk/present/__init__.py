"""What a visitor is told, computed once and without Qt.

Screens, printouts, search and the admin command line all describe a facility, a helpline or
a setting through this package, so the screen, the paper and the QR code never disagree.
Visitor-facing words go through a `Translate` callable the caller passes in (the UI passes
Qt's translator; the command line and tests can pass `untranslated`).
"""

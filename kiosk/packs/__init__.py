"""Signed content packs: build, publish into a TUF repository, verify and install on a kiosk.

No Qt here: `kiosk-admin` and an unattended timer use it as it is.
"""

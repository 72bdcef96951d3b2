"""`python -m kiosk`: absolute imports only (PyInstaller runs this as a script)."""

import sys

from kiosk.app import main

if __name__ == "__main__":
    sys.exit(main())

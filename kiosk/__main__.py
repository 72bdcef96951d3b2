"""`python -m kiosk`: absolute imports only (PyInstaller runs this as a script)."""

import gc
import sys

# Start-up makes a great many objects that all live on (modules, classes, Qt's enums) and
# no garbage: the collector's passes over them cost about 10 ms before the first frame.
# kiosk.app.main turns it back on once the window has painted (or at once without one).
gc.disable()

from kiosk.app import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())

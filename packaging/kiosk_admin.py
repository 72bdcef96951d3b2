"""Entry point of the bundled `kiosk-admin` (the librarians' command line), see build_spec.spec."""

import sys

from kiosk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())

"""`kiosk-admin COMMAND ...`: each command lives in its own module with `register(sub)`.

A command module defines `register(subparsers)`, which adds a parser whose default `run`
is a callable taking the parsed arguments and returning the exit code.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import sqlite3
import sys
import traceback

from kiosk import __version__
from kiosk.store.admin import AdminDbError
from kiosk.store.connect import ContentDbError

#: Modules that add commands, in the order they appear in --help.
COMMAND_MODULES = (
    "kiosk.cli.info",
    "kiosk.cli.search",
    "kiosk.cli.directory",
    "kiosk.cli.hsds",
    "kiosk.cli.print",
    "kiosk.cli.pin",
    "kiosk.cli.pack",
    "kiosk.cli.keys",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk-admin",
                                     description="Recovery Guide Kiosk administration")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


#: Exit code for a fault this program did not foresee (EX_SOFTWARE).
EXIT_UNEXPECTED = 70


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except ContentDbError as exc:
        print(f"error: {exc}; nothing was changed. Import the directory again or reinstall "
              "the kiosk", file=sys.stderr)
        return 2
    except (AdminDbError, sqlite3.Error) as exc:
        print(f"error: {database_problem(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {file_problem(exc)}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback, for a librarian
        where = traceback.extract_tb(exc.__traceback__)[-1]
        print(f"error: kiosk-admin stopped on an unexpected {type(exc).__name__} "
              f"({where.filename.rsplit('/', 1)[-1]}:{where.lineno}); nothing was changed. "
              "Please report it with the command you ran.", file=sys.stderr)
        return EXIT_UNEXPECTED


DAMAGED_ADVICE = ("Move the damaged file aside (keep it for IT) and run the command again: "
                  "a new one is made, and its PIN and settings need setting again")


def database_problem(text: str) -> str:
    """One line saying what went wrong with a database and what to do about it."""
    if "readonly" in text or "read-only" in text:
        return (f"a database cannot be written ({text}); nothing was changed. Run the command "
                "as the kiosk's own account, or give that account write permission")
    if "locked" in text or "busy" in text:
        return (f"a database is in use by another program ({text}); nothing was changed. "
                "Close the other program (or stop the kiosk) and try again")
    if "full" in text:
        return f"the disk is full ({text}); nothing was changed. Free some space and try again"
    return f"a database is damaged or not the kiosk's ({text}); nothing was changed. " \
        + DAMAGED_ADVICE


def file_problem(exc: OSError) -> str:
    name = f" ({exc.filename})" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return f"the disk is full{name}; free some space and try again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{reason}{name}: run the command as the kiosk's account or choose another place"
    return f"{reason}{name}"


if __name__ == "__main__":
    sys.exit(main())

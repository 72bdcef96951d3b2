"""`kiosk-admin COMMAND ...`: each command lives in its own module with `register(sub)`.

A command module defines `register(subparsers)`, which adds a parser whose default `run`
is a callable taking the parsed arguments and returning the exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kiosk import __version__

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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

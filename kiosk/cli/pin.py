"""`kiosk-admin set-pin`: set the PIN that opens the kiosk's admin screen.

The PIN is read twice without echo (getpass), or once from standard input with --stdin for
scripts. Only a salted scrypt hash is stored. Setting a PIN also ends any wrong-PIN lockout.
`kiosk-admin set-pin --clear` removes the PIN: the admin screen is then reachable from the
command line only.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from kiosk.cli.common import add_data_dir_option, admin_conn
from kiosk.store.pins import MAX_PIN_LENGTH, MIN_PIN_LENGTH, PinError, PinRepository


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "set-pin", help="set the admin PIN (a hidden 5-second press on the title asks for it)",
        description=f"Set the admin PIN: {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits.",
    )
    add_data_dir_option(parser)
    how = parser.add_mutually_exclusive_group()
    how.add_argument("--stdin", action="store_true",
                     help="read the PIN from the first line of standard input (for scripts)")
    how.add_argument("--clear", action="store_true",
                     help="remove the PIN (admin then only from this command line)")
    parser.set_defaults(run=run)


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("New admin PIN: ")
    second = getpass.getpass("Same PIN again: ")
    if first != second:
        print("error: the two PINs differ; nothing changed", file=sys.stderr)
        return None
    return first.strip()


def run(args: argparse.Namespace) -> int:
    conn = admin_conn(args)
    try:
        repo = PinRepository(conn)
        if args.clear:
            repo.clear_pin()
            print("admin PIN removed: the admin screen cannot be opened on the kiosk")
            return 0
        pin = _read_pin(args.stdin)
        if pin is None:
            return 1
        try:
            repo.set_pin(pin)
        except PinError as exc:
            print(f"error: {exc}; nothing changed", file=sys.stderr)
            return 1
    finally:
        conn.close()
    print("admin PIN set: press the title for 5 seconds on the kiosk to open the admin screen")
    return 0

"""Options and helpers shared by kiosk-admin commands."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from kiosk import paths
from kiosk.store.admin import open_admin_db
from kiosk.store.connect import ContentDbError, open_content_db


def add_content_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content-db", type=Path, default=None,
                        help="content database (default: the kiosk's own)")


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the kiosk's settings folder (default: the user data folder)")


def content_conn(args: argparse.Namespace) -> sqlite3.Connection | None:
    """Open the content DB read-only, or print a one-line reason and return None."""
    try:
        return open_content_db(args.content_db or paths.default_content_db())
    except ContentDbError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def admin_conn(args: argparse.Namespace) -> sqlite3.Connection:
    return open_admin_db(paths.data_dir(args.data_dir))

"""Options and helpers shared by kiosk-admin commands."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path

from kiosk import paths
from kiosk.importers import local
from kiosk.packs import installed
from kiosk.store.admin import open_admin_db
from kiosk.store.connect import ContentDbError
from kiosk.store.content import content_languages


def add_content_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content-db", type=Path, default=None,
                        help="content database (default: the kiosk's own)")


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="the kiosk's settings folder (default: the user data folder)")


def add_content_options(parser: argparse.ArgumentParser) -> None:
    """--content-db and --data-dir: which content database the kiosk would show."""
    add_content_db_option(parser)
    add_data_dir_option(parser)


def kiosk_choices(args: argparse.Namespace) -> list[local.Candidate]:
    """The content databases the kiosk itself would try, best first."""
    return local.kiosk_choices(**_where(args))


def open_kiosk_content(args: argparse.Namespace) -> local.Opened | None:
    """The content database the kiosk would show, chosen as the kiosk chooses, or None
    after printing a one-line reason."""
    try:
        return local.open_for_kiosk(**_where(args))
    except ContentDbError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None


def content_conn(args: argparse.Namespace) -> sqlite3.Connection | None:
    """Open the content DB the kiosk would show read-only, or print a one-line reason and
    return None."""
    opened = open_kiosk_content(args)
    if opened is None:
        return None
    if opened.passed:
        # Answering from an older directory than the one the librarian put in place would
        # look like their import was lost; say why it is not used instead.
        opened.conn.close()
        print(f"error: {'; '.join(opened.passed)} (the kiosk shows {opened.chosen.label} "
              "instead)", file=sys.stderr)
        return None
    return opened.conn


def _where(args: argparse.Namespace) -> dict[str, Path | None]:
    """The command line's --content-db and --data-dir, as the kiosk's choice takes them."""
    data_dir = getattr(args, "data_dir", None)
    return {"named": getattr(args, "content_db", None),
            "pack_db": installed.installed_content_db(paths.data_dir(data_dir)),
            "data_override": data_dir}


def admin_conn(args: argparse.Namespace) -> sqlite3.Connection:
    return open_admin_db(paths.data_dir(args.data_dir))


def content_lang(args: argparse.Namespace, conn: sqlite3.Connection) -> str | None:
    """--lang, if the content database has that language; else None, and one line on
    stderr naming the languages it has."""
    lang = str(args.lang).strip().lower()
    available = content_languages(conn)
    if lang not in available:
        print(f"error: this content database has no {lang!r} content "
              f"(it has: {', '.join(available)})", file=sys.stderr)
        return None
    return lang

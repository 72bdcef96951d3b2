"""`kiosk-admin info`: what content database the kiosk would use, and what is in it."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from typing import Any

from kiosk.cli.common import add_content_options, open_kiosk_content
from kiosk.store.content import ContentRepository


def register(sub: Any) -> None:
    parser = sub.add_parser("info", help="show the content database's version and contents")
    add_content_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    opened = open_kiosk_content(args)
    if opened is None:
        return 2
    try:
        repo = ContentRepository(opened.conn)
        info = repo.info()
        counts = (len(repo.guide_sections()), len(repo.faqs()), len(repo.helplines()))
    except sqlite3.DatabaseError as exc:
        print(f"error: {opened.chosen.label} ({opened.chosen.path}) cannot be read ({exc}); "
              "import the directory again or reinstall the kiosk", file=sys.stderr)
        return 2
    finally:
        opened.conn.close()
    for reason in opened.passed:
        print(f"note: {reason}")
    print(f"In use: {opened.chosen.label} ({opened.chosen.path})")
    print(f"content schema v{info.schema_version}")
    print("guide sections: {}, FAQs: {}, helplines: {}".format(*counts))
    print(f"directory: {info.directory_source or 'none loaded'} {info.directory_date}".rstrip())
    return 0

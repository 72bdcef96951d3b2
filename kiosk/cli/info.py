"""`kiosk-admin info`: what content database the kiosk would use, and what is in it."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk.cli.common import add_content_db_option, content_conn
from kiosk.store.content import ContentRepository


def register(sub: Any) -> None:
    parser = sub.add_parser("info", help="show the content database's version and contents")
    add_content_db_option(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    conn = content_conn(args)
    if conn is None:
        return 2
    repo = ContentRepository(conn)
    info = repo.info()
    print(f"content schema v{info.schema_version}")
    print(f"guide sections: {len(repo.guide_sections())}, FAQs: {len(repo.faqs())}, "
          f"helplines: {len(repo.helplines())}")
    print(f"directory: {info.directory_source or 'none loaded'} {info.directory_date}".rstrip())
    return 0

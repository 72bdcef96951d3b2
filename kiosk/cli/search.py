"""`kiosk-admin search "QUERY" [--json] [--lang es]`: what the kiosk's search would show."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from kiosk.cli.common import add_content_options, content_conn
from kiosk.store.content import FALLBACK_LANG, content_languages
from kiosk.store.search import SearchRepository

KIND_NAMES = {"guide": "Guide", "faq": "FAQ", "facility": "Program"}


def register(sub: Any) -> None:
    parser = sub.add_parser("search", help="search the guide, FAQs and programs like the kiosk")
    parser.add_argument("query", help="the words to search for")
    parser.add_argument("--json", action="store_true",
                        help='print one JSON array of {"kind", "id", "title", "snippet"}')
    parser.add_argument("--limit", type=int, default=8,
                        help="at most this many results of each kind (default: 8)")
    parser.add_argument("--lang", default=FALLBACK_LANG, metavar="CODE",
                        help="search the guide and FAQs in this language, e.g. es "
                             f"(default: {FALLBACK_LANG})")
    add_content_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    conn = content_conn(args)
    if conn is None:
        return 2
    try:
        lang = str(args.lang).strip().lower()
        available = content_languages(conn)
        if lang not in available:
            print(f"error: this content database has no {lang!r} content "
                  f"(it has: {', '.join(available)})", file=sys.stderr)
            return 2
        repo = SearchRepository(conn, lang)
        if not repo.available():
            print("error: this content database has no search index; rebuild it "
                  "(python db/build.py)", file=sys.stderr)
            return 2
        results = repo.search(args.query, limit=max(1, args.limit))
    finally:
        conn.close()
    hits = results.all()
    if args.json:
        print(json.dumps([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet}
                          for h in hits], ensure_ascii=False))
        return 0
    if results.corrections:
        print(f"also searched for: {', '.join(results.corrections)}")
    if not hits:
        print("no results")
    for hit in hits:
        print(f"{KIND_NAMES.get(hit.kind, hit.kind):8} {hit.id:28} {hit.title}")
        if hit.snippet:
            print(f"{'':8} {'':28} {hit.snippet}")
    return 0

"""`kiosk-admin search "QUERY" [--json] [--lang es]`: what the kiosk's search would show."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from typing import Any

from kiosk import paths, settings_file
from kiosk.cli.common import add_content_options, content_conn, content_lang
from kiosk.domain import SearchHit
from kiosk.present.settings import Key, resolve
from kiosk.store.admin import ADMIN_DB_NAME, AdminDbError, SettingsRepository, open_admin_db
from kiosk.store.content import FALLBACK_LANG
from kiosk.store.search import SearchRepository, read_intent

KIND_NAMES = {"help": "Help", "guide": "Guide", "faq": "FAQ", "facility": "Program"}
#: What the kiosk's search list puts first for "988", "crisis", "overdose" and the like.
CRISIS_HIT = SearchHit("help", "crisis", "Get help now: 988 and other crisis lines",
                       "Call or text 988 any time, day or night. In an emergency, call 911.")


def register(sub: Any) -> None:
    parser = sub.add_parser("search", help="search the guide, FAQs and programs like the kiosk")
    parser.add_argument("query", help="the words to search for")
    parser.add_argument("--json", action="store_true",
                        help='print one JSON array of {"kind", "id", "title", "snippet"}')
    parser.add_argument("--limit", type=int, default=8,
                        help="at most this many results of each kind (default: 8)")
    parser.add_argument("--zip", dest="zip_code", default=None,
                        help='the ZIP code "near me" means (default: the kiosk\'s own setting)')
    parser.add_argument("--lang", default=FALLBACK_LANG, metavar="CODE",
                        help="search the guide and FAQs in this language, e.g. es "
                             f"(default: {FALLBACK_LANG})")
    add_content_options(parser)
    parser.set_defaults(run=run)


def kiosk_zip(args: argparse.Namespace) -> str:
    """The ZIP "near me" means: --zip, else the admin screen's setting, else settings.toml's;
    "" when none is set or the settings cannot be read (nothing is then "near")."""
    if args.zip_code is not None:
        return str(args.zip_code).strip()
    toml = settings_file.load(paths.settings_file(args.data_dir))
    admin: dict[str, str] = {}
    data_dir = paths.data_dir(args.data_dir)
    # Only read: a search never creates the kiosk's admin database.
    if (data_dir / ADMIN_DB_NAME).is_file():
        try:
            conn = open_admin_db(data_dir)
            try:
                admin = SettingsRepository(conn).all()
            finally:
                conn.close()
        except (AdminDbError, OSError, sqlite3.Error):
            admin = {}
    return str(resolve(Key.KIOSK_ZIP, admin, toml))


def run(args: argparse.Namespace) -> int:
    conn = content_conn(args)
    if conn is None:
        return 2
    try:
        lang = content_lang(args, conn)
        if lang is None:
            return 2
        repo = SearchRepository(conn, lang)
        if not repo.available():
            print("error: this content database has no search index; rebuild it "
                  "(python db/build.py)", file=sys.stderr)
            return 2
        home_zip = kiosk_zip(args)
        results = repo.search(args.query, limit=max(1, args.limit), home_zip=home_zip)
    finally:
        conn.close()
    intent = read_intent(args.query)
    # As on the kiosk's screen: crisis help comes before anything else.
    hits = ((CRISIS_HIT,) if intent.crisis else ()) + results.all()
    if args.json:
        print(json.dumps([{"kind": h.kind, "id": h.id, "title": h.title, "snippet": h.snippet}
                          for h in hits], ensure_ascii=False))
        return 0
    notes = [f"also searched for: {', '.join(results.corrections)}"] if results.corrections else []
    if intent.near_me and not intent.zip_code and not home_zip:
        notes.append('"near me": this kiosk has no ZIP code set (set it on the admin screen, '
                     "or pass --zip); type a ZIP code to search near it")
    elif not hits:
        notes.append("no results")
    listed: list[str] = []
    for hit in hits:
        listed.append(f"{KIND_NAMES.get(hit.kind, hit.kind):8} {hit.id:28} {hit.title}")
        if hit.snippet:
            listed.append(f"{'':8} {'':28} {hit.snippet}")
    # Crisis help is the first thing read, before any note about the words searched.
    print("\n".join(listed + notes if intent.crisis else notes + listed))
    return 0

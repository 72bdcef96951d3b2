"""`kiosk-admin import samhsa-directory PATH` and `kiosk-admin stats --json`."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.cli.common import add_content_db_option, content_conn
from kiosk.importers import samhsa
from kiosk.store.directory import DirectoryDbError, DirectoryRepository


def register(sub: Any) -> None:
    importer = sub.add_parser("import", help="load directory data into the content database")
    kinds = importer.add_subparsers(dest="kind", required=True, metavar="SOURCE")
    parser = kinds.add_parser(
        "samhsa-directory",
        help="SAMHSA's National Directory (replaces the directory in one step)",
        description="Replace the kiosk's treatment facility directory with SAMHSA's National "
                    "Directory. PATH is the SAMHSA folder (with national_directory_2024/ and "
                    "locator_2020_coordinates/) or the facilities CSV itself (.csv or .csv.gz). "
                    "Default: $KIOSK_SAMHSA_DIR, else ../shared/data/samhsa. All or nothing: "
                    "on any error the database is left as it was.",
    )
    parser.add_argument("path", type=Path, nargs="?", default=None, metavar="PATH")
    parser.add_argument("--service-codes", type=Path, default=None, metavar="PATH",
                        help="service code table (default: service_code_categories.csv "
                             "beside the facilities file)")
    parser.add_argument("--coordinates", type=Path, default=None, metavar="PATH",
                        help="locator export with latitude/longitude "
                             "(default: locator_2020_coordinates/*.csv)")
    add_content_db_option(parser)
    parser.set_defaults(run=run_import)

    stats = sub.add_parser("stats", help="count the directory's facilities")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    add_content_db_option(stats)
    stats.set_defaults(run=run_stats)


def run_import(args: argparse.Namespace) -> int:
    source = args.path or paths.default_samhsa_dir()
    if source is None:
        print("error: give the SAMHSA folder (PATH) or set KIOSK_SAMHSA_DIR", file=sys.stderr)
        return 2
    db_path = args.content_db or paths.default_content_db()
    try:
        sources = samhsa.find_sources(source, args.service_codes, args.coordinates)
        report = samhsa.import_into(db_path, sources)
    except (samhsa.DirectoryImportError, DirectoryDbError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("Nothing was changed.", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"Saved to {db_path}")
    return 0


def run_stats(args: argparse.Namespace) -> int:
    conn = content_conn(args)
    if conn is None:
        return 2
    try:
        stats = DirectoryRepository(conn).stats()
    finally:
        conn.close()
    if args.json:
        print(json.dumps(asdict(stats)))
        return 0
    print(f"{stats.source or 'No directory loaded'} {stats.data_date}".rstrip())
    print(f"facilities: {stats.facilities:,}")
    for level, n in stats.by_level.items():
        print(f"  {level}: {n:,}")
    print("positions: " + ", ".join(f"{k} {v:,}" for k, v in stats.positions.items()))
    return 0

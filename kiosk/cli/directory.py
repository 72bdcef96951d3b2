"""`kiosk-admin import samhsa-directory PATH` and `kiosk-admin stats --json`."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.cli.common import add_content_db_option, content_conn
from kiosk.importers import samhsa
from kiosk.store.directory import (
    BUSY_SECONDS,
    DirectoryDbError,
    DirectoryRepository,
    check_writable,
    explain,
)


def register(sub: Any) -> None:
    importer = sub.add_parser("import", help="load directory data into the content database")
    kinds = importer.add_subparsers(dest="kind", required=True, metavar="SOURCE")
    parser = kinds.add_parser(
        "samhsa-directory",
        help="SAMHSA's National Directory (replaces the directory in one step)",
        description="Replace the kiosk's treatment facility directory with SAMHSA's National "
                    "Directory. PATH is a folder holding it (any name, e.g. "
                    "national_directory_2025/, with the locator export for positions) or the "
                    "directory file itself (.csv, .csv.gz or .xlsx). The year is read from "
                    "the file's title, sheet or name. Default: $KIOSK_SAMHSA_DIR, else "
                    "../shared/data/samhsa. Facilities, positions and the search index are "
                    "replaced in one step: on any error the database is left as it was.",
    )
    parser.add_argument("path", type=Path, nargs="?", default=None, metavar="PATH")
    parser.add_argument("--service-codes", type=Path, default=None, metavar="PATH",
                        help="service code table (default: service_code_categories.csv "
                             "beside the facilities file)")
    parser.add_argument("--coordinates", type=Path, default=None, metavar="PATH",
                        help="locator export with latitude/longitude "
                             "(default: locator_2020_coordinates/*.csv)")
    parser.add_argument("--year", default=None, metavar="YYYY",
                        help="the edition's year, when the file does not say it")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would change and change nothing")
    parser.add_argument("--json", action="store_true",
                        help="print the summary and the changes as one JSON object")
    parser.add_argument("--wait", type=float, default=BUSY_SECONDS, metavar="SECONDS",
                        help="how long to wait for another program writing the database "
                             f"(default {BUSY_SECONDS:g})")
    add_content_db_option(parser)
    parser.set_defaults(run=run_import)

    stats = sub.add_parser("stats", help="count the directory's facilities")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    add_content_db_option(stats)
    stats.set_defaults(run=run_stats)


def _fail(message: str, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"ok": False, "error": message, "changed": False}))
    print(f"error: {message} Nothing was changed.", file=sys.stderr)
    return 1


def run_import(args: argparse.Namespace) -> int:
    source = args.path or paths.default_samhsa_dir()
    if source is None:
        print("error: give the SAMHSA folder (PATH) or set KIOSK_SAMHSA_DIR", file=sys.stderr)
        return 2
    db_path = args.content_db or paths.default_content_db()
    try:
        if not args.dry_run:  # say so before spending time reading the new files
            check_writable(Path(db_path))
        sources = samhsa.find_sources(source, args.service_codes, args.coordinates, args.year)
        report, changes = samhsa.import_into(db_path, sources, dry_run=args.dry_run,
                                             busy_seconds=max(0.0, args.wait))
    except (samhsa.DirectoryImportError, DirectoryDbError) as exc:
        return _fail(str(exc).rstrip("."), args.json)
    except (OSError, sqlite3.Error) as exc:
        return _fail(explain(exc, Path(db_path)), args.json)
    if args.json:
        print(json.dumps({
            "ok": True, "dry_run": bool(args.dry_run), "changed": not args.dry_run,
            "source": report.source, "data_date": report.data_date,
            "file": report.facilities_file, "imported": report.imported,
            "rejected": [{"line": line, "id": fid, "reason": why}
                         for line, fid, why in report.rejected],
            "positions": dict(report.positions),
            "approximate_far_from_zip": [{"id": fid, "miles": miles}
                                         for fid, miles in report.far_positions],
            "changes": changes.as_dict(),
        }, sort_keys=False))
        return 0
    print(report.summary())
    print(changes.summary())
    if args.dry_run:
        print(f"Dry run: {db_path} was not changed.")
    else:
        print(f"Saved to {db_path} (search index rebuilt)")
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

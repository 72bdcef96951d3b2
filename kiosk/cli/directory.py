"""`kiosk-admin import samhsa-directory PATH`, `kiosk-admin import findtreatment-export FILE...`
and `kiosk-admin stats --json`."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.cli import hsds
from kiosk.cli.common import (
    add_content_db_option,
    add_data_dir_option,
    kiosk_choices,
    open_kiosk_content,
)
from kiosk.importers import findtreatment, local, samhsa
from kiosk.importers import hsds as hsds_import
from kiosk.importers.changes import ChangeReport
from kiosk.present.facility import describe
from kiosk.store.directory import (
    BUSY_SECONDS,
    FAR_FROM_ZIP_MILES,
    DirectoryDbError,
    DirectoryRepository,
    check_writable,
    explain,
)


def _add_import_options(parser: argparse.ArgumentParser) -> None:
    """What every directory import offers: a dry run, JSON, waiting for a lock, and which
    kiosk and database."""
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would change and change nothing")
    parser.add_argument("--json", action="store_true",
                        help="print the summary and the changes as one JSON object")
    parser.add_argument("--allow-partial", action="store_true",
                        help="import a file that looks cut short as it is (normally refused)")
    parser.add_argument("--wait", type=float, default=BUSY_SECONDS, metavar="SECONDS",
                        help="how long to wait for another program writing the database "
                             f"(default {BUSY_SECONDS:g})")
    add_content_db_option(parser)
    add_data_dir_option(parser)


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
    _add_import_options(parser)
    parser.set_defaults(run=run_import)

    export = kinds.add_parser(
        "findtreatment-export",
        help="FindTreatment.gov's locator CSV export (replace or merge)",
        description="Load the CSV downloaded from FindTreatment.gov for a state or an area "
                    "(one or several files), with their own positions. --replace makes the "
                    "directory exactly these programs; --merge puts them in place of the same "
                    "programs and adds new ones, keeping the rest. Facilities, positions and "
                    "the search index change in one step: on any error nothing changes.",
    )
    export.add_argument("files", type=Path, nargs="+", metavar="FILE")
    how = export.add_mutually_exclusive_group(required=True)
    how.add_argument("--replace", action="store_true",
                     help="the directory becomes the export's programs")
    how.add_argument("--merge", action="store_true",
                     help="update and add the export's programs, keep the others")
    export.add_argument("--date", default=None, metavar="YYYY-MM-DD",
                        help="the data date to show (default: when the newest file was saved)")
    _add_import_options(export)
    export.set_defaults(run=run_findtreatment)
    hsds.register_import(kinds)

    stats = sub.add_parser("stats", help="count the directory's facilities")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    add_content_db_option(stats)
    add_data_dir_option(stats)
    stats.set_defaults(run=run_stats)


def _fail(message: str, as_json: bool) -> int:
    if as_json:
        print(json.dumps({"ok": False, "error": message, "changed": False}))
    print(f"error: {message.rstrip('.')}. Nothing was changed.", file=sys.stderr)
    return 1


def _kiosk_choices(args: argparse.Namespace) -> list[local.Candidate]:
    """The content databases the kiosk itself would try, best first."""
    return kiosk_choices(args)


def _first_usable(options: list[local.Candidate]) -> local.Candidate | None:
    return next((c for c in options if local.usable(c.path)), None)


#: Runs one import: (database to write, dry run, database the kiosk shows now or None).
Runner = Callable[[Path, bool, Path | None], tuple[samhsa.ImportReport, ChangeReport]]


def _import(args: argparse.Namespace, run: Runner
            ) -> tuple[samhsa.ImportReport, ChangeReport, Path]:
    """Into the named database in place; else into a fresh copy of the app's content
    (pack or bundled) saved as the kiosk's imported directory, compared with what the
    kiosk shows now."""
    named = args.content_db or paths.content_db_override()
    if named is not None:
        report, changes = run(Path(named), args.dry_run, None)
        return report, changes, Path(named)
    options = _kiosk_choices(args)
    shown = _first_usable(options)
    base = _first_usable([c for c in options if c.kind != local.IMPORTED])
    if shown is None or base is None:
        raise DirectoryDbError(f"no usable content database (looked for {options[-1].path}); "
                               "reinstall the kiosk or build it with db/build.py")
    target = paths.imported_content_db(args.data_dir)
    if args.dry_run:
        report, changes = run(shown.path, True, None)
        return report, changes, target
    with local.staged_copy(base.path, target) as partial:
        report, changes = run(partial, False, shown.path)
        # The library's own lists (kiosk-admin import hsds) stay beside the new directory.
        hsds_import.carry_local_sources(shown.path, partial)
    return report, changes, target


def run_import(args: argparse.Namespace) -> int:
    source = args.path or paths.default_samhsa_dir()
    if source is None:
        print("error: give the SAMHSA folder (PATH) or set KIOSK_SAMHSA_DIR", file=sys.stderr)
        return 2
    busy = max(0.0, args.wait)

    def run(db: Path, dry_run: bool, shown: Path | None
            ) -> tuple[samhsa.ImportReport, ChangeReport]:
        sources = samhsa.find_sources(source, args.service_codes, args.coordinates, args.year)
        return samhsa.import_into(db, sources, dry_run=dry_run, busy_seconds=busy,
                                  compare_with=shown, allow_partial=args.allow_partial)

    return _run_and_report(args, run, {})


def run_findtreatment(args: argparse.Namespace) -> int:
    mode = findtreatment.MERGE if args.merge else findtreatment.REPLACE
    busy = max(0.0, args.wait)

    def run(db: Path, dry_run: bool, shown: Path | None
            ) -> tuple[samhsa.ImportReport, ChangeReport]:
        return findtreatment.import_into(db, args.files, mode=mode, dry_run=dry_run,
                                         busy_seconds=busy, compare_with=shown,
                                         data_date=args.date or "",
                                         allow_partial=args.allow_partial)

    return _run_and_report(args, run, {"mode": mode})


MODE_LINES = {
    findtreatment.REPLACE: "Mode: replace (the directory becomes the export's programs)",
    findtreatment.MERGE: "Mode: merge (the export's programs replace the same programs or "
                         "are added; the others are kept)",
}


def _run_and_report(args: argparse.Namespace, run: Runner, extra: dict[str, str]) -> int:
    db_path = Path(args.content_db or paths.content_db_override()
                   or paths.imported_content_db(args.data_dir))
    try:
        if not args.dry_run and (args.content_db or paths.content_db_override()):
            check_writable(db_path)  # say so before spending time reading the new files
        report, changes, db_path = _import(args, run)
    except (samhsa.DirectoryImportError, DirectoryDbError) as exc:
        return _fail(str(exc).rstrip("."), args.json)
    except (OSError, sqlite3.Error) as exc:
        return _fail(explain(exc, db_path), args.json)
    if args.json:
        print(json.dumps({
            "ok": True, "dry_run": bool(args.dry_run), "changed": not args.dry_run, **extra,
            "source": report.source, "data_date": report.data_date,
            "file": report.facilities_file, "rows_read": report.rows_read,
            "other_rows": report.other_rows, "imported": report.imported,
            "database": str(db_path),
            "rejected": [{"line": line, "id": fid, "reason": why}
                         for line, fid, why in report.rejected],
            "positions": dict(report.positions),
            "approximate_far_from_zip": [{"id": fid, "miles": miles}
                                         for fid, miles in report.far_positions],
            "warnings": report.warnings,
            "changes": changes.as_dict(),
        }, sort_keys=False))
        return 0
    print(report.summary())
    if "mode" in extra:
        print(MODE_LINES[extra["mode"]])
    print(changes.summary())
    if args.dry_run:
        print(f"Dry run: {db_path} was not changed.")
    else:
        print(f"Saved to {db_path} (search index rebuilt)")
        if not (args.content_db or paths.content_db_override()):
            print("This is the kiosk's imported directory, kept in its data folder across "
                  "app updates; restart the kiosk to show it.")
    return 0


def _open_for_stats(args: argparse.Namespace
                    ) -> tuple[sqlite3.Connection, str, Path, list[str]] | None:
    """The database the kiosk would show: (connection, which, path, reasons others were
    passed over), or None after printing one line."""
    opened = open_kiosk_content(args)
    if opened is None:
        return None
    return opened.conn, opened.chosen.kind, opened.chosen.path, opened.passed


def _checks(repo: DirectoryRepository) -> dict[str, Any]:
    """The data-truth figures, with what the printed slip says for each program whose
    lofexidine comes only from the detox code (the slip and the screen share describe())."""
    checks = repo.checks()
    on_slips = 0
    for fid in checks.lofexidine_from_detox_only:
        facility = repo.facility(fid)
        on_slips += facility is not None and any(
            "lofexidine" in m.lower() for m in describe(facility).medications)
    return {
        "outpatient_without_regular_code": checks.outpatient_without_regular_code,
        "lofexidine_from_detox_only": {"in_data": len(checks.lofexidine_from_detox_only),
                                       "on_slips": on_slips},
        "exact_positions_far_from_zip": checks.exact_far_from_zip,
        "far_from_zip_miles": FAR_FROM_ZIP_MILES,
        "approximate_far_from_zip": [{"id": fid, "miles": miles}
                                     for fid, miles in checks.far_from_zip],
        "house_number_matches": checks.house_number_matches,
    }


def run_stats(args: argparse.Namespace) -> int:
    opened = _open_for_stats(args)
    if opened is None:
        return 2
    conn, kind, path, passed = opened
    try:
        repo = DirectoryRepository(conn)
        stats = repo.stats()
        checks = _checks(repo)
    finally:
        conn.close()
    if args.json:
        print(json.dumps({**asdict(stats), "in_use": kind, "database": str(path),
                          "passed_over": passed, "checks": checks}))
        return 0
    for reason in passed:
        print(f"note: {reason}")
    print(f"In use: {local.LABELS[kind]} ({path})")
    if stats.source:
        print(f"Source: {stats.source} (data date {stats.data_date or 'not recorded'})")
    else:
        print("No directory loaded")
    print(f"facilities: {stats.facilities:,}")
    for level, n in stats.by_level.items():
        print(f"  {level}: {n:,}")
    print("positions: " + ", ".join(f"{k} {v:,}" for k, v in stats.positions.items()))
    lofexidine = checks["lofexidine_from_detox_only"]
    print(f"checks: {checks['outpatient_without_regular_code']:,} outpatient without a "
          f"regular outpatient code; lofexidine from the detox code only: "
          f"{lofexidine['in_data']:,} in the data, {lofexidine['on_slips']:,} on slips; "
          f"{checks['exact_positions_far_from_zip']:,} exact positions over "
          f"{FAR_FROM_ZIP_MILES:g} miles from their ZIP; "
          f"{len(checks['approximate_far_from_zip']):,} locator positions that far shown "
          "as approximate")
    return 0

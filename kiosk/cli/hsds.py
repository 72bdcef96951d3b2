"""`kiosk-admin import hsds PATH`, `kiosk-admin export hsds OUT`, `kiosk-admin sources` and
`kiosk-admin remove-source ID`: local programs from Open Referral HSDS packages."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from kiosk import paths
from kiosk.cli.common import add_content_options, kiosk_choices, open_kiosk_content
from kiosk.domain import LocalSource
from kiosk.importers import hsds, local
from kiosk.importers.hsds_package import HsdsImportError
from kiosk.store import local_sources
from kiosk.store.directory import BUSY_SECONDS, DirectoryDbError, explain, import_transaction


def register_import(kinds: Any) -> None:
    """`import hsds`, added beside the other directory sources."""
    parser = kinds.add_parser(
        "hsds",
        help="a local resource list as an Open Referral HSDS data package (adds one source)",
        description="Add (or refresh) one local source from an HSDS data package: a folder "
                    "or .zip with datapackage.json and its CSV tables, HSDS 3.0 or 1.1/2.0. "
                    "The package is checked against its own schema first; any problem is "
                    "listed by file, line and field and nothing changes. SAMHSA's programs "
                    "are kept; an earlier import of the same source is replaced.",
    )
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument("--name", default="", help="the source's name as visitors read it "
                        "(default: the package's title), e.g. \"Vermont 211\"")
    parser.add_argument("--id", dest="source_id", default="",
                        help="the source's short id (default: made from the name)")
    parser.add_argument("--date", default="", metavar="YYYY-MM-DD",
                        help="the data's date (default: the package's own, else the file's)")
    parser.add_argument("--timezone", default="", metavar="ZONE",
                        help="time zone of the programs' hours when the package gives none "
                             "(default: this machine's), e.g. America/Chicago")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--all-services", action="store_true",
                       help="import every active service, not only treatment and recovery")
    which.add_argument("--terms", default="", metavar="WORDS",
                       help="comma-separated taxonomy codes or words that mean treatment "
                            "(instead of the defaults; see docs/hsds.md)")
    parser.add_argument("--recovery-terms", default="", metavar="WORDS",
                        help="comma-separated taxonomy codes or words that mean recovery "
                             "support (instead of the defaults)")
    _common(parser)
    parser.set_defaults(run=run_import)


def register(sub: Any) -> None:
    export = sub.add_parser("export", help="write the directory out for another system")
    kinds = export.add_subparsers(dest="kind", required=True, metavar="FORMAT")
    parser = kinds.add_parser(
        "hsds", help="the whole directory (SAMHSA and local) as an HSDS 3.0 data package",
        description="Write every program the kiosk shows, SAMHSA's and local ones, as an "
                    "Open Referral HSDS 3.0 data package (datapackage.json and CSV tables) "
                    "in the folder OUT, or as a .zip when OUT ends in .zip.")
    parser.add_argument("out", type=Path, metavar="OUT")
    add_content_options(parser)
    parser.set_defaults(run=run_export)

    listing = sub.add_parser("sources", help="list the local sources imported")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    add_content_options(listing)
    listing.set_defaults(run=run_sources)

    remove = sub.add_parser("remove-source", help="take one local source out",
                            description="Remove one local source and all its programs in "
                                        "one step; SAMHSA's programs and other sources stay.")
    remove.add_argument("source_id", metavar="ID", help="as `kiosk-admin sources` lists it")
    _common(remove)
    remove.set_defaults(run=run_remove)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--dry-run", action="store_true",
                        help="check and report, change nothing")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--wait", type=float, default=BUSY_SECONDS, metavar="SECONDS",
                        help="how long to wait for another program writing the database")
    add_content_options(parser)


def _fail(message: str, as_json: bool, problems: list[str] | None = None) -> int:
    if as_json:
        print(json.dumps({"ok": False, "error": message, "problems": problems or [],
                          "changed": False}))
    print(f"error: {message.rstrip('.')}. Nothing was changed.", file=sys.stderr)
    for line in problems or []:
        print(f"  {line}", file=sys.stderr)
    return 1


@contextmanager
def _target(args: argparse.Namespace) -> Iterator[tuple[Path, Path]]:
    """(database to write, database it becomes): the named one in place, else a staged
    copy of what the kiosk shows now, moved over the kiosk's imported directory at the
    end (on any error the copy is dropped and nothing changes)."""
    named = args.content_db or paths.content_db_override()
    if named is not None:
        yield Path(named), Path(named)
        return
    shown = next((c for c in kiosk_choices(args) if local.usable(c.path)), None)
    if shown is None:
        raise DirectoryDbError("no usable content database; reinstall the kiosk or build it "
                               "with db/build.py")
    target = paths.imported_content_db(args.data_dir)
    if args.dry_run:
        yield shown.path, target
        return
    with local.staged_copy(shown.path, target) as partial:
        yield partial, target


def _guarded(args: argparse.Namespace, work: Callable[[Path, Path], list[str]]) -> int:
    """Run `work` on the database to write; print what it says only once the change is in
    place, so a failure to print never reads as a failed (or a successful) import."""
    where = Path(args.content_db or paths.content_db_override()
                 or paths.imported_content_db(args.data_dir))
    try:
        with _target(args) as (db, final):
            lines = work(db, final)
    except HsdsImportError as exc:
        return _fail(str(exc), args.json, [p.text() for p in exc.problems])
    except DirectoryDbError as exc:
        return _fail(str(exc), args.json)
    except (OSError, sqlite3.Error) as exc:
        return _fail(explain(exc, where), args.json)
    print("\n".join(lines))
    return 0


def _choice(args: argparse.Namespace) -> hsds.TaxonomyChoice:
    def words(text: str, default: tuple[str, ...]) -> tuple[str, ...]:
        found = tuple(w.strip() for w in text.split(",") if w.strip())
        return found or default

    return hsds.TaxonomyChoice(
        treatment=words(args.terms, hsds.DEFAULT_TREATMENT),
        recovery=words(args.recovery_terms, hsds.DEFAULT_RECOVERY),
        every_service=bool(args.all_services))


def run_import(args: argparse.Namespace) -> int:
    options = hsds.Options(name=args.name, source_id=args.source_id, data_date=args.date,
                           timezone=args.timezone, taxonomy=_choice(args))

    def work(db: Path, final: Path) -> list[str]:
        report = hsds.import_into(db, args.path, options, dry_run=args.dry_run,
                                  busy_seconds=max(0.0, args.wait))
        if args.json:
            return [json.dumps({
                "ok": True, "dry_run": bool(args.dry_run), "changed": not args.dry_run,
                "source": report.source.id, "name": report.source.name,
                "data_date": report.source.data_date, "hsds_version": report.hsds_version,
                "services": report.services, "programs": report.programs,
                "with_hours": report.with_hours, "by_kind": dict(report.by_kind),
                "not_chosen": report.not_chosen, "inactive": report.inactive,
                "notes": [n.text() for n in report.notes], "database": str(final)})]
        lines = [report.summary(), f"Source id: {report.source.id}"]
        if args.dry_run:
            lines.append("Dry run: nothing was changed.")
        else:
            lines.append(f"Saved to {final} (search index rebuilt); restart the kiosk to "
                         "show it.")
        return lines

    return _guarded(args, work)


def run_remove(args: argparse.Namespace) -> int:
    def work(db: Path, final: Path) -> list[str]:
        from kiosk.store import search

        if args.dry_run:
            known = {s.id for s in _read_sources(db)}
            if args.source_id not in known:
                raise DirectoryDbError(_unknown(args.source_id, known))
            return [f"Dry run: {args.source_id} would be removed; nothing was changed."]
        with import_transaction(db, busy_seconds=max(0.0, args.wait)) as conn:
            known = {s.id for s in local_sources.sources(conn)}
            removed = local_sources.remove_source(conn, args.source_id)
            if removed < 0:
                raise DirectoryDbError(_unknown(args.source_id, known))
            search.build_index(conn, facilities_unchanged=True)
        if args.json:
            return [json.dumps({"ok": True, "removed": args.source_id, "programs": removed,
                                "database": str(final)})]
        return [f"Removed {args.source_id} ({removed} programs) from {final}; restart the "
                "kiosk to show the change."]

    return _guarded(args, work)


def _unknown(source_id: str, known: set[str]) -> str:
    names = ", ".join(sorted(known)) or "none are imported"
    return f"no local source {source_id!r} (known: {names})"


def _read_sources(db: Path) -> list[LocalSource]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return local_sources.sources(conn)
    finally:
        conn.close()


def run_sources(args: argparse.Namespace) -> int:
    opened = open_kiosk_content(args)
    if opened is None:
        return 2
    try:
        found = local_sources.sources(opened.conn)
    finally:
        opened.conn.close()
    if args.json:
        print(json.dumps({"database": str(opened.chosen.path),
                          "sources": [asdict(s) for s in found]}))
        return 0
    if not found:
        print(f"No local sources in {opened.chosen.label} ({opened.chosen.path}).")
        return 0
    for s in found:
        print(f"{s.id}\t{s.name}\tdata {s.data_date}\timported {s.imported_at}\t"
              f"HSDS {s.hsds_version}\t{s.programs} programs\t{s.timezone}\t{s.taxonomy}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from kiosk.importers import hsds_export

    opened = open_kiosk_content(args)
    if opened is None:
        return 2
    try:
        written = hsds_export.export(opened.conn, Path(args.out))
    except (OSError, ValueError) as exc:
        print(f"error: could not write {args.out}: {exc}", file=sys.stderr)
        return 1
    finally:
        opened.conn.close()
    print(f"Wrote {written.programs} programs ({written.local} local, {written.samhsa} from "
          f"SAMHSA) as HSDS 3.0 to {written.path}")
    if written.without_address:
        print(f"note: {written.without_address} programs have no street address in the "
              "directory and were written without an address (HSDS needs a street line); "
              "their city and ZIP are not in the export")
    return 0

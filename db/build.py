"""Build db/content.sqlite from db/schema.sql, resources/content/ and the directory data.

Same inputs give the same bytes: rows are inserted in a fixed order, nothing records the
time of the build, and the file is VACUUMed before it is moved into place.

    python db/build.py [--out PATH] [--samhsa-dir DIR | --no-directory] [--allow-partial]
                       [--if-stale]
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kiosk import paths  # noqa: E402
from kiosk.importers import content, samhsa  # noqa: E402
from kiosk.store.connect import SCHEMA_VERSION  # noqa: E402

SCHEMA = ROOT / "db" / "schema.sql"
DEFAULT_OUT = ROOT / "db" / "content.sqlite"


def source_files(samhsa_dir: Path | None) -> list[Path]:
    files = [SCHEMA, Path(__file__).resolve(),
             *content.source_files(ROOT / "resources" / "content")]
    files += sorted((ROOT / "kiosk").glob("*.py"))  # the domain types, paths
    files += sorted((ROOT / "kiosk" / "importers").glob("*.py"))
    files += sorted((ROOT / "kiosk" / "store").glob("*.py"))
    if samhsa_dir is not None and samhsa_dir.is_dir():
        files += sorted(p for p in samhsa_dir.rglob("*") if p.is_file())
    return files


def is_stale(out: Path, samhsa_dir: Path | None) -> bool:
    if not out.exists():
        return True
    built = out.stat().st_mtime
    return any(p.stat().st_mtime > built for p in source_files(samhsa_dir))


def schema_version(schema: str) -> int:
    """The user_version db/schema.sql sets."""
    found = re.search(r"^PRAGMA user_version = (\d+);", schema, re.MULTILINE)
    return int(found.group(1)) if found else 0


def build(out: Path, samhsa_dir: Path | None,
          content_root: Path = ROOT / "resources" / "content", *,
          allow_partial: bool = False) -> None:
    schema = SCHEMA.read_text(encoding="utf-8")
    if schema_version(schema) != SCHEMA_VERSION:
        # A kiosk refuses a database of another version: never build one it would refuse.
        raise content.ContentError(SCHEMA, f"sets user_version {schema_version(schema)} but "
                                           f"kiosk.store.connect.SCHEMA_VERSION is "
                                           f"{SCHEMA_VERSION}: change both together")
    tmp = out.with_name(out.name + ".tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.executescript(SCHEMA.read_text(encoding="utf-8").replace("PRAGMA", "-- PRAGMA"))
        conn.execute("BEGIN")
        for lang in content.languages(content_root):
            content.load_language(conn, content_root / lang)
        content.check_parity(conn, content_root)
        if samhsa_dir is not None:  # the treatment facility directory
            try:
                samhsa.load(conn, samhsa.find_sources(samhsa_dir), allow_partial=allow_partial)
            except samhsa.DirectoryImportError as exc:
                raise content.ContentError(samhsa_dir, str(exc)) from None
        for lang, codes in content.missing_service_labels(conn).items():
            # Shown in English until someone adds them to resources/content/<lang>/.
            print(f"warning: no {lang} label for service codes {' '.join(codes)}",
                  file=sys.stderr)
        from kiosk.store.search import build_index  # guide, FAQs and facilities

        build_index(conn)
        conn.execute("COMMIT")
        for line in SCHEMA.read_text(encoding="utf-8").splitlines():
            if line.startswith("PRAGMA"):
                conn.execute(line.split("--")[0])
        conn.execute("VACUUM")
    finally:
        conn.close()
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--samhsa-dir", type=Path, default=None,
                        help="SAMHSA data folder "
                             "(default: $KIOSK_SAMHSA_DIR or ../shared/data/samhsa)")
    parser.add_argument("--no-directory", action="store_true", help="build without the directory")
    parser.add_argument("--allow-partial", action="store_true",
                        help="build with a directory file that looks cut short")
    parser.add_argument("--if-stale", action="store_true",
                        help="only build when the file is missing or older than its sources")
    args = parser.parse_args(argv)
    samhsa_dir = None if args.no_directory else (args.samhsa_dir or paths.default_samhsa_dir())
    if args.if_stale and not is_stale(args.out, samhsa_dir):
        print(f"{args.out} is up to date")
        return 0
    try:
        build(args.out, samhsa_dir, allow_partial=args.allow_partial)
    except content.ContentError as exc:
        print(f"content error: {exc}", file=sys.stderr)
        return 1
    print(f"built {args.out} ({args.out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Scaling: the same figures on synthetic directories 1x, 3x and 10x the real one.

    .venv/bin/python benchmarks/scale.py [--samhsa-dir DIR] [--scales 1,3,10] [--changes 150]

Each synthetic directory is written into a temporary folder (never committed): the real
SAMHSA files with every facility repeated k times, copy n getting its own id and " n"
after its name (its coordinates row likewise, so positions still join). For each size:
- import_s: the whole `kiosk-admin import samhsa-directory` work into a content database
  built without a directory (read, join, write, rebuild the search index and pack the
  directory screen's index); import_cpu_s: the same in CPU seconds (the import is one
  thread, so this is what it costs when other work shares the machine);
- index_load_ms and index_mib: the directory screen's index built from that database, and
  the memory it holds (tracemalloc); index_load_cpu_ms: the median CPU milliseconds of
  seven more loads;
- first_state_tap_ms, filter_ms_p50, filter_ms_p99: in the kiosk's whole window on a
  1920x1080 offscreen screen, as benchmarks/directory.py measures them (California has
  k x 1,141 programs).
Then each figure at 3x and 10x as a multiple of its 1x figure (goal: within 12x).

Last line, one JSON object: {"1x": {...}, "3x": {...}, "10x": {...},
"ratio_10x": {...}, "load"}. Goals at 10x: index load <= 2 s, index memory <= 150 MiB,
filter p99 <= 16 ms, import <= 30 s.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import frames  # first: the 1920x1080 offscreen screen, before Qt is imported
from directory import db_build, time_filters, time_index_load

from kiosk import paths
from kiosk.importers import samhsa

FIGURES = ("import_s", "import_cpu_s", "index_load_ms", "index_load_cpu_ms", "index_mib",
           "first_state_tap_ms", "filter_ms_p50", "filter_ms_p99", "filter_cpu_ms_p50",
           "filter_cpu_ms_p99")


def _copies(rows: list[list[str]], header: list[str], k: int, id_col: str | None,
            name_col: str) -> list[list[str]]:
    ids = header.index(id_col) if id_col else -1
    name = header.index(name_col)
    out: list[list[str]] = []
    for n in range(k):
        for row in rows:
            copy = list(row)
            if n:
                if ids >= 0:
                    copy[ids] = f"{row[ids]}_s{n}"
                copy[name] = f"{row[name]} {n + 1}"
            out.append(copy)
    return out


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data, compresslevel=1))
    else:
        path.write_bytes(data)


def synthetic(source: Path, out: Path, k: int) -> Path:
    """The real SAMHSA folder with every facility (and coordinates row) repeated k times."""
    national = source / "national_directory_2024"
    target = out / f"samhsa-{k}x"
    (target / "national_directory_2024").mkdir(parents=True)
    for extra in national.iterdir():
        if extra.name != "facilities.csv.gz":
            shutil.copyfile(extra, target / "national_directory_2024" / extra.name)
    header, rows = _read(national / "facilities.csv.gz")
    _write(target / "national_directory_2024" / "facilities.csv.gz", header,
           _copies(rows, header, k, "facility_id", "name1"))
    coordinates = source / "locator_2020_coordinates"
    if coordinates.is_dir():
        (target / coordinates.name).mkdir()
        for table in coordinates.glob("*.csv"):
            header, rows = _read(table)
            _write(target / coordinates.name / table.name, header,
                   _copies(rows, header, k, None, "name1"))
    return target


def time_import(samhsa_dir: Path, db: Path, base: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of the import."""
    shutil.copyfile(base, db)
    start, cpu_start = time.perf_counter(), time.process_time()
    report, _changes = samhsa.import_into(db, samhsa.find_sources(samhsa_dir))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(f"  import: {report.imported:,} facilities in {seconds:.1f} s ({cpu:.1f} s CPU)")
    return seconds, cpu


def index_load_cpu_ms(db: Path, runs: int = 7) -> float:
    """The median CPU milliseconds of building the directory screen's index from `db`, each
    time on a connection of its own, as the kiosk loads it once per start (a connection
    used again keeps a small directory's pages in SQLite's cache, a large one's not)."""
    from kiosk.present.directory_index import DirectoryIndexBuilder, filter_defs, index_steps
    from kiosk.store.connect import open_content_db
    from kiosk.store.directory import DirectoryRepository

    cpu = []
    for _ in range(runs):
        conn = open_content_db(db)
        repo = DirectoryRepository(conn)
        codes = repo.filter_codes()
        start = time.process_time()
        builder = DirectoryIndexBuilder(filter_defs(codes))
        for _step in index_steps(builder, repo.index_batches()):
            pass
        builder.finish()
        cpu.append((time.process_time() - start) * 1000)
        conn.close()
    return statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samhsa-dir", type=Path, default=paths.default_samhsa_dir())
    parser.add_argument("--scales", default="1,3,10")
    parser.add_argument("--changes", type=int, default=150)
    args = parser.parse_args()
    if args.samhsa_dir is None or not args.samhsa_dir.is_dir():
        print("no SAMHSA data: give --samhsa-dir or set KIOSK_SAMHSA_DIR", file=sys.stderr)
        return 2
    scales = [int(x) for x in args.scales.split(",")]
    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="kiosk-scale-") as tmp:
        work = Path(tmp)
        base = work / "base.sqlite"
        db_build.build(base, None)
        for k in scales:
            print(f"{k}x:")
            folder = synthetic(args.samhsa_dir, work, k)
            db = work / f"content-{k}x" / "content.sqlite"
            db.parent.mkdir()
            seconds, cpu = time_import(folder, db, base)
            figures: dict[str, float] = {"import_s": round(seconds, 2),
                                         "import_cpu_s": round(cpu, 2)}
            shutil.rmtree(folder)
            load_ms, index_mib = time_index_load(db)
            figures.update(index_load_ms=round(load_ms, 1), index_mib=round(index_mib, 2),
                           index_load_cpu_ms=round(index_load_cpu_ms(db), 1))
            figures.update({k2: v for k2, v in time_filters(db, args.changes).items()
                            if k2 in FIGURES})
            print("  " + ", ".join(f"{name} {figures[name]}" for name in FIGURES))
            result[f"{k}x"] = figures
            db.unlink()
    first = result.get(f"{scales[0]}x")
    if isinstance(first, dict):
        for k in scales[1:]:
            at_k = result[f"{k}x"]
            assert isinstance(at_k, dict)
            result[f"ratio_{k}x"] = {name: round(at_k[name] / first[name], 2)
                                     for name in FIGURES if first.get(name)}
    frames.finish(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

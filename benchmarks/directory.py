"""Directory figures: the full SAMHSA import and a filter change for California.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/directory.py [--samhsa-dir DIR]

Prints the figures, then one JSON line: {"import_s": ..., "import_index_s": ...,
"filter_ms_p99": ...}. import_s: the median (not the minimum) of 5 runs of the whole
`kiosk-admin import samhsa-directory` work (read, join, compare with what was there, write
and rebuild the search index, in one transaction) into a copy of a content database that
already holds the directory, as next year's update does. import_index_s: the median of 5
runs of the search index rebuild alone (part of import_s). filter_ms_p99: the 99th percentile of a
state switch or a filter-chip change that updates the results list model (and every chip's
live count) for California's 1,141 programs.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "db"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk import paths  # noqa: E402
from kiosk.importers import samhsa  # noqa: E402
from kiosk.store.connect import open_content_db  # noqa: E402
from kiosk.store.directory import DirectoryRepository  # noqa: E402
from kiosk.store.search import build_index  # noqa: E402

db_build = importlib.import_module("build")  # db/build.py


def time_import(samhsa_dir: Path, work: Path, runs: int) -> tuple[float, float, Path]:
    """(median import seconds, median seconds of its search index rebuild, database).

    Each run imports into a fresh copy of a database that already holds the directory, as a
    yearly update does (so the change report compares 12,200 programs with 12,200), with
    the ZIP table read afresh as a kiosk-admin process would."""
    base = work / "base.sqlite"
    db_build.build(base, samhsa_dir)
    times = []
    db = work / "content.sqlite"
    for _ in range(runs):
        shutil.copyfile(base, db)
        samhsa.zip_centroids.cache_clear()
        start = time.perf_counter()
        report, _changes = samhsa.import_into(db, samhsa.find_sources(samhsa_dir))
        times.append(time.perf_counter() - start)
    index_times = []
    for _ in range(runs):  # the rebuild alone, as the import runs it inside its transaction
        conn = sqlite3.connect(db, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            start = time.perf_counter()
            build_index(conn)
            index_times.append(time.perf_counter() - start)
            conn.execute("ROLLBACK")
        finally:
            conn.close()
    print(f"import: {report.imported:,} facilities, {len(report.rejected)} rejected, "
          f"positions {dict(report.positions)}")
    print(f"import runs (s, search index rebuild included): "
          f"{', '.join(f'{t:.2f}' for t in times)}")
    print(f"search index rebuild alone (s): {', '.join(f'{t:.2f}' for t in index_times)}")
    return statistics.median(times), statistics.median(index_times), db


def time_filters(db: Path, changes: int) -> list[float]:
    from PySide6.QtWidgets import QApplication

    from kiosk.ui import theme
    from kiosk.ui.screens.directory import DirectoryScreen

    app = QApplication.instance() or QApplication([])
    theme.apply(app)  # type: ignore[arg-type]
    conn = open_content_db(db)
    screen = DirectoryScreen(DirectoryRepository(conn))
    screen.resize(1100, 900)
    screen.show()
    start = time.perf_counter()
    screen.on_shown()
    screen._ensure_loaded()
    print(f"screen load (index of every facility): {(time.perf_counter() - start) * 1000:.0f} ms")
    screen.show_state("CA")
    app.processEvents()
    rng = random.Random(4)
    keys = list(screen.results_page.chips)
    samples = []
    for i in range(changes):
        if i % 10 == 0:
            state = "CA"
            start = time.perf_counter()
            screen.show_state(state)
        else:
            key = rng.choice(keys)
            chip = screen.results_page.chips[key]
            start = time.perf_counter()
            chip.setChecked(not chip.isChecked())  # -> list model + live counts
        app.processEvents()  # the list repaints within the measured time
        samples.append((time.perf_counter() - start) * 1000)
        if len(screen.results_page.chosen) > 3:
            screen.results_page.clear_filters()
            screen.show_state("CA")
    screen.close()
    conn.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samhsa-dir", type=Path, default=paths.default_samhsa_dir())
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--changes", type=int, default=400)
    args = parser.parse_args()
    if args.samhsa_dir is None or not args.samhsa_dir.is_dir():
        print("no SAMHSA data: give --samhsa-dir or set KIOSK_SAMHSA_DIR", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        import_s, index_s, db = time_import(args.samhsa_dir, Path(tmp), args.runs)
        samples = time_filters(db, args.changes)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(f"filter changes for California: n={len(samples)}, "
          f"median {statistics.median(samples):.2f} ms, p99 {p99:.2f} ms, "
          f"max {samples[-1]:.2f} ms")
    print(json.dumps({"import_s": round(import_s, 2), "import_index_s": round(index_s, 2),
                      "filter_ms_p99": round(p99, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

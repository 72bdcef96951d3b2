"""Helpers more than one test module uses. Qt is imported lazily: unit tests run without it."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
SAMHSA_DIR = ROOT.parent / "shared" / "data" / "samhsa"

HSDS_DIR = ROOT.parent / "shared" / "data" / "hsds"
V1_SAMPLE = HSDS_DIR / "openreferral_sample-HSDS-datapackage_v1.1"
V3_EXAMPLES = HSDS_DIR / "openreferral_specification_v3.0" / "examples" / "csv"
#: Both Open Referral samples, each under the name a librarian would give it.
BOTH_SAMPLES = ((V1_SAMPLE, "Example City 211"), (V3_EXAMPLES, "MyCity list"))

needs_directory = pytest.mark.skipif(
    not SAMHSA_DIR.is_dir(), reason="the real SAMHSA directory is not beside the checkout")

FTS_TABLES = ("search_content_fts", "search_facility_fts")
SEARCH_TABLES = (*FTS_TABLES, "search_doc", "search_term")


class FakeClock:
    """A monotonic clock a test moves by hand (`clock.now += 31`)."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def import_hsds(package: Path, name: str, *where: str) -> None:
    """`kiosk-admin import hsds` of `package` as `name` into `where` (--content-db or
    --data-dir), every service kept, dated 2026-10-01 in New York's time zone."""
    from kiosk.cli.main import main as admin_main

    assert admin_main(["import", "hsds", str(package), "--all-services", "--name", name,
                       "--timezone", "America/New_York", "--date", "2026-10-01",
                       *where]) == 0


def with_hsds(db: Path, *packages: tuple[Path, str]) -> Path:
    """`db` with each (package, name) imported. An import validates the package and
    rebuilds the search index (about a second each), so modules that only read the result,
    or copy it, build it once."""
    for package, name in packages:
        import_hsds(package, name, "--content-db", str(db))
    return db


def offscreen_env() -> dict[str, str]:
    """The environment for a Qt subprocess: this one, drawing offscreen."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def copy_without_tables(source: Path, dest: Path, tables: tuple[str, ...]) -> Path:
    """A copy of a content database as an older or cut-down build would have left it."""
    shutil.copyfile(source, dest)
    writable = sqlite3.connect(dest)
    try:
        for table in tables:
            writable.execute(f"DROP TABLE {table}")
        writable.commit()
    finally:
        writable.close()
    return dest


def screen_view_rows(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """What the optional counters stored, in a stable order."""
    return list(conn.execute("SELECT day, screen, views FROM screen_views ORDER BY day, screen"))


# ------------------------------------------------------- unusable content DBs --
def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("CREATE TABLE meta (k)")
        conn.commit()
    finally:
        conn.close()


def _built_content_db() -> Path:
    built = ROOT / "db" / "content.sqlite"
    if not built.exists():
        pytest.skip("db/content.sqlite is not built (./dev setup builds it)")
    return built


def _missing_table(path: Path) -> None:
    copy_without_tables(_built_content_db(), path, ("helpline",))


def _missing_column(path: Path) -> None:
    shutil.copyfile(_built_content_db(), path)
    writable = sqlite3.connect(path)
    try:
        writable.execute("ALTER TABLE faq DROP COLUMN answer_md")
        writable.commit()
    finally:
        writable.close()


_BROKEN_WRITERS: dict[str, Callable[[Path], object]] = {
    "missing-table": _missing_table,
    "missing-column": _missing_column,
    "missing": lambda path: None,
    "empty": lambda path: path.write_bytes(b""),
    "random-bytes": lambda path: path.write_bytes(bytes(range(256)) * 64),
    "foreign-sqlite": _foreign_sqlite,
}

#: Every kind of unusable content database, with the words its one-line reason must contain.
#: The store, the maintenance window and the command line are each checked against this set.
BROKEN_CONTENT_DBS = [
    pytest.param("missing", "not found", id="missing"),
    pytest.param("empty", "empty", id="empty"),
    pytest.param("random-bytes", "corrupt", id="random-bytes"),
    pytest.param("foreign-sqlite", "not a kiosk content database", id="foreign-sqlite"),
    pytest.param("missing-table", "missing helpline", id="missing-table"),
    pytest.param("missing-column", "missing faq.answer_md", id="missing-column"),
]


def write_broken_content_db(path: Path, kind: str) -> Path:
    _BROKEN_WRITERS[kind](path)
    return path


# ------------------------------------------------------------------------- Qt --
def click(qtbot: Any, widget: Any) -> None:
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def image_to_numpy(image: Any) -> Any:
    """A QImage as the grey-scale array zxingcpp reads QR codes from."""
    import numpy as np

    gray = image.convertToFormat(image.Format.Format_Grayscale8)
    ptr = gray.constBits()
    arr = np.frombuffer(ptr, dtype=np.uint8, count=gray.bytesPerLine() * gray.height())
    return arr.reshape(gray.height(), gray.bytesPerLine())[:, : gray.width()].copy()


def dispose(widget: Any) -> None:
    """Close and delete a top-level widget now, with its session guard, jobs and timers.

    deleteLater() alone never runs in a test (no event loop returns), so the widget and its
    application-wide event filter would live on and slow down every later test.
    """
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QTimer

    from kiosk.ui.ops import BatchJob
    from kiosk.ui.session import SessionGuard

    if not shiboken6.isValid(widget):
        return
    for guard in widget.findChildren(SessionGuard):
        guard.uninstall()  # first: in kiosk mode the guard refuses the close below
    for job in widget.findChildren(BatchJob):
        job.cancel()  # closes its cursor before the test closes the connection
    for timer in widget.findChildren(QTimer):
        timer.stop()
    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@contextmanager
def recording_paints(*targets: Any) -> Iterator[list[Any]]:
    """The objects Qt sends a paint event while the block runs, in order (repeats kept),
    watched on `targets` (the application when none is given); the watch ends with it."""
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    class _Paints(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.widgets: list[Any] = []

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.widgets.append(watched)
            return False

    watched = targets or (QCoreApplication.instance(),)
    paints = _Paints()
    for target in watched:
        target.installEventFilter(paints)
    try:
        yield paints.widgets
    finally:
        for target in watched:
            target.removeEventFilter(paints)

"""Shared by the benchmarks: the kiosk's whole window on a 1920x1080 offscreen screen, and a
clock that stops when Qt has painted what an action changed.

Import this module before anything imports Qt: it points the offscreen platform at a
1920x1080 screen (the plugin's own default is 800x600) unless QT_QPA_PLATFORM names another
platform or offscreen options of its own (a plain "offscreen" only asks for no display).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "db"))

SCREEN = (1920, 1080)


def use_offscreen_screen(width: int = SCREEN[0], height: int = SCREEN[1]) -> None:
    """Run Qt offscreen on one screen of this size (left alone when the caller chose)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    config = {"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": width,
                           "height": height, "logicalDpi": 96, "dpr": 1}]}
    path = Path(tempfile.gettempdir()) / f"kiosk-bench-screen-{width}x{height}.json"
    path.write_text(json.dumps(config))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


use_offscreen_screen()

from PySide6.QtCore import QCoreApplication, QEvent, QObject  # noqa: E402
from PySide6.QtGui import QPaintEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


@dataclass(frozen=True)
class Frame:
    """One action: ms until its frame was painted, ms in the action itself (the handler,
    before Qt lays out and paints), paint events, pixels painted."""

    ms: float
    action_ms: float
    paints: int
    pixels: int
    #: CPU time this thread spent on it: steadier than `ms` on a machine others share.
    cpu_ms: float = 0.0


class PaintClock(QObject):
    """Counts paint events (and the pixels they cover) in one window.

    `until_painted(action)` runs the action, then lets Qt handle what it posted (layout,
    timers, update requests) until a pass paints nothing more, and returns the time from
    the action's start to the end of the last pass that painted: what a visitor waits for.
    """

    def __init__(self, window: QWidget, *, by_widget: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._count_widgets = by_widget
        self.paints = 0
        self.pixels = 0
        #: Paint events and pixels per widget ("Class#objectName" under its parent's class),
        #: to see which widgets an action repaints.
        self.by_widget: Counter[str] = Counter()
        self.pixels_by_widget: Counter[str] = Counter()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Every event of the application passes here, so the cheapest test comes first (an
        # isinstance, not event.type(), which builds a Python enum each time).
        if (isinstance(event, QPaintEvent) and isinstance(watched, QWidget)
                and watched.window() is self._window):
            # PySide iterates a QRegion by its rectangles; its type stubs do not say so.
            rects = event.region()
            pixels = sum(r.width() * r.height() for r in rects)  # type: ignore[attr-defined]
            self.paints += 1
            self.pixels += pixels
            if self._count_widgets:
                name = widget_name(watched)
                self.by_widget[name] += 1
                self.pixels_by_widget[name] += pixels
        return False

    def breakdown(self, actions: int, top: int = 12) -> str:
        """The widgets painted most, per action: paint events and kilopixels (when the clock
        was made `by_widget`)."""
        return "\n".join(
            f"  {count / actions:5.2f} paints {self.pixels_by_widget[name] / actions / 1e3:8.1f}"
            f" kpx  {name}" for name, count in self.by_widget.most_common(top))

    def settle(self, passes: int = 6) -> None:
        for _ in range(passes):
            QCoreApplication.processEvents()

    def until_painted(self, action: Callable[[], object], max_passes: int = 12) -> Frame:
        self.settle()
        paints, pixels = self.paints, self.pixels
        start, cpu_start = time.perf_counter(), time.thread_time()
        action()
        end = acted = time.perf_counter()
        cpu_end = time.thread_time()
        quiet = 0
        for _ in range(max_passes):
            before = self.paints
            QCoreApplication.processEvents()
            if self.paints != before:
                end, cpu_end = time.perf_counter(), time.thread_time()
                quiet = 0
            else:
                quiet += 1
                if quiet >= 2:
                    break
        return Frame((end - start) * 1000, (acted - start) * 1000, self.paints - paints,
                     self.pixels - pixels, (cpu_end - cpu_start) * 1000)

    def close(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)


def widget_name(widget: QWidget) -> str:
    parent = widget.parentWidget()
    own = f"{type(widget).__name__}#{widget.objectName()}"
    return own if parent is None else f"{own} in {type(parent).__name__}#{parent.objectName()}"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary(values: list[float]) -> dict[str, float]:
    import statistics  # here: the kiosk never loads it (session.py measures its memory)

    return {"p50": round(statistics.median(values), 2), "p99": round(percentile(values, 99), 2),
            "max": round(max(values), 2), "n": len(values)}


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mib() -> float:
    with Path("/proc/self/statm").open() as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def content_db(work: Path) -> Path:
    """The checkout's content database (with the real directory when ./dev setup built one),
    else one built now into `work`."""
    default = ROOT / "db" / "content.sqlite"
    if default.exists():
        return default
    import importlib

    from kiosk import paths

    db_build = importlib.import_module("build")  # db/build.py: db/ is first on sys.path

    out = work / "content.sqlite"
    db_build.build(out, paths.default_samhsa_dir())
    return out


def kiosk_shell(content: Path, data_dir: Path, *, kiosk_zip: str = ""):  # type: ignore[no-untyped-def]
    """The kiosk as app.py starts it (kiosk mode, full screen on the 1920x1080 screen), with
    the idle reset pushed out of a long run's way. Returns (app, stores, shell)."""
    import dataclasses

    from kiosk.app import build_shell, open_stores
    from kiosk.config import Settings
    from kiosk.ui import application

    app = application.create_app()
    stores = open_stores(Settings(windowed=False, content_db=content, data_dir=data_dir,
                                  idle_seconds=900))
    if kiosk_zip:
        stores.settings = dataclasses.replace(stores.settings, kiosk_zip=kiosk_zip)
    shell = build_shell(stores)
    shell.counter.paused = True  # a benchmark's views are not visitors'
    shell.warm_up_after_first_frame()  # as app.py does
    application.show(shell.window, windowed=False)
    for _ in range(20):
        QCoreApplication.processEvents()
    size = shell.window.size()
    if (size.width(), size.height()) != SCREEN:
        print(f"note: the window is {size.width()}x{size.height()}, not {SCREEN}",
              file=sys.stderr)
    return app, stores, shell


def finish(result: dict[str, object]) -> None:
    """Print the JSON line (with the load average) and leave at once: PySide can crash in
    interpreter teardown after a long benchmark."""
    result["load"] = load_average()
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)

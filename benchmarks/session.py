"""Session figures: peak memory over a whole visitor session, how fast Quick exit hides
everything, and what the session guard's event filter costs.

    .venv/bin/python benchmarks/session.py [--runs N] [--searches 200]

peak_rss_mib: the kiosk runs as app.py starts it, full screen on a 1920x1080 offscreen
screen (benchmarks/frames.py), and a scripted visitor opens every screen, types 200 searches
letter by letter, chooses California and turns filters on and off, opens a program,
previews the checklist's printout, and prints California's booklet to a PDF. The figure is
the kernel's high-water mark of the process's resident memory (VmHWM in /proc/self/status:
every page ever resident at once counts, not a sample taken now and then) over the start
and that whole session. After each step the memory then and the high-water mark so far are
printed (rss_after_mib, peak_after_mib), so the step that makes the peak shows. Objects
deleted "later" are deleted at each step and after each search, as the kiosk's event loop
would (this script drives Qt with processEvents(), which never deletes them). The script
loads no module of its own that the kiosk does not (statistics, ~0.5 MiB, only after the
session).
baseline_peak_rss_mib: the same for benchmarks/bare_qt.py (a bare Qt window, shown full
screen), run as its own process.

Then the next visitors (--visitors, default 3 in all) go through the same session after
the idle reset: next_visitors_peak_mib is the high-water mark after the last of them and
rss_after_reset_mib the memory after each visitor's reset, so growth from one visitor to
the next shows (a kiosk runs all day).

Then, on the same kiosk: each run prepares a visitor session (a checklist tick, text typed
into the search field, a program list open), then presses Quick exit and measures, on the
clock, from the press until the reset is done and the neutral screen has been painted
(`repaint()` inside the click). The goal is 100 ms. neutral_shown_ms_p50: from the press
until the neutral screen is painted (before the reset).

filter_us_per_event: the application-wide activity filter's cost per event, from delivering
a burst of wheel events to a widget with and without the session guard installed.

Last line, one JSON object: {"peak_rss_mib", "baseline_peak_rss_mib", "window", "rss_after_mib",
"peak_after_mib", "next_visitors_peak_mib", "rss_after_reset_mib", "neutral_shown_ms_p50",
"quick_exit_ms_p50", "quick_exit_ms_max", "filter_us_per_event", "load"}.
Goal: peak_rss_mib <= 110.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import frames  # first: the 1920x1080 offscreen screen, before Qt is imported
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.app import Stores
from kiosk.store.directory import DirectoryRepository
from kiosk.ui.shell import Shell

ROOT = frames.ROOT


BASELINE = """
import sys
sys.path.insert(0, sys.argv[1])
import bare_qt
bare_qt.main()
status = open("/proc/self/status").read()
print(next(line for line in status.splitlines() if line.startswith("VmHWM")))
"""


def baseline_peak_rss() -> float:
    """benchmarks/bare_qt.py's peak RSS (MiB), read in its own process: a child's ru_maxrss
    would include this (large) process's memory at the fork."""
    out = subprocess.run([sys.executable, "-c", BASELINE, str(ROOT / "benchmarks")],
                         capture_output=True, text=True, check=True, env=dict(os.environ))
    line = next(x for x in out.stdout.splitlines() if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def high_water_mib() -> float:
    """The most this process has had resident at once (VmHWM), in MiB."""
    with Path("/proc/self/status").open() as status:
        line = next(x for x in status if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def delete_later_ones() -> None:
    """Delete what deleteLater() queued, as returning to the event loop would."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@dataclass
class Steps:
    """The memory after each step of a visit and the high-water mark by then (MiB)."""

    rss: dict[str, float] = field(default_factory=dict)
    peak: dict[str, float] = field(default_factory=dict)


def step(name: str, clock: frames.PaintClock, steps: Steps) -> None:
    clock.settle()
    delete_later_ones()
    clock.settle()
    steps.rss[name] = round(frames.current_rss_mib(), 1)
    steps.peak[name] = round(high_water_mib(), 1)
    print(f"{name:<28} RSS {steps.rss[name]:6.1f} MiB, peak {steps.peak[name]:6.1f} MiB")


def visitor_session(shell: Shell, stores: Stores, work: Path, searches: int) -> Steps:
    """The scripted visit; returns the memory after each step."""
    from search import QUERIES, key

    from kiosk.ui import printing

    window, screens = shell.window, shell.screens
    clock = frames.PaintClock(window)
    rss = Steps()
    step("first frame", clock, rss)
    for screen_id in window.screens:
        window.navigate(screen_id)
        clock.settle()
    window.navigate("home")
    step("every screen opened", clock, rss)
    search_field = shell.search_bar.field
    search_field.setFocus()
    for n in range(searches):
        for ch in QUERIES[n % len(QUERIES)]:
            key(search_field, ch)
            QCoreApplication.processEvents()
        clock.until_painted(search_field.clear)
        delete_later_ones()
    step(f"{searches} searches", clock, rss)
    clock.until_painted(screens.home.tiles["directory"].click)
    directory = screens.directory
    clock.until_painted(directory.choose_page.state_buttons["CA"].click)
    page = directory.results_page
    for chip_key in ("spanish", "medicaid", "outpatient", "medicaid", "residential"):
        if chip_key in page.chips:
            clock.until_painted(page.chips[chip_key].click)
    rows = page.model.rowCount()
    if rows:
        clock.until_painted(lambda: page.open_row(page.model.index(0)))
    step("California filtered", clock, rss)
    shell.navigator.print_checklist()
    step("checklist print preview", clock, rss)
    found = DirectoryRepository(stores.content_conn).search_facilities(state="CA")
    booklet = printing.booklet_printout(found, list(shell.helplines), stores.content.info(),
                                        "Treatment programs in California",
                                        f"{len(found)} programs")
    del found  # the printout holds its own text: the programs go before it is laid out
    pages = printing.write_pdf(booklet, work / "california.pdf")
    del booklet
    step(f"booklet PDF ({pages} pages)", clock, rss)
    shell.session.reset_session("idle")
    step("after the idle reset", clock, rss)
    clock.close()
    return rss


def prepare_visitor(shell: Shell) -> None:
    window, screens = shell.window, shell.screens
    window.navigate("checklist")
    checklist = screens.checklist
    checklist.model.setData(checklist.model.index(0), Qt.CheckState.Checked,
                            Qt.ItemDataRole.CheckStateRole)
    shell.search_bar.field.setText("methadone near 05401")
    screens.directory.show_state("VT")
    window.navigate("directory")
    QCoreApplication.processEvents()


def wheel_burst(target, count: int) -> float:  # type: ignore[no-untyped-def]
    event = QWheelEvent(QPointF(5, 5), QPointF(target.mapToGlobal(QPoint(5, 5))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    start = time.perf_counter()
    for _ in range(count):
        QApplication.sendEvent(target, event)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--searches", type=int, default=200)
    parser.add_argument("--visitors", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        app, stores, shell = frames.kiosk_shell(frames.content_db(work), work / "data")
        window = shell.window
        # With QT_QPA_PLATFORM set by the caller the screen is the plugin's (800x800 here),
        # not 1920x1080, and the window's backing store is smaller: the JSON says which.
        size = f"{window.width()}x{window.height()}"
        steps = visitor_session(shell, stores, work, args.searches)
        peak = high_water_mib()
        after_reset = [steps.rss["after the idle reset"]]
        for n in range(2, args.visitors + 1):
            print(f"-- visitor {n}")
            after_reset.append(
                visitor_session(shell, stores, work, args.searches).rss["after the idle reset"])
        next_peak = high_water_mib()
        import statistics  # only now: the kiosk never loads it, and it takes ~0.5 MiB
        guard = shell.session
        times: list[float] = []
        cover_times: list[float] = []
        neutral_paint = guard.neutral.paintEvent

        def timed_paint(event):  # type: ignore[no-untyped-def]
            neutral_paint(event)
            if len(cover_times) < len(times) + 1:
                cover_times.append((time.perf_counter() - start) * 1000)

        guard.neutral.paintEvent = timed_paint
        for _ in range(args.runs):
            guard._on_neutral_dismissed()
            prepare_visitor(shell)
            start = time.perf_counter()
            guard.quick_exit_button.click()
            times.append((time.perf_counter() - start) * 1000)
            assert guard.neutral.isVisible() and window.current_screen_id() == "home"
        times.sort()
        p50 = statistics.median(times)
        print(f"quick exit, {args.runs} runs: p50 {p50:.1f} ms, max {times[-1]:.1f} ms")

        label = QLabel("target")
        label.show()
        count = 20000
        with_guard = min(wheel_burst(label, count) for _ in range(3))
        app.removeEventFilter(guard)
        without = min(wheel_burst(label, count) for _ in range(3))
        app.installEventFilter(guard)
        per_event_us = max(0.0, (with_guard - without) / count * 1e6)
        print(f"activity filter: {per_event_us:.2f} us per event "
              f"({with_guard / count * 1e6:.2f} with, {without / count * 1e6:.2f} without)")
        guard.exit_app = lambda code: None
        stores.close()
    covered = statistics.median(cover_times)
    baseline = baseline_peak_rss()
    print(f"neutral screen painted after: p50 {covered:.1f} ms")
    print(f"peak RSS over the session {peak:.1f} MiB (goal <= 110), bare Qt window "
          f"{baseline:.1f} MiB; after {args.visitors} visitors {next_peak:.1f} MiB")
    frames.finish({"peak_rss_mib": round(peak, 1), "baseline_peak_rss_mib": round(baseline, 1),
                   "window": size,
                   "rss_after_mib": steps.rss, "peak_after_mib": steps.peak,
                   "next_visitors_peak_mib": round(next_peak, 1),
                   "rss_after_reset_mib": after_reset,
                   "neutral_shown_ms_p50": round(covered, 2),
                   "quick_exit_ms_p50": round(p50, 2), "quick_exit_ms_max": round(times[-1], 2),
                   "filter_us_per_event": round(per_event_us, 2)})
    return 0


if __name__ == "__main__":
    sys.exit(main())

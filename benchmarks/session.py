"""Session figures: how fast Quick exit hides everything, and what the event filter costs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/session.py [--runs N]

Each run prepares a visitor session on the real content (a checklist tick, text typed into
the search field when present, a program's details open when the directory is loaded), then
presses Quick exit and measures, on the clock, from the press until the reset is done and the
neutral screen has been painted (`repaint()` inside the click). The goal is 100 ms.

filter_us_per_event: the application-wide activity filter's cost per event, from delivering
a burst of wheel events to a widget with and without the session guard installed.

neutral_shown_ms_p50: from the press until the neutral screen is painted (before the reset).

Last line: {"neutral_shown_ms_p50": ..., "quick_exit_ms_p50": ..., "quick_exit_ms_max": ...,
            "filter_us_per_event": ...}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "db"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QWheelEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402

import build as db_build  # noqa: E402
from kiosk.app import build_shell, open_stores  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from kiosk.ui import application  # noqa: E402
from kiosk.ui.shell import Shell  # noqa: E402


def content_db(work: Path) -> Path:
    default = ROOT / "db" / "content.sqlite"
    if default.exists():
        return default
    out = work / "content.sqlite"
    samhsa = ROOT.parent / "shared" / "data" / "samhsa"
    db_build.build(out, samhsa if samhsa.is_dir() else None)
    return out


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
    args = parser.parse_args()
    app = application.create_app()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = Settings(windowed=True, content_db=content_db(work), data_dir=work / "data")
        stores = open_stores(settings)
        shell = build_shell(stores)
        window = shell.window
        window.resize(1920, 1080)
        window.show()
        QCoreApplication.processEvents()
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
        stores.content_conn.close()
        stores.admin_conn.close()
    covered = statistics.median(cover_times)
    print(f"neutral screen painted after: p50 {covered:.1f} ms")
    print(json.dumps({"neutral_shown_ms_p50": round(covered, 2),
                      "quick_exit_ms_p50": round(p50, 2), "quick_exit_ms_max": round(times[-1], 2),
                      "filter_us_per_event": round(per_event_us, 2)}))
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide can crash there after a benchmark


if __name__ == "__main__":
    sys.exit(main())

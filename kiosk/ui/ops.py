"""Long work in one pattern: a step at a time between frames, then one typed callback.

Loading the directory index, warming search up and laying out a booklet each take longer
than a frame. A `BatchJob` runs its steps from a zero-interval timer, a few per tick, so a
touch is still painted at once; when the steps are done it calls `finish()` and hands the
result to `on_done`. `finish_now()` completes the work at once when a visitor needs the
result immediately; `cancel()` closes the steps' generator (and the cursor it holds) before
its connection can go away.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Iterator
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

R = TypeVar("R")


class BatchJob(QObject, Generic[R]):
    def __init__(self, parent: QObject, steps: Iterator[object], finish: Callable[[], R],
                 on_done: Callable[[R], None],
                 on_error: Callable[[Exception], None] | None = None,
                 steps_per_tick: int = 1) -> None:
        super().__init__(parent)
        self._steps: Iterator[object] | None = steps
        self._finish: Callable[[], R] | None = finish
        self._on_done = on_done
        self._on_error = on_error
        self._per_tick = max(1, steps_per_tick)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        if self._steps is not None:
            self._timer.start()

    def is_running(self) -> bool:
        return self._steps is not None

    def finish_now(self) -> None:
        """Run every remaining step now; on_done (or on_error) is called before returning."""
        self._run(None)

    def cancel(self) -> None:
        self._timer.stop()
        self._close_steps()

    def _on_timer_timeout(self) -> None:
        self._run(self._per_tick)

    def _run(self, limit: int | None) -> None:
        steps = self._steps
        if steps is None:
            return
        done = 0
        try:
            while limit is None or done < limit:
                if next(steps, _END) is _END:
                    self._timer.stop()
                    self._steps = None
                    # An ended job stays a child of its owner: it lets go of what it built
                    # with (a directory index's builder kept ~1.5 MiB of lists for good).
                    finish, self._finish = self._finish, None
                    assert finish is not None
                    result = finish()
                    break
                done += 1
            else:
                return
        except Exception as exc:  # a broken file or a closed database: log it, tell the owner
            log.exception("background work stopped")
            self.cancel()
            if self._on_error is not None:
                self._on_error(exc)
            return
        self._on_done(result)

    def _close_steps(self) -> None:
        steps, self._steps = self._steps, None
        self._finish = None
        if isinstance(steps, Generator):
            steps.close()  # runs the generator's finally: its cursor is closed now


_END = object()


class AfterFirstPaint(QObject):
    """Calls `callback` once, just after `window` has painted its first frame: for work
    that must not delay that frame (a zero-interval timer started before show() runs
    before the first paint)."""

    def __init__(self, window: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._callback: Callable[[], None] | None = callback
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Paint \
                and self._callback is not None:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()

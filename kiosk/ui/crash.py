"""Crash recovery: an unexpected error is logged (never visitor data) and the session resets.

Three errors within a minute mean something is broken for good: the app exits non-zero and
its supervisor (systemd's Restart=always, Windows Shell Launcher) starts it again.

Exit-code contract, read by the deployment files in deploy/:
  0  an administrator exited the kiosk on purpose: do not restart;
  anything else: restart (69 = the maintenance screen was closed, 70 = repeated errors,
  75 = restart asked for in the admin screen).
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections import deque
from collections.abc import Callable
from types import TracebackType

log = logging.getLogger(__name__)

EXIT_ADMIN = 0
#: The maintenance screen ended (closed, or the compositor went away): try again.
EXIT_MAINTENANCE = 69
EXIT_CRASH_LOOP = 70
EXIT_RESTART = 75

ERROR_LIMIT = 3
ERROR_WINDOW_S = 60.0


def describe(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The error's type and where it happened, without its message or any variable.

    Exception messages can quote what a visitor typed (a ZIP code, a search), so they are
    left out on purpose; file, line and function are enough to find the bug.
    """
    frames = "".join(traceback.format_list(traceback.extract_tb(tb)))
    return f"{exc_type.__module__}.{exc_type.__qualname__}\n{frames}".rstrip()


class CrashGuard:
    def __init__(self, reset: Callable[[], None], exit_app: Callable[[int], None], *,
                 clock: Callable[[], float] = time.monotonic, limit: int = ERROR_LIMIT,
                 window_s: float = ERROR_WINDOW_S) -> None:
        self._reset = reset
        self._exit_app = exit_app
        self._clock = clock
        self._limit = limit
        self._window_s = window_s
        self._times: deque[float] = deque()
        self._previous: Callable[..., object] | None = None
        self.exit_code: int | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, exc_type: type[BaseException], exc: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._stop(EXIT_CRASH_LOOP, "interrupted")
            return
        log.error("unexpected error (message not logged: it may hold visitor input): %s",
                  describe(exc_type, tb))
        now = self._clock()
        self._times.append(now)
        while self._times and now - self._times[0] > self._window_s:
            self._times.popleft()
        if len(self._times) >= self._limit:
            self._stop(EXIT_CRASH_LOOP,
                       f"{len(self._times)} errors within {self._window_s:g} s")
            return
        try:
            self._reset()
        except Exception as again:  # noqa: BLE001 - a reset that fails means restart
            log.error("the session could not be reset after an error: %s",
                      describe(type(again), again.__traceback__))
            self._stop(EXIT_CRASH_LOOP, "reset failed")
            return
        log.info("session reset after an unexpected error")

    def _stop(self, code: int, why: str) -> None:
        log.critical("exiting with code %d so the kiosk restarts: %s", code, why)
        self.exit_code = code
        self._exit_app(code)

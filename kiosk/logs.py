"""Logging setup: a rotating file in the user log directory. Never log visitor input."""

from __future__ import annotations

import contextlib
import logging
import sys
from io import TextIOWrapper
from pathlib import Path

LOG_FILE = "kiosk.log"


class _KioskLogFile(logging.FileHandler):
    """The kiosk's own log file, told apart so a second setup replaces it. Every file it
    opens (rotations too) is readable by the kiosk account and its group only (0640).

    Rotated as logging.handlers.RotatingFileHandler rotates (kiosk.log.1 ... .N, the
    oldest dropped), written here on logging.FileHandler: logging.handlers brings socket
    and pickle with it, a few milliseconds of every start before the first frame."""

    #: True while writing has failed (a full disk, a folder taken away); said once.
    failing = False

    def __init__(self, filename: Path, max_bytes: int, backup_count: int) -> None:
        super().__init__(filename, mode="a", encoding="utf-8")
        self.max_bytes = max_bytes
        self.backup_count = backup_count

    def should_roll_over(self, record: logging.LogRecord) -> bool:
        """Would `record` take the file past max_bytes (as RotatingFileHandler decides)?"""
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0 or not Path(self.baseFilename).is_file():
            return False
        message = f"{self.format(record)}\n"
        self.stream.seek(0, 2)  # the end, where appending writes
        return self.stream.tell() + len(message) >= self.max_bytes

    def roll_over(self) -> None:
        """kiosk.log -> kiosk.log.1 -> ... -> kiosk.log.N (dropped), then a new kiosk.log."""
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        base = Path(self.baseFilename)
        if self.backup_count > 0:
            for n in range(self.backup_count, 0, -1):
                older = base.with_name(f"{base.name}.{n - 1}") if n > 1 else base
                newer = base.with_name(f"{base.name}.{n}")
                if older.exists():
                    newer.unlink(missing_ok=True)
                    older.rename(newer)
        self.stream = self._open()

    def _open(self) -> TextIOWrapper:
        stream = super()._open()
        with contextlib.suppress(OSError, NotImplementedError):
            Path(self.baseFilename).chmod(0o640)
        return stream

    _last_failed = False

    def emit(self, record: logging.LogRecord) -> None:
        self._last_failed = False
        try:
            if self.should_roll_over(record):
                self.roll_over()
        except Exception:  # noqa: BLE001 - as logging's handlers: the record's failure, said once
            self.handleError(record)
            return
        super().emit(record)  # on failure it calls handleError below
        if not self._last_failed:
            self.failing = False  # written again: a later failure is reported again

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - the logging module's name
        """One plain line on stderr, not logging's traceback for every record ("--- Logging
        error ---"); the kiosk goes on, and later records are tried again."""
        self._last_failed = True
        if self.failing:
            return
        self.failing = True
        error = sys.exc_info()[1]
        reason = (error.strerror if isinstance(error, OSError) and error.strerror
                  else type(error).__name__ if error else "unknown error")
        with contextlib.suppress(Exception):
            sys.stderr.write(f"kiosk: the log file {self.baseFilename} cannot be written "
                             f"({reason}); the kiosk goes on without it\n")


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send log records to log_dir/kiosk.log (rotating); return the path, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for old in list(root.handlers):
        if isinstance(old, _KioskLogFile):
            root.removeHandler(old)
            old.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler = _KioskLogFile(log_dir / LOG_FILE, max_bytes=1_000_000, backup_count=3)
    except OSError:
        # Not logging's last-resort handler: that would print every warning on stderr.
        if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
            root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return log_dir / LOG_FILE

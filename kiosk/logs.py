"""Logging setup: a rotating file in the user log directory. Never log visitor input."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FILE = "kiosk.log"


def setup_logging(log_dir: Path, level: int = logging.INFO) -> Path | None:
    """Send log records to log_dir/kiosk.log (rotating); return the path, or None if unwritable."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
            handler.close()
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_dir / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return log_dir / LOG_FILE

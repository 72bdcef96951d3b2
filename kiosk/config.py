"""Settings the kiosk starts with: a frozen dataclass.

Defaults in code <- settings.toml <- admin database <- command line, layered by app.py
through the registry in kiosk.present.settings. Settings read where they are used (printing,
counters) are not here: kiosk.present.settings.LiveSettings reads them at that moment.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_IDLE_SECONDS = 120
IDLE_WARNING_SECONDS = 20


@dataclass(frozen=True)
class Settings:
    windowed: bool = False
    lang: str = "en"
    content_db: Path | None = None
    data_dir: Path | None = None
    idle_seconds: int = DEFAULT_IDLE_SECONDS
    idle_warning_seconds: int = IDLE_WARNING_SECONDS
    kiosk_zip: str = ""
    featured_helpline: str = ""
    #: Helpline ids in the administrator's order, comma-separated (empty: the content's order).
    helpline_order: str = ""
    show_keyboard: bool | None = None

    def with_overrides(self, **values: Any) -> Settings:
        names = {f.name for f in fields(self)}
        known = {k: v for k, v in values.items() if v is not None and k in names}
        return replace(self, **known)

"""Settings: a frozen dataclass. Defaults in code <- admin database <- command line."""

from __future__ import annotations

from dataclasses import dataclass, replace
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
    printing_enabled: bool = True
    show_keyboard: bool | None = None

    def with_overrides(self, **values: Any) -> Settings:
        known = {k: v for k, v in values.items() if v is not None and hasattr(self, k)}
        return replace(self, **known)

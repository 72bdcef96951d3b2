"""settings.toml: one kiosk's settings, written by the person who installs it.

The release archive ships packaging/settings-template.toml. Copied to settings.toml beside the
kiosk executable (or into the data folder), its values fill in every setting that staff have
not changed on the admin screen; command-line options still win. A broken file or a bad value
is logged and ignored, never fatal.
"""

from __future__ import annotations

import logging
import tomllib
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "settings.toml"

#: Keys the kiosk reads, with their TOML type; they match the admin database's settings.
KEYS: dict[str, type] = {
    "lang": str,
    "kiosk_zip": str,
    "featured_helpline": str,
    "helpline_order": list,
    "idle_seconds": int,
    "printing_enabled": bool,
}


def load(path: Path | None) -> dict[str, str]:
    """The file's settings as the admin database stores them (strings); {} when absent/bad."""
    if path is None or not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        log.warning("ignoring %s: %s", path, exc)
        return {}
    values: dict[str, str] = {}
    for key, value in data.items():
        text = _as_text(key, value)
        if text is None:
            log.warning("%s: %s = %r ignored (%s)", path, key, value, _expected(key))
        else:
            values[key] = text
    return values


def _as_text(key: str, value: object) -> str | None:
    kind = KEYS.get(key)
    if kind is bool and isinstance(value, bool):
        return "1" if value else "0"
    if kind is int and isinstance(value, int) and not isinstance(value, bool):
        return str(value) if 10 <= value <= 86_400 else None
    if kind is list and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ",".join(v.strip() for v in value)
    if kind is str and isinstance(value, str):
        return value.strip()
    return None


def _expected(key: str) -> str:
    kind = KEYS.get(key)
    if kind is None:
        return "unknown setting"
    if kind is int:
        return "expected a whole number from 10 to 86400"
    return {bool: "expected true or false", list: "expected a list of names",
            str: "expected text in quotes"}[kind]

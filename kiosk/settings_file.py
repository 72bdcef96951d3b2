"""settings.toml: one kiosk's settings, written by the person who installs it.

The release archive ships packaging/settings-template.toml. Copied to settings.toml beside the
kiosk executable (or into the data folder), its values fill in every setting that staff have
not changed on the admin screen; command-line options still win. A broken file or a bad value
is logged and ignored, never fatal.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.present.settings import REGISTRY, Source

log = logging.getLogger(__name__)

FILE_NAME = "settings.toml"


def load(path: Path | None) -> dict[str, str]:
    """The file's settings as the admin database stores them (strings); {} when absent/bad."""
    if path is None or not path.is_file():
        return {}
    import tomllib  # here: its parser's set-up is a cost on every start without a file

    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, ValueError) as exc:  # TOMLDecodeError and UnicodeDecodeError included
        reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
        log.warning("ignoring %s: %s; the kiosk uses its defaults instead", path, reason)
        return {}
    values: dict[str, str] = {}
    for key, value in data.items():
        entry = REGISTRY.get(key)
        if entry is None or not entry.sources & Source.TOML:
            log.warning("%s: %s = %r ignored (unknown setting)", path, key, value)
            continue
        text = entry.from_toml(value)
        if text is None:
            log.warning("%s: %s = %r ignored (%s)", path, key, value, entry.expected())
            continue
        if entry.kind is int and text != str(value):
            log.warning("%s: %s = %r is outside %d to %d: %s used", path, key, value,
                        entry.minimum, entry.maximum, text)
        values[key] = text
    return values

"""Every kiosk setting in one typed registry: its key, type, default and where it can be set.

The admin database stores settings as text, settings.toml as TOML values, the command line
as parsed options. Each source is turned into the admin database's text form and layered
(command line over admin screen over settings.toml over the default), then parsed once here.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Flag, StrEnum, auto
from typing import Protocol

from kiosk.config import DEFAULT_IDLE_SECONDS

log = logging.getLogger(__name__)


class Key(StrEnum):
    """Every setting's key, as the admin database and settings.toml spell it."""

    LANG = "lang"
    IDLE_SECONDS = "idle_seconds"
    KIOSK_ZIP = "kiosk_zip"
    FEATURED_HELPLINE = "featured_helpline"
    HELPLINE_ORDER = "helpline_order"
    PRINTING_ENABLED = "printing_enabled"
    PRINTER_NAME = "printer_name"
    PAPER_SIZE = "paper_size"
    COUNTERS_ENABLED = "counters_enabled"
    PACK_SOURCE = "pack_source"
    PACK_CHECK = "pack_check"
    TEXT_SIZE = "text_size"
    HIGH_CONTRAST = "high_contrast"


class Source(Flag):
    """Where a setting may be set."""

    TOML = auto()
    ADMIN = auto()
    CLI = auto()


Value = str | int | bool


@dataclass(frozen=True)
class Setting:
    key: Key
    kind: type[str] | type[int] | type[bool] | type[list[str]]
    default: Value
    sources: Source
    #: Whole numbers: the range accepted (settings.toml and the admin screen alike).
    minimum: int = 0
    maximum: int = 0

    def parse(self, text: str) -> Value | None:
        """The admin database's text form -> a typed value (None: not a valid value)."""
        text = text.strip()
        if self.kind is bool:
            return {"1": True, "0": False}.get(text)
        if self.kind is int:
            try:
                number = int(text)
            except ValueError:
                return None
            return self.clamp(number)
        if self.kind is list:
            return ",".join(part.strip() for part in text.split(",") if part.strip())
        return text

    def from_toml(self, value: object) -> str | None:
        """A settings.toml value -> the admin database's text form (None: wrong type)."""
        if self.kind is bool:
            return ("1" if value else "0") if isinstance(value, bool) else None
        if self.kind is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return str(self.clamp(value))
            return None
        if self.kind is list:
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                return ",".join(v.strip() for v in value)
            return None
        return value.strip() if isinstance(value, str) else None

    def clamp(self, number: int) -> int:
        """A whole number brought into this setting's range (its nearest end).

        Every entry goes through here (command line, settings.toml, admin screen): a time
        far out of range would otherwise overflow Qt's timers (about 24 days)."""
        return min(self.maximum, max(self.minimum, number))

    def expected(self) -> str:
        """What a librarian should have written, for the log."""
        if self.kind is int:
            return f"expected a whole number from {self.minimum} to {self.maximum}"
        return {bool: "expected true or false", list: "expected a list of names"}.get(
            self.kind, "expected text in quotes")


_ALL = Source.TOML | Source.ADMIN
REGISTRY: dict[str, Setting] = {s.key: s for s in (
    Setting(Key.LANG, str, "en", _ALL | Source.CLI),
    Setting(Key.IDLE_SECONDS, int, DEFAULT_IDLE_SECONDS, _ALL | Source.CLI,
            minimum=10, maximum=86_400),
    Setting(Key.KIOSK_ZIP, str, "", _ALL),
    Setting(Key.FEATURED_HELPLINE, str, "", _ALL),
    #: Helpline ids in the administrator's order, comma-separated (empty: the content's).
    Setting(Key.HELPLINE_ORDER, list, "", _ALL),
    Setting(Key.PRINTING_ENABLED, bool, True, _ALL),
    #: Empty: the system's default printer.
    Setting(Key.PRINTER_NAME, str, "", _ALL),
    #: "letter", "a4" or empty (the printer's own paper, else the locale's).
    Setting(Key.PAPER_SIZE, str, "", _ALL),
    Setting(Key.COUNTERS_ENABLED, bool, False, Source.ADMIN),
    #: Where signed content packs come from: a folder, a USB stick, a share or an http(s)
    #: URL on the library's network (empty: this kiosk never looks for updates itself).
    Setting(Key.PACK_SOURCE, str, "", _ALL),
    #: Look there for a newer pack when the kiosk starts and once a day.
    Setting(Key.PACK_CHECK, bool, False, _ALL),
    #: Each visitor starts with this text size (percent: 100, 125 or 150) ...
    Setting(Key.TEXT_SIZE, int, 100, _ALL, minimum=100, maximum=150),
    #: ... and with high contrast on or off; the "Aa" button changes both for one visit.
    Setting(Key.HIGH_CONTRAST, bool, False, _ALL),
)}
assert set(REGISTRY) == set(Key)


def setting(key: str) -> Setting:
    return REGISTRY[key]


class TextSettings(Protocol):
    """What the admin database's SettingsRepository offers."""

    def get(self, key: str, default: str = "") -> str: ...


def resolve(key: str, *layers: Mapping[str, str]) -> Value:
    """The first valid value for `key` in `layers` (highest first), else its default."""
    entry = REGISTRY[key]
    for layer in layers:
        text = layer.get(key)
        if text is None:
            continue
        value = entry.parse(text)
        if value is not None:
            if entry.kind is int and str(value) != text.strip():
                log.warning("setting %s = %r is outside %d to %d: %s used", key, text,
                            entry.minimum, entry.maximum, value)
            return value
        log.warning("setting %s = %r ignored (%s)", key, text, entry.expected())
    return entry.default


class LiveSettings:
    """Settings read at the moment they are used, so an admin-screen change applies at once:
    the admin database over settings.toml over the registry's default."""

    def __init__(self, admin: TextSettings | None, toml: Mapping[str, str] | None = None) -> None:
        self._admin = admin
        self._toml = dict(toml or {})

    def _layers(self, key: str) -> list[Mapping[str, str]]:
        layers: list[Mapping[str, str]] = []
        if self._admin is not None:
            marker = "\0unset"
            text = self._admin.get(key, marker)
            if text != marker:
                layers.append({key: text})
        layers.append(self._toml)
        return layers

    def get(self, key: str, default: str = "") -> str:
        """The admin database's text form (TextSettings protocol)."""
        entry = REGISTRY.get(key)
        for layer in self._layers(key):
            text = layer.get(key)
            if text is not None and (entry is None or entry.parse(text) is not None):
                return text
        return default

    def flag(self, key: str) -> bool:
        return bool(resolve(key, *self._layers(key)))

    def text(self, key: str) -> str:
        return str(resolve(key, *self._layers(key)))

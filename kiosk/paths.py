"""The only module that knows frozen vs source tree, user directories and overrides."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "RecoveryGuideKiosk"
PORTABLE_MARKER = "portable.txt"
#: A socket name in the portable folder that never exists: "no session bus".
NO_SESSION_BUS = "no-session-bus"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_root() -> Path:
    """Where resources/ and db/ live: sys._MEIPASS when frozen, else the repo root."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return bundle_root() / "resources"


def content_dir(lang: str = "en") -> Path:
    return resources_dir() / "content" / lang


def content_db_override() -> Path | None:
    """A content database named in the environment (tests, special set-ups), or None."""
    override = os.environ.get("KIOSK_CONTENT_DB")
    return Path(override) if override else None


def bundled_content_db() -> Path:
    """The content database installed with the app (replaced by every app update)."""
    return bundle_root() / "db" / "content.sqlite"


def default_content_db() -> Path:
    return content_db_override() or bundled_content_db()


def imported_content_db(data_override: Path | None = None) -> Path:
    """The librarian's imported directory: a content database in the kiosk's data folder,
    so an app update (which replaces the bundled one) leaves it alone."""
    return data_dir(data_override) / "directory" / "content.sqlite"


def portable_root() -> Path | None:
    """A marker file beside the executable keeps settings and logs beside it."""
    if not is_frozen():
        return None
    exe_dir = Path(sys.executable).resolve().parent
    return exe_dir if (exe_dir / PORTABLE_MARKER).exists() else None


# Where a portable copy keeps what Qt, fontconfig or Mesa would otherwise put under HOME.
PORTABLE_XDG = {
    "XDG_CONFIG_HOME": "config",
    "XDG_CACHE_HOME": "cache",
    "XDG_DATA_HOME": "share",
    "XDG_STATE_HOME": "state",
}


def runtime_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """Variables main() sets before Qt starts (the frozen app only).

    - Portable mode: the XDG base directories point into the portable folder, so Qt's
      QStandardPaths, the fontconfig cache and the Mesa shader cache stay beside the app and
      nothing is written under HOME; with no D-Bus session bus running, none is launched
      (dbus-launch would write ~/.dbus/session-bus/...).
    - A C/POSIX locale is coerced to C.UTF-8 for LC_CTYPE, as CPython's own launcher does
      (PEP 538) for `python -m kiosk`; the embedded interpreter does not, and Qt would
      complain on stderr.
    """
    if not is_frozen():
        return {}
    env: dict[str, str] = {}
    portable = portable_root()
    if portable is not None:
        env.update({name: str(portable / sub) for name, sub in PORTABLE_XDG.items()})
        if sys.platform.startswith("linux") and not environ.get("DBUS_SESSION_BUS_ADDRESS"):
            # With no session bus, libdbus would start one (dbus-launch) and record it
            # under ~/.dbus; an address that leads nowhere makes Qt go without instead.
            env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={portable / NO_SESSION_BUS}"
    if sys.platform.startswith("linux") and not environ.get("LC_ALL"):
        ctype = environ.get("LC_CTYPE") or environ.get("LANG") or "C"
        if ctype in ("C", "POSIX"):
            env["LC_CTYPE"] = "C.UTF-8"
    return env


def data_dir(override: Path | None = None) -> Path:
    if override is not None:
        return override
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env)
    portable = portable_root()
    if portable is not None:
        return portable / "data"
    # Only for the user's own folders: platformdirs (with tempfile, shutil and random under
    # it) is not loaded when a folder is given, set in the environment or portable.
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir(data_override: Path | None = None) -> Path:
    if data_override is not None:
        return data_override / "logs"
    env = os.environ.get("KIOSK_DATA_DIR")
    if env:
        return Path(env) / "logs"
    portable = portable_root()
    if portable is not None:
        return portable / "logs"
    import platformdirs  # as in data_dir

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_file(data_override: Path | None = None) -> Path | None:
    """settings.toml in the data folder, else beside the frozen executable; None if neither."""
    candidates = [data_dir(data_override) / "settings.toml"]
    if is_frozen():
        candidates.append(Path(sys.executable).resolve().parent / "settings.toml")
    return next((path for path in candidates if path.is_file()), None)


def default_samhsa_dir() -> Path | None:
    """The SAMHSA source folder: $KIOSK_SAMHSA_DIR, else ../shared/data/samhsa if present."""
    env = os.environ.get("KIOSK_SAMHSA_DIR")
    if env:
        return Path(env)
    candidate = bundle_root().parent / "shared" / "data" / "samhsa"
    return candidate if candidate.is_dir() else None

"""What pack a kiosk has installed, read without loading TUF (the kiosk checks this at every
start and idle reset, so it must cost next to nothing)."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

from kiosk.packs.pack import Manifest, PackError

PACKS_DIR = "packs"
TRUSTED_ROOT = "trusted_root.json"
CONTENT_DB = "content.sqlite"
PREVIOUS_DB = "content.previous.sqlite"
INSTALLED = "installed.json"
PREVIOUS = "previous.json"
LAST_CHECK = "last_check.json"


@dataclasses.dataclass(frozen=True)
class Installed:
    manifest: Manifest
    source: str
    installed_at: str


@dataclasses.dataclass(frozen=True)
class PackStatus:
    fingerprint: str | None
    installed: Installed | None
    last_check: dict[str, Any] | None


def packs_dir(data_dir: Path) -> Path:
    return data_dir / PACKS_DIR


def installed_content_db(data_dir: Path) -> Path | None:
    """The content database of the installed pack, or None (use the bundled one)."""
    path = packs_dir(data_dir) / CONTENT_DB
    return path if path.is_file() else None


def installed_version(data_dir: Path) -> int | None:
    """The installed pack's content version, or None when there is none."""
    found = read_installed(packs_dir(data_dir) / INSTALLED)
    return found.manifest.content_version if found is not None else None


def root_fingerprint(root_bytes: bytes) -> str:
    """What a librarian compares between the publishing PC and a kiosk's admin screen."""
    import hashlib  # here: OpenSSL's libcrypto (~3.5 MiB resident), not at every start

    digest = hashlib.sha256(root_bytes).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, len(digest), 4))


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside, fsync, then rename: a reader (or a power cut) sees the old file or the
    new one, never half of it."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(path)


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_installed(path: Path) -> Installed | None:
    data = read_json(path)
    if data is None:
        return None
    try:
        return Installed(Manifest.from_dict(data["manifest"]), str(data["source"]),
                         str(data["installed_at"]))
    except (KeyError, PackError):
        return None


def status(data_dir: Path) -> PackStatus:
    folder = packs_dir(data_dir)
    anchor = folder / TRUSTED_ROOT
    fingerprint = root_fingerprint(anchor.read_bytes()) if anchor.is_file() else None
    return PackStatus(fingerprint, read_installed(folder / INSTALLED),
                      read_json(folder / LAST_CHECK))

"""A content pack: one zip file holding a complete content database and its manifest."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk import __version__
from kiosk.store.connect import SCHEMA_VERSION, ContentDbError, open_content_db
from kiosk.store.content import ContentRepository
from kiosk.store.pack_facts import content_languages, is_intact

PACK_FORMAT = 1
MANIFEST_NAME = "manifest.json"
DATABASE_NAME = "content.sqlite"
_CHUNK = 1 << 20
#: How long a kiosk accepts the same timestamp and snapshot: the freeze window (here, not in
#: kiosk.packs.repository, so kiosk-admin's help can show it without loading TUF).
DEFAULT_FRESH_DAYS = 14


class PackError(Exception):
    """A pack cannot be built or read (one plain line saying what to do)."""


@dataclasses.dataclass(frozen=True)
class Manifest:
    content_version: int
    built_at: str
    schema_version: int
    min_app_version: str
    languages: tuple[str, ...]
    directory_source: str
    directory_date: str
    content_sha256: str
    content_bytes: int
    format: int = PACK_FORMAT

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["languages"] = list(self.languages)
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Manifest:
        try:
            return cls(
                content_version=int(data["content_version"]),
                built_at=str(data["built_at"]),
                schema_version=int(data["schema_version"]),
                min_app_version=str(data["min_app_version"]),
                languages=tuple(str(lang) for lang in data["languages"]),
                directory_source=str(data["directory_source"]),
                directory_date=str(data["directory_date"]),
                content_sha256=str(data["content_sha256"]),
                content_bytes=int(data["content_bytes"]),
                format=int(data["format"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise PackError(f"the pack's manifest is unreadable ({exc}): "
                            "rebuild the pack") from None

    def incompatibility(self, app_version: str = __version__) -> str | None:
        """Why this kiosk cannot use the pack, or None when it can."""
        if self.format != PACK_FORMAT:
            return f"pack format {self.format}, this kiosk reads format {PACK_FORMAT}"
        if self.schema_version != SCHEMA_VERSION:
            return (f"pack holds content schema v{self.schema_version}, this kiosk needs "
                    f"v{SCHEMA_VERSION}: publish a pack built for this kiosk version")
        if _version_tuple(app_version) < _version_tuple(self.min_app_version):
            return (f"pack needs kiosk {self.min_app_version} or newer, this is {app_version}: "
                    "upgrade the kiosk first")
        return None


def _version_tuple(text: str) -> tuple[int, ...]:
    parts: list[int] = []
    for part in text.split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def sha256_file(path: Path) -> str:
    import hashlib  # here: OpenSSL's libcrypto (~3.5 MiB resident) only when a pack is checked

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def default_content_version(now: datetime | None = None) -> int:
    """The build time as YYYYMMDDHHMMSS: it only grows, so later packs always win."""
    return int((now or datetime.now(UTC)).strftime("%Y%m%d%H%M%S"))


def describe_database(db: Path, content_version: int, *, min_app_version: str = __version__,
                      now: datetime | None = None) -> Manifest:
    """Check `db` is a whole content database this kiosk version reads, and describe it."""
    try:
        conn = open_content_db(db)
    except ContentDbError as exc:
        raise PackError(str(exc)) from None
    try:
        if not is_intact(conn):
            raise PackError(f"content database is damaged: {db}: rebuild it with db/build.py")
        info = ContentRepository(conn).info()
        languages = tuple(content_languages(conn))
    finally:
        conn.close()
    built = (now or datetime.now(UTC)).replace(microsecond=0)
    return Manifest(
        content_version=content_version,
        built_at=built.isoformat().replace("+00:00", "Z"),
        schema_version=SCHEMA_VERSION,
        min_app_version=min_app_version,
        languages=languages,
        directory_source=info.directory_source,
        directory_date=info.directory_date,
        content_sha256=sha256_file(db),
        content_bytes=db.stat().st_size,
    )


def build_pack(db: Path, out: Path, content_version: int | None = None, *,
               min_app_version: str = __version__, now: datetime | None = None) -> Manifest:
    """Write the pack for `db` to `out` (beside, then renamed, so `out` is never half a pack)."""
    import zipfile

    version = default_content_version(now) if content_version is None else content_version
    if version <= 0:
        raise PackError("the content version must be a positive whole number")
    manifest = describe_database(db, version, min_app_version=min_app_version, now=now)

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED,
                             compresslevel=6) as archive:
            archive.writestr(MANIFEST_NAME, json.dumps(manifest.to_dict(), indent=2,
                                                       sort_keys=True) + "\n")
            archive.write(db, DATABASE_NAME)
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def read_manifest(pack: Path) -> Manifest:
    import zipfile

    try:
        with zipfile.ZipFile(pack) as archive:
            return Manifest.from_dict(json.loads(archive.read(MANIFEST_NAME)))
    except (zipfile.BadZipFile, KeyError, json.JSONDecodeError, OSError) as exc:
        raise PackError(f"not a content pack: {pack} ({exc})") from None


def extract_database(pack: Path, expected: Manifest, dest: Path) -> None:
    """Write the pack's database to `dest`, fsynced, only if it matches `expected` exactly."""
    if read_manifest(pack) != expected:
        raise PackError("the pack's own manifest differs from the signed one: "
                        "republish the pack")
    import hashlib
    import zipfile
    import zlib

    digest = hashlib.sha256()
    written = 0
    try:
        with zipfile.ZipFile(pack) as archive, archive.open(DATABASE_NAME) as source, \
                dest.open("wb") as target:
            # Stop at the signed size, so a crafted archive cannot fill the disk.
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > expected.content_bytes:
                    break
                digest.update(chunk)
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError) as exc:
        raise PackError(f"the pack is damaged ({exc}): download it again") from None
    if written != expected.content_bytes or digest.hexdigest() != expected.content_sha256:
        raise PackError("the database inside the pack does not match its manifest: "
                        "rebuild and republish the pack")

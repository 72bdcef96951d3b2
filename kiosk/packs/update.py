"""The kiosk side: trust one root, fetch and verify with TUF, swap the content database.

Everything lives in `<data dir>/packs/`:

    trusted_root.json          the root copied at install; the only thing trusted a priori
    tuf/                       metadata TUF has verified so far (rollback and freeze state)
    content.sqlite             the installed pack's database (what the kiosk should open)
    content.previous.sqlite    the one before, for `kiosk-admin pack rollback`
    installed.json, previous.json, last_check.json

The installed database is replaced only by a rename of a fully verified, fsynced file in the
same folder, so a kiosk switched off mid-update starts with either the old or the new one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import Metadata, Root
from tuf.ngclient import Updater

from kiosk import __version__
from kiosk.packs.installed import (
    CONTENT_DB,
    INSTALLED,
    LAST_CHECK,
    PREVIOUS,
    PREVIOUS_DB,
    TRUSTED_ROOT,
    packs_dir,
    read_installed,
    read_json,
    root_fingerprint,
    write_atomic,
)
from kiosk.packs.pack import Manifest, PackError, extract_database
from kiosk.packs.repository import PACK_TARGET
from kiosk.packs.sources import HttpFetcher, SourceError, open_source
from kiosk.store.connect import ContentDbError, open_content_db
from kiosk.store.pack_facts import is_intact

log = logging.getLogger(__name__)

#: Left free on the data disk after an update, so the kiosk's logs and settings still fit.
DEFAULT_SPARE_BYTES = 64 * 1024 * 1024


class UpdateRefusedError(Exception):
    """Nothing was installed; str() is the one line for the librarian and the log."""


@dataclasses.dataclass(frozen=True)
class UpdateResult:
    installed: bool  # False: the kiosk already had the newest pack
    manifest: Manifest
    message: str


def _now_text() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _write_json(path: Path, data: dict[str, Any]) -> None:
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True).encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    # Makes the renames themselves durable; not possible (nor needed) on Windows.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# ------------------------------------------------------------------------------ trust ------

def trust_root(data_dir: Path, root_file: Path, *, replace: bool = False) -> str:
    """Install the root this kiosk will trust; returns its fingerprint."""
    try:
        data = root_file.read_bytes()
        root = Metadata[Root].from_bytes(data)
        root.verify_delegate(Root.type, root)
    except OSError as exc:
        raise UpdateRefusedError(f"cannot read {root_file}: {exc.strerror or exc}") from None
    except (ValueError, KeyError, tuf_errors.RepositoryError) as exc:
        raise UpdateRefusedError(f"{root_file} is not a signed TUF root ({exc}): copy root.json "
                            "from the signing-keys folder") from None
    folder = packs_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / TRUSTED_ROOT
    if target.is_file() and target.read_bytes() != data and not replace:
        raise UpdateRefusedError("this kiosk already trusts another root "
                            f"({root_fingerprint(target.read_bytes())}): add --replace only "
                            "if the library has really changed its keys")
    if replace and (folder / "tuf").exists():
        shutil.rmtree(folder / "tuf")
    write_atomic(target, data)
    return root_fingerprint(data)


# ----------------------------------------------------------------------------- update ------

def _refusal(exc: BaseException, source: str) -> str:
    """One plain line per way an update can fail."""
    if isinstance(exc, tuf_errors.ExpiredMetadataError):
        return ("refused: the update source's signatures have expired (a stale or frozen copy): "
                "ask the publisher to run `kiosk-admin pack refresh` and copy the folder again")
    if isinstance(exc, tuf_errors.BadVersionNumberError):
        return ("refused: the update source offers older metadata than this kiosk has already "
                "seen (a rollback): copy the publisher's current repository folder again")
    if isinstance(exc, tuf_errors.UnsignedMetadataError):
        return ("refused: the update is not signed by the keys this kiosk trusts: check that "
                "the source is your library's repository")
    if isinstance(exc, tuf_errors.LengthOrHashMismatchError
                  | tuf_errors.DownloadLengthMismatchError):
        return ("refused: a file from the update source does not match what was signed "
                "(tampered with or truncated): copy the repository folder again")
    if isinstance(exc, tuf_errors.DownloadHTTPError) and exc.status_code in (403, 404):
        return f"refused: the update source is missing a file ({exc}): copy the whole folder again"
    if isinstance(exc, tuf_errors.DownloadError):
        return f"could not read the update source ({exc}): check the share, stick or server"
    if isinstance(exc, tuf_errors.RepositoryError):
        return f"refused: the update source failed verification ({exc})"
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        return "refused: the kiosk's disk is full: free some space and try again"
    return f"refused: {exc}"


def update(data_dir: Path, source_text: str, *, app_version: str = __version__,
           spare_bytes: int = DEFAULT_SPARE_BYTES) -> UpdateResult:
    """Fetch, verify and install the source's current pack; the old content stays on failure."""
    folder = packs_dir(data_dir)
    try:
        result = _update(folder, source_text, app_version, spare_bytes)
    except UpdateRefusedError as exc:
        _record_check(folder, source_text, str(exc))
        log.warning("content update from %s: %s", source_text, exc)
        raise
    except (tuf_errors.RepositoryError, tuf_errors.DownloadError, PackError, SourceError,
            OSError, ValueError) as exc:
        line = str(exc) if isinstance(exc, PackError | SourceError) else _refusal(exc, source_text)
        if isinstance(exc, PackError | SourceError):
            line = f"refused: {line}"
        _record_check(folder, source_text, line)
        log.warning("content update from %s: %s", source_text, line)
        raise UpdateRefusedError(line) from None
    _record_check(folder, source_text, result.message)
    log.info("content update from %s: %s", source_text, result.message)
    return result


def _record_check(folder: Path, source: str, result: str) -> None:
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        _write_json(folder / LAST_CHECK, {"at": _now_text(), "source": source, "result": result})


def _update(folder: Path, source_text: str, app_version: str, spare_bytes: int) -> UpdateResult:
    anchor = folder / TRUSTED_ROOT
    if not anchor.is_file():
        raise UpdateRefusedError("this kiosk trusts no publisher yet: run `kiosk-admin pack trust "
                            "ROOT.json` with the root.json from the signing-keys folder")
    source = open_source(source_text)
    metadata_dir = folder / "tuf"
    metadata_dir.mkdir(parents=True, exist_ok=True)
    try:
        updater = Updater(str(metadata_dir), source.metadata_url,
                          target_base_url=source.targets_url, fetcher=source.fetcher,
                          bootstrap=anchor.read_bytes())
        updater.refresh()
        info = updater.get_targetinfo(PACK_TARGET)
        if info is None:
            raise UpdateRefusedError("refused: the update source has no pack published yet")
        manifest = Manifest.from_dict(info.custom)
        current = read_installed(folder / INSTALLED)
        if current is not None and manifest.content_version == current.manifest.content_version:
            return UpdateResult(False, manifest,
                                f"up to date: pack version {manifest.content_version}")
        if current is not None and manifest.content_version < current.manifest.content_version:
            raise UpdateRefusedError(
                f"refused: the source offers pack version {manifest.content_version}, older "
                f"than the installed {current.manifest.content_version} (rollback refused)")
        reason = manifest.incompatibility(app_version)
        if reason is not None:
            raise UpdateRefusedError(f"refused: {reason}")
        needed = info.length + manifest.content_bytes + spare_bytes
        if shutil.disk_usage(folder).free < needed:
            raise UpdateRefusedError(f"refused: not enough disk space ({needed // 2**20} MB "
                                     "needed): free some space and try again")
        _install(folder, updater, info, manifest, source_text)
    finally:
        if isinstance(source.fetcher, HttpFetcher):
            source.fetcher.close()
    return UpdateResult(True, manifest, f"installed pack version {manifest.content_version}")


def _install(folder: Path, updater: Updater, info: Any, manifest: Manifest,
             source_text: str) -> None:
    incoming = folder / "incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    try:
        pack = Path(updater.download_target(info, filepath=str(incoming / PACK_TARGET)))
        new_db = incoming / CONTENT_DB
        extract_database(pack, manifest, new_db)
        _check_database(new_db)
        current, previous = folder / CONTENT_DB, folder / PREVIOUS_DB
        if current.is_file():
            _keep_previous(current, previous)
            old = read_json(folder / INSTALLED)
            if old is not None:
                _write_json(folder / PREVIOUS, old)
        new_db.replace(current)
        _fsync_dir(folder)
        _write_json(folder / INSTALLED, {"manifest": manifest.to_dict(), "source": source_text,
                                         "installed_at": _now_text()})
    finally:
        shutil.rmtree(incoming, ignore_errors=True)


def _check_database(path: Path) -> None:
    try:
        conn = open_content_db(path)
    except ContentDbError as exc:
        raise UpdateRefusedError(f"refused: {exc}") from None
    try:
        if not is_intact(conn):
            raise UpdateRefusedError("refused: the pack's database is damaged: rebuild the pack")
    finally:
        conn.close()


def _keep_previous(current: Path, previous: Path) -> None:
    """`previous` becomes the current file without a moment in which `current` is missing."""
    partial = previous.with_name(previous.name + ".partial")
    _link_or_copy(current, partial)
    partial.replace(previous)


def _link_or_copy(source: Path, target: Path) -> None:
    """A second name for `source` (a copy where the file system has no hard links)."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def rollback(data_dir: Path) -> Manifest:
    """Swap the installed and the previous pack's databases."""
    folder = packs_dir(data_dir)
    current, previous = folder / CONTENT_DB, folder / PREVIOUS_DB
    if not (current.is_file() and previous.is_file()):
        raise UpdateRefusedError("there is no previous pack on this kiosk to go back to")
    _check_database(previous)
    was = read_json(folder / INSTALLED)
    before = read_json(folder / PREVIOUS)
    swap = folder / (CONTENT_DB + ".swap")
    _link_or_copy(current, swap)
    previous.replace(current)
    swap.replace(previous)
    _fsync_dir(folder)
    if before is not None:
        _write_json(folder / INSTALLED, before)
    if was is not None:
        _write_json(folder / PREVIOUS, was)
    back = read_installed(folder / INSTALLED)
    log.info("content rolled back to the previous pack")
    if back is None:
        raise UpdateRefusedError("went back to the previous database, but its record is missing")
    return back.manifest

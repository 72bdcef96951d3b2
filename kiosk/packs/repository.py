"""The publishing side: signing keys, and a TUF repository kept in a plain folder.

Layout of a repository folder (copy the whole folder to a share, a USB stick or a web server):

    metadata/1.root.json, 2.root.json ...   every root version, so old kiosks can follow
    metadata/N.targets.json                 which pack is current, its hashes and manifest
    metadata/N.snapshot.json                which targets version is current
    metadata/timestamp.json                 which snapshot is current; expires soonest
    targets/<sha256>.content.pack           the packs themselves, named by their hash

Consistent snapshots (versioned names) let a kiosk read the folder while a copy is under way
and still see one coherent set: new files are written first and timestamp.json last.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from securesystemslib.signer import CryptoSigner
from tuf.api.exceptions import UnsignedMetadataError
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization.json import JSONSerializer

from kiosk.packs.installed import root_fingerprint, write_atomic
from kiosk.packs.pack import (
    DEFAULT_FRESH_DAYS,
    Manifest,
    PackError,
    read_manifest,
    sha256_file,
)

ROLES = (Root.type, Targets.type, Snapshot.type, Timestamp.type)
#: The one target every kiosk asks for.
PACK_TARGET = "content.pack"
ROOT_FILE = "root.json"
ROOT_DAYS = 730
TARGETS_DAYS = 120
#: Packs kept in targets/ besides the current one, for kiosks midway through a copy.
KEEP_OLD_PACKS = 2

_PRETTY = JSONSerializer(compact=False)


class PublishError(Exception):
    """Keys or a repository cannot be used (one plain line saying what to do)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _key_file(keys_dir: Path, role: str, number: int) -> Path:
    return keys_dir / f"{role}-{number}.key.pem"




# ------------------------------------------------------------------------------------ keys --

@dataclasses.dataclass(frozen=True)
class KeysCreated:
    keys_dir: Path
    private_keys: tuple[Path, ...]
    root_file: Path
    fingerprint: str


def _require_signing_library() -> None:
    """Signing needs pyca/cryptography. The kiosk bundle leaves it out (it only verifies, which
    securesystemslib does in pure Python), so say plainly where signing works instead."""
    try:
        import cryptography  # noqa: F401
    except ImportError:
        raise PublishError(
            "making keys and signing packs needs the admin tools from the source install "
            "(./dev setup on the librarian's computer, see docs/updates.md); kiosks only "
            "verify packs") from None


def init_keys(keys_dir: Path, *, root_keys: int = 1, root_threshold: int = 1,
              now: datetime | None = None) -> KeysCreated:
    """Make Ed25519 keys for every role and the first root, signed by the root keys."""
    _require_signing_library()
    if not 1 <= root_threshold <= root_keys:
        raise PublishError("the root threshold must be between 1 and the number of root keys")
    if keys_dir.exists() and any(keys_dir.glob("*.key.pem")):
        raise PublishError(f"{keys_dir} already holds signing keys: choose an empty folder "
                           "(never overwrite keys kiosks already trust)")
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    root = Root(expires=(now or _now()) + timedelta(days=ROOT_DAYS), consistent_snapshot=True)
    written: list[Path] = []
    root_signers: list[CryptoSigner] = []
    for role in ROLES:
        count = root_keys if role == Root.type else 1
        for number in range(1, count + 1):
            signer = CryptoSigner.generate_ed25519()
            path = _key_file(keys_dir, role, number)
            _write_private(path, signer.private_bytes)
            written.append(path)
            root.add_key(signer.public_key, role)
            if role == Root.type:
                root_signers.append(signer)
    root.roles[Root.type].threshold = root_threshold
    metadata = Metadata(root)
    for signer in root_signers:
        metadata.sign(signer, append=True)
    data = metadata.to_bytes(_PRETTY)
    root_file = keys_dir / ROOT_FILE
    write_atomic(root_file, data)
    return KeysCreated(keys_dir, tuple(written), root_file, root_fingerprint(data))


def _load_signers(keys_dir: Path, role: str) -> list[CryptoSigner]:
    _require_signing_library()
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    signers = []
    for path in sorted(keys_dir.glob(f"{role}-*.key.pem")):
        try:
            private = load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as exc:
            raise PublishError(f"cannot read the signing key {path}: {exc}") from None
        signers.append(CryptoSigner(private))
    return signers


# ------------------------------------------------------------------------------ repository --

class _Repo:
    """The newest signed metadata of one repository folder, and the keys to re-sign it."""

    def __init__(self, repo_dir: Path, keys_dir: Path) -> None:
        self.metadata_dir = repo_dir / "metadata"
        self.targets_dir = repo_dir / "targets"
        self.keys_dir = keys_dir
        if not (keys_dir / ROOT_FILE).is_file():
            raise PublishError(f"no {ROOT_FILE} in {keys_dir}: run `kiosk-admin keys init` "
                               "first, or point --keys at the signing-keys folder")
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        self.targets_dir.mkdir(parents=True, exist_ok=True)
        if not self._versions(Root.type):
            shutil.copyfile(keys_dir / ROOT_FILE, self.metadata_dir / f"1.{ROOT_FILE}")
        self.root = Metadata[Root].from_file(self._newest(Root.type))
        self.targets = (Metadata[Targets].from_file(self._newest(Targets.type))
                        if self._versions(Targets.type) else None)
        self.snapshot = (Metadata[Snapshot].from_file(self._newest(Snapshot.type))
                         if self._versions(Snapshot.type) else None)
        timestamp = self.metadata_dir / f"{Timestamp.type}.json"
        self.timestamp = (Metadata[Timestamp].from_file(str(timestamp))
                          if timestamp.is_file() else None)

    def _versions(self, role: str) -> list[int]:
        found = []
        for path in self.metadata_dir.glob(f"*.{role}.json"):
            number = path.name.split(".", 1)[0]
            if number.isdigit():
                found.append(int(number))
        return sorted(found)

    def _newest(self, role: str) -> str:
        return str(self.metadata_dir / f"{self._versions(role)[-1]}.{role}.json")

    def signers(self, role: str) -> list[CryptoSigner]:
        """This role's keys in the keys folder that the current root names; enough of them."""
        role_info = self.root.signed.roles[role]
        usable = [s for s in _load_signers(self.keys_dir, role)
                  if s.public_key.keyid in role_info.keyids]
        if len(usable) < role_info.threshold:
            raise PublishError(
                f"{self.keys_dir} holds {len(usable)} of the {role_info.threshold} {role} "
                "key(s) this repository trusts: use the keys folder this repository was made "
                "with")
        return usable

    def _sign_and_write(self, metadata: Metadata[Any], name: str) -> None:
        metadata.signatures.clear()
        for signer in self.signers(metadata.signed.type):
            metadata.sign(signer, append=True)
        write_atomic(self.metadata_dir / name, metadata.to_bytes(_PRETTY))

    def current_manifest(self) -> Manifest | None:
        if self.targets is None or PACK_TARGET not in self.targets.signed.targets:
            return None
        return Manifest.from_dict(self.targets.signed.targets[PACK_TARGET].custom)

    def commit(self, target: TargetFile | None, fresh_days: int, now: datetime) -> None:
        """Sign new targets, snapshot and timestamp, written in that order."""
        targets = self.targets or Metadata(Targets(version=1))
        if target is not None:
            targets.signed.targets = {PACK_TARGET: target}
        if self.targets is not None:
            targets.signed.version += 1
        targets.signed.expires = now + timedelta(days=max(TARGETS_DAYS, fresh_days))
        self._sign_and_write(targets, f"{targets.signed.version}.{Targets.type}.json")

        snapshot = self.snapshot or Metadata(Snapshot(version=1))
        snapshot.signed.meta = {f"{Targets.type}.json": MetaFile(version=targets.signed.version)}
        if self.snapshot is not None:
            snapshot.signed.version += 1
        snapshot.signed.expires = now + timedelta(days=fresh_days)
        self._sign_and_write(snapshot, f"{snapshot.signed.version}.{Snapshot.type}.json")

        timestamp = self.timestamp or Metadata(Timestamp(version=1))
        timestamp.signed.snapshot_meta = MetaFile(version=snapshot.signed.version)
        if self.timestamp is not None:
            timestamp.signed.version += 1
        timestamp.signed.expires = now + timedelta(days=fresh_days)
        self._sign_and_write(timestamp, f"{Timestamp.type}.json")
        self.targets, self.snapshot, self.timestamp = targets, snapshot, timestamp


@dataclasses.dataclass(frozen=True)
class Published:
    manifest: Manifest
    targets_version: int
    expires: datetime


def publish(pack: Path, repo_dir: Path, keys_dir: Path, *, fresh_days: int = DEFAULT_FRESH_DAYS,
            now: datetime | None = None) -> Published:
    """Make `pack` the repository's current pack, signed; older packs refused."""
    if fresh_days < 1:
        raise PublishError("--expires-days must be at least 1")
    now = now or _now()
    try:
        manifest = read_manifest(pack)
    except PackError as exc:
        raise PublishError(str(exc)) from None
    repo = _open(repo_dir, keys_dir)
    current = repo.current_manifest()
    if current is not None and manifest.content_version <= current.content_version:
        raise PublishError(
            f"the repository already has pack version {current.content_version}; this pack is "
            f"version {manifest.content_version}: build a newer pack")
    digest = sha256_file(pack)
    stored = repo.targets_dir / f"{digest}.{PACK_TARGET}"
    partial = stored.with_name(stored.name + ".partial")
    shutil.copyfile(pack, partial)
    with partial.open("rb") as handle:
        os.fsync(handle.fileno())
    partial.replace(stored)
    target = TargetFile(length=stored.stat().st_size, hashes={"sha256": digest},
                        path=PACK_TARGET, unrecognized_fields={"custom": manifest.to_dict()})
    repo.commit(target, fresh_days, now)
    _prune_packs(repo.targets_dir, keep=stored)
    assert repo.targets is not None
    return Published(manifest, repo.targets.signed.version, now + timedelta(days=fresh_days))


def refresh(repo_dir: Path, keys_dir: Path, *, fresh_days: int = DEFAULT_FRESH_DAYS,
            now: datetime | None = None) -> datetime:
    """Re-sign the same pack with new expiry dates, so kiosks keep accepting it."""
    now = now or _now()
    repo = _open(repo_dir, keys_dir)
    if repo.current_manifest() is None:
        raise PublishError(f"nothing published in {repo_dir} yet: run `kiosk-admin pack publish`")
    repo.commit(None, fresh_days, now)
    return now + timedelta(days=fresh_days)


def _open(repo_dir: Path, keys_dir: Path) -> _Repo:
    try:
        return _Repo(repo_dir, keys_dir)
    except (ValueError, KeyError, UnsignedMetadataError) as exc:
        raise PublishError(f"{repo_dir} is not a readable pack repository ({exc})") from None


def _prune_packs(targets_dir: Path, keep: Path) -> None:
    packs = sorted((p for p in targets_dir.glob(f"*.{PACK_TARGET}") if p != keep),
                   key=lambda p: p.stat().st_mtime, reverse=True)
    for old in packs[KEEP_OLD_PACKS:]:
        old.unlink(missing_ok=True)

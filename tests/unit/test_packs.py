"""Content packs end to end with a real TUF repository in a temporary folder and real
Ed25519 signatures: what a librarian sees when an update is good, and when it is refused."""

from __future__ import annotations

import hashlib
import shutil
import threading
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from kiosk.packs import installed, repository, update
from kiosk.packs.pack import build_pack, read_manifest
from kiosk.packs.repository import PublishError
from kiosk.packs.update import UpdateRefusedError
from kiosk.store.connect import SCHEMA_VERSION, open_content_db
from kiosk.store.content import ContentRepository


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Publisher:
    """The library's publishing PC: keys, packs and one repository folder."""

    def __init__(self, root: Path, db: Path) -> None:
        self.root, self.db = root, db
        self.keys = root / "keys"
        self.repo = root / "repo"
        repository.init_keys(self.keys)

    def pack(self, version: int, **options: Any) -> Path:
        out = self.root / f"pack-{version}.pack"
        build_pack(self.db, out, version, **options)
        return out

    def publish(self, version: int, *, now: datetime | None = None, **options: Any) -> Path:
        repository.publish(self.pack(version, **options), self.repo, self.keys, now=now)
        return self.repo

    def pack_path_current(self) -> Path:
        return max((self.repo / "targets").glob("*.content.pack"),
                   key=lambda p: p.stat().st_mtime_ns)


@pytest.fixture
def small_db(template_db_no_directory: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "source.sqlite"
    shutil.copyfile(template_db_no_directory, copy)
    return copy


@pytest.fixture
def publisher(tmp_path: Path, small_db: Path) -> Publisher:
    return Publisher(tmp_path / "publisher", small_db)


@pytest.fixture
def kiosk(tmp_path: Path, publisher: Publisher) -> Path:
    """A kiosk's data folder that trusts the publisher's root, as set up at install."""
    data = tmp_path / "kiosk"
    update.trust_root(data, publisher.keys / "root.json")
    return data


def installed_bytes(kiosk: Path) -> bytes:
    path = installed.installed_content_db(kiosk)
    assert path is not None
    return path.read_bytes()


def installed_version(kiosk: Path) -> int:
    state = installed.status(kiosk)
    assert state.installed is not None
    return state.installed.manifest.content_version


def assert_refused_and_unchanged(kiosk: Path, source: str | Path, before: bytes,
                                 *words: str) -> str:
    with pytest.raises(UpdateRefusedError) as refused:
        update.update(kiosk, str(source))
    line = str(refused.value)
    assert "\n" not in line and line.startswith("refused")
    for word in words:
        assert word in line
    assert installed_bytes(kiosk) == before
    last = installed.status(kiosk).last_check
    assert last is not None and last["result"] == line
    return line


def visitor_content_works(db: Path) -> None:
    conn = open_content_db(db)
    try:
        assert ContentRepository(conn).guide_sections()
    finally:
        conn.close()


# ------------------------------------------------------------------------------- build ----

def test_pack_holds_the_database_and_a_manifest_describing_it(publisher: Publisher,
                                                              small_db: Path) -> None:
    pack = publisher.pack(7)
    manifest = read_manifest(pack)
    assert manifest.content_version == 7
    assert "en" in manifest.languages
    assert manifest.schema_version == SCHEMA_VERSION
    assert manifest.content_sha256 == digest(small_db)
    assert manifest.content_bytes == small_db.stat().st_size
    with zipfile.ZipFile(pack) as archive:
        assert sorted(archive.namelist()) == ["content.sqlite", "manifest.json"]
        assert archive.read("content.sqlite") == small_db.read_bytes()


def test_keys_init_refuses_to_overwrite_keys(publisher: Publisher) -> None:
    with pytest.raises(PublishError, match="already holds signing keys"):
        repository.init_keys(publisher.keys)


def test_publishing_an_older_pack_is_refused(publisher: Publisher) -> None:
    publisher.publish(5)
    with pytest.raises(PublishError, match="already has pack version 5"):
        publisher.publish(4)


def test_publish_with_other_keys_is_refused(publisher: Publisher, tmp_path: Path) -> None:
    publisher.publish(1)
    other = tmp_path / "other-keys"
    repository.init_keys(other)
    with pytest.raises(PublishError, match="key"):
        repository.publish(publisher.pack(2), publisher.repo, other)


# ------------------------------------------------------------------------------ install ----

def test_good_pack_installs_and_the_next_check_is_up_to_date(publisher: Publisher, kiosk: Path,
                                                             small_db: Path) -> None:
    repo = publisher.publish(1)
    result = update.update(kiosk, str(repo))
    assert result.installed and result.manifest.content_version == 1
    assert installed_bytes(kiosk) == small_db.read_bytes()
    visitor_content_works(installed.installed_content_db(kiosk))  # type: ignore[arg-type]
    again = update.update(kiosk, str(repo))
    assert not again.installed and "up to date" in again.message


def test_newer_pack_replaces_and_rollback_brings_back_the_old(publisher: Publisher,
                                                              kiosk: Path) -> None:
    update.update(kiosk, str(publisher.publish(1)))
    first = installed_bytes(kiosk)
    update.update(kiosk, str(publisher.publish(2)))
    assert installed_version(kiosk) == 2
    assert update.rollback(kiosk).content_version == 1
    assert installed_bytes(kiosk) == first
    assert installed_version(kiosk) == 1


def test_rollback_without_a_previous_pack_says_so(publisher: Publisher, kiosk: Path) -> None:
    update.update(kiosk, str(publisher.publish(1)))
    with pytest.raises(UpdateRefusedError, match="no previous pack"):
        update.rollback(kiosk)


def test_a_kiosk_that_trusts_no_root_refuses(publisher: Publisher, tmp_path: Path) -> None:
    with pytest.raises(UpdateRefusedError, match="trusts no publisher"):
        update.update(tmp_path / "new-kiosk", str(publisher.publish(1)))


def test_a_missing_source_says_what_to_check(kiosk: Path, tmp_path: Path) -> None:
    with pytest.raises(UpdateRefusedError, match="USB stick"):
        update.update(kiosk, str(tmp_path / "not-plugged-in"))


def test_twenty_kiosks_update_from_one_repository(publisher: Publisher, tmp_path: Path,
                                                  small_db: Path) -> None:
    repo = publisher.publish(3)
    for number in range(20):
        data = tmp_path / f"kiosk-{number:02d}"
        update.trust_root(data, publisher.keys / "root.json")
        assert update.update(data, str(repo)).installed
        assert installed_version(data) == 3
        assert digest(installed.installed_content_db(data)) == digest(small_db)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- refusals ----

@pytest.fixture
def installed_v1(publisher: Publisher, kiosk: Path) -> bytes:
    update.update(kiosk, str(publisher.publish(1)))
    return installed_bytes(kiosk)


def test_tampered_pack_is_refused_and_old_content_kept(publisher: Publisher, kiosk: Path,
                                                       installed_v1: bytes) -> None:
    publisher.publish(2)
    pack = publisher.pack_path_current()
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pack.write_bytes(bytes(data))
    assert_refused_and_unchanged(kiosk, publisher.repo, installed_v1, "tampered")
    assert installed_version(kiosk) == 1
    visitor_content_works(installed.installed_content_db(kiosk))  # type: ignore[arg-type]


def test_truncated_pack_is_refused(publisher: Publisher, kiosk: Path,
                                   installed_v1: bytes) -> None:
    publisher.publish(2)
    pack = publisher.pack_path_current()
    pack.write_bytes(pack.read_bytes()[: pack.stat().st_size // 3])
    assert_refused_and_unchanged(kiosk, publisher.repo, installed_v1, "truncated")


def test_repository_signed_with_unknown_keys_is_refused(kiosk: Path, installed_v1: bytes,
                                                        tmp_path: Path, small_db: Path) -> None:
    impostor = Publisher(tmp_path / "impostor", small_db)
    impostor.publish(99)
    assert_refused_and_unchanged(kiosk, impostor.repo, installed_v1, "not signed by the keys")


def test_rollback_to_an_older_repository_copy_is_refused(publisher: Publisher, kiosk: Path,
                                                         tmp_path: Path) -> None:
    publisher.publish(1)
    old_copy = tmp_path / "old-copy"
    shutil.copytree(publisher.repo, old_copy)
    update.update(kiosk, str(publisher.publish(2)))
    before = installed_bytes(kiosk)
    assert_refused_and_unchanged(kiosk, old_copy, before, "rollback")
    assert installed_version(kiosk) == 2


def test_expired_metadata_is_refused(publisher: Publisher, kiosk: Path,
                                     installed_v1: bytes) -> None:
    month_ago = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
    publisher.publish(2, now=month_ago)
    assert_refused_and_unchanged(kiosk, publisher.repo, installed_v1, "expired",
                                 "pack refresh")


def test_refresh_makes_a_frozen_repository_acceptable_again(publisher: Publisher,
                                                            kiosk: Path) -> None:
    month_ago = datetime.now(UTC).replace(microsecond=0) - timedelta(days=30)
    publisher.publish(1, now=month_ago)
    with pytest.raises(UpdateRefusedError, match="expired"):
        update.update(kiosk, str(publisher.repo))
    repository.refresh(publisher.repo, publisher.keys)
    assert update.update(kiosk, str(publisher.repo)).installed


def test_mix_and_match_of_metadata_is_refused(publisher: Publisher, kiosk: Path,
                                              installed_v1: bytes) -> None:
    publisher.publish(2)
    metadata = publisher.repo / "metadata"
    # A genuine, correctly signed older targets file put where the snapshot expects the new.
    shutil.copyfile(metadata / "1.targets.json", metadata / "2.targets.json")
    assert_refused_and_unchanged(kiosk, publisher.repo, installed_v1)


def test_pack_for_a_newer_kiosk_is_refused(publisher: Publisher, kiosk: Path,
                                           installed_v1: bytes) -> None:
    publisher.publish(2, min_app_version="99.0.0")
    assert_refused_and_unchanged(kiosk, publisher.repo, installed_v1, "upgrade the kiosk")


def test_full_disk_is_refused_before_downloading(publisher: Publisher, kiosk: Path,
                                                 installed_v1: bytes) -> None:
    publisher.publish(2)
    with pytest.raises(UpdateRefusedError, match="not enough disk space"):
        update.update(kiosk, str(publisher.repo), spare_bytes=2**62)
    assert installed_bytes(kiosk) == installed_v1
    assert not (kiosk / "packs" / "incoming").exists()


# --------------------------------------------------------------------------------- http ----

class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not news in a test."""


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """A web server on 127.0.0.1 serving one folder; shut down when the test ends."""
    servers: list[tuple[ThreadingHTTPServer, threading.Thread]] = []

    def start(folder: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0),
                                     partial(_QuietHandler, directory=str(folder)))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_update_from_a_web_server(publisher: Publisher, kiosk: Path, small_db: Path,
                                  serve: Callable[[Path], str]) -> None:
    url = serve(publisher.publish(1))
    result = update.update(kiosk, url)
    assert result.installed
    assert installed_bytes(kiosk) == small_db.read_bytes()
    assert installed.status(kiosk).installed.source == url  # type: ignore[union-attr]


def test_tampered_pack_from_a_web_server_is_refused(publisher: Publisher, kiosk: Path,
                                                    installed_v1: bytes,
                                                    serve: Callable[[Path], str]) -> None:
    publisher.publish(2)
    pack = publisher.pack_path_current()
    data = bytearray(pack.read_bytes())
    data[100] ^= 0x01
    pack.write_bytes(bytes(data))
    assert_refused_and_unchanged(kiosk, serve(publisher.repo), installed_v1, "tampered")


def test_a_web_server_without_a_repository_is_refused(kiosk: Path, installed_v1: bytes,
                                                      tmp_path: Path,
                                                      serve: Callable[[Path], str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_refused_and_unchanged(kiosk, serve(empty), installed_v1, "missing a file")

"""An import that cannot write leaves the content database byte for byte as it was and
says in one plain line what to do: a read-only database, the wrong account, a database
another program holds locked, a full disk."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.cli.main import build_parser
from kiosk.cli.main import main as admin_main
from kiosk.importers import samhsa
from kiosk.store.directory import DirectoryDbError
from tests.unit.test_samhsa_import import GOOD, write_source

NOBODY = 65534


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def world(template_db_no_directory: Path) -> Iterator[Path]:
    """A folder any account may read, holding a content database and a small directory
    (pytest's own temporary folders are private to the account running the tests)."""
    folder = Path(tempfile.mkdtemp(prefix="kiosk-import-"))
    folder.chmod(0o755)
    db = folder / "db" / "content.sqlite"
    db.parent.mkdir()
    shutil.copyfile(template_db_no_directory, db)
    src = folder / "src"
    write_source(src, GOOD)
    for path in (db.parent, src, *src.iterdir()):
        path.chmod(0o755 if path.is_dir() else 0o644)
    yield folder
    for path in (db.parent, db):
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(folder)


def _import(world: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = admin_main(["import", "samhsa-directory", str(world / "src"),
                       "--content-db", str(world / "db" / "content.sqlite"), *extra])
    captured = capsys.readouterr()
    return code, captured.err


def _one_plain_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err and "sqlite3." not in err
    assert lines[0].startswith("error: ") and lines[0].endswith("Nothing was changed.")
    return lines[0]


def test_a_read_only_database_for_this_account(world: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = world / "db" / "content.sqlite"
    before = _digest(db)
    db.chmod(0o444)
    db.parent.chmod(0o555)
    # root may write any file, so the kiosk's own (unprivileged) account is played here by
    # nobody: the "wrong account" case, and as read-only as a file gets for root.
    as_nobody = os.geteuid() == 0
    build_parser()  # every command module loaded while the test can still read them
    if as_nobody:
        os.seteuid(NOBODY)
    try:
        code, err = _import(world, capsys)
    finally:
        if as_nobody:
            os.seteuid(0)
    line = _one_plain_line(err)
    assert code == 1
    assert "read-only for the account" in line and "run the import as" in line
    assert _digest(db) == before


def test_a_locked_database(world: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = world / "db" / "content.sqlite"
    before = _digest(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, err = _import(world, capsys, "--wait", "0.05")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    line = _one_plain_line(err)
    assert code == 1 and "in use by another program" in line and "try again" in line
    assert _digest(db) == before


def test_a_full_disk(world: Path) -> None:
    db = world / "db" / "content.sqlite"
    before = _digest(db)
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    with pytest.raises(DirectoryDbError) as caught:
        samhsa.import_into(db, samhsa.find_sources(world / "src"), max_pages=pages + 20)
    message = str(caught.value)
    assert "\n" not in message and "full" in message and "free some space" in message
    assert _digest(db) == before
    # and nothing was half-written: the same import with room succeeds
    report, _changes = samhsa.import_into(db, samhsa.find_sources(world / "src"))
    assert report.imported == 2


def test_an_imported_directory_this_account_cannot_save_gives_one_line(
        world: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk import paths

    # The kiosk's data folder would be made inside `world`, which only its owner may
    # write: played, as above, by nobody when the tests run as root.
    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    monkeypatch.setattr(paths, "bundled_content_db", lambda: world / "db" / "content.sqlite")
    as_nobody = os.geteuid() == 0
    build_parser()
    if as_nobody:
        os.seteuid(NOBODY)
    try:
        capsys.readouterr()
        code = admin_main(["import", "samhsa-directory", str(world / "src"),
                           "--data-dir", str(world / "kiosk-data")])
    finally:
        if as_nobody:
            os.seteuid(0)
    line = _one_plain_line(capsys.readouterr().err)
    assert code == 1 and "read-only for the account" in line
    assert not (world / "kiosk-data").exists()


@pytest.fixture
def file_size_limit() -> Iterator[Callable[[int], None]]:
    """Set this process's file size limit (a write past it fails with EFBIG, as on a full
    disk), restored when the test ends."""
    import resource
    import signal

    before = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process

    def limit(size: int) -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, before[1]))

    yield limit
    resource.setrlimit(resource.RLIMIT_FSIZE, before)
    signal.signal(signal.SIGXFSZ, handler)


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file size limits are a POSIX feature")
def test_a_failing_write_gives_one_line_and_leaves_the_database_as_it_was(
        world: Path, capsys: pytest.CaptureFixture[str],
        file_size_limit: Callable[[int], None]) -> None:
    db = world / "db" / "content.sqlite"
    before = _digest(db)
    file_size_limit(db.stat().st_size)  # the import's first page past the end fails
    code, err = _import(world, capsys)
    file_size_limit(2**40)
    line = _one_plain_line(err)
    assert code == 1 and ("could not be written" in line or "full" in line), line
    assert _digest(db) == before
    assert not list(db.parent.glob("*-journal"))  # rolled back, nothing left half-done


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file size limits are a POSIX feature")
def test_a_failing_write_of_the_imported_directory_keeps_the_one_there(
        world: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        file_size_limit: Callable[[int], None]) -> None:
    from kiosk import paths

    monkeypatch.delenv("KIOSK_CONTENT_DB", raising=False)
    monkeypatch.setattr(paths, "bundled_content_db", lambda: world / "db" / "content.sqlite")
    data = world / "kiosk-data"
    args = ["import", "samhsa-directory", str(world / "src"), "--data-dir", str(data)]
    assert admin_main(args) == 0
    imported = paths.imported_content_db(data)
    before = _digest(imported)
    file_size_limit(imported.stat().st_size // 2)
    capsys.readouterr()
    code = admin_main(args)
    file_size_limit(2**40)
    _one_plain_line(capsys.readouterr().err)
    assert code == 1 and _digest(imported) == before
    assert sorted(p.name for p in imported.parent.iterdir()) == [imported.name]

"""Faults on disk give one plain line and a non-zero exit, never a traceback, and lose nothing.

Damaged, read-only, locked and full-disk settings databases for kiosk-admin; damaged
content databases for info and stats; the log on a full disk; --screenshot onto a file.
Full disks are real: a small tmpfs mounted in a private mount namespace.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import BROKEN_CONTENT_DBS, ROOT, offscreen_env, write_broken_content_db

TIMEOUT = 120
ADMIN = [sys.executable, "-m", "kiosk.cli.main"]
KIOSK = [sys.executable, "-m", "kiosk"]


def run(cmd: list[str], stdin: str = "", prefix: list[str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*(prefix or []), *cmd], input=stdin, capture_output=True, text=True,
                          timeout=TIMEOUT, env=offscreen_env(), cwd=ROOT, check=False)


def one_plain_line(done: subprocess.CompletedProcess[str], starts: str = "error:") -> str:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(starts), lines[0]
    return lines[0]


def set_pin(data: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    return run([*ADMIN, "set-pin", "--stdin", "--data-dir", str(data)], "2468\n", prefix)


def admin_db_with_pin(data: Path) -> Path:
    done = set_pin(data)
    assert done.returncode == 0, done.stderr
    return data / "admin.sqlite"


# ---------------------------------------------------------------- damaged admin database --
def _random_bytes(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 16)


def _cut_in_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _table_dropped(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE admin_pin")
    conn.commit()
    conn.close()


def _folder_in_its_place(path: Path) -> None:
    path.unlink()
    path.mkdir()


DAMAGE: dict[str, Callable[[Path], None]] = {
    "random-bytes": _random_bytes, "cut-in-half": _cut_in_half,
    "table-dropped": _table_dropped, "folder": _folder_in_its_place,
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_set_pin_on_a_damaged_settings_database_is_one_line(tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    db = admin_db_with_pin(data)
    DAMAGE[kind](db)
    before = db.read_bytes() if db.is_file() else None
    line = one_plain_line(set_pin(data))
    assert "nothing was changed" in line
    assert (db.read_bytes() if db.is_file() else None) == before  # nothing lost


def _not_root() -> list[str]:
    """Run as a user without root's permission override (a user namespace, unmapped)."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare or "false", "--user", "true"], capture_output=True,
                           timeout=30, check=False)
    if unshare is None or probe.returncode != 0:
        pytest.skip("root here, and no user namespace to drop root's override in")
    return [unshare, "--user"]


def test_set_pin_on_a_read_only_settings_database_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = admin_db_with_pin(data)
    before = db.read_bytes()
    db.chmod(0o444)
    data.chmod(0o555)
    try:
        line = one_plain_line(set_pin(data, _not_root()))
    finally:
        data.chmod(0o755)
        db.chmod(0o600)
    assert "cannot be written" in line and "permission" in line
    assert db.read_bytes() == before


def test_set_pin_on_a_locked_settings_database_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = admin_db_with_pin(data)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another program in the middle of writing it
    try:
        line = one_plain_line(set_pin(data))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "in use by another program" in line


def full_disk(tmp_path: Path, prepare: str, command: list[str], size_kib: int = 96,
              stdin: str = "") -> subprocess.CompletedProcess[str]:
    """Run `command` with `tmp_path/disk` a tmpfs of `size_kib`, after the shell lines in
    `prepare` (run in it, e.g. to fill it up)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1) for a private full disk")
    disk = tmp_path / "disk"
    disk.mkdir(exist_ok=True)
    script = textwrap.dedent(f"""
        set -e
        mount -t tmpfs -o size={size_kib}k tmpfs {disk}
        cd {disk}
        {prepare}
        cd {ROOT}
        exec "$@"
    """)
    done = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script,
                           "sh", *command], input=stdin, capture_output=True, text=True,
                          timeout=TIMEOUT, env=offscreen_env(), check=False)
    if "mount:" in done.stderr and "tmpfs" in done.stderr:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    return done


FILL = "dd if=/dev/zero of=filler bs=1k count=100000 2>/dev/null || true"


def test_set_pin_on_a_full_disk_is_one_line(tmp_path: Path) -> None:
    source = tmp_path / "made"
    db = admin_db_with_pin(source)
    data = tmp_path / "disk" / "data"
    # The database is there first; then the disk fills up and a new PIN is to be written.
    prep = f"mkdir data && cp {db} data/admin.sqlite && {FILL}"
    done = full_disk(tmp_path, prep, [*ADMIN, "set-pin", "--stdin", "--data-dir", str(data)],
                     stdin="1357\n")
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), done.stderr
    assert "full" in lines[0]


def test_a_pin_submitted_on_a_full_disk_locks_the_pad(tmp_path: Path) -> None:
    """A wrong PIN that cannot be counted is not checked at all: the pad locks instead."""
    source = tmp_path / "made"
    db = admin_db_with_pin(source)
    data = tmp_path / "disk" / "data"
    probe = textwrap.dedent(f"""
        from pathlib import Path
        from kiosk.store.admin import open_admin_db
        from kiosk.store.pins import PinRepository
        conn = open_admin_db(Path({str(data)!r}))
        repo = PinRepository(conn)
        results = [repo.check("1111").status.name for _ in range(3)]
        print(" ".join(results))
    """)
    prep = f"mkdir data && cp {db} data/admin.sqlite && {FILL}"
    done = full_disk(tmp_path, prep, [sys.executable, "-c", probe])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["LOCKED", "LOCKED", "LOCKED"], done.stdout


# ------------------------------------------------------------- damaged content databases --
@pytest.mark.parametrize(("kind", "reason"), BROKEN_CONTENT_DBS)
@pytest.mark.parametrize("command", ["info", "stats"])
def test_info_and_stats_on_a_damaged_content_database_are_one_line(
        tmp_path: Path, command: str, kind: str, reason: str) -> None:
    path = write_broken_content_db(tmp_path / "bad.sqlite", kind)
    before = path.read_bytes() if path.exists() else None
    line = one_plain_line(run([*ADMIN, command, "--content-db", str(path),
                               "--data-dir", str(tmp_path / "data")]))
    assert reason in line
    assert (path.read_bytes() if path.exists() else None) == before


# ------------------------------------------------------------------------- start paths --
def test_a_full_disk_for_the_log_is_one_line_not_a_logging_error_per_record(
        tmp_path: Path, content_db: Path) -> None:
    source = tmp_path / "made"
    admin_db_with_pin(source)
    data = tmp_path / "disk" / "data"
    prep = f"mkdir -p data/logs && cp {source / 'admin.sqlite'} data/ && {FILL}"
    done = full_disk(tmp_path, prep, [*KIOSK, "--self-test", "--content-db", str(content_db),
                                      "--data-dir", str(data)], size_kib=256)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("self-test ok")
    assert "Logging error" not in done.stderr and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot be written" in lines[0], done.stderr


def test_screenshots_onto_an_existing_file_are_one_line(tmp_path: Path,
                                                        content_db: Path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("keep me\n", encoding="utf-8")
    line = one_plain_line(run([*KIOSK, "--screenshot", str(target), "--content-db",
                               str(content_db), "--data-dir", str(tmp_path / "data")]))
    assert "is a file" in line
    assert target.read_text(encoding="utf-8") == "keep me\n"


def test_a_pdf_onto_a_full_disk_says_so_and_leaves_the_old_file(tmp_path: Path,
                                                                content_db: Path) -> None:
    disk = tmp_path / "disk"
    out = disk / "checklist.pdf"
    # An earlier handout is there; the disk then fills up before the new one is written.
    prep = f"printf 'earlier handout' > checklist.pdf && {FILL}"
    then_look = (f'"$@"; rc=$?; echo "left: $(cat {out}) |$(ls -A {disk} | tr "\\n" " ")"; '
                 'exit $rc')
    done = full_disk(tmp_path, prep, ["sh", "-c", then_look, "sh", *ADMIN, "print",
                                      "checklist", "--pdf", str(out), "--content-db",
                                      str(content_db), "--data-dir", str(tmp_path / "data")],
                     size_kib=64)
    assert done.returncode != 0, done.stdout
    assert "wrote" not in done.stdout and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "disk is full" in lines[0], done.stderr
    # The earlier file is whole and no temporary file is left beside it.
    assert done.stdout.strip().splitlines()[-1] == "left: earlier handout |checklist.pdf filler"


@pytest.mark.parametrize("kind", ["a-file", "unwritable"])
def test_a_data_folder_the_kiosk_cannot_use_is_one_line(tmp_path: Path, content_db: Path,
                                                        kind: str) -> None:
    data = tmp_path / "data"
    prefix: list[str] = []
    if kind == "a-file":
        data.write_text("not a folder\n", encoding="utf-8")
    else:
        data.mkdir(mode=0o555)
        prefix = _not_root()
    try:
        line = one_plain_line(run([*KIOSK, "--self-test", "--content-db", str(content_db),
                                   "--data-dir", str(data)], prefix=prefix),
                              starts="self-test failed:")
    finally:
        if data.is_dir():
            data.chmod(0o755)
    assert "data folder" in line

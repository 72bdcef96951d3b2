"""The admin PIN: salted scrypt hash, never the PIN itself; lockout and backoff."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.store import admin, pins
from kiosk.store.pins import PinRepository, PinStatus
from tests.helpers import FakeClock

CHEAP = 2**10  # scrypt cost for tests; verification reads the cost from the stored hash


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1_000_000.0)


@pytest.fixture
def repo(tmp_path: Path, clock: FakeClock) -> PinRepository:
    return PinRepository(admin.open_admin_db(tmp_path), clock=clock, cost=CHEAP)


def test_no_pin_until_one_is_set(repo: PinRepository) -> None:
    assert not repo.has_pin()
    assert repo.check("1234").status is PinStatus.NO_PIN
    repo.set_pin("482913")
    assert repo.has_pin()
    assert repo.check("482913").status is PinStatus.OK


def test_only_a_salted_hash_is_stored(tmp_path: Path) -> None:
    conn = admin.open_admin_db(tmp_path)
    PinRepository(conn, cost=CHEAP).set_pin("482913")
    conn.close()
    raw = (tmp_path / admin.ADMIN_DB_NAME).read_bytes()
    assert b"482913" not in raw
    first = pins.hash_pin("482913", CHEAP)
    second = pins.hash_pin("482913", CHEAP)
    assert first != second  # a fresh salt each time
    assert first.startswith("scrypt$") and pins.verify_pin("482913", first)
    assert not pins.verify_pin("482914", first)
    assert not pins.verify_pin("482913", "garbage")


# Full-width digits on purpose: they look like a PIN but are not the digits on the keypad.
@pytest.mark.parametrize("bad", ["", "123", "12a4", "１２３４", "1234567890123", " 1234"])  # noqa: RUF001
def test_unusable_pins_are_refused_with_a_reason(repo: PinRepository, bad: str) -> None:
    with pytest.raises(pins.PinError):
        repo.set_pin(bad)
    assert not repo.has_pin()


def test_five_wrong_pins_lock_for_five_minutes(repo: PinRepository, clock: FakeClock) -> None:
    repo.set_pin("482913")
    for left in (4, 3, 2, 1):
        result = repo.check("0000")
        assert result.status is PinStatus.WRONG and result.attempts_left == left
    result = repo.check("0000")
    assert result.status is PinStatus.LOCKED
    assert result.locked_seconds == pins.LOCKOUT_SECONDS
    # Locked: even the right PIN is refused until the time is up.
    clock.now += 299
    assert repo.check("482913").status is PinStatus.LOCKED
    assert repo.locked_seconds() == pytest.approx(1)
    clock.now += 2
    assert repo.locked_seconds() == 0
    assert repo.check("482913").status is PinStatus.OK


def test_wrong_pins_after_a_lockout_back_off(repo: PinRepository, clock: FakeClock) -> None:
    repo.set_pin("482913")
    waits = []
    for _ in range(4):
        for _ in range(pins.MAX_ATTEMPTS):
            result = repo.check("1111")
            if result.status is PinStatus.LOCKED:
                break
        waits.append(result.locked_seconds)
        clock.now += result.locked_seconds + 1
    assert waits == [300, 600, 1200, 2400]
    for _ in range(5):
        result = repo.check("1111")
        clock.now += result.locked_seconds + 1
    assert result.locked_seconds == pins.MAX_LOCKOUT_SECONDS


def test_the_lockout_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    conn = admin.open_admin_db(tmp_path)
    repo = PinRepository(conn, clock=clock, cost=CHEAP)
    repo.set_pin("482913")
    for _ in range(pins.MAX_ATTEMPTS):
        repo.check("0000")
    conn.close()
    again = PinRepository(admin.open_admin_db(tmp_path), clock=clock)
    assert again.check("482913").status is PinStatus.LOCKED


def test_a_right_pin_clears_the_count_and_a_new_pin_clears_a_lockout(
        repo: PinRepository) -> None:
    repo.set_pin("482913")
    for _ in range(4):
        repo.check("0000")
    assert repo.check("482913").status is PinStatus.OK
    assert repo.check("0000").attempts_left == 4
    for _ in range(4):
        repo.check("0000")
    assert repo.locked_seconds() > 0
    repo.set_pin("777777")
    assert repo.locked_seconds() == 0
    assert repo.check("777777").status is PinStatus.OK
    assert repo.check("482913").status is PinStatus.WRONG


def test_integrity_check_reports_ok(tmp_path: Path) -> None:
    assert admin.integrity_check(admin.open_admin_db(tmp_path)) == "ok"


def test_set_pin_command_reads_stdin(tmp_path: Path, monkeypatch, capsys) -> None:
    import io

    from kiosk.cli.main import main

    monkeypatch.setattr("sys.stdin", io.StringIO("482913\n"))
    assert main(["set-pin", "--stdin", "--data-dir", str(tmp_path)]) == 0
    assert "admin PIN set" in capsys.readouterr().out
    conn = admin.open_admin_db(tmp_path)
    assert PinRepository(conn).check("482913").status is PinStatus.OK
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main(["set-pin", "--stdin", "--data-dir", str(tmp_path)]) == 1
    assert "4 to 12 digits" in capsys.readouterr().err
    assert PinRepository(conn).check("482913").status is PinStatus.OK  # unchanged


def test_set_pin_command_asks_twice(tmp_path: Path, monkeypatch, capsys) -> None:
    from kiosk.cli import pin as pin_cli
    from kiosk.cli.main import main

    answers = iter(["482913", "482914"])
    monkeypatch.setattr(pin_cli.getpass, "getpass", lambda prompt: next(answers))
    assert main(["set-pin", "--data-dir", str(tmp_path)]) == 1
    assert "differ" in capsys.readouterr().err
    assert not PinRepository(admin.open_admin_db(tmp_path)).has_pin()
    answers = iter(["482913", "482913"])
    assert main(["set-pin", "--data-dir", str(tmp_path)]) == 0
    assert PinRepository(admin.open_admin_db(tmp_path)).has_pin()
    assert main(["set-pin", "--clear", "--data-dir", str(tmp_path)]) == 0
    assert not PinRepository(admin.open_admin_db(tmp_path)).has_pin()


def _failures(tmp_path: Path) -> tuple[int, float]:
    conn = admin.open_admin_db(tmp_path)
    try:
        row = conn.execute("SELECT failures, locked_until FROM admin_pin").fetchone()
        return int(row[0]), float(row[1])
    finally:
        conn.close()


def test_an_unwritable_database_locks_the_pad(tmp_path: Path, clock: FakeClock) -> None:
    conn = admin.open_admin_db(tmp_path)
    repo = PinRepository(conn, clock=clock, cost=CHEAP)
    repo.set_pin("482913")
    repo.check("0000")
    repo.check("0000")
    conn.execute("PRAGMA query_only = ON")  # every write now fails as on a read-only file
    result = repo.check("0000")  # no exception: a wrong PIN that cannot be counted locks
    assert result.status is PinStatus.LOCKED
    assert result.locked_seconds == pins.LOCKOUT_SECONDS
    assert repo.unwritable
    clock.now += 299
    assert repo.check("482913").status is PinStatus.LOCKED  # the right PIN too
    assert repo.locked_seconds() == pytest.approx(1)
    clock.now += 2
    # Still unwritable: the pad locks again rather than take a guess it cannot count.
    assert repo.check("482913").status is PinStatus.LOCKED
    assert repo.locked_seconds() == pytest.approx(pins.LOCKOUT_SECONDS)
    assert _failures(tmp_path) == (2, 0.0)  # the two counted tries are not lost
    conn.execute("PRAGMA query_only = OFF")
    clock.now += pins.LOCKOUT_SECONDS + 1
    assert repo.check("0000").attempts_left == 2
    assert not repo.unwritable
    conn.close()


def test_a_restart_on_an_unwritable_database_opens_locked(tmp_path: Path,
                                                           clock: FakeClock) -> None:
    conn = admin.open_admin_db(tmp_path)
    PinRepository(conn, clock=clock, cost=CHEAP).set_pin("482913")
    conn.execute("PRAGMA query_only = ON")
    again = PinRepository(conn, clock=clock, cost=CHEAP)  # a fresh run: nothing in memory
    assert again.has_pin()
    assert again.locked_seconds() == pins.LOCKOUT_SECONDS
    assert again.check("482913").status is PinStatus.LOCKED
    conn.close()


def test_a_database_locked_by_another_process_locks_the_pad(tmp_path: Path,
                                                             clock: FakeClock) -> None:
    conn = admin.open_admin_db(tmp_path)
    repo = PinRepository(conn, clock=clock, cost=CHEAP)
    repo.set_pin("482913")
    repo.check("0000")
    conn.execute("PRAGMA busy_timeout = 0")  # fail at once instead of waiting for the lock
    other = admin.open_admin_db(tmp_path)
    other.execute("BEGIN EXCLUSIVE")  # reads fail too while this is held
    try:
        assert repo.has_pin()  # unreadable: the gesture opens a locked pad
        assert repo.locked_seconds() == pins.LOCKOUT_SECONDS
        assert repo.check("482913").status is PinStatus.LOCKED
        assert repo.unwritable
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert _failures(tmp_path) == (1, 0.0)
    conn.close()

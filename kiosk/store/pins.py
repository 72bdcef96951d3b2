"""The admin PIN: a salted scrypt hash in the admin database, and the lockout after wrong tries.

Five wrong PINs in a row lock the admin pad for five minutes; every further wrong PIN after a
lockout doubles the wait (at most an hour). A right PIN clears the count. The lockout is kept
in the database, so restarting the kiosk does not reset it. The clock is injectable.

The pad fails closed: a wrong PIN that cannot be recorded (read-only file, locked database,
full disk) would otherwise be a free guess, so while the database cannot be written the pad is
locked, in memory, for LOCKOUT_SECONDS at a time and no PIN is checked at all. The same test
runs whenever the pad opens, so a restart cannot be used to keep guessing.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
MAX_ATTEMPTS = 5
LOCKOUT_SECONDS = 300.0
MAX_LOCKOUT_SECONDS = 3600.0
#: scrypt cost (N). 2**14 with r=8 uses 16 MiB and takes a few tens of milliseconds.
DEFAULT_COST = 2**14
_R, _P, _DKLEN = 8, 1, 32

log = logging.getLogger(__name__)


class PinError(ValueError):
    """A PIN that cannot be used (one-line reason)."""


class PinStatus(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NO_PIN = "no_pin"


@dataclass(frozen=True)
class PinCheck:
    status: PinStatus
    #: Wrong tries left before a lockout (WRONG only).
    attempts_left: int = 0
    #: Seconds until the pad unlocks (LOCKED only).
    locked_seconds: float = 0.0


def validate_pin(pin: str) -> str:
    """Return `pin` if it is 4 to 12 digits, else raise PinError saying what is wrong."""
    if not pin.isascii() or not pin.isdigit():
        raise PinError("the PIN must be digits only (0-9)")
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise PinError(f"the PIN must be {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits long")
    return pin


def hash_pin(pin: str, cost: int = DEFAULT_COST, salt: bytes | None = None) -> str:
    """`scrypt$N$r$p$salt$hash` (hex), with a fresh 16-byte salt unless one is given."""
    # Imported here, as in verify_pin: hashlib, hmac and secrets load OpenSSL's libcrypto
    # (~3.5 MiB resident), which a kiosk nobody administers never needs.
    import hashlib
    import secrets

    salt = secrets.token_bytes(16) if salt is None else salt
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=cost, r=_R, p=_P, dklen=_DKLEN,
                            maxmem=256 * cost * _R + 1024 * 1024)
    return f"scrypt${cost}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    import hashlib
    import hmac

    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        cost, r_, p_ = int(n), int(r), int(p)
        digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=cost, r=r_,
                                p=p_, dklen=len(digest_hex) // 2,
                                maxmem=256 * cost * r_ * p_ + 1024 * 1024)
    except ValueError:
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


class PinRepository:
    """The one admin PIN and its lockout state (table `admin_pin`, one row)."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], float] = time.time,
                 cost: int = DEFAULT_COST) -> None:
        self._conn = conn
        self._clock = clock
        self._cost = cost
        # Set when a write failed: the pad stays locked until then, whatever the database says.
        self._unwritable_until = 0.0
        #: True while the last attempt to write the lockout state failed.
        self.unwritable = False

    def _storage_failed(self, exc: sqlite3.DatabaseError) -> None:
        if not self.unwritable:
            log.warning("admin database cannot be written (%s): the PIN pad is locked", exc)
        self.unwritable = True
        self._unwritable_until = max(self._unwritable_until, self._clock() + LOCKOUT_SECONDS)

    def _writable(self) -> bool:
        """Whether the lockout state can be recorded, found by a write that changes nothing."""
        try:
            self._conn.execute("UPDATE admin_pin SET locked_until = locked_until WHERE id = 1")
        except sqlite3.DatabaseError as exc:
            self._storage_failed(exc)
            return False
        self.unwritable = False
        return True

    def _memory_locked(self) -> float:
        return max(0.0, self._unwritable_until - self._clock())

    def _row(self) -> tuple[str, int, float]:
        row = self._conn.execute(
            "SELECT pin_hash, failures, locked_until FROM admin_pin WHERE id = 1"
        ).fetchone()
        return (str(row[0]), int(row[1]), float(row[2])) if row else ("", 0, 0.0)

    def _save(self, pin_hash: str, failures: int, locked_until: float) -> None:
        self._conn.execute(
            "INSERT INTO admin_pin (id, pin_hash, failures, locked_until) VALUES (1, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET pin_hash = excluded.pin_hash,"
            " failures = excluded.failures, locked_until = excluded.locked_until",
            (pin_hash, failures, locked_until),
        )

    def has_pin(self) -> bool:
        """Whether a PIN is set; True when the database cannot be read, so the pad opens locked."""
        try:
            return bool(self._row()[0])
        except sqlite3.DatabaseError as exc:
            self._storage_failed(exc)
            return True

    def set_pin(self, pin: str) -> None:
        """Store a new PIN (validated) and clear any lockout."""
        self._save(hash_pin(validate_pin(pin), self._cost), 0, 0.0)

    def clear_pin(self) -> None:
        self._save("", 0, 0.0)

    def locked_seconds(self) -> float:
        """Seconds until the pad accepts a PIN again (0 when it is not locked).

        Never raises: a database that cannot be read or written locks the pad instead.
        """
        if self._memory_locked() <= 0:
            try:
                locked_until = self._row()[2]
            except sqlite3.DatabaseError as exc:
                self._storage_failed(exc)
            else:
                stored = max(0.0, locked_until - self._clock())
                if stored > 0 or self._writable():
                    return stored
        return self._memory_locked()

    def check(self, pin: str) -> PinCheck:
        """Never raises on a database error: the pad is locked instead (see the module doc)."""
        if (memory := self._memory_locked()) > 0:
            return PinCheck(PinStatus.LOCKED, locked_seconds=memory)
        try:
            return self._check(pin)
        except sqlite3.DatabaseError as exc:
            self._storage_failed(exc)
            return PinCheck(PinStatus.LOCKED, locked_seconds=self._memory_locked())

    def _check(self, pin: str) -> PinCheck:
        pin_hash, failures, locked_until = self._row()
        if not pin_hash:
            return PinCheck(PinStatus.NO_PIN)
        now = self._clock()
        if locked_until > now:
            return PinCheck(PinStatus.LOCKED, locked_seconds=locked_until - now)
        # Test the write before the PIN: a guess whose failure cannot be counted is not checked.
        if not self._writable():
            return PinCheck(PinStatus.LOCKED, locked_seconds=self._memory_locked())
        if verify_pin(pin, pin_hash):
            self._save(pin_hash, 0, 0.0)
            return PinCheck(PinStatus.OK)
        failures += 1
        if failures < MAX_ATTEMPTS:
            self._save(pin_hash, failures, 0.0)
            return PinCheck(PinStatus.WRONG, attempts_left=MAX_ATTEMPTS - failures)
        wait = min(LOCKOUT_SECONDS * 2 ** (failures - MAX_ATTEMPTS), MAX_LOCKOUT_SECONDS)
        self._save(pin_hash, failures, now + wait)
        return PinCheck(PinStatus.LOCKED, locked_seconds=wait)

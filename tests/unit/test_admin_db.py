"""The admin database: ordered migrations, backups, settings."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from kiosk.store import admin
from tests.helpers import TEST_DATA as FIXTURES


def test_new_database_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    conn = admin.open_admin_db(tmp_path)
    assert admin.schema_version(conn) == len(admin.MIGRATIONS)
    repo = admin.SettingsRepository(conn)
    repo.set("kiosk_zip", "05401")
    repo.set("kiosk_zip", "05602")
    assert repo.get("kiosk_zip") == "05602"
    assert repo.get("missing", "default") == "default"


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("admin_v*.sqlite")), ids=lambda p: p.stem)
def test_every_released_version_upgrades_keeping_settings(tmp_path: Path, fixture: Path) -> None:
    shutil.copyfile(fixture, tmp_path / admin.ADMIN_DB_NAME)
    before = sqlite3.connect(tmp_path / admin.ADMIN_DB_NAME)
    old_version = before.execute("PRAGMA user_version").fetchone()[0]
    before.close()
    conn = admin.open_admin_db(tmp_path)
    assert admin.schema_version(conn) == len(admin.MIGRATIONS)
    assert admin.SettingsRepository(conn).get("kiosk_zip") == "05401"
    if old_version < len(admin.MIGRATIONS):
        assert (tmp_path / f"{admin.ADMIN_DB_NAME}.v{old_version}.bak").exists()


def test_fixture_exists_for_the_current_version() -> None:
    assert (FIXTURES / f"admin_v{len(admin.MIGRATIONS)}.sqlite").exists(), (
        "add a fixture admin DB for each released schema version (see tests/data/README.md)"
    )


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path: Path, monkeypatch) -> None:
    conn = admin.open_admin_db(tmp_path)
    admin.SettingsRepository(conn).set("kiosk_zip", "05401")

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(admin, "MIGRATIONS", [*admin.MIGRATIONS, broken])
    with pytest.raises(sqlite3.OperationalError):
        admin.migrate(conn)
    assert admin.schema_version(conn) == len(admin.MIGRATIONS) - 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    assert admin.SettingsRepository(conn).get("kiosk_zip") == "05401"


def test_newer_database_is_refused(tmp_path: Path) -> None:
    conn = admin.open_admin_db(tmp_path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(admin.AdminDbError, match="newer"):
        admin.open_admin_db(tmp_path)


def test_the_admin_database_and_the_log_are_the_kiosk_accounts_alone(tmp_path: Path) -> None:
    import logging
    import stat

    from kiosk.logs import setup_logging
    from kiosk.store.admin import ADMIN_DB_NAME, open_admin_db

    open_admin_db(tmp_path).close()
    assert stat.S_IMODE((tmp_path / ADMIN_DB_NAME).stat().st_mode) == 0o600
    log_file = setup_logging(tmp_path / "logs")
    assert log_file is not None
    try:
        assert stat.S_IMODE(log_file.stat().st_mode) == 0o640
    finally:
        for handler in list(logging.getLogger().handlers):
            if isinstance(handler, logging.FileHandler) and handler.baseFilename == str(log_file):
                logging.getLogger().removeHandler(handler)
                handler.close()


def test_the_backup_made_before_a_migration_is_the_kiosk_accounts_alone(tmp_path: Path) -> None:
    import shutil
    import stat

    from tests.helpers import TEST_DATA

    db = tmp_path / admin.ADMIN_DB_NAME
    shutil.copyfile(TEST_DATA / "admin_v2.sqlite", db)
    db.chmod(0o644)  # as an older build left it
    admin.open_admin_db(tmp_path).close()
    backups = list(tmp_path.glob("*.bak"))
    assert backups
    for path in [db, *backups]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name

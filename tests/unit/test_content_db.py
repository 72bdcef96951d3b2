"""The content database: deterministic build, read-only open, version checks."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import build as db_build
from kiosk.store.connect import APPLICATION_ID, SCHEMA_VERSION, ContentDbError, open_content_db
from kiosk.store.content import ContentRepository
from tests.helpers import BROKEN_CONTENT_DBS, ROOT, write_broken_content_db


def test_same_inputs_give_the_same_bytes(tmp_path: Path, template_db_no_directory: Path) -> None:
    again = tmp_path / "again.sqlite"
    db_build.build(again, None)
    assert again.read_bytes() == template_db_no_directory.read_bytes()


def test_built_database_carries_version_and_application_id(template_db: Path) -> None:
    conn = sqlite3.connect(template_db)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def test_opened_read_only(content_db: Path) -> None:
    conn = open_content_db(content_db)
    try:
        with pytest.raises(sqlite3.OperationalError):
            conn.execute("DELETE FROM faq")
    finally:
        conn.close()


@pytest.mark.parametrize(("kind", "reason"), BROKEN_CONTENT_DBS)
def test_unusable_files_get_a_one_line_reason(tmp_path: Path, kind: str, reason: str) -> None:
    path = write_broken_content_db(tmp_path / "content.sqlite", kind)
    with pytest.raises(ContentDbError) as info:
        open_content_db(path)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_wrong_version_is_refused(tmp_path: Path, template_db_no_directory: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copyfile(template_db_no_directory, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(ContentDbError, match="version"):
        open_content_db(path)


def test_stale_check_follows_the_sources(tmp_path: Path, template_db_no_directory: Path) -> None:
    out = tmp_path / "content.sqlite"
    assert db_build.is_stale(out, None)
    shutil.copyfile(template_db_no_directory, out)
    assert not db_build.is_stale(out, None)
    import os

    # older than the newest source, however old the checkout's files are
    newest = max(f.stat().st_mtime for f in db_build.source_files(None))
    os.utime(out, (newest - 60, newest - 60))
    assert db_build.is_stale(out, None)


def test_broken_content_source_names_the_file(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(db_build.ROOT / "resources" / "content", root)
    (root / "en" / "faqs.toml").write_text('[[faq]]\nid = "x"\nquestion = "Q?"\n',
                                           encoding="utf-8")
    with pytest.raises(db_build.content.ContentError, match=r"faqs\.toml.*answer"):
        db_build.build(tmp_path / "out.sqlite", None, content_root=root)
    assert not (tmp_path / "out.sqlite").exists()


def test_repository_returns_content_in_order(content_repo: ContentRepository) -> None:
    sections = content_repo.guide_sections()
    assert [s.position for s in sections] == sorted(s.position for s in sections)
    assert sections[0].title and sections[0].body_md
    featured = content_repo.featured_helpline()
    assert featured is not None and featured.featured
    chosen = content_repo.helplines("samhsa-national-helpline")
    assert chosen[0].id == "samhsa-national-helpline"
    assert len(chosen) == len(content_repo.helplines())


def test_the_required_columns_are_those_schema_sql_makes() -> None:
    """The start-up check must know every table and column the build makes, or a database
    missing one would pass it and fail later in front of a visitor."""
    from kiosk.store.connect import REQUIRED_COLUMNS

    conn = sqlite3.connect(":memory:")
    conn.executescript((ROOT / "db" / "schema.sql").read_text(encoding="utf-8"))
    made = {str(name): tuple(str(col[1]) for col in conn.execute(f"PRAGMA table_info({name})"))
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    assert made == REQUIRED_COLUMNS, "update REQUIRED_COLUMNS in kiosk/store/connect.py"

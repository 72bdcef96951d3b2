"""Shared fixtures: one template content database per session, a fresh copy per test."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SAMHSA_DIR = SHARED_DATA / "samhsa"
sys.path.insert(0, str(ROOT / "db"))

import build as db_build  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from kiosk.store.connect import open_content_db  # noqa: E402
from kiosk.store.content import ContentRepository  # noqa: E402


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content and (when ../shared is beside the checkout) the real directory."""
    out = tmp_path_factory.mktemp("template") / "content.sqlite"
    db_build.build(out, SAMHSA_DIR if SAMHSA_DIR.is_dir() else None)
    return out


@pytest.fixture(scope="session")
def template_db_no_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("template-nodir") / "content.sqlite"
    db_build.build(out, None)
    return out


@pytest.fixture
def content_db(template_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "content.sqlite"
    shutil.copyfile(template_db, copy)
    return copy


@pytest.fixture
def content_repo(content_db: Path) -> ContentRepository:
    conn = open_content_db(content_db)
    yield ContentRepository(conn)
    conn.close()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def settings(content_db: Path, data_dir: Path) -> Settings:
    return Settings(windowed=True, content_db=content_db, data_dir=data_dir)


@pytest.fixture
def stores(settings: Settings):  # type: ignore[no-untyped-def]
    from kiosk.app import open_stores

    opened = open_stores(settings)
    yield opened
    opened.content_conn.close()
    opened.admin_conn.close()


@pytest.fixture
def themed_app(qapp):  # type: ignore[no-untyped-def]
    from kiosk.ui import theme

    theme.apply(qapp)
    return qapp


@pytest.fixture
def window(qtbot, themed_app, stores):  # type: ignore[no-untyped-def]
    """The whole shell over real content, shown at laptop size."""
    from kiosk.app import build_window

    win = build_window(stores)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    return win

"""Shared fixtures: one template content database per session, a fresh copy per test;
windows built over it are closed and deleted when the test ends, and a test fails if a
window or a session guard outlives it."""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.helpers import ROOT, SAMHSA_DIR, dispose

sys.path.insert(0, str(ROOT / "db"))

import build as db_build
from kiosk.config import Settings
from kiosk.store.connect import open_content_db
from kiosk.store.content import ContentRepository


def _run_deferred_deletes() -> None:
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """When a test has finished, stop the work its windows were doing between frames (the
    search vocabulary, the directory's index) before pytest-qt runs the event loop once
    more: the windows are about to go, and that work took ~0.3 s of many tests' teardown."""
    try:
        return (yield)
    finally:
        _cancel_background_jobs()


def _cancel_background_jobs() -> None:
    ops = sys.modules.get("kiosk.ui.ops")
    if ops is None or "PySide6.QtWidgets" not in sys.modules:
        return
    for widget in _top_level_widgets():
        for job in widget.findChildren(ops.BatchJob):
            job.cancel()


@pytest.fixture(autouse=True)
def _nothing_outlives_the_test() -> Iterator[None]:
    """Fail a test that leaves a top-level window or an installed session guard behind.

    Each leaked shell keeps about 400 widgets and an application-wide event filter alive,
    so every later UI test gets slower. The check costs well under a millisecond and
    nothing at all until Qt is imported.
    """
    before = _top_level_widgets()
    yield
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    # pytest-qt has closed what qtbot.addWidget() got and called deleteLater(), which only
    # an event loop would run: run it now, so those widgets go at once and are not leaks.
    _run_deferred_deletes()
    leaked = [w for w in _top_level_widgets() if not any(w is b for b in before)]
    guards = _installed_guards()
    if not leaked and not guards:
        return
    found = [*(f"window {type(w).__name__} {w.objectName()!r}" for w in leaked),
             *(f"installed {type(g).__name__}" for g in guards)]
    for guard in guards:
        guard.uninstall()
    for widget in leaked:
        dispose(widget)  # so later tests are not slowed down by this one's leak
    pytest.fail(f"left behind by this test: {', '.join(found)} (build windows with the "
                "window/make_window fixtures, or pass them to tests.helpers.dispose())",
                pytrace=False)


def _top_level_widgets() -> list[Any]:
    if "PySide6.QtWidgets" not in sys.modules:
        return []
    from PySide6.QtWidgets import QApplication

    return QApplication.topLevelWidgets() if QApplication.instance() is not None else []


def _installed_guards() -> list[Any]:
    session = sys.modules.get("kiosk.ui.session")
    if session is None:
        return []
    import shiboken6

    return [o for o in shiboken6.getAllValidWrappers()
            if isinstance(o, session.SessionGuard) and o.installed]


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content and (when ../shared is beside the checkout) the real directory."""
    out = tmp_path_factory.mktemp("template") / "content.sqlite"
    samhsa = SAMHSA_DIR if SAMHSA_DIR.is_dir() else None
    built = db_build.DEFAULT_OUT
    from kiosk import paths

    same_sources = samhsa is not None and paths.default_samhsa_dir() == samhsa
    if same_sources and not db_build.is_stale(built, samhsa) and _has_directory(built):
        # `./dev setup` has just built it from these very sources (each worker would take
        # ~5 s to build its own)
        shutil.copyfile(built, out)
    else:
        db_build.build(out, samhsa)
    return out


def _has_directory(db: Path) -> bool:
    """Whether `db` holds a directory (`db/build.py --no-directory` builds one without)."""
    import sqlite3

    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        return bool(conn.execute("SELECT count(*) FROM facility").fetchone()[0])
    except sqlite3.Error:
        return False
    finally:
        conn.close()


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
def make_shell(qtbot, themed_app, stores) -> Iterator[Callable[..., Any]]:  # type: ignore[no-untyped-def]
    """Builds the whole shell as app.py does; every window it built is closed and deleted
    at teardown, before the databases under it are closed.

    make_shell(kiosk_zip="05401") replaces settings first; stores= builds over other
    stores; size=None builds it without showing it.
    """
    from kiosk.app import build_shell

    built: list[Any] = []

    def make(*, stores: Any = stores, size: tuple[int, int] | None = (1366, 768),
             **changes: Any) -> Any:
        if changes:
            stores.settings = dataclasses.replace(stores.settings, **changes)
        shell = build_shell(stores)
        built.append(shell.window)
        if size is not None:
            shell.window.resize(*size)
            shell.window.show()
            qtbot.waitExposed(shell.window)
        return shell

    yield make
    for win in reversed(built):
        dispose(win)


@pytest.fixture
def make_window(make_shell):  # type: ignore[no-untyped-def]
    """Like make_shell, for tests that need only the window."""
    def make(**options: Any) -> Any:
        return make_shell(**options).window

    return make


@pytest.fixture
def shell(make_shell):  # type: ignore[no-untyped-def]
    """The whole shell over real content, shown at laptop size."""
    return make_shell()


@pytest.fixture
def window(shell):  # type: ignore[no-untyped-def]
    """The shell's window (the same shell as the `shell` fixture's)."""
    return shell.window

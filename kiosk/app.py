"""Composition root: args -> logging -> paths -> databases -> repositories -> Qt."""

from __future__ import annotations

import argparse
import logging
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__, paths, settings_file
from kiosk.config import Settings
from kiosk.logs import setup_logging
from kiosk.store.admin import AdminDbError, SettingsRepository, open_admin_db, schema_version
from kiosk.store.connect import ContentDbError, open_content_db
from kiosk.store.content import ContentRepository

log = logging.getLogger(__name__)

DEFAULT_SIZES = [(1920, 1080), (1080, 1920), (1366, 768)]
FALLBACK_LANG = "en"


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, not {text!r}") from None
    if not (200 <= w <= 8000 and 200 <= h <= 8000):
        raise argparse.ArgumentTypeError(f"size out of range: {text}")
    return w, h


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="kiosk", description="Recovery Guide Kiosk")
    p.add_argument("--windowed", action="store_true", help="a normal window (laptops)")
    p.add_argument("--content-db", type=Path, help="content database to use")
    p.add_argument("--data-dir", type=Path, help="folder for settings and logs")
    p.add_argument("--lang", help="content language code (default: en)")
    p.add_argument("--idle-seconds", type=int, help="reset after this many idle seconds")
    p.add_argument("--self-test", action="store_true", help="check everything, print one line")
    p.add_argument("--screenshot", type=Path, metavar="DIR", help="render every screen to PNGs")
    p.add_argument("--size", type=_size, action="append", metavar="WxH",
                   help="screenshot size (repeatable; default: 1920x1080 1080x1920 1366x768)")
    p.add_argument("--exit-after-first-paint", action="store_true",
                   help=argparse.SUPPRESS)  # benchmarks/startup.py
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p.parse_args(argv)


@dataclass
class Stores:
    """Everything app.py opened, handed to the UI."""

    settings: Settings
    content_conn: sqlite3.Connection
    admin_conn: sqlite3.Connection
    content: ContentRepository
    admin_settings: SettingsRepository


def load_settings(args: argparse.Namespace) -> Settings:
    return Settings().with_overrides(
        windowed=args.windowed or None,
        lang=args.lang,
        content_db=args.content_db,
        data_dir=args.data_dir,
        idle_seconds=args.idle_seconds,
    )


def open_stores(settings: Settings) -> Stores:
    """Open both databases; raise ContentDbError / AdminDbError with a one-line reason."""
    admin_conn = open_admin_db(paths.data_dir(settings.data_dir))
    admin_settings = SettingsRepository(admin_conn)
    # settings.toml (issue 8) fills in what staff have not set on the admin screen.
    stored = {**settings_file.load(paths.settings_file(settings.data_dir)),
              **admin_settings.all()}
    settings = settings.with_overrides(
        lang=settings.lang if settings.lang != "en" else stored.get("lang"),
        kiosk_zip=stored.get("kiosk_zip"),
        featured_helpline=stored.get("featured_helpline"),
        helpline_order=stored.get("helpline_order"),
        printing_enabled=stored.get("printing_enabled", "1").strip() != "0",
    )
    if "idle_seconds" in stored and settings.idle_seconds == Settings().idle_seconds:
        settings = settings.with_overrides(idle_seconds=int(stored["idle_seconds"]))
    content_path = settings.content_db or paths.default_content_db()
    content_conn = open_content_db(content_path)
    content = ContentRepository(content_conn, settings.lang)
    if not content.guide_sections() and settings.lang != FALLBACK_LANG:
        # A language without content yet: show English rather than an empty kiosk.
        log.warning("no content for language %r; using %r", settings.lang, FALLBACK_LANG)
        settings = settings.with_overrides(lang=FALLBACK_LANG)
        content = ContentRepository(content_conn, FALLBACK_LANG)
    if not content.guide_sections():
        content_conn.close()
        raise ContentDbError(f"content database has no content for language {settings.lang!r}")
    return Stores(settings, content_conn, admin_conn, content, admin_settings)


def main(argv: list[str] | None = None) -> int:
    os.environ.update(paths.runtime_environment(os.environ))  # portable mode, frozen locale
    args = parse_args(argv)
    settings = load_settings(args)
    headless = bool(args.self_test or args.screenshot)
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    setup_logging(paths.log_dir(settings.data_dir))
    log.info("kiosk %s starting", __version__)
    try:
        stores: Stores | None = open_stores(settings)
        problem = ""
    except (ContentDbError, AdminDbError, OSError, ValueError) as exc:
        stores, problem = None, str(exc)
        log.error("cannot start normally: %s", problem)
    if stores is None and headless:
        print(f"self-test failed: {problem}" if args.self_test else f"error: {problem}",
              file=sys.stderr)
        return 2

    return run_qt(stores, settings, args, problem)


def build_window(stores: Stores):  # type: ignore[no-untyped-def]
    """Repositories -> screens -> shell. Tests build screens the same way."""
    from kiosk.store.directory import DirectoryRepository
    from kiosk.ui.main_window import MainWindow
    from kiosk.ui.screens.checklist import ChecklistScreen
    from kiosk.ui.screens.compare import CompareScreen
    from kiosk.ui.screens.directory import DirectoryScreen
    from kiosk.ui.screens.faq import FaqScreen
    from kiosk.ui.screens.guide import GuideScreen
    from kiosk.ui.screens.help import HelpScreen
    from kiosk.ui.screens.home import HomeScreen

    content = stores.content
    helplines = content.helplines(stores.settings.featured_helpline)
    helplines = _ordered_helplines(helplines, stores.settings)  # issue 6: admin's order
    # issue 7: take-aways (checklist printing, facility slips, the in-window print preview).
    from kiosk.ui.printing import PrintService
    from kiosk.ui.widgets.print_preview import PrintPreviewScreen, connect_takeaways

    directory = DirectoryRepository(stores.content_conn)
    lookup = directory.facility
    windowed = stores.settings.windowed
    checklist = ChecklistScreen(content, facility_lookup=lookup, helplines=helplines,
                                windowed=windowed)
    screens = [
        HomeScreen(content),
        GuideScreen(content),
        FaqScreen(content),
        CompareScreen(content),
        DirectoryScreen(DirectoryRepository(stores.content_conn), stores.settings.kiosk_zip),
        checklist,
        HelpScreen(helplines),
    ]
    preview = PrintPreviewScreen(PrintService(stores.admin_settings, windowed=windowed),
                                 helplines, content.info())
    screens.append(preview)
    admin = _admin_screen(stores, helplines, directory)  # issue 6
    screens.append(admin)
    search = _search_screen(stores)  # issue 5
    screens.append(search)
    window = MainWindow(screens, helplines)
    _install_search(window, search, stores.settings)  # issue 5

    def sample_facility():  # type: ignore[no-untyped-def]
        found = directory.search_facilities(state="VT", levels={"intensive_outpatient"},
                                            limit=1)
        return found[0] if found else None

    directory_screen = window.screens["directory"]
    # Slips printed at the kiosk carry the distance from the ZIP the visitor entered.
    connect_takeaways(window, checklist, preview, directory_screen,
                      directory_screen.facility_as_shown, sample_facility)
    _wire_session(window, stores, admin)  # issue 6
    _wire_counters(window, stores)  # issue 6: optional screen-view counts, off by default
    return window


def _ordered_helplines(helplines, settings: Settings):  # type: ignore[no-untyped-def]
    from kiosk.ui.screens.admin import order_helplines

    order = [i for i in settings.helpline_order.split(",") if i]
    return order_helplines(helplines, order, settings.featured_helpline)


def _admin_screen(stores: Stores, helplines, directory):  # type: ignore[no-untyped-def]
    """The staff-only admin screen (issue 6), reached through the PIN pad."""
    from kiosk.store.admin import integrity_check
    from kiosk.ui.screens.admin import AdminScreen

    def integrity() -> list[tuple[str, str]]:
        return [("content", integrity_check(stores.content_conn)),
                ("settings", integrity_check(stores.admin_conn))]

    from kiosk.store.counters import CounterRepository

    return AdminScreen(stores.admin_settings, stores.content, helplines,
                       directory=directory, integrity=integrity,
                       effective=stores.settings,
                       counters=CounterRepository(stores.admin_conn))


def _wire_session(window, stores: Stores, admin) -> None:  # type: ignore[no-untyped-def]
    """Idle reset, Quick exit, kiosk lockdown and the admin PIN pad (issue 6)."""
    from kiosk.store.pins import PinRepository
    from kiosk.ui.session import SessionGuard, SessionTimeouts

    settings = stores.settings
    guard = SessionGuard(
        window, kiosk_mode=not settings.windowed, pins=PinRepository(stores.admin_conn),
        timeouts=SessionTimeouts.from_seconds(settings.idle_seconds,
                                              settings.idle_warning_seconds),
    )
    admin.done.connect(guard.leave_admin)
    admin.exit_requested.connect(guard.exit_kiosk)
    admin.restart_requested.connect(guard.restart_kiosk)
    admin.idle_changed.connect(guard.set_idle_seconds)
    window.session = guard


def _wire_counters(window, stores: Stores) -> None:  # type: ignore[no-untyped-def]
    """Count visitor screens per day when the admin turned counters on (never "admin")."""
    from kiosk.store.counters import CounterRepository, ViewCounter
    from kiosk.ui.main_window import NAV_ORDER

    counter = ViewCounter(CounterRepository(stores.admin_conn), stores.admin_settings,
                          allowed=(*NAV_ORDER, "help", "search"))
    window.add_reset_hook(counter.skip_next_home)
    window.screen_changed.connect(counter)
    window.view_counter = counter  # tests swap counter.today


def _search_screen(stores: Stores):  # type: ignore[no-untyped-def]
    """Search over the guide, FAQs and programs (issue 5)."""
    from kiosk.store.search import SearchRepository
    from kiosk.ui.screens.search import SearchScreen

    return SearchScreen(SearchRepository(stores.content_conn, stores.content.lang))


def _install_search(window, search, settings: Settings) -> None:  # type: ignore[no-untyped-def]
    """The search field (top bar) and the on-screen keyboard (bottom dock), issue 5."""
    from kiosk.ui.screens.search import install

    install(window, search, windowed=settings.windowed, show_keyboard=settings.show_keyboard)


def make_window(stores: Stores | None):  # type: ignore[no-untyped-def]
    """The kiosk window, or the maintenance screen when the kiosk cannot run."""
    from kiosk.ui import application

    if stores is None:
        return application.maintenance_window()
    try:
        return build_window(stores)
    except Exception:  # noqa: BLE001 - the visitor sees maintenance, the log the traceback
        log.exception("window could not be built")
        return application.maintenance_window()


def run_qt(stores: Stores | None, settings: Settings, args: argparse.Namespace,
           problem: str) -> int:
    # Qt is imported only now: argument errors and self-test failures stay fast.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from kiosk.ui import application

    app = application.create_app(settings.lang)
    window = make_window(stores)
    if not hasattr(window, "screens"):
        if args.self_test or args.screenshot:
            print("self-test failed: the main window could not be built (see the log)",
                  file=sys.stderr)
            return 3
        application.show(window, settings.windowed)
        return app.exec()
    if (args.screenshot or args.self_test) and hasattr(window, "view_counter"):
        window.view_counter.paused = True  # issue 6: a script's views are not visitors'
    if args.screenshot:
        window.show()
        sizes = args.size or DEFAULT_SIZES
        written = window.save_screenshots(args.screenshot, sizes)
        print(f"wrote {len(written)} screenshots to {args.screenshot}")
        return 0
    if args.self_test:
        window.show()
        for screen in window.screens.values():
            window.navigate(screen.screen_id)
            QCoreApplication.processEvents()
        window.navigate("home")
        info = stores.content.info()
        print(
            f"self-test ok: kiosk {__version__}, content v{info.schema_version} "
            f"({len(stores.content.guide_sections())} guide sections, "
            f"{len(stores.content.faqs())} FAQs), admin v{schema_version(stores.admin_conn)}, "
            f"{len(window.screens)} screens, platform {QApplication.platformName()}"
        )
        window.close()
        return 0
    application.show(window, settings.windowed)
    # issue 6: an unexpected error resets the session; three within a minute exit non-zero.
    from kiosk.ui.crash import CrashGuard

    guard = getattr(window, "session", None)
    crash = CrashGuard((lambda: guard.reset_session("error")) if guard is not None
                       else window.reset_session,
                       QCoreApplication.exit)
    crash.install()
    if args.exit_after_first_paint:
        _exit_after_first_paint(app)
    code = app.exec()
    crash.uninstall()
    for decided in (crash.exit_code, getattr(guard, "exit_code", None)):
        if decided is not None:
            return int(decided)
    return code


def _exit_after_first_paint(app):  # type: ignore[no-untyped-def]
    """For benchmarks/startup.py: print the time once the first frame is painted, then quit."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, _watched, event):  # type: ignore[no-untyped-def]  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.property("seen"):
                self.setProperty("seen", True)
                QTimer.singleShot(0, self._done)  # after the whole frame is painted
            return False

        def _done(self) -> None:
            print(f"first paint {time.time():.6f}", flush=True)
            app.removeEventFilter(self)
            app.exit(0)  # quit() would ask the windows, and the kiosk refuses to close

    app.installEventFilter(FirstPaint(app))

"""Composition root: args -> logging -> paths -> databases -> repositories -> Qt."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sqlite3
import sys
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__, paths, settings_file
from kiosk.config import Settings
from kiosk.importers import local
from kiosk.logs import setup_logging
from kiosk.packs import installed
from kiosk.present.settings import REGISTRY, Key, LiveSettings, resolve
from kiosk.store.admin import (
    AdminDbError,
    SettingsRepository,
    integrity_check,
    open_admin_db,
    schema_version,
)
from kiosk.store.connect import ContentDbError
from kiosk.store.content import ContentRepository
from kiosk.store.counters import CounterRepository
from kiosk.store.pins import PinRepository

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    from kiosk.store.directory import DirectoryRepository
    from kiosk.store.search import SearchRepository
    from kiosk.ui.shell import Shell

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
    p.add_argument("--text-size", type=int, choices=(100, 125, 150), metavar="PERCENT",
                   help="screenshots with this text size (100, 125 or 150)")
    p.add_argument("--high-contrast", action="store_true", help="screenshots in high contrast")
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
    #: settings.toml as the admin database would store it (read once at start).
    toml: dict[str, str]
    #: The signed content pack in use (its content version), or None: the bundled content.
    pack_version: int | None = None
    #: Which content database is in use and why any other was passed over (one line).
    content_note: str = ""

    def live(self) -> LiveSettings:
        return LiveSettings(self.admin_settings, self.toml)

    def close(self) -> None:
        self.content_conn.close()
        self.admin_conn.close()


def load_settings(args: argparse.Namespace) -> Settings:
    return Settings().with_overrides(
        windowed=args.windowed or None,
        lang=args.lang,
        content_db=args.content_db,
        data_dir=args.data_dir,
        idle_seconds=args.idle_seconds,
    )


def _started_with(settings: Settings, toml: dict[str, str], admin: dict[str, str]) -> Settings:
    """The settings the kiosk starts with: a value the caller set (the command line) wins,
    then the admin screen's, then settings.toml's, then the registry's default."""
    given: dict[str, str] = {}
    if settings.lang != REGISTRY[Key.LANG].default:
        given[Key.LANG] = settings.lang
    if settings.idle_seconds != REGISTRY[Key.IDLE_SECONDS].default:
        given[Key.IDLE_SECONDS] = str(settings.idle_seconds)

    def value(key: Key) -> str | int | bool:
        return resolve(key, given, admin, toml)

    return settings.with_overrides(
        lang=value(Key.LANG), idle_seconds=value(Key.IDLE_SECONDS),
        kiosk_zip=value(Key.KIOSK_ZIP), featured_helpline=value(Key.FEATURED_HELPLINE),
        helpline_order=value(Key.HELPLINE_ORDER),
    )


def open_stores(settings: Settings) -> Stores:
    """Open both databases; raise ContentDbError / AdminDbError with a one-line reason."""
    admin_conn = open_admin_db(paths.data_dir(settings.data_dir))
    admin_settings = SettingsRepository(admin_conn)
    toml = settings_file.load(paths.settings_file(settings.data_dir))
    settings = _started_with(settings, toml, admin_settings.all())
    try:
        content_conn, pack_version, content_note = _open_content(settings)
    except ContentDbError:
        admin_conn.close()
        raise
    content = ContentRepository(content_conn, settings.lang)
    if not content.has_guide() and settings.lang != FALLBACK_LANG:
        # A language without content yet: show English rather than an empty kiosk.
        log.warning("no content for language %r; using %r", settings.lang, FALLBACK_LANG)
        settings = settings.with_overrides(lang=FALLBACK_LANG)
        content = ContentRepository(content_conn, FALLBACK_LANG)
    if not content.has_guide():
        content_conn.close()
        admin_conn.close()
        raise ContentDbError(f"content database has no content for language {settings.lang!r}")
    return Stores(settings, content_conn, admin_conn, content, admin_settings, toml,
                  pack_version, content_note)


def _open_content(settings: Settings) -> tuple[sqlite3.Connection, int | None, str]:
    """The content database and, for the admin screen, which one it is: one named on the
    command line or in the environment, else the newer of the installed signed pack and the
    librarian's imported directory (kiosk.importers.local), else the one bundled with the
    app. One this app cannot open (say, saved for another schema before an app update) is
    logged and passed over."""
    data_dir = paths.data_dir(settings.data_dir)
    opened = local.open_for_kiosk(named=settings.content_db,
                                  pack_db=installed.installed_content_db(data_dir),
                                  data_override=settings.data_dir)
    for reason in opened.passed:
        log.warning("%s; using the next one", reason)
    chosen = opened.chosen
    log.info("content: %s (%s)", chosen.label, chosen.path)
    version = installed.installed_version(data_dir) if chosen.kind == local.PACK else None
    return opened.conn, version, opened.note


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    finally:
        gc.enable()  # however the run ended (kiosk/__main__.py turns it off for the start)


def _main(argv: list[str] | None) -> int:
    os.environ.update(paths.runtime_environment(os.environ))  # portable mode, frozen locale
    args = parse_args(argv)
    settings = load_settings(args)
    headless = bool(args.self_test or args.screenshot)
    if args.screenshot is not None and args.screenshot.exists() and not args.screenshot.is_dir():
        print(f"error: --screenshot needs a folder, and {args.screenshot} is a file: "
              "name a new or existing folder", file=sys.stderr)
        return 2
    if headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if setup_logging(paths.log_dir(settings.data_dir)) is None and not headless:
        print(f"kiosk: the log folder {paths.log_dir(settings.data_dir)} cannot be used; "
              "the kiosk goes on without a log file", file=sys.stderr)
    log.info("kiosk %s starting", __version__)
    try:
        stores: Stores | None = open_stores(settings)
        problem = ""
    except (ContentDbError, AdminDbError, OSError, ValueError, sqlite3.Error) as exc:
        stores, problem = None, str(exc)
        if isinstance(exc, OSError) and exc.strerror:
            problem = (f"{exc.strerror}: {exc.filename or ''} (check the kiosk's data folder "
                       "and its permissions)")
        log.error("cannot start normally: %s", problem)
    if stores is None and headless:
        print(f"self-test failed: {problem}" if args.self_test else f"error: {problem}",
              file=sys.stderr)
        return 2

    return run_qt(stores, settings, args, problem)


def build_shell(stores: Stores, *, first_frame_first: bool = False) -> Shell:
    """Repositories -> screens -> shell. Tests build screens the same way.

    `first_frame_first`: the kiosk's own start, which shows the window at once (see
    kiosk.ui.shell.FirstFrameHold)."""
    # Qt is imported only when a window is wanted: argument errors and a failed start stay
    # fast, and kiosk-admin can reuse open_stores without Qt.
    from kiosk.ui.shell import ShellParts
    from kiosk.ui.shell import build_shell as build

    data_dir = paths.data_dir(stores.settings.data_dir)

    def integrity() -> list[tuple[str, str]]:
        return [("content", integrity_check(stores.content_conn)),
                ("settings", integrity_check(stores.admin_conn))]

    def directory() -> DirectoryRepository:
        # Imported with the first screen that lists programs, not before the first frame.
        from kiosk.store.directory import DirectoryRepository

        return DirectoryRepository(stores.content_conn)

    def search() -> SearchRepository:
        # Imported with the search screen, not before the first frame.
        from kiosk.store.search import SearchRepository

        return SearchRepository(stores.content_conn, stores.content.lang)

    return build(ShellParts(
        settings=stores.settings, live=stores.live(), content=stores.content,
        directory=directory,
        search=search,
        admin_settings=stores.admin_settings, pins=PinRepository(stores.admin_conn),
        counters=CounterRepository(stores.admin_conn), integrity=integrity,
        pack_version=stores.pack_version, pack_status=lambda: installed.status(data_dir),
        content_note=stores.content_note,
    ), first_frame_first=first_frame_first)


def make_shell(stores: Stores | None, *, first_frame_first: bool = False,
               ) -> Shell | QMainWindow:
    """The kiosk's shell, or the maintenance window when the kiosk cannot run."""
    from kiosk.ui import application

    if stores is None:
        return application.maintenance_window()
    try:
        return build_shell(stores, first_frame_first=first_frame_first)
    except Exception:  # the visitor sees maintenance, the log the traceback
        log.exception("window could not be built")
        return application.maintenance_window()


def run_qt(stores: Stores | None, settings: Settings, args: argparse.Namespace,
           problem: str) -> int:
    from PySide6.QtCore import QCoreApplication

    from kiosk.ui import application
    from kiosk.ui.crash import EXIT_MAINTENANCE, CrashGuard
    from kiosk.ui.shell import Shell

    app = application.create_app(settings.lang)
    shell = make_shell(stores, first_frame_first=not (args.self_test or args.screenshot))
    if not isinstance(shell, Shell) or stores is None:
        if isinstance(shell, Shell):
            shell.close()
            shell = application.maintenance_window()
        log.error("showing the maintenance screen: %s", problem or "the window failed")
        if args.self_test or args.screenshot:
            print("self-test failed: the main window could not be built (see the log)",
                  file=sys.stderr)
            return 3
        application.show(shell, settings.windowed)
        _collect_after_first_frame(shell)
        app.exec()
        # However the maintenance screen ended, it is never a staff exit: the supervisor
        # starts the kiosk again, which looks again for a database it can open.
        return EXIT_MAINTENANCE
    if args.screenshot or args.self_test:
        gc.enable()
        shell.counter.paused = True  # a script's views are not visitors'
        return _screenshots(shell, args) if args.screenshot else _self_test(shell, stores, app)
    running = KioskRun(settings, stores, shell)
    if not args.exit_after_first_paint:  # that run measures the start alone
        shell.warm_up_after_first_frame()
    application.show(shell.window, settings.windowed)
    _collect_after_first_frame(shell.window)
    # An unexpected error resets the session; three within a minute exit non-zero.
    crash = CrashGuard(lambda: running.shell.session.reset_session("error"),
                       QCoreApplication.exit)
    crash.install()
    if args.exit_after_first_paint:
        _exit_after_first_paint(app, shell.window)
    else:
        running.check_for_pack()
    code = app.exec()
    crash.uninstall()
    for decided in (crash.exit_code, running.shell.session.exit_code):
        if decided is not None:
            return int(decided)
    return code


def _collect_after_first_frame(window: QWidget) -> None:
    """The garbage collector on again (kiosk/__main__.py turned it off for the start) once
    `window` has painted its first frame, or after a few seconds if it never does."""
    from PySide6.QtCore import QTimer

    from kiosk.ui.ops import AfterFirstPaint

    if gc.isenabled():
        return
    AfterFirstPaint(window, gc.enable)
    QTimer.singleShot(COLLECTOR_FALLBACK_MS, window, gc.enable)


#: If the window is never painted, the garbage collector is turned on after this long.
COLLECTOR_FALLBACK_MS = 3000

#: How often a kiosk that checks for content packs by itself looks again.
PACK_CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000


class KioskRun:
    """The kiosk while it runs: its stores and shell, the daily look for a new content pack,
    and the switch to a newly installed pack at the next idle reset, never mid-visitor."""

    def __init__(self, settings: Settings, stores: Stores, shell: Shell,
                 check_interval_ms: int = PACK_CHECK_INTERVAL_MS) -> None:
        from PySide6.QtCore import QTimer

        self._settings = settings  # as given on the command line, before any layering
        self.stores = stores
        self.shell = shell
        self._data_dir = paths.data_dir(settings.data_dir)
        #: The pack installed when the content was last opened (the kiosk may have chosen a
        #: newer imported directory over it): only a change from this one means a switch.
        self._seen_pack = installed.installed_version(self._data_dir)
        self._daily = QTimer()
        self._daily.setInterval(check_interval_ms)
        self._daily.timeout.connect(self.check_for_pack)
        self._daily.start()
        self._checks: list[threading.Thread] = []
        #: The kiosk's own language (the admin setting): every session reset returns to it.
        self.default_lang = stores.settings.lang
        self._connect(shell)

    def _connect(self, shell: Shell) -> None:
        shell.session.session_reset.connect(self._on_session_reset)
        shell.language_button.language_chosen.connect(self._on_language_chosen)

    def _on_language_chosen(self, lang: str) -> None:
        from PySide6.QtCore import QTimer

        # After the click has finished: the button's window is replaced.
        QTimer.singleShot(0, lambda: self.switch_language(lang))

    def switch_language(self, lang: str, *, keep_place: bool = True,
                        quick_exit: bool = False) -> bool:
        """Show the kiosk in `lang` at once, the visitor's place kept (`keep_place`), from
        the same databases; on any error the kiosk stays as it is."""
        from kiosk.ui import language

        content = self.stores.content.in_language(lang)
        stores = replace(self.stores, content=content,
                         settings=self.stores.settings.with_overrides(lang=content.lang))

        def prepare(shell: Shell) -> None:
            if quick_exit:
                shell.session.quick_exit()  # the neutral screen covers the new window too

        try:
            shell = language.rebuilt_in(content.lang, self.shell, lambda: build_shell(stores),
                                        keep_place=keep_place, prepare=prepare)
        except Exception:  # the visitor keeps the working kiosk; the log has the reason
            log.exception("the kiosk could not be shown in %r; it stays as it is", lang)
            return False
        self.shell, self.stores = shell, stores  # the same connections: nothing to close
        self._connect(shell)
        return True

    def pack_changed(self) -> bool:
        """Is a different pack installed than the one this kiosk opened?"""
        if self._settings.content_db is not None or paths.content_db_override() is not None:
            return False  # a named database is never replaced behind its owner's back
        return installed.installed_version(self._data_dir) != self._seen_pack

    def _on_session_reset(self, reason: str) -> None:
        from PySide6.QtCore import QTimer

        if reason == "idle" and self.pack_changed():
            # After the reset has finished: the old shell is closed outside its own signal.
            QTimer.singleShot(0, self.switch_content)
        elif self.stores.content.lang != self.default_lang:
            # The next visitor starts in the kiosk's own language.
            QTimer.singleShot(0, lambda: self.switch_language(
                self.default_lang, keep_place=False, quick_exit=reason == "quick_exit"))

    def switch_content(self) -> bool:
        """Open the installed pack and build a new shell on it; keep the old on any error."""
        from kiosk.ui import application
        from kiosk.ui.language import use_language

        seen = installed.installed_version(self._data_dir)  # before opening: none is missed
        try:
            stores = open_stores(self._settings)
        except (ContentDbError, AdminDbError, OSError) as exc:
            log.error("new content pack not opened, the kiosk keeps its content: %s", exc)
            return False
        try:
            use_language(stores.settings.lang)  # a reset returns to the kiosk's own anyway
            shell = build_shell(stores)
        except Exception:  # the visitor keeps the working kiosk; the log has the reason
            log.exception("new content pack could not be shown; the kiosk keeps its content")
            stores.close()
            return False
        old_shell, old_stores = self.shell, self.stores
        self.shell, self.stores = shell, stores
        self._seen_pack = seen
        self._connect(shell)
        shell.warm_up_after_first_frame()
        application.show(shell.window, self._settings.windowed)
        old_shell.close()
        old_stores.close()
        log.info("switched to content pack version %s", stores.pack_version)
        return True

    def check_for_pack(self) -> None:
        """When the librarian asked for it: fetch and verify a newer pack in the background
        (the visitor's screen never waits); it is switched to at the next idle reset."""
        live = self.stores.live()
        source = live.text(Key.PACK_SOURCE)
        if not source or not live.flag(Key.PACK_CHECK):
            return
        if any(check.is_alive() for check in self._checks):
            return
        check = threading.Thread(target=_check_pack, args=(self._data_dir, source),
                                 name="pack-check", daemon=True)
        self._checks = [check]
        check.start()

    def wait_for_checks(self, timeout_s: float) -> None:
        for check in self._checks:
            check.join(timeout_s)

    def stop(self) -> None:
        self._daily.stop()


def _check_pack(data_dir: Path, source: str) -> None:
    from kiosk.packs import update

    try:
        result = update.update(data_dir, source)
    except update.UpdateRefusedError as exc:
        log.warning("%s", exc)  # the same line is kept for the admin screen
        return
    except Exception:  # a background check must never take the kiosk down
        log.exception("content pack check failed")
        return
    log.info("%s", result.message)


def _screenshots(shell: Shell, args: argparse.Namespace) -> int:
    from kiosk.ui.display import DisplayChoice

    if shell.display is not None and (args.text_size or args.high_contrast):
        look = DisplayChoice(args.text_size or 100, args.high_contrast)
        shell.display.set_defaults(lambda: look)  # every reset between sizes keeps it
    shell.window.show()
    sizes = args.size or DEFAULT_SIZES
    try:
        written = shell.window.save_screenshots(args.screenshot, sizes)
    except OSError as exc:
        print(f"error: screenshots not written to {args.screenshot}: "
              f"{exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} screenshots to {args.screenshot}")
    return 0


def _self_test(shell: Shell, stores: Stores, app: QApplication) -> int:
    window = shell.window
    window.show()
    for screen_id in window.screens:  # each is built as it is first shown
        window.navigate(screen_id)
        app.processEvents()
    window.navigate("home")
    info = stores.content.info()
    print(
        f"self-test ok: kiosk {__version__}, content v{info.schema_version} "
        f"({len(stores.content.guide_sections())} guide sections, "
        f"{len(stores.content.faqs())} FAQs), admin v{schema_version(stores.admin_conn)}, "
        f"{len(window.screens)} screens, {_icons_drawn()} icons, "
        f"platform {app.platformName()}"
    )
    shell.close()
    return 0


def _icons_drawn() -> str:
    """"drawn/all": a bundle missing Qt's SVG plugin shows words without pictures."""
    from kiosk.ui import icons

    names = set(icons.SCREEN_ICONS.values())
    drawn = sum(not icons.pixmap(name, "#000000", 24).isNull() for name in names)
    return f"{drawn}/{len(names)}"


def _exit_after_first_paint(app: QApplication, window: QWidget) -> None:
    """For benchmarks/startup.py: print the time once the window's first frame is painted,
    then quit. The filter is on the window alone (as benchmarks/bare_qt.py's is on its
    label): one on the whole application would itself cost PySide's class-making that
    FirstFrameHold keeps off the first frame."""
    import time

    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                QTimer.singleShot(0, self._done)  # after the whole frame is painted
            return False

        def _done(self) -> None:
            print(f"first paint {time.time():.6f}", flush=True)
            window.removeEventFilter(self)
            app.exit(0)  # quit() would ask the windows, and the kiosk refuses to close

    window.installEventFilter(FirstPaint(window))

"""Start-up builds Home and the frame around it; every other screen waits until it is wanted."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk import app
from kiosk.ui.main_window import NAV_ORDER
from tests.helpers import ROOT, dispose, needs_directory, offscreen_env


def test_only_home_is_built_at_start_and_others_when_first_opened(shell) -> None:
    window = shell.window
    assert [s.screen_id for s in window.screens.built()] == ["home"]
    assert window.current_screen_id() == "home"
    # The menu names every screen before any of them is built.
    assert list(window.nav_buttons) == list(NAV_ORDER)
    window.nav_buttons["directory"].click()
    assert window.current_screen_id() == "directory"
    assert window.screens.is_built("directory") and not window.screens.is_built("faq")
    # Each menu button says what the screen it opens calls itself.
    for screen_id, button in window.nav_buttons.items():
        assert button.text() == window.screens[screen_id].nav_title()


def test_the_staff_pin_pad_is_made_when_staff_first_ask_for_it(shell) -> None:
    from kiosk.ui.widgets.pin_pad import PinPad

    window = shell.window
    assert not window.findChildren(PinPad)
    window.reset_session()  # a reset does not make it either
    assert not window.findChildren(PinPad)
    shell.session.pin_overlay.open()
    assert window.findChildren(PinPad) == [shell.session.pin_pad]
    assert shell.session.pin_pad.isVisible() and shell.session.current_idle_ms() <= \
        shell.session.timeouts.admin_idle_ms


def test_a_reset_leaves_unbuilt_screens_unbuilt(shell) -> None:
    window = shell.window
    window.navigate("checklist")
    shell.search_bar.field.setText("")
    window.reset_session()
    assert {s.screen_id for s in window.screens.built()} == {"home", "checklist"}
    assert window.current_screen_id() == "home"


def test_typing_a_search_builds_and_opens_the_search_screen(shell) -> None:
    shell.search_bar.field.setText("detox")
    assert shell.window.current_screen_id() == "search"
    assert shell.screens.search.model.rowCount() > 0


FIRST_FRAME = """
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from kiosk.app import make_shell, open_stores
from kiosk.config import Settings
from kiosk.ui import application

app = application.create_app()
stores = open_stores(Settings(content_db=Path(sys.argv[1]), data_dir=Path(sys.argv[2])))
shell = make_shell(stores, first_frame_first=True)  # as the kiosk starts


class FirstFrame(QObject):
    seen = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.report)  # once the whole frame is painted
        return False

    def report(self):
        heavy = sorted(m for m in sys.modules if m.split(".")[0] in HEAVY or any(
            m == p or m.startswith(p + ".") for p in HEAVY))
        print("loaded before the first frame:", heavy, flush=True)
        QCoreApplication.exit(0)


HEAVY = {"segno", "urllib.request", "http", "email", "ssl", "xml", "PySide6.QtPrintSupport",
         "kiosk.ui.printing", "kiosk.present.directory_index", "kiosk.importers.hsds",
         "kiosk.importers.samhsa", "kiosk.importers.locator", "kiosk.packs.update",
         "kiosk.domain_content", "kiosk.domain_directory", "kiosk.domain_search",
         *(f"kiosk.ui.screens.{name}" for name in (
             "guide", "faq", "compare", "directory", "checklist", "help", "print_preview",
             "admin", "search"))}
frame = FirstFrame(shell.window)
shell.window.installEventFilter(frame)
application.show(shell.window, False)
app.exec()
shell.close()
"""


def test_the_first_frame_needs_no_qr_encoder_printing_importers_or_other_screens(
        content_db: Path, data_dir: Path) -> None:
    # The whole start as the kiosk makes it, full screen, to its first painted frame.
    out = subprocess.run([sys.executable, "-c", FIRST_FRAME, str(content_db), str(data_dir)],
                         capture_output=True, text=True, env=offscreen_env(), cwd=ROOT,
                         timeout=120, check=True)
    assert "loaded before the first frame: []" in out.stdout, out.stdout + out.stderr


FIRST_LAYOUT = """
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer

from kiosk.app import make_shell, open_stores
from kiosk.config import Settings
from kiosk.ui import application

app = application.create_app()
stores = open_stores(Settings(content_db=Path(sys.argv[1]), data_dir=Path(sys.argv[2])))
shell = make_shell(stores, first_frame_first=True)


class Sizes(QObject):
    def __init__(self, parent):
        super().__init__(parent)
        self.sizes = []

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Resize:
            self.sizes.append(f"{event.size().width()}x{event.size().height()}")
        elif event.type() == QEvent.Type.Paint and self.sizes:
            print("laid out at", sorted(set(self.sizes)), flush=True)
            self.sizes = []
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


shell.window.installEventFilter(Sizes(shell.window))
application.show(shell.window, False)
app.exec()
shell.close()
"""


def test_the_full_screen_kiosk_is_laid_out_at_its_screens_size_only(
        content_db: Path, data_dir: Path, tmp_path: Path) -> None:
    # Not first at the window's own preferred size (about 1080 px wide: the menu across the
    # top, the narrow helpline column) and then again at the screen's.
    screen = tmp_path / "screen.json"
    screen.write_text('{"screens": [{"name": "kiosk", "x": 0, "y": 0, "width": 1920, '
                      '"height": 1080, "logicalDpi": 96, "dpr": 1}]}')
    env = {**offscreen_env(), "QT_QPA_PLATFORM": f"offscreen:configfile={screen}"}
    out = subprocess.run([sys.executable, "-c", FIRST_LAYOUT, str(content_db), str(data_dir)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
                         check=True)
    assert "laid out at ['1920x1080']" in out.stdout, out.stdout + out.stderr


def test_after_its_first_frame_the_kiosk_watches_input_scrolls_by_flick_and_draws_the_qr(
        qtbot, themed_app, stores) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QScroller

    from kiosk.app import build_shell
    from kiosk.ui import application
    from kiosk.ui.focus_ring import FocusRing

    shell = build_shell(stores, first_frame_first=True)
    window = shell.window
    gc.disable()  # as kiosk/__main__.py starts
    try:
        qr = window.helpline_panel.qr_label
        assert qr.pixmap().isNull()  # nothing drawn before the frame
        app._collect_after_first_frame(window)
        application.show(window, False)
        assert window.isFullScreen()
        assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
        qtbot.waitExposed(window)
        # Just after the first frame: a flick scrolls the menu, the QR code is drawn ...
        qtbot.waitUntil(lambda: QScroller.hasScroller(window.nav_area.viewport()))
        qtbot.waitUntil(lambda: not qr.pixmap().isNull())
        # ... and a keyboard user's first key shows where the focus is.
        window.activateWindow()
        quick_exit = shell.session.quick_exit_button
        quick_exit.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(quick_exit, Qt.Key.Key_Shift)
        ring = window.findChild(FocusRing)
        assert ring is not None and ring.target() is quick_exit
        assert gc.isenabled()  # the memory of a long day is collected again
    finally:
        gc.enable()
        dispose(window)


def test_a_kiosk_window_closed_before_its_first_frame_leaves_later_lists_flickable(
        qtbot, themed_app, stores) -> None:
    from PySide6.QtWidgets import QListView, QScroller

    from kiosk.app import build_shell
    from kiosk.ui.widgets.touch import enable_kinetic_scroll

    dispose(build_shell(stores, first_frame_first=True).window)  # never shown
    view = QListView()
    try:
        enable_kinetic_scroll(view)
        assert QScroller.hasScroller(view.viewport())
    finally:
        dispose(view)


def test_a_start_that_ends_early_leaves_the_garbage_collector_on() -> None:
    gc.disable()
    try:
        with pytest.raises(SystemExit):
            app.main(["--version"])
        assert gc.isenabled()
    finally:
        gc.enable()


@needs_directory
def test_after_the_first_frame_the_directory_is_readied_between_frames(qtbot, make_shell) -> None:
    shell = make_shell(size=None)
    shell.warm_up_after_first_frame()  # as app.py does before showing the window
    assert not shell.screens.is_built("directory")
    shell.window.resize(1366, 768)
    shell.window.show()
    qtbot.waitUntil(lambda: shell.screens.is_built("directory"))
    directory = shell.screens.directory
    qtbot.waitUntil(lambda: not directory.is_loading() and bool(directory.results_page.chips))
    assert shell.window.current_screen_id() == "home"  # the visitor still sees Home
    shell.screens.home.tiles["directory"].click()
    assert "CA" in directory.choose_page.state_buttons
    directory.choose_page.state_buttons["CA"].click()
    assert directory.results_page.model.rowCount() > 0


def test_a_screen_built_after_the_start_leaves_the_window_active_and_focused(shell) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    window = shell.window
    window.activateWindow()
    QCoreApplication.processEvents()
    assert QApplication.activeWindow() is window
    for screen_id in window.screens:
        window.screens[screen_id]
        QCoreApplication.processEvents()
        # A widget shown before it had a parent opens as a window of its own, and the
        # kiosk window (and a keyboard user's focus) would be left behind.
        assert QApplication.activeWindow() is window, screen_id
        assert not [w for w in QApplication.topLevelWidgets()
                    if w.isVisible() and w is not window], screen_id

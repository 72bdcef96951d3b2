"""Admin (staff only, behind the PIN pad): settings, data facts, integrity check, exit.

Every change is saved at once in the admin database (SettingsRepository). The idle timeout
and printing apply at once; the helplines, the kiosk's ZIP code and the language apply when
the kiosk restarts (a button does that).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk import paths
from kiosk.config import DEFAULT_IDLE_SECONDS, Settings
from kiosk.domain import Helpline
from kiosk.packs.installed import PackStatus
from kiosk.present.helplines import ordered_helplines
from kiosk.present.settings import Key, LiveSettings, setting
from kiosk.store.admin import SettingsRepository
from kiosk.store.content import ContentRepository
from kiosk.store.counters import MIN_REPORTED, CounterRepository
from kiosk.store.directory import DirectoryRepository
from kiosk.ui import theme
from kiosk.ui.screens.base import Screen, ScreenshotState, heading
from kiosk.ui.widgets.keypad import NumericKeypad
from kiosk.ui.widgets.labels import wrapped_label as _text
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

log = logging.getLogger(__name__)

MIN_IDLE_SECONDS = 30
MAX_IDLE_SECONDS = 900
IDLE_STEP_SECONDS = 30


@dataclass(frozen=True)
class PackFacts:
    """The signed content pack the kiosk opened (its version, None: the bundled content) and
    how to read what is installed now."""

    in_use: int | None
    status: Callable[[], PackStatus]


#: Pages narrower than this (px, a portrait 600x1024 kiosk) stack the button row and the
#: ZIP keypad under what they sit beside.
STACK_BELOW_PX = 700

#: Returns ("content" | "settings", quick_check result) pairs.
IntegrityCheck = Callable[[], list[tuple[str, str]]]


def _row(*widgets: QWidget) -> QHBoxLayout:
    """Widgets side by side from the left, the rest of the width left empty."""
    row = QHBoxLayout()
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return row


def available_languages() -> list[str]:
    root = paths.resources_dir() / "content"
    found = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    return found or ["en"]


def _printer_names() -> list[str]:
    try:
        from kiosk.ui.printing import available_printers
    except ImportError:  # printing not part of this build
        return []
    return available_printers()


class AdminScreen(Screen):
    screen_id = "admin"
    staff_only = True
    #: Back to the kiosk (the session resets).
    done = Signal()
    #: Exit the kiosk on purpose (exit code 0: the supervisor does not restart it).
    exit_requested = Signal()
    #: Exit so the supervisor starts the kiosk again with the new settings.
    restart_requested = Signal()
    #: The idle timeout changed (seconds).
    idle_changed = Signal(int)

    def __init__(self, settings: SettingsRepository, content: ContentRepository,
                 helplines: Sequence[Helpline], *, directory: DirectoryRepository | None = None,
                 integrity: IntegrityCheck | None = None,
                 printers: Callable[[], list[str]] | None = None,
                 effective: Settings | None = None,
                 live: LiveSettings | None = None,
                 counters: CounterRepository | None = None,
                 packs: PackFacts | None = None,
                 content_note: str = "",
                 today: Callable[[], dt.date] = dt.date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._content = content
        self._helplines = list(helplines)
        self._directory = directory
        self._integrity = integrity
        self._printers = printers or _printer_names
        #: Whether the printer row lists the installed printers yet: asking Qt loads CUPS's
        #: libraries (about 4 MiB resident for good), so that waits for "Find printers".
        self._printers_listed = False
        #: The settings the kiosk started with (settings.toml, command line): shown for
        #: anything not yet changed here.
        self._effective = effective or Settings()
        #: Printing and counting are read where they are used, so show what those read.
        self._live = live or LiveSettings(settings)
        self._counters = counters
        self._packs = packs
        #: Which content database the kiosk opened, and why any other was passed over.
        self._content_note = content_note
        self._today = today
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        # Rows stack on a narrow screen instead of scrolling sideways.
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        enable_kinetic_scroll(self.scroll_area)
        outer.addWidget(self.scroll_area)
        page = QWidget()
        self.scroll_area.setWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)

        layout.addWidget(heading(self.tr("Kiosk administration")))
        self.status = _text("", "muted")
        self.status.hide()
        self.status.setAccessibleName(self.tr("Admin status"))
        layout.addWidget(self.status)
        self.done_button = TouchButton(self.tr("Back to the kiosk"), primary=True)
        self.done_button.clicked.connect(self.done.emit)
        self.restart_button = TouchButton(self.tr("Restart the kiosk"))
        self.restart_button.clicked.connect(self.restart_requested.emit)
        self.exit_button = TouchButton(self.tr("Exit the kiosk"))
        self.exit_button.setAccessibleDescription(self.tr(
            "Closes the kiosk; it does not start again until the computer restarts"))
        self.exit_button.clicked.connect(self.exit_requested.emit)
        self._top_row = _row(self.done_button, self.restart_button, self.exit_button)
        layout.addLayout(self._top_row)

        # Idle timeout
        layout.addWidget(heading(self.tr("Start over after no one touches the screen for"),
                                 "subtitle"))
        self.idle_less = TouchButton("−")
        self.idle_less.setAccessibleName(self.tr("Shorter"))
        self.idle_more = TouchButton("+")
        self.idle_more.setAccessibleName(self.tr("Longer"))
        self.idle_label = _text("")
        self.idle_label.setMinimumWidth(180)
        self.idle_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_less.clicked.connect(lambda: self._step_idle(-IDLE_STEP_SECONDS))
        self.idle_more.clicked.connect(lambda: self._step_idle(IDLE_STEP_SECONDS))
        layout.addLayout(_row(self.idle_less, self.idle_label, self.idle_more))

        # Helplines: order, the first one is featured in the panel
        layout.addWidget(heading(self.tr("Helplines (the first one is shown large)"),
                                 "subtitle"))
        self.helpline_list = QListWidget()
        self.helpline_list.setAccessibleName(self.tr("Helpline order"))
        self.helpline_list.setMinimumHeight(220)
        enable_kinetic_scroll(self.helpline_list)
        layout.addWidget(self.helpline_list)
        self.feature_button = TouchButton(self.tr("Show first"))
        self.up_button = TouchButton(self.tr("Move up"))
        self.down_button = TouchButton(self.tr("Move down"))
        self.feature_button.clicked.connect(lambda: self._move_helpline(-len(self._helplines)))
        self.up_button.clicked.connect(lambda: self._move_helpline(-1))
        self.down_button.clicked.connect(lambda: self._move_helpline(1))
        layout.addLayout(_row(self.feature_button, self.up_button, self.down_button))

        # The kiosk's own ZIP code
        layout.addWidget(heading(self.tr("This kiosk's ZIP code (where program searches start)"),
                                 "subtitle"))
        zip_row = QHBoxLayout()
        self.zip_field = QLineEdit()
        self.zip_field.setMaxLength(5)
        self.zip_field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"),
                                                                self))
        self.zip_field.setAccessibleName(self.tr("Kiosk ZIP code"))
        self.zip_field.setMaximumWidth(220)
        self.zip_field.setMinimumHeight(theme.touch_target_px(self))
        self.zip_field.setProperty("bigDigits", True)
        self.zip_field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.zip_field.returnPressed.connect(self._save_zip)
        self.zip_message = _text("")
        self.zip_keypad = NumericKeypad(self.zip_field, done_text=self.tr("Save ZIP code"))
        self.zip_keypad.setFixedWidth(420)
        self.zip_keypad.setMinimumHeight(5 * theme.touch_target_px(self) + 40)
        self.zip_keypad.done.connect(self._save_zip)
        self.zip_keypad.stretch_columns()
        zip_row.addWidget(self.zip_field, 0, Qt.AlignmentFlag.AlignTop)
        zip_row.addSpacing(16)
        zip_row.addWidget(self.zip_keypad)
        zip_row.addStretch(1)
        layout.addLayout(zip_row)
        layout.addWidget(self.zip_message)
        self._zip_row = zip_row

        # Language, printing, printer
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.addWidget(_text(self.tr("Language when the kiosk starts")), 0, 0)
        lang_row = QHBoxLayout()
        self.lang_group = QButtonGroup(self)
        self.lang_buttons: dict[str, TouchButton] = {}
        # Named in the admin's language; Qt's own name for "es" is Spain's Spanish, and
        # this kiosk's Spanish is written for US readers.
        names = {"en": self.tr("English"), "es": self.tr("Spanish")}
        for code in available_languages():
            name = names.get(code[:2]) or QLocale(code).nativeLanguageName() or code
            button = TouchButton(name[:1].upper() + name[1:], checkable=True)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, c=code: self._save(Key.LANG, c))
            self.lang_group.addButton(button)
            self.lang_buttons[code] = button
            lang_row.addWidget(button)
        lang_row.addStretch(1)
        grid.addLayout(lang_row, 0, 1)
        grid.addWidget(_text(self.tr("Printing")), 1, 0)
        self.printing_button = self._toggle()
        self.printing_button.toggled.connect(self._on_printing_button_toggled)
        grid.addWidget(self.printing_button, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(_text(self.tr("Printer")), 2, 0)
        self.printer_row = QHBoxLayout()
        self.printer_group = QButtonGroup(self)
        grid.addLayout(self.printer_row, 2, 1)
        grid.addWidget(_text(self.tr("Count screen views (no visitor details)")), 3, 0)
        self.counters_button = self._toggle()
        self.counters_button.toggled.connect(self._on_counters_button_toggled)
        self.clear_counts_button = TouchButton(self.tr("Clear counts"))
        self.clear_counts_button.clicked.connect(self._on_clear_counts_button_clicked)
        grid.addLayout(_row(self.counters_button, self.clear_counts_button), 3, 1)
        grid.addWidget(_text(self.tr("Look for signed content packs at start and daily")), 4, 0)
        self.pack_check_button = self._toggle()
        self.pack_check_button.toggled.connect(self._on_pack_check_button_toggled)
        self.pack_source_label = _text("", "muted")
        grid.addLayout(_row(self.pack_check_button, self.pack_source_label), 4, 1)
        self._build_display_rows(grid, 5)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.counts_label = _text("", "muted")
        self.counts_label.setAccessibleName(self.tr("Screen views, last 7 days"))
        layout.addWidget(self.counts_label)

        # Data and checks
        layout.addWidget(heading(self.tr("Data on this kiosk"), "subtitle"))
        self.data_label = _text("")
        self.data_label.setAccessibleName(self.tr("Data on this kiosk"))
        layout.addWidget(self.data_label)
        self.check_button = TouchButton(self.tr("Check the databases"))
        self.check_button.clicked.connect(self.run_integrity_check)
        layout.addLayout(_row(self.check_button))
        self.check_label = _text("")
        self.check_label.setAccessibleName(self.tr("Database check result"))
        layout.addWidget(self.check_label)
        layout.addWidget(_text(self.tr(
            "Helplines, the ZIP code and the language apply after a restart. "
            "This screen closes by itself after a minute without a touch."), "muted"))
        layout.addStretch(1)

    def _build_display_rows(self, grid: QGridLayout, row: int) -> None:
        """What every visitor starts with; the "Aa" button changes it for one visit."""
        grid.addWidget(_text(self.tr("Text size each visitor starts with")), row, 0)
        size_row = QHBoxLayout()
        self.text_size_group = QButtonGroup(self)
        self.text_size_buttons: dict[int, TouchButton] = {}
        names = {100: self.tr("Normal"), 125: self.tr("Large"), 150: self.tr("Largest")}
        for percent in theme.TEXT_SIZES:
            button = TouchButton(names[percent], checkable=True)
            button.setAccessibleName(self.tr("Start with %1 text").replace("%1", names[percent]))
            button.clicked.connect(
                lambda _=False, p=percent: self._save(Key.TEXT_SIZE, str(p)))
            self.text_size_group.addButton(button)
            self.text_size_buttons[percent] = button
            size_row.addWidget(button)
        size_row.addStretch(1)
        grid.addLayout(size_row, row, 1)
        grid.addWidget(_text(self.tr("High contrast each visitor starts with")), row + 1, 0)
        self.contrast_button = TouchButton("", checkable=True)
        self.contrast_button.toggled.connect(self._on_contrast_button_toggled)
        grid.addWidget(self.contrast_button, row + 1, 1, Qt.AlignmentFlag.AlignLeft)

    def _show_display_defaults(self) -> None:
        try:
            percent = int(self._live.text(Key.TEXT_SIZE))
        except ValueError:
            percent = 100
        for size, button in self.text_size_buttons.items():
            button.setChecked(size == percent)
        on = self._live.flag(Key.HIGH_CONTRAST)
        self.contrast_button.blockSignals(True)
        self.contrast_button.setChecked(on)
        self.contrast_button.blockSignals(False)
        self._show_contrast(on)

    def _show_contrast(self, on: bool) -> None:
        self.contrast_button.setText(self.tr("On") if on else self.tr("Off"))
        self.contrast_button.setAccessibleName(
            self.tr("High contrast at start is on") if on
            else self.tr("High contrast at start is off"))

    def _on_contrast_button_toggled(self, checked: bool) -> None:
        self._show_contrast(checked)
        self._save(Key.HIGH_CONTRAST, "1" if checked else "0")

    # ------------------------------------------------------------- loading --
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        direction = (QBoxLayout.Direction.TopToBottom if event.size().width() < STACK_BELOW_PX
                     else QBoxLayout.Direction.LeftToRight)
        for row in (self._top_row, self._zip_row):
            row.setDirection(direction)

    def _toggle(self) -> TouchButton:
        """An On/Off button never narrower than its longer word."""
        button = TouchButton("", checkable=True)
        widths = []
        for word in (self.tr("On"), self.tr("Off")):
            button.setText(word)
            widths.append(button.sizeHint().width())
        button.setText("")
        button.setMinimumWidth(max(widths))
        return button

    def _keep_words_whole(self) -> None:
        # Staff use this page on the kiosk's own small screen too: a squeezed row must wrap
        # or scroll, never cut "Back to the kiosk" down to "ack to the kios".
        for button in self.findChildren(TouchButton):
            if button.text():
                button.setMinimumWidth(max(button.minimumWidth(), button.sizeHint().width()))

    def on_shown(self) -> None:
        eff = self._effective
        stored = {
            Key.IDLE_SECONDS: str(eff.idle_seconds),
            Key.FEATURED_HELPLINE: eff.featured_helpline,
            Key.HELPLINE_ORDER: eff.helpline_order, Key.KIOSK_ZIP: eff.kiosk_zip,
            Key.LANG: eff.lang,
            **self._settings.all(),
        }
        self._idle = self._idle_from(stored.get(Key.IDLE_SECONDS, ""))
        self._show_idle()
        self._load_helplines(stored)
        self.zip_field.setText(stored.get(Key.KIOSK_ZIP, ""))
        self.zip_message.setText("")
        lang = stored.get(Key.LANG, "") or self._content.lang
        for code, button in self.lang_buttons.items():
            button.setChecked(code == lang)
        enabled = self._live.flag(Key.PRINTING_ENABLED)
        self.printing_button.blockSignals(True)
        self.printing_button.setChecked(enabled)
        self.printing_button.blockSignals(False)
        self._show_printing(enabled)
        self._load_printers(self._live.text(Key.PRINTER_NAME))
        counting = self._live.flag(Key.COUNTERS_ENABLED)
        self.counters_button.blockSignals(True)
        self.counters_button.setChecked(counting)
        self.counters_button.blockSignals(False)
        self._show_counters(counting)
        checking = self._live.flag(Key.PACK_CHECK)
        self.pack_check_button.blockSignals(True)
        self.pack_check_button.setChecked(checking)
        self.pack_check_button.blockSignals(False)
        self._show_pack_check(checking)
        self._show_display_defaults()
        self.data_label.setText(self._data_text())
        self.check_label.setText("")
        self.status.setText("")
        self.status.hide()
        self._keep_words_whole()

    @staticmethod
    def _idle_from(text: str) -> int:
        """The idle time in force, shown as it is (settings.toml may set one outside the
        buttons' steps), within the documented range."""
        value = setting(Key.IDLE_SECONDS).parse(text)
        return int(value) if isinstance(value, int) else DEFAULT_IDLE_SECONDS

    def _load_helplines(self, stored: dict[str, str]) -> None:
        order = [i for i in stored.get(Key.HELPLINE_ORDER, "").split(",") if i]
        featured = stored.get(Key.FEATURED_HELPLINE, "")
        lines = ordered_helplines(self._helplines, order, featured)
        self.helpline_list.clear()
        for line in lines:
            item = QListWidgetItem(f"{line.name} — {line.number}")
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            self.helpline_list.addItem(item)
        self.helpline_list.setCurrentRow(0)

    def _load_printers(self, chosen: str) -> None:
        while self.printer_row.count():
            item = self.printer_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                if isinstance(widget, QAbstractButton):
                    self.printer_group.removeButton(widget)
                widget.hide()  # deleteLater runs later: never draw the old row meanwhile
                widget.deleteLater()
        if self._printers_listed:
            names = ["", *self._printers()]
        else:
            names = ["", chosen] if chosen else [""]
        for name in names:
            button = TouchButton(name or self.tr("System default"), checkable=True)
            button.setChecked(name == chosen)
            button.clicked.connect(lambda _=False, n=name: self._save(Key.PRINTER_NAME, n))
            self.printer_group.addButton(button)
            self.printer_row.addWidget(button)
        if not self._printers_listed:
            self.find_printers_button = TouchButton(self.tr("Find printers"))
            self.find_printers_button.clicked.connect(self._on_find_printers_clicked)
            self.printer_row.addWidget(self.find_printers_button)
        self.printer_row.addStretch(1)

    def _on_find_printers_clicked(self) -> None:
        self._printers_listed = True
        self._load_printers(self._live.text(Key.PRINTER_NAME))

    def _data_text(self) -> str:
        info = self._content.info()
        lines = [self.tr("Guide sections: %1, questions and answers: %2")
                 .replace("%1", str(len(self._content.guide_sections())))
                 .replace("%2", str(len(self._content.faqs())))]
        stats = None
        if self._directory is not None:
            try:
                stats = self._directory.stats()
            except sqlite3.Error:  # a broken directory is reported on this screen, not raised
                log.exception("directory statistics failed")
        count = stats.facilities if stats is not None else 0
        source = (stats.source if stats is not None else "") or info.directory_source
        date = (stats.data_date if stats is not None else "") or info.directory_date
        if count:
            lines.append(self.tr("Programs: %1 (%2, data from %3)")
                         .replace("%1", QLocale().toString(int(count)))
                         .replace("%2", source or self.tr("source not recorded"))
                         .replace("%3", date or self.tr("an unknown date")))
        elif source:
            lines.append(self.tr("Program directory: %1, data from %2")
                         .replace("%1", source).replace("%2", date or self.tr("an unknown date")))
        else:
            lines.append(self.tr("No program directory is loaded."))
        changes = self._last_changes()
        if changes:
            lines.append(self.tr("Last directory import: %1 added, %2 removed, %3 changed")
                         .replace("%1", QLocale().toString(changes["added"]))
                         .replace("%2", QLocale().toString(changes["removed"]))
                         .replace("%3", QLocale().toString(changes["changed"])))
        if self._content_note:
            lines.append(self._content_note)
        lines += self._pack_lines()
        return "\n".join(lines)

    def _last_changes(self) -> dict[str, int]:
        if self._directory is None:
            return {}
        try:
            return self._directory.last_changes()
        except sqlite3.Error:  # reported as missing, never raised on this screen
            log.exception("directory change report unreadable")
            return {}

    def _pack_lines(self) -> list[str]:
        """Which content this kiosk shows, whom it trusts for updates, and the last check."""
        if self._packs is None:
            return []
        state = self._packs.status()
        pack = state.installed
        if self._packs.in_use is None:
            lines = [self.tr("Content: as bundled with the app")]
        elif pack is not None:
            lines = [self.tr("Content: signed pack version %1, built %2, from %3 "
                             "(installed %4)")
                     .replace("%1", str(pack.manifest.content_version))
                     .replace("%2", pack.manifest.built_at).replace("%3", pack.source)
                     .replace("%4", pack.installed_at)]
        else:
            lines = [self.tr("Content: signed pack version %1")
                     .replace("%1", str(self._packs.in_use))]
        if pack is not None and pack.manifest.content_version != self._packs.in_use:
            lines.append(self.tr("Pack version %1 is installed: the kiosk shows it after the "
                                 "next idle reset.")
                         .replace("%1", str(pack.manifest.content_version)))
        lines.append(self.tr("Trusted publisher key: %1").replace("%1", state.fingerprint)
                     if state.fingerprint else
                     self.tr("No publisher key trusted: this kiosk takes no content packs "
                             "(kiosk-admin pack trust ROOT.json)."))
        check = state.last_check
        if check is not None:
            lines.append(self.tr("Last pack check, %1: %2")
                         .replace("%1", str(check.get("at", "")))
                         .replace("%2", str(check.get("result", ""))))
        return lines

    # -------------------------------------------------------------- saving --
    def _save(self, key: str, value: str) -> None:
        try:
            self._settings.set(key, value)
        except sqlite3.Error as exc:  # read-only, locked or a full disk: say so, go on
            log.warning("setting %s not saved: %s", key, exc)
            self.status.setText(self.tr(
                "Not saved: the settings database cannot be written. Ask IT to check the "
                "kiosk's data folder (disk space and permissions)."))
            self.status.show()
            return
        self.status.setText(self.tr("Saved."))
        self.status.show()

    def _show_idle(self) -> None:
        minutes, seconds = divmod(self._idle, 60)
        if minutes and seconds:
            text = self.tr("%1 min %2 s").replace("%1", str(minutes)).replace("%2", str(seconds))
        elif minutes:
            text = (self.tr("1 minute") if minutes == 1 else
                    self.tr("%1 minutes").replace("%1", str(minutes)))
        else:
            text = self.tr("%1 seconds").replace("%1", str(seconds))
        self.idle_label.setText(text)
        self.idle_less.setEnabled(self._idle > MIN_IDLE_SECONDS)
        self.idle_more.setEnabled(self._idle < MAX_IDLE_SECONDS)

    def _step_idle(self, delta: int) -> None:
        stepped = min(MAX_IDLE_SECONDS, max(MIN_IDLE_SECONDS, self._idle + delta))
        # A step never goes the wrong way from a value outside the buttons' range.
        self._idle = setting(Key.IDLE_SECONDS).clamp(
            max(stepped, self._idle) if delta > 0 else min(stepped, self._idle))
        self._show_idle()
        self._save(Key.IDLE_SECONDS, str(self._idle))
        self.idle_changed.emit(self._idle)

    def idle_seconds(self) -> int:
        return self._idle

    def helpline_order(self) -> list[str]:
        return [str(self.helpline_list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.helpline_list.count())]

    def _move_helpline(self, delta: int) -> None:
        row = self.helpline_list.currentRow()
        if row < 0:
            return
        target = min(self.helpline_list.count() - 1, max(0, row + delta))
        if target == row:
            return
        item = self.helpline_list.takeItem(row)
        self.helpline_list.insertItem(target, item)
        self.helpline_list.setCurrentRow(target)
        order = self.helpline_order()
        self._save(Key.HELPLINE_ORDER, ",".join(order))
        self._save(Key.FEATURED_HELPLINE, order[0])

    def _save_zip(self) -> None:
        text = self.zip_field.text().strip()
        if text and len(text) != 5:
            self.zip_message.setText(self.tr("A ZIP code has 5 digits."))
            return
        self._save(Key.KIOSK_ZIP, text)
        self.zip_message.setText(self.tr("Saved.") if text else self.tr("No ZIP code: saved."))

    def _show_printing(self, enabled: bool) -> None:
        self.printing_button.setText(self.tr("On") if enabled else self.tr("Off"))
        self.printing_button.setAccessibleName(
            self.tr("Printing is on") if enabled else self.tr("Printing is off"))

    def _on_printing_button_toggled(self, checked: bool) -> None:
        self._show_printing(checked)
        self._save(Key.PRINTING_ENABLED, "1" if checked else "0")

    def _show_counters(self, enabled: bool) -> None:
        self.counters_button.setText(self.tr("On") if enabled else self.tr("Off"))
        self.counters_button.setAccessibleName(
            self.tr("Counting screen views is on") if enabled
            else self.tr("Counting screen views is off"))
        self.counters_button.setEnabled(self._counters is not None)
        self.clear_counts_button.setVisible(enabled and self._counters is not None)
        self.counts_label.setVisible(enabled and self._counters is not None)
        if enabled and self._counters is not None:
            self.counts_label.setText(self._counts_text())

    def _counts_text(self) -> str:
        if self._counters is None:
            return ""
        since = (self._today() - dt.timedelta(days=6)).isoformat()
        rows = self._counters.daily_views(MIN_REPORTED, since=since)
        if not rows:
            return self.tr("No screen views counted in the last 7 days.")
        fewer = self.tr("fewer than %1").replace("%1", str(MIN_REPORTED))
        by_day: dict[str, list[str]] = {}
        for row in rows:
            count = fewer if row.views is None else QLocale().toString(row.views)
            by_day.setdefault(row.day, []).append(f"{row.screen} {count}")
        lines = [self.tr("Screen views, last 7 days:")]
        lines += [f"{day}: " + ", ".join(items) for day, items in by_day.items()]
        return "\n".join(lines)

    def _show_pack_check(self, enabled: bool) -> None:
        source = self._live.text(Key.PACK_SOURCE)
        self.pack_check_button.setText(self.tr("On") if enabled else self.tr("Off"))
        self.pack_check_button.setAccessibleName(
            self.tr("Looking for content packs is on") if enabled
            else self.tr("Looking for content packs is off"))
        self.pack_source_label.setText(
            self.tr("From %1").replace("%1", source) if source else
            self.tr("No pack source set (pack_source in settings.toml)"))

    def _on_pack_check_button_toggled(self, checked: bool) -> None:
        self._save(Key.PACK_CHECK, "1" if checked else "0")
        self._show_pack_check(checked)

    def _on_counters_button_toggled(self, checked: bool) -> None:
        self._save(Key.COUNTERS_ENABLED, "1" if checked else "0")
        self._show_counters(checked)

    def _on_clear_counts_button_clicked(self) -> None:
        if self._counters is None:
            return
        self._counters.clear()
        self.counts_label.setText(self._counts_text())
        self.status.setText(self.tr("Counts cleared."))
        self.status.show()

    def run_integrity_check(self) -> None:
        if self._integrity is None:
            self.check_label.setText(self.tr("No check available."))
            return
        results = self._integrity()
        names = {"content": self.tr("Content database"), "settings": self.tr("Settings database")}
        lines = []
        for key, result in results:
            name = names.get(key, key)
            verdict = self.tr("OK") if result == "ok" else self.tr("PROBLEM: %1").replace(
                "%1", result)
            lines.append(f"{name}: {verdict}")
        self.check_label.setText("\n".join(lines))

    # ------------------------------------------------------------- session --
    def reset(self) -> None:
        self.zip_field.setText("")
        self.check_label.setText("")
        self.status.setText("")
        self.status.hide()
        self.scroll_area.verticalScrollBar().setValue(0)

    def screenshot_states(self) -> list[ScreenshotState]:
        return [("", self.run_integrity_check)]

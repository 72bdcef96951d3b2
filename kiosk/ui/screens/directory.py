"""Find a program: SAMHSA's directory by state or nearest to a ZIP, with filter chips."""

from __future__ import annotations

import html
import logging
import sqlite3
from collections.abc import Iterator

import us
from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import DIRECTORY_LEVELS, Facility, FacilitySummary
from kiosk.store.directory import DirectoryRepository
from kiosk.ui.directory_models import (
    LEVEL_GROUP,
    DirectoryIndex,
    DirectoryIndexBuilder,
    FacilityDelegate,
    FacilityIdRole,
    FacilityListModel,
    FilterDef,
    Place,
    distance_text,
)
from kiosk.ui.screens.base import Screen, ScreenshotState, heading, page_layout
from kiosk.ui.widgets.chips import FilterChip
from kiosk.ui.widgets.keypad import NumericKeypad
from kiosk.ui.widgets.qr import qr_pixmap
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

log = logging.getLogger(__name__)

LOAD_COMMAND = "kiosk-admin import samhsa-directory PATH"

#: Filters beyond the levels of care: (group, key, service codes meaning it).
EXTRA_FILTERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("telehealth", "telehealth", ("TELE",)),
    ("medication", "buprenorphine", ("BU", "BUM", "BWN", "BWON", "BERI", "BSDM", "UB", "DB")),
    ("medication", "methadone", ("MU", "MM", "METH", "DM")),
    ("medication", "naltrexone", ("NU", "NXN", "VTRL", "UN", "RPN")),
    ("payment", "medicaid", ("MD",)),
    ("payment", "medicare", ("MC",)),
    ("payment", "private_insurance", ("PI",)),
    ("payment", "self_pay", ("SF",)),
    ("payment", "sliding_fee", ("SS",)),
    ("payment", "payment_assistance", ("PA",)),
    ("language", "spanish", ("SP",)),
    ("language", "other_languages", ("FX", "F4", "F17", "F19", "F25", "F28", "F30", "F31", "F35",
                                     "F36", "F37", "F42", "F43", "F47", "F66", "F67", "F70",
                                     "F81", "F92", "NX", "N24", "N40")),
    ("language", "sign_language", ("AH",)),
    ("age", "children", ("CHLD",)),
    ("age", "young_adults", ("YAD",)),
    ("age", "adults", ("ADLT",)),
    ("age", "seniors", ("SNR",)),
    ("group", "veterans", ("VET",)),
    ("group", "adolescents", ("AD",)),
    ("group", "pregnant", ("PW",)),
    ("group", "women", ("WN",)),
    ("group", "men", ("MN",)),
    ("group", "older_adults", ("SE",)),
    ("group", "young_adult_programs", ("TAY",)),
    ("group", "lgbtq", ("GL",)),
    ("group", "co_occurring", ("CO",)),
    ("group", "trauma", ("TRMA",)),
    ("group", "domestic_violence", ("DV",)),
    ("group", "sexual_abuse", ("XA",)),
    ("group", "justice", ("CJ",)),
    ("group", "dui", ("DU",)),
    ("group", "active_duty", ("ADM",)),
    ("group", "military_families", ("MF",)),
    ("group", "hiv", ("HV",)),
    ("group", "chronic_pain", ("COPSU",)),
)


class DirectoryScreen(Screen):
    screen_id = "directory"

    facility_chosen = Signal(str)
    facility_for_checklist = Signal(str)
    print_requested = Signal(str)

    def __init__(self, directory: DirectoryRepository | None = None, default_zip: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._repo = directory
        self._default_zip = default_zip if len(default_zip) == 5 and default_zip.isdigit() else ""
        self._index: DirectoryIndex | None = None
        self._place: Place | None = None
        self._place_title = ""
        self._zip_origin: tuple[float, float] | None = None
        self._chosen: set[str] = set()
        self._chips: dict[str, FilterChip] = {}
        self._facility: Facility | None = None
        self._columns = 0
        self._builder: DirectoryIndexBuilder | None = None
        self._state_counts: dict[str, int] = {}
        self._batches: Iterator[list[FacilitySummary]] | None = None
        self._load_timer = QTimer(self)
        self._load_timer.setInterval(0)
        self._load_timer.timeout.connect(self._on_load_timer_timeout)

        layout = page_layout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.empty_page = self._build_empty_page()
        self.choose_page = self._build_choose_page()
        self.results_page = self._build_results_page()
        self.detail_page = self._build_detail_page()
        for page in (self.empty_page, self.choose_page, self.results_page, self.detail_page):
            self.pages.addWidget(page)
        self.source_label = QLabel()
        self.source_label.setProperty("role", "small")
        self.source_label.setWordWrap(True)
        layout.addWidget(self.source_label)
        has = directory is not None and directory.has_directory()
        if has and directory is not None:
            self.source_label.setText(self.tr(
                "Source: {source} (data from {date}). Listing is not an endorsement. "
                "Call to confirm hours and services."
            ).format(source=directory.source(), date=directory.data_date()))
        self.pages.setCurrentWidget(self.choose_page if has else self.empty_page)
        self.zip_edit.setText(self._default_zip)

    def nav_title(self) -> str:
        return self.tr("Find a program")

    # ---------------------------------------------------------------- pages --
    def _build_empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Find a program")))
        text = QLabel(self.tr(
            "No program directory is loaded on this kiosk yet.\n\n"
            "To find a program now, call one of the helplines on this screen. "
            "They can tell you about programs near you.\n\n"
            "For the librarian: load SAMHSA's National Directory with the command\n"
            "{command}\n(see docs/directory.md)."
        ).format(command=LOAD_COMMAND))
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label = text
        layout.addWidget(text)
        layout.addStretch(1)
        return page

    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading(self.tr("Find a program")))
        intro = QLabel(self.tr("Choose your state, or enter a ZIP code to see the nearest "
                               "programs first."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.setSpacing(16)
        layout.addLayout(row, 1)

        self.state_area = QScrollArea()
        self.state_area.setWidgetResizable(True)
        self.state_area.setFrameShape(QFrame.Shape.NoFrame)
        self.state_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.state_area.setAccessibleName(self.tr("States"))
        self.state_area.installEventFilter(self)
        enable_kinetic_scroll(self.state_area)
        grid_host = QWidget()
        self.state_grid = QGridLayout(grid_host)
        self.state_grid.setContentsMargins(0, 0, 8, 0)
        self.state_grid.setSpacing(8)
        self.state_area.setWidget(grid_host)
        self.state_buttons: dict[str, TouchButton] = {}
        row.addWidget(self.state_area, 3)

        zip_box = QVBoxLayout()
        zip_label = QLabel(self.tr("Your ZIP code"))
        zip_label.setProperty("role", "subtitle")
        zip_box.addWidget(zip_label)
        self.zip_edit = QLineEdit()
        self.zip_edit.setMaxLength(5)
        self.zip_edit.setValidator(QRegularExpressionValidator(r"\d{0,5}", self.zip_edit))
        self.zip_edit.setPlaceholderText(self.tr("5 digits"))
        self.zip_edit.setAccessibleName(self.tr("ZIP code"))
        self.zip_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.zip_edit.setMinimumHeight(56)
        self.zip_edit.setStyleSheet("font-size: 22pt;")
        self.zip_edit.returnPressed.connect(self._on_keypad_done)
        zip_label.setBuddy(self.zip_edit)
        zip_box.addWidget(self.zip_edit)
        self.keypad = NumericKeypad(self.zip_edit, done_text=self.tr("Show programs"))
        self.keypad.done.connect(self._on_keypad_done)
        keys = self.keypad.layout()
        if isinstance(keys, QGridLayout):
            for column in range(3):
                keys.setColumnStretch(column, 1)
        zip_box.addWidget(self.keypad)
        self.zip_error = QLabel()
        self.zip_error.setWordWrap(True)
        self.zip_error.setProperty("role", "error")
        self.zip_error.setStyleSheet("color: #9b1c1c; font-weight: bold;")
        zip_box.addWidget(self.zip_error)
        zip_box.addStretch(1)
        zip_host = QWidget()
        zip_host.setLayout(zip_box)
        zip_host.setMinimumWidth(300)
        zip_host.setMaximumWidth(420)
        row.addWidget(zip_host, 2)
        return page

    def _build_results_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.change_place_button = TouchButton(self.tr("‹ Change place"))
        self.change_place_button.setAccessibleName(self.tr("Change state or ZIP code"))
        self.change_place_button.clicked.connect(self._on_change_place_clicked)
        top.addWidget(self.change_place_button)
        self.results_title = heading("", role="subtitle")
        top.addWidget(self.results_title, 1)
        layout.addLayout(top)

        row = QHBoxLayout()
        row.setSpacing(12)
        layout.addLayout(row, 1)
        self.filter_area = QScrollArea()
        self.filter_area.setWidgetResizable(True)
        self.filter_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.filter_area.setAccessibleName(self.tr("Filters"))
        enable_kinetic_scroll(self.filter_area)
        self.filter_host = QWidget()
        self.filter_layout = QVBoxLayout(self.filter_host)
        self.filter_layout.setContentsMargins(6, 6, 10, 6)
        self.filter_layout.setSpacing(6)
        self.filter_area.setWidget(self.filter_host)
        row.addWidget(self.filter_area, 1)

        right = QVBoxLayout()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        right.addWidget(self.count_label)
        self.no_match_label = QLabel()
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setStyleSheet("font-weight: bold;")
        self.no_match_label.hide()
        right.addWidget(self.no_match_label)
        self.drop_filter_button = TouchButton()
        self.drop_filter_button.clicked.connect(self._on_drop_filter_clicked)
        self.drop_filter_button.hide()
        right.addWidget(self.drop_filter_button)
        self.model = FacilityListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(FacilityDelegate(self.list))
        self.list.setStyleSheet("QListView::item { padding: 0; border: none; }")
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(self.tr("Programs"))
        enable_kinetic_scroll(self.list)
        self.list.clicked.connect(self._on_list_clicked)
        self.list.activated.connect(self._on_list_clicked)
        right.addWidget(self.list, 1)
        row.addLayout(right, 1)
        return page

    def _build_detail_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = TouchButton(self.tr("‹ Back to the list"))
        self.back_button.clicked.connect(self._on_back_clicked)
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout.addLayout(top)
        actions = QHBoxLayout()
        self.checklist_button = TouchButton(self.tr("Add to my checklist"))
        self.checklist_button.clicked.connect(self._on_checklist_clicked)
        actions.addWidget(self.checklist_button, 1)
        self.print_button = TouchButton(self.tr("Print / take this with me"), primary=True)
        self.print_button.clicked.connect(self._on_print_clicked)
        actions.addWidget(self.print_button, 1)

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        self.detail_area = QScrollArea()
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        enable_kinetic_scroll(self.detail_area)
        host = QWidget()
        host_layout = QVBoxLayout(host)
        host_layout.setContentsMargins(12, 8, 12, 8)
        self.detail_title = heading("", role="title")
        host_layout.addWidget(self.detail_title)
        self.detail_name2 = heading("", role="subtitle")
        host_layout.addWidget(self.detail_name2)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextFormat(Qt.TextFormat.RichText)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        host_layout.addWidget(self.detail_label)
        host_layout.addStretch(1)
        self.detail_area.setWidget(host)
        body.addWidget(self.detail_area, 1)

        side = QVBoxLayout()
        self.qr_label = QLabel()
        self.qr_label.setStyleSheet("background: white; padding: 6px;")
        self.qr_label.setFixedSize(196, 196)
        self.qr_label.setAccessibleName(self.tr("QR code with this program's name, phone "
                                                "and address"))
        side.addWidget(self.qr_label)
        qr_caption = QLabel(self.tr("Scan to save the name, phone and address on your phone."))
        qr_caption.setWordWrap(True)
        qr_caption.setProperty("role", "small")
        qr_caption.setMaximumWidth(196)
        side.addWidget(qr_caption)
        side.addStretch(1)
        body.addLayout(side)
        layout.addLayout(actions)
        return page

    # ----------------------------------------------------------------- load --
    def on_shown(self) -> None:
        """Build the state grid now; index the facilities in batches between frames."""
        if self._repo is None or not self._repo.has_directory() or self._index is not None:
            return
        if not self.state_buttons:
            self._build_state_buttons()
        if self._builder is None:
            self._builder = DirectoryIndexBuilder(self._filter_defs())
            self._batches = self._repo.summary_batches()
            self._load_timer.start()

    def _filter_defs(self) -> list[FilterDef]:
        assert self._repo is not None
        services = self._repo.services()
        filters = [FilterDef(level, LEVEL_GROUP, frozenset()) for level in DIRECTORY_LEVELS]
        for group, key, codes in EXTRA_FILTERS:
            known = frozenset(c for c in codes if c in services)
            if known:
                filters.append(FilterDef(key, group, known))
        return filters

    def _on_load_timer_timeout(self) -> None:
        """One batch per tick (a few ms), so the screen stays responsive while loading."""
        try:
            self._load_batches(1)
        except sqlite3.Error:  # the database went away (shutdown): load again when shown
            log.warning("directory loading stopped", exc_info=True)
            self._load_timer.stop()
            self._builder = self._batches = None

    def _load_batches(self, limit: int | None) -> None:
        builder, batches = self._builder, self._batches
        if builder is None or batches is None:
            return
        done = 0
        while limit is None or done < limit:
            batch = next(batches, None)
            if batch is None:
                self._load_timer.stop()
                self._index = builder.finish()
                self._builder = self._batches = None
                self._build_chips()
                return
            builder.add(batch)
            done += 1

    def _ensure_loaded(self) -> None:
        """Finish loading now (the visitor chose a place before it was done)."""
        if self._index is not None or self._repo is None or not self._repo.has_directory():
            return
        self.on_shown()
        self._load_batches(None)

    def _state_names(self) -> list[tuple[str, str]]:
        places = [*us.states.STATES_AND_TERRITORIES]
        if us.states.DC not in places:
            places.append(us.states.DC)
        names = {p.abbr: p.name for p in places}
        for code in self._state_counts:
            names.setdefault(code, code)
        return sorted(names.items(), key=lambda item: item[1])

    def _build_state_buttons(self) -> None:
        assert self._repo is not None
        self._state_counts = self._repo.state_counts()
        for code, name in self._state_names():
            count = self._state_counts.get(code, 0)
            text = (self.tr("{state}\n1 program").format(state=name) if count == 1 else
                    self.tr("{state}\n{count} programs").format(state=name, count=f"{count:,}"))
            button = TouchButton(text)
            button.setProperty("stateButton", True)
            button.setStyleSheet("font-size: 13pt; padding: 0.3em 0.4em;")
            button.setAccessibleName(text.replace("\n", ", "))
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFixedHeight(max(2 * button.fontMetrics().lineSpacing() + 24,
                                      button.minimumHeight()))
            button.setEnabled(count > 0)
            button.clicked.connect(lambda _=False, c=code: self.show_state(c))
            self.state_buttons[code] = button
        self._layout_state_grid()

    def _layout_state_grid(self) -> None:
        width = self.state_area.width() - 24
        columns = max(2, min(5, width // 215))
        if columns == self._columns:
            return
        self._columns = columns
        for button in self.state_buttons.values():
            self.state_grid.removeWidget(button)
        for i, button in enumerate(self.state_buttons.values()):
            self.state_grid.addWidget(button, i // columns, i % columns)
        for column in range(5):
            self.state_grid.setColumnStretch(column, 1 if column < columns else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.state_area and event.type() == QEvent.Type.Resize \
                and self.state_buttons:
            self._layout_state_grid()
        return super().eventFilter(watched, event)

    def _chip_labels(self) -> dict[str, str]:
        return {
            "intensive_outpatient": self.tr("Intensive outpatient"),
            "partial_hospitalization": self.tr("Day treatment (PHP)"),
            "outpatient": self.tr("Outpatient"),
            "residential": self.tr("Residential"),
            "detox": self.tr("Detox"),
            "hospital_inpatient": self.tr("Hospital inpatient"),
            "telehealth": self.tr("Telehealth"),
            "buprenorphine": self.tr("Buprenorphine"),
            "methadone": self.tr("Methadone"),
            "naltrexone": self.tr("Naltrexone"),
            "medicaid": self.tr("Medicaid"),
            "medicare": self.tr("Medicare"),
            "private_insurance": self.tr("Private insurance"),
            "self_pay": self.tr("Cash or self-pay"),
            "sliding_fee": self.tr("Sliding fee"),
            "payment_assistance": self.tr("Payment help"),
            "spanish": self.tr("Spanish"),
            "other_languages": self.tr("Other languages"),
            "sign_language": self.tr("Sign language (ASL)"),
            "children": self.tr("Children and teens"),
            "young_adults": self.tr("Young adults"),
            "adults": self.tr("Adults"),
            "seniors": self.tr("Seniors"),
            "veterans": self.tr("Veterans"),
            "adolescents": self.tr("Adolescents"),
            "pregnant": self.tr("Pregnant women"),
            "women": self.tr("Women"),
            "men": self.tr("Men"),
            "older_adults": self.tr("Older adults"),
            "young_adult_programs": self.tr("Young adult programs"),
            "lgbtq": self.tr("LGBTQ people"),
            "co_occurring": self.tr("Co-occurring conditions"),
            "trauma": self.tr("Trauma survivors"),
            "domestic_violence": self.tr("Domestic violence"),
            "sexual_abuse": self.tr("Sexual abuse survivors"),
            "justice": self.tr("Justice-involved"),
            "dui": self.tr("DUI/DWI"),
            "active_duty": self.tr("Active duty military"),
            "military_families": self.tr("Military families"),
            "hiv": self.tr("People with HIV"),
            "chronic_pain": self.tr("Chronic pain"),
        }

    def _build_chips(self) -> None:
        assert self._index is not None
        titles = {
            LEVEL_GROUP: self.tr("Type of care"),
            "telehealth": self.tr("Telehealth"),
            "medication": self.tr("Medications for opioid or alcohol use"),
            "payment": self.tr("Payment"),
            "language": self.tr("Language"),
            "age": self.tr("Ages"),
            "group": self.tr("Programs for"),
        }
        labels = self._chip_labels()
        self.clear_filters_button = TouchButton(self.tr("Clear all filters"))
        self.clear_filters_button.clicked.connect(self._on_clear_filters_clicked)
        self.filter_layout.addWidget(self.clear_filters_button)
        group = ""
        for key, definition in self._index.filters.items():
            if definition.group != group:
                group = definition.group
                title = QLabel(titles.get(group, group))
                title.setProperty("role", "subtitle")
                title.setWordWrap(True)
                self.filter_layout.addWidget(title)
            chip = FilterChip(key, labels.get(key, key))
            chip.toggled_key.connect(self._on_chip_toggled_key)
            self._chips[key] = chip
            self.filter_layout.addWidget(chip)
        self.filter_layout.addStretch(1)

    # ---------------------------------------------------------------- place --
    def show_state(self, state: str) -> None:
        self._ensure_loaded()
        if self._index is None:
            return
        self._place = self._index.state_place(state)
        self._zip_origin = None
        name = dict(self._state_names()).get(state, state)
        self._place_title = name
        self.zip_error.setText("")
        self._refresh()
        self.pages.setCurrentWidget(self.results_page)
        self.list.scrollToTop()

    def show_zip(self, zip_code: str) -> bool:
        """Results near `zip_code`; False (and a message) when it is not a known ZIP."""
        self._ensure_loaded()
        if self._index is None or self._repo is None:
            return False
        if len(zip_code) != 5 or not zip_code.isdigit():
            self.zip_error.setText(self.tr("A ZIP code has 5 digits. Check it, or choose "
                                           "your state."))
            return False
        origin = self._repo.zip_position(zip_code)
        if origin is None:
            self.zip_error.setText(self.tr(
                "We could not find ZIP code {zip}. Check the 5 digits, or choose your state."
            ).format(zip=zip_code))
            return False
        self.zip_error.setText("")
        self._zip_origin = origin
        self._place = self._index.zip_place(origin)
        self._place_title = self.tr("Nearest to ZIP {zip}").format(zip=zip_code)
        self._refresh()
        self.pages.setCurrentWidget(self.results_page)
        self.list.scrollToTop()
        return True

    def _on_keypad_done(self) -> None:
        self.show_zip(self.zip_edit.text())

    def _on_change_place_clicked(self) -> None:
        self.pages.setCurrentWidget(self.choose_page)

    # -------------------------------------------------------------- filters --
    def set_filter(self, key: str, on: bool) -> None:
        chip = self._chips.get(key)
        if chip is not None and chip.isChecked() != on:
            chip.setChecked(on)  # emits toggled_key -> _refresh

    def _on_chip_toggled_key(self, key: str, checked: bool) -> None:
        if checked:
            self._chosen.add(key)
        else:
            self._chosen.discard(key)
        self._refresh()

    def _on_clear_filters_clicked(self) -> None:
        self._clear_filters()
        self._refresh()

    def _clear_filters(self) -> None:
        self._chosen.clear()
        for chip in self._chips.values():
            chip.blockSignals(True)
            chip.setChecked(False)
            chip.blockSignals(False)

    def _on_drop_filter_clicked(self) -> None:
        key = self.drop_filter_button.property("filterKey")
        if isinstance(key, str):
            self.set_filter(key, False)

    def _refresh(self) -> None:
        """Apply the chosen filters to the place: list, live counts, no-match advice."""
        index, place = self._index, self._place
        if index is None or place is None:
            return
        rows = index.rows(place, self._chosen)
        self.model.set_rows(index, rows, place.distances)
        for key, n in index.live_counts(place, self._chosen).items():
            self._chips[key].set_count(n)
        self.clear_filters_button.setEnabled(bool(self._chosen))
        if self._zip_origin is not None:
            self.results_title.setText(self._place_title)
        else:
            self.results_title.setText(self.tr("Programs in {place}").format(
                place=self._place_title))
        self.results_title.setAccessibleName(self.results_title.text())
        self.count_label.setText(self.tr("{shown} of {total} programs match.").format(
            shown=f"{len(rows):,}", total=f"{len(place.rows):,}"))
        self._show_no_match(index, place, rows)

    def _show_no_match(self, index: DirectoryIndex, place: Place, rows: list[int]) -> None:
        if rows:
            self.no_match_label.hide()
            self.drop_filter_button.hide()
            return
        advice = index.best_filter_to_drop(place, self._chosen)
        if advice is None:
            self.no_match_label.setText(self.tr(
                "No programs match. Clear the filters or choose another place."))
            self.drop_filter_button.hide()
        else:
            key, n = advice
            label = self._chips[key].label
            self.no_match_label.setText(self.tr(
                "No programs match all your choices. Remove “{filter}” to see {count}."
            ).format(filter=label, count=f"{n:,}"))
            self.drop_filter_button.setText(self.tr("Remove “{filter}”").format(filter=label))
            self.drop_filter_button.setAccessibleName(self.drop_filter_button.text())
            self.drop_filter_button.setProperty("filterKey", key)
            self.drop_filter_button.show()
        self.no_match_label.show()

    # --------------------------------------------------------------- detail --
    def _on_list_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            facility_id = self.model.data(index, FacilityIdRole)
            self.show_facility(str(facility_id))

    def facility_as_shown(self, facility_id: str) -> Facility | None:
        """A facility with its distance from the ZIP the visitor entered, if any (for slips)."""
        if self._repo is None:
            return None
        return self._repo.facility(facility_id, near=self._zip_origin)

    def show_facility(self, facility_id: str) -> bool:
        """Open one facility's details (also used by search). False if it is unknown."""
        if self._repo is None:
            return False
        facility = self._repo.facility(facility_id, near=self._zip_origin)
        if facility is None:
            return False
        self._ensure_loaded()
        self._facility = facility
        self._render_facility(facility)
        self.pages.setCurrentWidget(self.detail_page)
        self.detail_area.verticalScrollBar().setValue(0)
        self.facility_chosen.emit(facility.id)
        return True

    def _render_facility(self, f: Facility) -> None:
        self.detail_title.setText(f.name)
        self.detail_title.setAccessibleName(f.name)
        self.detail_name2.setText(f.name2)
        self.detail_name2.setVisible(bool(f.name2))
        esc = html.escape
        labels = self._chip_labels()
        parts: list[str] = []

        def section(title: str, lines: list[str]) -> None:
            lines = list(dict.fromkeys(lines))  # e.g. two codes both meaning "Methadone"
            if lines:
                parts.append(f"<h3>{esc(title)}</h3><p>" + "<br>".join(esc(x) for x in lines)
                             + "</p>")

        section(self.tr("Address"), list(f.address_lines))
        phones = [self.tr("Main: {phone}").format(phone=f.phone)]
        phones += [self.tr("Intake: {phone}").format(phone=p) for p in f.intake_phones]
        section(self.tr("Phone"), phones)
        section(self.tr("Hours"), [self.tr("Hours: call to confirm.")])
        if f.distance_miles is not None:
            miles = distance_text(f.distance_miles, f.position_kind != "exact")
            note = (self.tr("{miles} away").format(miles=miles) if f.position_kind == "exact"
                    else self.tr("{miles} away (approximate: based on the program's ZIP code)")
                    .format(miles=miles))
            section(self.tr("Distance"), [note])
        section(self.tr("Levels of care"), [labels.get(level, level) for level in f.levels])
        shown_groups = ("Medications", "Payment", "Languages", "Ages")
        group_titles = {
            "Medications": self.tr("Medications"),
            "Payment": self.tr("Payment accepted"),
            "Languages": self.tr("Languages besides English"),
            "Ages": self.tr("Ages served"),
        }
        for group in shown_groups:
            section(group_titles[group], [s.label for s in f.services_in(group)])
        other: dict[str, list[str]] = {}
        for s in f.services:
            if s.category not in shown_groups:
                other.setdefault(s.category, []).append(s.label)
        if other:
            parts.append(f"<h2>{esc(self.tr('Other services'))}</h2>")
            for category, items in other.items():
                section(category, items)
        source = self._repo.source() if self._repo else ""
        date = self._repo.data_date() if self._repo else ""
        parts.append("<p><i>" + esc(self.tr(
            "Listed in SAMHSA's 2024 National Directory. Not an endorsement.")) + "<br>"
            + esc(self.tr("Source: {source}. Data date: {date}.").format(
                source=source, date=date)) + "</i></p>")
        self.detail_label.setText("".join(parts))
        self.detail_label.setAccessibleName(f.name)
        payload = "\n".join(x for x in (f.name, f.name2, f.phone, *f.address_lines) if x)
        self.qr_label.setPixmap(qr_pixmap(payload, 184))
        self.qr_label.setProperty("payload", payload)

    def _on_back_clicked(self) -> None:
        self.pages.setCurrentWidget(
            self.results_page if self._place is not None else self.choose_page)

    def _on_checklist_clicked(self) -> None:
        if self._facility is not None:
            self.facility_for_checklist.emit(self._facility.id)

    def _on_print_clicked(self) -> None:
        if self._facility is not None:
            self.print_requested.emit(self._facility.id)

    def current_facility_id(self) -> str:
        return self._facility.id if self._facility is not None else ""

    # -------------------------------------------------------------- session --
    def reset(self) -> None:
        self.zip_edit.setText("")
        self.zip_edit.setText(self._default_zip)
        self.zip_error.setText("")
        self._clear_filters()
        self._place = None
        self._zip_origin = None
        self._place_title = ""
        self._facility = None
        self.model.clear()
        self.list.selectionModel().clearSelection()
        self.list.scrollToTop()
        self.filter_area.verticalScrollBar().setValue(0)
        self.state_area.verticalScrollBar().setValue(0)
        self.detail_title.setText("")
        self.detail_name2.setText("")
        self.detail_label.setText("")
        self.qr_label.clear()
        self.qr_label.setProperty("payload", "")
        self.no_match_label.hide()
        self.drop_filter_button.hide()
        has = self._repo is not None and self._repo.has_directory()
        self.pages.setCurrentWidget(self.choose_page if has else self.empty_page)

    def screenshot_states(self) -> list[ScreenshotState]:
        if self._repo is None or not self._repo.has_directory():
            return [("", lambda: None)]

        def states() -> None:
            self.reset()
            self._ensure_loaded()

        def filtered() -> None:
            self.reset()
            self.show_state("CA")
            self.set_filter("intensive_outpatient", True)

        def near_zip() -> None:
            self.reset()
            self.show_zip(self._default_zip or "94103")

        def detail() -> None:
            filtered()
            self.list.selectionModel().setCurrentIndex(
                self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
            if self.model.rowCount():
                self.show_facility(self.model.summary(0).id)

        return [("states", states), ("filtered", filtered), ("zip", near_zip),
                ("detail", detail)]

"""The programs in one place, narrowed by filter chips that show their live counts."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.present.codes import filter_group_title, filter_label
from kiosk.present.directory_index import DirectoryIndex, Place
from kiosk.present.local_program import now_here, refresh_open_now
from kiosk.ui.directory_models import FacilityIdRole, FacilityListModel, ProgramList
from kiosk.ui.screens.base import heading
from kiosk.ui.screens.directory.width_fitted import WidthFittedPage
from kiosk.ui.screens.directory.words import tr
from kiosk.ui.widgets.chips import FilterChip
from kiosk.ui.widgets.labels import StatusLine
from kiosk.ui.widgets.touch import (
    TouchButton,
    enable_kinetic_scroll,
    fill_own_background,
    paint_opaque,
)


class ResultsPage(WidthFittedPage):
    """Chips on the left, the matching programs on the right.

    The page keeps the chosen filters: they stay on when the visitor changes place, and
    `reset()` turns them all off.
    """

    change_place_requested = Signal()
    facility_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The page fills its own background: shown again (California tapped once more), it
        # is painted once, not under every see-through layer of the window as well.
        fill_own_background(self)
        self._index: DirectoryIndex | None = None
        self._place: Place | None = None
        self._chosen: set[str] = set()
        #: The kiosk's clock: "Open now" is worked out afresh on every refresh.
        self.clock = now_here
        self.chips: dict[str, FilterChip] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.change_place_button = TouchButton(self.tr("‹ Change place"))
        self.change_place_button.setAccessibleName(self.tr("Change state or ZIP code"))
        self.change_place_button.clicked.connect(self._on_change_place_button_clicked)
        top.addWidget(self.change_place_button)
        self.results_title = heading("", role="subtitle")
        top.addWidget(self.results_title, 1)
        # On a narrow page the filters are a full-width sheet opened by this button, so the
        # list keeps the whole width and its names and streets are not cut off.
        self.filters_button = TouchButton(self.tr("Filters"), checkable=True)
        self.filters_button.toggled.connect(self._on_filters_button_toggled)
        self.filters_button.hide()
        top.addWidget(self.filters_button)
        layout.addLayout(top)
        self._top, self._layout = top, layout

        row = self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(12)
        layout.addLayout(row, 1)
        row.addWidget(self._build_filter_area(), 1)
        self.list_host = QWidget()
        column = self._build_list_column()
        column.setContentsMargins(0, 0, 0, 0)
        self.list_host.setLayout(column)
        row.addWidget(self.list_host, 1)
        self._stacked = False

    def is_stacked(self) -> bool:
        """True when the filters are a sheet behind the Filters button (a narrow page)."""
        return self._stacked

    def fit_width(self, width: int) -> None:
        # Side by side, a narrow page (1024x600 beside the menu and the helplines, or a
        # portrait screen) squeezes both columns until chips and names are cut off; so does
        # a page taller than wide.
        stacked = self.wants_stacked(width) or self.height() > width
        if stacked != self._stacked:
            self._stacked = stacked
            self.filters_button.setVisible(stacked)
            # Narrow, the title takes a line of its own below the two buttons.
            if stacked:
                self._top.removeWidget(self.results_title)
                self._layout.insertWidget(1, self.results_title)
            else:
                self._layout.removeWidget(self.results_title)
                self._top.insertWidget(1, self.results_title, 1)
                self.filters_button.setChecked(False)
            self._show_sheet(self.filters_button.isChecked())

    def _on_filters_button_toggled(self, _checked: bool) -> None:
        self._show_sheet(self.filters_button.isChecked())
        self._name_filters_button()

    def _show_sheet(self, sheet: bool) -> None:
        """Filters and list side by side, or (narrow) one of them full width."""
        self.filter_area.setVisible(not self._stacked or sheet)
        self.list_host.setVisible(not self._stacked or not sheet)

    def _name_filters_button(self) -> None:
        if self.filters_button.isChecked():
            text = self.tr("Show {count} programs").format(count=f"{self.model.rowCount():,}")
        elif self._chosen:
            text = self.tr("Filters ({count} on)").format(count=len(self._chosen))
        else:
            text = self.tr("Filters")
        self.filters_button.setText(text)
        self.filters_button.setAccessibleName(text)

    def _build_filter_area(self) -> QScrollArea:
        self.filter_area = QScrollArea()
        self.filter_area.setWidgetResizable(True)
        self.filter_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.filter_area.setAccessibleName(self.tr("Filters"))
        enable_kinetic_scroll(self.filter_area)
        host = QWidget()
        self._filter_layout = QVBoxLayout(host)
        self._filter_layout.setContentsMargins(6, 6, 10, 6)
        self._filter_layout.setSpacing(6)
        self.clear_filters_button = TouchButton(self.tr("Clear all filters"))
        self.clear_filters_button.setEnabled(False)
        self.clear_filters_button.clicked.connect(self._on_clear_filters_button_clicked)
        self._filter_layout.addWidget(self.clear_filters_button)
        fill_own_background(host)
        self.filter_area.setWidget(host)
        return self.filter_area

    def _build_list_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.count_label = StatusLine()
        column.addWidget(self.count_label)
        self.no_match_label = QLabel()
        self.no_match_label.setWordWrap(True)
        self.no_match_label.setStyleSheet("font-weight: bold;")
        self.no_match_label.hide()
        column.addWidget(self.no_match_label)
        self.drop_filter_button = TouchButton()
        self.drop_filter_button.clicked.connect(self._on_drop_filter_button_clicked)
        self.drop_filter_button.hide()
        self._drop_key = ""
        column.addWidget(self.drop_filter_button)
        self.model = FacilityListModel(self)
        # The delegate paints and measures each row itself, so the list needs no style sheet
        # of its own (one per widget is a second style layer over the application's).
        self.list = ProgramList(self.model)
        self.list.setAccessibleName(self.tr("Programs"))
        enable_kinetic_scroll(self.list)
        paint_opaque(self.list)
        self.list.clicked.connect(self.open_row)
        self.list.activated.connect(self.open_row)
        column.addWidget(self.list, 1)
        return column

    def _on_change_place_button_clicked(self) -> None:
        self.change_place_requested.emit()

    # ----------------------------------------------------------------- chips --
    def set_filters(self, index: DirectoryIndex) -> None:
        """One chip per filter of `index`, under its group's title."""
        while self._filter_layout.count() > 1:  # all but "Clear all filters"
            item = self._filter_layout.takeAt(1)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.chips = {}
        self._chosen.clear()
        group = ""
        for key, definition in index.filters.items():
            if definition.group != group:
                group = definition.group
                title = QLabel(filter_group_title(group, tr))
                title.setProperty("role", "subtitle")
                title.setWordWrap(True)
                self._filter_layout.addWidget(title)
            chip = FilterChip(key, filter_label(key, tr))
            chip.toggled_key.connect(self._on_chip_toggled_key)
            self.chips[key] = chip
            self._filter_layout.addWidget(chip)
        self._filter_layout.addStretch(1)

    @property
    def chosen(self) -> frozenset[str]:
        return frozenset(self._chosen)

    def set_filter(self, key: str, on: bool) -> None:
        chip = self.chips.get(key)
        if chip is not None and chip.isChecked() != on:
            chip.setChecked(on)  # emits toggled_key -> _refresh

    def clear_filters(self) -> None:
        """Every chip off, without a refresh per chip."""
        self._chosen.clear()
        for chip in self.chips.values():
            chip.blockSignals(True)
            chip.setChecked(False)
            chip.blockSignals(False)

    def _on_chip_toggled_key(self, key: str, checked: bool) -> None:
        if checked:
            self._chosen.add(key)
        else:
            self._chosen.discard(key)
        self._refresh()

    def _on_clear_filters_button_clicked(self) -> None:
        self.clear_filters()
        self._refresh()

    def _on_drop_filter_button_clicked(self) -> None:
        if self._drop_key:
            self.set_filter(self._drop_key, False)

    # ---------------------------------------------------------------- places --
    def show_place(self, index: DirectoryIndex, place: Place, title: str) -> None:
        """The programs in `place` under `title`, with the chosen filters still applied."""
        self._index, self._place = index, place
        self.results_title.setText(title)
        self.results_title.setAccessibleName(title)
        self._refresh()
        self.list.scrollToTop()

    def has_place(self) -> bool:
        return self._place is not None

    def _refresh(self) -> None:
        """Apply the chosen filters to the place: list, live counts, no-match advice."""
        index, place = self._index, self._place
        if index is None or place is None:
            return
        refresh_open_now(index, self.clock())
        rows = index.rows(place, self._chosen)
        self.model.set_rows(index, rows, place.distances)
        for key, n in index.live_counts(place, self._chosen).items():
            self.chips[key].set_count(n)
        self.clear_filters_button.setEnabled(bool(self._chosen))
        self.count_label.setText(self.tr("{shown} of {total} programs match.").format(
            shown=f"{len(rows):,}", total=f"{len(place.rows):,}"))
        self._show_no_match(index, place, rows)
        self._name_filters_button()

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
            label = self.chips[key].label
            self.no_match_label.setText(self.tr(
                "No programs match all your choices. Remove “{filter}” to see {count}."
            ).format(filter=label, count=f"{n:,}"))
            self.drop_filter_button.setText(self.tr("Remove “{filter}”").format(filter=label))
            self.drop_filter_button.setAccessibleName(self.drop_filter_button.text())
            self._drop_key = key
            self.drop_filter_button.show()
        self.no_match_label.show()

    # ------------------------------------------------------------------ list --
    def open_row(self, index: QModelIndex) -> None:
        """Open the program in that row of the list, as tapping it does."""
        if index.isValid():
            self.facility_activated.emit(str(self.model.data(index, FacilityIdRole)))

    def first_facility_id(self) -> str:
        """The top row's program, selected as a tap would ("" when the list is empty)."""
        if not self.model.rowCount():
            return ""
        self.list.selectionModel().setCurrentIndex(
            self.model.index(0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return self.model.summary(0).id

    # --------------------------------------------------------------- session --
    def reset(self) -> None:
        self.filters_button.setChecked(False)
        self.clear_filters()
        self._place = None
        self._drop_key = ""
        self.model.clear()
        self.list.selectionModel().clearSelection()
        self.list.scrollToTop()
        self.filter_area.verticalScrollBar().setValue(0)
        self.no_match_label.hide()
        self.drop_filter_button.hide()

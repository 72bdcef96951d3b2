"""Checklist: questions to ask a program, ticked on screen (ticks are never stored).

The visitor may attach a program chosen in the directory ("Program: ..."), then print the
checklist (through the in-window preview) or, on a laptop in windowed mode, save it as PDF.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.domain import Facility, Helpline
from kiosk.present.facility import main_phone
from kiosk.store.content import ContentRepository
from kiosk.ui import printing
from kiosk.ui.models import CheckListModel
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.tick_list import TickListView
from kiosk.ui.widgets.touch import TouchButton

log = logging.getLogger(__name__)

FacilityLookup = Callable[[str], Facility | None]


class ChecklistScreen(Screen):
    screen_id = "checklist"
    #: The visitor wants the checklist on paper (or, windowed, as a PDF): the shell opens
    #: the print preview with `printout()`.
    print_requested = Signal()

    def __init__(self, content: ContentRepository, parent: QWidget | None = None, *,
                 facility_lookup: FacilityLookup | None = None,
                 helplines: list[Helpline] | None = None, windowed: bool = False,
                 sample_facility: Callable[[], Facility | None] | None = None) -> None:
        super().__init__(parent)
        self._content = content
        self._checklist = content.checklist()
        self._helplines = helplines if helplines is not None else content.helplines()
        self._facility_lookup = facility_lookup
        self.program: Facility | None = None
        #: A program for the screenshot state.
        self._sample_facility = sample_facility

        layout = page_layout(self)
        layout.addWidget(heading(self._checklist.title or self.tr("Questions to ask a program")))
        intro = QLabel(self._checklist.intro)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        program_row = QHBoxLayout()
        self.program_label = QLabel()
        self.program_label.setWordWrap(True)
        self.program_label.setTextFormat(Qt.TextFormat.PlainText)
        program_row.addWidget(self.program_label, 1)
        self.remove_program_button = TouchButton(self.tr("Remove program"))
        self.remove_program_button.setAccessibleName(self.tr("Remove the program"))
        self.remove_program_button.clicked.connect(self._on_remove_program_button_clicked)
        self.remove_program_button.ensurePolished()  # never squeezed below its word
        self.remove_program_button.setMinimumWidth(self.remove_program_button.sizeHint().width())
        program_row.addWidget(self.remove_program_button)
        layout.addLayout(program_row)

        self.model = CheckListModel(self)
        # Under the same group headings as the printout, so screen and paper match.
        self.model.set_grouped_items([(item.text, item.id, item.group)
                                      for item in self._checklist.items])
        self.list = TickListView(self.model, self.tr("Checklist"))
        layout.addWidget(self.list, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.pdf_button = TouchButton(self.tr("Save as PDF"))
        self.pdf_button.setAccessibleName(self.tr("Save the checklist as a PDF"))
        self.pdf_button.clicked.connect(self.print_requested.emit)
        self.print_button = TouchButton(self.tr("Print"), primary=True)
        self.print_button.setAccessibleName(self.tr("Print the checklist"))
        self.print_button.clicked.connect(self.print_requested.emit)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        layout.addLayout(buttons)
        # Only once it has a parent: shown before, it would open as a window of its own (and
        # take the kiosk window's focus, when this screen is built after the start).
        self.pdf_button.setVisible(windowed)
        self._show_program()


    # --------------------------------------------------------------- program --
    def set_program_id(self, facility_id: str) -> bool:
        """Attach the directory's facility `facility_id`; False if it cannot be found."""
        facility = None
        if self._facility_lookup is not None:
            try:
                facility = self._facility_lookup(facility_id)
            except Exception:
                log.exception("facility lookup failed")
        if facility is None:
            return False
        self.set_program(facility)
        return True

    def set_program(self, facility: Facility | None) -> None:
        self.program = facility
        self._show_program()

    def _show_program(self) -> None:
        if self.program is None:
            self.program_label.setText(self.tr(
                "Program: none chosen. You can add one from Find a program."))
            self.remove_program_button.setVisible(False)
        else:
            phone = main_phone(self.program)
            text = self.tr("Program: %1").replace("%1", self.program.name)
            if phone:
                text += " · " + phone
            self.program_label.setText(text)
            self.remove_program_button.setVisible(True)
        self.program_label.setAccessibleName(self.program_label.text())

    def _on_remove_program_button_clicked(self) -> None:
        self.set_program(None)

    # -------------------------------------------------------------- printing --
    def printout(self) -> printing.Printout:
        return printing.checklist_printout(self._checklist, self.model.ticked_keys(),
                                           self._helplines, self._content.info(), self.program)

    # ---------------------------------------------------------------- screen --
    def reset(self) -> None:
        self.model.clear_ticks()
        self.set_program(None)
        # The last row tapped stays current (and painted as chosen) unless it is dropped:
        # the next visitor must not see what this one looked at.
        self.list.clearSelection()
        self.list.setCurrentIndex(QModelIndex())
        self.list.scrollToTop()

    def screenshot_states(self) -> list[tuple[str, Callable[[], None]]]:
        def ticked() -> None:
            items = self.model.item_rows()
            for n in (0, 3, 7):
                if n < len(items):
                    self.model.toggle(items[n])
            sample = self._sample_facility() if self._sample_facility else None
            if sample is not None:
                self.set_program(sample)

        return [("", self.reset), ("ticked", ticked)]

"""One program: what kiosk.present says about it, its QR code, checklist and print."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kiosk.domain import Facility
from kiosk.present.facility import FacilityText, describe, distance_text
from kiosk.ui.screens.base import heading
from kiosk.ui.screens.directory.words import tr
from kiosk.ui.widgets.qr import qr_pixmap
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

QR_SIZE = 184


class DetailPage(QWidget):
    """The facility page. Its buttons name the program shown, so the shell needs no lookup."""

    back_requested = Signal()
    checklist_requested = Signal(str)
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._facility_id = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = TouchButton(self.tr("‹ Back to the list"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout.addLayout(top)

        body = QHBoxLayout()
        layout.addLayout(body, 1)
        body.addWidget(self._build_text_area(), 1)
        body.addLayout(self._build_qr_column())

        actions = QHBoxLayout()
        self.checklist_button = TouchButton(self.tr("Add to my checklist"))
        self.checklist_button.clicked.connect(self._on_checklist_button_clicked)
        actions.addWidget(self.checklist_button, 1)
        self.print_button = TouchButton(self.tr("Print / take this with me"), primary=True)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        actions.addWidget(self.print_button, 1)
        layout.addLayout(actions)

    def _build_text_area(self) -> QScrollArea:
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
        return self.detail_area

    def _build_qr_column(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.qr_label = QLabel()
        self.qr_label.setStyleSheet("background: white; padding: 6px;")
        self.qr_label.setFixedSize(QR_SIZE + 12, QR_SIZE + 12)
        self.qr_label.setAccessibleName(self.tr("QR code with this program's name, phone "
                                                "and address"))
        side.addWidget(self.qr_label)
        caption = QLabel(self.tr("Scan to save the name, phone and address on your phone."))
        caption.setWordWrap(True)
        caption.setProperty("role", "small")
        caption.setMaximumWidth(QR_SIZE + 12)
        side.addWidget(caption)
        side.addStretch(1)
        return side

    # ------------------------------------------------------------------ show --
    def facility_id(self) -> str:
        """The program shown ("" when none)."""
        return self._facility_id

    def show_facility(self, facility: Facility, source: str, data_date: str) -> None:
        text = describe(facility, tr)
        self._facility_id = facility.id
        self.detail_title.setText(text.name)
        self.detail_title.setAccessibleName(text.name)
        self.detail_name2.setText(text.name2)
        self.detail_name2.setVisible(bool(text.name2))
        self.detail_label.setText(self._html(facility, text, source, data_date))
        self.detail_label.setAccessibleName(text.name)
        # The same text as the printed slip's QR code, so both save the same contact.
        self.qr_label.setPixmap(qr_pixmap(text.qr_payload, QR_SIZE))
        self.qr_label.setProperty("payload", text.qr_payload)
        self.detail_area.verticalScrollBar().setValue(0)

    def _html(self, facility: Facility, text: FacilityText, source: str, data_date: str) -> str:
        parts: list[str] = []

        def section(title: str, lines: list[str], level: str = "h3") -> None:
            if lines:
                parts.append(f"<{level}>{html.escape(title)}</{level}><p>"
                             + "<br>".join(html.escape(x) for x in lines) + "</p>")

        section(self.tr("Address"), text.address)
        phones = [self.tr("Main: {phone}").format(phone=text.phone)] if text.phone else []
        phones += [self.tr("Intake: {phone}").format(phone=p) for p in text.intake]
        section(self.tr("Phone"), phones)
        section(self.tr("Hours"), [self.tr("Hours: call to confirm.")])
        section(self.tr("Distance"), self._distance(facility))
        section(self.tr("Levels of care"), text.levels)
        section(self.tr("Medications"), text.medications)
        section(self.tr("Payment accepted"), text.payment)
        # kiosk.present.facility.LISTED_CATEGORIES, each under its own heading.
        listed = {
            "Languages": self.tr("Languages besides English"),
            "Ages": self.tr("Ages served"),
        }
        other = [(c, labels) for c, labels in text.groups if c not in listed]
        for category, labels in text.groups:
            if category in listed:
                section(listed[category], labels)
        if other:
            parts.append(f"<h2>{html.escape(self.tr('Other services'))}</h2>")
            for category, labels in other:
                section(self._other_title(category), labels)
        parts.append("<p><i>" + html.escape(self.tr(
            "Listed in SAMHSA's 2024 National Directory. Not an endorsement.")) + "<br>"
            + html.escape(self.tr("Source: {source}. Data date: {date}.").format(
                source=source, date=data_date)) + "</i></p>")
        return "".join(parts)

    def _other_title(self, category: str) -> str:
        # The medicines themselves are listed above under "Medications"; what is left of
        # that category (HIV, smoking, mental health) would read as a second copy of it.
        return self.tr("Other medications") if category == "Medications" else category

    def _distance(self, facility: Facility) -> list[str]:
        if facility.distance_miles is None:
            return []
        exact = facility.position_kind == "exact"
        miles = distance_text(facility.distance_miles, not exact, tr)
        if exact:
            return [self.tr("{miles} away").format(miles=miles)]
        return [self.tr("{miles} away (approximate: based on the program's ZIP code)")
                .format(miles=miles)]

    def clear(self) -> None:
        self._facility_id = ""
        self.detail_title.setText("")
        self.detail_name2.setText("")
        self.detail_label.setText("")
        self.qr_label.clear()
        self.qr_label.setProperty("payload", "")

    # --------------------------------------------------------------- buttons --
    def _on_back_button_clicked(self) -> None:
        self.back_requested.emit()

    def _on_checklist_button_clicked(self) -> None:
        if self._facility_id:
            self.checklist_requested.emit(self._facility_id)

    def _on_print_button_clicked(self) -> None:
        if self._facility_id:
            self.print_requested.emit(self._facility_id)

"""One program: what kiosk.present says about it, its QR code, checklist and print."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import Facility
from kiosk.present import markup
from kiosk.present.facility import LISTED_CATEGORIES, FacilityText, describe, distance_text
from kiosk.present.local_program import LocalText, describe_local
from kiosk.present.localise import ServiceWords
from kiosk.ui.screens.base import heading
from kiosk.ui.screens.directory.width_fitted import WidthFittedPage
from kiosk.ui.screens.directory.words import tr
from kiosk.ui.widgets.qr import qr_pixmap
from kiosk.ui.widgets.touch import TouchButton, WrapButton, enable_kinetic_scroll

QR_SIZE = 184


def _rich_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


class DetailPage(WidthFittedPage):
    """The facility page. Its buttons name the program shown, so the shell needs no lookup."""

    back_requested = Signal()
    checklist_requested = Signal(str)
    print_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *,
                 words: ServiceWords | None = None) -> None:
        super().__init__(parent)
        self._words = words or ServiceWords()
        self._facility_id = ""
        self._local: LocalText | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = TouchButton(self.tr("‹ Back to the list"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        top.addWidget(self.back_button)
        top.addStretch(1)
        layout.addLayout(top)

        body = self._body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        layout.addLayout(body, 1)
        body.addWidget(self._build_text_area(), 1)
        body.addLayout(self._build_qr_column())

        actions = self._actions = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._stacked = False
        self.checklist_button = TouchButton(self.tr("Add to my checklist"))
        self.checklist_button.clicked.connect(self._on_checklist_button_clicked)
        actions.addWidget(self.checklist_button, 1)
        self.print_button = TouchButton(self.tr("Print / take this with me"), primary=True)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        actions.addWidget(self.print_button, 1)
        layout.addLayout(actions)

    def fit_width(self, width: int) -> None:
        # A narrow page (1024x600 beside the menu and helplines) leaves the text too thin
        # for its section headings beside the QR code: the code goes under the text and
        # the two buttons one above the other, each full width.
        stacked = self.wants_stacked(width)
        if stacked == self._stacked:
            return
        self._stacked = stacked
        direction = (QBoxLayout.Direction.TopToBottom if stacked
                     else QBoxLayout.Direction.LeftToRight)
        self._body.setDirection(direction)
        self._actions.setDirection(direction)
        self._fit_stacked()

    def _fit_stacked(self) -> None:
        stacked = self._stacked
        # Measured against the window, not this page, which grows with its own minimum.
        window = self.window()
        self.detail_area.setMinimumHeight(round(window.height() * 0.45) if stacked else 0)
        # Stacked, the page's height is measured at its full width, where the caption
        # would take fewer lines than it does under the QR code: it would then overlap the
        # code. Its height at its own width (in its polished font) keeps them apart.
        self.qr_caption.ensurePolished()
        self.qr_caption.setMinimumHeight(
            self.qr_caption.heightForWidth(QR_SIZE + 12) if stacked else 0)

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
        #: What a visitor decides on: where, how to call, what care, medicines, payment.
        self.detail_label = _rich_label()
        host_layout.addWidget(self.detail_label)
        self.more_title = heading(self.tr("More about this program"), role="subtitle")
        host_layout.addWidget(self.more_title)
        #: The long lists, one collapsed heading each, so the key facts stay on one screen.
        self.more_layout = QVBoxLayout()
        self.more_layout.setSpacing(6)
        host_layout.addLayout(self.more_layout)
        self.sections: list[tuple[TouchButton, QLabel]] = []
        self.source_note = _rich_label()
        self.source_note.setProperty("role", "small")
        host_layout.addWidget(self.source_note)
        host_layout.addStretch(1)
        self.detail_area.setWidget(host)
        return self.detail_area

    def _build_qr_column(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.qr_label = QLabel()
        self.qr_label.setProperty("qr", True)
        self.qr_label.setFixedSize(QR_SIZE + 12, QR_SIZE + 12)
        self.qr_label.setAccessibleName(self.tr("QR code with this program's name, phone "
                                                "and address"))
        side.addWidget(self.qr_label)
        caption = self.qr_caption = QLabel(self.tr(
            "Scan to save the name, phone and address on your phone."))
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

    def show_facility(self, facility: Facility, source: str, data_date: str,
                      now: datetime | None = None) -> None:
        text = describe(facility, tr)
        self._local = describe_local(facility, now, tr)
        self._facility_id = facility.id
        self.detail_title.setText(text.name)
        self.detail_title.setAccessibleName(text.name)
        self.detail_name2.setText(text.name2)
        self.detail_name2.setVisible(bool(text.name2))
        self.detail_label.setText(self._key_facts_html(facility, text))
        # No name of its own: a screen reader reads the facts themselves (address, phone,
        # hours), not only the program's name, which the heading above already gives.
        self.detail_label.setAccessibleName("")
        self._set_sections(self._more(text))
        if self._local is not None:
            # A local listing is never presented as SAMHSA's: its own source and date.
            self.source_note.setText("<i>" + markup.escape(self._local.source) + ". "
                                     + markup.escape(self.tr(
                                         "A local listing, not from SAMHSA's directory. "
                                         "Not an endorsement.")) + "</i>")
        else:
            # Source and date as imported: next year's directory says its own year here.
            self.source_note.setText("<i>" + markup.escape(self.tr(
                "Listed in the program directory named below. Not an endorsement.")) + "<br>"
                + markup.escape(self.tr("Source: {source}. Data date: {date}.").format(
                    source=source, date=data_date)) + "</i>")
        # The same text as the printed slip's QR code, so both save the same contact.
        self.qr_label.setPixmap(qr_pixmap(text.qr_payload, QR_SIZE))
        self.qr_label.setProperty("payload", text.qr_payload)
        self.detail_area.verticalScrollBar().setValue(0)
        self._fit_stacked()

    def _key_facts_html(self, facility: Facility, text: FacilityText) -> str:
        parts: list[str] = []

        def section(title: str, lines: list[str]) -> None:
            if lines:
                parts.append(f"<h3>{markup.escape(title)}</h3><p>"
                             + "<br>".join(markup.escape(x) for x in lines) + "</p>")

        where = [*text.address, *self._distance(facility)]
        parts.append("<p>" + "<br>".join(markup.escape(x) for x in where) + "</p>")
        if text.phone:
            # Large: the number is what a visitor copies down or dials.
            parts.append(f"<p><span style='font-size: 22pt; font-weight: bold;'>"
                         f"{markup.escape(self.tr('Call {phone}').format(phone=text.phone))}"
                         "</span>")
            parts.extend("<br>" + markup.escape(self.tr("Intake: {phone}").format(phone=p))
                         for p in text.intake)
            parts.append("</p>")
        if text.website:
            parts.append("<p>" + markup.escape(self.tr("Website: {site}").format(
                site=text.website)) + "</p>")
        if self._local is not None:
            parts.append(self._hours_html(self._local))
        else:
            parts.append("<p>" + markup.escape(self.tr(
                "Hours are not listed: call before you go.")) + "</p>")
        section(self.tr("Levels of care"), text.levels)
        # Each medicine once; every form and arrangement is under "Medicine details".
        section(self.tr("Medicines for addiction"), text.medicine_summary or text.medications)
        section(self.tr("Payment accepted"), text.payment)
        groups = dict(text.groups)
        section(self.tr("Languages besides English"), groups.get("Languages", []))
        section(self.tr("Ages served"), groups.get("Ages", []))
        return "".join(parts)

    def _hours_html(self, local: LocalText) -> str:
        """The status in bold, the coming week as a table, then the source's own words."""
        parts = [f"<h3>{markup.escape(self.tr('Hours'))}</h3>",
                 f"<p><b>{markup.escape(local.status)}</b>"
                 + (f"<br>{markup.escape(local.zone_note)}" if local.zone_note else "")
                 + "</p>"]
        if local.week:
            rows = "".join(f"<tr><td style='padding-right: 16px;'>{markup.escape(day)}</td>"
                           f"<td>{markup.escape(hours)}</td></tr>" for day, hours in local.week)
            parts.append(f"<table cellspacing='0' cellpadding='2'>{rows}</table>")
        parts.extend(f"<p><i>{markup.escape(self.tr('The list says: {words}').format(words=n))}"
                     "</i></p>" for n in local.hours_notes)
        if local.hours_known:
            parts.append("<p>" + markup.escape(self.tr(
                "Hours can change: call to confirm before you go.")) + "</p>")
        return "".join(parts)

    def _more(self, text: FacilityText) -> list[tuple[str, str, list[str]]]:
        """(heading, explanation, lines) for each collapsed section, in display order."""
        more: list[tuple[str, str, list[str]]] = []
        if self._local is not None:
            more.extend((title, "", lines) for title, lines in self._local.details)
        if len(text.medications) > len(text.medicine_summary):
            more.append((self.tr("Medicine details"), self.tr(
                "Every form of medicine this program lists, as SAMHSA names them."),
                text.medications))
        if text.arrangements:
            more.append((self.tr("How medicine is arranged"), self.tr(
                "How this program works with doctors outside it who prescribe addiction "
                "medicine. Ask about it when you call."), text.arrangements))
        more.extend((self._other_title(category), "", labels)
                    for category, labels in text.groups if category not in LISTED_CATEGORIES)
        return more

    def _set_sections(self, sections: list[tuple[str, str, list[str]]]) -> None:
        for button, body in self.sections:
            for widget in (button, body):
                self.more_layout.removeWidget(widget)
                # Hidden at once: deletion waits for the event loop, and until then the
                # old program's headings would show through the new ones.
                widget.hide()
                widget.deleteLater()
        self.sections = []
        for title, explanation, lines in sections:
            label = self.tr("{title} ({count})").format(title=title, count=len(lines))
            button = WrapButton("▸ " + label, checkable=True)
            button.setProperty("section", True)
            button.setAccessibleName(self.tr("{title}: show or hide").format(title=title))
            body = _rich_label()
            intro = f"<p><i>{markup.escape(explanation)}</i></p>" if explanation else ""
            body.setText(intro + "<ul>" + "".join(f"<li>{markup.escape(x)}</li>" for x in lines)
                         + "</ul>")
            body.hide()
            button.toggled.connect(body.setVisible)
            button.toggled.connect(lambda shown, b=button, t=label:
                                   b.set_label(("▾ " if shown else "▸ ") + t))
            self.more_layout.addWidget(button)
            self.more_layout.addWidget(body)
            self.sections.append((button, body))
        self.more_title.setVisible(bool(sections))

    def _other_title(self, category: str) -> str:
        # The medicines themselves are listed above under "Medications"; what is left of
        # that category (HIV, smoking, mental health) would read as a second copy of it.
        if category == "Medications":
            return self.tr("Other medications")
        return self._words.title(category)

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
        self._local = None
        self.detail_title.setText("")
        self.detail_name2.setText("")
        self.detail_label.setText("")
        self.source_note.setText("")
        self._set_sections([])
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

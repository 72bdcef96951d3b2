"""Take-aways on paper: the checklist, a facility slip and a state booklet.

Every printout is a QTextDocument built from escaped text (no content string is ever read
as HTML or Markdown-with-HTML), laid out for Letter or A4 and painted page by page onto a
QPrinter, a QPdfWriter or a QImage (the on-screen preview and the tests use the same path).
Image sizes in the documents are CSS pixels (1/96 inch); Qt scales them to the device.

The visitor never chooses a printer: `PrintService` prints to the printer an administrator
picked (setting `printer_name`; empty means the system's default printer), never shows a
print dialog (so "print to file" is never offered in kiosk mode) and can be switched off
(setting `printing_enabled` = "0").
"""

from __future__ import annotations

import base64
import html
import logging
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.domain import Checklist, ContentInfo, Facility, Helpline
from kiosk.ui.widgets.qr import qr_image

log = logging.getLogger(__name__)

PAPERS: dict[str, QPageSize.PageSizeId] = {
    "letter": QPageSize.PageSizeId.Letter,
    "a4": QPageSize.PageSizeId.A4,
}
MARGIN_MM = 14.0
FOOTER_PT = 10.0
#: Body text size in points before any fitting (headings scale with it).
BODY_PT = 13.0
#: One-page printouts shrink in steps down to this share of BODY_PT (then spill over).
MIN_SCALE = 0.8
SCALE_STEP = 0.05
PDF_DPI = 300
#: QR codes are printed this many CSS px (1/96 in) wide: 1.6 inch, easy for a phone.
QR_CSS_PX = 154
BOX_CSS_PX = 18

SETTING_PRINTER = "printer_name"
SETTING_ENABLED = "printing_enabled"
SETTING_PAPER = "paper_size"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printing", text)


def level_names() -> dict[str, str]:
    """Printable names of kiosk.domain.DIRECTORY_LEVELS."""
    return {
        "intensive_outpatient": _tr("Intensive outpatient (IOP)"),
        "partial_hospitalization": _tr("Partial hospitalization (day program)"),
        "outpatient": _tr("Outpatient"),
        "residential": _tr("Residential (live-in)"),
        "detox": _tr("Detox"),
        "hospital_inpatient": _tr("Hospital inpatient"),
    }


def e(text: str) -> str:
    """Escape visitor-facing text for the document (it is never interpreted as markup)."""
    return html.escape(text, quote=True).replace("\n", "<br>")


# ------------------------------------------------------------------ printouts --
@dataclass
class Printout:
    """Something to print: a neutral job name, its document and the QR code it offers."""

    job_name: str
    html: str
    qr_payload: str
    qr_caption: str
    one_page: bool = True
    footer: str = ""
    #: (url, image) pairs the document refers to.
    images: list[tuple[str, QImage]] = field(default_factory=list)
    #: Filled by the booklet: heading text -> placeholder, replaced by page numbers.
    contents: dict[str, str] = field(default_factory=dict)
    #: What the QR code offered instead of printing holds (default: qr_payload).
    phone_payload: str = ""
    #: Booklets: sections flowed in two columns after the document's own pages.
    sections: list[BookletSection] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.phone_payload:
            self.phone_payload = self.qr_payload

    def document(self, scale: float = 1.0) -> QTextDocument:
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        font = QFont(QGuiApplication.font())
        font.setPointSizeF(BODY_PT * scale)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        for url, image in self.images:
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
        doc.setDefaultStyleSheet(_stylesheet(scale))
        doc.setHtml(self.html)
        return doc


def _stylesheet(scale: float) -> str:
    def pt(size: float) -> str:
        return f"{size * scale:.2f}pt"

    return (
        f"h1 {{ font-size: {pt(21)}; font-weight: bold; margin-bottom: 4px; }}"
        f"h2 {{ font-size: {pt(15.5)}; font-weight: bold; margin-top: 10px; margin-bottom: 3px; }}"
        f"h3 {{ font-size: {pt(13.5)}; font-weight: bold; margin-top: 8px; margin-bottom: 2px; }}"
        f"p {{ margin-top: 2px; margin-bottom: 4px; }}"
        f".big {{ font-size: {pt(16)}; font-weight: bold; }}"
        f".small {{ font-size: {pt(11)}; }}"
        f".muted {{ color: #333333; }}"
        f"td {{ vertical-align: top; }}"
    )


def qr_resource(payload: str) -> tuple[str, QImage]:
    url = "kiosk-qr:" + base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii")[:40]
    return url, qr_image(payload, scale=8, border=4)


def _box_image(ticked: bool) -> QImage:
    side = 96
    image = QImage(side, side, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("black"), 7)
    painter.setPen(pen)
    painter.drawRect(QRectF(6, 6, side - 12, side - 12))
    if ticked:
        pen.setWidth(11)
        painter.setPen(pen)
        painter.drawPolyline(_tick_points(side))
    painter.end()
    return image


def _tick_points(side: int) -> list[QPointF]:
    return [QPointF(side * 0.22, side * 0.52), QPointF(side * 0.42, side * 0.74),
            QPointF(side * 0.80, side * 0.26)]


BOX_ON = "kiosk-box:on"
BOX_OFF = "kiosk-box:off"


def _helplines_html(helplines: Sequence[Helpline]) -> str:
    """The featured helpline with its disclosure, then SAMHSA, 988 and the rest."""
    parts = [f"<h2>{e(_tr('Free help, any time'))}</h2>"]
    for i, line in enumerate(helplines):
        if i == 0:
            parts.append(f'<p><span class="big">{e(line.name)}: {e(line.number)}</span><br>'
                         f"{e(line.promise)}</p>")
            if line.disclosure:
                parts.append(f'<p class="small muted">{e(line.disclosure)}</p>')
        else:
            parts.append(f"<p><b>{e(line.name)}: {e(line.number)}</b> &mdash; "
                         f"{e(line.promise)}</p>")
    return "".join(parts)


def _source_line(info: ContentInfo | None, with_directory: bool) -> str:
    if info is None:
        return ""
    if with_directory and info.directory_source:
        date = info.directory_date or _tr("date unknown")
        return _tr("Program information: %1, data of %2. Programs change: call to confirm.") \
            .replace("%1", info.directory_source).replace("%2", date)
    if info.directory_date:
        return _tr("Directory data of %1.").replace("%1", info.directory_date)
    return ""


def facility_phone(facility: Facility) -> str:
    return facility.phone or next(iter(facility.intake_phones), "")


def facility_qr_payload(facility: Facility) -> str:
    """Plain text a phone shows after scanning: name, phone and address."""
    lines = [facility.name]
    if facility.name2:
        lines.append(facility.name2)
    phone = facility_phone(facility)
    if phone:
        lines.append(_tr("Phone: %1").replace("%1", phone))
    lines.extend(_address_lines(facility))
    return "\n".join(lines)


def _facility_short_html(facility: Facility) -> str:
    phone = facility_phone(facility)
    address = ", ".join(_address_lines(facility))
    text = f"<b>{e(facility.name)}</b>"
    if phone:
        text += f" &mdash; {e(phone)}"
    if address:
        text += f"<br>{e(address)}"
    return text


# ------------------------------------------------------------------ checklist --
def checklist_printout(checklist: Checklist, ticked: Iterable[str], helplines: Sequence[Helpline],
                       info: ContentInfo | None = None,
                       facility: Facility | None = None) -> Printout:
    """The whole checklist on one page: the questions full width, the other groups in two
    columns, ticked items marked, the chosen program (or a line to write one in), the
    helplines and a QR code (the program's details, or the featured helpline's number)."""
    ticked_ids = set(ticked)
    groups: list[tuple[str, list]] = []  # type: ignore[type-arg]
    for item in checklist.items:
        if not groups or groups[-1][0] != item.group:
            groups.append((item.group, []))
        groups[-1][1].append(item)

    def group_html(name: str, items: list) -> str:  # type: ignore[type-arg]
        rows = "".join(
            f'<tr><td width="{BOX_CSS_PX + 8}">'
            f'<img src="{BOX_ON if it.id in ticked_ids else BOX_OFF}"'
            f' width="{BOX_CSS_PX}" height="{BOX_CSS_PX}"></td>'
            f"<td>{'<b>' if it.id in ticked_ids else ''}{e(it.text)}"
            f"{'</b>' if it.id in ticked_ids else ''}</td></tr>"
            for it in items
        )
        title = f"<h3>{e(name)}</h3>" if name else ""
        return f'{title}<table cellspacing="0" cellpadding="2">{rows}</table>'

    first, rest = (groups[0], groups[1:]) if groups else (("", []), [])
    left: list[str] = []
    right: list[str] = []
    left_n = right_n = 0
    for name, items in rest:
        if left_n <= right_n:
            left.append(group_html(name, items))
            left_n += len(items) + 1
        else:
            right.append(group_html(name, items))
            right_n += len(items) + 1

    if facility is not None:
        program = f"<p><b>{e(_tr('Program:'))}</b> {_facility_short_html(facility)}</p>"
        payload = facility_qr_payload(facility)
        caption = _tr("Scan for this program's phone and address.")
    else:
        program = (f"<p><b>{e(_tr('Program:'))}</b> "
                   "______________________________________________</p>"
                   f"<p><b>{e(_tr('Phone:'))}</b> ____________________ "
                   f"<b>{e(_tr('Date I called:'))}</b> ____________</p>")
        featured = helplines[0] if helplines else None
        payload = featured.tel_uri if featured else ""
        caption = _tr("Scan to call %1.").replace("%1", featured.name) if featured else ""
    qr_url, qr = qr_resource(payload) if payload else ("", QImage())
    qr_cell = (f'<td width="{QR_CSS_PX + 16}" align="center"><img src="{qr_url}" '
               f'width="{QR_CSS_PX}" height="{QR_CSS_PX}"><br>'
               f'<span class="small">{e(caption)}</span></td>') if payload else ""
    body = (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td>'
        f"<h1>{e(checklist.title or _tr('Questions to ask a program'))}</h1>"
        f"<p>{e(checklist.intro)}</p>{program}</td>{qr_cell}</tr></table>"
        f"{group_html(*first)}"
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="50%">{"".join(left)}</td><td width="50%">{"".join(right)}</td>'
        f"</tr></table>"
        f"{_helplines_html(helplines)}"
    )
    images = [(BOX_ON, _box_image(True)), (BOX_OFF, _box_image(False))]
    if payload:
        images.append((qr_url, qr))
    return Printout(job_name=_tr("Checklist"), html=body, qr_payload=payload or "",
                    qr_caption=caption, one_page=True,
                    footer=_source_line(info, facility is not None), images=images,
                    phone_payload=checklist_phone_text(checklist, ticked_ids, helplines,
                                                       facility))


#: QR codes offered on screen stay small enough to scan from a screen.
PHONE_TEXT_LIMIT = 900


def checklist_phone_text(checklist: Checklist, ticked: set[str], helplines: Sequence[Helpline],
                         facility: Facility | None) -> str:
    """Plain text for a phone: the program, the ticked items (or the questions to ask when
    nothing is ticked) and SAMHSA's National Helpline."""
    lines: list[str] = []
    if facility is not None:
        lines += [_tr("Program:"), facility_qr_payload(facility), ""]
    items = [it for it in checklist.items if it.id in ticked]
    if not items and checklist.items:
        first_group = checklist.items[0].group
        items = [it for it in checklist.items if it.group == first_group]
        lines.append(first_group or checklist.title)
    else:
        lines.append(checklist.title)
    lines += [f"- {it.text}" for it in items]
    for line in helplines[:3]:
        if len(line.number) > 3:  # the national lines; 988 and 911 are easy to remember
            lines.append(f"{line.name}: {line.number}")
    text = "\n".join(lines)
    return text if len(text) <= PHONE_TEXT_LIMIT else text[:PHONE_TEXT_LIMIT - 1] + "…"


# --------------------------------------------------------------------- slip --
PAYMENT_CATEGORIES = ("payment",)
#: SAMHSA codes for medicines that treat addiction (and "does not use" statements); the
#: directory's medication group also holds prescriber arrangements, which visitors cannot
#: act on.
MEDICATION_CODES = (
    "BU", "BUM", "UB", "BWN", "BWON", "BERI", "BSDM", "MU", "MM", "METH", "OTP", "NU", "UN",
    "NXN", "VTRL", "RPN", "ACM", "DSF", "LFXD", "CLND", "PMAT", "NMOA", "NMAUT",
)


def _labels(facility: Facility, keys: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for service in facility.services:
        category = service.category.lower()
        if any(k in category for k in keys) and service.label not in seen:
            seen.append(service.label)
    return seen


def _medications(facility: Facility) -> list[str]:
    seen: list[str] = []
    for service in facility.services:
        if service.code in MEDICATION_CODES and service.label not in seen:
            seen.append(service.label)
    return seen


def facility_printout(facility: Facility, helplines: Sequence[Helpline],
                      info: ContentInfo | None = None, origin_zip: str = "") -> Printout:
    """One program on one page, with a QR code holding its name, phone and address."""
    names = level_names()
    payload = facility_qr_payload(facility)
    qr_url, qr = qr_resource(payload)
    lines = [f"<h1>{e(facility.name)}</h1>"]
    if facility.name2:
        lines.append(f"<p>{e(facility.name2)}</p>")
    if _address_lines(facility):
        lines.append(f"<p>{'<br>'.join(e(x) for x in _address_lines(facility))}</p>")
    phone = facility_phone(facility)
    lines.append(f'<p class="big">{e(_tr("Phone:"))} '
                 f'{e(phone or _tr("not listed: call a helpline below"))}</p>')
    intake = [p for p in facility.intake_phones if p and p != phone]
    if intake:
        lines.append(f"<p><b>{e(_tr('Intake:'))}</b> {e(', '.join(intake))}</p>")
    lines.append(f"<p><b>{e(_tr('Hours:'))}</b> {e(_tr('call to confirm'))}</p>")
    if facility.distance_miles is not None:
        where = (_tr("about %1 miles from ZIP %2").replace("%2", origin_zip) if origin_zip
                 else _tr("about %1 miles away"))
        text = where.replace("%1", f"{facility.distance_miles:.1f}")
        if facility.position_kind == "approximate":
            text += " " + _tr("(approximate: the address is placed at its ZIP code)")
        lines.append(f"<p><b>{e(_tr('Distance:'))}</b> {e(text)}</p>")
    head = "".join(lines)

    def section(title: str, items: Sequence[str], empty: str) -> str:
        text = e("; ".join(items)) if items else e(empty)
        return f"<h2>{e(title)}</h2><p>{text}</p>"

    levels = [names.get(level, level) for level in facility.levels]
    sections = (
        section(_tr("Levels of care"), levels, _tr("Not listed: call to confirm.")),
        section(_tr("Payment accepted"), _labels(facility, PAYMENT_CATEGORIES),
                _tr("Not listed: call to confirm.")),
        section(_tr("Medications"), _medications(facility),
                _tr("None listed: call to ask.")),
    )
    caption = _tr("Scan to keep this program's phone and address on your phone.")
    body = (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td>{head}</td>'
        f'<td width="{QR_CSS_PX + 16}" align="center"><img src="{qr_url}" width="{QR_CSS_PX}"'
        f' height="{QR_CSS_PX}"><br><span class="small">{e(caption)}</span></td>'
        f"</tr></table>{''.join(sections)}{_helplines_html(helplines)}"
    )
    return Printout(job_name=_tr("Program information"), html=body, qr_payload=payload,
                    qr_caption=caption, one_page=True, footer=_source_line(info, True),
                    images=[(qr_url, qr)])


# ------------------------------------------------------------------ booklet --
@dataclass
class BookletSection:
    """One city: its heading and one HTML cell per program."""

    heading: str
    cells: list[str]


def booklet_printout(facilities: Sequence[Facility], helplines: Sequence[Helpline],
                     info: ContentInfo | None, title: str, subtitle: str = "") -> Printout:
    """Programs grouped by city, two to a row, a contents line per city with its page.

    A program is never split across pages: each entry is laid out on its own and moved to
    the next page whole when it does not fit.
    """
    names = level_names()
    by_city: dict[str, list[Facility]] = {}
    for facility in sorted(facilities, key=lambda f: (f.city.casefold(), f.name.casefold(),
                                                       f.distance_miles or 0.0)):
        city = ", ".join(x for x in (facility.city.strip(), facility.state) if x)
        by_city.setdefault(city, []).append(facility)
    contents: dict[str, str] = {}
    toc_rows = []
    sections = []
    for i, (city, group) in enumerate(by_city.items()):
        marker = f"@@P{i:05d}@@"
        contents[city] = marker
        count = (_tr("1 program") if len(group) == 1
                 else _tr("%1 programs").replace("%1", str(len(group))))
        toc_rows.append(f'<tr><td width="60%">{e(city)}</td><td>{e(count)}</td>'
                        f'<td align="right">{marker}</td></tr>')
        sections.append(BookletSection(city, [_booklet_cell(f, names) for f in group]))
    intro = _tr("Hours are not listed: call to confirm before you go. "
                "Programs change, so call first.")
    if not facilities:
        intro = _tr("No programs match. Call a helpline below: they can help you find one.")
    body = (
        f"<h1>{e(title)}</h1>"
        + (f"<p>{e(subtitle)}</p>" if subtitle else "")
        + f"<p>{e(intro)}</p>{_helplines_html(helplines)}"
        + (f"<h2>{e(_tr('Contents'))}</h2>"
           f'<table width="100%" cellspacing="0" cellpadding="1">{"".join(toc_rows)}</table>'
           if toc_rows else "")
    )
    return Printout(job_name=_tr("Program list"), html=body, qr_payload="", qr_caption="",
                    one_page=False, footer=_source_line(info, True), contents=contents,
                    sections=sections)


def _readable(part: str) -> bool:
    return any(ch.isalnum() for ch in part)


def _booklet_cell(f: Facility, names: dict[str, str]) -> str:
    parts = [f"<b>{e(f.name)}</b>"]
    if _readable(f.name2):
        parts.append(e(f.name2))
    parts.extend(e(x) for x in _address_lines(f))
    phone = facility_phone(f)
    parts.append(f"<b>{e(_tr('Phone:'))} {e(phone or _tr('not listed'))}</b>")
    if f.distance_miles is not None:
        parts.append(e(_tr("About %1 miles").replace("%1", f"{f.distance_miles:.1f}")))
    levels = ", ".join(names.get(level, level) for level in f.levels)
    if levels:
        parts.append(f'<span class="small">{e(levels)}</span>')
    return "<br>".join(parts)


def _address_lines(f: Facility) -> list[str]:
    """The address without placeholder parts (the data has streets like "- - -")."""
    street = ", ".join(p for p in (f.street1, f.street2) if _readable(p))
    place = f"{f.city}, {f.state} {f.zip}".strip(" ,")
    return [x for x in (street, place) if x]


# -------------------------------------------------------------- page painting --
def page_layout(paper: str) -> QPageLayout:
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, margins,
                       QPageLayout.Unit.Millimeter)


Placed = tuple[float, float, QTextDocument]


@dataclass
class LaidOut:
    """A printout laid out for one device: the document's pages, then any flowed pages."""

    document: QTextDocument
    page_height: float
    footer_height: float
    scale: float
    flow: list[list[Placed]] = field(default_factory=list)

    @property
    def front_pages(self) -> int:
        return self.document.pageCount() if not self.document.isEmpty() else 0

    #: The flow starts on the document's last page (below its text) instead of a new page.
    flow_shares_page: bool = False

    @property
    def first_flow_page(self) -> int:
        return self.front_pages - 1 if self.flow_shares_page else self.front_pages

    @property
    def pages(self) -> int:
        return max(1, self.first_flow_page + len(self.flow), self.front_pages)

    def paint(self, painter: QPainter, page: int, width: float) -> None:
        if page < self.front_pages:
            painter.save()
            painter.translate(0, -page * self.page_height)
            self.document.drawContents(
                painter, QRectF(0, page * self.page_height, width, self.page_height))
            painter.restore()
        index = page - self.first_flow_page
        for x, y, doc in self.flow[index] if 0 <= index < len(self.flow) else []:
            painter.save()
            painter.translate(x, y)
            size = doc.size()
            doc.drawContents(painter, QRectF(0, 0, size.width(), size.height()))
            painter.restore()


def _footer_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(FOOTER_PT)
    return font


def _footer_height(printout: Printout, device: QPaintDevice) -> float:
    if not printout.footer and printout.one_page:
        return 0.0
    metrics = QFontMetricsF(_footer_font(), device)
    return metrics.lineSpacing() * 2 + metrics.height() * 0.6


def lay_out(printout: Printout, device: QPaintDevice, width: float, height: float) -> LaidOut:
    """Lay the printout out for `device` in a `width` x `height` (device px) area."""
    footer_h = _footer_height(printout, device)
    body_h = height - footer_h
    scale = 1.0
    while True:
        doc = printout.document(scale)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(QSizeF(width, body_h))
        if not printout.one_page or doc.pageCount() <= 1 or scale <= MIN_SCALE + 1e-6:
            break
        scale = round(scale - SCALE_STEP, 3)
    laid = LaidOut(doc, body_h, footer_h, scale)
    if printout.sections:
        starts = _flow_sections(printout, laid, device, width)
        if printout.contents:
            laid.document = _fill_contents(printout, laid, starts, device, width)
    return laid


def _fragment(html_text: str, width: float, device: QPaintDevice, scale: float) -> QTextDocument:
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(BODY_PT * scale)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setDefaultStyleSheet(_stylesheet(scale))
    doc.documentLayout().setPaintDevice(device)
    doc.setHtml(html_text)
    doc.setTextWidth(width)
    return doc


def _flow_sections(printout: Printout, laid: LaidOut, device: QPaintDevice,
                   width: float) -> list[int]:
    """Flow every section down two newspaper columns on new pages after the document.

    A program is never split: it moves whole to the next column. A city's heading stays
    with its first program and is repeated, "(continued)", at the top of a new column.
    Returns each section's first flow page (0-based, counted from the first flow page).
    """
    dpi = device.logicalDpiY()
    gap = 0.25 * dpi
    entry_gap = 0.1 * dpi
    column_w = (width - gap) / 2
    height = laid.page_height
    pages: list[list[Placed]] = [[]]
    column = 0
    y = 0.0
    front = laid.front_pages
    if front:
        used = laid.document.size().height() - (front - 1) * height
        if used + 0.3 * dpi < height * 0.75:  # room left on the last page: start there
            laid.flow_shares_page = True
            y = used + 0.3 * dpi
    starts: list[int] = []
    continued = _tr("%1 (continued)")

    top = y  # the second column on a shared page starts level with the first

    def advance() -> None:
        nonlocal column, y, top
        y = top if column == 0 else 0.0
        if column == 1:
            top = 0.0
        if column == 0:
            column = 1
        else:
            column = 0
            pages.append([])

    def place(doc: QTextDocument, h: float) -> None:
        nonlocal y
        pages[-1].append((column * (column_w + gap), y, doc))
        y += h

    for section in printout.sections:
        head = _fragment(f"<h2>{e(section.heading)}</h2>", column_w, device, laid.scale)
        head_h = head.size().height()
        cells = [_fragment(c, column_w, device, laid.scale) for c in section.cells]
        first_h = cells[0].size().height() + entry_gap if cells else 0.0
        if pages[-1] and y + head_h + first_h > height:
            advance()
        starts.append(len(pages) - 1)
        place(head, head_h)
        for doc in cells:
            h = doc.size().height() + entry_gap
            if y + h > height and pages[-1]:
                advance()
                again = _fragment(f"<h3>{e(continued.replace('%1', section.heading))}</h3>",
                                  column_w, device, laid.scale)
                place(again, again.size().height())
            place(doc, h)
    laid.flow = pages if any(pages) else []
    return starts


def _fill_contents(printout: Printout, laid: LaidOut, starts: list[int], device: QPaintDevice,
                   width: float) -> QTextDocument:
    """Replace each city's placeholder by the page its programs start on."""
    html_text = printout.html
    for _round in range(2):  # page numbers never change the line count; check once more
        front = laid.front_pages
        filled = printout.html
        for i, marker in enumerate(printout.contents.values()):
            page = laid.first_flow_page + (starts[i] if i < len(starts) else 0) + 1
            filled = filled.replace(marker, _tr("page %1").replace("%1", str(page)))
        html_text = filled
        doc = Printout(printout.job_name, html_text, "", "", False, printout.footer,
                       printout.images).document(laid.scale)
        doc.documentLayout().setPaintDevice(device)
        doc.setPageSize(QSizeF(width, laid.page_height))
        if doc.pageCount() == front:
            return doc
        laid.document = doc
    return doc


def paint_pages(laid: LaidOut, painter: QPainter, width: float, footer: str,
                new_page: Callable[[], bool], pages: Iterable[int] | None = None) -> int:
    """Paint pages (0-based) with the painter's origin at the printable area's top left."""
    total = laid.pages
    wanted = list(range(total) if pages is None else pages)
    footer_font = _footer_font()
    for n, page in enumerate(wanted):
        if n and not new_page():
            raise OSError(_tr("the printer stopped accepting pages"))
        laid.paint(painter, page, width)
        if laid.footer_height:
            painter.save()
            painter.setFont(footer_font)
            painter.setPen(QColor("#222222"))
            text = footer
            if total > 1:
                text = (text + "  " if text else "") + _tr("Page %1 of %2") \
                    .replace("%1", str(page + 1)).replace("%2", str(total))
            rect = QRectF(0, laid.page_height, width, laid.footer_height)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft
                                       | Qt.TextFlag.TextWordWrap), text)
            painter.restore()
    return len(wanted)


def render_to_device(printout: Printout, device: QPagedPaintDevice) -> int:
    """Paint every page onto a printer or PDF writer whose page layout is already set.

    Returns the number of pages; raises OSError if the device cannot be painted on.
    """
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    laid = lay_out(printout, device, rect.width(), rect.height())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(_tr("the printer or file could not be opened"))
    try:
        return paint_pages(laid, painter, rect.width(), printout.footer, device.newPage)
    finally:
        painter.end()


def render_page_images(printout: Printout, paper: str = "letter", dpi: int = 150,
                       max_pages: int | None = None) -> list[QImage]:
    """Whole pages (margins included) as white images, as they would come out of a printer."""
    layout = page_layout(paper)
    full = layout.fullRectPixels(dpi)
    paint = layout.paintRectPixels(dpi)
    probe = _image(full.width(), full.height(), dpi)
    laid = lay_out(printout, probe, paint.width(), paint.height())
    count = laid.pages if max_pages is None else min(laid.pages, max_pages)
    images = []
    for page in range(count):
        image = probe if page == 0 else _image(full.width(), full.height(), dpi)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        painter.translate(paint.left(), paint.top())
        paint_pages(laid, painter, paint.width(), printout.footer, lambda: True, [page])
        painter.end()
        images.append(image)
    return images


def _image(width: int, height: int, dpi: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(QColor("white"))
    return image


def page_count(printout: Printout, paper: str = "letter", dpi: int = 96) -> int:
    layout = page_layout(paper)
    full = layout.fullRectPixels(dpi)
    paint = layout.paintRectPixels(dpi)
    return lay_out(printout, _image(full.width(), full.height(), dpi),
                   paint.width(), paint.height()).pages


def write_pdf(printout: Printout, path: Path, paper: str = "letter") -> int:
    """Write the printout as a PDF; returns its page count. Raises OSError with a reason."""
    path = Path(path)
    with open(path, "wb"):  # a clear OSError (folder missing, read-only) before Qt tries
        pass
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(printout.job_name)
    writer.setCreator("Recovery Guide")
    return render_to_device(printout, writer)


# ---------------------------------------------------------------- printers --
def available_printers() -> list[str]:
    """Names of the printers this computer knows (for the admin screen's printer choice)."""
    return sorted(QPrinterInfo.availablePrinterNames())


def default_printer_name() -> str:
    return QPrinterInfo.defaultPrinterName()


def default_paper() -> str:
    """Letter where the locale measures in inches (US), A4 elsewhere."""
    from PySide6.QtCore import QLocale

    us = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"


class SettingsSource:
    """What PrintService needs from kiosk.store.admin.SettingsRepository."""

    def get(self, key: str, default: str = "") -> str:  # pragma: no cover - protocol
        raise NotImplementedError


@dataclass
class PrintResult:
    #: "printed", "disabled", "no_printer" or "error".
    status: str
    pages: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "printed"


class PrintService:
    """Prints to the administrator's printer; never asks the visitor which one."""

    def __init__(self, settings: SettingsSource | None = None, *, windowed: bool = False,
                 printer_factory: Callable[[str], QPrinter | None] | None = None) -> None:
        self._settings = settings
        self.windowed = windowed
        self._printer_factory = printer_factory or _system_printer

    def _get(self, key: str, default: str = "") -> str:
        return self._settings.get(key, default) if self._settings is not None else default

    def enabled(self) -> bool:
        return self._get(SETTING_ENABLED, "1").strip() != "0"

    def printer_name(self) -> str:
        return self._get(SETTING_PRINTER, "").strip()

    def paper(self, printer: QPrinter | None = None) -> str:
        chosen = self._get(SETTING_PAPER, "").strip().lower()
        if chosen in PAPERS:
            return chosen
        if printer is not None:
            size = printer.pageLayout().pageSize().id()
            if size == QPageSize.PageSizeId.A4:
                return "a4"
            if size == QPageSize.PageSizeId.Letter:
                return "letter"
        return default_paper()

    def printer(self) -> QPrinter | None:
        """The administrator's printer, or None when printing is off or there is none."""
        if not self.enabled():
            return None
        try:
            return self._printer_factory(self.printer_name())
        except Exception:  # noqa: BLE001 - a broken driver must not reach the visitor
            log.exception("printer lookup failed")
            return None

    def can_print(self) -> bool:
        return self.printer() is not None

    def print(self, printout: Printout) -> PrintResult:
        if not self.enabled():
            return PrintResult("disabled")
        printer = self.printer()
        if printer is None:
            return PrintResult("no_printer")
        try:
            printer.setDocName(printout.job_name)
            printer.setCreator("Recovery Guide")
            if not self.windowed and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
                printer.setOutputFileName("")  # never "print to file" in kiosk mode
            printer.setPageLayout(page_layout(self.paper(printer)))
            pages = render_to_device(printout, printer)
            if printer.printerState() in (QPrinter.PrinterState.Error,
                                          QPrinter.PrinterState.Aborted):
                raise OSError(f"printer state {printer.printerState().name}")
        except Exception:  # noqa: BLE001 - the visitor gets a message and the QR code
            log.exception("printing failed")  # the log says why; never what was printed
            return PrintResult("error")
        log.info("printed a %d-page job", pages)
        return PrintResult("printed", pages)


def _system_printer(name: str) -> QPrinter | None:
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if name:
            log.warning("the configured printer %r is not installed", name)
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    return printer if printer.isValid() else None


# --------------------------------------------------------------- headless --
def ensure_gui_app() -> QGuiApplication:
    """A QGuiApplication for the command line (fonts need one); offscreen without a display."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(sys.argv[:1])

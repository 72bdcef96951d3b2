"""What goes on paper: the checklist, a program slip and a state booklet, as `Printout`s.

Every printout is HTML built from escaped text (no content string is ever read as HTML or
Markdown-with-HTML) plus the images it refers to. What it says about a program (address
lines, phones, levels, medicines, payment, the QR text) comes from `kiosk.present`, so the
screen, the paper and the QR code never disagree. Image sizes are CSS pixels (1/96 inch).
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from kiosk.domain import Checklist, ChecklistItem, ContentInfo, Facility, Helpline
from kiosk.present import facility as present_facility
from kiosk.present import hours as present_hours
from kiosk.present.local_program import now_here, source_line
from kiosk.present.markup import escape
from kiosk.ui.widgets.qr import qr_image

#: QR codes are printed this many CSS px (1/96 in) wide: 1.6 inch, easy for a phone.
QR_CSS_PX = 154
BOX_CSS_PX = 18
BOX_ON = "kiosk-box:on"
BOX_OFF = "kiosk-box:off"
#: QR codes offered on screen stay small enough to scan from a screen.
PHONE_TEXT_LIMIT = 900

Images = tuple[tuple[str, QImage], ...]


def tr(text: str) -> str:
    """The printouts' words in the visitor's language (also handed to kiosk.present)."""
    return QCoreApplication.translate("Printing", text)


def e(text: str) -> str:
    """Escape visitor-facing text for the document (it is never interpreted as markup)."""
    return escape(text, quote=True).replace("\n", "<br>")


#: Stands in a booklet's contents line for the page its section starts on (`%1`: the
#: section's number); kiosk.ui.printing.layout writes the page in.
PAGE_MARKER = "@@P%1@@"


@dataclass(frozen=True)
class BookletSection:
    """One city: its heading and one HTML cell per program (or the contents: a line each)."""

    heading: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Printout:
    """Something to print: a neutral job name, its document and the QR code it offers."""

    job_name: str
    html: str
    qr_payload: str
    qr_caption: str
    #: What the QR code offered instead of printing holds.
    phone_payload: str
    one_page: bool = True
    footer: str = ""
    #: (url, image) pairs the document refers to.
    images: Images = ()
    #: Booklets: sections flowed in two columns after the document's own pages.
    sections: tuple[BookletSection, ...] = ()
    #: Booklets: a line per section, flowed before them; the PAGE_MARKER in line n becomes
    #: the page section n starts on.
    contents: BookletSection | None = None


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
        painter.drawPolyline([QPointF(side * 0.22, side * 0.52),
                              QPointF(side * 0.42, side * 0.74),
                              QPointF(side * 0.80, side * 0.26)])
    painter.end()
    return image


def _helplines_html(helplines: Sequence[Helpline]) -> str:
    """The featured helpline with its disclosure, then SAMHSA, 988 and the rest."""
    parts = [f"<h2>{e(tr('Free help, any time'))}</h2>"]
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
        date = info.directory_date or tr("date unknown")
        return tr("Program information: %1, data of %2. Programs change: call to confirm.") \
            .replace("%1", info.directory_source).replace("%2", date)
    if info.directory_date:
        return tr("Directory data of %1.").replace("%1", info.directory_date)
    return ""


def _qr_cell(url: str, caption: str) -> str:
    return (f'<td width="{QR_CSS_PX + 16}" align="center"><img src="{url}" '
            f'width="{QR_CSS_PX}" height="{QR_CSS_PX}"><br>'
            f'<span class="small">{e(caption)}</span></td>')


# ------------------------------------------------------------------ checklist --
def _facility_short_html(facility: Facility) -> str:
    phone = present_facility.main_phone(facility)
    address = ", ".join(present_facility.address_lines(facility))
    text = f"<b>{e(facility.name)}</b>"
    if phone:
        text += f" &mdash; {e(phone)}"
    if address:
        text += f"<br>{e(address)}"
    return text


def _groups(checklist: Checklist) -> list[tuple[str, list[ChecklistItem]]]:
    """Consecutive items of one group together, in the checklist's order."""
    groups: list[tuple[str, list[ChecklistItem]]] = []
    for item in checklist.items:
        if not groups or groups[-1][0] != item.group:
            groups.append((item.group, []))
        groups[-1][1].append(item)
    return groups


def _group_html(name: str, items: Sequence[ChecklistItem], ticked: set[str]) -> str:
    rows = "".join(
        f'<tr><td width="{BOX_CSS_PX + 8}">'
        f'<img src="{BOX_ON if it.id in ticked else BOX_OFF}"'
        f' width="{BOX_CSS_PX}" height="{BOX_CSS_PX}"></td>'
        f"<td>{'<b>' if it.id in ticked else ''}{e(it.text)}"
        f"{'</b>' if it.id in ticked else ''}</td></tr>"
        for it in items
    )
    title = f"<h3>{e(name)}</h3>" if name else ""
    return f'{title}<table cellspacing="0" cellpadding="2">{rows}</table>'


def _two_columns(groups: Sequence[tuple[str, list[ChecklistItem]]],
                 ticked: set[str]) -> tuple[str, str]:
    """Each group goes to the shorter column (counting a heading as one line)."""
    left: list[str] = []
    right: list[str] = []
    left_n = right_n = 0
    for name, items in groups:
        if left_n <= right_n:
            left.append(_group_html(name, items, ticked))
            left_n += len(items) + 1
        else:
            right.append(_group_html(name, items, ticked))
            right_n += len(items) + 1
    return "".join(left), "".join(right)


def checklist_printout(checklist: Checklist, ticked: Iterable[str], helplines: Sequence[Helpline],
                       info: ContentInfo | None = None,
                       facility: Facility | None = None) -> Printout:
    """The whole checklist on one page: the questions full width, the other groups in two
    columns, ticked items marked, the chosen program (or a line to write one in), the
    helplines and a QR code (the program's details, or the featured helpline's number)."""
    ticked_ids = set(ticked)
    groups = _groups(checklist)
    first, rest = (groups[0], groups[1:]) if groups else (("", []), [])
    left, right = _two_columns(rest, ticked_ids)

    if facility is not None:
        program = f"<p><b>{e(tr('Program:'))}</b> {_facility_short_html(facility)}</p>"
        payload = present_facility.qr_payload(facility, tr)
        caption = tr("Scan for this program's phone and address.")
    else:
        program = (f"<p><b>{e(tr('Program:'))}</b> "
                   "______________________________________________</p>"
                   f"<p><b>{e(tr('Phone:'))}</b> ____________________ "
                   f"<b>{e(tr('Date I called:'))}</b> ____________</p>")
        featured = helplines[0] if helplines else None
        payload = featured.tel_uri if featured else ""
        caption = tr("Scan to call %1.").replace("%1", featured.name) if featured else ""
    images: list[tuple[str, QImage]] = [(BOX_ON, _box_image(True)), (BOX_OFF, _box_image(False))]
    qr_cell = ""
    if payload:
        qr_url, qr = qr_resource(payload)
        qr_cell = _qr_cell(qr_url, caption)
        images.append((qr_url, qr))
    body = (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td>'
        f"<h1>{e(checklist.title or tr('Questions to ask a program'))}</h1>"
        f"<p>{e(checklist.intro)}</p>{program}</td>{qr_cell}</tr></table>"
        f"{_group_html(*first, ticked_ids)}"
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="50%">{left}</td><td width="50%">{right}</td>'
        f"</tr></table>"
        f"{_helplines_html(helplines)}"
    )
    return Printout(job_name=tr("Checklist"), html=body, qr_payload=payload,
                    qr_caption=caption,
                    phone_payload=checklist_phone_text(checklist, ticked_ids, helplines,
                                                       facility),
                    one_page=True, footer=_source_line(info, facility is not None),
                    images=tuple(images))


def checklist_phone_text(checklist: Checklist, ticked: set[str], helplines: Sequence[Helpline],
                         facility: Facility | None) -> str:
    """Plain text for a phone: the program, the ticked items (or the questions to ask when
    nothing is ticked) and SAMHSA's National Helpline."""
    lines: list[str] = []
    if facility is not None:
        lines += [tr("Program:"), present_facility.qr_payload(facility, tr), ""]
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
def _slip_head(facility: Facility, text: present_facility.FacilityText, origin_zip: str) -> str:
    lines = [f"<h1>{e(text.name)}</h1>"]
    if text.name2:
        lines.append(f"<p>{e(text.name2)}</p>")
    if text.address:
        lines.append(f"<p>{'<br>'.join(e(x) for x in text.address)}</p>")
    lines.append(f'<p class="big">{e(tr("Phone:"))} '
                 f'{e(text.phone or tr("not listed: call a helpline below"))}</p>')
    if text.intake:
        lines.append(f"<p><b>{e(tr('Intake:'))}</b> {e(', '.join(text.intake))}</p>")
    if text.website:
        lines.append(f"<p><b>{e(tr('Website:'))}</b> {e(text.website)}</p>")
    if facility.local is not None:
        lines.append(_local_hours_html(facility))
    else:
        lines.append(f"<p><b>{e(tr('Hours:'))}</b> {e(tr('call to confirm'))}</p>")
    if facility.distance_miles is not None:
        where = (tr("about %1 miles from ZIP %2").replace("%2", origin_zip) if origin_zip
                 else tr("about %1 miles away"))
        distance = where.replace("%1", f"{facility.distance_miles:.1f}")
        if facility.position_kind == "approximate":
            distance += " " + tr("(approximate: the address is placed at its ZIP code)")
        lines.append(f"<p><b>{e(tr('Distance:'))}</b> {e(distance)}</p>")
    return "".join(lines)


def _local_hours_html(facility: Facility) -> str:
    """A local program's week by date and its source, for paper read later."""
    listing = facility.local
    assert listing is not None
    lines = present_hours.printed_lines(listing.hours, now_here(), tr)
    return (f"<p><b>{e(tr('Hours:'))}</b><br>" + "<br>".join(e(x) for x in lines) + "</p>"
            f"<p class=\"small\">{e(source_line(facility, tr))}</p>")


def _slip_section(title: str, items: Sequence[str], empty: str) -> str:
    text = e("; ".join(items)) if items else e(empty)
    return f"<h2>{e(title)}</h2><p>{text}</p>"


def facility_printout(facility: Facility, helplines: Sequence[Helpline],
                      info: ContentInfo | None = None, origin_zip: str = "") -> Printout:
    """One program on one page, with a QR code holding its name, phone and address."""
    text = present_facility.describe(facility, tr)
    qr_url, qr = qr_resource(text.qr_payload)
    sections = (
        _slip_section(tr("Levels of care"), text.levels, tr("Not listed: call to confirm.")),
        _slip_section(tr("Payment accepted"), text.payment, tr("Not listed: call to confirm.")),
        _slip_section(tr("Medications"), text.medications, tr("None listed: call to ask.")),
    )
    caption = tr("Scan to keep this program's phone and address on your phone.")
    body = (
        f'<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f"<td>{_slip_head(facility, text, origin_zip)}</td>{_qr_cell(qr_url, caption)}"
        f"</tr></table>{''.join(sections)}{_helplines_html(helplines)}"
    )
    return Printout(job_name=tr("Program information"), html=body, qr_payload=text.qr_payload,
                    qr_caption=caption, phone_payload=text.qr_payload, one_page=True,
                    footer=_source_line(info, True), images=((qr_url, qr),))


# ------------------------------------------------------------------ booklet --
def booklet_printout(facilities: Sequence[Facility], helplines: Sequence[Helpline],
                     info: ContentInfo | None, title: str, subtitle: str = "") -> Printout:
    """Programs grouped by city, two to a row, a contents line per city with its page.

    A program is never split across pages: each entry is laid out on its own and moved to
    the next page whole when it does not fit.
    """
    by_city: dict[str, list[Facility]] = {}
    for facility in sorted(facilities, key=lambda f: (f.city.casefold(), f.name.casefold(),
                                                       f.distance_miles or 0.0)):
        city = ", ".join(x for x in (facility.city.strip(), facility.state) if x)
        by_city.setdefault(city, []).append(facility)
    # The contents are flowed in the two columns, a line at a time, like the programs: as
    # one table in the document they took 7 pages for California and ~2 MiB of layout.
    toc_lines = []
    sections = []
    for i, (city, group) in enumerate(by_city.items()):
        count = (tr("1 program") if len(group) == 1
                 else tr("%1 programs").replace("%1", str(len(group))))
        # The count and the page never wrap; a long city name does.
        toc_lines.append('<table width="100%" cellspacing="0" cellpadding="1"><tr>'
                         f'<td>{e(city)}</td>'
                         '<td width="30%" align="right" style="white-space: nowrap">'
                         f'{e(count)}</td>'
                         '<td width="20%" align="right" style="white-space: nowrap">'
                         f'&nbsp;&nbsp;{PAGE_MARKER.replace("%1", str(i))}</td></tr></table>')
        sections.append(BookletSection(city, tuple(_booklet_cell(f) for f in group)))
    intro = tr("Hours are not listed: call to confirm before you go. "
               "Programs change, so call first.")
    if any(f.local is not None for f in facilities):
        intro = tr("Hours are listed only where a local list gives them: call to confirm "
                   "before you go. Programs change, so call first.")
    if not facilities:
        intro = tr("No programs match. Call a helpline below: they can help you find one.")
    body = (
        f"<h1>{e(title)}</h1>"
        + (f"<p>{e(subtitle)}</p>" if subtitle else "")
        + f"<p>{e(intro)}</p>{_helplines_html(helplines)}"
    )
    contents = BookletSection(tr("Contents"), tuple(toc_lines)) if toc_lines else None
    return Printout(job_name=tr("Program list"), html=body, qr_payload="", qr_caption="",
                    phone_payload="", one_page=False, footer=_source_line(info, True),
                    sections=tuple(sections), contents=contents)


def _booklet_cell(facility: Facility) -> str:
    text = present_facility.describe(facility, tr)
    parts = [f"<b>{e(text.name)}</b>"]
    if text.name2:
        parts.append(e(text.name2))
    parts.extend(e(x) for x in text.address)
    parts.append(f"<b>{e(tr('Phone:'))} {e(text.phone or tr('not listed'))}</b>")
    if facility.distance_miles is not None:
        parts.append(e(tr("About %1 miles").replace("%1", f"{facility.distance_miles:.1f}")))
    if text.levels:
        parts.append(f'<span class="small">{e(", ".join(text.levels))}</span>')
    if facility.local is not None:
        hours_lines = present_hours.printed_lines(facility.local.hours, now_here(), tr)
        parts.append(f'<span class="small">{e(tr("Hours:"))} '
                     f'{e("; ".join(hours_lines))}<br>{e(source_line(facility, tr))}</span>')
    return "<br>".join(parts)

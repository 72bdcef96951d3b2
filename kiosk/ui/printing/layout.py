"""Pages: a `Printout` laid out for one paint device, as one immutable `LaidOut`.

One-page printouts shrink their type in steps until they fit; booklets flow their contents
lines, then their sections, down two newspaper columns after the document's own pages, each
contents line with the page its section starts on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QTextDocument,
)

from kiosk.ui.printing.compose import PAGE_MARKER, BookletSection, Images, Printout, e, tr

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

_MARKER = re.compile(re.escape(PAGE_MARKER).replace(re.escape("%1"), r"(\d+)"))

#: A fragment placed on a flow page: x, y (device px from the body's top left), its HTML.
Placed = tuple[float, float, str]
FlowPage = tuple[Placed, ...]


def page_layout(paper: str) -> QPageLayout:
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {', '.join(PAPERS)}, not {paper!r}")
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, margins,
                       QPageLayout.Unit.Millimeter)


class Fragments:
    """Lays out the flow's headings and entries one at a time, in one reused document.

    A booklet flows over a thousand of them; a document each, kept for every page until
    the last was painted, took about 40 KiB apiece at 300 dpi (over 50 MiB for California).
    The flow keeps each one's HTML instead and lays it out again when its page is painted.
    """

    def __init__(self, width: float, device: QPaintDevice, scale: float) -> None:
        self.width = width
        self._doc = _document("", (), scale, device)
        self._doc.setTextWidth(width)

    def laid_out(self, html_text: str) -> QTextDocument:
        """The fragment laid out, `width` wide and as tall as it needs (valid until the
        next call)."""
        self._doc.setHtml(html_text)
        return self._doc

    def height(self, html_text: str) -> float:
        return self.laid_out(html_text).size().height()


@dataclass(frozen=True)
class LaidOut:
    """A printout laid out for one device: the document's pages, then any flowed pages."""

    document: QTextDocument
    page_height: float
    footer_height: float
    scale: float
    flow: tuple[FlowPage, ...] = ()
    #: The flow starts on the document's last page (below its text) instead of a new page.
    flow_shares_page: bool = False
    #: Lays out the flow's fragments for painting (None without a flow).
    fragments: Fragments | None = None

    @property
    def front_pages(self) -> int:
        return _front_pages(self.document)

    @property
    def first_flow_page(self) -> int:
        return self.front_pages - 1 if self.flow_shares_page else self.front_pages

    @property
    def pages(self) -> int:
        return max(1, self.first_flow_page + len(self.flow), self.front_pages)


def _front_pages(doc: QTextDocument) -> int:
    return doc.pageCount() if not doc.isEmpty() else 0


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


def _document(html_text: str, images: Images, scale: float, device: QPaintDevice) -> QTextDocument:
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(BODY_PT * scale)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    for url, image in images:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
    doc.setDefaultStyleSheet(_stylesheet(scale))
    doc.documentLayout().setPaintDevice(device)
    doc.setHtml(html_text)
    return doc


def _page(html_text: str, images: Images, scale: float, device: QPaintDevice,
          size: QSizeF) -> QTextDocument:
    """The document paginated into `size` pages."""
    doc = _document(html_text, images, scale, device)
    doc.setPageSize(size)
    return doc


def footer_font() -> QFont:
    font = QFont(QGuiApplication.font())
    font.setPointSizeF(FOOTER_PT)
    return font


def _footer_height(printout: Printout, device: QPaintDevice) -> float:
    if not printout.footer and printout.one_page:
        return 0.0
    metrics = QFontMetricsF(footer_font(), device)
    return metrics.lineSpacing() * 2 + metrics.height() * 0.6


def lay_out(printout: Printout, device: QPaintDevice, width: float, height: float) -> LaidOut:
    """Lay the printout out for `device` in a `width` x `height` (device px) area."""
    footer_h = _footer_height(printout, device)
    size = QSizeF(width, height - footer_h)
    scale = 1.0
    while True:
        doc = _page(printout.html, printout.images, scale, device, size)
        if not printout.one_page or doc.pageCount() <= 1 or scale <= MIN_SCALE + 1e-6:
            break
        scale = round(scale - SCALE_STEP, 3)
    if not printout.sections:
        return LaidOut(doc, size.height(), footer_h, scale)
    fragments = Fragments(_column_width(size, device), device, scale)
    flow = _flow_sections(printout.contents, printout.sections, doc, fragments, device, size)
    return LaidOut(doc, size.height(), footer_h, scale, flow.pages, flow.shares_page,
                   fragments)


@dataclass(frozen=True)
class _Flow:
    pages: tuple[FlowPage, ...]
    shares_page: bool


@dataclass
class _Columns:
    """Two newspaper columns being filled, page after page (private to one flow)."""

    height: float
    column_w: float
    gap: float
    y: float
    #: The second column on a shared page starts level with the first.
    top: float
    column: int = 0
    pages: list[list[Placed]] = field(default_factory=lambda: [[]])

    def fits(self, h: float) -> bool:
        return not self.pages[-1] or self.y + h <= self.height

    def advance(self) -> None:
        self.y = self.top if self.column == 0 else 0.0
        if self.column == 0:
            self.column = 1
        else:
            self.top = 0.0
            self.column = 0
            self.pages.append([])

    def place(self, html_text: str, h: float) -> None:
        self.pages[-1].append((self.column * (self.column_w + self.gap), self.y, html_text))
        self.y += h


def _column_gap(device: QPaintDevice) -> float:
    return 0.25 * device.logicalDpiY()


def _column_width(size: QSizeF, device: QPaintDevice) -> float:
    return (size.width() - _column_gap(device)) / 2


def _flow_sections(contents: BookletSection | None, sections: tuple[BookletSection, ...],
                   front: QTextDocument, fragments: Fragments, device: QPaintDevice,
                   size: QSizeF) -> _Flow:
    """Flow the contents, then every section, down two newspaper columns after the document.

    A program is never split: it moves whole to the next column. A heading stays with its
    first entry and is repeated, "(continued)", at the top of a new column. The sections
    start at the top of a column after the contents, whose lines then get their pages.
    """
    dpi = device.logicalDpiY()
    gap = _column_gap(device)
    entry_gap = 0.1 * dpi
    height = size.height()
    y = 0.0
    shares_page = False
    front_pages = _front_pages(front)
    if front_pages:
        used = front.size().height() - (front_pages - 1) * height
        if used + 0.3 * dpi < height * 0.75:  # room left on the last page: start there
            shares_page = True
            y = used + 0.3 * dpi
    continued = tr("%1 (continued)")
    columns = _Columns(height, fragments.width, gap, y, top=y)

    def place(section: BookletSection, heights: list[float]) -> int:
        """Place the section; the flow page it starts on (0-based)."""
        head = f"<h2>{e(section.heading)}</h2>"
        head_h = fragments.height(head)
        if not columns.fits(head_h + (heights[0] if heights else 0.0)):
            columns.advance()
        first = len(columns.pages) - 1
        columns.place(head, head_h)
        again = f"<h3>{e(continued.replace('%1', section.heading))}</h3>"
        for cell, h in zip(section.cells, heights, strict=True):
            if not columns.fits(h):
                columns.advance()
                columns.place(again, fragments.height(again))
            columns.place(cell, h)
        return first

    first_page = (front_pages - 1 if shares_page else front_pages) + 1  # 1-based
    cell_heights = [[fragments.height(c) + entry_gap for c in section.cells]
                    for section in sections]
    # A contents line's height can depend on its page number (a long city name wraps
    # sooner beside "page 100"), and the numbers on where the contents end: lay them out
    # with the numbers the last round gave until those stay the same (the last round
    # allowed measures them with the widest number, so no line is ever taller than its room).
    numbers: list[str] = []
    widest = tr("page %1").replace("%1", "8888")
    rounds = 4
    for round_no in range(rounds):
        columns = _Columns(height, fragments.width, gap, y, top=y)
        contents_end = (0, 0)
        if contents is not None:
            guess = numbers if numbers and round_no < rounds - 1 else [widest] * len(sections)
            place(contents, [fragments.height(_with_page(line, guess.__getitem__))
                             + entry_gap / 2 for line in contents.cells])
            contents_end = (len(columns.pages), len(columns.pages[-1]))
            if columns.pages[-1]:
                columns.advance()
        starts = [place(section, heights)
                  for section, heights in zip(sections, cell_heights, strict=True)]
        found = [tr("page %1").replace("%1", str(first_page + start)) for start in starts]
        if found == numbers or contents is None:
            break
        numbers = found
    for page_no, page in enumerate(columns.pages[:contents_end[0]]):
        count = contents_end[1] if page_no == contents_end[0] - 1 else len(page)
        page[:count] = [(px, py, _with_page(html_text, found.__getitem__))
                        for px, py, html_text in page[:count]]
    pages = tuple(tuple(page) for page in columns.pages) if any(columns.pages) else ()
    return _Flow(pages, shares_page)


def _with_page(line: str, page_of: Callable[[int], str]) -> str:
    """A contents line with its PAGE_MARKER replaced by `page_of(section number)`."""
    return _MARKER.sub(lambda found: e(page_of(int(found[1]))), line, count=1)

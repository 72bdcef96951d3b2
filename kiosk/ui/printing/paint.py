"""Painting laid-out pages onto a QPrinter, a QPdfWriter or a QImage.

The on-screen preview, the PDFs and the tests all go through `paint_pages`, so what the
visitor previews is what the printer gets.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QBuffer, QFile, QFileDevice, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPagedPaintDevice, QPainter, QPdfWriter

from kiosk.ui.memory import release_freed_memory
from kiosk.ui.printing.compose import Printout, tr
from kiosk.ui.printing.layout import LaidOut, footer_font, lay_out, page_layout

PDF_DPI = 300
CREATOR = "Recovery Guide"


def _paint_body(laid: LaidOut, painter: QPainter, page: int, width: float) -> None:
    if page < laid.front_pages:
        painter.save()
        painter.translate(0, -page * laid.page_height)
        laid.document.drawContents(
            painter, QRectF(0, page * laid.page_height, width, laid.page_height))
        painter.restore()
    index = page - laid.first_flow_page
    if not 0 <= index < len(laid.flow) or laid.fragments is None:
        return
    for x, y, html_text in laid.flow[index]:
        doc = laid.fragments.laid_out(html_text)
        painter.save()
        painter.translate(x, y)
        size = doc.size()
        doc.drawContents(painter, QRectF(0, 0, size.width(), size.height()))
        painter.restore()


def paint_pages(laid: LaidOut, painter: QPainter, width: float, footer: str,
                new_page: Callable[[], bool], pages: Iterable[int] | None = None) -> int:
    """Paint pages (0-based) with the painter's origin at the printable area's top left."""
    total = laid.pages
    wanted = list(range(total) if pages is None else pages)
    font = footer_font()
    for n, page in enumerate(wanted):
        if n and not new_page():
            raise OSError(tr("the printer stopped accepting pages"))
        _paint_body(laid, painter, page, width)
        if laid.footer_height:
            painter.save()
            painter.setFont(font)
            painter.setPen(QColor("#222222"))
            text = footer
            if total > 1:
                text = (text + "  " if text else "") + tr("Page %1 of %2") \
                    .replace("%1", str(page + 1)).replace("%2", str(total))
            rect = QRectF(0, laid.page_height, width, laid.footer_height)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft
                                       | Qt.TextFlag.TextWordWrap), text)
            painter.restore()
    return len(wanted)


def render_to_device(printout: Printout, device: QPagedPaintDevice, *,
                     release: bool = True) -> int:
    """Paint every page onto a printer or PDF writer whose page layout is already set.

    Returns the number of pages; raises OSError if the device cannot be painted on. The
    memory the layout took is handed back afterwards unless `release` is False (a caller
    that frees more, such as the PDF writer, does it once after that).
    """
    try:
        return _render(printout, device)
    finally:
        if release:
            release_freed_memory()


def _render(printout: Printout, device: QPagedPaintDevice) -> int:
    rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
    laid = lay_out(printout, device, rect.width(), rect.height())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError(tr("the printer or file could not be opened"))
    try:
        return paint_pages(laid, painter, rect.width(), printout.footer, device.newPage)
    finally:
        painter.end()


def _image(width: int, height: int, dpi: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(QColor("white"))
    return image


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


def page_count(printout: Printout, paper: str = "letter", dpi: int = 96) -> int:
    layout = page_layout(paper)
    full = layout.fullRectPixels(dpi)
    paint = layout.paintRectPixels(dpi)
    return lay_out(printout, _image(full.width(), full.height(), dpi),
                   paint.width(), paint.height()).pages


def _pdf_writer(device: QIODevice, printout: Printout, paper: str) -> QPdfWriter:
    writer = QPdfWriter(device)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(printout.job_name)
    writer.setCreator(CREATOR)
    return writer


def pdf_bytes(printout: Printout, paper: str = "letter") -> tuple[bytes, int]:
    """The printout as PDF bytes, painted in memory; and its page count."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = _pdf_writer(buffer, printout, paper)
    pages = render_to_device(printout, writer, release=False)
    del writer  # finishes the PDF into the buffer
    data = bytes(buffer.data().data())
    buffer.close()
    del buffer
    release_freed_memory()
    return data, pages


def _write_error(file: QFile) -> OSError | None:
    """The first error Qt met writing `file` (it goes on painting after one), if any."""
    error = file.error()
    if error == QFileDevice.FileError.NoError:
        return None
    code = errno.ENOSPC if error == QFileDevice.FileError.ResourceError else errno.EIO
    return OSError(code, file.errorString())


def write_pdf(printout: Printout, path: Path, paper: str = "letter") -> int:
    """Write the printout as a PDF; returns its page count. Raises OSError with a reason.

    The PDF goes to a temporary file beside `path` as it is painted, is flushed to disk and
    only then renamed over `path`: a full disk or a cut-off write raises (ENOSPC) and
    leaves any earlier file there untouched, never a 0-byte or half PDF. (Not made in
    memory first, as for CUPS: a booklet's bytes, and the copies of them, were its peak.)
    """
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                         dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as fh:
            file = QFile()
            if not file.open(fh.fileno(), QIODevice.OpenModeFlag.WriteOnly,
                             QFileDevice.FileHandleFlag.DontCloseHandle):
                raise OSError(errno.EIO, file.errorString())
            writer = _pdf_writer(file, printout, paper)
            pages = render_to_device(printout, writer, release=False)
            del writer  # finishes the PDF into the file
            file.flush()
            problem = _write_error(file)
            file.close()
            if problem is not None:
                raise problem
            os.fsync(fh.fileno())
        temp.chmod(0o644)
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    finally:
        release_freed_memory()
    return pages

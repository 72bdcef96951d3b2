"""Print preview inside the kiosk window: the visitor sees the page and confirms.

`PrintPreviewScreen` is a screen of the shell (not in the navigation rail), so it never
opens a top-level window that could escape the kiosk. It shows three states:

- preview: the page(s) as they will print, with Back, Print and (windowed mode only)
  Save as PDF;
- message: no printer, printing switched off or a printer error, with the printout's QR
  code offered instead;
- done: the page is on its way (the CUPS job is followed until it has printed, then
  "collect your page"; a job that fails or takes too long is cancelled and the message
  with the QR code shown instead), or a PDF was saved.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.domain import ContentInfo, Facility, Helpline
from kiosk.ui import accessibility, printing, theme
from kiosk.ui.screens.base import Screen, heading, page_layout
from kiosk.ui.widgets.labels import wrapped_label as _text
from kiosk.ui.widgets.qr import qr_image, qr_modules
from kiosk.ui.widgets.touch import TouchButton, enable_kinetic_scroll

log = logging.getLogger(__name__)

PREVIEW_MAX_DPI = 110
PREVIEW_MIN_DPI = 40
MESSAGE_QR_SIDE = 300
#: How often a job handed to the printer is looked at (one short local call each time).
FOLLOW_INTERVAL_MS = 250


def crisp_qr_pixmap(payload: str, side: int) -> QPixmap:
    """A QR code at least `side` px wide with whole pixels per module (scans from a screen)."""
    modules = qr_modules(payload)
    return QPixmap.fromImage(qr_image(payload, scale=max(2, -(-side // modules)), border=2))


def choose_pdf_path(parent: QWidget, suggested: str) -> str:
    """A Qt (non-native) save dialog, modal to the kiosk window; windowed mode only."""
    dialog = QFileDialog(parent, parent.tr("Save as PDF"), suggested, parent.tr("PDF (*.pdf)"))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix("pdf")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]


class PrintPreviewScreen(Screen):
    screen_id = "print"
    #: The visitor is done here; the value is the screen to return to.
    finished = Signal(str)
    #: A PDF was saved (path), windowed mode only.
    pdf_saved = Signal(str)

    PREVIEW, MESSAGE, DONE = 0, 1, 2

    def __init__(self, service: printing.PrintService, helplines: Sequence[Helpline],
                 info: ContentInfo | None = None, parent: QWidget | None = None, *,
                 sample_printout: Callable[[], printing.Printout | None] | None = None,
                 ) -> None:
        super().__init__(parent)
        self.service = service
        self._helplines = list(helplines)
        self._info = info
        self.printout: printing.Printout | None = None
        self.page_images: list[QImage] = []
        self._preview_dpi = 0
        self._return_to = "home"
        #: Asks for the PDF's file name (windowed mode); tests replace it.
        self.choose_pdf_path: Callable[[QWidget, str], str] = choose_pdf_path
        #: What the screenshot states preview.
        self._sample_printout = sample_printout
        #: The job being followed until it has printed, and until when.
        self._job: printing.PrintResult | None = None
        self._job_deadline = 0.0
        self._follow_timer = QTimer(self)
        self._follow_timer.setInterval(FOLLOW_INTERVAL_MS)
        self._follow_timer.timeout.connect(self._on_follow_timer_timeout)

        layout = self._page_layout = page_layout(self)
        self.title = heading(self.tr("Check your page"))
        layout.addWidget(self.title)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)

        # -- preview
        preview = QWidget()
        column = QVBoxLayout(preview)
        column.setContentsMargins(0, 0, 0, 0)
        self.hint = _text(self.tr("This is how your page will look."))
        column.addWidget(self.hint)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setAccessibleName(self.tr("Page preview"))
        enable_kinetic_scroll(self.scroll_area)
        self.pages_box = QWidget()
        self.pages_box.setObjectName("PreviewPages")
        self.pages_layout = QVBoxLayout(self.pages_box)
        self.pages_layout.setSpacing(16)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll_area.setWidget(self.pages_box)
        column.addWidget(self.scroll_area, 1)
        buttons = self._buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.back_button = TouchButton(self.tr("‹ Back"))
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.pdf_button = TouchButton(self.tr("Save as PDF"))
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.print_button = TouchButton(self.tr("Print"), primary=True)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        column.addLayout(buttons)
        theme.changes().changed.connect(self._fit_buttons)  # new words' widths
        self.stack.addWidget(preview)

        # -- message (no printer / error / printing off), with the QR code instead
        message = QWidget()
        accessibility.mark(message, accessibility.STATUS)  # before it is first looked at
        mcol = QVBoxLayout(message)
        mcol.setContentsMargins(0, 0, 0, 0)
        mcol.setSpacing(14)
        self.message_title = _text("", "subtitle")
        self.message_text = _text()
        self.message_qr = QLabel()
        self.message_qr.setObjectName("MessageQr")
        self.message_qr.setMinimumSize(MESSAGE_QR_SIDE, MESSAGE_QR_SIDE)
        self.message_qr.setProperty("qr", True)
        self.message_qr_caption = _text("", "small")
        mcol.addWidget(self.message_title)
        mcol.addWidget(self.message_text)
        mcol.addWidget(self.message_qr, 0, Qt.AlignmentFlag.AlignLeft)
        mcol.addWidget(self.message_qr_caption)
        mcol.addStretch(1)
        mbuttons = QHBoxLayout()
        self.message_back = TouchButton(self.tr("‹ Back"), primary=True)
        self.message_back.clicked.connect(self._on_back_button_clicked)
        mbuttons.addWidget(self.message_back)
        mbuttons.addStretch(1)
        mcol.addLayout(mbuttons)
        self.stack.addWidget(message)

        # -- done
        done = QWidget()
        dcol = QVBoxLayout(done)
        dcol.setContentsMargins(0, 0, 0, 0)
        self.done_text = _text("", "subtitle")
        dcol.addWidget(self.done_text)
        dcol.addStretch(1)
        dbuttons = QHBoxLayout()
        self.done_button = TouchButton(self.tr("Done"), primary=True)
        self.done_button.clicked.connect(self._on_back_button_clicked)
        dbuttons.addWidget(self.done_button)
        dbuttons.addStretch(1)
        dcol.addLayout(dbuttons)
        self.stack.addWidget(done)


    # ------------------------------------------------------------------ open --
    def open_facility(self, facility: Facility, return_to: str = "directory",
                      origin_zip: str = "") -> None:
        self.open(printing.facility_printout(facility, self._helplines, self._info, origin_zip),
                  return_to)

    def open(self, printout: printing.Printout, return_to: str = "home") -> None:
        """Show `printout`: the preview, or straight away the QR code when this kiosk
        cannot print (kiosk mode only; laptops can still save a PDF)."""
        self.printout = printout
        self._return_to = return_to
        self.pdf_button.setVisible(self.service.windowed)
        self.print_button.setVisible(self.service.enabled() or not self.service.windowed)
        if not self.service.windowed:
            if not self.service.enabled():
                self._show_message("disabled")
                return
            if not self.service.can_print():
                self._show_message("no_printer")
                return
        self.title.setText(self.tr("Check your page"))
        self.stack.setCurrentIndex(self.PREVIEW)
        self._preview_dpi = 0
        if self.isVisible():
            self._render_preview()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._render_preview()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_buttons()
        if self.isVisible():
            self._render_preview()

    def _fit_buttons(self) -> None:
        # Side by side, the three buttons need all their words' width: in Spanish with the
        # largest text that is more than a 1024x600 kiosk's page, which would then scroll
        # sideways; there they go one above the other.
        host = self.parentWidget()  # the page area's viewport: the room there is
        room = host.width() if host is not None else self.width()
        margins = self._page_layout.contentsMargins()
        buttons = (self.back_button, self.pdf_button, self.print_button)
        need = (sum(b.sizeHint().width() for b in buttons) + 2 * self._buttons.spacing()
                + margins.left() + margins.right())
        direction = (QBoxLayout.Direction.TopToBottom if need > room
                     else QBoxLayout.Direction.LeftToRight)
        if self._buttons.direction() != direction:
            self._buttons.setDirection(direction)

    def _clear_pages(self) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def _printout_text(self) -> str:
        if self.printout is None:
            return ""
        document = QTextDocument()
        document.setHtml(self.printout.html)
        return document.toPlainText().strip()

    def _render_preview(self) -> None:
        if self.printout is None or self.stack.currentIndex() != self.PREVIEW:
            return
        paper = self.service.paper()
        width_in = 8.27 if paper == "a4" else 8.5
        available = max(200, self.scroll_area.viewport().width() - 40)
        dpi = max(PREVIEW_MIN_DPI, min(PREVIEW_MAX_DPI, int(available / width_in)))
        if dpi == self._preview_dpi:
            return
        self._preview_dpi = dpi
        self._clear_pages()
        try:
            images = printing.render_page_images(self.printout, paper, dpi, max_pages=3)
        except Exception:
            log.exception("preview failed")
            self._show_message("error")
            return
        for n, image in enumerate(images, start=1):
            page = QLabel()
            page.setPixmap(QPixmap.fromImage(image))
            page.setFixedSize(image.size())  # the whole page; the area scrolls
            page.setAccessibleName(self.tr("Page %1").replace("%1", str(n)))
            if n == 1:  # the picture's words, for a screen reader
                page.setAccessibleDescription(self._printout_text())
            page.setProperty("printedPage", True)
            self.pages_layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self.page_images = images
        self.pages_box.adjustSize()
        self._scroll_to_top()
        # The scroll range only settles once the new pages are laid out.
        QTimer.singleShot(0, self, self._scroll_to_top)

    def _scroll_to_top(self) -> None:
        self.scroll_area.verticalScrollBar().setValue(0)

    # --------------------------------------------------------------- actions --
    def _on_print_button_clicked(self) -> None:
        if self.printout is None:
            return
        result = self.service.print(self.printout)
        if result.status == "sent":
            # Only the print system knows whether the page comes out: ask until it says.
            self._job = result
            self._job_deadline = time.monotonic() + self.service.follow_seconds
            self.title.setText(self.tr("Printing"))
            self.done_text.setText(self.tr("Sending your page to the printer…"))
            self.done_button.setVisible(False)
            self.stack.setCurrentIndex(self.DONE)
            self._follow_timer.start()
        elif result.ok:
            self.title.setText(self.tr("Printing"))
            self.done_text.setText(self.tr(
                "Your page is printing. Please collect it from the printer."))
            self.stack.setCurrentIndex(self.DONE)
        else:
            self._show_message(result.status)

    def _on_follow_timer_timeout(self) -> None:
        job = self._job
        if job is None:
            self._follow_timer.stop()
            return
        state = self.service.follow(job)
        if state == "waiting" and time.monotonic() < self._job_deadline:
            return
        self._follow_timer.stop()
        self._job = None
        self.done_button.setVisible(True)
        if state == "completed":
            self.title.setText(self.tr("Printed"))
            self.done_text.setText(self.tr(
                "Your page is ready. Please collect it from the printer."))
            return
        if state == "waiting":  # too long: cancelled, so the page is not left in the queue
            self.service.give_up(job)
        self._show_message("no_printer")

    def _stop_following(self) -> None:
        """The visitor left while a job was on its way: cancel it, page and all."""
        self._follow_timer.stop()
        if self._job is not None:
            self.service.give_up(self._job)
            self._job = None
        self.done_button.setVisible(True)

    def _on_pdf_button_clicked(self) -> None:
        if self.printout is None or not self.service.windowed:
            return
        suggested = str(Path.home() / f"{self.printout.job_name}.pdf")
        path = self.choose_pdf_path(self, suggested)
        if not path:
            return
        try:
            printing.write_pdf(self.printout, Path(path), self.service.paper())
        except OSError as exc:
            log.warning("could not save a PDF: %s", exc.strerror or exc)
            self.title.setText(self.tr("Not saved"))
            self.done_text.setText(self.tr(
                "The PDF could not be saved there. Choose another folder and try again."))
            self.stack.setCurrentIndex(self.DONE)
            return
        self.title.setText(self.tr("Saved"))
        self.done_text.setText(self.tr("Saved as %1").replace("%1", path))
        self.stack.setCurrentIndex(self.DONE)
        self.pdf_saved.emit(path)

    def returns_to(self) -> str:
        """The screen the visitor came from, which Back goes to."""
        return self._return_to

    def _on_back_button_clicked(self) -> None:
        target = self._return_to
        self.reset()
        self.finished.emit(target)

    def _show_message(self, status: str) -> None:
        texts = {
            "no_printer": (self.tr("There is no printer here"),
                           self.tr("This kiosk cannot print right now. You can take the "
                                   "information with you on your phone instead.")),
            "disabled": (self.tr("Printing is not available here"),
                         self.tr("You can take the information with you on your phone "
                                 "instead.")),
            "error": (self.tr("The printer did not print"),
                      self.tr("Something went wrong with the printer. Please tell a staff "
                              "member. You can take the information with you on your "
                              "phone instead.")),
        }
        title, text = texts.get(status, texts["error"])
        self.title.setText(self.tr("Take it with you"))
        self.message_title.setText(title)
        self.message_text.setText(text)
        payload = self.printout.phone_payload if self.printout is not None else ""
        if payload:
            self.message_qr.setPixmap(crisp_qr_pixmap(payload, MESSAGE_QR_SIDE))
            self.message_qr.setAccessibleName(self.tr("QR code"))
            self.message_qr_caption.setText(self.tr(
                "Open the camera on your phone and point it at this code."))
        else:
            self.message_qr.clear()
            self.message_qr_caption.setText("")
        self.message_qr.setVisible(bool(payload))
        self.stack.setCurrentIndex(self.MESSAGE)
        # Said at once by a screen reader: why nothing is printing, and what to do instead.
        message = self.stack.currentWidget()
        if message is not None:
            message.setAccessibleName(title)
            message.setAccessibleDescription(text)
            accessibility.announce(message)

    # ---------------------------------------------------------------- screen --
    def reset(self) -> None:
        self._stop_following()
        self.printout = None
        self.page_images = []
        self.message_qr.clear()
        self.message_title.setText("")
        self.message_text.setText("")
        self.done_text.setText("")
        self._preview_dpi = 0
        self._clear_pages()
        self.stack.setCurrentIndex(self.PREVIEW)

    def screenshot_states(self) -> list[tuple[str, Callable[[], None]]]:
        def preview() -> None:
            sample = self._sample_printout() if self._sample_printout else None
            if sample is not None:
                windowed = self.service.windowed
                self.service.windowed = True  # always the preview, even without a printer
                self.open(sample, "checklist")
                self.service.windowed = windowed
                self.pdf_button.setVisible(windowed)

        def no_printer() -> None:
            sample = self._sample_printout() if self._sample_printout else None
            if sample is not None:
                self.printout = sample
                self._show_message("no_printer")

        return [("preview", preview), ("no-printer", no_printer)]

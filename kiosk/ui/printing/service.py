"""The administrator's printer: which one, which paper, and whether printing is on at all.

The visitor never chooses a printer: `PrintService` prints to the printer an administrator
picked (setting `printer_name`; empty means the system's default printer), never shows a
print dialog (so "print to file" is never offered in kiosk mode) and can be switched off
(setting `printing_enabled`). Settings are read through the registry in
`kiosk.present.settings` each time they are used, so an admin-screen change applies at once.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.present.settings import Key, TextSettings, Value, setting
from kiosk.ui.printing.compose import Printout
from kiosk.ui.printing.cups_jobs import COMPLETED, FAILED, CupsError, CupsJobs
from kiosk.ui.printing.layout import PAPERS, page_layout
from kiosk.ui.printing.paint import CREATOR, pdf_bytes, render_to_device

log = logging.getLogger(__name__)

PrinterFactory = Callable[[str], QPrinter | None]

#: How long a job handed to CUPS may take to print before it is cancelled (seconds).
FOLLOW_SECONDS = 90.0
#: How long `lpstat` may take to say whether there is a printer (seconds).
LPSTAT_SECONDS = 3.0
#: CUPS media names for the kiosk's papers.
_MEDIA = {"a4": "A4", "letter": "Letter"}


def available_printers() -> list[str]:
    """Names of the printers this computer knows (for the admin screen's printer choice)."""
    return sorted(QPrinterInfo.availablePrinterNames())


def default_printer_name() -> str:
    return QPrinterInfo.defaultPrinterName()


def default_paper() -> str:
    """Letter where the locale measures in inches (US), A4 elsewhere."""
    us = QLocale.system().measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem
    return "letter" if us else "a4"


def system_printer(name: str) -> QPrinter | None:
    """The installed printer called `name` (empty: the default printer), else None."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        if name:
            log.warning("the configured printer %r is not installed", name)
        return None
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    return printer if printer.isValid() else None


def cups_has_printer(name: str) -> bool | None:
    """Whether CUPS has the printer `name` (empty: a default printer), asked of `lpstat` in
    a process of its own; None when that cannot tell (no lpstat, CUPS did not answer).

    Qt's printer lookup loads libcups and its TLS libraries into the kiosk (about 4 MiB
    resident for good): a kiosk without a printer need not carry them from its first print
    preview on, and one with a printer loads them to print anyway.
    """
    lpstat = shutil.which("lpstat")
    if lpstat is None:
        return None
    env = dict(os.environ, LC_ALL="C")  # its answers read in English
    args = [lpstat, "-p", name] if name else [lpstat, "-d"]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=LPSTAT_SECONDS,
                              check=False, stdin=subprocess.DEVNULL, env=env)
    except (OSError, subprocess.SubprocessError):
        return None
    out, err = done.stdout.strip(), done.stderr
    if name:
        if done.returncode == 0 and out.startswith("printer "):
            return True
        return False if "Invalid destination name" in err else None
    if done.returncode == 0 and out.startswith("system default destination:"):
        return True
    return False if done.returncode == 0 and out == "no system default destination" else None


def _paper_of(printer: QPrinter) -> str:
    size = printer.pageLayout().pageSize().id()
    if size == QPageSize.PageSizeId.A4:
        return "a4"
    if size == QPageSize.PageSizeId.Letter:
        return "letter"
    return ""


@dataclass(frozen=True)
class PrintResult:
    #: "printed" (handed to a system that reports nothing more), "sent" (a CUPS job to
    #: follow with `PrintService.follow` until "completed"), "disabled", "no_printer" or
    #: "error".
    status: str
    pages: int = 0
    #: The CUPS job and its queue, for status "sent".
    job: int = 0
    queue: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("printed", "sent")


class PrintService:
    """Prints to the administrator's printer; never asks the visitor which one."""

    def __init__(self, settings: TextSettings | None = None, *, windowed: bool = False,
                 printer_factory: PrinterFactory | None = None,
                 jobs: CupsJobs | None = None,
                 follow_seconds: float = FOLLOW_SECONDS) -> None:
        self._settings = settings
        self.windowed = windowed
        self._printer_factory = printer_factory or system_printer
        #: Ask lpstat before Qt whether there is a printer at all (the system's printers
        #: only, not a given factory's).
        self._probe = printer_factory is None
        #: Follows jobs in CUPS (None: hand pages to Qt and trust it, as on Windows).
        self.jobs: CupsJobs | None = jobs or CupsJobs.open()
        self.follow_seconds = follow_seconds

    def _value(self, key: Key) -> Value:
        """The setting's typed value; its registry default when unset or not valid."""
        entry = setting(key)
        text = self._settings.get(key, "") if self._settings is not None else ""
        value = entry.parse(text)
        return entry.default if value is None else value

    def enabled(self) -> bool:
        return bool(self._value(Key.PRINTING_ENABLED))

    def printer_name(self) -> str:
        return str(self._value(Key.PRINTER_NAME))

    def paper(self, printer: QPrinter | None = None) -> str:
        """The administrator's paper, else the printer's own, else the locale's."""
        chosen = str(self._value(Key.PAPER_SIZE)).lower()
        if chosen in PAPERS:
            return chosen
        return (_paper_of(printer) if printer is not None else "") or default_paper()

    def printer(self) -> QPrinter | None:
        """The administrator's printer, or None when printing is off or there is none."""
        if not self.enabled():
            return None
        try:
            return self._printer_factory(self.printer_name())
        except Exception:  # a broken driver must not reach the visitor
            log.exception("printer lookup failed")
            return None

    def _cups_queue(self, printer: QPrinter) -> str:
        """The CUPS queue behind `printer`, or "" when its pages go another way."""
        if self.jobs is None or printer.outputFormat() != QPrinter.OutputFormat.NativeFormat:
            return ""
        return printer.printerName()

    def can_print(self) -> bool:
        probe = self._probe and self.jobs is not None and self.enabled()
        if probe and cups_has_printer(self.printer_name()) is False:
            return False
        printer = self.printer()
        if printer is None:
            return False
        queue = self._cups_queue(printer)
        if queue and self.jobs is not None:
            problem = self.jobs.queue_problem(queue)
            if problem:
                log.warning("no printing: %s", problem)
                return False
        return True

    def print(self, printout: Printout) -> PrintResult:
        if not self.enabled():
            return PrintResult("disabled")
        printer = self.printer()
        if printer is None:
            return PrintResult("no_printer")
        queue = self._cups_queue(printer)
        if queue:
            return self._send_to_cups(printout, printer, queue)
        try:
            printer.setDocName(printout.job_name)
            printer.setCreator(CREATOR)
            if not self.windowed and printer.outputFormat() == QPrinter.OutputFormat.NativeFormat:
                printer.setOutputFileName("")  # never "print to file" in kiosk mode
            printer.setPageLayout(page_layout(self.paper(printer)))
            pages = render_to_device(printout, printer)
            if printer.printerState() in (QPrinter.PrinterState.Error,
                                          QPrinter.PrinterState.Aborted):
                raise OSError(f"printer state {printer.printerState().name}")
        except Exception:  # the visitor gets a message and the QR code
            log.exception("printing failed")  # the log says why; never what was printed
            return PrintResult("error")
        log.info("printed a %d-page job", pages)
        return PrintResult("printed", pages)

    def _send_to_cups(self, printout: Printout, printer: QPrinter, queue: str) -> PrintResult:
        """Stream the page to `queue` as a PDF made in memory; the job is then followed."""
        assert self.jobs is not None
        problem = self.jobs.queue_problem(queue)
        if problem:
            log.warning("not printed: %s", problem)
            return PrintResult("no_printer")
        paper = self.paper(printer)
        try:
            pdf, pages = pdf_bytes(printout, paper)
            job = self.jobs.submit(queue, printout.job_name, pdf, {"media": _MEDIA[paper]})
        except CupsError as exc:
            log.warning("not printed: %s", exc)
            return PrintResult("no_printer")
        except Exception:  # the visitor gets a message and the QR code
            log.exception("printing failed")
            return PrintResult("error")
        log.info("sent a %d-page job to the printer (job %d)", pages, job)
        return PrintResult("sent", pages, job, queue)

    def follow(self, result: PrintResult) -> str:
        """One look at a sent job: "completed", "waiting" or "failed" (then it is gone)."""
        if self.jobs is None or result.status != "sent":
            return COMPLETED if result.status == "printed" else FAILED
        check = self.jobs.check(result.queue, result.job)
        if check.state == FAILED:
            log.warning("print job did not print: %s", check.why)
        elif check.state == COMPLETED:
            log.info("print job %d completed", result.job)
        return check.state

    def give_up(self, result: PrintResult) -> None:
        """Cancel a sent job that took too long or whose visitor left, page and all."""
        if self.jobs is not None and result.status == "sent":
            log.warning("print job %d cancelled: not printed in time", result.job)
            self.jobs.cancel(result.job)


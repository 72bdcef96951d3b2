"""The administrator's printer: which one, which paper, and whether printing is on at all.

The visitor never chooses a printer: `PrintService` prints to the printer an administrator
picked (setting `printer_name`; empty means the system's default printer), never shows a
print dialog (so "print to file" is never offered in kiosk mode) and can be switched off
(setting `printing_enabled`). Settings are read through the registry in
`kiosk.present.settings` each time they are used, so an admin-screen change applies at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QLocale
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from kiosk.present.settings import Key, TextSettings, Value, setting
from kiosk.ui.printing.compose import Printout
from kiosk.ui.printing.layout import PAPERS, page_layout
from kiosk.ui.printing.paint import CREATOR, render_to_device

log = logging.getLogger(__name__)

PrinterFactory = Callable[[str], QPrinter | None]


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


def _paper_of(printer: QPrinter) -> str:
    size = printer.pageLayout().pageSize().id()
    if size == QPageSize.PageSizeId.A4:
        return "a4"
    if size == QPageSize.PageSizeId.Letter:
        return "letter"
    return ""


@dataclass(frozen=True)
class PrintResult:
    #: "printed", "disabled", "no_printer" or "error".
    status: str
    pages: int = 0

    @property
    def ok(self) -> bool:
        return self.status == "printed"


class PrintService:
    """Prints to the administrator's printer; never asks the visitor which one."""

    def __init__(self, settings: TextSettings | None = None, *, windowed: bool = False,
                 printer_factory: PrinterFactory | None = None) -> None:
        self._settings = settings
        self.windowed = windowed
        self._printer_factory = printer_factory or system_printer

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

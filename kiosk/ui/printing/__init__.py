"""Take-aways on paper: the checklist, a program slip and a state booklet.

- `compose`: what a printout says (HTML built from `kiosk.present` text, plus its images);
- `layout`: a printout laid out for Letter or A4 on one device, as an immutable `LaidOut`;
- `paint`: those pages painted onto a printer, a PDF or an image (preview and tests alike);
- `service`: the administrator's printer and paper, and whether printing is on;
- `headless`: a Qt application for the command line.

The names below are the package's public face; callers write `printing.X`.
"""

from kiosk.ui.printing.compose import (
    BOX_OFF,
    BOX_ON,
    BookletSection,
    Printout,
    booklet_printout,
    checklist_phone_text,
    checklist_printout,
    facility_printout,
    tr,
)
from kiosk.ui.printing.headless import ensure_gui_app, install_language
from kiosk.ui.printing.layout import PAPERS, LaidOut, lay_out, page_layout
from kiosk.ui.printing.paint import (
    page_count,
    paint_pages,
    render_page_images,
    render_to_device,
    write_pdf,
)
from kiosk.ui.printing.service import (
    PrintResult,
    PrintService,
    available_printers,
    default_paper,
    default_printer_name,
    system_printer,
)

__all__ = [
    "BOX_OFF",
    "BOX_ON",
    "PAPERS",
    "BookletSection",
    "LaidOut",
    "PrintResult",
    "PrintService",
    "Printout",
    "available_printers",
    "booklet_printout",
    "checklist_phone_text",
    "checklist_printout",
    "default_paper",
    "default_printer_name",
    "ensure_gui_app",
    "facility_printout",
    "install_language",
    "lay_out",
    "page_count",
    "page_layout",
    "paint_pages",
    "render_page_images",
    "render_to_device",
    "system_printer",
    "tr",
    "write_pdf",
]

"""Take-aways: the printed checklist, facility slips, the in-window preview and no printer."""

from __future__ import annotations

import csv
import errno
import gzip
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrinter

from kiosk import settings_file
from kiosk.app import Stores
from kiosk.domain import Facility, FacilityService
from kiosk.importers import samhsa
from kiosk.present.settings import LiveSettings
from kiosk.store.admin import SettingsRepository, open_admin_db
from kiosk.store.directory import DirectoryRepository
from kiosk.ui import printing
from kiosk.ui.screens.checklist import ChecklistScreen
from kiosk.ui.screens.print_preview import PrintPreviewScreen

DIRECTORY_2024 = (Path(__file__).resolve().parents[3] / "shared" / "data" / "samhsa"
                  / samhsa.DIRECTORY_SUBDIR)


# ------------------------------------------------------------------ helpers --
def real_facility(state: str, needs: set[str]) -> Facility:
    """The first real SAMHSA row in `state` offering every code in `needs`, as a Facility
    (the same shape kiosk.store.directory returns)."""
    if not DIRECTORY_2024.is_dir():
        pytest.skip("SAMHSA data not beside the checkout")
    categories: dict[str, tuple[str, str]] = {}
    with (DIRECTORY_2024 / samhsa.CATEGORIES_NAME).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            categories[row["code"]] = (row["label"], row["category_name"])
    with gzip.open(DIRECTORY_2024 / "facilities.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            codes = row["service_code_info"].replace("*", " ").split()
            if row["directory_type"] != "substance" or row["state"] != state:
                continue
            if not needs.issubset(codes):
                continue
            return Facility(
                id=row["facility_id"], name=row["name1"], name2=row["name2"],
                street1=row["street1"], street2=row["street2"], city=row["city"],
                state=row["state"], zip=row["zip"].zfill(5), phone=row["phone"],
                intake_phones=tuple(p for p in (row["intake1"], row["intake2"]) if p),
                levels=tuple(lv for lv, c in samhsa.LEVEL_CODES.items() if c.intersection(codes)),
                services=tuple(FacilityService(c, *categories[c]) for c in codes
                               if c in categories),
            )
    raise AssertionError(f"no facility in {state} with {needs}")


def pdf_text(path: Path) -> tuple[int, str]:
    reader = PdfReader(str(path))
    text = "".join(page.extract_text() or "" for page in reader.pages)
    return len(reader.pages), squash(unicodedata.normalize("NFKC", text))


def squash(text: str) -> str:
    return "".join(text.split())


def decode_qr(image: QImage) -> list[str]:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    pixels = data.reshape(height, stride)[:, :width].copy()
    return [r.text for r in zxingcpp.read_barcodes(pixels)]


def file_settings(**values: str) -> LiveSettings:
    """Settings as settings.toml would give them (text form), with no admin database."""
    return LiveSettings(None, values)


def no_printer(_name: str) -> QPrinter | None:
    return None


@pytest.fixture
def slip_facility() -> Facility:
    return real_facility("VT", {"OIT", "BU", "MD"})


# --------------------------------------------------------------- checklist --
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_checklist_pdf_is_one_page_with_every_item_and_the_helplines(
        qapp, content_repo, tmp_path, paper) -> None:
    checklist = content_repo.checklist()
    printout = printing.checklist_printout(checklist, {"licensed"}, content_repo.helplines(),
                                           content_repo.info())
    out = tmp_path / f"checklist-{paper}.pdf"
    assert printing.write_pdf(printout, out, paper) == 1
    pages, text = pdf_text(out)
    assert pages == 1
    assert len(checklist.items) == 22
    for item in checklist.items:
        assert squash(item.text) in text, item.text
    for line in content_repo.helplines():
        assert squash(line.number) in text
        if line.disclosure:
            assert squash(line.disclosure) in text
    assert "SAMHSA" in text and "(844)561-0606" in text and "1-800-662-4357" in text
    assert PdfReader(str(out)).metadata.title == "Checklist"


def test_ticked_items_are_marked_and_the_rest_are_empty_boxes(qapp, content_repo) -> None:
    checklist = content_repo.checklist()
    ticked = {checklist.items[0].id, checklist.items[5].id}
    printout = printing.checklist_printout(checklist, ticked, content_repo.helplines())
    assert printout.html.count(printing.BOX_ON) == 2
    assert printout.html.count(printing.BOX_OFF) == len(checklist.items) - 2


def test_checklist_with_a_program_prints_its_phone_and_its_qr_code(
        qapp, content_repo, tmp_path, slip_facility) -> None:
    printout = printing.checklist_printout(content_repo.checklist(), set(),
                                           content_repo.helplines(), content_repo.info(),
                                           slip_facility)
    out = tmp_path / "checklist.pdf"
    assert printing.write_pdf(printout, out, "letter") == 1
    _, text = pdf_text(out)
    assert squash(slip_facility.name) in text
    assert squash(slip_facility.phone) in text
    page = printing.render_page_images(printout, "letter", dpi=150)[0]
    decoded = decode_qr(page)
    assert any(slip_facility.phone in d and slip_facility.name in d for d in decoded), decoded


# --------------------------------------------------------------------- slip --
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_facility_slip_is_one_page_with_phone_hours_levels_payment_and_helplines(
        qapp, content_repo, tmp_path, slip_facility, paper) -> None:
    facility = replace(slip_facility, distance_miles=4.25, position_kind="approximate")
    printout = printing.facility_printout(facility, content_repo.helplines(),
                                          content_repo.info(), origin_zip="05602")
    out = tmp_path / f"slip-{paper}.pdf"
    assert printing.write_pdf(printout, out, paper) == 1
    pages, text = pdf_text(out)
    assert pages == 1
    assert squash(facility.phone) in text
    assert squash("Hours: call to confirm") in text
    assert squash("Intensive outpatient (IOP)") in text
    assert "Medicaid" in text
    assert "Buprenorphine" in text
    assert squash("about 4.2 miles from ZIP 05602") in text or \
        squash("about 4.3 miles from ZIP 05602") in text
    assert "1-800-662-4357" in text and "988" in text and "(844)561-0606" in text
    assert PdfReader(str(out)).metadata.title == "Program information"


def test_slip_qr_code_decodes_to_the_phone_number(qapp, content_repo, slip_facility) -> None:
    printout = printing.facility_printout(slip_facility, content_repo.helplines())
    page = printing.render_page_images(printout, "a4", dpi=150)[0]
    decoded = decode_qr(page)
    assert len(decoded) == 1
    assert slip_facility.phone in decoded[0]
    assert slip_facility.street1 in decoded[0]


def test_directory_text_is_printed_literally_never_as_markup(qapp, content_repo, tmp_path,
                                                             slip_facility) -> None:
    odd = replace(slip_facility, name="<b>Bold</b> & <img src=x> Clinic")
    out = tmp_path / "odd.pdf"
    printing.write_pdf(printing.facility_printout(odd, content_repo.helplines()), out)
    _, text = pdf_text(out)
    assert squash("<b>Bold</b> & <img src=x> Clinic") in text


def test_a_missing_phone_or_service_list_says_so(qapp, content_repo, tmp_path,
                                                  slip_facility) -> None:
    bare = replace(slip_facility, phone="", intake_phones=(), services=(), levels=())
    out = tmp_path / "bare.pdf"
    printing.write_pdf(printing.facility_printout(bare, content_repo.helplines()), out)
    _, text = pdf_text(out)
    assert squash("not listed: call a helpline below") in text
    assert squash("Not listed: call to confirm.") in text


def test_unwritable_pdf_path_is_a_clear_oserror(qapp, content_repo, tmp_path) -> None:
    printout = printing.checklist_printout(content_repo.checklist(), set(),
                                           content_repo.helplines())
    with pytest.raises(OSError):
        printing.write_pdf(printout, tmp_path / "missing" / "x.pdf")


# ---------------------------------------------------------------- service --
def test_settings_switch_printing_off_and_choose_the_paper(qapp) -> None:
    assert printing.PrintService(file_settings()).enabled()
    assert not printing.PrintService(file_settings(printing_enabled="0")).enabled()
    assert printing.PrintService(file_settings(paper_size="a4")).paper() == "a4"
    off = printing.PrintService(file_settings(printing_enabled="0"),
                                printer_factory=lambda _n: QPrinter())
    assert off.printer() is None


@pytest.fixture
def admin_repo(tmp_path: Path) -> Iterator[SettingsRepository]:
    """An admin database as staff might leave it: a language chosen, nothing about printing."""
    conn = open_admin_db(tmp_path / "data")
    repo = SettingsRepository(conn)
    repo.set("lang", "es")
    yield repo
    conn.close()


@pytest.fixture
def settings_toml(tmp_path: Path) -> dict[str, str]:
    """settings.toml as an installer writes it, loaded the way the kiosk loads it."""
    path = tmp_path / settings_file.FILE_NAME
    path.write_text('printing_enabled = false\nprinter_name = "X"\npaper_size = "a4"\n',
                    encoding="utf-8")
    return settings_file.load(path)


def test_printer_name_comes_from_the_admin_database(qapp, admin_repo) -> None:
    admin_repo.set("printer_name", "Front desk")
    asked: list[str] = []
    service = printing.PrintService(admin_repo, printer_factory=lambda n: asked.append(n))
    assert not service.can_print()
    assert asked == ["Front desk"]


def test_settings_toml_switches_printing_off_and_names_the_printer_and_paper(
        qapp, content_repo, admin_repo, settings_toml) -> None:
    asked: list[str] = []
    service = printing.PrintService(LiveSettings(admin_repo, settings_toml),
                                    printer_factory=lambda n: asked.append(n))
    assert not service.enabled()
    assert service.printer_name() == "X"
    assert service.paper() == "a4"
    printout = printing.checklist_printout(content_repo.checklist(), set(),
                                           content_repo.helplines())
    assert service.print(printout).status == "disabled"
    assert service.printer() is None
    assert asked == []  # switched off: no printer is even looked up


def test_the_admin_screen_wins_over_settings_toml_at_once(qapp, admin_repo,
                                                          settings_toml) -> None:
    asked: list[str] = []
    service = printing.PrintService(LiveSettings(admin_repo, settings_toml),
                                    printer_factory=lambda n: asked.append(n))
    admin_repo.set("printing_enabled", "1")
    admin_repo.set("printer_name", "Front desk")
    admin_repo.set("paper_size", "letter")
    assert service.enabled()
    assert service.paper() == "letter"
    assert not service.can_print()
    admin_repo.delete("printer_name")  # staff clear their choice: the file's printer again
    assert not service.can_print()
    assert asked == ["Front desk", "X"]


def test_a_configured_printer_that_is_not_installed_offers_the_qr_code(
        qapp, content_repo, caplog) -> None:
    """The real printer lookup, nothing faked: the visitor is told there is no printer
    and the log names the missing printer for staff."""
    name = "Recovery Guide test printer (not installed)"
    service = printing.PrintService(file_settings(printer_name=name))
    printout = printing.checklist_printout(content_repo.checklist(), set(),
                                           content_repo.helplines())
    with caplog.at_level(logging.WARNING, logger="kiosk.ui.printing.service"):
        result = service.print(printout)
    assert result.status == "no_printer" and not result.ok
    assert name in caplog.text


def test_every_printer_the_admin_screen_lists_can_be_chosen(qapp) -> None:
    names = printing.available_printers()
    if not names:
        pytest.skip("this computer has no printers installed")
    assert names == sorted(names)
    default = printing.default_printer_name()
    assert not default or default in names
    for name in names:
        printer = printing.system_printer(name)
        assert printer is not None and printer.printerName() == name


# ------------------------------------------------------------------ screens --
def kiosk_preview(qtbot, content_repo, service: printing.PrintService) -> PrintPreviewScreen:
    screen = PrintPreviewScreen(service, content_repo.helplines(), content_repo.info())
    qtbot.addWidget(screen)
    screen.resize(1000, 800)
    screen.show()
    return screen


def test_no_printer_print_shows_the_message_and_offers_the_qr_code(
        qtbot, themed_app, content_repo) -> None:
    service = printing.PrintService(file_settings(), windowed=False, printer_factory=no_printer)
    screen = kiosk_preview(qtbot, content_repo, service)
    checklist = ChecklistScreen(content_repo)
    qtbot.addWidget(checklist)
    checklist.model.toggle(checklist.model.item_rows()[0])
    checklist.print_requested.connect(lambda: screen.open(checklist.printout(), "checklist"))
    qtbot.mouseClick(checklist.print_button, Qt.MouseButton.LeftButton)
    assert screen.stack.currentIndex() == screen.MESSAGE
    assert screen.message_title.text() == "There is no printer here"
    assert screen.message_qr.isVisible()
    decoded = decode_qr(screen.message_qr.pixmap().toImage())
    assert decoded and content_repo.checklist().items[0].text in decoded[0]
    assert "1-800-662-4357" in decoded[0]
    with qtbot.waitSignal(screen.finished) as blocker:
        qtbot.mouseClick(screen.message_back, Qt.MouseButton.LeftButton)
    assert blocker.args == ["checklist"]
    assert screen.printout is None and screen.message_qr.pixmap().isNull()


def test_printing_switched_off_in_admin_offers_the_qr_code(qtbot, themed_app, content_repo,
                                                           slip_facility) -> None:
    service = printing.PrintService(file_settings(printing_enabled="0"),
                                    printer_factory=lambda _n: QPrinter())
    screen = kiosk_preview(qtbot, content_repo, service)
    screen.open_facility(slip_facility)
    assert screen.stack.currentIndex() == screen.MESSAGE
    assert screen.message_title.text() == "Printing is not available here"
    decoded = decode_qr(screen.message_qr.pixmap().toImage())
    assert decoded and slip_facility.phone in decoded[0]


def test_preview_then_confirm_prints_one_page_with_a_neutral_job_name(
        qtbot, themed_app, content_repo, tmp_path) -> None:
    out = tmp_path / "spool.pdf"
    printers: list[QPrinter] = []

    def pdf_printer(_name: str) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printers.append(printer)
        return printer

    service = printing.PrintService(file_settings(paper_size="a4"), printer_factory=pdf_printer)
    screen = kiosk_preview(qtbot, content_repo, service)
    screen.open(printing.checklist_printout(content_repo.checklist(), set(),
                                            content_repo.helplines()), "checklist")
    assert screen.stack.currentIndex() == screen.PREVIEW
    assert len(screen.page_images) == 1
    assert not screen.pdf_button.isVisible()  # kiosk mode: no Save as PDF
    assert not out.exists()  # nothing printed before the visitor confirms
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert screen.stack.currentIndex() == screen.DONE
    assert "collect it from the printer" in screen.done_text.text()
    assert printers[-1].docName() == "Checklist"
    assert len(PdfReader(str(out)).pages) == 1


@pytest.mark.qt_log_ignore("QPainter::begin", "QPdfWriter", "QPrinter", "QFile")
def test_a_printer_error_shows_a_message_and_the_qr_code_never_a_traceback(
        qtbot, themed_app, content_repo, tmp_path, slip_facility) -> None:
    def broken_printer(_name: str) -> QPrinter:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "no" / "such" / "dir" / "x.pdf"))
        return printer

    service = printing.PrintService(file_settings(), printer_factory=broken_printer)
    screen = kiosk_preview(qtbot, content_repo, service)
    screen.open_facility(slip_facility)
    assert screen.stack.currentIndex() == screen.PREVIEW
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert screen.stack.currentIndex() == screen.MESSAGE
    assert screen.message_title.text() == "The printer did not print"
    decoded = decode_qr(screen.message_qr.pixmap().toImage())
    assert decoded and slip_facility.phone in decoded[0]


def test_windowed_mode_saves_a_pdf_from_the_preview(qtbot, themed_app, content_repo,
                                                    tmp_path) -> None:
    service = printing.PrintService(file_settings(), windowed=True, printer_factory=no_printer)
    screen = kiosk_preview(qtbot, content_repo, service)
    screen.open(printing.checklist_printout(content_repo.checklist(), set(),
                                            content_repo.helplines()))
    assert screen.stack.currentIndex() == screen.PREVIEW  # laptops preview even offline
    assert screen.pdf_button.isVisible()
    target = tmp_path / "handout.pdf"
    screen.choose_pdf_path = lambda _parent, _suggested: str(target)
    with qtbot.waitSignal(screen.pdf_saved):
        qtbot.mouseClick(screen.pdf_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(str(target)).pages) == 1
    # And Print, with no printer, still offers the QR code instead.
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert screen.stack.currentIndex() == screen.DONE or \
        screen.message_title.text() == "There is no printer here"


def test_checklist_program_line_and_reset_forget_the_visitor(qtbot, themed_app, content_repo,
                                                             slip_facility) -> None:
    screen = ChecklistScreen(content_repo, facility_lookup={slip_facility.id: slip_facility}.get)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.pdf_button.isVisible()  # kiosk mode
    assert not screen.set_program_id("no-such-id")
    assert screen.set_program_id(slip_facility.id)
    assert slip_facility.name in screen.program_label.text()
    assert slip_facility.phone in screen.program_label.text()
    screen.model.toggle(screen.model.item_rows()[1])
    assert slip_facility.phone in screen.printout().qr_payload
    screen.reset()
    assert screen.program is None and screen.model.ticked_keys() == []
    assert slip_facility.name not in screen.program_label.text()
    assert printing.BOX_ON not in screen.printout().html


def test_the_shell_opens_the_preview_inside_the_window(window, qtbot) -> None:
    checklist = window.screens["checklist"]
    window.navigate("checklist")
    checklist.model.toggle(checklist.model.item_rows()[2])
    assert checklist.pdf_button.isVisible()  # the fixture runs windowed
    qtbot.mouseClick(checklist.print_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "print"
    preview = window.screens["print"]
    assert preview.window() is window
    assert preview.page_images and preview.page_images[0].width() > 300
    qtbot.mouseClick(preview.back_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "checklist"
    assert checklist.model.ticked_keys()  # Back keeps the visitor's ticks
    window.reset_session()
    assert not checklist.model.ticked_keys()


def test_booklet_has_a_contents_line_per_city_with_page_numbers(qapp, content_repo,
                                                                tmp_path) -> None:
    facilities = [real_facility("VT", {"OP"}), real_facility("VT", {"OIT"})]
    printout = printing.booklet_printout(facilities, content_repo.helplines(),
                                         content_repo.info(), "Programs in Vermont")
    out = tmp_path / "booklet.pdf"
    pages = printing.write_pdf(printout, out, "letter")
    _, text = pdf_text(out)
    assert pages >= 1
    for f in facilities:
        assert squash(f"{f.city}, VT") in text and f.phone in text
    assert "@@P" not in text and "page1" in text


def test_a_long_booklet_prints_every_program_once_across_its_pages(qapp, content_repo,
                                                                  tmp_path) -> None:
    """Programs flow down two columns page after page; a city that runs on to a new column
    gets its heading again, "(continued)", and no program is lost or printed twice."""
    base = real_facility("VT", {"OP"})
    facilities = [replace(base, id=f"p{n}", name=f"Program {n:03d} House", name2="",
                          city="Burlington" if n < 60 else "Rutland")
                  for n in range(90)]
    printout = printing.booklet_printout(facilities, content_repo.helplines(),
                                         content_repo.info(), "Programs in Vermont")
    out = tmp_path / "booklet.pdf"
    pages = printing.write_pdf(printout, out, "letter")
    reader = PdfReader(str(out))
    page_texts = [squash(unicodedata.normalize("NFKC", page.extract_text() or ""))
                  for page in reader.pages]
    assert pages == len(page_texts) > 3
    for f in facilities:
        on = [n for n, text in enumerate(page_texts) if squash(f.name) in text]
        assert len(on) == 1, (f.name, on)
    assert any("Burlington,VT(continued)" in text for text in page_texts)
    # In order: the first city's first program comes pages before the last city's last.
    first = next(n for n, text in enumerate(page_texts) if "Program000House" in text)
    last = next(n for n, text in enumerate(page_texts) if "Program089House" in text)
    assert first < last


def test_a_contents_over_several_pages_gives_each_city_the_page_it_starts_on(
        qapp, content_repo, tmp_path) -> None:
    """The contents flow down the columns like the programs, over more than a page; each
    line's page is the page that city's heading is printed on, and it is listed once."""
    base = real_facility("VT", {"OP"})
    names = [f"Springfield Heights Junction {n}" for n in range(70)]  # long: lines wrap
    facilities = [replace(base, id=f"p{n}", name=f"Program {n:03d}", name2="", city=name)
                  for n, name in enumerate(names)]
    printout = printing.booklet_printout(facilities, content_repo.helplines(),
                                         content_repo.info(), "Programs in Vermont")
    out = tmp_path / "booklet.pdf"
    printing.write_pdf(printout, out, "letter")
    page_texts = [squash(unicodedata.normalize("NFKC", page.extract_text() or ""))
                  for page in PdfReader(str(out)).pages]
    lines = re.findall(r"SpringfieldHeightsJunction(\d+),VT1programpage(\d+)",
                       "".join(page_texts))
    assert sorted(int(n) for n, _ in lines) == list(range(70))
    contents_pages = {n for n, text in enumerate(page_texts) if "Contents" in text}
    assert len(contents_pages) >= 2
    for number, page in lines:
        text = page_texts[int(page) - 1]
        assert f"Program{int(number):03d}" in text, (number, page)


def _first_vt_iop(stores: Stores) -> Facility:
    found = DirectoryRepository(stores.content_conn).search_facilities(
        state="VT", levels={"intensive_outpatient"}, limit=1)
    if not found:
        pytest.skip("no directory data beside the checkout")
    return found[0]


def test_a_program_chosen_in_the_directory_fills_the_checklist_program_line(
        window, stores) -> None:
    facility = _first_vt_iop(stores)
    window.navigate("directory")
    window.screens["directory"].facility_for_checklist.emit(facility.id)
    assert window.current_screen_id() == "checklist"
    checklist = window.screens["checklist"]
    assert facility.name in checklist.program_label.text()
    assert checklist.remove_program_button.isVisible()
    assert facility.phone in checklist.printout().qr_payload
    window.reset_session()
    assert checklist.program is None


def test_print_from_the_directory_previews_the_slip_then_returns(window, stores,
                                                                  qtbot) -> None:
    facility = _first_vt_iop(stores)
    window.navigate("directory")
    window.screens["directory"].print_requested.emit(facility.id)
    assert window.current_screen_id() == "print"
    preview = window.screens["print"]
    assert preview.printout is not None and preview.printout.job_name == "Program information"
    decoded = decode_qr(printing.render_page_images(preview.printout, "letter", 150)[0])
    assert decoded and facility.phone in decoded[0]
    qtbot.mouseClick(preview.back_button, Qt.MouseButton.LeftButton)
    assert window.current_screen_id() == "directory"


def test_slip_printed_after_a_zip_search_gives_the_distance(window, stores, tmp_path) -> None:
    directory = window.screens["directory"]
    window.navigate("directory")
    directory.show_zip("05401")
    facility = _first_vt_iop(stores)
    directory.print_requested.emit(facility.id)
    preview = window.screens["print"]
    path = tmp_path / "slip.pdf"
    printing.write_pdf(preview.printout, path, "letter")
    pages, text = pdf_text(path)
    assert pages == 1
    assert re.search(r"about\s*\d+\.\d\s*miles", text)


def test_a_full_disk_raises_and_leaves_no_pdf(qtbot, themed_app, content_repo, tmp_path,
                                               monkeypatch) -> None:
    import os
    import tempfile

    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    part = tmp_path / ".out.pdf.part"
    # The PDF's bytes go where a full disk sends them: nowhere, with ENOSPC.
    monkeypatch.setattr(tempfile, "mkstemp",
                        lambda **_: (os.open("/dev/full", os.O_WRONLY), str(part)))
    printout = printing.checklist_printout(content_repo.checklist(), set(),
                                           content_repo.helplines())
    out = tmp_path / "out.pdf"
    with pytest.raises(OSError) as raised:
        printing.write_pdf(printout, out, "letter")
    assert raised.value.errno == errno.ENOSPC
    assert not out.exists()

"""The directory screen: states, ZIP search, filter chips, detail, reset."""

from __future__ import annotations

import html
import logging
import sqlite3
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScroller

from kiosk.store.connect import open_content_db
from kiosk.store.directory import DirectoryRepository
from kiosk.ui.screens.directory import DirectoryScreen

SAMHSA = Path(__file__).resolve().parents[3] / "shared" / "data" / "samhsa"
needs_data = pytest.mark.skipif(not SAMHSA.is_dir(), reason="no SAMHSA data beside the repo")


@pytest.fixture
def repo(content_db: Path) -> DirectoryRepository:
    conn = open_content_db(content_db)
    yield DirectoryRepository(conn)
    conn.close()


@pytest.fixture
def screen(qtbot, themed_app, repo) -> DirectoryScreen:
    widget = DirectoryScreen(repo)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    widget.on_shown()
    return widget


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def list_texts(screen: DirectoryScreen) -> list[str]:
    model = screen.model
    return [model.data(model.index(r)) for r in range(model.rowCount())]


def test_without_a_directory_the_screen_says_how_to_load_one(qtbot, themed_app,
                                                             template_db_no_directory) -> None:
    widget = DirectoryScreen(DirectoryRepository(sqlite3.connect(template_db_no_directory)))
    qtbot.addWidget(widget)
    widget.show()
    widget.on_shown()
    assert widget.pages.currentWidget() is widget.empty_page
    text = widget.empty_page.label.text()
    assert "kiosk-admin import samhsa-directory" in text and "docs/directory.md" in text
    assert [name for name, _ in widget.screenshot_states()] == [""]


@needs_data
def test_state_grid_shows_counts_and_opens_the_state(qtbot, screen, repo) -> None:
    button = screen.choose_page.state_buttons["CA"]
    assert "California" in button.text() and "1,141" in button.text()
    assert not screen.choose_page.state_buttons["AS"].isEnabled()  # American Samoa: none listed
    assert "90" in screen.choose_page.state_buttons["HI"].text()
    click(qtbot, button)
    assert screen.pages.currentWidget() is screen.results_page
    assert screen.model.rowCount() == 1_141
    assert "1,141 of 1,141" in screen.results_page.count_label.text()


@needs_data
def test_a_state_chosen_from_the_keyboard_leaves_the_focus_on_the_results(qtbot, screen) -> None:
    screen.activateWindow()
    button = screen.choose_page.state_buttons["CA"]
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.results_page
    focus = QApplication.focusWidget()
    assert focus is not None and screen.results_page.isAncestorOf(focus)
    back = screen.results_page.change_place_button
    back.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(back, Qt.Key.Key_Return)
    assert screen.pages.currentWidget() is screen.choose_page
    focus = QApplication.focusWidget()
    assert focus is not None and screen.choose_page.isAncestorOf(focus)


@needs_data
def test_filter_chips_filter_the_list_and_show_live_counts(qtbot, screen, repo) -> None:
    screen.show_state("CA")
    iop = screen.results_page.chips["intensive_outpatient"]
    expected = len(repo.search_facilities(state="CA", levels={"intensive_outpatient"}))
    assert f"({expected:,})" in iop.text()
    click(qtbot, iop)
    assert iop.isChecked() and screen.model.rowCount() == expected
    spanish = screen.results_page.chips["spanish"]
    shown = int(spanish.text().rsplit("(", 1)[1].rstrip(")").replace(",", ""))
    click(qtbot, spanish)
    assert 0 < screen.model.rowCount() == shown < expected
    # Levels of care combine with "any": adding residential can only add programs.
    before = screen.model.rowCount()
    click(qtbot, screen.results_page.chips["residential"])
    assert screen.model.rowCount() >= before
    click(qtbot, screen.results_page.clear_filters_button)
    assert screen.model.rowCount() == 1_141 and not iop.isChecked()


@needs_data
def test_no_matches_suggests_the_filter_to_drop(qtbot, screen) -> None:
    screen.show_state("MP")  # one program
    for key in ("hospital_inpatient", "methadone", "residential"):
        chip = screen.results_page.chips[key]
        chip.setEnabled(True)
        chip.setChecked(True)
        if screen.model.rowCount() == 0:
            break
    assert screen.model.rowCount() == 0
    assert screen.results_page.no_match_label.isVisible()
    assert "Remove" in screen.results_page.no_match_label.text()
    click(qtbot, screen.results_page.drop_filter_button)
    assert screen.model.rowCount() > 0 or "Clear" in screen.results_page.no_match_label.text()


@needs_data
def test_zip_search_sorts_by_distance_and_shows_miles(qtbot, screen) -> None:
    for key in "05401":
        click(qtbot, screen.keypad.keys[key])
    assert screen.zip_edit.text() == "05401"
    click(qtbot, screen.keypad.done_button)
    assert screen.pages.currentWidget() is screen.results_page
    assert "05401" in screen.results_page.results_title.text()
    texts = list_texts(screen)
    assert len(texts) >= 20 and all(" mi · " in t for t in texts)
    miles = [screen.model.distance(r) for r in range(screen.model.rowCount())]
    assert miles == sorted(miles)
    assert "Burlington" in texts[0] or "VT" in texts[0]


@needs_data
@pytest.mark.parametrize(("zip_code", "message"), [("0000", "5 digits"),
                                                   ("00000", "could not find")])
def test_bad_zip_gets_a_clear_message(qtbot, screen, zip_code: str, message: str) -> None:
    screen.zip_edit.setText(zip_code)
    click(qtbot, screen.keypad.done_button)
    assert screen.pages.currentWidget() is screen.choose_page
    assert message in screen.choose_page.zip_error.text()


@needs_data
def test_facility_detail_has_everything_and_emits_intents(qtbot, screen) -> None:
    screen.show_zip("05401")
    index = screen.model.index(0)
    facility_id = screen.model.summary(0).id
    with qtbot.waitSignal(screen.facility_chosen) as chosen:
        qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton,
                         pos=screen.list.visualRect(index).center())
    assert chosen.args == [facility_id]
    assert screen.pages.currentWidget() is screen.detail_page
    text = html.unescape(screen.detail_page.detail_label.text())
    for needle in ("Hours are not listed: call before you go.", "Call ", "Levels of care",
                   "away"):
        assert needle in text, needle
    note = html.unescape(screen.detail_page.source_note.text())
    for needle in ("Not an endorsement.", "Source: SAMHSA National Directory of Drug and "
                   "Alcohol Use Treatment Facilities, 2024.", "Data date: 2024"):
        assert needle in note, needle
    payload = screen.detail_page.qr_label.property("payload")
    image = screen.detail_page.qr_label.pixmap().toImage()
    from tests.helpers import image_to_numpy

    decoded = [r.text for r in zxingcpp.read_barcodes(image_to_numpy(image))]
    assert decoded == [payload]
    assert screen.detail_title.text() in payload and "VT" in payload
    with qtbot.waitSignal(screen.facility_for_checklist) as ticked:
        click(qtbot, screen.detail_page.checklist_button)
    assert ticked.args == [facility_id]
    with qtbot.waitSignal(screen.print_requested) as printed:
        click(qtbot, screen.detail_page.print_button)
    assert printed.args == [facility_id]
    click(qtbot, screen.detail_page.back_button)
    assert screen.pages.currentWidget() is screen.results_page


@needs_data
def test_show_facility_opens_any_facility_by_id(screen) -> None:
    assert screen.show_facility("substance_1")
    assert screen.detail_title.text() == "Shelby County Treatment Center"
    assert not screen.show_facility("nope")


@needs_data
def test_reset_forgets_zip_state_filters_and_detail(qtbot, screen) -> None:
    for key in "94103":
        click(qtbot, screen.keypad.keys[key])
    screen.show_zip("94103")
    screen.set_filter("spanish", True)
    screen.show_facility(screen.model.summary(0).id)
    screen.reset()
    assert screen.zip_edit.text() == "" and not screen.zip_edit.isUndoAvailable()
    assert screen.pages.currentWidget() is screen.choose_page
    assert not any(chip.isChecked() for chip in screen.results_page.chips.values())
    assert screen.model.rowCount() == 0
    assert screen.detail_page.detail_label.text() == "" and screen.current_facility_id() == ""


@needs_data
def test_kiosk_zip_is_the_default_starting_point(qtbot, themed_app, repo) -> None:
    widget = DirectoryScreen(repo, default_zip="05401")
    qtbot.addWidget(widget)
    assert widget.zip_edit.text() == "05401"
    widget.zip_edit.setText("")
    widget.reset()
    assert widget.zip_edit.text() == "05401"


@needs_data
def test_results_model_is_a_well_behaved_model(qtmodeltester, screen) -> None:
    screen.show_state("VT")
    qtmodeltester.check(screen.model)


@needs_data
def test_state_grid_appears_at_once_and_the_index_loads_between_frames(qtbot, themed_app,
                                                                       repo) -> None:
    widget = DirectoryScreen(repo)
    qtbot.addWidget(widget)
    widget.show()
    widget.on_shown()
    assert "1,141" in widget.choose_page.state_buttons["CA"].text()
    assert widget._index is None  # still loading, a batch per event-loop turn
    assert widget.is_loading()
    qtbot.waitUntil(lambda: widget._index is not None, timeout=30_000)
    assert len(widget._index) == 12_200
    click(qtbot, widget.choose_page.state_buttons["VT"])
    assert widget.model.rowCount() == repo.state_counts()["VT"]


def _turns(n: int = 10) -> None:
    """Let the loader's zero-interval timer run a few batches, as frames would."""
    for _ in range(n):
        QCoreApplication.processEvents()


def _unpacked(path: Path) -> Path:
    """`path` without the import's packed index: the rows are read 1,000 at a time, so the
    load is still under way after a few turns (packed, 12,200 programs take three)."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE directory_pack")
    conn.commit()
    conn.close()
    return path


def _file_is_free(path: Path) -> bool:
    """True when no statement on any connection still holds a read lock on `path`."""
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("BEGIN EXCLUSIVE")
        other.rollback()
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


@needs_data
def test_reset_mid_load_leaves_no_cursor_behind_its_connection(qtbot, themed_app,
                                                                content_db, caplog) -> None:
    # not immutable, so a reading cursor would lock it
    conn = sqlite3.connect(_unpacked(content_db))
    widget = DirectoryScreen(DirectoryRepository(conn))
    qtbot.addWidget(widget)
    widget.show()
    widget.on_shown()
    _turns(3)
    assert widget.is_loading()
    widget.reset()
    assert not widget.is_loading() and widget._index is None
    assert _file_is_free(content_db)
    conn.close()
    with caplog.at_level(logging.WARNING):
        _turns()  # no batch runs against the closed connection
    assert not widget.is_loading() and widget._index is None
    assert not caplog.records


@needs_data
def test_closing_the_screen_mid_load_stops_the_load(qtbot, themed_app, content_db,
                                                    caplog) -> None:
    conn = sqlite3.connect(_unpacked(content_db))
    widget = DirectoryScreen(DirectoryRepository(conn))
    qtbot.addWidget(widget)
    widget.show()
    widget.on_shown()
    _turns(3)
    widget.close()
    assert not widget.is_loading()
    conn.close()
    with caplog.at_level(logging.WARNING):
        _turns()
    assert not caplog.records


@needs_data
def test_after_a_reset_mid_load_the_next_visit_loads_everything(qtbot, themed_app,
                                                                 content_db) -> None:
    conn = open_content_db(_unpacked(content_db))
    repo = DirectoryRepository(conn)
    screen = DirectoryScreen(repo)
    qtbot.addWidget(screen)
    screen.show()
    screen.on_shown()
    _turns(3)
    assert screen.is_loading()
    screen.reset()
    screen.on_shown()
    assert screen.is_loading()
    qtbot.waitUntil(lambda: not screen.is_loading(), timeout=30_000)
    screen.show_state("VT")
    assert screen.model.rowCount() == repo.state_counts()["VT"]
    assert len(screen._index) == 12_200
    screen.close()
    conn.close()


@needs_data
def test_same_name_programs_show_their_streets_in_the_list(screen) -> None:
    screen.show_state("AL")
    rows = [t for t in list_texts(screen) if t.startswith("Aletheia House\n")]
    assert len(rows) == 5
    assert len(set(rows)) == 5
    assert any("4246 5th Avenue South, Birmingham, AL" in r for r in rows)


@needs_data
def test_no_placeholder_street_in_the_list_the_page_or_its_qr_code(screen) -> None:
    screen.show_state("CA")
    facility = screen._repo.facility("substance_1001")
    assert facility is not None and facility.street1 == "- - -"  # as the directory has it
    assert "- - -" not in "".join(list_texts(screen))
    assert screen.show_facility("substance_1001")
    page = screen.detail_page
    assert "- -" not in page.detail_label.text()
    assert "- -" not in page.qr_label.property("payload")


@needs_data
def test_program_page_puts_key_facts_first_and_folds_long_lists(qtbot, screen) -> None:
    assert screen.show_facility("substance_10006")  # an opioid treatment program
    page = screen.detail_page
    facts = html.unescape(page.detail_label.text())
    assert "Federally certified opioid treatment program" in facts
    assert "Payment accepted" in facts and "Medicines for addiction" in facts
    assert "No formal link with a prescriber (opioid" not in facts
    titles = [button.label_text() for button, _ in page.sections]
    assert titles and all(not body.isVisible() for _, body in page.sections)
    # A program that gives opioid medicine itself has a prescriber: never "no formal link".
    everything = facts + "".join(body.text() for _, body in page.sections)
    assert "No formal link with a prescriber (opioid" not in everything
    button, body = page.sections[0]
    click(qtbot, button)
    assert body.isVisible() and button.label_text().startswith("▾")
    click(qtbot, button)
    assert not body.isVisible()


def test_a_mouse_drag_scrolls_the_list_and_a_tap_still_opens_a_program(qtbot, screen) -> None:
    # Many touch monitors report a finger as a mouse: dragging must scroll, not select.
    screen.resize(900, 700)
    screen.show()
    screen.show_state("CA")
    view = screen.results_page.list.viewport()
    bar = screen.results_page.list.verticalScrollBar()
    opened: list[str] = []
    screen.results_page.facility_activated.connect(opened.append)
    start = QPoint(view.width() // 2, view.height() - 20)
    QTest.mousePress(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 21):
        QTest.mouseMove(view, start - QPoint(0, step * 20))
        QCoreApplication.processEvents()
    QTest.mouseRelease(view, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start - QPoint(0, 400))
    qtbot.waitUntil(lambda: bar.value() > 200)
    assert opened == []
    # A tap during the flick only stops it, as a finger on a moving list does; the next
    # tap opens a row.
    scroller = QScroller.scroller(view)
    assert scroller.state() == QScroller.State.Scrolling
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(40, 20))
    qtbot.waitUntil(lambda: scroller.state() == QScroller.State.Inactive)
    assert opened == []
    stopped_at = bar.value()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(40, 20))
    assert len(opened) == 1 and bar.value() == stopped_at


def test_a_narrow_page_gives_the_list_full_width_and_the_filters_a_sheet(qtbot, screen) -> None:
    screen.resize(600, 900)
    screen.show_state("CA")
    results = screen.results_page
    qtbot.waitUntil(results.is_stacked)
    assert results.list.isVisible() and not results.filter_area.isVisible()
    qtbot.waitUntil(lambda: results.list.width() > 0.9 * results.width())
    click(qtbot, results.filters_button)
    assert results.filter_area.isVisible() and not results.list.isVisible()
    assert results.filters_button.text() == "Show 1,141 programs"
    click(qtbot, results.chips["intensive_outpatient"])
    shown = results.model.rowCount()
    assert results.filters_button.text() == f"Show {shown:,} programs"
    click(qtbot, results.filters_button)
    assert results.list.isVisible() and not results.filter_area.isVisible()
    assert results.filters_button.text() == "Filters (1 on)"
    screen.resize(1100, 800)
    qtbot.waitUntil(lambda: not results.is_stacked())
    assert results.list.isVisible() and results.filter_area.isVisible()
    assert not results.filters_button.isVisible()


def test_a_narrow_list_wraps_names_and_streets_instead_of_cutting_them(qtbot, screen) -> None:
    from PySide6.QtGui import QFontMetrics

    from kiosk.ui.directory_models import wrapped

    screen.resize(1800, 800)
    screen.show_state("CA")
    results = screen.results_page
    view, delegate = results.list, results.list.itemDelegate()
    qtbot.waitUntil(lambda: results.model.rowCount() > 0)
    qtbot.waitUntil(lambda: not delegate.wrap)
    one_line = view.sizeHintForRow(0)
    screen.resize(520, 800)
    qtbot.waitUntil(lambda: delegate.wrap)
    assert view.sizeHintForRow(0) > one_line
    metrics = QFontMetrics(view.font())
    room = view.viewport().width() - 24
    rows = [results.model.data(results.model.index(r)) for r in range(results.model.rowCount())]
    details = [row.partition("\n")[2] for row in rows]
    # Nearly every "street, city, state · phone" that was cut at this width now reads whole.
    cut_before = [d for d in details if metrics.horizontalAdvance(d) > room]
    assert cut_before, "the test needs rows too long for one line"
    still_cut = [d for d in cut_before if "…" in wrapped(d, metrics, room, 2)[-1]]
    assert len(still_cut) < 0.05 * len(cut_before)
    bad = [(d, wrapped(d, metrics, room, 2)) for d in cut_before if d not in still_cut
           and "".join(wrapped(d, metrics, room, 2)).replace(" ", "") != d.replace(" ", "")]
    assert not bad


def test_opening_another_program_leaves_none_of_the_last_ones_headings_on_screen(
        screen) -> None:
    from kiosk.ui.widgets.touch import WrapButton

    assert screen.show_facility("substance_10006")
    first = [button for button, _ in screen.detail_page.sections]
    assert first
    assert screen.show_facility("substance_1425")
    # Before the event loop has deleted them, the old headings are already off screen.
    assert all(button.isHidden() for button in first)
    QCoreApplication.processEvents()
    shown = [b for b in screen.detail_page.findChildren(WrapButton) if b.isVisible()]
    assert shown and len(shown) == len(screen.detail_page.sections)


def test_the_program_page_names_each_medicine_once_and_folds_the_forms(screen) -> None:
    assert screen.show_facility("substance_10006")  # buprenorphine, methadone, naltrexone
    page = screen.detail_page
    facts = html.unescape(page.detail_label.text())
    medicines = facts.split("Medicines for addiction", 1)[1].split("Payment accepted", 1)[0]
    for name in ("Buprenorphine", "Methadone", "Naltrexone",
                 "Federally certified opioid treatment program"):
        assert name in medicines
    # The forms (injection, maintenance, prescribes ...) wait under their own heading.
    assert "monthly injection" not in medicines and "maintenance" not in medicines
    details = {button.label_text().split(" (")[0].lstrip("▸▾ "): body
               for button, body in page.sections}
    assert "Buprenorphine (monthly injection)" in details["Medicine details"].text()


@pytest.mark.parametrize("most", [1, 2])
def test_a_row_too_long_for_its_lines_keeps_the_phone_number_whole(qapp, most) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from kiosk.ui.directory_models import wrapped

    metrics = QFontMetrics(QFont("DejaVu Sans", 14))
    text = "4747 Morena Boulevard, Suite 200, San Diego, CA · 866-314-3222"
    width = metrics.horizontalAdvance(text) * 3 // (4 * most)  # too narrow for all of it
    lines = wrapped(text, metrics, width, most)
    assert len(lines) == most
    assert lines[-1].endswith(" · 866-314-3222")
    assert lines[0].startswith("4747")
    assert all(metrics.horizontalAdvance(line) <= width for line in lines)
    assert "…" in "".join(lines)  # and the cut is shown, not hidden

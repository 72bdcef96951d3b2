"""What a screen reader finds on every screen, read through Qt's accessibility interfaces."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTextBrowser

R = QAccessible.Role
T = QAccessible.Text
INTERACTIVE = {R.PushButton, R.CheckBox, R.RadioButton, R.PageTab, R.EditableText,
               R.ComboBox, R.Link, R.ListItem}


def walk(iface: QAccessibleInterface | None, depth: int = 0) -> Iterator[QAccessibleInterface]:
    if iface is None or not iface.isValid() or depth > 60:
        return
    if iface.state().invisible:
        return
    yield iface
    for i in range(iface.childCount()):
        yield from walk(iface.child(i), depth + 1)


def tree(window) -> list[QAccessibleInterface]:  # type: ignore[no-untyped-def]
    QCoreApplication.processEvents()
    return list(walk(QAccessible.queryAccessibleInterface(window)))


def _names(nodes: list[QAccessibleInterface]) -> str:
    return "\n".join(f"{n.text(T.Name)} {n.text(T.Description)}" for n in nodes)


@pytest.fixture
def states(shell):  # type: ignore[no-untyped-def]
    """Every screen and overlay state the screenshots show, by name."""
    shell.window.fit_to(1920, 1080)
    return dict(shell.window.screenshot_states())


def test_every_state_names_its_controls_and_has_headings(shell, states) -> None:
    window = shell.window
    problems: list[str] = []
    for name, prepare in states.items():
        prepare()
        nodes = tree(window)
        for node in nodes:
            if node.role() in INTERACTIVE and not node.state().disabled \
                    and not node.text(T.Name).strip():
                problems.append(f"{name}: unnamed {node.role().name}")
        overlay = name.startswith(("session-", "display-"))
        if not overlay and not any(n.role() == R.Heading for n in nodes):
            problems.append(f"{name}: no heading")
    assert problems == []


def test_the_menu_is_a_tab_list_with_the_current_page_selected(qtbot, shell) -> None:
    window = shell.window
    window.navigate("guide")
    nodes = tree(window)
    tabs = [n for n in nodes if n.role() == R.PageTab]
    assert [t.text(T.Name) for t in tabs] == [b.accessibleName()
                                              for b in window.nav_buttons.values()]
    assert [t.text(T.Name) for t in tabs if t.state().selected] == ["Guide"]
    assert not any(t.state().checked or t.state().checkable for t in tabs)
    assert any(n.role() == R.PageTabList for n in nodes)
    # Pressing a tab through the interface opens its page.
    faq = next(t for t in tabs if t.text(T.Name) == window.nav_buttons["faq"].accessibleName())
    faq.actionInterface().doAction(faq.actionInterface().actionNames()[0])
    qtbot.waitUntil(lambda: window.current_screen_id() == "faq")


def test_the_program_page_reads_out_its_phone_and_address(shell, states) -> None:
    states["directory-detail"]()
    directory = shell.screens.directory
    facility = directory.facility_as_shown(directory.detail_page.facility_id())
    assert facility is not None and facility.phone and facility.street1
    text = _names(tree(shell.window))
    assert facility.street1 in text and facility.city in text
    digits = "".join(c for c in facility.phone if c.isdigit())
    assert digits[-4:] in text and digits[-7:-4] in text
    assert any(n.role() == R.Heading and n.text(T.Name) == facility.name
               for n in tree(shell.window))


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920), (1366, 768), (1024, 600)],
                         ids=["1920x1080", "1080x1920", "1366x768", "1024x600"])
def test_the_comparison_is_a_table_with_header_cells_at_every_width(
        shell, size: tuple[int, int]) -> None:
    # Wide, one table has the levels across; narrow, each level's card is a table of its
    # own. Either way a reader moving through the cells hears which level and which
    # question each answer belongs to.
    window = shell.window
    window.fit_to(*size)
    window.navigate("compare")
    window.fit_to(*size)
    compare = shell.screens.compare
    levels = compare.levels()
    questions = [label for label, _attr in compare.rows()]
    tables = [n for n in tree(window) if n.role() == R.Table]
    assert tables
    for level in levels:
        holding = [t for t in tables if level.name in
                   [n.text(T.Name) for n in walk(t) if n.role() == R.ColumnHeader]]
        assert len(holding) == 1, level.name
        inside = list(walk(holding[0]))
        assert [q for q in questions
                if q not in [n.text(T.Name) for n in inside if n.role() == R.RowHeader]] == []
        cells = [n.text(T.Name) for n in inside if n.role() == R.Cell]
        assert level.weekly_hours in cells and level.best_for in cells
    assert sum(n.role() == R.Cell for t in tables for n in walk(t)) >= len(levels) * 5


def test_the_print_preview_exposes_the_printouts_text(shell, states) -> None:
    states["print-preview"]()
    preview = shell.screens.print_preview
    assert preview.printout is not None
    text = _names(tree(shell.window))
    assert "Questions to ask" in text or "checklist" in text.lower()
    assert len(text) > 400  # the page's words, not only "Page 1"


@pytest.mark.parametrize(("state", "role"), [("session-pin-pad", R.Dialog),
                                             ("session-idle-warning", R.AlertMessage),
                                             ("display-options", R.Dialog)])
def test_overlays_are_modal_and_hide_what_is_behind(shell, states, state: str,
                                                    role: QAccessible.Role) -> None:
    window = shell.window
    window.navigate("home")
    assert any(n.role() == R.PageTab for n in tree(window))
    states[state]()
    nodes = tree(window)
    overlays = [n for n in nodes if n.role() == role]
    assert len(overlays) == 1 and overlays[0].state().modal
    inside = {id(n) for n in walk(overlays[0])}
    outside = [n for n in nodes if n.role() in INTERACTIVE and id(n) not in inside]
    assert outside == []  # nothing behind it to wander into
    assert not any(n.role() == R.PageTab for n in nodes)
    # Focus is in the overlay, and Tab keeps it there (any key continues past the idle
    # warning, so there one look is enough).
    widget = overlays[0].object()
    for _ in range(1 if role == R.AlertMessage else 8):
        focused = QApplication.focusWidget()
        assert focused is not None and widget.isAncestorOf(focused), state
        QTest.keyClick(focused, Qt.Key.Key_Tab)


def test_checklist_rows_are_check_boxes_with_their_state(qtbot, shell) -> None:
    window = shell.window
    window.navigate("checklist")
    checklist = shell.screens.checklist
    first = checklist.model.item_rows()[0]
    checklist.model.toggle(first)
    view_iface = QAccessible.queryAccessibleInterface(checklist.list)
    cells = [view_iface.child(i) for i in range(view_iface.childCount())]
    rows = [n for n in cells if n is not None and n.role() == R.ListItem
            and n.state().checkable]
    assert len(rows) == len(checklist.model.item_rows())  # headings are not check boxes
    assert [n.state().checked for n in rows].count(True) == 1
    assert rows[0].state().checked and not rows[1].state().checked
    # A tap on the row ticks it once (the box does not toggle it back).
    view = checklist.list
    second = checklist.model.index(checklist.model.item_rows()[1])
    rect = view.visualRect(second)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert checklist.model.data(second, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # Every row is a full touch target.
    for row in range(checklist.model.rowCount()):
        assert view.visualRect(checklist.model.index(row)).height() >= 48


def test_a_ticked_box_shows_a_tick_not_only_a_colour(shell) -> None:
    from kiosk.ui import theme

    window = shell.window
    window.navigate("checklist")
    checklist = shell.screens.checklist
    ticked = checklist.model.index(checklist.model.item_rows()[0])
    checklist.model.toggle(ticked.row())
    view = checklist.list
    image = view.viewport().grab(view.visualRect(ticked)).toImage()
    fill, tick = theme.colours().accent, theme.colours().on_accent
    box = [(x, y) for x in range(image.width()) for y in range(image.height())
           if image.pixelColor(x, y).name() == fill]
    assert box, "no filled tick box"
    xs, ys = [x for x, _ in box], [y for _, y in box]
    inside = sum(image.pixelColor(x, y).name() == tick
                 for x in range(min(xs), max(xs) + 1) for y in range(min(ys), max(ys) + 1))
    assert inside > 20  # a white tick inside the filled box


def test_a_guide_section_is_a_named_document_with_its_text(shell, states) -> None:
    states["guide-section"]()
    guide = shell.screens.guide
    view = guide.findChild(QTextBrowser)
    assert view is not None and view.isVisible()
    iface = QAccessible.queryAccessibleInterface(view)
    assert iface.text(T.Name)  # which section this is
    text = iface.textInterface()
    assert text is not None and text.characterCount() > 100
    body = view.toPlainText()
    assert text.text(0, 60) == body[:60]


def test_a_print_message_is_an_alert_with_what_to_do(shell, states) -> None:
    states["print-no-printer"]()
    alerts = [n for n in tree(shell.window) if n.role() == R.AlertMessage]
    assert len(alerts) == 1
    assert alerts[0].text(T.Name) == "There is no printer here"
    assert "phone" in alerts[0].text(T.Description)
    assert not alerts[0].state().modal  # a message in the page, not an overlay


@pytest.fixture
def reader_running():  # type: ignore[no-untyped-def]
    """As when a screen reader is running: Qt then describes widgets as they are built (a
    label announces its text from its constructor), not only when first asked."""
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


def test_headings_of_screens_built_while_a_reader_runs(reader_running, make_shell) -> None:
    shell = make_shell()
    window = shell.window
    missing = []
    for screen_id in ("compare", "guide", "faq", "checklist", "directory", "help"):
        window.navigate(screen_id)
        title = window.screens[screen_id].nav_title()
        nodes = tree(window)
        if not any(n.role() == R.Heading for n in nodes):
            missing.append(f"{screen_id} ({title})")
    assert missing == []


def test_a_scroll_area_answers_past_its_last_child_without_crashing(qtbot) -> None:
    # A reader asks how many children, then for each: a scroll bar that hides in between
    # leaves it asking for one past the end (this crashed the kiosk as a list loaded).
    from PySide6.QtWidgets import QLabel, QScrollArea

    area = QScrollArea()
    qtbot.addWidget(area)
    area.setWidget(QLabel("line\n" * 200))
    area.resize(300, 200)
    area.show()
    qtbot.waitExposed(area)
    iface = QAccessible.queryAccessibleInterface(area)
    count = iface.childCount()
    area.verticalScrollBar().parentWidget().hide()
    assert all(iface.child(i) is None for i in range(count, count + 50))
    assert iface.child(0) is not None

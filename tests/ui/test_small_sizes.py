"""On the smallest screens a kiosk runs on (1024x600 landscape, 600x1024 portrait), no button
the visitor can see has its label cut off: keys, menu items, filter chips, page buttons."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyleOptionButton,
)

from tests.helpers import needs_directory

SIZES = [(1024, 600), (600, 1024)]
SCREENS = ("home", "guide", "faq", "compare", "directory", "checklist", "help", "search")


def cut_labels(window: Any) -> list[str]:
    """Visible buttons whose text is wider or taller than the room inside their borders."""
    cut = []
    for button in window.findChildren(QAbstractButton):
        if not button.text() or not button.isVisible() or button.width() <= 1:
            continue
        room = button.contentsRect()
        if isinstance(button, QPushButton):
            option = QStyleOptionButton()
            button.initStyleOption(option)
            room = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents,
                                                 option, button)
        icon = button.iconSize().width() + 4 if not button.icon().isNull() else 0
        metrics = button.fontMetrics()
        lines = button.text().replace("&&", "&").split("\n")
        wide = max(metrics.horizontalAdvance(line) for line in lines) + icon
        tall = metrics.height() * len(lines)
        # A button given at least its size hint shows its text whole (Qt's own measure:
        # the style's contents rectangle can be a few pixels narrower than what it draws).
        squeezed = (button.width() < button.sizeHint().width()
                    or button.height() < button.sizeHint().height())
        if (wide > room.width() or tall > room.height()) and squeezed:
            cut.append(f"{button.text()!r} needs {wide}x{tall}, has {room.width()}x"
                       f"{room.height()}")
    return cut


def sideways(page: Any) -> list[str]:
    """The visible scroll areas in `page` (it too, if it is one) whose contents are wider
    than they are."""
    wide = []
    areas = page.findChildren(QScrollArea)
    for area in [page, *areas] if isinstance(page, QScrollArea) else areas:
        if area.isVisible() and area.widget() is not None:
            need = area.widget().minimumSizeHint().width()
            if area.horizontalScrollBar().maximum() > 0 or need > area.viewport().width():
                wide.append(f"{area.accessibleName() or area.objectName()} needs {need} px, "
                            f"has {area.viewport().width()}")
    return wide


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_button_label_is_cut_off_on_a_small_screen(qtbot: Any, make_shell: Any,
                                                      size: tuple[int, int]) -> None:
    shell = make_shell(size=size)
    window = shell.window
    window.fit_to(*size)
    found: list[str] = []
    for screen_id in SCREENS:
        window.navigate(screen_id)
        QCoreApplication.processEvents()
        found += [f"{screen_id}: {c}" for c in cut_labels(window)]
    # Typing: the letters, then the ZIP keypad.
    shell.search_bar.field.setFocus()
    shell.keyboard.toggle(True)
    qtbot.waitUntil(shell.keyboard.isVisible)
    QCoreApplication.processEvents()
    found += [f"keyboard: {c}" for c in cut_labels(window)]
    zip_field = QLineEdit()
    qtbot.addWidget(zip_field)
    shell.keyboard.attach(zip_field, numeric=True)
    shell.keyboard.toggle(True)
    QCoreApplication.processEvents()
    found += [f"keypad: {c}" for c in cut_labels(window)]
    assert not found, "\n".join(found)


@needs_directory
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_directory_results_and_filters_are_not_cut_off(qtbot: Any, make_shell: Any,
                                                       size: tuple[int, int]) -> None:
    shell = make_shell(size=size)
    window = shell.window
    window.fit_to(*size)
    directory = shell.screens.directory
    window.navigate("directory")
    for state, apply in directory.screenshot_states():
        apply()
        QCoreApplication.processEvents()
        cut = cut_labels(window)
        assert not cut, f"{state}: " + "\n".join(cut)


def test_closing_the_keyboard_never_grows_a_portrait_window(qtbot: Any, make_shell: Any) -> None:
    # The menu runs across the top in portrait; keys and helpline strip together would
    # need more than 1024 pixels, even for the moment between hiding one and showing the other.
    shell = make_shell(size=(600, 1024))
    window = shell.window
    window.fit_to(600, 1024)
    window.navigate("search")
    shell.keyboard.toggle(True)
    qtbot.waitUntil(shell.keyboard.isVisible)
    shell.keyboard.toggle(False)
    QCoreApplication.processEvents()
    assert window.helpline_panel.isVisible()
    assert window.size().toTuple() == (600, 1024)


@pytest.mark.parametrize("size", [(1080, 1920), (1024, 600), (600, 1024)],
                         ids=["1080x1920", "1024x600", "600x1024"])
def test_every_faq_and_guide_title_has_room_for_all_its_lines(make_shell: Any,
                                                              size: tuple[int, int]) -> None:
    from PySide6.QtCore import QRect, Qt

    from kiosk.ui.widgets.wrap_delegate import WRAP

    shell = make_shell(size=size)
    window = shell.window
    window.fit_to(*size)
    for screen_id in ("faq", "guide"):
        window.navigate(screen_id)
        QCoreApplication.processEvents()
        view = window.screens[screen_id].findChild(QListView)
        delegate = view.itemDelegate()
        metrics = view.fontMetrics()
        short = []
        for row in range(view.model().rowCount()):
            index = view.model().index(row, 0)
            text = index.data(Qt.ItemDataRole.DisplayRole)
            need = metrics.boundingRect(QRect(0, 0, delegate.text_width(), 10_000), int(WRAP),
                                        text).height()
            if view.visualRect(index).height() < need:
                short.append(text)
        assert not short, f"{screen_id}: {short}"


@pytest.mark.parametrize("size", [(1024, 600), (600, 1024)], ids=["1024x600", "600x1024"])
def test_every_page_fits_its_width_without_sideways_scrolling(make_shell: Any,
                                                               size: tuple[int, int]) -> None:
    shell = make_shell(size=size)
    window = shell.window
    window.fit_to(*size)
    wide = []
    for screen_id in (*SCREENS, "admin"):
        window.navigate(screen_id)
        QCoreApplication.processEvents()
        # The page's own scroll area, and any inside it (the admin page has one).
        wide += [f"{screen_id}: {area}" for area in sideways(window.stack.currentWidget())]
    assert not wide
    # The staff screen gives the visitors' helpline column its room; 988 and 911 stay.
    window.navigate("admin")
    QCoreApplication.processEvents()
    assert not cut_labels(window)
    assert not window.helpline_panel.isVisible() and window.crisis_strip.isVisible()


def short_cells(table: Any) -> list[str]:
    """Cells and header cells of a comparison table too small for their wrapped words."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QFont, QFontMetrics

    wrap = int(Qt.TextFlag.TextWordWrap)
    body = table.fontMetrics()
    bold = QFont(table.horizontalHeader().font())
    bold.setBold(True)
    head = QFontMetrics(bold)
    short = []
    for row in range(table.rowCount()):
        for col in range(table.columnCount()):
            text = table.item(row, col).text()
            rect = table.visualRect(table.model().index(row, col))
            # Qt's item views leave 3 px each side of a cell's text.
            need = body.boundingRect(QRect(0, 0, rect.width() - 6, 10_000), wrap, text).height()
            if rect.height() < need:
                short.append(f"{text!r} {rect.height()} < {need}")
    top = table.horizontalHeader()
    for col in range(table.columnCount()):
        text = table.horizontalHeaderItem(col).text()
        need = head.boundingRect(QRect(0, 0, top.sectionSize(col) - head.height(), 10_000),
                                 wrap, text).height()
        if top.height() < need:
            short.append(f"header {text!r} {top.height()} < {need}")
    side = table.verticalHeader()
    for row in range(table.rowCount()):
        text = table.verticalHeaderItem(row).text()
        need = head.boundingRect(QRect(0, 0, side.width() - head.height(), 10_000), wrap,
                                 text).height()
        if side.sectionSize(row) < need:
            short.append(f"question {text!r} {side.sectionSize(row)} < {need}")
    return short


@pytest.mark.parametrize("percent", [100, 150])
@pytest.mark.parametrize("size", [(1024, 600), (600, 1024), (1366, 768)],
                         ids=["1024x600", "600x1024", "1366x768"])
def test_the_comparison_shows_every_word_of_every_cell(make_shell: Any, size: tuple[int, int],
                                                       percent: int) -> None:
    # Narrow, each level is a card (a table of its own) on the scrolling page: the card is
    # as tall as its words, never a box to scroll inside.
    shell = make_shell(size=size)
    window = shell.window
    shell.display.set_text_percent(percent)
    window.fit_to(*size)
    window.navigate("compare")
    window.fit_to(*size)
    QCoreApplication.processEvents()
    compare = shell.screens.compare
    assert compare.mode == "cards"
    assert len(compare.tables) == len(compare.levels())
    for table in compare.tables:
        assert table.verticalScrollBar().maximum() == 0
        assert short_cells(table) == [], table.horizontalHeaderItem(0).text()


@pytest.fixture
def restore_text_size(qapp: Any) -> Iterator[None]:
    """The text size as it was before the test chose another (the theme is the app's)."""
    from kiosk.ui import theme

    before = theme.look()
    yield
    theme.apply(qapp, high_contrast=before.high_contrast, text_percent=before.text_percent)


def choose_largest_text(window: Any) -> Any:
    """As a visitor does: Aa, then Largest. Returns the panel, still open."""
    from kiosk.ui import theme
    from kiosk.ui.display import DisplayPanel

    panel = window.findChild(DisplayPanel)
    panel.open_panel()
    panel.size_buttons[150].click()
    QCoreApplication.processEvents()
    assert theme.look().text_percent == 150
    return panel


def test_the_top_bar_in_spanish_with_the_largest_text_fits_a_1024_screen(
        make_shell: Any, stores: Any, restore_text_size: None) -> None:
    from tests.ui.spanish_check import in_spanish
    from tests.ui.test_spanish_screens import spanish

    with in_spanish():
        shell = make_shell(stores=spanish(stores), size=(1024, 600))
        window = shell.window
        choose_largest_text(window).close_panel()
        window.fit_to(1024, 600)
        assert window.width() == 1024  # not pushed wider than the screen
        top_bar = window.header.findChild(QFrame, "TopBar")
        words = [b.text() for b in top_bar.findChildren(QAbstractButton) if b.text()]
        cut = [c for c in cut_labels(window) if any(repr(w) in c for w in words)]
        assert not cut, cut
        assert shell.search_bar.field.width() >= 120  # room for a word, not "B…"


def test_the_text_size_panel_keeps_its_choices_whole_with_the_largest_text(
        make_shell: Any, restore_text_size: None) -> None:
    shell = make_shell(size=(1024, 600))
    window = shell.window
    window.fit_to(1024, 600)
    panel = choose_largest_text(window)
    # Taller than the room under the top bar: it scrolls, and no choice is squeezed.
    buttons = [*panel.size_buttons.values(), panel.contrast_button, panel.done_button]
    assert all(b.height() >= b.sizeHint().height() for b in buttons), \
        [(b.text(), b.height(), b.sizeHint().height()) for b in buttons]
    assert not cut_labels(panel)
    area = panel.findChild(QScrollArea, "OverlayScroll")
    assert area.verticalScrollBar().maximum() > 0
    area.ensureWidgetVisible(panel.done_button)
    QCoreApplication.processEvents()
    assert not panel.done_button.visibleRegion().isEmpty()


def test_the_keyboard_with_the_largest_text_keeps_a_short_window_on_its_screen(
        qtbot: Any, make_shell: Any, restore_text_size: None) -> None:
    shell = make_shell(size=(1024, 600))
    window = shell.window
    window.fit_to(1024, 600)
    choose_largest_text(window).close_panel()
    window.fit_to(1024, 600)
    assert window.nav_area.isVisible()  # the menu runs across the top at this size
    window.navigate("search")
    shell.search_bar.field.setFocus()
    shell.keyboard.toggle(True)
    qtbot.waitUntil(shell.keyboard.isVisible)
    window.fit_to(1024, 600)
    # The menu's rows make way for the keys: nothing is pushed below the screen.
    assert window.size().toTuple() == (1024, 600)
    assert not window.nav_area.isVisible() and window.crisis_strip.isVisible()
    assert window.stack.height() >= window.stack.minimumSizeHint().height()
    shell.keyboard.toggle(False)
    QCoreApplication.processEvents()
    assert window.nav_area.isVisible()


def test_search_results_are_measured_again_for_the_largest_text(
        make_shell: Any, restore_text_size: None) -> None:
    from PySide6.QtCore import QRect, Qt

    from kiosk.ui.widgets.wrap_delegate import WRAP

    shell = make_shell(size=(1366, 768))
    window = shell.window
    shell.search_bar.field.setText("detox")
    view = shell.screens.search.list
    QCoreApplication.processEvents()

    def heights() -> list[int]:
        return [view.visualRect(view.model().index(row, 0)).height()
                for row in range(view.model().rowCount())]

    before = heights()
    choose_largest_text(window).close_panel()
    shell.search_bar.field.setText("detox medicaid")
    shell.search_bar.field.setText("detox")  # the same rows, laid out in the new size
    QCoreApplication.processEvents()
    after = heights()
    assert len(after) == len(before) > 3 and sum(after) > sum(before)
    delegate = view.itemDelegate()
    for row, height in enumerate(after):
        index = view.model().index(row, 0)
        font = index.data(Qt.ItemDataRole.FontRole) or view.font()
        need = QFontMetrics(font.resolve(view.font())).boundingRect(
            QRect(0, 0, delegate.text_width(), 10_000), int(WRAP),
            index.data(Qt.ItemDataRole.DisplayRole)).height()
        assert height >= need, (row, height, need)


@needs_directory
def test_the_largest_text_chosen_on_the_directory_puts_its_columns_one_above_the_other(
        make_shell: Any, restore_text_size: None) -> None:
    # The page keeps its width when the words grow: side by side, the filters, the state
    # names beside the ZIP keypad and the program beside its QR code would be cut off.
    shell = make_shell(size=(1366, 768))
    window = shell.window
    window.fit_to(1366, 768)
    directory = shell.screens.directory
    window.navigate("directory")
    directory.show_state("CA")
    QCoreApplication.processEvents()
    assert not directory.results_page.is_stacked()
    choose_largest_text(window).close_panel()
    window.fit_to(1366, 768)
    QCoreApplication.processEvents()
    assert directory.results_page.is_stacked()
    for state, apply in directory.screenshot_states():
        apply()
        QCoreApplication.processEvents()
        found = sideways(directory) + cut_labels(window)
        assert not found, f"{state}: " + "\n".join(found)


def test_the_print_preview_in_spanish_with_the_largest_text_fits_a_1024_screen(
        make_shell: Any, stores: Any, restore_text_size: None) -> None:
    from tests.ui.spanish_check import in_spanish
    from tests.ui.test_spanish_screens import spanish

    with in_spanish():
        shell = make_shell(stores=spanish(stores), size=(1024, 600))
        window = shell.window
        window.fit_to(1024, 600)
        choose_largest_text(window).close_panel()
        window.navigate("checklist")
        shell.screens.checklist.print_button.click()
        window.fit_to(1024, 600)
        QCoreApplication.processEvents()
        preview = shell.screens.print_preview
        assert window.stack.currentWidget().widget() is preview
        # 'Volver', 'Guardar como PDF' and 'Imprimir' side by side are wider than the page:
        # one above the other, each whole, and the page does not scroll sideways.
        assert preview.pdf_button.y() > preview.back_button.y()
        assert sideways(window.stack.currentWidget()) == [] and cut_labels(preview) == []
        assert window.stack.currentWidget().horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_helpline_number_is_whole_in_the_narrow_column_with_the_largest_text(
        make_shell: Any, stores: Any, restore_text_size: None, lang: str) -> None:
    from contextlib import nullcontext

    from tests.ui.spanish_check import in_spanish
    from tests.ui.test_spanish_screens import spanish

    with in_spanish() if lang == "es" else nullcontext():
        shell = make_shell(stores=spanish(stores) if lang == "es" else stores,
                           size=(1024, 600))
        window = shell.window
        window.fit_to(1024, 600)
        choose_largest_text(window).close_panel()
        window.fit_to(1024, 600)
        QCoreApplication.processEvents()
        panel = window.helpline_panel
        assert panel.isVisible() and panel.width() < 300  # the narrow side column
        # A number does not break; any line wider than the column would be cut at its edge.
        assert sideways(panel) == []


@needs_directory
def test_every_state_name_is_whole_beside_the_zip_keypad_with_the_largest_text(
        make_shell: Any, restore_text_size: None) -> None:
    shell = make_shell(size=(1920, 1080))
    window = shell.window
    window.fit_to(1920, 1080)
    choose_largest_text(window).close_panel()
    window.navigate("directory")
    window.fit_to(1920, 1080)
    QCoreApplication.processEvents()
    buttons = shell.screens.directory.choose_page.state_buttons
    assert any(b.text().startswith("Northern Mariana Islands\n") for b in buttons.values())
    assert cut_labels(window) == []


def test_quick_exit_is_whole_on_a_portrait_tablet_with_the_largest_text(
        make_shell: Any, restore_text_size: None) -> None:
    # Quick exit and the top bar's other buttons keep their words when the text grows
    # after start-up, and the window stays on its 768-pixel screen.
    shell = make_shell(size=(768, 1024))
    window = shell.window
    window.fit_to(768, 1024)
    choose_largest_text(window).close_panel()
    window.fit_to(768, 1024)
    QCoreApplication.processEvents()
    assert window.width() == 768
    top_bar = window.header.findChild(QFrame, "TopBar")
    assert cut_labels(top_bar) == []
    quick_exit = shell.session.quick_exit_button
    assert quick_exit.width() >= quick_exit.sizeHint().width()


def test_the_comparison_says_where_its_levels_are_in_table_and_in_cards(
        make_shell: Any) -> None:
    shell = make_shell(size=(1920, 1080))
    window = shell.window
    window.navigate("compare")
    compare = shell.screens.compare
    for size, mode, order in [((1920, 1080), "table", "(left) to least (right)"),
                              ((1024, 600), "cards", "(top) to least (bottom)")]:
        window.fit_to(*size)
        QCoreApplication.processEvents()
        assert compare.mode == mode
        assert order in compare.intro.text()

"""The shell: navigation, the helpline panel on every screen, touch sizes, accessibility."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.present.helplines import help_screen_order
from kiosk.ui.main_window import NAV_ORDER
from kiosk.ui.widgets.qr import qr_image
from tests.helpers import image_to_numpy


def test_every_nav_button_opens_its_screen(qtbot, window) -> None:
    assert list(window.nav_buttons) == list(NAV_ORDER)
    for screen_id, button in window.nav_buttons.items():
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.current_screen_id() == screen_id
        assert window.stack.currentWidget().isVisible()
        assert button.isChecked()


def test_home_tiles_lead_to_the_main_paths(qtbot, window) -> None:
    home = window.screens["home"]
    for target in ("guide", "directory", "checklist", "help"):
        window.navigate("home")
        qtbot.mouseClick(home.tiles[target], Qt.MouseButton.LeftButton)
        assert window.current_screen_id() == target


def test_the_featured_helpline_is_on_every_screen(window, content_repo) -> None:
    """In the helpline panel, or on "Get help now", which lists every line itself. The
    staff-only admin page gives the panel's room to its settings; 988 and 911 stay in the
    crisis strip there, as everywhere."""
    featured = content_repo.featured_helpline()
    panel = window.helpline_panel
    for screen_id, screen in window.screens.items():
        window.navigate(screen_id)
        assert window.crisis_strip.isVisible()
        if screen.staff_only:
            assert not panel.isVisible()
            continue
        if screen.lists_every_helpline:
            assert not panel.isVisible()
            texts = [label.text() for label in screen.findChildren(QLabel)
                     if label.isVisible()]
            assert featured.number in texts and featured.disclosure in texts
            continue
        assert panel.isVisible()
        assert panel.number_label.text() == featured.number
        assert panel.name_label.text() == featured.name
        assert panel.promise_label.text() == featured.promise
        assert featured.disclosure and panel.disclosure_label.isVisible()


def test_helpline_number_is_large(window) -> None:
    panel = window.helpline_panel
    body = window.screens["guide"].font().pointSizeF()
    assert panel.number_label.font().pointSizeF() >= 1.5 * body


def test_helpline_qr_code_dials_the_featured_number(content_repo) -> None:
    featured = content_repo.featured_helpline()
    image = qr_image(featured.tel_uri)
    results = zxingcpp.read_barcodes(image_to_numpy(image))
    assert [r.text for r in results] == [f"tel:{featured.tel}"]
    assert featured.tel.endswith("5610606")


def test_portrait_moves_the_helpline_panel_below_the_content(qtbot, window) -> None:
    panel, content = window.helpline_panel, window.stack
    window.resize(1080, 1920)
    qtbot.waitUntil(lambda: panel.mapTo(window, panel.rect().topLeft()).y()
                    >= content.mapTo(window, content.rect().bottomLeft()).y())
    assert panel.width() > 0.9 * window.width()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: panel.mapTo(window, panel.rect().topLeft()).x()
                    >= content.mapTo(window, content.rect().topRight()).x())
    assert panel.height() > 0.8 * window.height()


def test_every_button_is_a_touch_target_with_a_name(window) -> None:
    for screen_id in window.screens:
        window.navigate(screen_id)
        for button in window.findChildren(QAbstractButton):
            if not button.isVisibleTo(window):
                continue
            assert button.height() >= 48 and button.width() >= 48, button.text()
            assert button.text().strip() or button.accessibleName().strip()


def test_every_visible_text_is_at_least_12_points(window) -> None:
    for screen_id in window.screens:
        window.navigate(screen_id)
        for label in window.findChildren(QLabel):
            if label.isVisibleTo(window) and label.text():
                assert label.font().pointSizeF() >= 12, label.text()[:40]


def test_markdown_html_is_not_interpreted(qtbot, themed_app) -> None:
    from kiosk.ui.widgets.markdown_view import MarkdownView

    view = MarkdownView()
    qtbot.addWidget(view)
    view.show_markdown("Hello <b>bold</b> **strong**")
    assert "<b>" in view.toPlainText()
    assert "**" not in view.toPlainText()


def test_checklist_shows_the_printouts_group_headings(qtbot, window, content_repo) -> None:
    window.navigate("checklist")
    screen = window.screens["checklist"]
    model = screen.model
    groups = list(dict.fromkeys(item.group for item in content_repo.checklist().items))
    assert len(groups) >= 3
    headings = [model.data(model.index(r)) for r in range(model.rowCount())
                if model.is_heading(r)]
    assert headings == groups
    # A heading is shown above its items but is neither ticked nor chosen when tapped.
    first = next(r for r in range(model.rowCount()) if model.is_heading(r))
    assert first == 0 and not model.is_heading(1)
    rect = screen.list.visualRect(model.index(first))
    assert rect.height() > 0 and rect.bottom() < screen.list.visualRect(model.index(1)).top()
    qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert model.ticked_keys() == [] and not screen.list.selectionModel().hasSelection()
    assert len(model.item_rows()) == len(content_repo.checklist().items)


def test_checklist_ticks_toggle_and_reset(qtbot, window) -> None:
    window.navigate("checklist")
    screen = window.screens["checklist"]
    rect = screen.list.visualRect(screen.model.index(screen.model.item_rows()[0]))
    qtbot.mouseClick(screen.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(screen.model.ticked_keys()) == 1
    window.reset_session()
    assert screen.model.ticked_keys() == []
    assert window.current_screen_id() == "home"


def test_qr_codes_appear_once_shown_and_dial_their_helplines(qtbot, window, content_repo) -> None:
    panel = window.helpline_panel
    qtbot.waitUntil(lambda: not panel.qr_label.pixmap().isNull())
    featured = content_repo.featured_helpline()
    found = zxingcpp.read_barcodes(image_to_numpy(panel.qr_label.pixmap().toImage()))
    assert [r.text for r in found] == [f"tel:{featured.tel}"]
    window.navigate("help")
    help_screen = window.screens["help"]
    labels = [label for label, _uri in help_screen._qr_codes]
    decoded = [zxingcpp.read_barcodes(image_to_numpy(label.pixmap().toImage()))[0].text
               for label in labels]
    assert decoded == [h.tel_uri for h in help_screen_order(content_repo.helplines())]
    assert decoded[:2] == ["tel:988", "tel:911"]


def test_help_screen_says_each_helpline_fact_once(window) -> None:
    window.navigate("help")
    texts = [label.text() for card in window.screens["help"].cards
             for label in card.findChildren(QLabel)]
    for text in texts:
        parts = [p.strip() for p in text.split("·")]
        assert len(parts) == len(set(parts)), text
        assert text.count("24 hours a day") <= 1, text

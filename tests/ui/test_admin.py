"""The admin screen: every setting is saved, applied or applied on restart, and honest."""

from __future__ import annotations

from kiosk.app import open_stores
from kiosk.ui.session import SessionTimeouts
from tests.helpers import click, dispose


def admin_screen(window):  # type: ignore[no-untyped-def]
    window.navigate("admin")
    return window.screens["admin"]


def test_admin_is_not_in_the_visitor_menu(window) -> None:
    assert "admin" not in window.nav_buttons
    for tile in window.screens["home"].tiles.values():
        assert "admin" not in tile.text().lower()


def test_idle_timeout_is_saved_and_applied_at_once(qtbot, shell, window, stores) -> None:
    screen = admin_screen(window)
    assert screen.idle_label.text() == "2 minutes"
    click(qtbot, screen.idle_more)
    assert screen.idle_label.text() == "2 min 30 s"
    assert stores.admin_settings.get("idle_seconds") == "150"
    assert shell.session.timeouts.idle_ms == 150_000
    for _ in range(20):
        click(qtbot, screen.idle_less)
    assert stores.admin_settings.get("idle_seconds") == "30"
    assert not screen.idle_less.isEnabled()


def test_helpline_order_and_featured_line_apply_after_restart(qtbot, window, make_window,
                                                              stores, settings) -> None:
    screen = admin_screen(window)
    first = window.helpline_panel.featured
    screen.helpline_list.setCurrentRow(2)
    chosen = screen.helpline_order()[2]
    click(qtbot, screen.feature_button)
    assert screen.helpline_order()[0] == chosen
    assert stores.admin_settings.get("featured_helpline") == chosen
    assert stores.admin_settings.get("helpline_order").split(",")[0] == chosen
    assert window.helpline_panel.featured == first  # the running kiosk is unchanged ...
    again = open_stores(settings)  # ... until it restarts
    try:
        restarted = make_window(stores=again, size=None)
        assert restarted.helpline_panel.featured.id == chosen
        assert [h.id for h in again.content.helplines()] != []
        dispose(restarted)  # now: the connections under it are closed next
    finally:
        again.content_conn.close()
        again.admin_conn.close()


def test_move_down_keeps_the_order(qtbot, window, stores) -> None:
    screen = admin_screen(window)
    before = screen.helpline_order()
    screen.helpline_list.setCurrentRow(0)
    click(qtbot, screen.down_button)
    after = screen.helpline_order()
    assert after[:2] == [before[1], before[0]] and after[2:] == before[2:]
    assert stores.admin_settings.get("helpline_order") == ",".join(after)


def test_kiosk_zip_must_have_five_digits(qtbot, window, stores) -> None:
    screen = admin_screen(window)
    for digit in "054":
        click(qtbot, screen.zip_keypad.keys[digit])
    click(qtbot, screen.zip_keypad.done_button)
    assert "5 digits" in screen.zip_message.text()
    assert stores.admin_settings.get("kiosk_zip") == ""
    for digit in "01":
        click(qtbot, screen.zip_keypad.keys[digit])
    click(qtbot, screen.zip_keypad.done_button)
    assert stores.admin_settings.get("kiosk_zip") == "05401"


def test_printing_can_be_switched_off(qtbot, window, stores) -> None:
    screen = admin_screen(window)
    assert screen.printing_button.isChecked() and screen.printing_button.text() == "On"
    click(qtbot, screen.printing_button)
    assert screen.printing_button.text() == "Off"
    assert stores.admin_settings.get("printing_enabled") == "0"


def test_language_choice_is_saved(qtbot, window, stores) -> None:
    screen = admin_screen(window)
    assert screen.lang_buttons["en"].isChecked()
    click(qtbot, screen.lang_buttons["en"])
    assert stores.admin_settings.get("lang") == "en"


def test_settings_file_values_show_until_changed_here(make_window) -> None:
    win = make_window(idle_seconds=300, kiosk_zip="05602", size=None)
    screen = admin_screen(win)
    assert screen.idle_label.text() == "5 minutes"
    assert screen.zip_field.text() == "05602"


def test_data_facts_and_integrity_check(qtbot, window, content_repo) -> None:
    screen = admin_screen(window)
    text = screen.data_label.text()
    assert f"Guide sections: {len(content_repo.guide_sections())}" in text
    info = content_repo.info()
    if info.directory_source:
        assert "Programs:" in text and info.directory_date in text
    else:
        assert "No program directory is loaded." in text
    click(qtbot, screen.check_button)
    assert screen.check_label.text().splitlines() == ["Content database: OK",
                                                      "Settings database: OK"]


def test_admin_screen_resets_on_idle(qtbot, shell, window) -> None:
    shell.session.timeouts = SessionTimeouts(idle_ms=60_000, warning_ms=50, admin_idle_ms=150)
    screen = admin_screen(window)
    with qtbot.waitSignal(shell.session.session_reset, timeout=5000):
        click(qtbot, screen.check_button)
    assert window.current_screen_id() == "home"
    assert screen.check_label.text() == ""


def test_an_idle_time_beyond_the_buttons_shows_as_it_is(make_window) -> None:
    """settings.toml may set up to a day; the screen shows the time in force, not 15 min."""
    win = make_window(idle_seconds=3000, size=None)
    screen = admin_screen(win)
    assert screen.idle_label.text() == "50 minutes"
    assert screen.idle_seconds() == 3000
    assert not screen.idle_more.isEnabled()


def test_a_setting_that_cannot_be_saved_says_so(qtbot, shell, window, stores) -> None:
    """A read-only, locked or full settings database: a plain line, never a crash."""
    screen = admin_screen(window)
    stores.admin_conn.execute("PRAGMA query_only = 1")  # every write now fails
    try:
        click(qtbot, screen.idle_more)
        assert "Not saved" in screen.status.text() and screen.status.isVisible()
        assert stores.admin_settings.get("idle_seconds", "unset") == "unset"
    finally:
        stores.admin_conn.execute("PRAGMA query_only = 0")


def test_printers_are_listed_when_asked_for_and_one_can_be_chosen(qtbot, window, stores,
                                                                   monkeypatch) -> None:
    asked: list[bool] = []

    def printers() -> list[str]:
        asked.append(True)
        return ["Desk", "Lobby"]

    monkeypatch.setattr("kiosk.ui.printing.available_printers", printers)
    screen = admin_screen(window)
    # Asking the system for printers loads its printing libraries: not until wanted.
    assert [b.text() for b in screen.printer_group.buttons()] == ["System default"]
    assert not asked
    click(qtbot, screen.find_printers_button)
    names = [b.text() for b in screen.printer_group.buttons()]
    assert names == ["System default", "Desk", "Lobby"]
    click(qtbot, screen.printer_group.buttons()[2])
    assert stores.admin_settings.get("printer_name") == "Lobby"
    assert screen.printer_group.checkedButton().text() == "Lobby"

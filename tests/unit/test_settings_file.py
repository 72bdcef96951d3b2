"""settings.toml (packaging/settings-template.toml): a librarian's settings for one kiosk."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from kiosk import settings_file
from kiosk.app import open_stores
from kiosk.config import Settings
from kiosk.present.settings import REGISTRY, Key, Source
from kiosk.store.admin import SettingsRepository, open_admin_db
from tests.helpers import ROOT

TEMPLATE = ROOT / "packaging" / "settings-template.toml"


def uncommented_template() -> str:
    return re.sub(r"(?m)^# ([a-z_]+ =)", r"\1", TEMPLATE.read_text(encoding="utf-8"))


def test_every_setting_in_the_template_is_understood(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(uncommented_template(), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        values = settings_file.load(path)
    assert set(values) == {key for key, entry in REGISTRY.items() if entry.sources & Source.TOML}
    assert not caplog.records


def test_the_template_as_shipped_changes_nothing() -> None:
    assert settings_file.load(TEMPLATE) == {}


def test_bad_values_are_logged_and_ignored(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('idle_seconds = "soon"\nprinting_enabled = 1\ncolour = "red"\n'
                    'kiosk_zip = "05401"\nidle_seconds_typo = 5\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert settings_file.load(path) == {"kiosk_zip": "05401"}
    text = caplog.text
    assert "idle_seconds" in text and "whole number" in text
    assert "colour" in text and "unknown setting" in text


def test_a_broken_file_is_ignored(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("lang = \n[[[", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert settings_file.load(path) == {}
    assert "ignoring" in caplog.text


def test_file_fills_in_and_admin_screen_choices_win(settings: Settings, data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text(
        'featured_helpline = "988-lifeline"\nidle_seconds = 300\nprinting_enabled = false\n',
        encoding="utf-8")
    conn = open_admin_db(data_dir)
    SettingsRepository(conn).set("featured_helpline", "911")  # chosen on the admin screen
    conn.close()
    stores = open_stores(settings)
    try:
        assert stores.settings.featured_helpline == "911"
        assert stores.settings.idle_seconds == 300
        assert stores.live().flag(Key.PRINTING_ENABLED) is False
    finally:
        stores.content_conn.close()
        stores.admin_conn.close()


def test_command_line_wins_over_the_file(settings: Settings, data_dir: Path) -> None:
    (data_dir / "settings.toml").write_text("idle_seconds = 300\n", encoding="utf-8")
    stores = open_stores(settings.with_overrides(idle_seconds=45))
    try:
        assert stores.settings.idle_seconds == 45
    finally:
        stores.content_conn.close()
        stores.admin_conn.close()


@pytest.mark.parametrize(("given", "used"), [(3_000_000, 86_400), (-5, 10), (1, 10)])
def test_an_idle_time_out_of_range_is_clamped_everywhere(
        settings: Settings, data_dir: Path, caplog: pytest.LogCaptureFixture,
        given: int, used: int) -> None:
    """A Qt timer overflows past about 24 days: 3,000,000 s never reaches the session; each
    entry (command line, admin database, settings.toml) brings it to the range's end."""
    conn = open_admin_db(data_dir)
    SettingsRepository(conn).set("idle_seconds", str(given))  # as if written by an old build
    conn.close()
    (data_dir / "settings.toml").write_text(f"idle_seconds = {given}\n", encoding="utf-8")
    for override in (given, None):  # with the command line, then the admin database alone
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            stores = open_stores(settings.with_overrides(idle_seconds=override))
        try:
            assert stores.settings.idle_seconds == used
            assert f"idle_seconds = '{given}' is outside 10 to 86400: {used} used" in caplog.text
        finally:
            stores.close()
    with caplog.at_level(logging.WARNING):
        assert settings_file.load(data_dir / "settings.toml") == {"idle_seconds": str(used)}
    assert f"idle_seconds = {given} is outside 10 to 86400: {used} used" in caplog.text


def test_the_session_never_gets_an_idle_time_out_of_range() -> None:
    from kiosk.ui.session import SessionTimeouts

    assert SessionTimeouts.from_seconds(3_000_000).idle_ms == 86_400_000
    assert SessionTimeouts.from_seconds(0).idle_ms == 10_000


@pytest.mark.parametrize("content", [b"\xff\xfe\x00 not text", b"idle_seconds = 300\n\xc3(",
                                     b"lang = \n[[[", b"idle_seconds = 1e400"])
def test_a_broken_file_logs_one_line_and_the_kiosk_starts_with_defaults(
        settings: Settings, data_dir: Path, caplog: pytest.LogCaptureFixture,
        content: bytes) -> None:
    (data_dir / "settings.toml").write_bytes(content)
    with caplog.at_level(logging.WARNING):
        stores = open_stores(settings)
    try:
        assert stores.settings.idle_seconds == Settings().idle_seconds
    finally:
        stores.close()
    lines = [r for r in caplog.records if "settings.toml" in r.getMessage()]
    assert len(lines) == 1, caplog.text

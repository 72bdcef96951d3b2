"""A running kiosk opens its installed signed pack, looks for a newer one when asked to, and
switches to it at the next idle reset, never in the middle of a visit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskRun, build_shell, open_stores
from kiosk.config import Settings
from kiosk.packs import installed, update
from kiosk.present.settings import Key
from tests.unit.test_packs import Publisher


@pytest.fixture
def publisher(tmp_path: Path, template_db_no_directory: Path) -> Publisher:
    return Publisher(tmp_path / "publisher", template_db_no_directory)


@pytest.fixture
def kiosk_data(tmp_path: Path, publisher: Publisher) -> Path:
    """A kiosk's data folder that trusts the publisher and has pack version 1 installed."""
    data = tmp_path / "kiosk"
    update.trust_root(data, publisher.keys / "root.json")
    update.update(data, str(publisher.publish(1)))
    return data


@pytest.fixture
def running(qtbot: Any, themed_app: Any, kiosk_data: Path) -> Iterator[KioskRun]:
    settings = Settings(windowed=True, data_dir=kiosk_data)
    stores = open_stores(settings)
    run = KioskRun(settings, stores, build_shell(stores))
    run.shell.window.show()
    yield run
    run.stop()
    run.wait_for_checks(60)
    run.shell.close()
    run.stores.close()


def test_the_kiosk_opens_its_installed_pack(running: KioskRun, kiosk_data: Path) -> None:
    assert running.stores.pack_version == 1
    assert running.stores.content.guide_sections()
    assert not running.pack_changed()


def test_a_new_pack_waits_for_an_idle_reset(qtbot: Any, running: KioskRun,
                                            publisher: Publisher, kiosk_data: Path) -> None:
    update.update(kiosk_data, str(publisher.publish(2)))
    first = running.shell
    first.window.navigate("guide")
    # A visitor pressing Quick exit is still at the kiosk: the content stays as it is.
    first.session.reset_session("quick_exit")
    QApplication.processEvents()
    assert running.shell is first and running.stores.pack_version == 1
    first.session.reset_session("idle")
    qtbot.waitUntil(lambda: running.shell is not first, timeout=20_000)
    assert running.stores.pack_version == 2
    assert running.shell.window.isVisible()
    assert not any(w is first.window for w in QApplication.topLevelWidgets())
    assert not first.session.installed  # the old shell's event filter went with it


def test_a_pack_this_app_cannot_open_keeps_the_working_content(
        qtbot: Any, running: KioskRun, kiosk_data: Path) -> None:
    pack_db = installed.installed_content_db(kiosk_data)
    assert pack_db is not None
    pack_db.write_bytes(b"not a database")  # a broken file where the pack should be
    (kiosk_data / "packs" / "installed.json").write_text(
        (kiosk_data / "packs" / "installed.json").read_text(encoding="utf-8")
        .replace('"content_version": 1', '"content_version": 9'), encoding="utf-8")
    first = running.shell
    assert running.pack_changed()
    assert running.switch_content()  # the bundled content instead of a broken pack
    assert running.stores.pack_version is None
    assert running.stores.content.guide_sections()
    assert running.shell is not first


def test_the_kiosk_looks_for_a_pack_when_the_librarian_asked(
        running: KioskRun, publisher: Publisher, kiosk_data: Path) -> None:
    running.check_for_pack()  # no source set: nothing happens
    running.wait_for_checks(60)
    assert installed.installed_version(kiosk_data) == 1
    repo = publisher.publish(3)
    running.stores.admin_settings.set(Key.PACK_SOURCE, str(repo))
    running.stores.admin_settings.set(Key.PACK_CHECK, "1")
    running.check_for_pack()
    running.wait_for_checks(60)
    assert installed.installed_version(kiosk_data) == 3
    assert running.pack_changed()
    assert running.stores.pack_version == 1  # still the visitor's content until a reset


def test_the_admin_screen_says_which_pack_is_in_use_and_the_last_check(
        running: KioskRun, publisher: Publisher, kiosk_data: Path) -> None:
    admin = running.shell.screens.admin
    running.shell.window.navigate("admin")
    text = admin.data_label.text()
    fingerprint = installed.status(kiosk_data).fingerprint
    assert fingerprint and f"Trusted publisher key: {fingerprint}" in text
    assert "Content: signed pack version 1, built " in text
    assert "Last pack check" in text and "installed pack version 1" in text
    # A refused update is said there in its one line, and the content stays.
    tampered = publisher.publish(2)
    for pack in (tampered / "targets").glob("*.content.pack"):
        pack.write_bytes(pack.read_bytes()[:-4] + b"XXXX")
    with pytest.raises(update.UpdateRefusedError) as refused:
        update.update(kiosk_data, str(tampered))
    running.shell.window.navigate("home")
    running.shell.window.navigate("admin")
    assert str(refused.value) in admin.data_label.text()
    assert "Pack version" not in admin.data_label.text()  # nothing new waits for a reset


def test_the_daily_check_is_switched_on_the_admin_screen(
        qtbot: Any, running: KioskRun, publisher: Publisher, kiosk_data: Path) -> None:
    repo = publisher.publish(4)
    running.stores.admin_settings.set(Key.PACK_SOURCE, str(repo))
    admin = running.shell.screens.admin
    running.shell.window.navigate("admin")
    assert admin.pack_check_button.text() == "Off"
    assert str(repo) in admin.pack_source_label.text()
    qtbot.mouseClick(admin.pack_check_button, Qt.MouseButton.LeftButton)
    assert running.stores.admin_settings.get(Key.PACK_CHECK) == "1"
    running.check_for_pack()  # what the start and the daily timer run
    running.wait_for_checks(60)
    assert installed.installed_version(kiosk_data) == 4


def test_the_admin_screen_says_which_content_database_is_in_use(running: KioskRun) -> None:
    running.shell.window.navigate("admin")
    text = running.shell.screens.admin.data_label.text()
    assert "In use: the installed content pack" in text

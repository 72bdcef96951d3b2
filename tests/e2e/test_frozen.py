"""The PyInstaller bundle librarians install: built once per test session, then run offscreen.

The bundle is built with build_spec.spec into a temporary folder (never the shared dist/), with
the session's template content database (real directory when ../shared/data/samhsa exists).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.helpers import ROOT, offscreen_env, write_broken_content_db

TIMEOUT = 120  # seconds for one run of the frozen app (a generous ceiling, not a benchmark)
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""


def _load_build_bundle():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_bundle",
                                                  ROOT / "scripts" / "build_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


build_bundle = _load_build_bundle()


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory, template_db: Path,
           request: pytest.FixtureRequest) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    built = build_bundle.run_pyinstaller(out / "dist", out / "work", template_db)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nfrozen bundle: PyInstaller build took {built.seconds:.1f} s, "
                f"dist/kiosk is {built.size_mb:.1f} MB ({built.size_bytes / 2**20:.1f} MiB)")
    return Path(built.app_dir)


def run_frozen(exe: Path, *args: str, env: dict[str, str] | None = None,
               cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ if env is None else env)
    environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=TIMEOUT,
                          env=environ, cwd=cwd)


def kiosk(app_dir: Path) -> Path:
    return app_dir / f"kiosk{EXE_SUFFIX}"


@pytest.mark.frozen
def test_frozen_self_test_passes_with_nothing_on_stderr(bundle: Path, tmp_path: Path) -> None:
    done = run_frozen(kiosk(bundle), "--self-test", "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("self-test ok: kiosk "), done.stdout
    # The menu and tile pictures need Qt's SVG image plugin, which the bundle must keep.
    drawn = re.search(r"(\d+)/(\d+) icons", done.stdout)
    assert drawn and drawn[1] == drawn[2] and int(drawn[2]) >= 7, done.stdout
    assert "platform offscreen" in done.stdout
    assert done.stderr == ""


@pytest.mark.frozen
def test_frozen_screenshots_show_the_real_screens(bundle: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    shots = tmp_path / "shots"
    done = run_frozen(kiosk(bundle), "--screenshot", str(shots), "--size", "1366x768",
                      "--data-dir", str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    pngs = sorted(shots.glob("*-1366x768.png"))
    screens = {p.name.removesuffix("-1366x768.png").split("-")[0] for p in pngs}
    assert {"home", "guide", "faq", "directory", "checklist", "help"} <= screens
    for png in pngs:
        image = QImage(str(png))
        assert (image.width(), image.height()) == (1366, 768), png.name
        # Non-trivial: text, tiles and the helpline panel give many distinct colours.
        colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
        assert len(colours) > 20, png.name


@pytest.mark.frozen
def test_frozen_broken_content_db_exits_with_one_line(bundle: Path, tmp_path: Path) -> None:
    broken = write_broken_content_db(tmp_path / "content.sqlite", "random-bytes")
    done = run_frozen(kiosk(bundle), "--self-test", "--content-db", str(broken),
                      "--data-dir", str(tmp_path / "data"))
    assert done.returncode != 0
    assert done.stderr.startswith("self-test failed: ")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.frozen
def test_frozen_admin_command_line_reads_the_bundled_database(bundle: Path) -> None:
    done = run_frozen(bundle / f"kiosk-admin{EXE_SUFFIX}", "info")
    assert done.returncode == 0, done.stderr
    assert "guide sections: " in done.stdout


HSDS_3_0_EXAMPLES = ROOT.parent / "shared" / "data" / "hsds" / "openreferral_specification_v3.0"


@pytest.mark.frozen
@pytest.mark.skipif(not HSDS_3_0_EXAMPLES.is_dir(), reason="no HSDS samples")
def test_frozen_admin_checks_and_imports_an_hsds_package(bundle: Path, content_db: Path,
                                                          tmp_path: Path) -> None:
    """The validator and its schemas travel in the bundle (it is left out of the kiosk's
    start, not out of the admin command)."""
    admin = bundle / f"kiosk-admin{EXE_SUFFIX}"
    examples = HSDS_3_0_EXAMPLES / "examples" / "csv"
    done = run_frozen(admin, "import", "hsds", str(examples), "--content-db", str(content_db),
                      "--all-services", "--name", "Examples", "--timezone", "UTC")
    assert done.returncode == 0, done.stderr
    assert "1 local programs" in done.stdout
    broken = tmp_path / "broken"
    shutil.copytree(examples, broken)
    schedules = broken / "schedules.csv"
    schedules.write_text(schedules.read_text(encoding="utf-8").replace(
        "10:00:00", "25:00:00"), encoding="utf-8")
    refused = run_frozen(admin, "import", "hsds", str(broken), "--content-db", str(content_db),
                         "--all-services", "--name", "Examples", "--timezone", "UTC")
    assert refused.returncode == 1
    assert "schedules.csv line 2, field opens_at" in refused.stderr
    assert "Traceback" not in refused.stderr


@pytest.mark.frozen
def test_portable_mode_writes_nothing_outside_its_folder(bundle: Path, tmp_path: Path) -> None:
    app = tmp_path / "usb-stick" / "kiosk"
    shutil.copytree(bundle, app, symlinks=True)
    (app / "portable.txt").write_text("", encoding="utf-8")
    before = {p.name for p in app.iterdir()}
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "KIOSK_"))}
    env.update(HOME=str(home), TMPDIR=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_STATE_HOME=str(home / ".local/state"), XDG_RUNTIME_DIR=str(home / "run"),
               QT_QPA_PLATFORM="offscreen")
    checked = run_frozen(kiosk(app), "--self-test", env=env, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""
    shots = tmp_path / "shots"
    shot = run_frozen(kiosk(app), "--screenshot", str(shots), "--size", "1366x768", env=env,
                      cwd=tmp_path)
    assert shot.returncode == 0, shot.stderr
    assert (shots / "home-1366x768.png").is_file()

    assert list(home.iterdir()) == []
    assert (app / "data" / "admin.sqlite").is_file()
    assert (app / "logs" / "kiosk.log").is_file()
    assert {p.name for p in app.iterdir()} - before <= {"data", "logs", "cache", "config",
                                                        "share", "state"}


@pytest.mark.frozen
def test_bundle_stays_within_its_size_budget(bundle: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the size budget is for the Linux bundle")
    assert build_bundle.tree_size(bundle) <= build_bundle.SIZE_BUDGET_MB * 1_000_000


@pytest.mark.frozen
def test_bundle_has_no_network_or_qml_qt(bundle: Path) -> None:
    """Offline, always: the bundle cannot talk to a network through Qt, and carries no QML."""
    names = {p.name for p in bundle.rglob("*")}
    unwanted = ("Qt6Network", "Qt6Qml", "Qt6Quick", "Qt6Pdf", "Qt6OpenGL", "Qt6WebEngine",
                "QtNetwork.", "QtQml.", "QtQuick.")
    assert not {n for n in names if any(u in n for u in unwanted)}
    translations = [p.name for p in bundle.rglob("translations/*.qm")]
    assert all(name.startswith("qtbase_") for name in translations)


ICU_PROBE = """
import functools, json
from PySide6.QtCore import QCollator, QLocale, QTextBoundaryFinder, QTimeZone
collator = QCollator(QLocale("en_US"))
words = ["zebra", "Äpfel", "apple", "Zulu", "éclair", "eclair", "Banana", "Ørsted", "Öl"]
finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Word,
                             "Call 988 - it's free. Llame al 988; es gratis.")
breaks, pos = [], finder.toNextBoundary()
while pos != -1:
    breaks.append(pos)
    pos = finder.toNextBoundary()
print(json.dumps({
    "sorted": sorted(words, key=functools.cmp_to_key(collator.compare)),
    "upper": QLocale("en_US").toUpper("straße ǆ main st."),
    "lower": QLocale("en_US").toLower("ΣΊΣΥΦΟΣ IOP"),
    "breaks": breaks,
    "zone": QTimeZone(b"America/New_York").displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("en_US")),
}))
"""


@pytest.mark.frozen
def test_trimmed_icu_data_sorts_and_cases_text_like_the_full_data(
    bundle: Path, tmp_path: Path
) -> None:
    """The bundle's smaller ICU data gives the same sorting, case mapping and word breaks."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PySide6 ships ICU only on Linux")
    trimmed = next((bundle / "_internal").rglob("libicudata.so.*"))
    only_icu = tmp_path / "icu"
    only_icu.mkdir()
    (only_icu / trimmed.name).symlink_to(trimmed.resolve())
    env = offscreen_env()
    full = subprocess.run([sys.executable, "-c", ICU_PROBE], capture_output=True, text=True,
                          env=env, timeout=TIMEOUT, check=True)
    small = subprocess.run([sys.executable, "-c", ICU_PROBE], capture_output=True, text=True,
                           env=dict(env, LD_LIBRARY_PATH=str(only_icu)), timeout=TIMEOUT,
                           check=True)
    assert json.loads(small.stdout) == json.loads(full.stdout)
    assert trimmed.stat().st_size < 8 * 2**20


# --- the release archive and the Linux installer ----------------------------------------------

def fake_app(folder: Path) -> Path:
    """A stand-in for dist/kiosk, enough for packaging tests."""
    app = folder / "kiosk"
    (app / "_internal").mkdir(parents=True)
    for name in ("kiosk", "kiosk-admin"):
        (app / name).write_text("#!/bin/sh\necho kiosk-admin 0.1.0\n", encoding="utf-8")
        (app / name).chmod(0o755)
    return app


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tar.gz is the Linux archive")
def test_release_archive_holds_app_guides_template_and_installer(tmp_path: Path) -> None:
    archive = build_bundle.make_archive(fake_app(tmp_path), tmp_path)
    version = build_bundle.version()
    assert archive.name == f"recovery-kiosk-{version}-{build_bundle.platform_tag()}.tar.gz"
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
    top = archive.name.removesuffix(".tar.gz")
    for name in ("kiosk/kiosk", "kiosk/kiosk-admin", "INSTALL.txt", "settings-template.toml",
                 "install.sh", "docs/install.md"):
        assert f"{top}/{name}" in members, name
    assert members[f"{top}/install.sh"].mode & 0o111
    assert members[f"{top}/kiosk/kiosk"].mode & 0o111


@pytest.mark.skipif(shutil.which("bash") is None or not sys.platform.startswith("linux"),
                    reason="install.sh is for Linux")
def test_installer_names_the_missing_library_and_its_package(tmp_path: Path) -> None:
    release = tmp_path / "release"
    fake_app(release)
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", release / "install.sh")
    shutil.copy(ROOT / "packaging" / "settings-template.toml", release)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "ldd").write_text(
        "#!/bin/sh\nprintf '\\tlibxcb-cursor.so.0 => not found\\n'\n", encoding="utf-8")
    (fake_bin / "ldd").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    root = tmp_path / "root"
    done = subprocess.run(["bash", str(release / "install.sh"), "--root", str(root)],
                          capture_output=True, text=True, env=env, timeout=TIMEOUT)
    assert done.returncode != 0
    assert "libxcb-cursor.so.0" in done.stderr
    assert "sudo apt-get install libxcb-cursor0" in done.stderr
    assert not root.exists()  # nothing installed


@pytest.mark.skipif(shutil.which("bash") is None or not sys.platform.startswith("linux"),
                    reason="install.sh is for Linux")
def test_installer_copies_to_opt_and_adds_autostart_keeping_settings(tmp_path: Path) -> None:
    release = tmp_path / "release"
    fake_app(release)
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", release / "install.sh")
    shutil.copy(ROOT / "packaging" / "settings-template.toml", release)
    root = tmp_path / "root"
    opt = root / "opt" / "recovery-kiosk"
    opt.mkdir(parents=True)
    (opt / "settings.toml").write_text('kiosk_zip = "05401"\n', encoding="utf-8")
    done = subprocess.run(["bash", str(release / "install.sh"), "--root", str(root),
                           "--autostart"], capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    assert (opt / "kiosk").is_file() and (opt / "kiosk-admin").is_file()
    assert (opt / "settings.toml").read_text(encoding="utf-8") == 'kiosk_zip = "05401"\n'
    entry = (root / "etc/xdg/autostart/recovery-kiosk.desktop").read_text(encoding="utf-8")
    assert "Exec=/opt/recovery-kiosk/kiosk" in entry
    assert str((root / "usr/local/bin/kiosk-admin").readlink()) == "/opt/recovery-kiosk/kiosk-admin"


def release_with_unit(tmp_path: Path, unit_text: str) -> Path:
    release = tmp_path / "release"
    fake_app(release)
    shutil.copy(ROOT / "packaging" / "linux" / "install.sh", release / "install.sh")
    shutil.copy(ROOT / "packaging" / "settings-template.toml", release)
    (release / "deploy" / "linux").mkdir(parents=True)
    (release / "deploy" / "linux" / "recovery-kiosk.service").write_text(unit_text,
                                                                        encoding="utf-8")
    shutil.copy(ROOT / "deploy" / "linux" / "kiosk-session", release / "deploy" / "linux")
    return release


@pytest.mark.skipif(shutil.which("bash") is None or not sys.platform.startswith("linux"),
                    reason="install.sh is for Linux")
def test_installer_says_what_the_systemd_unit_needs(tmp_path: Path) -> None:
    unit = ("[Service]\nUser=nobody-kiosk-test\n"
            "ExecStart=/usr/bin/cage -- /opt/recovery-kiosk/kiosk\n")
    release = release_with_unit(tmp_path, unit)
    env = dict(os.environ, PATH="/usr/bin:/bin")  # no cage here
    done = subprocess.run(["bash", str(release / "install.sh"), "--root", str(tmp_path / "r"),
                           "--systemd"], capture_output=True, text=True, env=env,
                          timeout=TIMEOUT)
    assert done.returncode != 0
    if shutil.which("cage", path="/usr/bin:/bin") is None:
        assert "apt-get install cage" in done.stderr
    assert "sudo useradd -m -G video,input,render nobody-kiosk-test" in done.stderr
    assert not (tmp_path / "r").exists()


@pytest.mark.skipif(shutil.which("bash") is None or not sys.platform.startswith("linux"),
                    reason="install.sh is for Linux")
def test_installer_installs_the_systemd_unit_for_its_prefix(tmp_path: Path) -> None:
    import getpass

    unit = (f"[Service]\nUser={getpass.getuser()}\n"
            "ExecStart=/usr/bin/cage -- /opt/recovery-kiosk/kiosk\n")
    release = release_with_unit(tmp_path, unit)
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    (fake_bin / "cage").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    (fake_bin / "cage").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    root = tmp_path / "root"
    done = subprocess.run(["bash", str(release / "install.sh"), "--root", str(root), "--systemd",
                           "--prefix", "/srv/kiosk"], capture_output=True, text=True, env=env,
                          timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr
    installed = (root / "etc/systemd/system/recovery-kiosk.service").read_text(encoding="utf-8")
    assert "ExecStart=/usr/bin/cage -- /srv/kiosk/kiosk" in installed
    assert (root / "srv/kiosk/kiosk").is_file()
    assert os.access(root / "srv/kiosk/kiosk-session", os.X_OK)


@pytest.mark.frozen
def test_frozen_kiosk_verifies_and_installs_a_signed_pack_without_cryptography(
        bundle: Path, tmp_path: Path, template_db_no_directory: Path) -> None:
    """The bundle leaves pyca/cryptography out; it must still verify what a librarian's
    source install signed, and refuse to sign itself with one plain line."""
    assert not list(bundle.rglob("cryptography"))
    keys, repo, kiosk_dir = tmp_path / "keys", tmp_path / "repo", tmp_path / "kiosk"
    source = [sys.executable, "-m", "kiosk.cli.main"]
    for args in (["keys", "init", str(keys)],
                 ["pack", "build", str(tmp_path / "one.pack"), "--content-db",
                  str(template_db_no_directory), "--content-version", "1"],
                 ["pack", "publish", str(tmp_path / "one.pack"), str(repo), "--keys", str(keys)]):
        done = subprocess.run([*source, *args], capture_output=True, text=True, timeout=120,
                              cwd=ROOT)
        assert done.returncode == 0, done.stderr
    admin = bundle / f"kiosk-admin{EXE_SUFFIX}"
    trusted = run_frozen(admin, "pack", "trust", str(keys / "root.json"),
                         "--data-dir", str(kiosk_dir))
    assert trusted.returncode == 0, trusted.stderr
    installed = run_frozen(admin, "pack", "update", "--from", str(repo),
                           "--data-dir", str(kiosk_dir))
    assert installed.returncode == 0, installed.stderr
    assert installed.stdout.strip() == "installed pack version 1"
    signing = run_frozen(admin, "keys", "init", str(tmp_path / "more-keys"))
    assert signing.returncode != 0
    assert len(signing.stderr.strip().splitlines()) == 1 and "source install" in signing.stderr


@pytest.mark.skipif(shutil.which("bash") is None or not sys.platform.startswith("linux"),
                    reason="install.sh is for Linux")
def test_installer_check_names_a_missing_xwayland_and_cages_version(tmp_path: Path) -> None:
    """cage will not start without Xwayland, and installing cage does not bring it."""
    import getpass

    release = release_with_unit(tmp_path, f"[Service]\nUser={getpass.getuser()}\n")
    tools = tmp_path / "bin"  # this computer's commands, less Xwayland and cage
    tools.mkdir()
    for folder in ("/usr/bin", "/bin"):
        for tool in Path(folder).iterdir():
            link = tools / tool.name
            if tool.name not in ("Xwayland", "cage") and not link.exists():
                link.symlink_to(tool)
    (tools / "cage").write_text("#!/bin/sh\necho 'Cage version 0.1.4'\n", encoding="utf-8")
    (tools / "cage").chmod(0o755)
    env = dict(os.environ, PATH=str(tools))
    done = subprocess.run(["bash", str(release / "install.sh"), "--check", "--systemd"],
                          capture_output=True, text=True, env=env, timeout=TIMEOUT)
    assert done.returncode != 0
    assert "Cage version 0.1.4" in done.stdout
    assert "apt-get install xwayland" in done.stderr

"""The restart contract under the real cage compositor (headless backend).

systemd restarts the kiosk unless it exits 0 (RestartPreventExitStatus=0 in the unit), but
cage 0.1.4 exits 0 whatever its client returned. deploy/linux/kiosk-session runs cage and
the kiosk and hands back the kiosk's own status; these tests run it under a real cage with
a supervisor loop that follows the unit's own Restart settings.
"""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.ui.crash import EXIT_CRASH_LOOP
from tests.helpers import ROOT

SESSION = ROOT / "deploy" / "linux" / "kiosk-session"
UNIT = ROOT / "deploy" / "linux" / "recovery-kiosk.service"
TIMEOUT = 120

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="cage is a Linux compositor")


def _wrapper_prefix() -> list[str]:
    """What runs cage as a non-root user. cage refuses to run as root, and the test may be
    root: a new user namespace without a mapping makes it 'nobody' to cage while it keeps
    reading this checkout and its virtual environment."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root and no unshare(1) to leave root for cage")
    probe = subprocess.run([unshare, "--user", "true"], capture_output=True, timeout=30,
                           check=False)
    if probe.returncode != 0:
        pytest.skip("running as root and user namespaces are not allowed here: "
                    + probe.stderr.decode(errors="replace").strip())
    return [unshare, "--user"]


def _x11_socket_dir() -> None:
    """cage starts Xwayland, which needs /tmp/.X11-unix as every X server leaves it."""
    folder = Path("/tmp/.X11-unix")
    if not folder.exists():
        folder.mkdir()
        folder.chmod(0o1777)
    mode = folder.stat().st_mode
    if not mode & stat.S_IWOTH and folder.stat().st_uid != os.geteuid():
        pytest.skip(f"{folder} is not writable here, so Xwayland cannot start")


@pytest.fixture
def cage_env(tmp_path: Path) -> dict[str, str]:
    if shutil.which("cage") is None or shutil.which("Xwayland") is None:
        pytest.skip("cage and xwayland are not installed (./dev setup installs them)")
    _x11_socket_dir()
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(XDG_RUNTIME_DIR=str(runtime), WLR_BACKENDS="headless",
               WLR_LIBINPUT_NO_DEVICES="1", WLR_RENDERER="pixman",
               QT_QPA_PLATFORM="wayland", HOME=str(tmp_path / "home"))
    return env


def _no_core_dumps() -> None:
    # Xwayland aborts when cage tears the session down; its core file would land in the
    # checkout (the session's working directory).
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_session(command: list[str], env: dict[str, str],
                **options: object) -> subprocess.CompletedProcess[bytes]:
    """Run one session in its own process group; on a timeout the whole group (cage,
    Xwayland, the client) is killed, so nothing outlives the test."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=_no_core_dumps, **options)
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        raise AssertionError(f"session did not end: {err.decode(errors='replace')[-2000:]}"
                             ) from None
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # anything it left behind
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def unit_setting(name: str) -> str:
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if line.startswith(f"{name}="):
            return line.split("=", 1)[1].strip()
    raise AssertionError(f"{name} not in {UNIT.name}")


def supervise(command: list[str], env: dict[str, str], max_starts: int = 6,
              ) -> list[tuple[int, str]]:
    """Start `command` again and again as the unit tells systemd to: (exit code, decision)."""
    assert unit_setting("Restart") == "always"
    assert "kiosk-session" in unit_setting("ExecStart")
    prevent = {int(code) for code in unit_setting("RestartPreventExitStatus").split()}
    runs = []
    for _ in range(max_starts):
        code = run_session(command, env).returncode
        decision = "stop" if code in prevent else "restart"
        runs.append((code, decision))
        if decision == "stop":
            break
    return runs


# A real Wayland client: shows a window in cage, then ends as its plan says for this start.
CLIENT = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication, QRasterWindow

    plan = Path(sys.argv[1])
    steps = plan.read_text().split()
    step, rest = steps[0], steps[1:]
    plan.write_text(" ".join(rest))
    app = QGuiApplication(sys.argv[:1])
    assert app.platformName() == "wayland", app.platformName()
    window = QRasterWindow()
    window.resize(320, 200)
    window.show()

    def end():
        if step == "segv":
            import resource
            # A real crash, without leaving a core file in the checkout.
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            signal.signal(signal.SIGSEGV, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGSEGV)
        app.exit(int(step))

    QTimer.singleShot(300, end)
    code = app.exec()
    sys.stdout.flush()
    # Straight out, as a process ends: the test is about the code reaching the supervisor,
    # not about Qt's Wayland teardown (seen to hang now and then on a loaded machine).
    os._exit(code)
""")


def test_crash_and_error_exits_restart_and_only_a_staff_exit_stops(
        cage_env: dict[str, str], tmp_path: Path) -> None:
    client = tmp_path / "client.py"
    client.write_text(CLIENT, encoding="utf-8")
    plan = tmp_path / "plan"
    plan.write_text(f"{EXIT_CRASH_LOOP} segv 0 0", encoding="utf-8")
    command = [*_wrapper_prefix(), str(SESSION), sys.executable, str(client), str(plan)]
    runs = supervise(command, cage_env)
    assert runs == [(EXIT_CRASH_LOOP, "restart"), (128 + 11, "restart"), (0, "stop")]
    assert plan.read_text(encoding="utf-8") == "0"  # it stopped: no fourth start


def test_cage_alone_hides_the_exit_code_the_wrapper_passes_on(
        cage_env: dict[str, str]) -> None:
    """Why the wrapper exists: whatever cage itself returns, the session returns 7."""
    prefix = _wrapper_prefix()
    plain = run_session([*prefix, "cage", "--", "sh", "-c", "exit 7"], cage_env)
    wrapped = run_session([*prefix, str(SESSION), "sh", "-c", "exit 7"], cage_env)
    assert wrapped.returncode == 7, wrapped.stderr
    assert plain.returncode in (0, 7)  # 0 on Debian 12's cage 0.1.4


def test_a_session_whose_kiosk_never_ran_is_not_a_clean_exit(
        cage_env: dict[str, str], tmp_path: Path) -> None:
    missing = tmp_path / "no-such-kiosk"
    done = run_session([*_wrapper_prefix(), str(SESSION), str(missing)], cage_env)
    assert done.returncode == 127  # the shell's "not found", never 0


def test_the_real_kiosk_under_cage(cage_env: dict[str, str], tmp_path: Path) -> None:
    """The kiosk itself opens its window in cage (Qt's Wayland platform) and paints."""
    kiosk = [sys.executable, "-m", "kiosk", "--data-dir", str(tmp_path / "data")]
    prefix = _wrapper_prefix()
    env = dict(cage_env, PYTHONPATH=str(ROOT))
    painted = run_session([*prefix, str(SESSION), *kiosk, "--exit-after-first-paint"], env,
                          cwd=ROOT)
    assert painted.returncode == 0, painted.stderr[-2000:]
    assert b"first paint" in painted.stdout


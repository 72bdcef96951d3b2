"""A real cupsd for tests: its own folders and socket, in the foreground, stopped after.

It runs with the kiosk's own printing settings (deploy/linux/cupsd-kiosk.conf) so the
tests check that file too. Queues print to file:/dev/null (done at once) or through the
test's "hold" backend, which keeps a job processing until the test releases it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.helpers import ROOT

KIOSK_CONF = ROOT / "deploy" / "linux" / "cupsd-kiosk.conf"
CUPS_LIB = Path("/usr/lib/cups")

HOLD_BACKEND = """#!/bin/sh
# Keeps the job processing until the file named by the device URI exists.
[ $# -eq 0 ] && { echo 'direct hold "Unknown" "Test hold"'; exit 0; }
cat > /dev/null
while [ ! -e "${DEVICE_URI#hold:}" ]; do sleep 0.05; done
exit 0
"""


def kiosk_settings() -> list[str]:
    """The directive lines of cupsd-kiosk.conf, minus where it listens."""
    lines = []
    for line in KIOSK_CONF.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text and not text.startswith("#") and not text.startswith("Listen"):
            lines.append(text)
    return lines


class CupsServer:
    def __init__(self, root: Path, process: subprocess.Popen[bytes]) -> None:
        self.root = root
        self.process = process
        self.socket = root / "cups.sock"
        self.spool = root / "spool"
        self.page_log = root / "log" / "page_log"
        self.error_log = root / "log" / "error_log"

    def spool_documents(self) -> list[Path]:
        """Files holding page contents (CUPS names them dNNNNN-NNN)."""
        return sorted(p for p in self.spool.iterdir() if p.name.startswith("d"))

    def release_file(self, queue: str) -> Path:
        return self.root / f"release-{queue}"


def available() -> str:
    """Why a real cupsd cannot run here ("" when it can)."""
    if shutil.which("cupsd") is None and not Path("/usr/sbin/cupsd").exists():
        return "cupsd is not installed (./dev setup installs cups)"
    if not (CUPS_LIB / "backend").is_dir():
        return "no CUPS backends in /usr/lib/cups"
    if os.geteuid() != 0:
        return "cupsd needs root here to run its backends as the lp user"
    return ""


@contextmanager
def running_cupsd() -> Iterator[CupsServer]:
    # Not under pytest's tmp_path: that is private to root, and CUPS runs its backends
    # as the lp user, who must reach the spool and the release files.
    root = Path(tempfile.mkdtemp(prefix="kiosk-cupsd-"))
    root.chmod(0o755)
    for name in ("etc", "spool", "spool/tmp", "cache", "state", "log", "bin", "bin/backend"):
        (root / name).mkdir(exist_ok=True)
        (root / name).chmod(0o755)
    for item in CUPS_LIB.iterdir():
        if item.name != "backend":
            (root / "bin" / item.name).symlink_to(item)
    for item in (CUPS_LIB / "backend").iterdir():
        (root / "bin" / "backend" / item.name).symlink_to(item)
    hold = root / "bin" / "backend" / "hold"
    hold.write_text(HOLD_BACKEND, encoding="utf-8")
    hold.chmod(0o755)
    (root / "etc" / "cups-files.conf").write_text("\n".join([
        f"ServerRoot {root}/etc", f"RequestRoot {root}/spool", f"TempDir {root}/spool/tmp",
        f"CacheDir {root}/cache", f"StateDir {root}/state", "DataDir /usr/share/cups",
        "DocumentRoot /usr/share/cups/doc-root", f"ServerBin {root}/bin",
        f"AccessLog {root}/log/access_log", f"ErrorLog {root}/log/error_log",
        f"PageLog {root}/log/page_log", "FileDevice Yes", "Sandboxing relaxed", "",
    ]), encoding="utf-8")
    (root / "etc" / "cupsd.conf").write_text("\n".join([
        *kiosk_settings(), f"Listen {root}/cups.sock", "WebInterface No",
        "<Location />", "Order allow,deny", "Allow all", "</Location>",
        "<Policy default>", "<Limit All>", "Order deny,allow", "Allow all", "</Limit>",
        "</Policy>", "",
    ]), encoding="utf-8")
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    conf = [cupsd, "-c", str(root / "etc" / "cupsd.conf"), "-s",
            str(root / "etc" / "cups-files.conf")]
    check = subprocess.run([*conf, "-t"], capture_output=True, text=True, timeout=30,
                           check=False)
    if check.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"cupsd refused the settings: {check.stderr or check.stdout}")
    process = subprocess.Popen([*conf, "-f"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    server = CupsServer(root, process)
    try:
        deadline = time.monotonic() + 20
        while not server.socket.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("cupsd did not start")
            time.sleep(0.02)  # waiting for another process's socket, not for the code
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)
        shutil.rmtree(root, ignore_errors=True)

"""Start-up time to the first painted Home screen, against a bare Qt window.

    .venv/bin/python benchmarks/startup.py [--runs 21] [--no-frozen] [--bundle DIR]

Each run is a new process (the OS file cache is warm after the first, discarded, run):
- kiosk:    `python -m kiosk --exit-after-first-paint` (full screen, as on a kiosk), which
            prints the time its first frame is painted and exits;
- baseline: benchmarks/bare_qt.py, a QApplication with one full-screen QLabel, same signal,
            run in pairs with the kiosk, which of the two goes first alternating from pair
            to pair (the ratio is the median of the per-pair ratios);
- frozen:   the same two built with PyInstaller (the kiosk with build_spec.spec, the baseline
            as a plain onedir build), into build/bench/ and reused while up to date.
Time is measured from just before the process is spawned to its "first paint" line; peak RSS
is the child's ru_maxrss up to its first frame (this script stays small, so the child's
count is its own; benchmarks/session.py has the peak over a whole visit). Medians and p99s
are reported. Runs offscreen on a 1920x1080 screen (benchmarks/frames.py) unless
QT_QPA_PLATFORM or --platform says otherwise. The last line is one JSON object, with the
machine's load average.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
BARE = ROOT / "benchmarks" / "bare_qt.py"
BENCH_BUILD = ROOT / "build" / "bench"


@dataclass
class Sample:
    seconds: float
    peak_rss_mib: float


def run_once(cmd: list[str], env: dict[str, str], timeout: float = 120.0) -> Sample:
    """Spawn cmd, wait for its "first paint <time>" line and exit; its own peak RSS (wait4)."""
    with tempfile.TemporaryFile() as err:
        started = time.time()
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env)
        killer = threading.Timer(timeout, proc.kill)
        killer.start()
        try:
            assert proc.stdout is not None
            out = proc.stdout.read().decode()
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        painted = [line for line in out.splitlines() if line.startswith("first paint ")]
        if proc.returncode != 0 or not painted:
            err.seek(0)
            tail = err.read().decode(errors="replace").strip()[-500:]
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {tail}")
    return Sample(float(painted[0].split()[2]) - started, usage.ru_maxrss / 1024)


def measure_pairs(names: tuple[str, str], cmds: tuple[list[str], list[str]],
                  env: dict[str, str], runs: int) -> tuple[list[Sample], list[Sample], float]:
    """Run the two commands in pairs, alternating which goes first (kiosk then baseline,
    baseline then kiosk, ...), so a noisy spell on the machine, or whatever the first run
    of a pair leaves warm, falls on both alike; returns both sample lists and the median
    of the per-pair ratios."""
    for cmd in cmds:
        run_once(cmd, env)  # warm-up: the file cache, the admin database's first creation
    first: list[Sample] = []
    second: list[Sample] = []
    for n in range(runs):
        if n % 2 == 0:
            first.append(run_once(cmds[0], env))
            second.append(run_once(cmds[1], env))
        else:
            second.append(run_once(cmds[1], env))
            first.append(run_once(cmds[0], env))
    for name, samples in zip(names, (first, second), strict=True):
        times = ", ".join(f"{s.seconds:.3f}" for s in samples)
        print(f"{name:<16} median {statistics.median(s.seconds for s in samples):.3f} s  "
              f"peak RSS {statistics.median(s.peak_rss_mib for s in samples):.1f} MiB  "
              f"runs: {times}")
    ratio = statistics.median(a.seconds / b.seconds for a, b in zip(first, second, strict=True))
    return first, second, ratio


def p99(values: list[float]) -> float:
    """The 99th percentile (nearest rank): with a few dozen runs, the slowest but one or so."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, -(-99 * len(ordered) // 100) - 1))]


def median(samples: list[Sample]) -> tuple[float, float]:
    return (statistics.median(s.seconds for s in samples),
            statistics.median(s.peak_rss_mib for s in samples))


def _build_bundle_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_bundle",
                                                  ROOT / "scripts" / "build_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def frozen_kiosk(bundle: Path | None) -> tuple[Path, float]:
    """The frozen kiosk executable, and the seconds its build took (0 when reused)."""
    if bundle is not None:
        return bundle / "kiosk", 0.0
    bb = _build_bundle_module()
    content_db = bb.build_content_db()
    built = bb.run_pyinstaller(BENCH_BUILD / "dist", BENCH_BUILD / "work", content_db,
                               if_stale=True)
    print(f"frozen kiosk: {built.app_dir} ({built.size_mb:.1f} MB), "
          + (f"built in {built.seconds:.1f} s" if built.seconds else "reused"))
    return built.app_dir / "kiosk", built.seconds


def frozen_baseline() -> Path:
    """benchmarks/bare_qt.py frozen as a plain onedir build (rebuilt when the script changes)."""
    out = BENCH_BUILD / "baseline"
    exe = out / "dist" / "bare_qt" / "bare_qt"
    stamp = out / "bare_qt.sha256"
    digest = hashlib.sha256(BARE.read_bytes() + sys.version.encode()).hexdigest()
    if exe.is_file() and stamp.is_file() and stamp.read_text() == digest:
        return exe
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir",
                    "--log-level", "WARN", "--distpath", str(out / "dist"),
                    "--workpath", str(out / "work"), "--specpath", str(out), str(BARE)],
                   check=True, capture_output=True)
    stamp.write_text(digest)
    print(f"frozen baseline: built in {time.monotonic() - started:.1f} s")
    return exe


def _offscreen_1920x1080() -> str:
    """The offscreen platform with one 1920x1080 screen (its default is 800x600), as the
    other benchmarks use it, without importing Qt into this process."""
    config = Path(tempfile.gettempdir()) / "kiosk-bench-screen-1920x1080.json"
    config.write_text(json.dumps({"screens": [{"name": "kiosk", "x": 0, "y": 0,
                                               "width": 1920, "height": 1080,
                                               "logicalDpi": 96, "dpr": 1}]}))
    return f"offscreen:configfile={config}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=21)
    p.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    p.add_argument("--no-frozen", action="store_true", help="skip the PyInstaller builds")
    p.add_argument("--bundle", type=Path, help="use this dist/kiosk instead of building one")
    args = p.parse_args(argv)
    if args.platform == "offscreen":  # no display asked for, no screen size: the kiosk's
        args.platform = _offscreen_1920x1080()

    env = dict(os.environ, QT_QPA_PLATFORM=args.platform)
    env.pop("KIOSK_DATA_DIR", None)
    # Measure Python as installed: with cached bytecode (the warm-up run writes __pycache__).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result: dict[str, object] = {"runs": args.runs, "platform": args.platform}
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as tmp:
        data = ["--data-dir", str(Path(tmp) / "data")]
        kiosk, baseline, ratio = measure_pairs(
            ("kiosk", "bare Qt"),
            ([sys.executable, "-m", "kiosk", "--exit-after-first-paint", *data],
             [sys.executable, str(BARE)]), env, args.runs)
        (k_s, k_rss), (b_s, b_rss) = median(kiosk), median(baseline)
        result.update(kiosk_p99_s=round(p99([s.seconds for s in kiosk]), 3),
                      baseline_p99_s=round(p99([s.seconds for s in baseline]), 3),
                      ratio_p99=round(p99([a.seconds / b.seconds
                                           for a, b in zip(kiosk, baseline, strict=True)]), 2))
        result.update(kiosk_s=round(k_s, 3), baseline_s=round(b_s, 3),
                      ratio=round(ratio, 2), peak_rss_mib=round(k_rss, 1),
                      baseline_peak_rss_mib=round(b_rss, 1))
        if not args.no_frozen:
            exe, build_s = frozen_kiosk(args.bundle)
            bare_exe = frozen_baseline()
            fk, fb, frozen_ratio = measure_pairs(
                ("frozen kiosk", "frozen bare Qt"),
                ([str(exe), "--exit-after-first-paint", *data], [str(bare_exe)]), env,
                args.runs)
            (fk_s, fk_rss), (fb_s, fb_rss) = median(fk), median(fb)
            result.update(frozen_kiosk_s=round(fk_s, 3), frozen_baseline_s=round(fb_s, 3),
                          frozen_ratio=round(frozen_ratio, 2),
                          frozen_peak_rss_mib=round(fk_rss, 1),
                          frozen_baseline_peak_rss_mib=round(fb_rss, 1))
            if build_s:
                result["frozen_build_s"] = round(build_s, 1)
    print(f"ratio {result['ratio']} (goal <= 2.0), peak RSS {result['peak_rss_mib']} MiB "
          "(goal < 110)")
    result["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Build the offline bundle (dist/kiosk/) and the release archive librarians install from.

    .venv/bin/python scripts/build_bundle.py            # DB (if stale) -> PyInstaller -> archive
    .venv/bin/python scripts/build_bundle.py --no-archive --dist /tmp/d --work /tmp/w

Steps:
1. db/content.sqlite is rebuilt when stale, with the real SAMHSA directory when
   ../shared/data/samhsa (or $KIOSK_SAMHSA_DIR) exists.
2. PyInstaller builds build_spec.spec into <dist>/kiosk/ (onedir). The size is printed.
3. The release archive <dist>/recovery-kiosk-<version>-<platform>.tar.gz (zip on Windows and
   macOS) holds the app, the deployment guides from docs/, a settings template, INSTALL.txt and,
   on Linux, install.sh and the systemd unit from deploy/linux/.

PyInstaller does not cross-compile: run this on the system you ship to (see docs/install.md).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import subprocess
import sys
import tarfile
import time
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_spec.spec"
APP_NAME = "kiosk"
# dist/kiosk on Linux, in MB of 10**6 bytes. kiosk-admin's HSDS validator (frictionless with
# pydantic, about 11 MB: its modules sit in both executables' archives) took it from 110.
SIZE_BUDGET_MB = 120

# Everything the bundle is made from: when none of it changed, --if-stale reuses the build.
INPUT_GLOBS = ["kiosk/**/*.py", "resources/**/*", "build_spec.spec", "scripts/icu_trim.py",
               "pyproject.toml", "requirements.lock"]


@dataclass(frozen=True)
class Bundle:
    app_dir: Path
    seconds: float  # 0.0 when an up-to-date build was reused
    size_bytes: int
    archive: Path | None = None

    @property
    def size_mb(self) -> float:
        return self.size_bytes / 1e6


def version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(sys.platform,
                                                                          sys.platform)
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def tree_size(path: Path) -> int:
    """Bytes of the regular files under path (symbolic links count as nothing, like du)."""
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def inputs_digest(content_db: Path) -> str:
    h = hashlib.sha256()
    files = sorted({p for g in INPUT_GLOBS for p in ROOT.glob(g) if p.is_file()})
    for p in [*files, content_db]:
        h.update(str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p.name).encode())
        h.update(p.read_bytes())
    h.update(sys.version.encode())
    return h.hexdigest()


def build_content_db() -> Path:
    """db/content.sqlite, rebuilt when older than its sources (real directory if present)."""
    subprocess.run([sys.executable, str(ROOT / "db" / "build.py"), "--if-stale"], check=True)
    return ROOT / "db" / "content.sqlite"


def run_pyinstaller(dist: Path, work: Path, content_db: Path, *, if_stale: bool = False,
                    quiet: bool = True) -> Bundle:
    """Build <dist>/kiosk with build_spec.spec; reuse it when --if-stale and nothing changed."""
    app_dir = dist / APP_NAME
    stamp = dist / f"{APP_NAME}.inputs.sha256"
    digest = inputs_digest(content_db)
    if if_stale and app_dir.is_dir() and stamp.is_file() and stamp.read_text() == digest:
        return Bundle(app_dir, 0.0, tree_size(app_dir))
    stamp.unlink(missing_ok=True)
    env = dict(os.environ, KIOSK_BUNDLE_CONTENT_DB=str(content_db))
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
           "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    if quiet:
        cmd[3:3] = ["--log-level", "WARN"]
    started = time.monotonic()
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=quiet, text=True)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        if quiet:
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-8000:])
        raise SystemExit(f"PyInstaller failed (exit {done.returncode})")
    stamp.write_text(digest)
    return Bundle(app_dir, seconds, tree_size(app_dir))


def _release_files(app_dir: Path) -> list[tuple[Path, str]]:
    """(source, name inside the archive's top folder)."""
    files = [(app_dir, APP_NAME)]
    files += [(p, f"docs/{p.name}") for p in sorted((ROOT / "docs").glob("*.md"))]
    files += [(ROOT / "packaging" / "settings-template.toml", "settings-template.toml"),
              (ROOT / "packaging" / "INSTALL.txt", "INSTALL.txt")]
    if sys.platform.startswith("linux"):
        files.append((ROOT / "packaging" / "linux" / "install.sh", "install.sh"))
    # The operations files for this system (deploy/linux/: the systemd unit and friends).
    system = platform_tag().split("-")[0]
    files.append((ROOT / "deploy" / system, f"deploy/{system}"))
    return [(src, name) for src, name in files if src.exists()]


def make_archive(app_dir: Path, dist: Path) -> Path:
    top = f"recovery-kiosk-{version()}-{platform_tag()}"
    files = _release_files(app_dir)
    if sys.platform.startswith("linux"):
        out = dist / f"{top}.tar.gz"
        tmp = out.with_name(out.name + ".part")
        with tarfile.open(tmp, "w:gz", compresslevel=6) as tar:
            for src, name in files:
                tar.add(src, arcname=f"{top}/{name}", filter=_tar_filter)
        tmp.replace(out)
        return out
    out = dist / f"{top}.zip"
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for src, name in files:
            for path in [src] if src.is_file() else sorted(src.rglob("*")):
                if path.is_file():
                    arc = name if path == src else f"{name}/{path.relative_to(src).as_posix()}"
                    zf.write(path, f"{top}/{arc}")
    tmp.replace(out)
    return out


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    if info.name.endswith(("install.sh", f"{APP_NAME}/{APP_NAME}")):
        info.mode = 0o755
    return info


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    p.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller work folder")
    p.add_argument("--content-db", type=Path, help="bundle this content DB instead of db/")
    p.add_argument("--no-archive", action="store_true", help="only build dist/kiosk")
    p.add_argument("--if-stale", action="store_true", help="reuse an up-to-date dist/kiosk")
    p.add_argument("--verbose", action="store_true", help="show PyInstaller's log")
    args = p.parse_args(argv)

    content_db = args.content_db or build_content_db()
    bundle = run_pyinstaller(args.dist, args.work, content_db, if_stale=args.if_stale,
                             quiet=not args.verbose)
    how = f"built in {bundle.seconds:.0f} s" if bundle.seconds else "up to date, reused"
    print(f"{bundle.app_dir}: {bundle.size_mb:.1f} MB ({bundle.size_bytes / 2**20:.1f} MiB), "
          f"{how}")
    if sys.platform.startswith("linux") and bundle.size_mb > SIZE_BUDGET_MB:
        print(f"warning: over the {SIZE_BUDGET_MB} MB budget", file=sys.stderr)
    if not args.no_archive:
        archive = make_archive(bundle.app_dir, args.dist)
        print(f"{archive}: {archive.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

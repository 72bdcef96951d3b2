"""`kiosk-admin pack ...`: build, publish and install signed content packs."""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from kiosk import paths, settings_file
from kiosk.cli.common import add_content_db_option, add_data_dir_option, admin_conn
from kiosk.logs import setup_logging
from kiosk.packs import installed
from kiosk.packs.pack import DEFAULT_FRESH_DAYS, PackError, build_pack
from kiosk.present.settings import Key, LiveSettings
from kiosk.store.admin import SettingsRepository


def register(sub: Any) -> None:
    parser = sub.add_parser("pack", help="build, publish and install signed content packs")
    packs = parser.add_subparsers(dest="pack_command", required=True, metavar="ACTION")

    build = packs.add_parser("build", help="make one pack file from a content database")
    build.add_argument("out", type=Path, help="the pack file to write")
    add_content_db_option(build)
    build.add_argument("--content-version", type=int, default=None,
                       help="a whole number larger than the last published (default: the "
                            "build time as YYYYMMDDHHMMSS)")
    build.add_argument("--from-sources", action="store_true",
                       help="build the content database afresh from resources/ (and the "
                            "SAMHSA data folder) first: the source install's db/build.py")
    build.add_argument("--samhsa-dir", type=Path, default=None,
                       help="with --from-sources: the SAMHSA data folder to include "
                            "(default: as db/build.py finds it)")
    build.add_argument("--no-directory", action="store_true",
                       help="with --from-sources: leave the program directory out")
    build.set_defaults(run=run_build)

    publish = packs.add_parser("publish", help="sign a pack into a repository folder")
    publish.add_argument("pack", type=Path)
    publish.add_argument("repo_dir", type=Path, help="the repository folder (made if new)")
    _add_keys_and_expiry(publish)
    publish.set_defaults(run=run_publish)

    refresh = packs.add_parser("refresh", help="re-sign the current pack with new expiry dates")
    refresh.add_argument("repo_dir", type=Path)
    _add_keys_and_expiry(refresh)
    refresh.set_defaults(run=run_refresh)

    trust = packs.add_parser("trust", help="on a kiosk: trust the publisher's root.json")
    trust.add_argument("root_file", type=Path, help="root.json from the signing-keys folder")
    trust.add_argument("--replace", action="store_true",
                       help="replace a root this kiosk already trusts")
    add_data_dir_option(trust)
    trust.set_defaults(run=run_trust)

    # On a kiosk these two are also plain `kiosk-admin update` and `kiosk-admin rollback`,
    # the words a librarian (or an unattended timer) reaches for.
    for group in (packs, sub):
        upd = group.add_parser("update",
                               help="on a kiosk: fetch, verify and install the newest pack")
        upd.add_argument("--from", dest="source", default=None, metavar="FOLDER_OR_URL",
                         help="the repository: a folder, a mounted USB stick or share, or an "
                              "http(s) URL on the library's network (default: the kiosk's "
                              "pack_source setting)")
        add_data_dir_option(upd)
        upd.set_defaults(run=run_update)

        back = group.add_parser("rollback", help="on a kiosk: go back to the previous pack")
        add_data_dir_option(back)
        back.set_defaults(run=run_rollback)

    show = packs.add_parser("status", help="on a kiosk: trusted root, installed pack, last check")
    add_data_dir_option(show)
    show.set_defaults(run=run_status)


def _add_keys_and_expiry(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--keys", type=Path, required=True, metavar="KEYS_DIR",
                        help="the signing-keys folder made by `kiosk-admin keys init`")
    parser.add_argument("--expires-days", type=int, default=DEFAULT_FRESH_DAYS,
                        help="days kiosks accept this publication before it must be "
                             f"refreshed (default {DEFAULT_FRESH_DAYS})")


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def run_build(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="kiosk-pack-") as scratch:
        db = args.content_db or paths.default_content_db()
        if args.from_sources:
            db = Path(scratch) / "content.sqlite"
            problem = _build_from_sources(db, args.samhsa_dir, args.no_directory)
            if problem:
                return _fail(problem)
        try:
            manifest = build_pack(db, args.out, args.content_version)
        except PackError as exc:
            return _fail(str(exc))
    print(f"wrote {args.out}: pack version {manifest.content_version}, "
          f"languages {', '.join(manifest.languages)}, "
          f"directory {manifest.directory_date or 'none'}")
    return 0


def _build_from_sources(out: Path, samhsa_dir: Path | None, no_directory: bool) -> str:
    """Run the source install's db/build.py into `out`; "" or the one line that went wrong."""
    script = paths.bundle_root() / "db" / "build.py"
    if paths.is_frozen() or not script.is_file():
        return ("--from-sources needs the source install (db/build.py); the kiosk bundle "
                "can pack its installed database instead (leave --from-sources out)")
    command = [sys.executable, str(script), "--out", str(out)]
    if no_directory:
        command.append("--no-directory")
    elif samhsa_dir is not None:
        command += ["--samhsa-dir", str(samhsa_dir)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["db/build.py failed"])[-1]
        return f"the content database could not be built from the sources: {said}"
    return ""


# kiosk.packs.repository and .update load TUF, securesystemslib and urllib3 (about 0.2 s):
# imported by the commands that use them, so every other kiosk-admin command starts without.


def run_publish(args: argparse.Namespace) -> int:
    from kiosk.packs import repository

    try:
        done = repository.publish(args.pack, args.repo_dir, args.keys,
                                  fresh_days=args.expires_days)
    except repository.PublishError as exc:
        return _fail(str(exc))
    print(f"published pack version {done.manifest.content_version} to {args.repo_dir}; "
          f"kiosks accept it until {done.expires:%Y-%m-%d} "
          "(run `kiosk-admin pack refresh` before then); copy the whole folder to kiosks' source")
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    from kiosk.packs import repository

    try:
        expires = repository.refresh(args.repo_dir, args.keys, fresh_days=args.expires_days)
    except repository.PublishError as exc:
        return _fail(str(exc))
    print(f"re-signed {args.repo_dir}; kiosks accept it until {expires:%Y-%m-%d}")
    return 0


def run_trust(args: argparse.Namespace) -> int:
    from kiosk.packs import update

    try:
        fingerprint = update.trust_root(paths.data_dir(args.data_dir), args.root_file,
                                        replace=args.replace)
    except update.UpdateRefusedError as exc:
        return _fail(str(exc))
    print(f"this kiosk now trusts root {fingerprint}; compare it with the fingerprint "
          "`kiosk-admin keys init` printed on the publishing PC")
    return 0


def _log_to_kiosk_log(args: argparse.Namespace) -> None:
    """Updates and refusals go to the kiosk's own log; the terminal gets one line."""
    if setup_logging(paths.log_dir(args.data_dir)) is None:
        logging.getLogger("kiosk.packs").addHandler(logging.NullHandler())


def run_update(args: argparse.Namespace) -> int:
    from kiosk.packs import update

    _log_to_kiosk_log(args)
    source = args.source or _configured_source(args)
    if not source:
        return _fail("no pack source: give --from FOLDER_OR_URL, or set pack_source in "
                     "settings.toml or on the admin screen")
    try:
        result = update.update(paths.data_dir(args.data_dir), source)
    except update.UpdateRefusedError as exc:
        return _fail(f"{exc}; the installed content is unchanged")
    print(result.message)
    return 0


def _configured_source(args: argparse.Namespace) -> str:
    """The kiosk's pack_source setting: the admin screen's value, else settings.toml's."""
    conn = admin_conn(args)
    try:
        toml = settings_file.load(paths.settings_file(args.data_dir))
        return LiveSettings(SettingsRepository(conn), toml).text(Key.PACK_SOURCE)
    finally:
        conn.close()


def run_rollback(args: argparse.Namespace) -> int:
    from kiosk.packs import update

    _log_to_kiosk_log(args)
    try:
        manifest = update.rollback(paths.data_dir(args.data_dir))
    except update.UpdateRefusedError as exc:
        return _fail(str(exc))
    print(f"back to pack version {manifest.content_version}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    state = installed.status(paths.data_dir(args.data_dir))
    print(f"trusted root: {state.fingerprint or 'none (run `kiosk-admin pack trust`)'}")
    if state.installed is None:
        print("installed pack: none (the bundled content)")
    else:
        m = state.installed.manifest
        print(f"installed pack: version {m.content_version}, built {m.built_at}, "
              f"from {state.installed.source}, installed {state.installed.installed_at}")
    if state.last_check is not None:
        print(f"last check: {state.last_check.get('at')} from {state.last_check.get('source')}: "
              f"{state.last_check.get('result')}")
    return 0

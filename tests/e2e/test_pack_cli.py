"""`kiosk-admin keys` and `kiosk-admin pack` as subprocesses, as a librarian runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def kiosk_admin(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )


def ok(*args: str | Path) -> str:
    result = kiosk_admin(*args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_publish_then_update_a_kiosk_then_refuse_a_tampered_pack(
        tmp_path: Path, template_db_no_directory: Path) -> None:
    keys, repo, kiosk = tmp_path / "keys", tmp_path / "repo", tmp_path / "kiosk"
    said = ok("keys", "init", keys)
    assert str(keys.resolve()) in said and "Never copy" in said
    assert "targets-1.key.pem" in said
    fingerprint = said.rsplit("root fingerprint: ", 1)[1].strip()

    ok("pack", "build", tmp_path / "one.pack", "--content-db", template_db_no_directory,
       "--content-version", "1")
    assert "published pack version 1" in ok("pack", "publish", tmp_path / "one.pack", repo,
                                            "--keys", keys)
    assert fingerprint in ok("pack", "trust", keys / "root.json", "--data-dir", kiosk)
    assert ok("pack", "update", "--from", repo, "--data-dir", kiosk).strip() == \
        "installed pack version 1"
    installed = (kiosk / "packs" / "content.sqlite").read_bytes()

    ok("pack", "build", tmp_path / "two.pack", "--content-db", template_db_no_directory,
       "--content-version", "2")
    ok("pack", "publish", tmp_path / "two.pack", repo, "--keys", keys)
    for pack in (repo / "targets").glob("*.content.pack"):
        pack.write_bytes(pack.read_bytes()[:-10] + b"0123456789")
    refused = kiosk_admin("pack", "update", "--from", repo, "--data-dir", kiosk)
    assert refused.returncode == 1
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "tampered" in lines[0] and "unchanged" in lines[0], refused.stderr
    assert "Traceback" not in refused.stderr + refused.stdout
    assert (kiosk / "packs" / "content.sqlite").read_bytes() == installed

    status = ok("pack", "status", "--data-dir", kiosk)
    assert fingerprint in status and "installed pack: version 1" in status
    assert "tampered" in status  # the last check says why nothing changed


def test_update_without_a_trusted_root_says_what_to_run(tmp_path: Path) -> None:
    (tmp_path / "repo" / "metadata").mkdir(parents=True)
    result = kiosk_admin("pack", "update", "--from", tmp_path / "repo",
                         "--data-dir", tmp_path / "kiosk")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "kiosk-admin pack trust" in result.stderr


def test_kiosk_admin_update_uses_the_kiosks_pack_source_setting(
        tmp_path: Path, template_db_no_directory: Path) -> None:
    keys, repo, kiosk = tmp_path / "keys", tmp_path / "repo", tmp_path / "kiosk"
    ok("keys", "init", keys)
    ok("pack", "trust", keys / "root.json", "--data-dir", kiosk)
    unset = kiosk_admin("update", "--data-dir", kiosk)
    assert unset.returncode != 0 and "pack_source" in unset.stderr
    assert len(unset.stderr.strip().splitlines()) == 1
    (kiosk / "settings.toml").write_text(f'pack_source = "{repo}"\n', encoding="utf-8")
    for version in ("1", "2"):
        ok("pack", "build", tmp_path / f"{version}.pack", "--content-db",
           template_db_no_directory, "--content-version", version)
        ok("pack", "publish", tmp_path / f"{version}.pack", repo, "--keys", keys)
        assert ok("update", "--data-dir", kiosk).strip() == f"installed pack version {version}"
    assert ok("rollback", "--data-dir", kiosk).strip() == "back to pack version 1"


def test_a_pack_built_from_the_content_sources(tmp_path: Path) -> None:
    said = ok("pack", "build", tmp_path / "fresh.pack", "--from-sources", "--no-directory",
              "--content-version", "7")
    assert "pack version 7" in said and "languages en" in said
    broken = kiosk_admin("pack", "build", tmp_path / "x.pack", "--from-sources",
                         "--samhsa-dir", tmp_path / "no-such-folder")
    assert broken.returncode != 0 and "Traceback" not in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


def test_commands_without_packs_start_without_tuf() -> None:
    """Signing and updates load TUF, securesystemslib and urllib3 (about 0.2 s before each
    command's first line); only the key and pack commands that use them pay for that."""
    code = ("import sys, kiosk.cli.main as m; m.build_parser(); "
            "print(sorted({n.split('.')[0] for n in sys.modules} & "
            "{'tuf', 'securesystemslib', 'urllib3'}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr

"""`kiosk-admin keys init`: the publisher's signing keys for content packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    parser = sub.add_parser("keys", help="make the signing keys for content packs")
    keys = parser.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    init = keys.add_parser("init", help="make Ed25519 keys and the root kiosks will trust")
    init.add_argument("keys_dir", type=Path,
                      help="an empty folder on the publishing PC or an offline USB stick")
    init.add_argument("--root-keys", type=int, default=1,
                      help="how many root keys to make (give each to a different person)")
    init.add_argument("--root-threshold", type=int, default=1,
                      help="how many root keys must sign a change of keys")
    init.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    # TUF and securesystemslib (about 0.1 s) only for this command, not every kiosk-admin start
    from kiosk.packs.repository import PublishError, init_keys

    try:
        made = init_keys(args.keys_dir, root_keys=args.root_keys,
                         root_threshold=args.root_threshold)
    except PublishError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"private signing keys are in {made.keys_dir.resolve()}:")
    for path in made.private_keys:
        print(f"  {path.name}")
    print("Never copy this folder, or any .key.pem file, to a kiosk. Keep it on the "
          "publishing PC or an offline USB stick, with a backup in a safe.")
    print(f"Copy only {made.root_file.name} to each kiosk (`kiosk-admin pack trust "
          f"{made.root_file.name}`).")
    print(f"root fingerprint: {made.fingerprint}")
    return 0

"""`kiosk-admin print ...`: handouts as PDF for outreach workers.

    kiosk-admin print checklist --pdf OUT.pdf [--paper letter|a4] [--lang es]
    kiosk-admin print facility ID --pdf OUT.pdf [--zip ZIP] [--lang es]
    kiosk-admin print directory --state XX [--level LEVEL] [--zip ZIP --radius MILES] --pdf OUT.pdf

--lang prints in another language the content database holds: its checklist, helplines,
service labels and the printout's own words. A program's name, address and phones stay as
the directory lists them.

Qt is reached only through kiosk.ui.printing, imported inside `run` (the command line
stays fast and Qt-free until a PDF is actually drawn).
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from kiosk.cli.common import add_content_options, content_conn, content_lang
from kiosk.domain import DIRECTORY_LEVELS
from kiosk.present.codes import level_label
from kiosk.present.localise import localise_facility
from kiosk.store.content import FALLBACK_LANG, ContentRepository
from kiosk.store.directory import DirectoryRepository

PAPERS = ("letter", "a4")


def _zip(text: str) -> str:
    if len(text) != 5 or not text.isdigit():
        raise argparse.ArgumentTypeError(f"a ZIP code is 5 digits, not {text!r}")
    return text


def _state(text: str) -> str:
    if len(text) != 2 or not text.isalpha():
        raise argparse.ArgumentTypeError(f"a state is a two-letter code like VT, not {text!r}")
    return text.upper()


def _miles(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"miles must be a number, not {text!r}") from None
    if not 0 < value <= 500:
        raise argparse.ArgumentTypeError("the radius must be between 0 and 500 miles")
    return value


def register(sub: Any) -> None:
    parser = sub.add_parser("print", help="make handouts as PDF (checklist, program, booklet)")
    kinds = parser.add_subparsers(dest="what", required=True, metavar="WHAT")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--pdf", type=Path, required=True, metavar="OUT.pdf",
                       help="the PDF file to write")
        p.add_argument("--paper", choices=PAPERS, default="letter",
                       help="paper size (default: letter)")
        p.add_argument("--lang", default=FALLBACK_LANG, metavar="CODE",
                       help=f"language of the printout, e.g. es (default: {FALLBACK_LANG})")
        add_content_options(p)
        p.set_defaults(run=run)

    checklist = kinds.add_parser("checklist", help="the checklist, one page")
    common(checklist)

    facility = kinds.add_parser("facility", help="one program's information slip, one page")
    facility.add_argument("id", help="the facility id (see kiosk-admin search)")
    facility.add_argument("--zip", type=_zip, help="print the distance from this ZIP code")
    common(facility)

    directory = kinds.add_parser("directory", help="a booklet of a state's programs by city")
    directory.add_argument("--state", type=_state, required=True, help="two-letter state code")
    directory.add_argument("--level", choices=DIRECTORY_LEVELS, action="append",
                           help="only programs offering this level of care (repeatable)")
    directory.add_argument("--zip", type=_zip, help="only programs near this ZIP code")
    directory.add_argument("--radius", type=_miles, metavar="MILES",
                           help="with --zip: only programs this close")
    common(directory)


def run(args: argparse.Namespace) -> int:
    if getattr(args, "radius", None) is not None and not getattr(args, "zip", None):
        print("error: --radius needs --zip", file=sys.stderr)
        return 2
    conn = content_conn(args)
    if conn is None:
        return 2
    try:
        return _print(args, conn)
    finally:
        conn.close()


def _print(args: argparse.Namespace, conn: sqlite3.Connection) -> int:
    from kiosk.ui import printing  # Qt only from here on

    started = time.perf_counter()
    lang = content_lang(args, conn)
    if lang is None:
        return 2
    printing.ensure_gui_app()
    if not printing.install_language(lang):
        print(f"error: the printout words for {lang!r} are not built "
              f"(resources/i18n/kiosk_{lang}.qm; ./dev setup builds it)", file=sys.stderr)
        return 2
    tr = printing.tr
    content = ContentRepository(conn, lang)
    labels = content.service_labels()
    directory = DirectoryRepository(conn)
    helplines = content.helplines()
    info = content.info()
    if args.what == "checklist":
        printout = printing.checklist_printout(content.checklist(), (), helplines, info)
        label = "checklist"
    else:
        if not directory.has_directory():
            print("error: this content database has no program directory "
                  "(import one with kiosk-admin import)", file=sys.stderr)
            return 2
        if args.what == "facility":
            near = directory.zip_position(args.zip) if args.zip else None
            if args.zip and near is None:
                print(f"error: ZIP code {args.zip} is not known", file=sys.stderr)
                return 2
            facility = directory.facility(args.id, near=near)
            if facility is None:
                print(f"error: no program with id {args.id!r}", file=sys.stderr)
                return 2
            printout = printing.facility_printout(localise_facility(facility, labels),
                                                  helplines, info, args.zip or "")
            label = facility.name
        else:
            if args.zip and directory.zip_position(args.zip) is None:
                print(f"error: ZIP code {args.zip} is not known", file=sys.stderr)
                return 2
            found = [localise_facility(f, labels) for f in directory.search_facilities(
                state=args.state, levels=set(args.level or ()), near_zip=args.zip,
                radius_miles=args.radius)]
            title = tr("Treatment programs in %1").replace("%1", _state_name(args.state))
            parts = []
            if args.level:
                parts.append(tr("offering %1").replace("%1", tr(" or ").join(
                    level_label(lv, tr) for lv in args.level)))
            if args.zip:
                parts.append(tr("within %1 miles of ZIP %2").replace("%1", f"{args.radius:g}")
                             .replace("%2", args.zip) if args.radius
                             else tr("nearest ZIP %1 first").replace("%1", args.zip))
            count = (tr("1 program") if len(found) == 1
                     else tr("%1 programs").replace("%1", str(len(found))))
            subtitle = count + (", " + ", ".join(parts) if parts else "")
            printout = printing.booklet_printout(found, helplines, info, title, subtitle)
            label = f"{len(found)} programs"
            del found  # the printout has their text: not kept while the pages are laid out
    pages = printing.write_pdf(printout, args.pdf, args.paper)
    seconds = time.perf_counter() - started
    print(f"wrote {args.pdf}: {label}, {pages} page{'s' if pages != 1 else ''} "
          f"({args.paper}, {seconds:.1f} s)")
    return 0


def _state_name(code: str) -> str:
    try:
        import us

        state = us.states.lookup(code)
    except Exception:  # noqa: BLE001 - the code itself is a fine fallback
        state = None
    return str(state.name) if state is not None else code

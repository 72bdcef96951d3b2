"""The librarian's imported directory, kept apart from the installed app.

An app update replaces the bundled content database, so an import into it would be lost.
The import instead writes a copy of the content database into the kiosk's data folder
(`paths.imported_content_db`), and the kiosk chooses among what it has:

    a database named on the command line or in the environment
    > the newer of the installed signed pack and the imported directory
    > the bundled database

"Newer" is the file's modification time: whichever the librarian (or the pack updater)
put in place last is what they mean the kiosk to show. A candidate this app cannot open
(an app update changed the schema, the file is damaged) is passed over with a plain reason.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kiosk import paths
from kiosk.store.connect import SCHEMA_VERSION, ContentDbError, open_content_db

log = logging.getLogger(__name__)

PACK = "pack"
IMPORTED = "imported"
BUNDLED = "bundled"
NAMED = "named"

LABELS = {
    PACK: "the installed content pack",
    IMPORTED: "the imported directory",
    BUNDLED: "the directory that came with the app",
    NAMED: "the named content database",
}


@dataclass(frozen=True)
class Candidate:
    kind: str
    path: Path

    @property
    def label(self) -> str:
        return LABELS[self.kind]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def candidates(*, pack_db: Path | None, imported_db: Path | None,
               bundled_db: Path) -> list[Candidate]:
    """The content databases to try, best first."""
    local = [Candidate(kind, path) for kind, path in ((PACK, pack_db), (IMPORTED, imported_db))
             if path is not None and path.is_file()]
    local.sort(key=lambda c: _mtime(c.path), reverse=True)
    return [*local, Candidate(BUNDLED, bundled_db)]


def why_not(candidate: Candidate, exc: ContentDbError) -> str:
    """One line for the log and the admin screen when a candidate is passed over."""
    text = str(exc)
    if "version" in text and candidate.kind == IMPORTED:
        return (f"{candidate.label} ({candidate.path}) was saved by an app version with a "
                f"different database layout ({text}); import the directory again "
                "(kiosk-admin import ...) to use it with this version")
    return f"{candidate.label} not used: {text}"


def open_first(options: list[Candidate]) -> tuple[sqlite3.Connection, Candidate, list[str]]:
    """Open the first candidate that opens; the reasons the ones before it were passed
    over. The last (bundled) one's error is raised as it is."""
    passed: list[str] = []
    for number, option in enumerate(options):
        try:
            return open_content_db(option.path), option, passed
        except ContentDbError as exc:
            if number == len(options) - 1:
                raise
            passed.append(why_not(option, exc))
    raise ContentDbError("no content database to open")


@dataclass(frozen=True)
class Opened:
    """The content database the kiosk shows, which one it is, and why better ones were
    passed over."""
    conn: sqlite3.Connection
    chosen: Candidate
    passed: list[str]

    @property
    def note(self) -> str:
        return " ".join([*self.passed, f"In use: {self.chosen.label} ({self.chosen.path})."])


def kiosk_choices(*, named: Path | None, pack_db: Path | None,
                  data_override: Path | None) -> list[Candidate]:
    """What the kiosk would try, best first: the named database alone (command line, else
    the environment), else the pack, imported directory and bundled database. `pack_db`
    comes from kiosk.packs, which this layer may not import."""
    named = named or paths.content_db_override()
    if named is not None:
        return [Candidate(NAMED, Path(named))]
    return candidates(pack_db=pack_db, imported_db=paths.imported_content_db(data_override),
                      bundled_db=paths.bundled_content_db())


def carry_over(imported: Path, options: list[Candidate]) -> str:
    """After an app update that changed the database layout, put the librarian's imported
    directory (saved in the older layout) into the app's current content, in place, so
    the kiosk keeps showing it. One line saying what happened, '' when nothing was to do.

    The file keeps its old modification time: it is still the directory the librarian put
    in place then, and "newer of pack and imported directory" must still mean that."""
    from kiosk.store import directory as store  # only here: not on the kiosk's start path

    version = store.schema_version_of(imported)
    if version is None or version >= SCHEMA_VERSION:
        return ""
    base = next((c for c in options if c.kind in (PACK, BUNDLED) and usable(c.path)), None)
    if base is None:
        return ""
    try:
        saved = imported.stat()
        with staged_copy(base.path, imported) as partial:
            count = store.carry_directory(partial, imported)
        os.utime(imported, ns=(saved.st_atime_ns, saved.st_mtime_ns))
    except (store.DirectoryDbError, OSError, sqlite3.Error) as exc:
        line = (f"{LABELS[IMPORTED]} ({imported}) is in an older app version's layout and "
                f"could not be brought up to date ({exc}); import the directory again")
        log.warning("%s", line)
        return line
    line = (f"{LABELS[IMPORTED]} ({count:,} programs) was saved by an older app version; it "
            f"now uses this version's layout and {base.label}'s guide and questions")
    log.info("%s", line)
    return line


def open_for_kiosk(*, named: Path | None, pack_db: Path | None,
                   data_override: Path | None) -> Opened:
    """The one choice of content database shared by the kiosk and kiosk-admin; raises
    ContentDbError when not even the last choice opens."""
    options = kiosk_choices(named=named, pack_db=pack_db, data_override=data_override)
    notes = [line for c in options if c.kind == IMPORTED
             for line in [carry_over(c.path, options)] if line]
    conn, chosen, passed = open_first(options)
    return Opened(conn, chosen, [*notes, *passed])


def usable(path: Path) -> bool:
    try:
        open_content_db(path).close()
    except ContentDbError:
        return False
    return True


@contextlib.contextmanager
def staged_copy(base: Path, target: Path) -> Iterator[Path]:
    """A fresh copy of `base` beside `target`, for the caller to import into; moved over
    `target` in one rename when the block ends, removed (and `target` left as it was) on
    any error."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"{base.resolve().as_uri()}?mode=ro", uri=True)
        try:
            dest = sqlite3.connect(partial)
            try:
                source.backup(dest)
            finally:
                dest.close()
        finally:
            source.close()
        yield partial
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)

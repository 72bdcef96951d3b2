"""An Open Referral HSDS data package on disk: found, opened, its CSV tables read with
their line numbers. No validation rules here beyond what reading needs (see hsds_validate).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

DESCRIPTOR = "datapackage.json"
#: A package larger than this once unpacked is refused (a resource list is a few MB).
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
#: The HSDS versions this importer reads.
V3 = "3.0"
V1 = "1.1/2.0"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the package: where (file, data row, line, field) and what."""

    file: str
    message: str
    row: int | None = None
    line: int | None = None
    field: str = ""

    def text(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" line {self.line}"
        if self.row is not None and self.row != self.line:
            where += f" (row {self.row})"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class HsdsImportError(Exception):
    """The package cannot be imported; `problems` says where, line by line."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


@dataclass
class Table:
    """One CSV resource: its rows as text, each with the line it starts on."""

    name: str
    file: str
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    #: The start line of every record after the header, blank ones included.
    record_lines: list[int] = field(default_factory=list)

    def line_of(self, row_number: int) -> int | None:
        """The line a record starts on; `row_number` counts the header as row 1 (as the
        validator does). Quoted fields may span lines, so the two can differ."""
        index = row_number - 2
        return self.record_lines[index] if 0 <= index < len(self.record_lines) else None


def _unpack(archive: Path, into: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as zipped:
            total = 0
            for member in zipped.infolist():
                name = PurePosixPath(member.filename)
                if name.is_absolute() or ".." in name.parts:
                    raise HsdsImportError(
                        f"{archive.name}: the archive names a file outside itself "
                        f"({member.filename}); ask the sender for a plain package")
                total += member.file_size
                if total > MAX_UNPACKED_BYTES:
                    raise HsdsImportError(f"{archive.name}: the archive unpacks to more "
                                          "than 500 MB; this is not a resource list")
            zipped.extractall(into)
    except zipfile.BadZipFile:
        raise HsdsImportError(f"{archive.name} is not a readable .zip archive") from None


def _descriptor_folder(root: Path, shown: str) -> Path:
    """The folder holding datapackage.json: `root` itself or its one subfolder that has it
    (a zip made of the folder puts everything one level down)."""
    if (root / DESCRIPTOR).is_file():
        return root
    found = sorted(p.parent for p in root.glob(f"*/{DESCRIPTOR}"))
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise HsdsImportError(f"{shown}: more than one {DESCRIPTOR} inside; give the folder "
                              "of the one to import")
    raise HsdsImportError(
        f"{shown}: no {DESCRIPTOR} found. An HSDS data package has that file beside its "
        "CSV tables; ask your 211 or Open Referral partner for the whole package")


@contextlib.contextmanager
def opened(path: Path) -> Iterator[Path]:
    """The package's folder (a .zip is unpacked into a temporary folder, removed after)."""
    path = Path(path)
    if not path.exists():
        raise HsdsImportError(f"{path}: no such file or folder")
    if path.is_dir():
        yield _descriptor_folder(path, str(path))
        return
    if path.name == DESCRIPTOR:
        yield path.parent
        return
    if path.suffix.lower() != ".zip":
        raise HsdsImportError(f"{path}: give the package's folder, its {DESCRIPTOR} or a .zip")
    with tempfile.TemporaryDirectory(prefix="kiosk-hsds-") as temp:
        _unpack(path, Path(temp))
        yield _descriptor_folder(Path(temp), path.name)


def read_descriptor(folder: Path) -> dict[str, Any]:
    raw = (folder / DESCRIPTOR).read_bytes()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise HsdsImportError("the package description is not UTF-8 text", (
            Problem(DESCRIPTOR, "not UTF-8 text", line=line),)) from None
    except json.JSONDecodeError as exc:
        raise HsdsImportError("the package description is not valid JSON", (
            Problem(DESCRIPTOR, f"not valid JSON ({exc.msg})", line=exc.lineno),)) from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise HsdsImportError("the package description lists no resources", (
            Problem(DESCRIPTOR, "no \"resources\" list"),))
    return data


def resources(descriptor: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The package's resources by name (resources without a name are skipped)."""
    return {str(r["name"]): r for r in descriptor["resources"]
            if isinstance(r, dict) and isinstance(r.get("name"), str)}


def version(descriptor: dict[str, Any]) -> str:
    """V3 or V1 from the tables the package has (its version field is often wrong)."""
    names = set(resources(descriptor))
    if {"schedule", "address"} & names or str(descriptor.get("version", "")).startswith("3"):
        return V3
    return V1


def resource_file(resource: dict[str, Any]) -> str:
    path = resource.get("path")
    if isinstance(path, list):
        path = path[0] if path else ""
    return str(path or "")


def decode(file: str, raw: bytes, encoding: str = "utf-8") -> str:
    """The file's text; a Problem naming the line of the first byte that is not text."""
    try:
        return raw.decode("utf-8-sig" if encoding.lower() in ("utf-8", "utf8") else encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        start = exc.start if isinstance(exc, UnicodeDecodeError) else 0
        line = raw[:start].count(b"\n") + 1
        raise HsdsImportError(f"{file} is not {encoding} text", (Problem(
            file, f"not {encoding} text (save it as UTF-8 and export again)",
            line=line),)) from None


def read_table(folder: Path, name: str, resource: dict[str, Any]) -> Table:
    file = resource_file(resource)
    text = decode(file, (folder / file).read_bytes(), str(resource.get("encoding", "utf-8")))
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]
    table = Table(name=name, file=file, header=header)
    start = reader.line_num + 1
    for values in reader:
        table.record_lines.append(start)
        if any(v.strip() for v in values):
            table.rows.append({h: (values[i] if i < len(values) else "")
                               for i, h in enumerate(header)})
            table.lines.append(start)
        start = reader.line_num + 1
    return table


def read_tables(folder: Path, descriptor: dict[str, Any]) -> dict[str, Table]:
    return {name: read_table(folder, name, resource)
            for name, resource in resources(descriptor).items()
            if resource_file(resource) and (folder / resource_file(resource)).is_file()}

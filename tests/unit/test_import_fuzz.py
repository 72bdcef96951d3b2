"""Mutated directory files: a cut anywhere, formula cells, control bytes and stray CRs.

Whatever the mutation, the import either refuses the file in one line or imports every
facility the file holds; no stored text could run as a spreadsheet formula or holds a
control character; and a rejected row is named by its physical line (line feeds counted,
as an editor numbers them).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.cli.main import main as admin_main
from kiosk.importers import samhsa
from tests.unit.test_samhsa_import import CATEGORIES, HEADER, LEGEND

FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
TEXT_COLUMNS = ("name1", "name2", "street1", "street2", "city", "intake1")
COLUMNS = HEADER.split(",")


def _row(number: int) -> dict[str, str]:
    return {"facility_id": f"substance_{number}", "directory_type": "substance",
            "name1": f"Program {number}", "name2": "", "street1": f"{number} Main Street",
            "street2": "", "city": "Montpelier", "state": "VT", "zip": "05602",
            "phone": f"802-555-{number:04d}", "intake1": "", "intake2": "", "intake1a": "",
            "intake2a": "", "service_code_info": "SA * OIT OP * MD"}


def _csv(rows: list[dict[str, str]], *, legend: bool = True) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    text = out.getvalue()
    return text + ("\n".join(LEGEND) + "\n" if legend else "")


def _folder(root: Path, text: str | bytes, name: str = "directory_2025.csv") -> Path:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / samhsa.CATEGORIES_NAME).write_text(CATEGORIES, encoding="utf-8")
    data = text.encode("utf-8") if isinstance(text, str) else text
    (root / name).write_bytes(data)
    return root


def _read(folder: Path, *, allow_partial: bool = False) -> samhsa.Directory:
    return samhsa.read_directory(samhsa.find_sources(folder), allow_partial=allow_partial)


def _formula(value: str) -> bool:
    """A spreadsheet would run it: OWASP's leading =, @, or + / - before anything that is
    not a plain number or placeholder (written apart from the importer's own rule)."""
    if value[:1] in ("=", "@", "\t", "\r"):
        return True
    return value[:1] in ("+", "-") and re.search(r"[^0-9 ().\-]", value[1:]) is not None


def _stored_text(directory: samhsa.Directory) -> list[str]:
    return [str(v) for row in directory.facilities for v in row if isinstance(v, str)]


# ---------------------------------------------------------------- truncation --
@FUZZ
@given(count=st.integers(1, 12), cut=st.floats(0.0, 1.0, exclude_max=True),
       gz=st.booleans())
def test_a_file_cut_anywhere_is_refused_or_complete(tmp_path: Path, count: int, cut: float,
                                                    gz: bool) -> None:
    text = _csv([_row(n) for n in range(1, count + 1)])
    data = gzip.compress(text.encode(), mtime=0) if gz else text.encode()
    start = len(HEADER) + 1  # at least the header line
    at = start + int(cut * (len(data) - start))
    folder = _folder(tmp_path / "src", data[:at], "directory_2025.csv.gz" if gz
                     else "directory_2025.csv")
    try:
        directory = _read(folder)
    except samhsa.DirectoryImportError as exc:
        assert "\n" not in str(exc)
        assert re.search(r"cut short|empty|damaged|no usable", str(exc)), str(exc)
    else:  # accepted: then nothing was lost (the cut fell inside the closing legend)
        assert len(directory.facilities) == count
    try:
        partial = _read(folder, allow_partial=True)
    except samhsa.DirectoryImportError as exc:
        assert "\n" not in str(exc)
    else:
        assert len(partial.facilities) <= count
        if len(partial.facilities) < count:  # said so, never silent
            assert any("allow-partial" in w for w in partial.report.warnings)


def test_a_file_cut_at_a_row_boundary_is_refused_unless_allowed(tmp_path: Path) -> None:
    lines = _csv([_row(n) for n in range(1, 41)]).splitlines(keepends=True)
    folder = _folder(tmp_path / "src", "".join(lines[:7]))  # header and 6 of 40 rows
    with pytest.raises(samhsa.DirectoryImportError, match=r"may be cut short.*--allow-partial"):
        _read(folder)
    directory = _read(folder, allow_partial=True)
    assert len(directory.facilities) == 6
    assert any("cut short" in w for w in directory.report.warnings)


@pytest.mark.parametrize(("stated", "ok"), [(3, True), (40, False)])
def test_a_stated_count_must_match(tmp_path: Path, stated: int, ok: bool) -> None:
    title = f"National Directory of Drug and Alcohol Use Treatment Facilities 2025: " \
            f"{stated:,} substance use facilities\n"
    folder = _folder(tmp_path / "src", title + _csv([_row(n) for n in (1, 2, 3)],
                                                    legend=False))
    if ok:
        assert len(_read(folder).facilities) == 3
    else:
        with pytest.raises(samhsa.DirectoryImportError, match="says it lists 40 facilities"):
            _read(folder)


def test_the_cli_refuses_a_short_file_in_one_line_and_changes_nothing(
        template_db_no_directory: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "content.sqlite"
    shutil.copyfile(template_db_no_directory, db)
    before = db.read_bytes()
    lines = _csv([_row(n) for n in range(1, 30)]).splitlines(keepends=True)
    folder = _folder(tmp_path / "src", "".join(lines[:10]))
    assert admin_main(["import", "samhsa-directory", str(folder),
                       "--content-db", str(db)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "cut short" in err[0] and err[0].endswith("Nothing was changed.")
    assert db.read_bytes() == before
    assert admin_main(["import", "samhsa-directory", str(folder), "--allow-partial",
                       "--content-db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "Imported: 9 substance use facilities" in out and "Warning:" in out
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM facility").fetchone()[0] == 9
    conn.close()


# ------------------------------------------------------------- formula cells --
PAYLOADS = st.sampled_from(["1+cmd|' /C calc'!A0", "2+3+cmd|' /C calc'!A0",
                            "HYPERLINK(\"http://x\",\"Click\")", "SUM(A1:A9)", "cmd",
                            "1+1", "A1"])


@FUZZ
@given(count=st.integers(2, 8), which=st.integers(0, 7), column=st.sampled_from(TEXT_COLUMNS),
       lead=st.sampled_from(["=", "+", "-", "@", "\t=", "\r=", " =", "\t@"]), payload=PAYLOADS)
def test_no_formula_cell_is_stored_and_its_row_is_named(tmp_path: Path, count: int,
                                                        which: int, column: str, lead: str,
                                                        payload: str) -> None:
    rows = [_row(n) for n in range(1, count + 1)]
    bad = which % count
    rows[bad][column] = lead + payload
    directory = _read(_folder(tmp_path / "src", _csv(rows)))
    assert not any(_formula(v) for v in _stored_text(directory))
    assert len(directory.facilities) == count - 1
    lines = [line for line, _fid, why in directory.report.rejected if "formula" in why]
    assert lines == [bad + 2]  # line 1 is the header


def test_an_export_neutralises_formula_leading_cells() -> None:
    for value in ("=1+2", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert samhsa.spreadsheet_safe(value) == "'" + value
    assert samhsa.spreadsheet_safe("Harbor House") == "Harbor House"


# ------------------------------------------------------------- control bytes --
CONTROL = st.sampled_from([chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]
                          + ["\u202e", "\u200b", "\ufeff"])


@FUZZ
@given(count=st.integers(1, 6), which=st.integers(0, 5),
       column=st.sampled_from([*TEXT_COLUMNS, "service_code_info"]),
       bytes_=st.lists(CONTROL, min_size=1, max_size=4), at=st.integers(0, 12))
def test_control_characters_are_never_stored(tmp_path: Path, count: int, which: int,
                                             column: str, bytes_: list[str], at: int) -> None:
    rows = [_row(n) for n in range(1, count + 1)]
    target = rows[which % count]
    value = target[column] or "Annex"
    target[column] = value[:at] + "".join(bytes_) + value[at:]
    directory = _read(_folder(tmp_path / "src", _csv(rows)))
    stored = _stored_text(directory)
    assert not any(re.search(r"[\x00-\x1f\x7f\u202e\u200b\ufeff]", v) for v in stored)
    assert len(directory.facilities) == count
    assert not any(_formula(v) for v in stored)
    # what the librarian's terminal is shown holds none either (an ESC could restyle it)
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f\u202e]", directory.report.summary())


# ----------------------------------------------------------------- line numbers --
@FUZZ
@given(count=st.integers(2, 10), bad=st.integers(1, 9),
       breaks=st.lists(st.tuples(st.integers(0, 9), st.sampled_from(TEXT_COLUMNS),
                                 st.sampled_from(["\r", "\n", "\r\n", "\r\r", "\n\r"]),
                                 st.integers(0, 10)), max_size=6))
def test_rejected_rows_are_named_by_their_physical_line(
        tmp_path: Path, count: int, bad: int,
        breaks: list[tuple[int, str, str, int]]) -> None:
    rows = [_row(n) for n in range(1, count + 1)]
    for index, column, mark, at in breaks:  # line breaks inside quoted cells
        row = rows[index % count]
        value = row[column] or "Annex"
        row[column] = value[:at] + mark + value[at:]
    bad_index = bad % count
    rows[bad_index]["phone"] = "call us"
    text = _csv(rows)
    # the bad row begins where its id is written; its line is the line feeds before it, +1
    offset = text.index(f"substance_{bad_index + 1},")
    expected = text[:offset].count("\n") + 1
    directory = _read(_folder(tmp_path / "src", text))
    phones = [line for line, _fid, why in directory.report.rejected if "phone" in why]
    assert phones == [expected]
    assert len(directory.facilities) == count - 1


# ---------------------------------------------------------- not a regular file --
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_at_once(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str],
                                         template_db_no_directory: Path) -> None:
    folder = _folder(tmp_path / "src", _csv([_row(1)]))
    pipe = folder / "directory_2025.csv"
    pipe.unlink()
    os.mkfifo(pipe)
    (folder / samhsa.CATEGORIES_NAME).unlink()  # the pipe is what must be named
    done: list[int] = []
    db = tmp_path / "content.sqlite"
    shutil.copyfile(template_db_no_directory, db)
    worker = threading.Thread(target=lambda: done.append(admin_main(
        ["import", "samhsa-directory", str(pipe), "--content-db", str(db)])), daemon=True)
    worker.start()
    worker.join(timeout=20)
    if not done:  # unblock the reader so the thread ends, then fail
        with pipe.open("w") as writer:
            writer.write("")
        worker.join(timeout=5)
        pytest.fail("the import waited on a named pipe")
    assert done == [1]
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not a regular file" in err[0]
    with pytest.raises(samhsa.DirectoryImportError, match="not a regular file"):
        samhsa.read_service_codes(pipe)


def test_a_device_is_refused_at_once() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(samhsa.DirectoryImportError, match="not a regular file"):
        samhsa.find_sources(Path("/dev/zero"))


# ---------------------------------------------------------------- the command --
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(edits=st.lists(st.tuples(st.floats(0.0, 1.0, exclude_max=True),
                                st.sampled_from(["delete", "insert", "replace", "cut"]),
                                st.binary(min_size=1, max_size=3)), min_size=1, max_size=4))
def test_any_mangled_file_gives_a_result_or_one_line_never_a_traceback(
        template_db_no_directory: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        edits: list[tuple[float, str, bytes]]) -> None:
    data = bytearray(_csv([_row(n) for n in range(1, 6)]).encode())
    for where, how, chunk in edits:
        at = int(where * len(data))
        if how == "delete":
            del data[at:at + len(chunk)]
        elif how == "insert":
            data[at:at] = chunk
        elif how == "replace":
            data[at:at + len(chunk)] = chunk
        else:
            del data[at:]
    folder = _folder(tmp_path / "src", bytes(data))
    db = tmp_path / "content.sqlite"
    shutil.copyfile(template_db_no_directory, db)
    before = db.read_bytes()
    capsys.readouterr()
    code = admin_main(["import", "samhsa-directory", str(folder), "--json",
                       "--content-db", str(db)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Traceback" not in out
    result = json.loads(out)
    if code == 1:
        assert len(err.strip().splitlines()) == 1 and result["ok"] is False
        assert db.read_bytes() == before
    else:
        assert code == 0 and result["ok"] is True
        with sqlite3.connect(db) as conn:
            texts = [v for row in conn.execute(
                "SELECT name, name2, street1, street2, city, phone, intake_phones"
                " FROM facility") for v in row]
        conn.close()
        assert not any(_formula(v) for v in texts)
        assert not any(re.search(r"[\x00-\x1f\x7f]", v.replace("\n", "")) for v in texts)

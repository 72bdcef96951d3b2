"""Shrink the ICU data library that PySide6 ships on Linux to what the kiosk needs.

PySide6's Linux wheels carry ICU 73 with its full data (libicudata.so.73, 32 MB: every locale's
names for currencies, languages, regions, units and time zones, dictionaries for Thai, Khmer,
Chinese and Japanese word breaking, legacy code pages). Qt itself keeps its own CLDR locale
tables; it only asks ICU for collation, case mapping, normalization, text boundaries and legacy
codecs. This module rewrites the ICU "common data" package with a subset of its items and links
it into a replacement libicudata.so.<N> with binutils (`as`, `ld`), which PyInstaller needs on
Linux anyway.

The common data format (ICU's ucmndata.h): a DataHeader (headerSize, magic 0xda 0x27, UDataInfo
with format "CmnD"), then a table of contents: uint32 count, count x (uint32 nameOffset,
uint32 dataOffset), both relative to the start of the table, names sorted; then the items, each
16-byte aligned.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

HEADER_MAGIC = b"\xda\x27"


def read_elf_symbol(lib: Path, symbol: str) -> bytes:
    """The bytes of a data symbol in an ELF shared library (via readelf)."""
    out = subprocess.run(["readelf", "-W", "--dyn-syms", "-S", str(lib)], check=True,
                         capture_output=True, text=True).stdout
    sym = re.search(rf"^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\w+"
                    rf"\s+(\d+)\s+{re.escape(symbol)}\s*$", out, re.M)
    if sym is None:
        raise ValueError(f"{symbol} not found in {lib}")
    addr, size, shndx = int(sym[1], 16), int(sym[2], 0), int(sym[3])
    sec = re.search(rf"^\s*\[\s*{shndx}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", out, re.M)
    if sec is None:
        raise ValueError(f"section {shndx} not found in {lib}")
    sec_addr, sec_off = int(sec[1], 16), int(sec[2], 16)
    with lib.open("rb") as fh:
        fh.seek(sec_off + addr - sec_addr)
        return fh.read(size)


def parse_package(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(item name, item bytes)]) of an ICU common data package."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != HEADER_MAGIC or data[12:16] != b"CmnD" or data[8] != 0:
        raise ValueError("not a little-endian ICU common data package")
    toc = header_size
    count = struct.unpack_from("<I", data, toc)[0]
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_off, data_off) in enumerate(entries):
        end = entries[i + 1][1] if i + 1 < count else len(data) - toc
        name = data[toc + name_off:data.index(b"\0", toc + name_off)].decode("ascii")
        items.append((name, data[toc + data_off:toc + end]))
    return data[:header_size], items


def build_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_len = 4 + 8 * len(items)
    pos = toc_len + len(names)
    pos += -pos % 16
    entries, blobs = [], []
    name_pos = toc_len
    for name, blob in items:
        entries.append(struct.pack("<II", name_pos, pos))
        name_pos += len(name) + 1
        pad = -len(blob) % 16
        blobs.append(blob + b"\0" * pad)
        pos += len(blob) + pad
    toc = struct.pack("<I", len(items)) + b"".join(entries) + names
    toc += b"\0" * (-(len(header) + len(toc)) % 16)
    return header + toc + b"".join(blobs)


def kiosk_filter(langs: Iterable[str]) -> Callable[[str], bool]:
    """Keep what Qt asks ICU for, for the root locale and the languages we ship."""
    langs = set(langs) | {"root"}
    locale = re.compile(rf"({'|'.join(sorted(langs))})(_[A-Za-z0-9_]+)?\.res$")
    shared = {"res_index.res", "pool.res"}

    def wanted(name: str) -> bool:
        parts = name.split("/")[1:]  # drop the "icudt73l" package prefix
        if len(parts) == 1:
            item = parts[0]
            if item.endswith((".nrm", ".icu", ".spp", ".cfu")) and not item.endswith("dict"):
                return item not in {"confusables.cfu"}
            if item.endswith(".cnv"):
                # Legacy code pages: the kiosk reads and writes UTF-8 (Python decodes files);
                # keep Windows-1252 only, the one a librarian's spreadsheet export may use.
                return item == "ibm-5348_P100-1997.cnv"
            return item in shared or bool(locale.fullmatch(item)) or item in {
                "likelySubtags.res", "metadata.res", "supplementalData.res", "plurals.res",
                "numberingSystems.res", "keyTypeData.res", "icustd.res", "icuver.res",
                "grammaticalFeatures.res", "pluralRanges.res", "dayPeriods.res",
                "zoneinfo64.res", "timezoneTypes.res", "windowsZones.res", "metaZones.res",
            }
        folder, item = parts[0], parts[-1]
        if folder == "coll":
            return item in shared or item == "ucadata.icu" or bool(locale.fullmatch(item))
        if folder == "zone":
            return item in shared or bool(locale.fullmatch(item))
        if folder == "brkitr":
            return not item.endswith("dict") and (
                item.endswith(".brk") or item in shared or bool(locale.fullmatch(item)))
        return False  # curr, lang, region, unit, zone display names; rbnf; translit

    return wanted


def trim(lib: Path, out_dir: Path, langs: Iterable[str]) -> Path | None:
    """Write out_dir/<lib name> with only the ICU data the kiosk needs; None if not possible."""
    if shutil.which("as") is None or shutil.which("ld") is None:
        return None
    m = re.match(r"libicudata\.so\.(\d+)$", lib.name)
    if m is None:
        return None
    symbol = f"icudt{m[1]}_dat"
    header, items = parse_package(read_elf_symbol(lib, symbol))
    wanted = kiosk_filter(langs)
    kept = [(name, blob) for name, blob in items if wanted(name)]
    package = build_package(header, kept)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        (t / "data.dat").write_bytes(package)
        (t / "data.s").write_text(
            f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n'
            f'{symbol}:\n.incbin "{t / "data.dat"}"\n.size {symbol}, . - {symbol}\n'
            '.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", str(t / "data.o"), str(t / "data.s")], check=True)
        out = out_dir / lib.name
        subprocess.run(["ld", "-shared", "-soname", lib.name, "-o", str(out), str(t / "data.o")],
                       check=True)
    return out


def main() -> None:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("lib", type=Path)
    p.add_argument("--list", action="store_true", help="list items with sizes and whether kept")
    p.add_argument("--lang", action="append", default=["en"])
    args = p.parse_args()
    symbol = "icudt" + args.lib.name.split(".")[-1] + "_dat"
    _header, items = parse_package(read_elf_symbol(args.lib, symbol))
    wanted = kiosk_filter(args.lang)
    for name, blob in items:
        if args.list:
            print(f"{'KEEP' if wanted(name) else '    '} {len(blob):>9} {name}")
    kept = sum(len(b) for n, b in items if wanted(n))
    print(f"{len(items)} items, {sum(len(b) for _, b in items)} bytes; keep {kept} bytes")


if __name__ == "__main__":
    main()

"""The directory's in-memory index: a bit array per filter, no Qt, no SQL.

Everything a tap needs is computed once when the directory loads. Each filter is a bit
array over all programs held as one Python integer (programs / 8 bytes; AND and popcount
run in C), so the index costs about programs x filters / 8 bytes plus one compact text
record per program, and loading is one linear pass with no per-program sets or objects.
When the import has packed the directory (kiosk.store.directory.pack_index), loading
does no work per program at all: each chunk of 16,384 programs brings its records as
one UTF-8 blob with offsets and a bit array per service code and level, which are
shifted into place and OR-ed into the filters' bits (8 steps for 122,000 programs).
A filter change or a live count is a few big-integer ANDs and popcounts; a row list reads
the matching bits from the mask's bytes in one pass, linear in the place's size.

Result rows are materialized as FacilitySummary only when the list asks for one (the rows
on screen), from a single record per program.

(numpy bit arrays were tried first: the frozen build could not load numpy's bundled BLAS
library, and numpy added 35 MB to the bundle and 18 MiB to the running kiosk.)
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right
from collections.abc import Collection, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from kiosk.domain import DIRECTORY_LEVELS, FacilitySummary, OpeningHours
from kiosk.present.codes import EXTRA_FILTERS, LEVEL_GROUP, LOCAL_GROUP
from kiosk.store.directory import (
    RECORD_SEP,
    IndexRow,
    PackedRows,
    haversine_miles,
    row_mask,
)

__all__ = [
    "LEVEL_GROUP",
    "ZIP_MIN_RESULTS",
    "ZIP_RADIUS_MILES",
    "DirectoryIndex",
    "DirectoryIndexBuilder",
    "FilterDef",
    "Place",
    "filter_defs",
    "index_steps",
]

#: With a ZIP: every program within this many miles, or at least the nearest few.
ZIP_RADIUS_MILES = 60.0
ZIP_MIN_RESULTS = 20

#: Separates a program's fields in its one text record (never in directory text); the
#: store's packed records are written the same way, so they are taken over as they are.
_SEP = RECORD_SEP
_APPROXIMATE = "approximate"
_EXACT = "exact"


@dataclass(frozen=True)
class FilterDef:
    """One chip: `key`, the group it belongs to, and the service codes (any of) it means.

    Levels of care have no codes: a facility's levels are matched directly.
    """

    key: str
    group: str
    codes: frozenset[str]


def filter_defs(known_codes: Collection[str]) -> list[FilterDef]:
    """Every level of care, then each of EXTRA_FILTERS that this directory's codes can meet.

    A filter none of whose codes the directory uses would always count zero, so it is left
    out rather than shown as a chip nobody can turn on.
    """
    filters = [FilterDef(level, LEVEL_GROUP, frozenset()) for level in DIRECTORY_LEVELS]
    for extra in EXTRA_FILTERS:
        known = frozenset(c for c in extra.codes if c in known_codes)
        if known:
            filters.append(FilterDef(extra.key, extra.group, known))
    # A library's own list comes first, where a visitor sees it without scrolling.
    return sorted(filters, key=lambda f: f.group != LOCAL_GROUP)


@dataclass(frozen=True)
class Place:
    """Where the visitor is looking: rows in display order, their mask, miles (ZIP only)."""

    rows: list[int]
    mask: int
    distances: dict[int, float] | None


def _with_bits(rows: list[int], mask: int, size: int) -> list[int]:
    """The rows (in their order) whose bit is set in `mask`: one pass over the mask's bytes
    and one over the rows (shifting the mask once per row made this quadratic)."""
    bits = mask.to_bytes((size + 7) // 8, "little")
    return [i for i in rows if bits[i >> 3] >> (i & 7) & 1]


class _Records(Sequence[str]):
    """Every program's text record, by row: runs of records added one at a time (a list)
    and packed chunks (their UTF-8 bytes and offsets, so no string is kept per packed
    program, and loading one splits and decodes nothing)."""

    def __init__(self) -> None:
        self._starts: list[int] = []  # each segment's first row
        self._segments: list[list[str] | tuple[bytes, array[int]]] = []
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def extend(self, records: list[str]) -> None:
        if not records:
            return
        last = self._segments[-1] if self._segments else None
        if isinstance(last, list):
            last.extend(records)
        else:
            self._starts.append(self._size)
            self._segments.append(list(records))
        self._size += len(records)

    def add_packed(self, text: bytes, offsets: array[int]) -> None:
        self._starts.append(self._size)
        self._segments.append((text, offsets))
        self._size += len(offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._size))]
        if i < 0:
            i += self._size
        if not 0 <= i < self._size:
            raise IndexError(i)
        k = bisect_right(self._starts, i) - 1
        segment, j = self._segments[k], i - self._starts[k]
        if isinstance(segment, list):
            return segment[j]
        text, offsets = segment
        return text[offsets[j]:offsets[j + 1]].decode()


class _Summaries(Sequence[FacilitySummary]):
    """The programs as FacilitySummary, each built from its text record when asked for.

    A list shows a screenful at a time, so a small cache of recent rows saves repeated
    parsing while painting without keeping an object per program.
    """

    CACHE = 512

    def __init__(self, records: Sequence[str], positions: array[float]) -> None:
        self._records = records
        self._positions = positions
        self._cache: dict[int, FacilitySummary] = {}

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, i: int) -> FacilitySummary: ...

    @overload
    def __getitem__(self, i: slice) -> list[FacilitySummary]: ...

    def __getitem__(self, i: int | slice) -> FacilitySummary | list[FacilitySummary]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        found = self._cache.get(i)
        if found is None:
            found = self._build(int(i))
            if len(self._cache) >= self.CACHE:
                self._cache.clear()
            self._cache[i] = found
        return found

    def __iter__(self) -> Iterator[FacilitySummary]:
        return (self._build(i) for i in range(len(self._records)))

    def _build(self, i: int) -> FacilitySummary:
        (fid, name, city, state, zip_code, phone, street1, street2, levels,
         kind) = self._records[i].split(_SEP)
        lat, lon = self._positions[2 * i], self._positions[2 * i + 1]
        return FacilitySummary(
            id=fid, name=name, city=city, state=state, zip=zip_code, phone=phone,
            levels=tuple(levels.split()), position_approximate=kind != _EXACT,
            latitude=None if math.isnan(lat) else lat,
            longitude=None if math.isnan(lon) else lon,
            street1=street1, street2=street2)


def _record(summary: FacilitySummary) -> IndexRow:
    """A FacilitySummary as the row the directory store gives the index."""
    return (summary.id, summary.name, summary.city, summary.state, summary.zip, summary.phone,
            summary.street1, summary.street2, " ".join(summary.levels), " ".join(summary.codes),
            summary.latitude, summary.longitude,
            _APPROXIMATE if summary.position_approximate else _EXACT)


class DirectoryIndexBuilder:
    """Builds a DirectoryIndex a batch at a time, so loading never blocks a frame for long.

    Batches are the directory store's index rows (DirectoryRepository.index_batches), or
    FacilitySummary objects (tests, small lists).
    """

    def __init__(self, filters: Iterable[FilterDef]) -> None:
        self.filters: dict[str, FilterDef] = {f.key: f for f in filters}
        slot = {key: n for n, key in enumerate(self.filters)}
        #: For each service code: the filters (by slot) it turns on; levels are their own.
        self._for_code: dict[str, tuple[int, ...]] = {}
        for_level: dict[str, int] = {}
        for key, f in self.filters.items():
            if f.group == LEVEL_GROUP:
                for_level[key] = slot[key]
            for code in f.codes:
                self._for_code[code] = (*self._for_code.get(code, ()), slot[key])
        self._for_level = for_level
        self._codes = frozenset(self._for_code)
        self._levels = frozenset(for_level)
        self._records = _Records()
        #: [state, first row, rows] per run of one state (the directory comes by state).
        self._state_runs: list[list[str | int]] = []
        self._positions = array("d")
        self._members: list[array[int]] = [array("l") for _ in self.filters]
        #: Per packed batch: its first row, its size and each filter's bits over it (by
        #: slot), put together once in finish().
        self._packed: list[tuple[int, int, dict[int, int]]] = []
        #: Opening hours by row: only local programs have them, so a dict stays small.
        self._hours: dict[int, OpeningHours] = {}

    def __len__(self) -> int:
        return len(self._records)

    @property
    def facilities(self) -> Sequence[object]:
        """What has been added so far (its length is what index_steps reports)."""
        return self._records

    def add(self, batch: Iterable[IndexRow | FacilitySummary] | PackedRows) -> None:
        if isinstance(batch, PackedRows):
            self._add_packed(batch)
            return
        runs, positions = self._state_runs, self._positions
        base = len(self._records)
        records: list[str] = []  # this batch's, added to self._records at the end
        members, for_code, for_level = self._members, self._for_code, self._for_level
        codes, levels = self._codes, self._levels
        nan = float("nan")
        for item in batch:
            if isinstance(item, FacilitySummary):
                if item.hours is not None:
                    self._hours[base + len(records)] = item.hours
                row = _record(item)
            else:
                row = item
            (fid, name, city, state, zip_code, phone, street1, street2, row_levels,
             services, lat, lon, kind) = row
            i = base + len(records)
            records.append(_SEP.join((fid, name, city, state, zip_code, phone, street1,
                                      street2, row_levels, kind)))
            last = runs[-1] if runs else None
            if last is not None and last[0] == state:
                last[2] = int(last[2]) + 1
            else:
                runs.append([state, i, 1])
            positions.append(nan if lat is None else lat)
            positions.append(nan if lon is None else lon)
            # Set intersections run in C; only the codes that mean a filter are looped.
            hits = codes.intersection(services.split())
            if len(hits) == 1:
                slots: Iterable[int] = for_code[next(iter(hits))]
            else:
                slots = {s for code in hits for s in for_code[code]}
            for s in slots:
                members[s].append(i)
            for level in levels.intersection(row_levels.split()):
                members[for_level[level]].append(i)
        self._records.extend(records)

    def _add_packed(self, packed: PackedRows) -> None:
        """A packed batch: its bit arrays are moved to where its programs start and OR-ed
        into each filter's (a handful of big-integer operations, none per program)."""
        offset = len(self._records)
        self._records.add_packed(packed.text, packed.offsets)
        runs = self._state_runs
        start = offset
        for state, count in packed.states:
            if runs and runs[-1][0] == state and int(runs[-1][1]) + int(runs[-1][2]) == start:
                runs[-1][2] = int(runs[-1][2]) + count
            else:
                runs.append([state, start, count])
            start += count
        self._positions.extend(packed.positions)
        bits: dict[int, int] = {}  # this batch's, over its own programs (small numbers)
        for code, data in packed.codes.items():
            slots = self._for_code.get(code)
            if slots:  # only the codes a filter means are turned into numbers
                mask = int.from_bytes(data, "little")
                for s in slots:
                    bits[s] = bits.get(s, 0) | mask
        for level, data in packed.levels.items():
            slot = self._for_level.get(level)
            if slot is not None:
                bits[slot] = bits.get(slot, 0) | int.from_bytes(data, "little")
        self._packed.append((offset, len(packed.offsets) - 1, bits))

    def _packed_filter_bits(self) -> list[int]:
        """Each filter's bits over every program from the packed batches: the batches of a
        run (each a whole number of bytes, one after another) are joined as bytes and made
        one number, so no big number is shifted or OR-ed once per batch."""
        runs: list[list[tuple[int, int, dict[int, int]]]] = []
        for batch in self._packed:
            last = runs[-1][-1] if runs else None
            if last is not None and last[1] % 8 == 0 and last[0] + last[1] == batch[0]:
                runs[-1].append(batch)
            else:
                runs.append([batch])
        out = [0] * len(self.filters)
        for run in runs:
            for slot in {s for _, _, bits in run for s in bits}:
                data = b"".join(bits.get(slot, 0).to_bytes((size + 7) // 8, "little")
                                for _, size, bits in run)
                out[slot] |= int.from_bytes(data, "little") << run[0][0]
        return out

    def finish(self) -> DirectoryIndex:
        size = len(self._records)
        bits = {key: row_mask(rows, size) | packed for key, rows, packed in
                zip(self.filters, self._members, self._packed_filter_bits(), strict=True)}
        # Each state's rows as 4-byte numbers: a list of ints took ~36 bytes a program.
        state_rows: dict[str, array[int]] = {}
        state_mask: dict[str, int] = {}
        for state, start, count in self._state_runs:
            first, n = int(start), int(count)
            state_rows.setdefault(str(state), array("I")).extend(range(first, first + n))
            state_mask[str(state)] = state_mask.get(str(state), 0) | ((1 << n) - 1) << first
        index = DirectoryIndex(self._records, self.filters, bits, state_rows, self._positions,
                               state_mask)
        index.hours = self._hours
        return index


def index_steps(builder: DirectoryIndexBuilder,
                batches: Generator[Sequence[IndexRow | FacilitySummary] | PackedRows,
                                   None, None],
                ) -> Generator[int, None, None]:
    """Add one batch to `builder` per step (yielding the count so far).

    Closing these steps closes `batches` at once, so whatever the batches read from is
    released then and not whenever the garbage collector gets to it.
    """
    try:
        for batch in batches:
            builder.add(batch)
            yield len(builder)
    finally:
        batches.close()


class DirectoryIndex:
    """All programs, a bit array per filter and per state, and each program's position."""

    def __init__(self, records: Sequence[str], filters: dict[str, FilterDef],
                 filter_bits: dict[str, int], state_rows: Mapping[str, Sequence[int]],
                 positions: array[float], state_mask: dict[str, int] | None = None) -> None:
        self.filters = filters
        #: Each filter's bits over every program (bit i: program i).
        self.filter_bits = filter_bits
        self.state_rows = state_rows
        self._size = len(records)
        self.state_mask = state_mask if state_mask is not None else {
            state: row_mask(rows, self._size) for state, rows in state_rows.items()}
        self._positions = positions
        self.facilities: Sequence[FacilitySummary] = _Summaries(records, positions)
        #: Opening hours by row, for the programs whose source gives them (local lists).
        self.hours: dict[int, OpeningHours] = {}

    @classmethod
    def build(cls, facilities: Iterable[IndexRow | FacilitySummary],
              filters: Iterable[FilterDef]) -> DirectoryIndex:
        builder = DirectoryIndexBuilder(filters)
        builder.add(facilities)
        return builder.finish()

    def __len__(self) -> int:
        return self._size

    def set_filter_rows(self, key: str, rows: Iterable[int]) -> None:
        """Replace one filter's members: for a filter that changes with the clock."""
        if key in self.filter_bits:
            self.filter_bits[key] = row_mask(rows, self._size)

    # ---------------------------------------------------------------- places --
    def filter_place(self, key: str) -> Place:
        """Every program a filter matches, in directory order (a library's own list)."""
        mask = self.filter_bits.get(key, 0)
        return Place(rows=_with_bits(list(range(self._size)), mask, self._size), mask=mask,
                     distances=None)

    def state_place(self, state: str) -> Place:
        rows = self.state_rows.get(state, ())
        return Place(rows=list(rows), mask=self.state_mask.get(state, 0), distances=None)

    def zip_place(self, origin: tuple[float, float], radius: float = ZIP_RADIUS_MILES,
                  minimum: int = ZIP_MIN_RESULTS) -> Place:
        lat, lon = origin
        positions = self._positions
        found: list[tuple[float, int]] = []
        for i in range(self._size):
            plat, plon = positions[2 * i], positions[2 * i + 1]
            if math.isnan(plat) or math.isnan(plon):
                continue
            found.append((haversine_miles(lat, lon, plat, plon), i))
        found.sort()
        keep = [pair for pair in found if pair[0] <= radius]
        if len(keep) < minimum:
            keep = found[:minimum]
        return Place(rows=[i for _, i in keep], mask=row_mask((i for _, i in keep), self._size),
                     distances={i: miles for miles, i in keep})

    # --------------------------------------------------------------- filters --
    def match_mask(self, place: Place, chosen: Iterable[str], skip: str = "") -> int:
        """Programs in `place` matching every chosen filter (levels: any chosen level)."""
        mask = place.mask
        levels = 0
        for key in chosen:
            if key == skip:
                continue
            definition = self.filters.get(key)
            if definition is None:
                continue
            if definition.group == LEVEL_GROUP:
                levels |= self.filter_bits[key]
            else:
                mask &= self.filter_bits[key]
        if levels:
            mask &= levels
        return mask

    def rows(self, place: Place, chosen: Iterable[str]) -> list[int]:
        mask = self.match_mask(place, chosen)
        if mask == place.mask:
            return list(place.rows)
        return _with_bits(place.rows, mask, self._size)

    def live_counts(self, place: Place, chosen: set[str]) -> dict[str, int]:
        """For each filter: how many programs would show with it turned on."""
        counts: dict[str, int] = {}
        level_keys = [k for k in chosen if self.filters[k].group == LEVEL_GROUP]
        others = self.match_mask(place, [k for k in chosen if k not in level_keys])
        for key, definition in self.filters.items():
            if definition.group == LEVEL_GROUP:
                counts[key] = (others & self.filter_bits[key]).bit_count()
            else:
                counts[key] = (self.match_mask(place, chosen, skip=key)
                               & self.filter_bits[key]).bit_count()
        return counts

    def best_filter_to_drop(self, place: Place, chosen: set[str]) -> tuple[str, int] | None:
        """The chosen filter whose removal shows the most programs (None if nothing helps)."""
        best: tuple[str, int] | None = None
        for key in sorted(chosen):
            n = self.match_mask(place, chosen, skip=key).bit_count()
            if n and (best is None or n > best[1]):
                best = (key, n)
        return best

"""The directory's in-memory index: a packed bit array per filter, no Qt, no SQL.

Everything a tap needs is computed once when the directory loads. Each filter is a numpy
bit array over all programs (programs / 8 bytes), so the index costs about
programs x filters / 8 bytes plus one compact text record per program, and loading is one
linear pass with no per-program sets or objects. A place (a state, or the programs near a
ZIP) unpacks those bits for its own programs once; after that a filter change, a live count
or a row list is a few vector operations over the place's programs, linear in their number.

Result rows are materialized as FacilitySummary only when the list asks for one (the rows
on screen), from a single string per program.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload

import numpy as np
from numpy.typing import NDArray

from kiosk.domain import DIRECTORY_LEVELS, FacilitySummary, OpeningHours
from kiosk.present.codes import EXTRA_FILTERS, LEVEL_GROUP, LOCAL_GROUP
from kiosk.store.directory import EARTH_RADIUS_MILES, IndexRow

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

Bits = NDArray[np.bool_]
Rows = NDArray[np.intp]

#: Separates a program's fields in its one text record (never in directory text).
_SEP = "\x1f"
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
    """Where the visitor is looking: rows in display order, their miles (ZIP only).

    `bits` holds each filter's bits for these rows alone (unpacked once per place), so
    everything asked of a place afterwards is linear in its own size.
    """

    rows: list[int]
    distances: dict[int, float] | None
    order: Rows = field(repr=False)
    bits: dict[str, Bits] = field(repr=False)

    @property
    def mask(self) -> Bits:
        """Every row of the place (the place with no filter on)."""
        return np.ones(len(self.rows), dtype=np.bool_)


class _Summaries(Sequence[FacilitySummary]):
    """The programs as FacilitySummary, each built from its text record when asked for.

    A list shows a screenful at a time, so a small cache of recent rows saves repeated
    parsing while painting without keeping an object per program.
    """

    CACHE = 512

    def __init__(self, records: list[str], positions: NDArray[np.float64]) -> None:
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
        lat, lon = self._positions[i]
        return FacilitySummary(
            id=fid, name=name, city=city, state=state, zip=zip_code, phone=phone,
            levels=tuple(levels.split()), position_approximate=kind != _EXACT,
            latitude=None if np.isnan(lat) else float(lat),
            longitude=None if np.isnan(lon) else float(lon),
            street1=street1, street2=street2)


def _record(summary: FacilitySummary) -> IndexRow:
    """A FacilitySummary as the row the directory store gives the index."""
    return (summary.id, summary.name, summary.city, summary.state, summary.zip, summary.phone,
            summary.street1, summary.street2, " ".join(summary.levels), " ".join(summary.codes),
            summary.latitude, summary.longitude,
            _APPROXIMATE if summary.position_approximate else _EXACT)


#: Service codes are short: each fits one 64-bit number, so they are matched as numbers.
_CODE_BYTES = 8


def _code_number(code: bytes) -> int:
    return int.from_bytes(code, "little")


def _code_hits(services: list[str], numbers: NDArray[np.uint64], longest: int,
               ) -> tuple[Rows, Rows]:
    """(row, code) pairs: for each row of `services` (space-separated codes), which of the
    codes numbered in `numbers` (sorted; none longer than `longest` bytes) it lists, as
    indexes into `numbers`.

    Done on the bytes of all rows at once: splitting every row into Python strings (about
    80 codes each) was most of the time it took to load a directory."""
    raw = ("\n".join(services) + "\n").encode()
    text = np.frombuffer(raw + bytes(_CODE_BYTES), dtype=np.uint8)
    inside = (text != ord(" ")) & (text != ord("\n")) & (text != 0)
    edges = np.diff(inside.astype(np.int8), prepend=np.int8(0))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    lengths = ends - starts
    short = lengths <= longest
    starts, lengths = starts[short], lengths[short]
    # Each code's bytes, zero-padded to 8, read as one little-endian 64-bit number.
    window = text[starts[:, None] + np.arange(_CODE_BYTES)]
    window[np.arange(_CODE_BYTES) >= lengths[:, None]] = 0
    values = window.view("<u8").ravel()
    found = np.searchsorted(numbers, values)
    found[found == len(numbers)] = 0
    hit = numbers[found] == values
    rows = np.searchsorted(np.flatnonzero(text == ord("\n")), starts[hit])
    return rows, found[hit]


class DirectoryIndexBuilder:
    """Builds a DirectoryIndex a batch at a time, so loading never blocks a frame for long.

    Batches are the directory store's index rows (DirectoryRepository.index_batches), or
    FacilitySummary objects (tests, small lists).
    """

    def __init__(self, filters: Iterable[FilterDef]) -> None:
        self.filters: dict[str, FilterDef] = {f.key: f for f in filters}
        keys = list(self.filters)
        self._slot = {key: n for n, key in enumerate(keys)}
        #: For each service code: the filters (by slot) it turns on; levels are their own.
        self._for_code: dict[str, list[int]] = {}
        self._for_level: dict[str, int] = {}
        for key, f in self.filters.items():
            if f.group == LEVEL_GROUP:
                self._for_level[key] = self._slot[key]
            for code in f.codes:
                self._for_code.setdefault(code, []).append(self._slot[key])
        self._codes = frozenset(self._for_code)
        self._levels = frozenset(self._for_level)
        encoded = sorted((_code_number(c.encode()), c) for c in self._codes
                         if len(c.encode()) <= _CODE_BYTES)
        #: The codes as numbers (sorted), and for each the filters (by slot) it turns on.
        self._numbers = np.array([n for n, _ in encoded], dtype=np.uint64)
        self._longest = max((len(c.encode()) for _, c in encoded), default=0)
        #: For each filter (by slot): the numbered codes that mean it.
        number_of = {code: n for n, (_, code) in enumerate(encoded)}
        self._filter_codes = [
            np.array([number_of[c] for c in sorted(f.codes) if c in number_of], dtype=np.intp)
            for f in self.filters.values()]
        #: Codes too long to be numbers (none in SAMHSA's data) are matched as strings.
        self._long_codes = frozenset(c for c in self._codes if len(c.encode()) > _CODE_BYTES)
        #: Per batch: programs x filters, True where the code bits say so.
        self._blocks: list[Bits] = []
        self._records: list[str] = []
        self._states: list[str] = []
        self._positions = array("d")
        self._members: list[array[int]] = [array("l") for _ in keys]
        #: Opening hours by row: only local programs have them, so a dict stays small.
        self._hours: dict[int, OpeningHours] = {}

    def __len__(self) -> int:
        return len(self._records)

    @property
    def facilities(self) -> Sequence[object]:
        """What has been added so far (its length is what index_steps reports)."""
        return self._records

    def add(self, batch: Iterable[IndexRow | FacilitySummary]) -> None:
        records, states, positions = self._records, self._states, self._positions
        members, for_code, for_level = self._members, self._for_code, self._for_level
        long_codes, levels = self._long_codes, self._levels
        nan = float("nan")
        services_text: list[str] = []
        for item in batch:
            if isinstance(item, FacilitySummary):
                if item.hours is not None:
                    self._hours[len(records)] = item.hours
                row = _record(item)
            else:
                row = item
            (fid, name, city, state, zip_code, phone, street1, street2, row_levels,
             services, lat, lon, kind) = row
            i = len(records)
            records.append(_SEP.join((fid, name, city, state, zip_code, phone, street1,
                                      street2, row_levels, kind)))
            states.append(state)
            positions.append(nan if lat is None else lat)
            positions.append(nan if lon is None else lon)
            services_text.append(services)
            for level in levels.intersection(row_levels.split()):
                members[for_level[level]].append(i)
            if long_codes:
                for code in long_codes.intersection(services.split()):
                    for slot in for_code[code]:
                        members[slot].append(i)
        if not services_text or not len(self._numbers):
            return
        rows, codes = _code_hits(services_text, self._numbers, self._longest)
        listed = np.zeros((len(services_text), len(self._numbers)), dtype=np.bool_)
        listed[rows, codes] = True
        # A program meets a filter when it lists any of the filter's codes.
        block = np.zeros((len(services_text), len(self.filters)), dtype=np.bool_)
        for slot, numbered in enumerate(self._filter_codes):
            if len(numbered):
                block[:, slot] = listed[:, numbered].any(axis=1)
        self._blocks.append(block)

    def finish(self) -> DirectoryIndex:
        size = len(self._records)
        bits = {}
        by_code = (np.concatenate(self._blocks) if self._blocks
                   else np.zeros((size, len(self.filters)), dtype=np.bool_))
        for slot, (key, rows) in enumerate(zip(self.filters, self._members, strict=True)):
            flags = by_code[:, slot].copy()
            flags[np.frombuffer(rows, dtype=np.int_)] = True
            bits[key] = np.packbits(flags)
        names = sorted(set(self._states))
        number = {s: n for n, s in enumerate(names)}
        states = np.fromiter((number[s] for s in self._states), dtype=np.int32, count=size)
        positions = np.frombuffer(self._positions, dtype=np.float64).reshape(size, 2).copy()
        index = DirectoryIndex(self._records, self.filters, bits, names, states, positions)
        index.hours = self._hours
        return index


def index_steps(builder: DirectoryIndexBuilder,
                batches: Generator[Sequence[IndexRow | FacilitySummary], None, None],
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


def _miles(origin: tuple[float, float], positions: NDArray[np.float64]) -> NDArray[np.float64]:
    """Great-circle miles from `origin` to each position (NaN where there is none): the
    same formula as kiosk.store.directory.haversine_miles, over all rows at once."""
    lat1, lon1 = np.radians(origin[0]), np.radians(origin[1])
    lat2, lon2 = np.radians(positions[:, 0]), np.radians(positions[:, 1])
    a = (np.sin((lat2 - lat1) / 2) ** 2
         + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2)
    result: NDArray[np.float64] = 2 * EARTH_RADIUS_MILES * np.arcsin(
        np.minimum(1.0, np.sqrt(a)))
    return result


class DirectoryIndex:
    """All programs, a packed bit array per filter, and each program's state and position."""

    def __init__(self, records: list[str], filters: dict[str, FilterDef],
                 filter_bits: dict[str, NDArray[np.uint8]], state_names: list[str],
                 states: NDArray[np.int32], positions: NDArray[np.float64]) -> None:
        self.filters = filters
        #: Each filter's packed bits over every program (numpy.packbits order).
        self.filter_bits = filter_bits
        self._state_number = {s: n for n, s in enumerate(state_names)}
        self._states = states
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
        return len(self.facilities)

    def set_filter_rows(self, key: str, rows: Iterable[int], place: Place | None = None) -> None:
        """Replace one filter's members: for a filter that changes with the clock. `place`,
        if given, has its copy of that filter's bits brought up to date too."""
        if key in self.filter_bits:
            flags = np.zeros(len(self.facilities), dtype=np.bool_)
            flags[np.fromiter(rows, dtype=np.intp)] = True
            self.filter_bits[key] = np.packbits(flags)
            if place is not None:
                place.bits[key] = flags[place.order]

    def nbytes(self) -> int:
        """Bytes held by the bit arrays, states and positions (the text records aside)."""
        return (sum(b.nbytes for b in self.filter_bits.values()) + self._states.nbytes
                + self._positions.nbytes)

    # ---------------------------------------------------------------- places --
    def _place(self, order: Rows, distances: dict[int, float] | None) -> Place:
        size = len(self)
        bits = {key: np.unpackbits(packed, count=size).view(np.bool_)[order]
                for key, packed in self.filter_bits.items()}
        return Place(rows=order.tolist(), distances=distances, order=order, bits=bits)

    def state_place(self, state: str) -> Place:
        number = self._state_number.get(state)
        order = (np.flatnonzero(self._states == number) if number is not None
                 else np.zeros(0, dtype=np.intp))
        return self._place(order, None)

    def zip_place(self, origin: tuple[float, float], radius: float = ZIP_RADIUS_MILES,
                  minimum: int = ZIP_MIN_RESULTS) -> Place:
        miles = _miles(origin, self._positions)
        known = np.flatnonzero(~np.isnan(miles))
        # Nearest first; equal distances in directory order, as a stable sort gives.
        nearest = known[np.argsort(miles[known], kind="stable")]
        within = int(np.searchsorted(miles[nearest], radius, side="right"))
        order = nearest[:max(within, min(minimum, len(nearest)))]
        distances = dict(zip(order.tolist(), miles[order].tolist(), strict=True))
        return self._place(order, distances)

    # --------------------------------------------------------------- filters --
    def match_mask(self, place: Place, chosen: Iterable[str], skip: str = "") -> Bits:
        """For each row of `place`: does it match every chosen filter (levels: any chosen
        level)?"""
        mask = place.mask
        levels: Bits | None = None
        for key in chosen:
            if key == skip:
                continue
            definition = self.filters.get(key)
            if definition is None:
                continue
            if definition.group == LEVEL_GROUP:
                levels = place.bits[key] if levels is None else levels | place.bits[key]
            else:
                mask &= place.bits[key]
        if levels is not None:
            mask &= levels
        return mask

    def rows(self, place: Place, chosen: Iterable[str]) -> list[int]:
        chosen = [k for k in chosen if k in self.filters]
        if not chosen:
            return list(place.rows)
        rows: list[int] = place.order[self.match_mask(place, chosen)].tolist()
        return rows

    def live_counts(self, place: Place, chosen: set[str]) -> dict[str, int]:
        """For each filter: how many facilities would show with it turned on."""
        counts: dict[str, int] = {}
        level_keys = [k for k in chosen if self.filters[k].group == LEVEL_GROUP]
        others = self.match_mask(place, [k for k in chosen if k not in level_keys])
        for key, definition in self.filters.items():
            if definition.group == LEVEL_GROUP:
                counts[key] = int(np.count_nonzero(others & place.bits[key]))
            else:
                counts[key] = int(np.count_nonzero(
                    self.match_mask(place, chosen, skip=key) & place.bits[key]))
        return counts

    def best_filter_to_drop(self, place: Place, chosen: set[str]) -> tuple[str, int] | None:
        """The chosen filter whose removal shows the most programs (None if nothing helps)."""
        best: tuple[str, int] | None = None
        for key in sorted(chosen):
            n = int(np.count_nonzero(self.match_mask(place, chosen, skip=key)))
            if n and (best is None or n > best[1]):
                best = (key, n)
        return best

"""The directory's in-memory index: a bitset per filter and per state, no Qt, no SQL.

Everything a tap needs is computed once when the directory loads: each filter and each state
is a Python int used as a bitset over all facilities, so a filter change or a live count is
a few big-integer ANDs and popcounts, never a query.
"""

from __future__ import annotations

from collections.abc import Collection, Generator, Iterable
from dataclasses import dataclass

from kiosk.domain import DIRECTORY_LEVELS, FacilitySummary
from kiosk.present.codes import EXTRA_FILTERS, LEVEL_GROUP, LOCAL_GROUP
from kiosk.store.directory import haversine_miles

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


def _mask(rows: list[int], size: int) -> int:
    """A bitset (Python int) with the bits of `rows` set, built in one pass."""
    bits = bytearray((size + 7) // 8)
    for i in rows:
        bits[i >> 3] |= 1 << (i & 7)
    return int.from_bytes(bits, "little")


@dataclass(frozen=True)
class Place:
    """Where the visitor is looking: rows in display order, their mask, miles (ZIP only)."""

    rows: list[int]
    mask: int
    distances: dict[int, float] | None


class DirectoryIndexBuilder:
    """Builds a DirectoryIndex a batch at a time, so loading never blocks a frame for long."""

    def __init__(self, filters: Iterable[FilterDef]) -> None:
        self.filters: dict[str, FilterDef] = {f.key: f for f in filters}
        self.facilities: list[FacilitySummary] = []
        self.state_rows: dict[str, list[int]] = {}
        self._for_code: dict[str, list[str]] = {}
        for f in self.filters.values():
            for code in f.codes:
                self._for_code.setdefault(code, []).append(f.key)
        self._wanted = frozenset(self._for_code)
        self._members: dict[str, list[int]] = {key: [] for key in self.filters}

    def add(self, batch: Iterable[FacilitySummary]) -> None:
        members, for_code, wanted = self._members, self._for_code, self._wanted
        for facility in batch:
            i = len(self.facilities)
            self.facilities.append(facility)
            self.state_rows.setdefault(facility.state, []).append(i)
            keys: set[str] = set()
            for code in facility.codes & wanted:
                keys.update(for_code[code])
            keys.update(level for level in facility.levels if level in members)
            for key in keys:
                members[key].append(i)

    def finish(self) -> DirectoryIndex:
        return DirectoryIndex(self.facilities, self.filters, self.state_rows, self._members)


def index_steps(builder: DirectoryIndexBuilder,
                batches: Generator[list[FacilitySummary], None, None],
                ) -> Generator[int, None, None]:
    """Add one batch to `builder` per step (yielding the count so far).

    Closing these steps closes `batches` at once, so whatever the batches read from is
    released then and not whenever the garbage collector gets to it.
    """
    try:
        for batch in batches:
            builder.add(batch)
            yield len(builder.facilities)
    finally:
        batches.close()


class DirectoryIndex:
    """All facilities in memory with a bitset per state and per filter."""

    def __init__(self, facilities: list[FacilitySummary], filters: dict[str, FilterDef],
                 state_rows: dict[str, list[int]], members: dict[str, list[int]]) -> None:
        self.facilities = facilities
        self.filters = filters
        self.state_rows = state_rows
        size = len(facilities)
        self.all_mask = (1 << size) - 1
        self.filter_mask = {key: _mask(rows, size) for key, rows in members.items()}
        self.state_mask = {state: _mask(rows, size) for state, rows in state_rows.items()}

    @classmethod
    def build(cls, facilities: Iterable[FacilitySummary],
              filters: Iterable[FilterDef]) -> DirectoryIndex:
        builder = DirectoryIndexBuilder(filters)
        builder.add(facilities)
        return builder.finish()

    def __len__(self) -> int:
        return len(self.facilities)

    def set_filter_rows(self, key: str, rows: Iterable[int]) -> None:
        """Replace one filter's members: for a filter that changes with the clock."""
        if key in self.filter_mask:
            self.filter_mask[key] = _mask(list(rows), len(self.facilities))

    # ---------------------------------------------------------------- places --
    def state_place(self, state: str) -> Place:
        rows = self.state_rows.get(state, [])
        return Place(rows=rows, mask=self.state_mask.get(state, 0), distances=None)

    def zip_place(self, origin: tuple[float, float], radius: float = ZIP_RADIUS_MILES,
                  minimum: int = ZIP_MIN_RESULTS) -> Place:
        lat, lon = origin
        found: list[tuple[float, int]] = []
        for i, f in enumerate(self.facilities):
            if f.latitude is None or f.longitude is None:
                continue
            found.append((haversine_miles(lat, lon, f.latitude, f.longitude), i))
        found.sort()
        keep = [pair for pair in found if pair[0] <= radius]
        if len(keep) < minimum:
            keep = found[:minimum]
        mask = 0
        for _, i in keep:
            mask |= 1 << i
        return Place(rows=[i for _, i in keep], mask=mask,
                     distances={i: miles for miles, i in keep})

    # --------------------------------------------------------------- filters --
    def match_mask(self, place: Place, chosen: Iterable[str], skip: str = "") -> int:
        """Facilities in `place` matching every chosen filter (levels: any chosen level)."""
        mask = place.mask
        levels = 0
        for key in chosen:
            if key == skip:
                continue
            definition = self.filters.get(key)
            if definition is None:
                continue
            if definition.group == LEVEL_GROUP:
                levels |= self.filter_mask[key]
            else:
                mask &= self.filter_mask[key]
        if levels:
            mask &= levels
        return mask

    def rows(self, place: Place, chosen: Iterable[str]) -> list[int]:
        mask = self.match_mask(place, chosen)
        if mask == place.mask:
            return list(place.rows)
        return [i for i in place.rows if (mask >> i) & 1]

    def live_counts(self, place: Place, chosen: set[str]) -> dict[str, int]:
        """For each filter: how many facilities would show with it turned on."""
        counts: dict[str, int] = {}
        level_keys = [k for k in chosen if self.filters[k].group == LEVEL_GROUP]
        others = self.match_mask(place, [k for k in chosen if k not in level_keys])
        for key, definition in self.filters.items():
            if definition.group == LEVEL_GROUP:
                counts[key] = (others & self.filter_mask[key]).bit_count()
            else:
                counts[key] = (
                    self.match_mask(place, chosen, skip=key) & self.filter_mask[key]
                ).bit_count()
        return counts

    def best_filter_to_drop(self, place: Place, chosen: set[str]) -> tuple[str, int] | None:
        """The chosen filter whose removal shows the most programs (None if nothing helps)."""
        best: tuple[str, int] | None = None
        for key in sorted(chosen):
            n = self.match_mask(place, chosen, skip=key).bit_count()
            if n and (best is None or n > best[1]):
                best = (key, n)
        return best

"""What an import changes: programs added, removed and changed (which fields), by state.

Programs are matched on what a librarian would call the same program (name, street and
ZIP, then name and ZIP, then phone and ZIP), not on SAMHSA's row ids, which are renumbered
in every edition. No Qt, no SQL.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.store.directory import FacilityRow

#: Fields compared, with the words the report uses for them.
FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "name"), ("name2", "name"), ("street1", "address"), ("street2", "address"),
    ("city", "address"), ("state", "address"), ("zip", "address"), ("phone", "phone"),
    ("intake_phones", "intake phones"), ("levels", "levels of care"),
    ("services", "services"), ("position_kind", "position"), ("website", "website"),
)
#: Positions closer than this (in degrees, about 100 m) are the same place.
SAME_PLACE = 0.001


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    city: str
    state: str


@dataclass
class ChangeReport:
    added: list[Program] = field(default_factory=list)
    removed: list[Program] = field(default_factory=list)
    changed: list[tuple[Program, tuple[str, ...]]] = field(default_factory=list)
    unchanged: int = 0

    def by_state(self) -> dict[str, dict[str, int]]:
        counts: dict[str, Counter[str]] = {}
        for kind, programs in (("added", self.added), ("removed", self.removed),
                               ("changed", [p for p, _ in self.changed])):
            for program in programs:
                counts.setdefault(program.state, Counter())[kind] += 1
        return {state: {k: counts[state][k] for k in ("added", "removed", "changed")}
                for state in sorted(counts)}

    def as_dict(self) -> dict[str, Any]:
        def one(p: Program) -> dict[str, str]:
            return {"id": p.id, "name": p.name, "city": p.city, "state": p.state}

        return {
            "added": [one(p) for p in self.added],
            "removed": [one(p) for p in self.removed],
            "changed": [{**one(p), "fields": list(f)} for p, f in self.changed],
            "unchanged": self.unchanged,
            "by_state": self.by_state(),
        }

    def summary(self) -> str:
        lines = [f"Changes: {len(self.added):,} added, {len(self.removed):,} removed, "
                 f"{len(self.changed):,} changed, {self.unchanged:,} unchanged"]
        for state, n in self.by_state().items():
            lines.append(f"  {state}: {n['added']} added, {n['removed']} removed, "
                         f"{n['changed']} changed")
        lines += [f"  added: {p.name}, {p.city} {p.state}" for p in self.added]
        lines += [f"  removed: {p.name}, {p.city} {p.state}" for p in self.removed]
        lines += [f"  changed: {p.name}, {p.city} {p.state} ({', '.join(f)})"
                  for p, f in self.changed]
        return "\n".join(lines)


_NOT_KEY = re.compile(r"[^a-z0-9 ]+")


def _key(text: str) -> str:
    return " ".join(_NOT_KEY.sub(" ", text.lower()).split())


def _keys(row: FacilityRow) -> tuple[tuple[str, ...], ...]:
    name, street = _key(row.name), _key(row.street1)
    return ((name, _key(row.name2), street, row.zip),
            (name, row.zip),
            (row.phone, street, row.zip))


def _program(row: FacilityRow) -> Program:
    return Program(row.id, row.name, row.city, row.state)


def _moved(old: FacilityRow, new: FacilityRow) -> bool:
    if old.latitude is None or old.longitude is None \
            or new.latitude is None or new.longitude is None:
        return (old.latitude is None) != (new.latitude is None)
    return (abs(old.latitude - new.latitude) > SAME_PLACE
            or abs(old.longitude - new.longitude) > SAME_PLACE)


def _differences(old: FacilityRow, new: FacilityRow) -> tuple[str, ...]:
    if old == new:  # most programs from one edition to the next: compared in one go
        return ()
    found: list[str] = []
    for name, words in FIELDS:
        a, b = getattr(old, name), getattr(new, name)
        if name in ("levels", "services"):
            a, b = set(str(a).split()), set(str(b).split())
        if a != b and words not in found:
            found.append(words)
    if "position" not in found and _moved(old, new):
        found.append("position")
    return tuple(found)


Pairs = list[tuple[FacilityRow, FacilityRow]]


def match(before: Mapping[str, FacilityRow], after: Iterable[FacilityRow]
          ) -> tuple[Pairs, list[FacilityRow], dict[str, FacilityRow]]:
    """(old, new) pairs of the same program, the new rows matching none, and the old rows
    (by id) that no new row matched."""
    left = dict(before)
    pending = list(after)
    pairs: list[tuple[FacilityRow, FacilityRow]] = []
    # Each row's keys are worked out once, not once per level; with nothing left to match
    # (a first import) none are needed.
    old_keys = {fid: _keys(row) for fid, row in left.items()} if left else {}
    new_keys = [_keys(row) for row in pending] if left else []
    for level in range(3):
        if not left:
            break
        index: dict[tuple[str, ...], list[str]] = {}
        for fid in sorted(left):
            index.setdefault(old_keys[fid][level], []).append(fid)
        still: list[FacilityRow] = []
        still_keys: list[tuple[tuple[str, ...], ...]] = []
        for row, keys in zip(pending, new_keys, strict=True):
            ids = index.get(keys[level])
            if ids:
                pairs.append((left.pop(ids.pop(0)), row))
            else:
                still.append(row)
                still_keys.append(keys)
        pending, new_keys = still, still_keys
    return pairs, pending, left


def compare(before: Mapping[str, FacilityRow], after: Iterable[FacilityRow]) -> ChangeReport:
    """What replacing `before` (by id) with `after` changes, as a librarian would see it."""
    report = ChangeReport()
    pairs, pending, left = match(before, after)
    for old, new in sorted(pairs, key=lambda p: (p[1].state, p[1].name, p[1].id)):
        fields = _differences(old, new)
        if fields:
            report.changed.append((_program(new), fields))
        else:
            report.unchanged += 1
    report.added = sorted((_program(r) for r in pending),
                          key=lambda p: (p.state, p.name, p.id))
    report.removed = sorted((_program(r) for r in left.values()),
                            key=lambda p: (p.state, p.name, p.id))
    return report

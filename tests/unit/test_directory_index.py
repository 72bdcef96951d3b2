"""The directory's Qt-free index: places, filters, live counts and advice (no Qt here)."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from kiosk.domain import DIRECTORY_LEVELS, FacilitySummary
from kiosk.present.codes import EXTRA_FILTERS, LEVEL_GROUP
from kiosk.present.directory_index import (
    ZIP_MIN_RESULTS,
    ZIP_RADIUS_MILES,
    DirectoryIndex,
    DirectoryIndexBuilder,
    filter_defs,
    index_steps,
)
from kiosk.store.connect import open_content_db
from kiosk.store.directory import PACK_CHUNK, DirectoryRepository, pack_index
from kiosk.store.search import build_index

SAMHSA = Path(__file__).resolve().parents[3] / "shared" / "data" / "samhsa"
needs_data = pytest.mark.skipif(not SAMHSA.is_dir(), reason="no SAMHSA data beside the repo")


def summary(i: int, state: str, levels: tuple[str, ...] = (), codes: tuple[str, ...] = (),
            position: tuple[float, float] | None = None) -> FacilitySummary:
    lat, lon = position if position is not None else (None, None)
    return FacilitySummary(id=f"f{i}", name=f"Program {i}", city="Town", state=state,
                           zip="00000", phone="555-0100", levels=levels,
                           codes=frozenset(codes), latitude=lat, longitude=lon)


SMALL = [
    summary(0, "VT", ("outpatient",), ("SP", "MD")),
    summary(1, "VT", ("residential",), ("MD",)),
    summary(2, "VT", ("outpatient", "detox"), ("SP",)),
    summary(3, "NH", ("outpatient",), ("SP", "MD")),
]


@pytest.fixture
def small() -> DirectoryIndex:
    return DirectoryIndex.build(SMALL, filter_defs({"SP", "MD"}))


def test_filter_defs_keep_every_level_and_only_filters_the_data_can_meet() -> None:
    defs = filter_defs({"SP", "MD", "BU"})
    assert [d.key for d in defs if d.group == LEVEL_GROUP] == list(DIRECTORY_LEVELS)
    extra = {d.key: d for d in defs if d.group != LEVEL_GROUP}
    assert set(extra) == {"spanish", "medicaid", "buprenorphine"}
    assert extra["buprenorphine"].codes == {"BU"}  # the codes this directory does not use
    assert all(d.key in {f.key for f in EXTRA_FILTERS} for d in extra.values())


def test_levels_combine_with_any_other_filters_with_all(small: DirectoryIndex) -> None:
    vt = small.state_place("VT")
    assert vt.rows == [0, 1, 2]
    assert small.rows(vt, {"outpatient"}) == [0, 2]
    assert small.rows(vt, {"outpatient", "residential"}) == [0, 1, 2]
    assert small.rows(vt, {"outpatient", "medicaid"}) == [0]
    assert small.rows(vt, {"spanish", "medicaid"}) == [0]
    assert small.rows(small.state_place("ZZ"), {"outpatient"}) == []


def test_live_counts_are_what_the_list_would_show(small: DirectoryIndex) -> None:
    vt = small.state_place("VT")
    counts = small.live_counts(vt, {"outpatient"})
    # Another level widens the levels chosen so far, so its count is that level's own ...
    assert counts["outpatient"] == 2 and counts["residential"] == 1 and counts["detox"] == 1
    assert counts["hospital_inpatient"] == 0
    # ... any other filter narrows the list: what tapping it would leave.
    assert counts["medicaid"] == len(small.rows(vt, {"outpatient", "medicaid"})) == 1
    assert counts["spanish"] == len(small.rows(vt, {"outpatient", "spanish"})) == 2
    assert small.live_counts(vt, set())["medicaid"] == 2


def test_best_filter_to_drop_names_the_one_that_brings_most_back(small: DirectoryIndex) -> None:
    vt = small.state_place("VT")
    chosen = {"residential", "spanish"}
    assert small.rows(vt, chosen) == []
    assert small.best_filter_to_drop(vt, chosen) == ("residential", 2)
    assert small.best_filter_to_drop(small.state_place("ZZ"), chosen) is None


def test_zip_place_keeps_the_radius_or_at_least_the_nearest_few() -> None:
    # One degree of latitude is about 69 miles: rows 0..29 are 0, 1, 2 ... degrees north.
    rows = [summary(i, "VT", position=(44.0 + i * 0.5, -73.0)) for i in range(30)]
    rows.append(summary(30, "VT"))  # no position: never in a ZIP list
    index = DirectoryIndex.build(rows, filter_defs(set()))
    place = index.zip_place((44.0, -73.0))
    assert place.rows[:3] == [0, 1, 2] and 30 not in place.rows
    assert len(place.rows) == ZIP_MIN_RESULTS  # only two within 60 miles: the nearest 20
    assert place.distances is not None
    assert [round(place.distances[i]) for i in place.rows[:2]] == [0, 35]
    wide = index.zip_place((44.0, -73.0), radius=500, minimum=1)
    assert wide.distances is not None
    assert all(m <= 500 for m in wide.distances.values()) and len(wide.rows) == 15
    assert ZIP_RADIUS_MILES == 60.0


def test_building_in_batches_gives_the_same_index(small: DirectoryIndex) -> None:
    builder = DirectoryIndexBuilder(filter_defs({"SP", "MD"}))

    def batches() -> Generator[list[FacilitySummary], None, None]:
        yield SMALL[:3]
        yield SMALL[3:]

    assert list(index_steps(builder, batches())) == [3, 4]
    built = builder.finish()
    assert built.filter_bits == small.filter_bits and built.state_mask == small.state_mask
    assert [built.state_place(s).rows for s in ("VT", "NH")] == [[0, 1, 2], [3]]


def test_closing_the_steps_closes_the_batches_at_once() -> None:
    closed: list[bool] = []

    def batches() -> Generator[list[FacilitySummary], None, None]:
        try:
            yield SMALL[:1]
            yield SMALL[1:]
        finally:
            closed.append(True)

    steps = index_steps(DirectoryIndexBuilder(filter_defs(set())), batches())
    assert next(steps) == 1
    steps.close()
    assert closed == [True]


# ------------------------------------------------------------ the real directory --
@pytest.fixture
def repo(content_db: Path) -> Iterator[DirectoryRepository]:
    conn = open_content_db(content_db)
    yield DirectoryRepository(conn)
    conn.close()


@pytest.fixture
def real(repo: DirectoryRepository) -> DirectoryIndex:
    return DirectoryIndex.build(repo.summaries(), filter_defs(repo.services()))


@needs_data
def test_real_states_and_levels_match_the_repository(repo: DirectoryRepository,
                                                     real: DirectoryIndex) -> None:
    assert len(real) == 12_200
    for state, n in repo.state_counts().items():
        assert len(real.state_place(state).rows) == n, state
    ca = real.state_place("CA")
    for level in ("intensive_outpatient", "residential"):
        expected = {f.id for f in repo.search_facilities(state="CA", levels={level})}
        assert {real.facilities[i].id for i in real.rows(ca, {level})} == expected


@needs_data
def test_real_chips_exist_for_every_filter_the_data_uses(real: DirectoryIndex) -> None:
    assert {"buprenorphine", "methadone", "medicaid", "spanish", "veterans"} <= set(real.filters)
    ca = real.state_place("CA")
    counts = real.live_counts(ca, set())
    assert 0 < counts["spanish"] < len(ca.rows)
    assert counts["spanish"] == len(real.rows(ca, {"spanish"}))


@needs_data
def test_real_zip_results_are_nearest_first(repo: DirectoryRepository,
                                            real: DirectoryIndex) -> None:
    origin = repo.zip_position("05401")
    assert origin is not None
    place = real.zip_place(origin)
    assert place.distances is not None
    miles = [place.distances[i] for i in place.rows]
    assert len(miles) >= ZIP_MIN_RESULTS and miles == sorted(miles)
    assert real.facilities[place.rows[0]].state == "VT"


@needs_data
def test_the_screens_compact_load_lists_what_the_summaries_do(repo: DirectoryRepository,
                                                               real: DirectoryIndex) -> None:
    builder = DirectoryIndexBuilder(filter_defs(repo.services()))
    # The import packed the directory: 12,200 programs are three chunks, three steps.
    assert list(index_steps(builder, repo.index_batches(size=5000))) == PACKED_STEPS
    loaded = builder.finish()
    summaries = repo.summaries()
    for i in (0, 1234, 12199):  # the rows a list shows, as the repository gives them
        assert loaded.facilities[i] == dataclasses.replace(summaries[i], codes=frozenset())
    ca, real_ca = loaded.state_place("CA"), real.state_place("CA")
    for chosen in (set(), {"spanish"}, {"residential", "outpatient", "medicaid"}):
        assert loaded.rows(ca, chosen) == real.rows(real_ca, chosen)
        assert loaded.live_counts(ca, chosen) == real.live_counts(real_ca, chosen)
    # Each service filter holds exactly the programs listing any of its codes.
    in_ca = [f for f in summaries if f.state == "CA"]
    for key in ("spanish", "medicaid", "buprenorphine", "veterans"):
        codes = loaded.filters[key].codes
        assert loaded.live_counts(ca, set())[key] == sum(1 for f in in_ca if f.codes & codes)
    # One bit per program for each filter.
    assert all(b.bit_length() <= len(loaded) for b in loaded.filter_bits.values())


#: What loading the packed real directory reports, a chunk at a time.
PACKED_STEPS = [PACK_CHUNK, 2 * PACK_CHUNK, 12_200]


def _loaded(db: Path) -> tuple[list[int], DirectoryIndex]:
    conn = open_content_db(db)
    try:
        repo = DirectoryRepository(conn)
        builder = DirectoryIndexBuilder(filter_defs(repo.filter_codes()))
        steps = list(index_steps(builder, repo.index_batches(size=5000)))
        return steps, builder.finish()
    finally:
        conn.close()


def _same_index(a: DirectoryIndex, b: DirectoryIndex) -> None:
    assert len(a) == len(b)
    assert [a.facilities[i] for i in range(len(a))] == [b.facilities[i] for i in range(len(b))]
    assert a.filter_bits == b.filter_bits
    assert a.state_rows == b.state_rows and a.state_mask == b.state_mask


@needs_data
@pytest.mark.parametrize("change", ["no pack", "stale pack"])
def test_without_a_matching_pack_the_rows_are_read_and_give_the_same_index(
        content_db: Path, tmp_path: Path, change: str) -> None:
    packed_steps, packed = _loaded(content_db)
    assert packed_steps == PACKED_STEPS
    conn = sqlite3.connect(content_db)
    if change == "no pack":  # a database built before the pack existed
        conn.execute("DROP TABLE directory_pack")
    else:  # a program taken out by hand after the import: the pack no longer matches
        conn.execute("CREATE TABLE kept AS SELECT * FROM facility"
                     " WHERE id = (SELECT id FROM facility ORDER BY state, name, id LIMIT 1)")
        conn.execute("DELETE FROM facility WHERE id IN (SELECT id FROM kept)")
    conn.commit()
    conn.close()
    steps, rows = _loaded(content_db)
    if change == "no pack":
        assert steps == [5000, 10000, 12200]
        _same_index(rows, packed)
    else:
        assert steps == [5000, 10000, 12199]
        assert rows.facilities[0] == packed.facilities[1]


@needs_data
def test_a_rebuild_for_the_local_lists_keeps_a_matching_pack_and_renews_a_stale_one(
        content_db: Path) -> None:
    conn = sqlite3.connect(content_db)
    # a part no pack writes: it survives only if the pack is left as it was
    conn.execute("INSERT INTO directory_pack (chunk, part, data) VALUES (0, 'kept', x'00')")
    build_index(conn, facilities_unchanged=True)
    assert conn.execute("SELECT count(*) FROM directory_pack WHERE part = 'kept'"
                        ).fetchone() == (1,)
    # Taken out by hand: the pack no longer matches, so even this rebuild packs again.
    conn.execute("DELETE FROM facility WHERE id = (SELECT id FROM facility"
                 " ORDER BY state, name, id LIMIT 1)")
    build_index(conn, facilities_unchanged=True)
    assert conn.execute("SELECT count(*) FROM directory_pack WHERE part = 'kept'"
                        ).fetchone() == (0,)
    conn.commit()
    conn.close()
    steps, index = _loaded(content_db)
    assert steps == [*PACKED_STEPS[:-1], 12199] and len(index) == 12199


@needs_data
def test_a_line_break_in_a_program_packs_and_a_field_separator_does_not(
        content_db: Path) -> None:
    conn = sqlite3.connect(content_db)
    first = conn.execute("SELECT id FROM facility ORDER BY state, name, id LIMIT 1").fetchone()[0]
    conn.execute("UPDATE facility SET street2 = 'Suite 1' || char(10) || 'Floor 2' WHERE id = ?",
                 (first,))
    assert pack_index(conn) == len(PACKED_STEPS)
    conn.commit()
    steps, index = _loaded(content_db)
    assert steps == PACKED_STEPS and index.facilities[0].street2 == "Suite 1\nFloor 2"
    # The separator of a record's fields cannot be packed: the rows are read as they are.
    conn.execute("UPDATE facility SET street2 = 'Suite' || char(31) WHERE id = ?", (first,))
    assert pack_index(conn) == 0
    conn.commit()
    conn.close()
    assert _loaded(content_db)[0] == [5000, 10000, 12200]


@needs_data
@pytest.mark.parametrize("packed", [True, False])
def test_a_half_read_directory_holds_no_lock_on_the_file(content_db: Path,
                                                         packed: bool) -> None:
    conn = sqlite3.connect(content_db)
    if not packed:
        conn.execute("DROP TABLE directory_pack")
        conn.commit()
    repo = DirectoryRepository(conn)
    steps = index_steps(DirectoryIndexBuilder(filter_defs(repo.services())),
                        repo.index_batches(size=400))
    assert next(steps) == (PACK_CHUNK if packed else 400)
    # A reader still stepping through a statement would hold a shared lock on the file.
    other = sqlite3.connect(content_db, timeout=0)
    other.execute("BEGIN EXCLUSIVE")
    other.rollback()
    other.close()
    conn.close()
    steps.close()  # nothing left to close on the closed connection, so no error

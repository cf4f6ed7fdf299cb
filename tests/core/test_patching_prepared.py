"""The prepared arrays are patched, not built again, after an edit; the patched ones equal a fresh build."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest

from pdsa_desk.core import metrics, prepared_patch, services, spare_arrays
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.patching import patch_analysis
from tests.snapshot_support import PATCHED_ARRAYS as _ARRAYS
from tests.snapshot_support import assert_same_prepared, open_cards

_LAZY = ("first", "window_days", "outcome", "rep_groups", "team_groups", "ev_end", "ev_is_last", "latest_first")


def _use_everything(prep: metrics.Prepared) -> None:
    """Compute every lazy value, so that the patch has them to carry or patch."""
    for name in _LAZY:
        getattr(prep, name)
    assert prep.won is not None


def step(ws, data: AnalysisData, *ids: str) -> AnalysisData:
    """Patch ``data`` for these opportunities; check its prepared arrays against a fresh load's."""
    prep = metrics.prepare(data)
    _use_everything(prep)
    with pytest.MonkeyPatch.context() as mp:  # patched, not built again
        mp.setattr(prepared_patch, "_build", lambda _data: pytest.fail("built again"))
        new = patch_analysis(ws, data, ids)
    assert new is not None and new is not data
    assert new.is_cached("prepared"), "the prepared arrays were carried into the patched snapshot"
    patched = metrics.prepare(new)
    assert patched is not prep
    assert_same_prepared(patched, metrics._build(load_analysis_data(ws)))
    return new


def test_patched_prepared_equals_a_fresh_build_after_every_kind_of_edit(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    stages = services.list_stages(ws)
    a, b, c = open_cards(data, 1)
    move = services.move_opportunity(ws, a, stages[2].id, entered_at=datetime.now(UTC))
    data = step(ws, data, a)
    services.move_opportunity(ws, b, stages[-1].id, entered_at=datetime.now(UTC))  # into Won: closes it
    data = step(ws, data, b)
    services.undo_move(ws, move)
    data = step(ws, data, a)
    services.redo_move(ws, move)
    data = step(ws, data, a)
    reason = services.list_loss_reasons(ws)[0]
    services.mark_lost(ws, c, reason.id, at=datetime.now(UTC))  # a close: the same events, a new end
    data = step(ws, data, c)
    services.reopen(ws, c)
    data = step(ws, data, c)
    new = services.create_opportunity(ws, "Brand new", stage_id=stages[0].id, opened_at=datetime.now(UTC))
    data = step(ws, data, new.id)
    bare = services.create_opportunity(ws, "Without a stage or rep", opened_at=datetime.now(UTC))
    data = step(ws, data, bare.id)
    services.move_opportunity(ws, new.id, stages[1].id, entered_at=datetime.now(UTC))
    services.mark_won(ws, c, at=datetime.now(UTC))
    step(ws, data, new.id, c, a)  # several at once


def test_a_rep_change_recodes_the_reps(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    (a,) = open_cards(data, 1, 1)
    rep = data.opportunities.set_index("id").loc[a, "rep_id"]
    other = next(r for r in services.list_reps(ws) if r.id != rep)
    services.update_opportunity(ws, a, rep_id=other.id)
    step(ws, data, a)


def test_a_patch_of_a_snapshot_without_prepared_arrays_builds_them_on_use(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    (a,) = open_cards(data, 1, 1)
    services.move_opportunity(ws, a, services.list_stages(ws)[2].id, entered_at=datetime.now(UTC))
    new = patch_analysis(ws, data, [a])
    assert new is not None and not new.is_cached("prepared")
    assert_same_prepared(metrics.prepare(new), metrics._build(load_analysis_data(ws)))


def _moves(ws, data: AnalysisData, count: int):
    """``count`` board moves one after another (each a card of stage 1 moved on, or back by undo), each
    patched and compared with a fresh build; yields each snapshot."""
    stages = services.list_stages(ws)
    cards = open_cards(data, 1, count)
    assert len(cards) == count
    for i, card in enumerate(cards):
        move = services.move_opportunity(ws, card, stages[2].id, entered_at=datetime.now(UTC))
        data = step(ws, data, card)
        yield data
        if i % 3 == 2:  # an undo: the block shrinks again
            services.undo_move(ws, move)
            data = step(ws, data, card)
            yield data


def test_many_moves_in_a_row_write_into_the_spare_room(demo_ws, monkeypatch) -> None:
    """The arrays a patch writes come from spare room, and once the snapshots before the last are dropped their
    room is written again (two generations are kept, not one per edit); every step equals a fresh build."""
    monkeypatch.setattr(spare_arrays, "_buffers", [])  # what earlier tests left does not count
    data = load_analysis_data(demo_ws)
    seen: set[int] = set()
    for new in _moves(demo_ws, data, 8):
        prep = metrics.prepare(new)
        assert all(spare_arrays.pooled(getattr(prep, name)) for name in ("ev_opp", "ev_stage", "ev_t", "first_big"))
        assert spare_arrays.pooled(new.events["opp"].to_numpy())
        seen.add(id(prep.ev_t.base))
    assert len(seen) <= 3, "the room of dropped snapshots is written again"


def test_a_reader_of_an_older_snapshot_sees_it_unchanged(demo_ws) -> None:
    """A worker may still compute on a snapshot that is no longer current: nothing it can see is written by
    later patches (copy-on-write: a buffer is written again only when nobody refers to it)."""
    data = load_analysis_data(demo_ws)
    held: list[tuple[object, dict[str, np.ndarray]]] = []
    for n, new in enumerate(_moves(demo_ws, data, 7)):
        prep = metrics.prepare(new)
        if n == 1:  # a reader keeps the whole snapshot
            held.append((new, {name: getattr(prep, name).copy() for name in (*_ARRAYS, "first", "ev_end")}
                         | {"events": new.events["entered_at"].array.asi8.copy()}))
        if n == 3:  # a reader keeps one slice of one array
            piece = prep.ev_t[5:50]
            held.append((piece, {"piece": piece.copy()}))
    old, values = held[0]
    old_prep = metrics.prepare(old)
    for name, expected in values.items():
        now = old.events["entered_at"].array.asi8 if name == "events" else getattr(old_prep, name)
        np.testing.assert_array_equal(now, expected, err_msg=name)
    piece, values = held[1]
    np.testing.assert_array_equal(piece, values["piece"])


def test_spare_room_exhausted_takes_new_room(demo_ws, monkeypatch) -> None:
    """With no spare room every move that adds an event needs a larger buffer: still equal to a fresh build."""
    monkeypatch.setattr(spare_arrays, "SPARE_FRACTION", 0.0)
    monkeypatch.setattr(spare_arrays, "MIN_POOLED", 1)
    monkeypatch.setattr(spare_arrays, "_buffers", [])
    data = load_analysis_data(demo_ws)
    sizes = []
    for new in _moves(demo_ws, data, 5):
        sizes.append(metrics.prepare(new).ev_t.base.size)
    assert len(set(sizes)) > 1


def test_room_reserved_beside_the_write_is_what_the_patch_writes_into(demo_ws, monkeypatch) -> None:
    """``reserve_room`` (run while an edit is written) makes the room the following patch takes: the patch makes
    no buffer of its own, and its result still equals a fresh build."""
    from pdsa_desk.core.patching import reserve_room

    monkeypatch.setattr(spare_arrays, "_buffers", [])
    data = load_analysis_data(demo_ws)
    _use_everything(metrics.prepare(data))
    (card,) = open_cards(data, 1, 1)
    services.move_opportunity(demo_ws, card, services.list_stages(demo_ws)[2].id, entered_at=datetime.now(UTC))
    before = {id(b) for b in spare_arrays._buffers}
    assert reserve_room(data) > 0
    reserved = {id(b) for b in spare_arrays._buffers} - before
    new = step(demo_ws, data, card)  # (then builds a fresh load's arrays to compare: other room)
    prep = metrics.prepare(new)
    written = [new.events["opp"].to_numpy(), new.events["stage"].to_numpy(), *(getattr(prep, name) for name in
               ("ev_opp", "ev_stage", "ev_t", "first_big", "closed", "first", "ev_end", "ev_is_last"))]
    assert all(id(a.base) in reserved for a in written), "the patch wrote into the reserved room"


def test_room_reserved_beside_the_write_includes_the_id_lookup_the_patch_starts_with(demo_ws) -> None:
    """The patch looks each edited id up in the snapshot's id -> code index; its hash table is built on the first
    lookup (~30 ms at 200,000 opportunities). ``reserve_room`` builds it beside the write, so that the first
    edit's patch finds it ready, and the patch carries it to the next snapshot."""
    from pdsa_desk.core.patching import _opportunity_index, reserve_room

    data = load_analysis_data(demo_ws)
    assert not data.is_cached("opportunity_index")
    reserve_room(data)
    assert data.is_cached("opportunity_index")
    index = _opportunity_index(data)
    assert index._engine.is_mapping_populated  # the lookup's hash table, not only the index
    (card,) = open_cards(data, 1, 1)
    services.move_opportunity(demo_ws, card, services.list_stages(demo_ws)[2].id, entered_at=datetime.now(UTC))
    new = step(demo_ws, data, card)
    assert _opportunity_index(new) is index


def _instants(data: AnalysisData) -> list[int]:
    """Instants a chart or the agenda asks for: before the newest first entry (a copy of the entries) and after."""
    latest = metrics.prepare(data).latest_first
    return [latest - 30 * metrics.NS_PER_DAY, latest + metrics.NS_PER_DAY]


def _per_instant(prep: metrics.Prepared, instants: list[int]) -> list:
    return [prep.conversion_inputs(s, t) for t in instants for s, _to in metrics.transitions(prep)]


def _assert_same_per_instant(patched: metrics.Prepared, ws, instants: list[int]) -> None:
    """``patched``'s values at each instant equal those of a fresh build that computed nothing else before."""
    for t in instants:
        fresh = metrics._build(load_analysis_data(ws))
        for a, b in zip(_per_instant(patched, [t]), _per_instant(fresh, [t]), strict=True):
            for x, y in zip(a[:3], b[:3], strict=True):
                assert x.dtype == y.dtype
                np.testing.assert_array_equal(x, y)
            assert a[3] == b[3]
        np.testing.assert_array_equal(patched.first_as_of(t), fresh.first_as_of(t))


def _rows_redone(monkeypatch) -> list[int]:
    """How many rows each conversion-inputs computation redid (a full one fails the test)."""
    sizes: list[int] = []
    real = prepared_patch._earliest_after
    monkeypatch.setattr(prepared_patch, "_earliest_after", lambda fb, f, lo: sizes.append(len(f)) or real(fb, f, lo))
    monkeypatch.setattr(metrics, "_earliest_after", lambda *_a: pytest.fail("computed over every opportunity"))
    return sizes


def test_per_instant_conversion_inputs_are_carried_and_equal_a_fresh_build(demo_ws) -> None:
    """A chart's or the agenda's conversion inputs at an instant are carried through a patch and redone only for
    the touched opportunities -- through two patches in a row too, and a new opportunity -- and equal a fresh
    build's."""
    ws = demo_ws
    data = load_analysis_data(ws)
    instants = _instants(data)
    _per_instant(metrics.prepare(data), instants)
    stages = services.list_stages(ws)
    a, b = open_cards(data, 1, 2)
    services.move_opportunity(ws, a, stages[2].id, entered_at=datetime.now(UTC))
    data = step(ws, data, a)
    prep = metrics.prepare(data)
    assert {("conversion_inputs", 1, instants[0]), ("first_as_of", instants[0])} <= set(prep.carried)
    services.move_opportunity(ws, b, stages[3].id, entered_at=datetime.now(UTC))
    data = step(ws, data, b)  # the first patch's values were never used: carried twice
    new = services.create_opportunity(ws, "Brand new", stage_id=stages[0].id, opened_at=datetime.now(UTC))
    services.move_opportunity(ws, new.id, stages[1].id, entered_at=datetime.now(UTC))
    data = step(ws, data, new.id)
    prep = metrics.prepare(data)
    assert ("conversion_inputs", 0, instants[0]) in prep.carried
    _assert_same_per_instant(prep, ws, instants)


def test_carried_conversion_inputs_redo_only_the_touched_rows(demo_ws, monkeypatch) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    instants = _instants(data)
    _per_instant(metrics.prepare(data), instants)
    (a,) = open_cards(data, 1, 1)
    services.move_opportunity(ws, a, services.list_stages(ws)[2].id, entered_at=datetime.now(UTC))
    data = step(ws, data, a)
    sizes = _rows_redone(monkeypatch)
    _per_instant(metrics.prepare(data), instants)
    assert sizes and set(sizes) == {1}


def test_the_clock_moving_on_redoes_only_the_touched_rows_when_nothing_else_entered_between(
        demo_ws, monkeypatch) -> None:
    """The window's clock moves on at every edit: the inputs at the new instant are made from those at the last one
    when no untouched opportunity has a first entry between the two; otherwise they are computed in full. Both equal
    a fresh build's."""
    ws = demo_ws
    data = load_analysis_data(ws)
    latest = metrics.prepare(data).latest_first
    before = latest + metrics.NS_PER_DAY
    _per_instant(metrics.prepare(data), [before])
    (a,) = open_cards(data, 1, 1)
    moved_at = datetime.fromtimestamp((latest + 2 * metrics.NS_PER_DAY) / 1e9, UTC)
    services.move_opportunity(ws, a, services.list_stages(ws)[2].id, entered_at=moved_at)
    data = step(ws, data, a)
    after = latest + 3 * metrics.NS_PER_DAY  # the move lies between: it is the touched row
    with monkeypatch.context() as mp:
        sizes = _rows_redone(mp)
        _per_instant(metrics.prepare(data), [after])
        assert sizes and set(sizes) == {1}
    _assert_same_per_instant(metrics.prepare(data), ws, [after])
    # An instant with an untouched opportunity's first entry between it and every instant known: in full.
    earlier = latest - 400 * metrics.NS_PER_DAY
    assert not prepared_patch._quiet_between(metrics.prepare(data), before, earlier, frozenset({0}))
    _assert_same_per_instant(metrics.prepare(data), ws, [earlier])


def test_carrying_reads_a_memo_another_thread_is_adding_to(demo_ws) -> None:
    """A reader of the earlier snapshot may add to its memo while a patch carries it, or while another value is made
    from a nearby one: the memo is copied in one step, never iterated while it may change."""
    import sys
    import threading

    data = load_analysis_data(demo_ws)
    prep = metrics.prepare(data)
    latest = prep.latest_first
    stop = threading.Event()

    def reader() -> None:
        step = 0
        while not stop.is_set():
            step += 1
            prep.conversion_inputs(step % 3, latest + step * metrics.NS_PER_DAY)

    thread = threading.Thread(target=reader)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can: iterating the memo would fail
    thread.start()
    try:
        (a,) = open_cards(data, 1, 1)
        services.move_opportunity(demo_ws, a, services.list_stages(demo_ws)[2].id, entered_at=datetime.now(UTC))
        for _ in range(200):
            patched = metrics.prepare(patch_analysis(demo_ws, data, {a}))
            patched.conversion_inputs(1, latest + metrics.NS_PER_DAY // 2)
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)

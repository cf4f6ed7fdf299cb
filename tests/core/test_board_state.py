"""The board's state is kept with the snapshot, carried through patches and brought forward in time; the
board it gives equals the one computed from a fresh load."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from pdsa_desk.core import board_state as bs
from pdsa_desk.core import services
from pdsa_desk.core.board import BoardSnapshot, load_board
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.patching import patch_analysis
from tests.snapshot_support import open_cards


def assert_same_board(a: BoardSnapshot, b: BoardSnapshot) -> None:
    assert a.as_of == b.as_of and a.unstaged == b.unstaged
    for name in ("stages", "cards", "reps", "teams"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)


class Counter:
    """Counts the states computed from scratch."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.fresh = 0
        original = bs._fresh

        def counted(*args, **kwargs):
            self.fresh += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(bs, "_fresh", counted)


def board_now(ws, data: AnalysisData, as_of: datetime) -> BoardSnapshot:
    """The board of ``data`` (kept state), checked against a fresh load's."""
    board = load_board(ws, data, as_of=as_of)
    assert_same_board(board, load_board(ws, load_analysis_data(ws), as_of=as_of))
    return board


def test_a_patched_board_equals_a_fresh_one_through_moves_closes_undo_and_new_cards(demo_ws, monkeypatch) -> None:
    ws = demo_ws
    counter = Counter(monkeypatch)
    clock = datetime.now(UTC)
    data = load_analysis_data(ws)
    board_now(ws, data, clock)
    assert counter.fresh == 2  # the kept one and the reference
    stages = services.list_stages(ws)
    a, b, c = open_cards(data, 1)

    def edit(*ids: str) -> None:
        nonlocal data, clock
        clock += timedelta(seconds=1)  # the window's clock advances after every edit
        new = patch_analysis(ws, data, ids)
        assert new is not None
        data = new
        before = counter.fresh
        board_now(ws, data, clock)
        assert counter.fresh == before + 1, "only the reference was computed from scratch"

    move = services.move_opportunity(ws, a, stages[2].id, entered_at=clock + timedelta(milliseconds=300))
    edit(a)
    services.move_opportunity(ws, b, stages[-1].id, entered_at=clock + timedelta(milliseconds=300))  # won
    edit(b)
    services.undo_move(ws, move)
    edit(a)
    services.redo_move(ws, move)
    edit(a)
    reason = services.list_loss_reasons(ws)[0]
    services.mark_lost(ws, c, reason.id, at=clock + timedelta(milliseconds=300))
    edit(c)
    services.reopen(ws, c)
    edit(c)
    new = services.create_opportunity(ws, "Brand new", stage_id=stages[0].id,
                                      opened_at=clock + timedelta(milliseconds=300))
    edit(new.id)
    services.move_opportunity(ws, new.id, stages[1].id, entered_at=clock + timedelta(milliseconds=400))
    services.move_opportunity(ws, a, stages[3].id, entered_at=clock + timedelta(milliseconds=500))
    edit(new.id, a)  # several at once
    # two patches before the board is asked for again: the state is carried through both
    services.move_opportunity(ws, c, stages[2].id, entered_at=clock + timedelta(milliseconds=600))
    data = patch_analysis(ws, data, [c]) or data
    services.move_opportunity(ws, c, stages[3].id, entered_at=clock + timedelta(milliseconds=700))
    edit(c)


def test_the_state_is_computed_again_when_something_happened_in_between(demo_ws, monkeypatch) -> None:
    ws = demo_ws
    counter = Counter(monkeypatch)
    data = load_analysis_data(ws)
    stages = services.list_stages(ws)
    (a,) = open_cards(data, 1, 1)
    now = datetime.now(UTC)
    # A move dated tomorrow (an import can bring such rows): as of today it has not happened yet.
    services.move_opportunity(ws, a, stages[2].id, entered_at=now + timedelta(days=1))
    data = load_analysis_data(ws)
    board_now(ws, data, now)
    counted = counter.fresh
    board_now(ws, data, now + timedelta(seconds=5))  # nothing happened: brought forward
    assert counter.fresh == counted + 1
    board_now(ws, data, now + timedelta(days=2))  # the move happened in between: from scratch
    assert counter.fresh == counted + 3
    board_now(ws, data, now)  # back in time: from scratch
    assert counter.fresh == counted + 5


def test_the_wip_count_of_a_move_agrees_with_the_board(demo_ws) -> None:
    """The service's count (read per open opportunity through the index) is the board's count per stage."""
    from pdsa_desk.core.services.opportunities import open_in_stage

    board = load_board(demo_ws, load_analysis_data(demo_ws), as_of=datetime.now(UTC))
    counts = dict(zip(board.stages["id"], board.stages["count"], strict=True))
    first = board.cards[board.cards["stage"] >= 0].iloc[0]
    with demo_ws.session() as s:
        for stage_id, count in counts.items():
            assert open_in_stage(s, stage_id) == count
        stage_id = board.stages["id"].iat[int(first["stage"])]
        assert open_in_stage(s, stage_id, excluding=first["id"]) == counts[stage_id] - 1
    assert sum(counts.values()) > 0


def test_the_wip_count_reads_the_open_opportunities_from_the_live_outcome_index(demo_ws) -> None:
    """The count of a move walks the open opportunities through the partial index of schema 0005 (their ids in
    order, no row needed for ``deleted_at``: the design that makes a move's WIP check ~15-22 ms at 200,000
    opportunities, against 34-45 ms by the outcome index), also once ANALYZE's statistics would lead SQLite's
    planner to the outcome index, and finds each one's latest event through the (opportunity, time) index
    without sorting."""
    from sqlalchemy import event

    from pdsa_desk.core.services.opportunities import open_in_stage

    stage_id = services.list_stages(demo_ws)[1].id
    with demo_ws.engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
    for excluding in (None, "some-id"):
        ran: list[tuple[str, object]] = []  # the statement the count runs, as the driver gets it

        def seen(_conn, _cursor, statement, parameters, _context, _many, ran=ran) -> None:
            ran.append((statement, parameters))

        event.listen(demo_ws.engine, "before_cursor_execute", seen)
        try:
            with demo_ws.session() as s:
                open_in_stage(s, stage_id, excluding=excluding)
        finally:
            event.remove(demo_ws.engine, "before_cursor_execute", seen)
        (statement, parameters), = [r for r in ran if "count(" in r[0].lower()]
        with demo_ws.engine.connect() as conn:
            plan = [row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)]
        assert plan[0] in ("SEARCH opportunity USING INDEX ix_opportunity_live_outcome (outcome=?)",
                           "SEARCH opportunity USING COVERING INDEX ix_opportunity_live_outcome (outcome=?)"), plan
        assert any("USING INDEX ix_stage_event_opportunity_entered (opportunity_id=?)" in p for p in plan), plan
        assert not any("TEMP B-TREE" in p for p in plan), plan


def test_the_wip_count_takes_the_last_stored_of_two_entries_at_the_same_instant(ws) -> None:
    """Ties in time go by the order stored, as the board orders them; a deleted opportunity is not counted."""
    from pdsa_desk.core.services.opportunities import open_in_stage

    lead, qualified = services.create_stage(ws, "Lead"), services.create_stage(ws, "Qualified")
    services.create_stage(ws, "Won", terminal="won")
    at = datetime(2026, 3, 2, 9, tzinfo=UTC)
    tied = services.create_opportunity(ws, "Tied", stage_id=lead.id, opened_at=at)
    services.move_opportunity(ws, tied.id, qualified.id, entered_at=at)
    gone = services.create_opportunity(ws, "Gone", stage_id=qualified.id, opened_at=at)
    with ws.session() as s:
        assert (open_in_stage(s, lead.id), open_in_stage(s, qualified.id)) == (0, 2)
        assert open_in_stage(s, qualified.id, excluding=tied.id) == 1
    services.delete_opportunity(ws, gone.id)
    with ws.session() as s:
        assert open_in_stage(s, qualified.id) == 1


def test_the_cards_are_ordered_as_a_stable_sort_by_stage_days_name_and_id() -> None:
    """The numpy order of the board's cards is pandas' sort by stage, days (longest first), name, id."""
    import numpy as np

    from pdsa_desk.core.board import _card_order

    rng = np.random.default_rng(7)
    n = 400
    names = np.array([rng.choice(["acme", "Acme", "Äcme", "zeta", "Zeta", "beta 2", "beta 10", ""]) for _ in range(n)],
                     dtype=object)
    ids = np.array([f"id-{rng.integers(0, 10**6):07d}-{i}" for i in range(n)], dtype=object)
    stage = rng.integers(-1, 4, n)
    days = rng.choice([0.0, 1.5, 2.25, 7.0, 30.125], n)
    frame = pd.DataFrame({"stage": stage, "days": days, "name": names, "id": ids})
    expected = frame.sort_values(["stage", "days", "name", "id"], ascending=[True, False, True, True],
                                 kind="stable").index.to_numpy()
    np.testing.assert_array_equal(_card_order(stage, days, names, ids), expected)
    assert len(_card_order(stage[:0], days[:0], names[:0], ids[:0])) == 0

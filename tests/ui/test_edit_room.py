"""Room for the next edit's patch is made at idle after an edit (ui/edit_room.py), never after a load alone; the
patch that follows writes into it, and the numbers are those of a fresh load."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

from pdsa_desk.core import metrics, services, spare_arrays
from pdsa_desk.core.changes import Change
from pdsa_desk.core.frames import load_analysis_data
from tests.snapshot_support import assert_same_prepared, open_cards


def _context(qtbot, ws):
    from pdsa_desk.ui.context import AppContext

    ctx = AppContext(ws)
    got: list[object] = []
    ctx.analysis_in_background(got.append)
    qtbot.waitUntil(lambda: bool(got))
    metrics.prepare(got[0])  # the views' work prepares it: the patch then patches the prepared arrays too
    return ctx, got[0]


def _settled(ctx) -> bool:
    return ctx.analysis_current and not (ctx.tasks.busy or ctx.reads.busy or ctx.edits.busy)


def _move(qtbot, ctx, opp_id: str, stage_id: str) -> None:
    done: list[object] = []
    ctx.run_edit(lambda: services.move_opportunity(ctx.ws, opp_id, stage_id, entered_at=datetime.now(UTC)),
                 done.append)
    qtbot.waitUntil(lambda: bool(done))
    ctx.notify_changed(Change.of(opp_id))
    qtbot.waitUntil(lambda: _settled(ctx))


def test_room_is_made_after_an_edit_when_idle_not_after_a_load(qtbot, demo_ws, monkeypatch) -> None:
    from pdsa_desk.core import patching

    calls: list[tuple[object, str, int, bool]] = []
    real = patching.reserve_room
    ctx = None

    def record(data: object) -> int:
        assert ctx is not None
        calls.append((data, threading.current_thread().name, len(ctx.tasks._running), ctx.reads.busy))
        return real(data)

    monkeypatch.setattr(patching, "reserve_room", record)
    ctx, data = _context(qtbot, demo_ws)
    qtbot.wait(50)  # an idle window after a load: nothing reserved (its spare room would be held for nothing)
    assert calls == [] and ctx.edit_room.started == 0

    stages = services.list_stages(demo_ws)
    a, b = open_cards(data, 1)[:2]
    # A view's work on the worker after the patch (as the Board's), queued when the snapshot is delivered:
    # the room waits for it.
    seen: list[object] = []
    ctx.analysis_changed.connect(lambda d: ctx.run_in_background(lambda: seen.append(d), lambda _r: None))
    _move(qtbot, ctx, a, stages[2].id)
    qtbot.waitUntil(lambda: ctx.edit_room.started == 1 and len(calls) == 2 and _settled(ctx))
    beside, idle = calls
    assert beside[1] == "pdsa-reserve-room"  # run_edit's, beside the write (stop 22)
    patched = ctx.current_analysis()
    assert patched is not data and seen == [patched]
    assert idle[0] is patched and idle[1] != "pdsa-reserve-room" and idle[1] != threading.current_thread().name
    assert idle[2] == 1 and idle[3] is False  # only itself on the worker; no read running

    # The next edit's patch writes into the room made at idle: no new buffer.
    kept = spare_arrays.in_use()[0]
    _move(qtbot, ctx, b, stages[2].id)
    assert ctx.current_analysis() is not patched
    assert spare_arrays.in_use()[0] == kept or ctx.edit_room.started == 2  # the second idle reserve may add one
    assert_same_prepared(metrics.prepare(ctx.current_analysis()), metrics._build(load_analysis_data(demo_ws)))
    ctx.shutdown()


def _buffer_ids() -> set[int]:
    with spare_arrays._lock:
        return {id(b) for b in spare_arrays._buffers}


def test_the_patch_after_the_idle_room_takes_no_fresh_buffer(qtbot, demo_ws) -> None:
    """Right after a load the loaded snapshot is held (the hidden views keep it) and the first patch's room is in use:
    the room made at idle is what the second patch writes into."""
    from pdsa_desk.core import patching

    ctx, loaded = _context(qtbot, demo_ws)
    stages = services.list_stages(demo_ws)
    a, b = open_cards(loaded, 1)[:2]
    _move(qtbot, ctx, a, stages[2].id)
    qtbot.waitUntil(lambda: ctx.edit_room.started == 1 and _settled(ctx))
    current = ctx.current_analysis()
    before = _buffer_ids()
    services.move_opportunity(demo_ws, b, stages[2].id, entered_at=datetime.now(UTC))
    new = patching.patch_analysis(demo_ws, current, {b})
    assert new is not None and new is not current
    assert _buffer_ids() <= before, "the patch allocated a fresh buffer"
    assert_same_prepared(metrics.prepare(new), metrics._build(load_analysis_data(demo_ws)))
    assert loaded is not None  # held until here, as the hidden views hold it
    ctx.shutdown()


def test_opening_the_move_dialog_makes_the_room_before_ok(qtbot, demo_ws, monkeypatch) -> None:
    """The first move after a load needs fresh room (the loaded snapshot is held): it is made while the dialog is
    read, on a short thread; the reserve at OK then waits for it and finds it."""
    from pdsa_desk.core import patching
    from pdsa_desk.ui import board_edits
    from pdsa_desk.ui.views.board import BoardView
    from tests.ui.test_board_wip import _card_in
    from tests.ui.waiting import recorded, refreshed

    monkeypatch.setattr(board_edits, "report_problem", lambda *_args: None)
    made: list[tuple[str, int]] = []
    real = patching._reserve_room

    def counted(data: Any) -> int:
        n = real(data)
        made.append((threading.current_thread().name, n))
        return n

    monkeypatch.setattr(patching, "_reserve_room", counted)
    board = BoardView(_context(qtbot, demo_ws)[0])
    qtbot.addWidget(board)
    board.show()
    refreshed(qtbot, board)
    board.select_card(_card_in(board, 1))
    board.move_selected_forward()
    qtbot.waitUntil(lambda: len(made) == 1)
    assert made[0][0] == "pdsa-reserve-room"  # the room is there while the dialog is open (made, or found)
    dialog = board.active_dialog
    assert isinstance(dialog, board_edits.MoveDialog)
    dialog.ok_button.click()
    recorded(qtbot, board)
    qtbot.waitUntil(lambda: len(made) >= 2)
    assert made[1] == ("pdsa-reserve-room", 0)  # the reserve beside the write found it
    board.ctx.shutdown()


def test_reserves_run_one_at_a_time_and_make_the_room_once(demo_ws) -> None:
    from pdsa_desk.core import patching

    data = load_analysis_data(demo_ws)
    metrics.prepare(data)
    held = [data]  # as the views hold the snapshot: its own buffers are not free
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(patching.reserve_room(data))) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results)[:2] == [0, 0] and sum(results) == max(results)  # one made it, the others found it
    assert held

"""The Board's amounts are kept between refreshes and read again where an edit changed them, beside the snapshot's
patch after a move (not after it), and the board it shows is the plain path's: ``load_board`` reading everything
itself (demo workspace, driven through the Move dialog)."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from pdsa_desk.core import board as core_board
from pdsa_desk.core import patching, services
from pdsa_desk.core.board import load_board
from pdsa_desk.core.changes import Change
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.ui import board_edits
from pdsa_desk.ui.views.board import BoardView
from tests.ui.board_support import shown_board
from tests.ui.test_board_wip import _card_in
from tests.ui.waiting import recorded, refreshed


@pytest.fixture
def board(qtbot, demo_ws, monkeypatch):
    monkeypatch.setattr(board_edits, "report_problem", lambda *_args: pytest.fail("refused"))
    return shown_board(qtbot, demo_ws)


def _same_as_plain(board: BoardView, ws) -> None:
    shown = board.snapshot
    assert shown is not None
    plain = load_board(ws, load_analysis_data(ws), as_of=shown.as_of)
    pd.testing.assert_frame_equal(shown.cards, plain.cards)
    pd.testing.assert_frame_equal(shown.stages, plain.stages)


def test_a_move_reads_the_moved_amount_while_the_snapshot_is_patched(board, demo_ws, qtbot, monkeypatch) -> None:
    """After a move only the moved opportunity's amount is read (the others are kept), on the quick-read thread,
    beside the patch; the board equals the plain path's."""
    read_started = threading.Event()
    reads: list[tuple[str, frozenset]] = []
    real_amounts, real_patch = core_board.open_amounts_of, patching.patch_analysis

    def amounts(ws, ids):
        reads.append((threading.current_thread().name, frozenset(ids)))
        read_started.set()
        return real_amounts(ws, ids)

    def patch(ws, data, ids):
        # Read after the patch, this waits in vain.
        patched_with_read = read_started.wait(10)
        result = real_patch(ws, data, ids)
        overlapped.append(patched_with_read)
        return result

    overlapped: list[bool] = []
    monkeypatch.setattr(core_board, "open_amounts_of", amounts)
    monkeypatch.setattr(patching, "patch_analysis", patch)
    kept = board.ctx.amounts
    full = kept.full_reads
    opp_id = _card_in(board, 1)
    board.select_card(opp_id)
    board.move_selected_forward()
    board.active_dialog.ok_button.click()
    recorded(qtbot, board)
    qtbot.waitUntil(lambda: overlapped == [True] and board.ctx.analysis_current
                    and board._data is board.ctx.current_analysis() and not board.updating)
    assert [ids for _thread, ids in reads] == [frozenset({opp_id})] and kept.full_reads == full
    assert reads[0][0] != threading.main_thread().name
    _same_as_plain(board, demo_ws)


def test_a_change_of_anything_reads_every_amount_again(board, demo_ws, qtbot) -> None:
    kept = board.ctx.amounts
    full = kept.full_reads
    opp_id = _card_in(board, 2)
    services.update_opportunity(demo_ws, opp_id, amount=4242.0)  # announced as anything: read in full
    board.ctx.notify_changed()
    refreshed(qtbot, board)
    assert kept.full_reads == full + 1
    assert board.snapshot.cards.set_index("id").loc[opp_id, "amount"] == 4242.0
    _same_as_plain(board, demo_ws)


def test_an_amount_asked_for_during_a_read_includes_the_changes_before_it(board, demo_ws, qtbot) -> None:
    """A read under way answers those who asked before it; who asks after a change made meanwhile gets the next
    read, which has the change."""
    kept, ctx = board.ctx.amounts, board.ctx
    a, b = _card_in(board, 1), _card_in(board, 2)
    services.update_opportunity(demo_ws, a, amount=111.0)
    ctx.amounts.changed(Change.of(a))
    first: list = []
    second: list = []
    kept.get(first.append, pytest.fail)
    assert kept.reading
    services.update_opportunity(demo_ws, b, amount=222.0)
    ctx.amounts.changed(Change.of(b))
    kept.get(second.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(first and second))
    assert first[0][a] == 111.0
    assert second[0][a] == 111.0 and second[0][b] == 222.0
    assert kept.value is second[0] and not kept.dirty


def test_an_amount_edited_and_a_move_undone_show_as_the_plain_path_does(board, demo_ws, qtbot) -> None:
    opp_id = _card_in(board, 2)
    services.update_opportunity(demo_ws, opp_id, amount=123456.0)
    board.ctx.notify_changed(Change.of(opp_id))
    refreshed(qtbot, board)  # as the main window refreshes the shown view after a change
    cards = board.snapshot.cards.set_index("id")
    assert cards.loc[opp_id, "amount"] == 123456.0
    _same_as_plain(board, demo_ws)

    board.select_card(opp_id)
    board.move_selected_forward()
    board.active_dialog.ok_button.click()
    recorded(qtbot, board)
    board.ctx.undo_stack.undo()
    recorded(qtbot, board)
    refreshed(qtbot, board)
    assert board._data is board.ctx.current_analysis() and board.ctx.analysis_current
    assert board.snapshot.cards.set_index("id").loc[opp_id, "amount"] == 123456.0
    _same_as_plain(board, demo_ws)


def test_an_amount_changed_while_every_amount_is_first_read_is_read_again(board, demo_ws, qtbot,
                                                                         monkeypatch) -> None:
    """The first read of every amount may have read an opportunity before an edit announced meanwhile: that
    opportunity is read again by the next request, not kept as it was."""
    import threading

    ctx = board.ctx
    ctx.amounts.changed(Change.everything())  # nothing kept: the next request reads every amount
    a = _card_in(board, 1)
    read_done, go_on = threading.Event(), threading.Event()
    real = core_board.open_amounts

    def slow_read(ws):
        amounts = real(ws)  # read before the edit below
        read_done.set()
        go_on.wait(10)
        return amounts

    monkeypatch.setattr(core_board, "open_amounts", slow_read)
    first: list = []
    ctx.amounts.get(first.append, pytest.fail)
    qtbot.waitUntil(read_done.is_set)
    services.update_opportunity(demo_ws, a, amount=333.0)
    ctx.amounts.changed(Change.of(a))
    go_on.set()
    qtbot.waitUntil(lambda: bool(first))
    second: list = []
    ctx.amounts.get(second.append, pytest.fail)
    qtbot.waitUntil(lambda: bool(second))
    assert second[0][a] == 333.0

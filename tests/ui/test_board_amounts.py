"""The Board's amounts are read beside the snapshot's patch after a move (not after it), and the board it shows is
the plain path's: ``load_board`` reading everything itself (demo workspace, driven through the Move dialog)."""

from __future__ import annotations

import threading

import pandas as pd
import pytest

from pdsa_desk.core import patching, services
from pdsa_desk.core.board import load_board
from pdsa_desk.core.changes import Change
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.ui import board_edits
from pdsa_desk.ui.views import board as board_module
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


def test_amounts_are_read_while_the_snapshot_is_patched(board, demo_ws, qtbot, monkeypatch) -> None:
    read_started = threading.Event()
    threads: list[str] = []
    real_amounts, real_patch = board_module.open_amounts, patching.patch_analysis

    def amounts(ws):
        threads.append(threading.current_thread().name)
        read_started.set()
        return real_amounts(ws)

    def patch(ws, data, ids):
        # The plain path reads the amounts after the patch: then this waits in vain.
        patched_with_read = read_started.wait(10)
        result = real_patch(ws, data, ids)
        overlapped.append(patched_with_read)
        return result

    overlapped: list[bool] = []
    monkeypatch.setattr(board_module, "open_amounts", amounts)
    monkeypatch.setattr(patching, "patch_analysis", patch)
    opp_id = _card_in(board, 1)
    board.select_card(opp_id)
    board.move_selected_forward()
    board.active_dialog.ok_button.click()
    recorded(qtbot, board)
    qtbot.waitUntil(lambda: overlapped == [True] and board.ctx.analysis_current
                    and board._data is board.ctx.current_analysis() and not board.updating)
    assert threads and threading.main_thread().name not in threads
    _same_as_plain(board, demo_ws)


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

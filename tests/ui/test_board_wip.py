"""Board moves and the WIP limit (issue 13, point 5): the move dialog says when the target stage is at or over its
limit, a confirmed move records the override (shown in the history), and a card is never moved into the stage it
is in. Driven through the widgets on the demo workspace (Budget shared holds 49 open deals; its limit is 30)."""

from __future__ import annotations

import pytest

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.ui import board_edits
from pdsa_desk.ui.board_edits import HistoryDialog, MoveDialog
from pdsa_desk.ui.board_models import CardRole
from pdsa_desk.ui.views.board import BoardView
from tests.ui.board_support import shown_board
from tests.ui.waiting import recorded


@pytest.fixture
def board(qtbot, demo_ws):
    return shown_board(qtbot, demo_ws)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(board_edits, "report_problem", lambda _p, title, msg: shown.append((title, msg)))
    return shown


def _card_in(board: BoardView, column: int) -> str:
    return board.columns[column].proxy.index(0, 0).data(CardRole.ID)


def column_of_card(board: BoardView, opp_id: str) -> int | None:
    for pos, column in enumerate(board.columns):
        for row in range(column.model.rowCount()):
            if column.model.index(row, 0).data(CardRole.ID) == opp_id:
                return pos
    return None


def _stage(ws, name: str):
    return next(s for s in services.list_stages(ws) if s.name == name)


def test_moving_into_a_stage_over_its_limit_says_so_and_records_the_override(board, demo_ws, qtbot) -> None:
    budget = _stage(demo_ws, "Budget shared")
    held = board.columns[3].count
    assert budget.wip_limit == 30 and held > 30
    opp_id = _card_in(board, 2)
    board.select_card(opp_id)
    board.move_selected_forward()
    dialog = board.active_dialog
    assert isinstance(dialog, MoveDialog) and dialog.over_wip_limit
    assert dialog.wip_label.isVisibleTo(dialog)
    assert f"“Budget shared” holds {held} open opportunities; its WIP limit is 30." in dialog.wip_label.text()
    assert dialog.ok_button.text() == "Move over the limit"
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert board.active_dialog is None
    event = services.history(demo_ws, opp_id)[-1]
    assert event.stage_id == budget.id and event.wip_override is True

    board.show_history(opp_id)
    history = board.active_dialog
    assert isinstance(history, HistoryDialog)
    last = history.tree.topLevelItem(history.tree.topLevelItemCount() - 1)
    assert (last.text(1), last.text(5)) == ("Budget shared", "overridden")
    assert history.tree.headerItem().text(5) == "WIP limit"

    board.ctx.undo_stack.undo()  # the override goes with the move, and comes back with it
    assert services.history(demo_ws, opp_id)[-1].stage_id != budget.id
    board.ctx.undo_stack.redo()
    assert services.history(demo_ws, opp_id)[-1].wip_override is True


def test_a_move_under_the_limit_says_nothing_and_records_no_override(board, demo_ws, qtbot) -> None:
    services.update_stage(demo_ws, _stage(demo_ws, "Budget shared").id, wip_limit=500)
    opp_id = _card_in(board, 2)
    board.select_card(opp_id)
    board.move_selected_forward()
    dialog = board.active_dialog
    assert isinstance(dialog, MoveDialog) and not dialog.over_wip_limit
    assert not dialog.wip_label.isVisibleTo(dialog) and dialog.ok_button.text() == "Record move"
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert services.history(demo_ws, opp_id)[-1].wip_override is False


def test_a_stage_that_filled_up_since_the_board_was_read_asks_again(board, demo_ws, qtbot) -> None:
    budget = _stage(demo_ws, "Budget shared")
    held = board.columns[3].count
    services.update_stage(demo_ws, budget.id, wip_limit=held + 1)  # one free place when the dialog opens
    opp_id = _card_in(board, 2)
    board.select_card(opp_id)
    board.move_selected_forward()
    dialog = board.active_dialog
    assert isinstance(dialog, MoveDialog) and not dialog.over_wip_limit
    other = board.columns[2].proxy.index(1, 0).data(CardRole.ID)
    services.move_opportunity(demo_ws, other, budget.id)  # a colleague takes the last place meanwhile
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert dialog.isVisible() and dialog.over_wip_limit  # refused, explained, OK now confirms
    assert "its WIP limit is" in dialog.error_label.text()
    assert dialog.ok_button.text() == "Move over the limit" and dialog.ok_button.isEnabled()
    assert services.history(demo_ws, opp_id)[-1].stage_id != budget.id
    assert board.ctx.undo_stack.count() == 0 and column_of_card(board, opp_id) == 2  # nothing moved
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert board.active_dialog is None and services.history(demo_ws, opp_id)[-1].wip_override is True


def test_the_board_never_offers_the_stage_a_card_is_in(board, demo_ws) -> None:
    opp_id = _card_in(board, 3)
    board.select_card(opp_id)
    menu = board.card_menu()
    move_to = next(a.menu() for a in menu.actions() if a.menu() is not None)
    offered = [a.text() for a in move_to.actions()]
    assert "Budget shared" not in offered and offered[0] == "Proposal requested"
    before = len(services.history(demo_ws, opp_id))
    board.request_move(opp_id, 3)  # e.g. a drop on its own column
    assert board.active_dialog is None or not isinstance(board.active_dialog, MoveDialog)
    assert len(services.history(demo_ws, opp_id)) == before
    with pytest.raises(ValidationError, match="is already in 'Budget shared'"):  # and the service refuses it
        services.move_opportunity(demo_ws, opp_id, _stage(demo_ws, "Budget shared").id)


def test_the_move_and_its_wip_count_are_written_off_the_window_thread(board, demo_ws, qtbot, monkeypatch) -> None:
    """The WIP count reads every open opportunity's latest event (~0.1 s at 1M events): never on the GUI thread."""
    import threading

    on_gui: list[bool] = []
    real = services.move_opportunity

    def spy(*args, **kwargs):
        on_gui.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "move_opportunity", spy)
    opp_id = _card_in(board, 2)
    board.select_card(opp_id)
    board.move_selected_forward()
    board.active_dialog.ok_button.click()
    recorded(qtbot, board)
    assert on_gui == [False]
    assert services.history(demo_ws, opp_id)[-1].stage_id == _stage(demo_ws, "Budget shared").id
    qtbot.waitUntil(lambda: column_of_card(board, opp_id) == 3)


def test_a_refused_move_without_a_dialog_says_why_and_changes_nothing(board, demo_ws, qtbot,
                                                                      no_message_boxes) -> None:
    from pdsa_desk.ui.board_edits import MoveCommand

    budget = _stage(demo_ws, "Budget shared")
    opp_id = _card_in(board, 2)
    before = [e.id for e in services.history(demo_ws, opp_id)]
    board._push(MoveCommand(board.ctx, opp_id, budget.id, [], "Move"), opp_id)  # not confirmed over the limit
    recorded(qtbot, board)
    assert no_message_boxes and "its WIP limit is 30" in no_message_boxes[0][1]
    assert [e.id for e in services.history(demo_ws, opp_id)] == before
    assert board.ctx.undo_stack.count() == 0 and column_of_card(board, opp_id) == 2
    assert "recording" not in board.summary_label.text()


def test_a_move_is_not_queued_behind_the_workers_long_work(board, demo_ws, qtbot) -> None:
    """The worker may be loading a million events (start-up) for seconds: a move is written meanwhile."""
    import threading

    release = threading.Event()
    board.ctx.run_in_background(lambda: release.wait(30), lambda _r: None)
    try:
        opp_id = _card_in(board, 2)
        board.select_card(opp_id)
        board.move_selected_forward()
        board.active_dialog.ok_button.click()
        recorded(qtbot, board)
        assert board.ctx.tasks.busy  # still loading, and the move is recorded
        assert services.history(demo_ws, opp_id)[-1].stage_id == _stage(demo_ws, "Budget shared").id
        assert board.ctx.undo_stack.count() == 1 and board.active_dialog is None
    finally:
        release.set()
    qtbot.waitUntil(lambda: column_of_card(board, opp_id) == 3)

"""The opportunity editor and the Board's opportunities table, driven through the widgets: add, edit, close
lost with a reason, reopen, delete (after asking), undo and redo; the table sorts, filters and opens the
editor, and its rows are computed on the worker thread."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from sqlalchemy import text

from pdsa_desk.core import opportunity_list, services
from pdsa_desk.ui import board_edits, record_edits
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.opportunity_editor import OpportunityEditor
from pdsa_desk.ui.opportunity_table import ID_ROLE
from pdsa_desk.ui.views.board import BoardView
from tests.ui.board_support import shown_board
from tests.ui.waiting import refreshed


def sql(ws, query: str, **params) -> list[tuple]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params)]


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(record_edits, "report_problem", lambda title, msg: shown.append((title, msg)))
    monkeypatch.setattr(board_edits, "report_problem", lambda _p, title, msg: shown.append((title, msg)))
    return shown


@pytest.fixture
def board(qtbot, demo_ws):
    return shown_board(qtbot, demo_ws, (1366, 768))


def editor_of(board) -> OpportunityEditor:
    dialog = board.active_dialog
    assert isinstance(dialog, OpportunityEditor)
    return dialog


def wait_board(qtbot, board) -> None:
    qtbot.waitUntil(lambda: not board.updating and not board.records.updating, timeout=30_000)


def test_new_opportunity_from_the_board_lands_in_its_stage_and_undo_removes_it(board, qtbot, demo_ws) -> None:
    qtbot.keyClick(board, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = editor_of(board)
    assert dialog.windowTitle() == "New opportunity"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no name: refused next to the field
    assert "must not be empty" in dialog.errors["name"].text() and dialog.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Contoso rollout")
    qtbot.keyClicks(dialog.amount_edit, "abc")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "not a number" in dialog.errors["amount"].text()
    dialog.amount_edit.setText("48000")
    dialog.channel_edit.setText("partner")
    stage_name = dialog.stage_combo.currentText()
    rep = dialog.rep_combo.itemText(1)
    dialog.rep_combo.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    rows = sql(demo_ws, """SELECT o.amount, o.channel, r.name, s.name FROM opportunity o JOIN rep r ON r.id = o.rep_id
                           JOIN stage_event e ON e.opportunity_id = o.id JOIN stage s ON s.id = e.stage_id
                           WHERE o.name = 'Contoso rollout' AND o.deleted_at IS NULL""")
    assert rows == [(48000.0, "partner", rep, stage_name)]
    wait_board(qtbot, board)
    assert board.selected_id() == dialog.created_id  # the new card is selected on the board
    board.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT count(*) FROM opportunity WHERE name = 'Contoso rollout' AND deleted_at IS NULL") \
        == [(0,)]
    board.ctx.undo_stack.redo()
    assert sql(demo_ws, "SELECT count(*) FROM stage_event e JOIN opportunity o ON o.id = e.opportunity_id "
                        "WHERE o.name = 'Contoso rollout' AND e.deleted_at IS NULL AND o.deleted_at IS NULL") == [(1,)]


def test_edit_close_lost_reopen_and_delete_through_the_editor(board, qtbot, demo_ws, monkeypatch) -> None:
    opp_id = board.columns[1].proxy.index(0, 0).data(0x0100)  # CardRole.ID
    board.select_card(opp_id)
    qtbot.keyClick(board.columns[1].list, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = editor_of(board)
    dialog.name_edit.setText("Renamed deal")
    dialog.source_edit.setText("Trade fair")
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData("won"))
    assert "records no stage move" in dialog.outcome_note.text() and "“Won”" in dialog.outcome_note.text()
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData("lost"))
    assert not dialog.outcome_note.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # lost without a reason
    assert dialog.errors["loss_reason_id"].text() == "Choose a loss reason."
    assert sql(demo_ws, "SELECT name, outcome FROM opportunity WHERE id = :i", i=opp_id)[0][1] == "open"
    dialog.reason_combo.setCurrentIndex(1)
    reason = dialog.reason_combo.currentData()
    dialog.closed_edit.setDate(QDate.currentDate().addDays(-1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    (name, source, outcome, reason_id, closed_at), = sql(
        demo_ws, "SELECT name, source, outcome, loss_reason_id, closed_at FROM opportunity WHERE id = :i", i=opp_id)
    assert (name, source, outcome, reason_id) == ("Renamed deal", "Trade fair", "lost", reason)
    closed = datetime.fromisoformat(closed_at).replace(tzinfo=UTC)
    assert closed < datetime.now(UTC)

    # one undo takes the whole save back: name, source and outcome
    board.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT outcome, loss_reason_id, source FROM opportunity WHERE id = :i", i=opp_id)[0][:2] == (
        "open", None)
    board.ctx.undo_stack.redo()
    wait_board(qtbot, board)

    # reopen from the editor (the card is off the board, so from the table)
    board.records.table_button.click()
    wait_board(qtbot, board)
    assert board.records.select(opp_id)
    board.records.edit_selected()
    dialog = editor_of(board)
    assert dialog.outcome_combo.currentData() == "lost"
    dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findData("open"))
    assert "reopens" in dialog.outcome_note.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert sql(demo_ws, "SELECT outcome, closed_at FROM opportunity WHERE id = :i", i=opp_id) == [("open", None)]

    # delete asks first; No keeps it, Yes tombstones it and its moves; undo brings them back
    wait_board(qtbot, board)
    board.records.select(opp_id)
    board.records.edit_selected()
    dialog = editor_of(board)
    monkeypatch.setattr(OpportunityEditor, "confirm_delete", lambda self: False)
    dialog.delete_button.click()
    assert sql(demo_ws, "SELECT deleted_at FROM opportunity WHERE id = :i", i=opp_id) == [(None,)]
    monkeypatch.setattr(OpportunityEditor, "confirm_delete", lambda self: True)
    moves = sql(demo_ws, "SELECT count(*) FROM stage_event WHERE opportunity_id = :i AND deleted_at IS NULL",
                i=opp_id)[0][0]
    dialog.delete_button.click()
    assert sql(demo_ws, "SELECT deleted_at IS NOT NULL FROM opportunity WHERE id = :i", i=opp_id) == [(1,)]
    assert sql(demo_ws, "SELECT count(*) FROM stage_event WHERE opportunity_id = :i AND deleted_at IS NULL",
               i=opp_id) == [(0,)]
    board.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT count(*) FROM stage_event WHERE opportunity_id = :i AND deleted_at IS NULL",
               i=opp_id) == [(moves,)]


def test_the_table_sorts_filters_and_is_computed_on_the_worker(board, qtbot, demo_ws, monkeypatch) -> None:
    threads: list[bool] = []
    real = opportunity_list.opportunity_rows

    def recording(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(opportunity_list, "opportunity_rows", recording)
    records = board.records
    card = board.columns[2].proxy.index(1, 0).data(0x0100)  # CardRole.ID
    board.select_card(card)
    records.table_button.click()
    wait_board(qtbot, board)
    assert records.selected_id() == card  # the selection goes with the switch, both ways
    first = records.proxy.index(0, 0).data(ID_ROLE)
    records.select(first)
    records.cards_button.click()
    is_open = sql(demo_ws, "SELECT outcome = 'open' FROM opportunity WHERE id = :i", i=first) == [(1,)]
    assert board.selected_id() == (first if is_open else None)
    records.table_button.click()
    wait_board(qtbot, board)
    assert threads == [False]  # on the worker, never the GUI thread
    total = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL")[0][0]
    assert records.proxy.rowCount() == total
    assert not board.scroll_area.isVisible() and records.table.isVisible()
    assert not board.team_combo.isVisible()  # the cards' filters are hidden in table mode

    # filter by outcome and by text (name, rep, stage or outcome)
    records.outcome_combo.setCurrentIndex(records.outcome_combo.findData("lost"))
    lost = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'lost'")[0][0]
    assert records.proxy.rowCount() == lost
    records.outcome_combo.setCurrentIndex(0)
    rep = sql(demo_ws, "SELECT name, id FROM rep ORDER BY name LIMIT 1")[0]
    qtbot.keyClicks(records.search_edit, rep[0].lower())
    owned = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND rep_id = :r", r=rep[1])[0][0]
    assert 0 < records.proxy.rowCount() and records.proxy.rowCount() >= owned
    assert all(rep[0] in (records.proxy.index(r, 1).data() or "") or rep[0].lower() in
               records.proxy.index(r, 0).data().lower() for r in range(records.proxy.rowCount()))
    records.search_edit.clear()

    # sort by amount, descending: the first row is the largest amount
    records.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    top = records.proxy.index(0, 0).data(ID_ROLE)
    assert sql(demo_ws, "SELECT id FROM opportunity WHERE deleted_at IS NULL ORDER BY amount DESC LIMIT 1") == [(top,)]
    records.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [records.proxy.index(r, 0).data() for r in range(20)]
    assert names == sorted(names, key=str.lower)

    # double-click a row opens the editor of that opportunity
    index = records.proxy.index(3, 0)
    rect = records.table.visualRect(index)
    qtbot.mouseClick(records.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(records.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor_of(board).opp_id == index.data(ID_ROLE)
    board.active_dialog.reject()
    records.cards_button.click()
    assert board.scroll_area.isVisible() and board.team_combo.isVisible()


def test_the_empty_board_points_to_actions_that_exist(qtbot, ws) -> None:
    services.ensure_defaults(ws)
    services.create_stage(ws, "Lead")
    view = BoardView(AppContext(ws))
    qtbot.addWidget(view)
    view.show()
    refreshed(qtbot, view)
    assert "New opportunity" in view.summary_label.text() and "(Ctrl+N)" in view.summary_label.text()
    assert view.records.new_action.isEnabled() and view.records.new_action.shortcut().toString() == "Ctrl+N"
    assert not view.records.edit_action.isEnabled()  # nothing selected: no dead button
    view.records.table_button.click()
    qtbot.waitUntil(lambda: not view.records.updating)
    assert "add one (Ctrl+N)" in view.records.count_label.text()
    view.records.new_action.trigger()
    dialog = view.active_dialog
    assert isinstance(dialog, OpportunityEditor) and dialog.stage_combo.currentText() == "Lead"


def test_the_table_model_sorts_missing_values_last_and_filters_every_word(qtmodeltester) -> None:
    import pandas as pd

    from pdsa_desk.ui.opportunity_table import OpportunityFilterProxy, OpportunityTableModel, prepare_rows

    frame = pd.DataFrame({
        "id": ["a", "b", "c", "d"], "name": ["Beta deal", "alpha deal", "Gamma", "delta deal"],
        "rep_id": ["r1", "r2", None, "r1"], "rep_name": ["Ann", "Bo", None, "Ann"], "team_name": ["N", "S", None, "N"],
        "stage_name": ["Lead", "Won", None, "Lead"], "stage": [0, 1, -1, 0], "outcome": ["open", "won", "lost", "open"],
        "loss_reason": [None, None, "No decision", None], "amount": [5.0, None, 7.0, 1.0],
        "channel": [None] * 4, "source": [None] * 4,
        "opened_at": pd.to_datetime(["2026-01-02", "2026-01-01", "2026-01-03", "2026-01-04"], utc=True),
        "closed_at": pd.to_datetime([None, "2026-02-01", "2026-02-02", None], utc=True),
    })
    model = OpportunityTableModel()
    proxy = OpportunityFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(prepare_rows(frame))
    qtmodeltester.check(model)

    def ids() -> list[str]:
        return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]

    assert ids() == ["b", "a", "d", "c"]  # by name, ignoring case
    proxy.sort(6, Qt.SortOrder.AscendingOrder)
    assert ids() == ["d", "a", "c", "b"]  # by amount; the one without an amount last
    proxy.sort(6, Qt.SortOrder.DescendingOrder)
    assert ids() == ["c", "a", "d", "b"]  # still last
    model.set_filter("ann deal", None)  # every word, anywhere in name, rep, stage or outcome
    assert sorted(ids()) == ["a", "d"]
    model.set_filter("lost", None)
    assert ids() == ["c"]
    model.set_filter("", "open")
    assert sorted(ids()) == ["a", "d"] and model.row_of("b") is None

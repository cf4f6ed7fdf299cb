"""The Board view on the demo workspace: columns, WIP warnings, filters, moves with evidence, undo."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent, QPalette
from sqlalchemy import insert, text

from pdsa_desk.core import services
from pdsa_desk.core.board import forward_stages
from pdsa_desk.core.models import Opportunity, StageEvent
from pdsa_desk.ui import board_edits
from pdsa_desk.ui.board_edits import HistoryDialog, LostDialog, MoveDialog
from pdsa_desk.ui.board_models import CardRole
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.board import BoardView
from tests.ui.waiting import recorded, refreshed


def _drag_move(actions, mime, buttons, mods) -> QDragMoveEvent:
    """QDragMoveEvent takes a QPoint in PySide6 6.11 and a QPointF in 6.12."""
    try:
        return QDragMoveEvent(QPoint(20, 20), actions, mime, buttons, mods)
    except TypeError:
        return QDragMoveEvent(QPointF(20, 20), actions, mime, buttons, mods)


LATEST_STAGE_COUNTS = """
SELECT e.stage_id, count(*) FROM opportunity o
JOIN stage_event e ON e.opportunity_id = o.id AND e.deleted_at IS NULL
WHERE o.deleted_at IS NULL AND o.outcome = 'open'
  AND e.entered_at = (SELECT max(e2.entered_at) FROM stage_event e2
                      WHERE e2.opportunity_id = o.id AND e2.deleted_at IS NULL)
GROUP BY e.stage_id
"""


def sql(ws, query: str, **params) -> list[tuple]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params).fetchall()]


@pytest.fixture
def board(qtbot, demo_ws):
    ctx = AppContext(demo_ws)
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.resize(1440, 900)
    view.show()
    qtbot.waitExposed(view)
    return refreshed(qtbot, view)


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(board_edits, "report_problem", lambda _p, title, msg: shown.append((title, msg)))
    return shown


def visible_cards(column) -> list[dict]:
    proxy = column.proxy
    return [
        {"id": proxy.index(r, 0).data(CardRole.ID), "name": proxy.index(r, 0).data(),
         "rep_id": proxy.index(r, 0).data(CardRole.REP_ID)}
        for r in range(proxy.rowCount())
    ]


def column_of(view: BoardView, opp_id: str) -> int | None:
    for column in view.columns:
        if column.model.row_of(opp_id) is not None:
            return column.stage
    return None


def test_columns_are_the_stages_in_order_with_db_counts(board, demo_ws) -> None:
    stages = services.list_stages(demo_ws)
    assert len(stages) == 7
    assert [c.name for c in board.columns] == [s.name for s in stages]
    assert [c.stage_id for c in board.columns] == [s.id for s in stages]
    counts = dict(sql(demo_ws, LATEST_STAGE_COUNTS))
    for column, stage in zip(board.columns, stages, strict=True):
        expected = counts.get(stage.id, 0)
        assert column.count == expected
        assert column.model.rowCount() == expected == column.proxy.rowCount()
        limit = "—" if stage.wip_limit is None else str(stage.wip_limit)
        assert column.count_text().endswith(f"<b>{expected}</b> / {limit}")
    total = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE outcome = 'open' AND deleted_at IS NULL")[0][0]
    assert sum(c.count for c in board.columns) == total > 150
    assert board.summary_label.text().startswith(f"{total} open")
    # cards are ordered longest in stage first, and the won column explains what dropping there does
    days = [board.columns[1].proxy.index(r, 0).data(CardRole.DAYS) for r in range(board.columns[1].proxy.rowCount())]
    assert days == sorted(days, reverse=True)
    assert board.columns[-1].count == 0 and "closes as won" in board.columns[-1].list.empty_text


def test_wip_warning_when_a_column_is_over_its_limit(board, demo_ws, qtbot) -> None:
    stages = services.list_stages(demo_ws)
    lead, discovery = board.columns[0], board.columns[1]
    assert lead.wip_limit is None and not lead.over_limit
    services.update_stage(demo_ws, stages[0].id, wip_limit=lead.count - 1)
    services.update_stage(demo_ws, stages[1].id, wip_limit=discovery.count)  # exactly at the limit: fine
    board.ctx.notify_changed()
    refreshed(qtbot, board)
    assert lead.over_limit and lead.header.property("warning") is True
    assert lead.count_text().startswith("⚠")
    assert "over the WIP limit" in lead.header.toolTip() and "by 1" in lead.header.toolTip()
    normal = board.columns[1].palette().color(QPalette.ColorRole.Window)
    assert lead.header.palette().color(QPalette.ColorRole.Window) != normal
    assert not discovery.over_limit and discovery.header.property("warning") is False
    assert discovery.header.palette().color(QPalette.ColorRole.Window) == normal
    assert "WIP limit" in discovery.header.toolTip() and "over the" not in discovery.header.toolTip()


def test_filter_by_rep_and_team(board, demo_ws) -> None:
    reps = services.list_reps(demo_ws)
    rep = next(r for r in reps if r.name == "Grace Kim")
    board.rep_combo.setCurrentIndex(board.rep_combo.findData(rep.id))
    shown = [card for column in board.columns for card in visible_cards(column)]
    expected = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE outcome = 'open' AND rep_id = :r", r=rep.id)[0][0]
    assert 0 < len(shown) == expected < len(board.snapshot.cards)
    assert {c["rep_id"] for c in shown} == {rep.id}
    assert "Showing" in board.summary_label.text()
    # header counts stay the whole stage (WIP), with the number shown beside
    assert sum(c.count for c in board.columns) == len(board.snapshot.cards)
    assert any(c.shown_label.text().endswith(" shown") for c in board.columns)

    board.rep_combo.setCurrentIndex(0)
    team = next(t for t in services.list_teams(demo_ws) if t.name == "South")
    board.team_combo.setCurrentIndex(board.team_combo.findData(team.id))
    south = {r.id for r in reps if r.team_id == team.id}
    shown = [card for column in board.columns for card in visible_cards(column)]
    assert shown and {c["rep_id"] for c in shown} <= south
    # the rep list narrows to the team
    assert {board.rep_combo.itemData(i) for i in range(1, board.rep_combo.count())} == south


def test_search_filters_by_name_and_ctrl_f_focuses_it(board, demo_ws, qtbot) -> None:
    board.activateWindow()
    qtbot.waitUntil(lambda: board.isActiveWindow())
    board.columns[0].list.setFocus()
    qtbot.keyClick(board.columns[0].list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert board.search_edit.hasFocus()
    qtbot.keyClicks(board.search_edit, "ACME")
    shown = [card for column in board.columns for card in visible_cards(column)]
    expected = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE outcome = 'open' AND name LIKE '%acme%'")[0][0]
    assert 0 < len(shown) == expected < len(board.snapshot.cards)
    assert all("acme" in c["name"].lower() for c in shown)
    # every word must match: "acme <product>"
    product = shown[0]["name"].split()[1]
    qtbot.keyClicks(board.search_edit, f" {product.upper()}")
    both = [card for column in board.columns for card in visible_cards(column)]
    assert 0 < len(both) <= len(shown)
    assert all("acme" in c["name"].lower() and product in c["name"].lower() for c in both)
    board.search_edit.clear()
    assert sum(c.proxy.rowCount() for c in board.columns) == len(board.snapshot.cards)


def _pick_old_card(board: BoardView, column: int) -> str:
    proxy = board.columns[column].proxy
    assert proxy.index(0, 0).data(CardRole.DAYS) > 1  # entered well before now
    return proxy.index(0, 0).data(CardRole.ID)


def test_keyboard_move_records_the_ticked_evidence_and_undo_redo(board, demo_ws, qtbot) -> None:
    stages = services.list_stages(demo_ws)
    opp_id = _pick_old_card(board, 1)  # in Lead captured
    before = services.history(demo_ws, opp_id)
    board.activateWindow()
    qtbot.waitUntil(lambda: board.isActiveWindow())
    assert board.select_card(opp_id)
    assert board.move_action.isEnabled()
    qtbot.keyClick(board.columns[1].list, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)

    dialog = board.active_dialog
    assert isinstance(dialog, MoveDialog) and dialog.isVisible()
    target = stages[2]
    assert target.name in dialog.windowTitle()
    assert dialog.standard_label.text() == target.standard and dialog.standard_label.wordWrap()
    assert [b.text() for b in dialog.checkboxes] == target.checklist and len(target.checklist) == 3
    assert "unconfirmed" in dialog.status_label.text()
    ticked = [target.checklist[0], target.checklist[2]]
    dialog.checkboxes[0].setChecked(True)
    dialog.checkboxes[2].setChecked(True)
    assert "2 of 3" in dialog.status_label.text()
    dialog.ok_button.click()
    assert dialog.recording and not dialog.ok_button.isEnabled()  # written on the worker; OK waits for it
    assert "recording the edit" in board.summary_label.text()
    recorded(qtbot, board)
    assert board.active_dialog is None  # recorded: the dialog closed

    after = services.history(demo_ws, opp_id)
    assert len(after) == len(before) + 1
    event = after[-1]
    assert event.stage_id == target.id
    assert event.evidence_items == ticked
    assert event.origin == "board" and event.evidence_confirmed is False
    rows = sql(demo_ws, "SELECT evidence_items, origin FROM stage_event WHERE id = :i AND deleted_at IS NULL",
               i=event.id)
    assert len(rows) == 1 and rows[0][1] == "board"
    qtbot.waitUntil(lambda: column_of(board, opp_id) == 2)
    assert board.selected_id() == opp_id  # the selection follows the card
    assert board.ctx.undo_stack.count() == 1 and target.name in board.ctx.undo_stack.undoText()

    board.ctx.undo_stack.undo()
    assert [e.id for e in services.history(demo_ws, opp_id)] == [e.id for e in before]
    qtbot.waitUntil(lambda: column_of(board, opp_id) == 1)

    board.ctx.undo_stack.redo()
    redone = services.history(demo_ws, opp_id)
    assert redone[-1].id == event.id and redone[-1].evidence_items == ticked
    qtbot.waitUntil(lambda: column_of(board, opp_id) == 2)


def test_nothing_ticked_is_allowed_but_unconfirmed(board, demo_ws, qtbot) -> None:
    opp_id = _pick_old_card(board, 2)
    board.select_card(opp_id)
    board.move_selected_forward()
    dialog = board.active_dialog
    assert isinstance(dialog, MoveDialog)
    assert "No evidence ticked" in dialog.status_label.text()
    dialog.ok_button.click()
    recorded(qtbot, board)
    event = services.history(demo_ws, opp_id)[-1]
    assert event.evidence_items == [] and event.evidence_confirmed is False
    assert event.stage_id == services.list_stages(demo_ws)[3].id


def test_mark_lost_requires_a_reason(board, demo_ws, qtbot) -> None:
    opp_id = _pick_old_card(board, 1)
    board.select_card(opp_id)
    board.mark_selected_lost()
    dialog = board.active_dialog
    assert isinstance(dialog, LostDialog)
    reasons = services.list_loss_reasons(demo_ws)
    assert [dialog.reason_combo.itemText(i) for i in range(dialog.reason_combo.count())] == [r.name for r in reasons]
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert dialog.isVisible() and not dialog.error_label.isHidden() and dialog.ok_button.isEnabled()
    assert "loss reason" in dialog.error_label.text()
    assert sql(demo_ws, "SELECT outcome FROM opportunity WHERE id = :i", i=opp_id) == [("open",)]

    dialog.reason_combo.setCurrentIndex(1)
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert board.active_dialog is None
    assert sql(demo_ws, "SELECT outcome, loss_reason_id FROM opportunity WHERE id = :i", i=opp_id) == [
        ("lost", reasons[1].id)]
    qtbot.waitUntil(lambda: column_of(board, opp_id) is None)

    board.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT outcome, loss_reason_id FROM opportunity WHERE id = :i", i=opp_id) == [("open", None)]
    qtbot.waitUntil(lambda: column_of(board, opp_id) == 1)
    board.ctx.undo_stack.redo()
    assert sql(demo_ws, "SELECT outcome FROM opportunity WHERE id = :i", i=opp_id) == [("lost",)]


def test_mark_won_enters_the_won_stage_with_its_evidence(board, demo_ws, qtbot) -> None:
    won = services.list_stages(demo_ws)[-1]
    opp_id = _pick_old_card(board, 4)
    board.select_card(opp_id)
    board.won_action.trigger()
    dialog = board.active_dialog
    assert isinstance(dialog, MoveDialog) and dialog.windowTitle() == "Mark won"
    assert [b.text() for b in dialog.checkboxes] == won.checklist
    dialog.checkboxes[0].setChecked(True)
    assert "confirmed" in dialog.status_label.text() and "unconfirmed" not in dialog.status_label.text()
    dialog.ok_button.click()
    recorded(qtbot, board)
    assert sql(demo_ws, "SELECT outcome FROM opportunity WHERE id = :i", i=opp_id) == [("won",)]
    event = services.history(demo_ws, opp_id)[-1]
    assert event.stage_id == won.id and event.evidence_confirmed is True
    qtbot.waitUntil(lambda: column_of(board, opp_id) is None)
    board.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT outcome, closed_at FROM opportunity WHERE id = :i", i=opp_id) == [("open", None)]


def test_drag_forward_opens_the_move_dialog_backward_is_refused(board, demo_ws, qtbot) -> None:
    source = board.columns[2]
    opp_id = _pick_old_card(board, 2)
    mime = source.proxy.mimeData([source.proxy.index(0, 0)])
    actions = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier

    back = board.columns[1].list
    move = _drag_move(actions, mime, buttons, mods)
    back.dragMoveEvent(move)
    assert not move.isAccepted()
    assert "only move forward" in board.hint_label.text()
    drop = QDropEvent(QPointF(20, 20), actions, mime, buttons, mods)
    back.dropEvent(drop)
    assert not drop.isAccepted() and board.active_dialog is None

    ahead = board.columns[4].list
    move = _drag_move(actions, mime, buttons, mods)
    ahead.dragMoveEvent(move)
    assert move.isAccepted()
    drop = QDropEvent(QPointF(20, 20), actions, mime, buttons, mods)
    ahead.dropEvent(drop)
    assert drop.isAccepted()
    qtbot.waitUntil(lambda: isinstance(board.active_dialog, MoveDialog))
    dialog = board.active_dialog
    assert services.list_stages(demo_ws)[4].name in dialog.windowTitle()
    assert "skips" in " ".join(w.text() for w in dialog.findChildren(type(board.hint_label)))
    dialog.reject()
    assert services.history(demo_ws, opp_id)[-1].stage_id == services.list_stages(demo_ws)[2].id


def test_double_click_edits_and_enter_shows_the_history(board, demo_ws, qtbot) -> None:
    column = board.columns[3]
    opp_id = _pick_old_card(board, 3)
    rect = column.list.visualRect(column.proxy.index(0, 0))
    qtbot.mouseClick(column.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert board.selected_id() == opp_id
    qtbot.mouseDClick(column.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert type(board.active_dialog).__name__ == "OpportunityEditor"
    assert board.active_dialog.opp_id == opp_id
    board.active_dialog.reject()
    qtbot.keyClick(column.list, Qt.Key.Key_Return)
    dialog = board.active_dialog
    assert isinstance(dialog, HistoryDialog)
    events = services.history(demo_ws, opp_id)
    names = {s.id: s.name for s in services.list_stages(demo_ws)}
    tree = dialog.tree
    assert tree.topLevelItemCount() == len(events) >= 2
    for i, ev in enumerate(events):
        item = tree.topLevelItem(i)
        assert item.text(1) == names[ev.stage_id]
        assert item.text(2) == (", ".join(ev.evidence_items) or "none ticked")


def test_show_object_clears_a_filter_that_hides_the_card(board) -> None:
    opp_id = board.columns[3].proxy.index(2, 0).data(CardRole.ID)
    board.search_edit.setText("no such opportunity")
    assert sum(c.proxy.rowCount() for c in board.columns) == 0
    board.show_object(opp_id)
    assert board.search_edit.text() == ""
    assert board.selected_id() == opp_id
    current = board.columns[3].list.currentIndex()
    assert current.data(CardRole.ID) == opp_id and board.columns[3].list.selectionModel().isSelected(current)
    assert not any(c.list.selectionModel().hasSelection() for c in board.columns if c.stage != 3)


def test_actions_are_disabled_without_a_selection(board) -> None:
    assert not board.move_action.isEnabled() and not board.lost_action.isEnabled()
    assert "Select a card first" in board.move_action.toolTip()
    board.move_action.trigger()
    assert board.active_dialog is None


def test_card_models_pass_the_model_tester(board, qtmodeltester) -> None:
    column = board.columns[2]
    qtmodeltester.check(column.model)
    board.search_edit.setText("acme")
    qtmodeltester.check(column.proxy)
    index = column.model.index(0, 0)
    assert isinstance(index.data(), str) and "In “Discovery held” since" in index.data(Qt.ItemDataRole.ToolTipRole)
    assert column.model.mimeTypes() == ["application/x-pdsa-desk-card"]


def test_board_with_5000_open_opportunities(qtbot, demo_ws) -> None:
    """Every card is shown and filtering works at this size (speed is measured by make bench)."""
    rng = random.Random(11)
    stages = [s.id for s in services.list_stages(demo_ws)]
    reps = [r.id for r in services.list_reps(demo_ws)]
    n_open = sql(demo_ws, "SELECT count(*) FROM opportunity WHERE outcome = 'open'")[0][0]
    now = datetime.now(UTC) - timedelta(days=2)
    opps, events = [], []
    for i in range(5000 - n_open):
        oid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        opened = now - timedelta(days=rng.uniform(1, 120))
        opps.append({"id": oid, "name": f"Bulk opportunity {i:05d}", "rep_id": rng.choice(reps),
                     "amount": float(rng.randrange(1000, 50000)), "opened_at": opened, "outcome": "open",
                     "created_at": opened, "updated_at": opened})
        t = opened
        for st in range(rng.randrange(1, 5)):
            events.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "opportunity_id": oid,
                           "stage_id": stages[st], "entered_at": t, "evidence_confirmed": True, "evidence_items": [],
                           "origin": "demo", "created_at": t, "updated_at": t})
            t += (now - t) * rng.random() * 0.5
    with demo_ws.transaction() as s:
        s.execute(insert(Opportunity), opps)
        s.execute(insert(StageEvent), events)

    ctx = AppContext(demo_ws)
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.resize(1440, 900)
    view.show()
    refreshed(qtbot, view)
    assert sum(c.count for c in view.columns) == 5000
    ctx.notify_changed()  # as after an edit: the analysis is reloaded too
    refreshed(qtbot, view)
    assert sum(c.proxy.rowCount() for c in view.columns) == 5000
    view.search_edit.setText("bulk 01")
    expected = sum(1 for o in opps if all(word in o["name"].lower() for word in ("bulk", "01")))
    assert sum(c.proxy.rowCount() for c in view.columns) == expected > 0


def test_arrow_keys_walk_between_columns_without_moving(board, demo_ws, qtbot) -> None:
    opp_id = _pick_old_card(board, 1)
    board.activateWindow()
    qtbot.waitUntil(lambda: board.isActiveWindow())
    board.select_card(opp_id)
    before = len(services.history(demo_ws, opp_id))
    qtbot.keyClick(board.columns[1].list, Qt.Key.Key_Right)
    assert board.columns[2].list.hasFocus()
    assert board.selected_id() == board.columns[2].list.currentIndex().data(CardRole.ID) != opp_id
    qtbot.keyClick(board.columns[2].list, Qt.Key.Key_Left)
    assert board.columns[1].list.hasFocus()
    assert len(services.history(demo_ws, opp_id)) == before and board.active_dialog is None


def test_an_undo_that_can_no_longer_be_made_is_reported(board, demo_ws, qtbot, no_message_boxes) -> None:
    opp_id = _pick_old_card(board, 0)
    board.select_card(opp_id)
    board.move_selected_forward()
    board.active_dialog.ok_button.click()
    recorded(qtbot, board)
    services.delete_opportunity(demo_ws, opp_id)  # e.g. removed by an import meanwhile
    board.ctx.undo_stack.undo()
    assert no_message_boxes and "no longer exists" in no_message_boxes[0][1]
    assert board.ctx.undo_stack.count() == 0  # the step is dropped, not left to fail again
    qtbot.waitUntil(lambda: column_of(board, opp_id) is None)


def test_an_empty_workspace_says_what_to_do(qtbot, ws) -> None:
    ctx = AppContext(ws)
    view = BoardView(ctx)
    qtbot.addWidget(view)
    view.show()
    refreshed(qtbot, view)
    assert view.columns == [] and not view.empty_label.isHidden()
    assert "No stages yet" in view.empty_label.text()
    with qtbot.waitSignal(ctx.navigate_requested) as blocker:
        view.empty_label.linkActivated.emit("standards")
    assert blocker.args == ["standards", ""]
    services.create_stage(ws, "Lead", checklist=["Named contact"])
    services.create_opportunity(ws, "Acme", stage_id=services.list_stages(ws)[0].id)
    services.create_opportunity(ws, "Globex")  # open, but not in any stage yet
    ctx.notify_changed()
    refreshed(qtbot, view)
    assert [c.name for c in view.columns] == ["No stage yet", "Lead"]
    assert [c.count for c in view.columns] == [1, 1]
    assert view.columns[0].model.index(0, 0).data() == "Globex"
    assert forward_stages(view.snapshot.stages, -1) == [0]


def test_column_signatures_hashed_once_equal_hashing_each_column(board) -> None:
    """block_signatures hashes every card once and cuts the hashes into columns: the same bytes as hashing
    each column's cards on its own (a row's hash depends on that row alone)."""
    import numpy as np
    import pandas as pd

    from pdsa_desk.core.board import NO_STAGE
    from pdsa_desk.ui.views.board import _SHOWN, block_signatures

    snap = board.snapshot
    got = block_signatures(snap)
    for stage in [NO_STAGE, *range(len(snap.stages))]:
        cards = snap.cards.iloc[snap.block(stage)]
        expected = (pd.util.hash_pandas_object(cards[_SHOWN], index=False).to_numpy().tobytes()
                    + cards["days_in_stage"].to_numpy().astype(np.int64).tobytes())
        assert got[stage] == expected
    assert len({got[s] for s in range(len(snap.stages))}) > 1  # the columns differ: the digests say so

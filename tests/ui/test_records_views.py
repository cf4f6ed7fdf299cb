"""Loss reasons on the Standards page and archive / delete of tactics and cycles, driven through the widgets
and asserted on the database; every step undone and redone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from pdsa_desk.core import services
from pdsa_desk.ui import archive_edits, board_edits, record_edits
from pdsa_desk.ui.board_edits import LostDialog
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.cycles_models import CycleListModel
from pdsa_desk.ui.views.cycles import CyclesView
from pdsa_desk.ui.views.standards import StandardsView
from tests.ui.waiting import settle


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
def answers(monkeypatch):
    """What archive_edits.confirm answers (append True/False), and the questions it was asked."""
    state: dict[str, list] = {"answers": [], "asked": []}

    def confirm(_parent, _title, question):
        state["asked"].append(question)
        return state["answers"].pop(0)

    monkeypatch.setattr(archive_edits, "confirm", confirm)
    return state


@pytest.fixture
def standards(qtbot, demo_ws):
    view = StandardsView(AppContext(demo_ws))
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.refresh()
    return settle(view)


@pytest.fixture
def cycles(qtbot, demo_ws):
    ctx = AppContext(demo_ws)
    view = CyclesView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.refresh()
    settle(view)  # a visit: the list and the opened cycle are read on the quick-read thread
    yield view
    ctx.wait_for_background()


def reason_names(ws) -> list[str]:
    return [r[0] for r in sql(ws, "SELECT name FROM loss_reason WHERE deleted_at IS NULL ORDER BY position")]


def test_loss_reasons_are_managed_on_the_standards_page(standards, qtbot, demo_ws) -> None:
    panel = standards.loss_reasons
    before = reason_names(demo_ws)
    assert [panel.list.item(i).text() for i in range(panel.list.count())] == before
    panel.list.setCurrentRow(-1)
    panel.name_edit.setText("Went dark")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert reason_names(demo_ws) == [*before, "Went dark"]
    assert panel.list.currentItem().text() == "Went dark"
    panel.name_edit.setText("no decision")  # a duplicate, ignoring case: refused under the field
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert "already exists" in panel.error.text() and panel.name_edit.text() == "no decision"
    panel.name_edit.setText("Went silent")
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert reason_names(demo_ws)[-1] == "Went silent"
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert reason_names(demo_ws) == [*before[:-1], "Went silent", before[-1]]
    # offered in that order when a card is marked lost
    dialog = LostDialog("Acme", [(r.id, r.name) for r in services.list_loss_reasons(demo_ws)])
    qtbot.addWidget(dialog)
    assert [dialog.reason_combo.itemText(i) for i in range(dialog.reason_combo.count())] == reason_names(demo_ws)

    # a reason lost opportunities use is not deleted; an unused one is, as a tombstone, and comes back on undo
    panel.select(sql(demo_ws, "SELECT id FROM loss_reason WHERE name = 'No decision'")[0][0])
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "rename it instead" in panel.error.text()
    panel.select(sql(demo_ws, "SELECT id FROM loss_reason WHERE name = 'Went silent'")[0][0])
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert sql(demo_ws, "SELECT deleted_at IS NOT NULL FROM loss_reason WHERE name = 'Went silent'") == [(1,)]
    stack = standards.ctx.undo_stack
    stack.undo()
    assert "Went silent" in reason_names(demo_ws)
    stack.undo()  # the reorder
    stack.undo()  # the rename
    assert reason_names(demo_ws) == [*before, "Went dark"]


def test_tactics_are_archived_shown_again_and_deleted_only_when_untested(standards, qtbot, demo_ws,
                                                                        answers) -> None:
    stage_id = sql(demo_ws, "SELECT id FROM stage WHERE name = 'Terms in negotiation'")[0][0]
    standards.show_object(stage_id)
    settle(standards)
    standards.tabs.setCurrentIndex(1)
    panel = standards.tactics
    unused = sql(demo_ws, "SELECT id FROM tactic WHERE name = 'Quarterly review invitation'")[0][0]
    tested = sql(demo_ws, "SELECT id FROM tactic WHERE name = 'Video recap after the demo'")[0][0]
    panel.select(tested)
    qtbot.mouseClick(panel.archive_button, Qt.MouseButton.LeftButton)
    assert sql(demo_ws, "SELECT archived_at IS NOT NULL FROM tactic WHERE id = :i", i=tested) == [(1,)]
    settle(standards)
    assert not panel.model.find(tested).isValid()  # hidden from current work
    panel.show_archived.setChecked(True)
    settle(standards)
    index = panel.model.find(tested)
    assert index.isValid() and index.data().endswith("(archived)")
    panel.select(tested)
    assert panel.archive_button.text() == "Restore"
    # a tested tactic cannot be deleted: the message says to archive it
    answers["answers"].append(True)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert "retire it instead" in panel.error.text() or "tested" in panel.error.text()
    assert sql(demo_ws, "SELECT deleted_at FROM tactic WHERE id = :i", i=tested) == [(None,)]
    panel.select(unused)
    answers["answers"].append(True)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert sql(demo_ws, "SELECT deleted_at IS NOT NULL FROM tactic WHERE id = :i", i=unused) == [(1,)]
    standards.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT deleted_at FROM tactic WHERE id = :i", i=unused) == [(None,)]
    standards.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT archived_at FROM tactic WHERE id = :i", i=tested) == [(None,)]


def shown_titles(view: CyclesView) -> list[str]:
    return [view.proxy.index(r, CycleListModel.TITLE).data() for r in range(view.proxy.rowCount())]


def test_cycles_are_archived_and_deleted_asking_first_when_they_hold_a_record(cycles, qtbot, demo_ws,
                                                                             answers) -> None:
    def cid(title: str) -> str:
        return sql(demo_ws, "SELECT id FROM cycle WHERE title = :t", t=title)[0][0]

    planned = cid("Video recap to speed up signatures")  # no observations, no decision
    decided = cid("Voice notes to book discovery")  # observations and a decision
    cycles.show_object(planned)
    qtbot.mouseClick(cycles.archive_button, Qt.MouseButton.LeftButton)
    assert sql(demo_ws, "SELECT archived_at IS NOT NULL FROM cycle WHERE id = :i", i=planned) == [(1,)]
    assert "Video recap to speed up signatures" not in shown_titles(cycles)
    cycles.show_archived.setChecked(True)
    assert "Video recap to speed up signatures (archived)" in shown_titles(cycles)
    cycles.show_archived.setChecked(False)
    cycles.show_object(planned)  # named elsewhere: the list shows archived cycles again
    assert cycles.show_archived.isChecked() and cycles.current_cycle_id() == planned
    assert cycles.archive_button.text() == "Restore"

    # deleting a planned cycle asks nothing
    qtbot.mouseClick(cycles.delete_button, Qt.MouseButton.LeftButton)
    assert answers["asked"] == []
    assert sql(demo_ws, "SELECT deleted_at IS NOT NULL FROM cycle WHERE id = :i", i=planned) == [(1,)]

    # a cycle with observations and a decision asks first; No keeps it
    cycles.show_object(decided)
    answers["answers"].append(False)
    qtbot.mouseClick(cycles.delete_button, Qt.MouseButton.LeftButton)
    assert "2 observations" in answers["asked"][0] and "decision" in answers["asked"][0]
    assert sql(demo_ws, "SELECT deleted_at FROM cycle WHERE id = :i", i=decided) == [(None,)]
    answers["answers"].append(True)
    qtbot.mouseClick(cycles.delete_button, Qt.MouseButton.LeftButton)
    assert sql(demo_ws, "SELECT deleted_at IS NOT NULL FROM cycle WHERE id = :i", i=decided) == [(1,)]
    assert sql(demo_ws, "SELECT count(*) FROM cycle_observation WHERE cycle_id = :i AND deleted_at IS NULL",
               i=decided) == [(0,)]
    cycles.ctx.undo_stack.undo()
    assert sql(demo_ws, "SELECT count(*) FROM cycle_observation WHERE cycle_id = :i AND deleted_at IS NULL",
               i=decided) == [(2,)]

    # a cycle a ramp continues is refused, with the reason under the buttons
    cycles.show_object(cid("Reference calls at proposal"))
    qtbot.mouseClick(cycles.delete_button, Qt.MouseButton.LeftButton)
    assert "later ramp cycle" in cycles.record_error.text()


def test_archived_tactics_and_inactive_teams_are_not_offered_to_a_cycle_plan(cycles, qtbot, demo_ws) -> None:
    planned = sql(demo_ws, "SELECT id, tactic_id FROM cycle WHERE title = 'Video recap to speed up signatures'")[0]
    unused = sql(demo_ws, "SELECT id FROM tactic WHERE name = 'Quarterly review invitation'")[0][0]
    services.set_tactic_archived(demo_ws, unused, True)
    services.set_tactic_archived(demo_ws, planned[1], True)  # its own tactic: still shown for it
    west = services.create_team(demo_ws, "West")
    services.set_team_active(demo_ws, west.id, False)
    cycles.show_object(planned[0])
    plan = cycles.editor.plan_tab
    qtbot.waitUntil(lambda: plan.tactic.count() > 1)
    offered = {plan.tactic.itemData(i) for i in range(plan.tactic.count())}
    assert unused not in offered and planned[1] in offered
    assert plan.team.findData(west.id) < 0 and plan.team.findText("North") >= 0

"""Standards view: ordered stages, the standard editor and its revisions, tactics aimed at a stage."""

from __future__ import annotations

import getpass

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from pdsa_desk.core import services
from pdsa_desk.core.models import TacticStatus
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.standards_models import ID_ROLE, KIND_ROLE
from pdsa_desk.ui.views.standards import StandardsView, TacticDialog
from tests.ui.waiting import settle

DEMO_STAGES = ["Pre-qualified by marketing", "Lead captured", "Discovery held", "Budget shared", "Proposal requested",
               "Terms in negotiation", "Won"]


@pytest.fixture
def view(qtbot, demo_ws):
    ctx = AppContext(demo_ws)
    widget = StandardsView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    widget.refresh()
    return settle(widget)


def _names(ws) -> list[str]:
    return [s.name for s in services.list_stages(ws)]


def _select(view, name: str) -> None:
    row = [s.name for s in view.stage_model.stages()].index(name)
    view.list_view.setCurrentIndex(view.stage_model.index(row))
    assert view._loaded is not None and view._loaded.name == name
    settle(view)  # its revisions and tactics are read in the background


def _answer(monkeypatch, button) -> list[str]:
    """Make QMessageBox.question answer ``button``; returns the questions asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_lists_the_demo_stages_in_order(view) -> None:
    model = view.stage_model
    assert [model.index(r).data(Qt.ItemDataRole.UserRole) for r in range(model.rowCount())] == DEMO_STAGES
    assert model.index(0).data() == "1.  Pre-qualified by marketing"
    assert model.index(1).data() == "2.  Lead captured"
    assert "(won)" in model.index(6).data()
    assert view._loaded.name == "Pre-qualified by marketing"  # the first stage is open in the editor
    assert view.editor.name_edit.text() == "Pre-qualified by marketing"
    assert not view.editor.save_button.isEnabled() and not view.editor.revert_button.isEnabled()
    hint = view.editor.standard_edit.placeholderText()
    assert "customer" in hint and "not a seller activity" in hint.lower()


def test_saving_a_new_standard_writes_a_revision_shown_in_the_history(view, qtbot, demo_ws) -> None:
    _select(view, "Budget shared")
    stage_id = view._loaded.id
    before = len(services.stage_revisions(demo_ws, stage_id))
    assert view.revision_model.rowCount() == before == 2

    text = "The customer put a budget range in an e-mail and named who owns it."
    view.editor.standard_edit.setPlainText(text)
    assert view.editor.save_button.isEnabled()
    assert "changes what the numbers mean" in view.editor.definition_note.text()
    qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)

    revisions = services.stage_revisions(demo_ws, stage_id)
    assert len(revisions) == before + 1
    assert revisions[-1].standard == text and revisions[-1].author == getpass.getuser()
    assert services.list_stages(demo_ws)[3].standard == text
    settle(view)
    # Newest first in the history table, with its author.
    assert view.revision_model.rowCount() == before + 1
    assert view.revision_model.index(0, 3).data() == text
    assert view.revision_model.index(0, 1).data() == getpass.getuser()
    assert view.tabs.tabText(0) == "Revision history (3)"
    assert not view.editor.save_button.isEnabled()

    # Undo puts the old standard back (and records that as a revision too).
    view.ctx.undo_stack.undo()
    assert services.list_stages(demo_ws)[3].standard == "The customer shared a budget range in writing."
    assert view.editor.standard_edit.toPlainText() == "The customer shared a budget range in writing."


def test_ctrl_s_saves_checklist_edits(view, qtbot, demo_ws) -> None:
    _select(view, "Discovery held")
    n = len(services.stage_revisions(demo_ws, view._loaded.id))
    view.editor.add_item_button.click()
    item = view.editor.checklist.item(view.editor.checklist.count() - 1)
    item.setText("Next meeting booked by the customer")
    view.editor.checklist.setCurrentRow(0)
    view.editor.remove_item_button.click()
    qtbot.keyClick(view.editor.name_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    stage = services.list_stages(demo_ws)[2]
    assert stage.checklist == ["Current process described", "Cost of the problem stated",
                               "Next meeting booked by the customer"]
    assert len(services.stage_revisions(demo_ws, stage.id)) == n + 1


def test_editing_only_limits_adds_no_revision(view, demo_ws) -> None:
    _select(view, "Budget shared")
    stage_id = view._loaded.id
    n = len(services.stage_revisions(demo_ws, stage_id))
    view.editor.wip_spin.setValue(12)
    view.editor.window_spin.setValue(45)
    assert "⚠" not in view.editor.definition_note.text()
    assert view.save()
    stage = services.list_stages(demo_ws)[3]
    assert (stage.wip_limit, stage.window_days) == (12, 45)
    assert len(services.stage_revisions(demo_ws, stage_id)) == n
    # 0 is shown as "No limit" and saved as no limit.
    view.editor.wip_spin.setValue(0)
    assert view.editor.wip_spin.text() == "No limit"
    assert view.save()
    assert services.list_stages(demo_ws)[3].wip_limit is None
    assert len(services.stage_revisions(demo_ws, stage_id)) == n


def test_a_duplicate_name_is_shown_next_to_the_name_and_nothing_is_written(view, demo_ws) -> None:
    _select(view, "Budget shared")
    n = len(services.stage_revisions(demo_ws))
    view.editor.name_edit.setText("won")
    view.editor.name_edit.textEdited.emit("won")
    view.editor.standard_edit.setPlainText("Something else entirely.")
    assert view.save() is False
    error = view.editor.errors["name"]
    assert error.isVisibleTo(view) and "already exists" in error.text()
    assert not view.editor.errors["standard"].isVisibleTo(view)
    assert _names(demo_ws) == DEMO_STAGES
    assert services.list_stages(demo_ws)[3].standard == "The customer shared a budget range in writing."
    assert len(services.stage_revisions(demo_ws)) == n
    assert view.ctx.undo_stack.count() == 0
    # Editing the field clears its message.
    view.editor.name_edit.setText("Budget range shared")
    view.editor.name_edit.textEdited.emit("Budget range shared")
    assert not error.isVisibleTo(view)


def test_reorder_by_drop_persists_and_undo_restores(view, demo_ws) -> None:
    model = view.stage_model
    _select(view, "Budget shared")
    mime = model.mimeData([model.index(3)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())  # before the first stage
    expected = ["Budget shared", "Pre-qualified by marketing", "Lead captured", "Discovery held", "Proposal requested",
                "Terms in negotiation", "Won"]
    stages = services.list_stages(demo_ws)
    assert [s.name for s in stages] == expected
    assert [s.position for s in stages] == list(range(7))
    assert [model.index(r).data(Qt.ItemDataRole.UserRole) for r in range(7)] == expected
    assert model.index(0).data() == "1.  Budget shared"
    assert view._loaded.name == "Budget shared"  # still the edited stage
    assert view.list_view.currentIndex().data(ID_ROLE) == view._loaded.id

    view.ctx.undo_stack.undo()
    assert _names(demo_ws) == DEMO_STAGES
    assert [s.position for s in services.list_stages(demo_ws)] == list(range(7))
    assert [model.index(r).data(Qt.ItemDataRole.UserRole) for r in range(7)] == DEMO_STAGES
    view.ctx.undo_stack.redo()
    assert _names(demo_ws) == expected


def test_move_rows_and_alt_arrows_reorder(view, qtbot, demo_ws) -> None:
    model = view.stage_model
    assert model.moveRows(QModelIndex(), 6, 1, QModelIndex(), 0)
    assert _names(demo_ws)[0] == "Won"
    view.ctx.undo_stack.undo()
    assert _names(demo_ws) == DEMO_STAGES

    _select(view, "Discovery held")
    qtbot.keyClick(view.list_view, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _names(demo_ws)[2:4] == ["Budget shared", "Discovery held"]
    assert view._loaded.name == "Discovery held"
    qtbot.keyClick(view.list_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _names(demo_ws) == DEMO_STAGES
    _select(view, "Pre-qualified by marketing")
    assert not view.up_button.isEnabled() and view.up_button.toolTip() == "Already the first stage"
    assert view.ctx.undo_stack.count() == 2  # the undone first move was replaced by the later ones


def test_deleting_a_stage_with_history_is_refused_with_the_reason(view, monkeypatch, demo_ws) -> None:
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    _select(view, "Proposal requested")
    view.delete_button.click()
    assert asked and "Proposal requested" in asked[0]
    assert view.message_label.isVisibleTo(view)
    assert "cannot be deleted" in view.message_label.text()
    assert "Proposal requested" in _names(demo_ws)
    assert view.stage_model.rowCount() == 7


def test_add_stage_with_ctrl_n_then_delete_it(view, qtbot, monkeypatch, demo_ws) -> None:
    qtbot.keyClick(view.list_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert _names(demo_ws) == [*DEMO_STAGES, "New stage"]
    assert view._loaded.name == "New stage" and view.editor.name_edit.text() == "New stage"
    assert len(services.stage_revisions(demo_ws, view._loaded.id)) == 1
    view.add_stage()
    assert _names(demo_ws)[-1] == "New stage 2"

    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    view.delete_current()
    assert _names(demo_ws) == [*DEMO_STAGES, "New stage"]
    assert view._loaded.name == "New stage"  # the neighbour is selected
    assert not view.message_label.isVisibleTo(view)


def test_undo_of_an_edit_to_a_deleted_stage_is_reported(view, monkeypatch, demo_ws) -> None:
    view.add_stage()
    view.editor.wip_spin.setValue(3)
    assert view.save()
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    view.delete_current()
    view.ctx.undo_stack.undo()
    assert "no longer exists" in view.message_label.text()
    assert view.ctx.undo_stack.count() == 1  # the obsolete command is dropped; "Add stage" is left
    assert view.ctx.undo_stack.undoText() == "Add stage “New stage”"
    view.ctx.undo_stack.undo()
    assert "no longer exists" in view.message_label.text()
    assert view.ctx.undo_stack.count() == 0
    assert _names(demo_ws) == DEMO_STAGES


def test_a_new_stage_and_a_new_tactic_are_undone_and_redone(view, qtbot, monkeypatch, demo_ws) -> None:
    _select(view, "Discovery held")
    qtbot.keyClick(view.list_view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new_id = view._loaded.id
    assert _names(demo_ws) == [*DEMO_STAGES, "New stage"]
    assert view.ctx.undo_stack.undoText() == "Add stage “New stage”"
    view.ctx.undo_stack.undo()
    assert _names(demo_ws) == DEMO_STAGES
    view.ctx.undo_stack.redo()
    assert _names(demo_ws) == [*DEMO_STAGES, "New stage"]
    assert services.list_stages(demo_ws)[-1].id == new_id  # the same row came back

    _select(view, "Won")

    def exec_(dialog: TacticDialog) -> int:
        dialog.name_edit.setText("Thank-you call after signature")
        assert dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(TacticDialog, "exec", exec_)
    view.add_tactic()
    won = view._loaded.id
    assert [t.name for t in services.list_tactics(demo_ws, won)] == ["Thank-you call after signature"]
    assert view.ctx.undo_stack.undoText() == "Add tactic “Thank-you call after signature”"
    view.ctx.undo_stack.undo()
    assert services.list_tactics(demo_ws, won) == []
    view.ctx.undo_stack.redo()
    assert [t.name for t in services.list_tactics(demo_ws, won)] == ["Thank-you call after signature"]

    view.refresh()
    settle(view)
    view.tactics.tree.setCurrentIndex(view.tactic_model.find(services.list_tactics(demo_ws, won)[0].id))

    def rename(dialog: TacticDialog) -> int:
        dialog.name_edit.setText("Thank-you call within a day")
        assert dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(TacticDialog, "exec", rename)
    view.edit_tactic()
    assert [t.name for t in services.list_tactics(demo_ws, won)] == ["Thank-you call within a day"]
    assert view.ctx.undo_stack.undoText() == "Edit tactic “Thank-you call within a day”"
    view.ctx.undo_stack.undo()
    assert [t.name for t in services.list_tactics(demo_ws, won)] == ["Thank-you call after signature"]


def test_a_stage_name_over_the_limit_is_refused_next_to_the_name_not_cut(view, demo_ws) -> None:
    _select(view, "Budget shared")
    view.editor.name_edit.setText("B" * 201)
    assert view.editor.name_edit.text() == "B" * 201  # never cut while typing
    assert not view.save()
    assert "Stage name is too long (201 characters; at most 200)." in view.editor.errors["name"].text()
    assert "Budget shared" in _names(demo_ws)


def test_switching_stage_with_unsaved_edits_asks(view, monkeypatch, demo_ws) -> None:
    _select(view, "Budget shared")
    view.editor.standard_edit.setPlainText("Changed, not saved.")
    third = view.stage_model.index(4)

    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    view.list_view.setCurrentIndex(third)
    assert asked and view._loaded.name == "Budget shared"
    assert view.list_view.currentIndex().row() == 3
    assert view.editor.standard_edit.toPlainText() == "Changed, not saved."

    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    view.list_view.setCurrentIndex(third)
    assert view._loaded.name == "Proposal requested"
    assert services.list_stages(demo_ws)[3].standard == "The customer shared a budget range in writing."

    _select(view, "Budget shared")
    view.editor.standard_edit.setPlainText("Changed and saved.")
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    view.list_view.setCurrentIndex(third)
    assert view._loaded.name == "Proposal requested"
    assert view.list_view.currentIndex().row() == 4
    assert services.list_stages(demo_ws)[3].standard == "Changed and saved."


def test_tactics_aimed_at_discovery_held(view, qtbot) -> None:
    _select(view, "Discovery held")
    model = view.tactic_model
    assert model.tactic_names() == ["One-page business case before the budget question",
                                    "Same-day recap after discovery"]  # retired sorts last
    top = model.index(0, 0)
    assert model.index(0, 1).data(Qt.ItemDataRole.UserRole) == TacticStatus.STANDARD_WORK
    assert model.index(0, 1).data() == "Standard work"
    assert model.index(0, 2).data() != ""  # adopted date
    assert model.rowCount(top) == 1
    cycle = model.index(0, 0, top)
    assert cycle.data() == "Business case before budget"
    assert cycle.data(KIND_ROLE) == "cycle"
    assert model.index(0, 1, top).data() == "Closed"
    assert model.index(0, 4, top).data() == "Adopt"
    assert view.tabs.tabText(1) == "Tactics aimed at this stage (2)"

    with qtbot.waitSignal(view.ctx.navigate_requested) as blocker:
        view.tactics.tree.doubleClicked.emit(cycle)
    assert blocker.args == ["cycles", cycle.data(ID_ROLE)]

    _select(view, "Lead captured")
    names = model.tactic_names()
    assert set(names) == {"Agenda e-mailed a day before discovery", "Voice note after the first reply",
                          "Events follow-up within 48 hours"}
    assert set(names[-2:]) == {"Voice note after the first reply", "Events follow-up within 48 hours"}  # retired


def test_add_a_tactic_and_change_its_status(view, monkeypatch, demo_ws) -> None:
    _select(view, "Won")
    assert view.tactic_model.rowCount() == 0 and not view.tactics.empty_label.isHidden()
    assert not view.tactics.edit_button.isEnabled()

    def fill(name: str, status: str):
        def exec_(dialog: TacticDialog) -> int:
            dialog.name_edit.setText(name)
            dialog.description_edit.setPlainText("Thank the customer's signer personally.")
            dialog.status_combo.setCurrentIndex(dialog.status_combo.findData(status))
            if not dialog.try_accept():
                fill.errors.append(dialog.errors["name"].text())  # type: ignore[attr-defined]
                return QDialog.DialogCode.Rejected
            return dialog.result()

        return exec_

    fill.errors = []  # type: ignore[attr-defined]
    monkeypatch.setattr(TacticDialog, "exec", fill("Voice note after the first reply", "idea"))
    view.add_tactic()
    assert "already exists" in fill.errors[0]  # type: ignore[attr-defined]

    monkeypatch.setattr(TacticDialog, "exec", fill("Thank-you call after signature", "idea"))
    view.add_tactic()
    won_id = view._loaded.id
    tactics = services.list_tactics(demo_ws, won_id)
    assert [(t.name, t.status) for t in tactics] == [("Thank-you call after signature", "idea")]
    settle(view)
    assert view.tactic_model.tactic_names() == ["Thank-you call after signature"]
    assert view.tactics.tree.currentIndex().data(ID_ROLE) == tactics[0].id
    assert view.tactics.edit_button.isEnabled()

    monkeypatch.setattr(TacticDialog, "exec", fill("Thank-you call after signature", "standard work"))
    view.edit_tactic()
    tactic = services.list_tactics(demo_ws, won_id)[0]
    assert tactic.status == "standard work" and tactic.adopted_at is not None
    settle(view)
    assert view.tactic_model.index(0, 1).data() == "Standard work"


def test_show_object_selects_a_stage_or_a_tactic(view, demo_ws) -> None:
    stages = services.list_stages(demo_ws)
    view.show_object(stages[5].id)
    assert view._loaded.name == "Terms in negotiation"
    tactic = next(t for t in services.list_tactics(demo_ws) if t.name == "Reference call offered with the proposal")
    view.show_object(tactic.id)
    assert view._loaded.name == "Proposal requested"
    assert view.tabs.currentIndex() == 1
    settle(view)
    assert view.tactics.tree.currentIndex().data(ID_ROLE) == tactic.id
    ramp = view.tactic_model.rowCount(view.tactics.tree.currentIndex())
    assert ramp == 3  # the ramp of three linked cycles


def test_empty_workspace_says_what_to_do(qtbot, ws) -> None:
    view = StandardsView(AppContext(ws))
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    settle(view)
    assert view.stage_model.rowCount() == 0
    assert view.empty_label.isVisibleTo(view) and "No stages yet" in view.empty_label.text()
    assert not view.editor.isEnabled() and not view.delete_button.isEnabled()
    view.add_stage()
    assert [s.name for s in services.list_stages(ws)] == ["New stage"]
    assert view.editor.isEnabled() and not view.empty_label.isVisibleTo(view)


def test_models_pass_the_model_tester(view, qtmodeltester) -> None:
    _select(view, "Proposal requested")
    assert view.revision_model.rowCount() >= 1 and view.tactic_model.rowCount() >= 1
    qtmodeltester.check(view.stage_model)
    qtmodeltester.check(view.revision_model)
    qtmodeltester.check(view.tactic_model)


def test_a_save_after_someone_else_saved_is_refused_and_keeps_the_edit(view, qtbot, demo_ws) -> None:
    _select(view, "Budget shared")
    stage_id = view._loaded.id
    services.update_stage(demo_ws, stage_id, standard="Their version, saved first.")  # another user
    mine = "My version, typed meanwhile."
    view.editor.standard_edit.setPlainText(mine)
    qtbot.mouseClick(view.editor.save_button, Qt.MouseButton.LeftButton)
    assert services.list_stages(demo_ws)[3].standard == "Their version, saved first."
    assert "changed by someone else" in view.editor.errors[None].text()
    assert view.editor.standard_edit.toPlainText() == mine and view.editor.save_button.isEnabled()


def test_a_failed_read_of_the_tabs_is_said_and_the_next_one_clears_it(view, monkeypatch) -> None:
    real = services.stage_revisions

    def broken(*_args, **_kwargs):
        raise OSError("disk unplugged")

    monkeypatch.setattr(services, "stage_revisions", broken)
    view.list_view.setCurrentIndex(view.stage_model.index(2))
    settle(view)
    assert "could not be read: disk unplugged" in view.tactics.error.text()
    assert "updating" not in view.tabs.tabText(1) and not view.updating
    monkeypatch.setattr(services, "stage_revisions", real)
    view.list_view.setCurrentIndex(view.stage_model.index(3))
    settle(view)
    assert view.tactics.error.text() == "" and view.revision_model.rowCount() == 2

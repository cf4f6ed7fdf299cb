"""People and teams, driven through the dialog: add, rename, move, deactivate, reactivate, undo; refusals are
shown under the field and keep what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import text

from pdsa_desk.core import services
from pdsa_desk.ui import record_edits
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.people_dialog import PeopleDialog


def sql(ws, query: str, **params) -> list[tuple]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params)]


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(record_edits, "report_problem", lambda title, msg: shown.append((title, msg)))
    return shown


@pytest.fixture
def dialog(qtbot, ws):
    services.ensure_defaults(ws)
    ctx = AppContext(ws)
    dlg = PeopleDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def type_into(qtbot, edit, value: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, value)


def test_teams_and_reps_are_added_renamed_moved_and_deactivated_through_the_dialog(dialog, qtbot, ws) -> None:
    type_into(qtbot, dialog.team_name, "North")
    qtbot.mouseClick(dialog.add_team_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, dialog.team_name, "East")
    qtbot.mouseClick(dialog.add_team_button, Qt.MouseButton.LeftButton)
    assert sql(ws, "SELECT name FROM team WHERE deleted_at IS NULL ORDER BY name") == [("East",), ("North",)]
    assert [dialog.team_list.item(i).text() for i in range(dialog.team_list.count())] == ["East", "North"]

    # a rep in the selected team; the list is sorted by name
    dialog._select_team(services.list_all_teams(ws)[1].id)  # North
    for name in ("Zoe", "Ann"):
        type_into(qtbot, dialog.rep_name, name)
        dialog.rep_team.setCurrentIndex(dialog.rep_team.findText("North"))
        qtbot.mouseClick(dialog.add_rep_button, Qt.MouseButton.LeftButton)
    assert [dialog.rep_tree.topLevelItem(i).text(0) for i in range(2)] == ["Ann", "Zoe"]
    north = sql(ws, "SELECT id FROM team WHERE name = 'North'")[0][0]
    assert sql(ws, "SELECT name, team_id FROM rep ORDER BY name") == [("Ann", north), ("Zoe", north)]

    # a duplicate name is refused under the field and what was typed stays
    type_into(qtbot, dialog.rep_name, "ann")
    qtbot.mouseClick(dialog.add_rep_button, Qt.MouseButton.LeftButton)
    assert "already exists" in dialog.rep_errors["name"].text() and dialog.rep_errors["name"].isVisible()
    assert dialog.rep_name.text() == "ann"
    assert sql(ws, "SELECT count(*) FROM rep") == [(2,)]
    # so is a name longer than every other name may be
    dialog.team_name.setText("x" * 201)  # said while typing, and refused on Add; nothing is cut
    assert "Too long: 201 characters" in dialog.team_error.text()
    qtbot.mouseClick(dialog.add_team_button, Qt.MouseButton.LeftButton)
    assert "too long" in dialog.team_error.text() and len(dialog.team_name.text()) == 201
    assert sql(ws, "SELECT count(*) FROM team") == [(2,)]

    # rename and move Zoe to East
    dialog._select_rep(sql(ws, "SELECT id FROM rep WHERE name = 'Zoe'")[0][0])
    type_into(qtbot, dialog.rep_name, "Zoe Park")
    dialog.rep_team.setCurrentIndex(dialog.rep_team.findText("East"))
    qtbot.mouseClick(dialog.save_rep_button, Qt.MouseButton.LeftButton)
    east = sql(ws, "SELECT id FROM team WHERE name = 'East'")[0][0]
    assert sql(ws, "SELECT name, team_id FROM rep WHERE name LIKE 'Zo%'") == [("Zoe Park", east)]

    # North still has Ann: deactivating it is refused, with the reason next to it
    dialog._select_team(north)
    qtbot.mouseClick(dialog.team_active_button, Qt.MouseButton.LeftButton)
    assert "1 active rep" in dialog.team_error.text()
    assert sql(ws, "SELECT active FROM team WHERE id = :i", i=north) == [(1,)]
    dialog._select_rep(sql(ws, "SELECT id FROM rep WHERE name = 'Ann'")[0][0])
    assert dialog.rep_active_button.text() == "Deactivate"
    qtbot.mouseClick(dialog.rep_active_button, Qt.MouseButton.LeftButton)
    assert sql(ws, "SELECT active FROM rep WHERE name = 'Ann'") == [(0,)]
    assert dialog.rep_tree.currentItem().text(2) == "inactive"
    dialog._select_team(north)
    qtbot.mouseClick(dialog.team_active_button, Qt.MouseButton.LeftButton)
    assert sql(ws, "SELECT active FROM team WHERE id = :i", i=north) == [(0,)]
    assert dialog.team_list.currentItem().text() == "North (inactive)"
    # an inactive team is not offered for a new rep
    dialog._select_rep(sql(ws, "SELECT id FROM rep WHERE name LIKE 'Zo%'")[0][0])
    assert dialog.rep_team.findText("North") < 0

    # undo (Ctrl+Z in the dialog) takes the last two steps back; redo does them again
    undo = dialog.ctx.undo_stack
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sql(ws, "SELECT active FROM team WHERE id = :i", i=north) == [(1,)]
    undo.undo()
    assert sql(ws, "SELECT active FROM rep WHERE name = 'Ann'") == [(1,)]
    undo.redo()
    assert sql(ws, "SELECT active FROM rep WHERE name = 'Ann'") == [(0,)]


def test_undoing_an_add_tombstones_the_row_and_redo_brings_the_same_row_back(dialog, qtbot, ws) -> None:
    type_into(qtbot, dialog.rep_name, "Ann")
    qtbot.mouseClick(dialog.add_rep_button, Qt.MouseButton.LeftButton)
    (rep_id,) = sql(ws, "SELECT id FROM rep")[0]
    dialog.ctx.undo_stack.undo()
    assert sql(ws, "SELECT id, deleted_at IS NOT NULL FROM rep") == [(rep_id, 1)]
    dialog.ctx.undo_stack.redo()
    assert sql(ws, "SELECT id, deleted_at IS NULL FROM rep") == [(rep_id, 1)]
    dialog.reload()
    assert dialog.rep_tree.topLevelItemCount() == 1


def test_enter_in_a_name_field_adds_once_and_keeps_the_dialog_open(dialog, qtbot, ws) -> None:
    qtbot.keyClicks(dialog.team_name, "North")
    qtbot.keyClick(dialog.team_name, Qt.Key.Key_Return)
    assert sql(ws, "SELECT name FROM team") == [("North",)]
    assert dialog.isVisible() and dialog.team_error.text() == ""
    dialog.rep_tree.setCurrentItem(None)
    qtbot.keyClicks(dialog.rep_name, "Ann")
    qtbot.keyClick(dialog.rep_name, Qt.Key.Key_Return)
    assert sql(ws, "SELECT name FROM rep") == [("Ann",)] and dialog.isVisible()
    # the team chosen on the left is the new rep's team
    assert sql(ws, "SELECT t.name FROM rep r JOIN team t ON t.id = r.team_id") == [("North",)]


def test_edit_menu_opens_people_and_teams_with_its_shortcut(qtbot, ws) -> None:
    from pdsa_desk.ui.application import set_application_names
    from pdsa_desk.ui.main_window import MainWindow

    services.ensure_defaults(ws)
    set_application_names()
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    action = window.people_action
    assert action.shortcut().toString() == "Ctrl+Shift+P" and action.isEnabled()
    edit_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Edit")
    assert action in edit_menu.actions()
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(PeopleDialog) is not None)
    dialog = window.findChild(PeopleDialog)
    assert dialog.isVisible() and dialog.windowTitle() == "People and teams"
    dialog.close()
    window.ctx.wait_for_background()

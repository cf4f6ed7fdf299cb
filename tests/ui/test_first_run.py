"""The first-run guide: a new workspace opens on three steps, each a button that does it, each ticked when done."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.import_wizard import ImportWizard
from pdsa_desk.ui.main_window import MainWindow
from pdsa_desk.ui.opportunity_editor import OpportunityEditor
from pdsa_desk.ui.views.cycles import NewCycleDialog
from tests.ui.waiting import settled


@pytest.fixture
def window(qtbot, ws):
    set_application_names()
    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.navigate("week")
    settled(qtbot, win.view("week"))
    return win


def ticked(guide) -> list[bool]:
    return ["✓" in mark.text() for mark in guide.marks]


def test_a_new_workspace_is_set_up_through_the_guide(qtbot, window, ws, monkeypatch) -> None:
    week = window.view("week")
    guide = week.guide
    assert guide.isVisible() and not week.tree.isVisible()  # no eight empty agenda sections
    assert ticked(guide) == [False, False, False]
    assert not guide.cycle_button.isEnabled()  # a cycle needs stages

    guide.template_button.click()  # step 1: the template's stages, in the workspace
    stages = sv.list_stages(ws)
    assert [s.name for s in stages] == [name for name, *_ in sv.STAGE_TEMPLATE]
    assert all(s.standard for s in stages) and stages[-1].terminal == "won"
    qtbot.waitUntil(lambda: ticked(guide) == [True, False, False])
    assert not guide.template_button.isEnabled() and guide.cycle_button.isEnabled()
    window.undo_action.trigger()  # the template is undoable as one step
    assert sv.list_stages(ws) == []
    window.navigate("week")
    qtbot.waitUntil(lambda: ticked(guide) == [False, False, False])
    window.redo_action.trigger()
    assert [s.id for s in sv.list_stages(ws)] == [s.id for s in stages]
    window.navigate("week")
    qtbot.waitUntil(lambda: ticked(guide) == [True, False, False])

    guide.import_button.click()  # step 2: the import wizard opens over the Data view
    qtbot.waitUntil(lambda: window.findChild(ImportWizard) is not None)
    assert window.current_key() == "data"
    window.findChild(ImportWizard).reject()
    window.navigate("week")
    guide.add_button.click()  # or one at a time: the opportunity editor opens over the Board
    qtbot.waitUntil(lambda: window.findChild(OpportunityEditor) is not None)
    assert window.current_key() == "board"
    window.findChild(OpportunityEditor).reject()
    rep = sv.create_rep(ws, "Ann")
    sv.create_opportunity(ws, "Acme", rep_id=rep.id, stage_id=stages[0].id,
                          opened_at=datetime(2026, 11, 2, tzinfo=UTC))
    window.navigate("week")
    settled(qtbot, week)
    assert ticked(guide) == [True, True, False] and week.tree.isVisible()

    def fill(dialog: NewCycleDialog) -> int:  # step 3: the new-cycle dialog of the Cycles view
        dialog.title.setText("Agenda before discovery calls")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", fill)
    guide.cycle_button.click()
    assert window.current_key() == "cycles"
    assert [c.title for c in sv.list_cycles(ws)] == ["Agenda before discovery calls"]
    window.navigate("week")
    settled(qtbot, week)
    assert ticked(guide) == [True, True, True] and not guide.isVisible()  # all done: the guide goes


def test_define_my_own_stages_adds_one_on_the_standards_page(qtbot, window, ws) -> None:
    window.view("week").guide.own_stages_button.click()
    assert window.current_key() == "standards"
    assert [s.name for s in sv.list_stages(ws)] == ["New stage"]


def test_the_demo_opens_without_the_guide(qtbot, demo_ws) -> None:
    set_application_names()
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.show()
    win.navigate("week")
    week = settled(qtbot, win.view("week"))
    assert not week.guide.isVisible() and week.tree.isVisible()


def test_every_empty_view_points_to_an_action_that_exists(qtbot, window, ws) -> None:
    """The empty states name actions by the words of their buttons, which exist where they say."""
    window.navigate("data")
    data = window.view("data")
    assert "Import from CRM export" in data.import_button.text().replace("&", "")
    window.navigate("standards")
    standards = settled(qtbot, window.view("standards"))
    assert "“Add stage” (Ctrl+N)" in standards.empty_label.text() and "template" in standards.empty_label.text()
    window.navigate("cycles")
    cycles = settled(qtbot, window.view("cycles"))
    assert "“New cycle”" in cycles.empty_label.text() and cycles.new_button.text().replace("&", "") == "New cycle"
    window.navigate("charts")
    settled(qtbot, window.view("charts"))
    window.navigate("compare")
    compare = settled(qtbot, window.view("compare"))
    assert "add at least two stages in Standards" in compare.empty.text()

    window.view("week").guide.template_button.click()  # stages, but no opportunities yet
    window.navigate("charts")
    charts = window.view("charts")
    qtbot.waitUntil(lambda: "Import from CRM export" in charts.conversion_chart.message.text(), timeout=20_000)
    window.navigate("compare")
    qtbot.waitUntil(lambda: "No opportunities in this workspace yet" in compare.empty.text(), timeout=20_000)
    assert "Import from CRM export" in compare.empty.text()

"""The Cycles view: the filterable list and the Plan / Do / Study / Act editor, on the demo workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from pdsa_desk.core import services
from pdsa_desk.core.models import CycleStatus, TacticStatus
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.cycle_editor import ACT_TAB, DO_TAB, PLAN_TAB, STUDY_TAB
from pdsa_desk.ui.cycles_models import (
    ID_ROLE,
    CycleFilterProxy,
    CycleListModel,
    ObservationModel,
    RampModel,
    load_cycle_rows,
)
from pdsa_desk.ui.views.cycles import CyclesView, NewCycleDialog
from tests.conftest import DEMO_AS_OF
from tests.ui.cycles_support import shown_cycles_view
from tests.ui.waiting import reread, settled

AS_OF = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)


@pytest.fixture
def view(qtbot, demo_ws):
    yield from shown_cycles_view(qtbot, demo_ws, AS_OF)


def cycle_id(ws, title: str) -> str:
    return next(c.id for c in services.list_cycles(ws) if c.title == title)


def rep_id(ws, name: str) -> str:
    return next(r.id for r in services.list_reps(ws) if r.name == name)


def shown_titles(view: CyclesView) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, CycleListModel.TITLE).data() for r in range(proxy.rowCount())]


def open_tab_and_wait(qtbot, view: CyclesView, tab: int) -> None:
    editor = view.editor
    if editor.tabs.currentIndex() == tab and editor.results is not None:
        return
    with qtbot.waitSignal(editor.results_shown, timeout=20000):
        editor.tabs.setCurrentIndex(tab)
        editor._ensure_results()


# --- the list ---------------------------------------------------------------------------------------


def test_list_shows_the_demo_cycles_and_filters(view, demo_ws) -> None:
    assert view.model.rowCount() == 12
    assert len(shown_titles(view)) == 12
    assert view.count_label.text() == "12 cycles"
    # Newest planned start first.
    assert shown_titles(view)[0] == "Video recap to speed up signatures"

    view.status_filter.setCurrentIndex(view.status_filter.findData("do"))
    assert shown_titles(view) == ["Anchoring budget with peers"]
    assert view.count_label.text() == "1 of 12 cycles"
    assert view.clear_filters_button.isVisibleTo(view)

    view.clear_filters()
    view.rep_filter.setCurrentIndex(view.rep_filter.findData(rep_id(demo_ws, "Hugo Santos")))
    assert sorted(shown_titles(view)) == [
        "Proposal walkthrough call", "Reference calls at proposal", "Reference calls at proposal — ramp 2",
        "Reference calls at proposal — ramp 3", "Video recap to speed up signatures"]

    view.clear_filters()
    tactic = next(t.id for t in services.list_tactics(demo_ws) if t.name == "Voice note after the first reply")
    view.tactic_filter.setCurrentIndex(view.tactic_filter.findData(tactic))
    assert shown_titles(view) == ["Voice notes to book discovery"]

    view.clear_filters()
    budget = next(s.id for s in services.list_stages(demo_ws) if s.name == "Budget shared")
    view.stage_filter.setCurrentIndex(view.stage_filter.findData(budget))
    assert view.stage_filter.currentText() == "Budget shared → Proposal requested"
    assert shown_titles(view) == ["Anchoring budget with peers"]

    view.clear_filters()
    view.search.setText("ramp")
    assert len(shown_titles(view)) == 2
    view.search.setText("nothing like this")
    assert shown_titles(view) == []
    assert view.empty_label.isVisibleTo(view) and "No cycle matches" in view.empty_label.text()
    assert not view.table.isVisibleTo(view)


def test_list_sorts_by_status_in_pdsa_order(view) -> None:
    view.table.sortByColumn(CycleListModel.STATUS, Qt.SortOrder.AscendingOrder)
    statuses = [view.proxy.index(r, CycleListModel.STATUS).data(Qt.ItemDataRole.UserRole)
                for r in range(view.proxy.rowCount())]
    assert statuses == ["plan", "do", "study", "act", *["closed"] * 8]


def test_the_list_is_updated_in_place_when_it_holds_the_same_cycles(view, demo_ws, qtbot) -> None:
    """A reload of the same cycles changes only the rows that changed (the selection and scroll stay); a
    new or removed cycle resets the list."""
    model, row = view.model, 3
    view.table.selectRow(row)
    selected = view.table.currentIndex().data(ID_ROLE)
    resets, changes = [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda first, last, *_: changes.append((first.row(), last.row())))
    rows = load_cycle_rows(demo_ws)
    model.set_rows(rows)
    assert resets == changes == []
    k = next(i for i, r in enumerate(rows) if r.status == "plan")
    changed = rows[k]
    services.update_cycle(demo_ws, changed.id, title="Renamed in place", expected_updated_at=None)
    model.set_rows(load_cycle_rows(demo_ws))
    assert resets == [] and changes == [(k, k)] and model.rows()[k].title == "Renamed in place"
    assert view.table.currentIndex().data(ID_ROLE) == selected
    services.create_cycle(demo_ws, "One more", from_stage_id=changed.from_stage_id)
    model.set_rows(load_cycle_rows(demo_ws))
    assert resets == [1] and model.rowCount() == 13


def test_item_models_pass_the_model_tester(qtmodeltester, demo_ws) -> None:
    model = CycleListModel()
    model.set_rows(load_cycle_rows(demo_ws))
    qtmodeltester.check(model)
    proxy = CycleFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(status="closed")
    assert proxy.rowCount() == 8
    qtmodeltester.check(proxy)

    observations = ObservationModel()
    observations.set_observations(services.observations(demo_ws, cycle_id(demo_ws, "Anchoring budget with peers")))
    assert observations.rowCount() == 2
    assert observations.index(1, ObservationModel.KIND).data(Qt.ItemDataRole.UserRole) == "problem"
    qtmodeltester.check(observations)

    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.study import study_cycle

    data = load_analysis_data(demo_ws)
    ramp3 = cycle_id(demo_ws, "Reference calls at proposal — ramp 3")
    chain = services.ramp(demo_ws, ramp3)
    ramp = RampModel()
    ramp.set_chain(chain, ramp3, {c.id: study_cycle(demo_ws, c.id, data=data, as_of=AS_OF) for c in chain})
    assert ramp.rowCount() == 3 and ramp.current_row() == 2
    qtmodeltester.check(ramp)


def test_empty_workspace_says_how_to_start(qtbot, ws) -> None:
    v = CyclesView(AppContext(ws))
    qtbot.addWidget(v)
    v.show()
    v.refresh()  # a visit: the list and the opened cycle are read on the quick-read thread
    settled(qtbot, v)
    assert v.model.rowCount() == 0
    assert "No cycles yet" in v.empty_label.text()
    assert v.right.currentWidget() is v.placeholder


# --- a whole cycle through the UI -------------------------------------------------------------------


def _fill_new_cycle_dialog(monkeypatch, title: str, transition: str, owner: str) -> None:
    def fake_exec(dialog: NewCycleDialog) -> int:
        dialog.title.setText(title)
        dialog.transition.setCurrentIndex(dialog.transition.findText(transition))
        dialog.owner.setCurrentIndex(dialog.owner.findText(owner))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", fake_exec)


def test_a_new_cycle_goes_plan_do_study_act(qtbot, view, demo_ws, monkeypatch) -> None:
    ws = demo_ws
    # New cycle (Ctrl+N) -> a dialog -> the cycle is created and opened on its Plan tab.
    _fill_new_cycle_dialog(monkeypatch, "Quarterly reviews for stalled deals",
                           "Terms in negotiation → Won", "Elena Rossi")
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new_id = cycle_id(ws, "Quarterly reviews for stalled deals")
    assert view.current_cycle_id() == new_id
    assert view.model.rowCount() == 13
    editor, plan = view.editor, view.editor.plan_tab
    assert editor.tabs.currentIndex() == PLAN_TAB
    assert editor.pill.text() == "Plan" and editor.next_button.text() == "Start (Do)"
    selected = view.table.selectionModel().currentIndex()
    assert selected.data(ID_ROLE) == new_id

    # Plan: every field, the prediction through the slider.
    plan.tactic.setCurrentIndex(plan.tactic.findText("Quarterly review invitation"))
    farid = rep_id(ws, "Farid Haddad")
    plan.set_participants([rep_id(ws, "Elena Rossi"), farid])
    plan.planned_start.edit.setDate(QDate(2026, 11, 30))
    plan.planned_end.edit.setDate(QDate(2027, 1, 24))
    plan.prediction.slider.setValue(62)
    assert plan.prediction.percent.text() == "62"
    plan.prediction_text.setPlainText("About 62% sign within 30 days.")
    plan.text_edits["objective"].setPlainText("Revive stalled negotiations.")
    plan.text_edits["questions"].setPlainText("Do reviews unblock signatures?")
    plan.text_edits["change_idea"].setPlainText("Invite to a quarterly business review.")
    plan.text_edits["who_what_where_when"].setPlainText("Elena and Farid, every stalled deal, 8 weeks.")
    plan.text_edits["data_plan"].setPlainText("Board moves.")
    plan.min_sample.setValue(25)
    plan.baseline.setChecked(True)
    plan.baseline_start.set_value(date(2026, 6, 1))
    plan.baseline_end.set_value(date(2026, 9, 30))
    assert plan.is_dirty() and plan.save_button.isEnabled()
    qtbot.keyClick(plan.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not plan.is_dirty()
    saved = services.get_cycle(ws, new_id)
    assert saved.prediction_rate == pytest.approx(0.62)
    assert (saved.planned_start, saved.planned_end) == (date(2026, 11, 30), date(2027, 1, 24))
    assert (saved.baseline_start, saved.baseline_end) == (date(2026, 6, 1), date(2026, 9, 30))
    assert saved.min_sample_size == 25 and saved.questions == "Do reviews unblock signatures?"
    assert saved.tactic_id is not None
    assert {r.name for r in services.participants(ws, new_id)} == {"Elena Rossi", "Farid Haddad"}

    # The early steps ask why (a dialog in the app); the tests answer it and check what is recorded.
    asked: list[tuple[str, str]] = []

    def answer(exc: services.NeedsReason) -> str:
        asked.append((exc.step, exc.message))
        return f"Early {exc.step}: the quarter ends"

    monkeypatch.setattr(editor, "ask_early_reason", answer)
    proposals: list[services.PhaseProposal] = []
    def accept_phase(proposal: services.PhaseProposal) -> str:
        proposals.append(proposal)
        return "Reviews became standard work"

    monkeypatch.setattr(editor, "confirm_phase", accept_phase)

    # Do: start (the actual start is recorded: the clock's instant), then log an observation with Enter
    # (Alt+2 = deviation), undo and redo it.
    editor.next_button.click()
    assert services.get_cycle(ws, new_id).status == CycleStatus.DO
    assert services.get_cycle(ws, new_id).started_at == AS_OF
    assert editor.tabs.currentIndex() == DO_TAB and editor.next_button.text() == "Move to Study"
    do = editor.do_tab
    qtbot.keyClick(do.input, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert do.kind.currentData() == "deviation"
    qtbot.keyClicks(do.input, "Two customers asked to move the review")
    qtbot.keyClick(do.input, Qt.Key.Key_Return)
    logged = services.observations(ws, new_id)
    assert [(o.kind, o.text, o.author) for o in logged] == [
        ("deviation", "Two customers asked to move the review", "Elena Rossi")]
    assert do.input.text() == ""
    assert reread(qtbot, editor).do_tab.model.rowCount() == 1  # the cycle is read again off the GUI thread
    view.ctx.undo_stack.undo()
    assert services.observations(ws, new_id) == [] and reread(qtbot, editor).do_tab.model.rowCount() == 0
    view.ctx.undo_stack.redo()
    assert [o.text for o in services.observations(ws, new_id)] == ["Two customers asked to move the review"]
    assert reread(qtbot, editor).do_tab.model.rowCount() == 1

    # Study: the results come; the interpretation is saved on the way to Act.
    # (each step runs on the worker thread, its guard studying the cycle there: waited for)
    with qtbot.waitSignals([editor.edited, editor.results_shown], timeout=20000):
        editor.next_button.click()
    assert services.get_cycle(ws, new_id).status == CycleStatus.STUDY
    assert [step for step, _ in asked] == ["study"] and "nothing to study" in asked[0][1]
    assert services.get_cycle(ws, new_id).early_study_reason == "Early study: the quarter ends"
    assert editor.tabs.currentIndex() == STUDY_TAB
    assert editor.study_tab.banner.isVisibleTo(editor)
    editor.study_tab.interpretation.setPlainText("Too few deals yet; the reviews were welcomed.")
    editor.next_button.click()  # Decide (Act): saves the interpretation, then moves on
    qtbot.waitUntil(lambda: editor.tabs.currentIndex() == ACT_TAB, timeout=20000)
    saved = services.get_cycle(ws, new_id)
    assert saved.status == CycleStatus.ACT
    assert saved.study_interpretation == "Too few deals yet; the reviews were welcomed."
    assert editor.tabs.currentIndex() == ACT_TAB

    # Act: adopt with a rationale.
    act = editor.act_tab
    assert not act.record_button.isEnabled()
    act.radios["adopt"].setChecked(True)
    assert not act.record_button.isEnabled()  # the rationale is required
    act.rationale.setPlainText("Customers asked for it; make it standard.")
    assert act.record_button.isEnabled()
    act.record_button.click()
    # the decision is written on the worker; the phase is proposed back on the GUI thread after it: wait for both
    qtbot.waitUntil(lambda: services.get_cycle(ws, new_id).status == CycleStatus.CLOSED and bool(proposals),
                    timeout=20000)
    saved = services.get_cycle(ws, new_id)
    assert (saved.status, saved.decision) == (CycleStatus.CLOSED, "adopt")
    assert [step for step, _ in asked] == ["study", "decide"] and "Too early" in asked[1][1]
    assert saved.early_decision_reason == "Early decide: the quarter ends"
    # Adopting proposes a new phase on the transition's chart, kept in the workspace with its reason.
    assert len(proposals) == 1 and proposals[0].stage_id == saved.from_stage_id
    phases = services.list_chart_phases(ws, saved.from_stage_id)
    assert [(p.kind, p.reason) for p in phases] == [("phase", "Reviews became standard work")]
    view.ctx.undo_stack.undo()
    assert services.list_chart_phases(ws, saved.from_stage_id) == []
    view.ctx.undo_stack.redo()
    tactic = next(t for t in services.list_tactics(ws) if t.id == saved.tactic_id)
    assert tactic.status == TacticStatus.STANDARD_WORK
    reread(qtbot, editor)  # the decision's tab is filled from the cycle read again after the edit
    assert editor.pill.text() == "Closed" and not editor.next_button.isVisibleTo(editor)
    assert "standard work" in act.state_label.text()
    row = view.model.row_of(new_id)
    assert view.model.index(row, CycleListModel.STATUS).data() == "Closed"


def test_adapt_opens_the_linked_child_cycle(qtbot, view, demo_ws) -> None:
    parent = cycle_id(demo_ws, "Agenda before discovery calls")
    view.show_object(parent)
    editor = view.editor
    assert editor.tabs.currentIndex() == ACT_TAB  # the tab of its status
    editor.act_tab.radios["adapt"].setChecked(True)
    editor.act_tab.rationale.setPlainText("Attendance rose a little; ask for an agenda item next.")
    with qtbot.waitSignal(editor.open_requested, timeout=20000):
        editor.act_tab.record_button.click()

    children = [c for c in services.list_cycles(demo_ws) if c.parent_id == parent]
    assert len(children) == 1
    child = children[0]
    assert child.status == CycleStatus.PLAN and child.title == "Agenda before discovery calls — ramp 2"
    assert services.get_cycle(demo_ws, parent).status == CycleStatus.CLOSED
    assert view.current_cycle_id() == child.id
    assert view.table.selectionModel().currentIndex().data(ID_ROLE) == child.id
    assert editor.title_label.text() == child.title
    assert editor.tabs.currentIndex() == PLAN_TAB
    assert editor.plan_tab.prediction.value() == pytest.approx(0.62)
    assert view.model.rowCount() == 13

    open_tab_and_wait(qtbot, view, ACT_TAB)
    ramp = editor.act_tab.ramp.model_
    assert [ramp.ramp_row(i).id for i in range(ramp.rowCount())] == [parent, child.id]
    assert ramp.current_row() == 1


def test_ramp_row_opens_its_cycle(qtbot, view, demo_ws) -> None:
    view.show_object(cycle_id(demo_ws, "Reference calls at proposal — ramp 3"))
    open_tab_and_wait(qtbot, view, ACT_TAB)
    table = view.editor.act_tab.ramp
    assert table.model_.rowCount() == 3
    assert table.model_.index(2, RampModel.N).data().split()[0] == str(view.editor.results.study.n_new)
    first = cycle_id(demo_ws, "Reference calls at proposal")
    table.activated.emit(table.model_.index(0, 0))
    assert view.current_cycle_id() == first
    assert view.editor.title_label.text() == "Reference calls at proposal"


# --- the active-cycle cap ---------------------------------------------------------------------------


@pytest.mark.parametrize("answer", ["Start anyway", "Cancel"])
def test_start_over_the_cap_asks_first(qtbot, view, demo_ws, monkeypatch, answer) -> None:
    david = rep_id(demo_ws, "David Lindqvist")  # in 'Anchoring' (Do) and 'Agenda' (Act): at the cap of 2
    stage = next(s.id for s in services.list_stages(demo_ws) if s.name == "Lead captured")
    new = services.create_cycle(demo_ws, "Phone before e-mail", from_stage_id=stage, owner_rep_id=david,
                                prediction_rate=0.6)
    view.refresh()
    view.show_object(new.id)
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text() + "\n" + box.informativeText())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == answer)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    view.editor.next_button.click()
    assert len(asked) == 1
    assert "David Lindqvist" in asked[0] and "2 active" in asked[0] and "limit of 2" in asked[0]
    status = services.get_cycle(demo_ws, new.id).status
    if answer == "Start anyway":
        assert status == CycleStatus.DO
        assert view.editor.pill.text() == "Do"
    else:
        assert status == CycleStatus.PLAN
        assert view.editor.pill.text() == "Plan"


# --- Study ------------------------------------------------------------------------------------------


def test_study_of_the_adopted_cycle_is_ready_with_a_positive_difference(qtbot, view, demo_ws) -> None:
    view.show_object(cycle_id(demo_ws, "Business case before budget"))
    open_tab_and_wait(qtbot, view, STUDY_TAB)
    study = view.editor.study_tab
    st = view.editor.results.study
    assert st.ready and st.comparison.diff > 0
    # The headline is the plain verdict; the chance the tactic is better is not bold, not the headline.
    assert study.banner.heading.text() == study.verdict.sentence
    assert study.verdict.sentence.startswith("Better, and the interval excludes chance (+")
    assert study.banner.property("kind") == "ready" and not study.cells["prob"].font().bold()
    assert not study.results_de_emphasised()
    assert study.cells["diff"].text().startswith("+") and study.cells["diff"].text().endswith("pp")
    assert study.cells["base_xn"].text() == f"{st.x_base} / {st.n_base}"
    where = "inside" if st.prediction_inside else "outside"
    assert f"Prediction 58% — <b>{where}</b> the cycle's interval" in study.cells["prediction"].text()
    team = view.editor.results.team
    assert team.n_reps == 4 and study.cells["team"].text().startswith(f"Reps: {team.headline}")
    chart = study.chart
    assert chart.has_plot and chart.plotted_points() > 20
    (band,) = chart.series.bands  # only this cycle's window is shaded, highlighted
    assert band.cycle_id == st.cycle_id and chart.highlighted_cycle == st.cycle_id
    assert (band.start, band.end) == (st.cycle_start, st.cycle_end)
    assert chart.baseline_region.getRegion() == (st.baseline_start.timestamp(), st.baseline_end.timestamp())
    assert chart.series.frame["period"].iloc[0] <= st.baseline_start
    # A closed cycle is a record: read-only everywhere.
    assert study.interpretation.isReadOnly()
    assert not view.editor.plan_tab.save_button.isEnabled()
    assert view.editor.plan_tab.title.isReadOnly()
    assert not view.editor.do_tab.input.isEnabled()


def test_study_of_a_running_cycle_says_too_early(qtbot, view, demo_ws) -> None:
    view.show_object(cycle_id(demo_ws, "Anchoring budget with peers"))
    assert view.editor.tabs.currentIndex() == DO_TAB
    open_tab_and_wait(qtbot, view, STUDY_TAB)
    study = view.editor.study_tab
    assert not view.editor.results.study.ready
    assert study.banner.isVisibleTo(view.editor)
    assert study.banner.heading.text().startswith("⚠ Too early: ")
    assert study.banner.property("kind") == "warning"
    assert "of the 40 customers needed" in study.banner.body.text()
    assert study.results_de_emphasised()
    assert "cannot be checked yet" in study.cells["prediction"].text()


# --- validation, observations -----------------------------------------------------------------------


def test_refused_plan_values_are_shown_next_to_their_field(qtbot, view, demo_ws) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    plan.planned_end.set_value(date(2026, 11, 1))  # before the start (1 Dec)
    assert not view.editor.save()
    assert plan.error_text("planned_end") == "The planned end date is before the start date."
    assert plan._errors["planned_end"].isVisibleTo(plan)
    assert services.get_cycle(demo_ws, video).planned_end == date(2027, 1, 12)  # nothing written

    plan.planned_end.set_value(date(2027, 1, 12))
    plan.title.setText("   ")
    plan._touched()
    assert not view.editor.save()
    assert plan.error_text("planned_end") == ""
    assert "must not be empty" in plan.error_text("title")

    # Switching to another cycle with a refused change keeps this one open.
    other = cycle_id(demo_ws, "Anchoring budget with peers")
    index = view.proxy.mapFromSource(view.model.index(view.model.row_of(other), 0))
    view.table.setCurrentIndex(index)
    assert view.current_cycle_id() == video


def test_starting_without_a_prediction_points_at_the_prediction(qtbot, view, demo_ws) -> None:
    stage = next(s.id for s in services.list_stages(demo_ws) if s.name == "Discovery held")
    new = services.create_cycle(demo_ws, "No guess", from_stage_id=stage,
                                owner_rep_id=rep_id(demo_ws, "Elena Rossi"))
    view.refresh()
    view.show_object(new.id)
    plan = view.editor.plan_tab
    assert plan.prediction.value() is None and plan.prediction.percent.text() == ""
    assert plan.prediction.percent.placeholderText() == "not set"
    view.editor.next_button.click()
    assert services.get_cycle(demo_ws, new.id).status == CycleStatus.PLAN
    assert view.editor.tabs.currentIndex() == PLAN_TAB
    assert "numeric prediction" in plan.error_text("prediction_rate")
    # Typing a prediction in the percent box moves the slider, and then the start succeeds.
    qtbot.keyClicks(plan.prediction.percent, "47.5")
    assert plan.prediction.slider.value() == 48
    view.editor.next_button.click()
    saved = services.get_cycle(demo_ws, new.id)
    assert saved.status == CycleStatus.DO and saved.prediction_rate == pytest.approx(0.475)


def test_observation_delete_with_undo(qtbot, view, demo_ws) -> None:
    anchoring = cycle_id(demo_ws, "Anchoring budget with peers")
    view.show_object(anchoring)
    do = view.editor.do_tab
    assert do.model.rowCount() == 2
    assert not do.delete_button.isEnabled()
    do.table.selectRow(1)
    assert do.delete_button.isEnabled()
    do.table.setFocus()
    qtbot.keyClick(do.table, Qt.Key.Key_Delete)
    assert [o.text for o in services.observations(demo_ws, anchoring)] == [
        "Two customers replied with a range the same day."]
    assert reread(qtbot, view.editor).do_tab.model.rowCount() == 1
    assert view.ctx.undo_stack.undoText() == "Delete observation"
    view.ctx.undo_stack.undo()
    restored = services.observations(demo_ws, anchoring)
    assert [(o.kind, o.text) for o in restored] == [
        ("observation", "Two customers replied with a range the same day."),
        ("problem", "The table is out of date for the public sector.")]
    assert reread(qtbot, view.editor).do_tab.model.rowCount() == 2


def test_empty_observation_is_not_added(qtbot, view, demo_ws) -> None:
    anchoring = cycle_id(demo_ws, "Anchoring budget with peers")
    view.show_object(anchoring)
    do = view.editor.do_tab
    assert not do.add_button.isEnabled()
    qtbot.keyClick(do.input, Qt.Key.Key_Return)
    assert len(services.observations(demo_ws, anchoring)) == 2
    assert view.ctx.undo_stack.count() == 0


def test_show_object_clears_filters_that_hide_the_cycle(view, demo_ws) -> None:
    view.status_filter.setCurrentIndex(view.status_filter.findData("closed"))
    anchoring = cycle_id(demo_ws, "Anchoring budget with peers")
    view.show_object(anchoring)
    assert view.status_filter.currentData() is None
    assert view.current_cycle_id() == anchoring
    assert view.table.selectionModel().currentIndex().data(ID_ROLE) == anchoring


def test_new_cycle_dialog_shows_refusals_next_to_the_title(qtbot, demo_ws) -> None:
    dialog = NewCycleDialog(AppContext(demo_ws))
    qtbot.addWidget(dialog)
    dialog.title.setText("  ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.created is None
    assert "must not be empty" in dialog.title_error.text()
    dialog.title.setText("Shorter proposals")
    dialog.accept()
    assert dialog.created is not None and dialog.created.status == CycleStatus.PLAN
    assert dialog.created.planned_start is not None and dialog.created.planned_start.weekday() == 0


def test_switching_cycles_saves_the_plan_first(view, demo_ws) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    plan.title.setText("Video recap within a day")
    plan._touched()
    plan.prediction.set_value(0.75)
    plan._touched()
    assert view.editor.has_unsaved_changes()
    other = cycle_id(demo_ws, "Anchoring budget with peers")
    index = view.proxy.mapFromSource(view.model.index(view.model.row_of(other), 0))
    view.table.setCurrentIndex(index)
    saved = services.get_cycle(demo_ws, video)
    assert saved.title == "Video recap within a day" and saved.prediction_rate == pytest.approx(0.75)
    assert view.current_cycle_id() == other
    assert view.table.selectionModel().currentIndex().data(ID_ROLE) == other
    assert view.editor.title_label.text() == "Anchoring budget with peers"
    assert "Video recap within a day" in shown_titles(view)


def test_first_visit_opens_an_active_cycle(view, demo_ws) -> None:
    current = view.current_cycle_id()
    assert current is not None
    assert services.get_cycle(demo_ws, current).status in ("do", "study", "act")
    assert view.right.currentWidget() is view.editor


def test_a_plan_save_after_someone_else_saved_is_refused_and_keeps_the_edit(view, demo_ws) -> None:
    cid = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(cid)
    services.update_cycle(demo_ws, cid, objective="Their objective, saved first.")  # another user
    view.editor.plan_tab._widgets["objective"].setPlainText("My objective, typed meanwhile.")
    assert not view.editor.save()
    assert services.get_cycle(demo_ws, cid).objective == "Their objective, saved first."
    assert "changed by someone else" in view.editor.header_error.text()
    assert view.editor.plan_tab._widgets["objective"].toPlainText() == "My objective, typed meanwhile."


def test_the_list_shows_and_sorts_by_what_it_was_last_given(qtbot, demo_ws) -> None:
    """The list model keeps each row's texts and sort keys once made (sorting asked for thousands of keys); new rows
    for the same cycles -- an edit updated in place -- show and sort by the new values, not the kept ones."""
    import dataclasses

    from pdsa_desk.ui.cycles_models import SORT_ROLE

    rows = load_cycle_rows(demo_ws)[:3]
    model = CycleListModel()
    proxy = CycleFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(CycleListModel.TITLE)
    model.set_rows(rows)
    before = [proxy.index(i, CycleListModel.TITLE).data() for i in range(proxy.rowCount())]
    assert before == sorted(r.title for r in rows)
    renamed = [dataclasses.replace(rows[0], title="Zz last now"), *rows[1:]]
    model.set_rows(renamed)  # the same ids in the same order: updated in place
    assert model.index(0, CycleListModel.TITLE).data() == "Zz last now"
    assert model.index(0, CycleListModel.TITLE).data(SORT_ROLE) == "zz last now"
    assert proxy.index(proxy.rowCount() - 1, CycleListModel.TITLE).data() == "Zz last now"

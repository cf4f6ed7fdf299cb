"""Honest undo in the Cycles view (issue 13, point 4) and bad input next to its field (point 9), driven through
the widgets on the demo workspace, checked in the database.

The rule: a decided cycle's record does not change. Ctrl+Z reaches the decision first and takes it back as a
whole; an older step that would reach into a closed cycle is refused and leaves the stack.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale, Qt

from pdsa_desk.core import services
from pdsa_desk.core.models import CycleStatus
from pdsa_desk.ui.cycle_editor import ACT_TAB, DO_TAB
from pdsa_desk.ui.main_window import MainWindow
from pdsa_desk.ui.views.cycles import CyclesView, NewCycleDialog
from tests.conftest import DEMO_AS_OF
from tests.ui.cycles_support import shown_cycles_view
from tests.ui.waiting import analysis, reread, settled

AS_OF = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)
WHY = "The customers' answers already settle it"


def cycle_id(ws, title: str) -> str:
    return next(c.id for c in services.list_cycles(ws) if c.title == title)


@pytest.fixture
def view(qtbot, demo_ws):
    yield from shown_cycles_view(qtbot, demo_ws, AS_OF)


@pytest.fixture
def window(qtbot, demo_ws, monkeypatch):
    win = MainWindow(demo_ws)
    win.ctx.clock.pin(AS_OF)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.ctx.wait_for_background()


def _log(qtbot, view: CyclesView, text: str) -> None:
    editor = view.editor
    editor.tabs.setCurrentIndex(DO_TAB)
    qtbot.keyClicks(editor.do_tab.input, text)
    qtbot.keyClick(editor.do_tab.input, Qt.Key.Key_Return)


def _decide(qtbot, view: CyclesView, monkeypatch, cycle: str, decision: str) -> None:
    editor = view.editor
    monkeypatch.setattr(editor, "ask_early_reason", lambda _exc: WHY)
    monkeypatch.setattr(editor, "confirm_phase", lambda _proposal: None)
    editor.tabs.setCurrentIndex(ACT_TAB)
    editor.act_tab.radios[decision].setChecked(True)
    editor.act_tab.rationale.setPlainText("The numbers and the calls agree.")
    editor.act_tab.record_button.click()
    qtbot.waitUntil(lambda: services.get_cycle(view.ctx.ws, cycle).status == CycleStatus.CLOSED, timeout=20000)
    qtbot.waitUntil(lambda: view.ctx.undo_stack.undoText() == "Decide cycle", timeout=20000)


def test_ctrl_z_after_deciding_takes_the_decision_back_and_keeps_the_observations(qtbot, window, demo_ws,
                                                                                  monkeypatch) -> None:
    """The issue's bug: after deciding a cycle, Ctrl+Z tombstoned an observation of the now-closed cycle."""
    agenda = cycle_id(demo_ws, "Agenda before discovery calls")
    window.navigate("cycles", agenda)
    view = settled(qtbot, window.view("cycles"))  # the first visit reads the list and the cycle off the GUI thread
    assert isinstance(view, CyclesView) and view.editor.cycle_id == agenda
    analysis(qtbot, window.ctx)
    _log(qtbot, view, "One rep forgot the agenda twice")
    logged = [o.text for o in services.observations(demo_ws, agenda)]
    assert len(logged) == 2 and window.ctx.undo_stack.undoText() == "Add observation"
    _decide(qtbot, view, monkeypatch, agenda, "abandon")

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = services.get_cycle(demo_ws, agenda)
    assert (back.status, back.decision, back.decided_at) == (CycleStatus.ACT, None, None)
    assert [o.text for o in services.observations(demo_ws, agenda)] == logged  # the log is untouched
    assert view.editor.pill.text() == "Act"  # the record at once, the rest read again off the GUI thread
    assert reread(qtbot, view.editor).act_tab.radios["abandon"].isEnabled()

    redo = window.redo_action.shortcut()[0]  # the platform's Redo: Ctrl+Shift+Z or Ctrl+Y
    view.table.setFocus()
    qtbot.keyClick(view.table, redo.key(), redo.keyboardModifiers())
    again = services.get_cycle(demo_ws, agenda)
    assert (again.status, again.decision) == (CycleStatus.CLOSED, "abandon")
    assert [o.text for o in services.observations(demo_ws, agenda)] == logged
    assert view.editor.pill.text() == "Closed"


def test_an_adapt_decision_is_undone_with_its_ramp_cycle(qtbot, view, demo_ws, monkeypatch) -> None:
    agenda = cycle_id(demo_ws, "Agenda before discovery calls")
    view.show_object(agenda)
    before = len(services.list_cycles(demo_ws))
    _decide(qtbot, view, monkeypatch, agenda, "adapt")
    qtbot.waitUntil(lambda: len(services.list_cycles(demo_ws)) == before + 1, timeout=20000)
    view.ctx.undo_stack.undo()
    assert len(services.list_cycles(demo_ws)) == before
    assert services.get_cycle(demo_ws, agenda).status == CycleStatus.ACT
    view.ctx.undo_stack.redo()
    assert len(services.list_cycles(demo_ws)) == before + 1
    assert services.get_cycle(demo_ws, agenda).decision == "adapt"


def test_an_older_step_never_reaches_into_a_cycle_closed_since(qtbot, view, demo_ws) -> None:
    """Decided elsewhere (a colleague, a merge): the observation add under it cannot be undone any more."""
    anchoring = cycle_id(demo_ws, "Anchoring budget with peers")
    view.show_object(anchoring)
    _log(qtbot, view, "A customer asked for the source of the figures")
    assert len(services.observations(demo_ws, anchoring)) == 3
    services.advance_cycle(demo_ws, anchoring, early_reason=WHY)
    services.update_cycle(demo_ws, anchoring, study_interpretation="Enough.")
    services.decide_cycle(demo_ws, anchoring, "abandon", "Enough.", early_reason=WHY)

    view.ctx.undo_stack.undo()
    assert len(services.observations(demo_ws, anchoring)) == 3
    assert "its log is part of the record" in view.editor.header_error.text()
    assert not view.ctx.undo_stack.canUndo() and view.ctx.undo_stack.count() == 0  # the step left the stack


def test_plan_save_and_start_are_undone_and_redone(qtbot, view, demo_ws) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    plan.title.setText("Video recap within a day")
    plan._touched()
    plan.save_button.click()
    assert services.get_cycle(demo_ws, video).title == "Video recap within a day"
    assert view.ctx.undo_stack.undoText() == "Save plan"
    view.ctx.undo_stack.undo()
    assert services.get_cycle(demo_ws, video).title == "Video recap to speed up signatures"
    assert view.editor.title_label.text() == "Video recap to speed up signatures"  # the record at once
    reread(qtbot, view.editor)
    assert plan.title.text() == "Video recap to speed up signatures"
    view.ctx.undo_stack.redo()
    assert services.get_cycle(demo_ws, video).title == "Video recap within a day"

    view.editor.next_button.click()  # Start (Do)
    started = services.get_cycle(demo_ws, video)
    assert started.status == CycleStatus.DO and started.started_at == AS_OF
    assert view.ctx.undo_stack.undoText() == "Start cycle"
    view.ctx.undo_stack.undo()
    back = services.get_cycle(demo_ws, video)
    assert (back.status, back.started_at) == (CycleStatus.PLAN, None)
    assert view.editor.pill.text() == "Plan"
    view.ctx.undo_stack.redo()
    assert services.get_cycle(demo_ws, video).started_at == AS_OF


def test_a_new_cycle_is_undone_and_redone(qtbot, view, demo_ws, monkeypatch) -> None:
    def fake_exec(dialog: NewCycleDialog) -> int:
        dialog.title.setText("Duplicate by accident")
        dialog.transition.setCurrentIndex(0)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NewCycleDialog, "exec", fake_exec)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    new_id = cycle_id(demo_ws, "Duplicate by accident")
    assert view.ctx.undo_stack.undoText() == "New cycle “Duplicate by accident”"
    view.ctx.undo_stack.undo()
    assert all(c.id != new_id for c in services.list_cycles(demo_ws))
    view.refresh()  # (in the window, the change notice does this)
    assert view.model.row_of(new_id) < 0
    view.ctx.undo_stack.redo()
    assert any(c.id == new_id for c in services.list_cycles(demo_ws))


# --- bad input next to its field (point 9) ----------------------------------------------------------------


@pytest.mark.parametrize(("typed", "says"), [
    ("500", "The prediction must be from 0 % to 100 % (you typed 500)."),
    ("-20", "The prediction must be from 0 % to 100 % (you typed -20)."),
    ("lots", "“lots” is not a number: type the predicted rate in percent, e.g. 35."),
])
def test_a_prediction_out_of_range_is_refused_next_to_the_field(qtbot, view, demo_ws, typed: str,
                                                                says: str) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    plan.prediction.percent.clear()
    qtbot.keyClicks(plan.prediction.percent, typed)
    assert plan.prediction.percent.text() == typed  # kept as typed: never clamped or cut
    assert plan.error_text("prediction_rate") == says  # at once, next to the field
    assert plan._errors["prediction_rate"].isVisibleTo(plan)
    assert not view.editor.save()
    assert services.get_cycle(demo_ws, video).prediction_rate == pytest.approx(0.8)  # nothing written
    plan.prediction.percent.clear()
    qtbot.keyClicks(plan.prediction.percent, "35")
    assert plan.error_text("prediction_rate") == "" and plan.prediction.slider.value() == 35
    assert view.editor.save()
    assert services.get_cycle(demo_ws, video).prediction_rate == pytest.approx(0.35)


def test_a_minimum_sample_of_zero_is_refused_next_to_the_field(qtbot, view, demo_ws) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    kept = services.get_cycle(demo_ws, video).min_sample_size
    plan.min_sample.lineEdit().selectAll()
    qtbot.keyClicks(plan.min_sample, "0")
    assert plan.min_sample.value() == 0
    assert plan.error_text("min_sample_size") == "The minimum sample must be at least 1 customer."
    assert not view.editor.save()
    assert "at least 1" in plan.error_text("min_sample_size")
    assert services.get_cycle(demo_ws, video).min_sample_size == kept


def test_a_title_over_the_limit_is_refused_next_to_the_field(qtbot, view, demo_ws) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    plan.title.setText("T" * 301)
    plan._touched()
    assert not view.editor.save()
    assert plan.error_text("title") == "Cycle name is too long (301 characters; at most 300)."
    assert plan.title.text() == "T" * 301
    assert services.get_cycle(demo_ws, video).title == "Video recap to speed up signatures"


def test_a_long_observation_is_counted_and_its_row_stays_bounded(qtbot, view, demo_ws) -> None:
    anchoring = cycle_id(demo_ws, "Anchoring budget with peers")
    view.show_object(anchoring)
    view.editor.tabs.setCurrentIndex(DO_TAB)
    do = view.editor.do_tab
    long_text = ("The customer read the whole peer table aloud and asked about each line. " * 80)[:5000].strip()
    do.input.setText(long_text)
    num = QLocale().toString  # the counter's numbers are the user's locale's
    assert do.counter.text() == f"{num(5000)} / {num(10_000)}" and not do.error.isVisibleTo(do)
    qtbot.keyClick(do.input, Qt.Key.Key_Return)
    assert services.observations(demo_ws, anchoring)[-1].text == long_text  # whole, never cut
    reread(qtbot, view.editor)
    row = do.model.rowCount() - 1
    line = do.table.fontMetrics().lineSpacing()
    assert do.table.rowHeight(row) <= line * do.ROW_LINES + 8 < do.table.viewport().height()
    do.table.selectRow(row)
    assert do.detail.isVisibleTo(do) and do.detail.toPlainText() == long_text

    do.input.setText("x" * 10_001)
    assert do.counter.text() == f"{num(10_001)} / {num(10_000)}"
    assert do.error.text() == (f"Too long: {num(10_001)} characters, at most {num(10_000)}. "
                               "Split it into several entries.")
    assert not do.add_button.isEnabled()
    qtbot.keyClick(do.input, Qt.Key.Key_Return)
    assert len(services.observations(demo_ws, anchoring)) == 3 and do.input.text() == "x" * 10_001
    assert "at most 10,000 characters" in do.error.text()


def test_an_over_long_title_is_flagged_while_typing(qtbot, view, demo_ws) -> None:
    video = cycle_id(demo_ws, "Video recap to speed up signatures")
    view.show_object(video)
    plan = view.editor.plan_tab
    plan.title.setText("T" * 300)
    assert plan.error_text("title") == ""
    plan.title.setText("T" * 305)
    num = QLocale().toString
    assert plan.error_text("title") == f"Too long: {num(305)} characters; at most {num(300)}."
    plan.title.setText("Short again")
    assert plan.error_text("title") == ""

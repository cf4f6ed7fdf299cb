"""Initiatives view: add, edit and delete marketing initiatives (refusals next to the field, undoable), and
marketing's cycle limit; every step asserted on the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from pdsa_desk.core import services
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.initiative_edits import InitiativeDialog
from pdsa_desk.ui.views.initiatives import InitiativesView
from tests.conftest import DEMO_AS_OF
from tests.ui.waiting import refreshed


@pytest.fixture
def view(qtbot, ws):
    set_application_names()
    services.create_stage(ws, "Lead")
    services.create_stage(ws, "Demo booked")
    ctx = AppContext(ws)
    ctx.clock.pin(DEMO_AS_OF)
    v = InitiativesView(ctx)
    qtbot.addWidget(v)
    v.resize(1100, 600)
    v.show()
    qtbot.waitExposed(v)
    refreshed(qtbot, v)
    yield v
    ctx.wait_for_background()


def answer_dialog(monkeypatch, fill, *, seen: list | None = None) -> None:
    """Replace the dialog's exec: ``fill(dialog)`` types into it and returns whether to press OK once more."""

    def fake_exec(dialog: InitiativeDialog) -> int:
        while True:
            again = fill(dialog)
            accepted = dialog.try_accept()
            if seen is not None:
                seen.append({k: lab.text() for k, lab in dialog.errors.items() if lab.text()})
            if accepted:
                return QDialog.DialogCode.Accepted
            if not again:
                return QDialog.DialogCode.Rejected

    monkeypatch.setattr(InitiativeDialog, "exec", fake_exec)


def test_add_refuses_a_bad_link_next_to_it_keeps_the_typing_and_undo_removes_it(qtbot, view, ws, monkeypatch):
    seen: list = []
    tries = iter([True, False])

    def fill(d: InitiativeDialog) -> bool:
        if not d.name_edit.text():
            d.name_edit.setText("Autumn webinar series")
            d.channel_combo.setEditText("Inbound")
            d.stage_combo.setCurrentIndex(d.stage_combo.findText("Demo booked"))
            d.start_edit.setDate(QDate(2026, 9, 7))
            d.end_edit.setDate(QDate(2026, 9, 27))
            d.owner_edit.setText("Mara")
            d.points_edit.setPlainText("Mention the ROI calculator")
            d.link_edit.setText("www.example.com/webinar")  # no scheme: refused
        else:
            assert d.name_edit.text() == "Autumn webinar series"  # nothing typed is lost
            d.link_edit.setText("https://example.com/webinar")
        return next(tries)

    answer_dialog(monkeypatch, fill, seen=seen)
    view.add_action.trigger()
    assert "link" in seen[0] and "http" in seen[0]["link"]
    rows = services.list_initiatives(ws)
    assert [(r.name, r.channel, r.starts_on, r.ends_on, r.owner, r.link) for r in rows] == [
        ("Autumn webinar series", "Inbound", date(2026, 9, 7), date(2026, 9, 27), "Mara",
         "https://example.com/webinar")]
    assert rows[0].stage_id == next(s.id for s in services.list_stages(ws) if s.name == "Demo booked")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 0).data() == "Autumn webinar series"
    view.ctx.undo_stack.undo()
    assert services.list_initiatives(ws) == []
    view.ctx.undo_stack.redo()
    assert [r.name for r in services.list_initiatives(ws)] == ["Autumn webinar series"]


def test_an_end_before_the_start_is_refused_at_the_last_day(view, ws, monkeypatch):
    seen: list = []

    def fill(d: InitiativeDialog) -> bool:
        d.name_edit.setText("Backwards")
        d.start_edit.setDate(QDate(2026, 9, 7))
        d.end_edit.setDate(QDate(2026, 9, 1))
        return False

    answer_dialog(monkeypatch, fill, seen=seen)
    view.add_action.trigger()
    assert "ends_on" in seen[0] and services.list_initiatives(ws) == []


def test_edit_and_delete_are_undoable(qtbot, view, ws, monkeypatch):
    row = services.create_initiative(ws, "Partner summit", starts_on=date(2026, 10, 12), ends_on=date(2026, 10, 13),
                                     channel="Partner")
    refreshed(qtbot, view)
    view.select(row.id)

    def fill(d: InitiativeDialog) -> bool:
        assert d.channel_combo.currentText() == "Partner"
        d.name_edit.setText("Partner summit 2026")
        d.running_check.setChecked(True)
        return False

    answer_dialog(monkeypatch, fill)
    view.edit_action.trigger()
    changed = services.get_initiative(ws, row.id)
    assert (changed.name, changed.ends_on, changed.channel) == ("Partner summit 2026", None, "Partner")
    view.ctx.undo_stack.undo()
    back = services.get_initiative(ws, row.id)
    assert (back.name, back.ends_on) == ("Partner summit", date(2026, 10, 13))
    refreshed(qtbot, view)
    view.select(row.id)
    assert view.buttons["delete"].isEnabled() and not view.buttons["link"].isEnabled()  # it has no link
    view.delete_action.trigger()
    assert services.list_initiatives(ws) == []
    assert "Undo" in view.status.text()
    view.ctx.undo_stack.undo()
    assert [r.id for r in services.list_initiatives(ws)] == [row.id]


def test_marketing_cycle_limit_is_set_here_and_undoable(view, ws):
    assert services.get_settings(ws).max_marketing_cycles is None
    assert view.cap_spin.text() == "no limit"
    view.cap_spin.setValue(2)
    view.cap_spin.editingFinished.emit()
    assert services.get_settings(ws).max_marketing_cycles == 2
    view.ctx.undo_stack.undo()
    assert services.get_settings(ws).max_marketing_cycles is None


def test_an_undo_refused_meanwhile_says_why_and_leaves_the_stack(qtbot, view, ws, monkeypatch):
    """The initiative deleted behind the edit's back: undoing the edit is refused, the view says so (one wording
    for every undoable edit, ui/undo.py's report_refusal), and the step leaves the stack."""
    row = services.create_initiative(ws, "Spring webinar", starts_on=date(2026, 3, 2), ends_on=date(2026, 3, 6))
    refreshed(qtbot, view)
    view.select(row.id)
    answer_dialog(monkeypatch, lambda d: d.name_edit.setText("Spring webinar 2026") or False)
    view.edit_action.trigger()
    assert services.get_initiative(ws, row.id).name == "Spring webinar 2026"
    services.delete_initiative(ws, row.id)  # a colleague's merge, say
    view.ctx.undo_stack.undo()
    assert view.status.text().startswith("Could not undo or redo: ")
    assert view.ctx.undo_stack.count() == 0 and services.list_initiatives(ws) == []

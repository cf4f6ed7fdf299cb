"""A tactic that needs marketing support (Standards' tactic dialog) and starting a cycle over marketing's
capacity (the cycle editor asks once, and the override is recorded); asserted on the database."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from pdsa_desk.core import services
from pdsa_desk.core.models import CycleStatus
from pdsa_desk.ui.views.standards import TacticDialog
from tests.ui.test_cycles import rep_id
from tests.ui.test_cycles import view as cycles_view  # noqa: F401 - the Cycles view fixture
from tests.ui.test_standards import _select
from tests.ui.test_standards import view as standards_view  # noqa: F401 - the Standards view fixture


def test_the_tactic_dialog_records_marketing_support_and_the_effort(standards_view, monkeypatch,  # noqa: F811
                                                                    demo_ws) -> None:
    view = standards_view
    _select(view, "Lead captured")

    def exec_(dialog: TacticDialog) -> int:
        dialog.name_edit.setText("Webinar invitation in the first reply")
        assert not dialog.effort_edit.isEnabled()  # only asked for a tactic that needs marketing
        dialog.marketing_check.setChecked(True)
        dialog.effort_edit.setText("A monthly webinar and its landing page")
        assert dialog.try_accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TacticDialog, "exec", exec_)
    view.add_tactic()
    tactic = next(t for t in services.list_tactics(demo_ws) if t.name == "Webinar invitation in the first reply")
    assert (tactic.needs_marketing, tactic.marketing_effort) == (True, "A monthly webinar and its landing page")


@pytest.mark.parametrize("answer", ["Start anyway", "Cancel"])
def test_starting_over_marketings_capacity_asks_and_records_the_override(qtbot, cycles_view, demo_ws,  # noqa: F811
                                                                        monkeypatch, answer) -> None:
    view = cycles_view
    stage = next(s.id for s in services.list_stages(demo_ws) if s.name == "Lead captured")
    tactic = services.create_tactic(demo_ws, "Webinar invitation", stage_id=stage, needs_marketing=True,
                                    marketing_effort="One webinar a month")
    grace = rep_id(demo_ws, "Grace Kim")
    first = services.create_cycle(demo_ws, "Webinar A", from_stage_id=stage, owner_rep_id=grace,
                                  tactic_id=tactic.id, prediction_rate=0.5)
    services.start_cycle(demo_ws, first.id, confirm_over_cap=True)
    services.set_marketing_cap(demo_ws, 1)
    other = next(r.id for r in services.list_reps(demo_ws) if r.active and r.name not in ("Grace Kim",
                                                                                          "David Lindqvist"))
    new = services.create_cycle(demo_ws, "Webinar B", from_stage_id=stage, owner_rep_id=other, tactic_id=tactic.id,
                                prediction_rate=0.5)
    view.refresh()
    view.show_object(new.id)
    asked: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.windowTitle() + "\n" + box.text() + "\n" + box.informativeText())
        next(b for b in box.buttons() if b.text().replace("&", "") == answer).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    view.editor.next_button.click()
    assert len(asked) == 1 and "Webinar A" in asked[0] and "marketing" in asked[0].lower()
    cycle = services.get_cycle(demo_ws, new.id)
    if answer == "Start anyway":
        assert cycle.status == CycleStatus.DO and "marketing cap 1" in cycle.cap_override
    else:
        assert cycle.status == CycleStatus.PLAN and not cycle.cap_override


def test_changing_a_tactics_marketing_support_is_undone(standards_view, monkeypatch, demo_ws) -> None:  # noqa: F811
    view = standards_view
    _select(view, "Discovery held")
    tactic = next(t for t in services.list_tactics(demo_ws) if t.name.startswith("One-page business case"))
    view.tactics.tree.setCurrentIndex(view.tactic_model.find(tactic.id))

    def exec_(dialog: TacticDialog) -> int:
        assert not dialog.marketing_check.isChecked()
        dialog.marketing_check.setChecked(True)
        dialog.effort_edit.setText("A one-page template from marketing")
        assert dialog.try_accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TacticDialog, "exec", exec_)
    view.edit_tactic()
    changed = next(t for t in services.list_tactics(demo_ws) if t.id == tactic.id)
    assert (changed.needs_marketing, changed.marketing_effort) == (True, "A one-page template from marketing")
    view.ctx.undo_stack.undo()
    back = next(t for t in services.list_tactics(demo_ws) if t.id == tactic.id)
    assert (back.needs_marketing, back.marketing_effort) == (False, "")

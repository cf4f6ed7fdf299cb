"""Marketing's finite capacity: cycles whose tactic needs marketing are capped like reps' active cycles."""

from __future__ import annotations

import pytest
from sqlmodel import select

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.models import Cycle
from tests.core.test_services import refused


def _setup(ws: Workspace) -> tuple[str, list[str], str]:
    stage = sv.create_stage(ws, "Lead").id
    sv.create_stage(ws, "Qualified")
    reps = [sv.create_rep(ws, name).id for name in ("Ana", "Ben", "Cleo", "Dan")]
    webinar = sv.create_tactic(ws, "Webinar invite", stage_id=stage, needs_marketing=True,
                               marketing_effort="  One landing page  ").id
    return stage, reps, webinar


def _cycle(ws: Workspace, title: str, stage: str, rep: str, tactic: str | None) -> str:
    return sv.create_cycle(ws, title, from_stage_id=stage, owner_rep_id=rep, tactic_id=tactic,
                           prediction_rate=0.4).id


def test_tactic_records_what_marketing_is_asked(ws: Workspace) -> None:
    _, _, webinar = _setup(ws)
    tactic = next(t for t in sv.list_tactics(ws) if t.id == webinar)
    assert (tactic.needs_marketing, tactic.marketing_effort) == (True, "One landing page")
    tactic = sv.update_tactic(ws, webinar, needs_marketing=False, marketing_effort="")
    assert (tactic.needs_marketing, tactic.marketing_effort) == (False, "")
    refused(ws, sv.update_tactic, webinar, marketing_effort="x" * 2001, text="too long", field="marketing_effort")


def test_marketing_cap_refuses_unless_confirmed_and_records_the_override(ws: Workspace) -> None:
    stage, (ana, ben, cleo, dan), webinar = _setup(ws)
    sv.set_marketing_cap(ws, 1)
    first = _cycle(ws, "Webinar A", stage, ana, webinar)
    sv.start_cycle(ws, first)
    plain = _cycle(ws, "No marketing needed", stage, ben, None)
    assert sv.start_cycle(ws, plain).cap_override == ""  # not counted: its tactic asks nothing of marketing
    second = _cycle(ws, "Webinar B", stage, cleo, webinar)
    error = refused(ws, sv.start_cycle, second, text="Over marketing's limit of 1 cycles needing marketing support",
                    field="tactic_id", exc=sv.CapExceeded)
    assert isinstance(error, sv.CapExceeded)
    assert (error.reps, error.marketing, error.marketing_cap) == ((), ("Webinar A",), 1)
    started = sv.start_cycle(ws, second, confirm_over_cap=True)
    assert started.status == "do" and started.cap_override == "marketing cap 1: Webinar A"
    sv.set_marketing_cap(ws, None)  # no cap: nothing to confirm
    assert sv.start_cycle(ws, _cycle(ws, "Webinar C", stage, dan, webinar)).cap_override == ""


def test_both_caps_in_one_question_and_one_record(ws: Workspace) -> None:
    stage, (ana, *_), webinar = _setup(ws)
    sv.update_settings(ws, max_active_cycles_per_rep=1)
    sv.set_marketing_cap(ws, 1)
    sv.start_cycle(ws, _cycle(ws, "Webinar A", stage, ana, webinar))
    second = _cycle(ws, "Webinar B", stage, ana, webinar)
    with pytest.raises(sv.CapExceeded) as info:
        sv.start_cycle(ws, second)
    assert str(info.value) == (
        "Over the limit of 1 active cycles per rep: Ana (1 active). Over marketing's limit of 1 cycles needing "
        "marketing support at once: 'Webinar A' already runs. Confirm to start anyway.")
    assert info.value.field == "participants"
    sv.start_cycle(ws, second, confirm_over_cap=True)
    with ws.session() as s:
        row = s.exec(select(Cycle).where(Cycle.id == second)).one()
    assert row.cap_override == "per-rep cap 1: Ana (1 active); marketing cap 1: Webinar A"


def test_closed_and_planned_marketing_cycles_do_not_count(ws: Workspace) -> None:
    stage, (ana, ben, cleo, _), webinar = _setup(ws)
    sv.set_marketing_cap(ws, 1)
    _cycle(ws, "Only planned", stage, ana, webinar)
    done = _cycle(ws, "Done", stage, ben, webinar)
    sv.start_cycle(ws, done)
    sv.advance_cycle(ws, done, early_reason="stopped early for the test")
    sv.update_cycle(ws, done, study_interpretation="Nothing to see")
    sv.advance_cycle(ws, done)
    sv.decide_cycle(ws, done, "abandon", "did not help", early_reason="stopped early for the test")
    assert sv.start_cycle(ws, _cycle(ws, "Now", stage, cleo, webinar)).cap_override == ""

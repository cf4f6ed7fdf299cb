"""Taking edits back (core/services/reversals.py), the closed-cycle rule, and the board-move rules
(same stage refused, WIP limit confirmed and recorded), on real SQLite workspaces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Cycle, CycleStatus, Stage, StageEvent, TacticStatus

WHY = "the test says so"


def _stages(ws: Workspace) -> list[Stage]:
    return [sv.create_stage(ws, name) for name in ("Lead", "Discovery", "Proposal")]


def _cycle(ws: Workspace, *, tactic: bool = True) -> tuple[Cycle, str | None]:
    lead = _stages(ws)[0]
    rep = sv.create_rep(ws, "Ana")
    tactic_id = sv.create_tactic(ws, "Agenda first", stage_id=lead.id).id if tactic else None
    cycle = sv.create_cycle(ws, "Try it", from_stage_id=lead.id, owner_rep_id=rep.id, tactic_id=tactic_id,
                            prediction_rate=0.4, min_sample_size=5)
    return cycle, tactic_id


def _decided(ws: Workspace, decision: str) -> tuple[Cycle, sv.Lifecycle, sv.Lifecycle]:
    cycle, _tactic = _cycle(ws)
    sv.start_cycle(ws, cycle.id)
    sv.add_observation(ws, cycle.id, "Customers liked the agenda")
    sv.advance_cycle(ws, cycle.id, early_reason=WHY)
    sv.update_cycle(ws, cycle.id, study_interpretation="Looks good")
    before = sv.cycle_lifecycle(ws, cycle.id)
    sv.decide_cycle(ws, cycle.id, decision, "Because", early_reason=WHY)
    return cycle, before, sv.cycle_lifecycle(ws, cycle.id)


def test_a_closed_cycles_observation_cannot_be_deleted(ws: Workspace) -> None:
    """The issue's bug: after deciding, Ctrl+Z tombstoned an observation of the closed cycle."""
    cycle, _before, _after = _decided(ws, "abandon")
    (obs,) = sv.observations(ws, cycle.id)
    with pytest.raises(ValidationError, match="is decided: its log is part of the record"):
        sv.delete_observation(ws, obs.id)
    assert [o.id for o in sv.observations(ws, cycle.id)] == [obs.id]


@pytest.mark.parametrize("decision", ["adopt", "adapt", "abandon"])
def test_a_decision_is_undone_and_redone_as_a_whole(ws: Workspace, decision: str) -> None:
    cycle, before, after = _decided(ws, decision)
    tactic_after = sv.list_tactics(ws)[0].status
    assert (after.child_id is not None) == (decision == "adapt")
    sv.restore_lifecycle(ws, cycle.id, after, before)
    back = sv.get_cycle(ws, cycle.id)
    assert back.status == CycleStatus.STUDY and back.decision is None and back.decided_at is None
    assert sv.list_tactics(ws)[0].status == TacticStatus.TESTING
    assert len(sv.list_cycles(ws)) == 1  # the planned ramp cycle went with the decision
    assert len(sv.observations(ws, cycle.id)) == 1  # the log stays
    sv.restore_lifecycle(ws, cycle.id, before, after)
    again = sv.get_cycle(ws, cycle.id)
    assert again.status == CycleStatus.CLOSED and again.decision == decision
    assert again.decided_at == after.decided_at
    assert sv.list_tactics(ws)[0].status == tactic_after
    assert {c.id for c in sv.list_cycles(ws)} == {cycle.id} | ({after.child_id} if after.child_id else set())


def test_a_decision_whose_ramp_cycle_started_stays(ws: Workspace) -> None:
    cycle, before, after = _decided(ws, "adapt")
    assert after.child_id is not None
    sv.start_cycle(ws, after.child_id)
    with pytest.raises(ValidationError, match="has started or has observations"):
        sv.restore_lifecycle(ws, cycle.id, after, before)
    assert sv.get_cycle(ws, cycle.id).status == CycleStatus.CLOSED


def test_start_and_move_on_are_undone_exactly(ws: Workspace) -> None:
    cycle, _tactic = _cycle(ws)
    plan = sv.cycle_lifecycle(ws, cycle.id)
    sv.start_cycle(ws, cycle.id)
    do = sv.cycle_lifecycle(ws, cycle.id)
    sv.advance_cycle(ws, cycle.id, early_reason=WHY)
    study = sv.cycle_lifecycle(ws, cycle.id)
    assert study.early_study_reason == WHY
    sv.restore_lifecycle(ws, cycle.id, study, do)
    assert sv.cycle_lifecycle(ws, cycle.id) == do
    sv.restore_lifecycle(ws, cycle.id, do, plan)
    assert sv.cycle_lifecycle(ws, cycle.id) == plan
    assert sv.get_cycle(ws, cycle.id).started_at is None
    # A step taken back twice (the workspace moved on) is refused, not replayed.
    with pytest.raises(ValidationError, match="changed since this step"):
        sv.restore_lifecycle(ws, cycle.id, do, plan)


def test_new_cycle_tactic_and_stage_are_taken_back_and_brought_back(ws: Workspace) -> None:
    cycle, tactic_id = _cycle(ws)
    assert sv.tactic_state(ws, tactic_id) == sv.TacticState(tactic_id or "", TacticStatus.TESTING, None)
    assert sv.tactic_state(ws, None) is None
    sv.take_back_created_cycle(ws, cycle.id, sv.TacticState(tactic_id or "", TacticStatus.IDEA, None))
    assert sv.list_cycles(ws) == [] and sv.list_tactics(ws)[0].status == TacticStatus.IDEA
    sv.restore_created_cycle(ws, cycle.id, sv.TacticState(tactic_id or "", TacticStatus.TESTING, None))
    assert [c.id for c in sv.list_cycles(ws)] == [cycle.id]
    assert [r.name for r in sv.participants(ws, cycle.id)] == ["Ana"]
    with pytest.raises(ValidationError, match="is tested in a cycle"):
        sv.take_back_created_tactic(ws, tactic_id or "")
    spare = sv.create_tactic(ws, "Spare")
    sv.take_back_created_tactic(ws, spare.id)
    assert [t.name for t in sv.list_tactics(ws)] == ["Agenda first"]
    sv.restore_created_tactic(ws, spare.id)
    assert [t.name for t in sv.list_tactics(ws)] == ["Agenda first", "Spare"]

    middle = sv.create_stage(ws, "Budget shared", position=1)
    sv.take_back_created_stage(ws, middle.id)
    assert [s.name for s in sv.list_stages(ws)] == ["Lead", "Discovery", "Proposal"]
    assert [s.position for s in sv.list_stages(ws)] == [0, 1, 2]
    sv.restore_created_stage(ws, middle.id)
    assert [s.name for s in sv.list_stages(ws)] == ["Lead", "Budget shared", "Discovery", "Proposal"]
    with pytest.raises(ValidationError, match="in use"):
        sv.take_back_created_stage(ws, sv.list_stages(ws)[0].id)  # the cycle starts there


def test_moving_into_the_current_stage_is_refused(ws: Workspace) -> None:
    lead, discovery, _proposal = _stages(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=datetime.now(UTC) - timedelta(days=3))
    with pytest.raises(ValidationError, match="is already in 'Lead'") as refused:
        sv.move_opportunity(ws, opp.id, lead.id)
    assert refused.value.field == "stage_id"
    sv.move_opportunity(ws, opp.id, discovery.id)
    with pytest.raises(ValidationError, match="already in 'Discovery'"):
        sv.move_opportunity(ws, opp.id, discovery.id)
    assert len(sv.history(ws, opp.id)) == 2


def test_a_move_over_the_wip_limit_needs_confirming_and_is_recorded(ws: Workspace) -> None:
    lead, discovery, _proposal = _stages(ws)
    sv.update_stage(ws, discovery.id, wip_limit=2)
    opened = datetime.now(UTC) - timedelta(days=3)
    opps = [sv.create_opportunity(ws, f"Deal {i}", stage_id=lead.id, opened_at=opened) for i in range(4)]
    first = sv.move_opportunity(ws, opps[0].id, discovery.id, wip_override=False)
    second = sv.move_opportunity(ws, opps[1].id, discovery.id, wip_override=True)  # up to the limit: no override
    assert not first.event.wip_override and not second.event.wip_override
    sv.mark_lost(ws, opps[1].id, sv.list_loss_reasons(ws)[0].id)  # closed deals do not count
    sv.move_opportunity(ws, opps[2].id, discovery.id, wip_override=False)
    with pytest.raises(sv.WipLimitReached) as refused:
        sv.move_opportunity(ws, opps[3].id, discovery.id, wip_override=False)
    assert (refused.value.stage_name, refused.value.count, refused.value.limit) == ("Discovery", 2, 2)
    assert len(sv.history(ws, opps[3].id)) == 1
    move = sv.move_opportunity(ws, opps[3].id, discovery.id, wip_override=True)
    with ws.session() as s:
        stored = s.get(StageEvent, move.event.id)
        assert stored is not None and stored.wip_override is True
    unchecked = sv.create_opportunity(ws, "Back-dated", stage_id=lead.id, opened_at=opened)
    assert sv.move_opportunity(ws, unchecked.id, discovery.id).event.wip_override is False  # None: not checked


@pytest.mark.parametrize("make", [
    lambda ws: sv.create_stage(ws, "S" * 201),
    lambda ws: sv.create_tactic(ws, "T" * 201),
    lambda ws: sv.create_loss_reason(ws, "L" * 201),
    lambda ws: sv.create_rep(ws, "R" * 201),
])
def test_every_name_has_the_same_limit_and_is_refused_not_cut(ws: Workspace, make) -> None:
    with pytest.raises(ValidationError, match=r"too long \(201 characters; at most 200\)") as refused:
        make(ws)
    assert refused.value.field == "name"


def test_an_observation_over_the_limit_is_refused_whole(ws: Workspace) -> None:
    cycle, _tactic = _cycle(ws)
    sv.add_observation(ws, cycle.id, "x" * sv.OBSERVATION_MAX_LENGTH)
    with pytest.raises(ValidationError, match=r"at most 10,000 characters \(this one has 10,001\)") as refused:
        sv.add_observation(ws, cycle.id, "x" * (sv.OBSERVATION_MAX_LENGTH + 1))
    assert refused.value.field == "text"
    assert [len(o.text) for o in sv.observations(ws, cycle.id)] == [10_000]

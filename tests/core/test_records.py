"""Keeping records in the app: teams and reps switched off and on, opportunities corrected, loss reasons in
order, tactics and cycles archived or deleted as tombstones and brought back (services/records.py and
services/opportunity_edits.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from pdsa_desk.core import services as sv
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError

T0 = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)


def rows(ws: Workspace, query: str, **params) -> list[tuple]:
    with ws.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(query), params)]


@pytest.fixture
def pipeline(ws: Workspace) -> Workspace:
    sv.ensure_defaults(ws)
    for name in ("Lead", "Qualified", "Won"):
        sv.create_stage(ws, name, terminal="won" if name == "Won" else "none")
    return ws


def test_a_team_with_active_reps_is_not_deactivated_and_an_inactive_one_takes_no_new_reps(ws) -> None:
    north = sv.create_team(ws, "North")
    south = sv.create_team(ws, "South")
    ann = sv.create_rep(ws, "Ann", team_id=north.id)
    with pytest.raises(ValidationError) as err:
        sv.set_team_active(ws, north.id, False)
    assert err.value.field == "active" and "1 active rep" in err.value.message
    sv.update_rep(ws, ann.id, team_id=south.id)  # move her
    sv.set_team_active(ws, north.id, False)
    assert [t.name for t in sv.list_all_teams(ws, include_inactive=False)] == ["South"]
    assert [t.name for t in sv.list_all_teams(ws)] == ["North", "South"]  # kept, with its history
    with pytest.raises(ValidationError) as err:
        sv.create_rep(ws, "Bo", team_id=north.id)
    assert err.value.field == "team_id" and "inactive" in err.value.message
    with pytest.raises(ValidationError):
        sv.update_rep(ws, ann.id, team_id=north.id)
    sv.set_team_active(ws, north.id, True)
    assert sv.create_rep(ws, "Bo", team_id=north.id).team_id == north.id


def test_deleted_rows_come_back_unless_their_name_was_taken(ws) -> None:
    team = sv.create_team(ws, "North")
    sv.delete_team(ws, team.id)
    sv.restore_team(ws, team.id)
    assert [t.name for t in sv.list_teams(ws)] == ["North"]
    rep = sv.create_rep(ws, "Ann")
    sv.delete_rep(ws, rep.id)
    sv.create_rep(ws, "ann")
    with pytest.raises(ValidationError, match="already exists"):
        sv.restore_rep(ws, rep.id)


def test_loss_reasons_are_reordered_and_a_deleted_one_comes_back_in_its_place(ws) -> None:
    sv.ensure_defaults(ws)
    reasons = sv.list_loss_reasons(ws)
    order = [r.id for r in reversed(reasons)]
    sv.reorder_loss_reasons(ws, order)
    assert [r.id for r in sv.list_loss_reasons(ws)] == order
    with pytest.raises(ValidationError, match="exactly once"):
        sv.reorder_loss_reasons(ws, order[:-1])
    middle = order[1]
    sv.delete_loss_reason(ws, middle)
    assert middle not in [r.id for r in sv.list_loss_reasons(ws)]
    sv.restore_loss_reason(ws, middle)
    assert [r.id for r in sv.list_loss_reasons(ws)] == order


def test_edit_opportunity_changes_every_field_in_one_transaction(pipeline) -> None:
    ws = pipeline
    ann = sv.create_rep(ws, "Ann")
    lead = sv.list_stages(ws)[0]
    opp = sv.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=T0)
    sv.edit_opportunity(ws, opp.id, name=" Acme GmbH ", rep_id=ann.id, amount="12500.5", channel="partner",
                        source="Fair 2026", opened_at=T0 - timedelta(days=3))
    values = sv.opportunity_values(ws, opp.id)
    assert (values.name, values.rep_id, values.amount, values.channel, values.source) == (
        "Acme GmbH", ann.id, 12500.5, "partner", "Fair 2026")
    assert values.opened_at == T0 - timedelta(days=3) and values.first_move_at == T0
    # a refused field leaves everything as it was, and names the field
    for kwargs, field in (({"name": " "}, "name"), ({"amount": "-1"}, "amount"),
                          ({"opened_at": T0 + timedelta(days=1)}, "opened_at"),
                          ({"channel": "x" * 201}, "channel"), ({"outcome": "lost"}, "loss_reason_id")):
        with pytest.raises(ValidationError) as err:
            sv.edit_opportunity(ws, opp.id, **({"rep_id": None} | kwargs))
        assert err.value.field == field
    assert sv.opportunity_values(ws, opp.id).rep_id == ann.id


def test_close_lost_with_reason_then_reopen_and_the_won_stage_rule(pipeline) -> None:
    ws = pipeline
    stages = sv.list_stages(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=stages[0].id, opened_at=T0)
    reason = sv.list_loss_reasons(ws)[0]
    closed = T0 + timedelta(days=5)
    sv.edit_opportunity(ws, opp.id, outcome="lost", loss_reason_id=reason.id, closed_at=closed)
    assert rows(ws, "SELECT outcome, loss_reason_id FROM opportunity WHERE id = :i", i=opp.id) == [
        ("lost", reason.id)]
    assert sv.opportunity_values(ws, opp.id).closed_at == closed
    with pytest.raises(ValidationError) as err:
        sv.edit_opportunity(ws, opp.id, outcome="won", closed_at=T0 - timedelta(days=1))
    assert err.value.field == "closed_at"
    sv.edit_opportunity(ws, opp.id, outcome="open")
    assert rows(ws, "SELECT outcome, loss_reason_id, closed_at FROM opportunity WHERE id = :i", i=opp.id) == [
        ("open", None, None)]
    sv.move_opportunity(ws, opp.id, stages[2].id, entered_at=T0 + timedelta(days=9))  # into Won
    with pytest.raises(ValidationError) as err:
        sv.edit_opportunity(ws, opp.id, outcome="open")
    assert err.value.field == "outcome" and "undo that move" in err.value.message
    assert check_workspace(ws) == []


def test_a_deleted_opportunity_comes_back_with_exactly_the_moves_deleted_with_it(pipeline) -> None:
    ws = pipeline
    stages = sv.list_stages(ws)
    opp = sv.create_opportunity(ws, "Acme", stage_id=stages[0].id, opened_at=T0)
    move = sv.move_opportunity(ws, opp.id, stages[1].id, entered_at=T0 + timedelta(days=1))
    sv.undo_move(ws, move)  # deleted earlier: stays deleted
    sv.delete_opportunity(ws, opp.id)
    assert rows(ws, "SELECT count(*) FROM stage_event WHERE deleted_at IS NULL") == [(0,)]
    sv.restore_opportunity(ws, opp.id)
    assert [e.stage_id for e in sv.history(ws, opp.id)] == [stages[0].id]


def test_archive_and_delete_tactics_and_cycles_as_tombstones(pipeline) -> None:
    ws = pipeline
    stages = sv.list_stages(ws)
    tactic = sv.create_tactic(ws, "Agenda first", stage_id=stages[0].id)
    sv.set_tactic_archived(ws, tactic.id, True)
    assert rows(ws, "SELECT archived_at IS NOT NULL FROM tactic") == [(1,)]
    assert [t.name for t in sv.list_tactics(ws, include_archived=False)] == []
    assert [t.name for t in sv.list_tactics(ws)] == ["Agenda first"]
    sv.set_tactic_archived(ws, tactic.id, False)
    assert rows(ws, "SELECT archived_at FROM tactic") == [(None,)]

    ann = sv.create_rep(ws, "Ann")
    cycle = sv.create_cycle(ws, "Try it", from_stage_id=stages[0].id, owner_rep_id=ann.id, tactic_id=tactic.id,
                            planned_start=date(2026, 10, 5))
    assert not sv.cycle_deletion(ws, cycle.id).needs_confirmation
    sv.set_cycle_archived(ws, cycle.id, True)
    assert sv.list_cycles(ws, include_archived=False) == []
    sv.set_cycle_archived(ws, cycle.id, False)
    sv.update_cycle(ws, cycle.id, prediction_rate=0.5)
    sv.start_cycle(ws, cycle.id)
    early = sv.add_observation(ws, cycle.id, "Deleted before")
    sv.delete_observation(ws, early.id)
    sv.add_observation(ws, cycle.id, "Two calls booked")
    facts = sv.cycle_deletion(ws, cycle.id)
    assert facts.needs_confirmation and facts.observations == 1 and not facts.continued
    sv.delete_cycle(ws, cycle.id)
    assert rows(ws, "SELECT count(*) FROM cycle WHERE deleted_at IS NOT NULL") == [(1,)]  # a tombstone
    sv.restore_cycle(ws, cycle.id)
    assert [o.text for o in sv.observations(ws, cycle.id)] == ["Two calls booked"]
    assert [r.name for r in sv.participants(ws, cycle.id)] == ["Ann"]
    assert check_workspace(ws) == []


def test_an_archived_cycle_leaves_the_agenda_and_comes_back_when_restored(demo_ws) -> None:
    from pdsa_desk.core.agenda import build_agenda

    at = datetime(2026, 11, 24, 18, tzinfo=UTC)
    anchoring = next(c for c in sv.list_cycles(demo_ws) if c.title == "Anchoring budget with peers")

    def titles() -> list[str]:
        return [i.title for i in build_agenda(demo_ws, as_of=at).items]

    assert any(t.startswith("Anchoring budget with peers") for t in titles())
    sv.set_cycle_archived(demo_ws, anchoring.id, True)
    assert not any(t.startswith("Anchoring budget with peers") for t in titles())
    sv.set_cycle_archived(demo_ws, anchoring.id, False)
    assert any(t.startswith("Anchoring budget with peers") for t in titles())

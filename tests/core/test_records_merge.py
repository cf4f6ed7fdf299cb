"""Records kept in the app travel through bundles: an archived tactic or cycle, a deleted cycle (a tombstone
with its observations), a deleted opportunity with its moves, a deactivated team, reordered loss reasons.
And a restore on the laptop, newer than the manager's copy, revives the row there too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from pdsa_desk.core import services as sv
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.exchange import export_bundle, export_definitions, merge_bundle

T0 = datetime(2026, 11, 2, 9, tzinfo=UTC)


def one(ws: Workspace, query: str, **params) -> tuple:
    with ws.engine.connect() as conn:
        return tuple(conn.execute(text(query), params).one())


def test_archives_deletes_and_restores_travel_through_a_bundle(tmp_path: Path) -> None:
    manager = open_workspace(tmp_path / "manager.sqlite")
    sv.update_settings(manager, name="Manager")
    for name in ("Lead", "Qualified"):
        sv.create_stage(manager, name)
    north = sv.create_team(manager, "North")
    sv.create_team(manager, "South")
    sv.create_rep(manager, "Ann", team_id=north.id)
    sv.create_tactic(manager, "Call within an hour", stage_id=sv.list_stages(manager)[0].id)
    export_definitions(manager, tmp_path / "standards.pdsa")
    laptop = open_workspace(tmp_path / "ann.sqlite")
    try:
        sv.update_settings(laptop, name="Ann's laptop")
        merge_bundle(laptop, tmp_path / "standards.pdsa", map_by_name=True)
        stages = sv.list_stages(laptop)
        ann = next(r for r in sv.list_reps(laptop) if r.name == "Ann")
        tactic = sv.list_tactics(laptop)[0]
        kept = sv.create_cycle(laptop, "Kept but archived", from_stage_id=stages[0].id, owner_rep_id=ann.id,
                               tactic_id=tactic.id, prediction_rate=0.4)
        doomed = sv.create_cycle(laptop, "Duplicate by mistake", from_stage_id=stages[0].id, owner_rep_id=ann.id,
                                 prediction_rate=0.4)
        sv.add_observation(laptop, doomed.id, "typed into the wrong cycle")
        opp = sv.create_opportunity(laptop, "Test entry", rep_id=ann.id, stage_id=stages[0].id, opened_at=T0)
        sv.move_opportunity(laptop, opp.id, stages[1].id, entered_at=T0 + timedelta(days=1))
        export_bundle(laptop, tmp_path / "1.pdsa")
        merge_bundle(manager, tmp_path / "1.pdsa")
        assert one(manager, "SELECT count(*) FROM cycle WHERE deleted_at IS NULL") == (2,)

        # Ann tidies up offline
        sv.set_cycle_archived(laptop, kept.id, True)
        sv.set_tactic_archived(laptop, tactic.id, True)
        sv.delete_cycle(laptop, doomed.id)
        sv.delete_opportunity(laptop, opp.id)
        south = next(t for t in sv.list_teams(laptop) if t.name == "South")
        sv.set_team_active(laptop, south.id, False)
        reasons = [r.id for r in sv.list_loss_reasons(laptop)]
        sv.reorder_loss_reasons(laptop, list(reversed(reasons)))
        export_bundle(laptop, tmp_path / "2.pdsa")
        merge_bundle(manager, tmp_path / "2.pdsa")

        assert one(manager, "SELECT archived_at IS NOT NULL FROM cycle WHERE id = :i", i=kept.id) == (1,)
        assert one(manager, "SELECT archived_at IS NOT NULL FROM tactic WHERE id = :i", i=tactic.id) == (1,)
        assert one(manager, "SELECT deleted_at IS NOT NULL FROM cycle WHERE id = :i", i=doomed.id) == (1,)
        assert one(manager, "SELECT count(*) FROM cycle_observation WHERE cycle_id = :i AND deleted_at IS NULL",
                   i=doomed.id) == (0,)
        assert one(manager, "SELECT deleted_at IS NOT NULL FROM opportunity WHERE id = :i", i=opp.id) == (1,)
        assert one(manager, "SELECT count(*) FROM stage_event WHERE opportunity_id = :i AND deleted_at IS NULL",
                   i=opp.id) == (0,)
        assert one(manager, "SELECT active FROM team WHERE name = 'South'") == (0,)
        assert [r.id for r in sv.list_loss_reasons(manager)] == list(reversed(reasons))
        assert sv.list_cycles(manager, include_archived=False) == []

        # the delete was a mistake: undone on the laptop (a newer version), the restore travels too
        sv.restore_cycle(laptop, doomed.id)
        sv.restore_opportunity(laptop, opp.id)
        export_bundle(laptop, tmp_path / "3.pdsa")
        merge_bundle(manager, tmp_path / "3.pdsa")
        assert [o.text for o in sv.observations(manager, doomed.id)] == ["typed into the wrong cycle"]
        assert len(sv.history(manager, opp.id)) == 2
        assert check_workspace(manager) == []
    finally:
        laptop.close()
        manager.close()

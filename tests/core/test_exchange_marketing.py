"""Initiatives and forecasts travel in bundles; their team, rep and stage follow the merge's name mapping."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from pdsa_desk.core import services as sv
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.exchange import export_bundle, merge_bundle
from pdsa_desk.core.forecasts import forecast_actuals

MADE = datetime(2026, 9, 20, 9, tzinfo=UTC)


def test_marketing_records_follow_mapped_definitions(tmp_path: Path) -> None:
    manager = open_workspace(tmp_path / "manager.sqlite")
    for name in ("Lead", "Qualified"):
        sv.create_stage(manager, name)
    east = sv.create_team(manager, "East")
    ann = sv.create_rep(manager, "Ann", team_id=east.id)

    # A laptop that never merged the manager's standards: same names, its own UUIDs.
    laptop = open_workspace(tmp_path / "laptop.sqlite")
    lead = sv.create_stage(laptop, "lead")
    sv.create_stage(laptop, "Qualified")
    team = sv.create_team(laptop, "East")
    rep = sv.create_rep(laptop, "ann", team_id=team.id)
    q4 = sv.quarter_period(2026, 4)
    by_rep = sv.create_forecast(laptop, "Ann", period_start=q4[0], period_end=q4[1], metric="stage_entries",
                                stage_id=lead.id, scope_kind="rep", rep_id=rep.id, value=12, made_at=MADE)
    by_team = sv.create_forecast(laptop, "Mia", role="marketing", period_start=q4[0], period_end=q4[1],
                                 metric="leads", scope_kind="team", team_id=team.id, value=40, made_at=MADE)
    push = sv.create_initiative(laptop, "Autumn webinar", starts_on=date(2026, 10, 5), ends_on=date(2026, 10, 30),
                                channel="Inbound web", stage_id=lead.id, talking_points="Mention the webinar")
    bundle = tmp_path / "laptop.pdsa"
    export_bundle(laptop, bundle)
    laptop.close()

    report = merge_bundle(manager, bundle, map_by_name=True)
    assert {m.what for m in report.mapped} >= {"stage", "team", "rep"}
    assert report.tables["forecast"].added == 2 and report.tables["marketing_initiative"].added == 1
    manager_lead = sv.list_stages(manager)[0]
    forecasts = {f.id: f for f in sv.list_forecasts(manager)}
    assert (forecasts[by_rep.id].rep_id, forecasts[by_rep.id].stage_id) == (ann.id, manager_lead.id)
    assert forecasts[by_team.id].team_id == east.id
    (initiative,) = sv.list_initiatives(manager)
    assert (initiative.id, initiative.stage_id, initiative.talking_points) == (push.id, manager_lead.id,
                                                                               "Mention the webinar")
    assert {a.scope for a in forecast_actuals(manager, as_of=MADE)} == {"Ann", "East"}
    assert check_workspace(manager) == []

    # Idempotent: the same bundle again changes nothing.
    again = merge_bundle(manager, bundle)
    assert not again.changed
    manager.close()

"""The demo workspace: deterministic, realistic in shape, and healthy."""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from pdsa_desk.core import services
from pdsa_desk.core.check import check_workspace
from pdsa_desk.core.demo import write_demo
from pdsa_desk.core.errors import WorkspaceError

TABLES = ("team", "rep", "stage", "standard_revision", "tactic", "cycle", "cycle_participant",
          "cycle_observation", "opportunity", "stage_event")


def _dump(path: Path) -> dict[str, list[tuple]]:
    """Every row the demo writes. Loss reasons are seeded by the new workspace with their own
    UUIDs, so opportunities are compared through the reason's name."""
    con = sqlite3.connect(path)
    try:
        dump = {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}
        dump["opportunity_reason"] = con.execute(
            "SELECT o.id, r.name FROM opportunity o LEFT JOIN loss_reason r ON r.id = o.loss_reason_id ORDER BY o.id"
        ).fetchall()
        cols = [c[1] for c in con.execute("PRAGMA table_info(opportunity)")]
        k = cols.index("loss_reason_id")
        dump["opportunity"] = [row[:k] + row[k + 1:] for row in dump["opportunity"]]
        return dump
    finally:
        con.close()


def test_same_seed_same_workspace(tmp_path: Path, demo_file: Path) -> None:
    again = tmp_path / "again.sqlite"
    write_demo(again, as_of=date(2026, 11, 24))
    assert _dump(again) == _dump(demo_file)


def test_other_seed_other_workspace(tmp_path: Path, demo_file: Path) -> None:
    other = tmp_path / "other.sqlite"
    write_demo(other, seed=8, as_of=date(2026, 11, 24))
    assert _dump(other)["opportunity"] != _dump(demo_file)["opportunity"]


def test_shape(demo_ws) -> None:
    stages = services.list_stages(demo_ws)
    assert len(stages) == 7
    assert stages[0].name == "Pre-qualified by marketing" and stages[1].name == "Lead captured"
    assert stages[-1].name == "Won" and stages[-1].terminal == "won"
    assert all(s.standard and s.checklist for s in stages)
    assert len(services.list_teams(demo_ws)) == 2
    reps = services.list_reps(demo_ws)
    assert len(reps) == 8 and all(r.team_id for r in reps)
    with demo_ws.engine.connect() as conn:
        n_opp = conn.exec_driver_sql("SELECT count(*) FROM opportunity").scalar()
        outcomes = dict(conn.exec_driver_sql("SELECT outcome, count(*) FROM opportunity GROUP BY outcome").all())
        span = conn.exec_driver_sql("SELECT julianday(max(opened_at)) - julianday(min(opened_at)) "
                                    "FROM opportunity").scalar()
        lost_without_reason = conn.exec_driver_sql(
            "SELECT count(*) FROM opportunity WHERE outcome='lost' AND loss_reason_id IS NULL").scalar()
        rates = conn.exec_driver_sql(
            "SELECT o.rep_id, avg(o.outcome = 'won') FROM opportunity o WHERE o.outcome <> 'open' "
            "GROUP BY o.rep_id").all()
    assert 4000 <= n_opp <= 6500
    assert set(outcomes) == {"open", "won", "lost"}
    assert span > 700
    assert lost_without_reason == 0
    assert max(r for _, r in rates) - min(r for _, r in rates) > 0.02, "reps should differ in skill"


def test_cycles_tactics_and_ramp(demo_ws) -> None:
    cycles = services.list_cycles(demo_ws)
    assert len(cycles) >= 6
    statuses = Counter(c.status for c in cycles)
    assert {"plan", "do", "study", "act", "closed"} <= set(statuses)
    decisions = {c.decision for c in cycles if c.decision}
    assert {"adopt", "adapt", "abandon"} <= decisions
    tactics = services.list_tactics(demo_ws)
    assert {"idea", "testing", "standard work", "retired"} <= {t.status for t in tactics}
    ramps = [services.ramp(demo_ws, c.id) for c in cycles if c.parent_id is None]
    assert max(len(chain) for chain in ramps) == 3
    assert all(services.participants(demo_ws, c.id) for c in cycles)
    assert any(services.observations(demo_ws, c.id) for c in cycles)


def test_budget_standard_was_revised(demo_ws) -> None:
    budget = next(s for s in services.list_stages(demo_ws) if s.name == "Budget shared")
    revisions = services.stage_revisions(demo_ws, budget.id)
    assert len(revisions) == 2
    assert revisions[-1].standard == budget.standard != revisions[0].standard


def test_demo_is_healthy(demo_ws) -> None:
    assert check_workspace(demo_ws) == []


def test_demo_refuses_an_existing_file(demo_file: Path) -> None:
    before = demo_file.read_bytes()
    with pytest.raises(WorkspaceError, match="already exists"):
        write_demo(demo_file)
    assert demo_file.read_bytes() == before


@pytest.mark.parametrize(("reps", "weeks"), [(1, 104), (8, 5)])
def test_demo_validates_its_size(tmp_path: Path, reps: int, weeks: int) -> None:
    with pytest.raises(WorkspaceError, match="demo needs"):
        write_demo(tmp_path / "x.sqlite", reps=reps, weeks=weeks)
    assert not (tmp_path / "x.sqlite").exists()


def test_demo_scales_with_reps_and_weeks(tmp_path: Path) -> None:
    summary = write_demo(tmp_path / "big.sqlite", reps=12, weeks=30, as_of=date(2026, 11, 24))
    assert summary.reps == 12
    assert 12 * 30 * 3 < summary.opportunities < 12 * 31 * 8


@pytest.mark.parametrize("reps", [2, 3, 5])
def test_demo_with_fewer_reps_than_the_story_names(tmp_path: Path, reps: int) -> None:
    path = tmp_path / "small.sqlite"
    summary = write_demo(path, reps=reps, weeks=26, as_of=date(2026, 11, 24))
    assert summary.reps == reps and summary.cycles == 8
    from pdsa_desk.core.database import open_workspace

    ws = open_workspace(path)
    try:
        assert check_workspace(ws) == []
        assert {len([r for r in services.list_reps(ws) if r.team_id == t.id]) > 0 for t in services.list_teams(ws)} \
            == {True}
        assert all(services.participants(ws, c.id) for c in services.list_cycles(ws))
    finally:
        ws.close()


def test_demo_refuses_a_workspace_without_loss_reasons(tmp_path: Path) -> None:
    """A lost deal has a loss reason (core/rules.py): without any, the demo writes nothing."""
    from pdsa_desk.core.database import open_workspace

    ws = open_workspace(tmp_path / "bare.sqlite")
    try:
        for reason in services.list_loss_reasons(ws):
            services.delete_loss_reason(ws, reason.id)
        with pytest.raises(WorkspaceError, match="needs the workspace's loss reasons"):
            write_demo(ws, weeks=20, as_of=date(2026, 11, 24))
        assert services.list_stages(ws) == [] and services.list_reps(ws) == []
    finally:
        ws.close()


def test_demo_outcomes_follow_the_rules(demo_ws) -> None:
    """Won deals closed when they entered the won stage; lost ones have a reason; open ones neither."""
    with demo_ws.engine.connect() as conn:
        won_mismatch = conn.exec_driver_sql(
            "SELECT count(*) FROM opportunity o JOIN stage_event e ON e.opportunity_id = o.id "
            "JOIN stage s ON s.id = e.stage_id WHERE s.terminal = 'won' AND "
            "(o.outcome <> 'won' OR o.closed_at <> e.entered_at)").scalar()
        open_closed = conn.exec_driver_sql(
            "SELECT count(*) FROM opportunity WHERE outcome = 'open' AND "
            "(closed_at IS NOT NULL OR loss_reason_id IS NOT NULL)").scalar()
        won = conn.exec_driver_sql("SELECT count(*) FROM opportunity WHERE outcome = 'won'").scalar()
    assert won > 0 and won_mismatch == 0 and open_closed == 0


def test_marketing_half(demo_ws) -> None:
    """Channels, the hand-off as marketing -> sales conversion, four initiatives (one confounding the agenda
    cycle), six closed quarters of forecasts with one optimist, and enough closed cycles for calibration."""
    from datetime import UTC, datetime

    from pdsa_desk.core.calibration import calibration
    from pdsa_desk.core.confounders import cycle_confounders
    from pdsa_desk.core.forecasts import forecast_actuals, forecaster_accuracy

    as_of = datetime(2026, 11, 24, 18, tzinfo=UTC)
    with demo_ws.engine.connect() as conn:
        channels = dict(conn.exec_driver_sql("SELECT channel, count(*) FROM opportunity GROUP BY channel").all())
        handed = dict(conn.exec_driver_sql(
            "SELECT o.channel, avg(EXISTS (SELECT 1 FROM stage_event e JOIN stage s ON s.id = e.stage_id "
            "WHERE e.opportunity_id = o.id AND s.name = 'Lead captured')) FROM opportunity o "
            "JOIN stage_event h ON h.opportunity_id = o.id JOIN stage hs ON hs.id = h.stage_id "
            "WHERE hs.name = 'Pre-qualified by marketing' AND o.outcome <> 'open' GROUP BY o.channel").all())
    assert set(channels) == {"Inbound web", "Outbound", "Partner", "Events"}
    assert set(handed) == {"Inbound web", "Events"}  # only marketing's leads pass the hand-off
    assert 0.5 < handed["Events"] < handed["Inbound web"] < 0.85
    initiatives = services.list_initiatives(demo_ws)
    assert len(initiatives) == 4
    confounded = {c.title: [x.name for x in cycle_confounders(demo_ws, c.id, as_of=as_of)]
                  for c in services.list_cycles(demo_ws)}
    assert {t: n for t, n in confounded.items() if n} == {"Agenda before discovery calls": ["Analytics Summit booth"]}
    actuals = forecast_actuals(demo_ws, as_of=as_of)
    closed = {(a.period_start, a.period_end) for a in actuals if a.closed}
    assert len(closed) == 6 and any(not a.closed for a in actuals) and any(a.late for a in actuals)
    assert {a.role for a in actuals} == {"sales", "marketing", "manager"}
    accuracy = {a.forecaster: a for a in forecaster_accuracy(actuals)}
    assert accuracy["Farid Haddad"].bias > 25  # the consistent optimist: over in every closed quarter
    assert all(a.error > 0 for a in actuals if a.forecaster == "Farid Haddad" and a.error is not None)
    assert all(a.bias < 10 for name, a in accuracy.items() if name != "Farid Haddad" and a.bias is not None)
    assert calibration(demo_ws, as_of=as_of).team.counted >= 8

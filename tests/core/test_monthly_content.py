"""The monthly review's content: conversion by channel, initiatives and their overlaps, forecast accuracy,
cycles decided in the month, calibration."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import select

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Cycle
from pdsa_desk.core.report.monthly import collect_monthly, parse_month

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def test_parse_month() -> None:
    assert parse_month("2026-11") == (2026, 11) and parse_month(" 2026-3 ") == (2026, 3)
    for bad in ("2026-13", "11/2026", "", "2026-W47"):
        with pytest.raises(ValidationError) as info:
            parse_month(bad)
        assert info.value.field == "month"


def _decide(ws: Workspace, stage: str, owner: str, title: str, decision: str, when: datetime) -> str:
    cycle = sv.create_cycle(ws, title, from_stage_id=stage, owner_rep_id=owner, prediction_rate=0.5,
                            planned_start=date(2026, 9, 1), planned_end=date(2026, 9, 20), min_sample_size=1)
    sv.start_cycle(ws, cycle.id, started_at=datetime(2026, 9, 1, 8, tzinfo=UTC))
    sv.advance_cycle(ws, cycle.id, early_reason="test")
    sv.update_cycle(ws, cycle.id, study_interpretation="read")
    sv.advance_cycle(ws, cycle.id)
    sv.decide_cycle(ws, cycle.id, decision, "test", early_reason="test")
    with ws.transaction() as s:
        s.exec(select(Cycle).where(Cycle.id == cycle.id)).one().decided_at = when
    return cycle.id


def test_monthly_content(ws: Workspace) -> None:
    lead, qualified = sv.create_stage(ws, "Lead").id, sv.create_stage(ws, "Qualified").id
    ana = sv.create_rep(ws, "Ana").id
    for i in range(10):  # September: Partner 0, 2, 4, 6, 8 (3 convert: 0, 4, 8 ... see below); Events the rest
        channel = "Partner" if i % 2 == 0 else "Events"
        opp = sv.create_opportunity(ws, f"Opp {i}", rep_id=ana, stage_id=lead, channel=channel,
                                    opened_at=datetime(2026, 9, 2, tzinfo=UTC) + timedelta(days=2 * i))
        if i % 4 == 0 or i == 1:
            sv.move_opportunity(ws, opp.id, qualified, entered_at=datetime(2026, 9, 25, tzinfo=UTC))
    sv.create_opportunity(ws, "October", rep_id=ana, stage_id=lead, channel="Partner",
                          opened_at=datetime(2026, 10, 2, tzinfo=UTC))
    adopted = _decide(ws, lead, ana, "Adopted in September", "adopt", datetime(2026, 9, 28, tzinfo=UTC))
    _decide(ws, lead, ana, "Abandoned in October", "abandon", datetime(2026, 10, 3, tzinfo=UTC))
    summit = sv.create_initiative(ws, "Partner summit", starts_on=date(2026, 9, 10), ends_on=date(2026, 9, 11),
                                  channel="partner")
    sv.create_initiative(ws, "August push", starts_on=date(2026, 8, 1), ends_on=date(2026, 8, 31))
    q3 = sv.quarter_period(2026, 3)
    sv.create_forecast(ws, "Mia", role="marketing", period_start=q3[0], period_end=q3[1], metric="leads", value=12,
                       made_at=datetime(2026, 6, 20, tzinfo=UTC))
    sv.create_forecast(ws, "Mia", role="marketing", period_start=date(2026, 8, 1), period_end=date(2026, 8, 31),
                       metric="leads", value=3, made_at=datetime(2026, 7, 20, tzinfo=UTC))

    c = collect_monthly(ws, "2026-09", now=NOW)
    assert (c.first_day, c.last_day, c.time_zone, c.as_of) == (date(2026, 9, 1), date(2026, 9, 30), "UTC",
                                                               datetime(2026, 10, 1, tzinfo=UTC))
    by_channel = {r.channel: (r.x, r.n, r.pending) for r in c.conversion}
    # Partner: 0, 2, 4, 6, 8 entered; 0, 4, 8 converted. Events: 1, 3, 5, 7, 9 entered; 1 converted.
    assert by_channel == {"Partner": (3, 5, 0), "Events": (1, 5, 0)}
    partner = next(r for r in c.conversion if r.channel == "Partner")
    assert partner.rate == pytest.approx(0.6) and partner.low == pytest.approx(0.2307, abs=1e-4)
    assert [(o.initiative.id, [t for t, _ in o.cycles]) for o in c.initiatives] == [
        (summit.id, ["Abandoned in October", "Adopted in September"])]
    (q3_forecast,) = c.forecasts  # the August forecast's period ended in August
    assert (q3_forecast.actual, q3_forecast.error) == (10, 2)
    (mia,) = c.accuracy  # August had no leads: left out of the percentages and counted apart
    assert (mia.forecaster, mia.n, mia.zero_actuals, mia.bias) == ("Mia", 1, 1, pytest.approx(20.0))
    assert [x.id for x in c.adopted] == [adopted] and c.abandoned == [] and c.adapted == []
    assert c.calibration is not None  # only the cycle decided by the month's end; 4 of its 10 customers converted
    assert [r.title for r in c.calibration.rows] == ["Adopted in September"]
    team = c.calibration.team
    assert team.mean_observed == pytest.approx(0.4) and team.bias_points == pytest.approx(10)
    assert c.notes == []

    running = collect_monthly(ws, (2026, 11), now=NOW)
    assert running.as_of == NOW and "not over" in running.notes[0]
    with pytest.raises(ValidationError):
        collect_monthly(ws, "2026-12", now=NOW)


def test_cli_month_argument(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    from pdsa_desk import app

    out = str(tmp_path / "m.pdf")
    with pytest.raises(SystemExit) as info:
        app.main(["report", "--db", "x.sqlite", "--out", out, "--month", "2026-13"])
    assert info.value.code == 2 and "YYYY-MM" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        app.main(["report", "--db", "x.sqlite", "--out", out, "--month", "2026-11", "--week", "2026-W47"])
    assert app.main(["report", "--db", "x.sqlite", "--out", out, "--month", "2026-11", "--team", "East"]) == 2
    assert "whole workspace" in capsys.readouterr().err

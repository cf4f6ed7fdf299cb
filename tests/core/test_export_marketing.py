"""`pdsa-desk export --what forecasts|initiatives` and `--what conversion --by channel`, CSV and xlsx."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pdsa_desk import app
from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.export import build_table

MADE = datetime(2026, 3, 25, 8, 0, tzinfo=UTC)


@pytest.fixture
def filled(ws: Workspace) -> Workspace:
    lead, qualified = sv.create_stage(ws, "Lead").id, sv.create_stage(ws, "Qualified").id
    team = sv.create_team(ws, "North")
    ana = sv.create_rep(ws, "Ana", team_id=team.id)
    for i in range(12):
        channel = ["Partner", "Inbound web", None][i % 3]
        opp = sv.create_opportunity(ws, f"Opp {i}", rep_id=ana.id, stage_id=lead, channel=channel,
                                    opened_at=datetime(2026, 4, 2, tzinfo=UTC) + timedelta(days=i))
        if i % 2 == 0:
            sv.move_opportunity(ws, opp.id, qualified, entered_at=datetime(2026, 4, 5, tzinfo=UTC) + timedelta(days=i))
    q2 = sv.quarter_period(2026, 2)
    sv.create_forecast(ws, "Mia", role="marketing", period_start=q2[0], period_end=q2[1], metric="leads", value=5,
                       scope_kind="channel", channel="partner", made_at=MADE)
    sv.create_forecast(ws, "Ana", period_start=q2[0], period_end=q2[1], metric="stage_entries", value=8,
                       scope_kind="team", team_id=team.id, stage_id=qualified, made_at=MADE + timedelta(days=10))
    sv.create_initiative(ws, "=Partner summit", starts_on=date(2026, 4, 10), ends_on=date(2026, 4, 12),
                         channel="Partner", stage_id=qualified, owner="Mia", talking_points="Ask about the summit")
    return ws


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_forecasts_csv(filled: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "forecasts.csv"
    assert app.main(["export", "--db", str(filled.path), "--what", "forecasts", "--out", str(out),
                     "--as-of", "2026-07-02"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:11] == ["forecaster", "role", "period_start", "period_end", "metric", "scope_kind", "scope",
                           "forecast", "actual", "error", "made_at"]
    mia, ana = sorted(_csv(out), key=lambda r: r["forecaster"], reverse=True)
    assert (mia["forecaster"], mia["role"], mia["period_start"], mia["period_end"], mia["metric"]) == (
        "Mia", "marketing", "2026-04-01", "2026-06-30", "leads")
    assert (mia["scope_kind"], mia["scope"], mia["forecast"], mia["actual"], mia["error"]) == (
        "channel", "partner", "5.0", "4.0", "1.0")
    assert mia["made_at"] == "2026-03-25T08:00:00.000000Z" and mia["made_after_period_start"] == "false"
    assert (ana["scope"], ana["stage"], ana["actual"], ana["error"]) == ("North", "Qualified", "6.0", "2.0")
    assert ana["made_after_period_start"] == "true"


def test_forecasts_open_period_has_no_error(filled: Workspace) -> None:
    table = build_table(filled, "forecasts", as_of=datetime(2026, 5, 1, tzinfo=UTC))
    rows = [dict(zip(table.columns, r, strict=True)) for r in table.rows]
    assert {r["closed"] for r in rows} == {False} and {r["error"] for r in rows} == {None}


def test_initiatives_xlsx(filled: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "initiatives.xlsx"
    assert app.main(["export", "--db", str(filled.path), "--what", "initiatives", "--out", str(out)]) == 0
    wb = load_workbook(out, read_only=True)
    rows = list(wb["initiatives"].iter_rows(values_only=True))
    wb.close()
    assert rows[0][:6] == ("name", "channel", "stage", "starts_on", "ends_on", "owner")
    name, channel, stage, starts, ends, owner = rows[1][:6]
    assert (name, channel, stage, owner) == ("=Partner summit", "Partner", "Qualified", "Mia")  # text, not a formula
    assert (starts.date(), ends.date()) == (date(2026, 4, 10), date(2026, 4, 12))


def test_conversion_by_channel(filled: Workspace, tmp_path: Path) -> None:
    out = tmp_path / "conversion.csv"
    assert app.main(["export", "--db", str(filled.path), "--what", "conversion", "--by", "channel", "--period",
                     "month", "--out", str(out), "--as-of", "2026-07-02"]) == 0
    rows = _csv(out)
    assert {r["channel"] for r in rows} == {"Inbound web", "Partner", ""}
    april = {r["channel"]: (r["x"], r["n"]) for r in rows if r["period_start"] == "2026-04-01"}
    # Opp i enters Lead on 2 April + i days, even i convert. Partner: i = 0, 3, 6, 9; web: 1, 4, 7, 10; none: 2, 5…
    assert april == {"Partner": ("2", "4"), "Inbound web": ("2", "4"), "": ("2", "4")}


def test_by_channel_only_for_conversion(filled: Workspace) -> None:
    with pytest.raises(ValidationError) as info:
        build_table(filled, "cycles", by="channel")
    assert info.value.field == "by"


def test_channels_compare_trimmed_and_ignoring_case(ws: Workspace) -> None:
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.scopes import NO_CHANNEL, channel_mask, channel_subset, channels

    lead = sv.create_stage(ws, "Lead").id
    sv.create_stage(ws, "Qualified")
    for i, channel in enumerate(["Partner", "partner ", "Partner", "Events", None]):
        sv.create_opportunity(ws, f"Opp {i}", stage_id=lead, channel=channel,
                              opened_at=datetime(2026, 4, 2, tzinfo=UTC))
    data = load_analysis_data(ws)
    assert channels(data) == ["Events", "Partner", NO_CHANNEL]  # the most frequent spelling, no channel last
    assert channel_mask(data, " PARTNER").tolist() == [True, True, True, False, False]
    assert len(channel_subset(data, NO_CHANNEL).opportunities) == 1
    assert len(channel_subset(data, "partner").events) == 3

"""The marketing records on a PostgreSQL workspace: written, read back, held against actuals, and carried by a
bundle to a SQLite laptop and back unchanged."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.exchange import export_bundle, merge_bundle
from pdsa_desk.core.forecasts import forecast_actuals
from pdsa_desk.core.models import WorkspaceSettings

pytestmark = pytest.mark.postgres


def test_marketing_round_trip_on_postgresql(pg_ws, tmp_path: Path) -> None:
    ws = pg_ws
    with ws.transaction() as s:
        s.exec(select(WorkspaceSettings)).one().time_zone = "Europe/Berlin"
    lead = sv.create_stage(ws, "Lead")
    rep = sv.create_rep(ws, "Ana")
    # 23:30 on 31 March in Berlin is Q1 there (21:30 UTC); 00:30 on 1 April is Q2 (22:30 UTC on 31 March).
    sv.create_opportunity(ws, "late Q1", rep_id=rep.id, stage_id=lead.id, channel="Partner",
                          opened_at=datetime(2026, 3, 31, 21, 30, tzinfo=UTC))
    sv.create_opportunity(ws, "early Q2", rep_id=rep.id, stage_id=lead.id, channel="Partner",
                          opened_at=datetime(2026, 3, 31, 22, 30, tzinfo=UTC))
    made = datetime(2026, 3, 1, 12, tzinfo=UTC)
    for q in (1, 2):
        first, last = sv.quarter_period(2026, q)
        sv.create_forecast(ws, "Mia", role="marketing", period_start=first, period_end=last, metric="leads", value=2,
                           scope_kind="channel", channel="partner", made_at=made)
    sv.create_forecast(ws, "Ana", period_start=date(2026, 4, 1), period_end=date(2026, 4, 30),
                       metric="stage_entries", stage_id=lead.id, scope_kind="rep", rep_id=rep.id, value=3,
                       made_at=made)
    push = sv.create_initiative(ws, "Partner summit", starts_on=date(2026, 3, 20), ends_on=date(2026, 4, 2),
                                channel="Partner", stage_id=lead.id, owner="Mia")

    actuals = forecast_actuals(ws, as_of=datetime(2026, 6, 1, tzinfo=UTC))
    assert len(actuals) == 3
    by_key = {(a.forecaster, a.period_end): a for a in actuals}
    assert by_key[("Mia", date(2026, 3, 31))].actual == 1 and by_key[("Mia", date(2026, 6, 30))].actual == 1
    assert by_key[("Ana", date(2026, 4, 30))].actual == 1 and by_key[("Ana", date(2026, 4, 30))].closed
    assert sv.get_initiative(ws, push.id).ends_on == date(2026, 4, 2)

    bundle = tmp_path / "server.pdsa"
    export_bundle(ws, bundle)
    laptop = open_workspace(tmp_path / "laptop.sqlite")
    try:
        merge_bundle(laptop, bundle, map_by_name=True)
        assert [(f.forecaster, f.period_start, f.value, f.made_at) for f in sv.list_forecasts(laptop)] == [
            (f.forecaster, f.period_start, f.value, f.made_at) for f in sv.list_forecasts(ws)]
        (copy,) = sv.list_initiatives(laptop)
        assert (copy.id, copy.channel, copy.stage_id, copy.owner) == (push.id, "Partner", lead.id, "Mia")
        sv.update_initiative(laptop, push.id, talking_points="Ask who is coming")
        back = tmp_path / "laptop.pdsa"
        export_bundle(laptop, back)
    finally:
        laptop.close()
    merge_bundle(ws, back)
    assert sv.get_initiative(ws, push.id).talking_points == "Ask who is coming"

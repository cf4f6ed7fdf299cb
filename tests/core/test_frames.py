"""Tests for pdsa_desk.core.frames.load_analysis_data on a small workspace built through the services."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from pdsa_desk.core import services
from pdsa_desk.core.frames import AnalysisData, load_analysis_data


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def ts(*args: int) -> pd.Timestamp:
    return pd.Timestamp(utc(*args))


def _tombstone(ws, table: str, row_id: str) -> None:
    """Tombstone a row behind the services' back, as a merge from another laptop could."""
    with ws.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {table} SET deleted_at = '2026-03-01 00:00:00' WHERE id = ?",  # noqa: S608
                             (row_id,))


@pytest.fixture
def built(ws):
    north = services.create_team(ws, "North")
    ann = services.create_rep(ws, "Ann", team_id=north.id)
    bob = services.create_rep(ws, "Bob")  # no team
    old = services.create_rep(ws, "Old", team_id=north.id)
    services.update_rep(ws, old.id, active=False)
    gone = services.create_rep(ws, "Gone")
    services.delete_rep(ws, gone.id)
    lead = services.create_stage(ws, "Lead", window_days=7)
    extra = services.create_stage(ws, "Extra", window_days=3)
    disc = services.create_stage(ws, "Discovery", window_days=14, wip_limit=5)
    won = services.create_stage(ws, "Won", terminal="won")
    reason = services.list_loss_reasons(ws)[0]

    # Ann's deal: Lead -> Discovery -> Won (moves recorded out of order)
    a = services.create_opportunity(ws, "Acme", rep_id=ann.id, stage_id=lead.id, opened_at=utc(2026, 1, 5, 9),
                                    source="crm")
    services.move_opportunity(ws, a.id, disc.id, entered_at=utc(2026, 1, 9))
    services.move_opportunity(ws, a.id, extra.id, entered_at=utc(2026, 1, 7))  # back-dated
    services.move_opportunity(ws, a.id, won.id, entered_at=utc(2026, 1, 20))
    # Bob's deal: lost in Lead; a move that was undone
    b = services.create_opportunity(ws, "Globex", rep_id=bob.id, stage_id=lead.id, opened_at=utc(2026, 1, 4))
    undone = services.move_opportunity(ws, b.id, disc.id, entered_at=utc(2026, 1, 6))
    services.undo_move(ws, undone)
    services.mark_lost(ws, b.id, reason.id, at=utc(2026, 1, 30))
    # an opportunity without a rep, still open
    c = services.create_opportunity(ws, "Initech", stage_id=lead.id, opened_at=utc(2026, 1, 2))
    # deleted through the services: its events are tombstoned too
    d = services.create_opportunity(ws, "Deleted", rep_id=ann.id, stage_id=lead.id, opened_at=utc(2026, 1, 3))
    services.delete_opportunity(ws, d.id)
    # tombstoned behind the services' back: its events are still live
    e = services.create_opportunity(ws, "Merged away", rep_id=ann.id, stage_id=lead.id, opened_at=utc(2026, 1, 3))
    services.move_opportunity(ws, e.id, disc.id, entered_at=utc(2026, 1, 4))
    _tombstone(ws, "opportunity", e.id)
    # the Extra stage is deleted although Acme entered it: the event is dropped
    _tombstone(ws, "stage", extra.id)
    return {"reps": (ann, bob, old), "team": north, "stages": (lead, disc, won), "opps": (a, b, c), "reason": reason}


def test_frames_content(ws, built) -> None:
    data = load_analysis_data(ws)
    assert isinstance(data, AnalysisData)
    ann, bob, old = built["reps"]
    lead, disc, won = built["stages"]

    st = data.stages
    assert list(st.columns) == ["id", "name", "window_days", "wip_limit", "terminal"]
    assert st["id"].tolist() == [lead.id, disc.id, won.id]  # deleted stage gone, index = position order
    assert st.index.tolist() == [0, 1, 2]
    assert st["window_days"].tolist() == [7, 14, 30] and st["terminal"].tolist() == ["none", "none", "won"]
    assert st["wip_limit"].iloc[1] == 5 and np.isnan(st["wip_limit"].iloc[0])

    reps = data.reps
    assert list(reps.columns) == ["id", "name", "team_id", "team_name", "active"]
    assert reps["name"].tolist() == ["Ann", "Bob", "Old"]  # deleted rep gone, inactive kept, sorted by name
    assert reps["active"].tolist() == [True, True, False]
    assert reps.set_index("name").loc["Ann", "team_name"] == "North"
    assert pd.isna(reps.set_index("name").loc["Bob", "team_id"])

    opps = data.opportunities.set_index("name")
    assert list(data.opportunities.columns) == ["id", "name", "rep_id", "team_id", "outcome", "created_at",
                                                "closed_at", "loss_reason", "source"]
    assert sorted(opps.index) == ["Acme", "Globex", "Initech"]  # both deleted opportunities are gone
    assert opps.loc["Acme", "outcome"] == "won" and opps.loc["Acme", "closed_at"] == ts(2026, 1, 20)
    assert opps.loc["Acme", "created_at"] == ts(2026, 1, 5, 9) and opps.loc["Acme", "source"] == "crm"
    assert opps.loc["Acme", "team_id"] == built["team"].id
    assert opps.loc["Globex", "outcome"] == "lost" and opps.loc["Globex", "loss_reason"] == built["reason"].name
    assert pd.isna(opps.loc["Globex", "team_id"])
    assert pd.isna(opps.loc["Initech", "rep_id"]) and pd.isna(opps.loc["Initech", "closed_at"])
    assert pd.isna(opps.loc["Initech", "loss_reason"]) and pd.isna(opps.loc["Initech", "source"])

    ev = data.events
    assert list(ev.columns) == ["opp", "stage", "entered_at"]
    got = [(data.opportunities["name"].iloc[o], int(s), t) for o, s, t in ev.itertuples(index=False)]
    expected = {
        ("Acme", 0, ts(2026, 1, 5, 9)), ("Acme", 1, ts(2026, 1, 9)), ("Acme", 2, ts(2026, 1, 20)),
        ("Globex", 0, ts(2026, 1, 4)),  # the undone move is gone
        ("Initech", 0, ts(2026, 1, 2)),
    }
    assert set(got) == expected and len(got) == len(expected)  # Acme's move into the deleted stage is dropped


def test_frames_sorted_by_opportunity_then_time(ws, built) -> None:
    data = load_analysis_data(ws)
    ev = data.events
    assert ev.index.tolist() == list(range(len(ev)))
    assert ev["opp"].is_monotonic_increasing
    for _, group in ev.groupby("opp"):
        assert group["entered_at"].is_monotonic_increasing
    acme = ev[ev["opp"] == data.opportunities.index[data.opportunities["name"] == "Acme"][0]]
    assert acme["stage"].tolist() == [0, 1, 2]  # recorded Lead, Discovery, (Extra,) Won: sorted by time


def test_frames_dtypes(ws, built) -> None:
    data = load_analysis_data(ws)
    assert data.stages["window_days"].dtype == np.int64 and data.stages["wip_limit"].dtype == np.float64
    assert data.reps["active"].dtype == bool
    for col in ("created_at", "closed_at"):
        assert str(data.opportunities[col].dtype) == "datetime64[ns, UTC]"
    assert data.events["opp"].dtype == np.int32 and data.events["stage"].dtype == np.int16
    assert str(data.events["entered_at"].dtype) == "datetime64[ns, UTC]"
    for col in ("rep_id", "team_id", "loss_reason", "source"):
        assert data.opportunities[col].dtype == object


def test_empty_workspace(ws) -> None:
    data = load_analysis_data(ws)
    assert data.stages.empty and data.reps.empty and data.opportunities.empty and data.events.empty
    assert list(data.events.columns) == ["opp", "stage", "entered_at"]
    assert data.events["opp"].dtype == np.int32 and data.events["stage"].dtype == np.int16
    assert str(data.opportunities["created_at"].dtype) == "datetime64[ns, UTC]"


def test_empty_workspace_event_times_dtype(ws) -> None:
    assert str(load_analysis_data(ws).events["entered_at"].dtype) == "datetime64[ns, UTC]"

"""Edits applied to the analysis snapshot: a patched snapshot is the one a full load would give, and the
derived values that carry over are the ones a fresh computation would give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from pdsa_desk.core import charts, conversion, metrics, services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.derived import DROP
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.patching import apply_rows, patch_analysis, read_rows
from tests.conftest import DEMO_AS_OF
from tests.snapshot_support import open_cards

AS_OF = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)


def assert_same_snapshot(a: AnalysisData, b: AnalysisData) -> None:
    for name in ("stages", "reps", "opportunities", "events"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True, obj=name)


def patched(ws, data: AnalysisData, *ids: str) -> AnalysisData:
    new = patch_analysis(ws, data, ids)
    assert new is not None
    assert_same_snapshot(new, load_analysis_data(ws))
    return new


def test_change_combines() -> None:
    assert not Change().touches_snapshot
    assert Change.of("a").touches_snapshot and Change.everything().touches_snapshot
    assert (Change.of("a") | Change.of("b")).opportunities == {"a", "b"}
    assert (Change.of("a") | Change.everything()).all


def test_moves_closes_and_their_undo_patch_to_what_a_load_reads(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    stages = services.list_stages(ws)
    a, b, c = open_cards(data, 1)
    move = services.move_opportunity(ws, a, stages[2].id, entered_at=datetime.now(UTC))
    data = patched(ws, data, a)
    services.move_opportunity(ws, b, stages[-1].id, entered_at=datetime.now(UTC))  # into Won: closes it
    data = patched(ws, data, b)
    assert data.opportunities.set_index("id").loc[b, "outcome"] == "won"
    services.undo_move(ws, move)
    data = patched(ws, data, a)
    services.redo_move(ws, move)
    data = patched(ws, data, a)
    reason = services.list_loss_reasons(ws)[0]
    services.mark_lost(ws, c, reason.id, at=datetime.now(UTC))
    data = patched(ws, data, c)
    services.reopen(ws, c)
    data = patched(ws, data, c)
    services.mark_won(ws, c, at=datetime.now(UTC))
    patched(ws, data, a, b, c)  # several at once


def test_a_new_opportunity_is_appended_and_a_deleted_one_needs_a_load(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    stages = services.list_stages(ws)
    new = services.create_opportunity(ws, "Brand new", stage_id=stages[0].id, opened_at=datetime.now(UTC))
    after = patched(ws, data, new.id)
    assert len(after.opportunities) == len(data.opportunities) + 1
    assert after.opportunities["id"].iat[-1] == new.id
    services.create_opportunity(ws, "Without a stage or rep", opened_at=datetime.now(UTC))
    services.delete_opportunity(ws, new.id)
    assert patch_analysis(ws, after, [new.id]) is None


def test_nothing_changed_keeps_the_snapshot(demo_ws) -> None:
    data = load_analysis_data(demo_ws)
    some = str(data.opportunities["id"].iat[0])
    assert patch_analysis(demo_ws, data, [some]) is data
    assert patch_analysis(demo_ws, data, ["no-such-opportunity"]) is data


def test_derived_values_carry_over_only_where_the_change_cannot_reach(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    stages = services.list_stages(ws)
    prep = metrics.prepare(data)
    codes, _labels = prep.rep_groups
    data.cached("kept", lambda: "value", on_patch=lambda v, _p: v)
    data.cached("dropped", lambda: "value", on_patch=lambda _v, _p: DROP)
    data.cached("plain", lambda: "value")
    seen = []
    data.cached("asks", lambda: 1, on_patch=lambda v, p: seen.append(p) or v + 1)

    (a,) = open_cards(data, 2, 1)
    rep = data.opportunities.set_index("id").loc[a, "rep_id"]
    services.move_opportunity(ws, a, stages[3].id, entered_at=datetime.now(UTC))
    after = patched(ws, data, a)
    assert after.is_cached("kept") and not after.is_cached("dropped") and not after.is_cached("plain")
    assert after.cached("asks", lambda: 0) == 2
    (patch,) = seen
    assert patch.before is data and patch.after is after and patch.events and not patch.appended
    assert patch.stages == {3} and patch.rep_ids == {rep}
    assert patch.first_entries_changed_from(3) and patch.first_entries_changed_from(0)
    assert not patch.first_entries_changed_from(4)
    assert patch.touches_reps(None) and patch.touches_reps([rep]) and not patch.touches_reps(["someone else"])
    assert patch.newest_event_ns is not None

    # the prepared arrays carried over are the ones computed from scratch (rep codes reused)
    new = metrics.prepare(after)
    assert after.is_cached("prepared") and new is not prep and new.rep_groups[0] is codes
    fresh = metrics.prepare(load_analysis_data(ws))
    for name in ("ev_opp", "ev_stage", "ev_t", "first_big", "closed"):
        np.testing.assert_array_equal(getattr(new, name), getattr(fresh, name), err_msg=name)
    pd.testing.assert_frame_equal(
        conversion.conversion_table(after, as_of=AS_OF + timedelta(days=400), by="rep"),
        conversion.conversion_table(fresh, as_of=AS_OF + timedelta(days=400), by="rep"))
    series = charts.conversion_series(after, charts.ChartMeta(), from_stage=0, as_of=AS_OF + timedelta(days=400))
    again = charts.conversion_series(fresh, charts.ChartMeta(), from_stage=0, as_of=AS_OF + timedelta(days=400))
    pd.testing.assert_frame_equal(series.frame, again.frame)


def test_a_close_changes_no_first_entry(demo_ws) -> None:
    ws = demo_ws
    data = load_analysis_data(ws)
    (a,) = open_cards(data, 1, 1)
    seen = []
    data.cached("asks", lambda: 1, on_patch=lambda v, p: seen.append(p) or v)
    services.mark_won(ws, a, at=datetime.now(UTC))
    patched(ws, data, a)
    (patch,) = seen
    assert not patch.events and patch.stages == frozenset() and patch.columns == {"outcome", "closed_at"}
    assert not patch.first_entries_changed_from(0)


def test_events_of_deleted_stages_are_left_out_as_a_load_does(ws) -> None:
    lead = services.create_stage(ws, "Lead")
    extra = services.create_stage(ws, "Extra")
    won = services.create_stage(ws, "Won", terminal="won")
    opp = services.create_opportunity(ws, "Acme", stage_id=lead.id, opened_at=datetime(2026, 1, 1, tzinfo=UTC))
    services.move_opportunity(ws, opp.id, extra.id, entered_at=datetime(2026, 1, 2, tzinfo=UTC))
    with ws.engine.begin() as conn:  # the stage is gone (as a merge could do), its event stays live
        conn.exec_driver_sql("UPDATE stage SET deleted_at = '2026-03-01 00:00:00' WHERE id = ?", (extra.id,))
    data = load_analysis_data(ws)
    rows, events = read_rows(ws, [opp.id])
    assert len(events) == 2 and apply_rows(data, {opp.id}, rows, events) is data  # not evidence: no change
    services.move_opportunity(ws, opp.id, won.id, entered_at=datetime(2026, 1, 3, tzinfo=UTC))
    new = patch_analysis(ws, data, [opp.id])
    assert new is not None and new.events["stage"].tolist() == [0, 1]
    assert_same_snapshot(new, load_analysis_data(ws))


@pytest.mark.parametrize("times", [["2026-01-05 09:00:00.000000", "2026-01-05 09:00:00.000000"]])
def test_ties_keep_the_stored_order(ws, times) -> None:
    lead = services.create_stage(ws, "Lead")
    disc = services.create_stage(ws, "Discovery")
    opp = services.create_opportunity(ws, "Acme", opened_at=datetime(2026, 1, 1, tzinfo=UTC))
    data = load_analysis_data(ws)
    services.move_opportunity(ws, opp.id, disc.id, entered_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    services.move_opportunity(ws, opp.id, lead.id, entered_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    new = patch_analysis(ws, data, [opp.id])
    assert new is not None
    assert_same_snapshot(new, load_analysis_data(ws))
    assert new.events["stage"].tolist() == [1, 0]


def test_the_utc_wrapping_equals_tz_localize_with_missing_times() -> None:
    from pdsa_desk.core.patching import _utc_series

    ns = np.array([0, 1_700_000_000_123_456_789, np.iinfo(np.int64).min, -5], dtype=np.int64)
    expected = pd.Series(pd.DatetimeIndex(ns.view("datetime64[ns]")).tz_localize("UTC"))
    got = _utc_series(ns)
    pd.testing.assert_series_equal(got, expected, check_exact=True)
    assert got.isna().tolist() == [False, False, True, False]

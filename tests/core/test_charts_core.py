"""What the charts show: conversion series, funnel, flow and time in stage (no Qt)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pdsa_desk.core import charts, conversion, metrics, pipeline, proportions, spc
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from tests.conftest import DEMO_AS_OF

AS_OF = pd.Timestamp(DEMO_AS_OF, tz="UTC") + pd.Timedelta(hours=18)


@dataclass
class Demo:
    ws: object
    data: AnalysisData
    meta: charts.ChartMeta

    def stage(self, name: str) -> int:
        return int(np.flatnonzero(self.data.stages["name"].to_numpy() == name)[0])

    def rep(self, name: str) -> str:
        return str(self.data.reps.loc[self.data.reps["name"] == name, "id"].iloc[0])

    def team_of(self, rep_name: str) -> str:
        return str(self.data.reps.loc[self.data.reps["name"] == rep_name, "team_id"].iloc[0])


@pytest.fixture(scope="module")
def demo(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from pdsa_desk.core.database import open_workspace

    target = tmp_path_factory.mktemp("charts") / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    ws = open_workspace(target)
    yield Demo(ws, load_analysis_data(ws), charts.load_chart_meta(ws))
    ws.close()


def series(demo: Demo, **kw: object) -> charts.ConversionSeries:
    kw.setdefault("from_stage", 2)
    kw.setdefault("as_of", AS_OF)
    return charts.conversion_series(demo.data, demo.meta, **kw)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- #
# the axis
# --------------------------------------------------------------------------- #
def test_one_row_per_week_across_the_range(demo: Demo) -> None:
    s = series(demo)
    f = s.frame
    assert list(f.columns) == charts.SERIES_COLUMNS
    first = pd.Timestamp(int(metrics.first_entries(demo.data)[:, 1][metrics.first_entries(demo.data)[:, 1]
                                                                     != metrics.NAT].min()), tz="UTC")
    week0 = first.normalize() - pd.Timedelta(days=first.weekday())
    week_last = AS_OF.normalize() - pd.Timedelta(days=AS_OF.weekday())
    assert f["period"].iloc[0] == week0
    assert f["period"].iloc[-1] == week_last
    assert (f["period"].diff().dropna() == pd.Timedelta(days=7)).all()
    assert len(s) == (week_last - week0).days // 7 + 1
    assert (f["period_end"] - f["period"] == pd.Timedelta(days=7)).all()
    assert np.allclose(f["t"], f["period"].astype("int64") / 1e9)
    # the counts are those of the metrics' cohort table
    table = conversion.conversion_table(demo.data, from_stage=2, as_of=AS_OF, fill_periods=True)
    assert f["n"].tolist() == table["n"].tolist() and f["x"].tolist() == table["x"].tolist()
    assert (s.from_name, s.to_name) == ("Discovery held", "Budget shared")


def test_monthly_series_has_one_row_per_month(demo: Demo) -> None:
    f = series(demo, period="month").frame
    assert (f["period"].dt.day == 1).all()
    months = f["period"].dt.year * 12 + f["period"].dt.month
    assert (months.diff().dropna() == 1).all()
    assert f["period"].iloc[-1] == pd.Timestamp("2026-11-01", tz="UTC")


def test_empty_periods_have_no_rate_and_no_interval(demo: Demo) -> None:
    s = series(demo, from_stage=5, group=("rep", demo.rep("Grace Kim")))
    f = s.frame
    empty = f["n"] == 0
    assert empty.any(), "a single rep's late-stage weekly series has empty weeks"
    assert f.loc[empty, ["p", "low", "high"]].isna().all().all()
    assert not f.loc[empty, "signal"].any()
    full = f[~empty]
    lo, hi = proportions.wilson_interval(full["x"].to_numpy(), full["n"].to_numpy())
    assert np.allclose(full["low"], lo) and np.allclose(full["high"], hi)
    assert ((full["low"] <= full["p"]) & (full["p"] <= full["high"])).all()


# --------------------------------------------------------------------------- #
# immature cohorts
# --------------------------------------------------------------------------- #
def test_immature_trailing_weeks_are_flagged_and_take_no_part(demo: Demo) -> None:
    s = series(demo, chart="p")
    f = s.frame
    window = pd.Timedelta(days=s.window_days)
    expected = f["period_end"] + window <= AS_OF
    assert f["mature"].tolist() == expected.tolist()
    m = s.n_mature
    assert 0 < m < len(f) and f["mature"].iloc[:m].all() and not f["mature"].iloc[m:].any()
    # weeks from 19 Oct 2026 end on or after 26 Oct: their 30-day window is still open on 24 Nov
    assert f["period"].iloc[m] == pd.Timestamp("2026-10-19", tz="UTC") and len(f) - m == 6
    # centre and limits are those of the mature prefix alone
    ref = spc.p_chart(f["x"].iloc[:m], f["n"].iloc[:m])
    assert np.allclose(f["cl"], ref["cl"].iloc[0])
    assert np.allclose(f["ucl"].iloc[:m], ref["ucl"]) and np.allclose(f["lcl"].iloc[:m], ref["lcl"])
    assert np.allclose(f["cl"], f["x"].iloc[:m].sum() / f["n"].iloc[:m].sum())
    assert not f["signal"].iloc[m:].any()
    assert not f["baseline"].iloc[m:].any()
    # the immature points still get limits for their own n (stepped), around the carried centre line
    tail = f.iloc[m:]
    has_n = tail["n"] > 0
    cl = f["cl"].iloc[0]
    half = 3 * np.sqrt(cl * (1 - cl) / tail.loc[has_n, "n"])
    assert np.allclose(tail.loc[has_n, "ucl"], np.minimum(cl + half, 1))
    assert np.allclose(tail.loc[has_n, "lcl"], np.maximum(cl - half, 0))


def test_laney_limits_carry_sigma_z_over_to_immature_points(demo: Demo) -> None:
    s = series(demo, chart="pp", from_stage=3)  # Budget -> Proposal: sigma_z > 1, so P′ applies
    assert s.applied_chart == "pp" and not s.guard.laney
    f = s.frame
    unclipped = (f["ucl"] < 1) & (f["lcl"] > 0) & (f["n"] > 0)
    width = ((f["ucl"] - f["cl"]) * np.sqrt(f["n"]))[unclipped]
    # one sigma_z for the whole (single) phase: mature and immature points alike
    assert np.allclose(width, width.iloc[0])
    assert (~f["mature"] & unclipped).any()
    m = int(f["mature"].sum())
    ref = spc.p_chart(f["x"].iloc[:m], f["n"].iloc[:m], laney=True)
    assert np.allclose(f["ucl"].iloc[:m], ref["ucl"])


def test_run_chart_median_of_mature_points_and_long_runs_flagged(demo: Demo) -> None:
    s = series(demo, chart="run")
    f = s.frame
    m = s.n_mature
    assert np.allclose(f["cl"], np.nanmedian(f["p"].iloc[:m]))
    assert f["lcl"].isna().all() and f["ucl"].isna().all()
    (ph,) = s.phases
    ref = spc.runs_analysis(f["p"].iloc[:m])
    assert (ph.longest_run, ph.n_crossings, ph.runs_signal) == (ref.longest_run, ref.n_crossings, ref.signal)
    # the business case lifted the rate: a run too long for chance, and its points are the signals
    assert ph.longest_run > ph.longest_run_max
    assert f["sig_run"].sum() >= ph.longest_run
    assert f["signal"].equals(f["sig_run"])
    side = np.sign(f.loc[f["sig_run"], "p"] - ph.cl)
    assert (side == 1).all()


def test_ihi_rules_on_run_charts_only(demo: Demo) -> None:
    s = series(demo, chart="run", rules="ihi")
    f = s.frame
    assert f["signal"].equals(f["sig_shift"] | f["sig_trend"] | f["sig_astro"])
    assert f["sig_shift"].any() and not f["sig_run"].any()
    ref = spc.run_chart(f["p"].iloc[: s.n_mature], rules="ihi")
    assert f["sig_shift"].iloc[: s.n_mature].tolist() == ref["ihi_shift"].tolist()
    assert s.phases[0].n_runs == int(ref["ihi_n_runs"].iloc[0])
    with pytest.raises(ValueError, match="run chart"):
        series(demo, chart="p", rules="ihi")
    with pytest.raises(ValueError):
        series(demo, chart="xbar")


def test_p_chart_signals_are_points_outside_limits_or_in_long_runs(demo: Demo) -> None:
    f = series(demo, chart="p").frame
    outside = ((f["p"] > f["ucl"]) | (f["p"] < f["lcl"])) & f["mature"]
    assert f["sig_limit"].tolist() == outside.tolist()
    assert f["signal"].equals(f["sig_limit"] | f["sig_run"])


# --------------------------------------------------------------------------- #
# baseline and phases
# --------------------------------------------------------------------------- #
def test_baseline_and_breaks_change_the_centre_line(demo: Demo) -> None:
    plain = series(demo, chart="p").frame
    frozen = series(demo, chart="p", baseline=20)
    f = frozen.frame
    assert frozen.baseline == 20
    assert np.allclose(f["cl"], f["x"].iloc[:20].sum() / f["n"].iloc[:20].sum())
    assert not np.isclose(f["cl"].iloc[0], plain["cl"].iloc[0])
    assert f["baseline"].sum() == 20

    split = series(demo, chart="p", breaks=[60])
    f = split.frame
    assert split.breaks == (60,)
    assert [ph.phase for ph in split.phases] == [0, 1]
    assert (f["phase"].iloc[:60] == 0).all() and (f["phase"].iloc[60:] == 1).all()
    m = split.n_mature
    assert np.isclose(f["cl"].iloc[0], f["x"].iloc[:60].sum() / f["n"].iloc[:60].sum())
    assert np.isclose(f["cl"].iloc[-1], f["x"].iloc[60:m].sum() / f["n"].iloc[60:m].sum())
    assert f["cl"].iloc[-1] > f["cl"].iloc[0]  # the adopted business case lifted the later phase
    assert split.phases[-1].stop == len(f)


def test_baseline_and_breaks_may_be_dates(demo: Demo) -> None:
    by_index = series(demo, chart="run", baseline=10, breaks=[60])
    f = by_index.frame
    by_date = series(demo, chart="run", baseline=f["period"].iloc[9] + pd.Timedelta(days=2),
                     breaks=[f["period"].iloc[60].date()])
    assert by_date.breaks == (60,) and by_date.baseline == 10
    assert np.allclose(by_date.frame["cl"], f["cl"])
    # a baseline date in the second phase counts from that phase's start
    later = series(demo, chart="run", breaks=[60], baseline=f["period"].iloc[69])
    assert later.baseline == 10
    assert later.position_of(f["period"].iloc[69]) == 69 and later.phase_start(69) == 60


def test_breaks_outside_the_mature_part_are_dropped(demo: Demo) -> None:
    s0 = series(demo)
    m = s0.n_mature
    s = series(demo, breaks=[0, m + 1, len(s0) + 10, pd.Timestamp("2001-01-01")])
    assert s.breaks == ()
    assert len(s.phases) == 1


# --------------------------------------------------------------------------- #
# cycles and revisions
# --------------------------------------------------------------------------- #
def test_cycle_bands_on_the_transition_and_scope(demo: Demo) -> None:
    s = series(demo, from_stage=demo.stage("Discovery held"))
    titles = [b.title for b in s.bands]
    assert titles == ["Same-day recap after discovery", "Business case before budget"]
    band = s.bands[1]
    assert band.status == "closed"
    assert band.end > band.start
    assert band.start == pd.Timestamp(AS_OF.date() - pd.Timedelta(weeks=44), tz="UTC")
    # North took part (whole team), South did not
    north = series(demo, from_stage=2, group=("team", demo.team_of("Alice Moreau")))
    south = series(demo, from_stage=2, group=("team", demo.team_of("Elena Rossi")))
    assert [b.title for b in north.bands] == ["Same-day recap after discovery", "Business case before budget"]
    assert south.bands == ()
    assert [b.title for b in series(demo, from_stage=2, group=("rep", demo.rep("Ben Okafor"))).bands] == [
        "Business case before budget"]
    # other transitions have their own cycles; none without the metadata
    ramp = series(demo, from_stage=demo.stage("Proposal requested"))
    assert [b.title for b in ramp.bands] == [
        "Proposal walkthrough call", "Reference calls at proposal", "Reference calls at proposal — ramp 2",
        "Reference calls at proposal — ramp 3"]
    assert charts.conversion_series(demo.data, from_stage=2, as_of=AS_OF).bands == ()


def test_revision_markers_for_the_budget_standard(demo: Demo) -> None:
    into = series(demo, from_stage=demo.stage("Discovery held"))
    assert [(r.stage_name, r.label) for r in into.revisions] == [("Budget shared", "Budget shared revised")]
    when = into.revisions[0].when
    assert pd.Timestamp("2025-11-25", tz="UTC") <= when < pd.Timestamp("2025-11-26", tz="UTC")
    out_of = series(demo, from_stage=demo.stage("Budget shared"))
    assert [r.stage_name for r in out_of.revisions] == ["Budget shared"]
    # the first revision of every stage is its original definition, not a change
    assert series(demo, from_stage=1).revisions == ()


def test_meta_can_be_read_from_the_workspace(demo: Demo) -> None:
    s = charts.conversion_series(demo.data, demo.ws, from_stage=2, as_of=AS_OF)  # type: ignore[arg-type]
    assert [b.title for b in s.bands] == ["Same-day recap after discovery", "Business case before budget"]
    assert demo.meta.week_start == 0
    assert len(demo.meta.cycles) == 12
    cycle = demo.meta.cycle(s.bands[1].cycle_id)
    assert cycle is not None and len(cycle.rep_ids) == 4


# --------------------------------------------------------------------------- #
# choices
# --------------------------------------------------------------------------- #
def test_transitions_and_scopes(demo: Demo) -> None:
    labels = [t.label for t in charts.transitions(demo.data)]
    assert labels[0] == "Pre-qualified by marketing → Lead captured"  # marketing -> sales
    assert labels[2] == "Discovery held → Budget shared"
    assert len(labels) == 6 and labels[-1] == "Terms in negotiation → Won"
    scopes = charts.scopes(demo.data)
    assert [name for name, (kind, _) in scopes if kind == "team"] == ["North", "South"]
    assert len([1 for _, (kind, _) in scopes if kind == "rep"]) == 8
    north = charts.group_rep_ids(demo.data, ("team", demo.team_of("Alice Moreau")))
    assert north is not None and len(north) == 4
    assert charts.group_rep_ids(demo.data, ("all", None)) is None
    with pytest.raises(ValueError):
        charts.group_rep_ids(demo.data, ("region", "x"))


def test_subset_data_is_a_scope_of_any_reps(demo: Demo) -> None:
    north = charts.group_rep_ids(demo.data, ("team", demo.team_of("Alice Moreau")))
    sub = charts.subset_data(demo.data, north)
    assert charts.subset_data(demo.data, north) is sub  # cached per snapshot
    a = charts.conversion_series(sub, demo.meta, from_stage=2, as_of=AS_OF).frame
    b = series(demo, group=("team", demo.team_of("Alice Moreau"))).frame
    assert a[["period", "x", "n", "cl"]].equals(b[["period", "x", "n", "cl"]])
    # cycle dates given without a time zone are taken as UTC
    import dataclasses

    cycle = next(c for c in demo.meta.cycles if c.title == "Business case before budget")
    naive = dataclasses.replace(cycle, start=cycle.start.tz_localize(None), end=cycle.end.tz_localize(None))
    meta = dataclasses.replace(demo.meta, cycles=(naive,))
    (band,) = charts.conversion_series(demo.data, meta, from_stage=2, as_of=AS_OF).bands
    assert band.start == cycle.start and band.end == cycle.end


def test_scopes_add_up(demo: Demo) -> None:
    teams = [g for _, g in charts.scopes(demo.data) if g[0] == "team"]
    total = series(demo).frame
    parts = [series(demo, group=g).frame.set_index("period")["n"] for g in teams]
    summed = pd.concat(parts, axis=1).fillna(0).sum(axis=1)
    assert summed.reindex(total["period"]).fillna(0).astype(int).tolist() == total["n"].tolist()


# --------------------------------------------------------------------------- #
# funnel, flow, time in stage
# --------------------------------------------------------------------------- #
def test_funnel_data(demo: Demo) -> None:
    f = charts.funnel_data(demo.data).frame
    ref = pipeline.stage_funnel(demo.data)
    assert f["n"].tolist() == ref["n"].tolist()
    assert np.allclose(f["share"], f["n"] / f["n"].iloc[0])
    north = charts.funnel_data(demo.data, group=("team", demo.team_of("Alice Moreau"))).frame
    assert (north["n"] < f["n"]).all()
    recent = charts.funnel_data(demo.data, start=AS_OF - pd.Timedelta(weeks=13), end=AS_OF).frame
    assert (recent["n"] < f["n"]).all()


def test_flow_data_with_limits(demo: Demo) -> None:
    flow = charts.flow_data(demo.data, as_of=AS_OF)
    assert list(flow.names) == ["Pre-qualified by marketing", "Lead captured", "Discovery held", "Budget shared",
                                "Proposal requested", "Terms in negotiation"]  # the won stage holds no work
    assert flow.wip.index[-1] == AS_OF.normalize()
    assert flow.limits_apply
    assert flow.limits.tolist()[2:] == [45.0, 30.0, 22.0, 15.0] and np.isnan(flow.limits.iloc[:2]).all()
    over = flow.wip.gt(flow.limits.fillna(np.inf).to_numpy(), axis=1)
    assert flow.over.equals(over) and flow.over[2].any() and not flow.over[1].any()
    ref = pipeline.wip_over_time(demo.data, flow.wip.index[0], AS_OF)
    assert flow.wip.equals(ref[list(flow.wip.columns)])
    # the teams' work adds up to everyone's; limits are the workspace's, so a team is never "over"
    teams = [charts.flow_data(demo.data, as_of=AS_OF, group=g, start=flow.wip.index[0])
             for _, g in charts.scopes(demo.data) if g[0] == "team"]
    assert (teams[0].wip + teams[1].wip).equals(flow.wip)
    assert not teams[0].limits_apply and not teams[0].over.to_numpy().any()
    recent = charts.flow_data(demo.data, as_of=AS_OF, start=AS_OF - pd.Timedelta(weeks=13))
    assert len(recent.wip) == 13 * 7 + 1


def test_stage_durations_match_time_in_stage(demo: Demo) -> None:
    d = charts.stage_durations(demo.data, as_of=AS_OF)
    ref = pipeline.time_in_stage(demo.data, as_of=AS_OF)
    shown = ref[ref["stage"] < 6]
    assert d.summary["n"].tolist() == shown["n"].tolist()
    assert np.allclose(d.summary["median"], shown["median_days"])
    assert np.allclose(d.summary["p85"], shown["p85_days"])
    assert len(d.days_of(2)) == int(shown["n"].iloc[2])
    assert (d.summary["p25"] <= d.summary["median"]).all() and (d.summary["median"] <= d.summary["p75"]).all()
    teams = [charts.stage_durations(demo.data, as_of=AS_OF, group=g)
             for _, g in charts.scopes(demo.data) if g[0] == "team"]
    assert (teams[0].summary["n"] + teams[1].summary["n"]).tolist() == d.summary["n"].tolist()


def test_empty_workspace_gives_empty_charts(ws: object) -> None:
    from pdsa_desk.core.services import create_stage

    a = create_stage(ws, "Lead")  # type: ignore[arg-type]
    create_stage(ws, "Won", terminal="won")  # type: ignore[arg-type]
    data = load_analysis_data(ws)  # type: ignore[arg-type]
    s = charts.conversion_series(data, charts.load_chart_meta(ws), from_stage=a.id, as_of=date(2026, 1, 1))  # type: ignore[arg-type]
    assert len(s) == 0 and s.phases == () and s.n_signals == 0
    assert list(s.frame.columns) == charts.SERIES_COLUMNS
    assert charts.flow_data(data, as_of=date(2026, 1, 1)).wip.empty
    assert charts.stage_durations(data).summary["n"].tolist() == [0]
    assert charts.funnel_data(data).frame["n"].tolist() == [0, 0]

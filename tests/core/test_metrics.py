"""Tests for pdsa_desk.core.metrics on small, hand-built AnalysisData."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import weakref

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pdsa_desk.core import conversion
from pdsa_desk.core.conversion import cohort_members, conversion_table, end_to_end
from pdsa_desk.core.frames import AnalysisData
from pdsa_desk.core.metrics import ALL, NAT, UNSPECIFIED, first_entries, prepare, transitions
from pdsa_desk.core.pipeline import aging, loss_analysis, loss_pivot, stage_funnel, time_in_stage, wip_over_time

# rep id -> team id (r4 has no team)
REPS = {"r1": "t1", "r2": "t1", "r3": "t2", "r4": None}
# name, window_days, terminal
PIPE = [("Lead", 7, "none"), ("Qualified", 7, "none"), ("Proposal", 10, "none"), ("Won", 0, "won")]
FAR = "2027-01-01"  # an as_of by which everything is mature


def ts(s: str) -> pd.Timestamp:
    return pd.Timestamp(s, tz="UTC")


def make_data(stages=PIPE, opps=(), events=()) -> AnalysisData:
    """stages: (name, window_days[, terminal]); opps: rep id str or dict of overrides;
    events: (opp_idx, stage_pos, "YYYY-MM-DD HH:MM[:SS]")."""
    stage_rows = [
        {"id": f"s{i}", "name": s[0], "window_days": s[1], "wip_limit": np.nan,
         "terminal": s[2] if len(s) > 2 else "none"}
        for i, s in enumerate(stages)
    ]
    stages_df = pd.DataFrame(stage_rows, columns=["id", "name", "window_days", "wip_limit", "terminal"])
    stages_df = stages_df.astype({"window_days": "int64", "wip_limit": "float64"})
    reps_df = pd.DataFrame(
        {"id": list(REPS), "name": [f"Rep {r}" for r in REPS], "team_id": list(REPS.values()),
         "team_name": [None if t is None else f"Team {t}" for t in REPS.values()], "active": True}
    )
    rows = []
    for i, o in enumerate(opps):
        o = {"rep_id": o} if isinstance(o, str) or o is None else dict(o)
        rep = o.get("rep_id", "r1")
        rows.append({
            "id": f"o{i}", "name": f"Opp {i}", "rep_id": rep, "team_id": o.get("team_id", REPS.get(rep)),
            "outcome": o.get("outcome", "open"), "created_at": ts("2025-12-01"),
            "closed_at": ts(o["closed_at"]) if o.get("closed_at") else pd.NaT,
            "loss_reason": o.get("loss_reason"), "source": None,
        })
    cols = ["id", "name", "rep_id", "team_id", "outcome", "created_at", "closed_at", "loss_reason", "source"]
    opps_df = pd.DataFrame(rows, columns=cols)
    for c in ("created_at", "closed_at"):
        opps_df[c] = pd.to_datetime(opps_df[c], utc=True).astype("datetime64[ns, UTC]")
    ev = pd.DataFrame(
        {"opp": np.array([e[0] for e in events], dtype=np.int32),
         "stage": np.array([e[1] for e in events], dtype=np.int16),
         "entered_at": pd.to_datetime([e[2] for e in events], utc=True, format="ISO8601").astype("datetime64[ns, UTC]")}
    )
    ev = ev.sort_values(["opp", "entered_at"], kind="stable", ignore_index=True)
    return AnalysisData(stages=stages_df, reps=reps_df, opportunities=opps_df, events=ev)


def row(table: pd.DataFrame, **match) -> pd.Series:
    sel = table
    for k, v in match.items():
        sel = sel[sel[k] == (ts(v) if k in ("period", "period_end") else v)]
    assert len(sel) == 1, f"{match}: {len(sel)} rows\n{table}"
    return sel.iloc[0]


def nx(table, **match):
    r = row(table, **match)
    return int(r["n"]), int(r["x"])


# --------------------------------------------------------------------------- #
# building blocks
# --------------------------------------------------------------------------- #
def test_first_entries_and_transitions():
    d = make_data(opps=["r1", "r1"], events=[(0, 0, "2026-01-05 10:00"), (0, 1, "2026-01-06"),
                                             (0, 0, "2026-01-07"), (1, 2, "2026-01-08")])
    f = first_entries(d)
    assert f.shape == (2, 4) and f.dtype == np.int64 and not f.flags.writeable
    assert f[0, 0] == ts("2026-01-05 10:00").value  # re-entry ignored
    assert f[0, 1] == ts("2026-01-06").value and f[0, 2] == NAT and f[1, 0] == NAT
    assert f.view("datetime64[ns]")[1, 2] == np.datetime64("2026-01-08")
    assert transitions(d) == [(0, 1), (1, 2), (2, 3)]
    won_mid = make_data(stages=[("A", 1), ("Won", 1, "won"), ("After", 1)])
    assert transitions(won_mid) == [(0, 1)]


def test_unsorted_events_are_sorted():
    d = make_data(opps=["r1"], events=[(0, 1, "2026-01-06")])
    ev = pd.concat([d.events, make_data(opps=["r1"], events=[(0, 0, "2026-01-05")]).events], ignore_index=True)
    d = dataclasses.replace(d, events=ev)  # stage 1 event listed before the earlier stage 0 event
    assert nx(conversion_table(d, from_stage=0, as_of=FAR), from_stage=0) == (1, 1)
    assert time_in_stage(d).loc[0, "median_days"] == 1.0


# --------------------------------------------------------------------------- #
# conversion
# --------------------------------------------------------------------------- #
def test_plain_conversion():
    d = make_data(
        opps=["r1", "r1", "r2"],
        events=[(0, 0, "2026-01-05 10:00"), (0, 1, "2026-01-07 09:00"),
                (1, 0, "2026-01-06 10:00"), (1, 1, "2026-01-08 09:00"), (1, 2, "2026-01-09"),
                (2, 0, "2026-01-07 10:00")],
    )
    t = conversion_table(d, as_of=FAR)
    assert list(t.columns) == conversion.CONVERSION_COLUMNS
    assert t["from_stage"].tolist() == [0, 1, 2] and t["to_stage"].tolist() == [1, 2, 3]
    r = row(t, from_stage=0)
    assert (r["n"], r["x"], r["group"], r["mature"]) == (3, 2, ALL, True)
    assert r["p"] == pytest.approx(2 / 3)
    assert r["period"] == ts("2026-01-05") and r["period_end"] == ts("2026-01-12")
    assert nx(t, from_stage=1) == (2, 1)
    assert str(t["period"].dtype) == "datetime64[ns, UTC]"
    assert t["n"].dtype == np.int64 and t["mature"].dtype == bool
    assert conversion_table(d, from_stage="s1", as_of=FAR)["from_stage"].tolist() == [1]


def test_skip_counts_as_conversion_but_not_in_skipped_cohort():
    d = make_data(opps=["r1", "r1"], events=[(0, 0, "2026-01-05"), (0, 2, "2026-01-06"),
                                             (1, 0, "2026-01-05"), (1, 1, "2026-01-06")])
    t = conversion_table(d, as_of=FAR)
    assert nx(t, from_stage=0) == (2, 2)
    assert nx(t, from_stage=1) == (1, 0)  # only opp 1 is in stage 1's cohort
    assert (t["to_stage"] == t["from_stage"] + 1).all()


def test_reentry_only_first_entry_counts():
    d = make_data(
        opps=["r1", "r1"],
        events=[
            # from-stage re-entry: first entry Jan 5 (week Jan 5), next stage Jan 20 is out of window
            (0, 0, "2026-01-05"), (0, 1, "2026-01-20"), (0, 0, "2026-02-02"), (0, 1, "2026-02-03"),
            # to-stage re-entry: first entry into stage 1 precedes the from-stage entry
            (1, 1, "2026-01-01"), (1, 0, "2026-01-05"), (1, 1, "2026-01-06"),
        ],
    )
    t = conversion_table(d, from_stage=0, as_of=FAR)
    assert len(t) == 1 and nx(t, period="2026-01-05") == (2, 0)


def test_later_stage_entered_before_from_stage_is_ignored():
    d = make_data(
        opps=["r1", "r1"],
        events=[(0, 2, "2026-01-01"), (0, 0, "2026-01-05"),  # only an earlier later-stage entry
                (1, 2, "2026-01-01"), (1, 0, "2026-01-05"), (1, 1, "2026-01-08")],  # plus a valid one
    )
    m = cohort_members(d, from_stage=0, start="2026-01-01", end="2026-02-01", as_of=FAR)
    assert m["converted"].tolist() == [False, True]
    assert m["converted_at"].iloc[1] == ts("2026-01-08")


def test_window_edges():
    d = make_data(opps=["r1", "r1", "r1"],
                  events=[(0, 0, "2026-01-05 10:00"), (0, 1, "2026-01-12 10:00:00"),
                          (1, 0, "2026-01-05 10:00"), (1, 1, "2026-01-12 10:00:01"),
                          (2, 0, "2026-01-05 10:00"), (2, 1, "2026-01-05 10:00")])  # same instant
    m = cohort_members(d, from_stage=0, start="2026-01-05", end="2026-01-06", as_of=FAR)
    assert m.set_index("id")["converted"].to_dict() == {"o0": True, "o1": False, "o2": True}
    assert pd.isna(m.set_index("id").loc["o1", "converted_at"])


def test_immaturity_and_as_of_hides_future():
    d = make_data(opps=["r1"], events=[(0, 0, "2026-01-07"), (0, 1, "2026-01-09")])
    # week Jan 5..Jan 12 (exclusive) + 7 day window -> mature from Jan 19 00:00
    assert row(conversion_table(d, from_stage=0, as_of="2026-01-19"), from_stage=0)["mature"]
    assert not row(conversion_table(d, from_stage=0, as_of="2026-01-18 23:59:59"), from_stage=0)["mature"]
    early = conversion_table(d, from_stage=0, as_of="2026-01-08")
    assert nx(early, from_stage=0) == (1, 0) and not row(early, from_stage=0)["mature"]
    assert conversion_table(d, from_stage=0, as_of="2026-01-06").empty  # not entered yet
    # per member: entered Jan 7 00:00 + 7 days
    m = cohort_members(d, from_stage=0, start="2026-01-01", end="2026-02-01", as_of="2026-01-13 23:59:59")
    assert m[["mature", "converted"]].values.tolist() == [[False, True]]
    m = cohort_members(d, from_stage=0, start="2026-01-01", end="2026-02-01", as_of="2026-01-14 01:00+01:00")
    assert m["mature"].tolist() == [True]  # tz-aware as_of is converted to UTC


def test_week_boundary_week_start_and_month():
    d = make_data(opps=["r1", "r1", "r1", "r1"],
                  events=[(0, 0, "2026-01-11 23:59"), (1, 0, "2026-01-12 00:00"),
                          (2, 0, "2026-01-31 23:59:59"), (3, 0, "2026-02-01 00:00")])
    t = conversion_table(d, from_stage=0, as_of=FAR)
    # Sunday 23:59 / Monday 00:00 split; Sat Jan 31 and Sun Feb 1 share the week of Jan 26
    assert t["period"].tolist() == [ts("2026-01-05"), ts("2026-01-12"), ts("2026-01-26")]
    assert t["n"].tolist() == [1, 1, 2]
    sun = conversion_table(d, from_stage=0, as_of=FAR, week_start=6)
    assert sun["period"].tolist() == [ts("2026-01-11"), ts("2026-01-25"), ts("2026-02-01")]
    assert sun["n"].tolist() == [2, 1, 1]
    assert (sun["period_end"] - sun["period"] == pd.Timedelta(days=7)).all()
    assert all(p.day_of_week == 6 for p in sun["period"])
    mo = conversion_table(d, from_stage=0, as_of=FAR, period="month")
    assert mo["period"].tolist() == [ts("2026-01-01"), ts("2026-02-01")]
    assert mo["period_end"].tolist() == [ts("2026-02-01"), ts("2026-03-01")]
    assert mo["n"].tolist() == [3, 1]
    # month maturity uses the month end: Feb 1 + 7 days
    assert row(conversion_table(d, from_stage=0, as_of="2026-02-08", period="month"), period="2026-01-01")["mature"]
    assert not row(conversion_table(d, from_stage=0, as_of="2026-02-07 23:00", period="month"),
                   period="2026-01-01")["mature"]


def test_by_rep_team_and_rep_filter():
    d = make_data(opps=["r1", "r2", "r3", "r4", None],
                  events=[(i, 0, "2026-01-05") for i in range(5)] + [(0, 1, "2026-01-06"), (2, 1, "2026-01-06")])
    by_rep = conversion_table(d, from_stage=0, by="rep", as_of=FAR)
    assert by_rep["group"].tolist() == sorted(["r1", "r2", "r3", "r4", UNSPECIFIED])
    assert nx(by_rep, group="r1") == (1, 1) and nx(by_rep, group="r2") == (1, 0)
    by_team = conversion_table(d, from_stage=0, by="team", as_of=FAR)
    assert {g: nx(by_team, group=g) for g in by_team["group"]} == {"t1": (2, 1), "t2": (1, 1), UNSPECIFIED: (2, 0)}
    sub = conversion_table(d, from_stage=0, as_of=FAR, rep_ids=["r1", "r3", "nobody"])
    assert nx(sub, group=ALL) == (2, 2)
    assert nx(conversion_table(d, from_stage=0, as_of=FAR, rep_ids="r2"), group=ALL) == (1, 0)  # a lone id
    assert conversion_table(d, from_stage=0, as_of=FAR, rep_ids=[]).empty


def test_fill_periods_and_start_end():
    d = make_data(opps=["r1", "r1", "r2", "r2"],
                  events=[(0, 0, "2026-01-05"), (1, 0, "2026-01-27"), (2, 0, "2026-01-13"), (3, 0, "2026-01-14")])
    plain = conversion_table(d, from_stage=0, by="rep", as_of=FAR)
    assert len(plain) == 3
    filled = conversion_table(d, from_stage=0, by="rep", as_of=FAR, fill_periods=True)
    r1 = filled[filled["group"] == "r1"]
    assert r1["period"].tolist() == [ts("2026-01-05") + pd.Timedelta(weeks=w) for w in range(4)]
    assert r1["n"].tolist() == [1, 0, 0, 1] and r1["p"].isna().tolist() == [False, True, True, False]
    assert filled[filled["group"] == "r2"]["n"].tolist() == [2]  # a single period: nothing to fill
    assert filled.equals(filled.sort_values(["from_stage", "group", "period"]))
    # start/end keep whole periods overlapping [start, end)
    win = conversion_table(d, from_stage=0, as_of=FAR, start="2026-01-14", end="2026-01-26 00:00")
    assert win["period"].tolist() == [ts("2026-01-12")] and win["n"].tolist() == [2]
    win = conversion_table(d, from_stage=0, as_of=FAR, start="2026-01-14", end="2026-01-26 00:01")
    assert win["period"].tolist() == [ts("2026-01-12"), ts("2026-01-26")]


def test_cohort_members_arbitrary_window():
    d = make_data(opps=["r1", "r2", "r1"],
                  events=[(0, 0, "2026-01-07 12:00"), (0, 2, "2026-01-08"), (1, 0, "2026-01-09"),
                          (2, 0, "2026-01-10")])
    m = cohort_members(d, from_stage=0, start="2026-01-07 12:00", end="2026-01-10", as_of="2026-01-15 12:00")
    assert m.columns.tolist() == ["opp", "id", "name", "rep_id", "team_id", "entered_at",
                                  "converted", "converted_at", "mature"]
    assert m["opp"].tolist() == [0, 1]
    assert m["converted"].tolist() == [True, False]
    assert m["mature"].tolist() == [True, False]
    assert cohort_members(d, from_stage=0, start="2026-01-01", end="2026-02-01", as_of=FAR,
                          rep_ids=["r2"])["id"].tolist() == ["o1"]
    with pytest.raises(ValueError):
        cohort_members(d, from_stage=3, start="2026-01-01", end="2026-02-01", as_of=FAR)


def test_end_to_end():
    d = make_data(opps=["r1", "r1", "r1"],
                  events=[(0, 0, "2026-01-05"), (0, 3, "2026-01-29"),  # 24 days, skipping 1 and 2
                          (1, 0, "2026-01-05"), (1, 1, "2026-01-06"), (1, 3, "2026-02-01"),  # 27 days
                          (2, 0, "2026-01-06")])
    t = end_to_end(d, as_of=FAR)  # window 7 + 7 + 10 = 24 days
    assert row(t, period="2026-01-05")[["to_stage", "n", "x"]].tolist() == [3, 3, 1]
    assert nx(end_to_end(d, as_of=FAR, window_days=30), period="2026-01-05") == (3, 2)
    assert row(end_to_end(d, as_of=FAR, from_stage=1), period="2026-01-05")[["n", "x"]].tolist() == [1, 0]
    assert not row(end_to_end(d, as_of="2026-02-04"), period="2026-01-05")["mature"]  # Jan 12 + 24 d
    assert row(end_to_end(d, as_of="2026-02-05"), period="2026-01-05")["mature"]
    # no won stage: fall back to outcome == "won" with closed_at in the window
    stages = [("Lead", 7), ("Qualified", 7), ("Proposal", 10)]
    d2 = make_data(stages=stages,
                   opps=[{"outcome": "won", "closed_at": "2026-01-20"}, {"outcome": "won", "closed_at": "2026-03-01"},
                         {"outcome": "won"}, {"outcome": "lost", "closed_at": "2026-01-08"}],
                   events=[(i, 0, "2026-01-05") for i in range(4)])
    r = row(end_to_end(d2, as_of=FAR), period="2026-01-05")
    assert (r["to_stage"], r["n"], r["x"]) == (-1, 4, 1)
    assert nx(end_to_end(d2, as_of="2026-01-19"), period="2026-01-05") == (4, 0)  # win not yet known
    with pytest.raises(ValueError):
        end_to_end(d, as_of=FAR, from_stage=3)


# --------------------------------------------------------------------------- #
# flow
# --------------------------------------------------------------------------- #
def test_time_in_stage_quantiles():
    events = []
    for i, days in enumerate([1, 2, 3, 4, 10]):
        events += [(i, 0, "2026-01-01"), (i, 1, str(ts("2026-01-01") + pd.Timedelta(days=days)))]
    events += [(5, 0, "2026-01-01")]  # still running: excluded
    opps = ["r1"] * 4 + [{"outcome": "lost", "closed_at": "2026-01-20"}, "r1"]
    t = time_in_stage(make_data(opps=opps, events=events))
    assert t.columns.tolist() == ["stage", "median_days", "p85_days", "n"]
    assert t.loc[0, "n"] == 5 and t.loc[0, "median_days"] == 3.0
    assert t.loc[0, "p85_days"] == pytest.approx(np.quantile([1, 2, 3, 4, 10], 0.85))  # 6.4
    # stage 1: only opp 4 is closed (Jan 20 - Jan 11 = 9 days); the rest are running
    assert t.loc[1, ["median_days", "p85_days", "n"]].tolist() == [9.0, 9.0, 1]
    assert t.loc[2, "n"] == 0 and np.isnan(t.loc[2, "median_days"])
    assert time_in_stage(make_data(opps=opps, events=events), start="2026-01-03")["n"].tolist() == [0, 1, 0, 0]


def test_wip_over_time():
    d = make_data(
        opps=["r1", {"outcome": "lost", "closed_at": "2026-01-07 15:00"},
              {"outcome": "won", "closed_at": "2026-01-09"}],
        events=[(0, 0, "2026-01-03"), (0, 1, "2026-01-06 23:00"),
                (1, 0, "2026-01-05 08:00"),
                (2, 0, "2026-01-06 10:00"), (2, 1, "2026-01-06 11:00"), (2, 3, "2026-01-08")],
    )
    w = wip_over_time(d, "2026-01-04", "2026-01-10")
    assert w.index[0] == ts("2026-01-04") and len(w) == 7 and w.index.name == "day"
    assert w.columns.tolist() == [0, 1, 2, 3]
    expected = {  # day: counts per stage 0..3
        "2026-01-04": [1, 0, 0, 0],
        "2026-01-05": [2, 0, 0, 0],
        "2026-01-06": [1, 2, 0, 0],  # opp 0 moved late on the 6th; opp 2 passed through 0 the same day
        "2026-01-07": [0, 2, 0, 0],  # opp 1 closed during the 7th
        "2026-01-08": [0, 1, 0, 1],
        "2026-01-09": [0, 1, 0, 0],  # opp 2 closed at 00:00 on the 9th
        "2026-01-10": [0, 1, 0, 0],
    }
    assert {str(i.date()): r.tolist() for i, r in w.iterrows()} == expected
    assert w.dtypes.eq(np.int64).all()
    assert wip_over_time(d).index[-1] == ts("2026-01-08")  # default range = event days


def test_aging():
    opps = [{"outcome": "won", "closed_at": "2026-01-10"}] * 5 + [
        "r2",
        {"outcome": "lost", "closed_at": "2026-01-15"},
        {"outcome": "won", "closed_at": "2026-03-01"},  # closes after as_of: open then
        "r3",
    ]
    events = [(i, 0, "2026-01-01") for i in range(5)]
    events += [(i, 1, str(ts("2026-01-01") + pd.Timedelta(days=d))) for i, d in enumerate([1, 2, 3, 4, 5])]
    events += [(5, 0, "2026-01-20"), (6, 0, "2026-01-10"), (7, 0, "2026-01-18"), (7, 1, "2026-02-15"),
               (8, 2, "2025-12-01")]
    d = make_data(opps=opps, events=events)
    # history known on Jan 24: stage 0 visits 1..5 days + opp 6 (5 days); opp 7's later visits don't count
    p85 = np.quantile([1, 2, 3, 4, 5, 5], 0.85)
    assert time_in_stage(d, as_of="2026-01-24")["n"].tolist() == [6, 5, 0, 0]
    a = aging(d, "2026-01-24")
    assert a.columns.tolist() == ["opp", "id", "name", "rep_id", "stage", "entered_at", "days_in_stage", "p85_days"]
    # opp 5: 4 days < p85; opp 6 closed; opp 8 is in a stage without history
    assert a["opp"].tolist() == [7] and a["id"].tolist() == ["o7"]
    assert a.loc[0, "days_in_stage"] == 6.0 and a.loc[0, "p85_days"] == pytest.approx(p85)
    a2 = aging(d, "2026-01-24 12:00", thresholds={0: 4.4, 2: 100})
    assert a2["opp"].tolist() == [7, 5] and a2["days_in_stage"].tolist() == [6.5, 4.5]


# --------------------------------------------------------------------------- #
# losses and funnel
# --------------------------------------------------------------------------- #
def test_loss_analysis_and_pivot():
    opps = [{"outcome": "lost", "closed_at": "2026-01-10", "loss_reason": "price"},
            {"outcome": "lost", "closed_at": "2026-01-10", "loss_reason": "price"},
            {"outcome": "lost", "closed_at": "2026-01-10", "loss_reason": "timing"},
            {"outcome": "lost", "closed_at": "2026-02-10"},
            {"outcome": "won", "closed_at": "2026-01-10"},
            {"outcome": "lost", "closed_at": "2026-01-10", "loss_reason": "price"}]
    events = [(0, 0, "2026-01-01"), (0, 2, "2026-01-05"), (0, 1, "2026-01-06"),  # lost at 1 (latest)
              (1, 0, "2026-01-01"), (1, 1, "2026-01-02"), (1, 2, "2026-01-11"),  # event after close ignored
              (2, 0, "2026-01-01"), (3, 2, "2026-01-01"), (4, 3, "2026-01-01")]  # opp 5: no events
    d = make_data(opps=opps, events=events)
    t = loss_analysis(d)
    assert t.columns.tolist() == ["stage", "loss_reason", "n"]
    assert list(t.itertuples(index=False, name=None)) == [
        (-1, "price", 1), (0, "timing", 1), (1, "price", 2), (2, UNSPECIFIED, 1)]
    assert loss_analysis(d, start="2026-02-01")["n"].sum() == 1
    p = loss_pivot(t)
    assert p.loc[1, "price"] == 2 and p.loc[1, "timing"] == 0 and p.shape == (4, 3)


def test_stage_funnel():
    d = make_data(opps=["r1", "r1", "r2", "r2"],
                  events=[(0, 0, "2026-01-05"), (0, 1, "2026-01-06"), (0, 3, "2026-01-20"),
                          (1, 0, "2026-01-05"), (1, 2, "2026-01-06"),
                          (2, 0, "2026-01-05"), (2, 1, "2026-01-07"), (3, 0, "2026-02-05")])
    f = stage_funnel(d)
    assert f.columns.tolist() == ["stage", "name", "n", "step_p"]
    assert f["n"].tolist() == [4, 2, 1, 1]
    assert np.isnan(f["step_p"][0]) and f["step_p"][1:].tolist() == [0.5, 0.5, 1.0]
    assert stage_funnel(d, "2026-01-06", "2026-01-20")["n"].tolist() == [0, 2, 1, 0]
    assert stage_funnel(d, rep_ids=["r2"])["n"].tolist() == [2, 1, 0, 0]


# --------------------------------------------------------------------------- #
# cache / reuse
# --------------------------------------------------------------------------- #
def test_prepared_is_reused_and_never_stale():
    d = make_data(opps=["r1", "r1"], events=[(0, 0, "2026-01-05"), (0, 1, "2026-01-06"), (1, 0, "2026-01-05")])
    p = prepare(d)
    assert prepare(d) is p and prepare(p) is p
    assert first_entries(d) is first_entries(d)
    assert conversion_table(p, from_stage=0, as_of=FAR).equals(conversion_table(d, from_stage=0, as_of=FAR))
    # a replaced frame -> a new object -> fresh arrays
    d2 = dataclasses.replace(d, events=d.events.iloc[:1].copy())
    assert prepare(d2) is not p
    assert nx(conversion_table(d2, from_stage=0, as_of=FAR), from_stage=0) == (1, 0)
    assert nx(conversion_table(d, from_stage=0, as_of=FAR), from_stage=0) == (2, 1)
    # a frame grown in place is noticed
    d.events.loc[3] = [1, 2, ts("2026-01-07")]
    assert prepare(d) is not p
    assert nx(conversion_table(d, from_stage=0, as_of=FAR), from_stage=0) == (2, 2)
    # the prepared arrays live with their snapshot: they go with it; an object reusing the id is not served
    # stale arrays
    kept = weakref.ref(prepare(d2))
    del d2
    gc.collect()
    assert kept() is None
    for _ in range(20):
        d3 = make_data(opps=["r1"], events=[(0, 0, "2026-03-02")])
        assert first_entries(d3)[0, 0] == ts("2026-03-02").value
        del d3
    d.cache.clear()
    assert prepare(d) is not p


def test_bad_arguments():
    d = make_data(opps=["r1"], events=[(0, 0, "2026-01-05")])
    with pytest.raises(ValueError):
        conversion_table(d, as_of=FAR, period="quarter")
    with pytest.raises(ValueError):
        conversion_table(d, as_of=FAR, by="region")
    with pytest.raises(ValueError):
        conversion_table(d, as_of=FAR, week_start=7)
    with pytest.raises(ValueError):
        conversion_table(d, as_of=FAR, from_stage=3)  # the won stage
    with pytest.raises(KeyError):
        conversion_table(d, as_of=FAR, from_stage="nope")
    with pytest.raises(TypeError):
        prepare(object())
    empty = conversion_table(make_data(opps=[], events=[]), as_of=FAR)
    assert empty.empty and list(empty.columns) == conversion.CONVERSION_COLUMNS


# --------------------------------------------------------------------------- #
# property: vectorised == obvious reference
# --------------------------------------------------------------------------- #
BASE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def reference_table(stages, reps, events, *, as_of, period, by, week_start):
    """Loop-by-loop oracle of conversion_table (no fill, no start/end)."""
    k = len(stages)
    first = {}
    for o, s, t in events:
        if t <= as_of and ((o, s) not in first or t < first[(o, s)]):
            first[(o, s)] = t
    out = {}
    for s in range(k - 1):
        if stages[s][2] == "won":
            continue
        window = dt.timedelta(days=stages[s][1])
        for o, rep in enumerate(reps):
            if (o, s) not in first:
                continue
            f = first[(o, s)]
            if period == "week":
                day = dt.datetime(f.year, f.month, f.day, tzinfo=dt.UTC)
                pstart = day - dt.timedelta(days=(day.weekday() - week_start) % 7)
                pend = pstart + dt.timedelta(days=7)
            else:
                pstart = dt.datetime(f.year, f.month, 1, tzinfo=dt.UTC)
                pend = dt.datetime(f.year + f.month // 12, f.month % 12 + 1, 1, tzinfo=dt.UTC)
            conv = any((o, j) in first and f <= first[(o, j)] <= f + window for j in range(s + 1, k))
            group = ALL if by is None else (rep if rep is not None else UNSPECIFIED)
            rec = out.setdefault((s, group, pstart), [0, 0, pend + window <= as_of, pend])
            rec[0] += 1
            rec[1] += conv
    return sorted((s, g, p, n, x, mature, pend) for (s, g, p), (n, x, mature, pend) in out.items())


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    k=st.integers(2, 4),
    windows=st.lists(st.integers(0, 10), min_size=4, max_size=4),
    won_last=st.booleans(),
    reps=st.lists(st.sampled_from(["r1", "r2", None]), min_size=1, max_size=6),
    raw=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 24 * 60)), max_size=25),
    as_of_h=st.integers(0, 24 * 70),
    period=st.sampled_from(["week", "month"]),
    by=st.sampled_from([None, "rep"]),
    week_start=st.integers(0, 6),
)
def test_matches_reference(k, windows, won_last, reps, raw, as_of_h, period, by, week_start):
    stages = [(f"S{i}", windows[i], "won" if (won_last and i == k - 1) else "none") for i in range(k)]
    # hour-granular times over 60 days (crosses week and month boundaries)
    events = [(o % len(reps), s % k, BASE + dt.timedelta(hours=h)) for o, s, h in raw]
    as_of = BASE + dt.timedelta(hours=as_of_h)
    d = make_data(stages=stages, opps=list(reps), events=[(o, s, t.isoformat()) for o, s, t in events])
    got = conversion_table(d, as_of=as_of, period=period, by=by, week_start=week_start)
    assert (got["x"] <= got["n"]).all() and (got["n"] > 0).all()
    rows = sorted(
        (r.from_stage, r.group, r.period.to_pydatetime(), r.n, r.x, r.mature, r.period_end.to_pydatetime())
        for r in got.itertuples()
    )
    assert rows == reference_table(stages, reps, events, as_of=as_of, period=period, by=by, week_start=week_start)
    assert (got["to_stage"] == got["from_stage"] + 1).all()
    filled = conversion_table(d, as_of=as_of, period=period, by=by, week_start=week_start, fill_periods=True)
    assert filled["n"].sum() == got["n"].sum() and filled["x"].sum() == got["x"].sum()

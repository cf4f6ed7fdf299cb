"""Tests for pdsa_desk.core.study on small workspaces built through the services, and on the demo."""

from __future__ import annotations

import itertools
import math
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO_AS_OF

from pdsa_desk.core import proportions, services
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.study import (
    POSITIONS,
    CycleStudy,
    compare_reps,
    study_cycle,
    team_improvement,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


_names = itertools.count(1)


@dataclass
class Pipe:
    """Lead -> Discovery -> Budget -> Proposal -> Won, every window 10 days."""

    lead: str
    discovery: str
    budget: str
    proposal: str
    won: str
    reps: dict[str, str]  # name -> id


def make_pipe(ws, reps: dict[str, str | None]) -> Pipe:
    """reps: name -> team name (None: no team)."""
    teams = {t: services.create_team(ws, t).id for t in sorted({t for t in reps.values() if t})}
    rep_ids = {name: services.create_rep(ws, name, team_id=teams.get(team) if team else None).id
               for name, team in reps.items()}
    ids = [services.create_stage(ws, name, window_days=10, terminal="won" if name == "Won" else "none").id
           for name in ("Lead", "Discovery", "Budget", "Proposal", "Won")]
    return Pipe(*ids, reps=rep_ids)


def customer(ws, p: Pipe, rep: str, entered: datetime, to: str | None = None, days: float = 0.0) -> str:
    """A customer of ``rep`` entering Discovery at ``entered``; with ``to`` it moves there ``days`` later."""
    opp = services.create_opportunity(ws, f"Customer {next(_names)}", rep_id=p.reps[rep], stage_id=p.lead,
                                      opened_at=entered - timedelta(days=1))
    services.move_opportunity(ws, opp.id, p.discovery, entered_at=entered)
    if to is not None:
        services.move_opportunity(ws, opp.id, to, entered_at=entered + timedelta(days=days))
    return opp.id


def cycle(ws, p: Pipe, reps: list[str], start: date | None, end: date | None, *, started: bool = True,
          prediction: float = 0.7, min_sample: int = 3, **fields) -> str:
    c = services.create_cycle(ws, f"Cycle {next(_names)}", from_stage_id=p.discovery, owner_rep_id=p.reps[reps[0]],
                              participant_ids=[p.reps[r] for r in reps], planned_start=start, planned_end=end,
                              prediction_rate=prediction, min_sample_size=min_sample, **fields)
    if started:  # started on its planned start (recorded late), or now
        services.start_cycle(ws, c.id, started_at=utc(start.year, start.month, start.day) if start else None)
    return c.id


# --------------------------------------------------------------------------- #
# study_cycle on a hand-built workspace
# --------------------------------------------------------------------------- #
LATE = utc(2026, 6, 1, 18)  # every customer below is mature by then


@pytest.fixture
def pipe(ws) -> Pipe:
    """Ann and Bob (North) run a cycle 2026-03-02 .. 2026-03-15; Cat (South) does not take part.

    Default baseline [2026-01-05, 2026-03-02): 3 of 6 converted; cycle [2026-03-02, 2026-03-16): 3 of 4.
    """
    p = make_pipe(ws, {"Ann": "North", "Bob": "North", "Cat": "South"})
    # baseline
    customer(ws, p, "Ann", utc(2026, 1, 4, 23), p.budget, 1)  # the day before the baseline: not counted
    customer(ws, p, "Ann", utc(2026, 1, 5), p.budget, 2)  # at the baseline start: converted
    customer(ws, p, "Ann", utc(2026, 2, 1, 10), p.proposal, 3)  # skips Budget: converted
    customer(ws, p, "Ann", utc(2026, 2, 10, 10), p.budget, 11)  # outside the 10-day window
    customer(ws, p, "Bob", utc(2026, 2, 15, 10), p.won, 10)  # skips to Won exactly at the window end
    customer(ws, p, "Bob", utc(2026, 3, 1, 23))  # never moves on
    back = customer(ws, p, "Ann", utc(2026, 1, 20, 10))  # re-enters Discovery during the cycle: first entry counts
    services.move_opportunity(ws, back, p.lead, entered_at=utc(2026, 2, 1))
    services.move_opportunity(ws, back, p.discovery, entered_at=utc(2026, 3, 5))
    services.move_opportunity(ws, back, p.budget, entered_at=utc(2026, 3, 6))
    # cycle
    customer(ws, p, "Ann", utc(2026, 3, 2), p.budget, 1)
    customer(ws, p, "Ann", utc(2026, 3, 10, 10), p.budget, 5)
    customer(ws, p, "Bob", utc(2026, 3, 12, 10), p.budget, 2)
    customer(ws, p, "Bob", utc(2026, 3, 15, 23))
    customer(ws, p, "Ann", utc(2026, 3, 16), p.budget, 1)  # the day after the planned end: not counted
    # Cat converts everything, in both windows
    for when in (utc(2026, 2, 1), utc(2026, 2, 2), utc(2026, 3, 5), utc(2026, 3, 6)):
        customer(ws, p, "Cat", when, p.budget, 1)
    return p


@pytest.fixture
def run(ws, pipe) -> str:
    return cycle(ws, pipe, ["Ann", "Bob"], date(2026, 3, 2), date(2026, 3, 15))


def test_default_windows_and_counts(ws, pipe, run) -> None:
    s = study_cycle(ws, run, as_of=LATE)
    assert isinstance(s, CycleStudy) and s.cycle_id == run
    assert (s.from_stage, s.to_stage, s.from_stage_name, s.to_stage_name) == (1, 2, "Discovery", "Budget")
    assert set(s.rep_ids) == {pipe.reps["Ann"], pipe.reps["Bob"]}
    assert (s.cycle_start, s.cycle_end) == (utc(2026, 3, 2), utc(2026, 3, 16))
    assert (s.baseline_start, s.baseline_end) == (utc(2026, 1, 5), utc(2026, 3, 2))  # 8 weeks > 2 weeks
    assert (s.x_base, s.n_base, s.x_new, s.n_new) == (3, 6, 3, 4)
    assert (s.rate_base, s.rate_new) == (0.5, 0.75)
    assert s.comparison == proportions.compare_proportions(3, 6, 3, 4)
    assert (s.base_low, s.base_high) == proportions.wilson_interval(3, 6)
    assert (s.new_low, s.new_high) == proportions.wilson_interval(3, 4)
    assert (s.n_immature, s.n_base_immature, s.n_entered, s.known_by) == (0, 0, 4, None)
    assert (s.min_sample, s.ready, s.verdict, s.reasons, s.started) == (3, True, "ready", (), True)
    assert s.window_days == 10
    members = s.members.groupby("window")["converted"].agg(["sum", "size"])
    assert members.loc["baseline"].tolist() == [3, 6] and members.loc["cycle"].tolist() == [3, 4]


def test_baseline_is_at_least_as_long_as_the_cycle(ws, pipe) -> None:
    long = cycle(ws, pipe, ["Ann"], date(2026, 3, 2), date(2026, 5, 24))  # 12 weeks
    s = study_cycle(ws, long, as_of=LATE)
    assert (s.cycle_start, s.cycle_end) == (utc(2026, 3, 2), utc(2026, 5, 25))
    assert (s.baseline_start, s.baseline_end) == (utc(2025, 12, 8), utc(2026, 3, 2))
    open_ended = cycle(ws, pipe, ["Bob"], date(2026, 3, 2), None)
    s = study_cycle(ws, open_ended, as_of=utc(2026, 3, 20, 18))
    assert (s.cycle_start, s.cycle_end) == (utc(2026, 3, 2), utc(2026, 3, 20, 18))
    assert s.baseline_start == utc(2026, 1, 5)
    s = study_cycle(ws, open_ended, as_of=utc(2026, 6, 1, 0))  # 13 weeks so far
    assert (s.baseline_start, s.cycle_end) == (utc(2025, 12, 1), utc(2026, 6, 1))


def test_custom_baseline(ws, pipe, run) -> None:
    services.update_cycle(ws, run, baseline_start=date(2026, 2, 1), baseline_end=date(2026, 2, 14))
    s = study_cycle(ws, run, as_of=LATE)
    assert (s.baseline_start, s.baseline_end) == (utc(2026, 2, 1), utc(2026, 2, 15))  # end date included
    assert (s.x_base, s.n_base, s.x_new, s.n_new) == (1, 2, 3, 4)  # Ann's Feb 1 and Feb 10 customers
    services.update_cycle(ws, run, baseline_end=None)  # from the start date up to the cycle
    s = study_cycle(ws, run, as_of=LATE)
    assert (s.baseline_start, s.baseline_end, s.x_base, s.n_base) == (utc(2026, 2, 1), utc(2026, 3, 2), 2, 4)


def test_no_baseline_customers_is_too_early(ws, pipe, run) -> None:
    services.update_cycle(ws, run, baseline_start=date(2025, 1, 1), baseline_end=date(2025, 1, 31))
    s = study_cycle(ws, run, as_of=LATE)
    assert (s.n_base, s.n_new, s.verdict) == (0, 4, "too early") and math.isnan(s.rate_base)
    assert s.reasons == ("No customer of the participating reps entered 'Discovery' in the baseline window "
                         "(2025-01-01 to 2025-01-31): there is nothing to compare with.",)


def test_non_participants_excluded(ws, pipe, run) -> None:
    services.update_cycle(ws, run, owner_rep_id=pipe.reps["Cat"], participant_ids=[pipe.reps["Cat"]])
    s = study_cycle(ws, run, as_of=LATE)
    assert s.rep_ids == (pipe.reps["Cat"],)
    assert (s.x_base, s.n_base, s.x_new, s.n_new) == (2, 2, 2, 2)


def test_immature_customers_make_it_too_early(ws, pipe, run) -> None:
    s = study_cycle(ws, run, as_of=utc(2026, 3, 20, 18))
    assert (s.n_entered, s.n_immature, s.x_new, s.n_new) == (4, 2, 2, 2)  # only mature customers count
    assert (s.x_base, s.n_base, s.n_base_immature) == (3, 6, 0)
    assert (s.ready, s.verdict) == (False, "too early")
    assert s.reasons == ("2 customers entered less than 10 days ago: their outcome is not known yet.",)
    assert s.known_by == utc(2026, 3, 25, 23)  # Bob's customer of Mar 15 23:00 + 10 days
    assert study_cycle(ws, run, as_of=utc(2026, 3, 25, 23)).verdict == "ready"


def test_sample_and_baseline_maturity_reasons(ws, pipe, run) -> None:
    s = study_cycle(ws, run, as_of=utc(2026, 3, 5, 18))  # 3 days in
    assert (s.n_entered, s.n_new, s.n_immature) == (1, 0, 1)
    assert (s.x_base, s.n_base, s.n_base_immature) == (3, 5, 1)  # Bob's Mar 1 customer is left out
    assert math.isnan(s.rate_new) and s.prediction_inside is None
    assert s.reasons == (
        "Only 1 of the 3 customers needed has entered 'Discovery' yet.",
        "1 customer entered less than 10 days ago: its outcome is not known yet.",
        "1 baseline customer entered less than 10 days ago: its outcome is not known yet.",
    )


def test_min_sample(ws, pipe, run) -> None:
    services.update_cycle(ws, run, min_sample_size=5)
    s = study_cycle(ws, run, as_of=LATE)  # the cycle is over
    assert (s.n_new, s.min_sample, s.verdict) == (4, 5, "too early")
    assert s.reasons == ("Only 4 of the 5 customers needed entered 'Discovery' during the cycle: "
                         "extend it or plan a follow-up cycle.",)
    s = study_cycle(ws, run, as_of=utc(2026, 3, 13, 18))  # still running
    assert s.reasons == ("Only 3 of the 5 customers needed have entered 'Discovery' yet.",
                         "2 customers entered less than 10 days ago: their outcome is not known yet.")
    services.update_cycle(ws, run, min_sample_size=4)
    assert study_cycle(ws, run, as_of=LATE).ready


def test_not_started(ws, pipe) -> None:
    planned = cycle(ws, pipe, ["Ann", "Bob"], date(2026, 3, 2), date(2026, 3, 15), started=False)
    s = study_cycle(ws, planned, as_of=LATE)
    assert (s.started, s.verdict, s.reasons) == (False, "too early", ("The cycle has not started.",))
    assert s.n_new == 4  # the numbers are there, but nobody did anything different
    future = cycle(ws, pipe, ["Ann"], date(2026, 7, 1), date(2026, 7, 31))  # started early, runs from July
    s = study_cycle(ws, future, as_of=LATE)
    assert (s.started, s.n_entered, s.reasons) == (False, 0, ("The cycle has not started.",))
    assert s.prediction_inside is None
    undated = services.create_cycle(ws, "Undated", from_stage_id=pipe.discovery, owner_rep_id=pipe.reps["Ann"])
    s = study_cycle(ws, undated.id, as_of=LATE)
    assert (s.cycle_start, s.cycle_end, s.baseline_start) == (LATE, LATE, LATE - timedelta(weeks=8))
    assert s.prediction is None and s.prediction_inside is None and s.reasons == ("The cycle has not started.",)


def test_prediction_inside_and_outside(ws, pipe, run) -> None:
    low, high = proportions.wilson_interval(3, 4)  # about 0.30 .. 0.95
    assert study_cycle(ws, run, as_of=LATE).prediction_inside is True
    services.update_cycle(ws, run, prediction_rate=0.2)
    s = study_cycle(ws, run, as_of=LATE)
    assert (s.prediction, s.prediction_inside) == (0.2, False) and 0.2 < low
    services.update_cycle(ws, run, prediction_rate=high)
    assert study_cycle(ws, run, as_of=LATE).prediction_inside is True  # the bound is inside


def test_data_argument_and_errors(ws, pipe, run) -> None:
    data = load_analysis_data(ws)
    customer(ws, pipe, "Ann", utc(2026, 3, 3), pipe.budget, 1)  # not in the snapshot
    assert study_cycle(ws, run, as_of=LATE, data=data).n_new == 4
    assert study_cycle(ws, run, as_of=LATE).n_new == 5
    naive = study_cycle(ws, run, as_of=datetime(2026, 6, 1, 18))  # naive = UTC
    assert naive.n_new == 5 and naive.cycle_end == utc(2026, 3, 16)
    with pytest.raises(ValidationError):
        study_cycle(ws, "no-such-cycle", as_of=LATE)


# --------------------------------------------------------------------------- #
# compare_reps
# --------------------------------------------------------------------------- #
CMP_AS_OF = utc(2026, 6, 20, 18)


@pytest.fixture(scope="module")
def reps_ws(tmp_path_factory):
    """Zoe converts 30 of 30, Adam, Mia and Ben 6 of 30 each (Jan-Apr); Adam has 2 immature customers.

    Built once for the module (the comparisons only read): yields (workspace, Pipe).
    """
    ws = open_workspace(tmp_path_factory.mktemp("reps") / "reps.sqlite")
    try:
        yield ws, _fill_reps(ws)
    finally:
        ws.close()


def _fill_reps(ws) -> Pipe:
    p = make_pipe(ws, {"Zoe": "North", "Adam": "North", "Mia": "South", "Ben": "South", "Eve": "South"})
    for i in range(30):
        when = utc(2026, 1, 5, 9) + timedelta(days=3 * i)
        customer(ws, p, "Zoe", when, p.budget, 2)
        for rep in ("Adam", "Mia", "Ben"):
            customer(ws, p, rep, when, p.budget if i % 5 == 0 else None, 2)
    customer(ws, p, "Adam", utc(2026, 6, 15), p.budget, 1)
    customer(ws, p, "Adam", utc(2026, 6, 16))
    customer(ws, p, "Eve", utc(2026, 7, 2), p.budget, 1)  # after the window: Eve has no row
    c1 = cycle(ws, p, ["Zoe", "Adam"], date(2026, 5, 1), date(2026, 6, 30))
    c2 = cycle(ws, p, ["Zoe"], date(2026, 5, 1), date(2026, 6, 30))
    assert c1 and c2
    return p


def test_compare_reps_table(reps_ws) -> None:
    ws, _ = reps_ws
    rc = compare_reps(ws, from_stage=1, start="2026-01-01", end=utc(2026, 7, 1), as_of=CMP_AS_OF)
    t = rc.table
    assert list(t.columns) == ["rep_id", "name", "team_id", "team_name", "x", "n", "rate", "low", "high", "z",
                               "position", "active_cycles", "n_immature"]
    assert t["name"].tolist() == ["Adam", "Ben", "Mia", "Zoe"]  # by name, not by rate
    assert t["x"].tolist() == [6, 6, 6, 30] and t["n"].tolist() == [30, 30, 30, 30]
    assert t["n_immature"].tolist() == [2, 0, 0, 0] and t["active_cycles"].tolist() == [1, 0, 0, 2]
    assert t["team_name"].tolist() == ["North", "South", "South", "North"]
    assert t[["x", "n", "active_cycles", "n_immature"]].dtypes.tolist() == [np.dtype("int64")] * 4
    assert (rc.from_stage, rc.to_stage, rc.start, rc.end) == (1, 2, utc(2026, 1, 1), utc(2026, 7, 1))
    assert rc.p0 == pytest.approx(48 / 120)
    assert t["position"].tolist() == ["below 95%", "below 95%", "below 95%", "above 99.8%"]
    assert set(t["position"]) <= set(POSITIONS)
    assert t["z"].iloc[3] == pytest.approx((1 - 0.4) / math.sqrt(0.4 * 0.6 / 30))
    assert t["low"].iloc[0] == pytest.approx(proportions.wilson_interval(6, 30)[0])
    assert rc.overdispersed is False and rc.phi > 1 and rc.tau2 > 0  # estimated, not applied


def test_compare_reps_funnel_and_overdispersion(reps_ws) -> None:
    ws, _ = reps_ws
    plain = compare_reps(ws, from_stage=1, start=utc(2026, 1, 1), end=utc(2026, 7, 1), as_of=CMP_AS_OF)
    f = plain.funnel
    assert list(f.columns) == ["n", "lower95", "upper95", "lower998", "upper998"]
    assert f["n"].iloc[0] == 1 and f["n"].iloc[-1] == pytest.approx(33) and f["n"].is_monotonic_increasing
    assert len(f) > 50
    assert ((f["lower998"] <= f["lower95"]) & (f["lower95"] <= plain.p0) & (plain.p0 <= f["upper95"])
            & (f["upper95"] <= f["upper998"])).all()
    lo, hi = proportions.funnel_limits(0.4, f["n"].to_numpy(), 0.95)
    np.testing.assert_allclose(f[["lower95", "upper95"]].to_numpy().T, [lo, hi])

    wide = compare_reps(ws, from_stage=1, start=utc(2026, 1, 1), end=utc(2026, 7, 1), as_of=CMP_AS_OF,
                        overdispersion=True)
    assert wide.overdispersed and wide.tau2 == plain.tau2 > 0 and wide.phi == plain.phi
    assert (wide.funnel["upper95"] >= f["upper95"]).all() and (wide.funnel["upper95"] > f["upper95"]).any()
    assert wide.table["position"].tolist() == ["within", "within", "within", "above 95%"]
    od = proportions.overdispersion([6, 6, 6, 30], [30, 30, 30, 30], 0.4)
    assert wide.tau2 == pytest.approx(od.tau2)
    theta = math.asin(math.sqrt(0.4))
    assert wide.table["z"].iloc[0] == pytest.approx((math.asin(math.sqrt(0.2)) - theta) / math.sqrt(1 / 120 + od.tau2))


def test_compare_reps_filters(reps_ws) -> None:
    ws, p = reps_ws
    data = load_analysis_data(ws)
    north = services.list_teams(ws)[0]
    assert north.name == "North"
    rc = compare_reps(ws, from_stage=1, start=utc(2026, 1, 1), end=utc(2026, 7, 1), as_of=CMP_AS_OF,
                      team_id=north.id, data=data)
    assert rc.table["name"].tolist() == ["Adam", "Zoe"] and rc.p0 == pytest.approx(36 / 60)
    rc = compare_reps(ws, from_stage=p.discovery, start=utc(2026, 1, 1), end=utc(2026, 7, 1),
                      as_of=CMP_AS_OF, rep_ids=[p.reps["Mia"]], data=data)
    assert rc.table["name"].tolist() == ["Mia"] and rc.p0 == pytest.approx(0.2)
    assert rc.table["position"].tolist() == ["within"] and rc.table["z"].tolist() == [0.0]
    empty = compare_reps(ws, from_stage=1, start=utc(2025, 1, 1), end=utc(2025, 2, 1), as_of=CMP_AS_OF, data=data)
    assert empty.table.empty and empty.funnel.empty and math.isnan(empty.p0)
    assert list(empty.table.columns) == list(rc.table.columns)
    with pytest.raises(ValidationError):
        compare_reps(ws, from_stage=4, start=utc(2026, 1, 1), end=utc(2026, 7, 1), as_of=CMP_AS_OF, data=data)


# --------------------------------------------------------------------------- #
# team_improvement
# --------------------------------------------------------------------------- #
def test_team_improvement_counts(ws) -> None:
    p = make_pipe(ws, {"Ann": "North", "Bob": "North", "Cat": "North", "Dan": "North"})
    base, new = utc(2026, 1, 12, 9), utc(2026, 3, 2, 9)

    def customers(rep: str, start: datetime, x: int, n: int) -> None:
        for i in range(n):
            customer(ws, p, rep, start + timedelta(days=i), p.budget if i < x else None, 1)

    customers("Ann", base, 1, 10)
    customers("Ann", new, 9, 10)
    customers("Bob", base, 2, 4)
    customers("Bob", new, 3, 5)
    customers("Cat", base, 3, 4)
    customers("Cat", new, 1, 4)
    customers("Dan", new, 2, 2)  # no baseline: not counted
    c = services.create_cycle(ws, "Everyone", from_stage_id=p.discovery, owner_rep_id=p.reps["Ann"], whole_team=True,
                              planned_start=date(2026, 3, 2), planned_end=date(2026, 3, 15), prediction_rate=0.6,
                              min_sample_size=10)
    services.start_cycle(ws, c.id, started_at=utc(2026, 3, 2))

    ti = team_improvement(ws, c.id, as_of=LATE)
    assert (ti.cycle_id, ti.n_reps, ti.k_improved, ti.k_credible) == (c.id, 3, 2, 1)
    assert ti.headline == "2 of 3 reps improved (1 credibly, chance better ≥ 90%)"
    r = ti.per_rep.set_index("name")
    assert list(r.index) == ["Ann", "Bob", "Cat", "Dan"]
    assert r[["x_base", "n_base", "x_new", "n_new"]].values.tolist() == [[1, 10, 9, 10], [2, 4, 3, 5], [3, 4, 1, 4],
                                                                         [0, 0, 2, 2]]
    assert r["improved"].tolist() == [True, True, False, False]
    assert r["credible"].tolist() == [True, False, False, False]
    assert r["counted"].tolist() == [True, True, True, False]
    assert r.loc["Bob", "prob_better"] == pytest.approx(proportions.compare_proportions(2, 4, 3, 5).prob_better)
    assert r.loc["Bob", "diff"] == pytest.approx(0.6 - 0.5) and math.isnan(r.loc["Dan", "diff"])
    assert 0.5 < r.loc["Bob", "prob_better"] < 0.9 and r.loc["Ann", "prob_better"] > 0.99
    # the team total looks like a clear improvement although only 2 of 3 reps improved
    s = ti.study
    assert (s.x_base, s.n_base, s.x_new, s.n_new) == (6, 18, 15, 21) and s.ready
    assert (s.x_base, s.n_base) == tuple(r[["x_base", "n_base"]].sum())


# --------------------------------------------------------------------------- #
# the demo workspace
# --------------------------------------------------------------------------- #
DEMO_AT = datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(demo_file, tmp_path_factory):
    target = tmp_path_factory.mktemp("study-demo") / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    ws = open_workspace(target)
    try:
        cycles = {c.title: c for c in services.list_cycles(ws)}
        yield ws, load_analysis_data(ws), cycles
    finally:
        ws.close()


def test_demo_every_cycle_studies(demo) -> None:
    ws, data, cycles = demo
    assert len(cycles) == 12
    for c in cycles.values():
        s = study_cycle(ws, c.id, as_of=DEMO_AT, data=data)
        assert 0 <= s.x_base <= s.n_base and 0 <= s.x_new <= s.n_new
        assert s.baseline_end <= s.cycle_start and s.cycle_end - s.cycle_start >= timedelta(days=1)
        assert s.baseline_end - s.baseline_start >= timedelta(weeks=8)
        assert s.ready == (s.verdict == "ready") == (not s.reasons)
        ti = team_improvement(ws, c.id, as_of=DEMO_AT, data=data)
        assert ti.n_reps <= len(s.rep_ids) and len(ti.per_rep) == len(s.rep_ids)
    planned = study_cycle(ws, cycles["Video recap to speed up signatures"].id, as_of=DEMO_AT, data=data)
    assert planned.reasons == ("The cycle has not started.",)


def test_demo_adopted_cycle(demo) -> None:
    ws, data, cycles = demo
    s = study_cycle(ws, cycles["Business case before budget"].id, as_of=DEMO_AT, data=data)
    assert s.ready and s.verdict == "ready"
    assert len(s.rep_ids) == 4 and s.n_new >= s.min_sample
    # The demo simulates a +20 point lift for this tactic: clearly positive, interval excluding zero.
    assert s.comparison.diff > 0.1 and s.comparison.diff_low > 0 and s.comparison.prob_better > 0.95


def test_demo_abandoned_cycle(demo) -> None:
    ws, data, cycles = demo
    s = study_cycle(ws, cycles["Voice notes to book discovery"].id, as_of=DEMO_AT, data=data)
    assert s.ready
    assert s.comparison.diff_low < 0 < s.comparison.diff_high


def test_demo_running_cycle_is_too_early(demo) -> None:
    ws, data, cycles = demo
    c = cycles["Anchoring budget with peers"]
    assert c.status == "do" and c.planned_start == DEMO_AS_OF - timedelta(weeks=3)
    s = study_cycle(ws, c.id, as_of=DEMO_AT, data=data)
    assert s.verdict == "too early" and not s.ready and s.started
    assert s.n_immature == s.n_entered > 0 and s.n_new == 0
    assert any("outcome is not known yet" in r for r in s.reasons)


def test_demo_compare_reps(demo) -> None:
    ws, data, _ = demo
    rc = compare_reps(ws, from_stage=1, start=DEMO_AT - timedelta(weeks=26), end=DEMO_AT, as_of=DEMO_AT, data=data)
    t = rc.table
    assert len(t) == 8 and t["name"].is_monotonic_increasing
    assert (t["n_immature"] > 0).any()  # the last 30 days are not counted
    assert rc.p0 == pytest.approx(t["x"].sum() / t["n"].sum())
    assert pd.api.types.is_float_dtype(t["z"]) and t["active_cycles"].sum() > 0

"""Tests of pdsa_desk.core.spc: reference cases, properties and hand-made series."""

from __future__ import annotations

import ast
import itertools
import json
import math
import os
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from pdsa_desk.core import proportions, spc, spc_runs

# Cases computed by qicharts2, PHEindicatormethods and statsmodels live in shared/reference beside the
# project folder. CI always has them (PDSA_REQUIRE_REFERENCE=1 makes their absence a failure);
# elsewhere the reference tests skip with the path they looked for.
REFERENCE_DIR = Path(os.environ.get("PDSA_REFERENCE_DIR", Path(__file__).resolve().parents[3] / "shared" / "reference"))
REQUIRE_REFERENCE = os.environ.get("PDSA_REQUIRE_REFERENCE") == "1"

RUNS_COLUMNS = ["runs_signal", "n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min"]


# --------------------------------------------------------------------------- #
# Reference data
# --------------------------------------------------------------------------- #
def _cases(file_name: str, id_of: Any) -> list[Any]:
    path = REFERENCE_DIR / file_name
    if not path.exists():
        if REQUIRE_REFERENCE:
            raise FileNotFoundError(f"reference cases required but missing: {path}")
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"{path} not available"))]
    with path.open(encoding="utf-8") as fh:
        cases = json.load(fh)["cases"]
    return [pytest.param(case, id=id_of(i, case)) for i, case in enumerate(cases)]


def qic_part_to_breaks(part: list[int] | None) -> list[int] | None:
    """qicharts2 ``part`` -> our 0-based phase starts.

    ``part = k`` (R, 1-based) ends a phase after its k-th point, so the next
    phase starts at 0-based index k: the numbers are the same.
    """
    return None if part is None else [int(k) for k in part]


def _expected(values: list[Any]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


@pytest.mark.parametrize(
    "case", _cases("spc_qicharts2_cases.json", lambda i, c: f"seed{c['seed']}-{c['chart']}")
)
def test_qicharts2_reference(case: dict[str, Any]) -> None:
    breaks = qic_part_to_breaks(case["breaks"])
    if case["chart"] == "run":
        df = spc.run_chart(case["values"], baseline=case["baseline"], breaks=breaks)
    else:
        df = spc.p_chart(
            case["x"], case["n"], baseline=case["baseline"], breaks=breaks, laney=case["chart"] == "pp"
        )
    exp = case["expected"]
    np.testing.assert_allclose(df["cl"].to_numpy(), _expected(exp["cl"]), rtol=1e-9, atol=0)
    if case["chart"] == "run":
        assert all(v is None for v in exp["lcl"] + exp["ucl"])
        assert "lcl" not in df and "ucl" not in df
        assert not any(exp["sigma_signal"])
    else:
        for col in ("lcl", "ucl"):
            np.testing.assert_allclose(df[col].to_numpy(), _expected(exp[col]), rtol=1e-9, atol=0)
        assert df["sigma_signal"].tolist() == exp["sigma_signal"]
    for col in RUNS_COLUMNS:
        assert df[col].tolist() == exp[col], col
    # The converted breaks are exactly where qicharts2's centre line starts a new phase.
    if breaks:
        cl = np.asarray(exp["cl"], dtype=float)
        assert np.flatnonzero(cl[1:] != cl[:-1]).tolist() == [b - 1 for b in breaks]


@pytest.mark.parametrize("case", _cases("funnel_limits_cases.json", lambda i, c: f"funnel{i}"))
@pytest.mark.parametrize(
    "level, low_key, high_key", [(0.95, "lower_95", "upper_95"), (0.998, "lower_998", "upper_998")]
)
def test_funnel_reference(case: dict[str, Any], level: float, low_key: str, high_key: str) -> None:
    lower, upper = proportions.funnel_limits(case["p0"], case["n"], level)
    np.testing.assert_allclose(lower, case[low_key], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(upper, case[high_key], rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("case", _cases("proportions_cases.json", lambda i, c: f"props{i}"))
def test_proportions_reference(case: dict[str, Any]) -> None:
    c = proportions.compare_proportions(case["x_base"], case["n_base"], case["x_new"], case["n_new"])
    close = {"rel": 1e-9, "abs": 1e-12}
    assert (c.base_low, c.base_high) == pytest.approx(case["wilson_base"], **close)
    assert (c.new_low, c.new_high) == pytest.approx(case["wilson_new"], **close)
    assert c.diff == pytest.approx(case["diff"], **close)
    assert (c.diff_low, c.diff_high) == pytest.approx(case["diff_ci"], **close)
    assert c.p_value == pytest.approx(case["fisher_p"], rel=1e-9)
    # Ours is the exact closed-form sum; the reference is good to ~1e-10.
    assert c.prob_better == pytest.approx(case["prob_better"], abs=1e-8)
    assert c.rate_base == case["x_base"] / case["n_base"]
    assert c.rate_new == case["x_new"] / case["n_new"]


# --------------------------------------------------------------------------- #
# Runs analysis
# --------------------------------------------------------------------------- #
def test_runs_analysis_hand_example() -> None:
    res = spc.runs_analysis(np.arange(1.0, 11.0))
    assert res == spc.RunsResult(5.5, 10, 5, 6, 1, 2, True)


def test_runs_analysis_drops_centre_points_and_nan() -> None:
    res = spc.runs_analysis([1, 3, 2, np.nan, 2, 1, 3], centre=2)
    assert (res.n_useful, res.longest_run, res.n_crossings) == (4, 1, 3)
    assert res.signal is False


def test_runs_analysis_baseline_defines_centre() -> None:
    res = spc.runs_analysis([1, 2, 3, 10, 11, 12], baseline=3)
    assert res.centre == 2.0
    assert (res.n_useful, res.longest_run, res.n_crossings) == (5, 4, 1)


@pytest.mark.parametrize("values", [[], [2.0, 2.0, 2.0], [np.nan, np.nan]])
def test_runs_analysis_no_useful_points(values: list[float]) -> None:
    res = spc.runs_analysis(values, centre=2.0)
    assert (res.n_useful, res.longest_run, res.n_crossings) == (0, 0, 0)
    assert (res.longest_run_max, res.n_crossings_min, res.signal) == (3, 0, False)


def test_runs_analysis_one_useful_point() -> None:
    res = spc.runs_analysis([2.0, 5.0, 2.0], centre=2.0)
    assert res == spc.RunsResult(2.0, 1, 1, 3, 0, 0, False)


def test_runs_limits_formulae() -> None:
    for n in range(1, 300):
        res = spc.runs_analysis(np.resize([0.0, 1.0], n), centre=0.5)
        assert res.longest_run_max == round(math.log2(n)) + 3
        assert res.n_crossings_min == stats.binom.ppf(0.05, n - 1, 0.5)


@settings(max_examples=100, deadline=None, database=None)
@given(
    values=st.lists(st.integers(-50, 50), min_size=0, max_size=60),
    shift=st.integers(-10_000, 10_000),
    baseline=st.none() | st.integers(1, 30),
)
def test_runs_invariant_to_constant_shift(values: list[int], shift: int, baseline: int | None) -> None:
    y = np.asarray(values, dtype=float)
    a = spc.runs_analysis(y, baseline=baseline)
    b = spc.runs_analysis(y + shift, baseline=baseline)
    if y.size:
        assert b.centre == a.centre + shift
    else:
        assert math.isnan(a.centre) and math.isnan(b.centre)
    assert a.__dict__ | {"centre": 0} == b.__dict__ | {"centre": 0}
    c = spc.runs_analysis(y + shift, centre=a.centre + shift)
    assert c.__dict__ | {"centre": 0} == b.__dict__ | {"centre": 0}


# --------------------------------------------------------------------------- #
# Run chart and IHI rules
# --------------------------------------------------------------------------- #
def test_run_chart_columns_and_phases() -> None:
    df = spc.run_chart([1, 2, 3, 4, 10, 11, 12, 13], breaks=[4], rules="ihi")
    ihi_columns = ["ihi_shift", "ihi_trend", "ihi_runs", "ihi_astronomical", "ihi_signal"]
    for col in ["y", "cl", *RUNS_COLUMNS, "phase", *ihi_columns]:
        assert col in df
    assert df["phase"].tolist() == [0] * 4 + [1] * 4
    assert df["cl"].tolist() == [2.5] * 4 + [11.5] * 4
    assert df["ihi_signal"].tolist() == (df.ihi_shift | df.ihi_trend | df.ihi_runs | df.ihi_astronomical).tolist()


def test_ihi_shift_flags_exactly_the_six_points() -> None:
    y = [4, 2, 4, 2, 4, 2, 5, 6, 5, 6, 5, 6, 2, 4, 2, 4]
    df = spc.run_chart(y, baseline=6, rules="ihi")
    assert df["cl"].iloc[0] == 3.0
    assert np.flatnonzero(df["ihi_shift"]).tolist() == list(range(6, 12))
    assert not df["ihi_trend"].any()
    assert not df["ihi_astronomical"].any()


def test_ihi_shift_five_points_is_not_a_shift() -> None:
    y = [4, 2, 4, 2, 4, 2, 5, 6, 5, 6, 5, 2, 4, 2, 4]
    assert not spc.run_chart(y, baseline=6, rules="ihi")["ihi_shift"].any()


def test_ihi_shift_points_on_median_neither_break_nor_add() -> None:
    five_and_median = [4, 2, 4, 2, 4, 2, 5, 6, 3, 5, 6, 5, 2]
    assert not spc.run_chart(five_and_median, baseline=6, rules="ihi")["ihi_shift"].any()
    six_around_median = [4, 2, 4, 2, 4, 2, 5, 6, 3, 5, 6, 5, 6, 2]
    df = spc.run_chart(six_around_median, baseline=6, rules="ihi")
    assert np.flatnonzero(df["ihi_shift"]).tolist() == [6, 7, 9, 10, 11, 12]


def test_ihi_trend_five_increasing() -> None:
    df = spc.run_chart([3, 1, 2, 3, 4, 5, 2, 3], rules="ihi")
    assert np.flatnonzero(df["ihi_trend"]).tolist() == [1, 2, 3, 4, 5]
    four = spc.run_chart([3, 1, 2, 3, 4, 2, 3, 1], rules="ihi")
    assert not four["ihi_trend"].any()


def test_ihi_trend_decreasing_and_ties() -> None:
    df = spc.run_chart([1, 9, 8, 8, 7, 6, 5, 6], rules="ihi")
    assert np.flatnonzero(df["ihi_trend"]).tolist() == [1, 2, 3, 4, 5, 6]
    # A repeated value does not count: 9, 8, 8, 7, 6 is only four distinct points.
    tie = spc.run_chart([1, 9, 8, 8, 7, 6, 7, 6], rules="ihi")
    assert not tie["ihi_trend"].any()


def test_ihi_runs_too_few_and_too_many() -> None:
    lower, upper = spc.ihi_runs_limits(20)
    assert lower <= 11 <= upper
    few = spc.run_chart([1.0] * 10 + [2.0] * 10, rules="ihi")
    assert few["ihi_runs"].all() and few["ihi_n_runs"].iloc[0] == 2
    many = spc.run_chart([1.0, 2.0] * 10, rules="ihi")
    assert many["ihi_runs"].all() and many["ihi_n_runs"].iloc[0] == 20
    ok = spc.run_chart([1, 2, 1, 1, 2, 2, 1, 2, 2, 1, 1, 2, 1, 2, 2, 1, 1, 1, 2, 2], rules="ihi")
    assert not ok["ihi_runs"].any()


def test_ihi_runs_limits_from_exact_distribution() -> None:
    # Swed-Eisenhart: n1 = n2 = 5, P(R <= 2) = 2/252, P(R <= 3) = 10/252.
    assert spc.ihi_runs_limits(10) == (3, 9)
    # Brute force: every arrangement of n1 = n // 2 points below and n2 above.
    for n in range(4, 17):
        n1 = n // 2
        runs = []
        for below in itertools.combinations(range(n), n1):
            side = np.ones(n)
            side[list(below)] = 0
            runs.append(1 + int(np.count_nonzero(side[1:] != side[:-1])))
        r = np.asarray(runs)
        lower, upper = spc.ihi_runs_limits(n)
        assert np.mean(r < lower) <= 0.025 < np.mean(r < lower + 1)
        assert np.mean(r > upper) <= 0.025 < np.mean(r > upper - 1)


def test_ihi_astronomical_point() -> None:
    y = [10, 11, 10, 11, 10, 11, 10, 11, 30, 10]
    df = spc.run_chart(y, baseline=8, rules="ihi")
    assert np.flatnonzero(df["ihi_astronomical"]).tolist() == [8]
    assert df["ihi_signal"].iloc[8]


def test_ihi_ignores_missing_values() -> None:
    df = spc.run_chart([1, 2, np.nan, 3, 4, 5, 1], rules="ihi")
    assert np.flatnonzero(df["ihi_trend"]).tolist() == [0, 1, 3, 4, 5]
    assert not df[["ihi_shift", "ihi_astronomical"]].iloc[2].any()


# --------------------------------------------------------------------------- #
# P and P' charts
# --------------------------------------------------------------------------- #
def test_p_chart_hand_example() -> None:
    x = np.array([10, 12, 8, 30])
    n = np.array([100, 100, 100, 100])
    df = spc.p_chart(x, n, baseline=3)
    assert df["cl"].iloc[0] == pytest.approx(0.1)
    half = 3 * math.sqrt(0.1 * 0.9 / 100)
    assert df["lcl"].iloc[0] == pytest.approx(0.1 - half)
    assert df["ucl"].iloc[0] == pytest.approx(0.1 + half)
    assert df["sigma_signal"].tolist() == [False, False, False, True]
    assert df["baseline"].tolist() == [True, True, True, False]


def test_p_chart_zero_denominator() -> None:
    df = spc.p_chart([5, 0, 6, 7], [10, 0, 12, 11])
    assert math.isnan(df["p"].iloc[1])
    assert math.isnan(df["lcl"].iloc[1]) and math.isnan(df["ucl"].iloc[1])
    assert not df["sigma_signal"].iloc[1]
    assert df["cl"].iloc[1] == pytest.approx(18 / 33)
    assert df["n_useful"].iloc[0] == 3
    laney = spc.p_chart([5, 0, 6, 7], [10, 0, 12, 11], laney=True)
    assert math.isnan(laney["ucl"].iloc[1]) and not laney["sigma_signal"].any()


def test_p_chart_phase_without_trials() -> None:
    df = spc.p_chart([1, 2, 0, 0], [5, 5, 0, 0], breaks=[2])
    assert df["cl"].iloc[2:].isna().all() and not df["sigma_signal"].any()
    assert df["n_useful"].iloc[3] == 0 and not df["runs_signal"].iloc[3]


def test_p_chart_clips_limits() -> None:
    df = spc.p_chart([0, 1, 0, 0], [5, 5, 5, 5])
    assert (df["lcl"] == 0).all() and (df["ucl"] <= 1).all()
    full = spc.p_chart([5, 5, 5], [5, 5, 5])
    assert (full["lcl"] == 1).all() and (full["ucl"] == 1).all() and not full["sigma_signal"].any()
    assert (spc.p_chart([5, 5, 5], [5, 5, 5], laney=True)["ucl"] == 1).all()


def test_laney_screens_large_moving_ranges() -> None:
    n = np.full(12, 400)
    p = np.array([0.30, 0.31, 0.29, 0.30, 0.32, 0.30, 0.60, 0.30, 0.31, 0.29, 0.30, 0.31])
    x = np.round(p * n)
    df = spc.p_chart(x, n, laney=True)
    cl = x.sum() / n.sum()
    sigma = math.sqrt(cl * (1 - cl) / 400)
    mr = np.abs(np.diff((x / n - cl) / sigma))
    kept = mr[mr < 3.267 * mr.mean()]
    assert kept.size == mr.size - 2  # the jump up and down to 0.60 are screened out
    sigma_z = kept.mean() / 1.128
    assert df["ucl"].iloc[0] == pytest.approx(cl + 3 * sigma * sigma_z, rel=1e-12)
    assert df["lcl"].iloc[0] == pytest.approx(cl - 3 * sigma * sigma_z, rel=1e-12)
    assert df["sigma_signal"].tolist() == [i == 6 for i in range(12)]


def test_laney_equals_p_chart_scaled_by_sigma_z() -> None:
    rng = np.random.default_rng(7)
    n = rng.integers(50, 500, 40)
    x = rng.binomial(n, 0.4)
    p_df = spc.p_chart(x, n)
    pp_df = spc.p_chart(x, n, laney=True)
    half_p = p_df["ucl"] - p_df["cl"]
    half_pp = pp_df["ucl"] - pp_df["cl"]
    ratio = (half_pp / half_p).to_numpy()
    assert np.allclose(ratio, ratio[0])


@st.composite
def counts(draw: st.DrawFn, min_size: int = 1, max_size: int = 40, max_n: int = 500) -> tuple[np.ndarray, np.ndarray]:
    n = draw(st.lists(st.integers(0, max_n), min_size=min_size, max_size=max_size))
    x = [draw(st.integers(0, k)) for k in n]
    return np.asarray(x), np.asarray(n)


@st.composite
def breaks_for(draw: st.DrawFn, length: int) -> list[int] | None:
    if length < 2 or draw(st.booleans()):
        return None
    return sorted(draw(st.sets(st.integers(1, length - 1), max_size=4)))


@settings(max_examples=100, deadline=None, database=None)
@given(data=st.data(), laney=st.booleans(), baseline=st.none() | st.integers(1, 10))
def test_p_chart_limits_contain_cl_and_stay_in_unit_interval(
    data: st.DataObject, laney: bool, baseline: int | None
) -> None:
    x, n = data.draw(counts())
    breaks = data.draw(breaks_for(len(x)))
    df = spc.p_chart(x, n, baseline=baseline, breaks=breaks, laney=laney)
    ok = df["lcl"].notna()
    assert (df.loc[ok, "lcl"] >= 0).all() and (df.loc[ok, "ucl"] <= 1).all()
    assert (df.loc[ok, "lcl"] <= df.loc[ok, "cl"] + 1e-15).all()
    assert (df.loc[ok, "cl"] <= df.loc[ok, "ucl"] + 1e-15).all()
    assert df.loc[n == 0, "p"].isna().all()
    assert not df.loc[n == 0, "sigma_signal"].any()


def _phase_frames(df: pd.DataFrame, starts: list[int], size: int) -> list[pd.DataFrame]:
    edges = [0, *starts, size]
    return [
        df.iloc[a:b].drop(columns="phase").reset_index(drop=True) for a, b in itertools.pairwise(edges)
    ]


@settings(max_examples=60, deadline=None, database=None)
@given(data=st.data(), laney=st.booleans(), baseline=st.none() | st.integers(1, 8))
def test_p_chart_phases_are_independent(data: st.DataObject, laney: bool, baseline: int | None) -> None:
    x, n = data.draw(counts(min_size=2))
    breaks = data.draw(breaks_for(len(x))) or []
    whole = spc.p_chart(x, n, baseline=baseline, breaks=breaks, laney=laney)
    edges = [0, *breaks, len(x)]
    assert whole["phase"].tolist() == [k for k in range(len(edges) - 1) for _ in range(edges[k + 1] - edges[k])]
    for part, (a, b) in zip(_phase_frames(whole, breaks, len(x)), itertools.pairwise(edges), strict=True):
        alone = spc.p_chart(x[a:b], n[a:b], baseline=baseline, laney=laney).drop(columns="phase")
        pd.testing.assert_frame_equal(part, alone)


@settings(max_examples=60, deadline=None, database=None)
@given(
    data=st.data(),
    values=st.lists(st.integers(0, 20) | st.just(None), min_size=2, max_size=40),
    baseline=st.none() | st.integers(1, 8),
)
def test_run_chart_phases_are_independent(data: st.DataObject, values: list[int | None], baseline: int | None) -> None:
    y = np.array([np.nan if v is None else v for v in values], dtype=float)
    breaks = data.draw(breaks_for(len(y))) or []
    whole = spc.run_chart(y, baseline=baseline, breaks=breaks, rules="ihi")
    edges = [0, *breaks, len(y)]
    for part, (a, b) in zip(_phase_frames(whole, breaks, len(y)), itertools.pairwise(edges), strict=True):
        alone = spc.run_chart(y[a:b], baseline=baseline, rules="ihi").drop(columns="phase")
        pd.testing.assert_frame_equal(part, alone)


def test_series_index_is_kept() -> None:
    idx = pd.date_range("2024-01-01", periods=4, freq="W")
    df = spc.p_chart(pd.Series([1, 2, 3, 4], index=idx), [10, 10, 10, 10])
    assert df.index.equals(idx)
    assert spc.run_chart(pd.Series([1.0, 2.0, 3.0, 4.0], index=idx)).index.equals(idx)


def test_empty_series() -> None:
    assert spc.run_chart([]).empty
    assert spc.p_chart([], []).empty


# --------------------------------------------------------------------------- #
# Validation
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"x": [1, 2], "n": [3]}, "same length"),
        ({"x": [4, 2], "n": [3, 3]}, "must not exceed n"),
        ({"x": [-1, 2], "n": [3, 3]}, "non-negative"),
        ({"x": [1, 2], "n": [-3, 3]}, "non-negative"),
        ({"x": [1, np.nan], "n": [3, 3]}, "finite"),
        ({"x": [[1, 2]], "n": [[3, 3]]}, "one-dimensional"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "breaks": [2, 1]}, "strictly increasing"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "breaks": [1, 1]}, "strictly increasing"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "breaks": [3]}, "out of range"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "breaks": [0]}, "out of range"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "breaks": [1.5]}, "integers"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "baseline": 0}, "at least 1"),
        ({"x": [1, 2, 3], "n": [3, 3, 3], "baseline": 2.5}, "positive integer"),
    ],
)
def test_p_chart_validation(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        spc.p_chart(**kwargs)


def test_run_chart_validation() -> None:
    with pytest.raises(ValueError, match="rules"):
        spc.run_chart([1, 2, 3], rules="western-electric")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="out of range"):
        spc.run_chart([1, 2, 3], breaks=[5])
    with pytest.raises(ValueError, match="finite or NaN"):
        spc.run_chart([1, np.inf])
    with pytest.raises(ValueError, match="numeric"):
        spc.run_chart(["a", "b"])


def test_other_validation() -> None:
    with pytest.raises(ValueError, match="0 <= x <= n"):
        proportions.wilson_interval(5, 4)
    with pytest.raises(ValueError, match="level"):
        proportions.wilson_interval(1, 4, level=1.0)
    with pytest.raises(ValueError, match="p0"):
        proportions.funnel_limits(1.2, [10])
    with pytest.raises(ValueError, match="needs the units"):
        proportions.funnel_limits(0.3, [10], overdispersion=True)
    with pytest.raises(ValueError, match="only used"):
        proportions.funnel_limits(0.3, [10], x=[3])
    with pytest.raises(ValueError, match="must not exceed"):
        proportions.compare_proportions(5, 4, 1, 2)
    with pytest.raises(ValueError, match="integer"):
        proportions.compare_proportions(1.5, 4, 1, 2)
    with pytest.raises(ValueError, match="integer"):
        proportions.compare_proportions(-1, 4, 1, 2)
    with pytest.raises(ValueError, match="integer"):
        proportions.compare_proportions("1", 4, 1, 2)  # type: ignore[arg-type]
    assert proportions.compare_proportions(1.0, 4, np.int64(1), 2).rate_base == 0.25


# --------------------------------------------------------------------------- #
# Wilson, funnels, overdispersion
# --------------------------------------------------------------------------- #
def test_wilson_shapes_and_edge_cases() -> None:
    low, high = proportions.wilson_interval(0, 0)
    assert (low, high) == (0.0, 1.0) and isinstance(low, float)
    low_a, high_a = proportions.wilson_interval(np.array([0, 3, 10]), 10)
    assert isinstance(low_a, np.ndarray) and low_a.shape == (3,)
    assert low_a[0] == 0.0 and high_a[2] == 1.0
    # statsmodels' proportion_confint(3, 10, method="wilson")
    assert (low_a[1], high_a[1]) == pytest.approx((0.10779126740630087, 0.6032218525388546), rel=1e-12)


@settings(max_examples=100, deadline=None, database=None)
@given(
    n=st.integers(1, 10**6),
    frac=st.floats(0, 1),
    level=st.sampled_from([0.5, 0.8, 0.9, 0.95, 0.99, 0.998]),
)
def test_wilson_bounds_contain_estimate(n: int, frac: float, level: float) -> None:
    x = round(frac * n)
    low, high = proportions.wilson_interval(x, n, level)
    assert 0.0 <= low <= x / n <= high <= 1.0


def test_funnel_zero_denominator_and_scalar() -> None:
    lower, upper = proportions.funnel_limits(0.3, np.array([0, 10]), 0.95)
    assert (lower[0], upper[0]) == (0.0, 1.0)
    lo, hi = proportions.funnel_limits(0.3, 10, 0.95)
    assert isinstance(lo, float) and (lo, hi) == (lower[1], upper[1])


@settings(max_examples=100, deadline=None, database=None)
@given(
    p0=st.floats(0, 1),
    n=st.lists(st.integers(0, 10**5), min_size=1, max_size=30),
    level=st.sampled_from([0.95, 0.998]),
)
def test_funnel_limits_narrow_and_contain_p0(p0: float, n: list[int], level: float) -> None:
    ns = np.sort(np.asarray(n))
    lower, upper = proportions.funnel_limits(p0, ns, level)
    assert ((0 <= lower) & (lower <= p0 + 1e-15) & (p0 - 1e-15 <= upper) & (upper <= 1)).all()
    assert (np.diff(lower) >= -1e-15).all() and (np.diff(upper) <= 1e-15).all()
    wide_lower, wide_upper = proportions.funnel_limits(p0, ns, 0.998)
    if level == 0.95:
        assert (wide_lower <= lower + 1e-15).all() and (wide_upper >= upper - 1e-15).all()


@settings(max_examples=60, deadline=None, database=None)
@given(data=st.data(), p0=st.floats(0.01, 0.99), level=st.sampled_from([0.95, 0.998]))
def test_overdispersed_funnel_narrow_and_contain_p0(data: st.DataObject, p0: float, level: float) -> None:
    x, n_units = data.draw(counts(min_size=2, max_n=2000))
    grid = np.sort(np.asarray(data.draw(st.lists(st.integers(0, 10**4), min_size=1, max_size=20))))
    lower, upper = proportions.funnel_limits(p0, grid, level, overdispersion=True, x=x, n_units=n_units)
    assert ((0 <= lower) & (lower <= p0 + 1e-12) & (p0 - 1e-12 <= upper) & (upper <= 1)).all()
    assert (np.diff(lower) >= -1e-12).all() and (np.diff(upper) <= 1e-12).all()


def test_overdispersion_hand_computation() -> None:
    x = np.array([30, 55, 20, 90, 41, 12, 66, 75, 18, 50])
    n = np.array([100, 120, 80, 150, 90, 60, 140, 110, 70, 100])
    od = proportions.overdispersion(x, n)
    p0 = x.sum() / n.sum()
    s = 1 / (2 * np.sqrt(n))
    z = (np.arcsin(np.sqrt(x / n)) - np.arcsin(np.sqrt(p0))) / s
    lo, hi = np.quantile(z, [0.1, 0.9])
    zw = np.clip(z, lo, hi)
    phi = np.mean(zw**2)
    w = 1 / s**2
    tau2 = max(0.0, (10 * phi - 9) / (w.sum() - (w**2).sum() / w.sum()))
    assert od.p0 == pytest.approx(p0) and od.k == 10
    assert od.phi == pytest.approx(phi, rel=1e-12)
    assert od.tau2 == pytest.approx(tau2, rel=1e-12) and od.tau2 > 0
    grid = np.array([10, 100, 1000])
    lower, upper = proportions.funnel_limits(p0, grid, 0.95, overdispersion=od)
    theta = np.arcsin(np.sqrt(p0))
    spread = stats.norm.ppf(0.975) * np.sqrt(1 / (4 * grid) + tau2)
    np.testing.assert_allclose(lower, np.sin(theta - spread) ** 2, rtol=1e-12)
    np.testing.assert_allclose(upper, np.sin(theta + spread) ** 2, rtol=1e-12)
    same = proportions.funnel_limits(p0, grid, 0.95, overdispersion=True, x=x, n_units=n)
    np.testing.assert_array_equal(same[0], lower)
    plain = proportions.funnel_limits(p0, grid, 0.95)
    assert (lower < plain[0]).all() and (upper > plain[1]).all()


def test_overdispersion_worked_example() -> None:
    """An independent case: the numbers below were worked out by hand (a calculator), step by step,
    for five reps of 100 customers each, following Spiegelhalter (2005) as FunnelPlotR does.

    1. p0 = (10 + 20 + 25 + 30 + 40) / 500 = 0.25, so theta0 = asin(sqrt(0.25)) = pi/6 = 0.5235987756.
    2. Angles asin(sqrt(x/n)) for 0.10, 0.20, 0.25, 0.30, 0.40:
       0.3217505544, 0.4636476090, 0.5235987756, 0.5796397404, 0.6847192030.
    3. z = (angle - theta0) * 2 * sqrt(100) = (angle - theta0) * 20:
       -4.0369644240, -1.1990233319, 0, 1.1208192953, 3.2224085481.
    4. Winsorised at the 10% and 90% quantiles (linear interpolation between order statistics:
       positions 0.4 and 3.6 of 0..4): -4.0369644240 + 0.4 * 2.8379410921 = -2.9017879872 and
       1.1208192953 + 0.6 * 2.1015892528 = 2.3817728470; the two ends are pulled in to them.
    5. phi = mean(zw^2) = (8.4203733 + 1.4376570 + 0 + 1.2562359 + 5.6728420) / 5 = 3.3574216521.
    6. Weights w = 1 / s^2 = 4n = 400 each: sum(w) - sum(w^2) / sum(w) = 2000 - 400 = 1600, and
       tau2 = (k * phi - (k - 1)) / 1600 = (16.7871083 - 4) / 1600 = 0.0079919427.
    7. 95% limits (z = 1.9599639845) at n = 100: spread = z * sqrt(1/400 + tau2) = 0.2007594722,
       sin^2(theta0 -/+ spread) = 0.1006541972 and 0.4391115894; at n = 25 and 400 likewise.
    """
    x = [10, 20, 25, 30, 40]
    n = [100, 100, 100, 100, 100]
    od = proportions.overdispersion(x, n)
    assert od.p0 == 0.25 and od.k == 5
    np.testing.assert_allclose(od.z, [-4.0369644240, -1.1990233319, 0.0, 1.1208192953, 3.2224085481], atol=1e-9)
    np.testing.assert_allclose(od.z_winsorised, [-2.9017879872, -1.1990233319, 0.0, 1.1208192953, 2.3817728470],
                               atol=1e-9)
    assert od.phi == pytest.approx(3.3574216521, rel=1e-9)
    assert od.tau2 == pytest.approx(0.0079919427, rel=1e-8)
    lower, upper = proportions.funnel_limits(0.25, [25, 100, 400], 0.95, overdispersion=od)
    np.testing.assert_allclose(lower, [0.0664390865, 0.1006541972, 0.1122597299], rtol=1e-8)
    np.testing.assert_allclose(upper, [0.5010985133, 0.4391115894, 0.4204782694], rtol=1e-8)


def test_overdispersion_absent_for_binomial_data() -> None:
    n = np.full(20, 1000)
    x = np.full(20, 300)  # perfectly on target: under-dispersed
    od = proportions.overdispersion(x, n, 0.3)
    assert od.phi == 0.0 and od.tau2 == 0.0


# --------------------------------------------------------------------------- #
# Comparing proportions
# --------------------------------------------------------------------------- #
@st.composite
def group(draw: st.DrawFn) -> tuple[int, int]:
    n = draw(st.integers(1, 2000))
    return draw(st.integers(0, n)), n


@settings(max_examples=100, deadline=None, database=None)
@given(a=group(), b=group())
def test_compare_proportions_properties(a: tuple[int, int], b: tuple[int, int]) -> None:
    ab = proportions.compare_proportions(a[0], a[1], b[0], b[1])
    ba = proportions.compare_proportions(b[0], b[1], a[0], a[1])
    assert ab.diff_low <= ab.diff <= ab.diff_high
    assert -1.0 <= ab.diff_low and ab.diff_high <= 1.0
    assert 0.0 <= ab.prob_better <= 1.0
    assert ab.prob_better + ba.prob_better == pytest.approx(1.0, abs=1e-9)
    assert ab.p_value == pytest.approx(ba.p_value, rel=1e-12)
    assert ab.diff == -ba.diff
    assert 0.0 <= ab.p_value <= 1.0


def test_prob_better_hand_values() -> None:
    # Same data, same posterior: exactly even odds.
    assert proportions.compare_proportions(3, 10, 3, 10).prob_better == pytest.approx(0.5, abs=1e-12)
    # Beta(2,1) vs Beta(1,2): P(X > Y) = 5/6.
    assert proportions.compare_proportions(0, 1, 1, 1).prob_better == pytest.approx(5 / 6, abs=1e-12)


def test_compare_with_empty_group() -> None:
    c = proportions.compare_proportions(0, 0, 3, 10)
    assert math.isnan(c.rate_base) and math.isnan(c.diff)
    assert (c.base_low, c.base_high) == (0.0, 1.0)
    assert c.p_value == 1.0
    # Uniform prior vs Beta(4, 8): P(Beta(4,8) > U) = E[Beta(4,8)] = 1/3.
    assert c.prob_better == pytest.approx(1 / 3, abs=1e-12)


# --------------------------------------------------------------------------- #
# Architecture
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("module", [spc, spc_runs], ids=["spc", "spc_runs"])
def test_spc_has_no_gui_imports(module: ModuleType) -> None:
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"PySide6", "pyqtgraph", "PyQt5", "PyQt6"}

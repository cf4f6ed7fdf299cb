"""The small-sample guard's thresholds (pdsa_desk.core.spc), each tested at its edge, and the issue's
reproduction: P′ on tiny subgroups is not offered."""

from __future__ import annotations

import math

import numpy as np

from pdsa_desk.core import chart_guard, spc, spc_guard


def test_runs_rules_need_ten_useful_points() -> None:
    assert spc_guard.MIN_USEFUL_POINTS == 10
    assert not spc_guard.runs_apply(9) and spc_guard.runs_apply(10)


def test_limits_need_five_expected_events_and_non_events_per_typical_subgroup() -> None:
    assert spc_guard.MIN_EXPECTED_COUNT == 5.0
    # centre 0.5: a median subgroup of 10 expects 5 and 5 -> limits; of 9 -> none
    assert spc_guard.limits_apply([10, 10, 10, 3], 0.5) == (True, 5.0)
    ok, typical = spc_guard.limits_apply([9, 9, 9, 30], 0.5)
    assert not ok and typical == 4.5
    # the rarer side decides: at 90% a subgroup of 40 expects only 4 non-conversions
    assert not spc_guard.limits_apply([40] * 12, 0.9)[0] and spc_guard.limits_apply([60] * 12, 0.9)[0]
    # empty periods are not subgroups (the one rule for n = 0)
    assert spc_guard.limits_apply([0, 0, 10, 10, 10], 0.5)[0]
    assert not spc_guard.limits_apply([0, 0], 0.5)[0]


def test_laney_needs_ten_points_and_extra_variation() -> None:
    assert spc_guard.laney_applies(1.8, 9) == (False, "points")
    assert spc_guard.laney_applies(1.0, 10) == (False, "under")
    assert spc_guard.laney_applies(1.01, 10) == (True, "")


def test_overdispersion_needs_three_reps_with_enough_data() -> None:
    assert spc_guard.MIN_DISPERSION_UNITS == 3
    # 1-12 opportunities per rep (the issue's Compare): not estimable, however far apart the rates
    small = spc_guard.dispersion_check([1, 0, 12, 0], [1, 3, 12, 2])
    assert not small.estimable and not small.overdispersed and math.isnan(small.phi)
    two = spc_guard.dispersion_check([5, 25, 1], [50, 50, 3])  # only two reps expect 5 and 5
    assert two.k_eligible == 2 and not two.estimable
    three = spc_guard.dispersion_check([5, 25, 45], [50, 50, 50])
    assert three.estimable and three.overdispersed and three.p_value < spc_guard.DISPERSION_ALPHA


def test_the_issue_reproduction_is_guarded() -> None:
    # spc.p_chart(x, n, laney=True) gives limits 0.546-0.727 here, as documented; the chart layer must not
    # offer it: too few points for sigma_z, and subgroups far too small for limits at all.
    x, n = [2, 0, 0, 0, 0, 0, 3, 1, 1], [2, 1, 1, 1, 0, 0, 4, 1, 1]
    res = spc.p_chart(x, n, laney=True)
    assert (round(float(res["lcl"].iloc[1]), 3), round(float(res["ucl"].iloc[1]), 3)) == (0.546, 0.727)
    centre = sum(x) / sum(n)
    check = chart_guard.phase_check(0, np.asarray(n), int((np.asarray(n) > 0).sum()), centre, limits=True)
    assert check.limits_ok is False and not check.runs_ok
    guard = chart_guard.build_guard([check], chart="pp", period="week", group=("rep", "r1"), ranged=True,
                                    team=("t1", "North"))
    assert guard.reason.startswith("Too little data to tell a signal from noise")
    assert [r.kind for r in guard.remedies] == ["period", "scope", "scope", "range"]

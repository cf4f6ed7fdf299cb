"""Empty periods (n = 0) follow one rule on every chart type and rule set (see pdsa_desk.core.spc):
no value, no limits, no signal; they take no part in the centre line or the runs analysis (and the
moving ranges beside them are left out of Laney's sigma_z, as qicharts2 does). A property inserts
empty periods at random places in random series and checks it."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pdsa_desk.core import spc

SIGNALS = ("sigma_signal", "ihi_shift", "ihi_trend", "ihi_astronomical")


@st.composite
def series_with_gaps(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    size = draw(st.integers(4, 40))
    n = np.array(draw(st.lists(st.integers(1, 60), min_size=size, max_size=size)), dtype=np.int64)
    x = np.array([draw(st.integers(0, int(k))) for k in n], dtype=np.int64)
    gaps = sorted(draw(st.lists(st.integers(0, size), min_size=1, max_size=6)))
    gx, gn = x.tolist(), n.tolist()
    for offset, at in enumerate(gaps):
        gx.insert(at + offset, 0)
        gn.insert(at + offset, 0)
    return x, n, np.array(gx, dtype=np.int64), np.array(gn, dtype=np.int64)


def _gap_rows_are_empty(res, empty: np.ndarray) -> None:
    for column in ("lcl", "ucl"):
        if column in res:
            assert np.isnan(res[column].to_numpy(dtype=float)[empty]).all(), column
    for column in SIGNALS:
        if column in res:
            assert not res[column].to_numpy(dtype=bool)[empty].any(), column


@settings(max_examples=60, deadline=None)
@given(series_with_gaps())
def test_p_charts_treat_empty_periods_one_way(case) -> None:
    x, n, gx, gn = case
    empty = gn == 0
    plain, gapped = spc.p_chart(x, n), spc.p_chart(gx, gn)
    _gap_rows_are_empty(gapped, empty)
    assert np.isnan(gapped["p"].to_numpy(dtype=float)[empty]).all()
    # The centre line, the limits and the limit signals of the other periods do not move.
    assert np.allclose(gapped["cl"].to_numpy(dtype=float)[~empty], plain["cl"].to_numpy(dtype=float))
    for column in ("lcl", "ucl"):
        assert np.allclose(gapped[column].to_numpy(dtype=float)[~empty], plain[column].to_numpy(dtype=float),
                           equal_nan=True)
    assert (gapped["sigma_signal"].to_numpy(dtype=bool)[~empty] == plain["sigma_signal"].to_numpy(dtype=bool)).all()
    assert int(gapped["n_useful"].iat[0]) == int(plain["n_useful"].iat[0])
    laney = spc.p_chart(gx, gn, laney=True)
    _gap_rows_are_empty(laney, empty)
    assert np.allclose(laney["cl"].to_numpy(dtype=float)[~empty], plain["cl"].to_numpy(dtype=float))


@settings(max_examples=60, deadline=None)
@given(series_with_gaps(), st.sampled_from(["anhoej", "ihi"]))
def test_run_charts_treat_empty_periods_one_way(case, rules: str) -> None:
    x, n, gx, gn = case
    empty = gn == 0
    y = x / n
    gy = np.where(gn > 0, gx / np.where(gn > 0, gn, 1), np.nan)
    plain, gapped = spc.run_chart(y, rules=rules), spc.run_chart(gy, rules=rules)
    _gap_rows_are_empty(gapped, empty)
    # The median and the runs analysis (useful points, longest run, crossings) ignore the gaps.
    assert np.isclose(float(gapped["cl"].iat[0]), float(plain["cl"].iat[0]))
    for column in ("n_useful", "longest_run", "n_crossings", "runs_signal"):
        assert gapped[column].iat[0] == plain[column].iat[0], column

"""The run chart rules on one phase's points (Qt-free): Anhøj's runs analysis and the IHI rules.

Each function takes the points of one phase (NaN for an empty period) and its centre line; the charts of
:mod:`pdsa_desk.core.spc` cut a series into phases and baselines, call these per phase and document the
conventions they share (phases, baselines, empty periods). Here:

* :func:`runs_on` -- Anhøj: the longest run against ``round(log2(n_useful)) + 3`` (Schilling 2012) and the
  number of crossings against the 5th percentile of Binomial(``n_useful - 1``, 1/2) (Chen 2010); points on
  the centre line and missing points are dropped, runs continue across them (:class:`RunsResult`).
* :func:`ihi_runs_limits`, :func:`ihi_shift`, :func:`ihi_trend`, :func:`ihi_astronomical` -- the IHI run
  chart rules (Perla, Provost & Murray 2011), hand-written: no library implements them.
* :func:`screened_sigma` -- sigma from the screened average moving range (consecutive points only), which
  the astronomical-point rule and Laney's P′ share.

Distributions come from :mod:`pdsa_desk.core.distributions` / :mod:`scipy.special` (not :mod:`scipy.stats`:
its import is on the path to the first agenda; see there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray
from scipy import special

from pdsa_desk.core.distributions import binom_ppf

__all__ = [
    "D2",
    "D4",
    "IHI_RUNS_ALPHA",
    "IHI_SHIFT_LENGTH",
    "IHI_TREND_LENGTH",
    "FloatArray",
    "RunsResult",
    "ihi_astronomical",
    "ihi_runs_limits",
    "ihi_shift",
    "ihi_trend",
    "nan_median",
    "runs_on",
    "screened_sigma",
]

FloatArray: TypeAlias = NDArray[np.float64]

#: d2 for moving ranges of two consecutive points (E[|X1 - X2|] = d2 * sigma).
D2 = 1.128
#: D4 for moving ranges of two: a moving range above D4 * mean(MR) is screened
#: out before sigma is estimated (Nelson 1982; qicharts2 ``qic.screenedmr``).
D4 = 3.267
#: IHI shift: this many or more consecutive points on one side of the median.
IHI_SHIFT_LENGTH = 6
#: IHI trend: this many or more consecutive increasing (or decreasing) points.
IHI_TREND_LENGTH = 5
#: Total (two-sided) false-alarm risk of the IHI too-few/too-many-runs rule,
#: split equally between the tails ("about a 5% risk", Perla et al. 2011).
IHI_RUNS_ALPHA = 0.05


# --------------------------------------------------------------------------- #
# Runs analysis
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class RunsResult:
    """Anhoej runs analysis of one series (one phase) against a centre line.

    Attributes
    ----------
    centre:
        The centre line the points were classified against (NaN if none could
        be computed, e.g. an all-missing baseline).
    n_useful:
        Number of non-missing points not exactly on the centre line.
    longest_run:
        Length of the longest run of useful points on one side of the centre.
    longest_run_max:
        Largest run length consistent with random variation,
        ``round(log2(n_useful)) + 3``.
    n_crossings:
        Number of times consecutive useful points change side
        (number of runs minus one).
    n_crossings_min:
        Fewest crossings consistent with random variation: the 5th percentile
        of Binomial(``n_useful - 1``, 0.5).
    signal:
        ``longest_run > longest_run_max or n_crossings < n_crossings_min``.

    With ``n_useful == 0`` no test is possible: ``longest_run`` and
    ``n_crossings`` are 0 and the limits take their ``n_useful == 1`` values
    (3 and 0), so ``signal`` is False.  ``n_useful == 1`` (a single run of
    length 1, no crossing) can never signal either.
    """

    centre: float
    n_useful: int
    longest_run: int
    longest_run_max: int
    n_crossings: int
    n_crossings_min: int
    signal: bool


@lru_cache(maxsize=4096)
def _runs_limits(n_useful: int) -> tuple[int, int]:
    """(longest_run_max, n_crossings_min) for ``n_useful`` useful points."""
    m = max(n_useful, 1)
    # log2 of an integer is never exactly x.5, so R's round-half-to-even and
    # any other tie rule agree: plain round() reproduces qicharts2.
    longest_max = round(math.log2(m)) + 3
    crossings_min = binom_ppf(0.05, m - 1, 0.5)
    return longest_max, crossings_min


def _useful_signs(values: FloatArray, centre: float) -> tuple[NDArray[np.intp], FloatArray]:
    """Positions and signs (+1/-1) of the points that are off the centre line."""
    signs = np.sign(values - centre)  # NaN for missing values or NaN centre
    keep = np.flatnonzero(np.abs(signs) == 1.0)
    return keep, signs[keep]


def _run_ids(signs: FloatArray) -> NDArray[np.intp]:
    """Label consecutive equal entries of ``signs`` 0, 0, 1, 1, 1, 2, ..."""
    if signs.size == 0:
        return np.zeros(0, dtype=np.intp)
    return np.concatenate(([0], np.cumsum(signs[1:] != signs[:-1]))).astype(np.intp)


def runs_on(values: FloatArray, centre: float) -> RunsResult:
    _, signs = _useful_signs(values, centre)
    n_useful = int(signs.size)
    longest_max, crossings_min = _runs_limits(n_useful)
    if n_useful == 0:
        return RunsResult(float(centre), 0, 0, longest_max, 0, crossings_min, False)
    run_lengths = np.bincount(_run_ids(signs))
    longest = int(run_lengths.max())
    crossings = int(run_lengths.size - 1)
    signal = longest > longest_max or crossings < crossings_min
    return RunsResult(float(centre), n_useful, longest, longest_max, crossings, crossings_min, bool(signal))


def nan_median(values: FloatArray) -> float:
    """Median ignoring NaN; NaN (without a warning) if nothing is left."""
    finite = values[~np.isnan(values)]
    return float(np.median(finite)) if finite.size else math.nan


# --------------------------------------------------------------------------- #
# IHI run chart rules (hand-written: no library implements them)
# --------------------------------------------------------------------------- #
def _log_comb(n: NDArray[np.int64] | int, k: NDArray[np.int64]) -> FloatArray:
    """log C(n, k) with -inf where the coefficient is zero (k < 0 or k > n)."""
    n_arr = np.broadcast_to(np.asarray(n, dtype=np.float64), np.shape(k))
    k_arr = np.asarray(k, dtype=np.float64)
    ok = (k_arr >= 0) & (k_arr <= n_arr) & (n_arr >= 0)
    out = np.full(np.shape(k), -np.inf)
    out[ok] = (
        special.gammaln(n_arr[ok] + 1)
        - special.gammaln(k_arr[ok] + 1)
        - special.gammaln(n_arr[ok] - k_arr[ok] + 1)
    )
    return out


@lru_cache(maxsize=1024)
def ihi_runs_limits(n_useful: int, alpha: float = IHI_RUNS_ALPHA) -> tuple[int, int]:
    """Swed-Eisenhart limits ``(lower, upper)`` for the number of runs.

    The IHI run-count table (Perla, Provost & Murray 2011) is the two-sided
    Swed-Eisenhart (1943) runs test for ``n_useful`` points split as evenly as
    a median allows, ``n1 = n_useful // 2`` below and ``n2 = n_useful - n1``
    above.  We compute it from the exact null distribution of the number of
    runs ``R`` (points in random order)::

        P(R = 2k)   = 2 C(n1-1, k-1) C(n2-1, k-1) / C(n, n1)
        P(R = 2k+1) = [C(n1-1, k-1) C(n2-1, k) + C(n1-1, k) C(n2-1, k-1)] / C(n, n1)

    (log-gamma arithmetic, so any ``n`` works) and return the smallest
    ``lower`` with ``P(R < lower) <= alpha/2`` and the largest ``upper`` with
    ``P(R > upper) <= alpha/2``.  Fewer than ``lower`` or more than ``upper``
    runs is a signal.  For ``n_useful < 2`` both limits equal ``n_useful``.
    """
    if n_useful < 2:
        return n_useful, n_useful
    n1 = n_useful // 2
    n2 = n_useful - n1
    r = np.arange(2, n_useful + 1, dtype=np.int64)
    k = r // 2
    log_even = math.log(2.0) + _log_comb(n1 - 1, k - 1) + _log_comb(n2 - 1, k - 1)
    log_odd = np.logaddexp(
        _log_comb(n1 - 1, k - 1) + _log_comb(n2 - 1, k),
        _log_comb(n1 - 1, k) + _log_comb(n2 - 1, k - 1),
    )
    log_total = float(_log_comb(n_useful, np.array([n1]))[0])
    pmf = np.exp(np.where(r % 2 == 0, log_even, log_odd) - log_total)
    cdf = np.cumsum(pmf)  # P(R <= r)
    sf = np.cumsum(pmf[::-1])[::-1]  # P(R >= r)
    tail = alpha / 2.0
    lower = int(r[np.argmax(cdf > tail)])
    upper = int(r[len(r) - 1 - np.argmax(sf[::-1] > tail)])
    return lower, upper


def ihi_shift(values: FloatArray, centre: float) -> NDArray[np.bool_]:
    """Points belonging to a run of >= 6 useful points on one side of the centre.

    Points on the centre line (and missing points) are skipped: they neither
    break a run nor count towards it, and are not themselves flagged.
    """
    flags = np.zeros(values.size, dtype=bool)
    pos, signs = _useful_signs(values, centre)
    if signs.size:
        ids = _run_ids(signs)
        flags[pos] = np.bincount(ids)[ids] >= IHI_SHIFT_LENGTH
    return flags


def ihi_trend(values: FloatArray) -> NDArray[np.bool_]:
    """Points belonging to >= 5 consecutive strictly increasing/decreasing points.

    Equal consecutive values count as one point (IHI: "if two or more
    successive values are the same, ignore the repeats when counting"): they
    neither extend nor break a trend, and all of them are flagged when their
    common value is part of a trend.  Missing values are skipped.
    """
    flags = np.zeros(values.size, dtype=bool)
    pos = np.flatnonzero(~np.isnan(values))
    v = values[pos]
    if v.size < IHI_TREND_LENGTH:
        return flags
    new_group = np.concatenate(([True], v[1:] != v[:-1]))
    group_of = np.cumsum(new_group) - 1
    distinct = v[new_group]
    steps = np.sign(np.diff(distinct))  # all non-zero by construction
    if steps.size == 0:
        return flags
    ids = _run_ids(steps)
    step_in_trend = np.bincount(ids)[ids] >= IHI_TREND_LENGTH - 1
    group_flag = np.zeros(distinct.size, dtype=bool)
    group_flag[:-1] |= step_in_trend
    group_flag[1:] |= step_in_trend
    flags[pos] = group_flag[group_of]
    return flags


def screened_sigma(values: FloatArray) -> float:
    """sigma = screened average moving range / d2 (qicharts2 with screenedmr).

    Moving ranges touching a missing value are dropped; moving ranges not
    below ``D4 * mean`` are screened out and the mean recomputed.  NaN if no
    moving range is available.
    """
    mr = np.abs(np.diff(values))
    mr = mr[~np.isnan(mr)]
    if mr.size == 0:
        return math.nan
    amr = float(mr.mean())
    if amr > 0.0:
        amr = float(mr[mr < D4 * amr].mean())
    return amr / D2


def ihi_astronomical(values: FloatArray, base: FloatArray) -> NDArray[np.bool_]:
    """Points more than 3 sigma from the baseline mean, sigma from moving ranges.

    The common operationalisation of IHI's "astronomical data point": the
    limits of an individuals (XmR) chart of the phase's baseline, i.e.
    mean +/- 3 * (screened average moving range / 1.128).
    """
    sigma = screened_sigma(base)
    finite = base[~np.isnan(base)]
    if math.isnan(sigma) or finite.size == 0:
        return np.zeros(values.size, dtype=bool)
    flags: NDArray[np.bool_] = np.abs(values - finite.mean()) > 3.0 * sigma  # NaN compares False
    return flags

"""Statistical process control and proportion statistics for PDSA studies.

Everything here is Qt-free, NumPy-vectorised and deterministic.  Distributions
and exact tests come from :mod:`scipy.stats` / :mod:`scipy.special`; only the
chart rules themselves (which no library provides) are written by hand.

Conventions shared by the chart functions
-----------------------------------------
``breaks``
    0-based positions at which a new phase starts (``breaks=[12]`` makes
    points ``0..11`` phase 0 and ``12..`` phase 1).  qicharts2's ``part``
    argument is the 1-based position of the *last* point of each phase; the two
    coincide numerically (``part = 12`` ends the first phase after its 12th
    point, so the next phase starts at 0-based index 12).
``baseline``
    The number of leading points *of each phase* that fix the phase's centre
    line and limits (qicharts2's ``freeze``, but applied per phase, so
    ``baseline`` and ``breaks`` may be combined).  ``None`` = every point of
    the phase.  All points of the phase, baseline or not, are judged against
    the phase's limits and enter the phase's runs analysis.
Runs analysis (Anhoej rules, as in qicharts2)
    Points exactly on the centre line and missing values are dropped; with
    ``n_useful`` the number of remaining points, the longest run of points on
    one side of the centre line signals if it exceeds
    ``round(log2(n_useful)) + 3`` (Schilling 2012), and the number of crossings
    of the centre line signals if it is below the 5th percentile of
    Binomial(``n_useful - 1``, 1/2) (Chen 2010).  Both statistics and the
    signal are phase-level quantities repeated on every row of the phase.
Empty periods (``n == 0``, or NaN values on a run chart)
    One rule everywhere, the one qicharts2 applies to missing subgroups: an
    empty period is kept as a row but has no value, no limits and never
    signals; it is left out of centre lines, of the runs analysis (runs
    continue across it) and of the IHI shift and trend rules; moving ranges
    (Laney's sigma_z, the IHI astronomical point) are taken between
    *consecutive* periods only, so the two moving ranges beside a gap are
    left out rather than bridged.
When the rules can be trusted (the small-sample guard, at the end)
    :data:`MIN_USEFUL_POINTS`, :data:`MIN_EXPECTED_COUNT`,
    :data:`MIN_DISPERSION_UNITS` and :func:`laney_applies` say when runs
    rules, 3-sigma limits, Laney's P' and an over-dispersion statement mean
    something, with their references. The functions above compute what they
    document whatever the sample; the chart layer
    (:mod:`pdsa_desk.core.chart_guard`) applies the guard.

This module is longer than the house's ~600 lines on purpose: it is the one
place of the statistical rules, their validation and their references.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, SupportsIndex, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

__all__ = [
    "DISPERSION_ALPHA",
    "IHI_RUNS_ALPHA",
    "IHI_SHIFT_LENGTH",
    "IHI_TREND_LENGTH",
    "MIN_DISPERSION_UNITS",
    "MIN_EXPECTED_COUNT",
    "MIN_USEFUL_POINTS",
    "Comparison",
    "DispersionCheck",
    "Overdispersion",
    "RunsResult",
    "compare_proportions",
    "dispersion_check",
    "expected_count",
    "funnel_limits",
    "ihi_runs_limits",
    "laney_applies",
    "limits_apply",
    "overdispersion",
    "p_chart",
    "run_chart",
    "runs_analysis",
    "runs_apply",
    "sigma_z",
    "wilson_interval",
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

_RUNS_COLUMNS = (
    "runs_signal",
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
)


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
    crossings_min = int(stats.binom.ppf(0.05, m - 1, 0.5))
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


def _runs_on(values: FloatArray, centre: float) -> RunsResult:
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


def _median(values: FloatArray) -> float:
    """Median ignoring NaN; NaN (without a warning) if nothing is left."""
    finite = values[~np.isnan(values)]
    return float(np.median(finite)) if finite.size else math.nan


def runs_analysis(
    values: ArrayLike, centre: float | None = None, baseline: int | None = None
) -> RunsResult:
    """Anhoej runs analysis (longest run and number of crossings) of ``values``.

    Parameters
    ----------
    values:
        The series in time order; NaN marks a missing point and is ignored.
    centre:
        The centre line.  Default: the median of the non-missing values among
        the first ``baseline`` points (all points when ``baseline`` is None).
    baseline:
        Number of leading points that define the default centre; ignored when
        ``centre`` is given.  All points are analysed either way.

    See :class:`RunsResult` for the rules and the small-sample conventions.
    """
    y = _as_float_1d(values, "values")
    if centre is None:
        b = _check_baseline(baseline)
        centre = _median(y[: len(y) if b is None else b])
    else:
        centre = float(centre)
    return _runs_on(y, centre)


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


def _ihi_shift(values: FloatArray, centre: float) -> NDArray[np.bool_]:
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


def _ihi_trend(values: FloatArray) -> NDArray[np.bool_]:
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


def _screened_sigma(values: FloatArray) -> float:
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


def _ihi_astronomical(values: FloatArray, base: FloatArray) -> NDArray[np.bool_]:
    """Points more than 3 sigma from the baseline mean, sigma from moving ranges.

    The common operationalisation of IHI's "astronomical data point": the
    limits of an individuals (XmR) chart of the phase's baseline, i.e.
    mean +/- 3 * (screened average moving range / 1.128).
    """
    sigma = _screened_sigma(base)
    finite = base[~np.isnan(base)]
    if math.isnan(sigma) or finite.size == 0:
        return np.zeros(values.size, dtype=bool)
    flags: NDArray[np.bool_] = np.abs(values - finite.mean()) > 3.0 * sigma  # NaN compares False
    return flags


# --------------------------------------------------------------------------- #
# Validation helpers
# --------------------------------------------------------------------------- #
def _as_float_1d(values: ArrayLike, name: str) -> FloatArray:
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric") from exc
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    return arr


def _check_baseline(baseline: int | None) -> int | None:
    if baseline is None:
        return None
    if isinstance(baseline, bool):
        raise ValueError("baseline must be a positive integer or None")
    try:
        b = operator.index(baseline)
    except TypeError as exc:
        raise ValueError(f"baseline must be a positive integer or None, got {baseline!r}") from exc
    if b < 1:
        raise ValueError(f"baseline must be at least 1, got {b}")
    return b


def _phases(n_points: int, breaks: Sequence[int] | None) -> list[tuple[int, int]]:
    """Validate ``breaks`` and return the phases as (start, stop) slices."""
    if breaks is None:
        starts: list[int] = []
    else:
        if isinstance(breaks, (str, bytes)) or np.ndim(breaks) != 1:
            raise ValueError("breaks must be a one-dimensional sequence of integers")
        starts = []
        for b in breaks:
            if isinstance(b, (bool, np.bool_)):
                raise ValueError(f"breaks must be integers, got {b!r}")
            try:
                starts.append(operator.index(b))
            except TypeError as exc:
                raise ValueError(f"breaks must be integers, got {b!r}") from exc
    for s in starts:
        if not 0 < s < n_points:
            raise ValueError(
                f"break {s} out of range: a phase must start at an index in 1..{n_points - 1}"
            )
    if any(b <= a for a, b in itertools.pairwise(starts)):
        raise ValueError(f"breaks must be strictly increasing, got {starts}")
    edges = [0, *starts, n_points]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)] if n_points else []


def _index_of(obj: object, n_points: int) -> pd.Index:
    if isinstance(obj, pd.Series) and len(obj.index) == n_points:
        return obj.index
    return pd.RangeIndex(n_points)


def _runs_columns(n_points: int) -> dict[str, NDArray[np.generic]]:
    return {
        "runs_signal": np.zeros(n_points, dtype=bool),
        "n_useful": np.zeros(n_points, dtype=np.int64),
        "longest_run": np.zeros(n_points, dtype=np.int64),
        "longest_run_max": np.zeros(n_points, dtype=np.int64),
        "n_crossings": np.zeros(n_points, dtype=np.int64),
        "n_crossings_min": np.zeros(n_points, dtype=np.int64),
    }


def _fill_runs(cols: dict[str, NDArray[np.generic]], sl: slice, res: RunsResult) -> None:
    cols["runs_signal"][sl] = res.signal
    cols["n_useful"][sl] = res.n_useful
    cols["longest_run"][sl] = res.longest_run
    cols["longest_run_max"][sl] = res.longest_run_max
    cols["n_crossings"][sl] = res.n_crossings
    cols["n_crossings_min"][sl] = res.n_crossings_min


# --------------------------------------------------------------------------- #
# Run chart
# --------------------------------------------------------------------------- #
def run_chart(
    values: ArrayLike,
    baseline: int | None = None,
    breaks: Sequence[int] | None = None,
    rules: Literal["anhoej", "ihi"] = "anhoej",
) -> pd.DataFrame:
    """Run chart: median centre line per phase plus runs analysis.

    Parameters
    ----------
    values:
        The measure in time order; NaN = missing (kept as a row, never judged).
    baseline, breaks:
        See the module docstring.  Each phase's centre line is the median of
        the non-missing values among its first ``baseline`` points.
    rules:
        ``"anhoej"`` (default): the Anhoej runs analysis only.  ``"ihi"``:
        additionally the four IHI run chart rules as boolean columns:

        ``ihi_shift``
            Member of a run of >= 6 consecutive points on one side of the
            median; points on the median are skipped (neither break nor add,
            and are not flagged).
        ``ihi_trend``
            Member of >= 5 consecutive strictly increasing or strictly
            decreasing points; equal neighbours count as one point (neither
            make nor break a trend; all copies are flagged).
        ``ihi_runs``
            The phase has too few or too many runs (runs = crossings + 1 of
            the useful points) per the Swed-Eisenhart limits of
            :func:`ihi_runs_limits` -- a phase-level flag set on every row.
        ``ihi_astronomical``
            More than 3 sigma from the mean of the phase's baseline, sigma
            estimated from the screened average moving range / 1.128 (XmR
            chart limits).
        ``ihi_signal``
            Any of the four.

        Also reported: ``ihi_n_runs``, ``ihi_runs_min`` and ``ihi_runs_max``
        (the observed number of runs and the limits).  Missing points never
        carry a flag except the phase-level ``ihi_runs``.

    Returns
    -------
    DataFrame, one row per point (index of ``values`` if it is a Series):
    ``y, cl, runs_signal, n_useful, longest_run, longest_run_max, n_crossings,
    n_crossings_min, phase, baseline`` (``baseline`` marks the points that
    fixed the centre line) and, for ``rules="ihi"``, the columns above.
    """
    if rules not in ("anhoej", "ihi"):
        raise ValueError(f'rules must be "anhoej" or "ihi", got {rules!r}')
    y = _as_float_1d(values, "values")
    if np.isinf(y).any():
        raise ValueError("values must be finite or NaN")
    b = _check_baseline(baseline)
    n_points = y.size
    phases = _phases(n_points, breaks)

    cl = np.full(n_points, np.nan)
    phase = np.zeros(n_points, dtype=np.int64)
    in_base = np.zeros(n_points, dtype=bool)
    cols = _runs_columns(n_points)
    ihi = rules == "ihi"
    if ihi:
        shift = np.zeros(n_points, dtype=bool)
        trend = np.zeros(n_points, dtype=bool)
        runs_flag = np.zeros(n_points, dtype=bool)
        astro = np.zeros(n_points, dtype=bool)
        n_runs = np.zeros(n_points, dtype=np.int64)
        runs_min = np.zeros(n_points, dtype=np.int64)
        runs_max = np.zeros(n_points, dtype=np.int64)

    for k, (start, stop) in enumerate(phases):
        sl = slice(start, stop)
        seg = y[sl]
        base_stop = stop if b is None else min(stop, start + b)
        base = y[start:base_stop]
        centre = _median(base)
        cl[sl] = centre
        phase[sl] = k
        in_base[start:base_stop] = True
        res = _runs_on(seg, centre)
        _fill_runs(cols, sl, res)
        if ihi:
            shift[sl] = _ihi_shift(seg, centre)
            trend[sl] = _ihi_trend(seg)
            astro[sl] = _ihi_astronomical(seg, base)
            lo, hi = ihi_runs_limits(res.n_useful)
            runs_here = res.n_crossings + 1 if res.n_useful else 0
            runs_flag[sl] = res.n_useful >= 2 and not lo <= runs_here <= hi
            n_runs[sl], runs_min[sl], runs_max[sl] = runs_here, lo, hi

    data: dict[str, NDArray[np.generic]] = {"y": y, "cl": cl, **cols, "phase": phase, "baseline": in_base}
    if ihi:
        data.update(
            ihi_shift=shift,
            ihi_trend=trend,
            ihi_runs=runs_flag,
            ihi_astronomical=astro,
            ihi_signal=shift | trend | runs_flag | astro,
            ihi_n_runs=n_runs,
            ihi_runs_min=runs_min,
            ihi_runs_max=runs_max,
        )
    return pd.DataFrame(data, index=_index_of(values, n_points))


# --------------------------------------------------------------------------- #
# P and Laney P' charts
# --------------------------------------------------------------------------- #
def _validate_counts(x: ArrayLike, n: ArrayLike) -> tuple[FloatArray, FloatArray]:
    xa = _as_float_1d(x, "x")
    na = _as_float_1d(n, "n")
    if xa.size != na.size:
        raise ValueError(f"x and n must have the same length, got {xa.size} and {na.size}")
    if not (np.isfinite(xa).all() and np.isfinite(na).all()):
        raise ValueError("x and n must be finite (use n = 0 for a period without data)")
    if (na < 0).any():
        raise ValueError("n must be non-negative")
    if (xa < 0).any():
        raise ValueError("x must be non-negative")
    if (xa > na).any():
        bad = int(np.flatnonzero(xa > na)[0])
        raise ValueError(f"x must not exceed n (x={xa[bad]:g} > n={na[bad]:g} at position {bad})")
    return xa, na


def _laney_sigma_z(z: FloatArray) -> float:
    """Laney's sigma_z: screened average moving range of the z-scores / 1.128."""
    return _screened_sigma(z)


def p_chart(
    x: ArrayLike,
    n: ArrayLike,
    baseline: int | None = None,
    breaks: Sequence[int] | None = None,
    laney: bool = False,
) -> pd.DataFrame:
    """P chart (or Laney P' chart) of proportions ``x / n``.

    For each phase, with ``B`` its baseline points:

    * centre ``cl = sum(x[B]) / sum(n[B])``;
    * binomial sigma ``sigma_i = sqrt(cl (1 - cl) / n_i)``;
    * P chart: limits ``cl +/- 3 sigma_i``;
    * Laney P' (``laney=True``): ``z_i = (p_i - cl) / sigma_i`` over ``B``,
      ``sigma_z`` = average moving range of consecutive ``z_i`` / 1.128, after
      discarding moving ranges >= 3.267 x their mean and recomputing the mean
      (qicharts2 with ``qic.screenedmr``, its default when attached; moving
      ranges next to an n = 0 point are dropped), limits
      ``cl +/- 3 sigma_i sigma_z``;
    * limits clipped to [0, 1]; ``sigma_signal`` = ``p > ucl or p < lcl``
      (strict, so a point on a clipped limit of 0 or 1 does not signal);
    * runs analysis of all the phase's ``p`` against ``cl``.

    Points with ``n == 0`` have NaN ``p``, ``lcl`` and ``ucl``, never signal and
    are ignored by the centre, sigma_z and the runs analysis.  A phase whose
    baseline has no trials has NaN centre and limits.  If ``cl`` is 0 or 1 the
    limits collapse onto ``cl``.  If sigma_z cannot be estimated (fewer than
    two usable consecutive baseline points) the P' limits are NaN.

    Returns
    -------
    DataFrame, one row per point: ``p, cl, lcl, ucl, sigma_signal,
    runs_signal, n_useful, longest_run, longest_run_max, n_crossings,
    n_crossings_min, phase, baseline``.
    """
    xa, na = _validate_counts(x, n)
    b = _check_baseline(baseline)
    n_points = xa.size
    phases = _phases(n_points, breaks)

    has_n = na > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(has_n, xa / np.where(has_n, na, 1.0), np.nan)
    cl = np.full(n_points, np.nan)
    lcl = np.full(n_points, np.nan)
    ucl = np.full(n_points, np.nan)
    phase = np.zeros(n_points, dtype=np.int64)
    in_base = np.zeros(n_points, dtype=bool)
    cols = _runs_columns(n_points)

    for k, (start, stop) in enumerate(phases):
        sl = slice(start, stop)
        base_stop = stop if b is None else min(stop, start + b)
        bsl = slice(start, base_stop)
        trials = float(na[bsl].sum())
        centre = float(xa[bsl].sum()) / trials if trials > 0 else math.nan
        phase[sl] = k
        in_base[bsl] = True
        cl[sl] = centre
        if not math.isnan(centre):
            seg_has_n = has_n[sl]
            sigma = np.full(stop - start, np.nan)
            sigma[seg_has_n] = np.sqrt(centre * (1.0 - centre) / na[sl][seg_has_n])
            if laney:
                with np.errstate(divide="ignore", invalid="ignore"):
                    z = (p[bsl] - centre) / sigma[: base_stop - start]
                sigma_z = _laney_sigma_z(z) if 0.0 < centre < 1.0 else 1.0
                sigma = sigma * sigma_z
            half = 3.0 * sigma
            lcl[sl] = np.maximum(centre - half, 0.0)
            ucl[sl] = np.minimum(centre + half, 1.0)
        _fill_runs(cols, sl, _runs_on(p[sl], centre))

    sigma_signal = (p > ucl) | (p < lcl)  # NaN compares False
    data = {
        "p": p,
        "cl": cl,
        "lcl": lcl,
        "ucl": ucl,
        "sigma_signal": sigma_signal,
        **cols,
        "phase": phase,
        "baseline": in_base,
    }
    return pd.DataFrame(data, index=_index_of(x, n_points))


# --------------------------------------------------------------------------- #
# Wilson interval and funnel limits
# --------------------------------------------------------------------------- #
def _z_for(level: float) -> float:
    level = float(level)
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1, got {level}")
    return float(stats.norm.ppf(0.5 + level / 2.0))


def _maybe_scalar(arr: FloatArray, scalar: bool) -> FloatArray | float:
    return float(arr) if scalar else arr


def wilson_interval(
    x: ArrayLike, n: ArrayLike, level: float = 0.95
) -> tuple[FloatArray | float, FloatArray | float]:
    """Wilson score interval for a binomial proportion (broadcasting).

    The set of ``p`` not rejected by the two-sided score test of level
    ``1 - level``: with ``z = Phi^-1((1 + level) / 2)``,

        centre = (x + z^2/2) / (n + z^2)
        half   = z / (n + z^2) * sqrt(x (n - x) / n + z^2 / 4)

    The bounds are exactly 0 when ``x == 0`` and exactly 1 when ``x == n``.
    ``n == 0`` (no trials) gives the uninformative interval ``(0, 1)`` -- the
    limit of the formula, and what a funnel or comparison can safely draw.
    Scalars in give floats out; otherwise arrays of the broadcast shape.
    """
    z = _z_for(level)
    xa = np.asarray(x, dtype=np.float64)
    na = np.asarray(n, dtype=np.float64)
    if not (np.isfinite(xa).all() and np.isfinite(na).all()):
        raise ValueError("x and n must be finite")
    if (na < 0).any() or (xa < 0).any() or (xa > na).any():
        raise ValueError("need 0 <= x <= n")
    scalar = xa.ndim == 0 and na.ndim == 0
    xa, na = np.broadcast_arrays(xa, na)
    z2 = z * z
    safe_n = np.where(na > 0, na, 1.0)
    spread = np.where(na > 0, xa * (na - xa) / safe_n, 0.0)
    centre = (xa + z2 / 2.0) / (na + z2)
    half = z / (na + z2) * np.sqrt(spread + z2 / 4.0)
    low = np.where(xa == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(xa == na, 1.0, np.clip(centre + half, 0.0, 1.0))
    return _maybe_scalar(low, scalar), _maybe_scalar(high, scalar)


@dataclass(frozen=True, eq=False)
class Overdispersion:
    """Overdispersion of unit proportions around a target (Spiegelhalter 2005).

    As in the R package FunnelPlotR (``data_type = "PR"``): on the
    variance-stabilising arcsine scale ``y_i = asin(sqrt(x_i / n_i))`` with
    standard error ``s_i = 1 / (2 sqrt(n_i))`` and target
    ``theta = asin(sqrt(p0))``, the z-scores ``z_i = (y_i - theta) / s_i`` are
    winsorised at their ``trim`` and ``1 - trim`` quantiles (R type 7), and

        phi  = mean(z_w^2)
        tau2 = max(0, (k phi - (k - 1)) / (sum w - sum w^2 / sum w)),
               w_i = 1 / s_i^2 = 4 n_i,

    the DerSimonian-Laird style additive between-unit variance (0 when
    ``k phi < k - 1`` or fewer than two units).  Units with ``n_i == 0`` are
    excluded.
    """

    phi: float
    tau2: float
    k: int
    p0: float
    z: FloatArray = field(repr=False)
    z_winsorised: FloatArray = field(repr=False)


def overdispersion(
    x: ArrayLike, n: ArrayLike, p0: float | None = None, *, trim: float = 0.1
) -> Overdispersion:
    """Estimate phi and tau^2 for unit counts ``x`` out of ``n``.

    ``p0`` defaults to the pooled proportion ``sum(x) / sum(n)`` (FunnelPlotR's
    target).  ``trim`` is the winsorisation fraction at each end (10%).
    See :class:`Overdispersion` for the formulas.
    """
    xa, na = _validate_counts(x, n)
    if not 0.0 <= trim < 0.5:
        raise ValueError(f"trim must be in [0, 0.5), got {trim}")
    keep = na > 0
    xa, na = xa[keep], na[keep]
    if p0 is None:
        if na.size == 0:
            raise ValueError("p0 cannot be pooled from units without trials")
        p0 = float(xa.sum() / na.sum())
    p0 = _check_p0(p0)
    k = int(na.size)
    theta = math.asin(math.sqrt(p0))
    s = 1.0 / (2.0 * np.sqrt(na))
    z = (np.arcsin(np.sqrt(xa / na)) - theta) / s
    if k == 0:
        return Overdispersion(math.nan, 0.0, 0, p0, z, z.copy())
    lo, hi = np.quantile(z, [trim, 1.0 - trim])
    zw = np.clip(z, lo, hi)
    phi = float(np.mean(zw**2))
    tau2 = 0.0
    if k >= 2 and k * phi >= k - 1:
        w = 1.0 / s**2
        denom = float(w.sum() - (w**2).sum() / w.sum())
        if denom > 0:
            tau2 = max(0.0, (k * phi - (k - 1)) / denom)
    return Overdispersion(phi, tau2, k, p0, z, zw)


def _check_p0(p0: float) -> float:
    p0 = float(p0)
    if not 0.0 <= p0 <= 1.0:
        raise ValueError(f"p0 must be a proportion in [0, 1], got {p0}")
    return p0


def funnel_limits(
    p0: float,
    n: ArrayLike,
    level: float = 0.95,
    *,
    overdispersion: bool | Overdispersion = False,
    x: ArrayLike | None = None,
    n_units: ArrayLike | None = None,
) -> tuple[FloatArray | float, FloatArray | float]:
    """Funnel-plot control limits for a proportion ``p0`` at denominators ``n``.

    Default (PHEindicatormethods' ``sigma_adjustment``): the observed
    proportion at which the two-sided ``level`` Wilson score interval just
    reaches ``p0``.  PHE's closed form simplifies algebraically to the score
    limits ``p0 +/- z sqrt(p0 (1 - p0) / n)`` with ``z = Phi^-1((1 + level)/2)``
    (``level=0.998`` -> ``z = Phi^-1(0.999)``), which is what we evaluate; the
    result is clipped to [0, 1] and ``n == 0`` gives (0, 1).

    ``overdispersion=True`` (needs the units' counts ``x`` out of ``n_units``,
    which default to ``n``) or an :class:`Overdispersion` instance: limits on
    the arcsine scale inflated by the between-unit variance, as FunnelPlotR
    draws them, ``sin^2(asin(sqrt(p0)) -/+ z sqrt(1 / (4 n) + tau2))`` with the
    angle clamped to [0, pi/2] (i.e. the limits clipped to [0, 1]).  This is
    the arcsine approximation even when ``tau2 == 0``.

    Scalar ``n`` gives floats; otherwise arrays shaped like ``n``.
    """
    p0 = _check_p0(p0)
    z = _z_for(level)
    na = np.asarray(n, dtype=np.float64)
    if not np.isfinite(na).all() or (na < 0).any():
        raise ValueError("n must be finite and non-negative")
    scalar = na.ndim == 0
    has_n = na > 0
    safe_n = np.where(has_n, na, 1.0)

    if overdispersion is False:
        if x is not None or n_units is not None:
            raise ValueError("x and n_units are only used with overdispersion=True")
        half = np.where(has_n, z * np.sqrt(p0 * (1.0 - p0) / safe_n), np.inf)
        lower = np.clip(p0 - half, 0.0, 1.0)
        upper = np.clip(p0 + half, 0.0, 1.0)
        return _maybe_scalar(lower, scalar), _maybe_scalar(upper, scalar)

    if isinstance(overdispersion, Overdispersion):
        if x is not None or n_units is not None:
            raise ValueError("pass either an Overdispersion or x/n_units, not both")
        tau2 = overdispersion.tau2
    elif overdispersion is True:
        if x is None:
            raise ValueError("overdispersion=True needs the units' counts x (and n_units)")
        tau2 = _estimate_overdispersion(x, na if n_units is None else n_units, p0).tau2
    else:
        raise ValueError("overdispersion must be a bool or an Overdispersion")
    theta = math.asin(math.sqrt(p0))
    spread = np.where(has_n, z * np.sqrt(1.0 / (4.0 * safe_n) + tau2), np.inf)
    lower = np.sin(np.clip(theta - spread, 0.0, math.pi / 2)) ** 2
    upper = np.sin(np.clip(theta + spread, 0.0, math.pi / 2)) ** 2
    return _maybe_scalar(lower, scalar), _maybe_scalar(upper, scalar)


_estimate_overdispersion = overdispersion  # the keyword above shadows the name


# --------------------------------------------------------------------------- #
# Comparing two proportions
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Comparison:
    """Comparison of a new conversion rate with a base rate.

    ``diff = rate_new - rate_base`` with the Newcombe (1998, method 10)
    hybrid-score interval ``[diff_low, diff_high]`` built from the two Wilson
    intervals; ``p_value`` is the two-sided Fisher exact test of the 2x2
    table; ``prob_better = P(p_new > p_base)`` for independent Beta(1, 1)
    priors, i.e. posteriors Beta(x + 1, n - x + 1).  A group with no trials
    has NaN rate (so NaN diff and interval) and Wilson interval (0, 1).
    """

    rate_base: float
    rate_new: float
    base_low: float
    base_high: float
    new_low: float
    new_high: float
    diff: float
    diff_low: float
    diff_high: float
    p_value: float
    prob_better: float
    level: float = 0.95


def _as_count(value: object, name: str) -> int:
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if isinstance(value, SupportsIndex):
        count = operator.index(value)
    elif isinstance(value, (float, np.floating)) and math.isfinite(value) and float(value).is_integer():
        count = int(value)  # integral floats (3.0, e.g. from a pandas sum) are accepted
    else:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    if count < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return count


def _prob_b_beats_a(a_a: int, b_a: int, a_b: int, b_b: int) -> float:
    """P(X_B > X_A), X ~ Beta(a, b) independent, integer ``a_b`` (exact sum).

    P = sum_{i=0}^{a_b - 1} B(a_a + i, b_a + b_b)
                             / ((b_b + i) B(1 + i, b_b) B(a_a, b_a))
    (closed form for integer first shape of B; no library provides it).
    Summed in chunks in log space; absolute error ~1e-12 for counts in the
    thousands (limited by ``scipy.special.betaln``), far below the 3 decimals
    anyone reads.
    """
    total = 0.0
    const = special.betaln(a_a, b_a)
    chunk = 1 << 16
    for lo in range(0, a_b, chunk):
        i = np.arange(lo, min(a_b, lo + chunk), dtype=np.float64)
        log_terms = (
            special.betaln(a_a + i, b_a + b_b)
            - np.log(b_b + i)
            - special.betaln(1.0 + i, b_b)
            - const
        )
        total += float(np.exp(log_terms).sum())
    return total


def _prob_better(x_base: int, n_base: int, x_new: int, n_new: int) -> float:
    a_base, b_base = x_base + 1, n_base - x_base + 1
    a_new, b_new = x_new + 1, n_new - x_new + 1
    # Sum over the shorter series; the other direction is the complement
    # (continuous posteriors: ties have probability 0).  The choice depends on
    # the ordered pair of posteriors only, so swapping the groups evaluates the
    # very same sum and the two answers are complementary to rounding.
    if (a_new, b_new) == (a_base, b_base):
        return 0.5  # identical posteriors: exactly even by symmetry
    if (a_new, b_new) < (a_base, b_base):
        prob = _prob_b_beats_a(a_base, b_base, a_new, b_new)
    else:
        prob = 1.0 - _prob_b_beats_a(a_new, b_new, a_base, b_base)
    return min(1.0, max(0.0, prob))


def compare_proportions(
    x_base: int, n_base: int, x_new: int, n_new: int, level: float = 0.95
) -> Comparison:
    """Compare the new rate ``x_new / n_new`` with the base ``x_base / n_base``.

    See :class:`Comparison` for the statistics.  Counts must be non-negative
    integers with ``x <= n``; ``level`` is the two-sided confidence level of
    the Wilson and Newcombe intervals.
    """
    xb, nb = _as_count(x_base, "x_base"), _as_count(n_base, "n_base")
    xn, nn = _as_count(x_new, "x_new"), _as_count(n_new, "n_new")
    if xb > nb:
        raise ValueError(f"x_base ({xb}) must not exceed n_base ({nb})")
    if xn > nn:
        raise ValueError(f"x_new ({xn}) must not exceed n_new ({nn})")
    _z_for(level)
    rate_b = xb / nb if nb else math.nan
    rate_n = xn / nn if nn else math.nan
    lb, ub = wilson_interval(xb, nb, level)
    ln, un = wilson_interval(xn, nn, level)
    diff = rate_n - rate_b
    diff_low = diff - math.sqrt((rate_n - ln) ** 2 + (ub - rate_b) ** 2)
    diff_high = diff + math.sqrt((un - rate_n) ** 2 + (rate_b - lb) ** 2)
    p_value = float(stats.fisher_exact(np.array([[xn, nn - xn], [xb, nb - xb]])).pvalue)
    return Comparison(
        rate_base=rate_b,
        rate_new=rate_n,
        base_low=float(lb),
        base_high=float(ub),
        new_low=float(ln),
        new_high=float(un),
        diff=diff,
        diff_low=diff_low,
        diff_high=diff_high,
        p_value=min(1.0, p_value),
        prob_better=_prob_better(xb, nb, xn, nn),
        level=float(level),
    )


# --------------------------------------------------------------------------- #
# Small-sample guard: when runs rules, limits, P' and over-dispersion mean something
# --------------------------------------------------------------------------- #
#: Runs rules (Anhoej's and the IHI's) are applied to a phase only when it has at
#: least this many useful points (non-empty, not on the centre line). Anhoej &
#: Olesen (2014, "Run charts revisited", PLoS ONE 9(11): e113825) studied the
#: rules' sensitivity and specificity from 10 data points up, and Perla, Provost
#: & Murray (2011, "The run chart", BMJ Qual Saf 20:46-51) -- like Provost &
#: Murray's Health Care Data Guide -- ask for at least 10 points before the
#: runs rules are used; with fewer, a run "too long for chance" is mostly chance.
MIN_USEFUL_POINTS = 10
#: 3-sigma limits of a P chart rest on the normal approximation of the binomial,
#: which needs about 5 expected events *and* 5 expected non-events per subgroup:
#: ``n p >= 5`` and ``n (1 - p) >= 5`` (Montgomery, Introduction to Statistical
#: Quality Control, ch. 7 on the fraction nonconforming chart; Provost & Murray,
#: The Health Care Data Guide, 2011, on subgroup sizes for P charts). Below it
#: the limits are far from the 0.27% false-alarm rate they promise. The guard
#: uses the phase's typical (median) subgroup and its centre line.
MIN_EXPECTED_COUNT = 5.0
#: Over-dispersion between units (reps) is estimated only from units with
#: :data:`MIN_EXPECTED_COUNT` expected conversions and non-conversions (each
#: unit's z-score must be roughly normal for ``phi`` -- the mean squared z --
#: to follow its chi-square reference, Spiegelhalter 2005, "Handling
#: over-dispersion of performance indicators", Qual Saf Health Care
#: 14:347-351; with 1-12 opportunities per rep one extreme rate makes phi
#: large by itself) and only when at least this many units have that much data:
#: a spread between fewer units is not a spread, and the chi-square test of
#: :func:`dispersion_check` (on ``k - 1`` degrees of freedom) accounts for how
#: little a handful of units can show.
MIN_DISPERSION_UNITS = 3
#: Over-dispersion is stated when ``k phi`` exceeds the ``1 - alpha`` quantile of
#: chi-square on ``k - 1`` degrees of freedom (Spiegelhalter 2005, as above).
DISPERSION_ALPHA = 0.05


def expected_count(n: ArrayLike, p: float) -> FloatArray | float:
    """The smaller of the expected events and non-events, ``n * min(p, 1 - p)`` (broadcasting)."""
    na = np.asarray(n, dtype=np.float64)
    out = na * min(float(p), 1.0 - float(p))
    return float(out) if na.ndim == 0 else out


def runs_apply(n_useful: int) -> bool:
    """Whether a phase with ``n_useful`` useful points is long enough for runs rules (:data:`MIN_USEFUL_POINTS`)."""
    return int(n_useful) >= MIN_USEFUL_POINTS


def limits_apply(n: ArrayLike, centre: float) -> tuple[bool, float]:
    """``(apply, typical)``: 3-sigma limits mean something when the median non-empty subgroup expects at
    least :data:`MIN_EXPECTED_COUNT` events and non-events at the ``centre`` rate; ``typical`` is that
    median subgroup's expected count (NaN without subgroups or centre)."""
    na = np.asarray(n, dtype=np.float64)
    na = na[na > 0]
    if not na.size or not math.isfinite(centre):
        return False, math.nan
    typical = float(expected_count(float(np.median(na)), centre))
    return typical >= MIN_EXPECTED_COUNT, typical


def sigma_z(x: ArrayLike, n: ArrayLike, centre: float) -> float:
    """Laney's sigma_z of counts ``x`` out of ``n`` around ``centre``, exactly as :func:`p_chart` computes it
    (empty periods have no z-score: the moving ranges beside them are left out). 1.0 when ``centre`` is 0
    or 1; NaN when no moving range is available."""
    xa, na = _validate_counts(x, n)
    if not 0.0 < centre < 1.0:
        return 1.0
    has_n = na > 0
    z = np.full(na.size, np.nan)
    z[has_n] = (xa[has_n] / na[has_n] - centre) / np.sqrt(centre * (1.0 - centre) / na[has_n])
    return _laney_sigma_z(z)


def laney_applies(sigma: float, n_points: int) -> tuple[bool, str]:
    """Whether Laney's correction should replace the P chart's limits, and if not why (``"points"``:
    sigma_z rests on fewer than :data:`MIN_USEFUL_POINTS` subgroups; ``"under"``: sigma_z <= 1).

    Laney (2002, "Improved control charts for attributes", Quality Engineering 14(4):531-537) built P'
    for large subgroups whose rates vary more between subgroups than the binomial allows, which makes
    P-chart limits too narrow; sigma_z then *widens* them. A sigma_z at or below 1 shows no such extra
    variation -- with small, discrete subgroups it comes from many identical rates, as 0/1 outcomes
    give -- and would only narrow the limits onto chance: the P chart is kept. sigma_z is a moving-range
    estimate, so it also needs the guard's minimum number of points.
    """
    if int(n_points) < MIN_USEFUL_POINTS or not math.isfinite(sigma):
        return False, "points"
    if sigma <= 1.0:
        return False, "under"
    return True, ""


@dataclass(frozen=True)
class DispersionCheck:
    """Whether units (reps) vary more than chance, judged only on units with enough data.

    ``estimable``: at least :data:`MIN_DISPERSION_UNITS` units expect :data:`MIN_EXPECTED_COUNT`
    events and non-events at ``p0``; ``k_eligible`` of ``k`` units do. ``phi`` and ``tau2`` are
    estimated from the eligible units (:func:`overdispersion`), ``p_value`` is the chi-square test of
    ``k_eligible * phi`` on ``k_eligible - 1`` degrees of freedom, and ``overdispersed`` is
    ``estimable and p_value < DISPERSION_ALPHA and tau2 > 0``. NaN phi/p_value when not estimable.
    """

    estimable: bool
    k: int
    k_eligible: int
    phi: float
    tau2: float
    p_value: float
    overdispersed: bool
    estimate: Overdispersion | None = field(default=None, repr=False, compare=False)


def dispersion_check(x: ArrayLike, n: ArrayLike, p0: float | None = None) -> DispersionCheck:
    """Over-dispersion of units with counts ``x`` out of ``n`` around ``p0`` (default: pooled), with the guard."""
    xa, na = _validate_counts(x, n)
    keep = na > 0
    xa, na = xa[keep], na[keep]
    k = int(na.size)
    if k == 0:
        return DispersionCheck(False, 0, 0, math.nan, 0.0, math.nan, False)
    p0 = float(xa.sum() / na.sum()) if p0 is None else _check_p0(p0)
    eligible = np.asarray(expected_count(na, p0)) >= MIN_EXPECTED_COUNT
    k_eligible = int(eligible.sum())
    if k_eligible < MIN_DISPERSION_UNITS:
        return DispersionCheck(False, k, k_eligible, math.nan, 0.0, math.nan, False)
    est = overdispersion(xa[eligible], na[eligible], p0)
    p_value = float(stats.chi2.sf(k_eligible * est.phi, k_eligible - 1))
    over = p_value < DISPERSION_ALPHA and est.tau2 > 0.0
    return DispersionCheck(True, k, k_eligible, est.phi, est.tau2, p_value, bool(over), est)

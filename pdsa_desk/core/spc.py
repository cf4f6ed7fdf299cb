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
When the rules can be trusted (the small-sample guard, :mod:`pdsa_desk.core.spc_guard`)
    :data:`~pdsa_desk.core.spc_guard.MIN_USEFUL_POINTS`, ``MIN_EXPECTED_COUNT``,
    ``MIN_DISPERSION_UNITS`` and ``laney_applies`` say when runs
    rules, 3-sigma limits, Laney's P' and an over-dispersion statement mean
    something, with their references. The functions above compute what they
    document whatever the sample; the chart layer
    (:mod:`pdsa_desk.core.chart_guard`) applies the guard.

Proportions between units (Wilson intervals, funnel limits, over-dispersion, the comparison of two
rates) are in :mod:`pdsa_desk.core.proportions`.

Longer than ~600 lines, and kept whole: about 100 of them are the conventions above, which the run chart
and the P chart share with the runs rules they both apply (phases, baselines, empty periods, moving ranges).
Splitting the rules from the charts would put those conventions in two modules that must never disagree.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy import special, stats

__all__ = [
    "IHI_RUNS_ALPHA",
    "IHI_SHIFT_LENGTH",
    "IHI_TREND_LENGTH",
    "RunsResult",
    "ihi_runs_limits",
    "p_chart",
    "run_chart",
    "runs_analysis",
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

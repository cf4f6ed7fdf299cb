"""Statistical process control and proportion statistics for PDSA studies.

Everything here is Qt-free, NumPy-vectorised and deterministic.  Distributions
and exact tests come from :mod:`pdsa_desk.core.distributions` (what :mod:`scipy.stats` computes, from
:mod:`scipy.special`, without its import on the path to the agenda); only the
chart rules themselves (which no library provides, :mod:`pdsa_desk.core.spc_runs`) are written by hand.

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

The rules themselves on one phase's points (Anhøj's runs analysis, the IHI rules, the screened moving-range
sigma) are :mod:`pdsa_desk.core.spc_runs`; this module cuts a series into phases and baselines, computes the
centre lines and limits, applies those rules per phase and keeps the conventions above for both.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from pdsa_desk.core.spc_runs import (
    IHI_RUNS_ALPHA,
    IHI_SHIFT_LENGTH,
    IHI_TREND_LENGTH,
    FloatArray,
    RunsResult,
    ihi_astronomical,
    ihi_runs_limits,
    ihi_shift,
    ihi_trend,
    nan_median,
    runs_on,
    screened_sigma,
)

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

_RUNS_COLUMNS = (
    "runs_signal",
    "n_useful",
    "longest_run",
    "longest_run_max",
    "n_crossings",
    "n_crossings_min",
)


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
        centre = nan_median(y[: len(y) if b is None else b])
    else:
        centre = float(centre)
    return runs_on(y, centre)


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
        centre = nan_median(base)
        cl[sl] = centre
        phase[sl] = k
        in_base[start:base_stop] = True
        res = runs_on(seg, centre)
        _fill_runs(cols, sl, res)
        if ihi:
            shift[sl] = ihi_shift(seg, centre)
            trend[sl] = ihi_trend(seg)
            astro[sl] = ihi_astronomical(seg, base)
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
    return screened_sigma(z)


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
        _fill_runs(cols, sl, runs_on(p[sl], centre))

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

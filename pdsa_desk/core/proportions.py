"""Proportions between units: Wilson intervals, funnel limits, over-dispersion and the comparison of two rates.

Split out of :mod:`pdsa_desk.core.spc` (the chart rules); the same conventions and references hold.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from typing import SupportsIndex

import numpy as np
from numpy.typing import ArrayLike
from scipy import special

from pdsa_desk.core.distributions import fisher_exact_p, norm_ppf
from pdsa_desk.core.spc import _validate_counts
from pdsa_desk.core.spc_runs import FloatArray


# --------------------------------------------------------------------------- #
# Wilson interval and funnel limits
# --------------------------------------------------------------------------- #
def _z_for(level: float) -> float:
    level = float(level)
    if not 0.0 < level < 1.0:
        raise ValueError(f"level must be strictly between 0 and 1, got {level}")
    return norm_ppf(0.5 + level / 2.0)


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
    p_value = fisher_exact_p(xn, nn - xn, xb, nb - xb)
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

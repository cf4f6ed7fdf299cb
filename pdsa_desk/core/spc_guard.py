"""The small-sample guard: when runs rules, P chart limits, Laney's P′ and over-dispersion mean something.

Split out of :mod:`pdsa_desk.core.spc` (the chart rules); each threshold carries its reference.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from pdsa_desk.core.distributions import chi2_sf
from pdsa_desk.core.proportions import Overdispersion, _check_p0, overdispersion
from pdsa_desk.core.spc import _laney_sigma_z, _validate_counts
from pdsa_desk.core.spc_runs import FloatArray

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
    p_value = chi2_sf(k_eligible * est.phi, k_eligible - 1)
    over = p_value < DISPERSION_ALPHA and est.tau2 > 0.0
    return DispersionCheck(True, k, k_eligible, est.phi, est.tau2, p_value, bool(over), est)

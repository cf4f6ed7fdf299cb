"""The few distribution functions the statistics need, from :mod:`scipy.special` without :mod:`scipy.stats`.

Why not :mod:`scipy.stats`: importing it costs about 0.7 s of CPU (``python -X importtime`` on this machine,
stop 22; :mod:`scipy.special`, which it is built on, about 0.2 s of that) and holds the GIL while it runs. This
week's agenda needs these functions (the studies' Fisher test and Wilson intervals, the runs rules, the
over-dispersion guard), so wherever the import was placed it was on the path from launch to the agenda, and on a
worker it stalled the GUI thread. Each function here is what :mod:`scipy.stats` computes, built from the same
:mod:`scipy.special` functions it uses itself; ``tests/core/test_distributions.py`` checks every one against
:mod:`scipy.stats` (imported in the test only), and ``tests/core/test_first_views.py`` that computing the agenda
leaves :mod:`scipy.stats` unimported. Every caller in the app uses these, so nothing is computed two ways.

* :func:`norm_ppf` -- ``stats.norm.ppf`` is ``special.ndtri``.
* :func:`chi2_sf` -- ``stats.chi2.sf(x, df)`` is ``special.chdtrc(df, x)``.
* :func:`binom_ppf` -- the discrete quantile as :mod:`scipy.stats` defines it: the smallest ``k`` with
  ``cdf(k) >= q`` (``special.bdtr``), ``-1`` for ``q == 0``.
* :func:`fisher_exact_p` -- the two-sided Fisher exact test of a 2x2 table. :mod:`scipy.special` has no
  hypergeometric distribution, so this one is hand-written: it mirrors ``scipy.stats.fisher_exact`` (the sum of
  the probabilities of all tables with the same margins that are no more likely than the observed one, with
  scipy's relative tolerance of 1e-14 for ties, R's ``fisher.test`` rule with a tighter tolerance).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

__all__ = ["FISHER_TIE_TOLERANCE", "binom_ppf", "chi2_sf", "fisher_exact_p", "norm_ppf"]

#: Tables whose probability exceeds the observed table's by at most this relative amount count as "no more
#: likely" (scipy.stats.fisher_exact: ``gamma = 1 + 1e-14``; R's fisher.test uses 1e-7).
FISHER_TIE_TOLERANCE = 1e-14


def norm_ppf(q: float) -> float:
    """The standard normal quantile (``scipy.stats.norm.ppf``): ``special.ndtri``."""
    return float(special.ndtri(q))


def chi2_sf(x: float, df: float) -> float:
    """P(X > x) for X ~ chi-squared with ``df`` degrees of freedom (``scipy.stats.chi2.sf``)."""
    return float(special.chdtrc(df, x))


def binom_ppf(q: float, n: int, p: float) -> int:
    """The ``q`` quantile of Binomial(``n``, ``p``) as ``scipy.stats.binom.ppf`` defines it.

    The smallest ``k`` in 0..n with ``P(X <= k) >= q`` (found by bisection, the cdf being monotone);
    ``q == 0`` gives ``-1`` (the left end of the support minus one, scipy's convention) and ``q == 1`` gives ``n``.
    """
    if not 0.0 <= q <= 1.0 or n < 0 or not 0.0 <= p <= 1.0:
        raise ValueError(f"binom_ppf needs 0 <= q <= 1, n >= 0 and 0 <= p <= 1, got q={q}, n={n}, p={p}")
    if q == 0.0:
        return -1
    if q == 1.0:
        return n  # the right end of the support (scipy's convention; with p == 0 the cdf is 1 from k = 0 on)
    low, high = 0, n  # P(X <= n) = 1 >= q: high is always an answer
    while low < high:
        mid = (low + high) // 2
        if special.bdtr(mid, n, p) >= q:
            high = mid
        else:
            low = mid + 1
    return low


def _ratio(a: int, b: int, n1: int, n2: int, n: int) -> tuple[int, int]:
    """``pmf(b) / pmf(a)`` for ``a < b`` in the support, exactly, as (numerator, denominator).

    pmf(i + 1) / pmf(i) = (n1 - i)(n - i) / ((i + 1)(n2 - n + i + 1)), multiplied from ``a`` to ``b - 1``.
    """
    d = b - a
    return (math.perm(n1 - a, d) * math.perm(n - a, d),
            math.perm(b, d) * math.perm(n2 - n + b, d))


#: Up to this many factors between two tables the tie test is exact integer arithmetic (microseconds); beyond
#: it the products have hundreds of thousands of bits and take up to seconds (measured: 1.1 s at 100,000).
_EXACT_FACTORS = 2000


def _no_more_likely(x: int, x0: int, n1: int, n2: int, n: int, float_decision: bool) -> bool:
    """Is ``pmf(x) <= pmf(x0) * (1 + FISHER_TIE_TOLERANCE)``, for an ``x`` whose float probability is close?

    Exact (integers) when ``x`` and ``x0`` are at most :data:`_EXACT_FACTORS` apart. Farther apart, the
    tables that are exactly as likely as the observed one are its mirror images (an evenly split row margin:
    pmf(x) = pmf(n - x); an evenly split column margin: pmf(x) = pmf(n1 - x)), counted exactly; any other
    comparison keeps the float decision (about 1e-13 relative, against the tolerance of 1e-14).
    """
    if abs(x - x0) > _EXACT_FACTORS:
        mirror = (n1 == n2 and x == n - x0) or (2 * n == n1 + n2 and x == n1 - x0)
        return mirror or float_decision
    if x > x0:
        num, den = _ratio(x0, x, n1, n2, n)
    else:
        den, num = _ratio(x, x0, n1, n2, n)
    scale = round(1.0 / FISHER_TIE_TOLERANCE)
    return num * scale <= den * (scale + 1)


def fisher_exact_p(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test for the table ``[[a, b], [c, d]]`` (``scipy.stats.fisher_exact``).

    With the margins fixed, the top-left cell ``x`` is hypergeometric: ``n1 = a + b`` of the ``N`` items are in
    the first row and ``n = a + c`` are drawn into the first column, so ``x`` runs over
    ``max(0, n - n2) .. min(n, n1)``. The p-value is the total probability of the values of ``x`` no more likely
    than the observed ``a`` (within the relative tie tolerance :data:`FISHER_TIE_TOLERANCE`, as scipy).
    A table with an empty row or column gives 1 (as scipy).

    The probabilities are taken relative to the mode, built outward from it by the exact ratio of neighbouring
    probabilities (one rounding per factor, so about 1e-13 relative even for tables of thousands, where
    log-gamma differences would lose digits), and divided by their total. Values whose relative probability is
    within 1e-9 of the tie threshold are decided by :func:`_no_more_likely` (integer arithmetic), so tables that
    are equally likely (mirror images when a margin is split evenly) are always counted together.
    """
    for value in (a, b, c, d):
        if value < 0:
            raise ValueError(f"the cells of a 2x2 table must be non-negative, got {[[a, b], [c, d]]}")
    n1, n2, n = a + b, c + d, a + c
    total = n1 + n2
    if 0 in (n1, n2, n, total - n):
        return 1.0
    low, high = max(0, n - n2), min(n, n1)
    mode = min(max((n + 1) * (n1 + 1) // (total + 2), low), high)
    x = np.arange(low, high, dtype=np.float64)  # pmf(x + 1) / pmf(x) for x in low .. high - 1
    up = (n1 - x) * (n - x)
    down = (x + 1.0) * (n2 - n + x + 1.0)
    weights = np.empty(high - low + 1)
    m = mode - low
    weights[m] = 1.0
    weights[m + 1:] = np.cumprod(up[m:] / down[m:])  # above the mode: each ratio < 1
    weights[:m] = np.cumprod((down[:m] / up[:m])[::-1])[::-1]  # below it: the inverse ratios, outward
    threshold = weights[a - low] * (1.0 + FISHER_TIE_TOLERANCE)
    if threshold == 0.0:  # the observed table is over 1e308 times less likely than the mode: p underflows
        return 0.0
    included = weights <= threshold
    near = np.flatnonzero(np.abs(weights - threshold) <= 1e-9 * threshold)
    for i in near:
        if i != a - low:
            included[i] = _no_more_likely(int(i) + low, a, n1, n2, n, bool(included[i]))
    return min(1.0, float(weights[included].sum() / weights.sum()))

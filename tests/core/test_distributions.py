"""The distribution functions of :mod:`pdsa_desk.core.distributions` equal :mod:`scipy.stats` (imported here only).

The app computes them from :mod:`scipy.special` so that :mod:`scipy.stats` is never imported on the path to the
agenda; these tests are the proof that nothing changed but the import.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from pdsa_desk.core.distributions import binom_ppf, chi2_sf, fisher_exact_p, norm_ppf


def _scipy_fisher(a: int, b: int, c: int, d: int) -> float:
    return float(stats.fisher_exact(np.array([[a, b], [c, d]])).pvalue)


def _exact_fisher(a: int, b: int, c: int, d: int) -> float:
    """The two-sided p-value in integer arithmetic (scipy's tie tolerance of 1e-14 applied exactly)."""
    n1, n2, n = a + b, c + d, a + c
    low, high = max(0, n - n2), min(n, n1)
    weight = [math.comb(n1, x) * math.comb(n2, n - x) for x in range(low, high + 1)]
    observed = weight[a - low]
    kept = sum(w for w in weight if w * 10**14 <= observed * (10**14 + 1))
    return kept / math.comb(n1 + n2, n)  # int / int: correctly rounded


def test_fisher_equals_scipy_on_every_table_up_to_24() -> None:
    """Every 2x2 table with n <= 24 (20,475 tables: all the zeros, ties and mirror images small tables have)."""
    worst = 0.0
    for total in range(25):
        for a in range(total + 1):
            for b in range(total + 1 - a):
                for c in range(total + 1 - a - b):
                    d = total - a - b - c
                    ours, theirs = fisher_exact_p(a, b, c, d), _scipy_fisher(a, b, c, d)
                    worst = max(worst, abs(ours - theirs) / theirs)
    assert worst <= 1e-12


def test_fisher_equals_scipy_on_random_large_tables() -> None:
    rng = np.random.default_rng(16)
    for _ in range(400):
        n1, n2 = (int(v) for v in rng.integers(1, 6000, 2))
        if rng.random() < 0.3:
            n2 = n1  # an evenly split row margin: each table has an equally likely mirror image
        n = int(rng.integers(1, n1 + n2))
        low, high = max(0, n - n2), min(n, n1)
        mode = (n + 1) * (n1 + 1) // (n1 + n2 + 2)
        a = int(np.clip(mode + rng.normal(0.0, 2.0 * math.sqrt(n / 4.0 + 1.0)), low, high))
        ours, theirs = fisher_exact_p(a, n1 - a, n - a, n2 - n + a), _scipy_fisher(a, n1 - a, n - a, n2 - n + a)
        assert ours == pytest.approx(theirs, rel=1e-12, abs=1e-300), (a, n1, n2, n)


@pytest.mark.parametrize("table", [
    (500, 500, 520, 480),  # mirror images (row margins equal) 20 apart
    (3000, 1000, 2900, 1100),
    (4, 4000, 9, 3995),
])
def test_fisher_equals_the_exact_rational_p_value(table: tuple[int, int, int, int]) -> None:
    assert fisher_exact_p(*table) == pytest.approx(_exact_fisher(*table), rel=1e-13)
    assert fisher_exact_p(*table) == pytest.approx(_scipy_fisher(*table), rel=1e-12)


def test_fisher_counts_mirror_images_far_apart_as_ties(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables more than ``_EXACT_FACTORS`` apart are compared in floats, except the exactly-as-likely mirror
    images of evenly split margins; with that limit at 0 every table takes that path, and still equals scipy."""
    from pdsa_desk.core import distributions

    monkeypatch.setattr(distributions, "_EXACT_FACTORS", 0)
    for total in range(17):
        for a in range(total + 1):
            for b in range(total + 1 - a):
                for c in range(total + 1 - a - b):
                    d = total - a - b - c
                    assert fisher_exact_p(a, b, c, d) == pytest.approx(_scipy_fisher(a, b, c, d), rel=1e-12)
    for table in [(500, 500, 520, 480), (700, 1300, 1300, 700), (90, 410, 410, 90), (1000, 1000, 1000, 1000)]:
        assert fisher_exact_p(*table) == pytest.approx(_exact_fisher(*table), rel=1e-13)
    assert fisher_exact_p(5000, 5000, 5000, 5000) == 1.0  # the observed table is its own mirror image, the mode


def test_fisher_zeros_and_invalid_tables() -> None:
    assert fisher_exact_p(0, 0, 3, 4) == 1.0 == _scipy_fisher(0, 0, 3, 4)
    assert fisher_exact_p(0, 5, 0, 7) == 1.0 == _scipy_fisher(0, 5, 0, 7)
    assert fisher_exact_p(0, 0, 0, 0) == 1.0
    assert fisher_exact_p(10, 0, 0, 10) == pytest.approx(_scipy_fisher(10, 0, 0, 10), rel=1e-12)
    assert fisher_exact_p(0, 1500, 1500, 0) == 0.0 == _scipy_fisher(0, 1500, 1500, 0)  # below the doubles
    with pytest.raises(ValueError, match="non-negative"):
        fisher_exact_p(1, -1, 2, 3)


def test_norm_ppf_equals_scipy() -> None:
    for q in np.concatenate(([1e-300, 1e-12, 0.001, 0.5, 0.975, 0.999, 1 - 1e-12], np.linspace(0.0, 1.0, 1001))):
        assert norm_ppf(float(q)) == float(stats.norm.ppf(q))


def test_chi2_sf_equals_scipy() -> None:
    for df in (1, 2, 3, 5, 10, 29, 100, 1000):
        for x in np.concatenate(([0.0, 1e-9], np.geomspace(1e-3, 5000.0, 200))):
            assert chi2_sf(float(x), df) == float(stats.chi2.sf(x, df))


def test_binom_ppf_equals_scipy_across_its_range() -> None:
    """Everywhere but at a q that equals a cdf value to the last bits, where the two cdf implementations'
    rounding decides (scipy.stats uses Boost, scipy.special.bdtr Cephes); see the next test for the app's q."""
    qs = [0.0, 1e-12, 0.001, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 1 - 1e-12, 1.0]
    compared = 0
    for n in [*range(0, 120), 500, 1000, 5000]:
        for p in (0.0, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0):
            cdf = stats.binom.cdf(np.arange(n + 1), n, p)
            for q in qs:
                if 0.0 < q < 1.0 and np.any(np.abs(cdf - q) <= 1e-12 * q):
                    continue
                assert binom_ppf(q, n, p) == stats.binom.ppf(q, n, p), (q, n, p)
                compared += 1
    assert compared > 15000


def test_binom_ppf_of_the_runs_rule_equals_scipy() -> None:
    """Anhøj's crossings limit: the 5th percentile of Binomial(n - 1, 1/2), for every series length up to 2,000."""
    for n in range(2001):
        assert binom_ppf(0.05, n, 0.5) == stats.binom.ppf(0.05, n, 0.5)
    with pytest.raises(ValueError):
        binom_ppf(1.5, 3, 0.5)

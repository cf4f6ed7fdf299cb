"""How numbers read everywhere in the UI and the PDF report: rates, differences, intervals, p-values."""

from __future__ import annotations

import math

#: Shown where there is no number (no data yet, an empty group).
MISSING = "—"


def _number(value: float | None) -> float | None:
    """The value as a float, or None where there is no number (None, NaN, ±inf)."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def pct(value: float | None, decimals: int = 1) -> str:
    """A rate 0..1 as a percentage: ``0.387`` -> ``38.7%``."""
    number = _number(value)
    return MISSING if number is None else f"{100 * number:.{decimals}f}%"


def pp(value: float | None, decimals: int = 1) -> str:
    """A difference of rates in percentage points, always signed: ``+5.1 pp``."""
    number = _number(value)
    return MISSING if number is None else f"{100 * number:+.{decimals}f} pp"


def interval(low: float | None, high: float | None, *, signed: bool = False) -> str:
    """An interval of rates (``56.0–72.0%``) or, ``signed``, of differences (``-6.9 to +16.8 pp``)."""
    lo, hi = _number(low), _number(high)
    if lo is None or hi is None:
        return MISSING
    if signed:
        return f"{100 * lo:+.1f} to {100 * hi:+.1f} pp"
    return f"{100 * lo:.1f}–{100 * hi:.1f}%"


def p_value(value: float | None) -> str:
    """A p-value to three decimals, small ones as ``< 0.001``."""
    number = _number(value)
    if number is None:
        return MISSING
    return "< 0.001" if number < 0.001 else f"{number:.3f}"


def chance(value: float | None) -> str:
    """A probability in whole percent that never rounds to certainty: ``> 99%`` / ``< 1%`` at the ends."""
    number = _number(value)
    if number is None:
        return MISSING
    if number > 0.99:
        return "> 99%"
    if number < 0.01:
        return "< 1%"
    return pct(number, 0)

"""How numbers read everywhere in the UI and the PDF report: rates, differences, intervals, p-values."""

from __future__ import annotations

import math

#: Shown where there is no number (no data yet, an empty group).
MISSING = "—"


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and not math.isfinite(value))


def pct(value: float | None, decimals: int = 1) -> str:
    """A rate 0..1 as a percentage: ``0.387`` -> ``38.7%``."""
    return MISSING if _missing(value) else f"{100 * float(value):.{decimals}f}%"  # type: ignore[arg-type]


def pp(value: float | None, decimals: int = 1) -> str:
    """A difference of rates in percentage points, always signed: ``+5.1 pp``."""
    return MISSING if _missing(value) else f"{100 * float(value):+.{decimals}f} pp"  # type: ignore[arg-type]


def interval(low: float | None, high: float | None, *, signed: bool = False) -> str:
    """An interval of rates (``56.0–72.0%``) or, ``signed``, of differences (``-6.9 to +16.8 pp``)."""
    if _missing(low) or _missing(high):
        return MISSING
    if signed:
        return f"{100 * low:+.1f} to {100 * high:+.1f} pp"  # type: ignore[operator]
    return f"{100 * low:.1f}–{100 * high:.1f}%"  # type: ignore[operator]


def p_value(value: float | None) -> str:
    """A p-value to three decimals, small ones as ``< 0.001``."""
    if _missing(value):
        return MISSING
    return "< 0.001" if value < 0.001 else f"{value:.3f}"  # type: ignore[operator]


def chance(value: float | None) -> str:
    """A probability in whole percent that never rounds to certainty: ``> 99%`` / ``< 1%`` at the ends."""
    if _missing(value):
        return MISSING
    if value > 0.99:  # type: ignore[operator]
        return "> 99%"
    if value < 0.01:  # type: ignore[operator]
        return "< 1%"
    return pct(value, 0)

"""The plain verdict of a cycle's study: one sentence a manager can act on.

One function, :func:`plain_verdict`, used by the Study tab (its headline), the weekly report (each
cycle's page) and the agenda (its Study and Act items), so the three always say the same thing. It is
derived from the study's readiness, the Newcombe 95% interval of the difference (cycle minus baseline)
and the cycle's prediction:

* not ready: **Too early** and the first thing missing ("9 of the 12 customers needed", the outcome
  of customers still within their window, no baseline, not started);
* the interval lies above zero: **Better**, and the interval excludes chance;
* the interval lies below zero: **Worse**, and the interval excludes chance;
* the interval spans zero but excludes the lift the team predicted (prediction minus the baseline
  rate), or the difference rounds to zero: **No detectable change** (but a difference pointing down
  stays **Looks worse**, with the missed prediction said);
* otherwise the interval spans zero: **Looks better** (or **worse**), **but it could be chance**.

"Chance the tactic is better" (a Bayesian probability) stays supporting detail: read alone it turns
an inconclusive result (81% with an interval of -12 to +31 points) into a win.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdsa_desk.core.study import CycleStudy

__all__ = ["Verdict", "VerdictKind", "plain_verdict", "signed_points"]


class VerdictKind(StrEnum):
    TOO_EARLY = "too early"
    BETTER = "better"
    LOOKS_BETTER = "looks better"
    NO_CHANGE = "no change"
    LOOKS_WORSE = "looks worse"
    WORSE = "worse"


@dataclass(frozen=True)
class Verdict:
    """``kind`` and ``sentence`` (the headline, with the interval in points where there is one)."""

    kind: VerdictKind
    sentence: str

    @property
    def conclusive(self) -> bool:
        """Whether the numbers settle the question (better, worse, or no detectable change)."""
        return self.kind in (VerdictKind.BETTER, VerdictKind.WORSE, VerdictKind.NO_CHANGE)

    def __str__(self) -> str:
        return self.sentence


def signed_points(value: float) -> str:
    """A difference in percentage points, signed, whole points, with a true minus sign: ``−12``, ``+31``."""
    points = round(100.0 * value)
    if points == 0:
        return "0"
    return f"{points:+d}".replace("-", "−")


def _interval(st: CycleStudy) -> str:
    c = st.comparison
    return f"{signed_points(c.diff_low)} to {signed_points(c.diff_high)} pp"


def _too_early(st: CycleStudy) -> str:
    if not st.started:
        return "Too early: the cycle has not started"
    if not st.rep_ids:
        return "Too early: no rep takes part in the cycle"
    if st.n_entered < st.min_sample:
        return f"Too early: {st.n_entered} of the {st.min_sample} customers needed"
    pending = st.n_immature + st.n_base_immature
    if pending:
        when = f", known by {st.known_by:%d %b %Y}" if st.known_by is not None else ""
        whose = "customer's" if pending == 1 else "customers'"
        return f"Too early: {pending} {whose} outcome not known yet{when}"
    if st.n_base == 0:
        return "Too early: no baseline customers to compare with"
    return "Too early to read"


def plain_verdict(st: CycleStudy) -> Verdict:
    """The one-sentence verdict of a study (see the module docstring for the rule)."""
    if not st.ready:
        return Verdict(VerdictKind.TOO_EARLY, _too_early(st))
    c = st.comparison
    if math.isnan(c.diff):
        return Verdict(VerdictKind.TOO_EARLY, "Too early: nothing to compare yet")
    interval = _interval(st)
    if c.diff_low > 0:
        return Verdict(VerdictKind.BETTER, f"Better, and the interval excludes chance ({interval})")
    if c.diff_high < 0:
        return Verdict(VerdictKind.WORSE, f"Worse, and the interval excludes chance ({interval})")
    if st.prediction is not None and not math.isnan(st.rate_base):
        lift = st.prediction - st.rate_base
        if lift != 0 and not c.diff_low <= lift <= c.diff_high:
            missed = f"the predicted {signed_points(lift)} pp is outside the interval"
            if round(100.0 * c.diff) < 0:  # it points the other way: say so, not "no change"
                return Verdict(VerdictKind.LOOKS_WORSE, f"Looks worse, but it could be chance ({interval}); {missed}")
            return Verdict(VerdictKind.NO_CHANGE, f"No detectable change ({interval}): {missed}")
    if round(100.0 * c.diff) == 0:
        return Verdict(VerdictKind.NO_CHANGE, f"No detectable change ({interval})")
    if c.diff > 0:
        return Verdict(VerdictKind.LOOKS_BETTER, f"Looks better, but it could be chance ({interval})")
    return Verdict(VerdictKind.LOOKS_WORSE, f"Looks worse, but it could be chance ({interval})")

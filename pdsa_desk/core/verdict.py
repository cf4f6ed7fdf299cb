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
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message, message, plural

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
    """``kind`` and ``sentence`` (the headline, with the interval in points where there is one; a
    :class:`~pdsa_desk.core.messages.Message`: English as a ``str``, translated by the UI)."""

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


#: The translation context of the verdicts (see :mod:`pdsa_desk.core.messages`).
CONTEXT = "Verdict"


def _interval(st: CycleStudy) -> Message:
    c = st.comparison
    return message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "%1 to %2 pp"), signed_points(c.diff_low),
                   signed_points(c.diff_high))


def _too_early(st: CycleStudy) -> Message:
    if not st.started:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: the cycle has not started"))
    if not st.rep_ids:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: no rep takes part in the cycle"))
    if st.n_entered < st.min_sample:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: %1 of the %2 customers needed"),
                       st.n_entered, st.min_sample)
    pending = st.n_immature + st.n_base_immature
    if pending:
        return _pending(pending, st.known_by)
    if st.n_base == 0:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: no baseline customers to compare with"))
    return message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early to read"))


def _pending(n: int, known_by: date | None) -> Message:
    if known_by is None:
        return plural(
            n, message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: %1 customer's outcome not known yet"), n),
            message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: %1 customers' outcome not known yet"), n))
    return plural(
        n,
        message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: %1 customer's outcome not known yet, known by %2"),
                n, known_by),
        message(CONTEXT, QT_TRANSLATE_NOOP("Verdict", "Too early: %1 customers' outcome not known yet, known by %2"),
                n, known_by))


def plain_verdict(st: CycleStudy) -> Verdict:
    """The one-sentence verdict of a study (see the module docstring for the rule)."""
    if not st.ready:
        return Verdict(VerdictKind.TOO_EARLY, _too_early(st))
    c = st.comparison
    if math.isnan(c.diff):
        return Verdict(VerdictKind.TOO_EARLY, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Verdict", "Too early: nothing to compare yet")))
    interval = _interval(st)
    if c.diff_low > 0:
        return Verdict(VerdictKind.BETTER, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Verdict", "Better, and the interval excludes chance (%1)"), interval))
    if c.diff_high < 0:
        return Verdict(VerdictKind.WORSE, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Verdict", "Worse, and the interval excludes chance (%1)"), interval))
    if st.prediction is not None and not math.isnan(st.rate_base):
        lift = st.prediction - st.rate_base
        if lift != 0 and not c.diff_low <= lift <= c.diff_high:
            missed = signed_points(lift)
            if round(100.0 * c.diff) < 0:  # it points the other way: say so, not "no change"
                return Verdict(VerdictKind.LOOKS_WORSE, message(CONTEXT, QT_TRANSLATE_NOOP(
                    "Verdict", "Looks worse, but it could be chance (%1); the predicted %2 pp is outside the "
                    "interval"), interval, missed))
            return Verdict(VerdictKind.NO_CHANGE, message(CONTEXT, QT_TRANSLATE_NOOP(
                "Verdict", "No detectable change (%1): the predicted %2 pp is outside the interval"), interval, missed))
    if round(100.0 * c.diff) == 0:
        return Verdict(VerdictKind.NO_CHANGE, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Verdict", "No detectable change (%1)"), interval))
    if c.diff > 0:
        return Verdict(VerdictKind.LOOKS_BETTER, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Verdict", "Looks better, but it could be chance (%1)"), interval))
    return Verdict(VerdictKind.LOOKS_WORSE, message(CONTEXT, QT_TRANSLATE_NOOP(
        "Verdict", "Looks worse, but it could be chance (%1)"), interval))

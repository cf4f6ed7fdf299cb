"""What a conversion chart may claim: the small-sample guard, and why two rule sets disagree.

The statistics of :mod:`pdsa_desk.core.spc` compute what they document whatever the sample. This module
decides, with the thresholds and references of :mod:`pdsa_desk.core.spc`, when a chart's points may be
presented as signals, and says so in words the Charts view, the Study tab and the PDF show as they are:

* :func:`phase_check` -- per phase: enough useful points for the runs rules
  (:data:`~pdsa_desk.core.spc_guard.MIN_USEFUL_POINTS`), enough expected conversions per period for 3-sigma
  limits (:data:`~pdsa_desk.core.spc_guard.MIN_EXPECTED_COUNT`);
* :func:`build_guard` -- the chart's :class:`ChartGuard`: which phases lost which rules, one sentence
  saying why, and the choices that would help (:class:`Remedy`: a longer period, a wider scope, a
  longer range);
* :func:`laney_note` -- why a P' chart is shown as a P chart;
* :func:`rules_disagreement` -- one sentence when the IHI and Anhøj rules disagree on a run chart.

Every sentence is a :class:`~pdsa_desk.core.messages.Message` in the context ``"ChartGuard"`` (its English
``str`` as always); the UI shows it in its language (:func:`pdsa_desk.ui.i18n.text`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pdsa_desk.core import spc, spc_guard
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Decimals, Message, Percent, TwoDecimals, joined, plural

__all__ = ["ChartGuard", "PhaseCheck", "Remedy", "build_guard", "laney_note", "phase_check", "rules_disagreement"]

CONTEXT = "ChartGuard"


def _m(template: str, *args: Arg) -> Message:
    return Message(CONTEXT, template, *args)


@dataclass(frozen=True)
class Remedy:
    """A choice that would give the chart enough data: ``kind`` ``"period"`` (value ``"month"``),
    ``"scope"`` (``"all"`` or ``"team:<id>"``) or ``"range"`` (``"all"``); ``label`` says it in words."""

    kind: str
    value: str
    label: str


@dataclass(frozen=True)
class PhaseCheck:
    """The guard's look at one phase's mature points (``limits_ok`` None on run charts)."""

    phase: int
    n_useful: int
    runs_ok: bool
    limits_ok: bool | None
    typical_n: float
    centre: float


@dataclass(frozen=True)
class ChartGuard:
    """What the guard withheld from a chart, why (one sentence) and what would help.

    ``runs_withheld``: phases whose runs rules (and, on run charts, every rule) were not applied;
    ``limits_withheld``: phases drawn without control limits; ``laney``: the note when a P' chart is
    shown as a P chart ("" otherwise); ``reason``: one sentence ("" when nothing was withheld);
    ``remedies``: choices that would give more data (empty when nothing was withheld).
    """

    runs_withheld: tuple[int, ...] = ()
    limits_withheld: tuple[int, ...] = ()
    laney: str = ""
    reason: str = ""
    remedies: tuple[Remedy, ...] = ()

    @property
    def withheld(self) -> bool:
        return bool(self.runs_withheld or self.limits_withheld)


def phase_check(phase: int, n: np.ndarray, n_useful: int, centre: float, *, limits: bool) -> PhaseCheck:
    """Check one phase: ``n`` its mature points' subgroup sizes, ``n_useful`` their useful points."""
    sizes = np.asarray(n, dtype=float)
    sizes = sizes[sizes > 0]
    typical = float(np.median(sizes)) if sizes.size else 0.0
    limits_ok = spc_guard.limits_apply(sizes, centre)[0] if limits else None
    return PhaseCheck(phase, int(n_useful), spc_guard.runs_apply(n_useful), limits_ok, typical, float(centre))


def _number(n: float) -> Decimals:
    """A typical count: whole, or with one decimal (a median of two sizes): "2.5" / "2,5"."""
    return Decimals(n, 0 if float(n).is_integer() else 1)


def _opportunities(n: float) -> Message:
    return plural(int(n) if float(n).is_integer() else 2,
                  _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 opportunity"), _number(n)),
                  _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 opportunities"), _number(n)))


def _periods(n: int, period: str) -> Message:
    if period == "week":
        return plural(n, _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 week"), n),
                      _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 weeks"), n))
    return plural(n, _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 month"), n),
                  _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 months"), n))


def _phases_text(phases: Sequence[int]) -> Message:
    numbers = [str(p + 1) for p in phases]
    if len(numbers) == 1:
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "phase %1"), numbers[0])
    return _m(QT_TRANSLATE_NOOP("ChartGuard", "phases %1 and %2"), ", ".join(numbers[:-1]), numbers[-1])


def _needed(centre: float) -> int | None:
    """Opportunities per period needed at the ``centre`` rate for limits (None if the rate is 0 or 1)."""
    smaller = min(centre, 1.0 - centre)
    return math.ceil(spc_guard.MIN_EXPECTED_COUNT / smaller) if smaller > 0 else None


def _limits_part(c: PhaseCheck, period: str) -> Message:
    needed = _needed(c.centre)
    if period == "week":
        has = _m(QT_TRANSLATE_NOOP("ChartGuard", "a typical week has %1"), _opportunities(c.typical_n))
    else:
        has = _m(QT_TRANSLATE_NOOP("ChartGuard", "a typical month has %1"), _opportunities(c.typical_n))
    if needed is None or not math.isfinite(c.centre):
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "%1, too few to place control limits"), has)
    return _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 where control limits need about %2 at a rate of %3 (%4 expected "
                                "conversions and non-conversions each)"),
              has, needed, Percent(c.centre), Decimals(spc_guard.MIN_EXPECTED_COUNT, 0))


def _tail(checks: Sequence[PhaseCheck], chart: str, every: bool) -> Message:
    runs_all = {c.phase for c in checks if not c.runs_ok}
    limits_all = {c.phase for c in checks if c.limits_ok is False}
    if chart == "run" or (runs_all and runs_all == limits_all):
        if not every:
            return _m(QT_TRANSLATE_NOOP("ChartGuard", "so no point there is marked as a signal"))
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "so no point is marked as a signal"))
    if limits_all and not runs_all:
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "so no limits are drawn and only the runs rules judge the points"))
    if runs_all and not limits_all:
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "so only the control limits judge the points"))
    return _m(QT_TRANSLATE_NOOP("ChartGuard", "so some rules are not applied"))


def _reason(checks: Sequence[PhaseCheck], chart: str, period: str) -> str:
    runs_bad = [c for c in checks if not c.runs_ok]
    limits_bad = [c for c in checks if c.limits_ok is False]
    if not runs_bad and not limits_bad:
        return ""
    parts: list[Message] = []
    if limits_bad:
        parts.append(_limits_part(min(limits_bad, key=lambda c: c.typical_n), period))
    if runs_bad:
        c = min(runs_bad, key=lambda c: c.n_useful)
        parts.append(_m(QT_TRANSLATE_NOOP("ChartGuard", "only %1 with data off the centre line, where the runs rules "
                                          "need %2"), _periods(c.n_useful, period), spc_guard.MIN_USEFUL_POINTS))
    affected = sorted({c.phase for c in (*runs_bad, *limits_bad)})
    every = len(affected) == len(checks)
    if every:
        lead = _m(QT_TRANSLATE_NOOP("ChartGuard", "Too little data to tell a signal from noise"))
    else:
        lead = _m(QT_TRANSLATE_NOOP("ChartGuard", "Too little data to tell a signal from noise in %1"),
                  _phases_text(affected))
    both = parts[0] if len(parts) == 1 else _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 and %2"), *parts)
    return _m(QT_TRANSLATE_NOOP("ChartGuard", "%1: %2, %3."), lead, both, _tail(checks, chart, every))


def build_guard(
    checks: Sequence[PhaseCheck],
    *,
    chart: str,
    period: str,
    group: tuple[str, str | None],
    ranged: bool,
    team: tuple[str, str] | None = None,
    laney: str = "",
) -> ChartGuard:
    """The chart's guard from its phases' checks. ``ranged``: the chart starts later than the data;
    ``team``: ``(id, name)`` of the team of the rep shown (for the "the team instead" remedy)."""
    runs = tuple(c.phase for c in checks if not c.runs_ok)
    limits = tuple(c.phase for c in checks if c.limits_ok is False)
    reason = _reason(checks, chart, period)
    remedies: list[Remedy] = []
    if runs or limits:
        if period == "week":
            remedies.append(Remedy("period", "month", _m(QT_TRANSLATE_NOOP("ChartGuard", "Month instead of Week"))))
        kind = group[0]
        if kind == "rep":
            if team is not None:
                remedies.append(Remedy("scope", f"team:{team[0]}", _m(QT_TRANSLATE_NOOP(
                    "ChartGuard", "Team %1 instead of one rep"), team[1])))
            remedies.append(Remedy("scope", "all", _m(QT_TRANSLATE_NOOP("ChartGuard", "Everyone instead of one rep"))))
        elif kind == "team":
            remedies.append(Remedy("scope", "all", _m(QT_TRANSLATE_NOOP("ChartGuard", "Everyone instead of one team"))))
        elif kind == "channel":
            remedies.append(Remedy("scope", "all", _m(QT_TRANSLATE_NOOP("ChartGuard", "Every channel instead of one"))))
        if ranged:
            remedies.append(Remedy("range", "all", _m(QT_TRANSLATE_NOOP("ChartGuard",
                                                                        "All time instead of this range"))))
    return ChartGuard(runs, limits, laney, reason, tuple(remedies))


def laney_note(why: str, sigma: float, n_points: int, period: str) -> str:
    """Why a P' chart is drawn as a P chart (``why`` from :func:`spc_guard.laney_applies`)."""
    if why == "under":
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "Shown as a P chart: Laney's P′ widens P-chart limits for large "
                                    "samples that vary more than chance; here σz = %1, no more variation than "
                                    "chance, and P′ would only narrow them."), TwoDecimals(sigma))
    return _m(QT_TRANSLATE_NOOP("ChartGuard", "Shown as a P chart: Laney's σz would rest on %1 with data, and P′ "
                                "needs at least %2."),
              _periods(n_points, period), spc_guard.MIN_USEFUL_POINTS)


# --------------------------------------------------------------------------- #
# IHI against Anhoej on a run chart
# --------------------------------------------------------------------------- #
def _count(flags: pd.Series | np.ndarray) -> int:
    return int(np.asarray(flags, dtype=bool).sum())


def rules_disagreement(res: pd.DataFrame, phases: Sequence[tuple[int, int]], applied: Sequence[bool],
                       anhoej_points: np.ndarray) -> str:
    """One sentence when one rule set signals on a run chart and the other does not ("" otherwise).

    ``res`` is :func:`spc.run_chart` with ``rules="ihi"`` (it carries both rule sets' columns);
    ``phases`` the ``(start, stop)`` positions of each phase, ``applied`` whether the guard let runs
    rules judge it; ``anhoej_points`` the points in a run longer than Anhoej's limit.
    """
    ihi_points = np.zeros(len(res), dtype=bool)
    anh_points = np.zeros(len(res), dtype=bool)
    ihi_reasons: list[Message] = []
    anh_reasons: list[Message] = []
    any_ihi = any_anh = False
    for (a, b), ok in zip(phases, applied, strict=True):
        if not ok or b <= a:
            continue
        ph = res.iloc[a:b]
        row = ph.iloc[0]
        shift, trend, astro = ph["ihi_shift"], ph["ihi_trend"], ph["ihi_astronomical"]
        ihi_points[a:b] = (shift | trend | astro).to_numpy(dtype=bool)
        anh_points[a:b] = anhoej_points[a:b]
        runs_flag = bool(row["ihi_runs"])
        any_ihi |= bool(ihi_points[a:b].any()) or runs_flag
        any_anh |= bool(anh_points[a:b].any()) or bool(row["runs_signal"])
        longest, limit, useful = int(row["longest_run"]), int(row["longest_run_max"]), int(row["n_useful"])
        if _count(shift) and longest <= limit:
            ihi_reasons.append(_m(QT_TRANSLATE_NOOP(
                "ChartGuard", "a run of %1 points on one side of the median meets the IHI shift rule (%2 or more) but "
                "not Anhøj's limit, which grows with the data (longer than %3 for %4 points)"),
                longest, spc.IHI_SHIFT_LENGTH, limit, useful))
        if _count(trend):
            ihi_reasons.append(_m(QT_TRANSLATE_NOOP(
                "ChartGuard", "the IHI trend rule (%1 or more points going one way) has no Anhøj counterpart: a trend "
                "rule adds false alarms and little sensitivity (Davis & Woodall 1988), which is why Anhøj's rules "
                "leave it out"), spc.IHI_TREND_LENGTH))
        if _count(astro):
            ihi_reasons.append(_m(QT_TRANSLATE_NOOP(
                "ChartGuard", "an astronomical point (beyond 3 sigma of the moving ranges) is an IHI rule; Anhøj's "
                "runs analysis does not judge single points, a P chart's limits do")))
        if runs_flag and not bool(row["runs_signal"]):
            ihi_reasons.append(_m(QT_TRANSLATE_NOOP(
                "ChartGuard", "%1 runs is outside the IHI table's %2–%3, which also flags too many runs, while "
                "Anhøj's crossings (%4, at least %5) are within chance"),
                int(row["ihi_n_runs"]), int(row["ihi_runs_min"]), int(row["ihi_runs_max"]), int(row["n_crossings"]),
                int(row["n_crossings_min"])))
        crossings, minimum = int(row["n_crossings"]), int(row["n_crossings_min"])
        if crossings < minimum and not runs_flag:
            anh_reasons.append(_m(QT_TRANSLATE_NOOP(
                "ChartGuard", "Anhøj's rules find too few crossings of the median (%1, at least %2 expected for %3 "
                "points), a shift spread over several runs, while the IHI runs count (%4) is within its table's "
                "%5–%6"), crossings, minimum, useful, int(row["ihi_n_runs"]), int(row["ihi_runs_min"]),
                int(row["ihi_runs_max"])))
    if any_ihi and not any_anh and ihi_reasons:
        n = _count(ihi_points)
        if n:
            what = plural(n, _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 point"), n),
                          _m(QT_TRANSLATE_NOOP("ChartGuard", "%1 points"), n))
        else:
            what = _m(QT_TRANSLATE_NOOP("ChartGuard", "the runs count"))
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "The IHI rules flag %1 and Anhøj's rules nothing: %2."), what,
                  joined(ihi_reasons, "; "))
    if any_anh and not any_ihi and anh_reasons:
        return _m(QT_TRANSLATE_NOOP("ChartGuard", "Anhøj's rules signal and the IHI rules do not: %1."),
                  joined(anh_reasons, "; "))
    return ""

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
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pdsa_desk.core import spc, spc_guard

__all__ = ["ChartGuard", "PhaseCheck", "Remedy", "build_guard", "laney_note", "phase_check", "rules_disagreement"]


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


def _plural(n: float, one: str, many: str) -> str:
    number = f"{n:.0f}" if float(n).is_integer() else f"{n:.1f}"
    return f"{number} {one if n == 1 else many}"


def _phases_text(phases: Sequence[int]) -> str:
    numbers = [str(p + 1) for p in phases]
    if len(numbers) == 1:
        return f"phase {numbers[0]}"
    return "phases " + ", ".join(numbers[:-1]) + " and " + numbers[-1]


def _needed(centre: float) -> int | None:
    """Opportunities per period needed at the ``centre`` rate for limits (None if the rate is 0 or 1)."""
    smaller = min(centre, 1.0 - centre)
    return math.ceil(spc_guard.MIN_EXPECTED_COUNT / smaller) if smaller > 0 else None


def _reason(checks: Sequence[PhaseCheck], chart: str, period: str) -> str:
    runs_bad = [c for c in checks if not c.runs_ok]
    limits_bad = [c for c in checks if c.limits_ok is False]
    if not runs_bad and not limits_bad:
        return ""
    unit = "week" if period == "week" else "month"
    parts = []
    if limits_bad:
        c = min(limits_bad, key=lambda c: c.typical_n)
        needed = _needed(c.centre)
        has = f"a typical {unit} has {_plural(c.typical_n, 'opportunity', 'opportunities')}"
        if needed is None or not math.isfinite(c.centre):
            parts.append(f"{has}, too few to place control limits")
        else:
            parts.append(f"{has} where control limits need about {needed} at a rate of {c.centre:.0%} "
                         f"({spc_guard.MIN_EXPECTED_COUNT:.0f} expected conversions and non-conversions each)")
    if runs_bad:
        c = min(runs_bad, key=lambda c: c.n_useful)
        parts.append(f"only {_plural(c.n_useful, unit, unit + 's')} with data off the centre line, where the runs "
                     f"rules need {spc_guard.MIN_USEFUL_POINTS}")
    affected = sorted({c.phase for c in (*runs_bad, *limits_bad)})
    every = len(affected) == len(checks)
    lead = "Too little data to tell a signal from noise" + ("" if every else f" in {_phases_text(affected)}")
    runs_all = {c.phase for c in runs_bad}
    limits_all = {c.phase for c in limits_bad}
    if chart == "run" or (runs_all and runs_all == limits_all):
        tail = "so no point there is marked as a signal" if not every else "so no point is marked as a signal"
    elif limits_bad and not runs_bad:
        tail = "so no limits are drawn and only the runs rules judge the points"
    elif runs_bad and not limits_bad:
        tail = "so only the control limits judge the points"
    else:
        tail = "so some rules are not applied"
    return f"{lead}: {' and '.join(parts)}, {tail}."


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
            remedies.append(Remedy("period", "month", "Month instead of Week"))
        kind = group[0]
        if kind == "rep":
            if team is not None:
                remedies.append(Remedy("scope", f"team:{team[0]}", f"Team {team[1]} instead of one rep"))
            remedies.append(Remedy("scope", "all", "Everyone instead of one rep"))
        elif kind == "team":
            remedies.append(Remedy("scope", "all", "Everyone instead of one team"))
        elif kind == "channel":
            remedies.append(Remedy("scope", "all", "Every channel instead of one"))
        if ranged:
            remedies.append(Remedy("range", "all", "All time instead of this range"))
    return ChartGuard(runs, limits, laney, reason, tuple(remedies))


def laney_note(why: str, sigma: float, n_points: int, period: str) -> str:
    """Why a P' chart is drawn as a P chart (``why`` from :func:`spc_guard.laney_applies`)."""
    unit = "weeks" if period == "week" else "months"
    if why == "under":
        return (f"Shown as a P chart: Laney's P′ widens P-chart limits for large samples that vary more than "
                f"chance; here σz = {sigma:.2f}, no more variation than chance, and P′ would only narrow them.")
    return (f"Shown as a P chart: Laney's σz would rest on {n_points} {unit} with data, and P′ needs at "
            f"least {spc_guard.MIN_USEFUL_POINTS}.")


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
    ihi_reasons: list[str] = []
    anh_reasons: list[str] = []
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
            ihi_reasons.append(
                f"a run of {longest} points on one side of the median meets the IHI shift rule ({spc.IHI_SHIFT_LENGTH} "
                f"or more) but not Anhøj's limit, which grows with the data (longer than {limit} for {useful} points)")
        if _count(trend):
            ihi_reasons.append(
                f"the IHI trend rule ({spc.IHI_TREND_LENGTH} or more points going one way) has no Anhøj counterpart: "
                "a trend rule adds false alarms and little sensitivity (Davis & Woodall 1988), which is why Anhøj's "
                "rules leave it out")
        if _count(astro):
            ihi_reasons.append("an astronomical point (beyond 3 sigma of the moving ranges) is an IHI rule; Anhøj's "
                               "runs analysis does not judge single points, a P chart's limits do")
        if runs_flag and not bool(row["runs_signal"]):
            ihi_reasons.append(
                f"{int(row['ihi_n_runs'])} runs is outside the IHI table's {int(row['ihi_runs_min'])}–"
                f"{int(row['ihi_runs_max'])}, which also flags too many runs, while Anhøj's crossings "
                f"({int(row['n_crossings'])}, at least {int(row['n_crossings_min'])}) are within chance")
        crossings, minimum = int(row["n_crossings"]), int(row["n_crossings_min"])
        if crossings < minimum and not runs_flag:
            anh_reasons.append(
                f"Anhøj's rules find too few crossings of the median ({crossings}, at least {minimum} expected for "
                f"{useful} points), a shift spread over several runs, while the IHI runs count "
                f"({int(row['ihi_n_runs'])}) is within its table's "
                f"{int(row['ihi_runs_min'])}–{int(row['ihi_runs_max'])}")
    if any_ihi and not any_anh and ihi_reasons:
        n = _count(ihi_points)
        what = f"{n} point{'s' if n != 1 else ''}" if n else "the runs count"
        return f"The IHI rules flag {what} and Anhøj's rules nothing: {'; '.join(ihi_reasons)}."
    if any_anh and not any_ihi and anh_reasons:
        return f"Anhøj's rules signal and the IHI rules do not: {'; '.join(anh_reasons)}."
    return ""

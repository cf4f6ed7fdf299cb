"""Study: what a PDSA cycle's numbers say, and whether it is too early to read them.

Three questions, all answered from :class:`~pdsa_desk.core.frames.AnalysisData`
with the conversion rule of :mod:`pdsa_desk.core.metrics` (first entry into the
from-stage, converted if any later stage is first entered within the
from-stage's ``window_days``; stage skipping converts):

:func:`study_cycle`
    The cycle's participants' customers entering the from-stage during the
    cycle against the same reps' customers in a baseline window before it.
:func:`compare_reps`
    Reps side by side on one transition with funnel-plot limits (no league
    table: sorted by name); in :mod:`pdsa_desk.core.funnel_compare`, re-exported here.
:func:`team_improvement`
    For a cycle with several reps: how many reps improved, so that a team
    total cannot hide that most of them did not.

Windows
-------
All windows are half-open ``[start, end)`` in UTC. Cycle and baseline dates
(``planned_start``, ``planned_end``, ``baseline_start``, ``baseline_end``) are
whole UTC days, the end date included: a cycle planned 2026-03-02 .. 2026-03-29
covers ``[2026-03-02 00:00, 2026-03-30 00:00)``. A cycle starts on the day
it actually started (``started_at``, recorded by Start) and, for cycles
started before that was recorded, on its planned start. A cycle without a
planned end -- or started after it -- runs up to ``as_of``; one that has not
started has an empty window at ``as_of``.

The default baseline is the ``max(8 weeks, cycle length)`` before the cycle
start (for a cycle without a planned end the length so far). A cycle's own
baseline dates replace it; with only one of the two dates set, the other is
taken from the default length (only a start: up to the cycle start).

Maturity
--------
A customer's outcome is known once their window has elapsed (``entered_at +
window_days <= as_of``). Only mature customers are counted in ``x``/``n``,
rates, intervals and comparisons, in the cycle *and* in the baseline:
counting immature ones as "not converted (yet)" would bias the rate down. They
are counted separately (``n_immature``, ``n_base_immature``) and make the
study "too early" (the baseline case arises for a cycle that started less than
a window ago: the customers just before its start are still open).

Readiness
---------
A study is ``ready`` only when the cycle has started, at least
``min_sample_size`` customers have entered the from-stage during it, every one
of them (and of the baseline) is mature, and the baseline has customers at
all. Otherwise its verdict is "too early" and ``reasons`` says why in
sentences for the user (a cycle that has not started gives only that reason).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core import conversion, proportions, study_texts
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.funnel_compare import POSITIONS, RepComparison, compare_reps, dispersion_sentence
from pdsa_desk.core.messages import Percent
from pdsa_desk.core.statuses import CycleStatus
from pdsa_desk.core.study_inputs import as_of_time, transition_of

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.models import Cycle

__all__ = [
    "BASELINE_MIN",
    "CREDIBLE",
    "POSITIONS",
    "READY",
    "TOO_EARLY",
    "CycleStudy",
    "RepComparison",
    "TeamImprovement",
    "compare_reps",
    "dispersion_sentence",
    "study_cycle",
    "team_improvement",
]

TOO_EARLY = "too early"
READY = "ready"
#: The shortest default baseline.
BASELINE_MIN = timedelta(weeks=8)
#: A rep improved "credibly" when the chance that their new rate is better is at least this.
CREDIBLE = 0.9

_DAY = timedelta(days=1)
_PER_REP_COLUMNS = ["rep_id", "name", "x_base", "n_base", "x_new", "n_new", "rate_base", "rate_new", "diff",
                    "prob_better", "improved", "credible", "counted", "n_immature"]


# --------------------------------------------------------------------------- #
# results
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class CycleStudy:
    """A cycle's conversion during the cycle against its baseline (see module docstring).

    ``x``/``n`` count mature customers only. Additions to the UI contract:
    ``from_stage_name``, ``to_stage_name``, ``window_days``; ``n_entered``
    (cycle customers entered by ``as_of``, mature or not = ``n_new +
    n_immature``); ``n_base_immature`` (baseline customers left out because
    their outcome is not known yet); ``started``; ``known_by`` (when every
    customer entered so far will be mature, None if all are);
    ``members`` (both windows' customers, :func:`conversion.cohort_members`
    columns plus ``window`` = ``"baseline"``/``"cycle"``; not compared or
    hashed).
    """

    cycle_id: str
    from_stage: int
    to_stage: int
    rep_ids: tuple[str, ...]
    baseline_start: datetime
    baseline_end: datetime
    cycle_start: datetime
    cycle_end: datetime
    x_base: int
    n_base: int
    x_new: int
    n_new: int
    rate_base: float
    rate_new: float
    base_low: float
    base_high: float
    new_low: float
    new_high: float
    comparison: proportions.Comparison
    prediction: float | None
    prediction_inside: bool | None
    n_immature: int
    min_sample: int
    ready: bool
    verdict: str
    reasons: tuple[str, ...]
    # additions
    from_stage_name: str = ""
    to_stage_name: str = ""
    window_days: int = 0
    n_entered: int = 0
    n_base_immature: int = 0
    started: bool = False
    known_by: datetime | None = None
    members: pd.DataFrame = field(default_factory=pd.DataFrame, compare=False, repr=False)


@dataclass(frozen=True, eq=False)
class TeamImprovement:
    """How many of a cycle's reps improved (see :func:`team_improvement`).

    Additions: ``study`` (the cycle's :class:`CycleStudy`, for its readiness);
    ``per_rep`` lists every participant, with ``counted`` False for reps
    without mature customers in both windows (NaN rates/diff/prob_better),
    and ``n_immature`` (their cycle customers not yet mature).
    """

    cycle_id: str
    n_reps: int
    k_improved: int
    k_credible: int
    per_rep: pd.DataFrame
    headline: str
    # additions
    study: CycleStudy


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #
def _day(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _counts(members: pd.DataFrame) -> tuple[int, int, int]:
    """(x, n, n_immature) over mature members."""
    mature = members["mature"].to_numpy(dtype=bool)
    converted = members["converted"].to_numpy(dtype=bool)
    return int((converted & mature).sum()), int(mature.sum()), int((~mature).sum())


@dataclass(frozen=True)
class _Windows:
    cycle_start: datetime
    cycle_end: datetime
    baseline_start: datetime
    baseline_end: datetime
    started: bool
    ended: bool


def _windows(cycle: Cycle, as_of: datetime) -> _Windows:
    started_at = cycle.started_at
    if started_at is not None:  # the actual start (schema 0003 on)
        start = _day(started_at.astimezone(UTC).date())
        started = started_at <= as_of
    else:  # a cycle started before the start was recorded: its planned start
        start = as_of if cycle.planned_start is None else _day(cycle.planned_start)
        started = cycle.planned_start is not None and cycle.status != CycleStatus.PLAN and start <= as_of
    if cycle.planned_end is not None and _day(cycle.planned_end) + _DAY > start:
        end = _day(cycle.planned_end) + _DAY
    else:  # no planned end, or the cycle started after it: it runs up to as_of
        end = max(as_of, start)
    length = max(BASELINE_MIN, end - start)
    b0 = _day(cycle.baseline_start) if cycle.baseline_start is not None else None
    b1 = _day(cycle.baseline_end) + _DAY if cycle.baseline_end is not None else None
    if b1 is None:  # no end: up to the cycle's start (or the baseline's own start, if later)
        b1 = start if b0 is None else max(start, b0)
    if b0 is None:  # no start: as long as the cycle, before the baseline's end
        b0 = b1 - length
    return _Windows(start, end, b0, b1, started, started and as_of >= end)


@dataclass(frozen=True)
class _Context:
    cycle: Cycle
    as_of: datetime
    rep_ids: tuple[str, ...]
    stage: tuple[int, str, str, int]
    windows: _Windows
    base: pd.DataFrame
    new: pd.DataFrame


def _context(ws: Workspace, cycle_id: str, as_of: Any, data: AnalysisData | None, cycle: Cycle | None = None,
             rep_ids: Sequence[str] | None = None) -> _Context:
    when = as_of_time(as_of)
    if cycle is None or rep_ids is None:  # read through the workspace (SQLAlchemy) only when not given
        from pdsa_desk.core import services

        cycle = services.get_cycle(ws, cycle_id) if cycle is None else cycle
        rep_ids = [r.id for r in services.participants(ws, cycle.id)] if rep_ids is None else rep_ids
    if data is None:
        data = load_analysis_data(ws)
    stage = transition_of(data, cycle.from_stage_id)
    win = _windows(cycle, when)
    reps = tuple(rep_ids)

    def members(start: datetime, end: datetime) -> pd.DataFrame:
        return conversion.cohort_members(data, from_stage=stage[0], start=start, end=end, as_of=when, rep_ids=reps)

    return _Context(cycle, when, reps, stage, win, members(win.baseline_start, win.baseline_end),
                    members(win.cycle_start, win.cycle_end))


# --------------------------------------------------------------------------- #
# study of one cycle
# --------------------------------------------------------------------------- #
def study_cycle(
    ws: Workspace, cycle_id: str, *, as_of: Any = None, data: AnalysisData | None = None,
    cycle: Cycle | None = None, rep_ids: Sequence[str] | None = None,
) -> CycleStudy:
    """Study a cycle as of ``as_of`` (default: now). See the module docstring.

    ``data`` is an already-loaded snapshot of ``ws`` (default: loaded here).
    ``cycle`` and ``rep_ids`` replace the cycle's row and participants as read
    now (a past week's report studies the cycle as it stood then).
    Raises :class:`ValidationError` for a deleted cycle or a from-stage that
    no longer exists or has no next stage.
    """
    ctx = _context(ws, cycle_id, as_of, data, cycle, rep_ids)
    cycle, win = ctx.cycle, ctx.windows
    pos, stage_name, next_name, window_days = ctx.stage
    x_base, n_base, base_immature = _counts(ctx.base)
    x_new, n_new, n_immature = _counts(ctx.new)
    n_entered = n_new + n_immature
    comparison = proportions.compare_proportions(x_base, n_base, x_new, n_new)
    min_sample = int(cycle.min_sample_size)

    reasons: list[str] = []  # study_texts messages: English as str, translated by the UI
    if not win.started:
        reasons.append(study_texts.not_started())
    else:
        if not ctx.rep_ids:
            reasons.append(study_texts.no_rep())
        elif n_entered < min_sample:
            reasons.append(study_texts.too_few(n_entered, min_sample, stage_name, ended=win.ended))
        if n_immature:
            reasons.append(study_texts.pending(n_immature, window_days, baseline=False))
        if base_immature:
            reasons.append(study_texts.pending(base_immature, window_days, baseline=True))
        if n_base == 0 and not base_immature and ctx.rep_ids:
            last = (win.baseline_end - _DAY).date() if win.baseline_end > win.baseline_start else win.baseline_end
            reasons.append(study_texts.no_baseline(stage_name, win.baseline_start.date(), last))
    ready = not reasons

    prediction = None if cycle.prediction_rate is None else float(cycle.prediction_rate)
    inside = None
    if prediction is not None and n_new > 0:
        inside = bool(comparison.new_low <= prediction <= comparison.new_high)

    known_by = None
    window = pd.Timedelta(days=window_days)
    pending = pd.concat([ctx.base.loc[~ctx.base["mature"], "entered_at"],
                         ctx.new.loc[~ctx.new["mature"], "entered_at"]])
    if len(pending):
        known_by = (pending.max() + window).to_pydatetime(warn=False)

    members = pd.concat(
        [ctx.base.assign(window="baseline"), ctx.new.assign(window="cycle")], ignore_index=True
    )
    return CycleStudy(
        cycle_id=cycle.id,
        from_stage=pos,
        to_stage=pos + 1,
        rep_ids=ctx.rep_ids,
        baseline_start=win.baseline_start,
        baseline_end=win.baseline_end,
        cycle_start=win.cycle_start,
        cycle_end=win.cycle_end,
        x_base=x_base,
        n_base=n_base,
        x_new=x_new,
        n_new=n_new,
        rate_base=comparison.rate_base,
        rate_new=comparison.rate_new,
        base_low=comparison.base_low,
        base_high=comparison.base_high,
        new_low=comparison.new_low,
        new_high=comparison.new_high,
        comparison=comparison,
        prediction=prediction,
        prediction_inside=inside,
        n_immature=n_immature,
        min_sample=min_sample,
        ready=ready,
        verdict=READY if ready else TOO_EARLY,
        reasons=tuple(reasons),
        from_stage_name=stage_name,
        to_stage_name=next_name,
        window_days=window_days,
        n_entered=n_entered,
        n_base_immature=base_immature,
        started=win.started,
        known_by=known_by,
        members=members,
    )


# --------------------------------------------------------------------------- #
# did most reps improve?
# --------------------------------------------------------------------------- #
def _per_rep_counts(members: pd.DataFrame, rep_ids: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame({
        "rep_id": members["rep_id"].astype(str).to_numpy(),
        "n": members["mature"].to_numpy(dtype=np.int64),
        "x": (members["mature"] & members["converted"]).to_numpy(dtype=np.int64),
        "n_immature": (~members["mature"]).to_numpy(dtype=np.int64),
    })
    return frame.groupby("rep_id").sum().reindex(list(rep_ids), fill_value=0)


def team_improvement(
    ws: Workspace, cycle_id: str, *, as_of: Any = None, data: AnalysisData | None = None,
    cycle: Cycle | None = None, rep_ids: Sequence[str] | None = None,
) -> TeamImprovement:
    """Per participating rep: baseline vs cycle, with the windows of :func:`study_cycle`.

    A rep counts (``n_reps``) with mature customers in both windows.
    ``improved``: ``rate_new > rate_base``; ``credible``: ``prob_better >=``
    :data:`CREDIBLE`. ``per_rep`` is sorted by name.
    """
    if data is None:
        data = load_analysis_data(ws)
    study = study_cycle(ws, cycle_id, as_of=as_of, data=data, cycle=cycle, rep_ids=rep_ids)
    names = dict(zip(data.reps["id"].astype(str), data.reps["name"].astype(str), strict=True))
    rep_ids = study.rep_ids
    members = study.members
    base = _per_rep_counts(members[members["window"] == "baseline"], rep_ids).to_dict("index")
    new = _per_rep_counts(members[members["window"] == "cycle"], rep_ids).to_dict("index")

    rows = []
    for rep in rep_ids:
        xb, nb = int(base[rep]["x"]), int(base[rep]["n"])
        xn, nn = int(new[rep]["x"]), int(new[rep]["n"])
        counted = nb > 0 and nn > 0
        if counted:
            c = proportions.compare_proportions(xb, nb, xn, nn)
            rb, rn, diff, pb = c.rate_base, c.rate_new, c.diff, c.prob_better
        else:
            rb = xb / nb if nb else math.nan
            rn = xn / nn if nn else math.nan
            diff, pb = math.nan, math.nan
        rows.append({
            "rep_id": rep, "name": names.get(rep, rep), "x_base": xb, "n_base": nb, "x_new": xn, "n_new": nn,
            "rate_base": rb, "rate_new": rn, "diff": diff, "prob_better": pb,
            "improved": bool(counted and rn > rb), "credible": bool(counted and pb >= CREDIBLE),
            "counted": counted, "n_immature": int(new[rep]["n_immature"]),
        })
    per_rep = pd.DataFrame(rows, columns=_PER_REP_COLUMNS)
    per_rep = per_rep.astype({"x_base": "int64", "n_base": "int64", "x_new": "int64", "n_new": "int64",
                              "rate_base": "float64", "rate_new": "float64", "diff": "float64",
                              "prob_better": "float64", "improved": bool, "credible": bool, "counted": bool,
                              "n_immature": "int64"})
    per_rep = per_rep.sort_values(["name", "rep_id"], kind="stable", ignore_index=True)

    n_reps = int(per_rep["counted"].sum())
    k_improved = int(per_rep["improved"].sum())
    k_credible = int(per_rep["credible"].sum())
    if n_reps == 0:
        headline: str = study_texts.no_headline()
    else:
        headline = study_texts.headline(k_improved, n_reps, k_credible, Percent(CREDIBLE))
    return TeamImprovement(
        cycle_id=study.cycle_id,
        n_reps=n_reps,
        k_improved=k_improved,
        k_credible=k_credible,
        per_rep=per_rep,
        headline=headline,
        study=study,
    )

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
    table: sorted by name).
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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core import conversion, metrics, proportions, spc_guard
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from pdsa_desk.core.models import CycleStatus

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
#: Funnel positions, from lowest to highest.
POSITIONS = ("below 99.8%", "below 95%", "within", "above 95%", "above 99.8%")

_DAY = timedelta(days=1)
_TABLE_COLUMNS = ["rep_id", "name", "team_id", "team_name", "x", "n", "rate", "low", "high", "z", "position",
                  "active_cycles", "n_immature"]
_FUNNEL_COLUMNS = ["n", "lower95", "upper95", "lower998", "upper998"]
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
class RepComparison:
    """Reps on one transition with funnel limits (see :func:`compare_reps`).

    Additions: ``as_of``, ``from_stage_name``, ``to_stage_name``; ``table``
    also has ``n_immature``. ``position`` takes the values of
    :data:`POSITIONS`. ``n_pending``: customers of the compared reps who
    entered in the period but whose window is still open (also of reps not in
    ``table``, who have none with a known outcome); ``known_by``: when the last
    of them will be known; ``dispersion``: the guarded over-dispersion check
    (:func:`spc_guard.dispersion_check`) and ``dispersion_note`` its sentence;
    ``empty_note`` says why ``table`` is empty ("" when it is not). Compared by
    identity (it holds frames).
    """

    from_stage: int
    to_stage: int
    start: datetime
    end: datetime
    table: pd.DataFrame
    p0: float
    overdispersed: bool
    phi: float
    tau2: float
    funnel: pd.DataFrame
    # additions
    as_of: datetime | None = None
    from_stage_name: str = ""
    to_stage_name: str = ""
    n_pending: int = 0
    known_by: datetime | None = None
    window_days: int = 0
    dispersion: spc_guard.DispersionCheck | None = None
    dispersion_note: str = ""

    @property
    def empty_note(self) -> str:
        """Why no rep is in the table: nobody entered, or everyone who entered is still within their window."""
        if len(self.table):
            return ""
        stage = self.from_stage_name
        if not self.n_pending:
            return f"No opportunities entered '{stage}' in this period."
        when = f" (known by {self.known_by:%d %b %Y})" if self.known_by is not None else ""
        return (f"{_plural(self.n_pending, 'opportunity', 'opportunities')} entered '{stage}' in this period, all "
                f"still within their {self.window_days}-day window: no outcome is known yet{when}.")


def dispersion_sentence(check: spc_guard.DispersionCheck) -> str:
    """What a comparison may say about reps varying more than chance (see :func:`spc_guard.dispersion_check`)."""
    if not check.estimable:
        return (f"Too few opportunities per rep to tell whether reps vary more than chance: "
                f"{check.k_eligible} of {_plural(check.k, 'rep', 'reps')} expect at least "
                f"{spc_guard.MIN_EXPECTED_COUNT:.0f} conversions and "
                f"{spc_guard.MIN_EXPECTED_COUNT:.0f} non-conversions, "
                f"and at least {spc_guard.MIN_DISPERSION_UNITS} such reps are needed.")
    p = "p < 0.001" if check.p_value < 0.001 else f"p = {check.p_value:.3f}"
    if check.overdispersed:
        return f"Reps vary more than chance alone would explain (φ = {check.phi:.1f}, {p})."
    return f"Reps vary about as much as chance alone would explain (φ = {check.phi:.1f}, {p})."


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
def _utc(value: Any) -> datetime:
    """Anything pandas reads as a time -> aware UTC datetime (naive = UTC)."""
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        raise ValueError(f"not a time: {value!r}")
    ts = ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")
    return ts.to_pydatetime(warn=False).astimezone(UTC)


def _as_of(value: Any) -> datetime:
    return datetime.now(UTC) if value is None else _utc(value)


def _day(d: date) -> datetime:
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


def _stage(data: AnalysisData, ref: int | str) -> tuple[int, str, str, int]:
    """(position, name, next stage's name, window_days) of a stage with a transition."""
    prep = metrics.prepare(data)
    try:
        pos = prep.stage_pos(ref)
    except (KeyError, IndexError):
        raise ValidationError("The stage no longer exists (it may have been deleted).", "from_stage") from None
    if (pos, pos + 1) not in metrics.transitions(prep):
        name = str(data.stages["name"].iloc[pos])
        raise ValidationError(f"'{name}' has no next stage to convert to.", "from_stage")
    names = data.stages["name"].astype(str).tolist()
    return pos, names[pos], names[pos + 1], int(data.stages["window_days"].iloc[pos])


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


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
    from pdsa_desk.core import services

    when = _as_of(as_of)
    if cycle is None:
        cycle = services.get_cycle(ws, cycle_id)
    if rep_ids is None:
        rep_ids = [r.id for r in services.participants(ws, cycle.id)]
    if data is None:
        data = load_analysis_data(ws)
    stage = _stage(data, cycle.from_stage_id)
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

    reasons: list[str] = []
    days = _plural(window_days, "day", "days")
    if not win.started:
        reasons.append("The cycle has not started.")
    else:
        if not ctx.rep_ids:
            reasons.append("No rep takes part in the cycle.")
        elif n_entered < min_sample:
            if win.ended:
                reasons.append(
                    f"Only {n_entered} of the {min_sample} customers needed entered '{stage_name}' during the "
                    "cycle: extend it or plan a follow-up cycle."
                )
            else:
                verb = "has" if n_entered == 1 else "have"
                reasons.append(
                    f"Only {n_entered} of the {min_sample} customers needed {verb} entered '{stage_name}' yet."
                )
        if n_immature:
            whose = "its" if n_immature == 1 else "their"
            reasons.append(
                f"{_plural(n_immature, 'customer', 'customers')} entered less than {days} ago: "
                f"{whose} outcome is not known yet."
            )
        if base_immature:
            whose = "its" if base_immature == 1 else "their"
            reasons.append(
                f"{_plural(base_immature, 'baseline customer', 'baseline customers')} entered less than {days} "
                f"ago: {whose} outcome is not known yet."
            )
        if n_base == 0 and not base_immature and ctx.rep_ids:
            last = (win.baseline_end - _DAY).date() if win.baseline_end > win.baseline_start else win.baseline_end
            reasons.append(
                f"No customer of the participating reps entered '{stage_name}' in the baseline window "
                f"({win.baseline_start.date():%Y-%m-%d} to {last:%Y-%m-%d}): there is nothing to compare with."
            )
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
# reps side by side
# --------------------------------------------------------------------------- #
def _funnel_grid(n_max: int) -> np.ndarray:
    top = max(1.0, n_max * 1.1)
    return np.unique(np.concatenate([np.geomspace(1.0, top, 120), np.linspace(1.0, top, 120)]))


def compare_reps(
    ws: Workspace,
    *,
    from_stage: int | str,
    start: Any,
    end: Any,
    as_of: Any = None,
    team_id: str | None = None,
    rep_ids: Iterable[str] | None = None,
    overdispersion: bool = False,
    data: AnalysisData | None = None,
) -> RepComparison:
    """Each rep's conversion ``from_stage -> from_stage + 1`` for customers entering in ``[start, end)``.

    The compared reps are ``rep_ids`` (default: every rep, active or not),
    narrowed to ``team_id`` when given. Only mature customers count (``n``,
    ``x``); ``n_immature`` counts the others. ``p0`` is the pooled rate of the
    table's reps. ``position`` compares each rate with the funnel limits
    (:func:`proportions.funnel_limits`) at the rep's ``n``: 95% and 99.8%, a rate on
    a limit is inside. With ``overdispersion=True`` the limits are widened by
    the between-rep variance (FunnelPlotR, :func:`proportions.overdispersion`) when
    that is positive (``overdispersed``); ``phi`` and ``tau2`` are estimated
    either way. ``z`` is on the scale of the limits used: the score z
    ``(p - p0) / sqrt(p0 (1 - p0) / n)``, or when adjusted the arcsine z
    ``(asin sqrt p - asin sqrt p0) / sqrt(1 / (4 n) + tau2)``.
    """
    from pdsa_desk.core import services

    when = _as_of(as_of)
    start_dt, end_dt = _utc(start), _utc(end)
    if data is None:
        data = load_analysis_data(ws)
    pos, stage_name, next_name, _ = _stage(data, from_stage)

    reps = data.reps
    keep = np.ones(len(reps), dtype=bool)
    if rep_ids is not None:
        wanted = [rep_ids] if isinstance(rep_ids, str) else list(rep_ids)
        keep &= reps["id"].isin(wanted).to_numpy()
    if team_id is not None:
        keep &= (reps["team_id"] == team_id).fillna(False).to_numpy(dtype=bool)
    reps = reps[keep]
    ids = reps["id"].astype(str).tolist()

    members = conversion.cohort_members(data, from_stage=pos, start=start_dt, end=end_dt, as_of=when, rep_ids=ids)
    grouped = (
        pd.DataFrame({
            "rep_id": members["rep_id"].astype(str).to_numpy(),
            "n": members["mature"].to_numpy(dtype=np.int64),
            "x": (members["mature"] & members["converted"]).to_numpy(dtype=np.int64),
            "n_immature": (~members["mature"]).to_numpy(dtype=np.int64),
        })
        .groupby("rep_id", sort=False)
        .sum()
    )
    table = (
        reps[["id", "name", "team_id", "team_name"]].rename(columns={"id": "rep_id"})
        .join(grouped, on="rep_id", how="inner")
    )
    return compare_units(
        table, members, window_days=int(data.stages["window_days"].iloc[pos]), from_stage=pos,
        names=(stage_name, next_name), start=start_dt, end=end_dt, as_of=when, overdispersion=overdispersion,
        active_counts=services.active_cycle_counts(ws),
    )


def compare_units(
    table: pd.DataFrame, members: pd.DataFrame, *, window_days: int, from_stage: int, names: tuple[str, str],
    start: datetime, end: datetime, as_of: datetime, overdispersion: bool = False,
    active_counts: dict[str, int] | None = None,
) -> RepComparison:
    """The funnel comparison of units (reps, or channels: :mod:`pdsa_desk.core.channel_compare`) whose counts
    are ``table`` (``rep_id, name, team_id, team_name, x, n, n_immature``; ``rep_id`` is the unit's key) and
    whose customers are ``members`` (:func:`conversion.cohort_members`); see :func:`compare_reps`."""
    pos, window, when, start_dt, end_dt = from_stage, window_days, as_of, start, end
    stage_name, next_name = names
    counts = active_counts or {}
    pending = members.loc[~members["mature"].to_numpy(dtype=bool), "entered_at"]
    known_by = (pending.max() + pd.Timedelta(days=window)).to_pydatetime(warn=False) if len(pending) else None
    table = table[table["n"] > 0]
    table = table.sort_values(["name", "rep_id"], kind="stable", ignore_index=True)
    x = table["x"].to_numpy(dtype=np.int64)
    n = table["n"].to_numpy(dtype=np.int64)

    phi, tau2, p0 = math.nan, 0.0, math.nan
    adjusted = False
    od: proportions.Overdispersion | None = None
    check = (spc_guard.dispersion_check(x, n) if len(table)
             else spc_guard.DispersionCheck(False, 0, 0, math.nan, 0.0, math.nan, False))
    if len(table):
        p0 = float(x.sum() / n.sum())
        od = check.estimate
        phi, tau2 = check.phi, check.tau2
        adjusted = bool(overdispersion) and check.overdispersed

    def limits(at: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
        if not len(at):
            return np.zeros(0), np.zeros(0)
        lo, hi = proportions.funnel_limits(p0, at, level, overdispersion=od if adjusted and od is not None else False)
        return np.asarray(lo, dtype=float), np.asarray(hi, dtype=float)

    rate = np.divide(x, n, out=np.full(len(n), np.nan), where=n > 0)
    low, high = proportions.wilson_interval(x, n) if len(n) else (np.zeros(0), np.zeros(0))
    lo95, hi95 = limits(n.astype(float), 0.95)
    lo998, hi998 = limits(n.astype(float), 0.998)
    position = np.full(len(n), "within", dtype=object)
    position[rate > hi95] = "above 95%"
    position[rate > hi998] = "above 99.8%"
    position[rate < lo95] = "below 95%"
    position[rate < lo998] = "below 99.8%"

    with np.errstate(divide="ignore", invalid="ignore"):
        if adjusted:
            z = (np.arcsin(np.sqrt(rate)) - math.asin(math.sqrt(p0))) / np.sqrt(1.0 / (4.0 * n) + tau2)
        else:
            z = (rate - p0) / np.sqrt(p0 * (1.0 - p0) / n)
    z = np.where(rate == p0, 0.0, z)  # also when p0 is 0 or 1 (all reps equal)

    table = table.assign(
        rate=rate, low=np.asarray(low, dtype=float), high=np.asarray(high, dtype=float), z=z,
        position=pd.Series(position, dtype="str"),
        active_cycles=np.array([counts.get(r, 0) for r in table["rep_id"]], dtype=np.int64),
    )
    table = table.astype({"x": "int64", "n": "int64", "n_immature": "int64"})[_TABLE_COLUMNS]

    grid = _funnel_grid(int(n.max())) if len(n) else np.zeros(0)
    f_lo95, f_hi95 = limits(grid, 0.95)
    f_lo998, f_hi998 = limits(grid, 0.998)
    funnel = pd.DataFrame({"n": grid, "lower95": f_lo95, "upper95": f_hi95, "lower998": f_lo998,
                           "upper998": f_hi998}, columns=_FUNNEL_COLUMNS)
    return RepComparison(
        from_stage=pos,
        to_stage=pos + 1,
        start=start_dt,
        end=end_dt,
        table=table,
        p0=p0,
        overdispersed=adjusted,
        phi=phi,
        tau2=tau2,
        funnel=funnel,
        as_of=when,
        from_stage_name=stage_name,
        to_stage_name=next_name,
        n_pending=len(pending),
        known_by=known_by,
        window_days=window,
        dispersion=check,
        dispersion_note=dispersion_sentence(check) if len(table) else "",
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
        headline = "No participating rep has customers with a known outcome in both the baseline and the cycle yet."
    else:
        headline = (
            f"{k_improved} of {_plural(n_reps, 'rep', 'reps')} improved "
            f"({k_credible} credibly, chance better ≥ {CREDIBLE:.0%})"
        )
    return TeamImprovement(
        cycle_id=study.cycle_id,
        n_reps=n_reps,
        k_improved=k_improved,
        k_credible=k_credible,
        per_rep=per_rep,
        headline=headline,
        study=study,
    )

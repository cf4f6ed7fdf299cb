"""Everything a conversion chart shows, computed without Qt.

The Charts view, the Cycles view's Study tab, the agenda and the PDF report draw
what this module returns; they compute nothing themselves.

* :func:`conversion_series` -- one transition's conversion per week or month as
  a run chart, P chart or Laney P' chart, with Wilson intervals, signals, PDSA
  cycle bands, standard-revision markers and the workspace's phases
  (:class:`ConversionSeries`), judged under the small-sample guard
  (:mod:`pdsa_desk.core.chart_guard`) by :func:`pdsa_desk.core.chart_rules.apply_chart`.
* The flow charts' data (funnel, cumulative flow, open work by stage, time in
  stage) live in :mod:`pdsa_desk.core.flow`, the scopes in
  :mod:`pdsa_desk.core.scopes` and the chart metadata in
  :mod:`pdsa_desk.core.chart_meta`; all are re-exported here.

Things the database knows but the analysis frames do not (cycles, their
participants, standard revisions, the phases and frozen baselines the team
declared, the week start day) come in a :class:`ChartMeta`
(:mod:`pdsa_desk.core.chart_meta`), loaded once per refresh with
:func:`load_chart_meta`, so that switching a chart recomputes from memory only.

Immature cohorts
----------------
A cohort is *mature* once its conversion window has closed (see
:mod:`pdsa_desk.core.metrics`); the mature rows are always a prefix of the
series. Immature cohorts are returned and drawn (hollow) but take no part in
the statistics: the chart is computed on the mature prefix and its last
phase's centre line (and, for P charts, limits for each immature point's own
``n``) is carried over to the immature points, which never signal.

Empty periods follow the one rule of :mod:`pdsa_desk.core.spc` (no value, no
limits, no signal; moving ranges beside them left out).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from pdsa_desk.core import conversion, metrics, proportions
from pdsa_desk.core.chart_guard import ChartGuard
from pdsa_desk.core.chart_meta import (
    ChartMeta,
    CycleInfo,
    PhaseInfo,
    RevisionInfo,
    cycle_info,
    load_chart_meta,
    phase_info,
)
from pdsa_desk.core.chart_rules import ChartContext, PhaseSummary, Rules, apply_chart
from pdsa_desk.core.flow import (
    CumulativeFlow,
    DurationData,
    FlowData,
    FunnelData,
    cumulative_flow,
    flow_data,
    funnel_data,
    stage_durations,
)
from pdsa_desk.core.initiative_marks import (
    InitiativeMarker,
    initiative_markers,
)
from pdsa_desk.core.scopes import (
    ALL_GROUP,
    Group,
    channels,
    check_group,
    group_rep_ids,
    scope_data,
    scopes,
    subset_data,
)
from pdsa_desk.core.scopes import utc as _utc

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = [
    "ALL_GROUP",
    "ChartGuard",
    "ChartMeta",
    "ConversionSeries",
    "CumulativeFlow",
    "CycleBand",
    "CycleInfo",
    "DurationData",
    "FlowData",
    "FunnelData",
    "PhaseInfo",
    "PhaseMark",
    "PhaseSummary",
    "RevisionInfo",
    "RevisionMarker",
    "Transition",
    "channels",
    "conversion_series",
    "cumulative_flow",
    "cycle_info",
    "flow_data",
    "funnel_data",
    "group_rep_ids",
    "load_chart_meta",
    "phase_info",
    "scope_data",
    "scopes",
    "stage_durations",
    "subset_data",
    "transitions",
]

ChartType = Literal["run", "p", "pp"]
CHART_TYPES = ("run", "p", "pp")
RULES = ("anhoej", "ihi")

#: Columns of :attr:`ConversionSeries.frame`.
SERIES_COLUMNS = [
    "period", "period_end", "t", "t_end", "x", "n", "p", "low", "high", "mature", "cl", "lcl", "ucl",
    "phase", "baseline", "signal", "sig_limit", "sig_run", "sig_shift", "sig_trend", "sig_astro",
]


# --------------------------------------------------------------------------- #
# choices: transitions
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Transition:
    from_stage: int
    to_stage: int
    from_id: str
    from_name: str
    to_name: str

    @property
    def label(self) -> str:
        return f"{self.from_name} → {self.to_name}"


def transitions(data: metrics.DataLike) -> list[Transition]:
    """The transitions a conversion chart can show, in stage order."""
    prep = metrics.prepare(data)
    ids = prep.stages["id"].astype(str).tolist()
    names = prep.stages["name"].astype(str).tolist()
    return [Transition(s, t, ids[s], names[s], names[t]) for s, t in metrics.transitions(prep)]


# --------------------------------------------------------------------------- #
# conversion series
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class CycleBand:
    """A PDSA cycle drawn as a shaded band from ``start`` to ``end`` (exclusive, UTC)."""

    cycle_id: str
    title: str
    status: str
    start: pd.Timestamp
    end: pd.Timestamp


@dataclass(frozen=True)
class RevisionMarker:
    """A change of the from- or to-stage's standard, drawn as a dashed vertical line."""

    stage_id: str
    stage_name: str
    name: str
    when: pd.Timestamp

    @property
    def label(self) -> str:
        return f"{self.stage_name} revised"


@dataclass(frozen=True)
class PhaseMark:
    """A phase or frozen baseline the team declared, where it falls on this chart.

    ``position``: the period it takes effect in (None when outside the axis); ``in_effect``: False when
    it falls on immature periods (it takes effect once they mature) or before the axis.
    """

    info: PhaseInfo
    when: pd.Timestamp
    position: int | None
    in_effect: bool


@dataclass(frozen=True, eq=False)
class ConversionSeries:
    """One transition's conversion chart.

    ``frame`` has one row per period (regular axis, gaps filled with
    ``n = x = 0`` and NaN ``p``), columns :data:`SERIES_COLUMNS`:
    ``period``/``period_end`` (UTC timestamps, end exclusive), ``t``/``t_end``
    (the same as POSIX seconds, for plotting), ``x, n, p``, ``low``/``high``
    (95% Wilson interval, NaN when ``n == 0``), ``mature``, ``cl, lcl, ucl``
    (limits NaN on run charts and where the guard withheld them), ``phase``,
    ``baseline`` (the point fixed the centre line), ``signal`` (any of the
    ``sig_*`` flags): ``sig_limit`` (outside the 3-sigma limits), ``sig_run``
    (member of a run longer than the Anhøj limit), ``sig_shift``/``sig_trend``/
    ``sig_astro`` (IHI rules).

    ``chart`` is the chart asked for, ``applied_chart`` the one drawn (``"p"``
    when a P′ chart fell back to P, see ``guard.laney``); ``guard`` what the
    small-sample guard withheld and why; ``rules_note`` one sentence when the
    IHI and Anhøj rules disagree on a run chart; ``phase_marks`` the phases and
    baseline the team declared for this transition.
    """

    frame: pd.DataFrame
    from_stage: int
    to_stage: int
    from_stage_id: str
    from_name: str
    to_name: str
    period: str
    group: Group
    chart: str
    rules: str
    as_of: pd.Timestamp
    window_days: int
    baseline: int | None
    breaks: tuple[int, ...]
    phases: tuple[PhaseSummary, ...] = ()
    bands: tuple[CycleBand, ...] = ()
    revisions: tuple[RevisionMarker, ...] = ()
    applied_chart: str = ""
    guard: ChartGuard = field(default_factory=ChartGuard)
    rules_note: str = ""
    phase_marks: tuple[PhaseMark, ...] = ()
    #: Marketing initiatives aimed at this transition's stages and scope (see :mod:`pdsa_desk.core.initiative_marks`).
    initiatives: tuple[InitiativeMarker, ...] = ()
    #: The team's zone, in which the periods begin at midnight (show their dates in it).
    time_zone: str = "UTC"

    def __len__(self) -> int:
        return len(self.frame)

    def local(self, instant: pd.Timestamp) -> pd.Timestamp:
        """An instant of the frame (a period's start…) in the team's zone, whose calendar the periods follow."""
        return instant.tz_convert(self.time_zone)

    @property
    def transition_label(self) -> str:
        return f"{self.from_name} → {self.to_name}"

    @property
    def n_mature(self) -> int:
        return int(self.frame["mature"].sum())

    @property
    def n_signals(self) -> int:
        return int(self.frame["signal"].sum())

    def position_of(self, when: Any) -> int | None:
        """Position of the period containing ``when`` (None outside the axis)."""
        return _position(self.frame, when)

    def phase_start(self, pos: int) -> int:
        """First position of the phase that contains ``pos``."""
        starts = [0, *self.breaks]
        return max(s for s in starts if s <= pos)


def _position(frame: pd.DataFrame, when: Any) -> int | None:
    if not len(frame):
        return None
    ts = _utc(when)
    starts = frame["period"]
    pos = int(starts.searchsorted(ts, side="right")) - 1
    if pos < 0 or ts >= frame["period_end"].iloc[pos]:
        return None
    return pos


def _is_position(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _resolve_breaks(frame: pd.DataFrame, breaks: Sequence[Any] | None, n_mature: int) -> tuple[int, ...]:
    """Positions of phase starts; dates are mapped to their period; anything outside 1..n_mature-1 is dropped."""
    out: set[int] = set()
    for b in breaks or ():
        pos = int(b) if _is_position(b) else _position(frame, b)
        if pos is not None and 0 < pos < n_mature:
            out.add(pos)
    return tuple(sorted(out))


def _resolve_baseline(frame: pd.DataFrame, baseline: Any, breaks: tuple[int, ...]) -> int | None:
    """A count of leading points per phase; a date means "up to the period containing it, in its phase"."""
    if baseline is None:
        return None
    if _is_position(baseline):
        b = int(baseline)
        if b < 1:
            raise ValueError(f"baseline must be at least 1, got {b}")
        return b
    pos = _position(frame, baseline)
    if pos is None:
        return None
    start = max(s for s in (0, *breaks) if s <= pos)
    return pos - start + 1


def _bands(meta: ChartMeta, stage_id: str, rep_ids: list[str] | None) -> tuple[CycleBand, ...]:
    wanted = None if rep_ids is None else set(rep_ids)
    out = []
    for c in meta.cycles:
        if c.from_stage_id != stage_id or c.start is None:
            continue
        if wanted is not None and not (c.rep_ids & wanted):
            continue
        start = _utc(c.start)
        end = _utc(c.end) if c.end is not None else start
        if end <= start:
            end = start + pd.Timedelta(days=7)
        out.append(CycleBand(c.id, c.title, c.status, start, end))
    return tuple(sorted(out, key=lambda b: (b.start, b.title)))


def _revisions(meta: ChartMeta, stage_ids: list[str], stage_names: dict[str, str]) -> tuple[RevisionMarker, ...]:
    out = []
    for sid in stage_ids:
        revs = sorted((r for r in meta.revisions if r.stage_id == sid), key=lambda r: r.effective_from)
        out += [RevisionMarker(sid, stage_names[sid], r.name, _utc(r.effective_from)) for r in revs[1:]]
    return tuple(sorted(out, key=lambda m: m.when))


def _empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="float64") for c in SERIES_COLUMNS})
    for c in ("period", "period_end"):
        frame[c] = pd.Series(dtype="datetime64[ns, UTC]")
    for c in ("x", "n", "phase"):
        frame[c] = frame[c].astype("int64")
    for c in ("mature", "baseline", "signal", "sig_limit", "sig_run", "sig_shift", "sig_trend", "sig_astro"):
        frame[c] = frame[c].astype(bool)
    return frame


def _declared(meta: ChartMeta | None, stage_id: str, breaks: Sequence[Any] | None, baseline: Any,
              use_phases: bool) -> tuple[list[Any], Any, tuple[PhaseInfo, ...]]:
    """The phase starts and baseline in effect: the ones given plus the workspace's (``use_phases``)."""
    if meta is None or not use_phases:
        return list(breaks or ()), baseline, ()
    declared = meta.phases_of(stage_id)
    frozen = meta.baseline_of(stage_id)
    marks = declared + ((frozen,) if frozen is not None else ())
    chosen_baseline = baseline if baseline is not None else (frozen.starts_at if frozen is not None else None)
    return [*(breaks or ()), *(p.starts_at for p in declared)], chosen_baseline, marks


def _phase_marks(frame: pd.DataFrame, infos: tuple[PhaseInfo, ...], in_effect: tuple[int, ...],
                 baseline: int | None) -> tuple[PhaseMark, ...]:
    out = []
    for info in infos:
        pos = _position(frame, info.starts_at)
        if info.kind == "phase":
            effect = pos is not None and pos in in_effect
        else:
            effect = baseline is not None and pos is not None and bool(frame["mature"].iat[pos])
        out.append(PhaseMark(info, _utc(info.starts_at), pos, effect))
    return tuple(sorted(out, key=lambda m: m.when))


def _team_of(data: metrics.DataLike, group: Group) -> tuple[str, str] | None:
    if group[0] != "rep":
        return None
    reps = metrics.prepare(data).reps
    row = reps.loc[reps["id"].astype(str) == str(group[1])]
    if not len(row) or pd.isna(row["team_id"].iloc[0]):
        return None
    return str(row["team_id"].iloc[0]), str(row["team_name"].iloc[0])


def conversion_series(
    data: metrics.DataLike,
    ws_or_meta: Workspace | ChartMeta | None = None,
    *,
    from_stage: metrics.StageRef,
    as_of: Any,
    period: Literal["week", "month"] = "week",
    group: Any = ALL_GROUP,
    chart: ChartType = "run",
    baseline: Any = None,
    breaks: Sequence[Any] | None = None,
    rules: Rules = "anhoej",
    start: Any = None,
    use_phases: bool = True,
) -> ConversionSeries:
    """The conversion chart of the transition out of ``from_stage``.

    ``chart``: ``"run"`` (median centre line; ``rules`` ``"anhoej"`` or
    ``"ihi"``), ``"p"`` (P chart: 3-sigma limits, stepped with ``n``) or
    ``"pp"`` (Laney P′ chart). P charts judge points by their limits plus the
    Anhøj runs analysis (``rules="ihi"`` is for run charts and raises).

    ``baseline`` and ``breaks`` follow :mod:`pdsa_desk.core.spc` (a count of
    leading points per phase; 0-based phase starts) when given as ints. Either
    may also be a date: ``baseline=date`` freezes the centre line after the
    period containing the date (counted within its phase), and a date in
    ``breaks`` starts a new phase with the period containing it. Phase starts
    outside the mature part of the series are dropped (see
    :attr:`ConversionSeries.breaks` for those in effect). With ``use_phases``
    the phases the team declared for the transition (``ChartMeta.phases``) are
    added to ``breaks``, and its frozen baseline is used when ``baseline`` is
    None.

    ``ws_or_meta`` supplies the cycle bands, revision markers and declared
    phases (none when None); pass a :class:`ChartMeta` to avoid reading the
    database. ``start`` drops periods before it. Signals are computed on mature
    points only (see the module docstring), under the small-sample guard of
    :mod:`pdsa_desk.core.chart_guard`.
    """
    if chart not in CHART_TYPES:
        raise ValueError(f"chart must be one of {CHART_TYPES}, not {chart!r}")
    if rules not in RULES:
        raise ValueError(f"rules must be one of {RULES}, not {rules!r}")
    if rules == "ihi" and chart != "run":
        raise ValueError("the IHI rules are run chart rules; P charts use 3-sigma limits and Anhøj runs")
    if period not in ("week", "month"):
        raise ValueError(f"period must be 'week' or 'month', not {period!r}")
    group = check_group(group)
    meta = ws_or_meta if isinstance(ws_or_meta, ChartMeta) or ws_or_meta is None else load_chart_meta(ws_or_meta)
    data, rep_ids, mask = _scoped(data, group)
    prep = metrics.prepare(data)
    s = prep.stage_pos(from_stage)
    if (s, s + 1) not in metrics.transitions(prep):
        raise ValueError(f"stage {from_stage!r} has no outgoing transition")
    as_of_ts = _utc(as_of)
    week_start = meta.week_start if meta is not None else 0
    table = conversion.conversion_table(
        prep, as_of=as_of_ts, from_stage=s, period=period, rep_ids=rep_ids, start=start,
        week_start=week_start, fill_periods=True, time_zone=meta.time_zone if meta is not None else "UTC",
        mask=mask,
    )
    ids = prep.stages["id"].astype(str).tolist()
    names = prep.stages["name"].astype(str).tolist()
    all_breaks, chosen_baseline, declared = _declared(meta, ids[s], breaks, baseline, use_phases)
    frame = _series_frame(table)
    n_mature = int(frame["mature"].sum())
    brk = _resolve_breaks(frame, all_breaks, n_mature)
    base = _resolve_baseline(frame, chosen_baseline, brk)
    context = ChartContext(period, group, start is not None, _team_of(prep, group))
    applied = apply_chart(frame, n_mature, chart, rules, base, brk, context)

    if meta is not None:
        bands = _bands(meta, ids[s], rep_ids)
        revisions = _revisions(meta, [ids[s], ids[s + 1]], dict(zip(ids, names, strict=True)))
        marks = initiative_markers(meta.initiatives, (ids[s], ids[s + 1]), group, as_of_ts)
    else:
        bands, revisions, marks = (), (), ()
    return ConversionSeries(
        frame=frame, from_stage=s, to_stage=s + 1, from_stage_id=ids[s], from_name=names[s], to_name=names[s + 1],
        period=period, group=group, chart=chart, rules=rules, as_of=as_of_ts,
        window_days=int(prep.window_days[s]), baseline=base, breaks=brk, phases=applied.phases, bands=bands,
        revisions=revisions, applied_chart=applied.chart, guard=applied.guard, rules_note=applied.rules_note,
        phase_marks=_phase_marks(frame, declared, brk, base), initiatives=marks,
        time_zone=meta.time_zone if meta is not None else "UTC",
    )


def _scoped(data: metrics.DataLike, group: Group) -> tuple[metrics.DataLike, list[str] | None, np.ndarray | None]:
    """``(data, rep_ids, mask)`` a conversion chart of the scope ``group`` counts: a channel's chart counts the
    snapshot's own prepared arrays under a mask of the channel's opportunities (the same table as on the channel's
    subset of the snapshot, which would have to be prepared again: the agenda's channel signals at 1M), any
    other scope as :func:`pdsa_desk.core.scopes.scope_data` says."""
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.scopes import NO_CHANNEL, channel_keys

    kind, ident = group
    if kind != "channel" or not isinstance(data, AnalysisData):
        scoped, rep_ids = scope_data(data, group)
        return scoped, rep_ids, None
    snapshot, key = data, (ident or NO_CHANNEL).strip().casefold()

    def mask() -> np.ndarray:
        keys = snapshot.cached(("channel_keys",), lambda: channel_keys(snapshot.opportunities))
        return np.asarray(keys == key, dtype=bool)

    return data, None, snapshot.cached(("channel_mask", key), mask)


def _series_frame(table: pd.DataFrame) -> pd.DataFrame:
    if not len(table):
        return _empty_frame()
    x = table["x"].to_numpy(dtype=np.int64)
    n = table["n"].to_numpy(dtype=np.int64)
    low, high = proportions.wilson_interval(x, n)
    low = np.where(n > 0, low, np.nan)
    high = np.where(n > 0, high, np.nan)
    period = pd.DatetimeIndex(table["period"]).tz_convert("UTC").as_unit("ns")
    period_end = pd.DatetimeIndex(table["period_end"]).tz_convert("UTC").as_unit("ns")
    size = len(table)
    frame = pd.DataFrame(
        {
            "period": period,
            "period_end": period_end,
            "t": period.asi8 / 1e9,
            "t_end": period_end.asi8 / 1e9,
            "x": x,
            "n": n,
            "p": table["p"].to_numpy(dtype=float),
            "low": low,
            "high": high,
            "mature": table["mature"].to_numpy(dtype=bool),
            "cl": np.full(size, np.nan),
            "lcl": np.full(size, np.nan),
            "ucl": np.full(size, np.nan),
            "phase": np.zeros(size, dtype=np.int64),
            "baseline": np.zeros(size, dtype=bool),
            **{c: np.zeros(size, dtype=bool) for c in SERIES_COLUMNS[-6:]},
        }
    )
    return frame

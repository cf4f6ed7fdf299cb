"""Everything a chart shows, computed without Qt.

The Charts view, the Cycles view's Study tab and the PDF report draw what this
module returns; they compute nothing themselves.

* :func:`conversion_series` -- one transition's conversion per week or month as
  a run chart, P chart or Laney P' chart, with Wilson intervals, signals, PDSA
  cycle bands and standard-revision markers (:class:`ConversionSeries`).
* :func:`funnel_data` -- volume per stage and step conversion (:class:`FunnelData`).
* :func:`flow_data` -- work in progress per stage per day with WIP limits, for a
  cumulative flow diagram (:class:`FlowData`).
* :func:`stage_durations` -- completed time-in-stage visits per stage with their
  quantiles, for box plots or histograms (:class:`DurationData`).

Things the database knows but the analysis frames do not (cycles, their
participants, standard revisions, the week start day) come in a
:class:`ChartMeta`, loaded once per refresh with :func:`load_chart_meta`, so
that switching a chart recomputes from memory only.

Scopes (``group``) are ``("all", None)``, ``("team", team_id)`` or
``("rep", rep_id)``; a team means the opportunities of its reps (active or not).

Immature cohorts
----------------
A cohort is *mature* once its conversion window has closed (see
:mod:`pdsa_desk.core.metrics`); the mature rows are always a prefix of the
series. Immature cohorts are returned and drawn (hollow) but take no part in
the statistics: the chart is computed on the mature prefix and its last
phase's centre line (and, for P charts, limits for each immature point's own
``n``) is carried over to the immature points, which never signal.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from pdsa_desk.core import metrics, spc
from pdsa_desk.core.frames import AnalysisData

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = [
    "ALL_GROUP",
    "ChartMeta",
    "ConversionSeries",
    "CycleBand",
    "CycleInfo",
    "DurationData",
    "FlowData",
    "FunnelData",
    "PhaseSummary",
    "RevisionInfo",
    "RevisionMarker",
    "Transition",
    "conversion_series",
    "flow_data",
    "funnel_data",
    "group_rep_ids",
    "load_chart_meta",
    "scopes",
    "stage_durations",
    "subset_data",
    "transitions",
]

Group = tuple[str, str | None]
ChartType = Literal["run", "p", "pp"]
Rules = Literal["anhoej", "ihi"]
ALL_GROUP: Group = ("all", None)
CHART_TYPES = ("run", "p", "pp")
RULES = ("anhoej", "ihi")

#: Columns of :attr:`ConversionSeries.frame`.
SERIES_COLUMNS = [
    "period", "period_end", "t", "t_end", "x", "n", "p", "low", "high", "mature", "cl", "lcl", "ucl",
    "phase", "baseline", "signal", "sig_limit", "sig_run", "sig_shift", "sig_trend", "sig_astro",
]


# --------------------------------------------------------------------------- #
# what the database adds to the analysis frames
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class CycleInfo:
    """A PDSA cycle as the charts need it (``end`` exclusive; both UTC, either may be None)."""

    id: str
    title: str
    from_stage_id: str
    status: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    rep_ids: frozenset[str]


@dataclass(frozen=True)
class RevisionInfo:
    id: str
    stage_id: str
    name: str
    effective_from: pd.Timestamp
    author: str | None = None


@dataclass(frozen=True)
class ChartMeta:
    """Cycles (with participants), standard revisions (oldest first) and the week start day."""

    cycles: tuple[CycleInfo, ...] = ()
    revisions: tuple[RevisionInfo, ...] = ()
    week_start: int = 0

    def cycle(self, cycle_id: str) -> CycleInfo | None:
        return next((c for c in self.cycles if c.id == cycle_id), None)


def _utc(value: Any) -> pd.Timestamp:
    ts = pd.Timestamp(value)
    return ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")


def _day(value: date | None) -> pd.Timestamp | None:
    return None if value is None else _utc(pd.Timestamp(value.year, value.month, value.day))


def load_chart_meta(ws: Workspace) -> ChartMeta:
    """Read cycles, their participants, standard revisions and the week start (a few queries)."""
    from pdsa_desk.core.services import cycles as cycle_services
    from pdsa_desk.core.services import people, stages

    cycles = []
    for c in cycle_services.list_cycles(ws):
        reps = {r.id for r in cycle_services.participants(ws, c.id)}
        if c.owner_rep_id:
            reps.add(c.owner_rep_id)
        end = _day(c.planned_end)
        cycles.append(
            CycleInfo(
                id=c.id, title=c.title, from_stage_id=c.from_stage_id, status=str(c.status),
                start=_day(c.planned_start), end=None if end is None else end + pd.Timedelta(days=1),
                rep_ids=frozenset(reps),
            )
        )
    revisions = tuple(
        RevisionInfo(r.id, r.stage_id, r.name, _utc(r.effective_from), r.author) for r in stages.stage_revisions(ws)
    )
    week_start = int(people.get_settings(ws).week_start_day)
    return ChartMeta(tuple(cycles), revisions, week_start)


# --------------------------------------------------------------------------- #
# choices: transitions and scopes
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


def scopes(data: metrics.DataLike) -> list[tuple[str, Group]]:
    """``(name, group)`` for every team then every rep (sorted by name); "all" is not included."""
    reps = metrics.prepare(data).reps
    teams = (
        reps.dropna(subset=["team_id"]).drop_duplicates("team_id").sort_values("team_name", key=lambda s: s.str.lower())
    )
    out: list[tuple[str, Group]] = [(str(r.team_name), ("team", str(r.team_id))) for r in teams.itertuples()]
    for r in reps.sort_values("name", key=lambda s: s.str.lower()).itertuples():
        out.append((str(r.name), ("rep", str(r.id))))
    return out


def _check_group(group: Any) -> Group:
    if group is None or group == "all":
        return ALL_GROUP
    try:
        kind, ident = group
    except (TypeError, ValueError):
        raise ValueError(f"group must be ('all', None), ('team', id) or ('rep', id), not {group!r}") from None
    if kind == "all":
        return ALL_GROUP
    if kind not in ("team", "rep") or not ident:
        raise ValueError(f"group must be ('all', None), ('team', id) or ('rep', id), not {group!r}")
    return (kind, str(ident))


def group_rep_ids(data: metrics.DataLike, group: Any) -> list[str] | None:
    """The rep ids of a scope (None = everyone, including opportunities without a rep)."""
    kind, ident = _check_group(group)
    if kind == "all":
        return None
    if kind == "rep":
        return [str(ident)]
    reps = metrics.prepare(data).reps
    return reps.loc[reps["team_id"].astype(object) == ident, "id"].astype(str).tolist()


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
class PhaseSummary:
    """One phase of the chart (positions ``start..stop-1``), judged on its mature points.

    ``runs_signal`` is the phase-level verdict of the rules: for Anhøj, a run
    longer than ``longest_run_max`` or fewer crossings than
    ``n_crossings_min``; for IHI, too few or too many runs (``n_runs`` outside
    ``runs_min..runs_max``).
    """

    phase: int
    start: int
    stop: int
    cl: float
    baseline_points: int
    runs_signal: bool
    longest_run: int
    longest_run_max: int
    n_crossings: int
    n_crossings_min: int
    n_runs: int | None = None
    runs_min: int | None = None
    runs_max: int | None = None


@dataclass(frozen=True, eq=False)
class ConversionSeries:
    """One transition's conversion chart.

    ``frame`` has one row per period (regular axis, gaps filled with
    ``n = x = 0`` and NaN ``p``), columns :data:`SERIES_COLUMNS`:
    ``period``/``period_end`` (UTC timestamps, end exclusive), ``t``/``t_end``
    (the same as POSIX seconds, for plotting), ``x, n, p``, ``low``/``high``
    (95% Wilson interval, NaN when ``n == 0``), ``mature``, ``cl, lcl, ucl``
    (limits NaN on run charts), ``phase``, ``baseline`` (the point fixed the
    centre line), ``signal`` (any of the ``sig_*`` flags): ``sig_limit``
    (outside the 3-sigma limits), ``sig_run`` (member of a run longer than the
    Anhøj limit), ``sig_shift``/``sig_trend``/``sig_astro`` (IHI rules).
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

    def __len__(self) -> int:
        return len(self.frame)

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


def _long_run_members(values: np.ndarray, centre: float, longest_max: int) -> np.ndarray:
    """Points in a run of useful points on one side of ``centre`` longer than ``longest_max``."""
    flags = np.zeros(values.size, dtype=bool)
    if math.isnan(centre):
        return flags
    signs = np.sign(values - centre)
    pos = np.flatnonzero(np.abs(signs) == 1.0)
    if not pos.size:
        return flags
    s = signs[pos]
    ids = np.concatenate(([0], np.cumsum(s[1:] != s[:-1])))
    flags[pos] = np.bincount(ids)[ids] > longest_max
    return flags


def _sigma_z(p: np.ndarray, n: np.ndarray, centre: float) -> float:
    """Laney's sigma_z over baseline points, exactly as :func:`spc.p_chart` computes it."""
    if not 0.0 < centre < 1.0:
        return 1.0
    has_n = n > 0
    z = np.full(p.size, np.nan)
    z[has_n] = (p[has_n] - centre) / np.sqrt(centre * (1.0 - centre) / n[has_n])
    return spc._laney_sigma_z(z)  # noqa: SLF001 - the same estimator, for the immature points


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
) -> ConversionSeries:
    """The conversion chart of the transition out of ``from_stage``.

    ``chart``: ``"run"`` (median centre line; ``rules`` ``"anhoej"`` or
    ``"ihi"``), ``"p"`` (P chart: 3-sigma limits, stepped with ``n``) or
    ``"pp"`` (Laney P' chart). P charts judge points by their limits plus the
    Anhøj runs analysis (``rules="ihi"`` is for run charts and raises).

    ``baseline`` and ``breaks`` follow :mod:`pdsa_desk.core.spc` (a count of
    leading points per phase; 0-based phase starts) when given as ints. Either
    may also be a date: ``baseline=date`` freezes the centre line after the
    period containing the date (counted within its phase), and a date in
    ``breaks`` starts a new phase with the period containing it. Phase starts
    outside the mature part of the series are dropped (see
    :attr:`ConversionSeries.breaks` for those in effect).

    ``ws_or_meta`` supplies the cycle bands and revision markers (none when
    None); pass a :class:`ChartMeta` to avoid reading the database. ``start``
    drops periods before it. Signals are computed on mature points only (see
    the module docstring).
    """
    if chart not in CHART_TYPES:
        raise ValueError(f"chart must be one of {CHART_TYPES}, not {chart!r}")
    if rules not in RULES:
        raise ValueError(f"rules must be one of {RULES}, not {rules!r}")
    if rules == "ihi" and chart != "run":
        raise ValueError("the IHI rules are run chart rules; P charts use 3-sigma limits and Anhøj runs")
    if period not in ("week", "month"):
        raise ValueError(f"period must be 'week' or 'month', not {period!r}")
    group = _check_group(group)
    meta = ws_or_meta if isinstance(ws_or_meta, ChartMeta) or ws_or_meta is None else load_chart_meta(ws_or_meta)
    prep = metrics.prepare(data)
    s = prep.stage_pos(from_stage)
    if (s, s + 1) not in metrics.transitions(prep):
        raise ValueError(f"stage {from_stage!r} has no outgoing transition")
    as_of_ts = _utc(as_of)
    rep_ids = group_rep_ids(prep, group)
    week_start = meta.week_start if meta is not None else 0
    table = metrics.conversion_table(
        prep, as_of=as_of_ts, from_stage=s, period=period, rep_ids=rep_ids, start=start,
        week_start=week_start, fill_periods=True,
    )
    frame = _series_frame(table)
    n_mature = int(frame["mature"].sum())
    brk = _resolve_breaks(frame, breaks, n_mature)
    base = _resolve_baseline(frame, baseline, brk)
    phases = _apply_chart(frame, n_mature, chart, rules, base, brk)

    ids = prep.stages["id"].astype(str).tolist()
    names = prep.stages["name"].astype(str).tolist()
    if meta is not None:
        bands = _bands(meta, ids[s], rep_ids)
        revisions = _revisions(meta, [ids[s], ids[s + 1]], dict(zip(ids, names, strict=True)))
    else:
        bands, revisions = (), ()
    return ConversionSeries(
        frame=frame, from_stage=s, to_stage=s + 1, from_stage_id=ids[s], from_name=names[s], to_name=names[s + 1],
        period=period, group=group, chart=chart, rules=rules, as_of=as_of_ts,
        window_days=int(prep.window_days[s]), baseline=base, breaks=brk, phases=phases, bands=bands,
        revisions=revisions,
    )


def _series_frame(table: pd.DataFrame) -> pd.DataFrame:
    if not len(table):
        return _empty_frame()
    x = table["x"].to_numpy(dtype=np.int64)
    n = table["n"].to_numpy(dtype=np.int64)
    low, high = spc.wilson_interval(x, n)
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


def _apply_chart(
    frame: pd.DataFrame, m: int, chart: str, rules: Rules, baseline: int | None, breaks: tuple[int, ...]
) -> tuple[PhaseSummary, ...]:
    """Fill cl/limits/phase/signal columns in place from the chart of the mature prefix ``0..m-1``."""
    size = len(frame)
    if m == 0:
        return ()
    x = frame["x"].to_numpy(dtype=float)
    n = frame["n"].to_numpy(dtype=float)
    p = frame["p"].to_numpy(dtype=float)
    cols = {c: np.zeros(size, dtype=bool) for c in ("sig_limit", "sig_run", "sig_shift", "sig_trend", "sig_astro")}
    cl = np.full(size, np.nan)
    lcl = np.full(size, np.nan)
    ucl = np.full(size, np.nan)
    phase = np.zeros(size, dtype=np.int64)
    in_base = np.zeros(size, dtype=bool)
    if chart == "run":
        res = spc.run_chart(p[:m], baseline=baseline, breaks=list(breaks) or None, rules=rules)
    else:
        res = spc.p_chart(x[:m], n[:m], baseline=baseline, breaks=list(breaks) or None, laney=chart == "pp")
        lcl[:m] = res["lcl"].to_numpy()
        ucl[:m] = res["ucl"].to_numpy()
        cols["sig_limit"][:m] = res["sigma_signal"].to_numpy(dtype=bool)
    cl[:m] = res["cl"].to_numpy()
    phase[:m] = res["phase"].to_numpy()
    in_base[:m] = res["baseline"].to_numpy(dtype=bool)
    if rules == "ihi":
        cols["sig_shift"][:m] = res["ihi_shift"].to_numpy(dtype=bool)
        cols["sig_trend"][:m] = res["ihi_trend"].to_numpy(dtype=bool)
        cols["sig_astro"][:m] = res["ihi_astronomical"].to_numpy(dtype=bool)

    starts = [0, *breaks]
    stops = [*breaks, m]
    phases = []
    for k, (a, b) in enumerate(zip(starts, stops, strict=True)):
        row = res.iloc[a]
        centre = float(row["cl"])
        if rules == "anhoej":
            cols["sig_run"][a:b] = _long_run_members(p[a:b], centre, int(row["longest_run_max"]))
            verdict = bool(row["runs_signal"])
            extra: dict[str, Any] = {}
        else:
            verdict = bool(row["ihi_runs"])
            extra = {"n_runs": int(row["ihi_n_runs"]), "runs_min": int(row["ihi_runs_min"]),
                     "runs_max": int(row["ihi_runs_max"])}
        phases.append(
            PhaseSummary(
                phase=k, start=a, stop=b if k < len(starts) - 1 else size, cl=centre,
                baseline_points=int(in_base[a:b].sum()), runs_signal=verdict,
                longest_run=int(row["longest_run"]), longest_run_max=int(row["longest_run_max"]),
                n_crossings=int(row["n_crossings"]), n_crossings_min=int(row["n_crossings_min"]), **extra,
            )
        )

    if m < size:  # carry the last phase over the immature points
        last = phases[-1]
        centre = last.cl
        tail = slice(m, size)
        cl[tail] = centre
        phase[tail] = last.phase
        if chart != "run" and not math.isnan(centre):
            b_start = last.start
            b_stop = m if baseline is None else min(m, b_start + baseline)
            factor = 1.0
            if chart == "pp":
                factor = _sigma_z(p[b_start:b_stop], n[b_start:b_stop], centre)
            nt = n[tail]
            half = np.full(nt.size, np.nan)
            ok = nt > 0
            half[ok] = 3.0 * factor * np.sqrt(centre * (1.0 - centre) / nt[ok])
            lcl[tail] = np.where(ok, np.maximum(centre - half, 0.0), np.nan)
            ucl[tail] = np.where(ok, np.minimum(centre + half, 1.0), np.nan)

    frame["cl"], frame["lcl"], frame["ucl"] = cl, lcl, ucl
    frame["phase"], frame["baseline"] = phase, in_base
    for c, v in cols.items():
        frame[c] = v
    frame["signal"] = np.logical_or.reduce(list(cols.values()))
    return tuple(phases)


# --------------------------------------------------------------------------- #
# funnel
# --------------------------------------------------------------------------- #
@dataclass(frozen=True, eq=False)
class FunnelData:
    """``frame``: ``stage, name, n, step_p, share`` (``share`` = n / n of the first stage)."""

    frame: pd.DataFrame
    group: Group
    start: pd.Timestamp | None
    end: pd.Timestamp | None


def funnel_data(
    data: metrics.DataLike, *, group: Any = ALL_GROUP, start: Any = None, end: Any = None
) -> FunnelData:
    """Opportunities that first entered each stage in ``[start, end)`` and the step conversion."""
    group = _check_group(group)
    frame = metrics.stage_funnel(data, start, end, rep_ids=group_rep_ids(data, group))
    first = frame["n"].iloc[0] if len(frame) else 0
    frame["share"] = frame["n"] / first if first else np.nan
    return FunnelData(frame, group, None if start is None else _utc(start), None if end is None else _utc(end))


# --------------------------------------------------------------------------- #
# cumulative flow
# --------------------------------------------------------------------------- #
@dataclass(frozen=True, eq=False)
class FlowData:
    """Open opportunities per stage at the end of each day.

    ``wip``: index ``day`` (UTC), one int column per stage shown (positions,
    the won stage is left out); ``limits``: WIP limit per shown stage (NaN =
    none); ``names``: stage names; ``over``: bool frame like ``wip``, True on
    days a stage was over its limit. WIP limits are set for the whole
    workspace, so ``limits_apply`` is False for a team or rep and ``over`` is
    then all False.
    """

    wip: pd.DataFrame
    limits: pd.Series
    names: pd.Series
    over: pd.DataFrame
    group: Group

    @property
    def limits_apply(self) -> bool:
        return self.group == ALL_GROUP

    @property
    def t(self) -> np.ndarray:
        """Days as POSIX seconds."""
        return pd.DatetimeIndex(self.wip.index).asi8 / 1e9


def subset_data(data: AnalysisData, rep_ids: Sequence[str]) -> AnalysisData:
    """The analysis frames restricted to some reps' opportunities (kept in the snapshot's cache per rep set).

    Every chart function accepts the result, e.g. a cycle's participating reps as one scope.
    """
    return _subset(data, list(rep_ids))


def _subset(data: AnalysisData, rep_ids: list[str]) -> AnalysisData:
    """The analysis frames restricted to some reps' opportunities (a derived value of the snapshot)."""
    return data.cached(("subset", tuple(sorted(rep_ids))), lambda: _make_subset(data, rep_ids))


def _make_subset(data: AnalysisData, rep_ids: list[str]) -> AnalysisData:
    opps = data.opportunities
    keep = opps["rep_id"].astype(object).isin(set(rep_ids)).to_numpy()
    codes = np.full(len(opps), -1, dtype=np.int64)
    codes[keep] = np.arange(int(keep.sum()))
    ev = data.events
    ev_keep = keep[ev["opp"].to_numpy(dtype=np.int64)] if len(ev) else np.zeros(0, dtype=bool)
    events = ev.loc[ev_keep].copy()
    events["opp"] = codes[events["opp"].to_numpy(dtype=np.int64)].astype(np.int32)
    return AnalysisData(data.stages, data.reps, opps.loc[keep].reset_index(drop=True), events.reset_index(drop=True))


def flow_data(
    data: AnalysisData, *, as_of: Any, group: Any = ALL_GROUP, start: Any = None
) -> FlowData:
    """WIP per stage per day from ``start`` (default: the first event) to ``as_of``."""
    group = _check_group(group)
    rep_ids = group_rep_ids(data, group)
    scoped = data if rep_ids is None else _subset(data, rep_ids)
    prep = metrics.prepare(scoped)
    shown = [s for s in range(prep.k) if str(prep.stages["terminal"].iloc[s]) != "won"]
    names = prep.stages["name"].astype(str).iloc[shown]
    limits = prep.stages["wip_limit"].astype(float).iloc[shown]
    as_of_ts = _utc(as_of)
    first = prep.ev_t.min() if len(prep.ev_t) else None
    begin = _utc(start) if start is not None else (None if first is None else pd.Timestamp(int(first), tz="UTC"))
    if begin is None or begin > as_of_ts:
        empty = pd.DataFrame(columns=pd.Index(shown, name="stage"), dtype="int64")
        empty.index = pd.DatetimeIndex([], tz="UTC", name="day")
        return FlowData(empty, limits, names, empty.astype(bool), group)
    wip = metrics.wip_over_time(prep, begin, as_of_ts)[shown]
    if group == ALL_GROUP:
        over = wip.gt(limits.fillna(np.inf).to_numpy(), axis=1)
    else:
        over = wip.gt(np.inf)
    return FlowData(wip, limits, names, over, group)


# --------------------------------------------------------------------------- #
# time in stage
# --------------------------------------------------------------------------- #
@dataclass(frozen=True, eq=False)
class DurationData:
    """Completed stage visits in days.

    ``visits``: one row per visit, ``stage, days`` (stage position);
    ``summary``: per shown stage ``stage, name, n, p10, p25, median, p75,
    p85, p90, mean`` (NaN without visits). The won stage is left out.
    """

    visits: pd.DataFrame
    summary: pd.DataFrame
    group: Group

    def days_of(self, stage: int) -> np.ndarray:
        return self.visits.loc[self.visits["stage"] == stage, "days"].to_numpy()


_QUANTILES = {"p10": 0.10, "p25": 0.25, "median": 0.50, "p75": 0.75, "p85": 0.85, "p90": 0.90}


def stage_durations(
    data: metrics.DataLike, *, as_of: Any = None, group: Any = ALL_GROUP, start: Any = None, end: Any = None
) -> DurationData:
    """Durations of completed stage visits (as :func:`metrics.time_in_stage` defines them).

    Visits entered in ``[start, end)`` and, with ``as_of``, completed by then;
    limited to the scope's opportunities.
    """
    group = _check_group(group)
    prep = metrics.prepare(data)
    end_t, t, stg = prep.ev_end, prep.ev_t, prep.ev_stage
    ok = end_t != metrics.NAT
    rep_ids = group_rep_ids(prep, group)
    if rep_ids is not None:
        ok &= prep.rep_mask(rep_ids)[prep.ev_opp]
    if start is not None:
        ok &= t >= _utc(start).value
    if end is not None:
        ok &= t < _utc(end).value
    if as_of is not None:
        ok &= end_t <= _utc(as_of).value
    dur = np.where(ok, end_t - t, -1)
    ok &= dur >= 0
    shown = [s for s in range(prep.k) if str(prep.stages["terminal"].iloc[s]) != "won"]
    ok &= np.isin(stg, shown)
    visits = pd.DataFrame({"stage": stg[ok].astype(np.int64), "days": dur[ok] / metrics.NS_PER_DAY})
    rows = []
    names = prep.stages["name"].astype(str).tolist()
    visit_stage, visit_days = visits["stage"].to_numpy(), visits["days"].to_numpy()
    for s in shown:
        days = visit_days[visit_stage == s]
        row: dict[str, Any] = {"stage": s, "name": names[s], "n": int(days.size)}
        if days.size:
            qs = np.quantile(days, list(_QUANTILES.values()))
            row.update(dict(zip(_QUANTILES, (float(q) for q in qs), strict=True)), mean=float(days.mean()))
        else:
            row.update(dict.fromkeys(_QUANTILES, math.nan), mean=math.nan)
        rows.append(row)
    summary = pd.DataFrame(rows, columns=["stage", "name", "n", *_QUANTILES, "mean"])
    return DurationData(visits, summary, group)


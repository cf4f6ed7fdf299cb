"""Flow charts' data, computed without Qt: the stage funnel, cumulative flow, open work by stage, time in stage.

* :func:`funnel_data` -- volume per stage and step conversion (:class:`FunnelData`);
* :func:`cumulative_flow` -- a true cumulative flow diagram: cumulative arrivals per stage (and into
  lost and won) per day, so that the band between two lines is the work in that stage
  (:class:`CumulativeFlow`);
* :func:`flow_data` -- open work per stage per day with WIP limits ("open work by stage",
  :class:`FlowData`);
* :func:`stage_durations` -- completed time-in-stage visits per stage with their quantiles
  (:class:`DurationData`).

Scopes are those of :mod:`pdsa_desk.core.scopes`. :mod:`pdsa_desk.core.charts` re-exports everything here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pdsa_desk.core import metrics, pipeline
from pdsa_desk.core.frames import AnalysisData
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, message
from pdsa_desk.core.scopes import ALL_GROUP, Group, check_group, scope_data, subset_data, utc

__all__ = [
    "LOST",
    "WON",
    "CumulativeFlow",
    "DurationData",
    "FlowData",
    "FunnelData",
    "cumulative_flow",
    "flow_data",
    "funnel_data",
    "stage_durations",
]


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
    group = check_group(group)
    scoped, rep_ids = scope_data(data, group)
    frame = pipeline.stage_funnel(scoped, start, end, rep_ids=rep_ids)
    first = frame["n"].iloc[0] if len(frame) else 0
    frame["share"] = frame["n"] / first if first else np.nan
    return FunnelData(frame, group, None if start is None else utc(start), None if end is None else utc(end))


# --------------------------------------------------------------------------- #
# cumulative flow
# --------------------------------------------------------------------------- #
@dataclass(frozen=True, eq=False)
class FlowData:
    """Open opportunities per stage at the end of each day ("open work by stage").

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


def flow_data(
    data: AnalysisData, *, as_of: Any, group: Any = ALL_GROUP, start: Any = None
) -> FlowData:
    """WIP per stage per day from ``start`` (default: the first event) to ``as_of``."""
    group = check_group(group)
    scoped, rep_ids = scope_data(data, group)
    scoped = scoped if rep_ids is None else subset_data(scoped, rep_ids)
    prep = metrics.prepare(scoped)
    shown = [s for s in range(prep.k) if str(prep.stages["terminal"].iloc[s]) != "won"]
    names = prep.stages["name"].astype(str).iloc[shown]
    limits = prep.stages["wip_limit"].astype(float).iloc[shown]
    as_of_ts = utc(as_of)
    first = prep.ev_t.min() if len(prep.ev_t) else None
    begin = utc(start) if start is not None else (None if first is None else pd.Timestamp(int(first), tz="UTC"))
    if begin is None or begin > as_of_ts:
        empty = pd.DataFrame(columns=pd.Index(shown, name="stage"), dtype="int64")
        empty.index = pd.DatetimeIndex([], tz="UTC", name="day")
        return FlowData(empty, limits, names, empty.astype(bool), group)
    wip = pipeline.wip_over_time(prep, begin, as_of_ts)[shown]
    if group == ALL_GROUP:
        over = wip.gt(limits.fillna(np.inf).to_numpy(), axis=1)
    else:
        over = wip.gt(np.inf)
    return FlowData(wip, limits, names, over, group)


# --------------------------------------------------------------------------- #
# cumulative flow
# --------------------------------------------------------------------------- #
LOST = "lost"
WON = "won"


@dataclass(frozen=True, eq=False)
class CumulativeFlow:
    """A cumulative flow diagram (as ActionableAgile draws one): cumulative arrivals per state per day.

    ``lines``: index ``day`` (UTC midnight; the value is at the end of that day, the last day at
    ``as_of``), one int column per state from the top band down: the open stages in order (stage
    positions, the won stage left out), then :data:`LOST` and :data:`WON`. A column counts the
    opportunities that by then had *arrived* in that state or a later one: an opportunity arrives in a
    stage when it first enters it or any later stage, in lost or won when it closes so (closing counts
    as later than every open stage, won as later than lost). So every line only rises, and the band
    between a line and the next is the work in that state: ``band(stage)`` = opportunities open in that
    stage (their furthest stage reached) at the end of the day, ``band(LOST)`` and ``band(WON)`` the
    cumulative closed. ``names``: the state names, like the columns. An opportunity without a stage event
    never arrives.
    """

    lines: pd.DataFrame
    names: pd.Series
    group: Group

    @property
    def t(self) -> np.ndarray:
        """Days as POSIX seconds."""
        return np.asarray(pd.DatetimeIndex(self.lines.index).asi8, dtype=np.float64) / 1e9

    def band(self, state: Any) -> np.ndarray:
        """The work in ``state`` per day: its line minus the next line down (the won line for won)."""
        cols = list(self.lines.columns)
        i = cols.index(state)
        top = self.lines[state].to_numpy(dtype=np.int64)
        below = self.lines[cols[i + 1]].to_numpy(dtype=np.int64) if i + 1 < len(cols) else 0
        return np.asarray(top - below, dtype=np.int64)


def _arrivals(prep: metrics.Prepared, as_of_ns: int, shown: list[int]) -> dict[Any, np.ndarray]:
    """Per state: each opportunity's arrival time (int64 ns; ``_BIG`` when it has not arrived by ``as_of``)."""
    big = np.iinfo(np.int64).max
    first = prep.first_as_of(as_of_ns)  # (m x k), big where never entered
    closed = np.where((prep.closed != metrics.NAT) & (prep.closed <= as_of_ns), prep.closed, big)
    won_stage = prep.won
    won = np.where(prep.outcome == "won", closed, big)
    if won_stage is not None:
        won = np.minimum(won, first[:, won_stage:].min(axis=1))
    entered_any = first.min(axis=1) != big if prep.k else np.zeros(prep.m, dtype=bool)
    won = np.where(entered_any, won, big)
    lost = np.where(entered_any & (prep.outcome == "lost") & (won == big), closed, big)
    done = np.minimum(won, lost)
    out: dict[Any, np.ndarray] = {}
    later = np.full(prep.m, big, dtype=np.int64)  # earliest first entry into stage >= s, for s descending
    for s in range(prep.k - 1, -1, -1):
        later = np.minimum(later, first[:, s])
        if s in shown:
            out[s] = np.where(entered_any, np.minimum(later, done), big)
    out[LOST] = done
    out[WON] = won
    return out


def cumulative_flow(data: AnalysisData, *, as_of: Any, group: Any = ALL_GROUP, start: Any = None) -> CumulativeFlow:
    """The cumulative flow diagram of a scope from ``start`` (default: the first event) to ``as_of``."""
    group = check_group(group)
    scoped, rep_ids = scope_data(data, group)
    scoped = scoped if rep_ids is None else subset_data(scoped, rep_ids)
    prep = metrics.prepare(scoped)
    shown = [s for s in range(prep.k) if str(prep.stages["terminal"].iloc[s]) != "won"]
    columns: list[Any] = [*shown, LOST, WON]
    closed = [message("Flow", QT_TRANSLATE_NOOP("Flow", "Lost")), message("Flow", QT_TRANSLATE_NOOP("Flow", "Won"))]
    names = pd.Series([*prep.stages["name"].astype(str).iloc[shown], *closed], index=columns, dtype=object)
    as_of_ts = utc(as_of)
    as_of_ns = int(as_of_ts.value)
    first_t = prep.ev_t[prep.ev_t <= as_of_ns]
    begin = utc(start) if start is not None else (
        None if not len(first_t) else pd.Timestamp(int(first_t.min()), tz="UTC"))
    if begin is None or begin > as_of_ts:
        empty = pd.DataFrame({c: pd.Series(dtype="int64") for c in columns})
        empty.index = pd.DatetimeIndex([], tz="UTC", name="day")
        return CumulativeFlow(empty, names, group)
    d0 = int(begin.value) // metrics.NS_PER_DAY
    d1 = as_of_ns // metrics.NS_PER_DAY
    days = np.arange(d0, d1 + 1, dtype=np.int64)
    ends = np.minimum((days + 1) * metrics.NS_PER_DAY - 1, as_of_ns)  # end of each day, the last at as_of
    arrivals = _arrivals(prep, as_of_ns, shown)
    lines = {c: np.searchsorted(np.sort(arrivals[c]), ends, side="right").astype(np.int64) for c in columns}
    frame = pd.DataFrame(lines, columns=columns)
    frame.index = pd.DatetimeIndex((days * metrics.NS_PER_DAY).view("datetime64[ns]")).tz_localize("UTC").rename("day")
    return CumulativeFlow(frame, names, group)


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
    """Durations of completed stage visits (as :func:`pipeline.time_in_stage` defines them).

    Visits entered in ``[start, end)`` and, with ``as_of``, completed by then;
    limited to the scope's opportunities.
    """
    group = check_group(group)
    data, rep_ids = scope_data(data, group)
    prep = metrics.prepare(data)
    end_t, t, stg = prep.ev_end, prep.ev_t, prep.ev_stage
    ok = end_t != metrics.NAT
    if rep_ids is not None:
        ok &= prep.rep_mask(rep_ids)[prep.ev_opp]
    if start is not None:
        ok &= t >= utc(start).value
    if end is not None:
        ok &= t < utc(end).value
    if as_of is not None:
        ok &= end_t <= utc(as_of).value
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

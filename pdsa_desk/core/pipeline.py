"""What the pipeline holds and how long opportunities stay: open-at, aging, WIP, time in stage, losses, funnel.

:func:`open_at` is the one rule of which opportunities are open at an instant (the Board, the agenda and
the weekly report count by it); :func:`aging`, :func:`wip_over_time` and :func:`time_in_stage` measure
stays; :func:`loss_analysis`, :func:`loss_pivot` and :func:`stage_funnel` count where deals end. They start
from the prepared snapshot of :mod:`pdsa_desk.core.metrics`, whose conventions hold here too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from pdsa_desk.core.metrics import (
    _BIG,
    NAT,
    NS_PER_DAY,
    UNSPECIFIED,
    DataLike,
    _i8,
    _ratio,
    _to_dt,
    _ts_ns,
    prepare,
)

__all__ = ["aging", "loss_analysis", "loss_pivot", "open_at", "stage_funnel", "time_in_stage", "wip_over_time"]


# --------------------------------------------------------------------------- #
# flow: time in stage, WIP, aging
# --------------------------------------------------------------------------- #
def time_in_stage(data: DataLike, *, start: Any = None, end: Any = None, as_of: Any = None) -> pd.DataFrame:
    """Completed time per stage visit, in days: ``stage, median_days, p85_days, n``.

    A visit is one event; it lasts until the opportunity's next event, or for
    the last event of a closed opportunity until ``closed_at``. Still-running
    visits (last event of an open opportunity) and negative durations (event
    after ``closed_at``) are excluded. Quantiles use numpy's linear method.
    ``start``/``end`` restrict to visits entered in ``[start, end)``; with
    ``as_of`` only visits completed by then count (history as known then).
    """
    prep = prepare(data)
    end_t, t, stg = prep.ev_end, prep.ev_t, prep.ev_stage
    ok = end_t != NAT
    if start is not None:
        ok &= t >= _ts_ns(start)
    if end is not None:
        ok &= t < _ts_ns(end)
    if as_of is not None:
        ok &= end_t <= _ts_ns(as_of)
    dur = np.zeros(len(t), dtype=np.int64)
    dur[ok] = end_t[ok] - t[ok]
    ok &= dur >= 0
    med = np.full(prep.k, np.nan)
    p85 = np.full(prep.k, np.nan)
    count = np.bincount(stg[ok], minlength=prep.k)
    days = dur / NS_PER_DAY
    for s in range(prep.k):
        if count[s]:
            med[s], p85[s] = np.quantile(days[ok & (stg == s)], [0.5, 0.85])
    return pd.DataFrame({"stage": np.arange(prep.k, dtype=np.int64), "median_days": med, "p85_days": p85, "n": count})


def wip_over_time(data: DataLike, start: Any = None, end: Any = None) -> pd.DataFrame:
    """Open opportunities per stage at the end of each UTC day in ``[start, end]`` (both inclusive).

    An opportunity counts on day D at the stage of its latest event entered
    before the end of D, unless ``closed_at`` falls on or before D (closing at
    any time during D removes it from D). Index: ``day`` (tz-aware UTC
    midnight timestamps); columns: stage positions ``0..k-1``; int64 counts.
    Defaults: first event day .. last event day.
    """
    prep = prepare(data)
    t, stg, opp, k = prep.ev_t, prep.ev_stage, prep.ev_opp, prep.k
    if start is None or end is None:
        if not len(t):
            raise ValueError("no events: give start and end")
    d0 = (_ts_ns(start) if start is not None else int(t.min())) // NS_PER_DAY
    d1 = (_ts_ns(end) if end is not None else int(t.max())) // NS_PER_DAY
    nd = max(d1 - d0 + 1, 0)
    big = np.iinfo(np.int64).max // 4
    nxt = np.full(len(t), big, dtype=np.int64)
    if len(t):
        same = opp[1:] == opp[:-1]
        nxt[:-1][same] = t[1:][same] // NS_PER_DAY - d0
    closed = prep.closed[opp]
    cday = np.where(closed != NAT, closed // NS_PER_DAY - d0, big)
    a = np.maximum(t // NS_PER_DAY - d0, 0)
    b = np.minimum(np.minimum(nxt, cday), nd)
    keep = a < b
    width = nd + 1
    size = k * width
    delta = np.bincount(stg[keep] * width + a[keep], minlength=size) - np.bincount(
        stg[keep] * width + b[keep], minlength=size
    )
    counts = delta.reshape(k, width)[:, :nd].cumsum(axis=1).T
    index = _to_dt((d0 + np.arange(nd, dtype=np.int64)) * NS_PER_DAY).rename("day")
    return pd.DataFrame(counts.astype(np.int64), index=index, columns=pd.RangeIndex(k, name="stage"))


def open_at(data: DataLike, as_of: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The opportunities open at ``as_of`` and where they stood: ``(rows, stage, entered)`` arrays.

    The one rule every count of open work uses (the Board, the agenda's WIP items, the weekly report,
    the Data view): an opportunity is open at ``as_of`` when it was opened by then and is not closed by
    then -- ``closed_at`` after ``as_of``, or no ``closed_at`` and outcome ``open``. Its stage is the
    stage of its latest event at or before ``as_of`` (``-1`` when it has none yet) and ``entered``
    (int64 ns) the time of that event (``-1``: ``NAT``). ``rows`` are opportunity codes, ascending.
    """
    prep = prepare(data)
    as_of_ns = _ts_ns(as_of)
    opened = _i8(prep.opportunities["created_at"]) if prep.m else np.zeros(0, dtype=np.int64)
    closed = prep.closed
    is_open = (opened != NAT) & (opened <= as_of_ns) & (
        ((closed == NAT) & (prep.outcome == "open")) | ((closed != NAT) & (closed > as_of_ns)))
    idx = np.flatnonzero(prep.ev_t <= as_of_ns)
    o = prep.ev_opp[idx]
    last = idx[np.r_[o[1:] != o[:-1], True]] if len(idx) else idx
    stage = np.full(prep.m, -1, dtype=np.int64)
    entered = np.full(prep.m, NAT, dtype=np.int64)
    stage[prep.ev_opp[last]] = prep.ev_stage[last]
    entered[prep.ev_opp[last]] = prep.ev_t[last]
    rows = np.flatnonzero(is_open)
    return rows, stage[rows], entered[rows]


def aging(data: DataLike, as_of: Any, *, thresholds: Any = None) -> pd.DataFrame:
    """Open opportunities stuck in their current stage longer than its p85.

    Open at ``as_of`` and the current stage as :func:`open_at` defines them
    (opportunities without a stage are never aging); ``days_in_stage = (as_of - entered_at)`` in days, flagged when
    strictly greater than the threshold (default: :func:`time_in_stage`
    ``p85_days`` over visits completed by ``as_of``; a stage with no history
    is never flagged). ``thresholds``
    may be any mapping/Series stage position -> days. Columns ``opp, id, name,
    rep_id, stage, entered_at, days_in_stage, p85_days``; sorted by stage, then
    longest first.
    """
    prep = prepare(data)
    as_of_ns = _ts_ns(as_of)
    if thresholds is None:
        p85 = time_in_stage(prep, as_of=as_of_ns)["p85_days"].to_numpy()
    else:
        p85 = pd.Series(thresholds, dtype=float).reindex(range(prep.k)).to_numpy()
    opp, stage, entered = open_at(prep, as_of_ns)
    staged = stage >= 0
    opp, stage, entered = opp[staged], stage[staged], entered[staged]
    days = (as_of_ns - entered) / NS_PER_DAY
    thr = p85[stage]
    hit = ~np.isnan(thr) & (days > np.where(np.isnan(thr), 0.0, thr))
    opp, stage, entered = opp[hit], stage[hit], entered[hit]
    opps = prep.opportunities
    out = pd.DataFrame(
        {
            "opp": opp.astype(np.int64),
            "id": opps["id"].to_numpy()[opp],
            "name": opps["name"].to_numpy()[opp],
            "rep_id": opps["rep_id"].to_numpy()[opp],
            "stage": stage.astype(np.int64),
            "entered_at": _to_dt(entered),
            "days_in_stage": days[hit],
            "p85_days": thr[hit],
        }
    )
    return out.sort_values(["stage", "days_in_stage", "opp"], ascending=[True, False, True], ignore_index=True)


# --------------------------------------------------------------------------- #
# losses and funnel
# --------------------------------------------------------------------------- #
def loss_analysis(
    data: DataLike, *, start: Any = None, end: Any = None, rep_ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """Lost opportunities counted by the stage they were lost at and loss reason.

    The stage is that of the opportunity's latest event at or before
    ``closed_at`` (``-1`` if none). ``start``/``end`` filter on ``closed_at``
    in ``[start, end)``. Missing reasons are :data:`UNSPECIFIED`. Columns
    ``stage, loss_reason, n``, sorted by stage then most frequent reason.
    """
    prep = prepare(data)
    lost = (prep.outcome == "lost") & prep.rep_mask(rep_ids)
    closed = prep.closed
    if start is not None:
        lost &= (closed != NAT) & (closed >= _ts_ns(start))
    if end is not None:
        lost &= (closed != NAT) & (closed < _ts_ns(end))
    o, t = prep.ev_opp, prep.ev_t
    c = closed[o]
    idx = np.flatnonzero(lost[o] & ((c == NAT) | (t <= c)))
    oo = o[idx]
    last = idx[np.r_[oo[1:] != oo[:-1], True]] if len(idx) else idx
    stage = np.full(prep.m, -1, dtype=np.int64)
    stage[o[last]] = prep.ev_stage[last]
    rows = np.flatnonzero(lost)
    reason = prep.opportunities["loss_reason"].astype(object).to_numpy()[rows]
    reason = np.where(pd.isna(reason), UNSPECIFIED, reason).astype(object)
    tidy = pd.DataFrame({"stage": stage[rows], "loss_reason": pd.Series(reason, dtype="str")})
    out = tidy.groupby(["stage", "loss_reason"], sort=True).size().rename("n").reset_index()
    out["n"] = out["n"].astype(np.int64)
    return out.sort_values(["stage", "n", "loss_reason"], ascending=[True, False, True], ignore_index=True)


def loss_pivot(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`loss_analysis` output as a stage x loss_reason matrix of counts (0-filled)."""
    return table.pivot_table(index="stage", columns="loss_reason", values="n", aggfunc="sum", fill_value=0)


def stage_funnel(
    data: DataLike, start: Any = None, end: Any = None, *, rep_ids: Iterable[str] | None = None
) -> pd.DataFrame:
    """Per stage: ``stage, name, n, step_p``.

    ``n`` = opportunities whose first entry into the stage is in
    ``[start, end)`` (ever, if not given). ``step_p = n / n(previous stage)``
    (NaN for stage 0 or an empty previous stage); with stage skipping or the
    date filter it can exceed 1.
    """
    prep = prepare(data)
    fb = prep.first_big[prep.rep_mask(rep_ids)]
    ok = fb != _BIG
    if start is not None:
        ok &= fb >= _ts_ns(start)
    if end is not None:
        ok &= fb < _ts_ns(end)
    n = ok.sum(axis=0).astype(np.int64)
    step = np.full(prep.k, np.nan)
    if prep.k > 1:
        step[1:] = _ratio(n[1:], n[:-1])
    return pd.DataFrame(
        {"stage": np.arange(prep.k, dtype=np.int64), "name": prep.stages["name"].to_numpy(), "n": n, "step_p": step}
    )

"""Conversion: cohorts of opportunities by the period they first entered a stage, and end-to-end conversion.

:func:`conversion_table` counts, per cohort period (and rep or team), how many of those who first entered a
stage moved on within its window; :func:`cohort_members` lists them one by one; :func:`end_to_end` and
:func:`end_to_end_members` do the same from a first stage to a last. They start from the prepared snapshot
of :mod:`pdsa_desk.core.metrics`, whose conventions (UTC, half-open ranges, ``as_of``) hold here too.

Conversion
----------
The transition ``s -> s+1`` exists for ``s`` in ``0..k-2`` unless stage ``s``
is terminal ``"won"``. Using only the **first** entry into every stage, an
opportunity that first entered ``s`` at ``F`` converts if the earliest first
entry ``L`` into any stage ``> s`` with ``L >= F`` satisfies
``L - F <= window_days(s)`` (an entry exactly at the window end converts; a
later stage first entered *before* ``F`` is ignored, even if re-entered
afterwards). Cohorts are the period (week starting on ``week_start``, Monday =
0, or calendar month) containing ``F``, beginning at midnight in ``time_zone``
(the team's IANA zone, the workspace setting; UTC by default): each instant is
read at its own offset, so a week across a summer-time change is 167 or 169
hours long, and a local midnight that does not exist (a change at midnight)
begins the period at the first instant that does. ``period``/``period_end``
are the UTC instants of those midnights. A cohort row is ``mature`` when
``period_end + window <= as_of`` (``period_end`` exclusive).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from pdsa_desk.core.metrics import (
    _BIG,
    NAT,
    NS_PER_DAY,
    By,
    DataLike,
    Period,
    Prepared,
    StageRef,
    _converted,
    _earliest_after,
    _opt_ns,
    _ratio,
    _to_dt,
    _ts_ns,
    prepare,
    transitions,
)

__all__ = ["CONVERSION_COLUMNS", "cohort_members", "conversion_table", "end_to_end", "end_to_end_members"]

CONVERSION_COLUMNS = ["from_stage", "to_stage", "period", "group", "n", "x", "p", "mature", "period_end"]


def _zone(time_zone: str) -> ZoneInfo | None:
    """The zone (None for UTC, whose periods need no conversion); ValueError for a name this computer lacks."""
    if time_zone == "UTC":
        return None
    try:
        return ZoneInfo(str(time_zone))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {time_zone!r}: use an IANA name such as Europe/Berlin") from None


def _offsets(ns: np.ndarray, zone: ZoneInfo) -> np.ndarray:
    """``zone``'s UTC offset (ns) at each UTC instant."""
    local = pd.DatetimeIndex(ns.view("datetime64[ns]")).tz_localize("UTC").tz_convert(zone).tz_localize(None)
    offsets: np.ndarray = np.asarray(local.asi8, dtype=np.int64) - ns
    return offsets


def _local_ns(ns: np.ndarray, zone: ZoneInfo | None) -> np.ndarray:
    """The wall-clock time in ``zone`` of each UTC instant (each at its own offset), as naive nanoseconds.

    The offset is looked up per UTC day (a few thousand days instead of a million instants); only instants on a
    day whose offset changes (summer time) are converted one by one."""
    if zone is None or not len(ns):
        return ns
    day = ns // NS_PER_DAY
    first = int(day.min())
    starts = np.arange(first, int(day.max()) + 1, dtype=np.int64) * NS_PER_DAY
    at_start = _offsets(starts, zone)
    changes = at_start != _offsets(starts + NS_PER_DAY - 1, zone)
    offset = at_start[day - first]
    exact = changes[day - first]
    if exact.any():
        offset[exact] = _offsets(ns[exact], zone)
    local: np.ndarray = ns + offset
    return local


def _utc_ns(local: np.ndarray, zone: ZoneInfo | None) -> np.ndarray:
    """The UTC instant of each wall-clock time in ``zone``: a time that happens twice (summer time ends) is its
    first occurrence, one that does not happen (summer time starts) moves on to the first instant after the gap."""
    if zone is None:
        return local
    return (pd.DatetimeIndex(local.view("datetime64[ns]"))
            .tz_localize(zone, ambiguous=np.ones(len(local), dtype=bool), nonexistent="shift_forward")
            .tz_convert("UTC").asi8)


def _period_code(ns: np.ndarray, period: Period, week_start: int, zone: ZoneInfo | None = None) -> np.ndarray:
    local = _local_ns(ns, zone)
    if period == "week":
        return (local // NS_PER_DAY + 3 - week_start) // 7  # 1970-01-01 was a Thursday
    if period == "month":
        return local.view("datetime64[ns]").astype("datetime64[M]").astype(np.int64)
    raise ValueError(f"period must be 'week' or 'month', not {period!r}")


def _period_start_ns(code: np.ndarray, period: Period, week_start: int, zone: ZoneInfo | None = None) -> np.ndarray:
    if period == "week":
        local = (code * 7 - 3 + week_start) * NS_PER_DAY
    else:
        local = code.view("datetime64[M]").astype("datetime64[ns]").view(np.int64)
    return _utc_ns(local, zone)


def _check_week_start(week_start: int) -> int:
    if not (isinstance(week_start, (int, np.integer)) and 0 <= week_start <= 6):
        raise ValueError(f"week_start must be 0 (Monday) .. 6 (Sunday), not {week_start!r}")
    return int(week_start)


def _cohort_block(
    F: np.ndarray,
    converted: np.ndarray,
    sel: np.ndarray,
    gcodes: np.ndarray,
    ngroups: int,
    *,
    window_ns: int,
    period: Period,
    week_start: int,
    start_ns: int | None,
    end_ns: int | None,
    as_of_ns: int,
    fill: bool,
    zone: ZoneInfo | None = None,
) -> dict[str, np.ndarray] | None:
    mask = sel & (F != _BIG)
    code = _period_code(F[mask], period, week_start, zone)
    conv = converted[mask]
    g = gcodes[mask]
    if start_ns is not None or end_ns is not None:
        lo = _period_code(np.array([start_ns]), period, week_start, zone)[0] if start_ns is not None else None
        hi = _period_code(np.array([end_ns - 1]), period, week_start, zone)[0] if end_ns is not None else None
        keep = np.ones(len(code), dtype=bool)
        if lo is not None:
            keep &= code >= lo
        if hi is not None:
            keep &= code <= hi
        code, conv, g = code[keep], conv[keep], g[keep]
    if not len(code):
        return None
    cmin = int(code.min())
    nper = int(code.max()) - cmin + 1
    key = g * nper + (code - cmin)
    n = np.bincount(key, minlength=ngroups * nper).reshape(ngroups, nper)
    x = np.bincount(key[conv], minlength=ngroups * nper).reshape(ngroups, nper)
    has = n > 0
    if fill:
        any_row = has.any(axis=1, keepdims=True)
        lo_i = has.argmax(axis=1)
        hi_i = nper - 1 - has[:, ::-1].argmax(axis=1)
        cols = np.arange(nper)
        has = any_row & (cols >= lo_i[:, None]) & (cols <= hi_i[:, None])
    gi, pi = np.nonzero(has)  # row-major: sorted by group, then period
    pcode = pi + cmin
    pstart = _period_start_ns(pcode, period, week_start, zone)
    pend = _period_start_ns(pcode + 1, period, week_start, zone)
    return {
        "group": gi,
        "period": pstart,
        "period_end": pend,
        "n": n[gi, pi],
        "x": x[gi, pi],
        "mature": pend + window_ns <= as_of_ns,
    }


def _assemble(blocks: list[tuple[int, int, dict[str, np.ndarray]]], labels: np.ndarray) -> pd.DataFrame:
    if not blocks:
        return pd.DataFrame(
            {
                "from_stage": np.zeros(0, np.int64),
                "to_stage": np.zeros(0, np.int64),
                "period": _to_dt(np.zeros(0, np.int64)),
                "group": pd.Series([], dtype="str"),
                "n": np.zeros(0, np.int64),
                "x": np.zeros(0, np.int64),
                "p": np.zeros(0, float),
                "mature": np.zeros(0, bool),
                "period_end": _to_dt(np.zeros(0, np.int64)),
            }
        )
    cat = {key: np.concatenate([b[key] for _, _, b in blocks]) for key in blocks[0][2]}
    sizes = [len(b["n"]) for _, _, b in blocks]
    n, x = cat["n"].astype(np.int64), cat["x"].astype(np.int64)
    return pd.DataFrame(
        {
            "from_stage": np.repeat([f for f, _, _ in blocks], sizes).astype(np.int64),
            "to_stage": np.repeat([t for _, t, _ in blocks], sizes).astype(np.int64),
            "period": _to_dt(cat["period"]),
            "group": pd.Series(labels[cat["group"]], dtype="str"),
            "n": n,
            "x": x,
            "p": _ratio(x, n),
            "mature": cat["mature"].astype(bool),
            "period_end": _to_dt(cat["period_end"]),
        }
    )


def conversion_table(
    data: DataLike,
    *,
    as_of: Any,
    from_stage: StageRef | None = None,
    period: Period = "week",
    by: By = None,
    start: Any = None,
    end: Any = None,
    rep_ids: Iterable[str] | None = None,
    week_start: int = 0,
    fill_periods: bool = False,
    time_zone: str = "UTC",
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """Conversion cohorts for one transition (``from_stage``) or all of them.

    Returns one row per transition x group x period with columns
    ``from_stage, to_stage, period, group, n, x, p, mature, period_end``
    (``period``/``period_end`` are UTC timestamps, ``period_end`` exclusive;
    ``group`` is a rep/team id, :data:`UNSPECIFIED` or :data:`ALL`), sorted by
    ``from_stage, group, period``. ``start``/``end`` keep the whole periods
    that overlap ``[start, end)``. ``rep_ids`` restricts to those reps'
    opportunities. With ``fill_periods`` every group gets a regular axis from
    its first to its last period (``n = x = 0``, ``p`` NaN in the gaps). Periods begin at midnight in
    ``time_zone`` (see the module docstring). ``mask`` (bool per opportunity) keeps only those opportunities:
    the same table as on the snapshot cut down to them (an opportunity's conversion depends on its own events
    alone), without preparing that subset.
    """
    prep = prepare(data)
    week_start = _check_week_start(week_start)
    zone = _zone(time_zone)
    as_of_ns = _ts_ns(as_of)
    start_ns, end_ns = _opt_ns(start), _opt_ns(end)
    if from_stage is None:
        pairs = transitions(prep)
    else:
        s = prep.stage_pos(from_stage)
        if (s, s + 1) not in transitions(prep):
            raise ValueError(f"stage {from_stage!r} has no outgoing transition")
        pairs = [(s, s + 1)]
    gcodes, labels = prep.groups(by)
    sel = prep.rep_mask(rep_ids)
    if mask is not None:
        sel = sel & np.asarray(mask, dtype=bool)
    blocks = []
    for s, t in pairs:
        F, _conv_at, conv, window_ns = prep.conversion_inputs(s, as_of_ns)
        block = _cohort_block(
            F, conv, sel, gcodes, len(labels), window_ns=window_ns, period=period,
            week_start=week_start, start_ns=start_ns, end_ns=end_ns, as_of_ns=as_of_ns, fill=fill_periods,
            zone=zone,
        )
        if block is not None:
            blocks.append((s, t, block))
    return _assemble(blocks, labels)


def _members(
    prep: Prepared, F: np.ndarray, conv_at: np.ndarray, window_ns: int, *,
    start_ns: int, end_ns: int, rep_ids: Iterable[str] | None, as_of_ns: int,
    converted: np.ndarray | None = None, by_entry: tuple[np.ndarray, np.ndarray] | None = None,
) -> pd.DataFrame:
    if by_entry is None:
        rows = np.flatnonzero((F >= start_ns) & (F < end_ns) & (F != _BIG))
        rows = rows[np.lexsort((rows, F[rows]))]
    else:  # the rows in order of entry (stable: ties by row): the window is one slice of it
        order, entries = by_entry
        lo, hi = np.searchsorted(entries, [start_ns, end_ns])
        rows = order[lo:hi]
        rows = rows[entries[lo:hi] != _BIG]
    if rep_ids is not None:  # the reps' rows among these rows only, not a mask over every opportunity first
        rows = rows[prep.rep_mask(rep_ids, rows)]
    conv = _converted(F[rows], conv_at[rows], window_ns) if converted is None else converted[rows]
    opps = prep.opportunities
    entered = F[rows]
    return pd.DataFrame(
        {
            "opp": rows.astype(np.int64),
            "id": opps["id"].iloc[rows].to_numpy(),
            "name": opps["name"].iloc[rows].to_numpy(),
            "rep_id": opps["rep_id"].iloc[rows].to_numpy(),
            "team_id": opps["team_id"].iloc[rows].to_numpy(),
            "entered_at": _to_dt(entered),
            "converted": conv,
            "converted_at": _to_dt(np.where(conv, conv_at[rows], NAT)),
            "mature": entered + window_ns <= as_of_ns,
        }
    )


def cohort_members(
    data: DataLike,
    *,
    from_stage: StageRef,
    start: Any,
    end: Any,
    as_of: Any,
    rep_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per opportunity whose first entry into ``from_stage`` is in ``[start, end)``.

    Columns ``opp`` (code), ``id, name, rep_id, team_id, entered_at, converted,
    converted_at`` (NaT unless converted within the window by ``as_of``),
    ``mature`` (``entered_at + window <= as_of``), sorted by ``entered_at``.
    """
    prep = prepare(data)
    s = prep.stage_pos(from_stage)
    if (s, s + 1) not in transitions(prep):
        raise ValueError(f"stage {from_stage!r} has no outgoing transition")
    as_of_ns = _ts_ns(as_of)
    F, conv_at, converted, window_ns = prep.conversion_inputs(s, as_of_ns)
    return _members(
        prep, F, conv_at, window_ns, start_ns=_ts_ns(start), end_ns=_ts_ns(end), rep_ids=rep_ids, as_of_ns=as_of_ns,
        converted=converted, by_entry=prep.entry_order(s, as_of_ns),
    )


def _end_to_end_setup(
    prep: Prepared, from_stage: StageRef, as_of_ns: int, window_days: int | None
) -> tuple[int, int, np.ndarray, np.ndarray, int]:
    s = prep.stage_pos(from_stage)
    fb = prep.first_as_of(as_of_ns)
    F = fb[:, s]
    won = prep.won
    if won is not None:
        if s >= won:
            raise ValueError(f"stage {from_stage!r} is not before the won stage")
        conv_at = _earliest_after(fb, F, won)
        default_window, to_stage = int(prep.window_days[s:won].sum()), won
    else:
        closed = prep.closed
        ok = (prep.outcome == "won") & (closed != NAT) & (closed <= as_of_ns) & (closed >= F)
        conv_at = np.where(ok, closed, _BIG)
        default_window, to_stage = int(prep.window_days[s:].sum()), -1
    wd = default_window if window_days is None else int(window_days)
    return s, to_stage, F, conv_at, wd * NS_PER_DAY


def end_to_end(
    data: DataLike,
    *,
    as_of: Any,
    from_stage: StageRef = 0,
    window_days: int | None = None,
    period: Period = "week",
    by: By = None,
    start: Any = None,
    end: Any = None,
    rep_ids: Iterable[str] | None = None,
    week_start: int = 0,
    fill_periods: bool = False,
    time_zone: str = "UTC",
) -> pd.DataFrame:
    """"To Won" cohorts: first entry into ``from_stage`` -> won within the window.

    If a stage with ``terminal == "won"`` exists, converting means first
    entering it (or a stage after it) at/after the cohort entry; ``to_stage``
    is its position. Otherwise converting means ``outcome == "won"`` with a
    ``closed_at`` at/after the entry (a won opportunity without ``closed_at``
    does not count) and ``to_stage`` is ``-1``. The default window is the sum
    of ``window_days`` of stages ``from_stage .. won-1`` (all stages from
    ``from_stage`` when there is no won stage). Same columns and options as
    :func:`conversion_table`.
    """
    prep = prepare(data)
    week_start = _check_week_start(week_start)
    zone = _zone(time_zone)
    as_of_ns = _ts_ns(as_of)
    s, to_stage, F, conv_at, window_ns = _end_to_end_setup(prep, from_stage, as_of_ns, window_days)
    gcodes, labels = prep.groups(by)
    block = _cohort_block(
        F, _converted(F, conv_at, window_ns), prep.rep_mask(rep_ids), gcodes, len(labels),
        window_ns=window_ns, period=period, week_start=week_start, start_ns=_opt_ns(start),
        end_ns=_opt_ns(end), as_of_ns=as_of_ns, fill=fill_periods, zone=zone,
    )
    return _assemble([] if block is None else [(s, to_stage, block)], labels)


def end_to_end_members(
    data: DataLike,
    *,
    start: Any,
    end: Any,
    as_of: Any,
    from_stage: StageRef = 0,
    window_days: int | None = None,
    rep_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Like :func:`cohort_members` for the :func:`end_to_end` definition."""
    prep = prepare(data)
    as_of_ns = _ts_ns(as_of)
    _, _, F, conv_at, window_ns = _end_to_end_setup(prep, from_stage, as_of_ns, window_days)
    return _members(
        prep, F, conv_at, window_ns, start_ns=_ts_ns(start), end_ns=_ts_ns(end), rep_ids=rep_ids, as_of_ns=as_of_ns
    )

"""Pipeline metrics computed from :class:`~pdsa_desk.core.frames.AnalysisData`.

Everything here is counts and rates, vectorised over the whole event table with
numpy/pandas (loops only ever run over the handful of stages). Statistics
(intervals, control limits, signal rules) are layered on elsewhere.

Conventions shared by every function
------------------------------------
* All times are UTC. Inputs (``as_of``, ``start``, ``end``) may be anything
  :class:`pandas.Timestamp` accepts; naive values are taken as UTC.
* ``start``/``end`` ranges are half-open ``[start, end)`` unless stated.
* Stages are referred to by position ``0..k-1`` (an ``int``) or by stage ``id``
  (a ``str``).
* Events after ``as_of`` are ignored wherever ``as_of`` is a parameter, so an
  analysis "as of" a past date does not see the future.
* A missing rep/team (or loss reason) is reported as :data:`UNSPECIFIED`;
  the whole-workspace group is :data:`ALL`.

Conversion
----------
The transition ``s -> s+1`` exists for ``s`` in ``0..k-2`` unless stage ``s``
is terminal ``"won"``. Using only the **first** entry into every stage, an
opportunity that first entered ``s`` at ``F`` converts if the earliest first
entry ``L`` into any stage ``> s`` with ``L >= F`` satisfies
``L - F <= window_days(s)`` (an entry exactly at the window end converts; a
later stage first entered *before* ``F`` is ignored, even if re-entered
afterwards). Cohorts are the period (week starting on ``week_start``, Monday =
0, or calendar month, both in UTC) containing ``F``. A cohort row is
``mature`` when ``period_end + window <= as_of`` (``period_end`` exclusive).

Reuse
-----
:func:`prepare` turns an ``AnalysisData`` into a :class:`Prepared` (the
first-entry matrix, event arrays, group codes). It is computed once per
snapshot and kept in the snapshot's own cache (``AnalysisData.cached``, see
:mod:`pdsa_desk.core.derived`): it goes when the snapshot goes, and is
recomputed if any of its frames is swapped or changes length. Every public
function accepts either an ``AnalysisData`` or a ``Prepared``.
``AnalysisData`` is a snapshot: do not mutate its frames in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal, TypeAlias, TypeVar

import numpy as np
import pandas as pd

from pdsa_desk.core.frames import AnalysisData

T = TypeVar("T")

__all__ = [
    "ALL",
    "UNSPECIFIED",
    "Prepared",
    "aging",
    "cohort_members",
    "conversion_table",
    "end_to_end",
    "first_entries",
    "loss_analysis",
    "loss_pivot",
    "open_at",
    "prepare",
    "stage_funnel",
    "time_in_stage",
    "transitions",
    "wip_over_time",
]

ALL = "all"
UNSPECIFIED = "(none)"

NS_PER_DAY = 86_400 * 1_000_000_000
NAT = np.iinfo(np.int64).min  # the int64 value of NaT
_BIG = np.iinfo(np.int64).max  # "never" sentinel for min-reductions

Period = Literal["week", "month"]
By = Literal["rep", "team"] | None
StageRef = int | str
DataLike: TypeAlias = "AnalysisData | Prepared"

CONVERSION_COLUMNS = ["from_stage", "to_stage", "period", "group", "n", "x", "p", "mature", "period_end"]


# --------------------------------------------------------------------------- #
# small converters
# --------------------------------------------------------------------------- #
def _ts_ns(value: Any) -> int:
    """A point in time as int64 ns since the epoch, UTC (naive = UTC)."""
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        raise ValueError(f"not a time: {value!r}")
    ts = ts.tz_localize("UTC") if ts.tz is None else ts.tz_convert("UTC")
    return int(ts.value)


def _opt_ns(value: Any) -> int | None:
    return None if value is None else _ts_ns(value)


def _i8(values: Any) -> np.ndarray:
    """Datetime-like column -> int64 ns UTC array with NAT for missing."""
    idx = pd.DatetimeIndex(pd.to_datetime(pd.Series(values, copy=False), utc=True))
    return np.asarray(idx.as_unit("ns").asi8, dtype=np.int64)


def _to_dt(i8: np.ndarray) -> pd.DatetimeIndex:
    """int64 ns (NAT sentinel) -> tz-aware UTC DatetimeIndex (ns)."""
    return pd.DatetimeIndex(np.asarray(i8, dtype=np.int64).view("datetime64[ns]")).tz_localize("UTC")


def _ratio(x: np.ndarray, n: np.ndarray) -> np.ndarray:
    out = np.full(len(n), np.nan)
    np.divide(x, n, out=out, where=n > 0)
    return out


def _labels(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Factorize ids (missing -> UNSPECIFIED) into sorted labels and int64 codes."""
    vals = pd.Series(values, copy=False).astype(object)
    vals = vals.where(vals.notna(), UNSPECIFIED).astype(str)
    codes, uniques = pd.factorize(vals, sort=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(uniques, dtype=object)


# --------------------------------------------------------------------------- #
# the prepared snapshot
# --------------------------------------------------------------------------- #
@dataclass(frozen=True, eq=False)
class Prepared:
    """Arrays derived once from an ``AnalysisData`` and reused by every metric.

    Holds the data's frames (not the ``AnalysisData`` itself, whose cache holds
    this). Event arrays are sorted by ``(opp, entered_at)``.
    """

    stages: pd.DataFrame
    reps: pd.DataFrame
    opportunities: pd.DataFrame
    ev_opp: np.ndarray  # int64 (n,)
    ev_stage: np.ndarray  # int64 (n,)
    ev_t: np.ndarray  # int64 ns (n,)
    first_big: np.ndarray  # int64 (m, k), _BIG where never entered
    closed: np.ndarray  # int64 ns (m,), NAT while open
    #: Arrays derived per ``as_of`` (see :meth:`conversion_inputs`): the agenda studies dozens of cycles
    #: against the same few transitions, and each would otherwise redo the same O(m x k) work.
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def k(self) -> int:
        return len(self.stages)

    @property
    def m(self) -> int:
        return len(self.opportunities)

    @cached_property
    def first(self) -> np.ndarray:
        """(m x k) int64 ns first entry per opportunity and stage, NAT = never (read-only)."""
        out = np.where(self.first_big == _BIG, NAT, self.first_big)
        out.setflags(write=False)
        return out

    @cached_property
    def window_days(self) -> np.ndarray:
        return self.stages["window_days"].to_numpy(dtype=np.int64)

    @cached_property
    def won(self) -> int | None:
        """Position of the first stage with ``terminal == "won"`` (None if none)."""
        hits = np.flatnonzero(self.stages["terminal"].astype(str).to_numpy() == "won")
        return int(hits[0]) if len(hits) else None

    @cached_property
    def outcome(self) -> np.ndarray:
        return self.opportunities["outcome"].astype(str).to_numpy()

    @cached_property
    def rep_groups(self) -> tuple[np.ndarray, np.ndarray]:
        return _labels(self.opportunities["rep_id"])

    @cached_property
    def team_groups(self) -> tuple[np.ndarray, np.ndarray]:
        return _labels(self.opportunities["team_id"])

    @cached_property
    def ev_end(self) -> np.ndarray:
        """Per event: next event of the same opportunity, else ``closed_at``, else NAT (running)."""
        n = len(self.ev_t)
        end = np.full(n, NAT, dtype=np.int64)
        if n:
            same = self.ev_opp[1:] == self.ev_opp[:-1]
            end[:-1][same] = self.ev_t[1:][same]
            last = np.r_[~same, True]
            end[last] = self.closed[self.ev_opp[last]]
        return end

    @cached_property
    def ev_is_last(self) -> np.ndarray:
        n = len(self.ev_opp)
        return np.r_[self.ev_opp[1:] != self.ev_opp[:-1], True] if n else np.zeros(0, bool)

    # -- helpers used by the metrics ---------------------------------------- #
    def stage_pos(self, stage: StageRef) -> int:
        if isinstance(stage, (int, np.integer)) and not isinstance(stage, bool):
            pos = int(stage)
        else:
            hits = np.flatnonzero(self.stages["id"].astype(str).to_numpy() == str(stage))
            if not len(hits):
                raise KeyError(f"unknown stage {stage!r}")
            pos = int(hits[0])
        if not 0 <= pos < self.k:
            raise IndexError(f"stage position {pos} out of range 0..{self.k - 1}")
        return pos

    @cached_property
    def latest_first(self) -> int:
        """The latest first entry (int ns; NAT when there is none)."""
        fb = self.first_big
        return int(fb[fb != _BIG].max(initial=NAT)) if len(fb) else NAT

    def first_as_of(self, as_of_ns: int | None) -> np.ndarray:
        """``first_big`` with entries after ``as_of`` treated as never."""
        fb = self.first_big
        if as_of_ns is None or not len(fb) or self.latest_first <= as_of_ns:
            return fb
        return self._remember(("first_as_of", as_of_ns), lambda: np.where(fb > as_of_ns, _BIG, fb))

    def conversion_inputs(self, s: int, as_of_ns: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """``(F, conv_at, converted, window_ns)`` of the transition out of stage ``s`` as of ``as_of``: first
        entry into ``s``, earliest first entry into a later stage at or after it (_BIG: none), whether that is
        within the window, the window (read-only, kept per ``(s, as_of)``)."""

        def compute() -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
            fb = self.first_as_of(as_of_ns)
            F = fb[:, s]
            window_ns = int(self.window_days[s]) * NS_PER_DAY
            conv_at = _earliest_after(fb, F, s + 1)
            converted = _converted(F, conv_at, window_ns)
            conv_at.setflags(write=False)
            converted.setflags(write=False)
            return F, conv_at, converted, window_ns

        return self._remember(("conversion_inputs", s, as_of_ns), compute)

    def entry_order(self, s: int, as_of_ns: int | None) -> tuple[np.ndarray, np.ndarray]:
        """``(order, entries)``: the rows sorted by first entry into ``s`` as of ``as_of`` (stable), and those
        entries (kept per ``(s, as_of)``): a cohort of entries in a window is one slice."""

        def compute() -> tuple[np.ndarray, np.ndarray]:
            F = self.conversion_inputs(s, as_of_ns)[0]
            order = np.argsort(F, kind="stable")
            return order, F[order]

        return self._remember(("entry_order", s, as_of_ns), compute)

    def _remember(self, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        """``compute()`` kept under ``key`` (the last 64 such values; thread-safe enough: a value computed
        twice by two threads is the same)."""
        memo = self._memo
        if key in memo:
            return memo[key]  # type: ignore[no-any-return]  # stored by a compute() of this key
        value = compute()
        if len(memo) >= 64:
            memo.pop(next(iter(memo)), None)
        memo[key] = value
        return value

    def groups(self, by: By) -> tuple[np.ndarray, np.ndarray]:
        if by is None:
            return np.zeros(self.m, dtype=np.int64), np.array([ALL], dtype=object)
        if by == "rep":
            return self.rep_groups
        if by == "team":
            return self.team_groups
        raise ValueError(f"by must be None, 'rep' or 'team', not {by!r}")

    def rep_mask(self, rep_ids: Iterable[str] | None) -> np.ndarray:
        if rep_ids is None:
            return np.ones(self.m, dtype=bool)
        if isinstance(rep_ids, str):
            rep_ids = [rep_ids]
        codes, labels = self.rep_groups
        idx = pd.Index(labels).get_indexer(pd.Index([str(r) for r in rep_ids], dtype=object))
        lut = np.zeros(len(labels) + 1, dtype=bool)
        lut[idx[idx >= 0]] = True
        return lut[codes] if len(codes) else np.zeros(0, dtype=bool)


def _build(data: AnalysisData) -> Prepared:
    stages, opps, ev = data.stages, data.opportunities, data.events
    k, m = len(stages), len(opps)
    opp = ev["opp"].to_numpy(dtype=np.int64)
    stg = ev["stage"].to_numpy(dtype=np.int64)
    t = _i8(ev["entered_at"])
    keep = (t != NAT) & (opp >= 0) & (opp < m) & (stg >= 0) & (stg < k)
    if not keep.all():
        opp, stg, t = opp[keep], stg[keep], t[keep]
    if len(opp) > 1:  # the loader sorts; hand-built data might not
        d_opp = np.diff(opp)
        if (d_opp < 0).any() or ((d_opp == 0) & (np.diff(t) < 0)).any():
            order = np.lexsort((t, opp))
            opp, stg, t = opp[order], stg[order], t[order]
    first: np.ndarray = np.full(m * k, _BIG, dtype=np.int64)
    np.minimum.at(first, opp * k + stg, t)
    first = first.reshape(m, k)
    for arr in (opp, stg, t, first):
        arr.setflags(write=False)
    closed = _i8(opps["closed_at"]) if m else np.zeros(0, dtype=np.int64)
    closed.setflags(write=False)
    return Prepared(stages, data.reps, opps, opp, stg, t, first, closed)


def prepare(data: DataLike) -> Prepared:
    """The :class:`Prepared` form of ``data`` (kept in the snapshot's cache); a ``Prepared`` is returned as is."""
    if isinstance(data, Prepared):
        return data
    if not isinstance(data, AnalysisData):
        raise TypeError(f"expected AnalysisData or Prepared, got {type(data).__name__}")
    return data.cached("prepared", lambda: _build(data), on_patch=_patched)


def _patched(prep: Prepared, patch: Any) -> Prepared:
    """The prepared arrays of a patched snapshot (see :mod:`pdsa_desk.core.patching`): built again from its
    frames (~30 ms at 1M events), reusing the rep and team codes when no opportunity changed rep."""
    new = _build(patch.after)
    if not patch.appended and not patch.columns & {"rep_id", "team_id"}:
        for name in ("rep_groups", "team_groups"):
            if name in prep.__dict__:
                new.__dict__[name] = prep.__dict__[name]
    return new


def first_entries(data: DataLike) -> np.ndarray:
    """(m x k) int64 ns matrix of first entry per opportunity (row = code) and
    stage (column = position); ``NAT`` (``iinfo(int64).min``) where never
    entered. Read-only and shared: ``.view("datetime64[ns]")`` for datetimes."""
    return prepare(data).first


def transitions(data: DataLike) -> list[tuple[int, int]]:
    """The ``(from, to)`` stage positions that have a conversion transition."""
    prep = prepare(data)
    terminal = prep.stages["terminal"].astype(str).to_numpy()
    return [(s, s + 1) for s in range(prep.k - 1) if terminal[s] != "won"]


# --------------------------------------------------------------------------- #
# conversion cohorts
# --------------------------------------------------------------------------- #
def _earliest_after(fb: np.ndarray, F: np.ndarray, lo: int, hi: int | None = None) -> np.ndarray:
    """Per row: earliest first entry into stages ``lo..hi-1`` that is ``>= F``; _BIG if none."""
    L = fb[:, lo:hi]
    if L.shape[1] == 0:
        return np.full(len(F), _BIG, dtype=np.int64)
    earliest: np.ndarray = np.where(L >= F[:, None], L, _BIG).min(axis=1)
    return earliest


def _converted(F: np.ndarray, conv: np.ndarray, window_ns: int) -> np.ndarray:
    ok = (F != _BIG) & (conv != _BIG)
    out = np.zeros(len(F), dtype=bool)
    out[ok] = (conv[ok] - F[ok]) <= window_ns
    return out


def _period_code(ns: np.ndarray, period: Period, week_start: int) -> np.ndarray:
    if period == "week":
        return (ns // NS_PER_DAY + 3 - week_start) // 7  # 1970-01-01 was a Thursday
    if period == "month":
        return ns.view("datetime64[ns]").astype("datetime64[M]").astype(np.int64)
    raise ValueError(f"period must be 'week' or 'month', not {period!r}")


def _period_start_ns(code: np.ndarray, period: Period, week_start: int) -> np.ndarray:
    if period == "week":
        return (code * 7 - 3 + week_start) * NS_PER_DAY
    return code.view("datetime64[M]").astype("datetime64[ns]").view(np.int64)


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
) -> dict[str, np.ndarray] | None:
    mask = sel & (F != _BIG)
    code = _period_code(F[mask], period, week_start)
    conv = converted[mask]
    g = gcodes[mask]
    if start_ns is not None or end_ns is not None:
        lo = _period_code(np.array([start_ns]), period, week_start)[0] if start_ns is not None else None
        hi = _period_code(np.array([end_ns - 1]), period, week_start)[0] if end_ns is not None else None
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
    pstart = _period_start_ns(pcode, period, week_start)
    pend = _period_start_ns(pcode + 1, period, week_start)
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
) -> pd.DataFrame:
    """Conversion cohorts for one transition (``from_stage``) or all of them.

    Returns one row per transition x group x period with columns
    ``from_stage, to_stage, period, group, n, x, p, mature, period_end``
    (``period``/``period_end`` are UTC timestamps, ``period_end`` exclusive;
    ``group`` is a rep/team id, :data:`UNSPECIFIED` or :data:`ALL`), sorted by
    ``from_stage, group, period``. ``start``/``end`` keep the whole periods
    that overlap ``[start, end)``. ``rep_ids`` restricts to those reps'
    opportunities. With ``fill_periods`` every group gets a regular axis from
    its first to its last period (``n = x = 0``, ``p`` NaN in the gaps).
    """
    prep = prepare(data)
    week_start = _check_week_start(week_start)
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
    blocks = []
    for s, t in pairs:
        F, _conv_at, conv, window_ns = prep.conversion_inputs(s, as_of_ns)
        block = _cohort_block(
            F, conv, sel, gcodes, len(labels), window_ns=window_ns, period=period,
            week_start=week_start, start_ns=start_ns, end_ns=end_ns, as_of_ns=as_of_ns, fill=fill_periods,
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
    rows = rows[prep.rep_mask(rep_ids)[rows]]
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
    as_of_ns = _ts_ns(as_of)
    s, to_stage, F, conv_at, window_ns = _end_to_end_setup(prep, from_stage, as_of_ns, window_days)
    gcodes, labels = prep.groups(by)
    block = _cohort_block(
        F, _converted(F, conv_at, window_ns), prep.rep_mask(rep_ids), gcodes, len(labels),
        window_ns=window_ns, period=period, week_start=week_start, start_ns=_opt_ns(start),
        end_ns=_opt_ns(end), as_of_ns=as_of_ns, fill=fill_periods,
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

"""Pipeline metrics computed from :class:`~pdsa_desk.core.frames.AnalysisData`: the shared base.

This module holds what every metric starts from -- the prepared snapshot (:func:`prepare`,
:class:`Prepared`), the transitions that exist, the time converters and the conventions below. The
metrics themselves live beside it: conversion cohorts and end-to-end conversion in
:mod:`pdsa_desk.core.conversion`; what the pipeline holds at an instant and how long opportunities stay
(open-at, aging, WIP, time in stage, losses, the stage funnel) in :mod:`pdsa_desk.core.pipeline`.

Everything is counts and rates, vectorised over the whole event table with
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

Reuse
-----
:func:`prepare` turns an ``AnalysisData`` into a :class:`Prepared` (the
first-entry matrix, event arrays, group codes). It is computed once per
snapshot and kept in the snapshot's own cache (``AnalysisData.cached``, see
:mod:`pdsa_desk.core.derived`): it goes when the snapshot goes, and is
recomputed if any of its frames is swapped or changes length; the snapshot an
edit patches gets them patched, not built again (:mod:`pdsa_desk.core.prepared_patch`).
Every public function accepts either an ``AnalysisData`` or a ``Prepared``.
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
    "first_entries",
    "prepare",
    "transitions",
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
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    #: Values of :attr:`memo` that a patch carried from the snapshot before it, to start from when a value of their
    #: kind is asked for (see :func:`pdsa_desk.core.prepared_patch.from_nearby`).
    carried: dict[tuple[Any, ...], Any] = field(default_factory=dict, init=False, repr=False, compare=False)

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
        memo = self.memo
        if key in memo:
            return memo[key]  # type: ignore[no-any-return]  # stored by a compute() of this key
        from pdsa_desk.core.prepared_patch import from_nearby

        nearby = from_nearby(self, key)  # a value of the same kind at another instant, redone where it differs
        value: T = compute() if nearby is None else nearby
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

    def rep_mask(self, rep_ids: Iterable[str] | None, rows: np.ndarray | None = None) -> np.ndarray:
        """Which opportunities (of ``rows`` if given, else all) belong to one of ``rep_ids`` (None: every rep)."""
        if rep_ids is None:
            return np.ones(self.m if rows is None else len(rows), dtype=bool)
        if isinstance(rep_ids, str):
            rep_ids = [rep_ids]
        codes, labels = self.rep_groups
        if rows is not None:
            codes = codes[rows]
        idx = pd.Index(labels).get_indexer(pd.Index([str(r) for r in rep_ids], dtype=object))
        lut = np.zeros(len(labels) + 1, dtype=bool)
        lut[idx[idx >= 0]] = True
        return lut[codes] if len(codes) else np.zeros(0, dtype=bool)


def _build(data: AnalysisData) -> Prepared:
    """The prepared arrays of ``data``. The large ones are written into spare room
    (:mod:`pdsa_desk.core.spare_arrays`), so that once this snapshot is dropped the next edit's patch writes
    into pages already faulted in."""
    from pdsa_desk.core import spare_arrays

    stages, opps, ev = data.stages, data.opportunities, data.events
    k, m = len(stages), len(opps)
    opp = _spare(ev["opp"].to_numpy(), spare_arrays.empty)
    stg = _spare(ev["stage"].to_numpy(), spare_arrays.empty)
    t = _spare(_i8(ev["entered_at"]), spare_arrays.empty)
    keep = (t != NAT) & (opp >= 0) & (opp < m) & (stg >= 0) & (stg < k)
    if not keep.all():
        opp, stg, t = opp[keep], stg[keep], t[keep]
    if len(opp) > 1:  # the loader sorts; hand-built data might not
        d_opp = np.diff(opp)
        if (d_opp < 0).any() or ((d_opp == 0) & (np.diff(t) < 0)).any():
            order = np.lexsort((t, opp))
            opp, stg, t = opp[order], stg[order], t[order]
    first: np.ndarray = spare_arrays.empty(m * k, np.int64)
    first.fill(_BIG)
    np.minimum.at(first, opp * k + stg, t)
    first = first.reshape(m, k)
    for arr in (opp, stg, t, first):
        arr.setflags(write=False)
    closed = _i8(opps["closed_at"]) if m else np.zeros(0, dtype=np.int64)
    closed.setflags(write=False)
    return Prepared(stages, data.reps, opps, opp, stg, t, first, closed)


def _spare(values: np.ndarray, empty: Callable[[int, Any], np.ndarray]) -> np.ndarray:
    """``values`` as int64, in an array from ``empty``."""
    out = empty(len(values), np.int64)
    out[:] = values
    return out


def prepare(data: DataLike) -> Prepared:
    """The :class:`Prepared` form of ``data`` (kept in the snapshot's cache); a ``Prepared`` is returned as is."""
    if isinstance(data, Prepared):
        return data
    if not isinstance(data, AnalysisData):
        raise TypeError(f"expected AnalysisData or Prepared, got {type(data).__name__}")
    return data.cached("prepared", lambda: _build(data), on_patch=_patched)


def _patched(prep: Prepared, patch: Any) -> Prepared:
    """The prepared arrays of a patched snapshot (see :mod:`pdsa_desk.core.patching`): ``prep`` with the
    touched opportunities' rows and events replaced (:mod:`pdsa_desk.core.prepared_patch`)."""
    from pdsa_desk.core.prepared_patch import patch_prepared

    return patch_prepared(prep, patch)


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
# conversion inputs (kept per snapshot by Prepared.conversion_inputs)
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

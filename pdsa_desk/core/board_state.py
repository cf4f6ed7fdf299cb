"""What the board is computed from, kept with the snapshot and patched after an edit.

:func:`pdsa_desk.core.board.load_board` needs, besides the cards' amounts, two things that cost O(events)
to compute: where every open opportunity stands (:func:`~pdsa_desk.core.pipeline.open_at`) and the
stages' time-in-stage quantiles over every visit completed by ``as_of``
(:func:`~pdsa_desk.core.pipeline.time_in_stage`). A :class:`BoardState` holds both for one instant:
the open opportunities' codes, stages and entry times, and per stage the sorted durations of the
completed visits. It is kept in the snapshot's derived cache, and

* carried into a patched snapshot (:mod:`pdsa_desk.core.patching`): the touched opportunities' visits
  are taken out of the durations and the opportunities are marked *dirty*;
* brought forward to a later instant: when no event, opening or close of an opportunity that is not
  dirty falls between the two instants, nothing of theirs changed (a visit completes at an event or
  a close; an opportunity opens or closes at its times), so only the dirty opportunities are read again
  from the prepared arrays: their place on the board and their completed visits (inserted into the
  sorted durations).

Otherwise (an earlier instant, something happened in between) the state is computed from scratch. The
quantiles are then taken from the same multiset of durations as :func:`time_in_stage` takes them, so a
brought-forward board equals a fresh one (``tests/core/test_board_state.py``).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pdsa_desk.core.frames import AnalysisData
from pdsa_desk.core.metrics import NAT, NS_PER_DAY, Prepared, _i8, prepare
from pdsa_desk.core.pipeline import open_at

__all__ = ["BoardState", "board_state"]


@dataclass(frozen=True, eq=False)
class BoardState:
    """Where the open opportunities stand at ``as_of_ns`` and the completed visits' durations by then.

    ``rows``: the open opportunities' codes (ascending), ``stage`` and ``entered`` (int ns; NAT without a
    stage) theirs; ``durations[s]``: the days of the visits of stage ``s`` completed by ``as_of_ns``,
    sorted; ``dirty``: codes whose rows and visits are not in the state (an edit touched them since).
    """

    as_of_ns: int
    rows: np.ndarray
    stage: np.ndarray
    entered: np.ndarray
    durations: tuple[np.ndarray, ...]
    dirty: frozenset[int] = frozenset()

    def quantiles(self) -> tuple[np.ndarray, np.ndarray]:
        """(median, p85) days per stage; NaN for a stage without completed visits."""
        k = len(self.durations)
        med, p85 = np.full(k, np.nan), np.full(k, np.nan)
        for s, days in enumerate(self.durations):
            if len(days):
                med[s], p85[s] = np.quantile(days, [0.5, 0.85])
        return med, p85


@dataclass(eq=False)
class _Holder:
    """The latest state of one snapshot (a snapshot's cache keeps the first value stored under a key)."""

    state: BoardState | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


def _visit_days(prep: Prepared, lo: int, hi: int, as_of_ns: int) -> tuple[np.ndarray, np.ndarray]:
    """(stage, days) of the completed visits among events ``lo:hi`` by ``as_of_ns``, as
    :func:`~pdsa_desk.core.pipeline.time_in_stage` counts them."""
    end, t = prep.ev_end[lo:hi], prep.ev_t[lo:hi]
    ok = (end != NAT) & (end <= as_of_ns)
    dur = np.zeros(hi - lo, dtype=np.int64)
    dur[ok] = end[ok] - t[ok]
    ok &= dur >= 0
    return prep.ev_stage[lo:hi][ok], dur[ok] / NS_PER_DAY


def _fresh(prep: Prepared, as_of_ns: int) -> BoardState:
    rows, stage, entered = open_at(prep, as_of_ns)
    stg, days = _visit_days(prep, 0, len(prep.ev_t), as_of_ns)
    order = np.argsort(stg, kind="stable")  # small integers: a radix sort
    stg, days = stg[order], days[order]
    cuts = np.searchsorted(stg, np.arange(prep.k + 1))
    durations = tuple(np.sort(days[cuts[s]:cuts[s + 1]]) for s in range(prep.k))
    return BoardState(as_of_ns, rows, stage, entered, durations)


def _without(state: BoardState, prep: Prepared, codes: list[int]) -> BoardState:
    """``state`` with these opportunities' visits (as ``prep`` holds them) taken out and them marked dirty."""
    durations = [d for d in state.durations]
    for code in codes:
        lo, hi = int(np.searchsorted(prep.ev_opp, code, "left")), int(np.searchsorted(prep.ev_opp, code, "right"))
        for s, day in zip(*_visit_days(prep, lo, hi, state.as_of_ns), strict=True):
            d = durations[int(s)]
            at = int(np.searchsorted(d, day))
            if at < len(d) and d[at] == day:
                durations[int(s)] = np.delete(d, at)
    return BoardState(state.as_of_ns, state.rows, state.stage, state.entered, tuple(durations),
                      state.dirty | frozenset(codes))


def _carry(holder: _Holder, patch: Any) -> Any:
    """The holder of the patched snapshot: the state with the touched opportunities taken out."""
    with holder.lock:
        state = holder.state
    if state is None or patch.after.stages is not patch.before.stages:
        return _Holder()
    new_codes = [int(c) for c in patch.codes.tolist() if int(c) not in state.dirty]
    old = [c for c in new_codes if c < len(patch.before.opportunities)]
    state = _without(state, prepare(patch.before), old)
    return _Holder(BoardState(state.as_of_ns, state.rows, state.stage, state.entered, state.durations,
                              state.dirty | frozenset(new_codes)))


def _quiet_between(prep: Prepared, a: int, b: int, dirty: np.ndarray) -> bool:
    """Whether nothing happened in ``(a, b]`` to an opportunity that is not dirty: no event, no opening,
    no close."""
    def quiet(times: np.ndarray, codes: np.ndarray | None) -> bool:
        hit = np.flatnonzero((times > a) & (times <= b))
        if not len(hit):
            return True
        who = hit if codes is None else codes[hit]
        return bool(np.isin(who, dirty).all())

    opened = _i8(prep.opportunities["created_at"]) if prep.m else np.zeros(0, dtype=np.int64)
    return quiet(prep.ev_t, prep.ev_opp) and quiet(prep.closed, None) and quiet(opened, None)


def _brought_forward(state: BoardState, prep: Prepared, as_of_ns: int) -> BoardState | None:
    """``state`` at ``as_of_ns`` with its dirty opportunities read again; None when that would not equal a
    fresh computation (see the module docstring)."""
    if as_of_ns < state.as_of_ns:
        return None
    dirty = np.array(sorted(state.dirty), dtype=np.int64)
    if as_of_ns > state.as_of_ns and not _quiet_between(prep, state.as_of_ns, as_of_ns, dirty):
        return None
    if not len(dirty):
        return BoardState(as_of_ns, state.rows, state.stage, state.entered, state.durations)
    durations = list(state.durations)
    for code in dirty.tolist():
        lo, hi = int(np.searchsorted(prep.ev_opp, code, "left")), int(np.searchsorted(prep.ev_opp, code, "right"))
        for s, day in zip(*_visit_days(prep, lo, hi, as_of_ns), strict=True):
            d = durations[int(s)]
            durations[int(s)] = np.insert(d, int(np.searchsorted(d, day)), day)
    rows, stage, entered = _dirty_rows(prep, dirty, as_of_ns)
    keep = ~np.isin(state.rows, dirty)
    all_rows = np.concatenate([state.rows[keep], rows])
    order = np.argsort(all_rows, kind="stable")
    return BoardState(as_of_ns, all_rows[order], np.concatenate([state.stage[keep], stage])[order],
                      np.concatenate([state.entered[keep], entered])[order], tuple(durations))


def _dirty_rows(prep: Prepared, codes: np.ndarray, as_of_ns: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`open_at` for these opportunities alone."""
    opened = _i8(prep.opportunities["created_at"].iloc[codes])
    closed = prep.closed[codes]
    outcome = prep.outcome[codes]
    is_open = (opened != NAT) & (opened <= as_of_ns) & (
        ((closed == NAT) & (outcome == "open")) | ((closed != NAT) & (closed > as_of_ns)))
    stage = np.full(len(codes), -1, dtype=np.int64)
    entered = np.full(len(codes), NAT, dtype=np.int64)
    for i, code in enumerate(codes.tolist()):
        lo, hi = int(np.searchsorted(prep.ev_opp, code, "left")), int(np.searchsorted(prep.ev_opp, code, "right"))
        seen = np.flatnonzero(prep.ev_t[lo:hi] <= as_of_ns)
        if len(seen):
            stage[i], entered[i] = prep.ev_stage[lo + seen[-1]], prep.ev_t[lo + seen[-1]]
    return codes[is_open], stage[is_open], entered[is_open]


def board_state(data: AnalysisData, as_of_ns: int) -> BoardState:
    """The board's state of ``data`` at ``as_of_ns``: brought forward from the one kept with the snapshot
    when it can be (see the module docstring), else computed; kept for the next call."""
    holder = data.cached("board_state", _Holder, on_patch=_carry)
    with holder.lock:
        state = holder.state
    prep = prepare(data)
    new = _brought_forward(state, prep, as_of_ns) if state is not None else None
    if new is None:
        new = _fresh(prep, as_of_ns)
    with holder.lock:
        if holder.state is state:  # a newer one stored meanwhile wins
            holder.state = new
    return new

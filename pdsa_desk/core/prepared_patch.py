"""The prepared arrays of a patched snapshot, patched rather than built again.

An edit that changes a few opportunities (a stage move, a close, their undo; see
:mod:`pdsa_desk.core.patching`) leaves almost all of :class:`~pdsa_desk.core.metrics.Prepared` as it
was: :func:`patch_prepared` copies the arrays and replaces only the touched opportunities' rows of
``first_big``, ``closed`` and ``outcome`` and their blocks of events (events are sorted by opportunity,
so each opportunity's events are one block). Arrays derived lazily from those (``ev_end``,
``ev_is_last``, ``first``) are patched the same way when they were computed, and the values that
depend only on what the edit cannot touch (the stages' windows and won stage, the rep and team codes
while nobody changed rep) are carried as they are.

At 1M events this is a few copies of the event arrays (~10 ms) instead of ``_build`` (the datetime
conversion and ``np.minimum.at`` over every event). The copies are written into spare room
(:mod:`pdsa_desk.core.spare_arrays`): buffers over-allocated once and written again only when no reader holds
them, so a patch does not fault in ~70 MB of fresh pages (which made it 5-20x slower). The result equals a
fresh ``_build`` of the new snapshot (``tests/core/test_patching_prepared.py`` compares every array after
moves, closes, reopens, undo, redo, new opportunities, many moves in a row, spare room exhausted, and checks
that a reader of an older snapshot sees it unchanged).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from pdsa_desk.core import spare_arrays
from pdsa_desk.core.metrics import _BIG, NAT, Prepared, _build, _converted, _earliest_after, _i8

if TYPE_CHECKING:
    from pdsa_desk.core.patching import Patch

__all__ = ["patch_prepared"]

#: Lazily computed values that do not depend on anything an opportunity patch changes.
_STAGE_ONLY = ("window_days", "won")


def patch_prepared(prep: Prepared, patch: Patch) -> Prepared:
    """``prep`` (of ``patch.before``) as it is for ``patch.after``; built again when the snapshots differ in
    what a patch does not change (the stages) or ``prep`` was built from other frames."""
    before, after = patch.before, patch.after
    if (prep.opportunities is not before.opportunities or after.stages is not before.stages
            or len(after.opportunities) != prep.m + patch.appended):
        return _build(after)
    codes = np.asarray(patch.codes, dtype=np.int64)
    m_new, k = len(after.opportunities), prep.k
    blocks = _new_blocks(after, codes, k)
    ev = _splice_events(prep, codes, blocks)

    first_big = spare_arrays.empty((m_new, k), np.int64)
    first_big[: prep.m] = prep.first_big
    closed = spare_arrays.empty(m_new, np.int64)
    closed[: prep.m] = prep.closed
    closed[codes] = _i8(after.opportunities["closed_at"].iloc[codes]) if len(codes) else closed[codes]
    for code, (stg, t) in zip(codes.tolist(), blocks, strict=True):
        row = np.full(k, _BIG, dtype=np.int64)
        np.minimum.at(row, stg, t)
        first_big[code] = row
    for arr in (*ev, first_big, closed):
        arr.setflags(write=False)
    new = Prepared(prep.stages, after.reps, after.opportunities, ev[0], ev[1], ev[2], first_big, closed)
    _carry_lazy(prep, new, patch, codes, blocks)
    _carry_per_instant(prep, new, codes)
    return new


def _new_blocks(after: Any, codes: np.ndarray, k: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per touched code (ascending): its events in the new snapshot as ``_build`` keeps them (stage
    positions, int ns; sorted by time, ties as stored)."""
    events = after.events
    opp, stages = events["opp"].to_numpy(), events["stage"].to_numpy()
    out = []
    for code in codes.tolist():
        key = opp.dtype.type(code)  # searching with another type would convert the whole column first
        lo, hi = int(np.searchsorted(opp, key, "left")), int(np.searchsorted(opp, key, "right"))
        stg = stages[lo:hi].astype(np.int64)
        t = _i8(events["entered_at"].iloc[lo:hi]) if hi > lo else np.zeros(0, dtype=np.int64)
        keep = (t != NAT) & (stg >= 0) & (stg < k)
        stg, t = stg[keep], t[keep]
        order = np.argsort(t, kind="stable")
        out.append((stg[order], t[order]))
    return out


def _bounds(prep: Prepared, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.searchsorted(prep.ev_opp, codes, "left"), np.searchsorted(prep.ev_opp, codes, "right")


def _splice(old: np.ndarray, lo: np.ndarray, hi: np.ndarray, new: list[np.ndarray]) -> np.ndarray:
    """``old`` with ``old[lo[i]:hi[i]]`` replaced by ``new[i]`` (the ranges ascending and disjoint), written into
    spare room (:mod:`pdsa_desk.core.spare_arrays`) rather than fresh pages; read-only."""
    los, his = lo.tolist(), hi.tolist()
    out = spare_arrays.empty(len(old) + sum(len(n) for n in new) - sum(his) + sum(los), old.dtype)
    start = at = 0
    for n, low, h in zip(new, los, his, strict=True):
        out[at: at + low - start] = old[start:low]
        at += low - start
        out[at: at + len(n)] = n
        at += len(n)
        start = h
    out[at:] = old[start:]
    out.setflags(write=False)
    return out


def _splice_events(prep: Prepared, codes: np.ndarray,
                   blocks: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = _bounds(prep, codes)
    opp = _splice(prep.ev_opp, lo, hi, [np.full(len(t), c, dtype=np.int64) for c, (_s, t) in
                                        zip(codes.tolist(), blocks, strict=True)])
    stage = _splice(prep.ev_stage, lo, hi, [s for s, _t in blocks])
    t = _splice(prep.ev_t, lo, hi, [t for _s, t in blocks])
    return opp, stage, t


def _carry_lazy(prep: Prepared, new: Prepared, patch: Patch, codes: np.ndarray,
                blocks: list[tuple[np.ndarray, np.ndarray]]) -> None:
    """Put into ``new`` the lazily computed values of ``prep`` that are cheap to patch or do not change."""
    old = prep.__dict__
    for name in _STAGE_ONLY:
        if name in old:
            new.__dict__[name] = old[name]
    if not patch.appended and not patch.columns & {"rep_id", "team_id"}:
        for name in ("rep_groups", "team_groups"):
            if name in old:
                new.__dict__[name] = old[name]
    if "outcome" in old:
        if not patch.appended and "outcome" not in patch.columns:
            new.__dict__["outcome"] = old["outcome"]
        else:
            outcome = np.empty(new.m, dtype=old["outcome"].dtype)
            outcome[: prep.m] = old["outcome"]
            outcome[codes] = new.opportunities["outcome"].iloc[codes].astype(str).to_numpy()
            new.__dict__["outcome"] = outcome
    if "first" in old:
        first = spare_arrays.empty(new.first_big.shape, new.first_big.dtype)
        first[: prep.m] = old["first"]
        rows = new.first_big[codes]
        first[codes] = np.where(rows == _BIG, NAT, rows)
        first.setflags(write=False)
        new.__dict__["first"] = first
    lo, hi = _bounds(prep, codes)
    if "ev_end" in old:
        ends = []
        for code, (_s, t) in zip(codes.tolist(), blocks, strict=True):
            end = np.full(len(t), NAT, dtype=np.int64)
            if len(t):
                end[:-1] = t[1:]
                end[-1] = new.closed[code]
            ends.append(end)
        new.__dict__["ev_end"] = _splice(old["ev_end"], lo, hi, ends)
    if "ev_is_last" in old:
        lasts = []
        for _s, t in blocks:
            last = np.zeros(len(t), dtype=bool)
            last[-1:] = True
            lasts.append(last)
        new.__dict__["ev_is_last"] = _splice(old["ev_is_last"], lo, hi, lasts)


#: Per-instant values (``Prepared.memo``, keyed ``(kind, ..., as_of_ns)``) in which each opportunity's row depends
#: on its own first entries up to the instant alone. So the value at instant *b* is the value at another instant *a*
#: -- of this snapshot, or of the one before a patch -- with only some rows redone: the opportunities the patch
#: touched, when no other opportunity has a first entry between *a* and *b*. The window's clock moves on at every
#: edit, so a hidden Charts view's series after a board move asked for a new instant each time and spent 45-70 ms
#: of its 60-100 in ``conversion_inputs`` over all 200,000 opportunities at 1M events (issue #16, stop 24).
_ROW_WISE = ("first_as_of", "conversion_inputs")
#: At most this many of the newest values of a kind (and stage) are tried as the start of another (each try reads
#: every first entry once, ~1-3 ms at 1M events), and so only these are carried through a patch: each holds arrays of
#: an earlier snapshot (``first_as_of`` 11 MB at 1M events), and keeping the newest 16 of any kind added ~100 MB to
#: the peak of a session of edits.
NEARBY_TRIED = 2


@dataclass(frozen=True)
class _Source:
    """A per-instant value (``base``, over ``base_m`` opportunities) and the rows in which the snapshot that uses it
    may differ from the one it was computed for (every row appended since among them)."""

    base: Any
    base_m: int
    rows: frozenset[int]


def _carry_per_instant(prep: Prepared, new: Prepared, codes: np.ndarray) -> None:
    """Carry ``prep``'s row-wise per-instant values into ``new`` as sources (see :func:`from_nearby`); and its latest
    first entry when an untouched opportunity holds it."""
    rows = frozenset(codes.tolist())  # the appended rows are among the patch's codes
    if not len(codes) or not set(range(prep.m, new.m)) <= rows:
        return
    # Copied in one C call each (list() of a dict's items holds the GIL throughout): another thread may be adding
    # to the memo of ``prep`` (a reader of the earlier snapshot), and iterating it here would then fail.
    carried, memo = list(prep.carried.items()), list(prep.memo.items())
    sources = {key: _Source(source.base, source.base_m, source.rows | rows) for key, source in carried}
    sources.update({key: _Source(value, prep.m, rows) for key, value in memo if key[0] in _ROW_WISE})
    per_kind: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for key in sources:  # oldest first
        per_kind.setdefault(key[:-1], []).append(key)
    new.carried.update({key: sources[key] for keys in per_kind.values() for key in keys[-NEARBY_TRIED:]})
    latest = prep.__dict__.get("latest_first")
    if latest is not None and latest != NAT:
        old_rows = prep.first_big[codes[codes < prep.m]]
        if not (old_rows[old_rows != _BIG] >= latest).any():  # the latest is an untouched opportunity's
            new_rows = new.first_big[codes]
            new.__dict__["latest_first"] = max(latest, int(new_rows[new_rows != _BIG].max(initial=NAT)))


def from_nearby(prep: Prepared, key: tuple[Any, ...]) -> Any:
    """The per-instant value ``key`` of ``prep`` made from one of the same kind at a nearby instant (see
    :data:`_ROW_WISE`), or None when there is none to start from (then it is computed in full)."""
    if key[0] not in _ROW_WISE:
        return None
    head, instant = key[:-1], key[-1]
    carried, memo = list(prep.carried.items()), list(prep.memo.items())  # one C call each: see _carry_per_instant
    sources = [(k, source) for k, source in carried if k[:-1] == head]
    sources += [(k, _Source(v, prep.m, frozenset())) for k, v in memo if k[:-1] == head]
    for k, source in reversed(sources[-NEARBY_TRIED:]):  # the newest first
        if _quiet_between(prep, k[-1], instant, source.rows):
            return _redo_rows(prep, key, source)
    return None


def _quiet_between(prep: Prepared, a: int, b: int, rows: frozenset[int]) -> bool:
    """Whether no opportunity outside ``rows`` has a first entry in (min(a, b), max(a, b)]."""
    lo, hi = min(a, b), max(a, b)
    if lo == hi:
        return True
    fb = prep.first_big
    between = int(np.count_nonzero((fb > lo) & (fb <= hi)))
    if between and rows:
        touched = fb[np.fromiter(rows, dtype=np.int64, count=len(rows))]
        between -= int(np.count_nonzero((touched > lo) & (touched <= hi)))
    return between == 0


def _redo_rows(prep: Prepared, key: tuple[Any, ...], source: _Source) -> Any:
    rows = np.fromiter(sorted(source.rows), dtype=np.int64, count=len(source.rows))
    if key[0] == "first_as_of":
        as_of_ns = key[1]
        out = np.empty_like(prep.first_big)
        out[: source.base_m] = source.base
        touched = prep.first_big[rows]
        out[rows] = np.where(touched > as_of_ns, _BIG, touched)
        out.setflags(write=False)
        return out
    _kind, s, as_of_ns = key
    _entries, old_conv, old_converted, window_ns = source.base
    first = prep.first_as_of(as_of_ns)
    F = first[:, s]  # noqa: N806 - the name metrics gives it
    conv_at = np.empty(prep.m, dtype=np.int64)
    conv_at[: source.base_m] = old_conv
    converted = np.empty(prep.m, dtype=bool)
    converted[: source.base_m] = old_converted
    if len(rows):
        conv_at[rows] = _earliest_after(first[rows], F[rows], s + 1)
        converted[rows] = _converted(F[rows], conv_at[rows], window_ns)
    conv_at.setflags(write=False)
    converted.setflags(write=False)
    return F, conv_at, converted, window_ns

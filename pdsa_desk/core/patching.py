"""Edits applied to an analysis snapshot instead of reloading it.

An edit made in the app says what it changed (:class:`~pdsa_desk.core.changes.Change`): a stage move, a
close, a reopen, and their undo and redo, change the row and the events of one opportunity; a cycle, an observation, a
session mark or the settings change nothing an :class:`~pdsa_desk.core.frames.AnalysisData` holds;
anything else (stages, reps, an import, a merge) may change everything, and the snapshot is loaded
again.

:func:`patch_analysis` builds the next snapshot from the current one and the changed opportunities' rows
and live events, re-read from the database (two indexed queries, however large the workspace):

* the opportunities frame keeps its rows in place (a new opportunity is appended, as a load would put
  it last); only the columns whose values changed are copied;
* each changed opportunity's block of events (events are sorted by opportunity, then time) is replaced
  by its events as read now;
* the derived values of the old snapshot that say how (``on_patch``, see
  :mod:`pdsa_desk.core.derived`) are carried into the new one with the :class:`Patch` that describes
  the difference: the prepared arrays are patched (:mod:`pdsa_desk.core.prepared_patch`),
  a chart series is kept when neither its scope nor its transition was touched.

The result equals what :func:`~pdsa_desk.core.frames.load_analysis_data` would read (tests compare them
after moves, closes, reopens, undos, redos and new opportunities). Where a patch cannot give that --
an opportunity was deleted (every later code would shift) -- :func:`patch_analysis` returns None and the
caller loads the workspace again.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pdsa_desk.core import spare_arrays
from pdsa_desk.core.derived import DROP
from pdsa_desk.core.frames import AnalysisData, _utc

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = ["Patch", "apply_rows", "patch_analysis", "read_rows", "reserve_room"]


@dataclass(frozen=True, eq=False)
class Patch:
    """The difference between two snapshots made by :func:`apply_rows`.

    ``codes``: opportunity codes (rows of ``after.opportunities``) whose row or events changed;
    ``appended``: how many of them are new (the last rows); ``rep_ids``: their reps before and after
    (None for no rep); ``stages``: stage positions whose first entry changed for one of them;
    ``columns``: opportunity columns that changed; ``events``: whether any event changed.
    """

    before: AnalysisData
    after: AnalysisData
    codes: np.ndarray
    appended: int = 0
    rep_ids: frozenset[Any] = frozenset()
    stages: frozenset[int] = frozenset()
    columns: frozenset[str] = frozenset()
    events: bool = False
    #: The latest time of an event added (int ns UTC), or None.
    newest_event_ns: int | None = field(default=None)

    def touches_reps(self, rep_ids: Collection[str] | None) -> bool:
        """Whether an opportunity of these reps (None: of anyone) changed."""
        if not len(self.codes):
            return False
        return rep_ids is None or bool(self.rep_ids & set(rep_ids))

    def first_entries_changed_from(self, stage: int) -> bool:
        """Whether a first entry into ``stage`` or a later stage changed: the conversion out of ``stage``
        (its cohort, or where its cohort went) may differ."""
        return any(s >= stage for s in self.stages)


# --------------------------------------------------------------------------- #
# reading the changed rows
# --------------------------------------------------------------------------- #
_OPPORTUNITY_SQL = (
    "SELECT o.id, o.name, o.rep_id, r.team_id, o.outcome, o.opened_at, o.closed_at, l.name, o.source, "
    "o.deleted_at, o.channel FROM opportunity o LEFT JOIN rep r ON r.id = o.rep_id "
    "LEFT JOIN loss_reason l ON l.id = o.loss_reason_id WHERE o.id IN :ids"
)

_EVENTS_SQL = ("SELECT opportunity_id, stage_id, entered_at FROM stage_event WHERE deleted_at IS NULL "
               "AND opportunity_id IN :ids ORDER BY ")


def read_rows(ws: Workspace,
              opportunity_ids: Iterable[str]) -> tuple[dict[str, tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The rows of these opportunities (id -> row, deleted ones included) and their live events
    ``(opportunity_id, stage_id, entered_at)`` in the order a load sorts them: by time, then as stored."""
    from sqlalchemy import bindparam, text

    ids = sorted({str(i) for i in opportunity_ids})
    if not ids:
        return {}, []
    order = "entered_at, rowid" if ws.engine.dialect.name == "sqlite" else "entered_at, id"
    with ws.engine.connect() as conn:
        opps = conn.execute(text(_OPPORTUNITY_SQL).bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        rows = {str(r[0]): tuple(r) for r in opps}
        events = conn.execute(text(_EVENTS_SQL + order).bindparams(bindparam("ids", expanding=True)), {"ids": ids})
        return rows, [tuple(e) for e in events]


def patch_analysis(ws: Workspace, data: AnalysisData, opportunity_ids: Iterable[str]) -> AnalysisData | None:
    """The snapshot ``data`` with these opportunities as the database holds them now; None when that
    takes a full load (see the module docstring)."""
    ids = {str(i) for i in opportunity_ids}
    rows, events = read_rows(ws, ids)
    return apply_rows(data, ids, rows, events)


def reserve_room(data: AnalysisData) -> int:
    """Fault in spare room for the arrays a patch of ``data`` writes (:func:`pdsa_desk.core.spare_arrays.reserve`):
    run beside an edit's write, so that the patch after it does not wait for fresh pages. Returns how many
    buffers were made. One at a time (a second caller waits, then finds the room the first made).

    It also builds the snapshot's id -> code lookup (:func:`_opportunity_index`, with its hash table) that the
    patch starts with: at 200,000 opportunities that took ~30 ms of the first edit's patch (measured in the app,
    stop 26), while the write beside it mostly waits on the database."""
    with _RESERVING:
        index = _opportunity_index(data)
        if len(index):
            _code_of(index, index[0])  # the first lookup fills the hash table; later ones reuse it
        return _reserve_room(data)


_RESERVING = threading.Lock()


def _reserve_room(data: AnalysisData) -> int:
    from pdsa_desk.core import spare_arrays

    arrays = [data.events["opp"].to_numpy(), data.events["stage"].to_numpy(),
              np.asarray(data.events["entered_at"].array.asi8)]
    if data.is_cached("prepared"):
        from pdsa_desk.core.metrics import prepare

        prep = prepare(data)
        arrays += [prep.ev_opp, prep.ev_stage, prep.ev_t, prep.first_big, prep.closed]
        arrays += [prep.__dict__[name] for name in ("first", "ev_end", "ev_is_last") if name in prep.__dict__]
    return spare_arrays.reserve(arrays)


# --------------------------------------------------------------------------- #
# building the next snapshot
# --------------------------------------------------------------------------- #
_OPP_COLUMNS = ("id", "name", "rep_id", "team_id", "outcome", "created_at", "closed_at", "loss_reason", "source",
                "channel")
_TIME_COLUMNS = ("created_at", "closed_at")


def _opportunity_index(data: AnalysisData) -> pd.Index:
    """id -> code of the snapshot's opportunities (kept; carried over while no opportunity is added)."""

    def carry(index: pd.Index, patch: Patch) -> Any:
        return DROP if patch.appended else index

    return data.cached("opportunity_index", lambda: pd.Index(data.opportunities["id"].to_numpy(dtype=object)),
                       on_patch=carry)


def _code_of(index: pd.Index, opp_id: str) -> int:
    """The code of an opportunity id, -1 if the snapshot does not hold it. ``get_loc`` uses the index's hash
    table once built; ``get_indexer`` would spend ~0.1 s per call at 200,000 opportunities."""
    try:
        code = index.get_loc(opp_id)
    except KeyError:
        return -1
    return int(code) if isinstance(code, (int, np.integer)) else -1


def _ns(values: list[Any]) -> np.ndarray:
    """int64 ns UTC of times as the database returns them (NaT for None)."""
    if not values:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(_utc(list(values)).array.asi8, dtype=np.int64)


def _utc_series(ns: np.ndarray) -> pd.Series:
    """int64 ns UTC (NaT as the int64 minimum) as a UTC datetime Series over the same memory: ``tz_localize``
    copies and checks every value (3 ms at 1M events on an idle machine, 14 ms under load) although UTC
    needs no conversion. Equal to ``pd.Series(pd.DatetimeIndex(...).tz_localize("UTC"))``
    (tests/core/test_patching.py)."""
    values = ns.view("datetime64[ns]")
    wrap = getattr(pd.arrays.DatetimeArray, "_simple_new", None)  # no public constructor skips the pass
    if wrap is None:  # a pandas without it: the public, slower way
        return pd.Series(pd.DatetimeIndex(values).tz_localize("UTC"))
    return pd.Series(wrap(values, dtype=pd.DatetimeTZDtype("ns", "UTC")), copy=False)


def _first_entries(stages: np.ndarray, ns: np.ndarray) -> dict[int, int]:
    first: dict[int, int] = {}
    for s, t in zip(stages.tolist(), ns.tolist(), strict=True):
        if s not in first or t < first[s]:
            first[s] = t
    return first


def apply_rows(data: AnalysisData, ids: Collection[str], rows: dict[str, tuple[Any, ...]],
               events: list[tuple[Any, ...]]) -> AnalysisData | None:
    """The next snapshot, from the rows :func:`read_rows` returned for ``ids`` (see :func:`patch_analysis`).
    Returns ``data`` itself when nothing it holds changed."""
    opps = data.opportunities
    m = len(opps)
    index = _opportunity_index(data)
    codes: dict[str, int] = {}
    appended: list[str] = []
    for opp_id in sorted(ids):
        row = rows.get(opp_id)
        live = row is not None and row[9] is None
        code = _code_of(index, opp_id)
        if code >= 0 and not live:
            return None  # deleted: the codes after it would shift
        if code >= 0:
            codes[opp_id] = code
        elif live:
            appended.append(opp_id)
    for k, opp_id in enumerate(appended):
        codes[opp_id] = m + k
    if not codes:
        return data

    new_opps, columns, reps = _patched_opportunities(opps, codes, rows, appended)
    new_events, stages, newest = _patched_events(data, codes, events)
    if new_opps is None and new_events is None and not appended:
        return data
    after = AnalysisData(stages=data.stages, reps=data.reps, opportunities=opps if new_opps is None else new_opps,
                         events=data.events if new_events is None else new_events)
    patch = Patch(before=data, after=after, codes=np.array(sorted(codes.values()), dtype=np.int64),
                  appended=len(appended), rep_ids=frozenset(reps), stages=frozenset(stages),
                  columns=frozenset(columns), events=new_events is not None, newest_event_ns=newest)
    data.cache.carry_into(after.cache, after._base(), patch)  # noqa: SLF001 - the snapshot's own module pair
    return after


def _row_values(row: tuple[Any, ...]) -> dict[str, Any]:
    return {"id": row[0], "name": row[1], "rep_id": row[2], "team_id": row[3], "outcome": row[4],
            "created_at": row[5], "closed_at": row[6], "loss_reason": row[7], "source": row[8],
            "channel": row[10]}


def _patched_opportunities(opps: pd.DataFrame, codes: dict[str, int], rows: dict[str, tuple[Any, ...]],
                           appended: list[str]) -> tuple[pd.DataFrame | None, set[str], set[Any]]:
    """(the new frame or None if unchanged, the columns that changed, the reps before and after)."""
    m = len(opps)
    values = {opp_id: _row_values(rows[opp_id]) for opp_id in codes}
    reps: set[Any] = set()
    rep_column = opps["rep_id"]
    for opp_id, code in codes.items():
        if code < m:
            old_rep: Any = rep_column.iat[code]
            reps.add(None if pd.isna(old_rep) else old_rep)
        reps.add(values[opp_id]["rep_id"])
    new_columns: dict[str, Any] = {}
    changed: set[str] = set()
    order = sorted(codes, key=codes.__getitem__)
    present = [name for name in _OPP_COLUMNS if name in opps.columns]  # hand-built frames may lack ``channel``
    for name in present:
        column = opps[name]
        new: np.ndarray
        same: np.ndarray
        at = np.array([codes[i] for i in order], dtype=np.int64)
        inside = at < m
        # Only the touched rows are read: converting a whole column of 200,000 strings costs ~20 ms.
        if name in _TIME_COLUMNS:
            new = _ns([values[i][name] for i in order])
            same = np.asarray(column.array.asi8, dtype=np.int64)[at[inside]] == new[inside]
        else:
            new = np.array([values[i][name] for i in order], dtype=object)
            old = column.iloc[at[inside]].to_numpy(dtype=object)
            same = np.array([_same(o, n) for o, n in zip(old, new[inside], strict=True)], dtype=np.bool_)
        if same.all() and not appended:
            continue
        changed.add(name)
        new_columns[name] = _set_values(column, at, new, m + len(appended))
    if not changed and not appended:
        return None, changed, reps
    frame = pd.DataFrame({name: new_columns.get(name, opps[name]) for name in present})
    return frame, changed, reps


def _same(old: Any, new: Any) -> bool:
    if old is None or (isinstance(old, float) and np.isnan(old)):
        return new is None
    return bool(old == new)


def _set_values(column: pd.Series, at: np.ndarray, new: np.ndarray, length: int) -> pd.Series:
    """``column`` with ``new`` at rows ``at`` (rows past the end are appended)."""
    if column.dtype.kind == "M":
        ns = np.full(length, np.iinfo(np.int64).min, dtype=np.int64)
        ns[: len(column)] = column.array.asi8
        ns[at] = new
        return _utc_series(ns)
    values = np.empty(length, dtype=object)
    values[: len(column)] = column.to_numpy(dtype=object)
    values[at] = new
    if column.dtype == object:  # what a load puts where a value is missing
        missing = pd.isna(values)
        values[missing] = np.nan if (~missing).any() else None
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=column.dtype)


def _patched_events(data: AnalysisData, codes: dict[str, int],
                    events: list[tuple[Any, ...]]) -> tuple[pd.DataFrame | None, set[int], int | None]:
    """(the new events frame or None if unchanged, the stages whose first entry changed, the latest new
    event time)."""
    ev = data.events
    opp = ev["opp"].to_numpy()
    stage = ev["stage"].to_numpy()
    ns = np.asarray(ev["entered_at"].array.asi8, dtype=np.int64)
    position = {sid: k for k, sid in enumerate(data.stages["id"].tolist())}
    by_code: dict[int, list[tuple[int, Any]]] = {code: [] for code in codes.values()}
    for opp_id, stage_id, entered in events:
        pos = position.get(stage_id)
        if pos is not None and str(opp_id) in codes:  # events of deleted stages are not evidence
            by_code[codes[str(opp_id)]].append((pos, entered))
    pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    changed_stages: set[int] = set()
    newest: int | None = None
    start = 0
    any_change = False
    for code in sorted(by_code):
        key = opp.dtype.type(code)  # a Python int would make numpy convert the whole int32 column (3 ms a call)
        lo, hi = int(np.searchsorted(opp, key, "left")), int(np.searchsorted(opp, key, "right"))
        new_stage = np.array([p for p, _ in by_code[code]], dtype=np.int16)
        new_ns = _ns([t for _, t in by_code[code]])
        order = np.argsort(new_ns, kind="stable")  # read by time already; equal text times stay as stored
        new_stage, new_ns = new_stage[order], new_ns[order]
        if np.array_equal(stage[lo:hi], new_stage) and np.array_equal(ns[lo:hi], new_ns):
            continue
        any_change = True
        before, after = _first_entries(stage[lo:hi], ns[lo:hi]), _first_entries(new_stage, new_ns)
        changed_stages |= {s for s in before.keys() | after.keys() if before.get(s) != after.get(s)}
        added = set(zip(new_stage.tolist(), new_ns.tolist(), strict=True)) - set(
            zip(stage[lo:hi].tolist(), ns[lo:hi].tolist(), strict=True))
        if added:
            latest = max(t for _, t in added)
            newest = latest if newest is None else max(newest, latest)
        pieces.append((opp[start:lo], stage[start:lo], ns[start:lo]))
        pieces.append((np.full(len(new_ns), code, dtype=opp.dtype), new_stage, new_ns))
        start = hi
    if not any_change:
        return None, changed_stages, newest
    pieces.append((opp[start:], stage[start:], ns[start:]))
    frame = pd.DataFrame({"opp": _joined([p[0] for p in pieces], np.int32),
                          "stage": _joined([p[1] for p in pieces], np.int16),
                          "entered_at": _utc_series(_joined([p[2] for p in pieces], np.int64))},
                         copy=False)  # over the joined arrays: a copy would fault in fresh pages again
    return frame, changed_stages, newest


def _joined(pieces: list[np.ndarray], dtype: Any) -> np.ndarray:
    """The pieces one after another, in spare room (:mod:`pdsa_desk.core.spare_arrays`) rather than fresh pages."""
    out = spare_arrays.empty(sum(len(p) for p in pieces), dtype)
    at = 0
    for p in pieces:
        out[at: at + len(p)] = p
        at += len(p)
    return out

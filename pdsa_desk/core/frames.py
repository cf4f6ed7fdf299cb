"""The analysis frames: the whole workspace as a few column-typed pandas frames.

Metrics never loop over ORM rows. They work on :class:`AnalysisData`, which the
database layer builds with one SQL query per table (see ``load_analysis_data``)
and which tests can build by hand from small, readable tables.

Contract (all timestamps are ``datetime64[ns, UTC]``):

``stages``
    One row per live stage, index ``0..k-1`` = the stage's position in the
    workspace order. Columns: ``id`` (str), ``name`` (str), ``window_days``
    (int, conversion window), ``wip_limit`` (float, NaN = no limit),
    ``terminal`` (str: ``"none"`` or ``"won"``).
``reps``
    One row per rep (including inactive). Columns: ``id`` (str), ``name`` (str),
    ``team_id`` (str or None), ``team_name`` (str or None), ``active`` (bool).
``opportunities``
    One row per live opportunity, index ``0..m-1`` = the opportunity code used
    by ``events.opp``. Columns: ``id`` (str), ``name`` (str), ``rep_id`` (str or
    None), ``team_id`` (str or None), ``outcome`` (str: ``open``/``won``/``lost``),
    ``created_at``, ``closed_at`` (NaT while open), ``loss_reason`` (str or
    None), ``source`` (str or None), ``channel`` (str or None, as stored: lead source / channel). Frames
    built by hand may leave ``channel`` out (read as no channel).
``events``
    One row per live stage event. Columns: ``opp`` (int32 code into
    ``opportunities``), ``stage`` (int16 position into ``stages``),
    ``entered_at``. Sorted by ``opp`` then ``entered_at``. Events whose stage is
    deleted are dropped by the loader.

How the events are read (the bulk of a large workspace; see docs/performance.md)
--------------------------------------------------------------------------------

A list of a million ``(opportunity_id, stage_id, entered_at)`` tuples of Python
strings is what made loading slow and memory-hungry, so on SQLite the event table
is read without creating a Python object per event: one query per range of rowids
returns the range as three blobs of fixed-width values (the 36-character
opportunity ids, the stages' positions as four digits computed by a ``CASE`` over
the live stage ids, and the 26-character timestamps SQLAlchemy writes), with SQLite's
count of the events whose id and time have those lengths. numpy
then decodes the blobs column-wise: timestamps with ``datetime64`` parsing, ids by
matching their bytes against the opportunities' ids (a 64-bit hash as the lookup
key, then an exact comparison of all 36 bytes). A range whose values do not all
have that shape (an id that is not 36 characters, a timestamp written in another
form) is read row by row instead, with exactly the old semantics. PostgreSQL hands
over the same records (see :mod:`pdsa_desk.core.frames_pg`). Reading in ranges also makes a load cheap to abandon
(``cancelled``). A workspace *file* at start-up has its events read on a second connection and thread while the
first reads the opportunities (:mod:`pdsa_desk.core.events_ahead`), and the opportunities' columns come as
JSON arrays built by SQLite: both keep SQLite's work off the GIL (:mod:`pdsa_desk.core.frames_sqlite`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pdsa_desk.core import frames_pg, frames_sqlite
from pdsa_desk.core.derived import DerivedCache

if TYPE_CHECKING:  # pandas is heavy; importers that only need the type pay nothing
    import numpy as np
    import pandas as pd

    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.events_ahead import EventsAhead

    #: A column of values as read: an object array, or the list JSON gave.
    _Column = Sequence[Any] | np.ndarray

T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class AnalysisData:
    """A read-only snapshot of a workspace for metrics (see module docstring).

    The four frames are the *base* of the snapshot; what is computed from them and kept lives in
    :attr:`cache` (see :mod:`pdsa_desk.core.derived`), so it goes when the snapshot goes. A copy made
    with :func:`dataclasses.replace` is a new snapshot with an empty cache. Compared by identity.
    """

    stages: pd.DataFrame
    reps: pd.DataFrame
    opportunities: pd.DataFrame
    events: pd.DataFrame
    #: The values derived from this snapshot (read them through :meth:`cached`).
    cache: DerivedCache = field(default_factory=DerivedCache, init=False, repr=False, compare=False)

    def _base(self) -> tuple[object, ...]:
        frames = (self.stages, self.reps, self.opportunities, self.events)
        return tuple((id(f), len(f), len(f.columns)) for f in frames)

    def cached(self, key: Hashable, compute: Callable[[], T], *, bound: int | None = None,
               on_patch: Callable[[T, Any], T] | None = None) -> T:
        """The derived value ``key`` of this snapshot, computed by ``compute()`` once (see
        :meth:`DerivedCache.get`; ``bound`` limits how many values of the key's kind are kept;
        ``on_patch(value, patch)`` carries it into a patched snapshot, see :mod:`pdsa_desk.core.derived`)."""
        return self.cache.get(self._base(), key, compute, bound=bound, on_patch=on_patch)

    def is_cached(self, key: Hashable) -> bool:
        return self.cache.contains(self._base(), key)


class LoadCancelled(Exception):
    """``load_analysis_data`` stopped because its ``cancelled`` callback said so."""


#: Stage-event rowids read per query on SQLite (a blob of 72 bytes per event; a cancel point each). Each range's
#: blob and its decoding temporaries (~5x the blob) are alive at once: 100,000 rather than 250,000 lowers the
#: load's peak at 1M events by 25 MB at no cost in CPU (1.55 -> 1.50 s; issue #16, stop 21).
CHUNK_ROWIDS = 100_000
#: Rows fetched per batch where events are read row by row (PostgreSQL, odd SQLite ranges).
FETCH_ROWS = 100_000
#: Rows handled per step where one C call would otherwise hold the GIL for the whole column (copying 200,000
#: rows of tuples into an array took ~100 ms at 1M events): a window on another thread waits at most one step.
GIL_ROWS = 20_000

_ID_WIDTH = 36  # a UUID in text form, as every pdsa-desk id is
_TS_WIDTH = 26  # "YYYY-MM-DD HH:MM:SS.ffffff", SQLAlchemy's SQLite DATETIME storage format
_STAGE_WIDTH = 4
_SEPARATOR = " " * 6
#: One event in the blob: opportunity id, stage position (4 digits), time, separator: 72 bytes, so
#: that the blob is a (n, 9) uint64 array whose first 4.5 words are the id.
_RECORD = _ID_WIDTH + _STAGE_WIDTH + _TS_WIDTH + len(_SEPARATOR)
_NO_STAGE = b"----"
_NS_PER_US = 1000
# datetime64[ns] spans 1677-09-21 .. 2262-04-11; outside it the frames cannot hold the time.
_MIN_US, _MAX_US = -9_223_372_036_854_775, 9_223_372_036_854_775


def _utc(values: pd.Series | list[Any]) -> pd.Series:
    import pandas as pd

    # SQLite hands back ISO strings, PostgreSQL aware datetimes; both end up datetime64[ns, UTC].
    return pd.to_datetime(pd.Series(values, dtype="object"), utc=True, format="ISO8601").astype(
        "datetime64[ns, UTC]"
    )


def _fixed_times_ns(a: np.ndarray, *, missing: bool = False) -> np.ndarray | None:
    """int64 ns (UTC) of an (n, 26) uint8 array of ``YYYY-MM-DD HH:MM:SS.ffffff``; None unless all are so.

    With ``missing``, rows of 26 spaces are NaT. Checking the separators at their fixed places also
    proves that records cut from one blob were aligned (only a timestamp has a space and colons there);
    numpy's parser checks every field and its range."""
    import numpy as np

    n = len(a)
    nat = np.iinfo(np.int64).min
    if not n:
        return np.zeros(0, dtype=np.int64)
    blank = None
    if missing:
        blank = (a == 32).all(axis=1)
        if blank.all():
            return np.full(n, nat, dtype=np.int64)
        if blank.any():
            a = a[~blank]
    seps = ((4, 45), (7, 45), (10, 32), (13, 58), (16, 58), (19, 46))  # - - space : : .
    ok = a[:, 0] >= 48
    for col in range(4):  # numpy would read "+026" as a year
        ok &= (a[:, col] >= 48) & (a[:, col] <= 57)
    for col, char in seps:
        ok &= a[:, col] == char
    if not ok.all():
        return None
    try:
        us = np.ascontiguousarray(a).view(f"S{_TS_WIDTH}").ravel().astype("datetime64[us]").view(np.int64)
    except ValueError:  # a field out of range (month 13, Feb 30 ...): the general parser says which
        return None
    if us.min() < _MIN_US or us.max() > _MAX_US:
        return None
    ns = us * _NS_PER_US
    if blank is not None and blank.any():
        out = np.full(n, nat, dtype=np.int64)
        out[~blank] = ns
        return out
    return ns


def _as_utc(ns: np.ndarray) -> pd.Series:
    import pandas as pd

    return pd.Series(pd.DatetimeIndex(ns.view("datetime64[ns]")).tz_localize("UTC"))


_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)


def _hash_words(columns: list[np.ndarray]) -> np.ndarray:
    """One uint64 per row from the 5 uint64 word columns of ids (a lookup key: callers compare the words)."""
    import numpy as np

    h = columns[0] * np.uint64(_MIX[0])
    for j in range(1, len(columns)):
        h += columns[j] * np.uint64(_MIX[j])
    h ^= h >> np.uint64(31)
    return h


#: The word whose first 4 bytes (in memory order) are set: the id's last 4 bytes in its fifth word.
_LOW_HALF = int.from_bytes(b"\xff\xff\xff\xff\x00\x00\x00\x00", sys.byteorder)


def _id_words(a: np.ndarray) -> np.ndarray:
    """An (n, 36) uint8 array of ids as (n, 5) uint64 words (zero padded to 40 bytes)."""
    import numpy as np

    buf = np.zeros((len(a), 40), dtype=np.uint8)
    buf[:, :_ID_WIDTH] = a
    return buf.view(np.uint64)


class _OpportunityKeys:
    """Matches opportunity ids (text or fixed-width bytes) to opportunity codes."""

    def __init__(self, ids: list[str]) -> None:
        import numpy as np
        import pandas as pd

        self._ids = ids
        self._index: pd.Index | None = None
        self.words: np.ndarray | None = None
        self.lookup: pd.Index | None = None
        try:
            raw = "".join(ids).encode("ascii")
        except (TypeError, UnicodeEncodeError):
            return
        # Every id is 36 characters: none longer, and together exactly 36 each.
        if len(raw) != _ID_WIDTH * len(ids) or (ids and max(map(len, ids)) != _ID_WIDTH):
            return
        words = _id_words(np.frombuffer(raw, dtype=np.uint8).reshape(len(ids), _ID_WIDTH))
        lookup = pd.Index(_hash_words([words[:, j] for j in range(words.shape[1])]))
        if lookup.is_unique:  # else (a 64-bit collision) the text path is used: exact either way
            self.words, self.lookup = words, lookup

    @property
    def fixed(self) -> bool:
        return self.lookup is not None

    def codes_of_words(self, words: np.ndarray) -> np.ndarray:
        """Codes of ids given as (n, 5) uint64 words of 40 bytes whose last 4 bytes are ignored; -1 where no
        live opportunity has that id."""
        import numpy as np
        import pandas as pd

        if self.lookup is None or self.words is None:  # callers check `fixed` first
            raise RuntimeError("the ids are not all fixed-width: match them as text")
        columns = [words[:, j] for j in range(4)] + [words[:, 4] & np.uint64(_LOW_HALF)]
        code = self.lookup.get_indexer(pd.Index(_hash_words(columns)))
        hit = np.flatnonzero(code >= 0)
        found = code[hit]
        same = np.ones(len(hit), dtype=bool)
        for j, column in enumerate(columns):  # the hash only finds a candidate: the id must be the same
            same &= self.words[found, j] == column[hit]
        code[hit[~same]] = -1
        return code

    def codes_of_text(self, values: list[str] | tuple[str, ...]) -> np.ndarray:
        import pandas as pd

        if self._index is None:
            self._index = pd.Index(self._ids, dtype="object")
        return self._index.get_indexer(pd.Index(values, dtype="object"))


def _interned(values: _Column, lookup: dict[Any, Any] | None = None) -> np.ndarray:
    """``values`` (or ``lookup[value]``) as an object array where equal strings share one object.

    For columns with few distinct values (reps, teams, outcomes ...): 200,000 copies of the same
    36-character id cost 17 MB. Missing values are NaN when the column holds any string and None when
    it holds none, which is what pandas' inference gave these columns before (``str``, then object)."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)  # the last slot is code -1: missing
    table[: len(uniques)] = [lookup.get(u) for u in uniques] if lookup is not None else list(uniques)
    missing = pd.isna(table)
    table[missing] = np.nan if (~missing[codes]).any() else None
    return table[codes]


def load_analysis_data(ws: Workspace, *, cancelled: Callable[[], bool] | None = None) -> AnalysisData:
    """Read the whole workspace into :class:`AnalysisData`: one query per table, no ORM objects.

    ``cancelled`` is asked between ranges of events; when it answers True the load stops with
    :class:`LoadCancelled` (the database is only read, so nothing needs undoing).

    One connection, also for a workspace file: reading the events on a second one, as :func:`load_analysis_file`
    does at start-up, made a reload at 1M faster (1.69 -> 1.15-1.34 s in a fresh interpreter) but held the
    window longer meanwhile -- both cores busy, the GUI thread waiting (the reload after an import or a merge
    stalled it 35-63 ms against 24-33 ms; stop 26, docs/performance.md) -- so it was not kept.
    """
    if cancelled is not None and cancelled():
        raise LoadCancelled
    raw = ws.engine.raw_connection()
    try:
        return _load(raw.cursor, raw.driver_connection, ws.engine.dialect.name == "sqlite", cancelled)
    finally:
        raw.close()


def load_analysis_file(path: str | Path, *, cancelled: Callable[[], bool] | None = None) -> AnalysisData:
    """:func:`load_analysis_data` of a workspace *file*, read with the ``sqlite3`` module alone.

    Start-up reads the data this way while SQLAlchemy is still being imported and the workspace opened
    (only for a file already at the current schema revision: nothing will migrate it meanwhile). The
    frames are the same as ``load_analysis_data(open_workspace(path))``'s."""
    if cancelled is not None and cancelled():
        raise LoadCancelled
    from pdsa_desk.core.events_ahead import EventsAhead
    from pdsa_desk.core.sqlite_file import reading_connection

    # The events' connection reads its data_version before the loader's transaction starts (the rule of one
    # snapshot: pdsa_desk.core.events_ahead).
    ahead = EventsAhead.open(str(path))
    try:
        con = reading_connection(path)
        try:
            return _load(con.cursor, con, True, cancelled, ahead)
        finally:
            con.close()
    finally:
        ahead.close()


def _load(cursor: Callable[[], Any], driver: Any, sqlite: bool,
          cancelled: Callable[[], bool] | None, ahead: EventsAhead | None = None) -> AnalysisData:
    """The load on an open DB-API connection (``cursor()`` makes a cursor, ``driver`` is the driver's own
    connection, ``sqlite`` whether it is SQLite; ``ahead`` reads a SQLite file's events on a second
    connection, started here once this transaction has read the live stage ids)."""

    def check() -> None:
        if cancelled is not None and cancelled():
            raise LoadCancelled

    from pdsa_desk.core.gc_pause import paused_collection

    # The read makes hundreds of thousands of short-lived row tuples: each collection meanwhile walked them,
    # holding the GIL (the window waited), and none of them is garbage in a cycle.
    with paused_collection():
        return _load_paused(cursor, driver, sqlite, check, ahead)


def _load_paused(cursor: Callable[[], Any], driver: Any, sqlite: bool, check: Callable[[], None],
                 ahead: EventsAhead | None) -> AnalysisData:
    try:
        cur = cursor()
        if sqlite:  # one snapshot for every query below (WAL: writers are not blocked)
            cur.execute("BEGIN")
            if ahead is not None:  # the first read starts the snapshot; pandas is imported meanwhile
                cur.execute(frames_sqlite.LIVE_STAGE_IDS)
                stage_ids = [row[0] for row in cur.fetchall()]
                ahead.start(stage_ids, frames_sqlite.blob_sql(stage_ids), CHUNK_ROWIDS)
        else:
            frames_pg.begin_snapshot(cur)
        stages, reps, opps, parts = _read(cur, sqlite, check, ahead)
        if sqlite:
            cur.execute("COMMIT")
        cur.close()
    except BaseException:
        if sqlite and driver is not None and driver.in_transaction:  # cancelled or failed: end the read at once
            driver.rollback()
        raise

    import numpy as np
    import pandas as pd

    if parts:
        opp = np.concatenate([p[0] for p in parts])
        stage = np.concatenate([p[1] for p in parts])
        ns = np.concatenate([p[2] for p in parts])
    else:
        opp, stage, ns = np.zeros(0, np.int32), np.zeros(0, np.int16), np.zeros(0, np.int64)
    del parts
    event_order = _event_order(opp, ns)
    if event_order is not None:
        opp, stage, ns = opp[event_order], stage[event_order], ns[event_order]
        del event_order
    events = pd.DataFrame({"opp": opp, "stage": stage, "entered_at": _as_utc(ns)})
    return AnalysisData(stages=stages, reps=reps, opportunities=opps, events=events)


def _read(cur: Any, sqlite: bool, check: Callable[[], None], ahead: EventsAhead | None = None) -> tuple[Any, ...]:
    """(stages, reps, opportunities, event parts) read inside the load's transaction."""

    def rows(sql: str, params: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        cur.execute(sql, params)
        return list(cur.fetchall())

    check()
    few = ["rep_id", "outcome", "loss_reason_id", "source", "channel"]
    # SQLite's part of the opportunities' read first (it needs neither numpy nor pandas, and holds no GIL): at
    # start-up the other threads' imports and first reads run beside it, instead of waiting for pandas' import.
    few_columns: Sequence[_Column] | None = frames_sqlite.json_columns(cur, few) if sqlite else None
    stages, reps = read_stages_and_reps(cur)
    # The rep's team and the loss reason's name are looked up here rather than joined in SQL
    # (200,000 joined lookups cost more than the query itself); deleted rows count, as in a join.
    team_of_rep = dict(rows("SELECT id, team_id FROM rep"))
    loss_name = dict(rows("SELECT id, name FROM loss_reason"))
    live = " FROM opportunity WHERE deleted_at IS NULL"
    if sqlite:
        # Three reads of the same rows (rowid order, one snapshot): the columns with few distinct values
        # first, turned into shared strings at once, so that their 800,000 temporary strings are freed
        # before the ids and names that stay are made (interleaved, they would pin the memory).
        order = " ORDER BY rowid"
        few_columns = few_columns or _columns(rows(f"SELECT {', '.join(few)}" + live + order), 5)
        shared = _shared_columns(few_columns, team_of_rep, loss_name)
        del few_columns
        times = frames_sqlite.opportunity_times(cur, len(shared["outcome"]))
        if times is None:
            times = [_utc(list(col)) for col in _columns(rows("SELECT opened_at, closed_at" + live + order), 2)]
        check()
        ids, names = (frames_sqlite.json_columns(cur, ["id", "name"])
                      or _columns(rows("SELECT id, name" + live + order), 2))
        if len(ids) != len(shared["outcome"]):  # cannot happen inside one read transaction
            raise RuntimeError("the opportunities changed while they were read")
    else:
        cols = _columns(rows(frames_pg.opportunity_columns_sql(live)), 9)
        shared = _shared_columns(cols[:5], team_of_rep, loss_name)
        times = frames_pg.opportunity_times(cols[5], cols[6])
        ids, names = cols[7], cols[8]
        del cols
    check()
    opps = _opportunity_frame(ids, names, shared, times)
    del team_of_rep, loss_name, ids, names, shared, times
    keys = _OpportunityKeys(opps["id"].tolist())
    stage_ids = stages["id"].tolist()
    if sqlite:
        parts = frames_sqlite.events(cur, keys, stage_ids, check, ahead)
    else:
        parts = frames_pg.events(cur, keys, stage_ids, check)
    return stages, reps, opps, parts


def _event_order(opp: np.ndarray, ns: np.ndarray) -> np.ndarray | None:
    """The stable order by (opportunity, time) of the events, or None when they already are in it."""
    import numpy as np

    n = len(opp)
    if n < 2:
        return None
    d_opp = np.diff(opp)
    if not ((d_opp < 0).any() or ((d_opp == 0) & (np.diff(ns) < 0)).any()):
        return None
    # Stable by opportunity: sort (code, position) packed in one int64 (a SIMD sort, ~5x lexsort).
    key = opp.astype(np.int64) * n + np.arange(n, dtype=np.int64)
    key.sort()
    order = key % n
    del key
    t = ns[order]
    o = opp[order]
    if ((o[1:] == o[:-1]) & (t[1:] < t[:-1])).any():  # times out of order within an opportunity: rare
        order = np.lexsort((ns, opp))
    return order


def _columns(rows: list[tuple[Any, ...]], width: int) -> list[np.ndarray]:
    """The columns of a list of rows (an object array per column)."""
    import numpy as np

    if not rows:
        return [np.empty(0, dtype=object) for _ in range(width)]
    table = np.empty((len(rows), width), dtype=object)
    for start in range(0, len(rows), GIL_ROWS):  # one slice per GIL hold (a window waits for the others)
        table[start:start + GIL_ROWS] = rows[start:start + GIL_ROWS]
    return [table[:, j] for j in range(width)]


def read_stages_and_reps(cur: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``stages`` and ``reps`` frames of the snapshot (see the module docstring), read with a DB-API
    cursor (also by the board's first paint, which needs no more of the snapshot)."""
    import pandas as pd

    cur.execute("SELECT id, name, window_days, wip_limit, terminal FROM stage WHERE deleted_at IS NULL "
                "ORDER BY position")
    stage_rows = cur.fetchall()
    cur.execute("SELECT r.id, r.name, r.team_id, t.name, r.active FROM rep r LEFT JOIN team t ON t.id = r.team_id "
                "WHERE r.deleted_at IS NULL ORDER BY r.name")
    rep_rows = cur.fetchall()
    stages = pd.DataFrame(stage_rows, columns=["id", "name", "window_days", "wip_limit", "terminal"])
    stages["window_days"] = stages["window_days"].astype("int64")
    stages["wip_limit"] = stages["wip_limit"].astype("float64")
    reps = pd.DataFrame(rep_rows, columns=["id", "name", "team_id", "team_name", "active"])
    reps["active"] = reps["active"].astype(bool)
    return stages, reps


def _shared_columns(
    cols: Sequence[_Column], team_of_rep: dict[str, str | None], loss_name: dict[str, str]
) -> dict[str, np.ndarray]:
    """The opportunity columns with few distinct values, as object arrays of shared strings."""
    rep_ids, outcomes, loss_ids, sources, channels = cols
    return {
        "rep_id": _interned(rep_ids),
        "team_id": _interned(rep_ids, team_of_rep),
        "outcome": _interned(outcomes),
        "loss_reason": _interned(loss_ids, loss_name),
        "source": _interned(sources),
        "channel": _interned(channels),
    }


def _opportunity_frame(
    ids: _Column, names: _Column, shared: dict[str, np.ndarray], times: list[pd.Series]
) -> pd.DataFrame:
    import pandas as pd

    def text(values: Any) -> Any:  # what pandas infers for a column of strings
        if not len(values):
            return pd.Series([], dtype="object")
        # made slice by slice: for 200,000 ids one call held the GIL for ~30 ms
        parts = [pd.array(values[i:i + GIL_ROWS], dtype="str") for i in range(0, len(values), GIL_ROWS)]
        return parts[0] if len(parts) == 1 else pd.concat([pd.Series(p) for p in parts], ignore_index=True).array

    return pd.DataFrame({
        "id": text(ids),
        "name": text(names),
        "rep_id": pd.Series(shared["rep_id"], dtype="object"),
        "team_id": pd.Series(shared["team_id"], dtype="object"),
        "outcome": text(shared["outcome"]),
        "created_at": times[0],
        "closed_at": times[1],
        "loss_reason": pd.Series(shared["loss_reason"], dtype="object"),
        "source": pd.Series(shared["source"], dtype="object"),
        "channel": pd.Series(shared["channel"], dtype="object"),
    })


def _stage_case(stage_ids: list[str]) -> str:
    whens = " ".join(f"WHEN ? THEN '{pos:04d}'" for pos in range(len(stage_ids)))
    return f"CASE stage_id {whens} ELSE '{_NO_STAGE.decode()}' END" if stage_ids else f"'{_NO_STAGE.decode()}'"


def _decode_buffer(
    buf: np.ndarray, n: int, keys: _OpportunityKeys
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(opp, stage, ns) of ``buf``, ``n`` records of :data:`_RECORD` bytes each (separator included), live
    ones only; None if they are not all well formed (also read by the PostgreSQL path, frames_pg)."""
    import numpy as np

    if len(buf) != n * _RECORD:
        return None
    a = buf.reshape(n, _RECORD)
    at = _ID_WIDTH + _STAGE_WIDTH
    ns = _fixed_times_ns(a[:, at:at + _TS_WIDTH])
    if ns is None or (a[:, at + _TS_WIDTH:] != 32).any():
        return None
    raw_stage = a[:, _ID_WIDTH:at]
    digits = raw_stage.astype(np.int16) - 48
    is_digit = ((digits >= 0) & (digits <= 9)).all(axis=1)
    if not (is_digit | (raw_stage == ord("-")).all(axis=1)).all():
        return None
    stage = digits @ np.array([1000, 100, 10, 1], dtype=np.int16)
    opp = keys.codes_of_words(np.ascontiguousarray(buf).view(np.uint64).reshape(n, _RECORD // 8)[:, :5])
    keep = (opp >= 0) & is_digit  # events of deleted opportunities or stages are not evidence
    return opp[keep].astype(np.int32), stage[keep], ns[keep]


def _generic_events(cur: Any, sql: str, params: tuple[object, ...], keys: _OpportunityKeys, stage_ids: list[str],
                    check: Callable[[], None]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Events read row by row (any database, any value shapes), in batches of :data:`FETCH_ROWS`."""
    import numpy as np
    import pandas as pd

    stage_index = pd.Index(stage_ids, dtype="object")
    cur.execute(sql, params)
    parts = []
    while True:
        check()
        batch = cur.fetchmany(FETCH_ROWS)
        if not batch:
            break
        opp_id, stage_id, entered = zip(*batch, strict=True)
        del batch
        opp = keys.codes_of_text(opp_id)
        stage = stage_index.get_indexer(pd.Index(stage_id, dtype="object"))
        keep = (opp >= 0) & (stage >= 0)  # events of deleted opportunities or stages are not evidence
        times = _utc(pd.Series(entered, dtype="object")[keep])
        parts.append((opp[keep].astype(np.int32), stage[keep].astype(np.int16),
                      times.array.asi8.astype(np.int64, copy=False)))
    return parts

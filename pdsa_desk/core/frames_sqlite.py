"""The SQLite read path of :func:`pdsa_desk.core.frames.load_analysis_data` (and of a workspace file at start-up).

Everything here keeps SQLite's work out of Python objects and off the GIL (issue #16):

* :func:`json_columns`: the opportunities' text columns as JSON arrays built by SQLite (``fetchall`` made a tuple
  per row and an object per value with the GIL held);
* :func:`opportunity_times`: their two times as one blob of fixed-width text, parsed by numpy;
* :func:`blob_sql`, :func:`events`, :func:`decode_records`: the events of each rowid range as three blobs (ids,
  stage positions, times) decoded column-wise by numpy (see :mod:`pdsa_desk.core.frames` for the format's rules),
  read by the loader's connection or handed over by :class:`pdsa_desk.core.events_ahead.EventsAhead`.

A range or column SQLite cannot hand over this way is read row by row by the caller, with the plain semantics.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from pdsa_desk.core.events_ahead import EventsAhead
    from pdsa_desk.core.frames import _OpportunityKeys

__all__ = ["LIVE_STAGE_IDS", "blob_sql", "decode_records", "events", "json_columns", "opportunity_times"]

_BLANK_TIME = " " * 26  # a missing time in the times' blob: as wide as pdsa_desk.core.frames._TS_WIDTH


def json_columns(cur: Any, columns: list[str]) -> list[list[Any]] | None:
    """The live opportunities' ``columns`` in rowid order (lists of what ``fetchall`` gives: str or None),
    read as JSON arrays; None where SQLite cannot (a BLOB value, no JSON functions): the caller reads rows then.
    The columns have TEXT affinity (SQLite stores NULL, TEXT or BLOB in them), so the values are str or None.

    Why: ``fetchall`` makes a tuple per row and a Python object per value while holding the GIL (0.27 s for five
    columns of 200,000 opportunities); ``json_group_array`` builds the text in SQLite, without the GIL, and
    ``json.loads`` makes only the values (0.07 s). Read in rowid ranges of
    :data:`pdsa_desk.core.frames.GIL_ROWS`, so that no single ``json.loads`` holds the GIL long (a window on
    another thread waits for at most one range)."""
    import json
    import sqlite3

    from pdsa_desk.core.frames import GIL_ROWS  # when called: frames imports this module

    cur.execute("SELECT min(rowid), max(rowid) FROM opportunity")
    lo, hi = cur.fetchone()
    out: list[list[Any]] = [[] for _ in columns]
    if lo is not None:
        arrays = ", ".join(f"json_group_array({c})" for c in columns)
        sql = (f"SELECT count(*), {arrays} FROM (SELECT {', '.join(columns)} FROM opportunity "  # noqa: S608 - constant
               "WHERE deleted_at IS NULL AND rowid > ? AND rowid <= ? ORDER BY rowid)")
        for start in range(lo - 1, hi, GIL_ROWS):
            try:
                cur.execute(sql, (start, start + GIL_ROWS))
                n, *texts = cur.fetchone()
            except sqlite3.Error:
                return None
            for values, text in zip(out, texts, strict=True):
                part = json.loads(text)
                if len(part) != n:
                    return None
                values.extend(part)
    return out


def opportunity_times(cur: Any, m: int) -> list[pd.Series] | None:
    """(created_at, closed_at) of the live opportunities in rowid order, from one blob; None if it does not
    hold fixed-width timestamps only."""
    import numpy as np

    from pdsa_desk.core.frames import _TS_WIDTH, _as_utc, _fixed_times_ns  # when called: frames imports this module

    cur.execute("SELECT count(*), CAST(group_concat(t, '') AS BLOB) FROM (SELECT opened_at || "  # noqa: S608 - constant
                f"ifnull(closed_at, '{_BLANK_TIME}') AS t FROM opportunity WHERE deleted_at IS NULL ORDER BY rowid)")
    n, blob = cur.fetchone()
    if n != m:
        return None
    if not n:
        return [_as_utc(np.zeros(0, np.int64)), _as_utc(np.zeros(0, np.int64))]
    if blob is None or len(blob) != n * 2 * _TS_WIDTH:
        return None
    a = np.frombuffer(blob, dtype=np.uint8).reshape(n, 2 * _TS_WIDTH)
    opened = _fixed_times_ns(a[:, :_TS_WIDTH])
    closed = _fixed_times_ns(a[:, _TS_WIDTH:], missing=True) if opened is not None else None
    if opened is None or closed is None:
        return None
    return [_as_utc(opened), _as_utc(closed)]


LIVE_STAGE_IDS = "SELECT id FROM stage WHERE deleted_at IS NULL ORDER BY position"


def blob_sql(stage_ids: list[str]) -> str:
    """The events of a rowid range ``(?, ?]`` (parameters: ``stage_ids``, then the bounds): their count, how many
    have a 36-character id and a 26-character time, and three blobs -- the ids, the stage positions (4 digits,
    from a ``CASE`` over the live stage ids) and the times, each concatenated without separators.

    One ``group_concat`` per column, not one of ``id || stage || time``: that made a string per event, and
    SQLite's allocator is shared by all its connections (a global mutex), so two connections concatenating at
    once took longer than one after the other (2 x 0.85 s -> 1.98 s in parallel; as three columns, 0.47 s
    alone and 0.59 s for two in parallel). A rowid range is scanned in rowid order, and every aggregate of the
    query is given the rows in that one order."""
    from pdsa_desk.core.frames import _stage_case  # when called: frames imports this module
    return ("SELECT count(*), sum(length(opportunity_id) = 36 AND length(entered_at) = 26), "  # noqa: S608 - placeholders
            f"CAST(group_concat(opportunity_id, '') AS BLOB), "
            f"CAST(group_concat({_stage_case(stage_ids)}, '') AS BLOB), "
            "CAST(group_concat(entered_at, '') AS BLOB) "
            "FROM stage_event WHERE deleted_at IS NULL AND rowid > ? AND rowid <= ?")


def events(cur: Any, keys: _OpportunityKeys, stage_ids: list[str], check: Callable[[], None],
           ahead: EventsAhead | None = None) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The live events of a SQLite workspace as (opp code, stage position, ns) arrays per rowid range; the
    blobs ``ahead`` read when it saw this transaction's snapshot (a range of odd records is read row by row
    here)."""
    from pdsa_desk.core.frames import CHUNK_ROWIDS, _generic_events  # when called: frames imports this module
    fast = keys.fixed and len(stage_ids) < 10_000
    row_sql = ("SELECT opportunity_id, stage_id, entered_at FROM stage_event "
               "WHERE deleted_at IS NULL AND rowid > ? AND rowid <= ? ORDER BY rowid")
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def add(bounds: tuple[int, int], row: tuple[Any, ...]) -> None:
        part = decode_records(row, keys)
        if part is None:
            parts.extend(_generic_events(cur, row_sql, bounds, keys, stage_ids, check))
        else:
            parts.append(part)

    if ahead is not None and fast and ahead.stage_ids == stage_ids:  # the same transaction's ids: always
        for bounds, row in ahead.parts(check):
            add(bounds, row)
            del row
        if ahead.same_snapshot:
            return parts
    cur.execute("SELECT min(rowid), max(rowid) FROM stage_event")
    lo, hi = cur.fetchone()
    if lo is None:
        return []
    sql = blob_sql(stage_ids)
    for start in range(lo - 1, hi, CHUNK_ROWIDS):
        check()
        bounds = (start, start + CHUNK_ROWIDS)
        if fast:
            cur.execute(sql, (*stage_ids, *bounds))
            add(bounds, cur.fetchone())
        else:
            parts += _generic_events(cur, row_sql, bounds, keys, stage_ids, check)
    return parts


def decode_records(row: tuple[Any, ...],
                   keys: _OpportunityKeys) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(opp, stage, ns) of one range's row of :func:`blob_sql`, live ones only; None unless every event has a
    36-byte id and a 26-byte time (the range is read row by row then).

    The lengths are counted by SQLite in characters and the blobs in bytes: all ids 36 characters long and
    together 36 bytes each means every id is ASCII, so the blobs cut into records exactly."""
    import numpy as np

    from pdsa_desk.core.frames import (  # when called: frames imports this module
        _ID_WIDTH,
        _RECORD,
        _STAGE_WIDTH,
        _TS_WIDTH,
        _decode_buffer,
    )

    n, fixed, ids, stages, times = row
    if not n:
        return np.zeros(0, np.int32), np.zeros(0, np.int16), np.zeros(0, np.int64)
    if fixed != n or ids is None or stages is None or times is None or len(ids) != n * _ID_WIDTH \
            or len(stages) != n * _STAGE_WIDTH or len(times) != n * _TS_WIDTH:
        return None
    # The records the PostgreSQL path hands over too (see frames._RECORD): id, stage, time, separator.
    buf = np.empty((n, _RECORD), dtype=np.uint8)
    at = _ID_WIDTH + _STAGE_WIDTH
    buf[:, :_ID_WIDTH] = np.frombuffer(ids, dtype=np.uint8).reshape(n, _ID_WIDTH)
    buf[:, _ID_WIDTH:at] = np.frombuffer(stages, dtype=np.uint8).reshape(n, _STAGE_WIDTH)
    buf[:, at:at + _TS_WIDTH] = np.frombuffer(times, dtype=np.uint8).reshape(n, _TS_WIDTH)
    buf[:, at + _TS_WIDTH:] = 32
    return _decode_buffer(buf.reshape(-1), n, keys)

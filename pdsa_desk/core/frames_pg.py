"""The PostgreSQL read path of :func:`pdsa_desk.core.frames.load_analysis_data`.

Read row by row, a million events are a million ``(str, str, datetime)`` tuples: psycopg makes an aware
``datetime`` per event and pandas then parses each object again (its slow, object-by-object path), which
made the load from a server 3-4x the raw fetch of the same columns. So, as on SQLite (see the frames
module), the server hands the events over as fixed-width records, one ``bytea`` per range of the table:
``string_agg`` of the opportunity id (36 characters), the stage's position (4 digits, from a ``CASE`` over
the live stage ids) and the time in UTC as ``YYYY-MM-DD HH:MM:SS.ffffff`` (``to_char``), which
:func:`frames._decode_buffer` decodes column-wise with numpy. The ranges are ranges of pages of the table
(``ctid``, a TID range scan), read in one ``REPEATABLE READ`` transaction, so that every range sees the
same snapshot and a row updated meanwhile is read exactly once. A range whose records are not all of that
shape (an id of another length, a time out of the four-digit years) is read row by row instead, with
exactly the old semantics. The opportunities' times come as the same fixed-width text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

#: Table pages per range of events (8 kB pages of ~60 events: ~250,000 events; a cancel point each).
PAGES_PER_RANGE = 4000

_TIME_FORMAT = "'YYYY-MM-DD HH24:MI:SS.US'"


def _utc_text(column: str) -> str:
    return f"to_char({column} AT TIME ZONE 'UTC', {_TIME_FORMAT})"


def begin_snapshot(cur: Any) -> None:
    """Every query of the load sees one snapshot (the first statement of the connection's transaction)."""
    cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def opportunity_columns_sql(live: str) -> str:
    """The opportunities' columns: rep, outcome, loss reason, source, channel, opened and closed (UTC text,
    closed blank-padded when missing), id, name."""
    from pdsa_desk.core.frames import _TS_WIDTH

    blank = " " * _TS_WIDTH
    return (f"SELECT rep_id, outcome, loss_reason_id, source, channel, {_utc_text('opened_at')}, "
            f"coalesce({_utc_text('closed_at')}, '{blank}'), id, name" + live)


def opportunity_times(opened: np.ndarray, closed: np.ndarray) -> list[pd.Series]:
    """(created_at, closed_at) as UTC series from the fixed-width text of :func:`opportunity_columns_sql`."""
    import numpy as np

    from pdsa_desk.core.frames import _TS_WIDTH, _as_utc, _fixed_times_ns, _utc

    def fixed(values: np.ndarray) -> np.ndarray | None:
        if not len(values):
            return np.zeros((0, _TS_WIDTH), dtype=np.uint8)
        try:
            raw = values.astype(f"S{_TS_WIDTH}")
        except (TypeError, UnicodeEncodeError):
            return None
        if np.char.str_len(raw).min() != _TS_WIDTH:
            return None
        return raw.view(np.uint8).reshape(len(values), _TS_WIDTH)

    a, b = fixed(opened), fixed(closed)
    ns_a = _fixed_times_ns(a) if a is not None else None
    ns_b = _fixed_times_ns(b, missing=True) if b is not None and ns_a is not None else None
    if ns_a is not None and ns_b is not None:
        return [_as_utc(ns_a), _as_utc(ns_b)]
    blank = " " * _TS_WIDTH
    return [_utc(list(opened)), _utc([None if v == blank else v for v in closed])]


def _stage_case(count: int) -> str:
    from pdsa_desk.core.frames import _NO_STAGE

    whens = " ".join(f"WHEN %s THEN '{pos:04d}'" for pos in range(count))
    return f"CASE stage_id {whens} ELSE '{_NO_STAGE.decode()}' END" if count else f"'{_NO_STAGE.decode()}'"


def events(cur: Any, keys: Any, stage_ids: list[str],
           check: Callable[[], None]) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The live events as (opp code, stage position, ns) arrays per range of table pages."""
    import numpy as np

    from pdsa_desk.core.frames import _SEPARATOR, _decode_buffer, _generic_events

    cur.execute("SELECT pg_relation_size('stage_event') / current_setting('block_size')::bigint")
    pages = int(cur.fetchone()[0])
    fast = keys.fixed and len(stage_ids) < 10_000
    where = " FROM stage_event WHERE deleted_at IS NULL AND ctid >= %s::tid AND ctid < %s::tid"
    blob_sql = ("SELECT count(*), convert_to(string_agg(opportunity_id || " + _stage_case(len(stage_ids))
                + " || " + _utc_text("entered_at") + f" || '{_SEPARATOR}', ''), 'UTF8')" + where)
    row_sql = "SELECT opportunity_id, stage_id, entered_at" + where
    parts = []
    # The last range is open-ended: rows added to new pages since the size was read are not in this
    # snapshot anyway, and nothing can be missed at the end.
    for start in range(0, max(pages, 1), PAGES_PER_RANGE):
        check()
        end = start + PAGES_PER_RANGE if start + PAGES_PER_RANGE < pages else 2**32 - 1
        bounds = (f"({start},0)", f"({end},0)")
        part = None
        if fast:
            cur.execute(blob_sql, (*stage_ids, *bounds), binary=True)
            n, blob = cur.fetchone()
            if not n:
                part = (np.zeros(0, np.int32), np.zeros(0, np.int16), np.zeros(0, np.int64))
            elif blob is not None:
                part = _decode_buffer(np.frombuffer(blob, dtype=np.uint8), int(n), keys)
            del blob
        if part is None:
            parts += _generic_events(cur, row_sql, bounds, keys, stage_ids, check)
        else:
            parts.append(part)
    return parts

"""Whether a bundle's stored values can be written to the workspace as they are.

A bundle has the workspace's own schema on SQLite, so a new row whose values the merge does not
rewrite would be written back exactly as the bundle stores it — if the bundle stores each value in
the form SQLAlchemy writes it (what pdsa-desk's own export does). :func:`canonical` decides that for
a chunk of stored rows, column by column on their distinct values: a time must be the text
SQLAlchemy writes ("2026-01-05 09:00:00.000000", read as UTC); any other column with a bind or result
processor (flags, dates, numbers, lists) must come back identical, type and value, from decoding and
encoding again. A chunk that holds any other form (a time with an offset, a flag stored as 2…) is
written the long way, through the decoded values, exactly as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Table
from sqlmodel.sql.sqltypes import UTCDateTime

from pdsa_desk.core.exchange.validation import SQLITE

# What SQLAlchemy writes for a UTC time on SQLite (and what it reads back as the same time), 26 characters;
# matched against all of a column's distinct times at once, one a line.
_TIME = r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}"
_TIME_WIDTH = 26
_TIME_LINES = re.compile(rf"(?:{_TIME}\n)*{_TIME}")

ColumnCheck = Callable[[Sequence[Any]], bool]


def canonical(table: Table, rows: Sequence[tuple[Any, ...]]) -> bool:
    """True when every stored value of these rows (tuples in ``table.columns`` order) is in the form the
    merge would write it: the rows may then be written as they are."""
    return all(check(list(map(itemgetter(i), rows))) for i, check in _checks(table))


@cache
def _checks(table: Table) -> tuple[tuple[int, ColumnCheck], ...]:
    """(position, check) of the columns whose stored form must be checked."""
    checks = ((i, _column_check(c)) for i, c in enumerate(table.columns))
    return tuple((i, check) for i, check in checks if check is not None)


def _column_check(col: Column[Any]) -> ColumnCheck | None:
    if isinstance(col.type, UTCDateTime):
        return _times
    impl = col.type.dialect_impl(SQLITE)
    decode = impl.result_processor(SQLITE, None)
    encode = impl.bind_processor(SQLITE)
    if decode is None and encode is None:
        return None  # stored, read and written as the same Python value
    return lambda values: _round_trips(decode, encode, values)


def _times(values: Sequence[Any]) -> bool:
    distinct = set(values)
    distinct.discard(None)
    if not distinct:
        return True
    try:
        lines = "\n".join(distinct)  # a value that is not text raises TypeError
    except TypeError:
        return False
    # each value one line (none holds a line break of its own), each line one time
    return lines.count("\n") == len(distinct) - 1 and _TIME_LINES.fullmatch(lines) is not None


def _round_trips(decode: Callable[[Any], Any] | None, encode: Callable[[Any], Any] | None,
                 values: Sequence[Any]) -> bool:
    for kind, value in {(type(v), v) for v in values}:
        if value is None:
            continue
        try:
            decoded = value if decode is None else decode(value)
            again = decoded if encode is None else encode(decoded)
        except (ValueError, TypeError, OverflowError):
            return False
        if type(again) is not kind or again != value:
            return False
    return True

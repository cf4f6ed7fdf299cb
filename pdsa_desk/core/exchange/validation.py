"""The values a bundle may hold: what this app would write itself, and nothing else.

Refused (with table, row and column): values SQLAlchemy cannot read back (a time that is not a
time), wrong types, text longer than its column, lists that are not short text items, values
outside a column's choices (:data:`pdsa_desk.core.rules.CHOICES`), two live rows of a named table
with the same name. (A row listed twice is found by :mod:`~pdsa_desk.core.exchange.bundle_file`
with one query over the whole table.)

Rows are read in chunks (:class:`RowReader`): each column is decoded by SQLAlchemy's own result
processor for SQLite — exactly what a ``select`` through the engine would return — and checked
by a function compiled once per column (:func:`column_check`), so a million rows cost a few
function calls per value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, String, Table, Text
from sqlalchemy.dialects import sqlite
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel.sql.sqltypes import UTCDateTime

from pdsa_desk.core import rules
from pdsa_desk.core.exchange.results import BundleError, msg, short
from pdsa_desk.core.exchange.tables import NAMED_TABLES, UUID
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, joined

# Longest text accepted in a bundle for columns without a declared length.
MAX_TEXT_CHARS = 200_000
# Checklists and evidence lists: at most this many items of at most 200 characters.
MAX_LIST_ITEMS = 200
_MAX_PROBLEMS = 5
# The dialect a bundle is written with (its values are decoded as this dialect's engine would).
SQLITE = sqlite.dialect()

Check = Callable[[object], str | None]


class RowReader:
    """The rows of one table as a bundle holds them (SQLite values) → checked Python values."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.names = [c.name for c in table.columns]
        self.decoders = [column_decoder(c) for c in table.columns]
        self.checks = [column_check(table, c) for c in table.columns]
        self.fast_checks = [_column_fast_check(table, c) for c in table.columns]

    def read(self, raw: Sequence[tuple[Any, ...]], display: str) -> list[dict[str, Any]]:
        """Decode and check one chunk of rows (tuples in column order); raises :class:`BundleError`."""
        if not raw:
            return []
        columns = [list(c) for c in zip(*raw, strict=True)]
        for i, decode in enumerate(self.decoders):
            if decode is not None:
                columns[i] = self._decoded(i, decode, columns, display)
        problems: list[tuple[int, int, str]] = []
        for i, check in enumerate(self.checks):
            if self.fast_checks[i](columns[i]):
                continue
            bad = [j for j, problem in enumerate(map(check, columns[i])) if problem is not None]
            problems += [(j, i, check(columns[i][j]) or "") for j in bad[:_MAX_PROBLEMS]]
        rows = [dict(zip(self.names, values, strict=True)) for values in zip(*columns, strict=True)]
        if problems:
            problems.sort()
            raise refused(display, [msg(QT_TRANSLATE_NOOP("Exchange", "%1 row %2: %3 %4"), self.table.name,
                                        short(rows[j].get("id"), 40), self.names[i], problem)
                                    for j, i, problem in problems[:_MAX_PROBLEMS]])
        return rows

    def _decoded(self, i: int, decode: Decoder, columns: list[list[Any]], display: str) -> list[Any]:
        try:
            return decode(columns[i])
        except (ValueError, TypeError, OverflowError):
            pass
        for j, value in enumerate(columns[i]):  # find the row, for the message
            try:
                decode([value])
            except (ValueError, TypeError, OverflowError) as exc:
                where = msg(QT_TRANSLATE_NOOP("Exchange", "%1 row %2, %3"), self.table.name, short(columns[0][j], 40),
                            self.names[i])
                raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 has rows that cannot be "
                        "read (%2: %3); it may be damaged."), display, where, short(str(exc), 120))) from exc
        raise AssertionError("unreachable: a value failed to decode once only")  # pragma: no cover


Decoder = Callable[[list[Any]], list[Any]]


def column_decoder(col: Column[Any]) -> Decoder | None:
    """Stored SQLite values of a column → the Python values a ``select`` through the engine returns.

    SQLAlchemy's own result processor for SQLite, applied to a whole column; two equivalents are
    written out because they run millions of times: times (SQLAlchemy's ``fromisoformat`` and
    :class:`~sqlmodel.sql.sqltypes.UTCDateTime`'s "no offset means UTC, else convert to UTC" in one
    pass, about 4x faster than the three nested calls) and JSON lists (each distinct text parsed once
    per chunk: evidence lists repeat the stages' checklists).
    """
    if isinstance(col.type, UTCDateTime):
        return _decode_times
    process = col.type.dialect_impl(SQLITE).result_processor(SQLITE, None)
    if process is None:
        return None
    if isinstance(col.type, JSON):
        return lambda values: _decode_json(process, values)
    return lambda values: list(map(process, values))


def _decode_times(values: list[Any]) -> list[Any]:
    """Each distinct stored text is parsed once (times repeat: a tombstone's deleted_at and updated_at, a
    batch's created_at)."""
    distinct = list(dict.fromkeys(values))
    fromiso = datetime.fromisoformat
    try:  # what SQLAlchemy writes, "2026-01-05 09:00:00.000000" (UTC): read as UTC directly, ~10x faster
        fast = [None if v is None else fromiso(v + "+00:00") for v in distinct]
        if all(v is None or v.tzinfo is not None for v in fast):  # (a bare date would not take the offset)
            return list(map(dict(zip(distinct, fast, strict=True)).__getitem__, values))
    except (ValueError, TypeError):
        pass
    # other forms (an offset of their own, a bare date…): as UTCDateTime reads them
    parsed = [None if v is None else fromiso(v) for v in values]
    return [v if v is None else v.replace(tzinfo=UTC) if v.tzinfo is None else v.astimezone(UTC) for v in parsed]


def _decode_json(process: Callable[[Any], Any], values: list[Any]) -> list[Any]:
    seen: dict[Any, Any] = {}
    out = []
    for v in values:
        key = (type(v), v)
        if key not in seen:
            seen[key] = process(v)
        out.append(seen[key])
    return out


def refused(display: str, problems: list[str]) -> BundleError:
    return BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 holds data pdsa-desk cannot "
            "accept: %2."), display, joined(problems[:5], "; ")))


def check_named(table: Table, rows: list[dict[str, Any]], display: str) -> None:
    """Two live rows of a named table (read whole) may not have the same name."""
    if table.name not in NAMED_TABLES:
        return
    names: set[str] = set()
    problems: list[str] = []
    for row in rows:
        if row.get("deleted_at") is None and isinstance(row.get("name"), str):
            key = rules.name_key(row["name"])
            if key in names:
                problems.append(msg(QT_TRANSLATE_NOOP("Exchange", "%1 row %2: two live %3 are named %4"), table.name,
                                    short(row.get("id"), 40), rules.noun(table.name, 2), short(row["name"], 40)))
            names.add(key)
    if problems:
        raise refused(display, problems)


def check_value(table: Table, col: Column[Any], value: object) -> str | None:
    """What is wrong with ``value`` for this column (None: nothing)."""
    return column_check(table, col)(value)


@cache
def column_check(table: Table, col: Column[Any]) -> Check:
    """The check of one column's values, compiled once: value → what is wrong with it (None: nothing)."""
    base = _value_check(table, col)
    if col.nullable:
        return lambda value: None if value is None else base(value)
    return lambda value: "is missing" if value is None else base(value)


def _column_fast_check(table: Table, col: Column[Any]) -> Callable[[list[Any]], bool]:
    """True when every value of a column passes :func:`column_check`, decided with whole-column
    operations that run in C (False: look value by value)."""
    nullable = col.nullable
    exact = _exact_types(col)
    if exact is None:  # checked value by value; each distinct object once (decoded JSON lists are shared)
        check = column_check(table, col)
        return lambda values: not any(map(check, {id(v): v for v in values}.values()))
    types, extra = exact

    def fast(values: list[Any]) -> bool:
        kinds = set(map(type, values))
        if type(None) in kinds:
            if not nullable:
                return False
            kinds.discard(type(None))
            values = [v for v in values if v is not None]
        return kinds <= types and (extra is None or not values or extra(values))
    return fast


def _exact_types(col: Column[Any]) -> tuple[set[type], Callable[[list[Any]], bool] | None] | None:
    """The exact types a column's non-null values may have, and a whole-column check of those values."""
    if col.name == "id" or col.foreign_keys:
        match = UUID.match
        return {str}, lambda values: all(map(match, values))
    kind: TypeEngine[Any] = col.type
    if isinstance(kind, UTCDateTime):
        return {datetime}, lambda values: all(v.tzinfo is not None for v in values)
    if isinstance(kind, TypeDecorator):
        kind = kind.impl  # type: ignore[assignment]
    if isinstance(kind, Boolean):
        return {bool}, None
    if isinstance(kind, Integer):
        return {int}, lambda values: -(2**62) < min(values) and max(values) < 2**62
    if isinstance(kind, Float):
        return {float, int}, lambda values: all(map(math.isfinite, values))
    if isinstance(kind, String) and not isinstance(kind, JSON):
        return _text_types(col.table, col, kind)
    return None


def _text_types(table: Table, col: Column[Any], kind: TypeEngine[Any]) -> tuple[set[type], Callable[[list[Any]], bool]]:
    length = getattr(kind, "length", None)
    limit = length if length and not isinstance(kind, Text) else MAX_TEXT_CHARS
    choices = rules.CHOICES.get((table.name, col.name))
    allowed = set(choices) if choices is not None else None
    return {str}, lambda values: max(map(len, values)) <= limit and (allowed is None or set(values) <= allowed)



# What is wrong with a value of a bundle (made once: the checks run on every value).
_NOT_UUID = msg(QT_TRANSLATE_NOOP("Exchange", "is not a UUID"))
_NOT_TIME = msg(QT_TRANSLATE_NOOP("Exchange", "is not a time"))
_NOT_DATE = msg(QT_TRANSLATE_NOOP("Exchange", "is not a date"))
_NOT_YES_NO = msg(QT_TRANSLATE_NOOP("Exchange", "is not yes/no"))
_NOT_WHOLE = msg(QT_TRANSLATE_NOOP("Exchange", "is not a whole number"))
_OUT_OF_RANGE = msg(QT_TRANSLATE_NOOP("Exchange", "is out of range"))
_NOT_NUMBER = msg(QT_TRANSLATE_NOOP("Exchange", "is not a number"))
_LONG_ITEM = msg(QT_TRANSLATE_NOOP("Exchange", "has an item that is not short text"))
_NOT_TEXT = msg(QT_TRANSLATE_NOOP("Exchange", "is not text"))

def _value_check(table: Table, col: Column[Any]) -> Check:
    if col.name == "id" or col.foreign_keys:
        match = UUID.match
        return lambda value: None if isinstance(value, str) and match(value) else _NOT_UUID
    kind: TypeEngine[Any] = col.type
    if isinstance(kind, UTCDateTime):
        return lambda value: None if isinstance(value, datetime) and value.tzinfo is not None else _NOT_TIME
    if isinstance(kind, TypeDecorator):  # AutoString: a String underneath
        kind = kind.impl  # type: ignore[assignment]
    for kind_class, make in _CHECKS:
        if isinstance(kind, kind_class):
            return make(table, col, kind)
    return lambda _value: None


def _date(_t: Table, _c: Column[Any], _k: TypeEngine[Any]) -> Check:
    return lambda value: None if isinstance(value, date) and not isinstance(value, datetime) else _NOT_DATE


def _boolean(_t: Table, _c: Column[Any], _k: TypeEngine[Any]) -> Check:
    return lambda value: None if isinstance(value, bool) else _NOT_YES_NO


def _integer(_t: Table, _c: Column[Any], _k: TypeEngine[Any]) -> Check:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return _NOT_WHOLE
        return None if -(2**62) < value < 2**62 else _OUT_OF_RANGE
    return check


def _float(_t: Table, _c: Column[Any], _k: TypeEngine[Any]) -> Check:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return _NOT_NUMBER
        return None
    return check


def _list(_t: Table, _c: Column[Any], _k: TypeEngine[Any]) -> Check:
    def check(value: object) -> str | None:
        if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
            return msg(QT_TRANSLATE_NOOP("Exchange", "is not a list of at most %1 items"), MAX_LIST_ITEMS)
        if not all(isinstance(item, str) and len(item) <= 200 for item in value):
            return _LONG_ITEM
        return None
    return check


def _text(table: Table, col: Column[Any], kind: TypeEngine[Any]) -> Check:
    length = getattr(kind, "length", None)
    limit = length if length and not isinstance(kind, Text) else MAX_TEXT_CHARS
    choices = rules.CHOICES.get((table.name, col.name))

    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return _NOT_TEXT
        if len(value) > limit:
            return msg(QT_TRANSLATE_NOOP("Exchange", "is too long (%1 characters; at most %2)"), f"{len(value):,}",
                       f"{limit:,}")
        if choices is not None and value not in choices:
            return msg(QT_TRANSLATE_NOOP("Exchange", "is not one of %1"), ", ".join(choices))
        return None
    return check


# Checked in this order (Text and AutoString are Strings too).
_CHECKS: tuple[tuple[type, Callable[[Table, Column[Any], TypeEngine[Any]], Check]], ...] = (
    (Date, _date),
    (Boolean, _boolean),
    (Integer, _integer),
    (Float, _float),
    (JSON, _list),
    (String, _text),
)

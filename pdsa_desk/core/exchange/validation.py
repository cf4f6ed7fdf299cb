"""The values a bundle may hold: what this app would write itself, and nothing else.

Refused (with table, row and column): wrong types, text longer than its column, lists that are
not short text items, values outside a column's choices (:data:`pdsa_desk.core.rules.CHOICES`),
a row listed twice, two live rows of a named table with the same name.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, String, Table, Text
from sqlalchemy.types import TypeDecorator, TypeEngine
from sqlmodel.sql.sqltypes import UTCDateTime

from pdsa_desk.core import rules
from pdsa_desk.core.exchange.results import BundleError, short, what
from pdsa_desk.core.exchange.tables import EXCHANGED_TABLES, NAMED_TABLES, UUID

#: Longest text accepted in a bundle for columns without a declared length.
MAX_TEXT_CHARS = 200_000
#: Checklists and evidence lists: at most this many items of at most 200 characters.
MAX_LIST_ITEMS = 200
_MAX_PROBLEMS = 5


def validate(rows: dict[str, list[dict[str, Any]]], display: str) -> None:
    """Refuse rows this app would never write: wrong types, oversized text, unknown choices, duplicates."""
    problems: list[str] = []
    for t in EXCHANGED_TABLES:
        problems += _table_problems(t, rows[t.name], _MAX_PROBLEMS - len(problems))
        if len(problems) >= _MAX_PROBLEMS:
            break
    if problems:
        raise BundleError(f"{display} holds data pdsa-desk cannot accept: " + "; ".join(problems[:5]) + ".")


def _table_problems(t: Table, rows: list[dict[str, Any]], room: int) -> list[str]:
    problems: list[str] = []
    ids: set[str] = set()
    names: dict[str, str] = {}
    for row in rows:
        where = f"{t.name} row {short(row.get('id'), 40)}"
        for col in t.columns:
            problem = check_value(t, col, row.get(col.name))
            if problem:
                problems.append(f"{where}: {col.name} {problem}")
        if isinstance(row.get("id"), str):
            if row["id"] in ids:
                problems.append(f"{where}: listed twice")
            ids.add(row["id"])
        if t.name in NAMED_TABLES and row.get("deleted_at") is None and isinstance(row.get("name"), str):
            key = rules.name_key(row["name"])
            if key in names:
                problems.append(f"{where}: two live {what(t.name)}s are named {short(row['name'], 40)}")
            names[key] = row["id"]
        if len(problems) >= room:
            break
    return problems


def check_value(table: Table, col: Column[Any], value: object) -> str | None:
    """What is wrong with ``value`` for this column (None: nothing)."""
    if value is None:
        return None if col.nullable else "is missing"
    if col.name == "id" or col.foreign_keys:
        return None if isinstance(value, str) and UUID.match(value) else "is not a UUID"
    kind: TypeEngine[Any] = col.type
    if isinstance(kind, UTCDateTime):
        return None if isinstance(value, datetime) and value.tzinfo is not None else "is not a time"
    if isinstance(kind, TypeDecorator):  # AutoString: a String underneath
        kind = kind.impl  # type: ignore[assignment]
    for kind_class, check in _CHECKS:
        if isinstance(kind, kind_class):
            return check(table, col, kind, value)
    return None


def _date(_t: Table, _c: Column[Any], _k: TypeEngine[Any], value: object) -> str | None:
    return None if isinstance(value, date) and not isinstance(value, datetime) else "is not a date"


def _boolean(_t: Table, _c: Column[Any], _k: TypeEngine[Any], value: object) -> str | None:
    return None if isinstance(value, bool) else "is not yes/no"


def _integer(_t: Table, _c: Column[Any], _k: TypeEngine[Any], value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "is not a whole number"
    return None if -(2**62) < value < 2**62 else "is out of range"


def _float(_t: Table, _c: Column[Any], _k: TypeEngine[Any], value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return "is not a number"
    return None


def _list(_t: Table, _c: Column[Any], _k: TypeEngine[Any], value: object) -> str | None:
    if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
        return f"is not a list of at most {MAX_LIST_ITEMS} items"
    if not all(isinstance(item, str) and len(item) <= 200 for item in value):
        return "has an item that is not short text"
    return None


def _text(table: Table, col: Column[Any], kind: TypeEngine[Any], value: object) -> str | None:
    if not isinstance(value, str):
        return "is not text"
    length = getattr(kind, "length", None)
    limit = length if length and not isinstance(kind, Text) else MAX_TEXT_CHARS
    if len(value) > limit:
        return f"is too long ({len(value):,} characters; at most {limit:,})"
    choices = rules.CHOICES.get((table.name, col.name))
    if choices is not None and value not in choices:
        return f"is not one of {', '.join(choices)}"
    return None


_Check = Callable[[Table, Column[Any], TypeEngine[Any], object], str | None]
#: Checked in this order (Text and AutoString are Strings too).
_CHECKS: tuple[tuple[type, _Check], ...] = (
    (Date, _date),
    (Boolean, _boolean),
    (Integer, _integer),
    (Float, _float),
    (JSON, _list),
    (String, _text),
)

"""What a bundle carries: the exchanged tables, and how two versions of one row compare.

Every table of :data:`pdsa_desk.core.models.ALL_TABLES` but the workspace's settings row is
exchanged, in foreign-key order; a table added there travels in bundles without a change here
(name its rows in :data:`pdsa_desk.core.rules.NOUNS`, its enumerations in
:data:`pdsa_desk.core.rules.CHOICES`, and, when its live rows have unique names, list it in
:data:`pdsa_desk.core.rules.NAMED_TABLES`; a row that has a natural key besides its UUID is
listed in :data:`NATURAL_KEYS`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, Table, bindparam, func, select, tuple_

from pdsa_desk.core import models, rules
from pdsa_desk.core.exchange.results import BundleError, msg
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP

SETTINGS: Table = models.WorkspaceSettings.__table__
STAGE: Table = models.Stage.__table__


def _ordered(tables: Sequence[Table]) -> tuple[Table, ...]:
    """The tables in foreign-key order (referenced tables first)."""
    wanted = set(tables)
    return tuple(t for t in models.metadata.sorted_tables if t in wanted)


EXCHANGED_TABLES: tuple[Table, ...] = _ordered(
    [m.__table__ for m in models.ALL_TABLES if m is not models.WorkspaceSettings]
)
# What "Send standards to the team" carries.
DEFINITION_TABLES: tuple[str, ...] = ("team", "rep", "stage", "standard_revision", "loss_reason", "tactic")
# Tables whose live rows have unique names (case-insensitive): their clashes need a mapping.
NAMED_TABLES: tuple[str, ...] = rules.NAMED_TABLES
TABLES: dict[str, Table] = {t.name: t for t in EXCHANGED_TABLES}
# Rows that are the same row when these columns agree (all of them set), whatever their UUIDs:
# an opportunity imported from the same CRM record on two laptops, a rep taking part in a cycle.
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "opportunity": ("source", "external_id"),
    "cycle_participant": ("cycle_id", "rep_id"),
}

# Columns never compared or copied over an existing row: identity and local history.
_NOT_CONTENT = frozenset({"id", "created_at", "updated_at"})

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def foreign_keys(table: Table) -> list[tuple[str, str]]:
    """(column, referenced table) of each foreign key."""
    return sorted((fk.parent.name, fk.column.table.name) for fk in table.foreign_keys)


@cache
def content_columns(table: Table) -> tuple[str, ...]:
    """The columns two versions of a row are compared on (a stage's position is the merge's to decide)."""
    skip = _NOT_CONTENT | ({"position"} if table.name == "stage" else set())
    return tuple(c.name for c in table.columns if c.name not in skip)


def version_key(table: Table, row: Mapping[str, Any]) -> tuple[datetime, str]:
    """Total order of versions of one row: newer first, then a content tie-break every laptop agrees on."""
    content = json.dumps([row.get(c) for c in content_columns(table)], default=str, sort_keys=True)
    return row["updated_at"], content


def newer(table: Table, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """``version_key(table, a) > version_key(table, b)``, without the tie-break's cost unless the times tie."""
    if a["updated_at"] != b["updated_at"]:
        return bool(a["updated_at"] > b["updated_at"])
    return version_key(table, a) > version_key(table, b)


@cache
def _content(table: Table) -> Callable[[Mapping[str, Any]], Any]:
    return itemgetter(*content_columns(table))


def same_content(table: Table, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    get = _content(table)
    return bool(get(a) == get(b))


def parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered so that a row referring to another row of the same table comes after it."""
    self_fks = [col for col, target in foreign_keys(table) if target == table.name]
    if not self_fks:
        return rows
    by_id = {r["id"]: r for r in rows}
    done: set[str] = set()
    result: list[dict[str, Any]] = []

    def visit(row: dict[str, Any], depth: int = 0) -> None:
        if row["id"] in done or depth > len(rows):
            return
        for col in self_fks:
            parent = by_id.get(row[col]) if row[col] else None
            if parent is not None and parent is not row:
                visit(parent, depth + 1)
        if row["id"] not in done:
            done.add(row["id"])
            result.append(row)

    for row in rows:
        visit(row)
    return result


# Values per ``IN (…)`` list (SQLite allows 32,766 parameters, PostgreSQL 65,535).
ID_BATCH = 2000
# Values per query on SQLite, where they travel as one JSON array (one parameter).
JSON_BATCH = 50_000


def among(conn: Connection, columns: Sequence[ColumnElement[Any]],
          values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """``columns IN values`` (one column: values; several: tuples), batched: one condition per query.

    On SQLite the values travel as one JSON array read by ``json_each``: the statement is the same for
    every batch, so SQLAlchemy compiles it once (an expanding ``IN`` of 2,000 values is compiled again
    for each batch, which cost more than the query). Elsewhere a plain ``IN`` list."""
    if conn.dialect.name != "sqlite":
        target = columns[0] if len(columns) == 1 else tuple_(*columns)
        for i in range(0, len(values), ID_BATCH):
            yield target.in_(values[i: i + ID_BATCH])
        return
    for i in range(0, len(values), JSON_BATCH):
        batch = json.dumps(list(values[i: i + JSON_BATCH]), default=str)
        each = func.json_each(bindparam("batch", batch, type_=String)).table_valued("value")
        if len(columns) == 1:
            yield columns[0].in_(select(each.c.value))
        else:
            parts = [func.json_extract(each.c.value, f"$[{j}]") for j in range(len(columns))]
            yield tuple_(*columns).in_(select(*parts))


def rows_by_id(conn: Connection, table: Table, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The rows of ``table`` with these ids (tombstones too), by id."""
    found: dict[str, dict[str, Any]] = {}
    for where in among(conn, [table.c.id], list(dict.fromkeys(ids))):
        for r in conn.execute(select(table).where(where)).mappings():
            found[r["id"]] = dict(r)
    return found


def existing_ids(conn: Connection, table: Table, ids: Iterable[str]) -> set[str]:
    """Which of these ids are rows of ``table`` (tombstones too)."""
    found: set[str] = set()
    for where in among(conn, [table.c.id], list(dict.fromkeys(ids))):
        found.update(conn.execute(select(table.c.id).where(where)).scalars())
    return found


def settings_id(conn: Connection) -> tuple[str, str]:
    """(id, name) of this workspace's settings row: who is exporting or merging."""
    row = conn.execute(
        select(SETTINGS.c.id, SETTINGS.c.name)
        .where(SETTINGS.c.deleted_at.is_(None)).order_by(SETTINGS.c.created_at)
    ).first()
    if row is None:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "The workspace has no settings row; "
                "run 'pdsa-desk check'.")))
    return row.id, row.name

"""Applying a merge plan: writing the rows, then keeping the workspace's rules, then the bookkeeping.

Rows are written a chunk at a time in bulk (:func:`write_actions`): one executemany for the new
rows and one per set of changed columns for the updated ones (a tombstone sets ``deleted_at`` and
``updated_at`` only), through the importer's writer.

After every row is written (:func:`finish`), the rules of
:mod:`pdsa_desk.core.rules` that rows of two laptops can break together are restored or refused:

* **Stage order**: live stages stay at 0..n-1. Stages new here are appended after ours, in the
  sender's order. When the sender ordered the stages we share differently *and* its versions of
  them are newer (the manager reordered the standards), the sender's order is adopted instead,
  with stages only we have appended after it.
* **Unique names**: a merge that would leave two live rows of a named table with the same name
  (one was renamed on the other laptop) is refused.
* **Standard revisions**: a live stage the merge wrote that has no live revision (a bundle
  exported ``since`` a date may carry a stage without its older revisions) gets its first
  revision, recorded by "merge", with an id every laptop derives alike.

Then the origin's mappings and the newest bundle merged from it are remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Column, Connection, Table, bindparam, select, update
from sqlmodel.sql.sqltypes import UTCDateTime

from pdsa_desk.core import models, rules
from pdsa_desk.core.exchange.bundle_file import BundleHeader
from pdsa_desk.core.exchange.plan import Action, Plan
from pdsa_desk.core.exchange.results import BundleError, TableCounts, msg
from pdsa_desk.core.exchange.tables import NAMED_TABLES, STAGE, TABLES, foreign_keys
from pdsa_desk.core.exchange.validation import SQLITE
from pdsa_desk.core.importing.writer import Writer
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP

_identity_map = models.merge_identity_map
_merge_origin = models.merge_origin
_REVISION = TABLES["standard_revision"]
# Who a standard revision recorded by a merge is credited to.
MERGE_AUTHOR = "merge"


def write_actions(conn: Connection, writer: Writer, table: Table, actions: Sequence[Action]) -> None:
    """Write one chunk's planned rows: the new ones in one bulk insert (by id; a table whose rows refer
    to each other in the planned order, parents first), then the updates, one bulk update per set of
    changed columns."""
    new = [a for a in actions if a.insert]
    if new and not any(target == table.name for _, target in foreign_keys(table)):
        new.sort(key=lambda a: a.values["id"])  # appended near each other in the id index (random UUIDs: ~1.7x faster)
    if new:
        write_new(conn, writer, table, new)
    updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for a in actions:
        if not a.insert and a.changed:
            updates.setdefault(a.changed, []).append(a.values)
    for columns, rows in updates.items():
        write_rows(conn, writer, table, columns, rows, insert=False)


def write_new(conn: Connection, writer: Writer, table: Table, new: Sequence[Action]) -> None:
    """Insert new rows: as the bundle stores them when it stores all of them as they would be written (each
    row's values straight through, nothing decoded and encoded again), else from their values."""
    stored = [a.stored for a in new if a.stored is not None]
    write_rows(conn, writer, table, tuple(c.name for c in table.columns), [a.values for a in new], insert=True,
               stored=stored if len(stored) == len(new) else None)


def write_rows(conn: Connection, writer: Writer, table: Table, columns: tuple[str, ...],
               rows: list[dict[str, Any]], *, insert: bool, stored: list[tuple[Any, ...]] | None = None) -> None:
    """Insert ``rows`` (their ``columns``), or set ``columns`` of the rows with their ids: the single place
    merged rows are written, so that a failure can be injected in tests. ``stored``: the new rows as the
    bundle stores them (all ``columns``, SQLite values, only on the fast path), inserted as they are.

    On SQLite the values go to the driver in the form SQLAlchemy stores them (its own bind processors,
    through the importer's :class:`~pdsa_desk.core.importing.writer.Writer`); elsewhere through
    SQLAlchemy Core's executemany."""
    if insert:
        writer.insert(table, columns, stored if stored is not None and writer.fast else
                      _values(writer, table, columns, rows))
        return
    if writer.fast:
        ids = [(r["id"],) for r in rows]
        values = [v + i for v, i in zip(_values(writer, table, columns, rows), ids, strict=True)]
        conn.exec_driver_sql(_update_sql(table, columns), values)
    else:
        stmt = update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
        conn.execute(stmt, [{"_id": r["id"], **{c: r[c] for c in columns}} for r in rows])


def _values(writer: Writer, table: Table, columns: tuple[str, ...],
            rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows as tuples of database values in ``columns`` order (Python values unless on the fast path)."""
    if len(columns) == 1:
        tuples = [(r[columns[0]],) for r in rows]
    else:
        tuples = list(map(itemgetter(*columns), rows))
    encode = [writer.fast and _needs_encoding(writer.conn.dialect, table.c[c]) for c in columns]
    if not any(encode):
        return tuples
    cells: list[Sequence[Any]] = []
    for c, values, needed in zip(columns, zip(*tuples, strict=True), encode, strict=True):  # column by column
        cells.append(_encoded(writer, table.c[c], list(values)) if needed else values)
    return list(zip(*cells, strict=True))


def _needs_encoding(dialect: Any, column: Column[Any]) -> bool:
    return isinstance(column.type, UTCDateTime) or _encoder(dialect, column) is not None


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _encoded(writer: Writer, column: Column[Any], values: list[Any]) -> list[Any]:
    """A column's values as SQLAlchemy stores them on SQLite: its own bind processor, except for times
    (the importer's :meth:`~pdsa_desk.core.importing.writer.Writer.times`, the same text ~5x faster) and
    JSON lists (each distinct list serialized once)."""
    if isinstance(column.type, UTCDateTime):  # each distinct time once (times repeat, see validation)
        distinct = [v for v in dict.fromkeys(values) if v is not None]
        texts = writer.times([(v - _EPOCH) // _MICROSECOND for v in distinct])
        return list(map({None: None, **dict(zip(distinct, texts, strict=True))}.__getitem__, values))
    process = _encoder(writer.conn.dialect, column)
    if process is None:
        return values
    if isinstance(column.type, JSON):
        seen: dict[Any, Any] = {}
        out = []
        for v in values:
            key = tuple(v) if isinstance(v, list) else v
            if key not in seen:
                seen[key] = process(v)
            out.append(seen[key])
        return out
    return list(map(process, values))


@cache
def _encoder(dialect: Any, column: Column[Any]) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


@cache
def _update_sql(table: Table, columns: tuple[str, ...]) -> str:
    quote = SQLITE.identifier_preparer.quote
    sets = ", ".join(f"{quote(c)} = ?" for c in columns)
    return f"UPDATE {quote(table.name)} SET {sets} WHERE {quote('id')} = ?"  # noqa: S608 - schema names


def finish(conn: Connection, plan: Plan, header: BundleHeader, display: str) -> None:
    """After every row is written (inside the caller's transaction): the workspace's rules, then the
    origin's bookkeeping."""
    if plan.stages_incoming:
        renumber_stages(conn, plan)
    for name in NAMED_TABLES:
        if name in plan.written:
            _refuse_duplicate_names(conn, name, display)
    _record_missing_revisions(conn, plan)
    _remember_origin(conn, plan, header)


def renumber_stages(conn: Connection, plan: Plan) -> None:
    """Live stages at 0..n-1: ours in our order, new ones appended in the sender's order, unless the
    sender reordered the stages we share and its versions of them are newer: then the sender's order."""
    live = {r.id: r.position for r in conn.execute(
        select(STAGE.c.id, STAGE.c.position).where(STAGE.c.deleted_at.is_(None)))}
    incoming = plan.stages_incoming
    before = [stage_id for stage_id, _ in plan.stages_before]
    stamped = dict(plan.stages_before)

    def sender_order(stage_id: str) -> tuple[int, datetime, str]:
        row = incoming[stage_id]
        return row["position"], row["created_at"], stage_id

    shared = [i for i in before if i in incoming]
    adopt = bool(shared) and sorted(shared, key=sender_order) != shared and (
        max(incoming[i]["updated_at"] for i in shared) > max(stamped[i] for i in shared))
    if adopt:
        order = sorted((i for i in incoming if i in live), key=sender_order)
        order += [i for i in before if i in live and i not in incoming]
    else:
        order = [i for i in before if i in live]
        order += sorted((i for i in incoming if i in live and i not in before), key=sender_order)
    order += sorted(set(live) - set(order), key=lambda i: (live[i], i))  # none expected; never lose one
    for stage_id, position in rules.renumbered(order, live).items():
        conn.execute(STAGE.update().where(STAGE.c.id == stage_id).values(position=position))


def _refuse_duplicate_names(conn: Connection, table: str, display: str) -> None:
    dup = rules.duplicate_names(conn, table)
    if dup:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "Merging %1 would leave two %2 "
                "named '%3' (one was renamed on the other laptop); rename one of them here, then merge again. "
                "Nothing was changed."), display, rules.noun(table, 2), dup[0]))


def _record_missing_revisions(conn: Connection, plan: Plan) -> None:
    """Every live stage has a live standard revision: record one for a stage the merge left without."""
    touched = plan.touched_stages
    if not touched:
        return
    counts = plan.counts.setdefault("standard_revision", TableCounts())
    for stage in rules.stages_without_revision(conn, touched):
        revision_id = rules.first_revision_id(stage["id"])
        values = rules.standard_revision(stage["id"], stage["name"], stage["standard"], stage["checklist"],
                                         at=stage["created_at"], author=MERGE_AUTHOR, revision_id=revision_id)
        exists = conn.execute(select(_REVISION.c.id).where(_REVISION.c.id == revision_id)).first() is not None
        if exists:  # recorded before and deleted with the stage: the revived stage gets it back
            values |= {"deleted_at": None}
            conn.execute(_REVISION.update().where(_REVISION.c.id == revision_id).values(
                **{k: v for k, v in values.items() if k != "id"}))
        else:
            conn.execute(_REVISION.insert().values(**values))
        if exists:
            counts.updated += 1
        else:
            counts.added += 1


def _remember_origin(conn: Connection, plan: Plan, header: BundleHeader) -> None:
    """Remember the mappings chosen for the origin and the newest bundle merged from it."""
    now = models.utcnow()
    origin_id = header.origin_workspace_id
    for table_name, remote_id, local_id in plan.new_mappings:
        exists = conn.execute(select(_identity_map.c.id).where(
            _identity_map.c.origin_workspace_id == origin_id,
            _identity_map.c.table_name == table_name, _identity_map.c.remote_id == remote_id)).scalar()
        if exists is None:
            conn.execute(_identity_map.insert().values(
                id=models.new_id(), created_at=now, updated_at=now, origin_workspace_id=origin_id,
                table_name=table_name, remote_id=remote_id, local_id=local_id))
        else:
            conn.execute(_identity_map.update().where(_identity_map.c.id == exists).values(
                local_id=local_id, updated_at=now, deleted_at=None))
    origin = conn.execute(select(_merge_origin).where(_merge_origin.c.origin_workspace_id == origin_id)).first()
    if origin is None:
        conn.execute(_merge_origin.insert().values(
            id=models.new_id(), created_at=now, updated_at=now, origin_workspace_id=origin_id,
            origin_name=header.origin_name, last_exported_at=header.exported_at, last_merged_at=now))
    elif header.exported_at > origin.last_exported_at:
        conn.execute(_merge_origin.update().where(_merge_origin.c.id == origin.id).values(
            origin_name=header.origin_name, last_exported_at=header.exported_at, last_merged_at=now, updated_at=now))

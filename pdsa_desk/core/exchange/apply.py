"""Applying a merge plan: writing the rows, then keeping the workspace's rules, then the bookkeeping.

After the rows of :class:`~pdsa_desk.core.exchange.plan.Plan` are written, the rules of
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

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from pdsa_desk.core import models, rules
from pdsa_desk.core.exchange.bundle_file import BundleHeader
from pdsa_desk.core.exchange.plan import Plan
from pdsa_desk.core.exchange.results import BundleError, TableCounts
from pdsa_desk.core.exchange.tables import EXCHANGED_TABLES, NAMED_TABLES, STAGE, TABLES

_identity_map = models.merge_identity_map
_merge_origin = models.merge_origin
_REVISION = TABLES["standard_revision"]
#: Who a standard revision recorded by a merge is credited to.
MERGE_AUTHOR = "merge"


def write_row(conn: Connection, table: Table, values: dict[str, Any], *, insert: bool) -> None:
    """Write one merged row (the single place rows are written, so that a failure can be injected in tests)."""
    if insert:
        conn.execute(table.insert().values(**values))
    else:
        row_id = values["id"]
        conn.execute(table.update().where(table.c.id == row_id).values(
            **{k: v for k, v in values.items() if k != "id"}))


def apply_plan(conn: Connection, plan: Plan, header: BundleHeader, display: str) -> None:
    """Carry out ``plan`` inside the caller's transaction (which rolls back on any error)."""
    for t in EXCHANGED_TABLES:
        for action in plan.actions.get(t.name, []):
            write_row(conn, t, action.values, insert=action.insert)
    if plan.stages_incoming:
        renumber_stages(conn, plan)
    for name in NAMED_TABLES:
        if plan.actions.get(name):
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
        raise BundleError(f"Merging {display} would leave two {rules.noun(table, 2)} named '{dup[0]}' (one was "
                          "renamed on the other laptop); rename one of them here, then merge again. Nothing was "
                          "changed.")


def _record_missing_revisions(conn: Connection, plan: Plan) -> None:
    """Every live stage has a live standard revision: record one for a stage the merge left without."""
    touched = [a.values["id"] for a in plan.actions.get("stage", [])]
    touched += [a.values["stage_id"] for a in plan.actions.get("standard_revision", []) if a.values.get("stage_id")]
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
        write_row(conn, _REVISION, values, insert=not exists)
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

"""Planning a merge: which incoming row is which of ours, what wins, what conflicts (writes nothing).

* Rows are matched by UUID. Of two versions of a row the newer ``updated_at`` wins (ties: the
  larger content, so that every laptop picks the same). Tombstones are versions too: a newer
  tombstone deletes, a newer edit revives. A row whose two versions both changed since the two
  workspaces last exchanged bundles is reported as a *conflict* with the losing version's values;
  the rest are *added*, *updated* or *skipped* (same content, or ours newer).
* A stage, rep, team, tactic or loss reason that is new here but has the name (ignoring case)
  of a live row of ours is a *definitions conflict*: it must be mapped to the existing row
  (``map_by_name`` maps them all by name, or pass ``mapping``); unmapped ones are listed in
  :attr:`Plan.unresolved`. Mappings remembered per origin in ``merge_identity_map`` apply again,
  and foreign keys of incoming rows are rewritten to the local ids. A mapped definition is a
  reference only: our row is kept as it is (their name or standard never overwrite ours), so
  later edits of it on that laptop do not travel either.
* Rows with the same natural key (:data:`~pdsa_desk.core.exchange.tables.NATURAL_KEYS`: an
  opportunity with the same CRM source and id, a cycle participant with the same cycle and rep)
  are the same row.
* Every reference of an incoming row must point to a row of the bundle or of this workspace.

The plan is a list of row writes per table (:class:`Action`) plus what the report needs;
:mod:`pdsa_desk.core.exchange.apply` carries it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select, tuple_

from pdsa_desk.core import models, rules
from pdsa_desk.core.exchange.bundle_file import BundleHeader, Rows
from pdsa_desk.core.exchange.results import BundleError, Conflict, NameConflict, TableCounts, label, what
from pdsa_desk.core.exchange.tables import (
    EXCHANGED_TABLES,
    NAMED_TABLES,
    NATURAL_KEYS,
    STAGE,
    TABLES,
    content_columns,
    foreign_keys,
    parents_first,
    rows_by_id,
    same_content,
    settings_id,
    version_key,
)

_identity_map = models.merge_identity_map
_merge_origin = models.merge_origin


@dataclass
class Action:
    """One row to write: inserted (new here) or updated (the incoming version wins)."""

    insert: bool
    values: dict[str, Any]


@dataclass
class Plan:
    actions: dict[str, list[Action]]
    counts: dict[str, TableCounts]
    conflicts: list[Conflict]
    mapped: list[NameConflict]
    unresolved: list[NameConflict]
    #: (table, remote id, local id) of mappings to remember for the origin.
    new_mappings: list[tuple[str, str, str]]
    local_id: str
    #: Live stages before the merge, in order: (id, updated_at).
    stages_before: list[tuple[str, datetime]] = field(default_factory=list)
    #: The incoming stage rows (local ids), by id.
    stages_incoming: dict[str, dict[str, Any]] = field(default_factory=dict)


def plan_merge(
    conn: Connection,
    incoming: Rows,
    header: BundleHeader,
    display: str,
    mapping: Mapping[tuple[str, str], str],
    *,
    map_by_name: bool,
) -> Plan:
    """What merging ``incoming`` into the workspace behind ``conn`` would write (nothing is written)."""
    return _Planner(conn, header, dict(mapping), map_by_name).plan(incoming, display)


class _Planner:
    def __init__(self, conn: Connection, header: BundleHeader, mapping: dict[tuple[str, str], str],
                 map_by_name: bool) -> None:
        self.conn = conn
        self.mapping = mapping
        self.map_by_name = map_by_name
        local_id, _ = settings_id(conn)
        origin = header.origin_workspace_id
        self.remembered = {
            (r.table_name, r.remote_id): r.local_id
            for r in conn.execute(select(_identity_map).where(
                _identity_map.c.origin_workspace_id == origin, _identity_map.c.deleted_at.is_(None)))
        }
        origin_row = conn.execute(select(_merge_origin).where(_merge_origin.c.origin_workspace_id == origin)).first()
        # The last time the two workspaces are known to have exchanged: the newest bundle of theirs merged
        # here, or of ours merged there. Versions stamped before it were known to both sides.
        known = [b for b in (origin_row.last_exported_at if origin_row is not None else None,
                             header.seen.get(local_id)) if b is not None]
        self.exchanged = max(known) if known else None
        self.result = Plan(actions={}, counts={}, conflicts=[], mapped=[], unresolved=[], new_mappings=[],
                           local_id=local_id)
        #: Per table: incoming id -> local id, for rows that are one of ours under another id.
        self.aliases: dict[str, dict[str, str]] = {}

    def plan(self, incoming: Rows, display: str) -> Plan:
        final_ids: dict[str, set[str]] = {}
        for t in EXCHANGED_TABLES:
            rows = [dict(r) for r in incoming[t.name]]
            final_ids[t.name] = self._plan_rows(t, rows)
        self._check_references(incoming, final_ids, display)
        return self.result

    def _plan_rows(self, t: Table, rows: list[dict[str, Any]]) -> set[str]:
        """Plan one table's rows; returns their ids as they will be here."""
        fks = foreign_keys(t)
        for row in rows:  # references to rows of earlier tables that were mapped
            for col, target in fks:
                if target != t.name and row[col] is not None and row[col] in self.aliases.get(target, {}):
                    row[col] = self.aliases[target][row[col]]
        here = rows_by_id(self.conn, t, [r["id"] for r in rows])
        alias: dict[str, str] = {}
        mapped: set[str] = set()  # definitions mapped to one of ours: references only, ours is kept as is
        new = [row for row in rows if row["id"] not in here]
        self._match_mapped(t, new, alias, mapped)
        self._match_natural_keys(t, [row for row in new if row["id"] not in alias], alias)
        if t.name in NAMED_TABLES:
            self._name_clashes(t, rows, here, alias, mapped)
        merged = [row for row in rows if row["id"] not in mapped]
        self.result.counts.setdefault(t.name, TableCounts()).skipped += len(rows) - len(merged)
        for row in rows:  # references within the table, then the row's own id
            for col, target in fks:
                if target == t.name and row[col] in alias:
                    row[col] = alias[row[col]]
            row["id"] = alias.get(row["id"], row["id"])
        self.aliases[t.name] = alias
        best = self._plan_table(t, merged)
        if t.name == "stage":
            self.result.stages_before = [(r.id, r.updated_at) for r in self.conn.execute(
                select(STAGE.c.id, STAGE.c.updated_at).where(STAGE.c.deleted_at.is_(None))
                .order_by(STAGE.c.position, STAGE.c.created_at, STAGE.c.id))]
            self.result.stages_incoming = best
        return {r["id"] for r in rows}

    def _match_mapped(self, t: Table, new: list[dict[str, Any]], alias: dict[str, str], mapped: set[str]) -> None:
        """Rows the user mapped to one of ours now, or that were mapped by an earlier merge from this origin."""
        for row in new:
            rid = row["id"]
            key = (t.name, rid)
            if key in self.mapping:
                local = self.mapping[key]
                target_row = rows_by_id(self.conn, t, [local]).get(local)
                if target_row is None or target_row["deleted_at"] is not None:
                    raise BundleError(f"The {what(t.name)} chosen for '{label(t.name, row)}' no longer exists.")
                alias[rid] = local
                mapped.add(rid)
                self.result.new_mappings.append((t.name, rid, local))
                self.result.mapped.append(NameConflict(t.name, rid, label(t.name, row), local,
                                                       label(t.name, target_row)))
            elif key in self.remembered and rows_by_id(self.conn, t, [self.remembered[key]]):
                alias[rid] = self.remembered[key]
                mapped.add(rid)

    def _match_natural_keys(self, t: Table, new: list[dict[str, Any]], alias: dict[str, str]) -> None:
        """New rows whose natural key (all of it set) is a row of ours: the same row."""
        columns = NATURAL_KEYS.get(t.name)
        if not columns:
            return
        wanted: dict[tuple[Any, ...], list[str]] = {}
        for row in new:
            key = tuple(row[c] for c in columns)
            if all(v is not None for v in key):
                wanted.setdefault(key, []).append(row["id"])
        keys = list(wanted)
        key_columns = [t.c[c] for c in columns]
        for i in range(0, len(keys), 300):
            chunk = keys[i: i + 300]
            for found in self.conn.execute(select(t.c.id, *key_columns).where(tuple_(*key_columns).in_(chunk))):
                for rid in wanted.get(tuple(found[1:]), ()):
                    alias[rid] = found[0]

    def _name_clashes(self, t: Table, rows: list[dict[str, Any]], here: dict[str, dict[str, Any]],
                      alias: dict[str, str], mapped: set[str]) -> None:
        """New live definitions named like a live row of ours (as it will be after this merge) need a mapping."""
        incoming_by_id = {r["id"]: r for r in rows}
        effective: dict[str, dict[str, Any]] = {}
        for r in self.conn.execute(select(t)).mappings():
            mine = dict(r)
            theirs = incoming_by_id.get(mine["id"])
            if theirs is not None and version_key(t, theirs) > version_key(t, mine):
                mine = theirs
            if mine["deleted_at"] is None:
                effective.setdefault(rules.name_key(mine["name"]), mine)
        for row in rows:
            rid = row["id"]
            if rid in here or rid in alias or row["deleted_at"] is not None:
                continue
            clash = effective.get(rules.name_key(row["name"]))
            if clash is None:
                continue
            conflict = NameConflict(t.name, rid, row["name"], clash["id"], clash["name"])
            if self.map_by_name:
                alias[rid] = clash["id"]
                mapped.add(rid)
                self.result.new_mappings.append((t.name, rid, clash["id"]))
                self.result.mapped.append(conflict)
            else:
                self.result.unresolved.append(conflict)

    def _plan_table(self, t: Table, rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Insert, update or skip each row (several incoming rows may have become one: the newest counts)."""
        counts = self.result.counts.setdefault(t.name, TableCounts())
        actions = self.result.actions.setdefault(t.name, [])
        best: dict[str, dict[str, Any]] = {}
        for row in rows:
            current = best.get(row["id"])
            if current is None or version_key(t, row) > version_key(t, current):
                if current is not None:
                    counts.skipped += 1
                best[row["id"]] = row
            else:
                counts.skipped += 1
        here = rows_by_id(self.conn, t, list(best))
        for row in parents_first(t, list(best.values())):
            local = here.get(row["id"])
            if local is None:
                actions.append(Action(insert=True, values=row))
                counts.added += 1
            else:
                self._plan_version(t, row, local, counts, actions)
        return best

    def _plan_version(self, t: Table, row: dict[str, Any], local: dict[str, Any], counts: TableCounts,
                      actions: list[Action]) -> None:
        """An incoming version of one of our rows: the newer wins; both changed since the last exchange conflict."""
        incoming_wins = version_key(t, row) > version_key(t, local)
        update = {k: v for k, v in row.items() if k not in ("id", "created_at")} | {"id": row["id"]}
        if same_content(t, row, local):
            if incoming_wins:  # the same content, newer stamp: keep the newest version everywhere
                actions.append(Action(insert=False, values=update))
            if incoming_wins and t.name == "stage" and row["position"] != local["position"]:
                counts.updated += 1  # moved: the new order may be adopted (see apply.renumber_stages)
            else:
                counts.skipped += 1
            return
        exchanged = self.exchanged
        if exchanged is None or min(row["updated_at"], local["updated_at"]) > exchanged:  # changed on both sides
            winner, loser = (row, local) if incoming_wins else (local, row)
            self.result.conflicts.append(Conflict(
                table=t.name, row_id=row["id"], label=label(t.name, winner),
                kept="incoming" if incoming_wins else "local",
                kept_updated_at=winner["updated_at"], other_updated_at=loser["updated_at"],
                other={c: loser[c] for c in content_columns(t) if loser[c] != winner[c]},
            ))
            counts.conflicts += 1
        elif incoming_wins:
            counts.updated += 1
        else:
            counts.skipped += 1
        if incoming_wins:
            actions.append(Action(insert=False, values=update))

    def _check_references(self, incoming: Rows, final_ids: dict[str, set[str]], display: str) -> None:
        """Every reference of an incoming row must point to a row of the bundle or of this workspace."""
        wanted: dict[str, dict[str, tuple[str, str]]] = {}
        for t in EXCHANGED_TABLES:
            for row in incoming[t.name]:
                for col, target in foreign_keys(t):
                    ref: str | None = row[col]
                    if ref is None:
                        continue
                    ref = self.aliases.get(target, {}).get(ref, ref)
                    if ref not in final_ids.get(target, set()):
                        wanted.setdefault(target, {}).setdefault(ref, (t.name, row["id"]))
        missing: list[str] = []
        for target, refs in wanted.items():
            present = rows_by_id(self.conn, TABLES[target], list(refs))
            for ref, (table, row_id) in refs.items():
                if ref not in present:
                    missing.append(f"{what(table)} {row_id} refers to a {what(target)} ({ref}) that is neither in "
                                   "the file nor in this workspace")
        if missing:
            more = f" (and {len(missing) - 3} more)" if len(missing) > 3 else ""
            raise BundleError(f"{display} is incomplete: " + "; ".join(missing[:3]) + more + ". Nothing was changed.")

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

A :class:`Planner` plans the file a chunk of rows at a time: each chunk gives its row writes
(:class:`Action`), which :mod:`pdsa_desk.core.exchange.apply` carries out before the next chunk;
what the report needs accumulates in :class:`Plan`. Comparing two versions costs a comparison of
their times; the content tie-break (:func:`~pdsa_desk.core.exchange.tables.version_key`) is
computed only when the times are equal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select

from pdsa_desk.core import models, rules
from pdsa_desk.core.exchange.bundle_file import BundleHeader
from pdsa_desk.core.exchange.results import BundleError, Conflict, NameConflict, TableCounts, label, msg, what
from pdsa_desk.core.exchange.tables import (
    NAMED_TABLES,
    NATURAL_KEYS,
    STAGE,
    among,
    content_columns,
    existing_ids,
    foreign_keys,
    newer,
    parents_first,
    rows_by_id,
    same_content,
    settings_id,
)
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message, joined

_identity_map = models.merge_identity_map
_merge_origin = models.merge_origin
# Conflicts listed with the losing version's values; more are counted (a million rows changed on both
# sides are one decision for the user, not a million lines to read).
MAX_CONFLICTS_LISTED = 1000


@dataclass(slots=True)
class Action:
    """One row to write: inserted (new here) or updated (the incoming version wins; ``changed``: the
    columns whose values differ from ours, the only ones written)."""

    insert: bool
    values: dict[str, Any]
    changed: tuple[str, ...] = ()
    # A new row's values as the bundle stores them (in ``table.columns`` order), when nothing in it was
    # rewritten and the bundle stores them as the merge writes them: written as they are.
    stored: tuple[Any, ...] | None = None


@dataclass
class Plan:
    """What the merge found so far (it grows as the file's rows are planned, a chunk at a time)."""

    counts: dict[str, TableCounts]
    conflicts: list[Conflict]
    mapped: list[NameConflict]
    unresolved: list[NameConflict]
    # (table, remote id, local id) of mappings to remember for the origin.
    new_mappings: list[tuple[str, str, str]]
    local_id: str
    # Live stages before the merge, in order: (id, updated_at).
    stages_before: list[tuple[str, datetime]] = field(default_factory=list)
    # The incoming stage rows (local ids), by id.
    stages_incoming: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Tables the merge writes rows of.
    written: set[str] = field(default_factory=set)
    # Stages the merge wrote, or wrote standard revisions of.
    touched_stages: list[str] = field(default_factory=list)


class Planner:
    """Plans the rows of a bundle against the workspace behind ``conn``, a table at a time (referenced
    tables first) and a chunk at a time: :meth:`plan_rows` returns the writes of one chunk.

    A chunk's references are checked against the database, so the rows of the tables it refers to
    must have been written (:mod:`~pdsa_desk.core.exchange.merge` writes each chunk before the next).
    Named tables and tables that refer to themselves must come in one chunk.
    """

    def __init__(self, conn: Connection, header: BundleHeader, mapping: Mapping[tuple[str, str], str],
                 map_by_name: bool) -> None:
        self.conn = conn
        self.mapping = dict(mapping)
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
        self.result = Plan(counts={}, conflicts=[], mapped=[], unresolved=[], new_mappings=[], local_id=local_id)
        # Per table: incoming id -> local id, for rows that are one of ours under another id.
        self.aliases: dict[str, dict[str, str]] = {}
        # The chunk's rows as stored, by ``id()`` of their dicts: the rows not rewritten (yet).
        self._stored: dict[int, tuple[Any, ...]] = {}

    def plan_rows(self, t: Table, rows: list[dict[str, Any]], display: str, *,
                  check_references: bool = True, stored: Sequence[tuple[Any, ...]] | None = None) -> list[Action]:
        """Plan one chunk of a table's rows (changed in place to local ids); returns the writes.

        ``check_references=False`` (a preview, which writes nothing) skips the check of references.
        ``stored``: the rows as the bundle stores them, when they may be written as they are; a new row
        that is not rewritten here is then inserted from them (:attr:`Action.stored`)."""
        self._stored = dict(zip(map(id, rows), stored, strict=True)) if stored is not None else {}
        fks = foreign_keys(t)
        for col, target in fks:  # references to rows of earlier tables that were mapped
            earlier = self.aliases.get(target) if target != t.name else None
            if earlier:
                for row in rows:
                    if row[col] is not None and row[col] in earlier:
                        row[col] = earlier[row[col]]
                        self._stored.pop(id(row), None)
        here = rows_by_id(self.conn, t, [r["id"] for r in rows])
        alias: dict[str, str] = {}
        mapped: set[str] = set()  # definitions mapped to one of ours: references only, ours is kept as is
        new = [row for row in rows if row["id"] not in here]
        self._match_mapped(t, new, alias, mapped)
        self._match_natural_keys(t, [row for row in new if row["id"] not in alias], alias)
        if t.name in NAMED_TABLES:
            self._name_clashes(t, rows, here, alias, mapped)
        merged = [row for row in rows if row["id"] not in mapped]
        counts = self.result.counts.setdefault(t.name, TableCounts())
        counts.skipped += len(rows) - len(merged)
        for row in rows:  # references within the table, then the row's own id
            for col, target in fks:
                if target == t.name and row[col] in alias:
                    row[col] = alias[row[col]]
                    self._stored.pop(id(row), None)
            if row["id"] in alias:
                row["id"] = alias[row["id"]]
                self._stored.pop(id(row), None)
        self.aliases.setdefault(t.name, {}).update(alias)
        if check_references:
            self._check_references(t, rows, display)
        if alias:  # rows that became one of ours: compare with ours
            here |= rows_by_id(self.conn, t, [i for i in alias.values() if i not in here])
        if t.name == "stage":
            self.result.stages_before = [(r.id, r.updated_at) for r in self.conn.execute(
                select(STAGE.c.id, STAGE.c.updated_at).where(STAGE.c.deleted_at.is_(None))
                .order_by(STAGE.c.position, STAGE.c.created_at, STAGE.c.id))]
        return self._plan_table(t, merged, here)

    def _match_mapped(self, t: Table, new: list[dict[str, Any]], alias: dict[str, str], mapped: set[str]) -> None:
        """Rows the user mapped to one of ours now, or that were mapped by an earlier merge from this origin."""
        for row in new:
            rid = row["id"]
            key = (t.name, rid)
            if key in self.mapping:
                local = self.mapping[key]
                target_row = rows_by_id(self.conn, t, [local]).get(local)
                if target_row is None or target_row["deleted_at"] is not None:
                    raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "The %1 chosen for '%2' "
                            "no longer exists."), what(t.name), label(t.name, row)))
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
            if None not in key:
                wanted.setdefault(key, []).append(row["id"])
        key_columns = [t.c[c] for c in columns]
        for where in among(self.conn, key_columns, list(wanted)):
            for found in self.conn.execute(select(t.c.id, *key_columns).where(where)):
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
            if theirs is not None and newer(t, theirs, mine):
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

    def _plan_table(self, t: Table, rows: list[dict[str, Any]], here: dict[str, dict[str, Any]]) -> list[Action]:
        """Insert, update or skip each row (several incoming rows may have become one: the newest counts)."""
        counts = self.result.counts.setdefault(t.name, TableCounts())
        actions: list[Action] = []
        best: dict[str, dict[str, Any]] = {}
        for row in rows:
            current = best.get(row["id"])
            if current is None or newer(t, row, current):
                if current is not None:
                    counts.skipped += 1
                best[row["id"]] = row
            else:
                counts.skipped += 1
        for row in parents_first(t, list(best.values())):
            local = here.get(row["id"])
            if local is None:
                actions.append(Action(insert=True, values=row, stored=self._stored.get(id(row))))
                counts.added += 1
            else:
                self._plan_version(t, row, local, counts, actions)
        if actions:
            self.result.written.add(t.name)
        if t.name == "stage":
            self.result.stages_incoming.update(best)
            self.result.touched_stages += [a.values["id"] for a in actions]
        elif t.name == "standard_revision":
            self.result.touched_stages += [a.values["stage_id"] for a in actions if a.values.get("stage_id")]
        return actions

    def _plan_version(self, t: Table, row: dict[str, Any], local: dict[str, Any], counts: TableCounts,
                      actions: list[Action]) -> None:
        """An incoming version of one of our rows: the newer wins; both changed since the last exchange conflict."""
        incoming_wins = newer(t, row, local)
        if incoming_wins:
            changed = tuple(c for c in _written_columns(t) if row[c] != local[c])
            actions.append(Action(insert=False, values=row, changed=changed))
        if same_content(t, row, local):
            if incoming_wins and t.name == "stage" and row["position"] != local["position"]:
                counts.updated += 1  # moved: the new order may be adopted (see apply.renumber_stages)
            else:
                counts.skipped += 1
            return
        exchanged = self.exchanged
        if exchanged is None or min(row["updated_at"], local["updated_at"]) > exchanged:  # changed on both sides
            counts.conflicts += 1
            if len(self.result.conflicts) < MAX_CONFLICTS_LISTED:
                winner, loser = (row, local) if incoming_wins else (local, row)
                self.result.conflicts.append(Conflict(
                    table=t.name, row_id=row["id"], label=label(t.name, winner),
                    kept="incoming" if incoming_wins else "local",
                    kept_updated_at=winner["updated_at"], other_updated_at=loser["updated_at"],
                    other={c: loser[c] for c in content_columns(t) if loser[c] != winner[c]},
                ))
        elif incoming_wins:
            counts.updated += 1
        else:
            counts.skipped += 1

    def _check_references(self, t: Table, rows: list[dict[str, Any]], display: str) -> None:
        """Every reference of an incoming row must point to a row of the bundle or of this workspace: the
        referenced tables' rows of the bundle are written before this chunk, so all of them are here."""
        wanted: dict[str, dict[str, tuple[str, str]]] = {}
        own = {r["id"] for r in rows}
        for col, target in foreign_keys(t):
            refs = wanted.setdefault(target, {})
            for row in rows:
                ref = row[col]
                if ref is not None and ref not in refs and not (target == t.name and ref in own):
                    refs[ref] = (t.name, row["id"])
        missing: list[Message] = []
        for target, refs in wanted.items():
            present = existing_ids(self.conn, models.metadata.tables[target], refs)
            for ref, (table, row_id) in refs.items():
                if ref not in present:
                    missing.append(msg(QT_TRANSLATE_NOOP("Exchange", "%1 %2 refers to a %3 (%4) that is neither in "
                                                         "the file nor in this workspace"),
                                       what(table), row_id, what(target), ref))
        if missing:
            listed = joined(missing[:3], "; ")
            if len(missing) > 3:
                raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is incomplete: %2 (and %3 more). Nothing was "
                                                        "changed."), display, listed, len(missing) - 3))
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is incomplete: %2. Nothing was changed."),
                                  display, listed))


def _written_columns(t: Table) -> tuple[str, ...]:
    """The columns an update may write: everything but the row's identity and when it was created here."""
    return tuple(c.name for c in t.columns if c.name not in ("id", "created_at"))

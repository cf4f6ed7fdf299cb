"""Team use across offline laptops: bundles of work or of standards, and merging them (Qt-free).

A **bundle** (``*.pdsa``) is one self-describing SQLite file: the workspace schema, created
through the same migration path as any workspace (:func:`~pdsa_desk.core.database.open_workspace`
on the new file), holding copies of rows, plus a key/value table ``pdsa_bundle_header``:

* ``format``, ``kind`` (``work`` or ``definitions``), ``origin_workspace_id`` and ``origin_name``
  (the exporting workspace's settings row), ``schema_revision``, ``exported_at``, ``since``,
  ``app_version``;
* ``rows.<table>``: the number of rows of each table (checked when merging: a mismatch means
  the file is incomplete);
* ``seen.<workspace id>``: the export time of the newest bundle the exporter had merged from
  that workspace (what it already had of it; used to tell real conflicts from updates).

Plain data only: no pickles, no code. A *work* bundle holds every table but the workspace's
settings row; a *definitions* bundle ("Send standards to the team") holds stages, standard
revisions, tactics, loss reasons, teams and reps (reps too, so every laptop has the same
reps). ``since`` keeps rows changed on or after that time, plus every row they refer to
(transitively), so that a bundle is always self-contained.

**Merging** (:func:`merge_bundle`) is one transaction per file:

* Rows are matched by UUID. Of two versions of a row the newer ``updated_at`` wins (ties:
  the larger content, so that every laptop picks the same). Tombstones are versions too:
  a newer tombstone deletes, a newer edit revives. A row whose two versions both changed
  since the two workspaces last exchanged bundles is reported as a *conflict* with the losing
  version's values; the rest are *added*, *updated* or *skipped* (same content, or ours newer).
* A stage, rep, team, tactic or loss reason that is new here but has the name (ignoring case)
  of a live row of ours is a *definitions conflict*: it must be mapped to the existing row
  (``map_by_name`` maps them all by name, or pass ``mapping``); otherwise the merge is refused
  with :class:`UnmappedDefinitionsError` listing them. Mappings are remembered per origin in
  ``merge_identity_map`` and foreign keys of incoming rows are rewritten to the local ids. A mapped
  definition is a reference only: our row is kept as it is (their name or standard never overwrite
  ours), so later edits of it on that laptop do not travel either.
  An opportunity with the same CRM source and id, or a cycle participant with the same
  cycle and rep, is the same row (matched automatically).
* Stage positions stay contiguous 0..n-1. Stages new here are appended after ours, in the
  sender's order. When the sender ordered the stages we share differently *and* its versions of
  them are newer (the manager reordered the standards), the sender's order is adopted instead,
  with stages only we have appended after it.
* Files are validated before anything is written (:class:`BundleError`: not SQLite, damaged,
  no header, newer schema, oversized fields, foreign keys pointing nowhere, …); the original
  file is never opened for writing (a temporary copy is read).

:func:`merge_bundles` merges several files, one transaction per file in the given order: a
refused file leaves the workspace as it was and the other files still merge.
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Date,
    Engine,
    Float,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    func,
    select,
)
from sqlalchemy.exc import DatabaseError, SQLAlchemyError
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

from pdsa_desk import __version__
from pdsa_desk.core import models
from pdsa_desk.core.database import Workspace, head_revision, known_revisions, open_workspace
from pdsa_desk.core.errors import PdsaError, WorkspaceError

__all__ = [
    "BUNDLE_SUFFIX",
    "DEFINITION_TABLES",
    "KIND_DEFINITIONS",
    "KIND_WORK",
    "NAMED_TABLES",
    "BundleError",
    "BundleHeader",
    "Conflict",
    "MergeOutcome",
    "MergePreview",
    "MergeReport",
    "NameConflict",
    "TableCounts",
    "UnmappedDefinitionsError",
    "export_bundle",
    "export_definitions",
    "identity_map",
    "mapping_choices",
    "merge_bundle",
    "merge_bundles",
    "merge_origin",
    "preview_merge",
    "read_header",
]

BUNDLE_SUFFIX = ".pdsa"
FORMAT_VERSION = 1
HEADER_TABLE = "pdsa_bundle_header"
KIND_WORK = "work"
KIND_DEFINITIONS = "definitions"

#: Longest text accepted in a bundle for columns without a declared length.
MAX_TEXT_CHARS = 200_000
#: Checklists and evidence lists: at most this many items of at most 200 characters.
MAX_LIST_ITEMS = 200
MAX_BUNDLE_BYTES = 1 << 30
_MAX_HEADER_ROWS = 1000

# --- local bookkeeping tables (created by migration 0002) ----------------------------------


def _stamp_columns() -> list[Column]:
    return [
        Column("id", AutoString(length=36), primary_key=True, default=models.new_id),
        Column("created_at", UTCDateTime(), nullable=False, default=models.utcnow),
        Column("updated_at", UTCDateTime(), nullable=False, default=models.utcnow),
        Column("deleted_at", UTCDateTime(), nullable=True),
    ]


#: A remote definition row mapped to a local row of the same table, remembered per origin.
identity_map = Table(
    "merge_identity_map",
    models.metadata,
    *_stamp_columns(),
    Column("origin_workspace_id", AutoString(length=36), nullable=False),
    Column("table_name", AutoString(length=64), nullable=False),
    Column("remote_id", AutoString(length=36), nullable=False),
    Column("local_id", AutoString(length=36), nullable=False),
    UniqueConstraint("origin_workspace_id", "table_name", "remote_id",
                     name="uq_merge_identity_map_origin_table_remote"),
)

#: Per origin: the export time of the newest bundle merged from it.
merge_origin = Table(
    "merge_origin",
    models.metadata,
    *_stamp_columns(),
    Column("origin_workspace_id", AutoString(length=36), nullable=False, unique=True),
    Column("origin_name", AutoString(length=200), nullable=False),
    Column("last_exported_at", UTCDateTime(), nullable=False),
    Column("last_merged_at", UTCDateTime(), nullable=False),
)

# --- what is exchanged ---------------------------------------------------------------------

_SETTINGS: Table = models.WorkspaceSettings.__table__  # type: ignore[attr-defined]
_STAGE: Table = models.Stage.__table__  # type: ignore[attr-defined]


def _ordered(tables: Sequence[Table]) -> tuple[Table, ...]:
    """The tables in foreign-key order (referenced tables first)."""
    wanted = set(tables)
    return tuple(t for t in models.metadata.sorted_tables if t in wanted)


EXCHANGED_TABLES: tuple[Table, ...] = _ordered(
    [m.__table__ for m in models.ALL_TABLES if m is not models.WorkspaceSettings]  # type: ignore[attr-defined]
)
DEFINITION_TABLES: tuple[str, ...] = ("team", "rep", "stage", "standard_revision", "loss_reason", "tactic")
#: Tables whose live rows have unique names (case-insensitive): their clashes need a mapping.
NAMED_TABLES: tuple[str, ...] = ("stage", "rep", "team", "tactic", "loss_reason")
_TABLES = {t.name: t for t in EXCHANGED_TABLES}

_WHAT = {
    "team": "team", "rep": "rep", "stage": "stage", "standard_revision": "standard revision",
    "loss_reason": "loss reason", "opportunity": "opportunity", "stage_event": "stage move", "tactic": "tactic",
    "cycle": "PDSA cycle", "cycle_participant": "cycle participant", "cycle_observation": "observation",
    "session_held": "session", "chart_phase": "chart phase",
}

_CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("stage", "terminal"): tuple(models.TerminalKind),
    ("opportunity", "outcome"): tuple(models.Outcome),
    ("stage_event", "origin"): tuple(models.EventOrigin),
    ("tactic", "status"): tuple(models.TacticStatus),
    ("cycle", "status"): tuple(models.CycleStatus),
    ("cycle", "decision"): tuple(models.Decision),
    ("cycle_observation", "kind"): tuple(models.ObservationKind),
    ("chart_phase", "kind"): tuple(models.PhaseKind),
}

#: Columns never compared or copied over an existing row: identity and local history.
_NOT_CONTENT = frozenset({"id", "created_at", "updated_at"})

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _foreign_keys(table: Table) -> list[tuple[str, str]]:
    """(column, referenced table) of each foreign key."""
    return sorted((fk.parent.name, fk.column.table.name) for fk in table.foreign_keys)


def _content_columns(table: Table) -> list[str]:
    skip = _NOT_CONTENT | ({"position"} if table.name == "stage" else set())
    return [c.name for c in table.columns if c.name not in skip]


# --- errors and results --------------------------------------------------------------------


class BundleError(PdsaError):
    """A bundle cannot be written, read or merged; the workspace was not changed."""


@dataclass(frozen=True)
class NameConflict:
    """A definition new to this workspace whose name is already used here by another row."""

    table: str
    remote_id: str
    remote_name: str
    local_id: str
    local_name: str

    @property
    def what(self) -> str:
        return _WHAT.get(self.table, self.table)

    def __str__(self) -> str:
        return f"{self.what} '{self.remote_name}' (already here as '{self.local_name}')"


class UnmappedDefinitionsError(BundleError):
    """Definitions of the bundle clash by name with ours and were not mapped; nothing was merged."""

    def __init__(self, display: str, conflicts: Sequence[NameConflict]) -> None:
        self.conflicts = list(conflicts)
        listed = "; ".join(str(c) for c in self.conflicts[:10])
        more = f" and {len(self.conflicts) - 10} more" if len(self.conflicts) > 10 else ""
        super().__init__(
            f"{display} has {len(self.conflicts)} definition(s) with the name of a different one here: "
            f"{listed}{more}. Map them to the existing ones (command line: --map-by-name) to merge."
        )


@dataclass(frozen=True)
class BundleHeader:
    format_version: int
    kind: str
    origin_workspace_id: str
    origin_name: str
    schema_revision: str
    exported_at: datetime
    since: datetime | None
    app_version: str
    row_counts: dict[str, int]
    seen: dict[str, datetime] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.row_counts.values())

    def describe(self) -> str:
        what = "standards" if self.kind == KIND_DEFINITIONS else "work"
        since = f" changed since {self.since:%Y-%m-%d %H:%M}" if self.since else ""
        return (f"{what}{since} from '{self.origin_name}', exported {self.exported_at:%Y-%m-%d %H:%M} UTC "
                f"({self.total_rows} rows)")


@dataclass(frozen=True)
class Conflict:
    """A row changed on both sides: ``kept`` says whose version won; ``other`` holds the loser's differing values.

    "Both sides" is judged by time: both versions are stamped after the last exchange known between
    the two workspaces (the newest bundle of theirs merged here, or of ours merged there, as their
    bundle's header says). Without any exchange yet, every difference is a conflict.
    """

    table: str
    row_id: str
    label: str
    kept: str  # "incoming" or "local"
    kept_updated_at: datetime
    other_updated_at: datetime
    other: dict[str, Any]

    @property
    def what(self) -> str:
        return _WHAT.get(self.table, self.table)

    def __str__(self) -> str:
        ours, theirs = "this workspace's", "the incoming"
        winner, loser = (theirs, ours) if self.kept == "incoming" else (ours, theirs)
        values = ", ".join(f"{k} was {_short(v)}" for k, v in sorted(self.other.items()))
        return (f"{self.what} '{self.label}' changed on both sides: kept {winner} version "
                f"({self.kept_updated_at:%Y-%m-%d %H:%M}) over {loser} ({self.other_updated_at:%Y-%m-%d %H:%M}"
                f"{': ' + values if values else ''})")


@dataclass
class TableCounts:
    added: int = 0
    updated: int = 0
    conflicts: int = 0
    skipped: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.conflicts + self.skipped


@dataclass
class MergeReport:
    """What a merge did (or, with ``dry_run``, would do), per table."""

    source: str
    header: BundleHeader
    tables: dict[str, TableCounts]
    conflicts: list[Conflict]
    mapped: list[NameConflict]
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return any(c.added or c.updated for c in self.tables.values()) or any(
            c.kept == "incoming" for c in self.conflicts)

    def totals(self) -> TableCounts:
        total = TableCounts()
        for c in self.tables.values():
            total.added += c.added
            total.updated += c.updated
            total.conflicts += c.conflicts
            total.skipped += c.skipped
        return total

    def lines(self) -> list[str]:
        """The report as plain text lines (the command line prints them, the dialog shows them)."""
        verb = "Would merge" if self.dry_run else "Merged"
        out = [f"{verb} {self.source}: {self.header.describe()}"]
        for name, c in self.tables.items():
            if c.total:
                out.append(f"  {_WHAT.get(name, name)}: {c.added} added, {c.updated} updated, "
                           f"{c.conflicts} conflicts, {c.skipped} skipped")
        for m in self.mapped:
            out.append(f"  mapped {m.what} '{m.remote_name}' to the existing '{m.local_name}'")
        for conflict in self.conflicts:
            out.append(f"  conflict: {conflict}")
        if self.dry_run:
            out.append("  (dry run: nothing was changed)")
        elif not self.changed:
            out.append("  nothing new")
        return out


@dataclass(frozen=True)
class MergePreview:
    header: BundleHeader
    conflicts: list[NameConflict]


@dataclass(frozen=True)
class MergeOutcome:
    path: Path
    report: MergeReport | None = None
    error: str | None = None
    unmapped: list[NameConflict] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.report is not None


# --- small helpers -------------------------------------------------------------------------


def _short(value: object, limit: int = 60) -> str:
    text = repr(value) if not isinstance(value, datetime) else f"{value:%Y-%m-%d %H:%M}"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _as_utc(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise BundleError("The 'since' time must include a time zone.")
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), UTC)


def _label(table: str, row: Mapping[str, Any]) -> str:
    for key in ("name", "title"):
        if isinstance(row.get(key), str):
            return row[key]
    if isinstance(row.get("text"), str):
        return _short(row["text"], 50).strip("'\"")
    if table == "stage_event" and isinstance(row.get("entered_at"), datetime):
        return f"entered {row['entered_at']:%Y-%m-%d %H:%M}"
    return str(row.get("id", ""))[:8]


def _version_key(table: Table, row: Mapping[str, Any]) -> tuple[datetime, str]:
    """Total order of versions of one row: newer first, then a content tie-break every laptop agrees on."""
    content = json.dumps([row.get(c) for c in _content_columns(table)], default=str, sort_keys=True)
    return row["updated_at"], content


def _same_content(table: Table, a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return all(a.get(c) == b.get(c) for c in _content_columns(table))


def _parents_first(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows ordered so that a row referring to another row of the same table comes after it."""
    self_fks = [col for col, target in _foreign_keys(table) if target == table.name]
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


def _remove_sqlite_files(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        p.unlink(missing_ok=True)


def _settings_id(conn: Connection) -> tuple[str, str]:
    row = conn.execute(
        select(_SETTINGS.c.id, _SETTINGS.c.name)
        .where(_SETTINGS.c.deleted_at.is_(None)).order_by(_SETTINGS.c.created_at)
    ).first()
    if row is None:
        raise BundleError("The workspace has no settings row; run 'pdsa-desk check'.")
    return row.id, row.name


# --- export --------------------------------------------------------------------------------


def export_bundle(
    ws: Workspace,
    out: str | Path,
    *,
    since: date | datetime | None = None,
    definitions_only: bool = False,
) -> BundleHeader:
    """Write a bundle of this workspace's work (or, with ``definitions_only``, of its standards).

    An existing file at ``out`` is replaced only if it is itself a bundle. The file appears
    complete or not at all (written beside it, then renamed).
    """
    out = Path(out)
    since_at = _as_utc(since)
    _check_target(ws, out)
    names = DEFINITION_TABLES if definitions_only else tuple(t.name for t in EXCHANGED_TABLES)
    tables = [t for t in EXCHANGED_TABLES if t.name in names]
    with ws.engine.connect() as conn, conn.begin():  # one read transaction: a consistent snapshot
        origin_id, origin_name = _settings_id(conn)
        everything = {t.name: {r["id"]: dict(r) for r in conn.execute(select(t)).mappings()} for t in tables}
        seen = {r.origin_workspace_id: r.last_exported_at for r in conn.execute(
            select(merge_origin.c.origin_workspace_id, merge_origin.c.last_exported_at))}
    chosen = _select_rows(tables, everything, since_at)
    header = BundleHeader(
        format_version=FORMAT_VERSION,
        kind=KIND_DEFINITIONS if definitions_only else KIND_WORK,
        origin_workspace_id=origin_id,
        origin_name=origin_name,
        schema_revision=head_revision(),
        exported_at=models.utcnow(),
        since=since_at,
        app_version=__version__,
        row_counts={t.name: len(chosen[t.name]) for t in tables},
        seen=seen,
    )
    part = out.with_name(out.name + ".part")
    _remove_sqlite_files(part)
    try:
        _write_bundle_file(part, tables, chosen, header)
        os.replace(part, out)
    except WorkspaceError as exc:
        raise BundleError(f"Could not write {out}: {exc}") from exc
    except (OSError, DatabaseError) as exc:
        raise BundleError(f"Could not write {out}: {exc}") from exc
    finally:
        _remove_sqlite_files(part)
    return header


def export_definitions(ws: Workspace, out: str | Path) -> BundleHeader:
    """"Send standards to the team": stages, standard revisions, tactics, loss reasons, teams and reps."""
    return export_bundle(ws, out, definitions_only=True)


def _check_target(ws: Workspace, out: Path) -> None:
    if out.is_dir():
        raise BundleError(f"{out} is a folder; choose a file name for the bundle.")
    if not out.parent.is_dir():
        raise BundleError(f"The folder {out.parent} does not exist.")
    if ws.path is not None and out.resolve() == ws.path.resolve():
        raise BundleError("Choose another file: that is the workspace itself.")
    if out.exists():
        try:
            read_header(out)
        except BundleError:
            raise BundleError(
                f"{out} already exists and is not a pdsa-desk bundle; choose another file name.") from None


def _select_rows(
    tables: Sequence[Table], everything: dict[str, dict[str, dict[str, Any]]], since: datetime | None
) -> dict[str, dict[str, dict[str, Any]]]:
    """Rows changed since ``since`` (all without it), plus every row they refer to, transitively."""
    if since is None:
        return everything
    chosen: dict[str, dict[str, dict[str, Any]]] = {t.name: {} for t in tables}
    todo: list[tuple[str, dict[str, Any]]] = []
    for t in tables:
        for row_id, row in everything[t.name].items():
            if row["updated_at"] >= since:
                chosen[t.name][row_id] = row
                todo.append((t.name, row))
    fks = {t.name: _foreign_keys(t) for t in tables}
    while todo:
        name, row = todo.pop()
        for col, target in fks[name]:
            ref = row.get(col)
            if ref is None or target not in chosen or ref in chosen[target]:
                continue
            referenced = everything[target].get(ref)
            if referenced is not None:
                chosen[target][ref] = referenced
                todo.append((target, referenced))
    return chosen


def _write_bundle_file(
    path: Path, tables: Sequence[Table], chosen: dict[str, dict[str, dict[str, Any]]], header: BundleHeader
) -> None:
    bundle = open_workspace(path)  # the same migration path as every workspace
    try:
        with bundle.engine.begin() as conn:
            # A new workspace is seeded with a settings row and loss reasons: a bundle carries only copies.
            for name in ("loss_reason", "workspace_settings"):
                conn.execute(models.metadata.tables[name].delete())
            for t in tables:
                rows = _parents_first(t, list(chosen[t.name].values()))
                if rows:
                    conn.execute(t.insert(), rows)
            conn.exec_driver_sql(f"CREATE TABLE {HEADER_TABLE} (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
            conn.exec_driver_sql(f"INSERT INTO {HEADER_TABLE} (key, value) VALUES (?, ?)", _header_items(header))
    finally:
        bundle.close()
    con = sqlite3.connect(path)  # one self-contained file: no write-ahead log beside it
    try:
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()


def _header_items(header: BundleHeader) -> list[tuple[str, str]]:
    items = [
        ("format", str(header.format_version)),
        ("kind", header.kind),
        ("origin_workspace_id", header.origin_workspace_id),
        ("origin_name", header.origin_name),
        ("schema_revision", header.schema_revision),
        ("exported_at", header.exported_at.isoformat()),
        ("since", header.since.isoformat() if header.since else ""),
        ("app_version", header.app_version),
    ]
    items += [(f"rows.{name}", str(n)) for name, n in header.row_counts.items()]
    items += [(f"seen.{origin}", when.isoformat()) for origin, when in sorted(header.seen.items())]
    return items


# --- reading bundles -----------------------------------------------------------------------


def read_header(path: str | Path) -> BundleHeader:
    """The header of a bundle, after checking that the file is a readable bundle this version can merge."""
    with _opened(Path(path)) as (header, _engine):
        return header


@contextmanager
def _opened(path: Path) -> Iterator[tuple[BundleHeader, Engine]]:
    """A checked, private copy of the bundle (migrated if it is of an older schema), open read-only-ish."""
    display = path.name
    if not path.exists():
        raise BundleError(f"There is no file {path}.")
    if path.is_dir():
        raise BundleError(f"{path} is a folder, not a pdsa-desk bundle.")
    size = path.stat().st_size
    if size > MAX_BUNDLE_BYTES:
        raise BundleError(f"{display} is too large to be a pdsa-desk bundle ({size:,} bytes).")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise BundleError(f"{display} is not a pdsa-desk bundle (not an SQLite database).")
    with tempfile.TemporaryDirectory(prefix="pdsa-bundle-") as tmp:
        copy = Path(tmp) / "bundle.sqlite"
        shutil.copyfile(path, copy)
        header = _probe(copy, display)
        if header.schema_revision != head_revision():
            try:  # an older bundle: bring the private copy to the current schema, like any workspace
                open_workspace(copy, create=False).close()
            except WorkspaceError as exc:
                raise BundleError(f"{display} could not be upgraded to this version's format: {exc}") from exc
        engine = create_engine(f"sqlite:///{copy}", poolclass=NullPool)
        try:
            yield header, engine
        finally:
            engine.dispose()


def _probe(copy: Path, display: str) -> BundleHeader:
    try:
        con = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            check = con.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                raise BundleError(f"{display} is damaged (SQLite reports: {_short(check[0][0], 120)}); "
                                  "ask for a new copy of the file.")
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if HEADER_TABLE not in tables:
                hint = (" (it looks like a workspace: open it with File → Open workspace)"
                        if "alembic_version" in tables else "")
                raise BundleError(f"{display} is not a pdsa-desk bundle: it has no bundle header{hint}.")
            items = con.execute(f"SELECT key, value FROM {HEADER_TABLE} LIMIT {_MAX_HEADER_ROWS + 1}").fetchall()
            stamped = (con.execute("SELECT version_num FROM alembic_version").fetchall()
                       if "alembic_version" in tables else [])
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise BundleError(f"{display} cannot be read as a bundle ({exc}); it may be truncated or damaged.") from exc
    header = _parse_header(items, display)
    if [r[0] for r in stamped] != [header.schema_revision]:
        raise BundleError(f"{display} is inconsistent: its schema does not match its header.")
    return header


def _parse_header(items: list[tuple[object, object]], display: str) -> BundleHeader:
    def bad(why: str) -> BundleError:
        return BundleError(f"{display} has a damaged bundle header ({why}).")

    if len(items) > _MAX_HEADER_ROWS:
        raise bad("too many entries")
    values: dict[str, str] = {}
    for key, value in items:
        if not isinstance(key, str) or not isinstance(value, str) or len(key) > 100 or len(value) > 1000:
            raise bad("an entry is not short text")
        values[key] = value

    def need(key: str) -> str:
        if key not in values:
            raise bad(f"no {key}")
        return values[key]

    def when(key: str, text: str) -> datetime:
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise bad(f"{key} is not a time") from None
        if moment.tzinfo is None:
            raise bad(f"{key} has no time zone")
        return moment.astimezone(UTC)

    try:
        fmt = int(need("format"))
    except ValueError:
        raise bad("format is not a number") from None
    if fmt > FORMAT_VERSION:
        raise BundleError(f"{display} was made by a newer version of pdsa-desk (bundle format {fmt}); "
                          "update pdsa-desk to merge it.")
    revision = need("schema_revision")
    if revision not in known_revisions():
        raise BundleError(f"{display} was made by a newer version of pdsa-desk (schema {_short(revision, 40)}); "
                          "update pdsa-desk to merge it. Nothing was changed.")
    kind = need("kind")
    if kind not in (KIND_WORK, KIND_DEFINITIONS):
        raise bad(f"unknown kind {_short(kind, 30)}")
    origin = need("origin_workspace_id")
    if not _UUID.match(origin):
        raise bad("the origin workspace id is not a UUID")
    name = need("origin_name")
    if len(name) > 200:
        raise bad("the origin name is too long")
    counts: dict[str, int] = {}
    seen: dict[str, datetime] = {}
    for key, value in values.items():
        if key.startswith("rows."):
            table = key.removeprefix("rows.")
            if table not in _TABLES:
                raise bad(f"row count of unknown table {_short(table, 40)}")
            if not value.isdigit():
                raise bad(f"row count of {table} is not a number")
            counts[table] = int(value)
        elif key.startswith("seen."):
            other = key.removeprefix("seen.")
            if not _UUID.match(other):
                raise bad("a seen workspace id is not a UUID")
            seen[other] = when(key, value)
    return BundleHeader(
        format_version=fmt,
        kind=kind,
        origin_workspace_id=origin,
        origin_name=name,
        schema_revision=revision,
        exported_at=when("exported_at", need("exported_at")),
        since=when("since", values["since"]) if values.get("since") else None,
        app_version=values.get("app_version", "")[:40],
        row_counts=counts,
        seen=seen,
    )


def _load_rows(engine: Engine, header: BundleHeader, display: str) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    try:
        with engine.connect() as conn:
            for t in EXCHANGED_TABLES:
                rows[t.name] = [dict(r) for r in conn.execute(select(t)).mappings()]
    except (SQLAlchemyError, ValueError, TypeError, OverflowError) as exc:
        raise BundleError(f"{display} has rows that cannot be read ({_short(str(exc), 160)}); "
                          "it may be damaged.") from exc
    for t in EXCHANGED_TABLES:
        expected = header.row_counts.get(t.name, 0)
        if len(rows[t.name]) != expected:
            raise BundleError(f"{display} is incomplete or altered: its header lists {expected} {t.name} rows, "
                              f"it holds {len(rows[t.name])}.")
        if header.kind == KIND_DEFINITIONS and t.name not in DEFINITION_TABLES and rows[t.name]:
            raise BundleError(f"{display} claims to hold standards only but holds {t.name} rows.")
    _validate(rows, display)
    return rows


def _validate(rows: dict[str, list[dict[str, Any]]], display: str) -> None:
    """Refuse rows this app would never write: wrong types, oversized text, unknown choices, duplicates."""
    problems: list[str] = []
    for t in EXCHANGED_TABLES:
        ids: set[str] = set()
        names: dict[str, str] = {}
        for row in rows[t.name]:
            where = f"{t.name} row {_short(row.get('id'), 40)}"
            for col in t.columns:
                problem = _check_value(t, col, row.get(col.name))
                if problem:
                    problems.append(f"{where}: {col.name} {problem}")
            if isinstance(row.get("id"), str):
                if row["id"] in ids:
                    problems.append(f"{where}: listed twice")
                ids.add(row["id"])
            if t.name in NAMED_TABLES and row.get("deleted_at") is None and isinstance(row.get("name"), str):
                key = row["name"].lower()
                if key in names:
                    problems.append(f"{where}: two live {_WHAT[t.name]}s are named {_short(row['name'], 40)}")
                names[key] = row["id"]
            if len(problems) >= 5:
                break
        if len(problems) >= 5:
            break
    if problems:
        raise BundleError(f"{display} holds data pdsa-desk cannot accept: " + "; ".join(problems[:5]) + ".")


def _check_value(table: Table, col: Column, value: object) -> str | None:
    if value is None:
        return None if col.nullable else "is missing"
    kind = col.type
    if col.name == "id" or col.foreign_keys:
        return None if isinstance(value, str) and _UUID.match(value) else "is not a UUID"
    if isinstance(kind, UTCDateTime):
        return None if isinstance(value, datetime) and value.tzinfo is not None else "is not a time"
    if isinstance(kind, TypeDecorator):  # AutoString: a String underneath
        kind = kind.impl  # type: ignore[assignment]
    if isinstance(kind, Date):
        return None if isinstance(value, date) and not isinstance(value, datetime) else "is not a date"
    if isinstance(kind, Boolean):
        return None if isinstance(value, bool) else "is not yes/no"
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            return "is not a whole number"
        return None if -(2**62) < value < 2**62 else "is out of range"
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return "is not a number"
        return None
    if isinstance(kind, JSON):
        if not isinstance(value, list) or len(value) > MAX_LIST_ITEMS:
            return f"is not a list of at most {MAX_LIST_ITEMS} items"
        if not all(isinstance(item, str) and len(item) <= 200 for item in value):
            return "has an item that is not short text"
        return None
    if isinstance(kind, String):  # Text and AutoString are Strings too
        if not isinstance(value, str):
            return "is not text"
        limit = kind.length if kind.length and not isinstance(kind, Text) else MAX_TEXT_CHARS
        if len(value) > limit:
            return f"is too long ({len(value):,} characters; at most {limit:,})"
        choices = _CHOICES.get((table.name, col.name))
        if choices is not None and value not in choices:
            return f"is not one of {', '.join(choices)}"
        return None
    return None


# --- merging -------------------------------------------------------------------------------


@dataclass
class _Action:
    insert: bool
    values: dict[str, Any]


@dataclass
class _Plan:
    actions: dict[str, list[_Action]]
    counts: dict[str, TableCounts]
    conflicts: list[Conflict]
    mapped: list[NameConflict]
    unresolved: list[NameConflict]
    new_mappings: list[tuple[str, str, str]]
    local_id: str
    #: Live stages before the merge, in order: (id, updated_at).
    stages_before: list[tuple[str, datetime]] = field(default_factory=list)
    #: The incoming stage rows (local ids), by id.
    stages_incoming: dict[str, dict[str, Any]] = field(default_factory=dict)


def preview_merge(ws: Workspace, path: str | Path) -> MergePreview:
    """Check a bundle and list the definitions that need mapping (remembered mappings applied); writes nothing."""
    path = Path(path)
    with _opened(path) as (header, engine):
        incoming = _load_rows(engine, header, path.name)
    with ws.engine.connect() as conn:
        trans = conn.begin()
        try:
            plan = _plan(conn, incoming, header, path.name, {}, map_by_name=False)
        finally:
            trans.rollback()
    return MergePreview(header=header, conflicts=plan.unresolved)


def mapping_choices(ws: Workspace, table: str) -> list[tuple[str, str]]:
    """(id, name) of the live rows of a named table, by name: what an incoming definition may be mapped to."""
    if table not in NAMED_TABLES:
        raise ValueError(f"{table} has no names to map")
    t = _TABLES[table]
    with ws.engine.connect() as conn:
        return [(r.id, r.name) for r in conn.execute(
            select(t.c.id, t.c.name).where(t.c.deleted_at.is_(None)).order_by(func.lower(t.c.name)))]


def merge_bundle(
    ws: Workspace,
    path: str | Path,
    *,
    mapping: Mapping[tuple[str, str], str] | None = None,
    map_by_name: bool = False,
    dry_run: bool = False,
) -> MergeReport:
    """Merge one bundle in one transaction (rolled back entirely on any failure, and for ``dry_run``).

    ``mapping`` maps ``(table, remote id)`` of clashing definitions to local ids; ``map_by_name``
    maps every clash to the local row of the same name. Raises :class:`UnmappedDefinitionsError`
    when clashes remain, :class:`BundleError` for a file that cannot be merged.
    """
    path = Path(path)
    with _opened(path) as (header, engine):
        incoming = _load_rows(engine, header, path.name)
    with ws.engine.connect() as conn:
        trans = conn.begin()
        try:
            plan = _plan(conn, incoming, header, path.name, dict(mapping or {}), map_by_name=map_by_name)
            if plan.unresolved:
                raise UnmappedDefinitionsError(path.name, plan.unresolved)
            _apply(conn, plan, header, path.name)
        except DatabaseError as exc:
            trans.rollback()
            raise BundleError(f"{path.name} could not be merged ({_short(str(exc.orig), 160)}); "
                              "nothing was changed.") from exc
        except BaseException:
            trans.rollback()
            raise
        if dry_run:
            trans.rollback()
        else:
            trans.commit()
    return MergeReport(source=path.name, header=header, tables=plan.counts, conflicts=plan.conflicts,
                       mapped=plan.mapped, dry_run=dry_run)


def merge_bundles(
    ws: Workspace,
    paths: Sequence[str | Path],
    *,
    map_by_name: bool = False,
    dry_run: bool = False,
    mappings: Mapping[Path, Mapping[tuple[str, str], str]] | None = None,
) -> list[MergeOutcome]:
    """Merge several files in order, one transaction each: a refused file does not stop the others.

    With ``dry_run`` each file is tried against the workspace as it is (the files do not see each other).
    """
    outcomes = []
    for p in paths:
        path = Path(p)
        try:
            report = merge_bundle(ws, path, mapping=(mappings or {}).get(path), map_by_name=map_by_name,
                                  dry_run=dry_run)
        except UnmappedDefinitionsError as exc:
            outcomes.append(MergeOutcome(path=path, error=str(exc), unmapped=exc.conflicts))
        except BundleError as exc:
            outcomes.append(MergeOutcome(path=path, error=str(exc)))
        else:
            outcomes.append(MergeOutcome(path=path, report=report))
    return outcomes


def _local_rows(conn: Connection, table: Table, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    unique = list(dict.fromkeys(ids))
    for i in range(0, len(unique), 500):
        chunk = unique[i: i + 500]
        for r in conn.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            found[r["id"]] = dict(r)
    return found


def _plan(
    conn: Connection,
    incoming: dict[str, list[dict[str, Any]]],
    header: BundleHeader,
    display: str,
    mapping: dict[tuple[str, str], str],
    *,
    map_by_name: bool,
) -> _Plan:
    local_id, _ = _settings_id(conn)
    origin = header.origin_workspace_id
    remembered = {
        (r.table_name, r.remote_id): r.local_id
        for r in conn.execute(select(identity_map).where(
            identity_map.c.origin_workspace_id == origin, identity_map.c.deleted_at.is_(None)))
    }
    origin_row = conn.execute(select(merge_origin).where(merge_origin.c.origin_workspace_id == origin)).first()
    # The last time the two workspaces are known to have exchanged: the newest bundle of theirs merged
    # here, or of ours merged there. Versions stamped before it were known to both sides.
    known = [b for b in (origin_row.last_exported_at if origin_row is not None else None,
                         header.seen.get(local_id)) if b is not None]
    exchanged = max(known) if known else None

    plan = _Plan(actions={}, counts={}, conflicts=[], mapped=[], unresolved=[], new_mappings=[], local_id=local_id)
    aliases: dict[str, dict[str, str]] = {}
    final_ids: dict[str, set[str]] = {}
    for t in EXCHANGED_TABLES:
        rows = [dict(r) for r in incoming[t.name]]
        fks = _foreign_keys(t)
        for row in rows:  # references to rows of earlier tables that were mapped
            for col, target in fks:
                if target != t.name and row[col] is not None and row[col] in aliases.get(target, {}):
                    row[col] = aliases[target][row[col]]
        here = _local_rows(conn, t, [r["id"] for r in rows])
        alias: dict[str, str] = {}
        mapped: set[str] = set()  # definitions mapped to one of ours: references only, ours is kept as is
        for row in rows:
            rid = row["id"]
            if rid in here:
                continue
            key = (t.name, rid)
            if key in mapping:
                target_row = _local_rows(conn, t, [mapping[key]]).get(mapping[key])
                if target_row is None or target_row["deleted_at"] is not None:
                    raise BundleError(f"The {_WHAT[t.name]} chosen for '{_label(t.name, row)}' no longer exists.")
                alias[rid] = mapping[key]
                mapped.add(rid)
                plan.new_mappings.append((t.name, rid, mapping[key]))
                plan.mapped.append(NameConflict(t.name, rid, _label(t.name, row), mapping[key],
                                                _label(t.name, target_row)))
            elif key in remembered and _local_rows(conn, t, [remembered[key]]):
                alias[rid] = remembered[key]
                mapped.add(rid)
            elif t.name == "opportunity" and row["external_id"] is not None and row["source"] is not None:
                same = conn.execute(select(t.c.id).where(
                    t.c.source == row["source"], t.c.external_id == row["external_id"])).scalar()
                if same is not None:
                    alias[rid] = same
            elif t.name == "cycle_participant":
                same = conn.execute(select(t.c.id).where(
                    t.c.cycle_id == row["cycle_id"], t.c.rep_id == row["rep_id"])).scalar()
                if same is not None:
                    alias[rid] = same
        if t.name in NAMED_TABLES:
            _name_clashes(conn, t, rows, here, alias, mapped, plan, map_by_name)
        merged = [row for row in rows if row["id"] not in mapped]
        plan.counts.setdefault(t.name, TableCounts()).skipped += len(rows) - len(merged)
        for row in rows:  # references within the table, then the row's own id
            for col, target in fks:
                if target == t.name and row[col] in alias:
                    row[col] = alias[row[col]]
            row["id"] = alias.get(row["id"], row["id"])
        aliases[t.name] = alias
        final_ids[t.name] = {r["id"] for r in rows}
        best = _plan_table(conn, t, merged, plan, exchanged)
        if t.name == "stage":
            plan.stages_before = [(r.id, r.updated_at) for r in conn.execute(
                select(_STAGE.c.id, _STAGE.c.updated_at).where(_STAGE.c.deleted_at.is_(None))
                .order_by(_STAGE.c.position, _STAGE.c.created_at, _STAGE.c.id))]
            plan.stages_incoming = best
    _check_references(conn, incoming, aliases, final_ids, display)
    return plan


def _name_clashes(
    conn: Connection,
    t: Table,
    rows: list[dict[str, Any]],
    here: dict[str, dict[str, Any]],
    alias: dict[str, str],
    mapped: set[str],
    plan: _Plan,
    map_by_name: bool,
) -> None:
    """New live definitions named like a live row of ours (as it will be after this merge) need a mapping."""
    incoming_by_id = {r["id"]: r for r in rows}
    effective: dict[str, dict[str, Any]] = {}
    for r in conn.execute(select(t)).mappings():
        mine = dict(r)
        theirs = incoming_by_id.get(mine["id"])
        if theirs is not None and _version_key(t, theirs) > _version_key(t, mine):
            mine = theirs
        if mine["deleted_at"] is None:
            effective.setdefault(mine["name"].lower(), mine)
    for row in rows:
        rid = row["id"]
        if rid in here or rid in alias or row["deleted_at"] is not None:
            continue
        clash = effective.get(row["name"].lower())
        if clash is None:
            continue
        conflict = NameConflict(t.name, rid, row["name"], clash["id"], clash["name"])
        if map_by_name:
            alias[rid] = clash["id"]
            mapped.add(rid)
            plan.new_mappings.append((t.name, rid, clash["id"]))
            plan.mapped.append(conflict)
        else:
            plan.unresolved.append(conflict)


def _plan_table(
    conn: Connection,
    t: Table,
    rows: list[dict[str, Any]],
    plan: _Plan,
    exchanged: datetime | None,
) -> dict[str, dict[str, Any]]:
    counts = plan.counts.setdefault(t.name, TableCounts())
    actions = plan.actions.setdefault(t.name, [])
    # Several incoming rows may have become one (mapped): the newest version represents them.
    best: dict[str, dict[str, Any]] = {}
    for row in rows:
        current = best.get(row["id"])
        if current is None or _version_key(t, row) > _version_key(t, current):
            if current is not None:
                counts.skipped += 1
            best[row["id"]] = row
        else:
            counts.skipped += 1
    here = _local_rows(conn, t, list(best))
    content = _content_columns(t)
    for row in _parents_first(t, list(best.values())):
        local = here.get(row["id"])
        if local is None:
            actions.append(_Action(insert=True, values=row))
            counts.added += 1
            continue
        incoming_wins = _version_key(t, row) > _version_key(t, local)
        update = {k: v for k, v in row.items() if k not in ("id", "created_at")} | {"id": row["id"]}
        if _same_content(t, row, local):
            if incoming_wins:  # the same content, newer stamp: keep the newest version everywhere
                actions.append(_Action(insert=False, values=update))
            if incoming_wins and t.name == "stage" and row["position"] != local["position"]:
                counts.updated += 1  # moved: the new order may be adopted (see _renumber_stages)
            else:
                counts.skipped += 1
            continue
        if exchanged is None or min(row["updated_at"], local["updated_at"]) > exchanged:  # changed on both sides
            winner, loser = (row, local) if incoming_wins else (local, row)
            plan.conflicts.append(Conflict(
                table=t.name, row_id=row["id"], label=_label(t.name, winner),
                kept="incoming" if incoming_wins else "local",
                kept_updated_at=winner["updated_at"], other_updated_at=loser["updated_at"],
                other={c: loser[c] for c in content if loser[c] != winner[c]},
            ))
            counts.conflicts += 1
        elif incoming_wins:
            counts.updated += 1
        else:
            counts.skipped += 1
        if incoming_wins:
            actions.append(_Action(insert=False, values=update))
    return best


def _check_references(
    conn: Connection,
    incoming: dict[str, list[dict[str, Any]]],
    aliases: dict[str, dict[str, str]],
    final_ids: dict[str, set[str]],
    display: str,
) -> None:
    """Every reference of an incoming row must point to a row of the bundle or of this workspace."""
    wanted: dict[str, dict[str, tuple[str, str]]] = {}
    for t in EXCHANGED_TABLES:
        for row in incoming[t.name]:
            for col, target in _foreign_keys(t):
                ref = row[col]
                if ref is None:
                    continue
                ref = aliases.get(target, {}).get(ref, ref)
                if ref not in final_ids.get(target, set()):
                    wanted.setdefault(target, {}).setdefault(ref, (t.name, row["id"]))
    missing: list[str] = []
    for target, refs in wanted.items():
        present = _local_rows(conn, _TABLES[target], list(refs))
        for ref, (table, row_id) in refs.items():
            if ref not in present:
                missing.append(f"{_WHAT[table]} {row_id} refers to a {_WHAT[target]} ({ref}) that is neither in the "
                               "file nor in this workspace")
    if missing:
        more = f" (and {len(missing) - 3} more)" if len(missing) > 3 else ""
        raise BundleError(f"{display} is incomplete: " + "; ".join(missing[:3]) + more + ". Nothing was changed.")


def _write_row(conn: Connection, table: Table, values: dict[str, Any], *, insert: bool) -> None:
    """Write one merged row (the single place rows are written, so that a failure can be injected in tests)."""
    if insert:
        conn.execute(table.insert().values(**values))
    else:
        row_id = values["id"]
        conn.execute(table.update().where(table.c.id == row_id).values(
            **{k: v for k, v in values.items() if k != "id"}))


def _apply(conn: Connection, plan: _Plan, header: BundleHeader, display: str) -> None:
    for t in EXCHANGED_TABLES:
        for action in plan.actions.get(t.name, []):
            _write_row(conn, t, action.values, insert=action.insert)
    if plan.stages_incoming:
        _renumber_stages(conn, plan)
    for name in NAMED_TABLES:
        if plan.actions.get(name):
            _refuse_duplicate_names(conn, _TABLES[name], display)
    now = models.utcnow()
    for table_name, remote_id, local_id in plan.new_mappings:
        exists = conn.execute(select(identity_map.c.id).where(
            identity_map.c.origin_workspace_id == header.origin_workspace_id,
            identity_map.c.table_name == table_name, identity_map.c.remote_id == remote_id)).scalar()
        if exists is None:
            conn.execute(identity_map.insert().values(
                id=models.new_id(), created_at=now, updated_at=now, origin_workspace_id=header.origin_workspace_id,
                table_name=table_name, remote_id=remote_id, local_id=local_id))
        else:
            conn.execute(identity_map.update().where(identity_map.c.id == exists).values(
                local_id=local_id, updated_at=now, deleted_at=None))
    origin = conn.execute(select(merge_origin).where(
        merge_origin.c.origin_workspace_id == header.origin_workspace_id)).first()
    if origin is None:
        conn.execute(merge_origin.insert().values(
            id=models.new_id(), created_at=now, updated_at=now, origin_workspace_id=header.origin_workspace_id,
            origin_name=header.origin_name, last_exported_at=header.exported_at, last_merged_at=now))
    elif header.exported_at > origin.last_exported_at:
        conn.execute(merge_origin.update().where(merge_origin.c.id == origin.id).values(
            origin_name=header.origin_name, last_exported_at=header.exported_at, last_merged_at=now, updated_at=now))


def _renumber_stages(conn: Connection, plan: _Plan) -> None:
    """Live stages at 0..n-1: ours in our order, new ones appended in the sender's order, unless the
    sender reordered the stages we share and its versions of them are newer: then the sender's order."""
    live = {r.id: r.position for r in conn.execute(
        select(_STAGE.c.id, _STAGE.c.position).where(_STAGE.c.deleted_at.is_(None)))}
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
    for position, stage_id in enumerate(order):
        if live[stage_id] != position:
            conn.execute(_STAGE.update().where(_STAGE.c.id == stage_id).values(position=position))


def _refuse_duplicate_names(conn: Connection, t: Table, display: str) -> None:
    dup = conn.execute(
        select(func.lower(t.c.name), func.count()).where(t.c.deleted_at.is_(None))
        .group_by(func.lower(t.c.name)).having(func.count() > 1)
    ).first()
    if dup is not None:
        raise BundleError(f"Merging {display} would leave two {_WHAT[t.name]}s named '{dup[0]}' (one was renamed "
                          "on the other laptop); rename one of them here, then merge again. Nothing was changed.")

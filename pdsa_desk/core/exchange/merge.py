"""Merging bundles: one transaction per file, or a preview that writes nothing.

A merge reads the file in place and streams it: table by table (definitions first, then the
rest, referenced tables first), :data:`CHUNK_ROWS` rows at a time, each chunk checked, planned
(:mod:`~pdsa_desk.core.exchange.plan`) and written in bulk (:mod:`~pdsa_desk.core.exchange.apply`)
before the next is read, so memory stays flat whatever the size of the file. Everything happens
in one transaction: any failure — a refused row late in the file, a cancel, a full disk — rolls
all of it back. Definitions (named tables) and cycles (which refer to each other) are read whole.
As in an import, SQLite does not check each written row's references again
(:func:`~pdsa_desk.core.importing.writer.unchecked_references`): the plan has checked every
reference of the chunk against the rows already written in the same transaction.

:func:`merge_bundles` merges several files, one transaction per file in the given order: a
refused file leaves the workspace as it was and the other files still merge.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sqlalchemy import Connection, Table, func, select
from sqlalchemy.exc import DatabaseError

from pdsa_desk.core import rules
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.exchange.apply import finish, write_actions
from pdsa_desk.core.exchange.bundle_file import Bundle, opened
from pdsa_desk.core.exchange.plan import Planner
from pdsa_desk.core.exchange.results import (
    BundleError,
    MergeOutcome,
    MergePreview,
    MergeReport,
    UnmappedDefinitionsError,
    msg,
    short,
)
from pdsa_desk.core.exchange.tables import EXCHANGED_TABLES, NAMED_TABLES, TABLES, foreign_keys
from pdsa_desk.core.exchange.validation import check_named
from pdsa_desk.core.gc_pause import paused_collection
from pdsa_desk.core.importing.writer import Writer, page_cache, unchecked_references
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.team_settings import IncomingSettings, apply_incoming

# Rows read, planned and written at a time (memory and the grain of progress and cancel).
CHUNK_ROWS = 20_000

Progress = Callable[[float, str], None]


class MergeCancelled(PdsaError):
    """The merge was cancelled; nothing was changed."""


def _merge_order() -> tuple[Table, ...]:
    """Named tables first (their clashes are known before any work is read), then the others; referenced
    tables before the tables that refer to them."""
    named = [t for t in EXCHANGED_TABLES if t.name in NAMED_TABLES]
    if any(target not in NAMED_TABLES for t in named for _, target in foreign_keys(t)):
        return EXCHANGED_TABLES  # a definition refers to work: plain reference order
    return (*named, *(t for t in EXCHANGED_TABLES if t.name not in NAMED_TABLES))


MERGE_ORDER = _merge_order()


def _read_whole(t: Table) -> bool:
    """Named tables (names are compared across all rows) and tables whose rows refer to each other."""
    return t.name in NAMED_TABLES or any(target == t.name for _, target in foreign_keys(t))


class _Merge:
    """One file merged inside the caller's transaction."""

    def __init__(self, conn: Connection, bundle: Bundle, mapping: Mapping[tuple[str, str], str], map_by_name: bool,
                 progress: Progress | None = None, cancel: Callable[[], bool] | None = None) -> None:
        self.conn = conn
        self.bundle = bundle
        self.planner = Planner(conn, bundle.header, mapping, map_by_name)
        self.writer = Writer(conn)
        self.progress = progress
        self.cancel = cancel
        self.total = max(1, sum(bundle.counts.values()))
        self.done = 0

    def definitions(self, *, write: bool = True) -> None:
        """Plan (and write) the named tables; their unresolved clashes are then known."""
        for t in MERGE_ORDER:
            if t.name in NAMED_TABLES:
                self._table(t, write=write)

    def work(self) -> None:
        for t in MERGE_ORDER:
            if t.name not in NAMED_TABLES:
                self._table(t, write=True)
        finish(self.conn, self.planner.result, self.bundle.header, self.bundle.display)

    def _table(self, t: Table, *, write: bool) -> None:
        n = self.bundle.counts[t.name]
        if not n:
            return
        display = self.bundle.display
        whole = _read_whole(t)
        with self.writer.bulk_indexes(t, adding=n if write else 0):
            for rows, stored in self.bundle.chunks(t, None if whole else CHUNK_ROWS):
                self._check_cancel()
                if whole:
                    check_named(t, rows, display)
                actions = self.planner.plan_rows(t, rows, display, check_references=write,
                                                 stored=stored if write and self.writer.fast else None)
                if write:
                    write_actions(self.conn, self.writer, t, actions)
                self.done += len(rows)
                if self.progress is not None:
                    self.progress(min(1.0, self.done / self.total),
                                  msg(QT_TRANSLATE_NOOP("Exchange", "Merging %1: %2…"), display, rules.noun(t.name, 2)))
            self._check_cancel()

    def _check_cancel(self) -> None:
        if self.cancel is not None and self.cancel():
            raise MergeCancelled(msg(QT_TRANSLATE_NOOP("Exchange", "The merge of %1 was cancelled; nothing was "
                                                       "changed."), self.bundle.display))


# SQLite's page cache during a merge (KiB; its default is 2,000): the indexes of a few hundred thousand
# rows stay in memory while rows with random ids are added to them (~1.5x faster inserts).
MERGE_CACHE_KIB = 64 * 1024


def preview_merge(ws: Workspace, path: str | Path) -> MergePreview:
    """Check a bundle (its header, integrity and row counts, and its definitions' rows) and list the
    definitions that need mapping (remembered mappings applied); writes nothing. The work's rows are
    checked by the merge itself."""
    path = Path(path)
    with opened(path) as bundle, ws.engine.connect() as conn:
        trans = conn.begin()
        try:
            merge = _Merge(conn, bundle, {}, map_by_name=False)
            merge.definitions(write=False)
        finally:
            trans.rollback()
    return MergePreview(header=bundle.header, conflicts=merge.planner.result.unresolved)


def mapping_choices(ws: Workspace, table: str) -> list[tuple[str, str]]:
    """(id, name) of the live rows of a named table, by name: what an incoming definition may be mapped to."""
    if table not in NAMED_TABLES:
        raise ValueError(f"{table} has no names to map")
    t = TABLES[table]
    with ws.engine.connect() as conn:
        return [(r.id, r.name) for r in conn.execute(
            select(t.c.id, t.c.name).where(t.c.deleted_at.is_(None)).order_by(func.lower(t.c.name)))]


@paused_collection()  # a full collection would hold the GIL (and stall the GUI) for long
def merge_bundle(
    ws: Workspace,
    path: str | Path,
    *,
    mapping: Mapping[tuple[str, str], str] | None = None,
    map_by_name: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> MergeReport:
    """Merge one bundle in one transaction (rolled back entirely on any failure, and for ``dry_run``).

    ``mapping`` maps ``(table, remote id)`` of clashing definitions to local ids; ``map_by_name``
    maps every clash to the local row of the same name. Raises :class:`UnmappedDefinitionsError`
    when clashes remain, :class:`BundleError` for a file that cannot be merged. ``progress(fraction,
    message)`` is called per chunk of rows, and ``cancel()`` asked there: True stops the merge with
    :class:`MergeCancelled`, nothing changed.
    """
    path = Path(path)
    with opened(path) as bundle, ws.writer(dry_run=dry_run) as conn, unchecked_references(conn):
        trans = conn.begin()
        try:
            with page_cache(conn, MERGE_CACHE_KIB):
                merge = _Merge(conn, bundle, mapping or {}, map_by_name, progress, cancel)
                merge.definitions()
                if merge.planner.result.unresolved:
                    raise UnmappedDefinitionsError(path.name, merge.planner.result.unresolved)
                merge.work()
                settings = apply_incoming(conn, IncomingSettings.from_header(bundle.header.settings))
        except DatabaseError as exc:
            trans.rollback()
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 could not be merged (%2); "
                    "nothing was changed."), path.name, short(str(exc.orig), 160))) from exc
        except BaseException:
            trans.rollback()
            raise
        if dry_run:
            trans.rollback()
        else:
            trans.commit()
    plan = merge.planner.result
    return MergeReport(source=path.name, header=bundle.header, tables=plan.counts, conflicts=plan.conflicts,
                       mapped=plan.mapped, dry_run=dry_run, settings=settings)


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

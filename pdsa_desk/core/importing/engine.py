"""The import itself: stream the file, validate every row, then write everything in one transaction.

The steps, each in its own module: :mod:`.reader` opens the file, :mod:`.columns` finds the mapped columns,
:mod:`.existing` reads what the workspace has, :mod:`.long_shape` / :mod:`.wide_shape` read the rows into a
:class:`~.collector.Collector`, :mod:`.stages` plans the CRM stages, :mod:`.validate` checks across rows and
decides each opportunity, :mod:`.store` writes. This module runs them in order and owns the transaction.
"""

from __future__ import annotations

import csv
import warnings
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError, WorkspaceError
from pdsa_desk.core.gc_pause import paused_collection
from pdsa_desk.core.importing import writer
from pdsa_desk.core.importing.collector import Collector
from pdsa_desk.core.importing.columns import Columns, resolve_columns
from pdsa_desk.core.importing.existing import load_workspace
from pdsa_desk.core.importing.long_shape import LongCollector
from pdsa_desk.core.importing.mapping import LONG, Mapping, StageMap, label
from pdsa_desk.core.importing.progress import READ_SHARE, Progress, Steps
from pdsa_desk.core.importing.reader import Table, iter_text_rows, open_table
from pdsa_desk.core.importing.results import ImportProblems, ImportResult, Problem, ambiguity_problems, order_hints
from pdsa_desk.core.importing.settle import check_amounts, mark_stale, settle
from pdsa_desk.core.importing.stages import plan_stages
from pdsa_desk.core.importing.store import store
from pdsa_desk.core.importing.texts import QT_TRANSLATE_NOOP, Count, say
from pdsa_desk.core.importing.validate import validate
from pdsa_desk.core.importing.wide_shape import WideCollector
from pdsa_desk.core.importing.writer import page_cache, unchecked_references
from pdsa_desk.core.messages import joined


class _Import:
    def __init__(self, ws: Workspace, path: Path, mapping: Mapping, stage_map: StageMap | None, *, dry_run: bool,
                 skip_invalid: bool, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
        self.ws = ws
        self.path = path
        self.mapping = mapping
        self.stage_map = (stage_map or StageMap()).merged_over(StageMap.from_dict(mapping.stages))
        self.dry_run = dry_run
        self.skip_invalid = skip_invalid
        self.steps = Steps(progress, cancel)
        self.result = ImportResult(dry_run=dry_run)
        self.rejected: dict[int, list[str]] = {}

    def run(self) -> ImportResult:
        table = open_table(self.path, self.mapping)
        try:
            self.result.notices.extend(table.notices)
            cols = resolve_columns(table, self.mapping)
            try:
                self._in_transaction(table, cols)
            except DBAPIError as exc:
                raise WorkspaceError(say(QT_TRANSLATE_NOOP(
                    "Import", "The workspace could not be written (%1); nothing was imported. If another window is "
                              "saving, try again."), str(exc.orig))) from exc
            if self.result.rows_rejected and not self.dry_run:
                self.result.rejected_file = self._write_rejected(table, cols)
        finally:
            table.close()
        self.steps.say(1.0, say(QT_TRANSLATE_NOOP("Import", "Done")))
        return self.result

    def _in_transaction(self, table: Table, cols: Columns) -> None:
        """Everything in one transaction: rolled back on any failure, on cancel and for a dry run."""
        with self.ws.writer(dry_run=self.dry_run) as conn, unchecked_references(conn):
            trans = conn.begin()
            try:
                with page_cache(conn, writer.IMPORT_CACHE_KIB):
                    self._run(conn, table, cols)
            except BaseException:
                trans.rollback()
                raise
            if self.dry_run:
                trans.rollback()
            else:
                self.steps.say(1.0, say(QT_TRANSLATE_NOOP("Import", "Saving…")))  # ~1 s at a million rows
                trans.commit()

    def _run(self, conn: Connection, table: Table, cols: Columns) -> None:
        state = load_workspace(conn)
        shape = LongCollector if self.mapping.shape == LONG else WideCollector
        col = shape(self.mapping, cols, state, self.skip_invalid, table)
        self.rejected = col.rejected
        self._read(col, table)
        r = self.result
        if col.n_ambiguous:
            hints = order_hints(col.dayfirst_hint, col.monthfirst_hint)
            raise ImportProblems(ambiguity_problems(col.ambiguous, col.n_ambiguous, hints), notices=r.notices,
                                 ambiguous_dates=True, order_hints=hints)
        check_amounts(col, r)
        fatal: list[Problem] = []
        plan = plan_stages(col, state, self.stage_map, self.mapping.create_stages, fatal)
        if fatal:
            raise ImportProblems(fatal, notices=r.notices)
        settle(col, plan, r)
        mark_stale(conn, col, state, r)
        verdict = validate(col, state, plan, self.skip_invalid)
        r.rows_ignored = verdict.rows_ignored
        where = {name: i for i, name in enumerate(table.header)}

        def in_file_order(p: Problem) -> tuple[int, int]:
            return (p.row or 0, where.get(p.column, len(where)) if p.column else -1)

        shown = sorted(col.problems, key=in_file_order)
        if col.n_problems and not self.skip_invalid:
            raise ImportProblems(shown, col.n_problems - len(shown), notices=r.notices)
        r.problems = shown
        r.rows_rejected = len(col.rejected)
        store(conn, col, state, plan, verdict, r, self.steps)

    def _read(self, col: Collector, table: Table) -> None:
        def tick() -> None:
            fraction = table.fraction()
            self.steps.say(READ_SHARE * (fraction or 0.0),
                           say(QT_TRANSLATE_NOOP("Import", "Reading row %1…"), Count(col.rows_read)))
            self.steps.check()

        self.steps.say(0.0, say(QT_TRANSLATE_NOOP("Import", "Reading %1…"), self.path.name))
        col.read(tick)
        tick()
        self.result.rows_read = col.rows_read

    def _write_rejected(self, table: Table, cols: Columns) -> Path | None:
        """Write the rejected rows (as they are in the file, plus an ``error`` column) beside the file.

        Runs after the commit, so it must not fail the import: a problem becomes a notice.
        """
        target = self.path.with_name(f"{self.path.stem}.rejected.csv")
        rejected = self.rejected
        tmp = target.with_name(target.name + ".tmp")
        try:
            table.reopen()
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
                out = csv.writer(fh)
                out.writerow([*table.header, "error"])
                for number, cells in iter_text_rows(table, cols.width):
                    messages = rejected.get(number)
                    if messages:
                        out.writerow([*cells, "; ".join(dict.fromkeys(messages))])
            tmp.replace(target)
        except (OSError, ImportProblems) as exc:
            tmp.unlink(missing_ok=True)
            self.result.notices.append(say(QT_TRANSLATE_NOOP("Import", "The rejected rows could not be written to "
                                                                       "%1: %2"), str(target), str(exc)))
            return None
        return target


def _prepare(mapping: Mapping) -> None:
    if not isinstance(mapping, Mapping):
        raise ValidationError("mapping must be a Mapping.", "mapping")  # a programming error: not translated
    mapping.check()
    missing = mapping.missing()
    if missing:
        raise ValidationError(say(QT_TRANSLATE_NOOP("Import", "The mapping does not say which column holds: %1."),
                                  joined([label(m) for m in missing], ", ")), missing[0])


@paused_collection()  # a full collection would hold the GIL (and stall the GUI) for long
def import_file(
    ws: Workspace,
    path: str | Path,
    mapping: Mapping,
    *,
    stage_map: StageMap | None = None,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import a CRM export (CSV or .xlsx) into the workspace, in one transaction.

    Every row is validated before anything is written. With problems, nothing
    is written and :class:`ImportProblems` lists them (``row N, column C: …``)
    — unless ``skip_invalid``, which imports the valid rows and writes the
    others to ``<name>.rejected.csv`` beside the file. ``dry_run`` does all
    the work and rolls it back. ``progress(fraction, message)`` is called once
    per chunk; ``cancel()`` returning True stops the import with
    :class:`Cancelled`, nothing written. A mapping or stage map that is
    itself wrong raises :class:`ValidationError`.
    """
    _prepare(mapping)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl's notes about styles and data validation
        return _Import(ws, Path(path), mapping, stage_map, dry_run=dry_run, skip_invalid=skip_invalid,
                       progress=progress, cancel=cancel).run()

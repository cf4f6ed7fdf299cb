"""Is this a pdsa-desk workspace, and is it whole? Damage detection in plain words (Qt-free).

* :func:`not_a_workspace`: a missing, zero-length or empty SQLite file is not a workspace. Only an explicit
  "create" makes a new one; everything else refuses such a path and leaves it untouched.
* :func:`damage`: what ``pdsa-desk check`` reports before its consistency rules. On SQLite, the library's own
  ``PRAGMA integrity_check`` (which does everything ``quick_check`` does and also compares every index with
  its table) and ``PRAGMA foreign_key_check``; on every database, the schema compared with what the
  workspace's Alembic revision defines: every table, column and index (built once per revision in an
  in-memory SQLite database by running the migration chain, so there is one definition of the schema).
* :class:`QuickCheck`: ``PRAGMA quick_check`` on its own read-only connection, for the GUI to run in the
  background when a workspace is opened; it can be interrupted when the window closes.

SQLite's own checks are used as they are ("How To Corrupt An SQLite Database File": nothing here repairs;
the advice is always to restore a backup and check it).
"""

from __future__ import annotations

import functools
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pdsa_desk.core.errors import DAMAGE_ADVICE, PdsaError, from_driver_error
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message, joined, plural

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from pdsa_desk.core.database import Workspace

_SQLITE_MAGIC = b"SQLite format 3\x00"
# The translation context of the findings and refusals said here (each a Message, English as ``str``).
CONTEXT = "Check"


def _m(template: str, *args: Arg) -> Message:
    return Message(CONTEXT, template, *args)


# Lines of SQLite's own report kept per finding list (the rest are counted).
MAX_SQLITE_LINES = 10


def not_a_workspace(path: Path) -> str | None:
    """Why ``path`` is not an existing pdsa-desk workspace (missing, zero-length, an empty SQLite database),
    or None when it may be one (the full checks come when it is opened). Reads at most the header and the
    schema table, read-only."""
    if not path.exists():
        return _m(QT_TRANSLATE_NOOP("Check", "There is no workspace at %1 (no such file); nothing was created."),
                  str(path))
    if path.is_dir():
        return None
    wal = Path(f"{path}-wal")
    if path.stat().st_size == 0:
        if wal.exists() and wal.stat().st_size > 0:
            return None  # the whole database is still in its write-ahead log
        return _m(QT_TRANSLATE_NOOP("Check", "%1 is not a pdsa-desk workspace: the file is empty (0 bytes). It was "
                                    "left as it is."), str(path))
    with path.open("rb") as fh:
        if fh.read(16) != _SQLITE_MAGIC:
            return None  # another kind of file: opening says so
    from pdsa_desk.core.sqlite_file import probe_uri

    try:
        con = sqlite3.connect(probe_uri(path), uri=True)
        try:
            tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return None  # damaged: opening says how
    if tables == 0:
        return _m(QT_TRANSLATE_NOOP("Check", "%1 is not a pdsa-desk workspace: it is an empty SQLite database. It "
                                    "was left as it is."), str(path))
    return None


# --- the schema a revision defines -----------------------------------------------------------------------


@dataclass(frozen=True)
class Schema:
    """Tables with their columns, and the named indexes (by table)."""

    columns: dict[str, frozenset[str]]
    indexes: dict[str, frozenset[str]]


def read_schema(engine: Engine) -> Schema:
    """The tables, columns and named indexes of a database (indexes behind unique constraints left out)."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        inspector = inspect(conn)
        columns: dict[str, frozenset[str]] = {}
        indexes: dict[str, frozenset[str]] = {}
        for table in inspector.get_table_names():
            columns[table] = frozenset(c["name"] for c in inspector.get_columns(table))
            indexes[table] = frozenset(
                str(ix["name"]) for ix in inspector.get_indexes(table)
                if ix.get("name") and "duplicates_constraint" not in ix
            )
    return Schema(columns, indexes)


@functools.cache
def _expected_schema(revision: str, scripts: str) -> Schema:
    from sqlalchemy import create_engine

    from pdsa_desk.core.schema import build_schema

    del scripts  # part of the cache key only: tests point Alembic at other scripts
    engine = create_engine("sqlite://")
    try:
        build_schema(engine, revision)
        return read_schema(engine)
    finally:
        engine.dispose()


def expected_schema(revision: str) -> Schema:
    """What the migration chain up to ``revision`` creates."""
    from pdsa_desk.core.schema import migration_scripts

    return _expected_schema(revision, migration_scripts())


def schema_problems(found: Schema, expected: Schema) -> list[tuple[str, str]]:
    """Every table, column and index ``expected`` has and ``found`` lacks, as (where, problem)."""
    problems: list[tuple[str, str]] = []
    for table in sorted(expected.columns):
        if table not in found.columns:
            problems.append((table, _m(QT_TRANSLATE_NOOP("Check", "the table is missing"))))
            continue
        missing = sorted(expected.columns[table] - found.columns[table])
        if missing:
            problems.append((table, plural(len(missing),
                                           _m(QT_TRANSLATE_NOOP("Check", "column missing: %1"), ", ".join(missing)),
                                           _m(QT_TRANSLATE_NOOP("Check", "columns missing: %1"), ", ".join(missing)))))
        missing_ix = sorted(expected.indexes.get(table, frozenset()) - found.indexes.get(table, frozenset()))
        if missing_ix:
            problems.append((table, plural(len(missing_ix),
                                           _m(QT_TRANSLATE_NOOP("Check", "index missing: %1"), ", ".join(missing_ix)),
                                           _m(QT_TRANSLATE_NOOP("Check", "indexes missing: %1"),
                                              ", ".join(missing_ix)))))
    return problems


# --- what check reports ----------------------------------------------------------------------------------


def _sqlite_lines(lines: Iterable[str]) -> list[str]:
    """SQLite's report without "ok" and its "*** in database main ***" headings, shortened."""
    found = [part.strip() for line in lines if line != "ok" for part in str(line).splitlines()
             if part.strip() and not part.startswith("*** in database")]
    if len(found) > MAX_SQLITE_LINES:
        found = [*found[:MAX_SQLITE_LINES],
                 _m(QT_TRANSLATE_NOOP("Check", "and %1 more"), len(found) - MAX_SQLITE_LINES)]
    return found


def _sqlite_report(lines: Iterable[str]) -> list[tuple[str, str]]:
    found = _sqlite_lines(lines)
    if not found:
        return []
    return [("sqlite", _m(QT_TRANSLATE_NOOP("Check", "the file is damaged: %1. "
                                            "%2"), joined(found, "; "), DAMAGE_ADVICE))]


def _plain(exc: BaseException) -> str:
    translated = exc if isinstance(exc, PdsaError) else from_driver_error(exc)
    return str(translated) if translated is not None else type(exc).__name__


def damage(ws: Workspace) -> list[tuple[str, str]]:
    """(where, problem) for everything that makes the workspace damaged or incomplete; [] when it is whole.

    Never raises for a damaged file: what could not be read is itself the finding.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from pdsa_desk.core.schema import current_revision

    findings: list[tuple[str, str]] = []
    try:
        if ws.is_sqlite:
            with ws.engine.connect() as conn:
                findings += _sqlite_report(r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check"))
            if findings:
                return findings
        revision = current_revision(ws.engine)
        if revision is None:
            return [("schema", _m(QT_TRANSLATE_NOOP("Check", "the workspace has no schema revision: it is not a "
                                                    "complete pdsa-desk workspace. %1"), DAMAGE_ADVICE))]
        found, expected = read_schema(ws.engine), expected_schema(revision)
    except (PdsaError, SQLAlchemyError, sqlite3.Error) as exc:
        return [*findings, ("sqlite" if ws.is_sqlite else "schema", _m(QT_TRANSLATE_NOOP(
            "Check", "the workspace could not be checked: %1"), _plain(exc)))]
    return [(where, _m(QT_TRANSLATE_NOOP("Check", "%1: the workspace is incomplete. %2"), problem, DAMAGE_ADVICE))
            for where, problem in schema_problems(found, expected)]


def broken_references(ws: Workspace) -> list[tuple[str, str]]:
    """SQLite's ``foreign_key_check``: rows pointing to rows that do not exist (none on a server, whose
    foreign keys are always enforced)."""
    if not ws.is_sqlite:
        return []
    with ws.engine.connect() as conn:
        return [(str(row[0]), _m(QT_TRANSLATE_NOOP("Check", "row %1 has a foreign key to missing %2"), str(row[1]),
                                 str(row[2])))
                for row in conn.exec_driver_sql("PRAGMA foreign_key_check")]


# --- the quick check when the GUI opens a workspace ------------------------------------------------------


class QuickCheck:
    """``PRAGMA quick_check`` of a workspace file on a connection of its own (read-only), from any thread.

    :meth:`run` returns [] when SQLite finds nothing wrong, else what it found (its own words, at most
    :data:`MAX_SQLITE_LINES` lines); :meth:`cancel` interrupts a check under way (it then returns []).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        self._cancelled = False

    def run(self) -> list[str]:
        from pdsa_desk.core.sqlite_file import read_only_uri

        try:
            con = sqlite3.connect(read_only_uri(self.path), uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            return [_m(QT_TRANSLATE_NOOP("Check", "it could not be opened for the check: %1"), _plain(exc))]
        with self._lock:
            if self._cancelled:
                con.close()
                return []
            self._con = con
        try:
            lines = [r[0] for r in con.execute("PRAGMA quick_check")]
        except sqlite3.Error as exc:
            if self._cancelled:
                return []
            return [_plain(exc)]
        finally:
            with self._lock:
                self._con = None
            con.close()
        return _sqlite_lines(lines)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._con is not None:
                self._con.interrupt()


def latest_backup(path: Path) -> Path | None:
    """The newest ``<name>.backup-*`` file beside a workspace (what the damage banner suggests restoring)."""
    suffix = path.suffix or ".sqlite"
    backups = [p for p in path.parent.glob(f"{path.stem}.backup-*{suffix}") if p.is_file()]
    return max(backups, key=lambda p: p.stat().st_mtime) if backups else None

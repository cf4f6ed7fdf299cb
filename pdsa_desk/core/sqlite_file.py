"""The SQLite file under a workspace: its driver's errors in plain words, read-only opening, backups.

* :class:`TranslatingConnection` is the ``sqlite3`` connection class of every workspace engine: its cursors
  raise the plain :class:`~pdsa_desk.core.errors.WorkspaceError` subclasses (busy, full, read-only, failing
  disk, damaged) instead of the driver's errors, also for the code that uses the driver directly for speed.
* :func:`why_not_writable`, :func:`read_only_uri`: whether a file can be written here, and how to read it when
  it cannot (SQLite's ``mode=ro``, and ``immutable`` in a read-only folder: https://sqlite.org/uri.html).
* :func:`backup_sqlite_file`: a consistent copy, only when it fits, under a temporary name until complete.

Qt-free, and without SQLAlchemy (the window paints before SQLAlchemy is imported).
"""

from __future__ import annotations

import errno
import functools
import math
import os
import shutil
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pdsa_desk.core.errors import (
    DAMAGE_ADVICE,
    DiskFull,
    StorageFailed,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceReadOnly,
    from_driver_error,
)
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message


def _m(template: str, *args: Arg) -> Message:
    """A user-facing text of this module (context "Errors", translated by the UI)."""
    return Message("Errors", template, *args)


def _translated(exc: sqlite3.Error) -> BaseException:
    return from_driver_error(exc) or exc


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` of the driver, raising the plain error instead of the driver's (see TranslatingCursor)."""

    @functools.wraps(method)
    def call(self: object, *args: object) -> Any:
        try:
            return method(self, *args)
        except sqlite3.Error as exc:
            raise _translated(exc) from exc

    return call


class TranslatingCursor(sqlite3.Cursor):
    """A sqlite3 cursor whose errors are the plain :class:`WorkspaceError` subclasses when they are about the
    workspace (busy, full, read-only, failing disk, damage); see :func:`pdsa_desk.core.errors.from_driver_error`.

    Everything that reads or writes a workspace gets these cursors, also the code that uses the driver directly
    for speed (the importer, the analysis load), so no driver message with SQL or row data reaches a user.
    Row iteration (``for row in cursor``) is not wrapped (it would cost per row); the fetch methods are.
    """

    execute = _translating(sqlite3.Cursor.execute)
    executemany = _translating(sqlite3.Cursor.executemany)
    fetchone = _translating(sqlite3.Cursor.fetchone)
    fetchmany = _translating(sqlite3.Cursor.fetchmany)
    fetchall = _translating(sqlite3.Cursor.fetchall)


class TranslatingConnection(sqlite3.Connection):
    """A sqlite3 connection that hands out :class:`TranslatingCursor`, also from ``execute`` and ``executemany``
    (the driver's own make a plain cursor without asking :meth:`cursor`)."""

    def cursor(self, factory: type[sqlite3.Cursor] = TranslatingCursor) -> sqlite3.Cursor:  # type: ignore[override]
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:
        return self.cursor().executemany(sql, parameters)

    commit = _translating(sqlite3.Connection.commit)


# Room kept free beyond the backup's own size (the file system needs some, and the WAL may grow meanwhile).
BACKUP_MARGIN_BYTES = 16 * 1024 * 1024
_PART = ".part"


def _mb(n: int) -> str:
    return f"{max(1, math.ceil(n / (1024 * 1024))):,} MB"


def backup_sqlite_file(path: Path, when: datetime | None = None) -> Path:
    """Copy a SQLite workspace to a timestamped file beside it (consistent even in WAL mode).

    Checks first that the disk has room for it (:class:`DiskFull` "needs … MB free on …" otherwise, and
    nothing is written); the copy is written under a temporary name and renamed only once complete, so a
    full disk, a crash or a kill never leaves a partial file that looks like a backup (a temporary file
    left by a kill is removed by the next backup). Other failures raise :class:`StorageFailed`.
    """
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    suffix = path.suffix or ".sqlite"
    target = path.with_name(f"{path.stem}.backup-{stamp}{suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}{suffix}")
    for stale in path.parent.glob(f".{path.stem}.backup-*{suffix}{_PART}*"):  # left by a kill: never complete
        stale.unlink(missing_ok=True)
    needed = sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = None
    if free is not None and free < needed + BACKUP_MARGIN_BYTES:
        raise DiskFull(_m(QT_TRANSLATE_NOOP("Errors", "Backing up %1 needs %2 free on %3 "
                "(there are %4); free some space and try again. Nothing was changed."), path.name,
                _mb(needed + BACKUP_MARGIN_BYTES), str(path.parent), _mb(free)))
    part = target.with_name(f".{target.name}{_PART}")
    try:
        _copy_sqlite(path, part)
        os.replace(part, target)
    except BaseException as exc:
        for leftover in (part, Path(f"{part}-journal")):
            leftover.unlink(missing_ok=True)
        if isinstance(exc, (OSError, sqlite3.Error)):
            raise _backup_error(path, exc) from exc
        raise
    return target


def _copy_sqlite(path: Path, part: Path) -> None:
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(part)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            dst.close()
    finally:
        src.close()
    with part.open("rb+") as fh:  # on the disk before it gets its real name
        os.fsync(fh.fileno())


def _backup_error(path: Path, exc: BaseException) -> WorkspaceError:
    translated = from_driver_error(exc)
    if isinstance(translated, (DiskFull, StorageFailed)) or getattr(exc, "errno", None) in (errno.ENOSPC,
                                                                                              errno.EFBIG,
                                                                                              errno.EDQUOT):
        return DiskFull(_m(QT_TRANSLATE_NOOP("Errors", "There is not enough room on %1 to back "
                "up %2; free some space and try again. Nothing was changed."), str(path.parent), path.name))
    if isinstance(translated, WorkspaceDamaged):
        return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP("Errors", "%1 could not be backed up: it "
                "is damaged. %2"), path.name, DAMAGE_ADVICE))
    if isinstance(exc, PermissionError) or isinstance(translated, WorkspaceReadOnly):
        return WorkspaceReadOnly(_m(QT_TRANSLATE_NOOP("Errors", "%1 could not be backed up: "
                "its folder %2 cannot be written."), path.name, str(path.parent)))
    reason = getattr(exc, "strerror", None) or "the disk reported an error"
    return StorageFailed(_m(QT_TRANSLATE_NOOP("Errors", "%1 could not be backed up (%2). "
            "Nothing was changed."), path.name, reason))


def why_not_writable(path: Path) -> str:
    """"" when the workspace file can be written here, else why not (in words for a banner).

    Writing needs the file, and the folder unless its ``-wal`` and ``-shm`` files are there and writable
    (SQLite creates them beside the file). ``os.access`` also sees read-only disks and, even for root,
    immutable files.
    """
    if not os.access(path, os.W_OK):
        return _m(QT_TRANSLATE_NOOP("Errors", "the file is read-only"))
    if not os.access(path.parent, os.W_OK):
        side = (Path(f"{path}-wal"), Path(f"{path}-shm"))
        if not all(p.exists() and os.access(p, os.W_OK) for p in side):
            return _m(QT_TRANSLATE_NOOP("Errors", "its folder is read-only"))
    return ""


def read_only_uri(path: Path) -> str:
    """An sqlite3 ``mode=ro`` URI of the file; also ``immutable`` when no other program can be writing it (its
    folder is read-only and there is no write-ahead log), as SQLite then cannot make the ``-shm`` file it
    needs."""
    immutable = not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists()
    return f"file:{quote(str(path))}?{'mode=ro&immutable=1' if immutable else 'mode=ro'}"


def reading_connection(path: str | Path) -> sqlite3.Connection:
    """A ``sqlite3`` connection that reads a workspace file without SQLAlchemy (start-up's first reads, the
    snapshot's load and its events' second connection): read-only (:func:`read_only_uri`), its errors in plain
    words (:class:`TranslatingConnection`), transactions begun by the caller, usable from another thread, and
    waiting up to 5 s for a writer."""
    con = sqlite3.connect(read_only_uri(Path(path)), uri=True, factory=TranslatingConnection,
                          isolation_level=None, check_same_thread=False)
    try:
        con.execute("PRAGMA busy_timeout=5000")
    except BaseException:
        con.close()
        raise
    return con


def probe_uri(path: Path) -> str:
    """Read-only, and "immutable" when there is no write-ahead log to consider (no -wal/-shm files made)."""
    flags = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"
    return f"file:{quote(str(path))}?{flags}"

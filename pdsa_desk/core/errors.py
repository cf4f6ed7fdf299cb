"""Errors a user can act on. Anything else escaping the core is a bug.

A database driver's own errors never reach the user: :func:`from_driver_error` turns the ones that can
happen to a correct program (a busy, full, read-only, failing or damaged workspace) into the
:class:`WorkspaceError` subclasses below, whose messages are plain sentences without SQL or row data.
:mod:`pdsa_desk.core.database` applies it to every statement and commit; the command line and the
GUI's last-resort handler apply it to anything that slipped past.
"""

from __future__ import annotations

import re
import sqlite3

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message

# The translation context of these texts (each a :class:`~pdsa_desk.core.messages.Message`; the UI shows it
# in its language with :func:`pdsa_desk.ui.i18n.text`).
CONTEXT = "Errors"


def _m(template: str, *args: str) -> Message:
    return Message(CONTEXT, template, *args)


class PdsaError(Exception):
    """Base class of every error whose message is written for the user.

    ``str()`` of one is its message as given: a :class:`~pdsa_desk.core.messages.Message` stays one (plain
    ``Exception`` would copy it into a bare ``str``), so the UI can still translate ``str(exc)``."""

    def __str__(self) -> str:
        if len(self.args) == 1 and isinstance(self.args[0], str):
            return self.args[0]
        return super().__str__()


class WorkspaceError(PdsaError):
    """The workspace cannot be opened or used (not a workspace, newer schema, unreachable)."""


class ValidationError(PdsaError):
    """Input was refused; nothing was written.

    ``field`` names the input at fault (e.g. ``"name"``) so a form can show the
    message next to it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ConflictError(ValidationError):
    """The row changed since it was read (someone else saved first); nothing was written.

    A refusal like any other, so forms show it where they show validation errors.
    """


class WorkspaceBusy(WorkspaceError):
    """Another program (another pdsa-desk) held the workspace's write lock for the whole busy timeout.

    Nothing was written, and the same action can simply be tried again. ``acknowledged`` is set once the
    user has been told (the GUI's Retry/Cancel question), so that it is not said twice.
    """

    retryable = True

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message if message is not None else _m(QT_TRANSLATE_NOOP(
            "Errors", "Another pdsa-desk is saving to this workspace — try again.")))
        self.acknowledged = False


class WorkspaceReadOnly(WorkspaceError):
    """The workspace cannot be written here (a read-only file, folder or disk); nothing was saved."""


class DiskFull(WorkspaceError):
    """The disk (or the file-size limit) ran out while writing; nothing was saved."""


class StorageFailed(WorkspaceError):
    """The operating system reported an input/output error reading or writing the workspace."""


class WorkspaceDamaged(WorkspaceError):
    """The workspace file is damaged (SQLite found a malformed page, or a table or column is missing)."""


# What to do about a damaged workspace (said wherever damage is reported).
DAMAGE_ADVICE = _m(QT_TRANSLATE_NOOP("Errors", "Restore the latest backup, and run 'pdsa-desk check' on it."))

# SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
_SQLITE_ERROR, _SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_NOMEM = 1, 3, 5, 6, 7
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN = 8, 10, 11, 13, 14
_SQLITE_PROTOCOL, _SQLITE_NOTADB = 15, 26


def _sqlite_error(exc: sqlite3.Error) -> WorkspaceError | None:
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    if code is None:  # raised by the sqlite3 module itself (e.g. a value it cannot decode)
        if "decode" in text.lower():
            column = re.search(r"column '([^']{1,64})'", text)  # never the text itself: that is row data
            if column:
                return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP(
                    "Errors", "The workspace holds text that cannot be read in the column '%1': it may be damaged. "
                    "%2"), column.group(1), DAMAGE_ADVICE))
            return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP(
                "Errors", "The workspace holds text that cannot be read: it may be damaged. %1"), DAMAGE_ADVICE))
        return None
    primary = code & 0xFF
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_PROTOCOL):
        return WorkspaceBusy()
    if primary == _SQLITE_FULL:
        return DiskFull(_m(QT_TRANSLATE_NOOP("Errors", "The disk holding the workspace is "
                "full; nothing was saved. Free some space and try again.")))
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return WorkspaceReadOnly(_m(QT_TRANSLATE_NOOP("Errors", "The workspace cannot be "
                "written here (the file, its folder or the disk is read-only); nothing was saved.")))
    if primary == _SQLITE_IOERR:
        return StorageFailed(_m(QT_TRANSLATE_NOOP("Errors", "The disk reported an error "
                "reading or writing the workspace (or a file-size limit was reached); nothing was saved. Check "
                "the disk and try again.")))
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP("Errors", "The workspace file is damaged "
                "(SQLite: %1). %2"), text, DAMAGE_ADVICE))
    if primary == _SQLITE_CANTOPEN:
        return StorageFailed(_m(QT_TRANSLATE_NOOP("Errors", "The workspace file could not be "
                "opened (it, or its folder, was moved, removed or cannot be read).")))
    if primary == _SQLITE_NOMEM:
        return StorageFailed(_m(QT_TRANSLATE_NOOP("Errors", "The computer ran out of memory "
                "working on the workspace; nothing was saved.")))
    if primary == _SQLITE_ERROR and text.startswith(("no such table", "no such column")):
        return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP("Errors", "The workspace is incomplete "
                "(%1): a part of it is missing. %2"), text, DAMAGE_ADVICE))
    return None


# PostgreSQL SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_PG_BUSY = ("40001", "40P01", "55P03")  # serialization failure, deadlock, lock not available
_PG_CANCELLED = ("57014",)  # query cancelled (a statement time limit, or an administrator)
_PG_FULL = ("53100",)  # disk full
_PG_RESOURCES = ("53",)  # insufficient resources (memory, connections)
_PG_READ_ONLY = ("25006",)  # read-only transaction (a standby server)


def _server_error(exc: BaseException) -> WorkspaceError | None:
    state = getattr(exc, "sqlstate", None)
    if not isinstance(state, str):
        return None
    if state in _PG_BUSY:
        return WorkspaceBusy(_m(QT_TRANSLATE_NOOP("Errors", "Someone else was saving the same "
                "rows on the team database; nothing was saved — try again.")))
    if state in _PG_CANCELLED:
        return WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "The team database cancelled the "
                "work (a time limit, or its administrator); nothing was saved. Try again.")))
    if state in _PG_FULL:
        return DiskFull(_m(QT_TRANSLATE_NOOP("Errors", "The team database's disk is full; "
                "nothing was saved. Tell its administrator.")))
    if state.startswith(_PG_RESOURCES):
        return StorageFailed(_m(QT_TRANSLATE_NOOP("Errors", "The team database is out of "
                "resources (memory or connections); nothing was saved. Try again later, or tell its "
                "administrator.")))
    if state in _PG_READ_ONLY:
        return WorkspaceReadOnly(_m(QT_TRANSLATE_NOOP("Errors", "The team database accepts no "
                "changes at the moment (it is read-only); nothing was saved.")))
    if state.startswith("58") or state.startswith("XX"):
        return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP("Errors", "The team database reported an "
                "internal or storage error; nothing was saved. Tell its administrator.")))
    return None


def from_driver_error(exc: BaseException | None) -> WorkspaceError | None:
    """The plain error for a database driver's exception (``sqlite3`` or ``psycopg``), or None when it is not
    one a correct program meets (those stay bugs). Also accepts SQLAlchemy's wrapper (``.orig``)."""
    if exc is None:
        return None
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, sqlite3.Error):
        return _sqlite_error(exc)
    return _server_error(exc)


def plain_message(exc: BaseException) -> str | None:
    """What to tell a user about ``exc``: its own message for a :class:`PdsaError`, the plain translation of a
    database driver's error, or None for anything else (a bug: log it, with its traceback)."""
    if isinstance(exc, PdsaError):
        return str(exc)
    translated = from_driver_error(exc)
    if translated is not None:
        return str(translated)
    if isinstance(exc, sqlite3.Error) or isinstance(getattr(exc, "orig", None), sqlite3.Error):
        return _m(QT_TRANSLATE_NOOP("Errors", "The workspace could not be used for this (an unexpected SQLite "
                                    "error); nothing was saved. The details are in the log file."))
    return None

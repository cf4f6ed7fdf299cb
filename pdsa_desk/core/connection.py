"""Connecting to a workspace's database: the engine, SQLite's pragmas and the driver errors a user can act on.

:func:`make_engine` builds the engine for a SQLite file (its connections set the pragmas, open read-only
files with ``mode=ro``, and begin write transactions with ``BEGIN IMMEDIATE``) or for a server (connect
timeout, ``pool_pre_ping``); the ``handle_error`` listeners turn driver errors into the
:class:`~pdsa_desk.core.errors.WorkspaceError` family, a lost server connection into :class:`ConnectionLost`.
Opening a workspace with these is :mod:`pdsa_desk.core.database`; the schema is :mod:`pdsa_desk.core.schema`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from pdsa_desk.core.errors import (
    WorkspaceError,
    from_driver_error,
)
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message
from pdsa_desk.core.sqlite_file import (
    TranslatingConnection,
    read_only_uri,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL, Connection, ExceptionContext
    from sqlalchemy.pool import ConnectionPoolEntry


SQLITE_BUSY_TIMEOUT_MS = 5000
# Seconds to wait for a server before saying it is not reachable.
SERVER_CONNECT_TIMEOUT_S = 10
# Execution option of the engine that write transactions use: on SQLite they begin with ``BEGIN IMMEDIATE``.
_WRITE_OPTION = "pdsa_write"


class ConnectionLost(WorkspaceError):
    """The team database could not be reached during a call (or when opening it).

    ``during`` is ``"edit"`` (a write was rolled back: nothing was saved),
    ``"read"`` or ``"open"``. The workspace stays usable: the same call can
    simply be tried again once the server is back.
    """

    def __init__(self, where: str, detail: str, during: str = "read") -> None:
        self.where = where
        self.detail = detail
        self.during = during
        if during == "open":
            message = Message("Errors", QT_TRANSLATE_NOOP("Errors", "Cannot connect to the team database at %1: %2."),
                              where, detail)
        elif during == "edit":
            message = Message("Errors", QT_TRANSLATE_NOOP("Errors", "The team database at %1 is not reachable: %2. "
                                                          "Your edit was not saved; try again."), where, detail)
        else:
            message = Message("Errors", QT_TRANSLATE_NOOP("Errors", "The team database at %1 is not reachable: %2. Try "
                                                          "again."), where, detail)
        super().__init__(message)


class AuthenticationFailed(WorkspaceError):
    """The server refused the user name or password (a password may be needed)."""



def to_url(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL for a file path or URL (``sqlite:///…``, ``postgresql+psycopg://…``)."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _on_sqlite_connect(read_only: bool) -> Callable[[sqlite3.Connection, ConnectionPoolEntry], None]:
    def connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
        # that DDL (migrations) is transactional too: see _on_sqlite_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        if not read_only:  # a read-only connection reads the file as it is (setting the journal mode writes)
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return connect


def _on_sqlite_begin(conn: Connection) -> None:
    # A write transaction takes the write lock when it begins, so it waits for another writer for the
    # busy timeout. A deferred transaction that reads first and writes later is refused at once
    # (SQLITE_BUSY, without waiting) when another process wrote in between: SQLite cannot upgrade its
    # snapshot. Reads stay deferred, so they never wait for a writer (WAL).
    immediate = conn.get_execution_options().get(_WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _on_sqlite_error(ctx: ExceptionContext) -> None:
    """A busy, full, read-only, failing or damaged workspace: a plain :class:`WorkspaceError`, never the driver's
    message with the statement and its parameters (see :func:`pdsa_desk.core.errors.from_driver_error`)."""
    translated = from_driver_error(ctx.original_exception)
    if translated is not None:
        raise translated from ctx.original_exception


def server_label(url: str | URL) -> str:
    """``host:port`` of a server URL (what messages call "the team database at …")."""
    from sqlalchemy.engine import make_url

    sa_url = make_url(url) if isinstance(url, str) else url
    host = sa_url.host or "localhost"
    return f"{host}:{sa_url.port}" if sa_url.port else host


def _driver_detail(exc: BaseException | None) -> str:
    """The driver's own words, first line, without trailing punctuation."""
    text = str(exc or "").strip().splitlines()
    first = text[0].strip() if text else "no answer"
    first = first.removeprefix("connection failed: ")
    return first.rstrip(".") or "no answer"


_CONNECTION_SQLSTATES = ("57P01", "57P02", "57P03")  # admin shutdown, crash shutdown, cannot connect now


def _is_connection_problem(ctx: ExceptionContext) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError

    if ctx.is_disconnect:
        return True
    sa_exc = ctx.sqlalchemy_exception
    if isinstance(sa_exc, InterfaceError):
        return True
    if isinstance(sa_exc, OperationalError):
        # Deadlocks, serialization failures and cancelled statements are
        # OperationalErrors too, but they come with an SQLSTATE: the server
        # answered. Connection failures have none, or class 08.
        state = getattr(ctx.original_exception, "sqlstate", None)
        return state is None or state.startswith("08") or state in _CONNECTION_SQLSTATES
    return False


def _on_server_error(where: str) -> Callable[[ExceptionContext], None]:
    def handle(ctx: ExceptionContext) -> None:
        if ctx.is_pre_ping:  # the pool reconnects by itself; only a failed reconnect reaches us
            return
        if _is_connection_problem(ctx):
            raise ConnectionLost(where, _driver_detail(ctx.original_exception))
        translated = from_driver_error(ctx.original_exception)
        if translated is not None:
            raise translated from ctx.original_exception

    return handle


def make_engine(url: str | URL, *, read_only: bool = False) -> Engine:
    """The engine of a workspace; ``read_only`` (a SQLite file): connections open it with SQLite's ``mode=ro``
    (see :func:`read_only_uri`) and change no setting of the file."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    sa_url = make_url(url) if isinstance(url, str) else url
    if sa_url.get_backend_name() == "sqlite":
        if read_only and sa_url.database:
            uri = read_only_uri(Path(sa_url.database))
            engine = create_engine(sa_url, creator=lambda: sqlite3.connect(
                uri, uri=True, check_same_thread=False, factory=TranslatingConnection))
        else:
            engine = create_engine(sa_url, connect_args={"factory": TranslatingConnection})
        event.listen(engine, "connect", _on_sqlite_connect(read_only))
        event.listen(engine, "begin", _on_sqlite_begin)
        event.listen(engine, "handle_error", _on_sqlite_error)
        return engine
    connect_args: dict[str, object] = {}
    if sa_url.get_backend_name() == "postgresql":
        connect_args = {"connect_timeout": SERVER_CONNECT_TIMEOUT_S, "application_name": "pdsa-desk"}
    # pool_pre_ping: a connection broken by a server restart is replaced before use,
    # so a call retried after a ConnectionLost works without reopening the workspace.
    engine = create_engine(sa_url, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "handle_error", _on_server_error(server_label(sa_url)))
    return engine

"""Opening a workspace: file checks, the :class:`Workspace` and its transactions, peeking and probing.

The engine and its SQLite pragmas are :mod:`pdsa_desk.core.connection`; schema revisions, migrations and
the backup before one are :mod:`pdsa_desk.core.schema`; this module opens a workspace with them.

A workspace is a SQLite file on the user's laptop, or a SQLAlchemy URL (the
team's PostgreSQL server). Both go through the same Alembic migration chain;
a brand-new workspace is created by running that chain from the start, so there
is exactly one way a schema comes into being.

On a server database:

* the password is never part of :attr:`Workspace.url` (it lives only in the
  engine); without one in the URL it is looked up in the system keyring
  (see :mod:`pdsa_desk.core.secrets`);
* no backup file is made before a migration (server backups are the
  administrator's job), and a PostgreSQL advisory lock makes two laptops that
  open a new or older database at once migrate it once;
* a lost connection during a call surfaces as :class:`ConnectionLost`, a
  :class:`WorkspaceError` whose message a user can act on; the pool pings
  connections before use, so the same call works again once the server is back.

Failures a user can act on (issue 14):

* every driver error about the workspace itself (busy past the busy timeout, disk full, read-only, I/O
  error, damage) is a plain :class:`WorkspaceError` subclass from :mod:`pdsa_desk.core.errors`, never the
  driver's message with the statement and its rows (SQLite: the connection class of
  :mod:`pdsa_desk.core.sqlite_file`, and a ``handle_error`` listener; servers: the ``handle_error`` listener);
* write transactions (:meth:`Workspace.transaction`, :meth:`Workspace.writer`) begin with ``BEGIN
  IMMEDIATE`` on SQLite, so they wait for another writer for the busy timeout instead of failing when they
  first write, and then ask :attr:`Workspace.busy_handler` (the GUI's "Retry?");
* a file that cannot be written here opens read-only (``Workspace.read_only``): nothing is created,
  migrated or backed up, writes are refused at once; without ``create`` only an existing workspace opens.

Start-up speed: this module imports SQLAlchemy (and SQLModel) only when a function
needs it, so :func:`peek_workspace_file` can read a file's schema revision and name
while the window is being painted; and a workspace already at the newest schema is
opened without importing Alembic (the known revisions are read from the migration
scripts' source, see :func:`known_revisions`).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pdsa_desk.core.connection import (
    _WRITE_OPTION,
    AuthenticationFailed,
    ConnectionLost,
    _driver_detail,
    make_engine,
    server_label,
    to_url,
)
from pdsa_desk.core.errors import (
    DAMAGE_ADVICE,
    WorkspaceBusy,
    WorkspaceDamaged,
    WorkspaceError,
    WorkspaceReadOnly,
    from_driver_error,
)
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message, plural
from pdsa_desk.core.schema import _migrate, _refuse_unknown_revision, current_revision, head_revision
from pdsa_desk.core.sqlite_file import (
    probe_uri,
    why_not_writable,
)


def _m(template: str, *args: Arg) -> Message:
    """A user-facing text of this module (context "Errors", translated by the UI)."""
    return Message("Errors", template, *args)

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.engine import URL, Connection
    from sqlmodel import Session


# Called when the write lock could not be had within the busy timeout; True: wait again (see Workspace).
BusyHandler = Callable[[WorkspaceBusy], bool]


@dataclass
class Workspace:
    """An open workspace: the engine plus a way to run one transaction.

    ``url`` never holds a server password (only the engine knows it), so it can
    be shown, logged and remembered as it is.

    ``read_only``: the file could not be written here (a read-only file, folder or disk), so it was opened
    read-only: reading works, every write is refused at once with :class:`WorkspaceReadOnly`.

    ``busy_handler``: asked what to do when another program holds the write lock for the whole busy
    timeout (``SQLITE_BUSY_TIMEOUT_MS``) at the start of a write transaction; True waits again, False (or no
    handler) raises :class:`WorkspaceBusy` (marked ``acknowledged`` by a handler that asked the user).
    Nothing of the transaction has run at that point, so the same action simply continues (the GUI asks
    "Retry?"; the command line has no handler).
    """

    url: str = field(repr=False)
    engine: Engine = field(repr=False)
    backup_path: Path | None = None
    read_only: bool = False
    busy_handler: BusyHandler | None = field(default=None, repr=False)
    # Why the workspace is read-only (shown in the banner and in refusals).
    read_only_reason: str = ""

    def __repr__(self) -> str:
        return f"Workspace({self.display_url!r})"

    @property
    def is_sqlite(self) -> bool:
        from sqlalchemy.engine import make_url

        return make_url(self.url).get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        from sqlalchemy.engine import make_url

        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for titles and logs."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    @property
    def server(self) -> str | None:
        """``host:port`` of a server database, or None for a SQLite file."""
        return None if self.is_sqlite else server_label(self.url)

    def refuse_if_read_only(self) -> None:
        """Raise :class:`WorkspaceReadOnly` (nothing was saved) for a workspace opened read-only."""
        if self.read_only:
            why = self.read_only_reason or _m(QT_TRANSLATE_NOOP("Errors", "it cannot be written here"))
            raise WorkspaceReadOnly(_m(QT_TRANSLATE_NOOP("Errors", "This workspace is open "
                    "read-only (%1); nothing was saved."), why))

    @functools.cached_property
    def _write_engine(self) -> Engine:
        # The same engine and pool; its transactions begin with BEGIN IMMEDIATE (see _on_sqlite_begin).
        return self.engine.execution_options(**{_WRITE_OPTION: True}) if self.is_sqlite else self.engine

    def writer(self, *, dry_run: bool = False) -> Connection:
        """A connection for one long unit of work that reads, then writes (an import, a merge): its transaction
        takes the write lock when it begins, so it waits for another writer like an edit does, and cannot
        fail half-way because someone else wrote meanwhile. With ``dry_run`` (everything is rolled back) an
        ordinary connection, which neither waits for nor blocks other writers."""
        if dry_run:
            return self.engine.connect()
        self.refuse_if_read_only()
        return self._write_engine.connect()

    def _write_session(self) -> Session:
        """A session whose transaction holds the write lock (SQLite); asks ``busy_handler`` while it is busy."""
        from sqlmodel import Session

        while True:
            session = Session(self._write_engine, expire_on_commit=False)
            try:
                session.begin()
                session.connection()  # BEGIN IMMEDIATE: waits up to the busy timeout
                return session
            except WorkspaceBusy as exc:
                session.close()
                if self.busy_handler is None or not self.busy_handler(exc):
                    raise
            except BaseException:
                session.close()
                raise

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll everything back on any error.

        On SQLite the transaction takes the write lock at once (waiting for another writer for the busy
        timeout, then asking ``busy_handler``), so nothing it reads can change before it writes. A lost
        server connection raises :class:`ConnectionLost` saying the edit was not saved (the transaction
        was rolled back, or never reached the server). A read-only workspace refuses at once.
        """
        self.refuse_if_read_only()
        try:
            session = self._write_session()
            with session:
                try:
                    yield session
                except BaseException:
                    session.rollback()
                    raise
                session.commit()
        except ConnectionLost as exc:
            if exc.during == "edit":
                raise
            raise ConnectionLost(exc.where, exc.detail, "edit") from exc.__cause__

    def session(self) -> Session:
        """A read session (the caller closes it)."""
        from sqlmodel import Session

        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()


def _check_file(path: Path, create: bool) -> None:
    """What can be said of a workspace file before opening it as a database.

    Without ``create`` only an existing workspace will do: a missing, zero-length or empty SQLite file is
    refused as "not a pdsa-desk workspace" (:func:`pdsa_desk.core.integrity.not_a_workspace`) and left
    exactly as it is.
    """
    if path.exists() and path.is_dir():
        raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "%1 is a folder, not a workspace "
                "file."), str(path)))
    if not create:
        from pdsa_desk.core.integrity import not_a_workspace

        problem = not_a_workspace(path)
        if problem is not None:
            raise WorkspaceError(problem)
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "%1 is not a pdsa-desk "
                        "workspace (not an SQLite database)."), str(path)))


def _probe_file(path: Path) -> tuple[str | None, str | None]:
    """(schema revision, workspace name) of an existing SQLite file, read with sqlite3 alone.

    Raises :class:`WorkspaceError` when the file is another program's database or was saved by a newer
    pdsa-desk (and ``sqlite3.DatabaseError`` when it cannot be read): the file is left exactly as it
    was. Read-only, and "immutable" when there is no write-ahead log to consider, so that probing creates
    no -wal/-shm files either (WAL mode would otherwise rewrite the header of a newer file).
    """
    probe = sqlite3.connect(probe_uri(path), uri=True)
    try:
        has_version = probe.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        has_tables = probe.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        found = probe.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
        name = None
        if found is not None:
            try:  # the settings row services.get_settings reads (the first live one)
                row = probe.execute("SELECT name FROM workspace_settings WHERE deleted_at IS NULL LIMIT 1").fetchone()
                name = row[0] if row else None
            except sqlite3.DatabaseError:
                name = None
    finally:
        probe.close()
    if has_tables and not has_version:
        raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "%1 is an SQLite database but not "
                "a pdsa-desk workspace."), str(path)))
    revision = found[0] if found else None
    _refuse_unknown_revision(revision, str(path))
    return revision, name


def _unreadable(path: Path, exc: sqlite3.Error) -> WorkspaceError:
    """The error for a file sqlite3 could not read while probing it."""
    translated = from_driver_error(exc)
    if isinstance(translated, WorkspaceDamaged) or translated is None:
        return WorkspaceDamaged(_m(QT_TRANSLATE_NOOP("Errors", "%1 cannot be read as a "
                "workspace: it is damaged or truncated (SQLite: %2). %3"), str(path), _driver_detail(exc),
                DAMAGE_ADVICE))
    return type(translated)(_m(QT_TRANSLATE_NOOP("Errors", "%1 cannot be read as a workspace: %2"), str(path),
                               str(translated)))


@dataclass(frozen=True)
class WorkspacePeek:
    """What a quick read-only look at a workspace file found (see :func:`peek_workspace_file`)."""

    path: Path
    # The stamped schema revision; None for a new or empty file.
    revision: str | None
    # The workspace's name, when the file has one.
    name: str | None


def peek_workspace_file(path_or_url: str | Path) -> WorkspacePeek | None:
    """A quick look at a workspace file with sqlite3 alone (no SQLAlchemy), to show a window at once.

    Returns None for a URL (a server, or a ``sqlite://`` URL). Raises the :class:`WorkspaceError`
    :func:`open_workspace` would raise for a file that is not a workspace or is from a newer version of
    pdsa-desk. Changes nothing: opening it is :func:`open_workspace`'s job.
    """
    text = str(path_or_url)
    if "://" in text:
        return None
    path = Path(text).expanduser().resolve()
    _check_file(path, create=True)
    if not (path.exists() and path.stat().st_size > 0):
        return WorkspacePeek(path, None, None)
    try:
        revision, name = _probe_file(path)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc) from exc
    return WorkspacePeek(path, revision, name)


def open_workspace(
    path_or_url: str | Path,
    *,
    create: bool = True,
    migrate: bool = True,
    password: str | None = None,
    use_keyring: bool = True,
    read_only: bool = False,
) -> Workspace:
    """Open (and if needed create or migrate) a workspace.

    Raises :class:`WorkspaceError` with a message a user can act on when the file
    is not a workspace, is from a newer version of pdsa-desk, or cannot be opened;
    for a server: :class:`ConnectionLost` when it cannot be reached and
    :class:`AuthenticationFailed` when it refuses the user or password.

    Without ``create`` only an existing workspace opens: a missing, zero-length or empty SQLite file (or an
    empty server database) is refused as "not a pdsa-desk workspace" and left untouched.

    A workspace file that cannot be written here (read-only file, folder or disk), or any file with
    ``read_only``, is opened read-only (``Workspace.read_only``): SQLite's ``mode=ro`` (plus ``immutable`` in a
    read-only folder), nothing is created, migrated or backed up, and writes are refused at once. One of an
    older schema cannot be opened that way (it must be upgraded first) and is refused, untouched.

    A server password comes from ``password``, else from the URL, else (with
    ``use_keyring``) from the system keyring, else from the driver's own sources
    (``PGPASSWORD``, ``~/.pgpass``).
    """
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DatabaseError, OperationalError

    url = to_url(path_or_url)
    sa_url = make_url(url)
    is_sqlite = sa_url.get_backend_name() == "sqlite"
    path = Path(sa_url.database) if is_sqlite and sa_url.database and sa_url.database != ":memory:" else None
    why_read_only = _prepare_file(path, create, read_only) if path is not None else ""
    engine_url: str | URL = sa_url
    if not is_sqlite:
        url, engine_url = _server_urls(sa_url, password, use_keyring)
    where = sa_url.render_as_string(hide_password=True)

    # Check the schema version *before* touching the file (WAL mode would
    # otherwise rewrite its header): a newer file must be left exactly as it was.
    try:
        found_revision = None
        if path is not None and path.exists() and path.stat().st_size > 0:
            found_revision, _name = _probe_file(path)
            if not create and found_revision is None:
                raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "%1 is not a pdsa-desk "
                        "workspace: it is an empty SQLite database. It was left as it is."), str(path)))
        engine = make_engine(engine_url, read_only=bool(why_read_only))
        if path is None:
            try:
                found_revision = current_revision(engine)
                _refuse_unknown_revision(found_revision, where, server=not is_sqlite)
                if found_revision is None and not is_sqlite:
                    _refuse_foreign_tables(engine, where)
                    if not create:
                        raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "%1 is not a "
                                "pdsa-desk workspace: the database is empty. It was left as it is."), where))
            except BaseException:
                engine.dispose()
                raise
    except sqlite3.Error as exc:
        raise _unreadable(path or Path(where), exc) from exc
    except ConnectionLost as exc:
        raise _opening_error(exc, sa_url) from exc.__cause__
    except OperationalError as exc:
        raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "Cannot connect to %1: "
                                                  "%2."), where, _driver_detail(exc.orig))) from exc

    ws = Workspace(url=url, engine=engine, read_only=bool(why_read_only), read_only_reason=why_read_only)
    if why_read_only:
        if found_revision != head_revision():
            engine.dispose()
            raise WorkspaceReadOnly(
                _m(QT_TRANSLATE_NOOP("Errors", "%1 was saved by an older pdsa-desk (schema %2) "
                        "and must be upgraded before it can be opened, but it cannot be written here (%3). "
                        "Copy it to a folder you can write to and open the copy. Nothing was changed, and no "
                        "backup was made."), str(path), str(found_revision), why_read_only))
        return ws
    if migrate:
        try:
            ws.backup_path = _migrate(ws, path)
        except ConnectionLost as exc:
            engine.dispose()
            raise ConnectionLost(exc.where, exc.detail, "open") from exc.__cause__
        except (DatabaseError, WorkspaceDamaged) as exc:  # a migration that fails: its transaction rolled back
            engine.dispose()
            detail = _driver_detail(exc.orig) if isinstance(exc, DatabaseError) else str(exc)
            raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "Could not prepare the "
                    "workspace %1: %2."), ws.display_url, detail)) from exc
        except BaseException:
            engine.dispose()
            raise
    return ws


def _prepare_file(path: Path, create: bool, read_only: bool) -> str:
    """Check a workspace file before opening it; why it must be opened read-only ("" when it can be written)."""
    _check_file(path, create)
    if path.exists() and path.stat().st_size > 0:
        return why_not_writable(path) or ("opened read-only on purpose" if read_only else "")
    if read_only:
        raise WorkspaceReadOnly(_m(QT_TRANSLATE_NOOP("Errors", "%1 is not a pdsa-desk "
                "workspace yet, and a new one cannot be made read-only."), str(path)))
    path.parent.mkdir(parents=True, exist_ok=True)
    return ""


def _server_urls(sa_url: URL, password: str | None, use_keyring: bool) -> tuple[str, URL]:
    """(the workspace's URL, which never carries the password; the engine's URL, which may)."""
    from sqlalchemy.engine import URL

    if password is None and sa_url.password is None and use_keyring:
        from pdsa_desk.core import secrets

        password = secrets.stored_password(sa_url)
    engine_url = sa_url.set(password=password) if password is not None else sa_url
    url = URL.create(
        sa_url.drivername, sa_url.username, None, sa_url.host, sa_url.port, sa_url.database, sa_url.query
    ).render_as_string(hide_password=False)
    return url, engine_url


def _refuse_foreign_tables(engine: Engine, where: str) -> None:
    """A server database with tables but no schema revision belongs to something else."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        tables = inspect(conn).get_table_names()
    if tables:
        raise WorkspaceError(
            plural(len(tables), _m(QT_TRANSLATE_NOOP(
                "Errors", "%1 already holds %2 table of another program and is not a pdsa-desk workspace; choose an "
                "empty database. Nothing was changed."), where, len(tables)), _m(QT_TRANSLATE_NOOP(
                    "Errors", "%1 already holds %2 tables of another program and is not a pdsa-desk workspace; "
                    "choose an empty database. Nothing was changed."), where, len(tables)))
        )


@dataclass(frozen=True)
class ServerProbe:
    """What "Test connection" found on a server (nothing was changed)."""

    server: str
    version: str
    schema: str | None
    message: str


def probe_server(url: str, *, password: str | None = None, use_keyring: bool = False) -> ServerProbe:
    """Connect once, read the schema revision and say what opening would do; change nothing.

    Raises :class:`ConnectionLost` (``during="open"``), :class:`AuthenticationFailed`,
    or :class:`WorkspaceError` (newer schema, another program's database).
    """
    from sqlalchemy.engine import make_url

    sa_url = make_url(url)
    if password is None and sa_url.password is None and use_keyring:
        from pdsa_desk.core import secrets

        password = secrets.stored_password(sa_url)
    engine = make_engine(sa_url.set(password=password) if password is not None else sa_url)
    where = sa_url.render_as_string(hide_password=True)
    try:
        with engine.connect() as conn:
            info = conn.dialect.server_version_info or ()
        found = current_revision(engine)
        _refuse_unknown_revision(found, where, server=True)
        if found is None:
            _refuse_foreign_tables(engine, where)
    except ConnectionLost as exc:
        raise _opening_error(exc, sa_url) from exc.__cause__
    finally:
        engine.dispose()
    version = ".".join(str(part) for part in info)
    name = {"postgresql": "PostgreSQL"}.get(engine.dialect.name, engine.dialect.name)
    head = head_revision()
    if found is None:
        what = _m(QT_TRANSLATE_NOOP("Errors", "The database is empty: a new workspace will be created in it."))
    elif found == head:
        what = _m(QT_TRANSLATE_NOOP("Errors", "It holds a pdsa-desk workspace (schema %1)."), found)
    else:
        what = _m(QT_TRANSLATE_NOOP("Errors", "It holds a pdsa-desk workspace of schema %1; it will be upgraded to %2 "
                                    "when you connect."), found, head)
    return ServerProbe(
        server=server_label(sa_url),
        version=version,
        schema=found,
        message=_m(QT_TRANSLATE_NOOP("Errors", "Connected to %1 %2 at %3. %4"), name, version, server_label(sa_url),
                   what),
    )


_AUTH_FAILURES = ("password authentication failed", "no password supplied", "authentication failed")


def _opening_error(exc: ConnectionLost, sa_url: URL) -> WorkspaceError:
    """A failed connection while opening: a refused login, or a server not reachable."""
    text = exc.detail.lower()
    if any(marker in text for marker in _AUTH_FAILURES):
        return AuthenticationFailed(_m(QT_TRANSLATE_NOOP("Errors", "The team database at %1 refused user '%2': %3."),
                                       exc.where, sa_url.username or "", exc.detail))
    return ConnectionLost(exc.where, exc.detail, "open")

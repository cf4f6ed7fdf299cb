"""Opening a workspace: engine, pragmas, migrations, backups, transactions.

A workspace is a SQLite file on the user's laptop, or a SQLAlchemy URL (the
team's PostgreSQL server). Both go through the same Alembic migration chain;
a brand-new workspace is created by running that chain from the start, so there
is exactly one way a schema comes into being.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from pdsa_desk.core.errors import WorkspaceError

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 5000


def _alembic_config(connection=None):  # noqa: ANN001, ANN202 - alembic types are imported lazily
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("pdsa_desk.core") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def to_url(path_or_url: str | Path) -> str:
    """A SQLAlchemy URL for a file path or URL (``sqlite:///…``, ``postgresql+psycopg://…``)."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _on_sqlite_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
    # that DDL (migrations) is transactional too: see _on_sqlite_begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(conn) -> None:  # noqa: ANN001
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, or None for an empty one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None


def backup_sqlite_file(path: Path, when: datetime | None = None) -> Path:
    """Copy a SQLite workspace to a timestamped file beside it (consistent even in WAL mode)."""
    stamp = (when or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.backup-{stamp}{path.suffix or '.sqlite'}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.backup-{stamp}-{n}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


@dataclass
class Workspace:
    """An open workspace: the engine plus a way to run one transaction."""

    url: str
    engine: Engine
    backup_path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return make_url(self.url).get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for titles and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll everything back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            with session.begin():
                yield session

    def session(self) -> Session:
        """A read session (the caller closes it)."""
        return Session(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()


def open_workspace(path_or_url: str | Path, *, create: bool = True, migrate: bool = True) -> Workspace:
    """Open (and if needed create or migrate) a workspace.

    Raises :class:`WorkspaceError` with a message a user can act on when the file
    is not a workspace, is from a newer version of pdsa-desk, or cannot be opened.
    """
    url = to_url(path_or_url)
    sa_url = make_url(url)
    is_sqlite = sa_url.get_backend_name() == "sqlite"
    path = Path(sa_url.database) if is_sqlite and sa_url.database and sa_url.database != ":memory:" else None
    if path is not None:
        if not path.exists() and not create:
            raise WorkspaceError(f"There is no workspace at {path}.")
        if path.exists() and path.is_dir():
            raise WorkspaceError(f"{path} is a folder, not a workspace file.")
        if path.exists() and path.stat().st_size > 0:
            with path.open("rb") as fh:
                if fh.read(16) != b"SQLite format 3\x00":
                    raise WorkspaceError(f"{path} is not a pdsa-desk workspace (not an SQLite database).")
        path.parent.mkdir(parents=True, exist_ok=True)

    # Check the schema version *before* touching the file (WAL mode would
    # otherwise rewrite its header): a newer file must be left exactly as it was.
    try:
        if path is not None and path.exists() and path.stat().st_size > 0:
            # Read-only, and "immutable" when there is no write-ahead log to
            # consider, so that probing creates no -wal/-shm files either.
            wal = Path(f"{path}-wal")
            flags = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
            probe = sqlite3.connect(f"file:{path}?{flags}", uri=True)
            try:
                has_version = probe.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
                ).fetchone()
                has_tables = probe.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
                found = probe.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
            finally:
                probe.close()
            if has_tables and not has_version:
                raise WorkspaceError(f"{path} is an SQLite database but not a pdsa-desk workspace.")
            _refuse_unknown_revision(found[0] if found else None, str(path))
        engine = make_engine(url)
        if path is None:
            _refuse_unknown_revision(current_revision(engine), sa_url.render_as_string(hide_password=True))
    except sqlite3.DatabaseError as exc:
        raise WorkspaceError(f"{path} cannot be read as a workspace: {exc}.") from exc
    except OperationalError as exc:
        raise WorkspaceError(f"Cannot connect to {sa_url.render_as_string(hide_password=True)}: {exc.orig}") from exc

    ws = Workspace(url=url, engine=engine)
    if migrate:
        try:
            ws.backup_path = _migrate(ws, path)
        except DatabaseError as exc:
            engine.dispose()
            raise WorkspaceError(f"Could not prepare the workspace {ws.display_url}: {exc.orig}") from exc
    return ws


def _refuse_unknown_revision(found: str | None, where: str) -> None:
    if found is not None and found not in known_revisions():
        raise WorkspaceError(
            f"{where} was saved by a newer version of pdsa-desk (schema {found}). "
            "Update pdsa-desk to open it; the file has not been changed."
        )


def _migrate(ws: Workspace, path: Path | None) -> Path | None:
    """Bring the schema to head; back up an existing SQLite file first."""
    from alembic import command

    found = current_revision(ws.engine)
    head = head_revision()
    if found == head:
        return None
    backup = None
    if found is not None and path is not None:
        backup = backup_sqlite_file(path)
        log.info("Backed up %s to %s before migrating %s -> %s", path, backup, found, head)
    with ws.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    if found is None:
        from pdsa_desk.core import services

        services.ensure_defaults(ws)
    return backup

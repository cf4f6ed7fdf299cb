"""The workspace schema: which revisions this version knows, which one a database has, and upgrading to head.

A new workspace gets its schema by running the Alembic migration chain from the start; an older one is
upgraded in one transaction, a SQLite file backed up first (:func:`pdsa_desk.core.sqlite_file.backup_sqlite_file`),
a PostgreSQL database under an advisory lock so two laptops migrate it once. The known revisions are read
from the migration scripts' source (:func:`known_revisions`), so a workspace already at head opens without
importing Alembic. Opening a workspace is :mod:`pdsa_desk.core.database`.
"""

from __future__ import annotations

import functools
import logging
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pdsa_desk.core.errors import (
    WorkspaceError,
)
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message
from pdsa_desk.core.sqlite_file import (
    backup_sqlite_file,
)


def _m(template: str, *args: Arg) -> Message:
    """A user-facing text of this module (context "Errors", translated by the UI)."""
    return Message("Errors", template, *args)

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection

    from pdsa_desk.core.database import Workspace

log = logging.getLogger(__name__)

# Key of the PostgreSQL advisory lock held while a workspace database is migrated.
_MIGRATION_LOCK_KEY = 0x5D5A_DE5C


def _alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("pdsa_desk.core") / "migrations"))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


_DEFAULT_ALEMBIC_CONFIG = _alembic_config
_REVISION_LINE = re.compile(r"^revision(?:\s*:[^=\n]*)?\s*=\s*['\"]([^'\"]+)['\"]\s*$", re.MULTILINE)
_DOWN_LINE = re.compile(r"^down_revision(?:\s*:[^=\n]*)?\s*=\s*(.+?)\s*$", re.MULTILINE)
_QUOTED = re.compile(r"^['\"]([^'\"]+)['\"]$")


@functools.cache
def _scripts_read_as_text() -> tuple[frozenset[str], str] | None:
    """(every revision, the head) read from the migration scripts' source; None when that is not certain
    (no sources, a merge or branch, a line written some other way), and Alembic is asked instead."""
    versions = resources.files("pdsa_desk.core") / "migrations" / "versions"
    revisions: dict[str, str | None] = {}
    try:
        for entry in versions.iterdir():
            if not entry.name.endswith(".py") or entry.name.startswith("__"):
                continue
            text = entry.read_text(encoding="utf-8")
            rev, down = _REVISION_LINE.findall(text), _DOWN_LINE.findall(text)
            if len(rev) != 1 or len(down) != 1 or rev[0] in revisions:
                return None
            quoted = _QUOTED.match(down[0])
            if down[0] != "None" and quoted is None:
                return None
            revisions[rev[0]] = quoted.group(1) if quoted else None
    except OSError:
        return None
    heads = set(revisions) - set(revisions.values())
    roots = [r for r, down in revisions.items() if down is None]
    if len(heads) != 1 or len(roots) != 1 or not set(revisions.values()) - {None} <= set(revisions):
        return None
    return frozenset(revisions), heads.pop()


def _scripts() -> tuple[frozenset[str], str] | None:
    # When Alembic is pointed at other scripts (tests install a "next release" that way), ask Alembic.
    return _scripts_read_as_text() if _alembic_config is _DEFAULT_ALEMBIC_CONFIG else None


def head_revision() -> str:
    """The newest schema revision this version of the app knows."""
    known = _scripts()
    if known is not None:
        return known[1]
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    if head is None:  # only a broken install has no migration scripts
        raise WorkspaceError(_m(QT_TRANSLATE_NOOP("Errors", "This installation of pdsa-desk "
                "has no schema migrations; reinstall it.")))
    return head


def known_revisions() -> set[str]:
    known = _scripts()
    if known is not None:
        return set(known[0])
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}



def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, or None for an empty one."""
    from sqlalchemy import inspect

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        return row[0] if row else None



def _refuse_unknown_revision(found: str | None, where: str, *, server: bool = False) -> None:
    if found is not None and found not in known_revisions():
        if server:
            raise WorkspaceError(_m(QT_TRANSLATE_NOOP(
                "Errors", "%1 was saved by a newer version of pdsa-desk (schema %2). Update pdsa-desk to open it; the "
                "database has not been changed."), where, found))
        raise WorkspaceError(_m(QT_TRANSLATE_NOOP(
            "Errors", "%1 was saved by a newer version of pdsa-desk (schema %2). Update pdsa-desk to open it; the "
            "file has not been changed."), where, found))


def _migrate(ws: Workspace, path: Path | None) -> Path | None:
    """Bring the schema to head; back up an existing SQLite file first."""
    found = current_revision(ws.engine)
    head = head_revision()
    if found == head:
        return None
    if ws.is_sqlite:
        backup = None
        if found is not None and path is not None:
            backup = backup_sqlite_file(path)
            log.info("Backed up %s to %s before migrating %s -> %s", path, backup, found, head)
        _upgrade(ws.engine)
        if found is None:
            _seed(ws)
        return backup
    if ws.engine.dialect.name != "postgresql":
        _migrate_server(ws, found, head)
        return None
    # Two laptops opening a new (or older) team database at the same moment: the
    # second waits here, then finds the schema already current.
    with ws.engine.connect() as lock:
        lock.exec_driver_sql(f"SELECT pg_advisory_lock({_MIGRATION_LOCK_KEY})")
        lock.commit()
        try:
            _migrate_server(ws, current_revision(ws.engine), head)
        finally:
            lock.exec_driver_sql(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK_KEY})")
            lock.commit()
    return None


def _migrate_server(ws: Workspace, found: str | None, head: str) -> None:
    if found == head:
        return
    _refuse_unknown_revision(found, ws.display_url, server=True)
    if found is None:
        log.info("Creating the workspace schema %s in %s", head, ws.display_url)
    else:
        log.info(
            "Migrating %s from schema %s to %s in one transaction. No backup file is made of a server "
            "database: server backups are the administrator's job.",
            ws.display_url, found, head,
        )
    _upgrade(ws.engine)
    if found is None:
        _seed(ws)


def _upgrade(engine: Engine) -> None:
    """Run the migration chain to head in one transaction (DDL included, on SQLite and PostgreSQL)."""
    build_schema(engine, "head")


def build_schema(engine: Engine, revision: str = "head") -> None:
    """Run the migration chain up to ``revision`` on ``engine`` in one transaction (what that revision defines:
    :mod:`pdsa_desk.core.integrity` builds it in memory to compare a workspace's schema with)."""
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), revision)


def migration_scripts() -> str:
    """Where the migration scripts are (tests may point Alembic at others)."""
    return str(_alembic_config().get_main_option("script_location"))


def _seed(ws: Workspace) -> None:
    from pdsa_desk.core import services

    services.ensure_defaults(ws)

"""Writing bundles: a workspace's work, or its standards, into one ``.pdsa`` file.

A *work* bundle holds every exchanged table; a *definitions* bundle ("Send standards to the
team") holds stages, standard revisions, tactics, loss reasons, teams and reps (reps too, so
every laptop has the same reps). Both carry the team settings in their header (currency, time zone,
week start, windows and caps; not the workspace's name: see :mod:`pdsa_desk.core.team_settings`).
``since`` keeps rows changed on or after that time, plus every row they refer to (transitively), so
that a bundle is always self-contained.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.exc import DatabaseError

from pdsa_desk import __version__
from pdsa_desk.core import models
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import WorkspaceError
from pdsa_desk.core.exchange.bundle_file import (
    FORMAT_VERSION,
    KIND_DEFINITIONS,
    KIND_WORK,
    BundleHeader,
    read_header,
    remove_sqlite_files,
    write_bundle_file,
)
from pdsa_desk.core.exchange.results import BundleError, msg
from pdsa_desk.core.exchange.tables import DEFINITION_TABLES, EXCHANGED_TABLES, foreign_keys, settings_id
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.schema import head_revision
from pdsa_desk.core.team_settings import header_entries


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
        origin_id, origin_name = settings_id(conn)
        team_settings = dict(header_entries(conn))
        everything = {t.name: {r["id"]: dict(r) for r in conn.execute(select(t)).mappings()} for t in tables}
        seen = {r.origin_workspace_id: r.last_exported_at for r in conn.execute(
            select(models.merge_origin.c.origin_workspace_id, models.merge_origin.c.last_exported_at))}
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
        settings=team_settings,
    )
    part = out.with_name(out.name + ".part")
    remove_sqlite_files(part)
    try:
        write_bundle_file(part, tables, chosen, header)
        os.replace(part, out)
    except WorkspaceError as exc:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "Could not write %1: %2"), str(out), str(exc))) from exc
    except (OSError, DatabaseError) as exc:
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "Could not write %1: %2"), str(out), str(exc))) from exc
    finally:
        remove_sqlite_files(part)
    return header


def export_definitions(ws: Workspace, out: str | Path) -> BundleHeader:
    """"Send standards to the team": stages, standard revisions, tactics, loss reasons, teams and reps."""
    return export_bundle(ws, out, definitions_only=True)


def _as_utc(value: date | datetime | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "The 'since' time must include "
                    "a time zone.")))
        return value.astimezone(UTC)
    return datetime.combine(value, time(0), UTC)


def _check_target(ws: Workspace, out: Path) -> None:
    if out.is_dir():
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "%1 is a folder; choose a file name "
                "for the bundle."), str(out)))
    if not out.parent.is_dir():
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "The folder %1 does not exist."), str(out.parent)))
    if ws.path is not None and out.resolve() == ws.path.resolve():
        raise BundleError(msg(QT_TRANSLATE_NOOP("Exchange", "Choose another file: that is the "
                "workspace itself.")))
    if out.exists():
        try:
            read_header(out)
        except BundleError:
            raise BundleError(
                msg(QT_TRANSLATE_NOOP("Exchange", "%1 already exists and is not a pdsa-desk "
                        "bundle; choose another file name."), str(out))) from None


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
    fks = {t.name: foreign_keys(t) for t in tables}
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

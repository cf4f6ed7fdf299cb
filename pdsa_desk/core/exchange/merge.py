"""Merging bundles: one transaction per file (planned, then applied), or a preview that writes nothing.

:func:`merge_bundles` merges several files, one transaction per file in the given order: a
refused file leaves the workspace as it was and the other files still merge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import DatabaseError

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.exchange.apply import apply_plan
from pdsa_desk.core.exchange.bundle_file import read_bundle
from pdsa_desk.core.exchange.plan import plan_merge
from pdsa_desk.core.exchange.results import (
    BundleError,
    MergeOutcome,
    MergePreview,
    MergeReport,
    UnmappedDefinitionsError,
    short,
)
from pdsa_desk.core.exchange.tables import NAMED_TABLES, TABLES


def preview_merge(ws: Workspace, path: str | Path) -> MergePreview:
    """Check a bundle and list the definitions that need mapping (remembered mappings applied); writes nothing."""
    path = Path(path)
    header, incoming = read_bundle(path)
    with ws.engine.connect() as conn:
        trans = conn.begin()
        try:
            plan = plan_merge(conn, incoming, header, path.name, {}, map_by_name=False)
        finally:
            trans.rollback()
    return MergePreview(header=header, conflicts=plan.unresolved)


def mapping_choices(ws: Workspace, table: str) -> list[tuple[str, str]]:
    """(id, name) of the live rows of a named table, by name: what an incoming definition may be mapped to."""
    if table not in NAMED_TABLES:
        raise ValueError(f"{table} has no names to map")
    t = TABLES[table]
    with ws.engine.connect() as conn:
        return [(r.id, r.name) for r in conn.execute(
            select(t.c.id, t.c.name).where(t.c.deleted_at.is_(None)).order_by(func.lower(t.c.name)))]


def merge_bundle(
    ws: Workspace,
    path: str | Path,
    *,
    mapping: Mapping[tuple[str, str], str] | None = None,
    map_by_name: bool = False,
    dry_run: bool = False,
) -> MergeReport:
    """Merge one bundle in one transaction (rolled back entirely on any failure, and for ``dry_run``).

    ``mapping`` maps ``(table, remote id)`` of clashing definitions to local ids; ``map_by_name``
    maps every clash to the local row of the same name. Raises :class:`UnmappedDefinitionsError`
    when clashes remain, :class:`BundleError` for a file that cannot be merged.
    """
    path = Path(path)
    header, incoming = read_bundle(path)
    with ws.writer(dry_run=dry_run) as conn:
        trans = conn.begin()
        try:
            plan = plan_merge(conn, incoming, header, path.name, mapping or {}, map_by_name=map_by_name)
            if plan.unresolved:
                raise UnmappedDefinitionsError(path.name, plan.unresolved)
            apply_plan(conn, plan, header, path.name)
        except DatabaseError as exc:
            trans.rollback()
            raise BundleError(f"{path.name} could not be merged ({short(str(exc.orig), 160)}); "
                              "nothing was changed.") from exc
        except BaseException:
            trans.rollback()
            raise
        if dry_run:
            trans.rollback()
        else:
            trans.commit()
    return MergeReport(source=path.name, header=header, tables=plan.counts, conflicts=plan.conflicts,
                       mapped=plan.mapped, dry_run=dry_run)


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


"""``pdsa-desk check``: SQLite's own integrity check plus the app's rules (:mod:`pdsa_desk.core.rules`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from pdsa_desk.core import integrity, rules
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message
from pdsa_desk.core.schema import current_revision, head_revision


@dataclass(frozen=True)
class Finding:
    """One problem, in plain words: ``where`` is the table (or ``sqlite``, ``schema``), ``rule`` the broken rule."""

    where: str
    problem: str
    rule: str = ""

    def __str__(self) -> str:
        return Message("Check", QT_TRANSLATE_NOOP("Check", "%1: %2"), self.where, self.problem)


def check_workspace(ws: Workspace) -> list[Finding]:
    """Every problem found; an empty list means healthy."""
    # Damage first (pdsa_desk.core.integrity): the rules below would crash on it, or pass over it.
    findings = [Finding(where, problem, "damage") for where, problem in integrity.damage(ws)]
    if findings:
        return findings
    findings += [Finding(where, problem, "foreign-key") for where, problem in integrity.broken_references(ws)]
    revision = current_revision(ws.engine)
    with ws.engine.connect() as conn:
        if revision != head_revision():
            findings.append(Finding("schema", Message("Check", QT_TRANSLATE_NOOP(
                "Check", "revision %1 is not the current %2"), str(revision), head_revision()), "schema"))
        n_settings = conn.execute(text("SELECT count(*) FROM workspace_settings WHERE deleted_at IS NULL")).scalar()
        if n_settings != 1:
            findings.append(Finding("workspace_settings", Message("Check", QT_TRANSLATE_NOOP(
                "Check", "expected exactly one settings row, found %1"), int(n_settings or 0)), "settings-row"))
        findings += [Finding(v.table, v.describe(), v.rule) for v in rules.violations(conn)]
    return findings


@dataclass(frozen=True)
class WorkspaceInfo:
    """What the Data view shows about a workspace."""

    name: str
    location: str
    schema: str | None
    size_bytes: int | None
    counts: dict[str, int]


# The Data view's counts: (label, marked for translation in the view's context; query).
_COUNTED = (
    (QT_TRANSLATE_NOOP("DataView", "Stages"), "SELECT count(*) FROM stage WHERE deleted_at IS NULL"),
    (QT_TRANSLATE_NOOP("DataView", "Reps"), "SELECT count(*) FROM rep WHERE deleted_at IS NULL"),
    (QT_TRANSLATE_NOOP("DataView", "Teams"), "SELECT count(*) FROM team WHERE deleted_at IS NULL"),
    (QT_TRANSLATE_NOOP("DataView", "Open opportunities"),
     "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'open'"),
    (QT_TRANSLATE_NOOP("DataView", "Won opportunities"),
     "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'won'"),
    (QT_TRANSLATE_NOOP("DataView", "Lost opportunities"),
     "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'lost'"),
    (QT_TRANSLATE_NOOP("DataView", "Stage events"), "SELECT count(*) FROM stage_event WHERE deleted_at IS NULL"),
    (QT_TRANSLATE_NOOP("DataView", "Tactics"), "SELECT count(*) FROM tactic WHERE deleted_at IS NULL"),
    (QT_TRANSLATE_NOOP("DataView", "PDSA cycles"), "SELECT count(*) FROM cycle WHERE deleted_at IS NULL"),
    (QT_TRANSLATE_NOOP("DataView", "Observations"), "SELECT count(*) FROM cycle_observation WHERE deleted_at IS NULL"),
)


def _counted_as_of(conn: Connection, as_of: datetime) -> dict[str, int]:
    """The time-bound counts as of one instant, by the rule of :func:`pdsa_desk.core.pipeline.open_at`."""
    from sqlalchemy import and_, func, or_, select

    from pdsa_desk.core.models import Opportunity, StageEvent

    o, e = Opportunity.__table__, StageEvent.__table__
    closed = and_(o.c.closed_at.is_not(None), o.c.closed_at <= as_of)
    queries = {
        "Open opportunities": [o.c.opened_at <= as_of, or_(and_(o.c.closed_at.is_(None), o.c.outcome == "open"),
                                                           o.c.closed_at > as_of)],
        "Won opportunities": [o.c.outcome == "won", closed],
        "Lost opportunities": [o.c.outcome == "lost", closed],
    }
    counts = {label: int(conn.execute(select(func.count()).select_from(o).where(o.c.deleted_at.is_(None), *where))
                         .scalar() or 0) for label, where in queries.items()}
    counts["Stage events"] = int(conn.execute(select(func.count()).select_from(e).where(
        e.c.deleted_at.is_(None), e.c.entered_at <= as_of)).scalar() or 0)
    return counts


def workspace_info(ws: Workspace, as_of: datetime | None = None) -> WorkspaceInfo:
    """What the Data view shows; with ``as_of`` (the window's one clock) the opportunity and stage-event counts
    are those at that instant, as every other view counts them."""
    with ws.engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM workspace_settings WHERE deleted_at IS NULL")).scalar() or ""
        counts = {label: int(conn.execute(text(sql)).scalar() or 0) for label, sql in _COUNTED}
        if as_of is not None:
            counts.update(_counted_as_of(conn, as_of))
    path = ws.path
    return WorkspaceInfo(
        name=name,
        location=str(path) if path else ws.display_url,
        schema=current_revision(ws.engine),
        size_bytes=path.stat().st_size if path and path.exists() else None,
        counts=counts,
    )

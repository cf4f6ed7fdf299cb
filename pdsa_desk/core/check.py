"""``pdsa-desk check``: SQLite's own integrity check plus the app's consistency rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text

from pdsa_desk.core.database import Workspace, current_revision, head_revision


@dataclass(frozen=True)
class Finding:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


# Each rule: (where, problem, SQL returning offending ids). Plain SQL so it runs on SQLite and PostgreSQL.
_RULES: tuple[tuple[str, str, str], ...] = (
    ("stage_event", "points to an opportunity that does not exist or is deleted",
     "SELECT e.id FROM stage_event e LEFT JOIN opportunity o ON o.id = e.opportunity_id "
     "WHERE e.deleted_at IS NULL AND (o.id IS NULL OR o.deleted_at IS NOT NULL)"),
    ("stage_event", "points to a stage that does not exist or is deleted",
     "SELECT e.id FROM stage_event e LEFT JOIN stage s ON s.id = e.stage_id "
     "WHERE e.deleted_at IS NULL AND (s.id IS NULL OR s.deleted_at IS NOT NULL)"),
    ("stage_event", "is dated before its opportunity was created",
     "SELECT e.id FROM stage_event e JOIN opportunity o ON o.id = e.opportunity_id "
     "WHERE e.deleted_at IS NULL AND e.entered_at < o.opened_at"),
    ("opportunity", "is won or lost but has no close date",
     "SELECT id FROM opportunity WHERE deleted_at IS NULL AND outcome <> 'open' AND closed_at IS NULL"),
    ("opportunity", "has an unknown outcome",
     "SELECT id FROM opportunity WHERE outcome NOT IN ('open', 'won', 'lost')"),
    ("opportunity", "is lost without a loss reason",
     "SELECT id FROM opportunity WHERE deleted_at IS NULL AND outcome = 'lost' AND loss_reason_id IS NULL"),
    ("cycle", "starts from a stage that does not exist or is deleted",
     "SELECT c.id FROM cycle c LEFT JOIN stage s ON s.id = c.from_stage_id "
     "WHERE c.deleted_at IS NULL AND (s.id IS NULL OR s.deleted_at IS NOT NULL)"),
    ("cycle", "has an unknown status",
     "SELECT id FROM cycle WHERE status NOT IN ('plan', 'do', 'study', 'act', 'closed')"),
    ("cycle", "predicts a conversion rate outside 0..1",
     "SELECT id FROM cycle WHERE prediction_rate IS NOT NULL AND (prediction_rate < 0 OR prediction_rate > 1)"),
    ("rep", "belongs to a team that does not exist or is deleted",
     "SELECT r.id FROM rep r LEFT JOIN team t ON t.id = r.team_id "
     "WHERE r.deleted_at IS NULL AND r.team_id IS NOT NULL AND (t.id IS NULL OR t.deleted_at IS NOT NULL)"),
    ("stage", "shares its name with another live stage",
     "SELECT a.id FROM stage a JOIN stage b ON lower(a.name) = lower(b.name) AND a.id < b.id "
     "WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL"),
)


def check_workspace(ws: Workspace) -> list[Finding]:
    """Every problem found; an empty list means healthy."""
    findings: list[Finding] = []
    with ws.engine.connect() as conn:
        if ws.is_sqlite:
            for (message,) in conn.exec_driver_sql("PRAGMA integrity_check").fetchall():
                if message != "ok":
                    findings.append(Finding("sqlite", message))
            for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                findings.append(Finding(str(row[0]), f"row {row[1]} has a foreign key to missing {row[2]}"))
        revision = current_revision(ws.engine)
        if revision != head_revision():
            findings.append(Finding("schema", f"revision {revision} is not the current {head_revision()}"))
        for where, problem, sql in _RULES:
            ids = [r[0] for r in conn.execute(text(sql)).fetchall()]
            if ids:
                sample = ", ".join(str(i) for i in ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "")
                findings.append(Finding(where, f"{len(ids)} row(s) {problem} ({sample})"))
        positions = [r[0] for r in conn.execute(
            text("SELECT position FROM stage WHERE deleted_at IS NULL ORDER BY position")).fetchall()]
        if positions != list(range(len(positions))):
            findings.append(Finding("stage", f"positions are not 0..{len(positions) - 1} in order: {positions}"))
        n_settings = conn.execute(text("SELECT count(*) FROM workspace_settings WHERE deleted_at IS NULL")).scalar()
        if n_settings != 1:
            findings.append(Finding("workspace_settings", f"expected exactly one settings row, found {n_settings}"))
    return findings


@dataclass(frozen=True)
class WorkspaceInfo:
    """What the Data view shows about a workspace."""

    name: str
    location: str
    schema: str | None
    size_bytes: int | None
    counts: dict[str, int]


_COUNTED = (
    ("Stages", "SELECT count(*) FROM stage WHERE deleted_at IS NULL"),
    ("Reps", "SELECT count(*) FROM rep WHERE deleted_at IS NULL"),
    ("Teams", "SELECT count(*) FROM team WHERE deleted_at IS NULL"),
    ("Open opportunities", "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'open'"),
    ("Won opportunities", "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'won'"),
    ("Lost opportunities", "SELECT count(*) FROM opportunity WHERE deleted_at IS NULL AND outcome = 'lost'"),
    ("Stage events", "SELECT count(*) FROM stage_event WHERE deleted_at IS NULL"),
    ("Tactics", "SELECT count(*) FROM tactic WHERE deleted_at IS NULL"),
    ("PDSA cycles", "SELECT count(*) FROM cycle WHERE deleted_at IS NULL"),
    ("Observations", "SELECT count(*) FROM cycle_observation WHERE deleted_at IS NULL"),
)


def _counted_as_of(conn, as_of: datetime) -> dict[str, int]:  # noqa: ANN001 - a Connection
    """The time-bound counts as of one instant, by the rule of :func:`pdsa_desk.core.metrics.open_at`."""
    from sqlalchemy import and_, func, or_, select

    from pdsa_desk.core.models import Opportunity, StageEvent

    o, e = Opportunity.__table__, StageEvent.__table__  # type: ignore[attr-defined]
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

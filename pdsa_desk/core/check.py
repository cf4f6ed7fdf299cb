"""``pdsa-desk check``: SQLite's own integrity check plus the app's rules (:mod:`pdsa_desk.core.rules`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from pdsa_desk.core import integrity, rules
from pdsa_desk.core.database import Workspace, current_revision, head_revision


@dataclass(frozen=True)
class Finding:
    """One problem, in plain words: ``where`` is the table (or ``sqlite``, ``schema``), ``rule`` the broken rule."""

    where: str
    problem: str
    rule: str = ""

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


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
            findings.append(Finding("schema", f"revision {revision} is not the current {head_revision()}", "schema"))
        n_settings = conn.execute(text("SELECT count(*) FROM workspace_settings WHERE deleted_at IS NULL")).scalar()
        if n_settings != 1:
            findings.append(Finding("workspace_settings", f"expected exactly one settings row, found {n_settings}",
                                    "settings-row"))
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


def workspace_info(ws: Workspace) -> WorkspaceInfo:
    with ws.engine.connect() as conn:
        name = conn.execute(text("SELECT name FROM workspace_settings WHERE deleted_at IS NULL")).scalar() or ""
        counts = {label: int(conn.execute(text(sql)).scalar() or 0) for label, sql in _COUNTED}
    path = ws.path
    return WorkspaceInfo(
        name=name,
        location=str(path) if path else ws.display_url,
        schema=current_revision(ws.engine),
        size_bytes=path.stat().st_size if path and path.exists() else None,
        counts=counts,
    )

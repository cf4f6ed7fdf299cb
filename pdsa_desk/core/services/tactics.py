"""Tactics: the standard-work candidates that PDSA cycles test (create, edit, retire, delete)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    Cycle,
    Rep,
    Stage,
    Tactic,
    TacticStatus,
    utcnow,
)
from pdsa_desk.core.services._base import (
    UNSET,
    Unset,
    check_choice,
    claim,
    clean_name,
    ensure_unique_name,
    get_live,
    live,
    msg,
    tombstone,
    touch,
)

__all__ = [
    "create_tactic",
    "delete_tactic",
    "list_tactics",
    "update_tactic",
]


def list_tactics(ws: Workspace, stage_id: str | None = None, *, include_archived: bool = True) -> list[Tactic]:
    with ws.session() as s:
        stmt = live(Tactic).order_by(Tactic.name)
        if not include_archived:
            stmt = stmt.where(col(Tactic.archived_at).is_(None))
        if stage_id is not None:
            stmt = stmt.where(Tactic.stage_id == stage_id)
        return list(s.exec(stmt))


def create_tactic(
    ws: Workspace,
    name: str,
    *,
    description: str = "",
    stage_id: str | None = None,
    owner_rep_id: str | None = None,
    status: str = TacticStatus.IDEA,
    needs_marketing: bool = False,
    marketing_effort: str = "",
) -> Tactic:
    """Create a tactic; ``needs_marketing`` makes its cycles count against the marketing cap."""
    with ws.transaction() as s:
        name = clean_name(name, "tactic")
        ensure_unique_name(s, Tactic, name, "tactic")
        tactic = Tactic(
            name=name,
            description=(description or "").strip(),
            stage_id=get_live(s, Stage, stage_id, "stage", "stage_id").id if stage_id else None,
            owner_rep_id=get_live(s, Rep, owner_rep_id, "rep", "owner_rep_id").id if owner_rep_id else None,
            status=check_choice(status, TacticStatus, "status", "Tactic status"),
            needs_marketing=bool(needs_marketing),
            marketing_effort=_effort(marketing_effort),
        )
        if tactic.status == TacticStatus.STANDARD_WORK:
            tactic.adopted_at = utcnow()
        s.add(tactic)
        return tactic


def update_tactic(
    ws: Workspace,
    tactic_id: str,
    *,
    name: str | None = None,
    description: str | None = None,
    stage_id: str | Unset | None = UNSET,
    owner_rep_id: str | Unset | None = UNSET,
    status: str | None = None,
    needs_marketing: bool | None = None,
    marketing_effort: str | None = None,
    expected_updated_at: datetime | None = None,
) -> Tactic:
    with ws.transaction() as s:
        claim(s, Tactic, tactic_id, expected_updated_at, "tactic")
        tactic = get_live(s, Tactic, tactic_id, "tactic")
        if name is not None:
            name = clean_name(name, "tactic")
            ensure_unique_name(s, Tactic, name, "tactic", exclude_id=tactic.id)
            tactic.name = name
        if description is not None:
            tactic.description = description.strip()
        if stage_id is not UNSET:
            tactic.stage_id = get_live(s, Stage, stage_id, "stage", "stage_id").id if stage_id else None
        if owner_rep_id is not UNSET:
            tactic.owner_rep_id = (
                get_live(s, Rep, owner_rep_id, "rep", "owner_rep_id").id if owner_rep_id else None
            )
        if status is not None:
            set_tactic_status(tactic, check_choice(status, TacticStatus, "status", "Tactic status"))
        if needs_marketing is not None:
            tactic.needs_marketing = bool(needs_marketing)
        if marketing_effort is not None:
            tactic.marketing_effort = _effort(marketing_effort)
        touch(tactic)
        return tactic


def _effort(text: str | None) -> str:
    effort = (text or "").strip()
    if len(effort) > 2000:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "What is asked of marketing is "
                "too long (%1 characters; at most 2000)."), len(effort)),
                              "marketing_effort")
    return effort


def set_tactic_status(tactic: Tactic, status: str) -> None:
    if status == TacticStatus.STANDARD_WORK and tactic.status != TacticStatus.STANDARD_WORK:
        tactic.adopted_at = utcnow()
    elif status != TacticStatus.STANDARD_WORK:
        tactic.adopted_at = None
    tactic.status = status
    touch(tactic)


def delete_tactic(ws: Workspace, tactic_id: str) -> None:
    with ws.transaction() as s:
        tactic = get_live(s, Tactic, tactic_id, "tactic")
        if s.exec(live(Cycle).where(Cycle.tactic_id == tactic.id)).first():
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Tactic '%1' was tested in PDSA cycles; "
                        "retire it instead of deleting it."), tactic.name)
            )
        tombstone(tactic)

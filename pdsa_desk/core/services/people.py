"""Workspace settings, teams, reps and weekly sessions."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlmodel import Session, col, func, select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, plural
from pdsa_desk.core.models import (
    Cycle,
    CycleParticipant,
    LossReason,
    Opportunity,
    Rep,
    SessionHeld,
    Team,
    WorkspaceSettings,
)
from pdsa_desk.core.services._base import (
    UNSET,
    Unset,
    aware,
    claim,
    clean_name,
    ensure_unique_name,
    get_live,
    live,
    msg,
    tombstone,
    touch,
)
from pdsa_desk.core.statuses import ACTIVE_CYCLE_STATUSES as ACTIVE_CYCLE_STATUSES  # its users import it from here

__all__ = [
    "ACTIVE_CYCLE_STATUSES",
    "DEFAULT_LOSS_REASONS",
    "active_cycle_counts",
    "create_rep",
    "create_team",
    "delete_rep",
    "delete_team",
    "ensure_defaults",
    "last_session",
    "list_reps",
    "list_teams",
    "mark_session_held",
    "rename_team",
    "update_rep",
]


DEFAULT_LOSS_REASONS = ("No decision", "Chose a competitor", "Not a credible lead", "Timing / budget")
# The seeded reasons get the same UUID in every workspace, so that laptops exchanging work share them
# instead of each having its own "No decision" to map by name.
_DEFAULTS_NAMESPACE = uuid.UUID("6f1c1a52-35a4-4a43-9d0b-6c3a4f7d9e10")


def default_loss_reason_id(name: str) -> str:
    return str(uuid.uuid5(_DEFAULTS_NAMESPACE, f"loss-reason:{name}"))


def ensure_defaults(ws: Workspace, name: str = "My workspace") -> WorkspaceSettings:
    """Create the settings row and the seeded loss reasons of a new workspace (idempotent)."""
    with ws.transaction() as s:
        settings = s.exec(live(WorkspaceSettings)).first()
        if settings is None:
            settings = WorkspaceSettings(name=name)
            s.add(settings)
            if s.exec(live(LossReason)).first() is None:
                for i, reason in enumerate(DEFAULT_LOSS_REASONS):
                    s.add(LossReason(id=default_loss_reason_id(reason), name=reason, position=i))
        return settings


# --- teams ---------------------------------------------------------------------------------


def list_teams(ws: Workspace) -> list[Team]:
    with ws.session() as s:
        return list(s.exec(live(Team).order_by(Team.name)))


def create_team(ws: Workspace, name: str) -> Team:
    with ws.transaction() as s:
        name = clean_name(name, "team")
        ensure_unique_name(s, Team, name, "team")
        team = Team(name=name)
        s.add(team)
        return team


def rename_team(ws: Workspace, team_id: str, name: str, *, expected_updated_at: datetime | None = None) -> Team:
    with ws.transaction() as s:
        claim(s, Team, team_id, expected_updated_at, "team")
        team = get_live(s, Team, team_id, "team")
        name = clean_name(name, "team")
        ensure_unique_name(s, Team, name, "team", exclude_id=team.id)
        team.name = name
        touch(team)
        return team


def delete_team(ws: Workspace, team_id: str) -> None:
    with ws.transaction() as s:
        team = get_live(s, Team, team_id, "team")
        members = s.exec(live(Rep).where(Rep.team_id == team.id)).all()
        if members:
            # English has said "rep(s)" here; the count now chooses the form
            raise ValidationError(plural(
                len(members),
                msg(QT_TRANSLATE_NOOP("Services", "Team '%1' still has %2 rep; move them to another team first."),
                    team.name, len(members)),
                msg(QT_TRANSLATE_NOOP("Services", "Team '%1' still has %2 reps; move them to another team first."),
                    team.name, len(members))))
        if s.exec(live(Cycle).where(Cycle.team_id == team.id)).first() is not None:
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Team '%1' takes part in PDSA cycles as a "
                        "whole team; it cannot be deleted."), team.name)
            )
        tombstone(team)


# --- reps ----------------------------------------------------------------------------------


def list_reps(ws: Workspace, *, include_inactive: bool = True) -> list[Rep]:
    with ws.session() as s:
        stmt = live(Rep).order_by(Rep.name)
        if not include_inactive:
            stmt = stmt.where(col(Rep.active).is_(True))
        return list(s.exec(stmt))


def _clean_email(email: str | None) -> str | None:
    if email is None or not str(email).strip():
        return None
    text = str(email).strip()
    if "@" not in text or text.startswith("@") or text.endswith("@") or " " in text:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "'%1' is not an e-mail address."), text), "email")
    return text


def _active_team(s: Session, team_id: str) -> Team:
    """A team new work may go to: live and active."""
    team = get_live(s, Team, team_id, "team", "team_id")
    if not team.active:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Team '%1' is inactive; "
                "reactivate it first."), team.name), "team_id")
    return team


def create_rep(ws: Workspace, name: str, *, email: str | None = None, team_id: str | None = None) -> Rep:
    with ws.transaction() as s:
        name = clean_name(name, "rep")
        ensure_unique_name(s, Rep, name, "rep")
        if team_id is not None:
            _active_team(s, team_id)
        rep = Rep(name=name, email=_clean_email(email), team_id=team_id)
        s.add(rep)
        return rep


def update_rep(
    ws: Workspace,
    rep_id: str,
    *,
    name: str | None = None,
    email: str | Unset | None = UNSET,
    team_id: str | Unset | None = UNSET,
    active: bool | None = None,
    expected_updated_at: datetime | None = None,
) -> Rep:
    with ws.transaction() as s:
        claim(s, Rep, rep_id, expected_updated_at, "rep")
        rep = get_live(s, Rep, rep_id, "rep")
        if name is not None:
            name = clean_name(name, "rep")
            ensure_unique_name(s, Rep, name, "rep", exclude_id=rep.id)
            rep.name = name
        if email is not UNSET:
            rep.email = _clean_email(email)
        if team_id is not UNSET:
            if team_id is not None and team_id != rep.team_id:
                _active_team(s, team_id)
            rep.team_id = team_id
        if active is not None:
            rep.active = bool(active)
        touch(rep)
        return rep


def delete_rep(ws: Workspace, rep_id: str) -> None:
    """Delete a rep who has no opportunities or cycles; otherwise deactivate instead."""
    with ws.transaction() as s:
        rep = get_live(s, Rep, rep_id, "rep")
        n_opps = s.exec(select(func.count()).select_from(Opportunity).where(
            Opportunity.rep_id == rep.id, col(Opportunity.deleted_at).is_(None))).one()
        if n_opps:
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Rep '%1' owns %2 opportunities; mark the "
                        "rep inactive instead of deleting."), rep.name, n_opps)
            )
        in_cycles = s.exec(live(CycleParticipant).where(CycleParticipant.rep_id == rep.id)).first()
        owns = s.exec(live(Cycle).where(Cycle.owner_rep_id == rep.id)).first()
        if in_cycles or owns:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Rep '%1' takes part in "
                    "PDSA cycles; mark the rep inactive instead."), rep.name))
        tombstone(rep)


def active_cycle_counts(ws: Workspace) -> dict[str, int]:
    """How many started, undecided cycles each rep takes part in (owner or participant)."""
    with ws.session() as s:
        rows = s.exec(
            select(CycleParticipant.rep_id, func.count())
            .join(Cycle, col(Cycle.id) == CycleParticipant.cycle_id)
            .where(
                col(CycleParticipant.deleted_at).is_(None),
                col(Cycle.deleted_at).is_(None),
                col(Cycle.status).in_([str(x) for x in ACTIVE_CYCLE_STATUSES]),
            )
            .group_by(CycleParticipant.rep_id)
        ).all()
    return {rep_id: int(n) for rep_id, n in rows}


# --- weekly sessions -----------------------------------------------------------------------


def mark_session_held(ws: Workspace, *, held_at: datetime | None = None, notes: str = "") -> SessionHeld:
    with ws.transaction() as s:
        row = SessionHeld(notes=notes or "")
        if held_at is not None:
            row.held_at = aware(held_at, "held_at")
        s.add(row)
        return row


def last_session(ws: Workspace) -> SessionHeld | None:
    with ws.session() as s:
        return s.exec(live(SessionHeld).order_by(col(SessionHeld.held_at).desc())).first()

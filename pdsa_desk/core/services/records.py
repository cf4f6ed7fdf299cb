"""Keeping a workspace's records tidy without losing history: teams switched off and on, loss reasons in
order, tactics and cycles archived, and deleted records brought back (the undo of a delete).

Rules stated here once:

* **Inactive, not gone.** A deactivated team or rep keeps its history and stays in every past number; it is
  only no longer offered for new work. A team with active reps cannot be deactivated (move or deactivate
  them first), and no rep is added to or moved into an inactive team.
* **Archived, not gone.** An archived tactic or cycle keeps its record and its numbers; it is hidden from
  the lists of current work (they offer "Show archived"). Archiving is a time stamp (``archived_at``), so
  that merges carry it like any other edit.
* **Deleted is a tombstone.** A delete stamps ``deleted_at`` on the row and on the rows that belong to it
  (a cycle's observations and participants, an opportunity's stage moves), all with the same instant; a
  restore brings back exactly the rows stamped with that instant, so rows deleted earlier stay deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session, col, func, select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, plural
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleParticipant,
    LossReason,
    Rep,
    Tactic,
    Team,
    utcnow,
)
from pdsa_desk.core.services._base import claim, ensure_unique_name, get_live, live, msg, noun, touch

N = TypeVar("N", Team, Rep, Tactic, LossReason)

__all__ = [
    "CycleDeletion",
    "cycle_deletion",
    "list_all_teams",
    "reorder_loss_reasons",
    "restore_cycle",
    "restore_loss_reason",
    "restore_rep",
    "restore_tactic",
    "restore_team",
    "set_cycle_archived",
    "set_tactic_archived",
    "set_team_active",
]


# --- teams -------------------------------------------------------------------------------------


def list_all_teams(ws: Workspace, *, include_inactive: bool = True) -> list[Team]:
    """The live teams by name; without ``include_inactive`` only those offered for new work."""
    with ws.session() as s:
        stmt = live(Team).order_by(func.lower(Team.name))
        if not include_inactive:
            stmt = stmt.where(col(Team.active).is_(True))
        return list(s.exec(stmt))


def set_team_active(
    ws: Workspace, team_id: str, active: bool, *, expected_updated_at: datetime | None = None
) -> Team:
    """Deactivate a team (refused while it has active reps) or reactivate it."""
    with ws.transaction() as s:
        claim(s, Team, team_id, expected_updated_at, "team")
        team = get_live(s, Team, team_id, "team")
        if not active and team.active:
            n = s.exec(select(func.count()).select_from(Rep).where(
                Rep.team_id == team.id, col(Rep.active).is_(True), col(Rep.deleted_at).is_(None))).one()
            if n:
                raise ValidationError(plural(
                    n, msg(QT_TRANSLATE_NOOP("Services", "Team '%1' still has %2 active rep; move them to another "
                                             "team or deactivate them first."), team.name, n),
                    msg(QT_TRANSLATE_NOOP("Services", "Team '%1' still has %2 active reps; move them to another "
                                          "team or deactivate them first."), team.name, n)), "active")
        team.active = bool(active)
        touch(team)
        return team


def _restore(s: Session, model: type[N], row_id: str, what: str) -> N:
    """Bring a tombstoned named row back, refusing when a live row took its name meanwhile."""
    row = s.get(model, row_id)
    if row is None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The %1 no longer exists."), noun(what)))
    if row.deleted_at is None:
        return row
    ensure_unique_name(s, model, row.name, what, exclude_id=row.id)
    row.deleted_at = None
    touch(row)
    return row


def restore_team(ws: Workspace, team_id: str) -> Team:
    """Undo the delete of a team (e.g. undo of "Add team")."""
    with ws.transaction() as s:
        return _restore(s, Team, team_id, "team")


def restore_rep(ws: Workspace, rep_id: str) -> Rep:
    """Undo the delete of a rep (e.g. undo of "Add rep")."""
    with ws.transaction() as s:
        return _restore(s, Rep, rep_id, "rep")


# --- loss reasons ------------------------------------------------------------------------------


def reorder_loss_reasons(ws: Workspace, ordered_ids: Sequence[str]) -> list[LossReason]:
    """Put the live loss reasons in this order (every one exactly once); their order is the order offered
    when an opportunity is marked lost."""
    with ws.transaction() as s:
        reasons = {r.id: r for r in s.exec(live(LossReason))}
        if sorted(ordered_ids) != sorted(reasons) or len(set(ordered_ids)) != len(ordered_ids):
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The new order must list "
                    "every loss reason exactly once.")))
        result = [reasons[i] for i in ordered_ids]
        for position, reason in enumerate(result):
            if reason.position != position:
                reason.position = position
                touch(reason)
        return result


def restore_loss_reason(ws: Workspace, reason_id: str) -> LossReason:
    """Undo the delete of a loss reason (it keeps its place in the order)."""
    with ws.transaction() as s:
        return _restore(s, LossReason, reason_id, "loss reason")


# --- tactics and cycles: archive ---------------------------------------------------------------


def set_tactic_archived(ws: Workspace, tactic_id: str, archived: bool) -> Tactic:
    """Archive a tactic (hidden from current work, its record kept) or bring it back."""
    with ws.transaction() as s:
        tactic = get_live(s, Tactic, tactic_id, "tactic")
        if bool(tactic.archived_at) != bool(archived):
            tactic.archived_at = utcnow() if archived else None
            touch(tactic)
        return tactic


def set_cycle_archived(ws: Workspace, cycle_id: str, archived: bool) -> Cycle:
    """Archive a cycle (hidden from current work, its record kept) or bring it back."""
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if bool(cycle.archived_at) != bool(archived):
            cycle.archived_at = utcnow() if archived else None
            touch(cycle)
        return cycle


def restore_tactic(ws: Workspace, tactic_id: str) -> Tactic:
    """Undo the delete of a tactic."""
    with ws.transaction() as s:
        return _restore(s, Tactic, tactic_id, "tactic")


# --- cycles: delete and restore -----------------------------------------------------------------


@dataclass(frozen=True)
class CycleDeletion:
    """What deleting a cycle would take with it, for the question asked first."""

    title: str
    observations: int
    decision: str | None
    continued: bool  # a later ramp cycle continues it: deleting is refused

    @property
    def needs_confirmation(self) -> bool:
        """A cycle with observations or a decision is part of the team's record: ask before deleting."""
        return self.observations > 0 or self.decision is not None


def cycle_deletion(ws: Workspace, cycle_id: str) -> CycleDeletion:
    with ws.session() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        n = s.exec(select(func.count()).select_from(CycleObservation).where(
            CycleObservation.cycle_id == cycle.id, col(CycleObservation.deleted_at).is_(None))).one()
        continued = s.exec(live(Cycle).where(Cycle.parent_id == cycle.id)).first() is not None
        return CycleDeletion(cycle.title, int(n), cycle.decision, continued)


def restore_cycle(ws: Workspace, cycle_id: str) -> Cycle:
    """Undo the delete of a cycle: the cycle, and the observations and participants deleted with it."""
    with ws.transaction() as s:
        cycle = s.get(Cycle, cycle_id)
        if cycle is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The cycle no longer "
                    "exists.")))
        when = cycle.deleted_at
        if when is None:
            return cycle
        if cycle.parent_id:
            get_live(s, Cycle, cycle.parent_id, "parent cycle", "parent_id")
        observations = s.exec(select(CycleObservation).where(
            CycleObservation.cycle_id == cycle.id, CycleObservation.deleted_at == when))
        links = s.exec(select(CycleParticipant).where(
            CycleParticipant.cycle_id == cycle.id, CycleParticipant.deleted_at == when))
        for row in [*observations, *links]:
            row.deleted_at = None
            touch(row)
        cycle.deleted_at = None
        touch(cycle)
        return cycle

"""Taking edits back exactly: the steps Edit > Undo / Redo runs for cycle status changes and new records.

A cycle's lifecycle step (Start, Move on, Decide) is undone by putting back the :class:`Lifecycle` it
had before — its status and step stamps, its tactic's status, and for an *adapt* decision the ramp
cycle the decision planned — and redone by putting back the one it had after. Each reversal first
checks that the cycle is still exactly where the step left it; otherwise the workspace moved on
(someone else, or a later edit) and the reversal is refused rather than overwrite what happened since.

The rule for closed cycles: a decided (closed) cycle's record does not change. The decision itself
is undone *first and as a whole* (the cycle reopens in the status it was decided from, the tactic's
status and the planned ramp cycle go back); only then can earlier edits of the cycle be undone. An
edit that would reach into a closed cycle's record (delete an observation, change the plan) is
refused by the services (see :func:`pdsa_desk.core.services.observations.delete_observation`).

A record the user just created (a stage, a tactic, a cycle) is undone by tombstoning it (refused once
something refers to it) and redone by bringing the same row back, so merges see one history.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from sqlmodel import Session, col, select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleParticipant,
    CycleStatus,
    Stage,
    StageEvent,
    StandardRevision,
    Tactic,
)
from pdsa_desk.core.services._base import get_live, live, msg, noun, tombstone, touch

__all__ = [
    "Lifecycle",
    "TacticState",
    "cycle_lifecycle",
    "restore_created_cycle",
    "restore_created_stage",
    "restore_created_tactic",
    "restore_lifecycle",
    "tactic_state",
    "take_back_created_cycle",
    "take_back_created_stage",
    "take_back_created_tactic",
]


@dataclass(frozen=True)
class TacticState:
    """A tactic's status as a lifecycle step may change it."""

    tactic_id: str
    status: str
    adopted_at: datetime | None


@dataclass(frozen=True)
class Lifecycle:
    """Where a cycle is in Plan → Do → Study → Act → Closed, with everything a step changes."""

    status: str
    planned_start: object
    started_at: datetime | None
    studied_at: datetime | None
    early_study_reason: str
    acted_at: datetime | None
    decision: str | None
    rationale: str
    decided_at: datetime | None
    early_decision_reason: str
    cap_override: str
    tactic: TacticState | None
    # The live ramp cycle an *adapt* decision planned (None when there is none).
    child_id: str | None


_CYCLE_FIELDS = tuple(f.name for f in fields(Lifecycle) if f.name not in ("tactic", "child_id"))


def _tactic(s: Session, cycle: Cycle) -> TacticState | None:
    tactic = s.get(Tactic, cycle.tactic_id) if cycle.tactic_id else None
    if tactic is None or tactic.deleted_at is not None:
        return None
    return TacticState(tactic.id, tactic.status, tactic.adopted_at)


def _read(s: Session, cycle: Cycle) -> Lifecycle:
    child = None
    if cycle.status == CycleStatus.CLOSED and cycle.decided_at is not None:
        found = s.exec(live(Cycle).where(Cycle.parent_id == cycle.id).order_by(col(Cycle.created_at))).first()
        child = found.id if found is not None and found.created_at >= cycle.decided_at else None
    return Lifecycle(**{name: getattr(cycle, name) for name in _CYCLE_FIELDS}, tactic=_tactic(s, cycle),
                     child_id=child)


def cycle_lifecycle(ws: Workspace, cycle_id: str) -> Lifecycle:
    """Where the cycle is now (read before and after a step, to undo and redo it)."""
    with ws.session() as s:
        return _read(s, get_live(s, Cycle, cycle_id, "cycle"))


def restore_lifecycle(ws: Workspace, cycle_id: str, expected: Lifecycle, target: Lifecycle) -> None:
    """Put the cycle back to ``target``, provided it is still at ``expected`` (one transaction)."""
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        now = _read(s, cycle)
        if any(getattr(now, n) != getattr(expected, n) for n in ("status", "decided_at", "started_at", "studied_at",
                                                                  "acted_at", "child_id")):
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' changed since this step (it is "
                        "now in %2); the step cannot be taken back."), cycle.title, cycle.status))
        if expected.child_id and expected.child_id != target.child_id:
            _take_back_child(s, cycle, expected.child_id)
        if target.child_id and target.child_id != expected.child_id:
            _bring_back(s, Cycle, target.child_id, "ramp cycle")
        for name in _CYCLE_FIELDS:
            setattr(cycle, name, getattr(target, name))
        touch(cycle)
        if target.tactic is not None and target.tactic != now.tactic:
            tactic = get_live(s, Tactic, target.tactic.tactic_id, "tactic")
            tactic.status = target.tactic.status
            tactic.adopted_at = target.tactic.adopted_at
            touch(tactic)


def _take_back_child(s: Session, parent: Cycle, child_id: str) -> None:
    child = get_live(s, Cycle, child_id, "ramp cycle")
    if child.status != CycleStatus.PLAN or s.exec(
            live(CycleObservation).where(CycleObservation.cycle_id == child.id)).first() is not None:
        raise ValidationError(
            msg(QT_TRANSLATE_NOOP("Services", "The decision on '%1' stays: its ramp cycle '%2' "
                    "has started or has observations. Delete or undo those first."), parent.title, child.title))
    if s.exec(live(Cycle).where(Cycle.parent_id == child.id)).first() is not None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The decision on '%1' stays: "
                "'%2' continues in a later cycle."), parent.title, child.title))
    _tombstone_cycle(s, child)


def _tombstone_cycle(s: Session, cycle: Cycle) -> None:
    tombstone(cycle)
    for link in s.exec(live(CycleParticipant).where(CycleParticipant.cycle_id == cycle.id)):
        tombstone(link, cycle.deleted_at)


def _bring_back(s: Session, model: type[Cycle] | type[Tactic] | type[Stage], row_id: str, what: str) -> None:
    row = s.get(model, row_id)
    if row is None or row.deleted_at is None:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The %1 cannot be brought "
                "back: it is not deleted any more."), noun(what)))
    gone = row.deleted_at
    row.deleted_at = None
    touch(row)
    if isinstance(row, Cycle):  # its participants went with it
        for link in s.exec(select(CycleParticipant).where(CycleParticipant.cycle_id == row.id,
                                                          CycleParticipant.deleted_at == gone)):
            link.deleted_at = None
            touch(link)


def tactic_state(ws: Workspace, tactic_id: str | None) -> TacticState | None:
    """A tactic's status now (to put it back when the cycle that changed it is taken back)."""
    if not tactic_id:
        return None
    with ws.session() as s:
        tactic = s.get(Tactic, tactic_id)
        return None if tactic is None else TacticState(tactic.id, tactic.status, tactic.adopted_at)


# --- new records ---------------------------------------------------------------------------


def take_back_created_cycle(ws: Workspace, cycle_id: str, tactic_before: TacticState | None = None) -> None:
    """Undo "new cycle": tombstone it while it is still an untouched plan (no start, no observations)."""
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.status != CycleStatus.PLAN:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' has started; "
                    "it is not taken back."), cycle.title))
        if s.exec(live(CycleObservation).where(CycleObservation.cycle_id == cycle.id)).first() is not None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' has "
                    "observations; it is not taken back."), cycle.title))
        if s.exec(live(Cycle).where(Cycle.parent_id == cycle.id)).first() is not None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' continues in a "
                    "later cycle; it is not taken back."), cycle.title))
        _tombstone_cycle(s, cycle)
        if tactic_before is not None:
            tactic = s.get(Tactic, tactic_before.tactic_id)
            others = s.exec(live(Cycle).where(Cycle.tactic_id == tactic_before.tactic_id)).first()
            if tactic is not None and tactic.deleted_at is None and others is None:
                tactic.status, tactic.adopted_at = tactic_before.status, tactic_before.adopted_at
                touch(tactic)


def restore_created_cycle(ws: Workspace, cycle_id: str, tactic_after: TacticState | None = None) -> None:
    """Redo "new cycle": the same row (and its participants) comes back."""
    with ws.transaction() as s:
        _bring_back(s, Cycle, cycle_id, "cycle")
        if tactic_after is not None:
            tactic = get_live(s, Tactic, tactic_after.tactic_id, "tactic")
            tactic.status, tactic.adopted_at = tactic_after.status, tactic_after.adopted_at
            touch(tactic)


def take_back_created_tactic(ws: Workspace, tactic_id: str) -> None:
    """Undo "new tactic": tombstone it unless a cycle tests it."""
    with ws.transaction() as s:
        tactic = get_live(s, Tactic, tactic_id, "tactic")
        if s.exec(live(Cycle).where(Cycle.tactic_id == tactic.id)).first() is not None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Tactic '%1' is tested in "
                    "a cycle now; it is not taken back."), tactic.name))
        tombstone(tactic)


def restore_created_tactic(ws: Workspace, tactic_id: str) -> None:
    with ws.transaction() as s:
        _bring_back(s, Tactic, tactic_id, "tactic")


def take_back_created_stage(ws: Workspace, stage_id: str) -> None:
    """Undo "new stage": tombstone it (and its first revision) unless something refers to it."""
    with ws.transaction() as s:
        stage = get_live(s, Stage, stage_id, "stage")
        used = (s.exec(live(StageEvent).where(StageEvent.stage_id == stage.id)).first() is not None
                or s.exec(live(Cycle).where(Cycle.from_stage_id == stage.id)).first() is not None
                or s.exec(live(Tactic).where(Tactic.stage_id == stage.id)).first() is not None)
        if used:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Stage '%1' is in use now "
                    "(moves, cycles or tactics); it is not taken back."), stage.name))
        tombstone(stage)
        for rev in s.exec(live(StandardRevision).where(StandardRevision.stage_id == stage.id)):
            tombstone(rev, stage.deleted_at)
        _renumber_live(s)


def restore_created_stage(ws: Workspace, stage_id: str) -> None:
    """Redo "new stage": the same row comes back at the position it had."""
    with ws.transaction() as s:
        stage = s.get(Stage, stage_id)
        if stage is None or stage.deleted_at is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The stage cannot be "
                    "brought back: it is not deleted any more.")))
        gone = stage.deleted_at
        for rev in s.exec(select(StandardRevision).where(StandardRevision.stage_id == stage.id,
                                                         StandardRevision.deleted_at == gone)):
            rev.deleted_at = None
            touch(rev)
        stage.deleted_at = None
        touch(stage)
        others = [st for st in s.exec(live(Stage).order_by(col(Stage.position))) if st.id != stage.id]
        others.insert(max(0, min(stage.position, len(others))), stage)
        _renumber_list(others)


def _renumber_live(s: Session) -> None:
    s.flush()
    _renumber_list(list(s.exec(live(Stage).order_by(col(Stage.position)))))


def _renumber_list(stages: list[Stage]) -> None:
    for position, stage in enumerate(stages):
        if stage.position != position:
            stage.position = position
            touch(stage)

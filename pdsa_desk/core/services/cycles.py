"""PDSA cycles, Plan: create and edit a cycle's plan and participants, follow its ramp, delete it.

Starting, studying and deciding are :mod:`pdsa_desk.core.services.cycle_lifecycle`; the Do log is
:mod:`pdsa_desk.core.services.observations`; tactics are :mod:`pdsa_desk.core.services.tactics`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlmodel import Session, col, select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleParticipant,
    CycleStatus,
    Rep,
    Stage,
    Tactic,
    TacticStatus,
    Team,
    utcnow,
)
from pdsa_desk.core.services._base import (
    TITLE_MAX_LENGTH,
    claim,
    clean_name,
    get_live,
    live,
    msg,
    positive_int,
    tombstone,
    touch,
)
from pdsa_desk.core.services.tactics import set_tactic_status

__all__ = [
    "PLAN_FIELDS",
    "create_cycle",
    "delete_cycle",
    "get_cycle",
    "list_cycles",
    "participant_ids_by_cycle",
    "participants",
    "ramp",
    "update_cycle",
]


PLAN_FIELDS = (
    "objective",
    "questions",
    "prediction_text",
    "change_idea",
    "who_what_where_when",
    "data_plan",
)



def list_cycles(ws: Workspace, *, status: str | None = None, tactic_id: str | None = None,
                include_archived: bool = True) -> list[Cycle]:
    with ws.session() as s:
        stmt = live(Cycle).order_by(col(Cycle.planned_start).desc(), Cycle.title)
        if not include_archived:
            stmt = stmt.where(col(Cycle.archived_at).is_(None))
        if status is not None:
            stmt = stmt.where(Cycle.status == status)
        if tactic_id is not None:
            stmt = stmt.where(Cycle.tactic_id == tactic_id)
        return list(s.exec(stmt))


def get_cycle(ws: Workspace, cycle_id: str) -> Cycle:
    with ws.session() as s:
        return get_live(s, Cycle, cycle_id, "cycle")


def participants(ws: Workspace, cycle_id: str) -> list[Rep]:
    """The reps whose opportunities the cycle's study counts."""
    with ws.session() as s:
        return cycle_participants(s, get_live(s, Cycle, cycle_id, "cycle"))


def participant_ids_by_cycle(ws: Workspace) -> dict[str, tuple[str, ...]]:
    """Live cycle id -> the ids of its participating reps (by name), as :func:`participants` gives them: one
    query for every cycle (the Cycles list shows hundreds)."""
    with ws.session() as s:
        rows = s.exec(
            select(CycleParticipant.cycle_id, Rep.id)
            .join(Rep, col(CycleParticipant.rep_id) == Rep.id)
            .where(col(CycleParticipant.deleted_at).is_(None), col(Rep.deleted_at).is_(None))
            .order_by(col(CycleParticipant.cycle_id), col(Rep.name))
        )
        out: dict[str, list[str]] = {}
        for cycle_id, rep_id in rows:
            out.setdefault(cycle_id, []).append(rep_id)
    return {cycle_id: tuple(ids) for cycle_id, ids in out.items()}


def cycle_participants(s: Session, cycle: Cycle) -> list[Rep]:
    rows = s.exec(
        live(Rep)
        .join(CycleParticipant, col(CycleParticipant.rep_id) == Rep.id)
        .where(CycleParticipant.cycle_id == cycle.id, col(CycleParticipant.deleted_at).is_(None))
        .order_by(Rep.name)
    )
    return list(rows)


def _check_plan(s: Session, cycle: Cycle) -> None:
    # No autoflush: update_cycle has already set the unchecked values on the row.
    with s.no_autoflush:
        stage = get_live(s, Stage, cycle.from_stage_id, "stage", "from_stage_id")
        later = s.exec(live(Stage).where(Stage.position > stage.position)).first()
    if later is None:
        raise ValidationError(
            msg(QT_TRANSLATE_NOOP("Services", "'%1' is the last stage: a cycle needs a "
                    "transition to a next stage."), stage.name), "from_stage_id"
        )
    if cycle.prediction_rate is not None:
        try:
            rate = float(cycle.prediction_rate)
        except (TypeError, ValueError):
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The predicted conversion "
                    "rate must be a number.")), "prediction_rate") from None
        if not 0.0 <= rate <= 1.0:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The predicted conversion "
                    "rate must be between 0% and 100%.")), "prediction_rate")
        cycle.prediction_rate = rate
    if cycle.planned_start and cycle.planned_end and cycle.planned_end < cycle.planned_start:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The planned end date is "
                "before the start date.")), "planned_end")
    if cycle.baseline_start and cycle.baseline_end and cycle.baseline_end <= cycle.baseline_start:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The baseline window must end "
                "after it starts.")), "baseline_end")
    cycle.min_sample_size = positive_int(cycle.min_sample_size, "min_sample_size", "Minimum sample size")


def set_participants(s: Session, cycle: Cycle, rep_ids: Sequence[str]) -> None:
    wanted = list(dict.fromkeys(r for r in rep_ids if r))
    if cycle.whole_team:
        team = get_live(s, Team, cycle.team_id, "team", "team_id")
        wanted = [r.id for r in s.exec(live(Rep).where(Rep.team_id == team.id, col(Rep.active).is_(True)))]
    if cycle.owner_rep_id and cycle.owner_rep_id not in wanted:
        wanted.insert(0, cycle.owner_rep_id)
    for rep_id in wanted:
        get_live(s, Rep, rep_id, "rep", "participants")
    existing = {p.rep_id: p for p in s.exec(live(CycleParticipant).where(CycleParticipant.cycle_id == cycle.id))}
    for rep_id, row in existing.items():
        if rep_id not in wanted:
            tombstone(row)
    for rep_id in wanted:
        if rep_id not in existing:
            old = s.exec(  # tombstoned rows too: not live()
                select(CycleParticipant).where(CycleParticipant.cycle_id == cycle.id, CycleParticipant.rep_id == rep_id)
            ).first()
            if old is not None:  # a tombstoned link comes back rather than clashing with the unique key
                old.deleted_at = None
                touch(old)
            else:
                s.add(CycleParticipant(cycle_id=cycle.id, rep_id=rep_id))


def create_cycle(
    ws: Workspace,
    title: str,
    *,
    from_stage_id: str,
    tactic_id: str | None = None,
    owner_rep_id: str | None = None,
    participant_ids: Sequence[str] = (),
    whole_team: bool = False,
    team_id: str | None = None,
    planned_start: date | None = None,
    planned_end: date | None = None,
    prediction_rate: float | None = None,
    min_sample_size: int = 30,
    parent_id: str | None = None,
    baseline_start: date | None = None,
    baseline_end: date | None = None,
    **plan: str,
) -> Cycle:
    """Plan a new cycle (status *plan*). The owner always takes part."""
    unknown = set(plan) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    with ws.transaction() as s:
        cycle = Cycle(
            title=clean_name(title, "cycle", "title", max_length=TITLE_MAX_LENGTH),
            from_stage_id=from_stage_id,
            tactic_id=get_live(s, Tactic, tactic_id, "tactic", "tactic_id").id if tactic_id else None,
            owner_rep_id=get_live(s, Rep, owner_rep_id, "rep", "owner_rep_id").id if owner_rep_id else None,
            whole_team=bool(whole_team),
            team_id=get_live(s, Team, team_id, "team", "team_id").id if team_id else None,
            planned_start=planned_start,
            planned_end=planned_end,
            prediction_rate=prediction_rate,
            min_sample_size=min_sample_size,
            parent_id=get_live(s, Cycle, parent_id, "parent cycle", "parent_id").id if parent_id else None,
            baseline_start=baseline_start,
            baseline_end=baseline_end,
        )
        for key, text in plan.items():  # the free-text plan fields (checked against PLAN_FIELDS above)
            setattr(cycle, key, (text or "").strip())
        _resolve_team(s, cycle)
        _check_plan(s, cycle)
        s.add(cycle)
        s.flush()
        set_participants(s, cycle, participant_ids)
        tactic_now_testing(s, cycle)
        return cycle


def _resolve_team(s: Session, cycle: Cycle) -> None:
    """A whole-team cycle takes the owner's team unless one is chosen."""
    if cycle.whole_team and not cycle.team_id and cycle.owner_rep_id:
        owner = s.get(Rep, cycle.owner_rep_id)
        cycle.team_id = owner.team_id if owner is not None else None
    if cycle.whole_team and not cycle.team_id:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose the team that takes "
                "part.")), "team_id")


def tactic_now_testing(s: Session, cycle: Cycle) -> None:
    """A tactic that is only an idea becomes 'testing' once a cycle tests it."""
    if cycle.tactic_id:
        tactic = s.get(Tactic, cycle.tactic_id)
        if tactic is not None and tactic.status == TacticStatus.IDEA:
            set_tactic_status(tactic, TacticStatus.TESTING)


def update_cycle(
    ws: Workspace,
    cycle_id: str,
    *,
    participant_ids: Sequence[str] | None = None,
    expected_updated_at: datetime | None = None,
    **fields: object,
) -> Cycle:
    """Edit plan fields (any of the keyword names of :func:`create_cycle`).

    With ``expected_updated_at`` (the stamp the editor read), a cycle changed by
    someone else since then is refused with :class:`ConflictError`.
    """
    allowed = set(PLAN_FIELDS) | {
        "title", "from_stage_id", "tactic_id", "owner_rep_id", "whole_team", "team_id", "planned_start",
        "planned_end", "prediction_rate", "min_sample_size", "baseline_start", "baseline_end",
        "study_interpretation",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown cycle fields: {sorted(unknown)}")
    with ws.transaction() as s:
        claim(s, Cycle, cycle_id, expected_updated_at, "cycle", label="title")
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.status == CycleStatus.CLOSED:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' is closed; its "
                    "record can no longer be changed."), cycle.title))
        for key, value in fields.items():
            if key == "title":
                value = clean_name(value, "cycle", "title", max_length=TITLE_MAX_LENGTH)
            elif key in PLAN_FIELDS or key == "study_interpretation":
                value = (str(value) if value is not None else "").strip()
            elif key == "tactic_id" and value:
                get_live(s, Tactic, str(value), "tactic", "tactic_id")
            elif key == "owner_rep_id" and value:
                get_live(s, Rep, str(value), "rep", "owner_rep_id")
            elif key == "team_id" and value:
                get_live(s, Team, str(value), "team", "team_id")
            setattr(cycle, key, value)
        _resolve_team(s, cycle)
        _check_plan(s, cycle)
        if "tactic_id" in fields:
            tactic_now_testing(s, cycle)
        if participant_ids is not None or "whole_team" in fields or "team_id" in fields or "owner_rep_id" in fields:
            current = [r.id for r in cycle_participants(s, cycle)]
            set_participants(s, cycle, participant_ids if participant_ids is not None else current)
        touch(cycle)
        return cycle



def ramp(ws: Workspace, cycle_id: str) -> list[Cycle]:
    """The chain of linked cycles this one belongs to, from the first to the latest."""
    with ws.session() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        while cycle.parent_id:
            parent = s.get(Cycle, cycle.parent_id)
            if parent is None or parent.deleted_at is not None:
                break
            cycle = parent
        chain = [cycle]
        while True:
            child = s.exec(live(Cycle).where(Cycle.parent_id == chain[-1].id).order_by(col(Cycle.created_at))).first()
            if child is None or child in chain:
                return chain
            chain.append(child)


def delete_cycle(ws: Workspace, cycle_id: str) -> None:
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if s.exec(live(Cycle).where(Cycle.parent_id == cycle.id)).first():
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' continues in a "
                    "later ramp cycle; delete that first."), cycle.title))
        when = utcnow()
        for observation in s.exec(live(CycleObservation).where(CycleObservation.cycle_id == cycle.id)):
            tombstone(observation, when)
        for link in s.exec(live(CycleParticipant).where(CycleParticipant.cycle_id == cycle.id)):
            tombstone(link, when)
        tombstone(cycle, when)

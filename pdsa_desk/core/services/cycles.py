"""Tactics (standard-work candidates) and PDSA cycles: plan, do, study, act."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col, select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.lifecycle import NeedsReason, clean_reason, decision_guard, study_guard
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleParticipant,
    CycleStatus,
    Decision,
    ObservationKind,
    Rep,
    Stage,
    Tactic,
    TacticStatus,
    Team,
    WorkspaceSettings,
    utcnow,
)
from pdsa_desk.core.services._base import (
    TITLE_MAX_LENGTH,
    UNSET,
    Unset,
    aware,
    check_choice,
    claim,
    clean_name,
    ensure_unique_name,
    get_live,
    live,
    positive_int,
    tombstone,
    touch,
)
from pdsa_desk.core.services.people import ACTIVE_CYCLE_STATUSES

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData

__all__ = [
    "OBSERVATION_MAX_LENGTH",
    "PLAN_FIELDS",
    "ActResult",
    "CapExceeded",
    "NeedsReason",
    "add_observation",
    "advance_cycle",
    "create_cycle",
    "create_tactic",
    "decide_cycle",
    "delete_cycle",
    "delete_observation",
    "delete_tactic",
    "get_cycle",
    "list_cycles",
    "list_tactics",
    "observations",
    "participant_ids_by_cycle",
    "participants",
    "ramp",
    "start_cycle",
    "update_cycle",
    "update_tactic",
]


# --- tactics -------------------------------------------------------------------------------


def list_tactics(ws: Workspace, stage_id: str | None = None) -> list[Tactic]:
    with ws.session() as s:
        stmt = live(Tactic).order_by(Tactic.name)
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
            _set_tactic_status(tactic, check_choice(status, TacticStatus, "status", "Tactic status"))
        if needs_marketing is not None:
            tactic.needs_marketing = bool(needs_marketing)
        if marketing_effort is not None:
            tactic.marketing_effort = _effort(marketing_effort)
        touch(tactic)
        return tactic


def _effort(text: str | None) -> str:
    effort = (text or "").strip()
    if len(effort) > 2000:
        raise ValidationError(f"What is asked of marketing is too long ({len(effort)} characters; at most 2000).",
                              "marketing_effort")
    return effort


def _set_tactic_status(tactic: Tactic, status: str) -> None:
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
                f"Tactic '{tactic.name}' was tested in PDSA cycles; retire it instead of deleting it."
            )
        tombstone(tactic)


# --- cycles --------------------------------------------------------------------------------

PLAN_FIELDS = (
    "objective",
    "questions",
    "prediction_text",
    "change_idea",
    "who_what_where_when",
    "data_plan",
)


class CapExceeded(ValidationError):
    """Starting the cycle would go over a cap: reps' active cycles, or marketing's capacity.

    ``reps`` lists (rep name, active cycles now) of the reps at the per-rep ``cap``; ``marketing`` lists
    the titles of the running cycles that need marketing support when ``marketing_cap`` is reached (empty
    otherwise). Starting with ``confirm_over_cap`` goes over both, and records which in ``cap_override``.
    """

    def __init__(self, reps: Sequence[tuple[str, int]], cap: int, *, marketing: Sequence[str] = (),
                 marketing_cap: int | None = None) -> None:
        parts = []
        if reps:
            names = ", ".join(f"{name} ({n} active)" for name, n in reps)
            parts.append(f"Over the limit of {cap} active cycles per rep: {names}.")
        if marketing:
            titles = ", ".join(f"'{title}'" for title in marketing)
            parts.append(f"Over marketing's limit of {marketing_cap} cycles needing marketing support at once: "
                         f"{titles} already {'runs' if len(marketing) == 1 else 'run'}.")
        super().__init__(" ".join([*parts, "Confirm to start anyway."]), "participants" if reps else "tactic_id")
        self.reps = tuple(reps)
        self.cap = cap
        self.marketing = tuple(marketing)
        self.marketing_cap = marketing_cap

    @property
    def override(self) -> str:
        """What :attr:`Cycle.cap_override` records when the start is confirmed."""
        parts = []
        if self.reps:
            parts.append(f"per-rep cap {self.cap}: " + ", ".join(f"{name} ({n} active)" for name, n in self.reps))
        if self.marketing:
            parts.append(f"marketing cap {self.marketing_cap}: " + ", ".join(self.marketing))
        return "; ".join(parts)


def _marketing_over(s: Session, cycle: Cycle, cap: int | None) -> list[str]:
    """Titles of the running cycles needing marketing, when starting ``cycle`` would exceed ``cap``."""
    tactic = s.get(Tactic, cycle.tactic_id) if cycle.tactic_id else None
    if cap is None or tactic is None or not tactic.needs_marketing:
        return []
    running = s.exec(
        live(Cycle)
        .join(Tactic, col(Tactic.id) == Cycle.tactic_id)
        .where(col(Tactic.needs_marketing).is_(True), Cycle.id != cycle.id,
               col(Cycle.status).in_([str(x) for x in ACTIVE_CYCLE_STATUSES]))
        .order_by(Cycle.title)
    ).all()
    return [c.title for c in running] if len(running) >= cap else []


def list_cycles(ws: Workspace, *, status: str | None = None, tactic_id: str | None = None) -> list[Cycle]:
    with ws.session() as s:
        stmt = live(Cycle).order_by(col(Cycle.planned_start).desc(), Cycle.title)
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
        return _participants(s, get_live(s, Cycle, cycle_id, "cycle"))


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


def _participants(s: Session, cycle: Cycle) -> list[Rep]:
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
            f"'{stage.name}' is the last stage: a cycle needs a transition to a next stage.", "from_stage_id"
        )
    if cycle.prediction_rate is not None:
        try:
            rate = float(cycle.prediction_rate)
        except (TypeError, ValueError):
            raise ValidationError("The predicted conversion rate must be a number.", "prediction_rate") from None
        if not 0.0 <= rate <= 1.0:
            raise ValidationError("The predicted conversion rate must be between 0% and 100%.", "prediction_rate")
        cycle.prediction_rate = rate
    if cycle.planned_start and cycle.planned_end and cycle.planned_end < cycle.planned_start:
        raise ValidationError("The planned end date is before the start date.", "planned_end")
    if cycle.baseline_start and cycle.baseline_end and cycle.baseline_end <= cycle.baseline_start:
        raise ValidationError("The baseline window must end after it starts.", "baseline_end")
    cycle.min_sample_size = positive_int(cycle.min_sample_size, "min_sample_size", "Minimum sample size")


def _set_participants(s: Session, cycle: Cycle, rep_ids: Sequence[str]) -> None:
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
        _set_participants(s, cycle, participant_ids)
        _tactic_now_testing(s, cycle)
        return cycle


def _resolve_team(s: Session, cycle: Cycle) -> None:
    """A whole-team cycle takes the owner's team unless one is chosen."""
    if cycle.whole_team and not cycle.team_id and cycle.owner_rep_id:
        owner = s.get(Rep, cycle.owner_rep_id)
        cycle.team_id = owner.team_id if owner is not None else None
    if cycle.whole_team and not cycle.team_id:
        raise ValidationError("Choose the team that takes part.", "team_id")


def _tactic_now_testing(s: Session, cycle: Cycle) -> None:
    """A tactic that is only an idea becomes 'testing' once a cycle tests it."""
    if cycle.tactic_id:
        tactic = s.get(Tactic, cycle.tactic_id)
        if tactic is not None and tactic.status == TacticStatus.IDEA:
            _set_tactic_status(tactic, TacticStatus.TESTING)


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
            raise ValidationError(f"Cycle '{cycle.title}' is closed; its record can no longer be changed.")
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
            _tactic_now_testing(s, cycle)
        if participant_ids is not None or "whole_team" in fields or "team_id" in fields or "owner_rep_id" in fields:
            current = [r.id for r in _participants(s, cycle)]
            _set_participants(s, cycle, participant_ids if participant_ids is not None else current)
        touch(cycle)
        return cycle


def start_cycle(
    ws: Workspace, cycle_id: str, *, confirm_over_cap: bool = False, started_at: datetime | None = None
) -> Cycle:
    """Plan -> Do, recording the actual start (now, or ``started_at`` for a start recorded late: not in the
    future). Refused with :class:`CapExceeded` when reps are at their cap, or when the tactic needs marketing
    support and as many such cycles already run as the workspace allows (``max_marketing_cycles``), unless
    confirmed; a confirmed start records the caps it went over in ``cap_override``."""
    when = aware(started_at, "started_at") or utcnow()
    if when > utcnow():
        raise ValidationError("A cycle cannot have started in the future.", "started_at")
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.status != CycleStatus.PLAN:
            raise ValidationError(f"Cycle '{cycle.title}' has already started.")
        people = _participants(s, cycle)
        if not people:
            raise ValidationError("Choose at least one rep who takes part before starting.", "participants")
        if cycle.prediction_rate is None:
            raise ValidationError(
                "Write down a numeric prediction before starting: without one there is nothing to learn from.",
                "prediction_rate",
            )
        settings = s.exec(live(WorkspaceSettings)).first()
        cap = settings.max_active_cycles_per_rep if settings else 2
        over = []
        for rep in people:
            n = len(
                s.exec(
                    live(Cycle)
                    .join(CycleParticipant, col(CycleParticipant.cycle_id) == Cycle.id)
                    .where(
                        CycleParticipant.rep_id == rep.id,
                        col(CycleParticipant.deleted_at).is_(None),
                        col(Cycle.status).in_([str(x) for x in ACTIVE_CYCLE_STATUSES]),
                    )
                ).all()
            )
            if n >= cap:
                over.append((rep.name, n))
        marketing_cap = settings.max_marketing_cycles if settings else None
        marketing = _marketing_over(s, cycle, marketing_cap)
        if over or marketing:
            exceeded = CapExceeded(over, cap, marketing=marketing, marketing_cap=marketing_cap)
            if not confirm_over_cap:
                raise exceeded
            cycle.cap_override = exceeded.override
        cycle.status = CycleStatus.DO
        cycle.started_at = when  # the actual start: the study counts from this day
        if cycle.planned_start is None:
            cycle.planned_start = cycle.started_at.date()
        touch(cycle)
        return cycle


_NEXT = {CycleStatus.DO: CycleStatus.STUDY, CycleStatus.STUDY: CycleStatus.ACT}


def advance_cycle(
    ws: Workspace,
    cycle_id: str,
    *,
    early_reason: str | None = None,
    as_of: datetime | None = None,
    data: AnalysisData | None = None,
) -> Cycle:
    """Do -> Study -> Act. (Plan -> Do is :func:`start_cycle`; Act ends with :func:`decide_cycle`.)

    Moving to Study before any outcome of the cycle is known raises :class:`NeedsReason` unless an
    ``early_reason`` is given, which is recorded (see :mod:`pdsa_desk.core.lifecycle`); ``as_of`` and
    ``data`` are the instant and snapshot the study is read at (default: now, loaded here).
    """
    reason = clean_reason(early_reason)
    with ws.session() as s:
        current = get_live(s, Cycle, cycle_id, "cycle")
        to_study = _NEXT.get(CycleStatus(current.status)) == CycleStatus.STUDY
    why = study_guard(ws, cycle_id, as_of=as_of, data=data) if to_study else ""
    if why and not reason:
        raise NeedsReason(why, "study")
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        nxt = _NEXT.get(CycleStatus(cycle.status))
        if nxt is None:
            raise ValidationError(f"Cycle '{cycle.title}' is in {cycle.status}; it cannot move on from there.")
        if nxt == CycleStatus.ACT and not cycle.study_interpretation.strip():
            raise ValidationError(
                "Write the team's interpretation of the results before deciding.", "study_interpretation"
            )
        cycle.status = nxt
        if nxt == CycleStatus.STUDY:
            cycle.studied_at = utcnow()
            cycle.early_study_reason = reason if why else ""
        else:
            cycle.acted_at = utcnow()
        touch(cycle)
        return cycle


@dataclass(frozen=True)
class ActResult:
    cycle: Cycle
    child: Cycle | None = None


def decide_cycle(
    ws: Workspace,
    cycle_id: str,
    decision: str,
    rationale: str,
    *,
    early_reason: str | None = None,
    as_of: datetime | None = None,
    data: AnalysisData | None = None,
) -> ActResult:
    """Act: adopt (the tactic becomes standard work), adapt (a linked next cycle is planned), abandon.

    Deciding while the study says "too early" raises :class:`NeedsReason` unless an ``early_reason`` is
    given, which is recorded with the decision (see :mod:`pdsa_desk.core.lifecycle`).
    """
    reason = clean_reason(early_reason)
    with ws.session() as s:
        current = get_live(s, Cycle, cycle_id, "cycle")
        ready_to_decide = current.status in (CycleStatus.STUDY, CycleStatus.ACT) and bool(
            current.study_interpretation.strip()) and bool((rationale or "").strip()) and decision in list(Decision)
    why = decision_guard(ws, cycle_id, as_of=as_of, data=data) if ready_to_decide else ""
    if why and not reason:
        raise NeedsReason(why, "decide")
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.status not in (CycleStatus.STUDY, CycleStatus.ACT):
            raise ValidationError(f"Study cycle '{cycle.title}' before deciding (it is in {cycle.status}).")
        if not cycle.study_interpretation.strip():  # the same rule as advancing Study -> Act
            raise ValidationError(
                "Write the team's interpretation of the results before deciding.", "study_interpretation"
            )
        decision = check_choice(decision, Decision, "decision", "Decision")
        if not (rationale or "").strip():
            raise ValidationError("Say why: the rationale is what the next team will read.", "rationale")
        cycle.decision = decision
        cycle.rationale = rationale.strip()
        cycle.decided_at = utcnow()
        cycle.early_decision_reason = reason if why else ""
        cycle.status = CycleStatus.CLOSED
        touch(cycle)
        tactic = s.get(Tactic, cycle.tactic_id) if cycle.tactic_id else None
        child = None
        if decision == Decision.ADOPT:
            if tactic is not None:
                _set_tactic_status(tactic, TacticStatus.STANDARD_WORK)
        elif decision == Decision.ABANDON:
            if tactic is not None and tactic.status == TacticStatus.TESTING:
                _set_tactic_status(tactic, TacticStatus.RETIRED)
        else:
            child = _adapted_child(s, cycle)
        return ActResult(cycle=cycle, child=child)


def _adapted_child(s: Session, cycle: Cycle) -> Cycle:
    depth = 1
    parent = cycle
    while parent.parent_id:
        above = s.get(Cycle, parent.parent_id)
        if above is None:  # a dangling link (e.g. a partly merged bundle): the chain starts here
            break
        parent = above
        depth += 1
    base_title = cycle.title.split(" — ramp ")[0]
    child = Cycle(
        title=f"{base_title} — ramp {depth + 1}"[:300],
        tactic_id=cycle.tactic_id,
        owner_rep_id=cycle.owner_rep_id,
        whole_team=cycle.whole_team,
        team_id=cycle.team_id,
        from_stage_id=cycle.from_stage_id,
        parent_id=cycle.id,
        prediction_rate=cycle.prediction_rate,
        min_sample_size=cycle.min_sample_size,
        **{k: getattr(cycle, k) for k in PLAN_FIELDS},
    )
    child.objective = (f"Adapted from '{cycle.title}': {cycle.rationale}\n\n" + cycle.objective).strip()
    s.add(child)
    s.flush()
    _set_participants(s, child, [r.id for r in _participants(s, cycle)])
    return child


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
            raise ValidationError(f"Cycle '{cycle.title}' continues in a later ramp cycle; delete that first.")
        when = utcnow()
        for observation in s.exec(live(CycleObservation).where(CycleObservation.cycle_id == cycle.id)):
            tombstone(observation, when)
        for link in s.exec(live(CycleParticipant).where(CycleParticipant.cycle_id == cycle.id)):
            tombstone(link, when)
        tombstone(cycle, when)


# --- observations (Do) ---------------------------------------------------------------------

#: The longest observation: a log entry, not a report (the Do tab counts the characters as they are typed).
OBSERVATION_MAX_LENGTH = 10_000


def add_observation(
    ws: Workspace,
    cycle_id: str,
    text: str,
    *,
    kind: str = ObservationKind.OBSERVATION,
    author: str | None = None,
    observed_at: datetime | None = None,
) -> CycleObservation:
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.status == CycleStatus.CLOSED:
            raise ValidationError(f"Cycle '{cycle.title}' is closed.")
        body = (text or "").strip()
        if not body:
            raise ValidationError("Write what you observed.", "text")
        if len(body) > OBSERVATION_MAX_LENGTH:
            raise ValidationError(
                f"An observation is at most {OBSERVATION_MAX_LENGTH:,} characters (this one has {len(body):,}); "
                "split it into several entries.", "text")
        obs = CycleObservation(
            cycle_id=cycle.id,
            text=body,
            kind=check_choice(kind, ObservationKind, "kind", "Kind"),
            author=(author or None),
            observed_at=aware(observed_at, "observed_at") or utcnow(),
        )
        s.add(obs)
        return obs


def observations(ws: Workspace, cycle_id: str) -> list[CycleObservation]:
    with ws.session() as s:
        return list(
            s.exec(
                live(CycleObservation)
                .where(CycleObservation.cycle_id == cycle_id)
                .order_by(col(CycleObservation.observed_at))
            )
        )


def delete_observation(ws: Workspace, observation_id: str) -> None:
    """Tombstone an observation of a cycle that is not closed: a decided cycle's log is part of its record."""
    with ws.transaction() as s:
        observation = get_live(s, CycleObservation, observation_id, "observation")
        cycle = s.get(Cycle, observation.cycle_id)
        if cycle is not None and cycle.status == CycleStatus.CLOSED:
            raise ValidationError(
                f"Cycle '{cycle.title}' is decided: its log is part of the record, so the observation stays."
            )
        tombstone(observation)

"""PDSA cycles from Plan to a decision: start (Do, within the caps), advance (Study, Act), decide."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel import Session, col

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.lifecycle import NeedsReason, clean_reason, decision_guard, study_guard
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, joined, plural
from pdsa_desk.core.models import (
    Cycle,
    CycleParticipant,
    CycleStatus,
    Decision,
    Tactic,
    TacticStatus,
    WorkspaceSettings,
    utcnow,
)
from pdsa_desk.core.services._base import (
    aware,
    check_choice,
    get_live,
    live,
    msg,
    touch,
)
from pdsa_desk.core.services.cycles import PLAN_FIELDS, cycle_participants, set_participants
from pdsa_desk.core.services.people import ACTIVE_CYCLE_STATUSES
from pdsa_desk.core.services.tactics import set_tactic_status

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData

__all__ = [
    "ActResult",
    "CapExceeded",
    "NeedsReason",
    "advance_cycle",
    "decide_cycle",
    "start_cycle",
]


class CapExceeded(ValidationError):
    """Starting the cycle would go over a cap: reps' active cycles, or marketing's capacity.

    ``reps`` lists (rep name, active cycles now) of the reps at the per-rep ``cap``; ``marketing`` lists
    the titles of the running cycles that need marketing support when ``marketing_cap`` is reached (empty
    otherwise). Starting with ``confirm_over_cap`` goes over both, and records which in ``cap_override``.
    """

    def __init__(self, reps: Sequence[tuple[str, int]], cap: int, *, marketing: Sequence[str] = (),
                 marketing_cap: int | None = None) -> None:
        parts: list[str] = []
        if reps:
            names = joined([msg(QT_TRANSLATE_NOOP("Services", "%1 (%2 active)"), name, n) for name, n in reps], ", ")
            parts.append(msg(QT_TRANSLATE_NOOP("Services", "Over the limit of %1 active cycles per rep: %2."), cap,
                             names))
        if marketing:
            titles = ", ".join(f"'{title}'" for title in marketing)
            parts.append(plural(
                len(marketing),
                msg(QT_TRANSLATE_NOOP("Services", "Over marketing's limit of %1 cycles needing marketing support at "
                                      "once: %2 already runs."), marketing_cap or 0, titles),
                msg(QT_TRANSLATE_NOOP("Services", "Over marketing's limit of %1 cycles needing marketing support at "
                                      "once: %2 already run."), marketing_cap or 0, titles)))
        parts.append(msg(QT_TRANSLATE_NOOP("Services", "Confirm to start anyway.")))
        super().__init__(joined(parts), "participants" if reps else "tactic_id")
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



def start_cycle(
    ws: Workspace, cycle_id: str, *, confirm_over_cap: bool = False, started_at: datetime | None = None
) -> Cycle:
    """Plan -> Do, recording the actual start (now, or ``started_at`` for a start recorded late: not in the
    future). Refused with :class:`CapExceeded` when reps are at their cap, or when the tactic needs marketing
    support and as many such cycles already run as the workspace allows (``max_marketing_cycles``), unless
    confirmed; a confirmed start records the caps it went over in ``cap_override``."""
    when = aware(started_at, "started_at") or utcnow()
    if when > utcnow():
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A cycle cannot have started "
                "in the future.")), "started_at")
    with ws.transaction() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.status != CycleStatus.PLAN:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' has already "
                    "started."), cycle.title))
        people = cycle_participants(s, cycle)
        if not people:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose at least one rep "
                    "who takes part before starting.")), "participants")
        if cycle.prediction_rate is None:
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Write down a numeric prediction before "
                        "starting: without one there is nothing to learn from.")),
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
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' is in %2; it "
                    "cannot move on from there."), cycle.title, cycle.status))
        if nxt == CycleStatus.ACT and not cycle.study_interpretation.strip():
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Write the team's interpretation of the "
                        "results before deciding.")), "study_interpretation"
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
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Study cycle '%1' before "
                    "deciding (it is in %2)."), cycle.title, cycle.status))
        if not cycle.study_interpretation.strip():  # the same rule as advancing Study -> Act
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Write the team's interpretation of the "
                        "results before deciding.")), "study_interpretation"
            )
        decision = check_choice(decision, Decision, "decision", "Decision")
        if not (rationale or "").strip():
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Say why: the rationale is "
                    "what the next team will read.")), "rationale")
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
                set_tactic_status(tactic, TacticStatus.STANDARD_WORK)
        elif decision == Decision.ABANDON:
            if tactic is not None and tactic.status == TacticStatus.TESTING:
                set_tactic_status(tactic, TacticStatus.RETIRED)
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
    set_participants(s, child, [r.id for r in cycle_participants(s, cycle)])
    return child

"""Phases and frozen baselines of the conversion charts: workspace data, with who, when and why.

A phase (:class:`~pdsa_desk.core.models.ChartPhase`, kind ``phase``) says that from a date on a
transition's process changed, so its chart has a new centre line and limits from the period
containing that date; a frozen baseline (kind ``baseline``, at most one live per transition) fixes the
centre line and limits on each phase's points up to the period containing its date. Both belong to
the transition (its from-stage), whatever scope, period or chart type is shown; every chart, the
agenda's "new signals" and the weekly report use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import ChartPhase, Cycle, PhaseKind, Stage, Tactic, utcnow
from pdsa_desk.core.services._base import aware, check_choice, get_live, live, msg, tombstone, touch

__all__ = [
    "PhaseProposal",
    "add_chart_phase",
    "clear_chart_phases",
    "list_chart_phases",
    "proposed_phase",
    "remove_chart_phase",
    "restore_chart_phases",
]

_MAX_REASON = 2000


def list_chart_phases(ws: Workspace, stage_id: str | None = None) -> list[ChartPhase]:
    """The live phases and baselines (of one transition's from-stage), oldest first."""
    with ws.session() as s:
        stmt = live(ChartPhase).order_by(ChartPhase.starts_at, ChartPhase.created_at)  # type: ignore[arg-type]
        if stage_id is not None:
            stmt = stmt.where(ChartPhase.stage_id == stage_id)
        return list(s.exec(stmt))


def _check_stage(s: Session, stage_id: str) -> Stage:
    stage = get_live(s, Stage, stage_id, "stage", "stage_id")
    later = s.exec(live(Stage).where(Stage.position > stage.position)).first()
    if later is None or stage.terminal == "won":
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "'%1' has no next stage: there "
                "is no conversion chart to mark."), stage.name), "stage_id")
    return stage


def _reason(text: str | None) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Say why: the reason is what a "
                "colleague reads on the chart.")), "reason")
    if len(reason) > _MAX_REASON:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The reason is too long (%1 "
                "characters; at most %2)."), len(reason), _MAX_REASON), "reason")
    return reason


def add_chart_phase(
    ws: Workspace,
    stage_id: str,
    starts_at: datetime,
    *,
    reason: str,
    kind: str = PhaseKind.PHASE,
    author: str | None = None,
) -> tuple[ChartPhase, list[str]]:
    """Declare a new phase (or freeze the baseline) on the chart of the transition out of ``stage_id``.

    Returns the new row and the ids of the rows it replaced: a new baseline replaces the live one of
    the transition (tombstoned in the same transaction; :func:`restore_chart_phases` brings it back).
    A second phase starting at the same moment is refused.
    """
    with ws.transaction() as s:
        stage = _check_stage(s, stage_id)
        kind = check_choice(kind, PhaseKind, "kind", "Kind")
        when = aware(starts_at, "starts_at")
        if when is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose when the phase "
                    "starts.")), "starts_at")
        text = _reason(reason)
        same = list(s.exec(live(ChartPhase).where(ChartPhase.stage_id == stage.id, ChartPhase.kind == kind)))
        replaced = []
        if kind == PhaseKind.BASELINE:
            for row in same:
                tombstone(row)
                replaced.append(row.id)
        elif any(aware(row.starts_at, "starts_at") == when for row in same):
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A phase of '%1' already "
                    "starts at that moment."), stage.name), "starts_at")
        row = ChartPhase(stage_id=stage.id, kind=kind, starts_at=when, reason=text,
                         author=(author or "").strip()[:200] or None)
        s.add(row)
        return row, replaced


def remove_chart_phase(ws: Workspace, phase_id: str) -> None:
    """Delete a phase or baseline (a tombstone: the deletion travels to colleagues)."""
    with ws.transaction() as s:
        tombstone(get_live(s, ChartPhase, phase_id, "chart phase"))


def clear_chart_phases(ws: Workspace, stage_id: str) -> list[str]:
    """Delete every phase and the baseline of one transition; returns their ids (for undo)."""
    with ws.transaction() as s:
        when = utcnow()
        rows = list(s.exec(live(ChartPhase).where(ChartPhase.stage_id == stage_id)))
        for row in rows:
            tombstone(row, when)
        return [r.id for r in rows]


def restore_chart_phases(ws: Workspace, phase_ids: list[str]) -> None:
    """Bring deleted phases back (undo of a removal); refused if their stage is gone."""
    with ws.transaction() as s:
        for phase_id in phase_ids:
            row = s.get(ChartPhase, phase_id)
            if row is None:
                raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The chart phase no "
                        "longer exists.")))
            get_live(s, Stage, row.stage_id, "stage", "stage_id")
            if row.deleted_at is not None:
                row.deleted_at = None
                touch(row)


@dataclass(frozen=True)
class PhaseProposal:
    """The phase adopting a tactic suggests (see :func:`proposed_phase`)."""

    stage_id: str
    starts_at: datetime
    reason: str


def proposed_phase(ws: Workspace, cycle_id: str) -> PhaseProposal | None:
    """The new phase an adopted cycle suggests: on its transition, from the adoption (the decision) on.

    Adopting a tactic changes the process, so the chart should judge the weeks after it against their
    own centre line. None unless the cycle was adopted, or when a phase already starts that day.
    """
    with ws.session() as s:
        cycle = get_live(s, Cycle, cycle_id, "cycle")
        if cycle.decision != "adopt" or cycle.decided_at is None:
            return None
        when = cycle.decided_at.astimezone(UTC)
        tactic = s.get(Tactic, cycle.tactic_id) if cycle.tactic_id else None
        existing = s.exec(live(ChartPhase).where(ChartPhase.stage_id == cycle.from_stage_id,
                                                 ChartPhase.kind == PhaseKind.PHASE)).all()
        if any(p.starts_at.astimezone(UTC).date() == when.date() for p in existing):
            return None
        what = f"'{tactic.name}' became standard work" if tactic is not None else "The change was adopted"
        return PhaseProposal(cycle.from_stage_id, when, f"{what} (cycle '{cycle.title}').")

"""The Do log of a PDSA cycle: observations, surprises and problems, written while it runs."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    Cycle,
    CycleObservation,
    CycleStatus,
    ObservationKind,
    utcnow,
)
from pdsa_desk.core.services._base import (
    aware,
    check_choice,
    get_live,
    live,
    msg,
    tombstone,
)

__all__ = [
    "OBSERVATION_MAX_LENGTH",
    "add_observation",
    "delete_observation",
    "observations",
]


# The longest observation: a log entry, not a report (the Do tab counts the characters as they are typed).
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
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' is closed."), cycle.title))
        body = (text or "").strip()
        if not body:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Write what you observed.")), "text")
        if len(body) > OBSERVATION_MAX_LENGTH:
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "An observation is at most %1 characters "
                        "(this one has %2); split it into several entries."), f"{OBSERVATION_MAX_LENGTH:,}",
                    f"{len(body):,}"), "text")
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
                msg(QT_TRANSLATE_NOOP("Services", "Cycle '%1' is decided: its log is part of "
                        "the record, so the observation stays."), cycle.title)
            )
        tombstone(observation)

"""What the database adds to the analysis frames for the conversion charts (Qt-free).

Cycles with their participants, standard revisions, the phases and frozen baselines a team declared, the
week start, the marketing initiatives and the team's time zone: a :class:`ChartMeta`, loaded once per refresh
with :func:`load_chart_meta`, so that switching a chart recomputes from memory only. Split out of
:mod:`pdsa_desk.core.charts` (which re-exports these names, as it does the flow and scope helpers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd

from pdsa_desk.core.initiative_marks import InitiativeInfo, load_initiative_infos
from pdsa_desk.core.scopes import utc as _utc

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.models import ChartPhase, Cycle

__all__ = ["ChartMeta", "CycleInfo", "PhaseInfo", "RevisionInfo", "cycle_info", "load_chart_meta", "phase_info"]


@dataclass(frozen=True)
class CycleInfo:
    """A PDSA cycle as the charts need it (``end`` exclusive; both UTC, either may be None)."""

    id: str
    title: str
    from_stage_id: str
    status: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    rep_ids: frozenset[str]


@dataclass(frozen=True)
class RevisionInfo:
    id: str
    stage_id: str
    name: str
    effective_from: pd.Timestamp
    author: str | None = None


@dataclass(frozen=True)
class PhaseInfo:
    """A phase or frozen baseline the team declared on a transition's chart (see :class:`ChartPhase`).

    ``kind`` ``"phase"`` or ``"baseline"``; ``starts_at`` the moment it takes effect; ``reason``,
    ``author`` and ``recorded`` (its ``created_at``) say why, who and when.
    """

    id: str
    stage_id: str
    kind: str
    starts_at: pd.Timestamp
    reason: str = ""
    author: str | None = None
    recorded: pd.Timestamp | None = None


@dataclass(frozen=True)
class ChartMeta:
    """Cycles (with participants), standard revisions (oldest first), declared phases, the week start, the
    marketing initiatives (:mod:`pdsa_desk.core.initiative_marks`) and the team's time zone (weeks and months
    begin at its midnight)."""

    cycles: tuple[CycleInfo, ...] = ()
    revisions: tuple[RevisionInfo, ...] = ()
    week_start: int = 0
    phases: tuple[PhaseInfo, ...] = ()
    initiatives: tuple[InitiativeInfo, ...] = ()
    time_zone: str = "UTC"

    def cycle(self, cycle_id: str) -> CycleInfo | None:
        return next((c for c in self.cycles if c.id == cycle_id), None)

    def phases_of(self, stage_id: str) -> tuple[PhaseInfo, ...]:
        """The declared phases (kind ``phase``) of a transition, oldest first."""
        return tuple(sorted((p for p in self.phases if p.stage_id == stage_id and p.kind == "phase"),
                            key=lambda p: p.starts_at))

    def baseline_of(self, stage_id: str) -> PhaseInfo | None:
        """The frozen baseline of a transition (the latest recorded, if several came from merges)."""
        found = [p for p in self.phases if p.stage_id == stage_id and p.kind == "baseline"]
        return max(found, key=lambda p: (p.recorded or p.starts_at, p.id)) if found else None


def _day(value: date | None) -> pd.Timestamp | None:
    return None if value is None else _utc(pd.Timestamp(value.year, value.month, value.day))


def cycle_info(c: Cycle, rep_ids: set[str]) -> CycleInfo:
    """A cycle as the charts draw it: from its actual start (its planned start until it starts) to its
    planned end (whole UTC days, the end exclusive); ``rep_ids`` its participants (the owner is added)."""
    reps = set(rep_ids)
    if c.owner_rep_id:
        reps.add(c.owner_rep_id)
    end = _day(c.planned_end)
    started: datetime | None = c.started_at
    start = _day(started.date()) if started is not None else _day(c.planned_start)
    return CycleInfo(id=c.id, title=c.title, from_stage_id=c.from_stage_id, status=str(c.status), start=start,
                     end=None if end is None else end + pd.Timedelta(days=1), rep_ids=frozenset(reps))


def phase_info(row: ChartPhase) -> PhaseInfo:
    return PhaseInfo(row.id, row.stage_id, str(row.kind), _utc(row.starts_at), row.reason, row.author,
                     _utc(row.created_at))


def load_chart_meta(ws: Workspace) -> ChartMeta:
    """Read cycles, their participants, standard revisions, phases and the week start (a few queries)."""
    from pdsa_desk.core.services import cycles as cycle_services
    from pdsa_desk.core.services import phases, stages
    from pdsa_desk.core.services import settings as workspace_settings

    taking_part = cycle_services.participant_ids_by_cycle(ws)  # one query, not one per cycle (300 at 1M)
    cycles = tuple(cycle_info(c, set(taking_part.get(c.id, ()))) for c in cycle_services.list_cycles(ws))
    revisions = tuple(
        RevisionInfo(r.id, r.stage_id, r.name, _utc(r.effective_from), r.author) for r in stages.stage_revisions(ws)
    )
    settings = workspace_settings.get_settings(ws)
    return ChartMeta(cycles, revisions, int(settings.week_start_day),
                     tuple(phase_info(p) for p in phases.list_chart_phases(ws)), load_initiative_infos(ws),
                     time_zone=settings.time_zone)

"""A past week's report is that week's report: the workspace as it stood at the end of that week.

Reconstructed from the time stamps every row carries (``created_at``, ``updated_at``, ``deleted_at``)
and the cycle's step times (``started_at``, ``studied_at``, ``acted_at``, ``decided_at``):

* **Cycles** created by then. A cycle's status then is its status now if the row has not changed
  since; otherwise the last step taken by then, from the step times. A cycle moved on before step
  times were recorded (schema 0003) and changed since has a status that cannot be told: it is left
  out of the agenda and the cycle pages, and listed as such.
* **Participants** that had joined by then and had not left.
* **Interpretations, decisions and rationales** only when the cycle row is unchanged since; one
  written or changed later is not shown, and the page says so. A plan changed later is today's
  wording (no earlier version is kept): the page says so.
* **Phases and frozen baselines** declared by then and not deleted by then; the **last session**
  held by then.
* **Counts and signals**: opportunities and stage moves recorded after that week (``created_at``
  later: imported or merged afterwards) are left out, so the counts are those the workspace held;
  everything after the week's end is ignored anyway (every metric is computed as of it).

What cannot be reconstructed is said in :attr:`PastWorkspace.notes`, never filled with today's
values: rows deleted since (their last state is not kept apart), stage definitions changed since
(conversion windows, WIP limits and names are today's), cycles whose status cannot be told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from pdsa_desk.core import charts
from pdsa_desk.core.agenda import PastState
from pdsa_desk.core.frames import AnalysisData
from pdsa_desk.core.initiative_marks import InitiativeInfo
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message, joined, message, plural
from pdsa_desk.core.models import (
    ChartPhase,
    Cycle,
    CycleParticipant,
    CycleStatus,
    MarketingInitiative,
    Opportunity,
    SessionHeld,
    StageEvent,
    StandardRevision,
)
from pdsa_desk.core.scopes import subset_by_mask
from pdsa_desk.core.scopes import utc as ts_utc

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

__all__ = ["PastWorkspace", "reconstruct", "status_then"]

_ORDER = (CycleStatus.PLAN, CycleStatus.DO, CycleStatus.STUDY, CycleStatus.ACT, CycleStatus.CLOSED)


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def status_then(c: Cycle, as_of: datetime) -> str | None:
    """The cycle's status at ``as_of`` (None when it cannot be told; the cycle existed then)."""
    decided = _utc(c.decided_at)
    if decided is not None and decided <= as_of:
        return str(CycleStatus.CLOSED)
    if _utc(c.updated_at) <= as_of:  # type: ignore[operator]
        return str(c.status)
    times = {CycleStatus.DO: c.started_at, CycleStatus.STUDY: c.studied_at, CycleStatus.ACT: c.acted_at,
             CycleStatus.CLOSED: c.decided_at}
    current = _ORDER.index(CycleStatus(c.status))
    for step in reversed(_ORDER[1:current + 1]):
        when = _utc(times[step])
        if when is None:
            return None  # moved on before step times were recorded: when is unknown
        if when <= as_of:
            return str(step)
    return str(CycleStatus.PLAN)


@dataclass
class PastWorkspace:
    """The workspace at ``as_of`` (see the module docstring)."""

    as_of: datetime
    data: AnalysisData
    cycles: list[Cycle]
    participants: dict[str, tuple[str, ...]]
    meta: charts.ChartMeta
    last_session: datetime | None
    #: Cycles that existed then but whose status then cannot be told: (cycle as it is now, why).
    unknown: list[tuple[Cycle, str]] = field(default_factory=list)
    #: Per cycle id: what on its page is today's or left out (changed after the week).
    changed: dict[str, str] = field(default_factory=dict)
    #: What the report cannot reconstruct, in sentences.
    notes: list[str] = field(default_factory=list)

    def state(self) -> PastState:
        return PastState(tuple(self.cycles), self.participants, self.last_session, self.meta)


def _alive_then(row: Any, as_of: datetime) -> bool:
    created = _utc(row.created_at)
    deleted = _utc(row.deleted_at)
    return created is not None and created <= as_of and (deleted is None or deleted > as_of)


def _updated_on(c: Cycle) -> date:
    """The day a cycle row was last changed (UTC)."""
    when = _utc(c.updated_at)
    if when is None:  # written on every insert and update
        raise ValueError(f"cycle {c.id} has no updated_at")
    return when.date()


def _cycle_then(c: Cycle, as_of: datetime) -> tuple[Cycle | None, str]:
    """(a copy of the cycle as it stood, or None when its status cannot be told; the page's note, a
    :class:`Message` or "")."""
    status = status_then(c, as_of)
    if status is None:
        return None, ""
    changed = _utc(c.updated_at) > as_of  # type: ignore[operator]
    values: dict[str, Any] = {"status": status}
    note = ""
    if changed:
        values.update(study_interpretation="", rationale="")
        if status != CycleStatus.CLOSED:
            values.update(decision=None, decided_at=None)
        last = _updated_on(c)
        if c.study_interpretation.strip():
            note = message("PastWeek", QT_TRANSLATE_NOOP(
                "PastWeek", "Changed after this week (last on %1); its interpretation is not shown, as it may have "
                            "been written later; the plan is today's wording."), last)
        else:
            note = message("PastWeek", QT_TRANSLATE_NOOP(
                "PastWeek", "Changed after this week (last on %1); the plan is today's wording."), last)
    for column in ("started_at", "studied_at", "acted_at"):
        when = _utc(getattr(c, column))
        if when is not None and when > as_of:
            values[column] = None
    copy = Cycle.model_validate({**c.model_dump(), **values})
    return copy, note


def _rows(ws: Workspace, model: type) -> list[Any]:
    from sqlmodel import select as orm_select

    with ws.session() as s:
        return list(s.exec(orm_select(model)))


def _recorded_later(ws: Workspace, data: AnalysisData, as_of: datetime) -> tuple[AnalysisData, int, int]:
    """``data`` without the opportunities and stage moves recorded after ``as_of`` (and their counts)."""
    o, e = Opportunity.__table__, StageEvent.__table__
    with ws.engine.connect() as conn:
        late_opps = {r[0] for r in conn.execute(
            select(o.c.id).where(o.c.deleted_at.is_(None), o.c.created_at > as_of, o.c.opened_at <= as_of))}
        late_events = conn.execute(
            select(e.c.opportunity_id, e.c.stage_id, e.c.entered_at).where(
                e.c.deleted_at.is_(None), e.c.created_at > as_of, e.c.entered_at <= as_of)).fetchall()
    if not late_opps and not late_events:
        return data, 0, 0
    opps = data.opportunities
    keep_opps = ~opps["id"].astype(object).isin(late_opps).to_numpy()
    ev = data.events
    keep_events = np.ones(len(ev), dtype=bool)
    if late_events:
        code = pd.Series(np.arange(len(opps)), index=pd.Index(opps["id"].astype(object)))
        pos = pd.Series(np.arange(len(data.stages)), index=pd.Index(data.stages["id"].astype(object)))
        late = pd.DataFrame(late_events, columns=["opp", "stage", "entered_at"])
        late["opp"] = late["opp"].map(code)
        late["stage"] = late["stage"].map(pos)
        late = late.dropna()
        when = pd.to_datetime(late["entered_at"], utc=True).astype("datetime64[ns, UTC]")
        keys = set(zip(late["opp"].astype(np.int64), late["stage"].astype(np.int64),
                       pd.DatetimeIndex(when).asi8, strict=True))
        frame_keys = zip(ev["opp"].to_numpy(dtype=np.int64), ev["stage"].to_numpy(dtype=np.int64),
                         pd.DatetimeIndex(ev["entered_at"]).asi8, strict=True)
        keep_events = np.fromiter((k not in keys for k in frame_keys), dtype=bool, count=len(ev))
    removed_events = int((~keep_events).sum() + (~keep_opps[ev["opp"].to_numpy(dtype=np.int64)] & keep_events).sum())
    return subset_by_mask(data, keep_opps, keep_events), int((~keep_opps).sum()), removed_events


def _deleted_since(ws: Workspace, as_of: datetime) -> tuple[int, int]:
    o, e = Opportunity.__table__, StageEvent.__table__
    with ws.engine.connect() as conn:
        opps = conn.execute(select(func.count()).select_from(o).where(
            o.c.created_at <= as_of, o.c.deleted_at > as_of, o.c.opened_at <= as_of)).scalar() or 0
        events = conn.execute(select(func.count()).select_from(e).where(
            e.c.created_at <= as_of, e.c.deleted_at > as_of, e.c.entered_at <= as_of)).scalar() or 0
    return int(opps), int(events)


def _meta_then(ws: Workspace, cycles: list[Cycle], participants: dict[str, tuple[str, ...]],
               as_of: datetime) -> charts.ChartMeta:
    from pdsa_desk.core.services import settings as workspace_settings

    infos = tuple(charts.cycle_info(c, set(participants.get(c.id, ()))) for c in cycles)
    revisions = tuple(
        charts.RevisionInfo(r.id, r.stage_id, r.name, ts_utc(r.effective_from), r.author)
        for r in sorted(_rows(ws, StandardRevision), key=lambda r: r.effective_from)
        if _alive_then(r, as_of))
    phases = tuple(charts.phase_info(p) for p in _rows(ws, ChartPhase) if _alive_then(p, as_of))
    initiatives = tuple(  # the marketing initiatives recorded by then (dated records, as the charts mark them)
        InitiativeInfo(r.id, r.name, r.channel, r.stage_id, r.starts_on, r.ends_on, r.owner, r.talking_points)
        for r in sorted(_rows(ws, MarketingInitiative), key=lambda r: (r.starts_on, r.name))
        if _alive_then(r, as_of))
    settings = workspace_settings.get_settings(ws)
    return charts.ChartMeta(infos, revisions, int(settings.week_start_day), phases, initiatives,
                            time_zone=settings.time_zone)


def _opportunities(n: int) -> Message:
    return plural(n, message("PastWeek", QT_TRANSLATE_NOOP("PastWeek", "%1 opportunity"), n),
                  message("PastWeek", QT_TRANSLATE_NOOP("PastWeek", "%1 opportunities"), n))


def _stage_moves(n: int) -> Message:
    return plural(n, message("PastWeek", QT_TRANSLATE_NOOP("PastWeek", "%1 stage move"), n),
                  message("PastWeek", QT_TRANSLATE_NOOP("PastWeek", "%1 stage moves"), n))


def _notes(late: tuple[int, int], gone: tuple[int, int], stages: list[str],
           unknown: list[tuple[Cycle, str]]) -> list[str]:
    """What the report cannot reconstruct, as :class:`Message` s (the UI and the PDF translate them)."""
    notes: list[str] = []
    if any(late):
        notes.append(message("PastWeek", QT_TRANSLATE_NOOP(
            "PastWeek", "%1 and %2 dated up to that week were recorded later (imported or merged afterwards) and "
                        "are left out: the counts are those the workspace held then."),
            _opportunities(late[0]), _stage_moves(late[1])))
    if any(gone):
        notes.append(message("PastWeek", QT_TRANSLATE_NOOP(
            "PastWeek", "%1 and %2 deleted since cannot be restored: the counts may be lower than they were then."),
            _opportunities(gone[0]), _stage_moves(gone[1])))
    if stages:
        notes.append(message("PastWeek", QT_TRANSLATE_NOOP(
            "PastWeek", "Stage definitions changed since are today's (conversion windows, WIP limits, names): %1."),
            ", ".join(stages)))
    if unknown:
        cycles = [message("PastWeek", QT_TRANSLATE_NOOP("PastWeek", "'%1' (%2)"), c.title, why) for c, why in unknown]
        notes.append(message("PastWeek", QT_TRANSLATE_NOOP(
            "PastWeek", "Left out, as their status that week cannot be told: %1."), joined(cycles, "; ")))
    return notes


def reconstruct(ws: Workspace, as_of: datetime, data: AnalysisData) -> PastWorkspace:
    """The workspace as it stood at ``as_of`` (``data``: a snapshot of it now)."""
    from pdsa_desk.core import services

    as_of = as_of.astimezone(UTC)
    links = [p for p in _rows(ws, CycleParticipant) if _alive_then(p, as_of)]
    cycles: list[Cycle] = []
    unknown: list[tuple[Cycle, str]] = []
    changed: dict[str, str] = {}
    for c in sorted(_rows(ws, Cycle), key=lambda c: (c.planned_start or datetime.max.date(), c.title)):
        if not _alive_then(c, as_of):
            continue
        then, note = _cycle_then(c, as_of)
        if then is None:
            unknown.append((c, message("PastWeek", QT_TRANSLATE_NOOP(
                "PastWeek", "moved on before pdsa-desk recorded when, and changed after this week (last on %1)"),
                _updated_on(c))))
            continue
        cycles.append(then)
        if note:
            changed[c.id] = note
    participants: dict[str, tuple[str, ...]] = {}
    for link in sorted(links, key=lambda p: p.rep_id):
        participants.setdefault(link.cycle_id, ())
        participants[link.cycle_id] += (link.rep_id,)
    sessions = [s.held_at for s in _rows(ws, SessionHeld) if _alive_then(s, as_of) and ts_utc(s.held_at) <= as_of]
    known, late_opps, late_events = _recorded_later(ws, data, as_of)
    gone = _deleted_since(ws, as_of)
    stages = [s.name for s in services.list_stages(ws) if _utc(s.updated_at) > as_of]  # type: ignore[operator]
    notes = _notes((late_opps, late_events), gone, stages, unknown)
    meta = _meta_then(ws, cycles, participants, as_of)
    return PastWorkspace(as_of, known, cycles, participants, meta, max(sessions, default=None), unknown, changed,
                         notes)


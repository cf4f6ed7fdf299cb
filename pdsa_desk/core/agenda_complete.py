"""The complete agenda of "This week" computed from a workspace *file* and its snapshot without SQLAlchemy (issue 16).

At start-up on This week the window shows the first agenda read with ``sqlite3`` alone
(:mod:`pdsa_desk.core.agenda_file`) while the analysis snapshot loads on the worker. The complete agenda (the
running cycles' studies and verdicts, the chart signals, aging) needs that snapshot; what else
:func:`pdsa_desk.core.agenda.build_agenda` reads through the workspace -- the cycles, their participants, the
declared phases, the initiatives that could confound a study, the last session, the reps over the cap and the
marketing items -- is a handful of small queries, read here with ``sqlite3`` too. So the complete agenda is
computed on the worker as soon as the snapshot is there, before (and instead of waiting for) the GUI thread
importing SQLAlchemy and SQLModel and opening the workspace; the GUI thread opens it once the agenda is shown.

:func:`complete_agenda_file` is ``build_agenda(ws, as_of=..., data=...)`` of the same file (tested item for item):
the rows are turned into the values the ORM gives and handed to the same item builders
(:func:`pdsa_desk.core.agenda.complete_items`, :func:`pdsa_desk.core.confounders.matching_confounders`,
:func:`pdsa_desk.core.agenda_file.tail_items`). Rule for a file the ORM would have to write to: a workspace
without its settings row gives None (the view computes the agenda through the workspace once it is open).
Neither this module nor what it imports imports SQLAlchemy or SQLModel (the statistics and pandas it needs
are what the snapshot and the studies use anyway).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from pdsa_desk.core.agenda import Agenda, _agenda, complete_items
from pdsa_desk.core.agenda_file import _CycleRow as _FirstCycleRow
from pdsa_desk.core.agenda_file import _day, _Initiative, _instant, read_held_at, read_settings, tail_items

if TYPE_CHECKING:
    from pdsa_desk.core.confounders import Confounder
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import ChartPhase, Cycle, MarketingInitiative
    from pdsa_desk.core.study import CycleStudy

__all__ = ["complete_agenda_file"]


@dataclass(frozen=True)
class _CycleRow(_FirstCycleRow):
    """The fields of :class:`pdsa_desk.core.models.Cycle` the complete agenda uses (items, studies, windows):
    the first agenda's, and what the studies need."""

    started_at: datetime | None
    baseline_start: date | None
    baseline_end: date | None
    min_sample_size: int
    prediction_rate: float | None


_CYCLES_SQL = (
    "SELECT id, title, from_stage_id, status, planned_start, planned_end, started_at, baseline_start, baseline_end, "
    "min_sample_size, prediction_rate FROM cycle WHERE deleted_at IS NULL AND archived_at IS NULL "
    "ORDER BY planned_start DESC, title")
# services.participant_ids_by_cycle: the live participants of every cycle, by rep name.
_PARTICIPANTS_SQL = (
    "SELECT p.cycle_id, r.id FROM cycle_participant p JOIN rep r ON p.rep_id = r.id "
    "WHERE p.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY p.cycle_id, r.name")
# services.list_chart_phases: the live phases and baselines, oldest first.
_PHASES_SQL = ("SELECT id, stage_id, kind, starts_at, reason, author, created_at FROM chart_phase "
               "WHERE deleted_at IS NULL ORDER BY starts_at, created_at")


def complete_agenda_file(path: str | Path, data: AnalysisData, *, as_of: datetime) -> Agenda | None:
    """``build_agenda(ws, as_of=as_of, data=data)`` of the workspace file at ``path`` (at the current schema
    revision; ``data`` its snapshot), read with ``sqlite3`` alone; None for a file without its settings row."""
    from pdsa_desk.core.sqlite_file import reading_connection

    con = reading_connection(path)
    try:
        con.execute("BEGIN")  # one read transaction: every query sees the same file
        try:
            return _read(con.cursor(), data, as_of)
        finally:
            con.execute("COMMIT")
    finally:
        con.close()


def _read(cur: sqlite3.Cursor, data: AnalysisData, now: datetime) -> Agenda | None:
    from pdsa_desk.core.chart_meta import ChartMeta, phase_info
    from pdsa_desk.core.confounders import _key, _target_stage, matching_confounders

    settings = read_settings(cur)
    if settings is None:
        return None
    week_start, _cap, zone = settings
    cycles = [_CycleRow(r[0], r[1], r[2], r[3], _day(r[4]), _day(r[5]), _instant(r[6]), _day(r[7]), _day(r[8]),
                        int(r[9]), None if r[10] is None else float(r[10])) for r in cur.execute(_CYCLES_SQL)]
    taking_part: dict[str, list[str]] = {}
    for cycle_id, rep_id in cur.execute(_PARTICIPANTS_SQL):
        taking_part.setdefault(cycle_id, []).append(rep_id)
    phases = tuple(phase_info(cast("ChartPhase", _Phase(*r))) for r in cur.execute(_PHASES_SQL))
    # What the signals read of the chart metadata: the week start, the phases and baselines, the zone (the
    # cycle bands, revisions and initiative marks are drawn on a chart, not judged).
    meta = ChartMeta((), (), week_start, phases, (), time_zone=zone)
    stages = [(i, n, p) for i, n, p in cur.execute("SELECT id, name, position FROM stage WHERE deleted_at IS NULL")]
    names = {i: n for i, n, _ in stages}
    initiatives = [_Initiative(r[0], r[1], r[2], r[3], cast("date", _day(r[4])), _day(r[5]), r[6]) for r in
                   cur.execute("SELECT id, name, channel, stage_id, starts_on, ends_on, owner "
                               "FROM marketing_initiative WHERE deleted_at IS NULL")]

    def confounders(cycle: Cycle, study: CycleStudy) -> list[Confounder]:
        aimed = {cycle.from_stage_id, _target_stage(stages, cycle.from_stage_id)} - {None}
        opp_ids = [str(i) for i in study.members["id"].tolist()] if len(study.members) else []
        channels: set[str] = set()
        for chunk in range(0, len(opp_ids), 500):
            part = opp_ids[chunk:chunk + 500]
            rows = cur.execute("SELECT DISTINCT channel FROM opportunity WHERE id IN "  # noqa: S608 - placeholders
                               f"({', '.join('?' * len(part))})", part)
            channels.update(_key(c) for (c,) in rows if _key(c))
        return matching_confounders(study, cast("list[MarketingInitiative]", initiatives), names, aimed, channels)

    held_at = read_held_at(cur)
    items = complete_items(data, now, held_at, cast("list[Cycle]", cycles),
                           {k: tuple(v) for k, v in taking_part.items()}, meta, confounders)
    ids, stage_names = [str(i) for i in data.stages["id"]], [str(n) for n in data.stages["name"]]
    items += tail_items(cur, now, settings, ids, stage_names)
    return _agenda(now, held_at, items)


@dataclass(frozen=True)
class _Phase:
    """A row of ``chart_phase`` with the values the ORM gives (:func:`pdsa_desk.core.chart_meta.phase_info`)."""

    id: str
    stage_id: str
    kind: str
    starts_at: datetime
    reason: str
    author: str | None
    created_at: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts_at", _instant(self.starts_at))
        object.__setattr__(self, "created_at", _instant(self.created_at))


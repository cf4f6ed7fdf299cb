"""The first agenda of "This week" read from a workspace *file* with the ``sqlite3`` module alone (issue 16).

Start-up on This week reads it on the quick-read thread while the GUI thread imports SQLAlchemy and opens the
workspace (see :mod:`pdsa_desk.ui.application`), so that the first agenda is there when the view asks for it.
:func:`first_agenda_file` is :func:`pdsa_desk.core.agenda.first_agenda` of the same file (tested): the same
queries in SQL, the rows turned into the values the ORM gives (dates, UTC instants) and handed to the same
item builders. Neither this module nor what it imports imports SQLAlchemy, SQLModel or pandas.

Rule for a file the ORM would have to write to: a workspace without its settings row (the ORM creates the
defaults on first read) gives None, and the view reads through the workspace once it is open.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pdsa_desk.core.agenda import (
    Agenda,
    AgendaItem,
    Section,
    _agenda,
    _cycle_items,
    _wip_items,
    focus_items,
)
from pdsa_desk.core.agenda_marketing import follow_up_item, initiative_items
from pdsa_desk.core.setup_steps import SetupProgress
from pdsa_desk.core.statuses import ACTIVE_CYCLE_STATUSES

if TYPE_CHECKING:
    from pdsa_desk.core.models import Cycle, Forecast, MarketingInitiative

__all__ = ["first_agenda_file", "first_week_file"]


@dataclass(frozen=True)
class _CycleRow:
    """What the first agenda reads of a cycle (the fields of :class:`pdsa_desk.core.models.Cycle` it uses)."""

    id: str
    title: str
    from_stage_id: str
    status: str
    planned_start: date | None
    planned_end: date | None


@dataclass(frozen=True)
class _Initiative:
    """The fields of :class:`pdsa_desk.core.models.MarketingInitiative` the confounder rule reads."""

    id: str
    name: str
    channel: str | None
    stage_id: str | None
    starts_on: date
    ends_on: date | None
    owner: str | None


@dataclass(frozen=True)
class _InitiativeRow(_Initiative):
    """What the first agenda's marketing items read: the confounder rule's fields and the talking points."""

    talking_points: str


@dataclass(frozen=True)
class _ForecastRow:
    forecaster: str
    period_start: date
    period_end: date


def _zone(name: str | None) -> ZoneInfo:
    """The workspace's time zone as :func:`pdsa_desk.core.forecasts.session_zone` reads it (UTC when unset or
    unknown to this computer)."""
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _day(value: Any) -> date | None:
    return None if value is None else date.fromisoformat(str(value)[:10])


def _instant(value: Any) -> datetime | None:
    """SQLAlchemy's SQLite DATETIME text (naive UTC) as the aware UTC instant the models give."""
    return None if value is None else datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


# The latest live event by then in a live stage of each opportunity open at ``as_of`` (ties: the last stored),
# counted per stage: agenda.open_stage_counts's query.
_OPEN_STAGE_COUNTS_SQL = """
SELECT cur.stage_id, count(*) FROM (
    SELECT (SELECT e.stage_id FROM stage_event e
            WHERE e.opportunity_id = o.id AND e.deleted_at IS NULL AND e.entered_at <= :as_of
              AND e.stage_id IN (SELECT id FROM stage WHERE deleted_at IS NULL)
            ORDER BY e.entered_at DESC, e.rowid DESC LIMIT 1) AS stage_id
    FROM opportunity o
    WHERE o.deleted_at IS NULL AND o.opened_at <= :as_of
      AND ((o.closed_at IS NULL AND o.outcome = 'open') OR o.closed_at > :as_of)) AS cur
WHERE cur.stage_id IS NOT NULL GROUP BY cur.stage_id
"""


def first_agenda_file(path: str | Path, *, as_of: datetime | None = None) -> Agenda | None:
    """:func:`pdsa_desk.core.agenda.first_agenda` of a workspace file at the current schema revision, read with
    ``sqlite3`` alone; None for a file without its settings row (see the module docstring)."""
    return first_week_file(path, as_of=as_of)[1]


def first_week_file(path: str | Path, *, as_of: datetime | None = None) -> tuple[SetupProgress, Agenda | None]:
    """What This week shows first, read from a workspace file at the current schema revision with ``sqlite3``
    alone: the first-run guide's steps (:func:`pdsa_desk.core.services.setup_progress`) and
    :func:`first_agenda_file`."""
    from pdsa_desk.core.sqlite_file import reading_connection

    con = reading_connection(path)
    try:
        cur = con.cursor()
        progress = SetupProgress(*(bool(x) for x in cur.execute(
            "SELECT EXISTS (SELECT 1 FROM stage WHERE deleted_at IS NULL), "
            "EXISTS (SELECT 1 FROM opportunity WHERE deleted_at IS NULL), "
            "EXISTS (SELECT 1 FROM cycle WHERE deleted_at IS NULL)").fetchone()))
        return progress, _read_agenda(cur, as_of or datetime.now(UTC))
    finally:
        con.close()


def _read_agenda(cur: sqlite3.Cursor, now: datetime) -> Agenda | None:
    bound = now.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # compared as text, as the ORM binds it
    settings = read_settings(cur)
    if settings is None:
        return None
    stages = cur.execute("SELECT id, name, wip_limit FROM stage WHERE deleted_at IS NULL "
                         "ORDER BY position").fetchall()
    ids, names = [str(s[0]) for s in stages], [str(s[1]) for s in stages]
    cycles = [_CycleRow(r[0], r[1], r[2], r[3], _day(r[4]), _day(r[5])) for r in cur.execute(
        "SELECT id, title, from_stage_id, status, planned_start, planned_end FROM cycle "
        "WHERE deleted_at IS NULL AND archived_at IS NULL ORDER BY planned_start DESC, title")]
    positions = {sid: i for i, sid in enumerate(ids)}
    counts = {positions[sid]: int(n) for sid, n in cur.execute(_OPEN_STAGE_COUNTS_SQL, {"as_of": bound})
              if sid in positions}
    limits = [float("nan") if s[2] is None else float(s[2]) for s in stages]
    items = _cycle_items(cast("list[Cycle]", cycles), ids, names, now, None)
    items += _wip_items(ids, names, limits, counts)
    items += tail_items(cur, now, settings, ids, names)
    return _agenda(now, read_held_at(cur), items,
                   pending=(Section.STUDY, Section.RUNNING, Section.SIGNALS, Section.AGING))


def read_settings(cur: sqlite3.Cursor) -> tuple[int, int, str] | None:
    """The workspace settings the agenda reads: week start day, active-cycle cap, time zone (None: no row)."""
    row = cur.execute("SELECT week_start_day, max_active_cycles_per_rep, time_zone FROM workspace_settings "
                      "WHERE deleted_at IS NULL LIMIT 1").fetchone()
    return None if row is None else (int(row[0]), int(row[1]), row[2])


def read_held_at(cur: sqlite3.Cursor) -> datetime | None:
    """When the last weekly session was held (:func:`pdsa_desk.core.services.last_session`)."""
    held = cur.execute("SELECT held_at FROM session_held WHERE deleted_at IS NULL "
                       "ORDER BY held_at DESC LIMIT 1").fetchone()
    return _instant(held[0]) if held else None


def tail_items(cur: sqlite3.Cursor, now: datetime, settings: tuple[int, int, str], ids: list[str],
               names: list[str]) -> list[AgendaItem]:
    """The agenda's last items, as :func:`pdsa_desk.core.agenda.build_agenda` appends them: reps over the
    active-cycle cap, then marketing (:func:`pdsa_desk.core.agenda_marketing.marketing_items`)."""
    week_start, cap, zone = settings
    reps = dict(cur.execute("SELECT id, name FROM rep WHERE deleted_at IS NULL ORDER BY name").fetchall())
    active = {str(rep): int(n) for rep, n in cur.execute(
        "SELECT p.rep_id, count(*) FROM cycle_participant p JOIN cycle c ON c.id = p.cycle_id "
        "WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND c.status IN (?, ?, ?) GROUP BY p.rep_id",
        [str(s) for s in ACTIVE_CYCLE_STATUSES])}
    initiatives = [_InitiativeRow(r[0], r[1], r[2], r[3], cast("date", _day(r[4])), _day(r[5]), r[6], r[7] or "")
                   for r in cur.execute(
        "SELECT id, name, channel, stage_id, starts_on, ends_on, owner, talking_points "
        "FROM marketing_initiative WHERE deleted_at IS NULL ORDER BY starts_on, name")]
    forecasts = [_ForecastRow(r[0], cast("date", _day(r[1])), cast("date", _day(r[2]))) for r in cur.execute(
        "SELECT forecaster, period_start, period_end FROM forecast WHERE deleted_at IS NULL")]
    items = focus_items(reps, active, cap)
    today = now.astimezone(_zone(zone)).date()
    items += initiative_items(cast("list[MarketingInitiative]", initiatives), dict(zip(ids, names, strict=True)),
                              today, week_start)
    follow_up = follow_up_item(None, today, cast("list[Forecast]", forecasts))
    if follow_up is not None:
        items.append(follow_up)
    return items

"""The marketing half of the weekly agenda: initiatives to tell the team about, and the quarterly forecast
follow-up.

Rules (days in the workspace's time zone, weeks starting on its week start day):

* **Tell the team**: every live initiative whose first day or last day falls in the agenda's week (the
  week that contains ``as_of``): "starts" or "ends" that day, with what it aims at and its talking points,
  so that the sales meeting with marketing present hears it. One starting and ending the same week is one
  item.
* **Quarterly follow-up**: during the first :data:`FOLLOW_UP_DAYS` days of a quarter the agenda proposes
  holding the previous quarter's follow-up: its forecasts held against the actuals, by forecaster (the
  Forecasts view), and recording forecasts for the quarter that has begun if nobody has yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdsa_desk.core.agenda import AgendaItem
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.models import Forecast, MarketingInitiative

__all__ = ["FOLLOW_UP_DAYS", "follow_up_item", "initiative_items", "marketing_items"]

#: For how many days after a quarter ends the agenda proposes its follow-up (two weekly sessions).
FOLLOW_UP_DAYS = 14


def _week(today: date, week_start: int) -> tuple[date, date]:
    first = today - timedelta(days=(today.weekday() - week_start) % 7)
    return first, first + timedelta(days=6)


def _aim(row: MarketingInitiative, stage_names: dict[str, str]) -> str:
    channel = f"channel {row.channel}" if row.channel else "every channel"
    stage = f"into {stage_names.get(row.stage_id, 'a deleted stage')}" if row.stage_id else "the whole funnel"
    return f"{channel}, {stage}"


def initiative_items(rows: Sequence[MarketingInitiative], stage_names: dict[str, str], today: date,
                     week_start: int = 0) -> list[AgendaItem]:
    """The "tell the team" items of the week containing ``today`` (see the module docstring)."""
    from pdsa_desk.core.agenda import AgendaItem, Section

    first, last = _week(today, week_start)
    items = []
    for row in sorted(rows, key=lambda r: (r.starts_on, r.name.casefold())):
        starts = first <= row.starts_on <= last
        ends = row.ends_on is not None and first <= row.ends_on <= last
        if not (starts or ends):
            continue
        if starts and ends:
            when = f"Runs {row.starts_on:%a %d %b} to {row.ends_on:%a %d %b}"
        elif starts:
            when = f"Starts {row.starts_on:%a %d %b}" + (f", until {row.ends_on:%d %b}" if row.ends_on else "")
        else:
            when = f"Ends {row.ends_on:%a %d %b}"
        parts = [f"{when} ({_aim(row, stage_names)})."]
        if row.owner:
            parts.append(f"Owner: {row.owner}.")
        points = " ".join(row.talking_points.split())
        parts.append(f"Tell the team: {points}" if points else "Tell the team what customers will hear.")
        items.append(AgendaItem(Section.MARKETING, row.name, " ".join(parts), "initiatives", row.id))
    return items


def _quarter(d: date) -> tuple[date, date]:
    q = (d.month - 1) // 3
    first = date(d.year, 3 * q + 1, 1)
    nxt = date(d.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
    return first, nxt - timedelta(days=1)


def follow_up_item(ws: Workspace | None, today: date, forecasts: Sequence[Forecast] | None = None
                   ) -> AgendaItem | None:
    """The quarterly follow-up, during the first :data:`FOLLOW_UP_DAYS` days of a quarter (else None); of the
    live ``forecasts`` when given (start-up reads them from the file), else of the workspace's."""
    from pdsa_desk.core.agenda import AgendaItem, Section

    current_first, _ = _quarter(today)
    if (today - current_first).days >= FOLLOW_UP_DAYS:
        return None
    closed_first, closed_last = _quarter(current_first - timedelta(days=1))
    label = f"Q{(closed_first.month - 1) // 3 + 1} {closed_first.year}"
    # The quarter's forecasts and those of its months: all of them closed with it.
    if forecasts is None:
        from pdsa_desk.core import services

        if ws is None:
            raise ValueError("follow_up_item needs the workspace or its forecasts")
        forecasts = services.list_forecasts(ws)
    closed = [f for f in forecasts if closed_first <= f.period_start and f.period_end <= closed_last]
    people = sorted({f.forecaster for f in closed}, key=str.casefold)
    new = [f for f in forecasts if f.period_start == current_first]
    if people:
        detail = (f"{label} has closed: hold its follow-up with sales and marketing. {len(closed)} "
                  f"forecast(s) by {', '.join(people)} against the actuals, each forecaster's bias and accuracy "
                  "(by name, not a ranking).")
    else:
        detail = f"{label} has closed, and nobody forecast it: agree who forecasts what for the new quarter."
    if not new:
        current = f"Q{(current_first.month - 1) // 3 + 1} {current_first.year}"
        detail += f" No forecast for {current} yet: record them before the quarter runs far."
    return AgendaItem(Section.FORECASTS, f"Quarterly follow-up: {label}", detail, "forecasts", "", urgent=True)


def marketing_items(ws: Workspace, now: datetime, week_start: int) -> list[AgendaItem]:
    """Both kinds of items, as of ``now`` (days in the workspace's time zone)."""
    from pdsa_desk.core import services
    from pdsa_desk.core.forecasts import workspace_zone

    today = now.astimezone(workspace_zone(ws)).date()
    names = {s.id: s.name for s in services.list_stages(ws)}
    items = initiative_items(services.list_initiatives(ws), names, today, week_start)
    follow_up = follow_up_item(ws, today)
    return items if follow_up is None else [*items, follow_up]

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

Every text is a :class:`~pdsa_desk.core.messages.Message` (English as ``str``, translated in the UI); the days
are date arguments (:class:`~pdsa_desk.core.messages.Weekday`: "Thu 26 Nov" in English, the UI language's
way on screen).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, DayMonth, Message, Weekday, joined, message, plural

if TYPE_CHECKING:
    from pdsa_desk.core.agenda import AgendaItem
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.models import Forecast, MarketingInitiative

__all__ = ["FOLLOW_UP_DAYS", "follow_up_item", "initiative_items", "marketing_items"]

# For how many days after a quarter ends the agenda proposes its follow-up (two weekly sessions).
FOLLOW_UP_DAYS = 14

# The translation context of these texts: the agenda's (see :mod:`pdsa_desk.core.messages`).
CONTEXT = "Agenda"


def _week(today: date, week_start: int) -> tuple[date, date]:
    first = today - timedelta(days=(today.weekday() - week_start) % 7)
    return first, first + timedelta(days=6)


def _aim(row: MarketingInitiative, stage_names: dict[str, str]) -> Message:
    channel = (message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "channel %1"), row.channel) if row.channel
               else message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "every channel")))
    if row.stage_id:
        name = stage_names.get(row.stage_id) or message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "a deleted stage"))
        stage = message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "into %1"), name)
    else:
        stage = message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "the whole funnel"))
    return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1, %2"), channel, stage)


def _when(row: MarketingInitiative, starts: bool, ends: bool) -> Message:
    """"Starts Thu 26 Nov, until 10 Dec", "Runs … to …", "Ends …": days of the week at hand, without a year."""
    first = Weekday.fromordinal(row.starts_on.toordinal())
    if ends and row.ends_on is not None:
        last = Weekday.fromordinal(row.ends_on.toordinal())
        if starts:
            return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Runs %1 to %2"), first, last)
        return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Ends %1"), last)
    if row.ends_on is not None:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Starts %1, until %2"), first,
                       DayMonth.fromordinal(row.ends_on.toordinal()))
    return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Starts %1"), first)


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
        parts: list[str] = [message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1 (%2)."), _when(row, starts, ends),
                                    _aim(row, stage_names))]
        if row.owner:
            parts.append(message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Owner: %1."), row.owner))
        points = " ".join(row.talking_points.split())
        parts.append(message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Tell the team: %1"), points) if points
                     else message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Tell the team what customers will hear.")))
        items.append(AgendaItem(Section.MARKETING, row.name, joined(parts), "initiatives", row.id))
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
    label = _quarter_label(closed_first)
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
        detail: str = plural(len(closed), message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1 has closed: hold its follow-up with sales and marketing. %2 forecast by %3 against the "
            "actuals, each forecaster's bias and accuracy (by name, not a ranking)."), label, len(closed),
            ", ".join(people)), message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "%1 has closed: hold its follow-up with sales and marketing. %2 forecasts by %3 against "
                "the actuals, each forecaster's bias and accuracy (by name, not a ranking)."), label, len(closed),
                ", ".join(people)))
    else:
        detail = message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1 has closed, and nobody forecast it: agree who forecasts what for the new quarter."), label)
    if not new:
        detail = joined([detail, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "No forecast for %1 yet: record them before the quarter runs far."),
            _quarter_label(current_first))])
    title = message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Quarterly follow-up: %1"), label)
    return AgendaItem(Section.FORECASTS, title, detail, "forecasts", "", urgent=True)


def _quarter_label(first: date) -> Message:
    """"Q3 2026" (the quarter that begins on ``first``)."""
    return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Q%1 %2"), (first.month - 1) // 3 + 1, first.year)


def marketing_items(ws: Workspace, now: datetime, week_start: int) -> list[AgendaItem]:
    """Both kinds of items, as of ``now`` (days in the workspace's time zone)."""
    from pdsa_desk.core import services
    from pdsa_desk.core.forecasts import workspace_zone

    today = now.astimezone(workspace_zone(ws)).date()
    names = {s.id: s.name for s in services.list_stages(ws)}
    items = initiative_items(services.list_initiatives(ws), names, today, week_start)
    follow_up = follow_up_item(ws, today)
    return items if follow_up is None else [*items, follow_up]

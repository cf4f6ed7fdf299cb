"""Marketing initiatives, forecasts and the marketing capacity cap: the marketing half of the workspace.

A :class:`~pdsa_desk.core.models.MarketingInitiative` is a dated marketing push sales should know about
(and that can confound a PDSA cycle, see :mod:`pdsa_desk.core.confounders`). A
:class:`~pdsa_desk.core.models.Forecast` is a number someone predicted for a calendar month or quarter,
held against the actual (see :mod:`pdsa_desk.core.forecasts`).

Rules the services enforce (each refusal is a :class:`ValidationError` naming the field):

* Initiatives: a non-empty name; ``ends_on`` (the last day, inclusive) not before ``starts_on``, or None
  for one still running; ``stage_id`` a live stage or None (= the whole funnel); ``channel`` a trimmed
  text or None (= every channel); ``link`` empty or an ``http(s)://`` / ``mailto:`` address.
* Forecasts: ``metric``, ``scope_kind`` and ``role`` from their enumerations; the period is one calendar
  month or one calendar quarter (first to last day, in the workspace's time zone); ``stage_id`` is set
  for ``stage_entries`` and only then; exactly the field the scope names is set (``team_id`` for
  ``team``, ``rep_id`` for ``rep``, ``channel`` for ``channel``, none for ``all``); ``value`` is a finite
  number >= 0 (a whole number for counts); ``made_at`` is an aware time (stored in UTC) not in the future.

Deletes are tombstones (the deletion travels to colleagues); ``restore_*`` undoes them.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    Forecast,
    ForecastMetric,
    ForecastRole,
    ForecastScope,
    MarketingInitiative,
    Rep,
    Stage,
    Team,
    WorkspaceSettings,
    utcnow,
)
from pdsa_desk.core.services._base import (
    UNSET,
    Unset,
    aware,
    check_choice,
    claim,
    clean_name,
    get_live,
    live,
    msg,
    noun,
    positive_int,
    tombstone,
    touch,
)

__all__ = [
    "create_forecast",
    "create_initiative",
    "delete_forecast",
    "delete_initiative",
    "get_forecast",
    "get_initiative",
    "list_channels",
    "list_forecasts",
    "list_initiatives",
    "month_period",
    "period_kind",
    "quarter_period",
    "restore_forecast",
    "restore_initiative",
    "set_marketing_cap",
    "update_forecast",
    "update_initiative",
]

_MAX_TEXT = 4000
_LINK_PREFIXES = ("http://", "https://", "mailto:")


# --- periods -------------------------------------------------------------------------------


def month_period(year: int, month: int) -> tuple[date, date]:
    """The first and last day of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def quarter_period(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of a calendar quarter (1..4)."""
    if not 1 <= quarter <= 4:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A quarter is 1 to 4.")), "period_start")
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_period(year, first + 2)[1]


def period_kind(start: date, end: date) -> str | None:
    """``"month"`` or ``"quarter"`` when ``start``..``end`` is exactly one calendar month or quarter, else None."""
    if start.day != 1:
        return None
    if (start, end) == month_period(start.year, start.month):
        return "month"
    if start.month in (1, 4, 7, 10) and (start, end) == quarter_period(start.year, (start.month - 1) // 3 + 1):
        return "quarter"
    return None


# --- small checks --------------------------------------------------------------------------


def _text(value: str | None, field: str, label: str, max_length: int = _MAX_TEXT) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 is too long (%2 "
                "characters; at most %3)."), noun(label), len(text), max_length), field)
    return text


def _optional(value: str | None, field: str, label: str, max_length: int = 200) -> str | None:
    return _text(value, field, label, max_length) or None


def _link(value: str | None) -> str:
    link = _text(value, "link", "The link")
    if link and not link.lower().startswith(_LINK_PREFIXES):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The link must start with "
                "http://, https:// or mailto:.")), "link")
    return link


def _day(value: object, field: str, label: str) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 must be a date."), noun(label)), field)
    return value


def _dates(starts_on: object, ends_on: object) -> tuple[date, date | None]:
    start = _day(starts_on, "starts_on", "The start")
    end = None if ends_on is None else _day(ends_on, "ends_on", "The end")
    if end is not None and end < start:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The end must not be before "
                "the start.")), "ends_on")
    return start, end


def _stage_id(s: Session, stage_id: str | None) -> str | None:
    return get_live(s, Stage, stage_id, "stage", "stage_id").id if stage_id else None


# --- marketing initiatives -----------------------------------------------------------------


def list_initiatives(
    ws: Workspace, *, overlapping: tuple[date, date] | None = None, channel: str | None = None
) -> list[MarketingInitiative]:
    """The live initiatives, by start date then name.

    ``overlapping`` (first, last day, inclusive) keeps those running on at least one of those days;
    ``channel`` keeps those aimed at that channel or at every channel.
    """
    with ws.session() as s:
        stmt = live(MarketingInitiative).order_by(col(MarketingInitiative.starts_on), col(MarketingInitiative.name))
        if overlapping is not None:
            first, last = overlapping
            stmt = stmt.where(MarketingInitiative.starts_on <= last).where(
                col(MarketingInitiative.ends_on).is_(None) | (col(MarketingInitiative.ends_on) >= first)
            )
        if channel is not None:
            stmt = stmt.where(col(MarketingInitiative.channel).is_(None) | (MarketingInitiative.channel == channel))
        return list(s.exec(stmt))


def get_initiative(ws: Workspace, initiative_id: str) -> MarketingInitiative:
    with ws.session() as s:
        return get_live(s, MarketingInitiative, initiative_id, "marketing initiative")


def create_initiative(
    ws: Workspace,
    name: str,
    *,
    starts_on: date,
    ends_on: date | None = None,
    channel: str | None = None,
    stage_id: str | None = None,
    owner: str | None = None,
    talking_points: str = "",
    link: str = "",
) -> MarketingInitiative:
    """Record a marketing initiative (see the module docstring for the rules)."""
    with ws.transaction() as s:
        start, end = _dates(starts_on, ends_on)
        row = MarketingInitiative(
            name=clean_name(name, "initiative"),
            starts_on=start,
            ends_on=end,
            channel=_optional(channel, "channel", "The channel"),
            stage_id=_stage_id(s, stage_id),
            owner=_optional(owner, "owner", "The owner"),
            talking_points=_text(talking_points, "talking_points", "The talking points"),
            link=_link(link),
        )
        s.add(row)
        return row


def update_initiative(
    ws: Workspace,
    initiative_id: str,
    *,
    name: str | None = None,
    starts_on: date | None = None,
    ends_on: date | Unset | None = UNSET,
    channel: str | Unset | None = UNSET,
    stage_id: str | Unset | None = UNSET,
    owner: str | Unset | None = UNSET,
    talking_points: str | None = None,
    link: str | None = None,
    expected_updated_at: datetime | None = None,
) -> MarketingInitiative:
    """Change an initiative; arguments not given stay as they are (None clears an optional field)."""
    with ws.transaction() as s:
        claim(s, MarketingInitiative, initiative_id, expected_updated_at, "marketing initiative")
        row = get_live(s, MarketingInitiative, initiative_id, "marketing initiative")
        if name is not None:
            row.name = clean_name(name, "initiative")
        row.starts_on, row.ends_on = _dates(
            row.starts_on if starts_on is None else starts_on, row.ends_on if isinstance(ends_on, Unset) else ends_on
        )
        if not isinstance(channel, Unset):
            row.channel = _optional(channel, "channel", "The channel")
        if not isinstance(stage_id, Unset):
            row.stage_id = _stage_id(s, stage_id)
        if not isinstance(owner, Unset):
            row.owner = _optional(owner, "owner", "The owner")
        if talking_points is not None:
            row.talking_points = _text(talking_points, "talking_points", "The talking points")
        if link is not None:
            row.link = _link(link)
        touch(row)
        return row


def _restore(s: Session, row: MarketingInitiative | Forecast | None, gone: str,
             refs: Iterable[tuple[type[Any], str | None, str]]) -> None:
    """Bring a deleted ``row`` back (the undo of its delete): refused with ``gone`` when it no longer exists, and
    when a row it refers to (``refs``: model, id, what it is) was deleted meanwhile."""
    if row is None:
        raise ValidationError(gone)
    for model, ref, what in refs:
        if ref:
            get_live(s, model, ref, what, f"{what}_id")
    if row.deleted_at is not None:
        row.deleted_at = None
        touch(row)


def delete_initiative(ws: Workspace, initiative_id: str) -> None:
    """Delete an initiative (a tombstone; :func:`restore_initiative` undoes it)."""
    with ws.transaction() as s:
        tombstone(get_live(s, MarketingInitiative, initiative_id, "marketing initiative"))


def restore_initiative(ws: Workspace, initiative_id: str) -> None:
    """Bring a deleted initiative back (undo); refused when its target stage is gone meanwhile."""
    with ws.transaction() as s:
        row = s.get(MarketingInitiative, initiative_id)
        _restore(s, row, msg(QT_TRANSLATE_NOOP("Services", "The marketing initiative no longer exists.")),
                 () if row is None else ((Stage, row.stage_id, "stage"),))


def list_channels(ws: Workspace) -> list[str]:
    """Every channel named on a live opportunity, initiative or forecast, sorted case-insensitively."""
    from sqlalchemy import select

    from pdsa_desk.core.models import Opportunity

    with ws.session() as s:
        names: set[str] = set()
        for model in (Opportunity, MarketingInitiative, Forecast):
            table = model.__table__
            stmt = select(table.c.channel).where(table.c.deleted_at.is_(None), table.c.channel.is_not(None)).distinct()
            names.update(str(v).strip() for v in s.connection().execute(stmt).scalars() if v and str(v).strip())
        return sorted(names, key=str.casefold)


# --- forecasts -----------------------------------------------------------------------------


def _period(start: object, end: object) -> tuple[date, date]:
    first = _day(start, "period_start", "The period's first day")
    last = _day(end, "period_end", "The period's last day")
    if period_kind(first, last) is None:
        raise ValidationError(
            msg(QT_TRANSLATE_NOOP("Services", "The period must be one calendar month or "
                    "quarter (from its first to its last day).")), "period_end"
        )
    return first, last


def _value(value: object, metric: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The forecast must be a number.")), "value")
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The forecast must be a number "
                "of 0 or more.")), "value")
    if metric != ForecastMetric.WON_REVENUE and not number.is_integer():
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A forecast of a count must be "
                "a whole number.")), "value")
    return number


def _made_at(value: datetime | None) -> datetime:
    when = aware(value, "made_at") if value is not None else utcnow()
    if when > utcnow():
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A forecast cannot have been "
                "made in the future.")), "made_at")
    return when


def _apply_scope(
    s: Session, row: Forecast, scope_kind: str, team_id: str | None, rep_id: str | None, channel: str | None
) -> None:
    """Set exactly the target the scope names (and clear the others)."""
    kind = check_choice(scope_kind, ForecastScope, "scope_kind", "Scope")
    given = {"team_id": team_id, "rep_id": rep_id, "channel": (channel or "").strip() or None}
    needed = {ForecastScope.TEAM: "team_id", ForecastScope.REP: "rep_id", ForecastScope.CHANNEL: "channel"}.get(
        ForecastScope(kind)
    )
    for field, value in given.items():
        if value and field != needed:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A forecast for scope '%1' "
                    "takes no %2."), kind, noun(field.removesuffix('_id'))), field)
    if needed is not None and not given[needed]:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose the %1 the forecast is "
                "for."), noun(needed.removesuffix('_id'))), needed)
    row.scope_kind = kind
    row.team_id = get_live(s, Team, team_id, "team", "team_id").id if needed == "team_id" else None
    row.rep_id = get_live(s, Rep, rep_id, "rep", "rep_id").id if needed == "rep_id" else None
    row.channel = _optional(given["channel"], "channel", "The channel") if needed == "channel" else None


def _apply_metric(s: Session, row: Forecast, metric: str, stage_id: str | None) -> None:
    row.metric = check_choice(metric, ForecastMetric, "metric", "Metric")
    if row.metric == ForecastMetric.STAGE_ENTRIES:
        if not stage_id:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose the stage whose "
                    "entries are forecast.")), "stage_id")
        row.stage_id = get_live(s, Stage, stage_id, "stage", "stage_id").id
    elif stage_id:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Only a forecast of stage "
                "entries names a stage.")), "stage_id")
    else:
        row.stage_id = None


def list_forecasts(
    ws: Workspace, *, forecaster: str | None = None, period_start: date | None = None, metric: str | None = None
) -> list[Forecast]:
    """The live forecasts, by period, forecaster and when they were made."""
    with ws.session() as s:
        stmt = live(Forecast).order_by(
            col(Forecast.period_start), col(Forecast.forecaster), col(Forecast.made_at)
        )
        if forecaster is not None:
            stmt = stmt.where(Forecast.forecaster == forecaster)
        if period_start is not None:
            stmt = stmt.where(Forecast.period_start == period_start)
        if metric is not None:
            stmt = stmt.where(Forecast.metric == metric)
        return list(s.exec(stmt))


def get_forecast(ws: Workspace, forecast_id: str) -> Forecast:
    with ws.session() as s:
        return get_live(s, Forecast, forecast_id, "forecast")


def create_forecast(
    ws: Workspace,
    forecaster: str,
    *,
    period_start: date,
    period_end: date,
    metric: str,
    value: float,
    scope_kind: str = ForecastScope.ALL,
    team_id: str | None = None,
    rep_id: str | None = None,
    channel: str | None = None,
    stage_id: str | None = None,
    role: str = ForecastRole.SALES,
    made_at: datetime | None = None,
    notes: str = "",
) -> Forecast:
    """Record a forecast (see the module docstring for the rules); ``made_at`` defaults to now."""
    with ws.transaction() as s:
        start, end = _period(period_start, period_end)
        row = Forecast(
            forecaster=clean_name(forecaster, "forecaster", "forecaster"),
            role=check_choice(role, ForecastRole, "role", "Role"),
            period_start=start,
            period_end=end,
            metric=ForecastMetric.LEADS,
            value=0.0,
            made_at=_made_at(made_at),
            notes=_text(notes, "notes", "The notes"),
        )
        _apply_metric(s, row, metric, stage_id)
        _apply_scope(s, row, scope_kind, team_id, rep_id, channel)
        row.value = _value(value, row.metric)
        s.add(row)
        return row


def update_forecast(
    ws: Workspace,
    forecast_id: str,
    *,
    forecaster: str | None = None,
    role: str | None = None,
    period: tuple[date, date] | None = None,
    metric: str | None = None,
    stage_id: str | Unset | None = UNSET,
    scope: tuple[str, str | None] | None = None,
    value: float | None = None,
    made_at: datetime | None = None,
    notes: str | None = None,
    expected_updated_at: datetime | None = None,
) -> Forecast:
    """Change a forecast; arguments not given stay as they are.

    ``period`` is (first day, last day); ``scope`` is (scope_kind, target) with the target a team id, a rep
    id or a channel name as the scope needs (None for ``all``). Changing the metric re-checks the stage.
    """
    with ws.transaction() as s:
        claim(s, Forecast, forecast_id, expected_updated_at, "forecast", label="forecaster")
        row = get_live(s, Forecast, forecast_id, "forecast")
        if forecaster is not None:
            row.forecaster = clean_name(forecaster, "forecaster", "forecaster")
        if role is not None:
            row.role = check_choice(role, ForecastRole, "role", "Role")
        if period is not None:
            row.period_start, row.period_end = _period(*period)
        if metric is not None or not isinstance(stage_id, Unset):
            _apply_metric(s, row, row.metric if metric is None else metric,
                          row.stage_id if isinstance(stage_id, Unset) else stage_id)
        if scope is not None:
            kind, target = scope
            _apply_scope(s, row, kind, target if kind == ForecastScope.TEAM else None,
                         target if kind == ForecastScope.REP else None,
                         target if kind == ForecastScope.CHANNEL else None)
        row.value = _value(row.value if value is None else value, row.metric)
        if made_at is not None:
            row.made_at = _made_at(made_at)
        if notes is not None:
            row.notes = _text(notes, "notes", "The notes")
        touch(row)
        return row


def delete_forecast(ws: Workspace, forecast_id: str) -> None:
    """Delete a forecast (a tombstone; :func:`restore_forecast` undoes it)."""
    with ws.transaction() as s:
        tombstone(get_live(s, Forecast, forecast_id, "forecast"))


def restore_forecast(ws: Workspace, forecast_id: str) -> None:
    """Bring a deleted forecast back (undo); refused when its team, rep or stage is gone meanwhile."""
    with ws.transaction() as s:
        row = s.get(Forecast, forecast_id)
        _restore(s, row, msg(QT_TRANSLATE_NOOP("Services", "The forecast no longer exists.")),
                 () if row is None else ((Team, row.team_id, "team"), (Rep, row.rep_id, "rep"),
                                         (Stage, row.stage_id, "stage")))


# --- marketing capacity --------------------------------------------------------------------


def set_marketing_cap(ws: Workspace, cap: int | None, *, expected_updated_at: datetime | None = None) -> int | None:
    """Set how many cycles that need marketing support may run at once (None = no cap)."""
    with ws.transaction() as s:
        claim(s, WorkspaceSettings, None, expected_updated_at, "workspace settings")
        settings = s.exec(live(WorkspaceSettings)).first()
        if settings is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The workspace has no "
                    "settings row; run 'pdsa-desk check'.")))
        settings.max_marketing_cycles = positive_int(
            cap, "max_marketing_cycles", "Cycles needing marketing at once", allow_none=True
        )
        touch(settings)
        return settings.max_marketing_cycles

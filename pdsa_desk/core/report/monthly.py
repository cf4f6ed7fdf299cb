"""The monthly review for sales and marketing managers, as plain data (no Qt): :func:`collect_monthly`.

One calendar month (``2026-11``) in the workspace's time zone, read as of the month's end (local midnight
after its last day; a month not over yet is read as of now):

* **Conversion by channel**: per transition and channel, the customers who first entered the from-stage
  during the month with a known outcome (``x`` of ``n``, rate and 95% Wilson interval). Their outcomes are
  read as of the moment the review is made (``conversion_as_of``), not the month's end: at the end of the
  month hardly any of them has had their conversion window yet. Customers whose window is still open are
  counted apart (``pending``), as everywhere.
* **Initiatives** running on at least one day of the month, each with the cycles it could confound
  (:mod:`pdsa_desk.core.confounders`: same channel or stage, overlapping a cycle's or its baseline's window).
* **Forecast accuracy**: the forecasts of the periods that ended during the month beside their actuals,
  and each forecaster's bias and accuracy over their last four closed periods (:mod:`pdsa_desk.core.forecasts`).
* **Cycles decided this month**: adopted, adapted and abandoned.
* **Prediction calibration** across all cycles closed by the month's end, their outcomes read as of the
  moment the review is made, like the conversion (:mod:`pdsa_desk.core.calibration`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, message

if TYPE_CHECKING:
    from pdsa_desk.core.calibration import Calibration
    from pdsa_desk.core.confounders import Confounder
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.forecasts import ForecastActual, ForecasterAccuracy
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle, MarketingInitiative

__all__ = ["ChannelConversion", "InitiativeOverlaps", "MonthlyContent", "collect_monthly", "parse_month"]

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(text: str) -> tuple[int, int]:
    """``2026-11`` -> ``(2026, 11)``; a :class:`ValidationError` naming ``month`` otherwise."""
    m = _MONTH.match(text or "")
    if m is None or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
        raise ValidationError(f"'{text}' is not a month: write it as YYYY-MM, e.g. 2026-11.", "month")
    return int(m.group(1)), int(m.group(2))


@dataclass(frozen=True)
class ChannelConversion:
    """One transition's conversion for one channel's customers who entered during the month."""

    transition: str
    from_stage: int
    channel: str  # "" = opportunities without a channel
    x: int
    n: int
    pending: int
    rate: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class InitiativeOverlaps:
    """An initiative running during the month and the cycles it could confound (title, its confounder)."""

    initiative: MarketingInitiative
    stage: str
    cycles: tuple[tuple[str, Confounder], ...]


@dataclass
class MonthlyContent:
    """Everything the monthly review shows, for one calendar month."""

    workspace: str
    year: int
    month: int
    first_day: date
    last_day: date
    time_zone: str
    as_of: datetime
    generated_at: datetime
    #: When the conversion's outcomes are read (the moment the review is made).
    conversion_as_of: datetime | None = None
    conversion: list[ChannelConversion] = field(default_factory=list)
    initiatives: list[InitiativeOverlaps] = field(default_factory=list)
    #: Forecasts of the periods that ended during the month.
    forecasts: list[ForecastActual] = field(default_factory=list)
    accuracy: list[ForecasterAccuracy] = field(default_factory=list)
    adopted: list[Cycle] = field(default_factory=list)
    adapted: list[Cycle] = field(default_factory=list)
    abandoned: list[Cycle] = field(default_factory=list)
    calibration: Calibration | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Monthly review {self.year}-{self.month:02d}"


def _conversion(data: AnalysisData, start: datetime, end: datetime, as_of: datetime) -> list[ChannelConversion]:
    from pdsa_desk.core import charts, conversion, proportions, scopes

    out = []
    for tr in charts.transitions(data):
        for channel in scopes.channels(data):
            members = conversion.cohort_members(scopes.channel_subset(data, channel), from_stage=tr.from_stage,
                                             start=start, end=end, as_of=as_of)
            mature = members["mature"].to_numpy(dtype=bool)
            x = int((members["converted"].to_numpy(dtype=bool) & mature).sum())
            n = int(mature.sum())
            pending = int((~mature).sum())
            if n == 0 and pending == 0:
                continue
            low, high = proportions.wilson_interval(x, n) if n else (None, None)
            out.append(ChannelConversion(tr.label, tr.from_stage, channel, x, n, pending, x / n if n else None,
                                         None if low is None else float(low), None if high is None else float(high)))
    return out


def _initiatives(ws: Workspace, first: date, last: date, as_of: datetime,
                 data: AnalysisData) -> list[InitiativeOverlaps]:
    from pdsa_desk.core import services
    from pdsa_desk.core.confounders import study_confounders
    from pdsa_desk.core.study import study_cycle

    running = services.list_initiatives(ws, overlapping=(first, last))
    if not running:
        return []
    stages = {s.id: s.name for s in services.list_stages(ws)}
    found: dict[str, list[tuple[str, Confounder]]] = {i.id: [] for i in running}
    for cycle in services.list_cycles(ws):
        if cycle.status == "plan":
            continue
        try:
            study = study_cycle(ws, cycle.id, as_of=as_of, data=data, cycle=cycle)
        except ValidationError:
            continue
        for c in study_confounders(ws, study, from_stage_id=cycle.from_stage_id):
            if c.initiative_id in found:
                found[c.initiative_id].append((cycle.title, c))
    return [InitiativeOverlaps(i, stages.get(i.stage_id or "", ""), tuple(found[i.id])) for i in running]


def collect_monthly(
    ws: Workspace, month: str | tuple[int, int], *, now: datetime | None = None, data: AnalysisData | None = None,
) -> MonthlyContent:
    """The monthly review's content for ``month`` (``"2026-11"`` or ``(2026, 11)``); see the module docstring.

    A month that has not begun yet is refused (:class:`ValidationError` naming ``month``).
    """
    from pdsa_desk.core import services
    from pdsa_desk.core.calibration import calibration
    from pdsa_desk.core.forecasts import forecast_actuals, forecaster_accuracy, period_bounds, session_zone
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.services.marketing import month_period

    year, mon = parse_month(month) if isinstance(month, str) else month
    first, last = month_period(year, mon)
    moment = now or datetime.now(UTC)
    with ws.session() as s:
        zone = session_zone(s)
    start, end = period_bounds(first, last, zone)
    if start > moment:
        raise ValidationError(f"{year}-{mon:02d} has not begun yet.", "month")
    as_of = min(end, moment)
    settings = services.get_settings(ws)
    content = MonthlyContent(workspace=settings.name, year=year, month=mon, first_day=first, last_day=last,
                             time_zone=zone.key, as_of=as_of, generated_at=moment)
    if as_of < end:
        content.notes.append(message("Monthly", QT_TRANSLATE_NOOP(
            "Monthly", "The month is not over: read as of %1 %2 UTC."), as_of.date(), f"{as_of:%H:%M}"))
    data = data if data is not None else load_analysis_data(ws)
    content.conversion_as_of = moment
    content.conversion = _conversion(data, start, end, moment)
    content.initiatives = _initiatives(ws, first, last, as_of, data)
    actuals = forecast_actuals(ws, as_of=as_of)
    content.forecasts = [a for a in actuals if first <= a.period_end <= last]
    content.accuracy = forecaster_accuracy(actuals)
    lists = {"adopt": content.adopted, "adapt": content.adapted, "abandon": content.abandoned}
    for cycle in services.list_cycles(ws, status="closed"):
        decided = cycle.decided_at
        if decided is not None and cycle.decision in lists:
            if start <= (decided if decided.tzinfo else decided.replace(tzinfo=UTC)) < end:
                lists[cycle.decision].append(cycle)
    content.calibration = calibration(ws, as_of=moment, data=data,
                                      decided=(datetime(1900, 1, 1, tzinfo=UTC), end))
    return content

"""The marketing half's exports: forecasts against actuals, initiatives, and conversion by channel.

Tables for :func:`pdsa_desk.core.export.build_table` (written as CSV or xlsx like every export):

``forecasts``
    One row per live forecast: ``forecaster, role, period_start, period_end, metric, scope_kind, scope,
    forecast, actual, error, made_at`` (dates ISO 8601, ``made_at`` UTC with "Z"; ``scope`` is the team
    or rep name or the channel, empty for the whole workspace; ``error = forecast - actual``), then
    ``stage`` (of a ``stage_entries`` forecast), ``closed`` and ``made_after_period_start``. Actuals by
    the rules of :mod:`pdsa_desk.core.forecasts`.
``initiatives``
    One row per live marketing initiative.
``conversion`` by channel
    Like the conversion table, with one scope per channel (:func:`pdsa_desk.core.scopes.channels`)
    instead of per rep: each channel's own series, intervals and P′ chart.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from pdsa_desk.core.export import SIGNAL_RULE
from pdsa_desk.core.export_files import Table

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.metrics import Period

__all__ = ["CHANNEL_CONVERSION_COLUMNS", "FORECAST_COLUMNS", "INITIATIVE_COLUMNS", "channel_conversion_table",
           "forecasts_table", "initiatives_table"]

FORECAST_COLUMNS = [
    "forecaster", "role", "period_start", "period_end", "metric", "scope_kind", "scope", "forecast", "actual",
    "error", "made_at", "stage", "closed", "made_after_period_start",
]
INITIATIVE_COLUMNS = ["name", "channel", "stage", "starts_on", "ends_on", "owner", "talking_points", "link",
                      "created_at"]
CHANNEL_CONVERSION_COLUMNS = [
    "transition", "from_stage", "from_stage_position", "to_stage", "period", "period_start", "period_last_day",
    "channel", "x", "n", "rate", "low95", "high95", "mature", "centre_line", "lower_limit", "upper_limit", "signal",
    "signal_limits", "signal_run", "signal_rule",
]


def forecasts_table(ws: Workspace, as_of: datetime) -> Table:
    from pdsa_desk.core.forecasts import forecast_actuals

    actuals = forecast_actuals(ws, as_of=as_of)

    def rows() -> Iterator[list[Any]]:
        for a in actuals:
            yield [a.forecaster, a.role, a.period_start, a.period_end, a.metric, a.scope_kind, a.scope, a.forecast,
                   a.actual, a.error, a.made_at, a.stage, a.closed, a.late]

    about = [
        ("rows", "One row per forecast, by period, forecaster and when it was made."),
        ("period_start, period_end", "The period's first and last day (a calendar month or quarter) in the "
                                     "workspace's time zone; it begins and ends at local midnight."),
        ("metric", "leads = opportunities opened; stage_entries = opportunities entering the stage (first entry); "
                   "won_deals = opportunities won (closed) in the period; won_revenue = their amounts summed."),
        ("scope_kind, scope", "all (scope empty), team or rep (their name), or channel (its name)."),
        ("actual", "From the workspace as of the export; for a period not yet closed, the count so far."),
        ("error", "forecast − actual, once the period is closed (empty before)."),
        ("made_at", "When the forecast was made (UTC)."),
        ("made_after_period_start", "true when the forecast was made after its period had started."),
    ]
    return Table("forecasts", list(FORECAST_COLUMNS), rows(), about, len(actuals))


def initiatives_table(ws: Workspace) -> Table:
    from pdsa_desk.core import services

    stages = {s.id: s.name for s in services.list_stages(ws)}
    rows_ = [[i.name, i.channel or "", stages.get(i.stage_id or "", ""), i.starts_on, i.ends_on, i.owner or "",
              i.talking_points, i.link, i.created_at] for i in services.list_initiatives(ws)]
    about = [
        ("rows", "One row per marketing initiative, by start date."),
        ("channel", "Empty = every channel."),
        ("stage", "The stage it aims to move customers into; empty = the whole funnel."),
        ("starts_on, ends_on", "First and last day; ends_on empty = still running."),
    ]
    return Table("initiatives", list(INITIATIVE_COLUMNS), rows_, about, len(rows_))


def channel_conversion_table(ws: Workspace, data: AnalysisData, as_of: datetime, period: Period,
                             from_stage: int | None) -> Table:
    from pdsa_desk.core import charts, scopes, services

    week_start = int(services.get_settings(ws).week_start_day)
    meta = charts.ChartMeta(week_start=week_start)
    trans = charts.transitions(data)
    if from_stage is not None:
        trans = [t for t in trans if t.from_stage == from_stage]
    names = scopes.channels(data)

    def rows() -> Iterator[list[Any]]:
        for tr in trans:
            for name in names:
                series = charts.conversion_series(scopes.channel_subset(data, name), meta, from_stage=tr.from_stage,
                                                  as_of=as_of, period=period, chart="pp")
                f = series.frame
                cols = {c: f[c].to_numpy() for c in ("x", "n", "p", "low", "high", "mature", "cl", "lcl", "ucl",
                                                      "signal", "sig_limit", "sig_run")}
                starts = f["period"].dt.date.to_numpy()
                lasts = (f["period_end"] - timedelta(days=1)).dt.date.to_numpy()
                for i in range(len(f)):
                    n = int(cols["n"][i])
                    yield [
                        tr.label, tr.from_name, tr.from_stage, tr.to_name, period, starts[i], lasts[i], name,
                        int(cols["x"][i]), n, float(cols["p"][i]) if n else None,
                        float(cols["low"][i]) if n else None, float(cols["high"][i]) if n else None,
                        bool(cols["mature"][i]), float(cols["cl"][i]), float(cols["lcl"][i]), float(cols["ucl"][i]),
                        bool(cols["signal"][i]), bool(cols["sig_limit"][i]), bool(cols["sig_run"][i]), SIGNAL_RULE,
                    ]

    about = [
        ("rows", "One row per transition x channel x period; channel empty = opportunities without a channel. "
                 "Channels side by side, never ranked."),
        ("x, n, rate", "Customers of the channel who first entered the from-stage in the period (n) and reached a "
                       "later stage within the conversion window (x); rate = x / n."),
        ("low95, high95", "95% Wilson interval of the rate."),
        ("centre_line, lower_limit, upper_limit", "The Laney P′ chart of the channel's own series."),
        ("signal, signal_limits, signal_run", SIGNAL_RULE),
        ("period_start, period_last_day", "UTC days; weeks start on the workspace's week start day."),
    ]
    return Table("conversion", list(CHANNEL_CONVERSION_COLUMNS), rows(), about)

"""Take results out: the workspace's tables as CSV or Excel ``.xlsx`` files (Qt-free).

:func:`export_table` writes one of :data:`WHATS`:

``events``
    The events file (see ``notes/events_format.md``): one row per live stage
    event, the format the importer's built-in ``"pdsa-desk"`` preset reads, so
    an exported workspace re-imports into an empty one with the same
    conversion table.
``opportunities``
    One row per live opportunity with its current stage.
``cycles``
    The full PDSA record of every cycle with its study computed as of
    ``as_of`` (:func:`pdsa_desk.core.study.study_cycle`): baseline and cycle
    ``x``/``n``, rates, 95% Wilson intervals, the difference with its
    interval, p-value, chance the new rate is better, verdict, the too-early
    reasons and whether the prediction fell inside the cycle's interval.
``conversion``
    Transition x period x scope (the whole workspace, then each rep): ``x``,
    ``n``, rate, 95% Wilson interval, maturity, and the Laney P′ chart of the
    scope with its centre line, limits and signals (:data:`SIGNAL_RULE`).
``comparison``
    :func:`pdsa_desk.core.funnel_compare.compare_reps` per transition over the last
    :data:`COMPARISON_WEEKS` weeks up to ``as_of`` (as the Compare view).
``forecasts``, ``initiatives``, and ``conversion`` with ``by="channel"``
    The marketing half: see :mod:`pdsa_desk.core.export_marketing`.

Files (``.csv`` or ``.xlsx``, written atomically, with spreadsheet safety) are
:mod:`pdsa_desk.core.export_files`; this module decides what each table holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.export_files import (
    FORMATS,
    Progress,
    Table,
    cell_text,
    file_format,
    iso_z,
    neutralise,
    to_utc,
    write_table,
)

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.metrics import Period

__all__ = [
    "COMPARISON_WEEKS",
    "EVENT_COLUMNS",
    "FORMATS",
    "SIGNAL_RULE",
    "WHATS",
    "ExportResult",
    "Table",
    "build_table",
    "comparison_window",
    "export_table",
    "file_format",
    "neutralise",
    "resolve_transition",
    "write_table",
]

WHATS = ("events", "opportunities", "cycles", "conversion", "comparison", "forecasts", "initiatives")
#: What the conversion table is split by: reps (each rep after the whole workspace), or channels.
BYS = ("rep", "channel")
#: The rep comparison covers this many weeks up to ``as_of`` (the Compare view's default).
COMPARISON_WEEKS = 26
#: The source written for opportunities that have none (the importer reads it back the same way).
OWN_SOURCE = "pdsa-desk"
EVENT_COLUMNS = [
    "opportunity_id", "source", "opportunity", "rep", "rep_email", "team", "stage", "stage_position", "entered_at",
    "evidence_confirmed", "evidence_items", "outcome", "loss_reason", "amount", "opened_at", "closed_at", "channel",
]
SIGNAL_RULE = (
    "Laney P′ chart of the scope, mature periods only: signal = signal_limits (outside the 3-sigma limits) or "
    "signal_run (in a run longer than the Anhøj limit)"
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    what: str
    format: str
    rows: int
    columns: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.rows} {self.what} row(s) written to {self.path}"


# --------------------------------------------------------------------------- #
# the tables
# --------------------------------------------------------------------------- #
def _as_of(value: Any) -> datetime:
    if value is None:
        return datetime.now(UTC)
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, date):  # a day: as of its end
        return datetime(value.year, value.month, value.day, tzinfo=UTC) + timedelta(days=1)
    return to_utc(value)


def comparison_window(as_of: datetime, weeks: int = COMPARISON_WEEKS) -> tuple[datetime, datetime]:
    """``[start, end)`` of the last ``weeks`` weeks up to ``as_of``'s day (whole UTC days, as the Compare view)."""
    last = as_of.astimezone(UTC).date()
    if as_of.astimezone(UTC).timetz().replace(tzinfo=None) == datetime.min.time():
        last -= timedelta(days=1)  # midnight ends the previous day
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    return end - timedelta(weeks=weeks), end


def resolve_transition(data: AnalysisData, from_stage: int | str) -> int:
    """A from-stage given as a 0-based position or a stage name -> its position, if it has a transition."""
    from pdsa_desk.core import metrics

    names = data.stages["name"].astype(str).tolist()
    pairs = metrics.transitions(data)
    listing = ", ".join(f"{s} = {names[s]} → {names[t]}" for s, t in pairs) or "none (add stages first)"
    pos: int | None = None
    if isinstance(from_stage, int) or (isinstance(from_stage, str) and from_stage.strip().lstrip("-").isdigit()):
        pos = int(from_stage)
    else:
        wanted = str(from_stage).strip().casefold()
        pos = next((i for i, n in enumerate(names) if n.casefold() == wanted), None)
    if pos is None or (pos, pos + 1) not in pairs:
        raise ValidationError(f"'{from_stage}' is not a stage with a next stage; transitions: {listing}.",
                              "from_stage")
    return pos


def _stage_order(ws: Workspace) -> tuple[dict[str, int], dict[str, str]]:
    from pdsa_desk.core import services

    stages = services.list_stages(ws)
    return {s.id: i for i, s in enumerate(stages)}, {s.id: s.name for s in stages}


def _events_table(ws: Workspace) -> Table:
    from sqlalchemy import and_, func, select

    from pdsa_desk.core.models import LossReason, Opportunity, Rep, Stage, StageEvent, Team

    e, o, s = StageEvent.__table__, Opportunity.__table__, Stage.__table__
    r, t, lr = Rep.__table__, Team.__table__, LossReason.__table__
    position, _ = _stage_order(ws)
    joined = (
        e.join(o, o.c.id == e.c.opportunity_id)
        .join(s, s.c.id == e.c.stage_id)
        .outerjoin(r, r.c.id == o.c.rep_id)
        .outerjoin(t, and_(t.c.id == r.c.team_id, t.c.deleted_at.is_(None)))
        .outerjoin(lr, lr.c.id == o.c.loss_reason_id)
    )
    live = and_(e.c.deleted_at.is_(None), o.c.deleted_at.is_(None), s.c.deleted_at.is_(None))
    query = (
        select(o.c.id, o.c.external_id, o.c.source, o.c.name, r.c.name, r.c.email, t.c.name, s.c.name, s.c.id,
               e.c.entered_at, e.c.evidence_confirmed, e.c.evidence_items, o.c.outcome, lr.c.name, o.c.amount,
               o.c.opened_at, o.c.closed_at, o.c.channel)
        .select_from(joined).where(live)
        .order_by(o.c.opened_at, o.c.id, e.c.entered_at, s.c.position, e.c.id)
    )
    # Counted with outer joins: an event whose opportunity or stage is missing (a damaged reference) is
    # expected in the file, so that leaving it out is noticed (see write_table) instead of passing silently.
    counted = e.outerjoin(o, o.c.id == e.c.opportunity_id).outerjoin(s, s.c.id == e.c.stage_id)
    with ws.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(counted).where(live)).scalar_one()

    def rows() -> Iterator[list[Any]]:
        with ws.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=2000).execute(query)
            for (oid, ext, source, name, rep, email, team, stage, stage_id, entered, confirmed, items, outcome,
                 loss, amount, opened, closed, channel) in result:
                yield [
                    ext if ext else oid, source if source is not None else OWN_SOURCE, name, rep or "", email or "",
                    team or "", stage, position.get(stage_id, 0), iso_z(entered), bool(confirmed),
                    " | ".join(str(i) for i in (items or [])), outcome,
                    (loss or "") if outcome == "lost" else "", amount, iso_z(opened), iso_z(closed), channel or "",
                ]

    about = [
        ("format", "The pdsa-desk events file: one row per stage event, ordered by opportunity then time. "
                   "Import it with the built-in 'pdsa-desk' preset."),
        ("opportunity_id", "The opportunity's external (CRM) id if it has one, else its pdsa-desk UUID."),
        ("source", "The CRM the opportunity came from; 'pdsa-desk' when it had none."),
        ("stage_position", "0-based position of the stage in the workspace's stage order."),
        ("entered_at, opened_at, closed_at", "ISO 8601 in UTC ('Z')."),
        ("evidence_items", "Checklist items ticked when the stage was entered, joined with ' | '."),
        ("text cells", "A text beginning with = + - @ tab or CR starts with an added ' (spreadsheet safety)."),
    ]
    return Table("events", list(EVENT_COLUMNS), rows(), about, total)


def _opportunities_table(ws: Workspace) -> Table:
    from sqlalchemy import and_, func, select

    from pdsa_desk.core.models import LossReason, Opportunity, Rep, Stage, StageEvent, Team

    o, r, t, lr = Opportunity.__table__, Rep.__table__, Team.__table__, LossReason.__table__
    e, s = StageEvent.__table__, Stage.__table__
    _, stage_name = _stage_order(ws)
    # latest live event per opportunity (on a live stage) = its current stage
    ev = (
        select(e.c.opportunity_id, e.c.stage_id, e.c.entered_at,
               func.row_number().over(partition_by=e.c.opportunity_id,
                                      order_by=(e.c.entered_at.desc(), e.c.id.desc())).label("k"),
               func.count().over(partition_by=e.c.opportunity_id).label("n"))
        .select_from(e.join(s, s.c.id == e.c.stage_id))
        .where(e.c.deleted_at.is_(None), s.c.deleted_at.is_(None))
        .subquery()
    )
    joined = (
        o.outerjoin(r, r.c.id == o.c.rep_id)
        .outerjoin(t, and_(t.c.id == r.c.team_id, t.c.deleted_at.is_(None)))
        .outerjoin(lr, lr.c.id == o.c.loss_reason_id)
        .outerjoin(ev, and_(ev.c.opportunity_id == o.c.id, ev.c.k == 1))
    )
    query = (
        select(o.c.id, o.c.external_id, o.c.source, o.c.name, r.c.name, r.c.email, t.c.name, o.c.channel,
               o.c.amount, o.c.outcome, lr.c.name, o.c.opened_at, o.c.closed_at, ev.c.stage_id, ev.c.entered_at,
               ev.c.n)
        .select_from(joined).where(o.c.deleted_at.is_(None))
        .order_by(o.c.opened_at, o.c.id)
    )
    with ws.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(o).where(o.c.deleted_at.is_(None))).scalar_one()

    def rows() -> Iterator[list[Any]]:
        with ws.engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=2000).execute(query)
            for (oid, ext, source, name, rep, email, team, channel, amount, outcome, loss, opened, closed,
                 stage_id, entered, n) in result:
                yield [
                    ext if ext else oid, source if source is not None else OWN_SOURCE, oid, ext or "", name,
                    rep or "", email or "", team or "", channel or "", amount, outcome,
                    (loss or "") if outcome == "lost" else "", iso_z(opened), iso_z(closed),
                    stage_name.get(stage_id, "") if stage_id else "", iso_z(entered), int(n or 0),
                ]

    columns = ["opportunity_id", "source", "uuid", "external_id", "opportunity", "rep", "rep_email", "team",
               "channel", "amount", "outcome", "loss_reason", "opened_at", "closed_at", "current_stage",
               "current_stage_entered_at", "stage_events"]
    about = [
        ("opportunity_id", "The external (CRM) id if any, else the pdsa-desk UUID (as in the events file)."),
        ("current_stage", "The stage of the latest stage event (whatever the outcome)."),
        ("stage_events", "How many stage events the opportunity has."),
        ("times", "ISO 8601 in UTC ('Z')."),
    ]
    return Table("opportunities", columns, rows(), about, total)


CYCLE_COLUMNS = [
    "cycle_id", "title", "status", "tactic", "transition", "from_stage", "to_stage", "owner", "team", "whole_team",
    "participants", "parent_cycle", "planned_start", "planned_end", "objective", "questions", "change_idea",
    "who_what_where_when", "data_plan", "prediction_rate", "prediction_text", "min_sample_size",
    "as_of", "baseline_first_day", "baseline_last_day", "cycle_first_day", "cycle_last_day",
    "x_base", "n_base", "rate_base", "base_low95", "base_high95",
    "x_cycle", "n_cycle", "rate_cycle", "cycle_low95", "cycle_high95",
    "n_cycle_pending", "n_base_pending", "diff", "diff_low95", "diff_high95", "p_value", "prob_better",
    "verdict", "reasons", "prediction_inside", "reps_improved", "reps_counted", "reps_credible",
    "study_interpretation", "decision", "rationale", "decided_at", "observations",
]


def _last_day(start: datetime, end: datetime) -> date:
    return (end - timedelta(days=1)).date() if end > start else end.date()


def _cycles_table(ws: Workspace, data: AnalysisData, as_of: datetime) -> Table:
    from pdsa_desk.core import services
    from pdsa_desk.core.errors import PdsaError
    from pdsa_desk.core.study import team_improvement

    cycles = services.list_cycles(ws)
    reps = {r.id: r for r in services.list_reps(ws)}
    teams = {t.id: t.name for t in services.list_teams(ws)}
    tactics = {t.id: t.name for t in services.list_tactics(ws)}
    titles = {c.id: c.title for c in cycles}
    _, stage_name = _stage_order(ws)
    order, _ = _stage_order(ws)
    names_by_pos = {i: stage_name[sid] for sid, i in order.items()}

    def rows() -> Iterator[list[Any]]:
        for c in cycles:
            participants = sorted(r.name for r in services.participants(ws, c.id))
            team_name = teams.get(c.team_id or "", "")
            pos = order.get(c.from_stage_id)
            from_name = stage_name.get(c.from_stage_id, "")
            to_name = names_by_pos.get(pos + 1, "") if pos is not None else ""
            head: list[Any] = [
                c.id, c.title, c.status, tactics.get(c.tactic_id or "", ""),
                f"{from_name} → {to_name}" if to_name else from_name, from_name, to_name,
                reps[c.owner_rep_id].name if c.owner_rep_id in reps else "", team_name, bool(c.whole_team),
                " | ".join(participants), titles.get(c.parent_id or "", ""), c.planned_start, c.planned_end,
                c.objective, c.questions, c.change_idea, c.who_what_where_when, c.data_plan, c.prediction_rate,
                c.prediction_text, c.min_sample_size, iso_z(as_of),
            ]
            try:
                ti = team_improvement(ws, c.id, as_of=as_of, data=data)
                st = ti.study
                cmp_ = st.comparison
                both = st.n_base > 0 and st.n_new > 0
                computed: list[Any] = [
                    st.baseline_start.date(), _last_day(st.baseline_start, st.baseline_end),
                    st.cycle_start.date(), _last_day(st.cycle_start, st.cycle_end),
                    st.x_base, st.n_base, st.rate_base, st.base_low if st.n_base else None,
                    st.base_high if st.n_base else None,
                    st.x_new, st.n_new, st.rate_new, st.new_low if st.n_new else None,
                    st.new_high if st.n_new else None,
                    st.n_immature, st.n_base_immature, cmp_.diff, cmp_.diff_low, cmp_.diff_high,
                    cmp_.p_value if both else None, cmp_.prob_better if both else None,
                    st.verdict, " ".join(st.reasons), st.prediction_inside,
                    ti.k_improved, ti.n_reps, ti.k_credible,
                ]
            except (PdsaError, ValueError) as exc:
                computed = [None] * 21 + ["not computed", str(exc), None, None, None, None]
            tail = [c.study_interpretation, c.decision or "", c.rationale, iso_z(c.decided_at),
                    len(services.observations(ws, c.id))]
            yield head + computed + tail

    about = [
        ("as_of", "The study is computed as of this time (UTC)."),
        ("baseline_*, cycle_*", "The windows compared, first and last day included (UTC days)."),
        ("x_*, n_*", "Customers who entered the from-stage in the window (n) and reached a later stage within "
                     "the from-stage's conversion window (x); only customers whose window has elapsed count."),
        ("rate_*, *_low95, *_high95", "x / n with its 95% Wilson interval."),
        ("*_pending", "Customers left out because their outcome is not known yet (window still open)."),
        ("diff, diff_low95, diff_high95", "rate_cycle − rate_base with its 95% interval (Newcombe hybrid score)."),
        ("p_value", "Two-sided Fisher exact test of the 2x2 table (converted or not, baseline or cycle)."),
        ("prob_better", "Chance that the cycle's true rate is higher than the baseline's (Beta(1, 1) priors)."),
        ("verdict, reasons", "'ready' or 'too early', with the reasons it is too early."),
        ("prediction_inside", "Whether the predicted rate lies inside the cycle's 95% interval (empty: cannot "
                              "be checked)."),
        ("reps_improved, reps_counted, reps_credible", "Of the reps with known outcomes in both windows "
                                                       "(counted), how many improved, and how many credibly "
                                                       "(chance better ≥ 90%)."),
        ("rates", "Proportions from 0 to 1 (format the column as % in a spreadsheet)."),
    ]
    return Table("cycles", list(CYCLE_COLUMNS), rows(), about, len(cycles))


CONVERSION_COLUMNS = [
    "transition", "from_stage", "from_stage_position", "to_stage", "period", "period_start", "period_last_day",
    "scope", "rep", "team", "x", "n", "rate", "low95", "high95", "mature", "centre_line", "lower_limit",
    "upper_limit", "signal", "signal_limits", "signal_run", "signal_rule",
]


def _conversion_table(ws: Workspace, data: AnalysisData, as_of: datetime, period: Period,
                      from_stage: int | None) -> Table:
    from pdsa_desk.core import charts, services

    settings = services.get_settings(ws)
    # No cycle bands: the table needs none. Weeks and months as the charts have them (the team's zone).
    meta = charts.ChartMeta(week_start=int(settings.week_start_day), time_zone=settings.time_zone)
    trans = charts.transitions(data)
    if from_stage is not None:
        trans = [t for t in trans if t.from_stage == from_stage]
    reps = data.reps.sort_values(["name", "id"], key=lambda s: s.str.casefold(), kind="stable")
    scopes: list[tuple[str, Any, str, str]] = [("workspace", charts.ALL_GROUP, "", "")]
    scopes += [("rep", ("rep", str(r.id)), str(r.name), cell_text(r.team_name)) for r in reps.itertuples()]

    def rows() -> Iterator[list[Any]]:
        for tr in trans:
            for scope, group, rep, team in scopes:
                series = charts.conversion_series(data, meta, from_stage=tr.from_stage, as_of=as_of, period=period,
                                                  group=group, chart="pp")
                f = series.frame
                if not len(f):
                    continue
                cols = {c: f[c].to_numpy() for c in ("x", "n", "p", "low", "high", "mature", "cl", "lcl", "ucl",
                                                      "signal", "sig_limit", "sig_run")}
                starts = f["period"].dt.tz_convert(meta.time_zone).dt.date.to_numpy()  # the team's calendar
                lasts = (f["period_end"].dt.tz_convert(meta.time_zone) - timedelta(days=1)).dt.date.to_numpy()
                for i in range(len(f)):
                    n = int(cols["n"][i])
                    yield [
                        tr.label, tr.from_name, tr.from_stage, tr.to_name, period, starts[i], lasts[i], scope, rep,
                        team, int(cols["x"][i]), n, float(cols["p"][i]) if n else None,
                        float(cols["low"][i]) if n else None, float(cols["high"][i]) if n else None,
                        bool(cols["mature"][i]), float(cols["cl"][i]), float(cols["lcl"][i]),
                        float(cols["ucl"][i]), bool(cols["signal"][i]), bool(cols["sig_limit"][i]),
                        bool(cols["sig_run"][i]), SIGNAL_RULE,
                    ]

    about = [
        ("rows", "One row per transition x scope x period: first the whole workspace ('workspace'), then each "
                 "rep. Periods without customers inside a scope's range have n = 0."),
        ("x, n, rate", "Customers who first entered the from-stage in the period (n) and reached a later stage "
                       "within the from-stage's conversion window (x); rate = x / n."),
        ("low95, high95", "95% Wilson interval of the rate."),
        ("mature", "The period's conversion window has closed by the export time; immature periods are shown "
                   "but take no part in the chart's statistics and never signal."),
        ("centre_line, lower_limit, upper_limit", "The Laney P′ chart of the scope's series."),
        ("signal, signal_limits, signal_run", SIGNAL_RULE),
        ("period_start, period_last_day",
         "Days in the team's time zone (workspace settings); weeks start on its week start day."),
    ]
    return Table("conversion", list(CONVERSION_COLUMNS), rows(), about)


COMPARISON_COLUMNS = [
    "transition", "from_stage", "from_stage_position", "to_stage", "first_day", "last_day", "as_of", "rep", "team",
    "x", "n", "rate", "low95", "high95", "z", "funnel_position", "pooled_rate", "n_pending", "active_cycles",
]


def _comparison_table(ws: Workspace, data: AnalysisData, as_of: datetime, from_stage: int | None,
                      weeks: int = COMPARISON_WEEKS) -> Table:
    from pdsa_desk.core import charts
    from pdsa_desk.core.funnel_compare import compare_reps

    trans = charts.transitions(data)
    if from_stage is not None:
        trans = [t for t in trans if t.from_stage == from_stage]
    start, end = comparison_window(as_of, weeks)

    def rows() -> Iterator[list[Any]]:
        for tr in trans:
            cmp_ = compare_reps(ws, from_stage=tr.from_stage, start=start, end=end, as_of=as_of, data=data)
            for r in cmp_.table.to_dict("records"):
                yield [
                    tr.label, tr.from_name, tr.from_stage, tr.to_name, start.date(), (end - timedelta(days=1)).date(),
                    iso_z(as_of), r["name"], cell_text(r["team_name"]), int(r["x"]), int(r["n"]), float(r["rate"]),
                    float(r["low"]), float(r["high"]), float(r["z"]), r["position"], float(cmp_.p0),
                    int(r["n_immature"]), int(r["active_cycles"]),
                ]

    about = [
        ("rows", f"Each rep with customers of known outcome on each transition, over the last {weeks} weeks up "
                 "to the export (first_day..last_day, UTC). Sorted by name: this is not a ranking."),
        ("x, n, rate, low95, high95", "Converted / customers with a known outcome, the rate and its 95% Wilson "
                                      "interval."),
        ("funnel_position", "Where the rate sits against the funnel plot's 95% and 99.8% limits around the "
                            "pooled rate for the rep's n."),
        ("z", "(rate − pooled_rate) / sqrt(pooled_rate (1 − pooled_rate) / n)."),
        ("n_pending", "Customers whose outcome is not known yet (left out)."),
        ("active_cycles", "PDSA cycles the rep takes part in now (do, study or act)."),
    ]
    return Table("comparison", list(COMPARISON_COLUMNS), rows(), about)


def build_table(
    ws: Workspace,
    what: str,
    *,
    period: str = "week",
    from_stage: int | str | None = None,
    as_of: Any = None,
    data: AnalysisData | None = None,
    by: str = "rep",
) -> Table:
    """The :class:`Table` for one of :data:`WHATS` (rows are produced lazily, while writing)."""
    from pdsa_desk.core import export_marketing

    if what not in WHATS:
        raise ValidationError(f"Cannot export '{what}': choose one of {', '.join(WHATS)}.", "what")
    if period not in ("week", "month"):
        raise ValidationError(f"The period must be 'week' or 'month', not '{period}'.", "period")
    if by not in BYS or (by != "rep" and what != "conversion"):
        raise ValidationError(f"Only the conversion table can be split by channel (got '{by}' for '{what}').", "by")
    if what == "events":
        return _events_table(ws)
    if what == "opportunities":
        return _opportunities_table(ws)
    if what == "initiatives":
        return export_marketing.initiatives_table(ws)
    when = _as_of(as_of)
    if what == "forecasts":
        return export_marketing.forecasts_table(ws, when)
    from pdsa_desk.core.frames import load_analysis_data

    data = data if data is not None else load_analysis_data(ws)
    pos = None if from_stage is None else resolve_transition(data, from_stage)
    if what == "cycles":
        return _cycles_table(ws, data, when)
    if what == "conversion" and by == "channel":
        return export_marketing.channel_conversion_table(ws, data, when, "week" if period == "week" else "month", pos)
    if what == "conversion":
        return _conversion_table(ws, data, when, "week" if period == "week" else "month", pos)
    return _comparison_table(ws, data, when, pos)


def export_table(
    ws: Workspace,
    what: str,
    path: str | Path,
    *,
    period: str = "week",
    from_stage: int | str | None = None,
    as_of: Any = None,
    data: AnalysisData | None = None,
    progress: Progress | None = None,
    by: str = "rep",
) -> ExportResult:
    """Write one of :data:`WHATS` to ``path`` (``.csv`` or ``.xlsx``; see the module docstring).

    ``as_of`` (default now; a ``date`` means the end of that day) is when
    studies, maturity and the comparison window are computed; ``period``
    (``"week"``/``"month"``) is the conversion table's period; ``from_stage``
    (a 0-based position or a stage name) limits ``conversion`` and
    ``comparison`` to one transition; ``by`` (``"rep"``/``"channel"``) splits the
    conversion table by rep or by channel. ``data`` is an already-loaded snapshot.
    The file is written to a temporary name and renamed at the end, so a
    failed export leaves no half-written file; a row the workspace cannot give
    (a damaged page or reference) stops the export with :class:`WorkspaceDamaged`
    rather than being left out. Raises :class:`ValidationError`
    for an unknown ``what``, extension, period or stage.
    """
    fmt = file_format(path)
    table = build_table(ws, what, period=period, from_stage=from_stage, as_of=as_of, data=data, by=by)
    rows = write_table(table, path, progress=progress)
    return ExportResult(Path(path), what, fmt, rows, tuple(table.columns))

"""The weekly session's agenda, generated from the workspace ("This week").

Each item names one thing the team should look at and what to open for it.
Items are ordered the way a session runs: decisions first (cycles awaiting
Act, ready to Study), then what is running, then what is new on the charts
and what marketing is running (:mod:`pdsa_desk.core.agenda_marketing`), then
flow problems (WIP, aging), and the quarterly forecast follow-up.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, cast

from pdsa_desk.core.agenda_marketing import marketing_items
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message, Percent, joined, message, plural
from pdsa_desk.core.statuses import ACTIVE_CYCLE_STATUSES, CycleStatus

# The services (SQLModel, SQLAlchemy) are imported where a function reads through the workspace: start-up reads
# the first agenda from the file with sqlite3 alone before SQLAlchemy is imported (core/agenda_file.py).

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from pdsa_desk.core.agenda_reuse import AgendaReuse
    from pdsa_desk.core.charts import ChartMeta, ConversionSeries
    from pdsa_desk.core.confounders import Confounder
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy


#: The translation context of the agenda's texts (see :mod:`pdsa_desk.core.messages`).
CONTEXT = "Agenda"


class Section(StrEnum):
    """An agenda section; its value is the English title, :attr:`heading` the title to translate."""

    DECIDE = QT_TRANSLATE_NOOP("Agenda", "Decide (Act)")
    STUDY = QT_TRANSLATE_NOOP("Agenda", "Ready to study")
    START = QT_TRANSLATE_NOOP("Agenda", "Cycles to start")
    RUNNING = QT_TRANSLATE_NOOP("Agenda", "Running (Do)")
    SIGNALS = QT_TRANSLATE_NOOP("Agenda", "New chart signals")
    MARKETING = QT_TRANSLATE_NOOP("Agenda", "Tell the team (marketing)")
    WIP = QT_TRANSLATE_NOOP("Agenda", "Over the WIP limit")
    AGING = QT_TRANSLATE_NOOP("Agenda", "Aging opportunities")
    FOCUS = QT_TRANSLATE_NOOP("Agenda", "Reps over the active-cycle cap")
    FORECASTS = QT_TRANSLATE_NOOP("Agenda", "Forecast follow-up")

    @property
    def heading(self) -> Message:
        """The section's title as a message the UI translates (its ``str`` is the English :attr:`value`)."""
        return Message(CONTEXT, self.value)


SECTION_ORDER = list(Section)


@dataclass(frozen=True)
class AgendaItem:
    section: Section
    title: str
    detail: str
    view: str  # main-window view key that opens the thing
    object_id: str = ""
    urgent: bool = False


@dataclass(frozen=True)
class Agenda:
    as_of: datetime
    last_session: datetime | None
    items: tuple[AgendaItem, ...] = field(default_factory=tuple)
    #: Sections not computed yet (see :func:`first_agenda`): their items come with the complete agenda.
    pending: tuple[Section, ...] = ()

    def section(self, section: Section) -> list[AgendaItem]:
        return [i for i in self.items if i.section == section]


@dataclass(frozen=True)
class PastState:
    """The workspace as it stood at a past ``as_of`` (a past week's report passes it to :func:`build_agenda`):
    the cycles then (statuses as they were; see :mod:`pdsa_desk.core.report.history`), their participants
    then, the last session held by then and the chart metadata of then."""

    cycles: tuple[Cycle, ...]
    participants: dict[str, tuple[str, ...]]
    last_session: datetime | None
    meta: ChartMeta


def build_agenda(
    ws: Workspace,
    *,
    as_of: datetime | None = None,
    data: AnalysisData | None = None,
    signals: Callable[[AnalysisData, datetime, datetime], list[AgendaItem]] | None = None,
    meta: ChartMeta | None = None,
    past: PastState | None = None,
    reuse: AgendaReuse | None = None,
) -> Agenda:
    """Everything the weekly session should cover, as of ``as_of`` (default now).

    ``signals(data, since, as_of)`` supplies the "new chart signals" items; the
    default looks at every transition's weekly P′ chart for the whole workspace,
    with the phases the team declared (``meta``: default loaded here). ``past``
    replaces what the database says now by what it said at a past ``as_of``. ``reuse`` keeps the cycles'
    studies and the chart signals from one agenda to the next where they are provably the same
    (:mod:`pdsa_desk.core.agenda_reuse`).
    """
    from pdsa_desk.core import services
    from pdsa_desk.core.charts import load_chart_meta
    from pdsa_desk.core.confounders import study_confounders
    from pdsa_desk.core.frames import load_analysis_data

    now = as_of or datetime.now(UTC)
    data = data if data is not None else load_analysis_data(ws)
    if past is not None:
        meta = past.meta
    elif meta is None:
        meta = load_chart_meta(ws)
    held_at = past.last_session if past is not None else _held_at(ws)
    # Every cycle's participants in one query (not one per studied cycle).
    taking_part = past.participants if past is not None else services.participant_ids_by_cycle(ws)
    # An archived cycle is out of current work: no agenda item (its record stays in reports and exports).
    cycles = list(past.cycles) if past is not None else services.list_cycles(ws, include_archived=False)
    items = complete_items(
        data, now, held_at, cycles, taking_part, meta,
        lambda cycle, result: study_confounders(ws, result, from_stage_id=cycle.from_stage_id), signals,
        reuse=reuse)
    items += _focus_items(ws, past)
    items += marketing_items(ws, now, meta.week_start)
    return _agenda(now, held_at, items)


def complete_items(
    data: AnalysisData, now: datetime, held_at: datetime | None, cycles: list[Cycle],
    taking_part: dict[str, tuple[str, ...]], meta: ChartMeta,
    confounders: Callable[[Cycle, CycleStudy], list[Confounder]],
    signals: Callable[[AnalysisData, datetime, datetime], list[AgendaItem]] | None = None,
    *, reuse: AgendaReuse | None = None,
) -> list[AgendaItem]:
    """The items of :func:`build_agenda` that come from the snapshot, in its order (cycles with their
    verdicts and confounders, chart signals, WIP, aging), on what was read for them: the live, unarchived
    ``cycles`` (by planned start, latest first, then title), their participants, the chart metadata and
    ``confounders(cycle, study)``. Shared by :func:`build_agenda` and start-up's agenda read from the file
    (:func:`pdsa_desk.core.agenda_complete.complete_agenda_file`)."""
    from pdsa_desk.core import pipeline
    from pdsa_desk.core.study import study_cycle

    stages = data.stages
    ids, names = [str(i) for i in stages["id"]], [str(n) for n in stages["name"]]
    since = held_at if held_at is not None else now - timedelta(days=7)
    studied: dict[str, tuple[Cycle, CycleStudy]] = {}

    def study(cycle: Cycle) -> CycleStudy:
        reps = taking_part.get(cycle.id, ())
        # The workspace is not read when the cycle, its participants and the snapshot are given.
        def compute() -> CycleStudy:
            return study_cycle(cast("Workspace", None), cycle.id, as_of=now, data=data, cycle=cycle, rep_ids=reps)

        result = compute() if reuse is None else reuse.study(data, cycle, reps, now, compute)
        studied[cycle.id] = (cycle, result)
        return result

    items = _with_confounders(_cycle_items(cycles, ids, names, now, study), studied, confounders)
    if signals is not None:
        items.extend(signals(data, since, now))
    elif reuse is not None:
        items.extend(reuse.signals(data, held_at, now, meta, lambda instants: default_signals(
            data, since, now, meta=meta, instants=instants)))
    else:
        items.extend(default_signals(data, since, now, meta=meta))

    # Flow: WIP per stage as of the agenda's date, and aging cards.
    items += _wip_items(ids, names, list(stages["wip_limit"]), wip_counts(data, now))
    aged = pipeline.aging(data, now)
    if len(aged):
        for _, group in aged.groupby("stage", sort=True):
            stage = int(group["stage"].to_numpy()[0])  # the key, typed (the stubs say "any scalar")
            oldest = group.sort_values("days_in_stage", ascending=False).iloc[0]
            items.append(AgendaItem(
                Section.AGING,
                plural(len(group), message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1: %2 opportunity"),
                                           names[stage], len(group)),
                       message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1: %2 opportunities"), names[stage],
                               len(group))),
                message(CONTEXT, QT_TRANSLATE_NOOP(
                    "Agenda", "Longer in the stage than 85% of past customers (over %1 days); oldest: %2 (%3 days)."),
                    f"{group['p85_days'].iloc[0]:.0f}", str(oldest["name"]), f"{oldest['days_in_stage']:.0f}"),
                "board", str(oldest["id"])))
    return items


def first_agenda(ws: Workspace, *, as_of: datetime | None = None) -> Agenda:
    """The agenda's sections that a few queries answer, for the first paint of "This week" while the
    history loads: decisions (Act), cycles to start, WIP per stage (counted in SQL over the open
    opportunities' latest events, by the rule of :func:`pdsa_desk.core.pipeline.open_at`), reps over the
    active-cycle cap. Studying running cycles, chart signals and aging need the whole history: they are
    listed in :attr:`Agenda.pending` and come with :func:`build_agenda`. Imports neither pandas nor the
    statistics. Pass the window's one "as of" instant, the one :func:`build_agenda` will be given."""
    from pdsa_desk.core import services

    now = as_of or datetime.now(UTC)
    stages = services.list_stages(ws)
    ids, names = [s.id for s in stages], [s.name for s in stages]
    items = _cycle_items(services.list_cycles(ws, include_archived=False), ids, names, now, None)
    limits = [float("nan") if s.wip_limit is None else float(s.wip_limit) for s in stages]
    items += _wip_items(ids, names, limits, open_stage_counts(ws, now))
    items += _focus_items(ws, None)
    items += marketing_items(ws, now, int(services.get_settings(ws).week_start_day))
    return _agenda(now, _held_at(ws), items,
                   pending=(Section.STUDY, Section.RUNNING, Section.SIGNALS, Section.AGING))


def _held_at(ws: Workspace) -> datetime | None:
    from pdsa_desk.core import services

    held = services.last_session(ws)
    return held.held_at if held else None


def _agenda(now: datetime, held_at: datetime | None, items: list[AgendaItem],
            pending: tuple[Section, ...] = ()) -> Agenda:
    order = {s: i for i, s in enumerate(SECTION_ORDER)}
    items.sort(key=lambda i: order[i.section])
    return Agenda(as_of=now, last_session=held_at, items=tuple(items), pending=pending)


def _with_confounders(items: list[AgendaItem], studied: dict[str, tuple[Cycle, CycleStudy]],
                      confounders: Callable[[Cycle, CycleStudy], list[Confounder]]) -> list[AgendaItem]:
    """The items that carry a verdict (decide, study) with the caution naming the marketing initiatives that
    overlap the cycle's test (:mod:`pdsa_desk.core.confounders`), as the Study tab and the PDF say it."""
    import dataclasses

    out = []
    for item in items:
        found = studied.get(item.object_id) if item.section in (Section.DECIDE, Section.STUDY) else None
        if found is not None:
            cycle, result = found
            found_now = confounders(cycle, result)
            if found_now:  # short: the Study tab and the cycle's page say more
                names = joined([message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "'%1'"), c.name) for c in found_now],
                               ", ")  # each name in the language's quotation marks
                item = dataclasses.replace(item, detail=message(CONTEXT, QT_TRANSLATE_NOOP(
                    "Agenda", "%1 Marketing overlapped it: %2."), item.detail, names))
        out.append(item)
    return out


def _cycle_items(cycles: list[Cycle], stage_ids: list[str], names: list[str], now: datetime,
                 study: Callable[[Cycle], CycleStudy] | None) -> list[AgendaItem]:
    """The cycles' items; with ``study`` None (no history yet) those of running and studied cycles are left
    out (their section is pending) and a decision is listed without its verdict."""
    stage_pos = {sid: i for i, sid in enumerate(stage_ids)}

    def transition(stage_id: str) -> str:
        pos = stage_pos.get(stage_id)
        if pos is None or pos + 1 >= len(stage_ids):
            return ""
        return f"{names[pos]} → {names[pos + 1]}"

    items = []
    for cycle in cycles:
        item = _cycle_item(cycle, f"{cycle.title} ({transition(cycle.from_stage_id)})", now.date(), study)
        if item is not None:
            items.append(item)
    return items


def _cycle_item(cycle: Cycle, label: str, today: date,
                study: Callable[[Cycle], CycleStudy] | None) -> AgendaItem | None:
    status = cycle.status
    if status == CycleStatus.PLAN and cycle.planned_start is not None and cycle.planned_start <= today:
        late = (today - cycle.planned_start).days
        detail = (message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Planned to start today.")) if late == 0 else
                  plural(late, message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Planned start was %1 day ago."), late),
                         message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "Planned start was %1 days ago."), late)))
        return AgendaItem(Section.START, label, detail, "cycles", cycle.id, urgent=late > 0)
    if status not in (CycleStatus.ACT, CycleStatus.STUDY, CycleStatus.DO):
        return None
    if study is None:
        if status == CycleStatus.ACT:
            return AgendaItem(Section.DECIDE, label, message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "Studied; decide: adopt, adapt or abandon.")), "cycles", cycle.id, urgent=True)
        return None
    from pdsa_desk.core.verdict import plain_verdict

    result = study(cycle)
    verdict = plain_verdict(result).sentence
    if status == CycleStatus.ACT:
        return AgendaItem(Section.DECIDE, label, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1. Decide: adopt, adapt or abandon."), verdict), "cycles", cycle.id, urgent=True)
    if status == CycleStatus.STUDY:
        detail = (message(CONTEXT, QT_TRANSLATE_NOOP(
                      "Agenda", "%1. Read the results together and write the interpretation."), verdict)
                  if result.ready else message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "In Study, but too early: %1"),
                                               joined(result.reasons)))
        return AgendaItem(Section.STUDY, label, detail, "cycles", cycle.id, urgent=result.ready)
    return _running_item(cycle, label, result, verdict, today)


def _running_item(cycle: Cycle, label: str, study: CycleStudy, verdict: str, today: date) -> AgendaItem:
    if study.ready:
        return AgendaItem(Section.STUDY, label, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "Enough mature data (%1 customers): move it to Study. %2."), study.n_new, verdict),
            "cycles", cycle.id, urgent=True)
    if cycle.planned_end is not None:
        left = (cycle.planned_end - today).days
        detail = (plural(left, message(CONTEXT, QT_TRANSLATE_NOOP(
                      "Agenda", "%1 day left; %2 of %3 customers so far."), left, study.n_entered, study.min_sample),
                      message(CONTEXT, QT_TRANSLATE_NOOP(
                          "Agenda", "%1 days left; %2 of %3 customers so far."), left, study.n_entered,
                          study.min_sample))
                  if left >= 0 else
                  plural(-left, message(CONTEXT, QT_TRANSLATE_NOOP(
                      "Agenda", "Planned end passed %1 day ago; waiting for data: %2"), -left, joined(study.reasons)),
                      message(CONTEXT, QT_TRANSLATE_NOOP(
                          "Agenda", "Planned end passed %1 days ago; waiting for data: %2"), -left,
                          joined(study.reasons))))
        return AgendaItem(Section.RUNNING, label, detail, "cycles", cycle.id)
    return AgendaItem(Section.RUNNING, label, message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1 customers so far."),
                                                      study.n_entered), "cycles", cycle.id)


def _wip_items(stage_ids: list[str], names: list[str], limits: list[float],
               counts: dict[int, int]) -> list[AgendaItem]:
    items = []
    for pos, limit in enumerate(limits):
        n = counts.get(pos, 0)
        if not math.isnan(limit) and n > limit:  # no limit (NaN) means no item
            items.append(AgendaItem(Section.WIP, names[pos], message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "%1 open opportunities; the limit is %2. Finish before starting more."), n, int(limit)),
                "board", stage_ids[pos], urgent=True))
    return items


def _focus_items(ws: Workspace, past: PastState | None) -> list[AgendaItem]:
    from pdsa_desk.core import services

    cap = services.get_settings(ws).max_active_cycles_per_rep
    names = {r.id: r.name for r in services.list_reps(ws)}
    return focus_items(names, _active_counts(past) if past is not None else services.active_cycle_counts(ws), cap)


def focus_items(names: dict[str, str], active: dict[str, int], cap: int) -> list[AgendaItem]:
    """The reps (id -> name) in more than ``cap`` active cycles (rep id -> count), by name."""
    items = []
    for rep_id, n in sorted(active.items(), key=lambda kv: names.get(kv[0], "")):
        if n > cap:
            items.append(AgendaItem(Section.FOCUS, names.get(rep_id, rep_id), message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "In %1 active cycles; the cap is %2. Too many experiments at once blur every result."),
                n, cap), "cycles", rep_id))
    return items


def _active_counts(past: PastState) -> dict[str, int]:
    """Active cycles per rep then (as :func:`services.active_cycle_counts` counts them now)."""
    counts: dict[str, int] = {}
    for c in past.cycles:
        if c.status in ACTIVE_CYCLE_STATUSES:
            for rep in past.participants.get(c.id, ()):
                counts[rep] = counts.get(rep, 0) + 1
    return counts


def open_stage_counts(ws: Workspace, as_of: datetime) -> dict[int, int]:
    """:func:`wip_counts` counted by the database: per live stage position, the opportunities open at
    ``as_of`` (the rule of :func:`pdsa_desk.core.pipeline.open_at`: opened by then, and closed after it or
    not closed and still open) whose latest live event by then (ties: the last stored) is in that stage.
    One query; the latest event of each comes from the (opportunity, time) index."""
    from sqlalchemy import and_, func, literal_column, or_, select

    from pdsa_desk.core import services
    from pdsa_desk.core.models import Opportunity, Outcome, Stage, StageEvent

    positions = {s.id: i for i, s in enumerate(services.list_stages(ws))}
    ev = StageEvent.__table__
    opp = Opportunity.__table__
    live_stage = select(Stage.__table__.c.id).where(Stage.__table__.c.deleted_at.is_(None))
    tie = literal_column("stage_event.rowid") if ws.engine.dialect.name == "sqlite" else ev.c.id
    as_of = as_of.astimezone(UTC)
    latest = (select(ev.c.stage_id).where(ev.c.opportunity_id == opp.c.id, ev.c.deleted_at.is_(None),
                                          ev.c.entered_at <= as_of, ev.c.stage_id.in_(live_stage))
              .order_by(ev.c.entered_at.desc(), tie.desc()).limit(1).scalar_subquery())
    still_open = and_(opp.c.closed_at.is_(None), opp.c.outcome == str(Outcome.OPEN))
    current = (select(latest.label("stage_id"))
               .where(opp.c.deleted_at.is_(None), opp.c.opened_at <= as_of,
                      or_(still_open, opp.c.closed_at > as_of)).subquery())
    query = select(current.c.stage_id, func.count()).where(current.c.stage_id.is_not(None)).group_by(
        current.c.stage_id)
    with ws.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {positions[stage_id]: int(n) for stage_id, n in rows if stage_id in positions}


def wip_counts(data: AnalysisData, as_of: datetime) -> dict[int, int]:
    """Open opportunities per stage at ``as_of`` (:func:`pdsa_desk.core.pipeline.open_at`: the rule the Board,
    the report and the Data view share); opportunities without a stage are not counted."""
    import numpy as np

    from pdsa_desk.core.pipeline import open_at

    _rows, stage, _entered = open_at(data, as_of)
    stage = stage[stage >= 0]
    counts = np.bincount(stage) if len(stage) else np.zeros(0, dtype=np.int64)
    return {int(k): int(v) for k, v in enumerate(counts) if v}


def default_signals(
    data: AnalysisData, since: datetime, as_of: datetime, *, group: object = None, week_start: int | None = None,
    meta: ChartMeta | None = None, instants: list[np.ndarray] | None = None,
) -> list[AgendaItem]:
    """Signals on each transition's weekly P′ chart in weeks that matured since ``since``.

    The whole workspace by default; ``group`` (e.g. ``("team", team_id)``) narrows it, as the
    team edition of the weekly report does. ``meta`` brings the phases and frozen baselines the team
    declared and the workspace's week start (``week_start`` overrides it), so that the agenda judges
    the very chart its item opens. ``instants`` collects, per chart, the instants its weeks mature at
    (int64 ns; see :mod:`pdsa_desk.core.agenda_reuse`).
    """
    import dataclasses

    from pdsa_desk.core import metrics
    from pdsa_desk.core.charts import ALL_GROUP, ChartMeta, conversion_series, scopes

    items: list[AgendaItem] = []
    meta = meta if meta is not None else ChartMeta()
    meta = dataclasses.replace(meta, cycles=(), week_start=meta.week_start if week_start is None else week_start)
    # The whole workspace, and then -- for the workspace's agenda -- each channel (lead source) alone: a
    # campaign that moves one channel can drown in the total.
    groups: list[tuple[str, object]] = [("", ALL_GROUP if group is None else group)]
    if group is None:
        groups += [(name, g) for name, g in scopes(data) if g[0] == "channel" and g[1]]
    for from_stage in range(len(data.stages) - 1):
        if data.stages["terminal"].iloc[from_stage] == "won":
            continue
        for channel, scope in groups:
            series = conversion_series(data, meta, from_stage=from_stage, period="week", chart="pp", as_of=as_of,
                                       group=scope)
            if instants is not None:
                instants.append(series.frame["period_end"].to_numpy("datetime64[ns]").astype("int64")
                                + int(data.stages["window_days"].iloc[from_stage]) * metrics.NS_PER_DAY)
            item = _signal_item(data, series, from_stage, since, as_of, channel)
            if item is not None:
                items.append(item)
    return items


def _signal_item(data: AnalysisData, series: ConversionSeries, from_stage: int, since: datetime, as_of: datetime,
                 channel: str) -> AgendaItem | None:
    """The agenda item of the signals on one weekly chart that matured since ``since`` (None: none did)."""
    frame = series.frame
    if not len(frame):
        return None
    window = timedelta(days=int(data.stages["window_days"].iloc[from_stage]))
    matured_at = frame["period_end"] + window
    new = frame[frame["signal"] & frame["mature"] & (matured_at > since) & (matured_at <= as_of)]
    if not len(new):
        return None
    last = new.iloc[-1]
    name = f"{data.stages['name'].iloc[from_stage]} → {data.stages['name'].iloc[from_stage + 1]}"
    if channel:
        return AgendaItem(Section.SIGNALS, message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1, channel %2"), name,
                                                   channel),
                          _signal_detail(new, last, series, channel), "charts", f"{from_stage}@channel:{channel}",
                          urgent=True)
    return AgendaItem(Section.SIGNALS, name, _signal_detail(new, last, series), "charts", str(from_stage),
                      urgent=True)


def _signal_detail(new: pd.DataFrame, last: pd.Series, series: ConversionSeries, channel: str = "") -> Message:
    """The row of a transition's new chart signals: how many, the latest, and the phase when there are more;
    with ``channel``, those of one channel's chart alone."""
    chart = "P′" if series.applied_chart == "pp" else "P"
    args = (len(new), chart, series.local(last["period"]).date(), Percent(last["p"]), Percent(last["cl"]), channel)
    above = bool(last["p"] > last["cl"])
    if channel:
        detail = _channel_signals(len(new), above, args)
    elif above:
        detail = plural(len(new), message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1 new signal on the weekly %2 chart; latest: week of %3 at %4, above the centre line (%5)"),
            *args), message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "%1 new signals on the weekly %2 chart; latest: week of %3 at %4, above the centre line "
                "(%5)"), *args))
    else:
        detail = plural(len(new), message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1 new signal on the weekly %2 chart; latest: week of %3 at %4, below the centre line (%5)"),
            *args), message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "%1 new signals on the weekly %2 chart; latest: week of %3 at %4, below the centre line "
                "(%5)"), *args))
    if len(series.phases) > 1:
        detail = message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1 (phase %2 of %3)"), detail,
                         int(last["phase"]) + 1, len(series.phases))
    if channel:
        return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1. Ask marketing what reached this channel."), detail)
    return message(CONTEXT, QT_TRANSLATE_NOOP("Agenda", "%1. Look for a cause."), detail)


def _channel_signals(n: int, above: bool, args: tuple[int, str, date, Percent, Percent, str]) -> Message:
    if above:
        return plural(n, message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1 new signal on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, "
            "above its centre line (%5)"), *args), message(CONTEXT, QT_TRANSLATE_NOOP(
                "Agenda", "%1 new signals on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, "
                "above its centre line (%5)"), *args))
    return plural(n, message(CONTEXT, QT_TRANSLATE_NOOP(
        "Agenda", "%1 new signal on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, "
        "below its centre line (%5)"), *args), message(CONTEXT, QT_TRANSLATE_NOOP(
            "Agenda", "%1 new signals on the weekly %2 chart of the %6 channel alone; latest: week of %3 at %4, "
            "below its centre line (%5)"), *args))

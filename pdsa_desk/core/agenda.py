"""The weekly session's agenda, generated from the workspace ("This week").

Each item names one thing the team should look at and what to open for it.
Items are ordered the way a session runs: decisions first (cycles awaiting
Act, ready to Study), then what is running, then flow problems (WIP, aging),
then what is new on the charts.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from pdsa_desk.core import services
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.models import CycleStatus

if TYPE_CHECKING:
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy


class Section(StrEnum):
    DECIDE = "Decide (Act)"
    STUDY = "Ready to study"
    START = "Cycles to start"
    RUNNING = "Running (Do)"
    SIGNALS = "New chart signals"
    WIP = "Over the WIP limit"
    AGING = "Aging opportunities"
    FOCUS = "Reps over the active-cycle cap"


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


def _days(n: int) -> str:
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def build_agenda(
    ws: Workspace,
    *,
    as_of: datetime | None = None,
    data: AnalysisData | None = None,
    signals: Callable[[AnalysisData, datetime, datetime], list[AgendaItem]] | None = None,
) -> Agenda:
    """Everything the weekly session should cover, as of ``as_of`` (default now).

    ``signals(data, since, as_of)`` supplies the "new chart signals" items; the
    default looks at every transition's weekly P′ chart for the whole workspace.
    """
    from pdsa_desk.core import metrics
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.study import study_cycle

    now = as_of or datetime.now(UTC)
    data = data if data is not None else load_analysis_data(ws)
    stages = data.stages
    names = [str(n) for n in stages["name"]]
    held = services.last_session(ws)
    since = held.held_at if held else now - timedelta(days=7)
    items = _cycle_items(ws, [str(i) for i in stages["id"]], names, now,
                         lambda cycle_id: study_cycle(ws, cycle_id, as_of=now, data=data))
    items.extend((signals or default_signals)(data, since, now))

    # Flow: WIP per stage as of the agenda's date, and aging cards.
    items += _wip_items([str(i) for i in stages["id"]], names, list(stages["wip_limit"]), wip_counts(data, now))
    aged = metrics.aging(data, now)
    if len(aged):
        for _, group in aged.groupby("stage", sort=True):
            stage = int(group["stage"].to_numpy()[0])  # the key, typed (the stubs say "any scalar")
            oldest = group.sort_values("days_in_stage", ascending=False).iloc[0]
            items.append(AgendaItem(
                Section.AGING, f"{names[stage]}: {len(group)} opportunities",
                f"Longer in the stage than 85% of past customers (over {group['p85_days'].iloc[0]:.0f} days); "
                f"oldest: {oldest['name']} ({oldest['days_in_stage']:.0f} days).",
                "board", str(oldest["id"])))
    items += _focus_items(ws)
    return _agenda(now, held, items)


def first_agenda(ws: Workspace, *, as_of: datetime | None = None) -> Agenda:
    """The agenda's sections that a few queries answer, for the first paint of "This week" while the
    history loads: decisions (Act), cycles to start, WIP per stage (counted in SQL over the open
    opportunities' latest events), reps over the active-cycle cap. Studying running cycles, chart signals
    and aging need the whole history: they are listed in :attr:`Agenda.pending` and come with
    :func:`build_agenda`. Imports neither pandas nor the statistics."""
    now = as_of or datetime.now(UTC)
    stages = services.list_stages(ws)
    held = services.last_session(ws)
    ids, names = [s.id for s in stages], [s.name for s in stages]
    items = _cycle_items(ws, ids, names, now, None)
    limits = [float("nan") if s.wip_limit is None else float(s.wip_limit) for s in stages]
    items += _wip_items(ids, names, limits, open_stage_counts(ws, now))
    items += _focus_items(ws)
    return _agenda(now, held, items, pending=(Section.STUDY, Section.RUNNING, Section.SIGNALS, Section.AGING))


def _agenda(now: datetime, held: object, items: list[AgendaItem], pending: tuple[Section, ...] = ()) -> Agenda:
    order = {s: i for i, s in enumerate(SECTION_ORDER)}
    items.sort(key=lambda i: order[i.section])
    last = getattr(held, "held_at", None)
    return Agenda(as_of=now, last_session=last, items=tuple(items), pending=pending)


def _cycle_items(ws: Workspace, stage_ids: list[str], names: list[str], now: datetime,
                 study: Callable[[str], CycleStudy] | None) -> list[AgendaItem]:
    """The cycles' items; with ``study`` None (no history yet) those of running and studied cycles are left
    out (their section is pending)."""
    today: date = now.date()
    stage_pos = {sid: i for i, sid in enumerate(stage_ids)}
    items: list[AgendaItem] = []

    def transition(stage_id: str) -> str:
        pos = stage_pos.get(stage_id)
        if pos is None or pos + 1 >= len(stage_ids):
            return ""
        return f"{names[pos]} → {names[pos + 1]}"

    for cycle in services.list_cycles(ws):
        label = f"{cycle.title} ({transition(cycle.from_stage_id)})"
        if cycle.status == CycleStatus.ACT:
            items.append(AgendaItem(Section.DECIDE, label, "Studied; decide: adopt, adapt or abandon.", "cycles",
                                    cycle.id, urgent=True))
        elif cycle.status == CycleStatus.STUDY and study is not None:
            result = study(cycle.id)
            detail = ("Results are ready: read them together and write the interpretation."
                      if result.ready else "In Study, but too early: " + " ".join(result.reasons))
            items.append(AgendaItem(Section.STUDY, label, detail, "cycles", cycle.id, urgent=result.ready))
        elif cycle.status == CycleStatus.DO and study is not None:
            items.append(_running_item(cycle, label, study(cycle.id), today))
        elif cycle.status == CycleStatus.PLAN and cycle.planned_start is not None and cycle.planned_start <= today:
            late = (today - cycle.planned_start).days
            items.append(AgendaItem(Section.START, label,
                                    "Planned to start today." if late == 0 else
                                    f"Planned start was {_days(late)} ago.", "cycles", cycle.id, urgent=late > 0))
    return items


def _running_item(cycle: Cycle, label: str, study: CycleStudy, today: date) -> AgendaItem:
    if study.ready:
        return AgendaItem(Section.STUDY, label, f"Enough mature data ({study.n_new} customers): move it to Study.",
                          "cycles", cycle.id, urgent=True)
    if cycle.planned_end is not None:
        left = (cycle.planned_end - today).days
        detail = (f"{_days(left)} left; {study.n_entered} of {study.min_sample} customers so far."
                  if left >= 0 else f"Planned end passed {_days(-left)} ago; waiting for data: "
                  + " ".join(study.reasons))
        return AgendaItem(Section.RUNNING, label, detail, "cycles", cycle.id)
    return AgendaItem(Section.RUNNING, label, f"{study.n_entered} customers so far.", "cycles", cycle.id)


def _wip_items(stage_ids: list[str], names: list[str], limits: list[float],
               counts: dict[int, int]) -> list[AgendaItem]:
    items = []
    for pos, limit in enumerate(limits):
        n = counts.get(pos, 0)
        if not math.isnan(limit) and n > limit:  # no limit (NaN) means no item
            items.append(AgendaItem(Section.WIP, names[pos],
                                    f"{n} open opportunities; the limit is {int(limit)}. Finish before starting more.",
                                    "board", stage_ids[pos], urgent=True))
    return items


def _focus_items(ws: Workspace) -> list[AgendaItem]:
    settings = services.get_settings(ws)
    names = {r.id: r.name for r in services.list_reps(ws)}
    items = []
    for rep_id, n in sorted(services.active_cycle_counts(ws).items(), key=lambda kv: names.get(kv[0], "")):
        if n > settings.max_active_cycles_per_rep:
            items.append(AgendaItem(Section.FOCUS, names.get(rep_id, rep_id),
                                    f"In {n} active cycles; the cap is {settings.max_active_cycles_per_rep}. "
                                    "Too many experiments at once blur every result.", "cycles", ""))
    return items


def open_stage_counts(ws: Workspace, as_of: datetime) -> dict[int, int]:
    """:func:`wip_counts` counted by the database: per live stage position, the opportunities open at
    ``as_of`` whose latest live event by then (ties: the last stored) is in that stage. One query; the
    latest event of each comes from the (opportunity, time) index."""
    from sqlalchemy import func, literal_column, or_, select

    from pdsa_desk.core.models import Opportunity, Stage, StageEvent

    positions = {s.id: i for i, s in enumerate(services.list_stages(ws))}
    ev = StageEvent.__table__
    opp = Opportunity.__table__
    live_stage = select(Stage.__table__.c.id).where(Stage.__table__.c.deleted_at.is_(None))
    tie = literal_column("stage_event.rowid") if ws.engine.dialect.name == "sqlite" else ev.c.id
    as_of = as_of.astimezone(UTC)
    latest = (select(ev.c.stage_id).where(ev.c.opportunity_id == opp.c.id, ev.c.deleted_at.is_(None),
                                          ev.c.entered_at <= as_of, ev.c.stage_id.in_(live_stage))
              .order_by(ev.c.entered_at.desc(), tie.desc()).limit(1).scalar_subquery())
    current = (select(latest.label("stage_id"))
               .where(opp.c.deleted_at.is_(None), opp.c.opened_at <= as_of,
                      or_(opp.c.closed_at.is_(None), opp.c.closed_at > as_of)).subquery())
    query = select(current.c.stage_id, func.count()).where(current.c.stage_id.is_not(None)).group_by(
        current.c.stage_id)
    with ws.engine.connect() as conn:
        rows = conn.execute(query).all()
    return {positions[stage_id]: int(n) for stage_id, n in rows if stage_id in positions}


def wip_counts(data: AnalysisData, as_of: datetime) -> dict[int, int]:
    """Open opportunities per stage at ``as_of``: created by then, not closed by then, by their latest stage."""
    import pandas as pd

    at = pd.Timestamp(as_of)
    opps = data.opportunities
    open_then = ((opps["created_at"] <= at) & (opps["closed_at"].isna() | (opps["closed_at"] > at))).to_numpy()
    events = data.events[data.events["entered_at"] <= at]
    if not len(events):
        return {}
    latest = events.groupby("opp", sort=False)["stage"].last()
    current = latest[open_then[latest.index.to_numpy()]]
    return {int(k): int(v) for k, v in current.value_counts().items()}


def default_signals(
    data: AnalysisData, since: datetime, as_of: datetime, *, group: object = None, week_start: int = 0
) -> list[AgendaItem]:
    """Signals on each transition's weekly P′ chart in weeks that matured since ``since``.

    The whole workspace by default; ``group`` (e.g. ``("team", team_id)``) narrows it, as the
    team edition of the weekly report does.
    """
    from pdsa_desk.core.charts import ALL_GROUP, ChartMeta, conversion_series

    items: list[AgendaItem] = []
    meta = ChartMeta(week_start=week_start)
    for from_stage in range(len(data.stages) - 1):
        if data.stages["terminal"].iloc[from_stage] == "won":
            continue
        series = conversion_series(data, meta, from_stage=from_stage, period="week", chart="pp", as_of=as_of,
                                   group=ALL_GROUP if group is None else group)
        frame = series.frame
        if not len(frame):
            continue
        window = timedelta(days=int(data.stages["window_days"].iloc[from_stage]))
        matured_at = frame["period_end"] + window
        new = frame[frame["signal"] & frame["mature"] & (matured_at > since) & (matured_at <= as_of)]
        if len(new):
            last = new.iloc[-1]
            what = "above" if last["p"] > last["cl"] else "below"
            name = f"{data.stages['name'].iloc[from_stage]} → {data.stages['name'].iloc[from_stage + 1]}"
            items.append(AgendaItem(
                Section.SIGNALS, name,
                f"{len(new)} new signal(s); latest: week of {last['period']:%d %b %Y} at {last['p']:.0%}, "
                f"{what} the centre line ({last['cl']:.0%}). Look for a cause.",
                "charts", str(from_stage), urgent=True))
    return items

"""Collecting the weekly report's content from a workspace (no widgets: safe on a worker thread).

:func:`collect_report` reads, as of the end of the chosen ISO week: the agenda,
each active cycle's study (with its plain verdict) and chart series, the new
chart signals with their weekly P′ charts, the WIP breaches and the rep
comparison. With a team, the agenda's cycles and rep items, the active cycles,
the signals and the comparison are limited to that team's reps; WIP limits and
aging are workspace-wide and stay so.

A past week is reported as the workspace stood at the end of it
(:mod:`pdsa_desk.core.report.history`): cycles, statuses, interpretations,
phases, signals and counts of then, and what cannot be reconstructed is said
in :attr:`ReportContent.notes`.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import pandas as pd

from pdsa_desk.core import charts, services
from pdsa_desk.core.agenda import Agenda, AgendaItem, Section, build_agenda, default_signals, wip_counts
from pdsa_desk.core.confounders import study_confounders
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.export import comparison_window
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.funnel_compare import RepComparison, compare_reps
from pdsa_desk.core.report.content import ACTIVE, CycleSection, ReportContent, SignalSection, WipRow
from pdsa_desk.core.report.history import reconstruct
from pdsa_desk.core.report.weeks import iso_week_bounds, resolve_week
from pdsa_desk.core.study import study_cycle, team_improvement
from pdsa_desk.core.study_series import cycle_study_series
from pdsa_desk.core.verdict import plain_verdict

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData
    from pdsa_desk.core.models import Cycle

__all__ = ["Progress", "collect_report"]

#: ``progress(fraction 0..1, message)``, called as the collecting goes.
Progress = Callable[[float, str], None]


@dataclass
class _Scope:
    """The whole workspace, or one team: which cycles and reps the report is about."""

    team: Any  # the Team row, or None for the whole workspace
    team_reps: set[str]
    rep_name: dict[str, str]
    cycles: list[Cycle]
    participants: dict[str, tuple[str, ...]]  # rep ids per cycle id

    def has(self, c: Cycle) -> bool:
        """A team's cycle: the team's own, or one a rep of the team takes part in."""
        return self.team is None or c.team_id == self.team.id or any(
            r in self.team_reps for r in self.participants.get(c.id, ()))


def _find_team(ws: Workspace, team: str) -> Any:
    teams = services.list_teams(ws)
    wanted = team.strip().casefold()
    found = next((t for t in teams if t.name.casefold() == wanted), None)
    if found is None:
        names = ", ".join(sorted(t.name for t in teams)) or "none (this workspace has no teams)"
        raise ValidationError(f"There is no team '{team}'. Teams: {names}.", "team")
    return found


def _team_signals(
    team_id: str, meta: charts.ChartMeta
) -> Callable[[AnalysisData, datetime, datetime], list[AgendaItem]]:
    """The agenda's "new chart signals" for one team's weekly P′ charts (the default looks at the whole workspace)."""
    return functools.partial(default_signals, group=("team", team_id), meta=meta)


def _scoped_agenda(agenda: Agenda, scope: _Scope) -> Agenda:
    """The agenda without the other teams' cycles and reps (WIP and aging items stay: they are workspace-wide)."""
    if scope.team is None:
        return agenda
    by_id = {c.id: c for c in scope.cycles}
    names = {scope.rep_name[r] for r in scope.team_reps}
    kept = []
    for item in agenda.items:
        if item.view == "cycles" and item.object_id in by_id:
            if not scope.has(by_id[item.object_id]):
                continue
        elif item.section == Section.FOCUS and item.title not in names:
            continue
        kept.append(item)
    return dataclasses.replace(agenda, items=tuple(kept))


def _wip_breaches(data: AnalysisData, as_of: datetime) -> list[WipRow]:
    """Stages with more open opportunities than their WIP limit at ``as_of``, counted as the agenda and the
    Board count them (:func:`pdsa_desk.core.agenda.wip_counts`)."""
    stages = data.stages
    counts = wip_counts(data, as_of)
    rows = []
    for pos, limit in enumerate(stages["wip_limit"]):
        n = int(counts.get(pos, 0))
        if pd.notna(limit) and n > limit:
            rows.append(WipRow(str(stages["name"].iloc[pos]), n, int(limit)))
    return rows


def _active_cycles(scope: _Scope) -> list[Cycle]:
    """The scope's cycles in Act, then Study, then Do; by planned start and title within each."""
    order = {s: i for i, s in enumerate(("act", "study", "do"))}
    return sorted((c for c in scope.cycles if c.status in ACTIVE and scope.has(c)),
                  key=lambda c: (order[c.status], c.planned_start or date.max, c.title.casefold()))


def _cycle_section(ws: Workspace, c: Cycle, scope: _Scope, data: AnalysisData, meta: charts.ChartMeta,
                   tactics: dict[str, str], as_of: datetime, note: str = "") -> CycleSection:
    """One active cycle's page: its record, and its study, team view and chart (or why they cannot be computed)."""
    names = data.stages["name"].astype(str).tolist()
    pos = {sid: i for i, sid in enumerate(data.stages["id"].astype(str))}.get(c.from_stage_id)
    transition = f"{names[pos]} → {names[pos + 1]}" if pos is not None and pos + 1 < len(names) else ""
    reps = scope.participants.get(c.id, ())
    section = CycleSection(
        cycle=c, transition=transition, participants=sorted(scope.rep_name.get(r, r) for r in reps),
        owner=scope.rep_name.get(c.owner_rep_id or "", ""), tactic=tactics.get(c.tactic_id or "", ""), note=note)
    try:
        section.study = study_cycle(ws, c.id, as_of=as_of, data=data, cycle=c, rep_ids=reps)
        section.verdict = plain_verdict(section.study)
        section.confounders = study_confounders(ws, section.study, from_stage_id=c.from_stage_id)
        if len(section.study.rep_ids) > 1:
            section.team = team_improvement(ws, c.id, as_of=as_of, data=data, cycle=c, rep_ids=reps)
        if section.study.rep_ids:
            section.series = cycle_study_series(data, meta, section.study, as_of=as_of)
    except (ValidationError, ValueError) as exc:
        section.error = str(exc)
    return section


def _signal_sections(agenda: Agenda, data: AnalysisData, meta: charts.ChartMeta, scope: _Scope,
                     as_of: datetime) -> list[SignalSection]:
    """The agenda's new chart signals, each with its weekly P′ chart (for the team's reps with a team)."""
    chart_meta = dataclasses.replace(meta, cycles=())  # the agenda's chart: weekly P′, the declared phases
    group = ("team", scope.team.id) if scope.team is not None else charts.ALL_GROUP
    sections = []
    for item in agenda.section(Section.SIGNALS):
        stage_text, _, channel = item.object_id.partition("@channel:")  # one channel's signal: its own chart
        try:
            from_stage = int(stage_text)
            series = charts.conversion_series(data, chart_meta, from_stage=from_stage, period="week", chart="pp",
                                              as_of=as_of, group=("channel", channel) if channel else group)
        except ValueError:
            from_stage, series = -1, None
        sections.append(SignalSection(item.title, from_stage, item.detail, series))
    return sections


def _comparisons(ws: Workspace, sections: list[CycleSection], data: AnalysisData, scope: _Scope,
                 start: datetime, end: datetime, as_of: datetime) -> list[RepComparison]:
    """Reps side by side on the active cycles' transitions (the first transition when no cycle is active)."""
    stages = sorted({s.study.from_stage for s in sections if s.study is not None})
    if not stages:
        trans = charts.transitions(data)
        stages = [trans[0].from_stage] if trans else []
    team_id = scope.team.id if scope.team is not None else None
    return [compare_reps(ws, from_stage=s, start=start, end=end, as_of=as_of, data=data, team_id=team_id)
            for s in stages]


def collect_report(
    ws: Workspace,
    *,
    week: Any = None,
    team: str | None = None,
    now: datetime | None = None,
    data: AnalysisData | None = None,
    progress: Progress | None = None,
) -> ReportContent:
    """Gather the report's content (no widgets: safe on a worker thread).

    ``week``: ``"2026-W47"``, ``(2026, 47)``, a date inside the week, or None
    for the current week. A chosen week is read as of its end (Sunday 24:00
    UTC); the current week as of ``now``. ``team`` (a team name, any case)
    limits the agenda's cycles and rep items, the active cycles, the chart
    signals and the comparison to that team's reps (WIP limits and aging are
    workspace-wide and stay so). ``data`` is an already-loaded snapshot of
    ``ws`` (default: loaded here). Raises :class:`ValidationError` for a bad
    week or an unknown team (the message lists the teams).
    """

    def step(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    now = now or datetime.now(UTC)
    settings = services.get_settings(ws)
    year, num, as_of = resolve_week(week, now, settings.time_zone)  # the team's weeks
    team_row = _find_team(ws, team) if team else None
    step(0.05, "Reading the workspace")
    data = data if data is not None else load_analysis_data(ws)
    reps = services.list_reps(ws)
    past = None
    notes: list[str] = []
    if as_of < now:  # a past week: the workspace as it stood at its end
        step(0.1, "Reconstructing the week")
        past = reconstruct(ws, as_of, data)
        data, cycles, participants, meta = past.data, past.cycles, past.participants, past.meta
        notes = list(past.notes)
    else:
        cycles = services.list_cycles(ws)
        participants = {c.id: tuple(r.id for r in services.participants(ws, c.id)) for c in cycles}
        meta = charts.load_chart_meta(ws)

    step(0.2, "Building the agenda")
    signals = _team_signals(team_row.id, meta) if team_row is not None else None
    agenda = build_agenda(ws, as_of=as_of, data=data, signals=signals, meta=meta,
                          past=past.state() if past is not None else None)
    scope = _Scope(team=team_row, team_reps={r.id for r in reps if team_row is not None and r.team_id == team_row.id},
                   rep_name={r.id: r.name for r in reps}, cycles=cycles, participants=participants)
    agenda = _scoped_agenda(agenda, scope)

    tactics = {t.id: t.name for t in services.list_tactics(ws)}
    active = _active_cycles(scope)
    changed = past.changed if past is not None else {}
    sections = []
    for i, c in enumerate(active):
        step(0.3 + 0.4 * i / max(1, len(active)), f"Studying “{c.title}”")
        sections.append(_cycle_section(ws, c, scope, data, meta, tactics, as_of, changed.get(c.id, "")))

    step(0.75, "Charting the signals")
    signal_sections = _signal_sections(agenda, data, meta, scope, as_of)

    step(0.85, "Comparing reps")
    start, end = comparison_window(as_of)
    comparisons = _comparisons(ws, sections, data, scope, start, end, as_of)
    first_day, last_day = iso_week_bounds(year, num)
    return ReportContent(
        workspace=settings.name, year=year, week=num, first_day=first_day, last_day=last_day, as_of=as_of,
        generated_at=now, agenda=agenda, team=team_row.name if team_row is not None else None, cycles=sections,
        signals=signal_sections, wip=_wip_breaches(data, as_of), comparisons=comparisons,
        comparison_first=start.date(), comparison_last=(end - timedelta(days=1)).date(), notes=notes,
    )

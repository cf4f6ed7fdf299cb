"""What the editor shows about a cycle: its record (read through the services) and its computed results.

Both are plain data; :func:`compute_results` runs on the worker thread.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pdsa_desk.core import services
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.models import Cycle
from pdsa_desk.ui.context import AppContext


@dataclass
class CycleSnapshot:
    """Everything the editor shows of one cycle, read through the services."""

    cycle: Cycle
    participant_ids: list[str]
    reps: list[Any]
    teams: list[Any]
    tactics: list[Any]
    transitions: list[tuple[str, str]]  # (from-stage id, "From → To")
    active_counts: dict[str, int]
    observations: list[Any]
    tactic: Any | None = None

    @property
    def rep_names(self) -> dict[str, str]:
        return {r.id: r.name for r in self.reps}


def load_snapshot(ctx: AppContext, cycle_id: str) -> CycleSnapshot:
    from pdsa_desk.ui.cycles_models import transition_labels

    ws = ctx.ws
    cycle = services.get_cycle(ws, cycle_id)
    tactics = services.list_tactics(ws)
    return CycleSnapshot(
        cycle=cycle,
        participant_ids=[r.id for r in services.participants(ws, cycle_id)],
        reps=services.list_reps(ws),
        teams=services.list_teams(ws),
        tactics=tactics,
        transitions=list(transition_labels(ws).items()),
        active_counts=services.active_cycle_counts(ws),
        observations=services.observations(ws, cycle_id),
        tactic=next((t for t in tactics if t.id == cycle.tactic_id), None),
    )


def with_record(snap: CycleSnapshot, cycle: Cycle) -> CycleSnapshot:
    """``snap`` with the cycle's record as just read (after an edit), the rest as it was."""
    return dataclasses.replace(snap, cycle=cycle, tactic=next((t for t in snap.tactics if t.id == cycle.tactic_id),
                                                              None))


@dataclass
class CycleResults:
    """The computed side of a cycle: its study, the team view, the ramp and the chart's weekly rates."""

    cycle_id: str
    study: Any = None
    team: Any = None
    error: str = ""
    chain: list[Cycle] = field(default_factory=list)
    chain_studies: dict[str, Any] = field(default_factory=dict)
    series: Any = None  # charts.ConversionSeries of the participating reps, with this cycle's band
    #: Marketing initiatives that overlap the cycle's or its baseline's window (core.confounders.Confounder).
    confounders: list[Any] = field(default_factory=list)


def compute_results(ws: Any, cycle_id: str, data: Any, as_of: Any = None) -> CycleResults:
    """Study the cycle and every cycle of its ramp (plain function, runs on the worker thread)."""
    from pdsa_desk.core.study import study_cycle, team_improvement

    result = CycleResults(cycle_id=cycle_id)
    result.chain = services.ramp(ws, cycle_id)
    for c in result.chain:
        try:
            result.chain_studies[c.id] = study_cycle(ws, c.id, data=data, as_of=as_of)
        except (PdsaError, ValueError) as exc:
            result.chain_studies[c.id] = None
            if c.id == cycle_id:
                result.error = str(exc)
    study = result.chain_studies.get(cycle_id)
    result.study = study
    if study is None:
        return result
    from pdsa_desk.core.confounders import study_confounders

    result.confounders = study_confounders(ws, study)
    if len(study.rep_ids) > 1:
        result.team = team_improvement(ws, cycle_id, data=data, as_of=as_of)
    if study.rep_ids:
        from pdsa_desk.core.charts import load_chart_meta
        from pdsa_desk.core.study_series import cycle_study_series

        result.series = cycle_study_series(data, load_chart_meta(ws), study,
                                           as_of=as_of if as_of is not None else datetime.now(UTC))
    return result

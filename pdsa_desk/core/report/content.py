"""What the weekly report says, as plain data (no layout, no Qt): see :func:`pdsa_desk.core.report.collect_report`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdsa_desk.core.agenda import Agenda
    from pdsa_desk.core.charts import ConversionSeries
    from pdsa_desk.core.confounders import Confounder
    from pdsa_desk.core.funnel_compare import RepComparison
    from pdsa_desk.core.models import Cycle
    from pdsa_desk.core.study import CycleStudy, TeamImprovement
    from pdsa_desk.core.verdict import Verdict

__all__ = ["ACTIVE", "CycleSection", "ReportContent", "SignalSection", "WipRow"]

#: The statuses of the cycles the report has a page for (running or waiting for the team).
ACTIVE = ("do", "study", "act")


@dataclass
class CycleSection:
    """One active cycle: its record, study, plain verdict, team view and chart series (None when they cannot
    be computed).

    ``error`` says why the study could not be computed (then ``study`` is None); ``note`` what on the page
    is today's or left out (a past week's cycle changed after it).
    """

    cycle: Cycle
    transition: str
    participants: list[str]
    owner: str
    tactic: str
    study: CycleStudy | None = None
    team: TeamImprovement | None = None
    series: ConversionSeries | None = None
    error: str = ""
    verdict: Verdict | None = None
    note: str = ""
    #: Marketing initiatives overlapping the cycle's or its baseline's window (:mod:`pdsa_desk.core.confounders`).
    confounders: list[Confounder] = field(default_factory=list)


@dataclass
class SignalSection:
    """A transition with new signals on its weekly P′ chart (``series`` None when it cannot be charted)."""

    transition: str
    from_stage: int
    detail: str
    series: ConversionSeries | None


@dataclass(frozen=True)
class WipRow:
    """A stage with more open opportunities than its WIP limit."""

    stage: str
    open: int
    limit: int


@dataclass
class ReportContent:
    """Everything the weekly report shows, for one ISO week and scope (all teams or one)."""

    workspace: str
    year: int
    week: int
    first_day: date
    last_day: date
    as_of: datetime
    generated_at: datetime
    agenda: Agenda
    team: str | None = None
    cycles: list[CycleSection] = field(default_factory=list)
    signals: list[SignalSection] = field(default_factory=list)
    wip: list[WipRow] = field(default_factory=list)
    comparisons: list[RepComparison] = field(default_factory=list)
    comparison_first: date | None = None
    comparison_last: date | None = None
    #: What a past week's report cannot reconstruct (empty for the current week).
    notes: list[str] = field(default_factory=list)

    @property
    def week_label(self) -> str:
        """``Week 47, 2026`` (in English; the PDF translates its own)."""
        return f"Week {self.week}, {self.year}"

    @property
    def scope_label(self) -> str:
        """``Team North`` or ``All teams`` (in English; the PDF translates its own)."""
        return f"Team {self.team}" if self.team else "All teams"

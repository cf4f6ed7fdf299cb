"""Undoable edits of the chart phases and frozen baselines (workspace data, :mod:`pdsa_desk.core.services.phases`).

Each command makes its edit through the services (``apply`` first, by the view, so that a refused edit
never reaches the undo stack) and undoes it through them: removing what it added and restoring what it
replaced or removed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.standards_edits import current_author
from pdsa_desk.ui.undo import ServiceCommand, report_refusal

__all__ = ["AddPhaseCommand", "ClearPhasesCommand"]


class AddPhaseCommand(ServiceCommand):
    """Start a new phase, or freeze the baseline (replacing the transition's previous one)."""

    change = Change()  # phases are not in the analysis snapshot: it is kept

    def __init__(self, ctx: AppContext, stage_id: str, starts_at: datetime, kind: str, reason: str,
                 report: Callable[[str], None]) -> None:
        text = tr("Start a new phase") if kind == "phase" else tr("Freeze the baseline")
        super().__init__(ctx, text, report_refusal(report))
        self.stage_id, self.starts_at, self.kind, self.reason = stage_id, starts_at, kind, reason
        self.added: str | None = None
        self.replaced: list[str] = []

    def apply(self) -> None:
        row, self.replaced = services.add_chart_phase(self.ctx.ws, self.stage_id, self.starts_at, reason=self.reason,
                                                      kind=self.kind, author=current_author())
        self.added = row.id

    def reapply(self) -> None:
        if self.added is not None:  # the same row comes back (its id and who/when/why), replacing again
            services.restore_chart_phases(self.ctx.ws, [self.added])
            for phase_id in self.replaced:
                services.remove_chart_phase(self.ctx.ws, phase_id)

    def revert(self) -> None:
        if self.added is not None:
            services.remove_chart_phase(self.ctx.ws, self.added)
        if self.replaced:
            services.restore_chart_phases(self.ctx.ws, self.replaced)


class ClearPhasesCommand(ServiceCommand):
    """Delete every phase and the frozen baseline of one transition."""

    change = Change()  # phases are not in the analysis snapshot: it is kept

    def __init__(self, ctx: AppContext, stage_id: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Clear the baseline and phases"), report_refusal(report))
        self.stage_id = stage_id
        self.removed: list[str] = []

    def apply(self) -> None:
        self.removed = services.clear_chart_phases(self.ctx.ws, self.stage_id)

    def reapply(self) -> None:
        services.clear_chart_phases(self.ctx.ws, self.stage_id)

    def revert(self) -> None:
        services.restore_chart_phases(self.ctx.ws, self.removed)

"""Setting a new workspace up: how far it is (the first-run guide's three steps) and the stage template."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import col, select

from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Cycle, Opportunity, Stage, StandardRevision, TerminalKind, WorkspaceSettings
from pdsa_desk.core.services._base import live
from pdsa_desk.core.services.stages import _revision  # one rule for a stage's first revision

__all__ = ["STAGE_TEMPLATE", "SetupProgress", "create_template_stages", "setup_progress"]

#: Common B2B stages, each defined by what the *customer* does (observable, not the seller's hopes):
#: (name, standard, evidence checklist, terminal kind).
STAGE_TEMPLATE: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("Lead captured",
     "The customer described a need in their own words (form, e-mail or call) and named themselves as a contact.",
     ("Named contact", "Need in the customer's words"), TerminalKind.NONE),
    ("Discovery held",
     "The customer attended a discovery call and described how they work today and what it costs them.",
     ("Call attended by the customer", "Current process described", "Cost of the problem stated"),
     TerminalKind.NONE),
    ("Budget shared",
     "The customer shared a budget range in writing.",
     ("Budget range in writing", "Budget owner named"), TerminalKind.NONE),
    ("Proposal requested",
     "The customer asked for a written proposal and named everyone who will decide.",
     ("Written request for a proposal", "Decision makers named"), TerminalKind.NONE),
    ("Terms in negotiation",
     "The customer sent redlines or described their purchasing steps in writing.",
     ("Redlines or purchasing steps received",), TerminalKind.NONE),
    ("Won", "The customer signed the order form.", ("Signed order form",), TerminalKind.WON),
)


@dataclass(frozen=True)
class SetupProgress:
    """Which of the first-run guide's steps are done."""

    has_stages: bool
    has_opportunities: bool
    has_cycles: bool

    @property
    def complete(self) -> bool:
        return self.has_stages and self.has_opportunities and self.has_cycles

    @property
    def empty(self) -> bool:
        return not (self.has_stages or self.has_opportunities or self.has_cycles)


def setup_progress(ws: Workspace) -> SetupProgress:
    """Three ``LIMIT 1`` queries: cheap on any size of workspace."""
    with ws.session() as s:
        def exists(model: type[Stage] | type[Opportunity] | type[Cycle]) -> bool:
            return s.exec(select(model.id).where(col(model.deleted_at).is_(None)).limit(1)).first() is not None

        return SetupProgress(exists(Stage), exists(Opportunity), exists(Cycle))


def create_template_stages(ws: Workspace, *, author: str | None = None) -> list[Stage]:
    """Add the template's stages to a workspace that has none yet (one transaction)."""
    with ws.transaction() as s:
        if s.exec(live(Stage)).first() is not None:
            raise ValidationError("This workspace has stages already; the template is for a workspace without any.")
        settings = s.exec(live(WorkspaceSettings)).first()
        window = settings.default_window_days if settings is not None else 30
        stages = []
        for position, (name, standard, checklist, terminal) in enumerate(STAGE_TEMPLATE):
            stage = Stage(name=name, standard=standard, checklist=list(checklist), window_days=window,
                          terminal=str(terminal), position=position)
            s.add(stage)
            stages.append(stage)
        s.flush()
        revisions: list[StandardRevision] = [_revision(stage, author) for stage in stages]
        s.add_all(revisions)
        return stages

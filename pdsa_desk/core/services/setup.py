"""Setting a new workspace up: how far it is (the first-run guide's three steps) and the stage template."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, func
from sqlmodel import Session, col, select

from pdsa_desk.core import models
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import Cycle, Opportunity, Stage, StandardRevision, TerminalKind, WorkspaceSettings
from pdsa_desk.core.rules import same_name
from pdsa_desk.core.services._base import live, msg, tombstone, touch
from pdsa_desk.core.services.stages import _ordered, _renumber, _revision  # the stages' own rules
from pdsa_desk.core.setup_steps import SetupProgress as SetupProgress  # defined without SQLModel

__all__ = ["STAGE_TEMPLATE", "SetupProgress", "create_template_stages", "restore_template_stages", "setup_progress",
           "take_back_template_stages"]

# Common B2B stages, each defined by what the *customer* does (observable, not the seller's hopes):
# (name, standard, evidence checklist, terminal kind).
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
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "This workspace has stages "
                    "already; the template is for a workspace without any.")))
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


def _referring_columns() -> list[Column[Any]]:
    """Every column that refers to a stage, but its own revisions' (taken back with it)."""
    return [fk.parent for t in models.metadata.sorted_tables if t.name not in ("stage", "standard_revision")
            for fk in t.foreign_keys if fk.column.table.name == "stage"]


def _template_stages(s: Session, stage_ids: list[str], *, live_now: bool) -> list[Stage]:
    found = [s.get(Stage, i) for i in stage_ids]
    stages = [st for st in found if st is not None and (st.deleted_at is None) == live_now]
    if len(stages) != len(stage_ids):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The template's stages were "
                "changed or deleted meanwhile; nothing was changed.")))
    return stages


def take_back_template_stages(ws: Workspace, stage_ids: list[str]) -> None:
    """Undo "Start from a template": the stages and their first revisions become tombstones again (one
    transaction), while nothing refers to them yet."""
    with ws.transaction() as s:
        stages = _template_stages(s, stage_ids, live_now=True)
        for column in _referring_columns():
            used = s.execute(select(func.count()).select_from(column.table).where(
                column.in_(stage_ids), column.table.c.deleted_at.is_(None))).scalar_one()
            if used:
                raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The template's stages "
                        "are in use now (opportunities, cycles or tactics refer to them); change or delete "
                        "them on the Standards page instead.")))
        for stage in stages:
            tombstone(stage)
        for revision in s.exec(live(StandardRevision).where(col(StandardRevision.stage_id).in_(stage_ids))):
            tombstone(revision)


def restore_template_stages(ws: Workspace, stage_ids: list[str]) -> None:
    """Redo "Start from a template": the same stages (and revisions) back, first in the journey, in one
    transaction; refused when a stage of the same name was added meanwhile."""
    with ws.transaction() as s:
        stages = _template_stages(s, stage_ids, live_now=False)
        for stage in stages:
            if s.exec(live(Stage).where(same_name(Stage.__table__.c.name, stage.name))).first() is not None:
                raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "A stage named '%1' "
                        "was added meanwhile; nothing was redone."), stage.name))
        others = _ordered(s)
        for stage in stages:
            stage.deleted_at = None
            touch(stage)
        _renumber(stages + others)
        for revision in s.exec(select(StandardRevision).where(col(StandardRevision.stage_id).in_(stage_ids))):
            revision.deleted_at = None
            touch(revision)

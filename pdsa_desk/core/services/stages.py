"""The customer journey: stages, their observable standards and revisions; loss reasons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, func, select

from pdsa_desk.core import rules
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    Cycle,
    LossReason,
    Opportunity,
    Stage,
    StageEvent,
    StandardRevision,
    Tactic,
    TerminalKind,
    WorkspaceSettings,
    utcnow,
)
from pdsa_desk.core.services._base import (
    UNSET,
    Unset,
    check_choice,
    claim,
    clean_items,
    clean_name,
    ensure_unique_name,
    get_live,
    live,
    msg,
    positive_int,
    tombstone,
    touch,
)

__all__ = [
    "create_loss_reason",
    "create_stage",
    "delete_loss_reason",
    "delete_stage",
    "list_loss_reasons",
    "list_stages",
    "move_stage",
    "rename_loss_reason",
    "reorder_stages",
    "stage_revisions",
    "update_stage",
]


def list_stages(ws: Workspace) -> list[Stage]:
    with ws.session() as s:
        return _ordered(s)


def _ordered(s: Session) -> list[Stage]:
    return list(s.exec(live(Stage).order_by(col(Stage.position))))


def _renumber(stages: Sequence[Stage]) -> None:
    """Stages at 0..n-1 in this order (:func:`pdsa_desk.core.rules.renumbered`); a moved stage is a new version."""
    by_id = {stage.id: stage for stage in stages}
    for stage_id, position in rules.renumbered(list(by_id), {i: s.position for i, s in by_id.items()}).items():
        by_id[stage_id].position = position
        touch(by_id[stage_id])


def _revision(stage: Stage, author: str | None) -> StandardRevision:
    """The stage's definition as it is now (:func:`pdsa_desk.core.rules.standard_revision`)."""
    return StandardRevision(**rules.standard_revision(
        stage.id, stage.name, stage.standard, stage.checklist, at=utcnow(), author=author))


def create_stage(
    ws: Workspace,
    name: str,
    *,
    standard: str = "",
    checklist: Sequence[str] = (),
    wip_limit: int | None = None,
    window_days: int | None = None,
    terminal: str = TerminalKind.NONE,
    position: int | None = None,
    author: str | None = None,
) -> Stage:
    """Add a stage (at the end unless ``position`` is given) and record its first revision."""
    with ws.transaction() as s:
        name = clean_name(name, "stage")
        ensure_unique_name(s, Stage, name, "stage")
        if window_days is None:
            settings = s.exec(live(WorkspaceSettings)).first()
            window_days = settings.default_window_days if settings else 30
        stage = Stage(
            name=name,
            standard=(standard or "").strip(),
            checklist=clean_items(checklist, "checklist", "Checklist"),
            wip_limit=positive_int(wip_limit, "wip_limit", "WIP limit", allow_none=True),
            window_days=positive_int(window_days, "window_days", "Conversion window (days)"),
            terminal=check_choice(terminal, TerminalKind, "terminal", "Terminal kind"),
            position=0,
        )
        stages = _ordered(s)
        index = len(stages) if position is None else max(0, min(int(position), len(stages)))
        stages.insert(index, stage)
        s.add(stage)
        _renumber(stages)
        stage.position = index
        s.flush()
        s.add(_revision(stage, author))
        return stage


def update_stage(
    ws: Workspace,
    stage_id: str,
    *,
    name: str | None = None,
    standard: str | None = None,
    checklist: Sequence[str] | None = None,
    wip_limit: int | Unset | None = UNSET,
    window_days: int | None = None,
    terminal: str | None = None,
    author: str | None = None,
    expected_updated_at: datetime | None = None,
) -> Stage:
    """Edit a stage. A change of its name, standard or checklist is recorded as a revision.

    With ``expected_updated_at`` (the stamp the editor read), a stage changed by
    someone else since then is refused with :class:`ConflictError`.
    """
    with ws.transaction() as s:
        claim(s, Stage, stage_id, expected_updated_at, "stage")
        stage = get_live(s, Stage, stage_id, "stage")
        definition_changed = False
        if name is not None:
            name = clean_name(name, "stage")
            ensure_unique_name(s, Stage, name, "stage", exclude_id=stage.id)
            definition_changed |= name != stage.name
            stage.name = name
        if standard is not None:
            text = standard.strip()
            definition_changed |= text != stage.standard
            stage.standard = text
        if checklist is not None:
            items = clean_items(checklist, "checklist", "Checklist")
            definition_changed |= items != list(stage.checklist)
            stage.checklist = items
        if wip_limit is not UNSET:
            stage.wip_limit = positive_int(wip_limit, "wip_limit", "WIP limit", allow_none=True)
        if window_days is not None:
            stage.window_days = positive_int(window_days, "window_days", "Conversion window (days)")
        if terminal is not None:
            stage.terminal = check_choice(terminal, TerminalKind, "terminal", "Terminal kind")
        touch(stage)
        if definition_changed:
            s.add(_revision(stage, author))
        return stage


def delete_stage(ws: Workspace, stage_id: str) -> None:
    """Delete a stage nothing refers to; a stage with history is refused."""
    with ws.transaction() as s:
        stage = get_live(s, Stage, stage_id, "stage")
        n_events = s.exec(
            select(func.count()).select_from(StageEvent).where(
                StageEvent.stage_id == stage.id, col(StageEvent.deleted_at).is_(None)
            )
        ).one()
        if n_events:
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Stage '%1' has %2 recorded stage moves and "
                        "cannot be deleted: its history would be lost. Rename it or change its standard "
                        "instead."), stage.name, n_events)
            )
        if s.exec(live(Cycle).where(Cycle.from_stage_id == stage.id)).first():
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Stage '%1' is the "
                    "starting stage of PDSA cycles and cannot be deleted."), stage.name))
        if s.exec(live(Tactic).where(Tactic.stage_id == stage.id)).first():
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Tactics aim at stage "
                    "'%1'; move or delete them first."), stage.name))
        tombstone(stage)
        for rev in s.exec(live(StandardRevision).where(StandardRevision.stage_id == stage.id)):
            tombstone(rev)
        s.flush()
        _renumber(_ordered(s))


def reorder_stages(ws: Workspace, ordered_ids: Sequence[str]) -> list[Stage]:
    """Put the stages in this order (every live stage exactly once)."""
    with ws.transaction() as s:
        stages = {st.id: st for st in _ordered(s)}
        if sorted(ordered_ids) != sorted(stages) or len(set(ordered_ids)) != len(ordered_ids):
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The new order must list "
                    "every stage exactly once.")))
        result = [stages[i] for i in ordered_ids]
        _renumber(result)
        return result


def move_stage(ws: Workspace, stage_id: str, new_position: int) -> list[Stage]:
    """Move one stage to a new position, shifting the others."""
    ids = [st.id for st in list_stages(ws)]
    if stage_id not in ids:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The stage no longer exists "
                "(it may have been deleted).")))
    ids.remove(stage_id)
    ids.insert(max(0, min(int(new_position), len(ids))), stage_id)
    return reorder_stages(ws, ids)


def stage_revisions(ws: Workspace, stage_id: str | None = None) -> list[StandardRevision]:
    """Revisions (oldest first), of one stage or of all."""
    with ws.session() as s:
        stmt = live(StandardRevision).order_by(col(StandardRevision.effective_from))
        if stage_id is not None:
            stmt = stmt.where(StandardRevision.stage_id == stage_id)
        return list(s.exec(stmt))


# --- loss reasons --------------------------------------------------------------------------


def list_loss_reasons(ws: Workspace) -> list[LossReason]:
    with ws.session() as s:
        return list(s.exec(live(LossReason).order_by(col(LossReason.position), LossReason.name)))


def create_loss_reason(ws: Workspace, name: str) -> LossReason:
    with ws.transaction() as s:
        name = clean_name(name, "loss reason")
        ensure_unique_name(s, LossReason, name, "loss reason")
        # After the last live reason: a count would collide with a survivor once one was deleted.
        last = s.exec(select(func.max(LossReason.position)).where(col(LossReason.deleted_at).is_(None))).one()
        reason = LossReason(name=name, position=0 if last is None else int(last) + 1)
        s.add(reason)
        return reason


def rename_loss_reason(
    ws: Workspace, reason_id: str, name: str, *, expected_updated_at: datetime | None = None
) -> LossReason:
    with ws.transaction() as s:
        claim(s, LossReason, reason_id, expected_updated_at, "loss reason")
        reason = get_live(s, LossReason, reason_id, "loss reason")
        name = clean_name(name, "loss reason")
        ensure_unique_name(s, LossReason, name, "loss reason", exclude_id=reason.id)
        reason.name = name
        touch(reason)
        return reason


def delete_loss_reason(ws: Workspace, reason_id: str) -> None:
    with ws.transaction() as s:
        reason = get_live(s, LossReason, reason_id, "loss reason")
        used = s.exec(
            select(func.count()).select_from(Opportunity).where(
                Opportunity.loss_reason_id == reason.id, col(Opportunity.deleted_at).is_(None)
            )
        ).one()
        if used:
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "Loss reason '%1' is used by %2 lost "
                        "opportunities; rename it instead."), reason.name, used)
            )
        tombstone(reason)

"""Opportunities and their stage moves (the evidence the charts are computed from)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import SupportsFloat, SupportsIndex

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from pdsa_desk.core import rules
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    EventOrigin,
    LossReason,
    Opportunity,
    Outcome,
    Rep,
    Stage,
    StageEvent,
    utcnow,
)
from pdsa_desk.core.services._base import (
    TITLE_MAX_LENGTH,
    UNSET,
    Unset,
    aware,
    check_choice,
    clean_name,
    get_live,
    live,
    msg,
    tombstone,
    touch,
)

__all__ = [
    "Move",
    "WipLimitReached",
    "create_opportunity",
    "delete_opportunity",
    "history",
    "mark_lost",
    "mark_won",
    "move_opportunity",
    "redo_move",
    "reopen",
    "undo_move",
    "update_opportunity",
]


def _clean_amount(amount: object) -> float | None:
    if amount is None or amount == "":
        return None
    if not isinstance(amount, str | SupportsFloat | SupportsIndex):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Amount '%1' is not a number."), str(amount)), "amount")
    try:
        value = float(amount)
    except (TypeError, ValueError):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Amount '%1' is not a number."), str(amount)),
                              "amount") from None
    if value < 0 or math.isnan(value):
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Amount must be zero or more.")), "amount")
    return value


def create_opportunity(
    ws: Workspace,
    name: str,
    *,
    rep_id: str | None = None,
    stage_id: str | None = None,
    opened_at: datetime | None = None,
    amount: float | None = None,
    source: str | None = None,
    external_id: str | None = None,
    channel: str | None = None,
    evidence_items: Sequence[str] = (),
) -> Opportunity:
    """Create an opportunity; with ``stage_id`` it also enters that stage at ``opened_at``."""
    with ws.transaction() as s:
        opp = Opportunity(
            name=clean_name(name, "opportunity", max_length=TITLE_MAX_LENGTH),
            rep_id=get_live(s, Rep, rep_id, "rep", "rep_id").id if rep_id else None,
            opened_at=aware(opened_at, "opened_at") or utcnow(),
            amount=_clean_amount(amount),
            source=(source or None),
            external_id=(str(external_id).strip() or None) if external_id is not None else None,
            channel=(channel or None),
        )
        if opp.external_id is not None:
            dup = s.exec(
                live(Opportunity).where(Opportunity.source == opp.source, Opportunity.external_id == opp.external_id)
            ).first()
            if dup is not None:
                raise ValidationError(
                    msg(QT_TRANSLATE_NOOP("Services", "An opportunity with id '%1' from %2 "
                            "already exists ('%3')."), opp.external_id, opp.source or 'no source', dup.name),
                    "external_id",
                )
            if opp.source is not None:
                # The unique key also covers tombstoned rows (kept for merging): say so instead of crashing.
                gone = s.exec(
                    select(Opportunity).where(
                        Opportunity.source == opp.source, Opportunity.external_id == opp.external_id
                    )
                ).first()
                if gone is not None:
                    raise ValidationError(
                        msg(QT_TRANSLATE_NOOP("Services", "A deleted opportunity had id '%1' "
                                "from %2 ('%3'); use another id."), opp.external_id, opp.source, gone.name),
                        "external_id",
                    )
        s.add(opp)
        s.flush()
        if stage_id is not None:
            _enter(s, opp, stage_id, opp.opened_at, evidence_items, None, EventOrigin.BOARD)
        return opp


def update_opportunity(
    ws: Workspace,
    opp_id: str,
    *,
    name: str | None = None,
    rep_id: str | Unset | None = UNSET,
    amount: object | Unset = UNSET,
    channel: str | Unset | None = UNSET,
    expected_updated_at: datetime | None = None,
) -> Opportunity:
    """Rename, reassign, re-price or re-channel an opportunity (``name`` None: unchanged); one transaction.

    The rules are :func:`pdsa_desk.core.services.opportunity_edits.edit_opportunity`'s, which this calls
    (imported here: that module builds on this one).
    """
    from pdsa_desk.core.services.opportunity_edits import edit_opportunity

    return edit_opportunity(ws, opp_id, name=UNSET if name is None else name, rep_id=rep_id, amount=amount,
                            channel=channel, expected_updated_at=expected_updated_at)


def delete_opportunity(ws: Workspace, opp_id: str) -> None:
    """Tombstone an opportunity and its history."""
    with ws.transaction() as s:
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        when = utcnow()
        for ev in s.exec(live(StageEvent).where(StageEvent.opportunity_id == opp.id)):
            tombstone(ev, when)
        tombstone(opp, when)


def history(ws: Workspace, opp_id: str) -> list[StageEvent]:
    """The opportunity's stage events, oldest first."""
    with ws.session() as s:
        return list(
            s.exec(live(StageEvent).where(StageEvent.opportunity_id == opp_id).order_by(col(StageEvent.entered_at)))
        )


class WipLimitReached(ValidationError):
    """The move would put the stage over its WIP limit; confirm with ``wip_override=True`` to record it anyway."""

    def __init__(self, stage_name: str, count: int, limit: int) -> None:
        super().__init__(
            msg(QT_TRANSLATE_NOOP("Services", "'%1' holds %2 open opportunities; its WIP limit is %3. Confirm to move "
                                  "anyway (the override is recorded)."), stage_name, count, limit),
            "wip_override",
        )
        self.stage_name, self.count, self.limit = stage_name, count, limit


def current_stage_id(s: Session, opp_id: str) -> str | None:
    """The stage of the opportunity's latest live stage event (None: no event yet)."""
    event = s.exec(
        live(StageEvent).where(StageEvent.opportunity_id == opp_id)
        .order_by(col(StageEvent.entered_at).desc(), col(StageEvent.created_at).desc())
    ).first()
    return event.stage_id if event is not None else None


def open_in_stage(s: Session, stage_id: str, *, excluding: str | None = None) -> int:
    """How many open opportunities are in the stage now: their latest live event is in it.

    Read per open opportunity through the indexes, not by grouping every event: a board move runs this in
    its transaction, and the grouping took 0.9 s at 100,000 events and 15 s at 1M. The open opportunities come
    from the live-outcome index (schema 0005), in id order and without their rows; each one's latest event from
    the (opportunity, time) index."""
    if s.get_bind().dialect.name == "sqlite":
        params = {"open": str(Outcome.OPEN), "stage": stage_id, "excluding": excluding}
        return int(s.execute(text(SQLITE_OPEN_IN_STAGE), params).scalar_one())
    latest = (
        select(StageEvent.stage_id)
        .where(StageEvent.opportunity_id == Opportunity.id, col(StageEvent.deleted_at).is_(None))
        .order_by(col(StageEvent.entered_at).desc(), col(StageEvent.id).desc())
        .limit(1)
        .correlate(Opportunity)
        .scalar_subquery()
    )
    stmt = select(func.count()).select_from(Opportunity).where(
        col(Opportunity.deleted_at).is_(None), Opportunity.outcome == Outcome.OPEN, latest == stage_id)
    if excluding is not None:
        stmt = stmt.where(Opportunity.id != excluding)
    return int(s.exec(stmt).one())


#: :func:`open_in_stage` on SQLite. Ties in time: the last stored, as the board and a load order them -- the
#: rowid, which the (opportunity, time) index holds, so the latest event is the first one a backward scan finds.
#: The index is named because SQLite's planner takes the plain outcome index instead (ANALYZE's statistics give
#: "a third of the rows per outcome" for both, and it does not count the partial one as covering), which reads
#: every open opportunity's row: 34-36 ms against 15-22 ms at 200,000 opportunities (5,000 open). Written as SQL
#: because SQLAlchemy's SQLite dialect drops table hints. The index exists from revision 0005 on (a workspace
#: is upgraded when it is opened for writing, and a move is the only caller).
SQLITE_OPEN_IN_STAGE = (
    "SELECT count(*) FROM opportunity INDEXED BY ix_opportunity_live_outcome "
    "WHERE opportunity.deleted_at IS NULL AND opportunity.outcome = :open "
    "AND (:excluding IS NULL OR opportunity.id <> :excluding) "
    "AND (SELECT e.stage_id FROM stage_event e WHERE e.opportunity_id = opportunity.id AND e.deleted_at IS NULL "
    "ORDER BY e.entered_at DESC, e.rowid DESC LIMIT 1) = :stage")


def _enter(
    s: Session,
    opp: Opportunity,
    stage_id: str,
    entered_at: datetime,
    evidence_items: Sequence[str],
    evidence_confirmed: bool | None,
    origin: str,
    *,
    wip_override: bool | None = None,
) -> StageEvent:
    """Record the event. With ``wip_override`` given (board moves), the stage's WIP limit is checked: a move
    that puts it over the limit is refused (:class:`WipLimitReached`) unless confirmed, and then recorded."""
    stage = get_live(s, Stage, stage_id, "stage", "stage_id")
    over_limit = False
    if wip_override is not None and stage.wip_limit is not None:
        count = open_in_stage(s, stage.id, excluding=opp.id)
        over_limit = count >= stage.wip_limit
        if over_limit and not wip_override:
            raise WipLimitReached(stage.name, count, stage.wip_limit)
    items = [str(i) for i in evidence_items]
    unknown = [i for i in items if i not in stage.checklist]
    if unknown:
        raise ValidationError(
            msg(QT_TRANSLATE_NOOP("Services", "'%1' is not on the evidence checklist of stage "
                    "'%2'."), unknown[0], stage.name), "evidence_items"
        )
    if entered_at < opp.opened_at:
        raise ValidationError(
            msg(QT_TRANSLATE_NOOP("Services", "'%1' cannot enter '%2' before it was created "
                    "(%3 UTC)."), opp.name, stage.name, f"{opp.opened_at:%Y-%m-%d %H:%M}"),
            "entered_at",
        )
    confirmed = set(items) == set(stage.checklist) if evidence_confirmed is None else bool(evidence_confirmed)
    event = StageEvent(
        opportunity_id=opp.id,
        stage_id=stage.id,
        entered_at=entered_at,
        evidence_confirmed=confirmed,
        evidence_items=items,
        origin=check_choice(origin, EventOrigin, "origin", "Origin"),
        wip_override=over_limit,
    )
    s.add(event)
    _set(opp, rules.entering(stage.terminal, entered_at, opp.opened_at))
    touch(opp)
    return event


def _set(opp: Opportunity, values: dict[str, object] | None) -> None:
    """Apply outcome, close date and loss reason as a rule of :mod:`pdsa_desk.core.rules` gave them."""
    for key, value in (values or {}).items():
        setattr(opp, key, value)


@dataclass(frozen=True)
class Move:
    """What a board move wrote, so that it can be undone exactly."""

    event: StageEvent
    previous_outcome: str
    previous_closed_at: datetime | None


def move_opportunity(
    ws: Workspace,
    opp_id: str,
    stage_id: str,
    *,
    evidence_items: Sequence[str] = (),
    evidence_confirmed: bool | None = None,
    entered_at: datetime | None = None,
    origin: str = EventOrigin.BOARD,
    wip_override: bool | None = None,
) -> Move:
    """Record that an open opportunity entered a stage, with the evidence seen.

    ``evidence_confirmed`` defaults to "every checklist item was ticked".
    Entering the stage marked as *won* closes the opportunity as won. Moving into the stage the
    opportunity is already in is refused (it would record a second entry).

    The WIP limit is checked when ``wip_override`` is given (the board always gives it): with False, a move
    that puts the stage over its limit (it already holds ``wip_limit`` or more open opportunities) raises
    :class:`WipLimitReached`; with True (the user confirmed) the move is recorded with the override. None
    (scripts, back-dated corrections) does not check, and records no override.
    """
    with ws.transaction() as s:
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        rules.ensure_open(opp.name, opp.outcome, "moving it")
        target = get_live(s, Stage, stage_id, "stage", "stage_id")
        if current_stage_id(s, opp.id) == target.id:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "'%1' is already in '%2'."), opp.name, target.name),
                                  "stage_id")
        before = (opp.outcome, opp.closed_at)
        event = _enter(
            s, opp, stage_id, aware(entered_at, "entered_at") or utcnow(), evidence_items, evidence_confirmed, origin,
            wip_override=wip_override,
        )
        return Move(event=event, previous_outcome=before[0], previous_closed_at=before[1])


def undo_move(ws: Workspace, move: Move) -> None:
    """Take a board move back: tombstone its event and restore the outcome it changed."""
    with ws.transaction() as s:
        event = get_live(s, StageEvent, move.event.id, "stage move")
        opp = get_live(s, Opportunity, event.opportunity_id, "opportunity")
        tombstone(event)
        opp.outcome = move.previous_outcome
        opp.closed_at = move.previous_closed_at
        touch(opp)


def redo_move(ws: Workspace, move: Move) -> None:
    """Re-apply an undone move (the same event row comes back)."""
    with ws.transaction() as s:
        event = s.get(StageEvent, move.event.id)
        if event is None or event.deleted_at is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "That move cannot be "
                    "redone: it is not undone any more.")))
        opp = get_live(s, Opportunity, event.opportunity_id, "opportunity")
        rules.ensure_open(opp.name, opp.outcome, "redoing the move")
        stage = get_live(s, Stage, event.stage_id, "stage")
        event.deleted_at = None
        touch(event)
        _set(opp, rules.entering(stage.terminal, event.entered_at, opp.opened_at))
        touch(opp)


def mark_won(ws: Workspace, opp_id: str, *, at: datetime | None = None) -> Opportunity:
    with ws.transaction() as s:
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        _set(opp, rules.close(Outcome.WON, aware(at, "closed_at") or utcnow(), opp.opened_at))
        touch(opp)
        return opp


def mark_lost(ws: Workspace, opp_id: str, reason_id: str | None, *, at: datetime | None = None) -> Opportunity:
    """Close as lost. A reason is required: losses without one teach nothing."""
    with ws.transaction() as s:
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        if not reason_id:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose a loss reason.")), "loss_reason_id")
        reason = get_live(s, LossReason, reason_id, "loss reason", "loss_reason_id")
        _set(opp, rules.close(Outcome.LOST, aware(at, "closed_at") or utcnow(), opp.opened_at, reason.id))
        touch(opp)
        return opp


def reopen(ws: Workspace, opp_id: str) -> Opportunity:
    with ws.transaction() as s:
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        _set(opp, rules.reopened())
        touch(opp)
        return opp

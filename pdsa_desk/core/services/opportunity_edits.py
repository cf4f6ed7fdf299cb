"""Correcting an opportunity in one go (the opportunity editor), and bringing a deleted one back.

:func:`edit_opportunity` changes any of name, rep, amount, channel, source, open date and outcome (with its
loss reason and close date) in one transaction, so that an editor's save is one edit and its undo another
call with the values before. The rules (:mod:`pdsa_desk.core.rules`):

* the open date is not after the opportunity's first stage move nor after its close date;
* a lost opportunity has a loss reason, a won or open one none; a closed one has a close date, not before
  it was opened; an open one has none;
* an opportunity whose latest stage move entered the won stage is not reopened here: undo that move on
  the Board (or move it on), so that its history says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from pdsa_desk.core import rules
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP
from pdsa_desk.core.models import (
    LossReason,
    Opportunity,
    Outcome,
    Rep,
    Stage,
    StageEvent,
    TerminalKind,
    utcnow,
)
from pdsa_desk.core.services._base import (
    TITLE_MAX_LENGTH,
    UNSET,
    Unset,
    aware,
    check_choice,
    claim,
    clean_name,
    get_live,
    live,
    msg,
    noun,
    touch,
)
from pdsa_desk.core.services.opportunities import _clean_amount

__all__ = ["OpportunityValues", "edit_opportunity", "opportunity_values", "restore_opportunity"]

_TEXT_LIMIT = 200  # channel and source: the columns' length


@dataclass(frozen=True)
class OpportunityValues:
    """Everything the opportunity editor shows and can change, as stored."""

    name: str
    rep_id: str | None
    amount: float | None
    channel: str | None
    source: str | None
    opened_at: datetime
    outcome: str
    loss_reason_id: str | None
    closed_at: datetime | None
    updated_at: datetime
    # The latest stage move entered the won stage (reopening is undoing that move, on the Board).
    in_won_stage: bool
    # When the first stage move was recorded (the open date cannot be later), None without moves.
    first_move_at: datetime | None


def opportunity_values(ws: Workspace, opp_id: str) -> OpportunityValues:
    with ws.session() as s:
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        events = list(s.exec(live(StageEvent).where(StageEvent.opportunity_id == opp.id)
                             .order_by(col(StageEvent.entered_at))))
        in_won = False
        if events:
            stage = s.get(Stage, events[-1].stage_id)
            in_won = stage is not None and stage.deleted_at is None and stage.terminal == TerminalKind.WON
        return OpportunityValues(
            name=opp.name, rep_id=opp.rep_id, amount=opp.amount, channel=opp.channel, source=opp.source,
            opened_at=opp.opened_at, outcome=opp.outcome, loss_reason_id=opp.loss_reason_id,
            closed_at=opp.closed_at, updated_at=opp.updated_at, in_won_stage=in_won,
            first_move_at=events[0].entered_at if events else None,
        )


def _short_text(value: object, field: str, label: str) -> str | None:
    text = "" if value is None else str(value).strip()
    if len(text) > _TEXT_LIMIT:
        raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "%1 is too long (%2 "
                "characters; at most %3)."), noun(label), len(text), _TEXT_LIMIT), field)
    return text or None


def edit_opportunity(
    ws: Workspace,
    opp_id: str,
    *,
    name: str | Unset = UNSET,
    rep_id: str | Unset | None = UNSET,
    amount: object | Unset = UNSET,
    channel: str | Unset | None = UNSET,
    source: str | Unset | None = UNSET,
    opened_at: datetime | Unset = UNSET,
    outcome: str | Unset = UNSET,
    loss_reason_id: str | Unset | None = UNSET,
    closed_at: datetime | Unset | None = UNSET,
    expected_updated_at: datetime | None = None,
) -> Opportunity:
    """Change what is given (see the module docstring for the rules); one transaction."""
    with ws.transaction() as s:
        claim(s, Opportunity, opp_id, expected_updated_at, "opportunity")
        opp = get_live(s, Opportunity, opp_id, "opportunity")
        if name is not UNSET:
            opp.name = clean_name(name, "opportunity", max_length=TITLE_MAX_LENGTH)
        if rep_id is not UNSET:
            opp.rep_id = get_live(s, Rep, rep_id, "rep", "rep_id").id if rep_id else None
        if amount is not UNSET:
            opp.amount = _clean_amount(amount)
        if channel is not UNSET:
            opp.channel = _short_text(channel, "channel", "Channel")
        if source is not UNSET:
            opp.source = _short_text(source, "source", "Source")
        if opened_at is not UNSET:
            when = aware(opened_at, "opened_at")
            first = s.exec(select(StageEvent.entered_at).where(
                StageEvent.opportunity_id == opp.id, col(StageEvent.deleted_at).is_(None))
                .order_by(col(StageEvent.entered_at)).limit(1)).first()
            if first is not None and when > aware(first, "entered_at"):
                raise ValidationError(
                    msg(QT_TRANSLATE_NOOP("Services", "The open date cannot be after its first "
                            "stage move (%1)."), f"{first:%Y-%m-%d}"), "opened_at")
            opp.opened_at = when
        _edit_outcome(s, opp, outcome, loss_reason_id, closed_at)
        touch(opp)
        return opp


def _edit_outcome(s: Session, opp: Opportunity, outcome: str | Unset, reason_id: str | Unset | None,
                  closed_at: datetime | Unset | None) -> None:
    new = opp.outcome if outcome is UNSET else check_choice(outcome, Outcome, "outcome", "Outcome")
    if new == Outcome.OPEN:
        if opp.outcome != Outcome.OPEN and _in_won_stage(s, opp):
            raise ValidationError(
                msg(QT_TRANSLATE_NOOP("Services", "'%1' entered the won stage; to reopen it, "
                        "undo that move on the Board (Ctrl+Z) or record its next move."), opp.name), "outcome")
        values = rules.reopened()
    else:
        reason = opp.loss_reason_id if reason_id is UNSET else reason_id
        if new == Outcome.LOST:
            if not reason:
                raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "Choose a loss reason.")), "loss_reason_id")
            reason = get_live(s, LossReason, reason, "loss reason", "loss_reason_id").id
        at = opp.closed_at if closed_at is UNSET else closed_at
        when = aware(at, "closed_at") if at is not None else utcnow()
        if when > utcnow():
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The close date cannot be "
                    "in the future.")), "closed_at")
        values = rules.close(new, when, opp.opened_at, reason)
    for key, value in values.items():
        setattr(opp, key, value)


def _in_won_stage(s: Session, opp: Opportunity) -> bool:
    latest = s.exec(live(StageEvent).where(StageEvent.opportunity_id == opp.id)
                    .order_by(col(StageEvent.entered_at).desc())).first()
    if latest is None:
        return False
    stage = s.get(Stage, latest.stage_id)
    return stage is not None and stage.terminal == TerminalKind.WON


def restore_opportunity(ws: Workspace, opp_id: str) -> Opportunity:
    """Undo the delete of an opportunity: it and the stage moves deleted with it come back."""
    with ws.transaction() as s:
        opp = s.get(Opportunity, opp_id)
        if opp is None:
            raise ValidationError(msg(QT_TRANSLATE_NOOP("Services", "The opportunity no longer "
                    "exists.")))
        when = opp.deleted_at
        if when is None:
            return opp
        for event in s.exec(select(StageEvent).where(StageEvent.opportunity_id == opp.id,
                                                     StageEvent.deleted_at == when)):
            event.deleted_at = None
            touch(event)
        opp.deleted_at = None
        touch(opp)
        return opp

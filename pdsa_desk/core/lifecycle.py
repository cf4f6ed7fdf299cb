"""Guards on a cycle's steps that the data can make premature (the rule; the services apply it).

* Moving a cycle from Do to Study when **no customer of the cycle has a known outcome** yet: there is
  nothing to study.
* Deciding (adopt, adapt, abandon) while **the study says "too early"** (see
  :func:`pdsa_desk.core.study.study_cycle`): the decision would rest on numbers that may still change.

Neither is forbidden -- a team may have other evidence, or a cycle may have to stop -- but each asks
for confirmation: the service raises :class:`NeedsReason` until it is given a reason, which it records
with the cycle (``early_study_reason``, ``early_decision_reason``) so that whoever reads the record
later sees that the step was taken early, and why.

The reasons are :class:`~pdsa_desk.core.messages.Message` values in the context ``"Lifecycle"`` (English as
``str``), translated where the cycle editor asks for the confirmation.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Arg, Message

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData

__all__ = ["NeedsReason", "clean_reason", "decision_guard", "study_guard"]

_MAX_REASON = 2000


def _m(template: str, *args: Arg) -> Message:
    return Message("Lifecycle", template, *args)


class NeedsReason(ValidationError):
    """A step the data makes premature: confirm it by giving a reason (``early_reason=``).

    ``step`` is ``"study"`` or ``"decide"``; ``message`` says what is missing.
    """

    def __init__(self, message: str, step: str) -> None:
        super().__init__(message, "early_reason")
        self.step = step


def clean_reason(text: str | None) -> str:
    reason = (text or "").strip()
    if len(reason) > _MAX_REASON:
        raise ValidationError(_m(QT_TRANSLATE_NOOP("Lifecycle", "The reason is too long (%1 characters; at most %2)."),
                                 len(reason), _MAX_REASON), "early_reason")
    return reason


def _study(ws: Workspace, cycle_id: str, as_of: datetime | None, data: AnalysisData | None) -> Any:
    from pdsa_desk.core.study import study_cycle

    return study_cycle(ws, cycle_id, as_of=as_of, data=data)


def study_guard(ws: Workspace, cycle_id: str, *, as_of: datetime | None = None,
                data: AnalysisData | None = None) -> str:
    """Why moving the cycle to Study now is premature ("" when it is not)."""
    try:
        st = _study(ws, cycle_id, as_of, data)
    except ValidationError as exc:
        # the refusal without its full stop, in English (a rare path: the cycle or its stage is gone)
        return _m(QT_TRANSLATE_NOOP("Lifecycle", "The study cannot be computed (%1), so no outcome is known."),
                  exc.message.rstrip("."))
    if st.n_new > 0:
        return ""
    if st.n_entered:
        return _m(QT_TRANSLATE_NOOP("Lifecycle", "No customer of the cycle has a known outcome yet: %1 entered '%2', "
                                    "all within their %3-day window. There is nothing to study yet."),
                  st.n_entered, st.from_stage_name, st.window_days)
    return _m(QT_TRANSLATE_NOOP("Lifecycle", "No customer of the cycle has entered '%1' yet. There is nothing to "
                                "study yet."), st.from_stage_name)


def decision_guard(ws: Workspace, cycle_id: str, *, as_of: datetime | None = None,
                   data: AnalysisData | None = None) -> str:
    """Why deciding the cycle now is premature ("" when the study is ready)."""
    from pdsa_desk.core.verdict import plain_verdict

    try:
        st = _study(ws, cycle_id, as_of, data)
    except ValidationError as exc:
        return _m(QT_TRANSLATE_NOOP("Lifecycle", "The study cannot be computed (%1)."), exc.message.rstrip("."))
    if st.ready:
        return ""
    return _m(QT_TRANSLATE_NOOP("Lifecycle", "The study says: %1. A decision now rests on numbers that may still "
                                "change."), plain_verdict(st).sentence)

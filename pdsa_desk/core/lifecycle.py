"""Guards on a cycle's steps that the data can make premature (the rule; the services apply it).

* Moving a cycle from Do to Study when **no customer of the cycle has a known outcome** yet: there is
  nothing to study.
* Deciding (adopt, adapt, abandon) while **the study says "too early"** (see
  :func:`pdsa_desk.core.study.study_cycle`): the decision would rest on numbers that may still change.

Neither is forbidden -- a team may have other evidence, or a cycle may have to stop -- but each asks
for confirmation: the service raises :class:`NeedsReason` until it is given a reason, which it records
with the cycle (``early_study_reason``, ``early_decision_reason``) so that whoever reads the record
later sees that the step was taken early, and why.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, message

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.frames import AnalysisData

__all__ = ["NeedsReason", "clean_reason", "decision_guard", "study_guard"]

_MAX_REASON = 2000


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
        raise ValidationError(message("Lifecycle", QT_TRANSLATE_NOOP(
            "Lifecycle", "The reason is too long (%1 characters; at most %2)."), len(reason), _MAX_REASON),
            "early_reason")
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
        return f"The study cannot be computed ({exc.message.rstrip('.')}), so no outcome is known."
    if st.n_new > 0:
        return ""
    if st.n_entered:
        return (f"No customer of the cycle has a known outcome yet: {st.n_entered} entered '{st.from_stage_name}', "
                f"all within their {st.window_days}-day window. There is nothing to study yet.")
    return f"No customer of the cycle has entered '{st.from_stage_name}' yet. There is nothing to study yet."


def decision_guard(ws: Workspace, cycle_id: str, *, as_of: datetime | None = None,
                   data: AnalysisData | None = None) -> str:
    """Why deciding the cycle now is premature ("" when the study is ready)."""
    from pdsa_desk.core.verdict import plain_verdict

    try:
        st = _study(ws, cycle_id, as_of, data)
    except ValidationError as exc:
        return f"The study cannot be computed ({exc.message.rstrip('.')})."
    if st.ready:
        return ""
    return f"The study says: {plain_verdict(st).sentence}. A decision now rests on numbers that may still change."

"""Undo for edits made through the services (Edit > Undo / Redo)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr

if TYPE_CHECKING:
    from pdsa_desk.core.changes import Change


def report_refusal(report: Callable[[str], None]) -> Callable[[ValidationError], None]:
    """A command's ``on_refused``: "Could not undo or redo: <why>" to ``report`` (a view's message line)."""
    return lambda exc: report(tr("Could not undo or redo: {0}").format(i18n.text(exc.message)))


class ServiceCommand(QUndoCommand):
    """An edit made through the services; undo and redo call the services again.

    The view makes the edit first — :meth:`apply`, or its own service call — so that a
    refused edit never reaches the stack, and then pushes the command: the first ``redo``
    (run by ``QUndoStack.push``) does nothing. A step refused later (the row was deleted
    meanwhile…, or the workspace is busy, full or read-only) goes to ``on_refused`` and the command is
    dropped from the stack. After every step ``after_step`` runs — by default the views reload
    (``ctx.notify_changed`` with :attr:`change`, what the edit changes), also after a refusal, since the
    workspace changed under the step.
    """

    #: What the edit changes in the analysis snapshot (None: anything; see ``AppContext.notify_changed``).
    change: Change | None = None

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        on_refused: Callable[[ValidationError], None],
        after_step: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(text)
        self.ctx = ctx
        self._on_refused = on_refused
        self._after_step = after_step or (lambda: ctx.notify_changed(self.change))
        self._pushed = False

    def apply(self) -> None:
        """Make the edit (the first time, and on redo unless :meth:`reapply` says otherwise)."""
        raise NotImplementedError

    def reapply(self) -> None:
        self.apply()

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._run(self.reapply)

    def undo(self) -> None:
        self._run(self.revert)

    def _run(self, step: Callable[[], None]) -> None:
        refusal: ValidationError | None = None
        try:
            step()
        except PdsaError as exc:
            # Refused, or the workspace could not be written (busy past "Retry?", full, read-only…): the
            # step did not happen, so the command leaves the stack rather than claim it did.
            self.setObsolete(True)
            if not getattr(exc, "acknowledged", False):  # a busy "Retry?" answered Cancel was told already
                refusal = exc if isinstance(exc, ValidationError) else ValidationError(str(exc))
        self._after_step()
        if refusal is not None:  # after the reload, so that the view keeps showing why
            try:
                self._on_refused(refusal)
            except RuntimeError:  # the view that would show it is gone
                pass

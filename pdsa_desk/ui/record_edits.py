"""Undoable record edits (people, teams, opportunities, loss reasons, archive and delete) as service calls.

:class:`CallCommand` is a :class:`~pdsa_desk.ui.undo.ServiceCommand` made of three service calls: the edit,
its undo and (when it differs from the edit) its redo — e.g. "add rep" is ``create_rep``, undone by
``delete_rep`` (a tombstone) and redone by ``restore_rep``, so the same row comes back. :func:`run_edit`
makes the edit, pushes the command and announces the change; a refused edit raises its ValidationError to
the caller (the dialog shows it next to the field) and never reaches the undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from pdsa_desk.core.changes import Change
from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.undo import ServiceCommand


def report_problem(title: str, message: str) -> None:
    """Tell the user an undo or redo could not be made (tests replace this)."""
    QMessageBox.warning(QApplication.activeWindow(), title, message)


class CallCommand(ServiceCommand):
    """An edit, its undo and its redo as three calls (``redo`` defaults to the edit itself)."""

    def __init__(self, ctx: AppContext, text: str, do: Callable[[], Any], undo: Callable[[], Any], *,
                 redo: Callable[[], Any] | None = None, change: Change | None = None) -> None:
        super().__init__(ctx, text, lambda exc: report_problem(
            tr("Could not undo or redo"), tr("“{0}”: {1}").format(text, i18n.text(exc.message))))
        self._do, self._undo, self._redo = do, undo, redo or do
        self.change = change
        self.result: Any = None

    def apply(self) -> None:
        self.result = self._do()

    def reapply(self) -> None:
        self._redo()

    def revert(self) -> None:
        self._undo()


def run_edit(ctx: AppContext, command: CallCommand) -> Any:
    """Make the edit (raising ValidationError when refused), push it on the undo stack, announce it; its
    result (the row the service returned)."""
    command.apply()
    ctx.undo_stack.push(command)
    ctx.notify_changed(command.change)
    return command.result

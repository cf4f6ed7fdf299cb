"""The cycle editor's undoable edits: observations, plan and interpretation saves, Start / Move on / Decide,
and a new cycle.

The rule for a decided cycle (see :mod:`pdsa_desk.core.services.reversals`): its record does not change.
Undo reaches the decision first and takes it back as a whole (status, tactic, planned ramp cycle); only then
do earlier edits of the cycle come back. A step that would reach into a closed cycle anyway (decided by
someone else, or its decision could not be taken back) is refused by the services and leaves the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.cycle_editor.fields import aware
from pdsa_desk.ui.undo import ServiceCommand


class CycleCommand(ServiceCommand):
    """An edit of one cycle; after each step the editor showing it reloads (``done(cycle_id)``)."""

    def __init__(self, text: str, ctx: AppContext, cycle_id: str, done: Callable[[str], None],
                 failed: Callable[[ValidationError], None]) -> None:
        super().__init__(ctx, text, failed, after_step=lambda: done(cycle_id))
        self.cycle_id = cycle_id


class _ObservationCommand(CycleCommand):
    """Base of the observation commands (the add or delete itself was made by the editor)."""

    def __init__(self, text: str, ctx: AppContext, cycle_id: str, row: dict[str, Any],
                 done: Callable[[str], None], failed: Callable[[ValidationError], None]) -> None:
        super().__init__(text, ctx, cycle_id, done, failed)
        self.row = row  # id, text, kind, author, observed_at

    def _add_back(self) -> None:
        obs = services.add_observation(
            self.ctx.ws, self.cycle_id, self.row["text"], kind=self.row["kind"], author=self.row["author"],
            observed_at=aware(self.row["observed_at"]),
        )
        self.row["id"] = obs.id

    def _remove(self) -> None:
        services.delete_observation(self.ctx.ws, self.row["id"])


class AddObservationCommand(_ObservationCommand):
    def apply(self) -> None:
        self._add_back()

    def revert(self) -> None:
        self._remove()


class DeleteObservationCommand(_ObservationCommand):
    def apply(self) -> None:
        self._remove()

    def revert(self) -> None:
        self._add_back()


class SaveCycleCommand(CycleCommand):
    """A save of the plan and/or the interpretation: undo writes the values it replaced back."""

    def __init__(self, text: str, ctx: AppContext, cycle_id: str, before: dict[str, Any], after: dict[str, Any],
                 done: Callable[[str], None], failed: Callable[[ValidationError], None]) -> None:
        super().__init__(text, ctx, cycle_id, done, failed)
        self.before, self.after = dict(before), dict(after)

    @staticmethod
    def _write(ctx: AppContext, cycle_id: str, values: dict[str, Any]) -> None:
        fields = dict(values)
        participants = fields.pop("participant_ids", None)
        services.update_cycle(ctx.ws, cycle_id, participant_ids=participants, **fields)

    def apply(self) -> None:
        self._write(self.ctx, self.cycle_id, self.after)

    def revert(self) -> None:
        self._write(self.ctx, self.cycle_id, self.before)


class LifecycleCommand(CycleCommand):
    """Start, Move to Study / Act, or Decide: undo puts the cycle back where it was, as a whole."""

    def __init__(self, text: str, ctx: AppContext, cycle_id: str, before: services.Lifecycle,
                 after: services.Lifecycle, done: Callable[[str], None],
                 failed: Callable[[ValidationError], None]) -> None:
        super().__init__(text, ctx, cycle_id, done, failed)
        self.before, self.after = before, after

    def apply(self) -> None:
        services.restore_lifecycle(self.ctx.ws, self.cycle_id, self.before, self.after)

    def revert(self) -> None:
        services.restore_lifecycle(self.ctx.ws, self.cycle_id, self.after, self.before)


class NewCycleCommand(ServiceCommand):
    """A cycle created in the New cycle dialog: undo takes the untouched plan back, redo brings it back."""

    def __init__(self, text: str, ctx: AppContext, cycle_id: str, tactic_before: services.TacticState | None,
                 failed: Callable[[ValidationError], None]) -> None:
        super().__init__(ctx, text, failed)
        self.cycle_id = cycle_id
        self.tactic_before = tactic_before
        tactic_id = tactic_before.tactic_id if tactic_before is not None else None
        self.tactic_after = services.tactic_state(ctx.ws, tactic_id)

    def apply(self) -> None:
        services.restore_created_cycle(self.ctx.ws, self.cycle_id, self.tactic_after)

    def revert(self) -> None:
        services.take_back_created_cycle(self.ctx.ws, self.cycle_id, self.tactic_before)

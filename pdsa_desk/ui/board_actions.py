"""The Board's edits: moving a card forward (with the evidence seen), marking it won or lost, the
opportunity editor, and a card's history. Every edit is a ``QUndoCommand`` on the shared undo stack
(:mod:`pdsa_desk.ui.board_edits`) and announces what it changed, so that the snapshot is patched.

A mixin of :class:`pdsa_desk.ui.views.board.BoardView` (split out of it). Its texts are translated in the
view's context ("BoardView"), where they were extracted from. The edits and the services are imported when
first used: they import SQLModel, and at start-up the Board shows its first cards before that is imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt

from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.ui import i18n
from pdsa_desk.ui.board_models import format_amount, local_date

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from pdsa_desk.core.board import BoardSnapshot
    from pdsa_desk.ui.board_records import BoardRecords
    from pdsa_desk.ui.undo import ServiceCommand
    from pdsa_desk.ui.views.base import View

    _Base = View
else:
    _Base = object


def refusal_text(exc: BaseException) -> str:
    """Why an edit was not recorded, as the service said it (a message the dialogs translate)."""
    return exc.message if isinstance(exc, ValidationError) else str(exc)


class BoardActions(_Base):
    """The Board's edits and history (see the module docstring)."""

    if TYPE_CHECKING:
        snapshot: BoardSnapshot | None
        records: BoardRecords
        active_dialog: QDialog | None
        #: Edits applied on the worker whose outcome has not come back yet (see :meth:`_push`).
        pending_edits: int
        _selected_id: str | None

        def _show_hint(self, message: str) -> None: ...
        def _card(self, opp_id: str | None) -> dict[str, Any] | None: ...
        def _next_stage(self, stage: int) -> int | None: ...
        def _stage_name(self, pos: int) -> str: ...
        def _update_summary(self) -> None: ...
        def _refresh_if_stale(self) -> None: ...

    # --- edits ------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        if self.active_dialog is not None:
            self.active_dialog.close()
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def forget(_result: int = 0, d: QDialog = dialog) -> None:
            if self.active_dialog is d:
                self.active_dialog = None

        dialog.finished.connect(forget)
        dialog.open()

    def move_selected_forward(self) -> None:
        card = self._card(self._selected_id)
        if card is None:
            return
        nxt = self._next_stage(card["stage"])
        if nxt is not None:
            self.request_move(card["id"], nxt)

    def request_move(self, opp_id: str, target: int) -> None:
        """Open the confirmation for moving a card into the stage at position ``target``."""
        from pdsa_desk.core import services
        from pdsa_desk.ui.board_edits import MoveCommand, MoveDialog

        card = self._card(opp_id)
        if card is None or self.snapshot is None:
            return
        if target <= card["stage"]:
            self._show_hint(QCoreApplication.translate(
                    "BoardView", "Cards only move forward: a stage move records what the customer did."))
            return
        stage_id = str(self.snapshot.stages.loc[target, "id"])
        stage = next((s for s in services.list_stages(self.ctx.ws) if s.id == stage_id), None)
        if stage is None:
            self.refresh()
            return
        from_name = self._stage_name(card["stage"]) if card["stage"] >= 0 else None
        skipped = [self._stage_name(p) for p in range(card["stage"] + 1, target)]
        held = int(self.snapshot.stages["count"].iloc[target])
        dialog = MoveDialog(card["name"], from_name, stage.name, stage.standard, list(stage.checklist),
                            skipped=skipped, closes_won=stage.terminal == "won", wip=(held, stage.wip_limit),
                            parent=self)
        text = QCoreApplication.translate("BoardView", "Move “{0}” to {1}").format(card["name"], stage.name)

        def submit(settle: Callable[[str | None], None], items: list[str]) -> None:
            command = MoveCommand(self.ctx, opp_id, stage_id, items, text, wip_override=dialog.over_wip_limit)

            def settled(exc: BaseException | None) -> None:
                settle(None if exc is None else refusal_text(exc))
                if isinstance(exc, services.WipLimitReached):  # filled up since the board was read: ask again
                    dialog.set_wip(exc.count, exc.limit)

            self._push(command, opp_id, settled)

        dialog.submit = submit
        self._open(dialog)
        self.ctx.expect_edit()  # the patch's room is made while the user reads the dialog

    def mark_selected_won(self) -> None:
        from pdsa_desk.ui import board_edits

        card = self._card(self._selected_id)
        if card is None or self.snapshot is None:
            return
        won = np.flatnonzero(self.snapshot.stages["terminal"].to_numpy() == "won")
        if len(won) and int(won[0]) > card["stage"]:
            # Winning is entering the won stage: the move records the evidence (the signed order form).
            self.request_move(card["id"], int(won[0]))
            return
        self._push(board_edits.CloseCommand(self.ctx, card["id"], QCoreApplication.translate(
                "BoardView", "Mark “{0}” won").format(card["name"]), won=True), None)

    def mark_selected_lost(self) -> None:
        from pdsa_desk.core import services
        from pdsa_desk.ui.board_edits import CloseCommand, LostDialog

        card = self._card(self._selected_id)
        if card is None:
            return
        reasons = [(r.id, r.name) for r in services.list_loss_reasons(self.ctx.ws)]
        dialog = LostDialog(card["name"], reasons, parent=self)
        text = QCoreApplication.translate("BoardView", "Mark “{0}” lost").format(card["name"])

        def submit(settle: Callable[[str | None], None], reason_id: str | None) -> None:
            self._push(CloseCommand(self.ctx, card["id"], text, reason_id=reason_id), None,
                       lambda exc: settle(None if exc is None else refusal_text(exc)))

        dialog.submit = submit
        self._open(dialog)

    def _push(self, command: ServiceCommand, follow: str | None,
              settled: Callable[[BaseException | None], None] | None = None) -> None:
        """Apply an edit on the edits thread, then push it on the undo stack and announce it.

        The write and its checks never run on the window's thread: a board move counts the open
        opportunities of the target stage for its WIP limit (~0.1 s at 1M events). Once recorded, the
        command goes on the undo stack (a refused edit never does), ``follow`` is selected and the
        snapshot is patched; then ``settled(None)``. Refused (nothing was written): ``settled(exc)``, or
        without ``settled`` a message that says why. An error that is not a refusal also reaches the
        crash handler."""
        from pdsa_desk.ui.board_edits import report_problem

        self.pending_edits += 1
        self._update_summary()  # "recording the edit…"

        def done(_result: object) -> None:
            self.ctx.undo_stack.push(command)
            if follow is not None:
                self._selected_id = follow
            self.ctx.notify_changed(command.change)
            self._refresh_if_stale()  # now: "updating…" follows "recording the edit…" without a gap
            self.pending_edits -= 1
            self._update_summary()
            if settled is not None:
                settled(None)

        def failed(exc: BaseException) -> None:
            self.pending_edits -= 1
            self._update_summary()
            if settled is not None:
                settled(exc)
            elif isinstance(exc, PdsaError) and not getattr(exc, "acknowledged", False):
                report_problem(self, command.text(), refusal_text(exc))
            if not isinstance(exc, PdsaError):
                raise exc

        self.ctx.run_edit(command.apply, done, failed)

    def edit_opportunity(self, opp_id: str | None) -> None:
        """The opportunity editor: a new opportunity (``opp_id`` None) or this one."""
        from pdsa_desk.ui.opportunity_editor import OpportunityEditor

        try:
            dialog = OpportunityEditor(self.ctx, opp_id, self)
        except ValidationError as exc:  # deleted meanwhile
            if self.records.table_mode():
                self.records.count_label.setText(i18n.text(exc.message))
            else:
                self._show_hint(i18n.text(exc.message))
            return

        def follow(_result: int) -> None:
            if dialog.created_id is not None:
                self._selected_id = dialog.created_id

        dialog.finished.connect(follow)
        self._open(dialog)

    # --- history ----------------------------------------------------------------------------

    def show_selected_history(self) -> None:
        if self._selected_id is not None:
            self.show_history(self._selected_id)

    def show_history(self, opp_id: str | None) -> None:
        from pdsa_desk.ui.board_edits import HistoryDialog, escape

        if not opp_id:
            return
        card = self._card(opp_id)
        title = card["name"] if card else QCoreApplication.translate("BoardView", "Opportunity")
        facts = []
        if card is not None:
            facts.append(escape(card["rep"] or QCoreApplication.translate("BoardView", "No rep")))
            if card["amount"] is not None:
                facts.append(format_amount(card["amount"]))
            if self.snapshot is not None:
                cards = self.snapshot.cards
                hit = cards.index[cards["id"] == opp_id]
                if len(hit):
                    facts.append(QCoreApplication.translate(
                            "BoardView", "opened {0}").format(local_date(cards.loc[hit[0], "opened_at"])))
                    if card["stage"] >= 0:
                        facts.append(QCoreApplication.translate("BoardView", "in “{0}” for {1} d").format(
                            escape(self._stage_name(card["stage"])), int(cards.loc[hit[0], "days_in_stage"])))
        rows = HistoryDialog.rows_of(self.ctx.ws, opp_id)
        self._open(HistoryDialog(title, " · ".join(facts), rows, parent=self))

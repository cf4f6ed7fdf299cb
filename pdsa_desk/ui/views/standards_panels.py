"""The Standards view's lower tabs: a stage's revision history and the tactics aimed at it (with the cycles
that tested them), and what the user does with the tactics.

The tabs are read on the quick-read thread (:meth:`AppContext.run_read`), not on the GUI thread: at company
scale the cycles alone take tens of milliseconds to read. Meanwhile the tabs keep what they show, their titles
say "updating…" and the view's ``updating`` is True; the newest read is the one shown (a stage switched to
meanwhile wins). The tactics tree expands only the selected tactic: expanding every tactic made the tree
measure every cycle row's cells at once.

:class:`StandardsPanels` is a part of :class:`~pdsa_desk.ui.views.standards.StandardsView` (a mixin after
``View`` in its bases); its texts are translated in the view's context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex
from PySide6.QtWidgets import QDialog, QTableView, QTabWidget

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Stage, Tactic
from pdsa_desk.ui import archive_edits
from pdsa_desk.ui.standards_edits import EditTacticCommand, NewTacticCommand, TacticDialog
from pdsa_desk.ui.standards_models import ID_ROLE, KIND_ROLE, RevisionTableModel, TacticTreeModel
from pdsa_desk.ui.tasks import Latest

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtWidgets import QWidget

    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.standards_widgets import TacticsPanel

    _Part = QWidget  # to the type checker, the part is the view it belongs to
else:
    _Part = object


class StandardsPanels(_Part):
    """The revision and tactic tabs of the Standards view, read in the background, and the tactic actions."""

    # provided by the view
    ctx: AppContext
    updating: bool
    refreshed: SignalInstance
    tabs: QTabWidget
    tactics: TacticsPanel
    revision_table: QTableView
    revision_model: RevisionTableModel
    tactic_model: TacticTreeModel
    _current_id: str | None
    _loaded: Stage | None

    def _init_panels(self, reads: Latest) -> None:
        self._panel_reads = reads
        self._pending_tactic: str | None = None  # a tactic or cycle to select once the tabs are read
        self._read_failed = False

    if TYPE_CHECKING:  # the view's
        def _report(self, text: str) -> None: ...

        def _update_buttons(self) -> None: ...

        def refresh(self) -> None: ...

    # --- reading the tabs -------------------------------------------------------------------

    def _read_panels(self, stage: Stage | None) -> None:
        """Read the revisions and tactics of ``stage`` on the quick-read thread; None empties the tabs."""
        ticket = self._panel_reads.begin()
        if stage is None:
            self._pending_tactic = None
            self.revision_model.set_revisions([])
            self.tactic_model.set_tactics([], [])
            self._panels_done()
            return
        ws, stage_id, archived = self.ctx.ws, stage.id, self.tactics.show_archived.isChecked()

        def read() -> tuple[list[Any], list[Tactic], list[Any]]:
            tactics = services.list_tactics(ws, stage_id, include_archived=archived)
            cycles = services.list_cycles(ws) if tactics else []
            return services.stage_revisions(ws, stage_id), tactics, cycles

        self.updating = True
        self._update_tab_titles()
        self.ctx.run_read(read, ticket.guard(self._show_panels), ticket.guard(self._panels_failed))

    def _show_panels(self, result: tuple[list[Any], list[Tactic], list[Any]]) -> None:
        revisions, tactics, cycles = result
        self.revision_model.set_revisions(revisions)
        self.revision_table.resizeRowsToContents()
        self.tactics.show_tactics(tactics, cycles)
        if self._read_failed:  # a refusal shown there stays; the read's own failure is over
            self.tactics.error.clear_message()
            self._read_failed = False
        self._panels_done()

    def _panels_failed(self, exc: BaseException) -> None:
        self._read_failed = True
        self.tactics.error.show_message(QCoreApplication.translate(
            "StandardsView", "The revisions and tactics could not be read: {0}").format(exc))
        self._panels_done()

    def _panels_done(self) -> None:
        self.updating = False
        if self._pending_tactic is not None:
            object_id, self._pending_tactic = self._pending_tactic, None
            self.tactics.select(object_id)
        self._update_tab_titles()
        self._update_buttons()
        self.refreshed.emit()

    def _select_tactic(self, object_id: str) -> None:
        """Select a tactic or cycle in the tree, now or once the tabs being read have arrived."""
        if self.updating:
            self._pending_tactic = object_id
        else:
            self.tactics.select(object_id)

    def _update_tab_titles(self) -> None:
        if self.updating:
            self.tabs.setTabText(0, QCoreApplication.translate("StandardsView", "Revision history (updating…)"))
            self.tabs.setTabText(1, QCoreApplication.translate(
                "StandardsView", "Tactics aimed at this stage (updating…)"))
            return
        revisions, tactics = self.revision_model.rowCount(), self.tactic_model.rowCount()
        self.tabs.setTabText(0, QCoreApplication.translate("StandardsView", "Revision history ({0})").format(revisions))
        self.tabs.setTabText(1, QCoreApplication.translate(
            "StandardsView", "Tactics aimed at this stage ({0})").format(tactics))

    # --- tactic actions ---------------------------------------------------------------------

    def add_tactic(self) -> None:
        stage_id = self._current_id
        if stage_id is None:
            return

        def submit(values: dict[str, Any]) -> Tactic:
            tactic = services.create_tactic(
                self.ctx.ws, values["name"], description=values["description"], status=values["status"],
                stage_id=stage_id, needs_marketing=values["needs_marketing"],
                marketing_effort=values["marketing_effort"],
            )
            self.ctx.undo_stack.push(NewTacticCommand(self.ctx, tactic.id, tactic.name, self._report))
            return tactic

        name = self._loaded.name if self._loaded else ""
        title = QCoreApplication.translate("StandardsView", "Add a tactic aimed at “{0}”").format(name)
        dialog = TacticDialog(self, title, submit)
        self._run_tactic_dialog(dialog)

    def edit_tactic(self) -> None:
        tactic = self.tactics.selected_tactic()
        if tactic is None:
            return

        def submit(values: dict[str, Any]) -> Tactic:
            keys = ("name", "description", "status", "needs_marketing", "marketing_effort")
            before = {"name": tactic.name, "description": tactic.description, "status": tactic.status,
                      "needs_marketing": tactic.needs_marketing, "marketing_effort": tactic.marketing_effort}
            updated = services.update_tactic(self.ctx.ws, tactic.id, **{k: values[k] for k in keys})
            after = {"name": updated.name, "description": updated.description, "status": updated.status,
                     "needs_marketing": updated.needs_marketing, "marketing_effort": updated.marketing_effort}
            if after != before:
                self.ctx.undo_stack.push(EditTacticCommand(self.ctx, tactic.id, before, after, self._report))
            return updated

        title = QCoreApplication.translate("StandardsView", "Tactic “{0}”").format(tactic.name)
        dialog = TacticDialog(self, title, submit, tactic)
        self._run_tactic_dialog(dialog)

    def _run_tactic_dialog(self, dialog: TacticDialog) -> None:
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            result = dialog.result_object
        finally:
            dialog.deleteLater()
        self.ctx.notify_changed()
        if not self.isVisible():
            self.refresh()
        if result is not None:
            self._select_tactic(result.id)

    def archive_tactic(self) -> None:
        """Archive the selected tactic (or bring an archived one back)."""
        tactic = self.tactics.selected_tactic()
        if tactic is not None:
            self._tactic_edit(lambda: archive_edits.set_tactic_archived(self.ctx, tactic, tactic.archived_at is None))

    def delete_tactic(self) -> None:
        tactic = self.tactics.selected_tactic()
        if tactic is not None:
            self._tactic_edit(lambda: archive_edits.delete_tactic(self.ctx, tactic, self))

    def _tactic_edit(self, edit: Callable[[], object]) -> None:
        self.tactics.error.clear_message()
        try:
            edit()
        except ValidationError as exc:
            self.tactics.error.show_message(exc.message)

    def _on_tactic_double_clicked(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == "cycle":
            self.ctx.navigate("cycles", index.data(ID_ROLE))
        elif index.data(KIND_ROLE) == "tactic":
            self.edit_tactic()

    def open_selected_cycle(self) -> None:
        cycle_id = self.tactics.selected_cycle_id()
        if cycle_id:
            self.ctx.navigate("cycles", cycle_id)

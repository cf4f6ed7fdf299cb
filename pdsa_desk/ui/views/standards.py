"""Standards: the ordered customer journey, each stage's observable standard and its history,
and the tactics (standard work) aimed at each stage with the cycles that tested them.

The stage editor and the tactics panel are in :mod:`pdsa_desk.ui.standards_widgets`, the undoable
edits and the tactic dialog in :mod:`pdsa_desk.ui.standards_edits`, the revision and tactic tabs (read on
the quick-read thread) and the tactic actions in :mod:`pdsa_desk.ui.views.standards_panels`; this module is
the view: the stage list and the stage editor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Stage
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.loss_reasons_panel import LossReasonsPanel
from pdsa_desk.ui.standards_edits import (
    EditStageCommand,
    NewStageCommand,
    ReorderStagesCommand,
    TacticDialog,
    current_author,
    stage_values,
)
from pdsa_desk.ui.standards_models import ID_ROLE, RevisionTableModel, StageListModel, TacticTreeModel
from pdsa_desk.ui.standards_widgets import DEFINITION_FIELDS, FIELDS, StageEditor, TacticsPanel, hint
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.views.standards_panels import StandardsPanels
from pdsa_desk.ui.widgets import ErrorLabel, keep_titles_readable

__all__ = ["StandardsView", "TacticDialog"]


# --- the view --------------------------------------------------------------------------------


class StandardsView(View, StandardsPanels):
    """Edit the journey's stages and their observable standards; see each standard's history
    and the tactics aimed at each stage."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._current_id: str | None = None
        self._loaded: Stage | None = None  # what the editor was filled from
        self._switching = False  # selection changed by code, not by the user
        self._stale = False

        self.stage_model = StageListModel(self)
        self.revision_model = RevisionTableModel(self)
        self.tactic_model = TacticTreeModel(self)
        self._init_panels(self.latest())

        self._build_actions()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_stage_panel())
        right = QSplitter(Qt.Orientation.Vertical)
        self.editor = StageEditor()
        self.editor.edited.connect(self._on_form_edited)
        self.editor.checklist.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.editor.revert_button.clicked.connect(lambda _=False: self.revert())
        self.editor.save_button.clicked.connect(lambda _=False: self.save())
        self.editor.remove_item_button.clicked.connect(lambda _=False: self._update_buttons())
        # The editor scrolls rather than squeezing its fields on top of each other in a small window.
        editor_scroll = QScrollArea()
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setFrameShape(QFrame.Shape.NoFrame)
        editor_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        editor_scroll.setMinimumHeight(120)
        self.editor_scroll = editor_scroll
        right.addWidget(editor_scroll)
        right.addWidget(self._build_tabs())
        right.setStretchFactor(0, 0)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        right.setSizes([420, 280])  # the whole stage form at 1366×768; at 1024×640 it scrolls
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])  # the stage editor needs ~540 px: the list gives way at 1024 px
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.right_splitter = right

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(self.tr("<h2>Standards</h2>"))
        intro = hint(
            self.tr(
                "The customer journey, stage by stage. Each stage is defined by what the customer visibly did — "
                "the evidence a rep checks before moving an opportunity."
            )
        )
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)

        self.stage_model.order_changed.connect(self._on_order_changed)
        self.list_view.selectionModel().currentChanged.connect(self._on_current_changed)
        ctx.data_changed.connect(self._on_data_changed)
        self._set_editor_enabled(False)
        self._update_buttons()

    # --- construction ---------------------------------------------------------------------

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None, slot: Callable[[], object],
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _=False: slot())
        if tip:
            action.setToolTip(tip)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.save_action = self._action(self.tr("Save"), QKeySequence.StandardKey.Save, self.save)
        self.add_action = self._action(self.tr("Add stage"), QKeySequence.StandardKey.New, self.add_stage)
        self.up_action = self._action(self.tr("Move up"), QKeySequence("Alt+Up"), lambda: self.move_current(-1))
        self.down_action = self._action(self.tr("Move down"), QKeySequence("Alt+Down"), lambda: self.move_current(1))

    def _button(self, text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: slot())
        button.setToolTip(tip)
        return button

    def _build_stage_panel(self) -> QWidget:
        panel = QWidget()
        col = QVBoxLayout(panel)
        col.setContentsMargins(0, 0, 8, 0)
        title = QLabel(self.tr("<b>Journey stages</b>"))
        col.addWidget(title)

        self.list_view = QListView()
        self.list_view.setObjectName("stageList")
        self.list_view.setModel(self.stage_model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list_view.setDragEnabled(True)
        self.list_view.setAcceptDrops(True)
        self.list_view.setDropIndicatorShown(True)
        self.list_view.setSpacing(3)
        self.list_view.setMinimumWidth(220)
        self.list_view.setAccessibleName(self.tr("Journey stages, in order"))
        self.list_view.setToolTip(self.tr("Drag a stage to reorder the journey (or Alt+Up / Alt+Down)"))
        col.addWidget(self.list_view, 1)

        self.empty_label = hint(
            self.tr("No stages yet — add the first step of your customer journey with “Add stage” (Ctrl+N), or "
                    "start from the template of common B2B stages on This week.")
        )
        self.empty_label.setVisible(False)
        col.addWidget(self.empty_label)

        self.add_button = self._button(self.tr("&Add stage"), self.add_stage,
                                       self.tr("Add a stage at the end (Ctrl+N)"))
        self.delete_button = self._button(self.tr("&Delete…"), self.delete_current, "")
        self.up_button = self._button(self.tr("Move &up"), lambda: self.move_current(-1), "")
        self.down_button = self._button(self.tr("Move do&wn"), lambda: self.move_current(1), "")
        row1 = QHBoxLayout()
        row1.addWidget(self.add_button)
        row1.addWidget(self.delete_button)
        row2 = QHBoxLayout()
        row2.addWidget(self.up_button)
        row2.addWidget(self.down_button)
        col.addLayout(row1)
        col.addLayout(row2)

        self.message_label = ErrorLabel()
        self.message_label.setObjectName("stageMessage")
        col.addWidget(self.message_label)
        self.loss_reasons = LossReasonsPanel(self.ctx)  # issue 13: loss reasons are kept here
        col.addWidget(self.loss_reasons)

        delete_key = QAction(self.tr("Delete the selected stage"), self)
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(lambda _=False: self.delete_current())
        self.list_view.addAction(delete_key)
        return panel

    def _build_tabs(self) -> QWidget:
        self.tabs = QTabWidget()

        history = QWidget()
        hl = QVBoxLayout(history)
        hl.addWidget(hint(self.tr(
            "Every change of the name, standard or checklist, newest first. Conversion numbers from before a "
            "change measured the older definition."
        )))
        self.revision_table = QTableView()
        self.revision_table.setObjectName("revisionTable")
        self.revision_table.setModel(self.revision_model)
        self.revision_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.revision_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.revision_table.setWordWrap(True)
        self.revision_table.verticalHeader().setVisible(False)
        self.revision_table.setAlternatingRowColors(True)
        header = self.revision_table.horizontalHeader()
        for c, mode in enumerate((QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents,
                                  QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch,
                                  QHeaderView.ResizeMode.Stretch)):
            header.setSectionResizeMode(c, mode)
        keep_titles_readable(header)
        hl.addWidget(self.revision_table, 1)
        self.tabs.addTab(history, self.tr("Revision history"))

        self.tactics = TacticsPanel(self.tactic_model)
        self.tactics.tree.doubleClicked.connect(self._on_tactic_double_clicked)
        self.tactics.tree.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self.tactics.add_button.clicked.connect(lambda _=False: self.add_tactic())
        self.tactics.edit_button.clicked.connect(lambda _=False: self.edit_tactic())
        self.tactics.open_cycle_button.clicked.connect(lambda _=False: self.open_selected_cycle())
        self.tactics.archive_button.clicked.connect(lambda _=False: self.archive_tactic())
        self.tactics.delete_button.clicked.connect(lambda _=False: self.delete_tactic())
        self.tactics.show_archived.toggled.connect(lambda _on: self._read_panels(self._loaded))
        self.tabs.addTab(self.tactics, self.tr("Tactics aimed at this stage"))
        return self.tabs

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self.loss_reasons.reload()
        stages = services.list_stages(self.ctx.ws)
        self.stage_model.set_stages(stages)
        self.empty_label.setVisible(not stages)
        row = self.stage_model.row_of(self._current_id)
        if row < 0 and stages:
            row = 0
        stage = self.stage_model.stage(row)
        if stage is None or stage.id != self._current_id:
            self._discard_edits()
        self._current_id = stage.id if stage else None
        self._select_row(row)
        self._show_stage(stage, keep_edits=True)

    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self.refresh)

    def show_object(self, object_id: str) -> None:
        """Select a stage, or the stage a tactic aims at and that tactic."""
        if self.stage_model.rowCount() == 0:
            self.refresh()
        if self.stage_model.row_of(object_id) >= 0:
            self._switch_to(object_id)
            return
        tactic = next((t for t in services.list_tactics(self.ctx.ws) if t.id == object_id), None)
        if tactic is not None and tactic.stage_id and self._switch_to(tactic.stage_id):
            self.tabs.setCurrentIndex(1)
            self._select_tactic(object_id)

    def _select_row(self, row: int) -> None:
        self._switching = True
        try:
            sm = self.list_view.selectionModel()
            if row < 0:
                sm.clearSelection()
                sm.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
            else:
                index = self.stage_model.index(row)
                sm.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                self.list_view.scrollTo(index)
        finally:
            self._switching = False

    def _switch_to(self, stage_id: str) -> bool:
        """Make ``stage_id`` the edited stage, asking about unsaved edits first."""
        if stage_id == self._current_id:
            self._select_row(self.stage_model.row_of(stage_id))
            return True
        if self.is_dirty() and not self._resolve_unsaved():
            self._select_row(self.stage_model.row_of(self._current_id))
            return False
        row = self.stage_model.row_of(stage_id)
        self._discard_edits()
        self._current_id = stage_id if row >= 0 else None
        self._select_row(row)
        self._show_stage(self.stage_model.stage(row), keep_edits=False)
        return True

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._switching:
            return
        stage_id = current.data(ID_ROLE) if current.isValid() else None
        if stage_id is None or stage_id == self._current_id:
            return
        self._switch_to(stage_id)

    def _show_stage(self, stage: Stage | None, *, keep_edits: bool) -> None:
        if not keep_edits:
            self.message_label.clear_message()
        if stage is None:
            self._loaded = None
            self.editor.fill(None)
            self._set_editor_enabled(False)
            self._read_panels(None)
            return
        self._set_editor_enabled(True)
        dirty = keep_edits and self._loaded is not None and self._loaded.id == stage.id and self.is_dirty()
        self._loaded = stage
        if not dirty:
            self.editor.fill(stage)
            self.editor.clear_errors()
        self.editor.setTitle(self.tr("Stage definition — {0}").format(stage.name))
        self._read_panels(stage)
        self._update_buttons()

    def _set_editor_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)
        self.tabs.setEnabled(enabled)

    # --- the editor -----------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """The edited fields that differ from the stage as loaded."""
        if self._loaded is None:
            return {}
        old = stage_values(self._loaded)
        new = self.editor.values()
        return {k: new[k] for k in FIELDS if new[k] != old[k]}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def _on_form_edited(self, field: str) -> None:
        self.editor.errors[field].clear_message()
        self.editor.errors[None].clear_message()
        self._update_buttons()

    def _discard_edits(self) -> None:
        self.editor.clear_errors()
        if self._loaded is not None:
            self.editor.fill(self._loaded)

    def revert(self) -> None:
        self._discard_edits()
        self._update_buttons()

    def save(self) -> bool:
        """Write the edited fields; True when there is nothing left unsaved."""
        changes = self.changes()
        if not changes or self._loaded is None:
            return True
        stage = self._loaded
        before = {k: stage_values(stage)[k] for k in changes}
        self.editor.clear_errors()
        try:
            updated = services.update_stage(self.ctx.ws, stage.id, **changes, author=current_author(),
                                            expected_updated_at=stage.updated_at)
        except ValidationError as exc:
            self.editor.show_error(exc)
            return False
        self.ctx.undo_stack.push(
            EditStageCommand(self.ctx, stage.id, before, changes, updated.name, self._report)
        )
        self._loaded = updated
        self.editor.fill(updated)
        self.ctx.notify_changed()
        self._update_buttons()
        return True

    def _resolve_unsaved(self) -> bool:
        """Ask what to do with unsaved edits; True when it is fine to move on."""
        name = self._loaded.name if self._loaded else ""
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Save your changes to stage “{0}” before moving on?").format(name),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._discard_edits()
            return True
        return False

    def _report(self, text: str) -> None:
        self.message_label.show_message(text)

    # --- stage list actions ---------------------------------------------------------------

    def add_stage(self) -> None:
        if self.is_dirty() and not self._resolve_unsaved():
            return
        names = {s.name.lower() for s in self.stage_model.stages()}
        name, n = self.tr("New stage"), 1
        while name.lower() in names:
            n += 1
            name = self.tr("New stage {0}").format(n)
        try:
            stage = services.create_stage(self.ctx.ws, name, author=current_author())
        except ValidationError as exc:
            self._report(exc.message)
            return
        self.ctx.undo_stack.push(NewStageCommand(self.ctx, stage.id, stage.name, self._report))
        self._current_id = stage.id
        self._loaded = None
        self.ctx.notify_changed()
        if not self.isVisible():
            self.refresh()
        self.editor.name_edit.setFocus()
        self.editor.name_edit.selectAll()

    def delete_current(self) -> None:
        stage = self._loaded
        if stage is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete stage"),
            self.tr("Delete stage “{0}” and its revision history? This cannot be undone.").format(stage.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        row = self.stage_model.row_of(stage.id)
        try:
            services.delete_stage(self.ctx.ws, stage.id)
        except ValidationError as exc:
            self._report(exc.message)
            return
        neighbour = self.stage_model.stage(row + 1) or self.stage_model.stage(row - 1)
        self._loaded = None
        self._current_id = neighbour.id if neighbour else None
        self.message_label.clear_message()
        self.ctx.notify_changed()
        if not self.isVisible():
            self.refresh()

    def move_current(self, step: int) -> None:
        row = self.stage_model.row_of(self._current_id)
        target = row + step
        if row < 0 or not 0 <= target < self.stage_model.rowCount():
            return
        # moveRows takes the destination *before* which the row lands.
        self.stage_model.moveRows(QModelIndex(), row, 1, QModelIndex(), target + 1 if step > 0 else target)

    def _on_order_changed(self, old: list[str], new: list[str]) -> None:
        try:
            services.reorder_stages(self.ctx.ws, new)
        except ValidationError as exc:
            self._report(exc.message)
            self.refresh()
            return
        self.message_label.clear_message()
        self.ctx.undo_stack.push(ReorderStagesCommand(self.ctx, old, new, self._report))
        self.ctx.notify_changed()
        if not self.isVisible():
            self.refresh()

    # --- enabled states -------------------------------------------------------------------

    def _update_buttons(self) -> None:
        has_stage = self._loaded is not None
        row = self.stage_model.row_of(self._current_id)
        n = self.stage_model.rowCount()
        changes = self.changes()
        dirty = bool(changes)

        def enable(widgets: Sequence[Any], on: bool, tip_on: str, tip_off: str) -> None:
            for w in widgets:
                w.setEnabled(on)
                w.setToolTip(tip_on if on else tip_off)

        editor, tactics = self.editor, self.tactics
        enable([editor.save_button, self.save_action], dirty, self.tr("Save the changes to this stage (Ctrl+S)"),
               self.tr("Nothing to save: no changes yet"))
        enable([editor.revert_button], dirty, self.tr("Go back to the saved definition"),
               self.tr("Nothing to revert: no changes yet"))
        enable([self.delete_button], has_stage,
               self.tr("Delete this stage (refused when opportunities or cycles refer to it)"),
               self.tr("Select a stage to delete"))
        enable([self.up_button, self.up_action], has_stage and row > 0, self.tr("Move this stage earlier (Alt+Up)"),
               self.tr("Already the first stage") if has_stage else self.tr("Select a stage to move"))
        enable([self.down_button, self.down_action], has_stage and 0 <= row < n - 1,
               self.tr("Move this stage later (Alt+Down)"),
               self.tr("Already the last stage") if has_stage else self.tr("Select a stage to move"))
        enable([editor.remove_item_button], editor.checklist.currentRow() >= 0, self.tr("Remove the selected item"),
               self.tr("Select an item to remove"))
        has_tactic = tactics.selected_tactic() is not None
        enable([tactics.edit_button], has_tactic, self.tr("Edit the selected tactic or change its status"),
               self.tr("Select a tactic first"))
        selected = tactics.selected_tactic()
        enable([tactics.archive_button], selected is not None,
               self.tr("Hide the tactic from current work (or bring it back); its record is kept"),
               self.tr("Select a tactic first"))
        enable([tactics.delete_button], selected is not None,
               self.tr("Delete the tactic (refused once a cycle tested it: archive it instead)"),
               self.tr("Select a tactic first"))
        tactics.archive_button.setText(self.tr("Restore") if selected is not None and selected.archived_at
                                       else self.tr("Archive"))
        enable([tactics.open_cycle_button], tactics.selected_cycle_id() is not None,
               self.tr("Open the selected cycle in the Cycles view"), self.tr("Select a cycle first"))

        editor.show_definition_note(any(k in changes for k in DEFINITION_FIELDS))

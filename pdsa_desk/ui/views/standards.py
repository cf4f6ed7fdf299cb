"""Standards: the ordered customer journey, each stage's observable standard and its history,
and the tactics (standard work) aimed at each stage with the cycles that tested them."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Stage, Tactic, TacticStatus, TerminalKind
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.standards_models import (
    ID_ROLE,
    KIND_ROLE,
    RevisionTableModel,
    StageListModel,
    TacticTreeModel,
    status_label,
)
from pdsa_desk.ui.undo import ServiceCommand
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.widgets import ErrorLabel

#: The fields of a stage the editor changes (keyword names of ``services.update_stage``).
FIELDS = ("name", "standard", "checklist", "wip_limit", "window_days", "terminal")
#: Changing one of these records a StandardRevision: it changes what the numbers mean.
DEFINITION_FIELDS = ("name", "standard", "checklist")


def _tr(text: str) -> str:
    return QCoreApplication.translate("StandardsView", text)


def current_author() -> str | None:
    """Who is editing, for the revision history: the operating-system user name."""
    try:
        return getpass.getuser() or None
    except Exception:  # noqa: BLE001 - no user name available (odd environments); revisions say "unknown"
        return None


def stage_values(stage: Stage) -> dict[str, Any]:
    """The editable values of a stage, normalised like the service normalises input."""
    return {
        "name": stage.name,
        "standard": stage.standard,
        "checklist": list(stage.checklist),
        "wip_limit": stage.wip_limit,
        "window_days": stage.window_days,
        "terminal": stage.terminal,
    }


# --- undoable edits --------------------------------------------------------------------------


def _undo_refusal(report: Callable[[str], None]) -> Callable[[ValidationError], None]:
    return lambda exc: report(_tr("Could not undo or redo: {0}").format(exc.message))


class EditStageCommand(ServiceCommand):
    def __init__(
        self,
        ctx: AppContext,
        stage_id: str,
        before: dict[str, Any],
        after: dict[str, Any],
        stage_name: str,
        report: Callable[[str], None],
    ) -> None:
        super().__init__(ctx, _tr("Edit stage “{0}”").format(stage_name), _undo_refusal(report))
        self.stage_id = stage_id
        self.before = before
        self.after = after

    def apply(self) -> None:
        services.update_stage(self.ctx.ws, self.stage_id, **self.after, author=current_author())

    def revert(self) -> None:
        services.update_stage(self.ctx.ws, self.stage_id, **self.before, author=current_author())


def apply_order(ctx: AppContext, wanted: Sequence[str]) -> None:
    """Order the stages as ``wanted``; stages added since keep their place, deleted ones are skipped."""
    current = [s.id for s in services.list_stages(ctx.ws)]
    order = [i for i in wanted if i in current]
    for pos, stage_id in enumerate(current):
        if stage_id not in order:
            order.insert(min(pos, len(order)), stage_id)
    services.reorder_stages(ctx.ws, order)


class ReorderStagesCommand(ServiceCommand):
    def __init__(
        self, ctx: AppContext, old: Sequence[str], new: Sequence[str], report: Callable[[str], None]
    ) -> None:
        super().__init__(ctx, _tr("Reorder stages"), _undo_refusal(report))
        self.old = list(old)
        self.new = list(new)

    def apply(self) -> None:
        apply_order(self.ctx, self.new)

    def revert(self) -> None:
        apply_order(self.ctx, self.old)


# --- small widgets ---------------------------------------------------------------------------


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class TacticDialog(QDialog):
    """Add a tactic aimed at a stage, or change a tactic's name, description and status.

    ``submit(values)`` is called on OK; a ValidationError it raises is shown next to its
    field and the dialog stays open.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        submit: Callable[[dict[str, str]], object],
        tactic: Tactic | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self.result_object: object = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. One-page business case before the budget question"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(self.tr("What the seller does, and when."))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(90)
        self.status_combo = QComboBox()
        explanations = {
            TacticStatus.IDEA: self.tr("not tested yet"),
            TacticStatus.TESTING: self.tr("being tested in a PDSA cycle"),
            TacticStatus.STANDARD_WORK: self.tr("adopted: everyone does it"),
            TacticStatus.RETIRED: self.tr("no longer used"),
        }
        for status in TacticStatus:
            self.status_combo.addItem(f"{self.tr(status_label(status))} — {explanations[status]}", str(status))
        self.errors = {key: ErrorLabel() for key in ("name", "description", "status", None)}

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self._with_error(self.name_edit, "name"))
        form.addRow(self.tr("&Description:"), self._with_error(self.description_edit, "description"))
        form.addRow(self.tr("&Status:"), self._with_error(self.status_combo, "status"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors[None])
        layout.addWidget(buttons)

        if tactic is not None:
            self.name_edit.setText(tactic.name)
            self.description_edit.setPlainText(tactic.description)
            self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(str(tactic.status))))

    def _with_error(self, widget: QWidget, field: str) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(self.errors[field])
        return box

    def values(self) -> dict[str, str]:
        return {
            "name": self.name_edit.text(),
            "description": self.description_edit.toPlainText(),
            "status": self.status_combo.currentData(),
        }

    def try_accept(self) -> bool:
        for label in self.errors.values():
            label.clear_message()
        try:
            self.result_object = self._submit(self.values())
        except ValidationError as exc:
            field = exc.field if exc.field in self.errors else None
            self.errors[field].show_message(exc.message)
            return False
        self.accept()
        return True


# --- the view --------------------------------------------------------------------------------


class StandardsView(View):
    """Edit the journey's stages and their observable standards; see each standard's history
    and the tactics aimed at each stage."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._current_id: str | None = None
        self._loaded: Stage | None = None  # what the editor was filled from
        self._switching = False  # selection changed by code, not by the user
        self._populating = False
        self._stale = False

        self.stage_model = StageListModel(self)
        self.revision_model = RevisionTableModel(self)
        self.tactic_model = TacticTreeModel(self)

        self._build_actions()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self._build_stage_panel())
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self._build_editor())
        right.addWidget(self._build_tabs())
        right.setStretchFactor(0, 0)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 900])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.right_splitter = right

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(self.tr("<h2>Standards</h2>"))
        intro = _hint(
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

    def _action(self, text: str, shortcut: object, slot: Callable[[], object], tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
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

        self.empty_label = _hint(
            self.tr("No stages yet — add the first step of your customer journey with “Add stage” (Ctrl+N).")
        )
        self.empty_label.setVisible(False)
        col.addWidget(self.empty_label)

        self.add_button = self._button(self.tr("&Add stage"), self.add_stage, self.tr("Add a stage at the end (Ctrl+N)"))
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

        delete_key = QAction(self)
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(lambda _=False: self.delete_current())
        self.list_view.addAction(delete_key)
        return panel

    def _with_error(self, widget: QWidget | QHBoxLayout, field: str, hint: QLabel | None = None) -> QWidget:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        if isinstance(widget, QWidget):
            col.addWidget(widget)
        else:
            col.addLayout(widget)
        if hint is not None:
            col.addWidget(hint)
        col.addWidget(self.errors[field])
        return box

    def _build_editor(self) -> QWidget:
        self.editor = QGroupBox(self.tr("Stage definition"))
        self.errors: dict[str | None, ErrorLabel] = {key: ErrorLabel() for key in (*FIELDS, None)}
        for key, label in self.errors.items():
            label.setObjectName(f"error-{key or 'general'}")

        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText(self.tr("e.g. Budget shared"))

        self.standard_edit = QPlainTextEdit()
        self.standard_edit.setTabChangesFocus(True)
        self.standard_edit.setPlaceholderText(
            self.tr(
                "What the customer did that anyone could verify, e.g. “The customer shared a budget range in "
                "writing.” Not a seller activity such as “Sent the pricing sheet”."
            )
        )
        self.standard_edit.setFixedHeight(64)
        self.standard_edit.setAccessibleName(self.tr("Observable standard"))
        standard_hint = _hint(
            self.tr("Describe a customer behaviour you could show someone, not something the seller did.")
        )

        self.checklist = QListWidget()
        self.checklist.setObjectName("checklist")
        self.checklist.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.checklist.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.checklist.setFixedHeight(84)
        self.checklist.setAccessibleName(self.tr("Evidence checklist"))
        self.checklist.setToolTip(self.tr("Double-click or press F2 to edit an item; drag to reorder"))
        self.add_item_button = self._button(self.tr("Add item"), self.add_checklist_item,
                                            self.tr("Add a piece of evidence to check"))
        self.remove_item_button = self._button(self.tr("Remove item"), self.remove_checklist_item, "")
        checklist_row = QHBoxLayout()
        checklist_row.addWidget(self.checklist, 1)
        item_buttons = QVBoxLayout()
        item_buttons.addWidget(self.add_item_button)
        item_buttons.addWidget(self.remove_item_button)
        item_buttons.addStretch(1)
        checklist_row.addLayout(item_buttons)
        checklist_hint = _hint(self.tr("What a rep ticks as seen before moving a customer into this stage."))

        self.wip_spin = QSpinBox()
        self.wip_spin.setRange(0, 100_000)
        self.wip_spin.setSpecialValueText(self.tr("No limit"))
        self.wip_spin.setAccessibleName(self.tr("WIP limit"))
        self.wip_spin.setToolTip(self.tr("At most this many open opportunities should sit in the stage at once"))
        self.window_spin = QSpinBox()
        self.window_spin.setRange(1, 3650)
        self.window_spin.setSuffix(self.tr(" days"))
        self.window_spin.setAccessibleName(self.tr("Conversion window"))
        self.window_spin.setToolTip(
            self.tr("A customer entering this stage counts as converted if they reach the next stage within this time")
        )
        self.terminal_combo = QComboBox()
        self.terminal_combo.addItem(self.tr("No — a step on the way"), str(TerminalKind.NONE))
        self.terminal_combo.addItem(self.tr("Won — a signed sale"), str(TerminalKind.WON))
        self.terminal_combo.setAccessibleName(self.tr("Terminal stage"))
        self.terminal_combo.setToolTip(self.tr("Reaching a “won” stage closes the opportunity as won"))
        limits = QHBoxLayout()
        for text, widget in (
            (self.tr("&WIP limit:"), self.wip_spin),
            (self.tr("Conversion &window:"), self.window_spin),
            (self.tr("&Terminal:"), self.terminal_combo),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            limits.addWidget(label)
            limits.addWidget(widget)
            limits.addSpacing(12)
        limits.addStretch(1)
        limits_box = QWidget()
        limits_col = QVBoxLayout(limits_box)
        limits_col.setContentsMargins(0, 0, 0, 0)
        limits_col.setSpacing(2)
        limits_col.addLayout(limits)
        for key in ("wip_limit", "window_days", "terminal"):
            limits_col.addWidget(self.errors[key])

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self._with_error(self.name_edit, "name"))
        standard_label = QLabel(self.tr("Observable &standard:"))
        standard_label.setBuddy(self.standard_edit)
        form.addRow(standard_label, self._with_error(self.standard_edit, "standard", standard_hint))
        checklist_label = QLabel(self.tr("Evidence &checklist:"))
        checklist_label.setBuddy(self.checklist)
        form.addRow(checklist_label, self._with_error(checklist_row, "checklist", checklist_hint))
        form.addRow(self.tr("Limits:"), limits_box)

        self.definition_note = QLabel()
        self.definition_note.setObjectName("definitionNote")
        self.definition_note.setWordWrap(True)
        self.revert_button = self._button(self.tr("&Revert"), self.revert, "")
        self.save_button = self._button(self.tr("Save"), self.save, "")
        actions = QHBoxLayout()
        actions.addWidget(self.definition_note, 1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)

        col = QVBoxLayout(self.editor)
        col.addLayout(form)
        col.addWidget(self.errors[None])
        col.addLayout(actions)

        self.name_edit.textEdited.connect(lambda _t: self._on_form_edited("name"))
        self.standard_edit.textChanged.connect(lambda: self._on_form_edited("standard"))
        cm = self.checklist.model()
        for sig in (cm.rowsInserted, cm.rowsRemoved, cm.rowsMoved, cm.dataChanged):
            sig.connect(lambda *_a: self._on_form_edited("checklist"))
        self.checklist.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.wip_spin.valueChanged.connect(lambda _v: self._on_form_edited("wip_limit"))
        self.window_spin.valueChanged.connect(lambda _v: self._on_form_edited("window_days"))
        self.terminal_combo.currentIndexChanged.connect(lambda _i: self._on_form_edited("terminal"))
        return self.editor

    def _build_tabs(self) -> QWidget:
        self.tabs = QTabWidget()

        history = QWidget()
        hl = QVBoxLayout(history)
        hl.addWidget(_hint(self.tr(
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
        hl.addWidget(self.revision_table, 1)
        self.tabs.addTab(history, self.tr("Revision history"))

        tactics = QWidget()
        tl = QVBoxLayout(tactics)
        tl.addWidget(_hint(self.tr(
            "Standard work and candidates aimed at moving customers on from this stage, with the PDSA cycles "
            "that tested them. Double-click a cycle to open it."
        )))
        self.tactic_tree = QTreeView()
        self.tactic_tree.setObjectName("tacticTree")
        self.tactic_tree.setModel(self.tactic_model)
        self.tactic_tree.setAlternatingRowColors(True)
        self.tactic_tree.setUniformRowHeights(True)
        self.tactic_tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tactic_tree.setExpandsOnDoubleClick(False)
        th = self.tactic_tree.header()
        th.setStretchLastSection(False)
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, self.tactic_model.columnCount()):
            th.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.tactic_tree.doubleClicked.connect(self._on_tactic_double_clicked)
        self.tactic_tree.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        tl.addWidget(self.tactic_tree, 1)
        self.tactics_empty = _hint(self.tr(
            "No tactics aim at this stage yet — add one to start testing what helps customers move on."
        ))
        self.tactics_empty.setVisible(False)
        tl.addWidget(self.tactics_empty)
        buttons = QHBoxLayout()
        self.add_tactic_button = self._button(self.tr("Add &tactic…"), self.add_tactic,
                                              self.tr("Add a tactic aimed at this stage"))
        self.edit_tactic_button = self._button(self.tr("&Edit / change status…"), self.edit_tactic, "")
        self.open_cycle_button = self._button(self.tr("&Open cycle"), self.open_selected_cycle, "")
        buttons.addWidget(self.add_tactic_button)
        buttons.addWidget(self.edit_tactic_button)
        buttons.addWidget(self.open_cycle_button)
        buttons.addStretch(1)
        tl.addLayout(buttons)
        self.tabs.addTab(tactics, self.tr("Tactics aimed at this stage"))
        return self.tabs

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
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
            index = self.tactic_model.find(object_id)
            if index.isValid():
                self.tactic_tree.setCurrentIndex(index)
                self.tactic_tree.scrollTo(index)

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
            self._fill_form(None)
            self._set_editor_enabled(False)
            self.revision_model.set_revisions([])
            self.tactic_model.set_tactics([], [])
            self._update_tab_titles()
            self._update_buttons()
            return
        self._set_editor_enabled(True)
        dirty = keep_edits and self._loaded is not None and self._loaded.id == stage.id and self.is_dirty()
        self._loaded = stage
        if not dirty:
            self._fill_form(stage)
            for label in self.errors.values():
                label.clear_message()
        self.editor.setTitle(self.tr("Stage definition — {0}").format(stage.name))
        self.revision_model.set_revisions(services.stage_revisions(self.ctx.ws, stage.id))
        self.revision_table.resizeRowsToContents()
        tactics = services.list_tactics(self.ctx.ws, stage.id)
        cycles = services.list_cycles(self.ctx.ws) if tactics else []
        self.tactic_model.set_tactics(tactics, cycles)
        self.tactic_tree.expandAll()
        self.tactics_empty.setVisible(not tactics)
        self._update_tab_titles()
        self._update_buttons()

    def _fill_form(self, stage: Stage | None) -> None:
        self._populating = True
        try:
            self.name_edit.setText(stage.name if stage else "")
            self.standard_edit.setPlainText(stage.standard if stage else "")
            self.checklist.clear()
            for item in stage.checklist if stage else []:
                self._append_checklist_item(item)
            self.wip_spin.setValue((stage.wip_limit or 0) if stage else 0)
            self.window_spin.setValue(stage.window_days if stage else 30)
            self.terminal_combo.setCurrentIndex(
                max(0, self.terminal_combo.findData(str(stage.terminal))) if stage else 0
            )
            if stage is None:
                self.editor.setTitle(self.tr("Stage definition"))
        finally:
            self._populating = False

    def _append_checklist_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )
        self.checklist.addItem(item)
        return item

    def _set_editor_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)
        self.tabs.setEnabled(enabled)

    def _update_tab_titles(self) -> None:
        self.tabs.setTabText(0, self.tr("Revision history ({0})").format(self.revision_model.rowCount()))
        self.tabs.setTabText(1, self.tr("Tactics aimed at this stage ({0})").format(self.tactic_model.rowCount()))

    # --- the editor -----------------------------------------------------------------------

    def form_values(self) -> dict[str, Any]:
        items = [self.checklist.item(i).text().strip() for i in range(self.checklist.count())]
        return {
            "name": self.name_edit.text().strip(),
            "standard": self.standard_edit.toPlainText().strip(),
            "checklist": [i for i in items if i],
            "wip_limit": self.wip_spin.value() or None,
            "window_days": self.window_spin.value(),
            "terminal": self.terminal_combo.currentData(),
        }

    def changes(self) -> dict[str, Any]:
        """The edited fields that differ from the stage as loaded."""
        if self._loaded is None:
            return {}
        old = stage_values(self._loaded)
        new = self.form_values()
        return {k: new[k] for k in FIELDS if new[k] != old[k]}

    def is_dirty(self) -> bool:
        return bool(self.changes())

    def _on_form_edited(self, field: str) -> None:
        if self._populating:
            return
        self.errors[field].clear_message()
        self.errors[None].clear_message()
        self._update_buttons()

    def _discard_edits(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        if self._loaded is not None:
            self._fill_form(self._loaded)

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
        for label in self.errors.values():
            label.clear_message()
        try:
            updated = services.update_stage(self.ctx.ws, stage.id, **changes, author=current_author(),
                                            expected_updated_at=stage.updated_at)
        except ValidationError as exc:
            self._show_error(exc)
            return False
        self.ctx.undo_stack.push(
            EditStageCommand(self.ctx, stage.id, before, changes, updated.name, self._report)
        )
        self._loaded = updated
        self._fill_form(updated)
        self.ctx.notify_changed()
        self._update_buttons()
        return True

    def _show_error(self, exc: ValidationError) -> None:
        field = exc.field if exc.field in self.errors else None
        self.errors[field].show_message(exc.message)
        focus = {
            "name": self.name_edit, "standard": self.standard_edit, "checklist": self.checklist,
            "wip_limit": self.wip_spin, "window_days": self.window_spin, "terminal": self.terminal_combo,
        }.get(field or "")
        if focus is not None:
            focus.setFocus()

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

    def add_checklist_item(self) -> None:
        item = self._append_checklist_item("")
        self.checklist.setCurrentItem(item)
        self.checklist.editItem(item)

    def remove_checklist_item(self) -> None:
        row = self.checklist.currentRow()
        if row >= 0:
            self.checklist.takeItem(row)
        self._update_buttons()

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
        self._current_id = stage.id
        self._loaded = None
        self.ctx.notify_changed()
        if not self.isVisible():
            self.refresh()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

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

    # --- tactics --------------------------------------------------------------------------

    def _selected_tactic(self) -> Tactic | None:
        index = self.tactic_tree.currentIndex()
        if not index.isValid():
            return None
        if index.parent().isValid():
            index = index.parent()
        return self.tactic_model.tactic(index.row())

    def _selected_cycle_id(self) -> str | None:
        index = self.tactic_tree.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == "cycle":
            return index.data(ID_ROLE)
        return None

    def add_tactic(self) -> None:
        stage_id = self._current_id
        if stage_id is None:
            return

        def submit(values: dict[str, str]) -> Tactic:
            return services.create_tactic(
                self.ctx.ws, values["name"], description=values["description"], status=values["status"],
                stage_id=stage_id,
            )

        name = self._loaded.name if self._loaded else ""
        dialog = TacticDialog(self, self.tr("Add a tactic aimed at “{0}”").format(name), submit)
        self._run_tactic_dialog(dialog)

    def edit_tactic(self) -> None:
        tactic = self._selected_tactic()
        if tactic is None:
            return

        def submit(values: dict[str, str]) -> Tactic:
            return services.update_tactic(
                self.ctx.ws, tactic.id, name=values["name"], description=values["description"],
                status=values["status"],
            )

        dialog = TacticDialog(self, self.tr("Tactic “{0}”").format(tactic.name), submit, tactic)
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
            index = self.tactic_model.find(result.id)
            if index.isValid():
                self.tactic_tree.setCurrentIndex(index)

    def _on_tactic_double_clicked(self, index: QModelIndex) -> None:
        if index.data(KIND_ROLE) == "cycle":
            self.ctx.navigate("cycles", index.data(ID_ROLE))
        elif index.data(KIND_ROLE) == "tactic":
            self.edit_tactic()

    def open_selected_cycle(self) -> None:
        cycle_id = self._selected_cycle_id()
        if cycle_id:
            self.ctx.navigate("cycles", cycle_id)

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

        enable([self.save_button, self.save_action], dirty, self.tr("Save the changes to this stage (Ctrl+S)"),
               self.tr("Nothing to save: no changes yet"))
        enable([self.revert_button], dirty, self.tr("Go back to the saved definition"),
               self.tr("Nothing to revert: no changes yet"))
        enable([self.delete_button], has_stage,
               self.tr("Delete this stage (refused when opportunities or cycles refer to it)"),
               self.tr("Select a stage to delete"))
        enable([self.up_button, self.up_action], has_stage and row > 0, self.tr("Move this stage earlier (Alt+Up)"),
               self.tr("Already the first stage") if has_stage else self.tr("Select a stage to move"))
        enable([self.down_button, self.down_action], has_stage and 0 <= row < n - 1,
               self.tr("Move this stage later (Alt+Down)"),
               self.tr("Already the last stage") if has_stage else self.tr("Select a stage to move"))
        enable([self.remove_item_button], self.checklist.currentRow() >= 0, self.tr("Remove the selected item"),
               self.tr("Select an item to remove"))
        has_tactic = self._selected_tactic() is not None
        enable([self.edit_tactic_button], has_tactic, self.tr("Edit the selected tactic or change its status"),
               self.tr("Select a tactic first"))
        enable([self.open_cycle_button], self._selected_cycle_id() is not None,
               self.tr("Open the selected cycle in the Cycles view"), self.tr("Select a cycle first"))

        definition = any(k in changes for k in DEFINITION_FIELDS)
        if definition:
            self.definition_note.setText(self.tr(
                "⚠ <b>Saving changes what the numbers mean:</b> a new revision of this standard is recorded."
            ))
        else:
            self.definition_note.setText(self.tr(
                "Changing the name, standard or checklist changes what the numbers mean; it is recorded as a revision."
            ))
        self.definition_note.setForegroundRole(
            QPalette.ColorRole.WindowText if definition else QPalette.ColorRole.PlaceholderText
        )

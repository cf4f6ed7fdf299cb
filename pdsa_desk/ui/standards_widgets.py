"""The Standards view's parts: the stage editor form and the panel of tactics aimed at a stage.

They only show and collect values; the view decides what is saved (and how it is undone).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Stage, Tactic, TerminalKind
from pdsa_desk.core.services import NAME_MAX_LENGTH
from pdsa_desk.ui.length_check import watch_length
from pdsa_desk.ui.standards_models import ID_ROLE, KIND_ROLE, TacticTreeModel
from pdsa_desk.ui.widgets import ErrorLabel, keep_titles_readable

#: The fields of a stage the editor changes (keyword names of ``services.update_stage``).
FIELDS = ("name", "standard", "checklist", "wip_limit", "window_days", "terminal")
#: Changing one of these records a StandardRevision: it changes what the numbers mean.
DEFINITION_FIELDS = ("name", "standard", "checklist")


def hint(text: str) -> QLabel:
    """A wrapped explanation in the placeholder colour."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def with_error(field: QWidget | QLayout, error: ErrorLabel, note: QLabel | None = None) -> QWidget:
    """A form field with its explanation (if any) and its error label below it."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(2)
    if isinstance(field, QWidget):
        col.addWidget(field)
    else:
        col.addLayout(field)
    if note is not None:
        col.addWidget(note)
    col.addWidget(error)
    return box


def _button(text: str, tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setToolTip(tip)
    return button


class StageEditor(QGroupBox):
    """The definition of one stage: name, observable standard, evidence checklist and limits.

    ``edited(field)`` is emitted when the user changes a field (not while :meth:`fill` fills the form);
    ``errors`` holds an error label per field of :data:`FIELDS` and one (key None) for the whole form.
    """

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Stage definition"), parent)
        self._filling = False
        self.errors: dict[str | None, ErrorLabel] = {key: ErrorLabel() for key in (*FIELDS, None)}
        for key, label in self.errors.items():
            label.setObjectName(f"error-{key or 'general'}")

        self.name_edit = QLineEdit()
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
        standard_hint = hint(
            self.tr("Describe a customer behaviour you could show someone, not something the seller did.")
        )

        checklist_row = self._build_checklist()
        checklist_hint = hint(self.tr("What a rep ticks as seen before moving a customer into this stage."))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow: labels above their fields
        name_label = QLabel(self.tr("&Name:"))
        name_label.setBuddy(self.name_edit)
        watch_length(self.name_edit, self.errors["name"], NAME_MAX_LENGTH)
        form.addRow(name_label, with_error(self.name_edit, self.errors["name"]))
        standard_label = QLabel(self.tr("Observable &standard:"))
        standard_label.setBuddy(self.standard_edit)
        form.addRow(standard_label, with_error(self.standard_edit, self.errors["standard"], standard_hint))
        checklist_label = QLabel(self.tr("Evidence &checklist:"))
        checklist_label.setBuddy(self.checklist)
        form.addRow(checklist_label, with_error(checklist_row, self.errors["checklist"], checklist_hint))
        form.addRow(self.tr("Limits:"), self._build_limits())

        self.definition_note = QLabel()
        self.definition_note.setObjectName("definitionNote")
        self.definition_note.setWordWrap(True)
        self.revert_button = _button(self.tr("&Revert"))
        self.save_button = _button(self.tr("Save"))
        actions = QHBoxLayout()
        actions.addWidget(self.definition_note, 1)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)

        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.errors[None])
        col.addLayout(actions)
        col.addStretch(1)  # room to spare goes below the form, not between its rows

        self.name_edit.textEdited.connect(lambda _t: self._edited("name"))
        self.standard_edit.textChanged.connect(lambda: self._edited("standard"))
        cm = self.checklist.model()
        for sig in (cm.rowsInserted, cm.rowsRemoved, cm.rowsMoved, cm.dataChanged):
            sig.connect(lambda *_a: self._edited("checklist"))
        self.wip_spin.valueChanged.connect(lambda _v: self._edited("wip_limit"))
        self.window_spin.valueChanged.connect(lambda _v: self._edited("window_days"))
        self.terminal_combo.currentIndexChanged.connect(lambda _i: self._edited("terminal"))

    def _build_checklist(self) -> QHBoxLayout:
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
        self.add_item_button = _button(self.tr("Add item"), self.tr("Add a piece of evidence to check"))
        self.remove_item_button = _button(self.tr("Remove item"))
        self.add_item_button.clicked.connect(lambda _=False: self.add_checklist_item())
        self.remove_item_button.clicked.connect(lambda _=False: self.remove_checklist_item())
        row = QHBoxLayout()
        row.addWidget(self.checklist, 1)
        item_buttons = QVBoxLayout()
        item_buttons.addWidget(self.add_item_button)
        item_buttons.addWidget(self.remove_item_button)
        item_buttons.addStretch(1)
        row.addLayout(item_buttons)
        return row

    def _build_limits(self) -> QWidget:
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
        # Two lines: in one, the three labels and fields do not fit a 1024 px window (the labels were cut).
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        for pairs in (((self.tr("&WIP limit:"), self.wip_spin), (self.tr("Conversion &window:"), self.window_spin)),
                      ((self.tr("&Terminal:"), self.terminal_combo),)):
            limits = QHBoxLayout()
            for text, widget in pairs:
                label = QLabel(text)
                label.setBuddy(widget)
                limits.addWidget(label)
                limits.addWidget(widget)
                limits.addSpacing(12)
            limits.addStretch(1)
            col.addLayout(limits)
        for key in ("wip_limit", "window_days", "terminal"):
            col.addWidget(self.errors[key])
        return box

    def _edited(self, field: str) -> None:
        if not self._filling:
            self.edited.emit(field)

    # --- values -------------------------------------------------------------------------------

    def fill(self, stage: Stage | None) -> None:
        """Show a stage's values (empty for None) without emitting ``edited``."""
        self._filling = True
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
                self.setTitle(self.tr("Stage definition"))
        finally:
            self._filling = False

    def values(self) -> dict[str, Any]:
        """The form's values, normalised like the service normalises input."""
        items = [self.checklist.item(i).text().strip() for i in range(self.checklist.count())]
        return {
            "name": self.name_edit.text().strip(),
            "standard": self.standard_edit.toPlainText().strip(),
            "checklist": [i for i in items if i],
            "wip_limit": self.wip_spin.value() or None,
            "window_days": self.window_spin.value(),
            "terminal": self.terminal_combo.currentData(),
        }

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear_message()

    def show_error(self, exc: ValidationError) -> None:
        """Show a refusal next to its field (or under the form) and put the focus there."""
        field = exc.field if exc.field in self.errors else None
        self.errors[field].show_message(exc.message)
        focus = {
            "name": self.name_edit, "standard": self.standard_edit, "checklist": self.checklist,
            "wip_limit": self.wip_spin, "window_days": self.window_spin, "terminal": self.terminal_combo,
        }.get(field or "")
        if focus is not None:
            focus.setFocus()

    def show_definition_note(self, definition_changed: bool) -> None:
        """Say that saving records a revision, emphasised when a definition field was changed."""
        if definition_changed:
            self.definition_note.setText(self.tr(
                "⚠ <b>Saving changes what the numbers mean:</b> a new revision of this standard is recorded."
            ))
        else:
            self.definition_note.setText(self.tr(
                "Changing the name, standard or checklist changes what the numbers mean; it is recorded as a revision."
            ))
        self.definition_note.setForegroundRole(
            QPalette.ColorRole.WindowText if definition_changed else QPalette.ColorRole.PlaceholderText
        )

    # --- the checklist ------------------------------------------------------------------------

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

    def add_checklist_item(self) -> None:
        item = self._append_checklist_item("")
        self.checklist.setCurrentItem(item)
        self.checklist.editItem(item)

    def remove_checklist_item(self) -> None:
        row = self.checklist.currentRow()
        if row >= 0:
            self.checklist.takeItem(row)


class TacticsPanel(QWidget):
    """The tactics aimed at one stage, with the PDSA cycles that tested them (a tree over ``model``)."""

    def __init__(self, model: TacticTreeModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.addWidget(hint(self.tr(
            "Standard work and candidates aimed at moving customers on from this stage, with the PDSA cycles "
            "that tested them. Double-click a cycle to open it."
        )))
        self.tree = QTreeView()
        self.tree.setObjectName("tacticTree")
        self.tree.setModel(model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, model.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        keep_titles_readable(header)
        self.tree.selectionModel().currentChanged.connect(self._expand_current)
        layout.addWidget(self.tree, 1)
        self.empty_label = hint(self.tr(
            "No tactics aim at this stage yet — add one to start testing what helps customers move on."
        ))
        self.empty_label.setVisible(False)
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.add_button = _button(self.tr("Add &tactic…"), self.tr("Add a tactic aimed at this stage"))
        self.edit_button = _button(self.tr("&Edit / change status…"))
        self.open_cycle_button = _button(self.tr("&Open cycle"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.open_cycle_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # A second row: the panel is narrow at 1024 px, and longer languages need the room.
        records = QHBoxLayout()
        self.archive_button = _button(self.tr("Archive"))
        self.delete_button = _button(self.tr("Delete…"))
        records.addWidget(self.archive_button)
        records.addWidget(self.delete_button)
        records.addStretch(1)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.setToolTip(self.tr("Also list the tactics archived out of current work"))
        records.addWidget(self.show_archived)
        layout.addLayout(records)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

    def show_tactics(self, tactics: list[Tactic], cycles: list[Any]) -> None:
        """Show these tactics, collapsed but for the selected one (the same tactic stays selected)."""
        selected = self.tree.currentIndex().data(ID_ROLE)
        self.model.set_tactics(tactics, cycles)
        self.empty_label.setVisible(not tactics)
        if selected is not None:
            self.select(selected)

    def _expand_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Open the selected tactic's cycles. Only the selected tactic is expanded when the tree is filled:
        expanding all of them measured every cycle's cells at once (0.2 s with thousands of cycles)."""
        if current.isValid():
            self.tree.expand(current.parent() if current.parent().isValid() else current.siblingAtColumn(0))

    def selected_tactic(self) -> Tactic | None:
        """The selected tactic, or the tactic of the selected cycle."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        if index.parent().isValid():
            index = index.parent()
        return self.model.tactic(index.row())

    def selected_cycle_id(self) -> str | None:
        index = self.tree.currentIndex()
        if index.isValid() and index.data(KIND_ROLE) == "cycle":
            return index.data(ID_ROLE)
        return None

    def select(self, object_id: str) -> None:
        """Select a tactic or cycle by id (nothing happens when it is not shown)."""
        index: QModelIndex = self.model.find(object_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

"""Loss reasons on the Standards page: add, rename, reorder, delete (a tombstone; refused while lost
opportunities use the reason — rename it instead). Their order is the order offered when an opportunity is
marked lost. Every edit is undoable."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import LossReason
from pdsa_desk.core.services import NAME_MAX_LENGTH
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.length_check import watch_length
from pdsa_desk.ui.record_edits import CallCommand, run_edit
from pdsa_desk.ui.widgets import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole


class LossReasonsPanel(QGroupBox):
    """The workspace's loss reasons, in the order offered; the field below adds or renames."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Loss reasons"), parent)
        self.ctx = ctx
        self.setObjectName("lossReasons")
        self._reasons: list[LossReason] = []
        col = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("lossReasonList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Loss reasons, in the order offered"))
        self.list.setToolTip(self.tr("Offered in this order when an opportunity is marked lost"))
        self.list.setMaximumHeight(150)
        self.list.currentItemChanged.connect(lambda *_a: self._selected())
        col.addWidget(self.list)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("lossReasonName")
        self.name_edit.setPlaceholderText(self.tr("Loss reason"))
        self.name_edit.textChanged.connect(lambda _t: self._update_buttons())
        self.name_edit.returnPressed.connect(self._enter)
        col.addWidget(self.name_edit)
        self.error = ErrorLabel()
        watch_length(self.name_edit, self.error, NAME_MAX_LENGTH)
        col.addWidget(self.error)
        row1, row2 = QHBoxLayout(), QHBoxLayout()
        self.add_button = self._button(self.tr("Add"), self.add, row1)
        self.rename_button = self._button(self.tr("Rename"), self.rename, row1)
        self.delete_button = self._button(self.tr("Delete"), self.delete, row2)
        self.up_button = self._arrow(Qt.ArrowType.UpArrow, self.tr("Offer the selected reason earlier"),
                                     lambda: self.move_reason(-1), row2)
        self.down_button = self._arrow(Qt.ArrowType.DownArrow, self.tr("Offer the selected reason later"),
                                       lambda: self.move_reason(1), row2)
        col.addLayout(row1)
        col.addLayout(row2)
        delete_key = QAction(self)
        delete_key.setShortcut(QKeySequence.StandardKey.Delete)
        delete_key.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.triggered.connect(lambda _=False: self.delete())
        self.list.addAction(delete_key)
        self.reload()

    def _button(self, text: str, slot: Callable[[], object], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    def _arrow(self, arrow: Qt.ArrowType, tip: str, slot: Callable[[], object], row: QHBoxLayout) -> QToolButton:
        button = QToolButton()
        button.setArrowType(arrow)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda _=False: slot())
        row.addWidget(button)
        return button

    def reload(self) -> None:
        current = self.selected_id()
        self._reasons = services.list_loss_reasons(self.ctx.ws)
        self.list.blockSignals(True)
        self.list.clear()
        for reason in self._reasons:
            item = QListWidgetItem(reason.name)
            item.setData(ID_ROLE, reason.id)
            self.list.addItem(item)
            if reason.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._selected(keep_text=True)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def _reason(self) -> LossReason | None:
        return next((r for r in self._reasons if r.id == self.selected_id()), None)

    def _selected(self, keep_text: bool = False) -> None:
        reason = self._reason()
        if not keep_text:
            self.error.clear_message()
            self.name_edit.setText(reason.name if reason else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        reason = self._reason()
        row = self.list.currentRow() if reason else -1
        typed = self.name_edit.text().strip()
        self.add_button.setEnabled(bool(typed))
        self.add_button.setToolTip(self.tr("Add a loss reason with the name typed above") if typed
                                   else self.tr("Type the new loss reason first"))
        self.rename_button.setEnabled(reason is not None and bool(typed) and typed != reason.name)
        self.rename_button.setToolTip(self.tr("Give the selected reason the name typed above") if reason
                                      else self.tr("Select a loss reason first"))
        self.delete_button.setEnabled(reason is not None)
        self.delete_button.setToolTip(self.tr("Delete the selected reason (refused while lost opportunities use it)")
                                      if reason else self.tr("Select a loss reason first"))
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.list.count() - 1)

    def _run(self, command: CallCommand) -> object | None:
        self.error.clear_message()
        try:
            result = run_edit(self.ctx, command)
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return None
        self.reload()
        return result

    def _enter(self) -> None:
        if self.rename_button.isEnabled():
            self.rename()
        elif self._reason() is None:
            self.add()

    def add(self) -> None:
        ws, name = self.ctx.ws, self.name_edit.text()
        holder: dict[str, str] = {}

        def do() -> LossReason:
            reason = services.create_loss_reason(ws, name)
            holder["id"] = reason.id
            return reason

        result = self._run(CallCommand(
            self.ctx, self.tr("Add loss reason “{0}”").format(name.strip()), do,
            lambda: services.delete_loss_reason(ws, holder["id"]),
            redo=lambda: services.restore_loss_reason(ws, holder["id"]), change=Change()))
        if isinstance(result, LossReason):
            self.select(result.id)

    def rename(self) -> None:
        reason = self._reason()
        if reason is None:
            return
        ws, old, new = self.ctx.ws, reason.name, self.name_edit.text()
        self._run(CallCommand(
            self.ctx, self.tr("Rename loss reason “{0}”").format(old),
            lambda: services.rename_loss_reason(ws, reason.id, new, expected_updated_at=reason.updated_at),
            lambda: services.rename_loss_reason(ws, reason.id, old),
            redo=lambda: services.rename_loss_reason(ws, reason.id, new), change=Change.everything()))

    def delete(self) -> None:
        reason = self._reason()
        if reason is None:
            return
        ws = self.ctx.ws
        self._run(CallCommand(
            self.ctx, self.tr("Delete loss reason “{0}”").format(reason.name),
            lambda: services.delete_loss_reason(ws, reason.id),
            lambda: services.restore_loss_reason(ws, reason.id), change=Change()))

    def move_reason(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if self._reason() is None or not 0 <= target < len(self._reasons):
            return
        ws = self.ctx.ws
        old = [r.id for r in self._reasons]
        new = list(old)
        new.insert(target, new.pop(row))
        self._run(CallCommand(self.ctx, self.tr("Reorder loss reasons"),
                              lambda: services.reorder_loss_reasons(ws, new),
                              lambda: services.reorder_loss_reasons(ws, old), change=Change()))

    def select(self, reason_id: str) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item is not None and item.data(ID_ROLE) == reason_id:
                self.list.setCurrentItem(item)

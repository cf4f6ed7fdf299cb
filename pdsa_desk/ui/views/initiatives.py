"""Initiatives: marketing's dated pushes that sales should know about, and marketing's cycle capacity.

Each initiative (name, channel, the stage it aims at or the whole funnel, first and last day, owner,
talking points, a link) is added, changed and deleted here, each edit undoable (Edit > Undo). They appear
on every conversion chart (hatched spans), on "This week" when they start or end, and in a cycle's Study
when one overlaps its windows. The list reads the workspace on the worker thread.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.initiative_edits import (
    AddInitiativeCommand,
    DeleteInitiativeCommand,
    EditInitiativeCommand,
    InitiativeDialog,
    SetMarketingCapCommand,
    initiative_values,
)
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.widgets import keep_titles_readable

__all__ = ["InitiativeModel", "InitiativesView"]

_Index = QModelIndex | QPersistentModelIndex


class InitiativeModel(QAbstractTableModel):
    """The initiatives, by first day then name (as the service lists them)."""

    NAME, CHANNEL, STAGE, STARTS, ENDS, OWNER, POINTS = range(7)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.stage_names: dict[str, str] = {}
        self.today = date.today()
        self._headers = [self.tr("Initiative"), self.tr("Channel"), self.tr("Aimed at"), self.tr("First day"),
                         self.tr("Last day"), self.tr("Owner"), self.tr("What sales should know")]

    def set_rows(self, rows: list[Any], stage_names: dict[str, str], today: date) -> None:
        self.beginResetModel()
        self.rows, self.stage_names, self.today = rows, stage_names, today
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def _text(self, row: Any, column: int) -> str:
        if column == self.NAME:
            return str(row.name)
        if column == self.CHANNEL:
            return row.channel or self.tr("Every channel")
        if column == self.STAGE:
            return self.stage_names.get(row.stage_id, "?") if row.stage_id else self.tr("Whole funnel")
        if column == self.STARTS:
            return row.starts_on.strftime("%d %b %Y")
        if column == self.ENDS:
            return row.ends_on.strftime("%d %b %Y") if row.ends_on else self.tr("still running")
        if column == self.OWNER:
            return row.owner or "—"
        return " ".join(str(row.talking_points).split())

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == self.POINTS and row.talking_points:
                return str(row.talking_points)
            if index.column() == self.NAME and row.link:
                return self.tr("Link: {0} (Ctrl+L opens it)").format(row.link)
        if role == Qt.ItemDataRole.FontRole and index.column() == self.NAME:
            running = row.starts_on <= self.today and (row.ends_on is None or row.ends_on >= self.today)
            if running:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
        return None


class InitiativesView(View):
    """Marketing initiatives: the list, its edits, and how many cycles marketing can support at once."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loads = self.latest()
        self._stages: list[tuple[str, str]] = []
        self._channels: list[str] = []
        self._cap: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        intro = QLabel(self.tr(
            "<h2>Marketing initiatives</h2>Campaigns, events and content that reach customers while sales "
            "experiments run. They are marked on every conversion chart, listed on <i>This week</i> when they "
            "start or end, and a cycle's Study names any that overlap its windows. Running ones are in bold."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = InitiativeModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InitiativeModel.POINTS, QHeaderView.ResizeMode.Stretch)
        keep_titles_readable(header)  # a narrow window scrolls rather than squeezing the talking points
        self.table.doubleClicked.connect(lambda _i: self.edit_initiative())
        layout.addWidget(self.table, 1)
        self.empty = QLabel(self.tr("No initiatives yet. Add the campaigns and events marketing runs, so that sales "
                                    "knows what customers have heard and Study can tell a campaign from a "
                                    "tactic."))
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)

        buttons = QHBoxLayout()
        self.add_action = self._action(self.tr("&Add initiative…"), QKeySequence.StandardKey.New,
                                       self.add_initiative, self.tr("Record a marketing initiative (Ctrl+N)"))
        self.edit_action = self._action(self.tr("&Edit…"), QKeySequence(Qt.Key.Key_Return), self.edit_initiative,
                                        self.tr("Change the selected initiative (Enter)"))
        self.delete_action = self._action(self.tr("&Delete"), QKeySequence.StandardKey.Delete,
                                          self.delete_initiative, self.tr("Delete the selected initiative (Del); "
                                                                          "Edit > Undo brings it back"))
        self.link_action = self._action(self.tr("Open &link"), QKeySequence("Ctrl+L"), self.open_link,
                                        self.tr("Open the selected initiative's link (Ctrl+L)"))
        self.buttons: dict[str, QPushButton] = {}
        for key, action in (("add", self.add_action), ("edit", self.edit_action), ("delete", self.delete_action),
                            ("link", self.link_action)):
            button = QPushButton(action.text())
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        layout.addLayout(buttons)
        # The cap on a row of its own: beside four buttons it does not fit a 1024 px window in longer languages.
        buttons = QHBoxLayout()
        cap_label = QLabel(self.tr("Cycles marketing can support at &once:"))
        self.cap_spin = QSpinBox()
        self.cap_spin.setRange(0, 99)
        self.cap_spin.setSpecialValueText(self.tr("no limit"))
        self.cap_spin.setToolTip(self.tr("How many running cycles whose tactic needs marketing support may run at "
                                         "once; starting one more asks first and records the override"))
        cap_label.setBuddy(self.cap_spin)
        self.cap_spin.editingFinished.connect(self.set_cap)
        buttons.addWidget(cap_label)
        buttons.addWidget(self.cap_spin)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    def _action(self, text: str, shortcut: Any, slot: Any, tip: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- loading --------------------------------------------------------------------------
    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        ticket = self._loads.begin()
        self.updating = True
        ws = self.ctx.ws

        def work() -> tuple:
            stages = [(s.id, s.name) for s in services.list_stages(ws)]
            return (services.list_initiatives(ws), stages, services.list_channels(ws),
                    services.get_settings(ws).max_marketing_cycles)

        self.ctx.run_in_background(work, ticket.guard(self._loaded), ticket.guard(self._failed),
                                   abandon_on_close=True)

    def _loaded(self, result: tuple) -> None:
        rows, self._stages, self._channels, self._cap = result
        selected = self.selected()
        self.model.set_rows(rows, dict(self._stages), self.ctx.as_of().date())
        if selected is not None:
            self.select(selected.id)
        self.cap_spin.blockSignals(True)
        self.cap_spin.setValue(self._cap or 0)
        self.cap_spin.blockSignals(False)
        self.empty.setVisible(not rows)
        self.updating = False
        self._update_buttons()
        self.refreshed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.updating = False
        self.status.setText(self.tr("The initiatives could not be read: {0}").format(exc))
        self.refreshed.emit()

    # --- selection ------------------------------------------------------------------------
    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, initiative_id: str) -> None:
        for i, row in enumerate(self.model.rows):
            if row.id == initiative_id:
                self.table.selectRow(i)
                return

    def show_object(self, object_id: str) -> None:
        if self.updating or not self.model.rows:
            self.refreshed.connect(lambda: self.select(object_id), Qt.ConnectionType.SingleShotConnection)
            return
        self.select(object_id)

    def _update_buttons(self) -> None:
        row = self.selected()
        for key, action in (("edit", self.edit_action), ("delete", self.delete_action),
                            ("link", self.link_action)):
            on = row is not None and (key != "link" or bool(row.link))
            action.setEnabled(on)
            self.buttons[key].setEnabled(on)

    # --- edits ----------------------------------------------------------------------------
    def _report(self, text: str) -> None:
        self.status.setText(i18n.text(text))  # a service's refusal in the UI's language

    def _dialog(self, title: str, submit: Any, values: dict[str, Any] | None = None) -> Any:
        dialog = InitiativeDialog(self, title, submit, stages=self._stages, channels=self._channels,
                                  today=self.ctx.as_of().date(), values=values)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.result_object
        finally:
            dialog.deleteLater()

    def _changed(self, select_id: str | None = None) -> None:
        """After an edit: every view reloads (the charts' markers, the agenda), this one selecting the row."""
        from pdsa_desk.core.changes import Change

        self.status.clear()
        if select_id is not None:
            self.refreshed.connect(lambda: self.select(select_id), Qt.ConnectionType.SingleShotConnection)
        self.ctx.notify_changed(Change())
        if not self.isVisible():
            self.refresh()

    def add_initiative(self) -> None:
        ws = self.ctx.ws

        def submit(values: dict[str, Any]) -> Any:
            return services.create_initiative(ws, **values)

        row = self._dialog(self.tr("Add a marketing initiative"), submit)
        if row is None:
            return
        self.ctx.undo_stack.push(AddInitiativeCommand(self.ctx, row.id, row.name, self._report))
        self._changed(row.id)

    def edit_initiative(self) -> None:
        current = self.selected()
        if current is None:
            return
        before = initiative_values(current)
        ws = self.ctx.ws

        def submit(values: dict[str, Any]) -> Any:
            return services.update_initiative(ws, current.id, expected_updated_at=current.updated_at, **values)

        row = self._dialog(self.tr("Initiative “{0}”").format(current.name), submit, before)
        if row is None:
            return
        self.ctx.undo_stack.push(EditInitiativeCommand(self.ctx, row.id, before, initiative_values(row), self._report))
        self._changed(row.id)

    def delete_initiative(self) -> None:
        current = self.selected()
        if current is None:
            return
        command = DeleteInitiativeCommand(self.ctx, current.id, current.name, self._report)
        try:
            command.apply()
        except ValidationError as exc:
            self._report(exc.message)
            return
        self.ctx.undo_stack.push(command)
        self._changed()
        self.status.setText(self.tr("Deleted “{0}”. Edit > Undo brings it back.").format(current.name))

    def open_link(self) -> None:
        current = self.selected()
        if current is not None and current.link:
            QDesktopServices.openUrl(QUrl(current.link))

    def set_cap(self) -> None:
        value = self.cap_spin.value() or None
        if value == self._cap:
            return
        command = SetMarketingCapCommand(self.ctx, self._cap, value, self._report)
        try:
            command.apply()
        except ValidationError as exc:
            self._report(exc.message)
            return
        self._cap = value
        self.ctx.undo_stack.push(command)
        self._changed()

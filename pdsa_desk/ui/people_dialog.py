"""People and teams (Edit ▸ People and teams…, Ctrl+Shift+P): add, rename, move, deactivate, reactivate.

Nothing here deletes history: a rep or team that leaves is deactivated, stays in every past number and is
no longer offered for new work (the rules are in :mod:`pdsa_desk.core.services.records`). Every edit is one
service call, undoable (Ctrl+Z in the main window), and a refusal is shown under the field it names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut
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
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Rep, Team
from pdsa_desk.core.services import NAME_MAX_LENGTH
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.length_check import watch_length
from pdsa_desk.ui.record_edits import CallCommand, run_edit
from pdsa_desk.ui.widgets import ErrorLabel

ID_ROLE = Qt.ItemDataRole.UserRole


def _field(widget: QWidget, error: ErrorLabel) -> QWidget:
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(2)
    col.addWidget(widget)
    col.addWidget(error)
    return box


class PeopleDialog(QDialog):
    """Teams on the left, reps on the right; the form under each list edits the selected one or adds."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("peopleDialog")
        self.setWindowTitle(self.tr("People and teams"))
        self.resize(900, 560)
        self._teams: list[Team] = []
        self._reps: list[Rep] = []

        intro = QLabel(self.tr("Reps and teams who leave are deactivated, never deleted: they stay in every past "
                               "number and are no longer offered for new work. Undo any change with Ctrl+Z."))
        intro.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self._build_teams(), 2)
        row.addWidget(self._build_reps(), 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Enter in a name field adds or renames (returnPressed): no button may take Enter as well.
        for button in (*buttons.buttons(), self.add_team_button, self.rename_team_button, self.team_active_button,
                       self.add_rep_button, self.save_rep_button, self.rep_active_button):
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self)
        undo.activated.connect(self._undo)
        redo = QShortcut(QKeySequence.StandardKey.Redo, self)
        redo.activated.connect(self._redo)
        self.reload()

    # --- construction ----------------------------------------------------------------------------

    def _build_teams(self) -> QWidget:
        box = QGroupBox(self.tr("Teams"))
        col = QVBoxLayout(box)
        self.team_list = QListWidget()
        self.team_list.setObjectName("teamList")
        self.team_list.setAccessibleName(self.tr("Teams, by name"))
        self.team_list.currentItemChanged.connect(lambda *_a: self._team_selected())
        col.addWidget(self.team_list, 1)
        self.team_name = QLineEdit()
        self.team_name.setObjectName("teamName")
        self.team_name.setPlaceholderText(self.tr("Team name"))
        self.team_name.textChanged.connect(lambda _t: self._team_buttons())
        self.team_name.returnPressed.connect(self._team_enter)
        self.team_error = ErrorLabel()
        watch_length(self.team_name, self.team_error, NAME_MAX_LENGTH)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), _field(self.team_name, self.team_error))
        col.addLayout(form)
        buttons = QHBoxLayout()
        self.add_team_button = QPushButton(self.tr("Add team"))
        self.add_team_button.clicked.connect(self.add_team)
        self.rename_team_button = QPushButton(self.tr("Rename"))
        self.rename_team_button.clicked.connect(self.rename_team)
        self.team_active_button = QPushButton(self.tr("Deactivate"))
        self.team_active_button.clicked.connect(self.toggle_team)
        for b in (self.add_team_button, self.rename_team_button, self.team_active_button):
            buttons.addWidget(b)
        col.addLayout(buttons)
        return box

    def _build_reps(self) -> QWidget:
        box = QGroupBox(self.tr("Reps"))
        col = QVBoxLayout(box)
        self.rep_tree = QTreeWidget()
        self.rep_tree.setObjectName("repList")
        self.rep_tree.setRootIsDecorated(False)
        self.rep_tree.setAlternatingRowColors(True)
        self.rep_tree.setHeaderLabels([self.tr("Name"), self.tr("Team"), self.tr("Status")])
        self.rep_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rep_tree.setSortingEnabled(True)
        self.rep_tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.rep_tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rep_tree.setAccessibleName(self.tr("Reps"))
        self.rep_tree.currentItemChanged.connect(lambda *_a: self._rep_selected())
        col.addWidget(self.rep_tree, 1)
        self.rep_name = QLineEdit()
        self.rep_name.setObjectName("repName")
        self.rep_name.setPlaceholderText(self.tr("Rep name"))
        self.rep_name.textChanged.connect(lambda _t: self._rep_buttons())
        self.rep_name.returnPressed.connect(self._rep_enter)
        self.rep_email = QLineEdit()
        self.rep_email.setPlaceholderText(self.tr("optional, e.g. ann@example.com"))
        self.rep_team = QComboBox()
        self.rep_team.setObjectName("repTeam")
        self.rep_errors = {key: ErrorLabel() for key in ("name", "email", "team_id", None)}
        watch_length(self.rep_name, self.rep_errors["name"], NAME_MAX_LENGTH)
        form = QFormLayout()
        form.addRow(self.tr("N&ame:"), _field(self.rep_name, self.rep_errors["name"]))
        form.addRow(self.tr("&E-mail:"), _field(self.rep_email, self.rep_errors["email"]))
        form.addRow(self.tr("&Team:"), _field(self.rep_team, self.rep_errors["team_id"]))
        col.addLayout(form)
        col.addWidget(self.rep_errors[None])
        buttons = QHBoxLayout()
        self.add_rep_button = QPushButton(self.tr("Add rep"))
        self.add_rep_button.clicked.connect(self.add_rep)
        self.save_rep_button = QPushButton(self.tr("Save changes"))
        self.save_rep_button.setToolTip(self.tr("Rename the selected rep or move them to the chosen team"))
        self.save_rep_button.clicked.connect(self.save_rep)
        self.rep_active_button = QPushButton(self.tr("Deactivate"))
        self.rep_active_button.clicked.connect(self.toggle_rep)
        for b in (self.add_rep_button, self.save_rep_button, self.rep_active_button):
            buttons.addWidget(b)
        col.addLayout(buttons)
        return box

    # --- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Fill both lists from the workspace, keeping the selection."""
        team_id, rep_id = self.selected_team_id(), self.selected_rep_id()
        self._teams = services.list_all_teams(self.ctx.ws)
        self._reps = services.list_reps(self.ctx.ws)
        names = {t.id: t for t in self._teams}
        self.team_list.blockSignals(True)
        self.team_list.clear()
        for team in self._teams:
            item = QListWidgetItem(team.name if team.active else self.tr("{0} (inactive)").format(team.name))
            item.setData(ID_ROLE, team.id)
            if not team.active:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            self.team_list.addItem(item)
            if team.id == team_id:
                self.team_list.setCurrentItem(item)
        self.team_list.blockSignals(False)
        self.rep_tree.blockSignals(True)
        self.rep_tree.clear()
        for rep in self._reps:
            rep_team = names.get(rep.team_id or "")
            row = QTreeWidgetItem([rep.name, rep_team.name if rep_team is not None else self.tr("No team"),
                                   self.tr("active") if rep.active else self.tr("inactive")])
            row.setData(0, ID_ROLE, rep.id)
            self.rep_tree.addTopLevelItem(row)
            if rep.id == rep_id:
                self.rep_tree.setCurrentItem(row)
        self.rep_tree.blockSignals(False)
        self._team_selected()
        self._rep_selected()

    def selected_team_id(self) -> str | None:
        item = self.team_list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def selected_rep_id(self) -> str | None:
        item = self.rep_tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None else None

    def _team(self) -> Team | None:
        return next((t for t in self._teams if t.id == self.selected_team_id()), None)

    def _rep(self) -> Rep | None:
        return next((r for r in self._reps if r.id == self.selected_rep_id()), None)

    def _team_selected(self) -> None:
        team = self._team()
        self.team_error.clear_message()
        self.team_name.setText(team.name if team else "")
        if team is not None and team.active and self._rep() is None:  # a new rep goes to the team chosen
            self.rep_team.setCurrentIndex(max(0, self.rep_team.findData(team.id)))
        self._team_buttons()

    def _team_buttons(self) -> None:
        team = self._team()
        typed = bool(self.team_name.text().strip())
        self.add_team_button.setEnabled(typed)
        self.add_team_button.setToolTip(self.tr("Add a team with this name") if typed
                                        else self.tr("Type the new team's name first"))
        self.rename_team_button.setEnabled(team is not None and typed and self.team_name.text().strip() != team.name)
        self.rename_team_button.setToolTip(self.tr("Give the selected team the name typed above") if team
                                           else self.tr("Select a team first"))
        self.team_active_button.setEnabled(team is not None)
        self.team_active_button.setText(self.tr("Reactivate") if team is not None and not team.active
                                        else self.tr("Deactivate"))
        self.team_active_button.setToolTip(self.tr("Select a team first") if team is None else "")

    def _rep_selected(self) -> None:
        rep = self._rep()
        for label in self.rep_errors.values():
            label.clear_message()
        self.rep_name.setText(rep.name if rep else "")
        self.rep_email.setText((rep.email or "") if rep else "")
        self.rep_team.clear()
        self.rep_team.addItem(self.tr("No team"), None)
        for team in self._teams:
            if team.active:
                self.rep_team.addItem(team.name, team.id)
            elif rep is not None and rep.team_id == team.id:
                self.rep_team.addItem(self.tr("{0} (inactive)").format(team.name), team.id)
        chosen = rep.team_id if rep is not None else self.selected_team_id()
        self.rep_team.setCurrentIndex(max(0, self.rep_team.findData(chosen)))
        self._rep_buttons()

    def _rep_buttons(self) -> None:
        rep = self._rep()
        typed = bool(self.rep_name.text().strip())
        self.add_rep_button.setEnabled(typed)
        self.add_rep_button.setToolTip(self.tr("Add a rep with this name, in the chosen team") if typed
                                       else self.tr("Type the new rep's name first"))
        self.save_rep_button.setEnabled(rep is not None and typed)
        self.rep_active_button.setEnabled(rep is not None)
        self.rep_active_button.setText(self.tr("Reactivate") if rep is not None and not rep.active
                                       else self.tr("Deactivate"))

    # --- edits -----------------------------------------------------------------------------------

    def _run(self, command: CallCommand, errors: dict[str | None, ErrorLabel]) -> object | None:
        for label in errors.values():
            label.clear_message()
        try:
            result = run_edit(self.ctx, command)
        except ValidationError as exc:
            errors.get(exc.field, errors[None]).show_message(exc.message)
            return None
        self.reload()
        return result

    def _team_errors(self) -> dict[str | None, ErrorLabel]:
        return {"name": self.team_error, None: self.team_error, "active": self.team_error}

    def _team_enter(self) -> None:
        team = self._team()
        if team is not None and self.rename_team_button.isEnabled():
            self.rename_team()
        elif team is None:
            self.add_team()

    def _rep_enter(self) -> None:
        rep = self._rep()
        if rep is not None and self.save_rep_button.isEnabled():
            self.save_rep()
        elif rep is None:
            self.add_rep()

    def add_team(self) -> None:
        ws, name = self.ctx.ws, self.team_name.text()
        holder: dict[str, str] = {}

        def do() -> Team:
            team = services.create_team(ws, name)
            holder["id"] = team.id
            return team

        command = CallCommand(self.ctx, self.tr("Add team “{0}”").format(name.strip()), do,
                              lambda: services.delete_team(ws, holder["id"]),
                              redo=lambda: services.restore_team(ws, holder["id"]), change=Change.everything())
        team = self._run(command, self._team_errors())
        if isinstance(team, Team):
            self._select_team(team.id)

    def rename_team(self) -> None:
        team = self._team()
        if team is None:
            return
        ws, old, new = self.ctx.ws, team.name, self.team_name.text()
        command = CallCommand(self.ctx, self.tr("Rename team “{0}”").format(old),
                              lambda: services.rename_team(ws, team.id, new, expected_updated_at=team.updated_at),
                              lambda: services.rename_team(ws, team.id, old),
                              redo=lambda: services.rename_team(ws, team.id, new), change=Change.everything())
        self._run(command, self._team_errors())

    def toggle_team(self) -> None:
        team = self._team()
        if team is None:
            return
        ws, active = self.ctx.ws, not team.active
        text = (self.tr("Reactivate team “{0}”") if active else self.tr("Deactivate team “{0}”")).format(team.name)
        command = CallCommand(self.ctx, text, lambda: services.set_team_active(ws, team.id, active),
                              lambda: services.set_team_active(ws, team.id, not active), change=Change.everything())
        self._run(command, self._team_errors())

    def add_rep(self) -> None:
        ws, name, email, team_id = self.ctx.ws, self.rep_name.text(), self.rep_email.text(), self.rep_team.currentData()
        holder: dict[str, str] = {}

        def do() -> Rep:
            rep = services.create_rep(ws, name, email=email, team_id=team_id)
            holder["id"] = rep.id
            return rep

        command = CallCommand(self.ctx, self.tr("Add rep “{0}”").format(name.strip()), do,
                              lambda: services.delete_rep(ws, holder["id"]),
                              redo=lambda: services.restore_rep(ws, holder["id"]), change=Change.everything())
        rep = self._run(command, self.rep_errors)
        if isinstance(rep, Rep):
            self._select_rep(rep.id)

    def save_rep(self) -> None:
        rep = self._rep()
        if rep is None:
            return
        ws = self.ctx.ws
        before = {"name": rep.name, "email": rep.email, "team_id": rep.team_id}
        after = {"name": self.rep_name.text(), "email": self.rep_email.text() or None,
                 "team_id": self.rep_team.currentData()}
        if after == before:
            return
        moved = after["team_id"] != before["team_id"]
        text = (self.tr("Move rep “{0}” to another team") if moved else self.tr("Edit rep “{0}”")).format(rep.name)

        def write(values: dict[str, str | None], stamp: datetime | None = None) -> Rep:
            return services.update_rep(ws, rep.id, name=values["name"], email=values["email"],
                                       team_id=values["team_id"], expected_updated_at=stamp)

        command = CallCommand(self.ctx, text, lambda: write(after, rep.updated_at), lambda: write(before),
                              redo=lambda: write(after), change=Change.everything())
        self._run(command, self.rep_errors)

    def toggle_rep(self) -> None:
        rep = self._rep()
        if rep is None:
            return
        ws, active = self.ctx.ws, not rep.active
        text = (self.tr("Reactivate rep “{0}”") if active else self.tr("Deactivate rep “{0}”")).format(rep.name)
        command = CallCommand(self.ctx, text, lambda: services.update_rep(ws, rep.id, active=active),
                              lambda: services.update_rep(ws, rep.id, active=not active), change=Change.everything())
        self._run(command, self.rep_errors)

    def _select_team(self, team_id: str) -> None:
        for i in range(self.team_list.count()):
            if self.team_list.item(i).data(ID_ROLE) == team_id:
                self.team_list.setCurrentRow(i)

    def _select_rep(self, rep_id: str) -> None:
        for i in range(self.rep_tree.topLevelItemCount()):
            item = self.rep_tree.topLevelItem(i)
            if item is not None and item.data(0, ID_ROLE) == rep_id:
                self.rep_tree.setCurrentItem(item)

    def _undo(self) -> None:
        self.ctx.undo_stack.undo()
        self.reload()

    def _redo(self) -> None:
        self.ctx.undo_stack.redo()
        self.reload()

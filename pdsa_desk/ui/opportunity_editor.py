"""The opportunity editor: add an opportunity, or correct one (name, rep, amount, channel, source, open date),
close it as won or lost (with a reason), reopen it, or delete it (a tombstone, after asking).

Opened from the Board (double-click a card, Ctrl+E, or "New opportunity", Ctrl+N) and from the opportunities
table. One save is one service call (:func:`pdsa_desk.core.services.edit_opportunity`), undoable; a refusal
is shown under the field it names and the dialog stays open with what was typed.

Dates: the editor asks for days. A day before today is read as the start of that day (open date) or its end
(close date), in this computer's time zone; today is now. An unchanged day keeps the stored time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Outcome, utcnow
from pdsa_desk.core.services import TITLE_MAX_LENGTH
from pdsa_desk.ui.board_models import format_amount
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.length_check import watch_length
from pdsa_desk.ui.record_edits import CallCommand, run_edit
from pdsa_desk.ui.widgets import ErrorLabel

FIELDS = ("name", "rep_id", "amount", "channel", "source", "opened_at", "stage_id", "outcome", "loss_reason_id",
          "closed_at")


def to_qdate(when: datetime) -> QDate:
    return QDateTime.fromSecsSinceEpoch(int(when.timestamp())).toLocalTime().date()


def day_to_utc(day: QDate, *, end: bool) -> datetime:
    """A chosen day as a UTC instant: today is now; an earlier day its local start (or, ``end``, its end)."""
    if day >= QDate.currentDate():
        return utcnow()
    moment = QDateTime(day, QTime(23, 59, 59) if end else QTime(0, 0))
    return datetime.fromtimestamp(moment.toSecsSinceEpoch(), UTC)


def parse_amount(text: str) -> object:
    """The amount typed, read in this computer's number format (``12.500,50`` in German); what cannot be read
    goes to the service as typed, which refuses it with a message."""
    text = text.strip()
    if not text:
        return None
    value, ok = QLocale().toDouble(text)
    if ok:
        return value
    try:
        return float(text)
    except ValueError:
        return text


class OpportunityEditor(QDialog):
    """Add (``opp_id`` None) or edit one opportunity."""

    def __init__(self, ctx: AppContext, opp_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.opp_id = opp_id
        self.created_id: str | None = None
        self.setObjectName("opportunityEditor")
        self.values = services.opportunity_values(ctx.ws, opp_id) if opp_id else None
        self.setWindowTitle(self.tr("Opportunity “{0}”").format(self.values.name) if self.values
                            else self.tr("New opportunity"))
        self.setMinimumWidth(520)
        self.errors: dict[str | None, ErrorLabel] = {key: ErrorLabel() for key in (*FIELDS, None)}
        form = QFormLayout()
        self._build_fields(form)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors[None])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if self.values is None:
            self.save_button.setText(self.tr("Add opportunity"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.delete_button: QPushButton | None = None
        self.history_button: QPushButton | None = None
        if self.values is not None:
            self.history_button = self.buttons.addButton(self.tr("History…"), QDialogButtonBox.ButtonRole.HelpRole)
            self.history_button.setToolTip(self.tr("Stage moves of this opportunity and the evidence seen"))
            self.history_button.clicked.connect(self.show_history)
            self.delete_button = self.buttons.addButton(self.tr("Delete…"),
                                                        QDialogButtonBox.ButtonRole.DestructiveRole)
            self.delete_button.setToolTip(self.tr("Delete this opportunity and its stage moves (undo with Ctrl+Z)"))
            self.delete_button.clicked.connect(self.delete)
        layout.addWidget(self.buttons)
        self._outcome_changed()

    # --- construction ----------------------------------------------------------------------------

    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(widget)
        col.addWidget(self.errors[key])
        form.addRow(label, box)

    def _build_fields(self, form: QFormLayout) -> None:
        v = self.values
        self.name_edit = QLineEdit(v.name if v else "")
        self.name_edit.setPlaceholderText(self.tr("e.g. Contoso — analytics rollout"))
        watch_length(self.name_edit, self.errors["name"], TITLE_MAX_LENGTH)  # an opportunity's name is a title
        self._row(form, self.tr("&Name:"), self.name_edit, "name")
        self.rep_combo = QComboBox()
        self.rep_combo.addItem(self.tr("No rep"), None)
        for rep in services.list_reps(self.ctx.ws):
            if rep.active:
                self.rep_combo.addItem(rep.name, rep.id)
            elif v is not None and rep.id == v.rep_id:  # shown, not offered to others
                self.rep_combo.addItem(self.tr("{0} (inactive)").format(rep.name), rep.id)
        self.rep_combo.setCurrentIndex(max(0, self.rep_combo.findData(v.rep_id if v else None)))
        self._row(form, self.tr("&Rep:"), self.rep_combo, "rep_id")
        self.amount_edit = QLineEdit(format_amount(v.amount) if v and v.amount is not None else "")
        self.amount_edit.setPlaceholderText(self.tr("e.g. {0}").format(QLocale().toString(12500.0, "f", 0)))
        self._row(form, self.tr("&Amount:"), self.amount_edit, "amount")
        self.channel_edit = QLineEdit((v.channel or "") if v else "")
        self.channel_edit.setPlaceholderText(self.tr("inbound, outbound, partner…"))
        self._row(form, self.tr("C&hannel:"), self.channel_edit, "channel")
        self.source_edit = QLineEdit((v.source or "") if v else "")
        self.source_edit.setPlaceholderText(self.tr("where it came from, e.g. a trade fair or a CRM"))
        self._row(form, self.tr("S&ource:"), self.source_edit, "source")
        self.opened_edit = self._date_edit(to_qdate(v.opened_at) if v else QDate.currentDate())
        self._row(form, self.tr("&Opened on:"), self.opened_edit, "opened_at")
        if v is None:
            self.stage_combo = QComboBox()
            self.stage_combo.addItem(self.tr("No stage yet"), None)
            for stage in services.list_stages(self.ctx.ws):
                if stage.terminal != "won":
                    self.stage_combo.addItem(stage.name, stage.id)
            self.stage_combo.setCurrentIndex(min(1, self.stage_combo.count() - 1))
            self._row(form, self.tr("&Stage:"), self.stage_combo, "stage_id")
            return
        moves = services.history(self.ctx.ws, self.opp_id) if self.opp_id else []
        stages = services.list_stages(self.ctx.ws)
        names = {s.id: s.name for s in stages}
        self._won_stage = next((s.name for s in stages if s.terminal == "won"), "")
        current = names.get(moves[-1].stage_id, "") if moves else ""
        self.stage_label = QLabel(self.tr("{0} — moves are recorded on the Board, with the evidence seen").format(
            current) if current else self.tr("No stage yet — move it on the Board"))
        self.stage_label.setWordWrap(True)
        form.addRow(self.tr("Stage:"), self.stage_label)
        self.outcome_combo = QComboBox()
        for outcome, label in ((Outcome.OPEN, self.tr("Open")), (Outcome.WON, self.tr("Won")),
                               (Outcome.LOST, self.tr("Lost"))):
            self.outcome_combo.addItem(label, str(outcome))
        self.outcome_combo.setCurrentIndex(self.outcome_combo.findData(v.outcome))
        self.outcome_combo.currentIndexChanged.connect(lambda _i: self._outcome_changed())
        self._row(form, self.tr("O&utcome:"), self.outcome_combo, "outcome")
        self.reason_combo = QComboBox()
        self.reason_combo.setPlaceholderText(self.tr("Choose a loss reason…"))
        for reason in services.list_loss_reasons(self.ctx.ws):
            self.reason_combo.addItem(reason.name, reason.id)
        self.reason_combo.setCurrentIndex(self.reason_combo.findData(v.loss_reason_id) if v.loss_reason_id else -1)
        self._row(form, self.tr("&Loss reason:"), self.reason_combo, "loss_reason_id")
        self.closed_edit = self._date_edit(to_qdate(v.closed_at) if v.closed_at else QDate.currentDate())
        self._row(form, self.tr("&Closed on:"), self.closed_edit, "closed_at")
        self.outcome_note = QLabel()
        self.outcome_note.setWordWrap(True)
        form.addRow("", self.outcome_note)

    def _date_edit(self, day: QDate) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMaximumDate(max(QDate.currentDate(), day))  # a stored later day is shown as it is, not clamped
        edit.setDate(day)
        edit.setDisplayFormat("yyyy-MM-dd")  # the tables' date style: unambiguous in every locale
        return edit

    def _outcome_changed(self) -> None:
        if self.values is None:
            return
        outcome = self.outcome_combo.currentData()
        self.reason_combo.setEnabled(outcome == Outcome.LOST)
        self.closed_edit.setEnabled(outcome != Outcome.OPEN)
        if outcome == Outcome.LOST and self.reason_combo.count() == 0:
            self.outcome_note.setText(self.tr("No loss reasons are defined yet; add them on the Standards page."))
        elif outcome == Outcome.OPEN and self.values.outcome != Outcome.OPEN and self.values.in_won_stage:
            self.outcome_note.setText(self.tr("It entered the won stage: to reopen it, undo that move on the Board "
                                              "(Ctrl+Z) or record its next move."))
        elif outcome == Outcome.WON and self.values.outcome != Outcome.WON and self._won_stage:
            self.outcome_note.setText(self.tr("Marking it won here records no stage move. To record the signed "
                                              "order as evidence, move it into “{0}” on the Board.").format(
                self._won_stage))
        elif outcome == Outcome.OPEN and self.values.outcome != Outcome.OPEN:
            self.outcome_note.setText(self.tr("Saving reopens it: it goes back on the Board in its last stage."))
        else:
            self.outcome_note.setText("")

    # --- values ----------------------------------------------------------------------------------

    def changed_values(self) -> dict[str, Any]:
        """What the form says, as the service takes it: for an edit only what differs from the stored values."""
        new: dict[str, Any] = {
            "name": self.name_edit.text(),
            "rep_id": self.rep_combo.currentData(),
            "amount": parse_amount(self.amount_edit.text()),
            "channel": self.channel_edit.text().strip() or None,
            "source": self.source_edit.text().strip() or None,
        }
        v = self.values
        if v is None:
            new["opened_at"] = day_to_utc(self.opened_edit.date(), end=False)
            new["stage_id"] = self.stage_combo.currentData()
            return new
        if self.opened_edit.date() != to_qdate(v.opened_at):
            new["opened_at"] = day_to_utc(self.opened_edit.date(), end=False)
        outcome = self.outcome_combo.currentData()
        if outcome != v.outcome:
            new["outcome"] = outcome
        if outcome == Outcome.LOST and self.reason_combo.currentData() != v.loss_reason_id:
            new["outcome"] = outcome
            new["loss_reason_id"] = self.reason_combo.currentData()
        if outcome != Outcome.OPEN and (outcome != v.outcome or v.closed_at is None
                                        or self.closed_edit.date() != to_qdate(v.closed_at)):
            new["outcome"] = outcome
            new["closed_at"] = day_to_utc(self.closed_edit.date(), end=True)
            if outcome == Outcome.LOST:
                new["loss_reason_id"] = self.reason_combo.currentData()
        stored = {"name": v.name, "rep_id": v.rep_id, "amount": v.amount, "channel": v.channel, "source": v.source}
        return {k: value for k, value in new.items() if k not in stored or stored[k] != value}

    def _before(self, keys: list[str]) -> dict[str, Any]:
        v = self.values
        if v is None:
            return {}
        before = {k: getattr(v, k) for k in keys}
        if "outcome" in before or "loss_reason_id" in before or "closed_at" in before:
            before |= {"outcome": v.outcome, "loss_reason_id": v.loss_reason_id, "closed_at": v.closed_at}
        return before

    # --- actions ---------------------------------------------------------------------------------

    def _show_error(self, exc: ValidationError) -> None:
        self.errors.get(exc.field, self.errors[None]).show_message(exc.message)

    def save(self) -> None:
        for label in self.errors.values():
            label.clear_message()
        try:
            if self.values is None:
                self._create()
            else:
                self._edit()
        except ValidationError as exc:
            self._show_error(exc)
            return
        self.accept()

    def _create(self) -> None:
        ws, values = self.ctx.ws, self.changed_values()
        holder: dict[str, str] = {}

        def do() -> None:
            holder["id"] = services.create_opportunity(ws, **values).id
            self.created_id = holder["id"]
            command.change = Change.of(holder["id"])  # appended to the snapshot by a patch

        command = CallCommand(self.ctx, self.tr("Add opportunity “{0}”").format(str(values["name"]).strip()), do,
                              lambda: services.delete_opportunity(ws, holder["id"]),
                              redo=lambda: services.restore_opportunity(ws, holder["id"]))
        run_edit(self.ctx, command)

    def _edit(self) -> None:
        v, ws, opp_id = self.values, self.ctx.ws, self.opp_id
        if v is None or opp_id is None:
            return
        after = self.changed_values()
        if not after:
            return
        before = self._before(list(after))
        after_full = after | ({k: before[k] for k in ("outcome", "loss_reason_id", "closed_at") if k in before
                               and k not in after})
        command = CallCommand(
            self.ctx, self.tr("Edit opportunity “{0}”").format(v.name),
            lambda: services.edit_opportunity(ws, opp_id, **after_full, expected_updated_at=v.updated_at),
            lambda: services.edit_opportunity(ws, opp_id, **before),
            redo=lambda: services.edit_opportunity(ws, opp_id, **after_full), change=Change.of(opp_id))
        run_edit(self.ctx, command)

    def confirm_delete(self) -> bool:
        """Ask before deleting (tests replace this)."""
        name = self.values.name if self.values else ""
        answer = QMessageBox.question(
            self, self.tr("Delete opportunity"),
            self.tr("Delete “{0}” and its stage moves? It leaves every number from now on. Undo (Ctrl+Z) brings "
                    "it back.").format(name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> None:
        if self.values is None or self.opp_id is None or not self.confirm_delete():
            return
        ws, opp_id = self.ctx.ws, self.opp_id
        command = CallCommand(self.ctx, self.tr("Delete opportunity “{0}”").format(self.values.name),
                              lambda: services.delete_opportunity(ws, opp_id),
                              lambda: services.restore_opportunity(ws, opp_id), change=Change.of(opp_id))
        try:
            run_edit(self.ctx, command)
        except ValidationError as exc:
            self._show_error(exc)
            return
        self.accept()

    def show_history(self) -> None:
        from pdsa_desk.ui.board_edits import HistoryDialog

        if self.values is None or self.opp_id is None:
            return
        dialog = HistoryDialog(self.values.name, "", HistoryDialog.rows_of(self.ctx.ws, self.opp_id), parent=self)
        dialog.setObjectName("historyDialog")
        dialog.open()
        self.history_dialog = dialog

"""The marketing initiatives' edits: the dialog (refusals next to their field) and the undoable commands."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import MarketingInitiative
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.standards_widgets import with_error
from pdsa_desk.ui.undo import ServiceCommand, report_refusal
from pdsa_desk.ui.widgets import ErrorLabel

__all__ = [
    "AddInitiativeCommand",
    "DeleteInitiativeCommand",
    "EditInitiativeCommand",
    "InitiativeDialog",
    "SetMarketingCapCommand",
    "initiative_values",
]

FIELDS = ("name", "channel", "stage_id", "starts_on", "ends_on", "owner", "talking_points", "link")


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def initiative_values(row: MarketingInitiative) -> dict[str, Any]:
    """The editable values of an initiative, as :func:`services.update_initiative` takes them."""
    return {"name": row.name, "channel": row.channel, "stage_id": row.stage_id, "starts_on": row.starts_on,
            "ends_on": row.ends_on, "owner": row.owner, "talking_points": row.talking_points, "link": row.link}


class InitiativeDialog(QDialog):
    """Add or change a marketing initiative. ``submit(values)`` runs on OK; a ValidationError it raises is
    shown next to its field and the dialog stays open with everything typed."""

    def __init__(self, parent: QWidget | None, title: str, submit: Callable[[dict[str, Any]], Any], *,
                 stages: list[tuple[str, str]], channels: list[str], today: date,
                 values: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._submit = submit
        self.result_object: Any = None
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Autumn webinar series"))
        self.channel_combo = QComboBox()
        self.channel_combo.setEditable(True)
        self.channel_combo.addItem(self.tr("Every channel"), "")
        for name in channels:
            self.channel_combo.addItem(name, name)
        self.channel_combo.setToolTip(self.tr("The lead source it reaches; type a new one or choose every channel"))
        self.stage_combo = QComboBox()
        self.stage_combo.addItem(self.tr("Whole funnel"), "")
        for stage_id, name in stages:
            self.stage_combo.addItem(name, stage_id)
        self.stage_combo.setToolTip(self.tr("The stage it aims to move customers into"))
        self.start_edit = QDateEdit(_qdate(today))
        self.start_edit.setCalendarPopup(True)
        self.end_edit = QDateEdit(_qdate(today))
        self.end_edit.setCalendarPopup(True)
        self.running_check = QCheckBox(self.tr("Still &running (no end yet)"))
        self.running_check.toggled.connect(lambda on: self.end_edit.setEnabled(not on))
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("Who in marketing runs it"))
        self.points_edit = QPlainTextEdit()
        self.points_edit.setPlaceholderText(self.tr("What sales should know or say when a customer mentions it"))
        self.points_edit.setTabChangesFocus(True)
        self.points_edit.setFixedHeight(80)
        self.link_edit = QLineEdit()
        self.link_edit.setPlaceholderText("https://…")
        self.errors = {key: ErrorLabel() for key in (*FIELDS, None)}

        ends = QHBoxLayout()
        ends.addWidget(self.end_edit)
        ends.addWidget(self.running_check)
        ends.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), with_error(self.name_edit, self.errors["name"]))
        form.addRow(self.tr("&Channel:"), with_error(self.channel_combo, self.errors["channel"]))
        form.addRow(self.tr("&Aimed at:"), with_error(self.stage_combo, self.errors["stage_id"]))
        form.addRow(self.tr("&First day:"), with_error(self.start_edit, self.errors["starts_on"]))
        form.addRow(self.tr("&Last day:"), with_error(ends, self.errors["ends_on"]))
        form.addRow(self.tr("&Owner:"), with_error(self.owner_edit, self.errors["owner"]))
        form.addRow(self.tr("&Talking points:"), with_error(self.points_edit, self.errors["talking_points"]))
        form.addRow(self.tr("Lin&k:"), with_error(self.link_edit, self.errors["link"]))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors[None])
        layout.addWidget(buttons)
        if values is not None:
            self._fill(values)

    def _fill(self, values: dict[str, Any]) -> None:
        self.name_edit.setText(values["name"])
        channel = values["channel"] or ""
        i = self.channel_combo.findData(channel)
        if i < 0:
            self.channel_combo.addItem(channel, channel)
            i = self.channel_combo.count() - 1
        self.channel_combo.setCurrentIndex(i)
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(values["stage_id"] or "")))
        self.start_edit.setDate(_qdate(values["starts_on"]))
        self.running_check.setChecked(values["ends_on"] is None)
        if values["ends_on"] is not None:
            self.end_edit.setDate(_qdate(values["ends_on"]))
        self.owner_edit.setText(values["owner"] or "")
        self.points_edit.setPlainText(values["talking_points"])
        self.link_edit.setText(values["link"])

    def values(self) -> dict[str, Any]:
        text = self.channel_combo.currentText().strip()
        every = text == self.channel_combo.itemText(0) or not text
        return {
            "name": self.name_edit.text(),
            "channel": None if every else text,
            "stage_id": self.stage_combo.currentData() or None,
            "starts_on": _pydate(self.start_edit.date()),
            "ends_on": None if self.running_check.isChecked() else _pydate(self.end_edit.date()),
            "owner": self.owner_edit.text().strip() or None,
            "talking_points": self.points_edit.toPlainText(),
            "link": self.link_edit.text().strip(),
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


class AddInitiativeCommand(ServiceCommand):
    """Undo deletes the new initiative; redo brings it back."""

    change = Change()  # initiatives are not in the analysis snapshot

    def __init__(self, ctx: AppContext, initiative_id: str, name: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Add initiative “{0}”").format(name), report_refusal(report))
        self.initiative_id = initiative_id

    def apply(self) -> None:
        services.restore_initiative(self.ctx.ws, self.initiative_id)

    def revert(self) -> None:
        services.delete_initiative(self.ctx.ws, self.initiative_id)


class EditInitiativeCommand(ServiceCommand):
    change = Change()

    def __init__(self, ctx: AppContext, initiative_id: str, before: dict[str, Any], after: dict[str, Any],
                 report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Edit initiative “{0}”").format(after["name"]), report_refusal(report))
        self.initiative_id = initiative_id
        self.before, self.after = before, after

    def apply(self) -> None:
        services.update_initiative(self.ctx.ws, self.initiative_id, **self.after)

    def revert(self) -> None:
        services.update_initiative(self.ctx.ws, self.initiative_id, **self.before)


class DeleteInitiativeCommand(ServiceCommand):
    change = Change()

    def __init__(self, ctx: AppContext, initiative_id: str, name: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Delete initiative “{0}”").format(name), report_refusal(report))
        self.initiative_id = initiative_id

    def apply(self) -> None:
        services.delete_initiative(self.ctx.ws, self.initiative_id)

    def revert(self) -> None:
        services.restore_initiative(self.ctx.ws, self.initiative_id)


class SetMarketingCapCommand(ServiceCommand):
    change = Change()

    def __init__(self, ctx: AppContext, before: int | None, after: int | None, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Change marketing's cycle limit"), report_refusal(report))
        self.before, self.after = before, after

    def apply(self) -> None:
        services.set_marketing_cap(self.ctx.ws, self.after)

    def revert(self) -> None:
        services.set_marketing_cap(self.ctx.ws, self.before)

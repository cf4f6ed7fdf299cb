"""The Standards view's edits: the undoable stage edit and reorder, and the tactic dialog."""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Stage, Tactic, TacticStatus
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.standards_models import status_label
from pdsa_desk.ui.standards_widgets import with_error
from pdsa_desk.ui.undo import ServiceCommand, report_refusal
from pdsa_desk.ui.widgets import ErrorLabel


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
        super().__init__(ctx, tr("Edit stage “{0}”").format(stage_name), report_refusal(report))
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
        super().__init__(ctx, tr("Reorder stages"), report_refusal(report))
        self.old = list(old)
        self.new = list(new)

    def apply(self) -> None:
        apply_order(self.ctx, self.new)

    def revert(self) -> None:
        apply_order(self.ctx, self.old)


class NewStageCommand(ServiceCommand):
    """A stage added with "Add stage": undo takes it back while nothing refers to it; redo brings the same row
    back at its place."""

    def __init__(self, ctx: AppContext, stage_id: str, stage_name: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Add stage “{0}”").format(stage_name), report_refusal(report))
        self.stage_id = stage_id

    def apply(self) -> None:
        services.restore_created_stage(self.ctx.ws, self.stage_id)

    def revert(self) -> None:
        services.take_back_created_stage(self.ctx.ws, self.stage_id)


class NewTacticCommand(ServiceCommand):
    """A tactic added in the tactic dialog: undo takes it back while no cycle tests it."""

    def __init__(self, ctx: AppContext, tactic_id: str, name: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Add tactic “{0}”").format(name), report_refusal(report))
        self.tactic_id = tactic_id

    def apply(self) -> None:
        services.restore_created_tactic(self.ctx.ws, self.tactic_id)

    def revert(self) -> None:
        services.take_back_created_tactic(self.ctx.ws, self.tactic_id)


class EditTacticCommand(ServiceCommand):
    """A change of a tactic's name, description, status or marketing support: undo writes the values it replaced
    back."""

    def __init__(self, ctx: AppContext, tactic_id: str, before: dict[str, Any], after: dict[str, Any],
                 report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Edit tactic “{0}”").format(after["name"]), report_refusal(report))
        self.tactic_id, self.before, self.after = tactic_id, dict(before), dict(after)

    def _write(self, values: dict[str, Any]) -> None:
        services.update_tactic(self.ctx.ws, self.tactic_id, **values)

    def apply(self) -> None:
        self._write(self.after)

    def revert(self) -> None:
        self._write(self.before)


# --- tactics ------------------------------------------------------------------------------


class TacticDialog(QDialog):
    """Add a tactic aimed at a stage, or change a tactic's name, description and status.

    ``submit(values)`` is called on OK; a ValidationError it raises is shown next to its
    field and the dialog stays open.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        submit: Callable[[dict[str, Any]], Tactic],
        tactic: Tactic | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._submit = submit
        self.result_object: Tactic | None = None
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
            self.status_combo.addItem(f"{status_label(status)} — {explanations[status]}", str(status))
        self.marketing_check = QCheckBox(self.tr("Needs &marketing support"))
        self.marketing_check.setToolTip(self.tr(
            "Its cycles need marketing's time (a campaign, content, an event): they count against the workspace's "
            "cap on cycles marketing supports at once"))
        self.effort_edit = QLineEdit()
        self.effort_edit.setPlaceholderText(self.tr("What is asked of marketing, e.g. two mailings and a landing page"))
        self.effort_edit.setEnabled(False)
        self.marketing_check.toggled.connect(self.effort_edit.setEnabled)
        self.errors = {key: ErrorLabel() for key in
                       ("name", "description", "status", "needs_marketing", "marketing_effort", None)}

        form = QFormLayout()
        form.addRow(self.tr("&Name:"), with_error(self.name_edit, self.errors["name"]))
        form.addRow(self.tr("&Description:"), with_error(self.description_edit, self.errors["description"]))
        form.addRow(self.tr("&Status:"), with_error(self.status_combo, self.errors["status"]))
        form.addRow("", with_error(self.marketing_check, self.errors["needs_marketing"]))
        form.addRow(self.tr("Effort &asked:"), with_error(self.effort_edit, self.errors["marketing_effort"]))
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
            self.marketing_check.setChecked(bool(tactic.needs_marketing))
            self.effort_edit.setText(tactic.marketing_effort)

    def values(self) -> dict[str, Any]:
        """The dialog's values; the effort is kept only for a tactic that needs marketing."""
        needs = self.marketing_check.isChecked()
        return {
            "name": self.name_edit.text(),
            "description": self.description_edit.toPlainText(),
            "status": self.status_combo.currentData(),
            "needs_marketing": needs,
            "marketing_effort": self.effort_edit.text() if needs else "",
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

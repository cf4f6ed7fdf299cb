"""Archive and delete tactics and cycles, undoably (used by the Standards and Cycles views).

Archived records are hidden from the lists of current work ("Show archived" brings them back into view);
deleted ones are tombstones that merges carry and undo restores. A cycle with observations or a decision is
part of the team's record: deleting it asks first (:func:`confirm`, replaced in tests).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Tactic
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.record_edits import CallCommand, run_edit


class _ArchiveTexts(QObject):
    """Texts with a number, for their plural forms (pyside6-lupdate extracts plurals from ``self.tr`` only)."""

    def observations(self, n: int) -> str:
        return self.tr("%n observations in its Do log", "", n)


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask a yes/no question before a delete (tests replace this)."""
    answer = QMessageBox.question(parent, title, question, QMessageBox.StandardButton.Yes
                                  | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def set_tactic_archived(ctx: AppContext, tactic: Tactic, archived: bool) -> None:
    """Archive or restore a tactic (raises ValidationError when refused)."""
    ws = ctx.ws
    text = (tr("Archive tactic “{0}”") if archived else tr("Restore tactic “{0}”")).format(tactic.name)
    run_edit(ctx, CallCommand(ctx, text, lambda: services.set_tactic_archived(ws, tactic.id, archived),
                              lambda: services.set_tactic_archived(ws, tactic.id, not archived), change=Change()))


def delete_tactic(ctx: AppContext, tactic: Tactic, parent: QWidget | None) -> bool:
    """Delete a tactic no cycle tested (refused otherwise: archive it); True when deleted."""
    if not confirm(parent, tr("Delete tactic"), tr("Delete tactic “{0}”? Undo (Ctrl+Z) brings it back.").format(
            tactic.name)):
        return False
    ws = ctx.ws
    run_edit(ctx, CallCommand(ctx, tr("Delete tactic “{0}”").format(tactic.name),
                              lambda: services.delete_tactic(ws, tactic.id),
                              lambda: services.restore_tactic(ws, tactic.id), change=Change()))
    return True


def set_cycle_archived(ctx: AppContext, cycle_id: str, title: str, archived: bool) -> None:
    ws = ctx.ws
    text = (tr("Archive cycle “{0}”") if archived else tr("Restore cycle “{0}”")).format(title)
    run_edit(ctx, CallCommand(ctx, text, lambda: services.set_cycle_archived(ws, cycle_id, archived),
                              lambda: services.set_cycle_archived(ws, cycle_id, not archived), change=Change()))


def delete_cycle(ctx: AppContext, cycle_id: str, parent: QWidget | None) -> bool:
    """Delete a cycle, asking first when it has observations or a decision; True when deleted."""
    facts = services.cycle_deletion(ctx.ws, cycle_id)
    if facts.continued:
        raise ValidationError(tr("“{0}” continues in a later ramp cycle; delete that one first.").format(
            facts.title))
    if facts.needs_confirmation:
        parts = []
        if facts.observations:
            parts.append(_ArchiveTexts().observations(facts.observations))
        if facts.decision:
            parts.append(tr("its decision"))
        question = tr("“{0}” holds {1}: it is part of the team's record. Delete it anyway? It is kept as a "
                      "deleted record, so merges carry the delete, and Undo (Ctrl+Z) brings it back.").format(
            facts.title, tr(" and ").join(parts))
        if not confirm(parent, tr("Delete cycle"), question):
            return False
    ws = ctx.ws
    run_edit(ctx, CallCommand(ctx, tr("Delete cycle “{0}”").format(facts.title),
                              lambda: services.delete_cycle(ws, cycle_id),
                              lambda: services.restore_cycle(ws, cycle_id), change=Change()))
    return True

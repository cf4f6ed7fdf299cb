"""The first-run guide on This week: three steps that set a new workspace up, each a button that does it.

1. Define your stages — from a template of common B2B stages (each defined by what the customer does), or your own
   on the Standards page.
2. Bring in opportunities — the import wizard, or one at a time on the Board.
3. Plan your first cycle — the new-cycle dialog on the Cycles page.

A done step is ticked; the guide disappears when all three are done. Whether a step is done is asked of the
workspace (:func:`pdsa_desk.core.services.setup_progress`: three one-row queries) at every refresh of the view;
at start-up on This week they come read from the file (:meth:`SetupGuide.show_progress`) before the workspace is
open, so this module imports the services (SQLModel) only when a step's action or a refresh needs them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.setup_steps import SetupProgress
from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.undo import ServiceCommand, report_refusal


class TemplateCommand(ServiceCommand):
    """Undo / redo of "Start from a template": the stages go (while nothing uses them) and come back."""

    def __init__(self, ctx: AppContext, stage_ids: list[str], report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Add the template's stages"), report_refusal(report))
        self.stage_ids = stage_ids

    def apply(self) -> None:
        from pdsa_desk.core import services

        services.restore_template_stages(self.ctx.ws, self.stage_ids)

    def revert(self) -> None:
        from pdsa_desk.core import services

        services.take_back_template_stages(self.ctx.ws, self.stage_ids)


#: (view key, method of the view) → run that view's action: given by the main window.
ViewAction = Callable[[str, str], bool]


class SetupGuide(QFrame):
    """The three steps, with their buttons; ``progress`` is the last one shown."""

    #: A step's action changed the workspace (the view refreshes).
    changed = Signal()

    def __init__(self, ctx: AppContext, run_view_action: ViewAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupGuide")
        self.ctx = ctx
        self._run = run_view_action
        self.progress: SetupProgress | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#setupGuide { background: palette(base); border-radius: 6px; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        self.title = QLabel(self.tr("<h3>Set up this workspace in three steps</h3>"))
        self.title.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.title)
        intro = QLabel(self.tr(
            "pdsa-desk counts how customers move from one stage of their journey to the next, and lets the team "
            "test one new tactic at a time. It needs your stages, your opportunities and a first experiment."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(1, 1)
        self.marks: list[QLabel] = []

        self.template_button = QPushButton(self.tr("Start from a &template"))
        self.template_button.setToolTip(self.tr(
            "Six common B2B stages, from “Lead captured” to “Won”, each defined by what the customer does; "
            "change them on the Standards page"))
        self.template_button.clicked.connect(self.use_template)
        self.own_stages_button = QPushButton(self.tr("Define my &own stages…"))
        self.own_stages_button.clicked.connect(lambda: self._run("standards", "add_stage"))
        self._step(grid, 0, self.tr("Define your stages"), self.tr(
            "The steps of your customer's journey, each with an observable standard: what the customer has done "
            "(“shared a budget range in writing”), not what the seller hopes."),
            [self.template_button, self.own_stages_button])

        self.import_button = QPushButton(self.tr("&Import a CRM export…"))
        self.import_button.setToolTip(self.tr("A CSV or Excel export of opportunities and their stage history"))
        self.import_button.clicked.connect(lambda: self._run("data", "open_import_wizard"))
        self.add_button = QPushButton(self.tr("&Add an opportunity…"))
        self.add_button.setToolTip(self.tr("Add one opportunity on the Board (Ctrl+N there)"))
        self.add_button.clicked.connect(lambda: self._run("board", "records.new_opportunity"))
        self._step(grid, 1, self.tr("Bring in opportunities"), self.tr(
            "Import your CRM's stage history, so that the charts start with your past weeks, or add opportunities "
            "one at a time on the Board."), [self.import_button, self.add_button])

        self.cycle_button = QPushButton(self.tr("&Plan a cycle…"))
        self.cycle_button.clicked.connect(lambda: self._run("cycles", "new_cycle"))
        self._step(grid, 2, self.tr("Plan your first cycle"), self.tr(
            "One new tactic, tried by a few reps for a few weeks, with a numeric prediction: “with an agenda sent "
            "before the call, 60 % of discovery calls will lead to a shared budget”."), [self.cycle_button])
        layout.addLayout(grid)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._buttons = [self.template_button, self.own_stages_button, self.import_button, self.add_button,
                         self.cycle_button]

    def _step(self, grid: QGridLayout, row: int, title: str, text: str, buttons: list[QPushButton]) -> None:
        mark = QLabel()
        mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        mark.setMinimumWidth(28)
        self.marks.append(mark)
        body = QLabel(f"<b>{title}</b><br>{text}")
        body.setTextFormat(Qt.TextFormat.RichText)
        body.setWordWrap(True)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in buttons:
            actions.addWidget(button)
        grid.addWidget(mark, row, 0)
        grid.addWidget(body, row, 1)
        actions.addStretch(1)
        grid.addLayout(actions, row, 2, Qt.AlignmentFlag.AlignTop)

    def refresh(self) -> SetupProgress:
        from pdsa_desk.core import services

        return self.show_progress(services.setup_progress(self.ctx.ws), writable=not self.ctx.ws.read_only)

    def show_progress(self, progress: SetupProgress, *, writable: bool) -> SetupProgress:
        """Show the steps done; the buttons only when the workspace can be changed (and is open)."""
        self.progress = progress
        done = (progress.has_stages, progress.has_opportunities, progress.has_cycles)
        for i, (mark, is_done) in enumerate(zip(self.marks, done, strict=True)):
            mark.setText("<span style='font-size:16pt; color:#2e7d32'>✓</span>" if is_done
                         else f"<span style='font-size:16pt'>{i + 1}</span>")
            mark.setToolTip(self.tr("Done") if is_done else self.tr("To do"))
        self.template_button.setEnabled(writable and not progress.has_stages)
        self.own_stages_button.setEnabled(writable)
        # An opportunity needs a stage to be in, a cycle a transition between two stages.
        self.import_button.setEnabled(writable)
        self.add_button.setEnabled(writable)
        self.cycle_button.setEnabled(writable and progress.has_stages)
        self.cycle_button.setToolTip("" if progress.has_stages else self.tr("Define your stages first"))
        if self.ctx.ws is not None and self.ctx.ws.read_only:
            for button in self._buttons:
                button.setToolTip(self.tr("This workspace is open read-only"))
        self.setVisible(not progress.complete)
        return progress

    def use_template(self) -> None:
        from pdsa_desk.core import services
        from pdsa_desk.ui.standards_edits import current_author

        try:
            stages = services.create_template_stages(self.ctx.ws, author=current_author())
        except ValidationError as exc:
            QMessageBox.warning(self, self.tr("Stages not added"), i18n.text(exc.message))
            return
        self.ctx.undo_stack.push(TemplateCommand(self.ctx, [st.id for st in stages], self.message.setText))
        self.ctx.notify_changed()
        self.message.setText(self.tr("Added %n stages from the template; change them on the Standards page.", "",
                                     len(stages)))
        self.changed.emit()

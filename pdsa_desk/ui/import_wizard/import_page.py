"""5. Import: the import itself, in one transaction — cancel writes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout

from pdsa_desk.core.importing import Cancelled, ImportProblems, ImportResult, import_file
from pdsa_desk.core.worker_jobs import import_job
from pdsa_desk.ui.import_wizard.background import Job, Runner
from pdsa_desk.ui.import_wizard.common import (
    Page,
    ProgressRow,
    error_text,
    headline,
    is_bug,
    lines_text,
    status_label,
    summary_lines,
)
from pdsa_desk.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard


class ImportPage(Page):
    """The import itself, in one transaction: cancel writes nothing."""

    imported = Signal(object)  # ImportResult
    stopped = Signal(str)  # "cancelled", "problems" or "error"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("Everything is written in one step at the end: cancelling writes nothing."))
        self.setFinalPage(True)
        self.runner = Runner(self.ctx, self.state)
        self.runner.progress.connect(self._progress)
        self.result: ImportResult | None = None
        self.outcome = ""  # "", "imported", "cancelled", "problems", "error"
        layout = QVBoxLayout(self)
        self.progress_row = ProgressRow(self.tr("&Cancel import"))
        self.progress_row.cancel_button.setToolTip(self.tr("Stop the import; nothing is written"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        self.status = headline()
        layout.addWidget(self.status)
        layout.addWidget(self.progress_row)
        self.summary = status_label()
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.list_title = QLabel()
        self.list_title.hide()
        layout.addWidget(self.list_title)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName(self.tr("Rejected rows"))
        self.problem_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.problem_list.hide()
        layout.addWidget(self.problem_list, 1)
        row = QHBoxLayout()
        self.again_button = QPushButton(self.tr("&Try again"))
        self.again_button.setToolTip(self.tr("Run the import again with the same choices"))
        self.again_button.clicked.connect(self.run)
        self.again_button.hide()
        row.addWidget(self.again_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(0)

    @property
    def running(self) -> bool:
        return self.runner.running

    def initializePage(self) -> None:  # noqa: N802
        self.run()

    def run(self) -> None:
        info = self.wiz.file_page.info
        if info is None:
            return
        mapping = self.wiz.columns_page.mapping()
        stage_map = self.wiz.stages_page.stage_map()
        skip = self.wiz.check_page.skip_check.isChecked()
        self.result = None
        self.outcome = ""
        self.status.setText(self.tr("Importing {0}…").format(info.path.name))
        self.summary.setText(self.tr("Nothing is written until the import finishes; Cancel leaves the workspace as "
                                     "it was."))
        self.error.clear_message()
        self.problem_list.clear()
        self.problem_list.hide()
        self.list_title.hide()
        self.again_button.hide()
        self.progress_row.begin(self.tr("Starting…"))
        ws, path = self.ctx.ws, info.path
        ctx = self.ctx

        def work(progress: Callable[[float, str], None], cancel: Callable[[], bool]) -> ImportResult:
            return import_file(ws, path, mapping, stage_map=stage_map, skip_invalid=skip, progress=progress,
                               cancel=cancel)

        job = Job(import_job, path, (path, mapping), {"stage_map": stage_map, "skip_invalid": skip},
                  self.tr("The import stopped unexpectedly; nothing was written."))
        # An import that lands after the wizard was closed still changed the workspace: tell the views.
        self.runner.start(work, self._done, self._failed, after_close=lambda _result: ctx.notify_changed(), job=job,
                          last_step=True)
        self.completeChanged.emit()

    def cancel(self) -> None:
        self.runner.request_cancel()
        self.progress_row.cancel_button.setEnabled(False)
        self.progress_row.message.setText(self.tr("Cancelling… nothing will be written."))

    def request_cancel(self) -> None:
        """Thread-safe: only sets the cancel flag the importer reads."""
        self.runner.request_cancel()

    def _progress(self, fraction: float, message: str) -> None:
        if self.running:
            self.progress_row.set_progress(fraction, message)

    def _done(self, result: ImportResult) -> None:
        self.progress_row.hide()
        self.result = result
        self.outcome = "imported"
        self.status.setText(self.tr("Imported."))
        lines = summary_lines(result)
        if result.rejected_file is not None:
            lines.append(self.tr("Rejected rows were written to {0}").format(result.rejected_file))
        lines += [self.tr("Note: {0}").format(n) for n in lines_text(result.notices)]
        self.summary.setText("\n".join(lines))
        if result.problems:
            self.problem_list.addItems(lines_text([p.text() for p in result.problems]))
            self.list_title.setText(self.tr("Rejected rows (first {0} problems):").format(len(result.problems)))
            self.list_title.show()
            self.problem_list.show()
        self.ctx.notify_changed()
        self.completeChanged.emit()
        self.imported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.progress_row.hide()
        if isinstance(exc, Cancelled):
            self.outcome = "cancelled"
            self.status.setText(self.tr("Cancelled: nothing was written."))
            self.summary.setText(self.tr("The workspace is as it was before the import."))
            self.again_button.show()
        elif isinstance(exc, ImportProblems):
            self.outcome = "problems"
            self.status.setText(self.tr("Not imported: nothing was written."))
            self.summary.setText(self.tr("The file changed since the check, or the workspace did. Close the wizard "
                                         "and import again to check it afresh."))
            self.problem_list.addItems(lines_text(exc.lines()))
            self.list_title.setText(self.tr("Problems:"))
            self.list_title.show()
            self.problem_list.show()
        else:
            self.outcome = "error"
            self.status.setText(self.tr("Not imported: nothing was written."))
            self.summary.setText("")
            self.again_button.show()
            self.completeChanged.emit()
            if is_bug(exc):
                raise exc
            self.error.show_message(error_text(exc))
        self.completeChanged.emit()
        self.stopped.emit(self.outcome)

    def blocker(self) -> str:
        if self.running:
            return self.tr("Importing…")
        return ""


"""4. Check: a dry run — what would be added, updated and rejected, or what is wrong (and the date order, when
the file needs one)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.importing import Cancelled, ImportProblems, ImportResult, import_file
from pdsa_desk.core.importing.results import ambiguous_date_lines
from pdsa_desk.core.importing.values import DAYFIRST, MONTHFIRST
from pdsa_desk.core.worker_jobs import import_job
from pdsa_desk.ui import formatting
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
    tr,
)
from pdsa_desk.ui.widgets import ErrorLabel, error_colour

if TYPE_CHECKING:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard


def _hint_lines(exc: ImportProblems) -> list[str]:
    """The file's own hints about its date order, for a person."""
    return [tr("Row {0} has '{1}', which can only be {2}.").format(
        h.row, h.value, tr("day first") if h.order == DAYFIRST else tr("month first")) for h in exc.order_hints]


class CheckPage(Page):
    """A dry run: what would be added, updated and rejected — or what is wrong."""

    checked = Signal()

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Every row is read and checked; nothing is written yet."))
        self.setCommitPage(True)
        self.runner = Runner(self.ctx, self.state)
        self.runner.progress.connect(self._progress)
        self.result: ImportResult | None = None
        self.problems: ImportProblems | None = None
        self.ambiguous = False
        self.outcome = ""  # "", "result", "problems", "cancelled", "error"
        layout = QVBoxLayout(self)
        self.progress_row = ProgressRow(self.tr("Cancel &check"))
        self.progress_row.cancel_button.setToolTip(self.tr("Stop checking (nothing is written either way)"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.progress_row)
        self.headline = headline()
        layout.addWidget(self.headline)
        self.summary = status_label()
        layout.addWidget(self.summary)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        # the date order, when the file turns out to need one
        self.date_row = QWidget()
        dl = QHBoxLayout(self.date_row)
        dl.setContentsMargins(0, 0, 0, 0)
        date_label = QLabel(self.tr("Read these dates &as:"))
        self.date_combo = QComboBox()
        self.date_combo.addItem(self.tr("Choose…"), None)
        self.date_combo.addItem(self.tr("Day first — 03/04/2026 is 3 April"), DAYFIRST)
        self.date_combo.addItem(self.tr("Month first — 03/04/2026 is March 4"), MONTHFIRST)
        self.date_combo.currentIndexChanged.connect(self._date_order_chosen)
        date_label.setBuddy(self.date_combo)
        dl.addWidget(date_label)
        dl.addWidget(self.date_combo)
        dl.addStretch(1)
        self.date_row.hide()
        layout.addWidget(self.date_row)
        # the problems
        problems_head = QHBoxLayout()
        self.problems_title = QLabel(self.tr("Problems"))
        problems_head.addWidget(self.problems_title)
        problems_head.addStretch(1)
        self.copy_button = QPushButton(self.tr("Co&py all"))
        self.copy_button.setToolTip(self.tr("Copy every problem line to the clipboard"))
        self.copy_button.clicked.connect(self.copy_problems)
        problems_head.addWidget(self.copy_button)
        layout.addLayout(problems_head)
        self.problem_list = QListWidget()
        self.problem_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.problem_list.setAccessibleName(self.tr("Problems"))
        self.problem_list.setWordWrap(True)
        self.problem_list.setSpacing(1)
        copy = QAction(self.tr("Copy"), self.problem_list)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(lambda: self.copy_problems(selected_only=True))
        self.problem_list.addAction(copy)
        self.problem_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout.addWidget(self.problem_list, 1)
        self.skip_check = QCheckBox()
        self.skip_check.toggled.connect(self._skip_toggled)
        layout.addWidget(self.skip_check)
        self.again_button = QPushButton(self.tr("Check a&gain"))
        self.again_button.clicked.connect(self.run)
        again_row = QHBoxLayout()
        again_row.addWidget(self.again_button)
        again_row.addStretch(1)
        layout.addLayout(again_row)
        layout.addStretch(0)
        self.missing_label = status_label()
        layout.addWidget(self.missing_label)
        self._show_problems(False)

    @property
    def running(self) -> bool:
        return self.runner.running

    def initializePage(self) -> None:  # noqa: N802
        info = self.wiz.file_page.info
        name = Path(info.path).stem if info else "FILE"
        self.skip_check.setText(self.tr("&Skip invalid rows (write them to {0}.rejected.csv)").format(name))
        self.run()

    def cleanupPage(self) -> None:  # noqa: N802 - Back while checking: drop the check
        self.runner.forget()
        super().cleanupPage()

    def run(self) -> None:
        info = self.wiz.file_page.info
        if info is None:
            return
        mapping = self.wiz.columns_page.mapping()
        stage_map = self.wiz.stages_page.stage_map()
        self.result = None
        self.problems = None
        self.ambiguous = False
        self.outcome = ""
        self.summary.setText("")
        self.headline.setText("")
        self.error.clear_message()
        self.problem_list.clear()
        self._show_problems(False)
        self.date_row.hide()
        self.again_button.hide()
        self.skip_check.setEnabled(False)
        self.progress_row.begin(self.tr("Checking {0}…").format(info.path.name))
        ws, path = self.ctx.ws, info.path

        def work(progress: Callable[[float, str], None], cancel: Callable[[], bool]) -> ImportResult:
            return import_file(ws, path, mapping, stage_map=stage_map, dry_run=True, skip_invalid=True,
                               progress=progress, cancel=cancel)

        job = Job(import_job, path, (path, mapping), {"stage_map": stage_map, "dry_run": True, "skip_invalid": True},
                  self.tr("The check stopped unexpectedly; nothing was written."))
        self.runner.start(work, self._done, self._failed, job=job)
        self._update()

    def cancel(self) -> None:
        self.runner.request_cancel()
        self.progress_row.cancel_button.setEnabled(False)
        self.progress_row.message.setText(self.tr("Cancelling…"))

    def _progress(self, fraction: float, message: str) -> None:
        if self.running:
            self.progress_row.set_progress(fraction, message)

    def _done(self, result: ImportResult) -> None:
        self.progress_row.hide()
        self.result = result
        self.outcome = "result"
        lines = summary_lines(result)
        if result.problems:
            lines.insert(0, self.tr("With 'Skip invalid rows' ticked:"))
        lines += [self.tr("Note: {0}").format(n) for n in lines_text(result.notices)]
        self.summary.setText("\n".join(lines))
        self.skip_check.setEnabled(True)
        self.headline.setText(self.tr("Some rows have problems.") if result.problems else self.tr(
            "Ready to import — nothing has been written yet."))
        if result.problems:
            shown = lines_text([p.text() for p in result.problems])
            self._list(shown, self.tr("%Ln row(s) have problems — nothing is imported unless you skip them "
                                      "(first {0} problems listed):", "", result.rows_rejected).format(
                formatting.count(len(shown))))
        self._update()
        self.checked.emit()

    def _failed(self, exc: BaseException) -> None:
        self.progress_row.hide()
        self.again_button.show()
        if isinstance(exc, Cancelled):
            self.outcome = "cancelled"
            self.headline.setText(self.tr("The check was cancelled; nothing was written."))
        elif isinstance(exc, ImportProblems):
            self.problems = exc
            self.outcome = "problems"
            self.ambiguous = exc.ambiguous_dates and self.wiz.columns_page.mapping().date_order is None
            if self.ambiguous:
                self.headline.setText(self.tr("Choose the date order."))
                lines, hints = lines_text(ambiguous_date_lines(exc)), _hint_lines(exc)
                self.summary.setText(" ".join([self.tr(
                    "Some dates could be read either way (day first or month first). Choose how to read them; the "
                    "check then runs again."), *hints]))
                self.date_combo.blockSignals(True)
                self.date_combo.setCurrentIndex(0)
                self.date_combo.blockSignals(False)
                self.date_row.show()
                self.again_button.hide()
                self._list(lines, self.tr("Dates that could be read either way:"))
            else:
                self.headline.setText(self.tr("The file cannot be imported as it is."))
                self.summary.setText(self.tr("Nothing was written. These "
                                             "problems stop the import even when skipping invalid rows:"))
                self._list(lines_text(exc.lines()), self.tr("%Ln problem(s):", "", exc.total))
            for notice in lines_text(exc.notices):
                self.summary.setText(self.summary.text() + "\n" + self.tr("Note: {0}").format(notice))
        else:
            self.outcome = "error"
            self._update()
            if is_bug(exc):
                raise exc
            self.error.show_message(error_text(exc))
        self._update()
        self.checked.emit()

    def _list(self, lines: list[str], title: str) -> None:
        self.problem_list.clear()
        self.problem_list.addItems(lines)
        self.problems_title.setText(title)
        self._show_problems(True)

    def _show_problems(self, visible: bool) -> None:
        for widget in (self.problems_title, self.copy_button, self.problem_list):
            widget.setVisible(visible)

    def problem_lines(self) -> list[str]:
        return [self.problem_list.item(i).text() for i in range(self.problem_list.count())]

    def copy_problems(self, selected_only: bool = False) -> None:
        items = self.problem_list.selectedItems() if selected_only else []
        lines = [i.text() for i in items] if items else self.problem_lines()
        QGuiApplication.clipboard().setText("\n".join(lines))

    def _date_order_chosen(self) -> None:
        order = self.date_combo.currentData()
        if order is None:
            return
        columns = self.wiz.columns_page
        columns.date_combo.setCurrentIndex(columns.date_combo.findData(order))
        self.run()

    def _skip_toggled(self) -> None:
        self._update()

    def blocker(self) -> str:
        if self.running:
            return self.tr("Checking…")
        if self.ambiguous:
            return self.tr("Choose how to read the dates first.")
        if self.outcome == "cancelled":
            return self.tr("The check was cancelled: check again to import.")
        if self.result is None:
            return self.tr("The file cannot be imported as it is.")
        if self.result.problems and not self.skip_check.isChecked():
            return self.tr("Some rows have problems: fix the file, or tick 'Skip invalid rows'.")
        if not self.result.rows_read:
            return self.tr("The file has no rows to import.")
        return ""

    def _update(self) -> None:
        self.skip_check.setToolTip(
            self.tr("Import the valid rows; the others go, with what is wrong, to a CSV file beside the export")
            if self.skip_check.isEnabled() else self.tr("Available once the file has been checked row by row"))
        blocker = "" if self.running else self.blocker()
        self.missing_label.setText(blocker)
        self.missing_label.setStyleSheet(f"color: {error_colour().name()};" if blocker else "")
        self.missing_label.setVisible(bool(blocker))
        self.completeChanged.emit()


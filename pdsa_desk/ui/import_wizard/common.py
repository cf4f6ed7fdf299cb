"""What the wizard's pages share: the state that outlives the dialog, the page base class, small widgets and
texts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget, QWizardPage

from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.importing import ImportProblems, ImportResult
from pdsa_desk.core.importing.texts import Count
from pdsa_desk.core.messages import Message
from pdsa_desk.ui import formatting, i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr  # the wizard's texts outside a page (re-exported)
from pdsa_desk.ui.widgets import start_folder

if TYPE_CHECKING:
    from pdsa_desk.core.worker_process import Spare, WorkerProcess
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard
    from pdsa_desk.ui.tasks import ProcessTask, Task

FILE_FILTER = str(QT_TRANSLATE_NOOP("", "CRM exports (*.csv *.tsv *.txt *.xlsx *.xlsm);;CSV files (*.csv *.tsv *.txt);;"
                                   "Excel workbooks (*.xlsx *.xlsm);;All files (*)"))  # tr() where shown
FOLDER_KEY = "import/folder"
_PROGRESS_STEPS = 1000


def folder(ctx: AppContext) -> Path:
    """Where the file dialog starts."""
    return start_folder(FOLDER_KEY, ctx.ws.path)


@dataclass
class BackgroundState:
    """A dialog's background work that outlives the dialog: plain Python, so that late results can read it."""

    closed: bool = False
    cancel: Task | ProcessTask | None = None  # the running task, asked to stop when the dialog closes
    #: A worker process started ahead of the next step that runs in one (see background.py).
    spare: Spare | None = None

    def _spare(self) -> Spare:
        if self.spare is None:
            from pdsa_desk.core.worker_jobs import PRELOAD
            from pdsa_desk.core.worker_process import Spare

            self.spare = Spare(PRELOAD)
        return self.spare

    def warm(self) -> None:
        """Start a worker process now for the next step (none once the dialog is closed)."""
        if not self.closed:
            self._spare().warm()

    def take_worker(self) -> WorkerProcess:
        """The spare worker process (maybe still starting), or a new one."""
        return self._spare().take()

    def close(self) -> None:
        """The dialog is closed: the running work is asked to stop, the spare worker ends."""
        self.closed = True
        if self.cancel is not None:
            self.cancel.cancel()
        if self.spare is not None:
            self.spare.close()


@dataclass
class WizardState(BackgroundState):
    """Shared by the wizard's pages."""


def is_bug(exc: BaseException) -> bool:
    """An exception that is not a refusal the page can show (those are PdsaError and OSError)."""
    return not isinstance(exc, (PdsaError, OSError))


def core_text(value: str) -> str:
    """A text of the importer in the UI's language (:func:`pdsa_desk.ui.i18n.text`), its counts grouped the
    language's way (``1.234`` in German; the core's English writes ``1,234``)."""
    return i18n.text(_counts_localised(value))


def _counts_localised(value: str) -> str:
    if not isinstance(value, Message):
        return value
    args = [formatting.count(int(a)) if isinstance(a, Count) else _counts_localised(a) if isinstance(a, str) else a
            for a in value.args]
    return Message(value.context, value.template, *args)


def error_text(exc: BaseException) -> str:
    """A refusal in the UI's language: the importer's messages (and an ImportProblems' lines, one a line) are
    translated; anything else (an OSError) is shown as it says itself."""
    if isinstance(exc, ImportProblems):
        return core_text(exc.message())
    if isinstance(exc, ValidationError):
        return core_text(exc.message)
    return core_text(exc.args[0]) if len(exc.args) == 1 and isinstance(exc.args[0], str) else str(exc)


def lines_text(lines: list[str]) -> list[str]:
    """Problem lines, notices (messages built in the core) in the UI's language."""
    return [core_text(line) for line in lines]


def names_text(names: list[str]) -> str:
    shown = ", ".join(names[:8])
    return shown + (tr(" and {0} more").format(len(names) - 8) if len(names) > 8 else "")


def summary_lines(result: ImportResult) -> list[str]:
    """What an import did (or, for a dry run, would do), for a person."""
    if result.dry_run:
        lines = [
            tr("Opportunities: {0} would be added, {1} updated.").format(
                formatting.count(result.opportunities_added), formatting.count(result.opportunities_updated)),
            tr("Stage changes: {0} would be added; {1} already in the workspace (skipped).").format(
                formatting.count(result.events_added), formatting.count(result.duplicates_skipped)),
            tr("Rows read: {0}; {1} would be rejected; {2} with ignored stages.").format(
                *(formatting.count(n) for n in (result.rows_read, result.rows_rejected, result.rows_ignored))),
        ]
        created = (tr("New stages would be: {0}"), tr("New reps would be: {0}"), tr("New teams would be: {0}"),
                   tr("New loss reasons would be: {0}"))
    else:
        lines = [
            tr("Opportunities: {0} added, {1} updated.").format(
                formatting.count(result.opportunities_added), formatting.count(result.opportunities_updated)),
            tr("Stage changes: {0} added; {1} already in the workspace (skipped).").format(
                formatting.count(result.events_added), formatting.count(result.duplicates_skipped)),
            tr("Rows read: {0}; {1} rejected; {2} with ignored stages.").format(
                *(formatting.count(n) for n in (result.rows_read, result.rows_rejected, result.rows_ignored))),
        ]
        created = (tr("New stages: {0}"), tr("New reps: {0}"), tr("New teams: {0}"),
                   tr("New loss reasons: {0}"))
    for text, names in zip(created, (result.stages_created, result.reps_created, result.teams_created,
                                     result.loss_reasons_created), strict=True):
        if names:
            lines.append(text.format(names_text(names)))
    return lines


class ProgressRow(QWidget):
    """A progress bar, a message and a Cancel button."""

    def __init__(self, cancel_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.bar = QProgressBar()
        self.bar.setRange(0, _PROGRESS_STEPS)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(cancel_text)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)

    def begin(self, message: str) -> None:
        self.bar.setValue(0)
        self.message.setText(message)
        self.cancel_button.setEnabled(True)
        self.show()

    def set_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(max(0.0, min(1.0, fraction)) * _PROGRESS_STEPS))
        self.message.setText(message)


class Page(QWizardPage):
    """A page whose Next button is explained when it is disabled (see :meth:`blocker`)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.wiz = wizard
        self.ctx = wizard.ctx
        self.state = wizard.state

    def blocker(self) -> str:
        """Why the page is not complete ('' when it is)."""
        return ""

    def isComplete(self) -> bool:  # noqa: N802
        return not self.blocker()

    def validatePage(self) -> bool:  # noqa: N802 - also when next() is called directly
        return self.isComplete()


def headline() -> QLabel:
    label = status_label()
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label

"""File → "Merge a colleague's work…": several bundles, one after the other, one transaction each.

The merge runs on the context's worker thread, or — for a bundle of
:data:`~pdsa_desk.ui.import_wizard.background.PROCESS_MIN_BYTES` or more — in a worker process
(:mod:`pdsa_desk.core.worker_process`), started when such a file is added, so that the window never waits for
the merge's turn at the GIL (issue #16); smaller ones stay on the thread, where they take less time than a
worker's start-up. Either way the dialog shows the merge's progress, and Cancel stops it (the file being
merged changes nothing; the files after it are not merged). The rules (what a bundle holds, how merging
decides) live in :mod:`pdsa_desk.core.exchange`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import exchange
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.exchange import MergePreview, MergeReport, NameConflict
from pdsa_desk.core.worker_jobs import merge_job, merge_preview_job
from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.exchange_dialogs import FILE_FILTER, folder, remember_bundle_folder
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.import_wizard.background import wants_process
from pdsa_desk.ui.import_wizard.common import BackgroundState, ProgressRow
from pdsa_desk.ui.tasks import ProcessTask, Task

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

__all__ = ["MergeWorkDialog"]


#: The mapping table's third column: the table of the clashing definition (its choices).
_TABLE_ROLE = Qt.ItemDataRole.UserRole + 1


class _ChoiceDelegate(QStyledItemDelegate):
    """The mapping table's third column: a list of the rows here of the clash's table, opened to edit."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.models: dict[str, QStandardItemModel] = {}

    def set_choices(self, choices: dict[str, list[tuple[str, str]]]) -> None:
        for model in self.models.values():
            model.deleteLater()
        self.models = {}
        for table, rows in choices.items():
            model = self.models[table] = QStandardItemModel(self)
            for local_id, name in rows:
                item = QStandardItem(name)
                item.setData(local_id, Qt.ItemDataRole.UserRole)
                model.appendRow(item)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        """Drawn as a closed combo box, so that the column reads as a choice to make, as the list it opens."""
        box = QStyleOptionComboBox()
        box.rect = option.rect
        box.state = option.state | QStyle.StateFlag.State_Enabled
        box.palette = option.palette
        box.currentText = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, box, painter, widget)
        style.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, box, painter, widget)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,  # noqa: N802 - Qt override
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        combo = QComboBox(parent)
        model = self.models.get(index.data(_TABLE_ROLE))
        if model is not None:
            combo.setModel(model)
        combo.setAccessibleName(index.data(Qt.ItemDataRole.ToolTipRole) or "")
        # A choice is made with one pick: commit it at once.
        target = QPersistentModelIndex(index)
        combo.activated.connect(lambda _i: self._picked(combo, target))
        return combo

    def _picked(self, combo: QComboBox, index: QPersistentModelIndex) -> None:
        if index.isValid():
            self._store(combo, index)
        self.closeEditor.emit(combo)

    @staticmethod
    def _store(combo: QComboBox, index: QModelIndex | QPersistentModelIndex) -> None:
        if combo.currentIndex() < 0:
            return
        model = index.model()
        local_id = combo.currentData(Qt.ItemDataRole.UserRole)
        model.setData(index, local_id, Qt.ItemDataRole.UserRole)
        model.setData(index, combo.currentText(), Qt.ItemDataRole.DisplayRole)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.UserRole))))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,  # noqa: N802 - Qt override
                     index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QComboBox):
            self._store(editor, index)


class MergeWorkDialog(QDialog):
    """File → "Merge a colleague's work…": several files, one after the other, one transaction each.

    Before each file is merged its definitions are checked: stages, reps, teams, tactics or loss
    reasons that exist here under the same name but are different rows are listed, each with a
    choice of the row here to use instead ("mapping", remembered for the sending laptop). A file
    that cannot be merged is reported and left out; the others still merge.
    """

    file_done = Signal(object)  # MergeReport, or the error message (str) of a refused file
    all_done = Signal()
    mapping_needed = Signal(object)  # MergePreview

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reports: list[MergeReport] = []
        self.errors: list[str] = []
        self._queue: list[Path] = []
        self._preview: MergePreview | None = None
        self._combos: list[tuple[NameConflict, QTableWidgetItem]] = []
        self._running = False
        #: The worker processes of large files (a spare started ahead of the next step; see the module docstring).
        self._workers = BackgroundState()
        self.setWindowTitle(self.tr("Merge a colleague's work"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Choose the .pdsa files your colleagues sent. Each file is merged on its own, in the order listed: "
            "rows are matched by their identity, the newer version of a row wins, a row changed on both sides "
            "is reported as a conflict, and deletions carry over. A file that cannot be merged changes nothing "
            "and the others still merge."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        files_row = QHBoxLayout()
        self.file_list = QListWidget()
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setAccessibleName(self.tr("Files to merge"))
        self.file_list.setMinimumHeight(90)
        files_row.addWidget(self.file_list, 1)
        side = QVBoxLayout()
        self.add_button = QPushButton(self.tr("&Add files…"))
        self.add_button.clicked.connect(self.browse)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        side.addWidget(self.add_button)
        side.addWidget(self.remove_button)
        side.addStretch(1)
        files_row.addLayout(side)
        layout.addLayout(files_row)
        self.dry_run = QCheckBox(self.tr("&Preview only: report what would change, change nothing"))
        layout.addWidget(self.dry_run)

        self.mapping_box = QGroupBox(self.tr("Definitions to map"))
        box = QVBoxLayout(self.mapping_box)
        self.mapping_intro = QLabel()
        self.mapping_intro.setWordWrap(True)
        box.addWidget(self.mapping_intro)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("In the file"),
                                                      self.tr("Use this one here")])
        self.mapping_table.verticalHeader().setVisible(False)
        triggers = QAbstractItemView.EditTrigger
        self.mapping_table.setEditTriggers(triggers.DoubleClicked | triggers.SelectedClicked
                                           | triggers.EditKeyPressed | triggers.AnyKeyPressed)
        self._choice_delegate = _ChoiceDelegate(self.mapping_table)
        self.mapping_table.setItemDelegateForColumn(2, self._choice_delegate)
        self.mapping_table.clicked.connect(self._open_choice)  # one click opens the list, as on a combo box
        self.mapping_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box.addWidget(self.mapping_table)
        mapping_buttons = QHBoxLayout()
        mapping_buttons.addStretch(1)
        self.skip_button = QPushButton(self.tr("&Skip this file"))
        self.skip_button.clicked.connect(self.skip_file)
        self.map_button = QPushButton(self.tr("&Merge with this mapping"))
        self.map_button.clicked.connect(self.merge_mapped)
        mapping_buttons.addWidget(self.skip_button)
        mapping_buttons.addWidget(self.map_button)
        box.addLayout(mapping_buttons)
        self.mapping_box.hide()
        layout.addWidget(self.mapping_box)

        self.progress_row = ProgressRow(self.tr("&Cancel merge"))
        self.progress_row.cancel_button.setToolTip(self.tr(
            "Stop merging: the file being merged changes nothing, and the files after it are not merged"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        self._task: Task | ProcessTask | None = None
        self._cancelled = False

        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("The merge report appears here: per kind of row, how many were "
                                               "added, updated, in conflict or skipped."))
        layout.addWidget(self.report, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.merge_button.setText(self.tr("&Merge"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update_buttons()
        self.resize(720, 600)

    @property
    def merge_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # --- the file list --------------------------------------------------------------------

    def files(self) -> list[Path]:
        return [Path(self.file_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.file_list.count())]

    def add_files(self, paths: Sequence[str | Path]) -> None:
        known = set(self.files())
        for p in paths:
            path = Path(p)
            if path in known:
                continue
            known.add(path)
            item = QListWidgetItem(path.name)
            item.setToolTip(str(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.file_list.addItem(item)
            if wants_process(path):
                self._workers.warm()  # its preview will run in a worker process: start it now
        self._update_buttons()

    def browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.windowTitle(), str(folder(self.ctx)), tr(FILE_FILTER))
        if paths:
            remember_bundle_folder(Path(paths[-1]))
            self.add_files(paths)

    def remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            self.file_list.takeItem(self.file_list.row(item))
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = not self._running
        self.merge_button.setEnabled(idle and self.file_list.count() > 0)
        self.add_button.setEnabled(idle)
        self.remove_button.setEnabled(idle and self.file_list.count() > 0)
        self.dry_run.setEnabled(idle)

    # --- merging, file by file --------------------------------------------------------------

    def accept(self) -> None:  # keeps the dialog open for the report
        if self._running or not self.file_list.count():
            return
        self._queue = self.files()
        self.reports.clear()
        self.errors.clear()
        self.report.clear()
        self._running = True
        self._cancelled = False
        self._update_buttons()
        self._next()

    def _next(self) -> None:
        if self._cancelled and self._queue:
            self._append([self.tr("Cancelled; not merged: {0}.").format(", ".join(p.name for p in self._queue))])
            self._queue.clear()
        if not self._queue:
            self._finish()
            return
        path = self._queue[0]
        ws = self.ctx.ws

        def preview(_progress: Progress, _cancel: Cancel) -> tuple[MergePreview, dict[str, list[tuple[str, str]]]]:
            # The rows each clash may be mapped to are read here too, once per table, not on the GUI thread.
            found = exchange.preview_merge(ws, path)
            tables = {c.table for c in found.conflicts}
            return found, {t: exchange.mapping_choices(ws, t) for t in tables}

        self._run(path, preview, merge_preview_job, {}, lambda result: self._previewed(*result),
                  self.tr("Checking the file stopped unexpectedly; nothing was changed."),
                  self.tr("Checking {0}…").format(path.name))

    def _previewed(self, preview: MergePreview, choices: dict[str, list[tuple[str, str]]]) -> None:
        if self._cancelled:  # the preview cannot stop half-way: the file is not merged
            self._next()
        elif preview.conflicts:
            self._show_mapping(preview, choices)
        else:
            self._merge(self._queue[0], {})

    def _show_mapping(self, preview: MergePreview, choices: dict[str, list[tuple[str, str]]]) -> None:
        """The clashes, a row each; the row here each stands for is chosen in the third column (a list opens
        on a click, F2 or typing; one list per table, shared: a colleague who started from another workspace
        can bring hundreds of clashes, and a combo box per row froze the window for seconds)."""
        self._preview = preview
        self.mapping_intro.setText(self.tr(
            "{0} ({1}) has definitions whose names are already used here by different ones. Choose the one here "
            "that each stands for; the choice is remembered for files from '{2}'.").format(
                self._queue[0].name, i18n.text(preview.header.describe()), preview.header.origin_name))
        self._choice_delegate.set_choices(choices)
        names = {table: dict(rows) for table, rows in choices.items()}
        table = self.mapping_table
        table.setUpdatesEnabled(False)
        table.setRowCount(len(preview.conflicts))
        self._combos = []
        fixed = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        kinds: dict[str, str] = {}  # a table's noun, translated once (631 times at 1M: ~10 ms of the GUI thread)
        for row, conflict in enumerate(preview.conflicts):
            if (what := kinds.get(conflict.table)) is None:
                what = i18n.text(conflict.what)  # in the UI's language, its first letter capitalised
                what = kinds[conflict.table] = what[:1].upper() + what[1:]
            for col, text in ((0, what), (1, conflict.remote_name)):
                item = QTableWidgetItem(text)
                item.setFlags(fixed)
                table.setItem(row, col, item)
            local_id = conflict.local_id if conflict.local_id in names.get(conflict.table, {}) else next(
                iter(names.get(conflict.table, {})), None)
            choice = QTableWidgetItem(names.get(conflict.table, {}).get(local_id, "") if local_id else "")
            choice.setData(Qt.ItemDataRole.UserRole, local_id)
            choice.setData(_TABLE_ROLE, conflict.table)
            choice.setFlags(fixed | Qt.ItemFlag.ItemIsEditable)
            choice.setToolTip(self.tr("Use for {0}").format(conflict.remote_name))
            table.setItem(row, 2, choice)
            self._combos.append((conflict, choice))
        for column in (0, 1):  # the choices' column stretches: measuring its 631 cells at 1M changed nothing
            table.resizeColumnToContents(column)
        table.setUpdatesEnabled(True)
        self.progress_row.hide()
        self.mapping_box.show()
        self.mapping_needed.emit(preview)

    def _open_choice(self, index: QModelIndex) -> None:
        if index.column() == 2:
            self.mapping_table.edit(index)

    def mapping(self) -> dict[tuple[str, str], str]:
        return {(conflict.table, conflict.remote_id): item.data(Qt.ItemDataRole.UserRole)
                for conflict, item in self._combos}

    def merge_mapped(self) -> None:
        if self._preview is None:
            return
        mapping = self.mapping()
        self._hide_mapping()
        self._merge(self._queue[0], mapping)

    def skip_file(self) -> None:
        if self._preview is None:
            return
        path = self._queue.pop(0)
        self._hide_mapping()
        message = self.tr("{0}: skipped; nothing was merged from it.").format(path.name)
        self.errors.append(message)
        self._append([message])
        self.file_done.emit(message)
        self._next()

    def _hide_mapping(self) -> None:
        self._preview = None
        self._combos = []
        self.mapping_table.setRowCount(0)
        self.mapping_box.hide()

    def _merge(self, path: Path, mapping: dict[tuple[str, str], str]) -> None:
        ws, dry_run = self.ctx.ws, self.dry_run.isChecked()

        def merge(progress: Progress, cancel: Cancel) -> MergeReport:
            return exchange.merge_bundle(ws, path, mapping=mapping, dry_run=dry_run, progress=progress, cancel=cancel)

        self._run(path, merge, merge_job, {"mapping": mapping, "dry_run": dry_run}, self._merged,
                  self.tr("The merge stopped unexpectedly; nothing was changed."),
                  self.tr("Merging {0}…").format(path.name))

    def _run(self, path: Path, work: Callable[[Progress, Cancel], Any], job: Callable[..., Any],
             kwargs: dict[str, Any], on_done: Callable[[Any], None], crashed: str, message: str) -> None:
        """``work(progress, cancel)`` on the worker thread, or ``job(address, path, **kwargs)`` in a worker
        process for a large file (see the module docstring); its progress shown under ``message`` until then."""
        from pdsa_desk.core.worker_jobs import WorkspaceAddress

        self.progress_row.begin(message)
        self.progress_row.cancel_button.setEnabled(not self._cancelled)
        refused = lambda exc: self._refused(path, exc)  # noqa: E731 - one callback, two ways
        address = WorkspaceAddress.of(self.ctx.ws) if wants_process(path) else None
        if address is None:
            self._task = self.ctx.run_task(lambda task: work(task.report_progress, task.cancelled), on_done, refused,
                                           on_progress=self._progress)
            return
        workers = self._workers

        def done(result: Any) -> None:
            workers.warm()  # for the next step (the merge after its preview, or the next file)
            on_done(result)

        self._task = workers.cancel = self.ctx.tasks.start_process(
            workers.take_worker(), job, (address, path), kwargs, done, refused, on_progress=self._progress,
            crashed=crashed)

    def _progress(self, fraction: float, message: str) -> None:
        if self._running and not self._cancelled:
            self.progress_row.set_progress(fraction, i18n.text(message))

    def cancel(self) -> None:
        """Stop merging: the file being merged changes nothing (its transaction rolls back), the rest are left."""
        if not self._running or self._preview is not None or self._cancelled:
            return
        self._cancelled = True
        if self._task is not None:
            self._task.cancel()
        self.progress_row.cancel_button.setEnabled(False)
        self.progress_row.message.setText(self.tr("Cancelling… nothing will be changed."))

    def _merged(self, report: MergeReport) -> None:
        # The report's lines are written off the GUI thread: a 300,000-event bundle's report lists 1,000
        # conflicts and 600 mappings, ~1 s of building and translating texts (issue #16).
        self.ctx.run_in_background(lambda: [i18n.text(line) for line in report.lines()],
                                   lambda lines: self._reported(report, lines))

    def _reported(self, report: MergeReport, lines: list[str]) -> None:
        self._queue.pop(0)
        self.reports.append(report)
        self._append(lines)
        self.file_done.emit(report)
        self._next()

    def _refused(self, path: Path, exc: BaseException) -> None:
        if not isinstance(exc, (PdsaError, OSError)):
            self._running = False
            self._update_buttons()
            raise exc  # a bug: the crash handler reports it
        self._queue.pop(0)
        message = self.tr("{0}: not merged. {1}").format(path.name, i18n.text(str(exc)))
        self.errors.append(message)
        self._append([message])
        self.file_done.emit(message)
        self._next()

    def _append(self, lines: list[str]) -> None:
        text = self.report.toPlainText()
        self.report.setPlainText((text + "\n\n" if text else "") + "\n".join(lines))

    def _finish(self) -> None:
        self._running = False
        self._task = None
        self.progress_row.hide()
        self._update_buttons()
        merged = [r for r in self.reports if not r.dry_run]
        summary = self.tr("Done: {0} of %n file(s) merged.", "", len(self.reports) + len(self.errors)).format(
            len(self.reports))
        if self.dry_run.isChecked():
            summary = self.tr("Preview done: nothing was changed.")
        self._append([summary])
        if any(r.changed for r in merged):
            self.ctx.notify_changed()
        self.all_done.emit()

    def reject(self) -> None:
        if self._running and self._preview is None:
            return  # a file is being merged: wait for it
        if self._preview is not None:  # waiting for a mapping: closing skips the remaining files
            self._queue.clear()
            self._hide_mapping()
            self._running = False
        super().reject()

    def done(self, result: int) -> None:
        self._workers.close()  # a spare worker process ends (a merge is waited for: see reject)
        super().done(result)

"""3. Stages: each CRM stage name in the file → a workspace stage, a new stage, or ignored."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from pdsa_desk.core import services
from pdsa_desk.core.importing import Cancelled, CreateStage, Mapping, ScannedStage, ScanResult, StageMap, scan
from pdsa_desk.core.importing.mapping import StageTarget
from pdsa_desk.core.importing.scan import scan_key
from pdsa_desk.core.importing.stages import suggest_stage
from pdsa_desk.core.worker_jobs import scan_job
from pdsa_desk.ui import formatting
from pdsa_desk.ui.import_wizard.background import Job, Runner
from pdsa_desk.ui.import_wizard.common import Page, ProgressRow, error_text, is_bug, names_text, status_label
from pdsa_desk.ui.widgets import ErrorLabel, error_colour

if TYPE_CHECKING:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard

#: What the user chose for a CRM stage (the combo's data; a workspace stage is "stage:<id>").
CHOOSE, CREATE, CREATE_WON, IGNORE = "choose", "create", "create-won", "ignore"


def _choice(target: StageTarget) -> str:
    """The combo's data for a stage map target."""
    if target is None:
        return IGNORE
    if isinstance(target, CreateStage):
        return CREATE_WON if target.terminal == "won" else CREATE
    return "stage:" + target


class StagesPage(Page):
    """Each CRM stage name in the file → a workspace stage, a new stage, or ignored."""

    scanned = Signal()
    scan_failed = Signal(str)

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Match the stages"))
        self.setSubTitle(self.tr("The CRM's stage names, with the rows that use them. Send each to a stage of this "
                                 "workspace, create it as a new stage, or ignore its rows."))
        self.result: ScanResult | None = None
        self.scanning = False
        self.cancelled = False
        self._key: tuple[str, str] | None = None
        self._choices: dict[str, str] = {}
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        self.runner = Runner(self.ctx, self.state)
        self.runner.progress.connect(self._progress)
        self.progress_row = ProgressRow(self.tr("Cancel &reading"))
        self.progress_row.cancel_button.setToolTip(self.tr("Stop reading the file (nothing is written either way)"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        self.status = status_label()
        layout.addWidget(self.status)
        self.again_button = QPushButton(self.tr("&Read again"))
        self.again_button.setToolTip(self.tr("Read the stage names in the file again"))
        self.again_button.clicked.connect(self.read_again)
        self.again_button.hide()
        layout.addWidget(self.again_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("CRM stage"), self.tr("Rows"), self.tr("In this workspace")])
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAccessibleName(self.tr("CRM stages"))
        layout.addWidget(self.table, 1)
        self.hint = status_label()
        self.hint.setText(self.tr("Tip: 'Closed lost' is usually ignored — the outcome column already says an "
                                  "opportunity was lost. A won stage marks opportunities that enter it as won."))
        layout.addWidget(self.hint)
        self.missing_label = status_label()
        layout.addWidget(self.missing_label)

    def initializePage(self) -> None:  # noqa: N802
        info = self.wiz.file_page.info
        mapping = self.wiz.columns_page.mapping()
        key = (str(info.path) if info else "", scan_key(mapping))
        if key == self._key and (self.result is not None or self.scanning):
            self._update()
            return
        self.read_again()

    def _scan(self, path: Path, mapping: Mapping) -> None:
        self.runner.forget()  # a scan of an earlier file or mapping stops and is not shown
        self.scanning = True
        self.cancelled = False
        self.result = None
        self.error.clear_message()
        self.table.setRowCount(0)
        self.combos = {}
        self.again_button.hide()
        self.status.setText("")
        self.progress_row.begin(self.tr("Reading the stage names in {0}…").format(path.name))
        self.completeChanged.emit()
        ws = self.ctx.ws

        def done(result: ScanResult) -> None:
            self.scanning = False
            self.progress_row.hide()
            self.result = result
            self._fill(result, mapping)
            self.scanned.emit()

        def failed(exc: BaseException) -> None:
            self.scanning = False
            self.cancelled = isinstance(exc, Cancelled)
            self.progress_row.hide()
            self._key = None
            self.status.setText("")
            self._update()
            if self.cancelled:
                self.status.setText(self.tr("Reading was cancelled: the stage names are needed to go on."))
                self.again_button.show()
                self.scan_failed.emit(self.status.text())
                return
            if is_bug(exc):
                raise exc
            self.error.show_message(error_text(exc) + "\n" + self.tr("Go back to change the file or the columns."))
            self.scan_failed.emit(error_text(exc))

        job = Job(scan_job, path, (path, mapping), {},
                  self.tr("Reading the file stopped unexpectedly; nothing was written."))
        self.runner.start(lambda progress, cancel: scan(path, mapping, ws, progress=progress, cancel=cancel),
                          done, failed, job=job)

    def _progress(self, fraction: float, message: str) -> None:
        if self.scanning:
            self.progress_row.set_progress(fraction, message)

    def cancel(self) -> None:
        """Stop reading the file (the page then offers to read it again)."""
        if self.scanning:
            self.progress_row.cancel_button.setEnabled(False)
            self.progress_row.message.setText(self.tr("Cancelling…"))
            self.runner.request_cancel()

    def read_again(self) -> None:
        """Read the stage names of the chosen file with the chosen columns (again)."""
        info = self.wiz.file_page.info
        mapping = self.wiz.columns_page.mapping()
        self._key = (str(info.path) if info else "", scan_key(mapping))
        self._scan(info.path if info else Path(), mapping)

    def cleanupPage(self) -> None:  # noqa: N802 - Back while reading: stop it
        if self.scanning:
            self.runner.forget()
            self.scanning = False
            self.progress_row.hide()
            self._key = None
        super().cleanupPage()

    def _fill(self, result: ScanResult, mapping: Mapping) -> None:
        stages = services.list_stages(self.ctx.ws)
        by_key: dict[str, str] = {}
        for s in stages:
            by_key.setdefault(s.id, s.id)
            by_key.setdefault(s.name.casefold(), s.id)
        preset = StageMap.from_dict(mapping.stages)
        create_mode = not stages or mapping.create_stages
        self.table.setRowCount(len(result.stages))
        for row, scanned in enumerate(result.stages):
            name_item = QTableWidgetItem(scanned.name)
            where = self.tr("first on row {0}").format(scanned.first_row) if scanned.first_row else ""
            if scanned.workspace_stage is None:
                font = name_item.font()
                font.setBold(True)
                name_item.setFont(font)
                name_item.setToolTip(self.tr("Not a stage of this workspace") + (f" ({where})" if where else ""))
            else:
                name_item.setToolTip(self.tr("Matches the workspace stage '{0}'").format(scanned.workspace_stage)
                                     + (f" ({where})" if where else ""))
            self.table.setItem(row, 0, name_item)
            rows_item = QTableWidgetItem(formatting.count(scanned.rows))
            rows_item.setData(Qt.ItemDataRole.UserRole, scanned.rows)
            rows_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, rows_item)
            combo = self._combo(scanned, stages)
            choice = self._choices.get(scanned.name)
            if choice is None:
                decided, target = suggest_stage(scanned, preset, by_key, create_mode)
                choice = _choice(target) if decided else CHOOSE
            combo.setCurrentIndex(max(0, combo.findData(choice)))
            combo.currentIndexChanged.connect(lambda _i, n=scanned.name, c=combo: self._chosen(n, c))
            self.combos[scanned.name] = combo
            self.table.setCellWidget(row, 2, combo)
        self.table.resizeRowsToContents()
        self._update()

    def _combo(self, scanned: ScannedStage, stages: list[Any]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(self.tr("Workspace stage for {0}").format(scanned.name))
        if scanned.workspace_stage is None:
            combo.addItem(self.tr("Choose…"), CHOOSE)
        for s in stages:
            combo.addItem(s.name + (self.tr(" (won)") if s.terminal == "won" else ""), "stage:" + s.id)
        if stages:
            combo.insertSeparator(combo.count())
        combo.addItem(self.tr("Create as new stage"), CREATE)
        combo.addItem(self.tr("Create as new won stage"), CREATE_WON)
        combo.addItem(self.tr("Ignore (skip its rows)"), IGNORE)
        return combo

    def _chosen(self, name: str, combo: QComboBox) -> None:
        self._choices[name] = combo.currentData()
        self._update()

    def _update(self) -> None:
        result = self.result
        if result is not None:
            matched = sum(1 for s in result.stages if s.workspace_stage is not None)
            if not result.stages:
                self.status.setText(self.tr("No stage names found in the file ({0} rows).").format(
                    formatting.count(result.rows)))
            else:
                self.status.setText(self.tr("%n stage name(s) in {0} rows: {1} match a stage of this workspace by "
                                            "name, {2} do not (in bold).", "", len(result.stages)).format(
                    formatting.count(result.rows), matched, len(result.stages) - matched))
        blocker = self.blocker()
        self.missing_label.setText(blocker)
        self.missing_label.setStyleSheet(f"color: {error_colour().name()};" if blocker else "")
        self.completeChanged.emit()

    def choice(self, name: str) -> str:
        combo = self.combos.get(name)
        return combo.currentData() if combo is not None else CHOOSE

    def set_choice(self, name: str, choice: str) -> None:
        combo = self.combos[name]
        combo.setCurrentIndex(combo.findData(choice))

    def stage_map(self) -> StageMap:
        targets: dict[str, StageTarget] = {}
        for name, combo in self.combos.items():
            data = combo.currentData()
            if data == IGNORE:
                targets[name] = None
            elif data == CREATE:
                targets[name] = CreateStage()
            elif data == CREATE_WON:
                targets[name] = CreateStage(terminal="won")
            elif isinstance(data, str) and data.startswith("stage:"):
                targets[name] = data.removeprefix("stage:")
        return StageMap(targets)

    def blocker(self) -> str:
        if self.scanning:
            return self.tr("Reading the stage names…")
        if self.result is None:
            return self.tr("Press Read again to go on.") if self.cancelled else \
                self.tr("The stage names could not be read.")
        open_ = [n for n in self.combos if self.choice(n) == CHOOSE]
        if open_:
            return self.tr("Choose what to do with: {0}.").format(names_text(open_))
        return ""


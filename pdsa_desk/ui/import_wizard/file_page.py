"""1. File: choose the export; shows what was detected and the first rows (read on the worker thread)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from pdsa_desk.core.importing.preview import PREVIEW_ROWS, FileInfo, read_file_info
from pdsa_desk.ui import i18n
from pdsa_desk.ui.import_wizard.background import wants_process
from pdsa_desk.ui.import_wizard.common import (
    FILE_FILTER,
    FOLDER_KEY,
    Page,
    error_text,
    folder,
    is_bug,
    lines_text,
    status_label,
    tr,
)
from pdsa_desk.ui.import_wizard.preview_model import preview_view
from pdsa_desk.ui.tasks import Latest
from pdsa_desk.ui.widgets import ErrorLabel, remember_folder

if TYPE_CHECKING:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard


class FilePage(Page):
    """Choose the export; shows what was detected and the first rows."""

    loaded = Signal()
    load_failed = Signal(str)

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Choose the export"))
        self.setSubTitle(self.tr("A CSV file (any delimiter) or an Excel .xlsx workbook exported from your CRM: "
                                 "a stage history report, or one row per deal with a date per stage."))
        self.info: FileInfo | None = None
        self.loading = False
        self._loads = Latest()  # a file chosen later makes an earlier one's result stale
        self._loaded_path: str | None = None
        self._loaded_sheet: str | None = None
        layout = QVBoxLayout(self)

        form = QFormLayout()
        row = QHBoxLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("The file exported from your CRM"))
        self.path_edit.setAccessibleName(self.tr("Export file"))
        self.path_edit.editingFinished.connect(self._path_edited)
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.setToolTip(self.tr("Choose a CSV or Excel file"))
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path_edit)
        form.addRow(label, row)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip(self.tr("The workbook sheet to read"))
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.sheet_label = QLabel(self.tr("&Sheet:"))
        self.sheet_label.setBuddy(self.sheet_combo)
        form.addRow(self.sheet_label, self.sheet_combo)
        self.detected = status_label()
        form.addRow(self.tr("Detected:"), self.detected)
        layout.addLayout(form)
        self.notices = status_label()
        layout.addWidget(self.notices)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.preview_title = QLabel(self.tr("Preview"))
        layout.addWidget(self.preview_title)
        self.preview = preview_view(wizard.preview_model)
        layout.addWidget(self.preview, 1)
        self.empty = QLabel(self.tr("No file chosen yet — click Browse… to pick the export."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)
        self._show_sheet_row(False)
        self._update_view()

    # ---- choosing -----------------------------------------------------------------------------
    def browse(self) -> None:
        start = self.path_edit.text().strip() or str(folder(self.ctx))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from CRM export"), start, tr(FILE_FILTER))
        if path:
            self.set_path(path)

    def set_path(self, path: str | Path, sheet: str | None = None) -> None:
        self.path_edit.setText(str(path))
        self.load(sheet)

    def _path_edited(self) -> None:
        if self.path_edit.text().strip() != (self._loaded_path or "") or self.error.isVisible():
            self.load()

    def _sheet_chosen(self) -> None:
        sheet = self.sheet_combo.currentText()
        if self.info is not None and sheet and sheet != self.info.sheet:
            self.load(sheet)

    def current_sheet(self) -> str | None:
        return self.info.sheet if self.info is not None else None

    # ---- loading ------------------------------------------------------------------------------
    def load(self, sheet: str | None = None) -> None:
        text = self.path_edit.text().strip()
        ticket = self._loads.begin()
        self.info = None
        self.error.clear_message()
        self.notices.clear()
        self.wiz.preview_model.set_file([], [])
        if not text:
            self.loading = False
            self.detected.setText("")
            self._update_view()
            self.completeChanged.emit()
            return
        path = Path(text).expanduser()
        self.loading = True
        self._loaded_path = text
        self._loaded_sheet = sheet
        self.detected.setText(self.tr("Reading {0}…").format(path.name))
        self._update_view()
        self.completeChanged.emit()

        def done(info: FileInfo) -> None:
            if not ticket.current or self.state.closed:
                return
            self.loading = False
            self.info = info
            # Each in a turn of its own after the preview is shown, dropped if the page is gone by then (at 1M the
            # three together held the GUI thread for one 50 ms turn: the child's start ~25 ms, writing the setting up
            # to 55 ms, the preview's reset).
            if wants_process(info.path):
                # the scan will run in a worker process: start it while the user looks (warm() does nothing once
                # the dialog is closed)
                QTimer.singleShot(0, self, self.state.warm)
            QTimer.singleShot(0, self, lambda: remember_folder(FOLDER_KEY, path))
            self.wiz.preview_model.set_file(info.header, info.rows)
            self.detected.setText(self._describe(info))
            self.notices.setText("\n".join(lines_text(info.notices)))
            self.notices.setVisible(bool(info.notices))
            self.sheet_combo.clear()
            self.sheet_combo.addItems(info.sheets)
            if info.sheet:
                self.sheet_combo.setCurrentText(info.sheet)
            self._show_sheet_row(len(info.sheets) > 1)
            self._update_view()
            self.completeChanged.emit()
            self.loaded.emit()

        def failed(exc: BaseException) -> None:
            if not ticket.current or self.state.closed:
                return
            self.loading = False
            self.detected.setText("")
            self._update_view()
            self.completeChanged.emit()
            if is_bug(exc):
                raise exc
            self.error.show_message(error_text(exc))
            self.load_failed.emit(error_text(exc))

        self.ctx.run_in_background(lambda: read_file_info(path, sheet), done, failed)

    def _describe(self, info: FileInfo) -> str:
        if info.kind == "xlsx":
            where = self.tr("Excel workbook, sheet '{0}'").format(info.sheet) if info.sheet else self.tr(
                "Excel workbook")
        else:
            where = self.tr("CSV, {0}-separated, {1} text").format(
                i18n.text(info.delimiter_name), info.encoding_name)
        return self.tr("{0} · {1} columns · first rows shown below").format(where, len(info.header))

    def _show_sheet_row(self, visible: bool) -> None:
        self.sheet_label.setVisible(visible)
        self.sheet_combo.setVisible(visible)

    def _update_view(self) -> None:
        has_rows = self.info is not None
        self.preview.setVisible(has_rows)
        self.preview_title.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        if self.loading:
            self.empty.setText(self.tr("Reading the file…"))
        elif self.error.isVisible() or (self.path_edit.text().strip() and self.info is None):
            self.empty.setText(self.tr("Choose another file, or fix this one and press Enter in the file box."))
        else:
            self.empty.setText(self.tr("No file chosen yet — click Browse… to pick the export."))
        if self.info is not None and not self.info.rows:
            self.preview_title.setText(self.tr("Preview — the file has a header but no data rows"))
        else:
            self.preview_title.setText(self.tr("Preview (first {0} rows; row numbers as in a spreadsheet)").format(
                PREVIEW_ROWS))

    def blocker(self) -> str:
        if self.loading:
            return self.tr("Reading the file…")
        if self.info is None:
            return self.tr("Choose a file that can be read.") if self.path_edit.text().strip() else self.tr(
                "Choose a file first.")
        return ""

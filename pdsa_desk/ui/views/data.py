"""Data: what is in the workspace, its health, and backups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.check import check_workspace, workspace_info
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.sqlite_file import backup_sqlite_file
from pdsa_desk.ui import formatting, i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import QT_TRANSLATE_NOOP
from pdsa_desk.ui.views.base import View

# What the Data view exports: (key, label); the labels are marked for the catalogue and shown with tr().
EXPORTS = (
    ("events", QT_TRANSLATE_NOOP("DataView", "Stage events (re-importable)")),
    ("opportunities", QT_TRANSLATE_NOOP("DataView", "Opportunities")),
    ("cycles", QT_TRANSLATE_NOOP("DataView", "PDSA cycles with study results")),
    ("conversion", QT_TRANSLATE_NOOP("DataView", "Conversion table")),
    ("comparison", QT_TRANSLATE_NOOP("DataView", "Rep comparison")),
)


def _size(n: int | None) -> str:
    if n is None:
        return "—"
    return formatting.locale().formattedDataSize(n, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


class DataView(View):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loads = self.latest()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(QLabel(self.tr("<h2>Data</h2>")))

        info_box = QGroupBox(self.tr("Workspace"))
        self.form = QFormLayout(info_box)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name_label = QLabel()
        self.location_label = QLabel()
        self.location_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.location_label.setWordWrap(True)
        self.schema_label = QLabel()
        self.size_label = QLabel()
        self.form.addRow(self.tr("Name:"), self.name_label)
        self.form.addRow(self.tr("Location:"), self.location_label)
        self.form.addRow(self.tr("Schema:"), self.schema_label)
        self.form.addRow(self.tr("Size:"), self.size_label)
        self.count_labels: dict[str, QLabel] = {}
        layout.addWidget(info_box)

        health = QGroupBox(self.tr("Health and backups"))
        hl = QVBoxLayout(health)
        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("&Check integrity"))
        self.check_button.setToolTip(self.tr("Run SQLite's integrity check and pdsa-desk's consistency rules"))
        self.check_button.clicked.connect(self.run_check)
        self.backup_button = QPushButton(self.tr("&Back up now"))
        self.backup_button.setToolTip(self.tr("Copy the workspace to a dated file beside it"))
        self.backup_button.clicked.connect(self.back_up)
        self.backup_button.setEnabled(ctx.ws.path is not None)
        if ctx.ws.path is None:
            self.backup_button.setToolTip(self.tr("A server workspace is backed up by the server's administrator"))
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        hl.addLayout(buttons)
        self.result = QPlainTextEdit()
        self.result.setReadOnly(True)
        self.result.setPlaceholderText(self.tr("Results of the check and backups appear here."))
        self.result.setMaximumHeight(160)
        hl.addWidget(self.result)
        layout.addWidget(health)

        bring_in = QGroupBox(self.tr("Bring data in"))
        bl = QHBoxLayout(bring_in)
        self.import_button = QPushButton(self.tr("&Import from CRM export…"))
        self.import_button.setToolTip(self.tr(
            "Opportunities and stage changes from a CSV or Excel export; checked before anything is written"))
        self.import_button.clicked.connect(lambda: self.open_import_wizard())
        if ctx.ws.read_only:
            self.import_button.setEnabled(False)
            self.import_button.setToolTip(self.tr("This workspace is open read-only"))
        bl.addWidget(self.import_button)
        bl.addStretch(1)
        layout.addWidget(bring_in)

        exchange = QGroupBox(self.tr("Take results out"))
        el = QHBoxLayout(exchange)
        export_label = QLabel(self.tr("E&xport:"))
        el.addWidget(export_label)
        self.export_what = QComboBox()
        for key, label in EXPORTS:
            self.export_what.addItem(self.tr(label), key)
        export_label.setBuddy(self.export_what)
        el.addWidget(self.export_what)
        self.export_button = QPushButton(self.tr("Export to CSV or Excel…"))
        self.export_button.setToolTip(self.tr(
            "Spreadsheet-safe: text that starts like a formula is neutralised; numbers stay numbers"))
        self.export_button.clicked.connect(lambda: self.export())
        el.addWidget(self.export_button)
        el.addStretch(1)
        layout.addWidget(exchange)
        layout.addStretch(1)

    def refresh(self) -> None:
        """Read the workspace facts in the background (counting a million events takes a while), as of the
        window's one clock, as every view counts."""
        ticket = self._loads.begin()
        self.updating = True
        ws, as_of = self.ctx.ws, self.ctx.as_of()
        # On the quick-read thread: not queued behind a load of a million events on the worker.
        self.ctx.run_read(lambda: workspace_info(ws, as_of=as_of), ticket.guard(self._show_info),
                          ticket.guard(self._info_failed))

    def _info_failed(self, exc: BaseException) -> None:
        self.updating = False
        self.result.setPlainText(self.tr("The workspace could not be read: {0}").format(exc))
        self.refreshed.emit()

    def _show_info(self, info: Any) -> None:
        self.updating = False
        self.name_label.setText(info.name)
        self.location_label.setText(info.location)
        self.schema_label.setText(info.schema or "—")
        self.size_label.setText(_size(info.size_bytes))
        for label, n in info.counts.items():
            if label not in self.count_labels:
                self.count_labels[label] = QLabel()
                self.form.addRow(self.tr(label) + ":", self.count_labels[label])
            self.count_labels[label].setText(formatting.count(n))
        self.refreshed.emit()

    def run_check(self) -> None:
        self.check_button.setEnabled(False)
        self.result.setPlainText(self.tr("Checking…"))

        def done(findings: list) -> None:
            self.check_button.setEnabled(True)
            if findings:
                lines = [i18n.text(str(f)) for f in findings]  # each finding in the UI's language
                self.result.setPlainText(self.tr("%n problem(s) found:", "", len(lines)) + "\n" + "\n".join(lines))
            else:
                self.result.setPlainText(self.tr("Healthy: no problems found."))

        def failed(exc: BaseException) -> None:
            self.check_button.setEnabled(True)
            self.result.setPlainText(self.tr("The check could not run: {0}").format(i18n.text(str(exc))))

        self.ctx.run_in_background(lambda: check_workspace(self.ctx.ws), done, failed)

    def export(self, path: str | None = None) -> None:
        from pdsa_desk.core.export import export_table

        what = self.export_what.currentData()
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export {0}").format(self.export_what.currentText()),
                str(Path.home() / f"pdsa-{what}.xlsx"),
                self.tr("Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"))
            if not path:
                return
        self.export_button.setEnabled(False)
        self.result.setPlainText(self.tr("Exporting…"))
        ws = self.ctx.ws

        def done(result) -> None:  # noqa: ANN001
            self.export_button.setEnabled(True)
            self.result.setPlainText(self.tr("Exported {0} rows to {1}").format(formatting.count(result.rows), path))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.result.setPlainText(self.tr("Export failed: {0}").format(exc))

        # The snapshot (loaded or patched off the GUI thread if needed), then the export on the worker thread,
        # as of the window's one clock.
        as_of = self.ctx.as_of()

        def export(data: Any) -> None:
            self.ctx.run_in_background(lambda: export_table(ws, what, path, data=data, as_of=as_of), done, failed)

        self.ctx.analysis_in_background(export, failed)

    def open_import_wizard(self, path: str | None = None) -> None:
        from pdsa_desk.ui.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self, path=path)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def back_up(self) -> None:
        path = self.ctx.ws.path
        if path is None:
            return
        try:
            target = backup_sqlite_file(path)
        except (PdsaError, OSError) as exc:  # no room (checked first), a read-only folder, a failing disk
            self.result.setPlainText(self.tr("Backup failed: {0}").format(exc))
            return
        self.result.setPlainText(self.tr("Backed up to {0}").format(target))

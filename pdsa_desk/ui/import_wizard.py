"""Import from a CRM export: a wizard over :mod:`pdsa_desk.core.importing`.

File → Columns → Stages → Check → Import. Everything that reads the whole file
(opening it, scanning its stage names, the dry run, the import) runs on the
context's worker thread (:meth:`AppContext.run_in_background`), so the window
never freezes on a million rows. The importer's ``progress`` callback runs on
that thread: it only emits :attr:`ProgressRelay.progress`, which Qt queues to
the GUI thread. Cancel sets a :class:`threading.Event` that the importer's
``cancel`` callable reads once per chunk; the importer then rolls back, so a
cancelled import writes nothing.

The rules (which column is what, how dates and stages are read, what is valid)
live in the core; the pages only collect the user's choices into a
:class:`~pdsa_desk.core.importing.Mapping` and a
:class:`~pdsa_desk.core.importing.StageMap`.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.importing import (
    BUILTIN_PRESET,
    Cancelled,
    CreateStage,
    ImportProblems,
    ImportResult,
    Mapping,
    ScanResult,
    StageMap,
    delete_preset,
    guess_mapping,
    import_file,
    list_presets,
    load_preset,
    save_preset,
    scan,
)
from pdsa_desk.core.importing.mapping import LONG, WIDE
from pdsa_desk.core.importing.reader import open_table
from pdsa_desk.core.importing.values import DAYFIRST, MONTHFIRST, AmbiguousDate, BadValue, cell_text, parse_when
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.widgets import ErrorLabel, error_colour, remember_folder, start_folder

#: Data rows shown in the preview.
PREVIEW_ROWS = 20
FILE_FILTER = ("CRM exports (*.csv *.tsv *.txt *.xlsx *.xlsm);;CSV files (*.csv *.tsv *.txt);;"
               "Excel workbooks (*.xlsx *.xlsm);;All files (*)")
_FOLDER_KEY = "import/folder"
_PROGRESS_STEPS = 1000
_CONTEXT = "ImportWizard"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


# =============================================================================== reading the file's head
@dataclass
class FileInfo:
    """What the File page learned about an export (Qt-free; read on the worker thread)."""

    path: Path
    kind: str  # "csv" or "xlsx"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text), at most PREVIEW_ROWS
    encoding: str | None = None
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)
    sheet: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str | None]:
        return (str(self.path), self.sheet)


def _sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook, from its directory (cheap even for a huge workbook)."""
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    return [s.get("name", "") for s in root.iter() if s.tag.rsplit("}", 1)[-1] == "sheet" and s.get("name")]


def read_file_info(path: str | Path, sheet: str | None = None) -> FileInfo:
    """The header, the first rows and what was detected; :class:`ImportProblems` when unreadable."""
    path = Path(path)
    mapping = Mapping(sheet=sheet) if sheet else Mapping()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # openpyxl's notes about styles
        table = open_table(path, mapping)
        try:
            rows: list[tuple[int, list[str]]] = []
            for number, cells in table.numbered():
                texts = [c if isinstance(c, str) else cell_text(c) for c in cells]
                if not any(t.strip() for t in texts):
                    continue
                rows.append((number, texts))
                if len(rows) >= PREVIEW_ROWS:
                    break
            info = FileInfo(path=path, kind=table.kind, header=list(table.header), rows=rows,
                            encoding=getattr(table, "encoding", None), delimiter=getattr(table, "delimiter", None),
                            notices=list(table.notices))
        finally:
            table.close()
    if info.kind == "xlsx":
        info.sheets = _sheet_names(path)
        chosen = [n for n in info.sheets if sheet and n.casefold() == sheet.casefold()]
        info.sheet = chosen[0] if chosen else (info.sheets[0] if info.sheets else sheet)
    return info


_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_ENCODINGS = {"utf-8-sig": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252", "latin-1": "Latin-1"}


# =============================================================================== the preview model
class PreviewModel(QAbstractTableModel):
    """The first rows of the file; the header says which field each column is mapped to."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[tuple[int, list[str]]] = []
        self._roles: dict[int, str] = {}

    def set_file(self, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        self.beginResetModel()
        self._header = list(header)
        self._rows = [(n, list(cells)) for n, cells in rows]
        self._roles = {}
        self.endResetModel()

    def set_roles(self, roles: dict[int, str]) -> None:
        """``{column index: what it is mapped to}`` (shown under the column name)."""
        if roles != self._roles:
            self._roles = dict(roles)
            if self._header:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._header) - 1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (
                0 <= index.column() < len(self._header)):
            return None
        cells = self._rows[index.row()][1]
        value = cells[index.column()] if index.column() < len(cells) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole):
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._header):
                return None
            name = self._header[section]
            if role == Qt.ItemDataRole.DisplayRole:
                role_text = self._roles.get(section)
                return f"{name}\n→ {role_text}" if role_text else name
            if role == Qt.ItemDataRole.ToolTipRole:
                role_text = self._roles.get(section)
                return _tr("Column {0}: {1}").format(name, role_text) if role_text else _tr(
                    "Column {0}: not imported").format(name)
            if role == Qt.ItemDataRole.UserRole:
                return name
            return None
        if not 0 <= section < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return self._rows[section][0] if role == Qt.ItemDataRole.UserRole else str(self._rows[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tr("Row {0} of the file").format(self._rows[section][0])
        return None


def _preview_view(model: PreviewModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.horizontalHeader().setMaximumSectionSize(260)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setAccessibleName(_tr("Preview of the file"))
    model.modelReset.connect(lambda: view.resizeColumnsToContents())
    model.headerDataChanged.connect(lambda *_: view.resizeColumnsToContents())
    return view


# =============================================================================== background work
class ProgressRelay(QObject):
    """Carries the importer's progress from the worker thread to the GUI thread (queued signal)."""

    progress = Signal(float, str)


@dataclass
class _State:
    """Shared by the pages; plain Python so late worker results can read it after the dialog is gone."""

    closed: bool = False
    cancel: threading.Event | None = None


def _is_bug(exc: BaseException) -> bool:
    return not isinstance(exc, (PdsaError, OSError))


def _ambiguity_lines(exc: ImportProblems) -> tuple[list[str], list[str]]:
    """(the ambiguous dates as ``row N, column C: …`` lines, the file's own hints about its order)."""
    lines = [str(p) for p in exc.problems if p.row is not None or p.message.startswith("…")]
    hints = [_tr("Row {0} has '{1}', which can only be {2}.").format(
        h.row, h.value, _tr("day first") if h.order == DAYFIRST else _tr("month first")) for h in exc.order_hints]
    return lines, hints


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:8])
    return shown + (_tr(" and {0} more").format(len(names) - 8) if len(names) > 8 else "")


def summary_lines(result: ImportResult) -> list[str]:
    """What an import did (or, for a dry run, would do), for a person."""
    if result.dry_run:
        lines = [
            _tr("Opportunities: {0} would be added, {1} updated.").format(
                f"{result.opportunities_added:,}", f"{result.opportunities_updated:,}"),
            _tr("Stage changes: {0} would be added; {1} already in the workspace (skipped).").format(
                f"{result.events_added:,}", f"{result.duplicates_skipped:,}"),
            _tr("Rows read: {0}; {1} would be rejected; {2} with ignored stages.").format(
                f"{result.rows_read:,}", f"{result.rows_rejected:,}", f"{result.rows_ignored:,}"),
        ]
        created = (_tr("New stages would be: {0}"), _tr("New reps would be: {0}"), _tr("New teams would be: {0}"),
                   _tr("New loss reasons would be: {0}"))
    else:
        lines = [
            _tr("Opportunities: {0} added, {1} updated.").format(
                f"{result.opportunities_added:,}", f"{result.opportunities_updated:,}"),
            _tr("Stage changes: {0} added; {1} already in the workspace (skipped).").format(
                f"{result.events_added:,}", f"{result.duplicates_skipped:,}"),
            _tr("Rows read: {0}; {1} rejected; {2} with ignored stages.").format(
                f"{result.rows_read:,}", f"{result.rows_rejected:,}", f"{result.rows_ignored:,}"),
        ]
        created = (_tr("New stages: {0}"), _tr("New reps: {0}"), _tr("New teams: {0}"),
                   _tr("New loss reasons: {0}"))
    for text, names in zip(created, (result.stages_created, result.reps_created, result.teams_created,
                                     result.loss_reasons_created), strict=True):
        if names:
            lines.append(text.format(_names(names)))
    return lines


class _Runner:
    """One importer call at a time on the context's worker: progress by signal, cancel by Event."""

    def __init__(self, ctx: AppContext, state: _State) -> None:
        self.ctx = ctx
        self.state = state
        self.relay = ProgressRelay()
        self.cancel = threading.Event()
        self.running = False
        self._generation = 0

    def start(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], Any],
              on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
              after_close: Callable[[Any], None] | None = None) -> None:
        """Run ``work(progress, cancel)``; ``after_close(result)`` runs instead of ``on_done`` once closed."""
        self._generation += 1
        generation = self._generation
        self.cancel = cancel = threading.Event()
        self.state.cancel = cancel
        self.running = True
        relay = self.relay
        state = self.state

        def progress(fraction: float, message: str) -> None:  # on the worker thread
            if not state.closed:
                relay.progress.emit(fraction, message)

        def done(result: Any) -> None:
            if generation != self._generation:
                return
            self.running = False
            if not state.closed:
                on_done(result)
            elif after_close is not None:
                after_close(result)

        def failed(exc: BaseException) -> None:
            if generation != self._generation:
                return
            self.running = False
            if not state.closed:
                on_error(exc)
            elif _is_bug(exc):
                raise exc

        self.ctx.run_in_background(lambda: work(progress, cancel.is_set), done, failed)

    def request_cancel(self) -> None:
        """Ask the running import to stop (thread-safe: may be called from the worker's progress callback)."""
        self.cancel.set()

    def forget(self) -> None:
        """Drop the running call's result (the page was left); ask it to stop."""
        self.cancel.set()
        self._generation += 1
        self.running = False


class _ProgressRow(QWidget):
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


class _Page(QWizardPage):
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


def _headline() -> QLabel:
    label = _status_label()
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


# =============================================================================== 1. File
class FilePage(_Page):
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
        self._generation = 0
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
        self.detected = _status_label()
        form.addRow(self.tr("Detected:"), self.detected)
        layout.addLayout(form)
        self.notices = _status_label()
        layout.addWidget(self.notices)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.preview_title = QLabel(self.tr("Preview"))
        layout.addWidget(self.preview_title)
        self.preview = _preview_view(wizard.preview_model)
        layout.addWidget(self.preview, 1)
        self.empty = QLabel(self.tr("No file chosen yet — click Browse… to pick the export."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)
        self._show_sheet_row(False)
        self._update_view()

    # ---- choosing -----------------------------------------------------------------------------
    def browse(self) -> None:
        start = self.path_edit.text().strip() or str(_folder(self.ctx))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import from CRM export"), start, self.tr(FILE_FILTER))
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
        self._generation += 1
        generation = self._generation
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
            if generation != self._generation or self.state.closed:
                return
            self.loading = False
            self.info = info
            remember_folder(_FOLDER_KEY, path)
            self.wiz.preview_model.set_file(info.header, info.rows)
            self.detected.setText(self._describe(info))
            self.notices.setText("\n".join(info.notices))
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
            if generation != self._generation or self.state.closed:
                return
            self.loading = False
            self.detected.setText("")
            self._update_view()
            self.completeChanged.emit()
            if _is_bug(exc):
                raise exc
            self.error.show_message(str(exc))
            self.load_failed.emit(str(exc))

        self.ctx.run_in_background(lambda: read_file_info(path, sheet), done, failed)

    def _describe(self, info: FileInfo) -> str:
        if info.kind == "xlsx":
            where = self.tr("Excel workbook, sheet '{0}'").format(info.sheet) if info.sheet else self.tr(
                "Excel workbook")
        else:
            delimiter = _DELIMITERS.get(info.delimiter or "", repr(info.delimiter))
            encoding = _ENCODINGS.get(info.encoding or "", info.encoding or "")
            where = self.tr("CSV, {0}-separated, {1} text").format(self.tr(delimiter), encoding)
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


def _folder(ctx: AppContext) -> Path:
    return start_folder(_FOLDER_KEY, ctx.ws.path)


# =============================================================================== 2. Columns
#: (field, label, required for long, required for wide); shown in two columns.
_FIELDS_LEFT = (
    ("opportunity_id", "Opportunity id", True, True),
    ("stage", "Stage", True, False),
    ("timestamp", "Stage change time", True, False),
    ("opportunity_name", "Opportunity name", False, False),
    ("opened_at", "Created date", False, False),
    ("closed_at", "Close date", False, False),
    ("outcome", "Outcome (open/won/lost)", False, False),
)
_FIELDS_RIGHT = (
    ("rep", "Owner / rep", False, False),
    ("rep_email", "Rep e-mail", False, False),
    ("team", "Team", False, False),
    ("amount", "Amount", False, False),
    ("loss_reason", "Loss reason", False, False),
    ("channel", "Channel / lead source", False, False),
)
FIELDS = tuple(f[0] for f in _FIELDS_LEFT + _FIELDS_RIGHT)
_LONG_ONLY = ("stage", "timestamp")
_DATE_FIELDS = ("timestamp", "opened_at", "closed_at")
#: Mapping fields the form does not show; a preset may still set them (kept, and listed).
_HIDDEN_COLUMNS = ("source_column", "stage_position", "evidence_confirmed", "evidence_items")
_HIDDEN_LABELS = {"source_column": "source", "stage_position": "stage position",
                  "evidence_confirmed": "evidence confirmed", "evidence_items": "evidence items"}
_DATE_ENTERED = re.compile(r"^\s*date\s+entered\s*[:\-]?\s*[\"“”']?(.+?)[\"“”']?\s*$", re.IGNORECASE)


@dataclass
class DateFinding:
    """What the preview says about the date order (Qt-free)."""

    ambiguous: tuple[int, str, str] | None = None  # (row, column, both readings) of the first ambiguous date
    dayfirst_only: tuple[int, str, str] | None = None  # (row, column, value) readable only day first
    monthfirst_only: tuple[int, str, str] | None = None


def date_finding(info: FileInfo, columns: list[str]) -> DateFinding:
    """Look at the preview's dates in ``columns``: is any ambiguous, and which order can each be?"""
    found = DateFinding()
    index = {name: i for i, name in enumerate(info.header)}
    wanted = [(index[c], c) for c in dict.fromkeys(columns) if c in index]
    for number, cells in info.rows:
        for i, column in wanted:
            value = cells[i].strip() if i < len(cells) else ""
            if not value:
                continue
            try:
                parse_when(value, None)
            except AmbiguousDate as exc:
                if found.ambiguous is None:
                    found.ambiguous = (number, column, exc.readings)
                continue
            except BadValue:
                pass
            ok = {}
            for order in (DAYFIRST, MONTHFIRST):
                try:
                    parse_when(value, order)
                    ok[order] = True
                except BadValue:
                    ok[order] = False
            if ok[DAYFIRST] and not ok[MONTHFIRST] and found.dayfirst_only is None:
                found.dayfirst_only = (number, column, value)
            elif ok[MONTHFIRST] and not ok[DAYFIRST] and found.monthfirst_only is None:
                found.monthfirst_only = (number, column, value)
    return found


class ColumnsPage(_Page):
    """Which column holds what; presets; the date order."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Say which column of the file holds what. The guess from the column names is "
                                 "filled in; * marks what an import needs."))
        self._base = Mapping()
        self._file_key: tuple[str, str | None] | None = None
        self._applying = False
        self.finding = DateFinding()
        layout = QVBoxLayout(self)
        layout.setSpacing(6)

        # presets
        top = QHBoxLayout()
        preset_label = QLabel(self.tr("&Preset:"))
        self.preset_combo = QComboBox()
        self.preset_combo.setMinimumContentsLength(16)
        self.preset_combo.setToolTip(self.tr("Load a saved mapping (the built-in 'pdsa-desk' reads pdsa-desk's own "
                                             "events file)"))
        self.preset_combo.activated.connect(self._preset_chosen)
        preset_label.setBuddy(self.preset_combo)
        self.save_preset_button = QPushButton(self.tr("Save as p&reset…"))
        self.save_preset_button.setToolTip(self.tr("Remember this mapping under a name, for the next export"))
        self.save_preset_button.clicked.connect(lambda: self.save_preset())
        self.delete_preset_button = QPushButton(self.tr("&Delete preset"))
        self.delete_preset_button.clicked.connect(lambda: self.delete_preset())
        top.addWidget(preset_label)
        top.addWidget(self.preset_combo)
        top.addWidget(self.save_preset_button)
        top.addWidget(self.delete_preset_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.preset_error = ErrorLabel()
        layout.addWidget(self.preset_error)

        # shape
        shape_row = QHBoxLayout()
        shape_row.addWidget(QLabel(self.tr("Shape:")))
        self.long_radio = QRadioButton(self.tr("&Long — one row per stage change"))
        self.long_radio.setToolTip(self.tr("A stage history report: opportunity, stage, when it was entered"))
        self.wide_radio = QRadioButton(self.tr("&Wide — one row per opportunity, a date column per stage"))
        self.wide_radio.setToolTip(self.tr("A deal export with 'Date entered <stage>' columns (HubSpot)"))
        self.shape_group = QButtonGroup(self)
        self.shape_group.addButton(self.long_radio)
        self.shape_group.addButton(self.wide_radio)
        self.long_radio.setChecked(True)
        self.long_radio.toggled.connect(self._shape_changed)
        shape_row.addWidget(self.long_radio)
        shape_row.addWidget(self.wide_radio)
        shape_row.addStretch(1)
        layout.addLayout(shape_row)

        # the columns
        self.combos: dict[str, QComboBox] = {}
        self._labels: dict[str, QLabel] = {}
        self._forms: dict[str, QFormLayout] = {}
        grid = QHBoxLayout()
        for fields_ in (_FIELDS_LEFT, _FIELDS_RIGHT):
            form = QFormLayout()
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for name, text, _long, _wide in fields_:
                combo = QComboBox()
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                combo.setMinimumContentsLength(14)
                combo.setAccessibleName(self.tr(text))
                combo.currentIndexChanged.connect(self._changed)
                label = QLabel(self.tr(text) + ":")
                label.setBuddy(combo)
                self.combos[name] = combo
                self._labels[name] = label
                self._forms[name] = form
                form.addRow(label, combo)
            grid.addLayout(form, 1)
        layout.addLayout(grid)

        # source and date order
        more = QGridLayout()
        more.setColumnStretch(1, 1)
        more.setColumnStretch(3, 1)
        source_label = QLabel(self.tr("&Source name:"))
        self.source_edit = QLineEdit()
        self.source_edit.setPlaceholderText("import")
        self.source_edit.setToolTip(self.tr("Opportunities are matched by source and id: use the same name (e.g. "
                                            "the CRM's) for every export from the same CRM"))
        self.source_edit.textChanged.connect(self._changed)
        source_label.setBuddy(self.source_edit)
        date_label = QLabel(self.tr("Date &order:"))
        self.date_combo = QComboBox()
        self.date_combo.addItem(self.tr("Auto — refuse dates that could be read either way"), None)
        self.date_combo.addItem(self.tr("Day first — 31/12/2026"), DAYFIRST)
        self.date_combo.addItem(self.tr("Month first — 12/31/2026"), MONTHFIRST)
        self.date_combo.setToolTip(self.tr("How to read dates like 03/04/2026. ISO dates (2026-04-03) never depend "
                                           "on it."))
        self.date_combo.currentIndexChanged.connect(self._changed)
        date_label.setBuddy(self.date_combo)
        more.addWidget(source_label, 0, 0)
        more.addWidget(self.source_edit, 0, 1)
        more.addWidget(date_label, 0, 2)
        more.addWidget(self.date_combo, 0, 3)
        layout.addLayout(more)
        self.date_note = _status_label()
        layout.addWidget(self.date_note)
        self.hidden_note = _status_label()
        layout.addWidget(self.hidden_note)
        self.missing_label = _status_label()
        layout.addWidget(self.missing_label)

        # preview / stage date columns
        self.tabs = QTabWidget()
        self.preview = _preview_view(wizard.preview_model)
        self.tabs.addTab(self.preview, self.tr("Preview"))
        stage_tab = QWidget()
        sl = QVBoxLayout(stage_tab)
        sl.setContentsMargins(4, 4, 4, 4)
        note = QLabel(self.tr("Tick each column that holds the date an opportunity entered a stage, and name the "
                              "stage (as the CRM calls it)."))
        note.setWordWrap(True)
        sl.addWidget(note)
        self.stage_dates = QTableWidget(0, 2)
        self.stage_dates.setHorizontalHeaderLabels([self.tr("Column of the file"), self.tr("CRM stage name")])
        self.stage_dates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.stage_dates.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.stage_dates.verticalHeader().hide()
        self.stage_dates.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.stage_dates.setAccessibleName(self.tr("Stage date columns"))
        self.stage_dates.itemChanged.connect(self._stage_date_changed)
        sl.addWidget(self.stage_dates)
        self.stage_tab_index = self.tabs.addTab(stage_tab, self.tr("Stage date columns"))
        layout.addWidget(self.tabs, 1)
        self._refresh_presets()

    # ---- set-up -------------------------------------------------------------------------------
    @property
    def header(self) -> list[str]:
        info = self.wiz.file_page.info
        return info.header if info is not None else []

    def initializePage(self) -> None:  # noqa: N802
        info = self.wiz.file_page.info
        if info is None or info.key == self._file_key:
            self._changed()
            return
        self._file_key = info.key
        self._refresh_presets()
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("— not in this file —"), None)
            for column in info.header:
                if column:
                    combo.addItem(column, column)
            combo.blockSignals(False)
        guess = guess_mapping(info.header)
        self.apply_mapping(guess)

    def apply_mapping(self, mapping: Mapping) -> list[str]:
        """Fill the form from ``mapping``; returns the columns it names that this file does not have."""
        self._applying = True
        absent: list[str] = []
        try:
            self._base = dataclasses.replace(mapping, stage_dates=dict(mapping.stage_dates),
                                             stages=dict(mapping.stages),
                                             outcome_values=dict(mapping.outcome_values))
            header = self.header
            folded = {c.casefold(): c for c in reversed(header) if c}
            (self.wide_radio if mapping.shape == WIDE else self.long_radio).setChecked(True)
            for name, combo in self.combos.items():
                column = getattr(mapping, name)
                found = None
                if column:
                    found = column if column in header else folded.get(column.casefold())
                    if found is None:
                        absent.append(column)
                combo.setCurrentIndex(max(0, combo.findData(found)) if found else 0)
            self.source_edit.setText(mapping.source or "")
            self.date_combo.setCurrentIndex(max(0, self.date_combo.findData(mapping.date_order)))
            stage_dates = {(k.casefold()): v for k, v in mapping.stage_dates.items()}
            self.stage_dates.blockSignals(True)
            self.stage_dates.setRowCount(0)
            # the ticked columns first (in file order), then the others
            ordered = sorted((c for c in header if c), key=lambda c: c.casefold() not in stage_dates)
            for column in ordered:
                row = self.stage_dates.rowCount()
                self.stage_dates.insertRow(row)
                item = QTableWidgetItem(column)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                stage = stage_dates.get(column.casefold())
                item.setCheckState(Qt.CheckState.Checked if stage else Qt.CheckState.Unchecked)
                self.stage_dates.setItem(row, 0, item)
                self.stage_dates.setItem(row, 1, QTableWidgetItem(stage or ""))
            for column in mapping.stage_dates:
                if column.casefold() not in {c.casefold() for c in header}:
                    absent.append(column)
            self.stage_dates.blockSignals(False)
        finally:
            self._applying = False
        self._shape_changed()
        if absent:
            self.preset_error.show_message(self.tr("These columns are not in this file: {0}. Choose others.").format(
                ", ".join(absent)))
        else:
            self.preset_error.clear_message()
        return absent

    # ---- reading the form ---------------------------------------------------------------------
    def _stage_date_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            name = self.stage_dates.item(item.row(), 1)
            if name is not None:
                self.stage_dates.blockSignals(True)
                if item.checkState() == Qt.CheckState.Checked and not name.text().strip():
                    m = _DATE_ENTERED.match(item.text())
                    name.setText(m.group(1).strip() if m else item.text())
                elif item.checkState() != Qt.CheckState.Checked:
                    name.setText("")
                self.stage_dates.blockSignals(False)
        self._changed()

    def set_stage_date_column(self, column: str, stage: str | None) -> None:
        """Tick ``column`` as the date entered ``stage`` (None: untick it)."""
        for row in range(self.stage_dates.rowCount()):
            item = self.stage_dates.item(row, 0)
            if item is not None and item.text() == column:
                if stage:
                    self.stage_dates.item(row, 1).setText(stage)
                item.setCheckState(Qt.CheckState.Checked if stage else Qt.CheckState.Unchecked)
                return
        raise KeyError(column)

    def shape(self) -> str:
        return WIDE if self.wide_radio.isChecked() else LONG

    def stage_date_columns(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.stage_dates.rowCount()):
            item = self.stage_dates.item(row, 0)
            name = self.stage_dates.item(row, 1)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out[item.text()] = (name.text().strip() if name is not None else "") or item.text()
        return out

    def mapping(self) -> Mapping:
        """The mapping as the form shows it (plus what a preset set that the form does not show)."""
        base = self._base
        shape = self.shape()
        values: dict[str, Any] = {name: combo.currentData() for name, combo in self.combos.items()}
        if shape == WIDE:
            values.update(stage=None, timestamp=None)
        outcome_values = dict(base.outcome_values) if values["outcome"] == base.outcome else {}
        source = self.source_edit.text().strip() or None
        return dataclasses.replace(
            base, shape=shape, **values, source=source if base.source_column is None else None,
            date_order=self.date_combo.currentData(), outcome_values=outcome_values,
            stage_dates=self.stage_date_columns() if shape == WIDE else {},
            stages=dict(base.stages), sheet=self.wiz.file_page.current_sheet() or base.sheet)

    def date_columns(self) -> list[str]:
        m = self.mapping()
        return [c for c in (getattr(m, f) for f in _DATE_FIELDS) if c] + list(m.stage_dates)

    # ---- reacting ------------------------------------------------------------------------------
    def _shape_changed(self) -> None:
        wide = self.shape() == WIDE
        for name in _LONG_ONLY:
            self._forms[name].setRowVisible(self.combos[name], not wide)
        self.tabs.setTabEnabled(self.stage_tab_index, wide)
        self.tabs.setTabText(self.stage_tab_index, self.tr("Stage date columns *") if wide else self.tr(
            "Stage date columns"))
        self.tabs.setTabToolTip(self.stage_tab_index, "" if wide else self.tr(
            "Only for wide files (one row per opportunity)"))
        self.tabs.setCurrentIndex(self.stage_tab_index if wide else 0)
        self._changed()

    def _changed(self, *_args: object) -> None:
        if self._applying:
            return
        m = self.mapping()
        for name, _text, long_required, wide_required in _FIELDS_LEFT + _FIELDS_RIGHT:
            required = long_required if m.shape == LONG else wide_required
            label = self._labels[name]
            text = self.tr(dict((f[0], f[1]) for f in _FIELDS_LEFT + _FIELDS_RIGHT)[name])
            label.setText(f"{text} *:" if required else f"{text}:")
            font = label.font()
            font.setBold(required)
            label.setFont(font)
        index = {c: i for i, c in enumerate(self.header)}
        roles: dict[int, str] = {}
        for name, column in m.columns().items():
            if column in index:
                roles.setdefault(index[column], self._field_label(name))
        for column, stage in m.stage_dates.items():
            if column in index:
                roles.setdefault(index[column], self.tr("date entered '{0}'").format(stage))
        self.wiz.preview_model.set_roles(roles)
        info = self.wiz.file_page.info
        self.finding = date_finding(info, self.date_columns()) if info is not None else DateFinding()
        self._update_date_note(m)
        hidden = [self.tr(_HIDDEN_LABELS[f]) for f in _HIDDEN_COLUMNS if getattr(m, f)]
        self.hidden_note.setText(self.tr("Also read, as the preset says: {0}.").format(", ".join(hidden))
                                 if hidden else "")
        self.hidden_note.setVisible(bool(hidden))
        self.source_edit.setEnabled(m.source_column is None)
        if m.source_column:
            self.source_edit.setToolTip(self.tr("The source is read from the column '{0}'").format(m.source_column))
        blocker = self.blocker()
        if blocker:
            self.missing_label.setText(blocker)
            self.missing_label.setStyleSheet(f"color: {error_colour().name()};")
        else:
            self.missing_label.setText(self.tr("Everything an import needs is matched."))
            self.missing_label.setStyleSheet("")
        self._update_preset_buttons()
        self.completeChanged.emit()

    def _field_label(self, name: str) -> str:
        labels = {f[0]: f[1] for f in _FIELDS_LEFT + _FIELDS_RIGHT}
        return self.tr(labels.get(name) or _HIDDEN_LABELS.get(name, name)).lower()

    def _update_date_note(self, m: Mapping) -> None:
        f = self.finding
        order = m.date_order
        warn = False
        if f.ambiguous is not None and order is None:
            row, column, readings = f.ambiguous
            text = self.tr("Row {0}, column {1}: {2}. Choose Day first or Month first — dates are never "
                           "guessed.").format(row, column, readings)
            warn = True
        elif order is None:
            text = self.tr("Auto reads ISO dates (2026-04-03), month names and dates that can only be one way "
                           "(13/04/2026). If a later row has a date like 03/04/2026, the check asks you to choose.")
        elif order == DAYFIRST:
            text = self.tr("03/04/2026 will be read as 3 April 2026.")
        else:
            text = self.tr("03/04/2026 will be read as March 4, 2026.")
        for found, which in ((f.dayfirst_only, DAYFIRST), (f.monthfirst_only, MONTHFIRST)):
            if found is not None:
                way = self.tr("day first") if which == DAYFIRST else self.tr("month first")
                text += " " + self.tr("Row {0} has '{2}' in {1}, which can only be {3}.").format(*found, way)
                if order is not None and order != which:
                    warn = True
        self.date_note.setText(text)
        self.date_note.setStyleSheet(f"color: {error_colour().name()};" if warn else "")

    def blocker(self) -> str:
        if self.wiz.file_page.info is None:
            return self.tr("Choose a file first.")
        m = self.mapping()
        missing = [self._field_label(n) if n != "stage_dates" else self.tr("stage date columns")
                   for n in m.missing()]
        if missing:
            if m.shape == WIDE and "stage_dates" in m.missing():
                return self.tr("Still needed: {0} (tick them under 'Stage date columns').").format(", ".join(missing))
            return self.tr("Still needed: {0}.").format(", ".join(missing))
        if self.finding.ambiguous is not None and m.date_order is None:
            return self.tr("Choose the date order: the file has dates that could be read either way.")
        return ""

    # ---- presets --------------------------------------------------------------------------------
    def _refresh_presets(self, select: str | None = None) -> None:
        self.preset_combo.blockSignals(True)
        self.preset_combo.clear()
        self.preset_combo.addItem(self.tr("— none —"), None)
        for name in list_presets():
            self.preset_combo.addItem(name, name)
        if select is not None:
            self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(select)))
        self.preset_combo.blockSignals(False)
        self._update_preset_buttons()

    def _update_preset_buttons(self) -> None:
        name = self.preset_combo.currentData()
        can_delete = bool(name) and name != BUILTIN_PRESET
        self.delete_preset_button.setEnabled(can_delete)
        self.delete_preset_button.setToolTip(
            self.tr("Delete the preset '{0}'").format(name) if can_delete else
            self.tr("The built-in preset cannot be deleted") if name == BUILTIN_PRESET else
            self.tr("Choose a saved preset to delete it"))
        ready = self.wiz.file_page.info is not None
        self.save_preset_button.setEnabled(ready)
        if not ready:
            self.save_preset_button.setToolTip(self.tr("Choose a file first"))

    def _preset_chosen(self) -> None:
        name = self.preset_combo.currentData()
        self._update_preset_buttons()
        if name:
            self.load_preset(name)

    def load_preset(self, name: str) -> bool:
        try:
            mapping = load_preset(name)
        except ValidationError as exc:
            self.preset_error.show_message(str(exc))
            return False
        self._refresh_presets(select=name)
        self.apply_mapping(mapping)
        return True

    def save_preset(self, name: str | None = None) -> bool:
        if name is None:
            suggested = self.preset_combo.currentData() or self.mapping().source or ""
            if suggested == BUILTIN_PRESET:
                suggested = ""
            name, ok = QInputDialog.getText(self, self.tr("Save as preset"),
                                            self.tr("Name of the preset (e.g. the CRM's name):"), text=suggested)
            if not ok or not name.strip():
                return False
        try:
            save_preset(name.strip(), self.mapping())
        except ValidationError as exc:
            self.preset_error.show_message(str(exc))
            return False
        self.preset_error.clear_message()
        self._refresh_presets(select=name.strip())
        return True

    def delete_preset(self) -> bool:
        name = self.preset_combo.currentData()
        if not name or name == BUILTIN_PRESET:
            return False
        answer = QMessageBox.question(self, self.tr("Delete preset"),
                                      self.tr("Delete the preset '{0}'?").format(name))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete_preset(name)
        except ValidationError as exc:
            self.preset_error.show_message(str(exc))
            return False
        self._refresh_presets()
        return True


# =============================================================================== 3. Stages
CHOOSE, CREATE, CREATE_WON, IGNORE = "choose", "create", "create-won", "ignore"
_LOST = re.compile(r"\blost\b", re.IGNORECASE)
_WON = re.compile(r"\bwon\b", re.IGNORECASE)


def _stage_key(m: Mapping) -> str:
    """What the scan depends on."""
    return repr((m.shape, m.stage, sorted(m.stage_dates.items()), m.stage_position, m.sheet, m.header_row,
                 m.encoding, m.delimiter))


class StagesPage(_Page):
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
        self.runner = _Runner(self.ctx, self.state)
        self.runner.relay.progress.connect(self._progress)
        self.progress_row = _ProgressRow(self.tr("Cancel &reading"))
        self.progress_row.cancel_button.setToolTip(self.tr("Stop reading the file (nothing is written either way)"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        self.status = _status_label()
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
        self.hint = _status_label()
        self.hint.setText(self.tr("Tip: 'Closed lost' is usually ignored — the outcome column already says an "
                                  "opportunity was lost. A won stage marks opportunities that enter it as won."))
        layout.addWidget(self.hint)
        self.missing_label = _status_label()
        layout.addWidget(self.missing_label)

    def initializePage(self) -> None:  # noqa: N802
        info = self.wiz.file_page.info
        mapping = self.wiz.columns_page.mapping()
        key = (str(info.path) if info else "", _stage_key(mapping))
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
            if _is_bug(exc):
                raise exc
            self.error.show_message(str(exc) + "\n" + self.tr("Go back to change the file or the columns."))
            self.scan_failed.emit(str(exc))

        self.runner.start(lambda progress, cancel: scan(path, mapping, ws, progress=progress, cancel=cancel),
                          done, failed)

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
        self._key = (str(info.path) if info else "", _stage_key(mapping))
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
            rows_item = QTableWidgetItem(f"{scanned.rows:,}")
            rows_item.setData(Qt.ItemDataRole.UserRole, scanned.rows)
            rows_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, rows_item)
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
            choice = self._choices.get(scanned.name)
            if choice is None:
                listed, target = preset.get(scanned.name)
                if listed:
                    if target is None:
                        choice = IGNORE
                    elif isinstance(target, CreateStage):
                        choice = CREATE_WON if target.terminal == "won" else CREATE
                    elif target.casefold() in by_key or target in by_key:
                        choice = "stage:" + (by_key.get(target) or by_key[target.casefold()])
            if choice is None:
                if scanned.workspace_stage_id:
                    choice = "stage:" + scanned.workspace_stage_id
                elif _LOST.search(scanned.name):
                    choice = IGNORE
                elif create_mode:
                    choice = CREATE_WON if _WON.search(scanned.name) else CREATE
                else:
                    choice = CHOOSE
            combo.setCurrentIndex(max(0, combo.findData(choice)))
            combo.currentIndexChanged.connect(lambda _i, n=scanned.name, c=combo: self._chosen(n, c))
            self.combos[scanned.name] = combo
            self.table.setCellWidget(row, 2, combo)
        self.table.resizeRowsToContents()
        self._update()

    def _chosen(self, name: str, combo: QComboBox) -> None:
        self._choices[name] = combo.currentData()
        self._update()

    def _update(self) -> None:
        result = self.result
        if result is not None:
            matched = sum(1 for s in result.stages if s.workspace_stage is not None)
            if not result.stages:
                self.status.setText(self.tr("No stage names found in the file ({0} rows).").format(
                    f"{result.rows:,}"))
            else:
                self.status.setText(self.tr("{0} stage name(s) in {1} rows: {2} match a stage of this workspace by "
                                            "name, {3} do not (in bold).").format(
                    len(result.stages), f"{result.rows:,}", matched, len(result.stages) - matched))
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
        targets: dict[str, Any] = {}
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
            return self.tr("Choose what to do with: {0}.").format(_names(open_))
        return ""


# =============================================================================== 4. Check
class CheckPage(_Page):
    """A dry run: what would be added, updated and rejected — or what is wrong."""

    checked = Signal()

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Every row is read and checked; nothing is written yet."))
        self.setCommitPage(True)
        self.runner = _Runner(self.ctx, self.state)
        self.runner.relay.progress.connect(self._progress)
        self.result: ImportResult | None = None
        self.problems: ImportProblems | None = None
        self.ambiguous = False
        self.outcome = ""  # "", "result", "problems", "cancelled", "error"
        layout = QVBoxLayout(self)
        self.progress_row = _ProgressRow(self.tr("Cancel &check"))
        self.progress_row.cancel_button.setToolTip(self.tr("Stop checking (nothing is written either way)"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.progress_row)
        self.headline = _headline()
        layout.addWidget(self.headline)
        self.summary = _status_label()
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
        self.missing_label = _status_label()
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

        self.runner.start(work, self._done, self._failed)
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
        lines += [self.tr("Note: {0}").format(n) for n in result.notices]
        self.summary.setText("\n".join(lines))
        self.skip_check.setEnabled(True)
        self.headline.setText(self.tr("Some rows have problems.") if result.problems else self.tr(
            "Ready to import — nothing has been written yet."))
        if result.problems:
            shown = [str(p) for p in result.problems]
            self._list(shown, self.tr("{0} row(s) have problems — nothing is imported unless you skip them "
                                      "(first {1} problems listed):").format(f"{result.rows_rejected:,}", len(shown)))
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
                lines, hints = _ambiguity_lines(exc)
                self.summary.setText(" ".join([self.tr(
                    "Some dates could be read either way (day first or month first). Choose how to read them; the "
                    "check then runs again.")] + hints))
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
                self._list(exc.lines(), self.tr("{0} problem(s):").format(f"{exc.total:,}"))
            for notice in exc.notices:
                self.summary.setText(self.summary.text() + "\n" + self.tr("Note: {0}").format(notice))
        else:
            self.outcome = "error"
            self._update()
            if _is_bug(exc):
                raise exc
            self.error.show_message(str(exc))
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


# =============================================================================== 5. Import
class ImportPage(_Page):
    """The import itself, in one transaction: cancel writes nothing."""

    imported = Signal(object)  # ImportResult
    stopped = Signal(str)  # "cancelled", "problems" or "error"

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("Everything is written in one step at the end: cancelling writes nothing."))
        self.setFinalPage(True)
        self.runner = _Runner(self.ctx, self.state)
        self.runner.relay.progress.connect(self._progress)
        self.result: ImportResult | None = None
        self.outcome = ""  # "", "imported", "cancelled", "problems", "error"
        layout = QVBoxLayout(self)
        self.progress_row = _ProgressRow(self.tr("&Cancel import"))
        self.progress_row.cancel_button.setToolTip(self.tr("Stop the import; nothing is written"))
        self.progress_row.cancel_button.clicked.connect(self.cancel)
        self.status = _headline()
        layout.addWidget(self.status)
        layout.addWidget(self.progress_row)
        self.summary = _status_label()
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

        # An import that lands after the wizard was closed still changed the workspace: tell the views.
        self.runner.start(work, self._done, self._failed, after_close=lambda _result: ctx.notify_changed())
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
        lines += [self.tr("Note: {0}").format(n) for n in result.notices]
        self.summary.setText("\n".join(lines))
        if result.problems:
            self.problem_list.addItems([str(p) for p in result.problems])
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
            self.problem_list.addItems(exc.lines())
            self.list_title.setText(self.tr("Problems:"))
            self.list_title.show()
            self.problem_list.show()
        else:
            self.outcome = "error"
            self.status.setText(self.tr("Not imported: nothing was written."))
            self.summary.setText("")
            self.again_button.show()
            self.completeChanged.emit()
            if _is_bug(exc):
                raise exc
            self.error.show_message(str(exc))
        self.completeChanged.emit()
        self.stopped.emit(self.outcome)

    def blocker(self) -> str:
        if self.running:
            return self.tr("Importing…")
        return ""


# =============================================================================== the wizard
class ImportWizard(QWizard):
    """Import from CRM export… — File, Columns, Stages, Check, Import."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, path: str | Path | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.state = _State()
        self.setWindowTitle(self.tr("Import from CRM export"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.preview_model = PreviewModel(self)
        self.file_page = FilePage(self)
        self.columns_page = ColumnsPage(self)
        self.stages_page = StagesPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.columns_page, self.stages_page, self.check_page, self.import_page):
            self.addPage(page)
            page.completeChanged.connect(self._explain_buttons)
            page.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.currentIdChanged.connect(self._explain_buttons)
        self.setMinimumSize(820, 600)
        self.resize(1000, 700)
        if path:
            self.file_page.set_path(path)

    def _explain_buttons(self, *_args: object) -> None:
        page = self.currentPage()
        if not isinstance(page, _Page):
            return
        reason = page.blocker()
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton,
                      QWizard.WizardButton.FinishButton):
            button = self.button(which)
            if button is not None:
                button.setToolTip(reason)

    @property
    def busy(self) -> bool:
        return self.check_page.running or self.import_page.running or self.stages_page.scanning or \
            self.file_page.loading

    def reject(self) -> None:
        if self.import_page.running:  # keep the window until the import has stopped: then it says so
            self.import_page.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.state.closed = True
        if self.state.cancel is not None:
            self.state.cancel.set()
        super().done(result)

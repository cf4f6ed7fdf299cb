"""File-menu dialogs for team use across offline laptops: send work, merge colleagues' work, send standards.

Each dialog takes ``(ctx, parent)``; the work runs on the context's worker thread
(:meth:`AppContext.run_in_background`) and the dialog reports when it is done through
its signals, which the tests wait for. The rules (what a bundle holds, how merging
decides) live in :mod:`pdsa_desk.core.exchange`.

"Merge a colleague's work…" (:class:`MergeWorkDialog`) lives in :mod:`pdsa_desk.ui.merge_dialog` and is found
here too.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import exchange, services
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.exchange import BundleHeader
from pdsa_desk.ui import formatting, i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.widgets import ErrorLabel, remember_folder, start_folder

FILE_FILTER = str(QT_TRANSLATE_NOOP("", "pdsa-desk bundles (*.pdsa);;All files (*)"))  # tr() where shown
_FOLDER_KEY = "exchange/folder"


def folder(ctx: AppContext) -> Path:
    """Where the bundle file dialogs start."""
    return start_folder(_FOLDER_KEY, ctx.ws.path)


def remember_bundle_folder(path: Path) -> None:
    remember_folder(_FOLDER_KEY, path)


def _safe_file_name(text: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in " -_." else "-" for c in text).strip(" .")
    return cleaned or "workspace"


# --- export: "Send my work…" and "Send standards to the team…" --------------------------------


class _ExportDialog(QDialog):
    """Choose a file and write a bundle; says what was written and to whom to send it."""

    exported = Signal(object)  # BundleHeader
    failed = Signal(str)

    definitions_only = False

    suffix = "work"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.header: BundleHeader | None = None
        self.setWindowTitle(self._title())
        layout = QVBoxLayout(self)
        text = QLabel(self._intro())
        text.setWordWrap(True)
        layout.addWidget(text)

        form = QFormLayout()
        row = QHBoxLayout()
        name = _safe_file_name(services.get_settings(ctx.ws).name)
        default = folder(ctx) / f"{name} {self.suffix} {date.today():%Y-%m-%d}{exchange.BUNDLE_SUFFIX}"
        self.path_edit = QLineEdit(str(default))
        self.path_edit.setAccessibleName(self.tr("Bundle file"))
        self.browse_button = QPushButton(self.tr("&Browse…"))
        self.browse_button.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        label = QLabel(self.tr("&File:"))
        label.setBuddy(self.path_edit)
        form.addRow(label, row)
        self.path_error = ErrorLabel()
        form.addRow("", self.path_error)
        self._add_options(form)
        layout.addLayout(form)

        self.written = QLabel()  # not `result`: that is QDialog.result()
        self.written.setWordWrap(True)
        self.written.hide()
        layout.addWidget(self.written)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        self.write_button.setText(self.tr("&Write file"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    @property
    def write_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def _title(self) -> str:
        raise NotImplementedError

    def _intro(self) -> str:
        raise NotImplementedError

    def _add_options(self, form: QFormLayout) -> None:
        """Extra options (Send my work: only recent changes)."""

    def since(self) -> date | None:
        return None

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path_edit.text(), tr(FILE_FILTER))
        if path:
            self.path_edit.setText(path)

    def target(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix else path.with_suffix(exchange.BUNDLE_SUFFIX)

    def accept(self) -> None:  # keeps the dialog open to show what was written
        for label in (self.path_error, self.error):
            label.clear_message()
        self.written.hide()
        path = self.target()
        if path is None:
            self.path_error.show_message(self.tr("Choose a file to write."))
            return
        self.write_button.setEnabled(False)
        ws, since, definitions_only = self.ctx.ws, self.since(), self.definitions_only
        self.ctx.run_in_background(
            lambda: exchange.export_bundle(ws, path, since=since, definitions_only=definitions_only),
            lambda header: self._done(path, header),
            self._failed,
        )

    def _done(self, path: Path, header: BundleHeader) -> None:
        self.write_button.setEnabled(True)
        self.header = header
        remember_bundle_folder(path)
        self.written.setText(self._written_text(path, header))
        self.written.show()
        self.exported.emit(header)

    def _written_text(self, path: Path, header: BundleHeader) -> str:
        return self.tr("Wrote {0}: {1}.").format(path.name, i18n.text(header.describe()))

    def _failed(self, exc: BaseException) -> None:
        self.write_button.setEnabled(True)
        if not isinstance(exc, (PdsaError, OSError)):
            raise exc
        self.error.show_message(i18n.text(str(exc)))
        self.failed.emit(str(exc))


class SendWorkDialog(_ExportDialog):
    """File → "Send my work…": this workspace's work as one file for the manager to merge."""

    def _title(self) -> str:
        return self.tr("Send my work")

    def _intro(self) -> str:
        return self.tr("Writes your work — opportunities, board moves, PDSA cycles and observations, with the "
                       "stages, reps and tactics they use — to one file. Send it to your manager (e-mail, USB "
                       "stick, shared folder), who merges it with File → Merge a colleague's work.")

    def _add_options(self, form: QFormLayout) -> None:
        row = QHBoxLayout()
        self.since_check = QCheckBox(self.tr("Only what changed since"))
        self.since_date = QDateEdit()
        self.since_date.setCalendarPopup(True)
        self.since_date.setDisplayFormat(formatting.date_edit_format())
        week_ago = date.today() - timedelta(days=7)
        self.since_date.setDate(QDate(week_ago.year, week_ago.month, week_ago.day))
        self.since_date.setEnabled(False)
        self.since_check.toggled.connect(self.since_date.setEnabled)
        row.addWidget(self.since_check)
        row.addWidget(self.since_date)
        row.addStretch(1)
        form.addRow(self.tr("Changes:"), row)
        hint = QLabel(self.tr("Leave unticked to send everything: merging what your manager already has "
                              "changes nothing there."))
        hint.setWordWrap(True)
        form.addRow("", hint)

    def since(self) -> date | None:
        if not self.since_check.isChecked():
            return None
        d = self.since_date.date()
        return date(d.year(), d.month(), d.day())


class SendStandardsDialog(_ExportDialog):
    """File → "Send standards to the team…": the definitions every rep's laptop should share."""

    definitions_only = True
    suffix = "standards"

    def _title(self) -> str:
        return self.tr("Send standards to the team")

    def _intro(self) -> str:
        return self.tr("Writes the team's standards — stages with their standard revisions, tactics, loss "
                       "reasons, teams and reps, and the workspace settings (currency, time zone, week start, "
                       "windows and caps; not the name) — to one file, without any opportunities or cycles. Each "
                       "rep merges it with File → Merge a colleague's work, so that every laptop has the same "
                       "stages, reps, tactics and settings. A new order of the stages is adopted on their laptops.")

    def _written_text(self, path: Path, header: BundleHeader) -> str:
        counts = header.row_counts
        return self.tr("Wrote {0}: {1} stages, {2} tactics, {3} loss reasons, {4} teams, {5} reps. "
                       "Send it to every rep.").format(path.name, counts.get("stage", 0), counts.get("tactic", 0),
                                                       counts.get("loss_reason", 0), counts.get("team", 0),
                                                       counts.get("rep", 0))


def __getattr__(name: str) -> Any:  # the merge dialog has a module of its own (size); still found here
    if name == "MergeWorkDialog":
        from pdsa_desk.ui.merge_dialog import MergeWorkDialog

        return MergeWorkDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

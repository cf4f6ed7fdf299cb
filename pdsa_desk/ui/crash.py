"""Unexpected errors: log them, and show a dialog with a copyable traceback instead of vanishing.

Errors written for the user (:class:`~pdsa_desk.core.errors.PdsaError`, and database errors that got past
the core, see :func:`~pdsa_desk.core.errors.plain_message`) are said in a plain message instead. A busy
workspace asks "Retry?" before that (:func:`retry_when_busy`, the workspace's ``busy_handler``). Passwords
are masked in the log file and in everything shown.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk import __version__, paths
from pdsa_desk.core.errors import PdsaError, WorkspaceBusy, plain_message
from pdsa_desk.core.secrets import mask_passwords
from pdsa_desk.ui import i18n

log = logging.getLogger("pdsa_desk")


class MaskingFormatter(logging.Formatter):
    """Log lines (and the tracebacks in them) with every password masked."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_passwords(super().format(record))


def setup_logging(directory: Path | None = None) -> Path:
    """Log to a rotating file in the user log dir; returns its path."""
    directory = directory or paths.log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    logfile = directory / "pdsa-desk.log"
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == logfile for h in root.handlers):
        handler = RotatingFileHandler(logfile, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return logfile


def ask_retry(parent: QWidget | None, message: str) -> bool:
    """Ask whether to try a busy action again (tests replace this); True for Retry."""
    box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("crash", "Workspace busy"), message,
                      QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel, parent)
    box.setDefaultButton(QMessageBox.StandardButton.Retry)
    box.setInformativeText(QApplication.translate(
        "crash", "Retry waits for it again. Cancel leaves your edit unsaved; what you typed stays where it is."))
    return box.exec() == QMessageBox.StandardButton.Retry


def retry_when_busy(exc: WorkspaceBusy) -> bool:
    """A workspace's ``busy_handler`` in the GUI: on the GUI thread, ask "Retry?" (the action waits for the
    lock again); elsewhere (background work, whose caller reports the error) do not ask."""
    app = QApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return False
    retry = ask_retry(QApplication.activeWindow(), i18n.text(str(exc)))
    exc.acknowledged = not retry  # Cancel: the user has been told; the excepthook need not say it again
    return retry


class CrashDialog(QDialog):
    """Tells the user something went wrong, with the details to copy into a bug report."""

    def __init__(self, details: str, logfile: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("pdsa-desk hit a problem"))
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        where = self.tr(" It was also written to {0}.").format(logfile) if logfile else ""
        intro = QLabel(
            self.tr("Something unexpected happened. Your saved work is safe: every change is saved "
                    "as one transaction, and the one that failed was not saved.") + where
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(self.tr("&Copy details"))
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details.toPlainText()))
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


class _Relay(QObject):
    """Carries exceptions from any thread to the GUI thread."""

    raised = Signal(str)
    refused = Signal(str)


class CrashHandler:
    """Installs ``sys.excepthook`` and ``threading.excepthook``."""

    def __init__(self, logfile: Path | None) -> None:
        self.logfile = logfile
        self.relay = _Relay()
        self.relay.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.relay.refused.connect(self._tell, Qt.ConnectionType.QueuedConnection)
        self.messages_shown = 0
        self.dialogs_shown = 0
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def excepthook(self, etype: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            QApplication.quit()
            return
        message = plain_message(value)
        if message is not None:
            # Written for the user (a lost server connection, a busy or full workspace, a refused edit
            # that a view did not catch): say it plainly. Nothing was saved, and the form still holds
            # what was typed. A busy workspace whose "Retry?" was answered Cancel is not said twice.
            if isinstance(value, PdsaError):
                log.warning("Refused: %s", value)
            else:
                log.warning("Database error told as %r:\n%s", message,
                            "".join(traceback.format_exception(etype, value, tb)))
            if not getattr(value, "acknowledged", False):
                self.relay.refused.emit(mask_passwords(i18n.text(message)))
            return
        text = mask_passwords("".join(traceback.format_exception(etype, value, tb)))
        log.error("Unhandled exception (pdsa-desk %s):\n%s", __version__, text)
        self.relay.raised.emit(f"pdsa-desk {__version__}\n\n{text}")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.excepthook(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _tell(self, message: str) -> None:
        self.messages_shown += 1
        box = QMessageBox(QMessageBox.Icon.Warning, QApplication.translate("crash", "Not saved"), message,
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _show(self, details: str) -> None:
        self.dialogs_shown += 1
        dialog = CrashDialog(details, self.logfile, QApplication.activeWindow())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

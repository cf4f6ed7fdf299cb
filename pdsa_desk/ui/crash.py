"""Unexpected errors: log them, and show a dialog with a copyable traceback instead of vanishing."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
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

log = logging.getLogger("pdsa_desk")


def setup_logging(directory: Path | None = None) -> Path:
    """Log to a rotating file in the user log dir; returns its path."""
    directory = directory or paths.log_dir()
    directory.mkdir(parents=True, exist_ok=True)
    logfile = directory / "pdsa-desk.log"
    root = logging.getLogger()
    if not any(isinstance(h, RotatingFileHandler) and Path(h.baseFilename) == logfile for h in root.handlers):
        handler = RotatingFileHandler(logfile, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return logfile


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
        from pdsa_desk.core.errors import PdsaError

        if isinstance(value, PdsaError):
            # Written for the user (a lost server connection, a refused edit that a view did not
            # catch): say it plainly. Nothing was saved, and the form still holds what was typed.
            log.warning("Refused: %s", value)
            self.relay.refused.emit(str(value))
            return
        text = "".join(traceback.format_exception(etype, value, tb))
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

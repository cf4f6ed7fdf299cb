"""File → "Connect to team database…": host, port, database, user, password.

The password is used for this session and, when the user ticks "Remember
password in the system keyring", stored there (service ``pdsa-desk``, user
``user@host:port/db``) — never in QSettings or logs. Recent workspaces are
remembered in QSettings *without* a password (:func:`remember_recent`).

"Test connection" and "Connect" run off the GUI thread (a server that does not
answer takes up to the connect timeout); the dialog stays responsive and shows
the outcome under the form. After ``exec()`` returns Accepted, :attr:`ConnectDialog.workspace`
is the open (migrated) workspace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import make_url

from pdsa_desk.core import secrets
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.ui import i18n
from pdsa_desk.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

RECENT_KEY = "workspaces/recent"
RECENT_MAX = 10
DEFAULT_PORT = 5432


# --- recent workspaces (QSettings, never with a password) ---------------------------------


def recent_workspaces() -> list[str]:
    """Recently opened workspaces (file paths or password-less URLs), newest first."""
    value = QSettings().value(RECENT_KEY, [])
    if isinstance(value, str):  # QSettings returns a lone string for a one-item list
        value = [value]
    if not isinstance(value, list):  # None: nothing saved yet
        return []
    return [str(v) for v in value if v]


def remember_recent(path_or_url: str) -> None:
    """Put a workspace first in the recent list; a URL is stored without its password."""
    entry = secrets.strip_password(path_or_url) if "://" in str(path_or_url) else str(path_or_url)
    items = [entry, *(r for r in recent_workspaces() if r != entry)][:RECENT_MAX]
    QSettings().setValue(RECENT_KEY, items)


def recent_server_urls() -> list[str]:
    return [r for r in recent_workspaces() if "://" in r and not r.startswith("sqlite")]


# --- the dialog ---------------------------------------------------------------------------


class ConnectDialog(QDialog):
    """Connection details of a team database; Connect opens it (see module docstring)."""

    def __init__(self, parent: QWidget | None = None, *, url: str | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to team database"))
        self.setMinimumWidth(440)
        self.workspace: Workspace | None = None
        self._tasks = TaskRunner(self)  # its own worker: there is no window (and no AppContext) yet
        self._tasks.running_changed.connect(lambda _running: self._update_buttons())

        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit()
        self.database.setPlaceholderText("sales")
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox(self.tr("Remember password in the system keyring"))
        usable, why_not = secrets.keyring_status()
        if not usable:
            self.remember.setEnabled(False)
            self.remember.setToolTip(i18n.text(why_not) + " " + self.tr("You will be asked for it each session."))

        form = QFormLayout()
        form.addRow(self.tr("&Host:"), self.host)
        form.addRow(self.tr("&Port:"), self.port)
        form.addRow(self.tr("&Database:"), self.database)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("Pass&word:"), self.password)
        form.addRow("", self.remember)

        self.status = QLabel(message)
        self.status.setWordWrap(True)
        self.status.setObjectName("connect-status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.test_button = QPushButton(self.tr("&Test connection"))
        self.connect_button = QPushButton(self.tr("&Connect"))
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.test_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.test_button.clicked.connect(self.test_connection)
        self.connect_button.clicked.connect(self.connect_to_database)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        for edit in (self.host, self.database, self.user):
            edit.textChanged.connect(self._update_buttons)
        self.fill_from_url(url or next(iter(recent_server_urls()), None))
        self._update_buttons()

    # --- fields <-> URL ---------------------------------------------------------------------

    def fill_from_url(self, url: str | None) -> None:
        """Show a (password-less) URL's parts; a password remembered for it is filled in."""
        if not url:
            return
        sa_url = make_url(url)
        self.host.setText(sa_url.host or "")
        self.port.setValue(sa_url.port or DEFAULT_PORT)
        self.database.setText(sa_url.database or "")
        self.user.setText(sa_url.username or "")
        stored = sa_url.password or secrets.stored_password(sa_url)
        if stored:
            self.password.setText(str(stored))
            self.remember.setChecked(self.remember.isEnabled() and sa_url.password is None)

    def url(self) -> str:
        """The URL of the fields, without the password."""
        return secrets.server_url(
            self.host.text().strip(), self.port.value(), self.database.text().strip(), self.user.text().strip()
        )

    def _password(self) -> str | None:
        return self.password.text() or None

    def _complete(self) -> bool:
        return all(e.text().strip() for e in (self.host, self.database, self.user))

    def _update_buttons(self) -> None:
        idle = not self._tasks.busy
        self.test_button.setEnabled(idle and self._complete())
        self.connect_button.setEnabled(idle and self._complete())

    # --- actions ----------------------------------------------------------------------------

    def test_connection(self) -> None:
        """Connect once off-thread and say what was found (nothing is changed)."""
        from pdsa_desk.core.database import probe_server

        url, password = self.url(), self._password()
        self._show(self.tr("Testing the connection to {0}…").format(self.host.text().strip()))
        self._run(lambda: probe_server(url, password=password), lambda probe: self._show(probe.message))

    def connect_to_database(self) -> None:
        """Open (and if needed create or upgrade) the workspace off-thread; accept on success."""
        from pdsa_desk.core.database import open_workspace

        url, password, remember = self.url(), self._password(), self.remember.isChecked()
        self._show(self.tr("Connecting to {0}…").format(self.host.text().strip()))

        def opened(ws: Workspace) -> None:
            if self.remember.isEnabled():
                if remember and password:
                    if not secrets.store_password(url, password):
                        log.warning("The password of %s could not be remembered", secrets.keyring_username(url))
                elif not remember:
                    secrets.forget_password(url)
            remember_recent(ws.url)
            self.workspace = ws
            self.accept()

        self._run(lambda: open_workspace(url, password=password, use_keyring=password is None), opened)

    def _run(self, fn: Callable[[], Any], on_done: Callable[[Any], None]) -> None:
        def failed(exc: BaseException) -> None:
            if not isinstance(exc, PdsaError):
                log.error("Connecting to %s failed", self.url(), exc_info=exc)
            from pdsa_desk.ui.application import error_text

            self._show(error_text(exc), error=True)

        def arrived_late(result: Any) -> None:  # cancelled meanwhile: do not keep what arrived late
            if isinstance(result, Workspace):
                result.close()

        self._tasks.start(lambda _task: fn(), on_done, failed, after_close=arrived_late)  # buttons: running_changed

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status.setText(i18n.text(text))  # the core's words (a refusal, the probe's finding) in the UI's language
        self.status.setStyleSheet("color: palette(highlight);" if not error else "color: #b3261e;")

    def wait_for_background(self, msecs: int = 30000) -> bool:
        return self._tasks.wait(msecs)

    def done(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self._tasks.close()  # a connection still being made is closed when it arrives
        super().done(result)


def connect_to_team_database(
    parent: QWidget | None = None, *, url: str | None = None, message: str = ""
) -> Workspace | None:
    """Ask for the connection details and open the team database; None when cancelled."""
    dialog = ConnectDialog(parent, url=url, message=message)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.workspace
        return None
    finally:
        dialog.wait_for_background()  # its worker thread belongs to the dialog
        dialog.deleteLater()


def open_team_database_window(  # noqa: ANN201 - a MainWindow, or None
    parent: QWidget | None = None, *, url: str | None = None, message: str = ""
):
    """File → "Connect to team database…": the dialog, then a main window on the workspace.

    ``url``/``message`` prefill the dialog, e.g. after ``--db postgresql+psycopg://user@host/db``
    was refused for want of a password. Returns the new MainWindow, or None.
    """
    ws = connect_to_team_database(parent, url=url, message=message)
    if ws is None:
        return None
    from pdsa_desk.ui.application import show_main_window

    return show_main_window(ws)

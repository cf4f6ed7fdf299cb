"""Start-up sequence: names → logging → crash handler → workspace → window.

Organisation and application names are set before anything reads QSettings.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pdsa_desk import __version__, paths
from pdsa_desk.core.errors import PdsaError

log = logging.getLogger(__name__)
_windows: list[QWidget] = []  # open main windows (kept alive here)


def set_application_names() -> None:
    QCoreApplication.setOrganizationName(paths.ORG_NAME)
    QCoreApplication.setApplicationName(paths.APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)


def fresh_demo_workspace(target: Path | None = None) -> Path:
    """Write a new demo workspace (replacing the previous demo) and return its path."""
    from pdsa_desk.core.demo import write_demo

    target = target or paths.demo_workspace()
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    write_demo(target)
    return target


def show_main_window(ws):  # noqa: ANN001, ANN201 - Workspace -> MainWindow
    """A main window on an open workspace, kept alive until it is closed."""
    from pdsa_desk.ui.connect_dialog import remember_recent
    from pdsa_desk.ui.main_window import MainWindow

    if ws.backup_path is not None:
        log.info("Workspace upgraded; backup kept at %s", ws.backup_path)
    remember_recent(ws.url)  # never holds a password
    window = MainWindow(ws)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    _windows.append(window)
    window.show()
    return window


def open_window(db: str | Path, parent_for_errors: QWidget | None = None):  # noqa: ANN201 - MainWindow
    """Open a workspace in a new main window; on failure say why and return None."""
    from pdsa_desk.core.database import AuthenticationFailed, open_workspace

    try:
        ws = open_workspace(db)
    except AuthenticationFailed as exc:
        from pdsa_desk.ui.connect_dialog import open_team_database_window

        return open_team_database_window(parent_for_errors, url=str(db), message=str(exc))
    except PdsaError as exc:
        QMessageBox.critical(parent_for_errors, QCoreApplication.translate("app", "Cannot open workspace"), str(exc))
        return None
    return show_main_window(ws)


def run(db: str | None = None, demo: bool = False, quit_after_first_paint: bool = False) -> int:
    from pdsa_desk.ui.crash import CrashHandler, setup_logging

    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from pdsa_desk.ui.resources import icon

    app.setWindowIcon(icon("app"))
    logfile = setup_logging()
    crash = CrashHandler(logfile)
    crash.install()
    try:
        if demo:
            target: str | Path = fresh_demo_workspace()
        else:
            target = db or paths.default_workspace()
        window = open_window(target)
        if window is None:
            return 1
        if quit_after_first_paint:
            window.first_paint.connect(lambda: QTimer.singleShot(0, app.quit))
        return app.exec()
    finally:
        crash.uninstall()

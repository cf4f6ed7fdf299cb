"""Start-up sequence: names → logging → crash handler → window → workspace.

Organisation and application names are set before anything reads QSettings.

A workspace file is first only *peeked at* with sqlite3 (is it a workspace, is it from a newer
version, what is its name: :func:`pdsa_desk.core.database.peek_workspace_file`), and the main window
is shown with its navigation at once; SQLAlchemy is imported and the workspace opened (and migrated)
right after that first paint, then the window builds its views (:meth:`MainWindow.attach`). A window
closed before then never opens the workspace. Server databases are opened first, as before (the
connection can fail, or ask for a password).

A file already at the current schema revision (nothing will migrate it) starts loading its analysis
snapshot on the worker thread as soon as its window exists, with sqlite3 alone
(:func:`pdsa_desk.core.frames.load_analysis_file`): the load's SQL runs while the main thread imports
SQLAlchemy and builds the first view, which paints first from a few small queries (the agenda's
decisions and WIP, the board's open cards) and completes when the snapshot is there. When that first
view is the Board, its cards are read from the file with sqlite3 alone too, on the quick-read thread
(:func:`pdsa_desk.core.board.first_board_file`, :meth:`AppContext.prefetch`), and the Board is built and shows
them before SQLAlchemy is imported (its module imports the services only when an edit needs them; its input
is held back until the workspace is open, :meth:`MainWindow.show_early_view`); the workspace is opened once
they are shown. This week does the same with the first-run guide's steps and the first agenda
(:func:`pdsa_desk.core.agenda_file.first_week_file`). A file not at the head revision, and a server database,
take the normal path (the view is built after the workspace is open and reads through it).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pdsa_desk import __version__, paths
from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.memory import limit_arenas
from pdsa_desk.ui import i18n

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
    window = _keep(MainWindow(ws))
    window.show()
    return window


def _keep(window):  # noqa: ANN001, ANN202 - MainWindow
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.destroyed.connect(lambda *_: _windows.remove(window) if window in _windows else None)
    _windows.append(window)
    return window


#: ``--quit-after-first-paint``: nobody is there to click a dialog, so refusals go to stderr (see run()).
_unattended = False


def error_text(exc: BaseException) -> str:
    """An error's message in the UI's language: a core refusal carries a
    :class:`~pdsa_desk.core.messages.Message` as its one argument, which ``str(exc)`` would copy into plain
    English."""
    from pdsa_desk.ui import i18n

    if len(exc.args) == 1 and isinstance(exc.args[0], str):
        return i18n.text(exc.args[0])
    return str(exc)


def _cannot_open(parent: QWidget | None, exc: BaseException) -> None:
    from pdsa_desk.core.secrets import mask_passwords

    message = mask_passwords(error_text(exc))
    log.warning("Cannot open the workspace: %s", message)
    message = mask_passwords(i18n.text(str(exc)))  # said in the UI's language (logged in English)
    if _unattended:
        sys.stderr.write(f"pdsa-desk: {message}\n")
        return
    QMessageBox.critical(parent, QCoreApplication.translate("app", "Cannot open workspace"), message)


def show_window_then_open(db: str | Path, parent_for_errors: QWidget | None = None):  # noqa: ANN201
    """A main window on a workspace *file*, shown before the workspace is opened; None if the file cannot be
    a workspace (the user was told why). The workspace is opened by :func:`finish_opening` (``run`` and
    ``open_window`` call it right after the window's first paint)."""
    from pdsa_desk.core.database import peek_workspace_file
    from pdsa_desk.ui.main_window import MainWindow

    try:
        peek = peek_workspace_file(db)
    except PdsaError as exc:
        _cannot_open(parent_for_errors, exc)
        return None
    if peek is None:
        return None
    window = _keep(MainWindow(None, title=peek.name or "", location=str(peek.path)))
    window.pending_workspace = str(peek.path)
    window.show()
    window.pending_peek = peek  # read by _preload (see open_after_first_paint)
    return window


def _preload(window, finish: Callable[[], object]) -> bool:  # noqa: ANN001 - MainWindow
    """Start reading the analysis snapshot of a file that opening will not migrate (see the module docstring);
    on the Board, show its cards read from the file first. True when ``finish`` will be called then (after the
    cards are there), False when the caller calls it."""
    from pdsa_desk.core.schema import head_revision

    peek = getattr(window, "pending_peek", None)
    window.pending_peek = None
    if window.closing or peek is None or peek.revision is None or peek.revision != head_revision():
        return False
    path = peek.path
    early = window.current_key() in ("board", "week")
    if early:  # its first data, read and shown before SQLAlchemy is imported (see the module docstring)
        as_of = window.ctx.as_of()

        def first_board() -> object:
            from pdsa_desk.core.board import first_board_file

            return first_board_file(path, as_of=as_of)

        def first_week() -> object:
            from pdsa_desk.core.agenda_file import first_week_file

            return first_week_file(path, as_of=as_of)

        key, read = (("first_board", as_of), first_board) if window.current_key() == "board" else \
            (("first_week", as_of), first_week)
        window.ctx.prefetch(key, read, then=lambda: QTimer.singleShot(0, finish))
        window.show_early_view()
    from pdsa_desk.core.frames import load_analysis_file

    window.ctx.preload_analysis(lambda cancelled: load_analysis_file(path, cancelled=cancelled))
    return early


def open_after_first_paint(window, finish: Callable[[], object]) -> None:  # noqa: ANN001 - MainWindow
    """Right after the first paint of a window from :func:`show_window_then_open`: start reading its analysis
    snapshot on the worker thread, then ``finish()`` (which opens the workspace on this thread; on the Board, once
    the cards read from the file are shown). Both wait for the paint, so that the empty window shows before
    pandas or SQLAlchemy are imported."""

    def start() -> None:
        if not _preload(window, finish):
            QTimer.singleShot(0, finish)

    window.first_paint.connect(lambda: QTimer.singleShot(0, start))


def finish_opening(window) -> bool | None:  # noqa: ANN001 - MainWindow
    """Open the workspace of a window shown by :func:`show_window_then_open` and build its views.

    True when it is open; False when opening failed (the user was told why, the window is closed);
    None when the window was closed before (nothing is opened then)."""
    from pdsa_desk.core.database import open_workspace

    target = window.pending_workspace
    if window.closing:
        return None
    if target is None:
        return window.is_open
    window.pending_workspace = None
    try:
        ws = open_workspace(target)
    except PdsaError as exc:
        _cannot_open(window, exc)
        window.close()
        return False
    if window.closing:  # closed while the file was being opened (a migration can take a while)
        ws.close()
        return None
    if ws.backup_path is not None:
        log.info("Workspace upgraded; backup kept at %s", ws.backup_path)
    from pdsa_desk.ui.connect_dialog import remember_recent

    remember_recent(ws.url)
    window.attach(ws)
    return True


def open_window(db: str | Path, parent_for_errors: QWidget | None = None):  # noqa: ANN201 - MainWindow
    """Open a workspace in a new main window; on failure say why and return None.

    A workspace file gets its window at once and is opened right after the window's first paint
    (see the module docstring); a server database is opened first."""
    from pdsa_desk.core.connection import AuthenticationFailed
    from pdsa_desk.core.database import open_workspace

    if "://" not in str(db):
        window = show_window_then_open(db, parent_for_errors)
        if window is not None:
            open_after_first_paint(window, lambda: finish_opening(window))
        return window
    try:
        ws = open_workspace(db)
    except AuthenticationFailed as exc:
        if _unattended:  # nobody to type a password
            _cannot_open(parent_for_errors, exc)
            return None
        from pdsa_desk.ui.connect_dialog import open_team_database_window

        return open_team_database_window(parent_for_errors, url=str(db), message=error_text(exc))
    except PdsaError as exc:
        _cannot_open(parent_for_errors, exc)
        return None
    return show_main_window(ws)


def run(db: str | None = None, demo: bool = False, quit_after_first_paint: bool = False) -> int:
    """The app; the exit status is 1 when the workspace could not be opened (said in a dialog, or on stderr
    with ``quit_after_first_paint``, which never waits for a click)."""
    global _unattended  # one app per process; set for this run only
    from pdsa_desk.ui.crash import CrashHandler, setup_logging

    _unattended = quit_after_first_paint
    limit_arenas()  # before any worker allocates (core/memory.py: the peak memory at 1M events)
    set_application_names()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from pdsa_desk.ui.i18n import install_translators
    from pdsa_desk.ui.resources import icon

    install_translators()

    QApplication.setWindowIcon(icon("app"))
    logfile = setup_logging()
    crash = CrashHandler(logfile)
    crash.install()
    try:
        if demo:
            target: str | Path = fresh_demo_workspace()
        else:
            target = db or paths.default_workspace()
        if "://" in str(target):
            window = open_window(target)
            if window is None:
                return 1
            if quit_after_first_paint:
                window.first_paint.connect(lambda: QTimer.singleShot(0, app.quit))
            return app.exec()
        window = show_window_then_open(target)
        if window is None:
            return 1
        if quit_after_first_paint:  # connected first: the app quits before the workspace is opened
            window.first_paint.connect(lambda: QTimer.singleShot(0, app.quit))
        failed: list[bool] = []

        def finish() -> None:
            if finish_opening(window) is False:
                failed.append(True)
                app.quit()

        open_after_first_paint(window, finish)
        status = app.exec()
        return 1 if failed else status
    finally:
        crash.uninstall()
        _unattended = False

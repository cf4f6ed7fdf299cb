"""The main window: left navigation, one view at a time, menus, remembered geometry.

Start-up: the window can be shown before its workspace is open (``MainWindow(None, title=…,
location=…)``, then :meth:`MainWindow.attach`), so that it paints while SQLAlchemy is imported and
the file is opened (see :func:`pdsa_desk.ui.application.open_window`). Nothing here imports the
views, pandas or SQLAlchemy before then.
"""

from __future__ import annotations

import html
import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QByteArray,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk import __version__
from pdsa_desk.ui import formatting, i18n, resources
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.hold_input import HoldInput
from pdsa_desk.ui.i18n import language_menu
from pdsa_desk.ui.view_page import ViewPage
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.widgets import Banner

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace


class QuickCheckRun:
    """SQLite's quick check of a workspace file on a thread of its own (not the views' worker, which it would
    hold up); ``done(problems)`` is emitted on the GUI thread, not after :meth:`stop`."""

    def __init__(self, path: Path, done: SignalInstance) -> None:
        from pdsa_desk.core.integrity import QuickCheck

        self.check = QuickCheck(path)
        self._relay = _CheckRelay()
        self._relay.finished.connect(done)
        self._thread = threading.Thread(target=self._run, name="pdsa-quick-check", daemon=True)
        self._started = False

    def start(self) -> None:
        """Start the check (once; later calls do nothing)."""
        if not self._started:
            self._started = True
            self._thread.start()

    def _run(self) -> None:
        problems = [i18n.text(p) for p in self.check.run()]  # in the UI's language (a signal carries plain str)
        if not self.check.cancelled:
            self._relay.finished.emit(problems)

    def stop(self) -> None:
        """Interrupt the check (SQLite stops at once) and wait for its thread: none outlives the window."""
        self.check.cancel()
        if self._started:
            self._thread.join(5)


class _CheckRelay(QObject):
    finished = Signal(list)


@dataclass(frozen=True)
class ViewSpec:
    key: str
    title: str
    icon: str
    #: "module:Class" of the view, imported the first time it is shown.
    target: str


#: The smallest window every view is laid out for (tests/ui/test_layout.py checks it, 1366×768 and 1024×640):
#: a 1024×768 screen less the taskbar and title bar.
MINIMUM_SIZE = QSize(1024, 640)

VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec("week", str(QT_TRANSLATE_NOOP("MainWindow", "This week")),
             "week", "pdsa_desk.ui.views.week:WeekView"),
    ViewSpec("board", str(QT_TRANSLATE_NOOP("MainWindow", "Board")),
             "board", "pdsa_desk.ui.views.board:BoardView"),
    ViewSpec("cycles", str(QT_TRANSLATE_NOOP("MainWindow", "Cycles")),
             "cycles", "pdsa_desk.ui.views.cycles:CyclesView"),
    ViewSpec("charts", str(QT_TRANSLATE_NOOP("MainWindow", "Charts")),
             "charts", "pdsa_desk.ui.views.charts:ChartsView"),
    ViewSpec("compare", str(QT_TRANSLATE_NOOP("MainWindow", "Compare")),
             "compare", "pdsa_desk.ui.views.compare:CompareView"),
    ViewSpec("standards", str(QT_TRANSLATE_NOOP("MainWindow", "Standards")),
             "standards", "pdsa_desk.ui.views.standards:StandardsView"),
    ViewSpec("data", str(QT_TRANSLATE_NOOP("MainWindow", "Data")),
             "data", "pdsa_desk.ui.views.data:DataView"),
    ViewSpec("initiatives", str(QT_TRANSLATE_NOOP("MainWindow", "Initiatives")),
             "initiatives", "pdsa_desk.ui.views.initiatives:InitiativesView"),
    ViewSpec("forecasts", str(QT_TRANSLATE_NOOP("MainWindow", "Forecasts")),
             "forecasts", "pdsa_desk.ui.views.forecasts:ForecastsView"),
)


#: The glossary entry F1 opens in each view (a view with ``glossary_key()``, Charts, says which itself).
GLOSSARY_ENTRIES: dict[str, str] = {"week": "pdsa", "board": "wip", "cycles": "pdsa", "compare": "funnel-plot",
                                    "standards": "standard", "data": "stage"}


class MainWindow(QMainWindow):
    """One workspace, nine views (Ctrl+1 … Ctrl+9).

    ``ws`` may be None while the workspace is being opened: the window then shows its navigation,
    ``title`` and ``location``, and builds its views when :meth:`attach` gives it the workspace.
    """

    first_paint = Signal()
    #: SQLite's quick check of the workspace finished: the problems found ([] when none).
    quick_check_done = Signal(list)

    def __init__(self, ws: Workspace | None, parent: QWidget | None = None, *, title: str = "",
                 location: str = "") -> None:
        super().__init__(parent)
        # AppContext is typed for an open workspace; attach() gives it one (fixed with context.py's split)
        self.ctx = AppContext(ws, self)  # type: ignore[arg-type]
        self.pending_workspace: str | None = None  # set by application.show_window_then_open
        self._painted = False
        self._warmed = False  # see _warm_up
        self._closing = False
        self._views: dict[str, QWidget] = {}
        self._held: HoldInput | None = None  # see show_early_view
        self.setWindowIcon(resources.icon("app"))
        self.setMinimumSize(MINIMUM_SIZE)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFixedWidth(188)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { padding-top: 8px; }"
            "QListWidget#navigation::item { padding: 7px 12px; border-radius: 4px; margin: 1px 6px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
            "QListWidget#navigation::item:hover:!selected { background: palette(midlight); }"
        )
        self.nav.setAutoFillBackground(True)
        self.nav.setBackgroundRole(self.nav.palette().ColorRole.AlternateBase)
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stack = QStackedWidget()
        self._slots: list[QHBoxLayout] = []  # the layout of each view's placeholder
        for i, spec in enumerate(VIEWS):
            item = QListWidgetItem(resources.icon(spec.icon), self.tr(spec.title))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(self.tr("{0} (Ctrl+{1})").format(self.tr(spec.title), i + 1))
            self.nav.addItem(item)
            holder = ViewPage()  # views are built the first time they are shown
            slot = QHBoxLayout(holder)
            slot.setContentsMargins(0, 0, 0, 0)
            self._slots.append(slot)
            self.stack.addWidget(holder)
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # What the user must know about this workspace before working in it (hidden when all is well).
        self.read_only_banner = Banner("readOnlyBanner")
        self.damage_banner = Banner("damageBanner", warning=True)
        outer.addWidget(self.read_only_banner)
        outer.addWidget(self.damage_banner)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)
        self._quick_check: QuickCheckRun | None = None
        #: What the quick check found ([] nothing); None until it has run.
        self.quick_check_problems: list[str] | None = None

        self._build_menus()
        self._build_status_bar(location)
        self.ctx.navigate_requested.connect(self.navigate)
        self.ctx.data_changed.connect(self._update_title)  # first: the views refresh in a renamed workspace's currency
        self.ctx.data_changed.connect(self._refresh_current)
        self.ctx.data_changed.connect(self._update_title)  # the workspace's name is the title (settings, undo)
        self.ctx.busy.connect(self._set_busy)
        self.quick_check_done.connect(self._show_damage)
        if ws is not None:
            self._use_workspace(ws)
            self._update_title()
        else:
            self.setWindowTitle(self.tr("{0} — pdsa-desk").format(title) if title else "pdsa-desk")
            self.statusBar().showMessage(self.tr("Opening the workspace…"))
            # Hidden by hand: the status bar hides its widgets under a message only if they are visible already,
            # and the window is not shown yet (they would be drawn over each other).
            self.location.hide()
            for action in self._workspace_actions:
                action.setEnabled(False)
        self._restore_settings()

    def attach(self, ws: Workspace) -> None:
        """The workspace of a window shown before it was open: build the current view, enable everything."""
        self.ctx.ws = ws
        if self._held is not None:
            self._held.release()
            self._held = None
        self.statusBar().clearMessage()
        self.location.show()
        self.location.setText(str(ws.path) if ws.path is not None else ws.display_url)
        for action in self._workspace_actions:
            action.setEnabled(True)
        self._use_workspace(ws)
        self._update_title()
        self._show_row(self.nav.currentRow())

    def show_early_view(self) -> QWidget:
        """Build and refresh the current view before the workspace is open: it shows what start-up read from
        the file (the Board's cards, see ui/application.py); its input is held back until :meth:`attach`."""
        widget = self.view(self.current_key())
        self.stack.setCurrentIndex(self.nav.currentRow())
        self._held = HoldInput(widget)
        if isinstance(widget, View):
            widget.refresh()
        return widget

    def _use_workspace(self, ws: Workspace) -> None:
        """What every open workspace gets: "Retry?" when it is busy, the read-only banner (edits that
        would change it switched off), and SQLite's quick check in the background."""
        from pdsa_desk.ui.crash import retry_when_busy

        ws.busy_handler = retry_when_busy
        if ws.read_only:
            self.read_only_banner.show_text(self.tr(
                "<b>Read-only:</b> {0}. You can look, export and print reports; edits, imports and merges are "
                "switched off. To work in it, copy the workspace to a folder you can write to and open the copy."
            ).format(i18n.text(ws.read_only_reason) or self.tr("this workspace cannot be written here")))
            for action in (self.merge_action, self.undo_action, self.redo_action, self.people_action):
                action.setEnabled(False)
                self._disabled_for_read_only.append(action)
        if ws.path is not None and ws.is_sqlite:
            # Started once the first view shows its complete data (see _show_row), at the latest after
            # QUICK_CHECK_DELAY_MS: at 1M events it reads the whole 0.5 GB file (0.7 s CPU, ~3 s), which would
            # compete with the first view's load on a two-core laptop.
            self._quick_check = QuickCheckRun(ws.path, self.quick_check_done)
            QTimer.singleShot(self.QUICK_CHECK_DELAY_MS, self, self._start_quick_check)

    #: The quick check starts at the latest this long after the workspace is open (ms).
    QUICK_CHECK_DELAY_MS = 10_000

    def _start_quick_check(self) -> None:
        if self._quick_check is not None and not self._closing:
            self._quick_check.start()

    def _show_damage(self, problems: list) -> None:
        from pdsa_desk.core.integrity import latest_backup

        self.quick_check_problems = list(problems)
        if not problems or self.ctx.ws is None or self.ctx.ws.path is None:
            return
        backup = latest_backup(self.ctx.ws.path)
        where = (self.tr("the latest backup is {0}").format(backup) if backup is not None
                 else self.tr("no backup was found beside it"))
        self.damage_banner.show_text(self.tr(
            "<b>This workspace is damaged</b> (SQLite's quick check found: {0}). Stop editing it: restore the "
            "latest backup ({1}), then run <tt>pdsa-desk check --db FILE</tt> on it.").format(
                html.escape("; ".join(problems)), html.escape(where)))

    @property
    def is_open(self) -> bool:
        """Whether the workspace is open (False while a window shown early waits for it)."""
        return self.ctx.ws is not None

    @property
    def closing(self) -> bool:
        """The window was closed (or is being closed)."""
        return self._closing
    # --- construction ---------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.open_action = self._action(self.tr("&Open workspace…"), QKeySequence.StandardKey.Open, self._open_other)
        file_menu.addAction(self.open_action)
        file_menu.addAction(self._action(self.tr("&Connect to team database…"), None, self._connect_server))
        file_menu.addSeparator()
        self.settings_action = self._action(self.tr("&Workspace settings…"), QKeySequence("Ctrl+,"),
                                            self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.send_work_action = self._action(self.tr("&Send my work…"), None,
                                             lambda: self._exchange_dialog("SendWorkDialog"))
        self.merge_action = self._action(self.tr("&Merge a colleague's work…"), None,
                                         lambda: self._exchange_dialog("MergeWorkDialog"))
        self.send_standards_action = self._action(self.tr("Send s&tandards to the team…"), None,
                                                  lambda: self._exchange_dialog("SendStandardsDialog"))
        for action in (self.send_work_action, self.merge_action, self.send_standards_action):
            file_menu.addAction(action)
        self._workspace_actions = [self.settings_action, self.send_work_action, self.merge_action,
                                   self.send_standards_action]
        file_menu.addSeparator()
        quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        file_menu.addAction(quit_action)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        undo = self.ctx.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setProperty("shortcut_label", self.tr("Undo"))  # its text names the last edit
        redo = self.ctx.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        redo.setProperty("shortcut_label", self.tr("Redo"))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.undo_action, self.redo_action = undo, redo
        self._disabled_for_read_only: list[QAction] = []
        # --- records (issue 13, point 1): people and teams ---
        edit_menu.addSeparator()
        self.people_action = self._action(self.tr("&People and teams…"), QKeySequence("Ctrl+Shift+P"),
                                          self.open_people)
        edit_menu.addAction(self.people_action)
        self._workspace_actions.append(self.people_action)

        view_menu = bar.addMenu(self.tr("&View"))
        self.view_actions: list[QAction] = []
        for i, spec in enumerate(VIEWS):
            action = self._action(self.tr(spec.title), QKeySequence(f"Ctrl+{i + 1}"),
                                  lambda _=False, row=i: self.nav.setCurrentRow(row))
            view_menu.addAction(action)
            self.view_actions.append(action)
        view_menu.addSeparator()
        view_menu.addMenu(language_menu(self))

        help_menu = bar.addMenu(self.tr("&Help"))
        self.glossary_action = self._action(self.tr("&Glossary"), QKeySequence.StandardKey.HelpContents,
                                            self.open_glossary)
        help_menu.addAction(self.glossary_action)
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), QKeySequence("Ctrl+/"),
                                             self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        self._workspace_actions.append(self.shortcuts_action)  # lists the views' shortcuts: built when open
        help_menu.addSeparator()
        about = self._action(self.tr("&About pdsa-desk"), None, self._about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self._workspace_actions.append(about)
        help_menu.addAction(about)

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None, slot: Callable[..., object]
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_status_bar(self, location: str = "") -> None:
        ws = self.ctx.ws
        if ws is not None:
            location = str(ws.path) if ws.path is not None else ws.display_url
        self.location = QLabel(location)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addWidget(self.location, 1)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(160)
        self.progress.setVisible(False)
        self.statusBar().addPermanentWidget(self.progress)

    # --- views ----------------------------------------------------------------------------

    def view(self, key: str) -> QWidget:
        """The view with this key, built on first use."""
        if key not in self._views:
            row = next(i for i, s in enumerate(VIEWS) if s.key == key)
            module, cls = VIEWS[row].target.split(":")
            widget: QWidget = getattr(importlib.import_module(module), cls)(self.ctx)
            widget.setObjectName(f"view-{key}")
            self._slots[row].addWidget(widget)
            self._views[key] = widget
        return self._views[key]

    def current_key(self) -> str:
        return VIEWS[max(0, self.nav.currentRow())].key

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if not self.is_open:  # shown early: the views are built by attach()
            self.stack.setCurrentIndex(row)
            return
        widget = self.view(VIEWS[row].key)
        self.stack.setCurrentIndex(row)
        if isinstance(widget, View):
            if not self._warmed:
                widget.refreshed.connect(self._warm_up, Qt.ConnectionType.SingleShotConnection)
                widget.refreshed.connect(self._start_quick_check, Qt.ConnectionType.SingleShotConnection)
            widget.refresh()

    #: Modules the other views need, imported on the quick-read thread once the first view shows its data, so
    #: that visiting Charts, Cycles or Compare does not freeze the window while pyqtgraph is imported (0.5 s).
    WARM_MODULES = ("pdsa_desk.ui.plotting", "pdsa_desk.ui.chart_widgets", "pdsa_desk.ui.views.cycles",
                    "pdsa_desk.ui.views.charts", "pdsa_desk.ui.views.compare")

    def _warm_up(self) -> None:
        if self._warmed:
            return
        self._warmed = True
        modules = self.WARM_MODULES

        def warm() -> None:
            for name in modules:
                importlib.import_module(name)

        self.ctx.run_read(warm, lambda _result: None, lambda _exc: None)  # a failure shows when the view opens

    def navigate(self, key: str, object_id: str = "") -> None:
        row = next((i for i, s in enumerate(VIEWS) if s.key == key), None)
        if row is None:
            return
        self.nav.setCurrentRow(row)
        if not self.is_open:
            return
        widget = self.view(key)
        if object_id and isinstance(widget, View):
            widget.show_object(object_id)

    def _refresh_current(self) -> None:
        widget = self._views.get(self.current_key())
        if isinstance(widget, View):
            widget.refresh()

    # --- window state ---------------------------------------------------------------------

    def _update_title(self) -> None:
        """The window title names the workspace; amounts are shown in its currency (one small read)."""
        from pdsa_desk.core import services

        if self.ctx.ws is None:
            return
        settings = services.get_settings(self.ctx.ws)
        formatting.use_currency(settings.currency)
        self.setWindowTitle(self.tr("{0} — pdsa-desk").format(settings.name))

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)
        last = settings.value("main_window/view", "week")
        keys = [s.key for s in VIEWS]
        self.nav.setCurrentRow(keys.index(last) if last in keys else 0)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self._closing = True
        if self._quick_check is not None:
            self._quick_check.stop()
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/view", self.current_key())
        self.ctx.shutdown()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_paint.emit()

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)

    # --- actions --------------------------------------------------------------------------

    def _open_other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open workspace"), "", self.tr("pdsa-desk workspaces (*.sqlite *.pdsa *.db);;All files (*)")
        )
        if path:
            from pdsa_desk.ui.application import open_window

            open_window(path, parent_for_errors=self)

    def _connect_server(self) -> None:
        from pdsa_desk.ui.connect_dialog import open_team_database_window

        open_team_database_window(self)

    def open_settings(self) -> None:
        from pdsa_desk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self, report=lambda text: self.statusBar().showMessage(text, 8000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _exchange_dialog(self, name: str) -> None:
        from pdsa_desk.ui import exchange_dialogs

        dialog = getattr(exchange_dialogs, name)(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_glossary(self) -> None:
        """Help ▸ Glossary (F1): on the entry about what the current view shows."""
        from pdsa_desk.ui.glossary import open_glossary

        view = self._views.get(self.current_key())
        key_of = getattr(view, "glossary_key", None)
        open_glossary(self, key_of() if callable(key_of) else GLOSSARY_ENTRIES.get(self.current_key()))

    def show_shortcuts(self) -> None:
        """Every shortcut of the window, from its actions: the views are built first, so that theirs are there."""
        from pdsa_desk.ui.shortcuts import ShortcutsDialog, collect_shortcuts

        for spec in VIEWS:
            self.view(spec.key)
        titles = {spec.key: self.tr(spec.title) for spec in VIEWS}
        dialog = ShortcutsDialog(collect_shortcuts(self, titles), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def workspace_description(self) -> str:
        """The workspace as people name it: the file and its folder, or the database and its server (no URL)."""
        ws = self.ctx.ws
        if ws.path is not None:
            return self.tr("the file <b>{0}</b> in {1}").format(html.escape(ws.path.name),
                                                                 html.escape(str(ws.path.parent)))
        from sqlalchemy.engine import make_url

        return self.tr("the team database <b>{0}</b> on the server {1}").format(
            html.escape(make_url(ws.url).database or ""), html.escape(ws.server or ""))

    def open_people(self) -> None:
        """Edit ▸ People and teams…: add, rename, move, deactivate reps and teams."""
        from pdsa_desk.ui.people_dialog import PeopleDialog

        dialog = PeopleDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _about(self) -> None:
        from pdsa_desk.core import services

        QMessageBox.about(
            self,
            self.tr("About pdsa-desk"),
            self.tr("<h3>pdsa-desk {0}</h3><p>A workbench for sales teams that improve by experiment: "
                    "observable standards, Plan-Do-Study-Act cycles, and conversion charts that tell a real "
                    "improvement from noise.</p><p>Workspace “{1}”: {2}</p>").format(
                __version__, html.escape(services.get_settings(self.ctx.ws).name), self.workspace_description()),
        )


def app_icon() -> QIcon:
    return resources.icon("app")

"""What every view shares: the open workspace, the undo stack, navigation and background work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack

from pdsa_desk.core.clock import Clock
from pdsa_desk.core.database import Workspace
from pdsa_desk.ui.tasks import Latest, Task, TaskRunner


class AppContext(QObject):
    """Shared state of one main window.

    ``data_changed`` is emitted after any edit so that views showing derived
    numbers reload; ``navigate_requested(view_key, object_id)`` asks the main
    window to show a view (and, optionally, one object in it); ``busy(bool)``
    tells the window to show progress for work that lasts.
    """

    data_changed = Signal()
    navigate_requested = Signal(str, str)
    busy = Signal(bool)

    #: Progress is shown only for work that lasts longer than this (ms).
    PROGRESS_DELAY_MS = 600

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = QUndoStack(self)
        # One worker: the database is written from one thread at a time.
        self.tasks = TaskRunner(self, threads=1)
        self.tasks.running_changed.connect(self._running_changed)
        self._busy_timer = QTimer(self, singleShot=True, interval=self.PROGRESS_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.busy.emit(True))
        #: The current analysis snapshot (AnalysisData): views share it and the caches it owns.
        self._analysis = None
        self._loading: Task | None = None  # the background load of the analysis, while it runs
        self._loads = Latest()  # a load started before the last edit is not kept
        self.data_changed.connect(self._forget_analysis)
        #: One clock (core/clock.py): the "as of" instant of this refresh, for every view, the agenda, the
        #: report and the exports. Taken when the window opens and after every change, before views reload.
        self.clock = Clock()
        self.data_changed.connect(self.clock.advance)

    @property
    def pool(self) -> QThreadPool:
        return self.tasks.pool

    # --- one clock -----------------------------------------------------------------------

    def as_of(self):  # noqa: ANN201 - datetime
        """The instant every view computes its numbers as of (see :class:`pdsa_desk.core.clock.Clock`)."""
        return self.clock.as_of()

    def advance_clock(self) -> None:
        """Take a new "as of" instant (now) and reload every view with it (F5 on This week)."""
        self.clock.advance()
        self.notify_changed()

    # --- the analysis snapshot ------------------------------------------------------------

    def analysis(self):  # noqa: ANN201 - AnalysisData (pandas stays out of start-up)
        """The workspace as analysis frames, loaded once and reused until the data changes.

        Every cache derived from it (prepared arrays, scopes, chart series) lives on the snapshot, so
        dropping the snapshot after an edit drops them all. Loading is fast for normal workspaces
        (~50 ms for the demo); views that may face very large workspaces call
        :meth:`analysis_in_background` instead.
        """
        if self._analysis is None:
            from pdsa_desk.core.frames import load_analysis_data

            loading = None if self.tasks.closed else self._loading
            if loading is not None and loading.done.wait(600) and loading.error is None:
                self._analysis = loading.result  # a background load was under way: one copy, not two
            else:
                self._analysis = load_analysis_data(self.ws)
        return self._analysis

    def analysis_in_background(
        self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None
    ) -> None:
        """Call ``on_done(AnalysisData)`` on the GUI thread, loading off-thread if needed."""
        if self._analysis is not None:
            on_done(self._analysis)
            return
        from pdsa_desk.core.frames import load_analysis_data

        ticket = self._loads.begin()

        def keep(data: Any) -> None:
            if ticket.current:  # not if an edit (or a newer load) came after it started
                self._analysis = data
                self._loading = None
            on_done(data)

        def failed(exc: BaseException) -> None:
            if ticket.current:
                self._loading = None
            if on_error is None:
                raise exc
            on_error(exc)

        # Cheap to abandon: the load only reads, and stops between ranges of events once the window closes.
        closing = self.tasks.closing
        task = self.run_in_background(lambda: load_analysis_data(self.ws, cancelled=closing.is_set), keep,
                                      failed, abandon_on_close=True)
        if task is not None:
            self._loading = task

    def _forget_analysis(self) -> None:
        self._analysis = None
        self._loading = None
        self._loads.forget()

    def notify_changed(self) -> None:
        """Call after any edit: the analysis snapshot (with every cache derived from it) is dropped and views
        reload."""
        self.data_changed.emit()

    # --- background work ------------------------------------------------------------------

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        abandon_on_close: bool = False,
    ) -> Task | None:
        """Run ``fn()`` on the worker thread; call back on the GUI thread (not after :meth:`shutdown`).

        ``abandon_on_close``: ``fn`` only reads, so closing the window may drop it if it has not started.
        """
        return self.tasks.start(lambda _task: fn(), on_done, on_error, abandon_on_close=abandon_on_close)

    def run_task(
        self,
        work: Callable[[Task], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        on_progress: Callable[[float, str], None] | None = None,
        after_close: Callable[[Any], None] | None = None,
        abandon_on_close: bool = False,
    ) -> Task | None:
        """Like :meth:`run_in_background` for work that reports progress or can be cancelled: ``work(task)``
        calls ``task.report_progress(fraction, message)`` and polls ``task.cancelled()``; ``task.cancel()``
        (on the returned task) asks it to stop. See :meth:`TaskRunner.start` for ``after_close``."""
        return self.tasks.start(work, on_done, on_error, on_progress=on_progress, after_close=after_close,
                                abandon_on_close=abandon_on_close)

    def _running_changed(self, running: bool) -> None:
        if running:
            self._busy_timer.start()
        else:
            self._busy_timer.stop()
            self.busy.emit(False)

    def wait_for_background(self, msecs: int = 30000) -> bool:
        return self.tasks.wait(msecs)

    def shutdown(self, msecs: int = 30000) -> None:
        """The window is closing: start nothing new, drop late results, let running work finish.

        Read-only work is cheap to abandon: queued tasks marked ``abandon_on_close`` are dropped, and a
        running analysis load stops at its next check (``frames.load_analysis_data(cancelled=…)``: before
        the opportunities, then once per 250,000 events), so closing waits at most a few tenths of a
        second for it (0.03–0.36 s at 1M events) instead of the whole load. Writes are always waited for;
        no worker thread is left running Python when the window is gone.
        """
        self._loading = None
        self._busy_timer.stop()
        self.tasks.close()
        self.tasks.wait(msecs)

    def navigate(self, view_key: str, object_id: str = "") -> None:
        self.navigate_requested.emit(view_key, object_id)

"""What every view shares: the open workspace, the undo stack, navigation and background work."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from pdsa_desk.core.database import Workspace


class _TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], abandon_on_close: bool = False) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _TaskSignals()
        self.setAutoDelete(False)
        #: Read-only work that closing the window may drop before it starts (see AppContext.shutdown).
        self.abandon_on_close = abandon_on_close
        #: Set when ``fn`` has returned (``result``) or raised (``error``), on the worker thread.
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread, which decides
            self.error = exc
            self.done.set()
            self.signals.failed.emit(exc)
        else:
            self.result = result
            self.done.set()
            self.signals.finished.emit(result)


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
        self.pool = QThreadPool(self)
        # One worker: the database is written from one thread at a time.
        self.pool.setMaxThreadCount(1)
        self._running: set[_Task] = set()
        self._busy_timer = QTimer(self, singleShot=True, interval=self.PROGRESS_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.busy.emit(True))
        self._closed = False
        #: Set by shutdown(): long read-only work (loading the analysis) stops at its next check.
        self._cancel = threading.Event()
        self._analysis = None
        self._loading: _Task | None = None  # the background load of the analysis, while it runs
        self._generation = 0
        self.data_changed.connect(self._forget_analysis)

    # --- the analysis snapshot ------------------------------------------------------------

    def analysis(self):  # noqa: ANN201 - AnalysisData (pandas stays out of start-up)
        """The workspace as analysis frames, loaded once and reused until the data changes.

        Loading is fast for normal workspaces (~50 ms for the demo); views that may face very
        large workspaces call :meth:`analysis_in_background` instead.
        """
        if self._analysis is None:
            from pdsa_desk.core.frames import load_analysis_data

            loading = None if self._closed else self._loading
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

        generation = self._generation

        def keep(data: Any) -> None:
            if generation == self._generation:  # not if an edit landed while it loaded
                self._analysis = data
                self._loading = None
            on_done(data)

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._loading = None
            if on_error is None:
                raise exc
            on_error(exc)

        # Cheap to abandon: the load only reads, and stops between ranges of events once the window closes.
        task = self.run_in_background(lambda: load_analysis_data(self.ws, cancelled=self._cancel.is_set), keep,
                                      failed, abandon_on_close=True)
        if task is not None and generation == self._generation:
            self._loading = task

    def _forget_analysis(self) -> None:
        self._analysis = None
        self._loading = None
        self._generation += 1

    def notify_changed(self) -> None:
        """Call after any edit: cached analysis is dropped and views reload."""
        self.data_changed.emit()

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        abandon_on_close: bool = False,
    ) -> _Task | None:
        """Run ``fn`` on the worker thread; call back on the GUI thread (not after :meth:`shutdown`).

        ``abandon_on_close``: ``fn`` only reads, so closing the window may drop it if it has not started.
        """
        if self._closed:
            return None
        task = _Task(fn, abandon_on_close)
        self._running.add(task)
        if not self._busy_timer.isActive():
            self._busy_timer.start()

        @Slot(object)
        def done(result: object) -> None:
            if self._closed:  # the window is gone: nobody is waiting for this any more
                return
            self._finish(task)
            on_done(result)

        @Slot(object)
        def failed(exc: object) -> None:
            if self._closed:
                return
            self._finish(task)
            if on_error is None:
                raise exc  # type: ignore[misc]  # reaches the crash handler
            on_error(exc)  # type: ignore[arg-type]

        task.signals.finished.connect(done)
        task.signals.failed.connect(failed)
        self.pool.start(task)
        return task

    def _finish(self, task: _Task) -> None:
        self._running.discard(task)
        if not self._running:
            self._busy_timer.stop()
            self.busy.emit(False)

    def wait_for_background(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30000) -> None:
        """The window is closing: start nothing new, drop late results, let running work finish.

        Read-only work is cheap to abandon: queued tasks marked ``abandon_on_close`` are dropped, and a
        running analysis load stops at its next check (``frames.load_analysis_data(cancelled=…)``: before
        the opportunities, then once per 250,000 events), so closing waits at most a few tenths of a
        second for it (0.03–0.36 s at 1M events) instead of the whole load. Writes are always waited for;
        no worker thread is left running Python when the window is gone.
        """
        self._closed = True
        self._cancel.set()
        self._loading = None
        self._busy_timer.stop()
        for task in list(self._running):
            if task.abandon_on_close and self.pool.tryTake(task):
                self._running.discard(task)
        self.pool.waitForDone(msecs)

    def navigate(self, view_key: str, object_id: str = "") -> None:
        self.navigate_requested.emit(view_key, object_id)

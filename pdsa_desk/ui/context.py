"""What every view shares: the open workspace, the undo stack, navigation and background work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QUndoStack

from pdsa_desk.core.database import Workspace


class _TaskSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _TaskSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread, which decides
            self.signals.failed.emit(exc)
        else:
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
        self._analysis = None
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
            on_done(data)

        self.run_in_background(lambda: load_analysis_data(self.ws), keep, on_error)

    def _forget_analysis(self) -> None:
        self._analysis = None
        self._generation += 1

    def notify_changed(self) -> None:
        """Call after any edit: cached analysis is dropped and views reload."""
        self.data_changed.emit()

    def run_in_background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn`` on the worker thread; call back on the GUI thread (not after :meth:`shutdown`)."""
        if self._closed:
            return
        task = _Task(fn)
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

    def _finish(self, task: _Task) -> None:
        self._running.discard(task)
        if not self._running:
            self._busy_timer.stop()
            self.busy.emit(False)

    def wait_for_background(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)

    def shutdown(self, msecs: int = 30000) -> None:
        """The window is closing: start nothing new, drop late results, let running work finish."""
        self._closed = True
        self._busy_timer.stop()
        self.pool.waitForDone(msecs)

    def navigate(self, view_key: str, object_id: str = "") -> None:
        self.navigate_requested.emit(view_key, object_id)

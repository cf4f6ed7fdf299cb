"""Background work off the GUI thread: one task class, one runner, one way to drop stale results.

* :class:`Task` -- one call on a worker thread (a ``QRunnable``). Its result or exception, and any
  progress it reports, come back to the GUI thread as queued signals; it carries a cancel flag that the
  work reads (``task.cancelled()``) and the GUI sets (``task.cancel()``).
* :class:`TaskRunner` -- owns a thread pool and the running tasks and calls back on the GUI thread.
  After :meth:`TaskRunner.close` it starts nothing new and drops late results: read-only tasks
  (``abandon_on_close``) not started yet are dropped, running ones are asked to stop, and
  :attr:`TaskRunner.closing` tells long read-only work to stop at its next check.
  After a task that ran :data:`RELEASE_AFTER_S` or longer, the worker returns the allocator's free pages to
  the system (:func:`pdsa_desk.core.memory.release_free_memory`): long work leaves megabytes of freed arrays.
* :class:`ProcessTask` -- one call in a worker process (:mod:`pdsa_desk.core.worker_process`), for long
  pure-Python work (the import, the merge) that would otherwise take turns for the GIL with the GUI thread.
  A thread of its own reads its pipe, and a timer on the GUI thread turns its events into the same signals;
  :meth:`TaskRunner.start_process` runs one like a task (busy state, callbacks, closing).
* :class:`Latest` -- only the newest of a series of requests counts (a generation counter): a result
  that arrives after a newer request was made, or after :meth:`Latest.forget`, is dropped.

Typical use (``ctx`` is the window's :class:`~pdsa_desk.ui.context.AppContext`, which owns a runner)::

    ticket = self._loads.begin()                       # self._loads = Latest()
    ctx.run_task(lambda task: work(task.report_progress, task.cancelled),
                 ticket.guard(self._done), ticket.guard(self._failed), on_progress=self._progress)
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from pdsa_desk.core.memory import release_free_memory

if TYPE_CHECKING:  # imported where a worker process is started: not on the way to the first window
    from pdsa_desk.core.worker_process import Done, Failed, Progress, WorkerProcess

__all__ = ["RELEASE_AFTER_S", "Latest", "ProcessTask", "Task", "TaskRunner", "Ticket"]

#: A task that ran this long (s) gives the allocator's free pages back when it ends (issue #16: the peak memory).
RELEASE_AFTER_S = 0.05
#: How often a :class:`ProcessTask` reads its pipe (ms): progress shows within this, and a tick costs
#: microseconds when nothing is waiting.
PROCESS_POLL_MS = 20


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)


def _let_go(task: Task) -> None:
    """Let a task whose outcome was delivered be freed with what it holds (its result, its work's closure).

    The thread pool keeps every task it ran (a task is not auto-deleted, so that Python may still use it), and
    the task's signals object holds the slots connected to it, whose closures hold what the caller computes
    on: without this every finished task -- its work's closure, its result, the views' callbacks, and so the
    analysis snapshot each of them holds, ~80 MB at 1M events -- stayed in memory for good (issue #16, found
    tracing edit_refresh: every patched snapshot of a session was alive, so each patch wrote fresh pages).
    So the work and its outcome are dropped, and deleting the signals object drops its connections. What is
    left of the task is a few hundred bytes."""
    task.fn = _spent
    task.result = task.error = None
    _delete_signals_once_emitted(task)


def _delete_signals_once_emitted(task: Task) -> None:
    """Delete the task's signals object (on the GUI thread, where it lives) once the worker thread has returned
    from emitting its outcome. The outcome is delivered here while the worker may still be inside ``emit``:
    deleting a QObject that another thread is emitting from is undefined behaviour -- under load a
    segmentation fault (stops 22 and 23: one GUI import benchmark run in many, and a CI run). The worker sets
    ``emitted`` right after its emit returns, so this waits a few event-loop turns at most."""
    if task.emitted.is_set():
        task.signals.deleteLater()
    else:
        QTimer.singleShot(1, lambda: _delete_signals_once_emitted(task))


def _spent(_task: Task) -> Any:
    raise RuntimeError("this task has run")


class Task(QRunnable):
    """``fn(task)`` on a worker thread; the outcome is delivered by :attr:`signals` (queued)."""

    def __init__(self, fn: Callable[[Task], Any], *, abandon_on_close: bool = False) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)
        #: Read-only work that closing may drop before it starts, or ask to stop (see TaskRunner.close).
        self.abandon_on_close = abandon_on_close
        #: Set when ``fn`` has returned (``result``) or raised (``error``), on the worker thread.
        self.done = threading.Event()
        #: Set once the worker thread has returned from emitting the outcome (it no longer touches ``signals``).
        self.emitted = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Ask the work to stop (it stops only where it checks :meth:`cancelled`)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called (thread-safe: the work polls it)."""
        return self._cancel.is_set()

    def report_progress(self, fraction: float, message: str = "") -> None:
        """Called by the work on the worker thread; delivered to ``on_progress`` on the GUI thread."""
        self.signals.progress.emit(float(fraction), message)

    def run(self) -> None:
        started = time.perf_counter()
        try:
            result = self.fn(self)
        except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread, which decides
            self.error = exc
            self.done.set()
            self.signals.failed.emit(exc)
        else:
            self.result = result
            self.done.set()
            self.signals.finished.emit(result)
        finally:
            self.emitted.set()  # from here on the signals object may be deleted (see _delete_signals_once_emitted)
            if time.perf_counter() - started >= RELEASE_AFTER_S:  # after the outcome is on its way
                release_free_memory()


class ProcessTask(QObject):
    """``fn(*args, progress=…, cancel=…, **kwargs)`` in a worker process; its outcome is delivered by
    :attr:`signals` on the GUI thread, like a :class:`Task`'s.

    The pipe is read by a short thread of its own, never by the GUI thread: a message is readable as soon as its
    first bytes are, and reading a large one (a merge's preview with its clash lists) then waited for the child to
    write the rest and unpickled it on the GUI thread (stall_import at 1M: 61-64 ms with ~30 ms of the GUI thread's
    own CPU; issue #16, stop 24). A timer on the GUI thread hands on what the reader has put in its queue."""

    def __init__(self, worker: WorkerProcess, fn: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any], *, crashed: str | None = None) -> None:
        super().__init__()
        self.worker = worker
        self.signals = _Signals()
        self.abandon_on_close = False  # it writes: closing waits for it (see TaskRunner.wait)
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self._events: queue.SimpleQueue[Progress | Done | Failed] = queue.SimpleQueue()
        self._timer = QTimer(self)
        self._timer.setInterval(PROCESS_POLL_MS)
        self._timer.timeout.connect(self.poll)
        worker.submit(fn, *args, crashed=crashed, **kwargs)
        threading.Thread(target=self._read, name="pdsa-process-pipe", daemon=True).start()
        self._timer.start()

    def _read(self) -> None:
        """The reader thread: every event of the call, in order, until the last one (Done or Failed)."""
        from pdsa_desk.core.worker_process import Progress

        while True:
            event = self.worker.wait_event(None)
            if event is None:  # cannot happen while the call runs (wait_event(None) blocks); be safe
                return
            self._events.put(event)
            if not isinstance(event, Progress):
                return

    def cancel(self) -> None:
        """Ask the call to stop at its next check (its transaction rolls back)."""
        self.worker.cancel()

    def cancelled(self) -> bool:
        return self.worker.cancelled()

    def poll(self) -> None:
        """Deliver every event the reader has received (on the GUI thread; never blocks)."""
        while not self.done.is_set():
            try:
                event = self._events.get_nowait()
            except queue.Empty:
                return
            self._deliver(event)

    def _deliver(self, event: Progress | Done | Failed) -> None:
        from pdsa_desk.core.worker_process import Done, Progress

        if isinstance(event, Progress):
            self.signals.progress.emit(float(event.fraction), event.message)
            return
        self._timer.stop()
        if isinstance(event, Done):
            self.result = event.result
            self.done.set()
            self.signals.finished.emit(event.result)
        else:
            self.error = event.error
            self.done.set()
            self.signals.failed.emit(event.error)

    def wait(self, seconds: float) -> bool:
        """Block until the call has ended (delivering its events); True when it has. For closing the window
        only."""
        deadline = time.monotonic() + seconds
        while not self.done.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                event = self._events.get(timeout=min(left, 0.1))
            except queue.Empty:
                continue
            self._deliver(event)
        return True


class TaskRunner(QObject):
    """Runs :class:`Task` s on its own pool and calls back on the GUI thread until it is closed.

    ``running_changed(True)`` is emitted when the first task starts, ``running_changed(False)`` when the
    last one has ended and its outcome's callback has run (which may start the next task: then the runner stays
    busy, with no False and True in between; not after :meth:`close`).
    """

    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, *, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._running: set[Task | ProcessTask] = set()
        self._idle_announced = True  # running_changed(False) was the last said (or nothing yet)
        self.closed = False
        #: Set by :meth:`close`: long read-only work (``abandon_on_close``) stops at its next check.
        self.closing = threading.Event()

    @property
    def busy(self) -> bool:
        """Whether a task runs or a finished one's outcome is still being handed on (``running_changed``)."""
        return bool(self._running) or not (self._idle_announced or self.closed)

    def start(
        self,
        fn: Callable[[Task], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        abandon_on_close: bool = False,
        on_progress: Callable[[float, str], None] | None = None,
        after_close: Callable[[Any], None] | None = None,
    ) -> Task | None:
        """Run ``fn(task)`` on the pool; None (nothing runs) once closed.

        On the GUI thread: ``on_done(result)``, or ``on_error(exc)`` (with no ``on_error`` the exception is
        raised there, so that it reaches the crash handler), and ``on_progress(fraction, message)``. A
        result that arrives after :meth:`close` goes to ``after_close`` (e.g. to close a connection that
        nobody is waiting for any more); a late error is dropped.
        """
        if self.closed:
            return None
        task = Task(fn, abandon_on_close=abandon_on_close)
        self._track(task)

        @Slot(object)
        def finished(result: object) -> None:
            try:
                self._hand_on(task, result, on_done, after_close)
            finally:
                _let_go(task)

        @Slot(object)
        def failed(exc: object) -> None:
            try:
                if not self._finish(task):
                    return
                if on_error is None:
                    raise exc  # type: ignore[misc]  # reaches the crash handler
                on_error(exc)  # type: ignore[arg-type]
            finally:
                _let_go(task)
                self._idle_if_done()

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self._relay_progress(task, on_progress)
        self.pool.start(task)
        return task

    def start_process(
        self,
        worker: WorkerProcess,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        on_progress: Callable[[float, str], None] | None = None,
        after_close: Callable[[Any], None] | None = None,
        crashed: str | None = None,
    ) -> ProcessTask | None:
        """Like :meth:`start` for a call of ``fn`` in ``worker`` (a :class:`ProcessTask`); None once closed (the
        worker is then closed too). ``crashed``: what a child that ends without an answer is reported as."""
        if self.closed:
            worker.close()
            return None
        task = ProcessTask(worker, fn, args, kwargs, crashed=crashed)
        task.setParent(self)
        self._track(task)

        @Slot(object)
        def finished(result: object) -> None:
            task.deleteLater()
            self._hand_on(task, result, on_done, after_close)

        @Slot(object)
        def failed(exc: object) -> None:
            task.deleteLater()
            try:
                if self._finish(task):
                    on_error(exc)  # type: ignore[arg-type]  # an exception, as Task delivers it
            finally:
                self._idle_if_done()

        task.signals.finished.connect(finished)
        task.signals.failed.connect(failed)
        self._relay_progress(task, on_progress)
        return task

    def _track(self, task: Task | ProcessTask) -> None:
        """Count ``task`` as running; the first one makes the runner busy (``running_changed(True)``)."""
        first = not self._running and self._idle_announced
        self._running.add(task)
        if first:
            self._idle_announced = False
            self.running_changed.emit(True)

    def _relay_progress(self, task: Task | ProcessTask, on_progress: Callable[[float, str], None] | None) -> None:
        """Hand the task's progress to ``on_progress`` (if any) until the runner is closed."""
        if on_progress is None:
            return

        @Slot(float, str)
        def progress(fraction: float, message: str) -> None:
            if not self.closed:
                on_progress(fraction, message)

        task.signals.progress.connect(progress)

    def _finish(self, task: Task | ProcessTask) -> bool:
        """Forget a task that ended; True when its outcome is still wanted (not closed)."""
        self._running.discard(task)
        return not self.closed

    def _hand_on(self, task: Task | ProcessTask, result: object, on_done: Callable[[Any], None],
                 after_close: Callable[[Any], None] | None) -> None:
        """A finished task's result to ``on_done`` (to ``after_close`` once the runner is closed); then the runner
        may be idle."""
        try:
            if self._finish(task):
                on_done(result)
            elif after_close is not None:
                after_close(result)
        finally:
            self._idle_if_done()

    def _idle_if_done(self) -> None:
        """``running_changed(False)`` if nothing runs, once a task's outcome has been handed on: its callback
        may start the next piece of work (the Board's, after the amounts' read), and until it has run the runner
        is not idle -- announced before it, something waiting for idle (:class:`pdsa_desk.ui.edit_room.
        RoomAfterEdit`) queued ~60 ms of work in front of the Board's after the second move at 1M."""
        if not self._running and not self.closed and not self._idle_announced:
            self._idle_announced = True
            self.running_changed.emit(False)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the running work, threads and worker processes (those still running after ``msecs`` end
        with the program, their transactions rolled back)."""
        deadline = time.monotonic() + msecs / 1000
        processes = [t for t in self._running if isinstance(t, ProcessTask)]
        ended = all([t.wait(max(0.0, deadline - time.monotonic())) for t in processes])
        return self.pool.waitForDone(max(0, round((deadline - time.monotonic()) * 1000))) and ended

    def close(self) -> None:
        """Start nothing new and drop late results; drop or stop the read-only work (does not wait)."""
        self.closed = True
        self.closing.set()
        for task in list(self._running):
            if task.abandon_on_close and isinstance(task, Task):
                task.cancel()
                if self.pool.tryTake(task):
                    self._running.discard(task)


class Ticket:
    """One request of a :class:`Latest`: current until a newer request is made or the series is forgotten."""

    __slots__ = ("_generation", "_latest")

    def __init__(self, latest: Latest, generation: int) -> None:
        self._latest = latest
        self._generation = generation

    @property
    def current(self) -> bool:
        return self._generation == self._latest.generation

    def guard(self, fn: Callable[..., Any]) -> Callable[..., None]:
        """``fn``, called only while this ticket is current (a stale result is dropped)."""

        def guarded(*args: Any) -> None:
            if self.current:
                fn(*args)

        return guarded


class Latest:
    """A series of requests of which only the newest counts (see :class:`Ticket`)."""

    def __init__(self) -> None:
        self.generation = 0

    def begin(self) -> Ticket:
        """A new request: every earlier ticket is stale from now on."""
        self.generation += 1
        return Ticket(self, self.generation)

    def forget(self) -> None:
        """Drop the results of every request made so far."""
        self.generation += 1

"""What every view shares: the open workspace, the undo stack, navigation and background work."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtGui import QUndoStack

from pdsa_desk.core.clock import Clock
from pdsa_desk.core.database import Workspace
from pdsa_desk.ui.edit_room import RoomAfterEdit
from pdsa_desk.ui.kept_amounts import KeptAmounts
from pdsa_desk.ui.tasks import Latest, Task, TaskRunner

if TYPE_CHECKING:
    from pdsa_desk.core.changes import Change


class AppContext(QObject):
    """Shared state of one main window.

    ``data_changed`` is emitted after any edit so that views showing derived numbers refresh;
    ``analysis_changed(snapshot)`` when a newer analysis snapshot is current (loaded, or patched after an
    edit); ``navigate_requested(view_key, object_id)`` asks the main window to show a view (and, optionally,
    one object in it); ``busy(bool)`` tells the window to show progress for work that lasts.

    The analysis snapshot (``AnalysisData``) is never loaded on the GUI thread: views ask for it with
    :meth:`analysis_in_background`, which answers at once when the snapshot is current and otherwise when
    the load or patch under way ends. An edit announces what it changed (:meth:`notify_changed` with a
    :class:`~pdsa_desk.core.patching.Change`): the opportunities it touched are patched into the snapshot
    on the worker thread (a few milliseconds of SQL and ~50 ms of arrays at 1M events); a change the
    snapshot does not hold (a cycle, an observation) keeps it; anything else is loaded again in the
    background. Meanwhile :meth:`current_analysis` still answers with the previous snapshot, so a view can
    keep showing its numbers, marked as updating, until the new ones arrive.
    """

    data_changed = Signal()
    analysis_changed = Signal(object)
    navigate_requested = Signal(str, str)
    busy = Signal(bool)

    #: Progress is shown only for work that lasts longer than this (ms).
    PROGRESS_DELAY_MS = 600

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.undo_stack = QUndoStack(self)
        # One worker for loads, patches and long writes (an import): one long job at a time.
        self.tasks = TaskRunner(self, threads=1)
        self.tasks.running_changed.connect(self._running_changed)
        # And one for quick reads that must not wait behind a long load (the first paint of a view).
        self.reads = TaskRunner(self, threads=1)
        # And one for the user's short edits (a board move with its WIP count): written at once, not queued
        # behind the worker's load of a million events. A long write on the worker (an import) and an edit
        # meet in the database's own lock: the edit waits up to its busy timeout, then is refused as busy.
        self.edits = TaskRunner(self, threads=1)
        self._busy_timer = QTimer(self, singleShot=True, interval=self.PROGRESS_DELAY_MS)
        self._busy_timer.timeout.connect(lambda: self.busy.emit(True))
        self._snapshot = _Snapshot(self)
        self.edit_room = RoomAfterEdit(self)  # room for the next edit's patch, made at idle after an edit
        self.amounts = KeptAmounts(self)  # the Board's amounts, read again only where an edit changed them
        self._prefetched: dict[Hashable, _Prefetch] = {}  # see prefetch()
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

    def analysis_in_background(
        self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None = None
    ) -> None:
        """Call ``on_done(AnalysisData)`` on the GUI thread with a snapshot that holds every edit announced so
        far: at once when the current one does, else when the load or patch under way ends (never loading on
        the GUI thread). ``on_error(exc)`` if that fails (without it the error reaches the crash handler)."""
        self._snapshot.request(on_done, on_error)

    def current_analysis(self):  # noqa: ANN201 - AnalysisData | None (pandas stays out of start-up)
        """The latest snapshot, even one that an edit since has made outdated (None before the first load).
        Never loads: for views that keep showing the previous numbers while new ones are on their way."""
        return self._snapshot.data

    @property
    def analysis_current(self) -> bool:
        """Whether :meth:`current_analysis` holds every edit announced so far."""
        return self._snapshot.current

    def preload_analysis(self, load: Callable[[Callable[[], bool]], Any] | None = None) -> None:
        """Start loading the snapshot now if it is not current (e.g. at start-up, before a view asks).

        ``load(cancelled)`` replaces the usual ``load_analysis_data(ctx.ws, cancelled=…)``: start-up reads
        the workspace file with sqlite3 alone while SQLAlchemy is still being imported."""
        self._snapshot.start(load)

    def notify_changed(self, change: Change | None = None) -> None:
        """Call after any edit, saying what it changed (default: anything). The snapshot is patched, kept or
        loaded again in the background (see the class docstring), then views refresh (``data_changed``)."""
        from pdsa_desk.core.changes import Change

        change = Change.everything() if change is None else change
        self._snapshot.changed(change)
        self.amounts.changed(change)
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

    def run_read(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> Task | None:
        """Like :meth:`run_in_background` for a quick read-only query that should not queue behind the worker's
        long tasks (a load of a million events): it runs on a second thread."""
        return self.reads.start(lambda _task: fn(), on_done, on_error, abandon_on_close=True)

    def prefetch(self, key: Hashable, fn: Callable[[], Any], then: Callable[[], None] | None = None) -> None:
        """Start now, on the quick-read thread, a read that the first view will ask for with :meth:`read_first`
        under the same ``key`` (start-up reads the first board from the file before SQLAlchemy is imported;
        the key holds the "as of" instant, so a view asking as of another instant reads again). ``then()``
        is called on the GUI thread once it has ended (after a waiting view got its result), also when it
        failed; never after :meth:`shutdown`."""
        entry = _Prefetch(then)
        self._prefetched[key] = entry
        self.run_read(fn, lambda value: entry.finished(True, value), lambda exc: entry.finished(False, exc))

    def read_first(self, key: Hashable, fn: Callable[[], Any], on_done: Callable[[Any], None],
                   on_error: Callable[[BaseException], None] | None = None) -> None:
        """:meth:`run_read` of ``fn``, unless :meth:`prefetch` started this read under ``key``: then its result
        (once; a prefetched read that failed is read again by ``fn``, which says why if it fails too). Any
        other prefetched read is dropped: only the first view asks."""
        entry = self._prefetched.pop(key, None)
        self._prefetched.clear()
        if entry is None:
            self.run_read(fn, on_done, on_error)
            return

        def deliver(ok: bool, value: Any) -> None:
            if ok:
                on_done(value)
            else:
                self.run_read(fn, on_done, on_error)

        entry.then(deliver)

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

    def run_edit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None] | None = None) -> Task | None:
        """Run a short write ``fn()`` (one user action, one transaction) on the edits thread; call back on the GUI
        thread. Never abandoned: closing the window waits for it.

        Meanwhile a short thread faults in the room the snapshot's patch will write into (the write is mostly the
        database's work, which leaves the other core free; see :func:`pdsa_desk.core.patching.reserve_room`)."""
        self.expect_edit()
        return self.edits.start(lambda _task: fn(), on_done, on_error)

    def expect_edit(self) -> None:
        """An edit is coming (e.g. a Move dialog was opened): fault in the room its patch will write into now, on a
        short thread, while the user decides (none is made when the room is there already)."""
        data = self._snapshot.data
        if data is not None:
            from pdsa_desk.core.patching import reserve_room

            threading.Thread(target=reserve_room, args=(data,), name="pdsa-reserve-room", daemon=True).start()

    def wait_for_background(self, msecs: int = 30000) -> bool:
        return self.tasks.wait(msecs) and self.reads.wait(msecs) and self.edits.wait(msecs)

    def shutdown(self, msecs: int = 30000) -> None:
        """The window is closing: start nothing new, drop late results, let running work finish.

        Read-only work is cheap to abandon: queued tasks marked ``abandon_on_close`` are dropped, and a
        running analysis load stops at its next check (``frames.load_analysis_data(cancelled=…)``: before
        the opportunities, then once per 250,000 events), so closing waits at most a few tenths of a
        second for it (0.03–0.36 s at 1M events) instead of the whole load. Writes are always waited for;
        no worker thread is left running Python when the window is gone.
        """
        self._snapshot.close()
        self._busy_timer.stop()
        self.tasks.close()
        self.reads.close()
        self.edits.close()
        self.edits.wait(msecs)
        self.tasks.wait(msecs)
        self.reads.wait(msecs)

    def navigate(self, view_key: str, object_id: str = "") -> None:
        self.navigate_requested.emit(view_key, object_id)


class _Prefetch:
    """The outcome of one prefetched read (see :meth:`AppContext.prefetch`), kept until a view asks for it."""

    def __init__(self, then: Callable[[], None] | None) -> None:
        self.outcome: tuple[bool, Any] | None = None
        self.waiter: Callable[[bool, Any], None] | None = None
        self.then_done = then

    def finished(self, ok: bool, value: Any) -> None:
        waiter, self.waiter = self.waiter, None
        if waiter is not None:
            waiter(ok, value)
        else:
            self.outcome = (ok, value)
        if self.then_done is not None:
            self.then_done()

    def then(self, waiter: Callable[[bool, Any], None]) -> None:
        if self.outcome is not None:
            waiter(*self.outcome)
        else:
            self.waiter = waiter


class _Snapshot:
    """The analysis snapshot of one :class:`AppContext` and the one job (load or patch) that updates it.

    ``pending`` is what changed since the snapshot and no job covers yet: a set of opportunity ids, or
    None for "anything" (a load). At most one job runs; when it ends, the next one starts if more changed
    meanwhile, and the snapshot is announced (``analysis_changed``) and handed to whoever waits once it
    holds every change.
    """

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.data: Any = None
        self.pending: set[str] | None = None
        self.job: Task | None = None
        self.job_is_load = False
        self.jobs = Latest()
        self.waiting: list[tuple[Callable[[Any], None], Callable[[BaseException], None] | None]] = []
        self.closed = False

    @property
    def current(self) -> bool:
        return self.data is not None and self.pending == set() and self.job is None

    def request(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None] | None) -> None:
        if self.current:
            on_done(self.data)
            return
        self.waiting.append((on_done, on_error))
        self.start()

    def changed(self, change: Change) -> None:
        if not change.touches_snapshot or (self.data is None and self.job is None):
            return  # nothing it holds, or nothing loaded yet (the first load reads it all)
        if change.all or self.pending is None:
            self.pending = None
            if self.job is not None and self.job_is_load:
                self.job.cancel()  # it may have read the rows before the edit: load again
                self.jobs.forget()
                self.job = None
        else:
            self.pending |= change.opportunities
        self.start()

    def start(self, load: Callable[[Callable[[], bool]], Any] | None = None) -> None:
        """Start the job the snapshot needs, unless one runs (its end starts the next)."""
        if self.job is not None or self.closed or self.current:
            return
        ticket = self.jobs.begin()
        if self.data is None or self.pending is None:
            from pdsa_desk.core.frames import load_analysis_data

            ws, closing = self.ctx.ws, self.ctx.tasks.closing
            self.pending, self.job_is_load = set(), True

            def load_work(task: Task) -> Any:
                def cancelled() -> bool:
                    return task.cancelled() or closing.is_set()

                return load(cancelled) if load is not None else load_analysis_data(ws, cancelled=cancelled)

            work: Callable[[Task], Any] = load_work
        else:
            from pdsa_desk.core.patching import patch_analysis

            data, ids, ws = self.data, set(self.pending), self.ctx.ws
            self.pending, self.job_is_load = set(), False

            def patch_work(_task: Task) -> Any:
                return patch_analysis(ws, data, ids)

            work = patch_work

        self.job = self.ctx.tasks.start(work, ticket.guard(self._done), ticket.guard(self._failed),
                                        abandon_on_close=True)  # it only reads

    def _done(self, data: Any) -> None:
        self.job, patched = None, not self.job_is_load
        if data is None:  # a patch that takes a load (an opportunity was deleted)
            self.pending = None
        else:
            self.data = data
        if not self.current:
            self.start()
            return
        from pdsa_desk.core.gc_pause import keep_out_of_collections

        keep_out_of_collections()  # full collections stop walking the snapshot (see its docstring)
        self.ctx.analysis_changed.emit(data)
        waiting, self.waiting = self.waiting, []
        for on_done, _on_error in waiting:
            on_done(data)
        if patched:
            self.ctx.edit_room.patched(data)

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self.pending = None  # what the job was to bring in is read by the next load
        waiting, self.waiting = self.waiting, []
        for _on_done, on_error in waiting:
            if on_error is None:
                raise exc
            on_error(exc)

    def close(self) -> None:
        self.closed = True
        self.jobs.forget()
        self.job = None
        self.waiting.clear()

"""The wizard's work off the GUI thread (opening the file, the scan, the check, the import).

Two ways, one interface (:class:`Runner`):

* **A worker process** for the scan, the check and the import of a file of :data:`PROCESS_MIN_BYTES` or more
  (:mod:`pdsa_desk.core.worker_process`): the work has a GIL of its own, so the GUI thread never waits for
  its turn (on a thread, a million-row import stalled the window for up to 1.35 s on a loaded two-core
  machine: issue #16). The child opens the workspace by its address, runs the importer's public entry
  point and sends progress, the result or the error (with its rows and columns) back; Cancel sets a flag
  it reads once per chunk, and a child that dies is reported ("stopped unexpectedly; nothing was
  written"). A *spare* worker is started as soon as a large file is chosen, and again after each step, so
  that the next step does not wait for a child's start-up (0.5–1.5 s: SQLAlchemy, NumPy, the importer).
* **The context's worker thread** (:meth:`AppContext.run_task`) for smaller files, an in-memory workspace
  and opening the file: below the size rule the check or the import takes about as long as a child's
  start-up (the demo-sized 2.5 MB file: 0.2–0.4 s each on the thread; 1.1–1.5 s in a newly started child,
  0.45–0.67 s in a spare one), so a child would only make the user wait longer, and the thread's stalls
  stay short (at 16,000 rows, 4 MB: the work's own CPU in the GUI thread's longest gap ≤ 31 ms). Progress is
  queued to the GUI thread and the cancel flag is read once per chunk, as before.

A result that comes too late (newer work was started, or the page was left) is dropped by
:class:`~pdsa_desk.ui.tasks.Latest`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard.common import WizardState, core_text, is_bug
from pdsa_desk.ui.tasks import Latest, ProcessTask, Task

#: Files at least this big are scanned, checked and imported in a worker process (about 16,000 rows of
#: pdsa-desk's own events file; see the module docstring for why smaller ones stay on the thread).
PROCESS_MIN_BYTES = 4_000_000


def wants_process(path: Path | None) -> bool:
    """True when a file is big enough for a worker process (:data:`PROCESS_MIN_BYTES`)."""
    try:
        return path is not None and path.stat().st_size >= PROCESS_MIN_BYTES
    except OSError:
        return False  # the work itself says what is wrong with the file


@dataclass
class Job:
    """The same work as a call for a worker process: ``fn(address, *args, progress=…, cancel=…, **kwargs)``
    (a top-level function of :mod:`pdsa_desk.core.worker_jobs`); ``crashed``: what a child that dies says."""

    fn: Callable[..., Any]
    path: Path
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    crashed: str = ""


class Runner(QObject):
    """One importer call at a time: ``work(progress, cancelled)`` with progress on :attr:`progress`."""

    #: (fraction, message) of the running call: emitted on the worker thread (queued to receivers on the GUI
    #: thread, so a direct connection can cancel at an exact step), or on the GUI thread for a worker process;
    #: nothing once the wizard is closed.
    progress = Signal(float, str)

    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self.task: Task | ProcessTask | None = None
        self.running = False
        self._latest = Latest()

    @property
    def in_process(self) -> bool:
        """The running (or last) call runs in a worker process."""
        return isinstance(self.task, ProcessTask)

    def start(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], Any],
              on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
              after_close: Callable[[Any], None] | None = None, *, job: Job | None = None,
              last_step: bool = False) -> None:
        """Run ``work(progress, cancelled)`` — or ``job`` in a worker process when its file is big enough (see
        the module docstring); ``after_close(result)`` runs instead of ``on_done`` once closed. A spare worker
        is started when a step in one ends, unless it was the ``last_step``."""
        ticket = self._latest.begin()
        state = self.state
        self.running = True

        def progress(fraction: float, message: str) -> None:  # on the worker thread: Qt queues it to the GUI
            if ticket.current and not state.closed:
                self.progress.emit(fraction, core_text(message))  # translate() is thread-safe

        def done(result: Any) -> None:
            if not ticket.current:
                return
            self.running = False
            if not state.closed:
                if self.in_process and not last_step:
                    state.warm()  # for the next step
                on_done(result)
            elif after_close is not None:
                after_close(result)

        def failed(exc: BaseException) -> None:
            if not ticket.current:
                return
            self.running = False
            if not state.closed:
                on_error(exc)
            elif is_bug(exc):
                raise exc

        address = _address(self.ctx) if job is not None and wants_process(job.path) else None
        if job is not None and address is not None:
            self.task = self.ctx.tasks.start_process(
                state.take_worker(), job.fn, (address, *job.args), job.kwargs, done, failed, on_progress=progress,
                crashed=job.crashed or None)
        else:
            self.task = self.ctx.run_task(lambda task: work(progress, task.cancelled), done, failed)
        state.cancel = self.task
        if self.task is None:  # the window is closing: nothing runs
            self.running = False

    def request_cancel(self) -> None:
        """Ask the running call to stop (thread-safe: may be called from the worker's progress callback)."""
        if self.task is not None:
            self.task.cancel()

    def forget(self) -> None:
        """Drop the running call's result (the page was left); ask it to stop."""
        self.request_cancel()
        self._latest.forget()
        self.running = False


def _address(ctx: AppContext) -> Any:
    from pdsa_desk.core.worker_jobs import WorkspaceAddress

    return WorkspaceAddress.of(ctx.ws)

"""The wizard's work on the context's worker pool (opening the file, the scan, the check, the import).

The wizard uses the window's one background-task helper (:mod:`pdsa_desk.ui.tasks`): work runs as a
:class:`~pdsa_desk.ui.tasks.Task` started by :meth:`AppContext.run_task`, whose progress Qt queues to the GUI
thread and whose cancel flag the importer reads once per chunk; a result that comes too late (newer work was
started, or the page was left) is dropped by :class:`~pdsa_desk.ui.tasks.Latest`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard.common import WizardState, core_text, is_bug
from pdsa_desk.ui.tasks import Latest, Task


class Runner(QObject):
    """One importer call at a time: ``work(progress, cancelled)`` with progress on :attr:`progress`."""

    #: (fraction, message) of the running call, emitted on the worker thread (queued to receivers on the GUI
    #: thread, so a direct connection can cancel at an exact step); nothing once the wizard is closed.
    progress = Signal(float, str)

    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        super().__init__()
        self.ctx = ctx
        self.state = state
        self.task: Task | None = None
        self.running = False
        self._latest = Latest()

    def start(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], Any],
              on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
              after_close: Callable[[Any], None] | None = None) -> None:
        """Run ``work(progress, cancelled)``; ``after_close(result)`` runs instead of ``on_done`` once closed."""
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

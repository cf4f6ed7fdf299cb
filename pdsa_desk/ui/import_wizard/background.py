"""The wizard's work on the context's worker thread (opening the file, the scan, the check, the import).

Every "drop a result that came too late" rule of the wizard is here: :class:`Generations` (a result counts
only while no newer work was started) and :class:`Runner` (one importer call at a time, with progress and
cancel). The importer's ``progress`` callback runs on the worker thread: it only emits
:attr:`ProgressRelay.progress`, which Qt queues to the GUI thread. Cancel sets a :class:`threading.Event`
that the importer's ``cancel`` callable reads once per chunk.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.import_wizard.common import WizardState, is_bug


class ProgressRelay(QObject):
    """Carries the importer's progress from the worker thread to the GUI thread (queued signal)."""

    progress = Signal(float, str)


class Generations:
    """Which started work is still wanted: only the latest; :meth:`drop` makes every earlier one stale."""

    def __init__(self) -> None:
        self._latest = 0

    def start(self) -> int:
        """A new piece of work: returns its generation (earlier ones are stale from now on)."""
        self._latest += 1
        return self._latest

    def drop(self) -> None:
        self._latest += 1

    def is_current(self, generation: int) -> bool:
        return generation == self._latest


class Runner:
    """One importer call at a time on the context's worker: progress by signal, cancel by Event."""

    def __init__(self, ctx: AppContext, state: WizardState) -> None:
        self.ctx = ctx
        self.state = state
        self.relay = ProgressRelay()
        self.cancel = threading.Event()
        self.running = False
        self._generations = Generations()

    def start(self, work: Callable[[Callable[[float, str], None], Callable[[], bool]], Any],
              on_done: Callable[[Any], None], on_error: Callable[[BaseException], None],
              after_close: Callable[[Any], None] | None = None) -> None:
        """Run ``work(progress, cancel)``; ``after_close(result)`` runs instead of ``on_done`` once closed."""
        generation = self._generations.start()
        self.cancel = cancel = threading.Event()
        self.state.cancel = cancel
        self.running = True
        relay = self.relay
        state = self.state

        def progress(fraction: float, message: str) -> None:  # on the worker thread
            if not state.closed:
                relay.progress.emit(fraction, message)

        def done(result: Any) -> None:
            if not self._generations.is_current(generation):
                return
            self.running = False
            if not state.closed:
                on_done(result)
            elif after_close is not None:
                after_close(result)

        def failed(exc: BaseException) -> None:
            if not self._generations.is_current(generation):
                return
            self.running = False
            if not state.closed:
                on_error(exc)
            elif is_bug(exc):
                raise exc

        self.ctx.run_in_background(lambda: work(progress, cancel.is_set), done, failed)

    def request_cancel(self) -> None:
        """Ask the running import to stop (thread-safe: may be called from the worker's progress callback)."""
        self.cancel.set()

    def forget(self) -> None:
        """Drop the running call's result (the page was left); ask it to stop."""
        self.cancel.set()
        self._generations.drop()
        self.running = False

"""Room for the next edit's patch, made once the views have shown the last one (issue #16, the board move at 1M).

A board move patches the analysis snapshot into pooled buffers (:mod:`pdsa_desk.core.spare_arrays`) that no reader
holds. Right after a load the hidden views still hold the loaded snapshot, and the shown ones the current one, so
the first edits find no free room: the patch waits for fresh pages (~70 MB at 1M events), which
:func:`~pdsa_desk.core.patching.reserve_room` faults in beside the edit's write -- on the clock of the edit the
user is waiting for (measured at 1M: the second move after a load 4,700 faults, 200-600 ms for the reserve
against ~50 ms of write, and a patch that waited for it).

:class:`RoomAfterEdit` makes that room after an edit instead, once the snapshot it patched is current and every
runner is idle (the views have their numbers), on the worker: so the next move writes into ready pages. It runs
only after an edit (a patch), never after a load: a session that only looks at the data keeps no spare room
(peak memory after visiting the views is unchanged). The pool keeps at most
:data:`~pdsa_desk.core.spare_arrays.FREE_BYTES` of free room, as before; once two generations exist (the
current snapshot's and a free one) a reserve finds the room and makes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from pdsa_desk.ui.context import AppContext


class RoomAfterEdit(QObject):
    """Reserve the next patch's room at idle after an edit's snapshot is delivered (see the module docstring)."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._wanted: Any = None  # the patched snapshot whose next patch wants room (dropped when superseded)
        #: How many reserves were started (for tests and traces).
        self.started = 0
        # Not the edits runner: when an edit's write ends, its snapshot is still the one before it (the patch is
        # announced in the write's callback, after the runner went idle).
        for runner in (ctx.tasks, ctx.reads):
            runner.running_changed.connect(self._idle)

    def patched(self, data: Any) -> None:
        """``data``, the result of a patch, is now the current snapshot (called after the views that waited for
        it have queued their work: the Board's on the same worker, which therefore comes first)."""
        self._wanted = data
        self._maybe_start()

    def _idle(self, running: bool) -> None:
        if not running:
            self._maybe_start()

    def _maybe_start(self) -> None:
        data, ctx = self._wanted, self.ctx
        if data is None:
            return
        if not ctx.analysis_current or ctx.current_analysis() is not data:
            if ctx.analysis_current:
                self._wanted = None  # superseded (loaded again): the next patch announces itself
            return
        if ctx.tasks.busy or ctx.reads.busy or ctx.edits.busy:
            return  # the views are still at work: when the last runner goes idle
        self._wanted = None
        from pdsa_desk.core.patching import reserve_room

        self.started += 1
        ctx.tasks.start(lambda _task: reserve_room(data), lambda _made: None, lambda _exc: None,
                        abandon_on_close=True)

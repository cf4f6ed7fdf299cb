"""The open opportunities' amounts the Board shows, kept between its refreshes (issue #16, stop 24).

The amounts are the one column of the Board that the analysis snapshot lacks, so every refresh read them for every
open opportunity (5,000 rows at 1M events, ~13 ms of SQLite and 30-40 ms of wall time beside the snapshot's patch,
whose end the Board's computation then waited for). :class:`KeptAmounts` keeps the last read and, after an edit of
a few opportunities, reads only theirs (:func:`pdsa_desk.core.board.open_amounts_of`). The rule is the snapshot's
own (:mod:`pdsa_desk.core.patching`): an edit says what it changed (:class:`~pdsa_desk.core.changes.Change`); one of
some opportunities changed nothing of the others, one of anything (an import, a merge, a stage, the clock moved on
by F5) drops what is kept and the next read reads every amount.

One read at a time: a request made during a read is answered by the next one (which covers every change announced
before it starts); a read that was under way when anything changed answers those who asked before it, and is not
kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from pdsa_desk.core.changes import Change
    from pdsa_desk.ui.context import AppContext

__all__ = ["KeptAmounts"]

#: More opportunities changed than this since the last read: every amount is read again (one query, not a long list).
PARTIAL_MOST = 500


class KeptAmounts:
    """The open amounts of one :class:`~pdsa_desk.ui.context.AppContext` (see the module docstring)."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.value: pd.Series | None = None
        self.dirty: set[str] = set()  # opportunities changed since ``value`` was read
        self.epoch = 0  # moves on when anything may have changed: a read started before is not kept
        self.reading = False
        self.waiting: list[tuple[Callable[[Any], None], Callable[[BaseException], None]]] = []
        #: How many reads of every amount and of some were started (for tests and traces).
        self.full_reads = self.partial_reads = 0

    def changed(self, change: Change) -> None:
        """An edit was announced (before the views refresh)."""
        if change.all:
            self.value, self.dirty = None, set()
            self.epoch += 1
        else:  # also while the first read of every amount is under way: it may have read these before the edit
            self.dirty |= change.opportunities

    def get(self, on_done: Callable[[pd.Series], None], on_error: Callable[[BaseException], None]) -> None:
        """``on_done(amounts)`` on the GUI thread with the open amounts as of every change announced so far (at
        once when nothing changed since the last read)."""
        self.waiting.append((on_done, on_error))
        self._next()

    def _next(self) -> None:
        if self.reading or not self.waiting:
            return
        if self.value is not None and not self.dirty:
            waiting, self.waiting = self.waiting, []
            for on_done, _on_error in waiting:
                on_done(self.value)
            return
        from pdsa_desk.core.board import open_amounts, open_amounts_of, with_amounts

        ws, kept, ids, epoch = self.ctx.ws, self.value, frozenset(self.dirty), self.epoch
        self.dirty = set()
        asked, self.waiting = self.waiting, []  # who asked before the read: those who ask during it, the next
        if kept is None or len(ids) > PARTIAL_MOST:
            self.full_reads += 1

            def read() -> pd.Series:
                return open_amounts(ws)
        else:
            self.partial_reads += 1

            def read() -> pd.Series:
                return with_amounts(kept, ids, open_amounts_of(ws, ids))

        def done(value: pd.Series) -> None:
            self.reading = False
            if epoch == self.epoch:
                self.value = value
            for on_done, _on_error in asked:
                on_done(value)  # as of every change announced before they asked
            self._next()

        def failed(exc: BaseException) -> None:
            self.reading = False
            if epoch == self.epoch:
                self.dirty |= ids  # read again next time
            for _on_done, on_error in asked:
                on_error(exc)
            self._next()

        self.reading = True
        if self.ctx.run_read(read, done, failed) is None:  # closed
            self.reading = False
            self.waiting.clear()

"""The stage events of a workspace file read ahead, on a second connection and thread (issue #16).

Why: reading a snapshot at start-up was one thread's work, one step after the other -- the opportunities
(Python rows and strings: the GIL held), then the events' blobs (SQLite's own work, ~0.5 s at a million
events, the GIL released), then their decoding -- on a machine whose second core stood idle. The blobs need
nothing from the opportunities but the live stage ids, so a second connection reads them on its own thread
*while* the first connection reads the opportunities, and the loader decodes each blob once the opportunities'
ids are known.

Rule (one snapshot): both connections must read the same state of the file. SQLite's ``PRAGMA data_version``
changes on a connection whenever another connection has committed since its last read, and inside a read
transaction it is the value of that transaction's snapshot. So the second connection reads it (``before``)
*before* the first connection starts its transaction, then starts its own and reads it again: the same value
means nobody committed in between, so both transactions see the same file. Otherwise the second connection
reads nothing and the loader reads the events on the first connection, as before (correct, only slower).

Qt-free and without SQLAlchemy or pandas: the reader starts before the loader imports pandas.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["AHEAD_CHUNKS", "EventsAhead"]

#: Blobs read ahead and not yet decoded, at most (each up to ``CHUNK_ROWIDS`` x 72 bytes, 7.2 MB): the whole of
#: a million events fits, so the reader never waits at that scale; at three million it waits for the loader.
AHEAD_CHUNKS = 12

_STOP_POLL = 0.05  # seconds: how often a reader waiting for room looks whether it should stop


class EventsAhead:
    """The event blobs of a SQLite workspace file, read on their own connection and thread.

    Make it (:meth:`open`) *before* the loader's connection starts its read transaction; :meth:`start` it with
    the live stage ids once that transaction has read them; :meth:`parts` then yields ``(bounds, row)`` per
    rowid range, or nothing when the two connections do not see the same snapshot (:attr:`same_snapshot`)."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con
        self._before = con.execute("PRAGMA data_version").fetchone()[0]
        self._queue: queue.Queue[tuple[Any, ...]] = queue.Queue(maxsize=AHEAD_CHUNKS)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.same_snapshot: bool | None = None  # known once the reader has started its transaction
        self.stage_ids: list[str] | None = None  # the blob query's stage ids (given to start())

    @classmethod
    def open(cls, path: str) -> EventsAhead:
        from pdsa_desk.core.sqlite_file import reading_connection

        con = reading_connection(path)
        try:
            return cls(con)
        except BaseException:
            con.close()
            raise

    def start(self, stage_ids: list[str], blob_sql: str, chunk_rowids: int) -> None:
        """Start reading, with the live stage ids the loader's transaction read (the blob query's parameters)."""
        self.stage_ids = list(stage_ids)
        self._thread = threading.Thread(target=self._run, args=(stage_ids, blob_sql, chunk_rowids),
                                        name="pdsa-events-ahead", daemon=True)
        self._thread.start()

    def _put(self, item: tuple[Any, ...]) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=_STOP_POLL)
                return True
            except queue.Full:
                continue
        return False

    def _run(self, stage_ids: list[str], blob_sql: str, chunk_rowids: int) -> None:
        con = self._con
        try:
            con.execute("BEGIN")
            lo, hi = con.execute("SELECT min(rowid), max(rowid) FROM stage_event").fetchone()
            same = con.execute("PRAGMA data_version").fetchone()[0] == self._before
            if not self._put(("start", same, lo, hi)) or not same or lo is None:
                return
            for start in range(lo - 1, hi, chunk_rowids):
                if self._stop.is_set():
                    return
                bounds = (start, start + chunk_rowids)
                row = con.execute(blob_sql, (*stage_ids, *bounds)).fetchone()
                if not self._put(("part", bounds, row)):
                    return
            self._put(("end",))
        except BaseException as exc:  # noqa: BLE001 - handed to the loader, which raises it
            self._put(("error", exc))
        finally:
            try:
                if con.in_transaction:
                    con.rollback()
            finally:
                con.close()

    def _next(self, check: Callable[[], None]) -> tuple[Any, ...]:
        while True:
            check()
            try:
                item = self._queue.get(timeout=_STOP_POLL)
            except queue.Empty:
                continue
            if item[0] == "error":
                raise item[1]
            return item

    def parts(self, check: Callable[[], None]) -> Iterator[tuple[tuple[int, int], tuple[Any, ...]]]:
        """``(bounds, row)`` of each rowid range in order (``row``: the blob query's result; ``check()`` is called
        while waiting, it may raise to cancel). Yields nothing, with :attr:`same_snapshot` False, when the
        snapshots differ."""
        if self._thread is None:
            raise RuntimeError("EventsAhead.parts() before start()")
        _kind, same, lo, _hi = self._next(check)
        self.same_snapshot = bool(same)
        if not same or lo is None:
            return
        while True:
            item = self._next(check)
            if item[0] == "end":
                return
            yield item[1], item[2]

    def close(self) -> None:
        """Stop reading (at once; a query under way ends first) and wait for the thread; safe to call twice."""
        self._stop.set()
        thread = self._thread
        if thread is None:
            self._con.close()
            return
        while thread.is_alive():
            try:  # room for a reader waiting to hand over a blob, so that it sees the stop
                self._queue.get(timeout=_STOP_POLL)
            except queue.Empty:
                pass
            thread.join(timeout=0)
        self._thread = None

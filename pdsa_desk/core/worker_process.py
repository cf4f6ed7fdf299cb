"""One call of a function in a worker process, so that a long import or merge leaves the caller's GIL free.

Why a process: the import, its dry-run check, the stage scan and the merge of a colleague's bundle are
pure-Python work of tens of seconds at a million rows. On a worker *thread* of the GUI process they and
the GUI thread take turns for the GIL, and on a loaded two-core machine the GUI thread waited up to
1.35 s for its turn (issue #16, ``stall_import``). In a child process the work has a GIL of its own.

How: :class:`WorkerProcess` starts a child with :mod:`multiprocessing`'s ``"spawn"`` method (a fresh
interpreter: never a fork of a process that runs Qt threads) and a pipe to it. The child imports the
``preload`` modules and waits for its one call, so a worker started early (:class:`Spare`) has paid its
start-up (≈0.5–1.5 s: SQLAlchemy, NumPy, the importer) by the time the call comes. A child runs at a lower
scheduling priority than its parent from the moment it starts (:data:`CHILD_NICENESS`), so that its start-up and
its work never keep the window from the cores. The call is
``fn(*args, progress=…, cancel=…, **kwargs)`` of a picklable top-level function, in the shape of
:func:`~pdsa_desk.core.importing.import_file` and :func:`~pdsa_desk.core.exchange.merge_bundle`:

* ``progress(fraction, message)`` sends a :class:`Progress` event, in order;
* ``cancel()`` is True once :meth:`WorkerProcess.cancel` was called (a shared flag, read at the work's
  own checks: the work raises its ``Cancelled`` and its transaction rolls back);
* the result comes back as :class:`Done`, an exception as :class:`Failed` holding an exception of the
  same class with the same attributes (an ``ImportProblems`` with its problems' rows and columns, a
  ``ValidationError`` with its field), rebuilt without calling its ``__init__`` (see :func:`_pack`); an
  exception that is not one of the core's refusals keeps the child's traceback as a note;
* a child that ends without an answer (killed, out of memory, a crash in a C library) is reaped and
  reported as :class:`Failed` with :class:`WorkerCrashed`, whose message the caller chooses ("The import
  stopped unexpectedly; nothing was written.": a transaction that did not commit leaves nothing).

The caller reads events as they come (:meth:`WorkerProcess.wait_event`; the GUI's
:class:`~pdsa_desk.ui.tasks.ProcessTask` does so on a thread of its own), takes those waiting without blocking
(:meth:`WorkerProcess.events`), or blocks in :func:`run_in_process`. A worker runs one call and then ends (its
memory goes back to the system with it). Nothing here imports Qt.
"""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import pickle
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from pdsa_desk.core.errors import PdsaError
from pdsa_desk.core.messages import QT_TRANSLATE_NOOP, Message

__all__ = ["Done", "Failed", "Progress", "Spare", "WorkerCrashed", "WorkerProcess", "run_in_process"]

_log = logging.getLogger(__name__)

# Never "fork": the GUI process runs Qt's threads, and a forked copy of them is undefined behaviour.
START_METHOD = "spawn"

# What a crash is reported as when the caller does not say.
CRASHED = Message("Errors", QT_TRANSLATE_NOOP("Errors", "The work stopped unexpectedly; nothing was written."))


class WorkerCrashed(PdsaError):
    """The worker process ended without an answer (killed, out of memory, a crash in a C library).

    ``exit_code`` is the process's (negative: the signal that ended it), when known."""

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Progress:
    fraction: float
    message: str


@dataclass(frozen=True)
class Done:
    result: Any


@dataclass(frozen=True)
class Failed:
    error: BaseException


Event = Progress | Done | Failed


# --------------------------------------------------------------------------- exceptions across the pipe
@dataclass(frozen=True)
class _PackedError:
    """An exception for the pipe. The core's refusals (:class:`PdsaError`) travel as their class, ``args`` and
    attributes and are rebuilt without their ``__init__``, whose signature may differ from their ``args``
    (``ImportProblems(problems)`` keeps its message in ``args``; plain pickling would call
    ``ImportProblems(message)``). Anything else (a bug, an ``OSError``) is pickled as Python pickles it, with the
    child's traceback kept as a note."""

    cls: type[BaseException] | None
    args: tuple[Any, ...]
    attributes: dict[str, Any]
    pickled: bytes
    child_traceback: str

    def rebuild(self) -> BaseException:
        if self.cls is not None:
            exc = self.cls.__new__(self.cls)
            exc.args = self.args
            exc.__dict__.update(self.attributes)
            return exc
        exc = pickle.loads(self.pickled)  # noqa: S301 - our own child's bytes
        exc.add_note("In the worker process:\n" + self.child_traceback)
        return exc  # type: ignore[no-any-return]


def _pack(exc: BaseException) -> bytes:
    """``exc`` pickled for the pipe; one that cannot travel as itself becomes a RuntimeError with its text and
    traceback (never a silent loss of the error)."""
    tb = "".join(traceback.format_exception(exc))
    try:
        if isinstance(exc, PdsaError):
            return pickle.dumps(_PackedError(type(exc), exc.args, dict(exc.__dict__), b"", tb))
        pickled = pickle.dumps(exc)
        # One whose __init__ does not take its args back fails here, not in the parent.
        pickle.loads(pickled)  # noqa: S301 - its own bytes
        return pickle.dumps(_PackedError(None, (), {}, pickled, tb))
    except Exception:  # noqa: BLE001 - an attribute that does not pickle: keep what can be said
        fallback = RuntimeError(f"{type(exc).__name__}: {exc}")
        return pickle.dumps(_PackedError(None, (), {}, pickle.dumps(fallback), tb))


def _unpack(data: bytes) -> BaseException:
    try:
        packed = pickle.loads(data)  # noqa: S301 - our own child's bytes
        return packed.rebuild()  # type: ignore[no-any-return]
    except Exception as exc:  # noqa: BLE001 - e.g. a class the parent cannot import
        return RuntimeError(f"An error of the worker process could not be read: {exc!r}")


# --------------------------------------------------------------------------- the child
#: How much lower than its parent's a child's scheduling priority is (POSIX ``nice`` steps; 10 gives a busy child
#: about a tenth of the share of a core that the parent's GUI thread gets when both want it). A child's work is
#: what a progress bar shows, while a window that wants the CPU for a few milliseconds is what the user feels: on
#: the two-core machine a spare worker starting up (Python, its imports) beside the merge's child took the cores
#: the GUI thread needed, and the window stood still although it had work to do (stall_import, the merge's
#: preview: 42 ms to show the clashes, of which 22 ms of the GUI thread's CPU and 20 ms waiting in the system's
#: run queue). Alone on the machine a child runs as fast as before.
CHILD_NICENESS = 10


def lower_priority(pid: int) -> int | None:
    """Give process ``pid`` (a child just started) a niceness :data:`CHILD_NICENESS` above this process's; its new
    niceness, or None where the system has no ``setpriority`` (Windows: the child keeps the caller's priority) or
    does not allow it."""
    import os

    if not hasattr(os, "setpriority"):
        return None
    try:
        niceness = os.getpriority(os.PRIO_PROCESS, 0) + CHILD_NICENESS
        os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except OSError:  # gone already, or not allowed here: it runs at the priority it has
        return None
    return niceness


def _child_main(conn: Connection, cancel_flag: Any, preload: tuple[str, ...]) -> None:
    """The child: import ``preload``, wait for one call, run it, send its events, end."""
    for name in preload:
        importlib.import_module(name)
    try:
        request = conn.recv()
    except (EOFError, OSError):  # the parent closed the pipe: the worker is not needed
        return
    if request is None:
        return
    fn, args, kwargs = request

    def progress(fraction: float, message: str = "") -> None:
        conn.send(("progress", float(fraction), message))

    def cancelled() -> bool:
        return bool(cancel_flag.is_set())

    try:
        result = fn(*args, progress=progress, cancel=cancelled, **kwargs)
    except BaseException as exc:  # noqa: BLE001 - every outcome goes to the parent
        conn.send(("failed", _pack(exc)))
        return
    try:
        conn.send(("done", result))
    except Exception as exc:  # noqa: BLE001 - a result that does not pickle is a bug of the caller
        conn.send(("failed", _pack(exc)))


# --------------------------------------------------------------------------- the parent's side
#: Workers closed while their child may still be starting: kept until it has ended, because the child opens
#: the shared cancel flag (a named semaphore) while it starts, and the flag's name goes with the last
#: reference to it here.
_retired: list[WorkerProcess] = []


def _prune_retired() -> None:
    _retired[:] = [w for w in _retired if w.alive()]


class WorkerProcess:
    """A child process for one call: started at once (``preload`` imported), the call given by :meth:`submit`.

    Events come from :meth:`events` (non-blocking) or :meth:`wait_event`. After :class:`Done` or
    :class:`Failed` the worker is finished; :meth:`close` ends one that is not needed (any time).
    """

    def __init__(self, preload: Sequence[str] = ()) -> None:
        _prune_retired()
        ctx = multiprocessing.get_context("spawn")  # START_METHOD
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._cancel = ctx.Event()
        self._process = ctx.Process(target=_child_main, args=(child_conn, self._cancel, tuple(preload)),
                                    name="pdsa-desk worker", daemon=True)
        self._process.start()
        # At once, from here: its start-up (Python, the spawn's bootstrap, its imports) is most of its CPU before
        # a call comes, and it must not take the cores from the window meanwhile.
        if self._process.pid is not None:
            lower_priority(self._process.pid)
        child_conn.close()  # only the child holds its end now: its exit is an end of file here
        self.started_at = time.perf_counter()
        self.submitted = False
        self.finished = False
        self.crash_message: str = CRASHED

    @property
    def pid(self) -> int | None:
        pid: int | None = self._process.pid
        return pid

    def submit(self, fn: Callable[..., Any], *args: Any, crashed: str | None = None, **kwargs: Any) -> None:
        """Run ``fn(*args, progress=…, cancel=…, **kwargs)`` in the child (once); ``crashed`` is what a crash
        is reported as (a :class:`~pdsa_desk.core.messages.Message`)."""
        if self.submitted:
            raise RuntimeError("a worker process runs one call")
        self.submitted = True
        if crashed is not None:
            self.crash_message = crashed
        try:
            self._conn.send((fn, args, kwargs))
        except (BrokenPipeError, EOFError, OSError):
            pass  # the child is gone already: events() reports the crash

    def cancel(self) -> None:
        """Ask the call to stop at its next check (its transaction rolls back)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def events(self) -> list[Event]:
        """Every event waiting now, in order (never blocks). The last one of the call is Done or Failed."""
        out: list[Event] = []
        while not self.finished:
            event = self._read(0.0)
            if event is None:
                break
            out.append(event)
        return out

    def wait_event(self, timeout: float | None = None) -> Event | None:
        """The next event, waiting up to ``timeout`` seconds (None: until there is one)."""
        return None if self.finished else self._read(timeout)

    def _read(self, timeout: float | None) -> Event | None:
        try:
            if not self._conn.poll(timeout):
                return None
            message = self._conn.recv()
        except (EOFError, OSError):
            return self._crashed()
        kind = message[0]
        if kind == "progress":
            return Progress(message[1], message[2])
        self.finished = True  # the child ends right after its last message (not waited for: see join())
        self._conn.close()
        if kind == "done":
            return Done(message[1])
        return Failed(_unpack(message[1]))

    def _crashed(self) -> Failed:
        self.finished = True
        self._conn.close()
        self._process.join(2)  # its end of the pipe closed: it has ended, or is ending
        code = self._process.exitcode
        _log.error("The worker process (pid %s) ended without an answer (exit code %s).", self.pid, code)
        return Failed(WorkerCrashed(self.crash_message, code))

    def kill(self) -> None:
        """End the child at once (for tests of a crash, and for a child that does not stop when asked)."""
        self._process.kill()

    def close(self) -> None:
        """Not needed any more: an idle child is told to end; a running call is asked to stop (it ends after
        its rollback). Does not wait."""
        if self.finished:
            return
        self.finished = True
        self._cancel.set()
        try:
            if not self.submitted:
                self._conn.send(None)
        except OSError:
            pass
        self._conn.close()
        _prune_retired()
        _retired.append(self)

    def alive(self) -> bool:
        """The child is running (asking reaps one that has ended)."""
        return self._process.is_alive()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the child to end; True when it has."""
        self._process.join(timeout)
        return self._process.exitcode is not None


class Spare:
    """At most one started worker waiting for its call, so that the next call skips the start-up."""

    def __init__(self, preload: Sequence[str] = ()) -> None:
        self.preload = tuple(preload)
        self._worker: WorkerProcess | None = None

    def warm(self) -> None:
        """Start a worker now (if none is waiting) for the next :meth:`take`."""
        if self._worker is None:
            self._worker = WorkerProcess(self.preload)

    def take(self) -> WorkerProcess:
        """The waiting worker (still starting, maybe), or a new one."""
        worker, self._worker = self._worker, None
        return worker if worker is not None else WorkerProcess(self.preload)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None


def run_in_process(fn: Callable[..., Any], *args: Any, progress: Callable[[float, str], None] | None = None,
                   cancel: Callable[[], bool] | None = None, crashed: str | None = None,
                   worker: WorkerProcess | None = None, poll_seconds: float = 0.05, **kwargs: Any) -> Any:
    """``fn(*args, **kwargs)`` in a worker process, blocking: progress relayed to ``progress``, ``cancel()``
    asked every ``poll_seconds`` (True: the call is asked to stop), the result returned or the exception
    raised as the call raised it."""
    worker = worker if worker is not None else WorkerProcess()
    worker.submit(fn, *args, crashed=crashed, **kwargs)
    try:
        while True:
            if cancel is not None and not worker.cancelled() and cancel():
                worker.cancel()
            event = worker.wait_event(poll_seconds)
            if isinstance(event, Progress):
                if progress is not None:
                    progress(event.fraction, event.message)
            elif isinstance(event, Done):
                return event.result
            elif isinstance(event, Failed):
                raise event.error
    finally:
        worker.close()

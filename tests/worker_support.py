"""Calls for a worker process in tests (:mod:`pdsa_desk.core.worker_process`): top-level, so that the child can
import them by name. Each takes the ``progress`` and ``cancel`` keywords the worker supplies."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pdsa_desk.core.worker_jobs import WorkspaceAddress, import_job

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


def import_in_chunks(address: WorkspaceAddress, path: Path, mapping: Any, *, chunk_rows: int,
                     progress: Progress, cancel: Cancel, hold_when_writing: str = "", **kwargs: Any) -> Any:
    """:func:`import_job` with ``chunk_rows`` rows per chunk. ``hold_when_writing``: at the first "Writing…"
    progress (the transaction has written its first rows), ``"cancel"`` waits (≤ 30 s) until the parent asks
    to cancel, ``"hang"`` stops for good (the parent kills the process)."""
    from pdsa_desk.core.importing import tuning

    tuning.CHUNK_ROWS = chunk_rows
    held = False

    def relay(fraction: float, message: str) -> None:
        nonlocal held
        progress(fraction, message)
        if hold_when_writing and not held and message.startswith("Writing"):
            held = True
            if hold_when_writing == "hang":
                time.sleep(3600)
            deadline = time.monotonic() + 30
            while not cancel() and time.monotonic() < deadline:
                time.sleep(0.01)

    return import_job(address, path, mapping, progress=relay, cancel=cancel, **kwargs)


def wait_for_cancel(*, progress: Progress, cancel: Cancel) -> str:
    """Says it started, then waits (≤ 30 s) to be cancelled."""
    progress(0.0, "started")
    deadline = time.monotonic() + 30
    while not cancel() and time.monotonic() < deadline:
        time.sleep(0.01)
    return "cancelled" if cancel() else "not cancelled"


def fail_with(exc: BaseException, *, progress: Progress, cancel: Cancel) -> None:
    del progress, cancel
    raise exc


def echo(value: Any, *, progress: Progress, cancel: Cancel, steps: int = 0) -> Any:
    for i in range(steps):
        progress(i / steps, f"step {i}")
    return value


def unpicklable_result(*, progress: Progress, cancel: Cancel) -> Any:
    return lambda: None


def niceness(*, progress: Progress, cancel: Cancel) -> int:
    """The child's scheduling niceness (POSIX)."""
    import os

    return os.getpriority(os.PRIO_PROCESS, 0)

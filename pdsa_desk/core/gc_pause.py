"""Pause Python's cyclic garbage collector while a bulk import, scan or merge runs on the worker.

Why: a collection of the oldest generation walks every container object the process holds, in C,
holding the GIL the whole time. An import or merge builds up hundreds of thousands of long-lived
objects (its keys, rows and plans), so the collector's "25% more long-lived objects" rule fires several
times during the work, and each full collection walks the GUI's objects too: measured 75 ms (import)
and up to 134 ms (merge) per collection at 100,000 events, and more than a second at a million, during
which the GUI thread, ready to repaint, waits for the GIL (issue #16, ``stall_import``). No slicing of
our own loops can bound that, so the collector is paused for the duration of the bulk work.

What it costs: nothing is leaked. Reference counting frees the work's objects as always (they hold no
cycles of any size); cyclic garbage made meanwhile, anywhere in the process, is collected once the
pause ends, when the collector's own thresholds say so. Pauses may overlap (two workers, or an import
inside a merge): the collector runs again when the last one ends, and only if it ran before the first.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_collection"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_collection() -> Iterator[None]:
    """Automatic cyclic garbage collection is off inside the block (see the module docstring)."""
    global _depth, _was_enabled  # one process-wide collector, one process-wide count
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()

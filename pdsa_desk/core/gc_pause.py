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

__all__ = ["keep_out_of_collections", "paused_collection"]

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


def keep_out_of_collections() -> None:
    """Move every object the process holds now into the collector's permanent generation (``gc.freeze``).

    Called when a freshly loaded or patched analysis snapshot is handed to the views (issue #16,
    ``stall_views``): the snapshot and the views' caches are hundreds of thousands of long-lived
    containers, and every later full collection walked all of them again -- 0.15-0.9 s at a million events
    with nothing to collect, holding the GIL on whichever thread triggered it, so the window stalled
    while a view was opened. Frozen objects are still freed by reference counting when dropped (the
    snapshot's pandas/NumPy objects form no reference cycles: tests/core/test_gc_pause.py checks a load
    and a patch leave nothing for the collector), so what a frozen old snapshot held is returned as soon
    as nothing refers to it.

    ``gc.freeze()`` itself costs nothing (it joins the collector's lists); counting the frozen objects
    (``gc.get_freeze_count()``) walks all of them -- 20-40 ms on the GUI thread at a million events, at every
    edit, before the views heard of the new snapshot (traced in edit_refresh, stop 22) -- so it is not done.
    """
    gc.freeze()

"""Giving freed memory back to the system (glibc's allocator on Linux; elsewhere nothing is done).

Why (issue #16, measured at 1M events while visiting every view): the analysis work runs on worker
threads and makes many short-lived arrays of megabytes. glibc's ``malloc`` keeps freed memory for reuse,
and it keeps it *per arena*: each thread that allocates gets an arena of its own (up to eight per core),
and memory freed in one arena is not reused by a thread allocating from another. Large blocks that
glibc first maps and unmaps raise its mmap threshold (up to 32 MB), so later arrays of that size come
from the arenas' heaps too and stay there when freed. Over a visit of every view the process kept about
100 MB more than it used: 706-813 MB of peak RSS, of which ~110 MB was returned at once by
``malloc_trim(0)``.

So:

* :func:`limit_arenas` (called once at start-up): at most two arenas, one the GUI thread's and one the
  workers share, so a worker reuses what an earlier worker freed.
* :func:`release_free_memory` (called by the task runner after a long piece of background work):
  ``malloc_trim(0)`` returns the free pages of every arena to the system. It runs on the worker thread
  without Python's lock (ctypes releases it), and costs a few milliseconds.

Numbers are unchanged by either: only where freed memory goes. The mmap threshold is left dynamic:
fixing it low made the event load 20-30 % slower (every large array mapped and faulted in afresh).
"""

from __future__ import annotations

import ctypes
import sys
import threading
from typing import Any

__all__ = ["limit_arenas", "release_free_memory"]

_M_ARENA_MAX = -8  # mallopt parameter (malloc.h)
#: Arenas allowed when limited: the GUI thread's and the workers'.
ARENAS = 2

_lock = threading.Lock()
_libc: Any = None
_looked_up = False


def _glibc() -> Any:
    """glibc, or None on another C library or system."""
    global _libc, _looked_up
    with _lock:
        if not _looked_up:
            _looked_up = True
            if sys.platform.startswith("linux"):
                try:  # glibc's soname; not ctypes.util.find_library, which runs ldconfig at start-up
                    lib = ctypes.CDLL("libc.so.6")
                    if hasattr(lib, "malloc_trim") and hasattr(lib, "mallopt"):
                        lib.malloc_trim.argtypes = [ctypes.c_size_t]
                        lib.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
                        _libc = lib
                except OSError:  # musl or no libc to load: nothing to tune
                    _libc = None
        return _libc


def limit_arenas(arenas: int = ARENAS) -> bool:
    """Let glibc's allocator use at most ``arenas`` arenas (call before worker threads allocate); whether
    it was set."""
    lib = _glibc()
    return bool(lib is not None and lib.mallopt(_M_ARENA_MAX, int(arenas)) == 1)


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system (glibc ``malloc_trim(0)``); whether any were."""
    lib = _glibc()
    return bool(lib is not None and lib.malloc_trim(0) == 1)

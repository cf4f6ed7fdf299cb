"""Room for the patched snapshot's million-row arrays: buffers allocated once with spare room and written again by
a later patch once no reader holds them.

Why (issue #16, measured at 1M events): a board move patches the analysis snapshot
(:mod:`pdsa_desk.core.patching`, :mod:`pdsa_desk.core.prepared_patch`); the snapshot is immutable to its
readers, so the patch writes the next snapshot's event arrays, first-entry matrix and event ends anew, ~70 MB.
Fresh ``np.empty`` memory is fresh pages: the task runner hands freed memory back to the system after every
longer task (:func:`pdsa_desk.core.memory.release_free_memory`), so each patch faulted in 5,000-6,000 pages
again, and on the loaded 2-core machine took 100-400 ms instead of the ~25 ms its copies take.

:func:`empty` hands out an array that is a view of a pooled buffer (one-dimensional, over-allocated by
:data:`SPARE_FRACTION` so that the few events each edit adds fit for many edits). A buffer is handed out again
only when nothing but the pool refers to it: every numpy view of it, every view of a view, every pandas
Series or DatetimeArray over one, keeps a reference to the buffer itself (numpy points a view's ``base`` at
the array that owns the memory), so a buffer whose reference count is the pool's own is read by nobody --
not by a worker still computing on an older snapshot, not by a view that has kept one column. That is the
copy-on-write rule: what any reader may still see is never written.

Numbers are unchanged by this (only where the memory comes from; ``tests/core/test_spare_arrays.py`` and the
patch tests compare with fresh builds). Free buffers are kept up to :data:`FREE_BYTES` (least recently used
dropped first): about one more set of a 1M-event snapshot's arrays (~70 MB), which the next patch writes into.
"""

from __future__ import annotations

import mmap
import sys
import threading
from typing import Any

import numpy as np

__all__ = ["FREE_BYTES", "MIN_POOLED", "SPARE_FRACTION", "empty", "in_use", "pooled", "reserve"]

#: Arrays of fewer elements are allocated plainly (their pages are few).
MIN_POOLED = 1024
#: Spare room of a new buffer, as a fraction of the size asked for (at 1M events: ~15,600 events).
SPARE_FRACTION = 1 / 64
#: Bytes of free buffers kept at most: one generation of a 1M-event snapshot's pooled arrays (~70 MB) and some.
FREE_BYTES = 96 * 2**20

#: Bytes in a page of memory (touching one byte faults it in).
_PAGE = mmap.PAGESIZE

_lock = threading.Lock()
_buffers: list[np.ndarray] = []


def _refs(buf: np.ndarray) -> int:
    """``buf``'s reference count. Called with ``buf`` held by the pool's list and one name of the caller only
    (and compared with :data:`_FREE_REFS`): then a count above it means someone else holds ``buf``."""
    return sys.getrefcount(buf)


def _calibrate() -> int:
    """The count :func:`_refs` gives for an array only a list and the caller's name refer to (measured, not
    assumed: the interpreter's own references to a call's arguments are its business)."""
    probe = [np.empty(1)]
    buf = probe[0]
    return _refs(buf)


#: The reference count of a buffer nobody but the pool refers to, as :func:`_refs` sees it.
_FREE_REFS = _calibrate()


def empty(shape: int | tuple[int, ...], dtype: Any) -> np.ndarray:
    """A writable, uninitialised C-contiguous array of ``shape`` and ``dtype``, from a free pooled buffer when one
    fits (see the module docstring). Its content is undefined, as ``np.empty``'s."""
    dims = (shape,) if isinstance(shape, int) else tuple(shape)
    size = int(np.prod(dims, dtype=np.int64))
    dt = np.dtype(dtype)
    if size < MIN_POOLED or dt.hasobject:
        return np.empty(dims, dtype=dt)
    with _lock:
        best = -1
        for i in range(len(_buffers)):  # not enumerate(): its reused tuple would hold a buffer
            buf = _buffers[i]
            # a free buffer of this type that fits and is not more than twice too large (a small array
            # must not take the room of a large one)
            if (buf.dtype == dt and size <= buf.size <= 2 * size + 4 * MIN_POOLED and _refs(buf) <= _FREE_REFS
                    and (best < 0 or buf.size < _buffers[best].size)):
                best = i
        if best >= 0:
            buf = _buffers.pop(best)
        else:
            buf = np.empty(size + max(int(size * SPARE_FRACTION), MIN_POOLED), dtype=dt)
        _buffers.append(buf)  # most recently used last
        out = buf[:size].reshape(dims)
        del buf
        _drop_free()
        return out


def reserve(arrays: list[np.ndarray]) -> int:
    """Make sure free room exists for arrays like these (same type, about the same size), its pages faulted in:
    called while an edit is written (the database's work leaves a core free), so that the patch that follows
    writes into ready pages even when the snapshot before it is still held (right after a load, the views
    hold the loaded one). Changes no value anywhere. Returns how many buffers were made."""
    made = 0
    claimed: set[int] = set()  # free buffers already counted for an earlier array of the list
    for like in arrays:
        size, dt = int(like.size), like.dtype
        if size < MIN_POOLED or dt.hasobject:
            continue
        with _lock:
            found = _free_for(dt, size + 64, claimed)  # what :func:`empty` would take for ``size`` + a few
        if found >= 0:
            claimed.add(found)
            continue
        new = np.empty(size + max(int(size * SPARE_FRACTION), MIN_POOLED), dtype=dt)
        new.reshape(-1).view(np.uint8)[::_PAGE] = 0  # fault its pages in now, not in the patch: a byte a page
        with _lock:
            _buffers.append(new)
            claimed.add(id(new))
            del new
            _drop_free()
        made += 1
    return made


def _free_for(dt: np.dtype[Any], size: int, claimed: set[int]) -> int:
    """The id of a free buffer :func:`empty` would take for ``size`` elements of ``dt``, not in ``claimed``; -1
    if none (call holding the lock)."""
    for i in range(len(_buffers)):
        buf = _buffers[i]
        if (buf.dtype == dt and size <= buf.size <= 2 * size + 4 * MIN_POOLED and id(buf) not in claimed
                and _refs(buf) <= _FREE_REFS):
            return id(buf)
    return -1


def _drop_free() -> None:
    """Drop free buffers, least recently used first, while they hold more than :data:`FREE_BYTES`."""
    free = []
    for i in range(len(_buffers)):
        buf = _buffers[i]
        if _refs(buf) <= _FREE_REFS:
            free.append(i)
    excess = sum(_buffers[i].nbytes for i in free) - FREE_BYTES
    dropped = set()
    for i in free:
        if excess <= 0:
            break
        excess -= _buffers[i].nbytes
        dropped.add(i)
    if dropped:
        _buffers[:] = [b for i, b in enumerate(_buffers) if i not in dropped]


def pooled(array: np.ndarray) -> bool:
    """Whether ``array`` is a view of a pooled buffer."""
    base = array.base
    with _lock:
        return any(base is buf for buf in _buffers)


def in_use() -> tuple[int, int]:
    """(buffers kept, of which in use by some reader): for tests and traces."""
    with _lock:
        used = 0
        for buf in _buffers:
            used += not _refs(buf) <= _FREE_REFS
        return len(_buffers), used

"""The values computed from one analysis snapshot, kept with it (see :class:`DerivedCache`).

An :class:`~pdsa_desk.core.frames.AnalysisData` is a snapshot of the workspace: four *base* frames
(stages, reps, opportunities, events) that are never changed in place. Everything computed from them
and worth keeping -- the prepared arrays every metric starts from (:func:`pdsa_desk.core.metrics.prepare`),
the frames of a scope of reps (:func:`pdsa_desk.core.charts.subset_data`), the conversion series the
Charts view has drawn -- is a *derived* value held by the snapshot's own :class:`DerivedCache`
(``data.cache``; read through ``data.cached(key, compute)``). So:

* replacing the snapshot (the window does after every edit) drops every derived value at once, and a
  snapshot that is no longer used takes its derived values with it;
* nothing is keyed by ``id()`` in a module-level table, and no cache needs clearing by hand.

Keys are hashable; a tuple key's first item names the *kind* of value (``"prepared"``,
``("subset", rep_ids)``, ``("conversion_series", meta, choices)``). A kind may be bounded (``bound=``:
at most that many values of the kind, the least recently used dropped first) where one snapshot can
collect many of them.

As a safety net for snapshots built by hand, the cache remembers the identity and shape of the base
frames it was filled from and starts empty again if one of them was swapped or changed length.

Patching: an edit that changes a few opportunities (a stage move, a close, their undo) builds the next
snapshot from this one's base frames plus the rows it re-read (:mod:`pdsa_desk.core.patching`). A derived
value stored with ``on_patch`` is carried into that snapshot: ``on_patch(value, patch)`` returns the value
for the new snapshot (the same object when the change cannot affect it, an updated one, or :data:`DROP`
to have it computed again on first use); a value stored without ``on_patch`` is dropped. So the one who
computes a value says what it depends on, next to the computation.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
H = TypeVar("H", bound=Hashable)

__all__ = ["DROP", "DerivedCache", "KeyPart"]

#: Returned by an ``on_patch`` callable: the value does not carry over (it is computed again when used).
DROP: Any = object()


def _kind(key: Hashable) -> Hashable:
    return key[0] if isinstance(key, tuple) and key else key


class DerivedCache:
    """Derived values of one snapshot by key; thread-safe (a worker may fill it while the GUI reads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[Hashable, OrderedDict[Hashable, Any]] = {}  # kind -> key -> value (LRU order)
        self._on_patch: dict[Hashable, Callable[[Any, Any], Any]] = {}  # key -> how it carries over
        self._bounds: dict[Hashable, int] = {}  # kind -> bound
        self._base: tuple[object, ...] | None = None

    def get(self, base: tuple[object, ...], key: Hashable, compute: Callable[[], T], *, bound: int | None = None,
            on_patch: Callable[[T, Any], T] | None = None) -> T:
        """The value of ``key``, computed by ``compute()`` the first time.

        ``base`` describes the base frames (see :meth:`AnalysisData.cached`); when it differs from the one
        the cache was filled from, everything is dropped first. ``compute`` runs outside the lock: two
        threads asking at once may both compute, and the first value stored is the one kept.
        ``on_patch`` says how the value carries into a patched snapshot (see the module docstring).
        """
        kind = _kind(key)
        with self._lock:
            if base != self._base:
                self._clear()
                self._base = base
            values = self._values.get(kind)
            if values is not None and key in values:
                values.move_to_end(key)
                found: T = values[key]
                return found
        value = compute()
        with self._lock:
            if base != self._base:  # the frames changed while it was computed: do not keep it
                return value
            self._store(kind, key, value, bound, on_patch)
            value = self._values[kind][key]
        return value

    def _store(self, kind: Hashable, key: Hashable, value: Any, bound: int | None,
               on_patch: Callable[[Any, Any], Any] | None) -> None:
        """Keep ``value`` unless one is there already (caller holds the lock)."""
        values = self._values.setdefault(kind, OrderedDict())
        if key not in values:
            values[key] = value
            if on_patch is not None:
                self._on_patch[key] = on_patch
        values.move_to_end(key)
        if bound is not None:
            self._bounds[kind] = bound
        bound = self._bounds.get(kind)
        while bound is not None and len(values) > bound:
            dropped, _ = values.popitem(last=False)
            self._on_patch.pop(dropped, None)

    def carry_into(self, other: DerivedCache, base: tuple[object, ...], patch: Any) -> int:
        """Fill ``other`` (the empty cache of the patched snapshot, whose base frames ``base`` describes)
        with this cache's values that carry over ``patch``; the number carried.

        Each ``on_patch`` runs outside the locks, oldest value first, so that a value may use another
        carried before it (e.g. series computed from the prepared arrays)."""
        with self._lock:
            entries = [(kind, key, value, self._on_patch.get(key)) for kind, values in self._values.items()
                       for key, value in values.items()]
            bounds = dict(self._bounds)
        carried = 0
        for kind, key, value, on_patch in entries:
            if on_patch is None:
                continue
            new = on_patch(value, patch)
            if new is DROP:
                continue
            with other._lock:
                if other._base is None:
                    other._base = base
                elif other._base != base:  # the new snapshot's frames were swapped meanwhile
                    return carried
                other._store(kind, key, new, bounds.get(kind), on_patch)
            carried += 1
        return carried

    def _clear(self) -> None:
        self._values.clear()
        self._on_patch.clear()

    def contains(self, base: tuple[object, ...], key: Hashable) -> bool:
        """Whether ``key`` was computed for these base frames (nothing is computed)."""
        with self._lock:
            return base == self._base and key in self._values.get(_kind(key), ())

    def __len__(self) -> int:
        with self._lock:
            return sum(len(v) for v in self._values.values())

    def clear(self) -> None:
        """Forget every derived value (the next use computes it again)."""
        with self._lock:
            self._clear()
            self._base = None


class KeyPart(Generic[H]):
    """A large immutable value (e.g. a ``ChartMeta`` with hundreds of cycles) as part of a cache key, with
    its hash computed once: hashing it again at every lookup would cost about a millisecond."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: H) -> None:
        self.value = value
        self._hash = hash(value)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, KeyPart) and self._hash == other._hash
                                 and self.value == other.value)

    def __repr__(self) -> str:
        return f"KeyPart({self.value!r})"

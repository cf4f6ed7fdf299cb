"""Spare room for the patched snapshot's arrays: a buffer is written again only when no reader can see it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pdsa_desk.core import spare_arrays
from pdsa_desk.core.patching import _utc_series


@pytest.fixture(autouse=True)
def empty_pool(monkeypatch):
    monkeypatch.setattr(spare_arrays, "_buffers", [])


def _ints(kept) -> np.ndarray:
    """The int64 values a reader sees."""
    if isinstance(kept, pd.Series):
        return np.asarray(kept.array.asi8 if kept.dtype.kind == "M" else kept.to_numpy())
    return np.asarray(kept).view(np.int64)


def _fill(shape, value, dtype=np.int64) -> np.ndarray:
    a = spare_arrays.empty(shape, dtype)
    a[...] = value
    return a


def test_a_buffer_nobody_holds_is_used_again_with_room_to_grow() -> None:
    a = _fill(5000, 1)
    assert spare_arrays.pooled(a) and a.shape == (5000,) and a.flags.writeable and a.flags.c_contiguous
    base = id(a.base)  # not the buffer itself: holding it is holding its memory
    del a
    b = _fill(5003, 2)  # a few more: fits the spare room
    assert id(b.base) == base
    assert spare_arrays.in_use() == (1, 1)
    m = _fill((200, 25), 3)  # two-dimensional, another buffer
    assert m.shape == (200, 25) and id(m.base) != base


@pytest.mark.parametrize("hold", [
    lambda a: a[10:20],  # a slice
    lambda a: a.view("datetime64[ns]"),  # another type over the same memory
    lambda a: pd.Series(a, copy=False),
    lambda a: _utc_series(a).iloc[3:9],  # a slice of the snapshot's time column
    lambda a: pd.DataFrame({"t": a}, copy=False)["t"],
    lambda a: memoryview(a),
])
def test_a_buffer_any_reader_holds_is_not_written(hold) -> None:
    a = _fill(5000, 7)
    kept = hold(a)
    base = id(a.base)  # not the buffer itself: holding it is holding its memory
    del a
    b = _fill(5000, 8)
    assert id(b.base) != base and not np.shares_memory(b, _ints(kept))
    assert (_ints(kept) == 7).all()
    del kept, b
    c = _fill(5000, 9)
    assert id(c.base) == base  # free again: used again


def test_small_and_object_arrays_are_not_pooled() -> None:
    assert not spare_arrays.pooled(spare_arrays.empty(10, np.int64))
    assert not spare_arrays.pooled(spare_arrays.empty(5000, object))


def test_a_small_request_does_not_take_a_large_buffer_and_free_ones_beyond_the_budget_go(monkeypatch) -> None:
    big = _fill(100_000, 1)
    base = id(big.base)
    del big
    small = _fill(5000, 2)
    assert id(small.base) != base  # the 100,000-element buffer stays for the next large array
    assert spare_arrays.in_use() == (2, 1)
    monkeypatch.setattr(spare_arrays, "FREE_BYTES", 50_000 * 8)
    held = [_fill(5000 + 10_000 * i, i) for i in range(4)]
    assert spare_arrays.in_use() == (5, 5)  # the free large buffer went; those in use stay whatever their size
    del held
    new = _fill(2000, 0)  # any request: free ones beyond the budget dropped, least recently used first
    assert spare_arrays.in_use()[1] == 2  # ``small`` and ``new``
    total = sum(b.nbytes for b in spare_arrays._buffers)
    assert total - small.base.nbytes - new.base.nbytes <= 50_000 * 8
    assert spare_arrays.in_use()[0] >= 3, "free ones within the budget stay"


def test_reserved_room_is_what_the_next_arrays_take() -> None:
    likes = [np.zeros(5000, np.int64), np.zeros(5000, np.int64), np.zeros(5000, np.int16), np.zeros(10, np.int64)]
    assert spare_arrays.reserve(likes) == 3  # one each (two of the same type and size), none for a small one
    assert spare_arrays.in_use() == (3, 0)
    assert spare_arrays.reserve(likes) == 0  # free room enough already
    a, b, c = _fill(5002, 1), _fill(5001, 2), _fill(5003, 3, np.int16)  # a few more elements, as after a move
    assert spare_arrays.in_use() == (3, 3)
    assert spare_arrays.reserve(likes) == 3  # all in use now: the room for the next generation
    del a, b, c

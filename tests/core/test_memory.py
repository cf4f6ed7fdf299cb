"""Freed memory goes back to the system (core/memory.py; issue #16's peak memory)."""

from __future__ import annotations

import os

import pytest

from pdsa_desk.core import memory

glibc = pytest.mark.skipif(memory._glibc() is None, reason="glibc's allocator only (Linux)")


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


@glibc
def test_release_returns_freed_small_blocks_that_free_alone_keeps() -> None:
    # 120 MB of 1 kB blocks (each far below the mmap threshold, so they live in the heap), then one block
    # after them, so that the freed ones are not at the top of the heap (which free() trims by itself).
    blocks = [bytearray(1000) for _ in range(120_000)]
    for b in blocks:
        b[::4096 // 8] = b"x" * len(b[::4096 // 8])  # touch them
    keep = bytearray(1000)
    before = _rss_mb()
    del blocks
    after_free = _rss_mb()
    assert memory.release_free_memory()
    after_release = _rss_mb()
    assert before - after_free < 40  # free() alone keeps most of it ...
    assert after_free - after_release > 60  # ... which the release gives back
    del keep


@glibc
def test_arenas_can_be_limited() -> None:
    assert memory.limit_arenas()


def test_elsewhere_nothing_is_done(monkeypatch) -> None:
    monkeypatch.setattr(memory, "_libc", None)
    monkeypatch.setattr(memory, "_looked_up", True)
    assert memory.limit_arenas() is False
    assert memory.release_free_memory() is False

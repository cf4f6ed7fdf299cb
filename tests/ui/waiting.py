"""Waiting for views that refresh in the background (their refresh never blocks the GUI thread)."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtTest import QTest

TIMEOUT = 30_000


def settled(qtbot: Any, view: Any, timeout: int = TIMEOUT) -> Any:
    """Wait until ``view`` shows the current data: its refresh and what it started have arrived (and the
    edits it is recording, e.g. a board move written on the worker, are written)."""
    qtbot.waitUntil(lambda: not view.updating and not getattr(view, "pending_edits", 0), timeout=timeout)
    return view


def settle(view: Any, timeout: int = TIMEOUT) -> Any:
    """:func:`settled` for helpers that have no ``qtbot``: runs the event loop until ``view`` is not updating."""
    deadline = time.monotonic() + timeout / 1000
    while view.updating or getattr(view, "pending_edits", 0):
        if time.monotonic() > deadline:
            raise AssertionError(f"{type(view).__name__} still updating after {timeout} ms")
        QTest.qWait(5)
    return view


def refreshed(qtbot: Any, view: Any, timeout: int = TIMEOUT) -> Any:
    """``view.refresh()``, then wait until it shows the current data."""
    view.refresh()
    return settled(qtbot, view, timeout)


def analysis(qtbot: Any, ctx: Any, timeout: int = TIMEOUT) -> Any:
    """The context's current analysis snapshot, waited for (loaded or patched in the background)."""
    got: list[Any] = []
    ctx.analysis_in_background(got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=timeout)
    return got[0]


def recorded(qtbot: Any, board: Any, timeout: int = TIMEOUT) -> Any:
    """Wait until the Board's edits started from it (written on the worker thread) are recorded or refused."""
    qtbot.waitUntil(lambda: not board.pending_edits, timeout=timeout)
    return board


def reread(qtbot: Any, editor: Any, timeout: int = TIMEOUT) -> Any:
    """Wait until the cycle editor has read its cycle again after an edit (on the quick-read thread)."""
    qtbot.waitUntil(lambda: not editor.rereading, timeout=timeout)
    return editor

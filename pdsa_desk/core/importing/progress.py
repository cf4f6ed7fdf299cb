"""Progress and cancelling: how a long import reports how far it is and learns that it should stop."""

from __future__ import annotations

from collections.abc import Callable

from pdsa_desk.core.importing.results import Cancelled

Progress = Callable[[float, str], None]
#: The share of the progress bar that reading the file takes (writing takes the rest).
READ_SHARE = 0.6


class Steps:
    """``progress(fraction, message)`` and ``cancel()`` of one import or scan (either may be None)."""

    def __init__(self, progress: Progress | None, cancel: Callable[[], bool] | None) -> None:
        self.progress = progress
        self.cancel = cancel

    def say(self, fraction: float, message: str) -> None:
        if self.progress is not None:
            self.progress(fraction, message)

    def check(self) -> None:
        """Raise :class:`Cancelled` when ``cancel()`` says so."""
        if self.cancel is not None and self.cancel():
            raise Cancelled()

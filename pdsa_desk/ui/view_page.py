"""A view's page in the main window's stack, which answers for a hidden view without asking it (issue #16, stop 24).

A widget whose size hint may change (a label given a new text: the Board's summary line, its column headers) asks its
layout for room again, and that request climbs to the main window. Its stack (``QStackedLayout``) then asks *every*
page for its size and for its height at the window's width -- the hidden views too, down to their Python layouts (the
Charts' legends): 460-1,390 Python calls per edit with the Board shown at 1M events, each waiting for the GIL held by
the worker, and stalls of 45-95 ms where the Board's own work was ~10 ms (This week's summary line was boxed for the
same reason in stop 23, ``ui/views/week_summary.py``).

:class:`ViewPage` answers those questions for a hidden page with what it answered when it was last shown (a page never
shown asks its view once). So the stack's size stays what it was; a hidden view whose needs changed meanwhile is asked
again when it is shown (showing a page lays the stack out again), which is the only time its size matters.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

__all__ = ["ViewPage"]


class ViewPage(QWidget):
    """A page of the main window's stack (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._heights: dict[int, int] = {}  # width -> height for that width, as last answered when shown
        self._hint: QSize | None = None
        self._minimum: QSize | None = None
        #: How many size questions were asked of the view inside (for tests).
        self.asked = 0

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        if self.isVisible() or width not in self._heights:
            self.asked += 1
            if len(self._heights) >= 64:  # the window resized many times: only the widths of late matter
                self._heights.clear()
            self._heights[width] = super().heightForWidth(width)
        return self._heights[width]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        if self.isVisible() or self._hint is None:
            self.asked += 1
            self._hint = super().sizeHint()
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        if self.isVisible() or self._minimum is None:
            self.asked += 1
            self._minimum = super().minimumSizeHint()
        return self._minimum

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        self._heights.clear()  # what the view needs now, not when it was last shown
        self._hint = self._minimum = None
        super().showEvent(event)

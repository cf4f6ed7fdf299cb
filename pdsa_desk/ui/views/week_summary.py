"""This week's summary line, which changes at every edit ("updating…") without laying out the window again.

A label whose text changes asks its layout for room again, and that request climbs to the main window, whose
stack of views then asks every page -- the hidden ones too, the Charts' legends among them (Python layouts) --
for its height. After an edit with This week shown that happened twice (the line ends in "updating…", then
in the new figures) while the worker computed the agenda, and each of those Python calls waited for the GIL:
stalls of 110-160 ms with 40 ms of the GUI thread's own work at 100,000 events (issue 16). So the label is not
in a layout: :class:`SummaryBox` holds it and keeps the height its reserved texts need at its width; a change of
text that fits the room stays inside the box (a layout request to a widget without a layout goes nowhere).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from pdsa_desk.ui.widgets import ReservedLabel

__all__ = ["SummaryBox", "SummaryLabel"]


class SummaryLabel(ReservedLabel):
    """A :class:`ReservedLabel` in a :class:`SummaryBox`: the box takes a new height only when a text needs it."""

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self._fit()

    def reserve(self, *texts: str) -> None:
        super().reserve(*texts)
        self._fit()

    def _fit(self) -> None:
        box = self.parentWidget()
        if isinstance(box, SummaryBox):
            box.fit()


class SummaryBox(QWidget):
    """The room of a :class:`SummaryLabel`: as wide as its layout makes it, as tall as the label needs there."""

    def __init__(self, label: SummaryLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.fit()

    def fit(self) -> None:
        """The label's height at the box's width (a new fixed height only when it differs: that one change is
        laid out)."""
        height = self.label.heightForWidth(max(1, self.width()))
        if height < 0:  # no height for a width (no text yet): the label's own
            height = max(0, self.label.sizeHint().height())
        if height != self.minimumHeight() or height != self.maximumHeight():
            self.setFixedHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.label.sizeHint().width(), self.minimumHeight())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(0, self.minimumHeight())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.label.setGeometry(self.rect())
        if event.size().width() != event.oldSize().width():
            self.fit()

"""A PDSA cycle's span on the conversion chart: a shaded band the height of the view, its edges drawn when the
cycle is highlighted.

It replaces ``pg.LinearRegionItem``, which is built to be dragged: two ``InfiniteLine`` children with their own
pens, hover states and signals. Making and setting one cost ~1.7 ms, so the 73 cycle bands of a company-scale
workspace took 0.12 s of the GUI thread in the first drawing of the chart (issue 16). A band is never dragged
nor hovered (the region was not movable, so it never showed its hover brush); it keeps its tooltip.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QPainter, QPen


class CycleBand(pg.GraphicsObject):
    """The span ``setRegion((x0, x1))`` filled with ``setBrush``, edged with ``set_edge_pen`` (None: no edges)."""

    def __init__(self) -> None:
        super().__init__()
        self._region = (0.0, 1.0)
        self._brush = QBrush()
        self._edge_pen: QPen | None = None
        self._rect_cache: QRectF | None = None
        # What the chart last set (it sets only what differs when it draws again).
        self.drawn_region: tuple[float, float] | None = None
        self.drawn_strong: bool | None = None
        self.drawn_tip: str | None = None

    def setRegion(self, region: tuple[float, float]) -> None:  # noqa: N802 - LinearRegionItem's name
        low, high = sorted((float(region[0]), float(region[1])))
        if (low, high) != self._region:
            self._region = (low, high)
            self.prepareGeometryChange()
            self.update()

    def getRegion(self) -> tuple[float, float]:  # noqa: N802
        return self._region

    def setBrush(self, brush: QBrush) -> None:  # noqa: N802
        self._brush = QBrush(brush)
        self.update()

    def set_edge_pen(self, pen: QPen | None) -> None:
        self._edge_pen = pen
        self.update()

    def edge_pen(self) -> QPen | None:
        return self._edge_pen

    def boundingRect(self) -> QRectF:  # noqa: N802 - as LinearRegionItem: the region across the view's height
        view = self.viewRect()
        if view is None:
            return QRectF()
        low, high = self._region
        rect = QRectF(QPointF(low, view.top()), QPointF(high, view.bottom())).normalized()
        if rect != self._rect_cache:
            self._rect_cache = rect
            self.prepareGeometryChange()
        return rect

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange: Any = None) -> tuple[float, float] | None:  # noqa: N802, N803
        return self._region if axis == 0 else None

    def paint(self, painter: QPainter, *_args: Any) -> None:
        rect = self.boundingRect()
        painter.setPen(pg.mkPen(None))
        painter.setBrush(self._brush)
        painter.drawRect(rect)
        if self._edge_pen is not None:
            painter.setPen(self._edge_pen)
            for x in self._region:
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

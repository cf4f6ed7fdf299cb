"""A PDSA cycle's span on the conversion chart: a shaded band the height of the view, its edges drawn when the
cycle is highlighted.

It replaces ``pg.LinearRegionItem``, which is built to be dragged: two ``InfiniteLine`` children with their own
pens, hover states and signals. Making and setting one cost ~1.7 ms, so the 73 cycle bands of a company-scale
workspace took 0.12 s of the GUI thread in the first drawing of the chart (issue 16). A band is never dragged
nor hovered (the region was not movable, so it never showed its hover brush); it keeps its tooltip.
:class:`BandsAhead` makes a chart's bands ahead of its first drawing, a few per event-loop turn.
"""

from __future__ import annotations

from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QTimer
from PySide6.QtGui import QBrush, QPainter, QPen

from pdsa_desk.ui import plotting

#: Cycle bands (with their titles) made per event-loop turn ahead of the first drawing (≈ 0.5 ms each).
BANDS_PER_TURN = 12


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


class BandsAhead:
    """The conversion chart's pool of cycle bands and their titles (``band_items``, ``band_labels``), which it
    can fill ahead of a drawing, a few per event-loop turn (its ``_band_maker``: a single-shot 0 ms timer)."""

    band_items: list[CycleBand]
    band_labels: list[pg.TextItem]
    plot_item: Any
    _bands_wanted: int
    _band_maker: QTimer

    @staticmethod
    def _make_band() -> CycleBand:
        band = CycleBand()
        band.setZValue(-10)
        return band

    @staticmethod
    def _make_band_label() -> pg.TextItem:
        label = pg.TextItem(anchor=(0, 0), color=plotting.text_colour())
        label.setZValue(50)
        return label

    def prepare_bands(self, n: int) -> bool:
        """Make ``n`` cycle bands and their titles ahead, hidden, :data:`BANDS_PER_TURN` per event-loop turn
        (e.g. while the series is computed): the first drawing then only sets them. A company-scale workspace
        has 70+ cycles on a transition; made in the drawing's turn their items took ≈ 35 ms of its 64 ms at
        1M. What is drawn does not change: :meth:`_draw_bands` sets every item it shows, made here or there.
        True when ``n`` are made (nothing left to make for a drawing of ``n`` bands)."""
        self._bands_wanted = max(self._bands_wanted, n)
        if len(self.band_items) < self._bands_wanted and not self._band_maker.isActive():
            self._band_maker.start()
        return len(self.band_items) >= n

    def _make_some_bands(self) -> None:
        for _ in range(BANDS_PER_TURN):
            if len(self.band_items) >= self._bands_wanted:
                break
            for items, make in ((self.band_items, self._make_band), (self.band_labels, self._make_band_label)):
                item = make()
                item.setVisible(False)
                self.plot_item.addItem(item, ignoreBounds=True)
                items.append(item)
        if len(self.band_items) < self._bands_wanted:
            self._band_maker.start()

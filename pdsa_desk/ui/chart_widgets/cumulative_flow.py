"""The cumulative flow diagram proper: cumulative arrivals per state, as ActionableAgile draws one.

Each line counts the opportunities that had arrived in a state (or a later one) by the end of each day,
so every line only rises; the band between a line and the next one down is the work in that state.
The numbers come from :func:`pdsa_desk.core.flow.cumulative_flow`; this widget only draws them.

At company scale the diagram spans years of days: the lines are drawn through at most about one day per pixel
of the plot's width (every k-th day and the last one, :func:`kept_points`; the values at the drawn days are
the series' own, none is averaged), again when the plot gets wider or narrower. The bands are filled without
antialiasing (:class:`FlatFill`; their edges are the antialiased lines drawn on top) and their outlines are
computed once per drawing, not on each change of the lines on either side.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainter, QResizeEvent
from PySide6.QtWidgets import QWidget

from pdsa_desk.ui import i18n
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.style import STAGE_COLOURS, count_text, date_text, with_alpha

if TYPE_CHECKING:
    from pdsa_desk.core.flow import CumulativeFlow

#: Closed work: lost in grey, won in a dark green apart from the stages' bluish green.
_CLOSED = {"lost": "#9E9E9E", "won": "#1F5F3F"}


def kept_points(n: int, pixels: int) -> np.ndarray:
    """Indices of the days drawn for ``n`` days on ``pixels`` pixels: all of them when they fit, else every
    k-th day (k the smallest step that fits) and the last one (the diagram ends on the as-of day)."""
    if pixels <= 0 or n <= pixels:
        return np.arange(n)
    kept = np.arange(0, n, math.ceil(n / pixels))
    return kept if kept[-1] == n - 1 else np.append(kept, n - 1)


class FlatFill(pg.FillBetweenItem):
    """The band between two lines, filled without antialiasing, its outline computed on :meth:`update_path`
    while ``frozen`` (a drawing that sets every line updates each band once, not once per line)."""

    def __init__(self, curve1: pg.PlotDataItem, curve2: pg.PlotDataItem) -> None:
        self.frozen = False
        super().__init__(curve1, curve2)

    def curveChanged(self) -> None:  # noqa: N802 - pyqtgraph API
        if not self.frozen:
            super().curveChanged()

    def updatePath(self) -> None:  # noqa: N802 - pyqtgraph API
        """pyqtgraph's outline, built from the two lines' arrays at once: the first line, then the second
        backwards, as one polygon. pyqtgraph goes through each line's QPainterPath and its polygons, which took
        ~90 ms of one event-loop turn for the five bands of the open-work chart at 1M. Lines with gaps (NaN)
        or not of :class:`pg.PlotDataItem` take pyqtgraph's way (one polygon per piece)."""
        lines = [c.curve.getData() for c in self.curves or () if isinstance(c, pg.PlotDataItem)]
        if len(lines) != 2 or any(x is None or y is None for x, y in lines):
            super().updatePath()
            return
        (x1, y1), (x2, y2) = lines
        x = np.concatenate([np.asarray(x1, dtype=float), np.asarray(x2, dtype=float)[::-1]])
        y = np.concatenate([np.asarray(y1, dtype=float), np.asarray(y2, dtype=float)[::-1]])
        if not (len(x1) and len(x2)) or not (np.isfinite(x).all() and np.isfinite(y).all()):
            super().updatePath()
            return
        path = pg.arrayToQPath(x, y, connect="all")
        path.setFillRule(self.fillRule())
        self.setPath(path)

    def paint(self, painter: QPainter, *args: Any) -> None:
        antialiased = painter.testRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        super().paint(painter, *args)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, antialiased)


class CumulativeFlowChart(ChartFrame):
    """Cumulative arrivals per state (open stages from the top, then Lost and Won at the bottom)."""

    export_name = "cumulative-flow"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, y_label=self.tr("Opportunities (cumulative)"))
        self.curves: list[pg.PlotDataItem] = []
        self.fills: list[FlatFill] = []
        self.floor = pg.PlotDataItem(pen=pg.mkPen(None))
        self.plot_item.addItem(self.floor)
        self.data: CumulativeFlow | None = None
        self.pixels = 0  # the plot width the drawn days were chosen for

    def _plot_pixels(self) -> int:
        """The plot area's width in pixels (the screen's while the chart has not been laid out yet)."""
        width = int(self.plot_item.getViewBox().width())
        if width < 100 or not self.isVisible():
            screen = self.screen()
            width = max(width, screen.availableGeometry().width() if screen is not None else 1920)
        return width

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.data is not None and len(self.data.lines) > min(self.pixels, self._plot_pixels()):
            pixels = self._plot_pixels()
            if abs(pixels - self.pixels) > 0.1 * self.pixels:  # the drawn days no longer fit one per pixel
                self._draw_lines()

    def _colour(self, i: int, name: str, n_open: int) -> str:
        if i >= n_open:
            return _CLOSED["lost" if name == "Lost" else "won"]
        return STAGE_COLOURS[i % len(STAGE_COLOURS)]

    def _ensure(self, k: int) -> None:
        while len(self.curves) < k:
            curve = pg.PlotDataItem(pen=pg.mkPen("#000000", width=1))
            self.plot_item.addItem(curve)
            self.curves.append(curve)
        while len(self.fills) < k:
            i = len(self.fills)
            below = self.curves[i + 1] if i + 1 < k else self.floor
            fill = FlatFill(self.curves[i], below)
            fill.setZValue(-5)
            self.plot_item.addItem(fill)
            self.fills.append(fill)

    def set_data(self, data: CumulativeFlow | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        title = self.tr("Cumulative flow")
        for extra in (scope_label, range_label):
            if extra:
                title += f" · {extra}"
        if data is None or not len(data.lines):
            for curve in self.curves:
                curve.setData([], [])
            for fill in self.fills:
                fill.hide()
            self.set_title(title)
            self.show_message(self.tr("No stage moves in this scope and range yet."))
            return
        self.show_plot()
        lines = data.lines
        cols = list(lines.columns)
        k = len(cols)
        n_open = k - 2  # the last two states are Lost and Won
        # Rebuild the fills when the number of states changed (each fills down to the next line).
        if len(self.fills) != k:
            for fill in self.fills:
                self.plot_item.removeItem(fill)
            self.fills = []
        self._ensure(k)
        entries: list[tuple[str, str, str]] = []
        for i, curve in enumerate(self.curves):
            curve.setVisible(i < k)
            if i < len(self.fills):
                self.fills[i].setVisible(i < k)
        for i, state in enumerate(cols):
            name = str(data.names[state])
            colour = self._colour(i, name, n_open)
            self.curves[i].setPen(pg.mkPen(with_alpha(colour, 255).darker(130), width=1))
            self.fills[i].setBrush(pg.mkBrush(with_alpha(colour, 170)))
            entries.append(("area", i18n.text(data.names[state]), colour))  # "Lost", "Won": core's, translated
        self._draw_lines()
        self.legend.set_entries(entries)
        last = lines.index[-1]
        open_now = int(sum(data.band(s)[-1] for s in cols[:n_open]))
        self.set_title(title, self.tr(
            "Each line counts the opportunities that had reached a stage (or a later one) by each day, so lines only "
            "rise; the band between two lines is the work in that stage: {0} open on {1}. A widening band is work "
            "piling up; the slope of the bottom lines is the rate of closing.").format(
                count_text(open_now), date_text(last)))
        self.plot_item.enableAutoRange()

    def _draw_lines(self) -> None:
        """Set the lines (and the bands between them) through the days that fit the plot's width."""
        data = self.data
        if data is None:
            return
        self.pixels = self._plot_pixels()
        kept = kept_points(len(data.lines), self.pixels)
        t = data.t[kept]
        for fill in self.fills:
            fill.frozen = True
        try:
            self.floor.setData(t, np.zeros(len(t)))
            for i, state in enumerate(data.lines.columns):
                self.curves[i].setData(t, data.lines[state].to_numpy(dtype=float)[kept])
        finally:
            for fill in self.fills:
                fill.frozen = False
                fill.updatePath()

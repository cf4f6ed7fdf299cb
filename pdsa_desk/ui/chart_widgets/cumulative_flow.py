"""The cumulative flow diagram proper: cumulative arrivals per state, as ActionableAgile draws one.

Each line counts the opportunities that had arrived in a state (or a later one) by the end of each day,
so every line only rises; the band between a line and the next one down is the work in that state.
The numbers come from :func:`pdsa_desk.core.flow.cumulative_flow`; this widget only draws them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from pdsa_desk.ui import i18n
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.style import STAGE_COLOURS, count_text, date_text, with_alpha

if TYPE_CHECKING:
    from pdsa_desk.core.flow import CumulativeFlow

#: Closed work: lost in grey, won in a dark green apart from the stages' bluish green.
_CLOSED = {"lost": "#9E9E9E", "won": "#1F5F3F"}


class CumulativeFlowChart(ChartFrame):
    """Cumulative arrivals per state (open stages from the top, then Lost and Won at the bottom)."""

    export_name = "cumulative-flow"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, y_label=self.tr("Opportunities (cumulative)"))
        self.curves: list[pg.PlotDataItem] = []
        self.fills: list[pg.FillBetweenItem] = []
        self.floor = pg.PlotDataItem(pen=pg.mkPen(None))
        self.plot_item.addItem(self.floor)
        self.data: CumulativeFlow | None = None

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
            fill = pg.FillBetweenItem(self.curves[i], below)
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
        t = data.t
        self.floor.setData(t, np.zeros(len(t)))
        entries: list[tuple[str, str, str]] = []
        for i, curve in enumerate(self.curves):
            curve.setVisible(i < k)
            if i < len(self.fills):
                self.fills[i].setVisible(i < k)
        for i, state in enumerate(cols):
            name = str(data.names[state])
            colour = self._colour(i, name, n_open)
            self.curves[i].setPen(pg.mkPen(with_alpha(colour, 255).darker(130), width=1))
            self.curves[i].setData(t, lines[state].to_numpy(dtype=float))
            self.fills[i].setBrush(pg.mkBrush(with_alpha(colour, 170)))
            entries.append(("area", i18n.text(data.names[state]), colour))  # "Lost", "Won": core's, translated
        self.legend.set_entries(entries)
        last = lines.index[-1]
        open_now = int(sum(data.band(s)[-1] for s in cols[:n_open]))
        self.set_title(title, self.tr(
            "Each line counts the opportunities that had reached a stage (or a later one) by each day, so lines only "
            "rise; the band between two lines is the work in that stage: {0} open on {1}. A widening band is work "
            "piling up; the slope of the bottom lines is the rate of closing.").format(
                count_text(open_now), date_text(last)))
        self.plot_item.enableAutoRange()

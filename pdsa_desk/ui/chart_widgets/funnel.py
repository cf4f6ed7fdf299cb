"""The stage funnel: opportunities per stage with the step conversion."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from pdsa_desk.ui import formatting, plotting
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.style import count_text, with_alpha
from pdsa_desk.ui.plotting import POINT

if TYPE_CHECKING:
    from pdsa_desk.core.charts import FunnelData


class FunnelChart(ChartFrame):
    """Volume per stage (horizontal bars, first stage on top) with the step conversion."""

    export_name = "funnel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_dates=False)
        self.plot.setLabel("bottom", self.tr("Opportunities that reached the stage"))
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.vb.setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brush=with_alpha(POINT, 200), pen=pg.mkPen(None))
        self.plot_item.addItem(self.bars)
        self.labels: list[pg.TextItem] = []
        self.data: FunnelData | None = None
        self.legend.set_entries([("area", self.tr("Opportunities per stage"), POINT)])

    def set_data(self, data: FunnelData | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        if data is None or not len(data.frame) or int(data.frame["n"].sum()) == 0:
            self.bars.setOpts(x0=[], y=[], width=[], height=0.6)
            for label in self.labels:
                label.hide()
            self.set_title(self.tr("Stage funnel"))
            self.show_message(self.tr("No opportunities in this scope and range yet."))
            return
        self.show_plot()
        frame = data.frame
        k = len(frame)
        y = np.arange(k)[::-1].astype(float)
        n = frame["n"].to_numpy(dtype=float)
        self.bars.setOpts(x0=np.zeros(k), y=y, width=n, height=0.6)
        while len(self.labels) < k:
            label = pg.TextItem(anchor=(0, 0.5), color=plotting.text_colour())
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            label.setVisible(i < k)
        rows = zip(frame["n"].tolist(), frame["step_p"].tolist(), frame["share"].tolist(), strict=True)
        for i, (count, step_p, share) in enumerate(rows):
            text = count_text(count)
            if i > 0:
                text += self.tr("  ·  {0} of previous").format(formatting.pct(step_p))
                text += self.tr(", {0} of first").format(formatting.pct(share))
            self.labels[i].setText(text)
            self.labels[i].setPos(float(count), float(y[i]))
        ax = self.plot.getAxis("left")
        ax.setTicks([[(float(y[i]), str(name)) for i, name in enumerate(frame["name"])], []])
        top = float(n.max()) if n.size else 1.0
        self.vb.setRange(xRange=(0, top * 1.55), yRange=(-0.6, k - 0.4), padding=0)
        first = frame["n"].iloc[0]
        last = frame["n"].iloc[-1]
        title = self.tr("Stage funnel")
        if scope_label:
            title += f" · {scope_label}"
        if range_label:
            title += f" · {range_label}"
        summary = self.tr("Opportunities by the first time they entered each stage; {0} of {1} reached “{2}” "
                          "({3}).").format(count_text(last), count_text(first), frame["name"].iloc[-1],
                                           formatting.pct(last / first if first else math.nan))
        self.set_title(title, summary)

    def bar_count(self) -> int:
        return len(self.bars.opts.get("width") if self.bars.opts.get("width") is not None else [])

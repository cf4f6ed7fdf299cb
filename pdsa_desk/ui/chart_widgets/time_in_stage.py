"""Time in stage: completed stage visits per stage as horizontal box plots."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QToolTip, QWidget

from pdsa_desk.ui import plotting
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.style import count_text, with_alpha
from pdsa_desk.ui.formatting import number
from pdsa_desk.ui.plotting import OKABE_ITO, POINT, REVISION

if TYPE_CHECKING:
    from pdsa_desk.core.charts import DurationData


class TimeInStageChart(ChartFrame):
    """Time in stage per stage as horizontal box plots (completed visits).

    Box: 25th–75th percentile with the median; whiskers: 10th–90th
    percentile; diamond: the 85th percentile (the aging threshold).
    """

    export_name = "time-in-stage"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_dates=False)
        self.plot.setLabel("bottom", self.tr("Days in stage"))
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.vb.setMouseEnabled(x=True, y=False)
        self.boxes = pg.BarGraphItem(x0=[], y=[], height=0.5, width=[], brush=with_alpha(OKABE_ITO["sky"], 140),
                                     pen=pg.mkPen(POINT))
        self.whiskers = pg.PlotDataItem(pen=pg.mkPen(plotting.text_colour(), width=1.5), connect="finite")
        self.medians = pg.PlotDataItem(pen=pg.mkPen(plotting.text_colour(), width=2.5), connect="finite")
        self.p85 = pg.ScatterPlotItem(symbol="d", size=10, pen=pg.mkPen(REVISION), brush=pg.mkBrush(REVISION))
        for item in (self.whiskers, self.boxes, self.medians, self.p85):
            self.plot_item.addItem(item)
        self.labels: list[pg.TextItem] = []
        self.data: DurationData | None = None
        self.legend.set_entries([
            ("box", self.tr("Middle half of visits, with the median")),
            ("whisker", self.tr("10th–90th percentile")),
            ("p85", self.tr("85th percentile (aging threshold)")),
        ])
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    def set_data(self, data: DurationData | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        title = self.tr("Time in stage")
        if scope_label:
            title += f" · {scope_label}"
        if range_label:
            title += f" · {range_label}"
        summary_frame = None if data is None else data.summary[data.summary["n"] > 0]
        if data is None or summary_frame is None or not len(summary_frame):
            self.boxes.setOpts(x0=[], y=[], width=[], height=0.5)
            for item in (self.whiskers, self.medians, self.p85):
                item.setData([], [])
            for label in self.labels:
                label.hide()
            self.set_title(title)
            self.show_message(self.tr("No completed stage visits in this scope and range yet."))
            return
        self.show_plot()
        s = data.summary
        k = len(s)
        y = np.arange(k)[::-1].astype(float)
        has = s["n"].to_numpy() > 0
        p25, p75 = s["p25"].to_numpy(), s["p75"].to_numpy()
        self.boxes.setOpts(x0=np.where(has, p25, 0)[has], y=y[has], width=(p75 - p25)[has], height=0.5)
        nan = np.full(k, np.nan)
        wx = np.column_stack([s["p10"], s["p25"], nan, s["p75"], s["p90"], nan]).ravel()
        wy = np.column_stack([y, y, nan, y, y, nan]).ravel()
        self.whiskers.setData(wx, wy)
        mx = np.column_stack([s["median"], s["median"], nan]).ravel()
        my = np.column_stack([y - 0.25, y + 0.25, nan]).ravel()
        self.medians.setData(mx, my)
        self.p85.setData(s["p85"].to_numpy()[has], y[has])
        while len(self.labels) < k:
            label = pg.TextItem(anchor=(0, 0.5), color=plotting.text_colour())
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            label.setVisible(i < k)
        rows = zip(s["n"].tolist(), s["median"].tolist(), s["p90"].tolist(), strict=True)
        for i, (count, median, p90) in enumerate(rows):
            if count:
                self.labels[i].setText(self.tr("median {0} d · n {1}").format(number(median, 1), count_text(count)))
                self.labels[i].setPos(float(p90), float(y[i]))
            else:
                self.labels[i].setText(self.tr("no completed visits"))
                self.labels[i].setPos(0.0, float(y[i]))
        ax = self.plot.getAxis("left")
        ax.setTicks([[(float(y[i]), str(name)) for i, name in enumerate(s["name"])], []])
        right = float(np.nanmax(s["p90"].to_numpy()))
        self.vb.setLimits(xMin=0)
        self.vb.setRange(xRange=(0, right * 1.45), yRange=(-0.6, k - 0.4), padding=0)
        self.set_title(title, self.tr("Completed stage visits (until the next stage move or close), in days."))

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        data = self.data
        if data is None or not self.vb.sceneBoundingRect().contains(scene_pos):
            return
        k = len(data.summary)
        pos = self.vb.mapSceneToView(scene_pos)
        i = k - 1 - round(pos.y())
        if not 0 <= i < k:
            return
        row = data.summary.iloc[i]
        if not row["n"]:
            return
        text = self.tr("{0}: {1} completed visits\nmedian {2} days, middle half {3}–{4} days\n"
                       "10th–90th percentile {5}–{6} days; 85th percentile {7} days").format(
            row["name"], count_text(row["n"]), *(number(row[k], 1) for k in ("median", "p25", "p75", "p10", "p90",
                                                                              "p85")))
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), text, self.plot)

    def box_count(self) -> int:
        width = self.boxes.opts.get("width")
        return 0 if width is None else len(width)

"""Open work by stage: work in progress per stage per day, with WIP limits (the true cumulative flow
diagram is :mod:`pdsa_desk.ui.chart_widgets.cumulative_flow`).

The bands are filled without antialiasing and outlined once per drawing (:class:`FlatFill`). Every day is drawn:
unlike the cumulative lines, open work goes up and down, and a day over a WIP limit must not fall between
two drawn days.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QToolTip, QWidget

from pdsa_desk.ui import formatting
from pdsa_desk.ui.chart_widgets.cumulative_flow import FlatFill
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.style import STAGE_COLOURS, count_text, date_text, with_alpha
from pdsa_desk.ui.plotting import SIGNAL

if TYPE_CHECKING:
    from pdsa_desk.core.charts import FlowData


class FlowChart(ChartFrame):
    """A cumulative flow diagram: work in progress per stage per day, stacked, with WIP limits.

    Stacked (default): each stage is a band, the most advanced stage at the
    bottom; days a stage is over its WIP limit are traced in thick vermillion
    along the band's top. Unstacked: one line per stage with its limit dashed.
    """

    export_name = "flow"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, y_label=self.tr("Open opportunities"))
        self.stack_box = QCheckBox(self.tr("&Stacked"))
        self.stack_box.setChecked(True)
        self.stack_box.setToolTip(self.tr("Stack the stages (cumulative flow) or draw one line per stage with its "
                                          "WIP limit"))
        self.stack_box.toggled.connect(lambda _checked: self._redraw())
        header = self.title_label
        row = QHBoxLayout()
        self.frame_layout.removeWidget(header)
        row.addWidget(header, 1)
        row.addWidget(self.stack_box)
        self.frame_layout.insertLayout(0, row)
        self.curves: list[pg.PlotDataItem] = []
        self.fills: list[FlatFill] = []
        self.over_curves: list[pg.PlotDataItem] = []
        self.limit_lines: list[pg.InfiniteLine] = []
        self.baseline_curve = pg.PlotDataItem(pen=pg.mkPen(None))
        self.plot_item.addItem(self.baseline_curve)
        self.data: FlowData | None = None
        self._labels = ("", "")
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    @property
    def stacked(self) -> bool:
        return self.stack_box.isChecked()

    def set_data(self, data: FlowData | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        self._labels = (scope_label, range_label)
        self._redraw()

    def _ensure(self, k: int) -> None:
        while len(self.curves) < k:
            i = len(self.curves)
            colour = STAGE_COLOURS[i % len(STAGE_COLOURS)]
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=1.2))
            self.plot_item.addItem(curve)
            below = self.baseline_curve if i == 0 else self.curves[i - 1]
            fill = FlatFill(curve, below)
            fill.setBrush(pg.mkBrush(with_alpha(colour, 130)))
            fill.setZValue(-5)
            self.plot_item.addItem(fill)
            over = pg.PlotDataItem(pen=pg.mkPen(SIGNAL, width=2.5), connect="finite")
            over.setZValue(20)
            self.plot_item.addItem(over)
            limit = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            self.plot_item.addItem(limit, ignoreBounds=True)
            self.curves.append(curve)
            self.fills.append(fill)
            self.over_curves.append(over)
            self.limit_lines.append(limit)

    def _redraw(self) -> None:
        data = self.data
        scope_label, range_label = self._labels
        title = self.tr("Open work by stage")
        if scope_label:
            title += f" · {scope_label}"
        if range_label:
            title += f" · {range_label}"
        if data is None or not len(data.wip):
            for items in (self.curves, self.over_curves):
                for item in items:
                    item.setData([], [])
            for item in self.fills + self.limit_lines:
                item.hide()
            self.set_title(title)
            self.show_message(self.tr("No stage moves in this scope and range yet."))
            return
        self.show_plot()
        wip = data.wip
        stages = list(wip.columns)
        k = len(stages)
        self._ensure(k)
        t = data.t
        order = stages[::-1]  # the most advanced stage at the bottom
        cum = np.zeros(len(t))
        for fill in self.fills:  # each band's outline once, after both its lines are set
            fill.frozen = True
        self.baseline_curve.setData(t, cum.copy())
        entries: list[tuple[str, str] | tuple[str, str, str]] = []
        any_over = False
        for i, item in enumerate(self.curves):
            visible = i < k
            item.setVisible(visible)
            self.fills[i].setVisible(visible and self.stacked)
            self.over_curves[i].setVisible(visible)
            self.limit_lines[i].setVisible(False)
        for i, stage in enumerate(order):
            colour = STAGE_COLOURS[stages.index(stage) % len(STAGE_COLOURS)]
            values = wip[stage].to_numpy(dtype=float)
            curve = self.curves[i]
            curve.setPen(pg.mkPen(colour, width=1.2 if self.stacked else 2))
            self.fills[i].setBrush(pg.mkBrush(with_alpha(colour, 130)))
            top = cum + values if self.stacked else values
            curve.setData(t, top)
            over = data.over[stage].to_numpy(dtype=bool) if data.limits_apply else np.zeros(len(t), bool)
            any_over |= bool(over.any())
            # include the neighbours so that single days show as a segment
            show = over | np.r_[over[1:], False] | np.r_[False, over[:-1]]
            self.over_curves[i].setData(t, np.where(show & (over | np.r_[over[1:], False]), top, np.nan))
            limit = float(data.limits[stage])
            line = self.limit_lines[i]
            line.setPen(pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            if not self.stacked and data.limits_apply and math.isfinite(limit):
                line.setPos(limit)
                line.setVisible(True)
            if self.stacked:
                cum = top
        for fill in self.fills:
            fill.frozen = False
            fill.updatePath()
        for stage in stages:
            colour = STAGE_COLOURS[stages.index(stage) % len(STAGE_COLOURS)]
            name = str(data.names[stage])
            limit = float(data.limits[stage])
            if data.limits_apply and math.isfinite(limit):
                name += self.tr(" (limit {0})").format(formatting.count(limit))
            entries.append(("area" if self.stacked else "line", name, colour))
        if any_over:
            entries.append(("over", self.tr("Over WIP limit")))
        self.legend.set_entries(entries)
        ymax = float(np.nanmax(cum if self.stacked else wip.to_numpy(dtype=float))) if len(t) else 1.0
        if not self.stacked and data.limits_apply:
            ymax = max(ymax, float(np.nanmax(data.limits.to_numpy(dtype=float), initial=0.0)))
        self.vb.setRange(xRange=(float(t[0]), float(t[-1])), yRange=(0, max(1.0, ymax * 1.05)), padding=0.01)
        last = wip.iloc[-1]
        summary = self.tr("Open opportunities per stage at the end of each day; {0} open on {1}.").format(
            count_text(int(last.sum())), date_text(wip.index[-1]))
        if not data.limits_apply:
            summary += self.tr(" WIP limits apply to the whole workspace, so they are shown for “All” only.")
        elif any_over:
            over_now = [str(data.names[s]) for s in stages if bool(data.over[s].iloc[-1])]
            if over_now:
                summary += self.tr(" Over the limit now: {0}.").format(", ".join(over_now))
        self.set_title(title, summary)

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        data = self.data
        if data is None or not len(data.wip) or not self.vb.sceneBoundingRect().contains(scene_pos):
            return
        x = self.vb.mapSceneToView(scene_pos).x()
        t = data.t
        i = int(np.clip(np.searchsorted(t, x) , 0, len(t) - 1))
        row = data.wip.iloc[i]
        lines = [date_text(data.wip.index[i])]
        for stage in data.wip.columns:
            text = f"{data.names[stage]}: {int(row[stage])}"
            limit = float(data.limits[stage])
            if data.limits_apply and math.isfinite(limit):
                text += f" / {int(limit)}"
                if row[stage] > limit:
                    text += self.tr(" — over the limit")
            lines.append(text)
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), "\n".join(lines), self.plot)

    def area_count(self) -> int:
        return sum(1 for f in self.fills if f.isVisible())

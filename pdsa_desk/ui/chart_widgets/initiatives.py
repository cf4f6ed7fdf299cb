"""Marketing initiatives on a conversion chart: hatched sky-blue spans with a labelled start line.

PDSA cycles are solid orange bands with their title; initiatives are deliberately different in colour,
fill (hatched) and line (dash-dot at the start), so that "we changed something" and "marketing pushed
something" are never confused. Which initiatives a chart shows is decided in
:mod:`pdsa_desk.core.initiative_marks`; this layer only draws them and says what they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

from pdsa_desk.ui.chart_widgets.style import date_text, with_alpha
from pdsa_desk.ui.plotting import INITIATIVE

if TYPE_CHECKING:
    from pdsa_desk.core.initiative_marks import InitiativeMarker

__all__ = ["InitiativeLayer", "initiative_tip"]




def initiative_tip(mark: InitiativeMarker) -> str:
    """What the chart says about one initiative (its tooltip)."""
    if mark.running:
        when = QCoreApplication.translate("InitiativeLayer", "since {0}, still running").format(date_text(mark.start))
    elif (mark.end - mark.start).days <= 1:
        when = QCoreApplication.translate("InitiativeLayer", "on {0}").format(date_text(mark.start))
    else:
        last = mark.end - pd.Timedelta(days=1)
        when = QCoreApplication.translate("InitiativeLayer", "{0} – {1}").format(date_text(mark.start), date_text(last))
    lines = [QCoreApplication.translate("InitiativeLayer", "Marketing initiative “{0}”, {1}").format(mark.name, when)]
    if mark.channel:
        lines.append(QCoreApplication.translate("InitiativeLayer", "Channel: {0}").format(mark.channel))
    else:
        lines.append(QCoreApplication.translate("InitiativeLayer", "Every channel"))
    if mark.owner:
        lines.append(QCoreApplication.translate("InitiativeLayer", "Owner: {0}").format(mark.owner))
    if mark.talking_points:
        lines.append(QCoreApplication.translate("InitiativeLayer", "Tell customers: {0}").format(mark.talking_points))
    lines.append(QCoreApplication.translate(
        "InitiativeLayer", "It may explain a change in this period as much as a PDSA cycle would."))
    return "\n".join(lines)


class InitiativeLayer:
    """The initiative spans and start labels of one plot (items pooled and reused across draws)."""

    def __init__(self, plot_item: pg.PlotItem) -> None:
        self.plot_item = plot_item
        self.spans: list[pg.LinearRegionItem] = []
        self.lines: list[pg.InfiniteLine] = []
        self.labels: list[pg.TextItem] = []
        self.marks: tuple[InitiativeMarker, ...] = ()

    def _pool(self, items: list, n: int, make: Any) -> list:
        while len(items) < n:
            item = make()
            self.plot_item.addItem(item)
            items.append(item)
        for item in items[n:]:
            item.hide()
        for item in items[:n]:
            item.show()
        return items[:n]

    def draw(self, marks: tuple[InitiativeMarker, ...]) -> None:
        self.marks = marks

        def make_span() -> pg.LinearRegionItem:
            span = pg.LinearRegionItem(movable=False, pen=pg.mkPen(None),
                                       brush=pg.mkBrush(color=with_alpha(INITIATIVE, 150),
                                                        style=Qt.BrushStyle.BDiagPattern))
            span.setZValue(-12)  # under the cycle bands' labels and every data item
            for line in span.lines:
                line.setPen(pg.mkPen(None))
            return span

        def make_line() -> pg.InfiniteLine:
            line = pg.InfiniteLine(angle=90, movable=False,
                                   pen=pg.mkPen(INITIATIVE, width=2, style=Qt.PenStyle.DashDotLine))
            line.setZValue(4)
            return line

        def make_label() -> pg.TextItem:
            label = pg.TextItem(anchor=(0, 0), color=INITIATIVE)
            label.setZValue(50)
            return label

        spans = self._pool(self.spans, len(marks), make_span)
        lines = self._pool(self.lines, len(marks), make_line)
        labels = self._pool(self.labels, len(marks), make_label)
        for span, line, label, mark in zip(spans, lines, labels, marks, strict=True):
            x0, x1 = mark.start.value / 1e9, mark.end.value / 1e9
            span.setRegion((x0, x1))
            tip = initiative_tip(mark)
            span.setToolTip(tip)
            line.setPos(x0)
            line.setToolTip(tip)
            text = "▸ " + mark.name
            if getattr(label, "full_text", None) != text:
                label.full_text = text
                label.setText(text)
            label.lane_x = x0
            label.lane_end = x1

    def clear(self) -> None:
        self.marks = ()
        for item in (*self.spans, *self.lines, *self.labels):
            item.hide()

    def visible_labels(self) -> list[pg.TextItem]:
        return [label for label in self.labels if label.isVisible()]

    def during(self, start: Any, end: Any) -> list[str]:
        """The names of the initiatives that overlap ``[start, end)`` (for a point's tooltip)."""
        return [m.name for m in self.marks if m.start < end and start < m.end]

"""Reusable chart widgets: each draws one object from :mod:`pdsa_desk.core.charts`.

* :class:`ConversionChart` -- a :class:`~pdsa_desk.core.charts.ConversionSeries`
  (run / P / P' chart with cycle bands and revision markers);
* :class:`FunnelChart` -- :class:`~pdsa_desk.core.charts.FunnelData`;
* :class:`CumulativeFlowChart` -- :class:`~pdsa_desk.core.flow.CumulativeFlow` (cumulative arrivals);
* :class:`FlowChart` -- :class:`~pdsa_desk.core.charts.FlowData` (open work by stage);
* :class:`TimeInStageChart` -- :class:`~pdsa_desk.core.charts.DurationData`.

Every chart is a :class:`ChartFrame`: a title, a one-line summary, the plot and
a legend, exported together (PNG, SVG, clipboard) so that a picture pasted in
a slide still explains itself. The widgets hold no statistics: they draw.
Plot items are created once and updated with ``setData``.

One module per chart kind (``conversion``, ``funnel``, ``flow``, ``time_in_stage``), on the shared
``frame`` (:class:`ChartFrame`), ``legend`` (:class:`LegendRow`, :func:`paint_legend_icon`) and ``style``
(colours, texts, :class:`PercentAxis`).
"""

from pdsa_desk.ui.chart_widgets.conversion import ConversionChart
from pdsa_desk.ui.chart_widgets.cumulative_flow import CumulativeFlowChart
from pdsa_desk.ui.chart_widgets.flow import FlowChart
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.funnel import FunnelChart
from pdsa_desk.ui.chart_widgets.legend import LegendRow, paint_legend_icon
from pdsa_desk.ui.chart_widgets.style import STAGE_COLOURS, PercentAxis
from pdsa_desk.ui.chart_widgets.time_in_stage import TimeInStageChart

__all__ = [
    "STAGE_COLOURS",
    "ChartFrame",
    "ConversionChart",
    "CumulativeFlowChart",
    "FlowChart",
    "FunnelChart",
    "LegendRow",
    "PercentAxis",
    "TimeInStageChart",
    "paint_legend_icon",
]

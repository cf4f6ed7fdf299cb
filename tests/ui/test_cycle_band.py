"""The conversion chart's PDSA cycle band: a rectangle the height of the view, edged when highlighted."""

from __future__ import annotations

import pyqtgraph as pg

from pdsa_desk.ui import plotting
from pdsa_desk.ui.chart_widgets.cycle_band import CycleBand


def test_a_band_spans_its_region_and_the_whole_height_of_the_view(qtbot) -> None:
    plot = plotting.make_plot(x_dates=False)
    qtbot.addWidget(plot)
    plot.resize(400, 300)
    plot.show()
    band = CycleBand()
    plot.addItem(band, ignoreBounds=True)
    band.setRegion((30.0, 10.0))  # either order
    assert band.getRegion() == (10.0, 30.0)
    plot.setXRange(0, 100, padding=0)
    plot.setYRange(-5, 5, padding=0)
    qtbot.waitUntil(lambda: abs(band.boundingRect().height() - 10.0) < 1e-6)
    rect = band.boundingRect()
    assert (rect.left(), rect.right()) == (10.0, 30.0)
    plot.setYRange(0, 50, padding=0)  # the view moved: the band follows its height
    qtbot.waitUntil(lambda: abs(band.boundingRect().height() - 50.0) < 1e-6)
    assert band.edge_pen() is None
    band.set_edge_pen(pg.mkPen("#E69F00", width=2))
    assert band.edge_pen() is not None and band.edge_pen().widthF() == 2
    plot.grab()  # paints without error, edged and plain
    band.set_edge_pen(None)
    plot.grab()

"""A flow chart band's outline (FlatFill) equals pyqtgraph's: the same polygon, built from the arrays at once."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from pdsa_desk.ui.chart_widgets.cumulative_flow import FlatFill


def _points(path) -> list[tuple[float, float]]:
    return [(e.x, e.y) for e in (path.elementAt(i) for i in range(path.elementCount()))]


@pytest.mark.parametrize("gap", [False, True])
def test_the_outline_is_pyqtgraphs(qtbot, gap: bool) -> None:
    rng = np.random.default_rng(7)
    t = np.arange(400, dtype=float) * 86400.0 + 1.7e9
    low = np.cumsum(rng.integers(0, 3, len(t))).astype(float)
    high = low + rng.integers(0, 40, len(t))
    if gap:  # a line with a gap: pyqtgraph's way, one polygon per piece
        high[100:110] = np.nan
    upper, lower = pg.PlotDataItem(t, high), pg.PlotDataItem(t, low)
    fill = FlatFill(upper, lower)
    fill.updatePath()
    ours = fill.path()
    pg.FillBetweenItem.updatePath(fill)
    theirs = fill.path()
    assert ours.elementCount() >= (1 if gap else 2 * len(t))
    assert _points(ours) == _points(theirs)
    assert [ours.elementAt(i).type for i in range(ours.elementCount())] == \
        [theirs.elementAt(i).type for i in range(theirs.elementCount())]
    assert ours.fillRule() == theirs.fillRule()


def test_an_empty_line_makes_no_band(qtbot) -> None:
    fill = FlatFill(pg.PlotDataItem([], []), pg.PlotDataItem([1.0, 2.0], [0.0, 0.0]))
    fill.updatePath()
    assert fill.path().isEmpty()

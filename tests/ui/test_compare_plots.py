"""Compare's plots: the team-rate label and the reps' names cover no point; points at 0% and 100% are whole."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from PySide6.QtCore import QPointF, QRectF

from pdsa_desk.ui.compare_plots import ForestPlot, FunnelPlot
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.compare import CompareView
from tests.conftest import DEMO_AS_OF

MARKER = 5.0  # px: a marker's half size, at least


@pytest.fixture
def view(qtbot, demo_ws) -> Iterator[CompareView]:
    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.resize(1024 - 188, 600)  # the smallest window less the navigation
    view.show()
    with qtbot.waitSignal(view.comparison_shown, timeout=15000):
        view.refresh()
    view.grab()  # a paint: names are placed before it
    yield view
    ctx.wait_for_background()


def _spot_rects(plot) -> list[tuple[QPointF, QRectF]]:
    vb = plot.widget.getPlotItem().getViewBox()
    out = []
    for spot in plot.points.points():
        centre = vb.mapViewToScene(spot.pos())
        out.append((spot.pos(), QRectF(centre.x() - MARKER, centre.y() - MARKER, 2 * MARKER, 2 * MARKER)))
    return out


def test_the_team_label_covers_no_rep(view: CompareView) -> None:
    label = view.forest.team_label.sceneBoundingRect()
    assert label.width() > 0 and view.forest.team_label.toPlainText().startswith("team")
    assert not [pos for pos, rect in _spot_rects(view.forest) if label.intersects(rect)]


def _crowded_funnel(qtbot) -> FunnelPlot:
    """Reps close together, three of them outside the limits (so named) among unnamed neighbours."""
    funnel = FunnelPlot()
    qtbot.addWidget(funnel.widget)
    funnel.widget.resize(1024 - 188, 300)
    funnel.widget.show()
    rows = [{"name": f"Rep {i}", "x": round(r * n), "n": n, "rate": r, "low": max(0.0, r - 0.1),
             "high": min(1.0, r + 0.1), "position": position}
            for i, (n, r, position) in enumerate([
                (40, 0.80, "above"), (42, 0.78, "within"), (38, 0.76, "within"), (41, 0.20, "below"),
                (44, 0.22, "within"), (90, 0.55, "within"), (92, 0.85, "above"), (95, 0.83, "within")])]
    limits = pd.DataFrame({"n": [10.0, 100.0], "lower95": [0.2, 0.4], "upper95": [0.8, 0.6],
                           "lower998": [0.1, 0.3], "upper998": [0.9, 0.7]})
    funnel.update(rows, 0.5, limits)
    funnel.widget.grab()  # a paint: names are placed before it
    return funnel


def test_named_reps_cover_no_other_point(qtbot) -> None:
    funnel = _crowded_funnel(qtbot)
    assert len(funnel.labels) == 3
    for label in funnel.labels:
        box = label.sceneBoundingRect()
        own = label.pos()
        covered = [pos for pos, rect in _spot_rects(funnel)
                   if (pos.x(), pos.y()) != (own.x(), own.y()) and box.intersects(rect)]
        assert not covered, f"{label.toPlainText()} covers points at {covered}"


def _rows(rates: list[float]) -> list[dict]:
    return [{"name": f"Rep {i}", "x": round(r * 40), "n": 40, "rate": r, "low": max(0.0, r - 0.2),
             "high": min(1.0, r + 0.2), "position": "within"} for i, r in enumerate(rates)]


@pytest.mark.parametrize("rates", [[0.0, 0.5, 1.0], [0.0, 0.1], [0.95, 1.0]])
def test_points_at_0_and_100_percent_are_drawn_whole(qtbot, rates: list[float]) -> None:
    forest, funnel = ForestPlot(), FunnelPlot()
    for widget in (forest.widget, funnel.widget):
        qtbot.addWidget(widget)
        widget.resize(500, 300)
        widget.show()
    forest.update(_rows(rates), 0.5, [f"Rep {i}" for i in range(len(rates))])
    funnel.update(_rows(rates), 0.5, pd.DataFrame({"n": [1.0, 40.0], "lower95": [0.1, 0.3], "upper95": [0.9, 0.7],
                                                    "lower998": [0.0, 0.2], "upper998": [1.0, 0.8]}))
    for plot, axis in ((forest, 0), (funnel, 1)):
        vb = plot.widget.getPlotItem().getViewBox()
        low, high = vb.viewRange()[axis]
        pixel = vb.viewPixelSize()[axis]
        assert (min(rates) - low) / pixel >= MARKER and (high - max(rates)) / pixel >= MARKER


def _title_fits(funnel: FunnelPlot) -> bool:
    from PySide6.QtGui import QFontMetricsF

    axis = funnel.widget.getAxis("bottom")
    text = axis.label.mapRectToScene(axis.label.boundingRect())
    area = axis.sceneBoundingRect()
    return (QFontMetricsF(axis.label.font()).horizontalAdvance(funnel.volume_title()) <= axis.width()
            and area.left() <= text.left() and text.right() <= area.right())  # shown whole: centred on the axis


def test_the_funnel_axis_title_is_never_cut_off(view: CompareView, qtbot) -> None:
    """A long stage name in a narrow panel was cut off at both ends ("…Pre-qualified by marketi"): the longest
    title that fits the axis is shown, the full one is the axis's tooltip."""
    funnel = view.funnel
    full = "Opportunities that entered “Pre-qualified by marketing”"
    assert funnel.widget.getAxis("bottom").toolTip() == full
    assert funnel.volume_title() == full and _title_fits(funnel)  # the demo at 1024 px: it fits
    for width, shown in ((330, "Entered “Pre-qualified by marketing”"), (240, "Opportunities entered"),
                         (500, full)):
        view.plot_splitter.setSizes([view.plot_splitter.width() - width, width])
        qtbot.waitUntil(lambda shown=shown: funnel.volume_title() == shown)
        assert _title_fits(funnel)


def _forest_with(qtbot, axis_class, n: int = 120):
    from pdsa_desk.ui import plotting

    forest = ForestPlot()
    if axis_class is not None:  # the plain axis the forest plot had before
        item = forest.widget.getPlotItem()
        item.setAxisItems({"left": axis_class("left")})
        for pen in (item.getAxis("left").setPen, item.getAxis("left").setTextPen):
            pen(plotting.text_colour())
        item.getAxis("left").setStyle(tickLength=0)
    qtbot.addWidget(forest.widget)
    forest.widget.resize(700, 2400)
    forest.widget.show()
    rows = [{"name": f"Rep {i:03d} {'x' * (i % 17)}", "x": 10 + i % 7, "n": 40 + i % 11,
             "rate": 0.3 + (i % 13) / 40, "low": 0.2 + (i % 13) / 40, "high": 0.45 + (i % 13) / 40,
             "position": ("above", "within", "below")[i % 3]} for i in range(n)]
    forest.update(rows, 0.45, [r["name"] for r in rows])
    return forest


def test_the_forest_axis_measures_each_name_once_and_draws_the_same(qtbot, monkeypatch) -> None:
    """Compare's forest plot at 1M named ~430 reps, each measured again on every new layout of its axis."""
    from pdsa_desk.ui import plotting
    from pdsa_desk.ui.compare_plots import NameAxis, _KeptMeasures

    kept = _forest_with(qtbot, None)
    plain = _forest_with(qtbot, plotting.CountAxis)
    assert isinstance(kept.widget.getAxis("left"), NameAxis)
    assert kept.widget.grab().toImage() == plain.widget.grab().toImage()

    measured: list[str] = []
    asked: list[str] = []
    real = _KeptMeasures.boundingRect

    def counting(self, rect, flags, text):
        asked.append(text)
        key = (self._painter.font().key(), rect.x(), rect.y(), rect.width(), rect.height(), flags, text)
        if key not in self._sizes:
            measured.append(text)
        return real(self, rect, flags, text)

    monkeypatch.setattr(_KeptMeasures, "boundingRect", counting)
    kept.widget.resize(720, 2300)  # a new layout of the axis: nothing measured again
    kept.widget.grab()
    assert len(asked) >= 120 and measured == []  # laid out again, from the kept measures
    plain.widget.resize(720, 2300)
    assert kept.widget.grab().toImage() == plain.widget.grab().toImage()

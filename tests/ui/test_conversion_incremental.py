"""The conversion chart sets only what changed: a redraw after an edit that changes no point (a cycle saved,
an observation added) touches no item; a changed point sets the curves but not the cycle bands."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from pdsa_desk.core import charts as core
from pdsa_desk.ui.chart_widgets import ConversionChart
from tests.conftest import DEMO_AS_OF


@pytest.fixture
def drawn(qtbot, demo_ws):
    from pdsa_desk.core.frames import load_analysis_data

    data = load_analysis_data(demo_ws)
    series = core.conversion_series(data, core.load_chart_meta(demo_ws), from_stage=4, as_of=DEMO_AS_OF,
                                    chart="p", period="month")
    chart = ConversionChart()
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    chart.show()
    chart.set_series(series, "All")
    assert series.bands and chart.plotted_points() == int(np.isfinite(series.frame["p"]).sum())
    return chart, series


class Calls:
    """Counts the calls of the chart's drawing steps."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, chart: ConversionChart) -> None:
        self.names: list[str] = []
        for name in ("_draw_points", "_draw_bands", "_draw_revisions", "_set_ranges"):
            original = getattr(chart, name)

            def counted(*args, _name=name, _original=original):
                self.names.append(_name)
                return _original(*args)

            monkeypatch.setattr(chart, name, counted)


def test_the_same_series_again_sets_nothing(drawn, monkeypatch) -> None:
    chart, series = drawn
    calls = Calls(monkeypatch, chart)
    again = dataclasses.replace(series, frame=series.frame.copy(), bands=tuple(series.bands))  # equal, not the same
    chart.set_series(again, "All")
    assert calls.names == []
    assert chart.series is again  # what the chart answers for (hover, exports) is the new series


def test_a_changed_point_sets_the_curves_not_the_bands(drawn, monkeypatch) -> None:
    chart, series = drawn
    calls = Calls(monkeypatch, chart)
    frame = series.frame.copy()
    last = int(np.flatnonzero(np.isfinite(frame["p"].to_numpy()))[-1])
    frame.loc[frame.index[last], "p"] = frame["p"].iat[last] / 2
    chart.set_series(dataclasses.replace(series, frame=frame), "All")
    assert calls.names == ["_draw_points", "_set_ranges"]
    shown = np.concatenate([chart.points.data["y"], chart.immature.data["y"], chart.signals.data["y"]])
    assert np.isclose(shown, frame["p"].iat[last]).any()


def test_other_bands_or_a_highlight_draw_the_bands_again(drawn, monkeypatch) -> None:
    chart, series = drawn
    calls = Calls(monkeypatch, chart)
    chart.set_series(dataclasses.replace(series, bands=series.bands[:-1]), "All")
    assert "_draw_bands" in calls.names and "_draw_points" not in calls.names
    assert sum(b.isVisible() for b in chart.band_items) == len(series.bands) - 1
    calls.names.clear()
    chart.highlighted_cycle = series.bands[0].cycle_id
    chart.set_series(dataclasses.replace(series, bands=series.bands[:-1]), "All")
    assert "_draw_bands" in calls.names
    calls.names.clear()
    chart.set_series(dataclasses.replace(series, bands=series.bands[:-1]), "Another scope")  # other title: all
    assert calls.names[:2] == ["_draw_points", "_draw_bands"]


def test_an_incremental_redraw_paints_what_a_full_one_paints(qtbot, drawn) -> None:
    """The same chart drawn incrementally (a point changed) and in full (cleared first) is the same image."""
    from PySide6.QtWidgets import QApplication

    _chart, series = drawn
    frame = series.frame.copy()
    last = int(np.flatnonzero(np.isfinite(frame["p"].to_numpy()))[-2])
    frame.loc[frame.index[last], "p"] = 0.5
    changed = dataclasses.replace(series, frame=frame)
    charts = []
    for _ in range(2):
        chart = ConversionChart()
        qtbot.addWidget(chart)
        chart.resize(900, 500)
        chart.show()
        chart.set_series(series, "All")
        QApplication.processEvents()  # laid out and painted with the first series
        charts.append(chart)
    incremental, full = charts
    incremental.set_series(changed, "All")
    full.set_series(None)
    full.set_series(changed, "All")
    QApplication.processEvents()
    assert incremental.grab().toImage() == full.grab().toImage()


def _band_state(chart: ConversionChart) -> list[tuple]:
    chart.grab()  # a paint: the titles are laid out (elided, in rows) before it
    return [(b.isVisible(), b.getRegion(), b.toolTip(), b.edge_pen() is not None, lab.isVisible(),
             lab.textItem.toPlainText(), (round(lab.pos().x(), 6), round(lab.pos().y(), 6)), lab.textItem.font().bold())
            for b, lab in zip(chart.band_items, chart.band_labels, strict=True)]


def test_bands_made_ahead_draw_the_same_chart(qtbot, drawn) -> None:
    """Bands made ahead (a few per turn, while the series is computed) are hidden until drawn, and the drawing
    that uses them equals one that makes them at once."""
    plain, series = drawn
    n = len(series.bands)
    ahead = ConversionChart()
    qtbot.addWidget(ahead)
    ahead.resize(900, 500)
    ahead.show()
    ahead.prepare_bands(n + 30)  # more than this transition's cycles: BANDS_PER_TURN per turn, then it stops
    assert len(ahead.band_items) < n + 30
    qtbot.waitUntil(lambda: len(ahead.band_items) == n + 30)
    assert len(ahead.band_labels) == n + 30
    assert not any(b.isVisible() or lab.isVisible() for b, lab in zip(ahead.band_items, ahead.band_labels, strict=True))
    ahead.set_series(series, "All")
    assert _band_state(ahead)[:n] == _band_state(plain)
    assert not any(b.isVisible() or lab.isVisible() for b, lab in zip(ahead.band_items[n:], ahead.band_labels[n:],
                                                                      strict=True))

"""Switching the conversion chart at company scale: series computed once per choice (and ahead, in the
background), band labels laid out once per switch, the legend reused (docs/performance.md)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from tests.ui.test_charts import make_view, select_transition
from tests.ui.waiting import settle


@pytest.fixture
def view(qtbot, demo_ws):
    return make_view(qtbot, demo_ws)


def test_the_other_transitions_are_computed_ahead_and_reused(view, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core import charts as core

    view.ctx.wait_for_background()  # the prefetch of the other transitions
    QCoreApplication.processEvents()
    computed: list[str] = []
    real = core.conversion_series
    monkeypatch.setattr(core, "conversion_series", lambda *a, **k: computed.append(k["from_stage"]) or real(*a, **k))
    first = view.conversion_chart.series
    select_transition(view, "Discovery held → Budget shared")
    second = view.conversion_chart.series
    view.transition_combo.setCurrentIndex(0)
    settle(view)
    assert view.conversion_chart.series is first  # drawn again, not computed again
    assert computed == [] and second.from_name == "Discovery held"
    view.chart_seg.set_value("run")  # another choice: computed
    settle(view)
    assert computed and view.conversion_chart.series.chart == "run"


def test_a_new_snapshot_forgets_the_computed_series(view) -> None:
    view.ctx.wait_for_background()
    QCoreApplication.processEvents()
    before = view.conversion_chart.series
    view.ctx.notify_changed()
    view.refresh()
    settle(view)
    assert view.conversion_chart.series is not before
    assert view.conversion_chart.series.frame.equals(before.frame)


def test_a_refresh_keeps_the_series_of_the_same_snapshot_and_database_facts(view) -> None:
    from datetime import date

    from pdsa_desk.core import services

    view.ctx.wait_for_background()
    QCoreApplication.processEvents()
    before = view.conversion_chart.series
    view.refresh()  # same snapshot, same cycles: drawn from the snapshot's cache
    settle(view)
    assert view.conversion_chart.series is before
    # a cycle the snapshot does not know about yet (no edit announced): the series shows its band all the same
    services.create_cycle(view.ctx.ws, "Call within the hour", from_stage_id=before.from_stage_id,
                          planned_start=date(2026, 9, 1), planned_end=date(2026, 9, 28))
    view.refresh()
    settle(view)
    after = view.conversion_chart.series
    assert after is not before and len(after.bands) == len(before.bands) + 1


def test_band_labels_are_laid_out_once_per_switch_and_after_a_pan(view, qtbot) -> None:
    chart = view.conversion_chart
    select_transition(view, "Discovery held → Budget shared")
    layouts: list[int] = []
    real = chart._layout_band_labels
    chart._layout_band_labels = lambda *a: layouts.append(1) or real(*a)  # type: ignore[method-assign]
    for label in ("Budget shared → Proposal requested", "Discovery held → Budget shared"):
        layouts.clear()
        select_transition(view, label)
        chart.plot.grab()  # paint
        assert layouts == [1]
    labels = [lab for lab in chart.band_labels if lab.isVisible()]
    assert labels and all(lab.laid_at is not None for lab in labels)
    (x0, x1), _ = chart.vb.viewRange()
    layouts.clear()
    chart.vb.setXRange(x0 + (x1 - x0) / 2, x1, padding=0)  # a pan/zoom moves the labels at the next paint
    assert layouts == []
    chart.plot.grab()
    assert layouts == [1]
    first = min(labels, key=lambda lab: lab.lane_x)
    assert first.laid_at[0] >= x0 + (x1 - x0) / 2 - 1  # kept inside the visible range


def test_legend_entries_are_reused_not_rebuilt(view) -> None:
    legend = view.conversion_chart.legend
    cells = list(legend._cells)
    view.chart_seg.set_value("run")  # fewer entries (no limits)
    settle(view)
    assert [t for _, t in legend.entries][-1] != "3-sigma limits"
    view.chart_seg.set_value("pp")
    settle(view)
    assert legend._cells[: len(cells)] == cells
    assert "3-sigma limits" in [t for _, t in legend.entries]
    visible = [text.text() for cell, _icon, text in legend._cells if not cell.isHidden()]
    assert visible == [t for _, t in legend.entries]

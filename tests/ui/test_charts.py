"""Charts view: conversion charts with cycles and revisions, baseline/phases, funnel, flow, time, export."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QFileDialog, QMenu

from pdsa_desk.core import charts as core
from pdsa_desk.core import services
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.chart_widgets import ConversionChart
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.charts import ChartsView
from tests.conftest import DEMO_AS_OF
from tests.ui.waiting import refreshed, settle


def make_view(qtbot, ws) -> ChartsView:
    set_application_names()
    ctx = AppContext(ws)
    ctx.clock.pin(DEMO_AS_OF)  # the one clock, on the demo's day
    widget = ChartsView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return refreshed(qtbot, widget)


@pytest.fixture
def view(qtbot, demo_ws) -> ChartsView:
    return make_view(qtbot, demo_ws)


def select_transition(view: ChartsView, label: str) -> None:
    i = view.transition_combo.findText(label)
    assert i >= 0, label
    view.transition_combo.setCurrentIndex(i)
    settle(view)


def menu_action(menu: QMenu, text: str):
    return next(a for a in menu.actions() if a.text().replace("&", "") == text)


def ydata(item) -> np.ndarray:
    return np.asarray(item.getData()[1] if item.getData()[1] is not None else [], dtype=float)


# --------------------------------------------------------------------------- #
# conversion
# --------------------------------------------------------------------------- #
def test_controls_list_transitions_and_scopes(view: ChartsView) -> None:
    labels = [view.transition_combo.itemText(i) for i in range(view.transition_combo.count())]
    assert labels == ["Pre-qualified by marketing → Lead captured", "Lead captured → Discovery held",
                      "Discovery held → Budget shared",
                      "Budget shared → Proposal requested", "Proposal requested → Terms in negotiation",
                      "Terms in negotiation → Won"]
    scopes = [view.scope_combo.itemText(i) for i in range(view.scope_combo.count())]
    assert scopes[:3] == ["All", "Team North", "Team South"] and "Grace Kim" in scopes and len(scopes) == 15
    assert scopes[-4:] == ["Channel Events", "Channel Inbound web", "Channel Outbound", "Channel Partner"]
    assert view.chart_seg.value() == "pp" and view.period_seg.value() == "week"


def test_points_signals_and_bands_match_the_series(view: ChartsView) -> None:
    chart = view.conversion_chart
    for label in [view.transition_combo.itemText(i) for i in range(view.transition_combo.count())]:
        select_transition(view, label)
        settle(view)
        s = chart.series
        assert s is not None and s.transition_label == label
        frame = s.frame
        assert chart.plotted_points() == int(np.isfinite(frame["p"]).sum())  # weeks without entries: no point
        if label == "Discovery held → Budget shared":
            assert chart.plotted_points() == len(frame) == 105
        assert len(chart.signals.data) == int(frame["signal"].sum())
        assert len(chart.immature.data) == len(frame) - s.n_mature
        expected_cycles = [c for c in view._meta.cycles if c.from_stage_id == s.from_stage_id]
        visible = [b for b in chart.band_items if b.isVisible()]
        assert len(visible) == len(expected_cycles) == len(s.bands)
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    assert [lab.full_text for lab in chart.band_labels if lab.isVisible()] == ["Same-day recap after discovery",
                                                                               "Business case before budget"]
    revisions = [line for line in chart.revision_items if line.isVisible()]
    assert len(revisions) == 1
    assert math.isclose(revisions[0].value(), chart.series.revisions[0].when.value / 1e9)
    assert "Signal" in [text for _, text in chart.legend.entries]


def test_signals_are_triangles_in_the_signal_colour(view: ChartsView) -> None:
    from pdsa_desk.ui.plotting import SIGNAL, SIGNAL_SYMBOL

    chart = view.conversion_chart
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    assert len(chart.signals.data) > 0
    assert chart.signals.opts["symbol"] == SIGNAL_SYMBOL
    assert chart.signals.opts["brush"].color().name().lower() == SIGNAL.lower()
    assert chart.points.opts["symbol"] != SIGNAL_SYMBOL


def test_freeze_baseline_phase_and_clear_from_the_menu(view: ChartsView, qtbot, demo_ws, monkeypatch) -> None:
    chart = view.conversion_chart
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    before = np.concatenate([ydata(chart.cl_curve), ydata(chart.cl_signal_curve)])
    all_cl = chart.series.frame["cl"].copy()
    asked: list[str] = []

    def reason(kind: str, _when) -> str:
        asked.append(kind)
        return f"{kind} reason"

    monkeypatch.setattr(view, "ask_phase_reason", reason)
    menu = chart.context_menu(15)
    action = menu_action(menu, "Freeze baseline here")
    assert action.isEnabled()
    action.trigger()
    settle(view)
    frame = chart.series.frame
    assert chart.series.baseline == 16
    assert np.allclose(frame["cl"], frame["x"].iloc[:16].sum() / frame["n"].iloc[:16].sum())
    after = np.concatenate([ydata(chart.cl_curve), ydata(chart.cl_signal_curve)])
    assert not np.allclose(np.nanmean(after), np.nanmean(before))
    assert not np.allclose(frame["cl"], all_cl)

    menu = chart.context_menu(60)
    menu_action(menu, "Start new phase here").trigger()
    assert asked == ["baseline", "phase"]
    settle(view)
    assert chart.series.breaks == (60,)
    # two phases, each with its centre line from its own first 16 points (the frozen baseline)
    assert len(chart.series.phases) == 2
    f = chart.series.frame
    assert np.allclose(f["cl"].iloc[:60], f["x"].iloc[:16].sum() / f["n"].iloc[:16].sum())
    assert np.allclose(f["cl"].iloc[60:], f["x"].iloc[60:76].sum() / f["n"].iloc[60:76].sum())
    assert not np.isclose(f["cl"].iloc[59], f["cl"].iloc[60])
    # Workspace data, per transition, with who, when and why (as dates: week/month and scope changes keep it);
    # nothing in the per-laptop settings.
    stored = services.list_chart_phases(demo_ws, view.current_stage_id())
    assert sorted((p.kind, p.reason) for p in stored) == [("baseline", "baseline reason"), ("phase", "phase reason")]
    assert next(p for p in stored if p.kind == "baseline").starts_at.date() == frame["period"].iloc[15].date()
    assert not QSettings().value("charts/phases/" + view.current_stage_id())
    # drawn: a dotted marker per declaration, its reason in the label, in the legend
    assert {m.info.reason for m in chart.series.phase_marks} == {"baseline reason", "phase reason"}
    assert any("phase reason" in label.full_text for label in chart.revision_labels if label.isVisible())

    # another transition has its own (empty) state; coming back restores this one
    select_transition(view, "Budget shared → Proposal requested")
    settle(view)
    assert chart.series.baseline is None and chart.series.breaks == ()
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    assert chart.series.breaks == (60,)

    menu = chart.context_menu(None)
    assert not menu_action(menu, "Freeze baseline here").isEnabled()
    menu_action(menu, "Clear baseline and phases").trigger()
    settle(view)
    assert chart.series.baseline is None and chart.series.breaks == ()
    assert np.allclose(chart.series.frame["cl"], all_cl)
    assert services.list_chart_phases(demo_ws, view.current_stage_id()) == []
    view.ctx.undo_stack.undo()  # the clearing is undoable: both come back
    qtbot.waitUntil(lambda: chart.series.breaks == (60,))
    assert chart.series.baseline == 16


def test_a_cancelled_reason_changes_nothing(view: ChartsView, demo_ws, monkeypatch) -> None:
    select_transition(view, "Discovery held → Budget shared")
    monkeypatch.setattr(view, "ask_phase_reason", lambda _kind, _when: None)
    view.conversion_chart.new_phase_requested.emit(40)
    assert services.list_chart_phases(demo_ws) == [] and view.conversion_chart.series.breaks == ()


def test_immature_points_cannot_fix_the_baseline(view: ChartsView) -> None:
    chart = view.conversion_chart
    last = len(chart.series.frame) - 1
    menu = chart.context_menu(last)
    assert not menu_action(menu, "Freeze baseline here").isEnabled()
    assert not menu_action(menu, "Start new phase here").isEnabled()
    assert "Immature" in menu_action(menu, "Freeze baseline here").toolTip()


def test_phases_survive_a_new_view(qtbot, demo_ws, view: ChartsView, monkeypatch) -> None:
    select_transition(view, "Discovery held → Budget shared")
    monkeypatch.setattr(view, "ask_phase_reason", lambda _kind, _when: "new pricing")
    settle(view)
    view.conversion_chart.context_menu(40)
    view.conversion_chart.new_phase_requested.emit(40)
    settle(view)
    view.period_seg.set_value("month")
    settle(view)
    view.chart_seg.set_value("run")
    settle(view)
    assert view.conversion_chart.series.period == "month"
    assert len(view.conversion_chart.series.phases) == 2  # the week's date maps onto its month
    again = make_view(qtbot, demo_ws)
    assert again.transition_combo.currentText() == "Discovery held → Budget shared"
    assert again.period_seg.value() == "month" and again.chart_seg.value() == "run"
    assert len(again.conversion_chart.series.phases) == 2


def test_right_click_on_a_point_opens_the_menu(view: ChartsView, qtbot) -> None:
    chart = view.conversion_chart
    qtbot.waitUntil(lambda: chart.vb.width() > 100)
    frame = chart.series.frame
    i = 30
    mid = (frame["t"].iloc[i] + frame["t_end"].iloc[i]) / 2
    scene = chart.vb.mapViewToScene(QPointF(mid, frame["p"].iloc[i]))
    pos = chart.plot.mapFromScene(scene)
    assert chart.index_at(scene) == i
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.RightButton, pos=pos)
    menu = chart.open_menu
    assert menu is not None
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text() for a in menu.actions()]
    assert "&Freeze baseline here" in texts and "Export &PNG…" in texts
    asked: list[str] = []
    view.ask_phase_reason = lambda kind, _when: asked.append(kind)  # the view asks why; cancelled here
    with qtbot.waitSignal(chart.freeze_baseline_requested) as blocker:
        menu_action(menu, "Freeze baseline here").trigger()
    assert blocker.args == [i] and asked == ["baseline"]
    menu.close()


def test_p_chart_shows_stepped_limits_and_run_chart_none(view: ChartsView) -> None:
    chart = view.conversion_chart
    view.chart_seg.set_value("run")
    settle(view)
    assert len(ydata(chart.ucl_curve)) == 0 and len(ydata(chart.lcl_curve)) == 0
    assert not view.chart_seg.buttons["run"].isChecked() or view.rules_seg.isEnabled()
    view.chart_seg.set_value("p")
    settle(view)
    upper = ydata(chart.ucl_curve)
    lower = ydata(chart.lcl_curve)
    assert np.isfinite(upper).sum() >= 2 * len(chart.series.frame) - 2
    assert len(np.unique(upper[np.isfinite(upper)])) > 10  # stepped: varies with n
    assert (lower[np.isfinite(lower)] < upper[np.isfinite(upper)].min() + 1).all()
    assert not view.rules_seg.isEnabled()
    assert "3-sigma limits" in [text for _, text in chart.legend.entries]


def test_ihi_rules_change_the_signals(view: ChartsView) -> None:
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    view.chart_seg.set_value("run")
    settle(view)
    view.rules_seg.set_value("anhoej")
    settle(view)
    anhoej = view.conversion_chart.series.frame["signal"].copy()
    view.rules_seg.set_value("ihi")
    settle(view)
    s = view.conversion_chart.series
    assert s.rules == "ihi"
    assert not s.frame["signal"].equals(anhoej)
    assert len(view.conversion_chart.signals.data) == int(s.frame["signal"].sum())
    assert "IHI rules" in view.conversion_chart.summary_label.text()


def test_scope_and_period_change_the_series(view: ChartsView) -> None:
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    everyone = view.conversion_chart.series.frame["n"].sum()
    view.scope_combo.setCurrentIndex(view.scope_combo.findText("Team South"))
    settle(view)
    south = view.conversion_chart.series
    assert south.frame["n"].sum() < everyone
    assert south.bands == ()  # South did not take part in the business-case cycle
    assert not any(b.isVisible() for b in view.conversion_chart.band_items)
    assert "Team South" in view.conversion_chart.title()
    view.period_seg.set_value("month")
    settle(view)
    assert (view.conversion_chart.series.frame["period"].dt.day == 1).all()


def test_hover_text_names_period_counts_rate_and_interval(view: ChartsView, qtbot) -> None:
    chart = view.conversion_chart
    select_transition(view, "Discovery held → Budget shared")
    settle(view)
    frame = chart.series.frame
    i = 20
    row = frame.iloc[i]
    text = chart.point_text(i)
    first = text.splitlines()[0]
    assert re.fullmatch(r"Week of \d{1,2}/\d{1,2}/\d{4} — \d+/\d+ = \d+\.\d% \(95% CI \d+\.\d–\d+\.\d%\)", first), first
    assert f"{int(row['x'])}/{int(row['n'])} = {100 * row['p']:.1f}%" in first
    assert f"{100 * row['low']:.1f}–{100 * row['high']:.1f}%" in first
    assert "Immature" in chart.point_text(len(frame) - 1)
    signal = int(np.flatnonzero(frame["signal"].to_numpy())[0])
    assert "Signal:" in chart.point_text(signal)
    # moving the mouse over the point marks it
    qtbot.waitUntil(lambda: chart.vb.width() > 100)
    mid = (row["t"] + row["t_end"]) / 2
    chart._mouse_moved(chart.vb.mapViewToScene(QPointF(mid, row["p"])))
    assert chart._hover_index == i and len(chart.hover_marker.data) == 1


def test_show_object_selects_the_cycle_transition_and_highlights_it(view: ChartsView) -> None:
    cycle = next(c for c in view._meta.cycles if c.title == "Business case before budget")
    view.tabs.setCurrentIndex(view.TABS.index("flow"))
    settle(view)
    view.scope_combo.setCurrentIndex(view.scope_combo.findText("Team South"))
    settle(view)
    view.show_object(cycle.id)
    settle(view)
    assert view.tabs.currentIndex() == 0
    assert view.transition_combo.currentText() == "Discovery held → Budget shared"
    assert view.scope_combo.currentText() == "All"  # South's chart would not show the band
    chart = view.conversion_chart
    assert chart.highlighted_cycle == cycle.id
    label = next(lab for lab in chart.band_labels if lab.isVisible() and lab.full_text == cycle.title)
    assert label.textItem.font().bold()
    # agenda links name a transition by its stage position
    view.show_object("3")
    settle(view)
    assert view.transition_combo.currentText() == "Budget shared → Proposal requested"
    assert chart.highlighted_cycle is None


# --------------------------------------------------------------------------- #
# the other tabs
# --------------------------------------------------------------------------- #
def test_funnel_flow_and_time_tabs_have_data(view: ChartsView) -> None:
    view.tabs.setCurrentIndex(1)
    settle(view)
    funnel = view.funnel_chart
    assert funnel.bar_count() == 7 and funnel.has_plot
    frame = funnel.data.frame
    # the counts are grouped in the locale's style
    assert [lab.toPlainText().split()[0] for lab in funnel.labels[:2]] == [f"{n:,}" for n in frame["n"].iloc[:2]]
    assert f"{100 * frame['step_p'].iloc[1]:.1f}% of previous" in funnel.labels[1].toPlainText()

    view.tabs.setCurrentIndex(view.TABS.index("flow"))
    settle(view)
    flow = view.flow_chart
    assert flow.area_count() == 6 and flow.has_plot
    assert len(ydata(flow.curves[0])) == len(flow.data.wip)
    assert any(np.isfinite(ydata(c)).any() for c in flow.over_curves)  # the demo runs over its WIP limits
    flow.stack_box.setChecked(False)
    assert flow.area_count() == 0
    assert sum(1 for line in flow.limit_lines if line.isVisible()) == 4

    view.tabs.setCurrentIndex(view.TABS.index("time"))
    settle(view)
    time_chart = view.time_chart
    assert time_chart.box_count() == 6 and time_chart.has_plot
    assert len(time_chart.p85.data) == 6
    median = time_chart.data.summary["median"].iloc[1]
    assert time_chart.labels[1].toPlainText().startswith(f"median {median:.1f} d")


def test_scope_and_range_apply_to_every_tab(view: ChartsView) -> None:
    view.tabs.setCurrentIndex(1)
    settle(view)
    everyone = view.funnel_chart.data.frame["n"].sum()
    view.scope_combo.setCurrentIndex(view.scope_combo.findText("Team North"))
    settle(view)
    assert view.funnel_chart.data.frame["n"].sum() < everyone
    view.range_combo.setCurrentIndex(view.range_combo.findText("Last 13 weeks"))
    settle(view)
    assert "Last 13 weeks" in view.funnel_chart.title()
    view.tabs.setCurrentIndex(view.TABS.index("flow"))
    settle(view)
    assert len(view.flow_chart.data.wip) == 13 * 7 + 1
    assert not view.flow_chart.data.limits_apply
    view.tabs.setCurrentIndex(0)
    settle(view)
    assert len(view.conversion_chart.series.frame) <= 14


# --------------------------------------------------------------------------- #
# export
# --------------------------------------------------------------------------- #
def test_export_png_and_svg_of_every_tab(view: ChartsView, tmp_path: Path, monkeypatch) -> None:
    for index, key in enumerate(view.TABS):
        view.tabs.setCurrentIndex(index)
        settle(view)
        chart = view.charts[key]
        png = chart.export_png(tmp_path / f"{key}.png")
        assert png.stat().st_size > 1000
        image = QImage(str(png))
        assert not image.isNull() and image.width() == 2 * chart.width()
        svg = chart.export_svg(tmp_path / f"{key}.svg")
        root = ET.parse(svg).getroot()
        assert root.tag.endswith("svg")
        assert len(list(root.iter())) > 20

    # through the toolbar and the save dialog
    target = tmp_path / "from-dialog"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    view.tabs.setCurrentIndex(0)
    settle(view)
    view.export_buttons["svg"].click()
    assert (tmp_path / "from-dialog.svg").stat().st_size > 0
    assert "Saved" in view.status.text()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert view.conversion_chart.export_dialog("png") is None


def test_copy_to_clipboard(view: ChartsView, qtbot) -> None:
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    view.tabs.setCurrentIndex(1)
    settle(view)
    view.copy_action.trigger()
    pixmap = clipboard.pixmap()
    assert not pixmap.isNull() and pixmap.width() == view.funnel_chart.grab().width()
    assert view.copy_action.shortcut().toString() == "Ctrl+Shift+C"


# --------------------------------------------------------------------------- #
# empty states, speed and the reusable widget
# --------------------------------------------------------------------------- #
def test_empty_workspace_explains_itself(qtbot, ws) -> None:
    empty = make_view(qtbot, ws)
    assert not empty.conversion_chart.has_plot
    assert "No transitions to chart yet" in empty.conversion_chart.message.text()
    assert not empty.transition_combo.isEnabled()
    empty.tabs.setCurrentIndex(1)
    settle(empty)
    assert not empty.funnel_chart.has_plot


def test_switching_transition_is_fast(view: ChartsView) -> None:
    times = []
    for _ in range(3):
        for i in range(view.transition_combo.count()):
            view.transition_combo.setCurrentIndex(i)
            settle(view)
            times.append(view.last_update_ms)
    assert sorted(times)[len(times) // 2] < 100  # median, recompute + redraw


def test_conversion_chart_is_a_standalone_widget(qtbot, demo_ws) -> None:
    from pdsa_desk.core.frames import load_analysis_data

    data = load_analysis_data(demo_ws)
    series = core.conversion_series(data, core.load_chart_meta(demo_ws), from_stage=4, as_of=DEMO_AS_OF,
                                    chart="p", period="month")
    chart = ConversionChart(phase_menu=False)
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    chart.show()
    chart.set_series(series, "Study")
    assert chart.plotted_points() == int(np.isfinite(series.frame["p"]).sum())
    assert sum(b.isVisible() for b in chart.band_items) == 4  # the proposal walkthrough and the ramp of three
    texts = [a.text() for a in chart.context_menu(3).actions()]
    assert "&Freeze baseline here" not in texts and "Export &SVG…" in texts
    chart.set_series(None)
    assert chart.plotted_points() == 0


def test_cumulative_flow_tab_draws_rising_lines_whose_bands_are_the_work(view: ChartsView) -> None:
    view.tabs.setCurrentIndex(view.TABS.index("cfd"))
    settle(view)
    chart = view.cfd_chart
    data = chart.data
    assert chart.has_plot and data is not None and chart.title().startswith("Cumulative flow")
    cols = list(data.lines.columns)
    for i, state in enumerate(cols):
        y = ydata(chart.curves[i])
        assert np.array_equal(y, data.lines[state].to_numpy(dtype=float))
        assert (np.diff(y) >= 0).all()  # cumulative arrivals only rise
    # The bands of the open stages on the last day are the Board's open work (the one open-at rule).
    from pdsa_desk.core.board import load_board

    board = load_board(view.ctx.ws, view.ctx.current_analysis(), as_of=view.ctx.as_of())
    open_bands = sum(int(data.band(s)[-1]) for s in cols[:-2])
    assert open_bands == int((board.cards["stage"] >= 0).sum())


def test_cumulative_flow_draws_at_most_about_one_day_per_pixel_with_the_days_own_values(view: ChartsView,
                                                                                        qtbot) -> None:
    from pdsa_desk.ui.chart_widgets.cumulative_flow import kept_points

    assert list(kept_points(5, 10)) == [0, 1, 2, 3, 4]
    assert list(kept_points(10, 4)) == [0, 3, 6, 9] and list(kept_points(11, 4)) == [0, 3, 6, 9, 10]
    view.tabs.setCurrentIndex(view.TABS.index("cfd"))
    settle(view)
    chart = view.cfd_chart
    days = len(chart.data.lines)
    view.window().resize(400, 600)  # a plot narrower than the days
    qtbot.waitUntil(lambda: chart.pixels < days, timeout=10_000)
    t_all = chart.data.t
    for i, state in enumerate(chart.data.lines.columns):
        x, y = chart.curves[i].getData()
        assert len(x) <= chart.pixels + 1 < days
        at = np.searchsorted(t_all, x)
        assert np.array_equal(t_all[at], x) and x[-1] == t_all[-1]  # drawn on days of the series, up to the last
        assert np.array_equal(y, chart.data.lines[state].to_numpy(dtype=float)[at])  # each the day's own value
    view.window().resize(1600, 900)  # wider again: every day
    qtbot.waitUntil(lambda: len(chart.curves[0].getData()[0]) == min(days, chart.pixels), timeout=10_000)

"""Compare's first drawing at 1M (issue 16): the plots are painted once, at their final layout, and the team-wide
cycle is computed only after that paint — what is shown is the same as before."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views import compare_charts
from pdsa_desk.ui.views.compare import CompareView
from tests.conftest import DEMO_AS_OF


def compare_view(qtbot, demo_ws, *, show: bool = True) -> CompareView:
    """A Compare view on the demo at its day, 1280×800 (shown unless ``show`` is False)."""
    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    if show:
        view.show()
    return view


def _widths(view: CompareView) -> list[float]:
    return [plot.widget.getAxis("left").width() for plot in (view.forest, view.funnel)]


def test_the_axes_take_their_width_before_the_first_paint_and_draw_the_same(qtbot, demo_ws, monkeypatch) -> None:
    view = compare_view(qtbot, demo_ws)
    at_shown: list[list[float]] = []
    view.comparison_shown.connect(lambda: at_shown.append(_widths(view)))
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()
    view.grab()  # the paint measures the tick texts again: nothing changes
    QApplication.processEvents()
    assert at_shown == [_widths(view)]
    assert _widths(view)[0] > 40  # the rep names' axis was widened for them (35 px before the first paint)

    # The same pixels as pyqtgraph's own way (the axis widened by its first paint, then painted again).
    monkeypatch.setattr(compare_charts, "measure_axis_texts", lambda axis: None)
    plain = compare_view(qtbot, view.ctx.ws)
    with qtbot.waitSignals([plain.comparison_shown, plain.improvement_shown], timeout=15000):
        plain.refresh()
    for _ in range(3):  # its paint widens the axes; the next one draws at that width
        plain.grab()
        QApplication.processEvents()
    assert _widths(plain) == _widths(view)
    for ours, theirs in ((view.forest, plain.forest), (view.funnel, plain.funnel)):
        assert ours.widget.grab().toImage() == theirs.widget.grab().toImage()
    view.ctx.wait_for_background()
    plain.ctx.wait_for_background()


def test_the_team_wide_cycle_is_computed_after_the_plots_are_painted(qtbot, demo_ws, monkeypatch) -> None:
    view = compare_view(qtbot, demo_ws)
    events: list[str] = []
    view.comparison_shown.connect(lambda: events.append("shown"))
    view.forest.widget.scene().sigPrepareForPaint.connect(lambda: events.append("paint"))
    original = CompareView._compute_cycle

    def record(self: CompareView) -> None:
        events.append("cycle")
        original(self)

    monkeypatch.setattr(CompareView, "_compute_cycle", record)
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()
    after = events[events.index("shown"):]
    assert after.index("paint") < after.index("cycle") and events.count("cycle") == 1
    assert view.improvement is not None and not view.updating
    view.ctx.wait_for_background()


def test_a_hidden_view_computes_the_team_wide_cycle_without_waiting_for_a_paint(qtbot, demo_ws) -> None:
    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)
    view = CompareView(ctx)  # never shown: no paint comes
    qtbot.addWidget(view)
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()
    assert view.improvement is not None and not view.updating
    ctx.wait_for_background()


def test_the_plots_are_built_after_the_views_first_paint_and_draw_the_same(qtbot, demo_ws) -> None:
    """The view's first paint comes without the plots (building them was half of the first visit's stall at 1M);
    they are built in a later turn, and once the comparison is shown the view is pixel for pixel the one whose
    plots were built with it."""
    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)
    view = CompareView(ctx)
    qtbot.addWidget(view)
    assert view._plots is None
    view.resize(1280, 800)
    view.show()
    painted_without_plots: list[bool] = []

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and not painted_without_plots:
                painted_without_plots.append(view._plots is None)
            return False

    watch = Watch()
    view.summary.installEventFilter(watch)
    qtbot.waitUntil(lambda: view._plots is not None)
    assert painted_without_plots == [True]
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()

    eager = CompareView(ctx)
    eager._plots_area()  # built with the view, as before
    qtbot.addWidget(eager)
    eager.resize(1280, 800)
    eager.show()
    with qtbot.waitSignals([eager.comparison_shown, eager.improvement_shown], timeout=15000):
        eager.refresh()
    for shown in (view, eager):
        shown.grab()
        QApplication.processEvents()
    assert view.main_splitter.sizes() == eager.main_splitter.sizes()
    assert view.plot_splitter.sizes() == eager.plot_splitter.sizes()
    assert view.grab().toImage() == eager.grab().toImage()
    ctx.wait_for_background()


def test_the_plots_data_and_their_layout_come_in_two_turns_and_are_painted_after_both(qtbot, demo_ws,
                                                                                       monkeypatch) -> None:
    """At 1M the data and the layout were 55-80 ms of GUI CPU in one turn: they come in two, and nothing of the
    plots is painted between them (painted before their axes are measured, they were painted twice)."""
    events: list[str] = []
    for name in ("set_data", "lay_out"):
        original = getattr(compare_charts.ComparePlots, name)

        def record(self, *args, _name=name, _original=original, **kwargs) -> None:
            events.append(_name)
            _original(self, *args, **kwargs)
            if _name == "set_data":
                QApplication.processEvents()  # a turn of the event loop passes: nothing is painted in it

        monkeypatch.setattr(compare_charts.ComparePlots, name, record)
    view = compare_view(qtbot, demo_ws)
    qtbot.waitUntil(lambda: view._plots is not None)
    for plot in (view.forest, view.funnel):
        plot.widget.scene().sigPrepareForPaint.connect(lambda: events.append("paint"))
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()
    qtbot.waitUntil(lambda: events[-1:] == ["paint"] or "paint" in events[events.index("lay_out"):])
    start = events.index("set_data")
    assert events[start + 1] == "lay_out" and "paint" in events[start + 2:]
    view.ctx.wait_for_background()

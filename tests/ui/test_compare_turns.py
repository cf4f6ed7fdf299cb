"""Compare's steps in later event-loop turns (issue 16): a step handed on with ``next_turn`` runs after the timers
already due, so two steps are two stalls of the window, not one — ``QTimer.singleShot(0)`` posted an event that
Qt delivered before them."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from pdsa_desk.ui.views.compare_charts import next_turn


def test_a_step_handed_on_runs_after_the_timer_that_was_due(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    order: list[str] = []
    due = QTimer(owner)
    due.setSingleShot(True)
    due.setInterval(0)
    due.timeout.connect(lambda: order.append("timer"))

    def step() -> None:  # one turn's work: a timer falls due, the next step is handed on
        due.start()
        next_turn(owner, lambda: order.append("next step"))

    QTimer.singleShot(0, owner, step)
    qtbot.waitUntil(lambda: len(order) == 2, timeout=5000)
    assert order == ["timer", "next step"]


def test_the_handed_on_step_is_not_called_once_its_owner_is_gone(qtbot) -> None:
    owner = QWidget()
    called: list[bool] = []
    next_turn(owner, lambda: called.append(True))
    owner.deleteLater()
    marker = QWidget()
    qtbot.addWidget(marker)
    done: list[bool] = []
    QTimer.singleShot(50, marker, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert called == []


def test_the_plots_are_not_painted_empty_before_the_first_comparison(qtbot, demo_ws) -> None:
    from tests.ui.test_compare_first_paint import compare_view

    view = compare_view(qtbot, demo_ws, show=False)
    painted: list[int] = []
    plots = view.plots  # built before the first comparison, as after the view's first paint
    plots.forest.widget.scene().sigPrepareForPaint.connect(lambda: painted.append(view.model.rowCount()))
    view.show()
    with qtbot.waitSignals([view.comparison_shown, view.improvement_shown], timeout=15000):
        view.refresh()
    qtbot.waitUntil(lambda: bool(painted), timeout=5000)
    assert view.model.rowCount() > 0
    assert 0 not in painted  # every paint of the forest plot had the comparison's rows

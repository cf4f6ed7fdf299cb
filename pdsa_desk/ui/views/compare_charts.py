"""The Compare view's plots area: the forest plot and the funnel plot side by side, and their legend.

:class:`ComparePlots` lays the two :mod:`pdsa_desk.ui.compare_plots` panels out in a splitter (the forest
plot's bar holds the List-by box and both have a help button) and shows one comparison in them:
rows in the table's order, headings naming the transition and the period (also drawn into exported
charts). It computes nothing: the rows and limits come from :mod:`pdsa_desk.core.funnel_compare`
through :class:`pdsa_desk.ui.views.compare.CompareView`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPainter, QPicture
from PySide6.QtWidgets import QComboBox, QLabel, QSplitter, QVBoxLayout, QWidget

from pdsa_desk.ui import formatting
from pdsa_desk.ui.compare_plots import ForestPlot, FunnelPlot, PlotPanel
from pdsa_desk.ui.glossary import help_button
from pdsa_desk.ui.views.compare_panels import PlotLegend

__all__ = ["ComparePlots", "next_turn"]


def next_turn(owner: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` in a later event-loop turn, after the timers (and input) already due.

    ``QTimer.singleShot(0, …)`` posts an event, and Qt delivers posted events before the timers that fell due
    meanwhile: two 40 ms steps chained that way were one 80-90 ms stall of the window (Compare's first visit at
    1M, issue 16). A zero-interval timer is a timer: it runs after those that were due before it."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(callback)
    timer.timeout.connect(timer.deleteLater)
    timer.start()


def measure_axis_texts(axis: Any) -> None:
    """Let ``axis`` measure its tick texts now, as its paint would (on a QPicture, in its tick font).

    pyqtgraph sizes an axis to its widest tick text only while painting it: on Compare's first drawing the
    rep names' axis (and the funnel's rate axis) grew then, the view boxes shrank and both plots were painted a
    second time in the same turn (~40 ms of GUI CPU at 1M). Measured before the paint, the layout takes the
    width first and the plots are painted once; the paint measures again and finds nothing to change."""
    if not axis.isVisible():
        return
    picture = QPicture()
    painter = QPainter(picture)
    try:
        if axis.style["tickFont"]:
            painter.setFont(axis.style["tickFont"])
        axis.generateDrawSpecs(painter)
    finally:
        painter.end()


class ComparePlots(QWidget):
    """The forest and funnel plot panels in a splitter, with the legend under them."""

    def __init__(self, order_combo: QComboBox, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forest = ForestPlot()
        self.funnel = FunnelPlot()
        self.forest_panel = PlotPanel(self.forest.widget, "compare-forest", self.tr("Rate and 95% interval by rep"))
        self.funnel_panel = PlotPanel(self.funnel.widget, "compare-funnel", self.tr("Rate against volume (funnel)"))
        self.funnel.set_volume_title(self.tr("Opportunities entered"))
        order_label = QLabel(self.tr("&List by:"))
        order_label.setBuddy(order_combo)
        self.forest_panel.add_to_bar(order_label)
        self.forest_panel.add_to_bar(order_combo)
        self.forest_panel.add_to_bar(help_button("forest-plot"))
        self.funnel_panel.add_to_bar(help_button("funnel-plot"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("comparePlotSplitter")
        self.splitter.addWidget(self.forest_panel)
        self.splitter.addWidget(self.funnel_panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 620])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.splitter, 1)
        self.legend = PlotLegend()
        layout.addWidget(self.legend)

    def after_next_paint(self, callback: Callable[[], None], fallback_ms: int = 500) -> None:
        """Call ``callback`` once, in the event-loop turn after the plots' next paint — or after ``fallback_ms``
        if no paint comes (a minimised window), so that it is never lost. Work started then runs beside the
        user's reading, not beside the first drawing of 400 rep names and markers."""
        scene = self.forest.widget.scene()
        done = False

        def fire() -> None:
            nonlocal done
            if done:
                return
            done = True
            try:
                scene.sigPrepareForPaint.disconnect(painted)
            except (RuntimeError, TypeError):  # already gone with the scene
                pass
            callback()

        def painted() -> None:
            next_turn(self, fire)  # the paint runs on in this turn: after it

        scene.sigPrepareForPaint.connect(painted)
        QTimer.singleShot(fallback_ms, self, fire)

    def show_comparison(self, comparison: Any, rows: list[dict[str, Any]], *, by_team: bool, by_channel: bool,
                        transition: str, first: date, last: date) -> None:
        """Draw ``comparison`` (a RepComparison) with ``rows`` in the table's order; ``by_team`` adds each rep's
        team to their name, ``by_channel`` names the units channels; the headings name ``transition`` and the
        days ``first`` to ``last``. (:meth:`set_data` then :meth:`lay_out`, which may run a turn apart.)"""
        self.set_data(comparison, rows, by_team=by_team)
        self.lay_out(by_channel=by_channel, transition=transition, first=first, last=last)

    def set_data(self, comparison: Any, rows: list[dict[str, Any]], *, by_team: bool) -> None:
        """The points, intervals, limits and names; the plots are not painted until :meth:`lay_out` has run
        (painted before their axes are measured, they were painted twice)."""
        for plot in (self.forest.widget, self.funnel.widget):
            plot.setUpdatesEnabled(False)
        no_rep = self.tr("(no rep)")
        labels = [str(r.get("name") or no_rep) + (f"  ·  {r.get('team_name') or '—'}" if by_team else "") for r in rows]
        self.forest.update(rows, float(comparison.p0), labels)
        self.funnel.update(rows, float(comparison.p0), comparison.funnel)

    def lay_out(self, *, by_channel: bool, transition: str, first: date, last: date) -> None:
        """The headings, the axes measured and the plots laid out for the data set by :meth:`set_data`; the
        funnel's names are spread in the next event-loop turn and the plots painted after it."""
        when = formatting.date_range(first, last)
        if by_channel:
            self.forest_panel.set_heading(
                self.tr("Rate and 95% interval by channel"),
                self.tr("{0}: rate and 95% interval by channel\n{1}").format(transition, when))
        else:
            self.forest_panel.set_heading(
                self.tr("Rate and 95% interval by rep"),
                self.tr("{0}: rate and 95% interval by rep\n{1}").format(transition, when))
        self.funnel_panel.set_heading(
            self.tr("Rate against volume (funnel)"),
            self.tr("{0}: rate against volume\n{1}").format(transition, when))
        for plot in (self.forest.widget, self.funnel.widget):
            measure_axis_texts(plot.getAxis("left"))
            plot.getPlotItem().layout.activate()  # the new width now, not after the paint
        stage = transition.split(" → ")[0]
        # The longest title that fits the axis (the full one is its tooltip): a stage name can be long.
        self.funnel.set_volume_title(self.tr("Opportunities that entered “{0}”").format(stage),
                                     self.tr("Entered “{0}”").format(stage), self.tr("Opportunities entered"))
        # The funnel's names spread and the plots painted from the next turn on: a paint asked for by the headings
        # is already waiting behind this turn's work, and the plots' paint joined it (this layout and the plots'
        # paint were one 85-110 ms turn).
        next_turn(self, self._paint_drawn)

    def _paint_drawn(self) -> None:
        self.funnel.spread_labels_now()  # here rather than in the paint's turn, which draws 400 names and markers
        for plot in (self.forest.widget, self.funnel.widget):
            plot.setUpdatesEnabled(True)

"""Charts: conversion run/control charts, the stage funnel, cumulative flow and time in stage.

The view only lays out controls and chart widgets: every number comes from
:mod:`pdsa_desk.core.charts`; drawing is done by :mod:`pdsa_desk.ui.chart_widgets`.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.derived import KeyPart
from pdsa_desk.ui.chart_widgets import (
    ChartFrame,
    ConversionChart,
    CumulativeFlowChart,
    FlowChart,
    FunnelChart,
    TimeInStageChart,
)
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.glossary import help_button
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.views.charts_choices import SETTINGS, ChartsChoices
from pdsa_desk.ui.views.charts_parts import Segmented, _series, _series_cache_key
from pdsa_desk.ui.views.charts_phases import ChartsPhases
from pdsa_desk.ui.views.charts_tabs import LazyCharts


class ChartsView(View, ChartsChoices, ChartsPhases):
    """Charts of the workspace: choose transition, scope, period, chart type and rules."""

    TABS = ("conversion", "funnel", "cfd", "flow", "time")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._data: Any = None
        self._meta: Any = None
        self._meta_key: Any = None  # KeyPart(self._meta): the meta as part of the series' cache keys
        self._transitions: list[Any] = []
        self._dirty: set[str] = set(self.TABS)
        self._restoring = False
        #: Milliseconds the last conversion update took (compute + draw).
        self.last_update_ms = 0.0
        # Conversion series are kept in the snapshot's cache, by every choice that shapes them (see
        # _series_key): a switch back to a transition only draws, and the other transitions are computed
        # in the background after one is drawn (_prefetch), so that switching transitions only draws.
        self._prefetching: set[tuple] = set()  # keys being computed for this snapshot
        self._refreshes = self.latest()  # a prefetch started before the last refresh is not tracked
        self._refresh = self._refreshes.begin()
        self._loads = self.latest()  # only the newest refresh is shown
        self._loading = False  # from refresh() until the snapshot and the cycles are there
        self._pending_object: str | None = None  # show_object() before they were
        self._computing = {tab: self.latest() for tab in self.TABS}  # per tab: only the newest computation is drawn

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 6)
        layout.setSpacing(8)

        self.transition_combo = QComboBox()
        self.transition_combo.setMinimumContentsLength(40)
        self.transition_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.transition_combo.setToolTip(self.tr("The stage transition whose conversion is charted"))
        self.scope_combo = QComboBox()
        self.scope_combo.setMinimumContentsLength(12)
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.scope_combo.setToolTip(self.tr("Whose opportunities: everyone, a team, one rep or one channel "
                                           "(lead source)"))
        self.period_seg = Segmented([
            ("week", self.tr("Week"), self.tr("One point per week of entry into the stage")),
            ("month", self.tr("Month"), self.tr("One point per month of entry into the stage")),
        ])
        self.chart_seg = Segmented([
            ("run", self.tr("Run"), self.tr("Run chart: median and runs rules; no assumptions about the data")),
            ("p", self.tr("P"), self.tr("P chart: 3-sigma limits that widen when fewer opportunities entered")),
            ("pp", self.tr("P′"), self.tr("Laney P′ chart: P chart limits corrected for the extra variation of "
                                         "large samples")),
        ])
        self.rules_seg = Segmented([
            ("anhoej", self.tr("Anhøj"), self.tr("Anhøj rules: a run too long or too few crossings of the median")),
            ("ihi", self.tr("IHI"), self.tr("IHI rules: shift, trend, too few or too many runs, astronomical point")),
        ])
        self.range_combo = QComboBox()
        self.range_combo.setToolTip(self.tr("Which period of history the charts cover"))
        for key, text in (("all", self.tr("All time")), ("52", self.tr("Last 12 months")),
                          ("26", self.tr("Last 26 weeks")), ("13", self.tr("Last 13 weeks"))):
            self.range_combo.addItem(text, key)

        self._labels: dict[str, QLabel] = {}

        def labelled(row: QHBoxLayout, name: str, text: str, widget: QWidget) -> None:
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[name] = label
            row.addWidget(label)
            row.addWidget(widget)
            row.addSpacing(8)

        # Conversion-only choices live on the Conversion tab; scope and range apply to every tab.
        conversion_page = QWidget()
        page_layout = QVBoxLayout(conversion_page)
        page_layout.setContentsMargins(0, 6, 0, 0)
        page_layout.setSpacing(2)
        # Two rows: the transition's long names get the whole width, the switches the next row (at 1024 px
        # and in a longer language one row would cut the transition or push the switches out of sight).
        first = QHBoxLayout()
        first.setContentsMargins(8, 0, 8, 0)
        first.setSpacing(6)
        labelled(first, "transition", self.tr("&Transition:"), self.transition_combo)
        first.addStretch(1)
        page_layout.addLayout(first)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 0, 8, 0)
        bar.setSpacing(6)
        labelled(bar, "period", self.tr("Period:"), self.period_seg)
        labelled(bar, "chart", self.tr("Chart:"), self.chart_seg)
        labelled(bar, "rules", self.tr("Rules:"), self.rules_seg)
        bar.addStretch(1)
        page_layout.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # Each chart widget is built when first needed (views/charts_tabs.py); its tab holds its place.
        pages: dict[str, tuple[Any, QVBoxLayout]] = {"conversion": (ConversionChart, page_layout)}
        self.tabs.addTab(conversion_page, self.tr("&Conversion"))
        for tab, make, text in (("funnel", FunnelChart, self.tr("F&unnel")),
                                ("cfd", CumulativeFlowChart, self.tr("Cumulative &flow")),
                                ("flow", FlowChart, self.tr("&Open work by stage")),
                                ("time", TimeInStageChart, self.tr("Time in sta&ge"))):
            page = QWidget()
            page_box = QVBoxLayout(page)
            page_box.setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, text)
            pages[tab] = (make, page_box)
        self.charts = LazyCharts(pages, self._chart_built)
        self.tabs.setTabToolTip(0, self.tr("Conversion of one transition over time, with PDSA cycles"))
        self.tabs.setTabToolTip(1, self.tr("Opportunities per stage and the step conversion"))
        self.tabs.setTabToolTip(2, self.tr("Cumulative arrivals per stage: the band between two lines is the work "
                                           "in that stage"))
        self.tabs.setTabToolTip(3, self.tr("Open work per stage over time, with WIP limits"))
        self.tabs.setTabToolTip(4, self.tr("How long opportunities stay in each stage"))

        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 4, 2)
        corner_layout.setSpacing(4)
        labelled(corner_layout, "scope", self.tr("&Scope:"), self.scope_combo)
        labelled(corner_layout, "range", self.tr("&Range:"), self.range_combo)
        corner_layout.addStretch(1)
        self.png_action = QAction(self.tr("Export PNG…"), self)
        self.png_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.png_action.setToolTip(self.tr("Save the chart as a PNG image (Ctrl+Shift+E)"))
        self.png_action.triggered.connect(lambda: self.export_current("png"))
        self.svg_action = QAction(self.tr("Export SVG…"), self)
        self.svg_action.setToolTip(self.tr("Save the chart as an SVG vector image"))
        self.svg_action.triggered.connect(lambda: self.export_current("svg"))
        self.copy_action = QAction(self.tr("Copy"), self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.setToolTip(self.tr("Copy the chart to the clipboard (Ctrl+Shift+C)"))
        self.copy_action.triggered.connect(self.copy_current)
        self.export_buttons: dict[str, QToolButton] = {}
        for key, action in (("png", self.png_action), ("svg", self.svg_action), ("copy", self.copy_action)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            corner_layout.addWidget(button)
            self.export_buttons[key] = button
        self.help_button = help_button(self.glossary_key)
        corner_layout.addWidget(self.help_button)
        # Above the tabs, not in their corner: the tab bar keeps the whole width for its five tabs.
        layout.addWidget(corner)
        layout.addWidget(self.tabs, 1)

        self.status = QLabel()
        self.status.setObjectName("chartsStatus")
        layout.addWidget(self.status)

        self._restore_choices()
        self.transition_combo.currentIndexChanged.connect(self._transition_changed)
        self.scope_combo.currentIndexChanged.connect(lambda _i: self._choice_changed("scope"))
        self.range_combo.currentIndexChanged.connect(lambda _i: self._choice_changed("range"))
        self.period_seg.changed.connect(lambda _v: self._choice_changed("period"))
        self.chart_seg.changed.connect(lambda _v: self._choice_changed("chart"))
        self.rules_seg.changed.connect(lambda _v: self._choice_changed("rules"))
        self.tabs.currentChanged.connect(self._tab_changed)
        ctx.data_changed.connect(self._on_data_changed)
        self._update_enabled()
        ctx.analysis_changed.connect(self._analysis_changed)
        # The chart on screen is built one event-loop turn after the view (each is 40-80 ms on the GUI thread).
        QTimer.singleShot(0, self, self.current_chart)

    # --- the chart widgets, built on first use ----------------------------------------------------
    def _chart_built(self, tab: str, chart: ChartFrame) -> None:
        chart.exported.connect(lambda path: self.status.setText(self.tr("Saved {0}").format(path)))
        if isinstance(chart, ConversionChart):
            chart.freeze_baseline_requested.connect(self.freeze_baseline)
            chart.new_phase_requested.connect(self.start_phase)
            chart.clear_phases_requested.connect(self.clear_phases)
            chart.remedy_requested.connect(self.apply_remedy)

    @property
    def conversion_chart(self) -> ConversionChart:
        return cast(ConversionChart, self.charts["conversion"])

    @property
    def funnel_chart(self) -> FunnelChart:
        return cast(FunnelChart, self.charts["funnel"])

    @property
    def cfd_chart(self) -> CumulativeFlowChart:
        return cast(CumulativeFlowChart, self.charts["cfd"])

    @property
    def flow_chart(self) -> FlowChart:
        return cast(FlowChart, self.charts["flow"])

    @property
    def time_chart(self) -> TimeInStageChart:
        return cast(TimeInStageChart, self.charts["time"])

    def glossary_key(self) -> str:
        """The glossary entry of the chart on screen (its "?" button)."""
        tab = list(self.charts)[max(0, self.tabs.currentIndex())]
        if tab == "conversion":
            return {"run": "run-chart", "p": "control-limits",
                    "pp": "laney"}.get(self.chart_seg.value(), "run-chart")
        return {"funnel": "stage-funnel", "cfd": "cfd", "flow": "wip", "time": "time-in-stage"}[tab]

    # --- loading ------------------------------------------------------------------------------
    def _as_of(self) -> datetime:
        """The window's one clock (:meth:`AppContext.as_of`): the instant every view counts as of."""
        return self.ctx.as_of()

    def _on_data_changed(self) -> None:
        if self.isVisible():
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        # The main window may already have refreshed this view for the same change (it is loading then).
        if self.isVisible() and self._data is not None and not self._loading:
            self.refresh()

    def refresh(self) -> None:
        """Show the charts of the current snapshot. The snapshot, the cycles (chart meta), the transitions
        and scopes come in the background; the charts already drawn stay, marked as updating, meanwhile."""
        from pdsa_desk.core import charts as core

        ticket = self._loads.begin()
        self._loading = True
        self._set_updating(True)
        ws = self.ctx.ws

        def gather(data: Any) -> None:
            def work() -> tuple:
                return data, core.load_chart_meta(ws), core.transitions(data), core.scopes(data)

            self.ctx.run_in_background(work, ticket.guard(self._loaded), ticket.guard(self._failed),
                                       abandon_on_close=True)  # it only reads

        self.ctx.analysis_in_background(ticket.guard(gather), ticket.guard(self._failed))

    def _loaded(self, result: tuple) -> None:
        data, meta, transitions, scopes = result
        self._loading = False
        self._data = data
        if self._meta_key is None or meta != self._meta:
            self._meta, self._meta_key = meta, KeyPart(meta)
        self._refresh = self._refreshes.begin()
        self._prefetching.clear()
        self._transitions = transitions
        self._populate_combos(scopes)
        self._make_dirty(self.TABS)
        self._update_current()
        if self._current_tab() == "conversion":
            QTimer.singleShot(0, self, self._refresh.guard(self._prepare_bands))
        if self._pending_object is not None:
            object_id, self._pending_object = self._pending_object, None
            self.show_object(object_id)

    def _prepare_bands(self) -> None:
        """While the conversion series is computed: the chart built (if it is not yet) and its cycle bands made
        ahead, a few per turn, so that its first drawing is short."""
        stage_id = self.current_stage_id()
        if stage_id is None:
            return
        count = sum(1 for c in self._meta.cycles if c.from_stage_id == stage_id and c.start is not None)
        self.conversion_chart.prepare_bands(count)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self._set_updating(False)
        self.status.setText(self.tr("The charts could not be updated: {0}").format(exc))
        self.refreshed.emit()

    def _set_updating(self, updating: bool) -> None:
        self.updating = updating
        if updating:
            self.status.setText(self.tr("Updating…"))
        elif self.status.text() == self.tr("Updating…"):
            self.status.clear()

    def _analysis_changed(self, data: Any) -> None:
        """A newer snapshot while hidden: compute the current conversion series ahead, so that showing the
        view only draws it (shown, the main window refreshes the view itself)."""
        if self.isVisible() or self._data is None or self._meta_key is None:
            return
        stage_id = self.current_stage_id()
        if stage_id is None:
            return
        meta = self._meta_key
        key = self._series_key(stage_id)
        # On the quick-read thread: beside the Board's recomputation of the same snapshot on the worker, not
        # after it (at 1M events each takes ~40 ms CPU after an edit).
        self.ctx.run_read(lambda: _series(data, meta, key), lambda _s: None, lambda _exc: None)

    def _ensure_loaded(self) -> None:
        if self._data is None and not self._loading:
            self.refresh()

    def _current_tab(self) -> str:
        return self.TABS[max(self.tabs.currentIndex(), 0)]

    def current_chart(self) -> ChartFrame:
        return self.charts[self._current_tab()]

    # --- reacting to the controls -------------------------------------------------------------
    def _transition_changed(self, _index: int) -> None:
        self.conversion_chart.highlighted_cycle = None
        self._choice_changed("transition")

    def _choice_changed(self, what: str) -> None:
        self._save_choices()
        self._make_dirty(("conversion",) if what in ("transition", "period", "chart", "rules") else self.TABS)
        self._update_enabled()
        self._update_current()

    def _make_dirty(self, tabs: Any) -> None:
        """These tabs must be drawn again; what is being computed for them is not drawn any more."""
        for tab in tabs:
            self._dirty.add(tab)
            self._computing[tab].forget()

    def _tab_changed(self, _index: int) -> None:
        self._save_choices()
        self._update_enabled()
        self._update_current()
        if not self.charts.is_built(self._current_tab()):  # its first show: built after the tab is switched to
            QTimer.singleShot(0, self, self.current_chart)

    def _update_enabled(self) -> None:
        self.transition_combo.setEnabled(bool(self._transitions))
        run = self.chart_seg.value() == "run"
        # The buttons show the rules applied: P charts always use the Anhøj runs rules (with their limits);
        # the choice made for run charts comes back with them.
        self.rules_seg.blockSignals(True)
        self.rules_seg.set_value(str(QSettings().value(SETTINGS + "rules", "anhoej")) if run else "anhoej")
        self.rules_seg.blockSignals(False)
        self.rules_seg.setEnabled(run)
        self._labels["rules"].setEnabled(run)
        self.rules_seg.setToolTip("" if run else self.tr(
            "P charts judge points by their 3-sigma limits and the Anhøj runs rules (shown); the IHI rules are "
            "for run charts"))

    def _update_current(self) -> None:
        """Draw the current tab if it needs it: at once what is computed, else computed in the background."""
        if self._data is None:
            return
        tab = self._current_tab()
        if tab not in self._dirty:
            self._set_updating(False)
            self.refreshed.emit()
            return
        getattr(self, f"_update_{tab}")()

    def _compute(self, tab: str, work: Any, draw: Any) -> None:
        """``draw(work())``: ``work`` on the worker thread, ``draw`` on the GUI thread unless the tab was asked
        for again (other choices, a newer snapshot) meanwhile."""
        ticket = self._computing[tab].begin()
        self._set_updating(True)

        def done(result: Any) -> None:
            if not self.charts.is_built(tab):
                # A chart's first drawing: built in this event-loop turn, drawn in the next (at 1M each is
                # 40-150 ms; in one turn they froze the window's first visit of Charts for 0.2 s).
                self.charts[tab]
                QTimer.singleShot(0, self, ticket.guard(lambda: done(result)))
                return
            if tab == "conversion" and not self.conversion_chart.prepare_bands(len(getattr(result, "bands", ()))):
                # Its cycle bands are made first, a few per turn (70+ at 1M took ≈ 35 ms in the drawing's turn).
                QTimer.singleShot(0, self, ticket.guard(lambda: done(result)))
                return
            self._dirty.discard(tab)
            draw(result)
            if tab == self._current_tab():
                self._update_current()

        def failed(exc: BaseException) -> None:
            self._dirty.discard(tab)
            self.charts[tab].show_message(self.tr("This chart could not be computed: {0}").format(exc))
            if tab == self._current_tab():
                self._update_current()

        self.ctx.run_in_background(work, ticket.guard(done), ticket.guard(failed), abandon_on_close=True)

    def _update_conversion(self) -> None:
        stage_id = self.current_stage_id()
        chart = self.conversion_chart
        if stage_id is None:
            self._dirty.discard("conversion")
            chart.set_series(None)
            chart.set_title(self.tr("Conversion"))
            chart.show_message(self.tr("No transitions to chart yet — a workspace needs at least two stages "
                                       "(define them in Standards) and opportunities moving between them."))
            self._update_current()
            return
        data, meta, key = self._data, self._meta_key, self._series_key(stage_id)
        if data.is_cached(_series_cache_key(meta, key)) and self.charts.is_built("conversion"):  # only drawn
            started = time.perf_counter()
            self._dirty.discard("conversion")
            self._draw_conversion(_series(data, meta, key))
            self.last_update_ms = (time.perf_counter() - started) * 1000
            self._update_current()
            return
        self._compute("conversion", lambda: _series(data, meta, key), self._draw_conversion)

    def _draw_conversion(self, series: Any) -> None:
        started = time.perf_counter()
        self.conversion_chart.set_series(series, self.current_scope_label())
        self.last_update_ms = (time.perf_counter() - started) * 1000
        self._prefetch()

    # --- computed series ----------------------------------------------------------------------
    def _series_key(self, stage_id: str) -> tuple:
        """Everything a conversion series depends on besides the snapshot and the meta (which carries the
        phases and baseline the team declared: workspace data)."""
        kind = self.chart_seg.value()
        return (stage_id, self.period_seg.value(), self.current_group(), kind,
                self.rules_seg.value() if kind == "run" else "anhoej", None, (), self._range_start(), self._as_of())

    def _prefetch(self) -> None:
        """Compute the other transitions' series, with the same choices, on the worker thread."""
        data, meta = self._data, self._meta_key
        keys = [self._series_key(t.from_id) for t in self._transitions]
        missing = [k for k in keys if k not in self._prefetching and not data.is_cached(_series_cache_key(meta, k))]
        if not missing:
            return
        self._prefetching.update(missing)

        def work() -> None:
            for key in missing:
                try:
                    _series(data, meta, key)  # kept in the snapshot's cache
                except Exception:  # noqa: BLE001, S112 - drawn (and reported) on the GUI thread if chosen
                    continue

        def done(_result: None) -> None:
            self._prefetching.difference_update(missing)

        self.ctx.run_in_background(work, self._refresh.guard(done), lambda _exc: None, abandon_on_close=True)

    def _update_funnel(self) -> None:
        from pdsa_desk.core import charts as core

        data, group, start, end = self._data, self.current_group(), self._range_start(), self._as_of()
        scope, span = self.current_scope_label(), self._range_label()
        self._compute("funnel", lambda: core.funnel_data(data, group=group, start=start, end=end),
                      lambda result: self.funnel_chart.set_data(result, scope, span))

    def _update_cfd(self) -> None:
        from pdsa_desk.core.flow import cumulative_flow

        data, group, start, as_of = self._data, self.current_group(), self._range_start(), self._as_of()
        scope, span = self.current_scope_label(), self._range_label()
        self._compute("cfd", lambda: cumulative_flow(data, as_of=as_of, group=group, start=start),
                      lambda result: self.cfd_chart.set_data(result, scope, span))

    def _update_flow(self) -> None:
        from pdsa_desk.core import charts as core

        data, group, start, as_of = self._data, self.current_group(), self._range_start(), self._as_of()
        scope, span = self.current_scope_label(), self._range_label()
        self._compute("flow", lambda: core.flow_data(data, as_of=as_of, group=group, start=start),
                      lambda result: self.flow_chart.set_data(result, scope, span))

    def _update_time(self) -> None:
        from pdsa_desk.core import charts as core

        data, group, start, as_of = self._data, self.current_group(), self._range_start(), self._as_of()
        scope, span = self.current_scope_label(), self._range_label()
        self._compute("time", lambda: core.stage_durations(data, as_of=as_of, group=group, start=start),
                      lambda result: self.time_chart.set_data(result, scope, span))

    # --- export -------------------------------------------------------------------------------
    def export_current(self, fmt: str) -> None:
        chart = self.current_chart()
        if not chart.has_plot:
            self.status.setText(self.tr("Nothing to export: this chart has no data."))
            return
        chart.export_dialog(fmt)

    def copy_current(self) -> None:
        self.current_chart().copy_to_clipboard()
        self.status.setText(self.tr("Chart copied to the clipboard."))

    # --- navigation ---------------------------------------------------------------------------
    def show_object(self, object_id: str) -> None:
        """Show a cycle (its transition, band highlighted), or a transition (stage position or id), optionally
        in a scope: ``"<transition>@channel:<name>"`` (the agenda's signal on one channel)."""
        if self._data is None or self._loading:  # shown once the snapshot and the cycles are there
            self._pending_object = object_id
            self._ensure_loaded()
            return
        object_id, _, scope = object_id.partition("@")
        if scope:
            i = self.scope_combo.findData(scope)
            if i < 0 and scope.startswith("channel:"):  # the channel as the agenda spelled it
                wanted = scope.partition(":")[2].strip().casefold()
                i = next((k for k in range(self.scope_combo.count())
                          if str(self.scope_combo.itemData(k)).casefold() == f"channel:{wanted}"), -1)
            if i >= 0:
                self.scope_combo.setCurrentIndex(i)
        if not object_id:
            return
        stage_id: str | None = None
        cycle = self._meta.cycle(object_id) if self._meta is not None else None
        if cycle is not None:
            stage_id = cycle.from_stage_id
        elif object_id.isdigit():
            pos = int(object_id)
            stage_id = next((t.from_id for t in self._transitions if t.from_stage == pos), None)
        elif any(t.from_id == object_id for t in self._transitions):
            stage_id = object_id
        if stage_id is None:
            return
        self.tabs.setCurrentIndex(0)
        i = self.transition_combo.findData(stage_id)
        if i >= 0:
            self.transition_combo.setCurrentIndex(i)
        if cycle is not None:
            from pdsa_desk.core.charts import group_rep_ids

            group = self.current_group()
            if group[0] in ("team", "rep") and not cycle.rep_ids & set(group_rep_ids(self._data, group) or ()):
                self.scope_combo.setCurrentIndex(0)  # the cycle's band is not in this scope's chart
            self.conversion_chart.highlighted_cycle = cycle.id
            self._redraw_conversion()

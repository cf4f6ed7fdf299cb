"""Compare: reps side by side for one transition and period — without a league table.

A forest plot (each rep's rate with its Wilson 95% interval, the team rate as a
line) and a funnel plot (rate against volume, with the 95% and 99.8% limits that
chance alone produces) show which differences are larger than luck. Reps are
always listed by name (or by team, then name), never by rate, and the wording
says where a rep sits, not who is "best". The statistics come from
:mod:`pdsa_desk.core.funnel_compare`; this module only lays them out and feeds them. The controls bar, the
reps table and the team-wide cycle section are widgets of their own in :mod:`pdsa_desk.ui.views.compare_panels`,
the two plots and their legend in :mod:`pdsa_desk.ui.views.compare_charts`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.ui import formatting, i18n
from pdsa_desk.ui.compare_widgets import RecordsModel, pct
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.views.compare_charts import ComparePlots, next_turn
from pdsa_desk.ui.views.compare_panels import CUSTOM, PERIODS, ControlsBar, CyclePanel, RepTable

SETTINGS_GROUP = "compare"


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0), tzinfo=UTC)


class CompareView(View):
    """Reps side by side for a transition and period: forest plot, funnel plot, table, team-wide cycles."""

    #: Emitted after a rep comparison has been computed and shown (also for the empty state).
    comparison_shown = Signal()
    #: Emitted after the team-wide cycle section has been updated.
    improvement_shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        #: The day the analysis is "as of" (None = today). Tests pin it to the demo's date.
        self.comparison: Any = None  # RepComparison shown now
        self.improvement: Any = None  # TeamImprovement shown now
        self.error: str = ""
        self._data: Any = None
        self._loads = self.latest()  # only the newest refresh is shown
        self._comparisons = self.latest()  # only the newest comparison is shown
        self._comparison_ticket = self._comparisons.begin()
        self._cycle_comparisons = self.latest()
        self._restoring = False
        self._populated = False
        self._pending_focus = ""
        self._compute_timer = QTimer(self, singleShot=True, interval=0)
        self._compute_timer.timeout.connect(self._compute)
        self._cycle_timer = QTimer(self, singleShot=True, interval=0)
        self._cycle_timer.timeout.connect(self._compute_cycle)
        self._cycle_due = False  # computed once the comparison is shown (see _populate)
        # The view counts as updating until the comparison and the team-wide cycle asked for are shown, not only
        # until the choices are filled: both are computed in the background after that.
        self._waiting = {"comparison": False, "cycle": False}
        self.comparison_shown.connect(lambda: self._part_shown("comparison"))
        self.improvement_shown.connect(lambda: self._part_shown("cycle"))
        self._build()
        self._restore_settings()

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)

        title = QLabel(self.tr("<h2>Compare</h2>"))
        subtitle = QLabel(self.tr(
            "Reps side by side. Each rate comes with its interval and the range chance alone produces, "
            "so that luck is not mistaken for skill. Reps are listed by name, never ranked."))
        subtitle.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(subtitle, 1)
        outer.addLayout(head)

        outer.addWidget(self._build_controls())
        head.addWidget(self.units_label)
        head.addWidget(self.units_combo)

        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.summary)

        # Content or an empty state.
        self.stack = QStackedWidget()
        self.empty = QLabel()
        self.empty.setObjectName("compareEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(32)

        # The two plots are built in the turn after the view's first paint (see _plots_area): building them (~30 ms,
        # two pyqtgraph scenes) and the first paint of the whole view were one stall of 60-120 ms at 1M (issue 16).
        self._plots: ComparePlots | None = None
        self._plots_slot = QWidget()  # the plots' place in the splitter until they are built
        self._plots_slot.setObjectName("comparePlotsSlot")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("compareTabs")
        self.tabs.setDocumentMode(True)
        self.reps = RepTable()
        self.caption, self.model, self.proxy, self.table = (
            self.reps.caption, self.reps.model, self.reps.proxy, self.reps.table)
        self.cycle_panel = CyclePanel()
        self.cycle_combo, self.headline, self.cycle_model, self.cycle_table = (
            self.cycle_panel.cycle_combo, self.cycle_panel.headline, self.cycle_panel.cycle_model,
            self.cycle_panel.cycle_table)
        self.cycle_combo.currentIndexChanged.connect(self._cycle_changed)
        self.tabs.addTab(self.reps, self.tr("Reps"))
        self.tabs.addTab(self.cycle_panel, self.tr("Team-wide cycle"))
        self.tabs.setTabToolTip(0, self.tr("Each rep's numbers for the chosen transition and period"))
        self.tabs.setTabToolTip(1, self.tr("How many of a cycle's reps improved — so a team total cannot hide "
                                           "that most of them did not"))
        self.tabs.currentChanged.connect(lambda i: self._save("tab", i))

        self.main_splitter = QSplitter(Qt.Orientation.Vertical)
        self.main_splitter.setObjectName("compareMainSplitter")
        self.main_splitter.addWidget(self._plots_slot)
        self.main_splitter.addWidget(self.tabs)
        self.main_splitter.setChildrenCollapsible(False)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        self.main_splitter.setSizes([450, 280])

        self.stack.addWidget(self.main_splitter)
        self.stack.addWidget(self.empty)
        outer.addWidget(self.stack, 1)

    def _plots_area(self) -> ComparePlots:
        """The forest and funnel plots, built on first use: in the event-loop turn after the view's first paint
        (see paintEvent), or at once when something needs them earlier. (Kept out of the view until the first
        comparison was drawn, they were shown and laid out in the drawing's turn: ~150 ms of GUI CPU at 1M.)"""
        if self._plots is None:
            plots = self._plots = ComparePlots(self.order_combo)
            state = self._settings().value("plot_splitter")
            if state is not None:
                plots.splitter.restoreState(state)
            if self.comparison is None:  # not painted empty: their first paint comes with the data (_paint_drawn)
                for plot in (plots.forest.widget, plots.funnel.widget):
                    plot.setUpdatesEnabled(False)
            self.main_splitter.replaceWidget(0, plots)  # (its size and visibility)
            self._plots_slot.deleteLater()
        return self._plots

    # The plots' parts, built on first use (see _plots_area).
    plots = property(lambda self: self._plots_area())
    plot_splitter = property(lambda self: self._plots_area().splitter)
    legend = property(lambda self: self._plots_area().legend)
    forest = property(lambda self: self._plots_area().forest)
    funnel = property(lambda self: self._plots_area().funnel)
    forest_panel = property(lambda self: self._plots_area().forest_panel)
    funnel_panel = property(lambda self: self._plots_area().funnel_panel)

    def _build_controls(self) -> QWidget:
        bar = ControlsBar()
        self.transition_combo, self.period_combo = bar.transition_combo, bar.period_combo
        self.team_combo, self.units_combo, self.units_label = bar.team_combo, bar.units_combo, bar.units_label
        self.start_edit, self.end_edit, self.order_combo = bar.start_edit, bar.end_edit, bar.order_combo
        self.overdispersion_check, self.date_error = bar.overdispersion_check, bar.date_error
        self.transition_combo.currentIndexChanged.connect(self._controls_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.start_edit.dateChanged.connect(self._dates_changed)
        self.end_edit.dateChanged.connect(self._dates_changed)
        self.team_combo.currentIndexChanged.connect(self._controls_changed)
        self.units_combo.currentIndexChanged.connect(self._units_changed)
        self.order_combo.currentIndexChanged.connect(self._order_changed)
        self.overdispersion_check.toggled.connect(self._controls_changed)
        return bar

    # ------------------------------------------------------------------ settings
    def _settings(self) -> QSettings:
        settings = QSettings()
        settings.beginGroup(SETTINGS_GROUP)
        return settings

    def _restore_settings(self) -> None:
        s = self._settings()
        self._restoring = True
        try:
            index = self.period_combo.findData(str(s.value("period", "26")))
            self.period_combo.setCurrentIndex(max(0, index))
            for key, edit in (("custom_start", self.start_edit), ("custom_end", self.end_edit)):
                text = str(s.value(key, "") or "")
                q = QDate.fromString(text, Qt.DateFormat.ISODate) if text else QDate()
                if q.isValid():
                    edit.setDate(q)
            self.order_combo.setCurrentIndex(max(0, self.order_combo.findData(str(s.value("order", "name")))))
            self.units_combo.setCurrentIndex(max(0, self.units_combo.findData(str(s.value("units", "reps")))))
            self._apply_units()
            self.proxy.set_by_team(self.order_combo.currentData() == "team")
            self.overdispersion_check.setChecked(str(s.value("overdispersion", "false")).lower() == "true")
            tab = str(s.value("tab", 0))
            self.tabs.setCurrentIndex(int(tab) if tab.isdigit() and int(tab) < self.tabs.count() else 0)
            state = s.value("main_splitter")  # the plot splitter's when the plots are built (_plots_area)
            if state is not None:
                self.main_splitter.restoreState(state)
        finally:
            self._restoring = False
        self._sync_dates()

    def _save(self, key: str, value: Any) -> None:
        if self._restoring:
            return
        s = self._settings()
        s.setValue(key, value)

    def paintEvent(self, event: Any) -> None:  # noqa: N802
        super().paintEvent(event)
        if self._plots is None:  # the first paint without them: they are built in the next turn
            next_turn(self, self._plots_area)

    def hideEvent(self, event: Any) -> None:  # noqa: N802
        s = self._settings()
        s.setValue("main_splitter", self.main_splitter.saveState())
        if self._plots is not None:  # not built yet: the stored state stays
            s.setValue("plot_splitter", self._plots.splitter.saveState())
        super().hideEvent(event)

    # ------------------------------------------------------------------ controls
    def today(self) -> date:
        """The day of the window's one clock (the last day of the preset periods)."""
        return self.ctx.as_of().date()

    def period_range(self) -> tuple[date, date]:
        """The chosen period as ``(first day, last day)``, both inclusive."""
        key = self.period_combo.currentData()
        if key == CUSTOM:
            return _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        weeks = dict(PERIODS).get(str(key), 26)
        last = self.today()
        return last - timedelta(weeks=weeks) + timedelta(days=1), last

    def current_query(self) -> dict[str, Any]:
        """The keyword arguments given to ``compare_reps`` (besides ``ws`` and ``data``)."""
        first, last = self.period_range()
        return {
            "from_stage": int(self.transition_combo.currentData()),
            "start": _midnight(first),
            "end": _midnight(last + timedelta(days=1)),
            "as_of": self._as_of_moment(),
            "team_id": self.team_combo.currentData() or None,
            "overdispersion": self.overdispersion_check.isChecked(),
        }

    def _as_of_moment(self) -> datetime:
        return self.ctx.as_of()  # one clock: the instant every view counts as of

    def _sync_dates(self) -> None:
        custom = self.period_combo.currentData() == CUSTOM
        if not custom:
            first, last = self.period_range()
            for edit, d in ((self.start_edit, first), (self.end_edit, last)):
                edit.blockSignals(True)
                edit.setDate(_qdate(d))
                edit.blockSignals(False)
        elif self.start_edit.date() == QDate(2000, 1, 1):  # never set: start from the preset shown before
            last = self.today()
            self.start_edit.setDate(_qdate(last - timedelta(weeks=13) + timedelta(days=1)))
            self.end_edit.setDate(_qdate(last))
        tip = "" if custom else self.tr("Choose “Custom range” under Period to set your own dates")
        for edit in (self.start_edit, self.end_edit):
            edit.setEnabled(custom)
            edit.setToolTip(tip or self.tr("First and last day (inclusive) of the period"))

    def _period_changed(self) -> None:
        self._save("period", self.period_combo.currentData())
        self._sync_dates()
        if self.period_combo.currentData() == CUSTOM:
            self._save("custom_start", self.start_edit.date().toString(Qt.DateFormat.ISODate))
            self._save("custom_end", self.end_edit.date().toString(Qt.DateFormat.ISODate))
        self._controls_changed()

    def _dates_changed(self) -> None:
        if self.period_combo.currentData() == CUSTOM:
            self._save("custom_start", self.start_edit.date().toString(Qt.DateFormat.ISODate))
            self._save("custom_end", self.end_edit.date().toString(Qt.DateFormat.ISODate))
            self._controls_changed()

    def by_channel(self) -> bool:
        """Channels side by side instead of reps."""
        return self.units_combo.currentData() == "channels"

    def _apply_units(self) -> None:
        """The table and the List-by box for the units compared (channels have no team and no cycles)."""
        channels = self.by_channel()
        self.model.set_first_header(self.tr("Channel") if channels else self.tr("Rep"))
        table = self.table
        table.setColumnHidden(1, channels)  # team
        table.setColumnHidden(6, channels)  # active cycles
        self.order_combo.setEnabled(not channels)
        self.proxy.set_by_team(self.order_combo.currentData() == "team" and not channels)

    def _units_changed(self) -> None:
        self._save("units", self.units_combo.currentData())
        self._apply_units()
        self._controls_changed()

    def _order_changed(self) -> None:
        self._save("order", self.order_combo.currentData())
        self.proxy.set_by_team(self.order_combo.currentData() == "team")
        self._show_plots()

    def _controls_changed(self) -> None:
        if self._restoring or not self._populated:
            return
        self._save("from_stage_id", self.transition_combo.currentData(Qt.ItemDataRole.UserRole + 1))
        self._save("team_id", self.team_combo.currentData() or "")
        self._save("overdispersion", self.overdispersion_check.isChecked())
        self._compute_timer.start()

    def _cycle_changed(self) -> None:
        if self._restoring or not self._populated:
            return
        self._save("cycle_id", self.cycle_combo.currentData() or "")
        self._cycle_timer.start()

    # ------------------------------------------------------------------ refresh
    def refresh(self) -> None:
        """The snapshot and the cycles with their participants come in the background, then the choices are
        filled and the comparison computed (in the background too)."""
        from pdsa_desk.core.metrics import transitions
        from pdsa_desk.core.services.cycles import list_cycles, participant_ids_by_cycle

        ticket = self._loads.begin()
        self.updating = True
        ws = self.ctx.ws

        def gather(data: Any) -> None:
            def work() -> tuple:
                taking_part = participant_ids_by_cycle(ws)  # one query, not one per cycle (300 at 1M)
                cycles = [(cycle, taking_part.get(cycle.id, ())) for cycle in list_cycles(ws)]
                return data, transitions(data), cycles

            self.ctx.run_in_background(work, ticket.guard(self._populate), abandon_on_close=True)  # it only reads

        self.ctx.analysis_in_background(ticket.guard(gather))

    def _part_shown(self, part: str) -> None:
        self._waiting[part] = False
        if part == "comparison" and self._cycle_due:
            self._cycle_due = False
            if self.plots.isVisible() and self.stack.currentIndex() == 0:
                # Once the plots are painted: computed beside their first paint (~60 ms of GUI CPU at 1M), the
                # worker's Python work held the GIL the paint waited for: the visit's longest stall (issue 16).
                self.plots.after_next_paint(self._cycle_timer.start)
            else:
                self._cycle_timer.start()
        if self._populated and not any(self._waiting.values()):
            self.updating = False

    def _populate(self, gathered: tuple) -> None:
        data, transitions, cycles = gathered
        self._data = data
        s = self._settings()
        stage_id = self.transition_combo.currentData(Qt.ItemDataRole.UserRole + 1) or s.value("from_stage_id", "")
        team_id = self.team_combo.currentData() if self._populated else (s.value("team_id", "") or None)
        cycle_id = self.cycle_combo.currentData() if self._populated else (s.value("cycle_id", "") or None)

        self._restoring = True
        try:
            stages = data.stages
            names = stages["name"].astype(str).tolist()
            ids = stages["id"].astype(str).tolist()
            self.transition_combo.clear()
            for a, b in transitions:
                self.transition_combo.addItem(f"{names[a]} → {names[b]}", a)
                self.transition_combo.setItemData(self.transition_combo.count() - 1, ids[a],
                                                  Qt.ItemDataRole.UserRole + 1)
            index = self.transition_combo.findData(stage_id, Qt.ItemDataRole.UserRole + 1)
            self.transition_combo.setCurrentIndex(max(0, index) if self.transition_combo.count() else -1)

            reps = data.reps
            teams = (
                reps.loc[reps["team_id"].notna(), ["team_id", "team_name"]]
                .drop_duplicates("team_id")
                .sort_values("team_name", key=lambda c: c.astype(str).str.casefold())
            )
            self.team_combo.clear()
            self.team_combo.addItem(self.tr("All teams"), "")
            for tid, tname in teams.itertuples(index=False):
                self.team_combo.addItem(str(tname), str(tid))
            self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(team_id or "")))
            self.team_combo.setEnabled(self.team_combo.count() > 1)
            self.team_combo.setToolTip(
                self.tr("Compare the reps of one team, or everyone") if self.team_combo.count() > 1
                else self.tr("No teams yet: every rep is compared"))

            self.cycle_combo.clear()
            preferred: list[tuple[int, int]] = []  # (rank, combo index): whole team first, then started
            for cycle, people in cycles:
                if len(people) > 1:
                    status = self.cycle_panel.status_text(str(cycle.status))
                    text = (self.tr("{0} (whole team of {1}, {2})") if cycle.whole_team
                            else self.tr("{0} ({1} reps, {2})")).format(cycle.title, len(people), status)
                    self.cycle_combo.addItem(text, cycle.id)
                    rank = 0 if cycle.whole_team else (1 if str(cycle.status) != "plan" else 2)
                    preferred.append((rank, self.cycle_combo.count() - 1))
            index = self.cycle_combo.findData(cycle_id) if cycle_id else -1
            if index < 0 and preferred:
                index = min(preferred)[1]
            self.cycle_combo.setCurrentIndex(max(0, index) if self.cycle_combo.count() else -1)
            self.cycle_combo.setEnabled(self.cycle_combo.count() > 0)
            self.cycle_combo.setToolTip(
                self.tr("Cycles that more than one rep took part in") if self.cycle_combo.count()
                else self.tr("No cycle has more than one rep yet"))
        finally:
            self._restoring = False
        self._populated = True
        self._sync_dates()
        self._waiting = {"comparison": True, "cycle": True}
        self._compute_timer.start()
        # The team-wide cycle (a tab behind the reps' table) once the comparison is shown: computed beside it,
        # its Python work kept the window waiting for the GIL while the table and plots were filled (issue 16).
        self._cycle_due = True
        if self._pending_focus and self.cycle_combo.findData(self._pending_focus) >= 0:
            self.show_object(self._pending_focus)

    # ------------------------------------------------------------------ computing
    def _compute(self) -> None:
        ticket = self._comparison_ticket = self._comparisons.begin()
        self._waiting["comparison"] = self.updating = True
        if self.transition_combo.count() == 0:
            self._show_empty(self.tr(
                "No stage has a next stage yet — add at least two stages in Standards to compare reps."))
            return
        first, last = self.period_range()
        if first > last:
            self.date_error.setText(self.tr("The first day is after the last day."))
            self.date_error.setVisible(True)
            self._show_empty(self.tr("Choose a first day on or before the last day of the period."))
            return
        self.date_error.setVisible(False)
        query = self.current_query()
        data = self._data
        ws = self.ctx.ws

        by_channel = self.by_channel()

        def work() -> tuple[Any, list[dict[str, Any]]]:
            from pdsa_desk.core.channel_compare import compare_channels
            from pdsa_desk.core.funnel_compare import compare_reps

            result = (compare_channels if by_channel else compare_reps)(ws, **query, data=data)
            return result, RecordsModel.records(result.table)  # the table's rows too: 60 ms at 1M

        self.ctx.run_in_background(
            work,
            ticket.guard(self._comparison_done),  # not if a newer request is on its way
            ticket.guard(self._comparison_failed),
            abandon_on_close=True,  # it only reads
        )

    def _comparison_done(self, computed: tuple[Any, list[dict[str, Any]]]) -> None:
        result, rows = computed
        self.comparison = result
        self.error = ""
        self.model.set_rows(rows)
        self.proxy.sort(0, Qt.SortOrder.AscendingOrder)
        if not rows and self._data is not None and not len(self._data.opportunities):
            self._show_empty(self.tr("No opportunities in this workspace yet — import them with “Import from CRM "
                                     "export” on the Data page, or add them on the Board."))
            return
        if not rows:
            team = self.team_combo.currentText() if self.team_combo.currentData() else ""
            where = self.tr(" (team {0})").format(team) if team else ""
            # Nobody entered, or n entered and all are still within their window (the core says which).
            note = i18n.text(result.empty_note).rstrip(".")
            self._show_empty(self.tr("{0}{1} — choose a longer period or another team.").format(note, where))
            return
        self.stack.setCurrentIndex(0)
        self._show_summary()
        # The plots in the next event-loop turn: the table and the plots drawn in one took 0.2 s at 1M (430 reps).
        # A newer comparison asked for meanwhile draws its own.
        next_turn(self, self._comparison_ticket.guard(self._comparison_drawn))

    def _comparison_drawn(self) -> None:
        comp = self.comparison
        if comp is None or self.model.rowCount() == 0:
            self.comparison_shown.emit()
            return
        # The data in this turn, the headings, axes and layout in the next, the paint in the one after: in one
        # turn, the plots' data and layout took 55-80 ms of GUI CPU at 1M under load (issue 16).
        self.plots.set_data(comp, self.ordered_rows(), by_team=self.proxy.by_team)
        first, last = self.period_range()
        heading = {"by_channel": self.by_channel(), "transition": self.transition_combo.currentText(),
                   "first": first, "last": last}  # as they are now, with the data
        next_turn(self, self._comparison_ticket.guard(lambda: self._comparison_laid_out(heading)))

    def _comparison_laid_out(self, heading: dict[str, Any]) -> None:
        self.plots.lay_out(**heading)
        if self._pending_focus:
            self.show_object(self._pending_focus)
        self.comparison_shown.emit()

    def _comparison_failed(self, exc: BaseException) -> None:
        self.comparison = None
        self.error = str(exc)
        self.model.set_rows([])
        if not isinstance(exc, ValidationError):
            self._show_empty(self.tr("The comparison could not be computed."))
            raise exc  # a bug: let the crash handler report it
        self._show_empty(str(exc))

    def _show_empty(self, message: str) -> None:
        self.empty.setText(message)
        self.summary.setText("")
        self.stack.setCurrentIndex(1)
        self.comparison_shown.emit()

    def ordered_rows(self) -> list[dict[str, Any]]:
        """The rows in the order the table shows them (name, or team then name)."""
        return [self.model.row(self.proxy.mapToSource(self.proxy.index(i, 0)).row())
                for i in range(self.proxy.rowCount())]

    def _show_plots(self) -> None:
        comp = self.comparison
        if comp is None or self.model.rowCount() == 0:
            return
        first, last = self.period_range()
        self.plots.show_comparison(comp, self.ordered_rows(), by_team=self.proxy.by_team,
                                   by_channel=self.by_channel(), transition=self.transition_combo.currentText(),
                                   first=first, last=last)

    def _show_summary(self) -> None:
        comp = self.comparison
        table = comp.table
        x, n = int(table["x"].sum()), int(table["n"].sum())
        first, last = (formatting.date_short(day) for day in self.period_range())
        team = self.team_combo.currentText() if self.team_combo.currentData() else self.tr("all teams")
        if self.by_channel():
            self.summary.setText(self.tr(
                "<b>{transition}</b> for opportunities entering {first} – {last}, {team}: "
                "{k} channels, overall rate <b>{rate}</b> ({x} of {n})."
            ).format(transition=self.transition_combo.currentText(), first=first, last=last, team=team,
                     k=len(table), rate=pct(comp.p0), x=x, n=n))
            self.caption.setText(self.tr(
                "Channels are listed by name: the funnel's limits show which differences are larger than chance. "
                "A channel's rate also reflects who works it and when: compare, do not rank."))
            return
        self.summary.setText(self.tr(
            "<b>{transition}</b> for opportunities entering {first} – {last}, {team}: "
            "{k} reps, team rate <b>{rate}</b> ({x} of {n})."
        ).format(transition=self.transition_combo.currentText(), first=first, last=last, team=team,
                 k=len(table), rate=pct(comp.p0), x=x, n=n))
        self.caption.setText(self.reps.dispersion_caption(self.comparison, self.overdispersion_check.isChecked()))

    # ------------------------------------------------------------------ team-wide cycle
    def _compute_cycle(self) -> None:
        ticket = self._cycle_comparisons.begin()
        self._waiting["cycle"] = self.updating = True
        cycle_id = self.cycle_combo.currentData()
        if not cycle_id:
            self.improvement = None
            self.cycle_model.set_rows([])
            self.headline.setText(self.tr(
                "No team-wide cycles yet — a cycle that more than one rep takes part in appears here."))
            self.improvement_shown.emit()
            return
        ws, data, as_of = self.ctx.ws, self._data, self._as_of_moment()

        def work() -> tuple[Any, list[dict[str, Any]]]:
            from pdsa_desk.core.study import team_improvement

            result = team_improvement(ws, cycle_id, as_of=as_of, data=data)
            return result, RecordsModel.records(result.per_rep)

        self.headline.setText(self.tr("Comparing…"))
        self.ctx.run_in_background(
            work,
            ticket.guard(self._improvement_done),
            ticket.guard(self._improvement_failed),
            abandon_on_close=True,  # it only reads
        )

    def _improvement_done(self, computed: tuple[Any, list[dict[str, Any]]]) -> None:
        result, rows = computed
        self.improvement = result
        self.headline.setText(i18n.text(result.headline))
        self.cycle_model.set_rows(rows)
        self.improvement_shown.emit()

    def _improvement_failed(self, exc: BaseException) -> None:
        self.improvement = None
        self.cycle_model.set_rows([])
        if not isinstance(exc, ValidationError):
            self.headline.setText(self.tr("This cycle could not be compared."))
            self.improvement_shown.emit()
            raise exc  # a bug: let the crash handler report it
        self.headline.setText(str(exc))
        self.improvement_shown.emit()

    # ------------------------------------------------------------------ focus
    def show_object(self, object_id: str) -> None:
        """A cycle id selects it in the team-wide section; a rep id selects the rep's row."""
        self._pending_focus = ""
        index = self.cycle_combo.findData(object_id)
        if index >= 0:
            self.cycle_combo.setCurrentIndex(index)
            self.tabs.setCurrentIndex(1)
            return
        for i in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(i, 0))
            if self.model.row(source.row()).get("rep_id") == object_id:
                self.tabs.setCurrentIndex(0)
                self.table.selectRow(i)
                self.table.scrollTo(self.proxy.index(i, 0))
                return
        if not self._populated or self.comparison is None:
            self._pending_focus = object_id  # applied once the data has arrived

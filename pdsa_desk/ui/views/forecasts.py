"""Forecasts: numbers people predicted for a month or quarter, held against what happened.

Anyone records a forecast (the form on top; made now). The table shows every forecast beside its actual,
computed from the workspace by the rules of :mod:`pdsa_desk.core.forecasts` (counted so far while the
period runs; a forecast made after its period started is marked). Below, each forecaster's bias (mean
signed error in % of the actual: positive = optimistic) and accuracy (mean absolute % error) over their
last four closed periods — listed by name, never ranked: it is a record for each person to calibrate
against, not a league table. Everything is computed on the worker thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import ForecastMetric, ForecastScope
from pdsa_desk.ui import i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.forecast_edits import (
    DeleteForecastCommand,
    ForecastForm,
    RecordForecastCommand,
    metric_label,
    role_label,
)
from pdsa_desk.ui.rows_model import RowColumn, RowsModel
from pdsa_desk.ui.views.base import View

__all__ = ["ForecastsView", "compute_forecasts"]


def compute_forecasts(ws: Any, as_of: Any) -> dict[str, Any]:
    """Everything the view shows (runs on the worker): forecasts with actuals, each forecaster's record,
    and the form's choices."""
    from pdsa_desk.core.forecasts import forecast_actuals, forecaster_accuracy

    actuals = forecast_actuals(ws, as_of=as_of)
    reps = services.list_reps(ws)
    return {
        "actuals": actuals,
        "accuracy": forecaster_accuracy(actuals),
        "stages": [(s.id, s.name) for s in services.list_stages(ws)],
        "teams": [(t.id, t.name) for t in services.list_teams(ws)],
        "reps": [(r.id, r.name) for r in reps if r.active],
        "channels": services.list_channels(ws),
        "forecasters": sorted({a.forecaster for a in actuals}, key=str.casefold),
    }


def _number(value: float | None, metric: str) -> str:
    if value is None:
        return "—"
    if metric == ForecastMetric.WON_REVENUE:
        return f"{value:,.0f}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f}%"


class ForecastsView(View):
    """Record forecasts; forecast vs actual per person and period; bias and accuracy by name."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._loads = self.latest()
        self.result: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("<h2>Forecasts</h2>Predictions of leads, stage entries, won deals and revenue, "
                               "held against what happened. Bias is the mean error in % of the actual "
                               "(positive = optimistic); accuracy is the mean absolute % error."))
        title.setWordWrap(True)
        layout.addWidget(title)
        box = QGroupBox(self.tr("Record a forecast"))
        inner = QVBoxLayout(box)
        self.form = ForecastForm()
        self.form.submitted.connect(self.record)
        inner.addWidget(self.form)
        layout.addWidget(box)

        filters = QHBoxLayout()
        self.person_combo = QComboBox()
        self.person_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.person_combo.setToolTip(self.tr("Show one forecaster's forecasts, or everyone's"))
        label = QLabel(self.tr("&Show:"))
        label.setBuddy(self.person_combo)
        filters.addWidget(label)
        filters.addWidget(self.person_combo)
        filters.addStretch(1)
        self.delete_action = QAction(self.tr("&Delete forecast"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.setToolTip(self.tr("Delete the selected forecast (Del); Edit > Undo brings it back"))
        self.delete_action.triggered.connect(self.delete_selected)
        self.addAction(self.delete_action)
        self.delete_button = QPushButton(self.delete_action.text())
        self.delete_button.setToolTip(self.delete_action.toolTip())
        self.delete_button.clicked.connect(self.delete_action.trigger)
        filters.addWidget(self.delete_button)
        layout.addLayout(filters)

        self.model = RowsModel([
            RowColumn(self.tr("Period"), self._period_text, lambda r: (r.period_start, r.period_end)),
            RowColumn(self.tr("Forecaster"), lambda r: r.forecaster, lambda r: r.forecaster.casefold()),
            RowColumn(self.tr("Role"), lambda r: role_label(r.role), lambda r: r.role),
            RowColumn(self.tr("What"), self._what_text, lambda r: r.metric),
            RowColumn(self.tr("For"), self._scope_text, lambda r: r.scope.casefold()),
            RowColumn(self.tr("Forecast"), lambda r: _number(r.forecast, r.metric), lambda r: r.forecast, right=True),
            RowColumn(self.tr("Actual"), self._actual_text, lambda r: r.actual or 0.0, right=True),
            RowColumn(self.tr("Error"), lambda r: "—" if r.error is None else f"{r.error:+,.0f}",
                   lambda r: r.error or 0.0, right=True),
            RowColumn(self.tr("Error %"), lambda r: _pct(r.pct_error), lambda r: r.pct_error or 0.0, right=True),
            RowColumn(self.tr("Made"), self._made_text, lambda r: r.made_at),
        ], tooltip=self._row_tip)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.people_model = RowsModel([
            RowColumn(self.tr("Forecaster"), lambda a: a.forecaster, lambda a: a.forecaster.casefold()),
            RowColumn(self.tr("Periods"), self._periods_text, lambda a: len(a.periods)),
            RowColumn(self.tr("Counted"), lambda a: str(a.n), lambda a: a.n, right=True),
            RowColumn(self.tr("Bias"), lambda a: _pct(a.bias), lambda a: a.bias or 0.0, right=True),
            RowColumn(self.tr("Accuracy (mean abs. error)"), lambda a: "—" if a.mape is None else f"{a.mape:.0f}%",
                   lambda a: a.mape or 0.0, right=True),
            RowColumn(self.tr("Notes"), self._person_note, lambda a: 0),
        ])
        self.people = QTableView()
        self.people.setModel(self.people_model)  # by name, as computed: no sorting, no ranking
        self.people.verticalHeader().hide()
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.people.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.horizontalHeader().setStretchLastSection(True)
        people_box = QWidget()
        people_layout = QVBoxLayout(people_box)
        people_layout.setContentsMargins(0, 6, 0, 0)
        heading = QLabel(self.tr("<b>Each forecaster over their last four closed periods</b> — listed by name: "
                                 "a record to calibrate against, not a league table."))
        heading.setWordWrap(True)
        people_layout.addWidget(heading)
        people_layout.addWidget(self.people)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(people_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.person_combo.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        ctx.data_changed.connect(self._on_data_changed)
        self._update_buttons()

    # --- texts ------------------------------------------------------------------------------
    def _period_text(self, r: Any) -> str:
        from pdsa_desk.core.services import period_kind

        if period_kind(r.period_start, r.period_end) == "quarter":
            return self.tr("Q{0} {1}").format((r.period_start.month - 1) // 3 + 1, r.period_start.year)
        return r.period_start.strftime("%b %Y")

    def _what_text(self, r: Any) -> str:
        text = metric_label(r.metric)
        return f"{text}: {r.stage}" if r.metric == ForecastMetric.STAGE_ENTRIES and r.stage else text

    def _scope_text(self, r: Any) -> str:
        if r.scope_kind == ForecastScope.ALL:
            return self.tr("Whole workspace")
        kind = {ForecastScope.TEAM: self.tr("Team"), ForecastScope.REP: self.tr("Rep"),
                ForecastScope.CHANNEL: self.tr("Channel")}.get(r.scope_kind, r.scope_kind)
        return f"{kind} {r.scope}"

    def _actual_text(self, r: Any) -> str:
        if r.actual is None:
            return self.tr("stage deleted")
        text = _number(r.actual, r.metric)
        return text if r.closed else self.tr("{0} so far").format(text)

    def _made_text(self, r: Any) -> str:
        text = r.made_at.strftime("%d %b %Y")
        return self.tr("{0} — after the period started").format(text) if r.late else text

    def _row_tip(self, r: Any) -> str:
        lines = []
        if r.late:
            lines.append(self.tr("Made after the period had started: part of the actual was already known."))
        if not r.closed:
            lines.append(self.tr("The period is still running: the actual is counted so far, the error once it "
                                 "ends."))
        if r.missing_amounts:
            lines.append(self.tr("%n won deal(s) of the period have no amount and add nothing to the revenue.", "",
                                 r.missing_amounts))
        if r.closed and r.actual == 0:
            lines.append(self.tr("The actual is 0: an error in % is undefined, so this forecast is left out of the "
                                 "bias and accuracy."))
        return "\n".join(lines)

    def _periods_text(self, a: Any) -> str:
        return ", ".join(self._period_text(_Period(*p)) for p in reversed(a.periods))

    def _person_note(self, a: Any) -> str:
        parts = []
        if a.zero_actuals:
            parts.append(self.tr("%n left out (actual 0)", "", a.zero_actuals))
        if a.late:
            parts.append(self.tr("%n made after the period started", "", a.late))
        return "; ".join(parts)

    # --- loading ----------------------------------------------------------------------------
    def _on_data_changed(self) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        ticket = self._loads.begin()
        self.updating = True
        ws, as_of = self.ctx.ws, self.ctx.as_of()
        self.ctx.run_in_background(lambda: compute_forecasts(ws, as_of), ticket.guard(self._loaded),
                                   ticket.guard(self._failed), abandon_on_close=True)

    def _loaded(self, result: dict[str, Any]) -> None:
        self.result = result
        self.form.set_choices(forecasters=result["forecasters"], stages=result["stages"], teams=result["teams"],
                              reps=result["reps"], channels=result["channels"], today=self.ctx.as_of().date())
        self.model.set_rows(result["actuals"])
        self.people_model.set_rows(result["accuracy"])
        keep = self.person_combo.currentData()
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        self.person_combo.addItem(self.tr("Everyone"), "")
        for name in result["forecasters"]:
            self.person_combo.addItem(name, name)
        self.person_combo.setCurrentIndex(max(0, self.person_combo.findData(keep or "")))
        self.person_combo.blockSignals(False)
        self._filter()
        self.updating = False
        self._update_buttons()
        self.refreshed.emit()

    def _failed(self, exc: BaseException) -> None:
        self.updating = False
        self.status.setText(self.tr("The forecasts could not be computed: {0}").format(exc))
        self.refreshed.emit()

    def _filter(self) -> None:
        who = self.person_combo.currentData() or ""
        for row in range(self.model.rowCount()):
            hide = bool(who) and self.model.rows[row].forecaster != who
            source = self.proxy.mapFromSource(self.model.index(row, 0))
            self.table.setRowHidden(source.row(), hide)

    def _update_buttons(self) -> None:
        on = self.selected() is not None
        self.delete_action.setEnabled(on)
        self.delete_button.setEnabled(on)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[self.proxy.mapToSource(rows[0]).row()] if rows else None

    # --- edits ------------------------------------------------------------------------------
    def _report(self, text: str) -> None:
        self.status.setText(i18n.text(text))  # a service's refusal in the UI's language

    def _changed(self) -> None:
        from pdsa_desk.core.changes import Change

        self.ctx.notify_changed(Change())
        if not self.isVisible():
            self.refresh()

    def record(self, values: dict[str, Any]) -> None:
        made_at = self.ctx.as_of() if self.ctx.clock.pinned else None
        try:
            row = services.create_forecast(self.ctx.ws, made_at=made_at, **values)
        except ValidationError as exc:
            self.form.show_error(exc)
            return
        self.ctx.undo_stack.push(RecordForecastCommand(self.ctx, row.id, row.forecaster, self._report))
        late = row.made_at.date() >= row.period_start
        self.status.setText(self.tr("Recorded. It was made after the period started, and is marked so.") if late
                            else self.tr("Recorded."))
        self._changed()

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        command = DeleteForecastCommand(self.ctx, row.forecast_id, row.forecaster, self._report)
        try:
            command.apply()
        except ValidationError as exc:
            self._report(exc.message)
            return
        self.ctx.undo_stack.push(command)
        self.status.setText(self.tr("Forecast deleted. Edit > Undo brings it back."))
        self._changed()


class _Period:
    def __init__(self, start: Any, end: Any) -> None:
        self.period_start, self.period_end = start, end

"""Recording a forecast: the form (refusals next to their field) and the undoable commands.

The form asks who forecasts, their side of the table, the period (a calendar month or quarter), what is
forecast (leads, entries into a stage, won deals, won revenue), for whom (the whole workspace, a team, a
rep or a channel) and the number. When it was made is not asked: it is now (the window's clock).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import ForecastMetric, ForecastRole, ForecastScope
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.standards_widgets import with_error
from pdsa_desk.ui.undo import ServiceCommand, report_refusal
from pdsa_desk.ui.widgets import ErrorLabel

__all__ = ["DeleteForecastCommand", "ForecastForm", "RecordForecastCommand", "metric_label", "role_label"]


def metric_label(metric: str) -> str:
    labels: dict[str, str] = {
        ForecastMetric.LEADS: tr("Leads"),
        ForecastMetric.STAGE_ENTRIES: tr("Entries into a stage"),
        ForecastMetric.WON_DEALS: tr("Won deals"),
        ForecastMetric.WON_REVENUE: tr("Won revenue"),
    }
    return labels.get(metric, metric)


def role_label(role: str) -> str:
    labels: dict[str, str] = {ForecastRole.SALES: tr("Sales"), ForecastRole.MARKETING: tr("Marketing"),
                              ForecastRole.MANAGER: tr("Manager")}
    return labels.get(role, role)


class ForecastForm(QWidget):
    """The "record a forecast" row of the Forecasts view. Emits ``submitted(values)`` on Record (Ctrl+Enter);
    the view calls the service and shows a refusal with :meth:`show_error`."""

    submitted = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.forecaster_combo = QComboBox()
        self.forecaster_combo.setEditable(True)
        self.forecaster_combo.setMinimumContentsLength(16)
        self.forecaster_combo.setToolTip(self.tr("Who makes the forecast: choose a name or type a new one"))
        self.role_combo = QComboBox()
        for role in ForecastRole:
            self.role_combo.addItem(role_label(role), str(role))
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("Quarter"), "quarter")
        self.kind_combo.addItem(self.tr("Month"), "month")
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_combo.setMinimumWidth(self.kind_combo.sizeHint().width())  # never squeezed below its words
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.part_combo = QComboBox()
        self.metric_combo = QComboBox()
        for metric in ForecastMetric:
            self.metric_combo.addItem(metric_label(metric), str(metric))
        self.stage_combo = QComboBox()
        self.stage_combo.setToolTip(self.tr("The stage whose entries are forecast"))
        self.scope_combo = QComboBox()
        for kind, text in ((ForecastScope.ALL, self.tr("Whole workspace")), (ForecastScope.TEAM, self.tr("Team")),
                           (ForecastScope.REP, self.tr("Rep")), (ForecastScope.CHANNEL, self.tr("Channel"))):
            self.scope_combo.addItem(text, str(kind))
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope_combo.setMinimumWidth(self.scope_combo.sizeHint().width())
        self.target_combo = QComboBox()
        self.target_combo.setMinimumContentsLength(14)
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setRange(0, 1e12)
        self.value_spin.setDecimals(0)
        self.value_spin.setGroupSeparatorShown(True)
        self.record_button = QPushButton(self.tr("&Record forecast"))
        self.record_button.setToolTip(self.tr("Record it, made now (Ctrl+Enter)"))
        self.record_button.clicked.connect(self.submit)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.submit)
        shortcut.setWhatsThis(self.tr("Record the forecast"))
        self.errors = {key: ErrorLabel() for key in
                       ("forecaster", "role", "period_start", "metric", "stage_id", "scope_kind", "team_id",
                        "rep_id", "channel", "value", None)}
        self._teams: list[tuple[str, str]] = []
        self._reps: list[tuple[str, str]] = []
        self._channels: list[str] = []

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        period = QHBoxLayout()
        for w in (self.kind_combo, self.part_combo, self.year_spin):
            period.addWidget(w)
        scope = QHBoxLayout()
        scope.addWidget(self.scope_combo)
        scope.addWidget(self.target_combo, 1)
        what = QHBoxLayout()
        what.addWidget(self.metric_combo)
        what.addWidget(self.stage_combo, 1)
        cells: list[tuple[str, QWidget | QHBoxLayout, QWidget, str]] = [
            (self.tr("&Who:"), self.forecaster_combo, self.forecaster_combo, "forecaster"),
            (self.tr("R&ole:"), self.role_combo, self.role_combo, "role"),
            (self.tr("&Period:"), period, self.kind_combo, "period_start"),
            (self.tr("&What:"), what, self.metric_combo, "metric"),
            (self.tr("&For:"), scope, self.scope_combo, "scope_kind"),
            (self.tr("&Number:"), self.value_spin, self.value_spin, "value"),
        ]
        for i, (text, field, buddy, key) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(buddy)
            row, col = divmod(i, 2)  # two pairs a row: three do not fit a 1024 px window in longer languages
            grid.addWidget(label, row, col * 2)
            errors = [self.errors[key]]
            if key == "metric":
                errors.append(self.errors["stage_id"])
            if key == "scope_kind":
                errors += [self.errors[k] for k in ("team_id", "rep_id", "channel")]
            box = with_error(field, errors[0])
            box_layout = box.layout()
            for extra in errors[1:]:
                if box_layout is not None:
                    box_layout.addWidget(extra)
            grid.addWidget(box, row, col * 2 + 1)
        grid.addWidget(self.record_button, 2, 4)
        grid.addWidget(self.errors[None], 3, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.kind_combo.currentIndexChanged.connect(self._fill_parts)
        self.metric_combo.currentIndexChanged.connect(self._metric_changed)
        self.scope_combo.currentIndexChanged.connect(self._fill_targets)

    # --- choices ----------------------------------------------------------------------------
    def set_choices(self, *, forecasters: list[str], stages: list[tuple[str, str]], teams: list[tuple[str, str]],
                    reps: list[tuple[str, str]], channels: list[str], today: date) -> None:
        """What the combos offer (kept as chosen when still offered)."""
        typed = self.forecaster_combo.currentText()
        self.forecaster_combo.clear()
        self.forecaster_combo.addItems(sorted({*forecasters, *(n for _i, n in reps)}, key=str.casefold))
        self.forecaster_combo.setEditText(typed)
        stage = self.stage_combo.currentData()
        self.stage_combo.clear()
        for stage_id, name in stages:
            self.stage_combo.addItem(name, stage_id)
        self.stage_combo.setCurrentIndex(max(0, self.stage_combo.findData(stage)))
        self._teams, self._reps, self._channels = teams, reps, channels
        self._fill_targets()
        if not self.part_combo.count():
            self.year_spin.setValue(today.year)
            self._fill_parts()
            self.part_combo.setCurrentIndex((today.month - 1) // 3)  # the current quarter
        self._metric_changed()

    def _fill_parts(self) -> None:
        keep = self.part_combo.currentIndex()
        self.part_combo.clear()
        if self.kind_combo.currentData() == "quarter":
            for q in range(1, 5):
                self.part_combo.addItem(self.tr("Q%1").replace("%1", str(q)), q)
        else:
            for m in range(1, 13):
                self.part_combo.addItem(QLocale().standaloneMonthName(m), m)
        self.part_combo.setCurrentIndex(min(max(keep, 0), self.part_combo.count() - 1))

    def _metric_changed(self) -> None:
        stage = self.metric_combo.currentData() == ForecastMetric.STAGE_ENTRIES
        self.stage_combo.setEnabled(stage)
        self.stage_combo.setVisible(stage)
        revenue = self.metric_combo.currentData() == ForecastMetric.WON_REVENUE
        self.value_spin.setDecimals(2 if revenue else 0)

    def _fill_targets(self) -> None:
        kind = self.scope_combo.currentData()
        keep = self.target_combo.currentData()
        self.target_combo.clear()
        if kind == ForecastScope.TEAM:
            for ident, name in self._teams:
                self.target_combo.addItem(name, ident)
        elif kind == ForecastScope.REP:
            for ident, name in self._reps:
                self.target_combo.addItem(name, ident)
        elif kind == ForecastScope.CHANNEL:
            for name in self._channels:
                self.target_combo.addItem(name, name)
        self.target_combo.setEnabled(kind != ForecastScope.ALL)
        self.target_combo.setVisible(kind != ForecastScope.ALL)
        self.target_combo.setCurrentIndex(max(0, self.target_combo.findData(keep)))

    # --- values -----------------------------------------------------------------------------
    def period(self) -> tuple[date, date]:
        year, part = self.year_spin.value(), int(self.part_combo.currentData() or 1)
        if self.kind_combo.currentData() == "quarter":
            return services.quarter_period(year, part)
        return services.month_period(year, part)

    def values(self) -> dict[str, Any]:
        start, end = self.period()
        kind = str(self.scope_combo.currentData())
        target = self.target_combo.currentData()
        metric = str(self.metric_combo.currentData())
        return {
            "forecaster": self.forecaster_combo.currentText(),
            "role": str(self.role_combo.currentData()),
            "period_start": start,
            "period_end": end,
            "metric": metric,
            "stage_id": self.stage_combo.currentData() if metric == ForecastMetric.STAGE_ENTRIES else None,
            "scope_kind": kind,
            "team_id": target if kind == ForecastScope.TEAM else None,
            "rep_id": target if kind == ForecastScope.REP else None,
            "channel": target if kind == ForecastScope.CHANNEL else None,
            "value": float(self.value_spin.value()),
        }

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear_message()

    def show_error(self, exc: ValidationError) -> None:
        field = exc.field if exc.field in self.errors else None
        if field == "period_end":
            field = "period_start"
        self.errors[field if field in self.errors else None].show_message(exc.message)

    def submit(self) -> None:
        self.clear_errors()
        self.submitted.emit(self.values())


class RecordForecastCommand(ServiceCommand):
    """Undo deletes the recorded forecast; redo brings it back."""

    change = Change()  # forecasts are not in the analysis snapshot

    def __init__(self, ctx: AppContext, forecast_id: str, who: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Record {0}'s forecast").format(who), report_refusal(report))
        self.forecast_id = forecast_id

    def apply(self) -> None:
        services.restore_forecast(self.ctx.ws, self.forecast_id)

    def revert(self) -> None:
        services.delete_forecast(self.ctx.ws, self.forecast_id)


class DeleteForecastCommand(ServiceCommand):
    change = Change()

    def __init__(self, ctx: AppContext, forecast_id: str, who: str, report: Callable[[str], None]) -> None:
        super().__init__(ctx, tr("Delete {0}'s forecast").format(who), report_refusal(report))
        self.forecast_id = forecast_id

    def apply(self) -> None:
        services.delete_forecast(self.ctx.ws, self.forecast_id)

    def revert(self) -> None:
        services.restore_forecast(self.ctx.ws, self.forecast_id)

"""The PDSA editor of one cycle: a header with the next step, and Plan / Do / Study / Act tabs.

Every edit goes through :mod:`pdsa_desk.core.services`; a refused edit shows its message next to
the field it names (``ValidationError.field``). Results come from :mod:`pdsa_desk.core.study`,
computed on the worker thread.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import QDate, QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.models import Cycle, CycleStatus, Decision, ObservationKind, TacticStatus
from pdsa_desk.ui import plotting
from pdsa_desk.ui.chart_widgets import ConversionChart
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.cycles_models import (
    ID_ROLE,
    ObservationModel,
    RampModel,
    date_range_text,
    decision_label,
    kind_label,
    status_label,
    status_swatch,
)
from pdsa_desk.ui.formatting import MISSING, chance, interval, p_value, pct, pp
from pdsa_desk.ui.undo import ServiceCommand
from pdsa_desk.ui.widgets import ErrorLabel, error_colour

PLAN_TAB, DO_TAB, STUDY_TAB, ACT_TAB = range(4)
#: The study chart shows at least this long after a cycle's end (the rest is a drag away).
CHART_AFTER = timedelta(weeks=8)
TAB_FOR_STATUS = {
    CycleStatus.PLAN: PLAN_TAB,
    CycleStatus.DO: DO_TAB,
    CycleStatus.STUDY: STUDY_TAB,
    CycleStatus.ACT: ACT_TAB,
    CycleStatus.CLOSED: ACT_TAB,
}
KINDS = (ObservationKind.OBSERVATION, ObservationKind.DEVIATION, ObservationKind.PROBLEM)

# Status pill colours (Okabe-Ito), each with the text colour that reads on it in light and dark mode.
_TEXT_ON = {CycleStatus.PLAN: "#000000", CycleStatus.DO: "#FFFFFF", CycleStatus.STUDY: "#000000",
            CycleStatus.ACT: "#000000", CycleStatus.CLOSED: "#FFFFFF"}
_PILL = {status: (status_swatch(status).name(), fg) for status, fg in _TEXT_ON.items()}


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


# --- small widgets ---------------------------------------------------------------------------


class StatusPill(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusPill")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_status(self, status: str) -> None:
        bg, fg = _PILL.get(status, ("#7f7f7f", "#000000"))  # type: ignore[call-overload]
        self.setText(status_label(status))
        self.setStyleSheet(
            f"QLabel#statusPill {{ background: {bg}; color: {fg}; border-radius: 9px; padding: 2px 12px;"
            " font-weight: 600; }"
        )
        self.setToolTip(self.tr("Status: {0}").format(status_label(status)))


class DateField(QWidget):
    """A date that may be unset: a QDateEdit with a calendar and a clear button."""

    changed = Signal()
    _UNSET = QDate(2000, 1, 1)

    def __init__(self, parent: QWidget | None = None, *, clearable: bool = True) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("ddd d MMM yyyy")
        self.edit.setMinimumDate(self._UNSET)
        self.edit.setSpecialValueText(self.tr("not set"))
        self.edit.setMinimumWidth(150)
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.edit.calendarWidget().installEventFilter(self)
        layout.addWidget(self.edit)
        self.clear_button = QToolButton()
        self.clear_button.setText("×")
        self.clear_button.setToolTip(self.tr("Clear the date"))
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        self.clear_button.setVisible(clearable)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # An unset date opens the calendar on today's month, not on the sentinel's.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(obj, event)

    def value(self) -> date | None:
        d = self.edit.date()
        return None if d == self._UNSET else date(d.year(), d.month(), d.day())

    def set_value(self, value: date | None) -> None:
        self.edit.setDate(self._UNSET if value is None else QDate(value.year, value.month, value.day))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.edit.setButtonSymbols(
            QDateEdit.ButtonSymbols.NoButtons if read_only else QDateEdit.ButtonSymbols.UpDownArrows
        )
        self.clear_button.setEnabled(not read_only)


class PredictionField(QWidget):
    """A predicted rate: a 0–100 % slider and a spin box kept in sync (the spin box may say 'not set')."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(5)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setTickInterval(10)
        self.slider.setAccessibleName(self.tr("Predicted conversion rate"))
        self.slider.setToolTip(self.tr("Drag to the share of customers you expect to make the step"))
        self.spin = QDoubleSpinBox()
        self.spin.setRange(-1.0, 100.0)
        self.spin.setDecimals(1)
        self.spin.setSingleStep(1.0)
        self.spin.setSuffix(" %")
        self.spin.setSpecialValueText(self.tr("not set"))
        self.spin.setAccessibleName(self.tr("Predicted conversion rate (%)"))
        self.spin.setToolTip(self.tr("The predicted conversion rate in percent (below 0 = not set)"))
        self.spin.setMinimumWidth(96)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self.slider.valueChanged.connect(self._from_slider)
        self.spin.valueChanged.connect(self._from_spin)
        self.setFocusProxy(self.slider)

    def _from_slider(self, value: int) -> None:
        if round(self.spin.value()) != value or self.spin.value() < 0:
            with QSignalBlocker(self.spin):
                self.spin.setValue(float(value))
        self.changed.emit()

    def _from_spin(self, value: float) -> None:
        with QSignalBlocker(self.slider):
            self.slider.setValue(max(0, round(value)))
        self.changed.emit()

    def value(self) -> float | None:
        """The predicted rate 0..1, or None when not set."""
        v = self.spin.value()
        return None if v < 0 else round(v / 100.0, 4)

    def set_value(self, rate: float | None) -> None:
        with QSignalBlocker(self.spin), QSignalBlocker(self.slider):
            if rate is None:
                self.spin.setValue(-1.0)
                self.slider.setValue(0)
            else:
                self.spin.setValue(100.0 * rate)
                self.slider.setValue(round(100.0 * rate))

    def set_read_only(self, read_only: bool) -> None:
        self.slider.setEnabled(not read_only)
        self.spin.setReadOnly(read_only)


def _text_edit(placeholder: str, lines: int = 3) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 14
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height + edit.fontMetrics().lineSpacing() * 2)
    return edit


# --- what the editor shows about a cycle --------------------------------------------------------


@dataclass
class CycleSnapshot:
    """Everything the editor shows of one cycle, read through the services."""

    cycle: Cycle
    participant_ids: list[str]
    reps: list[Any]
    teams: list[Any]
    tactics: list[Any]
    transitions: list[tuple[str, str]]  # (from-stage id, "From → To")
    active_counts: dict[str, int]
    observations: list[Any]
    tactic: Any | None = None

    @property
    def rep_names(self) -> dict[str, str]:
        return {r.id: r.name for r in self.reps}


def load_snapshot(ctx: AppContext, cycle_id: str) -> CycleSnapshot:
    from pdsa_desk.ui.cycles_models import transition_labels

    ws = ctx.ws
    cycle = services.get_cycle(ws, cycle_id)
    tactics = services.list_tactics(ws)
    return CycleSnapshot(
        cycle=cycle,
        participant_ids=[r.id for r in services.participants(ws, cycle_id)],
        reps=services.list_reps(ws),
        teams=services.list_teams(ws),
        tactics=tactics,
        transitions=list(transition_labels(ws).items()),
        active_counts=services.active_cycle_counts(ws),
        observations=services.observations(ws, cycle_id),
        tactic=next((t for t in tactics if t.id == cycle.tactic_id), None),
    )


@dataclass
class CycleResults:
    """The computed side of a cycle: its study, the team view, the ramp and the chart's weekly rates."""

    cycle_id: str
    study: Any = None
    team: Any = None
    error: str = ""
    chain: list[Cycle] = field(default_factory=list)
    chain_studies: dict[str, Any] = field(default_factory=dict)
    series: Any = None  # charts.ConversionSeries of the participating reps, with this cycle's band


def compute_results(ws: Any, cycle_id: str, data: Any, as_of: Any = None) -> CycleResults:
    """Study the cycle and every cycle of its ramp (plain function, runs on the worker thread)."""
    from pdsa_desk.core.study import study_cycle, team_improvement

    result = CycleResults(cycle_id=cycle_id)
    result.chain = services.ramp(ws, cycle_id)
    for c in result.chain:
        try:
            result.chain_studies[c.id] = study_cycle(ws, c.id, data=data, as_of=as_of)
        except (PdsaError, ValueError) as exc:
            result.chain_studies[c.id] = None
            if c.id == cycle_id:
                result.error = str(exc)
    study = result.chain_studies.get(cycle_id)
    result.study = study
    if study is None:
        return result
    if len(study.rep_ids) > 1:
        result.team = team_improvement(ws, cycle_id, data=data, as_of=as_of)
    if study.rep_ids:
        result.series = _study_series(ws, data, study, as_of)
    return result


def _study_series(ws: Any, data: Any, study: Any, as_of: Any) -> Any:
    """The weekly run chart of the transition for the cycle's reps, with only this cycle as a band."""
    import dataclasses

    import pandas as pd

    from pdsa_desk.core import charts

    meta = charts.load_chart_meta(ws)
    mine = meta.cycle(study.cycle_id)
    band = charts.CycleInfo(
        id=study.cycle_id, title=mine.title if mine else "", from_stage_id=mine.from_stage_id if mine else "",
        status=mine.status if mine else "", start=pd.Timestamp(study.cycle_start),
        end=pd.Timestamp(study.cycle_end), rep_ids=frozenset(study.rep_ids),
    )
    meta = dataclasses.replace(meta, cycles=(band,))
    # The participating reps' opportunities only (the charts module's scopes are all / team / rep).
    scoped = charts.subset_data(data, list(study.rep_ids))
    length = study.cycle_end - study.baseline_start
    return charts.conversion_series(
        scoped, meta, from_stage=study.from_stage, as_of=as_of if as_of is not None else datetime.now(UTC),
        chart="run", start=study.baseline_start - length / 2,
    )


# --- Plan --------------------------------------------------------------------------------------


class PlanTab(QWidget):
    """All plan fields; Save writes them with ``update_cycle``."""

    dirty_changed = Signal(bool)
    save_requested = Signal()

    TEXT_FIELDS = (
        ("objective", "Objective", "What do we want to learn or change?"),
        ("questions", "Questions", "What questions will this cycle answer?"),
        ("change_idea", "Change idea", "What exactly will the reps do differently?"),
        ("who_what_where_when", "Who / what / where / when", "Who does it, with which customers, where, and when?"),
        ("data_plan", "Data plan", "How will we collect the data, and who looks at it?"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self._loading = False
        self._read_only = False
        self._errors: dict[str, ErrorLabel] = {}
        self._widgets: dict[str, QWidget] = {}
        self._owner_teams: dict[str, str | None] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll, 1)
        body = QWidget()
        self.scroll.setWidget(body)
        form = QFormLayout(body)
        form.setContentsMargins(12, 12, 16, 12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form = form

        self.general_error = ErrorLabel()
        form.addRow(self.general_error)

        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("A short name the team will recognise"))
        self._add(self.tr("&Title:"), self.title, "title")

        self.tactic = QComboBox()
        self.tactic.setToolTip(self.tr("The standard-work candidate this cycle tests (optional)"))
        self._add(self.tr("Ta&ctic:"), self.tactic, "tactic_id")

        self.transition = QComboBox()
        self.transition.setToolTip(self.tr("The step customers make: from this stage to the next one"))
        self._add(self.tr("Trans&ition:"), self.transition, "from_stage_id")

        self.owner = QComboBox()
        self.owner.setToolTip(self.tr("The rep who runs the cycle (always takes part)"))
        self._add(self.tr("O&wner:"), self.owner, "owner_rep_id")

        people = QWidget()
        pl = QVBoxLayout(people)
        pl.setContentsMargins(0, 0, 0, 0)
        team_row = QHBoxLayout()
        self.whole_team = QCheckBox(self.tr("W&hole team"))
        self.whole_team.setToolTip(self.tr("Every active rep of the team takes part"))
        self.team = QComboBox()
        self.team.setToolTip(self.tr("The team that takes part"))
        team_row.addWidget(self.whole_team)
        team_row.addWidget(self.team, 1)
        pl.addLayout(team_row)
        self.participants = QListWidget()
        self.participants.setToolTip(self.tr("Tick the reps who take part; the owner always does"))
        self.participants.setMaximumHeight(150)
        self.participants.setAccessibleName(self.tr("Participating reps"))
        pl.addWidget(self.participants)
        self._add(self.tr("Pa&rticipants:"), people, "participants")
        self._errors["team_id"] = self._errors["participants"]
        self._widgets["team_id"] = self.team

        dates = QWidget()
        dl = QHBoxLayout(dates)
        dl.setContentsMargins(0, 0, 0, 0)
        self.planned_start = DateField()
        self.planned_end = DateField()
        dl.addWidget(self.planned_start)
        dl.addWidget(QLabel(self.tr("to")))
        dl.addWidget(self.planned_end)
        dl.addStretch(1)
        holder = self._add(self.tr("P&lanned dates:"), dates, "planned_start")
        self._widgets["planned_start"] = self.planned_start
        end_error = ErrorLabel()
        holder.layout().addWidget(end_error)
        self._errors["planned_end"] = end_error
        self._widgets["planned_end"] = self.planned_end

        self.prediction = PredictionField()
        self._add(self.tr("Pr&ediction:"), self.prediction, "prediction_rate")
        self.prediction_text = _text_edit(self.tr("In words: what do you expect, and why?"), 2)
        self._add(self.tr("Prediction in words:"), self.prediction_text, "prediction_text")

        self.text_edits: dict[str, QPlainTextEdit] = {}
        for key, label, hint in self.TEXT_FIELDS:
            edit = _text_edit(self.tr(hint))
            self.text_edits[key] = edit
            self._add(self.tr(label) + ":", edit, key)

        self.min_sample = QSpinBox()
        self.min_sample.setRange(1, 100_000)
        self.min_sample.setSuffix(self.tr(" customers"))
        self.min_sample.setToolTip(
            self.tr("How many customers must enter the stage during the cycle before its results are read")
        )
        self._add(self.tr("Minimum sa&mple:"), self.min_sample, "min_sample_size")

        self.baseline = QGroupBox(self.tr("Own baseline window"))
        self.baseline.setCheckable(True)
        self.baseline.setToolTip(
            self.tr("Compare with these dates instead of the weeks just before the cycle (the default)")
        )
        bl = QHBoxLayout(self.baseline)
        self.baseline_start = DateField(clearable=False)
        self.baseline_end = DateField(clearable=False)
        bl.addWidget(self.baseline_start)
        bl.addWidget(QLabel(self.tr("to")))
        bl.addWidget(self.baseline_end)
        bl.addStretch(1)
        holder = self._add(self.tr("Baseline:"), self.baseline, "baseline_start")
        self._widgets["baseline_end"] = self.baseline
        self._errors["baseline_end"] = self._errors["baseline_start"]

        bar = QHBoxLayout()
        bar.setContentsMargins(12, 4, 16, 8)
        self.dirty_label = QLabel()
        self.dirty_label.setEnabled(False)
        bar.addWidget(self.dirty_label, 1)
        self.save_button = QPushButton(self.tr("Sa&ve plan"))
        self.save_button.setToolTip(self.tr("Save the plan (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_requested)
        bar.addWidget(self.save_button)
        outer.addLayout(bar)

        for w in (self.title,):
            w.textEdited.connect(self._touched)
        for combo in (self.tactic, self.transition, self.owner, self.team):
            combo.currentIndexChanged.connect(self._touched)
        self.owner.currentIndexChanged.connect(self._owner_changed)
        self.whole_team.toggled.connect(self._touched)
        self.whole_team.toggled.connect(self._whole_team_toggled)
        self.participants.itemChanged.connect(self._touched)
        for d in (self.planned_start, self.planned_end, self.baseline_start, self.baseline_end):
            d.changed.connect(self._touched)
        self.baseline.toggled.connect(self._touched)
        self.prediction.changed.connect(self._touched)
        self.prediction_text.textChanged.connect(self._touched)
        for edit in self.text_edits.values():
            edit.textChanged.connect(self._touched)
        self.min_sample.valueChanged.connect(self._touched)
        self._set_dirty(False)

    def _add(self, label: str, widget: QWidget, key: str) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        error = ErrorLabel()
        layout.addWidget(error)
        self.form.addRow(label, holder)
        lab = self.form.labelForField(holder)
        if isinstance(lab, QLabel):
            lab.setBuddy(widget)
        self._errors[key] = error
        self._widgets[key] = widget
        return holder

    # --- state ---------------------------------------------------------------------------------

    def _touched(self, *_args: object) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.dirty_label.setText(self.tr("Unsaved changes") if dirty else "")
        self._update_save_button()
        self.dirty_changed.emit(dirty)

    def _update_save_button(self) -> None:
        if self._read_only:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("This cycle is closed: its plan is part of the record"))
        elif not self._dirty:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("No unsaved changes"))
        else:
            self.save_button.setEnabled(True)
            self.save_button.setToolTip(self.tr("Save the plan (Ctrl+S)"))

    def is_dirty(self) -> bool:
        return self._dirty and not self._read_only

    def _owner_changed(self) -> None:
        if self._loading:
            return
        owner = self.owner.currentData()
        team = self._owner_teams.get(owner) if owner else None
        if team and self.whole_team.isChecked() and self.team.currentData() is None:
            self.team.setCurrentIndex(max(0, self.team.findData(team)))

    def _whole_team_toggled(self, on: bool) -> None:
        self.team.setEnabled(on and not self._read_only)
        self.participants.setEnabled(not on)
        self.participants.setToolTip(
            self.tr("The whole team takes part: untick 'Whole team' to choose reps")
            if on else self.tr("Tick the reps who take part; the owner always does")
        )
        if on and self.team.currentData() is None:
            team = self._owner_teams.get(self.owner.currentData() or "")
            if team:
                self.team.setCurrentIndex(max(0, self.team.findData(team)))

    # --- load / read -----------------------------------------------------------------------------

    def set_snapshot(self, snap: CycleSnapshot) -> None:
        c = snap.cycle
        self._loading = True
        try:
            self.clear_errors()
            self.title.setText(c.title)
            self.tactic.clear()
            self.tactic.addItem(self.tr("— no tactic —"), None)
            for t in snap.tactics:
                self.tactic.addItem(t.name if t.status != TacticStatus.RETIRED else self.tr("{0} (retired)").format(t.name), t.id)
            self.tactic.setCurrentIndex(max(0, self.tactic.findData(c.tactic_id)) if c.tactic_id else 0)
            self.transition.clear()
            for stage_id, label in snap.transitions:
                self.transition.addItem(label, stage_id)
            idx = self.transition.findData(c.from_stage_id)
            if idx < 0:
                self.transition.addItem(self.tr("(stage without a next stage)"), c.from_stage_id)
                idx = self.transition.count() - 1
            self.transition.setCurrentIndex(idx)
            self.owner.clear()
            self.owner.addItem(self.tr("— no owner —"), None)
            self._owner_teams = {r.id: r.team_id for r in snap.reps}
            for r in snap.reps:
                if r.active or r.id == c.owner_rep_id:
                    self.owner.addItem(r.name, r.id)
            self.owner.setCurrentIndex(max(0, self.owner.findData(c.owner_rep_id)) if c.owner_rep_id else 0)
            self.team.clear()
            self.team.addItem(self.tr("— choose a team —"), None)
            for t in snap.teams:
                self.team.addItem(t.name, t.id)
            self.team.setCurrentIndex(max(0, self.team.findData(c.team_id)) if c.team_id else 0)
            self.whole_team.setChecked(bool(c.whole_team))
            self.participants.clear()
            chosen = set(snap.participant_ids)
            counts = snap.active_counts
            for r in snap.reps:
                if not r.active and r.id not in chosen:
                    continue
                n = counts.get(r.id, 0)
                text = r.name if n == 0 else self.tr("{0}  ·  in {1} active cycle(s)").format(r.name, n)
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if r.id in chosen else Qt.CheckState.Unchecked)
                if n:
                    item.setToolTip(self.tr("{0} takes part in {1} cycle(s) in Do, Study or Act").format(r.name, n))
                self.participants.addItem(item)
            self._whole_team_toggled(bool(c.whole_team))
            self.planned_start.set_value(c.planned_start)
            self.planned_end.set_value(c.planned_end)
            self.prediction.set_value(c.prediction_rate)
            self.prediction_text.setPlainText(c.prediction_text)
            for key, edit in self.text_edits.items():
                edit.setPlainText(getattr(c, key) or "")
            self.min_sample.setValue(int(c.min_sample_size or 1))
            own = c.baseline_start is not None or c.baseline_end is not None
            self.baseline.setChecked(own)
            self.baseline_start.set_value(c.baseline_start or c.planned_start)
            self.baseline_end.set_value(c.baseline_end)
            self.set_read_only(c.status == CycleStatus.CLOSED)
        finally:
            self._loading = False
        self._set_dirty(False)

    def checked_participants(self) -> list[str]:
        ids = []
        for i in range(self.participants.count()):
            item = self.participants.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                ids.append(item.data(Qt.ItemDataRole.UserRole))
        return ids

    def set_participants(self, rep_ids: Sequence[str]) -> None:
        wanted = set(rep_ids)
        for i in range(self.participants.count()):
            item = self.participants.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            )

    def values(self) -> dict[str, Any]:
        """Keyword arguments of ``update_cycle`` for what the form shows."""
        own = self.baseline.isChecked()
        values: dict[str, Any] = {
            "title": self.title.text(),
            "tactic_id": self.tactic.currentData(),
            "from_stage_id": self.transition.currentData(),
            "owner_rep_id": self.owner.currentData(),
            "whole_team": self.whole_team.isChecked(),
            "team_id": self.team.currentData(),
            "planned_start": self.planned_start.value(),
            "planned_end": self.planned_end.value(),
            "prediction_rate": self.prediction.value(),
            "prediction_text": self.prediction_text.toPlainText(),
            "min_sample_size": self.min_sample.value(),
            "baseline_start": self.baseline_start.value() if own else None,
            "baseline_end": self.baseline_end.value() if own else None,
            "participant_ids": self.checked_participants(),
        }
        for key, edit in self.text_edits.items():
            values[key] = edit.toPlainText()
        return values

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.title.setReadOnly(read_only)
        for combo in (self.tactic, self.transition, self.owner):
            combo.setEnabled(not read_only)
        self.whole_team.setEnabled(not read_only)
        self.team.setEnabled(not read_only and self.whole_team.isChecked())
        self.participants.setEnabled(not read_only and not self.whole_team.isChecked())
        for d in (self.planned_start, self.planned_end, self.baseline_start, self.baseline_end):
            d.set_read_only(read_only)
        self.baseline.setEnabled(not read_only)
        self.prediction.set_read_only(read_only)
        self.prediction_text.setReadOnly(read_only)
        for edit in self.text_edits.values():
            edit.setReadOnly(read_only)
        self.min_sample.setReadOnly(read_only)
        self._update_save_button()

    # --- errors -----------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.general_error.clear_message()
        for label in self._errors.values():
            label.clear_message()

    def show_error(self, exc: ValidationError) -> bool:
        """Show the message next to its field; False when the field is not on this tab."""
        key = exc.field or ""
        if key == "from_stage":
            key = "from_stage_id"
        label = self._errors.get(key)
        if label is None:
            return False
        label.show_message(exc.message)
        widget = self._widgets.get(key)
        if widget is not None:
            self.scroll.ensureWidgetVisible(widget, 20, 40)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def error_text(self, key: str) -> str:
        """The message shown next to a field ("" when none)."""
        label = self._errors.get(key)
        return label.text() if label is not None else ""


# --- Do ----------------------------------------------------------------------------------------


class DoTab(QWidget):
    """The observation log; type and press Enter to add (Alt+1/2/3 picks the kind)."""

    add_requested = Signal(str, str, str)  # text, kind, author
    delete_requested = Signal(str)  # observation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        intro = QLabel(
            self.tr("Write down what happens while the cycle runs: what you see, where you deviated from the "
                    "plan, and problems. The Study step reads these next to the numbers.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.model = ObservationModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ObservationModel.TEXT, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(self.tr("Observation log"))
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(
            self.tr("No observations yet — type what you saw below and press Enter.")
        )
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty_label)

        row = QHBoxLayout()
        row2 = QHBoxLayout()
        self.kind = QComboBox()
        for i, kind in enumerate(KINDS):
            self.kind.addItem(kind_label(kind), str(kind))
            self.kind.setItemData(i, self.tr("Alt+{0}").format(i + 1), Qt.ItemDataRole.ToolTipRole)
        self.kind.setToolTip(self.tr("Kind of entry: Alt+1 observation, Alt+2 deviation, Alt+3 problem"))
        self.input = QLineEdit()
        self.input.setPlaceholderText(self.tr("What did you see? Press Enter to add it to the log"))
        self.input.setClearButtonEnabled(True)
        self.input.setAccessibleName(self.tr("New observation"))
        self.author = QComboBox()
        self.author.setEditable(True)
        self.author.setToolTip(self.tr("Who observed it"))
        self.author.setMinimumWidth(140)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add the entry to the log (Enter)"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected entry (Del); Edit > Undo brings it back"))
        row.addWidget(self.kind)
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        author_label = QLabel(self.tr("A&uthor:"))
        author_label.setBuddy(self.author)
        row2.addWidget(author_label)
        row2.addWidget(self.author)
        hint = QLabel(self.tr("Alt+1/2/3: observation / deviation / problem"))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        row2.addWidget(hint, 1)
        row2.addWidget(self.delete_button)
        layout.addLayout(row)
        layout.addLayout(row2)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.input.returnPressed.connect(self._add)
        self.add_button.clicked.connect(self._add)
        self.delete_button.clicked.connect(self._delete)
        self.input.textChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for i in range(len(KINDS)):
            sc = QShortcut(QKeySequence(f"Alt+{i + 1}"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda i=i: self.kind.setCurrentIndex(i))
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, context=Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self._delete)
        self._closed = False
        self._update_buttons()

    def set_snapshot(self, snap: CycleSnapshot, *, keep_input: bool = False) -> None:
        self.model.set_observations(snap.observations)
        self.table.resizeRowsToContents()
        self.table.scrollToBottom()
        self.empty_label.setVisible(not snap.observations)
        names = snap.rep_names
        current = self.author.currentText() if keep_input else ""
        self.author.clear()
        people = [names[r] for r in snap.participant_ids if r in names]
        owner = names.get(snap.cycle.owner_rep_id or "")
        if owner and owner not in people:
            people.insert(0, owner)
        self.author.addItems(people)
        self.author.setCurrentText(current or owner or (people[0] if people else ""))
        if not keep_input:
            self.input.clear()
            self.kind.setCurrentIndex(0)
            self.error.clear_message()
        self._closed = snap.cycle.status == CycleStatus.CLOSED
        self.input.setEnabled(not self._closed)
        self.kind.setEnabled(not self._closed)
        self.author.setEnabled(not self._closed)
        if self._closed:
            self.input.setPlaceholderText(self.tr("This cycle is closed: its log is part of the record"))
        else:
            self.input.setPlaceholderText(self.tr("What did you see? Press Enter to add it to the log"))
        self._update_buttons()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        has_text = bool(self.input.text().strip())
        self.add_button.setEnabled(has_text and not self._closed)
        if self._closed:
            self.add_button.setToolTip(self.tr("This cycle is closed"))
        elif not has_text:
            self.add_button.setToolTip(self.tr("Type an observation first"))
        else:
            self.add_button.setToolTip(self.tr("Add the entry to the log (Enter)"))
        selected = self.selected_id() is not None
        self.delete_button.setEnabled(selected and not self._closed)
        if self._closed:
            self.delete_button.setToolTip(self.tr("This cycle is closed"))
        elif not selected:
            self.delete_button.setToolTip(self.tr("Select an entry in the log to delete it"))
        else:
            self.delete_button.setToolTip(self.tr("Delete the selected entry (Del); Edit > Undo brings it back"))

    def _add(self) -> None:
        if self._closed:
            return
        self.error.clear_message()
        self.add_requested.emit(self.input.text(), self.kind.currentData(), self.author.currentText().strip())

    def _delete(self) -> None:
        obs_id = self.selected_id()
        if obs_id and not self._closed:
            self.delete_requested.emit(obs_id)

    def show_error(self, exc: ValidationError) -> bool:
        if exc.field in ("text", "kind", "observed_at"):
            self.error.show_message(exc.message)
            self.input.setFocus()
            return True
        return False

    def added(self) -> None:
        """The entry was saved: clear the line for the next one (the kind stays)."""
        self.input.clear()
        self.input.setFocus()


# --- Study -------------------------------------------------------------------------------------


class Banner(QFrame):
    """The 'too early' warning: amber, legible in light and dark mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tooEarlyBanner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)

    def set_kind(self, kind: str) -> None:
        dark = plotting.is_dark()
        if kind == "warning":
            bg, fg, border = ("#4A3A0C", "#FFE7A3", "#E69F00") if dark else ("#FFF3D1", "#4D3800", "#E69F00")
        else:  # ready
            bg, fg, border = ("#0E3B2E", "#B8F0DA", "#009E73") if dark else ("#E3F5EE", "#0B3D2C", "#009E73")
        self.setStyleSheet(
            f"QFrame#tooEarlyBanner {{ background: {bg}; border: 1px solid {border}; border-left: 6px solid {border};"
            f" border-radius: 4px; }} QFrame#tooEarlyBanner QLabel {{ color: {fg}; background: transparent; }}"
        )


class StudyTab(QWidget):
    """Computed results, the weekly chart, the 'too early' guard, and the team's interpretation."""

    interpretation_dirty = Signal(bool)
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self._loading = False
        self._read_only = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 16, 12)
        layout.setSpacing(10)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.banner = Banner()
        layout.addWidget(self.banner)

        self.results = QWidget()
        self.results.setObjectName("studyResults")
        grid = QGridLayout(self.results)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        heads = [self.tr("Window"), self.tr("Converted / customers"), self.tr("Rate"), self.tr("95% interval")]
        for col, text in enumerate(heads, start=1):
            h = QLabel(f"<b>{text}</b>")
            grid.addWidget(h, 0, col)
        self.cells: dict[str, QLabel] = {}

        def cell(key: str, row: int, col: int, *, bold: bool = False) -> None:
            lab = QLabel()
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if bold:
                f = lab.font()
                f.setBold(True)
                lab.setFont(f)
            self.cells[key] = lab
            grid.addWidget(lab, row, col)

        for row, (key, text) in enumerate((("base", self.tr("Baseline")), ("new", self.tr("Cycle"))), start=1):
            grid.addWidget(QLabel(f"<b>{text}</b>"), row, 0)
            cell(f"{key}_window", row, 1)
            cell(f"{key}_xn", row, 2)
            cell(f"{key}_rate", row, 3, bold=True)
            cell(f"{key}_ci", row, 4)
        grid.addWidget(QLabel(f"<b>{self.tr('Difference')}</b>"), 3, 0)
        cell("diff", 3, 3, bold=True)
        cell("diff_ci", 3, 4)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 4, 0, 1, 5)
        grid.addWidget(QLabel(self.tr("p-value (Fisher's exact test)")), 5, 0, 1, 3)
        cell("p", 5, 3, bold=True)
        grid.addWidget(QLabel(self.tr("Chance the tactic is better")), 6, 0, 1, 3)
        cell("prob", 6, 3, bold=True)
        cell("prediction", 7, 0)
        grid.removeWidget(self.cells["prediction"])
        grid.addWidget(self.cells["prediction"], 7, 0, 1, 5)
        self.cells["prediction"].setWordWrap(True)
        cell("team", 8, 0)
        grid.removeWidget(self.cells["team"])
        grid.addWidget(self.cells["team"], 8, 0, 1, 5)
        self.cells["team"].setWordWrap(True)
        grid.setColumnStretch(5, 1)
        self.cells["diff_ci"].setToolTip(self.tr("95% interval of the difference, in percentage points (Newcombe)"))
        self.cells["prob"].setToolTip(
            self.tr("The probability that the cycle's true rate is above the baseline's (Beta(1,1) priors)")
        )
        self.cells["p"].setToolTip(
            self.tr("How surprising a difference at least this large would be if the tactic changed nothing")
        )
        layout.addWidget(self.results)

        self.chart = StudyChart()
        layout.addWidget(self.chart)

        layout.addWidget(QLabel(f"<b>{self.tr('The team’s interpretation')}</b>"))
        self.interpretation = QPlainTextEdit()
        self.interpretation.setPlaceholderText(
            self.tr("What do the numbers and the observations say together? Was the prediction right? What surprised "
                    "you? (Needed before deciding.)")
        )
        self.interpretation.setTabChangesFocus(True)
        self.interpretation.setMinimumHeight(90)
        self.interpretation.setAccessibleName(self.tr("The team's interpretation"))
        layout.addWidget(self.interpretation)
        self.interpretation_error = ErrorLabel()
        layout.addWidget(self.interpretation_error)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.save_button = QPushButton(self.tr("Save &interpretation"))
        self.save_button.clicked.connect(self.save_requested)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.interpretation.textChanged.connect(self._touched)
        self._set_dirty(False)
        self.show_loading()

    # --- interpretation ---------------------------------------------------------------------------

    def _touched(self) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        if self._read_only:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("This cycle is closed: its interpretation is part of the record"))
        else:
            self.save_button.setEnabled(dirty)
            self.save_button.setToolTip(
                self.tr("Save the interpretation (Ctrl+S)") if dirty else self.tr("No unsaved changes")
            )
        self.interpretation_dirty.emit(dirty)

    def is_dirty(self) -> bool:
        return self._dirty and not self._read_only

    def set_snapshot(self, snap: CycleSnapshot, *, keep_text: bool = False) -> None:
        self._read_only = snap.cycle.status == CycleStatus.CLOSED
        self.interpretation.setReadOnly(self._read_only)
        if not keep_text:
            self._loading = True
            self.interpretation.setPlainText(snap.cycle.study_interpretation)
            self._loading = False
            self.interpretation_error.clear_message()
            self._set_dirty(False)
        else:
            self._set_dirty(self._dirty)

    def show_error(self, exc: ValidationError) -> bool:
        if exc.field == "study_interpretation":
            self.interpretation_error.show_message(exc.message)
            self.interpretation.setFocus()
            return True
        return False

    # --- results ----------------------------------------------------------------------------------

    def show_loading(self) -> None:
        self.status_label.setText(self.tr("Computing the results…"))
        self.status_label.show()
        self.banner.hide()
        self.results.hide()
        self.chart.hide()

    def show_failure(self, message: str) -> None:
        self.status_label.setText(self.tr("The results could not be computed: {0}").format(message))
        self.status_label.setStyleSheet(f"color: {error_colour().name()};")
        self.status_label.show()
        self.banner.hide()
        self.results.hide()
        self.chart.hide()

    def show_results(self, res: CycleResults) -> None:
        st = res.study
        if st is None:
            self.show_failure(res.error or self.tr("no study"))
            return
        self.status_label.setStyleSheet("")
        self.status_label.hide()
        if st.ready:
            self.banner.set_kind("ready")
            self.banner.heading.setText(self.tr("Ready to read"))
            self.banner.body.setText(
                self.tr("{0} customers entered '{1}' during the cycle (at least {2} were needed) and every outcome "
                        "is known.").format(st.n_new, st.from_stage_name, st.min_sample)
            )
        else:
            self.banner.set_kind("warning")
            self.banner.heading.setText("⚠ " + self.tr("Too early to read this cycle"))
            reasons = "".join(f"<li>{_html(r)}</li>" for r in st.reasons)
            extra = ""
            if st.known_by is not None:
                extra = "<p>" + self.tr("Every outcome so far will be known by {0}.").format(
                    f"{st.known_by.astimezone():%a %d %b %Y}") + "</p>"
            self.banner.body.setText(
                f"<ul style='margin-left:-20px'>{reasons}</ul>{extra}<p>"
                + self.tr("The numbers below are shown for information only: do not decide on them yet.") + "</p>"
            )
        self.banner.show()

        def window(start: datetime, end: datetime) -> str:
            last = (end - timedelta(days=1)).date() if end > start else end.date()
            return date_range_text(start.date(), last)

        c = self.cells
        c["base_window"].setText(window(st.baseline_start, st.baseline_end))
        c["new_window"].setText(window(st.cycle_start, st.cycle_end))
        c["base_xn"].setText(f"{st.x_base} / {st.n_base}")
        new_xn = f"{st.x_new} / {st.n_new}"
        if st.n_immature:
            new_xn += "  " + self.tr("(+{0} pending)").format(st.n_immature)
        c["new_xn"].setText(new_xn)
        c["base_rate"].setText(pct(st.rate_base))
        c["new_rate"].setText(pct(st.rate_new))
        c["base_ci"].setText(f"[{interval(st.base_low, st.base_high)}]" if st.n_base else "—")
        c["new_ci"].setText(f"[{interval(st.new_low, st.new_high)}]" if st.n_new else "—")
        cmp_ = st.comparison
        c["diff"].setText(pp(cmp_.diff))
        c["diff_ci"].setText(
            f"[{interval(cmp_.diff_low, cmp_.diff_high, signed=True)}]" if not math.isnan(cmp_.diff) else MISSING
        )
        c["p"].setText(p_value(cmp_.p_value) if st.n_new and st.n_base else "—")
        c["prob"].setText(chance(cmp_.prob_better) if st.n_new and st.n_base else "—")
        if st.prediction is None:
            c["prediction"].setText(self.tr("No numeric prediction was written down for this cycle."))
        elif st.prediction_inside is None:
            c["prediction"].setText(
                self.tr("Prediction {0} — cannot be checked yet: no customer of the cycle has a known outcome.")
                .format(pct(st.prediction, 0))
            )
        else:
            where = self.tr("inside") if st.prediction_inside else self.tr("outside")
            c["prediction"].setText(
                self.tr("Prediction {0} — <b>{1}</b> the cycle's interval {2}.").format(
                    pct(st.prediction, 0), where, f"[{interval(st.new_low, st.new_high)}]")
            )
        if res.team is not None:
            headline = res.team.headline.rstrip()
            c["team"].setText(self.tr("Reps: {0}").format(_html(headline if headline.endswith(".") else headline + ".")))
            c["team"].show()
        else:
            c["team"].hide()
        self._de_emphasise(not st.ready)
        self.results.show()

        self.chart.show_study(res.series, st)
        self.chart.show()

    def _de_emphasise(self, faint: bool) -> None:
        pal = self.palette()
        if faint:
            colour = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            pal.setColor(QPalette.ColorRole.WindowText, colour)
        self.results.setPalette(pal)
        self.results.setProperty("deEmphasised", faint)
        for lab in self.results.findChildren(QLabel):
            lab.setPalette(pal)

    def results_de_emphasised(self) -> bool:
        return bool(self.results.property("deEmphasised"))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.interpretation.setReadOnly(read_only)
        self._set_dirty(self._dirty)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class StudyChart(ConversionChart):
    """The shared conversion chart of the cycle's transition for its participating reps.

    The cycle's own window is the (highlighted) PDSA band; the baseline window is shaded lightly in grey.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, phase_menu=False)
        import pyqtgraph as pg

        brush = QColor(plotting.LIMIT)
        brush.setAlpha(45)
        self.baseline_region = pg.LinearRegionItem(movable=False, brush=brush, pen=pg.mkPen(None))
        self.baseline_region.setZValue(-20)
        for line in self.baseline_region.lines:
            line.setPen(pg.mkPen(None))
            line.setHoverPen(pg.mkPen(None))
        self.baseline_region.setToolTip(self.tr("Baseline window"))
        self.plot_item.addItem(self.baseline_region, ignoreBounds=True)
        self.baseline_region.hide()
        # The editor may be narrow: let the title wrap and the legend row clip rather than force a width.
        self.title_label.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_study(self, series: Any, st: Any) -> None:
        self.set_series(series, self.tr("participating reps"))
        if series is None or not len(series.frame):
            self.baseline_region.hide()
            return
        self.highlight_cycle(st.cycle_id)
        self.baseline_region.setRegion((st.baseline_start.timestamp(), st.baseline_end.timestamp()))
        self.baseline_region.show()
        # Focus on the study: from the first period to a while after the cycle (drag to see later weeks).
        frame = series.frame
        x0 = float(frame["t"].iloc[0])
        after = max(st.cycle_end - st.cycle_start, CHART_AFTER)
        x1 = min(float(frame["t_end"].iloc[-1]), (st.cycle_end + after).timestamp())
        if x1 > x0:
            self.vb.setXRange(x0, x1, padding=0.01)
        # Short labels: the legend row does not wrap and the editor may be narrow.
        short = {"point": self.tr("Rate"), "signal": self.tr("Signal"), "immature": self.tr("Window open"),
                 "centre": self.tr("Median"), "runs": self.tr("Median, runs signal"), "limits": self.tr("Limits"),
                 "revision": self.tr("Standard revised")}
        entries: list[tuple[str, ...]] = [(kind, short.get(kind, text)) for kind, text in self.legend.entries
                                          if kind != "band"]
        entries += [("band", self.tr("This cycle")), ("area", self.tr("Baseline"), "#A0A0A0")]
        self.legend.set_entries(entries)


# --- Act ---------------------------------------------------------------------------------------


class RampTable(QTableView):
    """The chain of linked cycles and their results; the open one is in bold. Activate a row to open it."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = RampModel(self)
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(RampModel.TITLE, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName(self.tr("Ramp of linked cycles"))
        self.activated.connect(self._activated)
        self.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def set_chain(self, chain: Sequence[Cycle], current_id: str, studies: dict[str, Any]) -> None:
        self.model_.set_chain(chain, current_id, studies)
        row = self.model_.current_row()
        if row >= 0:
            self.selectRow(row)

    def _activated(self, index: Any) -> None:
        row = self.model_.ramp_row(index.row())
        if not row.current:
            self.open_requested.emit(row.id)


class ActTab(QWidget):
    """Adopt / adapt / abandon with a rationale, and the ramp of linked cycles."""

    decide_requested = Signal(str, str)  # decision, rationale
    open_requested = Signal(str)
    standards_requested = Signal(str)

    EXPLAIN = {
        Decision.ADOPT: "The tactic becomes standard work for the stage; the cycle closes.",
        Decision.ADAPT: "A linked next cycle is planned from this one (same tactic, reps and prediction) and "
                        "opened for you to change.",
        Decision.ABANDON: "The tactic is retired (if nothing else tests it); the cycle closes.",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 16, 12)
        layout.setSpacing(8)

        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setTextFormat(Qt.TextFormat.RichText)
        self.state_label.linkActivated.connect(self.standards_requested)
        layout.addWidget(self.state_label)

        self.decision_box = QGroupBox(self.tr("Decision"))
        dl = QGridLayout(self.decision_box)
        dl.setColumnStretch(1, 1)
        self.group = QButtonGroup(self)
        self.radios: dict[str, QRadioButton] = {}
        names = {Decision.ADOPT: self.tr("Ad&opt"), Decision.ADAPT: self.tr("Adap&t"),
                 Decision.ABANDON: self.tr("A&bandon")}
        for row, decision in enumerate((Decision.ADOPT, Decision.ADAPT, Decision.ABANDON)):
            radio = QRadioButton(names[decision])
            radio.setProperty("decision", str(decision))
            self.group.addButton(radio)
            self.radios[str(decision)] = radio
            explain = QLabel(self.tr(self.EXPLAIN[decision]))
            explain.setWordWrap(True)
            explain.setBuddy(radio)
            dl.addWidget(radio, row, 0, Qt.AlignmentFlag.AlignTop)
            dl.addWidget(explain, row, 1)
        self.decision_error = ErrorLabel()
        dl.addWidget(self.decision_error, 3, 0, 1, 2)
        layout.addWidget(self.decision_box)

        layout.addWidget(QLabel(f"<b>{self.tr('Rationale')}</b> " + self.tr("(required — the next team reads it)")))
        self.rationale = QPlainTextEdit()
        self.rationale.setPlaceholderText(self.tr("Why this decision? What did the study show?"))
        self.rationale.setTabChangesFocus(True)
        self.rationale.setMinimumHeight(80)
        self.rationale.setMaximumHeight(140)
        self.rationale.setAccessibleName(self.tr("Rationale"))
        layout.addWidget(self.rationale)
        self.rationale_error = ErrorLabel()
        layout.addWidget(self.rationale_error)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.record_button = QPushButton(self.tr("&Record decision"))
        self.record_button.clicked.connect(self._record)
        bar.addWidget(self.record_button)
        layout.addLayout(bar)

        ramp_head = QLabel(f"<b>{self.tr('Ramp')}</b> — " + self.tr("the chain of linked cycles testing this idea"))
        ramp_head.setWordWrap(True)
        layout.addSpacing(8)
        layout.addWidget(ramp_head)
        self.ramp = RampTable()
        self.ramp.open_requested.connect(self.open_requested)
        layout.addWidget(self.ramp)
        self.ramp_note = QLabel()
        self.ramp_note.setWordWrap(True)
        self.ramp_note.setEnabled(False)
        layout.addWidget(self.ramp_note)
        layout.addStretch(1)

        self.group.buttonToggled.connect(lambda *_: self._update_button())
        self.rationale.textChanged.connect(self._update_button)
        self._status = CycleStatus.PLAN
        self._update_button()

    def set_snapshot(self, snap: CycleSnapshot) -> None:
        c = snap.cycle
        self._status = CycleStatus(c.status)
        closed = self._status == CycleStatus.CLOSED
        can_decide = self._status in (CycleStatus.STUDY, CycleStatus.ACT)
        self.decision_error.clear_message()
        self.rationale_error.clear_message()
        with QSignalBlocker(self.group):
            self.group.setExclusive(False)
            for decision, radio in self.radios.items():
                radio.setChecked(bool(c.decision) and c.decision == decision)
            self.group.setExclusive(True)
        self.rationale.setPlainText(c.rationale if closed else "")
        for radio in self.radios.values():
            radio.setEnabled(can_decide)
        self.rationale.setReadOnly(not can_decide)
        if closed:
            when = f"{_aware(c.decided_at).astimezone():%d %b %Y}" if c.decided_at else ""
            text = self.tr("Decided <b>{0}</b> on {1}.").format(decision_label(c.decision).lower(), when)
            if c.decision == Decision.ADOPT and snap.tactic is not None:
                text += " " + self.tr("'{0}' is now {1}. <a href='{2}'>Show the standards</a>").format(
                    _html(snap.tactic.name), _html(snap.tactic.status), snap.tactic.id)
            self.state_label.setText(text)
        elif can_decide:
            self.state_label.setText(
                self.tr("Read the Study tab, then choose what happens to the tactic and say why.")
            )
        else:
            self.state_label.setText(
                self.tr("The decision comes after the Study step: this cycle is in {0}.").format(
                    status_label(c.status))
            )
        self.ramp_note.setText(self.tr("Computing the ramp…"))
        self._update_button()

    def set_ramp(self, res: CycleResults) -> None:
        self.ramp.set_chain(res.chain, res.cycle_id, res.chain_studies)
        if len(res.chain) <= 1:
            self.ramp_note.setText(self.tr("This cycle has no linked cycles yet: 'Adapt' plans the next one."))
        else:
            self.ramp_note.setText(
                self.tr("Customers, rate and difference from each cycle's own baseline (* too early to read). "
                        "Double-click a cycle to open it.")
            )

    def decision(self) -> str | None:
        button = self.group.checkedButton()
        return button.property("decision") if button else None

    def _update_button(self) -> None:
        if self._status == CycleStatus.CLOSED:
            self.record_button.setEnabled(False)
            self.record_button.setToolTip(self.tr("This cycle is already decided"))
        elif self._status not in (CycleStatus.STUDY, CycleStatus.ACT):
            self.record_button.setEnabled(False)
            self.record_button.setToolTip(self.tr("Study the cycle before deciding"))
        elif self.decision() is None:
            self.record_button.setEnabled(False)
            self.record_button.setToolTip(self.tr("Choose adopt, adapt or abandon"))
        elif not self.rationale.toPlainText().strip():
            self.record_button.setEnabled(False)
            self.record_button.setToolTip(self.tr("Write the rationale first"))
        else:
            self.record_button.setEnabled(True)
            self.record_button.setToolTip(self.tr("Record the decision and close the cycle"))

    def _record(self) -> None:
        self.decision_error.clear_message()
        self.rationale_error.clear_message()
        self.decide_requested.emit(self.decision() or "", self.rationale.toPlainText())

    def show_error(self, exc: ValidationError) -> bool:
        if exc.field == "rationale":
            self.rationale_error.show_message(exc.message)
            self.rationale.setFocus()
            return True
        if exc.field == "decision":
            self.decision_error.show_message(exc.message)
            return True
        return False


# --- undoable observation edits -----------------------------------------------------------------


class _ObservationCommand(ServiceCommand):
    """Base of the observation commands (the add or delete itself was made by the editor)."""

    def __init__(self, text: str, ctx: AppContext, cycle_id: str, row: dict[str, Any],
                 done: Callable[[str], None], failed: Callable[[ValidationError], None]) -> None:
        super().__init__(ctx, text, failed, after_step=lambda: done(cycle_id))
        self.cycle_id = cycle_id
        self.row = row  # id, text, kind, author, observed_at

    def _add_back(self) -> None:
        obs = services.add_observation(
            self.ctx.ws, self.cycle_id, self.row["text"], kind=self.row["kind"], author=self.row["author"],
            observed_at=_aware(self.row["observed_at"]),
        )
        self.row["id"] = obs.id

    def _remove(self) -> None:
        services.delete_observation(self.ctx.ws, self.row["id"])


class AddObservationCommand(_ObservationCommand):
    def apply(self) -> None:
        self._add_back()

    def revert(self) -> None:
        self._remove()


class DeleteObservationCommand(_ObservationCommand):
    def apply(self) -> None:
        self._remove()

    def revert(self) -> None:
        self._add_back()


# --- the editor ---------------------------------------------------------------------------------


class CycleEditor(QWidget):
    """Header (title, status pill, next step) over the Plan / Do / Study / Act tabs of one cycle."""

    #: A cycle was changed here (the list reloads).
    edited = Signal(str)
    #: Another cycle should be opened (a new ramp cycle, a ramp card).
    open_requested = Signal(str)
    #: Results of the open cycle were shown (for tests and for the screenshots).
    results_shown = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.as_of: Any = None  # None = now; tests and screenshots pin the date
        self.snap: CycleSnapshot | None = None
        self.results: CycleResults | None = None
        self._results_stale = True
        self._computing: str | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        f = self.title_label.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.title_label.setFont(f)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        titles.addWidget(self.title_label)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.pill = StatusPill()
        header.addWidget(self.pill, 0, Qt.AlignmentFlag.AlignTop)
        self.next_button = QPushButton()
        self.next_button.setDefault(False)
        self.next_button.setAutoDefault(False)
        f2 = self.next_button.font()
        f2.setBold(True)
        self.next_button.setFont(f2)
        self.next_button.clicked.connect(self.next_step)
        header.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        self.header_error = ErrorLabel()
        layout.addWidget(self.header_error)

        self.tabs = QTabWidget()
        self.plan_tab = PlanTab()
        self.do_tab = DoTab()
        self.study_tab = StudyTab()
        self.act_tab = ActTab()
        self.tabs.addTab(self.plan_tab, self.tr("&Plan"))
        self.tabs.addTab(self.do_tab, self.tr("&Do"))
        self.tabs.addTab(self.study_tab, self.tr("&Study"))
        self.tabs.addTab(self.act_tab, self.tr("&Act"))
        for i, tip in enumerate((self.tr("What we will try, and what we predict"),
                                 self.tr("What happened while we tried it"),
                                 self.tr("What the numbers say"),
                                 self.tr("Adopt, adapt or abandon"))):
            self.tabs.setTabToolTip(i, tip)
        layout.addWidget(self.tabs, 1)

        self.plan_tab.save_requested.connect(self.save)
        self.study_tab.save_requested.connect(self.save)
        self.do_tab.add_requested.connect(self.add_observation)
        self.do_tab.delete_requested.connect(self.delete_observation)
        self.act_tab.decide_requested.connect(self.decide)
        self.act_tab.open_requested.connect(self._open_other)
        self.act_tab.standards_requested.connect(lambda tid: self.ctx.navigate("standards", tid))
        self.tabs.currentChanged.connect(lambda _i: self._ensure_results())
        save = QShortcut(QKeySequence.StandardKey.Save, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save)

    # --- loading -----------------------------------------------------------------------------------

    @property
    def cycle_id(self) -> str | None:
        return self.snap.cycle.id if self.snap else None

    def has_unsaved_changes(self) -> bool:
        return self.snap is not None and (self.plan_tab.is_dirty() or self.study_tab.is_dirty())

    def load(self, cycle_id: str, *, select_tab: bool = True) -> None:
        """Show a cycle; ``select_tab`` picks the tab of its status."""
        same = self.snap is not None and self.snap.cycle.id == cycle_id
        snap = load_snapshot(self.ctx, cycle_id)
        keep_plan = same and self.plan_tab.is_dirty()
        keep_text = same and self.study_tab.is_dirty()
        self.snap = snap
        self.header_error.clear_message()
        self._update_header()
        if not keep_plan:
            self.plan_tab.set_snapshot(snap)
        self.do_tab.set_snapshot(snap, keep_input=same)
        self.study_tab.set_snapshot(snap, keep_text=keep_text)
        self.act_tab.set_snapshot(snap)
        self._results_stale = True
        if not same:
            self.results = None
            self.study_tab.show_loading()
        if select_tab:
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentIndex(TAB_FOR_STATUS.get(CycleStatus(snap.cycle.status), PLAN_TAB))
        self._ensure_results()

    def reload(self) -> None:
        if self.snap is not None:
            self.load(self.snap.cycle.id, select_tab=False)

    def clear(self) -> None:
        self.snap = None
        self.results = None

    def _update_header(self) -> None:
        assert self.snap is not None
        c = self.snap.cycle
        self.title_label.setText(c.title)
        transition = dict(self.snap.transitions).get(c.from_stage_id, "")
        owner = self.snap.rep_names.get(c.owner_rep_id or "", "")
        bits = [transition, date_range_text(c.planned_start, c.planned_end)]
        if owner:
            bits.append(self.tr("owner {0}").format(owner))
        if self.snap.tactic is not None:
            bits.append(self.tr("tactic '{0}'").format(self.snap.tactic.name))
        self.subtitle.setText("  ·  ".join(b for b in bits if b))
        self.pill.set_status(c.status)
        status = CycleStatus(c.status)
        texts = {
            CycleStatus.PLAN: (self.tr("Start (Do)"), self.tr("Start the cycle: the plan is done (Ctrl+Enter)")),
            CycleStatus.DO: (self.tr("Move to Study"), self.tr("The cycle has run: study its results (Ctrl+Enter)")),
            CycleStatus.STUDY: (self.tr("Decide (Act)"),
                                self.tr("The team has interpreted the results: decide what to do (Ctrl+Enter)")),
            CycleStatus.ACT: (self.tr("Decide (Act)"), self.tr("Go to the decision (Ctrl+Enter)")),
            CycleStatus.CLOSED: (self.tr("Closed"), self.tr("This cycle is decided; its record can't change")),
        }
        text, tip = texts[status]
        self.next_button.setText(text)
        self.next_button.setToolTip(tip)
        # A decided cycle has no next step (the pill says Closed).
        self.next_button.setVisible(status != CycleStatus.CLOSED)
        if not hasattr(self, "_next_shortcut"):
            self._next_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self,
                                            context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self._next_shortcut.activated.connect(self.next_step)

    # --- results -----------------------------------------------------------------------------------

    def _ensure_results(self) -> None:
        if self.snap is None or not self._results_stale:
            return
        if self.tabs.currentIndex() not in (STUDY_TAB, ACT_TAB):
            return
        cycle_id = self.snap.cycle.id
        if self._computing == cycle_id:
            return
        self._computing = cycle_id
        self._results_stale = False
        ws, as_of = self.ctx.ws, self.as_of

        def with_data(data: Any) -> None:
            self.ctx.run_in_background(lambda: compute_results(ws, cycle_id, data, as_of), done, failed)

        def done(res: CycleResults) -> None:
            if not shiboken6.isValid(self):  # the editor was closed while computing
                return
            if self._computing == cycle_id:
                self._computing = None
            if self.snap is None or self.snap.cycle.id != cycle_id:
                return
            self.results = res
            self.study_tab.show_results(res)
            self.act_tab.set_ramp(res)
            self.results_shown.emit(cycle_id)
            if self._results_stale:  # edited while computing: compute again
                self._ensure_results()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            if self._computing == cycle_id:
                self._computing = None
            if not isinstance(exc, (PdsaError, ValueError)):
                raise exc
            if self.snap is not None and self.snap.cycle.id == cycle_id:
                self.study_tab.show_failure(str(exc))
                self.results_shown.emit(cycle_id)

        self.ctx.analysis_in_background(with_data)

    # --- edits -------------------------------------------------------------------------------------

    def _show_error(self, exc: ValidationError) -> None:
        if self.plan_tab.show_error(exc):
            self.tabs.setCurrentIndex(PLAN_TAB)
        elif self.study_tab.show_error(exc):
            self.tabs.setCurrentIndex(STUDY_TAB)
        elif self.act_tab.show_error(exc):
            self.tabs.setCurrentIndex(ACT_TAB)
        elif self.do_tab.show_error(exc):
            self.tabs.setCurrentIndex(DO_TAB)
        else:
            self.header_error.show_message(exc.message)

    def _clear_errors(self) -> None:
        self.header_error.clear_message()
        self.plan_tab.clear_errors()

    def _edited(self, cycle_id: str) -> None:
        self.edited.emit(cycle_id)

    def save(self) -> bool:
        """Save what changed (plan and/or interpretation); False when a change was refused."""
        if self.snap is None:
            return True
        cycle_id = self.snap.cycle.id
        expected = self.snap.cycle.updated_at  # refuse to overwrite someone else's save
        changed = False
        if self.plan_tab.is_dirty():
            self._clear_errors()
            values = self.plan_tab.values()
            participant_ids = values.pop("participant_ids")
            try:
                expected = services.update_cycle(self.ctx.ws, cycle_id, participant_ids=participant_ids,
                                                 expected_updated_at=expected, **values).updated_at
            except ValidationError as exc:
                self._show_error(exc)
                return False
            self.plan_tab._set_dirty(False)
            changed = True
        if self.study_tab.is_dirty():
            self.study_tab.interpretation_error.clear_message()
            try:
                services.update_cycle(self.ctx.ws, cycle_id, expected_updated_at=expected,
                                      study_interpretation=self.study_tab.interpretation.toPlainText())
            except ValidationError as exc:
                self._show_error(exc)
                return False
            self.study_tab._set_dirty(False)
            changed = True
        if changed:
            self._edited(cycle_id)
        return True

    def next_step(self) -> None:
        if self.snap is None:
            return
        status = CycleStatus(self.snap.cycle.status)
        if status == CycleStatus.PLAN:
            self.start()
        elif status in (CycleStatus.DO, CycleStatus.STUDY):
            self.advance()
        elif status == CycleStatus.ACT:
            self.tabs.setCurrentIndex(ACT_TAB)
            self.act_tab.rationale.setFocus()

    def start(self) -> None:
        if self.snap is None or not self.save():
            return
        cycle_id = self.snap.cycle.id
        self._clear_errors()
        try:
            services.start_cycle(self.ctx.ws, cycle_id)
        except services.CapExceeded as exc:
            if not self.confirm_over_cap(exc):
                return
            try:
                services.start_cycle(self.ctx.ws, cycle_id, confirm_over_cap=True)
            except ValidationError as exc2:
                self._show_error(exc2)
                return
        except ValidationError as exc:
            self._show_error(exc)
            return
        self._edited(cycle_id)
        self.tabs.setCurrentIndex(DO_TAB)
        self.do_tab.input.setFocus()

    def confirm_over_cap(self, exc: services.CapExceeded) -> bool:
        """Ask before starting a cycle that puts reps over the active-cycle limit."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Over the active-cycle limit"))
        box.setText(self.tr("Starting this cycle puts these reps over the limit of {0} active cycle(s) per rep:")
                    .format(exc.cap))
        box.setInformativeText(
            "\n".join(self.tr("• {0} — in {1} active cycle(s) now").format(name, n) for name, n in exc.reps)
            + "\n\n" + self.tr("Too many experiments at once blur what each one teaches. Start anyway?")
        )
        start = box.addButton(self.tr("Start anyway"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is start

    def advance(self) -> None:
        if self.snap is None or not self.save():
            return
        cycle_id = self.snap.cycle.id
        self._clear_errors()
        try:
            cycle = services.advance_cycle(self.ctx.ws, cycle_id)
        except ValidationError as exc:
            self._show_error(exc)
            return
        self._edited(cycle_id)
        self.tabs.setCurrentIndex(TAB_FOR_STATUS[CycleStatus(cycle.status)])

    def decide(self, decision: str, rationale: str) -> None:
        if self.snap is None or not self.save():
            return
        cycle_id = self.snap.cycle.id
        self._clear_errors()
        try:
            result = services.decide_cycle(self.ctx.ws, cycle_id, decision, rationale)
        except ValidationError as exc:
            self._show_error(exc)
            return
        self._edited(cycle_id)
        if result.child is not None:
            self.open_requested.emit(result.child.id)

    def _open_other(self, cycle_id: str) -> None:
        if self.save():
            self.open_requested.emit(cycle_id)

    def add_observation(self, text: str, kind: str, author: str) -> None:
        if self.snap is None:
            return
        cycle_id = self.snap.cycle.id
        try:
            obs = services.add_observation(self.ctx.ws, cycle_id, text, kind=kind, author=author or None)
        except ValidationError as exc:
            self._show_error(exc)
            return
        row = {"id": obs.id, "text": obs.text, "kind": obs.kind, "author": obs.author, "observed_at": obs.observed_at}
        self.ctx.undo_stack.push(AddObservationCommand(
            self.tr("Add observation"), self.ctx, cycle_id, row, self._edited, self._show_error))
        self.do_tab.added()
        self._edited(cycle_id)

    def delete_observation(self, observation_id: str) -> None:
        if self.snap is None:
            return
        cycle_id = self.snap.cycle.id
        obs = next((o for o in self.snap.observations if o.id == observation_id), None)
        if obs is None:
            return
        try:
            services.delete_observation(self.ctx.ws, observation_id)
        except ValidationError as exc:
            self._show_error(exc)
            return
        row = {"id": obs.id, "text": obs.text, "kind": obs.kind, "author": obs.author, "observed_at": obs.observed_at}
        self.ctx.undo_stack.push(DeleteObservationCommand(
            self.tr("Delete observation"), self.ctx, cycle_id, row, self._edited, self._show_error))
        self._edited(cycle_id)

"""The Plan tab: every plan field of a cycle; Save writes them with ``update_cycle``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import CycleStatus, TacticStatus
from pdsa_desk.core.services import TITLE_MAX_LENGTH
from pdsa_desk.ui.cycle_editor.fields import DateField, PredictionField, text_edit
from pdsa_desk.ui.cycle_editor.snapshot import CycleSnapshot
from pdsa_desk.ui.length_check import watch_length
from pdsa_desk.ui.widgets import ErrorLabel


class PlanTab(QWidget):
    """All plan fields; Save writes them with ``update_cycle``."""

    dirty_changed = Signal(bool)
    save_requested = Signal()

    TEXT_FIELDS = (  # (field, label, hint); the texts are marked for lupdate and translated where shown
        ("objective", QT_TRANSLATE_NOOP("PlanTab", "Objective"),
         QT_TRANSLATE_NOOP("PlanTab", "What do we want to learn or change?")),
        ("questions", QT_TRANSLATE_NOOP("PlanTab", "Questions"),
         QT_TRANSLATE_NOOP("PlanTab", "What questions will this cycle answer?")),
        ("change_idea", QT_TRANSLATE_NOOP("PlanTab", "Change idea"),
         QT_TRANSLATE_NOOP("PlanTab", "What exactly will the reps do differently?")),
        ("who_what_where_when", QT_TRANSLATE_NOOP("PlanTab", "Who / what / where / when"),
         QT_TRANSLATE_NOOP("PlanTab", "Who does it, with which customers, where, and when?")),
        ("data_plan", QT_TRANSLATE_NOOP("PlanTab", "Data plan"),
         QT_TRANSLATE_NOOP("PlanTab", "How will we collect the data, and who looks at it?")),
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
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area, 1)
        body = QWidget()
        self.scroll_area.setWidget(body)
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
        watch_length(self.title, self._errors["title"], TITLE_MAX_LENGTH)

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
        holder_layout = holder.layout()  # the QVBoxLayout that _add gave it
        if holder_layout is not None:
            holder_layout.addWidget(end_error)
        self._errors["planned_end"] = end_error
        self._widgets["planned_end"] = self.planned_end

        self.prediction = PredictionField()
        self._add(self.tr("Pr&ediction:"), self.prediction, "prediction_rate")
        self.prediction_text = text_edit(self.tr("In words: what do you expect, and why?"), 2)
        self._add(self.tr("Prediction in words:"), self.prediction_text, "prediction_text")

        self.text_edits: dict[str, QPlainTextEdit] = {}
        for key, label, hint in self.TEXT_FIELDS:
            edit = text_edit(self.tr(str(hint)))
            self.text_edits[key] = edit
            self._add(self.tr(str(label)) + ":", edit, key)

        self.min_sample = QSpinBox()
        self.min_sample.setRange(0, 2_000_000_000)  # 0 is shown and refused next to the field, never replaced
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
        self.prediction.problem_changed.connect(self._errors["prediction_rate"].show_message)
        self.min_sample.valueChanged.connect(self._check_min_sample)
        self._set_dirty(False)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Narrow (a 1024 px window): the labels go above their fields, so the fields keep their width."""
        super().resizeEvent(event)
        wrap = (QFormLayout.RowWrapPolicy.WrapAllRows if event.size().width() < 600
                else QFormLayout.RowWrapPolicy.DontWrapRows)
        if self.form.rowWrapPolicy() != wrap:
            self.form.setRowWrapPolicy(wrap)

    def _check_min_sample(self, value: int) -> None:
        self._errors["min_sample_size"].show_message(
            self.tr("The minimum sample must be at least 1 customer.") if value < 1 else "")

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

    def mark_saved(self) -> None:
        """What the tab shows was saved: nothing is unsaved any more."""
        self._set_dirty(False)

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
                if t.archived_at is not None and t.id != c.tactic_id:  # archived: not offered for new work
                    continue
                name = t.name if t.status != TacticStatus.RETIRED else self.tr("{0} (retired)").format(t.name)
                self.tactic.addItem(name, t.id)
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
                if t.active or t.id == c.team_id:  # an inactive team is not offered for new work
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
                text = r.name if n == 0 else self.tr("{0}  ·  in %n active cycle(s)", "", n).format(r.name)
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if r.id in chosen else Qt.CheckState.Unchecked)
                if n:
                    item.setToolTip(self.tr("{0} takes part in %n cycle(s) in Do, Study or Act", "", n).format(r.name))
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
        """Keyword arguments of ``update_cycle`` for what the form shows (a ValidationError naming the field
        when what is typed cannot be read, e.g. a prediction of 500 %)."""
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
            self.scroll_area.ensureWidgetVisible(widget, 20, 40)
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def error_text(self, key: str) -> str:
        """The message shown next to a field ("" when none)."""
        label = self._errors.get(key)
        return label.text() if label is not None else ""

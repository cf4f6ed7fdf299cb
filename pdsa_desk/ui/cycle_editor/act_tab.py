"""The Act tab: adopt, adapt or abandon with a rationale, and the ramp of linked cycles."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Cycle, CycleStatus, Decision
from pdsa_desk.ui import formatting
from pdsa_desk.ui.cycle_editor.fields import aware, esc_html, scrolling_body
from pdsa_desk.ui.cycle_editor.snapshot import CycleResults, CycleSnapshot
from pdsa_desk.ui.cycles_models import RampModel, decision_label, status_label
from pdsa_desk.ui.widgets import ErrorLabel, keep_titles_readable


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
        keep_titles_readable(header)
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

    EXPLAIN: ClassVar[dict[str, object]] = {  # marked for lupdate, translated where shown
        Decision.ADOPT: QT_TRANSLATE_NOOP("ActTab", "The tactic becomes standard work for the stage; the cycle "
                                                    "closes."),
        Decision.ADAPT: QT_TRANSLATE_NOOP("ActTab", "A linked next cycle is planned from this one (same tactic, reps "
                                                    "and prediction) and opened for you to change."),
        Decision.ABANDON: QT_TRANSLATE_NOOP("ActTab", "The tactic is retired (if nothing else tests it); the cycle "
                                                      "closes."),
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = scrolling_body(self, spacing=8)

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
            explain = QLabel(self.tr(str(self.EXPLAIN[decision])))
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

        ramp_head = QLabel("<b>{}</b> — ".format(self.tr("Ramp"))
                           + self.tr("the chain of linked cycles testing this idea"))
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
            when = formatting.date_short(aware(c.decided_at)) if c.decided_at else ""
            text = self.tr("Decided <b>{0}</b> on {1}.").format(decision_label(c.decision).lower(), when)
            if c.decision == Decision.ADOPT and snap.tactic is not None:
                text += " " + self.tr("'{0}' is now {1}. <a href='{2}'>Show the standards</a>").format(
                    esc_html(snap.tactic.name), esc_html(snap.tactic.status), snap.tactic.id)
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

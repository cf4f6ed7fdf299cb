"""The editor of one cycle: a header with its status and next step over the Plan / Do / Study / Act tabs.

Every edit goes through :mod:`pdsa_desk.core.services`; a refused edit shows its message next to
the field it names (``ValidationError.field``), on its tab.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.errors import PdsaError, ValidationError
from pdsa_desk.core.models import CycleStatus
from pdsa_desk.ui import formatting, i18n
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.cycle_editor.act_tab import ActTab
from pdsa_desk.ui.cycle_editor.commands import (
    AddObservationCommand,
    DeleteObservationCommand,
    LifecycleCommand,
    SaveCycleCommand,
)
from pdsa_desk.ui.cycle_editor.do_tab import DoTab
from pdsa_desk.ui.cycle_editor.plan_tab import PlanTab
from pdsa_desk.ui.cycle_editor.snapshot import (
    CycleResults,
    CycleSnapshot,
    compute_results,
    load_snapshot,
    with_record,
)
from pdsa_desk.ui.cycle_editor.study_tab import StudyTab
from pdsa_desk.ui.cycles_models import date_range_text, status_label, status_swatch
from pdsa_desk.ui.tasks import Latest
from pdsa_desk.ui.widgets import ErrorLabel

PLAN_TAB, DO_TAB, STUDY_TAB, ACT_TAB = range(4)
TAB_FOR_STATUS = {
    CycleStatus.PLAN: PLAN_TAB,
    CycleStatus.DO: DO_TAB,
    CycleStatus.STUDY: STUDY_TAB,
    CycleStatus.ACT: ACT_TAB,
    CycleStatus.CLOSED: ACT_TAB,
}

# Status pill colours (Okabe-Ito), each with the text colour that reads on it in light and dark mode.
_TEXT_ON = {CycleStatus.PLAN: "#000000", CycleStatus.DO: "#FFFFFF", CycleStatus.STUDY: "#000000",
            CycleStatus.ACT: "#000000", CycleStatus.CLOSED: "#FFFFFF"}
_PILL = {status: (status_swatch(status).name(), fg) for status, fg in _TEXT_ON.items()}


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
        self.ctx = ctx  # its clock is the "as of" of the results (tests and screenshots pin it)
        self.snap: CycleSnapshot | None = None
        self.results: CycleResults | None = None
        self._results_stale = True
        self._computing: str | None = None
        # Snapshots read on the quick-read thread (:meth:`load_in_background`); a sync load or clear drops them.
        self._loads = Latest()
        # The cycle whose snapshot is being read in the background, None when none is.
        self.loading: str | None = None
        # The open cycle is being read again after an edit (see reload); its tabs show what they showed.
        self.rereading = False
        self._then: Callable[[], None] | None = None

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
        save.setWhatsThis(self.tr("Save the cycle's changes"))
        next_step = QShortcut(QKeySequence("Ctrl+Return"), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        next_step.activated.connect(self.next_step)  # does nothing without a cycle
        next_step.setWhatsThis(self.tr("The cycle's next step (Start, Study, Act, Decide)"))

    # --- loading -----------------------------------------------------------------------------------

    @property
    def cycle_id(self) -> str | None:
        return self.snap.cycle.id if self.snap else None

    def has_unsaved_changes(self) -> bool:
        return self.snap is not None and (self.plan_tab.is_dirty() or self.study_tab.is_dirty())

    def load(self, cycle_id: str, *, select_tab: bool = True) -> None:
        """Show a cycle; ``select_tab`` picks the tab of its status."""
        snap = load_snapshot(self.ctx, cycle_id)
        then = self._end_loading()
        self._show_snapshot(snap, select_tab=select_tab)
        if then is not None:  # a background read it replaced was awaited
            then()

    def load_in_background(self, cycle_id: str, then: Callable[[], None], *, select_tab: bool = True) -> None:
        """Read the cycle on the quick-read thread (0.2-0.3 s at company scale) and show it, its status's tab
        selected; then ``then()``. Meanwhile the editor is disabled and titled "Loading…", so that no cycle's
        data is shown under another's title; a :meth:`load` or :meth:`clear` meanwhile drops the read (and calls
        ``then()``)."""
        ticket = self._loads.begin()
        self.loading = cycle_id
        self._then = then
        if self.cycle_id != cycle_id:  # the same cycle keeps what its tabs hold (an unsaved plan, the results)
            self.snap = None
            self.results = None
        self.setEnabled(False)
        self.title_label.setText(self.tr("Loading…"))
        self.subtitle.clear()
        self.pill.hide()  # no status and no next step until the cycle is read
        self.next_button.hide()
        self.header_error.clear_message()
        ctx = self.ctx

        def done(snap: CycleSnapshot) -> None:
            if not shiboken6.isValid(self):
                return
            self._end_loading()
            self._show_snapshot(snap, select_tab=select_tab)
            then()

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._end_loading()
            self.title_label.setText("")
            self.header_error.show_message(self.tr("The cycle could not be read: {0}").format(exc))
            then()

        ctx.run_read(lambda: load_snapshot(ctx, cycle_id), ticket.guard(done), ticket.guard(failed))

    def _end_loading(self) -> Callable[[], None] | None:
        """Stop waiting for a background read; what was to be called after it, if one was awaited."""
        self._loads.forget()
        self.rereading = False
        then, self._then = self._then, None
        if self.loading is not None:
            self.loading = None
            self.setEnabled(True)
        return then

    def _show_snapshot(self, snap: CycleSnapshot, *, select_tab: bool) -> None:
        cycle_id = snap.cycle.id
        same = self.snap is not None and self.snap.cycle.id == cycle_id
        keep_plan = same and self.plan_tab.is_dirty()
        keep_text = same and self.study_tab.is_dirty()
        self.snap = snap
        self.header_error.clear_message()
        self._update_header(snap)
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
        """Show the open cycle again after an edit (a save, an undo). Its record (one row) is taken at once, so
        that a save made before the rest is read is checked against the version just written, not refused as
        someone else's; the rest (participants, observations, reps, counts) is read on the quick-read thread,
        the tabs showing what they showed meanwhile (it took 25-50 ms of the GUI thread at 1M events)."""
        if self.snap is None or self.loading is not None:
            if self.loading is not None:  # changed while read: what was read may be older than the change
                self.load(self.loading if self.snap is None else self.snap.cycle.id, select_tab=self.snap is None)
            return
        cycle_id, ctx = self.snap.cycle.id, self.ctx
        self.snap = with_record(self.snap, services.get_cycle(ctx.ws, cycle_id))
        self._update_header(self.snap)
        ticket = self._loads.begin()  # an older read (before this edit) is dropped
        self.rereading = True

        def done(snap: CycleSnapshot) -> None:
            if not shiboken6.isValid(self):
                return
            self.rereading = False
            if self.snap is not None and self.snap.cycle.id == cycle_id:
                self._show_snapshot(snap, select_tab=False)

        def failed(exc: BaseException) -> None:
            if shiboken6.isValid(self):
                self.rereading = False
                self.header_error.show_message(self.tr("The cycle could not be read: {0}").format(exc))

        ctx.run_read(lambda: load_snapshot(ctx, cycle_id), ticket.guard(done), ticket.guard(failed))

    def clear(self) -> None:
        then = self._end_loading()
        self.snap = None
        self.results = None
        if then is not None:
            then()

    def _update_header(self, snap: CycleSnapshot) -> None:
        c = snap.cycle
        self.title_label.setText(c.title)
        transition = dict(snap.transitions).get(c.from_stage_id, "")
        owner = snap.rep_names.get(c.owner_rep_id or "", "")
        bits = [transition, date_range_text(c.planned_start, c.planned_end)]
        if owner:
            bits.append(self.tr("owner {0}").format(owner))
        if snap.tactic is not None:
            bits.append(self.tr("tactic '{0}'").format(snap.tactic.name))
        self.subtitle.setText("  ·  ".join(b for b in bits if b))
        self.pill.set_status(c.status)
        self.pill.show()
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
        ws, as_of = self.ctx.ws, self.ctx.as_of()

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
        snap = self.snap
        cycle_id = snap.cycle.id
        expected = snap.cycle.updated_at  # refuse to overwrite someone else's save
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        if self.plan_tab.is_dirty():
            self._clear_errors()
            try:
                values = self.plan_tab.values()
                participant_ids = values.pop("participant_ids")
                expected = services.update_cycle(self.ctx.ws, cycle_id, participant_ids=participant_ids,
                                                 expected_updated_at=expected, **values).updated_at
            except ValidationError as exc:
                self._show_error(exc)
                return False
            self.plan_tab.mark_saved()
            before.update({key: getattr(snap.cycle, key) for key in values},
                          participant_ids=list(snap.participant_ids))
            after.update(values, participant_ids=participant_ids)
        if self.study_tab.is_dirty():
            self.study_tab.interpretation_error.clear_message()
            text = self.study_tab.interpretation.toPlainText()
            try:
                services.update_cycle(self.ctx.ws, cycle_id, expected_updated_at=expected, study_interpretation=text)
            except ValidationError as exc:
                self._show_error(exc)
                if after:  # the plan was saved: that much can be undone
                    self._push_save(cycle_id, before, after)
                return False
            self.study_tab.mark_saved()
            before["study_interpretation"] = snap.cycle.study_interpretation
            after["study_interpretation"] = text
        if after:
            self._push_save(cycle_id, before, after)
            self._edited(cycle_id)
        return True

    def _push_save(self, cycle_id: str, before: dict[str, Any], after: dict[str, Any]) -> None:
        text = self.tr("Save plan") if "study_interpretation" not in after else (
            self.tr("Save interpretation") if len(after) == 1 else self.tr("Save plan and interpretation"))
        self.ctx.undo_stack.push(SaveCycleCommand(text, self.ctx, cycle_id, before, after, self._edited,
                                                  self._show_error))

    def _push_step(self, text: str, cycle_id: str, before: services.Lifecycle) -> None:
        """A lifecycle step was taken: put it on the undo stack (undo puts the cycle back as a whole)."""
        try:
            after = services.cycle_lifecycle(self.ctx.ws, cycle_id)
        except ValidationError:  # deleted meanwhile: nothing to undo
            return
        self.ctx.undo_stack.push(LifecycleCommand(text, self.ctx, cycle_id, before, after, self._edited,
                                                  self._show_error))

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
        # The actual start is recorded: now, or the pinned clock's instant (a window showing another day).
        when = self.ctx.as_of() if self.ctx.clock.pinned else None
        before = services.cycle_lifecycle(self.ctx.ws, cycle_id)
        try:
            services.start_cycle(self.ctx.ws, cycle_id, started_at=when)
        except services.CapExceeded as exc:
            if not self.confirm_over_cap(exc):
                return
            try:
                services.start_cycle(self.ctx.ws, cycle_id, confirm_over_cap=True, started_at=when)
            except ValidationError as exc2:
                self._show_error(exc2)
                return
        except ValidationError as exc:
            self._show_error(exc)
            return
        self._push_step(self.tr("Start cycle"), cycle_id, before)
        self._edited(cycle_id)
        self.tabs.setCurrentIndex(DO_TAB)
        self.do_tab.input.setFocus()

    def confirm_over_cap(self, exc: services.CapExceeded) -> bool:
        """Ask before starting a cycle that puts reps over the active-cycle limit or marketing over its
        capacity (one question for both; a confirmed start records which caps it went over)."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        lines: list[str] = []
        if exc.reps:
            box.setWindowTitle(self.tr("Over the active-cycle limit"))
            lines.append(self.tr("Starting this cycle puts these reps over the limit of %n active cycle(s) per rep:",
                                 "", exc.cap))
            lines += [self.tr("• {0} — in %n active cycle(s) now", "", n).format(name) for name, n in exc.reps]
        if exc.marketing:
            if not exc.reps:
                box.setWindowTitle(self.tr("Over marketing's capacity"))
            if lines:
                lines.append("")
            lines.append(self.tr("Its tactic needs marketing support, and marketing already supports %n running "
                                 "cycle(s) — the workspace's limit:", "", exc.marketing_cap or 0))
            lines += [self.tr("• {0}").format(title) for title in exc.marketing]
        box.setText(lines[0] if lines else i18n.text(exc.message))
        rest = "\n".join(lines[1:])
        advice = self.tr("Too many experiments at once blur what each one teaches, and an overloaded marketing "
                         "team delivers late. Start anyway? The override is recorded with the cycle.")
        box.setInformativeText((rest + "\n\n" if rest else "") + advice)
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
        before = services.cycle_lifecycle(self.ctx.ws, cycle_id)

        def done(cycle: Any) -> None:
            self._push_step(self.tr("Move to Study") if cycle.status == CycleStatus.STUDY else self.tr("Move to Act"),
                            cycle_id, before)
            self._edited(cycle_id)
            self.tabs.setCurrentIndex(TAB_FOR_STATUS[CycleStatus(cycle.status)])

        ws, as_of = self.ctx.ws, self.ctx.as_of()
        self._step(lambda reason, data: services.advance_cycle(ws, cycle_id, early_reason=reason, as_of=as_of,
                                                               data=data), done)

    def _step(self, call: Callable[[str | None, Any], Any], done: Callable[[Any], None]) -> None:
        """A lifecycle step on the worker thread (the write, and the guard that studies the cycle on the
        snapshot, waited for in the background): ``done(result)`` here; a premature step asks why and is tried
        again with the reason; a refusal is shown."""

        def attempt(reason: str | None) -> None:
            def run(data: Any) -> None:
                self.ctx.run_in_background(lambda: call(reason, data), done, failed)

            self.ctx.analysis_in_background(run, failed)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, services.NeedsReason):
                reason = self.ask_early_reason(exc)
                if reason is not None:
                    attempt(reason)
            elif isinstance(exc, ValidationError):
                self._show_error(exc)
            else:
                raise exc

        attempt(None)

    def ask_early_reason(self, exc: services.NeedsReason) -> str | None:
        """The core says this step is premature: ask whether to go on, and why (None: do not)."""
        from pdsa_desk.ui.reason_dialog import ask_reason

        if exc.step == "study":
            return ask_reason(self, self.tr("Move to Study before any outcome is known?"), i18n.text(exc.message),
                              self.tr("Move to Study anyway"),
                              placeholder=self.tr("e.g. the cycle had to stop: the rep left the team"))
        return ask_reason(self, self.tr("Decide while the study says too early?"), i18n.text(exc.message),
                          self.tr("Decide anyway"),
                          placeholder=self.tr("e.g. the customers' feedback already settles it"))

    def decide(self, decision: str, rationale: str) -> None:
        if self.snap is None or not self.save():
            return
        cycle_id = self.snap.cycle.id
        self._clear_errors()
        before = services.cycle_lifecycle(self.ctx.ws, cycle_id)

        def done(result: Any) -> None:
            self._push_step(self.tr("Decide cycle"), cycle_id, before)
            self._edited(cycle_id)
            if result.cycle.decision == "adopt":
                self.offer_phase(cycle_id)
            if result.child is not None:
                self.open_requested.emit(result.child.id)

        ws, as_of = self.ctx.ws, self.ctx.as_of()
        self._step(lambda reason, data: services.decide_cycle(ws, cycle_id, decision, rationale, early_reason=reason,
                                                              as_of=as_of, data=data), done)

    def offer_phase(self, cycle_id: str) -> None:
        """Adopting a tactic changes the process: propose a new chart phase at the adoption (undoable)."""
        from pdsa_desk.ui.phase_edits import AddPhaseCommand

        proposal = services.proposed_phase(self.ctx.ws, cycle_id)
        if proposal is None:
            return
        reason = self.confirm_phase(proposal)
        if reason is None:
            return
        command = AddPhaseCommand(self.ctx, proposal.stage_id, proposal.starts_at, "phase", reason,
                                  self.header_error.show_message)
        try:
            command.apply()
        except ValidationError as exc:
            self._show_error(exc)
            return
        self.ctx.undo_stack.push(command)
        self.ctx.notify_changed()

    def confirm_phase(self, proposal: services.PhaseProposal) -> str | None:
        """Ask whether to start the proposed phase, with its reason (None: no)."""
        from pdsa_desk.ui.reason_dialog import ask_reason

        when = formatting.date_short(proposal.starts_at)
        return ask_reason(
            self, self.tr("Start a new phase on the chart?"),
            self.tr("The tactic is now standard work, so the process changed on {0}. A new phase on this "
                    "transition's chart judges the weeks after it against their own centre line and limits, "
                    "instead of flagging the improvement as a signal week after week.").format(when),
            self.tr("Start the new phase"), reason=proposal.reason)

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

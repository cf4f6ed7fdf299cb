"""Cycles: the filterable list of PDSA cycles and the Plan / Do / Study / Act editor of one."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.changes import Change
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Cycle, CycleStatus
from pdsa_desk.ui import archive_edits, formatting
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.cycle_editor import PLAN_TAB, CycleEditor, NewCycleCommand
from pdsa_desk.ui.cycles_models import (
    ID_ROLE,
    CycleFilterProxy,
    CycleListModel,
    CycleRow,
    load_cycle_rows,
    status_label,
    transition_labels,
)
from pdsa_desk.ui.tasks import Latest
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.widgets import ErrorLabel

# The list read for the view: its rows and the filters' choices (reps, transitions, tactics: text and id).
_ListRead = tuple[list[CycleRow], list[tuple[str, object]], list[tuple[str, object]], list[tuple[str, object]]]


def next_monday(today: date) -> date:
    return today + timedelta(days=(7 - today.weekday()) % 7 or 7)


class NewCycleDialog(QDialog):
    """Title, transition and owner of a new cycle; the rest is planned in the Plan tab."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.created: Cycle | None = None
        self.setWindowTitle(self.tr("New PDSA cycle"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Name the cycle and the step of the customer journey it aims to improve. "
                               "You plan the rest in the Plan tab."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Agenda before discovery calls"))
        self.title_error = ErrorLabel()
        self.transition = QComboBox()
        for stage_id, label in transition_labels(ctx.ws).items():
            self.transition.addItem(label, stage_id)
        self.transition_error = ErrorLabel()
        self.owner = QComboBox()
        self.owner.addItem(self.tr("— no owner —"), None)
        for rep in services.list_reps(ctx.ws, include_inactive=False):
            self.owner.addItem(rep.name, rep.id)
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow("", self.title_error)
        form.addRow(self.tr("T&ransition:"), self.transition)
        form.addRow("", self.transition_error)
        form.addRow(self.tr("&Owner:"), self.owner)
        layout.addLayout(form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and plan"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if self.transition.count() == 0:
            ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setEnabled(False)
            ok.setToolTip(self.tr("Define at least two stages first (Standards view)"))
            self.error.show_message(self.tr("A cycle improves a step between two stages: the workspace has none yet."))
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        for label in (self.title_error, self.transition_error, self.error):
            label.clear_message()
        start = next_monday(date.today())
        owner = self.owner.currentData()
        try:
            self.created = services.create_cycle(
                self.ctx.ws, self.title.text(), from_stage_id=self.transition.currentData() or "",
                owner_rep_id=owner, planned_start=start, planned_end=start + timedelta(weeks=6) - timedelta(days=1),
            )
        except ValidationError as exc:
            target = {"title": self.title_error, "from_stage_id": self.transition_error}.get(exc.field or "",
                                                                                          self.error)
            target.show_message(exc.message)
            return
        super().accept()


class CyclesView(View):
    """Left: the filterable cycle list. Right: the PDSA editor of the selected cycle."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._refresh_count = 0
        self._opened_once = False
        self._current_id: str | None = None
        self._sized = False
        self._reads = Latest()  # the list and filter choices read on the quick-read thread
        self._visiting = False  # shown just now: the refresh that follows reads in the background
        self._pending_object: str | None = None  # to show once the list being read has arrived

        self.model = CycleListModel(self)
        self.proxy = CycleFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        # --- left: filters over the list ---------------------------------------------------------
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(12, 12, 6, 12)
        top = QHBoxLayout()
        heading = QLabel(f"<h2>{self.tr('Cycles')}</h2>")
        top.addWidget(heading)
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("&New cycle"))
        self.new_button.setToolTip(self.tr("Plan a new PDSA cycle (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_cycle)
        top.addWidget(self.new_button)
        ll.addLayout(top)
        self.new_action = QAction(self.tr("New cycle"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.new_action.triggered.connect(self.new_cycle)
        self.addAction(self.new_action)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles, tactics, reps… (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        find = QAction(self.tr("Search the cycles"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        ll.addWidget(self.search)
        filters = QGridLayout()
        filters.setHorizontalSpacing(6)
        self.status_filter = QComboBox()
        self.rep_filter = QComboBox()
        self.stage_filter = QComboBox()
        self.tactic_filter = QComboBox()
        for combo, tip in ((self.status_filter, self.tr("Show cycles in this status")),
                           (self.rep_filter, self.tr("Show cycles this rep owns or takes part in")),
                           (self.stage_filter, self.tr("Show cycles on this transition")),
                           (self.tactic_filter, self.tr("Show cycles testing this tactic"))):
            combo.setToolTip(tip)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in CycleStatus:
            self.status_filter.addItem(status_label(status), str(status))
        filters.addWidget(self.status_filter, 0, 0)
        filters.addWidget(self.rep_filter, 0, 1)
        filters.addWidget(self.stage_filter, 1, 0)
        filters.addWidget(self.tactic_filter, 1, 1)
        ll.addLayout(filters)
        count_row = QHBoxLayout()
        self.count_label = QLabel()
        self.count_label.setEnabled(False)
        count_row.addWidget(self.count_label, 1)
        self.clear_filters_button = QPushButton(self.tr("Clear filters"))
        self.clear_filters_button.setFlat(True)
        self.clear_filters_button.setToolTip(self.tr("Show every cycle"))
        self.clear_filters_button.clicked.connect(self.clear_filters)
        count_row.addWidget(self.clear_filters_button)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.setToolTip(self.tr("Also list the cycles archived out of current work"))
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        count_row.addWidget(self.show_archived)
        ll.addLayout(count_row)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CycleListModel.DATES, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setToolTip(self.tr("Click to sort; right-click to choose the columns"))
        self.table.setAccessibleName(self.tr("Cycles"))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        for combo in (self.status_filter, self.rep_filter, self.stage_filter, self.tactic_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.search.textChanged.connect(self._apply_filters)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setEnabled(False)
        ll.addWidget(self.table, 1)
        ll.addWidget(self.empty_label)
        ll.addLayout(self._build_record_buttons())
        from pdsa_desk.ui.calibration_panel import CalibrationPanel

        self.calibration = CalibrationPanel(ctx)
        self._calibration_due = False  # refreshed when a visit's list and open cycle are shown
        ll.addWidget(self.calibration)
        splitter.addWidget(left)

        # --- right: the editor -------------------------------------------------------------------
        self.editor = CycleEditor(ctx)
        self.editor.edited.connect(self._edited)
        self.editor.open_requested.connect(self.show_object)
        self.placeholder = QLabel(self.tr("Select a cycle on the left to plan, run, study or decide it — "
                                          "or press Ctrl+N to plan a new one."))
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self.right = QStackedWidget()
        self.right.addWidget(self.placeholder)
        self.right.addWidget(self.editor)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 1)  # a smaller window takes from both, so the editor's pages still fit
        splitter.setStretchFactor(1, 1)
        # The editor's pages scroll vertically only; the Study page's results table needs ~470 px with long
        # translations and wide intervals, so the editor keeps 505 px (the list keeps its own minimum, ~316 px,
        # and the two still fit the minimum window of 1024 px).
        self.right.setMinimumWidth(505)
        splitter.setSizes([480, 674])  # at 1366 px: the Study page whole, and title, status and transition
        self.splitter = splitter
        self._restore_layout()
        splitter.splitterMoved.connect(lambda *_: self._save_layout())
        header.sectionResized.connect(lambda *_: self._save_layout())

    def _build_record_buttons(self) -> QHBoxLayout:
        """Archive / Delete for the selected cycle (issue 13)."""
        row = QHBoxLayout()
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(lambda _=False: self.archive_current())
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.setToolTip(self.tr("Delete the selected cycle (asks first when it has observations or "
                                              "a decision; Ctrl+Z brings it back)"))
        self.delete_button.clicked.connect(lambda _=False: self.delete_current())
        self.record_error = ErrorLabel()
        row.addWidget(self.archive_button)
        row.addWidget(self.delete_button)
        row.addWidget(self.record_error, 1)
        return row

    def _update_record_buttons(self) -> None:
        row = self.model.rows()[self.model.row_of(self._current_id)] if self._current_id and self.model.row_of(
            self._current_id) >= 0 else None
        for button in (self.archive_button, self.delete_button):
            button.setEnabled(row is not None)
        self.archive_button.setText(self.tr("Restore") if row is not None and row.archived else self.tr("Archive"))
        self.archive_button.setToolTip(
            self.tr("Select a cycle first") if row is None
            else self.tr("Bring the cycle back into the lists of current work") if row.archived
            else self.tr("Hide the cycle from the lists of current work; its record is kept"))

    def archive_current(self) -> None:
        row = self.model.rows()[self.model.row_of(self._current_id)] if self._current_id and self.model.row_of(
            self._current_id) >= 0 else None
        if row is None:
            return
        self._record_edit(lambda: archive_edits.set_cycle_archived(self.ctx, row.id, row.title, not row.archived))

    def delete_current(self) -> None:
        cycle_id = self._current_id
        if not cycle_id:
            return
        self._record_edit(lambda: archive_edits.delete_cycle(self.ctx, cycle_id, self))

    def _record_edit(self, edit: Callable[[], object]) -> None:
        """Run an archive or delete; reload unless the main window already did (as :meth:`_edited`)."""
        self.record_error.clear_message()
        before = self._refresh_count
        try:
            edit()
        except ValidationError as exc:
            self.record_error.show_message(exc.message)
            return
        if self._refresh_count == before:
            self.refresh()

    # --- remembered layout (splitter, columns) ----------------------------------------------------

    def _restore_layout(self) -> None:
        settings = QSettings()
        splitter = settings.value("cycles/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        header = settings.value("cycles/header")
        if isinstance(header, QByteArray) and not header.isEmpty():
            self._sized = self.table.horizontalHeader().restoreState(header)

    def _save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("cycles/splitter", self.splitter.saveState())
        settings.setValue("cycles/header", self.table.horizontalHeader().saveState())

    # --- loading -------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """A visit: the refresh that follows (in the same event-loop turn) reads the list in the background."""
        super().showEvent(event)
        self._visiting = True
        QTimer.singleShot(0, self, self._visit_over)

    def _visit_over(self) -> None:
        self._visiting = False

    def refresh(self) -> None:
        """Read the list and the filters' choices: on a visit on the quick-read thread (the list shown keeps
        its rows, its count saying "updating…", until they arrive); after an edit here at once, so that the
        list and the editor show the edit when the action returns."""
        self._refresh_count += 1
        ws, archived = self.ctx.ws, self.show_archived.isChecked()

        def read() -> _ListRead:
            return (load_cycle_rows(ws, include_archived=archived), [(r.name, r.id) for r in services.list_reps(ws)],
                    [(t, s) for s, t in transition_labels(ws).items()],
                    [(t.name, t.id) for t in services.list_tactics(ws)])

        ticket = self._reads.begin()
        if not (self._visiting or self.updating):
            self.calibration.refresh()
            self._show_list(read())
            return
        # On a visit the calibration (hundreds of closed cycles' studies at company scale, seconds of CPU) is
        # computed after the list and the open cycle are shown: beside them its Python work kept the window
        # waiting for the GIL in every one of the list's thousands of data() calls (issue 16, stall_views).
        self._calibration_due = True
        self._visiting = False
        self.updating = True
        self.record_error.clear_message()
        self.count_label.setText(self.tr("{0} cycles (updating…)").format(formatting.count(self.model.rowCount()))
                                 if self.model.rowCount() else self.tr("Reading the cycles…"))
        self.ctx.run_read(read, ticket.guard(self._show_list), ticket.guard(self._list_failed))

    def _list_failed(self, exc: BaseException) -> None:
        self.record_error.show_message(self.tr("The cycles could not be read: {0}").format(exc))
        self._update_counts()
        self._read_done()

    def _read_done(self) -> None:
        self.updating = False
        if self._calibration_due:
            self._calibration_due = False
            self.calibration.refresh()
        pending, self._pending_object = self._pending_object, None
        if pending is not None:
            self.show_object(pending)
        self.refreshed.emit()

    def _show_list(self, result: _ListRead) -> None:
        rows, reps, transitions, tactics = result
        self._fill_filters(reps, transitions, tactics)
        with QSignalBlocker(self.table.selectionModel()):
            self.model.set_rows(rows)
        self._update_counts()
        if rows and not self._sized:
            self._size_columns()
            self._sized = True
        first_visit, self._opened_once = not self._opened_once, True
        if self._pending_object is not None and self.model.row_of(self._pending_object) >= 0:
            self._read_done()  # a cycle named elsewhere (navigate) is opened instead of the first
        elif first_visit and not self._current_id and rows:
            # Open the cycle most likely to be discussed (running, studying or deciding), read on the quick-read
            # thread while the list is shown (0.2-0.4 s at company scale).
            active = [r for r in rows if r.status in ("do", "study", "act")]
            cycle_id = (active or rows)[0].id
            self._select(cycle_id)
            self.updating = True
            self._current_id = cycle_id
            self.right.setCurrentWidget(self.editor)
            self.editor.load_in_background(cycle_id, self._read_done)
        else:
            if self._current_id and self.model.row_of(self._current_id) >= 0:
                self._select(self._current_id)
                if self.updating and self.editor.loading is None:  # a visit: read the open cycle there too
                    self.editor.load_in_background(self._current_id, self._read_done, select_tab=False)
                    self._update_record_buttons()
                    return
                self.editor.reload()
            else:
                self._current_id = None
                self.editor.clear()
                self.right.setCurrentWidget(self.placeholder)
            if self.updating:
                self._read_done()
        self._update_record_buttons()

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        # Measure the rows a window shows first (newest first), not hundreds: 200 rows took 0.15 s at 100k.
        header.setResizeContentsPrecision(25)
        with QSignalBlocker(header):  # one saved layout, not one QSettings write per column (6 ms each)
            self.table.resizeColumnsToContents()
            # The transition is read in full (a cut "Proposal requested → Te…" names no stage); titles are cut
            # in the middle of long ones and shown whole in their tooltip.
            for col, cap in ((CycleListModel.TITLE, 140), (CycleListModel.TRANSITION, 300),
                             (CycleListModel.OWNER, 120), (CycleListModel.DATES, 150), (CycleListModel.TACTIC, 200)):
                header.resizeSection(col, min(header.sectionSize(col), cap))
        self._save_layout()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _show_column(self, col: int, on: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(col, not on)
        self._save_layout()

    def _header_menu(self, pos: Any) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for col in range(self.model.columnCount()):
            action = menu.addAction(str(self.model.headerData(col, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(col != CycleListModel.TITLE)
            action.toggled.connect(functools.partial(self._show_column, col))
        menu.exec(header.mapToGlobal(pos))

    def _fill_filters(self, reps: Sequence[tuple[str, object]], transitions: Sequence[tuple[str, object]],
                      tactics: Sequence[tuple[str, object]]) -> None:
        def refill(combo: QComboBox, everything: str, items: Sequence[tuple[str, object]]) -> None:
            current = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(everything, None)
                for text, data in items:
                    combo.addItem(text, data)
                combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)

        refill(self.rep_filter, self.tr("All reps"), reps)
        refill(self.stage_filter, self.tr("All transitions"), transitions)
        refill(self.tactic_filter, self.tr("All tactics"),
               [*tactics, (self.tr("No tactic"), CycleFilterProxy.NO_TACTIC)])

    def _apply_filters(self, *_args: object) -> None:
        self.proxy.set_filters(
            status=self.status_filter.currentData(),
            rep_id=self.rep_filter.currentData(),
            stage_id=self.stage_filter.currentData(),
            tactic_id=self.tactic_filter.currentData(),
            text=self.search.text(),
        )
        self._update_counts()
        if self._current_id:
            self._select(self._current_id, scroll=True)

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.rep_filter, self.stage_filter, self.tactic_filter):
            with QSignalBlocker(combo):
                combo.setCurrentIndex(0)
        with QSignalBlocker(self.search):
            self.search.clear()
        self._apply_filters()

    def _update_counts(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        filtering = self.proxy.is_filtering()
        self.clear_filters_button.setVisible(filtering)
        if total == 0:
            self.count_label.setText("")
            self.empty_label.setText(self.tr("No cycles yet — press Ctrl+N (or “New cycle”) to plan the first "
                                             "experiment on a step of your customer journey."))
        elif shown == 0:
            self.count_label.setText(self.tr("0 of {0} cycles").format(formatting.count(total)))
            self.empty_label.setText(self.tr("No cycle matches these filters."))
        else:
            self.count_label.setText(
                self.tr("{0} of {1} cycles").format(formatting.count(shown), formatting.count(total)) if filtering
                else self.tr("{0} cycles").format(formatting.count(total))
            )
        self.table.setVisible(shown > 0)
        self.empty_label.setVisible(shown == 0)

    # --- selection -----------------------------------------------------------------------------------

    def _select(self, cycle_id: str, *, scroll: bool = True) -> bool:
        row = self.model.row_of(cycle_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        with QSignalBlocker(self.table.selectionModel()):
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
        if scroll:
            self.table.scrollTo(index)
        return True

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cycle_id = current.data(ID_ROLE) if current.isValid() else None
        if not cycle_id or cycle_id == self._current_id:
            return
        if self.editor.has_unsaved_changes() and not self.editor.save():
            # Keep the cycle with the refused change open: its error is shown next to the field.
            if self._current_id:
                self._select(self._current_id)
            return
        self._select(cycle_id)  # saving reloaded the list
        self._open(cycle_id)

    def _open(self, cycle_id: str) -> None:
        self._current_id = cycle_id
        self.editor.load(cycle_id)
        self.right.setCurrentWidget(self.editor)
        self._update_record_buttons()

    def current_cycle_id(self) -> str | None:
        return self._current_id

    def show_object(self, object_id: str) -> None:
        """Select a cycle (clearing filters that hide it) and open it in the editor; or, given a rep, list the
        cycles that rep owns or takes part in (an agenda's "Reps over the active-cycle cap" item)."""
        if self.updating and self.model.row_of(object_id) < 0:
            self._pending_object = object_id  # the list being read may hold it
            return
        if self.model.row_of(object_id) < 0:
            self.refresh()
        if self.model.row_of(object_id) < 0 and not self.show_archived.isChecked():
            self.show_archived.setChecked(True)  # an archived cycle named elsewhere (a tactic's, a ramp's)
        if self.model.row_of(object_id) < 0:
            if object_id and self.rep_filter.findData(object_id) >= 0:
                self.show_rep(object_id)
            return
        if self.editor.has_unsaved_changes() and object_id != self._current_id and not self.editor.save():
            return
        if not self._select(object_id):
            self.clear_filters()
            self._select(object_id)
        if object_id != self._current_id:
            self._open(object_id)

    def show_rep(self, rep_id: str) -> None:
        """Only the cycles of this rep, the first of them opened."""
        if self.editor.has_unsaved_changes() and not self.editor.save():
            return
        self.clear_filters()
        self.rep_filter.setCurrentIndex(self.rep_filter.findData(rep_id))
        first = self.proxy.index(0, 0)
        if first.isValid():
            self.table.setCurrentIndex(first)

    # --- edits ---------------------------------------------------------------------------------------

    def new_cycle(self) -> None:
        if self.editor.has_unsaved_changes() and not self.editor.save():
            return
        dialog = NewCycleDialog(self.ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.created is None:
            return
        cycle_id = dialog.created.id
        self.ctx.undo_stack.push(NewCycleCommand(
            self.tr("New cycle “{0}”").format(dialog.created.title), self.ctx, cycle_id, None,
            lambda exc: self.editor.header_error.show_message(exc.message)))
        self._edited(cycle_id)
        self.show_object(cycle_id)
        self.editor.tabs.setCurrentIndex(PLAN_TAB)
        self.editor.plan_tab.title.setFocus()

    def _edited(self, _cycle_id: str) -> None:
        """After an edit: tell the app; reload unless the main window already did."""
        before = self._refresh_count
        self.ctx.notify_changed(Change())  # cycles and observations: nothing the analysis snapshot holds
        if self._refresh_count == before:
            self.refresh()

"""What the Board adds for keeping records: "Cards | Table" (the opportunities table beside the columns),
"New opportunity" (Ctrl+N) and "Edit…" (Ctrl+E, or double-click a card or a row) opening the opportunity
editor (:mod:`pdsa_desk.ui.opportunity_editor`).

The table's rows come from the snapshot the Board already has, computed on the worker thread
(:func:`pdsa_desk.core.opportunity_list.opportunity_rows`), only while the table is shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import opportunity_list
from pdsa_desk.ui.opportunity_table import ID_ROLE, OpportunityFilterProxy, OpportunityTableModel, prepare_rows

if TYPE_CHECKING:
    from pdsa_desk.ui.views.board import BoardView


class BoardRecords(QObject):
    """The Board's mode switch, its opportunities table and its record actions."""

    #: Above this many rows the search waits for a pause in typing (SEARCH_PAUSE_MS).
    LARGE = 20_000
    SEARCH_PAUSE_MS = 200

    def __init__(self, view: BoardView) -> None:
        super().__init__(view)
        self.view = view
        self.updating = False
        self._loads = view.latest()
        self._shown_data: object = None
        self.cards_widgets: list[QWidget] = []
        self._carried: str | None = None  # the card selected when the table was chosen

        self.mode_switch = QWidget()
        row = QHBoxLayout(self.mode_switch)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.cards_button = QToolButton()
        self.cards_button.setText(self.tr("Cards"))
        self.table_button = QToolButton()
        self.table_button.setText(self.tr("Table"))
        self.table_button.setObjectName("tableModeButton")
        self.cards_button.setToolTip(self.tr("Open opportunities as cards in their stage columns"))
        self.table_button.setToolTip(self.tr("Every opportunity, open or closed, in a sortable table"))
        group = QButtonGroup(self)
        for b in (self.cards_button, self.table_button):
            b.setCheckable(True)
            group.addButton(b)
            row.addWidget(b)
        self.cards_button.setChecked(True)
        self.table_button.toggled.connect(self._mode_changed)

        self.new_action = self._action(self.tr("New opportunity…"), QKeySequence.StandardKey.New, self.new_opportunity)
        self.edit_action = self._action(self.tr("Edit…"), QKeySequence("Ctrl+E"), self.edit_selected)
        self.new_button = QToolButton()
        self.new_button.setDefaultAction(self.new_action)
        self.new_button.setObjectName("newOpportunityButton")
        self.edit_button = QToolButton()
        self.edit_button.setDefaultAction(self.edit_action)
        self.edit_button.setObjectName("editButton")
        self.new_action.setToolTip(self.tr("Add an opportunity, in a stage or without one (Ctrl+N)"))
        self.edit_action.setToolTip(self.tr("Edit the selected opportunity (Ctrl+E, or double-click it)"))

        self.panel = self._build_panel()
        self.stack = QStackedWidget()

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Any) -> QAction:
        action = QAction(text, self.view)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.view.addAction(action)
        return action

    def wrap(self, cards: QWidget) -> QStackedWidget:
        """The stack showing the card columns (``cards``) or the table."""
        self.stack.addWidget(cards)
        self.stack.addWidget(self.panel)
        return self.stack

    def cards_only(self, bar: QLayout, *widgets: QWidget) -> None:
        """The Board's filter bar and ``widgets``: they apply to the cards only (hidden in table mode; the
        table has its own search, outcome filter and buttons)."""
        for i in range(bar.count()):
            item = bar.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None:
                self.cards_widgets.append(widget)
        self.cards_widgets.extend(widgets)

    def _build_panel(self) -> QWidget:
        panel = QWidget()
        col = QVBoxLayout(panel)
        col.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("tableSearch")
        self.search_edit.setPlaceholderText(self.tr("Search by name, rep, stage or outcome"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(lambda _t: self._search_changed())
        # A large table filters when typing pauses, not on every key (each filter reads every row once).
        self._search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_PAUSE_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        bar.addWidget(self.search_edit, 1)
        self.outcome_combo = QComboBox()
        self.outcome_combo.setObjectName("outcomeFilter")
        for text, data in ((self.tr("All outcomes"), None), (self.tr("Open"), "open"), (self.tr("Won"), "won"),
                           (self.tr("Lost"), "lost")):
            self.outcome_combo.addItem(text, data)
        self.outcome_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        bar.addWidget(self.outcome_combo)
        self.count_label = QLabel()
        bar.addWidget(self.count_label)
        col.addLayout(bar)
        self.model = OpportunityTableModel(self)
        self.proxy = OpportunityFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("opportunityTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 260)
        self.table.setAccessibleName(self.tr("Opportunities"))
        self.table.doubleClicked.connect(lambda index: self.view.edit_opportunity(index.data(ID_ROLE)))
        self.table.selectionModel().currentChanged.connect(lambda *_a: self.update_edit())
        col.addWidget(self.table, 1)
        return panel

    # --- mode ------------------------------------------------------------------------------------

    def table_mode(self) -> bool:
        return self.table_button.isChecked()

    def _mode_changed(self, table: bool) -> None:
        """Switch between the cards and the table; the selected opportunity stays selected where it is shown."""
        carried = self.view.selected_id() if table else self.selected_id()
        self.stack.setCurrentIndex(1 if table else 0)
        for widget in self.cards_widgets:
            widget.setVisible(not table)
        if table:
            self._carried = carried
            self.refresh()
            self.search_edit.setFocus()
        elif carried and not self.view.select_card(carried):  # not on the board (closed): no card selected
            for column in self.view.columns:
                column.list.clearSelection()
                column.list.selectionModel().clearCurrentIndex()
        self.update_edit()

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Compute the table's rows from the current snapshot on the worker (only while the table shows)."""
        if not self.table_mode():
            return
        ticket = self._loads.begin()
        self.updating = True
        self.count_label.setText(self.tr("Loading…"))
        ctx = self.view.ctx
        ws = ctx.ws

        def compute(data: Any) -> None:
            if data is self._shown_data:
                self.updating = False
                self.apply_filter()
                carried, self._carried = self._carried, None
                if carried:
                    self.select(carried)
                return
            ctx.run_in_background(lambda: (data, prepare_rows(opportunity_list.opportunity_rows(ws, data))),
                                  ticket.guard(self._show), ticket.guard(self._failed), abandon_on_close=True)

        ctx.analysis_in_background(ticket.guard(compute), ticket.guard(self._failed))

    def _show(self, result: tuple[Any, Any]) -> None:
        data, rows = result
        selected = self.selected_id()
        self._shown_data = data
        first = self.model.total == 0
        self.model.set_rows(rows)
        self.apply_filter()
        if first and self.model.rowCount():
            self._size_columns()
        carried, self._carried = self._carried, None
        if carried or selected:
            self.select(carried or selected or "")
        self.updating = False

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(200)  # measure the first rows, not all of them
        self.table.resizeColumnsToContents()
        for column, cap in ((5, 170), (3, 170)):
            header.resizeSection(column, min(header.sectionSize(column), cap))
        header.resizeSection(0, max(header.sectionSize(0), 260))

    def _failed(self, exc: BaseException) -> None:
        self.updating = False
        self.count_label.setText(self.tr("The table could not be loaded: {0}").format(exc))

    def _search_changed(self) -> None:
        if self.model.total > self.LARGE:
            self._search_timer.start()
        else:
            self.apply_filter()

    def apply_filter(self) -> None:
        selected = self.selected_id()
        self.model.set_filter(self.search_edit.text(), self.outcome_combo.currentData())
        if selected:
            self.select(selected)
        total, shown = self.model.total, self.proxy.rowCount()
        if total == 0:
            self.count_label.setText(self.tr("No opportunities yet — add one (Ctrl+N) or import them on the Data "
                                             "page"))
            return
        self.count_label.setText(self.tr("%n opportunities", "", total) if shown == total
                                 else self.tr("{0} of {1}").format(shown, total))

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select(self, opp_id: str) -> bool:
        row = self.model.row_of(opp_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    # --- actions ---------------------------------------------------------------------------------

    def update_edit(self) -> None:
        """Edit… is enabled when something is selected (a card, or a row in table mode)."""
        selected = self.selected_id() if self.table_mode() else self.view.selected_id()
        self.edit_action.setEnabled(selected is not None)
        self.edit_action.setToolTip(
            self.tr("Edit the selected opportunity (Ctrl+E, or double-click it)") if selected is not None
            else self.tr("Select an opportunity first (a card, or a row of the table)"))

    def new_opportunity(self) -> None:
        self.view.edit_opportunity(None)

    def edit_selected(self) -> None:
        opp_id = self.selected_id() if self.table_mode() else self.view.selected_id()
        if opp_id:
            self.view.edit_opportunity(opp_id)

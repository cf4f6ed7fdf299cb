"""Board: stages as columns, open opportunities as cards; moves record the evidence seen.

Each column is a ``QListView`` over its own :class:`StageCardModel` (behind a
:class:`CardFilterProxy`) painted by :class:`CardDelegate`, so the board stays
quick with thousands of open opportunities. A card moves forward only (drag it
onto a later column, or press Ctrl+Right): a move records what the customer
did, and the confirmation shows the target stage's observable standard and
checklist so the user ticks the evidence actually seen. Every edit is a
``QUndoCommand`` on the shared undo stack.

The columns are in :mod:`pdsa_desk.ui.board_widgets`, the edits (undo commands and
their dialogs) in :mod:`pdsa_desk.ui.board_edits`; this module is the view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.board import (
    NO_STAGE,
    UNSPECIFIED,
    BoardSnapshot,
    filter_mask,
    first_board,
    load_board,
)
from pdsa_desk.ui import formatting
from pdsa_desk.ui.board_actions import BoardActions
from pdsa_desk.ui.board_models import CardRole, blend
from pdsa_desk.ui.board_records import BoardRecords
from pdsa_desk.ui.board_selection import BoardSelection
from pdsa_desk.ui.board_widgets import COLUMN_MIN_WIDTH, DROP_COLUMN_MIN_WIDTH, BoardColumn, ReservedLabel
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.base import View

# The edits (pdsa_desk.ui.board_edits, the services) are imported when first used (ui/board_actions.py): they
# import SQLModel, and at start-up the Board is built and shows its first cards before the workspace is open
# (ui/application.py).

# --- the view ---------------------------------------------------------------------------------


# The card columns a column's model shows besides its ids and days (see block_signatures).
_SHOWN = ["id", "name", "rep_name", "rep_id", "amount", "p85_days", "aging", "entered_at"]


def block_signatures(snap: BoardSnapshot) -> dict[int, bytes]:
    """Per stage (``NO_STAGE`` included): a digest of what its column shows (the cards, their whole days in
    stage). Computed on the worker with the board, so that the window resets only the columns that changed."""
    out: dict[int, bytes] = {}
    # A row's hash depends on that row alone: hashed once for every card (one pandas call instead of one per
    # column, ~25 ms less at 5,000 cards), then cut into the columns' blocks.
    rows = pd.util.hash_pandas_object(snap.cards[_SHOWN], index=False).to_numpy()
    days = snap.cards["days_in_stage"].to_numpy().astype(np.int64)
    for stage in [NO_STAGE, *range(len(snap.stages))]:
        block = snap.block(stage)
        out[stage] = rows[block].tobytes() + days[block].tobytes()
    return out


def _same_frames(a: tuple, b: tuple) -> bool:
    """Whether two tuples of frames, arrays and flags hold the same values."""
    for x, y in zip(a, b, strict=True):
        if isinstance(x, pd.DataFrame):
            if not (isinstance(y, pd.DataFrame) and x.shape == y.shape and x.equals(y)):
                return False
        elif isinstance(x, np.ndarray):
            if not np.array_equal(x, y):
                return False
        elif x != y:
            return False
    return True


class BoardView(BoardActions, BoardSelection, View):
    """Kanban board of the open opportunities, one column per stage."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: BoardSnapshot | None = None
        self.columns: list[BoardColumn] = []
        self.active_dialog: QDialog | None = None
        self.pending_edits = 0  # edits being written on the worker (BoardActions._push)
        self._data: object = None
        self._stage_key: tuple = ()
        self._selected_id: str | None = None
        self._mask: np.ndarray | None = None
        self._syncing_selection = False
        self._loads = self.latest()  # only the newest refresh is shown
        self._signatures: dict[int, tuple] = {}  # per column: what its model shows (see _show)
        self._pending_object: str | None = None  # show_object() before the board was there
        self._combo_key: tuple | None = None  # what the team and rep lists were filled from

        self._hint_text = self.tr(
            "Drag a card onto a later stage, or select it and press Ctrl+→. Cards only move forward: a move "
            "records what the customer did (undo a mistaken one with Ctrl+Z). Double-click a card to edit it, "
            "Enter for its history.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        top = QHBoxLayout()
        title = QLabel(self.tr("<h2>Board</h2>"))
        top.addWidget(title)
        self.records = BoardRecords(self)  # Cards | Table, New opportunity, Edit (issue 13)
        top.addSpacing(12)
        top.addWidget(self.records.mode_switch)
        top.addSpacing(12)
        # Long in some languages: it wraps rather than pushing the buttons, with room for its "reading…" and
        # "updating…" endings, so that the board below does not move when they come and go.
        self.summary_label = ReservedLabel()
        self.summary_label.setObjectName("boardSummary")
        top.addWidget(self.summary_label, 1)
        layout.addLayout(top)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        team_label = QLabel(self.tr("&Team:"))
        bar.addWidget(team_label)
        self.team_combo = QComboBox()
        self.team_combo.setMinimumContentsLength(10)
        self.team_combo.setToolTip(self.tr("Show the cards of one team"))
        team_label.setBuddy(self.team_combo)
        bar.addWidget(self.team_combo)
        rep_label = QLabel(self.tr("&Rep:"))
        bar.addWidget(rep_label)
        self.rep_combo = QComboBox()
        self.rep_combo.setMinimumContentsLength(14)
        self.rep_combo.setToolTip(self.tr("Show the cards of one rep"))
        rep_label.setBuddy(self.rep_combo)
        bar.addWidget(self.rep_combo)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("boardSearch")
        self.search_edit.setPlaceholderText(self.tr("Search opportunities by name (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(200)
        bar.addWidget(self.search_edit, 1)

        self.move_action = self._make_action(self.tr("Move forward…"), QKeySequence("Ctrl+Right"),
                                             self.move_selected_forward)
        self.won_action = self._make_action(self.tr("Mark won…"), QKeySequence("Ctrl+Shift+W"), self.mark_selected_won)
        self.lost_action = self._make_action(self.tr("Mark lost…"), QKeySequence("Ctrl+Shift+L"),
                                             self.mark_selected_lost)
        self.history_action = self._make_action(self.tr("History…"), None, self.show_selected_history)
        self.find_action = self._make_action(self.tr("Find"), QKeySequence.StandardKey.Find, self.focus_search)
        self.buttons: dict[str, QToolButton] = {}
        actions = QHBoxLayout()
        actions.setSpacing(6)
        actions.addWidget(self.records.new_button)
        actions.addWidget(self.records.edit_button)
        actions.addSpacing(12)
        for key, action in (("move", self.move_action), ("won", self.won_action), ("lost", self.lost_action),
                            ("history", self.history_action)):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setObjectName(f"{key}Button")
            self.buttons[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        # Title row, actions row, filter row: at 1024 px (and in longer languages) one row cannot hold them all.
        layout.addLayout(actions)
        layout.addLayout(bar)

        self.hint_label = QLabel(self._hint_text)
        self.hint_label.setObjectName("boardHint")
        self.hint_label.setWordWrap(True)
        pal = self.hint_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, blend(pal.color(QPalette.ColorRole.WindowText),
                                                         pal.color(QPalette.ColorRole.Window), 0.3))
        self.hint_label.setPalette(pal)
        layout.addWidget(self.hint_label)
        self.records.cards_only(bar, self.hint_label)

        self.scroll_area = QScrollArea()
        self.scroll_area.setProperty("scrolls_sideways", True)  # more stages than fit scroll sideways, by design
        self.scroll_area.setObjectName("boardScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.canvas = QWidget()
        self.columns_layout = QHBoxLayout(self.canvas)
        self.columns_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_layout.setSpacing(6)
        self.scroll_area.setWidget(self.canvas)
        layout.addWidget(self.records.wrap(self.scroll_area), 1)

        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setVisible(False)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.linkActivated.connect(lambda key: self.ctx.navigate(key))
        layout.addWidget(self.empty_label, 1)

        self.team_combo.currentIndexChanged.connect(self._team_changed)
        self.rep_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.search_edit.textChanged.connect(lambda _t: self.apply_filter())
        ctx.data_changed.connect(self._on_data_changed)
        self._update_actions()

    def _make_action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None,
                     slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the board of the current snapshot. Nothing is loaded or computed on the GUI thread: the
        snapshot comes from :meth:`AppContext.analysis_in_background` and the board is computed on the worker
        thread; meanwhile the previous board stays, marked as updating."""
        ticket = self._loads.begin()
        self.updating = True
        self._update_summary()  # "updating…"; the columns show the same board until the new one comes
        ws, as_of = self.ctx.ws, self.ctx.as_of()  # one clock: the first board and the complete one agree
        if self.snapshot is None and not self.ctx.analysis_current:
            # The first paint: the cards of the open opportunities alone, while the history loads.
            # Start-up may have read it already from the file, while the workspace was being opened.
            self.ctx.read_first(("first_board", as_of), lambda: first_board(ws, as_of=as_of),
                                ticket.guard(self._show_first), lambda _exc: None)
        if ws is None:  # shown before the workspace is open: the complete board comes with the next refresh
            return

        # The amounts (the one column the snapshot lacks) are kept between refreshes and read again on the
        # quick-read thread where an edit changed them (ui/kept_amounts.py), beside the snapshot's patch; the board
        # is computed when both are there. Read after the edit was written, as the board's own read would be.
        parts: dict[str, Any] = {}

        def compute(key: str, value: Any) -> None:
            parts[key] = value
            if len(parts) < 2:
                return
            data, amounts = parts["data"], parts["amounts"]

            def work() -> tuple[BoardSnapshot, dict[int, bytes]]:
                snap = load_board(ws, data, as_of=as_of, amounts=amounts)
                return snap, block_signatures(snap)

            self.ctx.run_in_background(work, ticket.guard(lambda result: self._show(data, *result)),
                                       ticket.guard(self._failed), abandon_on_close=True)  # it only reads

        self.ctx.amounts.get(ticket.guard(lambda amounts: compute("amounts", amounts)), ticket.guard(self._failed))
        self.ctx.analysis_in_background(ticket.guard(lambda data: compute("data", data)), ticket.guard(self._failed))

    def _failed(self, exc: BaseException) -> None:
        self.updating = False
        self.summary_label.setText(self.tr("The board could not be loaded: {0}").format(exc))
        self.refreshed.emit()

    def _show_first(self, snap: BoardSnapshot) -> None:
        if self.updating and self._data is None:  # not over the complete board
            self._show(None, snap, {})  # no signatures: the complete board resets every column it changes

    def _show(self, data: object, snap: BoardSnapshot, signatures: dict[int, bytes]) -> None:
        """Show a board: the complete one (``refreshed``), or the first one (``data`` None: ``first_shown``)
        whose aging marks come with the complete one. ``signatures`` (see :func:`block_signatures`, computed
        on the worker) tell which columns show other cards than before: only those are reset."""
        self._data = data
        self.snapshot = snap
        self._rebuild_columns(snap)
        self._fill_combos(snap)
        mask = self._current_mask()
        self._syncing_selection = True  # resets clear the selections; the card is selected again below
        try:
            for column in self.columns:
                block = snap.block(column.stage)
                signature = (column.name, signatures.get(column.stage))
                if self._signatures.get(column.stage) == signature:  # the same cards, shown the same way
                    column.proxy.set_mask(mask[block].tolist())
                    continue
                self._signatures[column.stage] = signature
                column.proxy.set_mask(mask[block].tolist(), refilter=False)
                column.model.set_cards(snap.cards.iloc[block], column.name)
        finally:
            self._syncing_selection = False
        self.updating = data is None
        self._update_headers()
        self._restore_selection()
        if self._pending_object is not None and data is not None:
            object_id, self._pending_object = self._pending_object, None
            self.show_object(object_id)
        if data is not None:
            self.records.refresh()
            if not self.ctx.analysis_current or self.ctx.current_analysis() is not data:
                # An edit announced while this board was computed (its refresh was skipped then): show it too.
                QTimer.singleShot(0, self, self._refresh_if_stale)
        (self.first_shown if data is None else self.refreshed).emit()

    def _on_data_changed(self) -> None:
        if self.isVisible():
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        # The main window may already have refreshed this view for the same change.
        if self.isVisible() and not self.updating and (
                not self.ctx.analysis_current or self.ctx.current_analysis() is not self._data):
            self.refresh()

    def _rebuild_columns(self, snap: BoardSnapshot) -> None:
        stages = snap.stages
        key = (tuple(stages["id"]), tuple(stages["name"]), snap.unstaged > 0)
        has_stages = len(stages) > 0
        self.scroll_area.setVisible(has_stages)
        self.empty_label.setVisible(not has_stages)
        if not has_stages:
            self.empty_label.setText(self.tr("No stages yet — define the customer journey and its observable "
                                             "standards on the <a href=\"standards\">Standards</a> page first."))
        if key == self._stage_key:
            return
        self._stage_key = key
        for column in self.columns:
            self.columns_layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        self._signatures.clear()
        specs: list[tuple[int, str | None, str]] = []
        if snap.unstaged:
            specs.append((NO_STAGE, None, self.tr("No stage yet")))
        specs += [(int(pos), str(sid), str(name)) for pos, sid, name in zip(stages.index, stages["id"], stages["name"],
                                                                            strict=True)]
        for pos, stage_id, name in specs:
            column = BoardColumn(pos, stage_id, name, self.canvas)
            lst = column.list
            if pos >= 0 and stages.loc[pos, "terminal"] == "won":
                lst.empty_text = self.tr("Drop a card here when the customer has signed: it closes as won.")
            else:
                lst.empty_text = self.tr("No open opportunities here.")
            lst.card_dropped.connect(self.request_move)
            lst.drag_refused.connect(self._show_hint)
            lst.drag_finished.connect(lambda: self._show_hint(""))
            lst.history_requested.connect(self.show_selected_history)
            lst.menu_requested.connect(lambda pos: self.card_menu().exec(pos))
            lst.setAccessibleName(self.tr("Cards in {0}").format(name))
            lst.doubleClicked.connect(lambda index: self.edit_opportunity(index.data(CardRole.ID)))
            lst.neighbour_requested.connect(lambda step, c=column: self._focus_neighbour(c, step))
            lst.selectionModel().selectionChanged.connect(lambda *_a, c=column: self._selection_changed(c))
            lst.selectionModel().currentChanged.connect(lambda *_a, c=column: self._selection_changed(c))
            self.columns.append(column)
            self.columns_layout.addWidget(column, 1)

    def _fill_combos(self, snap: BoardSnapshot) -> None:
        key = (snap.teams, snap.reps[["id", "name", "team_id", "active"]], snap.reps["open"].to_numpy() > 0,
               snap.cards["team_id"].isna().any(), snap.cards["rep_id"].isna().any())
        if self._combo_key is not None and _same_frames(key, self._combo_key):
            return  # the same choices: the lists stay (refilling them on every refresh costs the window ~20 ms)
        self._combo_key = key
        team = self.team_combo.currentData()
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem(self.tr("All teams"), None)
        for row in snap.teams.itertuples():
            self.team_combo.addItem(str(row.name), str(row.id))
        if snap.cards["team_id"].isna().any():
            self.team_combo.addItem(self.tr("No team"), UNSPECIFIED)
        self.team_combo.setCurrentIndex(max(0, self.team_combo.findData(team)))
        self.team_combo.blockSignals(False)
        self._fill_reps()

    def _fill_reps(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        rep = self.rep_combo.currentData()
        team = self.team_combo.currentData()
        self.rep_combo.blockSignals(True)
        self.rep_combo.clear()
        self.rep_combo.addItem(self.tr("All reps"), None)
        reps = snap.reps
        reps = reps[reps["active"] | (reps["open"] > 0)]
        if team == UNSPECIFIED:
            reps = reps[reps["team_id"].isna()]
        elif team is not None:
            reps = reps[reps["team_id"] == team]
        for row in reps.itertuples():
            label = str(row.name) if row.active else self.tr("{0} (inactive)").format(row.name)
            self.rep_combo.addItem(label, str(row.id))
        if team is None and snap.cards["rep_id"].isna().any():
            self.rep_combo.addItem(self.tr("No rep"), UNSPECIFIED)
        self.rep_combo.setCurrentIndex(max(0, self.rep_combo.findData(rep)))
        self.rep_combo.blockSignals(False)

    def _team_changed(self) -> None:
        self._fill_reps()
        self.apply_filter()

    # --- filtering --------------------------------------------------------------------------

    def _current_mask(self) -> np.ndarray:
        if self.snapshot is None:
            raise RuntimeError("the board is not loaded")
        self._mask = filter_mask(
            self.snapshot.cards, rep_id=self.rep_combo.currentData(), team_id=self.team_combo.currentData(),
            text=self.search_edit.text(),
        )
        return self._mask

    def apply_filter(self) -> None:
        if self.snapshot is None:
            return
        mask = self._current_mask()
        for column in self.columns:
            column.proxy.set_mask(mask[self.snapshot.block(column.stage)].tolist())
        self._update_headers()
        self._restore_selection(scroll=False)

    def clear_filters(self) -> None:
        for w in (self.team_combo, self.rep_combo, self.search_edit):
            w.blockSignals(True)
        self.team_combo.setCurrentIndex(0)
        self._fill_reps()
        self.rep_combo.setCurrentIndex(0)
        self.search_edit.clear()
        for w in (self.team_combo, self.rep_combo, self.search_edit):
            w.blockSignals(False)
        self.apply_filter()

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def _update_headers(self) -> None:
        snap = self.snapshot
        if snap is None:
            self._update_summary()
            return
        by_stage = snap.stages.to_dict("index")  # stage -> its row (plain Python values)
        history_read = self._data is not None  # the first board has no aging marks yet
        for column in self.columns:
            shown = column.proxy.rowCount()
            if column.stage == NO_STAGE:
                column.update_header(snap.unstaged, float("nan"), False, shown, float("nan"), False,
                                     history_read=history_read)
                continue
            row = by_stage[column.stage]
            if row["terminal"] == "won":  # a drop target while empty: narrower
                column.setMinimumWidth(DROP_COLUMN_MIN_WIDTH if row["count"] == 0 else COLUMN_MIN_WIDTH)
            column.update_header(int(row["count"]), float(row["wip_limit"]), bool(row["over_limit"]), shown,
                                 float(row["p85_days"]), row["terminal"] == "won", history_read=history_read)
        self._update_summary()

    def _update_summary(self) -> None:
        """The line above the columns alone (an update starting or an edit being recorded changes nothing else)."""
        snap = self.snapshot
        if snap is None:
            self.summary_label.setText(self.tr("Loading the board…") if self.updating else "")
            return
        self.summary_label.setText(self._summary(snap, self._data is not None))

    def _summary(self, snap: BoardSnapshot, history_read: bool) -> str:
        """The line above the board. Its label keeps room for the complete board's line with any of its endings
        (see ReservedLabel): the board below stays put when the aging marks arrive or an update ends."""
        total = len(snap.cards)
        shown = int(self._mask.sum()) if self._mask is not None else total
        aging = int(snap.cards["aging"].to_numpy()[self._mask].sum()) if self._mask is not None else 0
        over = int(snap.stages["over_limit"].sum())
        over_text = " · " + self.tr("%n stage(s) over the WIP limit", "", over) if over else ""

        def counted(aging_n: int | None) -> str:
            if total == 0:
                return self.tr("No open opportunities — import them on the Data page, or add one with “New "
                               "opportunity” (Ctrl+N).")
            if aging_n is None:  # the first board: how many are aging is not known yet (not "0 aging")
                return (self.tr("{0} open").format(formatting.count(total)) if shown == total else
                        self.tr("Showing {0} of {1} open").format(formatting.count(shown), formatting.count(total)))
            if shown == total:
                return self.tr("{0} open · {1} aging").format(formatting.count(total), formatting.count(aging_n))
            return self.tr("Showing {0} of {1} open · {2} aging").format(
                *(formatting.count(n) for n in (shown, total, aging_n)))

        endings = (self.tr("reading the history for the aging marks…"), self.tr("updating…"),
                   self.tr("recording the edit…"))
        widest = counted(shown) + over_text  # as many digits as the aging count can have
        self.summary_label.reserve(*(f"{widest} · {ending}" for ending in endings))
        text = counted(aging if history_read else None) + over_text
        if self.pending_edits:
            text += " · " + endings[2]
        elif self.updating:
            text += " · " + (endings[1] if history_read else endings[0])
        return text

    def _show_hint(self, message: str) -> None:
        self.hint_label.setText(message or self._hint_text)

    # --- navigation -------------------------------------------------------------------------

    def show_stage(self, pos: int) -> None:
        """Show one stage's column whole (filters cleared), scrolled into view, its longest-waiting card selected,
        with its WIP limit in the hint line when it is over it."""
        column = next((c for c in self.columns if c.stage == pos), None)
        if column is None or self.snapshot is None:
            return
        self.clear_filters()
        self.scroll_area.ensureWidgetVisible(column, 8, 0)
        first = column.proxy.index(0, 0)
        if first.isValid():
            self.select_card(str(first.data(CardRole.ID)))
        else:
            column.list.setFocus(Qt.FocusReason.OtherFocusReason)
        row = {str(k): v for k, v in self.snapshot.stages.loc[pos].to_dict().items()}
        if bool(row["over_limit"]):
            self._show_hint(self.tr("“{0}” holds %n open opportunities; its WIP limit is {1}.", "",
                                    int(row["count"])).format(row["name"], int(row["wip_limit"])))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(1280, 800)


__all__ = ["BoardView"]

"""The Board's selection and navigation: one selected card across the columns, the actions that follow it
(Move forward, Mark won/lost, History), the card's context menu, and showing an object or a stage that
another view points to.

A mixin of :class:`pdsa_desk.ui.views.board.BoardView` (split out of it: the view is the loading and the
columns). Its texts are translated in the view's context ("BoardView"), where they were extracted from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QMenu

from pdsa_desk.core.board import forward_stages
from pdsa_desk.ui.board_models import CardRole

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QScrollArea

    from pdsa_desk.core.board import BoardSnapshot
    from pdsa_desk.ui.board_records import BoardRecords
    from pdsa_desk.ui.board_widgets import BoardColumn
    from pdsa_desk.ui.views.base import View

    _Base = View
else:
    _Base = object


class BoardSelection(_Base):
    """Selection, actions and navigation of the Board (see the module docstring)."""

    if TYPE_CHECKING:
        snapshot: BoardSnapshot | None
        columns: list[BoardColumn]
        records: BoardRecords
        scroll_area: QScrollArea
        move_action: QAction
        won_action: QAction
        lost_action: QAction
        history_action: QAction
        _selected_id: str | None
        _syncing_selection: bool
        _pending_object: str | None

        def _show_hint(self, message: str) -> None: ...
        def clear_filters(self) -> None: ...
        def request_move(self, opp_id: str, target: int) -> None: ...
        def show_stage(self, pos: int) -> None: ...

    # --- selection --------------------------------------------------------------------------

    def _selection_changed(self, column: BoardColumn) -> None:
        if self._syncing_selection:
            return
        index = column.list.currentIndex()
        if column.list.selectionModel().isSelected(index) and index.isValid():
            self._syncing_selection = True
            for other in self.columns:
                if other is not column:
                    other.list.clearSelection()
                    other.list.selectionModel().clearCurrentIndex()
            self._syncing_selection = False
            self._selected_id = index.data(CardRole.ID)
        elif not any(c.list.selectionModel().hasSelection() for c in self.columns):
            self._selected_id = None
        self._update_actions()

    def selected_id(self) -> str | None:
        return self._selected_id

    def _find(self, opp_id: str) -> tuple[BoardColumn, int] | None:
        for column in self.columns:
            row = column.model.row_of(opp_id)
            if row is not None:
                return column, row
        return None

    def select_card(self, opp_id: str, *, scroll: bool = True, focus: bool = True) -> bool:
        found = self._find(opp_id)
        if found is None:
            return False
        column, row = found
        index = column.proxy.mapFromSource(column.model.index(row, 0))
        if not index.isValid():
            return False
        column.list.setCurrentIndex(index)
        column.list.selectionModel().select(index, column.list.selectionModel().SelectionFlag.ClearAndSelect)
        self._selected_id = opp_id
        if scroll:
            column.list.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
            self.scroll_area.ensureWidgetVisible(column, 8, 0)
        if focus:
            column.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_actions()
        return True

    def _restore_selection(self, scroll: bool = True) -> None:
        # A card that left the board (closed) or is hidden by the filter is no longer selected.
        wanted = self._selected_id
        if wanted is not None and not self.select_card(wanted, scroll=scroll, focus=False):
            self._selected_id = None
        self._update_actions()

    def _focus_neighbour(self, column: BoardColumn, step: int) -> None:
        i = self.columns.index(column) + step
        while 0 <= i < len(self.columns) and self.columns[i].proxy.rowCount() == 0:
            i += step
        if not 0 <= i < len(self.columns):
            return
        target = self.columns[i]
        row = min(max(column.list.currentIndex().row(), 0), target.proxy.rowCount() - 1)
        index = target.proxy.index(row, 0)
        target.list.setFocus(Qt.FocusReason.OtherFocusReason)
        target.list.setCurrentIndex(index)
        self.scroll_area.ensureWidgetVisible(target, 8, 0)

    def _card(self, opp_id: str | None) -> dict[str, Any] | None:
        if opp_id is None or self.snapshot is None:
            return None
        found = self._find(opp_id)
        if found is None:
            return None
        column, row = found
        index = column.model.index(row, 0)
        return {"id": opp_id, "name": index.data(), "stage": column.stage, "column": column,
                "rep": index.data(CardRole.REP), "amount": index.data(CardRole.AMOUNT)}

    def _update_actions(self) -> None:
        self.records.update_edit()
        card = self._card(self._selected_id)
        none = QCoreApplication.translate(
                "BoardView", "Select a card first (click it, or Tab to a column and use the arrow keys).")
        has_won_stage = self.snapshot is not None and (self.snapshot.stages["terminal"] == "won").any()
        if card is None:
            for action in (self.move_action, self.won_action, self.lost_action, self.history_action):
                action.setEnabled(False)
                action.setToolTip(none)
            return
        nxt = self._next_stage(card["stage"])
        self.move_action.setEnabled(nxt is not None)
        if nxt is None:
            self.move_action.setToolTip(QCoreApplication.translate(
                    "BoardView", "“{0}” is in the last stage; mark it won or lost.").format(
                card["name"]))
        else:
            self.move_action.setToolTip(QCoreApplication.translate(
                    "BoardView", "Move “{0}” to “{1}”, with the evidence seen (Ctrl+→)").format(
                card["name"], self._stage_name(nxt)))
        self.won_action.setEnabled(True)
        self.won_action.setToolTip(
            QCoreApplication.translate("BoardView", "Record that the customer signed (Ctrl+Shift+W)") if has_won_stage
            else QCoreApplication.translate("BoardView", "Close “{0}” as won (Ctrl+Shift+W)").format(card["name"]))
        self.lost_action.setEnabled(True)
        self.lost_action.setToolTip(QCoreApplication.translate(
                "BoardView", "Close “{0}” as lost, with a reason (Ctrl+Shift+L)").format(card["name"]))
        self.history_action.setEnabled(True)
        self.history_action.setToolTip(QCoreApplication.translate(
                "BoardView", "Stage moves of “{0}” and the evidence seen (Enter)").format(
            card["name"]))

    def _next_stage(self, stage: int) -> int | None:
        if self.snapshot is None:
            return None
        targets = forward_stages(self.snapshot.stages, stage)
        return targets[0] if targets else None

    def _stage_name(self, pos: int) -> str:
        if self.snapshot is None:
            raise RuntimeError("the board is not loaded")
        return str(self.snapshot.stages.loc[pos, "name"])

    def card_menu(self) -> QMenu:
        menu = QMenu(self)
        card = self._card(self._selected_id)
        if card is not None and self.snapshot is not None:
            targets = forward_stages(self.snapshot.stages, card["stage"])
            sub = menu.addMenu(QCoreApplication.translate("BoardView", "Move to"))
            sub.setEnabled(bool(targets))
            for pos in targets:
                act = sub.addAction(self._stage_name(pos))
                act.triggered.connect(lambda _c=False, p=pos, i=card["id"]: self.request_move(i, p))
        menu.addAction(self.move_action)
        menu.addSeparator()
        menu.addAction(self.won_action)
        menu.addAction(self.lost_action)
        menu.addSeparator()
        menu.addAction(self.records.edit_action)
        menu.addAction(self.history_action)
        return menu

    # --- navigation -------------------------------------------------------------------------

    def show_object(self, object_id: str) -> None:
        if self.snapshot is None or self.updating:  # shown once the board is there
            self._pending_object = object_id
            if not self.updating:
                self.refresh()
            return
        self._show_hint("")  # a hint left by the last navigation does not stay
        stage_ids = self.snapshot.stages["id"].astype(str).tolist()
        if object_id in stage_ids:  # a stage (an agenda's "Over the WIP limit" item)
            self.show_stage(stage_ids.index(object_id))
            return
        if self._find(object_id) is None:
            self._show_hint(QCoreApplication.translate(
                    "BoardView", "That opportunity is not open any more, so it is not on the board."))
            return
        if not self.select_card(object_id):
            self.clear_filters()
            self.select_card(object_id)

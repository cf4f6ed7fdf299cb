"""Board: stages as columns, open opportunities as cards; moves record the evidence seen.

Each column is a ``QListView`` over its own :class:`StageCardModel` (behind a
:class:`CardFilterProxy`) painted by :class:`CardDelegate`, so the board stays
quick with thousands of open opportunities. A card moves forward only (drag it
onto a later column, or press Ctrl+Right): a move records what the customer
did, and the confirmation shows the target stage's observable standard and
checklist so the user ticks the evidence actually seen. Every edit is a
``QUndoCommand`` on the shared undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core import services
from pdsa_desk.core.board import NO_STAGE, UNSPECIFIED, BoardSnapshot, filter_mask, forward_stages, load_board
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import EventOrigin, utcnow
from pdsa_desk.ui.board_models import (
    AGING_FILL,
    CardDelegate,
    CardFilterProxy,
    CardRole,
    StageCardModel,
    blend,
    decode_card,
    format_amount,
    local_date,
    local_datetime,
)
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.undo import ServiceCommand
from pdsa_desk.ui.views.base import View
from pdsa_desk.ui.widgets import error_colour

#: Six stage columns fit beside the main window's navigation at 1440 px; more scroll sideways.
COLUMN_MIN_WIDTH = 208
#: The won stage is a drop target (open cards rarely sit there), so it may be narrower.
DROP_COLUMN_MIN_WIDTH = 150


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_background(palette: QPalette) -> QColor:
    """The window colour tinted orange: legible with the palette's own text colour, light or dark."""
    return blend(palette.color(QPalette.ColorRole.Window), AGING_FILL, 0.55 if _is_dark(palette) else 0.45)


def report_problem(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user an edit could not be made (tests replace this)."""
    QMessageBox.warning(parent, title, message)


# --- undoable edits ---------------------------------------------------------------------------


def _report_refusal(title: str) -> Callable[[ValidationError], None]:
    return lambda exc: report_problem(QApplication.activeWindow(), title, exc.message)


class MoveCommand(ServiceCommand):
    """A stage move from the board (undo tombstones its event; redo brings the same event back)."""

    def __init__(self, ctx: AppContext, opp_id: str, stage_id: str, evidence: list[str], text: str) -> None:
        super().__init__(ctx, text, _report_refusal(text))
        self.opp_id, self.stage_id, self.evidence = opp_id, stage_id, list(evidence)
        self.move: services.Move | None = None

    def apply(self) -> None:
        self.move = services.move_opportunity(
            self.ctx.ws, self.opp_id, self.stage_id, evidence_items=self.evidence, entered_at=utcnow(),
            origin=EventOrigin.BOARD,
        )

    def reapply(self) -> None:
        assert self.move is not None
        services.redo_move(self.ctx.ws, self.move)

    def revert(self) -> None:
        assert self.move is not None
        services.undo_move(self.ctx.ws, self.move)


class CloseCommand(ServiceCommand):
    """Close an open opportunity as won or lost (undo reopens it; redo closes it again, same time)."""

    def __init__(self, ctx: AppContext, opp_id: str, text: str, *, reason_id: str | None = None,
                 won: bool = False) -> None:
        super().__init__(ctx, text, _report_refusal(text))
        self.opp_id, self.reason_id, self.won = opp_id, reason_id, won
        self.at = utcnow()

    def apply(self) -> None:
        if self.won:
            services.mark_won(self.ctx.ws, self.opp_id, at=self.at)
        else:
            services.mark_lost(self.ctx.ws, self.opp_id, self.reason_id, at=self.at)

    def revert(self) -> None:
        services.reopen(self.ctx.ws, self.opp_id)


# --- dialogs ----------------------------------------------------------------------------------


class _SubmitDialog(QDialog):
    """A dialog whose OK runs ``submit`` and stays open, with the message shown, if it is refused."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.submit: Callable[..., str | None] | None = None
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        self.error_label.setObjectName("errorLabel")
        pal = self.error_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, error_colour(pal))
        self.error_label.setPalette(pal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _values(self) -> tuple:
        return ()

    def accept(self) -> None:
        problem = self.submit(*self._values()) if self.submit is not None else None
        if problem:
            self.show_error(problem)
            return
        super().accept()


class MoveDialog(_SubmitDialog):
    """Confirm a stage move: the target stage's observable standard and its evidence checklist."""

    def __init__(self, opp_name: str, from_name: str | None, stage_name: str, standard: str,
                 checklist: list[str], *, skipped: list[str] | None = None, closes_won: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.setWindowTitle(self.tr("Mark won") if closes_won else self.tr("Move to {0}").format(stage_name))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        route = (self.tr("{0} → <b>{1}</b>").format(_esc(from_name), _esc(stage_name)) if from_name
                 else self.tr("into <b>{0}</b>").format(_esc(stage_name)))
        heading = QLabel(f"<b>{_esc(opp_name)}</b><br>{route}")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(heading)
        if skipped:
            note = QLabel(self.tr("This skips {0}; only the move into “{1}” is recorded.").format(
                ", ".join(f"“{s}”" for s in skipped), stage_name))
            note.setWordWrap(True)
            layout.addWidget(note)
        if closes_won:
            won = QLabel(self.tr("Entering this stage closes the opportunity as won."))
            won.setWordWrap(True)
            layout.addWidget(won)

        std_box = QGroupBox(self.tr("Observable standard of “{0}”").format(stage_name))
        std_layout = QVBoxLayout(std_box)
        self.standard_label = QLabel(standard or self.tr("No observable standard is written for this stage yet "
                                                         "(write one on the Standards page)."))
        self.standard_label.setWordWrap(True)
        self.standard_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        std_layout.addWidget(self.standard_label)
        layout.addWidget(std_box)

        ev_box = QGroupBox(self.tr("Evidence seen"))
        ev_layout = QVBoxLayout(ev_box)
        self.checkboxes: list[QCheckBox] = []
        if checklist:
            hint = QLabel(self.tr("Tick only what you saw or heard from the customer."))
            hint.setWordWrap(True)
            ev_layout.addWidget(hint)
        for item in checklist:
            box = QCheckBox(item)
            box.toggled.connect(self._update_status)
            self.checkboxes.append(box)
            ev_layout.addWidget(box)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("evidenceStatus")
        ev_layout.addWidget(self.status_label)
        layout.addWidget(ev_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Record as won") if closes_won else self.tr("Record move"))
        self._update_status()

    def checked_items(self) -> list[str]:
        return [b.text() for b in self.checkboxes if b.isChecked()]

    def confirmed(self) -> bool:
        return all(b.isChecked() for b in self.checkboxes)

    def _values(self) -> tuple:
        return (self.checked_items(),)

    def _update_status(self) -> None:
        n, total = len(self.checked_items()), len(self.checkboxes)
        if total == 0:
            text = self.tr("This stage has no evidence checklist; the move is recorded as it is.")
        elif n == total:
            text = self.tr("✔ All evidence seen: the move is recorded as confirmed.")
        elif n == 0:
            text = self.tr("<b>⚠ No evidence ticked:</b> the move is recorded as <b>unconfirmed</b>. "
                           "Record it only if the customer really did this.")
        else:
            text = self.tr("<b>⚠ {0} of {1} items seen:</b> the move is recorded as <b>unconfirmed</b>, "
                           "with the ticked items.").format(n, total)
        self.status_label.setText(text)


class LostDialog(_SubmitDialog):
    """Close as lost: a reason is required (losses without one teach nothing)."""

    def __init__(self, opp_name: str, reasons: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lostDialog")
        self.setWindowTitle(self.tr("Mark lost"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Why was <b>{0}</b> lost?").format(_esc(opp_name)))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.reason_combo = QComboBox()
        self.reason_combo.setPlaceholderText(self.tr("Choose a loss reason…"))
        for reason_id, name in reasons:
            self.reason_combo.addItem(name, reason_id)
        self.reason_combo.setCurrentIndex(-1)
        if not reasons:
            self.show_error(self.tr("No loss reasons are defined yet; add them on the Standards page first."))
            self.ok_button.setEnabled(False)
            self.ok_button.setToolTip(self.tr("Add a loss reason first"))
        self.reason_combo.currentIndexChanged.connect(lambda _i: self.show_error(""))
        layout.addWidget(self.reason_combo)
        layout.addWidget(self.error_label)
        hint = QLabel(self.tr("The card leaves the board. Undo (Ctrl+Z) reopens it."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.ok_button.setText(self.tr("Mark lost"))

    def reason_id(self) -> str | None:
        return self.reason_combo.currentData() if self.reason_combo.currentIndex() >= 0 else None

    def _values(self) -> tuple:
        return (self.reason_id(),)


class HistoryDialog(QDialog):
    """An opportunity's stage moves: when, which stage, the evidence ticked."""

    def __init__(self, title: str, facts: str, rows: list[tuple[str, str, str, str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of {0}").format(title))
        self.resize(760, min(460, 170 + 26 * max(len(rows), 2)))
        layout = QVBoxLayout(self)
        head = QLabel(f"<b>{_esc(title)}</b><br>{facts}")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("Entered"), self.tr("Stage"), self.tr("Evidence seen"),
                                   self.tr("Confirmed"), self.tr("Recorded by")])
        for row in rows:
            item = QTreeWidgetItem(list(row))
            item.setToolTip(2, row[2])
            self.tree.addTopLevelItem(item)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col in (0, 1, 3, 4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if not rows:
            layout.addWidget(QLabel(self.tr("No stage moves recorded yet.")))
        layout.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def _esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- columns ----------------------------------------------------------------------------------


class CardListView(QListView):
    """The cards of one column: drag source, forward-only drop target, keyboard moves."""

    card_dropped = Signal(str, int)  # opportunity id, target stage position
    drag_refused = Signal(str)
    drag_finished = Signal()
    history_requested = Signal()
    neighbour_requested = Signal(int)  # -1 = column to the left, +1 = to the right
    menu_requested = Signal(QPoint)  # global position

    def __init__(self, stage: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.empty_text = ""
        self._drop_state: str | None = None  # "ok" / "refused" while a card hovers
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)

    # drag and drop: forward only
    def _judge(self, event: QDragMoveEvent | QDragEnterEvent) -> bool:
        card = decode_card(event.mimeData())
        if card is None:
            event.ignore()
            self._set_drop_state(None)
            return False
        _opp, origin = card
        if self.stage > origin:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._set_drop_state("ok")
            return True
        event.ignore()
        if self.stage != origin:
            self._set_drop_state("refused")
            self.drag_refused.emit(self.tr("Cards only move forward: a stage move records what the customer did. "
                                           "Undo (Ctrl+Z) takes back a mistaken move."))
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt API
        self._judge(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 - Qt API
        self._judge(event)

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802 - Qt API
        self._set_drop_state(None)
        self.drag_finished.emit()
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt API
        card = decode_card(event.mimeData())
        ok = card is not None and self.stage > card[1]
        self._set_drop_state(None)
        self.drag_finished.emit()
        if not ok:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        assert card is not None
        # Let the drag finish before the dialog opens.
        QTimer.singleShot(0, self, lambda: self.card_dropped.emit(card[0], self.stage))

    def _set_drop_state(self, state: str | None) -> None:
        if state != self._drop_state:
            self._drop_state = state
            self.viewport().update()

    # keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key, mods = event.key(), event.modifiers()
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self.currentIndex().isValid():
            self.history_requested.emit()
            return
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and plain:
            self.neighbour_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        index = self.indexAt(event.pos())
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(event.globalPos())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        model = self.model()
        if (model is None or model.rowCount() == 0) and self.empty_text:
            painter = QPainter(self.viewport())
            pal = self.palette()
            painter.setPen(blend(pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window), 0.4))
            rect = self.viewport().rect().adjusted(16, 24, -16, -16)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                             | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
        if self._drop_state is not None:
            painter = QPainter(self.viewport())
            pal = self.palette()
            colour = (pal.color(QPalette.ColorRole.Highlight) if self._drop_state == "ok"
                      else error_colour(pal))
            painter.setPen(QPen(colour, 3, Qt.PenStyle.SolidLine if self._drop_state == "ok" else Qt.PenStyle.DashLine))
            painter.drawRect(self.viewport().rect().adjusted(1, 1, -2, -2))
            painter.end()


class _ElidedLabel(QLabel):
    """A one-line label that elides its text to the width it gets (the full text is its tooltip)."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        elided = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width())
        self.setText(elided)
        self.setToolTip(self.full_text if elided != self.full_text else "")


class BoardColumn(QFrame):
    """One stage: a header (name, count / WIP limit, warning when over) above its cards."""

    def __init__(self, stage: int, stage_id: str | None, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage, self.stage_id, self.name = stage, stage_id, name
        self.count = 0
        self.wip_limit: int | None = None
        self.over_limit = False
        self.setObjectName(f"column-{stage}")
        self.setMinimumWidth(COLUMN_MIN_WIDTH)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        window, text = pal.color(QPalette.ColorRole.Window), pal.color(QPalette.ColorRole.WindowText)
        pal.setColor(QPalette.ColorRole.Window, blend(window, text, 0.06))
        self.setPalette(pal)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        self.header = QFrame()
        self.header.setObjectName("columnHeader")
        self.header.setAutoFillBackground(True)
        grid = QGridLayout(self.header)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.name_label = _ElidedLabel(name)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setToolTip(self.tr("Open opportunities in this stage / its WIP limit"))
        self.shown_label = QLabel()
        self.shown_label.setObjectName("shownLabel")
        self.shown_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail_label = QLabel()
        self.detail_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        grid.addWidget(self.name_label, 0, 0, 1, 2)
        grid.addWidget(self.count_label, 1, 0)
        grid.addWidget(self.shown_label, 1, 1)
        grid.addWidget(self.detail_label, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        layout.addWidget(self.header)

        self.model = StageCardModel(stage, name, self)
        self.proxy = CardFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.list = CardListView(stage)
        self.list.setObjectName(f"cards-{stage}")
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(CardDelegate(self.list))
        layout.addWidget(self.list, 1)

    def count_text(self) -> str:
        return self.count_label.text()

    def update_header(self, count: int, wip_limit: float, over: bool, shown: int, p85: float,
                      terminal: bool) -> None:
        self.count = count
        self.wip_limit = None if wip_limit != wip_limit else int(wip_limit)
        self.over_limit = bool(over)
        limit = "—" if self.wip_limit is None else str(self.wip_limit)
        self.count_label.setText(("⚠ " if over else "") + f"<b>{count}</b> / {limit}")
        if terminal:
            flow = self.tr("closes as won")
        elif self.stage == NO_STAGE:
            flow = self.tr("opened without a stage")
        elif p85 == p85:
            flow = self.tr("85% move on within {0:.0f} d").format(p85)
        else:
            flow = self.tr("no completed visits yet")
        self.detail_label.setText(flow)
        self.shown_label.setText(self.tr("{0} shown").format(shown) if shown != count else "")

        if self.wip_limit is None:
            tip = self.tr("{0}: {1} open opportunities. No WIP limit is set for this stage.").format(self.name, count)
        elif over:
            tip = self.tr("{0}: {1} open opportunities, over the WIP limit of {2} by {3}. Finish or close work "
                          "here before pulling more in.").format(self.name, count, self.wip_limit,
                                                                 count - self.wip_limit)
        else:
            tip = self.tr("{0}: {1} open opportunities; WIP limit {2}.").format(self.name, count, self.wip_limit)
        if not terminal and self.stage != NO_STAGE:
            tip += "\n" + (self.tr("85% of past visits to this stage moved on within {0:.0f} days; cards in it "
                                    "longer are marked Aging.").format(p85) if p85 == p85
                           else self.tr("No completed visits yet, so no card is marked Aging here."))
        self.header.setToolTip(tip)
        self.header.setProperty("warning", self.over_limit)
        pal = self.palette()
        if over:
            pal.setColor(QPalette.ColorRole.Window, warning_background(pal))
        self.header.setPalette(pal)
        self.header.setAccessibleDescription(tip)


# --- the view ---------------------------------------------------------------------------------


class BoardView(View):
    """Kanban board of the open opportunities, one column per stage."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: BoardSnapshot | None = None
        self.columns: list[BoardColumn] = []
        self.active_dialog: QDialog | None = None
        self._data: object = None
        self._stage_key: tuple = ()
        self._selected_id: str | None = None
        self._mask: np.ndarray | None = None
        self._syncing_selection = False
        self._hint_text = self.tr(
            "Drag a card onto a later stage, or select it and press Ctrl+→. Cards only move forward: a move "
            "records what the customer did (undo a mistaken one with Ctrl+Z). Double-click a card for its history.")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)

        top = QHBoxLayout()
        title = QLabel(self.tr("<h2>Board</h2>"))
        top.addWidget(title)
        top.addStretch(1)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("boardSummary")
        top.addWidget(self.summary_label)
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
        self.search_edit.setMinimumWidth(260)
        bar.addWidget(self.search_edit, 1)
        bar.addSpacing(12)

        self.move_action = self._make_action(self.tr("Move forward…"), QKeySequence("Ctrl+Right"),
                                             self.move_selected_forward)
        self.won_action = self._make_action(self.tr("Mark won…"), QKeySequence("Ctrl+Shift+W"), self.mark_selected_won)
        self.lost_action = self._make_action(self.tr("Mark lost…"), QKeySequence("Ctrl+Shift+L"),
                                             self.mark_selected_lost)
        self.history_action = self._make_action(self.tr("History…"), None, self.show_selected_history)
        self.find_action = self._make_action(self.tr("Find"), QKeySequence.StandardKey.Find, self.focus_search)
        self.buttons: dict[str, QToolButton] = {}
        for key, action in (("move", self.move_action), ("won", self.won_action), ("lost", self.lost_action),
                            ("history", self.history_action)):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setObjectName(f"{key}Button")
            self.buttons[key] = button
            bar.addWidget(button)
        layout.addLayout(bar)

        self.hint_label = QLabel(self._hint_text)
        self.hint_label.setObjectName("boardHint")
        self.hint_label.setWordWrap(True)
        pal = self.hint_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, blend(pal.color(QPalette.ColorRole.WindowText),
                                                         pal.color(QPalette.ColorRole.Window), 0.3))
        self.hint_label.setPalette(pal)
        layout.addWidget(self.hint_label)

        self.scroll = QScrollArea()
        self.scroll.setObjectName("boardScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.canvas = QWidget()
        self.columns_layout = QHBoxLayout(self.canvas)
        self.columns_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_layout.setSpacing(6)
        self.scroll.setWidget(self.canvas)
        layout.addWidget(self.scroll, 1)

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

    def _make_action(self, text: str, shortcut: object, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)  # type: ignore[arg-type]
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    # --- loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        data = self.ctx.analysis()
        self._data = data
        snap = load_board(self.ctx.ws, data)
        self.snapshot = snap
        self._rebuild_columns(snap)
        self._fill_combos(snap)
        mask = self._current_mask()
        self._syncing_selection = True  # resets clear the selections; the card is selected again below
        try:
            for column in self.columns:
                block = snap.block(column.stage)
                column.proxy.set_mask(mask[block].tolist(), refilter=False)
                column.model.set_cards(snap.cards.iloc[block], column.name)
        finally:
            self._syncing_selection = False
        self._update_headers()
        self._restore_selection()

    def _on_data_changed(self) -> None:
        if self.isVisible():
            QTimer.singleShot(0, self, self._refresh_if_stale)

    def _refresh_if_stale(self) -> None:
        # The main window may already have refreshed this view for the same change.
        if self.isVisible() and self.ctx.analysis() is not self._data:
            self.refresh()

    def _rebuild_columns(self, snap: BoardSnapshot) -> None:
        stages = snap.stages
        key = (tuple(stages["id"]), tuple(stages["name"]), snap.unstaged > 0)
        has_stages = len(stages) > 0
        self.scroll.setVisible(has_stages)
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
            lst.doubleClicked.connect(lambda index: self.show_history(index.data(CardRole.ID)))
            lst.neighbour_requested.connect(lambda step, c=column: self._focus_neighbour(c, step))
            lst.selectionModel().selectionChanged.connect(lambda *_a, c=column: self._selection_changed(c))
            lst.selectionModel().currentChanged.connect(lambda *_a, c=column: self._selection_changed(c))
            self.columns.append(column)
            self.columns_layout.addWidget(column, 1)

    def _fill_combos(self, snap: BoardSnapshot) -> None:
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
        assert self.snapshot is not None
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
            return
        for column in self.columns:
            shown = column.proxy.rowCount()
            if column.stage == NO_STAGE:
                column.update_header(snap.unstaged, float("nan"), False, shown, float("nan"), False)
                continue
            row = snap.stages.loc[column.stage]
            if row["terminal"] == "won":  # a drop target while empty: narrower
                column.setMinimumWidth(DROP_COLUMN_MIN_WIDTH if row["count"] == 0 else COLUMN_MIN_WIDTH)
            column.update_header(int(row["count"]), float(row["wip_limit"]), bool(row["over_limit"]), shown,
                                 float(row["p85_days"]), row["terminal"] == "won")
        total = len(snap.cards)
        shown = int(self._mask.sum()) if self._mask is not None else total
        aging = int(snap.cards["aging"].to_numpy()[self._mask].sum()) if self._mask is not None else 0
        over = int(snap.stages["over_limit"].sum())
        if total == 0:
            text = self.tr("No open opportunities — import them on the Data page, or add them to a stage.")
        elif shown == total:
            text = self.tr("{0} open · {1} aging").format(total, aging)
        else:
            text = self.tr("Showing {0} of {1} open · {2} aging").format(shown, total, aging)
        if over:
            text += " · " + self.tr("{0} stage(s) over the WIP limit").format(over)
        self.summary_label.setText(text)

    def _show_hint(self, message: str) -> None:
        self.hint_label.setText(message or self._hint_text)

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
            self.scroll.ensureWidgetVisible(column, 8, 0)
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
        self.scroll.ensureWidgetVisible(target, 8, 0)

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
        card = self._card(self._selected_id)
        none = self.tr("Select a card first (click it, or Tab to a column and use the arrow keys).")
        has_won_stage = self.snapshot is not None and (self.snapshot.stages["terminal"] == "won").any()
        if card is None:
            for action in (self.move_action, self.won_action, self.lost_action, self.history_action):
                action.setEnabled(False)
                action.setToolTip(none)
            return
        nxt = self._next_stage(card["stage"])
        self.move_action.setEnabled(nxt is not None)
        if nxt is None:
            self.move_action.setToolTip(self.tr("“{0}” is in the last stage; mark it won or lost.").format(card["name"]))
        else:
            self.move_action.setToolTip(self.tr("Move “{0}” to “{1}”, with the evidence seen (Ctrl+→)").format(
                card["name"], self._stage_name(nxt)))
        self.won_action.setEnabled(True)
        self.won_action.setToolTip(
            self.tr("Record that the customer signed (Ctrl+Shift+W)") if has_won_stage
            else self.tr("Close “{0}” as won (Ctrl+Shift+W)").format(card["name"]))
        self.lost_action.setEnabled(True)
        self.lost_action.setToolTip(self.tr("Close “{0}” as lost, with a reason (Ctrl+Shift+L)").format(card["name"]))
        self.history_action.setEnabled(True)
        self.history_action.setToolTip(self.tr("Stage moves of “{0}” and the evidence seen (Enter)").format(
            card["name"]))

    def _next_stage(self, stage: int) -> int | None:
        if self.snapshot is None:
            return None
        targets = forward_stages(self.snapshot.stages, stage)
        return targets[0] if targets else None

    def _stage_name(self, pos: int) -> str:
        assert self.snapshot is not None
        return str(self.snapshot.stages.loc[pos, "name"])

    def card_menu(self) -> QMenu:
        menu = QMenu(self)
        card = self._card(self._selected_id)
        if card is not None and self.snapshot is not None:
            targets = forward_stages(self.snapshot.stages, card["stage"])
            sub = menu.addMenu(self.tr("Move to"))
            sub.setEnabled(bool(targets))
            for pos in targets:
                act = sub.addAction(self._stage_name(pos))
                act.triggered.connect(lambda _c=False, p=pos, i=card["id"]: self.request_move(i, p))
        menu.addAction(self.move_action)
        menu.addSeparator()
        menu.addAction(self.won_action)
        menu.addAction(self.lost_action)
        menu.addSeparator()
        menu.addAction(self.history_action)
        return menu

    # --- edits ------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        if self.active_dialog is not None:
            self.active_dialog.close()
        self.active_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def forget(_result: int = 0, d: QDialog = dialog) -> None:
            if self.active_dialog is d:
                self.active_dialog = None

        dialog.finished.connect(forget)
        dialog.open()

    def move_selected_forward(self) -> None:
        card = self._card(self._selected_id)
        if card is None:
            return
        nxt = self._next_stage(card["stage"])
        if nxt is not None:
            self.request_move(card["id"], nxt)

    def request_move(self, opp_id: str, target: int) -> None:
        """Open the confirmation for moving a card into the stage at position ``target``."""
        card = self._card(opp_id)
        if card is None or self.snapshot is None:
            return
        if target <= card["stage"]:
            self._show_hint(self.tr("Cards only move forward: a stage move records what the customer did."))
            return
        stage_id = str(self.snapshot.stages.loc[target, "id"])
        stage = next((s for s in services.list_stages(self.ctx.ws) if s.id == stage_id), None)
        if stage is None:
            self.refresh()
            return
        from_name = self._stage_name(card["stage"]) if card["stage"] >= 0 else None
        skipped = [self._stage_name(p) for p in range(card["stage"] + 1, target)]
        dialog = MoveDialog(card["name"], from_name, stage.name, stage.standard, list(stage.checklist),
                            skipped=skipped, closes_won=stage.terminal == "won", parent=self)
        text = self.tr("Move “{0}” to {1}").format(card["name"], stage.name)
        dialog.submit = lambda items: self._push(MoveCommand(self.ctx, opp_id, stage_id, items, text), opp_id)
        self._open(dialog)

    def mark_selected_won(self) -> None:
        card = self._card(self._selected_id)
        if card is None or self.snapshot is None:
            return
        won = np.flatnonzero(self.snapshot.stages["terminal"].to_numpy() == "won")
        if len(won) and int(won[0]) > card["stage"]:
            # Winning is entering the won stage: the move records the evidence (the signed order form).
            self.request_move(card["id"], int(won[0]))
            return
        problem = self._push(CloseCommand(self.ctx, card["id"], self.tr("Mark “{0}” won").format(card["name"]),
                                          won=True), None)
        if problem:
            report_problem(self, self.tr("Mark won"), problem)

    def mark_selected_lost(self) -> None:
        card = self._card(self._selected_id)
        if card is None:
            return
        reasons = [(r.id, r.name) for r in services.list_loss_reasons(self.ctx.ws)]
        dialog = LostDialog(card["name"], reasons, parent=self)
        text = self.tr("Mark “{0}” lost").format(card["name"])

        def submit(reason_id: str | None) -> str | None:
            return self._push(CloseCommand(self.ctx, card["id"], text, reason_id=reason_id), None)

        dialog.submit = submit
        self._open(dialog)

    def _push(self, command: ServiceCommand, follow: str | None) -> str | None:
        """Apply, push and announce an edit; the refusal message if it was refused."""
        try:
            command.apply()
        except ValidationError as exc:
            return exc.message
        self.ctx.undo_stack.push(command)
        if follow is not None:
            self._selected_id = follow
        self.ctx.notify_changed()
        return None

    # --- history ----------------------------------------------------------------------------

    def show_selected_history(self) -> None:
        if self._selected_id is not None:
            self.show_history(self._selected_id)

    def show_history(self, opp_id: str | None) -> None:
        if not opp_id:
            return
        names = {s.id: s.name for s in services.list_stages(self.ctx.ws)}
        rows = []
        for ev in services.history(self.ctx.ws, opp_id):
            rows.append((
                local_datetime(ev.entered_at),
                names.get(ev.stage_id, self.tr("(deleted stage)")),
                ", ".join(ev.evidence_items) or self.tr("none ticked"),
                self.tr("yes") if ev.evidence_confirmed else self.tr("no"),
                {"board": self.tr("board"), "import": self.tr("import"), "merge": self.tr("merge"),
                 "demo": self.tr("demo data")}.get(ev.origin, ev.origin),
            ))
        card = self._card(opp_id)
        title = card["name"] if card else self.tr("Opportunity")
        facts = []
        if card is not None:
            facts.append(_esc(card["rep"] or self.tr("No rep")))
            if card["amount"] is not None:
                facts.append(format_amount(card["amount"]))
            if self.snapshot is not None:
                cards = self.snapshot.cards
                hit = cards.index[cards["id"] == opp_id]
                if len(hit):
                    facts.append(self.tr("opened {0}").format(local_date(cards.loc[hit[0], "opened_at"])))
                    if card["stage"] >= 0:
                        facts.append(self.tr("in “{0}” for {1} d").format(
                            _esc(self._stage_name(card["stage"])), int(cards.loc[hit[0], "days_in_stage"])))
        self._open(HistoryDialog(title, " · ".join(facts), rows, parent=self))

    # --- navigation -------------------------------------------------------------------------

    def show_object(self, object_id: str) -> None:
        if self.snapshot is None:
            self.refresh()
        if self._find(object_id) is None:
            self._show_hint(self.tr("That opportunity is not open any more, so it is not on the board."))
            return
        if not self.select_card(object_id):
            self.clear_filters()
            self.select_card(object_id)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(1280, 800)


__all__ = [
    "BoardColumn",
    "BoardView",
    "CardListView",
    "CloseCommand",
    "HistoryDialog",
    "LostDialog",
    "MoveCommand",
    "MoveDialog",
]

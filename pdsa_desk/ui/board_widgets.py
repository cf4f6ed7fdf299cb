"""The board's columns: a stage header above a list of cards that accepts forward drops only."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.board import NO_STAGE
from pdsa_desk.ui import formatting
from pdsa_desk.ui.board_models import AGING_FILL, CardDelegate, CardFilterProxy, StageCardModel, blend, decode_card
from pdsa_desk.ui.widgets import ReservedLabel, error_colour

#: Five stage columns and the won column fit beside the navigation at 1366 px; more scroll sideways.
COLUMN_MIN_WIDTH = 188
#: The won stage is a drop target (open cards rarely sit there), so it may be narrower.
DROP_COLUMN_MIN_WIDTH = 150


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_background(palette: QPalette) -> QColor:
    """The window colour tinted orange: legible with the palette's own text colour, light or dark."""
    return blend(palette.color(QPalette.ColorRole.Window), AGING_FILL, 0.55 if _is_dark(palette) else 0.45)


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
        self._set_drop_state(None)
        self.drag_finished.emit()
        if card is None or self.stage <= card[1]:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
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
        # A longer language takes a second line rather than being cut; as tall as its longest text (the first
        # board says the history is being read, the complete one how long cards stay), so that the cards below
        # stay where they are when the complete board arrives, and start at the same height in every column.
        self.detail_label = ReservedLabel()
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
                      terminal: bool, *, history_read: bool = True) -> None:
        """``history_read`` False: the first board, read before the stage history (``p85`` not known yet)."""
        self.count = count
        loc = formatting.locale()  # one QLocale for the header's numbers (each formatting.count makes its own)

        def num(value: float) -> str:  # formatting.count of a finite number
            return str(loc.toString(round(value)))

        self.wip_limit = None if math.isnan(wip_limit) else int(wip_limit)
        self.over_limit = bool(over)
        limit = "—" if self.wip_limit is None else str(self.wip_limit)
        self.count_label.setText(("⚠ " if over else "") + f"<b>{count}</b> / {limit}")
        reading = self.tr("reading the history…")
        typical = self.tr("85% move on within {0} d").format(num(999))
        none_yet = self.tr("no completed visits yet")
        if terminal:
            flow = self.tr("closes as won")
        elif self.stage == NO_STAGE:
            flow = self.tr("opened without a stage")
        elif not history_read:
            flow = reading
        elif not math.isnan(p85):
            flow = self.tr("85% move on within {0} d").format(num(p85))
        else:
            flow = none_yet
        self.detail_label.reserve(reading, typical, none_yet)
        self.detail_label.setText(flow)
        self.shown_label.setText(self.tr("{0} shown").format(num(shown)) if shown != count else "")

        if self.wip_limit is None:
            tip = self.tr("{0}: {1} open opportunities. No WIP limit is set for this stage.").format(
                self.name, num(count))
        elif over:
            tip = self.tr("{0}: {1} open opportunities, over the WIP limit of {2} by {3}. Finish or close work "
                          "here before pulling more in.").format(self.name, num(count),
                                                                 num(self.wip_limit),
                                                                 num(count - self.wip_limit))
        else:
            tip = self.tr("{0}: {1} open opportunities; WIP limit {2}.").format(self.name, num(count),
                                                                           num(self.wip_limit))
        if not terminal and self.stage != NO_STAGE and not history_read:
            tip += "\n" + self.tr("The aging marks come once the stage history is read.")
        elif not terminal and self.stage != NO_STAGE:
            tip += "\n" + (self.tr("85% of past visits to this stage moved on within {0} days; cards in it "
                                    "longer are marked Aging.").format(num(p85)) if not math.isnan(p85)
                           else self.tr("No completed visits yet, so no card is marked Aging here."))
        self.header.setToolTip(tip)
        self.header.setProperty("warning", self.over_limit)
        pal = self.palette()
        if over:
            pal.setColor(QPalette.ColorRole.Window, warning_background(pal))
        self.header.setPalette(pal)
        self.header.setAccessibleDescription(tip)

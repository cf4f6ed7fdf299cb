"""Item models and the card delegate of the Board view.

One :class:`StageCardModel` per stage column adapts a block of
:attr:`pdsa_desk.core.board.BoardSnapshot.cards` (plain Python lists, so that
``data()`` is a list lookup); a :class:`CardFilterProxy` per column hides the
cards the filter bar rejects (the mask is computed once, vectorised, by
:func:`pdsa_desk.core.board.filter_mask`); :class:`CardDelegate` paints the
cards with uniform sizes, so that thousands of cards cost nothing until they
are scrolled into view.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

import pandas as pd
from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pdsa_desk.ui import formatting
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.palette import OKABE_ITO

#: Drag-and-drop payload of a card: JSON ``{"id": opportunity id, "stage": position}``.
CARD_MIME = "application/x-pdsa-desk-card"

#: Badge colours: Okabe-Ito orange with black text reads well on light and dark palettes alike.
AGING_FILL = QColor(OKABE_ITO["orange"])
AGING_TEXT = QColor("#000000")

AnyIndex = QModelIndex | QPersistentModelIndex


class CardRole(IntEnum):
    """Raw values of a card (``ID`` is ``Qt.UserRole``: the opportunity id)."""

    ID = Qt.ItemDataRole.UserRole
    REP = Qt.ItemDataRole.UserRole + 1
    AMOUNT = Qt.ItemDataRole.UserRole + 2
    DAYS = Qt.ItemDataRole.UserRole + 3
    AGING = Qt.ItemDataRole.UserRole + 4
    P85 = Qt.ItemDataRole.UserRole + 5
    STAGE = Qt.ItemDataRole.UserRole + 6
    REP_ID = Qt.ItemDataRole.UserRole + 7
    ENTERED = Qt.ItemDataRole.UserRole + 8



def format_amount(amount: float | None) -> str:
    """A card's amount in the workspace currency ("" when it has none)."""
    return formatting.amount(amount)


def local_date(when: Any) -> str:
    """A UTC time (pandas/datetime; naive = UTC) as its local date, in the short style of tables."""
    return formatting.date_short(_moment(when))


def local_datetime(when: Any) -> str:
    """A UTC time (pandas/datetime; naive = UTC) in local time, short date and time."""
    return formatting.date_time(_moment(when))


def _moment(when: Any) -> Any:
    ts = pd.Timestamp(when)
    if pd.isna(ts):
        return None
    return (ts.tz_localize("UTC") if ts.tz is None else ts).to_pydatetime()


def elide_name(fm: QFontMetrics, name: str, width: int) -> str:
    """A card title that fits ``width``. A last word that is a number ("#04164", "2027"), which tells similar
    names apart, is kept whole and the words before it are cut ("Cyberdyne analy… #03986"); other names are cut
    at the end."""
    if fm.horizontalAdvance(name) <= width:
        return name
    head, _, last = name.rpartition(" ")
    if head and any(ch.isdigit() for ch in last) and fm.horizontalAdvance(" " + last) < width // 2:
        tail = " " + last
        return fm.elidedText(head, Qt.TextElideMode.ElideRight, width - fm.horizontalAdvance(tail)) + tail
    return fm.elidedText(name, Qt.TextElideMode.ElideRight, width)


def format_days(days: float) -> str:
    return tr("{0} d in stage").format(int(days))


class StageCardModel(QAbstractListModel):
    """The open opportunities of one stage column, longest in stage first."""

    def __init__(self, stage: int, stage_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.stage_name = stage_name
        self._ids: list[str] = []
        self._names: list[str] = []
        self._reps: list[str | None] = []
        self._rep_ids: list[str | None] = []
        self._amounts: list[float | None] = []
        self._days: list[float] = []
        self._p85: list[float | None] = []
        self._aging: list[bool] = []
        self._entered: list[int] = []
        self._row_of: dict[str, int] = {}

    # --- loading ----------------------------------------------------------------------------
    def set_cards(self, cards: pd.DataFrame, stage_name: str | None = None) -> None:
        """Replace every card with the rows of ``cards`` (a block of ``BoardSnapshot.cards``)."""
        self.beginResetModel()
        if stage_name is not None:
            self.stage_name = stage_name
        self._ids = cards["id"].tolist()
        self._names = cards["name"].tolist()
        self._reps = cards["rep_name"].tolist()
        self._rep_ids = cards["rep_id"].tolist()
        self._amounts = [None if pd.isna(a) else a for a in cards["amount"].tolist()]
        self._days = cards["days_in_stage"].tolist()
        self._p85 = [None if pd.isna(p) else p for p in cards["p85_days"].tolist()]
        self._aging = cards["aging"].tolist()
        self._entered = pd.DatetimeIndex(cards["entered_at"]).as_unit("ns").asi8.tolist()  # UTC ns
        self._row_of = {opp_id: i for i, opp_id in enumerate(self._ids)}
        self.endResetModel()

    def row_of(self, opp_id: str) -> int | None:
        return self._row_of.get(opp_id)

    def opportunity_id(self, row: int) -> str:
        return self._ids[row]

    def aging_count(self) -> int:
        return sum(self._aging)

    # --- QAbstractItemModel -----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._ids)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._ids):
            return None
        r = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._names[r]
        if role == CardRole.ID:
            return self._ids[r]
        if role == CardRole.REP:
            return self._reps[r]
        if role == CardRole.AMOUNT:
            return self._amounts[r]
        if role == CardRole.DAYS:
            return self._days[r]
        if role == CardRole.AGING:
            return self._aging[r]
        if role == CardRole.P85:
            return self._p85[r]
        if role == CardRole.STAGE:
            return self.stage
        if role == CardRole.REP_ID:
            return self._rep_ids[r]
        if role == CardRole.ENTERED:
            return pd.Timestamp(self._entered[r], unit="ns", tz="UTC").to_pydatetime()
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(r)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._summary(r)
        return None

    def _summary(self, r: int) -> str:
        parts = [self._names[r], self._reps[r] or tr("no rep"), format_days(self._days[r])]
        if self._aging[r]:
            parts.append(tr("aging"))
        return ", ".join(parts)

    def _tooltip(self, r: int) -> str:
        lines = [f"<b>{_escape(self._names[r])}</b>"]
        rep = self._reps[r] or tr("No rep assigned")
        amount = format_amount(self._amounts[r])
        lines.append(_escape(rep) + (f" · {amount}" if amount else ""))
        since = local_date(pd.Timestamp(self._entered[r], unit="ns", tz="UTC"))
        lines.append(tr("In “{0}” since {1} ({2} days)").format(_escape(self.stage_name), since, int(self._days[r])))
        p85 = self._p85[r]
        if self._aging[r] and p85 is not None:
            lines.append(
                tr("<b>Aging:</b> 85% of past visits to this stage moved on within {0} days.").format(
                    formatting.count(p85))
            )
        lines.append(tr("<i>Double-click to edit it, Enter for its history; Ctrl+→ moves it to the next stage.</i>"))
        return "<br>".join(lines)

    # --- drag and drop ----------------------------------------------------------------------
    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [CARD_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt API
        mime = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            payload = {"id": self._ids[rows[0]], "stage": self.stage}
            mime.setData(CARD_MIME, QByteArray(json.dumps(payload).encode()))
            mime.setText(self._names[rows[0]])
        return mime

    def canDropMimeData(self, *_args: Any) -> bool:  # noqa: N802 - Qt API
        return False  # the view decides (forward moves only) and records the move through a dialog

    def dropMimeData(self, *_args: Any) -> bool:  # noqa: N802 - Qt API
        return False


def decode_card(mime: QMimeData) -> tuple[str, int] | None:
    """``(opportunity id, stage position)`` of a dragged card, or None for other payloads."""
    if not mime.hasFormat(CARD_MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(CARD_MIME).data()).decode())
        return str(payload["id"]), int(payload["stage"])
    except (ValueError, KeyError, TypeError):
        return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class CardFilterProxy(QSortFilterProxyModel):
    """Shows the cards whose flag in the mask is set (no mask = all)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mask: list[bool] | None = None

    def set_mask(self, mask: list[bool] | None, *, refilter: bool = True) -> None:
        """Use this mask (one flag per source row). With ``refilter=False`` the caller is about to
        reset the source model, which filters again anyway."""
        if not refilter:
            self._mask = mask
            return
        if mask == self._mask:
            return  # the same rows pass: filtering again would call filterAcceptsRow for every card
        self.beginFilterChange()
        self._mask = mask
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802 - Qt API
        mask = self._mask
        return mask is None or (source_row < len(mask) and mask[source_row])


class CardDelegate(QStyledItemDelegate):
    """Paints a card: name; rep · amount; days in stage, and an aging badge."""

    PAD = 8
    MARGIN_X = 6
    MARGIN_Y = 3
    RADIUS = 6.0
    STRIPE = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._size_key: tuple | None = None
        self._size = QSize(200, 72)

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802 - Qt API
        key = (option.font.key(),)
        if key != self._size_key:
            bold, normal = self._fonts(option)
            h = QFontMetrics(bold).height() + 2 * QFontMetrics(normal).height() + 2 * 3
            self._size = QSize(200, h + 2 * self.PAD + 2 * self.MARGIN_Y)
            self._size_key = key
        return self._size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        active = bool(option.state & QStyle.StateFlag.State_Active)
        base = pal.color(QPalette.ColorRole.Base)
        text = pal.color(QPalette.ColorRole.Text)
        highlight = pal.color(QPalette.ColorRole.Highlight)
        card = QRectF(option.rect).adjusted(self.MARGIN_X, self.MARGIN_Y, -self.MARGIN_X, -self.MARGIN_Y)
        fill = blend(base, highlight, 0.22 if active else 0.12) if selected else base
        border = highlight if selected else blend(base, text, 0.25)
        painter.setPen(QPen(border, 2.0 if selected else 1.0))
        painter.setBrush(fill)
        painter.drawRoundedRect(card.adjusted(0.5, 0.5, -0.5, -0.5), self.RADIUS, self.RADIUS)

        aging = bool(index.data(CardRole.AGING))
        if aging:  # a stripe on the left as well as the badge: colour is never the only cue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(AGING_FILL)
            stripe = QRectF(card.left() + 1.5, card.top() + 5, self.STRIPE, card.height() - 10)
            painter.drawRoundedRect(stripe, 2, 2)

        bold, normal = self._fonts(option)
        fm_b, fm_n = QFontMetrics(bold), QFontMetrics(normal)
        inner = card.toAlignedRect().adjusted(self.PAD + 2, self.PAD - 1, -self.PAD, -self.PAD)
        muted = blend(text, fill, 0.35)

        y = inner.top()
        painter.setFont(bold)
        painter.setPen(text)
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(QRect(inner.left(), y, inner.width(), fm_b.height()), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, elide_name(fm_b, name, inner.width()))
        y += fm_b.height() + 3

        painter.setFont(normal)
        rep = index.data(CardRole.REP) or tr("No rep")
        amount = format_amount(index.data(CardRole.AMOUNT))
        amount_w = fm_n.horizontalAdvance(amount) if amount else 0
        painter.setPen(muted)
        rep_w = inner.width() - (amount_w + 12 if amount else 0)
        painter.drawText(QRect(inner.left(), y, rep_w, fm_n.height()), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, fm_n.elidedText(str(rep), Qt.TextElideMode.ElideRight, rep_w))
        if amount:
            painter.setPen(text)
            painter.drawText(QRect(inner.right() - amount_w, y, amount_w + 1, fm_n.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, amount)
        y += fm_n.height() + 3

        days = index.data(CardRole.DAYS) or 0.0
        painter.setPen(text if aging else muted)
        painter.drawText(QRect(inner.left(), y, inner.width(), fm_n.height()), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, format_days(days))
        if aging:
            label = tr("Aging")
            small = QFont(normal)
            small.setBold(True)
            small.setPointSizeF(max(6.0, normal.pointSizeF() * 0.85))
            fm_s = QFontMetrics(small)
            w = fm_s.horizontalAdvance(label) + 12
            h = fm_n.height()
            pill = QRectF(inner.right() - w, y, w, h)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(AGING_FILL)
            painter.drawRoundedRect(pill, h / 2, h / 2)
            painter.setFont(small)
            painter.setPen(AGING_TEXT)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

        if option.state & QStyle.StateFlag.State_HasFocus and not selected:
            painter.setPen(QPen(highlight, 1.0, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card.adjusted(2, 2, -2, -2), self.RADIUS, self.RADIUS)
        painter.restore()


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved ``t`` of the way towards ``b``."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    )


"""The opportunities table beside the Board's columns ("Cards | Table"): every opportunity, open or closed,
sortable by any column and filtered by a search over name, rep, stage and outcome and by outcome.

The rows are computed on the worker thread from the analysis snapshot
(:func:`pdsa_desk.core.opportunity_list.opportunity_rows`). :class:`OpportunityTableModel` keeps them as
numpy arrays: sorting is a vectorised ``argsort`` in the model (the proxy forwards ``sort``), and the
filter is a boolean mask computed at once with pandas, so that 200,000 rows sort and filter without a
Python call per comparison.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from pdsa_desk.ui.board_models import format_amount, local_date
from pdsa_desk.ui.i18n import tr

AnyIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole

#: (frame column, header) in the order shown.
SHOWN = (("name", "Name"), ("rep_name", "Rep"), ("team_name", "Team"), ("stage_name", "Stage"),
         ("outcome", "Outcome"), ("loss_reason", "Loss reason"), ("amount", "Amount"), ("channel", "Channel"),
         ("opened_at", "Opened"), ("closed_at", "Closed"))
#: What a column sorts by, where that is not the text shown.
SORT_BY = {"stage_name": "stage", "amount": "amount", "opened_at": "opened_at", "closed_at": "closed_at"}


def outcome_label(outcome: str) -> str:
    return {"open": tr("open"), "won": tr("won"), "lost": tr("lost")}.get(outcome, outcome)


def _header(key: str) -> str:
    return {"Name": tr("Name"), "Rep": tr("Rep"), "Team": tr("Team"), "Stage": tr("Stage"),
            "Outcome": tr("Outcome"), "Loss reason": tr("Loss reason"), "Amount": tr("Amount"),
            "Channel": tr("Channel"), "Opened": tr("Opened"), "Closed": tr("Closed")}[key]


class OpportunityTableModel(QAbstractTableModel):
    """The rows of :func:`~pdsa_desk.core.opportunity_list.opportunity_rows`, in the current sort order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.frame = pd.DataFrame()
        self.order = np.zeros(0, dtype=np.int64)  # row -> frame row
        self.sort_key: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self._search = pd.Series(dtype=object)

    def set_rows(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.frame = frame.reset_index(drop=True)
        labels = self.frame["outcome"].map(outcome_label) if len(self.frame) else pd.Series(dtype=object)
        parts = [self.frame[c].fillna("").astype(str) for c in ("name", "rep_name", "stage_name")] if len(
            self.frame) else []
        self._search = (parts[0] + "\n" + parts[1] + "\n" + parts[2] + "\n" + labels).str.lower() if parts \
            else pd.Series(dtype=object)
        self.order = self._sorted(*self.sort_key)
        self.endResetModel()

    def _sorted(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        n = len(self.frame)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        key = SHOWN[column][0]
        values = self.frame[SORT_BY.get(key, key)]
        if values.dtype == object:
            values = values.fillna("").astype(str).str.lower()
        ranks = np.asarray(values.rank(method="first", na_option="bottom").to_numpy(), dtype=float)
        idx = np.argsort(ranks, kind="stable")
        if order == Qt.SortOrder.DescendingOrder:
            idx = idx[::-1]
        return idx.astype(np.int64)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SHOWN):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_key = (column, order)
        self.order = self._sorted(column, order)
        self.layoutChanged.emit()

    def mask(self, text: str, outcome: str | None) -> list[bool]:
        """Which rows (in the current order) the search ``text`` and ``outcome`` keep."""
        keep = np.ones(len(self.frame), dtype=bool)
        words = text.lower().split()
        for word in words:
            keep &= self._search.str.contains(word, regex=False).to_numpy(dtype=bool)
        if outcome:
            keep &= (self.frame["outcome"] == outcome).to_numpy(dtype=bool)
        return keep[self.order].tolist()

    def opp_id(self, row: int) -> str:
        return str(self.frame.at[int(self.order[row]), "id"])

    def row_of(self, opp_id: str) -> int | None:
        if not len(self.frame):
            return None
        hits = np.flatnonzero(self.frame["id"].to_numpy() == opp_id)
        if not len(hits):
            return None
        return int(np.flatnonzero(self.order == hits[0])[0])

    # --- QAbstractItemModel ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(SHOWN)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(SHOWN[section][1])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.order):
            return None
        row = int(self.order[index.row()])
        key = SHOWN[index.column()][0]
        if role == ID_ROLE:
            return self.frame.at[row, "id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value: Any = self.frame.at[row, key]
        if key == "outcome":
            return outcome_label(str(value))
        if key == "amount":
            return format_amount(value)
        if key in ("opened_at", "closed_at"):
            return "" if pd.isna(value) else local_date(value)
        if key == "stage_name" and value is None:
            return tr("No stage yet")
        return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


class OpportunityFilterProxy(QSortFilterProxyModel):
    """Keeps the rows of a mask (computed vectorised by the model); sorting is the model's."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mask: list[bool] | None = None

    def set_mask(self, mask: list[bool] | None) -> None:
        self.beginFilterChange()
        self._mask = mask
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802 - Qt API
        mask = self._mask
        return mask is None or (source_row < len(mask) and mask[source_row])

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, OpportunityTableModel):
            source.sort(column, order)

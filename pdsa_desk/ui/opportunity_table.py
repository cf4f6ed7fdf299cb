"""The opportunities table beside the Board's columns ("Cards | Table"): every opportunity, open or closed,
sortable by any column and filtered by a search over name, rep, stage and outcome and by outcome.

Built for company-sized workspaces (200,000 opportunities). The rows are computed on the worker thread from
the analysis snapshot (:func:`pdsa_desk.core.opportunity_list.opportunity_rows`) and prepared there too
(:func:`prepare_rows`: the lower-case search text of each row and an integer sort key per column). On the GUI
thread, :class:`OpportunityTableModel` shows the rows a filter keeps in the chosen order, both computed with
numpy: sorting is an ``argsort`` of an integer key, filtering one vectorised ``contains`` per word, and no
Python function is called per row or per comparison. :class:`OpportunityFilterProxy` (a
``QSortFilterProxyModel``) forwards the view's sort requests to the model.
"""

from __future__ import annotations

from dataclasses import dataclass
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
SORT_BY = {"stage_name": "stage"}


def outcome_label(outcome: str) -> str:
    return {"open": tr("open"), "won": tr("won"), "lost": tr("lost")}.get(outcome, outcome)


def _header(key: str) -> str:
    return {"Name": tr("Name"), "Rep": tr("Rep"), "Team": tr("Team"), "Stage": tr("Stage"),
            "Outcome": tr("Outcome"), "Loss reason": tr("Loss reason"), "Amount": tr("Amount"),
            "Channel": tr("Channel"), "Opened": tr("Opened"), "Closed": tr("Closed")}[key]


@dataclass(frozen=True)
class TableRows:
    """The table's rows, ready to show: the frame, each row's search text, a sort key per shown column."""

    frame: pd.DataFrame
    search: pd.Series  # lower-case "name\nrep\nstage\noutcome" per row
    keys: tuple[np.ndarray, ...]  # per column of SHOWN: int64 ranks 1..n (ties by row order), 0 = missing


def _key(values: pd.Series) -> np.ndarray:
    if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):  # text: ignoring case
        values = values.astype(object).where(values.notna(), None).map(
            lambda v: None if v is None else str(v).lower())
    ranks = values.rank(method="first", na_option="keep").to_numpy(dtype=float)
    return np.nan_to_num(ranks, nan=0.0).astype(np.int64)  # 1..n, 0 = missing


def prepare_rows(frame: pd.DataFrame) -> TableRows:
    """Search texts and sort keys of the rows (for the worker thread; :func:`tr` is safe there)."""
    frame = frame.reset_index(drop=True)
    if not len(frame):
        return TableRows(frame, pd.Series([], dtype=object), tuple(np.zeros(0, dtype=np.int64) for _ in SHOWN))
    labels = {o: outcome_label(o).lower() for o in frame["outcome"].dropna().unique()}
    parts = [frame[c].fillna("").astype(str).str.lower() for c in ("name", "rep_name", "stage_name")]
    search = parts[0] + "\n" + parts[1] + "\n" + parts[2] + "\n" + frame["outcome"].map(labels).fillna("")
    keys = tuple(_key(frame[SORT_BY.get(key, key)]) for key, _header_text in SHOWN)
    return TableRows(frame, search, keys)


class OpportunityTableModel(QAbstractTableModel):
    """The rows a filter keeps, in the chosen order (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = prepare_rows(pd.DataFrame(columns=[k for k, _h in SHOWN] + ["id", "stage"]))
        self.sort_key: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)
        self.filter: tuple[str, str | None] = ("", None)
        self.visible = np.zeros(0, dtype=np.int64)  # row -> frame row

    @property
    def total(self) -> int:
        return len(self.rows.frame)

    def set_rows(self, rows: TableRows) -> None:
        self.beginResetModel()
        self.rows = rows
        self.visible = self._visible()
        self.endResetModel()

    def _visible(self) -> np.ndarray:
        n = len(self.rows.frame)
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        column, order = self.sort_key
        key = self.rows.keys[column]
        if order == Qt.SortOrder.DescendingOrder:
            idx = np.argsort(-key, kind="stable")  # missing (0) last
        else:
            idx = np.argsort(np.where(key == 0, n + 1, key), kind="stable")  # missing last
        text, outcome = self.filter
        keep = np.ones(n, dtype=bool)
        for word in text.lower().split():
            keep &= self.rows.search.str.contains(word, regex=False).to_numpy(dtype=bool)
        if outcome:
            keep &= (self.rows.frame["outcome"] == outcome).to_numpy(dtype=bool)
        return idx[keep[idx]].astype(np.int64)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(SHOWN):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_key = (column, order)
        self.visible = self._visible()
        self.layoutChanged.emit()

    def set_filter(self, text: str, outcome: str | None) -> None:
        """Keep the rows whose search text holds every word of ``text`` and, with ``outcome``, that outcome."""
        if (text, outcome) == self.filter:
            return
        self.beginResetModel()
        self.filter = (text, outcome)
        self.visible = self._visible()
        self.endResetModel()

    def opp_id(self, row: int) -> str:
        return str(self.rows.frame.at[int(self.visible[row]), "id"])

    def row_of(self, opp_id: str) -> int | None:
        """The row showing this opportunity (None when the filter hides it or it is not there)."""
        if not len(self.visible):
            return None
        hits = np.flatnonzero(self.rows.frame["id"].to_numpy() == opp_id)
        if not len(hits):
            return None
        at = np.flatnonzero(self.visible == hits[0])
        return int(at[0]) if len(at) else None

    # --- QAbstractItemModel ----------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(SHOWN)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _header(SHOWN[section][1])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.visible):
            return None
        row = int(self.visible[index.row()])
        key = SHOWN[index.column()][0]
        if role == ID_ROLE:
            return self.rows.frame.at[row, "id"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value: Any = self.rows.frame.at[row, key]
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
    """Passes the model's rows through unchanged; the view's sort requests go to the model (vectorised)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, OpportunityTableModel):
            source.sort(column, order)

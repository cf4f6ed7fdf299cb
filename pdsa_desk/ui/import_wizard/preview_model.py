"""The preview of the file's first rows, shared by the File and Columns pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from pdsa_desk.ui.import_wizard.common import tr

_Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    """The first rows of the file; the header says which field each column is mapped to."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header: list[str] = []
        self._rows: list[tuple[int, list[str]]] = []
        self._roles: dict[int, str] = {}

    def set_file(self, header: list[str], rows: list[tuple[int, list[str]]]) -> None:
        self.beginResetModel()
        self._header = list(header)
        self._rows = [(n, list(cells)) for n, cells in rows]
        self._roles = {}
        self.endResetModel()

    def set_roles(self, roles: dict[int, str]) -> None:
        """``{column index: what it is mapped to}`` (shown under the column name)."""
        if roles != self._roles:
            self._roles = dict(roles)
            if self._header:
                self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._header) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (
                0 <= index.column() < len(self._header)):
            return None
        cells = self._rows[index.row()][1]
        value = cells[index.column()] if index.column() < len(cells) else ""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole):
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._header):
                return None
            name = self._header[section]
            if role == Qt.ItemDataRole.DisplayRole:
                role_text = self._roles.get(section)
                return f"{name}\n→ {role_text}" if role_text else name
            if role == Qt.ItemDataRole.ToolTipRole:
                role_text = self._roles.get(section)
                return tr("Column {0}: {1}").format(name, role_text) if role_text else tr(
                    "Column {0}: not imported").format(name)
            if role == Qt.ItemDataRole.UserRole:
                return name
            return None
        if not 0 <= section < len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return self._rows[section][0] if role == Qt.ItemDataRole.UserRole else str(self._rows[section][0])
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("Row {0} of the file").format(self._rows[section][0])
        return None


def preview_view(model: PreviewModel, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.horizontalHeader().setMaximumSectionSize(260)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setAccessibleName(tr("Preview of the file"))
    model.modelReset.connect(lambda: view.resizeColumnsToContents())
    model.headerDataChanged.connect(lambda *_: view.resizeColumnsToContents())
    return view

"""The preview of the file's first rows, shared by the File and Columns pages."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from pdsa_desk.ui.import_wizard.common import tr

_Index = QModelIndex | QPersistentModelIndex
_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole})


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
        # The role first: measuring a column asks each cell for eight roles, of which three have an answer.
        if role not in _TEXT_ROLES or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._rows)) or not (0 <= column < len(self._header)):
            return None
        cells = self._rows[row][1]
        return cells[column] if column < len(cells) else ""

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
    fitter = _ColumnFitter(view)
    model.modelReset.connect(fitter.fit)
    model.headerDataChanged.connect(fitter.fit)
    return view


class _ColumnFitter(QObject):
    """Sizes a preview's columns to their contents — when it is shown: the File and Columns pages each have a
    preview of the one model, and the hidden page's measured its cells again at each change of the other's
    (on entering the Columns page at 1M, 5,440 cells asked in Python, ~15 ms of the GUI thread). The widths are
    the same: all 20 rows are measured shown or hidden (Qt measures up to 1,000 rows either way)."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._due = False
        view.installEventFilter(self)

    def fit(self, *_args: object) -> None:
        if self._view.isVisible():
            self._due = False
            self._view.resizeColumnsToContents()
        else:
            self._due = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self._view and event.type() == QEvent.Type.Show and self._due:
            self._due = False
            self._view.resizeColumnsToContents()
        return False

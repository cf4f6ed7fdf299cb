"""Thin item models of the Standards view: ordered stages, standard revisions, tactics and their cycles.

Each model adapts rows returned by ``pdsa_desk.core.services``; the raw value of a
cell is under ``Qt.ItemDataRole.UserRole`` and the row's id under :data:`ID_ROLE`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from pdsa_desk.core.models import Cycle, Stage, StandardRevision, Tactic, TacticStatus, TerminalKind
from pdsa_desk.ui import formatting, i18n

ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: "tactic" or "cycle" in :class:`TacticTreeModel`.
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

STAGE_MIME = "application/x-pdsa-desk-stage-ids"

_Index = QModelIndex | QPersistentModelIndex


def local_date(value: datetime | date | None) -> str:
    """A date (or an aware datetime shown on its local date) in the short date style, or an em dash."""
    return formatting.date_short(value)


def local_datetime(value: datetime | None) -> str:
    return formatting.date_time(value)


#: Tactic statuses, cycle statuses and decisions as the user reads them (translated by :func:`status_label`).
_STATUS_LABELS: dict[str, str] = {
    "idea": i18n.QT_TRANSLATE_NOOP("", "Idea"),
    "testing": i18n.QT_TRANSLATE_NOOP("", "Testing"),
    "standard work": i18n.QT_TRANSLATE_NOOP("", "Standard work"),
    "retired": i18n.QT_TRANSLATE_NOOP("", "Retired"),
    "plan": i18n.QT_TRANSLATE_NOOP("", "Plan"),
    "do": i18n.QT_TRANSLATE_NOOP("", "Do"),
    "study": i18n.QT_TRANSLATE_NOOP("", "Study"),
    "act": i18n.QT_TRANSLATE_NOOP("", "Act"),
    "closed": i18n.QT_TRANSLATE_NOOP("", "Closed"),
    "adopt": i18n.QT_TRANSLATE_NOOP("", "Adopt"),
    "adapt": i18n.QT_TRANSLATE_NOOP("", "Adapt"),
    "abandon": i18n.QT_TRANSLATE_NOOP("", "Abandon"),
}


def status_label(status: str | None) -> str:
    """A status/decision value as shown to the user, translated ("standard work" -> "Standard work")."""
    if not status:
        return "—"
    label = _STATUS_LABELS.get(str(status))
    return i18n.tr(label) if label is not None else status[:1].upper() + status[1:]


# --- stages ----------------------------------------------------------------------------------


class StageListModel(QAbstractListModel):
    """The live stages in journey order; reorder by drag-and-drop or :meth:`moveRows`.

    A move changes only this model's order and emits ``order_changed(old_ids, new_ids)``;
    the view persists it (``services.reorder_stages``) and reloads.
    """

    order_changed = Signal(list, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stages: list[Stage] = []

    # data ----------------------------------------------------------------------------------

    def set_stages(self, stages: Sequence[Stage]) -> None:
        """Show these stages; the same stages in the same order update in place (selection kept)."""
        stages = list(stages)
        if stages and [s.id for s in stages] == self.ids():
            self._stages = stages
            self.dataChanged.emit(self.index(0), self.index(len(stages) - 1))
            return
        self.beginResetModel()
        self._stages = stages
        self.endResetModel()

    def stages(self) -> list[Stage]:
        return list(self._stages)

    def ids(self) -> list[str]:
        return [s.id for s in self._stages]

    def stage(self, row: int) -> Stage | None:
        return self._stages[row] if 0 <= row < len(self._stages) else None

    def row_of(self, stage_id: str | None) -> int:
        return next((i for i, s in enumerate(self._stages) if s.id == stage_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._stages)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._stages) or index.column() != 0:
            return None
        stage = self._stages[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            text = f"{index.row() + 1}.  {stage.name}"
            if stage.terminal == TerminalKind.WON:
                text += "  " + self.tr("(won)")
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [stage.standard or self.tr("No observable standard written yet.")]
            if stage.wip_limit:
                parts.append(self.tr("WIP limit: {0}").format(stage.wip_limit))
            return "\n".join(parts)
        if role == Qt.ItemDataRole.UserRole:
            return stage.name
        if role == ID_ROLE:
            return stage.id
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled  # dropping *between* rows
        if not index.isValid():
            return base
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    # reordering ----------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt API
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt API
        return [STAGE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt API
        mime = QMimeData()
        ids = [self._stages[i.row()].id for i in sorted(indexes, key=lambda i: i.row()) if i.isValid()]
        mime.setData(STAGE_MIME, QByteArray("\n".join(ids).encode()))
        return mime

    def canDropMimeData(  # noqa: N802 - Qt API
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(STAGE_MIME) and not parent.isValid()

    def dropMimeData(  # noqa: N802 - Qt API
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: _Index
    ) -> bool:
        """Move the dragged stages before ``row`` (the end when -1).

        Returns False so that the dragging view never removes rows afterwards: the
        move is already done here (QListView normally moves with :meth:`moveRows`).
        """
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        ids = [i for i in bytes(data.data(STAGE_MIME).data()).decode().split("\n") if i]
        rows = [self.row_of(i) for i in ids]
        if not rows or -1 in rows:
            return False
        target = len(self._stages) if row < 0 else min(row, len(self._stages))
        rows.sort()
        if rows == list(range(rows[0], rows[0] + len(rows))):
            self.moveRows(QModelIndex(), rows[0], len(rows), QModelIndex(), target)
            return False
        old = self.ids()
        moving = [self._stages[r] for r in rows]
        before = sum(1 for r in rows if r < target)
        rest = [s for s in self._stages if s.id not in ids]
        new_stages = rest[: target - before] + moving + rest[target - before :]
        self.beginResetModel()
        self._stages = new_stages
        self.endResetModel()
        self.order_changed.emit(old, self.ids())
        return False

    def moveRows(  # noqa: N802 - Qt API
        self, source_parent: _Index, source_row: int, count: int, destination_parent: _Index, destination_child: int
    ) -> bool:
        n = len(self._stages)
        if source_parent.isValid() or destination_parent.isValid() or count < 1:
            return False
        if source_row < 0 or source_row + count > n or not 0 <= destination_child <= n:
            return False
        if source_row <= destination_child <= source_row + count:
            return False  # onto itself: nothing moves
        if not self.beginMoveRows(QModelIndex(), source_row, source_row + count - 1, QModelIndex(), destination_child):
            return False
        old = self.ids()
        moving = self._stages[source_row : source_row + count]
        del self._stages[source_row : source_row + count]
        insert_at = destination_child - count if destination_child > source_row else destination_child
        self._stages[insert_at:insert_at] = moving
        self.endMoveRows()
        # Row numbers are part of the display text.
        self.dataChanged.emit(self.index(0), self.index(n - 1), [Qt.ItemDataRole.DisplayRole])
        self.order_changed.emit(old, self.ids())
        return True


# --- revisions -------------------------------------------------------------------------------


class RevisionTableModel(QAbstractTableModel):
    """Revisions of one stage's standard, newest first."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("RevisionTableModel", "Effective from"),
        QT_TRANSLATE_NOOP("RevisionTableModel", "Author"),
        QT_TRANSLATE_NOOP("RevisionTableModel", "Name"),
        QT_TRANSLATE_NOOP("RevisionTableModel", "Observable standard"),
        QT_TRANSLATE_NOOP("RevisionTableModel", "Evidence checklist"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[StandardRevision] = []

    def set_revisions(self, revisions: Sequence[StandardRevision]) -> None:
        self.beginResetModel()
        self._rows = sorted(revisions, key=lambda r: r.effective_from, reverse=True)
        self.endResetModel()

    def revision(self, row: int) -> StandardRevision | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return self.tr(str(self.COLUMNS[section]))  # (QT_TRANSLATE_NOOP is typed as returning object)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rev = self._rows[index.row()]
        col = index.column()
        raw: object = (rev.effective_from, rev.author, rev.name, rev.standard, list(rev.checklist))[col]
        if role == Qt.ItemDataRole.UserRole:
            return raw
        if role == ID_ROLE:
            return rev.id
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return local_datetime(rev.effective_from)
            if col == 1:
                return rev.author or self.tr("unknown")
            if col == 4:
                return "; ".join(rev.checklist) or "—"
            return str(raw or "—")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 3:
                return rev.standard or None
            if col == 4 and rev.checklist:
                return "\n".join(f"• {item}" for item in rev.checklist)
            if col == 0 and index.row() == 0:
                return self.tr("The definition in effect now")
        return None


# --- tactics and their cycles ----------------------------------------------------------------


class TacticTreeModel(QAbstractItemModel):
    """Tactics aimed at one stage (top level) with the cycles that tested each (children).

    A child's ``internalId`` is its tactic's row + 1; top-level rows have internalId 0.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("TacticTreeModel", "Tactic / cycle"),
        QT_TRANSLATE_NOOP("TacticTreeModel", "Status"),
        QT_TRANSLATE_NOOP("TacticTreeModel", "Adopted / decided"),
        QT_TRANSLATE_NOOP("TacticTreeModel", "Planned"),
        QT_TRANSLATE_NOOP("TacticTreeModel", "Decision"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tactics: list[Tactic] = []
        self._cycles: list[list[Cycle]] = []

    def set_tactics(self, tactics: Sequence[Tactic], cycles: Sequence[Cycle]) -> None:
        """``cycles`` may include cycles of other tactics; each is filed under its own."""
        order: dict[str, int] = {TacticStatus.STANDARD_WORK: 0, TacticStatus.TESTING: 1, TacticStatus.IDEA: 2,
                                 TacticStatus.RETIRED: 3}
        self.beginResetModel()
        self._tactics = sorted(tactics, key=lambda t: (order.get(t.status, 9), t.name.lower()))
        by_tactic: dict[str, list[Cycle]] = {t.id: [] for t in self._tactics}
        for c in cycles:
            if c.tactic_id in by_tactic:
                by_tactic[c.tactic_id].append(c)
        self._cycles = [
            sorted(by_tactic[t.id], key=lambda c: (c.planned_start or date.max, c.title)) for t in self._tactics
        ]
        self.endResetModel()

    def tactic(self, row: int) -> Tactic | None:
        return self._tactics[row] if 0 <= row < len(self._tactics) else None

    def tactic_names(self) -> list[str]:
        return [t.name for t in self._tactics]

    def cycles_of(self, row: int) -> list[Cycle]:
        return list(self._cycles[row]) if 0 <= row < len(self._cycles) else []

    def find(self, object_id: str) -> QModelIndex:
        for r, t in enumerate(self._tactics):
            if t.id == object_id:
                return self.index(r, 0)
            for cr, c in enumerate(self._cycles[r]):
                if c.id == object_id:
                    return self.index(cr, 0, self.index(r, 0))
        return QModelIndex()

    # structure -----------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not 0 <= column < len(self.COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._tactics) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        prow = parent.row()
        if not 0 <= prow < len(self._tactics) or row >= len(self._cycles[prow]):
            return QModelIndex()
        return self.createIndex(row, column, prow + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        if not parent.isValid():
            return len(self._tactics)
        if parent.internalId() == 0 and parent.column() == 0 and 0 <= parent.row() < len(self._tactics):
            return len(self._cycles[parent.row()])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        return len(self.COLUMNS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.COLUMNS):
                return self.tr(str(self.COLUMNS[section]))  # (QT_TRANSLATE_NOOP is typed as returning object)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def _item(self, index: _Index) -> Tactic | Cycle | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.tactic(index.row())
        prow = int(index.internalId()) - 1
        cycles = self._cycles[prow] if 0 <= prow < len(self._cycles) else []
        return cycles[index.row()] if 0 <= index.row() < len(cycles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self._item(index)
        if item is None:
            return None
        if role == ID_ROLE:
            return item.id
        if role == KIND_ROLE:
            return "tactic" if isinstance(item, Tactic) else "cycle"
        if isinstance(item, Tactic):
            return self._tactic_data(item, len(self._cycles[index.row()]), index.column(), role)
        return self._cycle_data(item, index.column(), role)

    def _tactic_data(self, item: Tactic, n: int, col: int, role: int) -> object:
        """A tactic's row (``n``: the cycles that tested it)."""
        if role == Qt.ItemDataRole.UserRole:
            return (item.name, item.status, item.adopted_at, n, None)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.tr("{0} (archived)").format(item.name) if item.archived_at else item.name
            if col == 1:
                return status_label(item.status)
            if col == 2:
                return local_date(item.adopted_at) if item.adopted_at else ""
            if col == 3 and n == 0:
                return self.tr("no cycles yet")
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.description or None
        if role == Qt.ItemDataRole.FontRole and col == 0 and item.status == TacticStatus.STANDARD_WORK:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _cycle_data(self, cycle: Cycle, col: int, role: int) -> object:
        """A row of a cycle that tested a tactic."""
        if role == Qt.ItemDataRole.UserRole:
            return (cycle.title, cycle.status, cycle.decided_at, cycle.planned_start, cycle.decision)[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return cycle.title
            if col == 1:
                return status_label(cycle.status)
            if col == 2:
                return local_date(cycle.decided_at) if cycle.decided_at else ""
            if col == 3:
                if cycle.planned_start is None and cycle.planned_end is None:
                    return "—"
                return f"{local_date(cycle.planned_start)} → {local_date(cycle.planned_end)}"
            if col == 4:
                return status_label(cycle.decision) if cycle.decision else ""
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tr("Double-click to open this cycle")
            if cycle.rationale:
                tip = cycle.rationale + "\n\n" + tip
            return tip
        return None

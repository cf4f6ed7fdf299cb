"""Thin item models of the Cycles view: the cycle list (with its filter proxy) and the observation log.

The models only adapt rows read through :mod:`pdsa_desk.core.services`; raw values are under
``Qt.ItemDataRole.UserRole``, a sortable key under :data:`SORT_ROLE`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from pdsa_desk.core import services
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.models import Cycle, CycleObservation, CycleStatus, ObservationKind
from pdsa_desk.ui import formatting
from pdsa_desk.ui.i18n import tr

if TYPE_CHECKING:
    from pdsa_desk.core.study import CycleStudy

UserRole = Qt.ItemDataRole.UserRole
#: A key that sorts the column sensibly (dates as ISO text, statuses in PDSA order).
SORT_ROLE = int(UserRole) + 1
#: The cycle id (list) or observation id (log), on every column.
ID_ROLE = int(UserRole) + 2

STATUS_ORDER = {s.value: i for i, s in enumerate(CycleStatus)}

_Index = QModelIndex | QPersistentModelIndex



def status_label(status: str) -> str:
    """The user-facing name of a cycle status."""
    labels: dict[str, str] = {
        CycleStatus.PLAN: tr("Plan"),
        CycleStatus.DO: tr("Do"),
        CycleStatus.STUDY: tr("Study"),
        CycleStatus.ACT: tr("Act"),
        CycleStatus.CLOSED: tr("Closed"),
    }
    return labels.get(status, status)


def decision_label(decision: str | None) -> str:
    """The user-facing name of an Act decision ('—' when none yet)."""
    if not decision:
        return "—"
    return {"adopt": tr("Adopt"), "adapt": tr("Adapt"), "abandon": tr("Abandon")}.get(decision, decision)


def kind_label(kind: str) -> str:
    labels: dict[str, str] = {
        ObservationKind.OBSERVATION: tr("Observation"),
        ObservationKind.DEVIATION: tr("Deviation"),
        ObservationKind.PROBLEM: tr("Problem"),
    }
    return labels.get(kind, kind)


def date_range_text(start: date | None, end: date | None) -> str:
    """'1/12/2026 – 2/23/2026' in the short date style (both dates optional)."""
    if start is None and end is None:
        return "—"
    if end is None:
        return tr("from {0}").format(formatting.date_short(start))
    if start is None:
        return tr("until {0}").format(formatting.date_short(end))
    return formatting.date_range(start, end)


_STATUS_COLOURS = {"plan": "#56B4E9", "do": "#0072B2", "study": "#E69F00", "act": "#CC79A7", "closed": "#6F6F6F"}
_KIND_COLOURS = {"observation": "#0072B2", "deviation": "#E69F00", "problem": "#D55E00"}


def status_swatch(status: str) -> QColor:
    """The status colour (Okabe-Ito) shown as a swatch beside the status text."""
    return QColor(_STATUS_COLOURS.get(status, "#7f7f7f"))


def kind_swatch(kind: str) -> QColor:
    return QColor(_KIND_COLOURS.get(kind, "#7f7f7f"))


@dataclass(frozen=True)
class CycleRow:
    """One line of the cycle list, with everything the filters need."""

    id: str
    title: str
    status: str
    from_stage_id: str
    transition: str
    owner_rep_id: str | None
    owner: str
    rep_ids: tuple[str, ...]
    planned_start: date | None
    planned_end: date | None
    tactic_id: str | None
    tactic: str
    parent_id: str | None = None
    decision: str | None = None
    search_text: str = field(default="", repr=False)
    archived: bool = False


def transition_labels(ws: Workspace) -> dict[str, str]:
    """Stage id -> 'From → To' for every stage that has a next stage."""
    stages = services.list_stages(ws)
    return {a.id: f"{a.name} → {b.name}" for a, b in itertools.pairwise(stages)}


def load_cycle_rows(ws: Workspace, *, include_archived: bool = True) -> list[CycleRow]:
    """Every live cycle (without ``include_archived``, every one not archived) as a :class:`CycleRow`, newest
    planned start first."""
    reps = {r.id: r.name for r in services.list_reps(ws)}
    tactics = {t.id: t.name for t in services.list_tactics(ws)}
    stages = {s.id: s.name for s in services.list_stages(ws)}
    transitions = transition_labels(ws)
    rows = []
    participants = services.participant_ids_by_cycle(ws)  # one query, not one per cycle
    for c in services.list_cycles(ws, include_archived=include_archived):
        rep_ids = participants.get(c.id, ())
        owner = reps.get(c.owner_rep_id or "", "")
        tactic = tactics.get(c.tactic_id or "", "")
        transition = transitions.get(c.from_stage_id) or stages.get(c.from_stage_id, "?")
        rows.append(
            CycleRow(
                id=c.id, title=c.title, status=c.status, from_stage_id=c.from_stage_id, transition=transition,
                owner_rep_id=c.owner_rep_id, owner=owner, rep_ids=rep_ids, planned_start=c.planned_start,
                planned_end=c.planned_end, tactic_id=c.tactic_id, tactic=tactic, parent_id=c.parent_id,
                decision=c.decision, archived=c.archived_at is not None,
                search_text=" ".join(
                    (c.title, owner, tactic, transition, " ".join(reps.get(r, "") for r in rep_ids))
                ).lower(),
            )
        )
    return rows


class CycleListModel(QAbstractTableModel):
    """The cycles as a table: title, status, transition, owner, dates, tactic."""

    TITLE, STATUS, TRANSITION, OWNER, DATES, TACTIC = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CycleRow] = []
        self._headers = [tr("Title"), tr("Status"), tr("Transition"), tr("Owner"), tr("Dates"), tr("Tactic")]
        # Each row's texts and sort keys, made once per set_rows: sorting 300 cycles asked data() for ~5,000 keys,
        # and every call built all six columns (dates written through QLocale): 1.2 s of the Cycles view's first
        # visit at 100k (issue #16, stall_views).
        self._texts: list[tuple[str, ...] | None] = []
        self._keys: list[tuple[object, ...] | None] = []

    def set_rows(self, rows: Sequence[CycleRow]) -> None:
        """Show ``rows``: the same cycles in the same order are updated in place (only the rows that changed;
        the view keeps its selection and scroll position), any other list resets the model."""
        rows = list(rows)
        if [r.id for r in rows] != [r.id for r in self._rows]:
            self.beginResetModel()
            self._set(rows)
            self.endResetModel()
            return
        changed = [i for i, (old, new) in enumerate(zip(self._rows, rows, strict=True)) if old != new]
        self._set(rows)
        if changed:
            self.dataChanged.emit(self.index(changed[0], 0), self.index(changed[-1], self.columnCount() - 1))

    def _set(self, rows: list[CycleRow]) -> None:
        self._rows = rows
        self._texts = [None] * len(rows)
        self._keys = [None] * len(rows)

    def _texts_of(self, row: int) -> tuple[str, ...]:
        texts = self._texts[row]
        if texts is None:
            r = self._rows[row]
            texts = self._texts[row] = (
                tr("{0} (archived)").format(r.title) if r.archived else r.title,
                status_label(r.status),
                r.transition,
                r.owner or "—",
                date_range_text(r.planned_start, r.planned_end),
                r.tactic or "—",
            )
        return texts

    def _keys_of(self, row: int) -> tuple[object, ...]:
        keys = self._keys[row]
        if keys is None:
            r = self._rows[row]
            keys = self._keys[row] = (
                r.title.lower(),
                STATUS_ORDER.get(r.status, 99),
                r.transition.lower(),
                r.owner.lower(),
                (r.planned_start.isoformat() if r.planned_start else "")
                + (r.planned_end.isoformat() if r.planned_end else ""),
                r.tactic.lower(),
            )
        return keys

    def rows(self) -> list[CycleRow]:
        return list(self._rows)

    def row_of(self, cycle_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == cycle_id), -1)

    def cycle_row(self, row: int) -> CycleRow:
        return self._rows[row]

    # --- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        display = role == Qt.ItemDataRole.DisplayRole
        if orientation == Qt.Orientation.Horizontal and display and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts_of(index.row())[col]
        if role == UserRole:
            return (r.title, r.status, r.from_stage_id, r.owner_rep_id, r.planned_start, r.tactic_id)[col]
        if role == SORT_ROLE:
            return self._keys_of(index.row())[col]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATUS:
            return status_swatch(r.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TITLE:
                extra = " — {}: {}".format(tr("decision"), decision_label(r.decision)) if r.decision else ""
                return f"{r.title}{extra}"
            return None
        return None


class CycleFilterProxy(QSortFilterProxyModel):
    """Filters the cycle list by status, rep (owner or participant), stage, tactic and text."""

    NO_TACTIC = "\x00none"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status: str | None = None
        self.rep_id: str | None = None
        self.stage_id: str | None = None
        self.tactic_id: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filters(
        self,
        *,
        status: str | None = None,
        rep_id: str | None = None,
        stage_id: str | None = None,
        tactic_id: str | None = None,
        text: str = "",
    ) -> None:
        self.beginFilterChange()
        self.status, self.rep_id, self.stage_id, self.tactic_id = status, rep_id, stage_id, tactic_id
        self.text = (text or "").strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtering(self) -> bool:
        return any((self.status, self.rep_id, self.stage_id, self.tactic_id, self.text))

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        if not isinstance(model, CycleListModel) or source_parent.isValid():
            return True
        r = model.cycle_row(source_row)
        if self.status and r.status != self.status:
            return False
        if self.rep_id and self.rep_id != r.owner_rep_id and self.rep_id not in r.rep_ids:
            return False
        if self.stage_id and r.from_stage_id != self.stage_id:
            return False
        if self.tactic_id == self.NO_TACTIC:
            if r.tactic_id:
                return False
        elif self.tactic_id and r.tactic_id != self.tactic_id:
            return False
        return not self.text or all(word in r.search_text for word in self.text.split())


@dataclass(frozen=True)
class ObservationRow:
    id: str
    observed_at: datetime
    kind: str
    author: str
    text: str


class ObservationModel(QAbstractTableModel):
    """A cycle's observation log: time, kind, author, text (oldest first)."""

    TIME, KIND, AUTHOR, TEXT = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ObservationRow] = []
        self._headers = [tr("Time"), tr("Kind"), tr("Author"), tr("What happened")]

    def set_observations(self, observations: Sequence[CycleObservation]) -> None:
        self.beginResetModel()
        self._rows = [
            ObservationRow(
                id=o.id,
                observed_at=o.observed_at,
                kind=o.kind,
                author=o.author or "",
                text=o.text,
            )
            for o in observations
        ]
        self.endResetModel()

    def observation(self, row: int) -> ObservationRow:
        return self._rows[row]

    def row_of(self, observation_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == observation_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        display = role == Qt.ItemDataRole.DisplayRole
        if orientation == Qt.Orientation.Horizontal and display and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (formatting.date_short(r.observed_at), kind_label(r.kind), r.author or "—", r.text)[col]
        if role == UserRole:
            return (r.observed_at.isoformat(), r.kind, r.author, r.text)[col]
        if role == SORT_ROLE:
            return (r.observed_at.isoformat(), r.kind, r.author.lower(), r.text.lower())[col]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.DecorationRole and col == self.KIND:
            return kind_swatch(r.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return (formatting.date_time(r.observed_at), None, r.author or None, r.text)[col]
        return None


@dataclass(frozen=True)
class RampRow:
    id: str
    title: str
    status: str
    decision: str | None
    started: bool
    ready: bool
    n: int | None
    rate: float | None
    diff: float | None
    current: bool


def _pct(value: float | None, signed: bool = False) -> str:
    return formatting.pp(value) if signed else formatting.pct(value)


class RampModel(QAbstractTableModel):
    """The chain of linked cycles (a ramp) with each one's result; the open cycle is in bold."""

    TITLE, STATUS, DECISION, N, RATE, DIFF = range(6)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RampRow] = []
        self._headers = [tr("Cycle"), tr("Status"), tr("Decision"), tr("Customers"), tr("Rate"),
                         tr("Difference")]

    def set_chain(self, chain: Sequence[Cycle], current_id: str, studies: Mapping[str, CycleStudy | None]) -> None:
        """``chain``: cycles from the first to the latest; ``studies``: cycle id -> CycleStudy or None."""
        rows = []
        for c in chain:
            st = studies.get(c.id)
            begun = st if st is not None and st.started else None  # the study, once the cycle has started
            rows.append(RampRow(
                id=c.id, title=c.title, status=c.status, decision=c.decision,
                started=begun is not None, ready=bool(st is not None and st.ready),
                n=begun.n_new if begun is not None else None,
                rate=begun.rate_new if begun is not None else None,
                diff=begun.comparison.diff if begun is not None else None,
                current=c.id == current_id,
            ))
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def ramp_row(self, row: int) -> RampRow:
        return self._rows[row]

    def current_row(self) -> int:
        return next((i for i, r in enumerate(self._rows) if r.current), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        display = role == Qt.ItemDataRole.DisplayRole
        if orientation == Qt.Orientation.Horizontal and display and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and display and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            pending = "" if r.ready or not r.started else " *"
            return (
                r.title,
                status_label(r.status),
                decision_label(r.decision),
                (str(r.n) + pending) if r.n is not None else tr("not started"),
                _pct(r.rate),
                _pct(r.diff, signed=True),
            )[col]
        if role == UserRole:
            return (r.title, r.status, r.decision, r.n, r.rate, r.diff)[col]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.FontRole and r.current:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and col == self.STATUS:
            return status_swatch(r.status)
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= self.N:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.current:
                return tr("The cycle shown now")
            tip = tr("Double-click or press Enter to open this cycle")
            if r.started and not r.ready:
                tip += "\n" + tr("* too early to read: not enough customers or outcomes not known yet")
            return tip
        return None

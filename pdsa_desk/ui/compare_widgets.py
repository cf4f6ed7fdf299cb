"""Building blocks of the Compare view: a thin table model and the position styles (wording, colour, marker).

Nothing here computes statistics: rows, rates, intervals and positions come from
:mod:`pdsa_desk.core.funnel_compare`; these classes only show them. The plots that use the
styles (the exportable plot panel, the forest and funnel plots) are :mod:`pdsa_desk.ui.compare_plots`.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from pdsa_desk.ui import formatting, plotting
from pdsa_desk.ui.i18n import QT_TRANSLATE_NOOP, tr

Index = QModelIndex | QPersistentModelIndex



# --------------------------------------------------------------------------- #
# Where a rep sits against the funnel limits: wording, colour and marker shape
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class PositionStyle:
    """How one funnel position is shown. Colour is never the only cue: shape and fill differ too."""

    colour: str
    symbol: str  # pyqtgraph symbol: "o" circle, "t1" triangle up, "t" triangle down
    filled: bool
    label: str  # table wording (no ranking words), marked for translation in the empty context
    short: str  # legend wording, marked likewise


POSITIONS: dict[str, PositionStyle] = {
    "above 99.8%": PositionStyle(
        plotting.OKABE_ITO["green"], "t1", True,
        QT_TRANSLATE_NOOP("", "Above the 99.8% limit — worth learning from"),
        QT_TRANSLATE_NOOP("", "above 99.8% limit")),
    "above 95%": PositionStyle(
        plotting.OKABE_ITO["green"], "t1", False,
        QT_TRANSLATE_NOOP("", "Above the 95% limit — perhaps worth learning from"),
        QT_TRANSLATE_NOOP("", "above 95% limit")),
    "within": PositionStyle(
        plotting.POINT, "o", True, QT_TRANSLATE_NOOP("", "Within the expected range"),
        QT_TRANSLATE_NOOP("", "within the expected range")),
    "below 95%": PositionStyle(
        plotting.OKABE_ITO["vermillion"], "t", False,
        QT_TRANSLATE_NOOP("", "Below the 95% limit — worth a conversation"),
        QT_TRANSLATE_NOOP("", "below 95% limit")),
    "below 99.8%": PositionStyle(
        plotting.OKABE_ITO["vermillion"], "t", True,
        QT_TRANSLATE_NOOP("", "Below the 99.8% limit — worth a conversation"),
        QT_TRANSLATE_NOOP("", "below 99.8% limit")),
}
#: Legend order: from above to below, as the points sit on the funnel.
POSITION_ORDER = ("above 99.8%", "above 95%", "within", "below 95%", "below 99.8%")


def position_style(position: str) -> PositionStyle:
    return POSITIONS.get(position, POSITIONS["within"])


def position_label(position: str) -> str:
    return tr(position_style(position).label)


def spot_style(position: str, size: float = 11.0) -> dict[str, Any]:
    """Keyword arguments for one ScatterPlotItem spot showing ``position``.

    Spots of one position share their pen and brush objects: pyqtgraph renders a marker once per distinct
    (symbol, size, pen object, brush object), so a pen per spot rendered 860 markers for 430 reps (45 ms)."""
    style = position_style(position)
    fill = QColor(style.colour) if style.filled else plotting_base_colour()
    return dict(_spot_style(position, size, fill.rgba()))


@functools.lru_cache(maxsize=64)
def _spot_style(position: str, size: float, fill_rgba: int) -> tuple[tuple[str, Any], ...]:
    style = position_style(position)
    return (("symbol", style.symbol), ("brush", pg.mkBrush(QColor.fromRgba(fill_rgba))),
            ("pen", pg.mkPen(QColor(style.colour), width=2)), ("size", size + (3 if style.symbol != "o" else 0)))


def plotting_base_colour() -> QColor:
    """The plot background (palette Base): hollow markers are filled with it."""
    from PySide6.QtGui import QGuiApplication, QPalette

    if QGuiApplication.instance() is None:
        return QColor("white")
    return QGuiApplication.palette().color(QPalette.ColorRole.Base)


def position_pixmap(position: str, size: int = 14) -> QPixmap:
    """A small picture of the marker for ``position`` (table icons and the legend)."""
    style = position_style(position)
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(style.colour)
    painter.setPen(QPen(colour, 1.8))
    painter.setBrush(QBrush(colour) if style.filled else QBrush(Qt.BrushStyle.NoBrush))
    m = 2.0
    s = float(size)
    path = QPainterPath()
    if style.symbol == "t1":  # pointing up
        path.moveTo(s / 2, m)
        path.lineTo(s - m, s - m)
        path.lineTo(m, s - m)
        path.closeSubpath()
    elif style.symbol == "t":  # pointing down
        path.moveTo(m, m)
        path.lineTo(s - m, m)
        path.lineTo(s / 2, s - m)
        path.closeSubpath()
    else:
        path.addEllipse(QPointF(s / 2, s / 2), s / 2 - m - 0.5, s / 2 - m - 0.5)
    painter.drawPath(path)
    painter.end()
    return pixmap


def position_icon(position: str) -> QIcon:
    return QIcon(position_pixmap(position))


# --------------------------------------------------------------------------- #
# Formatting
# --------------------------------------------------------------------------- #
def pct(value: float | None, digits: int = 0) -> str:
    """Rates in the comparison read in whole percent."""
    return formatting.pct(value, digits)


def interval_text(low: float, high: float) -> str:
    return f"{pct(low)} – {pct(high)}"


# --------------------------------------------------------------------------- #
# A thin table model over records
# --------------------------------------------------------------------------- #
@dataclass(frozen=True)
class Column:
    """One column of :class:`RecordsModel`.

    ``display(row)`` is the text shown; ``raw(row)`` the value under UserRole
    (what the proxy sorts on); ``tooltip(row)`` and ``icon(row)`` are optional.
    """

    header: str
    display: Callable[[dict[str, Any]], str]
    raw: Callable[[dict[str, Any]], Any]
    header_tip: str = ""
    align_right: bool = False
    tooltip: Callable[[dict[str, Any]], str] | None = None
    icon: Callable[[dict[str, Any]], QIcon] | None = None


class RecordsModel(QAbstractTableModel):
    """Read-only rows (dicts, e.g. ``DataFrame.to_dict('records')``) shown through :class:`Column` specs."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[dict[str, Any]] = []

    def set_first_header(self, header: str) -> None:
        """Rename the first column (a comparison of reps or of channels)."""
        if self._columns and self._columns[0].header != header:
            self._columns[0] = dataclasses.replace(self._columns[0], header=header)
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 0)

    def set_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    @classmethod
    def records(cls, frame: Any) -> list[dict[str, Any]]:
        """DataFrame -> list of plain dicts (None for missing)."""
        if frame is None or len(frame) == 0:
            return []
        return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")]

    def row(self, i: int) -> dict[str, Any]:
        return self._rows[i]

    def rows(self) -> list[dict[str, Any]]:
        """The rows shown (a new list after each ``set_rows``; not to be changed)."""
        return self._rows

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self._columns)):
            return None
        row = self._rows[index.row()]
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.display(row)
        if role == Qt.ItemDataRole.UserRole:
            return col.raw(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row) or None
        if role == Qt.ItemDataRole.DecorationRole and col.icon is not None:
            return col.icon(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            col = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.header
            if role == Qt.ItemDataRole.ToolTipRole and col.header_tip:
                return col.header_tip
            if role == Qt.ItemDataRole.TextAlignmentRole:
                horizontal = Qt.AlignmentFlag.AlignRight if col.align_right else Qt.AlignmentFlag.AlignLeft
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def _plain(value: Any) -> Any:
    """numpy scalars -> Python; NaN/NA -> None."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and math.isnan(value):
        return None
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    return value


class RepOrderProxy(QSortFilterProxyModel):
    """Orders reps by name, or by team then name — never by rate (no league tables).

    Expects the source rows to carry ``name`` and ``team_name``.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._by_team = False
        # Each row's sort key, made once per set of rows and order (not twice per comparison: sorting 430 reps
        # compared ~2,000 pairs, ~10 ms of the GUI thread at 1M when a comparison arrives).
        self._keys: list[tuple[str, str]] = []
        self._keys_of: tuple[Any, bool] | None = None

    @property
    def by_team(self) -> bool:
        return self._by_team

    def set_by_team(self, by_team: bool) -> None:
        self._by_team = bool(by_team)
        self.invalidate()
        self.sort(0, Qt.SortOrder.AscendingOrder)

    def _key(self, row: dict[str, Any]) -> tuple[str, str]:
        name = str(row.get("name") or "").casefold()
        team = str(row.get("team_name") or "\uffff").casefold()  # reps without a team last
        return (team, name) if self._by_team else ("", name)

    def _sort_keys(self) -> list[tuple[str, str]]:
        model = self.sourceModel()
        if not isinstance(model, RecordsModel):
            raise TypeError("RepOrderProxy sorts a RecordsModel")
        rows = model.rows()
        if self._keys_of is None or self._keys_of[0] is not rows or self._keys_of[1] != self._by_team:
            self._keys = [self._key(row) for row in rows]
            self._keys_of = (rows, self._by_team)  # the list itself is kept: its identity is the check
        return self._keys

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        keys = self._sort_keys()
        return keys[left.row()] < keys[right.row()]

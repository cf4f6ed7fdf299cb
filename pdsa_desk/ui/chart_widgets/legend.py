"""The legend under every chart: icons of the plot elements in a row that wraps when narrow."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget

from pdsa_desk.ui import plotting
from pdsa_desk.ui.chart_widgets.style import with_alpha
from pdsa_desk.ui.plotting import BAND, CENTRE, INITIATIVE, LIMIT, OKABE_ITO, PHASE, POINT, REVISION, SIGNAL


def legend_icon(kind: str, colour: str = "") -> QPixmap:
    """A small picture of one plot element, for the legend row."""
    ratio = 2.0
    pix = QPixmap(QSize(int(30 * ratio), int(16 * ratio)))
    pix.setDevicePixelRatio(ratio)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    paint_legend_icon(p, kind, colour)
    p.end()
    return pix


def paint_legend_icon(p: QPainter, kind: str, colour: str = "") -> None:
    """Draw one legend icon in a 30 x 16 box at the painter's origin (screen legend and PDF report)."""
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    mid = QPointF(15, 8)
    if kind == "point":
        p.setPen(QPen(QColor(POINT), 1))
        p.setBrush(QColor(POINT))
        p.drawEllipse(mid, 4, 4)
    elif kind == "immature":
        p.setPen(QPen(QColor(POINT), 1.5))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(mid, 4, 4)
    elif kind == "signal":
        p.setPen(QPen(QColor(SIGNAL), 1))
        p.setBrush(QColor(SIGNAL))
        p.drawPolygon([QPointF(15, 2), QPointF(21, 13), QPointF(9, 13)])
    elif kind == "centre":
        p.setPen(QPen(QColor(CENTRE), 2))
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
    elif kind == "runs":
        pen = QPen(QColor(SIGNAL), 2)
        pen.setStyle(Qt.PenStyle.DashDotLine)
        p.setPen(pen)
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
    elif kind == "limits":
        pen = QPen(QColor(LIMIT), 1.5)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(2, 4), QPointF(28, 4))
        p.drawLine(QPointF(2, 12), QPointF(28, 12))
    elif kind == "band":
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(with_alpha(BAND, 70))
        p.drawRect(QRectF(6, 1, 18, 14))
    elif kind == "initiative":
        p.setPen(QPen(QColor(INITIATIVE), 2, Qt.PenStyle.DashDotLine))
        p.setBrush(QBrush(with_alpha(INITIATIVE, 150), Qt.BrushStyle.BDiagPattern))
        p.drawRect(QRectF(6, 1, 18, 14))
    elif kind == "revision":
        pen = QPen(QColor(REVISION), 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(15, 0), QPointF(15, 16))
    elif kind == "phase":
        pen = QPen(QColor(PHASE), 2)
        pen.setStyle(Qt.PenStyle.DotLine)
        p.setPen(pen)
        p.drawLine(QPointF(15, 0), QPointF(15, 16))
    elif kind == "area":
        p.setPen(QPen(QColor(colour), 1))
        p.setBrush(with_alpha(colour, 150))
        p.drawRect(QRectF(6, 2, 18, 12))
    elif kind == "line":
        p.setPen(QPen(QColor(colour), 2))
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
    elif kind == "over":
        p.setPen(QPen(QColor(SIGNAL), 2.5))
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
    elif kind == "box":
        p.setPen(QPen(QColor(POINT), 1))
        p.setBrush(with_alpha(OKABE_ITO["sky"], 140))
        p.drawRect(QRectF(8, 3, 14, 10))
        p.setPen(QPen(plotting.text_colour(), 2))
        p.drawLine(QPointF(15, 3), QPointF(15, 13))
    elif kind == "whisker":
        p.setPen(QPen(plotting.text_colour(), 1.5))
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
        p.drawLine(QPointF(2, 4), QPointF(2, 12))
        p.drawLine(QPointF(28, 4), QPointF(28, 12))
    elif kind == "p85":
        p.setPen(QPen(QColor(REVISION), 1))
        p.setBrush(QColor(REVISION))
        p.drawPolygon([QPointF(15, 2), QPointF(21, 8), QPointF(15, 14), QPointF(9, 8)])


class _FlowLayout(QLayout):
    """Lays items out left to right, wrapping to a new line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, h_spacing: int = 14, v_spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h, self._v = h_spacing, v_spacing

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._do_layout(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._do_layout(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _do_layout(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.isEmpty():  # a hidden entry takes no room
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._v, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._h
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


class LegendRow(QWidget):
    """(icon, text) entries under a plot, wrapping onto more lines when narrow.

    Entry widgets are kept and reused: a chart switch that changes the legend changes texts and icons,
    and never leaves the row empty for a moment (which made the plot above grow and shrink again)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = _FlowLayout(self)
        self._layout.setContentsMargins(4, 0, 4, 0)
        self.entries: list[tuple[str, str]] = []
        self._shown: list[tuple] | None = None
        self._cells: list[tuple[QWidget, QLabel, QLabel]] = []

    def set_entries(self, entries: Sequence[tuple[str, str] | tuple[str, str, str]]) -> None:
        """``(kind, text)`` or ``(kind, text, colour)`` per entry; see :func:`legend_icon`."""
        wanted = [tuple(e) for e in entries]
        if wanted == self._shown:  # unchanged: nothing to do
            return
        self._shown = wanted
        self.entries = [(e[0], e[1]) for e in entries]
        while len(self._cells) < len(wanted):
            cell = QWidget(self)
            box = QHBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(4)
            icon, text = QLabel(), QLabel()
            box.addWidget(icon)
            box.addWidget(text)
            self._layout.addWidget(cell)
            self._cells.append((cell, icon, text))
        for i, (cell, icon, text) in enumerate(self._cells):
            if i < len(wanted):
                entry = wanted[i]
                kind, label = entry[0], entry[1]
                colour = entry[2] if len(entry) > 2 else ""
                if getattr(icon, "drawn", None) != (kind, colour):
                    icon.setPixmap(legend_icon(kind, colour))
                    icon.drawn = (kind, colour)  # type: ignore[attr-defined]
                if text.text() != label:
                    text.setText(label)
                cell.setVisible(True)
            else:
                cell.setVisible(False)
        self._layout.invalidate()
        self.updateGeometry()

"""Reusable chart widgets: each draws one object from :mod:`pdsa_desk.core.charts`.

* :class:`ConversionChart` -- a :class:`~pdsa_desk.core.charts.ConversionSeries`
  (run / P / P' chart with cycle bands and revision markers);
* :class:`FunnelChart` -- :class:`~pdsa_desk.core.charts.FunnelData`;
* :class:`FlowChart` -- :class:`~pdsa_desk.core.charts.FlowData` (cumulative flow);
* :class:`TimeInStageChart` -- :class:`~pdsa_desk.core.charts.DurationData`.

Every chart is a :class:`ChartFrame`: a title, a one-line summary, the plot and
a legend, exported together (PNG, SVG, clipboard) so that a picture pasted in
a slide still explains itself. The widgets hold no statistics: they draw.
Plot items are created once and updated with ``setData``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import (
    QDate,
    QLocale,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSettings,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QImage, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QMenu,
    QStackedLayout,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.ui import formatting, plotting
from pdsa_desk.ui.plotting import BAND, CENTRE, LIMIT, OKABE_ITO, POINT, REVISION, SIGNAL

if TYPE_CHECKING:
    from pdsa_desk.core.charts import ConversionSeries, DurationData, FlowData, FunnelData

#: Stage colours for flow and funnel charts (Okabe-Ito without vermillion, kept for signals).
STAGE_COLOURS = [OKABE_ITO[k] for k in ("sky", "blue", "green", "orange", "purple", "yellow", "black")]
PERIOD_WORD = {"week": "weekly", "month": "monthly"}


def _colour(hex_code: str, alpha: int = 255) -> QColor:
    c = QColor(hex_code)
    c.setAlpha(alpha)
    return c


def _date(ts: Any, fmt: str = "d MMM yyyy") -> str:
    return QLocale().toString(QDate(ts.year, ts.month, ts.day), fmt)




def _count(value: int) -> str:
    return QLocale().toString(int(value))


class PercentAxis(pg.AxisItem):
    """A value axis for proportions, labelled 0%..100%."""

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing * 100 >= 1 else 1
        return [f"{100 * v:.{decimals}f}%" for v in values]


def _style_axis(ax: pg.AxisItem) -> None:
    fg = plotting.text_colour()
    ax.setPen(pg.mkPen(fg))
    ax.setTextPen(pg.mkPen(fg))


def _legend_icon(kind: str, colour: str = "") -> QPixmap:
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
        p.setBrush(_colour(BAND, 70))
        p.drawRect(QRectF(6, 1, 18, 14))
    elif kind == "revision":
        pen = QPen(QColor(REVISION), 2)
        pen.setStyle(Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(QPointF(15, 0), QPointF(15, 16))
    elif kind == "area":
        p.setPen(QPen(QColor(colour), 1))
        p.setBrush(_colour(colour, 150))
        p.drawRect(QRectF(6, 2, 18, 12))
    elif kind == "line":
        p.setPen(QPen(QColor(colour), 2))
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
    elif kind == "over":
        p.setPen(QPen(QColor(SIGNAL), 2.5))
        p.drawLine(QPointF(2, 8), QPointF(28, 8))
    elif kind == "box":
        p.setPen(QPen(QColor(POINT), 1))
        p.setBrush(_colour(OKABE_ITO["sky"], 140))
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
        """``(kind, text)`` or ``(kind, text, colour)`` per entry; see :func:`_legend_icon`."""
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
                    icon.setPixmap(_legend_icon(kind, colour))
                    icon.drawn = (kind, colour)  # type: ignore[attr-defined]
                if text.text() != label:
                    text.setText(label)
                cell.setVisible(True)
            else:
                cell.setVisible(False)
        self._layout.invalidate()
        self.updateGeometry()


class ChartFrame(QWidget):
    """Title, summary, plot and legend, with export to PNG/SVG and the clipboard.

    Right-clicking the plot opens :meth:`context_menu`; subclasses add their own
    actions before the export ones.
    """

    #: A file was written by an export (path).
    exported = Signal(str)

    export_name = "chart"

    def __init__(self, parent: QWidget | None = None, *, x_dates: bool = True, y_label: str = "",
                 percent_y: bool = False) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title_label)
        layout.addWidget(self.summary_label)

        self.plot = plotting.make_plot(self, y_label=y_label, x_dates=x_dates)
        self.plot.setMinimumHeight(220)
        if x_dates:
            self.plot.getAxis("bottom").utcOffset = 0  # periods are UTC; show them as such everywhere
        for name in ("left", "bottom"):  # major and one minor tick level: fewer, calmer grid lines
            self.plot.getAxis(name).setStyle(maxTickLevel=1)
        if percent_y:
            axis = PercentAxis("left")
            axis.enableAutoSIPrefix(False)
            axis.setStyle(maxTickLevel=1)
            self.plot.setAxisItems({"left": axis})
            _style_axis(axis)
            if y_label:
                self.plot.setLabel("left", y_label)
        self.plot_item: pg.PlotItem = self.plot.getPlotItem()
        self.vb: pg.ViewBox = self.plot_item.getViewBox()
        self.plot.scene().sigMouseClicked.connect(self._scene_clicked)

        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setObjectName("chartEmptyMessage")
        self._stack_host = QWidget()
        self._stack = QStackedLayout(self._stack_host)
        self._stack.addWidget(self.plot)
        self._stack.addWidget(self.message)
        layout.addWidget(self._stack_host, 1)
        self.legend = LegendRow()
        layout.addWidget(self.legend)

        #: The context menu on screen (or last shown).
        self.open_menu: QMenu | None = None
        self.copy_action = QAction(self.tr("&Copy chart to clipboard"), self)
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.triggered.connect(self.copy_to_clipboard)
        self.png_action = QAction(self.tr("Export &PNG…"), self)
        self.png_action.triggered.connect(lambda: self.export_dialog("png"))
        self.svg_action = QAction(self.tr("Export &SVG…"), self)
        self.svg_action.triggered.connect(lambda: self.export_dialog("svg"))

    # --- state ------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        """Replace the plot by an explanation (empty states)."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    def show_plot(self) -> None:
        self._stack.setCurrentWidget(self.plot)

    @property
    def has_plot(self) -> bool:
        return self._stack.currentWidget() is self.plot

    def set_title(self, title: str, summary: str = "") -> None:
        self.title_label.setText(title)
        self.summary_label.setText(summary)
        self.summary_label.setVisible(bool(summary))

    def title(self) -> str:
        return self.title_label.text()

    # --- export -----------------------------------------------------------------------------
    # The whole frame (title, summary, plot, legend) is exported, so a pasted chart explains
    # itself. plotting.export_png/export_svg call widget.render(painter), which PySide6 6.12
    # accepts only for graphics views; a plain QWidget needs the target offset as well.
    def export_png(self, path: str | Path, scale: float = 2.0) -> Path:
        path = Path(path)
        image = QImage(QSize(int(self.width() * scale), int(self.height() * scale)), QImage.Format.Format_ARGB32)
        image.fill(self.palette().color(self.backgroundRole()))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        self.render(painter, QPoint())
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"Could not write {path}")
        return path

    def export_svg(self, path: str | Path) -> Path:
        path = Path(path)
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(self.size())
        generator.setViewBox(QRect(0, 0, self.width(), self.height()))
        generator.setTitle(self.title() or "pdsa-desk chart")
        generator.setDescription("Exported from pdsa-desk")
        painter = QPainter(generator)
        self.render(painter, QPoint())
        painter.end()
        if not path.exists() or path.stat().st_size == 0:
            raise OSError(f"Could not write {path}")
        return path

    def copy_to_clipboard(self) -> None:
        plotting.copy_to_clipboard(self)

    def suggested_file_name(self, fmt: str) -> str:
        slug = re.sub(r"[^\w]+", "-", self.title().lower(), flags=re.UNICODE).strip("-")[:80]
        return f"{slug or self.export_name}.{fmt}"

    def export_dialog(self, fmt: str) -> Path | None:
        """Ask where to save, then export; returns the path written (None if cancelled)."""
        settings = QSettings()
        folder = str(settings.value("charts/export_dir", "") or "") or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.PicturesLocation
        )
        filters = {"png": self.tr("PNG image (*.png)"), "svg": self.tr("SVG vector image (*.svg)")}
        caption = self.tr("Export chart as PNG") if fmt == "png" else self.tr("Export chart as SVG")
        path, _ = QFileDialog.getSaveFileName(
            self, caption, str(Path(folder) / self.suggested_file_name(fmt)), filters[fmt]
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != f".{fmt}":
            target = target.with_suffix(f".{fmt}")
        written = self.export_png(target) if fmt == "png" else self.export_svg(target)
        settings.setValue("charts/export_dir", str(target.parent))
        self.exported.emit(str(written))
        return written

    # --- context menu -----------------------------------------------------------------------
    def context_menu(self, index: int | None = None) -> QMenu:
        """The right-click menu (``index``: the data point under the mouse, if any)."""
        menu = QMenu(self)
        self._add_menu_actions(menu, index)
        if menu.actions():
            menu.addSeparator()
        menu.addAction(self.png_action)
        menu.addAction(self.svg_action)
        menu.addAction(self.copy_action)
        return menu

    def _add_menu_actions(self, menu: QMenu, index: int | None) -> None:
        """Subclasses add chart-specific actions."""

    def index_at(self, scene_pos: QPointF) -> int | None:
        """The data point at a scene position (subclasses)."""
        return None

    def _scene_clicked(self, ev: Any) -> None:
        if ev.button() != Qt.MouseButton.RightButton or not self.vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        ev.accept()
        if self.open_menu is not None:
            self.open_menu.deleteLater()
        # popup(), not exec(): no nested event loop; the menu is kept until the next one
        self.open_menu = self.context_menu(self.index_at(ev.scenePos()))
        self.open_menu.popup(ev.screenPos().toPoint())


def _steps(t0: np.ndarray, t1: np.ndarray, y: np.ndarray, phase: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A stepped line: ``y[i]`` across ``[t0[i], t1[i])``, broken (NaN) between phases and at NaN values."""
    if not len(y):
        return np.zeros(0), np.zeros(0)
    xs = np.column_stack([t0, t1]).ravel()
    ys = np.repeat(y, 2)
    cut = np.flatnonzero(phase[1:] != phase[:-1]) + 1  # break before these points
    if len(cut):
        at = cut * 2
        xs = np.insert(xs, at, np.nan)
        ys = np.insert(ys, at, np.nan)
    return xs, ys


class ConversionChart(ChartFrame):
    """Draws a :class:`~pdsa_desk.core.charts.ConversionSeries`.

    Points (filled circles) sit in the middle of their period; points that
    signal are vermillion triangles; immature cohorts are hollow; the centre
    line is green (vermillion dash-dot where the runs analysis signals);
    control limits are grey dashed steps; PDSA cycles are shaded orange bands
    with their title; standard revisions are purple dashed vertical lines.

    With ``phase_menu`` the right-click menu offers "Freeze baseline here",
    "Start new phase here" and "Clear baseline and phases"; the widget only
    emits the requests (the owner keeps the state and recomputes the series).
    """

    freeze_baseline_requested = Signal(int)
    new_phase_requested = Signal(int)
    clear_phases_requested = Signal()

    export_name = "conversion"

    def __init__(self, parent: QWidget | None = None, *, phase_menu: bool = True) -> None:
        super().__init__(parent, percent_y=True, y_label=self.tr("Conversion"))
        self.phase_menu = phase_menu
        self.series: ConversionSeries | None = None
        self.scope_label = ""
        self.highlighted_cycle: str | None = None
        self.vb.setMouseEnabled(x=True, y=False)
        self._hollow_brush = pg.mkBrush(self.plot.backgroundBrush().color())

        pi = self.plot_item
        # Width-1 cosmetic pens take Qt's fast path: a 1.5 px antialiased line costs ~5x more to paint.
        self.line = pg.PlotDataItem(pen=pg.mkPen(_colour(POINT, 190), width=1), connect="finite")
        self.line_immature = pg.PlotDataItem(
            pen=pg.mkPen(_colour(POINT, 170), width=1, style=Qt.PenStyle.DotLine), connect="finite"
        )
        # Steps are horizontal and vertical: no antialiasing needed, and dashed antialiased paths are slow.
        self.cl_curve = pg.PlotDataItem(pen=pg.mkPen(CENTRE, width=2), connect="finite", antialias=False)
        self.cl_signal_curve = pg.PlotDataItem(
            pen=pg.mkPen(SIGNAL, width=2, style=Qt.PenStyle.DashDotLine), connect="finite", antialias=False
        )
        limit_pen = pg.mkPen(LIMIT, width=1.5, style=Qt.PenStyle.DashLine)
        self.ucl_curve = pg.PlotDataItem(pen=limit_pen, connect="finite", antialias=False)
        self.lcl_curve = pg.PlotDataItem(pen=limit_pen, connect="finite", antialias=False)
        self.points = pg.ScatterPlotItem(symbol=plotting.POINT_SYMBOL, size=7, pen=pg.mkPen(POINT),
                                         brush=pg.mkBrush(POINT))
        self.immature = pg.ScatterPlotItem(symbol=plotting.POINT_SYMBOL, size=8, pen=pg.mkPen(POINT, width=1.5),
                                           brush=self._hollow_brush)
        self.signals = pg.ScatterPlotItem(symbol=plotting.SIGNAL_SYMBOL, size=12, pen=pg.mkPen(SIGNAL),
                                          brush=pg.mkBrush(SIGNAL))
        self.hover_marker = pg.ScatterPlotItem(symbol="o", size=16, pen=pg.mkPen(plotting.text_colour(), width=1.5),
                                               brush=pg.mkBrush(None))
        for item in (self.ucl_curve, self.lcl_curve, self.cl_curve, self.cl_signal_curve, self.line,
                     self.line_immature, self.points, self.immature, self.signals, self.hover_marker):
            pi.addItem(item)
        for z, item in enumerate((self.ucl_curve, self.lcl_curve, self.cl_curve, self.cl_signal_curve, self.line,
                                  self.line_immature, self.points, self.immature, self.signals, self.hover_marker)):
            item.setZValue(10 + z)
        self.band_items: list[pg.LinearRegionItem] = []
        self.band_labels: list[pg.TextItem] = []
        self.revision_items: list[pg.InfiniteLine] = []
        self.revision_labels: list[pg.TextItem] = []
        self._hover_index: int | None = None
        self._y_data = (0.0, 1.0)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        # Cycle titles are laid out once per paint, not on every range change: a switch changes the
        # ranges several times, and each layout moves every label (see _layout_band_labels).
        self._label_layout = plotting.LayoutBeforePaint(self.plot, lambda: self._layout_band_labels())

        self.freeze_action = QAction(self.tr("&Freeze baseline here"), self)
        self.phase_action = QAction(self.tr("Start &new phase here"), self)
        self.clear_action = QAction(self.tr("C&lear baseline and phases"), self)
        self.freeze_action.triggered.connect(lambda: self._emit_at(self.freeze_baseline_requested))
        self.phase_action.triggered.connect(lambda: self._emit_at(self.new_phase_requested))
        self.clear_action.triggered.connect(self.clear_phases_requested)
        self._menu_index: int | None = None
        self.show_message(self.tr("Choose a transition to chart its conversion."))

    # --- drawing ----------------------------------------------------------------------------
    def set_series(self, series: ConversionSeries | None, scope_label: str = "") -> None:
        """Draw ``series`` (None clears the chart)."""
        self.series = series
        self.scope_label = scope_label
        self._hover_index = None
        self.hover_marker.setData([], [])
        if series is None:
            self._clear_items()
            self.set_title("")
            return
        frame = series.frame
        self.set_title(self._title_text(series), self._summary_text(series))
        if not len(frame):
            self._clear_items()
            self.show_message(self.tr("No opportunities have entered '{0}' in this scope yet, so there is no "
                                      "conversion to chart.").format(series.from_name))
            return
        self.show_plot()
        t0 = frame["t"].to_numpy()
        t1 = frame["t_end"].to_numpy()
        mid = (t0 + t1) / 2.0
        p = frame["p"].to_numpy()
        mature = frame["mature"].to_numpy(dtype=bool)
        signal = frame["signal"].to_numpy(dtype=bool)
        finite = np.isfinite(p)
        self._mid = mid

        mature_line = np.where(mature, p, np.nan)
        self.line.setData(mid, mature_line)
        imm = ~mature
        if imm.any():
            first = int(np.flatnonzero(imm)[0])
            lo = max(first - 1, 0)
            self.line_immature.setData(mid[lo:], p[lo:])
        else:
            self.line_immature.setData([], [])
        sel = finite & mature & ~signal
        self.points.setData(mid[sel], p[sel])
        sel = finite & imm
        self.immature.setData(mid[sel], p[sel])
        sel = finite & signal
        self.signals.setData(mid[sel], p[sel])

        phase = frame["phase"].to_numpy()
        cl = frame["cl"].to_numpy()
        runs_phase = {ph.phase for ph in series.phases if ph.runs_signal}
        in_runs = np.isin(phase, list(runs_phase))
        x, y = _steps(t0, t1, np.where(in_runs, np.nan, cl), phase)
        self.cl_curve.setData(x, y)
        x, y = _steps(t0, t1, np.where(in_runs, cl, np.nan), phase)
        self.cl_signal_curve.setData(x, y)
        if series.chart == "run":
            self.ucl_curve.setData([], [])
            self.lcl_curve.setData([], [])
        else:
            x, y = _steps(t0, t1, frame["ucl"].to_numpy(), phase)
            self.ucl_curve.setData(x, y)
            x, y = _steps(t0, t1, frame["lcl"].to_numpy(), phase)
            self.lcl_curve.setData(x, y)

        self._draw_bands(series)
        self._draw_revisions(series)
        self._set_legend(series)
        self._set_ranges(series, t0, t1)
        # Once, with the final x range: the headroom it adds to the y range is then set before the paint
        # (set during the paint, it would make a second paint of every band).
        self._label_layout.run()

    def _clear_items(self) -> None:
        for item in (self.line, self.line_immature, self.cl_curve, self.cl_signal_curve, self.ucl_curve,
                     self.lcl_curve, self.points, self.immature, self.signals):
            item.setData([], [])
        for band in self.band_items:
            band.hide()
        for label in self.band_labels:
            label.hide()
        for line in (*self.revision_items, *self.revision_labels):
            line.hide()

    def _title_text(self, s: ConversionSeries) -> str:
        kind = {"run": self.tr("run chart"), "p": self.tr("P chart"), "pp": self.tr("P′ chart (Laney)")}[s.chart]
        period = self.tr("Weekly") if s.period == "week" else self.tr("Monthly")
        scope = f" · {self.scope_label}" if self.scope_label else ""
        return f"{s.transition_label} — {period} {kind}{scope}"

    def _summary_text(self, s: ConversionSeries) -> str:
        if not len(s.frame):
            return ""
        parts = []
        rules = self.tr("IHI rules") if s.rules == "ihi" else self.tr("Anhøj rules")
        for ph in s.phases:
            label = self.tr("Phase {0}: ").format(ph.phase + 1) if len(s.phases) > 1 else ""
            centre = (self.tr("median {0}") if s.chart == "run" else self.tr("centre {0}")).format(formatting.pct(ph.cl))
            if s.rules == "ihi":
                runs = self.tr("{0} runs (expected {1}–{2})").format(ph.n_runs, ph.runs_min, ph.runs_max)
            else:
                runs = self.tr("longest run {0} (limit {1}), {2} crossings (min {3})").format(
                    ph.longest_run, ph.longest_run_max, ph.n_crossings, ph.n_crossings_min)
            verdict = self.tr(" — non-random variation") if ph.runs_signal else ""
            base = ""
            if s.baseline is not None:
                base = self.tr(", fixed on its first {0} points").format(ph.baseline_points)
            parts.append(f"{label}{centre}{base}; {runs}{verdict}")
        n_sig = s.n_signals
        signals = self.tr("{0} signalling point(s)").format(n_sig) if n_sig else self.tr("no signalling points")
        imm = len(s.frame) - s.n_mature
        tail = ""
        if imm:
            tail = self.tr(" Last {0} period(s) hollow: their {1}-day window is still open.").format(imm, s.window_days)
        return f"{rules}: " + "; ".join(parts) + f". {signals[0].upper()}{signals[1:]}." + tail

    def _set_legend(self, s: ConversionSeries) -> None:
        entries: list[tuple[str, str]] = [("point", self.tr("Conversion"))]
        if s.n_signals:
            entries.append(("signal", self.tr("Signal")))
        if not s.frame["mature"].all():
            entries.append(("immature", self.tr("Immature (window open)")))
        if any(not ph.runs_signal for ph in s.phases):
            entries.append(("centre", self.tr("Median") if s.chart == "run" else self.tr("Centre line")))
        if any(ph.runs_signal for ph in s.phases):
            entries.append(("runs", self.tr("Centre line, runs signal")))
        if s.chart != "run":
            entries.append(("limits", self.tr("3-sigma limits")))
        if s.bands:
            entries.append(("band", self.tr("PDSA cycle")))
        if s.revisions:
            entries.append(("revision", self.tr("Standard revised")))
        self.legend.set_entries(entries)

    def _pool(self, items: list, n: int, make: Any) -> list:
        while len(items) < n:
            item = make()
            self.plot_item.addItem(item, ignoreBounds=True)
            items.append(item)
        for i, item in enumerate(items):
            item.setVisible(i < n)
        return items[:n]

    def _draw_bands(self, s: ConversionSeries) -> None:
        def make_band() -> pg.LinearRegionItem:
            band = pg.LinearRegionItem(movable=False, pen=pg.mkPen(None))
            band.setZValue(-10)
            for line in band.lines:
                line.setPen(pg.mkPen(None))
                line.setHoverPen(pg.mkPen(None))
            return band

        def make_label() -> pg.TextItem:
            label = pg.TextItem(anchor=(0, 0), color=plotting.text_colour())
            label.setZValue(50)
            return label

        bands = self._pool(self.band_items, len(s.bands), make_band)
        labels = self._pool(self.band_labels, len(s.bands), make_label)
        for band, label, info in zip(bands, labels, s.bands, strict=True):
            strong = info.cycle_id == self.highlighted_cycle
            # Items are reused from switch to switch: only what differs is set (each call costs).
            region = (info.start.value / 1e9, info.end.value / 1e9)
            if getattr(band, "drawn_region", None) != region:
                band.setRegion(region)
                band.drawn_region = region  # type: ignore[attr-defined]
            if getattr(band, "drawn_strong", None) != strong:
                band.setBrush(pg.mkBrush(_colour(BAND, 110 if strong else 55)))
                band.setHoverBrush(pg.mkBrush(_colour(BAND, 110 if strong else 75)))
                for line in band.lines:
                    pen = pg.mkPen(BAND, width=2) if strong else pg.mkPen(None)
                    line.setPen(pen)
                    line.setHoverPen(pen)
                band.drawn_strong = strong  # type: ignore[attr-defined]
            tip = self.tr("PDSA cycle “{0}” ({1}), {2} – {3}").format(
                info.title, self._status_text(info.status), _date(info.start), _date(info.end - _one_day()))
            if getattr(band, "drawn_tip", None) != tip:
                band.setToolTip(tip)
                band.drawn_tip = tip  # type: ignore[attr-defined]
            if getattr(label, "full_text", None) != info.title:
                label.setText(info.title)
                label.full_text = info.title  # type: ignore[attr-defined]
            if getattr(label, "drawn_strong", None) != strong:
                font = QFont(label.textItem.font())
                font.setBold(strong)
                label.setFont(font)
                label.drawn_strong = strong  # type: ignore[attr-defined]
            label.lane_x = region[0]  # type: ignore[attr-defined]

    def _status_text(self, status: str) -> str:
        return {"plan": self.tr("planned"), "do": self.tr("running"), "study": self.tr("in Study"),
                "act": self.tr("awaiting a decision"), "closed": self.tr("closed")}.get(status, status)

    def _draw_revisions(self, s: ConversionSeries) -> None:
        def make_line() -> pg.InfiniteLine:
            line = pg.InfiniteLine(angle=90, movable=False,
                                   pen=pg.mkPen(REVISION, width=2, style=Qt.PenStyle.DashLine))
            line.setZValue(5)
            return line

        def make_label() -> pg.TextItem:
            label = pg.TextItem(anchor=(0, 0), color=REVISION)
            label.setZValue(50)
            return label

        lines = self._pool(self.revision_items, len(s.revisions), make_line)
        labels = self._pool(self.revision_labels, len(s.revisions), make_label)
        for line, label, rev in zip(lines, labels, s.revisions, strict=True):
            line.setPos(rev.when.value / 1e9)
            text = self.tr("{0} revised").format(rev.stage_name)
            if getattr(label, "full_text", None) != text:
                label.full_text = text  # type: ignore[attr-defined]
                label.setText(text)
            label.lane_x = rev.when.value / 1e9  # type: ignore[attr-defined]
            line.setToolTip(self.tr("Standard of “{0}” revised on {1}: what counts as reaching the stage changed "
                                    "here.").format(rev.stage_name, _date(rev.when)))

    def _set_ranges(self, s: ConversionSeries, t0: np.ndarray, t1: np.ndarray) -> None:
        frame = s.frame
        values = np.concatenate([frame[c].to_numpy(dtype=float) for c in ("p", "ucl", "lcl", "cl")])
        values = values[np.isfinite(values)]
        lo = float(values.min()) if values.size else 0.0
        hi = float(values.max()) if values.size else 1.0
        pad = max(0.02, 0.04 * (hi - lo))
        lo -= pad
        hi += pad
        self._y_data = (lo, hi)
        x0, x1 = float(t0[0]), float(t1[-1])
        for b in s.bands:
            x0 = min(x0, b.start.value / 1e9)
            x1 = max(x1, b.end.value / 1e9)
        span = x1 - x0
        self.vb.setLimits(xMin=x0 - span * 0.1, xMax=x1 + span * 0.1)
        self.vb.setXRange(x0, x1, padding=0.01)
        self.vb.setYRange(lo, hi, padding=0)

    def _layout_band_labels(self, *_: Any) -> None:
        """Put cycle titles and revision labels at the top of the plot, in rows that do not overlap.

        Runs before a paint when the ranges or the series changed (once, however many range changes a
        switch makes). Rows depend on x alone, so they are found first; then the y range is raised to
        make room for them; then each label is placed (moved or re-elided only if that changed)."""
        labels = [lab for lab in (*self.band_labels, *self.revision_labels) if lab.isVisible()]
        if not labels or self.series is None:
            return
        (x0, x1), _ = self.vb.viewRange()
        px_w, _ = self.vb.viewPixelSize()
        if not px_w > 0:
            return
        row_end: list[float] = []
        placed = []
        for label in sorted(labels, key=lambda lab: lab.lane_x):  # type: ignore[attr-defined]
            metrics = QFontMetrics(label.textItem.font())
            start = max(label.lane_x, x0)  # type: ignore[attr-defined]
            room = max(60, int((x1 - start) / px_w) - 14)
            full = label.full_text  # type: ignore[attr-defined]
            text = metrics.elidedText(full, Qt.TextElideMode.ElideRight, room)
            if label.textItem.toPlainText() != text:
                label.setText(text)
            width = (metrics.horizontalAdvance(text) + 14) * px_w
            row = next((i for i, end in enumerate(row_end) if end < start), len(row_end))
            if row == len(row_end):
                row_end.append(start + width)
            else:
                row_end[row] = start + width
            placed.append((label, start, row, metrics.height() + 2))
        self._make_headroom(len(row_end), QFontMetrics(labels[0].textItem.font()).height() + 2)
        (_x0, _x1), (_y0, y1) = self.vb.viewRange()
        _, px_h = self.vb.viewPixelSize()
        if not px_h > 0:
            return
        for label, start, row, row_px in placed:
            pos = (start, y1 - row * row_px * px_h)
            if getattr(label, "laid_at", None) != pos:
                label.setPos(*pos)
                label.laid_at = pos  # type: ignore[attr-defined]

    def _make_headroom(self, rows: int, row_px: float) -> None:
        """Raise the top of the y range so that ``rows`` label rows sit above the data."""
        lo, hi = self._y_data
        height = self.vb.height()
        k = (rows * row_px + 12) / height if height > 0 else 0.0
        if not 0.0 <= k < 0.6:
            return
        top = (hi - k * lo) / (1.0 - k)
        (_x0, _x1), (y0, y1) = self.vb.viewRange()
        if abs(y1 - top) > 1e-3 * max(hi - lo, 1e-9) or abs(y0 - lo) > 1e-3 * max(hi - lo, 1e-9):
            self.vb.setYRange(lo, top, padding=0)

    # --- reading the chart ------------------------------------------------------------------
    def index_at(self, scene_pos: QPointF) -> int | None:
        """The period under a scene position (None outside the plot or the data)."""
        if self.series is None or not len(self.series.frame):
            return None
        if not self.vb.sceneBoundingRect().contains(scene_pos):
            return None
        x = self.vb.mapSceneToView(scene_pos).x()
        return self.index_at_x(x)

    def index_at_x(self, x: float) -> int | None:
        if self.series is None or not len(self.series.frame):
            return None
        frame = self.series.frame
        t0 = frame["t"].to_numpy()
        pos = int(np.searchsorted(t0, x, side="right")) - 1
        if pos < 0 or x >= frame["t_end"].iat[pos]:
            return None
        return pos

    def point_text(self, index: int) -> str:
        """What hovering a point says: period, x/n, rate, interval, and why it matters."""
        s = self.series
        assert s is not None
        row = s.frame.iloc[index]
        when = (self.tr("Week of {0}").format(_date(row["period"])) if s.period == "week"
                else _date(row["period"], "MMMM yyyy"))
        if row["n"] == 0:
            return self.tr("{0} — no opportunities entered “{1}”").format(when, s.from_name)
        text = self.tr("{0} — {1}/{2} = {3} (95% CI {4}–{5})").format(
            when, int(row["x"]), int(row["n"]), formatting.pct(row["p"]), formatting.pct(row["low"])[:-1], formatting.pct(row["high"]))
        lines = [text]
        if math.isfinite(row["cl"]):
            centre = self.tr("Median {0}") if s.chart == "run" else self.tr("Centre {0}")
            line = centre.format(formatting.pct(row["cl"]))
            if s.chart != "run" and math.isfinite(row["lcl"]):
                line += self.tr(", limits {0}–{1}").format(formatting.pct(row["lcl"])[:-1], formatting.pct(row["ucl"]))
            lines.append(line)
        reasons = []
        if row["sig_limit"]:
            reasons.append(self.tr("above the upper limit") if row["p"] > row["ucl"] else
                           self.tr("below the lower limit"))
        if row["sig_run"]:
            reasons.append(self.tr("part of a run too long for chance"))
        if row["sig_shift"]:
            reasons.append(self.tr("shift (6+ points on one side of the median)"))
        if row["sig_trend"]:
            reasons.append(self.tr("trend (5+ points going one way)"))
        if row["sig_astro"]:
            reasons.append(self.tr("astronomical point"))
        if reasons:
            lines.append(self.tr("Signal: {0}").format("; ".join(reasons)))
        if not row["mature"]:
            closes = row["period_end"] + _days(s.window_days)
            lines.append(self.tr("Immature: its {0}-day window closes {1}; not used for the centre line, limits "
                                 "or signals.").format(s.window_days, _date(closes)))
        for band in s.bands:
            if band.start < row["period_end"] and row["period"] < band.end:
                lines.append(self.tr("During cycle “{0}”").format(band.title))
        return "\n".join(lines)

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        index = self.index_at(scene_pos)
        if index is None or not np.isfinite(self.series.frame["p"].iat[index]):  # type: ignore[union-attr]
            if self._hover_index is not None:
                self._hover_index = None
                self.hover_marker.setData([], [])
                QToolTip.hideText()
            return
        if index != self._hover_index:
            self._hover_index = index
            self.hover_marker.setData([self._mid[index]], [self.series.frame["p"].iat[index]])  # type: ignore[union-attr]
        view_pos = self.plot.mapFromScene(scene_pos)
        QToolTip.showText(self.plot.mapToGlobal(view_pos), self.point_text(index), self.plot)

    # --- baseline / phase requests ----------------------------------------------------------
    def _add_menu_actions(self, menu: QMenu, index: int | None) -> None:
        if not self.phase_menu or self.series is None:
            return
        self._menu_index = index
        frame = self.series.frame
        ok = index is not None and bool(frame["mature"].iat[index])
        self.freeze_action.setEnabled(ok)
        self.phase_action.setEnabled(ok and index > 0 and index not in self.series.breaks)
        why = ""
        if index is None:
            why = self.tr("Right-click a point")
        elif not frame["mature"].iat[index]:
            why = self.tr("Immature points take no part in the centre line or limits")
        self.freeze_action.setToolTip(why)
        self.phase_action.setToolTip(why)
        self.clear_action.setEnabled(self.series.baseline is not None or bool(self.series.breaks))
        menu.setToolTipsVisible(True)
        menu.addAction(self.freeze_action)
        menu.addAction(self.phase_action)
        menu.addAction(self.clear_action)

    def _emit_at(self, signal: Any) -> None:
        if self._menu_index is not None:
            signal.emit(self._menu_index)

    def highlight_cycle(self, cycle_id: str | None) -> None:
        """Emphasise one cycle's band (None: none)."""
        self.highlighted_cycle = cycle_id
        if self.series is not None and len(self.series.frame):
            self._draw_bands(self.series)
            self._label_layout.mark()
            self.vb.update()

    # --- counts, for tests and reports ------------------------------------------------------
    def plotted_points(self) -> int:
        return len(self.points.data) + len(self.immature.data) + len(self.signals.data)


def _days(n: int) -> Any:
    import pandas as pd

    return pd.Timedelta(days=n)


def _one_day() -> Any:
    return _days(1)


class FunnelChart(ChartFrame):
    """Volume per stage (horizontal bars, first stage on top) with the step conversion."""

    export_name = "funnel"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_dates=False)
        self.plot.setLabel("bottom", self.tr("Opportunities that reached the stage"))
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.vb.setMouseEnabled(x=False, y=False)
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brush=_colour(POINT, 200), pen=pg.mkPen(None))
        self.plot_item.addItem(self.bars)
        self.labels: list[pg.TextItem] = []
        self.data: FunnelData | None = None
        self.legend.set_entries([("area", self.tr("Opportunities per stage"), POINT)])

    def set_data(self, data: FunnelData | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        if data is None or not len(data.frame) or int(data.frame["n"].sum()) == 0:
            self.bars.setOpts(x0=[], y=[], width=[], height=0.6)
            for label in self.labels:
                label.hide()
            self.set_title(self.tr("Stage funnel"))
            self.show_message(self.tr("No opportunities in this scope and range yet."))
            return
        self.show_plot()
        frame = data.frame
        k = len(frame)
        y = np.arange(k)[::-1].astype(float)
        n = frame["n"].to_numpy(dtype=float)
        self.bars.setOpts(x0=np.zeros(k), y=y, width=n, height=0.6)
        while len(self.labels) < k:
            label = pg.TextItem(anchor=(0, 0.5), color=plotting.text_colour())
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            label.setVisible(i < k)
        for i, row in enumerate(frame.itertuples()):
            text = _count(row.n)
            if i > 0:
                text += self.tr("  ·  {0} of previous").format(formatting.pct(row.step_p))
                text += self.tr(", {0} of first").format(formatting.pct(row.share))
            self.labels[i].setText(text)
            self.labels[i].setPos(float(row.n), float(y[i]))
        ax = self.plot.getAxis("left")
        ax.setTicks([[(float(y[i]), str(name)) for i, name in enumerate(frame["name"])], []])
        top = float(n.max()) if n.size else 1.0
        self.vb.setRange(xRange=(0, top * 1.55), yRange=(-0.6, k - 0.4), padding=0)
        first = frame["n"].iloc[0]
        last = frame["n"].iloc[-1]
        title = self.tr("Stage funnel")
        if scope_label:
            title += f" · {scope_label}"
        if range_label:
            title += f" · {range_label}"
        summary = self.tr("Opportunities by the first time they entered each stage; {0} of {1} reached “{2}” "
                          "({3}).").format(_count(last), _count(first), frame["name"].iloc[-1],
                                           formatting.pct(last / first if first else math.nan))
        self.set_title(title, summary)

    def bar_count(self) -> int:
        return len(self.bars.opts.get("width") if self.bars.opts.get("width") is not None else [])


class FlowChart(ChartFrame):
    """A cumulative flow diagram: work in progress per stage per day, stacked, with WIP limits.

    Stacked (default): each stage is a band, the most advanced stage at the
    bottom; days a stage is over its WIP limit are traced in thick vermillion
    along the band's top. Unstacked: one line per stage with its limit dashed.
    """

    export_name = "flow"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, y_label=self.tr("Open opportunities"))
        self.stack_box = QCheckBox(self.tr("&Stacked"))
        self.stack_box.setChecked(True)
        self.stack_box.setToolTip(self.tr("Stack the stages (cumulative flow) or draw one line per stage with its "
                                          "WIP limit"))
        self.stack_box.toggled.connect(lambda _checked: self._redraw())
        header = self.layout().itemAt(0).widget()  # the title label
        row = QHBoxLayout()
        self.layout().removeWidget(header)
        row.addWidget(header, 1)
        row.addWidget(self.stack_box)
        self.layout().insertLayout(0, row)
        self.curves: list[pg.PlotDataItem] = []
        self.fills: list[pg.FillBetweenItem] = []
        self.over_curves: list[pg.PlotDataItem] = []
        self.limit_lines: list[pg.InfiniteLine] = []
        self.baseline_curve = pg.PlotDataItem(pen=pg.mkPen(None))
        self.plot_item.addItem(self.baseline_curve)
        self.data: FlowData | None = None
        self._labels = ("", "")
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    @property
    def stacked(self) -> bool:
        return self.stack_box.isChecked()

    def set_data(self, data: FlowData | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        self._labels = (scope_label, range_label)
        self._redraw()

    def _ensure(self, k: int) -> None:
        while len(self.curves) < k:
            i = len(self.curves)
            colour = STAGE_COLOURS[i % len(STAGE_COLOURS)]
            curve = pg.PlotDataItem(pen=pg.mkPen(colour, width=1.2))
            self.plot_item.addItem(curve)
            below = self.baseline_curve if i == 0 else self.curves[i - 1]
            fill = pg.FillBetweenItem(curve, below, brush=pg.mkBrush(_colour(colour, 130)))
            fill.setZValue(-5)
            self.plot_item.addItem(fill)
            over = pg.PlotDataItem(pen=pg.mkPen(SIGNAL, width=2.5), connect="finite")
            over.setZValue(20)
            self.plot_item.addItem(over)
            limit = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            self.plot_item.addItem(limit, ignoreBounds=True)
            self.curves.append(curve)
            self.fills.append(fill)
            self.over_curves.append(over)
            self.limit_lines.append(limit)

    def _redraw(self) -> None:
        data = self.data
        scope_label, range_label = self._labels
        title = self.tr("Cumulative flow")
        if scope_label:
            title += f" · {scope_label}"
        if range_label:
            title += f" · {range_label}"
        if data is None or not len(data.wip):
            for items in (self.curves, self.over_curves):
                for item in items:
                    item.setData([], [])
            for item in self.fills + self.limit_lines:
                item.hide()
            self.set_title(title)
            self.show_message(self.tr("No stage moves in this scope and range yet."))
            return
        self.show_plot()
        wip = data.wip
        stages = list(wip.columns)
        k = len(stages)
        self._ensure(k)
        t = data.t
        order = stages[::-1]  # the most advanced stage at the bottom
        cum = np.zeros(len(t))
        self.baseline_curve.setData(t, cum.copy())
        entries: list[tuple[str, str, str]] = []
        any_over = False
        for i, item in enumerate(self.curves):
            visible = i < k
            item.setVisible(visible)
            self.fills[i].setVisible(visible and self.stacked)
            self.over_curves[i].setVisible(visible)
            self.limit_lines[i].setVisible(False)
        for i, stage in enumerate(order):
            colour = STAGE_COLOURS[stages.index(stage) % len(STAGE_COLOURS)]
            values = wip[stage].to_numpy(dtype=float)
            curve = self.curves[i]
            curve.setPen(pg.mkPen(colour, width=1.2 if self.stacked else 2))
            self.fills[i].setBrush(pg.mkBrush(_colour(colour, 130)))
            top = cum + values if self.stacked else values
            curve.setData(t, top)
            over = data.over[stage].to_numpy(dtype=bool) if data.limits_apply else np.zeros(len(t), bool)
            any_over |= bool(over.any())
            # include the neighbours so that single days show as a segment
            show = over | np.r_[over[1:], False] | np.r_[False, over[:-1]]
            self.over_curves[i].setData(t, np.where(show & (over | np.r_[over[1:], False]), top, np.nan))
            limit = float(data.limits[stage])
            line = self.limit_lines[i]
            line.setPen(pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DashLine))
            if not self.stacked and data.limits_apply and math.isfinite(limit):
                line.setPos(limit)
                line.setVisible(True)
            if self.stacked:
                cum = top
        for stage in stages:
            colour = STAGE_COLOURS[stages.index(stage) % len(STAGE_COLOURS)]
            name = str(data.names[stage])
            limit = float(data.limits[stage])
            if data.limits_apply and math.isfinite(limit):
                name += self.tr(" (limit {0})").format(int(limit))
            entries.append(("area" if self.stacked else "line", name, colour))
        if any_over:
            entries.append(("over", self.tr("Over WIP limit")))
        self.legend.set_entries(entries)
        ymax = float(np.nanmax(cum if self.stacked else wip.to_numpy(dtype=float))) if len(t) else 1.0
        if not self.stacked and data.limits_apply:
            ymax = max(ymax, float(np.nanmax(data.limits.to_numpy(dtype=float), initial=0.0)))
        self.vb.setRange(xRange=(float(t[0]), float(t[-1])), yRange=(0, max(1.0, ymax * 1.05)), padding=0.01)
        last = wip.iloc[-1]
        summary = self.tr("Open opportunities per stage at the end of each day; {0} open on {1}.").format(
            _count(int(last.sum())), _date(wip.index[-1]))
        if not data.limits_apply:
            summary += self.tr(" WIP limits apply to the whole workspace, so they are shown for “All” only.")
        elif any_over:
            over_now = [str(data.names[s]) for s in stages if bool(data.over[s].iloc[-1])]
            if over_now:
                summary += self.tr(" Over the limit now: {0}.").format(", ".join(over_now))
        self.set_title(title, summary)

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        data = self.data
        if data is None or not len(data.wip) or not self.vb.sceneBoundingRect().contains(scene_pos):
            return
        x = self.vb.mapSceneToView(scene_pos).x()
        t = data.t
        i = int(np.clip(np.searchsorted(t, x) , 0, len(t) - 1))
        row = data.wip.iloc[i]
        lines = [_date(data.wip.index[i])]
        for stage in data.wip.columns:
            text = f"{data.names[stage]}: {int(row[stage])}"
            limit = float(data.limits[stage])
            if data.limits_apply and math.isfinite(limit):
                text += f" / {int(limit)}"
                if row[stage] > limit:
                    text += self.tr(" — over the limit")
            lines.append(text)
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), "\n".join(lines), self.plot)

    def area_count(self) -> int:
        return sum(1 for f in self.fills if f.isVisible())


class TimeInStageChart(ChartFrame):
    """Time in stage per stage as horizontal box plots (completed visits).

    Box: 25th–75th percentile with the median; whiskers: 10th–90th
    percentile; diamond: the 85th percentile (the aging threshold).
    """

    export_name = "time-in-stage"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, x_dates=False)
        self.plot.setLabel("bottom", self.tr("Days in stage"))
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.vb.setMouseEnabled(x=True, y=False)
        self.boxes = pg.BarGraphItem(x0=[], y=[], height=0.5, width=[], brush=_colour(OKABE_ITO["sky"], 140),
                                     pen=pg.mkPen(POINT))
        self.whiskers = pg.PlotDataItem(pen=pg.mkPen(plotting.text_colour(), width=1.5), connect="finite")
        self.medians = pg.PlotDataItem(pen=pg.mkPen(plotting.text_colour(), width=2.5), connect="finite")
        self.p85 = pg.ScatterPlotItem(symbol="d", size=10, pen=pg.mkPen(REVISION), brush=pg.mkBrush(REVISION))
        for item in (self.whiskers, self.boxes, self.medians, self.p85):
            self.plot_item.addItem(item)
        self.labels: list[pg.TextItem] = []
        self.data: DurationData | None = None
        self.legend.set_entries([
            ("box", self.tr("Middle half of visits, with the median")),
            ("whisker", self.tr("10th–90th percentile")),
            ("p85", self.tr("85th percentile (aging threshold)")),
        ])
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)

    def set_data(self, data: DurationData | None, scope_label: str = "", range_label: str = "") -> None:
        self.data = data
        title = self.tr("Time in stage")
        if scope_label:
            title += f" · {scope_label}"
        if range_label:
            title += f" · {range_label}"
        summary_frame = None if data is None else data.summary[data.summary["n"] > 0]
        if summary_frame is None or not len(summary_frame):
            self.boxes.setOpts(x0=[], y=[], width=[], height=0.5)
            for item in (self.whiskers, self.medians, self.p85):
                item.setData([], [])
            for label in self.labels:
                label.hide()
            self.set_title(title)
            self.show_message(self.tr("No completed stage visits in this scope and range yet."))
            return
        self.show_plot()
        s = data.summary
        k = len(s)
        y = np.arange(k)[::-1].astype(float)
        has = s["n"].to_numpy() > 0
        p25, p75 = s["p25"].to_numpy(), s["p75"].to_numpy()
        self.boxes.setOpts(x0=np.where(has, p25, 0)[has], y=y[has], width=(p75 - p25)[has], height=0.5)
        nan = np.full(k, np.nan)
        wx = np.column_stack([s["p10"], s["p25"], nan, s["p75"], s["p90"], nan]).ravel()
        wy = np.column_stack([y, y, nan, y, y, nan]).ravel()
        self.whiskers.setData(wx, wy)
        mx = np.column_stack([s["median"], s["median"], nan]).ravel()
        my = np.column_stack([y - 0.25, y + 0.25, nan]).ravel()
        self.medians.setData(mx, my)
        self.p85.setData(s["p85"].to_numpy()[has], y[has])
        while len(self.labels) < k:
            label = pg.TextItem(anchor=(0, 0.5), color=plotting.text_colour())
            self.plot_item.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for i, label in enumerate(self.labels):
            label.setVisible(i < k)
        for i, row in enumerate(s.itertuples()):
            if row.n:
                self.labels[i].setText(self.tr("median {0:.1f} d · n {1}").format(row.median, _count(row.n)))
                self.labels[i].setPos(float(row.p90), float(y[i]))
            else:
                self.labels[i].setText(self.tr("no completed visits"))
                self.labels[i].setPos(0.0, float(y[i]))
        ax = self.plot.getAxis("left")
        ax.setTicks([[(float(y[i]), str(name)) for i, name in enumerate(s["name"])], []])
        right = float(np.nanmax(s["p90"].to_numpy()))
        self.vb.setLimits(xMin=0)
        self.vb.setRange(xRange=(0, right * 1.45), yRange=(-0.6, k - 0.4), padding=0)
        self.set_title(title, self.tr("Completed stage visits (until the next stage move or close), in days."))

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        data = self.data
        if data is None or not self.vb.sceneBoundingRect().contains(scene_pos):
            return
        k = len(data.summary)
        pos = self.vb.mapSceneToView(scene_pos)
        i = k - 1 - int(round(pos.y()))
        if not 0 <= i < k:
            return
        row = data.summary.iloc[i]
        if not row["n"]:
            return
        text = self.tr("{0}: {1} completed visits\nmedian {2:.1f} days, middle half {3:.1f}–{4:.1f} days\n"
                       "10th–90th percentile {5:.1f}–{6:.1f} days; 85th percentile {7:.1f} days").format(
            row["name"], _count(row["n"]), row["median"], row["p25"], row["p75"], row["p10"], row["p90"], row["p85"])
        QToolTip.showText(self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos)), text, self.plot)

    def box_count(self) -> int:
        width = self.boxes.opts.get("width")
        return 0 if width is None else len(width)


__all__ = [
    "ChartFrame",
    "ConversionChart",
    "FlowChart",
    "FunnelChart",
    "LegendRow",
    "PercentAxis",
    "TimeInStageChart",
]


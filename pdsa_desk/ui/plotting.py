"""Shared plotting conventions (pyqtgraph): palette, a configured plot widget, and export.

Colours are colour-blind safe (Okabe-Ito), and every signal is also drawn with a
distinct marker shape so that colour is never the only cue.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QDate, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from pdsa_desk.ui import formatting
from pdsa_desk.ui.palette import OKABE_ITO

POINT = OKABE_ITO["blue"]
SIGNAL = OKABE_ITO["vermillion"]
CENTRE = OKABE_ITO["green"]
LIMIT = "#7f7f7f"
BAND = OKABE_ITO["orange"]
REVISION = OKABE_ITO["purple"]
#: Phases and frozen baselines the team declared (dotted vertical lines): a brown legible on light and dark.
PHASE = "#A0522D"
#: Marketing initiatives (hatched spans, dash-dot start line): apart from the cycles' solid orange bands.
INITIATIVE = OKABE_ITO["sky"]
#: Marker shapes: ordinary points are circles, signals triangles (shape + colour).
POINT_SYMBOL = "o"
SIGNAL_SYMBOL = "t1"

pg.setConfigOptions(antialias=True)


def is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def text_colour() -> QColor:
    if QGuiApplication.instance() is None:
        return QColor("black")
    return QGuiApplication.palette().color(QPalette.ColorRole.WindowText)


class CountAxis(pg.AxisItem):
    """A value axis whose ticks are grouped in the user's locale (``1,000`` / ``1.000``), never SI-scaled."""

    def __init__(self, orientation: str, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        decimals = 0 if spacing >= 1 else 1
        return [formatting.number(v * scale, decimals) if v >= 0 else "" for v in values]  # no negative counts


class LocaleDateAxis(pg.DateAxisItem):
    """pyqtgraph's date axis (its tick spacing) with the ticks written in the user's locale: years, months
    (``Dec 2026`` / ``Dez. 2026``) or days (``12/4`` / ``04.12.``) — not pyqtgraph's English strftime."""

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        days = spacing / 86_400
        out = []
        for value in values:
            try:
                stamp = pg.graphicsItems.DateAxisItem.adjustTimestampToPreferredUtcOffset(value, self.utcOffset)
                day = datetime.fromtimestamp(stamp, UTC)
            except (OverflowError, OSError, ValueError):
                out.append("")
                continue
            if days >= 300:
                out.append(str(day.year))
            elif days >= 28:
                out.append(formatting.locale().toString(QDate(day.year, day.month, 1), "MMM yyyy"))
            else:
                out.append(formatting.day_month(day.date()))
        return out


def make_plot(parent: QWidget | None = None, *, y_label: str = "", x_dates: bool = True) -> pg.PlotWidget:
    """A PlotWidget that follows the palette, with a date axis when asked and counts grouped by locale."""
    axis: dict[str, pg.AxisItem] = {"left": CountAxis("left")}
    axis["bottom"] = LocaleDateAxis(orientation="bottom") if x_dates else CountAxis("bottom")
    plot = pg.PlotWidget(parent=parent, axisItems=axis)
    if QGuiApplication.instance() is not None:
        plot.setBackground(QGuiApplication.palette().color(QPalette.ColorRole.Base))
    fg = text_colour()
    for name in ("left", "bottom"):
        ax = plot.getAxis(name)
        ax.setPen(pg.mkPen(fg))
        ax.setTextPen(pg.mkPen(fg))
    # Every axis, shown or hidden, rewrites its label as HTML on each range change while it picks SI prefixes:
    # the hidden top and right ones did that 50 times (0.12 s at 1M) when a chart was first laid out.
    for name in ("top", "right", "left", "bottom"):
        plot.getAxis(name).enableAutoSIPrefix(False)
    plot.showGrid(x=False, y=True, alpha=0.15)
    if y_label:
        plot.setLabel("left", y_label)
    plot.setMenuEnabled(False)  # our own context menus replace pyqtgraph's
    return plot


class LayoutBeforePaint:
    """Runs ``layout`` once before the next paint after the plot's ranges or size changed (or :meth:`mark`).

    Labels placed in pixels must follow the view, but a chart switch changes the ranges several times:
    laying out on every change would move each label many times per paint. Range changes the layout makes
    itself (raising the y range for headroom) do not ask for another layout."""

    def __init__(self, plot: pg.PlotWidget, layout: Callable[[], None]) -> None:
        self._layout = layout
        self.dirty = False
        self._running = False
        vb = plot.getPlotItem().getViewBox()
        vb.sigRangeChanged.connect(self.mark)
        vb.sigResized.connect(self.mark)
        plot.scene().sigPrepareForPaint.connect(self._before_paint)

    def mark(self, *_: Any) -> None:
        if not self._running:
            self.dirty = True

    def run(self) -> None:
        """Lay out now (e.g. before the first paint, when the layout decides the ranges)."""
        self.dirty = False
        self._running = True
        try:
            self._layout()
        finally:
            self._running = False

    def _before_paint(self) -> None:
        if self.dirty:
            self.run()


def export_png(widget: QWidget, path: str | Path, scale: float = 2.0) -> Path:
    """Render the widget to a PNG at ``scale`` times its on-screen size (crisp on paper)."""
    path = Path(path)
    size = widget.size()
    from PySide6.QtGui import QImage

    image = QImage(QSize(int(size.width() * scale), int(size.height() * scale)), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    QWidget.render(widget, painter, QPoint())  # the QWidget overload: QGraphicsView.render differs
    painter.end()
    # PySide6's stub asks for bytes, but the binding accepts only str for the format (bytes raise ValueError)
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"Could not write {path}")
    return path


def export_svg(widget: QWidget, path: str | Path, title: str = "") -> Path:
    """Vector export by rendering the widget through QSvgGenerator.

    pyqtgraph's own SVGExporter fails with PySide6 >= 6.11 (pyqtgraph issue #3495).
    """
    path = Path(path)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(widget.size())
    generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
    generator.setTitle(title or "pdsa-desk chart")
    generator.setDescription("Exported from pdsa-desk")
    painter = QPainter(generator)
    QWidget.render(widget, painter, QPoint())  # the QWidget overload: QGraphicsView.render differs
    painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise OSError(f"Could not write {path}")
    return path


def copy_to_clipboard(widget: QWidget) -> None:
    QGuiApplication.clipboard().setPixmap(widget.grab())


def render_into(widget: QWidget, painter: QPainter, target: QRectF) -> None:
    """Draw a widget scaled into a rectangle of another paint device (PDF reports)."""
    painter.save()
    painter.translate(target.topLeft())
    sx = target.width() / max(1, widget.width())
    sy = target.height() / max(1, widget.height())
    s = min(sx, sy)
    painter.scale(s, s)
    QWidget.render(widget, painter, QPoint())  # the QWidget overload: QGraphicsView.render differs
    painter.restore()

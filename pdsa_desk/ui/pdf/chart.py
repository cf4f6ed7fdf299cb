"""A conversion chart as a PDF block: the app's own chart widget rendered as vector graphics.

Charts are :class:`~pdsa_desk.ui.chart_widgets.ConversionChart` widgets rendered
into the PDF painter, so they stay vector graphics (markers drawn as paths, not
the cached pixmaps used on screen; the legend is redrawn as vectors), drawn for
white paper even when the app runs in a dark theme.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette

from pdsa_desk.ui.pdf.blocks import INK, MM, MUTED, Block, Style

if TYPE_CHECKING:
    from pdsa_desk.core.charts import ConversionSeries

__all__ = ["Chart"]


def _legend_icon(p: QPainter, kind: str, box: QRectF) -> None:
    """The chart legend's icons, drawn as on screen, as vector shapes scaled into ``box``."""
    from pdsa_desk.ui.chart_widgets import paint_legend_icon

    p.save()
    p.translate(box.topLeft())
    p.scale(box.width() / 30.0, box.height() / 16.0)
    paint_legend_icon(p, kind)
    p.restore()


def _paper_colours() -> QPalette:
    """A light palette with every role set, so that a chart drawn with it reads on white paper."""
    pal = QPalette(QColor("#efefef"))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
            pal.setColor(group, role, QColor("white"))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
            pal.setColor(group, role, QColor("#1a1a1a") if group != QPalette.ColorGroup.Disabled else MUTED)
        for role in (QPalette.ColorRole.Button, QPalette.ColorRole.Light, QPalette.ColorRole.Midlight,
                     QPalette.ColorRole.Mid, QPalette.ColorRole.Dark, QPalette.ColorRole.Shadow,
                     QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText,
                     QPalette.ColorRole.ToolTipBase, QPalette.ColorRole.ToolTipText,
                     QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.BrightText, QPalette.ColorRole.Link,
                     QPalette.ColorRole.LinkVisited):
            pal.setColor(group, role, pal.color(group, role))  # mark every role as set on the widget
    return pal


@contextmanager
def _paper_palette() -> Iterator[QPalette]:
    """Charts are drawn for white paper, even when the app runs in a dark theme (plot colours are taken from
    the application palette when the chart is built, so it is light while the chart is made)."""
    from pdsa_desk.ui import plotting

    paper = _paper_colours()
    if QGuiApplication.instance() is None or not plotting.is_dark():
        yield paper
        return
    old = QGuiApplication.palette()
    QGuiApplication.setPalette(paper)
    try:
        yield paper
    finally:
        QGuiApplication.setPalette(old)


class Chart(Block):
    """A :class:`ConversionChart` rendered into the PDF at the text width (vector), with a vector legend."""

    PLOT_HEIGHT = 300.0
    MIN_HEIGHT = 200.0
    shrinkable = True

    def __init__(self, series: ConversionSeries, scope_label: str, *, height: float = PLOT_HEIGHT,
                 highlight: str | None = None, space_before: float = 2 * MM) -> None:
        self.series = series
        self.scope_label = scope_label
        self.h = height
        self.highlight = highlight
        self.space_before = space_before
        self._widget: Any = None
        self._size = (0, 0)
        self.keep_with_next = False

    def widget(self, width: float) -> Any:
        import pyqtgraph as pg
        from PySide6.QtWidgets import QGraphicsView

        from pdsa_desk.ui.chart_widgets import ConversionChart

        if self._widget is not None and self._size == (round(width), round(self.h)):
            return self._widget
        self.dispose()
        with _paper_palette() as paper:
            chart = ConversionChart(phase_menu=False)
            chart.setPalette(paper)
            chart.highlighted_cycle = self.highlight
            chart.set_series(self.series, self.scope_label)
        chart.legend.hide()
        # The title wraps on paper: unwrapped, a long one (German's are ~30 % longer) made the widget wider than
        # the text column, and the chart, its title and its summary ran off the page's right edge.
        chart.title_label.setWordWrap(True)
        chart.frame_layout.setContentsMargins(0, 0, 0, 0)
        chart.plot.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        for item in chart.plot_item.items:
            if isinstance(item, pg.ScatterPlotItem):
                item.opts["useCache"] = False  # draw markers as paths (vector), not cached pixmaps
        chart.plot.setMinimumHeight(120)
        chart.resize(round(width), round(self.h))
        chart.frame_layout.activate()  # render() then delivers the pending resize events before painting
        self.h = float(max(round(self.h), chart.height()))  # never shorter than the widget can be
        self._widget, self._size = chart, (round(width), round(self.h))
        return chart

    def shrink(self, excess: float) -> bool:
        """``excess`` (and 2 px) shorter, never below :attr:`MIN_HEIGHT`; False when it is that short already."""
        if self.h <= self.MIN_HEIGHT:
            return False
        self.h = max(self.MIN_HEIGHT, self.h - excess - 2)
        return True

    def dispose(self) -> None:
        if self._widget is not None:
            self._widget.deleteLater()
            self._widget = None

    def _legend_rows(self, st: Style, width: float) -> list[list[tuple[str, str, float]]]:
        chart = self.widget(width)
        fm = st.metrics(st.font(8.5))
        rows: list[list[tuple[str, str, float]]] = [[]]
        used = 0.0
        for kind, text in chart.legend.entries:
            w = 8 * MM + 1.2 * MM + fm.horizontalAdvance(text) + 5 * MM
            if rows[-1] and used + w > width:
                rows.append([])
                used = 0.0
            rows[-1].append((kind, text, w))
            used += w
        return rows

    def height(self, st: Style, width: float) -> float:
        legend = len(self._legend_rows(st, width)) * st.metrics(st.font(8.5)).height() * 1.5
        return self.h + legend + 1 * MM

    def draw(self, p: QPainter, st: Style, x: float, y: float, width: float) -> None:
        chart = self.widget(width)
        p.save()
        p.translate(x, y)
        chart.render(p, QPoint(0, 0))
        p.restore()
        font = st.font(8.5)
        fm = st.metrics(font)
        line = fm.height() * 1.5
        ly = y + self.h + 1 * MM
        p.save()
        p.setFont(font)
        for row in self._legend_rows(st, width):
            lx = x
            for kind, text, w in row:
                _legend_icon(p, kind, QRectF(lx, ly + (line - 4.3 * MM) / 2, 8 * MM, 4.3 * MM))
                p.setPen(INK)
                p.drawText(QRectF(lx + 9.2 * MM, ly, w, line), int(Qt.AlignmentFlag.AlignVCenter), text)
                lx += w
            ly += line
        p.restore()


"""The Compare view's plots: a panel with a title bar and an Export menu, the forest plot and the funnel plot.

Nothing here computes statistics: rates, intervals, funnel limits and positions come from
:mod:`pdsa_desk.core.funnel_compare`; the position styles and wording are
:mod:`pdsa_desk.ui.compare_widgets`. The plots own their items and update them in place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QAction, QFontMetricsF, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.ui import plotting
from pdsa_desk.ui.chart_widgets.style import PercentAxis
from pdsa_desk.ui.compare_widgets import interval_text, pct, position_label, position_style, spot_style
from pdsa_desk.ui.i18n import tr
from pdsa_desk.ui.label_placement import Name, place

__all__ = ["ForestPlot", "FunnelPlot", "PlotPanel", "spot_tip"]


# --------------------------------------------------------------------------- #
# A plot with a title bar, an Export menu and the same actions on right-click
# --------------------------------------------------------------------------- #
class PlotPanel(QWidget):
    """A pyqtgraph plot with Save PNG / Save SVG / Copy in a toolbar menu and in its context menu."""

    def __init__(self, plot: pg.PlotWidget, file_stem: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = plot
        self.file_stem = file_stem
        self.export_title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        self.heading = QLabel(f"<b>{title}</b>")
        self.heading.setWordWrap(True)  # a narrow panel (1024 px, a longer language) takes a second line
        bar.addWidget(self.heading, 1)

        self.save_png_action = QAction(tr("Save as PNG…"), self)
        self.save_png_action.setToolTip(tr("Save this chart as a picture (PNG, twice screen resolution)"))
        self.save_png_action.triggered.connect(self.save_png)
        self.save_svg_action = QAction(tr("Save as SVG…"), self)
        self.save_svg_action.setToolTip(tr("Save this chart as a vector drawing (SVG) for slides and reports"))
        self.save_svg_action.triggered.connect(self.save_svg)
        self.copy_action = QAction(tr("Copy to clipboard"), self)
        self.copy_action.setToolTip(tr("Copy this chart as a picture"))
        self.copy_action.triggered.connect(self.copy)
        self.actions_ = [self.save_png_action, self.save_svg_action, self.copy_action]

        self.menu = QMenu(self)
        self.menu.addActions(self.actions_)
        self.export_button = QToolButton()
        self.export_button.setText(tr("Export"))
        self.export_button.setToolTip(tr("Save or copy this chart"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.export_button.setMenu(self.menu)
        self.export_button.setAutoRaise(True)
        bar.addWidget(self.export_button)
        self._bar = bar
        layout.addLayout(bar)
        layout.addWidget(plot, 1)

        plot.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        plot.customContextMenuRequested.connect(self._context_menu)

    def add_to_bar(self, widget: QWidget) -> None:
        """Put a control in the title bar, before the Export button."""
        self._bar.insertWidget(self._bar.count() - 1, widget)

    def set_heading(self, text: str, export_title: str | None = None) -> None:
        """``export_title`` is drawn in exported charts; a newline in it starts a second line."""
        self.heading.setText(f"<b>{text}</b>")
        self.export_title = export_title or text

    def _context_menu(self, pos: QPoint) -> None:
        self.menu.popup(self.plot.mapToGlobal(pos))

    def _ask_path(self, caption: str, suffix: str, filter_: str) -> str:
        from PySide6.QtCore import QStandardPaths

        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation) or ""
        suggested = str(Path(folder) / f"{self.file_stem}.{suffix}") if folder else f"{self.file_stem}.{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, caption, suggested, filter_)
        if path and not path.lower().endswith(f".{suffix}"):
            path += f".{suffix}"
        return path

    def save_png(self) -> Path | None:
        path = self._ask_path(tr("Save chart as PNG"), "png", tr("PNG images (*.png)"))
        return self._write(lambda p: plotting.export_png(self.plot, p), path)

    def save_svg(self) -> Path | None:
        path = self._ask_path(tr("Save chart as SVG"), "svg", tr("SVG drawings (*.svg)"))
        return self._write(lambda p: plotting.export_svg(self.plot, p, self.export_title.replace("\n", " — ")), path)

    def _write(self, fn: Callable[[str], Path], path: str) -> Path | None:
        if not path:
            return None
        try:
            with self._titled():
                return fn(path)
        except OSError as exc:
            QMessageBox.warning(self, tr("Could not save the chart"), str(exc))
            return None

    def copy(self) -> None:
        with self._titled():
            plotting.copy_to_clipboard(self.plot)

    @contextmanager
    def _titled(self) -> Iterator[None]:
        """Draw the full title (transition and period) inside the chart while it is exported."""
        item = self.plot.getPlotItem()
        x_range, y_range = item.getViewBox().viewRange()
        html = "<br>".join(html_escape(line) for line in self.export_title.split("\n"))
        item.setTitle(html, color=plotting.text_colour(), size="10pt")
        item.layout.activate()
        item.getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0)
        try:
            yield
        finally:
            item.setTitle(None)
            item.layout.activate()
            item.getViewBox().setRange(xRange=x_range, yRange=y_range, padding=0)


# --------------------------------------------------------------------------- #
# The two plots (components that own their items and update them in place)
# --------------------------------------------------------------------------- #
def _style_axis(axis: pg.AxisItem) -> None:
    fg = plotting.text_colour()
    axis.setPen(pg.mkPen(fg))
    axis.setTextPen(pg.mkPen(fg))


def _tip(row: dict[str, Any]) -> str:
    return tr("{name}\n{x} of {n} converted: {rate}\n95% interval {interval}\n{position}").format(
        name=row.get("name") or tr("(no rep)"),
        x=int(row.get("x") or 0),
        n=int(row.get("n") or 0),
        rate=pct(row.get("rate")),
        interval=interval_text(row.get("low") or 0.0, row.get("high") or 0.0),
        position=position_label(str(row.get("position"))),
    )


def spot_tip(x: float = 0.0, y: float = 0.0, data: Any = None) -> str:
    """Hover text of a rep's point (pyqtgraph calls it with the spot's x, y and data)."""
    return _tip(data) if isinstance(data, dict) else ""


class _KeptMeasures:
    """The painter an axis lays its tick texts out with, each text measured once (per font): the forest plot's
    ~430 rep names at 1M were measured again on every new layout of the axis (a resize, a new row set)."""

    def __init__(self, painter: QPainter, sizes: dict[tuple, QRectF]) -> None:
        self._painter = painter
        self._sizes = sizes

    def boundingRect(self, rect: QRectF, flags: Any, text: str) -> QRectF:  # noqa: N802 - QPainter's name
        key = (self._painter.font().key(), rect.x(), rect.y(), rect.width(), rect.height(), flags, text)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = QRectF(self._painter.boundingRect(rect, flags, text))
        return QRectF(size)  # a copy: the axis shrinks the rectangles it gets

    def __getattr__(self, name: str) -> Any:
        return getattr(self._painter, name)


class NameAxis(plotting.CountAxis):
    """The forest plot's axis of rep names: as :class:`plotting.CountAxis`, each name measured once."""

    def __init__(self, orientation: str) -> None:
        super().__init__(orientation)
        self._sizes: dict[tuple, QRectF] = {}

    def generateDrawSpecs(self, p: QPainter) -> Any:  # noqa: N802 - pyqtgraph's name
        if len(self._sizes) > 20_000:  # names of many comparisons: measure afresh rather than grow
            self._sizes.clear()
        return super().generateDrawSpecs(_KeptMeasures(p, self._sizes))


class ForestPlot:
    """One row per rep: the rate (marker) and its Wilson 95% interval (line); a vertical team-rate line."""

    def __init__(self) -> None:
        self.widget = plotting.make_plot(x_dates=False)
        item = self.widget.getPlotItem()
        item.setAxisItems({"bottom": PercentAxis("bottom"), "left": NameAxis("left")})
        _style_axis(item.getAxis("bottom"))
        _style_axis(item.getAxis("left"))
        item.getAxis("left").enableAutoSIPrefix(False)  # as make_plot's own axis
        self.widget.showGrid(x=False, y=False)
        self.widget.setMouseEnabled(x=False, y=False)
        self.widget.hideButtons()
        self.widget.invertY(True)
        self.widget.getAxis("left").setStyle(tickLength=0)
        self.widget.setLabel("bottom", tr("Conversion rate (95% interval)"))
        self.team_line = pg.InfiniteLine(
            pos=0.0, angle=90, movable=False,
            pen=pg.mkPen(plotting.CENTRE, width=2, style=Qt.PenStyle.DashLine),
        )
        self.team_line.setZValue(-5)
        self.widget.addItem(self.team_line)
        # The team rate is named in a row of its own above the reps (y = -1), on its line: it can never
        # cover a rep's point or interval. Its text sits beside the line, on the side with room.
        self.team_label = pg.TextItem("", color=plotting.CENTRE, anchor=(-0.05, 0.5))
        self.team_label.setZValue(12)
        self.widget.addItem(self.team_label, ignoreBounds=True)
        # The reps' intervals, one curve per colour of a position (drawn as pairs of points, one pair a rep):
        # a hundred reps were a hundred curve items, 40 ms to update and as many to paint at 100k events.
        self.intervals: dict[str, pg.PlotCurveItem] = {}
        self.points = pg.ScatterPlotItem(hoverable=True, tip=spot_tip, pxMode=True)
        self.points.setZValue(10)
        self.widget.addItem(self.points)

    def update(self, rows: Sequence[dict[str, Any]], p0: float, labels: Sequence[str]) -> None:
        """``rows`` in display order (top to bottom); ``labels`` the y-axis text of each row."""
        segments: dict[str, tuple[list[float], list[float]]] = {colour: ([], []) for colour in self.intervals}
        spots = []
        for i, row in enumerate(rows):
            xs, ys = segments.setdefault(position_style(str(row.get("position"))).colour, ([], []))
            xs += [row["low"], row["high"]]
            ys += [i, i]
            spots.append({"pos": (row["rate"], i), "data": row, **spot_style(str(row.get("position")))})
        for colour, (xs, ys) in segments.items():
            curve = self.intervals.get(colour)
            if curve is None:
                curve = self.intervals[colour] = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2.5), connect="pairs")
                self.widget.addItem(curve)
            curve.setData(xs, ys, connect="pairs")
        self.points.setData(spots=spots)
        self.team_line.setValue(p0)
        self.team_label.setText(tr("team {0}").format(pct(p0, 0)))
        self.widget.getAxis("left").setTicks([[(i, text) for i, text in enumerate(labels)], []])
        if rows:
            lo = min([p0, *(r["low"] for r in rows), *(r["rate"] for r in rows)])
            hi = max([p0, *(r["high"] for r in rows), *(r["rate"] for r in rows)])
            pad = max(0.02, 0.05 * (hi - lo))
            # Not clamped to 0..1: a point at 0% or 100% is drawn whole (the axis labels only 0–100%).
            self.widget.setXRange(lo - pad, hi + pad, padding=0)
            self.widget.setYRange(-1.6, len(rows) - 0.3, padding=0)
            right_side = p0 > lo + 0.7 * (hi - lo)  # near the right edge the text goes left of the line
            self.team_label.setAnchor((1.05, 0.5) if right_side else (-0.05, 0.5))
        self.team_label.setPos(p0, -1.0)


class FunnelPlot:
    """Rate against volume with 95% (dashed) and 99.8% (solid) limits around the team rate."""

    def __init__(self) -> None:
        self.widget = plotting.make_plot(x_dates=False)
        item = self.widget.getPlotItem()
        item.setAxisItems({"left": PercentAxis("left")})
        _style_axis(item.getAxis("left"))
        self.widget.showGrid(x=False, y=True, alpha=0.15)
        self.widget.hideButtons()
        limit95 = pg.mkPen(plotting.LIMIT, width=1.5, style=Qt.PenStyle.DashLine)
        limit998 = pg.mkPen(plotting.LIMIT, width=1.5)
        self.curves = {
            "upper95": pg.PlotCurveItem(pen=limit95),
            "lower95": pg.PlotCurveItem(pen=limit95),
            "upper998": pg.PlotCurveItem(pen=limit998),
            "lower998": pg.PlotCurveItem(pen=limit998),
        }
        for curve in self.curves.values():
            self.widget.addItem(curve)
        self.centre = pg.InfiniteLine(
            pos=0.0, angle=0, movable=False, pen=pg.mkPen(plotting.CENTRE, width=2, style=Qt.PenStyle.DashLine)
        )
        self.centre.setZValue(-5)
        self.widget.addItem(self.centre)
        self.points = pg.ScatterPlotItem(hoverable=True, tip=spot_tip, pxMode=True)
        self.points.setZValue(10)
        self.widget.addItem(self.points)
        self.labels: list[pg.TextItem] = []
        self.leaders: list[pg.PlotCurveItem] = []
        self._spots: list[tuple[float, float]] = []
        # Names are spread apart in pixels, so once per paint after the ranges or the size changed.
        self._label_layout = plotting.LayoutBeforePaint(self.widget, lambda: self.spread_labels())
        self._volume_titles: tuple[str, ...] = ()
        item.getAxis("bottom").geometryChanged.connect(self._fit_volume_title)

    def set_volume_title(self, *titles: str) -> None:
        """The x-axis title: the first of ``titles`` (longest first) that fits the axis's width, else the last;
        the axis's tooltip is always the first (a long stage name, a narrow window or a longer language would
        cut a single title off at both ends)."""
        self._volume_titles = titles
        self.widget.getAxis("bottom").setToolTip(titles[0] if titles else "")
        self._fit_volume_title()

    def volume_title(self) -> str:
        """The x-axis title shown now."""
        axis = self.widget.getAxis("bottom")
        return str(axis.labelText) if axis.label.isVisible() else ""

    def _fit_volume_title(self, *_: Any) -> None:
        if not self._volume_titles:
            return
        axis = self.widget.getAxis("bottom")
        metrics = QFontMetricsF(axis.label.font())
        room = axis.width() - 2 * axis.label.document().documentMargin() - 8  # a little air at both ends
        title = next((t for t in self._volume_titles if metrics.horizontalAdvance(t) <= room), self._volume_titles[-1])
        if title != axis.labelText or not axis.label.isVisible():
            self.widget.setLabel("bottom", title)
            # pyqtgraph centres the title only when the axis is resized: a new title of the same height stayed
            # where the previous one was centred (the demo's long title ran off the right edge).
            axis.resizeEvent()

    def spread_labels_now(self) -> None:
        """Spread the names now if the ranges or the size changed since they were last spread (else the next
        paint does it)."""
        if self._label_layout.dirty:
            self._label_layout.run()

    def spread_labels(self) -> None:
        """Names beside their points, moved up or down (never sideways) until they cover no other name and
        no point (:mod:`pdsa_desk.ui.label_placement`); a moved name gets a leader line to its point."""
        vb = self.widget.getPlotItem().getViewBox()
        px_w, px_h = vb.viewPixelSize()
        for leader in self.leaders:
            leader.setData([], [])
        if not (px_w > 0 and px_h > 0) or not self.labels:
            return
        (x0, _x1), (_y0, y1) = vb.viewRange()

        def pixels(x: float, y: float) -> tuple[float, float]:
            return (x - x0) / px_w, (y1 - y) / px_h

        names = []
        for label in self.labels:
            rect = label.textItem.boundingRect()
            x, y = pixels(label.pos().x(), label.pos().y())
            side = label.anchor.x()
            names.append(Name(x, y, rect.width(), rect.height(), left_side=side > 0.5,
                              gap=abs(side - (1.0 if side > 0.5 else 0.0)) * rect.width()))
        order = sorted(range(len(names)), key=lambda k: names[k].y)  # from the top
        placed = place([names[k] for k in order], [pixels(x, y) for x, y in self._spots],
                       radius=8.0, height=vb.height())
        while len(self.leaders) < len(self.labels):
            leader = pg.PlotCurveItem(pen=pg.mkPen(plotting.text_colour(), width=1))
            leader.setZValue(9)
            self.widget.addItem(leader, ignoreBounds=True)
            self.leaders.append(leader)
        for k, where in zip(order, placed, strict=True):
            label, name = self.labels[k], names[k]
            label.setAnchor((label.anchor.x(), 0.5 - where.offset / name.height if name.height else 0.5))
            if where.leader_end is not None:
                end_x, end_y = where.leader_end
                self.leaders[k].setData([label.pos().x(), x0 + end_x * px_w], [label.pos().y(), y1 - end_y * px_h])

    def update(self, rows: Sequence[dict[str, Any]], p0: float, funnel: Any) -> None:
        """``funnel`` has columns n, lower95, upper95, lower998, upper998 (a smooth grid)."""
        n_grid = funnel["n"].to_numpy(dtype=float) if funnel is not None and len(funnel) else []
        for key, curve in self.curves.items():
            if len(n_grid):
                curve.setData(n_grid, funnel[key].to_numpy(dtype=float))
            else:
                curve.setData([], [])
        self.centre.setValue(p0)
        spots = [
            {"pos": (row["n"], row["rate"]), "data": row, **spot_style(str(row.get("position")))}
            for row in rows
        ]
        self.points.setData(spots=spots)
        self._spots = [(float(row["n"]), float(row["rate"])) for row in rows]
        for label in self.labels:
            self.widget.removeItem(label)
        self.labels = []
        fg = plotting.text_colour()
        right_half = 0.55 * max((r["n"] for r in rows), default=0) * 1.12
        for row in rows:
            if row.get("position") == "within":
                continue  # only reps outside the limits are named; hover names the others
            # Names go on the side with room: left of points in the right half of the plot.
            anchor = (1.08, 0.5) if row["n"] > right_half else (-0.08, 0.5)
            label = pg.TextItem(str(row.get("name") or ""), color=fg, anchor=anchor)
            label.setPos(row["n"], row["rate"])
            label.setZValue(11)
            self.widget.addItem(label)
            self.labels.append(label)
        if rows:
            max_n = max(r["n"] for r in rows)
            rates = [r["rate"] for r in rows] + [p0]
            if len(n_grid):  # show the limits across the reps' volumes, not only the points
                near = funnel[funnel["n"] >= min(r["n"] for r in rows)]
                if len(near):
                    rates += [float(near["lower998"].iloc[0]), float(near["upper998"].iloc[0])]
            lo, hi = min(rates), max(rates)
            pad = max(0.03, 0.08 * (hi - lo))
            # Not clamped to 0..1 (nor to n = 0): points at 0% or 100%, or with few opportunities, are drawn
            # whole; the axes label only possible values.
            self.widget.setXRange(-0.03 * max_n, max_n * 1.12, padding=0)
            self.widget.setYRange(lo - pad, hi + pad, padding=0)
        self._label_layout.mark()

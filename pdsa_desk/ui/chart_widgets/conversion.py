"""The conversion chart: run, P or P' chart with PDSA cycle bands, standard revision markers and marketing
initiatives (:mod:`pdsa_desk.ui.chart_widgets.initiatives`)."""

from __future__ import annotations

import math
from html import escape
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QMenu, QToolTip, QWidget

from pdsa_desk.ui import formatting, i18n, plotting
from pdsa_desk.ui.chart_widgets.cycle_band import BandsAhead, CycleBand
from pdsa_desk.ui.chart_widgets.frame import ChartFrame
from pdsa_desk.ui.chart_widgets.initiatives import InitiativeLayer
from pdsa_desk.ui.chart_widgets.style import date_text, month_text, with_alpha
from pdsa_desk.ui.plotting import BAND, CENTRE, LIMIT, PHASE, POINT, REVISION, SIGNAL

if TYPE_CHECKING:
    from pdsa_desk.core.charts import ConversionSeries


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


def _days(n: int) -> Any:
    import pandas as pd

    return pd.Timedelta(days=n)


def _one_day() -> Any:
    return _days(1)


def _same_points(a: ConversionSeries, b: ConversionSeries) -> bool:
    """Whether two series draw the same curves, points and limits."""
    if (a.chart, a.applied_chart) != (b.chart, b.applied_chart):
        return False
    if tuple(ph.runs_signal for ph in a.phases) != tuple(ph.runs_signal for ph in b.phases):
        return False
    columns = ["t", "t_end", "p", "mature", "signal", "phase", "cl", "ucl", "lcl"]
    fa, fb = a.frame, b.frame
    return len(fa) == len(fb) and fa[columns].equals(fb[columns])


class ConversionChart(BandsAhead, ChartFrame):
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
    #: A choice the small-sample guard offers (kind, value): ("period", "month"), ("scope", "team:<id>"|"all"),
    #: ("range", "all"); drawn as links under the guard's sentence.
    remedy_requested = Signal(str, str)

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
        self.line = pg.PlotDataItem(pen=pg.mkPen(with_alpha(POINT, 190), width=1), connect="finite")
        self.line_immature = pg.PlotDataItem(
            pen=pg.mkPen(with_alpha(POINT, 170), width=1, style=Qt.PenStyle.DotLine), connect="finite"
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
        self.band_items: list[CycleBand] = []
        self.band_labels: list[pg.TextItem] = []
        self._bands_wanted = 0
        self._band_maker = QTimer(self, singleShot=True, interval=0)
        self._band_maker.timeout.connect(self._make_some_bands)  # BandsAhead
        self.revision_items: list[pg.InfiniteLine] = []
        self.revision_labels: list[pg.TextItem] = []
        self.initiatives = InitiativeLayer(pi)
        self._hover_index: int | None = None
        # What the bands, markers and initiatives were drawn from, the ranges last fitted and the view the
        # last label layout left (see set_series).
        self._drawn_decor: tuple | None = None
        self._range_key: tuple | None = None
        self._view_after: tuple | None = None
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
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                                   | Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.summary_label.linkActivated.connect(self._remedy_link)
        self.show_message(self.tr("Choose a transition to chart its conversion."))

    def _remedy_link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind in ("period", "scope", "range") and value:
            self.remedy_requested.emit(kind, value)

    # --- drawing ----------------------------------------------------------------------------
    def set_series(self, series: ConversionSeries | None, scope_label: str = "") -> None:
        """Draw ``series`` (None clears the chart).

        Incremental: what the chart already shows is not set again. After an edit the series usually differs
        from the drawn one in a few points or not at all (a cycle saved, an observation added), and the
        cycle bands, markers and ranges stay: the curves are set only when the frame changed, the bands,
        markers and initiatives only when they changed, and the ranges and label rows only then, so that the
        plot is repainted only where something moved."""
        previous = self.series if self.has_plot and scope_label == self.scope_label else None
        self.series = series
        self.scope_label = scope_label
        if self._hover_index is not None:
            self._hover_index = None
            self.hover_marker.setData([], [])
        if series is None:
            self._clear_items()
            self._drawn_decor = None
            self.set_title("")
            return
        frame = series.frame
        self.set_title(self._title_text(series), self._summary_text(series))
        if not len(frame):
            self._clear_items()
            self._drawn_decor = None
            self.show_message(self.tr("No opportunities have entered '{0}' in this scope yet, so there is no "
                                      "conversion to chart. Import them with “Import from CRM export” on the Data "
                                      "page, or add them on the Board.").format(series.from_name))
            return
        self.show_plot()
        same_points = previous is not None and _same_points(previous, series)
        decor = (series.bands, series.revisions, series.phase_marks, series.initiatives, self.highlighted_cycle)
        same_decor = previous is not None and decor == self._drawn_decor
        if not same_points:
            self._draw_points(series)
        if not same_decor:
            self._draw_bands(series)
            self._draw_revisions(series)
            self.initiatives.draw(series.initiatives)
            self._drawn_decor = decor
        self._set_legend(series)
        if same_points and same_decor:
            return  # the same ranges and label rows
        moved = self._set_ranges(series, frame["t"].to_numpy(), frame["t_end"].to_numpy())
        if moved or not same_decor:
            # Once, with the final x range: the headroom it adds to the y range is then set before the paint
            # (set during the paint, it would make a second paint of every band).
            self._label_layout.run()

    def _draw_points(self, series: ConversionSeries) -> None:
        """The curves, points and limits of ``series``."""
        frame = series.frame
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
        self.initiatives.clear()

    def _title_text(self, s: ConversionSeries) -> str:
        # One text per period and kind, not "{period} {kind}": German inflects the adjective with the noun
        # ("Wöchentliche P-Karte", "Wöchentliches Verlaufsdiagramm").
        kind = "p-not-pp" if s.chart == "pp" and s.applied_chart == "p" else (s.applied_chart or s.chart)
        if s.period == "week":
            titles = {"run": self.tr("Weekly run chart"), "p": self.tr("Weekly P chart"),
                      "pp": self.tr("Weekly P′ chart (Laney)"),
                      "p-not-pp": self.tr("Weekly P chart (P′ not applicable)")}
        else:
            titles = {"run": self.tr("Monthly run chart"), "p": self.tr("Monthly P chart"),
                      "pp": self.tr("Monthly P′ chart (Laney)"),
                      "p-not-pp": self.tr("Monthly P chart (P′ not applicable)")}
        scope = f" · {self.scope_label}" if self.scope_label else ""
        return f"{s.transition_label} — {titles[kind]}{scope}"

    def _phase_text(self, s: ConversionSeries, ph: Any) -> str:
        centre = (self.tr("median {0}") if s.chart == "run" else self.tr("centre {0}")).format(formatting.pct(ph.cl))
        base = self.tr(", fixed on its first {0} points").format(ph.baseline_points) if s.baseline is not None else ""
        if not ph.runs_applied:
            return f"{centre}{base}; " + self.tr("runs rules not applied")
        if s.rules == "ihi":
            runs = self.tr("{0} runs (expected {1}–{2})").format(ph.n_runs, ph.runs_min, ph.runs_max)
        else:
            runs = self.tr("longest run {0} (limit {1}), {2} crossings (min {3})").format(
                ph.longest_run, ph.longest_run_max, ph.n_crossings, ph.n_crossings_min)
        verdict = self.tr(" — non-random variation") if ph.runs_signal else ""
        return f"{centre}{base}; {runs}{verdict}"

    def _summary_text(self, s: ConversionSeries) -> str:
        """What the rules found, and -- first -- what the small-sample guard withheld and why (from the core)."""
        if not len(s.frame):
            return ""
        rules = self.tr("IHI rules") if s.rules == "ihi" else self.tr("Anhøj rules")
        parts = []
        for ph in s.phases:
            label = self.tr("Phase {0}: ").format(ph.phase + 1) if len(s.phases) > 1 else ""
            parts.append(label + self._phase_text(s, ph))
        n_sig = s.n_signals
        signals = self.tr("%n signalling point(s)", "", n_sig) if n_sig else self.tr("no signalling points")
        imm = len(s.frame) - s.n_mature
        tail = ""
        if imm:
            tail = self.tr(" Last %n period(s) hollow: their {0}-day window is still open.", "",
                           imm).format(s.window_days)
        text = f"{rules}: " + "; ".join(parts) + f". {signals[0].upper()}{signals[1:]}." + tail
        lines = []
        if s.guard.reason:
            lines.append(f"<b>⚠ {escape(i18n.text(s.guard.reason))}</b>")
            if s.guard.remedies and self.phase_menu:  # the Charts view acts on them; the Study chart does not
                links = " · ".join(f"<a href='{escape(r.kind)}:{escape(r.value)}'>{escape(i18n.text(r.label))}</a>"
                                   for r in s.guard.remedies)
                lines.append(self.tr("More data: {0}").format(links))
        lines += [escape(i18n.text(n)) for n in (s.guard.laney, s.rules_note) if n]
        return "<br>".join([*lines, escape(text)])

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
        if s.chart != "run" and any(ph.limits_applied for ph in s.phases):
            entries.append(("limits", self.tr("3-sigma limits")))
        if s.bands:
            entries.append(("band", self.tr("PDSA cycle")))
        if s.revisions:
            entries.append(("revision", self.tr("Standard revised")))
        if s.initiatives:
            entries.append(("initiative", self.tr("Marketing initiative")))
        if s.phase_marks:
            entries.append(("phase", self.tr("Phase / baseline declared")))
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
        bands = self._pool(self.band_items, len(s.bands), self._make_band)
        labels = self._pool(self.band_labels, len(s.bands), self._make_band_label)
        for band, label, info in zip(bands, labels, s.bands, strict=True):
            strong = info.cycle_id == self.highlighted_cycle
            # Items are reused from switch to switch: only what differs is set (each call costs).
            region = (info.start.value / 1e9, info.end.value / 1e9)
            if getattr(band, "drawn_region", None) != region:
                band.setRegion(region)
                band.drawn_region = region
            if getattr(band, "drawn_strong", None) != strong:
                band.setBrush(pg.mkBrush(with_alpha(BAND, 110 if strong else 55)))
                band.set_edge_pen(pg.mkPen(BAND, width=2) if strong else None)
                band.drawn_strong = strong
            tip = self.tr("PDSA cycle “{0}” ({1}), {2} – {3}").format(
                info.title, self._status_text(info.status), date_text(info.start), date_text(info.end - _one_day()))
            if getattr(band, "drawn_tip", None) != tip:
                band.setToolTip(tip)
                band.drawn_tip = tip
            if getattr(label, "full_text", None) != info.title:
                label.setText(info.title)
                label.full_text = info.title
            if getattr(label, "drawn_strong", None) != strong:
                font = QFont(label.textItem.font())
                font.setBold(strong)
                label.setFont(font)
                label.drawn_strong = strong
            label.lane_x = region[0]

    def _status_text(self, status: str) -> str:
        return {"plan": self.tr("planned"), "do": self.tr("running"), "study": self.tr("in Study"),
                "act": self.tr("awaiting a decision"), "closed": self.tr("closed")}.get(status, status)

    def _markers(self, s: ConversionSeries) -> list[tuple[float, str, str, Any, Any]]:
        """Vertical markers: standard revisions and the phases and baseline the team declared, each as
        (time, label, tooltip, colour, pen style)."""
        out = []
        for rev in s.revisions:
            out.append((rev.when.value / 1e9, self.tr("{0} revised").format(rev.stage_name),
                        self.tr("Standard of “{0}” revised on {1}: what counts as reaching the stage changed "
                                "here.").format(rev.stage_name, date_text(rev.when)), REVISION, Qt.PenStyle.DashLine))
        for mark in s.phase_marks:
            info = mark.info
            what = self.tr("New phase") if info.kind == "phase" else self.tr("Baseline frozen")
            who = info.author or self.tr("someone")
            recorded = date_text(info.recorded) if info.recorded is not None else "?"
            tip = self.tr("{0} from {1}: {2}\nDeclared by {3} on {4}.").format(
                what, date_text(mark.when), info.reason, who, recorded)
            if not mark.in_effect:
                tip += "\n" + self.tr("Not in effect yet: its periods are not mature.")
            out.append((mark.when.value / 1e9, f"{what}: {info.reason}", tip, PHASE, Qt.PenStyle.DotLine))
        return out

    def _draw_revisions(self, s: ConversionSeries) -> None:
        def make_line() -> pg.InfiniteLine:
            line = pg.InfiniteLine(angle=90, movable=False)
            line.setZValue(5)
            return line

        def make_label() -> pg.TextItem:
            label = pg.TextItem(anchor=(0, 0), color=REVISION)
            label.setZValue(50)
            return label

        markers = self._markers(s)
        lines = self._pool(self.revision_items, len(markers), make_line)
        labels = self._pool(self.revision_labels, len(markers), make_label)
        for line, label, (when, text, tip, colour, style) in zip(lines, labels, markers, strict=True):
            line.setPos(when)
            line.setPen(pg.mkPen(colour, width=2, style=style))
            if getattr(label, "full_text", None) != text:
                label.full_text = text
                label.setText(text)
            label.setColor(colour)
            label.lane_x = when
            line.setToolTip(tip)

    def _set_ranges(self, s: ConversionSeries, t0: np.ndarray, t1: np.ndarray) -> bool:
        """Fit the view to the series and its bands; False when it already is (nothing was set)."""
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
        key = (x0, x1, lo, hi)
        if key == self._range_key and self._view_after == self._view_now():
            return False  # the same ranges, and the view is where the last layout left it (not panned)
        self._range_key = key
        span = x1 - x0
        self.vb.setLimits(xMin=x0 - span * 0.1, xMax=x1 + span * 0.1)
        self.vb.setXRange(x0, x1, padding=0.01)
        self.vb.setYRange(lo, hi, padding=0)
        return True

    def _view_now(self) -> tuple:
        (x0, x1), (y0, y1) = self.vb.viewRange()
        return (x0, x1, y0, y1)

    def _layout_band_labels(self, *_: Any) -> None:
        """Put cycle titles and revision labels at the top of the plot, in rows that do not overlap.

        Runs before a paint when the ranges or the series changed (once, however many range changes a
        switch makes). Rows depend on x alone, so they are found first; then the y range is raised to
        make room for them; then each label is placed (moved or re-elided only if that changed)."""
        labels = [lab for lab in (*self.band_labels, *self.revision_labels, *self.initiatives.visible_labels())
                  if lab.isVisible()]
        if not labels or self.series is None:
            return
        (x0, x1), _ = self.vb.viewRange()
        px_w, _ = self.vb.viewPixelSize()
        if not px_w > 0:
            return
        row_end: list[float] = []
        placed = []
        for label in sorted(labels, key=lambda lab: lab.lane_x):
            if getattr(label, "lane_end", x0) < x0:  # an initiative over before the view: left where it is
                label.setPos(label.lane_x, label.pos().y())
                continue
            metrics = QFontMetrics(label.textItem.font())
            start = max(label.lane_x, x0)
            room = max(60, int((x1 - start) / px_w) - 14)
            full = label.full_text
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
                label.laid_at = pos
        self._view_after = self._view_now()

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
        if pos < 0 or x >= frame["t_end"].to_numpy()[pos]:
            return None
        return pos

    def point_text(self, index: int) -> str:
        """What hovering a point says: period, x/n, rate, interval, and why it matters."""
        s = self.series
        if s is None:
            return ""
        row = s.frame.iloc[index]
        start = s.local(row["period"])  # the team's calendar (workspace time zone)
        when = (self.tr("Week of {0}").format(date_text(start)) if s.period == "week" else month_text(start))
        if row["n"] == 0:
            return self.tr("{0} — no opportunities entered “{1}”").format(when, s.from_name)
        text = self.tr("{0} — {1}/{2} = {3} (95% CI {4}–{5})").format(
            when, formatting.count(row["x"]), formatting.count(row["n"]), formatting.pct(row["p"]),
            formatting.number(100 * row["low"], 1), formatting.pct(row["high"]))
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
                                 "or signals.").format(s.window_days, date_text(closes)))
        for band in s.bands:
            if band.start < row["period_end"] and row["period"] < band.end:
                lines.append(self.tr("During cycle “{0}”").format(band.title))
        for name in self.initiatives.during(row["period"], row["period_end"]):
            lines.append(self.tr("During marketing initiative “{0}”").format(name))
        return "\n".join(lines)

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        index = self.index_at(scene_pos)
        series = self.series  # not None when index is not
        if index is None or series is None or not np.isfinite(series.frame["p"].to_numpy(dtype=float)[index]):
            if self._hover_index is not None:
                self._hover_index = None
                self.hover_marker.setData([], [])
                QToolTip.hideText()
            return
        if index != self._hover_index:
            self._hover_index = index
            self.hover_marker.setData([self._mid[index]], [series.frame["p"].iat[index]])
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
        self.phase_action.setEnabled(ok and index is not None and index > 0 and index not in self.series.breaks)
        why = ""
        if index is None:
            why = self.tr("Right-click a point")
        elif not frame["mature"].iat[index]:
            why = self.tr("Immature points take no part in the centre line or limits")
        self.freeze_action.setToolTip(why)
        self.phase_action.setToolTip(why)
        self.clear_action.setEnabled(self.series.baseline is not None or bool(self.series.breaks)
                                     or bool(self.series.phase_marks))
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
            if self._drawn_decor is not None:
                self._drawn_decor = (*self._drawn_decor[:-1], cycle_id)
            self._label_layout.mark()
            self.vb.update()

    # --- counts, for tests and reports ------------------------------------------------------
    def plotted_points(self) -> int:
        return len(self.points.data) + len(self.immature.data) + len(self.signals.data)


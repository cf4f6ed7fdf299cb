"""The Study tab: the computed results, the study chart, the 'too early' guard and the team's interpretation."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import CycleStatus
from pdsa_desk.core.verdict import VerdictKind, plain_verdict
from pdsa_desk.ui import formatting, i18n, plotting
from pdsa_desk.ui.chart_widgets import ConversionChart
from pdsa_desk.ui.cycle_editor.fields import esc_html, scrolling_body
from pdsa_desk.ui.cycle_editor.snapshot import CycleResults, CycleSnapshot
from pdsa_desk.ui.cycles_models import date_range_text
from pdsa_desk.ui.formatting import MISSING, chance, interval, p_value, pct, pp
from pdsa_desk.ui.glossary import help_button
from pdsa_desk.ui.widgets import ErrorLabel, error_colour

#: The banner's colour for each verdict of a study that is ready to read.
_BANNER_KIND = {VerdictKind.BETTER: "ready", VerdictKind.WORSE: "bad"}

#: The study chart shows at least this long after a cycle's end (the rest is a drag away).
CHART_AFTER = timedelta(weeks=8)


class Banner(QFrame):
    """The 'too early' warning: amber, legible in light and dark mode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tooEarlyBanner")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        self.help_button = help_button("verdict")  # what the verdict's words mean
        top.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        layout.addWidget(self.body)

    def set_kind(self, kind: str) -> None:
        """``warning`` (too early: amber), ``ready`` (better: green), ``bad`` (worse: vermilion) or
        ``neutral`` (could be chance, no detectable change: blue)."""
        dark = plotting.is_dark()
        if kind == "warning":
            bg, fg, border = ("#4A3A0C", "#FFE7A3", "#E69F00") if dark else ("#FFF3D1", "#4D3800", "#E69F00")
        elif kind == "bad":
            bg, fg, border = ("#4A1E0C", "#FFD3BF", "#D55E00") if dark else ("#FBE9E1", "#4D1F00", "#D55E00")
        elif kind == "neutral":
            bg, fg, border = ("#0C2F4A", "#CBE6FA", "#0072B2") if dark else ("#E5F1FA", "#06304D", "#0072B2")
        else:  # ready
            bg, fg, border = ("#0E3B2E", "#B8F0DA", "#009E73") if dark else ("#E3F5EE", "#0B3D2C", "#009E73")
        self.setProperty("kind", kind)
        self.setStyleSheet(
            f"QFrame#tooEarlyBanner {{ background: {bg}; border: 1px solid {border}; border-left: 6px solid {border};"
            f" border-radius: 4px; }} QFrame#tooEarlyBanner QLabel {{ color: {fg}; background: transparent; }}"
        )


class StudyTab(QWidget):
    """Computed results, the weekly chart, the 'too early' guard, and the team's interpretation."""

    interpretation_dirty = Signal(bool)
    save_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dirty = False
        self._loading = False
        self._read_only = False
        self.verdict: Any = None  # the plain verdict shown (core.verdict.Verdict), None before results
        self.confounders: list[Any] = []  # the overlapping initiatives named (core.confounders.Confounder)
        layout = scrolling_body(self, spacing=10)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.confounder_banner = Banner()
        self.confounder_banner.setObjectName("tooEarlyBanner")
        self.confounder_banner.set_kind("warning")
        self.confounder_banner.hide()
        layout.addWidget(self.confounder_banner)

        self.results = QWidget()
        self.results.setObjectName("studyResults")
        grid = QGridLayout(self.results)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        heads = [self.tr("Window"), self.tr("Converted / customers"), self.tr("Rate"), self.tr("95% interval")]
        for col, text in enumerate(heads, start=1):
            h = QLabel(f"<b>{text}</b>")
            h.setWordWrap(True)  # a narrow editor (1024 px) takes two lines rather than a sideways scroll
            grid.addWidget(h, 0, col)
        self.interval_help = help_button("interval")  # in the empty corner cell: no extra column to scroll to
        grid.addWidget(self.interval_help, 0, 0, Qt.AlignmentFlag.AlignLeft)
        self.cells: dict[str, QLabel] = {}

        def cell(key: str, row: int, col: int, *, bold: bool = False) -> None:
            lab = QLabel()
            lab.setWordWrap(True)
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if bold:
                f = lab.font()
                f.setBold(True)
                lab.setFont(f)
            self.cells[key] = lab
            grid.addWidget(lab, row, col)

        for row, (key, text) in enumerate((("base", self.tr("Baseline")), ("new", self.tr("Cycle"))), start=1):
            grid.addWidget(QLabel(f"<b>{text}</b>"), row, 0)
            cell(f"{key}_window", row, 1)
            cell(f"{key}_xn", row, 2)
            cell(f"{key}_rate", row, 3, bold=True)
            cell(f"{key}_ci", row, 4)
        difference = self.tr("Difference")  # outside the f-string: lupdate does not look into one
        grid.addWidget(QLabel(f"<b>{difference}</b>"), 3, 0)
        cell("diff", 3, 3, bold=True)
        cell("diff_ci", 3, 4)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 4, 0, 1, 5)
        p_label = QLabel(self.tr("p-value (Fisher's exact test)"))
        p_label.setWordWrap(True)
        grid.addWidget(p_label, 5, 0, 1, 3)
        cell("p", 5, 3, bold=True)
        chance_label = QLabel(self.tr("Chance the tactic is better"))
        chance_label.setWordWrap(True)
        grid.addWidget(chance_label, 6, 0, 1, 3)
        cell("prob", 6, 3)  # supporting detail, never the headline (see core/verdict.py)
        cell("prediction", 7, 0)
        grid.removeWidget(self.cells["prediction"])
        grid.addWidget(self.cells["prediction"], 7, 0, 1, 5)
        self.cells["prediction"].setWordWrap(True)
        cell("team", 8, 0)
        grid.removeWidget(self.cells["team"])
        grid.addWidget(self.cells["team"], 8, 0, 1, 5)
        self.cells["team"].setWordWrap(True)
        grid.setColumnStretch(5, 1)
        self.cells["diff_ci"].setToolTip(self.tr("95% interval of the difference, in percentage points (Newcombe)"))
        self.cells["prob"].setToolTip(
            self.tr("The probability that the cycle's true rate is above the baseline's (Beta(1,1) priors)")
        )
        self.cells["p"].setToolTip(
            self.tr("How surprising a difference at least this large would be if the tactic changed nothing")
        )
        layout.addWidget(self.results)

        # The study chart (a pyqtgraph plot, ~0.1 s to build) is built the first time results are shown on a
        # visible tab, not with the editor: opening Cycles does not pay for a tab that may never be looked at.
        self._chart: StudyChart | None = None
        self._chart_pending: tuple[Any, Any] | None = None  # (series, study) to draw once it is built
        self._body = layout
        self._chart_at = layout.count()

        layout.addWidget(QLabel("<b>{}</b>".format(self.tr("The team’s interpretation"))))
        self.interpretation = QPlainTextEdit()
        self.interpretation.setPlaceholderText(
            self.tr("What do the numbers and the observations say together? Was the prediction right? What surprised "
                    "you? (Needed before deciding.)")
        )
        self.interpretation.setTabChangesFocus(True)
        self.interpretation.setMinimumHeight(90)
        self.interpretation.setAccessibleName(self.tr("The team's interpretation"))
        layout.addWidget(self.interpretation)
        self.interpretation_error = ErrorLabel()
        layout.addWidget(self.interpretation_error)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.save_button = QPushButton(self.tr("Save &interpretation"))
        self.save_button.clicked.connect(self.save_requested)
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.interpretation.textChanged.connect(self._touched)
        self._set_dirty(False)
        self.show_loading()

    # --- interpretation ---------------------------------------------------------------------------

    def _touched(self) -> None:
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        if self._read_only:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(self.tr("This cycle is closed: its interpretation is part of the record"))
        else:
            self.save_button.setEnabled(dirty)
            self.save_button.setToolTip(
                self.tr("Save the interpretation (Ctrl+S)") if dirty else self.tr("No unsaved changes")
            )
        self.interpretation_dirty.emit(dirty)

    def mark_saved(self) -> None:
        """What the tab shows was saved: nothing is unsaved any more."""
        self._set_dirty(False)

    def is_dirty(self) -> bool:
        return self._dirty and not self._read_only

    def set_snapshot(self, snap: CycleSnapshot, *, keep_text: bool = False) -> None:
        self._read_only = snap.cycle.status == CycleStatus.CLOSED
        self.interpretation.setReadOnly(self._read_only)
        if not keep_text:
            self._loading = True
            self.interpretation.setPlainText(snap.cycle.study_interpretation)
            self._loading = False
            self.interpretation_error.clear_message()
            self._set_dirty(False)
        else:
            self._set_dirty(self._dirty)

    def show_error(self, exc: ValidationError) -> bool:
        if exc.field == "study_interpretation":
            self.interpretation_error.show_message(exc.message)
            self.interpretation.setFocus()
            return True
        return False

    # --- results ----------------------------------------------------------------------------------

    def show_loading(self) -> None:
        self.status_label.setText(self.tr("Computing the results…"))
        self.status_label.show()
        self.banner.hide()
        self.confounder_banner.hide()
        self.results.hide()
        self._hide_chart()

    def show_failure(self, message: str) -> None:
        self.status_label.setText(self.tr("The results could not be computed: {0}").format(message))
        self.status_label.setStyleSheet(f"color: {error_colour().name()};")
        self.status_label.show()
        self.banner.hide()
        self.confounder_banner.hide()
        self.results.hide()
        self._hide_chart()

    def show_results(self, res: CycleResults) -> None:
        st = res.study
        if st is None:
            self.show_failure(res.error or self.tr("no study"))
            return
        self.status_label.setStyleSheet("")
        self.status_label.hide()
        # The headline is the plain verdict (core/verdict.py), the same sentence as the PDF and the agenda.
        verdict = plain_verdict(st)
        self.verdict = verdict
        self.banner.heading.setText(i18n.text(verdict.sentence))
        if st.ready:
            self.banner.set_kind(_BANNER_KIND.get(verdict.kind, "neutral"))
            self.banner.body.setText(
                self.tr("{0} customers entered '{1}' during the cycle (at least {2} were needed) and every outcome "
                        "is known. The difference and its 95% interval below are what the verdict rests on; the "
                        "chance the tactic is better is supporting detail.").format(
                    formatting.count(st.n_new), st.from_stage_name, formatting.count(st.min_sample))
            )
        else:
            self.banner.set_kind("warning")
            self.banner.heading.setText("⚠ " + i18n.text(verdict.sentence))
            reasons = "".join(f"<li>{esc_html(i18n.text(r))}</li>" for r in st.reasons)
            extra = ""
            if st.known_by is not None:
                extra = "<p>" + self.tr("Every outcome so far will be known by {0}.").format(
                    formatting.date_long(st.known_by)) + "</p>"
            self.banner.body.setText(
                f"<ul style='margin-left:-20px'>{reasons}</ul>{extra}<p>"
                + self.tr("The numbers below are shown for information only: do not decide on them yet.") + "</p>"
            )
        self._show_confounders(res.confounders)
        self.banner.show()

        def window(start: datetime, end: datetime) -> str:
            last = (end - timedelta(days=1)).date() if end > start else end.date()
            return date_range_text(start.date(), last)

        c = self.cells
        c["base_window"].setText(window(st.baseline_start, st.baseline_end))
        c["new_window"].setText(window(st.cycle_start, st.cycle_end))
        c["base_xn"].setText(f"{formatting.count(st.x_base)} / {formatting.count(st.n_base)}")
        new_xn = f"{formatting.count(st.x_new)} / {formatting.count(st.n_new)}"
        if st.n_immature:
            new_xn += "  " + self.tr("(+{0} pending)").format(formatting.count(st.n_immature))
        c["new_xn"].setText(new_xn)
        c["base_rate"].setText(pct(st.rate_base))
        c["new_rate"].setText(pct(st.rate_new))
        c["base_ci"].setText(f"[{interval(st.base_low, st.base_high)}]" if st.n_base else "—")
        c["new_ci"].setText(f"[{interval(st.new_low, st.new_high)}]" if st.n_new else "—")
        cmp_ = st.comparison
        c["diff"].setText(pp(cmp_.diff))
        c["diff_ci"].setText(
            f"[{interval(cmp_.diff_low, cmp_.diff_high, signed=True)}]" if not math.isnan(cmp_.diff) else MISSING
        )
        c["p"].setText(p_value(cmp_.p_value) if st.n_new and st.n_base else "—")
        c["prob"].setText(chance(cmp_.prob_better) if st.n_new and st.n_base else "—")
        if st.prediction is None:
            c["prediction"].setText(self.tr("No numeric prediction was written down for this cycle."))
        elif st.prediction_inside is None:
            c["prediction"].setText(
                self.tr("Prediction {0} — cannot be checked yet: no customer of the cycle has a known outcome.")
                .format(pct(st.prediction, 0))
            )
        else:
            where = self.tr("inside") if st.prediction_inside else self.tr("outside")
            c["prediction"].setText(
                self.tr("Prediction {0} — <b>{1}</b> the cycle's interval {2}.").format(
                    pct(st.prediction, 0), where, f"[{interval(st.new_low, st.new_high)}]")
            )
        if res.team is not None:
            headline = i18n.text(res.team.headline).rstrip()
            headline = headline if headline.endswith(".") else headline + "."
            c["team"].setText(self.tr("Reps: {0}").format(esc_html(headline)))
            c["team"].show()
        else:
            c["team"].hide()
        self._de_emphasise(not st.ready)
        self.results.show()

        self._chart_pending = (res.series, st)
        if self.isVisible():
            self._draw_chart()

    # --- the study chart, built on first use -----------------------------------------------------------

    @property
    def chart(self) -> StudyChart:
        """The study chart (built now if it was not yet, with the results already shown)."""
        if self._chart is None:
            self._chart = StudyChart()
            self._body.insertWidget(self._chart_at, self._chart)
            self._chart.hide()
        if self._chart_pending is not None:
            self._draw_chart()
        return self._chart

    def _draw_chart(self) -> None:
        pending, self._chart_pending = self._chart_pending, None
        if pending is not None:
            chart = self.chart
            chart.show_study(*pending)
            chart.show()

    def _hide_chart(self) -> None:
        self._chart_pending = None
        if self._chart is not None:
            self._chart.hide()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._chart_pending is not None:  # after the tab is painted: the chart is built and drawn
            QTimer.singleShot(0, self, self._draw_chart)

    def _show_confounders(self, found: list[Any]) -> None:
        """Name the initiatives that overlap the windows: under the verdict and in their own warning."""
        from pdsa_desk.ui import confounder_text

        self.confounders = list(found)
        if not found:
            self.confounder_banner.hide()
            return
        self.banner.body.setText(f"<p><b>{esc_html(confounder_text.caution(found))}</b></p>" + self.banner.body.text())
        self.confounder_banner.heading.setText(
            "⚠ " + self.tr("%n marketing initiative(s) overlap this test", "", len(found)))
        items = "".join(f"<li>{confounder_text.line(c)}</li>" for c in found)
        self.confounder_banner.body.setText(
            f"<ul style='margin-left:-20px'>{items}</ul><p>{esc_html(confounder_text.advice())}</p>")
        self.confounder_banner.show()

    def _de_emphasise(self, faint: bool) -> None:
        pal = self.palette()
        if faint:
            colour = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
            pal.setColor(QPalette.ColorRole.WindowText, colour)
        self.results.setPalette(pal)
        self.results.setProperty("deEmphasised", faint)
        for lab in self.results.findChildren(QLabel):
            lab.setPalette(pal)

    def results_de_emphasised(self) -> bool:
        return bool(self.results.property("deEmphasised"))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.interpretation.setReadOnly(read_only)
        self._set_dirty(self._dirty)


class StudyChart(ConversionChart):
    """The shared conversion chart of the cycle's transition for its participating reps.

    The cycle's own window is the (highlighted) PDSA band; the baseline window is shaded lightly in grey.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, phase_menu=False)
        import pyqtgraph as pg

        brush = QColor(plotting.LIMIT)
        brush.setAlpha(45)
        self.baseline_region = pg.LinearRegionItem(movable=False, brush=brush, pen=pg.mkPen(None))
        self.baseline_region.setZValue(-20)
        for line in self.baseline_region.lines:
            line.setPen(pg.mkPen(None))
            line.setHoverPen(pg.mkPen(None))
        self.baseline_region.setToolTip(self.tr("Baseline window"))
        self.plot_item.addItem(self.baseline_region, ignoreBounds=True)
        self.baseline_region.hide()
        # The editor may be narrow: let the title wrap and the legend row clip rather than force a width.
        self.title_label.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def show_study(self, series: Any, st: Any) -> None:
        self.set_series(series, self.tr("participating reps"))
        if series is None or not len(series.frame):
            self.baseline_region.hide()
            return
        self.highlight_cycle(st.cycle_id)
        self.baseline_region.setRegion((st.baseline_start.timestamp(), st.baseline_end.timestamp()))
        self.baseline_region.show()
        # Focus on the study: from the first period to a while after the cycle (drag to see later weeks).
        frame = series.frame
        x0 = float(frame["t"].iloc[0])
        after = max(st.cycle_end - st.cycle_start, CHART_AFTER)
        x1 = min(float(frame["t_end"].iloc[-1]), (st.cycle_end + after).timestamp())
        if x1 > x0:
            self.vb.setXRange(x0, x1, padding=0.01)
        # Short labels: the legend row does not wrap and the editor may be narrow.
        short = {"point": self.tr("Rate"), "signal": self.tr("Signal"), "immature": self.tr("Window open"),
                 "centre": self.tr("Median"), "runs": self.tr("Median, runs signal"), "limits": self.tr("Limits"),
                 "revision": self.tr("Standard revised")}
        entries: list[tuple[str, str] | tuple[str, str, str]] = [
            (kind, short.get(kind, text)) for kind, text in self.legend.entries if kind != "band"]
        entries += [("band", self.tr("This cycle")), ("area", self.tr("Baseline"), "#A0A0A0")]
        self.legend.set_entries(entries)

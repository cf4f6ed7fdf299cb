"""Compare view's panels: the controls bar, the reps table, the team-wide cycle section and the plots' legend.

:class:`ControlsBar` holds the choices above the plots; :class:`RepTable` lists each rep's numbers for the
chosen transition and period (ordered by name or team, never by rate); :class:`CyclePanel` shows how many
of a cycle's reps improved against their own baseline; :class:`PlotLegend` explains the plots' markers and
lines. The view that lays them out and feeds them is :mod:`pdsa_desk.ui.views.compare`.
"""

from __future__ import annotations

import base64
import math
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QBuffer, QByteArray, QDate, QIODevice, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.ui import formatting, plotting
from pdsa_desk.ui.compare_widgets import (
    POSITION_ORDER,
    Column,
    RecordsModel,
    RepOrderProxy,
    interval_text,
    pct,
    position_icon,
    position_label,
    position_pixmap,
    position_style,
)
from pdsa_desk.ui.i18n import text as text_of
from pdsa_desk.ui.i18n import tr

#: Preset periods: (settings key, weeks).
PERIODS = (("13", 13), ("26", 26), ("52", 52))
CUSTOM = "custom"


class ControlsBar(QWidget):
    """The row of choices above the plots: reps or channels, transition, period (or a custom range), team,
    over-dispersion.

    The "List by" box (``order_combo``) is made here too but shown in the forest plot's bar by the view, and the
    "Compare: reps / channels" box (``units_combo``) in the view's title row.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Two rows: what is compared (transition, team), then over which period and how. In one row the
        # combo boxes were cut and overlapped at 1024 px.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        row = QHBoxLayout()
        row.setSpacing(6)
        rows.addLayout(row)

        self.units_combo = QComboBox()
        self.units_combo.addItem(self.tr("Reps"), "reps")
        self.units_combo.addItem(self.tr("Channels"), "channels")
        self.units_combo.setToolTip(self.tr("Compare reps, or the lead sources (channels) customers came through — "
                                            "side by side, never ranked"))
        self.units_label = QLabel(self.tr("&Compare:"))  # shown in the view's title row
        self.units_label.setBuddy(self.units_combo)

        self.transition_combo = QComboBox()
        self.transition_combo.setToolTip(self.tr("The step of the pipeline to compare reps on"))
        self.transition_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(self.tr("&Transition:"))
        label.setBuddy(self.transition_combo)
        row.addWidget(label)
        row.addWidget(self.transition_combo)
        row.addSpacing(10)
        team_row = row
        row = QHBoxLayout()
        row.setSpacing(6)
        rows.addLayout(row)

        self.period_combo = QComboBox()
        self.period_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, weeks in PERIODS:
            self.period_combo.addItem(self.tr("Last {0} weeks").format(weeks), key)
        self.period_combo.addItem(self.tr("Custom range"), CUSTOM)
        self.period_combo.setToolTip(self.tr("Opportunities that first entered the stage in this period are compared"))
        label = QLabel(self.tr("&Period:"))
        label.setBuddy(self.period_combo)
        row.addWidget(label)
        row.addWidget(self.period_combo)
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(formatting.date_edit_format())
            edit.setMinimumDate(QDate(2000, 1, 1))
        self.start_edit.setAccessibleName(self.tr("From"))
        self.end_edit.setAccessibleName(self.tr("To (inclusive)"))
        row.addWidget(self.start_edit)
        dash = QLabel("–")
        row.addWidget(dash)
        row.addWidget(self.end_edit)
        row.addSpacing(10)

        self.team_combo = QComboBox()
        self.team_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.team_combo.setToolTip(self.tr("Compare the reps of one team, or everyone"))
        label = QLabel(self.tr("T&eam:"))
        label.setBuddy(self.team_combo)
        team_row.addWidget(label)
        team_row.addWidget(self.team_combo)
        team_row.addStretch(1)

        self.order_combo = QComboBox()
        self.order_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.order_combo.addItem(self.tr("Name"), "name")
        self.order_combo.addItem(self.tr("Team, then name"), "team")
        self.order_combo.setToolTip(self.tr("Reps are listed by name (or grouped by team) — never by rate"))

        self.overdispersion_check = QCheckBox(self.tr("Adjust for over-&dispersion"))
        self.overdispersion_check.setToolTip(self.tr(
            "<p>Reps always differ a little by luck. Sometimes they differ more than luck explains — "
            "different territories, customers or deal sizes — and then the ordinary limits flag too many reps."
            "</p><p>Ticking this widens the limits by the extra spread seen between reps "
            "(Spiegelhalter's method), so only reps who stand out even from that wider spread are flagged.</p>"))
        row.addWidget(self.overdispersion_check)
        row.addStretch(1)

        self.date_error = QLabel()
        self.date_error.setObjectName("compareDateError")
        self.date_error.setVisible(False)
        colour = "#FF8A65" if plotting.is_dark() else "#B3261E"
        self.date_error.setStyleSheet(f"color: {colour};")
        row.addWidget(self.date_error)


# Rows a table's columns are sized on (those on screen first): measuring every row is slow for hundreds of reps.
ROWS_MEASURED = 40


def fit_columns_to_rows(table: QTableView, model: QAbstractItemModel) -> None:
    """The columns fit their contents each time new rows are shown, and the user may widen them.

    Not ``ResizeToContents``: that measured the cells again on every layout (each resize of the window), 0.13 s
    of the GUI thread with 430 reps at company scale; and, measuring all rows, 73,000 data() calls per reset.
    Measured here once per reset, on the rows on screen and their neighbours (40 rows) (only names vary in width).
    Until the first rows arrive the columns fit their titles (an empty table computed later, e.g. the team-wide
    cycle after the plots' paint, showed them cut at the default width)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(ROWS_MEASURED)
    model.modelReset.connect(table.resizeColumnsToContents)
    table.resizeColumnsToContents()


class RepTable(QWidget):
    """Each rep's numbers for the chosen transition and period, under a caption; ordered by the proxy."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        self.caption = QLabel()
        self.caption.setObjectName("compareCaption")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)

        self.model = RecordsModel([
            Column(self.tr("Rep"), lambda r: str(r.get("name") or self.tr("(no rep)")), lambda r: r.get("name")),
            Column(self.tr("Team"), lambda r: str(r.get("team_name") or "—"), lambda r: r.get("team_name")),
            Column(
                self.tr("Converted / entered"),
                lambda r: f"{int(r['x'])} / {int(r['n'])}",
                lambda r: int(r["n"]),
                header_tip=self.tr("Opportunities that moved on within the stage's window, of those that entered"),
                align_right=True,
                tooltip=self._immature_tip,
            ),
            Column(self.tr("Rate"), lambda r: pct(r["rate"]), lambda r: r["rate"], align_right=True),
            Column(
                self.tr("95% interval"),
                lambda r: interval_text(r["low"], r["high"]),
                lambda r: r["low"],
                header_tip=self.tr("Wilson 95% interval: the rates this rep's numbers are consistent with"),
                align_right=True,
            ),
            Column(
                self.tr("Position"),
                lambda r: position_label(str(r.get("position"))),
                lambda r: r.get("position"),
                header_tip=self.tr("Where the rep sits against the funnel's limits for their volume"),
                icon=lambda r: position_icon(str(r.get("position"))),
            ),
            Column(
                self.tr("Active cycles"),
                lambda r: str(int(r.get("active_cycles") or 0)),
                lambda r: int(r.get("active_cycles") or 0),
                header_tip=self.tr("PDSA cycles the rep takes part in now (started, not yet decided)"),
                align_right=True,
            ),
        ], self)
        self.proxy = RepOrderProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setObjectName("compareTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(False)  # ordering comes from the Order box: never by rate
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        fit_columns_to_rows(self.table, self.model)
        header.setStretchLastSection(False)
        layout.addWidget(self.table, 1)

    def dispersion_caption(self, comp: Any, adjusted: bool) -> str:
        """What may be said about reps varying more than chance: only with enough data per rep to estimate it
        (:func:`pdsa_desk.core.spc_guard.dispersion_check`; otherwise the core's sentence says why not)."""
        check = comp.dispersion
        if len(comp.table) < 2:
            text = self.tr("Too few reps to judge how much they vary.")
        elif check is None or not check.estimable:
            text = text_of(comp.dispersion_note) or self.tr(
                "Too few opportunities per rep to judge how much reps vary.")
        elif check.overdispersed:
            if comp.overdispersed:
                text = self.tr("Reps vary more than chance alone would explain (φ = {0}); limits widened.")
            else:
                text = self.tr(
                    "Reps vary more than chance alone would explain (φ = {0}); tick "
                    "“Adjust for over-dispersion” to widen the limits accordingly.")
            text = text.format(formatting.number(check.phi, 1))  # 0.1 / 0,1
        else:
            text = self.tr("Reps vary about as much as chance alone would explain (φ = {0}){1}").format(
                formatting.number(check.phi, 1), self.tr("; no widening needed.") if adjusted else ".")
        immature = int(comp.table["n_immature"].sum()) if "n_immature" in comp.table else 0
        if immature:
            text += " " + self.tr(
                "{0} recent opportunities are not counted yet: their window has not passed.").format(immature)
        return text + " " + self.tr("Long intervals mean few opportunities: those rates say little yet.")

    def _immature_tip(self, row: dict[str, Any]) -> str:
        k = int(row.get("n_immature") or 0)
        if not k:
            return ""
        return self.tr("{0} more entered recently and are not counted yet: their outcome is not known.").format(k)


class CyclePanel(QWidget):
    """A team-wide cycle: pick a cycle, read the headline, and each rep's rate before and during it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareCycleBox")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        row = QHBoxLayout()
        self.cycle_combo = QComboBox()
        self.cycle_combo.setToolTip(self.tr("Cycles that more than one rep took part in"))
        self.cycle_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        label = QLabel(self.tr("C&ycle:"))
        label.setBuddy(self.cycle_combo)
        row.addWidget(label)
        row.addWidget(self.cycle_combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.headline = QLabel()
        self.headline.setObjectName("compareHeadline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.headline.setFont(font)
        layout.addWidget(self.headline)
        self.cycle_note = QLabel(self.tr(
            "Each rep during the cycle against their own baseline. “Chance better” is how likely it is "
            "that the rep's rate really rose, given their numbers."))
        self.cycle_note.setWordWrap(True)
        layout.addWidget(self.cycle_note)

        self.cycle_model = RecordsModel([
            Column(self.tr("Rep"), lambda r: str(r.get("name") or ""), lambda r: r.get("name")),
            Column(
                self.tr("Baseline"),
                lambda r: self._rate_cell(r, "x_base", "n_base", "rate_base"),
                lambda r: r.get("rate_base"),
                align_right=True,
            ),
            Column(
                self.tr("During"),
                lambda r: self._rate_cell(r, "x_new", "n_new", "rate_new"),
                lambda r: r.get("rate_new"),
                align_right=True,
            ),
            Column(
                self.tr("Change"),
                lambda r: self._points(r.get("diff")),
                lambda r: r.get("diff"),
                header_tip=self.tr("Difference in percentage points"),
                align_right=True,
            ),
            Column(
                self.tr("Chance better"),
                lambda r: pct(r.get("prob_better")),
                lambda r: r.get("prob_better"),
                header_tip=self.tr("Probability that the rate during the cycle is really higher than the baseline"),
                align_right=True,
            ),
            Column(
                self.tr("Improved"),
                self._improved_text,
                lambda r: int(bool(r.get("improved"))) + int(bool(r.get("credible"))),
                header_tip=self.tr("Improved: the rate rose. Credibly: chance better is at least 90%."),
                tooltip=self._counted_tip,
            ),
        ], self)
        self.cycle_table = QTableView()
        self.cycle_table.setObjectName("compareCycleTable")
        self.cycle_table.setModel(self.cycle_model)
        self.cycle_table.verticalHeader().setVisible(False)
        self.cycle_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.cycle_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.cycle_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cycle_table.setAlternatingRowColors(True)
        self.cycle_table.setWordWrap(False)
        fit_columns_to_rows(self.cycle_table, self.cycle_model)
        self.cycle_table.horizontalHeader().setStretchLastSection(False)
        layout.addWidget(self.cycle_table, 1)

    def status_text(self, status: str) -> str:
        return {
            "plan": self.tr("planning"),
            "do": self.tr("running"),
            "study": self.tr("studying"),
            "act": self.tr("deciding"),
            "closed": self.tr("closed"),
        }.get(status, status)

    def _counted_tip(self, row: dict[str, Any]) -> str:
        if row.get("counted") is False:
            return self.tr("Counted once the rep has customers with a known outcome in both the baseline "
                           "and the cycle.")
        return ""

    @staticmethod
    def _rate_cell(row: dict[str, Any], x: str, n: str, rate: str) -> str:
        if not row.get(n):
            return "—"
        return f"{formatting.count(row[x])}/{formatting.count(row[n])} ({pct(row.get(rate))})"

    def _points(self, diff: Any) -> str:
        if diff is None or (isinstance(diff, float) and math.isnan(diff)):
            return "—"
        return self.tr("{0} pts").format(formatting.signed_number(100.0 * float(diff)))

    def _improved_text(self, row: dict[str, Any]) -> str:
        if row.get("counted") is False:
            return self.tr("Not counted yet")
        if row.get("credible"):
            return self.tr("Yes, credibly")
        if row.get("improved"):
            return self.tr("Yes")
        return self.tr("No")


class PlotLegend(QLabel):
    """The legend under the forest and funnel plots: the position markers, the team rate and the limits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareLegend")
        self.setWordWrap(True)
        # Marker pictures are inlined as data URIs so the legend follows the plots' shapes and colours.
        def img(position: str) -> str:
            data = QByteArray()
            buffer = QBuffer(data)
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            position_pixmap(position, 12).save(buffer, "PNG")
            encoded = base64.b64encode(bytes(data.data())).decode("ascii")
            return f"<img src='data:image/png;base64,{encoded}' width=12 height=12>"

        parts = [f"{img(p)}&nbsp;{tr(position_style(p).short)}" for p in POSITION_ORDER]
        team_rate, limits_95, limits_998 = self.tr("team rate"), self.tr("95% limits"), self.tr("99.8% limits")
        lines = (
            f"<span style='color:{plotting.CENTRE}'>- - -</span>&nbsp;{team_rate}"
            f"&nbsp;&nbsp;&nbsp;<span style='color:{plotting.LIMIT}'>- - -</span>&nbsp;{limits_95}"
            f"&nbsp;&nbsp;&nbsp;<span style='color:{plotting.LIMIT}'>——</span>&nbsp;{limits_998}"
        )
        self.setText("&nbsp;&nbsp;&nbsp;".join(parts) + "&nbsp;&nbsp;&nbsp;&nbsp;" + lines)

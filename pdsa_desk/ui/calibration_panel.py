"""Are our PDSA predictions calibrated? The Cycles view's summary line and its details (team and per owner).

The numbers come from :func:`pdsa_desk.core.calibration.calibration` (computed on the worker): across
closed cycles, the predicted rate against the observed one, the mean bias in points and how often the
prediction fell inside the cycle's 95% interval. Owners are listed by name, never ranked.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.rows_model import RowColumn, RowsModel
from pdsa_desk.ui.tasks import Latest

__all__ = ["CalibrationDialog", "CalibrationPanel"]


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _points(value: float | None) -> str:
    return "—" if value is None else f"{value:+.0f} pp".replace("-", "−")


class CalibrationPanel(QWidget):
    """One line under the cycle list: the team's calibration, and a button for the details."""

    #: Emitted after a computation was shown (also when there was nothing to compute).
    shown = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.result: Any = None
        self._latest = Latest()
        self.destroyed.connect(lambda *_: self._latest.forget())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(self.tr("Across closed cycles: the predicted rate against the observed one. A "
                                        "calibrated team's predictions fall inside the cycle's 95% interval about "
                                        "95% of the time."))
        layout.addWidget(self.summary, 1)
        self.details_button = QPushButton(self.tr("Calibration…"))
        self.details_button.setToolTip(self.tr("Prediction against result for every closed cycle, for the team and "
                                               "per cycle owner"))
        self.details_button.clicked.connect(self.show_details)
        layout.addWidget(self.details_button)
        self.summary.setText(self.tr("Prediction calibration: computing…"))
        self.details_button.setEnabled(False)

    def refresh(self) -> None:
        """Compute the calibration in the background (the analysis snapshot, then the closed cycles' studies)."""
        ticket = self._latest.begin()
        ws, as_of = self.ctx.ws, self.ctx.as_of()

        def with_data(data: Any) -> None:
            from pdsa_desk.core.calibration import calibration

            self.ctx.run_in_background(lambda: calibration(ws, as_of=as_of, data=data), ticket.guard(self._shown),
                                       ticket.guard(self._failed), abandon_on_close=True)

        self.ctx.analysis_in_background(ticket.guard(with_data), ticket.guard(self._failed))

    def _shown(self, result: Any) -> None:
        self.result = result
        team = result.team
        if not team.counted:
            self.summary.setText(self.tr("Prediction calibration: no closed cycle with a prediction and a result "
                                         "yet."))
        else:
            self.summary.setText(self.tr(
                "Predictions of %n closed cycle(s): bias {0}, inside the cycle's interval {1} of them ({2}).", "",
                team.counted).format(_points(team.bias_points), team.inside, _pct(team.inside_share)))
        self.details_button.setEnabled(bool(result.rows))
        self.shown.emit()

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(self.tr("Prediction calibration could not be computed: {0}").format(exc))
        self.details_button.setEnabled(False)
        self.shown.emit()

    def show_details(self) -> None:
        if self.result is None:
            return
        dialog = CalibrationDialog(self.result, self)
        dialog.exec()
        dialog.deleteLater()


class CalibrationDialog(QDialog):
    """The team and each owner (by name), then every closed cycle."""

    def __init__(self, result: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Are our predictions calibrated?"))
        self.resize(860, 560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Each closed cycle's written prediction against the rate it observed. <b>Bias</b> is the mean of "
            "predicted minus observed (positive = optimistic); <b>inside</b> counts predictions within the cycle's "
            "95% interval. Owners are listed by name — this is for learning to predict, not a ranking."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.people = RowsModel([
            RowColumn(self.tr("Who"), lambda s: s.who if s.who != "Team" else self.tr("Team"), lambda s: s.who),
            RowColumn(self.tr("Cycles counted"), lambda s: str(s.counted), lambda s: s.counted, right=True),
            RowColumn(self.tr("Mean predicted"), lambda s: _pct(s.mean_predicted), lambda s: s.mean_predicted,
                      right=True),
            RowColumn(self.tr("Mean observed"), lambda s: _pct(s.mean_observed), lambda s: s.mean_observed,
                      right=True),
            RowColumn(self.tr("Bias"), lambda s: _points(s.bias_points), lambda s: s.bias_points, right=True),
            RowColumn(self.tr("Mean abs. error"), lambda s: "—" if s.mean_abs_points is None
                      else f"{s.mean_abs_points:.0f} pp", lambda s: s.mean_abs_points, right=True),
            RowColumn(self.tr("Inside the interval"), lambda s: f"{s.inside} / {s.counted} ({_pct(s.inside_share)})"
                      if s.counted else "—", lambda s: s.inside, right=True),
            RowColumn(self.tr("Not counted"), lambda s: str(s.not_counted), lambda s: s.not_counted, right=True),
        ])
        self.people.set_rows([result.team, *result.by_owner])
        self.cycles = RowsModel([
            RowColumn(self.tr("Cycle"), lambda r: r.title, lambda r: r.title),
            RowColumn(self.tr("Owner"), lambda r: r.owner or "—", lambda r: r.owner),
            RowColumn(self.tr("Decided"), lambda r: r.decided_at.strftime("%d %b %Y") if r.decided_at else "—",
                      lambda r: r.decided_at),
            RowColumn(self.tr("Predicted"), lambda r: _pct(r.predicted), lambda r: r.predicted, right=True),
            RowColumn(self.tr("Observed"), lambda r: _pct(r.observed), lambda r: r.observed, right=True),
            RowColumn(self.tr("95% interval"), lambda r: "—" if r.low is None
                      else f"{_pct(r.low)}–{_pct(r.high)}", lambda r: r.low),
            RowColumn(self.tr("Inside"), self._inside_text, lambda r: r.inside),
        ])
        self.cycles.set_rows(result.rows)
        for model, stretch in ((self.people, 1), (self.cycles, 2)):
            table = QTableView()
            table.setModel(model)
            table.verticalHeader().hide()
            table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            layout.addWidget(table, stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def _inside_text(self, row: Any) -> str:
        if row.inside is None:
            return self.tr("not counted: no prediction") if row.predicted is None else self.tr(
                "not counted: nothing observed")
        return self.tr("yes") if row.inside else self.tr("no")

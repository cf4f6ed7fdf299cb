"""The Charts view's baseline and phases (workspace data, with who, when and why:
:mod:`pdsa_desk.core.services.phases`) and the small-sample guard's remedies.

:class:`ChartsPhases` is a part of :class:`~pdsa_desk.ui.views.charts.ChartsView` (after ``View`` in its
bases); its texts are translated in the view's context.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from PySide6.QtCore import QCoreApplication

from pdsa_desk.ui import formatting, i18n

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QLabel, QWidget

    from pdsa_desk.ui.chart_widgets import ConversionChart
    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.views.charts_parts import Segmented

    _Part = QWidget  # to the type checker, the part is the view it belongs to
else:
    _Part = object


class ChartsPhases(_Part):
    """Freeze the baseline, start or clear phases of the conversion chart; apply a remedy it offered."""

    # provided by the view
    ctx: AppContext
    status: QLabel
    period_seg: Segmented
    scope_combo: QComboBox
    range_combo: QComboBox
    _loading: bool

    if TYPE_CHECKING:  # the view's
        @property
        def conversion_chart(self) -> ConversionChart: ...

        def current_stage_id(self) -> str | None: ...

        def refresh(self) -> None: ...

        def _make_dirty(self, tabs: Any) -> None: ...

        def _update_current(self) -> None: ...

    def _period_start(self, index: int) -> datetime | None:
        series = self.conversion_chart.series
        if series is None or not 0 <= index < len(series.frame):
            return None
        return pd.DatetimeIndex(series.frame["period"])[index].to_pydatetime()

    def ask_phase_reason(self, kind: str, when: datetime) -> str | None:
        """Why the baseline is frozen / a phase starts (kept with it, shown on the chart); None: cancelled."""
        from pdsa_desk.ui.reason_dialog import ask_reason

        day = formatting.date_short(when)
        if kind == "baseline":
            title = QCoreApplication.translate("ChartsView", "Freeze the baseline")
            text = QCoreApplication.translate(
                "ChartsView",
                "The centre line and limits will be fixed on the points up to the period of {0}, for everyone "
                "who opens this workspace.").format(day)
            hint = QCoreApplication.translate("ChartsView", "e.g. a stable year before the new qualification checklist")
            return ask_reason(self, title, text, title, placeholder=hint)
        text = QCoreApplication.translate(
            "ChartsView",
            "From the period of {0} on, this transition's charts get their own centre line and limits, for "
            "everyone who opens this workspace.").format(day)
        return ask_reason(self, QCoreApplication.translate("ChartsView", "Start a new phase"), text,
                          QCoreApplication.translate("ChartsView", "Start the new phase"),
                          placeholder=QCoreApplication.translate("ChartsView",
                                                                 "e.g. the pricing page changed on this date"))

    def _add_phase(self, index: int, kind: str) -> None:
        from pdsa_desk.core.errors import ValidationError
        from pdsa_desk.ui.phase_edits import AddPhaseCommand

        stage_id, when = self.current_stage_id(), self._period_start(index)
        if stage_id is None or when is None:
            return
        reason = self.ask_phase_reason(kind, when)
        if reason is None:
            return
        command = AddPhaseCommand(self.ctx, stage_id, when, kind, reason, self.status.setText)
        try:
            command.apply()
        except ValidationError as exc:
            self.status.setText(i18n.text(exc.message))
            return
        self.ctx.undo_stack.push(command)
        self._changed()

    def freeze_baseline(self, index: int) -> None:
        """Fix the centre line (and limits) on the points up to ``index`` of each phase."""
        self._add_phase(index, "baseline")

    def start_phase(self, index: int) -> None:
        """Start a new phase (own centre line and limits) at point ``index``."""
        self._add_phase(index, "phase")

    def clear_phases(self) -> None:
        from pdsa_desk.core.errors import ValidationError
        from pdsa_desk.ui.phase_edits import ClearPhasesCommand

        stage_id = self.current_stage_id()
        if stage_id is None:
            return
        command = ClearPhasesCommand(self.ctx, stage_id, self.status.setText)
        try:
            command.apply()
        except ValidationError as exc:
            self.status.setText(i18n.text(exc.message))
            return
        self.ctx.undo_stack.push(command)
        self._changed()

    def _changed(self) -> None:
        """After a phase edit: every view reloads (the main window refreshes the current one; alone, this one).
        Phases are not in the analysis snapshot: it is kept, and the chart meta is read again by the refresh."""
        from pdsa_desk.core.changes import Change

        self.ctx.notify_changed(Change())
        if not self._loading:
            self.refresh()

    def apply_remedy(self, kind: str, value: str) -> None:
        """A choice the small-sample guard offered: a longer period, a wider scope or a longer range."""
        if kind == "period":
            self.period_seg.set_value(value)
        elif kind == "scope":
            i = self.scope_combo.findData(value)
            if i >= 0:
                self.scope_combo.setCurrentIndex(i)
        elif kind == "range":
            i = self.range_combo.findData(value)
            if i >= 0:
                self.range_combo.setCurrentIndex(i)

    def _redraw_conversion(self) -> None:
        self._make_dirty(("conversion",))
        self._update_current()

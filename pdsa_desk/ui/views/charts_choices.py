"""The Charts view's choices: remembered between sessions (``QSettings``), the transition and scope lists
filled from the snapshot, and read back as what the charts are computed for.

:class:`ChartsChoices` is a part of :class:`~pdsa_desk.ui.views.charts.ChartsView` (after ``View`` in its
bases); its texts are translated in the view's context.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox, QTabWidget, QWidget

    from pdsa_desk.ui.views.charts_parts import Segmented

    _Part = QWidget  # to the type checker, the part is the view it belongs to
else:
    _Part = object

SETTINGS = "charts/"


class ChartsChoices(_Part):
    """The transition, scope, period, chart, rules, range and tab chosen."""

    # provided by the view
    TABS: tuple[str, ...]
    tabs: QTabWidget
    transition_combo: QComboBox
    scope_combo: QComboBox
    range_combo: QComboBox
    period_seg: Segmented
    chart_seg: Segmented
    rules_seg: Segmented
    _restoring: bool
    _transitions: list[Any]

    if TYPE_CHECKING:  # the view's
        def _as_of(self) -> datetime: ...

        def _update_enabled(self) -> None: ...

    # --- settings -----------------------------------------------------------------------------
    def _restore_choices(self) -> None:
        s = QSettings()
        self._restoring = True
        self.period_seg.set_value(str(s.value(SETTINGS + "period", "week")))
        self.chart_seg.set_value(str(s.value(SETTINGS + "chart", "pp")))
        self.rules_seg.set_value(str(s.value(SETTINGS + "rules", "anhoej")))
        i = self.range_combo.findData(str(s.value(SETTINGS + "range", "all")))
        self.range_combo.setCurrentIndex(max(i, 0))
        tab = str(s.value(SETTINGS + "tab", "conversion"))
        self.tabs.setCurrentIndex(self.TABS.index(tab) if tab in self.TABS else 0)
        self._restoring = False

    def _save_choices(self) -> None:
        if self._restoring:
            return
        s = QSettings()
        s.setValue(SETTINGS + "period", self.period_seg.value())
        s.setValue(SETTINGS + "chart", self.chart_seg.value())
        if self.chart_seg.value() == "run":  # on P charts the buttons show what is applied, not the choice
            s.setValue(SETTINGS + "rules", self.rules_seg.value())
        s.setValue(SETTINGS + "range", self.range_combo.currentData())
        s.setValue(SETTINGS + "tab", self.TABS[self.tabs.currentIndex()])
        if self.transition_combo.currentIndex() >= 0:
            s.setValue(SETTINGS + "transition", self.transition_combo.currentData())
        if self.scope_combo.currentIndex() >= 0:
            s.setValue(SETTINGS + "scope", self.scope_combo.currentData())

    def _populate_combos(self, scopes: list) -> None:
        s = QSettings()
        want_transition = self.transition_combo.currentData() or s.value(SETTINGS + "transition", "")
        want_scope = self.scope_combo.currentData() or s.value(SETTINGS + "scope", "all")
        self._restoring = True
        self.transition_combo.blockSignals(True)
        self.scope_combo.blockSignals(True)
        self.transition_combo.clear()
        for tr in self._transitions:
            self.transition_combo.addItem(tr.label, tr.from_id)
        i = self.transition_combo.findData(want_transition)
        if i < 0 and self._transitions:
            i = 0
        self.transition_combo.setCurrentIndex(i)
        self.scope_combo.clear()
        self.scope_combo.addItem(QCoreApplication.translate("ChartsView", "All"), "all")
        for name, (kind, ident) in scopes:
            if kind == "team":
                text = QCoreApplication.translate("ChartsView", "Team {0}").format(name)
            elif kind == "channel" and ident:
                text = QCoreApplication.translate("ChartsView", "Channel {0}").format(name)
            elif kind == "channel":
                text = QCoreApplication.translate("ChartsView", "No channel recorded")
            else:
                text = name
            self.scope_combo.addItem(text, f"{kind}:{ident}")
        i = self.scope_combo.findData(want_scope)
        self.scope_combo.setCurrentIndex(max(i, 0))
        self.transition_combo.blockSignals(False)
        self.scope_combo.blockSignals(False)
        self._restoring = False
        self._update_enabled()

    # --- current choices ----------------------------------------------------------------------
    def current_stage_id(self) -> str | None:
        data = self.transition_combo.currentData()
        return str(data) if data else None

    def current_group(self) -> tuple[str, str | None]:
        data = str(self.scope_combo.currentData() or "all")
        if data == "all":
            return ("all", None)
        kind, _, ident = data.partition(":")
        return (kind, ident)

    def current_scope_label(self) -> str:
        return self.scope_combo.currentText() if self.scope_combo.currentIndex() > 0 else ""

    def _range_start(self) -> datetime | None:
        key = self.range_combo.currentData()
        if key in (None, "all"):
            return None
        return self._as_of() - timedelta(weeks=int(key))

    def _range_label(self) -> str:
        return "" if self.range_combo.currentData() in (None, "all") else self.range_combo.currentText()

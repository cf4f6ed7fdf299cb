"""The PDSA editor of one cycle: a header with the next step, and Plan / Do / Study / Act tabs.

* :mod:`.editor` — :class:`CycleEditor`, the shell: header (title, status pill, next step), the tabs,
  and every edit (through :mod:`pdsa_desk.core.services`; a refused edit shows its message next to the
  field it names, ``ValidationError.field``) with the undoable observation commands;
* :mod:`.plan_tab`, :mod:`.do_tab`, :mod:`.study_tab`, :mod:`.act_tab` — one module per tab;
* :mod:`.snapshot` — what the editor shows: the cycle's record and its computed results (from
  :mod:`pdsa_desk.core.study`, computed on the worker thread);
* :mod:`.fields` — the fields and helpers the tabs share.
"""

from __future__ import annotations

from pdsa_desk.ui.cycle_editor.act_tab import ActTab, RampTable
from pdsa_desk.ui.cycle_editor.commands import (
    AddObservationCommand,
    DeleteObservationCommand,
    LifecycleCommand,
    NewCycleCommand,
    SaveCycleCommand,
)
from pdsa_desk.ui.cycle_editor.do_tab import KINDS, DoTab
from pdsa_desk.ui.cycle_editor.editor import (
    ACT_TAB,
    DO_TAB,
    PLAN_TAB,
    STUDY_TAB,
    TAB_FOR_STATUS,
    CycleEditor,
    StatusPill,
)
from pdsa_desk.ui.cycle_editor.fields import DateField, PredictionField
from pdsa_desk.ui.cycle_editor.plan_tab import PlanTab
from pdsa_desk.ui.cycle_editor.snapshot import CycleResults, CycleSnapshot, compute_results, load_snapshot
from pdsa_desk.ui.cycle_editor.study_tab import CHART_AFTER, Banner, StudyChart, StudyTab

__all__ = [
    "ACT_TAB",
    "CHART_AFTER",
    "DO_TAB",
    "KINDS",
    "PLAN_TAB",
    "STUDY_TAB",
    "TAB_FOR_STATUS",
    "ActTab",
    "AddObservationCommand",
    "Banner",
    "CycleEditor",
    "CycleResults",
    "CycleSnapshot",
    "DateField",
    "DeleteObservationCommand",
    "DoTab",
    "LifecycleCommand",
    "NewCycleCommand",
    "PlanTab",
    "PredictionField",
    "RampTable",
    "SaveCycleCommand",
    "StatusPill",
    "StudyChart",
    "StudyTab",
    "compute_results",
    "load_snapshot",
]

"""Every dialog of the app, built the way the app builds it, for the layout test (tests/ui/test_layout.py).

A new dialog is one line here: a name and a factory that takes the main window (its ``ctx`` holds the open demo
workspace) and returns the dialog, not yet shown. A wizard is walked page by page, up to its commit page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog

from pdsa_desk.core import services
from pdsa_desk.ui.main_window import MainWindow


def _stage(win: MainWindow):
    return services.list_stages(win.ctx.ws)[2]


def _move(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.board_edits import MoveDialog

    stage = _stage(win)
    return MoveDialog("Northwind Traders — fleet renewal 2027", "Discovery", stage.name, stage.standard,
                      list(stage.checklist), parent=win)


def _move_over_wip(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.board_edits import MoveDialog

    stage = _stage(win)
    return MoveDialog("Northwind Traders — fleet renewal 2027", "Discovery", stage.name, stage.standard,
                      list(stage.checklist), skipped=["Named contact"], wip=(49, 30), parent=win)


def _won(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.board_edits import MoveDialog

    stage = services.list_stages(win.ctx.ws)[-1]
    return MoveDialog("Northwind Traders — fleet renewal 2027", "Budget shared", stage.name, stage.standard,
                      list(stage.checklist), closes_won=True, parent=win)


def _lost(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.board_edits import LostDialog

    reasons = [(r.id, r.name) for r in services.list_loss_reasons(win.ctx.ws)]
    return LostDialog("Northwind Traders — fleet renewal 2027", reasons, parent=win)


def _history(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.board_edits import HistoryDialog

    rows = [("12/4/2026 6:00 PM", "Lead", "Discovery", "Ann Example", "Agenda sent before the call")] * 6
    return HistoryDialog("Northwind Traders — fleet renewal 2027", "Ann Example · $51,800", rows, parent=win)


def _tactic(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.standards_edits import TacticDialog

    return TacticDialog(win, "Add a tactic aimed at “Discovery”", lambda values: None)  # type: ignore[arg-type,return-value]


def _reason(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.reason_dialog import ReasonDialog

    return ReasonDialog(win, "Abandon cycle", "Why is this cycle abandoned? The reason is kept with the record.",
                        "Abandon")


def _new_cycle(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.views.cycles import NewCycleDialog

    return NewCycleDialog(win.ctx, win)


def _send_work(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.exchange_dialogs import SendWorkDialog

    return SendWorkDialog(win.ctx, win)


def _send_standards(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.exchange_dialogs import SendStandardsDialog

    return SendStandardsDialog(win.ctx, win)


def _merge(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.exchange_dialogs import MergeWorkDialog

    return MergeWorkDialog(win.ctx, win)


def _connect(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.connect_dialog import ConnectDialog

    return ConnectDialog(win)


def _import(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard

    return ImportWizard(win.ctx, win)


def _import_a_file(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.import_wizard.wizard import ImportWizard

    return ImportWizard(win.ctx, win, path=Path(__file__).parents[1] / "data" / "import" / "salesforce_history.csv")


def _crash(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.crash import CrashDialog

    return CrashDialog("Traceback (most recent call last):\n  File \"x.py\", line 1\nValueError: example", None, win)


def _people(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.people_dialog import PeopleDialog

    return PeopleDialog(win.ctx, win)


def _settings(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.settings_dialog import SettingsDialog

    return SettingsDialog(win.ctx, win)


def _new_opportunity(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.opportunity_editor import OpportunityEditor

    return OpportunityEditor(win.ctx, None, win)


def _opportunity(win: MainWindow) -> QDialog:
    from sqlmodel import select

    from pdsa_desk.core.models import Opportunity
    from pdsa_desk.ui.opportunity_editor import OpportunityEditor

    with win.ctx.ws.session() as s:  # the longest name: the window title and the history button beside it
        opp_id = max(s.exec(select(Opportunity.id, Opportunity.name)).all(), key=lambda r: len(r[1]))[0]
    return OpportunityEditor(win.ctx, opp_id, win)


def _glossary(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.glossary import GlossaryDialog

    dialog = GlossaryDialog(win)
    dialog.show_entry("laney")
    return dialog


def _shortcuts(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.main_window import VIEWS
    from pdsa_desk.ui.shortcuts import ShortcutsDialog, collect_shortcuts

    for spec in VIEWS:  # as Help ▸ Keyboard shortcuts does: every view's actions are there
        win.view(spec.key)
    return ShortcutsDialog(collect_shortcuts(win, {spec.key: win.tr(spec.title) for spec in VIEWS}), win)


def _calibration(win: MainWindow) -> QDialog:
    from pdsa_desk.core.calibration import calibration
    from pdsa_desk.ui.calibration_panel import CalibrationDialog

    return CalibrationDialog(calibration(win.ctx.ws, as_of=win.ctx.as_of()), win)


def _initiative(win: MainWindow) -> QDialog:
    from pdsa_desk.ui.initiative_edits import InitiativeDialog

    stages = [(s.id, s.name) for s in services.list_stages(win.ctx.ws)]
    return InitiativeDialog(win, "Add a marketing initiative", lambda values: None, stages=stages,
                            channels=["Inbound", "Partner referral", "Outbound"], today=win.ctx.as_of().date())


DIALOGS: dict[str, Callable[[MainWindow], QDialog]] = {
    "move": _move,
    "move over the WIP limit, an item skipped": _move_over_wip,
    "mark won": _won,
    "mark lost": _lost,
    "history": _history,
    "tactic": _tactic,
    "reason": _reason,
    "new cycle": _new_cycle,
    "send work": _send_work,
    "send standards": _send_standards,
    "merge work": _merge,
    "connect": _connect,
    "import wizard": _import,
    "import wizard, a file chosen": _import_a_file,  # its pages up to the commit page
    "crash": _crash,
    "people and teams": _people,
    "workspace settings": _settings,
    "new opportunity": _new_opportunity,
    "opportunity editor": _opportunity,
    "glossary": _glossary,
    "keyboard shortcuts": _shortcuts,
    "prediction calibration": _calibration,  # the Cycles view's details; forecasts have no dialog (a form)
    "marketing initiative": _initiative,
}

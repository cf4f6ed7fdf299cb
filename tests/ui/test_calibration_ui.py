"""The Cycles view shows whether the team's PDSA predictions are calibrated: a summary line and the details
for the team and per owner (listed by name), computed on the worker."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from pdsa_desk.core.calibration import calibration
from pdsa_desk.ui.calibration_panel import CalibrationDialog
from tests.ui.test_cycles import AS_OF
from tests.ui.test_cycles import view as cycles_view  # noqa: F401 - the Cycles view fixture


def test_calibration_summary_and_details(qtbot, cycles_view, demo_ws, monkeypatch) -> None:  # noqa: F811
    panel = cycles_view.calibration
    qtbot.waitUntil(lambda: panel.result is not None, timeout=30_000)
    expected = calibration(demo_ws, as_of=AS_OF)
    team = expected.team
    assert team.counted >= 4  # the demo has enough closed cycles for it to mean something
    text = panel.summary.text()
    assert f"Predictions of {team.counted} closed cycle" in text
    assert f"inside the cycle's interval {team.inside} of them" in text
    assert panel.details_button.isEnabled()
    seen: list[CalibrationDialog] = []

    def fake_exec(dialog: CalibrationDialog) -> int:
        seen.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(CalibrationDialog, "exec", fake_exec)
    panel.details_button.click()
    (dialog,) = seen
    who = [dialog.people.index(r, 0).data() for r in range(dialog.people.rowCount())]
    owners = [s.who for s in expected.by_owner]
    assert who == ["Team", *owners] and owners == sorted(owners, key=str.casefold)  # by name, never ranked
    assert dialog.cycles.rowCount() == len(expected.rows)
    bias = dialog.people.index(0, 4).data()
    assert bias == f"{team.bias_points:+.0f} pp".replace("-", "−")


def test_a_visit_computes_the_calibration_after_the_list_and_the_open_cycle(qtbot, demo_ws, monkeypatch) -> None:
    """Seconds of studies at company scale: started beside the list, they kept the window waiting for the GIL
    while the list was shown. On a visit they start once the list and the open cycle are shown; after an edit
    (the list read at once) at once."""
    from pdsa_desk.ui.calibration_panel import CalibrationPanel
    from pdsa_desk.ui.context import AppContext
    from pdsa_desk.ui.views.cycles import CyclesView

    started: list[tuple[int, bool, str | None]] = []
    original = CalibrationPanel.refresh

    def record(panel: CalibrationPanel) -> None:
        view = panel.parentWidget()
        while not isinstance(view, CyclesView):
            view = view.parentWidget()
        started.append((view.model.rowCount(), view.updating, view.editor.cycle_id))
        original(panel)

    monkeypatch.setattr(CalibrationPanel, "refresh", record)
    ctx = AppContext(demo_ws)
    ctx.clock.pin(AS_OF)
    view = CyclesView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.refresh()  # a visit
    qtbot.waitUntil(lambda: view.calibration.result is not None, timeout=30_000)
    ((rows, updating, opened),) = started
    assert rows == view.model.rowCount() > 0 and not updating and opened is not None
    view.refresh()  # as after an edit here: at once
    assert len(started) == 2
    ctx.wait_for_background()

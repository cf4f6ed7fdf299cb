"""This week after an edit (issue 16): the agenda shown equals :func:`build_agenda` at the window's instant after
each kind of edit (its studies and signals kept where provably the same, core/agenda_reuse.py), and the summary
line's "updating…" and back does not lay out the window again (ui/views/week_summary.py)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from pdsa_desk.core import services
from pdsa_desk.core.agenda import build_agenda
from pdsa_desk.core.changes import Change
from pdsa_desk.core.frames import load_analysis_data
from pdsa_desk.core.statuses import CycleStatus
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.week import WeekView
from tests.ui.waiting import refreshed


class _LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def _edit_and_wait(qtbot, view: WeekView, edit) -> None:
    with qtbot.waitSignal(view.refreshed, timeout=30000):
        edit()
    qtbot.waitUntil(lambda: not view.updating, timeout=30000)


def test_the_agenda_after_each_edit_equals_build_agenda_at_the_same_instant(qtbot, demo_ws, monkeypatch) -> None:
    ctx = AppContext(demo_ws)
    window = QWidget()
    qtbot.addWidget(window)
    view = WeekView(ctx)
    QVBoxLayout(window).addWidget(view)
    ctx.data_changed.connect(view.refresh)
    window.show()
    refreshed(qtbot, view)
    cycle = next(c for c in services.list_cycles(demo_ws) if c.status == CycleStatus.DO)
    requests = _LayoutRequests()
    window.installEventFilter(requests)

    def observe() -> None:
        services.add_observation(demo_ws, cycle.id, "Two calls made before noon.")
        ctx.notify_changed(Change())

    def save_cycle() -> None:
        current = services.get_cycle(demo_ws, cycle.id)
        services.update_cycle(demo_ws, cycle.id, title=f"{current.title} (revised)", planned_end=date(2026, 12, 31),
                              expected_updated_at=current.updated_at)
        ctx.notify_changed(Change())

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    for edit in (observe, save_cycle, view.mark_session_held, observe):
        requests.count = 0
        _edit_and_wait(qtbot, view, edit)
        expected = build_agenda(demo_ws, as_of=ctx.as_of(), data=load_analysis_data(demo_ws))
        assert view.agenda == expected, edit
        if edit is observe:  # nothing on the agenda changed: the window is not laid out again
            assert requests.count == 0
    assert any("(revised)" in item.title for item in view.agenda.items)  # the saved cycle's new title shows
    assert services.last_session(demo_ws) is not None

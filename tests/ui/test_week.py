"""This week: the agenda view opens what each item names."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from pdsa_desk.core import services
from pdsa_desk.core.agenda import Section, build_agenda
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.week import ITEM_ROLE, WeekView
from tests.ui.waiting import refreshed, settled


@pytest.fixture
def week(qtbot, demo_ws):
    ctx = AppContext(demo_ws)
    view = WeekView(ctx)
    qtbot.addWidget(view)
    view.show()
    return refreshed(qtbot, view)


def test_tree_shows_every_section_and_item(week) -> None:
    agenda = week.agenda
    assert week.tree.topLevelItemCount() == len(Section)
    for i, section in enumerate(Section):
        head = week.tree.topLevelItem(i)
        items = agenda.section(section)
        assert head.text(0) == f"{section.value} ({len(items)})"
        if items:
            assert [head.child(k).data(0, ITEM_ROLE) for k in range(head.childCount())] == items
        else:
            assert head.childCount() == 1 and head.child(0).data(0, ITEM_ROLE) is None
    assert "items" in week.summary.text()


def test_agenda_matches_the_core(week, demo_ws) -> None:
    core = build_agenda(demo_ws, as_of=week.agenda.as_of, data=week.ctx.current_analysis())
    assert [(i.section, i.title) for i in week.agenda.items] == [(i.section, i.title) for i in core.items]


def test_activating_an_item_navigates_to_it(week, qtbot) -> None:
    head = week.tree.topLevelItem(list(Section).index(Section.RUNNING))
    row = head.child(0)
    item = row.data(0, ITEM_ROLE)
    with qtbot.waitSignal(week.ctx.navigate_requested) as blocker:
        week.tree.itemActivated.emit(row, 0)
    assert blocker.args == [item.view, item.object_id]


def test_mark_session_held_records_it(week, qtbot, monkeypatch, demo_ws) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    week.mark_session_held()
    assert services.last_session(demo_ws) is None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    before = datetime.now(UTC)
    week.mark_session_held()
    held = services.last_session(demo_ws)
    assert held is not None and held.held_at >= before
    settled(qtbot, week)
    assert week.agenda.last_session == held.held_at
    assert "Last session" in week.summary.text()


def test_weekly_report_button_writes_a_pdf(week, qtbot, tmp_path) -> None:
    target = tmp_path / "weekly.pdf"
    week.write_report(str(target))  # collected in the background, drawn here
    qtbot.waitUntil(lambda: "Report written" in week.summary.text(), timeout=30_000)
    assert target.read_bytes().startswith(b"%PDF")
    assert "pages" in week.summary.text() and str(target) in week.summary.text()

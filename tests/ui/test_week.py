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


def test_monthly_review_button_asks_the_month_and_writes_a_pdf(qtbot, demo_ws, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    from tests.conftest import DEMO_AS_OF

    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)  # 24 Nov 2026: the last complete month is October
    view = WeekView(ctx)
    qtbot.addWidget(view)
    view.show()
    refreshed(qtbot, view)
    asked: list[list[str]] = []

    def get_item(_parent, _title, _label, items, current, _editable):
        asked.append(list(items))
        return items[current], True

    target = tmp_path / "october.pdf"
    monkeypatch.setattr(QInputDialog, "getItem", get_item)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    with qtbot.waitSignal(view.monthly_written, timeout=60_000) as blocker:
        view.monthly_button.click()
    assert asked[0][0] == "October 2026" and asked[0][-1] == "November 2026" and len(asked[0]) == 13
    assert blocker.args == [str(target)] and target.read_bytes().startswith(b"%PDF")
    assert "Monthly review written" in view.summary.text()


def test_the_monthly_review_cli_writes_the_month(qapp, demo_ws, tmp_path, capsys) -> None:
    from pdsa_desk import app

    out = tmp_path / "november.pdf"
    path = str(demo_ws.path)
    demo_ws.close()
    assert app.main(["report", "--db", path, "--month", "2026-11", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF") and "Monthly review 2026-11" in capsys.readouterr().out
    from tests.ui.test_report import has_pdftotext, pdf_text

    if has_pdftotext():
        text = " ".join(" ".join(pdf_text(out)).split())
        for heading in ("Conversion by channel", "Marketing initiatives and the cycles they overlap",
                        "Forecasts against actuals", "Cycles decided this month", "Are our predictions calibrated?"):
            assert heading in text
        assert "Farid Haddad" in text  # the demo's optimistic forecaster, listed by name


def test_an_edit_that_leaves_the_rows_keeps_the_tree_and_one_that_changes_them_rebuilds_it(week, qtbot,
                                                                                           demo_ws) -> None:
    """After an edit most agendas list the same rows: the tree is kept (not laid out again, its scroll and
    selection stay) while the heading and the summary take the new instant; rows that changed are shown."""
    from PySide6.QtCore import Qt

    from pdsa_desk.core.changes import Change

    marker = Qt.ItemDataRole.UserRole + 77
    running = week.tree.topLevelItem(list(Section).index(Section.RUNNING))
    running.setData(0, marker, "kept")
    cycle = running.child(0).data(0, ITEM_ROLE).object_id
    services.add_observation(demo_ws, cycle, "Two calls made before noon.")
    before = week.agenda
    week.ctx.notify_changed(Change())  # an observation: nothing the agenda lists changes
    refreshed(qtbot, week)  # as the main window does for the view shown
    assert week.agenda is not before and week.agenda.as_of > before.as_of  # a new agenda, at a new instant
    head = week.tree.topLevelItem(list(Section).index(Section.RUNNING))
    assert head.data(0, marker) == "kept"
    assert [head.child(k).data(0, ITEM_ROLE) for k in range(head.childCount())] == week.agenda.section(
        Section.RUNNING)

    services.delete_cycle(demo_ws, cycle)  # deleted: its row goes
    week.ctx.notify_changed(Change())
    refreshed(qtbot, week)
    head = week.tree.topLevelItem(list(Section).index(Section.RUNNING))
    assert head.data(0, marker) is None  # the tree was built again
    shown = [item for k in range(head.childCount()) if (item := head.child(k).data(0, ITEM_ROLE)) is not None]
    assert shown == week.agenda.section(Section.RUNNING) and cycle not in [i.object_id for i in shown]
    assert week.agenda == build_agenda(demo_ws, as_of=week.agenda.as_of, data=week.ctx.current_analysis())

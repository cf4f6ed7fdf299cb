"""Texts built in ``core/`` come out German on screen: a service's refusal next to its field, the chart guard's
banner. Driven through the widgets with the German translator installed (the committed catalogue, compiled here);
the database shows that nothing was written."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import text

from pdsa_desk.core import services
from pdsa_desk.ui.context import AppContext
from tests.conftest import DEMO_AS_OF
from tests.ui.waiting import refreshed, settle

ROOT = Path(__file__).resolve().parents[2]
TOOLS = Path(sys.executable).parent


def count(ws, table: str) -> int:
    with ws.engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_a_refused_name_is_said_in_german_next_to_its_field(german, qtbot, ws) -> None:
    from pdsa_desk.ui.people_dialog import PeopleDialog

    services.ensure_defaults(ws)
    dialog = PeopleDialog(AppContext(ws))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = count(ws, "rep")

    dialog.rep_name.setText("x" * 201)
    qtbot.mouseClick(dialog.add_rep_button, Qt.MouseButton.LeftButton)
    label = dialog.rep_errors["name"]
    assert label.isVisible()
    assert label.text() == "Vertriebler: Der Name ist zu lang (201 Zeichen; höchstens 200)."
    assert count(ws, "rep") == before and len(dialog.rep_name.text()) == 201  # nothing written, nothing cut

    # a duplicate: the nested noun and the name the user typed are filled into the German sentence
    services.create_rep(ws, "Ann")
    dialog.rep_name.setText("ann")
    qtbot.mouseClick(dialog.add_rep_button, Qt.MouseButton.LeftButton)
    assert label.text() == "Vertriebler: Der Name „ann“ ist schon vergeben."
    assert count(ws, "rep") == before + 1


def test_the_chart_guard_banner_is_german(german, qtbot, demo_ws) -> None:
    from pdsa_desk.ui.views.charts import ChartsView

    ctx = AppContext(demo_ws)
    ctx.clock.pin(DEMO_AS_OF)
    view = ChartsView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    refreshed(qtbot, view)
    # one rep's weekly chart over the last 13 weeks: too few opportunities for limits or runs rules
    rep = min(services.list_reps(demo_ws), key=lambda r: r.name)
    view.scope_combo.setCurrentIndex(view.scope_combo.findData(f"rep:{rep.id}"))
    view.range_combo.setCurrentIndex(view.range_combo.findData("13"))
    view.period_seg.set_value("week")
    settle(view)
    guard = view.conversion_chart.series.guard
    assert guard.reason.startswith("Too little data to tell a signal from noise")  # the str stays English
    summary = view.conversion_chart.summary_label.text()
    assert "⚠ Zu wenige Daten, um" in summary and "ein Signal von Rauschen zu unterscheiden" in summary
    assert "Too little data" not in summary and "a typical week" not in summary
    assert "Monat statt Woche" in summary  # a remedy the user can click, in German
    assert "Month instead of Week" not in summary


def test_the_cycle_editor_says_a_refused_plan_in_german_next_to_the_field(german, qtbot, demo_ws) -> None:
    from datetime import UTC, date, datetime

    from pdsa_desk.ui.views.cycles import CyclesView
    from tests.ui.waiting import analysis

    ctx = AppContext(demo_ws)
    ctx.clock.pin(datetime(DEMO_AS_OF.year, DEMO_AS_OF.month, DEMO_AS_OF.day, 18, tzinfo=UTC))
    view = CyclesView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    view.refresh()
    analysis(qtbot, ctx)
    video = next(c for c in services.list_cycles(demo_ws) if c.title == "Video recap to speed up signatures")
    view.show_object(video.id)
    plan = view.editor.plan_tab

    plan.planned_end.set_value(date(2026, 11, 1))  # before the start (1 Dec): the service refuses it
    assert not view.editor.save()
    assert plan.error_text("planned_end") == "Das geplante Enddatum liegt vor dem Startdatum."
    assert plan._errors["planned_end"].isVisibleTo(plan)
    plan.planned_end.set_value(date(2027, 1, 12))
    plan.title.setText("   ")
    plan._touched()
    assert not view.editor.save()
    assert plan.error_text("title") == "Zyklus: Der Name darf nicht leer sein."
    assert services.get_cycle(demo_ws, video.id).title == video.title  # nothing written
    assert services.get_cycle(demo_ws, video.id).planned_end == video.planned_end
    ctx.wait_for_background()


def test_the_data_views_check_reports_a_broken_rule_in_german(german, qtbot, ws) -> None:
    """A lost opportunity without a loss reason (written behind the services' back) is found by the check, and
    the Data view says so in German, the noun in its plural; the check's str stays English."""
    from datetime import UTC, datetime

    from pdsa_desk.core.check import check_workspace
    from pdsa_desk.ui.views.data import DataView

    services.ensure_defaults(ws)
    opp = services.create_opportunity(ws, "Acme renewal", opened_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    with ws.engine.begin() as conn:
        conn.execute(text("UPDATE opportunity SET outcome = 'lost', closed_at = opened_at WHERE id = :i"),
                     {"i": opp.id})
    english = [str(f) for f in check_workspace(ws)]
    assert english == [f"opportunity: 1 opportunity lost without a loss reason: 'Acme renewal' ({opp.id[:8]})"]

    view = DataView(AppContext(ws))
    qtbot.addWidget(view)
    view.show()
    view.check_button.click()
    qtbot.waitUntil(lambda: view.check_button.isEnabled() and "Prüf" not in view.result.toPlainText()
                    and bool(view.result.toPlainText()), timeout=20_000)
    shown = view.result.toPlainText()
    assert f"opportunity: 1 Verkaufschance verloren ohne Verlustgrund: 'Acme renewal' ({opp.id[:8]})" in shown
    assert "lost without" not in shown

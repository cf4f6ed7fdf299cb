"""Forecasts view: record a forecast through the form (made now; late ones marked), forecast vs actual, and
each forecaster's bias and accuracy listed by name; every step asserted on the database."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pdsa_desk.core import services
from pdsa_desk.core.models import ForecastMetric, ForecastScope
from pdsa_desk.ui.application import set_application_names
from pdsa_desk.ui.context import AppContext
from pdsa_desk.ui.views.forecasts import ForecastsView
from tests.ui.waiting import refreshed

AS_OF = datetime(2026, 11, 24, 18, tzinfo=UTC)


@pytest.fixture
def view(qtbot, ws):
    set_application_names()
    lead = services.create_stage(ws, "Lead")
    services.create_stage(ws, "Won", terminal="won")
    ann = services.create_rep(ws, "Ann")
    # Three opportunities opened in Q3 2026 (one won in Q3), none in Q2.
    for i, opened in enumerate((datetime(2026, 7, 2, tzinfo=UTC), datetime(2026, 8, 3, tzinfo=UTC),
                                datetime(2026, 9, 4, tzinfo=UTC))):
        services.create_opportunity(ws, f"Deal {i}", rep_id=ann.id, opened_at=opened, stage_id=lead.id)
    ctx = AppContext(ws)
    ctx.clock.pin(AS_OF)
    v = ForecastsView(ctx)
    qtbot.addWidget(v)
    v.resize(1300, 800)
    v.show()
    qtbot.waitExposed(v)
    refreshed(qtbot, v)
    yield v
    ctx.wait_for_background()


def fill(view: ForecastsView, *, who: str, role: str, kind: str, part: int, year: int, metric: str, value: float,
         scope: str = ForecastScope.ALL, target: str = "") -> None:
    f = view.form
    f.forecaster_combo.setEditText(who)
    f.role_combo.setCurrentIndex(f.role_combo.findData(role))
    f.kind_combo.setCurrentIndex(f.kind_combo.findData(kind))
    f.year_spin.setValue(year)
    f.part_combo.setCurrentIndex(f.part_combo.findData(part))
    f.metric_combo.setCurrentIndex(f.metric_combo.findData(metric))
    f.scope_combo.setCurrentIndex(f.scope_combo.findData(scope))
    if target:
        f.target_combo.setCurrentIndex(f.target_combo.findText(target))
    f.value_spin.setValue(value)


def test_record_a_forecast_made_now_and_undo_it(qtbot, view, ws) -> None:
    fill(view, who="Mara", role="marketing", kind="quarter", part=1, year=2027, metric=ForecastMetric.LEADS,
         value=40, scope=ForecastScope.REP, target="Ann")
    view.form.record_button.click()
    rows = services.list_forecasts(ws)
    assert len(rows) == 1
    f = rows[0]
    assert (f.forecaster, f.role, f.period_start, f.period_end, f.metric, f.scope_kind, f.value) == (
        "Mara", "marketing", date(2027, 1, 1), date(2027, 3, 31), "leads", "rep", 40.0)
    assert f.rep_id == services.list_reps(ws)[0].id
    assert f.made_at.replace(tzinfo=UTC) == AS_OF  # made now: the window's clock
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 0).data() == "Q1 2027" and "after" not in view.model.index(0, 9).data()
    view.ctx.undo_stack.undo()
    assert services.list_forecasts(ws) == []


def test_a_forecast_for_a_running_period_is_marked_late_and_counted_so_far(qtbot, view, ws) -> None:
    fill(view, who="Ann", role="sales", kind="month", part=11, year=2026, metric=ForecastMetric.WON_DEALS, value=2)
    view.form.record_button.click()
    assert len(services.list_forecasts(ws)) == 1
    assert "after the period started" in view.status.text()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert "after the period started" in view.model.index(0, 9).data()
    assert view.model.index(0, 6).data() == "0 so far" and view.model.index(0, 7).data() == "—"


def test_refusals_are_shown_next_to_their_field_and_keep_the_form(view, ws) -> None:
    fill(view, who="  ", role="sales", kind="quarter", part=3, year=2026, metric=ForecastMetric.LEADS, value=5)
    view.form.record_button.click()
    assert services.list_forecasts(ws) == []
    assert view.form.errors["forecaster"].text() and view.form.value_spin.value() == 5
    fill(view, who="Ann", role="sales", kind="quarter", part=3, year=2026, metric=ForecastMetric.LEADS, value=5,
         scope=ForecastScope.TEAM)  # the workspace has no team to choose
    view.form.record_button.click()
    assert services.list_forecasts(ws) == [] and view.form.errors["team_id"].text()
    assert not view.form.errors["forecaster"].text()  # the earlier refusal is gone


def test_actuals_bias_and_accuracy_listed_by_name_not_by_accuracy(qtbot, view, ws) -> None:
    made = datetime(2026, 6, 1, tzinfo=UTC)
    q3 = services.quarter_period(2026, 3)
    # Zoe is optimistic (6 for 3 leads: +100%), Adam close (3 for 3: 0%): Adam would top a league table.
    for who, value in (("Zoe", 6), ("Adam", 3)):
        services.create_forecast(ws, who, period_start=q3[0], period_end=q3[1], metric=ForecastMetric.LEADS,
                                 value=value, made_at=made)
    refreshed(qtbot, view)
    people = [view.people_model.index(r, 0).data() for r in range(view.people_model.rowCount())]
    assert people == ["Adam", "Zoe"]
    bias = {view.people_model.index(r, 0).data(): view.people_model.index(r, 3).data() for r in range(2)}
    assert bias == {"Adam": "+0%", "Zoe": "+100%"}
    view.people_model.set_rows(list(reversed(view.people_model.rows)))  # no sorting there: by name as given
    rows = {view.model.index(r, 1).data(): view.model.index(r, 6).data() for r in range(view.model.rowCount())}
    assert rows == {"Adam": "3", "Zoe": "3"}  # the actual: three leads opened in Q3
    view.person_combo.setCurrentIndex(view.person_combo.findData("Zoe"))
    shown = [r for r in range(view.proxy.rowCount()) if not view.table.isRowHidden(r)]
    assert len(shown) == 1

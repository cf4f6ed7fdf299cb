"""The agenda's marketing items: initiatives starting or ending this week, and the quarterly follow-up."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pdsa_desk.core import services
from pdsa_desk.core.agenda import Section, build_agenda, first_agenda
from pdsa_desk.core.models import ForecastMetric


def _setup(ws) -> str:
    stage = services.create_stage(ws, "Lead").id
    services.create_stage(ws, "Demo booked")
    return stage


def test_initiatives_starting_or_ending_this_week_are_told(ws) -> None:
    stage = _setup(ws)
    # The week of Tue 24 Nov 2026 (weeks start on Monday): 23 - 29 Nov.
    services.create_initiative(ws, "Webinar", starts_on=date(2026, 11, 26), ends_on=date(2026, 12, 10),
                               channel="Inbound", stage_id=stage, owner="Mara", talking_points="Mention the\nROI tool")
    services.create_initiative(ws, "Fair", starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 23))
    services.create_initiative(ws, "Short push", starts_on=date(2026, 11, 24), ends_on=date(2026, 11, 25))
    services.create_initiative(ws, "Last week", starts_on=date(2026, 11, 16), ends_on=date(2026, 11, 22))
    services.create_initiative(ws, "Running on", starts_on=date(2026, 10, 1))
    now = datetime(2026, 11, 24, 18, tzinfo=UTC)
    items = first_agenda(ws, as_of=now).section(Section.MARKETING)
    assert [i.title for i in items] == ["Fair", "Short push", "Webinar"]
    fair, short, webinar = items
    assert fair.detail.startswith("Ends Mon 23 Nov (every channel, the whole funnel).")
    assert short.detail.startswith("Runs Tue 24 Nov to Wed 25 Nov")
    assert webinar.detail == ("Starts Thu 26 Nov, until 10 Dec (channel Inbound, into Lead). Owner: Mara. "
                              "Tell the team: Mention the ROI tool")
    webinar_id = next(r.id for r in services.list_initiatives(ws) if r.name == "Webinar")
    assert (webinar.view, webinar.object_id) == ("initiatives", webinar_id)
    assert [i.title for i in build_agenda(ws, as_of=now).section(Section.MARKETING)] == ["Fair", "Short push",
                                                                                         "Webinar"]


def test_the_week_follows_the_workspace_week_start(ws) -> None:
    _setup(ws)
    services.update_settings(ws, week_start_day=6)  # Sunday: the week of Tue 24 Nov is 22 - 28 Nov
    services.create_initiative(ws, "Sunday launch", starts_on=date(2026, 11, 22), ends_on=date(2026, 12, 31))
    services.create_initiative(ws, "Next Sunday", starts_on=date(2026, 11, 29), ends_on=date(2026, 12, 31))
    items = first_agenda(ws, as_of=datetime(2026, 11, 24, 18, tzinfo=UTC)).section(Section.MARKETING)
    assert [i.title for i in items] == ["Sunday launch"]


def test_the_quarterly_follow_up_is_proposed_in_the_first_two_weeks_of_a_quarter(ws) -> None:
    _setup(ws)
    q3 = services.quarter_period(2026, 3)
    made = datetime(2026, 6, 20, tzinfo=UTC)
    services.create_forecast(ws, "Zoe", period_start=q3[0], period_end=q3[1], metric=ForecastMetric.LEADS, value=50,
                             made_at=made)
    aug = services.month_period(2026, 8)
    services.create_forecast(ws, "Adam", period_start=aug[0], period_end=aug[1], metric=ForecastMetric.WON_DEALS,
                             value=3, made_at=made)
    (item,) = first_agenda(ws, as_of=datetime(2026, 10, 6, 9, tzinfo=UTC)).section(Section.FORECASTS)
    assert item.title == "Quarterly follow-up: Q3 2026" and item.view == "forecasts" and item.urgent
    assert "2 forecasts by Adam, Zoe" in item.detail and "No forecast for Q4 2026 yet" in item.detail
    assert first_agenda(ws, as_of=datetime(2026, 10, 15, 9, tzinfo=UTC)).section(Section.FORECASTS) == []
    assert first_agenda(ws, as_of=datetime(2026, 9, 30, 9, tzinfo=UTC)).section(Section.FORECASTS) == []


def test_the_quarter_turns_at_local_midnight_of_the_workspace(ws) -> None:
    _setup(ws)
    from sqlmodel import Session, select

    from pdsa_desk.core.models import WorkspaceSettings

    with Session(ws.engine) as session:  # no service sets the time zone yet (the import sets it)
        settings = session.exec(select(WorkspaceSettings)).one()
        settings.time_zone = "Pacific/Auckland"  # UTC+13 in January
        session.commit()
    # 31 Dec 2026 12:00 UTC is already 1 Jan 2027 in Auckland: Q4 2026 has closed there.
    (item,) = first_agenda(ws, as_of=datetime(2026, 12, 31, 12, tzinfo=UTC)).section(Section.FORECASTS)
    assert item.title == "Quarterly follow-up: Q4 2026" and "nobody forecast it" in item.detail


def test_a_decision_names_the_initiative_that_overlapped_its_test(demo_ws) -> None:
    """The demo's booth overlaps the cycle awaiting a decision on purpose; no other item carries a caution."""
    agenda = build_agenda(demo_ws, as_of=datetime(2026, 11, 24, 18, tzinfo=UTC))
    (decide,) = agenda.section(Section.DECIDE)
    assert decide.title.startswith("Agenda before discovery calls")
    assert decide.detail.endswith("Marketing overlapped it: 'Analytics Summit booth'.")
    others = [i for i in agenda.items if i is not decide]
    assert others and not any("Marketing overlapped it" in i.detail for i in others)

"""Marketing initiatives, forecasts and the marketing cap: each rule, its refusal naming the field, and that
a refusal writes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import Forecast, MarketingInitiative
from tests.service_support import copy_workspace, raw, refused

MADE = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pdsa_desk.core.database import open_workspace

    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    open_workspace(path).close()
    return path


@pytest.fixture
def ws(template: Path, tmp_path: Path) -> Iterator[Workspace]:
    workspace = copy_workspace(template, tmp_path)
    yield workspace
    workspace.close()


@pytest.fixture
def stage(ws: Workspace) -> str:
    return sv.create_stage(ws, "Qualified").id


def test_periods() -> None:
    assert sv.month_period(2026, 2) == (date(2026, 2, 1), date(2026, 2, 28))
    assert sv.quarter_period(2026, 4) == (date(2026, 10, 1), date(2026, 12, 31))
    assert sv.period_kind(date(2026, 4, 1), date(2026, 6, 30)) == "quarter"
    assert sv.period_kind(date(2026, 4, 1), date(2026, 4, 30)) == "month"
    assert sv.period_kind(date(2026, 2, 1), date(2026, 4, 30)) is None  # three months, not a quarter
    assert sv.period_kind(date(2026, 4, 2), date(2026, 4, 30)) is None


def test_initiative_create_update_delete_restore(ws: Workspace, stage: str) -> None:
    row = sv.create_initiative(ws, "  Webinar series ", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 31),
                               channel=" Inbound web ", stage_id=stage, owner="Mia",
                               talking_points="Mention the webinar", link="https://example.com/w")
    assert (row.name, row.channel, row.stage_id, row.owner) == ("Webinar series", "Inbound web", stage, "Mia")
    changed = sv.update_initiative(ws, row.id, ends_on=None, channel=None, stage_id=None,
                                   expected_updated_at=row.updated_at)
    assert (changed.ends_on, changed.channel, changed.stage_id) == (None, None, None)
    assert changed.starts_on == date(2026, 3, 1) and changed.link == "https://example.com/w"
    assert [i.id for i in sv.list_initiatives(ws, overlapping=(date(2027, 1, 1), date(2027, 1, 2)))] == [row.id]
    assert sv.get_initiative(ws, row.id).ends_on is None
    sv.delete_initiative(ws, row.id)
    assert sv.list_initiatives(ws) == [] and raw(ws, MarketingInitiative, row.id).deleted_at is not None
    sv.restore_initiative(ws, row.id)
    assert [i.id for i in sv.list_initiatives(ws)] == [row.id]


def test_initiative_filters(ws: Workspace) -> None:
    a = sv.create_initiative(ws, "A", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 10), channel="Partner")
    b = sv.create_initiative(ws, "B", starts_on=date(2026, 3, 11), ends_on=date(2026, 3, 20))
    assert [i.id for i in sv.list_initiatives(ws, overlapping=(date(2026, 3, 10), date(2026, 3, 10)))] == [a.id]
    assert [i.id for i in sv.list_initiatives(ws, channel="Events")] == [b.id]
    assert [i.id for i in sv.list_initiatives(ws, channel="Partner")] == [a.id, b.id]


@pytest.mark.parametrize(("kwargs", "text", "field"), [
    ({"name": " "}, "must not be empty", "name"),
    ({"ends_on": date(2026, 2, 28)}, "end must not be before the start", "ends_on"),
    ({"starts_on": datetime(2026, 3, 1, tzinfo=UTC)}, "must be a date", "starts_on"),
    ({"stage_id": "00000000-0000-0000-0000-000000000000"}, "stage no longer exists", "stage_id"),
    ({"channel": "x" * 201}, "channel is too long", "channel"),
    ({"link": "javascript:alert(1)"}, "link must start with", "link"),
])
def test_initiative_refusals(ws: Workspace, kwargs: dict[str, object], text: str, field: str) -> None:
    args: dict[str, object] = {"name": "Launch", "starts_on": date(2026, 3, 1), **kwargs}
    name = args.pop("name")
    refused(ws, sv.create_initiative, name, text=text, field=field, **args)


def test_initiative_update_refusal_keeps_row(ws: Workspace) -> None:
    row = sv.create_initiative(ws, "Launch", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 5))
    refused(ws, sv.update_initiative, row.id, starts_on=date(2026, 3, 6), text="before the start", field="ends_on")


def _forecast(ws: Workspace, **kwargs: object) -> Forecast:
    args: dict[str, object] = {"period_start": date(2026, 1, 1), "period_end": date(2026, 3, 31),
                               "metric": "won_deals", "value": 10, "made_at": MADE, **kwargs}
    return sv.create_forecast(ws, str(args.pop("forecaster", "Ana")), **args)  # type: ignore[arg-type]


def test_forecast_scopes(ws: Workspace, stage: str) -> None:
    team = sv.create_team(ws, "North")
    rep = sv.create_rep(ws, "Ana", team_id=team.id)
    rows = [
        _forecast(ws),
        _forecast(ws, scope_kind="team", team_id=team.id),
        _forecast(ws, scope_kind="rep", rep_id=rep.id),
        _forecast(ws, scope_kind="channel", channel=" Partner ", metric="leads", role="marketing"),
        _forecast(ws, metric="stage_entries", stage_id=stage, value=12),
        _forecast(ws, metric="won_revenue", value=1234.5, period_start=date(2026, 2, 1),
                  period_end=date(2026, 2, 28)),
    ]
    assert [(r.scope_kind, r.team_id, r.rep_id, r.channel) for r in rows[:4]] == [
        ("all", None, None, None), ("team", team.id, None, None), ("rep", None, rep.id, None),
        ("channel", None, None, "Partner")]
    assert rows[4].stage_id == stage and rows[5].value == 1234.5
    assert rows[0].made_at == MADE
    assert len(sv.list_forecasts(ws)) == 6 and len(sv.list_forecasts(ws, metric="leads")) == 1


@pytest.mark.parametrize(("kwargs", "text", "field"), [
    ({"forecaster": ""}, "must not be empty", "forecaster"),
    ({"metric": "profit"}, "Metric must be one of", "metric"),
    ({"role": "ceo"}, "Role must be one of", "role"),
    ({"scope_kind": "region"}, "Scope must be one of", "scope_kind"),
    ({"period_end": date(2026, 3, 30)}, "one calendar month or quarter", "period_end"),
    ({"period_start": date(2026, 2, 1)}, "one calendar month or quarter", "period_end"),
    ({"value": -1}, "0 or more", "value"),
    ({"value": float("nan")}, "0 or more", "value"),
    ({"value": 2.5}, "whole number", "value"),
    ({"value": "ten"}, "must be a number", "value"),
    ({"metric": "stage_entries"}, "Choose the stage", "stage_id"),
    ({"scope_kind": "team"}, "Choose the team", "team_id"),
    ({"scope_kind": "rep"}, "Choose the rep", "rep_id"),
    ({"scope_kind": "channel", "channel": " "}, "Choose the channel", "channel"),
    ({"channel": "Partner"}, "takes no channel", "channel"),
    ({"scope_kind": "channel", "channel": "Partner", "rep_id": "x"}, "takes no rep", "rep_id"),
    ({"scope_kind": "team", "team_id": "00000000-0000-0000-0000-000000000000"}, "team no longer exists", "team_id"),
    ({"made_at": datetime(2026, 3, 1, 9, 0)}, "time zone", "made_at"),
    ({"made_at": datetime.now(UTC) + timedelta(days=2)}, "in the future", "made_at"),
])
def test_forecast_refusals(ws: Workspace, kwargs: dict[str, object], text: str, field: str) -> None:
    args: dict[str, object] = {"period_start": date(2026, 1, 1), "period_end": date(2026, 3, 31),
                               "metric": "won_deals", "value": 10, "made_at": MADE, **kwargs}
    forecaster = args.pop("forecaster", "Ana")
    refused(ws, sv.create_forecast, forecaster, text=text, field=field, **args)


def test_stage_only_for_stage_entries(ws: Workspace, stage: str) -> None:
    refused(ws, sv.create_forecast, "Ana", period_start=date(2026, 1, 1), period_end=date(2026, 1, 31),
            metric="leads", value=3, stage_id=stage, text="Only a forecast of stage entries", field="stage_id")


def test_forecast_update_delete_restore(ws: Workspace, stage: str) -> None:
    rep = sv.create_rep(ws, "Ana")
    row = _forecast(ws)
    row = sv.update_forecast(ws, row.id, scope=("rep", rep.id), value=12, expected_updated_at=row.updated_at)
    assert (row.scope_kind, row.rep_id, row.value) == ("rep", rep.id, 12)
    row = sv.update_forecast(ws, row.id, metric="stage_entries", stage_id=stage,
                             period=sv.month_period(2026, 5))
    assert (row.metric, row.stage_id, row.period_start, row.period_end) == (
        "stage_entries", stage, date(2026, 5, 1), date(2026, 5, 31))
    refused(ws, sv.update_forecast, row.id, metric="won_revenue", text="Only a forecast of stage entries",
            field="stage_id")
    row = sv.update_forecast(ws, row.id, metric="won_revenue", stage_id=None, value=99.5)
    assert (row.metric, row.stage_id, row.value) == ("won_revenue", None, 99.5)
    assert sv.get_forecast(ws, row.id).value == 99.5
    sv.delete_forecast(ws, row.id)
    assert sv.list_forecasts(ws) == []
    sv.restore_forecast(ws, row.id)
    assert [f.id for f in sv.list_forecasts(ws)] == [row.id]
    sv.delete_forecast(ws, row.id)
    sv.delete_rep(ws, rep.id)
    with pytest.raises(ValidationError, match="rep no longer exists"):
        sv.restore_forecast(ws, row.id)


def test_marketing_cap_setting(ws: Workspace) -> None:
    assert sv.set_marketing_cap(ws, 2) == 2
    assert sv.get_settings(ws).max_marketing_cycles == 2
    assert sv.set_marketing_cap(ws, None) is None
    refused(ws, sv.set_marketing_cap, 0, text="at least 1", field="max_marketing_cycles")


def test_channels_listed(ws: Workspace) -> None:
    sv.create_opportunity(ws, "A", channel="Partner")
    sv.create_initiative(ws, "B", starts_on=date(2026, 1, 1), channel="events")
    _forecast(ws, scope_kind="channel", channel="Inbound web", metric="leads")
    assert sv.list_channels(ws) == ["events", "Inbound web", "Partner"]


def test_restoring_is_refused_when_the_row_or_what_it_names_is_gone(ws: Workspace) -> None:
    """The undo of a delete (initiative or forecast) brings the row back only while it and the stage, team or rep
    it names exist; otherwise it says which is gone and changes nothing."""
    stage = sv.create_stage(ws, "Lead").id
    row = sv.create_initiative(ws, "Webinar", starts_on=date(2026, 3, 1), ends_on=date(2026, 3, 2), stage_id=stage)
    sv.delete_initiative(ws, row.id)
    sv.delete_stage(ws, stage)
    with pytest.raises(ValidationError, match="stage no longer exists"):
        sv.restore_initiative(ws, row.id)
    assert raw(ws, MarketingInitiative, row.id).deleted_at is not None
    with pytest.raises(ValidationError, match="The marketing initiative no longer exists"):
        sv.restore_initiative(ws, "no-such-id")
    with pytest.raises(ValidationError, match="The forecast no longer exists"):
        sv.restore_forecast(ws, "no-such-id")

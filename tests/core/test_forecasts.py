"""Forecast actuals against an independent computation, and bias / accuracy by hand-computed cases.

The independent computation reads the rows with the ORM and decides membership with plain Python loops
by the *local calendar date* of each event (``astimezone(zone).date()`` between the period's first and
last day), not by the UTC instants :mod:`pdsa_desk.core.forecasts` compares.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.forecasts import ForecastActual, forecast_actuals, forecaster_accuracy, period_bounds
from pdsa_desk.core.models import Opportunity, Rep, StageEvent, WorkspaceSettings

ZONE = "Europe/Berlin"
MADE = datetime(2025, 12, 1, 9, 0, tzinfo=UTC)
AS_OF = datetime(2027, 3, 1, tzinfo=UTC)
CHANNELS = ["Inbound web", "outbound", "Partner", None]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "ws.sqlite")
    with workspace.transaction() as s:
        settings = s.exec(select(WorkspaceSettings)).one()
        settings.time_zone = ZONE
    yield workspace
    workspace.close()


def _generated(ws: Workspace, seed: int = 7) -> dict[str, list[str]]:
    """~400 opportunities over 2026 with channels, stage entries (re-entries too), wins, tombstones, and
    events placed on the quarter's edge in Berlin time."""
    rng = random.Random(seed)
    north, south = sv.create_team(ws, "North"), sv.create_team(ws, "South")
    reps = [sv.create_rep(ws, "Ana", team_id=north.id), sv.create_rep(ws, "Ben", team_id=north.id),
            sv.create_rep(ws, "Cleo", team_id=south.id), sv.create_rep(ws, "Dan")]
    stages = [sv.create_stage(ws, name) for name in ("Lead", "Pre-qualified by marketing", "Qualified", "Offer")]
    zone = ZoneInfo(ZONE)
    edges = [datetime(2026, 3, 31, 23, 30, tzinfo=zone), datetime(2026, 4, 1, 0, 30, tzinfo=zone),
             datetime(2026, 12, 31, 23, 30, tzinfo=zone), datetime(2026, 6, 30, 23, 59, 59, tzinfo=zone)]
    start = datetime(2025, 12, 20, tzinfo=UTC)
    with ws.transaction() as s:
        for n in range(400):
            opened = edges[n] if n < len(edges) else start + timedelta(minutes=rng.randrange(0, 60 * 24 * 380))
            won = rng.random() < 0.35
            closed = None
            if won or rng.random() < 0.3:
                later = opened + timedelta(hours=rng.randrange(1, 24 * 90))
                closed = edges[n % len(edges)].astimezone(UTC) if 4 <= n < 8 else later
            opp = Opportunity(
                name=f"Opp {n}", rep_id=rng.choice(reps).id if rng.random() < 0.95 else None,
                channel=rng.choice(CHANNELS), opened_at=opened.astimezone(UTC),
                outcome="won" if won and closed else ("lost" if closed else "open"), closed_at=closed,
                amount=None if rng.random() < 0.1 else float(rng.randrange(1000, 50000)),
                deleted_at=AS_OF if rng.random() < 0.03 else None,
            )
            s.add(opp)
            s.flush()
            when = opened
            for stage in stages:
                if rng.random() < 0.25:
                    break
                when = when + timedelta(hours=rng.randrange(0, 24 * 20))
                s.add(StageEvent(opportunity_id=opp.id, stage_id=stage.id, entered_at=when.astimezone(UTC),
                                 deleted_at=AS_OF if rng.random() < 0.03 else None))
                if rng.random() < 0.1:  # a re-entry later on: counts once, by the first entry
                    s.add(StageEvent(opportunity_id=opp.id, stage_id=stage.id,
                                     entered_at=(when + timedelta(days=40)).astimezone(UTC)))
    return {"teams": [north.id, south.id], "reps": [r.id for r in reps], "stages": [s.id for s in stages]}


def _rows(ws: Workspace) -> tuple[dict[str, str | None], list[StageEvent], list[Opportunity]]:
    with ws.session() as s:
        return ({r.id: r.team_id for r in s.exec(select(Rep))}, list(s.exec(select(StageEvent))),
                list(s.exec(select(Opportunity))))


def _independent(rows: tuple[dict[str, str | None], list[StageEvent], list[Opportunity]], f: ForecastActual,
                 stage_id: str | None, target: str | None) -> float:
    zone = ZoneInfo(ZONE)
    teams, events, opportunities = rows

    def inside(t: datetime | None) -> bool:
        if t is None:
            return False
        local = (t if t.tzinfo else t.replace(tzinfo=UTC)).astimezone(zone).date()
        return f.period_start <= local <= f.period_end

    first: dict[str, datetime] = {}
    for e in events:
        if e.deleted_at is None and e.stage_id == stage_id:
            if e.opportunity_id not in first or e.entered_at < first[e.opportunity_id]:
                first[e.opportunity_id] = e.entered_at
    total = 0.0
    for o in opportunities:
        if o.deleted_at is not None:
            continue
        if f.scope_kind == "rep" and o.rep_id != target:
            continue
        if f.scope_kind == "team" and (o.rep_id is None or teams.get(o.rep_id) != target):
            continue
        if f.scope_kind == "channel" and (o.channel or "").strip().lower() != (target or "").strip().lower():
            continue
        if f.metric == "leads":
            total += inside(o.opened_at)
        elif f.metric == "stage_entries":
            total += inside(first.get(o.id))
        elif o.outcome == "won" and inside(o.closed_at):
            total += 1 if f.metric == "won_deals" else (o.amount or 0.0)
    return total


PERIODS = [sv.quarter_period(2026, q) for q in (1, 2, 3, 4)] + [sv.month_period(2026, m) for m in (3, 4, 6, 7)]


def test_actuals_match_an_independent_computation(ws: Workspace) -> None:
    ids = _generated(ws)
    targets: list[tuple[str, str | None]] = [("all", None), ("team", ids["teams"][0]), ("team", ids["teams"][1]),
                                             ("rep", ids["reps"][0]), ("rep", ids["reps"][3]),
                                             ("channel", "partner"), ("channel", "Inbound web")]
    made: dict[str, tuple[str | None, str | None]] = {}
    for first, last in PERIODS:
        for metric in ("leads", "stage_entries", "won_deals", "won_revenue"):
            for kind, target in targets:
                stage = ids["stages"][1] if metric == "stage_entries" else None
                row = sv.create_forecast(
                    ws, "Mia", period_start=first, period_end=last, metric=metric, value=5, scope_kind=kind,
                    team_id=target if kind == "team" else None, rep_id=target if kind == "rep" else None,
                    channel=target if kind == "channel" else None, stage_id=stage, made_at=MADE)
                made[row.id] = (stage, target)
    actuals = forecast_actuals(ws, as_of=AS_OF)
    assert len(actuals) == len(PERIODS) * 4 * len(targets)
    nonzero = 0
    rows = _rows(ws)
    for a in actuals:
        stage, target = made[a.forecast_id]
        expected = _independent(rows, a, stage, target)
        assert a.actual == pytest.approx(expected), (a.metric, a.scope_kind, a.period_start)
        assert a.closed and a.error == pytest.approx(5 - expected)
        nonzero += expected > 0
    assert nonzero > len(actuals) * 0.8  # the data is not trivially empty


def test_quarter_edge_in_the_workspace_time_zone(ws: Workspace) -> None:
    """An opportunity opened 23:30 local on 31 March (21:30 UTC) is Q1; 00:30 local on 1 April
    (22:30 UTC on 31 March) is Q2 -- in UTC both would be Q1."""
    zone = ZoneInfo(ZONE)
    late_q1 = datetime(2026, 3, 31, 23, 30, tzinfo=zone)
    early_q2 = datetime(2026, 4, 1, 0, 30, tzinfo=zone)
    assert late_q1.astimezone(UTC).date() == early_q2.astimezone(UTC).date() == date(2026, 3, 31)
    sv.create_opportunity(ws, "late", opened_at=late_q1, channel="Partner")
    sv.create_opportunity(ws, "early", opened_at=early_q2, channel="Partner")
    for q in (1, 2):
        first, last = sv.quarter_period(2026, q)
        sv.create_forecast(ws, "Mia", period_start=first, period_end=last, metric="leads", value=1,
                           scope_kind="channel", channel="Partner", role="marketing", made_at=MADE)
    q1, q2 = forecast_actuals(ws, as_of=AS_OF)
    assert (q1.period_start, q1.actual, q2.period_start, q2.actual) == (date(2026, 1, 1), 1, date(2026, 4, 1), 1)
    assert period_bounds(date(2026, 4, 1), date(2026, 6, 30), zone) == (
        datetime(2026, 3, 31, 22, 0, tzinfo=UTC), datetime(2026, 6, 30, 22, 0, tzinfo=UTC))


def test_open_period_and_late_forecast(ws: Workspace) -> None:
    sv.create_opportunity(ws, "one", opened_at=datetime(2026, 4, 10, tzinfo=UTC))
    first, last = sv.quarter_period(2026, 2)
    sv.create_forecast(ws, "Mia", period_start=first, period_end=last, metric="leads", value=3,
                       made_at=datetime(2026, 4, 2, tzinfo=UTC))
    (a,) = forecast_actuals(ws, as_of=datetime(2026, 5, 1, tzinfo=UTC))
    assert (a.actual, a.closed, a.error, a.late) == (1, False, None, True)
    (b,) = forecast_actuals(ws, as_of=datetime(2026, 7, 1, tzinfo=UTC))
    assert (b.actual, b.closed, b.error) == (1, True, 2)


def test_won_revenue_counts_missing_amounts(ws: Workspace) -> None:
    for amount in (1000.0, None, 250.5):
        opp = sv.create_opportunity(ws, f"deal {amount}", amount=amount, opened_at=datetime(2026, 1, 5, tzinfo=UTC))
        sv.mark_won(ws, opp.id, at=datetime(2026, 2, 10, tzinfo=UTC))
    sv.create_forecast(ws, "Ana", period_start=date(2026, 2, 1), period_end=date(2026, 2, 28),
                       metric="won_revenue", value=2000, made_at=MADE)
    (a,) = forecast_actuals(ws, as_of=AS_OF)
    assert (a.actual, a.missing_amounts, a.error) == (1250.5, 1, 749.5)


def _fa(forecaster: str, q: int, forecast: float, actual: float, *, made_day: int = 1, metric: str = "leads",
        year: int = 2026) -> ForecastActual:
    first, last = sv.quarter_period(year, q)
    return ForecastActual(
        forecast_id=f"{forecaster}{q}{forecast}", forecaster=forecaster, role="sales", period_start=first,
        period_end=last, metric=metric, scope_kind="all", scope="", stage="", forecast=forecast, actual=actual,
        made_at=datetime(year, 3 * q - 2, made_day, tzinfo=UTC) - timedelta(days=5), closed=True, late=False)


def test_bias_and_accuracy_hand_computed() -> None:
    rows = [
        _fa("Ben", 1, 110, 100),   # +10 %
        _fa("Ben", 2, 90, 120),    # -25 %
        _fa("Ben", 3, 50, 0),      # actual 0: left out of the percentages, counted apart
        _fa("Ben", 4, 60, 40),     # +50 %
        _fa("Ben", 4, 999, 40, made_day=0 + 1, metric="won_deals"),  # another target in the same quarter
    ]
    rows[-1] = ForecastActual(**{**rows[-1].__dict__, "forecast": 44.0, "late": True})  # +10 %, late
    (ben,) = forecaster_accuracy(rows)
    assert ben.n == 4 and ben.zero_actuals == 1 and ben.late == 1
    assert ben.bias == pytest.approx((10 - 25 + 50 + 10) / 4)      # 11.25
    assert ben.mape == pytest.approx((10 + 25 + 50 + 10) / 4)      # 23.75


def test_only_the_last_four_periods_and_the_last_revision_count() -> None:
    rows = [_fa("Ana", 1, 200, 100, year=2025)]  # +100 %, five periods ago: left out
    rows += [_fa("Ana", q, 120, 100) for q in (1, 2, 3)]  # +20 % each
    early = _fa("Ana", 4, 300, 100)
    revised = ForecastActual(**{**early.__dict__, "forecast_id": "rev", "forecast": 80.0,
                                "made_at": early.made_at + timedelta(days=2)})  # -20 %, replaces the 300
    rows += [revised, early]
    (ana,) = forecaster_accuracy(rows)
    assert ana.periods[0] == sv.quarter_period(2026, 4) and len(ana.periods) == 4
    assert ana.n == 4
    assert ana.bias == pytest.approx((20 + 20 + 20 - 20) / 4)
    assert ana.mape == pytest.approx(20.0)


def test_all_zero_actuals_and_open_periods_give_no_numbers() -> None:
    open_one = ForecastActual(**{**_fa("Cleo", 2, 10, 3).__dict__, "closed": False})
    (cleo, dan) = forecaster_accuracy([_fa("Cleo", 1, 5, 0), open_one, _fa("dan", 1, 5, 5)])
    assert (cleo.forecaster, cleo.n, cleo.zero_actuals, cleo.bias, cleo.mape) == ("Cleo", 0, 1, None, None)
    assert (dan.forecaster, dan.bias, dan.mape) == ("dan", 0.0, 0.0)  # listed by name, not by accuracy


def test_the_opportunities_are_read_only_when_a_forecast_needs_them(ws: Workspace, monkeypatch) -> None:
    """Without forecasts the Forecasts view must not read every opportunity (6 s and 76 MB at 1M events)."""
    from pdsa_desk.core import forecasts

    _generated(ws)
    made: list[int] = []
    real = forecasts._Opportunities

    def counting(s):  # a spy on the real class
        made.append(1)
        return real(s)

    monkeypatch.setattr(forecasts, "_Opportunities", counting)
    assert forecast_actuals(ws, as_of=AS_OF) == []
    assert made == []
    sv.create_forecast(ws, "Ana", period_start=date(2026, 1, 1), period_end=date(2026, 3, 31), metric="leads",
                       value=10)
    (actual,) = forecast_actuals(ws, as_of=AS_OF)
    assert made == [1] and actual.actual is not None


def test_opportunity_ids_are_found_as_a_dict_would_find_them() -> None:
    """The packed lookup of ids (36-byte UUIDs) and its switch to a dict at the first id of another shape."""
    import uuid

    from pdsa_desk.core.forecasts import _Ids

    rng = random.Random(5)
    uuids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(300)]
    odd = ["short", "x" * 35 + "é", "a" * 35 + "\0", "ü" * 18]  # 6 chars; 37, 36 and 36 bytes but one with a NUL
    for ids in (uuids, uuids[:100] + odd + uuids[100:], odd + uuids, []):
        index = _Ids()
        for oid in ids:
            index.add(oid)
        expected = {oid: i for i, oid in enumerate(ids)}
        asked = [*ids, str(uuid.uuid4()), "nope", "", "a" * 36, *ids[::-7]]
        got = index.rows_of(asked).tolist()
        assert got == [expected.get(a, -1) for a in asked]
        assert len(index) == len(ids)

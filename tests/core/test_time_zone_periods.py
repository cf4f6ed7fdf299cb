"""Weeks and months begin at the team's local midnight (the workspace's time zone), across summer-time changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from pdsa_desk.core import conversion
from pdsa_desk.core import services as sv
from pdsa_desk.core.frames import load_analysis_data

AS_OF = datetime(2027, 1, 31, tzinfo=UTC)


def _entries(ws, instants: list[datetime]):
    """Opportunities entering the first of two stages at these instants (none converts)."""
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Won", terminal="won")
    rep = sv.create_rep(ws, "Ann")
    for i, when in enumerate(instants):
        sv.create_opportunity(ws, f"Deal {i}", rep_id=rep.id, stage_id=lead.id, opened_at=when)
    return load_analysis_data(ws)


def _periods(data, zone: str, period: str = "week", week_start: int = 0) -> list[tuple[pd.Timestamp, int]]:
    table = conversion.conversion_table(data, as_of=AS_OF, from_stage=0, period=period, week_start=week_start,
                                     time_zone=zone)
    return [(row.period, int(row.n)) for row in table.itertuples()]


def utc(*args: int) -> pd.Timestamp:
    return pd.Timestamp(datetime(*args, tzinfo=UTC))


def test_berlin_weeks_begin_at_its_midnight_before_and_after_summer_time_ends(ws) -> None:
    # Summer time ends in Berlin on Sunday 25 October 2026 (03:00 CEST -> 02:00 CET).
    data = _entries(ws, [
        datetime(2026, 10, 18, 22, 30, tzinfo=UTC),  # Mon 19 Oct 00:30 CEST: the week of 19 Oct
        datetime(2026, 10, 25, 22, 30, tzinfo=UTC),  # Sun 25 Oct 23:30 CET: still the week of 19 Oct
        datetime(2026, 10, 25, 23, 30, tzinfo=UTC),  # Mon 26 Oct 00:30 CET: the week of 26 Oct (UTC: Sunday)
    ])
    assert _periods(data, "Europe/Berlin") == [
        (utc(2026, 10, 18, 22), 2),  # Monday 19 October, midnight CEST
        (utc(2026, 10, 25, 23), 1),  # Monday 26 October, midnight CET
    ]
    assert _periods(data, "UTC") == [(utc(2026, 10, 12), 1), (utc(2026, 10, 19), 2)]  # as before


def test_los_angeles_weeks_and_a_sunday_start_across_the_change(ws) -> None:
    # Summer time ends in Los Angeles on Sunday 1 November 2026 (02:00 PDT -> 01:00 PST).
    data = _entries(ws, [
        datetime(2026, 10, 26, 7, 30, tzinfo=UTC),  # Mon 26 Oct 00:30 PDT
        datetime(2026, 11, 2, 7, 30, tzinfo=UTC),  # Sun 1 Nov 23:30 PST: the week of 26 Oct (UTC: Monday)
        datetime(2026, 11, 2, 8, 30, tzinfo=UTC),  # Mon 2 Nov 00:30 PST
    ])
    assert _periods(data, "America/Los_Angeles") == [(utc(2026, 10, 26, 7), 2), (utc(2026, 11, 2, 8), 1)]
    # Weeks starting on Sunday: Sun 25 Oct 00:00 PDT and Sun 1 Nov 00:00 PDT (the change comes at 02:00).
    assert _periods(data, "America/Los_Angeles", week_start=6) == [(utc(2026, 10, 25, 7), 1),
                                                                   (utc(2026, 11, 1, 7), 2)]


def test_months_begin_at_local_midnight(ws) -> None:
    data = _entries(ws, [
        datetime(2026, 10, 31, 22, 30, tzinfo=UTC),  # Sat 31 Oct 23:30 CET: October in Berlin
        datetime(2026, 10, 31, 23, 30, tzinfo=UTC),  # Sun 1 Nov 00:30 CET: November in Berlin, October in UTC
    ])
    assert _periods(data, "Europe/Berlin", "month") == [(utc(2026, 9, 30, 22), 1), (utc(2026, 10, 31, 23), 1)]
    assert _periods(data, "UTC", "month") == [(utc(2026, 10, 1), 2)]


def test_period_end_is_the_next_local_midnight_and_a_bad_zone_is_refused(ws) -> None:
    data = _entries(ws, [datetime(2026, 10, 20, 12, tzinfo=UTC)])
    table = conversion.conversion_table(data, as_of=AS_OF, from_stage=0, time_zone="Europe/Berlin")
    assert table["period_end"].iloc[0] - table["period"].iloc[0] == pd.Timedelta(hours=7 * 24 + 1)  # 25-hour Sunday
    with pytest.raises(ValueError, match="time zone"):
        conversion.conversion_table(data, as_of=AS_OF, from_stage=0, time_zone="Mars/Olympus")


def test_the_workspace_zone_reaches_the_charts_and_the_export(ws, tmp_path) -> None:
    from pdsa_desk.core.charts import ALL_GROUP, conversion_series, load_chart_meta
    from pdsa_desk.core.export import export_table

    data = _entries(ws, [datetime(2026, 10, 25, 23, 30, tzinfo=UTC)])  # Monday 26 Oct 00:30 in Berlin
    sv.update_settings(ws, time_zone="Europe/Berlin")
    meta = load_chart_meta(ws)
    assert meta.time_zone == "Europe/Berlin"
    series = conversion_series(data, meta, from_stage=0, period="week", chart="run", as_of=AS_OF, group=ALL_GROUP)
    assert list(series.frame["period"]) == [utc(2026, 10, 25, 23)]
    assert series.local(series.frame["period"].iloc[0]).strftime("%a %d %b %H:%M") == "Mon 26 Oct 00:00"
    out = tmp_path / "conversion.csv"
    export_table(ws, "conversion", out, data=data, as_of=AS_OF)
    header, first = out.read_text(encoding="utf-8-sig").splitlines()[:2]
    row = dict(zip(header.split(","), first.split(","), strict=False))
    assert (row["period_start"], row["period_last_day"]) == ("2026-10-26", "2026-11-01")


def test_the_reports_week_ends_at_the_teams_sunday_midnight() -> None:
    from pdsa_desk.core.report.weeks import resolve_week

    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert resolve_week("2026-W43", now)[2] == datetime(2026, 10, 25, 23, 59, 59, 999999, tzinfo=UTC)
    # Berlin's week 43 ends at Monday 26 October 00:00 CET (summer time ended that Sunday) = 25 Oct 23:00 UTC.
    assert resolve_week("2026-W43", now, "Europe/Berlin")[2] == datetime(2026, 10, 25, 22, 59, 59, 999999,
                                                                         tzinfo=UTC)
    # Sunday 29 November 23:30 in Los Angeles is already Monday in UTC: still week 48 there.
    assert resolve_week(None, datetime(2026, 11, 30, 7, 30, tzinfo=UTC), "America/Los_Angeles")[:2] == (2026, 48)

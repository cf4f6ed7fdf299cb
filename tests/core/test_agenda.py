"""The weekly agenda generated from the data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from pdsa_desk.core import services
from pdsa_desk.core.agenda import AgendaItem, Section, build_agenda
from pdsa_desk.core.frames import load_analysis_data

AT = datetime(2026, 11, 24, 18, tzinfo=UTC)


def _titles(agenda, section: Section) -> list[str]:
    return [i.title for i in agenda.section(section)]


def test_demo_agenda_covers_each_cycle_status(demo_ws) -> None:
    agenda = build_agenda(demo_ws, as_of=AT)
    assert any(t.startswith("Agenda before discovery calls") for t in _titles(agenda, Section.DECIDE))
    assert any(t.startswith("Reference calls at proposal — ramp 3") for t in _titles(agenda, Section.STUDY))
    running = agenda.section(Section.RUNNING)
    assert any(i.title.startswith("Anchoring budget with peers") for i in running)
    anchoring = next(i for i in running if i.title.startswith("Anchoring"))
    assert "days left" in anchoring.detail and anchoring.view == "cycles" and anchoring.object_id
    # The planned cycle starts next week: not on this week's list.
    assert not any(t.startswith("Video recap") for t in _titles(agenda, Section.START))
    # Items come in session order.
    order = [i.section for i in agenda.items]
    assert order == sorted(order, key=list(Section).index)


def test_planned_cycle_whose_start_has_come(demo_ws) -> None:
    agenda = build_agenda(demo_ws, as_of=AT + timedelta(days=9))
    start = agenda.section(Section.START)
    assert [i.title.split(" (")[0] for i in start] == ["Video recap to speed up signatures"]
    assert "ago" in start[0].detail and start[0].urgent


def test_wip_breaches_match_the_board(demo_ws) -> None:
    data = load_analysis_data(demo_ws)
    agenda = build_agenda(demo_ws, as_of=AT, data=data)
    open_opps = data.opportunities["outcome"] == "open"
    latest = data.events.groupby("opp")["stage"].last()
    latest = latest[open_opps.to_numpy()[latest.index.to_numpy()]]
    expected = [str(data.stages["name"].iloc[pos]) for pos, limit in enumerate(data.stages["wip_limit"])
                if limit == limit and (latest == pos).sum() > limit]
    assert [i.title for i in agenda.section(Section.WIP)] == expected
    assert all(i.view == "board" and i.urgent for i in agenda.section(Section.WIP))


def test_aging_items_open_the_oldest_card(demo_ws) -> None:
    agenda = build_agenda(demo_ws, as_of=AT)
    aging = agenda.section(Section.AGING)
    assert aging, "the demo has opportunities older than their stage's 85th percentile"
    ids = set(load_analysis_data(demo_ws).opportunities["id"])
    assert all(i.object_id in ids for i in aging)


def test_reps_over_the_cap(demo_ws) -> None:
    services.update_settings(demo_ws, max_active_cycles_per_rep=1)
    counts = services.active_cycle_counts(demo_ws)
    names = {r.id: r.name for r in services.list_reps(demo_ws)}
    agenda = build_agenda(demo_ws, as_of=AT)
    assert sorted(i.title for i in agenda.section(Section.FOCUS)) == sorted(
        names[r] for r, n in counts.items() if n > 1)


def test_new_signals_count_from_the_last_session(demo_ws) -> None:
    def fake_signals(data, since, as_of):
        seen.append(since)
        return [AgendaItem(Section.SIGNALS, "X → Y", "test", "charts", "0", urgent=True)]

    seen: list[datetime] = []
    build_agenda(demo_ws, as_of=AT, signals=fake_signals)
    assert seen[-1] == AT - timedelta(days=7)  # no session yet: the past week
    held = AT - timedelta(days=3)
    services.mark_session_held(demo_ws, held_at=held)
    agenda = build_agenda(demo_ws, as_of=AT, signals=fake_signals)
    assert seen[-1] == held and agenda.last_session == held
    assert _titles(agenda, Section.SIGNALS) == ["X → Y"]


def test_default_signals_come_from_the_weekly_p_prime_charts(demo_ws) -> None:
    from pdsa_desk.core.agenda import default_signals
    from pdsa_desk.core.charts import conversion_series

    data = load_analysis_data(demo_ws)
    everything = default_signals(data, datetime(2000, 1, 1, tzinfo=UTC), AT)
    # With 'since' in the distant past every mature signal is new: one item per transition that has any.
    expected = []
    for pos in range(len(data.stages) - 1):
        frame = conversion_series(data, from_stage=pos, period="week", chart="pp", as_of=AT).frame
        if (frame["signal"] & frame["mature"]).any():
            expected.append(pos)
    assert [int(i.object_id) for i in everything if "@" not in i.object_id] == expected
    assert default_signals(data, AT, AT) == []


def test_a_signal_on_one_channels_chart_is_its_own_item(demo_ws) -> None:
    """Each channel's weekly P′ chart is judged alone (a campaign can move one channel and drown in the
    total); its item opens that channel's chart, and a team's agenda leaves channels out."""
    from pdsa_desk.core.agenda import default_signals
    from pdsa_desk.core.charts import conversion_series, scopes

    data = load_analysis_data(demo_ws)
    since = datetime(2000, 1, 1, tzinfo=UTC)
    everything = default_signals(data, since, AT)
    expected = []
    for pos in range(len(data.stages) - 1):
        for name, group in scopes(data):
            if group[0] != "channel":
                continue
            frame = conversion_series(data, from_stage=pos, period="week", chart="pp", as_of=AT, group=group).frame
            if (frame["signal"] & frame["mature"]).any():
                expected.append(f"{pos}@channel:{name}")
    got = [i.object_id for i in everything if "@" in i.object_id]
    assert got == expected and got  # the demo has some
    item = next(i for i in everything if "@" in i.object_id)
    channel = item.object_id.partition(":")[2]
    assert item.title.endswith(f", channel {channel}") and "Ask marketing" in item.detail
    team = str(data.reps["team_id"].dropna().iloc[0])
    assert all("@" not in i.object_id for i in default_signals(data, since, AT, group=("team", team)))


def test_empty_workspace_has_an_empty_agenda(ws) -> None:
    agenda = build_agenda(ws, as_of=AT)
    assert agenda.items == ()
    assert agenda.last_session is None
    assert date(2026, 11, 24) == agenda.as_of.date()


def test_wip_is_counted_as_of_the_agenda_date(demo_ws) -> None:
    from pdsa_desk.core.agenda import wip_counts

    data = load_analysis_data(demo_ws)
    now = wip_counts(data, AT)
    assert sum(now.values()) == int((data.opportunities["outcome"] == "open").sum())
    a_year_ago = wip_counts(data, AT - timedelta(days=365))
    at = AT - timedelta(days=365)
    opps = data.opportunities
    open_then = (opps["created_at"] <= at) & (opps["closed_at"].isna() | (opps["closed_at"] > at))
    assert sum(a_year_ago.values()) == int(open_then.sum())
    assert a_year_ago != now

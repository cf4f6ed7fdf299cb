"""Lead source (channel) as a scope of the charts: loaded with the snapshot, every chart narrowed by it (no Qt)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from pdsa_desk.core import charts, flow, scopes
from pdsa_desk.core.frames import AnalysisData, load_analysis_data
from tests.conftest import DEMO_AS_OF

AS_OF = pd.Timestamp(DEMO_AS_OF, tz="UTC") + pd.Timedelta(hours=18)


@pytest.fixture(scope="module")
def demo(demo_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AnalysisData]:
    from pdsa_desk.core.database import open_workspace

    target = tmp_path_factory.mktemp("channels") / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    ws = open_workspace(target)
    yield load_analysis_data(ws)
    ws.close()


def _small(channels: list[object]) -> AnalysisData:
    """One stage pair, one opportunity per channel value given, each entering stage 0 on 5 Jan 2026."""
    stages = pd.DataFrame({"id": ["s0", "s1"], "name": ["Lead", "Won"], "window_days": [30, 30],
                           "wip_limit": [np.nan, np.nan], "terminal": ["none", "won"]})
    reps = pd.DataFrame({"id": ["r1"], "name": ["Ann"], "team_id": [None], "team_name": [None], "active": [True]})
    m = len(channels)
    t0 = pd.Timestamp("2026-01-05 09:00", tz="UTC")
    opps = pd.DataFrame({
        "id": [f"o{i}" for i in range(m)], "name": [f"Opp {i}" for i in range(m)],
        "rep_id": pd.Series(["r1"] * m, dtype=object), "team_id": pd.Series([None] * m, dtype=object),
        "outcome": ["open"] * m, "created_at": pd.Series([t0] * m), "closed_at": pd.Series([pd.NaT] * m,
                                                                                          dtype="datetime64[ns, UTC]"),
        "loss_reason": pd.Series([None] * m, dtype=object), "source": pd.Series([None] * m, dtype=object),
        "channel": pd.Series(channels, dtype=object),
    })
    # Opportunities 0 and 2 move on to the won stage a day later.
    rows = [(i, 0, t0) for i in range(m)] + [(i, 1, t0 + pd.Timedelta(days=1)) for i in range(m) if i % 2 == 0]
    rows.sort(key=lambda r: (r[0], r[2]))
    events = pd.DataFrame({"opp": np.array([r[0] for r in rows], dtype=np.int32),
                           "stage": np.array([r[1] for r in rows], dtype=np.int16),
                           "entered_at": pd.Series([r[2] for r in rows]).astype("datetime64[ns, UTC]")})
    return AnalysisData(stages, reps, opps, events)


def test_the_snapshot_holds_each_opportunitys_channel(demo: AnalysisData) -> None:
    assert "channel" in demo.opportunities.columns
    assert set(demo.opportunities["channel"].dropna()) == {"Inbound web", "Outbound", "Partner", "Events"}


def test_channels_are_one_per_spelling_and_those_without_come_last() -> None:
    data = _small(["Partner", " partner", "partner", "Inbound", None, "  "])
    assert scopes.channels(data) == ["Inbound", "partner", scopes.NO_CHANNEL]  # most opportunities spell it so
    listed = [g for _n, g in scopes.scopes(data) if g[0] == "channel"]
    assert listed == [("channel", "Inbound"), ("channel", "partner"), ("channel", "")]


def test_no_channel_scope_when_no_opportunity_has_one() -> None:
    assert not [g for _n, g in scopes.scopes(_small([None, None])) if g[0] == "channel"]


def test_a_channel_scope_keeps_exactly_its_opportunities_and_their_events() -> None:
    data = _small(["Partner", "Inbound", "partner ", None])
    partner, _ = scopes.scope_data(data, ("channel", "PARTNER"))
    assert partner.opportunities["id"].tolist() == ["o0", "o2"]
    assert len(partner.events) == 4 and set(partner.events["opp"]) == {0, 1}
    none, rep_ids = scopes.scope_data(data, ("channel", ""))
    assert none.opportunities["id"].tolist() == ["o3"] and rep_ids is None
    funnel = charts.funnel_data(data, group=("channel", "partner")).frame
    assert funnel["n"].tolist() == [2, 2]


def test_rep_ids_of_a_channel_are_refused_rather_than_everyone() -> None:
    with pytest.raises(ValueError, match="channel"):
        scopes.group_rep_ids(_small(["A"]), ("channel", "A"))


def test_channels_partition_the_conversion_series(demo: AnalysisData) -> None:
    """Every opportunity has one channel (or none): the channels' weekly counts add up to everyone's."""
    whole = charts.conversion_series(demo, None, from_stage=1, as_of=AS_OF, chart="run")
    frames = [charts.conversion_series(demo, None, from_stage=1, as_of=AS_OF, chart="run", group=g).frame
              for _name, g in scopes.scopes(demo) if g[0] == "channel"]
    assert len(frames) == 4
    for col in ("n", "x"):
        summed = pd.concat([f.set_index("period")[col] for f in frames], axis=1).fillna(0).sum(axis=1)
        expected = whole.frame.set_index("period")[col]
        assert summed.reindex(expected.index, fill_value=0).astype(int).tolist() == expected.astype(int).tolist()
    one = charts.conversion_series(demo, None, from_stage=1, as_of=AS_OF, chart="run", group=("channel", "Partner"))
    assert one.group == ("channel", "Partner") and 0 < one.frame["n"].sum() < whole.frame["n"].sum()


def test_channels_partition_flow_and_time_in_stage(demo: AnalysisData) -> None:
    groups = [g for _n, g in scopes.scopes(demo) if g[0] == "channel"]
    wip_all = flow.flow_data(demo, as_of=AS_OF).wip
    wip = sum(flow.flow_data(demo, as_of=AS_OF, group=g, start=wip_all.index[0]).wip for g in groups)
    assert (wip.reindex(wip_all.index) == wip_all).all().all()
    n_all = charts.stage_durations(demo, as_of=AS_OF).summary["n"].to_numpy()
    n = sum(charts.stage_durations(demo, as_of=AS_OF, group=g).summary["n"].to_numpy() for g in groups)
    assert n.tolist() == n_all.tolist()
    cfd_all = flow.cumulative_flow(demo, as_of=AS_OF).lines.iloc[-1]
    cfd = sum(flow.cumulative_flow(demo, as_of=AS_OF, group=g).lines.iloc[-1] for g in groups)
    assert cfd.tolist() == cfd_all.tolist()


def test_the_guard_offers_every_channel_for_a_thin_channel_chart() -> None:
    data = _small(["Partner", "Inbound", "partner"])
    s = charts.conversion_series(data, None, from_stage=0, as_of="2026-03-02", chart="p", group=("channel", "partner"))
    assert s.guard.reason
    assert ("scope", "all", "Every channel instead of one") in [(r.kind, r.value, r.label) for r in s.guard.remedies]


def test_a_channel_edit_moves_the_opportunity_between_channel_scopes(demo_file: Path, tmp_path: Path) -> None:
    """An edit patches the snapshot (no full load); the channel scopes of the patched snapshot follow it."""
    from pdsa_desk.core import services
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.patching import patch_analysis

    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, db)
    ws = open_workspace(db)
    try:
        before = load_analysis_data(ws)
        events_before = charts.funnel_data(before, group=("channel", "Partner")).frame["n"].sum()
        opp = before.opportunities.loc[before.opportunities["channel"] == "Events"].iloc[0]
        services.update_opportunity(ws, str(opp["id"]), channel="partner")
        after = patch_analysis(ws, before, [str(opp["id"])])
    finally:
        ws.close()
    assert after is not None and after is not before
    partner, _ = scopes.scope_data(after, ("channel", "Partner"))
    assert str(opp["id"]) in set(partner.opportunities["id"])
    events, _ = scopes.scope_data(after, ("channel", "Events"))
    assert str(opp["id"]) not in set(events.opportunities["id"])
    assert charts.funnel_data(after, group=("channel", "Partner")).frame["n"].sum() > events_before


def test_channel_keys_and_names_follow_the_rule_per_opportunity() -> None:
    """Keys are trimmed and case-folded, none (None, NaN, "") is "", and a channel is named by the spelling most
    of its opportunities use (ties: the first in sort order) -- whatever the order and mix of spellings."""
    import numpy as np
    import pandas as pd

    from pdsa_desk.core.scopes import _channel_names, channel_keys

    raw = [" Web", "web", "WEB ", "Web", "Partner", None, np.nan, "", "  ", "Messe", "MESSE", "ß", "SS"]
    frame = pd.DataFrame({"channel": pd.Series(raw, dtype=object)})
    assert channel_keys(frame).tolist() == ["web", "web", "web", "web", "partner", "", "", "", "", "messe", "messe",
                                            "ss", "ss"]
    assert _channel_names(frame) == {"web": "Web", "partner": "Partner", "": "", "messe": "MESSE", "ss": "SS"}
    assert channel_keys(frame.iloc[:0]).tolist() == [] and _channel_names(frame.iloc[:0]) == {}


def _generated(seed: int = 3, m: int = 600) -> AnalysisData:
    """Random snapshot: channels in several spellings and none, ties (events at the same instant), re-entries,
    events after the as-of instant (late entries), opportunities closed won/lost and reopened."""
    rng = np.random.default_rng(seed)
    k = 5
    stages = pd.DataFrame({"id": [f"s{i}" for i in range(k)], "name": [f"Stage {i}" for i in range(k)],
                           "window_days": [14, 21, 30, 30, 30], "wip_limit": [np.nan] * k,
                           "terminal": ["none"] * (k - 1) + ["won"]})
    reps = pd.DataFrame({"id": ["r1", "r2"], "name": ["Ann", "Bo"], "team_id": [None, None],
                         "team_name": [None, None], "active": [True, True]})
    spellings = np.array(["Partner", " partner", "Inbound", "inbound ", "Events", None], dtype=object)
    t0 = AS_OF - pd.Timedelta(days=200)
    rows, outcome, closed = [], [], []
    for i in range(m):
        t = t0 + pd.Timedelta(minutes=int(rng.integers(0, 230 * 24 * 60)))  # some after AS_OF: late
        stage = 0
        for _ in range(int(rng.integers(1, 6))):
            rows.append((i, stage, t))
            step = int(rng.choice([-1, 0, 1, 1, 2]))  # back, the same instant again (a tie), forward
            stage = min(max(stage + step, 0), k - 1)
            if step:
                t = t + pd.Timedelta(hours=int(rng.integers(0, 24 * 20)))
        state = rng.choice(["open", "won", "lost", "reopened"])
        outcome.append("open" if state == "reopened" else str(state))
        closed.append(pd.NaT if state in ("open", "reopened") else t + pd.Timedelta(days=1))
    rows.sort(key=lambda r: (r[0], r[2]))
    opps = pd.DataFrame({
        "id": [f"o{i}" for i in range(m)], "name": [f"Opp {i}" for i in range(m)],
        "rep_id": pd.Series(rng.choice(["r1", "r2"], m), dtype=object), "team_id": pd.Series([None] * m, dtype=object),
        "outcome": outcome, "created_at": pd.Series([t0] * m),
        "closed_at": pd.Series(closed, dtype="datetime64[ns, UTC]"),
        "loss_reason": pd.Series([None] * m, dtype=object), "source": pd.Series([None] * m, dtype=object),
        "channel": pd.Series(rng.choice(spellings, m), dtype=object),
    })
    events = pd.DataFrame({"opp": np.array([r[0] for r in rows], dtype=np.int32),
                           "stage": np.array([r[1] for r in rows], dtype=np.int16),
                           "entered_at": pd.Series([r[2] for r in rows]).astype("datetime64[ns, UTC]")})
    return AnalysisData(stages, reps, opps, events)


@pytest.mark.parametrize("which", ["demo", "generated"])
def test_a_channels_series_from_the_mask_equals_the_one_from_its_subset(demo: AnalysisData, which: str,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The channel's conversion series are counted on the whole snapshot with the channel as a mask (no subset
    is built or kept); they equal the series counted on the channel's subset, as they were before."""
    data = demo if which == "demo" else _generated()
    data.cache.clear()  # the module's demo snapshot: earlier tests built subsets
    groups = [g for _n, g in scopes.scopes(data) if g[0] == "channel"]
    assert len(groups) >= 4
    cases = [(tr.from_stage, period, chart, g) for tr in charts.transitions(data) for g in groups
             for period, chart in (("week", "pp"), ("month", "p"), ("week", "run"))]
    fast = [charts.conversion_series(data, None, from_stage=s, as_of=AS_OF, period=p, chart=c, group=g)
            for s, p, c, g in cases]
    assert not any(isinstance(key, tuple) and key[0] == "channel_subset"
                   for values in data.cache._values.values() for key in values), "no subset was built"

    def by_subset(data, group):  # the path before: the channel's subset of the snapshot
        scoped, rep_ids = scopes.scope_data(data, group)
        return scoped, rep_ids, None

    monkeypatch.setattr(charts, "_scoped", by_subset)
    for (s, p, c, g), got in zip(cases, fast, strict=True):
        want = charts.conversion_series(data, None, from_stage=s, as_of=AS_OF, period=p, chart=c, group=g)
        pd.testing.assert_frame_equal(got.frame, want.frame)
        for name in ("applied_chart", "baseline", "breaks", "phases", "guard", "rules_note", "group", "window_days"):
            assert getattr(got, name) == getattr(want, name), (name, s, p, c, g)
    assert sum(len(f.frame) for f in fast) > 0 and any(f.frame["x"].sum() for f in fast)

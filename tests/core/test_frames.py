"""Tests for pdsa_desk.core.frames.load_analysis_data on a small workspace built through the services."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from pdsa_desk.core import services
from pdsa_desk.core.frames import AnalysisData, load_analysis_data


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def ts(*args: int) -> pd.Timestamp:
    return pd.Timestamp(utc(*args))


def _tombstone(ws, table: str, row_id: str) -> None:
    """Tombstone a row behind the services' back, as a merge from another laptop could."""
    with ws.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {table} SET deleted_at = '2026-03-01 00:00:00' WHERE id = ?",
                             (row_id,))


@pytest.fixture
def built(ws):
    north = services.create_team(ws, "North")
    ann = services.create_rep(ws, "Ann", team_id=north.id)
    bob = services.create_rep(ws, "Bob")  # no team
    old = services.create_rep(ws, "Old", team_id=north.id)
    services.update_rep(ws, old.id, active=False)
    gone = services.create_rep(ws, "Gone")
    services.delete_rep(ws, gone.id)
    lead = services.create_stage(ws, "Lead", window_days=7)
    extra = services.create_stage(ws, "Extra", window_days=3)
    disc = services.create_stage(ws, "Discovery", window_days=14, wip_limit=5)
    won = services.create_stage(ws, "Won", terminal="won")
    reason = services.list_loss_reasons(ws)[0]

    # Ann's deal: Lead -> Discovery -> Won (moves recorded out of order)
    a = services.create_opportunity(ws, "Acme", rep_id=ann.id, stage_id=lead.id, opened_at=utc(2026, 1, 5, 9),
                                    source="crm")
    services.move_opportunity(ws, a.id, disc.id, entered_at=utc(2026, 1, 9))
    services.move_opportunity(ws, a.id, extra.id, entered_at=utc(2026, 1, 7))  # back-dated
    services.move_opportunity(ws, a.id, won.id, entered_at=utc(2026, 1, 20))
    # Bob's deal: lost in Lead; a move that was undone
    b = services.create_opportunity(ws, "Globex", rep_id=bob.id, stage_id=lead.id, opened_at=utc(2026, 1, 4))
    undone = services.move_opportunity(ws, b.id, disc.id, entered_at=utc(2026, 1, 6))
    services.undo_move(ws, undone)
    services.mark_lost(ws, b.id, reason.id, at=utc(2026, 1, 30))
    # an opportunity without a rep, still open
    c = services.create_opportunity(ws, "Initech", stage_id=lead.id, opened_at=utc(2026, 1, 2))
    # deleted through the services: its events are tombstoned too
    d = services.create_opportunity(ws, "Deleted", rep_id=ann.id, stage_id=lead.id, opened_at=utc(2026, 1, 3))
    services.delete_opportunity(ws, d.id)
    # tombstoned behind the services' back: its events are still live
    e = services.create_opportunity(ws, "Merged away", rep_id=ann.id, stage_id=lead.id, opened_at=utc(2026, 1, 3))
    services.move_opportunity(ws, e.id, disc.id, entered_at=utc(2026, 1, 4))
    _tombstone(ws, "opportunity", e.id)
    # the Extra stage is deleted although Acme entered it: the event is dropped
    _tombstone(ws, "stage", extra.id)
    return {"reps": (ann, bob, old), "team": north, "stages": (lead, disc, won), "opps": (a, b, c), "reason": reason}


def test_frames_content(ws, built) -> None:
    data = load_analysis_data(ws)
    assert isinstance(data, AnalysisData)
    lead, disc, won = built["stages"]
    ann, bob, old = built["reps"]

    st = data.stages
    assert list(st.columns) == ["id", "name", "window_days", "wip_limit", "terminal"]
    assert st["id"].tolist() == [lead.id, disc.id, won.id]  # deleted stage gone, index = position order
    assert st.index.tolist() == [0, 1, 2]
    assert st["window_days"].tolist() == [7, 14, 30] and st["terminal"].tolist() == ["none", "none", "won"]
    assert st["wip_limit"].iloc[1] == 5 and np.isnan(st["wip_limit"].iloc[0])

    reps = data.reps
    assert list(reps.columns) == ["id", "name", "team_id", "team_name", "active"]
    assert reps["name"].tolist() == ["Ann", "Bob", "Old"]  # deleted rep gone, inactive kept, sorted by name
    assert reps["active"].tolist() == [True, True, False]
    assert reps["id"].tolist() == [ann.id, bob.id, old.id]
    assert reps.set_index("name").loc["Ann", "team_name"] == "North"
    assert pd.isna(reps.set_index("name").loc["Bob", "team_id"])

    opps = data.opportunities.set_index("name")
    assert list(data.opportunities.columns) == ["id", "name", "rep_id", "team_id", "outcome", "created_at",
                                                "closed_at", "loss_reason", "source", "channel"]
    assert sorted(opps.index) == ["Acme", "Globex", "Initech"]  # both deleted opportunities are gone
    assert opps.loc["Acme", "outcome"] == "won" and opps.loc["Acme", "closed_at"] == ts(2026, 1, 20)
    assert opps.loc["Acme", "created_at"] == ts(2026, 1, 5, 9) and opps.loc["Acme", "source"] == "crm"
    assert opps.loc["Acme", "team_id"] == built["team"].id
    assert opps.loc["Globex", "outcome"] == "lost" and opps.loc["Globex", "loss_reason"] == built["reason"].name
    assert pd.isna(opps.loc["Globex", "team_id"])
    assert pd.isna(opps.loc["Initech", "rep_id"]) and pd.isna(opps.loc["Initech", "closed_at"])
    assert pd.isna(opps.loc["Initech", "loss_reason"]) and pd.isna(opps.loc["Initech", "source"])

    ev = data.events
    assert list(ev.columns) == ["opp", "stage", "entered_at"]
    got = [(data.opportunities["name"].iloc[o], int(s), t) for o, s, t in ev.itertuples(index=False)]
    expected = {
        ("Acme", 0, ts(2026, 1, 5, 9)), ("Acme", 1, ts(2026, 1, 9)), ("Acme", 2, ts(2026, 1, 20)),
        ("Globex", 0, ts(2026, 1, 4)),  # the undone move is gone
        ("Initech", 0, ts(2026, 1, 2)),
    }
    assert set(got) == expected and len(got) == len(expected)  # Acme's move into the deleted stage is dropped


def test_frames_sorted_by_opportunity_then_time(ws, built) -> None:
    data = load_analysis_data(ws)
    ev = data.events
    assert ev.index.tolist() == list(range(len(ev)))
    assert ev["opp"].is_monotonic_increasing
    for _, group in ev.groupby("opp"):
        assert group["entered_at"].is_monotonic_increasing
    acme = ev[ev["opp"] == data.opportunities.index[data.opportunities["name"] == "Acme"][0]]
    assert acme["stage"].tolist() == [0, 1, 2]  # recorded Lead, Discovery, (Extra,) Won: sorted by time


def test_frames_dtypes(ws, built) -> None:
    data = load_analysis_data(ws)
    assert data.stages["window_days"].dtype == np.int64 and data.stages["wip_limit"].dtype == np.float64
    assert data.reps["active"].dtype == bool
    for col in ("created_at", "closed_at"):
        assert str(data.opportunities[col].dtype) == "datetime64[ns, UTC]"
    assert data.events["opp"].dtype == np.int32 and data.events["stage"].dtype == np.int16
    assert str(data.events["entered_at"].dtype) == "datetime64[ns, UTC]"
    for col in ("rep_id", "team_id", "loss_reason", "source", "channel"):
        assert data.opportunities[col].dtype == object


def test_empty_workspace(ws) -> None:
    data = load_analysis_data(ws)
    assert data.stages.empty and data.reps.empty and data.opportunities.empty and data.events.empty
    assert list(data.events.columns) == ["opp", "stage", "entered_at"]
    assert data.events["opp"].dtype == np.int32 and data.events["stage"].dtype == np.int16
    assert str(data.opportunities["created_at"].dtype) == "datetime64[ns, UTC]"


def test_empty_workspace_event_times_dtype(ws) -> None:
    assert str(load_analysis_data(ws).events["entered_at"].dtype) == "datetime64[ns, UTC]"


# --------------------------------------------------------------------------- #
# The fast SQLite path (fixed-width blobs decoded by numpy) against the plain reading
# --------------------------------------------------------------------------- #
def _reference(ws) -> AnalysisData:
    """The straightforward loader (one list of rows per table, pandas parsing): what the fast path must equal."""
    raw = ws.engine.raw_connection()
    try:
        cur = raw.cursor()

        def rows(sql: str) -> list[tuple]:
            cur.execute(sql)
            return cur.fetchall()

        stage_rows = rows("SELECT id, name, window_days, wip_limit, terminal FROM stage "
                          "WHERE deleted_at IS NULL ORDER BY position")
        rep_rows = rows("SELECT r.id, r.name, r.team_id, t.name, r.active FROM rep r "
                        "LEFT JOIN team t ON t.id = r.team_id WHERE r.deleted_at IS NULL ORDER BY r.name")
        opp_rows = rows(
            "SELECT o.id, o.name, o.rep_id, r.team_id, o.outcome, o.opened_at, o.closed_at, l.name, o.source, "
            "o.channel "
            "FROM opportunity o LEFT JOIN rep r ON r.id = o.rep_id "
            "LEFT JOIN loss_reason l ON l.id = o.loss_reason_id WHERE o.deleted_at IS NULL ORDER BY o.rowid"
        )
        event_rows = rows("SELECT opportunity_id, stage_id, entered_at FROM stage_event WHERE deleted_at IS NULL "
                          "ORDER BY rowid")
    finally:
        raw.close()

    def utc_(values) -> pd.Series:
        return pd.to_datetime(pd.Series(values, dtype="object"), utc=True, format="ISO8601").astype(
            "datetime64[ns, UTC]")

    stages = pd.DataFrame(stage_rows, columns=["id", "name", "window_days", "wip_limit", "terminal"])
    stages["window_days"] = stages["window_days"].astype("int64")
    stages["wip_limit"] = stages["wip_limit"].astype("float64")
    reps = pd.DataFrame(rep_rows, columns=["id", "name", "team_id", "team_name", "active"])
    reps["active"] = reps["active"].astype(bool)
    opps = pd.DataFrame(opp_rows, columns=["id", "name", "rep_id", "team_id", "outcome", "created_at",
                                           "closed_at", "loss_reason", "source", "channel"])
    opps["created_at"] = utc_(opps["created_at"])
    opps["closed_at"] = utc_(opps["closed_at"])
    opps = opps.astype({"rep_id": "object", "team_id": "object", "loss_reason": "object", "source": "object",
                       "channel": "object"})
    opp_id, stage_id, entered = zip(*event_rows, strict=True) if event_rows else ((), (), ())
    opp_code = pd.Index(opps["id"]).get_indexer(pd.Index(opp_id, dtype="object"))
    stage_pos = pd.Index(stages["id"]).get_indexer(pd.Index(stage_id, dtype="object"))
    keep = (opp_code >= 0) & (stage_pos >= 0)
    events = pd.DataFrame({
        "opp": opp_code[keep].astype(np.int32),
        "stage": stage_pos[keep].astype(np.int16),
        "entered_at": utc_(pd.Series(entered, dtype="object")[keep]).array,
    })
    events = events.sort_values(["opp", "entered_at"], kind="stable").reset_index(drop=True)
    return AnalysisData(stages=stages, reps=reps, opportunities=opps, events=events)


def _assert_same(got: AnalysisData, expected: AnalysisData) -> None:
    for name in ("stages", "reps", "opportunities", "events"):
        a, b = getattr(got, name), getattr(expected, name)
        pd.testing.assert_frame_equal(a, b, check_exact=True, obj=name)
        for col in a.columns:  # None and NaN are both "missing" to assert_frame_equal: the kind must match too
            if a[col].dtype == object:
                assert [type(v) for v in a[col][a[col].isna()]] == [type(v) for v in b[col][b[col].isna()]], col


def _add_event(ws, opportunity_id: str, stage_id: str, entered_at: str) -> None:
    import uuid

    with ws.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO stage_event (id, created_at, updated_at, opportunity_id, stage_id, entered_at, "
            "evidence_confirmed, evidence_items, origin) VALUES (?, ?, ?, ?, ?, ?, 0, '[]', 'board')",
            (str(uuid.uuid4()), "2026-01-01 00:00:00.000000", "2026-01-01 00:00:00.000000", opportunity_id,
             stage_id, entered_at))


@pytest.fixture
def many(ws, built):
    """``built`` plus more opportunities and events, inserted out of time order, with ties."""
    lead, disc, won = built["stages"]
    ann = built["reps"][0]
    for i in range(12):
        opp = services.create_opportunity(ws, f"Deal {i}", rep_id=ann.id if i % 3 else None, stage_id=lead.id,
                                          opened_at=utc(2026, 2, 1 + i, 8, 30))
        services.move_opportunity(ws, opp.id, disc.id, entered_at=utc(2026, 3, 20 - i))
        if i % 4 == 0:
            _add_event(ws, opp.id, won.id, "2026-03-25 10:00:00.000000")  # two events at the same time:
            _add_event(ws, opp.id, lead.id, "2026-03-25 10:00:00.000000")  # the table's order decides
    return built


def _spy(monkeypatch: pytest.MonkeyPatch, name: str, module: str = "frames") -> list:
    import importlib

    frames = importlib.import_module(f"pdsa_desk.core.{module}")
    calls: list = []
    real = getattr(frames, name)

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(frames, name, spy)
    return calls


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_fast_path_equals_the_plain_reading(ws, many, monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    from pdsa_desk.core import frames

    monkeypatch.setattr(frames, "CHUNK_ROWIDS", chunk)
    row_by_row = _spy(monkeypatch, "_generic_events")
    _assert_same(load_analysis_data(ws), _reference(ws))
    assert not row_by_row


@pytest.mark.parametrize("step", [1, 5])
def test_rows_handled_in_short_steps_give_the_same_frames(ws, many, monkeypatch: pytest.MonkeyPatch,
                                                          step: int) -> None:
    """The opportunities' columns and texts are made in steps of GIL_ROWS rows (so that a window on another
    thread is not kept waiting for the whole column): the frames are the same as in one step."""
    from pdsa_desk.core import frames

    whole = load_analysis_data(ws)
    assert len(whole.opportunities) > 5
    columns = _spy(monkeypatch, "_columns")
    json_reads = _spy(monkeypatch, "json_columns", "frames_sqlite")
    monkeypatch.setattr(frames, "GIL_ROWS", step)
    stepped = load_analysis_data(ws)
    _assert_same(stepped, _reference(ws))
    _assert_same(stepped, whole)
    assert len(json_reads) == 2 and not columns  # the opportunities came as JSON, range by range
    assert type(stepped.opportunities["id"].array) is type(whole.opportunities["id"].array)


def test_times_in_other_forms_are_read_row_by_row(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core import frames

    monkeypatch.setattr(frames, "CHUNK_ROWIDS", 4)
    lead, disc, _won = many["stages"]
    acme = many["opps"][0]
    _add_event(ws, acme.id, disc.id, "2026-01-11 09:00:00")  # no fraction
    _add_event(ws, acme.id, lead.id, "2026-01-12T09:00:00.5+02:00")  # another writer's ISO form
    _add_event(ws, acme.id, lead.id, "2026-01-13 10:00:00.123456")
    with ws.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE opportunity SET opened_at = '2026-01-05 09:00:00' WHERE id = ?", (acme.id,))
    row_by_row = _spy(monkeypatch, "_generic_events")
    blobs = _spy(monkeypatch, "decode_records", "frames_sqlite")
    _assert_same(load_analysis_data(ws), _reference(ws))
    assert 1 <= len(row_by_row) < len(blobs)  # only the ranges holding those times


def test_ids_that_are_not_uuids_are_matched_as_text(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core import frames

    monkeypatch.setattr(frames, "FETCH_ROWS", 2)  # read row by row, in batches (as on PostgreSQL)
    lead, _disc, _won = many["stages"]
    with ws.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO opportunity (id, created_at, updated_at, name, opened_at, outcome) "
            "VALUES ('legacy-7', '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', 'Legacy', "
            "'2025-12-01 00:00:00.000000', 'open')")
    _add_event(ws, "legacy-7", lead.id, "2025-12-01 00:00:00.000000")
    data = load_analysis_data(ws)
    _assert_same(data, _reference(ws))
    legacy = int(np.flatnonzero(data.opportunities["id"] == "legacy-7")[0])
    assert (data.events["opp"] == legacy).sum() == 1


def test_a_hash_collision_falls_back_to_exact_matching(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core import frames

    monkeypatch.setattr(frames, "_hash_words", lambda columns: np.zeros(len(columns[0]), dtype=np.uint64))
    _assert_same(load_analysis_data(ws), _reference(ws))


def test_a_wrong_hash_hit_is_not_taken_for_the_opportunity(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hash only proposes a candidate; an event is given an opportunity only when all 36 bytes agree."""
    from pdsa_desk.core import frames

    real = frames._hash_words
    monkeypatch.setattr(frames, "_hash_words", lambda columns: real(columns[:4]))  # ignores the id's last bytes
    acme = many["opps"][0]
    lead = many["stages"][0]
    with ws.engine.begin() as conn:  # a live id differing from Acme's in its last character only
        other = acme.id[:-1] + ("0" if acme.id[-1] != "0" else "1")
        conn.exec_driver_sql(
            "INSERT INTO opportunity (id, created_at, updated_at, deleted_at, name, opened_at, outcome) "
            "VALUES (?, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', "
            "'2026-01-02 00:00:00.000000', 'Twin', '2025-12-01 00:00:00.000000', 'open')", (other,))
    _add_event(ws, other, lead.id, "2025-12-01 00:00:00.000000")  # its opportunity is deleted: dropped
    _assert_same(load_analysis_data(ws), _reference(ws))


def test_a_cancelled_load_stops(ws, many) -> None:
    from pdsa_desk.core.frames import LoadCancelled

    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(LoadCancelled):
        load_analysis_data(ws, cancelled=cancelled)
    assert asked
    _assert_same(load_analysis_data(ws, cancelled=lambda: False), _reference(ws))  # the connection is fine


# --------------------------------------------------------------------------- #
# derived values live with their snapshot
# --------------------------------------------------------------------------- #
def test_derived_values_live_with_their_snapshot(ws, built) -> None:
    import dataclasses

    from pdsa_desk.core import charts, metrics

    data = load_analysis_data(ws)
    calls: list[str] = []
    assert data.cached("x", lambda: calls.append("x") or "first") == "first"
    assert data.cached("x", lambda: calls.append("x") or "second") == "first" and calls == ["x"]
    ann = built["reps"][0].id
    prep = metrics.prepare(data)
    sub = charts.subset_data(data, [ann])
    assert data.is_cached("prepared") and data.is_cached(("subset", (ann,)))
    assert metrics.prepare(data) is prep and charts.subset_data(data, [ann]) is sub
    # a new snapshot, even of the same frames, starts with nothing derived
    again = dataclasses.replace(data)
    assert not again.is_cached("x") and not again.is_cached("prepared")
    assert metrics.prepare(again) is not prep and charts.subset_data(again, [ann]) is not sub
    # a bounded kind keeps its most recently used values; other kinds are not affected
    for i in range(5):
        data.cached(("series", i), lambda i=i: i, bound=3)
    assert data.cached(("series", 2), lambda: None, bound=3) == 2  # used again: kept
    data.cached(("series", 5), lambda: 5, bound=3)
    assert [i for i in range(6) if data.is_cached(("series", i))] == [2, 4, 5]
    assert data.is_cached("x") and data.is_cached("prepared")
    # a frame swapped behind the snapshot's back (hand-built data): nothing derived is served any more
    object.__setattr__(data, "events", data.events.iloc[:1])
    assert not data.is_cached("x") and metrics.prepare(data) is not prep


def test_the_collector_is_paused_while_the_rows_are_read(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    """The load's hundreds of thousands of short-lived row tuples were walked by every collection meanwhile
    (holding the GIL: the window waited); the collector is off during the read and on again after it, also
    when the read fails."""
    import gc

    from pdsa_desk.core import frames

    real = frames._read
    seen: list[bool] = []

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(frames, "_read", spy)
    assert gc.isenabled()
    _assert_same(load_analysis_data(ws), _reference(ws))
    assert seen == [False] and gc.isenabled()

    def broken(*_args, **_kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(frames, "_read", broken)
    with pytest.raises(RuntimeError):
        load_analysis_data(ws)
    assert gc.isenabled()


# --------------------------------------------------------------------------- #
# a workspace file read on two connections (pdsa_desk.core.events_ahead)
# --------------------------------------------------------------------------- #
def _ahead_threads() -> list:
    import threading

    return [t for t in threading.enumerate() if t.name == "pdsa-events-ahead"]


def _spy_ahead(monkeypatch: pytest.MonkeyPatch) -> list:
    """The EventsAhead readers a load makes."""
    from pdsa_desk.core import events_ahead

    made: list = []
    real = events_ahead.EventsAhead.open.__func__

    def open_(cls, path):
        made.append(real(cls, path))
        return made[-1]

    monkeypatch.setattr(events_ahead.EventsAhead, "open", classmethod(open_))
    return made


@pytest.mark.parametrize("chunk", [1, 3, 1000])
def test_a_file_read_on_two_connections_equals_the_plain_reading(ws, many, monkeypatch: pytest.MonkeyPatch,
                                                                 chunk: int) -> None:
    from pdsa_desk.core import frames
    from pdsa_desk.core.frames import load_analysis_file

    monkeypatch.setattr(frames, "CHUNK_ROWIDS", chunk)
    row_by_row = _spy(monkeypatch, "_generic_events")
    made = _spy_ahead(monkeypatch)
    _assert_same(load_analysis_file(ws.path), _reference(ws))
    assert not row_by_row
    assert [a.same_snapshot for a in made] == [True]  # the events came from the second connection
    assert not _ahead_threads()


def test_odd_ranges_read_ahead_are_read_row_by_row_on_the_loader_connection(ws, many,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core import frames
    from pdsa_desk.core.frames import load_analysis_file

    monkeypatch.setattr(frames, "CHUNK_ROWIDS", 4)
    lead, disc, _won = many["stages"]
    acme = many["opps"][0]
    _add_event(ws, acme.id, disc.id, "2026-01-11 09:00:00")  # no fraction
    _add_event(ws, acme.id, lead.id, "2026-01-12T09:00:00.5+02:00")  # another writer's ISO form
    row_by_row = _spy(monkeypatch, "_generic_events")
    blobs = _spy(monkeypatch, "decode_records", "frames_sqlite")
    made = _spy_ahead(monkeypatch)
    _assert_same(load_analysis_file(ws.path), _reference(ws))
    assert 1 <= len(row_by_row) < len(blobs)
    assert [a.same_snapshot for a in made] == [True]


def test_a_commit_between_the_two_snapshots_is_not_mixed_in(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another program commits after the loader's transaction started and before the events' connection
    started its own: the events' connection sees the change, so it reads nothing, and the snapshot is the
    loader's alone (without the change) -- not its opportunities with the later events."""
    from pdsa_desk.core import events_ahead
    from pdsa_desk.core.frames import load_analysis_file

    before = _reference(ws)
    lead = many["stages"][0]
    acme = many["opps"][0]
    real_start = events_ahead.EventsAhead.start

    def start(self, *args):  # the loader's snapshot is taken: now somebody commits
        _add_event(ws, acme.id, lead.id, "2026-04-01 09:00:00.000000")
        real_start(self, *args)

    monkeypatch.setattr(events_ahead.EventsAhead, "start", start)
    made = _spy_ahead(monkeypatch)
    got = load_analysis_file(ws.path)
    _assert_same(got, before)
    assert len(_reference(ws).events) == len(before.events) + 1  # the change is in the file
    assert [a.same_snapshot for a in made] == [False]
    assert not _ahead_threads()


def test_a_cancelled_file_load_stops_both_connections(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    from pdsa_desk.core import frames
    from pdsa_desk.core.frames import LoadCancelled, load_analysis_file

    monkeypatch.setattr(frames, "CHUNK_ROWIDS", 1)
    asked: list[int] = []

    def cancelled() -> bool:  # after the opportunities, while the events are decoded
        asked.append(1)
        return len(asked) > 4

    with pytest.raises(LoadCancelled):
        load_analysis_file(ws.path, cancelled=cancelled)
    assert len(asked) > 4
    assert not _ahead_threads()
    _assert_same(load_analysis_file(ws.path), _reference(ws))


def test_a_failure_of_the_events_connection_reaches_the_loader(ws, many, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the plain words the workspace's own connections give (here: a column missing from the file)."""
    from pdsa_desk.core import frames_sqlite
    from pdsa_desk.core.errors import WorkspaceDamaged
    from pdsa_desk.core.frames import load_analysis_file

    monkeypatch.setattr(frames_sqlite, "blob_sql", lambda stage_ids: "SELECT no_such_column FROM stage_event")
    with pytest.raises(WorkspaceDamaged, match="no_such_column"):
        load_analysis_file(ws.path)
    assert not _ahead_threads()


def test_opportunity_values_sqlite_cannot_put_in_json_are_read_as_rows(ws, many,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A BLOB in a text column (another program wrote it): json_group_array refuses it, so the columns are read
    row by row -- the frames are what reading rows alone gives."""
    from pdsa_desk.core import frames_sqlite
    from pdsa_desk.core.frames import load_analysis_file

    acme = many["opps"][0]
    with ws.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE opportunity SET source = X'41424300' WHERE id = ?", (acme.id,))
    json_reads = _spy(monkeypatch, "json_columns", "frames_sqlite")
    columns = _spy(monkeypatch, "_columns")
    got = load_analysis_file(ws.path)
    assert len(columns) == 1  # the five columns holding the BLOB, as rows
    assert len(json_reads) == 2  # (the ids and names as JSON)
    monkeypatch.setattr(frames_sqlite, "json_columns", lambda cur, columns: None)
    rows_only = load_analysis_data(ws)
    _assert_same(got, rows_only)
    assert (got.opportunities["source"] == b"ABC\x00").sum() == 1


def test_texts_that_need_escaping_survive_the_json_read(ws, many) -> None:
    from pdsa_desk.core.frames import load_analysis_file

    lead = many["stages"][0]
    odd = 'Quote " back\\slash \u00e9\u2603 tab\t newline\n nul-free \U0001F600 ,;[]{}'
    services.create_opportunity(ws, odd, stage_id=lead.id, opened_at=utc(2026, 2, 1), source=odd)
    expected = _reference(ws)
    assert odd in set(expected.opportunities["name"])
    _assert_same(load_analysis_file(ws.path), expected)


def test_an_event_whose_id_is_not_36_characters_sends_its_range_row_by_row(ws, many,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """The blobs are cut into records by length: SQLite counts the ids of 36 characters, so one of another
    length (here of an opportunity that never existed, and one of 36 characters that are not all ASCII) makes
    its range read row by row -- not cut into shifted records."""
    from pdsa_desk.core import frames
    from pdsa_desk.core.frames import load_analysis_file

    monkeypatch.setattr(frames, "CHUNK_ROWIDS", 5)
    lead = many["stages"][0]
    for odd_id in ("short-id", "\u00e9" * 36):  # deleted opportunities: their events are dropped
        with ws.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO opportunity (id, created_at, updated_at, deleted_at, name, opened_at, outcome) "
                "VALUES (?, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', "
                "'2026-01-02 00:00:00.000000', 'Odd', '2025-12-01 00:00:00.000000', 'open')", (odd_id,))
        _add_event(ws, odd_id, lead.id, "2026-01-11 09:00:00.000000")
    row_by_row = _spy(monkeypatch, "_generic_events")
    blobs = _spy(monkeypatch, "decode_records", "frames_sqlite")
    expected = _reference(ws)
    _assert_same(load_analysis_file(ws.path), expected)
    _assert_same(load_analysis_data(ws), expected)
    assert 2 <= len(row_by_row) < len(blobs)


def test_ids_of_other_lengths_that_add_up_are_not_cut_into_shifted_records(ws, many) -> None:
    """Ids of 35 and 37 characters in one range fill as many bytes as two of 36: SQLite's count of the ids of 36
    characters sends the range row by row, so the live event between them keeps its opportunity."""
    from pdsa_desk.core.frames import load_analysis_file

    lead = many["stages"][0]
    acme = many["opps"][0]
    for odd_id in ("a" * 35, "b" * 37):
        with ws.engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO opportunity (id, created_at, updated_at, deleted_at, name, opened_at, outcome) "
                "VALUES (?, '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', "
                "'2026-01-02 00:00:00.000000', 'Odd', '2025-12-01 00:00:00.000000', 'open')", (odd_id,))
    _add_event(ws, "a" * 35, lead.id, "2026-01-11 09:00:00.000000")
    _add_event(ws, acme.id, lead.id, "2026-04-11 09:00:00.000000")
    _add_event(ws, "b" * 37, lead.id, "2026-01-11 09:00:00.000000")
    expected = _reference(ws)
    _assert_same(load_analysis_file(ws.path), expected)
    _assert_same(load_analysis_data(ws), expected)

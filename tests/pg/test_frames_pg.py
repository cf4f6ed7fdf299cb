"""The analysis frames read from a server (core/frames_pg.py): the fixed-width records over ranges of table
pages give exactly the frames of the same rows in a SQLite file, also where a range falls back to reading
row by row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pandas as pd
import pytest
from sqlalchemy import text

from pdsa_desk.core import frames, frames_pg, services
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.frames import load_analysis_data
from tests.pg.test_database_pg import _canonical

pytestmark = pytest.mark.postgres

ODD_ID = "crm-7"  # a (deleted) opportunity id that is not 36 characters: its event's range is read row by row


def _fill(ws, rows: int) -> None:
    """The same rows in any workspace: stages (one deleted), opportunities with events (one event deleted),
    a deleted opportunity with an odd id, and times with and without microseconds."""
    lead = services.create_stage(ws, "Lead")
    meet = services.create_stage(ws, "Meeting")
    gone = services.create_stage(ws, "Gone")
    services.create_stage(ws, "Won", terminal="won")
    with ws.engine.begin() as conn:
        stamp = "2026-01-05 09:00:00.000000"
        for i in range(rows):
            opp = f"00000000-0000-4000-8000-{i:012d}"
            conn.execute(text("INSERT INTO opportunity (id, created_at, updated_at, name, opened_at, outcome, "
                              "closed_at) VALUES (:id, :t, :t, :name, :t, :o, :c)"),
                         {"id": opp, "t": stamp, "name": f"Deal {i}", "o": "won" if i % 7 == 0 else "open",
                          "c": "2026-03-01 10:30:00.250000" if i % 7 == 0 else None})
            for j, (stage, at) in enumerate(((lead, f"2026-01-{5 + i % 20:02d} 09:00:00.000000"),
                                             (meet, f"2026-02-{1 + i % 27:02d} 17:45:12.123456"),
                                             (gone, "2026-02-28 08:00:00.000001"))):
                conn.execute(text("INSERT INTO stage_event (id, created_at, updated_at, deleted_at, opportunity_id, "
                                  "stage_id, entered_at, origin, evidence_confirmed, evidence_items) VALUES (:id, :t, "
                                  ":t, :d, :o, :s, :at, 'import', :f, '[]')"),
                             {"id": f"10000000-0000-4000-8000-{3 * i + j:012d}", "t": stamp, "o": opp,
                              "s": stage.id, "at": at, "d": stamp if (i == 3 and j == 1) else None, "f": False})
        conn.execute(text("INSERT INTO opportunity (id, created_at, updated_at, name, opened_at, outcome) "
                          "VALUES (:id, :t, :t, 'Odd', :t, 'open')"), {"id": ODD_ID, "t": stamp})
        conn.execute(text("UPDATE opportunity SET deleted_at = :t WHERE id = :id"), {"t": stamp, "id": ODD_ID})
        conn.execute(text("INSERT INTO stage_event (id, created_at, updated_at, opportunity_id, stage_id, entered_at, "
                          "origin, evidence_confirmed, evidence_items) VALUES ('odd-event', :t, :t, :o, :s, :t, "
                          "'import', :f, '[]')"),
                     {"t": stamp, "o": ODD_ID, "s": lead.id, "f": False})
        conn.execute(text("UPDATE stage SET deleted_at = :t WHERE id = :id"), {"t": stamp, "id": gone.id})


@pytest.fixture
def pair(pg_ws, tmp_path) -> Iterator:
    file_ws = open_workspace(tmp_path / "same.sqlite")
    for ws in (pg_ws, file_ws):
        _fill(ws, 400)
    yield pg_ws, file_ws
    file_ws.close()


def test_server_frames_equal_the_file_frames_over_many_ranges(pair, monkeypatch: pytest.MonkeyPatch) -> None:
    pg_ws, file_ws = pair
    monkeypatch.setattr(frames_pg, "PAGES_PER_RANGE", 3)  # the 1,201 events span ~20 pages: several ranges
    row_by_row: list[tuple] = []
    generic = frames._generic_events
    monkeypatch.setattr(frames, "_generic_events", lambda cur, sql, params, *a: (
        row_by_row.append(params), generic(cur, sql, params, *a))[1])

    on_server = load_analysis_data(pg_ws)
    server_ranges = list(row_by_row)
    in_file = load_analysis_data(file_ws)
    theirs = _canonical(on_server)
    for name, frame in _canonical(in_file).items():
        if name == "stages":  # made by the services: the same stages under other ids
            frame, theirs[name] = frame.drop(columns="id"), theirs[name].drop(columns="id")
        pd.testing.assert_frame_equal(theirs[name], frame, obj=name)
    # the deleted stage's, the deleted event and the deleted opportunity's are not evidence
    assert len(on_server.events) == 400 * 2 - 1
    assert len(server_ranges) == 1  # only the (last) range, with the odd id, was read row by row
    opps = on_server.opportunities.set_index("id")
    assert opps.loc["00000000-0000-4000-8000-000000000000", "closed_at"] == datetime(2026, 3, 1, 10, 30, 0, 250000,
                                                                                      tzinfo=UTC)
    assert pd.isna(opps.loc["00000000-0000-4000-8000-000000000001", "closed_at"]) and ODD_ID not in opps.index


def test_a_load_from_the_server_reads_one_snapshot(pg_ws) -> None:
    """The ranges are read in one REPEATABLE READ transaction: a row moved to another page meanwhile (an
    update writes a new row version) cannot be read twice or missed."""
    raw = pg_ws.engine.raw_connection()
    try:
        cur = raw.cursor()
        frames_pg.begin_snapshot(cur)
        cur.execute("SHOW transaction_isolation")
        assert cur.fetchone()[0] == "repeatable read"
        cur.close()
    finally:
        raw.close()

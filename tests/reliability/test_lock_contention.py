"""Point 1 of issue 14: a busy workspace is waited for, and then refused in plain words.

Another pdsa-desk saving to the same file is simulated by a raw sqlite3 connection holding the write lock
(:class:`conftest.LockHolder`). An edit, an import and a merge wait for it for the busy timeout (as SQLite's
busy handler promises) instead of failing at once; past the timeout they raise :class:`WorkspaceBusy` with
one plain sentence, and nothing is written.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from reliability_support import LockHolder, write_lock_held

from pdsa_desk.app import main
from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import DiskFull, PdsaError, WorkspaceBusy

BUSY = "Another pdsa-desk is saving to this workspace — try again."


@pytest.fixture
def shared(tmp_path: Path):
    """A workspace with two stages and an opportunity, opened as one app would."""
    path = tmp_path / "shared.sqlite"
    ws = open_workspace(path)
    lead = sv.create_stage(ws, "Lead")
    sv.create_stage(ws, "Qualified")
    ws.opp_id = sv.create_opportunity(ws, "Acme", stage_id=lead.id).id  # type: ignore[attr-defined]
    yield ws
    ws.close()


def _plain(message: str) -> None:
    for leak in ("[SQL", "SELECT ", "UPDATE ", "INSERT ", "parameters", "sqlite3.", "Traceback"):
        assert leak not in message, message


def test_an_edit_waits_for_another_writer_instead_of_failing_at_once(shared) -> None:
    stage = sv.list_stages(shared)[0]
    qualified = sv.list_stages(shared)[1]
    with write_lock_held(shared.path, for_seconds=0.6):
        sv.update_stage(shared, stage.id, name="Lead in")  # read, then write: used to fail at once
        sv.move_opportunity(shared, shared.opp_id, qualified.id)
    assert sv.list_stages(shared)[0].name == "Lead in"


def test_past_the_busy_timeout_an_edit_is_refused_in_plain_words(shared, short_busy_timeout) -> None:
    stage = sv.list_stages(shared)[0]
    with write_lock_held(shared.path), pytest.raises(WorkspaceBusy) as caught:
        sv.update_stage(shared, stage.id, name="Never saved", expected_updated_at=stage.updated_at)
    assert str(caught.value) == BUSY
    _plain(str(caught.value))
    assert sv.list_stages(shared)[0].name == "Lead"


def test_the_busy_handler_can_retry_the_same_edit(shared, short_busy_timeout) -> None:
    stage = sv.list_stages(shared)[0]
    asked: list[str] = []
    with write_lock_held(shared.path) as holder:
        def retry(exc: WorkspaceBusy) -> bool:
            asked.append(str(exc))
            holder.release.set()
            assert holder.released.wait(10)
            return True

        shared.busy_handler = retry
        sv.update_stage(shared, stage.id, name="Saved after retry")
    assert asked == [BUSY]
    assert sv.list_stages(shared)[0].name == "Saved after retry"


def _count(ws, table: str) -> int:
    with ws.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


def _events_csv(demo_ws, tmp_path: Path) -> Path:
    from pdsa_desk.core.export import export_table

    out = tmp_path / "events.csv"
    export_table(demo_ws, "events", out)
    return out


def _import(ws, csv: Path):
    from pdsa_desk.core.importing import import_file, load_preset

    mapping = load_preset("pdsa-desk")
    mapping.create_stages = True
    return import_file(ws, csv, mapping)


def test_an_import_waits_for_another_writer(demo_ws, tmp_path: Path) -> None:
    csv = _events_csv(demo_ws, tmp_path)
    target = open_workspace(tmp_path / "target.sqlite")
    try:
        with write_lock_held(target.path, for_seconds=2.5):
            result = _import(target, csv)
        assert result.events_added > 0
    finally:
        target.close()


def test_an_import_past_the_busy_timeout_is_refused_in_plain_words(demo_ws, tmp_path: Path,
                                                                   short_busy_timeout) -> None:
    csv = _events_csv(demo_ws, tmp_path)
    target = open_workspace(tmp_path / "target.sqlite")
    try:
        with write_lock_held(target.path), pytest.raises(WorkspaceBusy) as caught:
            _import(target, csv)
        assert str(caught.value) == BUSY
        assert _count(target, "opportunity") == 0
    finally:
        target.close()


def _bundle(demo_ws, tmp_path: Path) -> Path:
    from pdsa_desk.core.exchange import export_bundle

    out = tmp_path / "work.pdsa"
    export_bundle(demo_ws, out)
    return out


def test_a_merge_waits_for_another_writer(demo_ws, tmp_path: Path) -> None:
    """Another writer takes the lock just as the merge begins its transaction, and keeps it for a second."""
    from sqlalchemy import event

    from pdsa_desk.core.exchange import merge_bundle

    bundle = _bundle(demo_ws, tmp_path)
    target = open_workspace(tmp_path / "target.sqlite")
    holders = []

    def take_the_lock_first(_conn, _cursor, statement: str, *_args) -> None:
        if statement.startswith("BEGIN") and not holders:
            holders.append(LockHolder(target.path).start())
            threading.Timer(1.0, holders[0].release.set).start()

    event.listen(target.engine, "before_cursor_execute", take_the_lock_first)
    try:
        report = merge_bundle(target, bundle, map_by_name=True)
        assert report.totals().added > 0
    finally:
        for holder in holders:
            holder.stop()
        target.close()


def test_the_bundle_command_says_busy_in_one_plain_line(demo_ws, tmp_path: Path, short_busy_timeout,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    bundle = _bundle(demo_ws, tmp_path)
    target = tmp_path / "target.sqlite"
    open_workspace(target).close()
    with write_lock_held(target):
        status = main(["bundle", "merge", str(bundle), "--db", str(target), "--map-by-name"])
    err = capsys.readouterr().err
    assert status == 1
    assert err.strip().splitlines() == [f"pdsa-desk: {BUSY}"]


def test_a_full_disk_is_said_in_plain_words_and_nothing_is_saved(tmp_path: Path) -> None:
    from sqlalchemy import event

    path = tmp_path / "full.sqlite"
    ws = open_workspace(path)
    try:
        ws.engine.dispose()
        pages = ws.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

        @event.listens_for(ws.engine, "connect")
        def no_room(dbapi_connection, _record) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        ws.engine.dispose()
        from pdsa_desk.core.models import Team

        with pytest.raises(DiskFull) as caught, ws.transaction() as session:
            for i in range(5000):
                session.add(Team(name=f"Team {i:05d} " + "x" * 150))
        assert "full" in str(caught.value) and "nothing was saved" in str(caught.value).lower()
        _plain(str(caught.value))
        assert isinstance(caught.value, PdsaError)
    finally:
        ws.close()
    ws = open_workspace(path)
    try:
        assert sv.list_teams(ws) == []
    finally:
        ws.close()


def test_the_plain_message_never_carries_the_statement(tmp_path: Path, demo_file: Path) -> None:
    """A damaged workspace read by a service: a PdsaError without SQL or row data."""
    from reliability_support import checkpoint, damage, page_of_table

    path = tmp_path / "damaged.sqlite"
    shutil.copyfile(demo_file, path)
    checkpoint(path)
    size, root = page_of_table(path, "stage")
    damage(path, (root - 1) * size, b"\xff" * 64)
    with pytest.raises(PdsaError) as caught:
        ws = open_workspace(path)
        try:
            sv.list_stages(ws)
        finally:
            ws.close()
    _plain(str(caught.value))
    assert "damaged" in str(caught.value)

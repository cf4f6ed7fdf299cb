"""The worker process (core/worker_process.py, core/worker_jobs.py): an import, its check, a scan and a merge run in a
spawned child on a real SQLite file, with the same result, progress, errors and cancel as on a thread."""

from __future__ import annotations

import csv
import os
import pickle
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from pdsa_desk.core import services as sv
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import ValidationError, WorkspaceBusy
from pdsa_desk.core.exchange import export_bundle, merge_bundle
from pdsa_desk.core.importing import Cancelled, ImportProblems, Mapping, guess_mapping, import_file, read_header, scan
from pdsa_desk.core.worker_jobs import WorkspaceAddress, import_job, merge_job, merge_preview_job, scan_job
from pdsa_desk.core.worker_process import (
    Done,
    Failed,
    Progress,
    Spare,
    WorkerCrashed,
    WorkerProcess,
    _pack,
    _unpack,
    run_in_process,
)
from tests import worker_support

DATA = Path(__file__).parent.parent / "data" / "import"
HEADER = ["Deal ID", "Deal Name", "Owner", "Stage", "Changed At", "Amount", "Status", "Created"]
MAPPING = Mapping(opportunity_id="Deal ID", opportunity_name="Deal Name", rep="Owner", stage="Stage",
                  timestamp="Changed At", amount="Amount", outcome="Status", opened_at="Created", source="TestCRM",
                  create_stages=True)
TABLES = ("opportunity", "stage_event", "stage", "rep", "team", "loss_reason")


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        out.writerows(rows)
    return path


def deals(n: int) -> list[list[object]]:
    return [[f"D{i}", f"Deal {i}", f"Rep {i % 7}", ("Lead", "Meeting", "Proposal")[i % 3],
             f"2026-01-{1 + i % 28:02d} 09:00", str(i), "Open", "2026-01-01"] for i in range(n)]


def counts(ws) -> dict[str, int]:
    with ws.engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def dump(path: Path) -> list[str]:
    """Every row of the file, as SQLite sees it (what "unchanged" means)."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def salesforce() -> tuple[Path, Mapping]:
    path = DATA / "salesforce_history.csv"
    mapping = guess_mapping(read_header(path)[0])
    mapping.create_stages = True
    return path, mapping


# ------------------------------------------------------------------------------------------- results
def test_the_import_in_a_worker_process_writes_what_the_import_on_a_thread_writes(tmp_path: Path) -> None:
    path, mapping = salesforce()
    here, there = open_workspace(tmp_path / "here.sqlite"), open_workspace(tmp_path / "there.sqlite")
    try:
        seen_here: list[tuple[float, str]] = []
        seen_there: list[tuple[float, str]] = []
        expected = import_file(here, path, mapping, progress=lambda f, m: seen_here.append((f, m)))
        address = WorkspaceAddress.of(there)
        assert address is not None
        result = run_in_process(import_job, address, path, mapping,
                                progress=lambda f, m: seen_there.append((f, m)))
        assert result == expected and result.events_added == 11
        assert counts(there) == counts(here)
        # the same progress, in the same order, with the messages' translation data intact
        assert seen_there == seen_here and seen_there
        assert [m.template for _f, m in seen_there] == [m.template for _f, m in seen_here]
        assert [f for f, _m in seen_there] == sorted(f for f, _m in seen_there)
    finally:
        here.close()
        there.close()


def test_the_check_and_the_scan_in_a_worker_process_write_nothing(ws, tmp_path: Path) -> None:
    path, mapping = salesforce()
    before = dump(ws.path)
    address = WorkspaceAddress.of(ws)
    assert address is not None
    checked = run_in_process(import_job, address, path, mapping, dry_run=True, skip_invalid=True)
    assert checked.dry_run and checked.events_added == 11
    assert run_in_process(scan_job, address, path, mapping) == scan(path, mapping, ws)
    assert dump(ws.path) == before


def test_a_merge_in_a_worker_process_reports_what_a_merge_on_a_thread_reports(tmp_path: Path) -> None:
    source = open_workspace(tmp_path / "laptop.sqlite")
    try:
        stage = sv.create_stage(source, "Lead")
        rep = sv.create_rep(source, "Ann")
        sv.create_opportunity(source, "Deal", rep_id=rep.id, stage_id=stage.id)
        export_bundle(source, tmp_path / "ann.pdsa")
    finally:
        source.close()
    here, there = open_workspace(tmp_path / "here.sqlite"), open_workspace(tmp_path / "there.sqlite")
    try:
        address = WorkspaceAddress.of(there)
        assert address is not None
        preview, choices = run_in_process(merge_preview_job, address, tmp_path / "ann.pdsa")
        assert preview.conflicts == [] and choices == {}
        expected = merge_bundle(here, tmp_path / "ann.pdsa")
        report = run_in_process(merge_job, address, tmp_path / "ann.pdsa", mapping={})
        assert report.lines() == expected.lines() and report.tables["opportunity"].added == 1
        assert counts(there) == counts(here)
    finally:
        here.close()
        there.close()


# ------------------------------------------------------------------------------------------- errors
def test_problems_reach_the_caller_with_their_rows_and_columns(ws, tmp_path: Path) -> None:
    rows = deals(5)
    rows[2][4] = "not a date"
    rows[4][5] = "-3"
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(ImportProblems) as on_thread:
        import_file(ws, path, MAPPING)
    address = WorkspaceAddress.of(ws)
    assert address is not None
    with pytest.raises(ImportProblems) as in_child:
        run_in_process(import_job, address, path, MAPPING)
    got, expected = in_child.value, on_thread.value
    assert [(p.row, p.column, p.message) for p in got.problems] == [
        (p.row, p.column, p.message) for p in expected.problems]
    assert [(p.row, p.column) for p in got.problems] == [(4, "Changed At"), (6, "Amount")]
    assert got.lines() == expected.lines() and str(got) == str(expected) and got.more == expected.more
    assert got.problems[0].message.template == expected.problems[0].message.template  # still translatable
    assert counts(ws)["stage_event"] == 0


def test_a_refused_mapping_names_its_field(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", deals(3))
    address = WorkspaceAddress.of(ws)
    assert address is not None
    with pytest.raises(ValidationError) as refused:
        run_in_process(import_job, address, path, Mapping(opportunity_id="Deal ID", stage="Stage"))
    assert refused.value.field == "timestamp"


def test_exceptions_cross_the_pipe_as_themselves() -> None:
    problems = ImportProblems([], 3, ["a notice"], ambiguous_dates=True)
    back = _unpack(_pack(problems))
    assert type(back) is ImportProblems and back.more == 3 and back.notices == ["a notice"] and back.ambiguous_dates
    busy = WorkspaceBusy()
    busy.acknowledged = True
    back_busy = _unpack(_pack(busy))
    assert isinstance(back_busy, WorkspaceBusy) and back_busy.acknowledged and str(back_busy) == str(busy)
    missing = _unpack(_pack(FileNotFoundError(2, "No such file", "x.csv")))
    assert isinstance(missing, FileNotFoundError) and missing.errno == 2 and missing.filename == "x.csv"

    class Local(Exception):  # cannot be pickled: said as a RuntimeError, with its text
        pass

    assert str(_unpack(_pack(Local("what went wrong")))) == "Local: what went wrong"


def test_a_bug_in_the_child_keeps_its_traceback() -> None:
    with pytest.raises(KeyError) as bug:
        run_in_process(worker_support.fail_with, KeyError("stage"))
    assert any("In the worker process" in note and "fail_with" in note for note in bug.value.__notes__)


def test_a_result_that_cannot_be_sent_is_an_error_not_a_hang() -> None:
    with pytest.raises(Exception, match="pickle"):
        run_in_process(worker_support.unpicklable_result)


# ------------------------------------------------------------------------------------------- cancel, crash
def test_cancel_while_writing_rolls_the_import_back(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", deals(3000))
    before = dump(ws.path)
    address = WorkspaceAddress.of(ws)
    assert address is not None
    seen: list[str] = []

    def progress(_fraction: float, message: str) -> None:
        seen.append(message)

    with pytest.raises(Cancelled):
        run_in_process(worker_support.import_in_chunks, address, path, MAPPING, chunk_rows=500,
                       hold_when_writing="cancel", progress=progress,
                       cancel=lambda: any(m.startswith("Writing") for m in seen))
    assert any(m.startswith("Writing") for m in seen)
    assert dump(ws.path) == before
    assert run_in_process(import_job, address, path, MAPPING).events_added == 3000  # the file is still usable


def test_cancel_before_the_call_starts_is_seen_by_it() -> None:
    worker = WorkerProcess()
    worker.cancel()
    worker.submit(worker_support.wait_for_cancel)
    events = []
    while not events or not isinstance(events[-1], Done | Failed):
        event = worker.wait_event(30)
        assert event is not None
        events.append(event)
    assert events == [Progress(0.0, "started"), Done("cancelled")]


def test_a_killed_child_is_reported_and_leaves_the_workspace_as_it_was(ws, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "deals.csv", deals(3000))
    before = dump(ws.path)
    address = WorkspaceAddress.of(ws)
    assert address is not None
    worker = WorkerProcess()
    worker.submit(worker_support.import_in_chunks, address, path, MAPPING, chunk_rows=500, hold_when_writing="hang",
                  crashed="The import stopped unexpectedly; nothing was written.")
    while True:  # until the transaction has written rows
        event = worker.wait_event(30)
        assert isinstance(event, Progress)
        if event.message.startswith("Writing"):
            break
    worker.kill()
    while not isinstance(event, Failed):
        event = worker.wait_event(30)
        assert event is not None and not isinstance(event, Done)
    assert isinstance(event.error, WorkerCrashed)
    assert str(event.error) == "The import stopped unexpectedly; nothing was written."
    assert event.error.exit_code == -9
    assert dump(ws.path) == before
    assert counts(ws)["stage_event"] == 0
    with sqlite3.connect(ws.path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_spare_worker_is_started_before_its_call_and_used_once() -> None:
    spare = Spare()
    spare.warm()
    first = spare.take()
    assert first.pid is not None
    assert run_in_process(worker_support.echo, 7, worker=first, steps=3) == 7
    with pytest.raises(RuntimeError, match="one call"):
        first.submit(worker_support.echo, 8)
    second = spare.take()  # none waiting: a new one
    assert second is not first
    second.close()
    assert second.join(30)
    spare.warm()
    spare.close()


def test_a_closed_idle_worker_ends() -> None:
    worker = WorkerProcess()
    worker.close()
    assert worker.join(30)
    assert worker.events() == []


# ------------------------------------------------------------------------------------------- addresses
def test_the_address_of_a_workspace_opens_the_same_file(ws) -> None:
    address = WorkspaceAddress.of(ws)
    assert address is not None and not address.read_only
    with address.opened() as again:
        assert again.path == ws.path
    memory = open_workspace("sqlite://")
    try:
        assert WorkspaceAddress.of(memory) is None  # only this process can see it
    finally:
        memory.close()


def test_a_server_address_carries_the_password_but_never_shows_it() -> None:
    address = WorkspaceAddress("postgresql+psycopg://ann:secret@db.example:5432/sales", False,
                               "postgresql+psycopg://ann:***@db.example:5432/sales")
    assert "secret" not in repr(address) and "secret" not in str(address)
    assert pickle.loads(pickle.dumps(address)) == address  # noqa: S301 - our own bytes


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="POSIX scheduling priorities (Windows keeps the caller's)")
def test_a_worker_runs_at_a_lower_priority_than_the_window() -> None:
    """A child starting up or working beside the GUI must not take the cores from it (stall_import): its
    niceness is the caller's plus CHILD_NICENESS from the moment it is started, before its imports."""
    from pdsa_desk.core.worker_process import CHILD_NICENESS, WorkerProcess

    mine = os.getpriority(os.PRIO_PROCESS, 0)
    worker = WorkerProcess()
    try:
        assert worker.pid is not None
        assert os.getpriority(os.PRIO_PROCESS, worker.pid) == mine + CHILD_NICENESS  # set by the parent, at once
        assert run_in_process(worker_support.niceness, worker=worker) == mine + CHILD_NICENESS
    finally:
        worker.close()
    assert os.getpriority(os.PRIO_PROCESS, 0) == mine  # the caller's own is unchanged

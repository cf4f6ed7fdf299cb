"""The import in a worker process on a PostgreSQL workspace: the child opens the server by the workspace's address
(core/worker_jobs.py), and a cancel or a killed child leaves the database as it was (its transaction never
committed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from pdsa_desk.core.importing import Cancelled, ImportProblems, Mapping, import_file
from pdsa_desk.core.worker_jobs import WorkspaceAddress, import_job
from pdsa_desk.core.worker_process import Failed, Progress, WorkerCrashed, WorkerProcess, run_in_process
from tests import worker_support

pytestmark = pytest.mark.postgres

HEADER = ["Deal ID", "Deal Name", "Owner", "Stage", "Changed At", "Amount", "Status", "Created"]
MAPPING = Mapping(opportunity_id="Deal ID", opportunity_name="Deal Name", rep="Owner", stage="Stage",
                  timestamp="Changed At", amount="Amount", outcome="Status", opened_at="Created", source="TestCRM",
                  create_stages=True)


def write_csv(path: Path, n: int, bad_row: int | None = None) -> Path:
    lines = [",".join(HEADER)]
    for i in range(n):
        when = "not a date" if i == bad_row else f"2026-01-{1 + i % 28:02d} 09:00"
        lines.append(f"D{i},Deal {i},Rep {i % 7},{('Lead', 'Meeting')[i % 2]},{when},{i},Open,2026-01-01")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def counts(ws) -> tuple[int, int]:
    with ws.engine.connect() as conn:
        return (conn.execute(text("SELECT count(*) FROM opportunity")).scalar_one(),
                conn.execute(text("SELECT count(*) FROM stage_event")).scalar_one())


def test_an_import_in_a_worker_process_writes_to_the_server(pg_ws, tmp_path: Path) -> None:
    address = WorkspaceAddress.of(pg_ws)
    assert address is not None and not address.url.startswith("sqlite")
    path = write_csv(tmp_path / "deals.csv", 50)
    result = run_in_process(import_job, address, path, MAPPING)
    assert result.events_added == 50 and counts(pg_ws) == (50, 50)
    bad = write_csv(tmp_path / "bad.csv", 10, bad_row=3)
    with pytest.raises(ImportProblems) as on_thread:
        import_file(pg_ws, bad, MAPPING)
    with pytest.raises(ImportProblems) as in_child:
        run_in_process(import_job, address, bad, MAPPING)
    assert [(p.row, p.column) for p in in_child.value.problems] == [
        (p.row, p.column) for p in on_thread.value.problems] == [(5, "Changed At")]


def test_cancel_and_a_killed_child_leave_the_server_as_it_was(pg_ws, tmp_path: Path) -> None:
    address = WorkspaceAddress.of(pg_ws)
    assert address is not None
    path = write_csv(tmp_path / "deals.csv", 2000)
    seen: list[str] = []
    with pytest.raises(Cancelled):
        run_in_process(worker_support.import_in_chunks, address, path, MAPPING, chunk_rows=400,
                       hold_when_writing="cancel", progress=lambda _f, m: seen.append(m),
                       cancel=lambda: any(m.startswith("Writing") for m in seen))
    assert counts(pg_ws) == (0, 0)
    worker = WorkerProcess()
    worker.submit(worker_support.import_in_chunks, address, path, MAPPING, chunk_rows=400, hold_when_writing="hang")
    while True:
        event = worker.wait_event(60)
        assert isinstance(event, Progress)
        if event.message.startswith("Writing"):
            break
    worker.kill()
    while not isinstance(event, Failed):
        event = worker.wait_event(60)
        assert event is not None
    assert isinstance(event.error, WorkerCrashed)
    assert counts(pg_ws) == (0, 0)  # the server rolled the dropped connection's transaction back
    assert run_in_process(import_job, address, path, MAPPING).events_added == 2000  # nothing left locked

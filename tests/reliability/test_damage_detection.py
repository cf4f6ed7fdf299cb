"""Point 2 of issue 14: damage is found and said, and only "create" makes a new workspace.

``check`` reports a damaged file, a missing table, column or index in plain words with exit status 1 and
never crashes; ``export`` stops at the first row it cannot read (or that a damaged reference would make it
leave out) instead of skipping it; ``check``, ``export``, ``report`` and ``bundle export`` refuse a
missing, zero-length or empty SQLite file as "not a pdsa-desk workspace" and leave it as it is.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from reliability_support import checkpoint, damage, page_of_table, run_sql

from pdsa_desk.app import main


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, path)
    return path


def _export_refused(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Export the events; assert that it was refused and wrote nothing; what it said."""
    out = tmp_path / "events.csv"
    capsys.readouterr()
    status = main(["export", "--db", str(path), "--what", "events", "--out", str(out)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if ".part" in p.name] == []
    return err


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(["check", "--db", str(path)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _no_leak(text: str) -> None:
    for leak in ("Traceback", "[SQL", "SELECT ", "parameters"):
        assert leak not in text, text


@pytest.mark.parametrize(("statements", "where", "what"), [
    (["DROP TABLE cycle_observation"], "cycle_observation", "the table is missing"),
    (["DROP INDEX ix_stage_event_stage_id"], "stage_event", "ix_stage_event_stage_id"),
    (["ALTER TABLE opportunity DROP COLUMN channel"], "opportunity", "channel"),
], ids=["dropped-table", "dropped-index", "dropped-column"])
def test_check_finds_what_the_schema_lacks(demo_copy: Path, capsys: pytest.CaptureFixture[str],
                                           statements: list[str], where: str, what: str) -> None:
    run_sql(demo_copy, *statements)
    status, text = _check(demo_copy, capsys)
    assert status == 1, text
    assert any(line.startswith(f"{where}:") and what in line for line in text.splitlines()), text
    assert "healthy" not in text
    _no_leak(text)


def test_check_reports_a_damaged_file_and_never_crashes(demo_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    checkpoint(demo_copy)
    size, root = page_of_table(demo_copy, "stage_event")
    damage(demo_copy, (root - 1) * size + 8, b"\x07" * 200)  # the b-tree page header and cell pointers
    status, text = _check(demo_copy, capsys)
    assert status == 1, text
    assert "damaged" in text and "backup" in text, text
    _no_leak(text)


def test_check_reports_an_unreadable_header_in_plain_words(demo_copy: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    checkpoint(demo_copy)
    damage(demo_copy, 16, b"\xff" * 40)  # page size, versions, counters: SQLite cannot open it
    status, text = _check(demo_copy, capsys)
    assert status == 1, text
    assert "damaged" in text, text
    _no_leak(text)


def _empty_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("DROP TABLE t")
    con.commit()
    con.close()


@pytest.mark.parametrize("kind", ["zero-length", "empty-sqlite"])
@pytest.mark.parametrize("command", [
    ["check"],
    ["export", "--what", "events", "--out", "{tmp}/out.csv"],
    ["report", "--out", "{tmp}/out.pdf"],
    ["bundle", "export", "--out", "{tmp}/out.pdsa"],
], ids=["check", "export", "report", "bundle-export"])
def test_commands_refuse_what_is_not_a_workspace_and_leave_it_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: list[str]) -> None:
    path = tmp_path / "nothing.sqlite"
    if kind == "zero-length":
        path.write_bytes(b"")
    else:
        _empty_sqlite(path)
    before = path.read_bytes()
    argv = [part.replace("{tmp}", str(tmp_path)) for part in command]
    at = 2 if argv[0] == "bundle" else 1
    argv = [*argv[:at], "--db", str(path), *argv[at:]]
    capsys.readouterr()
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 1
    assert "not a pdsa-desk workspace" in err, err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nothing.sqlite"]


def test_export_stops_at_the_first_unreadable_row(demo_copy: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    run_sql(demo_copy, "UPDATE opportunity SET name = CAST(X'41FF42' AS TEXT) "
                       "WHERE id = (SELECT opportunity_id FROM stage_event ORDER BY entered_at LIMIT 1 OFFSET 500)")
    err = _export_refused(demo_copy, tmp_path, capsys)
    assert "row" in err and "cannot be read" in err, err
    assert "\\xff" not in err and "A\ufffdB" not in err  # no row data


def test_export_never_leaves_out_a_row_silently(demo_copy: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A stage event whose opportunity id was damaged would drop out of the events file: refused instead."""
    run_sql(demo_copy, "UPDATE stage_event SET opportunity_id = '00000000-0000-4000-8000-000000000000' "
                       "WHERE rowid = (SELECT min(rowid) FROM stage_event)")
    assert "check" in _export_refused(demo_copy, tmp_path, capsys)


def test_reading_a_damaged_workspace_is_a_plain_error(demo_copy: Path) -> None:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.errors import WorkspaceDamaged
    from pdsa_desk.core.frames import load_analysis_data

    checkpoint(demo_copy)
    size, root = page_of_table(demo_copy, "stage_event")
    damage(demo_copy, (root - 1) * size + 8, b"\x07" * 200)
    ws = open_workspace(demo_copy, create=False)
    try:
        with pytest.raises(WorkspaceDamaged, match="damaged"):
            load_analysis_data(ws)
    finally:
        ws.close()


def test_loading_a_damaged_workspace_file_at_start_up_is_a_plain_error(demo_copy: Path) -> None:
    """Start-up reads the file with ``sqlite3`` alone, on two connections: both say it in plain words too."""
    from pdsa_desk.core.errors import WorkspaceDamaged
    from pdsa_desk.core.frames import load_analysis_file

    checkpoint(demo_copy)
    size, root = page_of_table(demo_copy, "stage_event")
    damage(demo_copy, (root - 1) * size + 8, b"\x07" * 200)
    with pytest.raises(WorkspaceDamaged, match="damaged"):
        load_analysis_file(demo_copy)


def test_export_stops_at_a_value_that_does_not_parse(demo_copy: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """Found by the damaged-files drill: a damaged JSON cell (checklist items) crashed the export."""
    run_sql(demo_copy, "UPDATE stage_event SET evidence_items = '[\"Named\ncontact' "
                       "WHERE rowid = (SELECT rowid FROM stage_event ORDER BY rowid LIMIT 1 OFFSET 100)")
    err = _export_refused(demo_copy, tmp_path, capsys)
    assert "stopped at row" in err and "check" in err, err

"""`pdsa-desk import`: exit codes, messages, and a workspace left untouched by bad input."""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from pdsa_desk import app
from pdsa_desk.app import main

DATA = Path(__file__).parent.parent / "data" / "import"
HEADER = ["Deal ID", "Deal Name", "Owner", "Stage", "Changed At", "Amount"]
ROWS = [["D1", "Alpha", "Ann", "Lead", "2026-01-05 09:00", "100"],
        ["D1", "Alpha", "Ann", "Meeting", "2026-01-08 09:00", "100"],
        ["D2", "Beta", "Bob", "Lead", "2026-01-06 10:00", ""]]


@pytest.fixture(autouse=True)
def import_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lead registers ``import_`` in COMMANDS; until then the tests add it themselves."""
    if "import_" not in app.COMMANDS:
        monkeypatch.setattr(app, "COMMANDS", (*app.COMMANDS, "import_"))


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(header)
        out.writerows(rows)
    return path


def fingerprint(db: Path) -> str:
    """A hash of every table's row count and content (the workspace is untouched iff it is unchanged)."""
    con = sqlite3.connect(db)
    try:
        digest = hashlib.sha256()
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"):
            rows = sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"'))
            digest.update(f"{table}:{len(rows)}:{''.join(rows)}".encode())
        return digest.hexdigest()
    finally:
        con.close()


def count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_guessed_mapping_imports_and_prints_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    file = write_csv(tmp_path / "deals.csv", ROWS)
    assert main(["import", str(file), "--db", str(db), "--create-stages"]) == 0
    out = capsys.readouterr().out
    assert "Guessed the columns of deals.csv" in out
    assert "Opportunities added: 2, updated: 0" in out and "Stage events added: 3; duplicates skipped: 0" in out
    assert "Rows read: 3; rejected: 0" in out
    assert (count(db, "opportunity"), count(db, "stage_event")) == (2, 3)
    assert main(["import", str(file), "--db", str(db), "--create-stages"]) == 0
    assert "Stage events added: 0; duplicates skipped: 3" in capsys.readouterr().out


def test_an_incomplete_guess_prints_the_mapping_and_exits_2(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    file = write_csv(tmp_path / "odd.csv", [["1", "x"]], header=["Ref", "Phase"])
    db = tmp_path / "w.sqlite"
    assert main(["import", str(file), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"shape": "long"}
    assert "could not tell which column holds: opportunity id, stage, stage change time" in captured.err
    assert not db.exists()


def test_invalid_rows_exit_2_and_leave_the_workspace_untouched(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    assert main(["import", str(write_csv(tmp_path / "ok.csv", ROWS)), "--db", str(db), "--create-stages"]) == 0
    before = fingerprint(db)
    bad = write_csv(tmp_path / "bad.csv",
                    [*ROWS, ["D3", "Gamma", "Cy", "Lead", "soon", "x"], ["", "", "", "Lead", "", ""]])
    capsys.readouterr()
    assert main(["import", str(bad), "--db", str(db), "--create-stages"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"pdsa-desk: {bad}: 4 problem(s); nothing was imported.",
        "row 5, column Changed At: 'soon' is not a date",
        "row 5, column Amount: amount 'x' is not a number",
        "row 6, column Deal ID: the opportunity id is missing",
        "row 6, column Changed At: the stage change time is missing",
    ]
    assert fingerprint(db) == before


def test_a_failed_import_into_a_new_file_leaves_no_workspace(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    bad = write_csv(tmp_path / "bad.csv", [["D3", "Gamma", "Cy", "Lead", "soon", ""]])
    assert main(["import", str(bad), "--db", str(db)]) == 2
    assert not db.exists() and not Path(f"{db}-wal").exists()


def test_unmapped_stages_name_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    file = write_csv(tmp_path / "deals.csv", ROWS)
    assert main(["import", str(file), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "row 2, column Stage: stage 'Lead' (2 row(s)) is not a stage of this workspace" in err
    assert "--stage-map" in err
    stage_map = tmp_path / "stages.json"
    stage_map.write_text(json.dumps({"Lead": {"create": True}, "Meeting": None}), encoding="utf-8")
    assert main(["import", str(file), "--db", str(db), "--stage-map", str(stage_map)]) == 0
    out = capsys.readouterr().out
    assert "Stage events added: 2" in out and "with ignored stages: 1" in out


def test_dry_run_and_skip_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    assert main(["import", str(write_csv(tmp_path / "ok.csv", ROWS[:1])), "--db", str(db), "--create-stages"]) == 0
    before = fingerprint(db)
    file = write_csv(tmp_path / "deals.csv", [*ROWS, ["D3", "Gamma", "Cy", "Lead", "soon", ""]])
    capsys.readouterr()
    assert main(["import", str(file), "--db", str(db), "--create-stages", "--dry-run", "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "Stage events would be added: 2" in out and "Dry run: nothing was written." in out
    assert fingerprint(db) == before and not (tmp_path / "deals.rejected.csv").exists()
    assert main(["import", str(file), "--db", str(db), "--create-stages", "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "rejected: 1" in out and f"Rejected rows written to {tmp_path / 'deals.rejected.csv'}" in out
    assert "rejected: row 5, column Changed At: 'soon' is not a date" in out
    assert count(db, "stage_event") == 3


def test_date_order_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    file = write_csv(tmp_path / "d.csv", [["D1", "A", "Ann", "Lead", "03/04/2026", ""]])
    assert main(["import", str(file), "--db", str(db), "--create-stages"]) == 2
    assert "--dayfirst" in capsys.readouterr().err
    assert main(["import", str(file), "--db", str(db), "--create-stages", "--monthfirst"]) == 0
    con = sqlite3.connect(db)
    assert con.execute("SELECT entered_at FROM stage_event").fetchone()[0].startswith("2026-03-04")
    con.close()
    with pytest.raises(SystemExit) as info:
        main(["import", str(file), "--db", str(db), "--dayfirst", "--monthfirst"])
    assert info.value.code == 2


def test_mapping_file_preset_and_bad_mapping(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"shape": "long", "opportunity_id": "Deal ID", "stage": "Stage",
                                   "timestamp": "Changed At", "source": "Mine", "create_stages": True}))
    file = write_csv(tmp_path / "deals.csv", ROWS)
    assert main(["import", str(file), "--db", str(db), "--mapping", str(mapping)]) == 0
    con = sqlite3.connect(db)
    assert {r[0] for r in con.execute("SELECT source FROM opportunity")} == {"Mine"}
    con.close()
    mapping.write_text('{"shape": "long", "colour": "blue"}')
    assert main(["import", str(file), "--db", str(db), "--mapping", str(mapping)]) == 2
    assert "Unknown mapping key 'colour'" in capsys.readouterr().err
    assert main(["import", str(file), "--db", str(db), "--preset", "nope"]) == 2
    assert "no import preset 'nope'" in capsys.readouterr().err
    assert main(["import", str(DATA / "salesforce_history.csv"), "--db", str(db), "--preset", "pdsa-desk"]) == 2
    assert "is not in the file's header" in capsys.readouterr().err


def test_unreadable_file_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook at all")
    assert main(["import", str(tmp_path / "x.xlsx"), "--db", str(db)]) == 2
    assert "is not an Excel .xlsx workbook" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "nope.csv"), "--db", str(db)]) == 2
    assert "There is no file" in capsys.readouterr().err
    assert not db.exists()


# ------------------------------------------------------------------------------------------- issue 12, rule 9
def test_a_dry_run_or_a_header_only_file_leaves_no_new_workspace(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite"
    file = write_csv(tmp_path / "deals.csv", ROWS)
    assert main(["import", str(file), "--db", str(db), "--create-stages", "--dry-run"]) == 0
    assert not db.exists() and not Path(f"{db}-wal").exists()
    assert main(["import", str(write_csv(tmp_path / "empty.csv", [])), "--db", str(db), "--create-stages"]) == 0
    assert not db.exists() and not Path(f"{db}-wal").exists()
    assert main(["import", str(file), "--db", str(db), "--create-stages"]) == 0
    assert count(db, "stage_event") == 3  # a real import still creates it


class _ClosedPipe:
    """stdout whose reader goes away after the first line (``pdsa-desk import … | head -1``)."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        if self.lines > 1:
            raise BrokenPipeError(32, "Broken pipe")
        return len(text)

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_ends_quietly_after_the_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    file = write_csv(tmp_path / "deals.csv", ROWS)
    monkeypatch.setattr("sys.stdout", _ClosedPipe())
    assert main(["import", str(file), "--db", str(db), "--create-stages"]) == app.BROKEN_PIPE
    assert count(db, "stage_event") == 3  # the import is done
    assert "Traceback" not in capsys.readouterr().err


def test_timezone_and_decimal_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    file = write_csv(tmp_path / "eu.csv", [["D1", "Alpha", "Ann", "Lead", "2026-07-01 09:00", "1.250"]])
    assert main(["import", str(file), "--db", str(db), "--create-stages", "--timezone", "Europe/Berlin",
                 "--decimal", ","]) == 0
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT amount FROM opportunity").fetchone()[0] == 1250.0
        assert con.execute("SELECT entered_at FROM stage_event").fetchone()[0].startswith("2026-07-01 07:00")
    finally:
        con.close()
    assert main(["import", str(file), "--db", str(db), "--timezone", "Mars/Base"]) == 2
    assert "not a time zone" in capsys.readouterr().err

"""`pdsa-desk check`, `pdsa-desk demo` and the command line's contract."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pdsa_desk import __version__
from pdsa_desk.app import main
from pdsa_desk.core.check import check_workspace, workspace_info


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"pdsa-desk {__version__}"


@pytest.mark.parametrize("argv", [["bogus"], ["demo"], ["check"], ["--nope"], ["demo", "--db", "x", "--seed", "abc"]])
def test_usage_errors_exit_2_with_one_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("pdsa-desk")


def test_demo_then_check_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    assert main(["demo", "--db", str(db), "--weeks", "30", "--as-of", "2026-11-24"]) == 0
    assert "PDSA cycles" in capsys.readouterr().out
    assert main(["check", "--db", str(db)]) == 0
    assert "healthy" in capsys.readouterr().out


def test_check_reports_findings_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    assert main(["demo", "--db", str(db), "--weeks", "30", "--as-of", "2026-11-24"]) == 0
    con = sqlite3.connect(db)
    con.execute("UPDATE opportunity SET loss_reason_id = NULL WHERE outcome = 'lost'")
    con.execute("UPDATE opportunity SET deleted_at = '2026-01-01 00:00:00.000000' "
                "WHERE id = (SELECT opportunity_id FROM stage_event LIMIT 1)")
    con.commit()
    con.close()
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 1
    out = capsys.readouterr().out
    assert "lost without a loss reason" in out
    assert "opportunity that does not exist or is deleted" in out


def test_check_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--db", str(tmp_path / "nope.sqlite")]) == 1
    assert "There is no workspace" in capsys.readouterr().err
    assert not (tmp_path / "nope.sqlite").exists()


def test_demo_refuses_existing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "w.sqlite"
    db.write_bytes(b"precious")
    assert main(["demo", "--db", str(db)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert db.read_bytes() == b"precious"


def test_stage_positions_are_checked(ws) -> None:
    from pdsa_desk.core import services

    services.create_stage(ws, "A")
    services.create_stage(ws, "B")
    with ws.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE stage SET position = 5 WHERE name = 'B'")
    findings = [str(f) for f in check_workspace(ws)]
    assert any("positions" in f for f in findings)


def test_workspace_info(demo_ws) -> None:
    info = workspace_info(demo_ws)
    assert info.name.startswith("Demo")
    assert info.counts["Stages"] == 6 and info.counts["Reps"] == 8
    assert info.counts["Stage events"] > info.counts["Open opportunities"] > 0
    assert info.size_bytes and info.size_bytes > 100_000


def test_installed_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "pdsa_desk", "--version"], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0 and __version__ in result.stdout

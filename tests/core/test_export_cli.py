"""`pdsa-desk export`: formats, options and exit codes (0 written, 1 no workspace, 2 usage or input)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from pdsa_desk import app
from pdsa_desk.commands import export as export_command


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The lead registers the command in COMMANDS; until then (and after) the tests see it exactly once."""
    monkeypatch.setattr(app, "COMMANDS", tuple(dict.fromkeys((*app.COMMANDS, "export"))))


@pytest.fixture
def db(demo_ws) -> str:
    return str(demo_ws.path)


def test_events_csv(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    assert app.main(["export", "--db", db, "--what", "events", "--out", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["opportunity_id", "source", "opportunity"]
    assert f"Wrote {len(rows) - 1} events row(s)" in capsys.readouterr().out


def test_comparison_xlsx_for_one_stage(db: str, tmp_path: Path) -> None:
    out = tmp_path / "comparison.xlsx"
    argv = ["export", "--db", db, "--what", "comparison", "--out", str(out), "--from-stage", "3",
            "--as-of", "2026-11-24"]
    assert app.main(argv) == 0
    wb = load_workbook(out, read_only=True)
    rows = list(wb["comparison"].iter_rows(values_only=True))
    wb.close()
    header = rows[0]
    assert {r[header.index("transition")] for r in rows[1:]} == {"Budget shared → Proposal requested"}
    assert len(rows) - 1 == 8  # the demo's eight reps, each with customers of known outcome


def test_conversion_by_month(db: str, tmp_path: Path) -> None:
    out = tmp_path / "conversion.csv"
    argv = ["export", "--db", db, "--what", "conversion", "--out", str(out), "--period", "month", "--from-stage",
            "Lead captured", "--as-of", "2026-11-24"]
    assert app.main(argv) == 0
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["period"] for r in rows} == {"month"} and {r["from_stage"] for r in rows} == {"Lead captured"}


@pytest.mark.parametrize("name", ["events.txt", "events.xls", "events"])
def test_unknown_extension_exits_2_with_one_line(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 name: str) -> None:
    out = tmp_path / name
    assert app.main(["export", "--db", db, "--what", "events", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("pdsa-desk: ") and ".csv or .xlsx" in err
    assert not out.exists()


def test_missing_workspace_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.csv"
    assert app.main(["export", "--db", str(tmp_path / "nope.sqlite"), "--what", "events", "--out", str(out)]) == 1
    assert "There is no workspace" in capsys.readouterr().err
    assert not out.exists()


def test_unknown_stage_exits_2(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.csv"
    assert app.main(["export", "--db", db, "--what", "comparison", "--out", str(out), "--from-stage", "9"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "1 = Lead captured → Discovery held" in err


@pytest.mark.parametrize("argv", [
    ["export", "--db", "x.sqlite", "--what", "stages", "--out", "x.csv"],
    ["export", "--db", "x.sqlite", "--what", "events"],
    ["export", "--db", "x.sqlite", "--what", "conversion", "--out", "x.csv", "--period", "day"],
    ["export", "--db", "x.sqlite", "--what", "cycles", "--out", "x.csv", "--as-of", "24/11/2026"],
])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        app.main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("pdsa-desk")


def test_command_module_contract() -> None:
    from pdsa_desk.core.export import WHATS

    assert export_command.NAME == "export" and export_command.HELP
    assert export_command.WHATS == WHATS

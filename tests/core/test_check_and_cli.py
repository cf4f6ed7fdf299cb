"""`pdsa-desk check`, `pdsa-desk demo` and the command line's contract."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from pdsa_desk import __version__
from pdsa_desk.app import main
from pdsa_desk.core import rules
from pdsa_desk.core import services as sv
from pdsa_desk.core.check import check_workspace, workspace_info
from pdsa_desk.core.database import open_workspace


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
    assert info.counts["Stages"] == 7 and info.counts["Reps"] == 8
    assert info.counts["Stage events"] > info.counts["Open opportunities"] > 0
    assert info.size_bytes and info.size_bytes > 100_000


def test_installed_entry_point_runs() -> None:
    result = subprocess.run([sys.executable, "-m", "pdsa_desk", "--version"], capture_output=True, text=True,
                            check=False, timeout=60)
    assert result.returncode == 0 and __version__ in result.stdout


# --- every rule of core/rules.py, broken on purpose ----------------------------------------

T0 = datetime(2026, 10, 5, 9, tzinfo=UTC)
GONE = "2026-11-01 00:00:00.000000"


@pytest.fixture(scope="module")
def healthy_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small workspace written through the services: three stages (the last won), a team and two reps,
    tactics, a cycle with an observation, an open, a won and a lost opportunity."""
    path = tmp_path_factory.mktemp("rules") / "healthy.sqlite"
    ws = open_workspace(path)
    try:
        lead = sv.create_stage(ws, "Lead")
        qualified = sv.create_stage(ws, "Qualified")
        won = sv.create_stage(ws, "Won", terminal="won")
        sv.create_team(ws, "West")
        east = sv.create_team(ws, "East")
        ann = sv.create_rep(ws, "Ann", team_id=east.id)
        sv.create_rep(ws, "Bo")
        tactic = sv.create_tactic(ws, "Call within an hour", stage_id=lead.id)
        sv.create_tactic(ws, "Send a recap")
        cycle = sv.create_cycle(ws, "Fast calls", from_stage_id=qualified.id, tactic_id=tactic.id,
                                owner_rep_id=ann.id, prediction_rate=0.5)
        sv.add_observation(ws, cycle.id, "Customers answered")
        sv.add_chart_phase(ws, lead.id, T0, reason="Calls within the hour became standard work")
        sv.create_opportunity(ws, "Open deal", rep_id=ann.id, stage_id=lead.id, opened_at=T0)
        signed = sv.create_opportunity(ws, "Signed deal", rep_id=ann.id, stage_id=lead.id, opened_at=T0)
        sv.move_opportunity(ws, signed.id, won.id, entered_at=T0 + timedelta(days=3))
        lost = sv.create_opportunity(ws, "Lost deal", stage_id=lead.id, opened_at=T0)
        sv.mark_lost(ws, lost.id, sv.list_loss_reasons(ws)[0].id, at=T0 + timedelta(days=5))
        sv.create_forecast(ws, "Mia", role="marketing", period_start=date(2026, 10, 1), period_end=date(2026, 10, 31),
                           metric="leads", scope_kind="channel", channel="Partner", value=10, made_at=T0)
        sv.create_forecast(ws, "Ann", period_start=date(2026, 10, 1), period_end=date(2026, 12, 31),
                           metric="stage_entries", stage_id=qualified.id, scope_kind="rep", rep_id=ann.id, value=4,
                           made_at=T0)
        sv.create_initiative(ws, "Partner day", starts_on=date(2026, 10, 6), ends_on=date(2026, 10, 7),
                             channel="Partner", stage_id=lead.id)
    finally:
        ws.close()
    return path


# rule -> SQL that breaks it (and nothing else)
BROKEN: dict[str, list[str]] = {
    "stage-terminal-value": ["UPDATE stage SET terminal = 'lost' WHERE name = 'Lead'"],
    "opportunity-outcome-value": ["UPDATE opportunity SET outcome = 'maybe' WHERE name = 'Open deal'"],
    "stage_event-origin-value": ["UPDATE stage_event SET origin = 'fax'"],
    "tactic-status-value": ["UPDATE tactic SET status = 'someday' WHERE name = 'Send a recap'"],
    "cycle-status-value": ["UPDATE cycle SET status = 'done'"],
    "cycle-decision-value": ["UPDATE cycle SET decision = 'keep'"],
    "cycle_observation-kind-value": ["UPDATE cycle_observation SET kind = 'gossip'"],
    "chart_phase-kind-value": ["UPDATE chart_phase SET kind = 'whim'"],
    "forecast-metric-value": ["UPDATE forecast SET metric = 'vibes'"],
    "forecast-scope_kind-value": ["UPDATE forecast SET scope_kind = 'galaxy'"],
    "forecast-role-value": ["UPDATE forecast SET role = 'oracle'"],
    "stage-unique-name": ["UPDATE stage SET name = 'LEAD' WHERE name = 'Qualified'"],
    "rep-unique-name": ["UPDATE rep SET name = 'ann' WHERE name = 'Bo'"],
    "team-unique-name": ["UPDATE team SET name = 'east' WHERE name = 'West'"],
    "tactic-unique-name": ["UPDATE tactic SET name = 'Call Within An Hour' WHERE name = 'Send a recap'"],
    "loss_reason-unique-name": ["UPDATE loss_reason SET name = 'No Decision' WHERE name = 'Timing / budget'"],
    "stage-revision": [f"UPDATE standard_revision SET deleted_at = '{GONE}' WHERE name = 'Qualified'"],
    "closed-without-date": ["UPDATE opportunity SET closed_at = NULL WHERE name = 'Signed deal'"],
    "open-with-date": ["UPDATE opportunity SET closed_at = opened_at WHERE name = 'Open deal'"],
    "closed-before-created": ["UPDATE opportunity SET closed_at = '2026-01-01 00:00:00.000000' "
                              "WHERE name = 'Lost deal'"],
    "lost-without-reason": ["UPDATE opportunity SET loss_reason_id = NULL WHERE name = 'Lost deal'"],
    "reason-not-lost": ["UPDATE opportunity SET loss_reason_id = (SELECT loss_reason_id FROM opportunity "
                        "WHERE name = 'Lost deal') WHERE name = 'Signed deal'"],
    "open-in-won-stage": ["UPDATE opportunity SET outcome = 'open', closed_at = NULL WHERE name = 'Signed deal'"],
    "event-opportunity": [f"UPDATE opportunity SET deleted_at = '{GONE}' WHERE name = 'Open deal'"],
    "event-stage": [f"UPDATE stage SET deleted_at = '{GONE}' WHERE name = 'Lead'",
                    "UPDATE stage SET position = position - 1"],
    "event-before-opened": ["UPDATE stage_event SET entered_at = '2026-01-01 00:00:00.000000' WHERE id = "
                            "(SELECT e.id FROM stage_event e JOIN opportunity o ON o.id = e.opportunity_id "
                            "WHERE o.name = 'Open deal')"],
    "cycle-stage": [f"UPDATE stage SET deleted_at = '{GONE}' WHERE name = 'Qualified'",
                    "UPDATE stage SET position = 1 WHERE name = 'Won'"],
    "cycle-prediction": ["UPDATE cycle SET prediction_rate = 1.5"],
    "rep-team": [f"UPDATE team SET deleted_at = '{GONE}' WHERE name = 'East'"],
    "forecast-scope": ["UPDATE forecast SET channel = NULL WHERE forecaster = 'Mia'"],
    "forecast-value": ["UPDATE forecast SET value = -1 WHERE forecaster = 'Ann'"],
    "initiative-dates": ["UPDATE marketing_initiative SET ends_on = '2026-10-01'"],
    "stage-order": ["UPDATE stage SET position = 5 WHERE name = 'Won'"],
}


def test_every_rule_has_a_case_here() -> None:
    assert set(BROKEN) == set(rules.RULE_NAMES)


def test_the_healthy_workspace_is_healthy(healthy_file: Path) -> None:
    ws = open_workspace(healthy_file)
    try:
        assert check_workspace(ws) == []
    finally:
        ws.close()


@pytest.mark.parametrize("rule", sorted(BROKEN))
def test_each_broken_rule_is_reported_alone(rule: str, healthy_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    shutil.copyfile(healthy_file, path)
    con = sqlite3.connect(path)
    for sql in BROKEN[rule]:
        assert con.execute(sql).rowcount >= 1, sql
    con.commit()
    con.close()
    ws = open_workspace(path)
    try:
        findings = check_workspace(ws)
    finally:
        ws.close()
    assert [f.rule for f in findings] == [rule]
    text = str(findings[0])
    assert text.startswith(findings[0].where + ": ")
    assert re.search(r": 1 |: \d+ [a-z]", text), text  # "stage_event: 3 stage moves pointing to …"


def test_findings_name_the_rows_in_plain_words(healthy_file: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.sqlite"
    shutil.copyfile(healthy_file, path)
    con = sqlite3.connect(path)
    for rule in ("lost-without-reason", "open-in-won-stage", "stage-revision", "rep-unique-name"):
        for sql in BROKEN[rule]:
            con.execute(sql)
    con.commit()
    con.close()
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "4 problem(s) found."
    assert any(line.startswith("opportunity: 1 opportunity lost without a loss reason: 'Lost deal' (")
               for line in out), out
    assert any(line.startswith("opportunity: 1 opportunity open although the latest stage move entered the won "
                               "stage") and "'Signed deal'" in line for line in out), out
    assert any(line.startswith("stage: 1 stage without a standard revision") and "'Qualified'" in line
               for line in out), out
    assert any(line.startswith("rep: 2 reps sharing a name with another live rep") for line in out), out


def test_many_offenders_are_summed_up(healthy_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    shutil.copyfile(healthy_file, path)
    ws = open_workspace(path)
    try:
        lead = sv.list_stages(ws)[0]
        for i in range(5):
            sv.create_opportunity(ws, f"Extra {i}", stage_id=lead.id, opened_at=T0)
        with ws.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE stage_event SET origin = 'fax'")
        [finding] = check_workspace(ws)
    finally:
        ws.close()
    assert finding.problem.startswith("9 stage moves with an unknown origin (allowed: board, import, merge, demo): ")
    assert finding.problem.endswith(" and 6 more")

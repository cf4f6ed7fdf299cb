"""Point 3 of issue 14: a full disk and read-only places are said in plain words, and nothing is left half-done.

A full disk is a child process with a small ``RLIMIT_FSIZE`` (see ``reliability_support.run_with_file_limit``):
writing past it fails as on a full disk. A read-only place is a chmod (as root, whom chmod does not stop:
the immutable attribute; see the ``make_read_only`` fixture).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from reliability_support import files_named, make_older_schema, run_with_file_limit

from pdsa_desk.app import main
from pdsa_desk.core import services as sv
from pdsa_desk.core import sqlite_file
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import DiskFull, WorkspaceReadOnly
from pdsa_desk.core.schema import current_revision


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def old_workspace(demo_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "old.sqlite"
    shutil.copyfile(demo_file, path)
    make_older_schema(path)
    return path


def _one_plain_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("pdsa-desk: "), err
    for leak in ("Traceback", "[SQL", "INSERT ", "parameters"):
        assert leak not in err, err
    return lines[0]


def test_the_upgrade_backup_checks_free_space_first(old_workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _digest(old_workspace)
    usage = shutil.disk_usage(old_workspace.parent)
    monkeypatch.setattr(sqlite_file.shutil, "disk_usage", lambda _p: usage._replace(free=3 * 1024 * 1024))
    with pytest.raises(DiskFull) as caught:
        open_workspace(old_workspace)
    message = str(caught.value)
    assert "needs" in message and "MB free on" in message and str(old_workspace.parent) in message, message
    assert files_named(old_workspace.parent, "*backup*") == []
    assert _digest(old_workspace) == before


def test_a_backup_that_does_not_fit_leaves_no_backup_file(old_workspace: Path, tmp_path: Path) -> None:
    size = old_workspace.stat().st_size
    result = run_with_file_limit(size // 2, ["check", "--db", str(old_workspace)], tmp_path)
    assert result.returncode == 1, result.stderr
    line = _one_plain_line(result.stderr)
    assert "room" in line or "full" in line, line
    assert files_named(old_workspace.parent, "*backup*") == [], "no partial or 0-byte backup"
    ws = open_workspace(old_workspace)  # still the old workspace, whole: it upgrades now
    try:
        assert sv.list_stages(ws)
    finally:
        ws.close()


def test_an_xlsx_export_to_a_full_disk_is_one_plain_line(demo_file: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = run_with_file_limit(256 * 1024, ["export", "--db", str(demo_file), "--what", "events", "--out",
                                              str(out_dir / "events.xlsx")], tmp_path)
    assert result.returncode == 1, result.stderr
    _one_plain_line(result.stderr)
    assert list(out_dir.iterdir()) == []


def test_a_bundle_export_to_a_full_disk_says_so_without_sql_or_data(demo_file: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result = run_with_file_limit(256 * 1024, ["bundle", "export", "--db", str(demo_file), "--out",
                                              str(out_dir / "work.pdsa")], tmp_path)
    assert result.returncode == 1, result.stderr
    line = _one_plain_line(result.stderr)
    assert len(line) < 400, line
    assert list(out_dir.iterdir()) == []


def test_a_read_only_older_workspace_is_refused_without_a_backup_copy(old_workspace: Path, make_read_only) -> None:
    make_read_only(old_workspace)
    before = _digest(old_workspace)
    for _attempt in range(2):
        with pytest.raises(WorkspaceReadOnly, match="older pdsa-desk") as caught:
            open_workspace(old_workspace)
        assert "no backup" in str(caught.value)
    assert files_named(old_workspace.parent, "*backup*") == []
    assert _digest(old_workspace) == before


def test_a_read_only_workspace_opens_read_only_and_refuses_edits_at_once(read_only_demo: Path) -> None:
    ws = open_workspace(read_only_demo)
    try:
        assert ws.read_only and "read-only" in ws.read_only_reason
        assert len(sv.list_stages(ws)) > 0
        with pytest.raises(WorkspaceReadOnly, match="read-only"):
            sv.create_team(ws, "Never saved")
    finally:
        ws.close()


def test_read_only_commands_work_in_a_read_only_folder(demo_file: Path, tmp_path: Path, make_read_only,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "team.sqlite"
    shutil.copyfile(demo_file, path)
    make_read_only(folder)
    out = tmp_path / "events.csv"
    assert main(["check", "--db", str(path)]) == 0, capsys.readouterr()
    assert "healthy" in capsys.readouterr().out
    assert main(["export", "--db", str(path), "--what", "events", "--out", str(out)]) == 0, capsys.readouterr()
    assert out.stat().st_size > 0
    assert main(["bundle", "export", "--db", str(path), "--out", str(tmp_path / "w.pdsa")]) == 0, \
        capsys.readouterr()
    assert sorted(p.name for p in folder.iterdir()) == ["team.sqlite"]
    ws = open_workspace(path)
    try:
        assert ws.read_only and current_revision(ws.engine) is not None
    finally:
        ws.close()

"""Issue 14 point 4: a bundle is merged from where it lies, and no temporary copy outlives a merge.

A bundle of this version's schema is read in place, read-only and immutable: nothing is copied and
nothing is written beside it. A bundle of an older schema is copied into a private scratch folder to
be upgraded; that folder is removed however the merge ends, and the folders of a pdsa-desk that was
killed are removed when pdsa-desk next starts.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pdsa_desk.app import main
from pdsa_desk.core import scratch
from pdsa_desk.core import services as sv
from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.exchange import bundle_file, export_bundle, merge_bundle
from pdsa_desk.core.exchange import merge as merge_module
from tests.schema_history import to_revision_0001


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone (where scratch folders are made)."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A bundle of a workspace with a rep and an opportunity, alone in a folder of its own."""
    source = open_workspace(tmp_path / "laptop.sqlite")
    try:
        stage = sv.create_stage(source, "Lead")
        rep = sv.create_rep(source, "Ann")
        sv.create_opportunity(source, "Deal", rep_id=rep.id, stage_id=stage.id)
        folder = tmp_path / "inbox"
        folder.mkdir()
        export_bundle(source, folder / "ann.pdsa")
    finally:
        source.close()
    return folder / "ann.pdsa"


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(tmp_path / "manager.sqlite")
    yield ws
    ws.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def older_schema(path: Path) -> Path:
    """The bundle made to look like one of schema 0001 (what later revisions added dropped)."""
    con = sqlite3.connect(path)
    for statement in to_revision_0001():
        con.execute(statement)
    con.execute("UPDATE pdsa_bundle_header SET value = '0001' WHERE key = 'schema_revision'")
    con.commit()
    con.close()
    return path


def test_a_current_bundle_is_read_in_place_with_nothing_copied_or_written_beside_it(
        bundle: Path, target: Workspace, temp_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_copy(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the bundle was copied")

    monkeypatch.setattr(bundle_file.shutil, "copyfile", no_copy)
    seen_during: list[list[str]] = []
    real_finish = merge_module.finish

    def finish(*args: object, **kwargs: object) -> None:
        seen_during.append(sorted(p.name for p in [*temp_dir.iterdir(), *bundle.parent.iterdir()]))
        real_finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_module, "finish", finish)
    before = digest(bundle)
    bundle.parent.chmod(0o555)  # a read-only folder (a CD, a shared drive): nothing to create there
    bundle.chmod(0o444)
    try:
        report = merge_bundle(target, bundle, map_by_name=True)
    finally:
        bundle.parent.chmod(0o755)
    assert report.tables["opportunity"].added == 1
    assert seen_during == [["ann.pdsa"]]  # no copy in the temp folder, no journal or -wal beside it
    assert sorted(p.name for p in bundle.parent.iterdir()) == ["ann.pdsa"]
    assert list(temp_dir.iterdir()) == []
    assert digest(bundle) == before


@pytest.mark.parametrize("ending", ["success", "failure", "interrupt"])
def test_the_upgraded_copy_of_an_older_bundle_is_removed_however_the_merge_ends(
        bundle: Path, target: Workspace, temp_dir: Path, monkeypatch: pytest.MonkeyPatch, ending: str) -> None:
    older_schema(bundle)
    before = digest(bundle)
    copies: list[list[Path]] = []
    real_finish = merge_module.finish

    def finish(*args: object, **kwargs: object) -> None:
        copies.append(sorted(temp_dir.rglob("*.sqlite")))
        if ending == "failure":
            raise OSError("disk full")
        if ending == "interrupt":
            raise KeyboardInterrupt
        real_finish(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(merge_module, "finish", finish)
    if ending == "success":
        assert merge_bundle(target, bundle, map_by_name=True).tables["opportunity"].added == 1
    else:
        with pytest.raises(OSError if ending == "failure" else KeyboardInterrupt):
            merge_bundle(target, bundle, map_by_name=True)
    assert len(copies) == 1  # the copy (and the upgrade's backup of it) existed while the merge ran…
    assert "bundle.sqlite" in {p.name for p in copies[0]}
    assert {p.relative_to(temp_dir).parts[0][: len(scratch.PREFIX) + len(str(os.getpid())) + 1]
            for p in copies[0]} == {f"{scratch.PREFIX}{os.getpid()}-"}
    assert list(temp_dir.iterdir()) == []  # …and is gone, folder and all
    assert digest(bundle) == before


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(proc.stdout)


def test_scratch_folders_of_processes_that_are_gone_are_removed_and_no_others(tmp_path: Path) -> None:
    dead = tmp_path / f"{scratch.PREFIX}{_dead_pid()}-abc"
    (dead / "inner").mkdir(parents=True)
    (dead / "inner" / "bundle.sqlite").write_bytes(b"x" * 1000)
    mine = tmp_path / f"{scratch.PREFIX}{os.getpid()}-def"
    mine.mkdir()
    running = tmp_path / f"{scratch.PREFIX}{os.getppid()}-ghi"
    running.mkdir()
    unrelated = tmp_path / "pdsa-desk-scratch-notapid"
    unrelated.mkdir()
    other = tmp_path / "someone-elses"
    other.mkdir()

    assert scratch.remove_stale(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (mine, running, unrelated, other))


def test_a_killed_merge_s_copy_is_removed_when_pdsa_desk_next_starts(
        bundle: Path, temp_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    left = temp_dir / f"{scratch.PREFIX}{_dead_pid()}-x1y2"  # what kill -9 during a merge leaves
    left.mkdir()
    shutil.copyfile(bundle, left / "bundle.sqlite")

    assert main(["bundle", "info", str(bundle)]) == 0  # any command: the clean-up runs at start
    assert "work from" in capsys.readouterr().out
    assert list(temp_dir.iterdir()) == []

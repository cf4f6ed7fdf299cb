"""Fixtures of the reliability tests (helpers are in reliability_support.py, importable by the drills too)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> int:
    """A 300 ms busy timeout instead of 5 s, so that waiting for a lock is quick to test."""
    from pdsa_desk.core import connection

    monkeypatch.setattr(connection, "SQLITE_BUSY_TIMEOUT_MS", 300)
    return 300


def _can_write(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _chattr(flag: str, path: Path) -> bool:
    tool = shutil.which("chattr")
    if tool is None:
        return False
    return subprocess.run([tool, flag, str(path)], capture_output=True, check=False).returncode == 0


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], None]]:
    """Make a file or folder read-only for this process (chmod; as root, whom chmod does not stop:
    the immutable attribute), undone after the test. Skips where neither works."""
    done: list[tuple[Path, int | None]] = []

    def apply(path: Path) -> None:
        if os.geteuid() == 0:
            if not _chattr("+i", path):
                pytest.skip("running as root without 'chattr +i': cannot make a place read-only")
            done.append((path, None))
        else:
            mode = path.stat().st_mode
            path.chmod(mode & ~0o222)
            done.append((path, mode))
        assert not _can_write(path)

    yield apply
    for path, mode in reversed(done):
        if mode is None:
            _chattr("-i", path)
        else:
            path.chmod(mode)


@pytest.fixture
def read_only_demo(demo_file: Path, tmp_path: Path, make_read_only: Callable[[Path], None]) -> Path:
    """A copy of the demo workspace that this process cannot write."""
    path = tmp_path / "ro.sqlite"
    shutil.copyfile(demo_file, path)
    make_read_only(path)
    return path

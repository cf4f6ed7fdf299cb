"""Shared test set-up: no display needed, never the user's real data or settings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

# Before anything imports Qt: render offscreen, and point every user folder at a
# throwaway place so that even a module-level read cannot touch the real ones.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="pdsa-desk-tests-"))
for _var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = str(_SESSION_HOME / _var.lower())

DEMO_AS_OF = date(2026, 11, 24)


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own user data/config/log folders (platformdirs reads these per call)."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    return home


@pytest.fixture(autouse=True)
def isolated_qsettings(isolated_user_dirs: Path, request: pytest.FixtureRequest) -> None:
    """QSettings of UI tests go to the test's own folder (core tests never import Qt)."""
    if "qtbot" not in request.fixturenames and "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(isolated_user_dirs / "qsettings"))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator:
    """A new, empty workspace in a real SQLite file."""
    from pdsa_desk.core.database import open_workspace

    workspace = open_workspace(tmp_path / "workspace.sqlite")
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo workspace written once per test session; copy it before writing to it."""
    from pdsa_desk.core.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    write_demo(path, as_of=DEMO_AS_OF)
    return path


@pytest.fixture
def demo_ws(demo_file: Path, tmp_path: Path) -> Iterator:
    """A private copy of the demo workspace, open."""
    import shutil

    from pdsa_desk.core.database import open_workspace

    target = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, target)
    workspace = open_workspace(target)
    yield workspace
    workspace.close()

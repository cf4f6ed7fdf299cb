"""Where pdsa-desk keeps its files on this computer (via platformdirs)."""

from __future__ import annotations

from pathlib import Path

from platformdirs import PlatformDirs

APP_NAME = "pdsa-desk"
ORG_NAME = "pdsa-desk"

_dirs = PlatformDirs(APP_NAME, ORG_NAME)


def data_dir() -> Path:
    return Path(_dirs.user_data_dir)


def log_dir() -> Path:
    return Path(_dirs.user_log_dir)


def default_workspace() -> Path:
    """The workspace opened when no ``--db`` is given."""
    return data_dir() / "workspace.sqlite"


def demo_workspace() -> Path:
    return data_dir() / "demo.sqlite"

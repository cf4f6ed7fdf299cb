"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace

PROG = "pdsa-desk"


def fail(message: str, status: int = 1) -> int:
    """Print one line on stderr (any password in it masked) and return the exit status."""
    from pdsa_desk.core.secrets import mask_passwords

    sys.stderr.write(f"{PROG}: {mask_passwords(message)}\n")
    return status


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-24") from None


def open_existing(db: str) -> Workspace | None:
    """Open an existing workspace, or print why not and return None."""
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.errors import PdsaError

    if "://" not in db and not Path(db).exists():
        fail(f"There is no workspace at {db}.")
        return None
    try:
        return open_workspace(db, create=False)
    except PdsaError as exc:
        fail(str(exc))
        return None

"""Helpers of the service tests, shared by tests/core and tests/pg.

They live outside ``tests/core`` so that a test module can use them without importing another test
module (``tests.core.<module>`` imported early stops tests/pg from rewriting its asserts).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pdsa_desk.core.database import Workspace, open_workspace
from pdsa_desk.core.errors import ValidationError
from pdsa_desk.core.models import metadata


def copy_workspace(template: Path, folder: Path) -> Workspace:
    target = folder / "workspace.sqlite"
    shutil.copyfile(template, target)
    workspace = open_workspace(target)
    assert workspace.backup_path is None  # already at head: nothing was migrated
    return workspace


def snapshot(ws: Workspace) -> dict[str, list[str]]:
    """Every row of every table (tombstoned ones too), comparable."""
    with ws.engine.connect() as conn:
        return {t.name: sorted(repr(tuple(r)) for r in conn.execute(t.select())) for t in metadata.sorted_tables}


def refused(
    ws: Workspace,
    func: Callable[..., Any],
    *args: Any,
    text: str,
    field: str | None,
    exc: type[ValidationError] = ValidationError,
    **kwargs: Any,
) -> ValidationError:
    """Call ``func(ws, *args, **kwargs)``: it must raise ``exc`` naming ``text`` and ``field``, and write nothing."""
    before = snapshot(ws)
    with pytest.raises(exc) as info:
        func(ws, *args, **kwargs)
    error = info.value
    assert text in str(error), str(error)
    assert error.message == str(error)
    assert error.field == field
    assert snapshot(ws) == before
    return error


def raw(ws: Workspace, model: type, row_id: str) -> Any:
    """A row by id, tombstoned or not."""
    with ws.session() as s:
        return s.get(model, row_id)

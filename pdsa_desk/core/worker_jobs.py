"""The import's and the merge's public entry points as calls for a worker process (:mod:`.worker_process`).

A worker process cannot be handed the open :class:`~pdsa_desk.core.database.Workspace` (an engine and its
connections do not cross processes), so the caller gives a :class:`WorkspaceAddress` and the child opens the
workspace itself — the same file or server, with no migration and no backup (the window opened it already)
and read-only when the window's is — runs the public entry point, and closes it. The GUI process holds no
transaction meanwhile; the child's own transaction is the one that takes the write lock, exactly as the
import or merge does on a thread.

Each function here is top-level (picklable) and takes ``progress`` and ``cancel`` keywords, which
:class:`~.worker_process.WorkerProcess` supplies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pdsa_desk.core.database import Workspace
    from pdsa_desk.core.exchange import MergePreview, MergeReport
    from pdsa_desk.core.importing import ImportResult, ScanResult, StageMap
    from pdsa_desk.core.importing import Mapping as ImportMapping

__all__ = ["PRELOAD", "WorkspaceAddress", "import_job", "merge_job", "merge_preview_job", "scan_job"]

#: What a worker imports while it waits for its call (its start-up, paid before the call comes).
PRELOAD = ("pdsa_desk.core.database", "pdsa_desk.core.importing", "pdsa_desk.core.exchange")

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class WorkspaceAddress:
    """Where a worker process finds the open workspace: its URL (a server's with the password the window's
    engine uses, so that the child need not ask the keyring; never shown: see ``__repr__``)."""

    url: str = field(repr=False)
    read_only: bool = False
    display: str = ""

    @classmethod
    def of(cls, ws: Workspace) -> WorkspaceAddress | None:
        """The address of ``ws``; None for an in-memory database (only this process can see it)."""
        if ws.is_sqlite:
            if ws.path is None:
                return None
            return cls(ws.url, ws.read_only, ws.display_url)
        return cls(ws.engine.url.render_as_string(hide_password=False), ws.read_only, ws.display_url)

    def __repr__(self) -> str:
        return f"WorkspaceAddress({self.display!r}, read_only={self.read_only})"

    @contextmanager
    def opened(self) -> Iterator[Workspace]:
        from pdsa_desk.core.database import open_workspace

        ws = open_workspace(self.url, create=False, migrate=False, use_keyring=False, read_only=self.read_only)
        try:
            yield ws
        finally:
            ws.close()


def import_job(address: WorkspaceAddress, path: Path, mapping: ImportMapping, *, stage_map: StageMap | None = None,
               dry_run: bool = False, skip_invalid: bool = False, progress: Progress | None = None,
               cancel: Cancel | None = None) -> ImportResult:
    """:func:`pdsa_desk.core.importing.import_file` (the import, or with ``dry_run`` the wizard's check)."""
    from pdsa_desk.core.importing import import_file

    with address.opened() as ws:
        return import_file(ws, path, mapping, stage_map=stage_map, dry_run=dry_run, skip_invalid=skip_invalid,
                           progress=progress, cancel=cancel)


def scan_job(address: WorkspaceAddress, path: Path, mapping: ImportMapping, *, progress: Progress | None = None,
             cancel: Cancel | None = None) -> ScanResult:
    """:func:`pdsa_desk.core.importing.scan`: the file's stage names and the workspace stages they match."""
    from pdsa_desk.core.importing import scan

    with address.opened() as ws:
        return scan(path, mapping, ws, progress=progress, cancel=cancel)


def merge_job(address: WorkspaceAddress, path: Path, *, mapping: Mapping[tuple[str, str], str] | None = None,
              dry_run: bool = False, progress: Progress | None = None, cancel: Cancel | None = None) -> MergeReport:
    """:func:`pdsa_desk.core.exchange.merge_bundle` of one file, in one transaction."""
    from pdsa_desk.core.exchange import merge_bundle

    with address.opened() as ws:
        return merge_bundle(ws, path, mapping=dict(mapping or {}), dry_run=dry_run, progress=progress,
                            cancel=cancel)


def merge_preview_job(address: WorkspaceAddress, path: Path, *, progress: Progress | None = None,
                      cancel: Cancel | None = None) -> tuple[MergePreview, dict[str, list[tuple[str, str]]]]:
    """:func:`pdsa_desk.core.exchange.preview_merge` and, for each table with clashes, the rows here they may be
    mapped to (:func:`~pdsa_desk.core.exchange.mapping_choices`)."""
    from pdsa_desk.core.exchange import mapping_choices, preview_merge

    del progress, cancel  # the preview reads the bundle's definitions only: short, nothing to cancel
    with address.opened() as ws:
        found = preview_merge(ws, path)
        return found, {t: mapping_choices(ws, t) for t in {c.table for c in found.conflicts}}

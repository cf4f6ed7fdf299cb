"""Private temporary folders that do not outlive their process (standard library only: imported at start-up).

A folder from :func:`scratch_folder` is named ``pdsa-desk-scratch-<pid>-<random>`` in the system's
temporary folder and removed when the block ends, however it ends (return, exception, Ctrl+C).
A process killed outright (``kill -9``, power loss) cannot clean up: :func:`remove_stale`, called
when pdsa-desk starts, removes the folders of processes that are no longer running.

Whether a process is running is asked of the operating system where that is safe (``os.kill(pid,
0)`` on POSIX). Elsewhere a folder of another process is removed only as far as the system lets
it: a file still open by a running pdsa-desk cannot be deleted there.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "pdsa-desk-scratch-"


@contextmanager
def scratch_folder(base: Path | None = None) -> Iterator[Path]:
    """A new private folder, removed with everything in it when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale(base: Path | None = None) -> list[Path]:
    """Remove the scratch folders left by processes that are no longer running; returns them.

    Never raises: a folder that cannot be listed or removed is left for the next start.
    """
    removed: list[Path] = []
    try:
        candidates = list(Path(base or tempfile.gettempdir()).glob(f"{PREFIX}*"))
    except OSError:
        return removed
    for folder in candidates:
        pid = _owner(folder)
        if pid is None or pid == os.getpid() or _running(pid) or not folder.is_dir():
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed.append(folder)
    return removed


def _owner(folder: Path) -> int | None:
    head = folder.name.removeprefix(PREFIX).split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _running(pid: int) -> bool:
    if os.name != "posix":
        return False  # see the module docstring: open files protect a running process's folder
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, under another user
        return True
    return True

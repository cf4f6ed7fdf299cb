"""Helpers of the reliability tests and drills: a second writer holding the lock, damaged bytes."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.schema_history import to_revision_0001


class LockHolder:
    """Another process's write transaction, simulated by a raw sqlite3 connection on its own thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.taken = threading.Event()
        self.release = threading.Event()
        self.released = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        con = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("UPDATE workspace_settings SET name = name")
            self.taken.set()
            self.release.wait(60)
            con.execute("COMMIT")
        finally:
            con.close()
            self.released.set()

    def start(self) -> LockHolder:
        self._thread.start()
        assert self.taken.wait(30)
        return self

    def stop(self) -> None:
        self.release.set()
        self._thread.join(30)


@contextmanager
def write_lock_held(path: Path, *, for_seconds: float | None = None) -> Iterator[LockHolder]:
    """The workspace's write lock held by another connection (until the block ends, or ``for_seconds``)."""
    holder = LockHolder(path).start()
    timer = threading.Timer(for_seconds, holder.release.set) if for_seconds is not None else None
    if timer is not None:
        timer.start()
    try:
        yield holder
    finally:
        if timer is not None:
            timer.cancel()
        holder.stop()


def damage(path: Path, offset: int, data: bytes) -> None:
    """Overwrite bytes of a file in place (as a bad sector or a broken copy would)."""
    with path.open("r+b") as fh:
        fh.seek(offset)
        fh.write(data)


def page_of_table(path: Path, table: str) -> tuple[int, int]:
    """(page size, root page number) of a table or index, to damage it on purpose."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    finally:
        con.close()
    return size, root


def checkpoint(path: Path) -> None:
    """Move everything from the write-ahead log into the file, so that damaging the file damages the data."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def run_sql(path: Path, *statements: str) -> None:
    """Change a file behind pdsa-desk's back (foreign keys not enforced, as another program would)."""
    con = sqlite3.connect(path)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()


def make_older_schema(path: Path) -> None:
    """Turn a current workspace into one of schema 0001 with the same data (what downgrading the later
    revisions does), so that opening it upgrades it: a full-size workspace for the upgrade and backup tests."""
    run_sql(path, *to_revision_0001())


def files_named(folder: Path, pattern: str) -> list[str]:
    return sorted(p.name for p in folder.glob(pattern))


#: A child process with a small file-size limit (what a full disk looks like to it): writing past the limit
#: fails with EFBIG instead of the default SIGXFSZ, which would kill it.
LIMITED_CHILD = (
    "import resource, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "limit = int(sys.argv[1])\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))\n"
    "from pdsa_desk.app import main\n"
    "raise SystemExit(main(sys.argv[2:]))\n"
)


def run_with_file_limit(limit: int, argv: list[str], cwd: Path, timeout: float = 300):
    """``pdsa-desk ARGV`` in a child that cannot write any file beyond ``limit`` bytes."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", LIMITED_CHILD, str(limit), *argv], capture_output=True, text=True,
                          timeout=timeout, check=False, cwd=cwd, env=env)

"""The PostgreSQL figures of the benchmark: ``pg_load`` and ``pg_time_to_agenda``.

The benchmark starts its own throwaway server, the way the tests do (tests/conftest.py ``pg_server``): the
newest Debian server binaries (``/usr/lib/postgresql/*/bin``, or ``PDSA_PG_BINDIR``), ``initdb`` with trust
authentication into a temporary folder (as the ``postgres`` user when run as root: initdb refuses root),
``pg_ctl start`` on a free port of 127.0.0.1, fsync off; stopped at the end of the run.

Each scale gets a database of its own filled from the same generated workspace file the SQLite figures use:
``open_workspace(url)`` creates it through the real migration chain, the seeded defaults are removed, and
every table of the file is copied with ``COPY … FROM STDIN`` (psycopg), so the server holds exactly the
rows the file holds (same ids, same times).

* ``pg_load``: ``frames.load_analysis_data`` on the server workspace against a raw psycopg fetch of the
  same columns (the queries of the SQLite ``load`` floor), interleaved.
* ``pg_time_to_agenda``: the whole process launched on the server URL until This week is painted with its
  data (``bench_gui.py ready``), interleaved with the same process on the SQLite file (the SQLite
  ``time_to_agenda`` subject): the ratio is the target (≤ 2×).

Without server binaries, psycopg, or (as root) a ``postgres`` user the figures are reported as not
available, with the reason; ``PDSA_REQUIRE_POSTGRES=1`` makes that an error, as it does for the tests.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bench_generate
from bench_common import LOAD_QUERIES, SPEC, figure, interleaved, not_available, not_selected

PG_FIGURES = ("pg_load", "pg_time_to_agenda")


class PgUnavailable(RuntimeError):
    """No server can be started here (the message says why)."""


class PgServer:
    """A PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1 (as in tests/conftest.py)."""

    def __init__(self, bindir: Path, base: Path, port: int, run_as: str | None) -> None:
        self.bindir, self.base, self.port, self.run_as = bindir, base, port, run_as
        self.data, self.log = base / "data", base / "server.log"

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False, cwd=self.base)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise PgUnavailable(f"{' '.join(cmd)} failed: {result.stderr.strip()[-1000:]} {log}")

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8",
                  "--no-locale")
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c max_connections=50 -c shared_buffers=256MB")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")
        except PgUnavailable:
            pass
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.dsn(), autocommit=True) as con:
            con.execute(sql)


def _bindir() -> Path | None:
    chosen = os.environ.get("PDSA_PG_BINDIR")
    found = []
    for candidate in [chosen] if chosen else glob.glob("/usr/lib/postgresql/*/bin"):
        path = Path(candidate)
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            version = path.parent.name
            found.append((int(version) if version.isdigit() else 0, path))
    return max(found)[1] if found else None


def start_server() -> PgServer:
    """A running throwaway server, or :class:`PgUnavailable` saying why there is none."""
    try:
        import psycopg  # noqa: F401
    except ImportError as exc:
        raise PgUnavailable("psycopg is not installed (pip install 'pdsa-desk[postgres]')") from exc
    bindir = _bindir()
    if bindir is None:
        raise PgUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) under "
                            f"{os.environ.get('PDSA_PG_BINDIR') or '/usr/lib/postgresql/*/bin'} "
                            "(Debian: apt-get install postgresql)")
    run_as = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PgUnavailable("running as root, and there is no 'postgres' user to run initdb as") from exc
        if shutil.which("runuser") is None:
            raise PgUnavailable("running as root, and 'runuser' is missing to run initdb as 'postgres'")
        run_as = "postgres"
    base = Path(tempfile.mkdtemp(prefix="pdsa-bench-pg-"))  # short: the server's socket lives here too
    if run_as:
        shutil.chown(base, user=run_as)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = PgServer(bindir, base, port, run_as)
    try:
        server.start()
    except PgUnavailable:
        server.stop()
        raise
    return server


# --------------------------------------------------------------------------- #
# filling a server database from the generated workspace file
# --------------------------------------------------------------------------- #
def fill_database(server: PgServer, workspace: str | Path, name: str) -> str:
    """A new server database holding exactly the rows of the workspace file; returns its URL."""
    import psycopg

    from pdsa_desk.core.database import open_workspace

    server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    server.admin(f"CREATE DATABASE {name} TEMPLATE template0")
    url = server.url(name)
    open_workspace(url).close()  # the real migration chain (and the seeded defaults, removed below)
    src = sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                                            "LIKE 'sqlite%' AND name != 'alembic_version' ORDER BY name")]
        with psycopg.connect(server.dsn(name)) as dst:
            dst.execute("SET timezone = 'UTC'")  # the file's times are UTC without an offset
            dst.execute("SET session_replication_role = replica")  # foreign keys: the file's rows are consistent
            dst.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
            for table in tables:
                cols = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
                names = ", ".join(f'"{c}"' for c in cols)
                with dst.cursor().copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
                    for row in src.execute(f'SELECT {names} FROM "{table}"'):
                        copy.write_row(row)
            dst.commit()
        with psycopg.connect(server.dsn(name), autocommit=True) as dst:
            dst.execute("VACUUM ANALYZE")
    finally:
        src.close()
    return url


def _counts_equal(server: PgServer, name: str, workspace: str | Path) -> dict:
    """Live opportunities and events on the server and in the file (the copy is checked, not trusted)."""
    import psycopg

    sql = {t: f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL" for t in ("opportunity", "stage_event")}
    src = sqlite3.connect(f"file:{workspace}?mode=ro", uri=True)
    try:
        in_file = {t: src.execute(q).fetchone()[0] for t, q in sql.items()}
    finally:
        src.close()
    with psycopg.connect(server.dsn(name)) as con:
        on_server = {t: con.execute(q).fetchone()[0] for t, q in sql.items()}
    return {"file": in_file, "server": on_server}


def load_floor(server: PgServer, name: str) -> None:
    """Raw psycopg: the queries of the SQLite load floor, every row fetched (tuples of driver values)."""
    import psycopg

    with psycopg.connect(server.dsn(name)) as con:
        cur = con.cursor()
        for q in LOAD_QUERIES:
            cur.execute(q)
            cur.fetchall()


# --------------------------------------------------------------------------- #
# the figures
# --------------------------------------------------------------------------- #
class Server:
    """The run's one server, started on first use (``None`` and the reason when it cannot start)."""

    def __init__(self) -> None:
        self.server: PgServer | None = None
        self.why = ""
        self._tried = False

    def get(self) -> PgServer | None:
        if not self._tried:
            self._tried = True
            try:
                self.server = start_server()
            except PgUnavailable as exc:
                self.why = str(exc)
                if os.environ.get("PDSA_REQUIRE_POSTGRES") == "1":
                    raise
        return self.server

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


def pg_figures(holder: Server, data_info: bench_generate.BenchData, n: int, scale: str, work: Path, repeat: int,
               warmup: int, log: Callable[[str], None], only: set[str] | None, gui: str) -> list[dict]:
    """``pg_load`` and ``pg_time_to_agenda`` at this scale (``gui``: why GUI figures are skipped, or "")."""
    wanted = [k for k in PG_FIGURES if only is None or k in only]
    if not wanted:
        return [not_selected(SPEC[k], n, scale) for k in PG_FIGURES]
    server = holder.get()
    if server is None:
        return [not_available(SPEC[k], n, scale, f"no PostgreSQL server: {holder.why}") if k in wanted
                else not_selected(SPEC[k], n, scale) for k in PG_FIGURES]
    name = f"bench_{n}"
    log(f"  PostgreSQL: copying the workspace ({n:,} events) to the server …")
    try:
        url = fill_database(server, data_info.workspace, name)
        counts = _counts_equal(server, name, data_info.workspace)
        if counts["file"] != counts["server"]:
            raise RuntimeError(f"the copy on the server differs from the file: {counts}")
    except Exception as exc:  # noqa: BLE001 - report, do not crash the whole benchmark
        return [not_available(SPEC[k], n, scale, f"filling the server database failed: {exc!r}") for k in PG_FIGURES]
    out = [_pg_load(server, name, url, n, scale, repeat, warmup, log) if "pg_load" in wanted
           else not_selected(SPEC["pg_load"], n, scale)]
    if "pg_time_to_agenda" not in wanted:
        out.append(not_selected(SPEC["pg_time_to_agenda"], n, scale))
    elif gui:
        out.append(not_available(SPEC["pg_time_to_agenda"], n, scale, f"GUI figures skipped ({gui})"))
    else:
        out.append(_pg_time_to_agenda(data_info, url, n, scale, work, repeat, warmup, log))
    try:
        server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    except Exception:  # noqa: BLE001, S110 - the whole server goes at the end of the run anyway
        pass
    return out


def _pg_load(server: PgServer, name: str, url: str, n: int, scale: str, repeat: int, warmup: int,
             log: Callable[[str], None]) -> dict:
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.frames import load_analysis_data

    log(f"  pg_load ({n:,} events) …")
    ws = open_workspace(url)
    try:
        holder: dict[str, Any] = {}

        def load() -> None:
            holder["data"] = None
            holder["data"] = load_analysis_data(ws)

        runs, floor = interleaved(load, lambda: load_floor(server, name), repeat, warmup)
        events = len(holder["data"].events)
        return figure(SPEC["pg_load"], n, scale, runs, floor, note=f"{events:,} events loaded from the server "
                      "(127.0.0.1, same machine)")
    except Exception as exc:  # noqa: BLE001
        return not_available(SPEC["pg_load"], n, scale, f"load failed: {exc!r}")
    finally:
        ws.close()


def _pg_time_to_agenda(data_info: bench_generate.BenchData, url: str, n: int, scale: str, work: Path, repeat: int,
                       warmup: int, log: Callable[[str], None]) -> dict:
    import sys

    from bench_gui_figures import GUI_WORKER, run_process

    log(f"  pg_time_to_agenda ({n:,} events) …")
    db = str(bench_generate.fresh_copy(data_info, work / "pg-sqlite"))
    py = sys.executable
    marks: list[dict] = []

    def ready(target: str, keep: bool) -> float:
        wall, _, stdout, _ = run_process([py, str(GUI_WORKER), "ready", "--db", target, "--view", "week"], work)
        info = json.loads(stdout.strip().splitlines()[-1])
        if "error" in info:
            raise RuntimeError(info["error"])
        if keep:
            marks.append(info)
        return wall

    try:
        runs, floor = interleaved(lambda: ready(url, True), lambda: ready(db, False), repeat, warmup)
    except Exception as exc:  # noqa: BLE001
        return not_available(SPEC["pg_time_to_agenda"], n, scale, str(exc))
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    last = marks[-1] if marks else {}
    detail = ", ".join(f"{k} {v:.2f} s" for k, v in last.get("marks", {}).items())
    return figure(SPEC["pg_time_to_agenda"], n, scale, runs, floor,
                  note=f"whole process on the server URL until {last.get('items', '?')} agenda items are painted; "
                       f"milestones of the last run: {detail}; the floor is the same process on the SQLite file")

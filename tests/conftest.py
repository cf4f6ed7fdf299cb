"""Shared test set-up: no display needed, never the user's real data or settings."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

#: Fixtures shared by test modules of several folders (kept out of test modules: see tests/test_test_imports.py).
pytest_plugins = ["tests.ui.german_support"]

pytest.register_assert_rewrite("tests.service_support")

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


@pytest.fixture(autouse=True)
def collector_unfrozen() -> Iterator[None]:
    """A test whose app froze its snapshot's objects (core.gc_pause.keep_out_of_collections) hands them back to
    the collector, so one test's cyclic garbage cannot outlive it in the test process."""
    yield
    import gc

    gc.unfreeze()


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


# ==========================================================================================
# PostgreSQL server for the tests marked ``postgres`` (tests/pg/, tests/core/test_concurrency.py)
# ------------------------------------------------------------------------------------------
# One throwaway server per test session, started on first use from the Debian binaries
# (/usr/lib/postgresql/*/bin; `apt-get install postgresql`, as .ci/run does) and stopped at
# the end. As root it runs as the `postgres` user (initdb refuses root). Tests get a fresh
# database per test, copied from a migrated template (CREATE DATABASE … TEMPLATE: ~15 ms).
# Without binaries / psycopg the tests skip with the reason; with PDSA_REQUIRE_POSTGRES=1
# (set by .ci/run once the package is installed) they fail instead, so CI cannot skip them.
# ==========================================================================================

import atexit  # noqa: E402
import glob  # noqa: E402
import itertools  # noqa: E402
import shutil as _shutil  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402

# The tests never read or write the real system keyring.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

PG_TEMPLATE_DB = "pdsa_template"


class PgServer:
    """A PostgreSQL cluster in a temporary folder, on a free port of 127.0.0.1."""

    def __init__(self, bindir: Path, base: Path, port: int, run_as: str | None) -> None:
        self.bindir, self.base, self.port, self.run_as = bindir, base, port, run_as
        self.data, self.log = base / "data", base / "server.log"
        self._template_ready = False
        self._names = itertools.count(1)
        self._admin = None

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            cmd = ["runuser", "-u", self.run_as, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False, cwd=self.base)
        if check and result.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}\n{log}")
        return result

    def initdb(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync",
                  "-E", "UTF8", "--no-locale")

    @staticmethod
    def unused_port() -> int:
        """A port of 127.0.0.1 nothing listens on (for "server not reachable" tests)."""
        return _free_port()

    def start(self) -> None:
        # fsync=off: nothing here must survive a power cut; committed transactions still
        # survive `stop()` (an immediate shutdown), as their WAL is written at commit.
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options, "start")

    def stop(self) -> None:
        """Stop at once, like a crash or a pulled cable (the server recovers on the next start)."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop", check=False)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement on the maintenance database, outside a transaction."""
        from sqlalchemy import create_engine

        if self._admin is None:
            self._admin = create_engine(self.url(), isolation_level="AUTOCOMMIT", pool_pre_ping=True)
        with self._admin.connect() as conn:
            conn.exec_driver_sql(sql)

    def new_database(self, *, migrated: bool = True) -> str:
        """A fresh database: a copy of the migrated template, or empty; returns its URL."""
        name = f"test_{next(self._names)}"
        if migrated:
            self._ensure_template()
            self.admin(f"CREATE DATABASE {name} TEMPLATE {PG_TEMPLATE_DB}")
        else:
            self.admin(f"CREATE DATABASE {name} TEMPLATE template0")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        from pdsa_desk.core.database import open_workspace

        self.admin(f"DROP DATABASE IF EXISTS {PG_TEMPLATE_DB} WITH (FORCE)")
        self.admin(f"CREATE DATABASE {PG_TEMPLATE_DB} TEMPLATE template0")
        open_workspace(self.url(PG_TEMPLATE_DB)).close()  # the real migration chain, plus the seeded defaults
        self._template_ready = True

    def dispose(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
            self._admin = None


def _pg_bindir() -> Path | None:
    """The newest PostgreSQL server binaries installed (Debian layout), or None.

    ``PDSA_PG_BINDIR`` picks another folder (one without initdb: as if none were installed).
    """
    found = []
    chosen = os.environ.get("PDSA_PG_BINDIR")
    for candidate in [chosen] if chosen else glob.glob("/usr/lib/postgresql/*/bin"):
        path = Path(candidate)
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            version = path.parent.name
            found.append((int(version) if version.isdigit() else 0, path))
    return max(found)[1] if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("PDSA_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL tests are required here (PDSA_REQUIRE_POSTGRES=1) but: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A running throwaway PostgreSQL server (skips, with the reason, when there is none to start)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _pg_unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    bindir = _pg_bindir()
    if bindir is None:
        _pg_unavailable("no PostgreSQL server binaries (initdb, pg_ctl) under "
                        f"{os.environ.get('PDSA_PG_BINDIR') or '/usr/lib/postgresql/*/bin'} "
                        "(Debian: apt-get install postgresql)")
    run_as = None
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")
        except KeyError:
            _pg_unavailable("running as root, and there is no 'postgres' user to run initdb as")
        if _shutil.which("runuser") is None:
            _pg_unavailable("running as root, and 'runuser' is missing to run initdb as 'postgres'")
        run_as = "postgres"
    base = Path(tempfile.mkdtemp(prefix="pdsa-pg-"))  # short: the server's socket lives here too
    if run_as:
        _shutil.chown(base, user=run_as)
    server = PgServer(bindir, base, _free_port(), run_as)

    def cleanup() -> None:
        server.dispose()
        server.stop()
        _shutil.rmtree(base, ignore_errors=True)

    atexit.register(cleanup)  # also after an interrupted session
    try:
        server.initdb()
        server.start()
    except RuntimeError as exc:
        cleanup()
        _pg_unavailable(f"the PostgreSQL server could not be started: {exc}")
    try:
        yield server
    finally:
        cleanup()
        atexit.unregister(cleanup)


@pytest.fixture(scope="session")
def demo_as_of() -> date:
    """The date the session's demo workspace (``demo_file``) was written for."""
    return DEMO_AS_OF


# ==================================== end of PostgreSQL block ===============================

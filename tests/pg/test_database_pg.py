"""A workspace on a PostgreSQL server: migrations, refusals, lost connections, passwords, analysis.

(The upgrade of saved workspace *files* of every schema revision is SQLite-only:
see tests/core/test_database.py.)
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import create_engine, inspect, text

from pdsa_desk.core import database, schema, secrets, services
from pdsa_desk.core.check import check_workspace, workspace_info
from pdsa_desk.core.connection import AuthenticationFailed, ConnectionLost
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import PdsaError, WorkspaceError
from pdsa_desk.core.models import ALL_TABLES
from pdsa_desk.core.schema import current_revision, head_revision
from tests.core.test_database import install_next_revision

pytestmark = pytest.mark.postgres


def _sql(url: str, sql: str) -> None:
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


@pytest.fixture
def empty_db(pg_server) -> Iterator[str]:
    """The URL of a new, empty database (no schema yet)."""
    url = pg_server.new_database(migrated=False)
    yield url
    pg_server.drop_database(url)


# --- migrations ----------------------------------------------------------------------------


def test_new_database_is_created_through_the_migrations(empty_db: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pdsa_desk.core.schema")
    ws = open_workspace(empty_db)
    try:
        assert current_revision(ws.engine) == head_revision()
        assert {t.__tablename__ for t in ALL_TABLES} <= set(inspect(ws.engine).get_table_names())
        assert ws.backup_path is None and ws.path is None and not ws.is_sqlite
        assert services.get_settings(ws).max_active_cycles_per_rep == 2
        assert [r.name for r in services.list_loss_reasons(ws)] == list(services.DEFAULT_LOSS_REASONS)
        assert "Creating the workspace schema" in caplog.text
    finally:
        ws.close()


def test_two_laptops_opening_a_new_database_at_once_create_it_once(empty_db: str) -> None:
    results: list[object] = []

    def open_it() -> None:
        try:
            results.append(open_workspace(empty_db))
        except Exception as exc:  # noqa: BLE001 - reported below
            results.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    workspaces = [r for r in results if isinstance(r, database.Workspace)]
    try:
        assert len(workspaces) == 2, results
        with workspaces[0].engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM workspace_settings")).scalar() == 1
            assert conn.execute(text("SELECT count(*) FROM loss_reason")).scalar() == 4
    finally:
        for ws in workspaces:
            ws.close()


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(pg_ws) -> None:
    url = pg_ws.url
    pg_ws.close()
    _sql(url, "UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    with pytest.raises(WorkspaceError, match="newer version of pdsa-desk") as info:
        open_workspace(url)
    assert "the database has not been changed" in str(info.value)
    engine = create_engine(url)
    try:
        assert current_revision(engine) == "ffff_from_the_future"
    finally:
        engine.dispose()


def test_upgrade_on_the_server_makes_no_backup_file_and_says_why(
    pg_ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    services.create_team(pg_ws, "Kept")
    url = pg_ws.url
    pg_ws.close()
    install_next_revision(tmp_path / "next", monkeypatch, (
        "    with op.batch_alter_table('team') as b:\n"
        "        b.add_column(sa.Column('motto', sa.String(50), nullable=True))\n"))
    caplog.set_level(logging.INFO, logger="pdsa_desk.core.schema")
    ws = open_workspace(url)
    try:
        assert current_revision(ws.engine) == "9000"
        assert "motto" in {c["name"] for c in inspect(ws.engine).get_columns("team")}
        assert [t.name for t in services.list_teams(ws)] == ["Kept"]
        assert ws.backup_path is None
        assert "server backups are the administrator's job" in caplog.text
    finally:
        ws.close()


def test_a_failed_migration_leaves_the_server_database_as_it_was(
    pg_ws, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.create_team(pg_ws, "Kept")
    url = pg_ws.url
    pg_ws.close()
    old_revision = head_revision()
    real_config = schema._alembic_config
    install_next_revision(tmp_path / "next", monkeypatch, (
        "    op.create_table('extra', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute('INSERT INTO no_such_table VALUES (1)')\n"))
    with pytest.raises(WorkspaceError, match="Could not prepare"):
        open_workspace(url)
    monkeypatch.setattr(schema, "_alembic_config", real_config)
    ws = open_workspace(url)
    try:
        assert current_revision(ws.engine) == old_revision
        assert "extra" not in inspect(ws.engine).get_table_names()  # PostgreSQL DDL is transactional
        assert [t.name for t in services.list_teams(ws)] == ["Kept"]
    finally:
        ws.close()


def test_a_database_of_another_program_is_refused_and_left_alone(empty_db: str) -> None:
    _sql(empty_db, "CREATE TABLE invoices (id integer)")
    with pytest.raises(WorkspaceError, match=r"1 table of another program"):
        open_workspace(empty_db)
    engine = create_engine(empty_db)
    try:
        assert inspect(engine).get_table_names() == ["invoices"]
    finally:
        engine.dispose()


def test_probe_says_what_connecting_would_do_and_changes_nothing(pg_server, empty_db: str) -> None:
    first = database.probe_server(empty_db)
    assert first.message.startswith(f"Connected to PostgreSQL {pg_server.bindir.parent.name}")
    assert first.schema is None and "a new workspace will be created" in first.message
    engine = create_engine(empty_db)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()
    open_workspace(empty_db).close()
    again = database.probe_server(empty_db)
    assert again.schema == head_revision() and "It holds a pdsa-desk workspace" in again.message
    with pytest.raises(ConnectionLost, match="Cannot connect"):
        database.probe_server(f"postgresql+psycopg://postgres@127.0.0.1:{pg_server.unused_port()}/x")


# --- lost connections ----------------------------------------------------------------------


def test_a_lost_server_is_reported_and_the_same_call_works_once_it_is_back(pg_server, pg_ws) -> None:
    team = services.create_team(pg_ws, "North")
    pg_server.stop()
    try:
        with pytest.raises(ConnectionLost) as info:
            services.rename_team(pg_ws, team.id, "South")
        message = str(info.value)
        assert message.startswith(f"The team database at 127.0.0.1:{pg_server.port} is not reachable: ")
        assert message.endswith("Your edit was not saved; try again.")
        assert isinstance(info.value, WorkspaceError) and info.value.during == "edit"
        with pytest.raises(ConnectionLost, match="is not reachable") as read:
            services.list_teams(pg_ws)
        assert read.value.during == "read" and "edit" not in str(read.value)
    finally:
        pg_server.start()
    # The same Workspace object, the same call: the pool replaces its dead connections.
    assert services.rename_team(pg_ws, team.id, "South").name == "South"
    assert [t.name for t in services.list_teams(pg_ws)] == ["South"]


def test_connections_cut_by_the_server_are_replaced_silently(pg_server, pg_ws) -> None:
    services.create_team(pg_ws, "North")
    database_name = pg_ws.url.rsplit("/", 1)[1]
    pg_server.admin(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database_name}'")
    assert [t.name for t in services.list_teams(pg_ws)] == ["North"]  # pre-ping: no error at all


def test_an_unreachable_server_cannot_be_opened(pg_server) -> None:
    port = pg_server.unused_port()
    with pytest.raises(ConnectionLost, match=f"Cannot connect to the team database at 127.0.0.1:{port}: "):
        open_workspace(f"postgresql+psycopg://postgres@127.0.0.1:{port}/nowhere")


def test_server_errors_that_are_not_connection_problems_are_not_disguised(pg_ws) -> None:
    # Not a lost connection, but still a plain message (issue 14: no operational error reaches the user raw).
    with pytest.raises(PdsaError) as info, pg_ws.transaction() as s:
        s.connection().exec_driver_sql("SET LOCAL statement_timeout = 1")
        s.connection().exec_driver_sql("SELECT pg_sleep(1)")
    assert not isinstance(info.value, ConnectionLost)
    assert "cancelled" in str(info.value) and "SELECT" not in str(info.value)
    assert services.list_teams(pg_ws) == []  # and the workspace still works


# --- passwords -----------------------------------------------------------------------------


@pytest.fixture
def password_user(pg_server, pg_ws) -> Iterator[tuple[str, str]]:
    """(URL without password, password) of a user the server checks the password of."""
    hba = pg_server.data / "pg_hba.conf"
    original = hba.read_text()
    hba.write_text("host all pdsa_pw 127.0.0.1/32 scram-sha-256\n" + original)
    pg_server.admin("CREATE ROLE pdsa_pw LOGIN SUPERUSER PASSWORD 'correct horse'")
    pg_server.admin("SELECT pg_reload_conf()")
    try:
        yield pg_ws.url.replace("postgres@", "pdsa_pw@"), "correct horse"
    finally:
        hba.write_text(original)
        pg_server.admin("SELECT pg_reload_conf()")
        pg_server.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'pdsa_pw'")
        pg_server.admin("DROP ROLE pdsa_pw")


def test_a_wrong_or_missing_password_is_refused_clearly(password_user, memory_keyring) -> None:
    url, _ = password_user
    with pytest.raises(AuthenticationFailed, match="refused user 'pdsa_pw'"):
        open_workspace(url, password="wrong")
    with pytest.raises(AuthenticationFailed):
        open_workspace(url)  # nothing in the keyring either


def test_the_password_comes_from_the_keyring_and_never_shows(
    password_user, memory_keyring, caplog: pytest.LogCaptureFixture
) -> None:
    url, password = password_user
    caplog.set_level(logging.DEBUG)
    assert secrets.store_password(url, password)
    user = secrets.keyring_username(url)
    assert user == f"pdsa_pw@127.0.0.1:{url.split(':')[2]}"  # user@host:port/db
    assert memory_keyring.store == {("pdsa-desk", user): password}
    ws = open_workspace(url)
    try:
        services.create_team(ws, "Secretive")
        for shown in (ws.url, ws.display_url, repr(ws), caplog.text):
            assert password not in shown
        assert ws.url == url
    finally:
        ws.close()
    explicit = open_workspace(url, password=password, use_keyring=False)
    try:
        assert [t.name for t in services.list_teams(explicit)] == ["Secretive"]
        assert password not in explicit.url
    finally:
        explicit.close()
    inline = open_workspace(url.replace("pdsa_pw@", "pdsa_pw:correct%20horse@"), use_keyring=False)
    try:
        assert inline.url == url and "horse" not in repr(inline)
    finally:
        inline.close()


# --- check, frames, study ------------------------------------------------------------------


def test_check_workspace_on_the_server(pg_ws) -> None:
    assert check_workspace(pg_ws) == []
    services.create_stage(pg_ws, "Lead")
    services.create_stage(pg_ws, "Won", terminal="won")
    with pg_ws.engine.begin() as conn:
        conn.execute(text("UPDATE stage SET position = 5 WHERE name = 'Won'"))
    assert [f.where for f in check_workspace(pg_ws)] == ["stage"]
    info = workspace_info(pg_ws)
    assert info.location == pg_ws.display_url and info.size_bytes is None
    assert info.schema == head_revision() and info.counts["Stages"] == 2


@pytest.fixture(scope="module")
def pg_demo(pg_server, demo_as_of) -> Iterator:
    """The standard demo (as in the ``demo_file`` fixture) written into a server database, read-only."""
    from pdsa_desk.core.demo import write_demo

    url = pg_server.new_database()
    ws = open_workspace(url)
    try:
        write_demo(ws, as_of=demo_as_of)
        yield ws
    finally:
        ws.close()
        pg_server.drop_database(url)


def _canonical(data) -> dict[str, pd.DataFrame]:
    """The frames with opportunities in id order (their row order is the database's own)."""
    opps = data.opportunities.sort_values("id").reset_index(drop=True)
    events = data.events.assign(opp=data.opportunities["id"].to_numpy()[data.events["opp"].to_numpy()])
    events = events.sort_values(["opp", "entered_at", "stage"]).reset_index(drop=True)
    return {"stages": data.stages, "reps": data.reps, "opportunities": opps, "events": events}


def test_analysis_frames_are_the_same_on_sqlite_and_postgres(pg_demo, demo_ws) -> None:
    from pdsa_desk.core.frames import load_analysis_data

    on_server = load_analysis_data(pg_demo)
    in_file = load_analysis_data(demo_ws)
    assert len(on_server.opportunities) > 1000
    for name, frame in _canonical(in_file).items():
        pd.testing.assert_frame_equal(_canonical(on_server)[name], frame, obj=name)
    for frame in (on_server.opportunities, on_server.events):
        for col in frame.columns:
            if "_at" in col:
                assert str(frame[col].dtype) == "datetime64[ns, UTC]"


def test_study_and_metrics_on_the_server(pg_demo, demo_as_of) -> None:
    from pdsa_desk.core import conversion, pipeline
    from pdsa_desk.core.frames import load_analysis_data
    from pdsa_desk.core.funnel_compare import compare_reps
    from pdsa_desk.core.study import study_cycle, team_improvement

    as_of = datetime(demo_as_of.year, demo_as_of.month, demo_as_of.day, 18, tzinfo=UTC)
    data = load_analysis_data(pg_demo)
    cycles = services.list_cycles(pg_demo)
    assert len(cycles) == 12
    for cycle in cycles:
        s = study_cycle(pg_demo, cycle.id, as_of=as_of, data=data)
        assert s.ready == (s.verdict == "ready")
        team_improvement(pg_demo, cycle.id, as_of=as_of, data=data)
    rc = compare_reps(pg_demo, from_stage=1, start=as_of - timedelta(weeks=26), end=as_of, as_of=as_of, data=data)
    assert len(rc.table) == 8
    table = conversion.conversion_table(data, period="month", as_of=as_of)
    assert not table.empty
    assert not pipeline.aging(data, as_of).empty

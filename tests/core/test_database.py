"""Opening workspaces: creation through migrations, upgrades with backups, refusals."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import inspect

from pdsa_desk.core import connection, database, schema, services
from pdsa_desk.core.database import open_workspace
from pdsa_desk.core.errors import WorkspaceError
from pdsa_desk.core.models import ALL_TABLES
from pdsa_desk.core.schema import current_revision, head_revision

DATA = Path(__file__).parent.parent / "data"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_workspace_is_created_through_the_migrations(tmp_path: Path) -> None:
    ws = open_workspace(tmp_path / "new.sqlite")
    try:
        assert current_revision(ws.engine) == head_revision()
        tables = set(inspect(ws.engine).get_table_names())
        assert {t.__tablename__ for t in ALL_TABLES} <= tables
        assert ws.backup_path is None
        assert services.get_settings(ws).max_active_cycles_per_rep == 2
        assert [r.name for r in services.list_loss_reasons(ws)] == [
            "No decision", "Chose a competitor", "Not a credible lead", "Timing / budget"]
    finally:
        ws.close()


def test_sqlite_pragmas(ws) -> None:
    with ws.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == connection.SQLITE_BUSY_TIMEOUT_MS


def test_foreign_keys_are_enforced(ws) -> None:
    from sqlalchemy.exc import IntegrityError

    from pdsa_desk.core.models import StageEvent

    with pytest.raises(IntegrityError), ws.transaction() as s:
        s.add(StageEvent(opportunity_id="nope", stage_id="nope"))


def test_reopening_a_current_workspace_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    open_workspace(path).close()
    ws = open_workspace(path)
    ws.close()
    assert ws.backup_path is None
    assert not list(tmp_path.glob("*backup*"))


def test_a_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    open_workspace(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(WorkspaceError, match="newer version of pdsa-desk"):
        open_workspace(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.sqlite"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"hello, I am a text file\n", "not an SQLite database"), (b"SQLite format 3\x00" + b"\x00" * 100, None)],
    ids=["text-file", "truncated-sqlite"],
)
def test_files_that_are_not_workspaces_are_refused(tmp_path: Path, content: bytes, message: str | None) -> None:
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    with pytest.raises(WorkspaceError, match=message):
        open_workspace(path)
    assert path.read_bytes() == content


def test_an_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.commit()
    con.close()
    before = _digest(path)
    with pytest.raises(WorkspaceError, match="not a pdsa-desk workspace"):
        open_workspace(path)
    assert _digest(path) == before


def test_missing_file_is_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="There is no workspace"):
        open_workspace(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="folder"):
        open_workspace(tmp_path)


def test_transaction_rolls_back_everything_on_error(ws) -> None:
    from pdsa_desk.core.models import Team

    with pytest.raises(RuntimeError), ws.transaction() as s:
        s.add(Team(name="A"))
        s.flush()
        raise RuntimeError("boom")
    assert services.list_teams(ws) == []


def test_display_url_hides_passwords() -> None:
    ws = database.Workspace(url="postgresql+psycopg://ann:secret@db.example/sales", engine=None)  # type: ignore[arg-type]
    assert "secret" not in ws.display_url
    assert not ws.is_sqlite and ws.path is None


# --- saved workspaces of every released schema version ------------------------------------

SAVED = sorted(DATA.glob("workspace-schema-*.sqlite"))


def test_there_is_a_saved_workspace_for_every_schema_revision() -> None:
    saved = {p.stem.removeprefix("workspace-schema-") for p in SAVED}
    assert schema.known_revisions() <= saved, "save a workspace of each revision under tests/data/"


@pytest.mark.parametrize("saved", SAVED, ids=[p.stem for p in SAVED])
def test_saved_workspaces_open_and_keep_their_data(saved: Path, tmp_path: Path) -> None:
    path = tmp_path / saved.name
    shutil.copyfile(saved, path)
    ws = open_workspace(path)
    try:
        assert current_revision(ws.engine) == head_revision()
        assert [s.name for s in services.list_stages(ws)] == ["Lead", "Qualified", "Won"]
        assert {r.name for r in services.list_reps(ws)} == {"Ann", "Bo"}
        cycles = services.list_cycles(ws)
        assert [c.title for c in cycles] == ["Call within an hour"]
        assert services.observations(ws, cycles[0].id)[0].text == "Faster replies"
        if saved.stem.removeprefix("workspace-schema-") != head_revision():
            assert ws.backup_path is not None and ws.backup_path.exists()
    finally:
        ws.close()


def make_saved_workspace(path: Path) -> None:
    """How the files in tests/data were made (run at each new schema revision)."""
    from datetime import UTC, datetime

    ws = open_workspace(path)
    lead = services.create_stage(ws, "Lead", checklist=["Contact named"])
    qualified = services.create_stage(ws, "Qualified")
    services.create_stage(ws, "Won", terminal="won")
    team = services.create_team(ws, "East")
    ann = services.create_rep(ws, "Ann", team_id=team.id)
    services.create_rep(ws, "Bo", team_id=team.id)
    opp = services.create_opportunity(ws, "Acme", rep_id=ann.id, stage_id=lead.id,
                                      opened_at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    services.move_opportunity(ws, opp.id, qualified.id, entered_at=datetime(2026, 1, 9, 9, tzinfo=UTC))
    cycle = services.create_cycle(ws, "Call within an hour", from_stage_id=lead.id, owner_rep_id=ann.id,
                                  prediction_rate=0.5)
    services.add_observation(ws, cycle.id, "Faster replies")
    # from 0003 on (tests/core/test_phases.py checks them in the 0003 file)
    services.add_chart_phase(ws, lead.id, datetime(2026, 1, 12, tzinfo=UTC), reason="New call script", author="Ann")
    services.start_cycle(ws, cycle.id, started_at=datetime(2026, 1, 12, 9, tzinfo=UTC))
    # from 0004 on: a tactic needing marketing, a marketing initiative and a forecast
    from datetime import date

    services.create_tactic(ws, "Webinar invitation", stage_id=lead.id, needs_marketing=True,
                           marketing_effort="One landing page")
    services.create_initiative(ws, "Spring webinar", channel="inbound web", stage_id=lead.id,
                               starts_on=date(2026, 1, 5), ends_on=date(2026, 1, 30), owner="Mia",
                               talking_points="Mention the webinar recording", link="https://example.com/webinar")
    services.create_forecast(ws, "Mia", role="marketing", period_start=date(2026, 1, 1),
                             period_end=date(2026, 3, 31), metric="leads", scope_kind="channel",
                             channel="inbound web", value=120, made_at=datetime(2025, 12, 20, tzinfo=UTC))
    services.create_forecast(ws, "Ann", period_start=date(2026, 1, 1), period_end=date(2026, 1, 31),
                             metric="stage_entries", stage_id=qualified.id, scope_kind="rep", rep_id=ann.id,
                             value=4, made_at=datetime(2025, 12, 28, tzinfo=UTC))
    ws.close()


# --- upgrades: backup first, then migrate ------------------------------------------------


def install_next_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgrade_body: str) -> None:
    """Make the app see the real migration chain plus one more revision, as a next release would ship it."""
    scripts = tmp_path / "migrations"
    shutil.copytree(Path(str(resources.files("pdsa_desk.core") / "migrations")), scripts)
    (scripts / "versions" / "9000_next.py").write_text(
        "from alembic import op\nimport sqlalchemy as sa\n"
        f"revision = '9000'\ndown_revision = {head_revision()!r}\nbranch_labels = None\ndepends_on = None\n"
        "def upgrade():\n" + upgrade_body
    )
    original = schema._alembic_config

    def config(connection=None):
        cfg = original(connection)
        cfg.set_main_option("script_location", str(scripts))
        return cfg

    monkeypatch.setattr(schema, "_alembic_config", config)


def test_upgrade_backs_up_the_file_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    ws = open_workspace(path)
    services.create_team(ws, "Kept")
    ws.close()
    old_revision = head_revision()
    install_next_revision(tmp_path, monkeypatch, (
        "    with op.batch_alter_table('team') as b:\n"
        "        b.add_column(sa.Column('motto', sa.String(50), nullable=True))\n"))
    ws = open_workspace(path)
    try:
        assert current_revision(ws.engine) == "9000"
        assert "motto" in {c["name"] for c in inspect(ws.engine).get_columns("team")}
        assert [t.name for t in services.list_teams(ws)] == ["Kept"]
        backup = ws.backup_path
        assert backup is not None and backup.parent == tmp_path and "backup" in backup.name
    finally:
        ws.close()
    con = sqlite3.connect(backup)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_revision
        assert con.execute("SELECT name FROM team").fetchall() == [("Kept",)]
    finally:
        con.close()


def test_a_failed_migration_leaves_the_workspace_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    ws = open_workspace(path)
    services.create_team(ws, "Kept")
    ws.close()
    old_revision = head_revision()
    real_config = schema._alembic_config
    install_next_revision(tmp_path, monkeypatch, (
        "    op.create_table('extra', sa.Column('id', sa.Integer, primary_key=True))\n"
        "    op.execute('INSERT INTO no_such_table VALUES (1)')\n"))
    with pytest.raises(WorkspaceError, match="Could not prepare"):
        open_workspace(path)
    monkeypatch.setattr(schema, "_alembic_config", real_config)
    ws = open_workspace(path)
    try:
        assert current_revision(ws.engine) == old_revision
        assert "extra" not in inspect(ws.engine).get_table_names()
        assert [t.name for t in services.list_teams(ws)] == ["Kept"]
    finally:
        ws.close()

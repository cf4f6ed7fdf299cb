"""What start-up relies on: peeking at a workspace file with sqlite3 alone, and knowing the schema
revisions without Alembic (docs/performance.md, "cold start")."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pdsa_desk.core import schema, services
from pdsa_desk.core.database import WorkspacePeek, open_workspace, peek_workspace_file
from pdsa_desk.core.errors import WorkspaceError
from pdsa_desk.core.schema import head_revision, known_revisions


def _alembic_view() -> tuple[set[str], str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(schema._alembic_config())
    return {r.revision for r in scripts.walk_revisions()}, scripts.get_current_head()


def test_revisions_read_from_the_scripts_are_alembics() -> None:
    fast = schema._scripts_read_as_text()
    assert fast is not None  # the scripts are plain source: Alembic is not needed to check a file
    known, head = _alembic_view()
    assert set(fast[0]) == known and fast[1] == head
    assert known_revisions() == known and head_revision() == head


def test_alembic_is_asked_when_it_is_pointed_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = []
    real = schema._alembic_config

    def config(connection=None):
        asked.append(1)
        return real(connection)

    monkeypatch.setattr(schema, "_alembic_config", config)
    assert head_revision() == _alembic_view()[1]
    assert asked


def test_a_current_workspace_opens_without_importing_sqlalchemy_first_or_alembic(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    open_workspace(path).close()  # created (this one migrates, in this process)
    code = (
        "import sys\n"
        "from pdsa_desk.core import database\n"
        "assert 'sqlalchemy' not in sys.modules, 'database imported SQLAlchemy'\n"
        f"peek = database.peek_workspace_file({str(path)!r})\n"
        "assert 'sqlalchemy' not in sys.modules, 'peeking imported SQLAlchemy'\n"
        f"database.open_workspace({str(path)!r}).close()\n"
        "print(peek.revision, 'alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [head_revision(), "False"]


def test_peek_reads_revision_and_name_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "w.sqlite"
    ws = open_workspace(path)
    services.update_settings(ws, name="Sales North")
    ws.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    peek = peek_workspace_file(path)
    assert peek == WorkspacePeek(path.resolve(), head_revision(), "Sales North")
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not Path(f"{path}-wal").exists()


def test_peek_at_a_new_file_and_at_urls(tmp_path: Path) -> None:
    assert peek_workspace_file(tmp_path / "new.sqlite") == WorkspacePeek((tmp_path / "new.sqlite").resolve(), None,
                                                                         None)
    assert not (tmp_path / "new.sqlite").exists()
    assert peek_workspace_file("postgresql+psycopg://u@host/db") is None
    assert peek_workspace_file(f"sqlite:///{tmp_path / 'x.sqlite'}") is None


def test_peek_refuses_what_open_refuses(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("hello")
    with pytest.raises(WorkspaceError, match="not an SQLite database"):
        peek_workspace_file(text)
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE invoices (id integer)")
    con.commit()
    con.close()
    with pytest.raises(WorkspaceError, match="not a pdsa-desk workspace"):
        peek_workspace_file(other)
    newer = tmp_path / "newer.sqlite"
    open_workspace(newer).close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    digest = hashlib.sha256(newer.read_bytes()).hexdigest()
    with pytest.raises(WorkspaceError, match="newer version"):
        peek_workspace_file(newer)
    assert hashlib.sha256(newer.read_bytes()).hexdigest() == digest
    with pytest.raises(WorkspaceError, match="is a folder"):
        peek_workspace_file(tmp_path)

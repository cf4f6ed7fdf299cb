"""PostgreSQL workspaces for the tests in this folder (the server itself: ``pg_server`` in tests/conftest.py).

``ws`` is overridden here: every test in this folder that asks for ``ws`` gets a
new workspace in its own PostgreSQL database (a copy of a migrated template),
so the service tests of tests/core can be re-run unchanged against the server.
Modules that import those tests (``from tests.core.test_services import *``)
must define ``ws`` again after the import, as the imported module's own ``ws``
fixture would otherwise win.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # tests/ has no __init__.py: import reused tests as tests.core.<module>
    sys.path.insert(0, str(ROOT))
pytest.register_assert_rewrite("tests.core")


@pytest.fixture
def pg_ws(pg_server) -> Iterator:
    """A new, empty workspace (migrated, with the seeded defaults) in its own PostgreSQL database."""
    from pdsa_desk.core.database import open_workspace

    url = pg_server.new_database()
    workspace = open_workspace(url)
    assert workspace.backup_path is None
    yield workspace
    workspace.close()
    pg_server.drop_database(url)


@pytest.fixture
def ws(pg_ws):
    return pg_ws


class MemoryKeyring:
    """A keyring backend in memory: the tests never touch the real keyring."""

    priority = 1

    def __init__(self) -> None:
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    """A usable keyring for pdsa_desk.core.secrets, in memory."""
    from pdsa_desk.core import secrets

    backend = MemoryKeyring()
    monkeypatch.setattr(secrets, "_backend", lambda: backend)
    return backend

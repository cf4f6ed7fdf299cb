"""The service tests of tests/core/test_services.py, re-run on a PostgreSQL workspace.

Every test there that works on the ``ws`` / ``team_ws`` fixtures runs here too,
unchanged, against a fresh database per test (see tests/pg/conftest.py). Left
out: the ones that are about a SQLite file (reopening it by path, copying a
template file per hypothesis example) and the source-coverage check.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import tests.core.test_services as _reused_module
from tests.core.test_services import *  # noqa: F403

pytestmark = pytest.mark.postgres

SQLITE_ONLY = (
    "test_update_settings_changes_and_persists",  # reopens ws.path; see test_settings_persist_on_the_server
    "test_a_refused_call_leaves_the_file_unchanged_after_reopening",  # a SQLite file by path
    "test_stage_positions_stay_contiguous",  # copies the SQLite template file per example
    "test_every_public_service_is_covered_here",  # about the source file, not a database
)
for _name in SQLITE_ONLY:
    globals().pop(_name, None)


@pytest.fixture
def ws(pg_ws) -> Iterator:
    yield pg_ws


def test_settings_persist_on_the_server(pg_server) -> None:
    """What test_update_settings_changes_and_persists checks, reopening by URL instead of path."""
    from pdsa_desk.core import services as sv
    from pdsa_desk.core.database import open_workspace

    url = pg_server.new_database()
    first = open_workspace(url)
    try:
        sv.update_settings(first, name="  North sales  ", week_start_day=6, max_active_cycles_per_rep=3,
                           default_window_days=45, currency="eur", time_zone="Europe/Berlin", max_marketing_cycles=2)
        sv.update_settings(first, week_start_day=0)
    finally:
        first.close()
    again = open_workspace(url)
    try:
        row = sv.get_settings(again)
        assert (row.name, row.week_start_day, row.max_active_cycles_per_rep, row.default_window_days) == (
            "North sales", 0, 3, 45)
        assert (row.currency, row.time_zone, row.max_marketing_cycles) == ("EUR", "Europe/Berlin", 2)
    finally:
        again.close()
        pg_server.drop_database(url)


def test_team_settings_merge_into_a_server_workspace(pg_server, tmp_path) -> None:
    """A laptop's newer team settings arrive on the team's server with its work (the name stays)."""
    from pdsa_desk.core import services as sv
    from pdsa_desk.core.database import open_workspace
    from pdsa_desk.core.exchange import export_bundle, merge_bundle

    url = pg_server.new_database()
    server = open_workspace(url)
    laptop = open_workspace(tmp_path / "laptop.sqlite")
    try:
        sv.update_settings(server, name="Team server")
        sv.update_settings(laptop, name="Laptop", time_zone="America/Los_Angeles", currency="USD")
        export_bundle(laptop, tmp_path / "work.pdsa")
        report = merge_bundle(server, tmp_path / "work.pdsa")
        row = sv.get_settings(server)
        assert (row.name, row.time_zone, row.currency) == ("Team server", "America/Los_Angeles", "USD")
        assert "Time zone: UTC → America/Los_Angeles" in report.settings
    finally:
        laptop.close()
        server.close()
        pg_server.drop_database(url)


def test_the_reused_tests_are_here() -> None:
    reused = {n for n in vars(_reused_module) if n.startswith("test_")} - set(SQLITE_ONLY)
    assert len(reused) > 90
    assert reused <= set(globals())

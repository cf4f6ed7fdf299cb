"""The import tests of tests/core/test_import.py, re-run on a PostgreSQL workspace.

Every test there that works on the ``ws`` fixture runs here too, unchanged,
against a fresh database per test (see tests/pg/conftest.py): on a server the
importer writes through SQLAlchemy Core with ordinary Python values instead of
the SQLite driver fast path, and keeps its indexes and foreign-key checks. Left
out: the tests about SQLite itself (its index and pragma handling, a template
file copied per hypothesis example).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import tests.core.test_import as _reused_module
from tests.core.test_import import *  # noqa: F403

pytestmark = pytest.mark.postgres

SQLITE_ONLY = (
    "test_a_big_first_import_builds_the_event_indexes_once",  # SQLite's index deferral
    "test_a_cancel_while_the_indexes_are_deferred_puts_them_back",
    "test_references_are_checked_again_after_every_import",  # SQLite's foreign_keys pragma
    "test_a_connection_still_in_a_transaction_is_discarded_not_pooled_unchecked",
    "test_the_fast_path_imports_exactly_what_the_careful_path_does",  # copies a SQLite template per example
)
for _name in SQLITE_ONLY:
    globals().pop(_name, None)


@pytest.fixture
def ws(pg_ws) -> Iterator:
    yield pg_ws


def test_the_reused_tests_are_here() -> None:
    reused = {n for n in vars(_reused_module) if n.startswith("test_")} - set(SQLITE_ONLY)
    assert len(reused) > 35

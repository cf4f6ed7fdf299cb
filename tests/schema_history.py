"""What each schema revision added, so that tests can turn a current file into one of revision 0001.

One list for every test that needs an "older" workspace or bundle (the merge, the bundle upgrade and the
reliability drills): a new migration adds its tables, columns and indexes here, and all of them keep working.
"""

from __future__ import annotations

#: Tables added after 0001, newest first.
ADDED_TABLES: tuple[str, ...] = (
    "forecast", "marketing_initiative",  # 0004
    "chart_phase",  # 0003
    "merge_origin", "merge_identity_map",  # 0002
)

#: Columns added after 0001: table -> columns.
ADDED_COLUMNS: dict[str, tuple[str, ...]] = {
    "workspace_settings": ("currency", "time_zone", "max_marketing_cycles"),  # 0004
    "team": ("active",),  # 0004
    "stage_event": ("wip_override",),  # 0004
    "tactic": ("archived_at", "needs_marketing", "marketing_effort"),  # 0004
    "cycle": ("archived_at", "cap_override",  # 0004
              "started_at", "studied_at", "acted_at", "early_study_reason", "early_decision_reason"),  # 0003
}


#: Indexes added after 0001 on tables 0001 had.
ADDED_INDEXES: tuple[str, ...] = (
    "ix_opportunity_live_outcome",  # 0005
)


def to_revision_0001() -> list[str]:
    """SQL that turns a current workspace file into one of revision 0001 with the same data."""
    statements = [f"DROP INDEX {index}" for index in ADDED_INDEXES]
    statements += [f"DROP TABLE {table}" for table in ADDED_TABLES]
    statements += [f"ALTER TABLE {table} DROP COLUMN {column}"
                   for table, columns in ADDED_COLUMNS.items() for column in columns]
    return [*statements, "UPDATE alembic_version SET version_num = '0001'"]

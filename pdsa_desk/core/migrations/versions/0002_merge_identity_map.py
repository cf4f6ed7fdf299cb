"""merge bookkeeping: identity map and merge origins

Two small tables of *local* bookkeeping used when merging bundles from other
laptops (see pdsa_desk.core.exchange, where they are declared with SQLAlchemy
Core on the same metadata):

* ``merge_identity_map``: a stage, rep, team, tactic or loss reason of another
  workspace (``origin_workspace_id``) that the user mapped to an existing local
  row with the same name; remembered so the next bundle from that origin maps
  the same way.
* ``merge_origin``: per origin, the export time of the newest bundle merged
  from it (what this workspace has already seen of that origin), used to tell
  "changed on both sides" conflicts from plain updates.

Written by hand (batch mode for SQLite, like 0001).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('merge_identity_map',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('origin_workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('table_name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('remote_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('local_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merge_identity_map')),
    sa.UniqueConstraint('origin_workspace_id', 'table_name', 'remote_id',
                        name='uq_merge_identity_map_origin_table_remote')
    )
    op.create_table('merge_origin',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('origin_workspace_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('origin_name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('last_exported_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_merged_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_merge_origin')),
    sa.UniqueConstraint('origin_workspace_id', name=op.f('uq_merge_origin_origin_workspace_id'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('merge_origin')
    op.drop_table('merge_identity_map')

"""chart phases in the workspace; when each cycle step was taken

* ``chart_phase``: the phases and frozen baselines a team declares on a
  transition's conversion chart, with who (``author``), when (``created_at``)
  and why (``reason``). They used to be kept in each laptop's settings; now they
  are workspace data like every other row (UUID, stamps, tombstone), so they are
  shared on a server and carried by bundles. Phases kept in a laptop's settings
  before this revision are not carried over: the team declares them again, with
  their reason.
* ``cycle.started_at``, ``studied_at``, ``acted_at``: when the cycle actually
  moved to Do, Study and Act (NULL for moves made before this revision), so that
  a study starts when the cycle started and a past week's report can tell a
  cycle's status then.
* ``cycle.early_study_reason``, ``early_decision_reason``: why the team moved to
  Study before any outcome was known, or decided while the study said "too
  early" (both confirmed by the user; empty otherwise).

Written by hand (batch mode for SQLite, like 0001 and 0002).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('chart_phase',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('stage_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('starts_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('author', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_chart_phase_stage_id_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chart_phase'))
    )
    with op.batch_alter_table('chart_phase', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chart_phase_stage_id'), ['stage_id'], unique=False)

    with op.batch_alter_table('cycle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('studied_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('acted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('early_study_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('early_decision_reason', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('cycle', schema=None) as batch_op:
        batch_op.drop_column('early_decision_reason')
        batch_op.drop_column('early_study_reason')
        batch_op.drop_column('acted_at')
        batch_op.drop_column('studied_at')
        batch_op.drop_column('started_at')
    with op.batch_alter_table('chart_phase', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chart_phase_stage_id'))
    op.drop_table('chart_phase')

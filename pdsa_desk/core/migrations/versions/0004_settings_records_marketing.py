"""workspace settings, archived records, WIP and cap overrides; marketing initiatives and forecasts

Everything the "whole week in the app" and the "marketing and sales on one page" work store:

* ``workspace_settings.currency`` (ISO 4217 code, "" = not chosen), ``time_zone`` (IANA name,
  ``UTC`` for workspaces made before this revision, so their weeks do not move) and
  ``max_marketing_cycles`` (how many cycles needing marketing support may run at once; NULL = no cap).
* ``team.active``: a team can be deactivated without losing its history.
* ``stage_event.wip_override``: the move entered a stage at or over its WIP limit, confirmed.
* ``tactic.archived_at``, ``cycle.archived_at``: archived records stay, hidden from current work.
* ``tactic.needs_marketing``, ``tactic.marketing_effort``: the tactic asks for marketing's time.
* ``cycle.cap_override``: which cap the team knowingly went over when the cycle started.
* ``marketing_initiative``: dated marketing pushes (channel, target stage, owner, talking points).
* ``forecast``: numbers someone predicted for a month or quarter, held against actuals.

Written by hand (batch mode for SQLite, like 0001-0003).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 18:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    ]


def upgrade() -> None:
    """Upgrade schema."""
    # Plain ALTER TABLE ADD COLUMN (SQLite and PostgreSQL both have it): batch mode would rebuild
    # tables that other tables reference, which the enforced foreign keys refuse.
    op.add_column('workspace_settings', sa.Column('currency', sa.String(length=3), nullable=False, server_default=''))
    op.add_column('workspace_settings', sa.Column('time_zone', sa.String(length=64), nullable=False,
                                                  server_default='UTC'))
    op.add_column('workspace_settings', sa.Column('max_marketing_cycles', sa.Integer(), nullable=True))
    op.add_column('team', sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.add_column('stage_event', sa.Column('wip_override', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('tactic', sa.Column('archived_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column('tactic', sa.Column('needs_marketing', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('tactic', sa.Column('marketing_effort', sa.Text(), nullable=False, server_default=''))
    op.add_column('cycle', sa.Column('archived_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    op.add_column('cycle', sa.Column('cap_override', sa.Text(), nullable=False, server_default=''))

    op.create_table('marketing_initiative',
    *_stamps(),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('stage_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('talking_points', sa.Text(), nullable=False, server_default=''),
    sa.Column('link', sa.Text(), nullable=False, server_default=''),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_marketing_initiative_stage_id_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_initiative'))
    )
    with op.batch_alter_table('marketing_initiative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_initiative_stage_id'), ['stage_id'], unique=False)

    op.create_table('forecast',
    *_stamps(),
    sa.Column('forecaster', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('metric', sa.String(length=16), nullable=False),
    sa.Column('scope_kind', sa.String(length=8), nullable=False),
    sa.Column('team_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('rep_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('channel', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('stage_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('made_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False, server_default=''),
    sa.ForeignKeyConstraint(['team_id'], ['team.id'], name=op.f('fk_forecast_team_id_team')),
    sa.ForeignKeyConstraint(['rep_id'], ['rep.id'], name=op.f('fk_forecast_rep_id_rep')),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], name=op.f('fk_forecast_stage_id_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_forecast'))
    )
    with op.batch_alter_table('forecast', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forecast_period_start'), ['period_start'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('forecast', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forecast_period_start'))
    op.drop_table('forecast')
    with op.batch_alter_table('marketing_initiative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_initiative_stage_id'))
    op.drop_table('marketing_initiative')
    with op.batch_alter_table('cycle', schema=None) as batch_op:
        batch_op.drop_column('cap_override')
        batch_op.drop_column('archived_at')
    with op.batch_alter_table('tactic', schema=None) as batch_op:
        batch_op.drop_column('marketing_effort')
        batch_op.drop_column('needs_marketing')
        batch_op.drop_column('archived_at')
    with op.batch_alter_table('stage_event', schema=None) as batch_op:
        batch_op.drop_column('wip_override')
    with op.batch_alter_table('team', schema=None) as batch_op:
        batch_op.drop_column('active')
    with op.batch_alter_table('workspace_settings', schema=None) as batch_op:
        batch_op.drop_column('max_marketing_cycles')
        batch_op.drop_column('time_zone')
        batch_op.drop_column('currency')

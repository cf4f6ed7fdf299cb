"""an index of the live opportunities by outcome, with their ids

``ix_opportunity_live_outcome`` on ``opportunity (outcome, id) WHERE deleted_at IS NULL`` (a partial index on
SQLite and PostgreSQL alike). A board move checks its target stage's WIP limit by counting the open
opportunities whose latest event is in that stage (``services.opportunities.open_in_stage``). With this index the
open opportunities come in id order (so each one's latest event is looked up in the (opportunity, time) index in
key order) and need no table row for ``deleted_at``. Measured on the benchmark's 1M-event workspace (200,000
opportunities, 5,000 open), per stage: 38-45 ms by the outcome index, 31 ms by a plain (outcome, id) index, 15 ms
by this partial one -- the largest piece of what a user waits for after a move. No data changes.

Written by hand, like 0001-0004.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 17:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index('ix_opportunity_live_outcome', 'opportunity', ['outcome', 'id'], unique=False,
                    sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index('ix_opportunity_live_outcome', table_name='opportunity')

"""Alembic environment for pdsa-desk workspaces.

Run programmatically by :mod:`pdsa_desk.core.database` (no alembic.ini on the
user's machine): the caller passes an open connection in
``config.attributes["connection"]``. ``render_as_batch`` lets SQLite alter
tables by copy-and-move.
"""

from alembic import context

from pdsa_desk.core import models  # every table, the merge bookkeeping included

target_metadata = models.metadata
config = context.config


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

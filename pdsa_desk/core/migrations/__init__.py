"""The Alembic migration environment and revisions of the workspace schema."""

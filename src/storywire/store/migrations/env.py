"""Alembic environment: runs the append-only migrations in versions/ on the connection it is given."""
from alembic import context

from storywire.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only via `alembic` CLI with a URL
    import sqlalchemy as sa

    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no connection given and no sqlalchemy.url set: run `storywire db migrate`")
    connection = sa.create_engine(url).connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

"""Alembic environment: runs on the connection the store hands over (see migrate.py)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from costeo.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        from costeo.store.db import default_url

        url = default_url()
    with create_engine(url).begin() as fresh:
        _run(fresh)


if context.is_offline_mode():
    raise SystemExit("costeo's migrations run online only")
run_migrations_online()

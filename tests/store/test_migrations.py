"""The schema comes from the migrations, on both backends, and the models agree with it."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from costeo.store import Store
from costeo.store.migrate import alembic_config
from costeo.store.models import Base

TABLES = {"users", "entities", "grants", "programs", "formulations", "versions",
          "budget_lines", "comments", "audit_entries", "login_attempts", "alembic_version"}


def _head() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_empty_to_head(empty_store: Store) -> None:
    with empty_store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == set()
    empty_store.upgrade()
    with empty_store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == TABLES
        assert MigrationContext.configure(connection).get_current_revision() == _head()


def test_models_match_migrations(store: Store) -> None:
    """What `alembic check` does: autogenerate finds nothing to add, drop or alter."""
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_up_again(store: Store) -> None:
    with store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    with store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
    store.upgrade()
    with store.engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) == TABLES


def test_upgrade_is_idempotent(store: Store) -> None:
    store.upgrade()
    with store.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == _head()


def test_upgrade_from_the_first_revision_keeps_what_is_stored(demo: Store) -> None:
    with demo.engine.connect() as connection:
        before = {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                  for t in TABLES - {"alembic_version"}}
    with demo.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    with demo.engine.connect() as connection:
        indexes = {i["name"] for i in inspect(connection).get_indexes("login_attempts")}
        assert "ix_login_attempts_at" not in indexes
    demo.upgrade()
    with demo.engine.connect() as connection:
        after = {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                 for t in TABLES - {"alembic_version"}}
        indexes = {i["name"] for i in inspect(connection).get_indexes("login_attempts")}
        assert MigrationContext.configure(connection).get_current_revision() == _head() == "0002"
    assert after == before and before["versions"] > 0
    assert "ix_login_attempts_at" in indexes

"""Open a store: a SQLite file by default, PostgreSQL through a URL.

``with store.session() as s:`` is one transaction: committed when the block ends, rolled back
when it raises. On SQLite, write sessions start with ``BEGIN IMMEDIATE`` (the write lock is
taken first, so two writers queue behind the busy timeout instead of failing half-way), and
the connection runs with foreign keys on, WAL journal and a busy timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

ENV_URL = "COSTEO_DATABASE_URL"
SQLITE_BUSY_MS = 30_000


def default_url() -> str:
    return os.environ.get(ENV_URL) or f"sqlite:///{Path.cwd() / 'costeo.db'}"


def _sqlite_engine(url: str, begin: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql(begin)

    return engine


class Store:
    """The database behind the web app and ``costeo store``: engines and sessions."""

    def __init__(self, url: str, pool_size: int = 10, max_overflow: int = 20,
                 pre_ping: bool = True) -> None:
        self.url = url
        self.backend = make_url(url).get_backend_name()
        if self.backend == "sqlite":
            self.engine = _sqlite_engine(url, "BEGIN IMMEDIATE")
            self.read_engine = _sqlite_engine(url, "BEGIN")
        else:
            self.engine = create_engine(url, pool_size=pool_size, max_overflow=max_overflow,
                                        pool_pre_ping=pre_ping)
            self.read_engine = self.engine
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def session(self, readonly: bool = False) -> Iterator[Session]:
        """One transaction (committed when the block ends, rolled back if it raises).

        ``readonly`` sessions are for pages and exports: they do not take SQLite's write
        lock, and any attempt to write through them raises ``ReadOnlySession``.
        """
        factory = self._readers if readonly else self._sessions
        with factory() as session, session.begin():
            if readonly:
                session.info["readonly"] = True
            yield session

    def state(self) -> str:
        """A stamp of everything committed in the store: equal stamps, equal data.

        PostgreSQL: the current snapshot (``xmin:xmax:in-progress``), which moves whenever a
        writing transaction starts or ends; a read-only workload leaves it still. SQLite:
        writers are serialised and every change writes an audit entry (append-only), so the
        last entry's id stamps the data. Used to replay rendered pages while it holds.
        """
        query = ("SELECT pg_current_snapshot()::text" if self.backend == "postgresql"
                 else "SELECT coalesce(max(id), 0) FROM audit_entries")
        with self.read_engine.connect() as connection:
            return str(connection.exec_driver_sql(query).scalar_one())

    def upgrade(self, revision: str = "head") -> None:
        """Create or migrate the schema to ``revision`` (Alembic, no alembic.ini needed)."""
        from alembic import command

        from costeo.store.migrate import alembic_config

        with self.engine.begin() as connection:
            if self.backend == "postgresql":  # one migrating process at a time
                connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7311900115)")
            config = alembic_config(connection)
            command.upgrade(config, revision)

    def dispose(self) -> None:
        self.engine.dispose()
        if self.read_engine is not self.engine:
            self.read_engine.dispose()


def open_store(url: str | None = None, pool_size: int = 10, max_overflow: int = 20,
               pre_ping: bool = True) -> Store:
    """The store at ``url`` (default: :func:`default_url`). PostgreSQL only: the pool sizes
    (connections kept open, and extra ones allowed under load) and ``pre_ping`` (test each
    pooled connection before use: one round trip per session, but a database restart then
    costs no failed request)."""
    return Store(url or default_url(), pool_size, max_overflow, pre_ping)


class ReadOnlySession(RuntimeError):
    """A write was attempted through ``store.session(readonly=True)``."""


@event.listens_for(Session, "before_flush")
def _refuse_writes(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("readonly") and (session.new or session.dirty or session.deleted):
        raise ReadOnlySession("this session is read-only: open store.session() to write")

"""One store suite, run on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL: one fresh database per test session (``costeo_t_<random>``, created through the
``test`` database and dropped at the end, so parallel runs never collide) and one schema per
test. If the server is unreachable the PostgreSQL half fails; set ``COSTEO_NO_POSTGRES=1`` to
skip it instead.
"""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from costeo.store import Store, open_store
from costeo.store.models import User
from costeo.store.seed import seed_demo

PG_ADMIN = os.environ.get("COSTEO_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]
ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _no_postgres() -> bool:
    return os.environ.get("COSTEO_NO_POSTGRES") == "1"


@dataclass
class PgServer:
    base: str  # URL of this session's database
    admin: str

    def url(self, schema: str) -> str:
        return f"{self.base}?options=-csearch_path%3D{schema}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    if _no_postgres():
        pytest.skip("COSTEO_NO_POSTGRES=1: PostgreSQL half of the store suite skipped")
    from sqlalchemy import create_engine

    name = f"costeo_t_{secrets.token_hex(6)}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable server: fail loudly (see module docstring)
        raise RuntimeError(f"PostgreSQL at {PG_ADMIN} is unreachable ({exc}); "
                           "set COSTEO_NO_POSTGRES=1 to skip the PostgreSQL tests") from exc
    base = PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        yield PgServer(base, PG_ADMIN)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _pg_schema(server: PgServer) -> str:
    from sqlalchemy import create_engine

    schema = f"t_{secrets.token_hex(5)}"
    engine = create_engine(server.base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return schema


@pytest.fixture
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of the test's backend (``backend`` parameter)."""
    backend = request.param if hasattr(request, "param") else "sqlite"
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    server = request.getfixturevalue("pg_server")
    return server.url(_pg_schema(server))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test using ``store_url`` (directly or through ``store``/``demo``) runs on both
    backends, unless it asks for one with ``@pytest.mark.backends("postgresql")``."""
    if "store_url" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("backends")
    backends = list(marker.args) if marker else BACKENDS
    metafunc.parametrize("store_url", backends, indirect=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "backends(*names): run only on these store backends")


@pytest.fixture
def empty_store(store_url: str) -> Iterator[Store]:
    store = open_store(store_url)
    yield store
    store.dispose()


@pytest.fixture
def store(empty_store: Store) -> Store:
    """A migrated, empty store."""
    empty_store.upgrade()
    return empty_store


@pytest.fixture(scope="session")
def sqlite_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded SQLite file, made once per session and copied for each test."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(f"sqlite:///{path}")
    assert seed_demo(store)
    store.dispose()  # the last connection closes: the WAL is checkpointed into the file
    return path


@pytest.fixture
def demo(store_url: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """The demo store: four examples, four accounts, school meals published."""
    if store_url.startswith("sqlite:///"):
        template = request.getfixturevalue("sqlite_demo_template")
        shutil.copyfile(template, store_url.removeprefix("sqlite:///"))
        store = open_store(store_url)
    else:
        store = open_store(store_url)
        assert seed_demo(store)
    yield store
    store.dispose()


def user(store: Store, username: str) -> User:
    from costeo.store.accounts import get_user

    with store.session(readonly=True) as s:
        return get_user(s, username)

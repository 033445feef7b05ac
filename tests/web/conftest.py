"""Web suites: the app over a demo store, logged-in clients for every role.

The demo store (``seed_demo``) plus one more formulator granted the other entity, so the
roles are: anonymous, reader (``lector``), reviewer (``revisor``), the formulator of the
target program's entity (``formulador``, MIDIS), a formulator of another entity
(``formuladora_salud``, SALUD) and the administrator. API/authorization suites run on SQLite
and PostgreSQL (``backend`` parameter; PostgreSQL through the store suite's fresh database
per session).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from costeo.store import Store, open_store
from costeo.store.models import Version
from costeo.store.services import DEMO_PASSWORD, create_user, grant, seed_demo
from costeo.web import create_app
from tests.store.conftest import PgServer, _pg_schema, pg_server  # noqa: F401 (fixture)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ROLES = ("anonymous", "reader", "reviewer", "formulator_own", "formulator_other", "admin")
USERNAMES = {"reader": "lector", "reviewer": "revisor", "formulator_own": "formulador",
             "formulator_other": "formuladora_salud", "admin": "admin"}
SESSION_COOKIE = "costeo_session"


def seed_web_demo(store: Store) -> None:
    """The demo plus a formulator of the other entity."""
    assert seed_demo(store)
    with store.session() as s:
        create_user(s, None, "formuladora_salud", DEMO_PASSWORD, "formulator",
                    "Formuladora SALUD", system=True)
        grant(s, None, "formuladora_salud", entity_code="SALUD", system=True)


def version_id(store: Store, file_name: str, state: str | None = None) -> int:
    with store.session(readonly=True) as s:
        query = select(Version).where(Version.file_name == file_name)
        if state is not None:
            query = query.where(Version.state == state)
        found = s.scalars(query.order_by(Version.number)).first()
        assert found is not None, file_name
        return found.id


@dataclass
class Auth:
    """A role's credentials: the signed session cookie and its CSRF token."""

    role: str
    cookie: str | None
    csrf: str

    @property
    def cookies(self) -> dict[str, str]:
        return {SESSION_COOKIE: self.cookie} if self.cookie else {}

    @property
    def headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf}


def login(app: FastAPI, role: str) -> Auth:
    """Log in through the API as ``role`` (anonymous: just a session with a CSRF token)."""
    with TestClient(app) as client:
        csrf = client.get("/api/session").json()["csrf_token"]
        if role != "anonymous":
            answer = client.post("/api/login", headers={"X-CSRF-Token": csrf},
                                 json={"username": USERNAMES[role], "password": DEMO_PASSWORD})
            assert answer.status_code == 200, answer.text
            csrf = answer.json()["csrf_token"]
        return Auth(role, client.cookies.get(SESSION_COOKIE), csrf)


def store_url_for(backend: str, tmp: Path, request: pytest.FixtureRequest) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'web.db'}"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.url(_pg_schema(server))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def web_store(backend: str, tmp_path_factory: pytest.TempPathFactory,
              request: pytest.FixtureRequest) -> Iterator[Store]:
    store = open_store(store_url_for(backend, tmp_path_factory.mktemp("web"), request))
    seed_web_demo(store)
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def web_app(web_store: Store) -> FastAPI:
    return create_app(store=web_store, secret_key="test-secret", upgrade=False)


@pytest.fixture(scope="module")
def auths(web_app: FastAPI) -> dict[str, Auth]:
    return {role: login(web_app, role) for role in ROLES}


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app, raise_server_exceptions=False) as c:
        yield c


def use(client: TestClient, auth: Auth) -> dict[str, str]:
    """Make ``client`` act as ``auth``'s role; returns the headers for unsafe requests."""
    client.cookies.clear()
    client.cookies.update(auth.cookies)
    return auth.headers

"""Authorization matrix: every route of the app × every role, checked against a table.

Routes are enumerated from the app itself (``app.routes``), so a new endpoint without an
expectation here fails the test. "Denied" means 401/403 (API), a redirect to the login page
(pages) or 404 for an anonymous visitor asking for an unpublished version; "allowed" means
the request got past the permission check (a 2xx/3xx answer, or for a write a 409/422 about
the version's state or lock, never 401/403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from costeo.store import Store
from tests.web.conftest import EXAMPLES, ROLES, Auth, use, version_id

EVERYONE = frozenset(ROLES)
LOGGED_IN = EVERYONE - {"anonymous"}
EDITORS = frozenset({"formulator_own", "admin"})
COMMENTERS = frozenset({"formulator_own", "reviewer", "admin"})

# (method, path) -> roles allowed
EXPECTED: dict[tuple[str, str], frozenset[str]] = {
    ("GET", "/api/openapi.json"): EVERYONE,
    ("GET", "/static"): EVERYONE,
    ("GET", "/"): EVERYONE,
    ("GET", "/login"): EVERYONE,
    ("POST", "/login"): EVERYONE,
    ("POST", "/logout"): EVERYONE,
    ("POST", "/lang"): EVERYONE,
    ("GET", "/programs"): LOGGED_IN,
    ("POST", "/programs/import"): EDITORS,
    ("GET", "/versions/{version_id}"): LOGGED_IN,
    ("GET", "/versions/{version_id}/edit"): LOGGED_IN,
    ("GET", "/versions/{version_id}/formulation"): LOGGED_IN,
    ("GET", "/versions/{version_id}/formulation.xlsx"): LOGGED_IN,
    ("GET", "/versions/{version_id}/formulation.pdf"): LOGGED_IN,
    ("GET", "/versions/{version_id}/program.yaml"): LOGGED_IN,
    ("GET", "/versions/{version_id}/lineage"): LOGGED_IN,
    ("GET", "/versions/{version_id}/compare"): LOGGED_IN,
    ("GET", "/versions/{version_id}/audit"): LOGGED_IN,
    ("GET", "/versions/{version_id}/review"): LOGGED_IN,
    ("POST", "/versions/{version_id}/transition"): EDITORS,
    ("POST", "/versions/{version_id}/comments"): COMMENTERS,
    ("POST", "/versions/{version_id}/new"): EDITORS,
    ("GET", "/public"): EVERYONE,
    ("GET", "/public/{version_id}"): EVERYONE,
    ("GET", "/public/{version_id}/formulation.xlsx"): EVERYONE,
    ("GET", "/api/session"): EVERYONE,
    ("POST", "/api/login"): EVERYONE,
    ("POST", "/api/logout"): EVERYONE,
    ("GET", "/api/programs"): LOGGED_IN,
    ("POST", "/api/programs"): EDITORS,
    ("GET", "/api/versions/{version_id}"): LOGGED_IN,
    ("PATCH", "/api/versions/{version_id}"): EDITORS,
    ("GET", "/api/versions/{version_id}/tree"): LOGGED_IN,
    ("GET", "/api/versions/{version_id}/formulation"): LOGGED_IN,
    ("GET", "/api/versions/{version_id}/grid/{kind}"): LOGGED_IN,
    ("POST", "/api/versions/{version_id}/transition"): EDITORS,
    ("POST", "/api/versions/{version_id}/new"): EDITORS,
    ("GET", "/api/versions/{version_id}/comments"): LOGGED_IN,
    ("POST", "/api/versions/{version_id}/comments"): COMMENTERS,
    ("GET", "/api/versions/{version_id}/lineage"): LOGGED_IN,
    ("GET", "/api/versions/{version_id}/compare/{other_id}"): LOGGED_IN,
    ("GET", "/api/versions/{version_id}/audit"): LOGGED_IN,
    ("GET", "/api/versions/{version_id}/review"): LOGGED_IN,
    ("GET", "/api/versions/{version_id}/program.yaml"): LOGGED_IN,
    ("GET", "/api/public"): EVERYONE,
    ("GET", "/api/public/{version_id}"): EVERYONE,
}

# Reviewer-only workflow steps, checked on a submitted version (the table above uses
# "submit", which only the program's formulators and administrators may do).
REVIEW_ACTIONS = {"return": frozenset({"reviewer", "admin"}),
                  "approve": frozenset({"reviewer", "admin"})}


def app_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path) of every route the app serves, HEAD folded into GET."""
    found: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        methods = getattr(context, "methods", None) or {"GET"}
        for method in methods:
            if method != "HEAD":
                found.add((method, str(context.path)))
    return sorted(found)


class Target:
    """The objects the requests point at: a MIDIS draft (JUNTOS) and the published budget."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.draft = version_id(store, "transferencias-juntos-2014.yaml")
        self.published = version_id(store, "alimentacion-escolar-2014.yaml", "published")
        self.juntos_text = (EXAMPLES / "transferencias-juntos-2014.yaml").read_text("utf-8")

    def lock(self, vid: int) -> int:
        from costeo.store.models import Version

        with self.store.session(readonly=True) as s:
            version = s.get(Version, vid)
            assert version is not None
            return version.lock

    def first_path(self, client: TestClient, admin: Auth) -> str:
        use(client, admin)
        rows = client.get(f"/api/versions/{self.draft}/grid/targets").json()
        return str(rows[0]["path"])


def request_for(method: str, path: str, target: Target, client: TestClient,
                admin: Auth, role: str) -> tuple[str, dict[str, Any]]:
    """The concrete URL and request arguments that exercise ``path`` for ``role``."""
    vid = target.published if path.startswith(("/public", "/api/public")) else target.draft
    url = path.replace("{version_id}", str(vid)).replace("{kind}", "inputs") \
        .replace("{other_id}", str(target.published))
    kwargs: dict[str, Any] = {}
    if url == "/static":
        url = "/static/app.css"
    elif url.endswith("/lineage"):
        kwargs["params"] = {"figure": "total"}
    if method == "GET" or method == "HEAD":
        return url, kwargs
    lock = target.lock(vid)
    forms: dict[str, Callable[[], dict[str, Any]]] = {
        "/login": lambda: {"data": {"username": "lector", "password": "costeo-demo"}},
        "/lang": lambda: {"data": {"lang": "en", "next": "/public"}},
        "/programs/import": lambda: {
            "files": {"file": ("transferencias-juntos-2014.yaml", target.juntos_text)},
            "data": {"entity": "MIDIS"}},
        "/api/login": lambda: {"json": {"username": "lector", "password": "costeo-demo"}},
        "/api/programs": lambda: {"json": {"text": target.juntos_text, "entity": "MIDIS",
                                           "file_name": "transferencias-juntos-2014.yaml"}},
    }
    if path in forms:
        kwargs.update(forms[path]())
    elif path.endswith("/transition"):
        body = {"action": "submit", "lock": lock}
        kwargs["json" if path.startswith("/api") else "data"] = body
    elif path.endswith("/comments"):
        body = {"text": f"observación de {role}"}
        kwargs["json" if path.startswith("/api") else "data"] = body
    elif method == "PATCH":
        kwargs["json"] = {"lock": lock, "changes": [
            {"path": target.first_path(client, admin), "value": "1000"}]}
    return url, kwargs


def allowed(method: str, url: str, response: Any) -> bool:
    status = response.status_code
    location = response.headers.get("location", "")
    if status in (401, 403) or (status == 303 and location.startswith("/login")):
        return False
    if status == 404 and url.startswith(("/versions", "/api/versions")):
        return False
    assert status < 500, f"{method} {url}: {status} {response.text[:300]}"
    if method == "GET":
        assert status < 400, f"{method} {url}: {status} {response.text[:300]}"
    return status < 400 or status in (409, 422)


def test_every_route_has_an_expectation(web_app: FastAPI) -> None:
    routes = app_routes(web_app)
    missing = [r for r in routes if r not in EXPECTED]
    stale = [r for r in EXPECTED if r not in routes]
    assert not missing, f"routes without an authorization expectation: {missing}"
    assert not stale, f"expectations for routes that no longer exist: {stale}"


def test_authorization_matrix(web_app: FastAPI, web_store: Store, auths: dict[str, Auth],
                              backend: str) -> None:
    target = Target(web_store)
    routes = app_routes(web_app)
    failures: list[str] = []
    checked = 0
    with TestClient(web_app, raise_server_exceptions=False) as client:
        for method, path in routes:
            for role in ROLES:
                auth = auths[role]
                url, kwargs = request_for(method, path, target, client, auths["admin"], role)
                response = client.request(method, url, headers=use(client, auth),
                                          follow_redirects=False, **kwargs)
                got = allowed(method, url, response)
                want = role in EXPECTED[(method, path)]
                checked += 1
                if got != want:
                    failures.append(f"{role:17} {method:5} {url}: {response.status_code} "
                                    f"(expected {'allow' if want else 'deny'})")
    print(f"\nauthorization matrix ({backend}): {len(routes)} routes x {len(ROLES)} roles "
          f"= {checked} requests")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("action", sorted(REVIEW_ACTIONS))
def test_review_actions_by_role(web_app: FastAPI, web_store: Store, auths: dict[str, Auth],
                                action: str) -> None:
    """Return/approve on a submitted version: reviewers and administrators only."""
    with TestClient(web_app, raise_server_exceptions=False) as client:
        admin = use(client, auths["admin"])
        health = version_id(web_store, "salud-primaria-sintetico-2025.yaml")
        fresh = client.post(f"/api/versions/{health}/new", headers=admin).json()
        client.post(f"/api/versions/{fresh['id']}/transition", headers=admin,
                    json={"action": "submit", "lock": fresh["lock"]})
        current = client.get(f"/api/versions/{fresh['id']}").json()
        assert current["state"] == "submitted"
        for role in ROLES:
            if role in REVIEW_ACTIONS[action]:
                continue  # allowed roles change the state: one of them goes last
            answer = client.post(f"/api/versions/{fresh['id']}/transition",
                                 headers=use(client, auths[role]),
                                 json={"action": action, "lock": current["lock"]})
            assert answer.status_code in (401, 403), (role, answer.text)
            assert set(answer.json()) == {"error"}
        answer = client.post(f"/api/versions/{fresh['id']}/transition",
                             headers=use(client, auths["reviewer"]),
                             json={"action": action, "lock": current["lock"]})
        assert answer.status_code == 200, answer.text
        assert answer.json()["state"] == {"return": "returned", "approve": "approved"}[action]

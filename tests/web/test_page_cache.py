"""Rendered pages are replayed only while the store is unchanged, per session and language."""

from __future__ import annotations

from decimal import Decimal

from fastapi import FastAPI
from fastapi.testclient import TestClient

from costeo.store import Store
from costeo.web.page_cache import PageCache
from tests.web.conftest import Auth, use, version_id


def page_cache(app: FastAPI) -> PageCache:
    layer = app.middleware_stack
    while layer is not None and not isinstance(layer, PageCache):
        layer = getattr(layer, "app", None)
    assert isinstance(layer, PageCache), "the app has no page cache"
    return layer


def test_a_page_is_replayed_until_the_store_changes(
        client: TestClient, auths: dict[str, Auth], web_store: Store,
        web_app: FastAPI) -> None:
    headers = use(client, auths["admin"])
    vid = version_id(web_store, "salud-primaria-sintetico-2025.yaml")
    fresh = client.post(f"/api/versions/{vid}/new", headers=headers).json()
    url = f"/versions/{fresh['id']}/formulation"
    cache = page_cache(web_app)
    first = client.get(url)
    hits = cache.hits
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content and cache.hits == hits + 1
    assert again.headers["x-frame-options"] == "DENY"  # headers still added around it

    rows = client.get(f"/api/versions/{fresh['id']}/grid/targets").json()
    row = next(r for r in rows if r["field"] == "value" and r["context"].get("field") == "target"
               and r["context"].get("level") == "activity")
    saved = client.patch(f"/api/versions/{fresh['id']}", headers=headers, json={
        "lock": fresh["lock"], "changes": [{"path": row["path"],
                                            "value": str(Decimal(row["value"]) * 2)}]})
    assert saved.status_code == 200, saved.text
    after = client.get(url)
    assert after.status_code == 200
    assert saved.json()["total_text"] in after.text  # the new total, not the replayed page
    assert saved.json()["total_text"] not in first.text


def test_pages_are_kept_per_session_and_language(
        client: TestClient, auths: dict[str, Auth], web_store: Store,
        web_app: FastAPI) -> None:
    vid = version_id(web_store, "transferencias-juntos-2014.yaml")
    url = f"/versions/{vid}"
    use(client, auths["reader"])
    spanish = client.get(url)
    client.cookies.set("lang", "en")
    english = client.get(url)
    assert "Formulación" in spanish.text and "Formulation" in english.text
    use(client, auths["admin"])
    admin = client.get(url)
    assert auths["reader"].csrf not in admin.text and auths["admin"].csrf in admin.text
    assert auths["admin"].csrf not in spanish.text

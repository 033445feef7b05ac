"""The JSON API and the security plumbing: one error shape, CSRF, headers, sessions,
editing with the optimistic lock, lineage, comparison, languages and money formats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from costeo import load_program
from costeo.store import Store
from tests.web.conftest import EXAMPLES, Auth, use, version_id

ERROR_KEYS = {"code", "message", "details"}


def error_of(response: Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == ERROR_KEYS, body
    error: dict[str, Any] = body["error"]
    return error


def test_one_error_shape_for_framework_and_store_errors(client: TestClient,
                                                        auths: dict[str, Auth]) -> None:
    use(client, auths["reader"])
    assert error_of(client.get("/api/nowhere"))["code"] == "not-found"
    assert client.get("/api/nowhere").status_code == 404
    wrong = client.delete("/api/programs", headers=auths["reader"].headers)
    assert wrong.status_code == 405 and error_of(wrong)["code"] == "method-not-allowed"
    invalid = client.get("/api/versions/not-a-number")
    assert invalid.status_code == 422 and error_of(invalid)["code"] == "invalid-request"
    missing = client.get("/api/versions/999999")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not-found"
    use(client, auths["anonymous"])
    anonymous = client.get("/api/programs")
    assert anonymous.status_code == 401 and error_of(anonymous)["code"] == "login-required"


def test_csrf_is_required_on_unsafe_methods(client: TestClient, auths: dict[str, Auth],
                                            web_store: Store) -> None:
    vid = version_id(web_store, "transferencias-juntos-2014.yaml")
    use(client, auths["reviewer"])
    body = {"text": "sin token"}
    refused = client.post(f"/api/versions/{vid}/comments", json=body)
    assert refused.status_code == 403 and error_of(refused)["code"] == "csrf-failed"
    forged = client.post(f"/api/versions/{vid}/comments", json=body,
                         headers={"X-CSRF-Token": auths["admin"].csrf})
    assert forged.status_code == 403  # another session's token does not count
    ok = client.post(f"/api/versions/{vid}/comments", json=body,
                     headers=auths["reviewer"].headers)
    assert ok.status_code == 201, ok.text
    form = client.post(f"/versions/{vid}/comments", follow_redirects=False,
                       data={"text": "por formulario", "csrf_token": auths["reviewer"].csrf})
    assert form.status_code == 303
    texts = [c["text"] for c in client.get(f"/api/versions/{vid}/comments").json()]
    assert "sin token" in texts and "por formulario" in texts


def test_security_headers_and_cookie_flags(web_app: FastAPI) -> None:
    with TestClient(web_app) as client:
        page = client.get("/login")
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1] \
            .split(";")[0]
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in page.headers  # plain http
        cookie = page.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
        assert "<script>" not in page.text and " on" not in page.text.split("<body")[1][:0]


def test_https_marks_cookie_secure_and_sends_hsts(web_store: Store) -> None:
    from costeo.web import create_app

    app = create_app(store=web_store, secret_key="k", https=True, upgrade=False)
    with TestClient(app, base_url="https://testserver") as client:
        page = client.get("/login")
        assert "secure" in page.headers["set-cookie"].lower()
        assert page.headers["strict-transport-security"].startswith("max-age=")


def test_tampered_session_cookie_is_anonymous(client: TestClient, auths: dict[str, Auth]
                                              ) -> None:
    cookie = auths["admin"].cookie
    assert cookie is not None
    client.cookies.set("costeo_session", cookie[:-4] + ("AAAA" if cookie[-4:] != "AAAA"
                                                         else "BBBB"))
    assert client.get("/api/session").json()["user"] is None
    assert client.get("/api/programs").status_code == 401


def test_login_is_throttled_after_repeated_failures(web_app: FastAPI) -> None:
    with TestClient(web_app, client=("203.0.113.9", 50000)) as client:
        csrf = client.get("/api/session").json()["csrf_token"]
        statuses = [client.post("/api/login", headers={"X-CSRF-Token": csrf},
                                json={"username": "revisor", "password": f"mala-{i}"}
                                ).status_code for i in range(6)]
        assert statuses[:5] == [401] * 5
        assert statuses[5] == 429
        right = client.post("/api/login", headers={"X-CSRF-Token": csrf},
                            json={"username": "revisor", "password": "costeo-demo"})
        assert right.status_code == 429  # even the right password waits out the window
        assert error_of(right)["code"] == "throttled"


def test_edit_recosts_and_reports_a_stale_lock_as_conflict(
        client: TestClient, auths: dict[str, Auth], web_store: Store) -> None:
    headers = use(client, auths["admin"])
    vid = version_id(web_store, "salud-primaria-sintetico-2025.yaml")
    fresh = client.post(f"/api/versions/{vid}/new", headers=headers).json()
    rows = client.get(f"/api/versions/{fresh['id']}/grid/targets").json()
    row = next(r for r in rows if r["field"] == "value" and r["context"].get("field") == "target"
               and r["context"].get("level") == "activity")
    old = Decimal(row["value"])
    saved = client.patch(f"/api/versions/{fresh['id']}", headers=headers, json={
        "lock": fresh["lock"], "changes": [{"path": row["path"], "value": str(old * 2)}]})
    assert saved.status_code == 200, saved.text
    body = saved.json()
    assert body["before_total"] == fresh["total"]
    assert Decimal(body["total"]) > Decimal(fresh["total"])
    assert body["version"]["lock"] == fresh["lock"] + 1
    assert body["total_text"].startswith("$")  # USD, es_EC
    changed = {c["figure"]: c for c in body["changed"]}
    assert changed["total"]["after_text"] == body["total_text"]  # money: currency, cents
    assert changed["total"]["label"].startswith("Presupuesto del programa · S001 ")
    assert Decimal(changed["total"]["before"]) == Decimal(fresh["total"])
    activity = changed[row["context"]["activity"]]  # the activity whose target doubled
    assert Decimal(activity["after"]) > Decimal(activity["before"])
    assert activity["after_text"].startswith("$") and activity["label"].startswith(
        "Presupuesto de la actividad · 5000102 ")
    stale = client.patch(f"/api/versions/{fresh['id']}", headers=headers, json={
        "lock": fresh["lock"], "changes": [{"path": row["path"], "value": str(old)}]})
    assert stale.status_code == 409
    err = error_of(stale)
    assert err["code"] == "conflict"
    assert err["details"]["current"] == fresh["lock"] + 1
    assert "recargue" in str(err["message"])
    after = client.get(f"/api/versions/{fresh['id']}").json()
    assert after["total"] == body["total"]  # the stale edit wrote nothing


def test_invalid_edit_is_rejected_with_located_diagnostics(
        client: TestClient, auths: dict[str, Auth], web_store: Store) -> None:
    headers = use(client, auths["admin"])
    vid = version_id(web_store, "transferencias-juntos-2014.yaml")
    fresh = client.post(f"/api/versions/{vid}/new", headers=headers).json()
    row = client.get(f"/api/versions/{fresh['id']}/grid/targets").json()[0]
    bad = client.patch(f"/api/versions/{fresh['id']}", headers=headers, json={
        "lock": fresh["lock"], "changes": [{"path": row["path"], "value": "-5"}]})
    assert bad.status_code == 422, bad.text
    err = error_of(bad)
    assert err["code"] == "invalid-input"
    diagnostics = err["details"]["diagnostics"]
    assert diagnostics and all(d["location"] for d in diagnostics)
    unchanged = client.get(f"/api/versions/{fresh['id']}").json()
    assert unchanged["lock"] == fresh["lock"] and unchanged["total"] == fresh["total"]


def test_published_budget_matches_the_engine_and_is_public(
        client: TestClient, auths: dict[str, Auth], web_store: Store) -> None:
    expected = load_program(EXAMPLES / "alimentacion-escolar-2014.yaml").result
    assert expected is not None
    use(client, auths["anonymous"])
    listing = client.get("/api/public").json()
    published = [v for v in listing if v["program_code"] == "0115"]
    assert published and published[0]["state"] == "published"
    public = client.get(f"/api/public/{published[0]['id']}").json()
    assert Decimal(public["version"]["total"]) == expected.total == Decimal("1176161643.00")
    assert public["products"][0]["text"] == "S/ 1,176,161,643.00"
    page = client.get(f"/public/{published[0]['id']}")
    assert "S/ 1,176,161,643.00" in page.text
    draft = version_id(web_store, "transferencias-juntos-2014.yaml")
    assert client.get(f"/api/public/{draft}").status_code == 404  # drafts stay private


def test_lineage_explains_a_unit_cost_down_to_its_source_line(
        client: TestClient, auths: dict[str, Auth], web_store: Store) -> None:
    use(client, auths["reader"])
    vid = version_id(web_store, "alimentacion-escolar-2014.yaml", "published")
    figure = "5000001[raciones,preescolar,I-II,costa_sierra]/unit_cost"
    tree = client.get(f"/api/versions/{vid}/lineage", params={"figure": figure}).json()
    assert tree["value"].startswith("2.55447392")
    leaves = []
    stack = [tree]
    while stack:
        node = stack.pop()
        stack.extend(node.get("inputs", []))
        if not node.get("inputs"):
            leaves.append(node)
    target = "alimentacion-escolar-2014.yaml:61:58"  # the segment's target, where it is written
    assert any(leaf.get("location", "").endswith(target) for leaf in leaves)
    page = client.get(f"/versions/{vid}/lineage", params={"figure": figure},
                      headers={"HX-Request": "true"})
    assert "alimentacion-escolar-2014.yaml:49:20" in page.text and "<html" not in page.text
    assert client.get(f"/api/versions/{vid}/lineage",
                      params={"figure": "nope"}).status_code == 404


def test_english_switch_and_ecuador_money_format(client: TestClient, auths: dict[str, Auth],
                                                 web_store: Store) -> None:
    headers = use(client, auths["reader"])
    vid = version_id(web_store, "salud-primaria-sintetico-2025.yaml")
    spanish = client.get(f"/versions/{vid}")
    assert "Recursos financieros" in spanish.text
    total = client.get(f"/api/versions/{vid}").json()["total"]
    whole, cents = total.split(".")
    ecuador = f"${int(whole):,}".replace(",", ".") + "," + cents
    assert ecuador in spanish.text  # es_EC: $1.234.567,89
    switched = client.post("/lang", data={"lang": "en", "next": f"/versions/{vid}",
                                          "csrf_token": headers["X-CSRF-Token"]},
                           follow_redirects=False)
    assert switched.status_code == 303 and switched.headers["location"] == f"/versions/{vid}"
    english = client.get(f"/versions/{vid}")
    assert "Financial resources" in english.text
    assert f"${int(whole):,}.{cents}" in english.text
    offsite = client.post("/lang", data={"lang": "es", "next": "//evil.example/",
                                         "csrf_token": headers["X-CSRF-Token"]},
                          follow_redirects=False)
    assert offsite.headers["location"] == "/"


def test_compare_shows_what_changed_and_by_how_much(
        client: TestClient, auths: dict[str, Auth], web_store: Store) -> None:
    headers = use(client, auths["admin"])
    vid = version_id(web_store, "salud-primaria-sintetico-2025.yaml")
    fresh = client.post(f"/api/versions/{vid}/new", headers=headers).json()
    row = next(r for r in client.get(f"/api/versions/{fresh['id']}/grid/prices").json()
               if r["context"].get("source") == "staff")
    new_value = str(Decimal(row["value"]) + 1)
    client.patch(f"/api/versions/{fresh['id']}", headers=headers, json={
        "lock": fresh["lock"], "changes": [{"path": row["path"], "value": new_value}]})
    diff = client.get(f"/api/versions/{fresh['id']}/compare/{vid}").json()
    # compare/{other} reads "from other to this one"
    assert [c["path"] for c in diff["changes"]] == [row["path"]]
    assert diff["changes"][0]["after"] == new_value
    assert Decimal(diff["difference"]) == Decimal(diff["total_after"]) - Decimal(
        diff["total_before"])
    assert Decimal(diff["difference"]) != 0
    assert sum(Decimal(p["difference"]) for p in diff["products"]) == Decimal(diff["difference"])
    page = client.get(f"/versions/{fresh['id']}/compare", params={"other": vid})
    assert row["path"] in page.text


def test_downloads(client: TestClient, auths: dict[str, Auth], web_store: Store) -> None:
    use(client, auths["reader"])
    vid = version_id(web_store, "alimentacion-escolar-2014.yaml", "published")
    xlsx = client.get(f"/versions/{vid}/formulation.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"/versions/{vid}/formulation.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    yaml = client.get(f"/api/versions/{vid}/program.yaml")
    assert yaml.text == (EXAMPLES / "alimentacion-escolar-2014.yaml").read_text("utf-8")


def test_page_import_of_a_workbook_and_of_a_broken_file(
        client: TestClient, auths: dict[str, Auth], tmp_path: Path) -> None:
    from costeo.io.xlsx_model import export_program

    headers = use(client, auths["admin"])
    loaded = load_program(EXAMPLES / "salud-primaria-sintetico-2025.yaml")
    assert loaded.program is not None and loaded.result is not None
    book = tmp_path / "salud.xlsx"
    export_program(loaded.program, book, "es")
    answer = client.post("/programs/import", follow_redirects=False,
                         data={"entity": "SALUD", "csrf_token": headers["X-CSRF-Token"]},
                         files={"file": ("salud.xlsx", book.read_bytes())})
    assert answer.status_code == 303, answer.text
    version = client.get("/api" + answer.headers["location"]).json()
    assert Decimal(version["total"]) == loaded.result.total
    broken = (EXAMPLES / "salud-primaria-sintetico-2025.yaml").read_text("utf-8") \
        .replace("code: S001", "code: [S001", 1)
    refused = client.post("/programs/import",
                          data={"entity": "SALUD", "csrf_token": headers["X-CSRF-Token"]},
                          files={"file": ("roto.yaml", broken.encode())})
    assert refused.status_code == 422
    assert "yaml-syntax" in refused.text and "roto.yaml:" in refused.text


def test_review_findings_with_evidence(client: TestClient, auths: dict[str, Auth],
                                       web_store: Store) -> None:
    use(client, auths["reviewer"])
    vid = version_id(web_store, "transferencias-juntos-2014.yaml")
    found = client.get(f"/api/versions/{vid}/review").json()
    common = next(f for f in found["findings"] if f["code"] == "common-share-high")
    assert common["severity"] == "warning"
    assert common["location"]["file"] == "transferencias-juntos-2014.yaml"
    assert "117,198,386.00" in common["message"]
    summary = {i["code"]: i for i in found["summary"]}
    assert Decimal(summary["common-share-high"]["stake"]) > 0
    page = client.get(f"/versions/{vid}/review")
    assert "Acciones comunes altas" in page.text
    assert "transferencias-juntos-2014.yaml:" in page.text
    # the evidence is named in Spanish and formatted: the 11.12% share, exact
    assert "<th>Participación</th><td>0.111223" in page.text
    assert "<th>Monto</th><td>117,198,386</td>" in page.text and "<th>share</th>" not in page.text
    assert client.get(f"/api/versions/{vid}/review", params={"tier": "nope"}).status_code == 422


def test_served_app_reads_its_settings_from_the_environment(
        web_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from costeo.web.app import app_from_env

    monkeypatch.setenv("COSTEO_DATABASE_URL", web_store.url)
    monkeypatch.setenv("COSTEO_SECRET_KEY", "shared-by-workers")
    monkeypatch.setenv("COSTEO_SKIP_UPGRADE", "1")
    monkeypatch.setenv("COSTEO_HTTPS", "1")
    first, second = app_from_env(), app_from_env()
    with TestClient(first, base_url="https://testserver") as one, \
            TestClient(second, base_url="https://testserver") as two:
        page = one.get("/login")
        assert "secure" in page.headers["set-cookie"].lower()
        assert "strict-transport-security" in page.headers
        cookie = one.cookies.get("costeo_session")
        assert cookie is not None
        two.cookies.set("costeo_session", cookie)  # another worker accepts the same session
        token = two.get("/api/session").json()["csrf_token"]
        assert token == one.get("/api/session").json()["csrf_token"]

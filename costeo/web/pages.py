"""Server-rendered pages (Jinja2 + htmx). Every page reads and writes through the store's
services, so the permissions are those of :mod:`costeo.store.policy`."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from costeo.lineage import Figure
from costeo.reports.review_html import review_view
from costeo.store import services as svc
from costeo.store.models import User, Version
from costeo.store.policy import can
from costeo.web import downloads, reviews, views
from costeo.web.deps import DB, MAX_ID, SESSION_USER, Actor, LoggedIn, VersionId
from costeo.web.errors import WebError
from costeo.web.labels import label
from costeo.web.render import Fmt, fragment, lang_of, page

router = APIRouter(include_in_schema=False)

LANG_COOKIE_AGE = 365 * 24 * 3600


def _safe_next(target: str | None, default: str = "/programs") -> str:
    """Only same-site paths: never ``//host`` or a full URL."""
    if target and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target:
        return target
    return default


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "-"


def fmt_for(request: Request, version: Version) -> Fmt:
    loaded = svc.costed(version)
    info = loaded.program.program if loaded.program is not None else None
    return Fmt(lang_of(request), info.currency if info else "PEN",
               info.country if info else "PE")


def result_of(version: Version) -> views.CostResult:
    loaded = svc.costed(version)
    if loaded.result is None:  # stored versions were valid when saved
        raise WebError(500, "not-costed", "server_error")
    return loaded.result


def figure_of(version: Version, figure: str) -> Figure:
    """A figure of the version's costed result, for its lineage; 404 when there is none."""
    found = result_of(version).find(figure)
    if found is None:
        raise WebError(404, "figure-not-found", "not_found", {"figure": figure})
    return found


# --- session ---------------------------------------------------------------------------

@router.get("/", response_class=HTMLResponse)
def home(user: Actor) -> Response:
    return RedirectResponse("/programs" if user else "/public", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: Actor, next: str = "/programs") -> Response:
    return page(request, "login.html", next=_safe_next(next), error=None, username="")


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, s: DB, username: Annotated[str, Form()],
          password: Annotated[str, Form()], next: Annotated[str, Form()] = "/programs"
          ) -> Response:
    lang = lang_of(request)
    ip = client_ip(request)
    if not svc.login_allowed(s, username, ip):
        return page(request, "login.html", status=429, next=_safe_next(next),
                    error=label("throttled", lang), username=username)
    user = svc.authenticate(s, username, password, ip)
    if user is None:
        return page(request, "login.html", status=401, next=_safe_next(next),
                    error=label("bad_login", lang), username=username)
    request.session.clear()  # a fresh session (and CSRF token) after logging in
    request.session[SESSION_USER] = user.id
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/public", status_code=303)


@router.post("/lang")
def set_lang(lang: Annotated[str, Form()], next: Annotated[str, Form()] = "/") -> Response:
    response = RedirectResponse(_safe_next(next, "/"), status_code=303)
    response.set_cookie("lang", "en" if lang == "en" else "es", max_age=LANG_COOKIE_AGE,
                        httponly=True, samesite="lax")
    return response


# --- programs --------------------------------------------------------------------------

@router.get("/programs", response_class=HTMLResponse)
def programs(request: Request, s: DB, user: LoggedIn, entity: str = "", year: str = ""
             ) -> Response:
    found = svc.list_programs(s, user)
    entities = sorted({p.entity.code for p in found})
    years = sorted({f.fiscal_year for p in found for f in p.formulations})
    rows = []
    for program in found:
        if entity and program.entity.code != entity:
            continue
        for formulation in program.formulations:
            if year and str(formulation.fiscal_year) != year:
                continue
            rows.append({"program": program, "formulation": formulation,
                         "versions": formulation.versions})
    return page(request, "programs.html", rows=rows, entities=entities, years=years,
                entity=entity, year=year, can_import=user.role in ("admin", "formulator"))


@router.post("/programs/import")
async def import_program(request: Request, s: DB, user: LoggedIn,
                         file: Annotated[UploadFile, File()],
                         entity: Annotated[str, Form()]) -> Response:
    data = await file.read()
    name = Path(file.filename or "program.yaml").name
    if name.lower().endswith(".xlsx"):  # a workbook written by `costeo export xlsx`
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            version = svc.import_xlsx(s, user, path, entity.strip(), lang_of(request),
                                      display=name)
    else:
        version = svc.import_program(s, user, data.decode("utf-8-sig", errors="replace"),
                                     name, entity.strip())
    return RedirectResponse(f"/versions/{version.id}", status_code=303)


# --- one version -----------------------------------------------------------------------

def _version_context(request: Request, s: DB, user: User, version: Version) -> dict[str, Any]:
    return {
        "version": version,
        "program": version.program,
        "fmt": fmt_for(request, version),
        "siblings": version.formulation.versions,
        "actions": svc.allowed_actions(user, version),
        "can_edit": version.editable and can(user, "edit", version),
        "can_new": can(user, "edit", version),
        "can_comment": can(user, "comment", version),
    }


@router.get("/versions/{version_id}", response_class=HTMLResponse)
def version_page(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.get_version(s, user, version_id)
    tree_html = fragment(request, ("tree", version.id, version.lock), "_tree.html",
                         lambda: {"version": version, "fmt": fmt_for(request, version),
                                  "tree": views.tree(result_of(version), lang_of(request))})
    return page(request, "version.html", tab="tree", tree_html=tree_html,
                comments=svc.comments(s, user, version.id),
                diagnostics=svc.costed(version).diagnostics,
                **_version_context(request, s, user, version))


@router.get("/versions/{version_id}/edit", response_class=HTMLResponse)
def editor(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.get_version(s, user, version_id)
    return page(request, "editor.html", tab="edit",
                diagnostics=svc.costed(version).diagnostics,
                **_version_context(request, s, user, version))


@router.get("/versions/{version_id}/formulation", response_class=HTMLResponse)
def formulation(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
                by: str = "activity") -> Response:
    version = svc.get_version(s, user, version_id)
    result = result_of(version)
    by = by if by in views.available(result) else "activity"
    table_html = fragment(request, ("formulation", version.id, version.lock, by),
                          "_table.html", lambda: {
                              "version": version, "fmt": fmt_for(request, version),
                              "table": views.formulation(result, lang_of(request), by)})
    return page(request, "formulation.html", tab="formulation", by=by,
                choices=views.available(result), table_html=table_html,
                **_version_context(request, s, user, version))


@router.get("/versions/{version_id}/formulation.xlsx")
def formulation_xlsx(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.get_version(s, user, version_id)
    return downloads.xlsx(version, result_of(version), lang_of(request))


@router.get("/versions/{version_id}/formulation.pdf")
def formulation_pdf(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.get_version(s, user, version_id)
    return downloads.pdf(version, result_of(version), lang_of(request))


@router.get("/versions/{version_id}/program.yaml")
def program_yaml(s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.get_version(s, user, version_id)
    return downloads.yaml(version)


@router.get("/versions/{version_id}/lineage", response_class=HTMLResponse)
def lineage(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
            figure: str = "total") -> Response:
    version = svc.get_version(s, user, version_id)
    found = figure_of(version, figure)
    template = "lineage_part.html" if request.headers.get("hx-request") else "lineage.html"
    return page(request, template, tab="tree", figure=found, figure_id=figure,
                **_version_context(request, s, user, version))


@router.get("/versions/{version_id}/compare", response_class=HTMLResponse)
def compare(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
            other: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None) -> Response:
    version = svc.get_version(s, user, version_id)
    siblings = [v for v in version.formulation.versions if v.id != version.id]
    if other is None:
        older = [v for v in siblings if v.number < version.number]
        other = older[-1].id if older else (siblings[0].id if siblings else None)
    comparison = None
    if other is not None:
        base = svc.get_version(s, user, other)
        comparison = svc.compare(base, version)
    return page(request, "compare.html", tab="compare", comparison=comparison,
                other=other, **_version_context(request, s, user, version))


@router.get("/versions/{version_id}/review", response_class=HTMLResponse)
def review(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
           tier: str = "basic") -> Response:
    version = svc.get_version(s, user, version_id)
    tier = tier if tier in reviews.TIERS else "basic"
    lang = lang_of(request)
    subject = reviews.review_version(version, result_of(version), tier, lang)
    return page(request, "review.html", tab="review", tier=tier, tiers=reviews.TIERS,
                review=review_view(subject, lang), **_version_context(request, s, user, version))


@router.get("/versions/{version_id}/audit", response_class=HTMLResponse)
def audit(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.get_version(s, user, version_id)
    entries = svc.audit(s, user, "version", version.id)
    return page(request, "audit.html", tab="audit", entries=entries,
                **_version_context(request, s, user, version))


@router.post("/versions/{version_id}/transition")
def transition(s: DB, user: LoggedIn, version_id: VersionId, action: Annotated[str, Form()],
               lock: Annotated[int, Form(ge=0, le=MAX_ID)],
               comment: Annotated[str, Form()] = "") -> Response:
    version = svc.transition(s, user, version_id, lock, action, comment)
    return RedirectResponse(f"/versions/{version.id}", status_code=303)


@router.post("/versions/{version_id}/comments")
def comment(s: DB, user: LoggedIn, version_id: VersionId, text: Annotated[str, Form()],
            figure: Annotated[str, Form()] = "") -> Response:
    svc.add_comment(s, user, version_id, text, figure.strip() or None)
    return RedirectResponse(f"/versions/{version_id}#comments", status_code=303)


@router.post("/versions/{version_id}/new")
def new_version(s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    version = svc.new_version(s, user, version_id)
    return RedirectResponse(f"/versions/{version.id}", status_code=303)


# --- public ----------------------------------------------------------------------------

@router.get("/public", response_class=HTMLResponse)
def public_list(request: Request, s: DB, user: Actor) -> Response:
    return page(request, "public_list.html", versions=svc.published_versions(s))


def _published(s: DB, version_id: VersionId) -> Version:
    version = svc.get_version(s, None, version_id)  # anonymous rights: published only
    return version


@router.get("/public/{version_id}", response_class=HTMLResponse)
def public_page(request: Request, s: DB, user: Actor, version_id: VersionId) -> Response:
    version = _published(s, version_id)
    result = result_of(version)
    lang = lang_of(request)
    fmt = fmt_for(request, version)
    table_html = fragment(request, ("public", version.id, version.lock), "_table.html",
                          lambda: {"version": None, "fmt": fmt,
                                   "table": views.formulation(result, lang)})
    return page(request, "public.html", version=version, program=version.program, fmt=fmt,
                table_html=table_html, treemap=views.treemap(result, lang, fmt.money))


@router.get("/public/{version_id}/formulation.xlsx")
def public_xlsx(request: Request, s: DB, user: Actor, version_id: VersionId) -> Response:
    version = _published(s, version_id)
    return downloads.xlsx(version, result_of(version), lang_of(request))

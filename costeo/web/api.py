"""The JSON API under ``/api``: the same services and permissions as the pages, one error
shape (:mod:`costeo.web.errors`), OpenAPI at ``/api/openapi.json``.

Authentication is the same signed session cookie as the pages: ``POST /api/login`` (with
the CSRF token from ``GET /api/session`` in the ``X-CSRF-Token`` header) logs in; every
unsafe request carries that header.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from costeo.store import services as svc
from costeo.store.accounts import as_utc  # SQLite hands datetimes back without a zone
from costeo.store.models import User, Version
from costeo.store.policy import can
from costeo.web import reviews, views
from costeo.web.api_models import (
    AuditOut,
    ChangedFigure,
    CommentIn,
    CommentOut,
    ComparisonOut,
    DiagnosticOut,
    EditIn,
    EditOut,
    ErrorOut,
    FigureOut,
    FormulationOut,
    GridRowOut,
    ImportIn,
    LoginIn,
    ProductDeltaOut,
    ProgramOut,
    PublicOut,
    SessionOut,
    TableOut,
    TransitionIn,
    TreemapNode,
    TreeNodeOut,
    UserOut,
    ValueChangeOut,
    VersionOut,
    VersionSummary,
)
from costeo.web.deps import DB, SESSION_USER, Actor, LoggedIn, OtherId, VersionId
from costeo.web.errors import WebError, error_body
from costeo.web.labels import field_label, label
from costeo.web.pages import client_ip, figure_of, fmt_for, result_of
from costeo.web.render import lang_of
from costeo.web.security import csrf_token

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (400, 401, 403, 404, 405, 409, 422, 429, 500)}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


# --- converters --------------------------------------------------------------------------

def user_out(user: User | None) -> UserOut | None:
    if user is None:
        return None
    return UserOut(id=user.id, username=user.username, display_name=user.display_name,
                   role=user.role, lang=user.lang)


def version_out(version: Version, actor: User | None, lang: str) -> VersionOut:
    loaded = svc.costed(version)
    info = loaded.program.program if loaded.program is not None else None
    return VersionOut(
        id=version.id, program_id=version.program.id, program_code=version.program.code,
        program_name=version.program.name, entity=version.program.entity.code,
        fiscal_year=version.fiscal_year, number=version.number, state=version.state,
        lock=version.lock, total=str(version.total),
        currency=info.currency if info else "PEN",
        editable=version.editable and can(actor, "edit", version),
        actions=svc.allowed_actions(actor, version) if actor else [],
        parent_id=version.parent_id, created_at=as_utc(version.created_at),
        updated_at=as_utc(version.updated_at),
        diagnostics=[DiagnosticOut(code=d.code, severity=d.severity.value,
                                   message=d.message(lang), hint=d.hint(lang),
                                   location=str(d.location) if d.location else None)
                     for d in loaded.diagnostics])


def summary(version: Version) -> VersionSummary:
    return VersionSummary(id=version.id, number=version.number, state=version.state,
                          lock=version.lock, total=str(version.total))


def grid_rows(version: Version, kind: str, lang: str) -> list[GridRowOut]:
    """The store's grid rows flattened to one row per editable value."""
    out: list[GridRowOut] = []
    for row in svc.grid(version, kind):
        paths = row.get("paths")
        context = {k: str(v) for k, v in row.items() if k != "paths" and not (
            isinstance(paths, dict) and k in paths)}
        if not isinstance(paths, dict):
            continue
        for field, path in paths.items():
            out.append(GridRowOut(path=str(path), field=str(field),
                                  field_label=field_label(str(field), lang),
                                  value=str(row.get(field, "")), context=context))
    return out


# --- session -------------------------------------------------------------------------------

@router.get("/session", response_model=SessionOut)
def session_info(request: Request, user: Actor) -> SessionOut:
    return SessionOut(user=user_out(user), csrf_token=csrf_token(request))


@router.post("/login", response_model=SessionOut)
def login(request: Request, s: DB, body: LoginIn) -> SessionOut | JSONResponse:
    ip = client_ip(request)
    lang = lang_of(request)
    # Answered, not raised: the failed attempt must be committed for the throttling to count.
    if not svc.login_allowed(s, body.username, ip):
        return JSONResponse(error_body("throttled", label("throttled", lang)), status_code=429)
    user = svc.authenticate(s, body.username, body.password, ip)
    if user is None:
        return JSONResponse(error_body("bad-login", label("bad_login", lang)), status_code=401)
    request.session.clear()
    request.session[SESSION_USER] = user.id
    return SessionOut(user=user_out(user), csrf_token=csrf_token(request))


@router.post("/logout", response_model=SessionOut)
def logout(request: Request) -> SessionOut:
    request.session.clear()
    return SessionOut(user=None, csrf_token=csrf_token(request))


# --- programs and versions -----------------------------------------------------------------

@router.get("/programs", response_model=list[ProgramOut])
def programs(s: DB, user: LoggedIn) -> list[ProgramOut]:
    return [ProgramOut(id=p.id, code=p.code, name=p.name, entity=p.entity.code,
                       formulations=[FormulationOut(fiscal_year=f.fiscal_year,
                                                    versions=[summary(v) for v in f.versions])
                                     for f in p.formulations])
            for p in svc.list_programs(s, user)]


@router.post("/programs", response_model=VersionOut, status_code=201)
def import_program(request: Request, s: DB, user: LoggedIn, body: ImportIn) -> VersionOut:
    version = svc.import_program(s, user, body.text, body.file_name, body.entity)
    return version_out(version, user, lang_of(request))


@router.get("/versions/{version_id}", response_model=VersionOut)
def version(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> VersionOut:
    return version_out(svc.get_version(s, user, version_id), user, lang_of(request))


@router.get("/versions/{version_id}/tree", response_model=TreeNodeOut)
def tree(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> TreeNodeOut:
    version = svc.get_version(s, user, version_id)
    return TreeNodeOut.model_validate(views.tree(result_of(version), lang_of(request)).to_dict())


@router.get("/versions/{version_id}/formulation", response_model=TableOut)
def formulation(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
                by: str = "activity") -> TableOut:
    version = svc.get_version(s, user, version_id)
    result = result_of(version)
    if by not in views.available(result):
        raise WebError(422, "invalid-breakdown", "invalid_request",
                       {"by": by, "available": views.available(result)})
    return TableOut.model_validate(views.formulation(result, lang_of(request), by).to_dict())


@router.get("/versions/{version_id}/grid/{kind}", response_model=list[GridRowOut])
def grid(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
         kind: str) -> list[GridRowOut]:
    version = svc.get_version(s, user, version_id)
    return grid_rows(version, kind, lang_of(request))


@router.patch("/versions/{version_id}", response_model=EditOut)
def edit(request: Request, s: DB, user: LoggedIn, version_id: VersionId, body: EditIn) -> EditOut:
    changes = [svc.Change(c.path, c.value) for c in body.changes]
    outcome = svc.edit(s, user, version_id, body.lock, changes)
    fmt = fmt_for(request, outcome.version)
    return EditOut(version=version_out(outcome.version, user, lang_of(request)),
                   total=str(outcome.total), total_text=fmt.money(outcome.total),
                   before_total=str(outcome.before_total),
                   changed=[ChangedFigure(figure=k, label=a.label(lang_of(request)),
                                          before=str(b.value), after=str(a.value),
                                          before_text=fmt.of(b), after_text=fmt.of(a))
                            for k, (b, a) in outcome.changed.items()])


@router.post("/versions/{version_id}/transition", response_model=VersionOut)
def transition(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
               body: TransitionIn) -> VersionOut:
    version = svc.transition(s, user, version_id, body.lock, body.action, body.comment)
    return version_out(version, user, lang_of(request))


@router.post("/versions/{version_id}/new", response_model=VersionOut, status_code=201)
def new_version(request: Request, s: DB, user: LoggedIn, version_id: VersionId) -> VersionOut:
    return version_out(svc.new_version(s, user, version_id), user, lang_of(request))


def comment_out(comment: Any) -> CommentOut:
    return CommentOut(id=comment.id, user=comment.user.display_name if comment.user else "-",
                      figure=comment.figure, text=comment.text, at=as_utc(comment.at))


@router.get("/versions/{version_id}/comments", response_model=list[CommentOut])
def comments(s: DB, user: LoggedIn, version_id: VersionId) -> list[CommentOut]:
    return [comment_out(c) for c in svc.comments(s, user, version_id)]


@router.post("/versions/{version_id}/comments", response_model=CommentOut, status_code=201)
def add_comment(s: DB, user: LoggedIn, version_id: VersionId, body: CommentIn) -> CommentOut:
    comment = svc.add_comment(s, user, version_id, body.text, body.figure)
    s.flush()
    s.refresh(comment)
    return comment_out(comment)


@router.get("/versions/{version_id}/lineage", response_model=FigureOut)
def lineage(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
            figure: str = "total") -> FigureOut:
    found = figure_of(svc.get_version(s, user, version_id), figure)
    return FigureOut.model_validate(found.to_dict(lang_of(request)))


@router.get("/versions/{version_id}/compare/{other_id}", response_model=ComparisonOut)
def compare(s: DB, user: LoggedIn, version_id: VersionId, other_id: OtherId) -> ComparisonOut:
    new = svc.get_version(s, user, version_id)
    old = svc.get_version(s, user, other_id)
    c = svc.compare(old, new)
    return ComparisonOut(
        old=old.id, new=new.id, total_before=str(c.total_before),
        total_after=str(c.total_after), difference=str(c.difference),
        changes=[ValueChangeOut(path=v.path, before=v.before, after=v.after) for v in c.changes],
        products=[ProductDeltaOut(code=p.code, name=p.name, before=str(p.before),
                                  after=str(p.after), difference=str(p.difference))
                  for p in c.products])


@router.get("/versions/{version_id}/review", response_model=dict[str, Any])
def review(request: Request, s: DB, user: LoggedIn, version_id: VersionId,
           tier: Literal["basic", "strict"] = "basic") -> dict[str, Any]:
    """The review engine's findings for the version (``costeo.review``): summary by kind of
    finding with the amount at stake, every finding with its evidence and location."""
    version = svc.get_version(s, user, version_id)
    lang = lang_of(request)
    found: dict[str, Any] = reviews.review_version(version, result_of(version), tier,
                                                   lang).to_dict(lang)
    return found


@router.get("/versions/{version_id}/audit", response_model=list[AuditOut])
def audit(s: DB, user: LoggedIn, version_id: VersionId) -> list[AuditOut]:
    version = svc.get_version(s, user, version_id)
    return [AuditOut(id=e.id, at=as_utc(e.at), username=e.username, action=e.action,
                     object_type=e.object_type, object_id=e.object_id, before=e.before,
                     after=e.after)
            for e in svc.audit(s, user, "version", version.id)]


@router.get("/versions/{version_id}/program.yaml", response_class=Response,
            responses={200: {"content": {"application/yaml": {}}}})
def program_yaml(s: DB, user: LoggedIn, version_id: VersionId) -> Response:
    from costeo.web.downloads import yaml

    return yaml(svc.get_version(s, user, version_id))


# --- public ------------------------------------------------------------------------------

@router.get("/public", response_model=list[VersionOut])
def public(request: Request, s: DB, user: Actor) -> list[VersionOut]:
    return [version_out(v, None, lang_of(request)) for v in svc.published_versions(s)]


@router.get("/public/{version_id}", response_model=PublicOut)
def public_budget(request: Request, s: DB, user: Actor, version_id: VersionId) -> PublicOut:
    version = svc.get_version(s, None, version_id)
    result = result_of(version)
    lang = lang_of(request)
    fmt = fmt_for(request, version)
    return PublicOut(
        version=version_out(version, None, lang),
        products=[TreemapNode.model_validate(n) for n in views.treemap(result, lang, fmt.money)],
        table=TableOut.model_validate(views.formulation(result, lang, "activity").to_dict()))

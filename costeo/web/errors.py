"""One error shape for every error: ``{"error": {"code", "message", "details"}}``.

API paths (``/api/...``) always answer JSON in that shape, including 404/405/422 raised by
the framework and the store's typed errors; page paths render the same code and message in
an HTML page (or redirect to the login page when the visitor is not logged in).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from costeo.store.errors import StoreError
from costeo.web.labels import label
from costeo.web.security import CsrfError

log = logging.getLogger("costeo.web")

HTTP_CODES = {
    400: ("bad-request", "invalid_request"),
    401: ("login-required", "login_required"),
    403: ("forbidden", "forbidden"),
    404: ("not-found", "not_found"),
    405: ("method-not-allowed", "method_not_allowed"),
    422: ("invalid-request", "invalid_request"),
    429: ("throttled", "throttled"),
}


class LoginRequired(Exception):
    """The route needs a logged-in user and there is none."""


class WebError(Exception):
    """An error raised by the web layer itself, with a stable code and a label key."""

    def __init__(self, status: int, code: str, label_key: str,
                 details: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.status, self.code, self.label_key = status, code, label_key
        self.details = details or {}


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def request_lang(request: Request) -> str:
    lang = getattr(request.state, "lang", None) or request.cookies.get("lang")
    return "en" if lang == "en" else "es"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")


def wants_partial(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def _respond(request: Request, status: int, code: str, message: str,
             details: Any = None) -> Response:
    if is_api(request) or wants_partial(request):
        return JSONResponse(error_body(code, message, details), status_code=status)
    from costeo.web.render import render_error

    return render_error(request, status, code, message, details)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the one error shape."""

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        lang = request_lang(request)
        return _respond(request, exc.status, exc.code, exc.message(lang), exc.details(lang))

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        lang = request_lang(request)
        return _respond(request, exc.status, exc.code, label(exc.label_key, lang), exc.details)

    @app.exception_handler(CsrfError)
    async def csrf_error(request: Request, exc: CsrfError) -> Response:
        return _respond(request, 403, "csrf-failed", label("csrf_failed", request_lang(request)))

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if is_api(request) or wants_partial(request):
            return _respond(request, 401, "login-required",
                            label("login_required", request_lang(request)))
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code, key = HTTP_CODES.get(exc.status_code, (f"http-{exc.status_code}", "error"))
        response = _respond(request, exc.status_code, code, label(key, request_lang(request)))
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        details = {"errors": [{"loc": [str(p) for p in e.get("loc", ())],
                               "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                              for e in exc.errors()]}
        return _respond(request, 422, "invalid-request",
                        label("invalid_request", request_lang(request)), details)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _respond(request, 500, "server-error", label("server_error", request_lang(request)))

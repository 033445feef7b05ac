"""The FastAPI application: pages, the JSON API under ``/api``, static files, security."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from costeo import __version__
from costeo.store import Store, open_store
from costeo.web import errors
from costeo.web.page_cache import PageCache
from costeo.web.security import SecureHeaders, check_csrf

STATIC = Path(__file__).parent / "static"
SESSION_COOKIE = "costeo_session"
SESSION_MAX_AGE = 8 * 3600


def create_app(store_url: str | None = None, secret_key: str | None = None, *,
               store: Store | None = None, https: bool = False,
               upgrade: bool = True) -> FastAPI:
    """Build the app over a store (``store_url``, ``COSTEO_DATABASE_URL`` or ./costeo.db).

    ``secret_key`` signs the session cookies; it defaults to ``COSTEO_SECRET_KEY`` and
    otherwise to a random key (sessions then last only as long as the process, and several
    workers must share one key: ``costeo serve`` passes one to all of them).
    ``https`` marks the cookie Secure and adds HSTS.
    """
    from costeo.web import api, pages

    store = store or open_store(store_url)
    if upgrade:
        store.upgrade()
    key = secret_key or os.environ.get("COSTEO_SECRET_KEY") or secrets.token_urlsafe(32)
    app = FastAPI(
        title="costeo",
        version=__version__,
        description="costeo JSON API: programs, versions, costing, workflow and lineage.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # Swagger UI would load from a CDN: only the JSON document is served
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
        dependencies=[Depends(check_csrf)],
    )
    app.state.store = store
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # Outermost last: headers wrap everything, the session wraps the page cache, which
    # wraps the routes.
    app.add_middleware(PageCache, store=store)
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie=SESSION_COOKIE,
                       max_age=SESSION_MAX_AGE, same_site="lax", https_only=https)
    app.add_middleware(SecureHeaders, https=https)
    return app


def app_from_env() -> FastAPI:
    """The factory ``costeo serve`` hands to uvicorn (one call per worker process): the store
    URL and the signing key come from ``COSTEO_DATABASE_URL`` and ``COSTEO_SECRET_KEY``; the
    parent process has already migrated the store. ``COSTEO_HTTPS=1`` (served behind a TLS
    proxy) marks the session cookie Secure and sends HSTS."""
    return create_app(upgrade=os.environ.get("COSTEO_SKIP_UPGRADE") != "1",
                      https=os.environ.get("COSTEO_HTTPS") == "1")

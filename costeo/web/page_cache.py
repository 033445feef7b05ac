"""Rendered pages replayed while the store has not changed.

A page is a function of the store's data, the reader (session user and CSRF token, which the
page embeds), the language cookie and the URL. ``Store.state()`` stamps the data (one cheap
query), so a GET answered 200 with HTML is kept under (URL, user, token, language, stamp) and
replayed, byte for byte, to the same session until anything is committed; then every page
is rendered afresh. Pages whose rendering touched the session (a new CSRF token, a user
logged out) are not kept, and neither is anything under ``/api`` or ``/static``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from costeo.store import Store
from costeo.web.deps import SESSION_USER
from costeo.web.security import CSRF_FIELD

Key = tuple[Any, ...]
Page = tuple[list[tuple[bytes, bytes]], bytes]
SKIP = ("/api/", "/static/")


class PageCache:
    """Pure ASGI middleware, inside the session middleware (it reads the decoded session)."""

    def __init__(self, app: ASGIApp, store: Store, size: int = 1024) -> None:
        self.app, self.store, self.size = app, store, size
        self.pages: OrderedDict[Key, Page] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0

    def key(self, scope: Scope) -> Key | None:
        if scope["type"] != "http" or scope["method"] != "GET" or \
                scope["path"].startswith(SKIP):
            return None
        session = scope.get("session") or {}
        token = session.get(CSRF_FIELD)
        if not token:  # the page would create the session's token: render it
            return None
        cookies = b"; ".join(v for k, v in scope["headers"] if k == b"cookie")
        lang = cookie_parser(cookies.decode("latin-1")).get("lang", "")
        return (scope["path"], scope["query_string"], session.get(SESSION_USER), token, lang,
                self.store.state())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        key = self.key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
                self.hits += 1
        if page is not None:
            headers, body = page
            await send({"type": "http.response.start", "status": 200, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return
        session_before = dict(scope.get("session") or {})
        started: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.update(status=message["status"], headers=list(message["headers"]))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if started.get("status") == 200 and _html(started["headers"]) \
                and dict(scope.get("session") or {}) == session_before:
            with self.lock:
                self.pages[key] = (started["headers"], b"".join(chunks))
                while len(self.pages) > self.size:
                    self.pages.popitem(last=False)


def _html(headers: list[tuple[bytes, bytes]]) -> bool:
    names = {name.lower(): value for name, value in headers}
    return names.get(b"content-type", b"").startswith(b"text/html") and \
        b"set-cookie" not in names

